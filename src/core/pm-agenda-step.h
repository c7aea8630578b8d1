/* pm-agenda-step.h — one step of the meeting's agenda: its time box and the time spent on it
 *
 * The meeting follows the method's steps (what happened, event storming, root causes and
 * measures, follow-up, publishing), each with a time box in minutes. The time actually spent is
 * counted in seconds by PmMeetingTimer and saved with the document. A step id this version
 * does not know (written by a newer one) is kept verbatim and shown by its id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The method's steps, in their order. */
#define PM_AGENDA_STEP_WHAT_HAPPENED   "what-happened"
#define PM_AGENDA_STEP_EVENT_STORMING  "event-storming"
#define PM_AGENDA_STEP_ROOT_CAUSES     "root-causes"
#define PM_AGENDA_STEP_FOLLOW_UP       "follow-up"
#define PM_AGENDA_STEP_PUBLISHING      "publishing"

/* A time box is at most a day; time spent at most 30 days (a meeting spread over weeks). */
#define PM_AGENDA_MAX_MINUTES          (24 * 60)
#define PM_AGENDA_MAX_SPENT_SECONDS    G_GINT64_CONSTANT (2592000)

#define PM_TYPE_AGENDA_STEP (pm_agenda_step_get_type ())
G_DECLARE_FINAL_TYPE (PmAgendaStep, pm_agenda_step, PM, AGENDA_STEP, GObject)

/* Properties: "step" (construct-only id, e.g. "event-storming"), "minutes" (the time box,
 * 0–1440), "spent-seconds" (0–2592000; larger values are clamped). Setters notify only on a
 * real change. */
PmAgendaStep  *pm_agenda_step_new               (const char   *step,
                                                 int           minutes);
const char    *pm_agenda_step_get_step          (PmAgendaStep *self);
/* The translated name of a known step, else its id. */
const char    *pm_agenda_step_get_title         (PmAgendaStep *self);
int            pm_agenda_step_get_minutes       (PmAgendaStep *self);
void           pm_agenda_step_set_minutes       (PmAgendaStep *self,
                                                 int           minutes);
gint64         pm_agenda_step_get_spent_seconds (PmAgendaStep *self);
void           pm_agenda_step_set_spent_seconds (PmAgendaStep *self,
                                                 gint64        seconds);

/* The default agenda of a two-hour meeting: NULL-terminated step ids, and the time box of
 * each (-1 for a step that is not one of ours). */
const char * const *pm_agenda_default_steps     (void);
int            pm_agenda_default_minutes        (const char   *step);
/* The translated name of @step, or NULL when it is not one of ours. */
const char    *pm_agenda_step_title_for         (const char   *step);

G_END_DECLS
