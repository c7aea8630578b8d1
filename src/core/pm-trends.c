/* pm-trends.c — trends across many postmortems
 *
 * Each file is loaded, condensed into a PmTrendIncident (plus its root causes, for finding
 * repeated lessons) and dropped, so memory grows with the number of incidents, not with their
 * size. Then the incidents are grouped into periods and counted.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pm-document-format.h"
#include "pm-due.h"
#include "pm-error.h"
#include "pm-status-change.h"
#include "pm-text-similarity.h"
#include "pm-trends.h"

/* Empty periods between the first and the last are listed, unless there would be more than
 * this many periods (a file dated in the year 1 should not make 2,000 empty years). */
#define MAX_FILLED_PERIODS 200

typedef struct
{
  guint        incident;
  char        *title;
  char        *category;
  guint        contributed;  /* bit mask of principles */
  gint64      *bigrams;      /* sorted letter pairs of the folded title */
  guint        n_bigrams;
} RootCause;

struct _PmTrends
{
  GObject           parent_instance;

  PmTrendsGrouping  grouping;
  GDateTime        *now;

  GPtrArray        *incidents;   /* PmTrendIncident */
  GPtrArray        *periods;     /* PmTrendPeriod */
  PmTrendPeriod    *total;
  GPtrArray        *skipped;     /* PmTrendSkipped */
  GPtrArray        *repeats;     /* PmTrendRepeat */
  GPtrArray        *root_causes; /* RootCause, while collecting */
  guint             n_read_only;

  /* While collecting: per incident, its times to detect/recover and measure figures */
  GArray           *measure_figures;
};

G_DEFINE_FINAL_TYPE (PmTrends, pm_trends, G_TYPE_OBJECT)

/* What an incident adds to its period's measure counts. */
typedef struct
{
  guint statuses[PM_TRENDS_N_STATUSES];
  guint n_status_other;
  guint n_overdue;
  guint n_on_time;
  guint n_judged;
  guint contributed[PM_N_PRINCIPLES];
  guint held_up[PM_N_PRINCIPLES];
  guint categories[PM_TRENDS_N_CATEGORIES];
  guint n_category_other;
  guint n_category_none;
} Figures;

/* ------------------------------------------------------------------------------------------ */
/* Freeing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
skipped_free (gpointer data)
{
  PmTrendSkipped *skipped = data;

  g_free (skipped->path);
  g_free (skipped->message);
  g_free (skipped);
}

static void
incident_free (gpointer data)
{
  PmTrendIncident *incident = data;

  g_free (incident->path);
  g_free (incident->title);
  g_free (incident->date);
  g_free (incident->severity);
  g_free (incident->cost_currency);
  g_free (incident);
}

static void
cost_free (gpointer data)
{
  PmTrendCost *cost = data;

  g_free (cost->currency);
  g_free (cost);
}

static PmTrendPeriod *
period_new (void)
{
  PmTrendPeriod *period = g_new0 (PmTrendPeriod, 1);

  period->costs = g_ptr_array_new_with_free_func (cost_free);
  period->median_detect = -1;
  period->median_recover = -1;
  return period;
}

static void
period_free (gpointer data)
{
  PmTrendPeriod *period = data;

  g_free (period->key);
  g_ptr_array_unref (period->costs);
  g_free (period);
}

static void
occurrence_clear (gpointer data)
{
  PmTrendOccurrence *occurrence = data;

  g_free (occurrence->title);
}

static PmTrendRepeat *
repeat_new (PmTrendRepeatKind kind)
{
  PmTrendRepeat *repeat = g_new0 (PmTrendRepeat, 1);

  repeat->kind = kind;
  repeat->occurrences = g_array_new (FALSE, TRUE, sizeof (PmTrendOccurrence));
  g_array_set_clear_func (repeat->occurrences, occurrence_clear);
  return repeat;
}

static void
repeat_free (gpointer data)
{
  PmTrendRepeat *repeat = data;

  g_free (repeat->category);
  g_array_unref (repeat->occurrences);
  g_free (repeat);
}

static void
root_cause_free (gpointer data)
{
  RootCause *cause = data;

  g_free (cause->title);
  g_free (cause->category);
  g_free (cause->bigrams);
  g_free (cause);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* ------------------------------------------------------------------------------------------ */
/* Title similarity                                                                            */
/* ------------------------------------------------------------------------------------------ */

double
pm_trends_title_similarity (const char *a,
                            const char *b)
{
  return pm_text_similarity (a, b);
}

/* ------------------------------------------------------------------------------------------ */
/* Finding the files                                                                           */
/* ------------------------------------------------------------------------------------------ */

static void
add_skipped (PmTrends   *self,
             const char *path,
             const char *message)
{
  PmTrendSkipped *skipped = g_new0 (PmTrendSkipped, 1);

  skipped->path = g_filename_display_name (path);
  skipped->message = g_strdup (message);
  g_ptr_array_add (self->skipped, skipped);
}

/* Adds the .pmortem files under the folder @path to @files (a set of absolute paths). */
static void
walk_folder (PmTrends     *self,
             const char   *path,
             guint         depth,
             GHashTable   *files,
             GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  const char *name;

  if (dir == NULL)
    {
      add_skipped (self, path, error->message);
      return;
    }
  /* Deeper than any real archive; guards against bind-mount loops. */
  if (depth > 32)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        return;
      /* Hidden entries: .git, editors' lock and temporary files. */
      if (name[0] == '.')
        continue;
      child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        {
          /* A link to a file counts; a link to a folder could loop. */
          if (g_str_has_suffix (name, PM_FILE_EXTENSION) && g_file_test (child, G_FILE_TEST_IS_REGULAR))
            g_hash_table_add (files, g_steal_pointer (&child));
        }
      else if (g_file_test (child, G_FILE_TEST_IS_DIR))
        walk_folder (self, child, depth + 1, files, cancellable);
      else if (g_str_has_suffix (name, PM_FILE_EXTENSION))
        g_hash_table_add (files, g_steal_pointer (&child));
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* ------------------------------------------------------------------------------------------ */
/* Condensing one document                                                                     */
/* ------------------------------------------------------------------------------------------ */

static int
index_in (PmVocabulary  vocabulary,
          const char   *value)
{
  const char * const *values = pm_vocabulary_get_values (vocabulary);

  for (int i = 0; values[i] != NULL; i++)
    if (g_strcmp0 (values[i], value) == 0)
      return i;
  return -1;
}

/* The date the incident belongs to, in the document's zone (else the time's own offset). */
static GDateTime *
incident_date (PmDocument *document)
{
  const PmTime *when = pm_document_get_start (document);
  GListModel *events = pm_document_get_events (document);
  g_autoptr(GTimeZone) zone = NULL;
  const char *zone_name = pm_document_get_timezone (document);

  if (when == NULL)
    for (guint i = 0; i < g_list_model_get_n_items (events); i++)
      {
        g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
        const PmTime *time = pm_event_get_time (event);

        if (time != NULL && (when == NULL || pm_time_get_unix (time) < pm_time_get_unix (when)))
          when = time;
      }
  if (when == NULL)
    return NULL;

  if (zone_name != NULL && *zone_name != '\0')
    zone = pm_time_zone_new (zone_name, NULL);
  return pm_time_to_date_time (when, zone);
}

static void
response_times (PmDocument *document,
                gint64     *to_detect,
                gint64     *to_recover)
{
  GListModel *events = pm_document_get_events (document);
  gboolean trigger = FALSE, detection = FALSE, recovery = FALSE;
  gint64 first_trigger = 0, first_detection = 0, last_recovery = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      const PmTime *time = pm_event_get_time (event);
      const char *kind = pm_event_get_kind (event);
      gint64 t;

      if (time == NULL)
        continue;
      t = pm_time_get_unix (time);
      if (g_str_equal (kind, "trigger") && (!trigger || t < first_trigger))
        {
          trigger = TRUE;
          first_trigger = t;
        }
      else if (g_str_equal (kind, "detection") && (!detection || t < first_detection))
        {
          detection = TRUE;
          first_detection = t;
        }
      else if (g_str_equal (kind, "recovery") && (!recovery || t > last_recovery))
        {
          recovery = TRUE;
          last_recovery = t;
        }
    }

  *to_detect = trigger && detection && first_detection >= first_trigger
    ? first_detection - first_trigger : -1;
  *to_recover = trigger && recovery && last_recovery >= first_trigger
    ? last_recovery - first_trigger : -1;
}

/* The calendar date a measure first reached done or verified, "YYYY-MM-DD"; NULL when its
 * history does not say. */
static char *
finished_on (PmMeasure *measure,
             GTimeZone *zone)
{
  GListModel *history = pm_measure_get_history (measure);

  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(PmStatusChange) change = g_list_model_get_item (history, i);
      const char *to = pm_status_change_get_to (change);
      const PmTime *time = pm_status_change_get_time (change);

      if (time != NULL && (g_strcmp0 (to, "done") == 0 || g_strcmp0 (to, "verified") == 0))
        {
          g_autoptr(GDateTime) date_time = pm_time_to_date_time (time, zone);

          return g_date_time_format (date_time, "%Y-%m-%d");
        }
    }
  return NULL;
}

static gboolean
valid_iso_date (const char *text)
{
  GDate date;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  return g_date_valid (&date) && g_ascii_isdigit (text[0]);
}

static void
count_measures (PmDocument *document,
                GDateTime  *now,
                Figures    *figures)
{
  GListModel *measures = pm_document_get_measures (document);
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (document);

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      const char *status = pm_measure_get_status (measure);
      const char *due = pm_measure_get_due (measure);
      int s = index_in (PM_VOCABULARY_MEASURE_STATUS, status);
      gboolean finished = g_strcmp0 (status, "done") == 0 || g_strcmp0 (status, "verified") == 0;

      if (s >= 0 && s < PM_TRENDS_N_STATUSES)
        figures->statuses[s]++;
      else
        figures->n_status_other++;

      if (pm_due_get_state (due, status, now, zone) == PM_DUE_OVERDUE)
        {
          figures->n_overdue++;
          figures->n_judged++;
        }
      else if (finished && valid_iso_date (due))
        {
          g_autofree char *on = finished_on (measure, zone);

          if (on != NULL)
            {
              figures->n_judged++;
              /* ISO dates compare as strings. */
              if (strcmp (on, due) <= 0)
                figures->n_on_time++;
            }
        }
    }
}

static void
count_root_causes (PmTrends   *self,
                   PmDocument *document,
                   guint       incident,
                   Figures    *figures)
{
  GListModel *causes = pm_document_get_root_causes (document);

  for (guint i = 0; i < g_list_model_get_n_items (causes); i++)
    {
      g_autoptr(PmRootCause) cause = g_list_model_get_item (causes, i);
      const char *category = pm_root_cause_get_category (cause);
      RootCause *kept = g_new0 (RootCause, 1);
      int c = index_in (PM_VOCABULARY_CATEGORY, category);

      if (category == NULL || *category == '\0')
        figures->n_category_none++;
      else if (c >= 0 && c < PM_TRENDS_N_CATEGORIES)
        figures->categories[c]++;
      else
        figures->n_category_other++;

      for (guint p = 0; p < PM_N_PRINCIPLES; p++)
        {
          const char *verdict = pm_assessment_get_verdict (pm_root_cause_get_assessment (cause, p));

          if (g_strcmp0 (verdict, "contributed") == 0)
            {
              figures->contributed[p]++;
              kept->contributed |= 1u << p;
            }
          else if (g_strcmp0 (verdict, "held-up") == 0)
            figures->held_up[p]++;
        }

      kept->incident = incident;
      kept->title = g_strdup (pm_root_cause_get_title (cause));
      kept->category = g_strdup (category ? category : "");
      kept->bigrams = pm_text_bigrams (kept->title, &kept->n_bigrams);
      g_ptr_array_add (self->root_causes, kept);
    }
}

static void
add_document (PmTrends   *self,
              PmDocument *document,
              const char *path)
{
  PmTrendIncident *incident = g_new0 (PmTrendIncident, 1);
  g_autoptr(GDateTime) date = incident_date (document);
  const char *severity = pm_document_get_field (document, PM_FIELD_SEVERITY);
  const char *currency = pm_document_get_field (document, PM_FIELD_COST_CURRENCY);
  Figures figures = { 0 };

  incident->path = g_filename_display_name (path);
  incident->title = g_strdup (pm_document_get_title (document));
  incident->date = date ? g_date_time_format (date, "%Y-%m-%d") : NULL;
  incident->severity = g_strdup (severity ? severity : "");
  response_times (document, &incident->time_to_detect, &incident->time_to_recover);
  incident->cost_amount = pm_document_get_cost_amount (document);
  incident->cost_currency = g_strdup (currency ? currency : "");
  incident->effort_hours = pm_document_get_effort_hours (document);
  incident->n_root_causes = g_list_model_get_n_items (pm_document_get_root_causes (document));
  incident->n_measures = g_list_model_get_n_items (pm_document_get_measures (document));
  incident->read_only = pm_document_get_read_only (document);
  if (incident->read_only)
    self->n_read_only++;

  count_measures (document, self->now, &figures);
  count_root_causes (self, document, self->incidents->len, &figures);
  g_array_append_val (self->measure_figures, figures);
  g_ptr_array_add (self->incidents, incident);
}

/* ------------------------------------------------------------------------------------------ */
/* Periods                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* A number that orders periods: year * 4 + quarter - 1 (by quarter) or the year. */
static gint64
period_number (PmTrends   *self,
               const char *date)
{
  int year = atoi (date);
  int month = atoi (date + 5);

  if (self->grouping == PM_TRENDS_BY_QUARTER)
    return (gint64) year * 4 + (month - 1) / 3;
  return year;
}

static PmTrendPeriod *
period_for_number (PmTrends *self,
                   gint64    number)
{
  PmTrendPeriod *period = period_new ();

  if (self->grouping == PM_TRENDS_BY_QUARTER)
    {
      period->year = (int) (number / 4);
      period->quarter = (guint) (number % 4) + 1;
      period->key = g_strdup_printf ("%04d-Q%u", period->year, period->quarter);
    }
  else
    {
      period->year = (int) number;
      period->key = g_strdup_printf ("%04d", period->year);
    }
  return period;
}

static int
compare_seconds (gconstpointer a,
                 gconstpointer b)
{
  return compare_gint64 (a, b);
}

static gint64
median (GArray *values)
{
  gint64 *v;
  guint n = values->len;

  if (n == 0)
    return -1;
  g_array_sort (values, compare_seconds);
  v = (gint64 *) values->data;
  if (n % 2 == 1)
    return v[n / 2];
  /* Without overflow: both are at most a few centuries in seconds. */
  return (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
compare_costs (gconstpointer a,
               gconstpointer b)
{
  const PmTrendCost *x = *(const PmTrendCost * const *) a;
  const PmTrendCost *y = *(const PmTrendCost * const *) b;

  return strcmp (x->currency, y->currency);
}

/* Adds incident @index to @period. */
static void
count_incident (PmTrends      *self,
                PmTrendPeriod *period,
                guint          index,
                GArray        *detect,
                GArray        *recover)
{
  const PmTrendIncident *incident = self->incidents->pdata[index];
  const Figures *f = &g_array_index (self->measure_figures, Figures, index);
  int s = index_in (PM_VOCABULARY_SEVERITY, incident->severity);

  period->n_incidents++;
  if (incident->read_only)
    period->n_read_only++;
  if (*incident->severity == '\0')
    period->n_severity_none++;
  else if (s >= 0 && s < PM_TRENDS_N_SEVERITIES)
    period->severities[s]++;
  else
    period->n_severity_other++;

  if (incident->time_to_detect >= 0)
    g_array_append_val (detect, incident->time_to_detect);
  if (incident->time_to_recover >= 0)
    g_array_append_val (recover, incident->time_to_recover);

  period->n_root_causes += incident->n_root_causes;
  for (guint p = 0; p < PM_N_PRINCIPLES; p++)
    {
      period->contributed[p] += f->contributed[p];
      period->held_up[p] += f->held_up[p];
    }
  for (guint c = 0; c < PM_TRENDS_N_CATEGORIES; c++)
    period->categories[c] += f->categories[c];
  period->n_category_other += f->n_category_other;
  period->n_category_none += f->n_category_none;

  period->n_measures += incident->n_measures;
  for (guint st = 0; st < PM_TRENDS_N_STATUSES; st++)
    period->statuses[st] += f->statuses[st];
  period->n_status_other += f->n_status_other;
  period->n_overdue += f->n_overdue;
  period->n_on_time += f->n_on_time;
  period->n_judged += f->n_judged;

  if (incident->cost_amount >= 0)
    {
      PmTrendCost *cost = NULL;

      for (guint i = 0; i < period->costs->len && cost == NULL; i++)
        if (g_str_equal (((PmTrendCost *) period->costs->pdata[i])->currency, incident->cost_currency))
          cost = period->costs->pdata[i];
      if (cost == NULL)
        {
          cost = g_new0 (PmTrendCost, 1);
          cost->currency = g_strdup (incident->cost_currency);
          g_ptr_array_add (period->costs, cost);
          g_ptr_array_sort (period->costs, compare_costs);
        }
      /* Amounts are within ±(2^53 − 1) each; saturate rather than wrap on absurd sums. */
      if ((incident->cost_amount > 0 && cost->amount > G_MAXINT64 - incident->cost_amount) ||
          (incident->cost_amount < 0 && cost->amount < G_MININT64 - incident->cost_amount))
        cost->amount = incident->cost_amount > 0 ? G_MAXINT64 : G_MININT64;
      else
        cost->amount += incident->cost_amount;
      cost->n_incidents++;
      period->n_cost++;
    }
  if (incident->effort_hours >= 0)
    {
      period->effort_hours += incident->effort_hours;
      period->n_effort++;
    }
}

static void
finish_period (PmTrendPeriod *period,
               GArray        *detect,
               GArray        *recover)
{
  period->n_detect = detect->len;
  period->median_detect = median (detect);
  period->n_recover = recover->len;
  period->median_recover = median (recover);
  period->too_few = period->n_incidents < PM_TRENDS_TOO_FEW;
}

static void
build_periods (PmTrends *self)
{
  g_autoptr(GHashTable) by_number = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree gint64 *numbers = g_new0 (gint64, MAX (self->incidents->len, 1));
  gboolean any_dated = FALSE, any_undated = FALSE;
  gint64 first = 0, last = 0;
  g_autoptr(GPtrArray) detects = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) recovers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) all_detect = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) all_recover = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) distinct = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->incidents->len; i++)
    {
      PmTrendIncident *incident = self->incidents->pdata[i];

      if (incident->date == NULL)
        {
          any_undated = TRUE;
          continue;
        }
      numbers[i] = period_number (self, incident->date);
      if (!any_dated || numbers[i] < first)
        first = numbers[i];
      if (!any_dated || numbers[i] > last)
        last = numbers[i];
      any_dated = TRUE;
      g_array_append_val (distinct, numbers[i]);
    }

  if (any_dated && last - first < MAX_FILLED_PERIODS)
    {
      g_array_set_size (distinct, 0);
      for (gint64 n = first; n <= last; n++)
        g_array_append_val (distinct, n);
    }
  else
    g_array_sort (distinct, compare_gint64);

  for (guint i = 0; i < distinct->len; i++)
    {
      gint64 n = g_array_index (distinct, gint64, i);

      if (i > 0 && n == g_array_index (distinct, gint64, i - 1))
        continue;
      g_ptr_array_add (self->periods, period_for_number (self, n));
      g_ptr_array_add (detects, g_array_new (FALSE, FALSE, sizeof (gint64)));
      g_ptr_array_add (recovers, g_array_new (FALSE, FALSE, sizeof (gint64)));
      g_hash_table_insert (by_number, &g_array_index (distinct, gint64, i),
                           GUINT_TO_POINTER (self->periods->len - 1));
    }
  if (any_undated)
    {
      PmTrendPeriod *undated = period_new ();

      undated->key = g_strdup ("");
      undated->undated = TRUE;
      g_ptr_array_add (self->periods, undated);
      g_ptr_array_add (detects, g_array_new (FALSE, FALSE, sizeof (gint64)));
      g_ptr_array_add (recovers, g_array_new (FALSE, FALSE, sizeof (gint64)));
    }

  for (guint i = 0; i < self->incidents->len; i++)
    {
      PmTrendIncident *incident = self->incidents->pdata[i];
      guint p = incident->date == NULL
        ? self->periods->len - 1
        : GPOINTER_TO_UINT (g_hash_table_lookup (by_number, &numbers[i]));

      incident->period = p;
      count_incident (self, self->periods->pdata[p], i, detects->pdata[p], recovers->pdata[p]);
      count_incident (self, self->total, i, all_detect, all_recover);
    }
  for (guint p = 0; p < self->periods->len; p++)
    finish_period (self->periods->pdata[p], detects->pdata[p], recovers->pdata[p]);
  finish_period (self->total, all_detect, all_recover);
  self->total->key = g_strdup ("");
}

/* ------------------------------------------------------------------------------------------ */
/* Repeated root causes                                                                        */
/* ------------------------------------------------------------------------------------------ */

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static int
compare_occurrences (gconstpointer a,
                     gconstpointer b)
{
  const PmTrendOccurrence *x = a, *y = b;

  return x->incident < y->incident ? -1 : x->incident > y->incident;
}

static guint
count_distinct_incidents (GArray *occurrences)
{
  guint n = 0;

  for (guint i = 0; i < occurrences->len; i++)
    if (i == 0 || g_array_index (occurrences, PmTrendOccurrence, i).incident !=
                  g_array_index (occurrences, PmTrendOccurrence, i - 1).incident)
      n++;
  return n;
}

static int
compare_repeats (gconstpointer a,
                 gconstpointer b)
{
  const PmTrendRepeat *x = *(const PmTrendRepeat * const *) a;
  const PmTrendRepeat *y = *(const PmTrendRepeat * const *) b;
  guint fx = g_array_index (x->occurrences, PmTrendOccurrence, 0).incident;
  guint fy = g_array_index (y->occurrences, PmTrendOccurrence, 0).incident;

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (x->n_incidents != y->n_incidents)
    return x->n_incidents > y->n_incidents ? -1 : 1;
  if (x->kind == PM_TREND_REPEAT_PRINCIPLE_CATEGORY)
    {
      if (x->principle != y->principle)
        return x->principle < y->principle ? -1 : 1;
      return strcmp (x->category, y->category);
    }
  return fx < fy ? -1 : fx > fy;
}

static void
add_occurrence (PmTrendRepeat *repeat,
                RootCause     *cause)
{
  PmTrendOccurrence occurrence = { cause->incident, g_strdup (cause->title) };

  g_array_append_val (repeat->occurrences, occurrence);
}

static void
find_repeats (PmTrends *self)
{
  guint n = self->root_causes->len;
  g_autofree guint *parent = g_new (guint, MAX (n, 1));
  g_autoptr(GHashTable) groups = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) patterns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();

  for (guint i = 0; i < n; i++)
    parent[i] = i;

  /* Similar titles, across different incidents. */
  for (guint i = 0; i < n; i++)
    {
      RootCause *a = self->root_causes->pdata[i];

      if (a->n_bigrams < 3)
        continue;  /* too short to say anything */
      for (guint j = i + 1; j < n; j++)
        {
          RootCause *b = self->root_causes->pdata[j];
          guint lo = MIN (a->n_bigrams, b->n_bigrams), total = a->n_bigrams + b->n_bigrams;

          if (b->incident == a->incident || b->n_bigrams < 3)
            continue;
          /* 2·common/total can only reach the threshold when the shorter is long enough. */
          if (2.0 * lo < PM_TRENDS_SIMILAR_TITLE * total)
            continue;
          if (find_root (parent, i) == find_root (parent, j))
            continue;
          if (pm_text_bigram_similarity (a->bigrams, a->n_bigrams, b->bigrams, b->n_bigrams)
              >= PM_TRENDS_SIMILAR_TITLE)
            parent[find_root (parent, j)] = find_root (parent, i);
        }
    }
  for (guint i = 0; i < n; i++)
    {
      guint root = find_root (parent, i);
      PmTrendRepeat *repeat = g_hash_table_lookup (groups, GUINT_TO_POINTER (root + 1));

      if (repeat == NULL)
        {
          repeat = repeat_new (PM_TREND_REPEAT_SIMILAR_TITLE);
          g_hash_table_insert (groups, GUINT_TO_POINTER (root + 1), repeat);
          g_ptr_array_add (ordered, repeat);
        }
      add_occurrence (repeat, self->root_causes->pdata[i]);
    }

  /* The same principle contributed in root causes of the same category. */
  for (guint i = 0; i < n; i++)
    {
      RootCause *cause = self->root_causes->pdata[i];

      if (*cause->category == '\0')
        continue;
      for (guint p = 0; p < PM_N_PRINCIPLES; p++)
        {
          g_autofree char *key = NULL;
          PmTrendRepeat *repeat;

          if (!(cause->contributed & (1u << p)))
            continue;
          key = g_strdup_printf ("%u\n%s", p, cause->category);
          if ((repeat = g_hash_table_lookup (patterns, key)) == NULL)
            {
              repeat = repeat_new (PM_TREND_REPEAT_PRINCIPLE_CATEGORY);
              repeat->principle = p;
              repeat->category = g_strdup (cause->category);
              g_hash_table_insert (patterns, g_steal_pointer (&key), repeat);
              g_ptr_array_add (ordered, repeat);
            }
          add_occurrence (repeat, cause);
        }
    }

  for (guint i = 0; i < ordered->len; i++)
    {
      PmTrendRepeat *repeat = ordered->pdata[i];

      g_array_sort (repeat->occurrences, compare_occurrences);
      repeat->n_incidents = count_distinct_incidents (repeat->occurrences);
      if (repeat->n_incidents >= 2)
        g_ptr_array_add (self->repeats, repeat);
      else
        repeat_free (repeat);
    }
  g_ptr_array_sort (self->repeats, compare_repeats);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_trends_finalize (GObject *object)
{
  PmTrends *self = (PmTrends *) object;

  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->incidents, g_ptr_array_unref);
  g_clear_pointer (&self->periods, g_ptr_array_unref);
  g_clear_pointer (&self->total, period_free);
  g_clear_pointer (&self->skipped, g_ptr_array_unref);
  g_clear_pointer (&self->repeats, g_ptr_array_unref);
  g_clear_pointer (&self->root_causes, g_ptr_array_unref);
  g_clear_pointer (&self->measure_figures, g_array_unref);

  G_OBJECT_CLASS (pm_trends_parent_class)->finalize (object);
}

static void
pm_trends_class_init (PmTrendsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pm_trends_finalize;
}

static void
pm_trends_init (PmTrends *self)
{
  self->incidents = g_ptr_array_new_with_free_func (incident_free);
  self->periods = g_ptr_array_new_with_free_func (period_free);
  self->total = period_new ();
  self->skipped = g_ptr_array_new_with_free_func (skipped_free);
  self->repeats = g_ptr_array_new_with_free_func (repeat_free);
  self->root_causes = g_ptr_array_new_with_free_func (root_cause_free);
  self->measure_figures = g_array_new (FALSE, TRUE, sizeof (Figures));
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmTrends *
pm_trends_collect (const char * const *paths,
                   PmTrendsGrouping     grouping,
                   GDateTime           *now,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(PmTrends) self = NULL;
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char **sorted = NULL;
  guint n_files;

  g_return_val_if_fail (paths != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (PM_TYPE_TRENDS, NULL);
  self->grouping = grouping;
  self->now = now ? g_date_time_ref (now) : g_date_time_new_now_utc ();

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *absolute = g_canonicalize_filename (paths[i], NULL);

      if (g_file_test (absolute, G_FILE_TEST_IS_DIR))
        walk_folder (self, absolute, 0, files, cancellable);
      else if (g_file_test (absolute, G_FILE_TEST_EXISTS))
        g_hash_table_add (files, g_steal_pointer (&absolute));
      else
        {
          g_autofree char *display = g_filename_display_name (paths[i]);

          g_set_error (error, PM_ERROR, PM_ERROR_IO, _("“%s”: no such file or folder"), display);
          return NULL;
        }
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  sorted = (char **) g_hash_table_get_keys_as_array (files, &n_files);
  qsort (sorted, n_files, sizeof (char *), compare_paths);

  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GError) load_error = NULL;
      g_autoptr(PmDocument) document = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (i == PM_TRENDS_MAX_FILES)
        {
          g_autofree char *message =
            g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u more file was not read: at most %u files are read at once",
                                          "%u more files were not read: at most %u files are read at once",
                                          n_files - i),
                             n_files - i, PM_TRENDS_MAX_FILES);

          add_skipped (self, sorted[i], message);
          break;
        }

      document = pm_document_load_from_file (sorted[i], &load_error);
      if (document == NULL)
        add_skipped (self, sorted[i], load_error->message);
      else
        add_document (self, document, sorted[i]);
    }

  build_periods (self);
  find_repeats (self);
  g_clear_pointer (&self->root_causes, g_ptr_array_unref);
  g_clear_pointer (&self->measure_figures, g_array_unref);
  return g_steal_pointer (&self);
}

PmTrendsGrouping
pm_trends_get_grouping (PmTrends *self)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), PM_TRENDS_BY_YEAR);

  return self->grouping;
}

GDateTime *
pm_trends_get_now (PmTrends *self)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), NULL);

  return self->now;
}

guint
pm_trends_get_n_incidents (PmTrends *self)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), 0);

  return self->incidents->len;
}

const PmTrendIncident *
pm_trends_get_incident (PmTrends *self,
                        guint     index)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), NULL);
  g_return_val_if_fail (index < self->incidents->len, NULL);

  return self->incidents->pdata[index];
}

guint
pm_trends_get_n_periods (PmTrends *self)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), 0);

  return self->periods->len;
}

const PmTrendPeriod *
pm_trends_get_period (PmTrends *self,
                      guint     index)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), NULL);
  g_return_val_if_fail (index < self->periods->len, NULL);

  return self->periods->pdata[index];
}

const PmTrendPeriod *
pm_trends_get_total (PmTrends *self)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), NULL);

  return self->total;
}

guint
pm_trends_get_n_skipped (PmTrends *self)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), 0);

  return self->skipped->len;
}

const PmTrendSkipped *
pm_trends_get_skipped (PmTrends *self,
                       guint     index)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), NULL);
  g_return_val_if_fail (index < self->skipped->len, NULL);

  return self->skipped->pdata[index];
}

guint
pm_trends_get_n_repeats (PmTrends *self)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), 0);

  return self->repeats->len;
}

const PmTrendRepeat *
pm_trends_get_repeat (PmTrends *self,
                      guint     index)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), NULL);
  g_return_val_if_fail (index < self->repeats->len, NULL);

  return self->repeats->pdata[index];
}

guint
pm_trends_get_n_read_only (PmTrends *self)
{
  g_return_val_if_fail (PM_IS_TRENDS (self), 0);

  return self->n_read_only;
}
