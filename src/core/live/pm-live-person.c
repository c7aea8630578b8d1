/* pm-live-person.c — someone who joined a live session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-live-person.h"

struct _PmLivePerson
{
  GObject   parent_instance;

  char     *participant_id;
  char     *name;
  guint     connections;
  guint     contributions;
  gboolean  removed;
};

G_DEFINE_FINAL_TYPE (PmLivePerson, pm_live_person, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PARTICIPANT_ID,
  PROP_NAME,
  PROP_CONNECTIONS,
  PROP_REMOVED,
  PROP_CONTRIBUTIONS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pm_live_person_finalize (GObject *object)
{
  PmLivePerson *self = (PmLivePerson *) object;

  g_free (self->participant_id);
  g_free (self->name);

  G_OBJECT_CLASS (pm_live_person_parent_class)->finalize (object);
}

static void
pm_live_person_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PmLivePerson *self = PM_LIVE_PERSON (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT_ID:
      g_value_set_string (value, self->participant_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CONNECTIONS:
      g_value_set_uint (value, self->connections);
      break;
    case PROP_REMOVED:
      g_value_set_boolean (value, self->removed);
      break;
    case PROP_CONTRIBUTIONS:
      g_value_set_uint (value, self->contributions);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_live_person_class_init (PmLivePersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pm_live_person_finalize;
  object_class->get_property = pm_live_person_get_property;

  properties[PROP_PARTICIPANT_ID] =
    g_param_spec_string ("participant-id", NULL, NULL, NULL, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_CONNECTIONS] =
    g_param_spec_uint ("connections", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_REMOVED] = g_param_spec_boolean ("removed", NULL, NULL, FALSE, flags);
  properties[PROP_CONTRIBUTIONS] =
    g_param_spec_uint ("contributions", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_live_person_init (PmLivePerson *self)
{
}

PmLivePerson *
pm_live_person_new (const char *participant_id,
                    const char *name)
{
  PmLivePerson *self = g_object_new (PM_TYPE_LIVE_PERSON, NULL);

  self->participant_id = g_strdup (participant_id);
  self->name = g_strdup (name);
  return self;
}

const char *
pm_live_person_get_participant_id (PmLivePerson *self)
{
  g_return_val_if_fail (PM_IS_LIVE_PERSON (self), NULL);
  return self->participant_id;
}

const char *
pm_live_person_get_name (PmLivePerson *self)
{
  g_return_val_if_fail (PM_IS_LIVE_PERSON (self), NULL);
  return self->name;
}

guint
pm_live_person_get_connections (PmLivePerson *self)
{
  g_return_val_if_fail (PM_IS_LIVE_PERSON (self), 0);
  return self->connections;
}

gboolean
pm_live_person_get_removed (PmLivePerson *self)
{
  g_return_val_if_fail (PM_IS_LIVE_PERSON (self), FALSE);
  return self->removed;
}

guint
pm_live_person_get_contributions (PmLivePerson *self)
{
  g_return_val_if_fail (PM_IS_LIVE_PERSON (self), 0);
  return self->contributions;
}

void
_pm_live_person_set_name (PmLivePerson *self,
                          const char   *name)
{
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
_pm_live_person_set_connections (PmLivePerson *self,
                                 guint         connections)
{
  if (self->connections == connections)
    return;
  self->connections = connections;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTIONS]);
}

void
_pm_live_person_set_removed (PmLivePerson *self)
{
  if (self->removed)
    return;
  self->removed = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REMOVED]);
}

void
_pm_live_person_add_contribution (PmLivePerson *self)
{
  self->contributions++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTRIBUTIONS]);
}
