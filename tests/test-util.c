/* test-util.c — what the core and export tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* lstat(), chmod(): POSIX. */
#ifndef _XOPEN_SOURCE
# define _XOPEN_SOURCE 700
#endif

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "test-util.h"

char *
pm_test_example_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                "leaked-deploy-key.pmortem", NULL);
}

PmDocument *
pm_test_load_example (void)
{
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(GError) error = NULL;
  PmDocument *document = pm_document_load_from_file (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

PmDocument *
pm_test_load_string (const char *json)
{
  g_autoptr(GError) error = NULL;
  PmDocument *document = pm_document_load_from_data (json, strlen (json), "test.pmortem", &error);

  g_assert_no_error (error);
  g_assert_nonnull (document);
  return document;
}

char *
pm_test_make_tmp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
pm_test_remove_tree (const char *path)
{
  GStatBuf st;

  /* lstat: a symbolic link to somewhere else is removed, not followed. */
  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* A test may have made it read-only; as root that does not matter, otherwise it does. */
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          pm_test_remove_tree (child);
        }
      g_assert_cmpint (g_rmdir (path), ==, 0);
    }
  else
    g_assert_cmpint (g_unlink (path), ==, 0);
}

void
pm_test_run_clock (PmClock *clock,
                   guint    ms)
{
  pm_clock_advance (clock, (gint64) ms * 1000);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}
