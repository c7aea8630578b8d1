/* pm-meeting-timer.h — runs the meeting along its agenda: the current step and its time box
 *
 * The timer counts the time spent on the current step with a PmClock (monotonic; a fake one in
 * tests) and adds it to the step's "spent-seconds" in the document: when it is paused, when the
 * meeting moves to another step, and every PM_MEETING_FLUSH_SECONDS while it runs. Those are
 * meeting progress, not edits: they go in without an undo step (pm_document_set_without_undo),
 * mark the document modified and so reach the autosaved draft within seconds. A crash loses at
 * most the last minute of timing; a save holds the time up to the last of those moments (the
 * header's meeting button also writes it when its window is asked to close).
 *
 * Signals:
 *   "changed" (PmMeetingTimer *self)   what a view shows may have changed: a second passed, the
 *                                      step changed, the timer started or paused
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-clock.h"
#include "pm-document.h"

G_BEGIN_DECLS

#define PM_MEETING_FLUSH_SECONDS 60

#define PM_TYPE_MEETING_TIMER (pm_meeting_timer_get_type ())
G_DECLARE_FINAL_TYPE (PmMeetingTimer, pm_meeting_timer, PM, MEETING_TIMER, GObject)

/* @clock NULL: pm_clock_get_default(). Properties: "document", "clock" (construct-only),
 * "running" (read-only). */
PmMeetingTimer *pm_meeting_timer_new            (PmDocument     *document,
                                                 PmClock        *clock);
PmDocument     *pm_meeting_timer_get_document   (PmMeetingTimer *self);
PmClock        *pm_meeting_timer_get_clock      (PmMeetingTimer *self);
gboolean        pm_meeting_timer_get_running    (PmMeetingTimer *self);
/* Whether the meeting has begun (the document has a current step). */
gboolean        pm_meeting_timer_get_started    (PmMeetingTimer *self);
/* The current step, or before the meeting the first one (borrowed; NULL: empty agenda). */
PmAgendaStep   *pm_meeting_timer_get_step       (PmMeetingTimer *self);
/* Whole seconds spent on @step, the running part included. */
gint64          pm_meeting_timer_get_elapsed    (PmMeetingTimer *self,
                                                 PmAgendaStep   *step);
/* Seconds left in the current step's time box; negative when it ran over. */
gint64          pm_meeting_timer_get_remaining  (PmMeetingTimer *self);

/* Starts or resumes counting. Returns TRUE when this began the meeting (the first start: the
 * moment for the ground rules). */
gboolean        pm_meeting_timer_start          (PmMeetingTimer *self);
void            pm_meeting_timer_pause          (PmMeetingTimer *self);
/* Moves to the step after the current one and returns it (borrowed), or NULL at the last. */
PmAgendaStep   *pm_meeting_timer_next_step      (PmMeetingTimer *self);
void            pm_meeting_timer_go_to_step     (PmMeetingTimer *self,
                                                 PmAgendaStep   *step);
/* Writes the time counted so far into the document now. */
void            pm_meeting_timer_flush          (PmMeetingTimer *self);

/* "12:34", or "1:02:03" from an hour on; the sign is dropped. */
char           *pm_meeting_format_duration      (gint64          seconds);

G_END_DECLS
