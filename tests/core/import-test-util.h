/* import-test-util.h — what the import tests share (static helpers, included once per test)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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
