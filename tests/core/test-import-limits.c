/* test-import-limits.c — chat exports and logs as someone else may send them: zip bombs, names
 * that leave the archive, huge and deep files, broken text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* symlink(), mkfifo(), ftruncate() */
#ifndef _XOPEN_SOURCE
# define _XOPEN_SOURCE 700
#endif

#include "config.h"

#include <sys/stat.h>
#include <unistd.h>

#include "import-test-util.h"
#include "pm-limits.h"
#include "test-util.h"

static void
assert_path_fails (const char *path,
                   int         code,
                   const char *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmImport) import = pm_import_read (path, NULL, &error);

  g_assert_null (import);
  g_assert_error (error, PM_ERROR, code);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, part);
}

/* A member that says it unpacks to more than a file may hold is refused before it is read. */
static void
test_zip_bomb_declared (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-import-zip-XXXXXX");
  g_autofree char *zip = g_build_filename (dir, "bomb.zip", NULL);
  const char *names[] = { "syslog" };
  const char *contents[] = { NULL };
  gsize sizes[] = { 64 << 20 };
  gint64 start;

  write_zip (zip, 1, names, contents, sizes);
  start = g_get_monotonic_time ();
  assert_path_fails (zip, PM_ERROR_LIMIT, "bomb.zip/syslog: unpacks to 67.1\u00a0MB");
  /* At once: nothing was unpacked. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  pm_test_remove_tree (dir);
}

static guint32
read_le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static void
write_le32 (guint8  *p,
            guint32  value)
{
  for (guint i = 0; i < 4; i++)
    p[i] = (value >> (8 * i)) & 0xff;
}

/* A member that declares a small size and unpacks to a huge one is stopped by counting. */
static void
test_zip_bomb_lying (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-import-zip-XXXXXX");
  g_autofree char *zip = g_build_filename (dir, "liar.zip", NULL);
  const char *names[] = { "syslog" };
  const char *contents[] = { NULL };
  gsize sizes[] = { 40 * 1024 * 1024 };
  g_autofree guint8 *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmImport) import = NULL;
  gsize length;
  guint patched = 0;

  write_zip (zip, 1, names, contents, sizes);
  g_assert_true (g_file_get_contents (zip, (char **) &data, &length, &error));
  /* Every size it gives for the member: local header, data descriptor, central directory. */
  for (gsize i = 0; i + 46 <= length; i++)
    {
      if (memcmp (data + i, "PK\001\002", 4) == 0 && read_le32 (data + i + 24) == sizes[0])
        {
          write_le32 (data + i + 24, 1000);
          patched++;
        }
      else if (memcmp (data + i, "PK\007\010", 4) == 0 && read_le32 (data + i + 12) == sizes[0])
        write_le32 (data + i + 12, 1000);
      else if (memcmp (data + i, "PK\003\004", 4) == 0 && read_le32 (data + i + 22) == sizes[0])
        write_le32 (data + i + 22, 1000);
    }
  g_assert_cmpuint (patched, ==, 1);
  g_assert_true (g_file_set_contents (zip, (char *) data, length, &error));

  import = pm_import_read (zip, NULL, &error);
  g_assert_null (import);
  g_assert_nonnull (error);
  g_assert_error (error, PM_ERROR, PM_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "liar.zip/syslog: unpacks to more than"));
  pm_test_remove_tree (dir);
}

/* Many members, each small enough, together too much. */
static void
test_zip_total (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-import-zip-XXXXXX");
  g_autofree char *zip = g_build_filename (dir, "many.zip", NULL);
  const char *names[] = { "a.log", "b.log", "c.log", "d.log", "e.log" };
  const char *contents[] = { NULL, NULL, NULL, NULL, NULL };
  gsize sizes[] = { 15 << 20, 15 << 20, 15 << 20, 15 << 20, 15 << 20 };

  write_zip (zip, 5, names, contents, sizes);
  assert_path_fails (zip, PM_ERROR_LIMIT, "many.zip: the files to read hold more than");
  pm_test_remove_tree (dir);
}

/* Names that would leave the folder the zip is unpacked in make the zip suspect. */
static void
test_zip_unsafe_names (void)
{
  const char *unsafe[] = { "../../etc/cron.d/evil", "/etc/passwd", "logs/../../up.log",
                           "C:\\Windows\\x.log", "logs\\..\\..\\x.log" };
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-import-zip-XXXXXX");
  g_autofree char *zip = g_build_filename (dir, "evil.zip", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (unsafe); i++)
    {
      const char *names[] = { "ok.log", unsafe[i] };
      const char *contents[] = { "Jun 14 15:16:01 combo sshd[1]: fine\n",
                                 "Jun 14 15:16:01 combo sshd[1]: evil\n" };

      write_zip (zip, 2, names, contents, NULL);
      assert_path_fails (zip, PM_ERROR_INVALID, "which points outside the archive");
    }
  pm_test_remove_tree (dir);
}

static void
test_zip_damaged (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-import-zip-XXXXXX");
  g_autofree char *zip = g_build_filename (dir, "cut.zip", NULL);
  const char *names[] = { "a.log" };
  const char *contents[] = { "Jun 14 15:16:01 combo sshd[1]: fine\n" };
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmImport) import = NULL;
  gsize length;

  write_zip (zip, 1, names, contents, NULL);
  g_assert_true (g_file_get_contents (zip, &data, &length, &error));
  g_assert_true (g_file_set_contents (zip, data, length / 2, &error));
  import = pm_import_read (zip, NULL, &error);
  g_assert_null (import);
  g_assert_true (g_error_matches (error, PM_ERROR, PM_ERROR_IO) ||
                 g_error_matches (error, PM_ERROR, PM_ERROR_INVALID));
  g_assert_nonnull (strstr (error->message, "cut.zip"));
  pm_test_remove_tree (dir);
}

static void
test_huge_file (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-import-huge-XXXXXX");
  g_autofree char *path = g_build_filename (dir, "huge.log", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PmImport) import = NULL;
  g_autofree char *data = g_malloc0 (PM_LIMIT_IMPORT_FILE_BYTES + 2);
  FILE *f = fopen (path, "w");

  /* A sparse file: its size is checked before anything is read. */
  g_assert_nonnull (f);
  g_assert_cmpint (ftruncate (fileno (f), PM_LIMIT_IMPORT_FILE_BYTES + 1), ==, 0);
  fclose (f);
  assert_path_fails (path, PM_ERROR_LIMIT, "huge.log");

  memset (data, 'a', PM_LIMIT_IMPORT_FILE_BYTES + 1);
  import = pm_import_read_data (data, PM_LIMIT_IMPORT_FILE_BYTES + 1, "paste", NULL, &error);
  g_assert_null (import);
  g_assert_error (error, PM_ERROR, PM_ERROR_LIMIT);
  pm_test_remove_tree (dir);
}

static void
test_long_line_and_deep_json (void)
{
  GString *text = g_string_new ("Jun 14 15:16:01 combo sshd[1]: fine\nJun 14 15:16:02 combo sshd[1]: ");
  GString *deep = g_string_new ("{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":\"x\"}\n"
                                "{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":");
  g_autofree char *long_text = NULL, *deep_text = NULL;

  for (guint i = 0; i < PM_LIMIT_IMPORT_LINE_BYTES; i += 8)
    g_string_append (text, "AAAAAAAA");
  g_string_append (text, "\n");
  long_text = g_string_free (text, FALSE);
  assert_text_fails (long_text, "big.log", NULL, PM_ERROR_LIMIT,
                     "big.log:2: the line is longer than");

  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, '[');
  for (guint i = 0; i < 200; i++)
    g_string_append_c (deep, ']');
  g_string_append (deep, "}\n");
  deep_text = g_string_free (deep, FALSE);
  assert_text_fails (deep_text, "deep.json", NULL, PM_ERROR_LIMIT, "deep.json:2:");
}

static void
test_too_many_messages (void)
{
  GString *text = g_string_new (NULL);
  g_autofree char *data = NULL;

  for (guint i = 0; i <= PM_LIMIT_IMPORT_MESSAGES; i++)
    g_string_append (text, "Jan  1 00:00:00 h a: x\n");
  data = g_string_free (text, FALSE);
  assert_text_fails (data, "flood.log", NULL, PM_ERROR_LIMIT, "flood.log:200001: more than 200000");
}

static void
test_folders (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-import-folder-XXXXXX");
  g_autofree char *outside = pm_test_make_tmp_dir ("pm-import-outside-XXXXXX");
  g_autofree char *target = g_build_filename (outside, "secret.log", NULL);
  g_autofree char *link = g_build_filename (dir, "logs", "link.log", NULL);
  g_autofree char *fifo = g_build_filename (dir, "logs", "fifo.log", NULL);
  g_autofree char *logs = g_build_filename (dir, "logs", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep", NULL);
  g_autoptr(PmImport) import = NULL;
  GString *path = g_string_new (deep);

  write_file (outside, "secret.log", "Jun 14 15:16:01 combo sshd[1]: secret\n");
  write_file (dir, "logs/real.log", "Jun 14 15:16:01 combo sshd[1]: real\n");
  write_file (dir, ".hidden.log", "Jun 14 15:16:01 combo sshd[1]: hidden\n");
  g_assert_cmpint (symlink (target, link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  /* Links are not followed, fifos not opened, hidden files not read. */
  import = read_path (dir, NULL);
  g_assert_cmpuint (n_messages (import), ==, 1);
  g_assert_cmpstr (message_at (import, 0)->text, ==, "real");
  g_clear_pointer (&import, pm_import_free);

  /* Folders within folders, too deep */
  for (guint i = 0; i < PM_LIMIT_IMPORT_NESTING + 1; i++)
    g_string_append (path, "/d");
  g_assert_cmpint (g_mkdir_with_parents (path->str, 0700), ==, 0);
  assert_path_fails (dir, PM_ERROR_LIMIT, "folders are nested more than 8 deep");
  g_string_free (path, TRUE);

  /* Nothing that can be read */
  pm_test_remove_tree (deep);
  pm_test_remove_tree (logs);
  write_file (dir, "notes.txt", "just some notes\n");
  assert_path_fails (dir, PM_ERROR_INVALID, "no chat export or log in it");

  /* Not there */
  {
    g_autofree char *missing = g_build_filename (dir, "missing.log", NULL);

    assert_path_fails (missing, PM_ERROR_IO, "missing.log");
  }
  pm_test_remove_tree (dir);
  pm_test_remove_tree (outside);
}

/* Text from a log: invalid UTF-8, control characters, bidirectional overrides, overlong. */
static void
test_text_cleaned (void)
{
  g_autoptr(PmImport) import = NULL;
  GString *text = g_string_new ("Jun 14 15:16:01 combo app: ");
  g_autofree char *data = NULL;
  PmImportMessage *message;

  import = read_text ("Jun 14 15:16:01 combo app: bad \xff byte, bell\x07, \xe2\x80\xae"
                      "reversed\xe2\x80\xac, del\x7f, tab\tkept\n", "x.log", NULL);
  g_assert_cmpstr (message_at (import, 0)->text, ==,
                   "bad \xef\xbf\xbd byte, bell, reversed, del, tab\tkept");
  g_clear_pointer (&import, pm_import_free);

  for (guint i = 0; i < 70 * 1024; i++)
    g_string_append_c (text, "abcdefgh "[i % 9]);
  g_string_append_c (text, '\n');
  data = g_string_free (text, FALSE);
  import = read_text (data, "x.log", NULL);
  message = message_at (import, 0);
  g_assert_cmpuint (strlen (message->text), <=, PM_LIMIT_FREE_TEXT_BYTES);
  g_assert_true (g_str_has_suffix (message->text, "…"));
  g_assert_true (g_utf8_validate (message->text, -1, NULL));
  g_assert_cmpuint (pm_import_get_warnings (import)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (pm_import_get_warnings (import), 0),
                            "x.log:1: the text was cut at 64 KiB"));
}

static void
test_unknown (void)
{
  assert_text_fails ("", "empty", NULL, PM_ERROR_INVALID, "empty: not a format Postmortem can import");
  assert_text_fails ("hello\nworld\n", "notes.txt", NULL, PM_ERROR_INVALID, "not a format");
  assert_text_fails ("{\"just\": \"json\"}", "x.json", NULL, PM_ERROR_INVALID, "not a format");
  /* A format that does not fit the content */
  assert_text_fails ("hello\n", "x.json", &(PmImportOptions) { .format = PM_IMPORT_FORMAT_JOURNAL },
                     PM_ERROR_SYNTAX, "x.json:1:");
  assert_text_fails ("hello\n", "x.txt", &(PmImportOptions) { .format = PM_IMPORT_FORMAT_TRANSCRIPT },
                     PM_ERROR_INVALID, "not a chat transcript");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-limits/zip-bomb-declared", test_zip_bomb_declared);
  g_test_add_func ("/import-limits/zip-bomb-lying", test_zip_bomb_lying);
  g_test_add_func ("/import-limits/zip-total", test_zip_total);
  g_test_add_func ("/import-limits/zip-unsafe-names", test_zip_unsafe_names);
  g_test_add_func ("/import-limits/zip-damaged", test_zip_damaged);
  g_test_add_func ("/import-limits/huge-file", test_huge_file);
  g_test_add_func ("/import-limits/long-line-and-deep-json", test_long_line_and_deep_json);
  g_test_add_func ("/import-limits/too-many-messages", test_too_many_messages);
  g_test_add_func ("/import-limits/folders", test_folders);
  g_test_add_func ("/import-limits/text-cleaned", test_text_cleaned);
  g_test_add_func ("/import-limits/unknown", test_unknown);

  return g_test_run ();
}
