/* bench-document.c — loading and saving a 10,000-event postmortem
 *
 * Prints medians over several runs and the ratio of our full load (strict parse, validation,
 * model) to a bare json-glib parse of the same bytes. Targets from the issue: load at most 1.5×
 * the bare parse; saving 10,000 events under 100 ms. It reports, it does not assert on times.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>

#include "pm-document-format.h"

#define N_EVENTS 10000
#define N_RUNS   15

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

/* A document the size of a very long event-storming session, with realistic text. */
static char *
make_document (gsize *length)
{
  static const char * const kinds[] = { "trigger", "detection", "response", "communication",
                                        "recovery", "background" };
  static const char * const actors[] = { "CI/CD", "Security Ops", "Release engineering",
                                         "Support", "Attacker", "Customer" };
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmParticipant) participant = pm_participant_new ("p-ana");
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

  pm_participant_set_name (participant, "Ana Lima");
  pm_document_set (document, document, "title", "Benchmark: a very long timeline",
                   "timezone", "Europe/Berlin", NULL);
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
      if (i % 3 == 0)
        pm_event_set_contributor (event, "p-ana");
      pm_event_set_contributed (event, i % 7 == 0);
      g_ptr_array_add (events, event);
    }
  g_list_store_splice (G_LIST_STORE (pm_document_get_events (document)), 0, 0,
                       events->pdata, events->len);

  return pm_document_serialize (document, length);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pmortem-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.pmortem", NULL);
  double bare[N_RUNS], load[N_RUNS], serialize[N_RUNS], save[N_RUNS];
  gsize length;

  data = make_document (&length);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(PmDocument) document = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      gsize out_length;
      gint64 start;

      start = g_get_monotonic_time ();
      if (!json_parser_load_from_data (parser, data, length, &error))
        g_error ("%s", error->message);
      bare[run] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      document = pm_document_load_from_data (data, length, "bench", &error);
      if (document == NULL)
        g_error ("%s", error->message);
      load[run] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      out = pm_document_serialize (document, &out_length);
      serialize[run] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      if (!pm_document_save_to_file (document, path, &error))
        g_error ("%s", error->message);
      save[run] = (g_get_monotonic_time () - start) / 1000.0;
    }

  printf ("document: %d events, %" G_GSIZE_FORMAT " bytes; medians of %d runs\n",
          N_EVENTS, length, N_RUNS);
  printf ("  bare json-glib parse:             %7.1f ms\n", median (bare));
  printf ("  load (strict parse, checks, model): %5.1f ms  = %.2f× the bare parse (target ≤ 1.50×)\n",
          median (load), median (load) / median (bare));
  printf ("  serialize:                        %7.1f ms\n", median (serialize));
  printf ("  save (serialize, atomic write, fsync): %.1f ms (target < 100 ms)\n", median (save));

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
