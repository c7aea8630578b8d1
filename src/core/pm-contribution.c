/* pm-contribution.c — what a participant proposes to the moderator's document
 *
 * Works on the file form: the document and the copy are compared as JSON, member by member.
 * What is applied is written into a copy of the document's file form, which is read back by
 * the strict reader (so the result is checked against every rule and limit of the format
 * before anything changes), and then carried over to the open document object by object.
 * What is proposed is kept as JSON until the moderator decides (pm-merge-resolve.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-contribution.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-json.h"
#include "pm-limits.h"
#include "pm-merge.h"
#include "pm-participant-copy.h"

struct _PmContribution
{
  GObject     parent_instance;

  char       *source;
  char       *claimed_for;
  char       *token;        /* the copy's "prepared_token", or NULL */
  JsonNode   *copy;         /* the copy's file form */
  GHashTable *sent;         /* event id → digest as sent; NULL: the copy does not say */
  GPtrArray  *sent_ids;     /* the same ids, in the copy's order */
};

G_DEFINE_FINAL_TYPE (PmContribution, pm_contribution, G_TYPE_OBJECT)

gboolean  _pm_collect_copy_properties (PmDocument *document,
                                       GObject    *target,
                                       GObject    *source);
JsonNode *_pm_collect_deep_copy       (JsonNode   *node);

/* The members this version knows, per kind; a member with a time is listed once, by the name
 * of its time member, and stands for the pair (time and precision). */
static const char * const event_members[] = {
  "time", "actor", "text", "kind", "lane", "contributor", "evidence", "contributed",
  "slowed_response", "confidential", NULL
};
static const char * const participant_members[] = {
  "name", "role", "moderator", "attended", NULL
};
static const char * const postmortem_members[] = {
  "title", "reference", "start", "end", "detected", "severity", "status", "classification",
  "language", "timezone", "tags", "lane_order", "summary", "teaser", "impact", "lessons", NULL
};
static const char * const root_cause_members[] = {
  "title", "description", "category", "events", "principles", NULL
};
static const char * const measure_members[] = {
  "title", "description", "owner", "escalation", "kind", "status", "drop_reason", "due",
  "ticket", "root_causes", "effort", "cost", "benefit", "summary", "confidential", "history",
  NULL
};
static const char * const follow_up_members[] = {
  "time", "attendees", "notes", "reviews", NULL
};
static const char * const dismissal_members[] = { "reason", NULL };

/* Members of an event that a participant never changes on their own, not even in their own
 * events: who wrote it, and whether other participants may see it. */
static const char * const event_members_proposed_always[] = { "contributor", "confidential", NULL };

/* ------------------------------------------------------------------------------------------ */
/* JSON helpers                                                                                */
/* ------------------------------------------------------------------------------------------ */

/* The value of @member of @object as a merge conflict holds it: the value itself, a time as
 * the pair { time, precision }, or NULL when absent. New node. */
static JsonNode *
member_value (JsonObject *object,
              const char *member)
{
  const char *precision = pm_merge_precision_member (member);
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL)
    return NULL;
  if (precision != NULL)
    {
      JsonObject *pair = json_object_new ();
      JsonNode *pair_node = json_node_new (JSON_NODE_OBJECT);
      JsonNode *p = json_object_get_member (object, precision);

      json_object_set_member (pair, member, json_node_copy (node));
      if (p != NULL)
        json_object_set_member (pair, precision, json_node_copy (p));
      json_node_take_object (pair_node, pair);
      return pair_node;
    }
  return _pm_collect_deep_copy (node);
}

/* Sets @member of @object to @value as member_value() gives it (NULL: removes it). */
static void
set_member_value (JsonObject *object,
                  const char *member,
                  JsonNode   *value)
{
  const char *precision = pm_merge_precision_member (member);

  if (json_object_has_member (object, member))
    json_object_remove_member (object, member);
  if (precision != NULL && json_object_has_member (object, precision))
    json_object_remove_member (object, precision);
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return;
  if (precision != NULL && JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *pair = json_node_get_object (value);

      if (json_object_has_member (pair, member))
        json_object_set_member (object, member,
                                json_node_copy (json_object_get_member (pair, member)));
      if (json_object_has_member (pair, precision))
        json_object_set_member (object, precision,
                                json_node_copy (json_object_get_member (pair, precision)));
      return;
    }
  json_object_set_member (object, member, _pm_collect_deep_copy (value));
}

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || JSON_NODE_HOLDS_NULL (a))
    return b == NULL || JSON_NODE_HOLDS_NULL (b);
  if (b == NULL || JSON_NODE_HOLDS_NULL (b))
    return FALSE;
  return json_node_equal (a, b);
}

/* @object with only the members of @known (and "id"); a new object. */
static JsonObject *
known_members_only (JsonObject         *object,
                    const char * const *known)
{
  JsonObject *copy = json_object_new ();

  if (json_object_has_member (object, "id"))
    json_object_set_member (copy, "id", json_node_copy (json_object_get_member (object, "id")));
  for (guint i = 0; known[i] != NULL; i++)
    {
      g_autoptr(JsonNode) value = member_value (object, known[i]);

      if (value != NULL)
        set_member_value (copy, known[i], value);
    }
  return copy;
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

/* id → JsonObject (borrowed) of the objects of @array. */
static GHashTable *
index_by_id (JsonArray *array)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = pm_json_object_get_string (object, "id");

      if (id != NULL)
        g_hash_table_insert (index, (gpointer) id, object);
    }
  return index;
}

static char *
dismissal_key (JsonObject *item)
{
  const char *rule = pm_json_object_get_string (item, "rule");
  const char *object = pm_json_object_get_string (item, "object");

  if (rule == NULL)
    return NULL;
  return object ? g_strconcat (rule, "/", object, NULL) : g_strdup (rule);
}

static char *
event_digest (JsonObject *event)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, event);
  return pm_participant_copy_digest (node);
}

/* What an event says, without who said it and under which id: two events with the same
 * content key tell the same thing in the same words. */
static char *
content_key (JsonObject *event)
{
  g_autoptr(JsonObject) known = known_members_only (event, event_members);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_object_remove_member (known, "id");
  if (json_object_has_member (known, "contributor"))
    json_object_remove_member (known, "contributor");
  json_node_set_object (node, known);
  pm_json_write (node, 0, out);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Applying                                                                                    */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  PmContribution   *self;
  PmDocument       *document;
  const char       *speaker;       /* the participant the copy speaks for, or NULL */
  JsonObject       *result;        /* the document's file form, with what is applied */
  JsonArray        *proposals;     /* new entries for "merge_conflicts" */
  GHashTable       *known_entries; /* serialised entries already recorded */
  GPtrArray        *new_events;    /* ids */
  GPtrArray        *changed_events;
  GPtrArray        *deleted_events;
  GPtrArray        *new_participants; /* ids of participants the copy brings */
} Apply;

static gboolean introduce (Apply      *a,
                           JsonObject *copy,
                           const char *id);

static void
propose (Apply      *a,
         const char *kind,
         const char *id,
         const char *member,
         JsonNode   *ours,
         JsonNode   *theirs)
{
  JsonObject *entry = pm_merge_conflict_new (kind, id, member, ours, theirs);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (a->speaker != NULL)
    json_object_set_string_member (entry, "from", a->speaker);
  json_object_set_string_member (entry, "source", a->self->source);

  node = object_node (entry);
  pm_json_write (node, 0, text);
  /* The same copy collected twice proposes nothing new. */
  if (g_hash_table_contains (a->known_entries, text->str))
    return;
  g_hash_table_add (a->known_entries, g_strdup (text->str));
  json_array_add_element (a->proposals, g_steal_pointer (&node));
}

/* A whole object added (@ours NULL) or deleted (@theirs NULL). */
static void
propose_object (Apply      *a,
                const char *kind,
                const char *id,
                JsonObject *ours,
                JsonObject *theirs)
{
  g_autoptr(JsonNode) ours_node = NULL;
  g_autoptr(JsonNode) theirs_node = NULL;

  if (ours != NULL)
    {
      ours_node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (ours_node, ours);
    }
  if (theirs != NULL)
    {
      theirs_node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (theirs_node, theirs);
    }
  propose (a, kind, id, NULL, ours_node, theirs_node);
}

/* Proposes every member of @known that differs between @ours and @theirs. Absent members of
 * @theirs count only when @absent_is_empty (a whole object sent back); otherwise they are
 * left out of the copy and say nothing. */
static void
propose_members (Apply              *a,
                 const char         *kind,
                 const char         *id,
                 const char * const *known,
                 JsonObject         *ours,
                 JsonObject         *theirs,
                 gboolean            absent_is_empty)
{
  for (guint i = 0; known[i] != NULL; i++)
    {
      g_autoptr(JsonNode) ours_value = member_value (ours, known[i]);
      g_autoptr(JsonNode) theirs_value = member_value (theirs, known[i]);

      if (theirs_value == NULL && !absent_is_empty)
        continue;
      if (!nodes_equal (ours_value, theirs_value))
        propose (a, kind, id, known[i], ours_value, theirs_value);
    }
}

/* The events of the result with @added ({ after id or NULL, event } pairs, in the copy's order)
 * placed after the event each followed in the copy: only undated events need the place, and
 * building the list once keeps thousands of new events linear. */
typedef struct
{
  char       *after;
  JsonObject *event;
  gboolean    placed;
} Placed;

static void
placed_free (Placed *placed)
{
  g_free (placed->after);
  json_object_unref (placed->event);
  g_free (placed);
}

static void
emit_with_followers (JsonArray  *out,
                     GHashTable *followers,
                     const char *id)
{
  /* Followers of followers: an explicit stack, as a copy may chain thousands. */
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  GPtrArray *list = g_hash_table_lookup (followers, id ? id : "");

  for (guint i = list ? list->len : 0; i-- > 0;)
    g_ptr_array_add (stack, list->pdata[i]);
  while (stack->len > 0)
    {
      Placed *placed = g_ptr_array_steal_index (stack, stack->len - 1);
      const char *placed_id = pm_json_object_get_string (placed->event, "id");

      json_array_add_object_element (out, json_object_ref (placed->event));
      placed->placed = TRUE;
      list = g_hash_table_lookup (followers, placed_id);
      for (guint i = list ? list->len : 0; i-- > 0;)
        g_ptr_array_add (stack, list->pdata[i]);
    }
}

static JsonArray *
place_events (JsonArray *events,
              GPtrArray *added)
{
  g_autoptr(GHashTable) followers =
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  JsonArray *out = json_array_new ();

  for (guint i = 0; i < added->len; i++)
    {
      Placed *placed = added->pdata[i];
      const char *key = placed->after ? placed->after : "";
      GPtrArray *list = g_hash_table_lookup (followers, key);

      if (list == NULL)
        g_hash_table_insert (followers, (gpointer) key, list = g_ptr_array_new ());
      g_ptr_array_add (list, placed);
    }
  emit_with_followers (out, followers, NULL);
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);

      json_array_add_element (out, json_node_ref (node));
      emit_with_followers (out, followers, pm_json_object_get_string (json_node_get_object (node), "id"));
    }
  /* Whatever followed an event that is gone goes last. */
  for (guint i = 0; i < added->len; i++)
    if (!((Placed *) added->pdata[i])->placed)
      json_array_add_object_element (out, json_object_ref (((Placed *) added->pdata[i])->event));
  return out;
}

static JsonObject *
find_in_array (JsonArray  *array,
               const char *id,
               guint      *index)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_strcmp0 (pm_json_object_get_string (item, "id"), id) == 0)
        {
          if (index != NULL)
            *index = i;
          return item;
        }
    }
  return NULL;
}

/* Whether the moderator's work points at event @id: a root cause it explains, a finding set
 * aside about it, a suggested duplicate. Deleting it would take that work along. */
static gboolean
referenced (JsonObject *ours,
            const char *id)
{
  JsonArray *list = pm_json_object_get_array (ours, "root_causes");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonArray *events = pm_json_object_get_array (json_array_get_object_element (list, i), "events");

      for (guint j = 0; events != NULL && j < json_array_get_length (events); j++)
        if (g_strcmp0 (json_array_get_string_element (events, j), id) == 0)
          return TRUE;
    }
  list = pm_json_object_get_array (ours, "dismissed_findings");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    if (g_strcmp0 (pm_json_object_get_string (json_array_get_object_element (list, i), "object"), id) == 0)
      return TRUE;
  list = pm_json_object_get_array (ours, "duplicate_suggestions");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *pair = json_array_get_object_element (list, i);

      if (g_strcmp0 (pm_json_object_get_string (pair, "a"), id) == 0 ||
          g_strcmp0 (pm_json_object_get_string (pair, "b"), id) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
collect_events (Apply      *a,
                JsonObject *ours,
                JsonObject *copy)
{
  JsonArray *copy_events = pm_json_object_get_array (copy, "events");
  JsonArray *result_events = pm_json_object_get_array (a->result, "events");
  g_autoptr(GHashTable) in_ours = index_by_id (pm_json_object_get_array (ours, "events"));
  g_autoptr(GHashTable) in_copy = index_by_id (copy_events);
  g_autoptr(GHashTable) contents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) in_result = NULL;
  g_autoptr(GHashTable) deleted = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *sent = a->self->sent;
  const char *previous = NULL;
  g_autoptr(GPtrArray) placed_events = g_ptr_array_new_with_free_func ((GDestroyNotify) placed_free);

  if (result_events == NULL)
    {
      json_object_set_array_member (a->result, "events", json_array_new ());
      result_events = pm_json_object_get_array (a->result, "events");
    }
  in_result = index_by_id (result_events);

  for (guint i = 0; copy_events != NULL && i < json_array_get_length (copy_events); i++)
    {
      JsonObject *theirs = json_array_get_object_element (copy_events, i);
      const char *id = pm_json_object_get_string (theirs, "id");
      JsonObject *ours_event = g_hash_table_lookup (in_ours, id);
      const char *sent_digest = sent ? g_hash_table_lookup (sent, id) : NULL;
      g_autoptr(JsonObject) clean = known_members_only (theirs, event_members);
      g_autofree char *theirs_digest = event_digest (theirs);

      if (ours_event == NULL)
        {
          g_autofree char *key = NULL;

          if (sent_digest != NULL)
            {
              /* Sent, deleted here since: unchanged, it stays deleted; told anew, the
               * moderator decides whether it comes back. */
              if (!g_str_equal (sent_digest, theirs_digest))
                propose_object (a, "event", id, NULL, clean);
              continue;
            }
          /* What the document tells, the first time a new event needs it. */
          if (g_hash_table_size (contents) == 0)
            {
              GHashTableIter iter;
              gpointer value;

              g_hash_table_iter_init (&iter, in_ours);
              while (g_hash_table_iter_next (&iter, NULL, &value))
                g_hash_table_add (contents, content_key (value));
            }
          key = content_key (clean);
          if (g_hash_table_contains (contents, key))
            {
              g_ptr_array_add (a->new_events, NULL);  /* counted as already there */
              continue;
            }
          g_hash_table_add (contents, g_steal_pointer (&key));
          if (a->speaker == NULL)
            {
              if (json_object_has_member (clean, "contributor"))
                json_object_remove_member (clean, "contributor");
              propose_object (a, "event", id, NULL, clean);
              continue;
            }
          /* The copy's participant wrote it, or someone new the copy brings; never someone
           * the document already has. */
          if (!introduce (a, copy, pm_json_object_get_string (clean, "contributor")))
            json_object_set_string_member (clean, "contributor", a->speaker);
          {
            Placed *placed = g_new0 (Placed, 1);

            placed->after = g_strdup (previous);
            placed->event = json_object_ref (clean);
            g_ptr_array_add (placed_events, placed);
          }
          g_ptr_array_add (a->new_events, g_strdup (id));
          previous = id;
          continue;
        }

      previous = id;
      {
        gboolean changed_by_them = sent_digest ? !g_str_equal (sent_digest, theirs_digest)
                                               : TRUE;
        g_autofree char *ours_digest = NULL;
        gboolean changed_here;
        gboolean own = a->speaker != NULL &&
                       g_strcmp0 (pm_json_object_get_string (ours_event, "contributor"), a->speaker) == 0;
        JsonObject *target = g_hash_table_lookup (in_result, id);
        gboolean applied = FALSE;

        if (!changed_by_them)
          continue;
        ours_digest = event_digest (ours_event);
        changed_here = sent_digest ? !g_str_equal (sent_digest, ours_digest) : TRUE;
        for (guint m = 0; event_members[m] != NULL; m++)
          {
            g_autoptr(JsonNode) ours_value = member_value (ours_event, event_members[m]);
            g_autoptr(JsonNode) theirs_value = member_value (clean, event_members[m]);

            if (nodes_equal (ours_value, theirs_value))
              continue;
            if (own && !changed_here && target != NULL &&
                !g_strv_contains (event_members_proposed_always, event_members[m]))
              {
                set_member_value (target, event_members[m], theirs_value);
                applied = TRUE;
              }
            else
              propose (a, "event", id, event_members[m], ours_value, theirs_value);
          }
        if (applied)
          g_ptr_array_add (a->changed_events, g_strdup (id));
      }
    }

  /* Events sent and missing from the copy: deleted by the participant. Without the list of
   * what was sent, a missing event is only left out. */
  if (sent != NULL)
    {
      g_autoptr(GHashTable) told = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      /* An event told again under another id is not deleted (the copy renamed it). */
      for (guint i = 0; copy_events != NULL && i < json_array_get_length (copy_events); i++)
        g_hash_table_add (told, content_key (json_array_get_object_element (copy_events, i)));
      for (guint i = 0; i < a->self->sent_ids->len; i++)
        {
          const char *key = a->self->sent_ids->pdata[i];
          const char *value = g_hash_table_lookup (sent, key);
          JsonObject *ours_event = g_hash_table_lookup (in_ours, key);
          g_autofree char *ours_digest = NULL;
          gboolean own;

          if (g_hash_table_contains (in_copy, key) || ours_event == NULL)
            continue;
          {
            g_autofree char *content = content_key (ours_event);

            if (g_hash_table_contains (told, content))
              continue;
          }
          ours_digest = event_digest (ours_event);
          own = a->speaker != NULL &&
                g_strcmp0 (pm_json_object_get_string (ours_event, "contributor"), a->speaker) == 0;
          if (own && g_str_equal (ours_digest, value) && !referenced (ours, key) &&
              g_hash_table_contains (in_result, key))
            {
              g_hash_table_add (deleted, (gpointer) key);
              g_ptr_array_add (a->deleted_events, g_strdup (key));
            }
          else
            propose_object (a, "event", key, ours_event, NULL);
        }
    }

  if (g_hash_table_size (deleted) > 0)
    {
      JsonArray *kept = json_array_new ();

      for (guint i = 0; i < json_array_get_length (result_events); i++)
        {
          JsonNode *node = json_array_get_element (result_events, i);

          if (!g_hash_table_contains (deleted, pm_json_object_get_string (json_node_get_object (node), "id")))
            json_array_add_element (kept, json_node_ref (node));
        }
      json_object_set_array_member (a->result, "events", kept);
      result_events = kept;
    }
  if (placed_events->len > 0)
    json_object_set_array_member (a->result, "events", place_events (result_events, placed_events));
}

static void
collect_participants (Apply      *a,
                      JsonObject *ours,
                      JsonObject *copy)
{
  g_autoptr(GHashTable) in_ours = index_by_id (pm_json_object_get_array (ours, "participants"));
  JsonArray *list = pm_json_object_get_array (copy, "participants");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *theirs = json_array_get_object_element (list, i);
      const char *id = pm_json_object_get_string (theirs, "id");
      JsonObject *ours_participant = g_hash_table_lookup (in_ours, id);

      if (g_ptr_array_find_with_equal_func (a->new_participants, id, g_str_equal, NULL))
        continue;
      if (ours_participant != NULL)
        propose_members (a, "participant", id, participant_members, ours_participant, theirs,
                         TRUE);
      else
        {
          g_autoptr(JsonObject) clean = known_members_only (theirs, participant_members);

          propose_object (a, "participant", id, NULL, clean);
        }
    }
}

/* Root causes, measures and follow-ups: a copy carries none; one that does proposes them. */
static void
collect_section (Apply              *a,
                 JsonObject         *ours,
                 JsonObject         *copy,
                 const char         *section,
                 const char         *kind,
                 const char * const *known)
{
  g_autoptr(GHashTable) in_ours = index_by_id (pm_json_object_get_array (ours, section));
  JsonArray *list = pm_json_object_get_array (copy, section);

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *theirs = json_array_get_object_element (list, i);
      const char *id = pm_json_object_get_string (theirs, "id");
      JsonObject *ours_item = g_hash_table_lookup (in_ours, id);

      if (ours_item != NULL)
        propose_members (a, kind, id, known, ours_item, theirs, TRUE);
      else
        {
          g_autoptr(JsonObject) clean = known_members_only (theirs, known);

          propose_object (a, kind, id, NULL, clean);
        }
    }
}

static void
collect_dismissals (Apply      *a,
                    JsonObject *ours,
                    JsonObject *copy)
{
  g_autoptr(GHashTable) in_ours = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *list = pm_json_object_get_array (ours, "dismissed_findings");

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *item = json_array_get_object_element (list, i);
      char *key = dismissal_key (item);

      if (key != NULL)
        g_hash_table_insert (in_ours, key, item);
    }

  list = pm_json_object_get_array (copy, "dismissed_findings");
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *theirs = json_array_get_object_element (list, i);
      g_autofree char *key = dismissal_key (theirs);
      JsonObject *ours_item = key ? g_hash_table_lookup (in_ours, key) : NULL;

      if (key == NULL)
        continue;
      if (ours_item != NULL)
        propose_members (a, "dismissed_finding", key, dismissal_members, ours_item, theirs, TRUE);
      else
        {
          static const char * const whole[] = { "rule", "object", "reason", NULL };
          g_autoptr(JsonObject) clean = known_members_only (theirs, whole);

          propose_object (a, "dismissed_finding", key, NULL, clean);
        }
    }
}

/* Adds participant @id as the copy describes them to the result, unless the document has
 * them or someone of the same name (a new id is no way to speak as someone who is there).
 * Never as a moderator. TRUE when they are (now) brought by this copy. */
static gboolean
introduce (Apply      *a,
           JsonObject *copy,
           const char *id)
{
  JsonObject *described = find_in_array (pm_json_object_get_array (copy, "participants"), id, NULL);
  g_autoptr(JsonObject) clean = NULL;
  g_autofree char *name = NULL;
  JsonArray *participants;
  GListModel *existing = pm_document_get_participants (a->document);

  if (id == NULL || described == NULL || pm_document_find_participant (a->document, id) != NULL)
    return FALSE;
  if (g_ptr_array_find_with_equal_func (a->new_participants, id, g_str_equal, NULL))
    return TRUE;
  name = g_utf8_casefold (pm_json_object_get_string (described, "name") ? pm_json_object_get_string (described, "name") : "", -1);
  if (*name == '\0')
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (existing); i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (existing, i);
      g_autofree char *other = g_utf8_casefold (pm_participant_get_name (participant), -1);

      if (g_str_equal (name, other))
        return FALSE;
    }

  clean = known_members_only (described, participant_members);
  if (json_object_has_member (clean, "moderator"))
    json_object_remove_member (clean, "moderator");
  participants = pm_json_object_get_array (a->result, "participants");
  if (participants == NULL)
    {
      json_object_set_array_member (a->result, "participants", json_array_new ());
      participants = pm_json_object_get_array (a->result, "participants");
    }
  json_array_add_object_element (participants, json_object_ref (clean));
  g_ptr_array_add (a->new_participants, g_strdup (id));
  return TRUE;
}

/* Whom the copy speaks for: its participant, when the document knows them (or the copy
 * introduces them) and they are not the moderator. */
static void
find_speaker (Apply      *a,
              JsonObject *copy)
{
  const char *claimed = a->self->claimed_for;
  PmParticipant *participant;

  a->speaker = NULL;
  if (claimed == NULL)
    return;
  /* A document that remembers the copies it prepared knows who each copy is for: a copy that
   * names someone else than its token was made for speaks for nobody. (Older documents and
   * copies prepared elsewhere have no record; then the name stands.) */
  if (pm_participant_copy_get_prepared (a->document) != NULL &&
      !pm_participant_copy_verify (a->document, claimed, a->self->token))
    return;
  participant = pm_document_find_participant (a->document, claimed);
  if (participant != NULL)
    {
      if (!pm_participant_get_moderator (participant))
        a->speaker = claimed;
      return;
    }

  /* Someone the moderator prepared a copy for and removed since, or a copy made for a new
   * participant: they join, as a participant. */
  if (introduce (a, copy, claimed))
    a->speaker = claimed;
}

static PmCollectContribution *
contribution_for (PmCollectSummary *summary,
                  PmDocument       *document,
                  const char       *speaker)
{
  PmCollectContribution *contribution;
  PmParticipant *participant;

  for (guint i = 0; i < summary->contributions->len; i++)
    {
      contribution = summary->contributions->pdata[i];
      if (g_strcmp0 (contribution->contributor_id, speaker) == 0)
        return contribution;
    }
  participant = speaker ? pm_document_find_participant (document, speaker) : NULL;
  contribution = g_new0 (PmCollectContribution, 1);
  contribution->contributor_id = g_strdup (speaker);
  contribution->name = participant ? g_strdup (pm_participant_get_name (participant)) : NULL;
  g_ptr_array_add (summary->contributions, contribution);
  return contribution;
}

/* Events that look like the same thing told twice: each new event against the events around
 * its time and against the undated ones (pm_merge_suggest_duplicates()). */
static void
suggest_duplicates (PmDocument *document,
                    GPtrArray  *new_ids,
                    JsonArray  *suggestions)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  for (guint i = 0; i < new_ids->len; i++)
    {
      PmEvent *event = new_ids->pdata[i] ? pm_document_find_event (document, new_ids->pdata[i])
                                         : NULL;

      if (event != NULL)
        g_ptr_array_add (added, event);
    }
  pm_merge_suggest_duplicates (pm_document_get_events (document), added, G_MAXUINT, suggestions);
}

static JsonArray *
concatenate (JsonArray *first,
             JsonArray *second)
{
  JsonArray *all = json_array_new ();

  for (guint i = 0; first != NULL && i < json_array_get_length (first); i++)
    json_array_add_element (all, json_node_copy (json_array_get_element (first, i)));
  for (guint i = 0; second != NULL && i < json_array_get_length (second); i++)
    json_array_add_element (all, json_node_copy (json_array_get_element (second, i)));
  return all;
}

static void
apply_clear (Apply *a)
{
  g_clear_pointer (&a->result, json_object_unref);
  g_clear_pointer (&a->proposals, json_array_unref);
  g_clear_pointer (&a->known_entries, g_hash_table_unref);
  g_clear_pointer (&a->new_events, g_ptr_array_unref);
  g_clear_pointer (&a->changed_events, g_ptr_array_unref);
  g_clear_pointer (&a->deleted_events, g_ptr_array_unref);
  g_clear_pointer (&a->new_participants, g_ptr_array_unref);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_contribution_finalize (GObject *object)
{
  PmContribution *self = PM_CONTRIBUTION (object);

  g_free (self->source);
  g_free (self->claimed_for);
  g_free (self->token);
  g_clear_pointer (&self->copy, json_node_unref);
  g_clear_pointer (&self->sent, g_hash_table_unref);
  g_clear_pointer (&self->sent_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (pm_contribution_parent_class)->finalize (object);
}

static void
pm_contribution_class_init (PmContributionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pm_contribution_finalize;
}

static void
pm_contribution_init (PmContribution *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmContribution *
pm_contribution_new_from_copy (PmDocument  *copy,
                               const char  *source,
                               GError     **error)
{
  g_autoptr(PmContribution) self = NULL;
  JsonArray *base;

  g_return_val_if_fail (PM_IS_DOCUMENT (copy), NULL);
  g_return_val_if_fail (source != NULL, NULL);

  /* A newer format may mean things this version would get wrong; and what it writes of the
   * copy would lose them. */
  if (pm_document_get_read_only (copy))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_VERSION,
                   _("%s: written by a newer Postmortem (file format %d; this version writes %d); "
                     "collect it with that version"),
                   source, pm_document_get_format_version (copy), PM_FORMAT_VERSION);
      return NULL;
    }

  self = g_object_new (PM_TYPE_CONTRIBUTION, NULL);
  self->source = g_strdup (source);
  self->claimed_for = g_strdup (pm_document_get_prepared_for (copy));
  self->token = g_strdup (pm_participant_copy_get_token (copy));
  self->copy = pm_document_dup_file_form (copy);
  base = pm_participant_copy_get_base (copy);
  if (base != NULL)
    {
      self->sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      self->sent_ids = g_ptr_array_new ();
      for (guint i = 0; i < json_array_get_length (base); i++)
        {
          JsonObject *entry = json_array_get_object_element (base, i);
          const char *id = pm_json_object_get_string (entry, "event");
          const char *digest = pm_json_object_get_string (entry, "digest");
          char *key;

          if (id == NULL || digest == NULL || g_hash_table_contains (self->sent, id))
            continue;
          key = g_strdup (id);
          g_hash_table_insert (self->sent, key, g_strdup (digest));
          g_ptr_array_add (self->sent_ids, key);
        }
    }
  return g_steal_pointer (&self);
}

const char *
pm_contribution_get_claimed_for (PmContribution *self)
{
  g_return_val_if_fail (PM_IS_CONTRIBUTION (self), NULL);

  return self->claimed_for;
}

const char *
pm_contribution_get_source (PmContribution *self)
{
  g_return_val_if_fail (PM_IS_CONTRIBUTION (self), NULL);

  return self->source;
}

gboolean
pm_contribution_apply (PmContribution    *self,
                       PmDocument        *document,
                       const char        *label,
                       PmCollectSummary  *summary,
                       GError           **error)
{
  Apply a = { self, document };
  g_autoptr(JsonNode) ours_node = NULL;
  g_autoptr(JsonNode) result_node = NULL;
  g_autoptr(PmDocument) merged = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonArray) conflicts = NULL;
  g_autoptr(JsonArray) new_suggestions = json_array_new ();
  g_autoptr(JsonArray) suggestions = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *ours, *copy;
  JsonArray *existing;
  GListModel *merged_events;
  gsize proposals_bytes;

  g_return_val_if_fail (PM_IS_CONTRIBUTION (self), FALSE);
  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);

  ours_node = pm_document_dup_file_form (document);
  ours = json_node_get_object (ours_node);
  copy = json_node_get_object (self->copy);
  /* The result starts as ours and takes what is applied; ours stays as it was to compare. */
  {
    g_autoptr(JsonNode) copy_of_ours = _pm_collect_deep_copy (ours_node);

    a.result = json_object_ref (json_node_get_object (copy_of_ours));
  }
  a.proposals = json_array_new ();
  a.known_entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  a.new_events = g_ptr_array_new_with_free_func (g_free);
  a.changed_events = g_ptr_array_new_with_free_func (g_free);
  a.deleted_events = g_ptr_array_new_with_free_func (g_free);
  a.new_participants = g_ptr_array_new_with_free_func (g_free);

  existing = pm_merge_get_conflicts (document);
  for (guint i = 0; existing != NULL && i < json_array_get_length (existing); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      pm_json_write (json_array_get_element (existing, i), 0, text);
      g_hash_table_add (a.known_entries, g_string_free (g_steal_pointer (&text), FALSE));
    }

  find_speaker (&a, copy);
  collect_events (&a, ours, copy);
  collect_participants (&a, ours, copy);
  propose_members (&a, "postmortem", NULL, postmortem_members, pm_json_object_get_object (ours, "postmortem"),
                   pm_json_object_get_object (copy, "postmortem"), FALSE);
  collect_section (&a, ours, copy, "root_causes", "root_cause", root_cause_members);
  collect_section (&a, ours, copy, "measures", "measure", measure_members);
  collect_section (&a, ours, copy, "follow_ups", "follow_up", follow_up_members);
  collect_dismissals (&a, ours, copy);

  /* Check the result like a file before anything changes. */
  result_node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (result_node, a.result);
  pm_json_write (result_node, 0, out);
  g_string_append_c (out, '\n');
  merged = pm_document_load_from_data (out->str, out->len, self->source, &local_error);
  if (merged == NULL)
    {
      g_set_error (error, PM_ERROR, local_error->code,
                   _("Collecting it would make the postmortem invalid: %s"), local_error->message);
      apply_clear (&a);
      return FALSE;
    }
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
    g_autoptr(GString) text = g_string_new (NULL);

    json_node_set_array (node, a.proposals);
    pm_json_write (node, 1, text);
    proposals_bytes = text->len;
  }
  if ((existing ? json_array_get_length (existing) : 0) + json_array_get_length (a.proposals) >
      PM_LIMIT_EVENTS)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                   _("%s: it proposes %u changes, more than a postmortem can hold open (%d)"),
                   self->source, json_array_get_length (a.proposals), PM_LIMIT_EVENTS);
      apply_clear (&a);
      return FALSE;
    }
  if (out->len + proposals_bytes > PM_LIMIT_FILE_BYTES)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                   _("%s: with what it brings, the postmortem would be larger than %d MiB"),
                   self->source, PM_LIMIT_FILE_BYTES / (1024 * 1024));
      apply_clear (&a);
      return FALSE;
    }

  /* Now change the document, as one step. */
  pm_document_begin_change (document, label);

  for (guint i = 0; i < a.new_participants->len; i++)
    {
      PmParticipant *participant = pm_document_find_participant (merged, a.new_participants->pdata[i]);

      if (participant != NULL)
        pm_document_append (document, pm_document_get_participants (document), participant);
      if (summary != NULL)
        summary->n_new_participants++;
    }

  merged_events = pm_document_get_events (merged);
  {
    /* The merged order is the document's with the new events in place: walk it once, with
     * positions from a snapshot (a look-up by id after each insert would rebuild the index). */
    g_autoptr(GHashTable) added = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GHashTable) live_index = g_hash_table_new (g_str_hash, g_str_equal);
    GListModel *events = pm_document_get_events (document);
    guint n_live = g_list_model_get_n_items (events);
    guint position = 0, n_inserted = 0;

    for (guint i = 0; i < a.new_events->len; i++)
      if (a.new_events->pdata[i] != NULL)
        g_hash_table_add (added, a.new_events->pdata[i]);
    for (guint i = 0; i < n_live; i++)
      {
        g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

        g_hash_table_insert (live_index, (gpointer) pm_event_get_id (event), GUINT_TO_POINTER (i + 1));
      }
    for (guint i = 0; i < g_list_model_get_n_items (merged_events); i++)
      {
        g_autoptr(PmEvent) event = g_list_model_get_item (merged_events, i);
        const char *id = pm_event_get_id (event);
        guint live = GPOINTER_TO_UINT (g_hash_table_lookup (live_index, id));

        if (g_hash_table_contains (added, id))
          {
            pm_document_insert (document, events, position, event);
            position++;
            n_inserted++;
          }
        else if (live != 0)
          position = live + n_inserted;
      }
  }
  for (guint i = 0; i < a.changed_events->len; i++)
    {
      PmEvent *live = pm_document_find_event (document, a.changed_events->pdata[i]);
      PmEvent *theirs = pm_document_find_event (merged, a.changed_events->pdata[i]);

      if (live != NULL && theirs != NULL)
        _pm_collect_copy_properties (document, G_OBJECT (live), G_OBJECT (theirs));
    }
  for (guint i = 0; i < a.deleted_events->len; i++)
    {
      PmEvent *live = pm_document_find_event (document, a.deleted_events->pdata[i]);

      if (live != NULL)
        pm_document_remove (document, pm_document_get_events (document), live);
    }

  if (json_array_get_length (a.proposals) > 0)
    {
      conflicts = concatenate (pm_merge_get_conflicts (document), a.proposals);
      pm_document_set (document, document, "merge-conflicts", conflicts, NULL);
    }
  suggest_duplicates (document, a.new_events, new_suggestions);
  if (json_array_get_length (new_suggestions) > 0)
    {
      JsonArray *before = pm_merge_get_duplicate_suggestions (document);

      if ((before ? json_array_get_length (before) : 0) + json_array_get_length (new_suggestions)
          <= PM_LIMIT_EVENTS)
        {
          suggestions = concatenate (before, new_suggestions);
          pm_document_set (document, document, "duplicate-suggestions", suggestions, NULL);
        }
    }

  pm_document_end_change (document);

  if (summary != NULL)
    {
      PmCollectContribution *contribution = contribution_for (summary, document, a.speaker);
      guint n_new = 0, n_there = 0;

      for (guint i = 0; i < a.new_events->len; i++)
        {
          if (a.new_events->pdata[i] != NULL)
            n_new++;
          else
            n_there++;
        }
      contribution->n_events += n_new;
      contribution->n_proposals += json_array_get_length (a.proposals);
      summary->n_new_events += n_new;
      summary->n_already_there += n_there;
      summary->n_changed_events += a.changed_events->len;
      summary->n_deleted_events += a.deleted_events->len;
      summary->n_proposals += json_array_get_length (a.proposals);
      summary->n_conflicts += json_array_get_length (a.proposals);
      summary->n_suggestions += json_array_get_length (new_suggestions);
      if (a.speaker == NULL)
        summary->n_unattributed++;
    }

  apply_clear (&a);
  return TRUE;
}

gboolean
pm_contribution_looks_like_copy (PmDocument *document,
                                 PmDocument *reference)
{
  GListModel *sections[3];
  gboolean reference_has = FALSE;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);

  if (pm_document_get_prepared_for (document) != NULL ||
      pm_participant_copy_get_base (document) != NULL)
    return TRUE;
  if (reference == NULL)
    return FALSE;

  sections[0] = pm_document_get_root_causes (document);
  sections[1] = pm_document_get_measures (document);
  sections[2] = pm_document_get_follow_ups (document);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_list_model_get_n_items (sections[i]) > 0)
      return FALSE;
  reference_has = g_list_model_get_n_items (pm_document_get_root_causes (reference)) > 0 ||
                  g_list_model_get_n_items (pm_document_get_measures (reference)) > 0 ||
                  g_list_model_get_n_items (pm_document_get_follow_ups (reference)) > 0;
  return reference_has;
}
