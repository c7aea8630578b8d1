/* pm-status-change.c — one entry in a measure's status history (immutable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-status-change.h"

struct _PmStatusChange
{
  GObject  parent_instance;

  PmTime  *time;
  char    *from;
  char    *to;
  char    *note;
};

G_DEFINE_FINAL_TYPE (PmStatusChange, pm_status_change, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIME,
  PROP_FROM,
  PROP_TO,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Empty text is stored as NULL and read back as "". */
static char *
dup_text (const GValue *value)
{
  const char *str = g_value_get_string (value);

  return str != NULL && str[0] != '\0' ? g_strdup (str) : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_status_change_finalize (GObject *object)
{
  PmStatusChange *self = (PmStatusChange *)object;

  g_clear_pointer (&self->time, pm_time_free);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (pm_status_change_parent_class)->finalize (object);
}

static void
pm_status_change_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PmStatusChange *self = PM_STATUS_CHANGE (object);

  switch (prop_id)
    {
    case PROP_TIME:
      g_value_set_boxed (value, pm_status_change_get_time (self));
      break;
    case PROP_FROM:
      g_value_set_string (value, pm_status_change_get_from (self));
      break;
    case PROP_TO:
      g_value_set_string (value, pm_status_change_get_to (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, pm_status_change_get_note (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_status_change_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PmStatusChange *self = PM_STATUS_CHANGE (object);

  /* All construct-only: each is set exactly once, while the object is built. */
  switch (prop_id)
    {
    case PROP_TIME:
      g_assert (self->time == NULL);
      self->time = g_value_dup_boxed (value);
      break;
    case PROP_FROM:
      g_assert (self->from == NULL);
      self->from = dup_text (value);
      break;
    case PROP_TO:
      g_assert (self->to == NULL);
      self->to = dup_text (value);
      break;
    case PROP_NOTE:
      g_assert (self->note == NULL);
      self->note = dup_text (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_status_change_class_init (PmStatusChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_status_change_finalize;
  object_class->get_property = pm_status_change_get_property;
  object_class->set_property = pm_status_change_set_property;

  properties[PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, PM_TYPE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_FROM] =
    g_param_spec_string ("from", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TO] =
    g_param_spec_string ("to", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_status_change_init (PmStatusChange *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmStatusChange *
pm_status_change_new (const PmTime *time,
                      const char   *from,
                      const char   *to,
                      const char   *note)
{
  return g_object_new (PM_TYPE_STATUS_CHANGE,
                       "time", time,
                       "from", from,
                       "to", to,
                       "note", note,
                       NULL);
}

/* NULL when the time of the change is unknown. */
const PmTime *
pm_status_change_get_time (PmStatusChange *self)
{
  g_return_val_if_fail (PM_IS_STATUS_CHANGE (self), NULL);

  return self->time;
}

const char *
pm_status_change_get_from (PmStatusChange *self)
{
  g_return_val_if_fail (PM_IS_STATUS_CHANGE (self), NULL);

  return self->from ? self->from : "";
}

const char *
pm_status_change_get_to (PmStatusChange *self)
{
  g_return_val_if_fail (PM_IS_STATUS_CHANGE (self), NULL);

  return self->to ? self->to : "";
}

const char *
pm_status_change_get_note (PmStatusChange *self)
{
  g_return_val_if_fail (PM_IS_STATUS_CHANGE (self), NULL);

  return self->note ? self->note : "";
}
