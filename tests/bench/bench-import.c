/* bench-import.c — importing chat exports and logs
 *
 * Times reading and applying (as one undo step, into a fresh document) the largest files of
 * ../shared/corpora/chat-import (the journal of a boot, 617 entries in 575 KB; 2,000 syslog
 * lines; the Slack zip) and two generated syslogs: 9,990 lines (1 MB, what fits a postmortem)
 * into a document that already holds them (every line is checked against the events there), and
 * 200,000 lines (9 MB) of which --since/--until keep an hour. Prints medians; it reports, it
 * does not assert on times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pm-import.h"

#define N_RUNS 7

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (double *values)
{
  qsort (values, N_RUNS, sizeof (double), compare_doubles);
  return values[N_RUNS / 2];
}

static char *
generated_syslog (guint n_lines)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_lines; i++)
    {
      guint s = i * (n_lines > 20000 ? 1 : 7);

      if (n_lines > 20000)
        g_string_append_printf (text, "Mar %2u %02u:%02u:%02u web1 app[1]: request %u in %u ms\n",
                                1 + s / 86400, (s / 3600) % 24, (s / 60) % 60, s % 60, i,
                                i % 500);
      else
        g_string_append_printf (text, "Mar %2u %02u:%02u:%02u web%u sshd[%u]: Failed password "
                                "for invalid user u%u from 10.0.%u.%u port %u ssh2\n",
                                1 + s / 86400, (s / 3600) % 24, (s / 60) % 60, s % 60, i % 3,
                                1000 + i, i, i % 250, i % 200, 40000 + i);
    }
  return g_string_free (text, FALSE);
}

typedef struct
{
  const char *name;
  const char *path;      /* or */
  const char *data;
  gboolean    twice;     /* into a document that already has it */
  gboolean    window;
} Case;

int
main (int   argc,
      char *argv[])
{
  const char *corpus = g_getenv ("PM_CHAT_CORPUS");
  g_autofree char *journal = NULL, *syslog = NULL, *slack = NULL;
  g_autofree char *lines_10k = generated_syslog (9990);
  g_autofree char *lines_200k = generated_syslog (200000);
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  Case cases[5];

  if (corpus == NULL)
    {
      fprintf (stderr, "PM_CHAT_CORPUS is not set\n");
      return 1;
    }
  journal = g_build_filename (corpus, "journal", "kjournald-raspberrypi4-boot.json", NULL);
  syslog = g_build_filename (corpus, "syslog", "Linux_2k.log", NULL);
  slack = g_build_filename (corpus, "slack", "hfaran-testarchive.zip", NULL);
  cases[0] = (Case) { "journal, 617 entries (575 KB)", journal, NULL, FALSE, FALSE };
  cases[1] = (Case) { "syslog, 2,000 lines (216 KB)", syslog, NULL, FALSE, FALSE };
  cases[2] = (Case) { "Slack zip, 158 messages", slack, NULL, FALSE, FALSE };
  cases[3] = (Case) { "syslog, 9,990 lines, all already there", NULL, lines_10k, TRUE, FALSE };
  cases[4] = (Case) { "syslog, 200,000 lines (9 MB), an hour kept", NULL, lines_200k, FALSE,
                      TRUE };

  printf ("# import: read, apply as one undo step (medians of %d runs)\n", N_RUNS);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      double read_s[N_RUNS], apply_s[N_RUNS];
      guint n = 0;

      for (guint run = 0; run < N_RUNS; run++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(PmImport) import = NULL;
          g_autoptr(PmDocument) document = pm_document_new ();
          PmImportOptions options;
          PmImportApplied applied;
          gint64 t0, t1, t2;

          pm_import_options_init (&options);
          options.zone = utc;
          options.reference_time = 1735689600; /* 2025-01-01 */
          if (cases[c].window)
            {
              options.has_since = TRUE;
              options.since = 1709337600;       /* 2024-03-02T00:00:00Z */
              options.has_until = TRUE;
              options.until = options.since + 3600;
            }

          t0 = g_get_monotonic_time ();
          import = cases[c].path
                   ? pm_import_read (cases[c].path, &options, &error)
                   : pm_import_read_data (cases[c].data, strlen (cases[c].data), "generated",
                                          &options, &error);
          if (import == NULL)
            {
              fprintf (stderr, "%s: %s\n", cases[c].name, error->message);
              return 1;
            }
          t1 = g_get_monotonic_time ();
          read_s[run] = (t1 - t0) / 1e6;
          if (cases[c].twice)
            {
              pm_import_apply (document, pm_import_get_messages (import), NULL, utc, NULL, NULL);
              t1 = g_get_monotonic_time ();
            }
          if (!pm_import_apply (document, pm_import_get_messages (import), NULL, utc, &applied,
                                &error))
            {
              fprintf (stderr, "%s: %s\n", cases[c].name, error->message);
              return 1;
            }
          t2 = g_get_monotonic_time ();
          apply_s[run] = (t2 - t1) / 1e6;
          n = pm_import_get_messages (import)->len;
        }
      printf ("%-44s %6u messages  read %7.3f s  apply %7.3f s\n", cases[c].name, n,
              median (read_s), median (apply_s));
    }
  return 0;
}
