/* test-measure-tracking.c — measures tracked to closure: status history, priority order, due
 * dates seen from different time zones, and the follow-up invitation (.ics)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pm-document-format.h"
#include "pm-due.h"
#include "pm-error.h"
#include "pm-ics.h"
#include "pm-status-change.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static PmDocument *
new_document_with_measures (guint n)
{
  PmDocument *document = pm_document_new ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-%u", i);
      g_autofree char *title = g_strdup_printf ("Measure %u", i);
      g_autoptr(PmMeasure) measure = pm_measure_new (id);

      pm_measure_set_title (measure, title);
      pm_document_append (document, pm_document_get_measures (document), measure);
    }

  return document;
}

static char *
measure_order (PmDocument *document)
{
  GListModel *measures = pm_document_get_measures (document);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, pm_measure_get_id (measure));
    }

  return g_string_free (out, FALSE);
}

static GDateTime *
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  return g_date_time_new_utc (year, month, day, hour, minute, 0);
}

static GTimeZone *
zone (const char *name)
{
  g_autoptr(GError) error = NULL;
  GTimeZone *tz = pm_time_zone_new (name, &error);

  g_assert_no_error (error);
  return tz;
}

/* ------------------------------------------------------------------------------------------ */
/* Status history                                                                             */
/* ------------------------------------------------------------------------------------------ */

static void
test_status_history (void)
{
  g_autoptr(PmDocument) document = new_document_with_measures (1);
  PmMeasure *measure = pm_document_find_measure (document, "m-0");
  GListModel *history = pm_measure_get_history (measure);
  g_autoptr(PmTime) when = pm_time_new (1730800000, 3600, PM_TIME_PRECISION_EXACT);
  g_autoptr(PmStatusChange) first = NULL;
  g_autoptr(PmStatusChange) second = NULL;

  pm_document_mark_saved (document);
  g_assert_cmpstr (pm_measure_get_status (measure), ==, "proposed");

  pm_document_change_measure_status (document, measure, "agreed", "Agreed in the room", when);
  pm_document_change_measure_status (document, measure, "in-progress", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  first = g_list_model_get_item (history, 0);
  second = g_list_model_get_item (history, 1);
  g_assert_cmpstr (pm_status_change_get_from (first), ==, "proposed");
  g_assert_cmpstr (pm_status_change_get_to (first), ==, "agreed");
  g_assert_cmpstr (pm_status_change_get_note (first), ==, "Agreed in the room");
  g_assert_true (pm_time_equal (pm_status_change_get_time (first), when));
  g_assert_cmpstr (pm_status_change_get_from (second), ==, "agreed");
  g_assert_nonnull (pm_status_change_get_time (second));

  /* The same status again records nothing. */
  pm_document_change_measure_status (document, measure, "in-progress", NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);

  /* A status change with a reorder is one undo step: both come back together. */
  {
    g_autoptr(PmDocument) doc = new_document_with_measures (3);
    PmMeasure *m2 = pm_document_find_measure (doc, "m-2");
    g_autofree char *order = NULL;

    pm_document_begin_change (doc, "Move Measure");
    pm_document_change_measure_status (doc, m2, "done", NULL, NULL);
    pm_document_move (doc, pm_document_get_measures (doc), 2, 0);
    pm_document_end_change (doc);
    order = measure_order (doc);
    g_assert_cmpstr (order, ==, "m-2 m-0 m-1");
    g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (m2)), ==, 1);

    g_assert_true (pm_document_undo (doc));
    g_clear_pointer (&order, g_free);
    order = measure_order (doc);
    g_assert_cmpstr (order, ==, "m-0 m-1 m-2");
    g_assert_cmpstr (pm_measure_get_status (m2), ==, "proposed");
    g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (m2)), ==, 0);

    g_assert_true (pm_document_redo (doc));
    g_assert_cmpstr (pm_measure_get_status (m2), ==, "done");
  }

  /* Undo takes the history entry away with the status. */
  g_assert_true (pm_document_undo (document));
  g_assert_cmpstr (pm_measure_get_status (measure), ==, "agreed");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
}

/* The history survives a save and a load, byte for byte. */
static void
test_status_history_round_trip (void)
{
  g_autoptr(PmDocument) document = new_document_with_measures (2);
  PmMeasure *measure = pm_document_find_measure (document, "m-1");
  g_autoptr(PmTime) when = pm_time_new (1730800020, -8 * 3600, PM_TIME_PRECISION_MINUTE);
  g_autoptr(PmDocument) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  g_autofree char *bytes_again = NULL;
  gsize length, length_again;
  PmMeasure *loaded;

  pm_document_begin_change (document, NULL);
  pm_document_change_measure_status (document, measure, "dropped", "Covered by m-0", when);
  pm_document_set (document, measure, "drop-reason", "Covered by m-0", NULL);
  pm_document_move (document, pm_document_get_measures (document), 1, 0);
  pm_document_end_change (document);

  bytes = pm_document_serialize (document, &length);
  again = pm_document_load_from_data (bytes, length, "again", &error);
  g_assert_no_error (error);
  loaded = pm_document_find_measure (again, "m-1");
  g_assert_cmpstr (pm_measure_get_status (loaded), ==, "dropped");
  g_assert_cmpstr (pm_measure_get_drop_reason (loaded), ==, "Covered by m-0");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (loaded)), ==, 1);
  bytes_again = pm_document_serialize (again, &length_again);
  g_assert_cmpmem (bytes, length, bytes_again, length_again);
  g_assert_nonnull (strstr (bytes, "\"from\": \"proposed\""));
}

/* ------------------------------------------------------------------------------------------ */
/* Priority order                                                                             */
/* ------------------------------------------------------------------------------------------ */

static void
test_ordering (void)
{
  g_autoptr(PmDocument) document = new_document_with_measures (4);
  GListModel *measures = pm_document_get_measures (document);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  pm_document_move (document, measures, 0, 3);
  a = measure_order (document);
  g_assert_cmpstr (a, ==, "m-1 m-2 m-3 m-0");
  pm_document_move (document, measures, 2, 1);
  b = measure_order (document);
  g_assert_cmpstr (b, ==, "m-1 m-3 m-2 m-0");
  g_assert_true (pm_document_undo (document));
  g_assert_true (pm_document_undo (document));
  c = measure_order (document);
  g_assert_cmpstr (c, ==, "m-0 m-1 m-2 m-3");
}

/* ------------------------------------------------------------------------------------------ */
/* Due dates                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
test_due_states (void)
{
  g_autoptr(GDateTime) now = utc (2024, 11, 20, 12, 0);
  int days = 0;

  g_assert_true (pm_measure_status_is_open ("proposed"));
  g_assert_true (pm_measure_status_is_open ("in-progress"));
  g_assert_true (pm_measure_status_is_open ("waiting-for-vendor"));  /* unknown: open */
  g_assert_false (pm_measure_status_is_open ("done"));
  g_assert_false (pm_measure_status_is_open ("verified"));
  g_assert_false (pm_measure_status_is_open ("dropped"));

  g_assert_cmpint (pm_due_get_state ("2024-11-19", "agreed", now, NULL), ==, PM_DUE_OVERDUE);
  g_assert_cmpint (pm_due_get_state ("2024-11-20", "agreed", now, NULL), ==, PM_DUE_SOON);
  g_assert_cmpint (pm_due_get_state ("2024-11-27", "agreed", now, NULL), ==, PM_DUE_SOON);
  g_assert_cmpint (pm_due_get_state ("2024-11-28", "agreed", now, NULL), ==, PM_DUE_LATER);
  g_assert_cmpint (pm_due_get_state ("2024-11-01", "done", now, NULL), ==, PM_DUE_NONE);
  g_assert_cmpint (pm_due_get_state ("2024-11-01", "dropped", now, NULL), ==, PM_DUE_NONE);
  g_assert_cmpint (pm_due_get_state (NULL, "agreed", now, NULL), ==, PM_DUE_NONE);
  g_assert_cmpint (pm_due_get_state ("2024-02-30", "agreed", now, NULL), ==, PM_DUE_NONE);
  g_assert_cmpint (pm_due_get_state ("next week", "agreed", now, NULL), ==, PM_DUE_NONE);
  g_assert_true (pm_due_days_left ("2024-12-01", now, NULL, &days));
  g_assert_cmpint (days, ==, 11);
}

/* "Today" is the date in the document's zone, not in UTC or the machine's zone. */
static void
test_due_time_zones (void)
{
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_autoptr(GTimeZone) la = zone ("America/Los_Angeles");
  g_autoptr(GTimeZone) auckland = zone ("Pacific/Auckland");
  /* 2024-11-15 23:30 UTC: already the 16th in Berlin and Auckland, still the 15th in LA. */
  g_autoptr(GDateTime) late = utc (2024, 11, 15, 23, 30);
  /* 2024-03-31 00:30 UTC: the night Berlin moves to summer time (02:30 local). */
  g_autoptr(GDateTime) dst = utc (2024, 3, 31, 0, 30);
  int days = 0;

  g_assert_cmpint (pm_due_get_state ("2024-11-15", "agreed", late, NULL), ==, PM_DUE_SOON);
  g_assert_cmpint (pm_due_get_state ("2024-11-15", "agreed", late, berlin), ==, PM_DUE_OVERDUE);
  g_assert_cmpint (pm_due_get_state ("2024-11-15", "agreed", late, la), ==, PM_DUE_SOON);
  g_assert_true (pm_due_days_left ("2024-11-15", late, auckland, &days));
  g_assert_cmpint (days, ==, -1);
  g_assert_true (pm_due_days_left ("2024-11-15", late, la, &days));
  g_assert_cmpint (days, ==, 0);

  g_assert_true (pm_due_days_left ("2024-04-07", dst, berlin, &days));
  g_assert_cmpint (days, ==, 7);
  g_assert_cmpint (pm_due_get_state ("2024-04-07", "agreed", dst, berlin), ==, PM_DUE_SOON);
  g_assert_cmpint (pm_due_get_state ("2024-04-08", "agreed", dst, berlin), ==, PM_DUE_LATER);
}

/* ------------------------------------------------------------------------------------------ */
/* .ics                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_ics_escape (void)
{
  g_autofree char *a = pm_ics_escape_text ("a,b;c\\d\ne\r\nf");
  g_autofree char *b = pm_ics_escape_text (NULL);

  g_assert_cmpstr (a, ==, "a\\,b\\;c\\\\d\\ne\\nf");
  g_assert_cmpstr (b, ==, "");
}

static void
test_ics_folding (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new ("DESCRIPTION:");
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) unfolded = g_string_new (NULL);

  /* Two-byte characters, so that a naive cut at 75 would split one. */
  for (guint i = 0; i < 100; i++)
    g_string_append (line, "ä");
  pm_ics_append_folded (out, line->str);

  g_assert_true (g_str_has_suffix (out->str, "\r\n"));
  lines = g_strsplit (out->str, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 3);
  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
      g_assert_null (strchr (lines[i], '\n'));
      if (i > 0)
        g_assert_cmpint (lines[i][0], ==, ' ');
      g_string_append (unfolded, i > 0 ? lines[i] + 1 : lines[i]);
    }
  g_assert_cmpstr (unfolded->str, ==, line->str);
}

static PmDocument *
document_with_follow_up (void)
{
  PmDocument *document = new_document_with_measures (3);
  g_autoptr(PmParticipant) ana = pm_participant_new ("p-ana");
  g_autoptr(PmFollowUp) follow_up = pm_follow_up_new ("fu-1");
  g_autoptr(GTimeZone) berlin = zone ("Europe/Berlin");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmTime) time = pm_time_parse_user ("2024-11-26 14:00", berlin, &error);
  const char *attendees[] = { "p-ana", NULL };
  PmMeasure *m0 = pm_document_find_measure (document, "m-0");
  PmMeasure *m1 = pm_document_find_measure (document, "m-1");

  g_assert_no_error (error);
  pm_document_set (document, document, "title", "Leaked key; rotated, checked\\done", NULL);
  pm_participant_set_name (ana, "Ana Müller");
  pm_document_append (document, pm_document_get_participants (document), ana);
  pm_document_set (document, m0, "owner", "p-ana", "due", "2024-12-01",
                   "ticket-key", "SEC-1", "title", "Rotate the key, then check", NULL);
  pm_document_change_measure_status (document, m1, "done", NULL, NULL);
  pm_follow_up_set_time (follow_up, time);
  pm_follow_up_set_attendees (follow_up, attendees);
  pm_document_append (document, pm_document_get_follow_ups (document), follow_up);

  return document;
}

static void
test_ics_write (void)
{
  g_autoptr(PmDocument) document = document_with_follow_up ();
  PmFollowUp *follow_up = pm_document_find_follow_up (document, "fu-1");
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = pm_ics_write_follow_up (document, follow_up, 1700000000, &error);
  g_autofree char *again = pm_ics_write_follow_up (document, follow_up, 1700000000, NULL);
  g_autoptr(PmFollowUp) unscheduled = pm_follow_up_new ("fu-2");
  g_autofree char *none = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (ics, ==, again);
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  g_assert_true (g_str_has_suffix (ics, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
  /* 14:00 in Berlin in November is 13:00 UTC. */
  g_assert_nonnull (strstr (ics, "\r\nDTSTART:20241126T130000Z\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nDTEND:20241126T140000Z\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nDTSTAMP:20231114T221320Z\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nUID:fu-1-"));
  g_assert_nonnull (strstr (ics, "SUMMARY:Postmortem follow-up: Leaked key\\; rotated\\, checked\\\\done"));

  /* No bare LF: every line ends with CRLF, and none is longer than 75 octets. */
  for (const char *p = ics; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_assert_cmpint (p[-1], ==, '\r');
    }
  lines = g_strsplit (ics, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (lines[i]), <=, 75);

  none = pm_ics_write_follow_up (document, unscheduled, 0, &error);
  g_assert_null (none);
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
}

static char *
write_at (PmDocument *document,
          const char *iso8601,
          gint64      timestamp,
          GError    **error)
{
  PmFollowUp *follow_up = pm_document_find_follow_up (document, "fu-1");
  g_autoptr(PmTime) time = pm_time_parse_iso8601 (iso8601, PM_TIME_PRECISION_MINUTE, NULL);

  g_assert_nonnull (time);
  pm_follow_up_set_time (follow_up, time);
  return pm_ics_write_follow_up (document, follow_up, timestamp, error);
}

/* Dates an invitation cannot hold (DTSTART or DTEND outside the years 0001–9999 in UTC) are
 * refused, never written as 1970; early years get their four digits. */
static void
test_ics_extreme_dates (void)
{
  g_autoptr(PmDocument) document = document_with_follow_up ();
  static const char * const refused[] = {
    "9999-12-31T23:30:00-08:00",   /* starts in the year 10000 in UTC */
    "9999-12-31T23:30:00+00:00",   /* ends there */
    "9999-12-31T23:01:00+00:00",
    "0001-01-01T00:30:00+01:00",   /* starts in the year 0 in UTC */
  };
  const struct { const char *time; const char *start; const char *end; } written[] = {
    { "0001-01-01T00:00:00+00:00", "DTSTART:00010101T000000Z", "DTEND:00010101T010000Z" },
    { "0005-03-04T10:00:00-02:00", "DTSTART:00050304T120000Z", "DTEND:00050304T130000Z" },
    { "9999-12-31T22:59:00+00:00", "DTSTART:99991231T225900Z", "DTEND:99991231T235900Z" },
    { "9999-12-31T23:59:00+18:00", "DTSTART:99991231T055900Z", "DTEND:99991231T065900Z" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *ics = write_at (document, refused[i], 1700000000, &error);

      g_test_message ("%s", refused[i]);
      g_assert_null (ics);
      g_assert_error (error, PM_ERROR, PM_ERROR_TIME);
      g_assert_nonnull (strstr (error->message, refused[i]));
      g_assert_nonnull (strstr (error->message, "0001 to 9999"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *ics = write_at (document, written[i].time, 1700000000, &error);

      g_assert_no_error (error);
      g_assert_nonnull (strstr (ics, written[i].start));
      g_assert_nonnull (strstr (ics, written[i].end));
      g_assert_null (strstr (ics, "1970"));
    }

  /* A time stamp out of range is refused too. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *ics = write_at (document, "2024-11-26T13:00:00+00:00",
                                     G_GINT64_CONSTANT (253402300800), &error);

    g_assert_null (ics);
    g_assert_error (error, PM_ERROR, PM_ERROR_TIME);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *ics = write_at (document, "2024-11-26T13:00:00+00:00",
                                     G_GINT64_CONSTANT (-62135596800), &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (ics, "DTSTAMP:00010101T000000Z"));
  }

  /* And checked on their own, for whatever schedules a follow-up. */
  {
    g_autoptr(PmTime) late = pm_time_parse_iso8601 ("9999-12-31T23:30:00+00:00",
                                                    PM_TIME_PRECISION_MINUTE, NULL);
    g_autoptr(PmTime) fine = pm_time_parse_iso8601 ("2025-01-14T14:00:00+01:00",
                                                    PM_TIME_PRECISION_MINUTE, NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (pm_ics_check_time (fine, NULL));
    g_assert_false (pm_ics_check_time (late, &error));
    g_assert_error (error, PM_ERROR, PM_ERROR_TIME);
  }
}

static void
test_ics_timestamp (void)
{
  g_setenv ("SOURCE_DATE_EPOCH", "1234567890", TRUE);
  g_assert_cmpint (pm_ics_get_timestamp (), ==, 1234567890);
  /* Beyond the year 9999: not a time stamp an invitation can hold, so now. */
  g_setenv ("SOURCE_DATE_EPOCH", "253402300800", TRUE);
  g_assert_cmpint (pm_ics_get_timestamp (), >, 1700000000);
  g_assert_cmpint (pm_ics_get_timestamp (), <, G_GINT64_CONSTANT (253402300800));
  g_setenv ("SOURCE_DATE_EPOCH", "253402300799", TRUE);
  g_assert_cmpint (pm_ics_get_timestamp (), ==, G_GINT64_CONSTANT (253402300799));
  g_setenv ("SOURCE_DATE_EPOCH", "garbage", TRUE);
  g_assert_cmpint (pm_ics_get_timestamp (), >, 1700000000);
  g_unsetenv ("SOURCE_DATE_EPOCH");
  g_assert_cmpint (pm_ics_get_timestamp (), >, 1700000000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/measures/status-history", test_status_history);
  g_test_add_func ("/measures/status-history-round-trip", test_status_history_round_trip);
  g_test_add_func ("/measures/ordering", test_ordering);
  g_test_add_func ("/measures/due/states", test_due_states);
  g_test_add_func ("/measures/due/time-zones", test_due_time_zones);
  g_test_add_func ("/ics/escape", test_ics_escape);
  g_test_add_func ("/ics/folding", test_ics_folding);
  g_test_add_func ("/ics/write", test_ics_write);
  g_test_add_func ("/ics/timestamp", test_ics_timestamp);
  g_test_add_func ("/ics/extreme-dates", test_ics_extreme_dates);

  return g_test_run ();
}
