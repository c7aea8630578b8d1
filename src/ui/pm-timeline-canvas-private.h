/* pm-timeline-canvas-private.h — hooks for the benchmark
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

G_END_DECLS
