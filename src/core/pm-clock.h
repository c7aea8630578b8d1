/* pm-clock.h — the monotonic time the meeting timer counts with, and today's date, replaceable
 * in tests
 *
 * The system clock reads g_get_monotonic_time(): it never jumps when the wall clock is set or
 * the time zone changes, which is what a countdown needs. A fake clock stands still until a test
 * advances it, and then emits "changed" so that whoever shows the time updates at once.
 * The wall time ("today") is kept apart: only rules that need a date when a document has none
 * read it, so that tests can fix it.
 *
 * Signals:
 *   "changed" (PmClock *self)   a fake clock was advanced (the system clock never emits it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PM_TYPE_CLOCK (pm_clock_get_type ())
G_DECLARE_FINAL_TYPE (PmClock, pm_clock, PM, CLOCK, GObject)

PmClock  *pm_clock_new_system  (void);
/* A clock that starts at @start_us microseconds and moves only by pm_clock_advance(). */
PmClock  *pm_clock_new_fake    (gint64   start_us);

/* The clock new timers use (borrowed): the system clock unless a test set another one. */
PmClock  *pm_clock_get_default (void);
/* For tests: @clock (NULL: the system clock again) becomes the default. */
void      pm_clock_set_default (PmClock *clock);

/* Now, in microseconds, on a monotonic scale with an arbitrary start. */
gint64    pm_clock_get_now     (PmClock *self);
gboolean  pm_clock_is_fake     (PmClock *self);
/* Now on the wall clock, in microseconds since 1970-01-01 UTC: g_get_real_time() for the
 * system clock; for a fake clock the value given to pm_clock_set_wall_time() (0 until then),
 * moved on by pm_clock_advance(). */
gint64    pm_clock_get_wall_time (PmClock *self);
/* For tests: sets a fake clock's wall time. */
void      pm_clock_set_wall_time (PmClock *self,
                                  gint64   unix_us);
/* Moves a fake clock forward by @microseconds (≥ 0) and emits "changed". */
void      pm_clock_advance     (PmClock *self,
                                gint64   microseconds);

/* A timer on @self's time (NULL: the system clock) that first fires @interval_ms from now and,
 * while its callback returns G_SOURCE_CONTINUE, every @interval_ms after. On the system clock
 * it is a plain g_timeout_source_new(); on a fake clock it fires only when the clock is
 * advanced past its time (advance the clock on the thread that runs the source's context).
 * The autosaver and the file watcher make their timers with it, so tests need not sleep. */
GSource  *pm_clock_timeout_source_new         (PmClock *self,
                                               guint    interval_ms);
/* The same in whole seconds: g_timeout_source_new_seconds() on the system clock. */
GSource  *pm_clock_timeout_source_new_seconds (PmClock *self,
                                               guint    interval_seconds);

G_END_DECLS
