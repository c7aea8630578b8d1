/* pm-meeting-timer.c — runs the meeting along its agenda: the current step and its time box
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-meeting-timer.h"

struct _PmMeetingTimer
{
  GObject      parent_instance;

  PmDocument  *document;
  PmClock     *clock;
  GSource     *tick;           /* every second while running, for the views */

  gboolean     running;
  gint64       counted_from;   /* clock time from which the running step is not yet counted */
  gint64       flushed_at;     /* clock time of the last write into the document */
};

G_DEFINE_FINAL_TYPE (PmMeetingTimer, pm_meeting_timer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_CLOCK,
  PROP_RUNNING,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gint64
now (PmMeetingTimer *self)
{
  return pm_clock_get_now (self->clock);
}

static void
emit_changed (PmMeetingTimer *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Called every second and whenever a fake clock moves. */
static void
update (PmMeetingTimer *self)
{
  if (self->running &&
      now (self) - self->flushed_at >= PM_MEETING_FLUSH_SECONDS * G_USEC_PER_SEC)
    pm_meeting_timer_flush (self);
  emit_changed (self);
}

static gboolean
on_tick (gpointer user_data)
{
  update (user_data);
  return G_SOURCE_CONTINUE;
}

static void
on_clock_changed (PmClock        *clock,
                  PmMeetingTimer *self)
{
  update (self);
}

static void
on_current_step_changed (PmDocument     *document,
                         GParamSpec     *pspec,
                         PmMeetingTimer *self)
{
  emit_changed (self);
}

static void
stop_tick (PmMeetingTimer *self)
{
  if (self->tick != NULL)
    {
      g_source_destroy (self->tick);
      g_clear_pointer (&self->tick, g_source_unref);
    }
}

static void
set_running (PmMeetingTimer *self,
             gboolean        running)
{
  if (self->running == running)
    return;

  self->running = running;
  stop_tick (self);
  if (running)
    {
      self->tick = g_timeout_source_new (1000);
      g_source_set_callback (self->tick, on_tick, self, NULL);
      g_source_set_name (self->tick, "[pmortem] meeting timer");
      g_source_attach (self->tick, g_main_context_get_thread_default ());
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_meeting_timer_constructed (GObject *object)
{
  PmMeetingTimer *self = PM_MEETING_TIMER (object);

  G_OBJECT_CLASS (pm_meeting_timer_parent_class)->constructed (object);

  g_return_if_fail (PM_IS_DOCUMENT (self->document));

  if (self->clock == NULL)
    self->clock = g_object_ref (pm_clock_get_default ());
  g_signal_connect_object (self->clock, "changed", G_CALLBACK (on_clock_changed), self, 0);
  g_signal_connect_object (self->document, "notify::current-step",
                           G_CALLBACK (on_current_step_changed), self, 0);
}

static void
pm_meeting_timer_dispose (GObject *object)
{
  PmMeetingTimer *self = PM_MEETING_TIMER (object);

  stop_tick (self);
  if (self->clock != NULL)
    g_signal_handlers_disconnect_by_data (self->clock, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->clock);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pm_meeting_timer_parent_class)->dispose (object);
}

static void
pm_meeting_timer_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PmMeetingTimer *self = PM_MEETING_TIMER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_meeting_timer_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PmMeetingTimer *self = PM_MEETING_TIMER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_CLOCK:
      self->clock = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_meeting_timer_class_init (PmMeetingTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pm_meeting_timer_constructed;
  object_class->dispose = pm_meeting_timer_dispose;
  object_class->get_property = pm_meeting_timer_get_property;
  object_class->set_property = pm_meeting_timer_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, PM_TYPE_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pm_meeting_timer_init (PmMeetingTimer *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmMeetingTimer *
pm_meeting_timer_new (PmDocument *document,
                      PmClock    *clock)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (clock == NULL || PM_IS_CLOCK (clock), NULL);

  return g_object_new (PM_TYPE_MEETING_TIMER,
                       "document", document,
                       "clock", clock,
                       NULL);
}

PmDocument *
pm_meeting_timer_get_document (PmMeetingTimer *self)
{
  g_return_val_if_fail (PM_IS_MEETING_TIMER (self), NULL);

  return self->document;
}

PmClock *
pm_meeting_timer_get_clock (PmMeetingTimer *self)
{
  g_return_val_if_fail (PM_IS_MEETING_TIMER (self), NULL);

  return self->clock;
}

gboolean
pm_meeting_timer_get_running (PmMeetingTimer *self)
{
  g_return_val_if_fail (PM_IS_MEETING_TIMER (self), FALSE);

  return self->running;
}

gboolean
pm_meeting_timer_get_started (PmMeetingTimer *self)
{
  g_return_val_if_fail (PM_IS_MEETING_TIMER (self), FALSE);

  return pm_document_get_current_step (self->document) != NULL;
}

PmAgendaStep *
pm_meeting_timer_get_step (PmMeetingTimer *self)
{
  PmAgendaStep *step;
  GListModel *agenda;

  g_return_val_if_fail (PM_IS_MEETING_TIMER (self), NULL);

  step = pm_document_find_agenda_step (self->document,
                                       pm_document_get_current_step (self->document));
  if (step != NULL)
    return step;

  agenda = pm_document_get_agenda (self->document);
  if (g_list_model_get_n_items (agenda) == 0)
    return NULL;

  {
    /* The store keeps it alive. */
    g_autoptr(PmAgendaStep) first = g_list_model_get_item (agenda, 0);

    return first;
  }
}

gint64
pm_meeting_timer_get_elapsed (PmMeetingTimer *self,
                              PmAgendaStep   *step)
{
  gint64 seconds;

  g_return_val_if_fail (PM_IS_MEETING_TIMER (self), 0);
  g_return_val_if_fail (PM_IS_AGENDA_STEP (step), 0);

  seconds = pm_agenda_step_get_spent_seconds (step);
  if (self->running && step == pm_meeting_timer_get_step (self))
    seconds += MAX (0, now (self) - self->counted_from) / G_USEC_PER_SEC;
  return seconds;
}

gint64
pm_meeting_timer_get_remaining (PmMeetingTimer *self)
{
  PmAgendaStep *step;

  g_return_val_if_fail (PM_IS_MEETING_TIMER (self), 0);

  step = pm_meeting_timer_get_step (self);
  if (step == NULL)
    return 0;
  return (gint64) pm_agenda_step_get_minutes (step) * 60 - pm_meeting_timer_get_elapsed (self, step);
}

gboolean
pm_meeting_timer_start (PmMeetingTimer *self)
{
  PmAgendaStep *step;
  gboolean first;

  g_return_val_if_fail (PM_IS_MEETING_TIMER (self), FALSE);

  if (self->running || (step = pm_meeting_timer_get_step (self)) == NULL)
    return FALSE;

  first = !pm_meeting_timer_get_started (self);
  if (first)
    pm_document_set_without_undo (self->document, self->document,
                                  "current-step", pm_agenda_step_get_step (step), NULL);

  self->counted_from = self->flushed_at = now (self);
  set_running (self, TRUE);
  emit_changed (self);
  return first;
}

void
pm_meeting_timer_pause (PmMeetingTimer *self)
{
  g_return_if_fail (PM_IS_MEETING_TIMER (self));

  if (!self->running)
    return;

  pm_meeting_timer_flush (self);
  set_running (self, FALSE);
  emit_changed (self);
}

void
pm_meeting_timer_flush (PmMeetingTimer *self)
{
  PmAgendaStep *step;
  gint64 whole;

  g_return_if_fail (PM_IS_MEETING_TIMER (self));

  if (!self->running || (step = pm_meeting_timer_get_step (self)) == NULL)
    return;

  /* Whole seconds only; the fraction stays with the running count. */
  whole = MAX (0, now (self) - self->counted_from) / G_USEC_PER_SEC;
  self->flushed_at = now (self);
  if (whole == 0)
    return;

  self->counted_from += whole * G_USEC_PER_SEC;
  pm_document_set_without_undo (self->document, step,
                                "spent-seconds", pm_agenda_step_get_spent_seconds (step) + whole,
                                NULL);
}

void
pm_meeting_timer_go_to_step (PmMeetingTimer *self,
                             PmAgendaStep   *step)
{
  g_return_if_fail (PM_IS_MEETING_TIMER (self));
  g_return_if_fail (PM_IS_AGENDA_STEP (step));

  pm_meeting_timer_flush (self);
  self->counted_from = self->flushed_at = now (self);
  if (g_strcmp0 (pm_document_get_current_step (self->document), pm_agenda_step_get_step (step)) != 0)
    pm_document_set_without_undo (self->document, self->document,
                                  "current-step", pm_agenda_step_get_step (step), NULL);
  emit_changed (self);
}

PmAgendaStep *
pm_meeting_timer_next_step (PmMeetingTimer *self)
{
  GListModel *agenda;
  PmAgendaStep *step;
  guint position;

  g_return_val_if_fail (PM_IS_MEETING_TIMER (self), NULL);

  step = pm_meeting_timer_get_step (self);
  agenda = pm_document_get_agenda (self->document);
  if (step == NULL ||
      !g_list_store_find (G_LIST_STORE (agenda), step, &position) ||
      position + 1 >= g_list_model_get_n_items (agenda))
    return NULL;

  {
    /* The store keeps it alive. */
    g_autoptr(PmAgendaStep) next = g_list_model_get_item (agenda, position + 1);

    pm_meeting_timer_go_to_step (self, next);
    return next;
  }
}

char *
pm_meeting_format_duration (gint64 seconds)
{
  seconds = ABS (seconds);

  if (seconds >= 3600)
    return g_strdup_printf ("%d:%02d:%02d", (int) (seconds / 3600), (int) (seconds / 60 % 60),
                            (int) (seconds % 60));
  return g_strdup_printf ("%d:%02d", (int) (seconds / 60), (int) (seconds % 60));
}
