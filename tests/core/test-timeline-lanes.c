/* test-timeline-lanes.c — lanes of a timeline, their order, snap steps and lane edits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-document.h"
#include "pm-timeline-lanes.h"

static PmEvent *
add_event (PmDocument *document,
           const char *id,
           gint64      unix_seconds,
           const char *actor,
           const char *lane,
           const char *kind)
{
  g_autoptr(PmEvent) event = pm_event_new (id);
  g_autoptr(PmTime) time = unix_seconds >= 0
                           ? pm_time_new (unix_seconds, 0, PM_TIME_PRECISION_MINUTE) : NULL;

  pm_event_set_time (event, time);
  g_object_set (event, "actor", actor, "lane", lane, "kind", kind, NULL);
  pm_document_add_event (document, event);
  return event;
}

static char *
joined (GPtrArray *keys)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", (char *) g_ptr_array_index (keys, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static char *
lanes_of (PmDocument *document,
          PmLaneMode  mode)
{
  g_autoptr(GPtrArray) keys = pm_timeline_lanes_compute (document, mode, NULL);

  return joined (keys);
}

/* Ana in CI/CD first, then Comms, then an actor with no lane, then unknown time. */
static PmDocument *
sample (void)
{
  PmDocument *document = pm_document_new ();
  PmEvent *e2;

  add_event (document, "e1", 60000, "Ana", "CI/CD", "trigger");
  e2 = add_event (document, "e2", 120000, "Bo", "Comms", "communication");
  add_event (document, "e3", 180000, "Cy", "", "detection");
  add_event (document, "e4", 240000, "", "", "");
  add_event (document, "e5", -1, "Ana", "CI/CD", "response");
  g_object_set (e2, "contributor", "p-1", NULL);
  pm_document_mark_saved (document);
  return document;
}

static void
test_first_appearance (void)
{
  g_autoptr(PmDocument) document = sample ();
  g_autofree char *by_lane = lanes_of (document, PM_LANE_MODE_LANE);
  g_autofree char *by_actor = lanes_of (document, PM_LANE_MODE_ACTOR);
  g_autofree char *by_contributor = lanes_of (document, PM_LANE_MODE_CONTRIBUTOR);
  g_autofree char *by_kind = lanes_of (document, PM_LANE_MODE_KIND);

  g_assert_cmpstr (by_lane, ==, "CI/CD|Comms|Cy|");
  g_assert_cmpstr (by_actor, ==, "Ana|Bo|Cy|");
  g_assert_cmpstr (by_contributor, ==, "|p-1");
  /* the method's kinds first, then others as they come */
  g_assert_cmpstr (by_kind, ==, "trigger|detection|response|communication|recovery|background|");
}

static void
test_lane_order (void)
{
  g_autoptr(PmDocument) document = sample ();
  const char *order[] = { "Comms", "Gone", "Cy", NULL };
  g_autofree char *by_lane = NULL;
  g_autofree char *by_actor = NULL;

  pm_document_set (document, document, "lane-order", order, NULL);
  by_lane = lanes_of (document, PM_LANE_MODE_LANE);
  by_actor = lanes_of (document, PM_LANE_MODE_ACTOR);
  /* listed first in the listed order, a listed name with no event shows no lane */
  g_assert_cmpstr (by_lane, ==, "Comms|Cy|CI/CD|");
  /* only lanes by lane follow the order */
  g_assert_cmpstr (by_actor, ==, "Ana|Bo|Cy|");
}

static void
test_extra_and_empty (void)
{
  g_autoptr(PmDocument) empty = pm_document_new ();
  g_autoptr(PmDocument) document = sample ();
  const char *extra[] = { "New", "Comms", NULL };
  g_autofree char *none = lanes_of (empty, PM_LANE_MODE_LANE);
  g_autoptr(GPtrArray) keys = pm_timeline_lanes_compute (document, PM_LANE_MODE_LANE, extra);
  g_autofree char *with_extra = joined (keys);

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (with_extra, ==, "CI/CD|Comms|Cy||New");
}

static void
test_lane_key (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  PmEvent *with_lane = add_event (document, "a", 10, "Ana", "Ops", "trigger");
  PmEvent *no_lane = add_event (document, "b", 20, "Bo", "", "");

  g_assert_cmpstr (pm_timeline_lane_key (with_lane, PM_LANE_MODE_LANE), ==, "Ops");
  g_assert_cmpstr (pm_timeline_lane_key (no_lane, PM_LANE_MODE_LANE), ==, "Bo");
  g_assert_cmpstr (pm_timeline_lane_key (with_lane, PM_LANE_MODE_ACTOR), ==, "Ana");
  g_assert_cmpstr (pm_timeline_lane_key (with_lane, PM_LANE_MODE_CONTRIBUTOR), ==, "");
  g_assert_cmpstr (pm_timeline_lane_key (with_lane, PM_LANE_MODE_KIND), ==, "trigger");
  g_assert_cmpstr (pm_lane_mode_get_property (PM_LANE_MODE_LANE), ==, "lane");
  g_assert_cmpstr (pm_lane_mode_get_property (PM_LANE_MODE_CONTRIBUTOR), ==, "contributor");
}

static void
test_snap_steps (void)
{
  guint n;
  const gint64 *steps = pm_timeline_get_snap_steps (&n);

  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpint (steps[0], ==, 60);
  g_assert_cmpint (steps[4], ==, 86400);
  /* the finest step at least 10 px wide */
  g_assert_cmpint (pm_timeline_snap_step_for_scale (1.0), ==, 60);
  g_assert_cmpint (pm_timeline_snap_step_for_scale (10.0 / 60), ==, 60);
  g_assert_cmpint (pm_timeline_snap_step_for_scale (10.0 / 300), ==, 300);
  g_assert_cmpint (pm_timeline_snap_step_for_scale (10.0 / 900), ==, 900);
  g_assert_cmpint (pm_timeline_snap_step_for_scale (10.0 / 3600), ==, 3600);
  g_assert_cmpint (pm_timeline_snap_step_for_scale (10.0 / 86400), ==, 86400);
  g_assert_cmpint (pm_timeline_snap_step_for_scale (1e-9), ==, 86400);
}

/* ---- Lane edits ---- */

static void
test_rename_lane (void)
{
  g_autoptr(PmDocument) document = sample ();
  const char *order[] = { "Comms", "CI/CD", NULL };
  g_autofree char *renamed = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *by_actor = NULL;
  const char * const *now;

  pm_document_set (document, document, "lane-order", order, NULL);
  g_assert_true (pm_document_get_modified (document));

  /* every event of the lane, and its place in the order, in one undo step */
  g_assert_true (pm_document_rename_lane (document, PM_LANE_MODE_LANE, "CI/CD", "Pipeline"));
  g_assert_cmpstr (pm_event_get_lane (pm_document_find_event (document, "e1")), ==, "Pipeline");
  g_assert_cmpstr (pm_event_get_lane (pm_document_find_event (document, "e5")), ==, "Pipeline");
  now = pm_document_get_lane_order (document);
  g_assert_cmpstr (now[0], ==, "Comms");
  g_assert_cmpstr (now[1], ==, "Pipeline");
  renamed = lanes_of (document, PM_LANE_MODE_LANE);
  g_assert_cmpstr (renamed, ==, "Comms|Pipeline|Cy|");

  /* the lane of an actor with no lane: the events get that lane */
  g_assert_true (pm_document_rename_lane (document, PM_LANE_MODE_LANE, "Cy", "Comms"));
  g_assert_cmpstr (pm_event_get_lane (pm_document_find_event (document, "e3")), ==, "Comms");
  g_assert_cmpstr (pm_event_get_actor (pm_document_find_event (document, "e3")), ==, "Cy");
  merged = lanes_of (document, PM_LANE_MODE_LANE);
  g_assert_cmpstr (merged, ==, "Comms|Pipeline|");

  g_assert_true (pm_document_undo (document));
  g_assert_true (pm_document_undo (document));
  undone = lanes_of (document, PM_LANE_MODE_LANE);
  g_assert_cmpstr (undone, ==, "Comms|CI/CD|Cy|");
  g_assert_cmpstr (pm_event_get_lane (pm_document_find_event (document, "e5")), ==, "CI/CD");

  /* by actor: the actor changes */
  g_assert_true (pm_document_rename_lane (document, PM_LANE_MODE_ACTOR, "Ana", "Ana Lima"));
  by_actor = lanes_of (document, PM_LANE_MODE_ACTOR);
  g_assert_cmpstr (by_actor, ==, "Ana Lima|Bo|Cy|");
  g_assert_cmpstr (pm_event_get_lane (pm_document_find_event (document, "e1")), ==, "CI/CD");

  /* nothing to do: the same name, or lanes that stand for no name */
  g_assert_false (pm_document_rename_lane (document, PM_LANE_MODE_LANE, "Comms", "Comms"));
  g_assert_false (pm_document_rename_lane (document, PM_LANE_MODE_KIND, "trigger", "x"));
  g_assert_false (pm_document_rename_lane (document, PM_LANE_MODE_CONTRIBUTOR, "p-1", "x"));
}

static void
test_move_lane (void)
{
  g_autoptr(PmDocument) document = sample ();
  g_autoptr(GPtrArray) lanes = pm_timeline_lanes_compute (document, PM_LANE_MODE_LANE, NULL);
  g_autofree char *moved = NULL;
  g_autofree char *undone = NULL;
  const char * const *order;

  /* "" (no lane, no actor) is not ordered; the first cannot go up, the last not down */
  g_assert_false (pm_timeline_lanes_can_move (lanes, "CI/CD", -1));
  g_assert_false (pm_timeline_lanes_can_move (lanes, "Cy", 1));
  g_assert_false (pm_timeline_lanes_can_move (lanes, "", -1));
  g_assert_false (pm_timeline_lanes_can_move (lanes, "Comms", 0));
  g_assert_false (pm_timeline_lanes_can_move (lanes, "Nobody", 1));
  g_assert_true (pm_timeline_lanes_can_move (lanes, "Cy", -2));
  g_assert_false (pm_document_move_lane (document, lanes, "CI/CD", -1));
  g_assert_false (pm_document_get_modified (document));

  /* the whole order written, one undo step */
  g_assert_true (pm_document_move_lane (document, NULL, "Cy", -2));
  order = pm_document_get_lane_order (document);
  g_assert_cmpuint (g_strv_length ((char **) order), ==, 3);
  g_assert_cmpstr (order[0], ==, "Cy");
  g_assert_cmpstr (order[1], ==, "CI/CD");
  g_assert_cmpstr (order[2], ==, "Comms");
  moved = lanes_of (document, PM_LANE_MODE_LANE);
  g_assert_cmpstr (moved, ==, "Cy|CI/CD|Comms|");

  g_assert_true (pm_document_undo (document));
  g_assert_null (pm_document_get_lane_order (document)[0]);
  undone = lanes_of (document, PM_LANE_MODE_LANE);
  g_assert_cmpstr (undone, ==, "CI/CD|Comms|Cy|");
  g_assert_false (pm_document_get_modified (document));
}

static void
test_move_events (void)
{
  g_autoptr(PmDocument) document = sample ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GPtrArray) lanes = pm_timeline_lanes_compute (document, PM_LANE_MODE_LANE, NULL);
  PmEvent *e1 = pm_document_find_event (document, "e1");
  PmEvent *e2 = pm_document_find_event (document, "e2");
  PmEvent *e5 = pm_document_find_event (document, "e5");

  g_ptr_array_add (events, e1);
  g_ptr_array_add (events, e2);
  g_ptr_array_add (events, e5);

  /* two steps of 15 minutes later and one lane down, as one undo step; no time stays none */
  pm_document_move_events (document, events, PM_LANE_MODE_LANE, lanes, 2, 900, zone, 1);
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (e1)), ==, 60000 + 1800);
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (e2)), ==, 120000 + 1800);
  g_assert_null (pm_event_get_time (e5));
  g_assert_cmpstr (pm_event_get_lane (e1), ==, "Comms");
  g_assert_cmpstr (pm_event_get_lane (e2), ==, "Cy");
  g_assert_cmpstr (pm_event_get_lane (e5), ==, "Comms");

  /* and back: the same times (steps from the event's own time, not to a grid) */
  lanes = (g_ptr_array_unref (lanes), pm_timeline_lanes_compute (document, PM_LANE_MODE_LANE, NULL));
  g_assert_true (pm_document_undo (document));
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (e1)), ==, 60000);
  g_assert_cmpstr (pm_event_get_lane (e1), ==, "CI/CD");
  g_assert_cmpstr (pm_event_get_lane (e2), ==, "Comms");
  g_assert_false (pm_document_get_modified (document));

  /* lanes clamp to the last; by contributor, the lane "" is no contributor */
  g_ptr_array_set_size (events, 0);
  g_ptr_array_add (events, e2);
  pm_document_move_events (document, events, PM_LANE_MODE_LANE, NULL, 0, 60, zone, 10);
  /* the last lane is that of events with no lane and no actor */
  g_assert_cmpstr (pm_event_get_lane (e2), ==, "");
  pm_document_move_events (document, events, PM_LANE_MODE_CONTRIBUTOR, NULL, 0, 60, zone, -1);
  g_assert_null (pm_event_get_contributor (e2));
  pm_document_move_events (document, events, PM_LANE_MODE_LANE, NULL, -3, 60, zone, 0);
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (e2)), ==, 120000 - 180);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timeline-lanes/first-appearance", test_first_appearance);
  g_test_add_func ("/timeline-lanes/lane-order", test_lane_order);
  g_test_add_func ("/timeline-lanes/extra-and-empty", test_extra_and_empty);
  g_test_add_func ("/timeline-lanes/lane-key", test_lane_key);
  g_test_add_func ("/timeline-lanes/snap-steps", test_snap_steps);
  g_test_add_func ("/timeline-lanes/rename-lane", test_rename_lane);
  g_test_add_func ("/timeline-lanes/move-lane", test_move_lane);
  g_test_add_func ("/timeline-lanes/move-events", test_move_events);

  return g_test_run ();
}
