/* pm-merge-resolve.c — deciding the conflicts and suggested duplicates a merge left open
 *
 * Taking the other version of an event or a participant goes through the file form: the
 * object as it stands, with the conflicting member set to theirs, is read back by the strict
 * reader and its properties are set on the live object, so the result is checked like any file.
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

gboolean _pm_collect_copy_properties (PmDocument *document,
                                      GObject    *target,
                                      GObject    *source);
JsonNode *_pm_collect_deep_copy       (JsonNode   *node);

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
conflict_at (PmDocument *document,
             guint       index)
{
  JsonArray *conflicts = pm_merge_get_conflicts (document);
  JsonNode *node;

  if (conflicts == NULL || index >= json_array_get_length (conflicts))
    return NULL;
  node = json_array_get_element (conflicts, index);
  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
is_null (JsonObject *conflict,
         const char *member)
{
  JsonNode *node = json_object_get_member (conflict, member);

  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* A new list without item @index (NULL when nothing is left). */
static JsonArray *
array_without (JsonArray *array,
               guint      index)
{
  JsonArray *rest = json_array_new ();

  for (guint i = 0; i < json_array_get_length (array); i++)
    if (i != index)
      json_array_add_element (rest, json_node_copy (json_array_get_element (array, i)));
  return rest;
}

static void
drop_conflict (PmDocument *document,
               guint       index)
{
  g_autoptr(JsonArray) rest = array_without (pm_merge_get_conflicts (document), index);

  /* The entries are shared with the undo step that had them; they are never changed. */

  pm_document_set (document, document, "merge-conflicts", rest, NULL);
}

static gpointer
find_object (PmDocument *document,
             const char *kind,
             const char *id)
{
  if (g_strcmp0 (kind, "event") == 0)
    return pm_document_find_event (document, id);
  if (g_strcmp0 (kind, "participant") == 0)
    return pm_document_find_participant (document, id);
  return NULL;
}

static const char *
collection_of (const char *kind)
{
  return g_strcmp0 (kind, "event") == 0 ? "events" : "participants";
}

/* The object @id of @kind as the file would hold it with @conflict's "theirs" (NULL: the
 * whole object is theirs), then read back; @new_id gives it another id. Returns the object
 * from a document that lives as long as the object. */
static GObject *
theirs_object (PmDocument  *document,
               JsonObject  *conflict,
               const char  *new_id,
               GError     **error)
{
  const char *kind = string_member (conflict, "kind");
  const char *id = string_member (conflict, "id");
  const char *member = string_member (conflict, "member");
  JsonNode *theirs = json_object_get_member (conflict, "theirs");
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(PmDocument) loaded = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  JsonObject *root;
  JsonArray *list;
  JsonObject *target = NULL;
  gsize length;
  GObject *object;

  data = pm_document_serialize (document, &length);
  root_node = pm_json_parse (data, length, NULL, error);
  if (root_node == NULL)
    return NULL;
  root = json_node_get_object (root_node);
  /* Only what the object needs: the header, the postmortem and the participants. */
  {
    static const char * const drop[] = {
      "events", "root_causes", "measures", "follow_ups", "dismissed_findings",
      "merge_conflicts", "duplicate_suggestions", "prepared_for", "prepared_base", NULL
    };

    for (guint i = 0; drop[i] != NULL; i++)
      if (json_object_has_member (root, drop[i]) &&
          !(g_str_equal (drop[i], "events") && g_str_equal (kind, "event")))
        json_object_remove_member (root, drop[i]);
  }

  list = json_object_get_member (root, collection_of (kind))
         ? json_object_get_array_member (root, collection_of (kind)) : NULL;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *item = json_array_get_object_element (list, i);

      if (g_strcmp0 (string_member (item, "id"), id) == 0)
        target = item;
    }

  if (member == NULL || target == NULL)
    {
      /* The whole object is theirs. */
      if (theirs == NULL || !JSON_NODE_HOLDS_OBJECT (theirs))
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID, _("The other version is not there"));
          return NULL;
        }
      if (target != NULL)
        {
          for (guint i = json_array_get_length (list); i-- > 0;)
            if (json_array_get_object_element (list, i) == target)
              json_array_remove_element (list, i);
        }
      if (list == NULL)
        {
          json_object_set_array_member (root, collection_of (kind), json_array_new ());
          list = json_object_get_array_member (root, collection_of (kind));
        }
      json_array_add_element (list, _pm_collect_deep_copy (theirs));
      target = json_array_get_object_element (list, json_array_get_length (list) - 1);
    }
  else if (strchr (member, '.') != NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   _("This conflict cannot be decided here; change “%s” by hand"), member);
      return NULL;
    }
  else if (g_str_equal (member, "time"))
    {
      /* A time and its precision are one member: theirs is the pair, or null. */
      if (json_object_has_member (target, "time"))
        json_object_remove_member (target, "time");
      if (json_object_has_member (target, "precision"))
        json_object_remove_member (target, "precision");
      if (theirs != NULL && JSON_NODE_HOLDS_OBJECT (theirs))
        {
          JsonObject *pair = json_node_get_object (theirs);
          g_autoptr(GList) names = json_object_get_members (pair);

          for (GList *l = names; l != NULL; l = l->next)
            json_object_set_member (target, l->data,
                                    json_node_copy (json_object_get_member (pair, l->data)));
        }
    }
  else if (theirs == NULL || JSON_NODE_HOLDS_NULL (theirs))
    {
      if (json_object_has_member (target, member))
        json_object_remove_member (target, member);
    }
  else
    json_object_set_member (target, member, _pm_collect_deep_copy (theirs));

  if (new_id != NULL)
    json_object_set_string_member (target, "id", new_id);
  else
    new_id = id;

  pm_json_write (root_node, 0, out);
  g_string_append_c (out, '\n');
  loaded = pm_document_load_from_data (out->str, out->len, _("the other version"), error);
  if (loaded == NULL)
    return NULL;
  object = find_object (loaded, kind, new_id);
  if (object == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, _("The other version is not there"));
      return NULL;
    }
  /* The caller takes the object; its document goes. */
  return g_object_ref (object);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

gboolean
pm_merge_can_resolve (PmDocument    *document,
                      guint          index,
                      PmMergeChoice  choice)
{
  JsonObject *conflict;
  const char *kind;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);

  if ((conflict = conflict_at (document, index)) == NULL)
    return FALSE;
  kind = string_member (conflict, "kind");
  switch (choice)
    {
    case PM_MERGE_KEEP_OURS:
      return TRUE;
    case PM_MERGE_KEEP_THEIRS:
      if (g_strcmp0 (kind, "event") != 0 && g_strcmp0 (kind, "participant") != 0)
        return FALSE;
      return string_member (conflict, "member") == NULL ||
             strchr (string_member (conflict, "member"), '.') == NULL;
    case PM_MERGE_KEEP_BOTH:
      return g_strcmp0 (kind, "event") == 0 && !is_null (conflict, "ours") &&
             !is_null (conflict, "theirs") &&
             (string_member (conflict, "member") == NULL ||
              strchr (string_member (conflict, "member"), '.') == NULL);
    default:
      return FALSE;
    }
}

gboolean
pm_merge_resolve_conflict (PmDocument     *document,
                           guint           index,
                           PmMergeChoice   choice,
                           GError        **error)
{
  JsonObject *conflict;
  const char *kind, *id, *member;
  gpointer live;
  g_autoptr(GObject) theirs = NULL;
  g_autofree char *new_id = NULL;
  gboolean whole;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);

  if (!pm_merge_can_resolve (document, index, choice))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, _("This conflict cannot be decided that way"));
      return FALSE;
    }
  conflict = conflict_at (document, index);
  kind = string_member (conflict, "kind");
  id = string_member (conflict, "id");
  member = string_member (conflict, "member");
  live = find_object (document, kind, id);
  whole = member == NULL;

  /* Read theirs first: nothing changes when it does not read. */
  if (choice == PM_MERGE_KEEP_BOTH)
    {
      new_id = pm_document_generate_id (document, "ev");
      if ((theirs = theirs_object (document, conflict, new_id, error)) == NULL)
        return FALSE;
    }
  else if (choice == PM_MERGE_KEEP_THEIRS && !is_null (conflict, "ours") &&
           !(whole && is_null (conflict, "theirs")))
    {
      if ((theirs = theirs_object (document, conflict, NULL, error)) == NULL)
        return FALSE;
    }

  /* The decision and the entry's removal are one step. */
  json_object_ref (conflict);
  pm_document_begin_change (document, _("Resolve Conflict"));
  switch (choice)
    {
    case PM_MERGE_KEEP_OURS:
      /* For a deletion against a change the document holds the changed object: ours is gone. */
      if (whole && is_null (conflict, "ours") && live != NULL)
        pm_document_remove (document, G_LIST_MODEL (g_str_equal (kind, "event")
                                                     ? pm_document_get_events (document)
                                                     : pm_document_get_participants (document)),
                            live);
      break;
    case PM_MERGE_KEEP_THEIRS:
      if (whole && is_null (conflict, "theirs"))
        {
          if (live != NULL)
            pm_document_remove (document, G_LIST_MODEL (g_str_equal (kind, "event")
                                                         ? pm_document_get_events (document)
                                                         : pm_document_get_participants (document)),
                                live);
        }
      else if (theirs != NULL && live != NULL)
        _pm_collect_copy_properties (document, G_OBJECT (live), theirs);
      else if (theirs != NULL && PM_IS_EVENT (theirs))
        pm_document_add_event (document, PM_EVENT (theirs));
      else if (theirs != NULL)
        pm_document_append (document, pm_document_get_participants (document), theirs);
      break;
    case PM_MERGE_KEEP_BOTH:
      pm_document_add_event (document, PM_EVENT (theirs));
      break;
    default:
      g_assert_not_reached ();
    }
  /* Removing the object may have changed nothing else; the list is ours to update. */
  {
    JsonArray *conflicts = pm_merge_get_conflicts (document);

    for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
      if (json_array_get_object_element (conflicts, i) == conflict)
        {
          drop_conflict (document, i);
          break;
        }
  }
  pm_document_end_change (document);
  json_object_unref (conflict);
  return TRUE;
}

static int
precision_rank (const PmTime *time)
{
  return time == NULL ? G_MAXINT : (int) pm_time_get_precision (time);
}

gboolean
pm_merge_resolve_duplicate (PmDocument *document,
                            guint       index,
                            gboolean    merge)
{
  JsonArray *suggestions;
  JsonObject *pair;
  PmEvent *a, *b;
  g_autofree char *a_id = NULL;
  g_autofree char *b_id = NULL;
  g_autoptr(JsonArray) rest = json_array_new ();

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);

  suggestions = pm_merge_get_duplicate_suggestions (document);
  if (suggestions == NULL || index >= json_array_get_length (suggestions) ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (suggestions, index)))
    return FALSE;
  pair = json_array_get_object_element (suggestions, index);
  a_id = g_strdup (string_member (pair, "a"));
  b_id = g_strdup (string_member (pair, "b"));
  a = pm_document_find_event (document, a_id);
  b = pm_document_find_event (document, b_id);

  /* Without merging, only this suggestion goes; merged, every one naming b. */
  for (guint i = 0; i < json_array_get_length (suggestions); i++)
    {
      JsonObject *other = JSON_NODE_HOLDS_OBJECT (json_array_get_element (suggestions, i))
                          ? json_array_get_object_element (suggestions, i) : NULL;

      if (i == index)
        continue;
      if (merge && other != NULL && (g_strcmp0 (string_member (other, "a"), b_id) == 0 ||
                                     g_strcmp0 (string_member (other, "b"), b_id) == 0))
        continue;
      json_array_add_element (rest, json_node_copy (json_array_get_element (suggestions, i)));
    }

  pm_document_begin_change (document, merge ? _("Merge Duplicate Events")
                                            : _("Keep Both Events"));
  if (merge && a != NULL && b != NULL)
    {
      const char *texts[2] = { pm_event_get_text (a), pm_event_get_text (b) };
      static const char * const fill[] = { "actor", "lane", "kind", "contributor", NULL };
      static const char * const flags[] = {
        "contributed", "slowed-response", "confidential", NULL
      };
      g_autoptr(GStrvBuilder) evidence = g_strv_builder_new ();
      g_auto(GStrv) all_evidence = NULL;
      GListModel *root_causes = pm_document_get_root_causes (document);

      /* The longer telling usually has more in it. */
      if (g_utf8_strlen (texts[1] ? texts[1] : "", -1) > g_utf8_strlen (texts[0] ? texts[0] : "", -1))
        pm_document_set (document, a, "text", texts[1], NULL);
      if (precision_rank (pm_event_get_time (b)) < precision_rank (pm_event_get_time (a)))
        pm_document_set (document, a, "time", pm_event_get_time (b), NULL);
      for (guint i = 0; fill[i] != NULL; i++)
        {
          g_autofree char *mine = NULL;
          g_autofree char *other = NULL;

          g_object_get (a, fill[i], &mine, NULL);
          g_object_get (b, fill[i], &other, NULL);
          if ((mine == NULL || *mine == '\0') && other != NULL && *other != '\0')
            pm_document_set (document, a, fill[i], other, NULL);
        }
      for (guint i = 0; flags[i] != NULL; i++)
        {
          gboolean mine, other;

          g_object_get (a, flags[i], &mine, NULL);
          g_object_get (b, flags[i], &other, NULL);
          if (!mine && other)
            pm_document_set (document, a, flags[i], TRUE, NULL);
        }
      for (const char * const *e = pm_event_get_evidence (a); e != NULL && *e != NULL; e++)
        g_strv_builder_add (evidence, *e);
      for (const char * const *e = pm_event_get_evidence (b); e != NULL && *e != NULL; e++)
        if (!g_strv_contains (pm_event_get_evidence (a) ? pm_event_get_evidence (a)
                                                        : (const char * const[]) { NULL }, *e))
          g_strv_builder_add (evidence, *e);
      all_evidence = g_strv_builder_end (evidence);
      pm_document_set (document, a, "evidence", all_evidence, NULL);

      for (guint i = 0; i < g_list_model_get_n_items (root_causes); i++)
        {
          g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);
          const char * const *events = pm_root_cause_get_events (root_cause);

          if (events != NULL && g_strv_contains (events, b_id))
            pm_document_link_event_to_root_cause (document, a_id,
                                                  pm_root_cause_get_id (root_cause));
        }
      pm_document_remove (document, pm_document_get_events (document), b);
    }
  pm_document_set (document, document, "duplicate-suggestions", rest, NULL);
  pm_document_end_change (document);
  return TRUE;
}
