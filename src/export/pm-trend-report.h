/* pm-trend-report.h — the trend report across postmortems, as Markdown and as PDF
 *
 * Both formats say the same things from the same tables: incidents and severities, times to
 * detect and to recover, principles, root-cause categories, measures, cost, repeated root
 * causes, the incidents themselves and the files that were skipped. Every rate comes with the
 * counts it is made of, and periods with fewer than PM_TRENDS_TOO_FEW incidents are marked as
 * too few to compare. The PDF adds the charts of pm-trend-chart.h as vector figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-export-text.h"
#include "pm-trends.h"

G_BEGIN_DECLS

/* A table of the report: headers and rows of finished text (user text already cleaned). */
typedef struct
{
  GPtrArray *headers;   /* char * */
  GPtrArray *rows;      /* GStrv, one string per header */
  char      *note;      /* under the table, or NULL */
} PmTrendTable;

void          pm_trend_table_free             (PmTrendTable *table);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmTrendTable, pm_trend_table_free)

typedef enum
{
  PM_TREND_TABLE_INCIDENTS,   /* incidents and severities per period */
  PM_TREND_TABLE_RESPONSE,    /* medians of time to detect and recover, with n */
  PM_TREND_TABLE_PRINCIPLES,  /* contributed / held up per principle and period */
  PM_TREND_TABLE_CATEGORIES,  /* root-cause categories per period */
  PM_TREND_TABLE_MEASURES,    /* measures by status, overdue, done within due date */
  PM_TREND_TABLE_COST,        /* cost per currency and effort per period */
  PM_TREND_TABLE_LIST,        /* every incident: date, period, title, severity, file */
  PM_TREND_N_TABLES
} PmTrendTableKind;

/* One of the report's tables, in the current language; a row per period and one for all. */
PmTrendTable *pm_trend_report_build_table     (PmTrends         *trends,
                                               PmTrendTableKind  kind);
/* The table's heading and the sentence that explains it (translated). */
const char   *pm_trend_report_get_heading     (PmTrendTableKind  kind);
const char   *pm_trend_report_get_intro       (PmTrendTableKind  kind);

/* One line about what was read: "14 postmortems from 2019 to 2024, by year; measures as of
 * 28 Nov 2026." */
char         *pm_trend_report_describe        (PmTrends         *trends);

/* What the figures leave out, one sentence each: skipped files, files from a newer version,
 * undated incidents. A new array of strings. */
GPtrArray    *pm_trend_report_build_notices   (PmTrends         *trends);
/* "“Deploy key never rotated” — in 3 incidents"; "Rigor contributed, category Technical — in
 * 4 incidents". */
char         *pm_trend_report_format_repeat   (PmTrends         *trends,
                                               const PmTrendRepeat *repeat);
/* Where a repeated root cause occurs: "2022: Leaked deploy key — “Keys never rotated” (file)". */
char         *pm_trend_report_format_occurrence (PmTrends       *trends,
                                               const PmTrendOccurrence *occurrence);

/* The report as Markdown (CommonMark with GFM tables; UTF-8, "\n", ending in one "\n"). */
char         *pm_trend_report_write_markdown  (PmTrends         *trends);

/* The report as a PDF on @paper, with fonts embedded and vector charts. The creation date is
 * the trends' moment (pm_trends_get_now()). */
GBytes       *pm_trend_report_write_pdf       (PmTrends         *trends,
                                               PmPaper           paper,
                                               GError          **error);

G_END_DECLS
