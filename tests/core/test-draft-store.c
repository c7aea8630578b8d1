/* test-draft-store.c — drafts are written, found again, checked against their file, set aside
 * when damaged, and only removed on purpose
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* utime(): POSIX. */
#ifndef _XOPEN_SOURCE
# define _XOPEN_SOURCE 700
#endif

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "pm-atomic-file.h"
#include "pm-document-format.h"
#include "pm-draft-store.h"
#include "pm-error.h"

#include "test-util.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  char *dir;          /* the test's own temporary folder */
  char *drafts;       /* dir/drafts */
  char *example;      /* dir/incident.pmortem, a copy of the bundled example */
  char *example_data; /* its bytes */
  gsize example_length;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = pm_test_example_path ();

  fixture->dir = pm_test_make_tmp_dir ("pm-drafts-XXXXXX");
  fixture->drafts = g_build_filename (fixture->dir, "drafts", NULL);
  fixture->example = g_build_filename (fixture->dir, "incident.pmortem", NULL);

  g_file_get_contents (source, &fixture->example_data, &fixture->example_length, &error);
  g_assert_no_error (error);
  pm_atomic_file_write (fixture->example, fixture->example_data, fixture->example_length,
                        &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pm_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->drafts);
  g_free (fixture->example);
  g_free (fixture->example_data);
}

static PmDocument *
load_example (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  PmDocument *document = pm_document_load_from_data (fixture->example_data,
                                                     fixture->example_length,
                                                     "incident.pmortem", &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

static void
set_title (PmDocument *document,
           const char *title)
{
  pm_document_set (document, document, "title", title, NULL);
}

/* A draft of the example, edited and saved, in a session of its own that then crashes. */
static char *
save_edited_example (Fixture    *fixture,
                     const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(PmDocument) document = load_example (fixture);
  g_autoptr(PmDraft) draft = NULL;

  pm_draft_store_begin_session (store, &error);
  g_assert_no_error (error);

  draft = pm_draft_store_create_draft (store, fixture->example, fixture->example_data,
                                       fixture->example_length);
  set_title (document, title);
  pm_draft_store_save (store, draft, document, &error);
  g_assert_no_error (error);

  return g_strdup (pm_draft_get_id (draft));
}

static GPtrArray *
list_drafts (const char *directory,
             guint       expected_quarantined)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (directory);
  g_autoptr(GPtrArray) quarantined = NULL;
  GPtrArray *infos = pm_draft_store_list (store, &quarantined, &error);

  g_assert_no_error (error);
  g_assert_nonnull (infos);
  g_assert_nonnull (quarantined);
  for (guint i = 0; i < quarantined->len; i++)
    g_test_message ("quarantined: %s", ((GError *) g_ptr_array_index (quarantined, i))->message);
  g_assert_cmpuint (quarantined->len, ==, expected_quarantined);
  return infos;
}

static char *
draft_path (Fixture    *fixture,
            const char *id,
            const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (fixture->drafts, name, NULL);
}

static guint
count_files (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  guint count = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

static void
write_file (const char *path,
            const char *data,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(PmDraftStore) next_start = NULL;
  g_autoptr(PmDocument) document = load_example (fixture);
  g_autoptr(PmDocument) recovered = NULL;
  g_autoptr(PmDraft) draft = NULL;
  g_autoptr(GPtrArray) own = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;
  gsize expected_length, actual_length;
  PmDraftInfo *info;
  GStatBuf st;

  pm_draft_store_begin_session (store, &error);
  g_assert_no_error (error);
  g_assert_false (pm_draft_store_get_previous_session_crashed (store));

  /* The folder is private. */
  g_assert_cmpint (g_stat (fixture->drafts, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  draft = pm_draft_store_create_draft (store, fixture->example, fixture->example_data,
                                       fixture->example_length);
  g_assert_true (g_uuid_string_is_valid (pm_draft_get_id (draft)));
  g_assert_cmpstr (pm_draft_get_base_path (draft), ==, fixture->example);

  set_title (document, "Leaked deploy key — edited");
  pm_draft_store_save (store, draft, document, &error);
  g_assert_no_error (error);

  /* The running session's drafts are live, not left over. */
  own = pm_draft_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, ==, 0);

  /* The next start (the session never ended: a crash). */
  next_start = pm_draft_store_new (fixture->drafts);
  g_assert_true (pm_draft_store_get_previous_session_crashed (next_start));
  infos = pm_draft_store_list (next_start, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);

  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (pm_draft_info_get_id (info), ==, pm_draft_get_id (draft));
  g_assert_cmpstr (pm_draft_info_get_title (info), ==, "Leaked deploy key — edited");
  g_assert_cmpstr (pm_draft_info_get_base_path (info), ==, fixture->example);
  g_assert_cmpstr (pm_draft_info_get_app_version (info), ==, PACKAGE_VERSION);
  g_assert_nonnull (pm_draft_info_get_saved_at (info));
  g_assert_cmpint (pm_draft_info_get_base_state (info), ==, PM_DRAFT_BASE_UNCHANGED);
  g_assert_false (pm_draft_info_get_base_changed (info));
  g_assert_true (pm_draft_info_get_crashed (info));

  recovered = pm_draft_store_load (next_start, info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pm_document_get_title (recovered), ==, "Leaked deploy key — edited");

  expected = pm_document_serialize (document, &expected_length);
  actual = pm_document_serialize (recovered, &actual_length);
  g_assert_cmpmem (actual, actual_length, expected, expected_length);
}

static void
test_clean_session (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(PmDraftStore) next_start = pm_draft_store_new (fixture->drafts);
  g_autoptr(PmDocument) document = load_example (fixture);
  g_autoptr(PmDraft) draft = NULL;
  g_autoptr(GPtrArray) infos = NULL;

  pm_draft_store_begin_session (store, &error);
  g_assert_no_error (error);
  draft = pm_draft_store_create_draft (store, fixture->example, fixture->example_data,
                                       fixture->example_length);
  set_title (document, "Kept as a draft on quit");
  pm_draft_store_save (store, draft, document, &error);
  g_assert_no_error (error);
  pm_draft_store_end_session (store, &error);
  g_assert_no_error (error);

  /* A clean quit that kept a draft: still offered, but not as a crash. */
  g_assert_false (pm_draft_store_get_previous_session_crashed (next_start));
  pm_draft_store_begin_session (next_start, &error);
  g_assert_no_error (error);
  g_assert_false (pm_draft_store_get_previous_session_crashed (next_start));

  infos = pm_draft_store_list (next_start, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_false (pm_draft_info_get_crashed (g_ptr_array_index (infos, 0)));
}

static void
test_base_changed (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *id = save_edited_example (fixture, "Draft of an older file");
  g_autoptr(GPtrArray) infos = NULL;
  g_autofree char *same_size = g_strdup (fixture->example_data);
  PmDraftInfo *info;

  /* Edited in place, same length: only the hash can tell. */
  same_size[fixture->example_length / 2] ^= 0x01;
  write_file (fixture->example, same_size, fixture->example_length);
  infos = list_drafts (fixture->drafts, 0);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (pm_draft_info_get_id (info), ==, id);
  g_assert_cmpint (pm_draft_info_get_base_state (info), ==, PM_DRAFT_BASE_CHANGED);
  g_assert_true (pm_draft_info_get_base_changed (info));
  g_clear_pointer (&infos, g_ptr_array_unref);

  /* Grown. */
  write_file (fixture->example, "{}", -1);
  infos = list_drafts (fixture->drafts, 0);
  g_assert_cmpint (pm_draft_info_get_base_state (g_ptr_array_index (infos, 0)), ==,
                   PM_DRAFT_BASE_CHANGED);
  g_clear_pointer (&infos, g_ptr_array_unref);

  /* Back as it was. */
  write_file (fixture->example, fixture->example_data, fixture->example_length);
  infos = list_drafts (fixture->drafts, 0);
  g_assert_cmpint (pm_draft_info_get_base_state (g_ptr_array_index (infos, 0)), ==,
                   PM_DRAFT_BASE_UNCHANGED);
  g_clear_pointer (&infos, g_ptr_array_unref);

  /* Deleted. */
  g_assert_cmpint (g_unlink (fixture->example), ==, 0);
  infos = list_drafts (fixture->drafts, 0);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpint (pm_draft_info_get_base_state (info), ==, PM_DRAFT_BASE_MISSING);
  g_assert_true (pm_draft_info_get_base_changed (info));
}

static void
test_untitled (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmDraft) draft = pm_draft_store_create_draft (store, NULL, NULL, 0);
  g_autoptr(PmDocument) recovered = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  PmDraftInfo *info;

  g_assert_null (pm_draft_get_base_path (draft));
  set_title (document, "Untitled but important");
  pm_draft_store_save (store, draft, document, &error);
  g_assert_no_error (error);

  infos = list_drafts (fixture->drafts, 0);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_null (pm_draft_info_get_base_path (info));
  g_assert_cmpint (pm_draft_info_get_base_state (info), ==, PM_DRAFT_BASE_UNTITLED);
  g_assert_false (pm_draft_info_get_base_changed (info));
  g_assert_true (pm_draft_info_get_crashed (info));

  recovered = pm_draft_store_load (store, info, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pm_document_get_title (recovered), ==, "Untitled but important");

  /* A document first saved later: the draft follows it. */
  pm_draft_set_base (draft, fixture->example, fixture->example_data, fixture->example_length);
  pm_draft_store_save (store, draft, document, &error);
  g_assert_no_error (error);
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = list_drafts (fixture->drafts, 0);
  g_assert_cmpstr (pm_draft_info_get_base_path (g_ptr_array_index (infos, 0)), ==,
                   fixture->example);
}

static void
test_newest_first (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *older = save_edited_example (fixture, "Older");
  g_autofree char *newer = NULL;
  g_autoptr(GPtrArray) infos = NULL;

  g_usleep (2000);
  newer = save_edited_example (fixture, "Newer");
  infos = list_drafts (fixture->drafts, 0);
  g_assert_cmpuint (infos->len, ==, 2);
  g_assert_cmpstr (pm_draft_info_get_id (g_ptr_array_index (infos, 0)), ==, newer);
  g_assert_cmpstr (pm_draft_info_get_id (g_ptr_array_index (infos, 1)), ==, older);
}

static void
test_quarantine (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *good = save_edited_example (fixture, "The good one");
  g_autofree char *quarantine = g_build_filename (fixture->drafts, "quarantine", NULL);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) huge = g_string_new ("{\"format\": \"");
  const char *names[] = {
    "truncated", "garbage", "not-pmortem", "meta-missing", "meta-garbage", "meta-wrong-id",
    "meta-deep", "meta-huge", "meta-wrong-type", "document-missing", "hostile-uri",
  };
  char *ids[G_N_ELEMENTS (names)];
  guint files_before, quarantined_files;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    ids[i] = save_edited_example (fixture, names[i]);

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 300000; i++)
    g_string_append_c (huge, 'x');
  g_string_append (huge, "\"}");

  {
    g_autofree char *doc0 = draft_path (fixture, ids[0], ".pmortem");
    g_autofree char *doc1 = draft_path (fixture, ids[1], ".pmortem");
    g_autofree char *doc2 = draft_path (fixture, ids[2], ".pmortem");
    g_autofree char *meta3 = draft_path (fixture, ids[3], ".json");
    g_autofree char *meta4 = draft_path (fixture, ids[4], ".json");
    g_autofree char *meta5 = draft_path (fixture, ids[5], ".json");
    g_autofree char *meta6 = draft_path (fixture, ids[6], ".json");
    g_autofree char *meta7 = draft_path (fixture, ids[7], ".json");
    g_autofree char *meta8 = draft_path (fixture, ids[8], ".json");
    g_autofree char *doc9 = draft_path (fixture, ids[9], ".pmortem");
    g_autofree char *meta10 = draft_path (fixture, ids[10], ".json");
    g_autofree char *contents = NULL;
    g_autofree char *other_id = g_uuid_string_random ();
    g_autofree char *wrong_type = NULL;
    g_autofree char *hostile = NULL;
    gsize length;

    /* Cut in the middle, as a disk that filled up behind our back would. */
    g_assert_true (g_file_get_contents (doc0, &contents, &length, NULL));
    write_file (doc0, contents, length / 2);
    write_file (doc1, "\x89PNG\r\n\x1a\n\0\0\0garbage", 16);
    write_file (doc2, "{\"hello\": [1, 2, 3]}\n", -1);
    g_assert_cmpint (g_unlink (meta3), ==, 0);
    write_file (meta4, "{\"format\": \"pmortem-draft\", ", -1);

    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (meta5, &contents, &length, NULL));
    {
      /* The same description, naming another draft. */
      g_autofree char *needle = g_strdup_printf ("\"%s\"", ids[5]);
      g_autofree char *replacement = g_strdup_printf ("\"%s\"", other_id);
      g_auto(GStrv) parts = g_strsplit (contents, needle, -1);
      g_autofree char *changed = g_strjoinv (replacement, parts);

      write_file (meta5, changed, -1);
    }
    write_file (meta6, deep->str, deep->len);
    write_file (meta7, huge->str, huge->len);

    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (meta8, &contents, &length, NULL));
    {
      g_auto(GStrv) parts = g_strsplit (contents, "\"version\": 1", -1);

      wrong_type = g_strjoinv ("\"version\": \"1\"", parts);
      write_file (meta8, wrong_type, -1);
    }
    g_assert_cmpint (g_unlink (doc9), ==, 0);

    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (meta10, &contents, &length, NULL));
    {
      g_autofree char *uri = g_filename_to_uri (fixture->example, NULL, NULL);
      g_auto(GStrv) parts = g_strsplit (contents, uri, -1);

      hostile = g_strjoinv ("https://example.com/../../etc/passwd", parts);
      write_file (meta10, hostile, -1);
    }
  }

  files_before = count_files (fixture->drafts);

  infos = list_drafts (fixture->drafts, G_N_ELEMENTS (names));
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_cmpstr (pm_draft_info_get_id (g_ptr_array_index (infos, 0)), ==, good);
  g_assert_cmpstr (pm_draft_info_get_title (g_ptr_array_index (infos, 0)), ==, "The good one");

  /* Every file of a bad draft was moved, none deleted: the good draft's two files and
   * session.json remain, plus the quarantine folder. */
  quarantined_files = count_files (quarantine);
  g_assert_cmpuint (count_files (fixture->drafts), ==, 2 + 1 + 1);
  g_assert_cmpuint (quarantined_files + 2 + 1, ==, files_before);

  /* Listing again finds the same, quietly. */
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = list_drafts (fixture->drafts, 0);
  g_assert_cmpuint (infos->len, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (ids[i]);
}

static void
test_quarantine_messages (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *id = save_edited_example (fixture, "Soon damaged");
  g_autofree char *doc = draft_path (fixture, id, ".pmortem");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(GPtrArray) quarantined = NULL;
  g_autoptr(GPtrArray) infos = NULL;
  GError *reported;

  write_file (doc, "not json", -1);
  infos = pm_draft_store_list (store, &quarantined, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 0);
  g_assert_cmpuint (quarantined->len, ==, 1);
  reported = g_ptr_array_index (quarantined, 0);
  g_assert_error (reported, PM_ERROR, PM_ERROR_INVALID);
  g_assert_nonnull (strstr (reported->message, id));
  g_assert_nonnull (strstr (reported->message, "quarantine"));
}

static void
test_discard (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(PmDocument) document = load_example (fixture);
  g_autoptr(PmDraft) draft = pm_draft_store_create_draft (store, fixture->example,
                                                          fixture->example_data,
                                                          fixture->example_length);
  g_autofree char *meta = draft_path (fixture, pm_draft_get_id (draft), ".json");
  g_autofree char *doc = draft_path (fixture, pm_draft_get_id (draft), ".pmortem");
  g_autoptr(GPtrArray) infos = NULL;

  /* Nothing written yet: discarding is fine. */
  g_assert_true (pm_draft_store_discard (store, draft, &error));
  g_assert_no_error (error);

  set_title (document, "Saved for real later");
  pm_draft_store_save (store, draft, document, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (meta, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (doc, G_FILE_TEST_IS_REGULAR));

  g_assert_true (pm_draft_store_discard (store, draft, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (meta, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (doc, G_FILE_TEST_EXISTS));
  infos = list_drafts (fixture->drafts, 0);
  g_assert_cmpuint (infos->len, ==, 0);

  /* Twice is fine; a later change writes the draft again. */
  g_assert_true (pm_draft_store_discard (store, draft, &error));
  g_assert_no_error (error);
  set_title (document, "Edited again");
  pm_draft_store_save (store, draft, document, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (doc, G_FILE_TEST_IS_REGULAR));
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (pm_draft_store_save_finish (PM_DRAFT_STORE (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
wait_for_flag (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (*flag);
}

static void
test_discard_while_writing (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(PmDocument) document = load_example (fixture);
  g_autoptr(PmDraft) draft = pm_draft_store_create_draft (store, NULL, NULL, 0);
  g_autofree char *doc = draft_path (fixture, pm_draft_get_id (draft), ".pmortem");
  g_autofree char *meta = draft_path (fixture, pm_draft_get_id (draft), ".json");

  /* Many times, so that the discard lands before, during and after the write. */
  for (guint i = 0; i < 50; i++)
    {
      gboolean done = FALSE;

      set_title (document, "Autosaved, then saved for real");
      pm_draft_store_save_async (store, draft, document, NULL, on_saved, &done);
      if (i % 2 == 1)
        g_usleep (i * 20);
      g_assert_true (pm_draft_store_discard (store, draft, &error));
      g_assert_no_error (error);
      wait_for_flag (&done);

      /* The write that was in flight must not bring the draft back. */
      g_assert_false (g_file_test (doc, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (meta, G_FILE_TEST_EXISTS));
    }
}

static void
test_older_snapshot_never_wins (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(PmDocument) document = load_example (fixture);
  g_autoptr(PmDraft) draft = pm_draft_store_create_draft (store, NULL, NULL, 0);
  g_autoptr(GPtrArray) infos = NULL;

  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *older = g_strdup_printf ("older %u", i);
      g_autofree char *newer = g_strdup_printf ("newer %u", i);
      g_autoptr(PmDocument) recovered = NULL;
      gboolean done = FALSE;

      set_title (document, older);
      pm_draft_store_save_async (store, draft, document, NULL, on_saved, &done);
      set_title (document, newer);
      pm_draft_store_save (store, draft, document, &error);
      g_assert_no_error (error);
      wait_for_flag (&done);

      g_clear_pointer (&infos, g_ptr_array_unref);
      infos = list_drafts (fixture->drafts, 0);
      g_assert_cmpuint (infos->len, ==, 1);
      recovered = pm_draft_store_load (store, g_ptr_array_index (infos, 0), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (pm_document_get_title (recovered), ==, newer);
    }
}

static void
test_adopt (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *id = save_edited_example (fixture, "Recovered");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(PmDraft) draft = NULL;
  PmDraftInfo *info;

  pm_draft_store_begin_session (store, &error);
  g_assert_no_error (error);
  infos = pm_draft_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);

  document = pm_draft_store_load (store, info, &error);
  g_assert_no_error (error);
  draft = pm_draft_store_adopt (store, info);
  g_assert_cmpstr (pm_draft_get_id (draft), ==, id);
  g_assert_cmpstr (pm_draft_get_base_path (draft), ==, fixture->example);

  /* Work continues in the same draft, which now belongs to this session... */
  set_title (document, "Recovered and edited further");
  pm_draft_store_save (store, draft, document, &error);
  g_assert_no_error (error);
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = pm_draft_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 0);

  /* ...and after another crash there is still exactly one, with its base intact. */
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = list_drafts (fixture->drafts, 0);
  g_assert_cmpuint (infos->len, ==, 1);
  info = g_ptr_array_index (infos, 0);
  g_assert_cmpstr (pm_draft_info_get_title (info), ==, "Recovered and edited further");
  g_assert_cmpint (pm_draft_info_get_base_state (info), ==, PM_DRAFT_BASE_UNCHANGED);

  /* Discarding through the adopted handle removes the recovered files. */
  g_assert_true (pm_draft_store_discard (store, draft, &error));
  g_assert_no_error (error);
  g_clear_pointer (&infos, g_ptr_array_unref);
  infos = list_drafts (fixture->drafts, 0);
  g_assert_cmpuint (infos->len, ==, 0);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GPtrArray **out = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) quarantined = NULL;

  *out = pm_draft_store_list_finish (PM_DRAFT_STORE (source), result, &quarantined, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (quarantined->len, ==, 1);
}

static void
test_list_async (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *id = save_edited_example (fixture, "Listed in a worker");
  g_autofree char *broken = save_edited_example (fixture, "Broken");
  g_autofree char *broken_doc = draft_path (fixture, broken, ".pmortem");
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(GPtrArray) infos = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  write_file (broken_doc, "[", -1);
  pm_draft_store_list_async (store, NULL, on_listed, &infos);
  while (infos == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (infos);
  g_assert_cmpuint (infos->len, ==, 1);
  g_assert_cmpstr (pm_draft_info_get_id (g_ptr_array_index (infos, 0)), ==, id);
}

static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *blocker = g_build_filename (fixture->dir, "file.txt", NULL);
  g_autofree char *drafts = g_build_filename (blocker, "drafts", NULL);
  g_autoptr(PmDraftStore) store = pm_draft_store_new (drafts);
  g_autoptr(PmDocument) document = load_example (fixture);
  g_autoptr(PmDraft) draft = pm_draft_store_create_draft (store, NULL, NULL, 0);
  g_autoptr(GPtrArray) infos = NULL;

  /* A regular file where a folder should be stops even root. */
  write_file (blocker, "in the way", -1);

  g_assert_false (pm_draft_store_begin_session (store, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  set_title (document, "Nowhere to go");
  g_assert_false (pm_draft_store_save (store, draft, document, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_clear_error (&error);

  /* Nothing to list, and that is not an error. */
  infos = pm_draft_store_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (infos->len, ==, 0);

  /* The drafts folder itself is a file. */
  {
    g_autoptr(PmDraftStore) file_store = pm_draft_store_new (blocker);

    g_assert_false (pm_draft_store_save (file_store, draft, document, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
}

static void
test_stale_temporary_files (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autofree char *stale = g_build_filename (fixture->drafts,
                                             ".0a.pmortem.pm-save-ABC123", NULL);
  g_autofree char *fresh = g_build_filename (fixture->drafts,
                                             ".0b.pmortem.pm-save-DEF456", NULL);
  g_autofree char *other = g_build_filename (fixture->drafts, ".hidden", NULL);
  struct utimbuf old = { .actime = time (NULL) - 3600, .modtime = time (NULL) - 3600 };

  g_assert_cmpint (g_mkdir_with_parents (fixture->drafts, 0700), ==, 0);
  write_file (stale, "half", -1);
  write_file (fresh, "half", -1);
  write_file (other, "not ours", -1);
  g_assert_cmpint (utime (stale, &old), ==, 0);
  g_assert_cmpint (utime (other, &old), ==, 0);

  pm_draft_store_begin_session (store, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_damaged_session_marker (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *marker = g_build_filename (fixture->drafts, "session.json", NULL);
  g_autoptr(PmDraftStore) store = pm_draft_store_new (fixture->drafts);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (fixture->drafts, 0700), ==, 0);
  write_file (marker, "{\"clean_shutdown\": tru", -1);
  g_assert_true (pm_draft_store_get_previous_session_crashed (store));
  g_assert_true (pm_draft_store_begin_session (store, &error));
  g_assert_no_error (error);
  g_assert_true (pm_draft_store_end_session (store, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/draft-store/round-trip", test_round_trip);
  ADD ("/draft-store/clean-session", test_clean_session);
  ADD ("/draft-store/base-changed", test_base_changed);
  ADD ("/draft-store/untitled", test_untitled);
  ADD ("/draft-store/newest-first", test_newest_first);
  ADD ("/draft-store/quarantine", test_quarantine);
  ADD ("/draft-store/quarantine-messages", test_quarantine_messages);
  ADD ("/draft-store/discard", test_discard);
  ADD ("/draft-store/discard-while-writing", test_discard_while_writing);
  ADD ("/draft-store/older-snapshot-never-wins", test_older_snapshot_never_wins);
  ADD ("/draft-store/adopt", test_adopt);
  ADD ("/draft-store/list-async", test_list_async);
  ADD ("/draft-store/unwritable", test_unwritable);
  ADD ("/draft-store/stale-temporary-files", test_stale_temporary_files);
  ADD ("/draft-store/damaged-session-marker", test_damaged_session_marker);

#undef ADD

  return g_test_run ();
}
