/* pm-timeline-canvas-layout.c — where the canvas's lanes and cards are, and the time grid
 *
 * The lanes come from the core model (pm-timeline-lanes.h); the layout lives in "scale space"
 * (time × zoom), cards that would overlap in a lane are stacked in rows, and events with an
 * unknown time sit in their own area under the known event before them. Also the snapping of
 * times to the grid of the zoom, in the document's zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pm-root-cause.h"
#include "pm-timeline-canvas-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Layout                                                                                     */
/* ------------------------------------------------------------------------------------------ */


void
_pm_timeline_canvas_unwatch_all (PmTimelineCanvas *self)
{
  GHashTableIter iter;
  gpointer object, handler;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &object, &handler))
    g_signal_handler_disconnect (object, GPOINTER_TO_SIZE (handler));
  g_hash_table_remove_all (self->watched);
}

/* Follows @object's changes (once) and notes it in @seen. Watches stay across rebuilds:
 * connecting to ten thousand events again on every added event would cost a frame each time.
 * The canvas disconnects them all when it lets go of the document. */
static void
watch (PmTimelineCanvas *self,
       gpointer          object,
       GHashTable       *seen)
{
  gulong handler;

  g_hash_table_add (seen, object);
  if (g_hash_table_contains (self->watched, object))
    return;
  handler = g_signal_connect_swapped (object, "notify",
                                      G_CALLBACK (_pm_timeline_canvas_on_object_notify), self);
  g_hash_table_insert (self->watched, g_object_ref (object), GSIZE_TO_POINTER (handler));
}

static void
kept_card_free (gpointer data)
{
  Card *card = data;

  g_clear_object (&card->head);
  g_clear_object (&card->actor);
  g_clear_object (&card->text);
  g_clear_pointer (&card->node, gsk_render_node_unref);
  g_free (card);
}

static gboolean
deferred_rebuild_cb (gpointer data)
{
  PmTimelineCanvas *self = data;

  self->deferred_source = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return G_SOURCE_REMOVE;
}

void
_pm_timeline_canvas_request_rebuild (PmTimelineCanvas *self)
{
  /* Deferred, the cards stay as they are (and so does their layout) until the rebuild. */
  if (self->document != NULL && pm_document_get_in_foreign_change (self->document) &&
      !self->needs_rebuild)
    {
      if (self->deferred_since == 0)
        self->deferred_since = g_get_monotonic_time ();
      if (self->deferred_source == 0)
        self->deferred_source = g_timeout_add (LIVE_REBUILD_MS, deferred_rebuild_cb, self);
      return;
    }
  self->needs_rebuild = TRUE;
  self->layout_valid = FALSE;
}

/* Rebuilds the card list and lanes from the document. */
void
_pm_timeline_canvas_rebuild (PmTimelineCanvas *self)
{
  GListModel *events;
  guint n;

  g_autoptr(GHashTable) kept = g_hash_table_new_full (NULL, NULL, NULL, kept_card_free);

  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  self->needs_rebuild = FALSE;
  self->deferred_since = 0;
  /* The cards' text layouts stay with their events: an event added by a participant, every
   * few hundred milliseconds in a live session, must not make every visible card lay out its
   * text again. A changed event has had its layouts cleared already. */
  for (guint i = 0; i < self->cards->len; i++)
    {
      Card *card = &g_array_index (self->cards, Card, i);

      if (card->head != NULL || card->node != NULL)
        {
          Card *copy = g_new0 (Card, 1);

          copy->head = g_steal_pointer (&card->head);
          copy->actor = g_steal_pointer (&card->actor);
          copy->text = g_steal_pointer (&card->text);
          copy->layout_inner = card->layout_inner;
          copy->node = g_steal_pointer (&card->node);
          copy->node_selected = card->node_selected;
          copy->node_w = card->node_w;
          g_hash_table_insert (kept, card->event, copy);
        }
    }
  g_array_set_size (self->cards, 0);
  g_array_set_size (self->known, 0);
  g_array_set_size (self->unknown, 0);
  g_ptr_array_set_size (self->lanes, 0);
  g_hash_table_remove_all (self->index);
  self->layout_valid = FALSE;

  if (self->document == NULL)
    {
      _pm_timeline_canvas_unwatch_all (self);
      return;
    }

  events = pm_document_get_events (self->document);
  n = g_list_model_get_n_items (events);

  /* The lanes as the core model has them (pm-timeline-lanes.h): the PDF figure and the table
   * use the same order. */
  {
    g_autoptr(GPtrArray) extra = g_ptr_array_new ();
    g_autoptr(GPtrArray) keys = NULL;

    for (guint i = 0; i < self->extra_lanes->len; i++)
      g_ptr_array_add (extra, g_ptr_array_index (self->extra_lanes, i));
    g_ptr_array_add (extra, NULL);
    keys = pm_timeline_lanes_compute (self->document, self->lane_mode,
                                      (const char * const *) extra->pdata);
    for (guint l = 0; l < keys->len; l++)
      _pm_timeline_canvas_add_lane (self, g_ptr_array_index (keys, l));
  }

  for (guint i = 0; i < n; i++)
    {
      Card card = { 0, };
      const PmTime *time;

      card.event = g_list_model_get_item (events, i);
      card.order = i;
      {
        Card *copy = g_hash_table_lookup (kept, card.event);

        if (copy != NULL)
          {
            card.head = g_steal_pointer (&copy->head);
            card.actor = g_steal_pointer (&copy->actor);
            card.text = g_steal_pointer (&copy->text);
            card.layout_inner = copy->layout_inner;
            card.node = g_steal_pointer (&copy->node);
            card.node_selected = copy->node_selected;
            card.node_w = copy->node_w;
          }
      }
      time = pm_event_get_time (card.event);
      card.known = time != NULL;
      card.t = time ? pm_time_get_unix (time) : 0;
      card.lane = _pm_timeline_canvas_find_lane (self, pm_timeline_lane_key (card.event, self->lane_mode));
      g_assert (card.lane >= 0);
      g_array_append_val (self->cards, card);
      g_hash_table_insert (self->index, card.event, GUINT_TO_POINTER (i + 1));
      watch (self, card.event, seen);
      if (card.known)
        g_array_append_val (self->known, i);
      else
        g_array_append_val (self->unknown, i);
    }

  {
    GListModel *rcs = pm_document_get_root_causes (self->document);
    guint n_rcs = g_list_model_get_n_items (rcs);

    for (guint i = 0; i < n_rcs; i++)
      {
        g_autoptr(GObject) rc = g_list_model_get_item (rcs, i);

        watch (self, rc, seen);
      }
  }

  /* Stop following what left the document. */
  {
    GHashTableIter iter;
    gpointer object, handler;

    g_hash_table_iter_init (&iter, self->watched);
    while (g_hash_table_iter_next (&iter, &object, &handler))
      if (!g_hash_table_contains (seen, object))
        {
          g_signal_handler_disconnect (object, GPOINTER_TO_SIZE (handler));
          g_hash_table_iter_remove (&iter);
        }
  }

  /* Forget selected events that are gone. */
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, self->selection);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      if (!g_hash_table_contains (self->index, key))
        g_hash_table_iter_remove (&iter);
    if (self->focus && !g_hash_table_contains (self->index, self->focus))
      g_clear_object (&self->focus);
  }
}

/* Places the cards for the current scale: x from time, rows so that nothing overlaps. */
void
_pm_timeline_canvas_layout (PmTimelineCanvas *self)
{
  g_autoptr(GArray) row_ends = g_array_new (FALSE, FALSE, sizeof (double));
  GArray **lane_rows;
  double y = 0.0;
  double first_xs = 0.0;
  guint n_leading = 0;

  if (self->deferred_since != 0 &&
      g_get_monotonic_time () - self->deferred_since >= LIVE_REBUILD_MS * 1000)
    {
      self->deferred_since = 0;
      self->needs_rebuild = TRUE;
    }
  if (self->needs_rebuild)
    _pm_timeline_canvas_rebuild (self);
  if (self->layout_valid)
    return;
  self->layout_valid = TRUE;
  self->max_card_w = CARD_W;

  lane_rows = g_new0 (GArray *, self->lanes->len);
  for (guint l = 0; l < self->lanes->len; l++)
    lane_rows[l] = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint k = 0; k < self->known->len; k++)
    {
      Card *card = card_at (self, g_array_index (self->known, guint, k));
      const PmTime *time = pm_event_get_time (card->event);
      GArray *rows = lane_rows[card->lane];
      guint r;

      card->xs = card->t * self->scale;
      card->w = CARD_W;
      if (pm_time_get_precision (time) == PM_TIME_PRECISION_DAY)
        card->w = MAX (CARD_W, 86400.0 * self->scale);
      self->max_card_w = MAX (self->max_card_w, card->w);

      for (r = 0; r < rows->len; r++)
        if (g_array_index (rows, double, r) + ROW_GAP <= card->xs)
          break;
      if (r == rows->len)
        g_array_set_size (rows, rows->len + 1);
      g_array_index (rows, double, r) = card->xs + card->w;
      card->row = r;
    }

  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = g_ptr_array_index (self->lanes, l);

      lane->n_rows = MAX (1, (int) lane_rows[l]->len);
      lane->y = y;
      lane->h = lane->n_rows * (CARD_H + ROW_GAP) - ROW_GAP + 2 * GAP;
      y += lane->h;
      g_array_unref (lane_rows[l]);
    }
  g_free (lane_rows);

  /* Unknown times: under the known event before them in the sequence. */
  if (self->known->len > 0)
    first_xs = card_at (self, g_array_index (self->known, guint, 0))->xs;
  for (guint u = 0; u < self->unknown->len; u++)
    if (g_array_index (self->unknown, guint, u) == u)
      n_leading++;

  for (guint u = 0; u < self->unknown->len; u++)
    {
      guint i = g_array_index (self->unknown, guint, u);
      Card *card = card_at (self, i);
      guint r;

      card->w = CARD_W;
      if (self->known->len == 0)
        card->xs = u * (CARD_W + ROW_GAP);
      else if (u < n_leading)
        card->xs = first_xs - (n_leading - u) * (CARD_W + ROW_GAP);
      else
        {
          /* the nearest known card before it in the sequence */
          guint j = i;

          while (j > 0 && !card_at (self, j - 1)->known)
            j--;
          card->xs = card_at (self, j - 1)->xs;
        }

      for (r = 0; r < row_ends->len; r++)
        if (g_array_index (row_ends, double, r) + ROW_GAP <= card->xs)
          break;
      if (r == row_ends->len)
        g_array_set_size (row_ends, row_ends->len + 1);
      g_array_index (row_ends, double, r) = card->xs + card->w;
      card->row = r;
    }

  self->unknown_y = y;
  self->unknown_rows = MAX (1, (int) row_ends->len);
  self->content_h = y + UNKNOWN_HEAD + self->unknown_rows * (CARD_H + ROW_GAP) + GAP;
}

void
_pm_timeline_canvas_invalidate (PmTimelineCanvas *self)
{
  self->layout_valid = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_pm_timeline_canvas_clamp_scroll (PmTimelineCanvas *self)
{
  double max_y = MAX (0.0, self->content_h - view_height (self) / 2);

  self->scroll_y = CLAMP (self->scroll_y, -view_height (self) / 2, max_y);
}

/* ------------------------------------------------------------------------------------------ */
/* Time helpers                                                                               */
/* ------------------------------------------------------------------------------------------ */

int
_pm_timeline_canvas_zone_offset (PmTimelineCanvas *self,
                                 gint64            t)
{
  int interval = g_time_zone_find_interval (self->zone, G_TIME_TYPE_UNIVERSAL, t);

  return interval < 0 ? 0 : g_time_zone_get_offset (self->zone, interval);
}

/* Rounds @t to a multiple of @step in the document's zone (days: local midnight). */
gint64
_pm_timeline_canvas_snap_time (PmTimelineCanvas *self,
                               double            t,
                               gint64            step)
{
  gint64 ti = (gint64) floor (t);
  int offset = _pm_timeline_canvas_zone_offset (self, ti);
  double local = t + offset;
  gint64 snapped = (gint64) floor (local / step + 0.5) * step;

  return snapped - _pm_timeline_canvas_zone_offset (self, snapped - offset);
}

gint64
pm_timeline_canvas_get_snap_step (PmTimelineCanvas *self)
{
  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), 60);

  return pm_timeline_snap_step_for_scale (self->scale);
}

/* How far the card moves when dropped at @new_t: to the snap grid, or by whole days for a
 * card known only to the day (or when the step is a day: the time of day stays). */
gint64
_pm_timeline_canvas_primary_delta (PmTimelineCanvas *self,
                                   Card             *card,
                                   double            new_t,
                                   gint64            step)
{
  const PmTime *time = pm_event_get_time (card->event);
  double from = card->known ? (double) card->t : floor (card->xs / self->scale);

  if (time != NULL && pm_time_get_precision (time) == PM_TIME_PRECISION_DAY)
    return (gint64) floor ((new_t - from) / 86400 + 0.5) * 86400;
  if (time != NULL && step >= 86400)
    {
      /* whole calendar days in the document's zone: the wall-clock time stays, also across a
       * change to or from daylight saving time */
      int days = (int) floor ((new_t - from) / 86400 + 0.5);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc ((gint64) from);
      g_autoptr(GDateTime) local = utc ? g_date_time_to_timezone (utc, self->zone) : NULL;
      g_autoptr(GDateTime) moved = local ? g_date_time_add_days (local, days) : NULL;

      return moved ? g_date_time_to_unix (moved) - (gint64) from : (gint64) days * 86400;
    }
  return _pm_timeline_canvas_snap_time (self, new_t, step) - (gint64) from;
}
