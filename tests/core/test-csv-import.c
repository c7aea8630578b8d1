/* test-csv-import.c — CSV timelines into documents, with the real incidents in tests/data/cases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "pm-csv-import.h"
#include "pm-document-format.h"
#include "pm-error.h"

static void
append_csv_field (GString    *csv,
                  const char *value)
{
  if (strpbrk (value, ",\"\n\r") == NULL)
    {
      g_string_append (csv, value);
      return;
    }
  g_string_append_c (csv, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

/* Writes a case's events as the CSV a spreadsheet would export, CRLF and all. */
static char *
case_to_csv (JsonArray *events)
{
  GString *csv = g_string_new ("\xef\xbb\xbftime,actor,text,kind\r\n");

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      JsonNode *time = json_object_get_member (event, "time");

      if (!JSON_NODE_HOLDS_NULL (time))
        append_csv_field (csv, json_node_get_string (time));
      g_string_append_c (csv, ',');
      append_csv_field (csv, json_object_get_string_member (event, "actor"));
      g_string_append_c (csv, ',');
      append_csv_field (csv, json_object_get_string_member (event, "text"));
      g_string_append_c (csv, ',');
      append_csv_field (csv, json_object_get_string_member (event, "kind"));
      g_string_append (csv, "\r\n");
    }
  return g_string_free (csv, FALSE);
}

static void
test_real_case (gconstpointer data)
{
  const char *name = data;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cases", name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(PmDocument) reloaded = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  JsonArray *events;
  GListModel *imported;
  guint n_events, n_participants;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  events = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "events");
  csv = case_to_csv (events);

  g_assert_true (pm_csv_import (document, csv, strlen (csv), name, utc,
                                &n_events, &n_participants, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_events, ==, json_array_get_length (events));
  g_assert_cmpuint (n_participants, ==, 0);

  /* The cases are in timeline order; the import keeps that order, unknown times included. */
  imported = pm_document_get_events (document);
  g_assert_cmpuint (g_list_model_get_n_items (imported), ==, n_events);
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (imported, i);
      JsonObject *expected = json_array_get_object_element (events, i);
      JsonNode *time = json_object_get_member (expected, "time");

      g_assert_cmpstr (pm_event_get_text (event), ==,
                       json_object_get_string_member (expected, "text"));
      g_assert_cmpstr (pm_event_get_kind (event), ==,
                       json_object_get_string_member (expected, "kind"));
      if (JSON_NODE_HOLDS_NULL (time))
        g_assert_null (pm_event_get_time (event));
      else if (strlen (json_node_get_string (time)) == 10)
        g_assert_cmpint (pm_time_get_precision (pm_event_get_time (event)), ==,
                         PM_TIME_PRECISION_DAY);
      else
        g_assert_nonnull (pm_event_get_time (event));
    }

  /* Import is one undo step. */
  g_assert_true (pm_document_get_modified (document));

  saved = pm_document_serialize (document, NULL);
  reloaded = pm_document_load_from_data (saved, strlen (saved), name, &error);
  g_assert_no_error (error);
  saved_again = pm_document_serialize (reloaded, NULL);
  g_assert_cmpstr (saved, ==, saved_again);

  pm_document_undo (document);
  g_assert_cmpuint (g_list_model_get_n_items (imported), ==, 0);
}

static char *
order_of (PmDocument *document)
{
  GListModel *events = pm_document_get_events (document);
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      g_string_append_printf (order, "%s%s", i ? "|" : "", pm_event_get_text (event));
    }
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static PmDocument *
import_ok (const char *csv,
           GTimeZone  *zone)
{
  g_autoptr(GError) error = NULL;
  PmDocument *document = pm_document_new ();

  g_assert_true (pm_csv_import (document, csv, strlen (csv), "t.csv", zone, NULL, NULL, &error));
  g_assert_no_error (error);
  return document;
}

static void
test_unknown_times_keep_place (void)
{
  const char *csv =
    "time,actor,text,kind\n"
    ",Ops,old fact,background\n"
    "2024-03-04 10:00,CI,second,trigger\n"
    ",CI,after second,response\n"
    "2024-03-04 09:00,CI,first,trigger\n"
    "2024-03-04,SOC,that day,detection\n";
  g_autoptr(PmDocument) document = import_ok (csv, NULL);
  g_autofree char *order = order_of (document);

  /* Leading unknown times stay first, as in pm_timeline_order(); "after second" stays attached
   * to "second"; a whole day starts at midnight, before "first" on that day. */
  g_assert_cmpstr (order, ==, "old fact|that day|first|second|after second");
}

static void
test_zone_and_extra_columns (void)
{
  const char *csv =
    "Kind,time,actor,text,lane,contributor\n"
    "trigger,2024-07-01 10:00,CI,summer,Build,Ana Lima\n"
    "response,2024-12-01T10:00:00-05:00,Vendor,exact with offset,,ana lima\n"
    "detection,2024-12-01 10:00,SOC,winter,,Ben\n";
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = pm_document_new ();
  GListModel *events = pm_document_get_events (document);
  guint n_events, n_participants;

  g_assert_true (pm_csv_import (document, csv, strlen (csv), "t.csv", berlin,
                                &n_events, &n_participants, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_events, ==, 3);
  /* "Ana Lima" and "ana lima" are one person; Ben is another. */
  g_assert_cmpuint (n_participants, ==, 2);

  {
    g_autoptr(PmEvent) summer = g_list_model_get_item (events, 0);
    g_autoptr(PmEvent) winter = g_list_model_get_item (events, 1);
    g_autoptr(PmEvent) vendor = g_list_model_get_item (events, 2);

    g_assert_cmpstr (pm_event_get_text (summer), ==, "summer");
    g_assert_cmpint (pm_time_get_offset (pm_event_get_time (summer)), ==, 7200);
    g_assert_cmpint (pm_time_get_precision (pm_event_get_time (summer)), ==, PM_TIME_PRECISION_MINUTE);
    g_assert_cmpstr (pm_event_get_lane (summer), ==, "Build");
    g_assert_cmpstr (pm_event_get_text (winter), ==, "winter");
    g_assert_cmpint (pm_time_get_offset (pm_event_get_time (winter)), ==, 3600);
    g_assert_cmpstr (pm_event_get_text (vendor), ==, "exact with offset");
    g_assert_cmpint (pm_time_get_offset (pm_event_get_time (vendor)), ==, -5 * 3600);
    g_assert_cmpint (pm_time_get_precision (pm_event_get_time (vendor)), ==, PM_TIME_PRECISION_EXACT);
    g_assert_cmpstr (pm_event_get_contributor (summer), ==, pm_event_get_contributor (vendor));
    g_assert_nonnull (pm_document_find_participant (document, pm_event_get_contributor (winter)));
  }
}

/* A spreadsheet on Windows writes the line break in a cell as CR LF: the event holds LF. */
static void
test_crlf_in_text (void)
{
  const char *csv =
    "time,actor,text,kind\r\n"
    "2024-07-01 10:00,CI,\"Build failed\r\nand was retried\r\n\",trigger\r\n"
    "2024-07-01 10:05,Ops,\"Paged\",response\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = pm_document_new ();
  GListModel *events = pm_document_get_events (document);
  guint n_events, n_participants;

  g_assert_true (pm_csv_import (document, csv, strlen (csv), "t.csv", NULL,
                                &n_events, &n_participants, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_events, ==, 2);
  {
    g_autoptr(PmEvent) first = g_list_model_get_item (events, 0);

    /* Trailing blanks of a field are trimmed, as in any other. */
    g_assert_cmpstr (pm_event_get_text (first), ==, "Build failed\nand was retried");
  }
}

static void
assert_import_fails (const char *csv,
                     int         code,
                     const char *fragment)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmEvent) existing = pm_event_new ("ev-keep");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  pm_document_add_event (document, existing);
  pm_document_mark_saved (document);
  before = pm_document_serialize (document, NULL);

  g_assert_false (pm_csv_import (document, csv, strlen (csv), "bad.csv", NULL, NULL, NULL, &error));
  g_assert_error (error, PM_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);

  /* Nothing was added. */
  after = pm_document_serialize (document, NULL);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (pm_document_get_modified (document));
}

static void
test_errors (void)
{
  assert_import_fails ("", PM_ERROR_INVALID, "bad.csv: the file is empty");
  assert_import_fails ("time,actor,text\n", PM_ERROR_INVALID, "bad.csv:1: the header row has no column “kind”");
  assert_import_fails ("time,actor,text,kind,mood\n", PM_ERROR_INVALID, "unknown column “mood”");
  assert_import_fails ("time,actor,text,kind,time\n", PM_ERROR_INVALID, "appears twice");
  assert_import_fails ("time,actor,text,kind\n2024-01-01,a,b,trigger\n2024-01-01,a,b\n",
                       PM_ERROR_INVALID, "bad.csv:3: this row has 3 fields");
  assert_import_fails ("time,actor,text,kind\n2024-02-30 10:00,a,b,trigger\n",
                       PM_ERROR_TIME, "bad.csv:2:");
  assert_import_fails ("time,actor,text,kind\n\n\nyesterday,a,b,trigger\n",
                       PM_ERROR_TIME, "bad.csv:4:");
  assert_import_fails ("time,actor,text,kind\n2024-01-01,a,b,rumour\n",
                       PM_ERROR_INVALID, "“rumour” is not an event kind");
  assert_import_fails ("time,actor,text,kind\n2024-01-01,a,\"open quote,trigger\n",
                       PM_ERROR_SYNTAX, "quoted field starting at 2:14 is never closed");
  assert_import_fails ("time,actor,text,kind\n2024-01-01,\"two\nlines\",b,trigger\n",
                       PM_ERROR_INVALID, "bad.csv:2: the actor contains a line break");
  assert_import_fails ("time,actor,text,kind\n,,,\n", PM_ERROR_INVALID, "neither an actor nor a text");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/csv-import/case/aws-s3", "aws-s3-us-east-1-2017-02-28.json", test_real_case);
  g_test_add_data_func ("/csv-import/case/shakespeare", "google-sre-shakespeare-sonnet-2015-10-21.json",
                        test_real_case);
  g_test_add_func ("/csv-import/unknown-times-keep-place", test_unknown_times_keep_place);
  g_test_add_func ("/csv-import/zone-and-extra-columns", test_zone_and_extra_columns);
  g_test_add_func ("/csv-import/errors", test_errors);
  g_test_add_func ("/csv-import/crlf-in-text", test_crlf_in_text);

  return g_test_run ();
}
