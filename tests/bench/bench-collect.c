/* bench-collect.c — collecting participants' copies into a 500- and a 9,000-event postmortem
 *
 * Prepares a copy for each of two participants, adds 20 events to each and changes one known
 * event in each (proposals: the events are nobody's), then times pm_collect_copies() (read both
 * files, weigh each as a contribution, apply
 * as one undo step) on a fresh load of the document, and the undo of it. Prints medians; it
 * reports, it does not assert on times. The app collects on the main thread: the figure says
 * how long the window waits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "pm-collect.h"
#include "pm-document-format.h"
#include "pm-participant-copy.h"

#define N_EVENTS 9000
#define N_RUNS   7

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

static PmDocument *
make_document (guint n_events)
{
  PmDocument *document = pm_document_new ();
  const char *people[][2] = { { "p-ana", "Ana Lima" }, { "p-ben", "Ben Okoro" },
                              { "p-cai", "Cai Wen" } };

  pm_document_set (document, document, "title", "Benchmark: collecting copies", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(PmParticipant) participant = pm_participant_new (people[i][0]);

      pm_participant_set_name (participant, people[i][1]);
      pm_document_append (document, pm_document_get_participants (document), participant);
    }
  for (guint i = 0; i < n_events; i++)
    {
      g_autofree char *id = g_strdup_printf ("ev-%05u", i);
      g_autofree char *text = g_strdup_printf ("Event %u: the pipeline printed its environment to "
                                               "the public log; the on-call saw it %u minutes later.",
                                               i, i % 17);
      g_autoptr(PmTime) time = pm_time_new (1729900000 + 60 * (gint64) i, 7200,
                                            PM_TIME_PRECISION_MINUTE);
      g_autoptr(PmEvent) event = pm_event_new (id);

      g_object_set (event, "time", time, "text", text, "actor", "CI/CD", NULL);
      pm_document_append (document, pm_document_get_events (document), event);
    }
  return document;
}

static char *
write_copy (PmDocument *document,
            const char *dir,
            const char *participant,
            guint       seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) copy = pm_participant_copy_new (document, participant, &error);
  g_autofree char *name = g_strdup_printf ("%s.pmortem", participant);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(PmEvent) changed = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *id = g_strdup_printf ("ev-%s-%u", participant, i);
      g_autofree char *text = g_strdup_printf ("%s remembers step %u of the response", participant, i);
      g_autoptr(PmTime) time = pm_time_new (1729900000 + 60 * (gint64) (i * 400 + seed), 7200,
                                            PM_TIME_PRECISION_MINUTE);
      g_autoptr(PmEvent) event = pm_event_new (id);

      g_object_set (event, "time", time, "text", text, NULL);
      pm_document_add_event (copy, event);
    }
  changed = g_list_model_get_item (pm_document_get_events (copy), 10 + seed);
  pm_document_set (copy, changed, "text", "Told again, with more detail", NULL);
  g_assert_true (pm_document_save_to_file (copy, path, &error));
  return path;
}

static void
run (guint n_events)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pm-bench-collect-XXXXXX", &error);
  g_autoptr(PmDocument) document = make_document (n_events);
  g_autofree char *data = NULL;
  g_autofree char *copy_a = NULL;
  g_autofree char *copy_b = NULL;
  GFile *files[2];
  double collect[N_RUNS], undo[N_RUNS];
  gsize length;

  g_assert_no_error (error);
  data = pm_document_serialize (document, &length);
  copy_a = write_copy (document, dir, "p-ben", 3);
  copy_b = write_copy (document, dir, "p-cai", 7);
  files[0] = g_file_new_for_path (copy_a);
  files[1] = g_file_new_for_path (copy_b);

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr(PmDocument) open = pm_document_load_from_data (data, length, "bench", &error);
      g_autoptr(PmCollectSummary) summary = NULL;
      gint64 start;

      g_assert_no_error (error);
      start = g_get_monotonic_time ();
      summary = pm_collect_copies (open, files, 2);
      collect[i] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_cmpuint (summary->skipped->len, ==, 0);
      g_assert_cmpuint (summary->n_new_events, ==, 40);
      /* The changed events are nobody's: proposed. */
      g_assert_cmpuint (summary->n_proposals, ==, 2);
      start = g_get_monotonic_time ();
      g_assert_true (pm_document_undo (open));
      undo[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  printf ("collect 2 copies into %u events (40 new, 2 proposed changes): median %.1f ms; "
          "undo: median %.1f ms\n", n_events, median (collect), median (undo));

  g_object_unref (files[0]);
  g_object_unref (files[1]);
  g_unlink (copy_a);
  g_unlink (copy_b);
  g_rmdir (dir);
}

int
main (void)
{
  /* A long meeting's timeline, and one near the limit of 10,000 events (the 40 collected
   * must still fit). */
  if (g_getenv ("BENCH_ONLY_LARGE") == NULL)
    run (500);
  run (N_EVENTS);
  return 0;
}
