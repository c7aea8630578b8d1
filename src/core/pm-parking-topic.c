/* pm-parking-topic.c — a topic raised in the meeting that does not belong in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-parking-topic.h"

struct _PmParkingTopic
{
  GObject  parent_instance;

  char    *text;
  char    *raised_by;
};

G_DEFINE_FINAL_TYPE (PmParkingTopic, pm_parking_topic, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_RAISED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Empty text is stored as NULL, so NULL and "" are one value and never notify. */
static gboolean
set_text (char       **slot,
          const char  *text)
{
  if (text != NULL && text[0] == '\0')
    text = NULL;
  if (g_strcmp0 (*slot, text) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (text);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_parking_topic_finalize (GObject *object)
{
  PmParkingTopic *self = (PmParkingTopic *)object;

  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->raised_by, g_free);

  G_OBJECT_CLASS (pm_parking_topic_parent_class)->finalize (object);
}

static void
pm_parking_topic_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PmParkingTopic *self = PM_PARKING_TOPIC (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, pm_parking_topic_get_text (self));
      break;
    case PROP_RAISED_BY:
      g_value_set_string (value, pm_parking_topic_get_raised_by (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_parking_topic_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PmParkingTopic *self = PM_PARKING_TOPIC (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      pm_parking_topic_set_text (self, g_value_get_string (value));
      break;
    case PROP_RAISED_BY:
      pm_parking_topic_set_raised_by (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_parking_topic_class_init (PmParkingTopicClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_parking_topic_finalize;
  object_class->get_property = pm_parking_topic_get_property;
  object_class->set_property = pm_parking_topic_set_property;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RAISED_BY] =
    g_param_spec_string ("raised-by", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_parking_topic_init (PmParkingTopic *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmParkingTopic *
pm_parking_topic_new (const char *text,
                      const char *raised_by)
{
  return g_object_new (PM_TYPE_PARKING_TOPIC,
                       "text", text,
                       "raised-by", raised_by,
                       NULL);
}

const char *
pm_parking_topic_get_text (PmParkingTopic *self)
{
  g_return_val_if_fail (PM_IS_PARKING_TOPIC (self), NULL);

  return self->text != NULL ? self->text : "";
}

void
pm_parking_topic_set_text (PmParkingTopic *self,
                           const char     *text)
{
  g_return_if_fail (PM_IS_PARKING_TOPIC (self));

  if (set_text (&self->text, text))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

const char *
pm_parking_topic_get_raised_by (PmParkingTopic *self)
{
  g_return_val_if_fail (PM_IS_PARKING_TOPIC (self), NULL);

  return self->raised_by != NULL ? self->raised_by : "";
}

void
pm_parking_topic_set_raised_by (PmParkingTopic *self,
                                const char     *raised_by)
{
  g_return_if_fail (PM_IS_PARKING_TOPIC (self));

  if (set_text (&self->raised_by, raised_by))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RAISED_BY]);
}
