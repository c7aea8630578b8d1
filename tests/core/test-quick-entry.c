/* test-quick-entry.c — the timeline's quick-entry line: time, actor, text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-clock.h"
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
test_midnight (void)
{
  /* 2024-03-10T23:27:00+01:00 */
  g_autoptr(PmTime) late = pm_time_new (1710109620, 3600, PM_TIME_PRECISION_MINUTE);
  /* 2024-03-10T00:00:00+01:00, a day */
  g_autoptr(PmTime) day = pm_time_new (1710025200, 3600, PM_TIME_PRECISION_DAY);

  /* forwards over midnight, not 23 hours back */
  check ("00:36 DBA restarted the primary", late,
         "2024-03-11T00:36:00+01:00", PM_TIME_PRECISION_MINUTE, "DBA", "restarted the primary");
  /* a little earlier the same evening stays on that day */
  check ("22:05 SOC paged the on-call", late,
         "2024-03-10T22:05:00+01:00", PM_TIME_PRECISION_MINUTE, "SOC", "paged the on-call");
  check ("11:28 SOC paged the on-call", late,
         "2024-03-10T11:28:00+01:00", PM_TIME_PRECISION_MINUTE, "SOC", "paged the on-call");
  /* 12 hours and a minute back: the next morning */
  check ("11:26 SOC paged the on-call", late,
         "2024-03-11T11:26:00+01:00", PM_TIME_PRECISION_MINUTE, "SOC", "paged the on-call");
  /* a date known only to the day: any time on that day */
  check ("00:36 DBA restarted the primary", day,
         "2024-03-10T00:36:00+01:00", PM_TIME_PRECISION_MINUTE, "DBA", "restarted the primary");
  check ("23:59 DBA restarted the primary", day,
         "2024-03-10T23:59:00+01:00", PM_TIME_PRECISION_MINUTE, "DBA", "restarted the primary");
}

static void
test_today_by_clock (void)
{
  g_autoptr(PmClock) clock = pm_clock_new_fake (0);

  /* 2021-06-01T22:30:00Z: already 2 June in Berlin */
  pm_clock_set_wall_time (clock, G_GINT64_CONSTANT (1622586600) * G_USEC_PER_SEC);
  pm_clock_set_default (clock);
  check ("14:32 SOC paged the on-call", NULL,
         "2021-06-02T14:32:00+02:00", PM_TIME_PRECISION_MINUTE, "SOC", "paged the on-call");
  pm_clock_set_default (NULL);
}

static PmEvent *
add_event (PmDocument   *document,
           const char   *id,
           const PmTime *time)
{
  g_autoptr(PmEvent) event = pm_event_new (id);

  pm_event_set_time (event, time);
  pm_document_add_event (document, event);
  return event;
}

static void
test_reference (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  /* 2024-03-10T09:00:00+01:00, 2024-03-10T23:27:00+01:00, 2024-03-10T12:00:00+01:00 */
  g_autoptr(PmTime) start = pm_time_new (1710057600, 3600, PM_TIME_PRECISION_MINUTE);
  g_autoptr(PmTime) late = pm_time_new (1710109620, 3600, PM_TIME_PRECISION_MINUTE);
  g_autoptr(PmTime) noon = pm_time_new (1710068400, 3600, PM_TIME_PRECISION_MINUTE);
  PmEvent *first, *second;

  /* no date anywhere: the caller falls back to today */
  g_assert_null (pm_quick_entry_get_reference (document, NULL));

  g_object_set (document, "start", start, NULL);
  g_assert_true (pm_time_equal (pm_quick_entry_get_reference (document, NULL), start));

  /* an event without a time does not count */
  add_event (document, "e0", NULL);
  g_assert_true (pm_time_equal (pm_quick_entry_get_reference (document, NULL), start));

  first = add_event (document, "e1", late);
  second = add_event (document, "e2", noon);
  add_event (document, "e3", NULL);
  /* the last event on the timeline with a known time */
  g_assert_true (pm_time_equal (pm_quick_entry_get_reference (document, NULL), late));
  /* the focused event wins */
  g_assert_true (pm_time_equal (pm_quick_entry_get_reference (document, first), late));
  g_assert_true (pm_time_equal (pm_quick_entry_get_reference (document, second), noon));
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

static void
check_marks (const char *typed,
             const char *text,
             const char *kind,
             gboolean    contributed,
             gboolean    slowed)
{
  g_autofree char *got_kind = NULL;
  g_autofree char *rest = NULL;
  gboolean got_contributed, got_slowed;

  rest = pm_quick_entry_take_marks (typed, &got_kind, &got_contributed, &got_slowed);
  g_assert_cmpstr (rest, ==, text);
  g_assert_cmpstr (got_kind, ==, kind);
  g_assert_cmpint (got_contributed, ==, contributed);
  g_assert_cmpint (got_slowed, ==, slowed);
}

/* A few typed characters set the kind and the two flags. */
static void
test_marks (void)
{
  check_marks ("SOC paged the on-call #detection", "SOC paged the on-call", "detection", FALSE, FALSE);
  check_marks ("SOC paged the on-call #det !", "SOC paged the on-call", "detection", TRUE, FALSE);
  check_marks ("Pager was muted ~ ! #Resp", "Pager was muted", "response", TRUE, TRUE);
  check_marks ("Pager was muted  #trigger  ", "Pager was muted", "trigger", FALSE, FALSE);
  /* Not marks: an unknown or ambiguous tag, a short one, marks inside the text, marks only. */
  check_marks ("Ticket #1234 opened", "Ticket #1234 opened", NULL, FALSE, FALSE);
  check_marks ("Ticket opened #1234", "Ticket opened #1234", NULL, FALSE, FALSE);
  check_marks ("Restored #re", "Restored #re", NULL, FALSE, FALSE);
  check_marks ("Restored #de", "Restored #de", NULL, FALSE, FALSE);
  check_marks ("Wow! it worked", "Wow! it worked", NULL, FALSE, FALSE);
  check_marks ("! ~", "! ~", NULL, FALSE, FALSE);
  check_marks ("#detection", "#detection", NULL, FALSE, FALSE);
  /* A mark counts once: a second "!" is text. */
  check_marks ("Alarm ! !", "Alarm !", NULL, TRUE, FALSE);
  /* No marks at all, one word, an empty text. */
  check_marks ("two", "two", NULL, FALSE, FALSE);
  check_marks ("on-call paged", "on-call paged", NULL, FALSE, FALSE);
  check_marks ("", "", NULL, FALSE, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/quick-entry/clock-only", test_clock_only);
  g_test_add_func ("/quick-entry/full-date", test_full_date);
  g_test_add_func ("/quick-entry/no-time", test_no_time);
  g_test_add_func ("/quick-entry/midnight", test_midnight);
  g_test_add_func ("/quick-entry/today-by-clock", test_today_by_clock);
  g_test_add_func ("/quick-entry/reference", test_reference);
  g_test_add_func ("/quick-entry/errors", test_errors);

  g_test_add_func ("/quick-entry/marks", test_marks);

  return g_test_run ();
}
