/* pm-document.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <gobject/gvaluecollector.h>
#include <json-glib/json-glib.h>

#include "pm-clock.h"
#include "pm-document.h"
#include "pm-json.h"
#include "pm-limits.h"
#include "pm-review.h"
#include "pm-status-change.h"

typedef enum
{
  COLLECTION_PARTICIPANTS,
  COLLECTION_EVENTS,
  COLLECTION_ROOT_CAUSES,
  COLLECTION_MEASURES,
  COLLECTION_FOLLOW_UPS,
  N_COLLECTIONS
} Collection;

struct _PmDocument
{
  GObject      parent_instance;

  char        *fields[PM_N_FIELDS];
  PmTime      *start;
  PmTime      *end;
  PmTime      *detected;
  char       **tags;
  /* lane names in the order the timeline shows them (see README) */
  char       **lane_order;
  gint64       duration_minutes;
  gint64       cost_amount;
  gint64       effort_hours;
  /* a participant's copy: the participant it was prepared for (see pm-participant-copy.h) */
  char        *prepared_for;
  /* what a merge left to decide (see pm-merge.h); immutable arrays, replaced as a whole */
  JsonArray   *merge_conflicts;
  JsonArray   *duplicate_suggestions;

  GListStore  *collections[N_COLLECTIONS];
  /* PmDismissal: method findings set aside, with a reason */
  GListStore  *dismissals;
  /* the meeting: PmAgendaStep, PmParkingTopic, and the step it is at (NULL: not started) */
  GListStore  *agenda;
  GListStore  *parking_lot;
  char        *current_step;
  /* changes made without an undo step (meeting progress) */
  guint64      untracked_changes;
  /* id → item, rebuilt on the next look-up after the collection changed */
  GHashTable  *index[N_COLLECTIONS];

  PmUndoStack *undo_stack;
  /* someone else's changes were applied outside the history (a live session) */
  gboolean     had_foreign_changes;
  guint        foreign_depth;
  guint64      saved_state;
  gboolean     modified;
  int          format_version;
  int          min_reader_version;
};

G_DEFINE_FINAL_TYPE (PmDocument, pm_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FIELD_FIRST,
  PROP_FIELD_LAST = PROP_FIELD_FIRST + PM_N_FIELDS - 1,
  PROP_START,
  PROP_END,
  PROP_DETECTED,
  PROP_TAGS,
  PROP_LANE_ORDER,
  PROP_DURATION_MINUTES,
  PROP_COST_AMOUNT,
  PROP_EFFORT_HOURS,
  PROP_PREPARED_FOR,
  PROP_MERGE_CONFLICTS,
  PROP_DUPLICATE_SUGGESTIONS,
  PROP_MODIFIED,
  PROP_READ_ONLY,
  PROP_FORMAT_VERSION,
  PROP_CURRENT_STEP,
  PROP_UNTRACKED_CHANGES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const field_names[PM_N_FIELDS] = {
  [PM_FIELD_TITLE] = "title",
  [PM_FIELD_REFERENCE_KEY] = "reference-key",
  [PM_FIELD_REFERENCE_URL] = "reference-url",
  [PM_FIELD_SEVERITY] = "severity",
  [PM_FIELD_STATUS] = "status",
  [PM_FIELD_CLASSIFICATION] = "classification",
  [PM_FIELD_LANGUAGE] = "language",
  [PM_FIELD_TIMEZONE] = "timezone",
  [PM_FIELD_SUMMARY] = "summary",
  [PM_FIELD_TEASER] = "teaser",
  [PM_FIELD_AFFECTED] = "affected",
  [PM_FIELD_DATA_AFFECTED] = "data-affected",
  [PM_FIELD_COST_CURRENCY] = "cost-currency",
  [PM_FIELD_RISK] = "risk",
  [PM_FIELD_WENT_WELL] = "went-well",
  [PM_FIELD_GOT_LUCKY] = "got-lucky",
};

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static const char *
item_id (gpointer item)
{
  if (PM_IS_PARTICIPANT (item))
    return pm_participant_get_id (item);
  if (PM_IS_EVENT (item))
    return pm_event_get_id (item);
  if (PM_IS_ROOT_CAUSE (item))
    return pm_root_cause_get_id (item);
  if (PM_IS_MEASURE (item))
    return pm_measure_get_id (item);
  if (PM_IS_FOLLOW_UP (item))
    return pm_follow_up_get_id (item);
  g_return_val_if_reached (NULL);
}

static void
on_collection_changed (GListModel *model,
                       guint       position,
                       guint       removed,
                       guint       added,
                       PmDocument *self)
{
  for (guint i = 0; i < N_COLLECTIONS; i++)
    if (G_LIST_MODEL (self->collections[i]) == model)
      {
        /* Added items join the index (a live session adds events many times a second, and
         * each needs a fresh id looked up); anything removed makes it be built again. */
        if (removed == 0 && self->index[i] != NULL)
          for (guint k = position; k < position + added; k++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (model, k);

              g_hash_table_insert (self->index[i], (gpointer) item_id (item), item);
            }
        else
          g_clear_pointer (&self->index[i], g_hash_table_unref);
      }
}

static gpointer
find_in_collection (PmDocument *self,
                    Collection  collection,
                    const char *id)
{
  if (id == NULL)
    return NULL;

  if (self->index[collection] == NULL)
    {
      GListModel *model = G_LIST_MODEL (self->collections[collection]);
      guint n = g_list_model_get_n_items (model);

      self->index[collection] = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < n; i++)
        {
          /* The store keeps the item alive; the index borrows it. */
          g_autoptr(GObject) item = g_list_model_get_item (model, i);

          g_hash_table_insert (self->index[collection], (gpointer) item_id (item), item);
        }
    }

  return g_hash_table_lookup (self->index[collection], id);
}

static void
update_modified (PmDocument *self)
{
  gboolean modified = pm_undo_stack_get_state (self->undo_stack) != self->saved_state;

  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

static void
on_undo_state_changed (PmUndoStack *stack,
                       GParamSpec  *pspec,
                       PmDocument  *self)
{
  update_modified (self);
}

static gboolean
set_time (PmTime       **slot,
          const PmTime  *time)
{
  if (pm_time_equal (*slot, time))
    return FALSE;
  g_clear_pointer (slot, pm_time_free);
  *slot = pm_time_copy (time);
  return TRUE;
}

static char **
strv_without (const char * const *strv,
              const char         *value)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    if (g_strcmp0 (strv[i], value) != 0)
      g_strv_builder_add (builder, strv[i]);
  return g_strv_builder_end (builder);
}

/* NULL and an empty list are the same list. */
static gboolean
strv_equal_or_empty (const char * const *a,
                     const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a ? a : empty, b ? b : empty);
}

static gboolean
strv_contains (const char * const *strv,
               const char         *value)
{
  return strv != NULL && g_strv_contains (strv, value);
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS_STRING (a))
    {
      const char *x = g_value_get_string (a), *y = g_value_get_string (b);

      /* Text properties store "" as unset. */
      return g_strcmp0 (x ? x : "", y ? y : "") == 0;
    }
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    return strv_equal_or_empty (g_value_get_boxed (a), g_value_get_boxed (b));
  if (G_VALUE_HOLDS (a, PM_TYPE_TIME))
    return pm_time_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  return g_param_values_cmp (pspec, a, b) == 0;
}

/* Where a known @time belongs in the event list, @moving (if not NULL) left out: after the
 * last event at or before that time and after the unknown-time events that follow it, which
 * keep their neighbour. */
static guint
timeline_position (PmDocument   *self,
                   const PmTime *time,
                   PmEvent      *moving)
{
  GListModel *events = G_LIST_MODEL (self->collections[COLLECTION_EVENTS]);
  guint n = g_list_model_get_n_items (events);
  guint position = 0;
  guint skipped = 0;
  gboolean after_known = FALSE;

  /* Fast path for events arriving in order (an import, a live meeting): not before the last
   * known time means after it and the unknown-time events attached to it, i.e. at the end. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i - 1);
      const PmTime *event_time;

      if (event == moving || (event_time = pm_event_get_time (event)) == NULL)
        continue;
      if (pm_time_compare (event_time, time) <= 0)
        return moving != NULL && g_list_store_find (G_LIST_STORE (events), moving, NULL) ? n - 1 : n;
      break;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      const PmTime *event_time;

      if (event == moving)
        {
          skipped = 1;
          continue;
        }

      event_time = pm_event_get_time (event);
      if (event_time == NULL)
        {
          /* Unknown times at the very start, or attached to an event not later than @time. */
          if (after_known || position == i - skipped)
            position = i - skipped + 1;
          continue;
        }

      if (pm_time_compare (event_time, time) <= 0)
        {
          position = i - skipped + 1;
          after_known = TRUE;
        }
      else
        after_known = FALSE;
    }

  return position;
}

static void
reposition_event (PmDocument *self,
                  PmEvent    *event)
{
  GListStore *store = self->collections[COLLECTION_EVENTS];
  const PmTime *time = pm_event_get_time (event);
  guint from, to;

  if (time == NULL || !g_list_store_find (store, event, &from))
    return;

  to = timeline_position (self, time, event);
  if (to != from)
    pm_document_move (self, G_LIST_MODEL (store), from, to);
}

static void
set_value (PmDocument   *self,
           gpointer      object,
           const char   *property,
           const GValue *value,
           gboolean      mergeable)
{
  GParamSpec *pspec;
  g_auto(GValue) old_value = G_VALUE_INIT;
  g_auto(GValue) new_value = G_VALUE_INIT;

  g_return_if_fail (PM_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (property != NULL);

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  g_return_if_fail (pspec != NULL);
  g_return_if_fail (pspec->flags & G_PARAM_WRITABLE);

  g_value_init (&old_value, pspec->value_type);
  g_object_get_property (object, property, &old_value);
  g_value_init (&new_value, pspec->value_type);
  if (!g_value_transform (value, &new_value))
    {
      g_critical ("Cannot set “%s” from a %s", property, G_VALUE_TYPE_NAME (value));
      return;
    }

  if (values_equal (pspec, &old_value, &new_value))
    return;

  pm_undo_stack_begin_group (self->undo_stack, NULL);
  pm_undo_stack_record_property (self->undo_stack, object, property,
                                 &old_value, &new_value, mergeable);
  g_object_set_property (object, property, &new_value);
  if (PM_IS_EVENT (object) && g_str_equal (property, "time"))
    reposition_event (self, object);
  pm_undo_stack_end_group (self->undo_stack);
}

static GListStore *
store_of (PmDocument *self,
          GListModel *list)
{
  g_return_val_if_fail (G_IS_LIST_STORE (list), NULL);

  return G_LIST_STORE (list);
}

static void
set_strv (PmDocument          *self,
          gpointer             object,
          const char          *property,
          const char * const  *strv)
{
  pm_document_set (self, object, property, strv, NULL);
}

/* Everything that names @item by its id forgets it, so that no link ever dangles. */
static gboolean
pair_names (JsonNode   *pair,
            const char *id)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (pair) ? json_node_get_object (pair) : NULL;

  for (guint k = 0; object != NULL && k < 2; k++)
    {
      const char *value = pm_json_object_get_string (object, k == 0 ? "a" : "b");

      if (value != NULL && g_strcmp0 (value, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A suggested duplicate is a pair of events of this document (the file is refused otherwise):
 * removing one of them ends the suggestion. */
static void
drop_duplicate_suggestions (PmDocument *self,
                            const char *event_id)
{
  g_autoptr(JsonArray) rest = NULL;
  guint n;

  if (self->duplicate_suggestions == NULL || event_id == NULL)
    return;

  n = json_array_get_length (self->duplicate_suggestions);
  rest = json_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *pair = json_array_get_element (self->duplicate_suggestions, i);

      if (!pair_names (pair, event_id))
        json_array_add_element (rest, json_node_copy (pair));
    }
  if (json_array_get_length (rest) < n)
    pm_document_set (self, self, "duplicate-suggestions", rest, NULL);
}

static void
drop_references (PmDocument *self,
                 gpointer    item)
{
  const char *id = item_id (item);
  GListModel *model;
  guint n;

  if (PM_IS_PARTICIPANT (item))
    {
      if (g_strcmp0 (self->prepared_for, id) == 0)
        pm_document_set (self, self, "prepared-for", NULL, NULL);

      model = pm_document_get_events (self);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PmEvent) event = g_list_model_get_item (model, i);

          if (g_strcmp0 (pm_event_get_contributor (event), id) == 0)
            pm_document_set (self, event, "contributor", NULL, NULL);
        }

      model = pm_document_get_measures (self);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PmMeasure) measure = g_list_model_get_item (model, i);

          if (g_strcmp0 (pm_measure_get_owner (measure), id) == 0)
            pm_document_set (self, measure, "owner", NULL, NULL);
        }

      model = pm_document_get_follow_ups (self);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PmFollowUp) follow_up = g_list_model_get_item (model, i);
          const char * const *attendees = pm_follow_up_get_attendees (follow_up);

          if (strv_contains (attendees, id))
            {
              g_auto(GStrv) rest = strv_without (attendees, id);

              set_strv (self, follow_up, "attendees", (const char * const *) rest);
            }
        }
    }
  else if (PM_IS_EVENT (item))
    {
      drop_duplicate_suggestions (self, id);

      model = pm_document_get_root_causes (self);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PmRootCause) root_cause = g_list_model_get_item (model, i);
          const char * const *events = pm_root_cause_get_events (root_cause);

          if (strv_contains (events, id))
            {
              g_auto(GStrv) rest = strv_without (events, id);

              set_strv (self, root_cause, "events", (const char * const *) rest);
            }
        }
    }
  else if (PM_IS_ROOT_CAUSE (item))
    {
      model = pm_document_get_measures (self);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PmMeasure) measure = g_list_model_get_item (model, i);
          const char * const *causes = pm_measure_get_root_causes (measure);

          if (strv_contains (causes, id))
            {
              g_auto(GStrv) rest = strv_without (causes, id);

              set_strv (self, measure, "root-causes", (const char * const *) rest);
            }
        }
    }
  else if (PM_IS_MEASURE (item))
    {
      model = pm_document_get_follow_ups (self);
      n = g_list_model_get_n_items (model);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PmFollowUp) follow_up = g_list_model_get_item (model, i);
          GListModel *reviews = pm_follow_up_get_reviews (follow_up);

          for (guint j = g_list_model_get_n_items (reviews); j > 0; j--)
            {
              g_autoptr(PmReview) review = g_list_model_get_item (reviews, j - 1);

              if (g_strcmp0 (pm_review_get_measure (review), id) == 0)
                pm_document_remove (self, reviews, review);
            }
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_document_dispose (GObject *object)
{
  PmDocument *self = (PmDocument *)object;

  for (guint i = 0; i < N_COLLECTIONS; i++)
    {
      if (self->collections[i] != NULL)
        g_signal_handlers_disconnect_by_func (self->collections[i], on_collection_changed, self);
      g_clear_pointer (&self->index[i], g_hash_table_unref);
    }
  if (self->undo_stack != NULL)
    g_signal_handlers_disconnect_by_func (self->undo_stack, on_undo_state_changed, self);
  /* The undo stack holds references to our objects and stores: drop it first. */
  g_clear_object (&self->undo_stack);
  for (guint i = 0; i < N_COLLECTIONS; i++)
    g_clear_object (&self->collections[i]);
  g_clear_object (&self->dismissals);
  g_clear_object (&self->agenda);
  g_clear_object (&self->parking_lot);
  g_clear_pointer (&self->current_step, g_free);

  G_OBJECT_CLASS (pm_document_parent_class)->dispose (object);
}

static void
pm_document_finalize (GObject *object)
{
  PmDocument *self = (PmDocument *)object;

  for (guint i = 0; i < PM_N_FIELDS; i++)
    g_free (self->fields[i]);
  g_clear_pointer (&self->start, pm_time_free);
  g_clear_pointer (&self->end, pm_time_free);
  g_clear_pointer (&self->detected, pm_time_free);
  g_strfreev (self->tags);
  g_strfreev (self->lane_order);
  g_free (self->prepared_for);
  g_clear_pointer (&self->merge_conflicts, json_array_unref);
  g_clear_pointer (&self->duplicate_suggestions, json_array_unref);

  G_OBJECT_CLASS (pm_document_parent_class)->finalize (object);
}

static void
pm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PmDocument *self = PM_DOCUMENT (object);

  if (prop_id >= PROP_FIELD_FIRST && prop_id <= PROP_FIELD_LAST)
    {
      g_value_set_string (value, pm_document_get_field (self, prop_id - PROP_FIELD_FIRST));
      return;
    }

  switch (prop_id)
    {
    case PROP_START:
      g_value_set_boxed (value, self->start);
      break;
    case PROP_END:
      g_value_set_boxed (value, self->end);
      break;
    case PROP_DETECTED:
      g_value_set_boxed (value, self->detected);
      break;
    case PROP_TAGS:
      g_value_set_boxed (value, pm_document_get_tags (self));
      break;
    case PROP_LANE_ORDER:
      g_value_set_boxed (value, pm_document_get_lane_order (self));
      break;
    case PROP_DURATION_MINUTES:
      g_value_set_int64 (value, self->duration_minutes);
      break;
    case PROP_COST_AMOUNT:
      g_value_set_int64 (value, self->cost_amount);
      break;
    case PROP_EFFORT_HOURS:
      g_value_set_int64 (value, self->effort_hours);
      break;
    case PROP_PREPARED_FOR:
      g_value_set_string (value, self->prepared_for);
      break;
    case PROP_MERGE_CONFLICTS:
      g_value_set_boxed (value, self->merge_conflicts);
      break;
    case PROP_DUPLICATE_SUGGESTIONS:
      g_value_set_boxed (value, self->duplicate_suggestions);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, pm_document_get_read_only (self));
      break;
    case PROP_FORMAT_VERSION:
      g_value_set_int (value, self->format_version);
      break;
    case PROP_CURRENT_STEP:
      g_value_set_string (value, self->current_step);
      break;
    case PROP_UNTRACKED_CHANGES:
      g_value_set_uint64 (value, self->untracked_changes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_int64 (PmDocument *self,
           gint64     *slot,
           gint64      value,
           guint       prop_id)
{
  if (*slot != value)
    {
      *slot = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
    }
}

static void
pm_document_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PmDocument *self = PM_DOCUMENT (object);
  gboolean changed = FALSE;

  if (prop_id >= PROP_FIELD_FIRST && prop_id <= PROP_FIELD_LAST)
    {
      char **slot = &self->fields[prop_id - PROP_FIELD_FIRST];
      const char *text = g_value_get_string (value);

      if (text != NULL && *text == '\0')
        text = NULL;
      if (g_strcmp0 (*slot, text) != 0)
        {
          g_free (*slot);
          *slot = g_strdup (text);
          g_object_notify_by_pspec (object, pspec);
        }
      return;
    }

  switch (prop_id)
    {
    case PROP_START:
      changed = set_time (&self->start, g_value_get_boxed (value));
      break;
    case PROP_END:
      changed = set_time (&self->end, g_value_get_boxed (value));
      break;
    case PROP_DETECTED:
      changed = set_time (&self->detected, g_value_get_boxed (value));
      break;
    case PROP_TAGS:
      {
        const char * const *tags = g_value_get_boxed (value);

        if (!strv_equal_or_empty (pm_document_get_tags (self), tags))
          {
            g_strfreev (self->tags);
            self->tags = g_strdupv ((char **) tags);
            changed = TRUE;
          }
      }
      break;
    case PROP_LANE_ORDER:
      {
        const char * const *order = g_value_get_boxed (value);

        if (!strv_equal_or_empty (pm_document_get_lane_order (self), order))
          {
            g_strfreev (self->lane_order);
            self->lane_order = g_strdupv ((char **) order);
            changed = TRUE;
          }
      }
      break;
    case PROP_DURATION_MINUTES:
      set_int64 (self, &self->duration_minutes, g_value_get_int64 (value), prop_id);
      break;
    case PROP_COST_AMOUNT:
      set_int64 (self, &self->cost_amount, g_value_get_int64 (value), prop_id);
      break;
    case PROP_EFFORT_HOURS:
      set_int64 (self, &self->effort_hours, g_value_get_int64 (value), prop_id);
      break;
    case PROP_PREPARED_FOR:
      {
        const char *id = g_value_get_string (value);

        if (id != NULL && *id == '\0')
          id = NULL;
        if ((changed = g_strcmp0 (self->prepared_for, id) != 0))
          {
            g_free (self->prepared_for);
            self->prepared_for = g_strdup (id);
          }
      }
      break;
    case PROP_MERGE_CONFLICTS:
    case PROP_DUPLICATE_SUGGESTIONS:
      {
        JsonArray **slot = prop_id == PROP_MERGE_CONFLICTS ? &self->merge_conflicts
                                                           : &self->duplicate_suggestions;
        JsonArray *array = g_value_get_boxed (value);

        /* An empty list is no list. */
        if (array != NULL && json_array_get_length (array) == 0)
          array = NULL;
        if ((changed = *slot != array))
          {
            g_clear_pointer (slot, json_array_unref);
            *slot = array ? json_array_ref (array) : NULL;
          }
      }
      break;
    case PROP_CURRENT_STEP:
      {
        const char *step = g_value_get_string (value);

        if (step != NULL && *step == '\0')
          step = NULL;
        if ((changed = g_strcmp0 (self->current_step, step) != 0))
          {
            g_free (self->current_step);
            self->current_step = g_strdup (step);
          }
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
pm_document_class_init (PmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pm_document_dispose;
  object_class->finalize = pm_document_finalize;
  object_class->get_property = pm_document_get_property;
  object_class->set_property = pm_document_set_property;

  for (guint i = 0; i < PM_N_FIELDS; i++)
    properties[PROP_FIELD_FIRST + i] =
      g_param_spec_string (field_names[i], NULL, NULL, NULL, flags);

  properties[PROP_START] =
    g_param_spec_boxed ("start", NULL, NULL, PM_TYPE_TIME, flags);
  properties[PROP_END] =
    g_param_spec_boxed ("end", NULL, NULL, PM_TYPE_TIME, flags);
  properties[PROP_DETECTED] =
    g_param_spec_boxed ("detected", NULL, NULL, PM_TYPE_TIME, flags);
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_LANE_ORDER] =
    g_param_spec_boxed ("lane-order", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_DURATION_MINUTES] =
    g_param_spec_int64 ("duration-minutes", NULL, NULL, -1, PM_MAX_SAFE_INTEGER, -1, flags);
  properties[PROP_COST_AMOUNT] =
    g_param_spec_int64 ("cost-amount", NULL, NULL, -1, PM_MAX_SAFE_INTEGER, -1, flags);
  properties[PROP_EFFORT_HOURS] =
    g_param_spec_int64 ("effort-hours", NULL, NULL, -1, PM_MAX_SAFE_INTEGER, -1, flags);
  properties[PROP_PREPARED_FOR] =
    g_param_spec_string ("prepared-for", NULL, NULL, NULL, flags);
  properties[PROP_MERGE_CONFLICTS] =
    g_param_spec_boxed ("merge-conflicts", NULL, NULL, JSON_TYPE_ARRAY, flags);
  properties[PROP_DUPLICATE_SUGGESTIONS] =
    g_param_spec_boxed ("duplicate-suggestions", NULL, NULL, JSON_TYPE_ARRAY, flags);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT_VERSION] =
    g_param_spec_int ("format-version", NULL, NULL, 1, G_MAXINT, PM_FORMAT_VERSION,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_STEP] =
    g_param_spec_string ("current-step", NULL, NULL, NULL, flags);
  properties[PROP_UNTRACKED_CHANGES] =
    g_param_spec_uint64 ("untracked-changes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_document_init (PmDocument *self)
{
  self->collections[COLLECTION_PARTICIPANTS] = g_list_store_new (PM_TYPE_PARTICIPANT);
  self->collections[COLLECTION_EVENTS] = g_list_store_new (PM_TYPE_EVENT);
  self->collections[COLLECTION_ROOT_CAUSES] = g_list_store_new (PM_TYPE_ROOT_CAUSE);
  self->collections[COLLECTION_MEASURES] = g_list_store_new (PM_TYPE_MEASURE);
  self->collections[COLLECTION_FOLLOW_UPS] = g_list_store_new (PM_TYPE_FOLLOW_UP);
  for (guint i = 0; i < N_COLLECTIONS; i++)
    g_signal_connect (self->collections[i], "items-changed",
                      G_CALLBACK (on_collection_changed), self);

  self->fields[PM_FIELD_STATUS] = g_strdup ("draft");
  self->duration_minutes = -1;
  self->cost_amount = -1;
  self->effort_hours = -1;
  self->format_version = PM_FORMAT_VERSION;
  self->min_reader_version = 1;

  self->dismissals = g_list_store_new (PM_TYPE_DISMISSAL);

  /* Every document has an agenda: the default one until the file holds another. */
  self->agenda = g_list_store_new (PM_TYPE_AGENDA_STEP);
  for (const char * const *step = pm_agenda_default_steps (); *step != NULL; step++)
    {
      g_autoptr(PmAgendaStep) agenda_step =
        pm_agenda_step_new (*step, pm_agenda_default_minutes (*step));

      g_list_store_append (self->agenda, agenda_step);
    }
  self->parking_lot = g_list_store_new (PM_TYPE_PARKING_TOPIC);

  self->undo_stack = pm_undo_stack_new ();
  pm_undo_stack_set_owner (self->undo_stack, G_OBJECT (self));
  g_signal_connect (self->undo_stack, "notify::state",
                    G_CALLBACK (on_undo_state_changed), self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmDocument *
pm_document_new (void)
{
  return g_object_new (PM_TYPE_DOCUMENT, NULL);
}

const char *
pm_document_field_get_name (PmField field)
{
  g_return_val_if_fail (field < PM_N_FIELDS, NULL);

  return field_names[field];
}

const char *
pm_document_get_field (PmDocument *self,
                       PmField     field)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (field < PM_N_FIELDS, NULL);

  return self->fields[field] ? self->fields[field] : "";
}

const char *
pm_document_get_title (PmDocument *self)
{
  return pm_document_get_field (self, PM_FIELD_TITLE);
}

const char *
pm_document_get_timezone (PmDocument *self)
{
  return pm_document_get_field (self, PM_FIELD_TIMEZONE);
}

GTimeZone *
pm_document_dup_time_zone (PmDocument *self)
{
  GTimeZone *zone = NULL;

  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  if (self->fields[PM_FIELD_TIMEZONE] != NULL)
    zone = pm_time_zone_new (self->fields[PM_FIELD_TIMEZONE], NULL);
  return zone ? zone : g_time_zone_new_utc ();
}

const PmTime *
pm_document_get_start (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return self->start;
}

const PmTime *
pm_document_get_end (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return self->end;
}

gint64
pm_document_get_effective_duration_minutes (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), -1);

  if (self->start != NULL && self->end != NULL &&
      pm_time_get_unix (self->end) >= pm_time_get_unix (self->start))
    return (pm_time_get_unix (self->end) - pm_time_get_unix (self->start) + 30) / 60;
  return self->duration_minutes;
}

/* How long a time stands for: a day for a day, else nothing beyond its instant. */
static gint64
time_span (const PmTime *time)
{
  return pm_time_get_precision (time) == PM_TIME_PRECISION_DAY ? 86400 : 0;
}

gboolean
pm_document_get_incident_window (PmDocument *self,
                                 gint64     *from,
                                 gint64     *to)
{
  const gint64 fallback = PM_INCIDENT_DEFAULT_HOURS * 3600;

  g_return_val_if_fail (PM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (self->start != NULL)
    {
      *from = pm_time_get_unix (self->start);
      if (self->end != NULL)
        *to = MAX (*from, pm_time_get_unix (self->end) + time_span (self->end));
      else
        *to = *from + MAX (fallback, time_span (self->start));
      return TRUE;
    }
  if (self->end != NULL)
    {
      *to = pm_time_get_unix (self->end) + time_span (self->end);
      *from = *to - MAX (fallback, time_span (self->end));
      return TRUE;
    }

  {
    /* No date at all: today, so that a new event lands somewhere sensible. */
    g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (self);
    gint64 wall = pm_clock_get_wall_time (pm_clock_get_default ()) / G_USEC_PER_SEC;
    g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (wall);
    g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
    g_autoptr(GDateTime) midnight = g_date_time_new (zone, g_date_time_get_year (local),
                                                     g_date_time_get_month (local),
                                                     g_date_time_get_day_of_month (local),
                                                     0, 0, 0);
    g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

    *from = g_date_time_to_unix (midnight);
    *to = g_date_time_to_unix (next);
  }
  return FALSE;
}

const PmTime *
pm_document_get_detected (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return self->detected;
}

const char * const *
pm_document_get_tags (PmDocument *self)
{
  static const char * const empty[] = { NULL };

  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return self->tags ? (const char * const *) self->tags : empty;
}

const char * const *
pm_document_get_lane_order (PmDocument *self)
{
  static const char * const empty[] = { NULL };

  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return self->lane_order ? (const char * const *) self->lane_order : empty;
}

gint64
pm_document_get_duration_minutes (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), -1);

  return self->duration_minutes;
}

gint64
pm_document_get_cost_amount (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), -1);

  return self->cost_amount;
}

const char *
pm_document_get_prepared_for (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return self->prepared_for;
}

JsonArray *
pm_document_get_merge_conflicts (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return self->merge_conflicts;
}

void
pm_document_set_merge_conflicts (PmDocument *self,
                                 JsonArray  *conflicts)
{
  g_return_if_fail (PM_IS_DOCUMENT (self));

  g_object_set (self, "merge-conflicts", conflicts, NULL);
}

JsonArray *
pm_document_get_duplicate_suggestions (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return self->duplicate_suggestions;
}

void
pm_document_set_duplicate_suggestions (PmDocument *self,
                                       JsonArray  *suggestions)
{
  g_return_if_fail (PM_IS_DOCUMENT (self));

  g_object_set (self, "duplicate-suggestions", suggestions, NULL);
}

gint64
pm_document_get_effort_hours (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), -1);

  return self->effort_hours;
}

GListModel *
pm_document_get_participants (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->collections[COLLECTION_PARTICIPANTS]);
}

GListModel *
pm_document_get_events (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->collections[COLLECTION_EVENTS]);
}

GListModel *
pm_document_get_root_causes (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->collections[COLLECTION_ROOT_CAUSES]);
}

GListModel *
pm_document_get_measures (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->collections[COLLECTION_MEASURES]);
}

GListModel *
pm_document_get_follow_ups (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->collections[COLLECTION_FOLLOW_UPS]);
}

PmParticipant *
pm_document_find_participant (PmDocument *self,
                              const char *id)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return find_in_collection (self, COLLECTION_PARTICIPANTS, id);
}

PmEvent *
pm_document_find_event (PmDocument *self,
                        const char *id)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return find_in_collection (self, COLLECTION_EVENTS, id);
}

PmRootCause *
pm_document_find_root_cause (PmDocument *self,
                             const char *id)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return find_in_collection (self, COLLECTION_ROOT_CAUSES, id);
}

PmMeasure *
pm_document_find_measure (PmDocument *self,
                          const char *id)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return find_in_collection (self, COLLECTION_MEASURES, id);
}

PmFollowUp *
pm_document_find_follow_up (PmDocument *self,
                            const char *id)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return find_in_collection (self, COLLECTION_FOLLOW_UPS, id);
}

char *
pm_document_generate_id (PmDocument *self,
                         const char *prefix)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  for (;;)
    {
      g_autofree char *id = g_strdup_printf ("%s-%08x", prefix, g_random_int ());
      gboolean taken = FALSE;

      for (guint i = 0; i < N_COLLECTIONS && !taken; i++)
        taken = find_in_collection (self, i, id) != NULL;
      if (!taken)
        return g_steal_pointer (&id);
    }
}

void
pm_document_set_value (PmDocument   *self,
                       gpointer      object,
                       const char   *property,
                       const GValue *value)
{
  set_value (self, object, property, value, FALSE);
}

void
pm_document_set_value_merging (PmDocument   *self,
                               gpointer      object,
                               const char   *property,
                               const GValue *value)
{
  set_value (self, object, property, value, TRUE);
}

void
pm_document_set (PmDocument *self,
                 gpointer    object,
                 const char *first_property,
                 ...)
{
  va_list args;

  g_return_if_fail (PM_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_OBJECT (object));

  pm_undo_stack_begin_group (self->undo_stack, NULL);
  va_start (args, first_property);
  for (const char *name = first_property; name != NULL; name = va_arg (args, const char *))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *error = NULL;

      if (pspec == NULL)
        {
          g_critical ("%s has no property “%s”", G_OBJECT_TYPE_NAME (object), name);
          break;
        }
      G_VALUE_COLLECT_INIT (&value, pspec->value_type, args, 0, &error);
      if (error != NULL)
        {
          g_critical ("%s", error);
          break;
        }
      set_value (self, object, name, &value, FALSE);
    }
  va_end (args);
  pm_undo_stack_end_group (self->undo_stack);
}

/* Dismissals of findings about a removed object go with it (and come back with undo). */
static void
drop_dismissals (PmDocument *self,
                 const char *id)
{
  GListModel *model = G_LIST_MODEL (self->dismissals);

  for (guint i = g_list_model_get_n_items (model); id != NULL && i > 0; i--)
    {
      g_autoptr(PmDismissal) dismissal = g_list_model_get_item (model, i - 1);

      if (g_strcmp0 (pm_dismissal_get_object_id (dismissal), id) == 0)
        pm_document_remove (self, model, dismissal);
    }
}

void
pm_document_insert (PmDocument *self,
                    GListModel *list,
                    guint       position,
                    gpointer    item)
{
  GListStore *store;

  g_return_if_fail (PM_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_OBJECT (item));

  store = store_of (self, list);
  if (store == NULL)
    return;
  position = MIN (position, g_list_model_get_n_items (list));

  /* In a participant's copy, what they add is theirs (set before it is in the document, so
   * undo and redo keep it). */
  if (store == self->collections[COLLECTION_EVENTS] && PM_IS_EVENT (item) &&
      self->prepared_for != NULL && pm_event_get_contributor (item) == NULL &&
      find_in_collection (self, COLLECTION_PARTICIPANTS, self->prepared_for) != NULL)
    g_object_set (item, "contributor", self->prepared_for, NULL);

  pm_undo_stack_record_insert (self->undo_stack, store, position, item);
  g_list_store_insert (store, position, item);
}

void
pm_document_append (PmDocument *self,
                    GListModel *list,
                    gpointer    item)
{
  g_return_if_fail (G_IS_LIST_MODEL (list));

  pm_document_insert (self, list, g_list_model_get_n_items (list), item);
}

void
pm_document_remove (PmDocument *self,
                    GListModel *list,
                    gpointer    item)
{
  GListStore *store;
  guint position;

  g_return_if_fail (PM_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_OBJECT (item));

  store = store_of (self, list);
  if (store == NULL || !g_list_store_find (store, item, &position))
    return;

  pm_undo_stack_begin_group (self->undo_stack, NULL);
  if (PM_IS_PARTICIPANT (item) || PM_IS_EVENT (item) || PM_IS_ROOT_CAUSE (item) ||
      PM_IS_MEASURE (item))
    {
      drop_references (self, item);
      drop_dismissals (self, item_id (item));
    }
  else if (PM_IS_FOLLOW_UP (item))
    /* The app makes no findings about follow-ups, but a merge keeps a dismissal naming one. */
    drop_dismissals (self, item_id (item));
  pm_undo_stack_record_remove (self->undo_stack, store, position, item);
  g_list_store_remove (store, position);
  pm_undo_stack_end_group (self->undo_stack);
}

void
pm_document_move (PmDocument *self,
                  GListModel *list,
                  guint       from,
                  guint       to)
{
  GListStore *store;
  g_autoptr(GObject) item = NULL;
  guint n;

  g_return_if_fail (PM_IS_DOCUMENT (self));

  store = store_of (self, list);
  if (store == NULL)
    return;
  n = g_list_model_get_n_items (list);
  g_return_if_fail (from < n);
  to = MIN (to, n - 1);
  if (from == to)
    return;

  item = g_list_model_get_item (list, from);
  pm_undo_stack_begin_group (self->undo_stack, NULL);
  pm_undo_stack_record_remove (self->undo_stack, store, from, item);
  g_list_store_remove (store, from);
  pm_undo_stack_record_insert (self->undo_stack, store, to, item);
  g_list_store_insert (store, to, item);
  pm_undo_stack_end_group (self->undo_stack);
}

void
pm_document_add_event (PmDocument *self,
                       PmEvent    *event)
{
  GListModel *events;
  const PmTime *time;

  g_return_if_fail (PM_IS_DOCUMENT (self));
  g_return_if_fail (PM_IS_EVENT (event));

  events = pm_document_get_events (self);
  time = pm_event_get_time (event);
  pm_document_insert (self, events,
                      time ? timeline_position (self, time, NULL)
                           : g_list_model_get_n_items (events),
                      event);
}

void
pm_document_change_measure_status (PmDocument   *self,
                                   PmMeasure    *measure,
                                   const char   *status,
                                   const char   *note,
                                   const PmTime *when)
{
  g_autoptr(PmStatusChange) change = NULL;
  g_autoptr(PmTime) now = NULL;
  g_autofree char *from = NULL;

  g_return_if_fail (PM_IS_DOCUMENT (self));
  g_return_if_fail (PM_IS_MEASURE (measure));
  g_return_if_fail (status != NULL);

  if (g_strcmp0 (pm_measure_get_status (measure), status) == 0)
    return;

  if (when == NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_new_now_local ();

      now = pm_time_new (g_date_time_to_unix (local),
                         (int) (g_date_time_get_utc_offset (local) / G_TIME_SPAN_SECOND),
                         PM_TIME_PRECISION_EXACT);
      when = now;
    }

  from = g_strdup (pm_measure_get_status (measure));
  change = pm_status_change_new (when, from, status, note);

  pm_undo_stack_begin_group (self->undo_stack, NULL);
  pm_document_set (self, measure, "status", status, NULL);
  pm_document_append (self, pm_measure_get_history (measure), change);
  pm_undo_stack_end_group (self->undo_stack);
}

void
pm_document_begin_change (PmDocument *self,
                          const char *label)
{
  g_return_if_fail (PM_IS_DOCUMENT (self));

  pm_undo_stack_begin_group (self->undo_stack, label);
}

void
pm_document_end_change (PmDocument *self)
{
  g_return_if_fail (PM_IS_DOCUMENT (self));

  pm_undo_stack_end_group (self->undo_stack);
}

PmUndoStack *
pm_document_get_undo_stack (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return self->undo_stack;
}

/* A step puts a removed event back where it was; when someone else added events meanwhile,
 * that place may no longer be its place in time. */
static void
restore_timeline_order (PmDocument *self)
{
  GListStore *events = self->collections[COLLECTION_EVENTS];
  g_autoptr(PmEvent) last = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (events));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (G_LIST_MODEL (events), i);
      const PmTime *time = pm_event_get_time (event);

      if (time == NULL)
        continue;
      if (last != NULL && pm_time_compare (time, pm_event_get_time (last)) < 0)
        {
          g_list_store_remove (events, i);
          g_list_store_insert (events, timeline_position (self, time, NULL), event);
          g_clear_object (&last);
          i = G_MAXUINT; /* start again: rare, and the list is short of misplaced events */
          continue;
        }
      g_set_object (&last, event);
    }
}

gboolean
pm_document_undo (PmDocument *self)
{
  gboolean done;

  g_return_val_if_fail (PM_IS_DOCUMENT (self), FALSE);

  done = pm_undo_stack_undo (self->undo_stack);
  if (done && self->had_foreign_changes)
    restore_timeline_order (self);
  return done;
}

gboolean
pm_document_redo (PmDocument *self)
{
  gboolean done;

  g_return_val_if_fail (PM_IS_DOCUMENT (self), FALSE);

  done = pm_undo_stack_redo (self->undo_stack);
  if (done && self->had_foreign_changes)
    restore_timeline_order (self);
  return done;
}

void
pm_document_begin_foreign_change (PmDocument *self,
                                  const char *who)
{
  g_return_if_fail (PM_IS_DOCUMENT (self));

  pm_undo_stack_begin_foreign (self->undo_stack, who);
  self->had_foreign_changes = TRUE;
  self->foreign_depth++;
}

gboolean
pm_document_get_in_foreign_change (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), FALSE);

  return self->foreign_depth > 0;
}

void
pm_document_end_foreign_change (PmDocument *self)
{
  g_return_if_fail (PM_IS_DOCUMENT (self));

  g_return_if_fail (self->foreign_depth > 0);

  pm_undo_stack_end_foreign (self->undo_stack);
  self->foreign_depth--;
  self->untracked_changes++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNTRACKED_CHANGES]);
  /* Modified until saved: no undo takes someone else's change back. */
  pm_document_mark_modified (self);
}

gboolean
pm_document_get_modified (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), FALSE);

  return self->modified;
}

void
pm_document_mark_saved (PmDocument *self)
{
  g_return_if_fail (PM_IS_DOCUMENT (self));

  self->saved_state = pm_undo_stack_get_state (self->undo_stack);
  update_modified (self);
}

void
pm_document_mark_modified (PmDocument *self)
{
  g_return_if_fail (PM_IS_DOCUMENT (self));

  /* No state of the undo stack ever has this number. */
  self->saved_state = G_MAXUINT64;
  update_modified (self);
}

gboolean
pm_document_get_read_only (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), FALSE);

  return self->format_version > PM_FORMAT_VERSION;
}

int
pm_document_get_format_version (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), 0);

  return self->format_version;
}

int
pm_document_get_min_reader_version (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), 0);

  return self->min_reader_version;
}

void
_pm_document_set_versions (PmDocument *self,
                           int         format_version,
                           int         min_reader_version)
{
  g_return_if_fail (PM_IS_DOCUMENT (self));

  self->format_version = MAX (format_version, PM_FORMAT_VERSION);
  self->min_reader_version = MAX (min_reader_version, 1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORMAT_VERSION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

/* ------------------------------------------------------------------------------------------ */
/* Root causes and their events                                                                */
/* ------------------------------------------------------------------------------------------ */

static gboolean
change_event_link (PmDocument *self,
                   const char *event_id,
                   const char *root_cause_id,
                   gboolean    link)
{
  PmRootCause *root_cause;
  const char * const *events;
  g_auto(GStrv) changed = NULL;

  g_return_val_if_fail (PM_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (event_id != NULL, FALSE);
  g_return_val_if_fail (root_cause_id != NULL, FALSE);

  root_cause = pm_document_find_root_cause (self, root_cause_id);
  if (root_cause == NULL || pm_document_find_event (self, event_id) == NULL)
    return FALSE;

  events = pm_root_cause_get_events (root_cause);
  if (strv_contains (events, event_id) == link)
    return FALSE;

  if (link)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      g_strv_builder_addv (builder, (const char **) events);
      g_strv_builder_add (builder, event_id);
      changed = g_strv_builder_end (builder);
    }
  else
    changed = strv_without (events, event_id);

  pm_undo_stack_begin_group (self->undo_stack,
                             link ? _("Link Event to Root Cause")
                                  : _("Unlink Event from Root Cause"));
  set_strv (self, root_cause, "events", (const char * const *) changed);
  pm_undo_stack_end_group (self->undo_stack);
  return TRUE;
}

gboolean
pm_document_link_event_to_root_cause (PmDocument *self,
                                      const char *event_id,
                                      const char *root_cause_id)
{
  return change_event_link (self, event_id, root_cause_id, TRUE);
}

gboolean
pm_document_unlink_event_from_root_cause (PmDocument *self,
                                          const char *event_id,
                                          const char *root_cause_id)
{
  return change_event_link (self, event_id, root_cause_id, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Dismissed findings                                                                          */
/* ------------------------------------------------------------------------------------------ */

GListModel *
pm_document_get_dismissals (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->dismissals);
}

PmDismissal *
pm_document_find_dismissal (PmDocument *self,
                            const char *rule,
                            const char *object_id)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (rule != NULL, NULL);

  model = G_LIST_MODEL (self->dismissals);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmDismissal) dismissal = g_list_model_get_item (model, i);

      /* The store keeps it alive. */
      if (pm_dismissal_matches (dismissal, rule, object_id))
        return dismissal;
    }

  return NULL;
}

void
pm_document_dismiss_finding (PmDocument *self,
                             const char *rule,
                             const char *object_id,
                             const char *reason)
{
  PmDismissal *existing;
  g_autoptr(PmDismissal) dismissal = NULL;

  g_return_if_fail (PM_IS_DOCUMENT (self));
  g_return_if_fail (rule != NULL && rule[0] != '\0');

  pm_undo_stack_begin_group (self->undo_stack, _("Dismiss Finding"));
  if ((existing = pm_document_find_dismissal (self, rule, object_id)) != NULL)
    pm_document_set (self, existing, "reason", reason, NULL);
  else
    {
      dismissal = pm_dismissal_new (rule, object_id, reason);
      pm_document_append (self, G_LIST_MODEL (self->dismissals), dismissal);
    }
  pm_undo_stack_end_group (self->undo_stack);
}

/* ------------------------------------------------------------------------------------------ */
/* The meeting                                                                                 */
/* ------------------------------------------------------------------------------------------ */

GListModel *
pm_document_get_agenda (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->agenda);
}

PmAgendaStep *
pm_document_find_agenda_step (PmDocument *self,
                              const char *step)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  if (step == NULL)
    return NULL;

  model = G_LIST_MODEL (self->agenda);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmAgendaStep) agenda_step = g_list_model_get_item (model, i);

      /* The store keeps it alive. */
      if (g_strcmp0 (pm_agenda_step_get_step (agenda_step), step) == 0)
        return agenda_step;
    }

  return NULL;
}

gboolean
pm_document_agenda_is_default (PmDocument *self)
{
  const char * const *defaults = pm_agenda_default_steps ();
  GListModel *model;
  guint n;

  g_return_val_if_fail (PM_IS_DOCUMENT (self), FALSE);

  model = G_LIST_MODEL (self->agenda);
  n = g_list_model_get_n_items (model);
  if (n != g_strv_length ((char **) defaults))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmAgendaStep) step = g_list_model_get_item (model, i);

      if (g_strcmp0 (pm_agenda_step_get_step (step), defaults[i]) != 0 ||
          pm_agenda_step_get_minutes (step) != pm_agenda_default_minutes (defaults[i]) ||
          pm_agenda_step_get_spent_seconds (step) != 0)
        return FALSE;
    }

  return TRUE;
}

const char *
pm_document_get_current_step (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return self->current_step;
}

GListModel *
pm_document_get_parking_lot (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), NULL);

  return G_LIST_MODEL (self->parking_lot);
}

void
pm_document_set_without_undo (PmDocument *self,
                              gpointer    object,
                              const char *first_property,
                              ...)
{
  va_list args;

  g_return_if_fail (PM_IS_DOCUMENT (self));
  g_return_if_fail (G_IS_OBJECT (object));

  va_start (args, first_property);
  g_object_set_valist (object, first_property, args);
  va_end (args);

  self->untracked_changes++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNTRACKED_CHANGES]);
  /* Modified until saved, whatever is undone meanwhile: undo cannot take this back. */
  pm_document_mark_modified (self);
}

guint64
pm_document_get_untracked_changes (PmDocument *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (self), 0);

  return self->untracked_changes;
}
