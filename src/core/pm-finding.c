/* pm-finding.c — one piece of advice from the method check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-finding.h"

struct _PmFinding
{
  GObject            parent_instance;

  char              *rule;
  PmFindingSeverity  severity;
  char              *message;
  char              *object_kind;
  char              *object_id;
};

G_DEFINE_FINAL_TYPE (PmFinding, pm_finding, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PmFindingSeverity, pm_finding_severity,
  G_DEFINE_ENUM_VALUE (PM_FINDING_INFO, "info"),
  G_DEFINE_ENUM_VALUE (PM_FINDING_WARNING, "warning"))

enum {
  PROP_0,
  PROP_RULE,
  PROP_SEVERITY,
  PROP_MESSAGE,
  PROP_OBJECT_KIND,
  PROP_OBJECT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_finding_finalize (GObject *object)
{
  PmFinding *self = (PmFinding *)object;

  g_clear_pointer (&self->rule, g_free);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->object_kind, g_free);
  g_clear_pointer (&self->object_id, g_free);

  G_OBJECT_CLASS (pm_finding_parent_class)->finalize (object);
}

static void
pm_finding_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PmFinding *self = PM_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE:
      g_value_set_string (value, pm_finding_get_rule (self));
      break;
    case PROP_SEVERITY:
      g_value_set_enum (value, pm_finding_get_severity (self));
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, pm_finding_get_message (self));
      break;
    case PROP_OBJECT_KIND:
      g_value_set_string (value, pm_finding_get_object_kind (self));
      break;
    case PROP_OBJECT_ID:
      g_value_set_string (value, pm_finding_get_object_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_finding_class_init (PmFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_finding_finalize;
  object_class->get_property = pm_finding_get_property;

  properties[PROP_RULE] =
    g_param_spec_string ("rule", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL,
                       PM_TYPE_FINDING_SEVERITY, PM_FINDING_INFO,
                       (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_OBJECT_KIND] =
    g_param_spec_string ("object-kind", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_OBJECT_ID] =
    g_param_spec_string ("object-id", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_finding_init (PmFinding *self)
{
  self->severity = PM_FINDING_INFO;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

const char *
pm_finding_severity_to_string (PmFindingSeverity severity)
{
  switch (severity)
    {
    case PM_FINDING_INFO:
      return "info";
    case PM_FINDING_WARNING:
      return "warning";
    default:
      g_return_val_if_reached ("info");
    }
}

/**
 * pm_finding_new:
 * @rule: the rule id
 * @severity: how much it matters
 * @object_kind: what the finding is about, one of the PM_FINDING_KIND_* names
 * @object_id: (nullable): the id of that object; NULL for the document
 * @message: the translated advice
 *
 * Returns: (transfer full): a new finding
 */
PmFinding *
pm_finding_new (const char        *rule,
                PmFindingSeverity  severity,
                const char        *object_kind,
                const char        *object_id,
                const char        *message)
{
  PmFinding *self;

  g_return_val_if_fail (rule != NULL && rule[0] != '\0', NULL);
  g_return_val_if_fail (severity == PM_FINDING_INFO || severity == PM_FINDING_WARNING, NULL);
  g_return_val_if_fail (object_kind != NULL && object_kind[0] != '\0', NULL);
  g_return_val_if_fail (message != NULL, NULL);

  self = g_object_new (PM_TYPE_FINDING, NULL);
  self->rule = g_strdup (rule);
  self->severity = severity;
  self->object_kind = g_strdup (object_kind);
  self->object_id = (object_id != NULL && object_id[0] != '\0') ? g_strdup (object_id) : NULL;
  self->message = g_strdup (message);

  return self;
}

const char *
pm_finding_get_rule (PmFinding *self)
{
  g_return_val_if_fail (PM_IS_FINDING (self), NULL);

  return self->rule;
}

PmFindingSeverity
pm_finding_get_severity (PmFinding *self)
{
  g_return_val_if_fail (PM_IS_FINDING (self), PM_FINDING_INFO);

  return self->severity;
}

const char *
pm_finding_get_message (PmFinding *self)
{
  g_return_val_if_fail (PM_IS_FINDING (self), NULL);

  return self->message;
}

const char *
pm_finding_get_object_kind (PmFinding *self)
{
  g_return_val_if_fail (PM_IS_FINDING (self), NULL);

  return self->object_kind;
}

const char *
pm_finding_get_object_id (PmFinding *self)
{
  g_return_val_if_fail (PM_IS_FINDING (self), NULL);

  return self->object_id;
}
