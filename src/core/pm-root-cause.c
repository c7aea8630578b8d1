/* pm-root-cause.c — one of the (always several) reasons the incident could happen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-root-cause.h"
#include "pm-model-private.h"

struct _PmRootCause
{
  GObject       parent_instance;

  char         *id;
  char         *title;
  char         *description;
  char         *category;
  char        **events;  /* NULL: none */
  PmAssessment *assessments[PM_N_PRINCIPLES];
};

G_DEFINE_FINAL_TYPE (PmRootCause, pm_root_cause, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_CATEGORY,
  PROP_EVENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
set_string (PmRootCause  *self,
            char        **field,
            const char   *value,
            guint         prop_id)
{
  g_assert (PM_IS_ROOT_CAUSE (self));

  if (pm_model_replace_string (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_root_cause_dispose (GObject *object)
{
  PmRootCause *self = (PmRootCause *)object;

  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    g_clear_object (&self->assessments[i]);

  G_OBJECT_CLASS (pm_root_cause_parent_class)->dispose (object);
}

static void
pm_root_cause_finalize (GObject *object)
{
  PmRootCause *self = (PmRootCause *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->events, g_strfreev);

  G_OBJECT_CLASS (pm_root_cause_parent_class)->finalize (object);
}

static void
pm_root_cause_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PmRootCause *self = PM_ROOT_CAUSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, pm_root_cause_get_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, pm_root_cause_get_title (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, pm_root_cause_get_description (self));
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, pm_root_cause_get_category (self));
      break;
    case PROP_EVENTS:
      g_value_set_boxed (value, pm_root_cause_get_events (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_root_cause_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PmRootCause *self = PM_ROOT_CAUSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      pm_root_cause_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      pm_root_cause_set_description (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY:
      pm_root_cause_set_category (self, g_value_get_string (value));
      break;
    case PROP_EVENTS:
      pm_root_cause_set_events (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_root_cause_class_init (PmRootCauseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pm_root_cause_dispose;
  object_class->finalize = pm_root_cause_finalize;
  object_class->get_property = pm_root_cause_get_property;
  object_class->set_property = pm_root_cause_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CATEGORY] =
    g_param_spec_string ("category", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EVENTS] =
    g_param_spec_boxed ("events", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_root_cause_init (PmRootCause *self)
{
  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    self->assessments[i] = pm_assessment_new ((PmPrinciple)i);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmRootCause *
pm_root_cause_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (PM_TYPE_ROOT_CAUSE,
                       "id", id,
                       NULL);
}

const char *
pm_root_cause_get_id (PmRootCause *self)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSE (self), NULL);

  return self->id ? self->id : "";
}

const char *
pm_root_cause_get_title (PmRootCause *self)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSE (self), NULL);

  return self->title ? self->title : "";
}

void
pm_root_cause_set_title (PmRootCause *self,
                         const char  *title)
{
  g_return_if_fail (PM_IS_ROOT_CAUSE (self));

  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
pm_root_cause_get_description (PmRootCause *self)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSE (self), NULL);

  return self->description ? self->description : "";
}

void
pm_root_cause_set_description (PmRootCause *self,
                               const char  *description)
{
  g_return_if_fail (PM_IS_ROOT_CAUSE (self));

  set_string (self, &self->description, description, PROP_DESCRIPTION);
}

const char *
pm_root_cause_get_category (PmRootCause *self)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSE (self), NULL);

  return self->category ? self->category : "";
}

void
pm_root_cause_set_category (PmRootCause *self,
                            const char  *category)
{
  g_return_if_fail (PM_IS_ROOT_CAUSE (self));

  set_string (self, &self->category, category, PROP_CATEGORY);
}

const char * const *
pm_root_cause_get_events (PmRootCause *self)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSE (self), NULL);

  return self->events ? (const char * const *)self->events : empty_strv;
}

void
pm_root_cause_set_events (PmRootCause        *self,
                          const char * const *event_ids)
{
  g_return_if_fail (PM_IS_ROOT_CAUSE (self));

  if (pm_model_replace_strv (&self->events, event_ids))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENTS]);
}

gboolean
pm_root_cause_has_event (PmRootCause *self,
                         const char  *event_id)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSE (self), FALSE);

  if (event_id == NULL || self->events == NULL)
    return FALSE;

  return g_strv_contains ((const char * const *)self->events, event_id);
}

/* Returns: (transfer none): the assessment of @principle, owned by @self. */
PmAssessment *
pm_root_cause_get_assessment (PmRootCause *self,
                              PmPrinciple  principle)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSE (self), NULL);
  g_return_val_if_fail ((guint)principle < PM_N_PRINCIPLES, NULL);

  return self->assessments[principle];
}
