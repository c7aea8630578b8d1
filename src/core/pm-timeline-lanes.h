/* pm-timeline-lanes.h — the lanes of a timeline, their order and the snap steps, headless
 *
 * The one description of lanes that the canvas, the timeline table and the PDF figure share
 * (see README, "Lanes"): a lane stands for a value of one property of the events (the mode);
 * lanes by lane come in the document's "lane-order" first, then the others in the order of
 * their first event; lanes by kind list the method's kinds first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pm-document.h"
#include "pm-event.h"
#include "pm-time.h"

G_BEGIN_DECLS

typedef enum
{
  PM_LANE_MODE_LANE,         /* the event's "lane", its actor when it has none */
  PM_LANE_MODE_ACTOR,
  PM_LANE_MODE_CONTRIBUTOR,
  PM_LANE_MODE_KIND,
} PmLaneMode;

/* The property a lane stands for in @mode ("lane", "actor", "contributor", "kind"). */
const char  *pm_lane_mode_get_property       (PmLaneMode          mode);

/* The key of the lane @event is in: the property value ("" for no actor, no contributor);
 * borrowed from @event. */
const char  *pm_timeline_lane_key            (PmEvent            *event,
                                              PmLaneMode          mode);

/* The lane keys of @document in @mode, in the order shown: for lanes by kind the method's
 * kinds first; then every key in the order of its first event; then @extra (lanes added by
 * hand, may be NULL) that are not there yet; lanes by lane then reordered by "lane-order"
 * (listed first, in the order listed; the others as they came). Never empty: a document with
 * no event has the one lane "". A new array of new strings. */
GPtrArray   *pm_timeline_lanes_compute       (PmDocument         *document,
                                              PmLaneMode          mode,
                                              const char * const *extra);

/* Reorders @keys (char*, any owner) in place: listed in @order first, in that order, then the
 * others as they came. */
void         pm_timeline_lanes_apply_order   (GPtrArray          *keys,
                                              const char * const *order);

/* The snap steps, finest first: 60, 300, 900, 3600, 86400 seconds. */
const gint64 *pm_timeline_get_snap_steps     (guint              *n_steps);
/* The finest snap step at least 10 pixels wide at @scale pixels per second (a day when none). */
gint64       pm_timeline_snap_step_for_scale (double              scale);

/* ---- Lane edits: each one undo step on @document ---- */

/* Sets the lane (PM_LANE_MODE_LANE) or actor (PM_LANE_MODE_ACTOR) of every event in lane @key
 * to @name; a lane listed in "lane-order" keeps its place (merged into a listed lane, it takes
 * that one's). FALSE when nothing changes (another mode, @key equals @name). */
gboolean     pm_document_rename_lane         (PmDocument         *document,
                                              PmLaneMode          mode,
                                              const char         *key,
                                              const char         *name);

/* Whether lane @key (by lane) can move by @delta places among the orderable lanes @lanes (the
 * keys shown, in order; "" is never orderable). */
gboolean     pm_timeline_lanes_can_move      (GPtrArray          *lanes,
                                              const char         *key,
                                              int                 delta);
/* Moves lane @key by @delta places (up < 0 < down) among @lanes (as shown, in order; NULL:
 * the document's lanes by lane) and writes the whole order to "lane-order"; FALSE when it
 * cannot move. */
gboolean     pm_document_move_lane           (PmDocument         *document,
                                              GPtrArray          *lanes,
                                              const char         *key,
                                              int                 delta);

/* Moves each of @events by @steps steps of @step seconds from its own time (see
 * pm_time_add_steps(), in @zone; events with no time keep it unknown) and by @lane_delta lanes
 * among @lanes (the keys shown in @mode, in order; clamped to the first and last), as one
 * undo step. */
void         pm_document_move_events         (PmDocument         *document,
                                              GPtrArray          *events,
                                              PmLaneMode          mode,
                                              GPtrArray          *lanes,
                                              int                 steps,
                                              gint64              step,
                                              GTimeZone          *zone,
                                              int                 lane_delta);

/* Sets the property of @mode on @event to lane @key ("" in lanes by contributor: none), as
 * part of the current change. */
void         pm_document_set_event_lane      (PmDocument         *document,
                                              PmEvent            *event,
                                              PmLaneMode          mode,
                                              const char         *key);

G_END_DECLS
