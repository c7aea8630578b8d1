/* import-test-util.h — what the import tests share (static helpers, included once per test)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pm-error.h"
#include "pm-import.h"

/* The real exports of ../shared/corpora/chat-import (tests/meson.build sets the path). A missing
 * corpus is a failure, never a skip. */
static G_GNUC_UNUSED char *
corpus_path (const char *relative)
{
  const char *dir = g_getenv ("PM_CHAT_CORPUS");
  char *path;

  g_assert_nonnull (dir);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    g_error ("the chat corpus is missing: %s", dir);
  path = g_build_filename (dir, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_error ("the chat corpus has no %s", path);
  return path;
}

static G_GNUC_UNUSED PmImport *
read_path (const char            *path,
           const PmImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  PmImport *import = pm_import_read (path, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static G_GNUC_UNUSED PmImport *
read_text (const char            *text,
           const char            *name,
           const PmImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  PmImport *import = pm_import_read_data (text, strlen (text), name, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

/* Fails unless reading @text fails with @code and a message containing @part. */
static G_GNUC_UNUSED void
assert_text_fails (const char            *text,
                   const char            *name,
                   const PmImportOptions *options,
                   int                    code,
                   const char            *part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmImport) import = pm_import_read_data (text, strlen (text), name, options, &error);

  g_assert_null (import);
  g_assert_error (error, PM_ERROR, code);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, part);
}

static G_GNUC_UNUSED guint
n_messages (PmImport *import)
{
  return pm_import_get_messages (import)->len;
}

static G_GNUC_UNUSED PmImportMessage *
message_at (PmImport *import,
            guint     index)
{
  GPtrArray *messages = pm_import_get_messages (import);

  g_assert_cmpuint (index, <, messages->len);
  return messages->pdata[index];
}

/* The first message whose text contains @part. */
static G_GNUC_UNUSED PmImportMessage *
find_message (PmImport   *import,
              const char *part)
{
  GPtrArray *messages = pm_import_get_messages (import);

  for (guint i = 0; i < messages->len; i++)
    if (strstr (((PmImportMessage *) messages->pdata[i])->text, part) != NULL)
      return messages->pdata[i];
  g_error ("no message contains “%s”", part);
  return NULL;
}

static G_GNUC_UNUSED gint64
utc (int year,
     int month,
     int day,
     int hour,
     int minute,
     int second)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (year, month, day, hour, minute, second);

  return g_date_time_to_unix (time);
}

static G_GNUC_UNUSED gboolean
strv_has (char       **strv,
          const char  *value)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, value);
}

/* Writes @n members to a new zip at @path: @names[i] holding @sizes[i] bytes of @contents[i]
 * (NULL: zeros), deflated. */
static G_GNUC_UNUSED void
write_zip (const char         *path,
           guint               n,
           const char * const *names,
           const char * const *contents,
           const gsize        *sizes)
{
  struct archive *zip = archive_write_new ();

  g_assert_cmpint (archive_write_set_format_zip (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_zip_set_compression_deflate (zip), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (zip, path), ==, ARCHIVE_OK);
  for (guint i = 0; i < n; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize size = sizes ? sizes[i] : strlen (contents[i]);

      archive_entry_set_pathname (entry, names[i]);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t) size);
      archive_entry_set_mtime (entry, 1709300000, 0);
      g_assert_cmpint (archive_write_header (zip, entry), ==, ARCHIVE_OK);
      if (contents[i] != NULL)
        g_assert_cmpint (archive_write_data (zip, contents[i], size), ==, (la_ssize_t) size);
      else
        {
          static const char zeros[64 * 1024];

          for (gsize written = 0; written < size; written += MIN (sizeof zeros, size - written))
            g_assert_cmpint (archive_write_data (zip, zeros, MIN (sizeof zeros, size - written)),
                             >, 0);
        }
      archive_entry_free (entry);
    }
  g_assert_cmpint (archive_write_close (zip), ==, ARCHIVE_OK);
  archive_write_free (zip);
}

/* Writes @text to @name in @dir (made as needed). */
static G_GNUC_UNUSED void
write_file (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}
