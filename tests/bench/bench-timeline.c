/* bench-timeline.c — drawing the timeline canvas with thousands of cards
 *
 * Medians: one frame of a canvas showing about 2,000 cards (snapshot plus rendering with the
 * cairo renderer, offscreen), one frame of the same canvas while cards are being dragged; the
 * same at 1920x1080, where 80 cards fit, and with compact cards, where about 2,000 do; and
 * opening a 10,000-event document to a first frame. Targets from the issue: a frame under
 * 8 ms (120 Hz), opening under a second. It reports, it does not assert on times.
 * Needs a display (run under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "pm-timeline-canvas-private.h"

#define N_EVENTS 10000
#define N_RUNS   15
#define WIDTH    6600
#define HEIGHT   6800

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, N_RUNS, sizeof (double), compare_doubles);
  return values[N_RUNS / 2];
}

/* Ten lanes, an event a minute, in timeline order (appended: the list is already ordered). */
static PmDocument *
make_document (void)
{
  static const char * const kinds[] = { "trigger", "detection", "response", "communication",
                                        "recovery", "background" };
  PmDocument *document = pm_document_new ();
  GListModel *events = pm_document_get_events (document);

  pm_document_set (document, document, "timezone", "Europe/Berlin", NULL);
  for (guint i = 0; i < N_EVENTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("ev-%05u", i);
      g_autofree char *lane = g_strdup_printf ("Team %u", i % 10);
      g_autofree char *text = g_strdup_printf ("Event %u: the pipeline job printed its "
                                               "environment to the public log; the on-call "
                                               "engineer saw the alert %u minutes later.",
                                               i, i % 17);
      g_autoptr(PmEvent) event = pm_event_new (id);
      g_autoptr(PmTime) time = i % 50 == 7 ? NULL
                               : pm_time_new (1729900800 + i * 60, 7200,
                                              PM_TIME_PRECISION_MINUTE);

      pm_event_set_time (event, time);
      pm_event_set_actor (event, lane);
      pm_event_set_lane (event, lane);
      pm_event_set_text (event, text);
      pm_event_set_kind (event, kinds[i % G_N_ELEMENTS (kinds)]);
      pm_event_set_contributed (event, i % 3 == 0);
      pm_document_append (document, events, event);
    }
  return document;
}

static double snapshot_only;

static double
frame_ms (GtkWidget       *canvas,
          cairo_surface_t *surface)
{
  gint64 start = g_get_monotonic_time ();
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_t *cr;

  GTK_WIDGET_GET_CLASS (canvas)->snapshot (canvas, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  snapshot_only = (g_get_monotonic_time () - start) / 1000.0;
  cr = cairo_create (surface);
  if (node != NULL)
    gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  g_clear_pointer (&node, gsk_render_node_unref);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Cards at least partly inside the canvas area of a @width × @height canvas. */
static guint
count_visible (PmTimelineCanvas *canvas,
               PmDocument       *document,
               int               width,
               int               height)
{
  GListModel *events = pm_document_get_events (document);
  graphene_rect_t view = GRAPHENE_RECT_INIT (170, 48, width - 170, height - 78);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      graphene_rect_t b;

      if (pm_timeline_canvas_get_card_bounds (canvas, event, &b) &&
          graphene_rect_intersection (&view, &b, NULL))
        n++;
    }
  return n;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PmDocument) document = NULL;
  GtkWidget *window;
  GtkWidget *canvas;
  cairo_surface_t *surface;
  double frame[N_RUNS], drag[N_RUNS], open[N_RUNS], snap[N_RUNS], drag_snap[N_RUNS];
  double hd[N_RUNS], compact[N_RUNS], compact_drag[N_RUNS];
  guint hd_visible, compact_visible;
  guint visible;

  gtk_init ();
  adw_init ();

  document = make_document ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);

  /* Opening: the document handed to a new canvas, laid out and drawn once. */
  for (int run = 0; run < N_RUNS; run++)
    {
      gint64 start;

      window = gtk_window_new ();
      canvas = pm_timeline_canvas_new ();
      gtk_window_set_child (GTK_WINDOW (window), canvas);
      gtk_widget_realize (window);
      gtk_widget_size_allocate (canvas, &(GtkAllocation) { 0, 0, WIDTH, HEIGHT }, -1);

      start = g_get_monotonic_time ();
      pm_timeline_canvas_set_document (PM_TIMELINE_CANVAS (canvas), document);
      pm_timeline_canvas_fit_all (PM_TIMELINE_CANVAS (canvas));
      frame_ms (canvas, surface);
      open[run] = (g_get_monotonic_time () - start) / 1000.0;
      gtk_window_destroy (GTK_WINDOW (window));
    }

  window = gtk_window_new ();
  canvas = pm_timeline_canvas_new ();
  gtk_window_set_child (GTK_WINDOW (window), canvas);
  gtk_widget_realize (window);
  gtk_widget_size_allocate (canvas, &(GtkAllocation) { 0, 0, WIDTH, HEIGHT }, -1);
  pm_timeline_canvas_set_document (PM_TIMELINE_CANVAS (canvas), document);
  /* About 5 pixels a minute: a few hours on screen, cards stacked two rows deep. */
  pm_timeline_canvas_zoom (PM_TIMELINE_CANVAS (canvas),
                           (2.0 / 60) / pm_timeline_canvas_get_scale (PM_TIMELINE_CANVAS (canvas)),
                           170);
  pm_timeline_canvas_jump_to_first (PM_TIMELINE_CANVAS (canvas));
  visible = count_visible (PM_TIMELINE_CANVAS (canvas), document, WIDTH, HEIGHT);

  frame_ms (canvas, surface);   /* the layouts of the visible cards are made once */
  for (int run = 0; run < N_RUNS; run++)
    {
      frame[run] = frame_ms (canvas, surface);
      snap[run] = snapshot_only;
    }

  /* During a drag: 50 selected cards drawn twice (in place and where they would land). */
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (pm_document_get_events (document), 40 + i);

      pm_timeline_canvas_select (PM_TIMELINE_CANVAS (canvas), event, i > 0);
    }
  /* the same view as above (selecting scrolled to the card) */
  pm_timeline_canvas_fit_all (PM_TIMELINE_CANVAS (canvas));
  pm_timeline_canvas_zoom (PM_TIMELINE_CANVAS (canvas),
                           (2.0 / 60) / pm_timeline_canvas_get_scale (PM_TIMELINE_CANVAS (canvas)),
                           170);
  pm_timeline_canvas_jump_to_first (PM_TIMELINE_CANVAS (canvas));
  for (int run = 0; run < N_RUNS; run++)
    {
      _pm_timeline_canvas_set_drag_offset (PM_TIMELINE_CANVAS (canvas), 10.0 * run, 5.0 * run);
      drag[run] = frame_ms (canvas, surface);
      drag_snap[run] = snapshot_only;
    }
  _pm_timeline_canvas_set_drag_offset (PM_TIMELINE_CANVAS (canvas), 0, 0);

  /* The same view on a full-HD projector */
  gtk_widget_size_allocate (canvas, &(GtkAllocation) { 0, 0, 1920, 1080 }, -1);
  cairo_surface_destroy (surface);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  pm_timeline_canvas_jump_to_first (PM_TIMELINE_CANVAS (canvas));
  hd_visible = count_visible (PM_TIMELINE_CANVAS (canvas), document, 1920, 1080);
  frame_ms (canvas, surface);
  for (int run = 0; run < N_RUNS; run++)
    hd[run] = frame_ms (canvas, surface);

  /* Compact cards on the same screen, zoomed out to 0.85 pixels a minute: about 2,000 cards
   * in view, each lane a few rows deep; then while the 50 selected ones are dragged. */
  pm_timeline_canvas_set_compact_cards (PM_TIMELINE_CANVAS (canvas), TRUE);
  pm_timeline_canvas_zoom (PM_TIMELINE_CANVAS (canvas),
                           (0.85 / 60) / pm_timeline_canvas_get_scale (PM_TIMELINE_CANVAS (canvas)),
                           170);
  pm_timeline_canvas_jump_to_first (PM_TIMELINE_CANVAS (canvas));
  compact_visible = count_visible (PM_TIMELINE_CANVAS (canvas), document, 1920, 1080);
  frame_ms (canvas, surface);
  for (int run = 0; run < N_RUNS; run++)
    compact[run] = frame_ms (canvas, surface);
  for (int run = 0; run < N_RUNS; run++)
    {
      _pm_timeline_canvas_set_drag_offset (PM_TIMELINE_CANVAS (canvas), 10.0 * run, 5.0 * run);
      compact_drag[run] = frame_ms (canvas, surface);
    }
  _pm_timeline_canvas_set_drag_offset (PM_TIMELINE_CANVAS (canvas), 0, 0);

  printf ("timeline canvas, %u events, %u cards visible on a %dx%d canvas\n",
          N_EVENTS, visible, WIDTH, HEIGHT);
  printf ("  one frame (snapshot + cairo render):  median %7.2f ms (target < 8 ms), "
          "snapshot alone %.2f ms\n", median (frame), median (snap));
  printf ("  one frame while dragging 50 cards:    median %7.2f ms (target < 8 ms), "
          "snapshot alone %.2f ms\n", median (drag), median (drag_snap));
  printf ("  one frame at 1920x1080 (%u cards):     median %7.2f ms (target < 8 ms)\n",
          hd_visible, median (hd));
  printf ("  compact cards at 1920x1080 (%u cards): median %7.2f ms (target < 8 ms), "
          "while dragging 50: %.2f ms\n", compact_visible, median (compact), median (compact_drag));
  printf ("  open the document to a first frame:   median %7.2f ms (target < 1000 ms)\n",
          median (open));

  gtk_window_destroy (GTK_WINDOW (window));
  cairo_surface_destroy (surface);
  return 0;
}
