/* test-contribution.c — participants' contributions never destroy the moderator's work
 *
 * Hostile and careless copies, made here from a prepared copy's file form: a wiped copy, one
 * that deletes everything, renames every id, rewrites other people's events, marks everything
 * team-only, renames and reclassifies the postmortem, dismisses every finding, injects a
 * measure, claims to be the moderator or someone else, comes from a newer version, brings
 * 9,000 events or megabytes of unknown members. After each, everything of the moderator's is
 * still there, and what the copy wanted is a proposal the moderator can accept or reject.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "pm-collect.h"
#include "pm-contribution.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-merge.h"
#include "pm-participant-copy.h"

#include "test-util.h"

static const char main_json[] =
  "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1, \"generator\": \"test\",\n"
  " \"postmortem\": {\"title\": \"Leaked key\", \"summary\": \"A deploy key leaked.\", \"classification\": \"internal\",\n"
  "   \"lessons\": {\"went_well\": \"draft lesson\"}},\n"
  " \"participants\": [{\"id\": \"p-1\", \"name\": \"Amara\", \"moderator\": true},\n"
  "   {\"id\": \"p-2\", \"name\": \"Tomasz\"}, {\"id\": \"p-3\", \"name\": \"Lea\"}],\n"
  " \"events\": [\n"
  "  {\"id\": \"ev-1\", \"time\": \"2024-10-26T02:00:00+02:00\", \"precision\": \"minute\", \"actor\": \"CI\", \"text\": \"Key committed to the repository\"},\n"
  "  {\"id\": \"ev-2\", \"time\": \"2024-10-26T03:00:00+02:00\", \"precision\": \"minute\", \"actor\": \"SOC\", \"text\": \"Alert fired for an unusual login\", \"contributor\": \"p-3\"},\n"
  "  {\"id\": \"ev-3\", \"time\": \"2024-10-26T03:30:00+02:00\", \"precision\": \"minute\", \"actor\": \"Legal\", \"text\": \"Lawyers informed\", \"confidential\": true},\n"
  "  {\"id\": \"ev-4\", \"actor\": \"Ops\", \"text\": \"The key had no owner on record\", \"contributor\": \"p-2\"}],\n"
  " \"root_causes\": [{\"id\": \"rc-1\", \"title\": \"Key scope too wide\", \"events\": [\"ev-1\"]},\n"
  "   {\"id\": \"rc-2\", \"title\": \"No secret scanning\"}],\n"
  " \"measures\": [{\"id\": \"m-1\", \"title\": \"Rotate keys\", \"owner\": \"p-2\"}],\n"
  " \"follow_ups\": [{\"id\": \"f-1\", \"notes\": \"Check the rotation\"}],\n"
  " \"dismissed_findings\": [{\"rule\": \"single-root-cause\", \"reason\": \"later\"}],\n"
  " \"x_future\": \"kept in the main document\"\n"
  "}\n";

typedef struct
{
  char       *dir;
  PmDocument *document;
  char       *before;     /* the document's file form before collecting */
} Fixture;

typedef void (*EditCopy) (JsonObject *root);

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = pm_test_make_tmp_dir ("pm-contribution-XXXXXX");
  f->document = pm_test_load_string (main_json);
  f->before = pm_document_serialize (f->document, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pm_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->before);
  g_clear_object (&f->document);
}

/* @participant's prepared copy, changed by @edit in its file form and written to a file. */
static char *
hostile_copy (Fixture    *f,
              const char *participant,
              EditCopy    edit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) copy = pm_participant_copy_new (f->document, participant, &error);
  g_autofree char *data = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *name = g_strdup_printf ("copy-%s.pmortem", participant);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_no_error (error);
  data = pm_document_serialize (copy, NULL);
  g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
  if (edit != NULL)
    edit (json_node_get_object (json_parser_get_root (parser)));
  json_generator_set_root (generator, json_parser_get_root (parser));
  g_assert_true (json_generator_to_file (generator, path, &error));
  g_assert_no_error (error);
  return path;
}

static PmCollectSummary *
collect (Fixture    *f,
         const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return pm_collect_copies (f->document, &file, 1);
}

static guint
n_items (GListModel *model)
{
  return g_list_model_get_n_items (model);
}

static guint
n_conflicts (PmDocument *document)
{
  JsonArray *conflicts = pm_merge_get_conflicts (document);

  return conflicts ? json_array_get_length (conflicts) : 0;
}

/* Everything of the moderator's is still there, as it was. */
static void
assert_moderator_work_kept (PmDocument *document)
{
  g_autofree char *text = pm_document_serialize (document, NULL);

  g_assert_cmpstr (pm_document_get_title (document), ==, "Leaked key");
  g_assert_cmpstr (pm_document_get_field (document, PM_FIELD_CLASSIFICATION), ==, "internal");
  g_assert_cmpstr (pm_document_get_field (document, PM_FIELD_WENT_WELL), ==, "draft lesson");
  g_assert_cmpuint (n_items (pm_document_get_root_causes (document)), ==, 2);
  g_assert_cmpuint (n_items (pm_document_get_measures (document)), ==, 1);
  g_assert_cmpuint (n_items (pm_document_get_follow_ups (document)), ==, 1);
  g_assert_cmpuint (n_items (pm_document_get_dismissals (document)), ==, 1);
  g_assert_cmpuint (n_items (pm_document_get_participants (document)), >=, 3);
  g_assert_nonnull (pm_document_find_event (document, "ev-1"));
  g_assert_nonnull (pm_document_find_event (document, "ev-2"));
  g_assert_true (pm_event_get_confidential (pm_document_find_event (document, "ev-3")));
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (document, "ev-1")), ==,
                   "Key committed to the repository");
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (document, "ev-2")), ==,
                   "Alert fired for an unusual login");
  g_assert_false (pm_event_get_confidential (pm_document_find_event (document, "ev-1")));
  g_assert_cmpstr (pm_measure_get_owner (pm_document_find_measure (document, "m-1")), ==, "p-2");
  g_assert_nonnull (strstr (text, "kept in the main document"));
  /* And the file still opens. */
  {
    g_autoptr(PmDocument) again = pm_test_load_string (text);

    g_assert_cmpuint (n_conflicts (again), ==, n_conflicts (document));
  }
}

static JsonArray *
events_of (JsonObject *root)
{
  return json_object_get_array_member (root, "events");
}

/* ------------------------------------------------------------------------------------------ */
/* Hostile copies                                                                              */
/* ------------------------------------------------------------------------------------------ */

static void
wipe (JsonObject *root)
{
  JsonObject *postmortem = json_object_get_object_member (root, "postmortem");

  json_object_set_array_member (root, "events", json_array_new ());
  json_object_set_array_member (root, "participants", json_array_new ());
  json_object_remove_member (postmortem, "summary");
  json_object_remove_member (root, "prepared_for");
}

static void
test_wipe (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", wipe);
  g_autoptr(PmCollectSummary) summary = collect (f, path);

  g_assert_cmpuint (summary->skipped->len, ==, 0);
  g_assert_cmpuint (summary->n_deleted_events, ==, 0);
  g_assert_cmpuint (summary->n_unattributed, ==, 1);
  /* The three events it was sent and lacks: proposed deletions, nothing deleted. */
  g_assert_cmpuint (summary->n_proposals, ==, 3);
  g_assert_cmpuint (n_items (pm_document_get_events (f->document)), ==, 4);
  g_assert_cmpstr (pm_document_get_field (f->document, PM_FIELD_SUMMARY), ==, "A deploy key leaked.");
  assert_moderator_work_kept (f->document);
}

static void
delete_all (JsonObject *root)
{
  json_object_set_array_member (root, "events", json_array_new ());
}

/* Tomasz deletes everything: his own event goes, the others' are only proposed. */
static void
test_delete_all (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", delete_all);
  g_autoptr(PmCollectSummary) summary = collect (f, path);
  JsonArray *conflicts;

  g_assert_cmpuint (summary->n_deleted_events, ==, 1);
  g_assert_null (pm_document_find_event (f->document, "ev-4"));
  g_assert_cmpuint (summary->n_proposals, ==, 2);
  conflicts = pm_merge_get_conflicts (f->document);
  for (guint i = 0; i < json_array_get_length (conflicts); i++)
    {
      JsonObject *entry = json_array_get_object_element (conflicts, i);

      g_assert_cmpstr (json_object_get_string_member (entry, "from"), ==, "p-2");
      g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "theirs")));
      g_assert_false (json_object_has_member (entry, "member"));
    }
  assert_moderator_work_kept (f->document);

  /* Accepting all of Tomasz's proposals is one step that undo takes back whole. */
  {
    guint failed = 99;

    g_assert_cmpuint (pm_merge_resolve_proposals_from (f->document, "p-2", PM_MERGE_KEEP_THEIRS,
                                                       &failed), ==, 2);
    g_assert_cmpuint (failed, ==, 0);
    g_assert_null (pm_document_find_event (f->document, "ev-1"));
    g_assert_cmpuint (n_conflicts (f->document), ==, 0);
    g_assert_true (pm_document_undo (f->document));
    g_assert_nonnull (pm_document_find_event (f->document, "ev-1"));
    g_assert_cmpuint (n_conflicts (f->document), ==, 2);
  }
}

static void
rename_ids (JsonObject *root)
{
  JsonArray *events = events_of (root);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      g_autofree char *id = g_strconcat ("x-", json_object_get_string_member (event, "id"), NULL);

      json_object_set_string_member (event, "id", id);
    }
}

static void
test_rename_all_ids (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", rename_ids);
  g_autoptr(PmCollectSummary) summary = collect (f, path);

  /* Nothing new, nothing deleted, nothing told twice. */
  g_assert_cmpuint (summary->n_new_events, ==, 0);
  g_assert_cmpuint (summary->n_already_there, ==, 3);
  g_assert_cmpuint (summary->n_deleted_events, ==, 0);
  g_assert_cmpuint (summary->n_proposals, ==, 0);
  g_assert_nonnull (pm_document_find_event (f->document, "ev-4"));
  g_assert_cmpuint (n_items (pm_document_get_events (f->document)), ==, 4);
  assert_moderator_work_kept (f->document);
}

static void
rewrite_others (JsonObject *root)
{
  JsonArray *events = events_of (root);

  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      json_object_set_string_member (event, "text", "It was all the intern's fault");
      json_object_set_string_member (event, "time", "1999-01-01T00:00:00Z");
      json_object_set_string_member (event, "precision", "exact");
      json_object_set_boolean_member (event, "contributed", TRUE);
    }
}

static void
test_rewrite_others_events (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", rewrite_others);
  g_autoptr(PmCollectSummary) summary = collect (f, path);

  /* Their own ev-4 takes the change; ev-1 and ev-2 are three proposals each. */
  g_assert_cmpuint (summary->n_changed_events, ==, 1);
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, "ev-4")), ==,
                   "It was all the intern's fault");
  g_assert_cmpuint (summary->n_proposals, ==, 6);
  assert_moderator_work_kept (f->document);

  /* Rejecting all of them changes nothing but the list. */
  g_assert_cmpuint (pm_merge_resolve_proposals_from (f->document, "p-2", PM_MERGE_KEEP_OURS, NULL),
                    ==, 6);
  g_assert_cmpuint (n_conflicts (f->document), ==, 0);
  assert_moderator_work_kept (f->document);
}

static void
all_team_only (JsonObject *root)
{
  JsonArray *events = events_of (root);

  for (guint i = 0; i < json_array_get_length (events); i++)
    json_object_set_boolean_member (json_array_get_object_element (events, i), "confidential", TRUE);
}

static void
test_mark_all_team_only (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", all_team_only);
  g_autoptr(PmCollectSummary) summary = collect (f, path);

  /* Even on their own event, the team-only flag is the moderator's to set. */
  g_assert_cmpuint (summary->n_changed_events, ==, 0);
  g_assert_cmpuint (summary->n_proposals, ==, 3);
  g_assert_false (pm_event_get_confidential (pm_document_find_event (f->document, "ev-4")));
  assert_moderator_work_kept (f->document);
}

static void
retitle (JsonObject *root)
{
  JsonObject *postmortem = json_object_get_object_member (root, "postmortem");

  json_object_set_string_member (postmortem, "title", "Nothing happened");
  json_object_set_string_member (postmortem, "classification", "public");
  json_object_set_int_member (root, "format_version", 1);
}

static void
test_title_and_classification (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-3", retitle);
  g_autoptr(PmCollectSummary) summary = collect (f, path);
  JsonArray *conflicts;
  guint title = G_MAXUINT;

  g_assert_cmpuint (summary->n_proposals, ==, 2);
  assert_moderator_work_kept (f->document);

  /* Accepting the title changes the title, nothing else. */
  conflicts = pm_merge_get_conflicts (f->document);
  for (guint i = 0; i < json_array_get_length (conflicts); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (conflicts, i),
                                                    "member"), "title"))
      title = i;
  g_assert_cmpuint (title, !=, G_MAXUINT);
  g_assert_true (pm_merge_can_resolve (f->document, title, PM_MERGE_KEEP_THEIRS));
  g_assert_true (pm_merge_resolve_conflict (f->document, title, PM_MERGE_KEEP_THEIRS, NULL));
  g_assert_cmpstr (pm_document_get_title (f->document), ==, "Nothing happened");
  g_assert_cmpstr (pm_document_get_field (f->document, PM_FIELD_CLASSIFICATION), ==, "internal");
  g_assert_true (pm_document_undo (f->document));
  g_assert_cmpstr (pm_document_get_title (f->document), ==, "Leaked key");
}

static void
dismiss_all (JsonObject *root)
{
  JsonArray *dismissals = json_array_new ();
  static const char * const rules[] = { "single-root-cause", "unowned-measure", "blame", NULL };

  for (guint i = 0; rules[i] != NULL; i++)
    {
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "rule", rules[i]);
      json_object_set_string_member (item, "reason", "not needed");
      json_array_add_object_element (dismissals, item);
    }
  json_object_set_array_member (root, "dismissed_findings", dismissals);
}

static void
test_dismiss_all_findings (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", dismiss_all);
  g_autoptr(PmCollectSummary) summary = collect (f, path);
  guint failed = 99;

  /* The existing dismissal's reason and two new dismissals: proposed. */
  g_assert_cmpuint (summary->n_proposals, ==, 3);
  g_assert_cmpstr (pm_dismissal_get_reason (pm_document_find_dismissal (f->document, "single-root-cause", NULL)),
                   ==, "later");
  assert_moderator_work_kept (f->document);

  g_assert_cmpuint (pm_merge_resolve_proposals_from (f->document, "p-2", PM_MERGE_KEEP_THEIRS, &failed),
                    ==, 3);
  g_assert_cmpuint (failed, ==, 0);
  g_assert_cmpuint (n_items (pm_document_get_dismissals (f->document)), ==, 3);
  g_assert_cmpstr (pm_dismissal_get_reason (pm_document_find_dismissal (f->document, "blame", NULL)),
                   ==, "not needed");
}

static void
inject_measure (JsonObject *root)
{
  JsonArray *measures = json_array_new ();
  JsonObject *measure = json_object_new ();

  json_object_set_string_member (measure, "id", "m-evil");
  json_object_set_string_member (measure, "title", "Amara fixes everything by Monday");
  json_object_set_string_member (measure, "owner", "p-1");
  json_object_set_string_member (measure, "status", "agreed");
  json_array_add_object_element (measures, measure);
  json_object_set_array_member (root, "measures", measures);
}

static void
test_inject_measure (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-3", inject_measure);
  g_autoptr(PmCollectSummary) summary = collect (f, path);
  JsonObject *entry;

  g_assert_cmpuint (summary->n_proposals, ==, 1);
  g_assert_null (pm_document_find_measure (f->document, "m-evil"));
  entry = json_array_get_object_element (pm_merge_get_conflicts (f->document), 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "kind"), ==, "measure");
  g_assert_cmpstr (json_object_get_string_member (entry, "from"), ==, "p-3");
  assert_moderator_work_kept (f->document);

  /* Rejected: gone, and the moderator's measures as they were. */
  g_assert_true (pm_merge_resolve_conflict (f->document, 0, PM_MERGE_KEEP_OURS, NULL));
  g_assert_null (pm_document_find_measure (f->document, "m-evil"));
  g_assert_cmpuint (n_items (pm_document_get_measures (f->document)), ==, 1);
  /* Accepted (after undoing the rejection): added, as the moderator chose. */
  g_assert_true (pm_document_undo (f->document));
  g_assert_true (pm_merge_resolve_conflict (f->document, 0, PM_MERGE_KEEP_THEIRS, NULL));
  g_assert_nonnull (pm_document_find_measure (f->document, "m-evil"));
}

static void
claim_moderator (JsonObject *root)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (root, "prepared_for", "p-1");
  json_object_set_string_member (event, "id", "ev-new");
  json_object_set_string_member (event, "text", "The moderator agrees it was Lea");
  json_object_set_string_member (event, "contributor", "p-1");
  json_array_add_object_element (events_of (root), event);
  /* And edit the moderator's event as if it were theirs. */
  json_object_set_string_member (json_array_get_object_element (events_of (root), 0), "text",
                                 "Rewritten by the moderator");
}

static void
test_claim_to_be_moderator (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", claim_moderator);
  g_autoptr(PmCollectSummary) summary = collect (f, path);
  JsonObject *entry;

  /* It speaks for nobody: the new event and the edit are proposals without a name. */
  g_assert_cmpuint (summary->n_unattributed, ==, 1);
  g_assert_cmpuint (summary->n_new_events, ==, 0);
  g_assert_null (pm_document_find_event (f->document, "ev-new"));
  g_assert_cmpuint (summary->n_proposals, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      entry = json_array_get_object_element (pm_merge_get_conflicts (f->document), i);
      g_assert_false (json_object_has_member (entry, "from"));
      g_assert_cmpstr (json_object_get_string_member (entry, "source"), ==, "copy-p-2.pmortem");
    }
  assert_moderator_work_kept (f->document);

  /* Accepted, the event does not claim to be the moderator's. */
  for (guint i = 0; i < 2; i++)
    {
      entry = json_array_get_object_element (pm_merge_get_conflicts (f->document), i);
      if (g_strcmp0 (json_object_get_string_member (entry, "id"), "ev-new") == 0)
        {
          g_assert_true (pm_merge_resolve_conflict (f->document, i, PM_MERGE_KEEP_THEIRS, NULL));
          break;
        }
    }
  g_assert_nonnull (pm_document_find_event (f->document, "ev-new"));
  g_assert_null (pm_event_get_contributor (pm_document_find_event (f->document, "ev-new")));
}

static void
impersonate_lea (JsonObject *root)
{
  /* Tomasz's copy, claiming to be Lea's, rewrites Lea's event and deletes nothing. */
  json_object_set_string_member (root, "prepared_for", "p-3");
  json_object_set_string_member (json_array_get_object_element (events_of (root), 1), "text",
                                 "Lea admits she leaked the key");
}

static void
test_impersonate_participant (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", impersonate_lea);
  g_autoptr(PmCollectSummary) summary = collect (f, path);

  /* The token was made for Tomasz: the copy speaks for nobody, Lea's event is only proposed. */
  g_assert_cmpuint (summary->n_unattributed, ==, 1);
  g_assert_cmpuint (summary->n_changed_events, ==, 0);
  g_assert_cmpuint (summary->n_proposals, ==, 1);
  assert_moderator_work_kept (f->document);

  /* Without a token at all, the same. */
  {
    g_autofree char *contents = NULL;
    g_autoptr(GString) stripped = NULL;
    g_autoptr(PmCollectSummary) again = NULL;
    char *token;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    token = strstr (contents, "\"prepared_token\"");
    g_assert_nonnull (token);
    memcpy (token, "\"x_token_gone__\"", strlen ("\"prepared_token\""));
    g_assert_true (g_file_set_contents (path, contents, -1, NULL));
    again = collect (f, path);
    g_assert_cmpuint (again->n_unattributed, ==, 1);
    g_assert_cmpuint (again->n_changed_events, ==, 0);
  }
  assert_moderator_work_kept (f->document);
}

static void
speak_as_someone_else (JsonObject *root)
{
  JsonObject *event = json_object_new ();

  json_object_set_string_member (event, "id", "ev-new");
  json_object_set_string_member (event, "text", "Lea says she leaked it");
  json_object_set_string_member (event, "contributor", "p-3");
  json_array_add_object_element (events_of (root), event);
}

static void
test_new_event_attributed_to_copy (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", speak_as_someone_else);
  g_autoptr(PmCollectSummary) summary = collect (f, path);

  g_assert_cmpuint (summary->n_new_events, ==, 1);
  g_assert_cmpstr (pm_event_get_contributor (pm_document_find_event (f->document, "ev-new")), ==, "p-2");
  assert_moderator_work_kept (f->document);
}

static void
newer_format (JsonObject *root)
{
  json_object_set_int_member (root, "format_version", 99);
  delete_all (root);
}

static void
test_newer_format (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", newer_format);
  g_autofree char *prepared = pm_document_serialize (f->document, NULL);
  g_autoptr(PmCollectSummary) summary = collect (f, path);
  g_autofree char *after = pm_document_serialize (f->document, NULL);

  g_assert_cmpuint (summary->n_copies, ==, 0);
  g_assert_cmpuint (summary->skipped->len, ==, 1);
  g_assert_nonnull (strstr (((PmCollectSkipped *) summary->skipped->pdata[0])->message, "newer"));
  g_assert_cmpstr (after, ==, prepared);
  g_assert_false (pm_undo_stack_get_can_undo (pm_document_get_undo_stack (f->document)));
}

static guint n_bulk_events;

static void
add_many_events (JsonObject *root)
{
  JsonArray *events = events_of (root);

  for (guint i = 0; i < n_bulk_events; i++)
    {
      JsonObject *event = json_object_new ();
      g_autofree char *id = g_strdup_printf ("bulk-%u", i);
      g_autofree char *text = g_strdup_printf ("Log line %u: connection from 10.0.%u.%u", i, i / 256, i % 256);
      g_autofree char *time = g_strdup_printf ("2024-10-26T%02u:%02u:%02uZ", 4 + i / 3600, (i / 60) % 60, i % 60);

      json_object_set_string_member (event, "id", id);
      json_object_set_string_member (event, "text", text);
      json_object_set_string_member (event, "time", time);
      json_object_set_string_member (event, "precision", "exact");
      json_array_add_object_element (events, event);
    }
}

static void
test_nine_thousand_events (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(PmCollectSummary) summary = NULL;

  n_bulk_events = 9000;
  path = hostile_copy (f, "p-2", add_many_events);
  summary = collect (f, path);
  g_assert_cmpuint (summary->skipped->len, ==, 0);
  g_assert_cmpuint (summary->n_new_events, ==, 9000);
  g_assert_cmpuint (n_items (pm_document_get_events (f->document)), ==, 9004);
  assert_moderator_work_kept (f->document);

  /* The same number again would pass the format's limit: refused, nothing changes. */
  {
    g_autoptr(PmDocument) before = pm_test_load_string (main_json);
    g_autofree char *second = NULL;
    g_autoptr(PmCollectSummary) refused = NULL;
    g_autofree char *text = NULL;

    n_bulk_events = 7000;
    g_free (path);
    path = hostile_copy (f, "p-3", add_many_events);
    /* Other ids than the first copy's, other texts. */
    {
      g_autofree char *contents = NULL;
      gsize length;

      /* In place, same lengths (g_string_replace() moves the tail at every match). */
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      for (char *p = contents; (p = strstr (p, "bulk-")) != NULL; p += 5)
        memcpy (p, "more-", 5);
      for (char *p = contents; (p = strstr (p, "Log line")) != NULL; p += 8)
        memcpy (p, "Net flow", 8);
      g_assert_true (g_file_set_contents (path, contents, length, NULL));
    }
    text = pm_document_serialize (f->document, NULL);
    refused = collect (f, path);
    g_assert_cmpuint (refused->n_copies, ==, 0);
    g_assert_cmpuint (refused->skipped->len, ==, 1);
    g_assert_nonnull (strstr (((PmCollectSkipped *) refused->skipped->pdata[0])->message, "10000"));
    second = pm_document_serialize (f->document, NULL);
    g_assert_cmpstr (second, ==, text);
    (void) before;
  }
}

static void
unknown_members (JsonObject *root)
{
  JsonObject *event = json_object_new ();
  g_autofree char *filler = g_strnfill (250 * 1024, 'x');

  json_object_set_string_member (event, "id", "ev-big");
  json_object_set_string_member (event, "text", "Something small");
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("x_unknown_%u", i);

      json_object_set_string_member (event, name, filler);
    }
  json_array_add_object_element (events_of (root), event);
}

static void
test_megabytes_of_unknown_members (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", unknown_members);
  g_autoptr(PmCollectSummary) summary = collect (f, path);
  gsize length = 0;
  g_autofree char *text = NULL;

  g_assert_cmpuint (summary->skipped->len, ==, 0);
  g_assert_cmpuint (summary->n_new_events, ==, 1);
  text = pm_document_serialize (f->document, &length);
  /* The event came, its five megabytes did not. */
  g_assert_cmpuint (length, <, 16 * 1024);
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, "ev-big")), ==, "Something small");
  assert_moderator_work_kept (f->document);
}

/* A copy for someone the moderator removed since (or added only to the copy): they come back
 * as a participant with their events. */
static void
test_new_participant (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(PmParticipant) dana = pm_participant_new ("p-4");
  g_autofree char *path = NULL;
  g_autoptr(PmCollectSummary) summary = NULL;

  pm_participant_set_name (dana, "Dana");
  pm_document_append (f->document, pm_document_get_participants (f->document), dana);
  n_bulk_events = 2;
  path = hostile_copy (f, "p-4", add_many_events);
  pm_document_remove (f->document, pm_document_get_participants (f->document),
                      pm_document_find_participant (f->document, "p-4"));
  g_assert_null (pm_document_find_participant (f->document, "p-4"));

  summary = collect (f, path);
  g_assert_cmpuint (summary->n_new_participants, ==, 1);
  g_assert_cmpuint (summary->n_new_events, ==, 2);
  g_assert_cmpstr (pm_participant_get_name (pm_document_find_participant (f->document, "p-4")), ==, "Dana");
  g_assert_false (pm_participant_get_moderator (pm_document_find_participant (f->document, "p-4")));
  g_assert_cmpstr (pm_event_get_contributor (pm_document_find_event (f->document, "bulk-0")), ==, "p-4");
  g_assert_cmpstr (((PmCollectContribution *) summary->contributions->pdata[0])->name, ==, "Dana");
  assert_moderator_work_kept (f->document);
  /* One step: undo takes back Dana and her events. */
  g_assert_true (pm_document_undo (f->document));
  g_assert_null (pm_document_find_participant (f->document, "p-4"));
  g_assert_null (pm_document_find_event (f->document, "bulk-0"));
}

static void
bring_colleagues (JsonObject *root)
{
  static const char * const people[][3] = {
    { "p-dana", "Dana Ito", "ev-dana" },
    /* Someone of a name the document has, under a new id. */
    { "p-lea-2", "lea", "ev-fake-lea" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      JsonObject *participant = json_object_new ();
      JsonObject *event = json_object_new ();

      json_object_set_string_member (participant, "id", people[i][0]);
      json_object_set_string_member (participant, "name", people[i][1]);
      json_object_set_boolean_member (participant, "moderator", TRUE);
      json_array_add_object_element (json_object_get_array_member (root, "participants"), participant);
      json_object_set_string_member (event, "id", people[i][2]);
      json_object_set_string_member (event, "text", "Something a colleague saw");
      json_object_set_string_member (event, "actor", people[i][1]);
      json_object_set_string_member (event, "contributor", people[i][0]);
      json_array_add_object_element (events_of (root), event);
    }
}

/* A copy may bring a colleague who was not in the room, with their events; it may not bring
 * someone who is already there under another id. */
static void
test_copy_brings_a_colleague (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-2", bring_colleagues);
  g_autoptr(PmCollectSummary) summary = collect (f, path);
  PmParticipant *dana;

  g_assert_cmpuint (summary->n_new_events, ==, 2);
  g_assert_cmpuint (summary->n_new_participants, ==, 1);
  dana = pm_document_find_participant (f->document, "p-dana");
  g_assert_nonnull (dana);
  g_assert_false (pm_participant_get_moderator (dana));
  g_assert_cmpstr (pm_event_get_contributor (pm_document_find_event (f->document, "ev-dana")), ==, "p-dana");
  g_assert_null (pm_document_find_participant (f->document, "p-lea-2"));
  g_assert_cmpstr (pm_event_get_contributor (pm_document_find_event (f->document, "ev-fake-lea")), ==, "p-2");
  /* The second "Lea" is only proposed. */
  g_assert_cmpuint (summary->n_proposals, ==, 1);
  assert_moderator_work_kept (f->document);
}

/* A proposal outlives its participant being removed: the file drops the name, not the entry. */
static void
test_proposal_of_removed_participant (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *path = hostile_copy (f, "p-3", retitle);
  g_autoptr(PmCollectSummary) summary = collect (f, path);
  g_autofree char *text = NULL;

  g_assert_cmpuint (summary->n_proposals, ==, 2);
  pm_document_remove (f->document, pm_document_get_participants (f->document),
                      pm_document_find_participant (f->document, "p-3"));
  text = pm_document_serialize (f->document, NULL);
  {
    g_autoptr(PmDocument) again = pm_test_load_string (text);

    g_assert_cmpuint (n_conflicts (again), ==, 2);
  }
}

/* Proposals read from a file are decided like fresh ones: a time pair of the postmortem, a
 * measure from a copy that named nobody, a dismissal; one reject leaves the document alone. */
static void
test_proposals_from_file (void)
{
  static const char json[] =
    "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1,\n"
    " \"postmortem\": {\"title\": \"Leaked key\"},\n"
    " \"participants\": [{\"id\": \"p-1\", \"name\": \"Amara\", \"moderator\": true}, {\"id\": \"p-2\", \"name\": \"Tomasz\"}],\n"
    " \"events\": [{\"id\": \"ev-1\", \"text\": \"Key committed\", \"contributor\": \"p-2\"}],\n"
    " \"merge_conflicts\": [\n"
    "  {\"kind\": \"postmortem\", \"member\": \"start\", \"ours\": null, \"theirs\": {\"start\": \"2024-10-26T01:00:00+02:00\", \"start_precision\": \"hour\"}, \"from\": \"p-2\", \"source\": \"copy.pmortem\"},\n"
    "  {\"kind\": \"measure\", \"id\": \"m-x\", \"ours\": null, \"theirs\": {\"id\": \"m-x\", \"title\": \"Rotate\", \"owner\": \"p-1\"}, \"source\": \"anonymous.pmortem\"},\n"
    "  {\"kind\": \"dismissed_finding\", \"id\": \"single-root-cause\", \"ours\": null, \"theirs\": {\"rule\": \"single-root-cause\", \"reason\": \"later\"}, \"from\": \"p-2\", \"source\": \"copy.pmortem\"},\n"
    "  {\"kind\": \"event\", \"id\": \"ev-1\", \"ours\": {\"id\": \"ev-1\", \"text\": \"Key committed\"}, \"theirs\": null, \"from\": \"p-2\", \"source\": \"copy.pmortem\"}]}\n";
  g_autoptr(PmDocument) document = pm_test_load_string (json);
  g_autofree char *start = NULL;

  /* Rejecting the deletion keeps the event. */
  g_assert_true (pm_merge_resolve_conflict (document, 3, PM_MERGE_KEEP_OURS, NULL));
  g_assert_nonnull (pm_document_find_event (document, "ev-1"));
  /* Accepting the start sets the time with its precision. */
  g_assert_true (pm_merge_can_resolve (document, 0, PM_MERGE_KEEP_THEIRS));
  g_assert_true (pm_merge_resolve_conflict (document, 0, PM_MERGE_KEEP_THEIRS, NULL));
  start = pm_time_to_iso8601 (pm_document_get_start (document));
  g_assert_cmpstr (start, ==, "2024-10-26T01:00:00+02:00");
  g_assert_cmpint (pm_time_get_precision (pm_document_get_start (document)), ==, PM_TIME_PRECISION_HOUR);
  /* The unattributed measure, then everything from Tomasz at once. */
  g_assert_true (pm_merge_resolve_conflict (document, 0, PM_MERGE_KEEP_THEIRS, NULL));
  g_assert_cmpstr (pm_measure_get_title (pm_document_find_measure (document, "m-x")), ==, "Rotate");
  g_assert_cmpuint (pm_merge_resolve_proposals_from (document, "p-2", PM_MERGE_KEEP_THEIRS, NULL), ==, 1);
  g_assert_nonnull (pm_document_find_dismissal (document, "single-root-cause", NULL));
  g_assert_null (pm_merge_get_conflicts (document));
}

static void
test_looks_like_copy (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) copy = pm_participant_copy_new (f->document, "p-2", &error);
  g_autoptr(PmDocument) same = pm_test_load_string (main_json);
  g_autoptr(PmDocument) bare = pm_test_load_string ("{\"format\": \"pmortem\", \"format_version\": 1, "
                                     "\"min_reader_version\": 1, \"postmortem\": {\"title\": \"t\"}}");

  g_assert_true (pm_contribution_looks_like_copy (copy, f->document));
  g_assert_false (pm_contribution_looks_like_copy (same, f->document));
  /* No root causes, measures or follow-ups where the reference has some. */
  g_assert_true (pm_contribution_looks_like_copy (bare, f->document));
  g_assert_false (pm_contribution_looks_like_copy (bare, bare));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/contribution/hostile/wipe", test_wipe);
  ADD ("/contribution/hostile/delete-all", test_delete_all);
  ADD ("/contribution/hostile/rename-all-ids", test_rename_all_ids);
  ADD ("/contribution/hostile/rewrite-others-events", test_rewrite_others_events);
  ADD ("/contribution/hostile/mark-all-team-only", test_mark_all_team_only);
  ADD ("/contribution/hostile/title-and-classification", test_title_and_classification);
  ADD ("/contribution/hostile/dismiss-all-findings", test_dismiss_all_findings);
  ADD ("/contribution/hostile/inject-measure", test_inject_measure);
  ADD ("/contribution/hostile/claim-to-be-moderator", test_claim_to_be_moderator);
  ADD ("/contribution/hostile/speak-as-someone-else", test_new_event_attributed_to_copy);
  ADD ("/contribution/hostile/impersonate-participant", test_impersonate_participant);
  ADD ("/contribution/hostile/newer-format", test_newer_format);
  ADD ("/contribution/hostile/nine-thousand-events", test_nine_thousand_events);
  ADD ("/contribution/hostile/unknown-members", test_megabytes_of_unknown_members);
  ADD ("/contribution/participants/new", test_new_participant);
  ADD ("/contribution/participants/colleague", test_copy_brings_a_colleague);
  ADD ("/contribution/participants/removed-keeps-proposals", test_proposal_of_removed_participant);
  ADD ("/contribution/looks-like-copy", test_looks_like_copy);
  g_test_add_func ("/contribution/proposals-from-file", test_proposals_from_file);
#undef ADD

  return g_test_run ();
}
