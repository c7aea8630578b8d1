/* test-trends.c — trends across a generated folder of postmortems
 *
 * The folder spans 2021 to 2023 with an empty year between, an undated incident, a file in a
 * subfolder, a file written by a newer version (read-only, counted), a broken file and one that
 * needs a newer reader (both skipped and named), and files that are not ours (ignored). Every
 * figure is checked exactly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pm-error.h"
#include "pm-trends.h"

static char *folder;

/* ------------------------------------------------------------------------------------------ */
/* The generated folder                                                                        */
/* ------------------------------------------------------------------------------------------ */

static void
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A postmortem; @postmortem, @events, @root_causes and @measures are JSON fragments. */
static char *
document (int         format_version,
          int         min_reader_version,
          const char *postmortem,
          const char *events,
          const char *root_causes,
          const char *measures)
{
  return g_strdup_printf ("{\n"
                          "  \"format\": \"pmortem\",\n"
                          "  \"format_version\": %d,\n"
                          "  \"min_reader_version\": %d,\n"
                          "  \"postmortem\": { %s },\n"
                          "  \"events\": [ %s ],\n"
                          "  \"root_causes\": [ %s ],\n"
                          "  \"measures\": [ %s ]\n"
                          "}\n",
                          format_version, min_reader_version, postmortem, events, root_causes, measures);
}

#define EVENT(id, time, kind) \
  "{ \"id\": \"" id "\", \"time\": \"" time "\", \"precision\": \"exact\", \"kind\": \"" kind "\", \"text\": \"" id "\" }"
#define UNTIMED_EVENT(id, kind) \
  "{ \"id\": \"" id "\", \"kind\": \"" kind "\", \"text\": \"" id "\" }"

static void
make_folder (void)
{
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL, *e = NULL, *f = NULL, *newer = NULL;

  /* 2021, high: detect 30 min, recover 4 h (the last recovery counts). */
  a = document (1, 1,
                "\"title\": \"Key leak\", \"start\": \"2021-03-10T10:00:00+00:00\", \"start_precision\": \"exact\", "
                "\"severity\": \"high\", \"impact\": { \"cost\": { \"amount\": 1000, \"currency\": \"EUR\" }, \"effort_hours\": 10 }",
                EVENT ("e1", "2021-03-10T10:00:00+00:00", "trigger") ", "
                EVENT ("e2", "2021-03-10T10:30:00+00:00", "detection") ", "
                EVENT ("e3", "2021-03-10T12:00:00+00:00", "recovery") ", "
                EVENT ("e4", "2021-03-10T14:00:00+00:00", "recovery"),
                "{ \"id\": \"rc1\", \"title\": \"Deploy key never rotated\", \"category\": \"technical\", "
                "  \"principles\": { \"rigor\": { \"verdict\": \"contributed\" }, \"minimization\": { \"verdict\": \"held-up\" } } }",
                "{ \"id\": \"m1\", \"title\": \"Rotate\", \"status\": \"done\", \"due\": \"2021-04-01\", \"history\": ["
                "  { \"time\": \"2021-03-11T09:00:00+00:00\", \"precision\": \"exact\", \"to\": \"proposed\" },"
                "  { \"time\": \"2021-03-20T09:00:00+00:00\", \"precision\": \"exact\", \"from\": \"proposed\", \"to\": \"done\" } ] }, "
                "{ \"id\": \"m2\", \"title\": \"Audit\", \"status\": \"proposed\", \"due\": \"2021-05-01\" }");
  write_file ("a-2021.pmortem", a);

  /* 2021 by its first timed event (no start), critical: detect 2 h, no recovery. */
  b = document (1, 1,
                "\"title\": \"Second leak\", \"severity\": \"critical\", "
                "\"impact\": { \"cost\": { \"amount\": 500, \"currency\": \"USD\" } }",
                UNTIMED_EVENT ("e0", "background") ", "
                EVENT ("e1", "2021-11-05T09:00:00+00:00", "trigger") ", "
                EVENT ("e2", "2021-11-05T11:00:00+00:00", "detection"),
                "{ \"id\": \"rc1\", \"title\": \"Deploy keys are never rotated\", \"category\": \"technical\", "
                "  \"principles\": { \"rigor\": { \"verdict\": \"contributed\" } } }",
                "{ \"id\": \"m1\", \"title\": \"Rotate\", \"status\": \"verified\", \"due\": \"2021-12-01\", \"history\": ["
                "  { \"time\": \"2021-12-10T09:00:00+00:00\", \"precision\": \"exact\", \"to\": \"done\" },"
                "  { \"time\": \"2021-12-11T09:00:00+00:00\", \"precision\": \"exact\", \"from\": \"done\", \"to\": \"verified\" } ] }, "
                "{ \"id\": \"m2\", \"title\": \"Drop\", \"status\": \"dropped\", \"due\": \"2021-12-01\" }");
  write_file ("b-2021.pmortem", b);

  /* 2023 (in a subfolder), low: detect 10 min, recover 1 h. */
  c = document (1, 1,
                "\"title\": \"Restore failed\", \"start\": \"2023-06-01T00:00:00+00:00\", \"start_precision\": \"exact\", "
                "\"severity\": \"low\", \"impact\": { \"cost\": { \"amount\": 2000, \"currency\": \"EUR\" } }",
                EVENT ("e1", "2023-06-01T00:00:00+00:00", "trigger") ", "
                EVENT ("e2", "2023-06-01T00:10:00+00:00", "detection") ", "
                EVENT ("e3", "2023-06-01T01:00:00+00:00", "recovery"),
                "{ \"id\": \"rc1\", \"title\": \"Backup restore never tested\", \"category\": \"process\", "
                "  \"principles\": { \"fault-tolerance\": { \"verdict\": \"contributed\" }, \"rigor\": { \"verdict\": \"held-up\" } } }",
                "{ \"id\": \"m1\", \"title\": \"Test restores\", \"status\": \"in-progress\", \"due\": \"2030-01-01\" }");
  write_file ("sub/c-2023.pmortem", c);

  /* 2023, written by a newer version: an unknown severity, detection before the trigger (not
   * counted), a finished measure whose history does not say when (not judged). */
  d = document (2, 1,
                "\"title\": \"Newer\", \"start\": \"2023-09-01T00:00:00+00:00\", \"start_precision\": \"exact\", "
                "\"severity\": \"sev0\", \"impact\": { \"cost\": { \"amount\": 300, \"currency\": \"EUR\" } }, \"shiny\": true",
                EVENT ("e1", "2023-08-31T23:00:00+00:00", "detection") ", "
                EVENT ("e2", "2023-09-01T00:00:00+00:00", "trigger"),
                "{ \"id\": \"rc1\", \"title\": \"Deploy key never rotated!\", \"category\": \"technical\", "
                "  \"principles\": { \"rigor\": { \"verdict\": \"contributed\" } } }",
                "{ \"id\": \"m1\", \"title\": \"Rotate\", \"status\": \"done\", \"due\": \"2023-10-01\" }");
  write_file ("sub/d-2023-newer.pmortem", d);

  /* 31 Dec 2022 23:30 UTC is New Year 2023 in Berlin, the document's zone. */
  e = document (1, 1,
                "\"title\": \"Silent\", \"start\": \"2022-12-31T23:30:00+00:00\", \"start_precision\": \"exact\", "
                "\"severity\": \"medium\", \"timezone\": \"Europe/Berlin\"",
                EVENT ("e1", "2023-01-01T08:00:00+00:00", "detection"),
                "{ \"id\": \"rc1\", \"title\": \"Monitoring gap\", \"category\": \"organisational\" }",
                "{ \"id\": \"m1\", \"title\": \"Alerts\", \"status\": \"agreed\" }");
  write_file ("e-2023.pmortem", e);

  /* No date at all. */
  f = document (1, 1, "\"title\": \"Undated\"", UNTIMED_EVENT ("e1", "trigger"), "", "");
  write_file ("f-undated.pmortem", f);

  write_file ("g-broken.pmortem", "{ \"format\": ");
  newer = document (3, 3, "\"title\": \"Too new\"", "", "", "");
  write_file ("h-needs-newer.pmortem", newer);
  /* Not ours: hidden, another extension, in a hidden folder. */
  write_file (".hidden.pmortem", a);
  write_file ("notes.txt", "not a postmortem");
  write_file (".git/x.pmortem", a);
}

static PmTrends *
collect (PmTrendsGrouping grouping)
{
  const char *paths[] = { folder, NULL };
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 1, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  PmTrends *trends = pm_trends_collect (paths, grouping, now, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trends);
  return trends;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_files (void)
{
  g_autoptr(PmTrends) trends = collect (PM_TRENDS_BY_YEAR);
  const char *expected[] = { "a-2021", "b-2021", "e-2023", "f-undated", "sub/c-2023", "sub/d-2023-newer" };

  /* Six counted, in the order of their paths; the newer one read-only. */
  g_assert_cmpuint (pm_trends_get_n_incidents (trends), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const PmTrendIncident *incident = pm_trends_get_incident (trends, i);
      g_autofree char *suffix = g_strconcat (expected[i], ".pmortem", NULL);

      g_assert_true (g_str_has_suffix (incident->path, suffix));
      g_assert_cmpint (incident->read_only, ==, i == 5);
    }
  g_assert_cmpuint (pm_trends_get_n_read_only (trends), ==, 1);

  /* Two skipped, each named with the loader's reason. */
  g_assert_cmpuint (pm_trends_get_n_skipped (trends), ==, 2);
  g_assert_true (g_str_has_suffix (pm_trends_get_skipped (trends, 0)->path, "g-broken.pmortem"));
  g_assert_nonnull (strstr (pm_trends_get_skipped (trends, 0)->message, "g-broken.pmortem"));
  g_assert_true (g_str_has_suffix (pm_trends_get_skipped (trends, 1)->path, "h-needs-newer.pmortem"));
  g_assert_nonnull (strstr (pm_trends_get_skipped (trends, 1)->message, "h-needs-newer.pmortem"));
  g_assert_nonnull (strstr (pm_trends_get_skipped (trends, 1)->message, "3"));

  /* Dates: the start, else the first timed event; in the document's zone. */
  g_assert_cmpstr (pm_trends_get_incident (trends, 0)->date, ==, "2021-03-10");
  g_assert_cmpstr (pm_trends_get_incident (trends, 1)->date, ==, "2021-11-05");
  g_assert_cmpstr (pm_trends_get_incident (trends, 2)->date, ==, "2023-01-01");
  g_assert_null (pm_trends_get_incident (trends, 3)->date);

  /* Response times in seconds; -1 where the timeline does not say. */
  g_assert_cmpint (pm_trends_get_incident (trends, 0)->time_to_detect, ==, 1800);
  g_assert_cmpint (pm_trends_get_incident (trends, 0)->time_to_recover, ==, 4 * 3600);
  g_assert_cmpint (pm_trends_get_incident (trends, 1)->time_to_detect, ==, 7200);
  g_assert_cmpint (pm_trends_get_incident (trends, 1)->time_to_recover, ==, -1);
  g_assert_cmpint (pm_trends_get_incident (trends, 2)->time_to_detect, ==, -1);
  g_assert_cmpint (pm_trends_get_incident (trends, 5)->time_to_detect, ==, -1);
}

static void
test_by_year (void)
{
  g_autoptr(PmTrends) trends = collect (PM_TRENDS_BY_YEAR);
  const PmTrendPeriod *y2021, *y2022, *y2023, *undated, *total;
  const PmTrendCost *cost;

  /* 2021, the empty 2022, 2023, undated. */
  g_assert_cmpuint (pm_trends_get_n_periods (trends), ==, 4);
  y2021 = pm_trends_get_period (trends, 0);
  y2022 = pm_trends_get_period (trends, 1);
  y2023 = pm_trends_get_period (trends, 2);
  undated = pm_trends_get_period (trends, 3);
  total = pm_trends_get_total (trends);
  g_assert_cmpstr (y2021->key, ==, "2021");
  g_assert_cmpstr (y2022->key, ==, "2022");
  g_assert_cmpstr (y2023->key, ==, "2023");
  g_assert_true (undated->undated);
  g_assert_false (y2021->undated);

  /* Incidents, severities, and honesty about small numbers */
  g_assert_cmpuint (y2021->n_incidents, ==, 2);
  g_assert_cmpuint (y2022->n_incidents, ==, 0);
  g_assert_cmpuint (y2023->n_incidents, ==, 3);
  g_assert_cmpuint (undated->n_incidents, ==, 1);
  g_assert_cmpuint (total->n_incidents, ==, 6);
  g_assert_true (y2021->too_few);
  g_assert_true (y2022->too_few);
  g_assert_false (y2023->too_few);
  g_assert_true (undated->too_few);
  g_assert_cmpuint (y2021->severities[0], ==, 1);  /* critical */
  g_assert_cmpuint (y2021->severities[1], ==, 1);  /* high */
  g_assert_cmpuint (y2023->severities[2], ==, 1);  /* medium */
  g_assert_cmpuint (y2023->severities[3], ==, 1);  /* low */
  g_assert_cmpuint (y2023->n_severity_other, ==, 1);  /* "sev0", kept as it is */
  g_assert_cmpuint (undated->n_severity_none, ==, 1);
  g_assert_cmpuint (y2023->n_read_only, ==, 1);

  /* Medians with their counts: 2021 has (1800 + 7200) / 2 from two, 2023 one of three. */
  g_assert_cmpuint (y2021->n_detect, ==, 2);
  g_assert_cmpint (y2021->median_detect, ==, 4500);
  g_assert_cmpuint (y2021->n_recover, ==, 1);
  g_assert_cmpint (y2021->median_recover, ==, 14400);
  g_assert_cmpuint (y2022->n_detect, ==, 0);
  g_assert_cmpint (y2022->median_detect, ==, -1);
  g_assert_cmpuint (y2023->n_detect, ==, 1);
  g_assert_cmpint (y2023->median_detect, ==, 600);
  g_assert_cmpuint (y2023->n_recover, ==, 1);
  g_assert_cmpint (y2023->median_recover, ==, 3600);
  g_assert_cmpuint (total->n_detect, ==, 3);
  g_assert_cmpint (total->median_detect, ==, 1800);
  g_assert_cmpuint (total->n_recover, ==, 2);
  g_assert_cmpint (total->median_recover, ==, (14400 + 3600) / 2);

  /* Principles and categories, over root causes */
  g_assert_cmpuint (y2021->n_root_causes, ==, 2);
  g_assert_cmpuint (y2021->contributed[PM_PRINCIPLE_RIGOR], ==, 2);
  g_assert_cmpuint (y2021->held_up[PM_PRINCIPLE_MINIMIZATION], ==, 1);
  g_assert_cmpuint (y2021->held_up[PM_PRINCIPLE_RIGOR], ==, 0);
  g_assert_cmpuint (y2023->n_root_causes, ==, 3);
  g_assert_cmpuint (y2023->contributed[PM_PRINCIPLE_RIGOR], ==, 1);
  g_assert_cmpuint (y2023->held_up[PM_PRINCIPLE_RIGOR], ==, 1);
  g_assert_cmpuint (y2023->contributed[PM_PRINCIPLE_FAULT_TOLERANCE], ==, 1);
  g_assert_cmpuint (y2023->contributed[PM_PRINCIPLE_COMPREHENSIVITY], ==, 0);
  g_assert_cmpuint (y2021->categories[0], ==, 2);  /* technical */
  g_assert_cmpuint (y2023->categories[0], ==, 1);
  g_assert_cmpuint (y2023->categories[1], ==, 1);  /* process */
  g_assert_cmpuint (y2023->categories[2], ==, 1);  /* organisational */
  g_assert_cmpuint (total->contributed[PM_PRINCIPLE_RIGOR], ==, 3);

  /* Measures: 2021 has one done on time, one verified late, one overdue, one dropped. */
  g_assert_cmpuint (y2021->n_measures, ==, 4);
  g_assert_cmpuint (y2021->statuses[0], ==, 1);  /* proposed */
  g_assert_cmpuint (y2021->statuses[3], ==, 1);  /* done */
  g_assert_cmpuint (y2021->statuses[4], ==, 1);  /* verified */
  g_assert_cmpuint (y2021->statuses[5], ==, 1);  /* dropped */
  g_assert_cmpuint (y2021->n_overdue, ==, 1);
  g_assert_cmpuint (y2021->n_on_time, ==, 1);
  g_assert_cmpuint (y2021->n_judged, ==, 3);
  g_assert_cmpuint (y2023->n_measures, ==, 3);
  g_assert_cmpuint (y2023->statuses[1], ==, 1);  /* agreed */
  g_assert_cmpuint (y2023->statuses[2], ==, 1);  /* in-progress */
  g_assert_cmpuint (y2023->statuses[3], ==, 1);  /* done, date unknown */
  g_assert_cmpuint (y2023->n_overdue, ==, 0);
  g_assert_cmpuint (y2023->n_judged, ==, 0);

  /* Cost per currency, never added across currencies */
  g_assert_cmpuint (y2021->n_cost, ==, 2);
  g_assert_cmpuint (y2021->costs->len, ==, 2);
  cost = y2021->costs->pdata[0];
  g_assert_cmpstr (cost->currency, ==, "EUR");
  g_assert_cmpint (cost->amount, ==, 1000);
  g_assert_cmpuint (cost->n_incidents, ==, 1);
  cost = y2021->costs->pdata[1];
  g_assert_cmpstr (cost->currency, ==, "USD");
  g_assert_cmpint (cost->amount, ==, 500);
  g_assert_cmpuint (y2023->costs->len, ==, 1);
  cost = y2023->costs->pdata[0];
  g_assert_cmpint (cost->amount, ==, 2300);
  g_assert_cmpuint (cost->n_incidents, ==, 2);
  g_assert_cmpint (y2021->effort_hours, ==, 10);
  g_assert_cmpuint (y2021->n_effort, ==, 1);
  g_assert_cmpuint (total->costs->len, ==, 2);
  g_assert_cmpint (((PmTrendCost *) total->costs->pdata[0])->amount, ==, 3300);
}

static void
test_by_quarter (void)
{
  g_autoptr(PmTrends) trends = collect (PM_TRENDS_BY_QUARTER);
  const char *keys[] = { "2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4", "2022-Q1", "2022-Q2",
                         "2022-Q3", "2022-Q4", "2023-Q1", "2023-Q2", "2023-Q3", "" };
  const guint counts[] = { 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1 };

  g_assert_cmpuint (pm_trends_get_n_periods (trends), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const PmTrendPeriod *period = pm_trends_get_period (trends, i);

      g_assert_cmpstr (period->key, ==, keys[i]);
      g_assert_cmpuint (period->n_incidents, ==, counts[i]);
      g_assert_true (period->too_few);
    }
  g_assert_cmpuint (pm_trends_get_period (trends, 9)->quarter, ==, 2);
  g_assert_cmpint (pm_trends_get_period (trends, 9)->year, ==, 2023);
  g_assert_cmpuint (pm_trends_get_incident (trends, 2)->period, ==, 8);
}

static void
test_repeats (void)
{
  g_autoptr(PmTrends) trends = collect (PM_TRENDS_BY_YEAR);
  const PmTrendRepeat *titles, *pattern;

  g_assert_cmpfloat (pm_trends_title_similarity ("Deploy key never rotated", "Deploy keys are never rotated"),
                     >=, PM_TRENDS_SIMILAR_TITLE);
  g_assert_cmpfloat (pm_trends_title_similarity ("Deploy key never rotated", "Backup restore never tested"),
                     <, PM_TRENDS_SIMILAR_TITLE);
  g_assert_cmpfloat (pm_trends_title_similarity ("Same", "same"), ==, 1.0);

  /* The key that was never rotated, three times; Rigor in technical root causes, three times. */
  g_assert_cmpuint (pm_trends_get_n_repeats (trends), ==, 2);
  titles = pm_trends_get_repeat (trends, 0);
  g_assert_cmpint (titles->kind, ==, PM_TREND_REPEAT_SIMILAR_TITLE);
  g_assert_cmpuint (titles->n_incidents, ==, 3);
  g_assert_cmpuint (titles->occurrences->len, ==, 3);
  g_assert_cmpuint (g_array_index (titles->occurrences, PmTrendOccurrence, 0).incident, ==, 0);
  g_assert_cmpuint (g_array_index (titles->occurrences, PmTrendOccurrence, 1).incident, ==, 1);
  g_assert_cmpuint (g_array_index (titles->occurrences, PmTrendOccurrence, 2).incident, ==, 5);
  g_assert_cmpstr (g_array_index (titles->occurrences, PmTrendOccurrence, 1).title, ==,
                   "Deploy keys are never rotated");

  pattern = pm_trends_get_repeat (trends, 1);
  g_assert_cmpint (pattern->kind, ==, PM_TREND_REPEAT_PRINCIPLE_CATEGORY);
  g_assert_cmpint (pattern->principle, ==, PM_PRINCIPLE_RIGOR);
  g_assert_cmpstr (pattern->category, ==, "technical");
  g_assert_cmpuint (pattern->n_incidents, ==, 3);
}

static void
test_paths (void)
{
  g_autofree char *file = g_build_filename (folder, "notes-copy.json", NULL);
  g_autofree char *a = g_build_filename (folder, "a-2021.pmortem", NULL);
  g_autofree char *missing = g_build_filename (folder, "missing", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmTrends) trends = NULL;

  /* A file named on its own is read whatever its name; the same file twice counts once. */
  g_file_get_contents (a, &contents, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (file, contents, -1, &error);
  g_assert_no_error (error);
  {
    const char *paths[] = { file, a, a, NULL };

    trends = pm_trends_collect (paths, PM_TRENDS_BY_YEAR, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pm_trends_get_n_incidents (trends), ==, 2);
    g_assert_cmpuint (pm_trends_get_n_skipped (trends), ==, 0);
    g_assert_cmpuint (pm_trends_get_n_periods (trends), ==, 1);
  }
  g_unlink (file);

  /* A path that does not exist is an error, not an empty report. */
  {
    const char *paths[] = { folder, missing, NULL };

    g_clear_object (&trends);
    trends = pm_trends_collect (paths, PM_TRENDS_BY_YEAR, NULL, NULL, &error);
    g_assert_error (error, PM_ERROR, PM_ERROR_IO);
    g_assert_null (trends);
    g_assert_nonnull (strstr (error->message, "missing"));
    g_clear_error (&error);
  }

  /* Cancelled */
  {
    const char *paths[] = { folder, NULL };
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    trends = pm_trends_collect (paths, PM_TRENDS_BY_YEAR, NULL, cancellable, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (trends);
    g_clear_error (&error);
  }
}

static void
test_empty (void)
{
  g_autofree char *empty = g_build_filename (folder, "empty", NULL);
  const char *paths[] = { empty, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(PmTrends) trends = NULL;

  g_mkdir (empty, 0700);
  trends = pm_trends_collect (paths, PM_TRENDS_BY_QUARTER, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pm_trends_get_n_incidents (trends), ==, 0);
  g_assert_cmpuint (pm_trends_get_n_periods (trends), ==, 0);
  g_assert_cmpuint (pm_trends_get_total (trends)->n_incidents, ==, 0);
  g_assert_cmpint (pm_trends_get_total (trends)->median_detect, ==, -1);
  g_assert_cmpuint (pm_trends_get_n_repeats (trends), ==, 0);
  g_rmdir (empty);
}

static void
remove_recursively (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_recursively (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  folder = g_dir_make_tmp ("pmortem-trends-XXXXXX", &error);
  g_assert_no_error (error);
  make_folder ();

  g_test_add_func ("/trends/files", test_files);
  g_test_add_func ("/trends/by-year", test_by_year);
  g_test_add_func ("/trends/by-quarter", test_by_quarter);
  g_test_add_func ("/trends/repeats", test_repeats);
  g_test_add_func ("/trends/paths", test_paths);
  g_test_add_func ("/trends/empty", test_empty);

  ret = g_test_run ();
  remove_recursively (folder);
  g_free (folder);
  return ret;
}
