/* pm-meeting-button.h — running the meeting from the header bar: timer, agenda, parking lot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"
#include "pm-meeting-timer.h"

G_BEGIN_DECLS

#define PM_TYPE_MEETING_BUTTON (pm_meeting_button_get_type ())
G_DECLARE_FINAL_TYPE (PmMeetingButton, pm_meeting_button, PM, MEETING_BUTTON, AdwBin)

GtkWidget      *pm_meeting_button_new          (void);
PmDocument     *pm_meeting_button_get_document (PmMeetingButton *self);
/* A new timer (on pm_clock_get_default()) for @document; the old one is paused first, so its
 * time is in its document. NULL hides the button. */
void            pm_meeting_button_set_document (PmMeetingButton *self,
                                                PmDocument      *document);
/* Borrowed; NULL without a document. */
PmMeetingTimer *pm_meeting_button_get_timer    (PmMeetingButton *self);

/* The window page that belongs to an agenda step ("overview", "timeline", …), NULL for the
 * publishing step (it opens the publish dialog) and for steps this version does not know. */
const char     *pm_meeting_step_page           (const char      *step);

/* Starts the meeting (the first time: with the ground rules card), pauses or resumes it. */
void            pm_meeting_button_start_pause  (PmMeetingButton *self);
/* Goes on to the next step and brings its page forward. */
void            pm_meeting_button_next_step    (PmMeetingButton *self);
/* Opens the agenda popover. */
void            pm_meeting_button_show_agenda  (PmMeetingButton *self);

/* For the tests: what the header shows. */
const char     *_pm_meeting_button_get_time_text (PmMeetingButton *self);
const char     *_pm_meeting_button_get_step_text (PmMeetingButton *self);
GtkPopover     *_pm_meeting_button_get_popover (PmMeetingButton *self);
/* The time box field of the agenda's step at @position. */
GtkSpinButton  *_pm_meeting_button_get_minutes (PmMeetingButton *self,
                                                guint            position);

G_END_DECLS
