/* pm-merge.c — three-way merge of postmortems by stable ids
 *
 * The merge works on the canonical file form of the three documents: each is serialized and
 * parsed back into a JSON tree, so every member the model knows and every member it keeps
 * without knowing it is merged the same way, member by member. The merged tree is then read
 * back through the strict reader, which checks it like any file from someone else.
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
#include "pm-text-similarity.h"

#define CLOSE_SECONDS (10 * 60)
#define SIMILAR_TEXT 0.6
#define MAX_TEXT_COMPARISONS 200000

typedef struct
{
  JsonArray *conflicts;
} Merge;

/* The members of the file that hold a point in time as a pair with its precision. */
static const struct
{
  const char *time;
  const char *precision;
} time_pairs[] = {
  { "time", "precision" },
  { "start", "start_precision" },
  { "end", "end_precision" },
  { "detected", "detected_precision" },
};

/* Lists of ids or texts, merged as sets: additions and removals of both sides are kept. */
static const char * const set_members[] = {
  "tags", "evidence", "events", "root_causes", "attendees", NULL
};

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
node_equal (JsonNode *a,
            JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static JsonNode *
node_copy (JsonNode *node)
{
  return node != NULL ? json_node_copy (node) : NULL;
}

static JsonNode *
member_or_null (JsonObject *object,
                const char *member)
{
  return object != NULL ? json_object_get_member (object, member) : NULL;
}

static JsonObject *
object_or_null (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_or_null (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
name_in (const char         *name,
         const char * const *names)
{
  return g_strv_contains (names, name);
}

static char *
join_path (const char *prefix,
           const char *member)
{
  if (prefix == NULL || *prefix == '\0')
    return g_strdup (member);
  return g_strconcat (prefix, ".", member, NULL);
}

JsonNode *_pm_collect_deep_copy (JsonNode *node);

JsonObject *
pm_merge_conflict_new (const char *kind,
                       const char *id,
                       const char *member,
                       JsonNode   *ours,
                       JsonNode   *theirs)
{
  JsonObject *conflict = json_object_new ();

  json_object_set_string_member (conflict, "kind", kind);
  if (id != NULL)
    json_object_set_string_member (conflict, "id", id);
  if (member != NULL)
    json_object_set_string_member (conflict, "member", member);
  json_object_set_member (conflict, "ours",
                          ours ? _pm_collect_deep_copy (ours) : json_node_new (JSON_NODE_NULL));
  json_object_set_member (conflict, "theirs",
                          theirs ? _pm_collect_deep_copy (theirs) : json_node_new (JSON_NODE_NULL));
  return conflict;
}

static void
add_conflict (Merge      *m,
              const char *kind,
              const char *id,
              const char *member,
              JsonNode   *ours,
              JsonNode   *theirs)
{
  json_array_add_object_element (m->conflicts, pm_merge_conflict_new (kind, id, member, ours, theirs));
}

const char *
pm_merge_precision_member (const char *member)
{
  for (guint i = 0; i < G_N_ELEMENTS (time_pairs); i++)
    if (strcmp (member, time_pairs[i].time) == 0)
      return time_pairs[i].precision;
  return NULL;
}

static gboolean
is_precision (const char *member)
{
  for (guint i = 0; i < G_N_ELEMENTS (time_pairs); i++)
    if (strcmp (member, time_pairs[i].precision) == 0)
      return TRUE;
  return FALSE;
}

/* A time and its precision as one value, for comparing and recording. */
static JsonNode *
time_pair (JsonObject *object,
           const char *time,
           const char *precision)
{
  JsonNode *t = member_or_null (object, time);
  JsonNode *p = member_or_null (object, precision);
  JsonObject *pair;
  JsonNode *node;

  if (t == NULL && p == NULL)
    return NULL;
  pair = json_object_new ();
  if (t != NULL)
    json_object_set_member (pair, time, json_node_copy (t));
  if (p != NULL)
    json_object_set_member (pair, precision, json_node_copy (p));
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, pair);
  return node;
}

static PmTime *
parse_time (JsonObject *object,
            const char *time,
            const char *precision)
{
  const char *text = pm_json_object_get_string (object, time);
  const char *precision_text = pm_json_object_get_string (object, precision);
  PmTimePrecision p = PM_TIME_PRECISION_EXACT;

  if (text == NULL)
    return NULL;
  if (precision_text != NULL && !pm_time_precision_from_string (precision_text, &p))
    p = PM_TIME_PRECISION_EXACT;
  return pm_time_parse_iso8601 (text, p, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Merging values                                                                              */
/* ------------------------------------------------------------------------------------------ */

static JsonNode *merge_value (Merge      *m,
                              const char *kind,
                              const char *id,
                              const char *path,
                              const char *member,
                              JsonNode   *b,
                              JsonNode   *o,
                              JsonNode   *t,
                              gboolean    no_base);

static gboolean
array_contains (JsonArray *array,
                JsonNode  *item)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (node_equal (json_array_get_element (array, i), item))
      return TRUE;
  return FALSE;
}

/* Lists merged as sets: an item stays when neither side removed it, and what either side
 * added comes in (ours first, in their order). */
static JsonNode *
merge_set (JsonArray *b,
           JsonArray *o,
           JsonArray *t)
{
  g_autoptr(JsonArray) result = json_array_new ();
  guint no = o ? json_array_get_length (o) : 0;
  guint nt = t ? json_array_get_length (t) : 0;
  JsonNode *node;

  for (guint i = 0; i < no; i++)
    {
      JsonNode *item = json_array_get_element (o, i);

      if (array_contains (b, item) && !array_contains (t, item))
        continue;
      if (!array_contains (result, item))
        json_array_add_element (result, json_node_copy (item));
    }
  for (guint i = 0; i < nt; i++)
    {
      JsonNode *item = json_array_get_element (t, i);

      if (array_contains (b, item) || array_contains (result, item))
        continue;
      json_array_add_element (result, json_node_copy (item));
    }

  if (json_array_get_length (result) == 0)
    return NULL;
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, result);
  return node;
}

static int
compare_history (gconstpointer a,
                 gconstpointer b)
{
  JsonObject *oa = json_node_get_object (*(JsonNode **) a);
  JsonObject *ob = json_node_get_object (*(JsonNode **) b);
  g_autoptr(PmTime) ta = parse_time (oa, "time", "precision");
  g_autoptr(PmTime) tb = parse_time (ob, "time", "precision");

  if (ta == NULL || tb == NULL)
    return (ta == NULL) - (tb == NULL);
  return pm_time_compare (ta, tb);
}

static char *
history_key (JsonNode *entry)
{
  JsonObject *object = object_or_null (entry);

  return g_strdup_printf ("%s\x1f%s", pm_json_object_get_string (object, "time") ?: "",
                          pm_json_object_get_string (object, "to") ?: "");
}

/* A measure's history: the union by time and new status, oldest first. */
static JsonNode *
merge_history (JsonArray *o,
               JsonArray *t)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  JsonArray *result;
  JsonNode *node;
  JsonArray *sides[2] = { o, t };

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; sides[s] != NULL && i < json_array_get_length (sides[s]); i++)
      {
        JsonNode *entry = json_array_get_element (sides[s], i);
        char *key = history_key (entry);

        if (!JSON_NODE_HOLDS_OBJECT (entry) || g_hash_table_contains (seen, key))
          {
            g_free (key);
            continue;
          }
        g_hash_table_add (seen, key);
        g_ptr_array_add (entries, entry);
      }

  if (entries->len == 0)
    return NULL;
  /* Stable: entries at the same time keep the order they had. */
  g_ptr_array_sort (entries, compare_history);
  result = json_array_sized_new (entries->len);
  for (guint i = 0; i < entries->len; i++)
    json_array_add_element (result, json_node_copy (entries->pdata[i]));
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, result);
  return node;
}

/* Merges the members of three objects (@b NULL: added on both sides). */
static JsonNode *
merge_object (Merge      *m,
              const char *kind,
              const char *id,
              const char *path,
              JsonObject *b,
              JsonObject *o,
              JsonObject *t,
              gboolean    no_base)
{
  g_autoptr(JsonObject) result = json_object_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *sides[3] = { o, t, b };
  JsonNode *node;

  /* Ours' order first, then what only theirs or the base has. */
  for (guint s = 0; s < 3; s++)
    {
      g_autoptr(GList) members = sides[s] ? json_object_get_members (sides[s]) : NULL;

      for (GList *l = members; l != NULL; l = l->next)
        if (g_hash_table_add (listed, l->data))
          g_ptr_array_add (names, l->data);
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *member = names->pdata[i];
      const char *precision = pm_merge_precision_member (member);
      g_autofree char *member_path = join_path (path, member);

      if (is_precision (member))
        {
          /* Merged with its time, unless the time is in none of the three. */
          gboolean with_time = FALSE;

          for (guint k = 0; k < G_N_ELEMENTS (time_pairs); k++)
            if (strcmp (time_pairs[k].precision, member) == 0 &&
                g_hash_table_contains (listed, time_pairs[k].time))
              with_time = TRUE;
          if (with_time)
            continue;
        }

      if (precision != NULL)
        {
          g_autoptr(JsonNode) pb = time_pair (b, member, precision);
          g_autoptr(JsonNode) po = time_pair (o, member, precision);
          g_autoptr(JsonNode) pt = time_pair (t, member, precision);
          JsonObject *chosen;

          if (node_equal (po, pt) || (!no_base && node_equal (pb, pt)))
            chosen = o;
          else if (!no_base && node_equal (pb, po))
            chosen = t;
          else
            {
              add_conflict (m, kind, id, member_path, po, pt);
              chosen = o;
            }
          if ((node = member_or_null (chosen, member)) != NULL)
            json_object_set_member (result, member, json_node_copy (node));
          if ((node = member_or_null (chosen, precision)) != NULL)
            json_object_set_member (result, precision, json_node_copy (node));
          continue;
        }

      node = merge_value (m, kind, id, member_path, member, member_or_null (b, member),
                          member_or_null (o, member), member_or_null (t, member), no_base);
      if (node != NULL)
        json_object_set_member (result, member, node);
    }

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, result);
  return node;
}

typedef char *(*KeyFunc) (JsonObject *item);

static char *
key_id (JsonObject *item)
{
  return g_strdup (pm_json_object_get_string (item, "id"));
}

static char *
key_measure (JsonObject *item)
{
  return g_strdup (pm_json_object_get_string (item, "measure"));
}

static char *
key_dismissal (JsonObject *item)
{
  const char *object = pm_json_object_get_string (item, "object");

  if (pm_json_object_get_string (item, "rule") == NULL)
    return NULL;
  return object ? g_strconcat (pm_json_object_get_string (item, "rule"), "/", object, NULL)
                : g_strdup (pm_json_object_get_string (item, "rule"));
}

/* id → JsonObject of the items of @array that have a key. */
static GHashTable *
index_by_key (JsonArray *array,
              KeyFunc    key_func)
{
  GHashTable *index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *item = object_or_null (json_array_get_element (array, i));
      char *key = item ? key_func (item) : NULL;

      if (key == NULL || g_hash_table_contains (index, key))
        g_free (key);
      else
        g_hash_table_insert (index, key, item);
    }
  return index;
}

/* A list of objects with keys (ids): each object is merged with its namesakes; objects only
 * one side added come in after the object that precedes them on that side. When @owner_id is
 * given, conflicts are recorded on it (kind @kind) under @path.KEY; otherwise each item's key
 * is the id of the conflict. */
static JsonNode *
merge_keyed (Merge      *m,
             const char *kind,
             const char *owner_id,
             const char *path,
             KeyFunc     key_func,
             JsonArray  *b,
             JsonArray  *o,
             JsonArray  *t,
             gboolean    no_base)
{
  g_autoptr(GHashTable) ib = index_by_key (b, key_func);
  g_autoptr(GHashTable) io = index_by_key (o, key_func);
  g_autoptr(GHashTable) it = index_by_key (t, key_func);
  /* The result as a list, with each key's link, so that theirs' additions go in place. */
  g_autoptr(GHashTable) links = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GQueue items = G_QUEUE_INIT;
  JsonArray *result;
  JsonNode *node;

  for (guint pass = 0; pass < 2; pass++)
    {
      JsonArray *side = pass == 0 ? o : t;
      GHashTable *other = pass == 0 ? it : io;
      GList *after = NULL;  /* insert after this link; NULL: at the start */

      for (guint i = 0; side != NULL && i < json_array_get_length (side); i++)
        {
          JsonNode *item_node = json_array_get_element (side, i);
          JsonObject *item = object_or_null (item_node);
          g_autofree char *key = item ? key_func (item) : NULL;
          JsonObject *in_base, *in_other;
          g_autofree char *conflict_id = NULL;
          g_autofree char *conflict_path = NULL;
          JsonNode *merged = NULL;
          GList *found;

          if (key == NULL)
            {
              /* Not an item we can match: ours keeps it. */
              if (pass == 0)
                {
                  g_queue_push_tail (&items, json_node_copy (item_node));
                  after = items.tail;
                }
              continue;
            }

          if ((found = g_hash_table_lookup (links, key)) != NULL)
            {
              after = found;
              continue;
            }

          conflict_id = g_strdup (owner_id ? owner_id : key);
          conflict_path = owner_id ? join_path (path, key) : NULL;
          in_base = no_base ? NULL : g_hash_table_lookup (ib, key);
          in_other = g_hash_table_lookup (other, key);

          if (in_other != NULL)
            {
              JsonObject *mine = pass == 0 ? item : in_other;
              JsonObject *yours = pass == 0 ? in_other : item;

              merged = merge_object (m, kind, conflict_id, conflict_path, in_base, mine, yours,
                                     in_base == NULL);
            }
          else if (in_base != NULL)
            {
              /* The other side deleted it: gone unless this side changed it. */
              g_autoptr(JsonNode) as_base = json_node_new (JSON_NODE_OBJECT);

              json_node_set_object (as_base, in_base);
              if (json_node_equal (as_base, item_node))
                continue;
              if (pass == 0)
                add_conflict (m, kind, conflict_id, conflict_path, item_node, NULL);
              else
                add_conflict (m, kind, conflict_id, conflict_path, NULL, item_node);
              merged = json_node_copy (item_node);
            }
          else
            merged = json_node_copy (item_node);

          if (after == NULL)
            {
              g_queue_push_head (&items, merged);
              after = items.head;
            }
          else
            {
              g_queue_insert_after (&items, after, merged);
              after = after->next;
            }
          g_hash_table_insert (links, g_steal_pointer (&key), after);
        }
    }

  if (items.length == 0)
    return NULL;
  result = json_array_sized_new (items.length);
  for (GList *l = items.head; l != NULL; l = l->next)
    json_array_add_element (result, l->data);
  g_queue_clear (&items);
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, result);
  return node;
}

static JsonNode *
merge_value (Merge      *m,
             const char *kind,
             const char *id,
             const char *path,
             const char *member,
             JsonNode   *b,
             JsonNode   *o,
             JsonNode   *t,
             gboolean    no_base)
{
  if (node_equal (o, t))
    return node_copy (o);
  if (!no_base && node_equal (b, o))
    return node_copy (t);
  if (!no_base && node_equal (b, t))
    return node_copy (o);

  /* Both changed it, differently. */
  if (!no_base && member != NULL && strcmp (member, "history") == 0 && strcmp (kind, "measure") == 0 &&
      (o == NULL || array_or_null (o)) && (t == NULL || array_or_null (t)))
    return merge_history (array_or_null (o), array_or_null (t));

  if (!no_base && member != NULL && name_in (member, set_members) &&
      (b == NULL || array_or_null (b)) && (o == NULL || array_or_null (o)) &&
      (t == NULL || array_or_null (t)))
    return merge_set (array_or_null (b), array_or_null (o), array_or_null (t));

  if (!no_base && member != NULL && strcmp (member, "reviews") == 0 &&
      strcmp (kind, "follow_up") == 0 &&
      (b == NULL || array_or_null (b)) && (o == NULL || array_or_null (o)) &&
      (t == NULL || array_or_null (t)))
    return merge_keyed (m, kind, id, path, key_measure, array_or_null (b), array_or_null (o),
                        array_or_null (t), FALSE);

  if (!no_base && object_or_null (o) && object_or_null (t) && (b == NULL || object_or_null (b)))
    return merge_object (m, kind, id, path, object_or_null (b), object_or_null (o),
                         object_or_null (t), FALSE);

  add_conflict (m, kind, id, path, o, t);
  return node_copy (o);
}

/* ------------------------------------------------------------------------------------------ */
/* After the merge                                                                             */
/* ------------------------------------------------------------------------------------------ */

static GHashTable *
ids_of (JsonObject *root,
        const char *collection)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array = array_or_null (member_or_null (root, collection));

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *id = pm_json_object_get_string (object_or_null (json_array_get_element (array, i)), "id");

      if (id != NULL)
        g_hash_table_add (ids, (gpointer) id);
    }
  return ids;
}

static void
filter_ids (JsonObject *object,
            const char *member,
            GHashTable *ids)
{
  JsonArray *array = array_or_null (member_or_null (object, member));

  if (array == NULL)
    return;
  for (guint i = json_array_get_length (array); i-- > 0;)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (json_node_get_value_type (node) == G_TYPE_STRING &&
          !g_hash_table_contains (ids, json_node_get_string (node)))
        json_array_remove_element (array, i);
    }
  if (json_array_get_length (array) == 0)
    json_object_remove_member (object, member);
}

static void
drop_id (JsonObject *object,
         const char *member,
         GHashTable *ids)
{
  const char *id = pm_json_object_get_string (object, member);

  if (id != NULL && !g_hash_table_contains (ids, id))
    json_object_remove_member (object, member);
}

/* A reference to an object the other side deleted goes with it, as removing an object does in
 * the app. */
static void
drop_dangling_references (JsonObject *root)
{
  g_autoptr(GHashTable) participants = ids_of (root, "participants");
  g_autoptr(GHashTable) events = ids_of (root, "events");
  g_autoptr(GHashTable) root_causes = ids_of (root, "root_causes");
  g_autoptr(GHashTable) measures = ids_of (root, "measures");
  g_autoptr(GHashTable) follow_ups = ids_of (root, "follow_ups");
  JsonArray *array;

#define EACH(collection, var) \
  for (guint i_ = 0, n_ = (array = array_or_null (member_or_null (root, collection))) ? \
         json_array_get_length (array) : 0; i_ < n_; i_++) \
    for (JsonObject *var = object_or_null (json_array_get_element (array, i_)); var; var = NULL)

  EACH ("events", event)
    drop_id (event, "contributor", participants);
  EACH ("root_causes", root_cause)
    filter_ids (root_cause, "events", events);
  EACH ("measures", measure)
    {
      drop_id (measure, "owner", participants);
      filter_ids (measure, "root_causes", root_causes);
    }
  EACH ("follow_ups", follow_up)
    {
      JsonArray *reviews = array_or_null (member_or_null (follow_up, "reviews"));

      filter_ids (follow_up, "attendees", participants);
      for (guint k = reviews ? json_array_get_length (reviews) : 0; k-- > 0;)
        {
          JsonObject *review = object_or_null (json_array_get_element (reviews, k));
          const char *measure = pm_json_object_get_string (review, "measure");

          if (measure != NULL && !g_hash_table_contains (measures, measure))
            json_array_remove_element (reviews, k);
        }
      if (reviews != NULL && json_array_get_length (reviews) == 0)
        json_object_remove_member (follow_up, "reviews");
    }
#undef EACH

  array = array_or_null (member_or_null (root, "dismissed_findings"));
  for (guint k = array ? json_array_get_length (array) : 0; k-- > 0;)
    {
      JsonObject *dismissal = object_or_null (json_array_get_element (array, k));
      const char *object = pm_json_object_get_string (dismissal, "object");

      if (object != NULL && !g_hash_table_contains (participants, object) &&
          !g_hash_table_contains (events, object) && !g_hash_table_contains (root_causes, object) &&
          !g_hash_table_contains (measures, object) && !g_hash_table_contains (follow_ups, object))
        json_array_remove_element (array, k);
    }
  if (array != NULL && json_array_get_length (array) == 0)
    json_object_remove_member (root, "dismissed_findings");
}

/* Events in timeline order; an unknown time stays after the event it followed. */
static void
order_events (JsonObject *root)
{
  JsonArray *events = array_or_null (member_or_null (root, "events"));
  g_autoptr(GPtrArray) times = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autofree guint *order = NULL;
  guint n;

  if (events == NULL)
    return;
  n = json_array_get_length (events);
  times = g_ptr_array_new_full (n, (GDestroyNotify) pm_time_free);
  nodes = g_ptr_array_new_full (n, (GDestroyNotify) json_node_unref);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (events, i);

      g_ptr_array_add (times, parse_time (object_or_null (node), "time", "precision"));
      g_ptr_array_add (nodes, json_node_ref (node));
    }
  order = pm_timeline_order ((const PmTime * const *) times->pdata, n);
  for (guint i = n; i-- > 0;)
    json_array_remove_element (events, i);
  for (guint i = 0; i < n; i++)
    json_array_add_element (events, json_node_ref (nodes->pdata[order[i]]));
}

static gint64
span_seconds (const PmTime *time)
{
  switch (pm_time_get_precision (time))
    {
    case PM_TIME_PRECISION_MINUTE:
      return 60;
    case PM_TIME_PRECISION_HOUR:
      return 3600;
    case PM_TIME_PRECISION_DAY:
      return 86400;
    case PM_TIME_PRECISION_EXACT:
    default:
      return 1;
    }
}

static gboolean
times_close (const PmTime *a,
             const PmTime *b)
{
  gint64 a0, a1, b0, b1, gap;
  gboolean day;

  if (a == NULL || b == NULL)
    return a == b;
  a0 = pm_time_get_unix (a);
  a1 = a0 + span_seconds (a);
  b0 = pm_time_get_unix (b);
  b1 = b0 + span_seconds (b);
  gap = MAX (a0, b0) - MIN (a1, b1);
  day = pm_time_get_precision (a) == PM_TIME_PRECISION_DAY ||
        pm_time_get_precision (b) == PM_TIME_PRECISION_DAY;
  return day ? gap < 0 : gap <= CLOSE_SECONDS;
}

static gboolean
look_alike (const PmTime *time_a,
            const char   *text_a,
            const PmTime *time_b,
            const char   *text_b)
{
  if (!times_close (time_a, time_b))
    return FALSE;
  return pm_text_similarity (text_a, text_b) >= SIMILAR_TEXT;
}

typedef enum
{
  FROM_BASE,
  FROM_OURS,
  FROM_THEIRS,
  FROM_BOTH,
} Origin;

/* Pairs of events from different sides, at least one of them new, that look alike. */
static JsonArray *
suggest_duplicates (JsonObject *root,
                    JsonObject *base,
                    JsonObject *ours,
                    JsonObject *theirs)
{
  JsonArray *events = array_or_null (member_or_null (root, "events"));
  g_autoptr(GHashTable) in_base = ids_of (base, "events");
  g_autoptr(GHashTable) in_ours = ids_of (ours, "events");
  g_autoptr(GHashTable) in_theirs = ids_of (theirs, "events");
  JsonArray *suggestions = json_array_new ();
  guint n = events ? json_array_get_length (events) : 0;
  g_autofree Origin *origins = g_new0 (Origin, n + 1);
  g_autoptr(GPtrArray) times = g_ptr_array_new_full (n, (GDestroyNotify) pm_time_free);
  g_autofree const char **ids = g_new0 (const char *, n + 1);
  g_autofree const char **texts = g_new0 (const char *, n + 1);
  guint n_compared = 0;

  for (guint i = 0; i < n; i++)
    {
      JsonObject *event = object_or_null (json_array_get_element (events, i));
      const char *id = pm_json_object_get_string (event, "id");

      ids[i] = id;
      texts[i] = pm_json_object_get_string (event, "text");

      if (id == NULL || g_hash_table_contains (in_base, id))
        origins[i] = FROM_BASE;
      else if (g_hash_table_contains (in_ours, id))
        origins[i] = g_hash_table_contains (in_theirs, id) ? FROM_BOTH : FROM_OURS;
      else
        origins[i] = FROM_THEIRS;
      g_ptr_array_add (times, parse_time (event, "time", "precision"));
    }

  for (guint i = 0; i < n; i++)
    {
      if (origins[i] == FROM_BASE || ids[i] == NULL)
        continue;
      for (guint j = 0; j < n; j++)
        {
          JsonObject *pair;

          if (j == i || origins[j] == origins[i] || ids[j] == NULL ||
              (origins[j] != FROM_BASE && j < i))
            continue;
          if (!times_close (times->pdata[i], times->pdata[j]))
            continue;
          /* Suggestions are a help, not a promise: a pathological merge (thousands of new
           * undated events) stops comparing texts rather than taking minutes. */
          if (++n_compared > MAX_TEXT_COMPARISONS)
            return suggestions;
          if (pm_text_similarity (texts[i], texts[j]) < SIMILAR_TEXT)
            continue;
          pair = json_object_new ();
          json_object_set_string_member (pair, "a", ids[MIN (i, j)]);
          json_object_set_string_member (pair, "b", ids[MAX (i, j)]);
          json_array_add_object_element (suggestions, pair);
        }
    }
  return suggestions;
}

static JsonArray *
array_member (JsonObject *root,
              const char *member)
{
  return array_or_null (member_or_null (root, member));
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static const char * const collections[][2] = {
  { "participants", "participant" },
  { "events", "event" },
  { "root_causes", "root_cause" },
  { "measures", "measure" },
  { "follow_ups", "follow_up" },
};

static const char * const header[] = {
  "format", "format_version", "min_reader_version", "generator", "merge_conflicts",
  "duplicate_suggestions", "prepared_for", "prepared_base", NULL
};

PmDocument *
pm_merge_documents (PmDocument  *base,
                    PmDocument  *ours,
                    PmDocument  *theirs,
                    guint       *n_conflicts,
                    GError     **error)
{
  g_autoptr(JsonNode) base_node = NULL;
  g_autoptr(JsonNode) ours_node = NULL;
  g_autoptr(JsonNode) theirs_node = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(JsonArray) suggestions = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(PmDocument) merged = NULL;
  JsonObject *b, *o, *t;
  JsonObject *sides[3];
  JsonNode *node;
  Merge m = { 0 };
  gboolean no_base = base == NULL;

  g_return_val_if_fail (base == NULL || PM_IS_DOCUMENT (base), NULL);
  g_return_val_if_fail (PM_IS_DOCUMENT (ours), NULL);
  g_return_val_if_fail (PM_IS_DOCUMENT (theirs), NULL);

  if (base != NULL)
    base_node = pm_document_dup_file_form (base);
  ours_node = pm_document_dup_file_form (ours);
  theirs_node = pm_document_dup_file_form (theirs);
  b = base_node ? json_node_get_object (base_node) : NULL;
  o = json_node_get_object (ours_node);
  t = json_node_get_object (theirs_node);
  sides[0] = o;
  sides[1] = t;
  sides[2] = b;

  m.conflicts = json_array_new ();

  /* The header: ours, with the newer versions of both. */
  json_object_set_string_member (root, "format", "pmortem");
  json_object_set_int_member (root, "format_version",
                              MAX (json_object_get_int_member (o, "format_version"),
                                   json_object_get_int_member (t, "format_version")));
  json_object_set_int_member (root, "min_reader_version",
                              MAX (json_object_get_int_member (o, "min_reader_version"),
                                   json_object_get_int_member (t, "min_reader_version")));
  json_object_set_member (root, "generator", json_node_copy (json_object_get_member (o, "generator")));

  /* Every other member, in ours' order. */
  for (guint s = 0; s < 3; s++)
    {
      g_autoptr(GList) members = sides[s] ? json_object_get_members (sides[s]) : NULL;

      for (GList *l = members; l != NULL; l = l->next)
        if (!name_in (l->data, header) && g_hash_table_add (listed, l->data))
          g_ptr_array_add (names, l->data);
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *member = names->pdata[i];
      JsonNode *vb = member_or_null (b, member);
      JsonNode *vo = member_or_null (o, member);
      JsonNode *vt = member_or_null (t, member);
      const char *kind = NULL;

      for (guint k = 0; k < G_N_ELEMENTS (collections); k++)
        if (strcmp (member, collections[k][0]) == 0)
          kind = collections[k][1];

      if (strcmp (member, "postmortem") == 0 && object_or_null (vo) && object_or_null (vt))
        node = merge_object (&m, "postmortem", NULL, NULL, object_or_null (vb),
                             object_or_null (vo), object_or_null (vt), no_base);
      else if (kind != NULL)
        node = merge_keyed (&m, kind, NULL, NULL, key_id, array_or_null (vb), array_or_null (vo),
                            array_or_null (vt), no_base);
      else if (strcmp (member, "dismissed_findings") == 0)
        node = merge_keyed (&m, "dismissed_finding", NULL, NULL, key_dismissal,
                            array_or_null (vb), array_or_null (vo), array_or_null (vt), no_base);
      else
        node = merge_value (&m, "document", NULL, member, NULL, vb, vo, vt, no_base);

      if (node != NULL)
        json_object_set_member (root, member, node);
    }

  drop_dangling_references (root);
  order_events (root);

  /* Whether this is a participant's copy is ours to say: merging someone's copy into the
   * moderator's document does not make it their copy. */
  {
    g_autoptr(GHashTable) participants = ids_of (root, "participants");
    const char *prepared_for = pm_json_object_get_string (o, "prepared_for");

    if (prepared_for != NULL && g_hash_table_contains (participants, prepared_for))
      {
        json_object_set_string_member (root, "prepared_for", prepared_for);
        if ((node = member_or_null (o, "prepared_base")) != NULL)
          json_object_set_member (root, "prepared_base", json_node_copy (node));
      }
  }

  /* Conflicts left from earlier merges stay until someone resolves them on either side. */
  {
    g_autoptr(JsonNode) earlier = merge_set (array_member (b, "merge_conflicts"),
                                             array_member (o, "merge_conflicts"),
                                             array_member (t, "merge_conflicts"));
    JsonArray *all = json_array_new ();

    for (guint i = 0; earlier != NULL && i < json_array_get_length (json_node_get_array (earlier)); i++)
      json_array_add_element (all, json_node_copy (json_array_get_element (json_node_get_array (earlier), i)));
    for (guint i = 0; i < json_array_get_length (m.conflicts); i++)
      json_array_add_element (all, json_node_copy (json_array_get_element (m.conflicts, i)));
    if (n_conflicts != NULL)
      *n_conflicts = json_array_get_length (all);
    if (json_array_get_length (all) > 0)
      json_object_set_array_member (root, "merge_conflicts", all);
    else
      json_array_unref (all);
  }

  /* Suggestions: those still open on either side, then the new ones. */
  {
    g_autoptr(JsonNode) earlier = merge_set (array_member (b, "duplicate_suggestions"),
                                             array_member (o, "duplicate_suggestions"),
                                             array_member (t, "duplicate_suggestions"));
    g_autoptr(GHashTable) events = ids_of (root, "events");
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    JsonArray *fresh = suggest_duplicates (root, b, o, t);
    JsonArray *all = json_array_new ();
    JsonArray *lists[2] = { earlier ? json_node_get_array (earlier) : NULL, fresh };

    for (guint l = 0; l < 2; l++)
      for (guint i = 0; lists[l] != NULL && i < json_array_get_length (lists[l]); i++)
        {
          JsonNode *pair = json_array_get_element (lists[l], i);
          JsonObject *object = object_or_null (pair);
          char *pair_key;
          gboolean known;

          if (object == NULL || !g_hash_table_contains (events, pm_json_object_get_string (object, "a") ?: "") ||
              !g_hash_table_contains (events, pm_json_object_get_string (object, "b") ?: ""))
            continue;
          pair_key = g_strconcat (pm_json_object_get_string (object, "a"), "\x1f",
                                  pm_json_object_get_string (object, "b"), NULL);
          known = !g_hash_table_add (seen, pair_key);
          if (!known)
            json_array_add_element (all, json_node_copy (pair));
        }
    json_array_unref (fresh);
    if (json_array_get_length (all) > 0)
      json_object_set_array_member (root, "duplicate_suggestions", all);
    else
      json_array_unref (all);
  }

  json_array_unref (m.conflicts);

  root_node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root_node, root);
  pm_json_write (root_node, 0, out);
  g_string_append_c (out, '\n');

  merged = pm_document_load_from_data (out->str, out->len, _("the merged postmortem"), error);
  if (merged == NULL)
    return NULL;
  pm_document_mark_modified (merged);
  return g_steal_pointer (&merged);
}

/* Kept on the document itself, as its "merge-conflicts" and "duplicate-suggestions". */
JsonArray *
pm_merge_get_conflicts (PmDocument *document)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  return pm_document_get_merge_conflicts (document);
}

void
pm_merge_set_conflicts (PmDocument *document,
                        JsonArray  *conflicts)
{
  g_return_if_fail (PM_IS_DOCUMENT (document));

  pm_document_set_merge_conflicts (document, conflicts);
}

JsonArray *
pm_merge_get_duplicate_suggestions (PmDocument *document)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  return pm_document_get_duplicate_suggestions (document);
}

void
pm_merge_set_duplicate_suggestions (PmDocument *document,
                                    JsonArray  *suggestions)
{
  g_return_if_fail (PM_IS_DOCUMENT (document));

  pm_document_set_duplicate_suggestions (document, suggestions);
}

gboolean
pm_merge_events_look_alike (PmEvent *a,
                            PmEvent *b)
{
  g_return_val_if_fail (PM_IS_EVENT (a), FALSE);
  g_return_val_if_fail (PM_IS_EVENT (b), FALSE);

  return look_alike (pm_event_get_time (a), pm_event_get_text (a),
                     pm_event_get_time (b), pm_event_get_text (b));
}

/* ------------------------------------------------------------------------------------------ */
/* Suggesting duplicates of new events                                                         */
/* ------------------------------------------------------------------------------------------ */

/* Look-alike events are at most a day apart (an event known to the day). */
#define LOOK_ALIKE_WINDOW_SECONDS (26 * 3600)
/* Undated events a new undated one is compared with, at most: thousands of them do not make
 * adding quadratic. */
#define MAX_UNDATED_COMPARED 500

typedef struct
{
  gint64   seconds;
  PmEvent *event;
} Dated;

static int
compare_dated (gconstpointer a,
               gconstpointer b)
{
  gint64 x = ((const Dated *) a)->seconds, y = ((const Dated *) b)->seconds;

  return x < y ? -1 : x > y;
}

static void
suggest_pair (JsonArray *suggestions,
              PmEvent   *there,
              PmEvent   *added)
{
  JsonObject *pair = json_object_new ();

  json_object_set_string_member (pair, "a", pm_event_get_id (there));
  json_object_set_string_member (pair, "b", pm_event_get_id (added));
  json_array_add_object_element (suggestions, pair);
}

guint
pm_merge_suggest_duplicates (GListModel *events,
                             GPtrArray  *added,
                             guint       max_dated_compared,
                             JsonArray  *suggestions)
{
  g_autoptr(GArray) dated = g_array_new (FALSE, FALSE, sizeof (Dated));
  g_autoptr(GPtrArray) undated = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) is_new = g_hash_table_new (NULL, NULL);
  guint n = g_list_model_get_n_items (events);
  guint n_suggested = 0;

  for (guint i = 0; i < added->len; i++)
    g_hash_table_add (is_new, added->pdata[i]);
  /* The events that were there, sorted by time (so each new one meets only its neighbours). */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      const PmTime *time = pm_event_get_time (event);

      if (g_hash_table_contains (is_new, event))
        continue;
      if (time == NULL)
        g_ptr_array_add (undated, g_object_ref (event));
      else
        {
          Dated d = { pm_time_get_unix (time), event };

          g_array_append_val (dated, d);
        }
    }
  g_array_sort (dated, compare_dated);

  for (guint i = 0; i < added->len; i++)
    {
      PmEvent *event = added->pdata[i];
      const PmTime *time = pm_event_get_time (event);
      gboolean suggested = FALSE;
      guint low = 0, high = dated->len, compared = 0;
      gint64 from, to;

      if (time == NULL)
        {
          for (guint j = 0; j < undated->len && j < MAX_UNDATED_COMPARED; j++)
            if (pm_merge_events_look_alike (undated->pdata[j], event))
              {
                suggest_pair (suggestions, undated->pdata[j], event);
                suggested = TRUE;
              }
          n_suggested += suggested;
          continue;
        }

      from = pm_time_get_unix (time) - LOOK_ALIKE_WINDOW_SECONDS;
      to = pm_time_get_unix (time) + LOOK_ALIKE_WINDOW_SECONDS;
      while (low < high)
        {
          guint mid = low + (high - low) / 2;

          if (g_array_index (dated, Dated, mid).seconds < from)
            low = mid + 1;
          else
            high = mid;
        }
      for (guint j = low;
           j < dated->len && g_array_index (dated, Dated, j).seconds <= to &&
           compared < max_dated_compared;
           j++, compared++)
        {
          PmEvent *other = g_array_index (dated, Dated, j).event;

          if (pm_merge_events_look_alike (other, event))
            {
              suggest_pair (suggestions, other, event);
              suggested = TRUE;
            }
        }
      n_suggested += suggested;
    }
  return n_suggested;
}
