/* test-collect.c — participants' copies: preparing one, attributing what a participant adds,
 * collecting copies back (clean, conflicting, duplicates, an invalid file, one undo step), and
 * deciding conflicts and suggested duplicates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "pm-collect.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-merge.h"
#include "pm-participant-copy.h"

#include "test-util.h"

static const char main_json[] =
  "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1, \"generator\": \"test\",\n"
  " \"postmortem\": {\"title\": \"Leaked key\", \"summary\": \"A deploy key leaked.\",\n"
  "   \"lessons\": {\"went_well\": \"draft lesson\"}},\n"
  " \"participants\": [{\"id\": \"p-1\", \"name\": \"Amara\", \"moderator\": true},\n"
  "   {\"id\": \"p-2\", \"name\": \"Tomasz\"}, {\"id\": \"p-3\", \"name\": \"Lea\"}],\n"
  " \"events\": [\n"
  "  {\"id\": \"ev-1\", \"time\": \"2024-10-26T02:00:00+02:00\", \"precision\": \"minute\", \"actor\": \"CI\", \"text\": \"Key committed to the repository\"},\n"
  "  {\"id\": \"ev-2\", \"time\": \"2024-10-26T03:00:00+02:00\", \"precision\": \"minute\", \"actor\": \"SOC\", \"text\": \"Alert fired for an unusual login\"},\n"
  "  {\"id\": \"ev-3\", \"time\": \"2024-10-26T03:30:00+02:00\", \"precision\": \"minute\", \"actor\": \"Legal\", \"text\": \"Lawyers informed\", \"confidential\": true}],\n"
  " \"root_causes\": [{\"id\": \"rc-1\", \"title\": \"Key scope too wide\", \"events\": [\"ev-1\"]}],\n"
  " \"measures\": [{\"id\": \"m-1\", \"title\": \"Rotate keys\", \"owner\": \"p-1\"}],\n"
  " \"dismissed_findings\": [{\"rule\": \"single-root-cause\", \"reason\": \"later\"}],\n"
  " \"x_future\": \"kept in the main document\"\n"
  "}\n";

typedef struct
{
  char       *dir;
  PmDocument *document;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pm_test_make_tmp_dir ("pm-collect-XXXXXX");
  f->document = pm_test_load_string (main_json);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pm_test_remove_tree (f->dir);
  g_free (f->dir);
  g_clear_object (&f->document);
}

/* Prepares @participant's copy, saves it and loads it back (what the participant opens). */
static PmDocument *
prepare (Fixture    *f,
         const char *participant,
         char      **path_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) copy = pm_participant_copy_new (f->document, participant, &error);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  PmDocument *reloaded;

  g_assert_no_error (error);
  name = pm_participant_copy_file_name (f->document, pm_document_find_participant (f->document, participant));
  path = g_build_filename (f->dir, name, NULL);
  g_assert_true (pm_document_save_to_file (copy, path, &error));
  g_assert_no_error (error);
  reloaded = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return reloaded;
}

static void
save (PmDocument *document,
      const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pm_document_save_to_file (document, path, &error));
  g_assert_no_error (error);
}

static PmEvent *
new_event (const char *id,
           const char *time,
           const char *text)
{
  g_autoptr(PmTime) when = time ? pm_time_parse_iso8601 (time, PM_TIME_PRECISION_MINUTE, NULL) : NULL;
  PmEvent *event = pm_event_new (id);

  g_object_set (event, "time", when, "text", text, "actor", "Ops", NULL);
  return event;
}

static PmCollectSummary *
collect (Fixture    *f,
         const char *first,
         ...)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    g_ptr_array_add (files, g_file_new_for_path (path));
  va_end (args);
  return pm_collect_copies (f->document, (GFile **) files->pdata, files->len);
}

static guint
n_events (PmDocument *document)
{
  return g_list_model_get_n_items (pm_document_get_events (document));
}

static guint
n_conflicts (PmDocument *document)
{
  JsonArray *conflicts = pm_merge_get_conflicts (document);

  return conflicts ? json_array_get_length (conflicts) : 0;
}

static guint
n_suggestions (PmDocument *document)
{
  JsonArray *suggestions = pm_merge_get_duplicate_suggestions (document);

  return suggestions ? json_array_get_length (suggestions) : 0;
}

static guint find_proposal (PmDocument *document,
                            const char *id,
                            const char *from);

/* ------------------------------------------------------------------------------------------ */
/* Preparing                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
test_prepare_leaves_out_drafts (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(PmDocument) copy = prepare (f, "p-2", NULL);
  g_autofree char *text = pm_document_serialize (copy, NULL);
  JsonArray *base = pm_participant_copy_get_base (copy);

  g_assert_cmpstr (pm_document_get_prepared_for (copy), ==, "p-2");
  g_assert_cmpstr (pm_document_get_title (copy), ==, "Leaked key");
  g_assert_cmpstr (pm_document_get_field (copy, PM_FIELD_SUMMARY), ==, "A deploy key leaked.");
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_participants (copy)), ==, 3);
  /* The confidential event stays home; the others keep their ids. */
  g_assert_cmpuint (n_events (copy), ==, 2);
  g_assert_nonnull (pm_document_find_event (copy, "ev-1"));
  g_assert_nonnull (pm_document_find_event (copy, "ev-2"));
  g_assert_null (pm_document_find_event (copy, "ev-3"));
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_root_causes (copy)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_measures (copy)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_dismissals (copy)), ==, 0);
  g_assert_null (strstr (text, "draft lesson"));
  g_assert_null (strstr (text, "x_future"));
  g_assert_nonnull (strstr (text, "\"prepared_for\": \"p-2\""));
  g_assert_nonnull (base);
  g_assert_cmpuint (json_array_get_length (base), ==, 2);
  /* The main document only remembers the copy: its participant and its token's digest, not the
   * token; it is modified so that the record is saved. */
  g_assert_null (pm_document_get_prepared_for (f->document));
  g_assert_true (pm_document_get_modified (f->document));
  g_assert_nonnull (pm_participant_copy_get_token (copy));
  g_assert_cmpuint (strlen (pm_participant_copy_get_token (copy)), ==, 32);
  g_assert_true (pm_participant_copy_verify (f->document, "p-2", pm_participant_copy_get_token (copy)));
  g_assert_false (pm_participant_copy_verify (f->document, "p-3", pm_participant_copy_get_token (copy)));
  {
    g_autofree char *main_text = pm_document_serialize (f->document, NULL);
    g_autoptr(PmDocument) reopened = pm_test_load_string (main_text);

    g_assert_null (strstr (main_text, pm_participant_copy_get_token (copy)));
    g_assert_nonnull (strstr (main_text, "\"prepared_copies\""));
    g_assert_null (strstr (text, "prepared_copies"));
    g_assert_true (pm_participant_copy_verify (reopened, "p-2", pm_participant_copy_get_token (copy)));
  }
}

static void
test_prepare_file_name (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PmParticipant) odd = pm_participant_new ("p-9");
  g_autofree char *name = NULL;
  g_autofree char *odd_name = NULL;

  name = pm_participant_copy_file_name (f->document, pm_document_find_participant (f->document, "p-2"));
  g_assert_cmpstr (name, ==, "Leaked key – Tomasz.pmortem");

  g_object_set (odd, "name", "../.hidden/me\n", NULL);
  pm_document_set (f->document, f->document, "title", "a/b:c", NULL);
  odd_name = pm_participant_copy_file_name (f->document, odd);
  g_assert_null (strchr (odd_name, '/'));
  g_assert_null (strchr (odd_name, '\n'));
  g_assert_cmpstr (odd_name, ==, "a-b-c – -.hidden-me.pmortem");
}

static void
test_prepare_unknown_participant (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) copy = pm_participant_copy_new (f->document, "p-404", &error);

  g_assert_null (copy);
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
}

static void
test_attribute_in_copy (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PmDocument) copy = prepare (f, "p-2", NULL);
  g_autoptr(PmEvent) added = new_event ("ev-new", "2024-10-26T02:30:00+02:00", "I saw the push");
  g_autoptr(PmEvent) someone_else = new_event ("ev-other", NULL, "Lea told me");

  pm_document_add_event (copy, added);
  g_assert_cmpstr (pm_event_get_contributor (added), ==, "p-2");
  /* An event that names its contributor keeps it. */
  g_object_set (someone_else, "contributor", "p-3", NULL);
  pm_document_add_event (copy, someone_else);
  g_assert_cmpstr (pm_event_get_contributor (someone_else), ==, "p-3");
  /* Undo and redo keep it attributed. */
  pm_document_undo (copy);
  pm_document_undo (copy);
  pm_document_redo (copy);
  g_assert_cmpstr (pm_event_get_contributor (added), ==, "p-2");

  /* In the main document nothing is attributed by itself. */
  {
    g_autoptr(PmEvent) moderator = new_event ("ev-m", NULL, "Moderator's note");

    pm_document_add_event (f->document, moderator);
    g_assert_null (pm_event_get_contributor (moderator));
  }
}

static void
test_prepared_for_removed_participant (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(PmDocument) copy = prepare (f, "p-2", NULL);
  g_autofree char *text = NULL;
  g_autoptr(PmDocument) again = NULL;
  g_autoptr(GError) error = NULL;

  pm_document_remove (copy, pm_document_get_participants (copy),
                      pm_document_find_participant (copy, "p-2"));
  g_assert_null (pm_document_get_prepared_for (copy));
  text = pm_document_serialize (copy, NULL);
  again = pm_document_load_from_data (text, strlen (text), "again", &error);
  g_assert_no_error (error);
  pm_document_undo (copy);
  g_assert_cmpstr (pm_document_get_prepared_for (copy), ==, "p-2");
}

static void
test_format_refuses_bad_copy_members (void)
{
  static const struct { const char *json; const char *message; } cases[] = {
    { "\"prepared_for\": \"p-7\"", "$.prepared_for: no participant has the id “p-7”" },
    { "\"prepared_for\": 3", "$.prepared_for: expected text" },
    { "\"prepared_base\": {}", "$.prepared_base: expected a list" },
    { "\"prepared_base\": [3]", "$.prepared_base[0]: expected an object" },
    { "\"prepared_base\": [{\"event\": \"ev-1\"}]", "$.prepared_base[0]: the member “digest” is missing" },
    { "\"prepared_base\": [{\"event\": \"e v\", \"digest\": \"00\"}]", "$.prepared_base[0].event" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (
        "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1,\n"
        " \"postmortem\": {\"title\": \"t\"}, \"participants\": [{\"id\": \"p-1\", \"name\": \"A\"}],\n"
        " %s}\n", cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(PmDocument) document = pm_document_load_from_data (json, strlen (json), "f", &error);

      g_assert_null (document);
      g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].message);
    }
}

static void
test_copy_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PmDocument) copy = prepare (f, "p-3", NULL);
  g_autofree char *first = pm_document_serialize (copy, NULL);
  g_autoptr(PmDocument) again = pm_test_load_string (first);
  g_autofree char *second = pm_document_serialize (again, NULL);

  g_assert_cmpstr (first, ==, second);
}

/* ------------------------------------------------------------------------------------------ */
/* Collecting                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
test_collect_clean (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path_2 = NULL;
  g_autofree char *path_3 = NULL;
  g_autoptr(PmDocument) copy_2 = prepare (f, "p-2", &path_2);
  g_autoptr(PmDocument) copy_3 = prepare (f, "p-3", &path_3);
  g_autoptr(PmEvent) a = new_event ("ev-t1", "2024-10-26T02:10:00+02:00", "Pipeline printed the key in its log");
  g_autoptr(PmEvent) b = new_event ("ev-t2", NULL, "The key had no owner on record");
  g_autoptr(PmEvent) c = new_event ("ev-l1", "2024-10-26T04:00:00+02:00", "Customer support got the first call");
  g_autoptr(PmCollectSummary) summary = NULL;
  g_autofree char *undo_label = NULL;

  pm_document_add_event (copy_2, a);
  pm_document_add_event (copy_2, b);
  /* Tomasz also fixed a typo in a known event; Lea deleted one from her copy. */
  pm_document_set (copy_2, pm_document_find_event (copy_2, "ev-2"), "text",
                   "Alert fired for an unusual login from abroad", NULL);
  pm_document_add_event (copy_3, c);
  pm_document_remove (copy_3, pm_document_get_events (copy_3),
                      pm_document_find_event (copy_3, "ev-1"));
  save (copy_2, path_2);
  save (copy_3, path_3);

  /* Meanwhile the moderator changed another event's lane. */
  pm_document_set (f->document, pm_document_find_event (f->document, "ev-1"), "lane", "Build", NULL);
  pm_undo_stack_break_merge (pm_document_get_undo_stack (f->document));

  summary = collect (f, path_2, path_3, NULL);
  for (guint i = 0; i < summary->skipped->len; i++)
    g_test_message ("skipped %s: %s", ((PmCollectSkipped *) summary->skipped->pdata[i])->file,
                    ((PmCollectSkipped *) summary->skipped->pdata[i])->message);
  g_assert_cmpuint (summary->skipped->len, ==, 0);
  g_assert_cmpuint (summary->n_copies, ==, 2);
  g_assert_cmpuint (summary->n_new_events, ==, 3);
  /* Tomasz's typo fix and Lea's deletion touch the moderator's events: proposed. */
  g_assert_cmpuint (summary->n_changed_events, ==, 0);
  g_assert_cmpuint (summary->n_proposals, ==, 2);
  g_assert_cmpuint (summary->contributions->len, ==, 2);
  {
    PmCollectContribution *first = summary->contributions->pdata[0];
    PmCollectContribution *second = summary->contributions->pdata[1];

    g_assert_cmpstr (first->contributor_id, ==, "p-2");
    g_assert_cmpstr (first->name, ==, "Tomasz");
    g_assert_cmpuint (first->n_events, ==, 2);
    g_assert_cmpuint (first->n_proposals, ==, 1);
    g_assert_cmpstr (second->name, ==, "Lea");
    g_assert_cmpuint (second->n_events, ==, 1);
    g_assert_cmpuint (second->n_proposals, ==, 1);
  }

  g_assert_cmpuint (n_events (f->document), ==, 6);
  /* Not deleted because Lea's copy lacks it; the moderator's lane kept. */
  g_assert_cmpstr (pm_event_get_lane (pm_document_find_event (f->document, "ev-1")), ==, "Build");
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, "ev-2")), ==,
                   "Alert fired for an unusual login");
  {
    guint index = find_proposal (f->document, "ev-2", "p-2");

    g_assert_true (pm_merge_resolve_conflict (f->document, index, PM_MERGE_KEEP_THEIRS, NULL));
    g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, "ev-2")), ==,
                     "Alert fired for an unusual login from abroad");
    g_assert_cmpstr (pm_undo_stack_get_undo_label (pm_document_get_undo_stack (f->document)), ==,
                     "Accept Proposal");
    g_assert_true (pm_document_undo (f->document));
  }
  /* The confidential event, never sent, is still there; the new ones are attributed. */
  g_assert_nonnull (pm_document_find_event (f->document, "ev-3"));
  g_assert_cmpstr (pm_event_get_contributor (pm_document_find_event (f->document, "ev-t1")), ==, "p-2");
  g_assert_cmpstr (pm_event_get_contributor (pm_document_find_event (f->document, "ev-l1")), ==, "p-3");
  /* In time order: ev-t1 between ev-1 and ev-2. */
  {
    g_autoptr(PmEvent) second = g_list_model_get_item (pm_document_get_events (f->document), 1);

    g_assert_cmpstr (pm_event_get_id (second), ==, "ev-t1");
  }
  /* Root causes and measures are untouched, the main document is not a copy. */
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_root_causes (f->document)), ==, 1);
  g_assert_null (pm_document_get_prepared_for (f->document));
  undo_label = g_strdup (pm_undo_stack_get_undo_label (pm_document_get_undo_stack (f->document)));
  g_assert_cmpstr (undo_label, ==, "Collect Events");

  /* Collecting the same copies again brings nothing new. */
  {
    g_autoptr(PmCollectSummary) again = collect (f, path_2, path_3, NULL);

    g_assert_cmpuint (again->n_new_events, ==, 0);
    g_assert_cmpuint (again->n_changed_events, ==, 0);
    g_assert_cmpuint (again->n_proposals, ==, 0);
    g_assert_cmpuint (n_conflicts (f->document), ==, 2);
    g_assert_cmpuint (n_events (f->document), ==, 6);
  }
}

static void
test_collect_one_undo_step (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path_2 = NULL;
  g_autoptr(PmDocument) copy_2 = prepare (f, "p-2", &path_2);
  g_autoptr(PmEvent) a = new_event ("ev-t1", "2024-10-26T02:10:00+02:00", "Pipeline printed the key");
  g_autoptr(PmCollectSummary) summary = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  /* The moderator saved after preparing the copies (the document remembers them). */
  pm_document_mark_saved (f->document);
  before = pm_document_serialize (f->document, NULL);
  pm_document_add_event (copy_2, a);
  pm_document_set (copy_2, pm_document_find_event (copy_2, "ev-1"), "actor", "GitLab CI", NULL);
  save (copy_2, path_2);
  summary = collect (f, path_2, NULL);
  g_assert_cmpuint (summary->n_new_events, ==, 1);
  after = pm_document_serialize (f->document, NULL);
  g_assert_true (pm_document_get_modified (f->document));

  g_assert_true (pm_document_undo (f->document));
  undone = pm_document_serialize (f->document, NULL);
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (pm_document_get_modified (f->document));
  g_assert_false (pm_undo_stack_get_can_undo (pm_document_get_undo_stack (f->document)));
  g_assert_true (pm_document_redo (f->document));
  redone = pm_document_serialize (f->document, NULL);
  g_assert_cmpstr (redone, ==, after);
}

static void
test_collect_conflict (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path_2 = NULL;
  g_autofree char *path_3 = NULL;
  g_autoptr(PmDocument) copy_2 = prepare (f, "p-2", &path_2);
  g_autoptr(PmDocument) copy_3 = prepare (f, "p-3", &path_3);
  g_autoptr(PmCollectSummary) summary = NULL;
  JsonObject *conflict;

  /* Two participants tell the moderator's ev-1 differently; Tomasz also changes ev-2, which
   * the moderator changed since. */
  pm_document_set (copy_2, pm_document_find_event (copy_2, "ev-1"), "text", "Key pushed by a bot", NULL);
  pm_document_set (copy_3, pm_document_find_event (copy_3, "ev-1"), "text", "Key pushed by hand", NULL);
  pm_document_set (copy_2, pm_document_find_event (copy_2, "ev-2"), "actor", "SOC night shift", NULL);
  save (copy_2, path_2);
  save (copy_3, path_3);
  pm_document_set (f->document, pm_document_find_event (f->document, "ev-2"), "actor", "SIEM", NULL);

  summary = collect (f, path_2, path_3, NULL);
  g_assert_cmpuint (summary->n_proposals, ==, 3);
  g_assert_cmpuint (n_conflicts (f->document), ==, 3);
  /* Nothing of the moderator's changed. */
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, "ev-1")), ==, "Key committed to the repository");
  g_assert_cmpstr (pm_event_get_actor (pm_document_find_event (f->document, "ev-2")), ==, "SIEM");

  conflict = json_array_get_object_element (pm_merge_get_conflicts (f->document),
                                            find_proposal (f->document, "ev-1", "p-3"));
  g_assert_cmpstr (json_object_get_string_member (conflict, "kind"), ==, "event");
  g_assert_cmpstr (json_object_get_string_member (conflict, "member"), ==, "text");
  g_assert_cmpstr (json_object_get_string_member (conflict, "ours"), ==, "Key committed to the repository");
  g_assert_cmpstr (json_object_get_string_member (conflict, "theirs"), ==, "Key pushed by hand");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (conflict, "source"), "Lea.pmortem"));
  conflict = json_array_get_object_element (pm_merge_get_conflicts (f->document),
                                            find_proposal (f->document, "ev-2", "p-2"));
  g_assert_cmpstr (json_object_get_string_member (conflict, "ours"), ==, "SIEM");
  g_assert_cmpstr (json_object_get_string_member (conflict, "theirs"), ==, "SOC night shift");

  /* The proposals are in the saved file. */
  {
    g_autofree char *text = pm_document_serialize (f->document, NULL);
    g_autoptr(PmDocument) again = pm_test_load_string (text);

    g_assert_cmpuint (n_conflicts (again), ==, 3);
  }
}

/* The index of the proposal about @id made by @from. */
static guint
find_proposal (PmDocument *document,
               const char *id,
               const char *from)
{
  JsonArray *conflicts = pm_merge_get_conflicts (document);

  for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonObject *entry = json_array_get_object_element (conflicts, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "id", ""), id) == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "from", ""), from) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static void
test_resolve_conflicts (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path_2 = NULL;
  g_autofree char *path_3 = NULL;
  g_autoptr(PmDocument) copy_2 = prepare (f, "p-2", &path_2);
  g_autoptr(PmDocument) copy_3 = prepare (f, "p-3", &path_3);
  g_autoptr(PmCollectSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  guint index;

  pm_document_set (copy_2, pm_document_find_event (copy_2, "ev-1"), "text", "Key pushed by a bot", NULL);
  pm_document_set (copy_3, pm_document_find_event (copy_3, "ev-1"), "text", "Key pushed by hand", NULL);
  g_autoptr(PmTime) at_5 = pm_time_parse_iso8601 ("2024-10-26T03:05:00+02:00", PM_TIME_PRECISION_MINUTE, NULL);
  g_autoptr(PmTime) at_10 = pm_time_parse_iso8601 ("2024-10-26T03:10:00+02:00", PM_TIME_PRECISION_MINUTE, NULL);

  pm_document_set (copy_2, pm_document_find_event (copy_2, "ev-2"), "time", at_5, NULL);
  pm_document_set (copy_3, pm_document_find_event (copy_3, "ev-2"), "time", at_10, NULL);
  save (copy_2, path_2);
  save (copy_3, path_3);
  summary = collect (f, path_2, path_3, NULL);
  g_assert_cmpuint (n_conflicts (f->document), ==, 4);

  /* Accept Lea's text. One step, the entry goes. */
  index = find_proposal (f->document, "ev-1", "p-3");
  g_assert_true (pm_merge_can_resolve (f->document, index, PM_MERGE_KEEP_THEIRS));
  g_assert_true (pm_merge_resolve_conflict (f->document, index, PM_MERGE_KEEP_THEIRS, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, "ev-1")), ==, "Key pushed by hand");
  g_assert_cmpuint (n_conflicts (f->document), ==, 3);
  g_assert_true (pm_document_undo (f->document));
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, "ev-1")), ==, "Key committed to the repository");
  g_assert_cmpuint (n_conflicts (f->document), ==, 4);
  g_assert_true (pm_document_redo (f->document));
  g_assert_cmpuint (n_conflicts (f->document), ==, 3);

  /* Keep both for Lea's time: a second event at her time, the first one unchanged. */
  index = find_proposal (f->document, "ev-2", "p-3");
  g_assert_true (pm_merge_resolve_conflict (f->document, index, PM_MERGE_KEEP_BOTH, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts (f->document), ==, 2);
  g_assert_cmpuint (n_events (f->document), ==, 4);
  {
    g_autoptr(PmEvent) third = g_list_model_get_item (pm_document_get_events (f->document), 2);
    g_autofree char *when = pm_time_to_iso8601 (pm_event_get_time (third));

    g_assert_cmpstr (pm_event_get_text (third), ==, "Alert fired for an unusual login");
    g_assert_cmpstr (when, ==, "2024-10-26T03:10:00+02:00");
    g_assert_cmpstr (pm_event_get_id (third), !=, "ev-2");
  }
  g_assert_true (pm_document_undo (f->document));
  g_assert_cmpuint (n_events (f->document), ==, 3);
  g_assert_cmpuint (n_conflicts (f->document), ==, 3);

  /* Reject Tomasz's time: only the entry goes. */
  index = find_proposal (f->document, "ev-2", "p-2");
  g_assert_true (pm_merge_resolve_conflict (f->document, index, PM_MERGE_KEEP_OURS, &error));
  g_assert_cmpuint (n_conflicts (f->document), ==, 2);
  g_assert_cmpstr (pm_undo_stack_get_undo_label (pm_document_get_undo_stack (f->document)), ==,
                   "Reject Proposal");
  {
    g_autofree char *when = pm_time_to_iso8601 (pm_event_get_time (pm_document_find_event (f->document, "ev-2")));

    g_assert_cmpstr (when, ==, "2024-10-26T03:00:00+02:00");
  }
}

static void
test_resolve_unsupported_kind (void)
{
  g_autoptr(PmDocument) document = pm_test_load_string (
    "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1,\n"
    " \"postmortem\": {\"title\": \"t\"},\n"
    " \"merge_conflicts\": [{\"kind\": \"postmortem\", \"member\": \"impact.cost.amount\", \"ours\": 1, \"theirs\": 2}]}\n");
  g_autoptr(GError) error = NULL;

  g_assert_false (pm_merge_can_resolve (document, 0, PM_MERGE_KEEP_THEIRS));
  g_assert_false (pm_merge_can_resolve (document, 0, PM_MERGE_KEEP_BOTH));
  g_assert_false (pm_merge_resolve_conflict (document, 0, PM_MERGE_KEEP_THEIRS, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
  g_assert_cmpuint (n_conflicts (document), ==, 1);
  g_assert_true (pm_merge_resolve_conflict (document, 0, PM_MERGE_KEEP_OURS, NULL));
  g_assert_cmpuint (n_conflicts (document), ==, 0);
  g_assert_false (pm_merge_can_resolve (document, 0, PM_MERGE_KEEP_OURS));
}

static void
test_collect_duplicates (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path_2 = NULL;
  g_autofree char *path_3 = NULL;
  g_autoptr(PmDocument) copy_2 = prepare (f, "p-2", &path_2);
  g_autoptr(PmDocument) copy_3 = prepare (f, "p-3", &path_3);
  g_autoptr(PmEvent) a = new_event ("ev-t1", "2024-10-26T04:00:00+02:00", "Customer called the hotline");
  g_autoptr(PmEvent) b = new_event ("ev-l1", "2024-10-26T04:03:00+02:00", "A customer called our hotline about it");
  g_autoptr(PmCollectSummary) summary = NULL;
  PmEvent *kept;
  JsonObject *pair;

  g_object_set (b, "lane", "Support", "evidence", (const char *[]) { "https://t.example/9", NULL }, NULL);
  pm_document_add_event (copy_2, a);
  pm_document_add_event (copy_3, b);
  save (copy_2, path_2);
  save (copy_3, path_3);
  summary = collect (f, path_2, path_3, NULL);

  /* Both come in; the likeness is only suggested. */
  g_assert_cmpuint (summary->n_new_events, ==, 2);
  g_assert_cmpuint (summary->n_suggestions, ==, 1);
  g_assert_cmpuint (n_events (f->document), ==, 5);
  pair = json_array_get_object_element (pm_merge_get_duplicate_suggestions (f->document), 0);
  g_assert_cmpstr (json_object_get_string_member (pair, "a"), ==, "ev-t1");
  g_assert_cmpstr (json_object_get_string_member (pair, "b"), ==, "ev-l1");

  /* Keep both: only the suggestion goes. */
  g_assert_true (pm_merge_resolve_duplicate (f->document, 0, FALSE));
  g_assert_cmpuint (n_suggestions (f->document), ==, 0);
  g_assert_cmpuint (n_events (f->document), ==, 5);
  pm_document_undo (f->document);
  g_assert_cmpuint (n_suggestions (f->document), ==, 1);

  /* Merge: one event with the longer text, the lane and the evidence, as one step. */
  g_assert_true (pm_merge_resolve_duplicate (f->document, 0, TRUE));
  g_assert_cmpuint (n_events (f->document), ==, 4);
  g_assert_cmpuint (n_suggestions (f->document), ==, 0);
  kept = pm_document_find_event (f->document, "ev-t1");
  g_assert_nonnull (kept);
  g_assert_null (pm_document_find_event (f->document, "ev-l1"));
  g_assert_cmpstr (pm_event_get_text (kept), ==, "A customer called our hotline about it");
  g_assert_cmpstr (pm_event_get_lane (kept), ==, "Support");
  g_assert_cmpstr (pm_event_get_evidence (kept)[0], ==, "https://t.example/9");
  g_assert_true (pm_document_undo (f->document));
  g_assert_cmpuint (n_events (f->document), ==, 5);
  g_assert_cmpuint (n_suggestions (f->document), ==, 1);
}

static void
test_collect_invalid_files (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path_2 = NULL;
  g_autoptr(PmDocument) copy_2 = prepare (f, "p-2", &path_2);
  g_autofree char *broken = g_build_filename (f->dir, "broken.pmortem", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.pmortem", NULL);
  g_autofree char *bad_link = g_build_filename (f->dir, "bad-link.pmortem", NULL);
  g_autoptr(PmEvent) a = new_event ("ev-t1", NULL, "Something I know");
  g_autoptr(PmCollectSummary) summary = NULL;
  PmCollectSkipped *skipped;

  pm_document_add_event (copy_2, a);
  save (copy_2, path_2);
  g_assert_true (g_file_set_contents (broken, "{\"format\": \"pmortem\",", -1, NULL));
  g_assert_true (g_file_set_contents (bad_link,
    "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1,\n"
    " \"postmortem\": {\"title\": \"t\"}, \"events\": [{\"id\": \"ev-x\", \"contributor\": \"p-9\"}]}\n", -1, NULL));

  summary = collect (f, broken, path_2, missing, bad_link, NULL);
  g_assert_cmpuint (summary->n_copies, ==, 1);
  g_assert_cmpuint (summary->n_new_events, ==, 1);
  g_assert_cmpuint (summary->skipped->len, ==, 3);
  skipped = summary->skipped->pdata[0];
  g_assert_true (g_str_has_suffix (skipped->file, "broken.pmortem"));
  g_assert_nonnull (strstr (skipped->message, "broken.pmortem:1:"));
  skipped = summary->skipped->pdata[1];
  g_assert_true (g_str_has_suffix (skipped->file, "missing.pmortem"));
  skipped = summary->skipped->pdata[2];
  g_assert_nonnull (strstr (skipped->message, "$.events[0].contributor"));

  /* Nothing usable: nothing changes, nothing to undo. */
  {
    g_autoptr(PmDocument) untouched = pm_test_load_string (main_json);
    g_autoptr(GFile) file = g_file_new_for_path (broken);
    g_autoptr(PmCollectSummary) none = pm_collect_copies (untouched, &file, 1);

    g_assert_cmpuint (none->n_copies, ==, 0);
    g_assert_false (pm_document_get_modified (untouched));
    g_assert_false (pm_undo_stack_get_can_undo (pm_document_get_undo_stack (untouched)));
  }
}

/* A copy not prepared here (no digests): an event told differently is a conflict, not an
 * overwrite of the moderator's version. */
static void
test_collect_without_base (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "plain.pmortem", NULL);
  g_autoptr(PmDocument) plain = pm_test_load_string (main_json);
  g_autoptr(PmCollectSummary) summary = NULL;

  pm_document_set (plain, pm_document_find_event (plain, "ev-1"), "text", "Someone's version", NULL);
  save (plain, path);
  summary = collect (f, path, NULL);
  g_assert_cmpuint (summary->n_conflicts, ==, 1);
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, "ev-1")), ==,
                   "Key committed to the repository");
}

static JsonArray *
one_pair (const char *a,
          const char *b)
{
  JsonArray *pairs = json_array_new ();
  JsonObject *pair = json_object_new ();

  json_object_set_string_member (pair, "a", a);
  json_object_set_string_member (pair, "b", b);
  json_array_add_object_element (pairs, pair);
  return pairs;
}

/* The file refuses a suggested duplicate naming an event that is not there, so removing one of
 * the two events ends the suggestion (and undo brings it back); a saved document always opens
 * again. */
static void
test_remove_event_of_suggestion (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(JsonArray) pairs = one_pair ("ev-1", "ev-2");

  pm_merge_set_duplicate_suggestions (f->document, pairs);
  g_assert_cmpuint (n_suggestions (f->document), ==, 1);

  pm_document_remove (f->document, pm_document_get_events (f->document),
                      pm_document_find_event (f->document, "ev-2"));
  g_assert_cmpuint (n_suggestions (f->document), ==, 0);
  {
    g_autofree char *text = pm_document_serialize (f->document, NULL);
    g_autoptr(PmDocument) again = pm_test_load_string (text);
  }

  g_assert_true (pm_document_undo (f->document));
  g_assert_nonnull (pm_document_find_event (f->document, "ev-2"));
  g_assert_cmpuint (n_suggestions (f->document), ==, 1);
  {
    g_autofree char *text = pm_document_serialize (f->document, NULL);
    g_autoptr(PmDocument) again = pm_test_load_string (text);

    g_assert_cmpuint (n_suggestions (again), ==, 1);
  }
}

/* A dismissal about a follow-up (kept by a merge) goes with the follow-up. */
static void
test_remove_follow_up_with_dismissal (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(PmFollowUp) follow_up = pm_follow_up_new ("fu-1");

  pm_document_append (f->document, pm_document_get_follow_ups (f->document), follow_up);
  pm_document_dismiss_finding (f->document, "x-future-rule", "fu-1", "not now");
  pm_document_remove (f->document, pm_document_get_follow_ups (f->document), follow_up);
  g_assert_null (pm_document_find_dismissal (f->document, "x-future-rule", "fu-1"));
  {
    g_autofree char *text = pm_document_serialize (f->document, NULL);
    g_autoptr(PmDocument) again = pm_test_load_string (text);
  }
}

/* Collecting a copy whose events as sent cannot all be told (both sides changed ev-1, so the
 * base lacks it) still works when a suggested duplicate names that event, and an event the
 * participant deleted stays in the document. */
static void
test_collect_with_suggestion_and_deleted_event (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(JsonArray) pairs = one_pair ("ev-1", "ev-2");
  g_autofree char *path = NULL;
  g_autoptr(PmDocument) copy = NULL;
  g_autoptr(PmCollectSummary) summary = NULL;

  pm_merge_set_duplicate_suggestions (f->document, pairs);
  copy = prepare (f, "p-2", &path);
  pm_document_set (copy, pm_document_find_event (copy, "ev-1"), "text", "Tomasz's telling", NULL);
  pm_document_remove (copy, pm_document_get_events (copy), pm_document_find_event (copy, "ev-2"));
  save (copy, path);
  /* The copy lists ev-2 as sent though it no longer has it: it opens. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PmDocument) reopened = pm_document_load_from_file (path, &error);

    g_assert_no_error (error);
    g_assert_null (pm_document_find_event (reopened, "ev-2"));
  }
  pm_document_set (f->document, pm_document_find_event (f->document, "ev-1"), "text", "Amara's telling", NULL);

  summary = collect (f, path, NULL);
  g_assert_cmpuint (summary->skipped->len, ==, 0);
  g_assert_cmpuint (summary->n_copies, ==, 1);
  /* ev-1's telling and ev-2's deletion are proposed: neither is Tomasz's event. */
  g_assert_cmpuint (summary->n_proposals, ==, 2);
  g_assert_nonnull (pm_document_find_event (f->document, "ev-2"));
  g_assert_cmpuint (n_suggestions (f->document), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/collect/prepare/leaves-out-drafts", test_prepare_leaves_out_drafts);
  ADD ("/collect/prepare/file-name", test_prepare_file_name);
  ADD ("/collect/prepare/unknown-participant", test_prepare_unknown_participant);
  ADD ("/collect/prepare/round-trip", test_copy_round_trip);
  ADD ("/collect/attribute/in-copy", test_attribute_in_copy);
  ADD ("/collect/attribute/participant-removed", test_prepared_for_removed_participant);
  g_test_add_func ("/collect/format/refuses-bad-members", test_format_refuses_bad_copy_members);
  ADD ("/collect/collect/clean", test_collect_clean);
  ADD ("/collect/collect/one-undo-step", test_collect_one_undo_step);
  ADD ("/collect/collect/conflict", test_collect_conflict);
  ADD ("/collect/collect/duplicates", test_collect_duplicates);
  ADD ("/collect/collect/invalid-files", test_collect_invalid_files);
  ADD ("/collect/collect/without-base", test_collect_without_base);
  ADD ("/collect/collect/suggestion-and-deleted-event", test_collect_with_suggestion_and_deleted_event);
  ADD ("/collect/remove/event-of-suggestion", test_remove_event_of_suggestion);
  ADD ("/collect/remove/follow-up-with-dismissal", test_remove_follow_up_with_dismissal);
  ADD ("/collect/resolve/conflicts", test_resolve_conflicts);
  g_test_add_func ("/collect/resolve/unsupported-kind", test_resolve_unsupported_kind);
#undef ADD

  return g_test_run ();
}
