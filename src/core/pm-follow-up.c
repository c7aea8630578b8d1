/* pm-follow-up.c — a later meeting that checks every measure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-follow-up.h"
#include "pm-model-private.h"
#include "pm-review.h"

struct _PmFollowUp
{
  GObject     parent_instance;

  char       *id;
  PmTime     *time;       /* NULL: not scheduled yet */
  char      **attendees;  /* NULL: none */
  char       *notes;

  GListStore *reviews;    /* of PmReview */
};

G_DEFINE_FINAL_TYPE (PmFollowUp, pm_follow_up, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TIME,
  PROP_ATTENDEES,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_follow_up_dispose (GObject *object)
{
  PmFollowUp *self = (PmFollowUp *)object;

  g_clear_object (&self->reviews);

  G_OBJECT_CLASS (pm_follow_up_parent_class)->dispose (object);
}

static void
pm_follow_up_finalize (GObject *object)
{
  PmFollowUp *self = (PmFollowUp *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->time, pm_time_free);
  g_clear_pointer (&self->attendees, g_strfreev);
  g_clear_pointer (&self->notes, g_free);

  G_OBJECT_CLASS (pm_follow_up_parent_class)->finalize (object);
}

static void
pm_follow_up_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PmFollowUp *self = PM_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, pm_follow_up_get_id (self));
      break;
    case PROP_TIME:
      g_value_set_boxed (value, pm_follow_up_get_time (self));
      break;
    case PROP_ATTENDEES:
      g_value_set_boxed (value, pm_follow_up_get_attendees (self));
      break;
    case PROP_NOTES:
      g_value_set_string (value, pm_follow_up_get_notes (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_follow_up_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PmFollowUp *self = PM_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      break;
    case PROP_TIME:
      pm_follow_up_set_time (self, g_value_get_boxed (value));
      break;
    case PROP_ATTENDEES:
      pm_follow_up_set_attendees (self, g_value_get_boxed (value));
      break;
    case PROP_NOTES:
      pm_follow_up_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_follow_up_class_init (PmFollowUpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pm_follow_up_dispose;
  object_class->finalize = pm_follow_up_finalize;
  object_class->get_property = pm_follow_up_get_property;
  object_class->set_property = pm_follow_up_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, PM_TYPE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ATTENDEES] =
    g_param_spec_boxed ("attendees", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_follow_up_init (PmFollowUp *self)
{
  self->reviews = g_list_store_new (PM_TYPE_REVIEW);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmFollowUp *
pm_follow_up_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (PM_TYPE_FOLLOW_UP,
                       "id", id,
                       NULL);
}

const char *
pm_follow_up_get_id (PmFollowUp *self)
{
  g_return_val_if_fail (PM_IS_FOLLOW_UP (self), NULL);

  return self->id ? self->id : "";
}

/* NULL while the follow-up is not scheduled. */
const PmTime *
pm_follow_up_get_time (PmFollowUp *self)
{
  g_return_val_if_fail (PM_IS_FOLLOW_UP (self), NULL);

  return self->time;
}

void
pm_follow_up_set_time (PmFollowUp   *self,
                       const PmTime *time)
{
  PmTime *copy;

  g_return_if_fail (PM_IS_FOLLOW_UP (self));

  if (pm_time_equal (self->time, time))
    return;

  copy = pm_time_copy (time);
  g_clear_pointer (&self->time, pm_time_free);
  self->time = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

const char * const *
pm_follow_up_get_attendees (PmFollowUp *self)
{
  g_return_val_if_fail (PM_IS_FOLLOW_UP (self), NULL);

  return self->attendees ? (const char * const *)self->attendees : empty_strv;
}

void
pm_follow_up_set_attendees (PmFollowUp         *self,
                            const char * const *participant_ids)
{
  g_return_if_fail (PM_IS_FOLLOW_UP (self));

  if (pm_model_replace_strv (&self->attendees, participant_ids))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDEES]);
}

const char *
pm_follow_up_get_notes (PmFollowUp *self)
{
  g_return_val_if_fail (PM_IS_FOLLOW_UP (self), NULL);

  return self->notes ? self->notes : "";
}

void
pm_follow_up_set_notes (PmFollowUp *self,
                        const char *notes)
{
  char *copy;

  g_return_if_fail (PM_IS_FOLLOW_UP (self));

  if (notes != NULL && notes[0] == '\0')
    notes = NULL;

  if (g_strcmp0 (self->notes, notes) == 0)
    return;

  copy = g_strdup (notes);
  g_free (self->notes);
  self->notes = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/* Returns: (transfer none): a GListStore of PmReview. */
GListModel *
pm_follow_up_get_reviews (PmFollowUp *self)
{
  g_return_val_if_fail (PM_IS_FOLLOW_UP (self), NULL);

  return G_LIST_MODEL (self->reviews);
}
