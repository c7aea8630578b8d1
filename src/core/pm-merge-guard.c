/* pm-merge-guard.c — a merge between equals that never loses work without a word
 *
 * git runs the merge driver on whatever two versions meet; one of them may be a careless copy
 * that lost most of the document, or renamed and reclassified it. The plain three-way merge
 * would take such a one-sided change silently. Here, a side that deletes most of what the
 * common ancestor held gets its deletions as conflicts instead (the merged document keeps the
 * objects), and a one-sided change of the title, the classification or the file format is a
 * conflict too (the merged document keeps ours).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-json.h"
#include "pm-merge.h"

JsonNode *_pm_collect_deep_copy (JsonNode *node);

/* A side deleting more than half of at least this many objects deletes "most" of it. */
#define MASS_DELETION_MIN_OBJECTS 4

static const char * const collections[][2] = {
  { "participants", "participant" },
  { "events", "event" },
  { "root_causes", "root_cause" },
  { "measures", "measure" },
  { "follow_ups", "follow_up" },
};

static GHashTable *
ids_of (JsonArray *array)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id = JSON_NODE_HOLDS_OBJECT (node)
                       ? pm_json_object_get_string (json_node_get_object (node), "id") : NULL;

      if (id != NULL)
        g_hash_table_insert (ids, (gpointer) id, json_node_get_object (node));
    }
  return ids;
}

/* Objects of @base that @side lacks, and how many @base has. */
static guint
count_deleted (JsonObject *base,
               JsonObject *side,
               guint      *n_base)
{
  guint deleted = 0;

  *n_base = 0;
  for (guint c = 0; c < G_N_ELEMENTS (collections); c++)
    {
      JsonArray *in_base = pm_json_object_get_array (base, collections[c][0]);
      g_autoptr(GHashTable) in_side = ids_of (pm_json_object_get_array (side, collections[c][0]));

      for (guint i = 0; in_base != NULL && i < json_array_get_length (in_base); i++)
        {
          const char *id = pm_json_object_get_string (json_array_get_object_element (in_base, i), "id");

          (*n_base)++;
          if (id != NULL && !g_hash_table_contains (in_side, id))
            deleted++;
        }
    }
  return deleted;
}

static void
add_conflict (JsonArray  *conflicts,
              const char *kind,
              const char *id,
              const char *member,
              JsonNode   *ours,
              JsonNode   *theirs)
{
  json_array_add_object_element (conflicts, pm_merge_conflict_new (kind, id, member, ours, theirs));
}

/* @side with every object of @base it lacks put back, read by the strict reader; the
 * deletions become conflicts in @conflicts (@side_is_ours says on which side the null goes). */
static PmDocument *
undo_deletions (JsonObject  *base,
                JsonNode    *side_node,
                gboolean     side_is_ours,
                JsonArray   *conflicts,
                GError     **error)
{
  JsonObject *side = json_node_get_object (side_node);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint c = 0; c < G_N_ELEMENTS (collections); c++)
    {
      JsonArray *in_base = pm_json_object_get_array (base, collections[c][0]);
      JsonArray *list = pm_json_object_get_array (side, collections[c][0]);
      g_autoptr(GHashTable) in_side = ids_of (list);

      for (guint i = 0; in_base != NULL && i < json_array_get_length (in_base); i++)
        {
          JsonNode *node = json_array_get_element (in_base, i);
          const char *id = pm_json_object_get_string (json_node_get_object (node), "id");

          if (id == NULL || g_hash_table_contains (in_side, id))
            continue;
          if (list == NULL)
            {
              json_object_set_array_member (side, collections[c][0], json_array_new ());
              list = pm_json_object_get_array (side, collections[c][0]);
            }
          json_array_add_element (list, _pm_collect_deep_copy (node));
          add_conflict (conflicts, collections[c][1], id, NULL,
                        side_is_ours ? NULL : node, side_is_ours ? node : NULL);
        }
    }
  pm_json_write (side_node, 0, out);
  g_string_append_c (out, '\n');
  return pm_document_load_from_data (out->str, out->len, side_is_ours ? _("ours") : _("theirs"),
                                     error);
}

static gboolean
has_conflict (JsonArray  *conflicts,
              const char *kind,
              const char *member)
{
  for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonObject *entry = json_array_get_object_element (conflicts, i);

      if (g_strcmp0 (pm_json_object_get_string (entry, "kind"), kind) == 0 &&
          g_strcmp0 (pm_json_object_get_string (entry, "member"), member) == 0 &&
          pm_json_object_get_string (entry, "id") == NULL)
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmDocument *
pm_merge_documents_guarded (PmDocument  *base,
                            PmDocument  *ours,
                            PmDocument  *theirs,
                            guint       *n_conflicts,
                            GError     **error)
{
  g_autoptr(JsonNode) base_node = NULL;
  g_autoptr(JsonArray) guarded = json_array_new ();
  g_autoptr(PmDocument) ours_kept = NULL;
  g_autoptr(PmDocument) theirs_kept = NULL;
  g_autoptr(PmDocument) merged = NULL;
  g_autoptr(JsonArray) all = NULL;
  PmDocument *sides[2] = { ours, theirs };
  JsonObject *base_object;

  g_return_val_if_fail (PM_IS_DOCUMENT (base), NULL);
  g_return_val_if_fail (PM_IS_DOCUMENT (ours), NULL);
  g_return_val_if_fail (PM_IS_DOCUMENT (theirs), NULL);

  base_node = pm_document_dup_file_form (base);
  base_object = json_node_get_object (base_node);

  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(JsonNode) side_node = pm_document_dup_file_form (sides[s]);
      guint n_base, deleted = count_deleted (base_object, json_node_get_object (side_node), &n_base);
      PmDocument *kept;

      if (n_base < MASS_DELETION_MIN_OBJECTS || deleted * 2 <= n_base)
        continue;
      kept = undo_deletions (base_object, side_node, s == 0, guarded, error);
      if (kept == NULL)
        return NULL;
      if (s == 0)
        ours_kept = kept;
      else
        theirs_kept = kept;
    }

  merged = pm_merge_documents (base, ours_kept ? ours_kept : ours, theirs_kept ? theirs_kept : theirs,
                               NULL, error);
  if (merged == NULL)
    return NULL;

  /* A one-sided change of what the document is: the merged one keeps ours, and asks. */
  {
    static const char * const fields[][2] = {
      { "title", "title" }, { "classification", "classification" },
    };
    JsonArray *existing = pm_merge_get_conflicts (merged);

    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      {
        g_autofree char *mine = NULL;
        g_autofree char *other = NULL;
        g_autoptr(JsonNode) mine_node = json_node_new (JSON_NODE_VALUE);
        g_autoptr(JsonNode) other_node = json_node_new (JSON_NODE_VALUE);

        g_object_get (ours, fields[i][1], &mine, NULL);
        g_object_get (theirs, fields[i][1], &other, NULL);
        if (g_strcmp0 (mine ? mine : "", other ? other : "") == 0 ||
            has_conflict (existing, "postmortem", fields[i][0]))
          continue;
        json_node_set_string (mine_node, mine ? mine : "");
        json_node_set_string (other_node, other ? other : "");
        if (mine == NULL || *mine == '\0')
          json_node_init_null (mine_node);
        if (other == NULL || *other == '\0')
          json_node_init_null (other_node);
        g_object_set (merged, fields[i][1], mine, NULL);
        add_conflict (guarded, "postmortem", NULL, fields[i][0], mine_node, other_node);
      }
  }
  {
    int versions[3] = {
      pm_document_get_format_version (base), pm_document_get_format_version (ours),
      pm_document_get_format_version (theirs)
    };

    if (versions[1] != versions[0] || versions[2] != versions[0])
      {
        g_autoptr(JsonNode) mine = json_node_new (JSON_NODE_VALUE);
        g_autoptr(JsonNode) other = json_node_new (JSON_NODE_VALUE);

        json_node_set_int (mine, versions[1]);
        json_node_set_int (other, versions[2]);
        add_conflict (guarded, "document", NULL, "format_version", mine, other);
      }
  }

  if (json_array_get_length (guarded) > 0)
    {
      JsonArray *existing = pm_merge_get_conflicts (merged);

      all = json_array_new ();
      for (guint i = 0; existing != NULL && i < json_array_get_length (existing); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (existing, i)));
      for (guint i = 0; i < json_array_get_length (guarded); i++)
        json_array_add_element (all, json_node_copy (json_array_get_element (guarded, i)));
      pm_merge_set_conflicts (merged, all);
    }
  if (n_conflicts != NULL)
    {
      JsonArray *conflicts = pm_merge_get_conflicts (merged);

      *n_conflicts = conflicts ? json_array_get_length (conflicts) : 0;
    }
  return g_steal_pointer (&merged);
}

void
pm_merge_count_changes (PmDocument     *before,
                        PmDocument     *after,
                        PmMergeChanges *changes)
{
  g_autoptr(JsonNode) before_node = NULL;
  g_autoptr(JsonNode) after_node = NULL;
  JsonObject *b, *a;

  g_return_if_fail (PM_IS_DOCUMENT (before));
  g_return_if_fail (PM_IS_DOCUMENT (after));
  g_return_if_fail (changes != NULL);

  memset (changes, 0, sizeof *changes);
  before_node = pm_document_dup_file_form (before);
  after_node = pm_document_dup_file_form (after);
  b = json_node_get_object (before_node);
  a = json_node_get_object (after_node);

  for (guint c = 0; c < G_N_ELEMENTS (collections); c++)
    {
      g_autoptr(GHashTable) in_before = ids_of (pm_json_object_get_array (b, collections[c][0]));
      g_autoptr(GHashTable) in_after = ids_of (pm_json_object_get_array (a, collections[c][0]));
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, in_after);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          JsonObject *old = g_hash_table_lookup (in_before, key);

          if (old == NULL)
            changes->added++;
          else
            {
              g_autoptr(JsonNode) x = json_node_new (JSON_NODE_OBJECT);
              g_autoptr(JsonNode) y = json_node_new (JSON_NODE_OBJECT);

              json_node_set_object (x, old);
              json_node_set_object (y, value);
              if (!json_node_equal (x, y))
                changes->changed++;
            }
        }
      g_hash_table_iter_init (&iter, in_before);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (in_after, key))
          changes->removed++;
    }
  {
    JsonNode *x = json_object_get_member (b, "postmortem");
    JsonNode *y = json_object_get_member (a, "postmortem");

    if ((x == NULL) != (y == NULL) || (x != NULL && !json_node_equal (x, y)))
      changes->changed++;
  }
}
