/* test-quick-entry.c — the timeline's quick-entry line: time, actor, text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-error.h"
#include "pm-quick-entry.h"

static GTimeZone *
berlin (void)
{
  g_autoptr(GError) error = NULL;
  GTimeZone *zone = pm_time_zone_new ("Europe/Berlin", &error);

  g_assert_no_error (error);
  return zone;
}

static void
check (const char      *line,
       const PmTime    *reference,
       const char      *iso,       /* NULL: unknown time */
       PmTimePrecision  precision,
       const char      *actor,
       const char      *text)
{
  g_autoptr(GTimeZone) zone = berlin ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PmTime) time = NULL;
  g_autofree char *got_actor = NULL;
  g_autofree char *got_text = NULL;

  g_assert_true (pm_quick_entry_parse (line, zone, reference, &time, &got_actor, &got_text,
                                       &error));
  g_assert_no_error (error);
  if (iso == NULL)
    g_assert_null (time);
  else
    {
      g_autofree char *got_iso = NULL;

      g_assert_nonnull (time);
      got_iso = pm_time_to_iso8601 (time);
      g_assert_cmpstr (got_iso, ==, iso);
      g_assert_cmpint (pm_time_get_precision (time), ==, precision);
    }
  g_assert_cmpstr (got_actor, ==, actor);
  g_assert_cmpstr (got_text, ==, text);
}

static void
check_error (const char *line)
{
  g_autoptr(GTimeZone) zone = berlin ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PmTime) time = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *text = NULL;

  g_assert_false (pm_quick_entry_parse (line, zone, NULL, &time, &actor, &text, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_TIME);
  g_assert_null (time);
  g_assert_null (actor);
  g_assert_null (text);
}

static void
test_clock_only (void)
{
  /* 2024-10-26T18:00:00+02:00, summer time in Berlin */
  g_autoptr(PmTime) reference = pm_time_new (1729958400, 7200, PM_TIME_PRECISION_EXACT);

  check ("14:32 SOC paged the on-call", reference,
         "2024-10-26T14:32:00+02:00", PM_TIME_PRECISION_MINUTE, "SOC", "paged the on-call");
  check ("  9:05:17   SOC: paged the on-call ", reference,
         "2024-10-26T09:05:17+02:00", PM_TIME_PRECISION_EXACT, "SOC", "paged the on-call");
  check ("14:32Z SOC paged", reference,
         "2024-10-26T14:32:00+00:00", PM_TIME_PRECISION_MINUTE, "SOC", "paged");
  check ("14:32 -05:00 Customer opened a ticket", reference,
         "2024-10-26T14:32:00-05:00", PM_TIME_PRECISION_MINUTE, "Customer",
         "opened a ticket");
  /* "Z-team" is an actor, not an offset */
  check ("14:32 Z-team noticed", reference,
         "2024-10-26T14:32:00+02:00", PM_TIME_PRECISION_MINUTE, "Z-team", "noticed");
}

static void
test_full_date (void)
{
  check ("2023-01-04 09:15+01:00 Vendor notified us", NULL,
         "2023-01-04T09:15:00+01:00", PM_TIME_PRECISION_MINUTE, "Vendor", "notified us");
  check ("2023-01-04T09:15:30Z Vendor notified us", NULL,
         "2023-01-04T09:15:30+00:00", PM_TIME_PRECISION_EXACT, "Vendor", "notified us");
  /* In the zone: winter time in Berlin */
  check ("2023-01-04 09:15 Vendor notified us", NULL,
         "2023-01-04T09:15:00+01:00", PM_TIME_PRECISION_MINUTE, "Vendor", "notified us");
  check ("2023-01-04 Security Ops: rotated all keys", NULL,
         "2023-01-04T00:00:00+01:00", PM_TIME_PRECISION_DAY, "Security Ops", "rotated all keys");
}

static void
test_no_time (void)
{
  check ("The key was created in 2019", NULL, NULL, 0, "The", "key was created in 2019");
  check ("Platform team: the key was created in 2019", NULL, NULL, 0,
         "Platform team", "the key was created in 2019");
  check ("Reboot", NULL, NULL, 0, "", "Reboot");
  /* Looks like a time but is not one */
  check ("14:32abc happened", NULL, NULL, 0, "14:32abc", "happened");
  /* a colon far into the text is not an actor */
  check ("They said a lot of words before this: hello", NULL, NULL, 0,
         "They", "said a lot of words before this: hello");
}

static void
test_errors (void)
{
  check_error ("");
  check_error ("14:32");
  check_error ("2023-02-30 10:00 Vendor notified us");
  check_error ("25:00 SOC paged");
  /* skipped by the change to summer time in Berlin */
  check_error ("2024-03-31 02:30 SOC paged");
  check_error ("14:32 SOC:");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quick-entry/clock-only", test_clock_only);
  g_test_add_func ("/quick-entry/full-date", test_full_date);
  g_test_add_func ("/quick-entry/no-time", test_no_time);
  g_test_add_func ("/quick-entry/errors", test_errors);

  return g_test_run ();
}
