/* test-file-watcher.c — someone else's change is noticed, our own saves and a touch are not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* utime(): POSIX. */
#ifndef _XOPEN_SOURCE
# define _XOPEN_SOURCE 700
#endif

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "pm-atomic-file.h"
#include "pm-file-watcher-private.h"

#include "test-util.h"

#define CONTENTS "{\"format\": \"pmortem\", \"title\": \"Ours\"}\n"
#define THEIRS   "{\"format\": \"pmortem\", \"title\": \"Theirs\"}\n"

/* How long the watcher waits for more events before it reads the file (pm-file-watcher.c). */
#define DEBOUNCE_MS 100

/* Timers run on a fake clock, so no test waits for them. Only the monitors' events come in real
 * time, from the kernel (GLib may hold them back up to 100 ms): a change must be noticed within
 * this much real time. Where nothing must be reported, the test makes a file of its own in the
 * folder and waits for its event: what happened before has reached the watcher by then. */
#define NOTICE_MS 5000

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  char          *dir;
  char          *path;
  PmClock       *clock;
  PmFileWatcher *watcher;
  guint          changed;
  guint          deleted;
  GFileMonitor  *markers;        /* the test's own monitor on the folder */
  guint          markers_made;
  guint          markers_seen;
} Fixture;

/* One step of the main loop: runs what is ready; lets a waiting debounce go by moving the fake
 * clock on; otherwise sleeps a moment (for a check in a worker, or the kernel). Returns whether
 * anything happened or is under way. */
static gboolean
step (Fixture *fixture)
{
  if (g_main_context_iteration (NULL, FALSE))
    return TRUE;
  if (fixture->watcher != NULL && _pm_file_watcher_get_busy (fixture->watcher))
    {
      pm_clock_advance (fixture->clock, DEBOUNCE_MS * 1000);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (200);
      return TRUE;
    }
  g_usleep (1000);
  return FALSE;
}

/* Runs until *@counter reaches @target; FALSE after NOTICE_MS of real time. */
static gboolean
wait_for_count (Fixture *fixture,
                guint   *counter,
                guint    target)
{
  gint64 deadline = g_get_monotonic_time () + NOTICE_MS * 1000;

  while (*counter < target && g_get_monotonic_time () < deadline)
    step (fixture);
  return *counter >= target;
}

static void
on_marker_event (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event_type,
                 Fixture           *fixture)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *expected = g_strdup_printf ("marker-%u", fixture->markers_made);

  if (event_type == G_FILE_MONITOR_EVENT_CREATED && strcmp (name, expected) == 0)
    fixture->markers_seen = fixture->markers_made;
}

/* Runs until the events of what the test did have come and every check they led to is done. */
static void
settle (Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + NOTICE_MS * 1000;
  g_autofree char *name = g_strdup_printf ("marker-%u", ++fixture->markers_made);
  g_autofree char *marker = g_build_filename (fixture->dir, name, NULL);
  FILE *file = fopen (marker, "w");

  g_assert_nonnull (file);
  fclose (file);
  while (fixture->markers_seen < fixture->markers_made)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      step (fixture);
    }
  while (step (fixture))
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
}

/* Moves the fake clock on by @ms without waiting for anything: checks start and the test goes
 * on while they run. */
/* Moves the fake clock on by @ms, 10 ms at a time, and lets every check that falls due end. */
static void
advance (Fixture *fixture,
         guint    ms)
{
  for (guint t = 0; t < ms; t += 10)
    {
      gint64 deadline = g_get_monotonic_time () + NOTICE_MS * 1000;

      pm_test_run_clock (fixture->clock, 10);
      while (_pm_file_watcher_get_busy (fixture->watcher) && g_get_monotonic_time () < deadline)
        {
          if (!g_main_context_iteration (NULL, FALSE))
            g_usleep (200);
        }
    }
}

static void
on_changed (PmFileWatcher *watcher,
            Fixture       *fixture)
{
  fixture->changed++;
}

static void
on_deleted (PmFileWatcher *watcher,
            Fixture       *fixture)
{
  fixture->deleted++;
}

static void
write_file (const char *path,
            const char *data)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
}

static void
watch (Fixture       *fixture,
       PmFileWatcher *watcher)
{
  fixture->watcher = watcher;
  _pm_file_watcher_set_clock (watcher, fixture->clock);
  pm_file_watcher_set_known_contents (watcher, CONTENTS, strlen (CONTENTS));
  g_signal_connect (watcher, "changed", G_CALLBACK (on_changed), fixture);
  g_signal_connect (watcher, "deleted", G_CALLBACK (on_deleted), fixture);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->clock = pm_clock_new_fake (0);
  fixture->dir = pm_test_make_tmp_dir ("pm-watch-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "incident.pmortem", NULL);
  write_file (fixture->path, CONTENTS);
  {
    g_autoptr(GFile) folder = g_file_new_for_path (fixture->dir);

    fixture->markers = g_file_monitor_directory (folder, G_FILE_MONITOR_NONE, NULL, &error);
    g_assert_no_error (error);
    g_signal_connect (fixture->markers, "changed", G_CALLBACK (on_marker_event), fixture);
  }

  if (user_data == NULL)
    watch (fixture, pm_file_watcher_new (fixture->path));

  /* Let the monitors settle, so that events from set-up are not counted. */
  settle (fixture);
  g_assert_cmpuint (fixture->changed, ==, 0);
  g_assert_cmpuint (fixture->deleted, ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* A check in flight holds no reference, but let it end before the folder goes. */
  if (fixture->watcher != NULL)
    settle (fixture);
  g_clear_object (&fixture->watcher);
  g_clear_object (&fixture->clock);
  g_file_monitor_cancel (fixture->markers);
  g_clear_object (&fixture->markers);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (fixture->dir, name, NULL);
      g_assert_cmpint (g_unlink (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/* E1: `echo >> doc` by another program. */
static void
test_append_in_place (Fixture       *fixture,
                      gconstpointer  user_data)
{
  FILE *file = fopen (fixture->path, "a");
  gint64 start = g_get_monotonic_time ();

  g_assert_nonnull (file);
  fputs ("appended\n", file);
  fclose (file);

  g_assert_true (wait_for_count (fixture, &fixture->changed, 1));
  g_test_message ("noticed after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpint (pm_file_watcher_get_disk_state (fixture->watcher), ==,
                   PM_FILE_DISK_STATE_CHANGED);

  /* Once per change, not per event. */
  settle (fixture);
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_cmpuint (fixture->deleted, ==, 0);

  /* A second, different change is reported again. */
  write_file (fixture->path, THEIRS);
  g_assert_true (wait_for_count (fixture, &fixture->changed, 2));
}

/* E2: another editor or git writes a temporary file and renames it over ours. */
static void
test_replace_by_rename (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *temp = g_build_filename (fixture->dir, ".incident.pmortem.XYZ123", NULL);

  write_file (temp, THEIRS);
  settle (fixture);
  g_assert_cmpint (g_rename (temp, fixture->path), ==, 0);

  g_assert_true (wait_for_count (fixture, &fixture->changed, 1));
  g_assert_cmpuint (fixture->deleted, ==, 0);
  g_assert_cmpint (pm_file_watcher_get_disk_state (fixture->watcher), ==,
                   PM_FILE_DISK_STATE_CHANGED);

  /* Reload: we now know their bytes, and the state is back to normal. */
  pm_file_watcher_set_known_contents (fixture->watcher, THEIRS, strlen (THEIRS));
  g_assert_cmpint (pm_file_watcher_get_disk_state (fixture->watcher), ==,
                   PM_FILE_DISK_STATE_UNCHANGED);

  /* And again, from a folder elsewhere (mv across folders of one filesystem). */
  {
    g_autofree char *other_dir = g_build_filename (fixture->dir, "sub", NULL);
    g_autofree char *other = g_build_filename (other_dir, "new.pmortem", NULL);

    g_assert_cmpint (g_mkdir (other_dir, 0700), ==, 0);
    write_file (other, CONTENTS);
    g_assert_cmpint (g_rename (other, fixture->path), ==, 0);
    g_assert_cmpint (g_rmdir (other_dir), ==, 0);
    g_assert_true (wait_for_count (fixture, &fixture->changed, 2));
  }
}

/* E3: deleted, or moved away. */
static void
test_delete (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *moved = g_build_filename (fixture->dir, "moved-away.pmortem", NULL);

  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_true (wait_for_count (fixture, &fixture->deleted, 1));
  g_assert_cmpuint (fixture->changed, ==, 0);
  g_assert_cmpint (pm_file_watcher_get_disk_state (fixture->watcher), ==,
                   PM_FILE_DISK_STATE_DELETED);

  /* Put back as it was (git checkout): all is well again, quietly. */
  write_file (fixture->path, CONTENTS);
  settle (fixture);
  g_assert_cmpint (pm_file_watcher_get_disk_state (fixture->watcher), ==,
                   PM_FILE_DISK_STATE_UNCHANGED);
  g_assert_cmpuint (fixture->changed, ==, 0);

  /* Moved away. */
  g_assert_cmpint (g_rename (fixture->path, moved), ==, 0);
  g_assert_true (wait_for_count (fixture, &fixture->deleted, 2));
  g_assert_cmpuint (fixture->changed, ==, 0);
}

/* E5: touch changes the time, not the bytes. */
static void
test_touch (Fixture       *fixture,
            gconstpointer  user_data)
{
  struct utimbuf later = { .actime = time (NULL) + 60, .modtime = time (NULL) + 60 };

  g_assert_cmpint (utime (fixture->path, &later), ==, 0);
  settle (fixture);
  g_assert_cmpuint (fixture->changed, ==, 0);
  g_assert_cmpuint (fixture->deleted, ==, 0);

  /* Rewritten with the very same bytes by someone else: still nothing to report. */
  write_file (fixture->path, CONTENTS);
  settle (fixture);
  g_assert_cmpuint (fixture->changed, ==, 0);
  g_assert_cmpint (pm_file_watcher_get_disk_state (fixture->watcher), ==,
                   PM_FILE_DISK_STATE_UNCHANGED);
}

/* E4: our own saves, the simple way: known bytes first, then the write. */
static void
test_own_saves (Fixture       *fixture,
                gconstpointer  user_data)
{
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = g_strdup_printf ("{\"format\": \"pmortem\", \"save\": %u}\n", i);

      pm_file_watcher_set_known_contents (fixture->watcher, data, strlen (data));
      pm_atomic_file_write (fixture->path, data, strlen (data), &error);
      g_assert_no_error (error);
      /* Vary the pace so that checks run before, during and after the next save. */
      pm_test_run_clock (fixture->clock, i % 7 * 10);
    }

  settle (fixture);
  g_assert_cmpuint (fixture->changed, ==, 0);
  g_assert_cmpuint (fixture->deleted, ==, 0);
}

/* E4 again, for a save written in a worker: pause, write, tell, resume. */
static gpointer
write_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  char **args = data;

  pm_atomic_file_write (args[0], args[1], strlen (args[1]), &error);
  g_assert_no_error (error);
  return NULL;
}

static void
test_own_saves_paused (Fixture       *fixture,
                       gconstpointer  user_data)
{
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *data = g_strdup_printf ("{\"format\": \"pmortem\", \"paused\": %u}\n", i);
      char *args[] = { fixture->path, data };
      GThread *thread;

      pm_file_watcher_pause (fixture->watcher);
      thread = g_thread_new ("save", write_in_thread, args);
      /* The main loop keeps running while the worker writes. */
      while (g_main_context_iteration (NULL, FALSE))
        ;
      pm_test_run_clock (fixture->clock, i % 3 * 5);
      g_thread_join (thread);
      pm_file_watcher_set_known_contents (fixture->watcher, data, strlen (data));
      pm_file_watcher_resume (fixture->watcher);
      pm_test_run_clock (fixture->clock, i % 5 * 10);
    }

  settle (fixture);
  g_assert_cmpuint (fixture->changed, ==, 0);
  g_assert_cmpuint (fixture->deleted, ==, 0);

  /* A change made by someone else while we were paused is still caught on resume. */
  pm_file_watcher_pause (fixture->watcher);
  write_file (fixture->path, THEIRS);
  settle (fixture);
  g_assert_cmpuint (fixture->changed, ==, 0);
  pm_file_watcher_resume (fixture->watcher);
  g_assert_true (wait_for_count (fixture, &fixture->changed, 1));
}

/* On focus-in and before every save. */
static void
test_check_now (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pm_file_watcher_check_now (fixture->watcher, &error));
  g_assert_no_error (error);

  /* Changed, and the main loop has not run since: check_now sees it anyway. */
  write_file (fixture->path, THEIRS);
  g_assert_true (pm_file_watcher_check_now (fixture->watcher, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fixture->changed, ==, 1);
  g_assert_cmpint (pm_file_watcher_get_disk_state (fixture->watcher), ==,
                   PM_FILE_DISK_STATE_CHANGED);

  /* The monitor's late events do not report the same change twice. */
  settle (fixture);
  g_assert_cmpuint (fixture->changed, ==, 1);

  /* Same size, different bytes. */
  pm_file_watcher_set_known_contents (fixture->watcher, THEIRS, strlen (THEIRS));
  g_assert_false (pm_file_watcher_check_now (fixture->watcher, &error));
  {
    g_autofree char *flipped = g_strdup (THEIRS);

    flipped[20] = 'X';
    write_file (fixture->path, flipped);
  }
  g_assert_true (pm_file_watcher_check_now (fixture->watcher, &error));
  g_assert_no_error (error);

  /* Gone. */
  g_assert_cmpint (g_unlink (fixture->path), ==, 0);
  g_assert_true (pm_file_watcher_check_now (fixture->watcher, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pm_file_watcher_get_disk_state (fixture->watcher), ==,
                   PM_FILE_DISK_STATE_DELETED);
  g_assert_cmpuint (fixture->deleted, ==, 1);

  /* Something that cannot be read is an error, not "unchanged". */
  g_assert_cmpint (g_mkdir (fixture->path, 0700), ==, 0);
  g_assert_false (pm_file_watcher_check_now (fixture->watcher, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (g_rmdir (fixture->path), ==, 0);
  settle (fixture);
}

/* E7: no monitor (as on NFS or SMB): the poll still notices. */
static void
test_poll_without_monitor (Fixture       *fixture,
                           gconstpointer  user_data)
{
  PmFileWatcher *watcher = g_object_new (PM_TYPE_FILE_WATCHER,
                                         "path", fixture->path,
                                         "monitor", FALSE,
                                         "poll-interval", 1,
                                         NULL);

  watch (fixture, watcher);
  g_assert_cmpuint (pm_file_watcher_get_poll_interval (watcher), ==, 1);

  advance (fixture, 1200);
  g_assert_cmpuint (fixture->changed, ==, 0);

  /* The next poll, within a second, notices. */
  write_file (fixture->path, THEIRS);
  advance (fixture, 1000);
  g_assert_cmpuint (fixture->changed, ==, 1);
}

/* A file appearing where we know of none is someone else's. */
static void
test_unknown_contents (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "not-yet.pmortem", NULL);
  g_autoptr(PmFileWatcher) watcher = pm_file_watcher_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_false (pm_file_watcher_check_now (watcher, &error));
  g_assert_no_error (error);

  write_file (path, THEIRS);
  g_assert_true (pm_file_watcher_check_now (watcher, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pm_file_watcher_get_disk_state (watcher), ==, PM_FILE_DISK_STATE_CHANGED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("/file-watcher/append-in-place", test_append_in_place, NULL);
  ADD ("/file-watcher/replace-by-rename", test_replace_by_rename, NULL);
  ADD ("/file-watcher/delete", test_delete, NULL);
  ADD ("/file-watcher/touch", test_touch, NULL);
  ADD ("/file-watcher/own-saves", test_own_saves, NULL);
  ADD ("/file-watcher/own-saves-paused", test_own_saves_paused, NULL);
  ADD ("/file-watcher/check-now", test_check_now, NULL);
  ADD ("/file-watcher/poll-without-monitor", test_poll_without_monitor, "no watcher");
  ADD ("/file-watcher/unknown-contents", test_unknown_contents, NULL);

#undef ADD

  return g_test_run ();
}
