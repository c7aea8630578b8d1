/* pm-due.c — when a measure is due, seen from today: overdue, due soon, later
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pm-due.h"

gboolean
pm_measure_status_is_open (const char *status)
{
  if (status == NULL)
    return TRUE;

  return strcmp (status, "done") != 0
         && strcmp (status, "verified") != 0
         && strcmp (status, "dropped") != 0;
}

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  guint year, month, day;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }
  if (sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

gboolean
pm_due_days_left (const char *due,
                  GDateTime  *now,
                  GTimeZone  *zone,
                  int        *days)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  GDate due_date;
  GDate today;

  g_return_val_if_fail (now != NULL, FALSE);

  if (!parse_date (due, &due_date))
    return FALSE;

  if (zone == NULL)
    zone = utc = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (now, zone);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  (GDateDay) g_date_time_get_day_of_month (local),
                  (GDateMonth) g_date_time_get_month (local),
                  (GDateYear) g_date_time_get_year (local));

  if (days != NULL)
    *days = g_date_days_between (&today, &due_date);
  return TRUE;
}

PmDueState
pm_due_get_state (const char *due,
                  const char *status,
                  GDateTime  *now,
                  GTimeZone  *zone)
{
  int days;

  g_return_val_if_fail (now != NULL, PM_DUE_NONE);

  if (!pm_measure_status_is_open (status))
    return PM_DUE_NONE;
  if (!pm_due_days_left (due, now, zone, &days))
    return PM_DUE_NONE;
  if (days < 0)
    return PM_DUE_OVERDUE;
  if (days <= PM_DUE_SOON_DAYS)
    return PM_DUE_SOON;
  return PM_DUE_LATER;
}
