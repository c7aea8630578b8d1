/* pm-timeline-canvas.h — the event-storming canvas: cards on a time axis, in lanes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pm-document.h"
#include "pm-timeline-lanes.h"   /* PmLaneMode */

G_BEGIN_DECLS

/* The lane index of the unknown-time area in pm_timeline_canvas_lane_at_y(). */
#define PM_TIMELINE_UNKNOWN_LANE (-2)

#define PM_TYPE_TIMELINE_CANVAS (pm_timeline_canvas_get_type ())
G_DECLARE_FINAL_TYPE (PmTimelineCanvas, pm_timeline_canvas, PM, TIMELINE_CANVAS, GtkWidget)

/* Signals: "activate-event" (PmEvent: Enter or a double click on a card), "add-event" (int64
 * unix seconds or G_MININT64 for unknown, string lane name: a double click on empty space),
 * "delete-selection", "selection-changed", "rename-lane" (string key: a double click on a
 * lane's name). */
GtkWidget  *pm_timeline_canvas_new               (void);
void        pm_timeline_canvas_set_document      (PmTimelineCanvas *self,
                                                  PmDocument       *document);
PmLaneMode  pm_timeline_canvas_get_lane_mode     (PmTimelineCanvas *self);
void        pm_timeline_canvas_set_lane_mode     (PmTimelineCanvas *self,
                                                  PmLaneMode        mode);
/* Compact cards ("compact-cards"): each event a small mark in its kind's colour with the
 * kind's first letter, to see a long incident at once; time, actor and text stay in the
 * accessible name, the side panel (Enter) and the table. */
gboolean    pm_timeline_canvas_get_compact_cards (PmTimelineCanvas *self);
void        pm_timeline_canvas_set_compact_cards (PmTimelineCanvas *self,
                                                  gboolean          compact);
/* The property a lane stands for in the current mode ("lane", "actor", "contributor", "kind"). */
const char *pm_timeline_canvas_get_lane_property (PmTimelineCanvas *self);

void        pm_timeline_canvas_zoom              (PmTimelineCanvas *self,
                                                  double            factor,
                                                  double            x);
void        pm_timeline_canvas_zoom_in           (PmTimelineCanvas *self);
void        pm_timeline_canvas_zoom_out          (PmTimelineCanvas *self);
void        pm_timeline_canvas_fit_all           (PmTimelineCanvas *self);
void        pm_timeline_canvas_jump_to_first     (PmTimelineCanvas *self);
void        pm_timeline_canvas_jump_to_now       (PmTimelineCanvas *self);

/* Selection: a new array of borrowed events, in timeline order. */
GPtrArray  *pm_timeline_canvas_get_selection     (PmTimelineCanvas *self);
/* The focused card, NULL if none. */
PmEvent    *pm_timeline_canvas_get_focus_event   (PmTimelineCanvas *self);
void        pm_timeline_canvas_select            (PmTimelineCanvas *self,
                                                  PmEvent          *event,
                                                  gboolean          extend);
void        pm_timeline_canvas_select_all        (PmTimelineCanvas *self);
/* Lanes come from the events (see README): renaming sets the lane (or the actor) of every
 * event in it, as one undo step. Only lanes by lane or by actor can be renamed. */
void        pm_timeline_canvas_rename_lane       (PmTimelineCanvas *self,
                                                  const char       *key,
                                                  const char       *name);
/* Lanes by lane are ordered by the document's "lane-order", then by first appearance (see
 * README). Moving lane @key by @delta places (up < 0 < down) writes the whole order, as one
 * undo step; FALSE when it cannot move (another lane mode, the first or last lane, the lane
 * of events with no lane and no actor). */
gboolean    pm_timeline_canvas_can_move_lane     (PmTimelineCanvas *self,
                                                  const char       *key,
                                                  int               delta);
gboolean    pm_timeline_canvas_move_lane         (PmTimelineCanvas *self,
                                                  const char       *key,
                                                  int               delta);
/* Moves the selected cards by @steps snap steps and @lanes lanes, as one undo step. */
void        pm_timeline_canvas_move_selection    (PmTimelineCanvas *self,
                                                  int               steps,
                                                  int               lanes);

/* Geometry, in widget coordinates (also used by the tests). */
double      pm_timeline_canvas_time_to_x         (PmTimelineCanvas *self,
                                                  double            unix_seconds);
double      pm_timeline_canvas_x_to_time         (PmTimelineCanvas *self,
                                                  double            x);
/* A lane index, PM_TIMELINE_UNKNOWN_LANE, or -1 (the axis, outside). */
int         pm_timeline_canvas_lane_at_y         (PmTimelineCanvas *self,
                                                  double            y);
guint       pm_timeline_canvas_get_n_lanes       (PmTimelineCanvas *self);
const char *pm_timeline_canvas_get_lane_name     (PmTimelineCanvas *self,
                                                  guint             lane);
/* The property value lane @lane stands for ("" for no actor, no contributor). */
const char *pm_timeline_canvas_get_lane_key      (PmTimelineCanvas *self,
                                                  guint             lane);
/* The card of @event, FALSE when it has none (no document). */
gboolean    pm_timeline_canvas_get_card_bounds   (PmTimelineCanvas *self,
                                                  PmEvent          *event,
                                                  graphene_rect_t  *bounds);
PmEvent    *pm_timeline_canvas_event_at          (PmTimelineCanvas *self,
                                                  double            x,
                                                  double            y);
/* The snap step for the current zoom, in seconds (60, 300, 900, 3600 or 86400). */
gint64      pm_timeline_canvas_get_snap_step     (PmTimelineCanvas *self);
double      pm_timeline_canvas_get_scale         (PmTimelineCanvas *self);
/* A whole drag as the gestures do it: press at (@x, @y), move by (@dx, @dy), release. */
void        pm_timeline_canvas_drag              (PmTimelineCanvas *self,
                                                  double            x,
                                                  double            y,
                                                  double            dx,
                                                  double            dy);

G_END_DECLS
