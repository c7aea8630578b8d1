/* pm-timeline-canvas.c — the event-storming canvas: cards on a time axis, in lanes
 *
 * Drawn in snapshot, Sysprof style (pm-timeline-canvas-draw.c). The layout lives in "scale space": a card's x is its time
 * multiplied by the zoom (pixels per second), so panning only changes an offset and never lays
 * the cards out again; only a change of zoom, of lanes or of the document does. Known-time
 * cards are kept in timeline order (the document's order), so the visible ones are found by
 * binary search; cards that would overlap in a lane (close or equal times) are stacked in rows.
 *
 * Events with an unknown time live in an area of their own below the lanes, in sequence
 * order, each placed under the known event that comes before it in the sequence, so its
 * neighbours are visible above it.
 *
 * The canvas keeps no copy of the document: every change (a drag, a key) goes through
 * pm_document_set() inside pm_document_begin_change()/end_change(), one drag being one undo
 * step; the canvas lays itself out again from "items-changed" and the events' "notify".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pm-clock.h"
#include "pm-participant.h"
#include "pm-root-cause.h"
#include "pm-timeline-canvas-private.h"
#include "pm-vocabulary.h"

G_DEFINE_FINAL_TYPE (PmTimelineCanvas, pm_timeline_canvas, GTK_TYPE_WIDGET)

static guint signals[N_SIGNALS];

void
_pm_timeline_canvas_emit (PmTimelineCanvas *self,
                          CanvasSignal      which,
                          ...)
{
  va_list args;

  va_start (args, which);
  g_signal_emit_valist (self, signals[which], 0, args);
  va_end (args);
}

enum {
  PROP_0,
  PROP_LANE_MODE,
  PROP_SHOW_ORIGINAL_ZONE,
  PROP_COMPACT_CARDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
card_clear_layouts (Card *card)
{
  g_clear_object (&card->head);
  g_clear_object (&card->actor);
  g_clear_object (&card->text);
  g_clear_pointer (&card->node, gsk_render_node_unref);
}

static void
card_clear (gpointer data)
{
  Card *card = data;

  card_clear_layouts (card);
  g_clear_object (&card->event);
}

static void
lane_free (gpointer data)
{
  Lane *lane = data;

  g_free (lane->key);
  g_free (lane->name);
  g_free (lane);
}

static char *
lane_name_of (PmTimelineCanvas *self,
              const char       *key)
{
  switch (self->lane_mode)
    {
    case PM_LANE_MODE_CONTRIBUTOR:
      {
        PmParticipant *p = *key ? pm_document_find_participant (self->document, key) : NULL;

        if (p != NULL && *pm_participant_get_name (p))
          return g_strdup (pm_participant_get_name (p));
        return g_strdup (*key ? key : _("No contributor"));
      }
    case PM_LANE_MODE_KIND:
      return g_strdup (*key ? pm_vocabulary_get_label (PM_VOCABULARY_EVENT_KIND, key)
                            : _("No kind"));
    case PM_LANE_MODE_ACTOR:
    case PM_LANE_MODE_LANE:
    default:
      return g_strdup (*key ? key : _("No actor"));
    }
}

int
_pm_timeline_canvas_find_lane (PmTimelineCanvas *self,
                               const char       *key)
{
  for (guint i = 0; i < self->lanes->len; i++)
    if (g_str_equal (((Lane *) g_ptr_array_index (self->lanes, i))->key, key))
      return i;
  return -1;
}

int
_pm_timeline_canvas_add_lane (PmTimelineCanvas *self,
                              const char       *key)
{
  Lane *lane = g_new0 (Lane, 1);

  lane->key = g_strdup (key);
  lane->name = lane_name_of (self, key);
  g_ptr_array_add (self->lanes, lane);
  return self->lanes->len - 1;
}

/* The card's time as shown on it: "14:32", "~14:00", "26 Oct", "time unknown". */
char *
_pm_timeline_canvas_format_card_time (PmTimelineCanvas *self,
                                      const PmTime     *time,
                                      gboolean          with_date)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *date = NULL;
  g_autofree char *clock = NULL;

  if (time == NULL)
    return g_strdup (_("time unknown"));

  dt = pm_time_to_date_time (time, self->zone);
  if (dt == NULL)
    dt = pm_time_to_date_time (time, NULL);
  if (dt == NULL)
    return g_strdup ("?");

  /* Translators: a short date on a timeline card, see g_date_time_format() */
  date = g_date_time_format (dt, _("%-d %b"));
  switch (pm_time_get_precision (time))
    {
    case PM_TIME_PRECISION_DAY:
      return g_steal_pointer (&date);
    case PM_TIME_PRECISION_HOUR:
      /* Translators: a time known only roughly, e.g. "~14:00" */
      clock = g_date_time_format (dt, _("~%H:%M"));
      break;
    case PM_TIME_PRECISION_EXACT:
    case PM_TIME_PRECISION_MINUTE:
    default:
      clock = g_date_time_format (dt, "%H:%M");
      break;
    }

  if (with_date)
    return g_strdup_printf ("%s %s", date, clock);
  return g_steal_pointer (&clock);
}

char *
_pm_timeline_canvas_card_headline (PmTimelineCanvas *self,
                                   Card             *card)
{
  const PmTime *time = pm_event_get_time (card->event);
  g_autofree char *when = _pm_timeline_canvas_format_card_time (self, time, FALSE);
  const char *kind = pm_event_get_kind (card->event);
  const char *kind_label = *kind ? pm_vocabulary_get_label (PM_VOCABULARY_EVENT_KIND, kind) : "";

  if (self->show_original_zone && time != NULL &&
      pm_time_get_precision (time) != PM_TIME_PRECISION_DAY)
    {
      g_autoptr(GDateTime) own = pm_time_to_date_time (time, NULL);
      g_autoptr(GDateTime) shown = pm_time_to_date_time (time, self->zone);

      if (own && shown && g_date_time_get_utc_offset (own) != g_date_time_get_utc_offset (shown))
        {
          g_autofree char *orig = g_date_time_format (own, "%H:%M %:z");
          g_autofree char *tmp = g_strdup_printf ("%s (%s)", when, orig);

          g_free (when);
          when = g_steal_pointer (&tmp);
        }
    }

  if (*kind_label)
    return g_strdup_printf ("%s · %s", when, kind_label);
  return g_steal_pointer (&when);
}

/* "Sat 26 Oct 14:32, Release pipeline: The tag starts…" — what a screen reader says. */
static char *
card_accessible_name (PmTimelineCanvas *self,
                      PmEvent          *event)
{
  g_autofree char *when = _pm_timeline_canvas_format_card_time (self, pm_event_get_time (event), TRUE);
  const char *actor = pm_event_get_actor (event);
  GString *s = g_string_new (when);

  if (*actor)
    g_string_append_printf (s, ", %s", actor);
  g_string_append_printf (s, ": %s", pm_event_get_text (event));
  if (pm_event_get_contributed (event))
    g_string_append_printf (s, " (%s)", _("contributed to the incident"));
  if (pm_event_get_slowed_response (event))
    g_string_append_printf (s, " (%s)", _("slowed the response"));
  return g_string_free (s, FALSE);
}

guint
_pm_timeline_canvas_count_root_causes (PmTimelineCanvas *self,
                                       PmEvent          *event)
{
  GListModel *rcs = pm_document_get_root_causes (self->document);
  guint n = g_list_model_get_n_items (rcs);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmRootCause) rc = g_list_model_get_item (rcs, i);

      if (pm_root_cause_has_event (rc, pm_event_get_id (event)))
        count++;
    }
  return count;
}

double
_pm_timeline_canvas_card_x (PmTimelineCanvas *self,
                            const Card       *card)
{
  return LABEL_W + card->xs - self->view_start * self->scale;
}

double
_pm_timeline_canvas_card_y (PmTimelineCanvas *self,
                            const Card       *card)
{
  double top = content_top (self);

  if (!card->known)
    return top + self->unknown_y + UNKNOWN_HEAD + GAP + card->row * (CARD_H + ROW_GAP);
  return top + ((Lane *) g_ptr_array_index (self->lanes, card->lane))->y + GAP +
         card->row * (CARD_H + ROW_GAP);
}

/* ------------------------------------------------------------------------------------------ */
/* Selection and accessibility                                                                */
/* ------------------------------------------------------------------------------------------ */

static void
update_accessible (PmTimelineCanvas *self)
{
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;
  guint n;

  _pm_timeline_canvas_layout (self);
  n = self->cards->len;
  if (self->focus != NULL)
    {
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, self->focus));

      name = card_accessible_name (self, self->focus);
      /* Translators: where the focused card is, e.g. "Timeline, event 3 of 36" */
      description = g_strdup_printf (_("Timeline, event %u of %u"), i, n);
    }
  else
    {
      name = g_strdup (_("Timeline"));
      description = g_strdup_printf (ngettext ("%u event; use the arrow keys to go through them",
                                               "%u events; use the arrow keys to go through them",
                                               n), n);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static gboolean
accessible_idle_cb (gpointer data)
{
  PmTimelineCanvas *self = data;

  self->accessible_idle = 0;
  update_accessible (self);
  return G_SOURCE_REMOVE;
}

static void
queue_accessible_update (PmTimelineCanvas *self)
{
  if (self->accessible_idle == 0)
    self->accessible_idle = g_idle_add (accessible_idle_cb, self);
}

void
_pm_timeline_canvas_selection_changed (PmTimelineCanvas *self)
{
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

void
_pm_timeline_canvas_clear_selection (PmTimelineCanvas *self)
{
  g_hash_table_remove_all (self->selection);
}

void
_pm_timeline_canvas_set_focus_event (PmTimelineCanvas *self,
                                     PmEvent          *event)
{
  g_set_object (&self->focus, event);
}

/* Brings the card to the middle of the canvas, so the room sees what is being talked about.
 * (The end-to-end test relies on it: the focused card's centre is the canvas's centre.) */
void
_pm_timeline_canvas_center_on (PmTimelineCanvas *self,
                               PmEvent          *event)
{
  guint i;
  Card *card;
  double width, height;

  _pm_timeline_canvas_layout (self);
  i = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, event));
  if (i == 0)
    return;
  card = card_at (self, i - 1);
  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  self->view_start = (card->xs + MIN (card->w, CARD_W) / 2) / self->scale -
                     (width / 2 - LABEL_W) / self->scale;
  self->scroll_y = 0;
  self->scroll_y = _pm_timeline_canvas_card_y (self, card) + CARD_H / 2 - height / 2;
  _pm_timeline_canvas_clamp_scroll (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------------------------ */
/* Editing                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Puts @event (with an unknown time) after the known event at or before @t and the unknown
 * events that follow that one. */
static void
move_unknown_to (PmTimelineCanvas *self,
                 PmEvent          *event,
                 double            t)
{
  GListModel *events = pm_document_get_events (self->document);
  guint n = g_list_model_get_n_items (events);
  guint from = G_MAXUINT, pos = 0, j = 0;
  gboolean after = FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) e = g_list_model_get_item (events, i);
      const PmTime *time;

      if (e == event)
        {
          from = i;
          continue;
        }
      time = pm_event_get_time (e);
      if (time != NULL)
        after = pm_time_get_unix (time) <= t;
      if (after)
        pos = j + 1;
      j++;
    }

  if (from != G_MAXUINT && from != pos)
    pm_document_move (self->document, events, from, pos);
}

static void
set_lane (PmTimelineCanvas *self,
          PmEvent          *event,
          int               lane_index)
{
  const char *key = ((Lane *) g_ptr_array_index (self->lanes, lane_index))->key;

  pm_document_set_event_lane (self->document, event, self->lane_mode, key);
}

/* Moves the selection so that the @primary card lands at time @new_t (unsnapped) and lane
 * @target (a lane, PM_TIMELINE_UNKNOWN_LANE, or -1: same lanes), snapping to @step. */
void
_pm_timeline_canvas_commit_move (PmTimelineCanvas *self,
                                 PmEvent          *primary,
                                 double            new_t,
                                 int               target,
                                 gint64            step)
{
  g_autoptr(GPtrArray) selected = pm_timeline_canvas_get_selection (self);
  guint pi = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, primary));
  Card *pcard;
  const PmTime *ptime;
  gint64 delta;
  int lane_delta = 0;
  gboolean precision_day;

  if (pi == 0 || selected->len == 0)
    return;
  pcard = card_at (self, pi - 1);
  ptime = pm_event_get_time (primary);
  precision_day = ptime != NULL && pm_time_get_precision (ptime) == PM_TIME_PRECISION_DAY;
  if (precision_day)
    step = MAX (step, 86400);

  if (target >= 0)
    lane_delta = target - pcard->lane;

  delta = _pm_timeline_canvas_primary_delta (self, pcard, new_t, step);

  pm_document_begin_change (self->document, _("Move events"));
  for (guint s = 0; s < selected->len; s++)
    {
      PmEvent *event = g_ptr_array_index (selected, s);
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, event));
      Card *card;
      const PmTime *time;
      g_autoptr(PmTime) new_time = NULL;

      if (i == 0)
        continue;
      card = card_at (self, i - 1);
      time = pm_event_get_time (event);

      if (lane_delta != 0)
        set_lane (self, event, CLAMP (card->lane + lane_delta, 0, (int) self->lanes->len - 1));

      if (target == PM_TIMELINE_UNKNOWN_LANE)
        {
          pm_document_set (self->document, event, "time", NULL, NULL);
          move_unknown_to (self, event, new_t);
          continue;
        }

      if (time == NULL)
        {
          gint64 t = _pm_timeline_canvas_snap_time (self, new_t + (card->xs - pcard->xs) / self->scale, step);

          new_time = pm_time_new (t, _pm_timeline_canvas_zone_offset (self, t),
                                  step >= 86400 ? PM_TIME_PRECISION_DAY
                                                : PM_TIME_PRECISION_MINUTE);
        }
      else
        {
          PmTimePrecision precision = pm_time_get_precision (time);
          gint64 t = pm_time_get_unix (time) + delta;

          if (event == primary && precision != PM_TIME_PRECISION_DAY)
            precision = (precision == PM_TIME_PRECISION_HOUR && step >= 3600)
                        ? PM_TIME_PRECISION_HOUR : PM_TIME_PRECISION_MINUTE;
          if (step >= 86400)
            precision = pm_time_get_precision (time);
          new_time = pm_time_new (t, pm_time_get_offset (time), precision);
        }
      if (new_time != NULL && !pm_time_equal (new_time, time))
        pm_document_set (self->document, event, "time", new_time, NULL);
    }
  pm_document_end_change (self->document);
}

/* The keys of the lanes shown, in order (new strings, so that they outlive a _pm_timeline_canvas_rebuild). */
static GPtrArray *
lane_keys (PmTimelineCanvas *self)
{
  GPtrArray *keys = g_ptr_array_new_full (self->lanes->len, g_free);

  for (guint l = 0; l < self->lanes->len; l++)
    g_ptr_array_add (keys, g_strdup (((Lane *) g_ptr_array_index (self->lanes, l))->key));
  return keys;
}

/* A keyboard move: each selected card by @steps steps of @step from its own time, keeping its
 * precision (not to the grid, so that a step back returns it), and by @lanes lanes, as one
 * undo step. Cards with no time keep it unknown. */
static void
step_selection (PmTimelineCanvas *self,
                int               steps,
                gint64            step,
                int               lanes)
{
  g_autoptr(GPtrArray) selected = pm_timeline_canvas_get_selection (self);
  g_autoptr(GPtrArray) keys = lane_keys (self);

  pm_document_move_events (self->document, selected, self->lane_mode, keys, steps, step,
                           self->zone, lanes);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                  */
/* ------------------------------------------------------------------------------------------ */

void
_pm_timeline_canvas_on_object_notify (PmTimelineCanvas *self,
                                      GParamSpec       *pspec,
                                      GObject          *object)
{
  if (PM_IS_EVENT (object))
    {
      /* The index and the cards agree until the next rebuild, which keeps layouts. */
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, object));

      if (i > 0 && i <= self->cards->len)
        card_clear_layouts (card_at (self, i - 1));
      if (g_str_equal (pspec->name, "time") || g_str_equal (pspec->name, "lane") ||
          g_str_equal (pspec->name, "actor") || g_str_equal (pspec->name, "kind") ||
          g_str_equal (pspec->name, "contributor"))
        _pm_timeline_canvas_request_rebuild (self);
    }
  else if (PM_IS_ROOT_CAUSE (object))
    {
      /* the badges count linked root causes */
      for (guint i = 0; i < self->cards->len; i++)
        g_clear_pointer (&card_at (self, i)->node, gsk_render_node_unref);
    }
  queue_accessible_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_items_changed (PmTimelineCanvas *self)
{
  _pm_timeline_canvas_request_rebuild (self);
  queue_accessible_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------------------------ */
/* GObject / GtkWidget overrides                                                              */
/* ------------------------------------------------------------------------------------------ */

/* The text's size relative to the system font, from the height of a line in each: 1 normally,
 * 1.5 in presentation mode, more with the zoom. */
static void
update_card_scale (PmTimelineCanvas *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "Mg");
  g_autofree char *font_name = NULL;
  PangoFontDescription *base;
  int widget_height = 0, base_height = 0;
  double scale = 1.0;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-font-name", &font_name, NULL);
  base = pango_font_description_from_string (font_name != NULL ? font_name : "Sans 10");
  pango_layout_get_pixel_size (layout, NULL, &widget_height);
  pango_layout_set_font_description (layout, base);
  pango_layout_get_pixel_size (layout, NULL, &base_height);
  pango_font_description_free (base);

  if (base_height > 0 && widget_height > base_height)
    scale = MIN ((double) widget_height / base_height, 4.0);
  if (scale != self->card_scale)
    {
      self->card_scale = scale;
      self->layout_valid = FALSE;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
}

static void
pm_timeline_canvas_css_changed (GtkWidget         *widget,
                                GtkCssStyleChange *change)
{
  PmTimelineCanvas *self = PM_TIMELINE_CANVAS (widget);
  GtkStyleContext *context;

  GTK_WIDGET_CLASS (pm_timeline_canvas_parent_class)->css_changed (widget, change);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, &self->fg);
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &self->bg))
    gdk_rgba_parse (&self->bg, "#ffffff");
  if (!gtk_style_context_lookup_color (context, "card_bg_color", &self->card_bg))
    gdk_rgba_parse (&self->card_bg, "#ffffff");
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &self->accent))
    gdk_rgba_parse (&self->accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "borders", &self->border))
    gdk_rgba_parse (&self->border, "rgba(0,0,0,0.15)");
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* Cards stand out from the view */
  if (self->card_bg.alpha < 0.9 || gdk_rgba_equal (&self->card_bg, &self->bg))
    {
      double l = (self->bg.red + self->bg.green + self->bg.blue) / 3;

      self->card_bg = self->bg;
      self->card_bg.alpha = 1;
      if (l > 0.5)
        self->bg = (GdkRGBA) { 0.96, 0.96, 0.96, 1 };
      else
        self->card_bg = (GdkRGBA) { MIN (1, self->bg.red + 0.08), MIN (1, self->bg.green + 0.08),
                                    MIN (1, self->bg.blue + 0.08), 1 };
    }
  self->stripe = self->fg;
  self->stripe.alpha = 0.03;
  self->dim = self->fg;
  self->dim.alpha = 0.7;
  _pm_timeline_canvas_update_kind_colors (self);

  for (guint i = 0; i < self->cards->len; i++)
    card_clear_layouts (card_at (self, i));
  g_hash_table_remove_all (self->badges);
  update_card_scale (self);
  gtk_widget_queue_draw (widget);
}

static void
fit_range (PmTimelineCanvas *self,
           double            t_min,
           double            t_max)
{
  self->scale = CLAMP ((view_width (self) - CARD_W - 2 * GAP) / MAX (t_max - t_min, 600.0),
                       MIN_SCALE, MAX_SCALE);
  self->view_start = t_min - GAP / self->scale;
  self->scroll_y = 0;
  _pm_timeline_canvas_invalidate (self);
}

/* The first view: the incident itself (from its start to its end, with the events up to a
 * week around them), so that old background facts do not squeeze the night it happened. */
static void
fit_incident (PmTimelineCanvas *self)
{
  const PmTime *start = pm_document_get_start (self->document);
  const PmTime *end = pm_document_get_end (self->document);
  double lo, hi, t_min = G_MAXDOUBLE, t_max = -G_MAXDOUBLE;

  _pm_timeline_canvas_layout (self);
  if (start == NULL || self->known->len == 0)
    {
      pm_timeline_canvas_fit_all (self);
      return;
    }
  lo = pm_time_get_unix (start) - 7 * 86400.0;
  hi = (end ? pm_time_get_unix (end) : pm_time_get_unix (start)) + 7 * 86400.0;
  for (guint k = 0; k < self->known->len; k++)
    {
      Card *card = card_at (self, g_array_index (self->known, guint, k));

      if (card->t >= lo && card->t <= hi)
        {
          t_min = MIN (t_min, card->t);
          t_max = MAX (t_max, card->t);
        }
    }
  t_min = MIN (t_min, pm_time_get_unix (start));
  t_max = MAX (t_max, end ? pm_time_get_unix (end) : pm_time_get_unix (start));
  fit_range (self, t_min, t_max);
}

static void
pm_timeline_canvas_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  PmTimelineCanvas *self = PM_TIMELINE_CANVAS (widget);

  /* The time in the middle stays in the middle (the side panel opening, a resized window). */
  if (self->last_width > 0 && width != self->last_width)
    {
      double center = self->view_start + (self->last_width / 2.0 - LABEL_W) / self->scale;

      self->view_start = center - (width / 2.0 - LABEL_W) / self->scale;
    }
  self->last_width = width;
  gtk_popover_present (GTK_POPOVER (self->lane_menu));

  if (!self->fitted && self->document != NULL && width > LABEL_W)
    {
      self->fitted = TRUE;
      fit_incident (self);
    }
}

static void
pm_timeline_canvas_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  PmTimelineCanvas *self = PM_TIMELINE_CANVAS (widget);

  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? (int) (LABEL_W + CARD_W)
                                                       : (int) (AXIS_H + MINI_H + CARD_H + 60);
  *natural = *minimum * 2;
}

static void
pm_timeline_canvas_focus_in (PmTimelineCanvas *self)
{
  if (self->focus == NULL && self->cards->len > 0)
    {
      GHashTableIter iter;
      gpointer key = NULL;

      g_hash_table_iter_init (&iter, self->selection);
      if (g_hash_table_iter_next (&iter, &key, NULL))
        _pm_timeline_canvas_set_focus_event (self, key);
    }
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pm_timeline_canvas_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PmTimelineCanvas *self = PM_TIMELINE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_LANE_MODE:
      g_value_set_int (value, self->lane_mode);
      break;
    case PROP_SHOW_ORIGINAL_ZONE:
      g_value_set_boolean (value, self->show_original_zone);
      break;
    case PROP_COMPACT_CARDS:
      g_value_set_boolean (value, self->compact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_timeline_canvas_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PmTimelineCanvas *self = PM_TIMELINE_CANVAS (object);

  switch (prop_id)
    {
    case PROP_LANE_MODE:
      pm_timeline_canvas_set_lane_mode (self, g_value_get_int (value));
      break;
    case PROP_SHOW_ORIGINAL_ZONE:
      if (self->show_original_zone != g_value_get_boolean (value))
        {
          self->show_original_zone = g_value_get_boolean (value);
          for (guint i = 0; i < self->cards->len; i++)
            card_clear_layouts (card_at (self, i));
          gtk_widget_queue_draw (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_COMPACT_CARDS:
      pm_timeline_canvas_set_compact_cards (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_timeline_canvas_dispose (GObject *object)
{
  PmTimelineCanvas *self = PM_TIMELINE_CANVAS (object);

  _pm_timeline_canvas_stop_autoscroll (self);
  g_clear_handle_id (&self->accessible_idle, g_source_remove);
  g_clear_handle_id (&self->deferred_source, g_source_remove);
  pm_timeline_canvas_set_document (self, NULL);
  g_clear_pointer (&self->lane_menu, gtk_widget_unparent);
  g_clear_pointer (&self->menu_lane, g_free);
  g_clear_object (&self->focus);
  g_clear_object (&self->drag_event);
  if (self->selection)
    g_hash_table_remove_all (self->selection);

  G_OBJECT_CLASS (pm_timeline_canvas_parent_class)->dispose (object);
}

static void
pm_timeline_canvas_finalize (GObject *object)
{
  PmTimelineCanvas *self = PM_TIMELINE_CANVAS (object);

  g_clear_pointer (&self->cards, g_array_unref);
  g_clear_pointer (&self->known, g_array_unref);
  g_clear_pointer (&self->unknown, g_array_unref);
  g_clear_pointer (&self->lanes, g_ptr_array_unref);
  g_clear_pointer (&self->extra_lanes, g_ptr_array_unref);
  g_clear_pointer (&self->index, g_hash_table_unref);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->selection, g_hash_table_unref);
  g_clear_pointer (&self->badges, g_hash_table_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  G_OBJECT_CLASS (pm_timeline_canvas_parent_class)->finalize (object);
}

static void
pm_timeline_canvas_class_init (PmTimelineCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_timeline_canvas_dispose;
  object_class->finalize = pm_timeline_canvas_finalize;
  object_class->get_property = pm_timeline_canvas_get_property;
  object_class->set_property = pm_timeline_canvas_set_property;

  widget_class->snapshot = _pm_timeline_canvas_snapshot;
  widget_class->css_changed = pm_timeline_canvas_css_changed;
  widget_class->size_allocate = pm_timeline_canvas_size_allocate;
  widget_class->measure = pm_timeline_canvas_measure;

  properties[PROP_LANE_MODE] =
    g_param_spec_int ("lane-mode", NULL, NULL, PM_LANE_MODE_LANE, PM_LANE_MODE_KIND,
                      PM_LANE_MODE_LANE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ORIGINAL_ZONE] =
    g_param_spec_boolean ("show-original-zone", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPACT_CARDS] =
    g_param_spec_boolean ("compact-cards", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ACTIVATE_EVENT] =
    g_signal_new ("activate-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, PM_TYPE_EVENT);
  signals[SIGNAL_ADD_EVENT] =
    g_signal_new ("add-event", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  signals[SIGNAL_DELETE_SELECTION] =
    g_signal_new ("delete-selection", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_RENAME_LANE] =
    g_signal_new ("rename-lane", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "lane.move-up", NULL, _pm_timeline_canvas_lane_action_activated);
  gtk_widget_class_install_action (widget_class, "lane.move-down", NULL, _pm_timeline_canvas_lane_action_activated);
  gtk_widget_class_install_action (widget_class, "lane.rename", NULL, _pm_timeline_canvas_lane_action_activated);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST);
}

static void
pm_timeline_canvas_init (PmTimelineCanvas *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->cards = g_array_new (FALSE, TRUE, sizeof (Card));
  g_array_set_clear_func (self->cards, card_clear);
  self->known = g_array_new (FALSE, FALSE, sizeof (guint));
  self->unknown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->lanes = g_ptr_array_new_with_free_func (lane_free);
  self->extra_lanes = g_ptr_array_new_with_free_func (g_free);
  self->index = g_hash_table_new (NULL, NULL);
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->selection = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->badges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->zone = g_time_zone_new_utc ();
  self->scale = 300.0 / 3600;   /* 300 px per hour */
  self->card_scale = 1.0;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (gesture, "drag-begin", G_CALLBACK (_pm_timeline_canvas_on_drag_begin), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-update", G_CALLBACK (_pm_timeline_canvas_on_drag_update), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-end", G_CALLBACK (_pm_timeline_canvas_on_drag_end), self,
                           G_CONNECT_SWAPPED);
  self->drag = gesture;
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (_pm_timeline_canvas_on_click_pressed), self,
                           G_CONNECT_SWAPPED);
  self->click = gesture;
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));
  gtk_gesture_group (self->click, self->drag);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (_pm_timeline_canvas_on_secondary_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_long_press_new ();
  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (gesture), TRUE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (_pm_timeline_canvas_on_long_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  {
    g_autoptr(GMenu) menu = g_menu_new ();
    g_autoptr(GMenu) moves = g_menu_new ();
    g_autoptr(GMenu) names = g_menu_new ();
    g_autoptr(GMenuItem) up = g_menu_item_new (_("Move Lane _Up"), "lane.move-up");
    g_autoptr(GMenuItem) down = g_menu_item_new (_("Move Lane _Down"), "lane.move-down");

    g_menu_item_set_attribute (up, "accel", "s", "<Alt><Shift>Up");
    g_menu_item_set_attribute (down, "accel", "s", "<Alt><Shift>Down");
    g_menu_append_item (moves, up);
    g_menu_append_item (moves, down);
    g_menu_append (names, _("_Rename Lane…"), "lane.rename");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (moves));
    g_menu_append_section (menu, NULL, G_MENU_MODEL (names));
    self->lane_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
    gtk_popover_set_has_arrow (GTK_POPOVER (self->lane_menu), TRUE);
    gtk_widget_set_halign (self->lane_menu, GTK_ALIGN_START);
    gtk_widget_set_parent (self->lane_menu, GTK_WIDGET (self));
  }
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect_object (self, "query-tooltip", G_CALLBACK (_pm_timeline_canvas_on_query_tooltip), self,
                           G_CONNECT_SWAPPED);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (_pm_timeline_canvas_on_scroll), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_object (gesture, "scale-changed", G_CALLBACK (_pm_timeline_canvas_on_zoom_scale_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "begin", G_CALLBACK (_pm_timeline_canvas_on_zoom_begin), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (_pm_timeline_canvas_on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (pm_timeline_canvas_focus_in), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (gtk_widget_queue_draw), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_accessible (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_timeline_canvas_new (void)
{
  return g_object_new (PM_TYPE_TIMELINE_CANVAS, NULL);
}

void
pm_timeline_canvas_set_document (PmTimelineCanvas *self,
                                 PmDocument       *document)
{
  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  if (self->document == document)
    return;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (pm_document_get_events (self->document), self);
      g_signal_handlers_disconnect_by_data (pm_document_get_root_causes (self->document), self);
      g_signal_handlers_disconnect_by_data (self->document, self);
    }
  _pm_timeline_canvas_unwatch_all (self);
  g_hash_table_remove_all (self->selection);
  g_clear_object (&self->focus);
  g_ptr_array_set_size (self->extra_lanes, 0);
  g_set_object (&self->document, document);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = document ? pm_document_dup_time_zone (document) : g_time_zone_new_utc ();

  if (document != NULL)
    {
      g_signal_connect_object (pm_document_get_events (document), "items-changed",
                               G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pm_document_get_root_causes (document), "items-changed",
                               G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::timezone",
                               G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::lane-order",
                               G_CALLBACK (on_items_changed), self, G_CONNECT_SWAPPED);
    }

  _pm_timeline_canvas_rebuild (self);
  update_accessible (self);
  self->fitted = FALSE;
  if (gtk_widget_get_width (GTK_WIDGET (self)) > LABEL_W && document != NULL)
    {
      self->fitted = TRUE;
      fit_incident (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
pm_timeline_canvas_get_compact_cards (PmTimelineCanvas *self)
{
  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), FALSE);

  return self->compact;
}

/* The time under the middle of the view stays where it is; the cards are laid out anew. */
void
pm_timeline_canvas_set_compact_cards (PmTimelineCanvas *self,
                                      gboolean          compact)
{
  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  compact = !!compact;
  if (self->compact == compact)
    return;

  self->compact = compact;
  for (guint i = 0; i < self->cards->len; i++)
    card_clear_layouts (card_at (self, i));
  self->layout_valid = FALSE;
  self->scroll_y = 0;
  queue_accessible_update (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPACT_CARDS]);
}

PmLaneMode
pm_timeline_canvas_get_lane_mode (PmTimelineCanvas *self)
{
  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), PM_LANE_MODE_LANE);

  return self->lane_mode;
}

void
pm_timeline_canvas_set_lane_mode (PmTimelineCanvas *self,
                                  PmLaneMode        mode)
{
  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  if (self->lane_mode == mode)
    return;
  self->lane_mode = mode;
  g_ptr_array_set_size (self->extra_lanes, 0);
  _pm_timeline_canvas_rebuild (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANE_MODE]);
}

const char *
pm_timeline_canvas_get_lane_property (PmTimelineCanvas *self)
{
  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), "lane");

  return pm_lane_mode_get_property (self->lane_mode);
}

void
pm_timeline_canvas_zoom (PmTimelineCanvas *self,
                         double            factor,
                         double            x)
{
  double t;

  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  t = pm_timeline_canvas_x_to_time (self, x);
  self->scale = CLAMP (self->scale * factor, MIN_SCALE, MAX_SCALE);
  self->view_start = t - (x - LABEL_W) / self->scale;
  _pm_timeline_canvas_invalidate (self);
}

void
pm_timeline_canvas_zoom_in (PmTimelineCanvas *self)
{
  pm_timeline_canvas_zoom (self, 1.5, LABEL_W + view_width (self) / 2);
}

void
pm_timeline_canvas_zoom_out (PmTimelineCanvas *self)
{
  pm_timeline_canvas_zoom (self, 1 / 1.5, LABEL_W + view_width (self) / 2);
}

void
pm_timeline_canvas_fit_all (PmTimelineCanvas *self)
{
  double t_min, t_max;
  Card *last;

  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  /* The incident's window (or today) also when no event has a time yet, so that a double
   * click creates an event in it and not in 1970. */
  if (self->document != NULL)
    {
      gint64 from, to;
      gboolean incident = pm_document_get_incident_window (self->document, &from, &to);

      _pm_timeline_canvas_layout (self);
      if (self->known->len == 0 || incident)
        {
          t_min = from;
          t_max = to;
        }
      else
        t_min = G_MAXDOUBLE, t_max = -G_MAXDOUBLE;
    }
  else
    t_min = t_max = (double) pm_clock_get_wall_time (pm_clock_get_default ()) / G_USEC_PER_SEC;
  if (self->known->len > 0)
    {
      last = card_at (self, g_array_index (self->known, guint, self->known->len - 1));
      t_min = MIN (t_min, card_at (self, g_array_index (self->known, guint, 0))->t);
      t_max = MAX (t_max, last->t);
    }
  fit_range (self, t_min, t_max);
}

void
pm_timeline_canvas_jump_to_first (PmTimelineCanvas *self)
{
  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  if (self->known->len == 0)
    return;
  self->view_start = card_at (self, g_array_index (self->known, guint, 0))->t -
                     2 * GAP / self->scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
pm_timeline_canvas_jump_to_now (PmTimelineCanvas *self)
{
  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  self->view_start = (double) pm_clock_get_wall_time (pm_clock_get_default ()) / G_USEC_PER_SEC -
                     view_width (self) / 2 / self->scale;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

GPtrArray *
pm_timeline_canvas_get_selection (PmTimelineCanvas *self)
{
  GPtrArray *result = g_ptr_array_new ();

  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), result);

  _pm_timeline_canvas_layout (self);
  for (guint i = 0; i < self->cards->len; i++)
    if (g_hash_table_contains (self->selection, card_at (self, i)->event))
      g_ptr_array_add (result, card_at (self, i)->event);
  return result;
}

PmEvent *
pm_timeline_canvas_get_focus_event (PmTimelineCanvas *self)
{
  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), NULL);

  return self->focus;
}

void
pm_timeline_canvas_select (PmTimelineCanvas *self,
                           PmEvent          *event,
                           gboolean          extend)
{
  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  _pm_timeline_canvas_layout (self);
  if (!extend)
    _pm_timeline_canvas_clear_selection (self);
  if (event != NULL && g_hash_table_contains (self->index, event))
    {
      g_hash_table_add (self->selection, g_object_ref (event));
      _pm_timeline_canvas_set_focus_event (self, event);
      _pm_timeline_canvas_center_on (self, event);
    }
  else if (!extend)
    g_clear_object (&self->focus);
  _pm_timeline_canvas_selection_changed (self);
}

void
pm_timeline_canvas_select_all (PmTimelineCanvas *self)
{
  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  for (guint i = 0; i < self->cards->len; i++)
    g_hash_table_add (self->selection, g_object_ref (card_at (self, i)->event));
  _pm_timeline_canvas_selection_changed (self);
}

void
pm_timeline_canvas_move_selection (PmTimelineCanvas *self,
                                   int               steps,
                                   int               lanes)
{
  PmEvent *primary;
  guint pi;
  Card *card;
  gint64 step;
  int target;

  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  _pm_timeline_canvas_layout (self);
  primary = self->focus;
  if (primary == NULL || !g_hash_table_contains (self->selection, primary))
    {
      g_autoptr(GPtrArray) selected = pm_timeline_canvas_get_selection (self);

      if (selected->len == 0)
        return;
      primary = g_ptr_array_index (selected, 0);
    }
  pi = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, primary));
  card = card_at (self, pi - 1);
  step = pm_timeline_canvas_get_snap_step (self);

  if (lanes != 0)
    target = CLAMP (card->lane + lanes, 0, (int) self->lanes->len - 1);
  else
    target = -1;

  {
    g_autoptr(PmEvent) keep = g_object_ref (primary);
    const PmTime *time = pm_event_get_time (primary);

    if (steps != 0 && time == NULL)
      return;
    if (time == NULL)
      _pm_timeline_canvas_commit_move (self, keep, card->xs / self->scale, target, 60);
    else
      step_selection (self, steps, step, target >= 0 ? target - card->lane : 0);
    if (g_hash_table_contains (self->index, keep))
      {
        _pm_timeline_canvas_set_focus_event (self, keep);
        _pm_timeline_canvas_center_on (self, keep);
      }
    update_accessible (self);
  }
}

double
pm_timeline_canvas_time_to_x (PmTimelineCanvas *self,
                              double            unix_seconds)
{
  return LABEL_W + (unix_seconds - self->view_start) * self->scale;
}

double
pm_timeline_canvas_x_to_time (PmTimelineCanvas *self,
                              double            x)
{
  return self->view_start + (x - LABEL_W) / self->scale;
}

int
pm_timeline_canvas_lane_at_y (PmTimelineCanvas *self,
                              double            y)
{
  double cy;

  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), -1);

  _pm_timeline_canvas_layout (self);
  if (y < AXIS_H)
    return -1;
  cy = y - content_top (self);
  if (cy >= self->unknown_y)
    return PM_TIMELINE_UNKNOWN_LANE;
  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = g_ptr_array_index (self->lanes, l);

      if (cy >= lane->y && cy < lane->y + lane->h)
        return l;
    }
  return self->lanes->len > 0 ? 0 : -1;
}

guint
pm_timeline_canvas_get_n_lanes (PmTimelineCanvas *self)
{
  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), 0);

  _pm_timeline_canvas_layout (self);
  return self->lanes->len;
}

const char *
pm_timeline_canvas_get_lane_name (PmTimelineCanvas *self,
                                  guint             lane)
{
  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), NULL);

  _pm_timeline_canvas_layout (self);
  g_return_val_if_fail (lane < self->lanes->len, NULL);

  return ((Lane *) g_ptr_array_index (self->lanes, lane))->name;
}

gboolean
pm_timeline_canvas_get_card_bounds (PmTimelineCanvas *self,
                                    PmEvent          *event,
                                    graphene_rect_t  *bounds)
{
  guint i;
  Card *card;

  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), FALSE);

  _pm_timeline_canvas_layout (self);
  i = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, event));
  if (i == 0)
    return FALSE;
  card = card_at (self, i - 1);
  graphene_rect_init (bounds, _pm_timeline_canvas_card_x (self, card), _pm_timeline_canvas_card_y (self, card),
                      MIN (card->w, CARD_W), CARD_H);
  return TRUE;
}

PmEvent *
pm_timeline_canvas_event_at (PmTimelineCanvas *self,
                             double            x,
                             double            y)
{
  GArray *lists[2];

  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), NULL);

  _pm_timeline_canvas_layout (self);
  lists[0] = self->known;
  lists[1] = self->unknown;
  for (guint l = 0; l < 2; l++)
    {
      GArray *list = lists[l];
      double xs = (x - LABEL_W) + self->view_start * self->scale;

      for (guint k = _pm_timeline_canvas_first_visible (self, list, xs); k < list->len; k++)
        {
          Card *card = card_at (self, g_array_index (list, guint, k));
          double cx = _pm_timeline_canvas_card_x (self, card);
          double cy;

          if (card->xs > xs)
            break;
          cy = _pm_timeline_canvas_card_y (self, card);
          if (x >= cx && x < cx + MIN (card->w, CARD_W) && y >= cy && y < cy + CARD_H)
            return card->event;
        }
    }
  return NULL;
}

double
pm_timeline_canvas_get_scale (PmTimelineCanvas *self)
{
  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), 1.0);

  return self->scale;
}

void
pm_timeline_canvas_drag (PmTimelineCanvas *self,
                         double            x,
                         double            y,
                         double            dx,
                         double            dy)
{
  PmEvent *event;

  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  event = pm_timeline_canvas_event_at (self, x, y);
  self->drag_x = x;
  self->drag_y = y;
  self->drag_view_start = self->view_start;
  self->drag_scroll_y = self->scroll_y;
  self->drag_time = pm_timeline_canvas_x_to_time (self, x);
  if (event == NULL)
    {
      self->drag_mode = DRAG_PAN;
      self->drag_dx = dx;
      self->drag_dy = dy;
      self->view_start = self->drag_view_start - dx / self->scale;
      self->drag_moved = TRUE;
      _pm_timeline_canvas_finish_drag (self);
      return;
    }
  if (!g_hash_table_contains (self->selection, event))
    {
      _pm_timeline_canvas_clear_selection (self);
      g_hash_table_add (self->selection, g_object_ref (event));
    }
  g_set_object (&self->drag_event, event);
  _pm_timeline_canvas_set_focus_event (self, event);
  self->drag_mode = DRAG_CARDS;
  self->drag_dx = dx;
  self->drag_dy = dy;
  self->drag_moved = fabs (dx) >= DRAG_THRESHOLD || fabs (dy) >= DRAG_THRESHOLD;
  _pm_timeline_canvas_finish_drag (self);
}

void
_pm_timeline_canvas_set_drag_offset (PmTimelineCanvas *self,
                                     double            dx,
                                     double            dy)
{
  graphene_rect_t b;

  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));

  if ((dx == 0 && dy == 0) || self->focus == NULL ||
      !pm_timeline_canvas_get_card_bounds (self, self->focus, &b))
    {
      self->drag_mode = DRAG_NONE;
      g_clear_object (&self->drag_event);
      return;
    }
  if (self->drag_mode != DRAG_CARDS)
    {
      self->drag_mode = DRAG_CARDS;
      g_set_object (&self->drag_event, self->focus);
      self->drag_x = b.origin.x + 10;
      self->drag_y = b.origin.y + 10;
      self->drag_time = pm_timeline_canvas_x_to_time (self, self->drag_x);
      self->drag_view_start = self->view_start;
      self->drag_scroll_y = self->scroll_y;
    }
  self->drag_dx = dx;
  self->drag_dy = dy;
  self->drag_moved = TRUE;
}

void
pm_timeline_canvas_rename_lane (PmTimelineCanvas *self,
                                const char       *key,
                                const char       *name)
{
  g_return_if_fail (PM_IS_TIMELINE_CANVAS (self));
  g_return_if_fail (key != NULL && name != NULL);

  if (self->document == NULL || g_str_equal (key, name) ||
      (self->lane_mode != PM_LANE_MODE_LANE && self->lane_mode != PM_LANE_MODE_ACTOR))
    return;

  pm_document_rename_lane (self->document, self->lane_mode, key, name);

  for (guint i = 0; i < self->extra_lanes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->extra_lanes, i), key))
      {
        g_free (g_ptr_array_index (self->extra_lanes, i));
        g_ptr_array_index (self->extra_lanes, i) = g_strdup (name);
      }
  self->needs_rebuild = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
pm_timeline_canvas_get_lane_key (PmTimelineCanvas *self,
                                 guint             lane)
{
  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), NULL);

  _pm_timeline_canvas_layout (self);
  g_return_val_if_fail (lane < self->lanes->len, NULL);

  return ((Lane *) g_ptr_array_index (self->lanes, lane))->key;
}

gboolean
pm_timeline_canvas_can_move_lane (PmTimelineCanvas *self,
                                  const char       *key,
                                  int               delta)
{
  g_autoptr(GPtrArray) keys = NULL;

  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (self->document == NULL || self->lane_mode != PM_LANE_MODE_LANE)
    return FALSE;
  _pm_timeline_canvas_layout (self);
  keys = lane_keys (self);
  return pm_timeline_lanes_can_move (keys, key, delta);
}

gboolean
pm_timeline_canvas_move_lane (PmTimelineCanvas *self,
                              const char       *key,
                              int               delta)
{
  g_autoptr(GPtrArray) keys = NULL;

  g_return_val_if_fail (PM_IS_TIMELINE_CANVAS (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!pm_timeline_canvas_can_move_lane (self, key, delta))
    return FALSE;

  keys = lane_keys (self);
  if (!pm_document_move_lane (self->document, keys, key, delta))
    return FALSE;

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}
