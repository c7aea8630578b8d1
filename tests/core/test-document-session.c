/* test-document-session.c — the file life of one open postmortem, headless: load, save, save as,
 * drafts of unsaved work, changes made by someone else noticed, and a save refused until the
 * user resolved them (what the window did before the session took it over)
 *
 * Timing: the autosaver's interval is set to a few milliseconds and the file is looked at with
 * the watcher's immediate check (a save does it), so nothing here waits for seconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* lstat(): POSIX. */
#ifndef _XOPEN_SOURCE
# define _XOPEN_SOURCE 700
#endif

#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "pm-document-format.h"
#include "pm-document-session.h"
#include "pm-draft-store.h"

#define INTERVAL_MS 20

typedef struct
{
  char              *dir;
  char              *drafts;
  char              *path;
  GFile             *file;
  PmDraftStore      *store;
  PmDocumentSession *session;
  GAsyncResult      *result;
  guint              external_changes;
  PmFileDiskState    last_external;
  guint              file_notifies;
} Fixture;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);
}

static gboolean
keep_awake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @check says yes or @timeout_ms pass. */
static gboolean
wait_until (gboolean (*check) (Fixture *fixture),
            Fixture  *fixture,
            guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (5, keep_awake, NULL);

  while (!check (fixture) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return check (fixture);
}

static gboolean
has_result (Fixture *fixture)
{
  return fixture->result != NULL;
}

static gboolean
never (Fixture *fixture)
{
  return FALSE;
}

static void
run_for (Fixture *fixture,
         guint    ms)
{
  wait_until (never, fixture, ms);
}

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;

  g_assert_null (fixture->result);
  fixture->result = g_object_ref (result);
}

/* Waits for the async call just made and returns its result (owned). */
static GAsyncResult *
wait_result (Fixture *fixture)
{
  g_assert_true (wait_until (has_result, fixture, 5000));
  return g_steal_pointer (&fixture->result);
}

static char *
serialize_titled (const char *title)
{
  g_autoptr(PmDocument) document = pm_document_new ();

  pm_document_set (document, document, "title", title, NULL);
  return pm_document_serialize (document, NULL);
}

static char *
read_file (const char *path)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    return NULL;
  return g_steal_pointer (&contents);
}

static void
set_title (PmDocumentSession *session,
           const char        *title)
{
  PmDocument *document = pm_document_session_get_document (session);

  pm_document_set (document, document, "title", title, NULL);
}

/* The draft of the session's document on disk, or NULL. */
static char *
draft_path (Fixture *fixture)
{
  PmDraft *draft = pm_document_session_get_draft (fixture->session);
  g_autofree char *name = NULL;

  if (draft == NULL)
    return NULL;
  name = g_strconcat (pm_draft_get_id (draft), ".pmortem", NULL);
  return g_build_filename (fixture->drafts, name, NULL);
}

static gboolean
draft_exists (Fixture *fixture)
{
  g_autofree char *path = draft_path (fixture);

  return path != NULL && g_file_test (path, G_FILE_TEST_EXISTS);
}

static gboolean
disk_state_changed (Fixture *fixture)
{
  return pm_document_session_get_disk_state (fixture->session) != PM_FILE_DISK_STATE_UNCHANGED;
}

static void
on_external_change_cb (PmDocumentSession *session,
                       PmFileDiskState    state,
                       Fixture           *fixture)
{
  fixture->external_changes++;
  fixture->last_external = state;
}

static void
on_file_notify_cb (PmDocumentSession *session,
                   GParamSpec        *pspec,
                   Fixture           *fixture)
{
  fixture->file_notifies++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("pm-session-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->drafts = g_build_filename (fixture->dir, "drafts", NULL);
  fixture->path = g_build_filename (fixture->dir, "incident.pmortem", NULL);
  fixture->file = g_file_new_for_path (fixture->path);
  fixture->store = pm_draft_store_new (fixture->drafts);
  fixture->session = pm_document_session_new (fixture->store);
  pm_document_session_set_autosave_interval_ms (fixture->session, INTERVAL_MS);
  g_signal_connect (fixture->session, "external-change",
                    G_CALLBACK (on_external_change_cb), fixture);
  g_signal_connect (fixture->session, "notify::file", G_CALLBACK (on_file_notify_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->file);
  g_clear_object (&fixture->result);
  /* Let a write still in flight finish before its folder goes. */
  run_for (fixture, 30);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->drafts);
  g_free (fixture->path);
}

/* Writes a document titled @title to the fixture's file and loads it into the session. */
static void
load_titled (Fixture    *fixture,
             const char *title)
{
  g_autofree char *contents = serialize_titled (title);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (fixture->path, contents, -1, NULL));
  pm_document_session_load_async (fixture->session, fixture->file, NULL,
                                  store_result_cb, fixture);
  result = wait_result (fixture);
  g_assert_true (pm_document_session_load_finish (fixture->session, result, &error));
  g_assert_no_error (error);
}

static gboolean
save (Fixture  *fixture,
      GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pm_document_session_save_async (fixture->session, NULL, store_result_cb, fixture);
  result = wait_result (fixture);
  return pm_document_session_save_finish (fixture->session, result, error);
}

static gboolean
save_as (Fixture  *fixture,
         GFile    *file,
         GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pm_document_session_save_as_async (fixture->session, file, NULL, store_result_cb, fixture);
  g_assert_true (pm_document_session_get_saving (fixture->session));
  result = wait_result (fixture);
  g_assert_false (pm_document_session_get_saving (fixture->session));
  return pm_document_session_save_as_finish (fixture->session, result, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_load (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_assert_null (pm_document_session_get_document (fixture->session));
  g_assert_false (pm_document_session_get_modified (fixture->session));

  load_titled (fixture, "Leaked deploy key");

  g_assert_cmpstr (pm_document_get_title (pm_document_session_get_document (fixture->session)),
                   ==, "Leaked deploy key");
  g_assert_true (g_file_equal (pm_document_session_get_file (fixture->session), fixture->file));
  g_assert_cmpuint (fixture->file_notifies, ==, 1);
  g_assert_false (pm_document_session_get_modified (fixture->session));
  g_assert_false (pm_document_session_get_read_only (fixture->session));
  g_assert_false (pm_document_session_get_restored (fixture->session));
  g_assert_cmpint (pm_document_session_get_disk_state (fixture->session), ==,
                   PM_FILE_DISK_STATE_UNCHANGED);
  /* A draft is ready, but nothing is written while nothing changed. */
  g_assert_nonnull (pm_document_session_get_draft (fixture->session));
  g_assert_cmpstr (pm_draft_get_base_path (pm_document_session_get_draft (fixture->session)),
                   ==, fixture->path);
  run_for (fixture, 3 * INTERVAL_MS);
  g_assert_false (draft_exists (fixture));
  g_assert_cmpuint (fixture->external_changes, ==, 0);
}

static void
test_load_error (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/missing.pmortem");

  g_assert_true (g_file_set_contents (fixture->path, "{\"format\": \"pmortem\"", -1, NULL));
  pm_document_session_load_async (fixture->session, fixture->file, NULL,
                                  store_result_cb, fixture);
  result = wait_result (fixture);
  g_assert_false (pm_document_session_load_finish (fixture->session, result, &error));
  g_assert_nonnull (error);
  /* The message says which file. */
  g_assert_nonnull (strstr (error->message, "incident.pmortem"));
  g_assert_null (pm_document_session_get_document (fixture->session));
  g_assert_null (pm_document_session_get_file (fixture->session));
  g_clear_error (&error);
  g_clear_object (&result);

  pm_document_session_load_async (fixture->session, missing, NULL, store_result_cb, fixture);
  result = wait_result (fixture);
  g_assert_false (pm_document_session_load_finish (fixture->session, result, &error));
  g_assert_nonnull (error);
  g_assert_null (pm_document_session_get_document (fixture->session));
}

static void
test_save (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;
  PmDocument *document;

  load_titled (fixture, "Before");
  document = pm_document_session_get_document (fixture->session);

  set_title (fixture->session, "After");
  g_assert_true (pm_document_session_get_modified (fixture->session));
  /* The autosaver keeps the change in a draft, never in the file. */
  g_assert_true (wait_until (draft_exists, fixture, 2000));
  written = read_file (fixture->path);
  g_assert_nonnull (strstr (written, "Before"));
  g_clear_pointer (&written, g_free);

  g_assert_true (save (fixture, &error));
  g_assert_no_error (error);

  written = read_file (fixture->path);
  expected = pm_document_serialize (document, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_false (pm_document_session_get_modified (fixture->session));
  g_assert_false (pm_document_get_modified (document));
  /* Saved work needs no draft. */
  g_assert_false (draft_exists (fixture));
  /* Our own save is not someone else's change. */
  run_for (fixture, 250);
  g_assert_cmpint (pm_document_session_get_disk_state (fixture->session), ==,
                   PM_FILE_DISK_STATE_UNCHANGED);
  g_assert_cmpuint (fixture->external_changes, ==, 0);
  g_assert_cmpstr (pm_draft_get_base_path (pm_document_session_get_draft (fixture->session)),
                   ==, fixture->path);
}

static void
test_save_as (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autofree char *copy_path = g_build_filename (fixture->dir, "copy.pmortem", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GFile) remote = g_file_new_for_uri ("sftp://example.org/incident.pmortem");
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *expected = NULL;

  /* An untitled document has nowhere to be saved but where it is told. */
  pm_document_session_set_document (fixture->session, document, NULL, NULL);
  g_assert_null (pm_document_session_get_file (fixture->session));
  pm_document_set (document, document, "title", "Untitled work", NULL);
  g_assert_true (pm_document_session_get_modified (fixture->session));
  g_assert_false (save (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_true (wait_until (draft_exists, fixture, 2000));

  /* Only files on this computer. */
  pm_document_session_save_as_async (fixture->session, remote, NULL, store_result_cb, fixture);
  {
    g_autoptr(GAsyncResult) result = wait_result (fixture);

    g_assert_false (pm_document_session_save_as_finish (fixture->session, result, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_clear_error (&error);
  }
  g_assert_true (pm_document_session_get_modified (fixture->session));

  g_assert_true (save_as (fixture, copy, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (pm_document_session_get_file (fixture->session), copy));
  g_assert_cmpuint (fixture->file_notifies, ==, 1);
  written = read_file (copy_path);
  expected = pm_document_serialize (document, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_false (pm_document_session_get_modified (fixture->session));
  g_assert_false (draft_exists (fixture));

  /* From now on, Save writes there, and the file is watched. */
  pm_document_set (document, document, "title", "Saved twice", NULL);
  g_assert_true (save (fixture, &error));
  g_assert_no_error (error);
  g_clear_pointer (&written, g_free);
  written = read_file (copy_path);
  g_assert_nonnull (strstr (written, "Saved twice"));

  g_assert_cmpint (g_unlink (copy_path), ==, 0);
  g_assert_true (wait_until (disk_state_changed, fixture, 3000));
  g_assert_cmpint (pm_document_session_get_disk_state (fixture->session), ==,
                   PM_FILE_DISK_STATE_DELETED);
  g_assert_cmpint (fixture->last_external, ==, PM_FILE_DISK_STATE_DELETED);
}

static void
test_external_change (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *theirs = serialize_titled ("Their version");
  g_autofree char *their_copy_path = g_build_filename (fixture->dir,
                                                       "incident (their version).pmortem", NULL);
  g_autoptr(GFile) their_copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *now = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *expected = NULL;
  PmDraft *old_draft;

  load_titled (fixture, "Our version");
  set_title (fixture->session, "Our unsaved edit");

  /* Someone replaces the file, atomically as editors do: noticed. */
  g_assert_true (g_file_set_contents (fixture->path, theirs, -1, NULL));
  g_assert_true (wait_until (disk_state_changed, fixture, 3000));
  g_assert_cmpint (pm_document_session_get_disk_state (fixture->session), ==,
                   PM_FILE_DISK_STATE_CHANGED);
  g_assert_cmpuint (fixture->external_changes, >=, 1);
  g_assert_cmpint (fixture->last_external, ==, PM_FILE_DISK_STATE_CHANGED);

  /* Save is refused and writes nothing. */
  g_assert_false (save (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_MERGE);
  g_clear_error (&error);
  g_assert_false (pm_document_session_get_saving (fixture->session));
  now = read_file (fixture->path);
  g_assert_cmpstr (now, ==, theirs);
  g_assert_true (pm_document_session_get_modified (fixture->session));

  /* Keep mine: theirs kept byte for byte next to it, ours written over it. */
  g_assert_true (pm_document_session_copy_their_version (fixture->session, &their_copy, &error));
  g_assert_no_error (error);
  g_assert_nonnull (their_copy);
  g_assert_cmpstr (g_file_peek_path (their_copy), ==, their_copy_path);
  kept = read_file (their_copy_path);
  g_assert_cmpstr (kept, ==, theirs);
  g_assert_true (save_as (fixture, fixture->file, &error));
  g_assert_no_error (error);
  g_clear_pointer (&now, g_free);
  now = read_file (fixture->path);
  expected = pm_document_serialize (pm_document_session_get_document (fixture->session), NULL);
  g_assert_cmpstr (now, ==, expected);
  g_assert_cmpint (pm_document_session_get_disk_state (fixture->session), ==,
                   PM_FILE_DISK_STATE_UNCHANGED);
  g_assert_false (pm_document_session_get_modified (fixture->session));

  /* Resolved: a plain save works again. */
  set_title (fixture->session, "Mine again");
  g_assert_true (save (fixture, &error));
  g_assert_no_error (error);

  /* Nothing to keep when nobody changed it. */
  g_clear_object (&their_copy);
  g_assert_true (pm_document_session_copy_their_version (fixture->session, &their_copy, &error));
  g_assert_null (their_copy);

  /* Reload: their version replaces ours, and our draft goes. */
  set_title (fixture->session, "Edit to be dropped");
  g_assert_true (wait_until (draft_exists, fixture, 2000));
  old_draft = g_object_ref (pm_document_session_get_draft (fixture->session));
  g_assert_true (g_file_set_contents (fixture->path, theirs, -1, NULL));
  g_assert_true (wait_until (disk_state_changed, fixture, 3000));
  pm_document_session_reload_async (fixture->session, NULL, store_result_cb, fixture);
  result = wait_result (fixture);
  g_assert_true (pm_document_session_reload_finish (fixture->session, result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pm_document_get_title (pm_document_session_get_document (fixture->session)),
                   ==, "Their version");
  g_assert_false (pm_document_session_get_modified (fixture->session));
  g_assert_cmpint (pm_document_session_get_disk_state (fixture->session), ==,
                   PM_FILE_DISK_STATE_UNCHANGED);
  {
    g_autofree char *name = g_strconcat (pm_draft_get_id (old_draft), ".pmortem", NULL);
    g_autofree char *path = g_build_filename (fixture->drafts, name, NULL);

    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  g_object_unref (old_draft);
}

static void
test_restore_draft (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmDraft) draft = pm_draft_store_create_draft (fixture->store, NULL, NULL, 0);
  g_autoptr(GError) error = NULL;

  pm_document_set (document, document, "title", "Recovered", NULL);
  pm_document_mark_saved (document);
  pm_document_session_restore_draft (fixture->session, document, NULL, draft);

  /* Work that was never saved shows as modified, whatever the undo stack says. */
  g_assert_true (pm_document_session_get_restored (fixture->session));
  g_assert_true (pm_document_session_get_modified (fixture->session));
  g_assert_true (pm_document_session_get_draft (fixture->session) == draft);

  g_assert_true (save_as (fixture, fixture->file, &error));
  g_assert_no_error (error);
  g_assert_false (pm_document_session_get_restored (fixture->session));
  g_assert_false (pm_document_session_get_modified (fixture->session));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  const char *newer = "{\"format\": \"pmortem\", \"format_version\": 99, "
                      "\"min_reader_version\": 1, "
                      "\"postmortem\": {\"title\": \"From the future\"}}";
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (fixture->path, newer, -1, NULL));
  pm_document_session_load_async (fixture->session, fixture->file, NULL,
                                  store_result_cb, fixture);
  result = wait_result (fixture);
  g_assert_true (pm_document_session_load_finish (fixture->session, result, &error));
  g_assert_no_error (error);
  g_assert_true (pm_document_session_get_read_only (fixture->session));

  /* Nothing is written over a file this version does not fully understand. */
  g_assert_false (save (fixture, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  {
    g_autofree char *now = read_file (fixture->path);

    g_assert_cmpstr (now, ==, newer);
  }
}

static void
test_close_keeps_draft (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  load_titled (fixture, "Before");
  set_title (fixture->session, "Unsaved at quit");
  g_assert_true (wait_until (draft_exists, fixture, 2000));

  /* The program ends with work unsaved: the draft stays for next time. */
  pm_document_session_close (fixture->session);
  run_for (fixture, 3 * INTERVAL_MS);
  g_assert_true (draft_exists (fixture));
  {
    g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
    g_autoptr(GPtrArray) infos = pm_draft_store_list (store, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (infos->len, ==, 1);
    g_assert_cmpstr (pm_draft_info_get_title (g_ptr_array_index (infos, 0)), ==,
                     "Unsaved at quit");
  }

  /* Let go: the draft goes. */
  pm_document_session_discard_draft (fixture->session);
  g_assert_false (draft_exists (fixture));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/document-session/load", test_load);
  ADD ("/document-session/load-error", test_load_error);
  ADD ("/document-session/save", test_save);
  ADD ("/document-session/save-as", test_save_as);
  ADD ("/document-session/external-change", test_external_change);
  ADD ("/document-session/restore-draft", test_restore_draft);
  ADD ("/document-session/read-only", test_read_only);
  ADD ("/document-session/close-keeps-draft", test_close_keeps_draft);

  return g_test_run ();
}
