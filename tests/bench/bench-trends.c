/* bench-trends.c — the trend report over a folder of 500 postmortems
 *
 * Writes 500 copies of the bundled example (36 events, 4 root causes, 8 measures each) spread
 * over ten years, with root-cause titles drawn from a small pool so that repeats are found, and
 * prints the medians of reading the folder, writing the Markdown and writing the PDF. Target
 * from the issue: a report in under 2 s. It reports, it does not assert on times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm-trend-report.h"

#define N_DOCUMENTS 500
#define N_RUNS      7

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
  return values[n / 2];
}

static char *
replace_all (const char *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

static void
make_folder (const char *folder)
{
  static const char * const titles[] = {
    "One long-lived deploy key with release rights, reachable by every project",
    "Backups were never restored in a test",
    "Alert thresholds were tuned for another load",
    "A shared administrator account without a second factor",
    "The release pipeline trusts any tag",
    "Log masking does not cover values that span several lines",
    "Nobody owns the certificate inventory",
    "The staging network can reach production databases",
  };
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  g_autofree char *example = g_build_filename (srcdir ? srcdir : ".", "..", "data", "examples",
                                               "leaked-deploy-key.pmortem", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (example, &contents, NULL, &error))
    g_error ("%s", error->message);

  for (guint i = 0; i < N_DOCUMENTS; i++)
    {
      g_autofree char *year = g_strdup_printf ("%u-", 2015 + i % 10);
      g_autofree char *moved = replace_all (contents, "2024-", year);
      g_autofree char *retitled = replace_all (moved, titles[0], titles[i % G_N_ELEMENTS (titles)]);
      g_autofree char *sub = g_strdup_printf ("%s/team-%u", folder, i % 5);
      g_autofree char *path = g_strdup_printf ("%s/incident-%03u.pmortem", sub, i);

      g_mkdir_with_parents (sub, 0700);
      if (!g_file_set_contents (path, retitled, -1, &error))
        g_error ("%s", error->message);
    }
}

static void
remove_folder (const char *folder)
{
  for (guint t = 0; t < 5; t++)
    {
      g_autofree char *sub = g_strdup_printf ("%s/team-%u", folder, t);
      g_autoptr(GDir) dir = g_dir_open (sub, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (sub, name, NULL);

          g_unlink (path);
        }
      g_rmdir (sub);
    }
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("pmortem-bench-trends-XXXXXX", &error);
  const char *paths[] = { folder, NULL };
  double collect[N_RUNS], markdown[N_RUNS], pdf[N_RUNS], total_md[N_RUNS], total_pdf[N_RUNS];
  gsize md_bytes = 0, pdf_bytes = 0;
  guint n_incidents = 0, n_repeats = 0;

  g_assert_no_error (error);
  make_folder (folder);

  for (guint run = 0; run < N_RUNS; run++)
    {
      gint64 t0 = g_get_monotonic_time (), t1, t2, t3;
      g_autoptr(PmTrends) trends = pm_trends_collect (paths, PM_TRENDS_BY_QUARTER, NULL, NULL, &error);
      g_autofree char *md = NULL;
      g_autoptr(GBytes) bytes = NULL;

      g_assert_no_error (error);
      t1 = g_get_monotonic_time ();
      md = pm_trend_report_write_markdown (trends);
      t2 = g_get_monotonic_time ();
      bytes = pm_trend_report_write_pdf (trends, PM_PAPER_A4, &error);
      g_assert_no_error (error);
      t3 = g_get_monotonic_time ();

      collect[run] = (t1 - t0) / 1e6;
      markdown[run] = (t2 - t1) / 1e6;
      pdf[run] = (t3 - t2) / 1e6;
      total_md[run] = (t2 - t0) / 1e6;
      total_pdf[run] = (t3 - t2 + t1 - t0) / 1e6;
      md_bytes = strlen (md);
      pdf_bytes = g_bytes_get_size (bytes);
      n_incidents = pm_trends_get_n_incidents (trends);
      n_repeats = pm_trends_get_n_repeats (trends);
    }

  printf ("trend report over %u postmortems (%u repeated root causes), medians of %u runs, wall clock:\n",
          n_incidents, n_repeats, N_RUNS);
  printf ("  read and condense the folder  %6.3f s\n", median (collect, N_RUNS));
  printf ("  write the Markdown            %6.3f s  (%" G_GSIZE_FORMAT " bytes)\n", median (markdown, N_RUNS), md_bytes);
  printf ("  write the PDF                 %6.3f s  (%" G_GSIZE_FORMAT " bytes)\n", median (pdf, N_RUNS), pdf_bytes);
  printf ("  report as Markdown, in all    %6.3f s  (target < 2 s)\n", median (total_md, N_RUNS));
  printf ("  report as PDF, in all         %6.3f s  (target < 2 s)\n", median (total_pdf, N_RUNS));

  remove_folder (folder);
  return 0;
}
