/* test-timeline.c — the Timeline page: layout, hit-testing, dragging, undo, quick entry, keys
 *
 * Drags go through the canvas's own drag handler (pm_timeline_canvas_drag() runs the code the
 * gesture runs at drag-end), so what is checked is what a pointer would do; the end-to-end
 * test drags with the real pointer. Needs a display (run under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>

#include "pm-clock.h"
#include "pm-document-format.h"
#include "pm-event-editor.h"
#include "pm-timeline-canvas-private.h"
#include "pm-timeline-page.h"
#include "ui-test-util.h"

typedef struct
{
  GtkWindow        *window;
  PmTimelinePage   *page;
  PmTimelineCanvas *canvas;
  PmDocument       *document;
} Fixture;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(GError) error = NULL;

  fixture->document = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1280, 760);
  fixture->page = PM_TIMELINE_PAGE (pm_timeline_page_new ());
  fixture->canvas = pm_timeline_page_get_canvas (fixture->page);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  pm_timeline_page_set_document (fixture->page, fixture->document);
  gtk_window_present (fixture->window);
  pm_test_wait_until_mapped (GTK_WIDGET (fixture->canvas));
  pm_test_drain_events (5);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  pm_test_drain_events (5);
  g_clear_object (&fixture->document);
}

static PmEvent *
event (Fixture    *fixture,
       const char *id)
{
  PmEvent *e = pm_document_find_event (fixture->document, id);

  g_assert_nonnull (e);
  return e;
}

static char *
iso (PmEvent *e)
{
  return pm_event_get_time (e) ? pm_time_to_iso8601 (pm_event_get_time (e)) : NULL;
}

/* Renders the canvas once, as the screen would (draws only what is visible). */
static void
render (PmTimelineCanvas *canvas)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;

  GTK_WIDGET_GET_CLASS (canvas)->snapshot (GTK_WIDGET (canvas), snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
}

static PmEventEditor *
find_editor (GtkWidget *widget)
{
  if (PM_IS_EVENT_EDITOR (widget))
    return PM_EVENT_EDITOR (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      PmEventEditor *found = find_editor (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_by_type_and_icon (GtkWidget  *widget,
                       GType       type,
                       const char *icon)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      g_autofree char *name = NULL;

      g_object_get (widget, "icon-name", &name, NULL);
      if (g_strcmp0 (name, icon) == 0)
        return widget;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type_and_icon (child, type, icon);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  if (GTK_IS_LIST_BOX (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Several selected cards are linked to a root cause in one step (issue: "select cards, Link to
 * root cause"). */
static void
test_link_selection_to_root_cause (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkWidget *button = find_by_type_and_icon (GTK_WIDGET (fixture->page), GTK_TYPE_MENU_BUTTON,
                                             "insert-link-symbolic");
  GListModel *causes = pm_document_get_root_causes (fixture->document);
  GListModel *events = pm_document_get_events (fixture->document);
  g_autoptr(PmEvent) first = g_list_model_get_item (events, 0);
  g_autoptr(PmEvent) last = g_list_model_get_item (events, g_list_model_get_n_items (events) - 1);
  PmRootCause *target = NULL;
  GtkWidget *list;
  gboolean activated = FALSE;

  g_assert_nonnull (button);
  g_assert_false (gtk_widget_get_sensitive (button));

  for (guint i = 0; i < g_list_model_get_n_items (causes) && target == NULL; i++)
    {
      g_autoptr(PmRootCause) cause = g_list_model_get_item (causes, i);

      if (!pm_root_cause_has_event (cause, pm_event_get_id (first)) &&
          !pm_root_cause_has_event (cause, pm_event_get_id (last)))
        target = cause;
    }
  g_assert_nonnull (target);

  pm_timeline_canvas_select (fixture->canvas, first, FALSE);
  pm_timeline_canvas_select (fixture->canvas, last, TRUE);
  pm_test_drain_events (5);
  g_assert_true (gtk_widget_get_sensitive (button));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  pm_test_drain_events (5);
  list = find_list_box (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))));
  g_assert_nonnull (list);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "root-cause-id"),
                   pm_root_cause_get_id (target)) == 0)
      {
        g_signal_emit_by_name (list, "row-activated", row);
        activated = TRUE;
      }
  g_assert_true (activated);
  pm_test_drain_events (5);

  g_assert_true (pm_root_cause_has_event (target, pm_event_get_id (first)));
  g_assert_true (pm_root_cause_has_event (target, pm_event_get_id (last)));
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_false (pm_root_cause_has_event (target, pm_event_get_id (first)));
  g_assert_false (pm_root_cause_has_event (target, pm_event_get_id (last)));
}

static void
test_layout (Fixture       *fixture,
             gconstpointer  data)
{
  GListModel *events = pm_document_get_events (fixture->document);
  guint n = g_list_model_get_n_items (events);
  double last_x = -G_MAXDOUBLE;

  g_assert_cmpuint (n, ==, 36);
  /* Lanes: the events' lanes, in order of first appearance */
  g_assert_cmpuint (pm_timeline_canvas_get_n_lanes (fixture->canvas), ==, 7);
  g_assert_cmpstr (pm_timeline_canvas_get_lane_name (fixture->canvas, 0), ==, "CI/CD");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) e = g_list_model_get_item (events, i);
      graphene_rect_t b;
      const PmTime *t = pm_event_get_time (e);

      g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &b));
      if (t != NULL)
        {
          /* a card starts at its time, in timeline order */
          g_assert_cmpfloat (fabs (b.origin.x - pm_timeline_canvas_time_to_x (fixture->canvas,
                                                                              pm_time_get_unix (t))),
                             <, 0.01);
          g_assert_cmpfloat (b.origin.x, >=, last_x);
          last_x = b.origin.x;
          g_assert_cmpint (pm_timeline_canvas_lane_at_y (fixture->canvas,
                                                         b.origin.y + b.size.height / 2), >=, 0);
        }
      else
        g_assert_cmpint (pm_timeline_canvas_lane_at_y (fixture->canvas,
                                                       b.origin.y + b.size.height / 2),
                         ==, PM_TIMELINE_UNKNOWN_LANE);
    }

  /* No two cards overlap, whatever the zoom */
  for (int zoom = 0; zoom < 3; zoom++)
    {
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          {
            g_autoptr(PmEvent) a = g_list_model_get_item (events, i);
            g_autoptr(PmEvent) b = g_list_model_get_item (events, j);
            graphene_rect_t ra, rb;

            pm_timeline_canvas_get_card_bounds (fixture->canvas, a, &ra);
            pm_timeline_canvas_get_card_bounds (fixture->canvas, b, &rb);
            g_assert_false (graphene_rect_intersection (&ra, &rb, NULL));
          }
      pm_timeline_canvas_zoom (fixture->canvas, 8.0, 600);
      render (fixture->canvas);
    }

  /* Hit-testing finds the card under a point */
  {
    graphene_rect_t b;

    pm_timeline_canvas_get_card_bounds (fixture->canvas, event (fixture, "ev-20"), &b);
    pm_timeline_canvas_select (fixture->canvas, event (fixture, "ev-20"), FALSE);
    pm_timeline_canvas_get_card_bounds (fixture->canvas, event (fixture, "ev-20"), &b);
    g_assert_true (pm_timeline_canvas_event_at (fixture->canvas, b.origin.x + 5,
                                                b.origin.y + 5) == event (fixture, "ev-20"));
    render (fixture->canvas);
  }
}

/* The page fits a small window: it must never make the window wider than the others. */
static void
test_minimum_width (Fixture       *fixture,
                    gconstpointer  data)
{
  int minimum = 0, natural = 0;

  gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, &natural, NULL, NULL);
  g_test_message ("minimum width %d", minimum);

  g_assert_cmpint (minimum, <=, 640);
}

static void
test_equal_instants_stack (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PmEvent *a = pm_timeline_page_quick_add (fixture->page, "2024-10-26 19:05 Release Engineering on-call: one", &error);
  PmEvent *b;
  graphene_rect_t ra, rb;

  g_assert_no_error (error);
  b = pm_timeline_page_quick_add (fixture->page, "2024-10-26 19:05 Release Engineering on-call: two", &error);
  g_assert_no_error (error);
  pm_timeline_canvas_get_card_bounds (fixture->canvas, a, &ra);
  pm_timeline_canvas_get_card_bounds (fixture->canvas, b, &rb);
  g_assert_cmpfloat (ra.origin.x, ==, rb.origin.x);
  g_assert_false (graphene_rect_intersection (&ra, &rb, NULL));
}

static void
collect_checks (GtkWidget *widget,
                GPtrArray *checks)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_CHECK_BUTTON (child))
        g_ptr_array_add (checks, child);
      collect_checks (child, checks);
    }
}

static GtkWidget *
find_menu_button (GtkWidget  *root,
                  const char *icon)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_MENU_BUTTON (child) &&
          g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (child)), icon) == 0)
        return child;
      if ((found = find_menu_button (child, icon)) != NULL)
        return found;
    }
  return NULL;
}

/* "Link the selected events to a root cause" lists the root causes readably, not as "…". */
static void
test_link_menu_is_readable (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *button = find_menu_button (GTK_WIDGET (fixture->page), "insert-link-symbolic");
  GtkPopover *popover;
  int minimum = 0;

  g_assert_nonnull (button);
  pm_timeline_canvas_select (fixture->canvas, event (fixture, "ev-20"), FALSE);
  pm_test_drain_events (5);
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  pm_test_drain_events (10);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  /* What it asks for at least: before, an ellipsis was enough for it (30 px). */
  gtk_widget_measure (gtk_popover_get_child (popover), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("link menu at least %d px wide", minimum);
  g_assert_cmpint (minimum, >=, 150);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

/* Marks at the end of a quick entry set the kind and the flags. */
static void
test_quick_entry_marks (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  PmEvent *e = pm_timeline_page_quick_add (fixture->page, "2024-10-26 19:05 SOC paged the on-call #det ! ~", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pm_event_get_actor (e), ==, "SOC");
  g_assert_cmpstr (pm_event_get_text (e), ==, "paged the on-call");
  g_assert_cmpstr (pm_event_get_kind (e), ==, "detection");
  g_assert_true (pm_event_get_contributed (e));
  g_assert_true (pm_event_get_slowed_response (e));
  /* One step takes it all back. */
  {
    g_autofree char *id = g_strdup (pm_event_get_id (e));

    g_assert_true (pm_document_undo (fixture->document));
    g_assert_null (pm_document_find_event (fixture->document, id));
  }
}

/* The table shows and edits "contributed" and "slowed the response", each an undo step. */
static void
test_table_flags (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  g_autoptr(PmEvent) first = g_list_model_get_item (pm_document_get_events (fixture->document), 0);
  gboolean contributed = pm_event_get_contributed (first);
  gboolean slowed = pm_event_get_slowed_response (first);
  GtkCheckButton *contributed_check, *slowed_check;

  pm_timeline_page_set_view (fixture->page, "table");
  pm_test_drain_events (10);
  collect_checks (GTK_WIDGET (fixture->page), checks);
  g_assert_cmpuint (checks->len, >=, 2);
  /* The first row, in timeline order: its two flags. */
  contributed_check = g_ptr_array_index (checks, 0);
  slowed_check = g_ptr_array_index (checks, 1);
  g_assert_cmpint (gtk_check_button_get_active (contributed_check), ==, contributed);
  g_assert_cmpint (gtk_check_button_get_active (slowed_check), ==, slowed);

  gtk_check_button_set_active (slowed_check, !slowed);
  g_assert_cmpint (pm_event_get_slowed_response (first), ==, !slowed);
  gtk_check_button_set_active (contributed_check, !contributed);
  g_assert_cmpint (pm_event_get_contributed (first), ==, !contributed);

  g_assert_true (pm_document_undo (fixture->document));
  pm_test_drain_events (5);
  g_assert_cmpint (pm_event_get_contributed (first), ==, contributed);
  g_assert_cmpint (gtk_check_button_get_active (contributed_check), ==, contributed);
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpint (pm_event_get_slowed_response (first), ==, slowed);
  pm_timeline_page_set_view (fixture->page, "canvas");
}

static GtkScrolledWindow *
find_scroller (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found;

      if (GTK_IS_SCROLLED_WINDOW (child))
        return GTK_SCROLLED_WINDOW (child);
      if ((found = find_scroller (child)) != NULL)
        return found;
    }
  return NULL;
}

/* Another event's side panel opens at its top. */
static void
test_editor_opens_at_top (Fixture       *fixture,
                          gconstpointer  data)
{
  PmEventEditor *editor = find_editor (GTK_WIDGET (fixture->page));
  GtkScrolledWindow *scroller = find_scroller (GTK_WIDGET (editor));
  GtkAdjustment *adjustment;

  g_assert_nonnull (scroller);
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  gtk_window_set_default_size (fixture->window, 1000, 400);
  pm_timeline_page_edit_event (fixture->page, event (fixture, "ev-20"));
  pm_test_drain_events (20);
  gtk_adjustment_set_value (adjustment, 150);
  g_test_message ("panel scrolled to %.0f of %.0f", gtk_adjustment_get_value (adjustment),
                  gtk_adjustment_get_upper (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  pm_timeline_page_edit_event (fixture->page, event (fixture, "ev-13"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  pm_timeline_page_edit_event (fixture->page, NULL);
}

/* Escape in the event's side panel closes it (the key is bound to "editor.close"). */
static void
test_escape_closes_editor (Fixture       *fixture,
                           gconstpointer  data)
{
  PmEventEditor *editor = find_editor (GTK_WIDGET (fixture->page));

  pm_timeline_page_edit_event (fixture->page, event (fixture, "ev-20"));
  g_assert_nonnull (pm_event_editor_get_event (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.close", NULL));
  g_assert_null (pm_event_editor_get_event (editor));
}

/* A live session's events reach the cards within a quarter of a second, one rebuild for a
 * stream of them; the moderator's own at once. */
static void
test_live_events_reach_cards (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(PmEvent) theirs = pm_event_new ("ev-from-a-participant");
  g_autoptr(PmEvent) mine = pm_event_new ("ev-from-the-moderator");
  g_autoptr(PmTime) time = pm_time_new (1729962000, 7200, PM_TIME_PRECISION_MINUTE);
  graphene_rect_t b;
  gint64 deadline;

  pm_event_set_time (theirs, time);
  pm_event_set_text (theirs, "Seen in the room");
  pm_document_begin_foreign_change (fixture->document, "Ana");
  pm_document_add_event (fixture->document, theirs);
  pm_document_end_foreign_change (fixture->document);
  g_assert_false (pm_timeline_canvas_get_card_bounds (fixture->canvas, theirs, &b));

  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (!pm_timeline_canvas_get_card_bounds (fixture->canvas, theirs, &b) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (10000), TRUE);
  g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, theirs, &b));

  pm_event_set_time (mine, time);
  pm_event_set_text (mine, "Typed by the moderator");
  pm_document_add_event (fixture->document, mine);
  g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, mine, &b));
}

static void
test_drag_time_and_lane_one_undo (Fixture       *fixture,
                                  gconstpointer  data)
{
  PmEvent *e = event (fixture, "ev-20");
  g_autofree char *before = iso (e);
  g_autofree char *after = NULL;
  g_autofree char *lane_before = g_strdup (pm_event_get_lane (e));
  graphene_rect_t b;
  g_autofree char *target_name = NULL;
  double scale;
  gint64 step;
  int lane, target_lane = -1;
  double dy;

  /* 300 pixels an hour: the step is 15 minutes or finer */
  pm_timeline_canvas_zoom (fixture->canvas,
                           300.0 / 3600 / pm_timeline_canvas_get_scale (fixture->canvas), 600);
  pm_timeline_canvas_select (fixture->canvas, e, FALSE);
  g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &b));
  lane = pm_timeline_canvas_lane_at_y (fixture->canvas, b.origin.y + 10);

  /* up to the lane above it, found by moving the pointer up */
  for (dy = 0; b.origin.y + 10 + dy > 0; dy -= 4)
    {
      target_lane = pm_timeline_canvas_lane_at_y (fixture->canvas, b.origin.y + 10 + dy);
      if (target_lane != lane)
        break;
    }
  g_assert_cmpint (target_lane, >=, 0);
  target_name = g_strdup (pm_timeline_canvas_get_lane_name (fixture->canvas, target_lane));
  g_assert_cmpstr (target_name, !=, "Security Ops");
  dy -= 20;
  g_assert_cmpint (pm_timeline_canvas_lane_at_y (fixture->canvas, b.origin.y + 10 + dy), ==,
                   target_lane);

  scale = pm_timeline_canvas_get_scale (fixture->canvas);
  step = pm_timeline_canvas_get_snap_step (fixture->canvas);
  g_assert_cmpint (step, <=, 900);
  /* three hours later */
  g_assert_true (pm_timeline_canvas_event_at (fixture->canvas, b.origin.x + 10, b.origin.y + 10) == e);
  pm_timeline_canvas_drag (fixture->canvas, b.origin.x + 10, b.origin.y + 10,
                           3 * 3600 * scale, dy);
  pm_test_drain_events (5);

  after = iso (e);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpstr (pm_event_get_lane (e), ==, target_name);
  /* snapped to the step, about three hours later */
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (e)) % step, ==, 0);
  g_assert_cmpint (llabs (pm_time_get_unix (pm_event_get_time (e)) - 1729962750 - 3 * 3600),
                   <=, step);
  /* the document keeps timeline order */
  {
    GListModel *events = pm_document_get_events (fixture->document);
    gint64 last = G_MININT64;

    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(PmEvent) x = g_list_model_get_item (events, i);

        if (pm_event_get_time (x) == NULL)
          continue;
        g_assert_cmpint (pm_time_get_unix (pm_event_get_time (x)), >=, last);
        last = pm_time_get_unix (pm_event_get_time (x));
      }
  }
  render (fixture->canvas);

  /* One undo puts back both */
  g_assert_true (pm_document_undo (fixture->document));
  {
    g_autofree char *undone = iso (e);

    g_assert_cmpstr (undone, ==, before);
    g_assert_cmpstr (pm_event_get_lane (e), ==, lane_before);
  }
  g_assert_false (pm_document_get_modified (fixture->document));
}

static void
test_drop_in_unknown_area (Fixture       *fixture,
                           gconstpointer  data)
{
  PmEvent *e = event (fixture, "ev-14");
  GListModel *events = pm_document_get_events (fixture->document);
  graphene_rect_t b, u;
  guint pos;

  pm_timeline_canvas_select (fixture->canvas, e, FALSE);
  pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &b);
  /* ev-13 has no time: its card is in the unknown area */
  pm_timeline_canvas_get_card_bounds (fixture->canvas, event (fixture, "ev-13"), &u);
  g_assert_cmpint (pm_timeline_canvas_lane_at_y (fixture->canvas, u.origin.y + 5), ==,
                   PM_TIMELINE_UNKNOWN_LANE);
  pm_timeline_canvas_drag (fixture->canvas, b.origin.x + 10, b.origin.y + 10,
                           0, u.origin.y - b.origin.y);
  pm_test_drain_events (5);
  g_assert_null (pm_event_get_time (e));
  g_assert_true (g_list_store_find (G_LIST_STORE (events), e, &pos));
  g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &b));
  g_assert_cmpint (pm_timeline_canvas_lane_at_y (fixture->canvas, b.origin.y + 5), ==,
                   PM_TIMELINE_UNKNOWN_LANE);
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_nonnull (pm_event_get_time (e));
}

static void
test_multi_select_drag (Fixture       *fixture,
                        gconstpointer  data)
{
  PmEvent *a = event (fixture, "ev-25");
  PmEvent *b = event (fixture, "ev-26");
  gint64 ta = pm_time_get_unix (pm_event_get_time (a));
  gint64 tb = pm_time_get_unix (pm_event_get_time (b));
  graphene_rect_t r;
  double scale;
  g_autoptr(GPtrArray) selection = NULL;

  pm_timeline_canvas_zoom (fixture->canvas,
                           30.0 / 3600 / pm_timeline_canvas_get_scale (fixture->canvas), 600);
  scale = pm_timeline_canvas_get_scale (fixture->canvas);

  pm_timeline_canvas_select (fixture->canvas, a, FALSE);
  pm_timeline_canvas_select (fixture->canvas, b, TRUE);
  selection = pm_timeline_canvas_get_selection (fixture->canvas);
  g_assert_cmpuint (selection->len, ==, 2);
  pm_timeline_canvas_get_card_bounds (fixture->canvas, a, &r);
  pm_timeline_canvas_drag (fixture->canvas, r.origin.x + 10, r.origin.y + 10,
                           86400 * scale, 0);
  pm_test_drain_events (5);
  /* both moved by the same amount; ev-25 on the grid */
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (b)) - tb, ==,
                   pm_time_get_unix (pm_event_get_time (a)) - ta);
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (a)) - ta, >, 3600);
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (a)), ==, ta);
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (b)), ==, tb);
}

static void
test_quick_entry (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *events = pm_document_get_events (fixture->document);
  g_autoptr(GError) error = NULL;
  PmEvent *e;
  guint pos, n = g_list_model_get_n_items (events);
  g_autofree char *when = NULL;

  /* a time alone takes the date of the selected event */
  pm_timeline_canvas_select (fixture->canvas, event (fixture, "ev-20"), FALSE);
  e = pm_timeline_page_quick_add (fixture->page, "19:30 SOC paged the on-call", &error);
  g_assert_no_error (error);
  g_assert_nonnull (e);
  when = iso (e);
  g_assert_cmpstr (when, ==, "2024-10-26T19:30:00+02:00");
  g_assert_cmpstr (pm_event_get_actor (e), ==, "SOC");
  g_assert_cmpstr (pm_event_get_text (e), ==, "paged the on-call");
  g_assert_cmpuint (g_list_model_get_n_items (events), ==, n + 1);
  /* at its place: after ev-20 (19:12:30), before ev-21 (19:40) */
  g_assert_true (g_list_store_find (G_LIST_STORE (events), e, &pos));
  {
    g_autoptr(PmEvent) before = g_list_model_get_item (events, pos - 1);
    g_autoptr(PmEvent) after = g_list_model_get_item (events, pos + 1);

    g_assert_cmpstr (pm_event_get_id (before), ==, "ev-20");
    g_assert_cmpstr (pm_event_get_id (after), ==, "ev-21");
  }
  g_assert_true (pm_timeline_canvas_get_focus_event (fixture->canvas) == e);

  /* through the entry, with a full date and offset */
  {
    GtkWidget *entry = NULL;
    GtkWidget *w;

    for (w = gtk_widget_get_first_child (GTK_WIDGET (fixture->page)); w != NULL;)
      {
        if (GTK_IS_ENTRY (w))
          {
            entry = w;
            break;
          }
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != NULL && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            if (w != NULL)
              w = gtk_widget_get_next_sibling (w);
          }
      }
    g_assert_nonnull (entry);
    gtk_editable_set_text (GTK_EDITABLE (entry), "2023-01-04 09:15+01:00 Vendor notified us");
    g_signal_emit_by_name (entry, "activate");
    pm_test_drain_events (5);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    {
      g_autoptr(PmEvent) first_known = g_list_model_get_item (events, 1);
      g_autofree char *t = iso (first_known);

      /* the earliest time: right after the leading undated event */
      g_assert_cmpstr (t, ==, "2023-01-04T09:15:00+01:00");
      g_assert_cmpstr (pm_event_get_actor (first_known), ==, "Vendor");
    }

    /* a bad line is refused, nothing is added */
    n = g_list_model_get_n_items (events);
    gtk_editable_set_text (GTK_EDITABLE (entry), "25:99 nobody");
    g_signal_emit_by_name (entry, "activate");
    pm_test_drain_events (5);
    g_assert_cmpuint (g_list_model_get_n_items (events), ==, n);
    g_assert_true (gtk_widget_has_css_class (entry, "error"));
  }
}

static gboolean
send_key (GtkWidget       *widget,
          guint            keyval,
          GdkModifierType  state)
{
  GList *controllers = NULL;
  gboolean handled = FALSE;
  g_autoptr(GListModel) list = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (list, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c))
        controllers = g_list_append (controllers, c);
    }
  for (GList *l = controllers; l != NULL && !handled; l = l->next)
    g_signal_emit_by_name (l->data, "key-pressed", keyval, 0, state, &handled);
  g_list_free (controllers);
  return handled;
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  PmEvent *e;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint n = g_list_model_get_n_items (pm_document_get_events (fixture->document));

  gtk_widget_grab_focus (canvas);
  g_assert_true (send_key (canvas, GDK_KEY_Home, 0));
  g_assert_cmpstr (pm_event_get_id (pm_timeline_canvas_get_focus_event (fixture->canvas)), ==,
                   "ev-01");
  g_assert_true (send_key (canvas, GDK_KEY_Right, 0));
  g_assert_true (send_key (canvas, GDK_KEY_Tab, 0));
  e = pm_timeline_canvas_get_focus_event (fixture->canvas);
  g_assert_cmpstr (pm_event_get_id (e), ==, "ev-03");
  g_assert_true (send_key (canvas, GDK_KEY_Left, 0));
  e = pm_timeline_canvas_get_focus_event (fixture->canvas);
  g_assert_cmpstr (pm_event_get_id (e), ==, "ev-02");

  /* Alt+Right moves it one snap step later, Alt+Down one lane down; each one undo step */
  g_assert_true (send_key (canvas, GDK_KEY_Right, 0));
  e = pm_timeline_canvas_get_focus_event (fixture->canvas);
  before = iso (e);
  g_assert_true (send_key (canvas, GDK_KEY_Right, GDK_ALT_MASK));
  after = iso (e);
  /* ev-03 is known to the day: it moves by a day */
  g_assert_cmpstr (before, ==, "2024-03-12T00:00:00-07:00");
  g_assert_cmpstr (after, ==, "2024-03-13T00:00:00-07:00");
  g_assert_true (send_key (canvas, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_cmpstr (pm_event_get_lane (e), !=, "CI/CD");
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpstr (pm_event_get_lane (e), ==, "CI/CD");
  g_assert_true (pm_document_undo (fixture->document));
  {
    g_autofree char *undone = iso (e);

    g_assert_cmpstr (undone, ==, before);
  }

  /* Ctrl+A, then Delete deletes all as one step */
  g_assert_true (send_key (canvas, GDK_KEY_a, GDK_CONTROL_MASK));
  all = pm_timeline_canvas_get_selection (fixture->canvas);
  g_assert_cmpuint (all->len, ==, n);
  g_assert_true (send_key (canvas, GDK_KEY_Delete, 0));
  pm_test_drain_events (5);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (fixture->document)), ==, 0);
  render (fixture->canvas);
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (fixture->document)), ==, n);
  g_assert_false (pm_document_get_modified (fixture->document));
}

/* Alt+Right then Alt+Left brings a card back to its exact time and precision: the step is
 * counted from the time, not from the grid; undo restores each step exactly. */
static void
test_keyboard_move_round_trip (Fixture       *fixture,
                               gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  PmEvent *e = event (fixture, "ev-20");
  g_autoptr(PmTime) late = pm_time_parse_iso8601 ("2024-10-26T23:27:41+02:00",
                                                  PM_TIME_PRECISION_EXACT, NULL);
  gint64 step;

  pm_document_set (fixture->document, e, "time", late, NULL);
  pm_timeline_canvas_select (fixture->canvas, e, FALSE);
  for (int i = 0; i < 20 && pm_timeline_canvas_get_snap_step (fixture->canvas) > 3600; i++)
    pm_timeline_canvas_zoom_in (fixture->canvas);
  step = pm_timeline_canvas_get_snap_step (fixture->canvas);
  g_assert_cmpint (step, <=, 3600);
  gtk_widget_grab_focus (canvas);

  g_assert_true (send_key (canvas, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (e)), ==, pm_time_get_unix (late) + step);
  g_assert_cmpint (pm_time_get_precision (pm_event_get_time (e)), ==, PM_TIME_PRECISION_EXACT);
  g_assert_true (send_key (canvas, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_true (pm_time_equal (pm_event_get_time (e), late));
  render (fixture->canvas);

  /* undo: first back to a step later, then to where it was */
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (e)), ==, pm_time_get_unix (late) + step);
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_true (pm_time_equal (pm_event_get_time (e), late));

  /* a lane move by keyboard leaves the time as it is */
  g_assert_true (send_key (canvas, GDK_KEY_Down, GDK_ALT_MASK));
  g_assert_true (pm_time_equal (pm_event_get_time (e), late));
}

/* Moving by a day keeps the wall-clock time in the document's zone, also over the night the
 * clocks go back (Europe/Berlin, 27 October 2024). */
static void
test_day_step_keeps_wall_clock (Fixture       *fixture,
                                gconstpointer  data)
{
  PmEvent *e = event (fixture, "ev-20");
  g_autofree char *after = NULL;

  pm_timeline_canvas_fit_all (fixture->canvas);
  g_assert_cmpint (pm_timeline_canvas_get_snap_step (fixture->canvas), ==, 86400);
  pm_timeline_canvas_select (fixture->canvas, e, FALSE);
  pm_timeline_canvas_move_selection (fixture->canvas, 1, 0);
  after = iso (e);
  /* 19:12:30 in Berlin the next day is 18:12:30 UTC; the time keeps the offset it was given in */
  g_assert_cmpstr (after, ==, "2024-10-27T20:12:30+02:00");
  g_assert_cmpint (pm_time_get_precision (pm_event_get_time (e)), ==, PM_TIME_PRECISION_EXACT);
}

static void
test_lane_modes (Fixture       *fixture,
                 gconstpointer  data)
{
  PmEvent *e = event (fixture, "ev-18");
  graphene_rect_t b, t;
  int lane;

  pm_timeline_canvas_set_lane_mode (fixture->canvas, PM_LANE_MODE_KIND);
  g_assert_cmpuint (pm_timeline_canvas_get_n_lanes (fixture->canvas), ==, 6);
  g_assert_cmpstr (pm_timeline_canvas_get_lane_name (fixture->canvas, 0), ==, "Trigger");

  /* dragging to another kind lane changes the kind */
  pm_timeline_canvas_select (fixture->canvas, e, FALSE);
  pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &b);
  pm_timeline_canvas_get_card_bounds (fixture->canvas, event (fixture, "ev-19"), &t);
  lane = pm_timeline_canvas_lane_at_y (fixture->canvas, t.origin.y + 5);
  g_assert_cmpstr (pm_timeline_canvas_get_lane_name (fixture->canvas, lane), ==, "Detection");
  pm_timeline_canvas_drag (fixture->canvas, b.origin.x + 5, b.origin.y + 5, 0,
                           t.origin.y - b.origin.y);
  g_assert_cmpstr (pm_event_get_kind (e), ==, "detection");
  /* a vertical drag does not change the time */
  {
    g_autofree char *when = iso (e);

    g_assert_cmpstr (when, ==, "2024-10-26T18:20:00+02:00");
  }
  render (fixture->canvas);

  /* lanes by kind cannot be renamed (the kinds are fixed words) */
  pm_timeline_canvas_rename_lane (fixture->canvas, "detection", "Noticed");
  g_assert_cmpstr (pm_event_get_kind (e), ==, "detection");

  pm_timeline_canvas_set_lane_mode (fixture->canvas, PM_LANE_MODE_CONTRIBUTOR);
  pm_timeline_canvas_set_lane_mode (fixture->canvas, PM_LANE_MODE_ACTOR);
  g_assert_cmpstr (pm_timeline_canvas_get_lane_name (fixture->canvas, 0), ==, "Platform team");
  render (fixture->canvas);

  /* Renaming a lane renames it in every event, as one undo step */
  pm_timeline_canvas_set_lane_mode (fixture->canvas, PM_LANE_MODE_LANE);
  pm_timeline_canvas_rename_lane (fixture->canvas, "CI/CD", "Build and release pipeline");
  g_assert_cmpstr (pm_timeline_canvas_get_lane_name (fixture->canvas, 0), ==,
                   "Build and release pipeline");
  g_assert_cmpstr (pm_event_get_lane (event (fixture, "ev-01")), ==, "Build and release pipeline");
  g_assert_cmpstr (pm_event_get_lane (event (fixture, "ev-35")), ==, "Build and release pipeline");
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpstr (pm_event_get_lane (event (fixture, "ev-01")), ==, "CI/CD");
  g_assert_cmpstr (pm_event_get_lane (event (fixture, "ev-35")), ==, "CI/CD");
  g_assert_cmpstr (pm_timeline_canvas_get_lane_name (fixture->canvas, 0), ==, "CI/CD");
}

static GStrv
lane_keys (PmTimelineCanvas *canvas)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint l = 0; l < pm_timeline_canvas_get_n_lanes (canvas); l++)
    g_strv_builder_add (builder, pm_timeline_canvas_get_lane_key (canvas, l));
  return g_strv_builder_end (builder);
}

static GtkWidget *
find_popover_menu (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER_MENU (child))
      return child;
  return NULL;
}

/* Lanes are reordered with the lane menu or Alt+Shift+Up/Down; each move is one undo step
 * that writes the whole order into the document's "lane-order", and renaming keeps it. */
static void
test_lane_order (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  g_auto(GStrv) initial = lane_keys (fixture->canvas);
  g_auto(GStrv) moved = NULL;
  g_auto(GStrv) after_keys = NULL;
  const char * const *order;
  GtkWidget *menu;
  guint n = g_strv_length (initial);
  graphene_rect_t bounds;
  const char *key;
  PmEvent *e;

  g_assert_cmpuint (n, >=, 4);
  g_assert_cmpstr (initial[0], ==, "CI/CD");
  g_assert_null (pm_document_get_lane_order (fixture->document)[0]);

  /* the first lane cannot go up, the last not down; other modes are not ordered */
  g_assert_false (pm_timeline_canvas_can_move_lane (fixture->canvas, initial[0], -1));
  g_assert_false (pm_timeline_canvas_can_move_lane (fixture->canvas, initial[n - 1], 1));
  g_assert_false (pm_timeline_canvas_move_lane (fixture->canvas, initial[0], -1));
  g_assert_false (pm_document_get_modified (fixture->document));

  /* the API: the third lane up */
  g_assert_true (pm_timeline_canvas_move_lane (fixture->canvas, initial[2], -1));
  moved = lane_keys (fixture->canvas);
  g_assert_cmpstr (moved[0], ==, initial[0]);
  g_assert_cmpstr (moved[1], ==, initial[2]);
  g_assert_cmpstr (moved[2], ==, initial[1]);
  order = pm_document_get_lane_order (fixture->document);
  g_assert_cmpuint (g_strv_length ((char **) order), ==, n);
  g_assert_true (g_strv_equal (order, (const char * const *) moved));
  render (fixture->canvas);

  /* one undo step back to the order of first appearance */
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_null (pm_document_get_lane_order (fixture->document)[0]);
  g_clear_pointer (&after_keys, g_strfreev);
  after_keys = lane_keys (fixture->canvas);
  g_assert_true (g_strv_equal ((const char * const *) after_keys, (const char * const *) initial));
  g_assert_false (pm_document_get_modified (fixture->document));

  /* the keyboard: Alt+Shift+Down on a card of the first lane moves its lane down */
  e = event (fixture, "ev-01");
  g_assert_cmpstr (pm_event_get_lane (e), ==, "CI/CD");
  gtk_widget_grab_focus (canvas);
  pm_timeline_canvas_select (fixture->canvas, e, FALSE);
  g_assert_true (send_key (canvas, GDK_KEY_Down, GDK_ALT_MASK | GDK_SHIFT_MASK));
  g_clear_pointer (&after_keys, g_strfreev);
  after_keys = lane_keys (fixture->canvas);
  g_assert_cmpstr (after_keys[0], ==, initial[1]);
  g_assert_cmpstr (after_keys[1], ==, "CI/CD");
  /* the card stays in its lane: only the lane moved */
  g_assert_cmpstr (pm_event_get_lane (e), ==, "CI/CD");
  g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &bounds));

  /* the lane menu (the Menu key on the focused card), "Move Lane Down" */
  g_assert_true (send_key (canvas, GDK_KEY_Menu, 0));
  pm_test_drain_events (5);
  menu = find_popover_menu (canvas);
  g_assert_nonnull (menu);
  g_assert_true (gtk_widget_get_visible (menu));
  g_assert_true (gtk_widget_activate_action (canvas, "lane.move-down", NULL));
  gtk_popover_popdown (GTK_POPOVER (menu));
  pm_test_drain_events (5);
  g_clear_pointer (&after_keys, g_strfreev);
  after_keys = lane_keys (fixture->canvas);
  g_assert_cmpstr (after_keys[0], ==, initial[1]);
  g_assert_cmpstr (after_keys[1], ==, initial[2]);
  g_assert_cmpstr (after_keys[2], ==, "CI/CD");

  /* renaming the lane renames it in the order, in the same undo step */
  pm_timeline_canvas_rename_lane (fixture->canvas, "CI/CD", "Build and release pipeline");
  order = pm_document_get_lane_order (fixture->document);
  g_assert_cmpstr (order[2], ==, "Build and release pipeline");
  g_assert_false (g_strv_contains (order, "CI/CD"));
  g_assert_cmpstr (pm_timeline_canvas_get_lane_name (fixture->canvas, 2), ==,
                   "Build and release pipeline");
  g_assert_cmpuint (pm_timeline_canvas_get_n_lanes (fixture->canvas), ==, n);
  g_assert_true (pm_document_undo (fixture->document));
  order = pm_document_get_lane_order (fixture->document);
  g_assert_cmpstr (order[2], ==, "CI/CD");
  g_assert_cmpstr (pm_event_get_lane (e), ==, "CI/CD");
  g_assert_cmpstr (pm_timeline_canvas_get_lane_key (fixture->canvas, 2), ==, "CI/CD");

  /* a lane in the order with no events shows no lane; lanes not in it follow */
  {
    const char *partial[] = { "Nobody here", initial[3], NULL };

    pm_document_set (fixture->document, fixture->document, "lane-order", partial, NULL);
    g_clear_pointer (&after_keys, g_strfreev);
    after_keys = lane_keys (fixture->canvas);
    g_assert_cmpuint (g_strv_length (after_keys), ==, n);
    g_assert_cmpstr (after_keys[0], ==, initial[3]);
    g_assert_cmpstr (after_keys[1], ==, initial[0]);
    render (fixture->canvas);
  }

  /* in other modes lanes keep their own order and cannot be moved */
  pm_timeline_canvas_set_lane_mode (fixture->canvas, PM_LANE_MODE_ACTOR);
  key = pm_timeline_canvas_get_lane_key (fixture->canvas, 1);
  g_assert_false (pm_timeline_canvas_can_move_lane (fixture->canvas, key, -1));

  /* everything undone: the file is as it was */
  while (pm_document_undo (fixture->document))
    ;
  g_assert_false (pm_document_get_modified (fixture->document));
}

/* The canvas shows the lanes of the core model (pm-timeline-lanes.h), the same that the PDF
 * figure draws: in every mode, and with a "lane-order" that differs from first appearance. */
static void
test_lanes_match_core (Fixture       *fixture,
                       gconstpointer  data)
{
  const PmLaneMode modes[] = {
    PM_LANE_MODE_LANE, PM_LANE_MODE_ACTOR, PM_LANE_MODE_CONTRIBUTOR, PM_LANE_MODE_KIND,
  };
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) reversed = NULL;

  for (guint round = 0; round < 2; round++)
    {
      for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
        {
          g_autoptr(GPtrArray) model = pm_timeline_lanes_compute (fixture->document, modes[m], NULL);

          pm_timeline_canvas_set_lane_mode (fixture->canvas, modes[m]);
          g_assert_cmpuint (pm_timeline_canvas_get_n_lanes (fixture->canvas), ==, model->len);
          for (guint l = 0; l < model->len; l++)
            g_assert_cmpstr (pm_timeline_canvas_get_lane_key (fixture->canvas, l), ==,
                             g_ptr_array_index (model, l));
          render (fixture->canvas);
        }
      if (round > 0)
        break;

      /* the lanes by lane in reverse, as a moderator might have ordered them */
      first = pm_timeline_lanes_compute (fixture->document, PM_LANE_MODE_LANE, NULL);
      for (guint l = first->len; l > 0; l--)
        if (*(char *) g_ptr_array_index (first, l - 1) != '\0')
          g_strv_builder_add (builder, g_ptr_array_index (first, l - 1));
      reversed = g_strv_builder_end (builder);
      pm_document_set (fixture->document, fixture->document, "lane-order", reversed, NULL);
      pm_timeline_canvas_set_lane_mode (fixture->canvas, PM_LANE_MODE_LANE);
      g_assert_cmpstr (pm_timeline_canvas_get_lane_key (fixture->canvas, 0), ==, reversed[0]);
      g_assert_cmpstr (pm_timeline_canvas_get_lane_key (fixture->canvas, 0), !=,
                       g_ptr_array_index (first, 0));
    }
  pm_timeline_canvas_set_lane_mode (fixture->canvas, PM_LANE_MODE_LANE);
}

static GtkWidget *find_cell (GtkWidget *widget, GType type, const char *text);

/* The table sorted by lane follows the lanes of the canvas (the core model), also after the
 * lanes are reordered. */
static void
test_table_lane_sort (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkColumnView *view;
  GListModel *columns;
  GtkColumnViewColumn *lane_column = NULL;
  GListModel *rows;

  pm_timeline_page_set_view (fixture->page, "table");
  pm_test_drain_events (5);
  view = GTK_COLUMN_VIEW (find_cell (GTK_WIDGET (fixture->page), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_nonnull (view);
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_str_equal (gtk_column_view_column_get_title (column), "Lane"))
        lane_column = column;
    }
  g_assert_nonnull (lane_column);
  gtk_column_view_sort_by_column (view, lane_column, GTK_SORT_ASCENDING);
  rows = G_LIST_MODEL (gtk_column_view_get_model (view));

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GPtrArray) lanes = pm_timeline_lanes_compute (fixture->document,
                                                              PM_LANE_MODE_LANE, NULL);
      guint last = 0;

      pm_test_drain_events (5);
      g_assert_cmpuint (g_list_model_get_n_items (rows), ==,
                        g_list_model_get_n_items (pm_document_get_events (fixture->document)));
      for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
        {
          g_autoptr(PmEvent) e = g_list_model_get_item (rows, i);
          const char *key = pm_timeline_lane_key (e, PM_LANE_MODE_LANE);
          guint rank = 0;

          while (rank < lanes->len && !g_str_equal (g_ptr_array_index (lanes, rank), key))
            rank++;
          g_assert_cmpuint (rank, <, lanes->len);
          g_assert_cmpuint (rank, >=, last);
          last = rank;
        }
      g_assert_cmpuint (last, >, 0);

      /* the second lane first */
      if (round == 0)
        g_assert_true (pm_timeline_canvas_move_lane (fixture->canvas,
                                                     pm_timeline_canvas_get_lane_key (fixture->canvas, 1),
                                                     -1));
    }
  while (pm_document_undo (fixture->document))
    ;
}

static GtkGesture *
find_gesture (GtkWidget *widget,
              GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return GTK_GESTURE (controller);
    }
  return NULL;
}

static void
spin_for (int milliseconds)
{
  gint64 until = g_get_monotonic_time () + milliseconds * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

/* A card held near the right edge scrolls the view while the pointer stays: the drop lands
 * later in time than the pointer's offset alone; near the left edge, earlier. */
static void
test_autoscroll (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *canvas = GTK_WIDGET (fixture->canvas);
  GtkGesture *drag = find_gesture (canvas, GTK_TYPE_GESTURE_DRAG);
  PmEvent *e = event (fixture, "ev-20");
  gint64 before = pm_time_get_unix (pm_event_get_time (e));
  double width = gtk_widget_get_width (canvas);
  double view_before, scale, offset_t;
  graphene_rect_t b;

  g_assert_nonnull (drag);
  pm_timeline_canvas_zoom (fixture->canvas, 300.0 / 3600 / pm_timeline_canvas_get_scale (fixture->canvas), 600);
  pm_timeline_canvas_select (fixture->canvas, e, FALSE);   /* centres it */
  pm_test_drain_events (5);
  g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &b));
  g_assert_cmpfloat (b.origin.x, >, 170);
  g_assert_cmpfloat (b.origin.x + 10, <, width - 100);
  scale = pm_timeline_canvas_get_scale (fixture->canvas);
  view_before = pm_timeline_canvas_x_to_time (fixture->canvas, 200);

  /* grab the card and move the pointer 5 px from the right edge, then hold it there */
  g_signal_emit_by_name (drag, "drag-begin", b.origin.x + 10, b.origin.y + 10);
  g_signal_emit_by_name (drag, "drag-update", width - 5 - (b.origin.x + 10), 0.0);
  spin_for (600);
  g_assert_cmpfloat (pm_timeline_canvas_x_to_time (fixture->canvas, 200), >, view_before + 60);
  offset_t = (width - 5 - (b.origin.x + 10)) / scale;
  g_signal_emit_by_name (drag, "drag-end", width - 5 - (b.origin.x + 10), 0.0);
  pm_test_drain_events (5);
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (e)), >, before + (gint64) offset_t + 60);
  /* one undo step takes it back */
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpint (pm_time_get_unix (pm_event_get_time (e)), ==, before);

  /* without a drag nothing scrolls */
  view_before = pm_timeline_canvas_x_to_time (fixture->canvas, 200);
  spin_for (200);
  g_assert_cmpfloat (pm_timeline_canvas_x_to_time (fixture->canvas, 200), ==, view_before);
}

/* A pinch zooms by the gesture's scale around the fingers, however many updates it takes. */
static void
test_pinch (Fixture       *fixture,
            gconstpointer  data)
{
  double scale = pm_timeline_canvas_get_scale (fixture->canvas);
  double t = pm_timeline_canvas_x_to_time (fixture->canvas, 640);

  _pm_timeline_canvas_pinch_begin (fixture->canvas);
  for (double s = 1.1; s <= 2.0001; s += 0.1)
    _pm_timeline_canvas_pinch (fixture->canvas, s, 640);
  g_assert_cmpfloat (fabs (pm_timeline_canvas_get_scale (fixture->canvas) / scale - 2.0), <, 1e-6);
  g_assert_cmpfloat (fabs (pm_timeline_canvas_x_to_time (fixture->canvas, 640) - t), <, 1.0);

  /* fingers closing again zoom back out; a new pinch starts from its own 1 */
  _pm_timeline_canvas_pinch (fixture->canvas, 1.0, 640);
  g_assert_cmpfloat (fabs (pm_timeline_canvas_get_scale (fixture->canvas) / scale - 1.0), <, 1e-6);
  _pm_timeline_canvas_pinch_begin (fixture->canvas);
  _pm_timeline_canvas_pinch (fixture->canvas, 0.5, 640);
  g_assert_cmpfloat (fabs (pm_timeline_canvas_get_scale (fixture->canvas) / scale - 0.5), <, 1e-6);
  g_assert_cmpfloat (fabs (pm_timeline_canvas_x_to_time (fixture->canvas, 640) - t), <, 1.0);
}

/* Compact cards: every event a small mark that still lays out, hit-tests, drags and draws
 * like a card; switching back restores the cards. */
static void
test_compact_cards (Fixture       *fixture,
                    gconstpointer  data)
{
  GListModel *events = pm_document_get_events (fixture->document);
  guint n = g_list_model_get_n_items (events);
  PmEvent *e = event (fixture, "ev-20");
  g_autofree char *before = iso (e);
  g_autofree char *after = NULL;
  graphene_rect_t full, mark;
  g_autoptr(GPtrArray) bounds = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &full));
  g_object_set (fixture->canvas, "compact-cards", TRUE, NULL);
  g_assert_true (pm_timeline_canvas_get_compact_cards (fixture->canvas));
  g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &mark));
  g_assert_cmpfloat (mark.size.width, <, full.size.width / 4);
  g_assert_cmpfloat (mark.size.height, <, full.size.height / 4);

  /* no two marks overlap, and each is found where it is drawn */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) ev = g_list_model_get_item (events, i);
      graphene_rect_t *b = g_new (graphene_rect_t, 1);

      g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, ev, b));
      for (guint j = 0; j < bounds->len; j++)
        g_assert_false (graphene_rect_intersection (b, g_ptr_array_index (bounds, j), NULL));
      g_ptr_array_add (bounds, b);
    }
  /* 300 pixels an hour (a step of 15 minutes or finer), the mark in the middle */
  pm_timeline_canvas_zoom (fixture->canvas,
                           300.0 / 3600 / pm_timeline_canvas_get_scale (fixture->canvas), 600);
  pm_timeline_canvas_select (fixture->canvas, e, FALSE);
  g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &mark));
  g_assert_true (pm_timeline_canvas_event_at (fixture->canvas, mark.origin.x + mark.size.width / 2,
                                              mark.origin.y + mark.size.height / 2) == e);
  render (fixture->canvas);

  /* dragged like a card: two hours later, one undo step */
  pm_timeline_canvas_drag (fixture->canvas, mark.origin.x + 5, mark.origin.y + 5,
                           2 * 3600 * pm_timeline_canvas_get_scale (fixture->canvas), 0);
  after = iso (e);
  g_assert_cmpstr (after, !=, before);
  g_assert_true (pm_document_undo (fixture->document));
  g_clear_pointer (&after, g_free);
  after = iso (e);
  g_assert_cmpstr (after, ==, before);

  /* while a drag is under way: the ghosts and the marks where they would land */
  _pm_timeline_canvas_set_drag_offset (fixture->canvas, 40, 0);
  render (fixture->canvas);
  _pm_timeline_canvas_set_drag_offset (fixture->canvas, 0, 0);

  g_object_set (fixture->canvas, "compact-cards", FALSE, NULL);
  g_assert_true (pm_timeline_canvas_get_card_bounds (fixture->canvas, e, &mark));
  g_assert_cmpfloat (mark.size.width, ==, full.size.width);
  g_assert_cmpfloat (mark.size.height, ==, full.size.height);
}

static void
test_zoom (Fixture       *fixture,
           gconstpointer  data)
{
  double scale = pm_timeline_canvas_get_scale (fixture->canvas);
  double t = pm_timeline_canvas_x_to_time (fixture->canvas, 700);

  /* zoom keeps the time under the pointer in place */
  pm_timeline_canvas_zoom (fixture->canvas, 2.0, 700);
  g_assert_cmpfloat (fabs (pm_timeline_canvas_get_scale (fixture->canvas) - 2 * scale), <, 1e-9);
  g_assert_cmpfloat (fabs (pm_timeline_canvas_x_to_time (fixture->canvas, 700) - t), <, 1e-3);

  /* the snap step follows the zoom */
  pm_timeline_canvas_zoom (fixture->canvas, 1e6, 700);
  g_assert_cmpint (pm_timeline_canvas_get_snap_step (fixture->canvas), ==, 60);
  pm_timeline_canvas_zoom (fixture->canvas, 1e-9, 700);
  g_assert_cmpint (pm_timeline_canvas_get_snap_step (fixture->canvas), ==, 86400);
  render (fixture->canvas);

  /* the original zones on the cards */
  g_object_set (fixture->canvas, "show-original-zone", TRUE, NULL);
  render (fixture->canvas);
  g_object_set (fixture->canvas, "show-original-zone", FALSE, NULL);

  pm_timeline_canvas_fit_all (fixture->canvas);
  {
    graphene_rect_t first, last;

    pm_timeline_canvas_get_card_bounds (fixture->canvas, event (fixture, "ev-02"), &first);
    pm_timeline_canvas_get_card_bounds (fixture->canvas, event (fixture, "ev-36"), &last);
    g_assert_cmpfloat (first.origin.x, >=, 0);
    g_assert_cmpfloat (last.origin.x + last.size.width, <=,
                       gtk_widget_get_width (GTK_WIDGET (fixture->canvas)));
  }
  render (fixture->canvas);
}

/* The first table cell under @widget that is a @type and, for editable labels, shows @text. */
static GtkWidget *
find_cell (GtkWidget  *widget,
           GType       type,
           const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type)
          && (text == NULL || g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (child)), text) == 0))
        return child;
      if ((found = find_cell (child, type, text)) != NULL)
        return found;
    }
  return NULL;
}

static void
edit_cell (GtkWidget  *cell,
           const char *text)
{
  gtk_editable_label_start_editing (GTK_EDITABLE_LABEL (cell));
  gtk_editable_set_text (GTK_EDITABLE (cell), text);
  gtk_editable_label_stop_editing (GTK_EDITABLE_LABEL (cell), TRUE);
  pm_test_drain_events (5);
}

/* Every column of the table edits its event in place, each edit one undo step. */
static void
test_table_editing (Fixture       *fixture,
                    gconstpointer  data)
{
  PmUndoStack *undo = pm_document_get_undo_stack (fixture->document);
  g_autoptr(PmEvent) first = g_list_model_get_item (pm_document_get_events (fixture->document), 0);
  g_autofree char *old_text = g_strdup (pm_event_get_text (first));
  g_autofree char *old_lane = g_strdup (pm_event_get_lane (first));
  GtkWidget *cell;
  GtkWidget *kind;

  pm_timeline_page_set_view (fixture->page, "table");
  pm_test_drain_events (5);

  cell = find_cell (GTK_WIDGET (fixture->page), GTK_TYPE_EDITABLE_LABEL, old_text);
  g_assert_nonnull (cell);
  /* leaving a cell unchanged is no edit */
  edit_cell (cell, old_text);
  g_assert_false (pm_undo_stack_get_can_undo (undo));
  edit_cell (cell, "The nightly job printed the deploy key");
  g_assert_cmpstr (pm_event_get_text (first), ==, "The nightly job printed the deploy key");

  if (*old_lane != '\0')
    {
      cell = find_cell (GTK_WIDGET (fixture->page), GTK_TYPE_EDITABLE_LABEL, old_lane);
      g_assert_nonnull (cell);
      edit_cell (cell, "Build system");
      g_assert_cmpstr (pm_event_get_lane (first), ==, "Build system");
      g_assert_true (pm_document_undo (fixture->document));
      pm_test_drain_events (5);
      g_assert_cmpstr (pm_event_get_lane (first), ==, old_lane);
    }

  /* the kind drop-down in the row of the text edited above (cell → row) */
  cell = find_cell (GTK_WIDGET (fixture->page), GTK_TYPE_EDITABLE_LABEL,
                    "The nightly job printed the deploy key");
  g_assert_nonnull (cell);
  kind = find_cell (gtk_widget_get_parent (gtk_widget_get_parent (cell)), GTK_TYPE_DROP_DOWN, NULL);
  g_assert_nonnull (kind);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), 0);   /* Not set */
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_event_get_kind (first), ==, "");
  g_assert_true (pm_document_undo (fixture->document));
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_event_get_kind (first), !=, "");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (kind)), >, 0);

  g_assert_true (pm_document_undo (fixture->document));
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_event_get_text (first), ==, old_text);
  g_assert_false (pm_undo_stack_get_can_undo (undo));

  /* a time the parser refuses changes nothing */
  {
    g_autofree char *before = iso (first);
    g_autofree char *after = NULL;
    g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (fixture->document);
    g_autofree char *shown = pm_time_format (pm_event_get_time (first), zone, FALSE);

    cell = find_cell (GTK_WIDGET (fixture->page), GTK_TYPE_EDITABLE_LABEL, shown);
    g_assert_nonnull (cell);
    edit_cell (cell, "25:99");
    after = iso (first);
    g_assert_cmpstr (before, ==, after);
    g_assert_false (pm_undo_stack_get_can_undo (undo));
  }
  pm_timeline_page_set_view (fixture->page, "canvas");
}

static void
test_table_and_editor (Fixture       *fixture,
                       gconstpointer  data)
{
  PmEvent *e = event (fixture, "ev-20");

  pm_timeline_page_set_view (fixture->page, "table");
  pm_test_drain_events (5);
  pm_timeline_page_edit_event (fixture->page, e);
  pm_test_drain_events (5);
  /* "Team only" in the panel marks the event confidential, undoably */
  {
    GtkWidget *row = find_row_titled (GTK_WIDGET (find_editor (GTK_WIDGET (fixture->page))),
                                      "Team only");
    GtkWidget *toggle;

    g_assert_nonnull (row);
    toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));
    g_assert_false (pm_event_get_confidential (e));
    gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
    pm_test_drain_events (5);
    g_assert_true (pm_event_get_confidential (e));
    g_assert_true (pm_document_undo (fixture->document));
    pm_test_drain_events (5);
    g_assert_false (pm_event_get_confidential (e));
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  }
  /* editing through the model reaches the table and the canvas without errors */
  pm_document_set (fixture->document, e, "actor", "SOC", NULL);
  pm_test_drain_events (5);
  g_assert_true (pm_document_undo (fixture->document));
  pm_test_drain_events (5);
  pm_timeline_page_set_view (fixture->page, "canvas");
  pm_timeline_page_edit_event (fixture->page, NULL);
  pm_test_drain_events (5);

  /* A double click on empty space adds an event at that time and lane, and opens it */
  {
    GListModel *events = pm_document_get_events (fixture->document);
    guint n = g_list_model_get_n_items (events);
    PmEvent *added;
    g_autofree char *when = NULL;

    g_signal_emit_by_name (fixture->canvas, "add-event", (gint64) 1729965600, "Support");
    pm_test_drain_events (5);
    g_assert_cmpuint (g_list_model_get_n_items (events), ==, n + 1);
    added = pm_timeline_canvas_get_focus_event (fixture->canvas);
    g_assert_nonnull (added);
    g_assert_cmpstr (pm_event_get_lane (added), ==, "Support");
    when = iso (added);
    g_assert_cmpstr (when, ==, "2024-10-26T20:00:00+02:00");
    g_assert_true (pm_event_editor_get_event (find_editor (GTK_WIDGET (fixture->page))) == added);
    g_assert_true (pm_document_undo (fixture->document));
    g_assert_cmpuint (g_list_model_get_n_items (events), ==, n);
    pm_test_drain_events (5);
    /* the panel went with it */
    g_assert_null (pm_event_editor_get_event (find_editor (GTK_WIDGET (fixture->page))));
  }
}

/* Shows @document in a new window; returns the canvas (the window in *@window, the page in
 * *@page_out if not NULL). */
static PmTimelineCanvas *
show_document (PmDocument      *document,
               GtkWindow      **window,
               PmTimelinePage **page_out)
{
  PmTimelinePage *page = PM_TIMELINE_PAGE (pm_timeline_page_new ());

  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1280, 760);
  gtk_window_set_child (*window, GTK_WIDGET (page));
  pm_timeline_page_set_document (page, document);
  gtk_window_present (*window);
  pm_test_wait_until_mapped (GTK_WIDGET (pm_timeline_page_get_canvas (page)));
  pm_test_drain_events (5);
  if (page_out != NULL)
    *page_out = page;
  return pm_timeline_page_get_canvas (page);
}

/* An empty canvas shows the incident's window, or today by the clock; never 1970. */
static void
test_empty_canvas (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmClock) clock = pm_clock_new_fake (0);
  /* 2024-03-10T09:00:00+01:00 .. 13:30 */
  g_autoptr(PmTime) start = pm_time_new (1710057600, 3600, PM_TIME_PRECISION_MINUTE);
  g_autoptr(PmTime) end = pm_time_new (1710073800, 3600, PM_TIME_PRECISION_MINUTE);
  PmTimelineCanvas *canvas;
  PmTimelinePage *page;
  GtkWindow *window;
  int width;
  double left, right;

  g_object_set (document, "start", start, "end", end, NULL);
  canvas = show_document (document, &window, &page);
  width = gtk_widget_get_width (GTK_WIDGET (canvas));
  left = pm_timeline_canvas_x_to_time (canvas, 200);
  right = pm_timeline_canvas_x_to_time (canvas, width - 10);
  g_assert_cmpfloat (left, >=, 1710057600 - 3600);
  g_assert_cmpfloat (left, <=, 1710057600 + 3600);
  g_assert_cmpfloat (right, >=, 1710073800);
  g_assert_cmpfloat (right, <=, 1710073800 + 4 * 3600);
  render (canvas);

  /* fit all does the same */
  pm_timeline_canvas_zoom (canvas, 1e-6, 300);
  pm_timeline_canvas_fit_all (canvas);
  g_assert_cmpfloat (fabs (pm_timeline_canvas_x_to_time (canvas, 200) - left), <, 1);

  /* a time typed alone lands on the incident's day, then crosses midnight forwards */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;
    PmEvent *e;

    e = pm_timeline_page_quick_add (page, "23:27 SOC paged the on-call", &error);
    g_assert_no_error (error);
    first = iso (e);
    g_assert_cmpstr (first, ==, "2024-03-10T23:27:00+00:00");
    e = pm_timeline_page_quick_add (page, "00:36 DBA restarted the primary", &error);
    g_assert_no_error (error);
    second = iso (e);
    g_assert_cmpstr (second, ==, "2024-03-11T00:36:00+00:00");
    pm_document_undo (document);
    pm_document_undo (document);
  }
  gtk_window_destroy (window);
  pm_test_drain_events (5);

  /* no incident times: today */
  pm_clock_set_wall_time (clock, G_GINT64_CONSTANT (1622586600) * G_USEC_PER_SEC);
  pm_clock_set_default (clock);
  g_object_set (document, "start", NULL, "end", NULL, NULL);
  canvas = show_document (document, &window, NULL);
  left = pm_timeline_canvas_x_to_time (canvas, 300);
  /* 2021-06-01T00:00Z .. 2021-06-02T00:00Z (the document has no zone: UTC) */
  g_assert_cmpfloat (left, >=, 1622505600);
  g_assert_cmpfloat (left, <=, 1622592000);
  render (canvas);
  gtk_window_destroy (window);
  pm_test_drain_events (5);
  pm_clock_set_default (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  pm_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/timeline/layout", test_layout);
  ADD ("/timeline/lane-order", test_lane_order);
  ADD ("/timeline/lanes-match-core", test_lanes_match_core);
  ADD ("/timeline/table-lane-sort", test_table_lane_sort);
  ADD ("/timeline/equal-instants-stack", test_equal_instants_stack);
  ADD ("/timeline/live-events-reach-cards", test_live_events_reach_cards);
  ADD ("/timeline/escape-closes-editor", test_escape_closes_editor);
  ADD ("/timeline/table-flags", test_table_flags);
  ADD ("/timeline/quick-entry-marks", test_quick_entry_marks);
  ADD ("/timeline/link-menu-is-readable", test_link_menu_is_readable);
  ADD ("/timeline/editor-opens-at-top", test_editor_opens_at_top);
  ADD ("/timeline/minimum-width", test_minimum_width);
  ADD ("/timeline/drag-time-and-lane-one-undo", test_drag_time_and_lane_one_undo);
  ADD ("/timeline/drop-in-unknown-area", test_drop_in_unknown_area);
  ADD ("/timeline/multi-select-drag", test_multi_select_drag);
  ADD ("/timeline/quick-entry", test_quick_entry);
  ADD ("/timeline/keyboard", test_keyboard);
  ADD ("/timeline/keyboard-move-round-trip", test_keyboard_move_round_trip);
  ADD ("/timeline/day-step-keeps-wall-clock", test_day_step_keeps_wall_clock);
  ADD ("/timeline/lane-modes", test_lane_modes);
  ADD ("/timeline/zoom", test_zoom);
  ADD ("/timeline/table-and-editor", test_table_and_editor);
  ADD ("/timeline/table-editing", test_table_editing);
  ADD ("/timeline/autoscroll", test_autoscroll);
  ADD ("/timeline/pinch", test_pinch);
  ADD ("/timeline/compact-cards", test_compact_cards);
  ADD ("/timeline/link-selection-to-root-cause", test_link_selection_to_root_cause);

#undef ADD

  g_test_add_func ("/timeline/empty-canvas", test_empty_canvas);

  return g_test_run ();
}
