/* pm-clock.c — the monotonic time the meeting timer counts with, and today's date, replaceable
 * in tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-clock.h"

struct _PmClock
{
  GObject   parent_instance;

  gboolean  fake;
  gint64    now_us;   /* a fake clock's time */
  gint64    wall_us;  /* a fake clock's wall time */
};

G_DEFINE_FINAL_TYPE (PmClock, pm_clock, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static PmClock *default_clock;

static void
pm_clock_class_init (PmClockClass *klass)
{
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pm_clock_init (PmClock *self)
{
}

PmClock *
pm_clock_new_system (void)
{
  return g_object_new (PM_TYPE_CLOCK, NULL);
}

PmClock *
pm_clock_new_fake (gint64 start_us)
{
  PmClock *self = g_object_new (PM_TYPE_CLOCK, NULL);

  self->fake = TRUE;
  self->now_us = start_us;
  return self;
}

PmClock *
pm_clock_get_default (void)
{
  /* Process-lifetime, like any other default object. */
  if (default_clock == NULL)
    default_clock = pm_clock_new_system ();

  return default_clock;
}

void
pm_clock_set_default (PmClock *clock)
{
  g_return_if_fail (clock == NULL || PM_IS_CLOCK (clock));

  if (clock == NULL)
    clock = pm_clock_new_system ();
  else
    g_object_ref (clock);

  g_clear_object (&default_clock);
  default_clock = clock;
}

gint64
pm_clock_get_now (PmClock *self)
{
  g_return_val_if_fail (PM_IS_CLOCK (self), 0);

  return self->fake ? self->now_us : g_get_monotonic_time ();
}

gint64
pm_clock_get_wall_time (PmClock *self)
{
  g_return_val_if_fail (PM_IS_CLOCK (self), 0);

  return self->fake ? self->wall_us : g_get_real_time ();
}

void
pm_clock_set_wall_time (PmClock *self,
                        gint64   unix_us)
{
  g_return_if_fail (PM_IS_CLOCK (self));
  g_return_if_fail (self->fake);

  self->wall_us = unix_us;
}

gboolean
pm_clock_is_fake (PmClock *self)
{
  g_return_val_if_fail (PM_IS_CLOCK (self), FALSE);

  return self->fake;
}

void
pm_clock_advance (PmClock *self,
                  gint64   microseconds)
{
  g_return_if_fail (PM_IS_CLOCK (self));
  g_return_if_fail (self->fake);
  g_return_if_fail (microseconds >= 0);

  self->now_us += microseconds;
  self->wall_us += microseconds;
  g_signal_emit (self, signals[CHANGED], 0);
}

/* A timer on a fake clock: ready when the clock has reached its time. It never wakes the loop
 * by itself (prepare() asks for no timeout); advancing the clock wakes the context. */
typedef struct
{
  GSource   source;
  PmClock  *clock;
  gulong    changed_id;
  gint64    interval_us;
  gint64    ready_at;
} FakeTimeout;

static gboolean
fake_timeout_prepare (GSource *source,
                      int     *timeout)
{
  FakeTimeout *self = (FakeTimeout *) source;

  *timeout = -1;
  return self->clock->now_us >= self->ready_at;
}

static gboolean
fake_timeout_check (GSource *source)
{
  FakeTimeout *self = (FakeTimeout *) source;

  return self->clock->now_us >= self->ready_at;
}

static gboolean
fake_timeout_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  FakeTimeout *self = (FakeTimeout *) source;

  if (callback == NULL || !callback (user_data))
    return G_SOURCE_REMOVE;
  self->ready_at = self->clock->now_us + self->interval_us;
  return G_SOURCE_CONTINUE;
}

static void
fake_timeout_finalize (GSource *source)
{
  FakeTimeout *self = (FakeTimeout *) source;

  g_clear_signal_handler (&self->changed_id, self->clock);
  g_clear_object (&self->clock);
}

static GSourceFuncs fake_timeout_funcs = {
  fake_timeout_prepare,
  fake_timeout_check,
  fake_timeout_dispatch,
  fake_timeout_finalize,
  NULL, NULL
};

static void
on_fake_clock_changed (PmClock *clock,
                       GSource *source)
{
  GMainContext *context = g_source_get_context (source);

  if (context != NULL)
    g_main_context_wakeup (context);
}

static GSource *
fake_timeout_new (PmClock *clock,
                  gint64   interval_us)
{
  GSource *source = g_source_new (&fake_timeout_funcs, sizeof (FakeTimeout));
  FakeTimeout *self = (FakeTimeout *) source;

  self->clock = g_object_ref (clock);
  self->interval_us = interval_us;
  self->ready_at = clock->now_us + interval_us;
  self->changed_id = g_signal_connect (clock, "changed", G_CALLBACK (on_fake_clock_changed),
                                       source);
  return source;
}

GSource *
pm_clock_timeout_source_new (PmClock *self,
                             guint    interval_ms)
{
  g_return_val_if_fail (self == NULL || PM_IS_CLOCK (self), NULL);

  if (self != NULL && self->fake)
    return fake_timeout_new (self, (gint64) interval_ms * 1000);
  return g_timeout_source_new (interval_ms);
}

GSource *
pm_clock_timeout_source_new_seconds (PmClock *self,
                                     guint    interval_seconds)
{
  if (self != NULL && PM_IS_CLOCK (self) && self->fake)
    return pm_clock_timeout_source_new (self, interval_seconds * 1000);
  /* Seconds-granular on the system clock, so that the wake-ups of timers coalesce. */
  return g_timeout_source_new_seconds (interval_seconds);
}
