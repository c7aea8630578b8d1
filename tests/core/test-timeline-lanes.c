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

  add_event (document, "e1", 1000, "Ana", "CI/CD", "trigger");
  e2 = add_event (document, "e2", 2000, "Bo", "Comms", "communication");
  add_event (document, "e3", 3000, "Cy", "", "detection");
  add_event (document, "e4", 4000, "", "", "");
  add_event (document, "e5", -1, "Ana", "CI/CD", "response");
  g_object_set (e2, "contributor", "p-1", NULL);
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

  return g_test_run ();
}
