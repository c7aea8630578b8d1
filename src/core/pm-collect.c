/* pm-collect.c — bringing participants' copies back into the moderator's document
 *
 * For each copy, three documents are made from the file form and handed to
 * pm_merge_documents(): ours (the document as it stands, including the copies merged before),
 * theirs (ours with the copy's events and the participants they name; events the copy lacks
 * keep ours' version, so nothing is deleted) and a base (ours with each event as it was sent,
 * found by its digest in the copy's version or in ours; left out when neither matches). The
 * result of the last merge is then applied to the open document, property by property.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-collect.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-json.h"
#include "pm-merge.h"
#include "pm-participant-copy.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
contribution_free (PmCollectContribution *contribution)
{
  g_free (contribution->contributor_id);
  g_free (contribution->name);
  g_free (contribution);
}

static void
skipped_free (PmCollectSkipped *skipped)
{
  g_free (skipped->file);
  g_free (skipped->message);
  g_free (skipped);
}

void
pm_collect_summary_free (PmCollectSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->contributions);
  g_ptr_array_unref (summary->skipped);
  g_free (summary);
}

static PmCollectSummary *
summary_new (void)
{
  PmCollectSummary *summary = g_new0 (PmCollectSummary, 1);

  summary->contributions = g_ptr_array_new_with_free_func ((GDestroyNotify) contribution_free);
  summary->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skipped_free);
  return summary;
}

static void
add_skipped (PmCollectSummary *summary,
             GFile            *file,
             const char       *message)
{
  PmCollectSkipped *skipped = g_new0 (PmCollectSkipped, 1);

  skipped->file = g_file_get_parse_name (file);
  skipped->message = g_strdup (message);
  g_ptr_array_add (summary->skipped, skipped);
}

static JsonNode *
parse_document (PmDocument *document)
{
  g_autofree char *data = NULL;
  gsize length;

  data = pm_document_serialize (document, &length);
  /* Our own canonical output parses. */
  return pm_json_parse (data, length, NULL, NULL);
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* id → JsonNode (borrowed) of the objects of @array. */
static GHashTable *
index_by_id (JsonArray *array)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node)
                       ? string_member (json_node_get_object (node), "id") : NULL;

      if (id != NULL)
        g_hash_table_insert (index, (gpointer) id, node);
    }
  return index;
}

static gboolean
digest_matches (JsonNode   *event,
                const char *digest)
{
  g_autofree char *actual = NULL;

  if (event == NULL || digest == NULL)
    return FALSE;
  actual = pm_participant_copy_digest (event);
  return strcmp (actual, digest) == 0;
}

static PmDocument *
load_tree (JsonObject  *root,
           const char  *display_name,
           GError     **error)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GString) out = g_string_new (NULL);

  json_node_set_object (node, root);
  pm_json_write (node, 0, out);
  g_string_append_c (out, '\n');
  return pm_document_load_from_data (out->str, out->len, display_name, error);
}

/* json_node_copy() shares objects and arrays; this does not. */
JsonNode *_pm_collect_deep_copy (JsonNode *node);

JsonNode *
_pm_collect_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                _pm_collect_deep_copy (json_object_get_member (json_node_get_object (node),
                                                                               l->data)));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, object);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        json_array_add_element (array,
                                _pm_collect_deep_copy (json_array_get_element (json_node_get_array (node), i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, array);
      return copy;
    }
  return json_node_copy (node);
}

static JsonObject *
copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  json_node_set_object (node, object);
  copy = _pm_collect_deep_copy (node);
  return json_object_ref (json_node_get_object (copy));
}

/* ------------------------------------------------------------------------------------------ */
/* One copy                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* @ours merged with @copy, or NULL with @error. */
static PmDocument *
merge_copy (PmDocument  *ours,
            PmDocument  *copy,
            const char  *display_name,
            GError     **error)
{
  g_autoptr(JsonNode) ours_node = parse_document (ours);
  g_autoptr(JsonNode) copy_node = parse_document (copy);
  JsonObject *o = json_node_get_object (ours_node);
  JsonObject *c = json_node_get_object (copy_node);
  g_autoptr(JsonObject) theirs = copy_object (o);
  g_autoptr(JsonObject) base = copy_object (o);
  JsonArray *ours_events = array_member (o, "events");
  JsonArray *copy_events = array_member (c, "events");
  g_autoptr(GHashTable) in_ours = index_by_id (ours_events);
  g_autoptr(GHashTable) in_copy = index_by_id (copy_events);
  g_autoptr(GHashTable) ours_participants = index_by_id (array_member (o, "participants"));
  g_autoptr(GHashTable) copy_participants = index_by_id (array_member (c, "participants"));
  g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) named = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *base_list = pm_participant_copy_get_base (copy);
  const char *prepared_for = pm_document_get_prepared_for (copy);
  JsonArray *theirs_events = json_array_new ();
  JsonArray *base_events = json_array_new ();
  JsonArray *theirs_participants = json_array_new ();
  g_autoptr(PmDocument) theirs_document = NULL;
  g_autoptr(PmDocument) base_document = NULL;
  g_autofree char *theirs_name = NULL;

  for (guint i = 0; base_list != NULL && i < json_array_get_length (base_list); i++)
    {
      JsonObject *entry = json_node_get_object (json_array_get_element (base_list, i));

      g_hash_table_insert (sent, (gpointer) string_member (entry, "event"),
                           (gpointer) string_member (entry, "digest"));
    }

  /* Theirs: the copy's events, then ours' that the copy lacks (not deleted). */
  for (guint i = 0; copy_events != NULL && i < json_array_get_length (copy_events); i++)
    {
      JsonNode *node = _pm_collect_deep_copy (json_array_get_element (copy_events, i));
      JsonObject *event = json_node_get_object (node);
      const char *id = string_member (event, "id");
      const char *contributor = string_member (event, "contributor");

      if (contributor == NULL && prepared_for != NULL && !g_hash_table_contains (in_ours, id) &&
          !g_hash_table_contains (sent, id))
        json_object_set_string_member (event, "contributor", prepared_for);
      if ((contributor = string_member (event, "contributor")) != NULL)
        g_hash_table_add (named, (gpointer) g_intern_string (contributor));
      json_array_add_element (theirs_events, node);
    }
  for (guint i = 0; ours_events != NULL && i < json_array_get_length (ours_events); i++)
    {
      JsonNode *node = json_array_get_element (ours_events, i);
      const char *id = string_member (json_node_get_object (node), "id");

      if (!g_hash_table_contains (in_copy, id))
        json_array_add_element (theirs_events, json_node_copy (node));
    }

  /* Participants: ours, and the copy's that its events name and ours lacks. */
  {
    JsonArray *list = array_member (o, "participants");

    for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
      json_array_add_element (theirs_participants, json_node_copy (json_array_get_element (list, i)));
  }
  {
    JsonArray *list = array_member (c, "participants");

    for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
      {
        JsonNode *node = json_array_get_element (list, i);
        const char *id = string_member (json_node_get_object (node), "id");

        if (!g_hash_table_contains (ours_participants, id) &&
            g_hash_table_contains (named, g_intern_string (id)))
          json_array_add_element (theirs_participants, json_node_copy (node));
      }
  }

  /* The base: each event as it was sent, as far as we can tell. */
  for (guint i = 0; ours_events != NULL && i < json_array_get_length (ours_events); i++)
    {
      JsonNode *node = json_array_get_element (ours_events, i);
      const char *id = string_member (json_node_get_object (node), "id");
      JsonNode *theirs_version = g_hash_table_lookup (in_copy, id);
      const char *digest = g_hash_table_lookup (sent, id);

      if (theirs_version == NULL)
        json_array_add_element (base_events, json_node_copy (node));
      else if (digest_matches (theirs_version, digest))
        json_array_add_element (base_events, json_node_copy (theirs_version));
      else if (digest_matches (node, digest))
        json_array_add_element (base_events, json_node_copy (node));
      /* else: not known; the two versions are compared without a base. */
    }
  for (guint i = 0; copy_events != NULL && i < json_array_get_length (copy_events); i++)
    {
      JsonNode *node = json_array_get_element (copy_events, i);
      const char *id = string_member (json_node_get_object (node), "id");

      /* Sent, unchanged, and deleted here since: it stays deleted. */
      if (!g_hash_table_contains (in_ours, id) && digest_matches (node, g_hash_table_lookup (sent, id)))
        json_array_add_element (base_events, json_node_copy (node));
    }

  json_object_set_array_member (theirs, "events", theirs_events);
  json_object_set_array_member (theirs, "participants", theirs_participants);
  /* The base names only what the events need: the rest is the same on both sides. Suggested
   * duplicates go too: they name events of ours that the base may lack, which the reader
   * refuses. */
  {
    static const char * const drop[] = {
      "root_causes", "measures", "follow_ups", "dismissed_findings", "duplicate_suggestions",
      NULL
    };

    for (guint i = 0; drop[i] != NULL; i++)
      if (json_object_has_member (base, drop[i]))
        json_object_remove_member (base, drop[i]);
  }
  json_object_set_array_member (base, "events", base_events);
  json_object_set_member (base, "participants",
                          json_node_copy (json_object_get_member (theirs, "participants")));

  theirs_document = load_tree (theirs, display_name, error);
  if (theirs_document == NULL)
    return NULL;
  base_document = load_tree (base, display_name, error);
  if (base_document == NULL)
    return NULL;
  return pm_merge_documents (base_document, ours, theirs_document, NULL, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Applying                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS_STRING (a))
    {
      const char *x = g_value_get_string (a), *y = g_value_get_string (b);

      return g_strcmp0 (x ? x : "", y ? y : "") == 0;
    }
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    {
      const char * const empty[] = { NULL };
      const char * const *x = g_value_get_boxed (a), * const *y = g_value_get_boxed (b);

      return g_strv_equal (x ? (const char **) x : (const char **) empty,
                           y ? (const char **) y : (const char **) empty);
    }
  if (G_VALUE_HOLDS (a, PM_TYPE_TIME))
    return pm_time_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (G_VALUE_HOLDS_BOOLEAN (a))
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (G_VALUE_HOLDS_INT64 (a))
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (G_VALUE_HOLDS_INT (a))
    return g_value_get_int (a) == g_value_get_int (b);
  return FALSE;
}

/* Sets every writable property of @target that differs in @source; TRUE when one did. */
gboolean _pm_collect_copy_properties (PmDocument *document,
                                      GObject    *target,
                                      GObject    *source);

gboolean
_pm_collect_copy_properties (PmDocument *document,
                             GObject    *target,
                             GObject    *source)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;
  gboolean changed = FALSE;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (target), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) ours = G_VALUE_INIT;
      g_auto(GValue) theirs = G_VALUE_INIT;

      if ((pspecs[i]->flags & (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY)) != G_PARAM_READWRITE)
        continue;
      g_value_init (&ours, pspecs[i]->value_type);
      g_value_init (&theirs, pspecs[i]->value_type);
      g_object_get_property (target, pspecs[i]->name, &ours);
      g_object_get_property (source, pspecs[i]->name, &theirs);
      if (values_equal (&ours, &theirs))
        continue;
      pm_document_set_value (document, target, pspecs[i]->name, &theirs);
      changed = TRUE;
    }
  return changed;
}

static gboolean
arrays_equal (JsonArray *a,
              JsonArray *b)
{
  g_autoptr(JsonNode) na = NULL;
  g_autoptr(JsonNode) nb = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  na = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (na, a);
  nb = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (nb, b);
  return json_node_equal (na, nb);
}

static void
count_contribution (PmCollectSummary *summary,
                    PmDocument       *document,
                    PmEvent          *event)
{
  const char *id = pm_event_get_contributor (event);
  PmParticipant *participant = pm_document_find_participant (document, id);
  PmCollectContribution *contribution;

  for (guint i = 0; i < summary->contributions->len; i++)
    {
      contribution = summary->contributions->pdata[i];
      if (g_strcmp0 (contribution->contributor_id, id) == 0)
        {
          contribution->n_events++;
          return;
        }
    }
  contribution = g_new0 (PmCollectContribution, 1);
  contribution->contributor_id = g_strdup (id);
  contribution->name = participant ? g_strdup (pm_participant_get_name (participant)) : NULL;
  contribution->n_events = 1;
  g_ptr_array_add (summary->contributions, contribution);
}

void
pm_collect_apply (PmDocument       *document,
                  PmDocument       *merged,
                  const char       *label,
                  PmCollectSummary *summary)
{
  GListModel *participants, *events, *merged_events;
  JsonArray *conflicts, *suggestions;
  guint before_conflicts, before_suggestions;
  g_autofree char *previous = NULL;

  g_return_if_fail (PM_IS_DOCUMENT (document));
  g_return_if_fail (PM_IS_DOCUMENT (merged));

  participants = pm_document_get_participants (merged);
  events = pm_document_get_events (document);
  merged_events = pm_document_get_events (merged);
  conflicts = pm_merge_get_conflicts (document);
  suggestions = pm_merge_get_duplicate_suggestions (document);
  before_conflicts = conflicts ? json_array_get_length (conflicts) : 0;
  before_suggestions = suggestions ? json_array_get_length (suggestions) : 0;

  pm_document_begin_change (document, label);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);

      if (pm_document_find_participant (document, pm_participant_get_id (participant)) == NULL)
        {
          pm_document_append (document, pm_document_get_participants (document), participant);
          if (summary != NULL)
            summary->n_new_participants++;
        }
    }

  /* Events in the merged order: a new one goes right after the one before it there. */
  for (guint i = 0; i < g_list_model_get_n_items (merged_events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (merged_events, i);
      PmEvent *existing = pm_document_find_event (document, pm_event_get_id (event));

      if (existing != NULL)
        {
          if (_pm_collect_copy_properties (document, G_OBJECT (existing), G_OBJECT (event)) &&
              summary != NULL)
            summary->n_changed_events++;
        }
      else
        {
          PmEvent *before = previous ? pm_document_find_event (document, previous) : NULL;
          guint position = 0;

          if (before != NULL && g_list_store_find (G_LIST_STORE (events), before, &position))
            position++;
          else if (before != NULL)
            position = g_list_model_get_n_items (events);
          pm_document_insert (document, events, position, event);
          if (summary != NULL)
            {
              summary->n_new_events++;
              count_contribution (summary, document, event);
            }
        }
      g_free (previous);
      previous = g_strdup (pm_event_get_id (event));
    }

  if (!arrays_equal (conflicts, pm_merge_get_conflicts (merged)))
    pm_document_set (document, document, "merge-conflicts", pm_merge_get_conflicts (merged), NULL);
  if (!arrays_equal (suggestions, pm_merge_get_duplicate_suggestions (merged)))
    pm_document_set (document, document, "duplicate-suggestions",
                     pm_merge_get_duplicate_suggestions (merged), NULL);

  pm_document_end_change (document);

  if (summary != NULL)
    {
      conflicts = pm_merge_get_conflicts (document);
      suggestions = pm_merge_get_duplicate_suggestions (document);
      summary->n_conflicts = (conflicts ? json_array_get_length (conflicts) : 0) > before_conflicts
                             ? json_array_get_length (conflicts) - before_conflicts : 0;
      summary->n_suggestions =
        (suggestions ? json_array_get_length (suggestions) : 0) > before_suggestions
        ? json_array_get_length (suggestions) - before_suggestions : 0;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmCollectSummary *
pm_collect_copies (PmDocument  *document,
                   GFile      **files,
                   guint        n_files)
{
  PmCollectSummary *summary = summary_new ();
  g_autoptr(PmDocument) merged = NULL;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), summary);
  g_return_val_if_fail (files != NULL || n_files == 0, summary);

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PmDocument) copy = NULL;
      g_autoptr(PmDocument) result = NULL;
      g_autofree char *path = g_file_get_path (files[i]);
      g_autofree char *display_name = g_file_get_parse_name (files[i]);

      if (path == NULL)
        {
          add_skipped (summary, files[i], _("Only local files can be collected"));
          continue;
        }
      copy = pm_document_load_from_file (path, &error);
      if (copy != NULL)
        result = merge_copy (merged ? merged : document, copy, display_name, &error);
      if (result == NULL)
        {
          add_skipped (summary, files[i], error->message);
          continue;
        }
      g_set_object (&merged, result);
      summary->n_copies++;
    }

  if (merged != NULL)
    pm_collect_apply (document, merged, _("Collect Events"), summary);
  return summary;
}
