/* pm-trends.h — trends across many postmortems: is the organisation learning?
 *
 * Reads every .pmortem file under some files and folders and condenses each into the few
 * figures a trend needs, grouped by period (year or quarter). What one file cannot give is
 * counted as missing, never guessed:
 *
 * - An incident belongs to the period of its start ("start"), else of its first event with a
 *   known time, as a calendar date in the document's zone (else in the offset the time was
 *   entered in). Incidents with neither go to an "undated" period, reported last.
 * - Time to detect: from the first "trigger" event to the first "detection" event; time to
 *   recover: from the first trigger to the last "recovery" event; only events with a known time
 *   count, and a negative span (detected before the trigger) is left out. Periods give the
 *   median (of an even count: the mean of the two middle values, rounded down) and how many
 *   incidents had the data.
 * - Principles and categories are counted over root causes; measures over measures. A measure
 *   counts as done within its due date when it has a due date, reached "done" or "verified"
 *   (first such entry in its history) on or before that date; it counts against the share when
 *   it finished later, or is still open after its due date. Open measures not yet due, dropped
 *   ones and finished ones whose history does not say when are not judged.
 * - Costs are summed per currency, never converted.
 * - Files that cannot be read or are not valid postmortems are skipped with the loader's
 *   message. Files written by a newer Postmortem load read-only and count like the others
 *   (their known members are understood; how many there were is reported).
 *
 * GLib, GIO and json-glib only: the command line and the app's worker thread share it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-vocabulary.h"

G_BEGIN_DECLS

typedef enum
{
  PM_TRENDS_BY_YEAR,
  PM_TRENDS_BY_QUARTER,
} PmTrendsGrouping;

/* Fewer incidents than this in a period: too few to compare with another. */
#define PM_TRENDS_TOO_FEW    3
/* At most this many files are read; the rest is reported as not read. */
#define PM_TRENDS_MAX_FILES  10000
/* Two root-cause titles at least this similar (Dice coefficient of character pairs, as the merge
 * uses for events) are the same lesson. */
#define PM_TRENDS_SIMILAR_TITLE 0.6

#define PM_TRENDS_N_SEVERITIES 4  /* critical, high, medium, low */
#define PM_TRENDS_N_CATEGORIES 5  /* technical, process, organisational, tooling, people-resources */
#define PM_TRENDS_N_STATUSES   6  /* proposed, agreed, in-progress, done, verified, dropped */

/* A file that was not counted, and why (the loader's message, which names the file). */
typedef struct
{
  char *path;      /* display name */
  char *message;
} PmTrendSkipped;

/* One postmortem, condensed. Strings are the file's own text: untrusted, clean before showing. */
typedef struct
{
  char     *path;             /* display name */
  char     *title;
  char     *date;             /* "YYYY-MM-DD" that decided the period; NULL: undated */
  guint     period;           /* index of its period */
  char     *severity;         /* as written; "" when not given */
  gint64    time_to_detect;   /* seconds; -1: not known */
  gint64    time_to_recover;  /* seconds; -1: not known */
  gint64    cost_amount;      /* -1: not given */
  char     *cost_currency;    /* "" when not given */
  gint64    effort_hours;     /* -1: not given */
  guint     n_root_causes;
  guint     n_measures;
  gboolean  read_only;        /* written by a newer Postmortem */
} PmTrendIncident;

/* A sum of costs in one currency. */
typedef struct
{
  char   *currency;    /* "" when the file gives none */
  gint64  amount;
  guint   n_incidents;
} PmTrendCost;

typedef struct
{
  char     *key;              /* "2023", "2023-Q2"; "" for the undated period */
  int       year;             /* 0 when undated */
  guint     quarter;          /* 1–4 by quarter, 0 by year or undated */
  gboolean  undated;
  gboolean  too_few;          /* fewer than PM_TRENDS_TOO_FEW incidents */

  guint     n_incidents;
  guint     n_read_only;
  guint     severities[PM_TRENDS_N_SEVERITIES];
  guint     n_severity_other; /* a value this version does not know */
  guint     n_severity_none;

  guint     n_detect;         /* incidents with a time to detect */
  gint64    median_detect;    /* seconds; -1 when n_detect is 0 */
  guint     n_recover;
  gint64    median_recover;

  guint     n_root_causes;
  guint     contributed[PM_N_PRINCIPLES];
  guint     held_up[PM_N_PRINCIPLES];
  guint     categories[PM_TRENDS_N_CATEGORIES];
  guint     n_category_other;
  guint     n_category_none;

  guint     n_measures;
  guint     statuses[PM_TRENDS_N_STATUSES];
  guint     n_status_other;
  guint     n_overdue;        /* open and past the due date */
  guint     n_on_time;        /* done within the due date … */
  guint     n_judged;         /* … of this many that can be judged */

  GPtrArray *costs;           /* PmTrendCost, by currency */
  guint     n_cost;           /* incidents with a cost */
  gint64    effort_hours;
  guint     n_effort;         /* incidents with effort hours */
} PmTrendPeriod;

typedef enum
{
  PM_TREND_REPEAT_SIMILAR_TITLE,       /* root causes with similar titles */
  PM_TREND_REPEAT_PRINCIPLE_CATEGORY,  /* the same principle contributed, in the same category */
} PmTrendRepeatKind;

typedef struct
{
  guint  incident;   /* index of the incident */
  char  *title;      /* the root cause's title there */
} PmTrendOccurrence;

/* The same lesson in several incidents. */
typedef struct
{
  PmTrendRepeatKind  kind;
  PmPrinciple        principle;    /* PRINCIPLE_CATEGORY only */
  char              *category;     /* PRINCIPLE_CATEGORY only */
  GArray            *occurrences;  /* PmTrendOccurrence, in incident order */
  guint              n_incidents;  /* distinct incidents, at least 2 */
} PmTrendRepeat;

#define PM_TYPE_TRENDS (pm_trends_get_type ())
G_DECLARE_FINAL_TYPE (PmTrends, pm_trends, PM, TRENDS, GObject)

/* Reads every .pmortem under @paths (files are read whatever their name; folders recursively,
 * without hidden entries and without following links to folders) in the order of their paths,
 * each once, and computes the trends. Measures are overdue as of @now (NULL: now). Returns NULL
 * with @error (PM_ERROR_IO) only when one of @paths itself cannot be read or does not exist, or
 * G_IO_ERROR_CANCELLED. A file that is not a valid postmortem is skipped and listed. */
PmTrends              *pm_trends_collect          (const char * const *paths,
                                                   PmTrendsGrouping     grouping,
                                                   GDateTime           *now,
                                                   GCancellable        *cancellable,
                                                   GError             **error);

PmTrendsGrouping       pm_trends_get_grouping     (PmTrends *self);
/* The moment overdue measures are judged at. */
GDateTime             *pm_trends_get_now          (PmTrends *self);

guint                  pm_trends_get_n_incidents  (PmTrends *self);
const PmTrendIncident *pm_trends_get_incident     (PmTrends *self,
                                                   guint     index);
/* Periods in time order, empty ones between included, the undated one last. */
guint                  pm_trends_get_n_periods    (PmTrends *self);
const PmTrendPeriod   *pm_trends_get_period       (PmTrends *self,
                                                   guint     index);
/* Every incident together. */
const PmTrendPeriod   *pm_trends_get_total        (PmTrends *self);
guint                  pm_trends_get_n_skipped    (PmTrends *self);
const PmTrendSkipped  *pm_trends_get_skipped      (PmTrends *self,
                                                   guint     index);
/* Repeated root causes: similar titles first, then principle and category, each by the number
 * of incidents (most first). */
guint                  pm_trends_get_n_repeats    (PmTrends *self);
const PmTrendRepeat   *pm_trends_get_repeat       (PmTrends *self,
                                                   guint     index);
/* Files written by a newer Postmortem (counted, read-only). */
guint                  pm_trends_get_n_read_only  (PmTrends *self);

/* The similarity used for root-cause titles, 0 … 1. */
double                 pm_trends_title_similarity (const char *a,
                                                   const char *b);

G_END_DECLS
