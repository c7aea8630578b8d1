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
