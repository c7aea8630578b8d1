/* pm-dismissal.c — a method finding the team looked at and set aside, with their reason
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-dismissal.h"

struct _PmDismissal
{
  GObject  parent_instance;

  char    *rule;
  char    *object_id;
  char    *reason;
};

G_DEFINE_FINAL_TYPE (PmDismissal, pm_dismissal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULE,
  PROP_OBJECT_ID,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_dismissal_finalize (GObject *object)
{
  PmDismissal *self = (PmDismissal *)object;

  g_clear_pointer (&self->rule, g_free);
  g_clear_pointer (&self->object_id, g_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (pm_dismissal_parent_class)->finalize (object);
}

static void
pm_dismissal_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PmDismissal *self = PM_DISMISSAL (object);

  switch (prop_id)
    {
    case PROP_RULE:
      g_value_set_string (value, self->rule);
      break;
    case PROP_OBJECT_ID:
      g_value_set_string (value, self->object_id);
      break;
    case PROP_REASON:
      g_value_set_string (value, pm_dismissal_get_reason (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_dismissal_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PmDismissal *self = PM_DISMISSAL (object);
  const char *text;

  switch (prop_id)
    {
    case PROP_RULE:
      self->rule = g_value_dup_string (value);
      break;
    case PROP_OBJECT_ID:
      /* "" and NULL both mean the document. */
      text = g_value_get_string (value);
      self->object_id = text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
      break;
    case PROP_REASON:
      pm_dismissal_set_reason (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_dismissal_class_init (PmDismissalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_dismissal_finalize;
  object_class->get_property = pm_dismissal_get_property;
  object_class->set_property = pm_dismissal_set_property;

  properties[PROP_RULE] =
    g_param_spec_string ("rule", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OBJECT_ID] =
    g_param_spec_string ("object-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REASON] =
    g_param_spec_string ("reason", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_dismissal_init (PmDismissal *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmDismissal *
pm_dismissal_new (const char *rule,
                  const char *object_id,
                  const char *reason)
{
  g_return_val_if_fail (rule != NULL && rule[0] != '\0', NULL);

  return g_object_new (PM_TYPE_DISMISSAL,
                       "rule", rule,
                       "object-id", object_id,
                       "reason", reason,
                       NULL);
}

const char *
pm_dismissal_get_rule (PmDismissal *self)
{
  g_return_val_if_fail (PM_IS_DISMISSAL (self), NULL);

  return self->rule;
}

const char *
pm_dismissal_get_object_id (PmDismissal *self)
{
  g_return_val_if_fail (PM_IS_DISMISSAL (self), NULL);

  return self->object_id;
}

const char *
pm_dismissal_get_reason (PmDismissal *self)
{
  g_return_val_if_fail (PM_IS_DISMISSAL (self), NULL);

  return self->reason != NULL ? self->reason : "";
}

void
pm_dismissal_set_reason (PmDismissal *self,
                         const char  *reason)
{
  g_return_if_fail (PM_IS_DISMISSAL (self));

  /* Empty text is stored as NULL, so NULL and "" are the same value and never notify. */
  if (reason != NULL && reason[0] == '\0')
    reason = NULL;
  if (g_strcmp0 (self->reason, reason) == 0)
    return;

  g_free (self->reason);
  self->reason = g_strdup (reason);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REASON]);
}

gboolean
pm_dismissal_matches (PmDismissal *self,
                      const char  *rule,
                      const char  *object_id)
{
  g_return_val_if_fail (PM_IS_DISMISSAL (self), FALSE);

  if (object_id != NULL && object_id[0] == '\0')
    object_id = NULL;

  return g_strcmp0 (self->rule, rule) == 0 && g_strcmp0 (self->object_id, object_id) == 0;
}
