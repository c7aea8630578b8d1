/* pm-review.c — what a follow-up meeting found about one measure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-review.h"
#include "pm-model-private.h"

struct _PmReview
{
  GObject  parent_instance;

  char    *measure;
  char    *status;
  char    *note;
};

G_DEFINE_FINAL_TYPE (PmReview, pm_review, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MEASURE,
  PROP_STATUS,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
set_string (PmReview    *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  g_assert (PM_IS_REVIEW (self));

  if (pm_model_replace_string (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_review_finalize (GObject *object)
{
  PmReview *self = (PmReview *)object;

  g_clear_pointer (&self->measure, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (pm_review_parent_class)->finalize (object);
}

static void
pm_review_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PmReview *self = PM_REVIEW (object);

  switch (prop_id)
    {
    case PROP_MEASURE:
      g_value_set_string (value, pm_review_get_measure (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, pm_review_get_status (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, pm_review_get_note (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_review_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PmReview *self = PM_REVIEW (object);

  switch (prop_id)
    {
    case PROP_MEASURE:
      g_assert (self->measure == NULL);
      self->measure = g_value_dup_string (value);
      break;
    case PROP_STATUS:
      pm_review_set_status (self, g_value_get_string (value));
      break;
    case PROP_NOTE:
      pm_review_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_review_class_init (PmReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_review_finalize;
  object_class->get_property = pm_review_get_property;
  object_class->set_property = pm_review_set_property;

  properties[PROP_MEASURE] =
    g_param_spec_string ("measure", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_review_init (PmReview *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmReview *
pm_review_new (const char *measure_id)
{
  g_return_val_if_fail (measure_id != NULL, NULL);

  return g_object_new (PM_TYPE_REVIEW,
                       "measure", measure_id,
                       NULL);
}

const char *
pm_review_get_measure (PmReview *self)
{
  g_return_val_if_fail (PM_IS_REVIEW (self), NULL);

  return self->measure ? self->measure : "";
}

/* "" until the follow-up has recorded what it found. */
const char *
pm_review_get_status (PmReview *self)
{
  g_return_val_if_fail (PM_IS_REVIEW (self), NULL);

  return self->status ? self->status : "";
}

void
pm_review_set_status (PmReview   *self,
                      const char *status)
{
  g_return_if_fail (PM_IS_REVIEW (self));

  set_string (self, &self->status, status, PROP_STATUS);
}

const char *
pm_review_get_note (PmReview *self)
{
  g_return_val_if_fail (PM_IS_REVIEW (self), NULL);

  return self->note ? self->note : "";
}

void
pm_review_set_note (PmReview   *self,
                    const char *note)
{
  g_return_if_fail (PM_IS_REVIEW (self));

  set_string (self, &self->note, note, PROP_NOTE);
}
