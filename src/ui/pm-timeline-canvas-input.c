/* pm-timeline-canvas-input.c — the canvas driven: gestures, scrolling, pinching, keys, the lane menu
 *
 * Gestures are created in init (pm-timeline-canvas.c) and handled here, Sysprof style; a press
 * a gesture does not want is denied with GTK_EVENT_SEQUENCE_DENIED. Every edit goes through the
 * document (pm-timeline-lanes.h, pm_document_set()), one gesture being one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pm-clock.h"
#include "pm-participant.h"
#include "pm-root-cause.h"
#include "pm-timeline-canvas-private.h"
#include "pm-vocabulary.h"

void
_pm_timeline_canvas_stop_autoscroll (PmTimelineCanvas *self)
{
  if (self->autoscroll_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->autoscroll_id);
  self->autoscroll_id = 0;
}

static gboolean
autoscroll_tick (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  PmTimelineCanvas *self = PM_TIMELINE_CANVAS (widget);
  double x = self->drag_x + self->drag_dx;
  double y = self->drag_y + self->drag_dy;
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double secs = self->autoscroll_last ? (now - self->autoscroll_last) / 1e6 : 0;
  double vx = 0, vy = 0;

  self->autoscroll_last = now;
  if (self->drag_mode != DRAG_CARDS)
    {
      self->autoscroll_id = 0;
      return G_SOURCE_REMOVE;
    }

  if (x < LABEL_W + EDGE_SCROLL)
    vx = -(LABEL_W + EDGE_SCROLL - x) * 12;
  else if (x > width - EDGE_SCROLL)
    vx = (x - (width - EDGE_SCROLL)) * 12;
  if (y < AXIS_H + EDGE_SCROLL / 2)
    vy = -(AXIS_H + EDGE_SCROLL / 2 - y) * 12;
  else if (y > height - MINI_H - EDGE_SCROLL / 2)
    vy = (y - (height - MINI_H - EDGE_SCROLL / 2)) * 12;

  if (vx == 0 && vy == 0)
    {
      self->autoscroll_id = 0;
      self->autoscroll_last = 0;
      return G_SOURCE_REMOVE;
    }

  self->view_start += vx * secs / self->scale;
  self->scroll_y += vy * secs;
  _pm_timeline_canvas_clamp_scroll (self);
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

void
_pm_timeline_canvas_on_drag_begin (PmTimelineCanvas *self,
                                   double            x,
                                   double            y,
                                   GtkGestureDrag   *gesture)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  PmEvent *event;

  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  self->drag_moved = FALSE;
  self->drag_view_start = self->view_start;
  self->drag_scroll_y = self->scroll_y;
  self->drag_time = pm_timeline_canvas_x_to_time (self, x);

  if (self->document == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_widget_grab_focus (GTK_WIDGET (self));

  if (y >= height - MINI_H)
    {
      self->drag_mode = DRAG_MINIMAP;
      return;
    }

  event = x >= LABEL_W ? pm_timeline_canvas_event_at (self, x, y) : NULL;
  if (event != NULL)
    {
      if (mods & GDK_CONTROL_MASK)
        {
          if (g_hash_table_contains (self->selection, event))
            {
              g_hash_table_remove (self->selection, event);
              _pm_timeline_canvas_selection_changed (self);
              gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
              return;
            }
          g_hash_table_add (self->selection, g_object_ref (event));
        }
      else if (!g_hash_table_contains (self->selection, event))
        {
          _pm_timeline_canvas_clear_selection (self);
          g_hash_table_add (self->selection, g_object_ref (event));
        }
      _pm_timeline_canvas_set_focus_event (self, event);
      g_set_object (&self->drag_event, event);
      self->drag_mode = DRAG_CARDS;
      _pm_timeline_canvas_selection_changed (self);
      return;
    }

  if (x < LABEL_W)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      self->drag_mode = DRAG_NONE;
      return;
    }

  if (mods & (GDK_SHIFT_MASK | GDK_CONTROL_MASK))
    self->drag_mode = DRAG_RUBBER;
  else
    self->drag_mode = DRAG_PAN;
}

static void
minimap_jump (PmTimelineCanvas *self,
              double            x)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double t_min, t_max, s;

  if (self->known->len == 0)
    return;
  t_min = card_at (self, g_array_index (self->known, guint, 0))->t;
  t_max = card_at (self, g_array_index (self->known, guint, self->known->len - 1))->t;
  t_max = MAX (t_max, t_min + 3600);
  s = (width - 2 * GAP) / (t_max - t_min);
  self->view_start = t_min + (x - GAP) / s - view_width (self) / 2 / self->scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_pm_timeline_canvas_on_drag_update (PmTimelineCanvas *self,
                                    double            dx,
                                    double            dy,
                                    GtkGestureDrag   *gesture)
{
  self->drag_dx = dx;
  self->drag_dy = dy;
  if (fabs (dx) >= DRAG_THRESHOLD || fabs (dy) >= DRAG_THRESHOLD)
    self->drag_moved = TRUE;

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      self->view_start = self->drag_view_start - dx / self->scale;
      self->scroll_y = self->drag_scroll_y - dy;
      _pm_timeline_canvas_clamp_scroll (self);
      break;
    case DRAG_MINIMAP:
      minimap_jump (self, self->drag_x + dx);
      break;
    case DRAG_CARDS:
      if (self->drag_moved && self->autoscroll_id == 0)
        {
          self->autoscroll_last = 0;
          self->autoscroll_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), autoscroll_tick,
                                                              NULL, NULL);
        }
      break;
    case DRAG_RUBBER:
    case DRAG_NONE:
    default:
      break;
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_pm_timeline_canvas_finish_drag (PmTimelineCanvas *self)
{
  if (self->drag_mode == DRAG_CARDS && self->drag_moved && self->drag_event != NULL)
    {
      guint pi = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, self->drag_event));

      if (pi > 0)
        {
          Card *card = card_at (self, pi - 1);
          double pointer_t = pm_timeline_canvas_x_to_time (self, self->drag_x + self->drag_dx);
          double new_t = card->xs / self->scale + (pointer_t - self->drag_time);
          int target = pm_timeline_canvas_lane_at_y (self, self->drag_y + self->drag_dy);
          g_autoptr(PmEvent) primary = g_object_ref (self->drag_event);

          self->drag_mode = DRAG_NONE;
          _pm_timeline_canvas_commit_move (self, primary, new_t, target, pm_timeline_canvas_get_snap_step (self));
        }
    }
  else if (self->drag_mode == DRAG_RUBBER)
    {
      graphene_rect_t r = GRAPHENE_RECT_INIT (MIN (self->drag_x, self->drag_x + self->drag_dx),
                                              MIN (self->drag_y, self->drag_y + self->drag_dy),
                                              fabs (self->drag_dx), fabs (self->drag_dy));

      for (guint i = 0; i < self->cards->len; i++)
        {
          Card *card = card_at (self, i);
          graphene_rect_t b = GRAPHENE_RECT_INIT (_pm_timeline_canvas_card_x (self, card), _pm_timeline_canvas_card_y (self, card),
                                                  MIN (card->w, CARD_W), CARD_H);

          if (graphene_rect_intersection (&r, &b, NULL))
            g_hash_table_add (self->selection, g_object_ref (card->event));
        }
      self->drag_mode = DRAG_NONE;
      _pm_timeline_canvas_selection_changed (self);
    }
  else if (self->drag_mode == DRAG_PAN && !self->drag_moved)
    {
      /* a click on empty space */
      _pm_timeline_canvas_clear_selection (self);
      _pm_timeline_canvas_selection_changed (self);
    }

  self->drag_mode = DRAG_NONE;
  g_clear_object (&self->drag_event);
  _pm_timeline_canvas_stop_autoscroll (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_pm_timeline_canvas_on_drag_end (PmTimelineCanvas *self,
                                 double            dx,
                                 double            dy,
                                 GtkGestureDrag   *gesture)
{
  self->drag_dx = dx;
  self->drag_dy = dy;
  _pm_timeline_canvas_finish_drag (self);
}

void
_pm_timeline_canvas_on_click_pressed (PmTimelineCanvas *self,
                                      int               n_press,
                                      double            x,
                                      double            y,
                                      GtkGestureClick  *gesture)
{
  PmEvent *event;
  int lane;

  if (n_press != 2 || self->document == NULL)
    return;

  if (x < LABEL_W)
    {
      /* a double click on a lane's name renames the lane */
      lane = pm_timeline_canvas_lane_at_y (self, y);
      if (lane >= 0 && (self->lane_mode == PM_LANE_MODE_LANE ||
                        self->lane_mode == PM_LANE_MODE_ACTOR))
        _pm_timeline_canvas_emit (self, SIGNAL_RENAME_LANE,
                                  ((Lane *) g_ptr_array_index (self->lanes, lane))->key);
      return;
    }

  event = pm_timeline_canvas_event_at (self, x, y);
  if (event != NULL)
    {
      _pm_timeline_canvas_emit (self, SIGNAL_ACTIVATE_EVENT, event);
      return;
    }

  lane = pm_timeline_canvas_lane_at_y (self, y);
  if (lane == -1)
    return;
  {
    gint64 t = lane == PM_TIMELINE_UNKNOWN_LANE
               ? G_MININT64
               : _pm_timeline_canvas_snap_time (self, pm_timeline_canvas_x_to_time (self, x),
                            pm_timeline_canvas_get_snap_step (self));
    const char *key = lane >= 0 ? ((Lane *) g_ptr_array_index (self->lanes, lane))->key : "";

    _pm_timeline_canvas_emit (self, SIGNAL_ADD_EVENT, t, key);
  }
}

gboolean
_pm_timeline_canvas_on_scroll (PmTimelineCanvas         *self,
                               double                    dx,
                               double                    dy,
                               GtkEventControllerScroll *controller)
{
  GdkModifierType mods = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));
  double unit = 1.0;

  if (event && gdk_scroll_event_get_direction (event) != GDK_SCROLL_SMOOTH)
    unit = 60.0;
  else
    unit = 20.0;

  if (mods & GDK_CONTROL_MASK)
    {
      double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2;
      double px, py;

      if (event && gdk_event_get_position (event, &px, &py))
        {
          graphene_point_t p;
          GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
          double nx = 0, ny = 0;

          gtk_native_get_surface_transform (native, &nx, &ny);
          if (gtk_widget_compute_point (GTK_WIDGET (native), GTK_WIDGET (self),
                                        &GRAPHENE_POINT_INIT (px - nx, py - ny), &p))
            x = p.x;
        }
      pm_timeline_canvas_zoom (self, pow (1.15, -dy), x);
      return TRUE;
    }

  /* Like a scrolled window: the wheel scrolls the lanes, Shift+wheel (or a sideways swipe)
   * moves in time. */
  if (mods & GDK_SHIFT_MASK)
    self->view_start += (dx + dy) * unit / self->scale;
  else
    {
      self->view_start += dx * unit / self->scale;
      self->scroll_y += dy * unit;
    }
  _pm_timeline_canvas_clamp_scroll (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

void
_pm_timeline_canvas_on_zoom_scale_changed (PmTimelineCanvas *self,
                                           double            scale,
                                           GtkGestureZoom   *gesture)
{
  double cx = 0, cy = 0;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2;
  if (gtk_gesture_is_recognized (GTK_GESTURE (gesture)))
    _pm_timeline_canvas_pinch (self, scale, cx);
  else
    self->pinch_scale = scale;
}

/* The gesture's scale is relative to where the fingers started: the zoom applies the change
 * since the last update, around the fingers' centre. */
void
_pm_timeline_canvas_pinch (PmTimelineCanvas *self,
                           double            scale,
                           double            center_x)
{
  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  if (self->pinch_scale > 0 && scale > 0)
    pm_timeline_canvas_zoom (self, scale / self->pinch_scale, center_x);
  self->pinch_scale = scale;
}

void
_pm_timeline_canvas_pinch_begin (PmTimelineCanvas *self)
{
  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  self->pinch_scale = 1.0;
}

void
_pm_timeline_canvas_on_zoom_begin (PmTimelineCanvas *self,
                                   GdkEventSequence *sequence,
                                   GtkGesture       *gesture)
{
  /* the gesture's scale starts at 1 */
  _pm_timeline_canvas_pinch_begin (self);
}

/* The lane of the focused card (else of the first selected one), -1 when there is none. */
static int
focused_lane (PmTimelineCanvas *self)
{
  PmEvent *event = self->focus;
  guint i;

  _pm_timeline_canvas_layout (self);
  if (event == NULL)
    {
      g_autoptr(GPtrArray) selected = pm_timeline_canvas_get_selection (self);

      if (selected->len == 0)
        return -1;
      event = g_ptr_array_index (selected, 0);
    }
  i = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, event));
  return i > 0 ? card_at (self, i - 1)->lane : -1;
}

static void
move_focused_lane (PmTimelineCanvas *self,
                   int               delta)
{
  int lane = focused_lane (self);

  if (lane < 0)
    return;
  if (pm_timeline_canvas_move_lane (self, ((Lane *) g_ptr_array_index (self->lanes, lane))->key,
                                    delta) &&
      self->focus != NULL)
    _pm_timeline_canvas_center_on (self, self->focus);
}

static void
update_lane_actions (PmTimelineCanvas *self)
{
  const char *key = self->menu_lane ? self->menu_lane : "";

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lane.move-up",
                                 pm_timeline_canvas_can_move_lane (self, key, -1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lane.move-down",
                                 pm_timeline_canvas_can_move_lane (self, key, 1));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "lane.rename",
                                 self->menu_lane != NULL &&
                                 (self->lane_mode == PM_LANE_MODE_LANE ||
                                  self->lane_mode == PM_LANE_MODE_ACTOR));
}

/* Opens the lane menu of @lane, pointing at (@x, @y) (the pointer, the focused card), or at
 * the lane's name when @x < 0; FALSE when lanes have no menu (by contributor, by kind). */
static gboolean
popup_lane_menu (PmTimelineCanvas *self,
                 int               lane,
                 double            x,
                 double            y)
{
  Lane *l;
  GdkRectangle rect;

  _pm_timeline_canvas_layout (self);
  if (lane < 0 || lane >= (int) self->lanes->len ||
      (self->lane_mode != PM_LANE_MODE_LANE && self->lane_mode != PM_LANE_MODE_ACTOR))
    return FALSE;
  l = g_ptr_array_index (self->lanes, lane);
  g_free (self->menu_lane);
  self->menu_lane = g_strdup (l->key);
  update_lane_actions (self);

  if (x < 0)
    {
      double top = content_top (self) + l->y;
      double bottom = top + MIN (l->h, CARD_H);

      top = CLAMP (top, AXIS_H, gtk_widget_get_height (GTK_WIDGET (self)) - MINI_H - 1);
      bottom = CLAMP (bottom, top + 1, gtk_widget_get_height (GTK_WIDGET (self)) - MINI_H);
      rect = (GdkRectangle) { 0, (int) top, (int) LABEL_W, MAX (1, (int) (bottom - top)) };
    }
  else
    rect = (GdkRectangle) { (int) x, (int) y, 1, 1 };
  gtk_popover_set_pointing_to (GTK_POPOVER (self->lane_menu), &rect);
  gtk_popover_popup (GTK_POPOVER (self->lane_menu));
  return TRUE;
}

void
_pm_timeline_canvas_on_secondary_pressed (PmTimelineCanvas *self,
                                          int               n_press,
                                          double            x,
                                          double            y,
                                          GtkGestureClick  *gesture)
{
  int lane = x < LABEL_W && self->document != NULL ? pm_timeline_canvas_lane_at_y (self, y) : -1;

  if (!popup_lane_menu (self, lane, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

void
_pm_timeline_canvas_on_long_pressed (PmTimelineCanvas     *self,
                                     double                x,
                                     double                y,
                                     GtkGestureLongPress  *gesture)
{
  int lane = x < LABEL_W && self->document != NULL ? pm_timeline_canvas_lane_at_y (self, y) : -1;

  if (!popup_lane_menu (self, lane, x, y))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

gboolean
_pm_timeline_canvas_on_query_tooltip (PmTimelineCanvas *self,
                                      int               x,
                                      int               y,
                                      gboolean          keyboard,
                                      GtkTooltip       *tooltip)
{
  if (keyboard || x >= LABEL_W || self->document == NULL ||
      pm_timeline_canvas_lane_at_y (self, y) < 0)
    return FALSE;

  if (self->lane_mode == PM_LANE_MODE_LANE)
    gtk_tooltip_set_text (tooltip, _("Double-click to rename the lane, right-click to move it"));
  else if (self->lane_mode == PM_LANE_MODE_ACTOR)
    gtk_tooltip_set_text (tooltip, _("Double-click to rename the lane"));
  else
    return FALSE;
  return TRUE;
}

void
_pm_timeline_canvas_lane_action_activated (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter)
{
  PmTimelineCanvas *self = PM_TIMELINE_CANVAS (widget);
  g_autofree char *key = g_strdup (self->menu_lane);

  if (key == NULL)
    return;
  if (g_str_equal (action_name, "lane.move-up"))
    pm_timeline_canvas_move_lane (self, key, -1);
  else if (g_str_equal (action_name, "lane.move-down"))
    pm_timeline_canvas_move_lane (self, key, 1);
  else if (g_str_equal (action_name, "lane.rename"))
    _pm_timeline_canvas_emit (self, SIGNAL_RENAME_LANE, key);
}

/* Focus moves through the cards in timeline order (the document's order). */
static void
move_focus (PmTimelineCanvas *self,
            int               direction,
            gboolean          extend)
{
  guint n;
  int i;

  _pm_timeline_canvas_layout (self);
  n = self->cards->len;
  if (n == 0)
    return;
  if (self->focus == NULL)
    i = direction > 0 ? 0 : (int) n - 1;
  else
    {
      i = (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->index, self->focus)) - 1 + direction;
      i = CLAMP (i, 0, (int) n - 1);
    }
  pm_timeline_canvas_select (self, card_at (self, i)->event, extend);
}

gboolean
_pm_timeline_canvas_on_key_pressed (PmTimelineCanvas      *self,
                                    guint                  keyval,
                                    guint                  keycode,
                                    GdkModifierType        state,
                                    GtkEventControllerKey *controller)
{
  gboolean alt = (state & GDK_ALT_MASK) != 0;
  gboolean ctrl = (state & GDK_CONTROL_MASK) != 0;
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;

  if (self->document == NULL)
    return FALSE;

  _pm_timeline_canvas_layout (self);
  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (alt && shift && (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up))
        {
          move_focused_lane (self, -1);
          return TRUE;
        }
      if (alt)
        {
          if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
            pm_timeline_canvas_move_selection (self, -1, 0);
          else
            pm_timeline_canvas_move_selection (self, 0, -1);
          return TRUE;
        }
      move_focus (self, -1, shift);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (alt && shift && (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down))
        {
          move_focused_lane (self, 1);
          return TRUE;
        }
      if (alt)
        {
          if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
            pm_timeline_canvas_move_selection (self, 1, 0);
          else
            pm_timeline_canvas_move_selection (self, 0, 1);
          return TRUE;
        }
      move_focus (self, 1, shift);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      {
        int direction = (keyval == GDK_KEY_ISO_Left_Tab || shift) ? -1 : 1;
        guint i = self->focus ? GPOINTER_TO_UINT (g_hash_table_lookup (self->index,
                                                                         self->focus)) : 0;

        /* Leave the canvas after the last card (or before the first). */
        if (self->cards->len == 0 ||
            (direction > 0 && i >= self->cards->len) || (direction < 0 && i <= 1 && self->focus))
          return FALSE;
        move_focus (self, direction, FALSE);
        return TRUE;
      }
    case GDK_KEY_Home:
      if (self->cards->len > 0)
        pm_timeline_canvas_select (self, card_at (self, 0)->event, FALSE);
      return TRUE;
    case GDK_KEY_End:
      if (self->cards->len > 0)
        pm_timeline_canvas_select (self, card_at (self, self->cards->len - 1)->event, FALSE);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (self->focus != NULL)
        {
          _pm_timeline_canvas_emit (self, SIGNAL_ACTIVATE_EVENT, self->focus);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      if (g_hash_table_size (self->selection) > 0)
        {
          _pm_timeline_canvas_emit (self, SIGNAL_DELETE_SELECTION);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_a:
      if (ctrl)
        {
          pm_timeline_canvas_select_all (self);
          return TRUE;
        }
      return FALSE;
    case GDK_KEY_Menu:
    case GDK_KEY_F10:
      if (keyval == GDK_KEY_F10 && !shift)
        return FALSE;
      {
        int lane = focused_lane (self);
        graphene_rect_t b;

        if (lane < 0 ||
            (self->lane_mode != PM_LANE_MODE_LANE && self->lane_mode != PM_LANE_MODE_ACTOR))
          return FALSE;
        if (self->focus != NULL)
          _pm_timeline_canvas_center_on (self, self->focus);
        if (self->focus != NULL && pm_timeline_canvas_get_card_bounds (self, self->focus, &b))
          return popup_lane_menu (self, lane, b.origin.x + MIN (b.size.width, CARD_W) / 2,
                                  b.origin.y + b.size.height);
        return popup_lane_menu (self, lane, -1, -1);
      }
    case GDK_KEY_Escape:
      if (g_hash_table_size (self->selection) > 0)
        {
          _pm_timeline_canvas_clear_selection (self);
          _pm_timeline_canvas_selection_changed (self);
          return TRUE;
        }
      return FALSE;
    default:
      return FALSE;
    }
}
