/* pm-undo-stack.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-undo-stack.h"

/* A long meeting makes a few thousand edits; beyond this the oldest steps are forgotten. */
#define MAX_STEPS 10000

typedef enum
{
  RECORD_PROPERTY,
  RECORD_INSERT,
  RECORD_REMOVE,
} RecordType;

typedef struct
{
  RecordType  type;
  GObject    *object;    /* RECORD_PROPERTY: the edited object; otherwise the list store */
  char       *property;
  GValue      old_value;
  GValue      new_value;
  guint       position;
  GObject    *item;
  gboolean    mergeable;
  gboolean    object_borrowed;  /* the stack's owner: not referenced, it owns the stack */
} Record;

typedef struct
{
  char      *label;
  GPtrArray *records;
  guint64    state;
  char      *changed_by;  /* someone else changed what this step would take back */
} Step;

struct _PmUndoStack
{
  GObject    parent_instance;

  GObject   *owner;       /* borrowed: the document the stack belongs to */
  GPtrArray *undo;        /* of Step, oldest first */
  GPtrArray *redo;        /* of Step, next to redo last */
  Step      *open;        /* the group being recorded */
  guint      open_depth;
  guint64    next_state;
  guint64    base_state;  /* the state below the oldest step kept */
  gboolean   merge_broken;
  gboolean   replaying;
  guint      foreign_depth;
  char      *foreign_who;  /* whose changes are applied now, outside the history */
  /* every object a record was ever made about (edited, or put into or out of a list): a
   * change made elsewhere to anything else needs no look through the history */
  GHashTable *recorded;
};

G_DEFINE_FINAL_TYPE (PmUndoStack, pm_undo_stack, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_UNDO_LABEL,
  PROP_REDO_LABEL,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
record_free (Record *record)
{
  if (record->object_borrowed)
    record->object = NULL;
  g_clear_object (&record->object);
  g_clear_object (&record->item);
  g_free (record->property);
  if (G_IS_VALUE (&record->old_value))
    g_value_unset (&record->old_value);
  if (G_IS_VALUE (&record->new_value))
    g_value_unset (&record->new_value);
  g_free (record);
}

static void
step_free (Step *step)
{
  g_free (step->label);
  g_free (step->changed_by);
  g_ptr_array_unref (step->records);
  g_free (step);
}

static Step *
step_new (const char *label)
{
  Step *step = g_new0 (Step, 1);

  step->label = g_strdup (label);
  step->records = g_ptr_array_new_with_free_func ((GDestroyNotify) record_free);
  return step;
}

static Step *
top_step (GPtrArray *steps)
{
  return steps->len > 0 ? g_ptr_array_index (steps, steps->len - 1) : NULL;
}

static void
notify_all (PmUndoStack *self)
{
  for (guint i = PROP_CAN_UNDO; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
}

static guint
find_item (GListStore *store,
           gpointer    item,
           guint       hint)
{
  guint position;

  if (hint < g_list_model_get_n_items (G_LIST_MODEL (store)))
    {
      g_autoptr(GObject) at_hint = g_list_model_get_item (G_LIST_MODEL (store), hint);

      if (at_hint == item)
        return hint;
    }
  if (g_list_store_find (store, item, &position))
    return position;
  return G_MAXUINT;
}

static void
apply_record (Record   *record,
              gboolean  forward)
{
  gboolean insert;

  if (record->type == RECORD_PROPERTY)
    {
      g_object_set_property (record->object, record->property,
                             forward ? &record->new_value : &record->old_value);
      return;
    }

  insert = (record->type == RECORD_INSERT) == forward;
  if (insert)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (record->object));

      g_list_store_insert (G_LIST_STORE (record->object), MIN (record->position, n), record->item);
    }
  else
    {
      guint position = find_item (G_LIST_STORE (record->object), record->item, record->position);

      if (position != G_MAXUINT)
        g_list_store_remove (G_LIST_STORE (record->object), position);
    }
}

/* Whether taking back @record would also take back @foreign, a change made outside the
 * history: the same property of the same object, or anything about an object that @foreign
 * put into or took out of a list. */
static gboolean
records_overlap (Record *record,
                 Record *foreign)
{
  if (foreign->type == RECORD_PROPERTY)
    return (record->type == RECORD_PROPERTY && record->object == foreign->object &&
            g_strcmp0 (record->property, foreign->property) == 0) ||
           (record->type != RECORD_PROPERTY && record->item == foreign->object);

  return (record->type == RECORD_PROPERTY && record->object == foreign->item) ||
         (record->type != RECORD_PROPERTY && record->item == foreign->item);
}

static void
mark_overlapping_steps (PmUndoStack *self,
                        GPtrArray   *steps,
                        Record      *foreign)
{
  for (guint i = 0; i < steps->len; i++)
    {
      Step *step = g_ptr_array_index (steps, i);

      if (step->changed_by != NULL)
        continue;
      for (guint j = 0; j < step->records->len; j++)
        if (records_overlap (g_ptr_array_index (step->records, j), foreign))
          {
            step->changed_by = g_strdup (self->foreign_who ? self->foreign_who : "");
            break;
          }
    }
}

static void
add_record (PmUndoStack *self,
            Record      *record)
{
  gboolean implicit = self->open == NULL;

  if (self->replaying)
    {
      record_free (record);
      return;
    }

  if (self->foreign_depth > 0)
    {
      gpointer about = record->type == RECORD_PROPERTY ? record->object : record->item;

      if (g_hash_table_contains (self->recorded, about))
        {
          mark_overlapping_steps (self, self->undo, record);
          mark_overlapping_steps (self, self->redo, record);
        }
      record_free (record);
      return;
    }
  /* Pointers only, never dereferenced: one that outlived its object costs a look, no more. */
  g_hash_table_add (self->recorded, record->type == RECORD_PROPERTY ? record->object : record->item);

  if (implicit)
    pm_undo_stack_begin_group (self, NULL);
  g_ptr_array_add (self->open->records, record);
  if (implicit)
    pm_undo_stack_end_group (self);
}

/* Typing into a field records one property change per key: fold it into the previous step when
 * that step is a single mergeable change of the same property. */
static gboolean
try_merge (PmUndoStack *self,
           Step        *step)
{
  Step *previous = top_step (self->undo);
  Record *record, *last;

  if (self->merge_broken || previous == NULL || previous->changed_by != NULL ||
      step->records->len != 1 ||
      previous->records->len != 1)
    return FALSE;

  record = g_ptr_array_index (step->records, 0);
  last = g_ptr_array_index (previous->records, 0);
  if (record->type != RECORD_PROPERTY || last->type != RECORD_PROPERTY ||
      !record->mergeable || !last->mergeable || record->object != last->object ||
      g_strcmp0 (record->property, last->property) != 0)
    return FALSE;

  g_value_unset (&last->new_value);
  g_value_init (&last->new_value, G_VALUE_TYPE (&record->new_value));
  g_value_copy (&record->new_value, &last->new_value);
  previous->state = step->state;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_undo_stack_finalize (GObject *object)
{
  PmUndoStack *self = (PmUndoStack *)object;

  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);
  g_clear_pointer (&self->open, step_free);
  g_clear_pointer (&self->foreign_who, g_free);
  g_clear_pointer (&self->recorded, g_hash_table_unref);

  G_OBJECT_CLASS (pm_undo_stack_parent_class)->finalize (object);
}

static void
pm_undo_stack_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PmUndoStack *self = PM_UNDO_STACK (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pm_undo_stack_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pm_undo_stack_get_can_redo (self));
      break;
    case PROP_UNDO_LABEL:
      g_value_set_string (value, pm_undo_stack_get_undo_label (self));
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, pm_undo_stack_get_redo_label (self));
      break;
    case PROP_STATE:
      g_value_set_uint64 (value, pm_undo_stack_get_state (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_undo_stack_class_init (PmUndoStackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_undo_stack_finalize;
  object_class->get_property = pm_undo_stack_get_property;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_uint64 ("state", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A step could not be undone or redone because someone else changed the same thing since
   * (@label: the step's label, @who: as given to pm_undo_stack_begin_foreign()); the step is
   * dropped from the history. */
  signals[SIGNAL_REFUSED] =
    g_signal_new ("refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
pm_undo_stack_init (PmUndoStack *self)
{
  self->undo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->recorded = g_hash_table_new (NULL, NULL);
  self->next_state = 1;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmUndoStack *
pm_undo_stack_new (void)
{
  return g_object_new (PM_TYPE_UNDO_STACK, NULL);
}

void
pm_undo_stack_set_owner (PmUndoStack *self,
                         GObject     *owner)
{
  g_return_if_fail (PM_IS_UNDO_STACK (self));
  g_return_if_fail (self->undo->len == 0 && self->redo->len == 0);

  self->owner = owner;
}

void
pm_undo_stack_begin_group (PmUndoStack *self,
                           const char  *label)
{
  g_return_if_fail (PM_IS_UNDO_STACK (self));

  if (self->open_depth++ == 0)
    self->open = step_new (label);
  else if (self->open->label == NULL && label != NULL)
    self->open->label = g_strdup (label);
}

void
pm_undo_stack_end_group (PmUndoStack *self)
{
  Step *step;

  g_return_if_fail (PM_IS_UNDO_STACK (self));
  g_return_if_fail (self->open_depth > 0);

  if (--self->open_depth > 0)
    return;

  step = g_steal_pointer (&self->open);
  if (step->records->len == 0)
    {
      step_free (step);
      return;
    }

  step->state = self->next_state++;
  g_ptr_array_set_size (self->redo, 0);

  if (try_merge (self, step))
    step_free (step);
  else
    {
      g_ptr_array_add (self->undo, step);
      if (self->undo->len > MAX_STEPS)
        {
          self->base_state = ((Step *) g_ptr_array_index (self->undo, 0))->state;
          g_ptr_array_remove_index (self->undo, 0);
        }
    }
  self->merge_broken = FALSE;

  notify_all (self);
}

void
pm_undo_stack_record_property (PmUndoStack  *self,
                               GObject      *object,
                               const char   *property,
                               const GValue *old_value,
                               const GValue *new_value,
                               gboolean      mergeable)
{
  Record *record;

  g_return_if_fail (PM_IS_UNDO_STACK (self));
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (property != NULL);
  g_return_if_fail (G_IS_VALUE (old_value) && G_IS_VALUE (new_value));

  record = g_new0 (Record, 1);
  record->type = RECORD_PROPERTY;
  /* A reference to the owner would be a cycle that keeps the document alive forever. */
  record->object_borrowed = object == self->owner;
  record->object = record->object_borrowed ? object : g_object_ref (object);
  record->property = g_strdup (property);
  record->mergeable = mergeable;
  g_value_init (&record->old_value, G_VALUE_TYPE (old_value));
  g_value_copy (old_value, &record->old_value);
  g_value_init (&record->new_value, G_VALUE_TYPE (new_value));
  g_value_copy (new_value, &record->new_value);
  add_record (self, record);
}

static void
record_list_change (PmUndoStack *self,
                    RecordType   type,
                    GListStore  *store,
                    guint        position,
                    gpointer     item)
{
  Record *record;

  g_return_if_fail (PM_IS_UNDO_STACK (self));
  g_return_if_fail (G_IS_LIST_STORE (store));
  g_return_if_fail (G_IS_OBJECT (item));

  record = g_new0 (Record, 1);
  record->type = type;
  record->object = g_object_ref (G_OBJECT (store));
  record->position = position;
  record->item = g_object_ref (item);
  add_record (self, record);
}

void
pm_undo_stack_record_insert (PmUndoStack *self,
                             GListStore  *store,
                             guint        position,
                             gpointer     item)
{
  record_list_change (self, RECORD_INSERT, store, position, item);
}

void
pm_undo_stack_record_remove (PmUndoStack *self,
                             GListStore  *store,
                             guint        position,
                             gpointer     item)
{
  record_list_change (self, RECORD_REMOVE, store, position, item);
}

void
pm_undo_stack_break_merge (PmUndoStack *self)
{
  g_return_if_fail (PM_IS_UNDO_STACK (self));

  self->merge_broken = TRUE;
}

/* Replaying @step would take back someone else's change: it leaves the history, and the
 * caller learns why through "refused". The content stays as it is. */
static gboolean
refuse_step (PmUndoStack *self,
             Step        *step)
{
  g_signal_emit (self, signals[SIGNAL_REFUSED], 0, step->label, step->changed_by);
  step_free (step);
  self->merge_broken = TRUE;
  notify_all (self);
  return FALSE;
}

gboolean
pm_undo_stack_undo (PmUndoStack *self)
{
  Step *step;

  g_return_val_if_fail (PM_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (self->open == NULL, FALSE);

  if (self->undo->len == 0)
    return FALSE;

  step = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  if (step->changed_by != NULL)
    return refuse_step (self, step);
  self->replaying = TRUE;
  for (guint i = step->records->len; i > 0; i--)
    apply_record (g_ptr_array_index (step->records, i - 1), FALSE);
  self->replaying = FALSE;
  g_ptr_array_add (self->redo, step);
  self->merge_broken = TRUE;

  notify_all (self);
  return TRUE;
}

gboolean
pm_undo_stack_redo (PmUndoStack *self)
{
  Step *step;

  g_return_val_if_fail (PM_IS_UNDO_STACK (self), FALSE);
  g_return_val_if_fail (self->open == NULL, FALSE);

  if (self->redo->len == 0)
    return FALSE;

  step = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  if (step->changed_by != NULL)
    return refuse_step (self, step);
  self->replaying = TRUE;
  for (guint i = 0; i < step->records->len; i++)
    apply_record (g_ptr_array_index (step->records, i), TRUE);
  self->replaying = FALSE;
  g_ptr_array_add (self->undo, step);
  self->merge_broken = TRUE;

  notify_all (self);
  return TRUE;
}

gboolean
pm_undo_stack_get_can_undo (PmUndoStack *self)
{
  g_return_val_if_fail (PM_IS_UNDO_STACK (self), FALSE);

  return self->undo->len > 0;
}

gboolean
pm_undo_stack_get_can_redo (PmUndoStack *self)
{
  g_return_val_if_fail (PM_IS_UNDO_STACK (self), FALSE);

  return self->redo->len > 0;
}

const char *
pm_undo_stack_get_undo_label (PmUndoStack *self)
{
  Step *step;

  g_return_val_if_fail (PM_IS_UNDO_STACK (self), NULL);

  step = top_step (self->undo);
  return step ? step->label : NULL;
}

const char *
pm_undo_stack_get_redo_label (PmUndoStack *self)
{
  Step *step;

  g_return_val_if_fail (PM_IS_UNDO_STACK (self), NULL);

  step = top_step (self->redo);
  return step ? step->label : NULL;
}

guint64
pm_undo_stack_get_state (PmUndoStack *self)
{
  Step *step;

  g_return_val_if_fail (PM_IS_UNDO_STACK (self), 0);

  step = top_step (self->undo);
  return step ? step->state : self->base_state;
}

void
pm_undo_stack_begin_foreign (PmUndoStack *self,
                             const char  *who)
{
  g_return_if_fail (PM_IS_UNDO_STACK (self));
  g_return_if_fail (self->open == NULL);

  if (self->foreign_depth++ == 0)
    {
      g_free (self->foreign_who);
      self->foreign_who = g_strdup (who);
    }
}

void
pm_undo_stack_end_foreign (PmUndoStack *self)
{
  g_return_if_fail (PM_IS_UNDO_STACK (self));
  g_return_if_fail (self->foreign_depth > 0);

  if (--self->foreign_depth == 0)
    g_clear_pointer (&self->foreign_who, g_free);
  self->merge_broken = TRUE;
}

void
pm_undo_stack_clear (PmUndoStack *self)
{
  g_return_if_fail (PM_IS_UNDO_STACK (self));
  g_return_if_fail (self->open == NULL);

  self->base_state = pm_undo_stack_get_state (self);
  g_ptr_array_set_size (self->undo, 0);
  g_ptr_array_set_size (self->redo, 0);
  g_hash_table_remove_all (self->recorded);
  notify_all (self);
}
