/* pm-agenda-step.c — one step of the meeting's agenda: its time box and the time spent on it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "pm-agenda-step.h"

struct _PmAgendaStep
{
  GObject  parent_instance;

  char    *step;
  int      minutes;
  gint64   spent_seconds;
};

G_DEFINE_FINAL_TYPE (PmAgendaStep, pm_agenda_step, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STEP,
  PROP_MINUTES,
  PROP_SPENT_SECONDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The method's steps and the time boxes of a two-hour meeting (120 minutes in all). */
static const struct {
  const char *step;
  int         minutes;
  const char *title;
} known_steps[] = {
  { PM_AGENDA_STEP_WHAT_HAPPENED, 10, N_("What Happened") },
  { PM_AGENDA_STEP_EVENT_STORMING, 60, N_("Event Storming") },
  { PM_AGENDA_STEP_ROOT_CAUSES, 40, N_("Root Causes and Measures") },
  { PM_AGENDA_STEP_FOLLOW_UP, 5, N_("Follow-up") },
  { PM_AGENDA_STEP_PUBLISHING, 5, N_("Publishing") },
};

static const char * const default_steps[] = {
  PM_AGENDA_STEP_WHAT_HAPPENED,
  PM_AGENDA_STEP_EVENT_STORMING,
  PM_AGENDA_STEP_ROOT_CAUSES,
  PM_AGENDA_STEP_FOLLOW_UP,
  PM_AGENDA_STEP_PUBLISHING,
  NULL
};

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_agenda_step_finalize (GObject *object)
{
  PmAgendaStep *self = (PmAgendaStep *)object;

  g_clear_pointer (&self->step, g_free);

  G_OBJECT_CLASS (pm_agenda_step_parent_class)->finalize (object);
}

static void
pm_agenda_step_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PmAgendaStep *self = PM_AGENDA_STEP (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_value_set_string (value, self->step);
      break;
    case PROP_MINUTES:
      g_value_set_int (value, self->minutes);
      break;
    case PROP_SPENT_SECONDS:
      g_value_set_int64 (value, self->spent_seconds);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_agenda_step_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PmAgendaStep *self = PM_AGENDA_STEP (object);

  switch (prop_id)
    {
    case PROP_STEP:
      g_assert (self->step == NULL);
      self->step = g_value_dup_string (value);
      break;
    case PROP_MINUTES:
      pm_agenda_step_set_minutes (self, g_value_get_int (value));
      break;
    case PROP_SPENT_SECONDS:
      pm_agenda_step_set_spent_seconds (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_agenda_step_class_init (PmAgendaStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_agenda_step_finalize;
  object_class->get_property = pm_agenda_step_get_property;
  object_class->set_property = pm_agenda_step_set_property;

  properties[PROP_STEP] =
    g_param_spec_string ("step", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MINUTES] =
    g_param_spec_int ("minutes", NULL, NULL, 0, PM_AGENDA_MAX_MINUTES, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPENT_SECONDS] =
    g_param_spec_int64 ("spent-seconds", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_agenda_step_init (PmAgendaStep *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmAgendaStep *
pm_agenda_step_new (const char *step,
                    int         minutes)
{
  g_return_val_if_fail (step != NULL && step[0] != '\0', NULL);

  return g_object_new (PM_TYPE_AGENDA_STEP,
                       "step", step,
                       "minutes", CLAMP (minutes, 0, PM_AGENDA_MAX_MINUTES),
                       NULL);
}

const char *
pm_agenda_step_get_step (PmAgendaStep *self)
{
  g_return_val_if_fail (PM_IS_AGENDA_STEP (self), NULL);

  return self->step;
}

const char *
pm_agenda_step_get_title (PmAgendaStep *self)
{
  const char *title;

  g_return_val_if_fail (PM_IS_AGENDA_STEP (self), NULL);

  title = pm_agenda_step_title_for (self->step);
  return title != NULL ? title : self->step;
}

int
pm_agenda_step_get_minutes (PmAgendaStep *self)
{
  g_return_val_if_fail (PM_IS_AGENDA_STEP (self), 0);

  return self->minutes;
}

void
pm_agenda_step_set_minutes (PmAgendaStep *self,
                            int           minutes)
{
  g_return_if_fail (PM_IS_AGENDA_STEP (self));

  minutes = CLAMP (minutes, 0, PM_AGENDA_MAX_MINUTES);
  if (self->minutes == minutes)
    return;

  self->minutes = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINUTES]);
}

gint64
pm_agenda_step_get_spent_seconds (PmAgendaStep *self)
{
  g_return_val_if_fail (PM_IS_AGENDA_STEP (self), 0);

  return self->spent_seconds;
}

void
pm_agenda_step_set_spent_seconds (PmAgendaStep *self,
                                  gint64        seconds)
{
  g_return_if_fail (PM_IS_AGENDA_STEP (self));

  /* Clamped, so that a timer left running for weeks still saves a file that opens again. */
  seconds = CLAMP (seconds, 0, PM_AGENDA_MAX_SPENT_SECONDS);
  if (self->spent_seconds == seconds)
    return;

  self->spent_seconds = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPENT_SECONDS]);
}

const char * const *
pm_agenda_default_steps (void)
{
  return default_steps;
}

int
pm_agenda_default_minutes (const char *step)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_steps); i++)
    if (g_strcmp0 (known_steps[i].step, step) == 0)
      return known_steps[i].minutes;
  return -1;
}

const char *
pm_agenda_step_title_for (const char *step)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_steps); i++)
    if (g_strcmp0 (known_steps[i].step, step) == 0)
      return _(known_steps[i].title);
  return NULL;
}
