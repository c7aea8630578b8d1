/* bench-export.c — publishing a 10,000-event postmortem as Markdown and as PDF
 *
 * Prints the medians of several runs of the full protocol in both formats, with the number of
 * pages and the peak memory. Targets from the issue: Markdown under 0.5 s, PDF under 5 s. It
 * reports, it does not assert on times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "pm-markdown-writer.h"
#include "pm-pdf-writer.h"

#define N_EVENTS   10000
#define N_MD_RUNS  9
#define N_PDF_RUNS 5

/* Processor time of this process, in seconds: what the export costs, whatever else runs. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

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

/* A very long event-storming session: six lanes, realistic text, every 25th time unknown,
 * with root causes and measures so that every section is there. */
static PmDocument *
make_document (void)
{
  static const char * const kinds[] = { "trigger", "detection", "response", "communication",
                                        "recovery", "background" };
  static const char * const actors[] = { "CI/CD", "Security Ops", "Release engineering",
                                         "Support", "Attacker", "Customer" };
  PmDocument *document = pm_document_new ();
  g_autoptr(PmParticipant) participant = pm_participant_new ("p-ana");
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  pm_participant_set_name (participant, "Ana Lima");
  pm_participant_set_moderator (participant, TRUE);
  pm_document_set (document, document, "title", "Benchmark: a very long timeline",
                   "timezone", "Europe/Berlin", "severity", "high", "classification", "internal",
                   "teaser", "A long incident with very many events.", NULL);
  pm_document_append (document, pm_document_get_participants (document), participant);

  for (guint i = 0; i < N_EVENTS; i++)
    {
      g_autofree char *id = g_strdup_printf ("ev-%05u", i);
      g_autofree char *text = g_strdup_printf ("Event %u: the pipeline job printed its environment "
                                               "to the public log, including the deploy key “release”; "
                                               "the on-call engineer saw the alert %u minutes later.",
                                               i, i % 17);
      g_autoptr(PmTime) time = NULL;
      PmEvent *event = pm_event_new (id);

      if (i % 25 != 0)
        time = pm_time_new (1709543700 + 60 * (gint64) i, 3600, PM_TIME_PRECISION_MINUTE);
      pm_event_set_time (event, time);
      pm_event_set_actor (event, actors[i % G_N_ELEMENTS (actors)]);
      pm_event_set_kind (event, kinds[i % G_N_ELEMENTS (kinds)]);
      pm_event_set_text (event, text);
      pm_event_set_lane (event, actors[(i + 1) % G_N_ELEMENTS (actors)]);
      pm_event_set_contributed (event, i % 7 == 0);
      g_ptr_array_add (events, event);
    }
  g_list_store_splice (G_LIST_STORE (pm_document_get_events (document)), 0, 0,
                       events->pdata, events->len);

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("rc-%u", i);
      g_autofree char *title = g_strdup_printf ("Root cause %u: a long-lived credential", i);
      g_autoptr(PmRootCause) root_cause = pm_root_cause_new (id);
      g_autofree char *mid = g_strdup_printf ("m-%u", i);
      g_autoptr(PmMeasure) measure = pm_measure_new (mid);
      const char * const ids[] = { id, NULL };

      pm_root_cause_set_title (root_cause, title);
      pm_assessment_set_verdict (pm_root_cause_get_assessment (root_cause, i % PM_N_PRINCIPLES),
                                 "contributed");
      pm_document_append (document, pm_document_get_root_causes (document), root_cause);
      pm_measure_set_title (measure, "Replace it with short-lived tokens");
      pm_measure_set_owner (measure, "p-ana");
      pm_measure_set_root_causes (measure, ids);
      pm_measure_set_summary (measure, TRUE);
      pm_document_append (document, pm_document_get_measures (document), measure);
    }
  return document;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(PmDocument) document = make_document ();
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 12, 1, 0, 0, 0);
  PmExportOptions options;
  double md[N_MD_RUNS], pdf[N_PDF_RUNS], layout_time[N_PDF_RUNS];
  double md_cpu[N_MD_RUNS], pdf_cpu[N_PDF_RUNS];
  gsize md_bytes = 0, pdf_bytes = 0;
  guint pages = 0;
  struct rusage usage;

  pm_export_options_init (&options);
  options.paper = PM_PAPER_A4;
  options.language = "en";
  options.now = now;

  for (guint run = 0; run < N_MD_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_seconds ();
      g_autofree char *markdown = pm_markdown_writer_write (document, &options);

      md[run] = (g_get_monotonic_time () - start) / 1e6;
      md_cpu[run] = cpu_seconds () - cpu;
      md_bytes = strlen (markdown);
    }

  for (guint run = 0; run < N_PDF_RUNS; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double cpu = cpu_seconds ();
      g_autoptr(PmPdfWriter) writer = pm_pdf_writer_new (document, &options, 0, 0);
      gint64 laid_out = g_get_monotonic_time ();
      g_autoptr(GBytes) bytes = pm_pdf_writer_write_bytes (writer, NULL);

      layout_time[run] = (laid_out - start) / 1e6;

      pdf[run] = (g_get_monotonic_time () - start) / 1e6;
      pdf_cpu[run] = cpu_seconds () - cpu;
      pdf_bytes = g_bytes_get_size (bytes);
      pages = pm_pdf_writer_get_n_pages (writer);
    }

  getrusage (RUSAGE_SELF, &usage);
  printf ("full protocol of %u events, medians (wall clock, processor time):\n", N_EVENTS);
  printf ("  Markdown  %7.3f s  %7.3f s  (%" G_GSIZE_FORMAT " bytes; target < 0.5 s)\n",
          median (md, N_MD_RUNS), median (md_cpu, N_MD_RUNS), md_bytes);
  printf ("  PDF       %7.3f s  %7.3f s  (%u pages, %" G_GSIZE_FORMAT " bytes; target < 5 s)\n",
          median (pdf, N_PDF_RUNS), median (pdf_cpu, N_PDF_RUNS), pages, pdf_bytes);
  printf ("    of which layout %5.3f s, drawing and writing the rest\n", median (layout_time, N_PDF_RUNS));
  printf ("  peak RSS  %7.1f MiB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
