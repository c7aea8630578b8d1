/* pm-event.c — one thing that happened, as someone in the room remembers it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-event.h"
#include "pm-model-private.h"

struct _PmEvent
{
  GObject    parent_instance;

  char      *id;
  PmTime    *time;         /* NULL: unknown */
  char      *actor;
  char      *text;
  char      *kind;
  char      *lane;
  char      *contributor;  /* NULL: nobody in particular */
  char     **evidence;     /* NULL: none */
  gboolean   contributed;
  gboolean   slowed_response;
  gboolean   confidential;
};

G_DEFINE_FINAL_TYPE (PmEvent, pm_event, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TIME,
  PROP_ACTOR,
  PROP_TEXT,
  PROP_KIND,
  PROP_LANE,
  PROP_CONTRIBUTOR,
  PROP_EVIDENCE,
  PROP_CONTRIBUTED,
  PROP_SLOWED_RESPONSE,
  PROP_CONFIDENTIAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
set_string (PmEvent     *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  g_assert (PM_IS_EVENT (self));

  if (pm_model_replace_string (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_boolean (PmEvent  *self,
             gboolean *field,
             gboolean  value,
             guint     prop_id)
{
  g_assert (PM_IS_EVENT (self));

  value = !!value;
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_event_finalize (GObject *object)
{
  PmEvent *self = (PmEvent *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->time, pm_time_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->lane, g_free);
  g_clear_pointer (&self->contributor, g_free);
  g_clear_pointer (&self->evidence, g_strfreev);

  G_OBJECT_CLASS (pm_event_parent_class)->finalize (object);
}

static void
pm_event_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PmEvent *self = PM_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, pm_event_get_id (self));
      break;
    case PROP_TIME:
      g_value_set_boxed (value, pm_event_get_time (self));
      break;
    case PROP_ACTOR:
      g_value_set_string (value, pm_event_get_actor (self));
      break;
    case PROP_TEXT:
      g_value_set_string (value, pm_event_get_text (self));
      break;
    case PROP_KIND:
      g_value_set_string (value, pm_event_get_kind (self));
      break;
    case PROP_LANE:
      g_value_set_string (value, pm_event_get_lane (self));
      break;
    case PROP_CONTRIBUTOR:
      g_value_set_string (value, pm_event_get_contributor (self));
      break;
    case PROP_EVIDENCE:
      g_value_set_boxed (value, pm_event_get_evidence (self));
      break;
    case PROP_CONTRIBUTED:
      g_value_set_boolean (value, pm_event_get_contributed (self));
      break;
    case PROP_SLOWED_RESPONSE:
      g_value_set_boolean (value, pm_event_get_slowed_response (self));
      break;
    case PROP_CONFIDENTIAL:
      g_value_set_boolean (value, pm_event_get_confidential (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_event_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PmEvent *self = PM_EVENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      break;
    case PROP_TIME:
      pm_event_set_time (self, g_value_get_boxed (value));
      break;
    case PROP_ACTOR:
      pm_event_set_actor (self, g_value_get_string (value));
      break;
    case PROP_TEXT:
      pm_event_set_text (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      pm_event_set_kind (self, g_value_get_string (value));
      break;
    case PROP_LANE:
      pm_event_set_lane (self, g_value_get_string (value));
      break;
    case PROP_CONTRIBUTOR:
      pm_event_set_contributor (self, g_value_get_string (value));
      break;
    case PROP_EVIDENCE:
      pm_event_set_evidence (self, g_value_get_boxed (value));
      break;
    case PROP_CONTRIBUTED:
      pm_event_set_contributed (self, g_value_get_boolean (value));
      break;
    case PROP_SLOWED_RESPONSE:
      pm_event_set_slowed_response (self, g_value_get_boolean (value));
      break;
    case PROP_CONFIDENTIAL:
      pm_event_set_confidential (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_event_class_init (PmEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_event_finalize;
  object_class->get_property = pm_event_get_property;
  object_class->set_property = pm_event_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TIME] =
    g_param_spec_boxed ("time", NULL, NULL, PM_TYPE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_LANE] =
    g_param_spec_string ("lane", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONTRIBUTOR] =
    g_param_spec_string ("contributor", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EVIDENCE] =
    g_param_spec_boxed ("evidence", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONTRIBUTED] =
    g_param_spec_boolean ("contributed", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SLOWED_RESPONSE] =
    g_param_spec_boolean ("slowed-response", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONFIDENTIAL] =
    g_param_spec_boolean ("confidential", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_event_init (PmEvent *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmEvent *
pm_event_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (PM_TYPE_EVENT,
                       "id", id,
                       NULL);
}

const char *
pm_event_get_id (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), NULL);

  return self->id ? self->id : "";
}

const PmTime *
pm_event_get_time (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), NULL);

  return self->time;
}

void
pm_event_set_time (PmEvent      *self,
                   const PmTime *time)
{
  PmTime *copy;

  g_return_if_fail (PM_IS_EVENT (self));

  if (pm_time_equal (self->time, time))
    return;

  copy = pm_time_copy (time);
  g_clear_pointer (&self->time, pm_time_free);
  self->time = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

const char *
pm_event_get_actor (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), NULL);

  return self->actor ? self->actor : "";
}

void
pm_event_set_actor (PmEvent    *self,
                    const char *actor)
{
  g_return_if_fail (PM_IS_EVENT (self));

  set_string (self, &self->actor, actor, PROP_ACTOR);
}

const char *
pm_event_get_text (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), NULL);

  return self->text ? self->text : "";
}

void
pm_event_set_text (PmEvent    *self,
                   const char *text)
{
  g_return_if_fail (PM_IS_EVENT (self));

  set_string (self, &self->text, text, PROP_TEXT);
}

const char *
pm_event_get_kind (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), NULL);

  return self->kind ? self->kind : "";
}

void
pm_event_set_kind (PmEvent    *self,
                   const char *kind)
{
  g_return_if_fail (PM_IS_EVENT (self));

  set_string (self, &self->kind, kind, PROP_KIND);
}

const char *
pm_event_get_lane (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), NULL);

  return self->lane ? self->lane : "";
}

void
pm_event_set_lane (PmEvent    *self,
                   const char *lane)
{
  g_return_if_fail (PM_IS_EVENT (self));

  set_string (self, &self->lane, lane, PROP_LANE);
}

/* NULL when the event is not attributed to a participant. */
const char *
pm_event_get_contributor (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), NULL);

  return self->contributor;
}

void
pm_event_set_contributor (PmEvent    *self,
                          const char *participant_id)
{
  g_return_if_fail (PM_IS_EVENT (self));

  set_string (self, &self->contributor, participant_id, PROP_CONTRIBUTOR);
}

const char * const *
pm_event_get_evidence (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), NULL);

  return self->evidence ? (const char * const *)self->evidence : empty_strv;
}

void
pm_event_set_evidence (PmEvent            *self,
                       const char * const *links)
{
  g_return_if_fail (PM_IS_EVENT (self));

  if (pm_model_replace_strv (&self->evidence, links))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVIDENCE]);
}

gboolean
pm_event_get_contributed (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), FALSE);

  return self->contributed;
}

void
pm_event_set_contributed (PmEvent  *self,
                          gboolean  contributed)
{
  g_return_if_fail (PM_IS_EVENT (self));

  set_boolean (self, &self->contributed, contributed, PROP_CONTRIBUTED);
}

gboolean
pm_event_get_slowed_response (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), FALSE);

  return self->slowed_response;
}

void
pm_event_set_slowed_response (PmEvent  *self,
                              gboolean  slowed)
{
  g_return_if_fail (PM_IS_EVENT (self));

  set_boolean (self, &self->slowed_response, slowed, PROP_SLOWED_RESPONSE);
}

/* TRUE: for the team only, left out of the manager summary. */
gboolean
pm_event_get_confidential (PmEvent *self)
{
  g_return_val_if_fail (PM_IS_EVENT (self), FALSE);

  return self->confidential;
}

void
pm_event_set_confidential (PmEvent  *self,
                           gboolean  confidential)
{
  g_return_if_fail (PM_IS_EVENT (self));

  set_boolean (self, &self->confidential, confidential, PROP_CONFIDENTIAL);
}
