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
gboolean _pm_collect_copy_property   (PmDocument *document,
                                      GObject    *target,
                                      GObject    *source,
                                      const char *name);
JsonNode *_pm_collect_deep_copy       (JsonNode   *node);

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

/* Proposals come from a participant (see pm-contribution.h): the document never took them. */
static gboolean
is_proposal (JsonObject *conflict)
{
  return json_object_has_member (conflict, "source");
}

/* The rule and object of a dismissed finding's key, "rule/object" or "rule". */
static PmDismissal *
find_dismissal (PmDocument *document,
                const char *key)
{
  const char *slash = key ? strchr (key, '/') : NULL;
  g_autofree char *rule = NULL;

  if (key == NULL)
    return NULL;
  rule = slash ? g_strndup (key, slash - key) : g_strdup (key);
  return pm_document_find_dismissal (document, rule, slash ? slash + 1 : NULL);
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
  if (g_strcmp0 (kind, "root_cause") == 0)
    return pm_document_find_root_cause (document, id);
  if (g_strcmp0 (kind, "measure") == 0)
    return pm_document_find_measure (document, id);
  if (g_strcmp0 (kind, "follow_up") == 0)
    return pm_document_find_follow_up (document, id);
  if (g_strcmp0 (kind, "dismissed_finding") == 0)
    return find_dismissal (document, id);
  if (g_strcmp0 (kind, "postmortem") == 0)
    return document;
  return NULL;
}

/* The file member holding the objects of @kind, or NULL when they are not in a list. */
static const char *
collection_of (const char *kind)
{
  static const char * const kinds[][2] = {
    { "event", "events" }, { "participant", "participants" },
    { "root_cause", "root_causes" }, { "measure", "measures" }, { "follow_up", "follow_ups" },
    { "dismissed_finding", "dismissed_findings" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i][0]) == 0)
      return kinds[i][1];
  return NULL;
}

static GListModel *
list_of (PmDocument *document,
         const char *kind)
{
  if (g_strcmp0 (kind, "event") == 0)
    return pm_document_get_events (document);
  if (g_strcmp0 (kind, "participant") == 0)
    return pm_document_get_participants (document);
  if (g_strcmp0 (kind, "root_cause") == 0)
    return pm_document_get_root_causes (document);
  if (g_strcmp0 (kind, "measure") == 0)
    return pm_document_get_measures (document);
  if (g_strcmp0 (kind, "follow_up") == 0)
    return pm_document_get_follow_ups (document);
  if (g_strcmp0 (kind, "dismissed_finding") == 0)
    return pm_document_get_dismissals (document);
  return NULL;
}

static char *
item_key (const char *kind,
          JsonObject *item)
{
  if (g_strcmp0 (kind, "dismissed_finding") == 0)
    {
      const char *rule = pm_json_object_get_string (item, "rule");
      const char *object = pm_json_object_get_string (item, "object");

      if (rule == NULL)
        return NULL;
      return object ? g_strconcat (rule, "/", object, NULL) : g_strdup (rule);
    }
  return g_strdup (pm_json_object_get_string (item, "id"));
}

/* Members that are no property of their object: taking theirs means editing them by hand. */
static gboolean
member_settable (const char *kind,
                 const char *member)
{
  static const char * const by_hand[] = { "principles", "history", "reviews", NULL };

  if (member == NULL)
    return TRUE;
  if (strchr (member, '.') != NULL)
    return FALSE;
  if (g_strcmp0 (kind, "postmortem") == 0)
    return TRUE;
  return !g_strv_contains (by_hand, member);
}

/* The document as the file would hold it with @conflict's "theirs" (NULL: the whole object is
 * theirs), read back by the strict reader; @new_id gives the object another id. */
static PmDocument *
theirs_document (PmDocument  *document,
                 JsonObject  *conflict,
                 const char  *new_id,
                 GError     **error)
{
  const char *kind = pm_json_object_get_string (conflict, "kind");
  const char *id = pm_json_object_get_string (conflict, "id");
  const char *member = pm_json_object_get_string (conflict, "member");
  const char *collection = collection_of (kind);
  JsonNode *theirs = json_object_get_member (conflict, "theirs");
  g_autofree char *data = NULL;
  const char *precision = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  JsonObject *root;
  JsonArray *list = NULL;
  JsonObject *target = NULL;
  gsize length;

  data = pm_document_serialize (document, &length);
  root_node = pm_json_parse (data, length, NULL, error);
  if (root_node == NULL)
    return NULL;
  root = json_node_get_object (root_node);
  {
    static const char * const drop[] = {
      "merge_conflicts", "duplicate_suggestions", "prepared_for", "prepared_base", NULL
    };

    for (guint i = 0; drop[i] != NULL; i++)
      if (json_object_has_member (root, drop[i]))
        json_object_remove_member (root, drop[i]);
  }

  if (g_strcmp0 (kind, "postmortem") == 0)
    target = json_object_get_member (root, "postmortem")
             ? json_object_get_object_member (root, "postmortem") : NULL;
  else
    {
      list = json_object_get_member (root, collection)
             ? json_object_get_array_member (root, collection) : NULL;
      for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
        {
          JsonObject *item = json_array_get_object_element (list, i);
          g_autofree char *key = item_key (kind, item);

          if (g_strcmp0 (key, id) == 0)
            target = item;
        }
    }

  if (member == NULL || target == NULL)
    {
      /* The whole object is theirs. */
      if (theirs == NULL || !JSON_NODE_HOLDS_OBJECT (theirs) || collection == NULL)
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
          json_object_set_array_member (root, collection, json_array_new ());
          list = json_object_get_array_member (root, collection);
        }
      json_array_add_element (list, _pm_collect_deep_copy (theirs));
      target = json_array_get_object_element (list, json_array_get_length (list) - 1);
    }
  else if (!member_settable (kind, member))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   _("This conflict cannot be decided here; change “%s” by hand"), member);
      return NULL;
    }
  else if ((precision = pm_merge_precision_member (member)) != NULL)
    {
      /* A time and its precision are one member: theirs is the pair, or null. */
      if (json_object_has_member (target, member))
        json_object_remove_member (target, member);
      if (json_object_has_member (target, precision))
        json_object_remove_member (target, precision);
      if (theirs != NULL && JSON_NODE_HOLDS_OBJECT (theirs))
        {
          JsonObject *pair = json_node_get_object (theirs);
          g_autoptr(GList) names = json_object_get_members (pair);

          for (GList *l = names; l != NULL; l = l->next)
            if (g_str_equal (l->data, member) || g_str_equal (l->data, precision))
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

  pm_json_write (root_node, 0, out);
  g_string_append_c (out, '\n');
  return pm_document_load_from_data (out->str, out->len, _("the other version"), error);
}

/* The document's own fields, as theirs_document() changes them for the postmortem. */
static void
copy_postmortem_fields (PmDocument *document,
                        PmDocument *theirs)
{
  static const char * const others[] = {
    "start", "end", "detected", "tags", "lane-order", "duration-minutes", "cost-amount",
    "effort-hours", NULL
  };

  for (guint i = 0; i < PM_N_FIELDS; i++)
    _pm_collect_copy_property (document, G_OBJECT (document), G_OBJECT (theirs),
                               pm_document_field_get_name (i));
  for (guint i = 0; others[i] != NULL; i++)
    _pm_collect_copy_property (document, G_OBJECT (document), G_OBJECT (theirs), others[i]);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

JsonNode *
pm_merge_dup_current_value (JsonObject *file_root,
                            JsonObject *conflict)
{
  const char *kind = pm_json_object_get_string (conflict, "kind");
  const char *id = pm_json_object_get_string (conflict, "id");
  const char *member = pm_json_object_get_string (conflict, "member");
  const char *collection = collection_of (kind);
  const char *precision = NULL;
  JsonObject *target = NULL;
  JsonNode *node;

  g_return_val_if_fail (file_root != NULL && conflict != NULL, NULL);

  if (g_strcmp0 (kind, "postmortem") == 0)
    target = json_object_get_member (file_root, "postmortem") &&
             JSON_NODE_HOLDS_OBJECT (json_object_get_member (file_root, "postmortem"))
             ? json_object_get_object_member (file_root, "postmortem") : NULL;
  else if (collection != NULL && json_object_get_member (file_root, collection) &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (file_root, collection)))
    {
      JsonArray *list = json_object_get_array_member (file_root, collection);

      for (guint i = 0; i < json_array_get_length (list) && target == NULL; i++)
        {
          JsonNode *item = json_array_get_element (list, i);
          g_autofree char *key = JSON_NODE_HOLDS_OBJECT (item)
                                 ? item_key (kind, json_node_get_object (item)) : NULL;

          if (g_strcmp0 (key, id) == 0)
            target = json_node_get_object (item);
        }
    }
  if (target == NULL)
    return NULL;
  if (member == NULL)
    {
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, target);
      return node;
    }
  if (strchr (member, '.') != NULL)
    return NULL;
  if ((precision = pm_merge_precision_member (member)) != NULL)
    {
      JsonObject *pair;

      if (!json_object_has_member (target, member))
        return NULL;
      pair = json_object_new ();
      json_object_set_member (pair, g_str_equal (member, "time") ? "time" : member,
                              json_node_copy (json_object_get_member (target, member)));
      if (json_object_has_member (target, precision))
        json_object_set_member (pair, precision,
                                json_node_copy (json_object_get_member (target, precision)));
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (node, pair);
      return node;
    }
  node = json_object_get_member (target, member);
  return node ? json_node_copy (node) : NULL;
}

gboolean
pm_merge_can_resolve (PmDocument    *document,
                      guint          index,
                      PmMergeChoice  choice)
{
  JsonObject *conflict;
  const char *kind, *member;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);

  if ((conflict = conflict_at (document, index)) == NULL)
    return FALSE;
  kind = pm_json_object_get_string (conflict, "kind");
  member = pm_json_object_get_string (conflict, "member");
  switch (choice)
    {
    case PM_MERGE_KEEP_OURS:
      return TRUE;
    case PM_MERGE_KEEP_THEIRS:
      if (g_strcmp0 (kind, "postmortem") == 0)
        return member != NULL && member_settable (kind, member);
      if (collection_of (kind) == NULL)
        return FALSE;
      /* Conflicts between equals were decidable this way for events and participants; a
       * participant's proposal, for everything it can propose. */
      if (!is_proposal (conflict) && g_strcmp0 (kind, "event") != 0 &&
          g_strcmp0 (kind, "participant") != 0)
        return FALSE;
      return member_settable (kind, member);
    case PM_MERGE_KEEP_BOTH:
      return g_strcmp0 (kind, "event") == 0 && !is_null (conflict, "ours") &&
             !is_null (conflict, "theirs") && member_settable (kind, member);
    default:
      return FALSE;
    }
}

/* Takes @choice for @conflict inside the change the caller opened. */
static gboolean
decide (PmDocument     *document,
        JsonObject     *conflict,
        PmMergeChoice   choice,
        GError        **error)
{
  const char *kind = pm_json_object_get_string (conflict, "kind");
  const char *id = pm_json_object_get_string (conflict, "id");
  const char *member = pm_json_object_get_string (conflict, "member");
  gpointer live = find_object (document, kind, id);
  gboolean whole = member == NULL;
  g_autoptr(PmDocument) theirs_doc = NULL;
  g_autofree char *new_id = NULL;
  gpointer theirs = NULL;

  /* Read theirs first: nothing changes when it does not read. */
  if (choice == PM_MERGE_KEEP_BOTH)
    {
      new_id = pm_document_generate_id (document, "ev");
      if ((theirs_doc = theirs_document (document, conflict, new_id, error)) == NULL)
        return FALSE;
      theirs = find_object (theirs_doc, kind, new_id);
    }
  else if (choice == PM_MERGE_KEEP_THEIRS && !(whole && is_null (conflict, "theirs")))
    {
      /* A proposal to add something that was added in the meantime replaces nothing. */
      if (is_proposal (conflict) && whole && is_null (conflict, "ours") && live != NULL)
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       _("Something with the id “%s” was added in the meantime"), id);
          return FALSE;
        }
      if ((theirs_doc = theirs_document (document, conflict, NULL, error)) == NULL)
        return FALSE;
      theirs = g_strcmp0 (kind, "postmortem") == 0 ? (gpointer) theirs_doc
                                                   : find_object (theirs_doc, kind, id);
    }
  if ((choice == PM_MERGE_KEEP_BOTH || choice == PM_MERGE_KEEP_THEIRS) && theirs_doc != NULL &&
      theirs == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, _("The other version is not there"));
      return FALSE;
    }

  switch (choice)
    {
    case PM_MERGE_KEEP_OURS:
      /* For a deletion against a change the document holds the changed object: ours is gone.
       * A proposal was never taken: the document already holds ours. */
      if (!is_proposal (conflict) && whole && is_null (conflict, "ours") && live != NULL &&
          list_of (document, kind) != NULL)
        pm_document_remove (document, list_of (document, kind), live);
      break;
    case PM_MERGE_KEEP_THEIRS:
      if (whole && is_null (conflict, "theirs"))
        {
          if (live != NULL && list_of (document, kind) != NULL)
            pm_document_remove (document, list_of (document, kind), live);
        }
      else if (g_strcmp0 (kind, "postmortem") == 0)
        copy_postmortem_fields (document, theirs_doc);
      else if (PM_IS_DISMISSAL (theirs))
        pm_document_dismiss_finding (document, pm_dismissal_get_rule (theirs),
                                     pm_dismissal_get_object_id (theirs),
                                     pm_dismissal_get_reason (theirs));
      else if (live != NULL)
        _pm_collect_copy_properties (document, G_OBJECT (live), theirs);
      else if (PM_IS_EVENT (theirs))
        pm_document_add_event (document, PM_EVENT (theirs));
      else
        pm_document_append (document, list_of (document, kind), theirs);
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
  return TRUE;
}

gboolean
pm_merge_resolve_conflict (PmDocument     *document,
                           guint           index,
                           PmMergeChoice   choice,
                           GError        **error)
{
  JsonObject *conflict;
  gboolean done;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);

  if (!pm_merge_can_resolve (document, index, choice))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, _("This conflict cannot be decided that way"));
      return FALSE;
    }
  conflict = json_object_ref (conflict_at (document, index));
  /* The decision and the entry's removal are one step. */
  pm_document_begin_change (document,
                            is_proposal (conflict)
                            ? (choice == PM_MERGE_KEEP_THEIRS ? _("Accept Proposal")
                                                              : _("Reject Proposal"))
                            : _("Resolve Conflict"));
  done = decide (document, conflict, choice, error);
  pm_document_end_change (document);
  json_object_unref (conflict);
  return done;
}

guint
pm_merge_resolve_proposals_from (PmDocument    *document,
                                 const char    *from,
                                 PmMergeChoice  choice,
                                 guint         *n_failed)
{
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  JsonArray *conflicts;
  guint done = 0, failed = 0;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), 0);
  g_return_val_if_fail (choice == PM_MERGE_KEEP_OURS || choice == PM_MERGE_KEEP_THEIRS, 0);

  conflicts = pm_merge_get_conflicts (document);
  for (guint i = 0; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonObject *conflict = conflict_at (document, i);

      if (conflict != NULL && is_proposal (conflict) &&
          g_strcmp0 (pm_json_object_get_string (conflict, "from"), from) == 0)
        g_ptr_array_add (chosen, json_object_ref (conflict));
    }

  pm_document_begin_change (document, choice == PM_MERGE_KEEP_THEIRS ? _("Accept Proposals")
                                                                      : _("Reject Proposals"));
  for (guint i = 0; i < chosen->len; i++)
    {
      JsonObject *conflict = chosen->pdata[i];
      g_autoptr(GError) error = NULL;
      guint index = G_MAXUINT;

      conflicts = pm_merge_get_conflicts (document);
      for (guint j = 0; conflicts != NULL && j < json_array_get_length (conflicts); j++)
        if (conflict_at (document, j) == conflict)
          index = j;
      if (index != G_MAXUINT && pm_merge_can_resolve (document, index, choice) &&
          decide (document, conflict, choice, &error))
        done++;
      else
        failed++;
    }
  pm_document_end_change (document);
  if (n_failed != NULL)
    *n_failed = failed;
  return done;
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
  a_id = g_strdup (pm_json_object_get_string (pair, "a"));
  b_id = g_strdup (pm_json_object_get_string (pair, "b"));
  a = pm_document_find_event (document, a_id);
  b = pm_document_find_event (document, b_id);

  /* Without merging, only this suggestion goes; merged, every one naming b. */
  for (guint i = 0; i < json_array_get_length (suggestions); i++)
    {
      JsonObject *other = JSON_NODE_HOLDS_OBJECT (json_array_get_element (suggestions, i))
                          ? json_array_get_object_element (suggestions, i) : NULL;

      if (i == index)
        continue;
      if (merge && other != NULL && (g_strcmp0 (pm_json_object_get_string (other, "a"), b_id) == 0 ||
                                     g_strcmp0 (pm_json_object_get_string (other, "b"), b_id) == 0))
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
