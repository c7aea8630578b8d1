/* test-import.c — from candidate messages to events: one undo step, evidence, teams for authors,
 * what is already there and what looks like it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "import-test-util.h"
#include "pm-document-format.h"
#include "pm-limits.h"
#include "test-util.h"

static const char transcript[] =
  "[10:00] <lena> API returns 500 errors for all customers\n"
  "[10:05] <tom> rolled back the deploy\n"
  "[10:20] <bot> error rate back to normal\n";

static PmImport *
read_transcript (GTimeZone *zone)
{
  PmImportOptions options;

  pm_import_options_init (&options);
  options.zone = zone;
  g_date_set_dmy (&options.date, 1, 3, 2024);
  return read_text (transcript, "ops.log", &options);
}

static guint
n_events (PmDocument *document)
{
  return g_list_model_get_n_items (pm_document_get_events (document));
}

static PmEvent *
event_with_text (PmDocument *document,
                 const char *text)
{
  GListModel *events = pm_document_get_events (document);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      if (g_str_equal (pm_event_get_text (event), text))
        return event;
    }
  g_error ("no event “%s”", text);
  return NULL;
}

static void
test_apply_one_undo_step (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(PmDocument) document = pm_test_load_example ();
  g_autoptr(PmImport) import = read_transcript (berlin);
  g_autoptr(GError) error = NULL;
  guint before = n_events (document);
  PmImportApplied applied;
  PmEvent *event;
  g_autoptr(GDateTime) local = NULL;

  g_assert_true (pm_import_apply (document, pm_import_get_messages (import), NULL, berlin,
                                  &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied.added, ==, 3);
  g_assert_cmpuint (applied.already, ==, 0);
  g_assert_cmpuint (n_events (document), ==, before + 3);
  g_assert_true (pm_document_get_modified (document));

  /* The time in the zone it was read in, to the minute; the author as actor; where it came
   * from as evidence, not in the text. */
  event = event_with_text (document, "rolled back the deploy");
  g_assert_cmpstr (pm_event_get_actor (event), ==, "tom");
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (event)), ==, utc (2024, 3, 1, 9, 5, 0));
  g_assert_cmpint (pm_time_get_offset (pm_event_get_time (event)), ==, 3600);
  g_assert_cmpint (pm_time_get_precision (pm_event_get_time (event)), ==,
                   PM_TIME_PRECISION_MINUTE);
  g_assert_cmpstrv (pm_event_get_evidence (event),
                    ((const char *[]) { "ops.log, line 2", NULL }));
  local = pm_time_to_date_time (pm_event_get_time (event), NULL);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 10);

  /* One step takes it all back, and brings it all again. */
  g_assert_true (pm_document_undo (document));
  g_assert_cmpuint (n_events (document), ==, before);
  g_assert_true (pm_document_redo (document));
  g_assert_cmpuint (n_events (document), ==, before + 3);
}

/* Importing the same again adds nothing; what looks like an event that was there is added and
 * suggested as its duplicate. */
static void
test_apply_duplicates (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmImport) import = read_transcript (NULL);
  g_autoptr(PmEvent) typed = pm_event_new ("ev-typed");
  g_autoptr(PmTime) time = pm_time_new (utc (2024, 3, 1, 10, 2, 0), 0, PM_TIME_PRECISION_MINUTE);
  g_autoptr(GError) error = NULL;
  PmImportApplied applied;
  JsonArray *suggestions;
  JsonObject *pair;

  pm_event_set_time (typed, time);
  pm_event_set_text (typed, "API returned 500 errors for all customers");
  pm_document_add_event (document, typed);

  g_assert_true (pm_import_apply (document, pm_import_get_messages (import), NULL, NULL,
                                  &applied, &error));
  g_assert_cmpuint (applied.added, ==, 3);
  g_assert_cmpuint (applied.suggested, ==, 1);
  suggestions = pm_document_get_duplicate_suggestions (document);
  g_assert_nonnull (suggestions);
  g_assert_cmpuint (json_array_get_length (suggestions), ==, 1);
  pair = json_array_get_object_element (suggestions, 0);
  g_assert_cmpstr (json_object_get_string_member (pair, "a"), ==, "ev-typed");
  g_assert_cmpstr (json_object_get_string_member (pair, "b"), ==,
                   pm_event_get_id (event_with_text (document, "API returns 500 errors for all "
                                                     "customers")));

  /* Again: nothing new, nothing suggested again. */
  g_assert_true (pm_import_apply (document, pm_import_get_messages (import), NULL, NULL,
                                  &applied, &error));
  g_assert_cmpuint (applied.added, ==, 0);
  g_assert_cmpuint (applied.already, ==, 3);
  g_assert_cmpuint (n_events (document), ==, 4);
  g_assert_cmpuint (json_array_get_length (pm_document_get_duplicate_suggestions (document)),
                    ==, 1);

  /* Also after a save and a load. */
  {
    gsize length;
    g_autofree char *saved = pm_document_serialize (document, &length);
    g_autoptr(PmDocument) reloaded = pm_document_load_from_data (saved, length, "x", &error);

    g_assert_no_error (error);
    g_assert_true (pm_import_apply (reloaded, pm_import_get_messages (import), NULL, NULL,
                                    &applied, &error));
    g_assert_cmpuint (applied.already, ==, 3);
    g_assert_cmpuint (applied.added, ==, 0);
  }
}

static void
test_apply_limit (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmImport) import = read_transcript (NULL);
  g_autoptr(GError) error = NULL;

  pm_document_begin_change (document, "fill");
  for (guint i = 0; i < PM_LIMIT_EVENTS - 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("ev-%u", i);
      g_autoptr(PmEvent) event = pm_event_new (id);

      pm_event_set_text (event, "background");
      pm_document_append (document, pm_document_get_events (document), event);
    }
  pm_document_end_change (document);

  /* Three do not fit where two places are left: nothing is added. */
  g_assert_false (pm_import_apply (document, pm_import_get_messages (import), NULL, NULL, NULL,
                                   &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_LIMIT);
  g_assert_cmpuint (n_events (document), ==, PM_LIMIT_EVENTS - 2);
  g_assert_true (pm_document_undo (document));
  g_assert_cmpuint (n_events (document), ==, 0);
}

static void
test_actors (void)
{
  g_autoptr(PmImportActors) actors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmImport) import = read_transcript (NULL);
  g_autoptr(PmImportMessage) message = pm_import_message_new ();
  const char *map = "\xef\xbb\xbfTeam,Author\r\nSRE,Lena\r\nPlatform,U0TOM\r\nMonitoring,\"Alert Bot\"\r\n";
  const char *aliases[] = { "Alert Bot", NULL };
  PmImportApplied applied;

  actors = pm_import_actors_parse (map, strlen (map), "map.csv", &error);
  g_assert_no_error (error);

  /* By name (in any case), by id, by another name. */
  g_free (message->author);
  message->author = g_strdup ("LENA");
  g_assert_cmpstr (pm_import_actors_lookup (actors, message), ==, "SRE");
  g_free (message->author);
  message->author = g_strdup ("tom");
  message->author_id = g_strdup ("U0TOM");
  g_assert_cmpstr (pm_import_actors_lookup (actors, message), ==, "Platform");
  g_free (message->author);
  message->author = g_strdup ("bot");
  g_clear_pointer (&message->author_id, g_free);
  g_assert_null (pm_import_actors_lookup (actors, message));
  message->author_aliases = g_strdupv ((char **) aliases);
  g_assert_cmpstr (pm_import_actors_lookup (actors, message), ==, "Monitoring");

  /* Events take the team; an author the map does not know stays, and is counted. */
  g_assert_true (pm_import_apply (document, pm_import_get_messages (import), actors, NULL,
                                  &applied, &error));
  g_assert_cmpstr (pm_event_get_actor (event_with_text (document, "API returns 500 errors for "
                                                        "all customers")), ==, "SRE");
  g_assert_cmpstr (pm_event_get_actor (event_with_text (document, "rolled back the deploy")), ==,
                   "tom");
  g_assert_cmpuint (applied.unmapped, ==, 2);
}

/* The window builds its map in memory, row by row. */
static void
test_actors_in_memory (void)
{
  g_autoptr(PmImportActors) actors = pm_import_actors_new ();
  g_autoptr(PmImportMessage) message = pm_import_message_new ();

  g_assert_cmpuint (pm_import_actors_get_size (actors), ==, 0);
  g_assert_true (pm_import_actors_add (actors, "  Lena ", "SRE"));
  g_assert_false (pm_import_actors_add (actors, "Tom", "  "));
  g_assert_false (pm_import_actors_add (actors, "", "Platform"));
  g_assert_true (pm_import_actors_add (actors, "Bot\nline", "Monitoring"));
  g_assert_true (pm_import_actors_add (actors, "LENA", "Platform"));
  g_assert_cmpuint (pm_import_actors_get_size (actors), ==, 2);

  g_free (message->author);
  message->author = g_strdup ("lena");
  g_assert_cmpstr (pm_import_actors_lookup (actors, message), ==, "Platform");
  g_free (message->author);
  message->author = g_strdup ("Tom");
  g_assert_null (pm_import_actors_lookup (actors, message));
}

static void
assert_actors_fail (const char *map,
                    const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmImportActors) actors = pm_import_actors_parse (map, strlen (map), "map.csv", &error);

  g_assert_null (actors);
  g_assert_nonnull (error);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, part);
}

static void
test_actors_errors (void)
{
  assert_actors_fail ("", "map.csv: the file is empty");
  assert_actors_fail ("who,team\n", "map.csv:1: unknown column “who”");
  assert_actors_fail ("author\n", "map.csv:1: the header row needs the columns author and team");
  assert_actors_fail ("author,team\nlena\n", "map.csv:2: this row has 1 fields");
  assert_actors_fail ("author,team\nlena,\n", "map.csv:2: a row needs an author and a team");
  assert_actors_fail ("author,team\nlena,SRE\nLena,Platform\n",
                      "map.csv:3: “Lena” is mapped to “SRE” and to “Platform”");
  assert_actors_fail ("author,team\n\"lena,SRE\n", "map.csv:");
}

static void
test_selection (void)
{
  PmImportSelection selection;
  g_autoptr(GError) error = NULL;

  g_assert_true (pm_import_selection_parse (NULL, &selection, &error));
  g_assert_cmpint (selection.kind, ==, PM_IMPORT_SELECT_ALL);
  g_assert_true (pm_import_selection_parse ("ALL", &selection, &error));
  g_assert_true (pm_import_selection_parse ("reaction:white_check_mark", &selection, &error));
  g_assert_cmpstr (selection.reaction, ==, "white_check_mark");
  g_assert_false (pm_import_selection_parse ("reaction:", &selection, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pm_import_selection_parse ("newest", &selection, &error));
  g_assert_nonnull (strstr (error->message, "all, pinned or reaction:NAME"));
}

static void
test_formats (void)
{
  PmImportFormat format;

  for (guint i = PM_IMPORT_FORMAT_AUTO; i <= PM_IMPORT_FORMAT_SYSLOG; i++)
    {
      g_assert_true (pm_import_format_from_string (pm_import_format_to_string (i), &format));
      g_assert_cmpint (format, ==, i);
    }
  g_assert_false (pm_import_format_from_string ("docx", &format));

  /* What each looks like */
  g_assert_cmpint (pm_import_detect ("time,actor,text,kind\n", 21, "x"), ==, PM_IMPORT_FORMAT_CSV);
  g_assert_cmpint (pm_import_detect ("[{\"type\":\"message\",\"ts\":\"1.2\"}]", 31, "x"), ==,
                   PM_IMPORT_FORMAT_SLACK);
  g_assert_cmpint (pm_import_detect ("[10:00] <a> b\n", 14, "x"), ==,
                   PM_IMPORT_FORMAT_TRANSCRIPT);
  g_assert_cmpint (pm_import_detect ("<13>1 - h a - - - x\n", 20, "x"), ==,
                   PM_IMPORT_FORMAT_SYSLOG);
  g_assert_cmpint (pm_import_detect ("\xef\xbb\xbf  \n", 6, "x"), ==, PM_IMPORT_FORMAT_AUTO);
}

/* Evidence: where it came from first, then the links, at most PM_LIMIT_IMPORT_LINKS. */
static void
test_evidence (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) pm_import_message_free);
  g_autoptr(GStrvBuilder) links = g_strv_builder_new ();
  PmImportMessage *message = pm_import_message_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PmEvent) event = NULL;

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *link = g_strdup_printf ("https://example.com/%u", i);

      g_strv_builder_add (links, link);
    }
  message->links = g_strv_builder_end (links);
  message->source = g_strdup ("export.zip, #ops, message 1.2");
  g_free (message->text);
  message->text = g_strdup ("text");
  g_ptr_array_add (messages, message);

  g_assert_true (pm_import_apply (document, messages, NULL, NULL, NULL, &error));
  event = g_list_model_get_item (pm_document_get_events (document), 0);
  g_assert_null (pm_event_get_time (event));
  g_assert_cmpuint (g_strv_length ((char **) pm_event_get_evidence (event)), ==,
                    PM_LIMIT_IMPORT_LINKS);
  g_assert_cmpstr (pm_event_get_evidence (event)[0], ==, "export.zip, #ops, message 1.2");
  g_assert_cmpstr (pm_event_get_evidence (event)[1], ==, "https://example.com/0");
}

/* Before the zones, a zone's offset is its local mean time (Berlin: +00:53:28); an event's
 * offset is whole minutes. Found by fuzzing. */
static void
test_local_mean_time (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmImport) import = NULL;
  g_autoptr(PmTime) time = NULL;
  g_autoptr(GError) error = NULL;
  PmImportOptions options;

  pm_import_options_init (&options);
  options.zone = berlin;
  import = read_text ("1850-03-01 10:00:00\tlena\tthe telegraph is down\n", "old.log", &options);
  time = pm_import_message_dup_time (message_at (import, 0), berlin);
  g_assert_nonnull (time);
  g_assert_cmpint (pm_time_get_offset (time), ==, 53 * 60);
  g_assert_cmpint (message_at (import, 0)->unix_seconds, ==, utc (1850, 3, 1, 9, 6, 32));
  g_assert_true (pm_import_apply (document, pm_import_get_messages (import), NULL, berlin, NULL,
                                  &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/apply/one-undo-step", test_apply_one_undo_step);
  g_test_add_func ("/import/apply/duplicates", test_apply_duplicates);
  g_test_add_func ("/import/apply/limit", test_apply_limit);
  g_test_add_func ("/import/actors", test_actors);
  g_test_add_func ("/import/actors/errors", test_actors_errors);
  g_test_add_func ("/import/actors/in-memory", test_actors_in_memory);
  g_test_add_func ("/import/selection", test_selection);
  g_test_add_func ("/import/formats", test_formats);
  g_test_add_func ("/import/evidence", test_evidence);
  g_test_add_func ("/import/local-mean-time", test_local_mean_time);

  return g_test_run ();
}
