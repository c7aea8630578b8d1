/* test-autosaver.c — drafts are written within the interval even while typing, never on load,
 * not after a real save, on demand for quit, and retried when the disk refuses; a kill -9
 * loses nothing that was autosaved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* kill(): POSIX. */
#ifndef _XOPEN_SOURCE
# define _XOPEN_SOURCE 700
#endif

#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "pm-atomic-file.h"
#include "pm-autosaver-private.h"
#include "pm-document-format.h"
#include "pm-draft-store.h"
#include "pm-limits.h"

#include "test-util.h"

#define INTERVAL_MS 50
#define CRASH_TITLE "Leaked deploy key (edited before the crash)"

/* Set by main() in the parent; inherited by the crashing child. */
#define CRASH_DIR_VARIABLE "PM_TEST_CRASH_DIR"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  char         *dir;
  char         *drafts;
  PmDraftStore *store;
  PmDocument   *document;
  PmDraft      *draft;
  PmAutosaver  *autosaver;
  PmClock      *clock;        /* the autosaver's timers run on it */
  guint         saved;
  guint         failed;
  GError       *last_error;
} Fixture;

/* Lets a draft being written in a worker finish, and its "saved" or "failed" run. */
static void
settle (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      if (g_main_context_iteration (NULL, FALSE))
        continue;
      if (fixture->autosaver == NULL || !_pm_autosaver_get_writing (fixture->autosaver))
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100);
    }
}

/* Moves the fake clock on by @ms, a millisecond at a time; a write that starts ends before the
 * clock moves on. */
static void
run_for (Fixture *fixture,
         guint    ms)
{
  settle (fixture);
  for (guint t = 0; t < ms; t++)
    {
      pm_clock_advance (fixture->clock, 1000);
      settle (fixture);
    }
}

/* Moves the fake clock on by @ms and runs what falls due, without waiting for the write that
 * starts: the test goes on while it runs. */
/* Runs the fake clock on until *@counter reaches @target or @timeout_ms of its time pass. */
static gboolean
wait_for_count (Fixture *fixture,
                guint   *counter,
                guint    target,
                guint    timeout_ms)
{
  settle (fixture);
  for (guint t = 0; *counter < target && t < timeout_ms; t++)
    {
      pm_clock_advance (fixture->clock, 1000);
      settle (fixture);
    }
  return *counter >= target;
}

static void
on_saved (PmAutosaver *autosaver,
          Fixture     *fixture)
{
  fixture->saved++;
}

static void
on_failed (PmAutosaver *autosaver,
           GError      *error,
           Fixture     *fixture)
{
  g_assert_nonnull (error);
  g_clear_error (&fixture->last_error);
  fixture->last_error = g_error_copy (error);
  fixture->failed++;
}

static PmDocument *
load_example (char   **data,
              gsize   *length)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = pm_test_example_path ();
  PmDocument *document;

  pm_file_read_bounded (path, PM_LIMIT_FILE_BYTES, data, length, &error);
  g_assert_no_error (error);
  document = pm_document_load_from_data (*data, *length, "leaked-deploy-key.pmortem", &error);
  g_assert_no_error (error);
  return document;
}

static void
attach (Fixture    *fixture,
        const char *drafts)
{
  g_autofree char *data = NULL;
  g_autofree char *path = pm_test_example_path ();
  gsize length = 0;

  fixture->store = pm_draft_store_new (drafts);
  fixture->document = load_example (&data, &length);
  fixture->draft = pm_draft_store_create_draft (fixture->store, path, data, length);
  fixture->autosaver = pm_autosaver_new (fixture->document, fixture->store, fixture->draft);
  _pm_autosaver_set_clock (fixture->autosaver, fixture->clock);
  pm_autosaver_set_interval_ms (fixture->autosaver, INTERVAL_MS);
  g_signal_connect (fixture->autosaver, "saved", G_CALLBACK (on_saved), fixture);
  g_signal_connect (fixture->autosaver, "failed", G_CALLBACK (on_failed), fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->clock = pm_clock_new_fake (0);
  fixture->dir = pm_test_make_tmp_dir ("pm-autosave-XXXXXX");
  fixture->drafts = g_build_filename (fixture->dir, "drafts", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* Let a write still in flight finish before its folder goes. */
  settle (fixture);
  g_clear_object (&fixture->autosaver);
  g_clear_object (&fixture->draft);
  g_clear_object (&fixture->document);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  g_clear_error (&fixture->last_error);
  pm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->drafts);
}

static void
set_title (PmDocument *document,
           const char *title)
{
  pm_document_set (document, document, "title", title, NULL);
}

/* The title in the draft on disk, as recovery would see it; NULL when there is no draft. */
static char *
draft_title (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(GPtrArray) infos = pm_draft_store_list (store, NULL, &error);

  g_assert_no_error (error);
  if (infos->len == 0)
    return NULL;
  g_assert_cmpuint (infos->len, ==, 1);
  return g_strdup (pm_draft_info_get_title (g_ptr_array_index (infos, 0)));
}

static gboolean
draft_exists (Fixture *fixture)
{
  g_autofree char *name = g_strconcat (pm_draft_get_id (fixture->draft), ".pmortem", NULL);
  g_autofree char *path = g_build_filename (fixture->drafts, name, NULL);

  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_properties (Fixture       *fixture,
                 gconstpointer  user_data)
{
  guint seconds = 0;

  attach (fixture, fixture->drafts);
  pm_autosaver_set_interval (fixture->autosaver, 3);
  g_assert_cmpuint (pm_autosaver_get_interval (fixture->autosaver), ==, 3);
  g_assert_cmpuint (pm_autosaver_get_interval_ms (fixture->autosaver), ==, 3000);
  g_object_set (fixture->autosaver, "interval", 10, NULL);
  g_object_get (fixture->autosaver, "interval", &seconds, NULL);
  g_assert_cmpuint (seconds, ==, 10);
  g_assert_cmpuint (pm_autosaver_get_interval_ms (fixture->autosaver), ==, 10000);
  g_assert_true (pm_autosaver_get_document (fixture->autosaver) == fixture->document);
  g_assert_true (pm_autosaver_get_draft (fixture->autosaver) == fixture->draft);
}

static void
test_during_continuous_edits (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *on_disk = NULL;
  g_autofree char *last = NULL;
  guint saved_while_editing;
  gint64 start, stop;

  attach (fixture, fixture->drafts);

  /* An edit every 10 ms for five intervals: an idle-gated or pushed-back timer never fires. */
  start = pm_clock_get_now (fixture->clock);
  stop = start + 5 * INTERVAL_MS * 1000;
  for (guint i = 0; pm_clock_get_now (fixture->clock) < stop; i++)
    {
      g_free (last);
      last = g_strdup_printf ("Typing, keystroke %u", i);
      set_title (fixture->document, last);
      run_for (fixture, 10);
    }
  saved_while_editing = fixture->saved;
  g_test_message ("%u drafts written during %d ms of typing", saved_while_editing,
                  5 * INTERVAL_MS);
  /* On the fake clock a draft is written every interval, however fast the typing. */
  g_assert_cmpuint (saved_while_editing, >=, 4);
  g_assert_cmpuint (fixture->failed, ==, 0);

  /* After the typing stops, the last keystroke reaches the draft within an interval. */
  run_for (fixture, INTERVAL_MS);
  g_assert_false (pm_autosaver_get_pending (fixture->autosaver));
  on_disk = draft_title (fixture);
  g_assert_cmpstr (on_disk, ==, last);
}

static void
test_first_save_within_interval (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  gint64 start;
  gint64 elapsed_ms;

  attach (fixture, fixture->drafts);
  start = pm_clock_get_now (fixture->clock);
  set_title (fixture->document, "One change");
  g_assert_true (pm_autosaver_get_pending (fixture->autosaver));
  g_assert_true (wait_for_count (fixture, &fixture->saved, 1, 5000));
  elapsed_ms = (pm_clock_get_now (fixture->clock) - start) / 1000;
  g_test_message ("first draft after %" G_GINT64_FORMAT " ms", elapsed_ms);
  g_assert_cmpint (elapsed_ms, >=, INTERVAL_MS - 5);
  g_assert_true (draft_exists (fixture));
}

static void
test_not_on_load (Fixture       *fixture,
                  gconstpointer  user_data)
{
  attach (fixture, fixture->drafts);
  g_assert_false (pm_autosaver_get_pending (fixture->autosaver));

  run_for (fixture, 6 * INTERVAL_MS);
  g_assert_cmpuint (fixture->saved, ==, 0);
  g_assert_false (draft_exists (fixture));
  g_assert_false (g_file_test (fixture->drafts, G_FILE_TEST_EXISTS));
}

static void
test_stops_after_save (Fixture       *fixture,
                       gconstpointer  user_data)
{
  attach (fixture, fixture->drafts);

  set_title (fixture->document, "Before the real save");
  g_assert_true (wait_for_count (fixture, &fixture->saved, 1, 5000));

  /* Saved for real: the app discards the draft, the autosaver goes quiet. */
  pm_document_mark_saved (fixture->document);
  g_assert_true (pm_draft_store_discard (fixture->store, fixture->draft, NULL));
  g_assert_false (pm_autosaver_get_pending (fixture->autosaver));
  run_for (fixture, 6 * INTERVAL_MS);
  g_assert_cmpuint (fixture->saved, ==, 1);
  g_assert_false (draft_exists (fixture));

  /* A change, then a save before the timer fires: nothing is written. */
  set_title (fixture->document, "Saved quickly");
  pm_document_mark_saved (fixture->document);
  run_for (fixture, 6 * INTERVAL_MS);
  g_assert_cmpuint (fixture->saved, ==, 1);
  g_assert_false (draft_exists (fixture));

  /* The next change starts again. */
  set_title (fixture->document, "After the real save");
  g_assert_true (wait_for_count (fixture, &fixture->saved, 2, 5000));
  g_assert_true (draft_exists (fixture));

  /* Undo to the saved state and redo: the redone state is written again. */
  pm_document_mark_saved (fixture->document);
  g_assert_true (pm_draft_store_discard (fixture->store, fixture->draft, NULL));
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_true (pm_document_get_modified (fixture->document));
  g_assert_true (wait_for_count (fixture, &fixture->saved, 3, 5000));
  g_assert_true (draft_exists (fixture));
}

/* Meeting progress changes the document without an undo step: each change still reaches the
 * draft, also when the undo state is the one already written. */
static gint64
draft_spent_seconds (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(GPtrArray) infos = pm_draft_store_list (store, NULL, &error);
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(PmAgendaStep) step = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  document = pm_draft_store_load (store, g_ptr_array_index (infos, 0), &error);
  g_assert_no_error (error);
  step = g_list_model_get_item (pm_document_get_agenda (document), 0);
  return pm_agenda_step_get_spent_seconds (step);
}

static void
test_progress_without_undo (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(PmAgendaStep) step = NULL;

  attach (fixture, fixture->drafts);
  step = g_list_model_get_item (pm_document_get_agenda (fixture->document), 0);

  pm_document_set_without_undo (fixture->document, step, "spent-seconds", (gint64) 60, NULL);
  g_assert_true (pm_autosaver_get_pending (fixture->autosaver));
  g_assert_true (wait_for_count (fixture, &fixture->saved, 1, 5000));
  g_assert_cmpint (draft_spent_seconds (fixture), ==, 60);
  g_assert_false (pm_autosaver_get_pending (fixture->autosaver));

  /* The same undo state as the draft on disk, but newer progress: written again. */
  pm_document_set_without_undo (fixture->document, step, "spent-seconds", (gint64) 120, NULL);
  g_assert_true (pm_autosaver_get_pending (fixture->autosaver));
  g_assert_true (wait_for_count (fixture, &fixture->saved, 2, 5000));
  g_assert_cmpint (draft_spent_seconds (fixture), ==, 120);
}

static void
test_flush (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *on_disk = NULL;

  attach (fixture, fixture->drafts);
  pm_autosaver_set_interval (fixture->autosaver, PM_AUTOSAVER_MAX_INTERVAL);

  /* Unmodified: nothing to write. */
  g_assert_true (pm_autosaver_flush (fixture->autosaver, &error));
  g_assert_no_error (error);
  g_assert_false (draft_exists (fixture));

  set_title (fixture->document, "Flushed on quit");
  g_assert_true (pm_autosaver_flush (fixture->autosaver, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->saved, ==, 1);
  g_assert_false (pm_autosaver_get_pending (fixture->autosaver));
  on_disk = draft_title (fixture);
  g_assert_cmpstr (on_disk, ==, "Flushed on quit");

  /* The timer was cancelled: nothing more happens. */
  run_for (fixture, 3 * INTERVAL_MS);
  g_assert_cmpuint (fixture->saved, ==, 1);
}

static void
test_flush_while_writing (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  attach (fixture, fixture->drafts);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *title = g_strdup_printf ("Flush %u", i);
      g_autofree char *on_disk = NULL;

      set_title (fixture->document, "queued");
      /* Let the timer start a write, then flush a newer state over it. */
      pm_test_run_clock (fixture->clock, INTERVAL_MS + (i % 5));
      set_title (fixture->document, title);
      g_assert_true (pm_autosaver_flush (fixture->autosaver, &error));
      g_assert_no_error (error);
      run_for (fixture, 20);
      on_disk = draft_title (fixture);
      g_assert_cmpstr (on_disk, ==, title);
    }
}

static void
test_failure_and_retry (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *blocker = g_build_filename (fixture->dir, "blocker", NULL);
  g_autofree char *drafts = g_build_filename (blocker, "drafts", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) check = NULL;
  g_autoptr(GPtrArray) infos = NULL;

  /* A regular file where the drafts folder should go: refused even for root. */
  g_file_set_contents (blocker, "in the way", -1, &error);
  g_assert_no_error (error);
  attach (fixture, drafts);

  set_title (fixture->document, "Nowhere to write");
  g_assert_true (wait_for_count (fixture, &fixture->failed, 1, 5000));
  g_assert_error (fixture->last_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_cmpuint (fixture->saved, ==, 0);
  g_assert_true (pm_autosaver_get_pending (fixture->autosaver));

  /* Retried by itself, with growing delays. */
  g_assert_true (wait_for_count (fixture, &fixture->failed, 3, 10000));

  /* flush reports the error too. */
  g_assert_false (pm_autosaver_flush (fixture->autosaver, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_clear_error (&error);

  /* The disk is fixed: the next retry succeeds without a new edit. */
  g_assert_cmpint (g_unlink (blocker), ==, 0);
  g_assert_true (wait_for_count (fixture, &fixture->saved, 1, 20000));
  check = pm_draft_store_new (drafts);
  infos = pm_draft_store_list (check, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_cmpstr (pm_draft_info_get_title (g_ptr_array_index (infos, 0)), ==,
                   "Nowhere to write");
}

static void
test_unref_while_writing (Fixture       *fixture,
                          gconstpointer  user_data)
{
  attach (fixture, fixture->drafts);
  set_title (fixture->document, "Window closed mid-write");
  pm_autosaver_set_interval_ms (fixture->autosaver, 10);
  /* Close the window while the write is running. */
  pm_test_run_clock (fixture->clock, 12);
  g_clear_object (&fixture->autosaver);
  /* Nothing to ask any more: give the worker real time to end before the folder goes. */
  {
    gint64 end = g_get_monotonic_time () + 100 * 1000;

    while (g_get_monotonic_time () < end)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
  }
}

/* The child: edits, lets the autosaver write, and dies as if by kill -9. */
static void
crash_child (void)
{
  g_autoptr(GError) error = NULL;
  const char *drafts = g_getenv (CRASH_DIR_VARIABLE);
  g_autofree char *data = NULL;
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(PmDraftStore) store = NULL;
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(PmDraft) draft = NULL;
  g_autoptr(PmAutosaver) autosaver = NULL;
  gsize length = 0;
  Fixture counts = { 0 };

  g_assert_nonnull (drafts);
  store = pm_draft_store_new (drafts);
  pm_draft_store_begin_session (store, &error);
  g_assert_no_error (error);

  document = load_example (&data, &length);
  draft = pm_draft_store_create_draft (store, path, data, length);
  autosaver = pm_autosaver_new (document, store, draft);
  counts.clock = pm_clock_new_fake (0);
  counts.autosaver = autosaver;
  _pm_autosaver_set_clock (autosaver, counts.clock);
  pm_autosaver_set_interval_ms (autosaver, INTERVAL_MS);
  g_signal_connect (autosaver, "saved", G_CALLBACK (on_saved), &counts);

  set_title (document, CRASH_TITLE);
  g_assert_true (wait_for_count (&counts, &counts.saved, 1, 10000));

  /* More typing that the autosaver has not reached yet; this is what a crash may lose. */
  set_title (document, "Typed in the last moment");

  kill (getpid (), SIGKILL);
  g_assert_not_reached ();
}

static void
test_crash_recovery (void)
{
  const char *drafts = g_getenv (CRASH_DIR_VARIABLE);
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GPtrArray) quarantined = NULL;
  g_autoptr(PmDocument) recovered = NULL;
  g_autofree char *path = pm_test_example_path ();
  PmDraftInfo *info;

  if (g_test_subprocess ())
    {
      crash_child ();
      return;
    }

  g_assert_nonnull (drafts);
  g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_assert_false (g_test_trap_has_passed ());

  /* The next start. */
  store = pm_draft_store_new (drafts);
  g_assert_true (pm_draft_store_get_previous_session_crashed (store));
  pm_draft_store_begin_session (store, &error);
  g_assert_no_error (error);
  g_assert_true (pm_draft_store_get_previous_session_crashed (store));

  infos = pm_draft_store_list (store, &quarantined, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarantined->len, ==, 0);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (pm_draft_info_get_title (info), ==, CRASH_TITLE);
  g_assert_true (pm_draft_info_get_crashed (info));
  g_assert_cmpstr (pm_draft_info_get_base_path (info), ==, path);
  g_assert_cmpint (pm_draft_info_get_base_state (info), ==, PM_DRAFT_BASE_UNCHANGED);

  recovered = pm_draft_store_load (store, info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pm_document_get_title (recovered), ==, CRASH_TITLE);

  pm_draft_store_end_session (store, &error);
  g_assert_no_error (error);
  pm_test_remove_tree (drafts);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *crash_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The crashing child is this program run again; it finds the folder here. */
  if (g_getenv (CRASH_DIR_VARIABLE) == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("pm-crash-XXXXXX", &error);

      g_assert_no_error (error);
      crash_dir = g_build_filename (dir, "drafts", NULL);
      g_setenv (CRASH_DIR_VARIABLE, crash_dir, TRUE);
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/autosaver/properties", test_properties);
  ADD ("/autosaver/during-continuous-edits", test_during_continuous_edits);
  ADD ("/autosaver/first-save-within-interval", test_first_save_within_interval);
  ADD ("/autosaver/not-on-load", test_not_on_load);
  ADD ("/autosaver/stops-after-save", test_stops_after_save);
  ADD ("/autosaver/flush", test_flush);
  ADD ("/autosaver/flush-while-writing", test_flush_while_writing);
  ADD ("/autosaver/failure-and-retry", test_failure_and_retry);
  ADD ("/autosaver/unref-while-writing", test_unref_while_writing);
  ADD ("/autosaver/progress-without-undo", test_progress_without_undo);
  g_test_add_func ("/autosaver/crash-recovery", test_crash_recovery);

#undef ADD

  status = g_test_run ();

  if (crash_dir != NULL)
    {
      g_autofree char *parent = g_path_get_dirname (crash_dir);

      pm_test_remove_tree (parent);
    }
  return status;
}
