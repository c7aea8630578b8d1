/* pm-timeline-canvas-draw.c — the canvas drawn: cards, axis, lanes, minimap, theme colours
 *
 * Drawn in snapshot, Sysprof style; the layout (pm-timeline-canvas.c) says where things are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "pm-kind-colors.h"
#include "pm-participant.h"
#include "pm-root-cause.h"
#include "pm-timeline-canvas-private.h"
#include "pm-vocabulary.h"

static const char * const kind_names[] = {
  "trigger", "detection", "response", "communication", "recovery", "background",
};

static int
kind_index (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (kind, kind_names[i]) == 0)
      return i;
  return G_N_ELEMENTS (kind_names);
}

/* The one table of kind colours (the PDF uses it too); the darker shades in high contrast
 * on a light background. The last colour is for any other kind. */
void
_pm_timeline_canvas_update_kind_colors (PmTimelineCanvas *self)
{
  gboolean light = (self->bg.red + self->bg.green + self->bg.blue) / 3 > 0.5;
  PmKindPalette palette = PM_KIND_PALETTE_REGULAR;

  if (light && adw_is_initialized () &&
      adw_style_manager_get_high_contrast (adw_style_manager_get_default ()))
    palette = PM_KIND_PALETTE_HIGH_CONTRAST;
  G_STATIC_ASSERT (G_N_ELEMENTS (kind_names) + 1 == G_N_ELEMENTS (self->kind_colors));
  for (guint i = 0; i < G_N_ELEMENTS (self->kind_colors); i++)
    {
      double r, g, b;

      pm_kind_color_get (i < G_N_ELEMENTS (kind_names) ? kind_names[i] : NULL, palette,
                         &r, &g, &b);
      self->kind_colors[i] = (GdkRGBA) { r, g, b, 1 };
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Drawing                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static PangoLayout *
make_layout (PmTimelineCanvas *self,
             const char       *text,
             double            width,
             int               lines,
             gboolean          bold,
             double            scale_font)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  /* User text: never markup. */
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  if (lines > 1)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -lines);
    }
  else
    pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (scale_font != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale_font));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static void
ensure_card_layouts (PmTimelineCanvas *self,
                     Card             *card)
{
  double inner = MIN (card->w, CARD_W) - 24;

  /* Kept from before a rebuild, for another width: made again. */
  if (card->head != NULL && card->layout_inner != inner)
    {
      g_clear_object (&card->head);
      g_clear_object (&card->actor);
      g_clear_object (&card->text);
    }
  card->layout_inner = inner;
  if (card->head == NULL)
    {
      g_autofree char *head = _pm_timeline_canvas_card_headline (self, card);

      card->head = make_layout (self, head, inner, 1, TRUE, 0.9);
    }
  if (card->actor == NULL)
    card->actor = make_layout (self, pm_event_get_actor (card->event), inner, 1, TRUE, 1.0);
  if (card->text == NULL)
    card->text = make_layout (self, pm_event_get_text (card->event), inner, 2, FALSE, 1.0);
}

static void
draw_text (GtkSnapshot   *snapshot,
           PangoLayout   *layout,
           double         x,
           double         y,
           const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
draw_badge (PmTimelineCanvas *self,
            GtkSnapshot      *snapshot,
            const char       *label,
            double            right,
            double            y,
            const GdkRGBA    *color,
            double           *width_out)
{
  PangoLayout *layout = g_hash_table_lookup (self->badges, label);
  GskRoundedRect rr;
  int w, h;
  GdkRGBA white = { 1, 1, 1, 1 };

  /* A handful of different badges: laid out once, not per card and frame. */
  if (layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), label);
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.75));
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      g_hash_table_insert (self->badges, g_strdup (label), layout);
    }
  pango_layout_get_pixel_size (layout, &w, &h);

  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (right - w - 10, y, w + 10, h + 2),
                                   (h + 2) / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, color, &rr.bounds);
  gtk_snapshot_pop (snapshot);
  draw_text (snapshot, layout, right - w - 5, y + 1, &white);
  *width_out = w + 14;
}

/* The letters of the compact cards in one row of a frame: one text node for all of them (one
 * glyph each, placed by its advance) instead of one a card, which was half the cost of a frame
 * of two thousand compact cards. */
typedef struct
{
  PangoFont *font;
  double     x0;        /* where the first glyph starts */
  double     x_last;    /* where the last one starts */
  double     baseline;
  GArray    *glyphs;    /* PangoGlyphInfo */
} LetterRow;

static void
letter_row_free (gpointer data)
{
  LetterRow *row = data;

  g_clear_object (&row->font);
  g_array_unref (row->glyphs);
  g_free (row);
}

/* Adds @letter (a one-glyph layout) at (@x, @y) to the frame's letter rows; FALSE when it
 * cannot be batched (then draw it as usual). */
static gboolean
batch_letter (PmTimelineCanvas *self,
              PangoLayout      *letter,
              double            x,
              double            y)
{
  PangoLayoutLine *line;
  PangoGlyphItem *run;
  double baseline;
  gint64 key;
  LetterRow *row;

  if (self->letter_rows == NULL || (line = pango_layout_get_line_readonly (letter, 0)) == NULL ||
      line->runs == NULL || line->runs->next != NULL)
    return FALSE;
  run = line->runs->data;
  if (run->glyphs->num_glyphs != 1)
    return FALSE;

  baseline = y + pango_layout_get_baseline (letter) / (double) PANGO_SCALE;
  key = (gint64) llround (baseline * 8);
  row = g_hash_table_lookup (self->letter_rows, &key);
  if (row == NULL)
    {
      gint64 *stored = g_new (gint64, 1);

      *stored = key;
      row = g_new0 (LetterRow, 1);
      row->font = g_object_ref (run->item->analysis.font);
      row->x0 = x;
      row->baseline = baseline;
      row->glyphs = g_array_new (FALSE, FALSE, sizeof (PangoGlyphInfo));
      g_hash_table_insert (self->letter_rows, stored, row);
    }
  else if (row->font != run->item->analysis.font)
    return FALSE;
  else
    {
      /* The previous glyph advances to this one. */
      g_array_index (row->glyphs, PangoGlyphInfo, row->glyphs->len - 1).geometry.width =
        (int) llround ((x - row->x_last) * PANGO_SCALE);
    }

  g_array_append_val (row->glyphs, run->glyphs->glyphs[0]);
  row->x_last = x;
  return TRUE;
}

static void
flush_letters (PmTimelineCanvas *self,
               GtkSnapshot      *snapshot)
{
  GdkRGBA white = { 1, 1, 1, 1 };
  GHashTableIter iter;
  LetterRow *row;

  g_hash_table_iter_init (&iter, self->letter_rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    {
      PangoGlyphString *glyphs = pango_glyph_string_new ();
      GskRenderNode *node;

      pango_glyph_string_set_size (glyphs, row->glyphs->len);
      memcpy (glyphs->glyphs, row->glyphs->data, row->glyphs->len * sizeof (PangoGlyphInfo));
      for (guint i = 0; i < row->glyphs->len; i++)
        glyphs->log_clusters[i] = 0;
      node = gsk_text_node_new (row->font, glyphs, &white,
                                &GRAPHENE_POINT_INIT (row->x0, row->baseline));
      if (node != NULL)
        {
          gtk_snapshot_append_node (snapshot, node);
          gsk_render_node_unref (node);
        }
      pango_glyph_string_free (glyphs);
    }
  g_hash_table_remove_all (self->letter_rows);
}

/* A compact card: a square in the kind's colour with the first letter of the kind's name
 * (never colour alone), a dark edge when the event contributed to the incident, a thick border
 * when selected. Drawn directly, without rounded corners: two thousand of them on a screen took
 * the cairo renderer 12 ms a frame with rounded clips and a cached node each, 17 ms as
 * textures (GTK 4.8 downloads a texture at every draw), and now less than 8 (bench-timeline). */
static void
draw_compact_card (PmTimelineCanvas *self,
                   GtkSnapshot      *snapshot,
                   Card             *card,
                   double            x,
                   double            y,
                   gboolean          ghost)
{
  const char *kind = pm_event_get_kind (card->event);
  int index = kind_index (kind);
  g_autofree char *key = g_strdup_printf ("compact-kind-%d", index);
  PangoLayout *letter = g_hash_table_lookup (self->badges, key);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (x, y, CARD_W, CARD_H);
  GdkRGBA white = { 1, 1, 1, 1 };
  int lw, lh;

  /* One letter a kind, laid out once (the table is emptied when the style changes). */
  if (letter == NULL)
    {
      const char *label = *kind != '\0' && pm_vocabulary_contains (PM_VOCABULARY_EVENT_KIND, kind)
                          ? pm_vocabulary_get_label (PM_VOCABULARY_EVENT_KIND, kind) : "?";
      g_autofree char *upper = g_utf8_strup (label, -1);
      g_autofree char *first = g_utf8_substring (upper, 0, 1);
      PangoAttrList *attrs = pango_attr_list_new ();

      letter = gtk_widget_create_pango_layout (GTK_WIDGET (self), first);
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.75));
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (letter, attrs);
      pango_attr_list_unref (attrs);
      g_hash_table_insert (self->badges, g_steal_pointer (&key), letter);
    }

  if (ghost)
    gtk_snapshot_push_opacity (snapshot, 0.35);

  gtk_snapshot_append_color (snapshot, &self->kind_colors[index], &bounds);
  if (pm_event_get_contributed (card->event))
    {
      GdkRGBA dark = { 0, 0, 0, 0.45 };

      gtk_snapshot_append_color (snapshot, &dark,
                                 &GRAPHENE_RECT_INIT (x + CARD_W - 6, y, 6, CARD_H));
    }
  if (g_hash_table_contains (self->selection, card->event))
    {
      GskRoundedRect rr;

      gsk_rounded_rect_init_from_rect (&rr, &bounds, 0);
      gtk_snapshot_append_border (snapshot, &rr, (float[4]) { 3, 3, 3, 3 },
                                  (GdkRGBA[4]) { self->accent, self->accent, self->accent,
                                                 self->accent });
    }
  pango_layout_get_pixel_size (letter, &lw, &lh);
  if (ghost || !batch_letter (self, letter, x + 5, y + (CARD_H - lh) / 2))
    draw_text (snapshot, letter, x + 5, y + (CARD_H - lh) / 2, &white);

  if (ghost)
    gtk_snapshot_pop (snapshot);
}

static void
draw_card_content (PmTimelineCanvas *self,
                   GtkSnapshot      *snapshot,
                   Card             *card,
                   double            x,
                   double            y,
                   gboolean          ghost)
{
  const PmTime *time = pm_event_get_time (card->event);
  gboolean selected = g_hash_table_contains (self->selection, card->event);
  gboolean day = time && pm_time_get_precision (time) == PM_TIME_PRECISION_DAY;
  const GdkRGBA *kind_color = &self->kind_colors[kind_index (pm_event_get_kind (card->event))];
  GskRoundedRect rr;
  GdkRGBA bg = self->card_bg;
  double w = card->w;
  double right;
  guint n_rcs;
  double bw;
  float border_w = selected ? 3 : 1;
  GdkRGBA border_c = selected ? self->accent : self->border;

  if (self->compact)
    {
      draw_compact_card (self, snapshot, card, x, y, ghost);
      return;
    }

  ensure_card_layouts (self, card);

  if (ghost)
    gtk_snapshot_push_opacity (snapshot, 0.35);

  if (day && w > CARD_W)
    {
      /* The whole day, behind the card: it happened some time that day. */
      GdkRGBA span = *kind_color;

      span.alpha = 0.18;
      gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (x, y, w, CARD_H), RADIUS);
      gtk_snapshot_push_rounded_clip (snapshot, &rr);
      gtk_snapshot_append_color (snapshot, &span, &rr.bounds);
      gtk_snapshot_pop (snapshot);
      w = CARD_W;
    }

  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (x, y, w, CARD_H), RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &bg, &rr.bounds);
  /* The kind's colour as a stripe on the left; the kind is also written out. */
  gtk_snapshot_append_color (snapshot, kind_color, &GRAPHENE_RECT_INIT (x, y, 6, CARD_H));
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &rr,
                              (float[4]) { border_w, border_w, border_w, border_w },
                              (GdkRGBA[4]) { border_c, border_c, border_c, border_c });
  if (day && card->w > CARD_W)
    {
      /* an arrow to the end of the day */
      GdkRGBA c = *kind_color;

      gtk_snapshot_append_color (snapshot, &c,
                                 &GRAPHENE_RECT_INIT (x + w, y + CARD_H / 2 - 1,
                                                      card->w - w - 2, 3));
    }

  draw_text (snapshot, card->head, x + 14, y + 6, kind_color->alpha > 0 ? &self->dim : &self->fg);
  draw_text (snapshot, card->actor, x + 14, y + 26, &self->fg);
  draw_text (snapshot, card->text, x + 14, y + 48, &self->fg);

  /* Badges, from the right along the top edge */
  right = x + w - 6;
  n_rcs = _pm_timeline_canvas_count_root_causes (self, card->event);
  if (n_rcs > 0)
    {
      /* Translators: a badge on a card: the number of root causes linked to the event */
      g_autofree char *label = g_strdup_printf (_("RC %u"), n_rcs);
      GdkRGBA c = self->accent;

      draw_badge (self, snapshot, label, right, y - 9, &c, &bw);
      right -= bw;
    }
  if (pm_event_get_slowed_response (card->event))
    {
      GdkRGBA c;

      gdk_rgba_parse (&c, "#c64600");
      /* Translators: a short badge on a card: the event slowed the response */
      draw_badge (self, snapshot, _("Slowed"), right, y - 9, &c, &bw);
      right -= bw;
    }
  if (pm_event_get_contributed (card->event))
    {
      GdkRGBA c;

      gdk_rgba_parse (&c, "#a51d2d");
      /* Translators: a short badge on a card: the event contributed to the incident */
      draw_badge (self, snapshot, _("Contributed"), right, y - 9, &c, &bw);
    }

  if (ghost)
    gtk_snapshot_pop (snapshot);
}

/* Cards are drawn once into a render node and then only placed: a frame (a pan, a drag)
 * costs a translation per visible card, not a layout. */
static void
draw_card (PmTimelineCanvas *self,
           GtkSnapshot      *snapshot,
           Card             *card,
           double            x,
           double            y,
           gboolean          ghost)
{
  gboolean selected = g_hash_table_contains (self->selection, card->event);

  /* A compact card is a few nodes: placing a cached node would cost as much as drawing them. */
  if (self->compact)
    {
      draw_compact_card (self, snapshot, card, x, y, ghost);
      return;
    }

  if (card->node == NULL || card->node_selected != selected || card->node_w != card->w)
    {
      GtkSnapshot *sub = gtk_snapshot_new ();

      g_clear_pointer (&card->node, gsk_render_node_unref);
      draw_card_content (self, sub, card, 0, 0, FALSE);
      card->node = gtk_snapshot_free_to_node (sub);
      card->node_selected = selected;
      card->node_w = card->w;
    }
  if (card->node == NULL)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  if (ghost)
    gtk_snapshot_push_opacity (snapshot, 0.35);
  gtk_snapshot_append_node (snapshot, card->node);
  if (ghost)
    gtk_snapshot_pop (snapshot);
  gtk_snapshot_restore (snapshot);
}

static void
draw_label_box (PmTimelineCanvas *self,
                GtkSnapshot      *snapshot,
                const char       *text,
                double            x,
                double            y)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  GdkRGBA white = { 1, 1, 1, 1 };
  GskRoundedRect rr;
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (x, y, w + 16, h + 8), 6);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, &self->accent, &rr.bounds);
  gtk_snapshot_pop (snapshot);
  draw_text (snapshot, layout, x + 8, y + 4, &white);
}

static gint64
tick_step (PmTimelineCanvas *self)
{
  static const gint64 steps[] = {
    60, 300, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400,
    14 * 86400, 28 * 86400, 91 * 86400, 364 * 86400,
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * self->scale >= 90 * self->card_scale)
      return steps[i];
  return 364 * 86400;
}

/* A day label that fits the space between two ticks. */
static const char *
day_format (PmTimelineCanvas *self,
            gint64            step)
{
  double px = step * self->scale;

  if (step >= 28 * 86400)
    /* Translators: a month on the timeline's axis, see g_date_time_format() */
    return _("%b %Y");
  if (px >= 170)
    /* Translators: a day on the timeline's axis, see g_date_time_format() */
    return _("%a %-d %b %Y");
  if (px >= 100)
    /* Translators: a day on the timeline's axis, see g_date_time_format() */
    return _("%a %-d %b");
  /* Translators: a day on the timeline's axis, see g_date_time_format() */
  return _("%-d %b");
}

static void
draw_axis_and_grid (PmTimelineCanvas *self,
                    GtkSnapshot      *snapshot,
                    double            width,
                    double            height)
{
  gint64 step = tick_step (self);
  double t0 = self->view_start;
  double t1 = self->view_start + view_width (self) / self->scale;
  gint64 t;
  GdkRGBA grid = self->border;
  GdkRGBA dayline = self->dim;
  int count = 0;

  grid.alpha *= 0.5;
  dayline.alpha = 0.6;

  /* Axis background */
  gtk_snapshot_append_color (snapshot, &self->bg, &GRAPHENE_RECT_INIT (0, 0, width, AXIS_H));
  gtk_snapshot_append_color (snapshot, &self->border,
                             &GRAPHENE_RECT_INIT (0, AXIS_H - 1, width, 1));

  /* Ticks: aligned in the document's zone */
  t = _pm_timeline_canvas_snap_time (self, t0, step < 86400 ? step : 86400) - step;
  if (step >= 86400)
    {
      /* whole days from local midnight */
      t = _pm_timeline_canvas_snap_time (self, t0 - 43200, 86400) - step;
    }
  for (; t <= t1 && count < 500; count++)
    {
      double x = pm_timeline_canvas_time_to_x (self, t);

      if (x >= LABEL_W)
        {
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
          g_autoptr(GDateTime) local = dt ? g_date_time_to_timezone (dt, self->zone) : NULL;
          gboolean midnight = local && g_date_time_get_hour (local) == 0 &&
                              g_date_time_get_minute (local) == 0;
          g_autofree char *label = NULL;
          g_autoptr(PangoLayout) layout = NULL;

          gtk_snapshot_append_color (snapshot, midnight ? &dayline : &grid,
                                     &GRAPHENE_RECT_INIT (x, AXIS_H - 8, 1,
                                                          height - MINI_H - AXIS_H + 8));
          if (local != NULL)
            {
              if (midnight || step >= 86400)
                label = g_date_time_format (local, day_format (self, step));
              else
                label = g_date_time_format (local, "%H:%M");
              layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), label);
              if (midnight || step >= 86400)
                {
                  PangoAttrList *attrs = pango_attr_list_new ();

                  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
                  pango_layout_set_attributes (layout, attrs);
                  pango_attr_list_unref (attrs);
                }
              draw_text (snapshot, layout, x + 4, midnight || step >= 86400 ? 4 : 24,
                         midnight ? &self->fg : &self->dim);
            }
        }

      if (step < 86400)
        t += step;
      else
        {
          /* calendar days: DST days are 23 or 25 hours long */
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
          g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, self->zone);
          g_autoptr(GDateTime) next = g_date_time_add_days (local, (int) (step / 86400));
          g_autoptr(GDateTime) midnight = g_date_time_new (self->zone,
                                                           g_date_time_get_year (next),
                                                           g_date_time_get_month (next),
                                                           g_date_time_get_day_of_month (next),
                                                           0, 0, 0);

          t = MAX (t + 3600, g_date_time_to_unix (midnight));
        }
    }

  /* Day boundaries at finer zooms are among the ticks (midnight); at coarse zooms the current
   * day is in the corner. */
  if (step < 86400)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc ((gint64) t0);
      g_autoptr(GDateTime) local = dt ? g_date_time_to_timezone (dt, self->zone) : NULL;

      if (local != NULL)
        {
          g_autofree char *label = g_date_time_format (local, _("%a %-d %b %Y"));
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                          label);

          gtk_snapshot_append_color (snapshot, &self->bg,
                                     &GRAPHENE_RECT_INIT (LABEL_W, 0, 150 * self->card_scale,
                                                          22 * self->card_scale));
          draw_text (snapshot, layout, LABEL_W + 4, 4, &self->fg);
        }
    }
}

static void
draw_minimap (PmTimelineCanvas *self,
              GtkSnapshot      *snapshot,
              double            width,
              double            height)
{
  double y = height - MINI_H;
  double t_min, t_max, s;
  double x0, x1;
  GdkRGBA window = self->accent;

  gtk_snapshot_append_color (snapshot, &self->bg, &GRAPHENE_RECT_INIT (0, y, width, MINI_H));
  gtk_snapshot_append_color (snapshot, &self->border, &GRAPHENE_RECT_INIT (0, y, width, 1));
  if (self->known->len == 0)
    return;

  t_min = card_at (self, g_array_index (self->known, guint, 0))->t;
  t_max = card_at (self, g_array_index (self->known, guint, self->known->len - 1))->t;
  t_max = MAX (t_max, t_min + 3600);
  s = (width - 2 * GAP) / (t_max - t_min);

  for (guint k = 0; k < self->known->len; k++)
    {
      Card *card = card_at (self, g_array_index (self->known, guint, k));
      double x = GAP + (card->t - t_min) * s;

      gtk_snapshot_append_color (snapshot,
                                 &self->kind_colors[kind_index (pm_event_get_kind (card->event))],
                                 &GRAPHENE_RECT_INIT (x, y + 6, 2, MINI_H - 12));
    }

  x0 = GAP + (self->view_start - t_min) * s;
  x1 = x0 + view_width (self) / self->scale * s;
  x0 = CLAMP (x0, 0, width);
  x1 = CLAMP (x1, x0 + 2, width);
  window.alpha = 0.25;
  gtk_snapshot_append_color (snapshot, &window, &GRAPHENE_RECT_INIT (x0, y + 2, x1 - x0, MINI_H - 4));
}

/* The first index in @list whose card's right edge is at or after @xs. */
guint
_pm_timeline_canvas_first_visible (PmTimelineCanvas *self,
                                   GArray           *list,
                                   double            xs)
{
  guint lo = 0, hi = list->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (card_at (self, g_array_index (list, guint, mid))->xs + self->max_card_w < xs)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
draw_cards_in (PmTimelineCanvas *self,
               GtkSnapshot      *snapshot,
               GArray           *list,
               double            height)
{
  double left_xs = self->view_start * self->scale;
  double right_xs = left_xs + view_width (self);
  gboolean dragging = self->drag_mode == DRAG_CARDS && self->drag_moved;

  if (self->compact)
    self->letter_rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                               letter_row_free);
  for (guint k = _pm_timeline_canvas_first_visible (self, list, left_xs); k < list->len; k++)
    {
      Card *card = card_at (self, g_array_index (list, guint, k));
      double x, y;

      if (card->xs > right_xs)
        break;
      if (card->xs + card->w < left_xs)
        continue;
      y = _pm_timeline_canvas_card_y (self, card);
      if (y + CARD_H < AXIS_H - 12 || y > height - MINI_H)
        continue;
      x = _pm_timeline_canvas_card_x (self, card);
      draw_card (self, snapshot, card, x, y,
                 dragging && g_hash_table_contains (self->selection, card->event));
    }
  if (self->letter_rows != NULL)
    {
      flush_letters (self, snapshot);
      g_clear_pointer (&self->letter_rows, g_hash_table_unref);
    }
}

void
_pm_timeline_canvas_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  PmTimelineCanvas *self = PM_TIMELINE_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double top;
  GdkRGBA stripe = self->stripe;

  if (width <= 0 || height <= 0)
    return;

  _pm_timeline_canvas_layout (self);
  top = content_top (self);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_append_color (snapshot, &self->bg, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* Lanes */
  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = g_ptr_array_index (self->lanes, l);

      if (l % 2 == 1)
        gtk_snapshot_append_color (snapshot, &stripe,
                                   &GRAPHENE_RECT_INIT (0, top + lane->y, width, lane->h));
      gtk_snapshot_append_color (snapshot, &self->border,
                                 &GRAPHENE_RECT_INIT (0, top + lane->y + lane->h - 1, width, 1));
    }

  /* The unknown-time area */
  {
    GdkRGBA area = self->stripe;
    g_autoptr(PangoLayout) head = NULL;

    area.alpha = MIN (1.0, area.alpha * 2.5);
    gtk_snapshot_append_color (snapshot, &area,
                               &GRAPHENE_RECT_INIT (0, top + self->unknown_y, width,
                                                    self->content_h - self->unknown_y));
    gtk_snapshot_append_color (snapshot, &self->dim,
                               &GRAPHENE_RECT_INIT (0, top + self->unknown_y, width, 2));
    head = gtk_widget_create_pango_layout (widget,
                                           _("Time unknown — in the order they happened, under "
                                             "the event before them"));
    draw_text (snapshot, head, LABEL_W + 8, top + self->unknown_y + 6, &self->dim);
  }

  draw_axis_and_grid (self, snapshot, width, height);

  if (self->document != NULL && self->cards->len == 0)
    {
      g_autoptr(PangoLayout) hint =
        make_layout (self, _("No events yet. Type one into the quick-entry field above, such as "
                             "“14:32 SOC paged the on-call”, or double-click where it belongs."),
                     MAX (200.0, width - LABEL_W - 48), 4, FALSE, 1.2);

      draw_text (snapshot, hint, LABEL_W + 24, AXIS_H + 24, &self->dim);
    }

  /* Cards */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (LABEL_W, AXIS_H - 12, width - LABEL_W,
                                                         height - AXIS_H - MINI_H + 12));
  draw_cards_in (self, snapshot, self->known, height);
  draw_cards_in (self, snapshot, self->unknown, height);

  /* Focus */
  if (self->focus != NULL && gtk_widget_has_focus (widget))
    {
      guint i = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, self->focus));

      if (i > 0)
        {
          Card *card = card_at (self, i - 1);
          GskRoundedRect rr;
          GdkRGBA c = self->accent;

          c.alpha = 0.6;
          gsk_rounded_rect_init_from_rect (&rr,
                                           &GRAPHENE_RECT_INIT (_pm_timeline_canvas_card_x (self, card) - 4,
                                                                _pm_timeline_canvas_card_y (self, card) - 4,
                                                                MIN (card->w, CARD_W) + 8,
                                                                CARD_H + 8),
                                           RADIUS + 4);
          gtk_snapshot_append_border (snapshot, &rr, (float[4]) { 2, 2, 2, 2 },
                                      (GdkRGBA[4]) { c, c, c, c });
        }
    }

  /* The cards being dragged, where they would land */
  if (self->drag_mode == DRAG_CARDS && self->drag_moved)
    {
      guint pi = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, self->drag_event));
      GHashTableIter iter;
      gpointer key;
      double offset_x = (pm_timeline_canvas_x_to_time (self, self->drag_x + self->drag_dx) -
                         self->drag_time) * self->scale;
      double offset_y = self->drag_dy + (self->drag_scroll_y - self->scroll_y);

      g_hash_table_iter_init (&iter, self->selection);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          guint i = GPOINTER_TO_UINT (g_hash_table_lookup (self->index, key));
          Card *card;

          if (i == 0)
            continue;
          card = card_at (self, i - 1);
          draw_card (self, snapshot, card, _pm_timeline_canvas_card_x (self, card) + offset_x,
                     _pm_timeline_canvas_card_y (self, card) + offset_y, FALSE);
        }

      if (pi > 0)
        {
          Card *card = card_at (self, pi - 1);
          double new_t = card->xs / self->scale + offset_x / self->scale;
          int lane = pm_timeline_canvas_lane_at_y (self, self->drag_y + self->drag_dy);
          g_autofree char *label = NULL;

          if (lane == PM_TIMELINE_UNKNOWN_LANE)
            label = g_strdup (_("Time unknown"));
          else
            {
              gint64 step = pm_timeline_canvas_get_snap_step (self);
              const PmTime *old = pm_event_get_time (card->event);
              g_autoptr(PmTime) t = NULL;
              g_autofree char *when = NULL;

              if (old != NULL)
                {
                  PmTimePrecision precision = pm_time_get_precision (old);

                  if (step < 86400 && precision != PM_TIME_PRECISION_DAY)
                    precision = PM_TIME_PRECISION_MINUTE;
                  t = pm_time_new (card->t + _pm_timeline_canvas_primary_delta (self, card, new_t, step),
                                   pm_time_get_offset (old), precision);
                }
              else
                t = pm_time_new (_pm_timeline_canvas_snap_time (self, new_t, step),
                                 _pm_timeline_canvas_zone_offset (self, (gint64) new_t),
                                 step >= 86400 ? PM_TIME_PRECISION_DAY
                                               : PM_TIME_PRECISION_MINUTE);
              when = _pm_timeline_canvas_format_card_time (self, t, TRUE);
              if (lane >= 0)
                label = g_strdup_printf ("%s · %s", when,
                                         ((Lane *) g_ptr_array_index (self->lanes, lane))->name);
              else
                label = g_steal_pointer (&when);
            }
          draw_label_box (self, snapshot, label, _pm_timeline_canvas_card_x (self, card) + offset_x,
                          _pm_timeline_canvas_card_y (self, card) + offset_y + CARD_H + 6);
        }
    }
  gtk_snapshot_pop (snapshot);

  /* Rubber band */
  if (self->drag_mode == DRAG_RUBBER)
    {
      GdkRGBA fill = self->accent;
      graphene_rect_t r = GRAPHENE_RECT_INIT (MIN (self->drag_x, self->drag_x + self->drag_dx),
                                              MIN (self->drag_y, self->drag_y + self->drag_dy),
                                              fabs (self->drag_dx), fabs (self->drag_dy));
      GskRoundedRect rr;

      fill.alpha = 0.15;
      gtk_snapshot_append_color (snapshot, &fill, &r);
      gsk_rounded_rect_init_from_rect (&rr, &r, 0);
      gtk_snapshot_append_border (snapshot, &rr, (float[4]) { 1, 1, 1, 1 },
                                  (GdkRGBA[4]) { self->accent, self->accent, self->accent,
                                                 self->accent });
    }

  /* Lane labels, always visible on the left */
  gtk_snapshot_append_color (snapshot, &self->bg,
                             &GRAPHENE_RECT_INIT (0, AXIS_H, LABEL_W, height - AXIS_H - MINI_H));
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, AXIS_H, LABEL_W,
                                                         height - AXIS_H - MINI_H));
  for (guint l = 0; l < self->lanes->len; l++)
    {
      Lane *lane = g_ptr_array_index (self->lanes, l);
      g_autoptr(PangoLayout) layout = make_layout (self, lane->name, LABEL_W - 20, 3, TRUE, 1.0);

      if (l % 2 == 1)
        gtk_snapshot_append_color (snapshot, &stripe,
                                   &GRAPHENE_RECT_INIT (0, top + lane->y, LABEL_W, lane->h));
      draw_text (snapshot, layout, 12, top + lane->y + 12, &self->fg);
    }
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_color (snapshot, &self->border,
                             &GRAPHENE_RECT_INIT (LABEL_W - 1, AXIS_H, 1,
                                                  height - AXIS_H - MINI_H));

  draw_minimap (self, snapshot, width, height);
  gtk_snapshot_pop (snapshot);
}
