/* pm-timeline-canvas-private.h — hooks for the benchmark and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-timeline-canvas.h"

G_BEGIN_DECLS

/* Puts the canvas in the middle of a drag of the selection, grabbed at the focused card and
 * moved by (@dx, @dy), without ending it; (0, 0) ends it without changing anything. */
void _pm_timeline_canvas_set_drag_offset (PmTimelineCanvas *self,
                                          double            dx,
                                          double            dy);

/* A pinch (GtkGestureZoom) begins, and its scale (relative to the start) changes with the
 * fingers' centre at @center_x; for tests, which cannot make touch events. */
void _pm_timeline_canvas_pinch_begin (PmTimelineCanvas *self);
void _pm_timeline_canvas_pinch       (PmTimelineCanvas *self,
                                      double            scale,
                                      double            center_x);

G_END_DECLS
