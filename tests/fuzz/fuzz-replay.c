/* fuzz-replay.c — every fuzz target over its committed corpus and past findings, as a test
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "fuzz-targets.h"

typedef int (*Target) (const uint8_t *data, size_t size);

static void
replay_directory (Target      target,
                  const char *directory)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (directory, 0, &error);
  const char *name;
  guint count = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        continue;
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      target ((const uint8_t *) contents, length);
      count++;
    }
  g_test_message ("%s: %u inputs", directory, count);
  g_assert_cmpuint (count, >, 0);
}

static void
test_load (void)
{
  const char *dirs[][3] = {
    { "fuzz", "corpus", "load" },
    { "data", "broken", NULL },
    { "data", "jsontestsuite", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, dirs[i][0], dirs[i][1],
                                                    dirs[i][2], NULL);

      replay_directory (pm_fuzz_load, dir);
    }
}

static void
test_csv (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "csv", NULL);

  replay_directory (pm_fuzz_csv, dir);
}

static void
test_import (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "import", NULL);

  replay_directory (pm_fuzz_import, dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fuzz/replay/load", test_load);
  g_test_add_func ("/fuzz/replay/csv", test_csv);
  g_test_add_func ("/fuzz/replay/import", test_import);

  return g_test_run ();
}
