/* test-atomic-file.c — saving never loses the old file; reading never reads too much
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* fork, setrlimit, mkfifo, unshare, mount, setgroups: POSIX and Linux API. */
#ifndef _GNU_SOURCE
# define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "pm-atomic-file.h"
#include "pm-error.h"

#include "test-util.h"

#define DOC_NAME "doc.pmortem"

/* Users and groups that need not exist: only root tests use them. */
#define OTHER_UID   4001
#define SAVER_UID   4002
#define SHARED_GID  4242

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* lstat, so a symlink to somewhere else is removed, not followed. */
/* Bytes that are not text, so a stray NUL or a truncation shows up in a comparison. */
static GBytes *
make_data (gsize   length,
           guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  guint8 *data = g_malloc (length);

  for (gsize i = 0; i < length; i++)
    data[i] = (guint8) g_rand_int_range (rand, 0, 256);

  return g_bytes_new_take (data, length);
}

static void
write_plain (const char *path,
             GBytes     *bytes,
             mode_t      mode)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (path, mode), ==, 0);
}

static void
assert_contents (const char *path,
                 GBytes     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  gsize expected_length;
  const char *expected_data = g_bytes_get_data (expected, &expected_length);

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (data, length, expected_data, expected_length);
}

static gboolean
atomic_write_bytes (const char  *path,
                    GBytes      *bytes,
                    GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return pm_atomic_file_write (path, data, length, error);
}

static guint
count_litter (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_pattern_match_simple (".*.pm-save-*", name))
      count++;

  return count;
}

static guint
count_entries (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;

  return count;
}

static mode_t
mode_of (const char *path)
{
  struct stat st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* Users read these: they must name the file and say what the system said. */
static void
assert_message_names (const GError *error,
                      const char   *path,
                      const char   *what)
{
  g_autofree char *display = g_filename_display_name (path);

  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  if (strstr (error->message, display) == NULL)
    g_error ("“%s” does not name “%s”", error->message, display);
  if (what != NULL && strstr (error->message, what) == NULL)
    g_error ("“%s” does not say “%s”", error->message, what);
}

static gboolean
require_root (const char *why)
{
  if (getuid () == 0)
    return TRUE;

  g_test_skip (why);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Writing: contents and permissions                                                          */
/* ------------------------------------------------------------------------------------------ */

static void
test_new_file_mode (void)
{
  static const mode_t masks[] = { 022, 027, 077, 0 };
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autoptr(GBytes) data = make_data (5000, 1);
  mode_t old_mask = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (masks); i++)
    {
      g_autoptr(GError) error = NULL;

      umask (masks[i]);
      g_assert_true (atomic_write_bytes (path, data, &error));
      g_assert_no_error (error);

      assert_contents (path, data);
      g_assert_cmpint (mode_of (path), ==, 0666 & ~masks[i]);
      g_assert_cmpuint (count_entries (dir), ==, 1);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  umask (old_mask);
  pm_test_remove_tree (dir);
}

static void
test_keeps_mode (void)
{
  /* Read-only modes are refused: see test_write_protected. */
  static const mode_t modes[] = { 0640, 0664, 0600, 0660, 0200 };
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autoptr(GBytes) before = make_data (3000, 2);
  g_autoptr(GBytes) after = make_data (7000, 3);
  /* With umask 022 a recomputed mode would be 0644: keeping 0664 proves it is copied. */
  mode_t old_mask = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;

      write_plain (path, before, modes[i]);
      g_assert_true (atomic_write_bytes (path, after, &error));
      g_assert_no_error (error);

      assert_contents (path, after);
      g_assert_cmpint (mode_of (path), ==, modes[i]);
      g_assert_cmpuint (count_entries (dir), ==, 1);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  umask (old_mask);
  pm_test_remove_tree (dir);
}

static void
test_empty_and_replace_many (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;

  g_assert_true (pm_atomic_file_write (path, NULL, 0, &error));
  g_assert_no_error (error);
  assert_contents (path, empty);

  /* Shrinking and growing: a rewrite in place that forgot to truncate would show here. */
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GBytes) data = make_data ((i % 2) ? 100 : 70000, 10 + i);

      g_assert_true (atomic_write_bytes (path, data, &error));
      g_assert_no_error (error);
      assert_contents (path, data);
    }

  g_assert_cmpuint (count_litter (dir), ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  pm_test_remove_tree (dir);
}

static void
test_long_name (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) data = make_data (100, 4);
  g_autoptr(GError) error = NULL;
  GString *long_name = g_string_new (NULL);

  /* 250 bytes: a valid name, but ".NAME.pm-save-XXXXXX" would not be, uncut. The "é"s
   * put a two-byte character across the cut. */
  while (long_name->len < 241)
    g_string_append (long_name, "é");
  g_string_append (long_name, ".pmortem");
  name = g_string_free (long_name, FALSE);
  g_assert_cmpuint (strlen (name), <=, 255);
  path = g_build_filename (dir, name, NULL);

  g_assert_true (atomic_write_bytes (path, data, &error));
  g_assert_no_error (error);
  assert_contents (path, data);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  pm_test_remove_tree (dir);
}

static void
test_keeps_owner (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) before = make_data (100, 5);
  g_autoptr(GBytes) after = make_data (200, 6);
  g_autoptr(GError) error = NULL;
  struct stat st;

  if (!require_root ("needs root to give files to other users"))
    return;

  dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  path = g_build_filename (dir, DOC_NAME, NULL);
  write_plain (path, before, 0640);
  g_assert_cmpint (chown (path, OTHER_UID, SHARED_GID), ==, 0);

  g_assert_true (atomic_write_bytes (path, after, &error));
  g_assert_no_error (error);

  assert_contents (path, after);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_uid, ==, OTHER_UID);
  g_assert_cmpuint (st.st_gid, ==, SHARED_GID);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);

  pm_test_remove_tree (dir);
}

static void
become_saver (void)
{
  gid_t groups[] = { SHARED_GID };

  g_assert_cmpint (setgroups (G_N_ELEMENTS (groups), groups), ==, 0);
  g_assert_cmpint (setgid (SAVER_UID), ==, 0);
  g_assert_cmpint (setuid (SAVER_UID), ==, 0);
  g_assert_cmpint (geteuid (), ==, SAVER_UID);
}

/* S7: a colleague's file in a group-writable folder, saved by another member of the group
 * with umask 022. The group and the mode 0664 must survive, or the colleague is locked out. */
static void
test_shared_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *shared = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) before = make_data (4000, 7);
  g_autoptr(GBytes) after = make_data (9000, 8);
  struct stat st;

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;

      become_saver ();
      umask (022);
      g_assert_true (atomic_write_bytes (g_getenv ("PM_TEST_PATH"), after, &error));
      g_assert_no_error (error);
      return;
    }

  if (!require_root ("needs root to act as another member of a group"))
    return;

  dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  shared = g_build_filename (dir, "shared", NULL);
  path = g_build_filename (shared, DOC_NAME, NULL);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (shared, 0775), ==, 0);
  g_assert_cmpint (chown (shared, 0, SHARED_GID), ==, 0);
  g_assert_cmpint (g_chmod (shared, 0775), ==, 0);
  write_plain (path, before, 0664);
  g_assert_cmpint (chown (path, OTHER_UID, SHARED_GID), ==, 0);

  g_setenv ("PM_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("PM_TEST_PATH");
  g_test_trap_assert_passed ();

  assert_contents (path, after);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0664);
  g_assert_cmpuint (st.st_gid, ==, SHARED_GID);
  /* Giving the file back to its owner needs privileges the saver does not have. */
  g_assert_cmpuint (st.st_uid, ==, SAVER_UID);
  g_assert_cmpuint (count_litter (shared), ==, 0);

  pm_test_remove_tree (dir);
}

/* S8: a writable file in a folder we may not write to. No in-place fallback: refuse. */
static void
test_read_only_folder (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *locked = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) before = make_data (4000, 9);
  g_autoptr(GBytes) after = make_data (9000, 10);

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      const char *child_path = g_getenv ("PM_TEST_PATH");

      become_saver ();
      g_assert_false (atomic_write_bytes (child_path, after, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      assert_message_names (error, child_path, g_strerror (EACCES));
      return;
    }

  dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  locked = g_build_filename (dir, "locked", NULL);
  path = g_build_filename (locked, DOC_NAME, NULL);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (locked, 0755), ==, 0);
  write_plain (path, before, 0666);

  if (getuid () == 0)
    {
      /* Root may write anywhere: save as someone else. */
      g_assert_cmpint (chown (path, SAVER_UID, SAVER_UID), ==, 0);
      g_assert_cmpint (chown (locked, OTHER_UID, OTHER_UID), ==, 0);
      g_assert_cmpint (g_chmod (locked, 0555), ==, 0);

      g_setenv ("PM_TEST_PATH", path, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_unsetenv ("PM_TEST_PATH");
      g_test_trap_assert_passed ();
    }
  else
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_chmod (locked, 0555), ==, 0);
      g_assert_false (atomic_write_bytes (path, after, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      assert_message_names (error, path, g_strerror (EACCES));
    }

  assert_contents (path, before);
  g_assert_cmpuint (count_entries (locked), ==, 1);

  pm_test_remove_tree (dir);
}

/* A file nobody may write is not replaced behind its owner's back: also not by root, who
 * could. Any one write bit is enough (0200 in test_keeps_mode). */
static void
test_write_protected (void)
{
  static const mode_t modes[] = { 0444, 0400, 0000, 0555, 04444 };
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autoptr(GBytes) before = make_data (3000, 40);
  g_autoptr(GBytes) after = make_data (5000, 41);

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(GError) error = NULL;

      write_plain (path, before, modes[i]);
      g_assert_false (atomic_write_bytes (path, after, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      assert_message_names (error, path, "write-protected");

      g_assert_cmpint (g_chmod (path, 0600), ==, 0);
      assert_contents (path, before);
      g_assert_cmpuint (count_entries (dir), ==, 1);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }

  pm_test_remove_tree (dir);
}

/* A colleague's 0644 file in a folder everyone may write: renaming would work, but the file
 * is not ours to write. Needs root to make the file someone else's. */
static void
test_write_protected_other_owner (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *open_folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *link_path = NULL;
  g_autoptr(GBytes) before = make_data (4000, 42);
  g_autoptr(GBytes) after = make_data (6000, 43);

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      const char *child_path = g_getenv ("PM_TEST_PATH");
      const char *child_link = g_getenv ("PM_TEST_LINK");

      become_saver ();
      g_assert_false (atomic_write_bytes (child_path, after, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      assert_message_names (error, child_path, "write-protected");
      g_clear_error (&error);

      /* Through a link of our own the file is still not ours to write. */
      g_assert_false (atomic_write_bytes (child_link, after, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES);
      return;
    }

  if (!require_root ("needs root to make a file someone else's"))
    return;

  dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  open_folder = g_build_filename (dir, "open", NULL);
  path = g_build_filename (open_folder, DOC_NAME, NULL);
  link_path = g_build_filename (open_folder, "link.pmortem", NULL);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_cmpint (g_mkdir (open_folder, 0777), ==, 0);
  g_assert_cmpint (g_chmod (open_folder, 0777), ==, 0);
  write_plain (path, before, 0644);
  g_assert_cmpint (chown (path, OTHER_UID, OTHER_UID), ==, 0);
  g_assert_cmpint (symlink (DOC_NAME, link_path), ==, 0);
  g_assert_cmpint (lchown (link_path, SAVER_UID, SAVER_UID), ==, 0);

  g_setenv ("PM_TEST_PATH", path, TRUE);
  g_setenv ("PM_TEST_LINK", link_path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("PM_TEST_PATH");
  g_unsetenv ("PM_TEST_LINK");
  g_test_trap_assert_passed ();

  assert_contents (path, before);
  g_assert_cmpuint (count_entries (open_folder), ==, 2);

  /* Root may write it, and does: the mode has a write bit. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (atomic_write_bytes (path, after, &error));
    g_assert_no_error (error);
    assert_contents (path, after);
  }

  pm_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------------------------ */
/* Links                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
assert_is_link_to (const char *link_path,
                   const char *expected_target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;
  struct stat st;

  g_assert_cmpint (lstat (link_path, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  target = g_file_read_link (link_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, expected_target);
}

static void
check_symlink (const char *link_target_text,
               const char *link_folder,
               const char *real_folder)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *links = g_build_filename (dir, link_folder, NULL);
  g_autofree char *reals = g_build_filename (dir, real_folder, NULL);
  g_autofree char *link_path = g_build_filename (links, "link.pmortem", NULL);
  g_autofree char *real_path = g_build_filename (reals, "real.pmortem", NULL);
  g_autofree char *target_text = NULL;
  g_autoptr(GBytes) before = make_data (3000, 11);
  g_autoptr(GBytes) after = make_data (6000, 12);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (links, 0755), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (reals, 0755), ==, 0);
  write_plain (real_path, before, 0640);

  target_text = link_target_text ? g_strdup (link_target_text) : g_strdup (real_path);
  g_assert_cmpint (symlink (target_text, link_path), ==, 0);

  g_assert_true (atomic_write_bytes (link_path, after, &error));
  g_assert_no_error (error);

  assert_is_link_to (link_path, target_text);
  assert_contents (real_path, after);
  g_assert_cmpint (mode_of (real_path), ==, 0640);
  g_assert_cmpuint (count_litter (links), ==, 0);
  g_assert_cmpuint (count_litter (reals), ==, 0);

  pm_test_remove_tree (dir);
}

static void
test_symlink_relative (void)
{
  check_symlink ("real.pmortem", "a", "a");
}

/* The target is relative to the link's folder, which is not the current directory. */
static void
test_symlink_relative_other_folder (void)
{
  check_symlink ("../b/real.pmortem", "a", "b");
}

static void
test_symlink_absolute (void)
{
  check_symlink (NULL, "a", "b");
}

static void
test_symlink_chain (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *first = g_build_filename (dir, "first.pmortem", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *second = g_build_filename (sub, "second.pmortem", NULL);
  g_autofree char *real_path = g_build_filename (dir, "real.pmortem", NULL);
  g_autoptr(GBytes) before = make_data (3000, 13);
  g_autoptr(GBytes) after = make_data (6000, 14);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  write_plain (real_path, before, 0600);
  /* first → sub/second.pmortem → ../real.pmortem */
  g_assert_cmpint (symlink ("sub/second.pmortem", first), ==, 0);
  g_assert_cmpint (symlink ("../real.pmortem", second), ==, 0);

  g_assert_true (atomic_write_bytes (first, after, &error));
  g_assert_no_error (error);

  assert_is_link_to (first, "sub/second.pmortem");
  assert_is_link_to (second, "../real.pmortem");
  assert_contents (real_path, after);
  g_assert_cmpint (mode_of (real_path), ==, 0600);
  g_assert_cmpuint (count_litter (dir), ==, 0);
  g_assert_cmpuint (count_litter (sub), ==, 0);

  pm_test_remove_tree (dir);
}

static void
test_symlink_dangling (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *link_path = g_build_filename (dir, "link.pmortem", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.pmortem", NULL);
  g_autoptr(GBytes) data = make_data (100, 15);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("missing.pmortem", link_path), ==, 0);

  g_assert_false (atomic_write_bytes (link_path, data, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  assert_message_names (error, link_path, NULL);

  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  assert_is_link_to (link_path, "missing.pmortem");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  pm_test_remove_tree (dir);
}

static void
test_symlink_loop (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *a = g_build_filename (dir, "a.pmortem", NULL);
  g_autofree char *b = g_build_filename (dir, "b.pmortem", NULL);
  g_autoptr(GBytes) data = make_data (100, 16);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("b.pmortem", a), ==, 0);
  g_assert_cmpint (symlink ("a.pmortem", b), ==, 0);

  g_assert_false (atomic_write_bytes (a, data, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  assert_message_names (error, a, g_strerror (ELOOP));
  g_assert_cmpuint (count_entries (dir), ==, 2);

  pm_test_remove_tree (dir);
}

static void
test_hard_link (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autofree char *other = g_build_filename (dir, "other-name.pmortem", NULL);
  g_autoptr(GBytes) before = make_data (3000, 17);
  g_autoptr(GBytes) after = make_data (6000, 18);
  g_autoptr(GError) error = NULL;
  struct stat st;

  write_plain (path, before, 0644);
  g_assert_cmpint (link (path, other), ==, 0);

  g_assert_true (atomic_write_bytes (path, after, &error));
  g_assert_no_error (error);

  /* The link is broken on purpose: never rewritten in place. */
  assert_contents (path, after);
  assert_contents (other, before);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_nlink, ==, 1);
  g_assert_cmpint (g_stat (other, &st), ==, 0);
  g_assert_cmpuint (st.st_nlink, ==, 1);
  g_assert_cmpuint (count_entries (dir), ==, 2);

  pm_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------------------------ */
/* Failures leave the original alone                                                          */
/* ------------------------------------------------------------------------------------------ */

static void
test_fail_file_too_large (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) before = make_data (10000, 19);
  g_autoptr(GBytes) after = make_data (1024 * 1024, 20);

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      const char *child_path = g_getenv ("PM_TEST_PATH");
      struct rlimit limit = { 64 * 1024, 64 * 1024 };
      struct sigaction ignore = { 0 };

      /* Without this the kernel kills us instead of returning EFBIG. */
      ignore.sa_handler = SIG_IGN;
      g_assert_cmpint (sigaction (SIGXFSZ, &ignore, NULL), ==, 0);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      g_assert_false (atomic_write_bytes (child_path, after, &error));
      g_assert_true (error->domain == G_FILE_ERROR);
      assert_message_names (error, child_path, g_strerror (EFBIG));
      assert_message_names (error, child_path, "file size limit");
      return;
    }

  dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  path = g_build_filename (dir, DOC_NAME, NULL);
  write_plain (path, before, 0644);

  g_setenv ("PM_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("PM_TEST_PATH");
  g_test_trap_assert_passed ();

  assert_contents (path, before);
  g_assert_cmpint (mode_of (path), ==, 0644);
  g_assert_cmpuint (count_litter (dir), ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  pm_test_remove_tree (dir);
}

static void
make_temp (const char *dir,
           const char *name,
           gint64      age_seconds)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct timeval times[2];

  g_assert_true (g_file_set_contents (path, "half a document", -1, NULL));
  gettimeofday (&times[0], NULL);
  times[0].tv_sec -= age_seconds;
  times[1] = times[0];
  g_assert_cmpint (utimes (path, times), ==, 0);
}

static gboolean
exists_in (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct stat st;

  return lstat (path, &st) == 0;
}

/* What killed saves left behind goes with the next save of the same document; nothing else
 * does: not other documents' temporary files, not a save in progress (locked, or too new to
 * tell), not names that merely look similar, not links, not other people's files. */
static void
test_stale_temps (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autofree char *locked_path = g_build_filename (dir, "." DOC_NAME ".pm-save-Locked", NULL);
  g_autofree char *linked_path = g_build_filename (dir, "." DOC_NAME ".pm-save-Linked", NULL);
  g_autofree char *hard_path = g_build_filename (dir, "hard-link", NULL);
  g_autofree char *symlink_path = g_build_filename (dir, "." DOC_NAME ".pm-save-Symlnk", NULL);
  g_autoptr(GBytes) before = make_data (2000, 44);
  g_autoptr(GBytes) after = make_data (3000, 45);
  g_autoptr(GError) error = NULL;
  static const char *kept[] = {
    "." DOC_NAME ".pm-save-Fresh1",        /* a save may be writing it right now */
    "." DOC_NAME ".pm-save-Locked",        /* a save is writing it */
    "." DOC_NAME ".pm-save-Linked",        /* has another name too */
    ".other.pmortem.pm-save-Abc123",       /* another document's */
    "." DOC_NAME ".pm-save-Abc12",         /* not what mkstemp makes */
    "." DOC_NAME ".pm-save-Abc1234",
    "." DOC_NAME ".pm-save-Abc-12",
    DOC_NAME ".pm-save-Abc123",
    "." DOC_NAME ".pm-save-Symlnk",
    "hard-link",
  };
  int locked_fd;

  write_plain (path, before, 0644);
  make_temp (dir, "." DOC_NAME ".pm-save-Abc123", 60);
  make_temp (dir, "." DOC_NAME ".pm-save-zZ9xY0", 24 * 3600);
  make_temp (dir, "." DOC_NAME ".pm-save-Fresh1", 0);
  make_temp (dir, "." DOC_NAME ".pm-save-Locked", 60);
  make_temp (dir, "." DOC_NAME ".pm-save-Linked", 60);
  g_assert_cmpint (link (linked_path, hard_path), ==, 0);
  make_temp (dir, ".other.pmortem.pm-save-Abc123", 60);
  make_temp (dir, "." DOC_NAME ".pm-save-Abc12", 60);
  make_temp (dir, "." DOC_NAME ".pm-save-Abc1234", 60);
  make_temp (dir, "." DOC_NAME ".pm-save-Abc-12", 60);
  make_temp (dir, DOC_NAME ".pm-save-Abc123", 60);
  g_assert_cmpint (symlink (DOC_NAME, symlink_path), ==, 0);

  /* Another save, in this process or another, holds the lock until its rename. */
  locked_fd = open (locked_path, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (locked_fd, >=, 0);
  g_assert_cmpint (flock (locked_fd, LOCK_EX), ==, 0);

  if (getuid () == 0)
    {
      g_autofree char *theirs = g_build_filename (dir, "." DOC_NAME ".pm-save-Theirs", NULL);

      make_temp (dir, "." DOC_NAME ".pm-save-Theirs", 60);
      g_assert_cmpint (lchown (theirs, OTHER_UID, OTHER_UID), ==, 0);
    }

  g_assert_true (atomic_write_bytes (path, after, &error));
  g_assert_no_error (error);
  assert_contents (path, after);

  g_assert_false (exists_in (dir, "." DOC_NAME ".pm-save-Abc123"));
  g_assert_false (exists_in (dir, "." DOC_NAME ".pm-save-zZ9xY0"));
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    if (!exists_in (dir, kept[i]))
      g_error ("“%s” was removed", kept[i]);
  if (getuid () == 0)
    g_assert_true (exists_in (dir, "." DOC_NAME ".pm-save-Theirs"));

  /* Once the lock is gone, the file is litter too. */
  close (locked_fd);
  g_assert_true (atomic_write_bytes (path, before, &error));
  g_assert_no_error (error);
  g_assert_false (exists_in (dir, "." DOC_NAME ".pm-save-Locked"));
  g_assert_true (exists_in (dir, "." DOC_NAME ".pm-save-Fresh1"));

  pm_test_remove_tree (dir);
}

/* A save killed by SIGXFSZ (ulimit -f, signal not ignored) cannot clean up after itself; the
 * next save of the document does. */
static void
test_killed_by_file_size_limit (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autoptr(GBytes) before = make_data (10000, 46);
  g_autoptr(GBytes) big = make_data (1024 * 1024, 47);
  g_autoptr(GBytes) after = make_data (20000, 48);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  int status = 0;
  pid_t pid;

  write_plain (path, before, 0644);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit limit = { 64 * 1024, 64 * 1024 };

      signal (SIGXFSZ, SIG_DFL);
      if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
        _exit (3);
      atomic_write_bytes (path, big, NULL);
      _exit (4);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGXFSZ);

  assert_contents (path, before);
  g_assert_cmpuint (count_litter (dir), ==, 1);

  /* Seconds later, as a person saves again. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (!g_str_equal (name, DOC_NAME))
      make_temp (dir, name, 30);

  g_assert_true (atomic_write_bytes (path, after, &error));
  g_assert_no_error (error);
  assert_contents (path, after);
  g_assert_cmpuint (count_litter (dir), ==, 0);
  g_assert_cmpuint (count_entries (dir), ==, 1);

  pm_test_remove_tree (dir);
}

/* S3: a real full disk, on a 256 KiB tmpfs in a private mount namespace (so nothing is left
 * mounted if the test dies). The child checks everything: the mount goes away with it. */
static void
test_fail_disk_full (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *marker = NULL;
  g_autoptr(GBytes) before = make_data (100 * 1024, 21);
  g_autoptr(GBytes) after = make_data (400 * 1024, 22);

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      const char *child_dir = g_getenv ("PM_TEST_PATH");
      g_autofree char *mnt = g_build_filename (child_dir, "mnt", NULL);
      g_autofree char *path = g_build_filename (mnt, DOC_NAME, NULL);
      g_autofree char *fresh = g_build_filename (mnt, "new.pmortem", NULL);
      g_autofree char *child_marker = g_build_filename (child_dir, "no-mount", NULL);

      if (unshare (CLONE_NEWNS) != 0
          || mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0
          || mount ("tmpfs", mnt, "tmpfs", 0, "size=256k") != 0)
        {
          g_assert_true (g_file_set_contents (child_marker, g_strerror (errno), -1, NULL));
          return;
        }

      write_plain (path, before, 0644);

      g_assert_false (atomic_write_bytes (path, after, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
      assert_message_names (error, path, g_strerror (ENOSPC));
      g_clear_error (&error);

      assert_contents (path, before);
      g_assert_cmpuint (count_entries (mnt), ==, 1);

      /* A new file that does not fit is not created at all, not even empty. */
      g_assert_false (atomic_write_bytes (fresh, after, &error));
      g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
      g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_entries (mnt), ==, 1);
      return;
    }

  if (!require_root ("needs root to mount a small tmpfs"))
    return;

  dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  marker = g_build_filename (dir, "no-mount", NULL);
  {
    g_autofree char *mnt = g_build_filename (dir, "mnt", NULL);
    g_assert_cmpint (g_mkdir (mnt, 0755), ==, 0);
  }

  g_setenv ("PM_TEST_PATH", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_unsetenv ("PM_TEST_PATH");
  g_test_trap_assert_passed ();

  if (g_file_test (marker, G_FILE_TEST_EXISTS))
    g_test_skip ("cannot mount a tmpfs here");

  pm_test_remove_tree (dir);
}

static void
test_fail_directory (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autofree char *inside = g_build_filename (path, "keep", NULL);
  g_autoptr(GBytes) data = make_data (100, 23);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
  g_assert_true (g_file_set_contents (inside, "x", 1, NULL));

  g_assert_false (atomic_write_bytes (path, data, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  assert_message_names (error, path, g_strerror (EISDIR));

  g_assert_true (g_file_test (inside, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  pm_test_remove_tree (dir);
}

/* Renaming over a fifo or a device would silently turn it into a file. */
static void
test_fail_special_files (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *fifo = g_build_filename (dir, "fifo.pmortem", NULL);
  g_autofree char *device = g_build_filename (dir, "null.pmortem", NULL);
  g_autofree char *link_path = g_build_filename (dir, "link.pmortem", NULL);
  g_autoptr(GBytes) data = make_data (100, 24);
  g_autoptr(GError) error = NULL;
  struct stat st;
  guint expected = 2;

  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (symlink ("fifo.pmortem", link_path), ==, 0);

  g_assert_false (atomic_write_bytes (fifo, data, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_IO);
  assert_message_names (error, fifo, NULL);
  g_clear_error (&error);

  g_assert_false (atomic_write_bytes (link_path, data, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_IO);
  assert_message_names (error, link_path, NULL);
  g_clear_error (&error);

  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* A character device like /dev/null, made here so a bug cannot replace the real one. */
  if (mknod (device, S_IFCHR | 0666, makedev (1, 3)) == 0)
    {
      expected++;
      g_assert_false (atomic_write_bytes (device, data, &error));
      g_assert_error (error, PM_ERROR, PM_ERROR_IO);
      g_clear_error (&error);
      g_assert_cmpint (lstat (device, &st), ==, 0);
      g_assert_true (S_ISCHR (st.st_mode));
    }

  g_assert_cmpuint (count_entries (dir), ==, expected);

  pm_test_remove_tree (dir);
}

static void
test_fail_missing_folder (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *gone = g_build_filename (dir, "gone", NULL);
  g_autofree char *path = g_build_filename (gone, DOC_NAME, NULL);
  /* Not UTF-8: the message must still be valid UTF-8 and recognisable. */
  g_autofree char *odd = g_build_filename (gone, "caf\xe9.pmortem", NULL);
  g_autoptr(GBytes) data = make_data (100, 25);
  g_autoptr(GError) error = NULL;

  /* The folder existed when the document was opened and was removed since. */
  g_assert_cmpint (g_mkdir (gone, 0755), ==, 0);
  g_assert_cmpint (g_rmdir (gone), ==, 0);

  g_assert_false (atomic_write_bytes (path, data, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  assert_message_names (error, path, g_strerror (ENOENT));
  g_clear_error (&error);

  g_assert_false (atomic_write_bytes (odd, data, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  assert_message_names (error, odd, g_strerror (ENOENT));

  g_assert_cmpuint (count_entries (dir), ==, 0);

  pm_test_remove_tree (dir);
}

/* Run by the fault-injection test under strace: save over argv[2] and report. */
static int
fault_child_main (const char *path)
{
  g_autoptr(GBytes) data = make_data (50000, 27);
  g_autoptr(GError) error = NULL;

  if (atomic_write_bytes (path, data, &error))
    return 0;

  g_printerr ("%d:%s\n", error->code, error->message);
  return 3;
}

static char *
strace_path (void)
{
  g_autofree char *strace = g_find_program_in_path ("strace");
  int status = -1;

  if (strace == NULL)
    return NULL;

  /* Containers often forbid ptrace. */
  {
    const char *argv[] = { strace, "-o", "/dev/null", "true", NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH
                       | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL)
        || !g_spawn_check_wait_status (status, NULL))
      return NULL;
  }

  return g_steal_pointer (&strace);
}

static void
run_under_strace (const char  *strace,
                  const char  *path,
                  const char  *filter,
                  const char  *log_path,
                  int         *status,
                  char       **child_err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = g_file_read_link ("/proc/self/exe", &error);
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { strace, "-f", "-qq", "-y", "-o", log_path, "-e", filter,
                         self, "--fault-child", path, NULL };

  g_assert_no_error (error);

  /* LeakSanitizer stops the world with ptrace, which strace already holds. */
  envp = g_environ_setenv (envp, "ASAN_OPTIONS", "detect_leaks=0", TRUE);

  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, child_err, status, &error);
  g_assert_no_error (error);
  if (*child_err != NULL)
    g_strstrip (*child_err);
}

/* The dynamic loader closes files too (and gives up if that fails), so the close() to
 * break is found by counting closes in a dry run. */
static char *
locate_temp_close (const char *strace,
                   const char *dir,
                   const char *path)
{
  g_autofree char *log_path = g_build_filename (dir, "strace.log", NULL);
  g_autofree char *log = NULL;
  g_autofree char *child_err = NULL;
  g_auto(GStrv) lines = NULL;
  int status = -1;

  run_under_strace (strace, path, "trace=close", log_path, &status, &child_err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  g_assert_cmpint (g_unlink (log_path), ==, 0);

  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], ".pm-save-") != NULL)
      return g_strdup_printf ("close:error=EIO:when=%u", i + 1);

  g_error ("the save never closed its temporary file");
  return NULL;
}

/* S2: every step of the save fails once, as the kernel would report it. */
static void
test_fail_injected (void)
{
  static const struct {
    const char *inject;           /* NULL: the close of the temporary file */
    int         expected_errno;   /* 0: the save must succeed anyway */
    gboolean    replaced;         /* the new contents are in place despite the error */
  } cases[] = {
    { "write:error=EIO:when=1", EIO, FALSE },
    { "write:error=ENOSPC:when=1", ENOSPC, FALSE },
    { "write:error=EDQUOT:when=1", EDQUOT, FALSE },
    { "fchmod:error=EIO:when=1", EIO, FALSE },
    { "fsync:error=EIO:when=1", EIO, FALSE },
    { NULL, EIO, FALSE },
    { "rename,renameat,renameat2:error=EXDEV:when=1", EXDEV, FALSE },
    /* Keeping the owner is best effort: refusing it must not fail the save. */
    { "fchown:error=EPERM", 0, TRUE },
    /* The folder's fsync comes after the rename: too late to keep the original, but the
     * caller must learn that the save may not be durable. */
    { "fsync:error=EIO:when=2", EIO, TRUE },
  };
  g_autofree char *strace = strace_path ();

  if (strace == NULL)
    {
      g_test_skip ("strace cannot run here");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
      g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
      g_autofree char *located = NULL;
      g_autofree char *inject = NULL;
      g_autofree char *child_err = NULL;
      g_autoptr(GBytes) before = make_data (20000, 26);
      g_autoptr(GBytes) after = make_data (50000, 27);
      int status = -1;

      /* Twice when locating, so that the dry run takes the same path as the real one. */
      for (guint round = 0; round < (cases[i].inject ? 1 : 2); round++)
        {
          write_plain (path, before, 0640);
          if (getuid () == 0)
            g_assert_cmpint (chown (path, OTHER_UID, SHARED_GID), ==, 0);
          if (cases[i].inject == NULL && round == 0)
            located = locate_temp_close (strace, dir, path);
        }

      inject = g_strdup_printf ("inject=%s", located ? located : cases[i].inject);
      run_under_strace (strace, path, inject, "/dev/null", &status, &child_err);
      g_test_message ("%s: %s", inject, child_err);

      if (cases[i].expected_errno == 0)
        {
          g_assert_true (g_spawn_check_wait_status (status, NULL));
        }
      else
        {
          g_autofree char *code = g_strdup_printf ("%d:", g_file_error_from_errno (cases[i].expected_errno));
          g_autofree char *display = g_filename_display_name (path);

          g_assert_true (WIFEXITED (status));
          g_assert_cmpint (WEXITSTATUS (status), ==, 3);
          g_assert_true (g_str_has_prefix (child_err, code));
          g_assert_nonnull (strstr (child_err, display));
          g_assert_nonnull (strstr (child_err, g_strerror (cases[i].expected_errno)));
        }

      assert_contents (path, cases[i].replaced ? after : before);
      g_assert_cmpint (mode_of (path), ==, 0640);
      g_assert_cmpuint (count_entries (dir), ==, 1);

      pm_test_remove_tree (dir);
    }
}

/* S1: kill -9 at random moments while saving, alternately, two versions of a 200 KB file.
 * After each kill the file must be one version or the other, byte for byte. */
static void
test_kill_loop (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autoptr(GBytes) a = make_data (200 * 1024, 28);
  g_autoptr(GBytes) b = make_data (200 * 1024 + 17, 29);
  guint iterations = g_test_slow () ? 1000 : 200;
  guint mid_save = 0;
  guint saw_a = 0;
  guint saw_b = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (atomic_write_bytes (path, a, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < iterations; i++)
    {
      g_autoptr(GDir) listing = NULL;
      g_autofree char *data = NULL;
      const char *name;
      gsize length = 0;
      int status = 0;
      pid_t pid;

      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          for (guint n = 0; ; n++)
            if (!atomic_write_bytes (path, (n % 2) ? a : b, NULL))
              _exit (1);
        }

      g_usleep (g_test_rand_int_range (0, 20000));
      g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* Killed by us, not an early failed save. */
      g_assert_true (WIFSIGNALED (status));

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      if (length == g_bytes_get_size (a)
          && memcmp (data, g_bytes_get_data (a, NULL), length) == 0)
        saw_a++;
      else if (length == g_bytes_get_size (b)
               && memcmp (data, g_bytes_get_data (b, NULL), length) == 0)
        saw_b++;
      else
        g_error ("after kill %u the file is neither version (%" G_GSIZE_FORMAT " bytes)", i, length);

      /* A killed save leaves its temporary file; it must be recognisably ours. */
      listing = g_dir_open (dir, 0, NULL);
      while ((name = g_dir_read_name (listing)) != NULL)
        {
          g_autofree char *litter = NULL;

          if (g_str_equal (name, DOC_NAME))
            continue;
          g_assert_true (g_pattern_match_simple ("." DOC_NAME ".pm-save-??????", name));
          litter = g_build_filename (dir, name, NULL);
          g_assert_cmpint (g_unlink (litter), ==, 0);
          mid_save++;
        }
    }

  g_test_message ("%u kills: %u left version A, %u version B, %u interrupted a save",
                  iterations, saw_a, saw_b, mid_save);
  /* Otherwise the loop proved nothing. */
  g_assert_cmpuint (saw_b, >, 0);

  pm_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------------------------ */
/* Bounded reading                                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
test_read_exact_size (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autoptr(GBytes) data = make_data (4096, 30);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  write_plain (path, data, 0644);

  g_assert_true (pm_file_read_bounded (path, 4096, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (data, NULL), 4096);
  g_assert_cmpint (contents[length], ==, '\0');
  g_clear_pointer (&contents, g_free);

  g_assert_true (pm_file_read_bounded (path, 100000, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, 4096, g_bytes_get_data (data, NULL), 4096);
  g_assert_cmpint (contents[4096], ==, '\0');

  pm_test_remove_tree (dir);
}

static void
test_read_too_large (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autoptr(GBytes) data = make_data (4097, 31);
  g_autoptr(GError) error = NULL;
  g_autofree char *size = g_format_size (4097);
  g_autofree char *limit = g_format_size (4096);
  char *contents = NULL;
  gsize length = 12345;

  write_plain (path, data, 0644);

  g_assert_false (pm_file_read_bounded (path, 4096, &contents, &length, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_LIMIT);
  assert_message_names (error, path, size);
  assert_message_names (error, path, limit);
  g_assert_null (contents);
  g_assert_cmpuint (length, ==, 12345);
  /* Refused on the size, before reading, not by the capped read. */
  g_assert_null (strstr (error->message, "grew"));
  g_clear_error (&error);

  g_assert_false (pm_file_read_bounded (path, 0, &contents, &length, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_LIMIT);
  g_assert_null (contents);

  pm_test_remove_tree (dir);
}

static void
test_read_limit_message (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  int fd;

  /* 9.2 MB without writing them: a sparse file. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL, 0644);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 9200000), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  g_assert_false (pm_file_read_bounded (path, 8 * 1024 * 1024, &contents, NULL, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_LIMIT);
  /* g_format_size() puts a no-break space before the unit. */
  expected = g_strdup_printf ("“%s” is 9.2\u00a0MB; files larger than 8.4\u00a0MB are not opened",
                              display);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_null (contents);

  pm_test_remove_tree (dir);
}

/* A file may hold more than its size says (it grows while we read, or like /proc, it
 * reports 0): the read itself is capped. */
static void
test_read_size_lies (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  struct stat st;

  if (g_stat ("/proc/self/status", &st) != 0 || !S_ISREG (st.st_mode) || st.st_size != 0)
    {
      g_test_skip ("needs Linux /proc");
      return;
    }

  g_assert_false (pm_file_read_bounded ("/proc/self/status", 100, &contents, &length, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_LIMIT);
  assert_message_names (error, "/proc/self/status", NULL);
  g_assert_null (contents);
  g_clear_error (&error);

  g_assert_true (pm_file_read_bounded ("/proc/self/status", 1024 * 1024, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 100);
  g_assert_cmpuint (strlen (contents), ==, length);
  g_assert_true (g_str_has_prefix (contents, "Name:"));
}

static void
test_read_empty (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 99;

  write_plain (path, empty, 0644);

  g_assert_true (pm_file_read_bounded (path, 0, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpstr (contents, ==, "");

  pm_test_remove_tree (dir);
}

static void
test_read_not_regular (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *fifo = g_build_filename (dir, "fifo.pmortem", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_false (pm_file_read_bounded (dir, 1024, &contents, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  assert_message_names (error, dir, g_strerror (EISDIR));
  g_assert_null (contents);
  g_clear_error (&error);

  /* Opening a fifo must not wait for a writer that never comes. */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_false (pm_file_read_bounded (fifo, 1024, &contents, NULL, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_IO);
  assert_message_names (error, fifo, NULL);
  g_assert_null (contents);

  pm_test_remove_tree (dir);
}

static void
test_read_missing (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "nothing-here.pmortem", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_false (pm_file_read_bounded (path, 1024, &contents, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  assert_message_names (error, path, g_strerror (ENOENT));
  g_assert_null (contents);

  pm_test_remove_tree (dir);
}

/* What a save writes, a bounded read gives back unchanged. */
static void
test_round_trip (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-atomic-XXXXXX");
  g_autofree char *path = g_build_filename (dir, DOC_NAME, NULL);
  g_autoptr(GBytes) data = make_data (300000, 32);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (atomic_write_bytes (path, data, &error));
  g_assert_no_error (error);
  g_assert_true (pm_file_read_bounded (path, 300000, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, g_bytes_get_data (data, NULL), 300000);

  pm_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--fault-child"))
    return fault_child_main (argv[2]);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atomic-file/new-file-mode", test_new_file_mode);
  g_test_add_func ("/atomic-file/keeps-mode", test_keeps_mode);
  g_test_add_func ("/atomic-file/empty-and-replace-many", test_empty_and_replace_many);
  g_test_add_func ("/atomic-file/long-name", test_long_name);
  g_test_add_func ("/atomic-file/keeps-owner", test_keeps_owner);
  g_test_add_func ("/atomic-file/shared-folder", test_shared_folder);
  g_test_add_func ("/atomic-file/read-only-folder", test_read_only_folder);
  g_test_add_func ("/atomic-file/symlink/relative", test_symlink_relative);
  g_test_add_func ("/atomic-file/symlink/relative-other-folder", test_symlink_relative_other_folder);
  g_test_add_func ("/atomic-file/symlink/absolute", test_symlink_absolute);
  g_test_add_func ("/atomic-file/symlink/chain", test_symlink_chain);
  g_test_add_func ("/atomic-file/symlink/dangling", test_symlink_dangling);
  g_test_add_func ("/atomic-file/symlink/loop", test_symlink_loop);
  g_test_add_func ("/atomic-file/hard-link", test_hard_link);
  g_test_add_func ("/atomic-file/fail/file-too-large", test_fail_file_too_large);
  g_test_add_func ("/atomic-file/fail/write-protected", test_write_protected);
  g_test_add_func ("/atomic-file/fail/write-protected-other-owner", test_write_protected_other_owner);
  g_test_add_func ("/atomic-file/stale-temps", test_stale_temps);
  g_test_add_func ("/atomic-file/killed-by-file-size-limit", test_killed_by_file_size_limit);
  g_test_add_func ("/atomic-file/fail/disk-full", test_fail_disk_full);
  g_test_add_func ("/atomic-file/fail/directory", test_fail_directory);
  g_test_add_func ("/atomic-file/fail/special-files", test_fail_special_files);
  g_test_add_func ("/atomic-file/fail/missing-folder", test_fail_missing_folder);
  g_test_add_func ("/atomic-file/fail/injected", test_fail_injected);
  g_test_add_func ("/atomic-file/kill-loop", test_kill_loop);
  g_test_add_func ("/read-bounded/exact-size", test_read_exact_size);
  g_test_add_func ("/read-bounded/too-large", test_read_too_large);
  g_test_add_func ("/read-bounded/limit-message", test_read_limit_message);
  g_test_add_func ("/read-bounded/size-lies", test_read_size_lies);
  g_test_add_func ("/read-bounded/empty", test_read_empty);
  g_test_add_func ("/read-bounded/not-regular", test_read_not_regular);
  g_test_add_func ("/read-bounded/missing", test_read_missing);
  g_test_add_func ("/read-bounded/round-trip", test_round_trip);

  return g_test_run ();
}
