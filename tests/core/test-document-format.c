/* test-document-format.c — reading and writing .pmortem files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-json.h"
#include "pm-limits.h"
#include "pm-review.h"
#include "pm-status-change.h"

#include "test-util.h"

static char *
read_file (const char *path,
           gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

static void
assert_load_fails (const char *data,
                   gsize       length,
                   PmError     code,
                   const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = pm_document_load_from_data (data, length, "bad.pmortem", &error);

  g_assert_null (document);
  g_assert_error (error, PM_ERROR, (int) code);
  g_assert_true (g_str_has_prefix (error->message, "bad.pmortem"));
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

/* The bundled example loads, and saving it unchanged gives the same bytes. */
static void
test_example_round_trip (void)
{
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = NULL;
  g_autofree char *original = NULL;
  g_autofree char *saved = NULL;
  gsize original_length, saved_length;

  original = read_file (path, &original_length);
  document = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);

  g_assert_false (pm_document_get_modified (document));
  g_assert_false (pm_document_get_read_only (document));
  g_assert_false (pm_undo_stack_get_can_undo (pm_document_get_undo_stack (document)));
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (document)), >=, 25);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_root_causes (document)), >=, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_measures (document)), >=, 6);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_follow_ups (document)), >=, 1);

  saved = pm_document_serialize (document, &saved_length);
  g_assert_cmpmem (saved, saved_length, original, original_length);
}

/* What the example promises: undated events, day precision, two zones. */
static void
test_example_content (void)
{
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = pm_document_load_from_file (path, &error);
  GListModel *events = pm_document_get_events (document);
  g_autoptr(GHashTable) offsets = g_hash_table_new (NULL, NULL);
  guint unknown = 0, day = 0;
  gboolean have_statuses[6] = { FALSE };
  const char * const statuses[] = { "proposed", "agreed", "in-progress", "done", "verified", "dropped" };
  GListModel *measures = pm_document_get_measures (document);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      const PmTime *time = pm_event_get_time (event);

      if (time == NULL)
        unknown++;
      else
        {
          if (pm_time_get_precision (time) == PM_TIME_PRECISION_DAY)
            day++;
          g_hash_table_add (offsets, GINT_TO_POINTER (pm_time_get_offset (time)));
        }
    }
  g_assert_cmpuint (unknown, >=, 2);
  g_assert_cmpuint (day, >=, 2);
  g_assert_cmpuint (g_hash_table_size (offsets), >=, 2);

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);

      for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
        if (g_str_equal (pm_measure_get_status (measure), statuses[s]))
          have_statuses[s] = TRUE;
    }
  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    g_assert_true (have_statuses[s]);
}

/* Members a newer version wrote survive, at every level, in order. */
static void
test_unknown_members_survive (void)
{
  const char *input =
    "{\n"
    "  \"format\": \"pmortem\",\n"
    "  \"format_version\": 1,\n"
    "  \"min_reader_version\": 1,\n"
    "  \"generator\": \"pmortem 0.1.0\",\n"
    "  \"postmortem\": {\n"
    "    \"title\": \"Future\",\n"
    "    \"reference\": {\n"
    "      \"key\": \"SEC-1\",\n"
    "      \"system\": \"jira\"\n"
    "    },\n"
    "    \"impact\": {\n"
    "      \"cost\": {\n"
    "        \"amount\": 100,\n"
    "        \"currency\": \"EUR\",\n"
    "        \"confidence\": \"low\"\n"
    "      },\n"
    "      \"regions\": [\n"
    "        \"eu\",\n"
    "        {\n"
    "          \"deep\": [\n"
    "            1.5,\n"
    "            null,\n"
    "            false\n"
    "          ]\n"
    "        }\n"
    "      ]\n"
    "    },\n"
    "    \"lessons\": {\n"
    "      \"went_well\": \"x\",\n"
    "      \"to_share\": \"y\"\n"
    "    },\n"
    "    \"z_future\": 7\n"
    "  },\n"
    "  \"participants\": [\n"
    "    {\n"
    "      \"id\": \"p-1\",\n"
    "      \"name\": \"Ana\",\n"
    "      \"pronouns\": \"she\"\n"
    "    }\n"
    "  ],\n"
    "  \"events\": [\n"
    "    {\n"
    "      \"id\": \"ev-1\",\n"
    "      \"text\": \"x\",\n"
    "      \"kind\": \"rumour\",\n"
    "      \"mood\": {}\n"
    "    }\n"
    "  ],\n"
    "  \"root_causes\": [\n"
    "    {\n"
    "      \"id\": \"rc-1\",\n"
    "      \"title\": \"T\",\n"
    "      \"principles\": {\n"
    "        \"rigor\": {\n"
    "          \"verdict\": \"contributed\",\n"
    "          \"weight\": 3\n"
    "        },\n"
    "        \"privacy\": {\n"
    "          \"verdict\": \"held-up\"\n"
    "        }\n"
    "      },\n"
    "      \"owner_team\": \"ops\"\n"
    "    }\n"
    "  ],\n"
    "  \"measures\": [\n"
    "    {\n"
    "      \"id\": \"m-1\",\n"
    "      \"title\": \"M\",\n"
    "      \"status\": \"blocked\",\n"
    "      \"ticket\": {\n"
    "        \"key\": \"OPS-1\",\n"
    "        \"board\": \"ops\"\n"
    "      },\n"
    "      \"history\": [\n"
    "        {\n"
    "          \"time\": \"2024-01-01T10:00:00+01:00\",\n"
    "          \"precision\": \"exact\",\n"
    "          \"to\": \"blocked\",\n"
    "          \"by\": \"p-1\"\n"
    "        }\n"
    "      ],\n"
    "      \"risk_score\": 9\n"
    "    }\n"
    "  ],\n"
    "  \"follow_ups\": [\n"
    "    {\n"
    "      \"id\": \"f-1\",\n"
    "      \"reviews\": [\n"
    "        {\n"
    "          \"measure\": \"m-1\",\n"
    "          \"evidence\": \"link\"\n"
    "        }\n"
    "      ],\n"
    "      \"room\": \"B\"\n"
    "    }\n"
    "  ],\n"
    "  \"attachments\": []\n"
    "}\n";
  g_autoptr(PmDocument) document = pm_test_load_string (input);
  g_autofree char *saved = NULL;
  g_autoptr(PmEvent) event = g_list_model_get_item (pm_document_get_events (document), 0);
  g_autoptr(PmMeasure) measure = g_list_model_get_item (pm_document_get_measures (document), 0);

  /* Unknown vocabulary values are kept verbatim. */
  g_assert_cmpstr (pm_event_get_kind (event), ==, "rumour");
  g_assert_cmpstr (pm_measure_get_status (measure), ==, "blocked");

  saved = pm_document_serialize (document, NULL);
  g_assert_cmpstr (saved, ==, input);
}

static void
test_newer_format_is_read_only (void)
{
  const char *input =
    "{\"format\": \"pmortem\", \"format_version\": 3, \"min_reader_version\": 1,"
    " \"postmortem\": {\"title\": \"From the future\"}, \"hologram\": true}";
  g_autoptr(PmDocument) document = pm_test_load_string (input);
  g_autofree char *saved = NULL;
  g_autoptr(PmDocument) copy = NULL;

  g_assert_true (pm_document_get_read_only (document));
  g_assert_cmpint (pm_document_get_format_version (document), ==, 3);

  /* A copy keeps the versions and what we do not know, so it stays readable by the newer app. */
  saved = pm_document_serialize (document, NULL);
  g_assert_nonnull (strstr (saved, "\"format_version\": 3"));
  g_assert_nonnull (strstr (saved, "\"hologram\": true"));
  copy = pm_test_load_string (saved);
  g_assert_true (pm_document_get_read_only (copy));
}

static void
test_needs_newer_reader (void)
{
  const char *input =
    "{\"format\": \"pmortem\", \"format_version\": 4, \"min_reader_version\": 3,"
    " \"postmortem\": {\"title\": 5}}";

  /* Refused for its version before anything else is judged. */
  assert_load_fails (input, strlen (input), PM_ERROR_VERSION, "needs file format 3");
}

/* A minimal document with @member (JSON text) in "postmortem", for what a single value does. */
static char *
document_with (const char *postmortem_member)
{
  return g_strdup_printf ("{\"format\": \"pmortem\", \"format_version\": 1, "
                          "\"min_reader_version\": 1, "
                          "\"postmortem\": {\"title\": \"Zones\", %s}}", postmortem_member);
}

static char *
json_string (const char *text)
{
  GString *out = g_string_new (NULL);

  pm_json_write_string (text, out);
  return g_string_free (out, FALSE);
}

/* A zone name this system does not know is refused with the member named, not read as UTC;
 * names GLib would log a critical for (the data files beside the zones) are refused quietly
 * (the suite runs with fatal criticals). */
static void
test_unknown_time_zone (void)
{
  static const char * const unknown[] = {
    "Europe/Berlinn", "+5230+01322", "zone.tab", "tzdata.zi", "leapseconds", "../../etc/passwd",
    "/etc/passwd", "", "Europe//Berlin", "EST5", "+24:00",
  };
  static const char * const known[] = { "Europe/Berlin", "UTC", "+05:30", "Etc/GMT-14" };
  g_autofree char *long_name = g_strnfill (256, 'x');

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      g_autofree char *quoted = json_string (unknown[i]);
      g_autofree char *member = g_strdup_printf ("\"timezone\": %s", quoted);
      g_autofree char *data = document_with (member);

      g_test_message ("zone “%s”", unknown[i]);
      assert_load_fails (data, strlen (data), PM_ERROR_INVALID, "$.postmortem.timezone: unknown time zone");
    }

  {
    g_autofree char *member = g_strdup_printf ("\"timezone\": \"%s\"", long_name);
    g_autofree char *data = document_with (member);

    assert_load_fails (data, strlen (data), PM_ERROR_INVALID, "$.postmortem.timezone: unknown time zone");
  }

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      g_autofree char *member = g_strdup_printf ("\"timezone\": \"%s\"", known[i]);
      g_autofree char *data = document_with (member);
      g_autoptr(PmDocument) document = pm_test_load_string (data);
      g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (document);

      g_assert_cmpstr (pm_document_get_timezone (document), ==, known[i]);
      g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, known[i]);
    }
}

/* A document with one object of each kind, and @extra top-level members (JSON, with a leading
 * comma) that may refer to them. */
static char *
document_with_links (const char *extra)
{
  return g_strdup_printf (
    "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1,"
    " \"generator\": \"pmortem test\","
    " \"postmortem\": {\"title\": \"Links\"},"
    " \"participants\": [{\"id\": \"p-1\", \"name\": \"Ana\"}],"
    " \"events\": [{\"id\": \"ev-1\", \"text\": \"a\"}, {\"id\": \"ev-2\", \"text\": \"b\"}],"
    " \"root_causes\": [{\"id\": \"rc-1\", \"title\": \"t\"}],"
    " \"measures\": [{\"id\": \"m-1\", \"title\": \"t\"}],"
    " \"follow_ups\": [{\"id\": \"fu-1\"}]%s}", extra);
}

static void
assert_links_fail (const char *extra,
                   const char *fragment)
{
  g_autofree char *data = document_with_links (extra);

  g_test_message ("%s", extra);
  assert_load_fails (data, strlen (data), PM_ERROR_INVALID, fragment);
}

static void
assert_links_load (const char *extra)
{
  g_autofree char *data = document_with_links (extra);
  g_autoptr(PmDocument) document = pm_test_load_string (data);
}

/* A dismissal names an object of the document, or none (the whole document). */
static void
test_dangling_dismissal (void)
{
  static const char * const objects[] = { "ev-1", "rc-1", "m-1", "p-1", "fu-1" };

  assert_links_fail (", \"dismissed_findings\": [{\"rule\": \"single-root-cause\"},"
                     " {\"rule\": \"blame-language\", \"object\": \"ev-9\"}]",
                     "$.dismissed_findings[1].object: no event, root cause, measure, participant "
                     "or follow-up meeting has the id “ev-9”");
  assert_links_fail (", \"dismissed_findings\": [{\"rule\": \"x\", \"object\": \"Ev-1\"}]",
                     "$.dismissed_findings[0].object");

  assert_links_load (", \"dismissed_findings\": [{\"rule\": \"single-root-cause\"}]");
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autofree char *extra = g_strdup_printf (", \"dismissed_findings\": [{\"rule\": \"x\","
                                                " \"object\": \"%s\"}]", objects[i]);

      assert_links_load (extra);
    }
}

/* A suggested duplicate is a pair of events of the document. */
static void
test_dangling_duplicate_suggestion (void)
{
  assert_links_fail (", \"duplicate_suggestions\": [{\"a\": \"ev-1\", \"b\": \"ev-2\"},"
                     " {\"a\": \"ev-9\", \"b\": \"ev-2\"}]",
                     "$.duplicate_suggestions[1].a: no event has the id “ev-9”");
  assert_links_fail (", \"duplicate_suggestions\": [{\"a\": \"ev-1\", \"b\": \"rc-1\"}]",
                     "$.duplicate_suggestions[0].b: no event has the id “rc-1”");
  assert_links_fail (", \"duplicate_suggestions\": [{\"a\": \"ev-1\", \"b\": 2}]",
                     "$.duplicate_suggestions[0].b: expected text");
  assert_links_load (", \"duplicate_suggestions\": [{\"a\": \"ev-1\", \"b\": \"ev-2\"}]");
}

/* The events as sent to a participant: an event they deleted is rightly absent from the copy,
 * so ids are not checked against the events; but an event sent twice or a digest we cannot
 * have written are refused. */
static void
test_prepared_base (void)
{
  static const char * const bad_digests[] = {
    "\"0123456789ABCDEF\"", "\"0123456789abcde\"", "\"0123456789abcdef0\"",
    "\"0123456789abcdeg\"", "\"\"", "\" 123456789abcdef\"", "\"0123456789abcd\\u00e9\"",
  };

  /* ev-3 was sent and deleted in the copy; ev-2 was added there (not in the base). */
  assert_links_load (", \"prepared_for\": \"p-1\", \"prepared_base\": ["
                     "{\"event\": \"ev-1\", \"digest\": \"0123456789abcdef\"},"
                     " {\"event\": \"ev-3\", \"digest\": \"fedcba9876543210\"}]");

  assert_links_fail (", \"prepared_for\": \"p-1\", \"prepared_base\": ["
                     "{\"event\": \"ev-1\", \"digest\": \"0123456789abcdef\"},"
                     " {\"event\": \"ev-1\", \"digest\": \"fedcba9876543210\"}]",
                     "$.prepared_base[1].event: the event “ev-1” is listed twice (also at "
                     "$.prepared_base[0])");
  assert_links_fail (", \"prepared_base\": [{\"event\": \"ev 1\", \"digest\": \"0123456789abcdef\"}]",
                     "$.prepared_base[0].event");
  assert_links_fail (", \"prepared_base\": [{\"event\": \"ev-1\", \"digest\": 123}]",
                     "$.prepared_base[0].digest: expected text");
  for (guint i = 0; i < G_N_ELEMENTS (bad_digests); i++)
    {
      g_autofree char *extra = g_strdup_printf (", \"prepared_base\": [{\"event\": \"ev-1\","
                                                " \"digest\": %s}]", bad_digests[i]);

      assert_links_fail (extra, "$.prepared_base[0].digest: ");
    }
}

/* "generator" is not kept, but it must be text when it is there. */
static void
test_generator_not_text (void)
{
  static const char * const values[] = { "5", "true", "[\"pmortem\"]", "{\"name\": \"pmortem\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *data =
        g_strdup_printf ("{\"format\": \"pmortem\", \"format_version\": 1,"
                         " \"min_reader_version\": 1, \"generator\": %s,"
                         " \"postmortem\": {\"title\": \"x\"}}", values[i]);

      assert_load_fails (data, strlen (data), PM_ERROR_INVALID, "$.generator: expected text");
    }
  {
    g_autofree char *data =
      g_strdup_printf ("{\"format\": \"pmortem\", \"format_version\": 1,"
                       " \"min_reader_version\": 1, \"generator\": \"a\\nb\","
                       " \"postmortem\": {\"title\": \"x\"}}");

    assert_load_fails (data, strlen (data), PM_ERROR_INVALID, "$.generator: line breaks");
  }
}

/* A follow-up's date must be one its invitation can hold (the years 0001–9999 in UTC, for
 * the hour it lasts); the file form alone allows local years 0001–9999 with any offset. */
static void
test_follow_up_time_out_of_range (void)
{
  static const char * const refused[] = {
    "9999-12-31T23:30:00-08:00", "9999-12-31T23:30:00+00:00", "0001-01-01T00:30:00+01:00",
  };
  static const char * const accepted[] = {
    "0001-01-01T00:00:00+00:00", "9999-12-31T22:00:00+00:00", "9999-12-31T23:00:00+18:00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *extra = g_strdup_printf (
        ", \"follow_ups\": [{\"id\": \"fu-1\"}, {\"id\": \"fu-2\", \"time\": \"%s\","
        " \"precision\": \"minute\"}]", refused[i]);
      g_autofree char *data = g_strdup_printf (
        "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1,"
        " \"postmortem\": {\"title\": \"Far\"}%s}", extra);
      g_autofree char *fragment = g_strdup_printf ("$.follow_ups[1].time: %s cannot be the date "
                                                   "of a follow-up", refused[i]);

      assert_load_fails (data, strlen (data), PM_ERROR_INVALID, fragment);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autofree char *data = g_strdup_printf (
        "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1,"
        " \"postmortem\": {\"title\": \"Far\"}, \"follow_ups\": [{\"id\": \"fu-1\","
        " \"time\": \"%s\", \"precision\": \"minute\"}]}", accepted[i]);
      g_autoptr(PmDocument) document = pm_test_load_string (data);
    }
  /* Other times may lie anywhere the file form reaches. */
  {
    const char *data =
      "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1,"
      " \"postmortem\": {\"title\": \"Far\", \"end\": \"9999-12-31T23:30:00-08:00\","
      " \"end_precision\": \"minute\"},"
      " \"events\": [{\"id\": \"ev-1\", \"time\": \"0001-01-01T00:30:00+01:00\","
      " \"precision\": \"minute\"}]}";
    g_autoptr(PmDocument) document = pm_test_load_string (data);
  }
}

/* Every file of tests/data/broken is refused with the expected code and message. */
static void
test_broken_corpus (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "broken", NULL);
  g_autofree char *manifest_path = g_build_filename (dir, "expected.tsv", NULL);
  g_autofree char *manifest = read_file (manifest_path, NULL);
  g_auto(GStrv) lines = g_strsplit (manifest, "\n", -1);
  static const struct { const char *name; PmError code; } codes[] = {
    { "SYNTAX", PM_ERROR_SYNTAX }, { "LIMIT", PM_ERROR_LIMIT },
    { "INVALID", PM_ERROR_INVALID }, { "VERSION", PM_ERROR_VERSION },
  };
  guint n_cases = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *file = NULL;
      g_autofree char *data = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(PmDocument) document = NULL;
      gsize length;
      int code = -1;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 3);
      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      for (guint c = 0; c < G_N_ELEMENTS (codes); c++)
        if (g_str_equal (codes[c].name, fields[1]))
          code = codes[c].code;
      g_assert_cmpint (code, >=, 0);

      file = g_strconcat (dir, G_DIR_SEPARATOR_S, fields[0], ".pmortem", NULL);
      data = read_file (file, &length);
      document = pm_document_load_from_file (file, &error);
      if (document != NULL)
        g_error ("%s was accepted", fields[0]);
      if (!g_error_matches (error, PM_ERROR, code) || strstr (error->message, fields[2]) == NULL)
        g_error ("%s: expected %s containing “%s”, got %d: %s", fields[0], fields[1], fields[2],
                 error->code, error->message);
      g_test_message ("%s: %s", fields[0], error->message);
      n_cases++;
    }

  g_assert_cmpuint (n_cases, >=, 40);
}

/* Syntax errors say line:column in the file. */
static void
test_syntax_error_position (void)
{
  const char *input = "{\n  \"format\": \"pmortem\",\n  \"format_version\": 1 x\n}";

  assert_load_fails (input, strlen (input), PM_ERROR_SYNTAX, "bad.pmortem:3:");
}

static void
test_file_too_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pmortem-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.pmortem", NULL);
  g_autofree char *data = g_malloc (PM_LIMIT_FILE_BYTES + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = NULL;

  memset (data, ' ', PM_LIMIT_FILE_BYTES + 1);
  g_assert_true (g_file_set_contents (path, data, PM_LIMIT_FILE_BYTES + 1, NULL));
  document = pm_document_load_from_file (path, &error);
  g_assert_null (document);
  g_assert_error (error, PM_ERROR, PM_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "huge.pmortem"));

  g_unlink (path);
  g_rmdir (dir);
}

/* The limits themselves are accepted. */
static void
test_limits_accepted (void)
{
  g_autoptr(GString) input = g_string_new ("{\"format\": \"pmortem\", \"format_version\": 1, "
                                           "\"min_reader_version\": 1, \"postmortem\": {\"title\": \"");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = NULL;

  for (guint i = 0; i < PM_LIMIT_TITLE_CHARS; i++)
    g_string_append (input, "ä");
  g_string_append (input, "\", \"summary\": \"");
  for (guint i = 0; i < PM_LIMIT_FREE_TEXT_BYTES; i++)
    g_string_append_c (input, 'x');
  g_string_append (input, "\"}, \"events\": [");
  for (guint i = 0; i < PM_LIMIT_EVENTS; i++)
    g_string_append_printf (input, "%s{\"id\": \"e%u\", \"text\": \"t\"}", i ? ", " : "", i);
  g_string_append (input, "]}");

  document = pm_document_load_from_data (input->str, input->len, "max.pmortem", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (document)), ==,
                    PM_LIMIT_EVENTS);
}

/* Events listed out of order come back in timeline order, unknown times with their neighbour. */
static void
test_events_sorted_on_load (void)
{
  const char *input =
    "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1,"
    " \"postmortem\": {\"title\": \"Order\"}, \"events\": ["
    " {\"id\": \"bg\", \"text\": \"background\"},"
    " {\"id\": \"late\", \"time\": \"2024-01-01T12:00:00+00:00\", \"precision\": \"minute\"},"
    " {\"id\": \"after-late\", \"text\": \"undated, after late\"},"
    " {\"id\": \"early\", \"time\": \"2024-01-01T13:00:00+02:00\", \"precision\": \"minute\"},"
    " {\"id\": \"same\", \"time\": \"2024-01-01T11:00:00Z\", \"precision\": \"exact\"}]}";
  const char *expected[] = { "bg", "early", "same", "late", "after-late" };
  g_autoptr(PmDocument) document = pm_test_load_string (input);
  GListModel *events = pm_document_get_events (document);

  g_assert_cmpuint (g_list_model_get_n_items (events), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      g_assert_cmpstr (pm_event_get_id (event), ==, expected[i]);
    }
}

/* A document built through the API saves, reloads and saves to the same bytes. */
static void
test_built_document_round_trip (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmParticipant) ana = pm_participant_new ("p-ana");
  g_autoptr(PmEvent) event = pm_event_new ("ev-1");
  g_autoptr(PmRootCause) cause = pm_root_cause_new ("rc-1");
  g_autoptr(PmMeasure) measure = pm_measure_new ("m-1");
  g_autoptr(PmFollowUp) follow_up = pm_follow_up_new ("f-1");
  g_autoptr(PmReview) review = pm_review_new ("m-1");
  g_autoptr(PmTime) time = pm_time_new (1709543700, 3600, PM_TIME_PRECISION_MINUTE);
  g_autoptr(PmDocument) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  const char *events[] = { "ev-1", NULL };
  const char *causes[] = { "rc-1", NULL };
  const char *tags[] = { "ci", "supply chain", NULL };

  pm_document_set (document, document,
                   "title", "Quotes \" and \\ and \n? no: one line",
                   NULL);
  pm_document_set (document, document,
                   "title", "Tab\there",
                   "summary", "Line one\nLine two\twith tab, “quotes” and emoji 🙂",
                   "tags", tags,
                   "start", time,
                   "cost-amount", (gint64) 120000,
                   "cost-currency", "EUR",
                   NULL);
  pm_participant_set_name (ana, "Ana Lima");
  pm_participant_set_moderator (ana, TRUE);
  pm_document_append (document, pm_document_get_participants (document), ana);
  pm_event_set_time (event, time);
  pm_event_set_text (event, "Deploy key printed in a job log");
  pm_event_set_contributor (event, "p-ana");
  pm_event_set_contributed (event, TRUE);
  pm_document_add_event (document, event);
  pm_root_cause_set_title (cause, "Shared CI template logs its environment");
  pm_root_cause_set_events (cause, events);
  pm_assessment_set_verdict (pm_root_cause_get_assessment (cause, PM_PRINCIPLE_MINIMIZATION),
                             "contributed");
  pm_document_append (document, pm_document_get_root_causes (document), cause);
  pm_measure_set_title (measure, "Mask secrets in job logs");
  pm_measure_set_owner (measure, "p-ana");
  pm_measure_set_due (measure, "2024-04-01");
  pm_measure_set_root_causes (measure, causes);
  pm_document_append (document, pm_document_get_measures (document), measure);
  pm_document_change_measure_status (document, measure, "agreed", "in the meeting", time);
  pm_follow_up_set_time (follow_up, time);
  pm_document_append (document, pm_follow_up_get_reviews (follow_up), review);
  pm_document_append (document, pm_document_get_follow_ups (document), follow_up);

  first = pm_document_serialize (document, NULL);
  reloaded = pm_document_load_from_data (first, strlen (first), "built", &error);
  g_assert_no_error (error);
  second = pm_document_serialize (reloaded, NULL);
  g_assert_cmpstr (first, ==, second);
  g_assert_true (g_str_has_suffix (first, "}\n"));
  /* A tab set through the API is not allowed in a one-line field: written as a space. */
  g_assert_cmpstr (pm_document_get_title (reloaded), ==, "Tab here");
  g_assert_nonnull (strstr (first, "\"summary\": \"Line one\\nLine two\\twith tab, “quotes” and emoji 🙂\""));
  g_assert_nonnull (strstr (first, "\"time\": \"2024-03-04T10:15:00+01:00\",\n      \"precision\": \"minute\""));
}

/* Whatever the API allows, saved, loads again: new objects with nothing filled in yet. */
static void
test_empty_objects_round_trip (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmParticipant) participant = pm_participant_new ("p-1");
  g_autoptr(PmEvent) event = pm_event_new ("ev-1");
  g_autoptr(PmRootCause) cause = pm_root_cause_new ("rc-1");
  g_autoptr(PmMeasure) measure = pm_measure_new ("m-1");
  g_autoptr(PmFollowUp) follow_up = pm_follow_up_new ("f-1");
  g_autoptr(PmDocument) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *long_title = g_strnfill (PM_LIMIT_TITLE_CHARS + 10, 'x');

  saved = pm_document_serialize (document, NULL);
  reloaded = pm_document_load_from_data (saved, strlen (saved), "empty", &error);
  g_assert_no_error (error);
  g_clear_object (&reloaded);
  g_clear_pointer (&saved, g_free);

  pm_document_append (document, pm_document_get_participants (document), participant);
  pm_document_add_event (document, event);
  pm_document_append (document, pm_document_get_root_causes (document), cause);
  pm_document_append (document, pm_document_get_measures (document), measure);
  pm_document_append (document, pm_document_get_follow_ups (document), follow_up);
  /* Too long for a title, and a line break: cut and flattened when written. */
  pm_document_set (document, document, "title", long_title, NULL);
  pm_document_set (document, measure, "title", "two\nlines", NULL);

  saved = pm_document_serialize (document, NULL);
  reloaded = pm_document_load_from_data (saved, strlen (saved), "empty", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_utf8_strlen (pm_document_get_title (reloaded), -1), ==, PM_LIMIT_TITLE_CHARS);
  {
    g_autoptr(PmMeasure) loaded = g_list_model_get_item (pm_document_get_measures (reloaded), 0);

    g_assert_cmpstr (pm_measure_get_title (loaded), ==, "two lines");
  }
}

/* "lane_order" is written after the tags, loads back, round-trips byte for byte, is left
 * out when empty, and setting it is one undo step. */
static void
test_lane_order (void)
{
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(PmDocument) reloaded = NULL;
  g_autoptr(PmDocument) emptied = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  const char *order[] = { "CI/CD", "Attacker", "Security Ops", NULL };
  const char * const *loaded;

  document = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length ((char **) pm_document_get_lane_order (document)), ==, 0);

  pm_document_set (document, document, "lane-order", order, NULL);
  g_assert_true (g_strv_equal (pm_document_get_lane_order (document), order));
  g_assert_true (pm_document_get_modified (document));

  first = pm_document_serialize (document, NULL);
  g_assert_nonnull (strstr (first, "      \"early-access\"\n    ],\n"
                                   "    \"lane_order\": [\n"
                                   "      \"CI/CD\",\n"
                                   "      \"Attacker\",\n"
                                   "      \"Security Ops\"\n"
                                   "    ],\n    \"summary\""));
  reloaded = pm_document_load_from_data (first, strlen (first), "ordered.pmortem", &error);
  g_assert_no_error (error);
  loaded = pm_document_get_lane_order (reloaded);
  g_assert_true (g_strv_equal (loaded, order));
  g_assert_false (pm_document_get_modified (reloaded));
  second = pm_document_serialize (reloaded, NULL);
  g_assert_cmpstr (first, ==, second);

  /* undo gives the empty order back, and an empty order is not written */
  g_assert_true (pm_document_undo (document));
  g_assert_cmpuint (g_strv_length ((char **) pm_document_get_lane_order (document)), ==, 0);
  g_assert_false (pm_document_get_modified (document));
  third = pm_document_serialize (document, NULL);
  g_assert_null (strstr (third, "lane_order"));
  g_assert_true (pm_document_redo (document));
  g_assert_true (g_strv_equal (pm_document_get_lane_order (document), order));

  /* an empty entry is refused, like an empty tag */
  {
    g_autoptr(GString) bad = g_string_new (first);

    g_string_replace (bad, "\"Attacker\"", "\"\"", 1);
    emptied = pm_document_load_from_data (bad->str, bad->len, "bad.pmortem", &error);
    g_assert_null (emptied);
    g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "lane_order"));
  }
}

static void
test_save_to_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pmortem-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.pmortem", NULL);
  g_autofree char *example = pm_test_example_path ();
  g_autofree char *original = NULL;
  g_autofree char *written = NULL;
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  gsize original_length, written_length;

  original = read_file (example, &original_length);
  document = pm_document_load_from_file (example, &error);
  g_assert_no_error (error);
  g_assert_true (pm_document_save_to_file (document, path, &error));
  g_assert_no_error (error);
  written = read_file (path, &written_length);
  g_assert_cmpmem (written, written_length, original, original_length);

  g_unlink (path);
  g_rmdir (dir);
}

/* A save killed half-way (kill -9, or SIGXFSZ under ulimit -f) leaves its temporary file next
 * to the document; the next save of the document removes it, and nothing of anyone else's. */
static void
test_save_removes_stale_temp (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pmortem-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.pmortem", NULL);
  g_autofree char *stale = g_build_filename (dir, ".saved.pmortem.pm-save-k1LLed", NULL);
  g_autofree char *other = g_build_filename (dir, ".notes.txt.pm-save-k1LLed", NULL);
  g_autofree char *example = pm_test_example_path ();
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  GDateTime *now = g_date_time_new_now_utc ();
  GDateTime *minute_ago = g_date_time_add_minutes (now, -1);
  GFileInfo *info = g_file_info_new ();

  document = pm_document_load_from_file (example, &error);
  g_assert_no_error (error);
  g_assert_true (pm_document_save_to_file (document, path, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (stale, "{\"format\": \"pmort", -1, NULL));
  g_assert_true (g_file_set_contents (other, "not ours", -1, NULL));
  g_file_info_set_modification_date_time (info, minute_ago);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (i == 0 ? stale : other);

      g_assert_true (g_file_set_attributes_from_info (file, info, G_FILE_QUERY_INFO_NONE,
                                                      NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (pm_document_save_to_file (document, path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  g_unlink (other);
  g_unlink (path);
  g_rmdir (dir);
  g_object_unref (info);
  g_date_time_unref (minute_ago);
  g_date_time_unref (now);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/example/round-trip", test_example_round_trip);
  g_test_add_func ("/format/save-removes-stale-temp", test_save_removes_stale_temp);
  g_test_add_func ("/format/example/content", test_example_content);
  g_test_add_func ("/format/unknown-members", test_unknown_members_survive);
  g_test_add_func ("/format/version/newer-format-read-only", test_newer_format_is_read_only);
  g_test_add_func ("/format/version/needs-newer-reader", test_needs_newer_reader);
  g_test_add_func ("/format/broken-corpus", test_broken_corpus);
  g_test_add_func ("/format/time-zone/unknown", test_unknown_time_zone);
  g_test_add_func ("/format/links/dismissal", test_dangling_dismissal);
  g_test_add_func ("/format/links/duplicate-suggestion", test_dangling_duplicate_suggestion);
  g_test_add_func ("/format/links/prepared-base", test_prepared_base);
  g_test_add_func ("/format/generator-not-text", test_generator_not_text);
  g_test_add_func ("/format/follow-up-time-out-of-range", test_follow_up_time_out_of_range);
  g_test_add_func ("/format/syntax-error-position", test_syntax_error_position);
  g_test_add_func ("/format/limits/file-size", test_file_too_large);
  g_test_add_func ("/format/limits/accepted", test_limits_accepted);
  g_test_add_func ("/format/events-sorted-on-load", test_events_sorted_on_load);
  g_test_add_func ("/format/built-round-trip", test_built_document_round_trip);
  g_test_add_func ("/format/empty-objects-round-trip", test_empty_objects_round_trip);
  g_test_add_func ("/format/save-to-file", test_save_to_file);
  g_test_add_func ("/format/lane-order", test_lane_order);

  return g_test_run ();
}
