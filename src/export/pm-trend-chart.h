/* pm-trend-chart.h — the trend report's charts, drawn with cairo and Pango
 *
 * The same code draws the figures of the PDF report and the charts of the app's Trends window
 * (a GtkDrawingArea hands its cairo_t and PangoContext): what a reader sees on paper is what the
 * window shows. No GTK here. Every value a chart shows is also written as a number (above a
 * bar, in a heat map cell), so nothing depends on telling colours apart; periods with too few
 * incidents to compare are hatched and named in the caption.
 *
 * Only dated periods are drawn (an "undated" bar would pretend to a place in time); callers
 * say how many incidents are undated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include "pm-trends.h"

G_BEGIN_DECLS

typedef enum
{
  PM_TREND_CHART_INCIDENTS,   /* bars: incidents per period */
  PM_TREND_CHART_DETECT,      /* bars: median time to detect per period */
  PM_TREND_CHART_RECOVER,     /* bars: median time to recover per period */
  PM_TREND_CHART_PRINCIPLES,  /* heat map: principles × periods, contributed / held up */
  PM_TREND_N_CHARTS
} PmTrendChartKind;

typedef struct
{
  double red, green, blue;
} PmTrendChartColor;

typedef struct
{
  PmTrendChartColor text;
  PmTrendChartColor secondary;
  PmTrendChartColor grid;
  PmTrendChartColor bar;
  PmTrendChartColor background;  /* a heat map cell with nothing in it */
  PmTrendChartColor heat;        /* a heat map cell where every root cause had it contribute */
  const char       *font_family;
  double            font_size;   /* points (PDF) or pixels (screen) of the value labels */
  gboolean          no_caption;  /* the caller shows pm_trend_chart_dup_caption() itself */
} PmTrendChartStyle;

/* Colours and fonts for paper: dark text on white. */
void        pm_trend_chart_style_init_print (PmTrendChartStyle *style);

/* The dated periods of @trends: the first @n of pm_trends_get_period(). */
guint       pm_trend_chart_count_periods    (PmTrends          *trends);

/* A chart's height for a width, and the width it needs to show @n_periods legibly. */
double      pm_trend_chart_get_height       (PmTrendChartKind   kind,
                                             const PmTrendChartStyle *style);
double      pm_trend_chart_get_min_width    (PmTrendChartKind   kind,
                                             guint              n_periods,
                                             const PmTrendChartStyle *style);

/* Draws periods [@first, @first + @n) (n = 0: every dated period from @first) into the
 * rectangle (0, 0, @width, @height) of @cr. @context: the Pango context to lay text out in
 * (NULL: one made for @cr). */
void        pm_trend_chart_draw             (PmTrends          *trends,
                                             PmTrendChartKind   kind,
                                             guint              first,
                                             guint              n,
                                             cairo_t           *cr,
                                             PangoContext      *context,
                                             double             width,
                                             double             height,
                                             const PmTrendChartStyle *style);

/* The chart's title, e.g. "Incidents per year" (translated). */
const char *pm_trend_chart_get_title        (PmTrendChartKind   kind,
                                             PmTrendsGrouping   grouping);
/* The sentence under the chart: what its numbers are and what hatching means. */
char       *pm_trend_chart_dup_caption      (PmTrends          *trends,
                                             PmTrendChartKind   kind);
/* What the chart shows, in words, for a screen reader: every value with its period. */
char       *pm_trend_chart_describe         (PmTrends          *trends,
                                             PmTrendChartKind   kind);

/* ---- Words shared by the report, the charts and the window ------------------------------ */

/* "2023", "Q2 2023", "Undated" (translated). */
char       *pm_trend_period_label           (const PmTrendPeriod *period);
/* A short duration for a chart: "45 min", "3.5 h", "12 h", "4.2 d". */
char       *pm_trend_format_duration_short  (gint64             seconds);
/* A duration for a table: "34 h 42 min"; "–" when @seconds is negative. */
char       *pm_trend_format_duration        (gint64             seconds);
/* "4 of 6 (67 %)"; "–" when @total is 0. */
char       *pm_trend_format_share           (guint              part,
                                             guint              total);

G_END_DECLS
