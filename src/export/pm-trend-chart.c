/* pm-trend-chart.c — the trend report's charts, drawn with cairo and Pango
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pm-export-i18n-private.h"
#include "pm-export-text.h"
#include "pm-trend-chart.h"

/* Sizes in multiples of the style's font size */
#define BAR_CHART_HEIGHT   20.0   /* the whole bar chart */
#define BAR_MIN_COLUMN      5.0
#define HEAT_LABEL_WIDTH   16.0   /* the principles' names */
#define HEAT_MIN_COLUMN     6.0
#define HEAT_ROW            2.8
#define HEAT_HEADER         3.6
#define CAPTION             3.2

/* ------------------------------------------------------------------------------------------ */
/* Words                                                                                       */
/* ------------------------------------------------------------------------------------------ */

char *
pm_trend_period_label (const PmTrendPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);

  if (period->undated)
    /* Translators: the period of incidents that have no date at all */
    return g_strdup (C_("trends", "Undated"));
  if (period->quarter > 0)
    /* Translators: a quarter of a year, e.g. "Q2 2023"; %u is the quarter, %d the year */
    return g_strdup_printf (_("Q%u %d"), period->quarter, period->year);
  return g_strdup_printf ("%d", period->year);
}

char *
pm_trend_format_duration_short (gint64 seconds)
{
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if (seconds < 0)
    return g_strdup ("–");
  if (seconds < 3600)
    /* Translators: a short duration in a chart, in minutes */
    return g_strdup_printf (_("%d min"), (int) ((seconds + 30) / 60));
  if (seconds < 48 * 3600)
    {
      double hours = seconds / 3600.0;

      g_snprintf (number, sizeof number, hours < 10 ? "%.1f" : "%.0f", hours);
      /* Translators: a short duration in a chart, in hours ("3.5 h") */
      return g_strdup_printf (_("%s h"), number);
    }
  {
    double days = seconds / 86400.0;

    g_snprintf (number, sizeof number, days < 10 ? "%.1f" : "%.0f", days);
    /* Translators: a short duration in a chart, in days ("4.2 d") */
    return g_strdup_printf (_("%s d"), number);
  }
}

char *
pm_trend_format_duration (gint64 seconds)
{
  if (seconds < 0)
    return g_strdup ("–");
  if (seconds < 60)
    /* Translators: a duration shorter than a minute */
    return g_strdup_printf (_("%d s"), (int) seconds);
  return pm_export_format_duration (seconds / 60);
}

char *
pm_trend_format_share (guint part,
                       guint total)
{
  if (total == 0)
    return g_strdup ("–");
  /* Translators: a share with its counts, e.g. "4 of 6 (67 %)" */
  return g_strdup_printf (_("%u of %u (%u %%)"), part, total,
                          (guint) ((part * 100 + total / 2) / total));
}

const char *
pm_trend_chart_get_title (PmTrendChartKind kind,
                          PmTrendsGrouping grouping)
{
  gboolean by_year = grouping == PM_TRENDS_BY_YEAR;

  switch (kind)
    {
    case PM_TREND_CHART_INCIDENTS:
      return by_year ? C_("trends", "Incidents per year") : C_("trends", "Incidents per quarter");
    case PM_TREND_CHART_DETECT:
      return C_("trends", "Median time to detect");
    case PM_TREND_CHART_RECOVER:
      return C_("trends", "Median time to recover");
    case PM_TREND_CHART_PRINCIPLES:
      return C_("trends", "Principles that contributed and held up");
    case PM_TREND_N_CHARTS:
    default:
      g_return_val_if_reached ("");
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

void
pm_trend_chart_style_init_print (PmTrendChartStyle *style)
{
  g_return_if_fail (style != NULL);

  style->text = (PmTrendChartColor) { 0x24 / 255.0, 0x1f / 255.0, 0x31 / 255.0 };
  style->secondary = (PmTrendChartColor) { 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0 };
  style->grid = (PmTrendChartColor) { 0xde / 255.0, 0xdd / 255.0, 0xda / 255.0 };
  style->bar = (PmTrendChartColor) { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0 };
  style->background = (PmTrendChartColor) { 1, 1, 1 };
  style->heat = (PmTrendChartColor) { 0xc0 / 255.0, 0x1c / 255.0, 0x28 / 255.0 };
  style->font_family = "Cantarell, DejaVu Sans";
  style->font_size = 7.0;
  style->no_caption = FALSE;
}

guint
pm_trend_chart_count_periods (PmTrends *trends)
{
  guint n = pm_trends_get_n_periods (trends);

  g_return_val_if_fail (PM_IS_TRENDS (trends), 0);

  if (n > 0 && pm_trends_get_period (trends, n - 1)->undated)
    n--;
  return n;
}

double
pm_trend_chart_get_height (PmTrendChartKind         kind,
                           const PmTrendChartStyle *style)
{
  double f = style->font_size;
  double caption = style->no_caption ? 0.5 : CAPTION;

  if (kind == PM_TREND_CHART_PRINCIPLES)
    return f * (HEAT_HEADER + PM_N_PRINCIPLES * HEAT_ROW + caption);
  return f * (BAR_CHART_HEIGHT + caption);
}

double
pm_trend_chart_get_min_width (PmTrendChartKind         kind,
                              guint                    n_periods,
                              const PmTrendChartStyle *style)
{
  double f = style->font_size;

  if (kind == PM_TREND_CHART_PRINCIPLES)
    return f * (HEAT_LABEL_WIDTH + MAX (n_periods, 1) * HEAT_MIN_COLUMN);
  return f * (2 + MAX (n_periods, 1) * BAR_MIN_COLUMN);
}

static void
set_color (cairo_t                 *cr,
           const PmTrendChartColor *color)
{
  cairo_set_source_rgb (cr, color->red, color->green, color->blue);
}

static PmTrendChartColor
mix (const PmTrendChartColor *a,
     const PmTrendChartColor *b,
     double                   t)
{
  return (PmTrendChartColor) { a->red + (b->red - a->red) * t,
                               a->green + (b->green - a->green) * t,
                               a->blue + (b->blue - a->blue) * t };
}

static double
luminance (const PmTrendChartColor *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

static PangoLayout *
new_layout (cairo_t                 *cr,
            PangoContext            *context,
            const PmTrendChartStyle *style,
            double                   scale,
            gboolean                 bold,
            const char              *text)
{
  PangoLayout *layout = context ? pango_layout_new (context) : pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (style->font_family);

  pango_font_description_set_absolute_size (font, style->font_size * scale * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  if (width != NULL)
    *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
}

/* Draws @layout centred on @cx with its top at @y; returns FALSE (drawing nothing) when it is
 * wider than @max_width. */
static gboolean
show_centered (cairo_t     *cr,
               PangoLayout *layout,
               double       cx,
               double       y,
               double       max_width)
{
  double w;

  layout_size (layout, &w, NULL);
  if (w > max_width)
    return FALSE;
  cairo_move_to (cr, cx - w / 2, y);
  pango_cairo_show_layout (cr, layout);
  return TRUE;
}

static void
hatch (cairo_t *cr,
       double   x,
       double   y,
       double   width,
       double   height,
       double   step)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  for (double d = -height; d < width; d += step)
    {
      cairo_move_to (cr, x + d, y + height);
      cairo_line_to (cr, x + d + height, y);
    }
  cairo_set_line_width (cr, step / 4);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static guint
resolve_range (PmTrends *trends,
               guint     first,
               guint     n)
{
  guint dated = pm_trend_chart_count_periods (trends);

  if (first >= dated)
    return 0;
  if (n == 0 || first + n > dated)
    n = dated - first;
  return n;
}

/* The caption under a chart: a short explanation and, when a period has too few incidents,
 * what the hatching means. */
static void
draw_caption (cairo_t                 *cr,
              PangoContext            *context,
              const PmTrendChartStyle *style,
              const char              *text,
              double                   y,
              double                   width)
{
  g_autoptr(PangoLayout) layout = new_layout (cr, context, style, 0.95, FALSE, text);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -2);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  set_color (cr, &style->secondary);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
}

/* ------------------------------------------------------------------------------------------ */
/* Bars                                                                                        */
/* ------------------------------------------------------------------------------------------ */

static gint64
bar_value (const PmTrendPeriod *period,
           PmTrendChartKind     kind,
           guint               *n)
{
  switch (kind)
    {
    case PM_TREND_CHART_DETECT:
      *n = period->n_detect;
      return period->median_detect;
    case PM_TREND_CHART_RECOVER:
      *n = period->n_recover;
      return period->median_recover;
    case PM_TREND_CHART_INCIDENTS:
    case PM_TREND_CHART_PRINCIPLES:
    case PM_TREND_N_CHARTS:
    default:
      *n = period->n_incidents;
      return period->n_incidents;
    }
}

static char *
bar_label (gint64           value,
           guint            n,
           PmTrendChartKind kind)
{
  if (kind == PM_TREND_CHART_INCIDENTS)
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);
  if (n == 0)
    return g_strdup ("–");
  return pm_trend_format_duration_short (value);
}

static void
draw_bars (PmTrends                *trends,
           PmTrendChartKind         kind,
           guint                    first,
           guint                    n,
           cairo_t                 *cr,
           PangoContext            *context,
           double                   width,
           const PmTrendChartStyle *style)
{
  double f = style->font_size;
  double chart_height = f * BAR_CHART_HEIGHT;
  double label_band = f * 3.4;    /* period names under the axis */
  double value_band = f * 3.2;    /* counts and n= above the bars */
  double base = chart_height - label_band;
  double top = value_band;
  double column = width / MAX (n, 1);
  double bar_width = MIN (column * 0.62, f * 5.5);
  gint64 max_value = 0;
  g_autofree char *caption = NULL;
  PmTrendChartColor faint = mix (&style->bar, &style->background, 0.65);

  for (guint i = 0; i < n; i++)
    {
      guint count;
      gint64 value = bar_value (pm_trends_get_period (trends, first + i), kind, &count);

      if (count > 0)
        max_value = MAX (max_value, value);
    }

  /* The axis */
  set_color (cr, &style->grid);
  cairo_set_line_width (cr, MAX (f / 8, 0.5));
  cairo_move_to (cr, 0, base + 0.5);
  cairo_line_to (cr, width, base + 0.5);
  cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    {
      const PmTrendPeriod *period = pm_trends_get_period (trends, first + i);
      guint count;
      gint64 value = bar_value (period, kind, &count);
      double cx = column * (i + 0.5);
      double h = count > 0 && max_value > 0 ? (base - top) * value / max_value : 0;
      g_autofree char *name = pm_trend_period_label (period);
      g_autofree char *text = bar_label (value, count, kind);
      g_autoptr(PangoLayout) name_layout = new_layout (cr, context, style, 1.0, FALSE, name);
      g_autoptr(PangoLayout) value_layout = new_layout (cr, context, style, 1.0, TRUE, text);
      g_autoptr(PangoLayout) n_layout = NULL;
      double value_h;

      /* A value of zero still shows as a hairline, so "none" differs from "no data". */
      if (count > 0 && h < 1)
        h = MIN (1, base - top);
      if (count > 0)
        {
          if (period->too_few)
            {
              cairo_set_source_rgb (cr, faint.red, faint.green, faint.blue);
              cairo_rectangle (cr, cx - bar_width / 2, base - h, bar_width, h);
              cairo_fill (cr);
              set_color (cr, &style->bar);
              hatch (cr, cx - bar_width / 2, base - h, bar_width, h, f * 0.9);
              cairo_set_line_width (cr, MAX (f / 10, 0.5));
              cairo_rectangle (cr, cx - bar_width / 2, base - h, bar_width, h);
              cairo_stroke (cr);
            }
          else
            {
              set_color (cr, &style->bar);
              cairo_rectangle (cr, cx - bar_width / 2, base - h, bar_width, h);
              cairo_fill (cr);
            }
        }

      /* The value above the bar, and for medians how many incidents they come from. */
      set_color (cr, &style->text);
      layout_size (value_layout, NULL, &value_h);
      if (kind != PM_TREND_CHART_INCIDENTS)
        {
          g_autofree char *n_text = g_strdup_printf ("n=%u", count);

          n_layout = new_layout (cr, context, style, 0.85, FALSE, n_text);
          set_color (cr, &style->secondary);
          show_centered (cr, n_layout, cx, base - h - f * 1.4, column);
          set_color (cr, &style->text);
          show_centered (cr, value_layout, cx, base - h - f * 1.4 - value_h, column);
        }
      else
        show_centered (cr, value_layout, cx, base - h - value_h - f * 0.2, column);

      /* The period's name under the axis, wrapped to its column. */
      pango_layout_set_width (name_layout, (int) (MAX (column - 2, f) * PANGO_SCALE));
      pango_layout_set_alignment (name_layout, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (name_layout, PANGO_WRAP_WORD_CHAR);
      set_color (cr, period->too_few ? &style->secondary : &style->text);
      cairo_move_to (cr, cx - MAX (column - 2, f) / 2, base + f * 0.4);
      pango_cairo_show_layout (cr, name_layout);
    }

  caption = pm_trend_chart_dup_caption (trends, kind);
  if (!style->no_caption)
    draw_caption (cr, context, style, caption, chart_height + f * 0.4, width);
}

/* ------------------------------------------------------------------------------------------ */
/* Heat map                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
draw_heat_map (PmTrends                *trends,
               guint                    first,
               guint                    n,
               cairo_t                 *cr,
               PangoContext            *context,
               double                   width,
               const PmTrendChartStyle *style)
{
  double f = style->font_size;
  double label_width = MIN (f * HEAT_LABEL_WIDTH, width / 3);
  double header = f * HEAT_HEADER;
  double row = f * HEAT_ROW;
  double column = (width - label_width) / MAX (n, 1);
  double cell_gap = MAX (f / 7, 0.5);

  for (guint i = 0; i < n; i++)
    {
      const PmTrendPeriod *period = pm_trends_get_period (trends, first + i);
      g_autofree char *label = pm_trend_period_label (period);
      /* Too few to compare: starred, as in the tables (the cells keep their numbers clear). */
      g_autofree char *name = period->too_few ? g_strconcat (label, " *", NULL) : g_strdup (label);
      g_autoptr(PangoLayout) layout = new_layout (cr, context, style, 1.0, FALSE, name);
      double x = label_width + column * i;

      pango_layout_set_width (layout, (int) (MAX (column - 2, f) * PANGO_SCALE));
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -2);
      set_color (cr, period->too_few ? &style->secondary : &style->text);
      cairo_move_to (cr, x + 1, f * 0.4);
      pango_cairo_show_layout (cr, layout);
    }

  for (guint p = 0; p < PM_N_PRINCIPLES; p++)
    {
      double y = header + row * p;
      g_autoptr(PangoLayout) name = new_layout (cr, context, style, 1.0, FALSE,
                                                pm_export_principle_label (p));
      double name_h;

      pango_layout_set_width (name, (int) ((label_width - f) * PANGO_SCALE));
      pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
      layout_size (name, NULL, &name_h);
      set_color (cr, &style->text);
      cairo_move_to (cr, 0, y + (row - name_h) / 2);
      pango_cairo_show_layout (cr, name);

      for (guint i = 0; i < n; i++)
        {
          const PmTrendPeriod *period = pm_trends_get_period (trends, first + i);
          double x = label_width + column * i;
          double share = period->n_root_causes > 0
            ? (double) period->contributed[p] / period->n_root_causes : 0;
          PmTrendChartColor fill = mix (&style->background, &style->heat, 0.08 + 0.92 * share);
          g_autofree char *text = NULL;
          g_autoptr(PangoLayout) layout = NULL;
          double text_h;

          if (period->n_root_causes == 0)
            fill = style->background;
          cairo_set_source_rgb (cr, fill.red, fill.green, fill.blue);
          cairo_rectangle (cr, x + cell_gap, y + cell_gap, column - 2 * cell_gap, row - 2 * cell_gap);
          cairo_fill (cr);
          if (period->n_root_causes == 0)
            {
              set_color (cr, &style->grid);
              cairo_set_line_width (cr, cell_gap);
              cairo_rectangle (cr, x + cell_gap, y + cell_gap, column - 2 * cell_gap, row - 2 * cell_gap);
              cairo_stroke (cr);
            }

          /* The numbers, always: contributed / held up. */
          text = period->n_root_causes > 0
            ? g_strdup_printf ("%u / %u", period->contributed[p], period->held_up[p])
            : g_strdup ("–");
          layout = new_layout (cr, context, style, 1.0, period->contributed[p] > 0, text);
          layout_size (layout, NULL, &text_h);
          if (luminance (&fill) < 0.5)
            cairo_set_source_rgb (cr, 1, 1, 1);
          else
            cairo_set_source_rgb (cr, 0, 0, 0);
          if (!show_centered (cr, layout, x + column / 2, y + (row - text_h) / 2, column - 2))
            {
              /* A narrow column: the smaller figure goes, the contributed count stays. */
              g_autofree char *count = g_strdup_printf ("%u", period->contributed[p]);

              g_object_unref (layout);
              layout = new_layout (cr, context, style, 0.9, TRUE, count);
              show_centered (cr, layout, x + column / 2, y + (row - text_h) / 2, G_MAXDOUBLE);
            }
        }
    }

  if (!style->no_caption)
    {
      g_autofree char *caption = pm_trend_chart_dup_caption (trends, PM_TREND_CHART_PRINCIPLES);

      draw_caption (cr, context, style, caption, header + row * PM_N_PRINCIPLES + f * 0.4, width);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

void
pm_trend_chart_draw (PmTrends                *trends,
                     PmTrendChartKind         kind,
                     guint                    first,
                     guint                    n,
                     cairo_t                 *cr,
                     PangoContext            *context,
                     double                   width,
                     double                   height,
                     const PmTrendChartStyle *style)
{
  g_return_if_fail (PM_IS_TRENDS (trends));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);

  n = resolve_range (trends, first, n);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (n == 0)
    {
      g_autoptr(PangoLayout) layout = new_layout (cr, context, style, 1.2, FALSE,
                                                  C_("trends", "No dated incidents to show."));

      set_color (cr, &style->secondary);
      cairo_move_to (cr, 0, style->font_size);
      pango_cairo_show_layout (cr, layout);
    }
  else if (kind == PM_TREND_CHART_PRINCIPLES)
    draw_heat_map (trends, first, n, cr, context, width, style);
  else
    draw_bars (trends, kind, first, n, cr, context, width, style);
  cairo_restore (cr);
}

char *
pm_trend_chart_dup_caption (PmTrends         *trends,
                            PmTrendChartKind  kind)
{
  gboolean any_too_few = FALSE;
  guint n = pm_trend_chart_count_periods (trends);

  g_return_val_if_fail (PM_IS_TRENDS (trends), NULL);

  for (guint i = 0; i < n; i++)
    any_too_few |= pm_trends_get_period (trends, i)->too_few;

  switch (kind)
    {
    case PM_TREND_CHART_INCIDENTS:
      return g_strdup (any_too_few
                       ? C_("trends", "Hatched: fewer than 3 incidents, too few to compare.")
                       : C_("trends", "Number of postmortems per period."));
    case PM_TREND_CHART_DETECT:
    case PM_TREND_CHART_RECOVER:
      return g_strdup (any_too_few
                       ? C_("trends", "Median over the incidents whose timeline has the events (n). Hatched: fewer than 3 incidents, too few to compare.")
                       : C_("trends", "Median over the incidents whose timeline has the events (n)."));
    case PM_TREND_CHART_PRINCIPLES:
      return g_strdup (C_("trends", "Each cell: root causes where the principle contributed / held up. "
                                    "The darker the cell, the larger the share of the period’s root causes "
                                    "where it contributed. *: fewer than 3 incidents, too few to compare."));
    case PM_TREND_N_CHARTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
pm_trend_chart_describe (PmTrends         *trends,
                         PmTrendChartKind  kind)
{
  GString *out = g_string_new (NULL);
  guint n = pm_trend_chart_count_periods (trends);

  g_return_val_if_fail (PM_IS_TRENDS (trends), NULL);

  g_string_append (out, pm_trend_chart_get_title (kind, pm_trends_get_grouping (trends)));
  g_string_append (out, ": ");
  if (n == 0)
    g_string_append (out, C_("trends", "No dated incidents to show."));
  for (guint i = 0; i < n; i++)
    {
      const PmTrendPeriod *period = pm_trends_get_period (trends, i);
      g_autofree char *name = pm_trend_period_label (period);

      if (i > 0)
        g_string_append (out, "; ");
      g_string_append (out, name);
      g_string_append (out, " ");
      if (kind == PM_TREND_CHART_PRINCIPLES)
        {
          gboolean any = FALSE;

          for (guint p = 0; p < PM_N_PRINCIPLES; p++)
            {
              if (period->contributed[p] == 0 && period->held_up[p] == 0)
                continue;
              /* Translators: in a chart's description, e.g. "Rigor contributed 3, held up 1" */
              g_string_append_printf (out, _("%s%s contributed %u, held up %u"),
                                      any ? ", " : "", pm_export_principle_label (p),
                                      period->contributed[p], period->held_up[p]);
              any = TRUE;
            }
          if (!any)
            g_string_append (out, "–");
        }
      else
        {
          guint count;
          gint64 value = bar_value (period, kind, &count);
          g_autofree char *text = bar_label (value, count, kind);

          g_string_append (out, text);
          if (kind != PM_TREND_CHART_INCIDENTS)
            g_string_append_printf (out, " (n=%u)", count);
        }
      if (period->too_few)
        {
          g_string_append (out, " ");
          g_string_append (out, C_("trends", "(too few to compare)"));
        }
    }
  return g_string_free (out, FALSE);
}
