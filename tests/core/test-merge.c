/* test-merge.c — three-way merge of postmortems by id: clean merges, every kind of conflict,
 * deletions, duplicates suggested, unknown members kept, history union, timeline order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-merge.h"
#include "pm-status-change.h"

#include "test-util.h"

/* The common ancestor: a small postmortem with a member of everything, and members this
 * version does not know at several levels. */
static const char base_json[] =
  "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1, \"generator\": \"test\",\n"
  " \"postmortem\": {\"title\": \"Leaked key\", \"severity\": \"high\",\n"
  "   \"impact\": {\"cost\": {\"amount\": 100, \"currency\": \"EUR\"}}, \"x_pm\": \"base-pm\"},\n"
  " \"participants\": [{\"id\": \"p-1\", \"name\": \"Amara\", \"role\": \"SRE\"},\n"
  "   {\"id\": \"p-2\", \"name\": \"Tomasz\"}],\n"
  " \"events\": [\n"
  "  {\"id\": \"ev-1\", \"time\": \"2024-10-26T02:00:00+02:00\", \"precision\": \"minute\", \"actor\": \"CI\", \"text\": \"Key committed to the repository\"},\n"
  "  {\"id\": \"ev-2\", \"time\": \"2024-10-26T03:00:00+02:00\", \"precision\": \"minute\", \"actor\": \"SOC\", \"text\": \"Alert fired for an unusual login\", \"x_color\": \"red\"},\n"
  "  {\"id\": \"ev-3\", \"actor\": \"Ops\", \"text\": \"Nobody knew who owned the key\"},\n"
  "  {\"id\": \"ev-4\", \"time\": \"2024-10-26T05:00:00+02:00\", \"precision\": \"minute\", \"actor\": \"Ops\", \"text\": \"Key rotated\", \"evidence\": [\"https://a.example/1\"]}],\n"
  " \"root_causes\": [{\"id\": \"rc-1\", \"title\": \"Key scope too wide\", \"events\": [\"ev-1\", \"ev-4\"],\n"
  "   \"principles\": {\"rigor\": {\"verdict\": \"contributed\", \"note\": \"n\"}}}],\n"
  " \"measures\": [{\"id\": \"m-1\", \"title\": \"Rotate keys\", \"owner\": \"p-1\", \"status\": \"proposed\",\n"
  "   \"history\": [{\"time\": \"2024-10-27T10:00:00+01:00\", \"precision\": \"minute\", \"to\": \"proposed\"}]},\n"
  "   {\"id\": \"m-2\", \"title\": \"Tag gate\", \"status\": \"proposed\"}],\n"
  " \"follow_ups\": [{\"id\": \"f-1\", \"notes\": \"first\", \"attendees\": [\"p-1\"],\n"
  "   \"reviews\": [{\"measure\": \"m-1\", \"status\": \"proposed\", \"note\": \"started\"}]}],\n"
  " \"x_meeting\": \"base\"\n"
  "}\n";

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* @json with each (old, new) pair replaced; every old text must occur exactly once. */
static char *
edit (const char *json,
      ...)
{
  GString *text = g_string_new (json);
  va_list args;
  const char *old;

  va_start (args, json);
  while ((old = va_arg (args, const char *)) != NULL)
    {
      const char *replacement = va_arg (args, const char *);
      const char *at = strstr (text->str, old);

      g_assert_nonnull (at);
      g_assert_null (strstr (at + 1, old));
      g_string_replace (text, old, replacement, 1);
    }
  va_end (args);
  return g_string_free (text, FALSE);
}

static PmDocument *
merge (const char *base,
       const char *ours,
       const char *theirs,
       guint      *n_conflicts)
{
  g_autoptr(PmDocument) b = base ? pm_test_load_string (base) : NULL;
  g_autoptr(PmDocument) o = pm_test_load_string (ours);
  g_autoptr(PmDocument) t = pm_test_load_string (theirs);
  g_autoptr(GError) error = NULL;
  PmDocument *merged;
  guint n = G_MAXUINT;

  merged = pm_merge_documents (b, o, t, &n, &error);
  g_assert_no_error (error);
  g_assert_nonnull (merged);
  g_assert_cmpuint (n, ==, pm_merge_get_conflicts (merged) ?
                           json_array_get_length (pm_merge_get_conflicts (merged)) : 0);
  *n_conflicts = n;

  /* Whatever the merge gives saves and loads again, identically. */
  {
    g_autofree char *data = pm_document_serialize (merged, NULL);
    g_autoptr(PmDocument) again = pm_test_load_string (data);
    g_autofree char *data_again = pm_document_serialize (again, NULL);

    g_assert_cmpstr (data, ==, data_again);
  }
  return merged;
}

static JsonObject *
conflict (PmDocument *document,
          guint       index)
{
  JsonArray *conflicts = pm_merge_get_conflicts (document);

  g_assert_nonnull (conflicts);
  g_assert_cmpuint (index, <, json_array_get_length (conflicts));
  return json_array_get_object_element (conflicts, index);
}

static void
assert_conflict (PmDocument *document,
                 guint       index,
                 const char *kind,
                 const char *id,
                 const char *member)
{
  JsonObject *c = conflict (document, index);

  g_assert_cmpstr (json_object_get_string_member (c, "kind"), ==, kind);
  g_assert_cmpstr (json_object_get_string_member_with_default (c, "id", NULL), ==, id);
  g_assert_cmpstr (json_object_get_string_member_with_default (c, "member", NULL), ==, member);
  g_assert_true (json_object_has_member (c, "ours"));
  g_assert_true (json_object_has_member (c, "theirs"));
}

static const char *
conflict_string (PmDocument *document,
                 guint       index,
                 const char *side)
{
  JsonNode *node = json_object_get_member (conflict (document, index), side);

  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  return json_node_get_string (node);
}

static char *
event_ids (PmDocument *document)
{
  GListModel *events = pm_document_get_events (document);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      g_string_append_printf (ids, "%s%s", i ? " " : "", pm_event_get_id (event));
    }
  return g_string_free (ids, FALSE);
}

static char *
unknown_member (PmDocument *document,
                const char *needle)
{
  g_autofree char *data = pm_document_serialize (document, NULL);
  const char *at = strstr (data, needle);

  return at ? g_strndup (at, strcspn (at, ",\n")) : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
test_merge_unchanged (void)
{
  g_autoptr(PmDocument) base = pm_test_load_string (base_json);
  g_autoptr(PmDocument) merged = NULL;
  g_autofree char *expected = pm_document_serialize (base, NULL);
  g_autofree char *data = NULL;
  guint n;

  merged = merge (base_json, base_json, base_json, &n);
  g_assert_cmpuint (n, ==, 0);
  data = pm_document_serialize (merged, NULL);
  g_assert_cmpstr (data, ==, expected);
  g_assert_null (pm_merge_get_duplicate_suggestions (merged));
}

static void
test_merge_clean (void)
{
  g_autofree char *ours = edit (base_json,
                                "Key committed to the repository", "Deploy key committed to the repository",
                                "{\"id\": \"p-2\", \"name\": \"Tomasz\"}",
                                "{\"id\": \"p-2\", \"name\": \"Tomasz\"}, {\"id\": \"p-3\", \"name\": \"Mei\"}",
                                "\"title\": \"Tag gate\"", "\"title\": \"Protected tags\"",
                                NULL);
  g_autofree char *theirs = edit (base_json,
                                  "\"actor\": \"SOC\"", "\"actor\": \"Security Operations\"",
                                  "\"severity\": \"high\"", "\"severity\": \"critical\"",
                                  "\"note\": \"n\"", "\"note\": \"nobody checked\"",
                                  "\"notes\": \"first\"", "\"notes\": \"first follow-up\"",
                                  NULL);
  g_autoptr(PmDocument) merged = NULL;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (pm_merge_get_conflicts (merged));
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (merged, "ev-1")), ==,
                   "Deploy key committed to the repository");
  g_assert_cmpstr (pm_event_get_actor (pm_document_find_event (merged, "ev-2")), ==,
                   "Security Operations");
  g_assert_nonnull (pm_document_find_participant (merged, "p-3"));
  g_assert_cmpstr (pm_document_get_field (merged, PM_FIELD_SEVERITY), ==, "critical");
  g_assert_cmpstr (pm_measure_get_title (pm_document_find_measure (merged, "m-2")), ==,
                   "Protected tags");
  g_assert_cmpstr (pm_assessment_get_note (pm_root_cause_get_assessment (
                     pm_document_find_root_cause (merged, "rc-1"), PM_PRINCIPLE_RIGOR)), ==,
                   "nobody checked");
  g_assert_cmpstr (pm_follow_up_get_notes (pm_document_find_follow_up (merged, "f-1")), ==,
                   "first follow-up");
  /* The merged document is new content, not yet on disk. */
  g_assert_true (pm_document_get_modified (merged));
}

static void
test_merge_same_change (void)
{
  g_autofree char *ours = edit (base_json, "Key rotated", "Key rotated and revoked", NULL);
  g_autoptr(PmDocument) merged = NULL;
  guint n;

  merged = merge (base_json, ours, ours, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (merged, "ev-4")), ==,
                   "Key rotated and revoked");
}

static void
test_merge_conflict_event (void)
{
  g_autofree char *ours = edit (base_json, "Key rotated", "Key rotated at 05:00", NULL);
  g_autofree char *theirs = edit (base_json, "Key rotated", "Key rotated by Ops", NULL);
  g_autoptr(PmDocument) merged = NULL;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  g_assert_cmpuint (n, ==, 1);
  assert_conflict (merged, 0, "event", "ev-4", "text");
  g_assert_cmpstr (conflict_string (merged, 0, "ours"), ==, "Key rotated at 05:00");
  g_assert_cmpstr (conflict_string (merged, 0, "theirs"), ==, "Key rotated by Ops");
  /* The merged document holds ours. */
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (merged, "ev-4")), ==,
                   "Key rotated at 05:00");
}

static void
test_merge_conflict_time (void)
{
  g_autofree char *ours = edit (base_json, "\"2024-10-26T05:00:00+02:00\", \"precision\": \"minute\"",
                                "\"2024-10-26T05:10:00+02:00\", \"precision\": \"minute\"", NULL);
  g_autofree char *theirs = edit (base_json, "\"2024-10-26T05:00:00+02:00\", \"precision\": \"minute\"",
                                  "\"2024-10-26T00:00:00+02:00\", \"precision\": \"day\"", NULL);
  g_autoptr(PmDocument) merged = NULL;
  JsonObject *c;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  g_assert_cmpuint (n, ==, 1);
  assert_conflict (merged, 0, "event", "ev-4", "time");
  /* The time and its precision are one value. */
  c = json_object_get_object_member (conflict (merged, 0), "theirs");
  g_assert_cmpstr (json_object_get_string_member (c, "time"), ==, "2024-10-26T00:00:00+02:00");
  g_assert_cmpstr (json_object_get_string_member (c, "precision"), ==, "day");
  g_assert_cmpint (pm_time_get_precision (pm_event_get_time (pm_document_find_event (merged, "ev-4"))),
                   ==, PM_TIME_PRECISION_MINUTE);
}

static void
test_merge_conflict_kinds (void)
{
  g_autofree char *ours = edit (base_json,
                                "\"name\": \"Amara\"", "\"name\": \"Amara O.\"",
                                "\"title\": \"Key scope too wide\"", "\"title\": \"One key for everything\"",
                                "\"verdict\": \"contributed\"", "\"verdict\": \"held-up\"",
                                "\"title\": \"Rotate keys\"", "\"title\": \"Rotate all keys\"",
                                "\"notes\": \"first\"", "\"notes\": \"ours\"",
                                "\"note\": \"started\"", "\"note\": \"half done\"",
                                "\"title\": \"Leaked key\"", "\"title\": \"Leaked deploy key\"",
                                "\"amount\": 100", "\"amount\": 200",
                                NULL);
  g_autofree char *theirs = edit (base_json,
                                  "\"name\": \"Amara\"", "\"name\": \"Amara Okafor\"",
                                  "\"title\": \"Key scope too wide\"", "\"title\": \"A key with too much reach\"",
                                  "\"verdict\": \"contributed\"", "\"verdict\": \"not-relevant\"",
                                  "\"title\": \"Rotate keys\"", "\"title\": \"Short-lived tokens\"",
                                  "\"notes\": \"first\"", "\"notes\": \"theirs\"",
                                  "\"note\": \"started\"", "\"note\": \"blocked\"",
                                  "\"title\": \"Leaked key\"", "\"title\": \"The key leak\"",
                                  "\"amount\": 100", "\"amount\": 300",
                                  NULL);
  g_autoptr(PmDocument) merged = NULL;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  g_assert_cmpuint (n, ==, 8);
  assert_conflict (merged, 0, "postmortem", NULL, "title");
  assert_conflict (merged, 1, "postmortem", NULL, "impact.cost.amount");
  assert_conflict (merged, 2, "participant", "p-1", "name");
  assert_conflict (merged, 3, "root_cause", "rc-1", "title");
  assert_conflict (merged, 4, "root_cause", "rc-1", "principles.rigor.verdict");
  assert_conflict (merged, 5, "measure", "m-1", "title");
  assert_conflict (merged, 6, "follow_up", "f-1", "notes");
  assert_conflict (merged, 7, "follow_up", "f-1", "reviews.m-1.note");
  g_assert_cmpint (json_node_get_int (json_object_get_member (conflict (merged, 1), "theirs")), ==, 300);
  g_assert_cmpint (pm_document_get_cost_amount (merged), ==, 200);
  g_assert_cmpstr (pm_document_get_title (merged), ==, "Leaked deploy key");
}

static void
test_merge_deletions (void)
{
  /* Ours deletes ev-3 (unchanged by theirs) and m-2 (changed by theirs); theirs deletes p-2
   * (unchanged by ours) and ev-2 (changed by ours). */
  g_autofree char *ours = edit (base_json,
                                "  {\"id\": \"ev-3\", \"actor\": \"Ops\", \"text\": \"Nobody knew who owned the key\"},\n", "",
                                ",\n   {\"id\": \"m-2\", \"title\": \"Tag gate\", \"status\": \"proposed\"}", "",
                                "Alert fired for an unusual login", "Alert fired for a login from abroad",
                                NULL);
  g_autofree char *theirs = edit (base_json,
                                  ",\n   {\"id\": \"p-2\", \"name\": \"Tomasz\"}", "",
                                  "  {\"id\": \"ev-2\", \"time\": \"2024-10-26T03:00:00+02:00\", \"precision\": \"minute\", \"actor\": \"SOC\", \"text\": \"Alert fired for an unusual login\", \"x_color\": \"red\"},\n", "",
                                  "\"title\": \"Tag gate\"", "\"title\": \"Protected tags\"",
                                  NULL);
  g_autoptr(PmDocument) merged = NULL;
  JsonObject *c;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  g_assert_null (pm_document_find_event (merged, "ev-3"));
  g_assert_null (pm_document_find_participant (merged, "p-2"));
  g_assert_cmpuint (n, ==, 2);

  /* Deleted and changed: the changed one stays, and the conflict says who deleted it. */
  g_assert_nonnull (pm_document_find_event (merged, "ev-2"));
  assert_conflict (merged, 0, "event", "ev-2", NULL);
  c = conflict (merged, 0);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (c, "ours")));
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (c, "theirs")));

  g_assert_nonnull (pm_document_find_measure (merged, "m-2"));
  g_assert_cmpstr (pm_measure_get_title (pm_document_find_measure (merged, "m-2")), ==, "Protected tags");
  assert_conflict (merged, 1, "measure", "m-2", NULL);
  c = conflict (merged, 1);
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (c, "ours")));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_object_get_member (c, "theirs")));
}

static void
test_merge_deleted_references (void)
{
  /* Theirs deletes ev-4 and its link; ours links ev-4 to nothing new but keeps it: the link
   * goes. A reference ours adds to an event theirs deleted goes too. */
  g_autofree char *ours = edit (base_json,
                                "\"events\": [\"ev-1\", \"ev-4\"]", "\"events\": [\"ev-1\", \"ev-3\", \"ev-4\"]",
                                NULL);
  g_autofree char *theirs = edit (base_json,
                                  "  {\"id\": \"ev-3\", \"actor\": \"Ops\", \"text\": \"Nobody knew who owned the key\"},\n", "",
                                  "\"events\": [\"ev-1\", \"ev-4\"]", "\"events\": [\"ev-1\"]",
                                  ",\n  {\"id\": \"ev-4\", \"time\": \"2024-10-26T05:00:00+02:00\", \"precision\": \"minute\", \"actor\": \"Ops\", \"text\": \"Key rotated\", \"evidence\": [\"https://a.example/1\"]}", "",
                                  NULL);
  g_autoptr(PmDocument) merged = NULL;
  PmRootCause *root_cause;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_null (pm_document_find_event (merged, "ev-4"));
  g_assert_null (pm_document_find_event (merged, "ev-3"));
  root_cause = pm_document_find_root_cause (merged, "rc-1");
  g_assert_cmpuint (g_strv_length ((char **) pm_root_cause_get_events (root_cause)), ==, 1);
  g_assert_true (pm_root_cause_has_event (root_cause, "ev-1"));
}

static void
test_merge_both_added (void)
{
  const char *event_a = ",\n  {\"id\": \"ev-9\", \"actor\": \"Legal\", \"text\": \"Customers informed\"}]";
  const char *event_b = ",\n  {\"id\": \"ev-9\", \"actor\": \"Support\", \"text\": \"Customers informed\"}]";
  const char *anchor = "\"evidence\": [\"https://a.example/1\"]}]";
  g_autofree char *with_a = g_strconcat ("\"evidence\": [\"https://a.example/1\"]}", event_a, NULL);
  g_autofree char *with_b = g_strconcat ("\"evidence\": [\"https://a.example/1\"]}", event_b, NULL);
  g_autofree char *ours = edit (base_json, anchor, with_a, NULL);
  g_autofree char *theirs = edit (base_json, anchor, with_b, NULL);
  g_autoptr(PmDocument) same = NULL;
  g_autoptr(PmDocument) merged = NULL;
  guint n;

  /* The same object added on both sides is no conflict. */
  same = merge (base_json, ours, ours, &n);
  g_assert_cmpuint (n, ==, 0);
  g_assert_nonnull (pm_document_find_event (same, "ev-9"));

  merged = merge (base_json, ours, theirs, &n);
  g_assert_cmpuint (n, ==, 1);
  assert_conflict (merged, 0, "event", "ev-9", "actor");
  g_assert_cmpstr (conflict_string (merged, 0, "ours"), ==, "Legal");
  g_assert_cmpstr (conflict_string (merged, 0, "theirs"), ==, "Support");
  g_assert_cmpstr (pm_event_get_actor (pm_document_find_event (merged, "ev-9")), ==, "Legal");
}

static void
test_merge_no_base (void)
{
  g_autofree char *theirs = edit (base_json, "\"x_meeting\": \"base\"", "\"x_meeting\": \"other\"", NULL);
  g_autoptr(PmDocument) b = pm_test_load_string (base_json);
  g_autoptr(PmDocument) t = pm_test_load_string (theirs);
  g_autoptr(PmDocument) merged = NULL;
  guint n;

  merged = pm_merge_documents (NULL, b, t, &n, NULL);
  g_assert_nonnull (merged);
  g_assert_cmpuint (n, ==, 1);
  assert_conflict (merged, 0, "document", NULL, "x_meeting");
}

static void
test_merge_duplicates (void)
{
  const char *anchor = "\"evidence\": [\"https://a.example/1\"]}]";
  g_autofree char *ours = edit (base_json, anchor,
    "\"evidence\": [\"https://a.example/1\"]},\n"
    "  {\"id\": \"ev-a\", \"time\": \"2024-10-26T06:00:00+02:00\", \"precision\": \"minute\", \"text\": \"Attacker pushed the malicious release tag\"},\n"
    "  {\"id\": \"ev-c\", \"time\": \"2024-10-26T00:00:00+02:00\", \"precision\": \"day\", \"text\": \"Press asked about the leak\"}]",
    NULL);
  g_autofree char *theirs = edit (base_json, anchor,
    "\"evidence\": [\"https://a.example/1\"]},\n"
    "  {\"id\": \"ev-b\", \"time\": \"2024-10-26T06:07:00+02:00\", \"precision\": \"minute\", \"text\": \"attacker pushed a malicious release tag!\"},\n"
    "  {\"id\": \"ev-d\", \"time\": \"2024-10-26T16:30:00+02:00\", \"precision\": \"minute\", \"text\": \"The press asked about the leak\"},\n"
    "  {\"id\": \"ev-e\", \"time\": \"2024-10-26T06:05:00+02:00\", \"precision\": \"minute\", \"text\": \"Mirror servers synced\"},\n"
    "  {\"id\": \"ev-f\", \"time\": \"2024-10-26T09:00:00+02:00\", \"precision\": \"minute\", \"text\": \"Attacker pushed the malicious release tag\"},\n"
    "  {\"id\": \"ev-g\", \"time\": \"2024-10-26T05:04:00+02:00\", \"precision\": \"minute\", \"text\": \"Key was rotated\"}]",
    NULL);
  g_autoptr(PmDocument) merged = NULL;
  JsonArray *suggestions;
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  g_assert_cmpuint (n, ==, 0);
  /* Never merged: every event is there. */
  for (const char *id = "abcdefg"; *id; id++)
    {
      g_autofree char *event_id = g_strdup_printf ("ev-%c", *id);

      g_assert_nonnull (pm_document_find_event (merged, event_id));
    }

  suggestions = pm_merge_get_duplicate_suggestions (merged);
  g_assert_nonnull (suggestions);
  for (guint i = 0; i < json_array_get_length (suggestions); i++)
    {
      JsonObject *pair = json_array_get_object_element (suggestions, i);

      g_ptr_array_add (pairs, g_strdup_printf ("%s=%s", json_object_get_string_member (pair, "a"),
                                               json_object_get_string_member (pair, "b")));
    }
  /* Close in time with similar text; the same day for a day; a new event beside an old one.
   * Not: similar text three hours apart, a different text at the same time. */
  g_assert_cmpuint (pairs->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (pairs, "ev-a=ev-b", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (pairs, "ev-c=ev-d", g_str_equal, NULL) ||
                 g_ptr_array_find_with_equal_func (pairs, "ev-d=ev-c", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (pairs, "ev-4=ev-g", g_str_equal, NULL));

  /* The public check agrees. */
  g_assert_true (pm_merge_events_look_alike (pm_document_find_event (merged, "ev-a"),
                                             pm_document_find_event (merged, "ev-b")));
  g_assert_false (pm_merge_events_look_alike (pm_document_find_event (merged, "ev-a"),
                                              pm_document_find_event (merged, "ev-f")));
  g_assert_false (pm_merge_events_look_alike (pm_document_find_event (merged, "ev-a"),
                                              pm_document_find_event (merged, "ev-e")));
}

static void
test_merge_unknown_members (void)
{
  g_autofree char *ours = edit (base_json,
                                "\"x_color\": \"red\"", "\"x_color\": \"green\"",
                                "\"x_pm\": \"base-pm\"", "\"x_pm\": \"ours-pm\"",
                                "\"x_meeting\": \"base\"", "\"x_meeting\": \"ours\"",
                                NULL);
  g_autofree char *theirs = edit (base_json,
                                  "\"x_color\": \"red\"", "\"x_color\": \"red\", \"x_new\": {\"deep\": [1, 2]}",
                                  "\"x_meeting\": \"base\"", "\"x_meeting\": \"theirs\", \"x_added\": true",
                                  NULL);
  g_autoptr(PmDocument) merged = NULL;
  g_autofree char *color = NULL;
  g_autofree char *added = NULL;
  g_autofree char *pm = NULL;
  g_autofree char *meeting = NULL;
  g_autofree char *data = NULL;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  color = unknown_member (merged, "\"x_color\"");
  g_assert_cmpstr (color, ==, "\"x_color\": \"green\"");
  added = unknown_member (merged, "\"x_added\"");
  g_assert_cmpstr (added, ==, "\"x_added\": true");
  pm = unknown_member (merged, "\"x_pm\"");
  g_assert_cmpstr (pm, ==, "\"x_pm\": \"ours-pm\"");
  data = pm_document_serialize (merged, NULL);
  g_assert_nonnull (strstr (data, "\"x_new\": {\n        \"deep\": [\n          1,"));

  g_assert_cmpuint (n, ==, 1);
  assert_conflict (merged, 0, "document", NULL, "x_meeting");
  g_assert_cmpstr (conflict_string (merged, 0, "theirs"), ==, "theirs");
  meeting = unknown_member (merged, "\"x_meeting\": ");
  g_assert_cmpstr (meeting, ==, "\"x_meeting\": \"ours\"");
}

static void
test_merge_lists_as_sets (void)
{
  g_autofree char *ours = edit (base_json,
                                "\"evidence\": [\"https://a.example/1\"]", "\"evidence\": [\"https://a.example/1\", \"https://o.example/2\"]",
                                "\"attendees\": [\"p-1\"]", "\"attendees\": [\"p-1\", \"p-2\"]",
                                NULL);
  g_autofree char *theirs = edit (base_json,
                                  "\"evidence\": [\"https://a.example/1\"]", "\"evidence\": [\"https://t.example/3\"]",
                                  "\"attendees\": [\"p-1\"]", "\"attendees\": [\"p-2\"]",
                                  NULL);
  g_autoptr(PmDocument) merged = NULL;
  const char * const *evidence;
  const char * const *attendees;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  g_assert_cmpuint (n, ==, 0);
  evidence = pm_event_get_evidence (pm_document_find_event (merged, "ev-4"));
  g_assert_cmpuint (g_strv_length ((char **) evidence), ==, 2);
  g_assert_cmpstr (evidence[0], ==, "https://o.example/2");
  g_assert_cmpstr (evidence[1], ==, "https://t.example/3");
  attendees = pm_follow_up_get_attendees (pm_document_find_follow_up (merged, "f-1"));
  g_assert_cmpuint (g_strv_length ((char **) attendees), ==, 1);
  g_assert_cmpstr (attendees[0], ==, "p-2");
}

static void
test_merge_history (void)
{
  const char *entry = "\"to\": \"proposed\"}]";
  g_autofree char *ours = edit (base_json,
    entry, "\"to\": \"proposed\"}, {\"time\": \"2024-11-05T10:00:00+01:00\", \"precision\": \"minute\", \"from\": \"proposed\", \"to\": \"done\"}]",
    "\"owner\": \"p-1\", \"status\": \"proposed\"", "\"owner\": \"p-1\", \"status\": \"done\"",
    NULL);
  g_autofree char *theirs = edit (base_json,
    entry, "\"to\": \"proposed\"}, {\"time\": \"2024-11-01T09:00:00+01:00\", \"precision\": \"minute\", \"from\": \"proposed\", \"to\": \"agreed\"}]",
    "\"owner\": \"p-1\", \"status\": \"proposed\"", "\"owner\": \"p-1\", \"status\": \"agreed\"",
    NULL);
  g_autoptr(PmDocument) merged = NULL;
  GListModel *history;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  history = pm_measure_get_history (pm_document_find_measure (merged, "m-1"));
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 3);
  {
    g_autoptr(PmStatusChange) first = g_list_model_get_item (history, 0);
    g_autoptr(PmStatusChange) second = g_list_model_get_item (history, 1);
    g_autoptr(PmStatusChange) third = g_list_model_get_item (history, 2);

    g_assert_cmpstr (pm_status_change_get_to (first), ==, "proposed");
    g_assert_cmpstr (pm_status_change_get_to (second), ==, "agreed");
    g_assert_cmpstr (pm_status_change_get_to (third), ==, "done");
  }
  /* Both changed the status, differently: that is a conflict, the history is not. */
  g_assert_cmpuint (n, ==, 1);
  assert_conflict (merged, 0, "measure", "m-1", "status");
}

static void
test_merge_timeline_order (void)
{
  /* Theirs adds an event before ev-2 and an undated one after ev-2; ours moves ev-1 after
   * ev-4. */
  g_autofree char *ours = edit (base_json, "\"2024-10-26T02:00:00+02:00\"", "\"2024-10-26T06:00:00+02:00\"", NULL);
  g_autofree char *theirs = edit (base_json,
    "  {\"id\": \"ev-2\",",
    "  {\"id\": \"ev-5\", \"time\": \"2024-10-26T02:30:00+02:00\", \"precision\": \"minute\", \"text\": \"Login from abroad\"},\n"
    "  {\"id\": \"ev-2\",",
    "  {\"id\": \"ev-3\",",
    "  {\"id\": \"ev-6\", \"text\": \"Nobody had the runbook\"},\n"
    "  {\"id\": \"ev-3\",",
    NULL);
  g_autoptr(PmDocument) merged = NULL;
  g_autofree char *ids = NULL;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  g_assert_cmpuint (n, ==, 0);
  ids = event_ids (merged);
  g_assert_cmpstr (ids, ==, "ev-5 ev-2 ev-6 ev-3 ev-4 ev-1");
}

static void
test_merge_round_trip (void)
{
  g_autofree char *ours = edit (base_json, "Key rotated", "Key rotated at 05:00", NULL);
  g_autofree char *theirs = edit (base_json, "Key rotated", "Key rotated by Ops", NULL);
  g_autoptr(PmDocument) merged = NULL;
  g_autoptr(PmDocument) again = NULL;
  g_autoptr(PmDocument) later = NULL;
  g_autofree char *data = NULL;
  guint n;

  merged = merge (base_json, ours, theirs, &n);
  data = pm_document_serialize (merged, NULL);
  g_assert_nonnull (strstr (data, "\n  \"merge_conflicts\": [\n    {\n      \"kind\": \"event\",\n"));
  again = pm_test_load_string (data);
  g_assert_nonnull (pm_merge_get_conflicts (again));
  g_assert_cmpuint (json_array_get_length (pm_merge_get_conflicts (again)), ==, 1);

  /* Resolved by removing the record (the app's job); a later merge does not bring it back. */
  {
    g_autofree char *resolved_json = NULL;
    g_autoptr(PmDocument) resolved = pm_test_load_string (data);
    g_autofree char *other = NULL;

    pm_merge_set_conflicts (resolved, NULL);
    resolved_json = pm_document_serialize (resolved, NULL);
    g_assert_null (strstr (resolved_json, "merge_conflicts"));
    later = merge (data, resolved_json, data, &n);
    g_assert_cmpuint (n, ==, 0);
    /* Still open on both sides: it stays. */
    other = g_strdup (data);
    g_clear_object (&later);
    later = merge (data, data, other, &n);
    g_assert_cmpuint (n, ==, 1);
  }
}

static void
test_merge_bad_lists (void)
{
  static const char * const broken[] = {
    "\"merge_conflicts\": {}",
    "\"merge_conflicts\": [1]",
    "\"merge_conflicts\": [{\"id\": \"ev-1\"}]",
    "\"duplicate_suggestions\": [{\"a\": \"ev-1\"}]",
    "\"duplicate_suggestions\": [{\"a\": \"ev 1\", \"b\": \"ev-2\"}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *replacement = g_strconcat (broken[i], ", \"x_meeting\": \"base\"", NULL);
      g_autofree char *json = edit (base_json, "\"x_meeting\": \"base\"", replacement, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(PmDocument) document = pm_document_load_from_data (json, strlen (json), "t", &error);

      g_assert_null (document);
      g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, strstr (broken[i], "merge") ? "$.merge_conflicts" : "$.duplicate_suggestions"));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/merge/unchanged", test_merge_unchanged);
  g_test_add_func ("/merge/clean", test_merge_clean);
  g_test_add_func ("/merge/same-change", test_merge_same_change);
  g_test_add_func ("/merge/conflict/event", test_merge_conflict_event);
  g_test_add_func ("/merge/conflict/time", test_merge_conflict_time);
  g_test_add_func ("/merge/conflict/kinds", test_merge_conflict_kinds);
  g_test_add_func ("/merge/deletions", test_merge_deletions);
  g_test_add_func ("/merge/deleted-references", test_merge_deleted_references);
  g_test_add_func ("/merge/both-added", test_merge_both_added);
  g_test_add_func ("/merge/no-base", test_merge_no_base);
  g_test_add_func ("/merge/duplicates", test_merge_duplicates);
  g_test_add_func ("/merge/unknown-members", test_merge_unknown_members);
  g_test_add_func ("/merge/lists-as-sets", test_merge_lists_as_sets);
  g_test_add_func ("/merge/history", test_merge_history);
  g_test_add_func ("/merge/timeline-order", test_merge_timeline_order);
  g_test_add_func ("/merge/round-trip", test_merge_round_trip);
  g_test_add_func ("/merge/bad-lists", test_merge_bad_lists);

  return g_test_run ();
}
