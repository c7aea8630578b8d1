/* pm-due.h — when a measure is due, seen from today: overdue, due soon, later
 *
 * "Today" is a calendar date in the document's zone: a measure due on 2024-11-15 is overdue in
 * Berlin from 2024-11-16 00:00 Berlin time, whatever the zone of the machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PM_DUE_NONE,      /* no due date, or the measure is closed */
  PM_DUE_LATER,     /* due more than PM_DUE_SOON_DAYS days from today */
  PM_DUE_SOON,      /* due today or within PM_DUE_SOON_DAYS days */
  PM_DUE_OVERDUE,   /* the due date has passed and the measure is still open */
} PmDueState;

#define PM_DUE_SOON_DAYS 7

/* Whether a measure with @status still needs work: not done, verified or dropped. A status
 * this version does not know counts as open. */
gboolean    pm_measure_status_is_open (const char *status);

/* Days from today (in @zone, NULL: UTC, at @now) to the ISO date @due ("YYYY-MM-DD"):
 * negative when it has passed. FALSE when @due is NULL or not a date. */
gboolean    pm_due_days_left          (const char *due,
                                       GDateTime  *now,
                                       GTimeZone  *zone,
                                       int        *days);

PmDueState  pm_due_get_state          (const char *due,
                                       const char *status,
                                       GDateTime  *now,
                                       GTimeZone  *zone);

G_END_DECLS
