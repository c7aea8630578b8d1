/* pm-participant.c — someone invited to the postmortem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-participant.h"
#include "pm-model-private.h"

struct _PmParticipant
{
  GObject   parent_instance;

  char     *id;
  char     *name;
  char     *role;
  gboolean  moderator;
  gboolean  attended;
};

G_DEFINE_FINAL_TYPE (PmParticipant, pm_participant, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_ROLE,
  PROP_MODERATOR,
  PROP_ATTENDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
set_string (PmParticipant  *self,
            char          **field,
            const char     *value,
            guint           prop_id)
{
  g_assert (PM_IS_PARTICIPANT (self));

  if (pm_model_replace_string (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_participant_finalize (GObject *object)
{
  PmParticipant *self = (PmParticipant *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (pm_participant_parent_class)->finalize (object);
}

static void
pm_participant_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PmParticipant *self = PM_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, pm_participant_get_id (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, pm_participant_get_name (self));
      break;
    case PROP_ROLE:
      g_value_set_string (value, pm_participant_get_role (self));
      break;
    case PROP_MODERATOR:
      g_value_set_boolean (value, pm_participant_get_moderator (self));
      break;
    case PROP_ATTENDED:
      g_value_set_boolean (value, pm_participant_get_attended (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_participant_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PmParticipant *self = PM_PARTICIPANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      pm_participant_set_name (self, g_value_get_string (value));
      break;
    case PROP_ROLE:
      pm_participant_set_role (self, g_value_get_string (value));
      break;
    case PROP_MODERATOR:
      pm_participant_set_moderator (self, g_value_get_boolean (value));
      break;
    case PROP_ATTENDED:
      pm_participant_set_attended (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_participant_class_init (PmParticipantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_participant_finalize;
  object_class->get_property = pm_participant_get_property;
  object_class->set_property = pm_participant_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ROLE] =
    g_param_spec_string ("role", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_MODERATOR] =
    g_param_spec_boolean ("moderator", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ATTENDED] =
    g_param_spec_boolean ("attended", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_participant_init (PmParticipant *self)
{
  self->attended = TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmParticipant *
pm_participant_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (PM_TYPE_PARTICIPANT,
                       "id", id,
                       NULL);
}

const char *
pm_participant_get_id (PmParticipant *self)
{
  g_return_val_if_fail (PM_IS_PARTICIPANT (self), NULL);

  return self->id ? self->id : "";
}

const char *
pm_participant_get_name (PmParticipant *self)
{
  g_return_val_if_fail (PM_IS_PARTICIPANT (self), NULL);

  return self->name ? self->name : "";
}

void
pm_participant_set_name (PmParticipant *self,
                         const char    *name)
{
  g_return_if_fail (PM_IS_PARTICIPANT (self));

  set_string (self, &self->name, name, PROP_NAME);
}

const char *
pm_participant_get_role (PmParticipant *self)
{
  g_return_val_if_fail (PM_IS_PARTICIPANT (self), NULL);

  return self->role ? self->role : "";
}

void
pm_participant_set_role (PmParticipant *self,
                         const char    *role)
{
  g_return_if_fail (PM_IS_PARTICIPANT (self));

  set_string (self, &self->role, role, PROP_ROLE);
}

gboolean
pm_participant_get_moderator (PmParticipant *self)
{
  g_return_val_if_fail (PM_IS_PARTICIPANT (self), FALSE);

  return self->moderator;
}

void
pm_participant_set_moderator (PmParticipant *self,
                              gboolean       moderator)
{
  g_return_if_fail (PM_IS_PARTICIPANT (self));

  moderator = !!moderator;
  if (moderator == self->moderator)
    return;

  self->moderator = moderator;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODERATOR]);
}

gboolean
pm_participant_get_attended (PmParticipant *self)
{
  g_return_val_if_fail (PM_IS_PARTICIPANT (self), TRUE);

  return self->attended;
}

void
pm_participant_set_attended (PmParticipant *self,
                             gboolean       attended)
{
  g_return_if_fail (PM_IS_PARTICIPANT (self));

  attended = !!attended;
  if (attended == self->attended)
    return;

  self->attended = attended;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENDED]);
}
