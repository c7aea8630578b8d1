/* pm-trend-report.c — the trend report across postmortems, as Markdown and as PDF
 *
 * The tables are built once as text (pm_trend_report_build_table) and written by both
 * formats; the Trends window shows the same ones. User text (titles, file names, currencies,
 * loader messages) is cleaned with pm_export_clean_text() when a table is built, escaped for
 * Markdown when it is written, and reaches Pango only as plain text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pm-export-i18n-private.h"
#include "pm-markdown-writer.h"
#include "pm-pdf-flow.h"
#include "pm-trend-chart.h"
#include "pm-trend-report.h"

/* How many incidents a repeated root cause lists before "and N more". */
#define MAX_OCCURRENCES 12
/* How many repeats of each kind the report lists. */
#define MAX_REPEATS     20
/* How many periods one chart shows; more continue in another figure below. */
#define PERIODS_PER_FIGURE 12

#define MARGIN_X       54.0
#define MARGIN_TOP     60.0
#define MARGIN_BOTTOM  60.0
#define FAMILY "Cantarell, DejaVu Sans"

#define C_TEXT       PM_RGB (0x241f31)
#define C_SECONDARY  PM_RGB (0x5e5c64)
#define C_RULE       PM_RGB (0xdeddda)
#define C_TINT       PM_RGB (0xf6f5f4)
#define C_WARNING    PM_RGB (0x9c6e03)

/* ------------------------------------------------------------------------------------------ */
/* Tables                                                                                      */
/* ------------------------------------------------------------------------------------------ */

void
pm_trend_table_free (PmTrendTable *table)
{
  if (table == NULL)
    return;
  g_ptr_array_unref (table->headers);
  g_ptr_array_unref (table->rows);
  g_free (table->note);
  g_free (table);
}

static PmTrendTable *
table_new (void)
{
  PmTrendTable *table = g_new0 (PmTrendTable, 1);

  table->headers = g_ptr_array_new_with_free_func (g_free);
  table->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  return table;
}

static void
add_header (PmTrendTable *table,
            const char   *header)
{
  g_ptr_array_add (table->headers, g_strdup (header));
}

/* Takes @cells (a NULL-terminated GPtrArray of strings). */
static void
add_row (PmTrendTable *table,
         GPtrArray    *cells)
{
  g_assert (cells->len == table->headers->len);
  g_ptr_array_add (cells, NULL);
  g_ptr_array_add (table->rows, g_ptr_array_free (cells, FALSE));
}

static GPtrArray *
row_new (void)
{
  return g_ptr_array_new ();
}

static void
cell_take (GPtrArray *row,
           char      *text)
{
  g_ptr_array_add (row, text);
}

static void
cell_uint (GPtrArray *row,
           guint      value)
{
  g_ptr_array_add (row, g_strdup_printf ("%u", value));
}

static char *
clean_line (const char *text)
{
  return pm_export_clean_text (text ? text : "", PM_CLEAN_SINGLE_LINE);
}

/* The first cell of a period's row: its name, starred when it has too few incidents. */
static char *
period_cell (const PmTrendPeriod *period,
             gboolean            *any_too_few)
{
  g_autofree char *label = pm_trend_period_label (period);

  if (period->too_few)
    {
      *any_too_few = TRUE;
      return g_strconcat (label, " *", NULL);
    }
  return g_steal_pointer (&label);
}

static void
finish_note (PmTrendTable *table,
             gboolean      any_too_few,
             const char   *extra)
{
  GString *note = g_string_new (NULL);

  if (any_too_few)
    g_string_append_printf (note, _("* Fewer than %d incidents: too few to compare."),
                            PM_TRENDS_TOO_FEW);
  if (extra != NULL)
    {
      if (note->len > 0)
        g_string_append_c (note, ' ');
      g_string_append (note, extra);
    }
  table->note = note->len > 0 ? g_string_free (note, FALSE) : (g_string_free (note, TRUE), NULL);
}

typedef void (*RowFunc) (PmTrends            *trends,
                         const PmTrendPeriod *period,
                         GPtrArray           *row);

/* A row per period and one for all of them. */
static void
add_period_rows (PmTrends     *trends,
                 PmTrendTable *table,
                 RowFunc       func,
                 gboolean     *any_too_few)
{
  for (guint i = 0; i <= pm_trends_get_n_periods (trends); i++)
    {
      gboolean total = i == pm_trends_get_n_periods (trends);
      const PmTrendPeriod *period = total ? pm_trends_get_total (trends) : pm_trends_get_period (trends, i);
      GPtrArray *row = row_new ();

      cell_take (row, total ? g_strdup (C_("trends", "All")) : period_cell (period, any_too_few));
      func (trends, period, row);
      add_row (table, row);
    }
}

static const char *
severity_header (guint index)
{
  return pm_export_label (PM_VOCABULARY_SEVERITY,
                          pm_vocabulary_get_values (PM_VOCABULARY_SEVERITY)[index]);
}

static void
incidents_row (PmTrends            *trends,
               const PmTrendPeriod *period,
               GPtrArray           *row)
{
  const PmTrendPeriod *total = pm_trends_get_total (trends);

  cell_uint (row, period->n_incidents);
  for (guint s = 0; s < PM_TRENDS_N_SEVERITIES; s++)
    cell_uint (row, period->severities[s]);
  if (total->n_severity_other > 0)
    cell_uint (row, period->n_severity_other);
  cell_uint (row, period->n_severity_none);
}

static void
response_row (PmTrends            *trends,
              const PmTrendPeriod *period,
              GPtrArray           *row)
{
  cell_take (row, pm_trend_format_duration (period->median_detect));
  cell_take (row, g_strdup_printf (_("%u of %u"), period->n_detect, period->n_incidents));
  cell_take (row, pm_trend_format_duration (period->median_recover));
  cell_take (row, g_strdup_printf (_("%u of %u"), period->n_recover, period->n_incidents));
}

static void
principles_row (PmTrends            *trends,
                const PmTrendPeriod *period,
                GPtrArray           *row)
{
  cell_uint (row, period->n_root_causes);
  for (guint p = 0; p < PM_N_PRINCIPLES; p++)
    cell_take (row, g_strdup_printf ("%u / %u", period->contributed[p], period->held_up[p]));
}

static void
categories_row (PmTrends            *trends,
                const PmTrendPeriod *period,
                GPtrArray           *row)
{
  const PmTrendPeriod *total = pm_trends_get_total (trends);

  cell_uint (row, period->n_root_causes);
  for (guint c = 0; c < PM_TRENDS_N_CATEGORIES; c++)
    cell_uint (row, period->categories[c]);
  if (total->n_category_other > 0)
    cell_uint (row, period->n_category_other);
  cell_uint (row, period->n_category_none);
}

static void
measures_row (PmTrends            *trends,
              const PmTrendPeriod *period,
              GPtrArray           *row)
{
  const PmTrendPeriod *total = pm_trends_get_total (trends);

  cell_uint (row, period->n_measures);
  for (guint s = 0; s < PM_TRENDS_N_STATUSES; s++)
    cell_uint (row, period->statuses[s]);
  if (total->n_status_other > 0)
    cell_uint (row, period->n_status_other);
  cell_uint (row, period->n_overdue);
  cell_take (row, pm_trend_format_share (period->n_on_time, period->n_judged));
}

static void
cost_row (PmTrends            *trends,
          const PmTrendPeriod *period,
          GPtrArray           *row)
{
  GString *sums = g_string_new (NULL);

  for (guint i = 0; i < period->costs->len; i++)
    {
      const PmTrendCost *cost = period->costs->pdata[i];
      g_autofree char *currency = clean_line (cost->currency);
      g_autofree char *money = pm_export_format_money (cost->amount, *currency ? currency : NULL);

      if (i > 0)
        g_string_append (sums, "; ");
      /* Translators: a sum of costs and how many incidents it is from, e.g. "EUR 186,000 (3)" */
      g_string_append_printf (sums, _("%s (%u)"), money, cost->n_incidents);
    }
  cell_take (row, sums->len > 0 ? g_string_free (sums, FALSE) : (g_string_free (sums, TRUE), g_strdup ("–")));
  cell_take (row, g_strdup_printf (_("%u of %u"), period->n_cost, period->n_incidents));
  if (period->n_effort > 0)
    {
      g_autofree char *number = pm_export_format_number (period->effort_hours);

      /* Translators: person-hours of effort, e.g. "120 h" */
      cell_take (row, g_strdup_printf (_("%s h"), number));
    }
  else
    cell_take (row, g_strdup ("–"));
  cell_take (row, g_strdup_printf (_("%u of %u"), period->n_effort, period->n_incidents));
}

PmTrendTable *
pm_trend_report_build_table (PmTrends         *trends,
                             PmTrendTableKind  kind)
{
  PmTrendTable *table;
  const PmTrendPeriod *total;
  gboolean too_few = FALSE;

  g_return_val_if_fail (PM_IS_TRENDS (trends), NULL);

  table = table_new ();
  total = pm_trends_get_total (trends);
  if (kind != PM_TREND_TABLE_LIST)
    add_header (table, C_("trends", "Period"));

  switch (kind)
    {
    case PM_TREND_TABLE_INCIDENTS:
      add_header (table, C_("trends", "Incidents"));
      for (guint s = 0; s < PM_TRENDS_N_SEVERITIES; s++)
        add_header (table, severity_header (s));
      if (total->n_severity_other > 0)
        add_header (table, C_("trends", "Other"));
      add_header (table, C_("trends", "Not given"));
      add_period_rows (trends, table, incidents_row, &too_few);
      finish_note (table, too_few, NULL);
      break;

    case PM_TREND_TABLE_RESPONSE:
      add_header (table, C_("trends", "Time to detect (median)"));
      add_header (table, C_("trends", "Incidents with data"));
      add_header (table, C_("trends", "Time to recover (median)"));
      add_header (table, C_("trends", "Incidents with data"));
      add_period_rows (trends, table, response_row, &too_few);
      finish_note (table, too_few, NULL);
      break;

    case PM_TREND_TABLE_PRINCIPLES:
      add_header (table, C_("trends", "Root causes"));
      for (guint p = 0; p < PM_N_PRINCIPLES; p++)
        add_header (table, pm_export_principle_label (p));
      add_period_rows (trends, table, principles_row, &too_few);
      finish_note (table, too_few, C_("trends", "Each cell: contributed / held up."));
      break;

    case PM_TREND_TABLE_CATEGORIES:
      add_header (table, C_("trends", "Root causes"));
      for (guint c = 0; c < PM_TRENDS_N_CATEGORIES; c++)
        add_header (table, pm_export_label (PM_VOCABULARY_CATEGORY,
                                            pm_vocabulary_get_values (PM_VOCABULARY_CATEGORY)[c]));
      if (total->n_category_other > 0)
        add_header (table, C_("trends", "Other"));
      add_header (table, C_("trends", "Not given"));
      add_period_rows (trends, table, categories_row, &too_few);
      finish_note (table, too_few, NULL);
      break;

    case PM_TREND_TABLE_MEASURES:
      add_header (table, C_("trends", "Measures"));
      for (guint s = 0; s < PM_TRENDS_N_STATUSES; s++)
        add_header (table, pm_export_label (PM_VOCABULARY_MEASURE_STATUS,
                                            pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_STATUS)[s]));
      if (total->n_status_other > 0)
        add_header (table, C_("trends", "Other"));
      add_header (table, C_("trends", "Overdue"));
      add_header (table, C_("trends", "Done within due date"));
      add_period_rows (trends, table, measures_row, &too_few);
      finish_note (table, too_few, NULL);
      break;

    case PM_TREND_TABLE_COST:
      add_header (table, C_("trends", "Cost"));
      add_header (table, C_("trends", "Incidents with a cost"));
      add_header (table, C_("trends", "Effort"));
      add_header (table, C_("trends", "Incidents with effort"));
      add_period_rows (trends, table, cost_row, &too_few);
      finish_note (table, too_few, NULL);
      break;

    case PM_TREND_TABLE_LIST:
      add_header (table, C_("trends", "Date"));
      add_header (table, C_("trends", "Period"));
      add_header (table, C_("trends", "Postmortem"));
      add_header (table, C_("trends", "Severity"));
      add_header (table, C_("trends", "File"));
      for (guint i = 0; i < pm_trends_get_n_incidents (trends); i++)
        {
          const PmTrendIncident *incident = pm_trends_get_incident (trends, i);
          const PmTrendPeriod *period = pm_trends_get_period (trends, incident->period);
          GPtrArray *row = row_new ();
          g_autofree char *title = clean_line (incident->title);

          if (incident->date != NULL)
            cell_take (row, pm_export_format_iso_date (incident->date));
          else
            cell_take (row, g_strdup ("–"));
          cell_take (row, pm_trend_period_label (period));
          if (*title == '\0')
            cell_take (row, g_strdup (C_("trends", "Untitled postmortem")));
          else
            cell_take (row, g_steal_pointer (&title));
          cell_take (row, *incident->severity
                          ? clean_line (pm_export_label (PM_VOCABULARY_SEVERITY, incident->severity))
                          : g_strdup ("–"));
          if (incident->read_only)
            {
              g_autofree char *path = clean_line (incident->path);

              /* Translators: a file name, marked as written by a newer Postmortem */
              cell_take (row, g_strdup_printf (_("%s (newer format)"), path));
            }
          else
            cell_take (row, clean_line (incident->path));
          add_row (table, row);
        }
      break;

    case PM_TREND_N_TABLES:
    default:
      g_return_val_if_reached (table);
    }
  return table;
}

const char *
pm_trend_report_get_heading (PmTrendTableKind kind)
{
  switch (kind)
    {
    case PM_TREND_TABLE_INCIDENTS:
      return C_("trends", "Incidents and severity");
    case PM_TREND_TABLE_RESPONSE:
      return C_("trends", "Time to detect and to recover");
    case PM_TREND_TABLE_PRINCIPLES:
      return C_("trends", "Principles");
    case PM_TREND_TABLE_CATEGORIES:
      return C_("trends", "Root-cause categories");
    case PM_TREND_TABLE_MEASURES:
      return C_("trends", "Measures");
    case PM_TREND_TABLE_COST:
      return C_("trends", "Cost and effort");
    case PM_TREND_TABLE_LIST:
      return C_("trends", "The postmortems");
    case PM_TREND_N_TABLES:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
pm_trend_report_get_intro (PmTrendTableKind kind)
{
  switch (kind)
    {
    case PM_TREND_TABLE_INCIDENTS:
      return C_("trends", "How many postmortems each period has, and how severe their incidents were.");
    case PM_TREND_TABLE_RESPONSE:
      return C_("trends", "From the first trigger event to the first detection event, and to the last "
                          "recovery event, counted where the timeline has these events with a known time.");
    case PM_TREND_TABLE_PRINCIPLES:
      return C_("trends", "Counted over root causes: how often each principle contributed to an "
                          "incident, and how often it held up.");
    case PM_TREND_TABLE_CATEGORIES:
      return C_("trends", "Root causes by category.");
    case PM_TREND_TABLE_MEASURES:
      return C_("trends", "Measures by status. Done within due date: measures with a due date that "
                          "were done or verified by then, of those finished with a date in their "
                          "history or past their due date.");
    case PM_TREND_TABLE_COST:
      return C_("trends", "The incidents’ cost, summed per currency (different currencies are never "
                          "added up), and the effort in person-hours, where the postmortem gives them.");
    case PM_TREND_TABLE_LIST:
      return C_("trends", "Every postmortem counted, in the order of their files.");
    case PM_TREND_N_TABLES:
    default:
      g_return_val_if_reached ("");
    }
}

char *
pm_trend_report_describe (PmTrends *trends)
{
  guint n = pm_trends_get_n_incidents (trends);
  guint dated = pm_trend_chart_count_periods (trends);
  g_autofree char *count = NULL;
  g_autofree char *span = NULL;
  g_autofree char *as_of = NULL;
  const char *by;

  g_return_val_if_fail (PM_IS_TRENDS (trends), NULL);

  count = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u postmortem", "%u postmortems", n), n);
  if (dated > 0)
    {
      g_autofree char *first = pm_trend_period_label (pm_trends_get_period (trends, 0));
      g_autofree char *last = pm_trend_period_label (pm_trends_get_period (trends, dated - 1));

      span = dated == 1 ? g_strdup_printf (_("in %s"), first)
                        : g_strdup_printf (_("from %s to %s"), first, last);
    }
  by = pm_trends_get_grouping (trends) == PM_TRENDS_BY_YEAR ? C_("trends", "by year")
                                                            : C_("trends", "by quarter");
  as_of = pm_export_format_date_short (pm_trends_get_now (trends));
  if (span != NULL)
    /* Translators: e.g. "14 postmortems from 2019 to 2024, by year; measures as of 28 Nov 2026." */
    return g_strdup_printf (_("%s %s, %s; measures as of %s."), count, span, by, as_of);
  /* Translators: e.g. "2 postmortems, by year; measures as of 28 Nov 2026." */
  return g_strdup_printf (_("%s, %s; measures as of %s."), count, by, as_of);
}

/* Notes about what the figures leave out: skipped files, newer formats, undated incidents. */
GPtrArray *
pm_trend_report_build_notices (PmTrends *trends)
{
  GPtrArray *notices = g_ptr_array_new_with_free_func (g_free);
  guint n_read_only = pm_trends_get_n_read_only (trends);
  guint n_periods = pm_trends_get_n_periods (trends);
  guint n_skipped = pm_trends_get_n_skipped (trends);

  if (n_skipped > 0)
    g_ptr_array_add (notices,
                     g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                                 "%u file was skipped because it could not be read as a postmortem (listed at the end).",
                                                 "%u files were skipped because they could not be read as postmortems (listed at the end).",
                                                 n_skipped), n_skipped));
  if (n_read_only > 0)
    g_ptr_array_add (notices,
                     g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                                 "%u file was written by a newer version of Postmortem; it is counted with what this version understands.",
                                                 "%u files were written by a newer version of Postmortem; they are counted with what this version understands.",
                                                 n_read_only), n_read_only));
  if (n_periods > 0 && pm_trends_get_period (trends, n_periods - 1)->undated)
    {
      guint n = pm_trends_get_period (trends, n_periods - 1)->n_incidents;

      g_ptr_array_add (notices,
                       g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                                   "%u incident has no date (no start and no event with a known time): it is counted under “Undated” and left out of the charts.",
                                                   "%u incidents have no date (no start and no event with a known time): they are counted under “Undated” and left out of the charts.",
                                                   n), n));
    }
  return notices;
}

char *
pm_trend_report_format_repeat (PmTrends            *trends,
                               const PmTrendRepeat *repeat)
{
  if (repeat->kind == PM_TREND_REPEAT_SIMILAR_TITLE)
    {
      g_autofree char *title = clean_line (g_array_index (repeat->occurrences, PmTrendOccurrence, 0).title);

      /* Translators: a root cause found in several incidents: “Title” — in 3 incidents */
      return g_strdup_printf (dngettext (GETTEXT_PACKAGE, "“%s” — in %u incident", "“%s” — in %u incidents",
                                         repeat->n_incidents), title, repeat->n_incidents);
    }
  /* Translators: e.g. "Rigor contributed, category Technical — in 4 incidents" */
  return g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                     "%s contributed, category %s — in %u incident",
                                     "%s contributed, category %s — in %u incidents",
                                     repeat->n_incidents),
                          pm_export_principle_label (repeat->principle),
                          pm_export_label (PM_VOCABULARY_CATEGORY, repeat->category),
                          repeat->n_incidents);
}

/* One occurrence: "2022: Leaked deploy key — “Keys never rotated”". */
char *
pm_trend_report_format_occurrence (PmTrends                *trends,
                                   const PmTrendOccurrence *occurrence)
{
  const PmTrendIncident *incident = pm_trends_get_incident (trends, occurrence->incident);
  g_autofree char *period = pm_trend_period_label (pm_trends_get_period (trends, incident->period));
  g_autofree char *title = clean_line (incident->title);
  g_autofree char *cause = clean_line (occurrence->title);
  g_autofree char *path = clean_line (incident->path);

  /* Translators: where a repeated root cause occurs: period, postmortem, root cause, file */
  return g_strdup_printf (_("%s: %s — “%s” (%s)"), period,
                          *title ? title : C_("trends", "Untitled postmortem"), cause, path);
}

/* ------------------------------------------------------------------------------------------ */
/* Markdown                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
md_text (GString    *out,
         const char *text)
{
  pm_markdown_escape (out, text, FALSE);
}

static void
md_paragraph (GString    *out,
              const char *text)
{
  md_text (out, text);
  g_string_append (out, "\n\n");
}

static void
md_heading (GString    *out,
            int         level,
            const char *text)
{
  for (int i = 0; i < level; i++)
    g_string_append_c (out, '#');
  g_string_append_c (out, ' ');
  md_text (out, text);
  g_string_append (out, "\n\n");
}

static void
md_table (GString      *out,
          PmTrendTable *table)
{
  g_string_append (out, "|");
  for (guint i = 0; i < table->headers->len; i++)
    {
      g_string_append_c (out, ' ');
      pm_markdown_escape (out, table->headers->pdata[i], TRUE);
      g_string_append (out, " |");
    }
  g_string_append (out, "\n|");
  for (guint i = 0; i < table->headers->len; i++)
    g_string_append (out, i == 0 ? " --- |" : " ---: |");
  g_string_append_c (out, '\n');
  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = table->rows->pdata[r];

      g_string_append (out, "|");
      for (guint i = 0; cells[i] != NULL; i++)
        {
          g_string_append_c (out, ' ');
          pm_markdown_escape (out, cells[i], TRUE);
          g_string_append (out, " |");
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
  if (table->note != NULL)
    md_paragraph (out, table->note);
}

static void
md_repeats (GString  *out,
            PmTrends *trends)
{
  guint shown[2] = { 0, 0 }, total[2] = { 0, 0 };

  md_heading (out, 2, C_("trends", "Repeated root causes"));
  md_paragraph (out, C_("trends", "The same lesson in more than one incident: root causes with similar "
                                  "titles, and the same principle contributing in root causes of the same "
                                  "category."));
  for (guint i = 0; i < pm_trends_get_n_repeats (trends); i++)
    total[pm_trends_get_repeat (trends, i)->kind]++;
  if (total[0] + total[1] == 0)
    {
      md_paragraph (out, C_("trends", "No root cause occurs in more than one incident."));
      return;
    }

  for (guint i = 0; i < pm_trends_get_n_repeats (trends); i++)
    {
      const PmTrendRepeat *repeat = pm_trends_get_repeat (trends, i);
      g_autofree char *heading = NULL;

      if (shown[repeat->kind] == 0)
        md_heading (out, 3, repeat->kind == PM_TREND_REPEAT_SIMILAR_TITLE
                              ? C_("trends", "Similar root causes")
                              : C_("trends", "Same principle and category"));
      if (shown[repeat->kind]++ == MAX_REPEATS)
        {
          g_autofree char *more = g_strdup_printf (_("And %u more."),
                                                   total[repeat->kind] - MAX_REPEATS);
          md_paragraph (out, more);
          continue;
        }
      if (shown[repeat->kind] > MAX_REPEATS)
        continue;

      heading = pm_trend_report_format_repeat (trends, repeat);
      g_string_append (out, "- **");
      md_text (out, heading);
      g_string_append (out, "**\n");
      for (guint o = 0; o < repeat->occurrences->len; o++)
        {
          g_autofree char *text = NULL;

          g_string_append (out, "  - ");
          if (o == MAX_OCCURRENCES)
            {
              g_autofree char *more = g_strdup_printf (_("And %u more."),
                                                       repeat->occurrences->len - MAX_OCCURRENCES);
              md_text (out, more);
              g_string_append_c (out, '\n');
              break;
            }
          text = pm_trend_report_format_occurrence (trends, &g_array_index (repeat->occurrences, PmTrendOccurrence, o));
          md_text (out, text);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_c (out, '\n');
}

static void
md_skipped (GString  *out,
            PmTrends *trends)
{
  if (pm_trends_get_n_skipped (trends) == 0)
    return;
  md_heading (out, 2, C_("trends", "Skipped files"));
  for (guint i = 0; i < pm_trends_get_n_skipped (trends); i++)
    {
      const PmTrendSkipped *skipped = pm_trends_get_skipped (trends, i);
      g_autofree char *message = clean_line (skipped->message);

      g_string_append (out, "- ");
      md_text (out, message);
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

char *
pm_trend_report_write_markdown (PmTrends *trends)
{
  GString *out = g_string_new (NULL);
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) notices = NULL;

  g_return_val_if_fail (PM_IS_TRENDS (trends), NULL);

  md_heading (out, 1, C_("trends", "Trends across postmortems"));
  description = pm_trend_report_describe (trends);
  md_paragraph (out, description);
  notices = pm_trend_report_build_notices (trends);
  for (guint i = 0; i < notices->len; i++)
    {
      g_string_append (out, "> ");
      md_text (out, notices->pdata[i]);
      g_string_append (out, "\n>\n");
    }
  if (notices->len > 0)
    {
      g_string_truncate (out, out->len - 2);
      g_string_append_c (out, '\n');
    }

  for (PmTrendTableKind kind = 0; kind < PM_TREND_N_TABLES; kind++)
    {
      g_autoptr(PmTrendTable) table = NULL;

      if (kind == PM_TREND_TABLE_LIST)
        md_repeats (out, trends);
      table = pm_trend_report_build_table (trends, kind);
      md_heading (out, 2, pm_trend_report_get_heading (kind));
      md_paragraph (out, pm_trend_report_get_intro (kind));
      md_table (out, table);
    }
  md_skipped (out, trends);

  /* One "\n" at the end. */
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* PDF                                                                                         */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  PmTrends             *trends;
  PmPdfFlow            *flow;
  double                width;
  PangoFontDescription *title;
  PangoFontDescription *h2;
  PangoFontDescription *h3;
  PangoFontDescription *body;
  PangoFontDescription *body_bold;
  PangoFontDescription *small;
  PangoFontDescription *table;
  PangoFontDescription *table_bold;
  PangoFontDescription *header;
  PmTrendChartStyle     style;
} Builder;

typedef struct
{
  PmTrends         *trends;
  PmTrendChartKind  kind;
  guint             first;
  guint             n;
  PmTrendChartStyle style;
} Figure;

static PangoFontDescription *
font (const char *description)
{
  g_autofree char *full = g_strdup_printf (FAMILY " %s", description);

  return pango_font_description_from_string (full);
}

static char *
clean_layout (const char *text)
{
  return pm_export_clean_text (text, PM_CLEAN_SINGLE_LINE | PM_CLEAN_FOR_LAYOUT);
}

static PmPdfRow *
text_row (Builder                    *b,
          const char                 *text,
          const PangoFontDescription *f,
          PmRgb                       color,
          double                      indent,
          double                      space_before)
{
  g_autofree char *clean = clean_layout (text);
  g_autoptr(PangoLayout) layout = pm_pdf_flow_create_layout (b->flow, clean, f, b->width - indent, 0);
  PmPdfRow *row = pm_pdf_row_new ();
  PmPdfCell *cell = pm_pdf_row_add_cell (row, indent, b->width - indent, 0);

  pm_pdf_cell_add (cell, layout, &color, NULL, 0, 0);
  pm_pdf_row_set_space_before (row, space_before);
  return row;
}

static void
pdf_heading (Builder    *b,
             int         level,
             const char *text)
{
  PmPdfRow *row = text_row (b, text, level <= 2 ? b->h2 : b->h3, C_TEXT, 0, level <= 2 ? 20 : 10);

  if (level <= 2)
    {
      PmRgb rule = C_RULE;

      pm_pdf_row_set_padding (row, 0, 4);
      pm_pdf_row_set_rule (row, 0, b->width, &rule, 0.7);
    }
  else
    pm_pdf_row_set_padding (row, 0, 2);
  pm_pdf_flow_add_heading (b->flow, row, level <= 2 ? 0 : 1, text);
}

static void
pdf_paragraph (Builder    *b,
               const char *text,
               PmRgb       color,
               double      indent,
               double      space_before)
{
  pm_pdf_flow_add_row (b->flow, text_row (b, text, b->body, color, indent, space_before));
}

/* Column widths: the first (period, date) and any wide text column get more room. */
static void
column_widths (Builder          *b,
               PmTrendTable     *table,
               PmTrendTableKind  kind,
               double           *widths)
{
  guint n = table->headers->len;
  double first = kind == PM_TREND_TABLE_LIST ? 62 : 58;

  if (kind == PM_TREND_TABLE_LIST)
    {
      const double share[] = { 62, 48, 0, 52, 0 };
      double rest = b->width - 62 - 48 - 52;

      for (guint i = 0; i < n; i++)
        widths[i] = share[i] > 0 ? share[i] : (i == 2 ? rest * 0.6 : rest * 0.4);
      return;
    }
  if (kind == PM_TREND_TABLE_COST)
    {
      widths[0] = first;
      widths[1] = (b->width - first) * 0.46;
      for (guint i = 2; i < n; i++)
        widths[i] = (b->width - first - widths[1]) / (n - 2);
      return;
    }
  if (kind == PM_TREND_TABLE_MEASURES)
    {
      double last = 70;

      widths[0] = first;
      widths[n - 1] = last;
      for (guint i = 1; i + 1 < n; i++)
        widths[i] = (b->width - first - last) / (n - 2);
      return;
    }
  widths[0] = first;
  for (guint i = 1; i < n; i++)
    widths[i] = (b->width - first) / (n - 1);
}

static void
pdf_table (Builder          *b,
           PmTrendTable     *table,
           PmTrendTableKind  kind)
{
  guint n = table->headers->len;
  g_autofree double *widths = g_new0 (double, n);
  PmPdfRow *header = pm_pdf_row_new ();
  PmRgb tint = C_TINT, rule = C_RULE, secondary = C_SECONDARY, text = C_TEXT;
  double x = 0;

  column_widths (b, table, kind, widths);
  for (guint i = 0; i < n; i++)
    {
      PmPdfCell *cell = pm_pdf_row_add_cell (header, x, widths[i], 2.5);
      g_autoptr(PangoLayout) layout = pm_pdf_flow_create_layout (b->flow, table->headers->pdata[i],
                                                                 b->header, widths[i] - 5, 0);

      pm_pdf_cell_add (cell, layout, &secondary, NULL, 0, 0);
      x += widths[i];
    }
  pm_pdf_row_set_padding (header, 3, 3);
  pm_pdf_row_set_fill (header, 0, b->width, &tint);
  pm_pdf_row_set_rule (header, 0, b->width, &rule, 0.6);
  pm_pdf_row_set_space_before (header, 6);
  pm_pdf_flow_begin_table (b->flow, header);

  for (guint r = 0; r < table->rows->len; r++)
    {
      char **cells = table->rows->pdata[r];
      PmPdfRow *row = pm_pdf_row_new ();
      gboolean total = kind != PM_TREND_TABLE_LIST && r + 1 == table->rows->len;

      x = 0;
      for (guint i = 0; i < n; i++)
        {
          PmPdfCell *cell = pm_pdf_row_add_cell (row, x, widths[i], 2.5);
          g_autofree char *clean = clean_layout (cells[i]);
          g_autoptr(PangoLayout) layout =
            pm_pdf_flow_create_layout (b->flow, clean, total ? b->table_bold : b->table, widths[i] - 5, 0);

          pm_pdf_cell_add (cell, layout, &text, NULL, 0, 0);
          x += widths[i];
        }
      pm_pdf_row_set_padding (row, 3, 3);
      pm_pdf_row_set_rule (row, 0, b->width, &rule, 0.4);
      if (total)
        pm_pdf_row_set_fill (row, 0, b->width, &tint);
      pm_pdf_flow_add_row (b->flow, row);
    }
  pm_pdf_flow_end_table (b->flow);
  if (table->note != NULL)
    pm_pdf_flow_add_row (b->flow, text_row (b, table->note, b->small, C_SECONDARY, 0, 4));
}

static void
draw_figure (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  data)
{
  Figure *figure = data;

  pm_trend_chart_draw (figure->trends, figure->kind, figure->first, figure->n, cr, NULL,
                       width, height, &figure->style);
}

static void
figure_free (gpointer data)
{
  Figure *figure = data;

  g_object_unref (figure->trends);
  g_free (figure);
}

static void
pdf_chart (Builder          *b,
           PmTrendChartKind  kind)
{
  guint dated = pm_trend_chart_count_periods (b->trends);
  double height = pm_trend_chart_get_height (kind, &b->style);
  g_autofree char *title = g_strdup (pm_trend_chart_get_title (kind, pm_trends_get_grouping (b->trends)));

  if (dated == 0)
    return;
  pdf_heading (b, 3, title);
  for (guint first = 0; first < dated; first += PERIODS_PER_FIGURE)
    {
      Figure *figure = g_new0 (Figure, 1);
      guint n = MIN (PERIODS_PER_FIGURE, dated - first);
      double label = kind == PM_TREND_CHART_PRINCIPLES ? b->style.font_size * 16 : 0;
      /* Few periods make a narrower chart: a bar as wide as a page says nothing more. */
      double width = label + (b->width - label) * MAX (n, 6) / PERIODS_PER_FIGURE;
      double y = pm_pdf_flow_reserve (b->flow, height + 8) + 6;

      figure->trends = g_object_ref (b->trends);
      figure->kind = kind;
      figure->first = first;
      figure->n = n;
      figure->style = b->style;
      pm_pdf_flow_draw_figure (b->flow, pm_pdf_flow_get_left (b->flow), y, width, height,
                               draw_figure, figure, figure_free);
      pm_pdf_flow_set_y (b->flow, y + height + 4);
    }
}

static void
pdf_repeats (Builder *b)
{
  guint shown[2] = { 0, 0 }, total[2] = { 0, 0 };

  pdf_heading (b, 2, C_("trends", "Repeated root causes"));
  pdf_paragraph (b, C_("trends", "The same lesson in more than one incident: root causes with similar "
                                 "titles, and the same principle contributing in root causes of the same "
                                 "category."), C_SECONDARY, 0, 4);
  for (guint i = 0; i < pm_trends_get_n_repeats (b->trends); i++)
    total[pm_trends_get_repeat (b->trends, i)->kind]++;
  if (total[0] + total[1] == 0)
    {
      pdf_paragraph (b, C_("trends", "No root cause occurs in more than one incident."), C_TEXT, 0, 6);
      return;
    }
  for (guint i = 0; i < pm_trends_get_n_repeats (b->trends); i++)
    {
      const PmTrendRepeat *repeat = pm_trends_get_repeat (b->trends, i);
      g_autofree char *heading = NULL;

      if (shown[repeat->kind] == 0)
        pdf_heading (b, 3, repeat->kind == PM_TREND_REPEAT_SIMILAR_TITLE
                             ? C_("trends", "Similar root causes")
                             : C_("trends", "Same principle and category"));
      if (shown[repeat->kind]++ == MAX_REPEATS)
        {
          g_autofree char *more = g_strdup_printf (_("And %u more."), total[repeat->kind] - MAX_REPEATS);

          pdf_paragraph (b, more, C_SECONDARY, 0, 6);
          continue;
        }
      if (shown[repeat->kind] > MAX_REPEATS)
        continue;

      heading = pm_trend_report_format_repeat (b->trends, repeat);
      pm_pdf_flow_add_row (b->flow, text_row (b, heading, b->body_bold, C_TEXT, 0, 8));
      for (guint o = 0; o < repeat->occurrences->len; o++)
        {
          g_autofree char *text = NULL;

          if (o == MAX_OCCURRENCES)
            {
              g_autofree char *more = g_strdup_printf (_("And %u more."),
                                                       repeat->occurrences->len - MAX_OCCURRENCES);
              pdf_paragraph (b, more, C_SECONDARY, 12, 1);
              break;
            }
          text = pm_trend_report_format_occurrence (b->trends, &g_array_index (repeat->occurrences, PmTrendOccurrence, o));
          pm_pdf_flow_add_row (b->flow, text_row (b, text, b->table, C_TEXT, 12, 1));
        }
    }
}

static void
draw_page_number (cairo_t  *cr,
                  guint     page,
                  guint     n_pages,
                  gpointer  user_data)
{
  Builder *b = user_data;
  g_autoptr(PangoLayout) layout = pango_layout_new (pm_pdf_flow_get_context (b->flow));
  g_autofree char *text = g_strdup_printf (_("Page %u of %u"), page + 1, n_pages);
  g_autoptr(PangoLayout) left = pango_layout_new (pm_pdf_flow_get_context (b->flow));
  double page_height = pm_pdf_flow_get_page_height (b->flow);
  int w, h;

  pango_layout_set_font_description (layout, b->small);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &w, &h);
  cairo_set_source_rgb (cr, 0x9a / 255.0, 0x99 / 255.0, 0x96 / 255.0);
  cairo_move_to (cr, MARGIN_X + b->width - (double) w / PANGO_SCALE, page_height - 32);
  pango_cairo_show_layout (cr, layout);

  pango_layout_set_font_description (left, b->small);
  pango_layout_set_text (left, C_("trends", "Trends across postmortems"), -1);
  cairo_move_to (cr, MARGIN_X, page_height - 32);
  pango_cairo_show_layout (cr, left);
}

GBytes *
pm_trend_report_write_pdf (PmTrends  *trends,
                           PmPaper    paper,
                           GError   **error)
{
  Builder b = { 0 };
  double page_width, page_height;
  g_autoptr(GPtrArray) notices = NULL;
  g_autofree char *description = NULL;
  PmPdfMetadata metadata = { 0 };
  GBytes *bytes;

  g_return_val_if_fail (PM_IS_TRENDS (trends), NULL);

  pm_export_paper_get_size (paper, &page_width, &page_height);
  b.trends = trends;
  b.flow = pm_pdf_flow_new (page_width, page_height, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM,
                            pango_language_to_string (pango_language_get_default ()));
  b.width = pm_pdf_flow_get_content_width (b.flow);
  b.title = font ("Bold 21");
  b.h2 = font ("Bold 13.5");
  b.h3 = font ("Bold 10.5");
  b.body = font ("9.5");
  b.body_bold = font ("Bold 9.5");
  b.small = font ("7.5");
  b.table = font ("8");
  b.table_bold = font ("Bold 8");
  b.header = font ("Bold 6.5");
  pm_trend_chart_style_init_print (&b.style);
  pm_pdf_flow_set_page_func (b.flow, draw_page_number, &b);

  /* Title block */
  pm_pdf_flow_add_row (b.flow, text_row (&b, C_("trends", "Trends across postmortems"), b.title, C_TEXT, 0, 0));
  description = pm_trend_report_describe (trends);
  pdf_paragraph (&b, description, C_SECONDARY, 0, 6);
  notices = pm_trend_report_build_notices (trends);
  for (guint i = 0; i < notices->len; i++)
    pdf_paragraph (&b, notices->pdata[i], C_WARNING, 0, i == 0 ? 8 : 3);

  for (PmTrendTableKind kind = 0; kind < PM_TREND_N_TABLES; kind++)
    {
      g_autoptr(PmTrendTable) table = NULL;

      if (kind == PM_TREND_TABLE_LIST)
        pdf_repeats (&b);
      pdf_heading (&b, 2, pm_trend_report_get_heading (kind));
      pdf_paragraph (&b, pm_trend_report_get_intro (kind), C_SECONDARY, 0, 4);
      if (kind == PM_TREND_TABLE_INCIDENTS)
        pdf_chart (&b, PM_TREND_CHART_INCIDENTS);
      else if (kind == PM_TREND_TABLE_RESPONSE)
        {
          pdf_chart (&b, PM_TREND_CHART_DETECT);
          pdf_chart (&b, PM_TREND_CHART_RECOVER);
        }
      else if (kind == PM_TREND_TABLE_PRINCIPLES)
        pdf_chart (&b, PM_TREND_CHART_PRINCIPLES);
      table = pm_trend_report_build_table (trends, kind);
      pdf_table (&b, table, kind);
    }
  if (pm_trends_get_n_skipped (trends) > 0)
    {
      pdf_heading (&b, 2, C_("trends", "Skipped files"));
      for (guint i = 0; i < pm_trends_get_n_skipped (trends); i++)
        pdf_paragraph (&b, pm_trends_get_skipped (trends, i)->message, C_TEXT, 0, 4);
    }

  /* Out to PDF */
  metadata.title = C_("trends", "Trends across postmortems");
  metadata.subject = description;
  metadata.date = pm_trends_get_now (trends);
  bytes = pm_pdf_flow_write_pdf (b.flow, page_width, page_height, &metadata, MARGIN_X, error);

  pm_pdf_flow_free (b.flow);
  pango_font_description_free (b.title);
  pango_font_description_free (b.h2);
  pango_font_description_free (b.h3);
  pango_font_description_free (b.body);
  pango_font_description_free (b.body_bold);
  pango_font_description_free (b.small);
  pango_font_description_free (b.table);
  pango_font_description_free (b.table_bold);
  pango_font_description_free (b.header);

  return bytes;
}
