/* pm-import-source.c — a file, a folder or a zip, read within the limits
 *
 * A zip is read through its central directory (libarchive's seekable reader), so members we do
 * not want are passed over without being decompressed. The sizes a zip declares are checked
 * before a member is read, and the bytes are counted while it is read, since a declaration can
 * lie: a zip bomb is refused at the first member that declares or yields too much. Member names
 * are never used as paths on disk; names that would escape a folder ("../x", "/x", "C:\x")
 * make the whole zip suspect and it is refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* lstat() */
#ifndef _XOPEN_SOURCE
# define _XOPEN_SOURCE 700
#endif

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pm-atomic-file.h"
#include "pm-error.h"
#include "pm-import-private.h"
#include "pm-limits.h"

typedef enum
{
  SOURCE_FILE,
  SOURCE_FOLDER,
  SOURCE_ZIP,
} SourceKind;

typedef struct
{
  char   *name;       /* '/'-separated, inside the source */
  char   *path;       /* a folder's file on disk */
  gint64  size;       /* declared (zip) or seen (folder); -1: not known */
  gint64  mtime;
} Member;

struct _PmImportSource
{
  SourceKind  kind;
  char       *path;
  char       *display;    /* the path as given, for messages */
  char       *basename;   /* for evidence */
  GArray     *members;    /* Member */
  GPtrArray  *names;      /* borrowed from members */
};

static void
member_clear (gpointer data)
{
  Member *member = data;

  g_free (member->name);
  g_free (member->path);
}

PmImportFile *
_pm_import_file_new (const char *name,
                     const char *display,
                     const char *evidence,
                     char       *data,
                     gsize       length,
                     gint64      mtime)
{
  PmImportFile *file = g_new0 (PmImportFile, 1);

  file->name = g_strdup (name);
  file->display = g_strdup (display);
  file->evidence = g_strdup (evidence);
  file->data = data;
  file->length = length;
  file->mtime = mtime;
  return file;
}

void
_pm_import_file_free (PmImportFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->display);
  g_free (file->evidence);
  g_free (file->data);
  g_free (file);
}

void
_pm_import_source_free (PmImportSource *source)
{
  if (source == NULL)
    return;
  g_free (source->path);
  g_free (source->display);
  g_free (source->basename);
  g_clear_pointer (&source->members, g_array_unref);
  g_clear_pointer (&source->names, g_ptr_array_unref);
  g_free (source);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_zip (const char *path)
{
  char magic[4];
  gboolean zip = FALSE;
  FILE *f = g_fopen (path, "rbe");

  if (f == NULL)
    return FALSE;
  if (fread (magic, 1, 4, f) == 4)
    zip = memcmp (magic, "PK\003\004", 4) == 0 || memcmp (magic, "PK\005\006", 4) == 0;
  fclose (f);
  return zip;
}

static gboolean
too_many_files (PmImportSource  *source,
                GError         **error)
{
  if (source->members->len < PM_LIMIT_IMPORT_FILES)
    return FALSE;
  g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
               _("%s: it holds more than %u files; at most %u are read"),
               source->display, PM_LIMIT_IMPORT_FILES, PM_LIMIT_IMPORT_FILES);
  return TRUE;
}

/* "a/./b" → "a/b"; NULL for names that leave the archive's root. A name that is not UTF-8 (an
 * old Windows zip's code page) is made readable, not refused. */
static char *
safe_member_name (const char *name)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) kept = NULL;

  if (name == NULL || *name == '\0')
    return NULL;
  if (name[0] == '/' || strchr (name, '\\') != NULL ||
      (g_ascii_isalpha (name[0]) && name[1] == ':'))
    return NULL;
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return NULL;

  text = g_utf8_make_valid (name, -1);
  parts = g_strsplit (text, "/", -1);
  kept = g_ptr_array_new ();
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (g_str_equal (parts[i], ".."))
        return NULL;
      if (*parts[i] == '\0' || g_str_equal (parts[i], "."))
        continue;
      g_ptr_array_add (kept, parts[i]);
    }
  if (kept->len == 0)
    return NULL;
  g_ptr_array_add (kept, NULL);
  return g_strjoinv ("/", (char **) kept->pdata);
}

static gboolean
hidden_name (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "/", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '.' || g_str_equal (parts[i], "__MACOSX"))
      return TRUE;
  return FALSE;
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (((const Member *) a)->name, ((const Member *) b)->name);
}

/* ------------------------------------------------------------------------------------------ */
/* Listing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
list_folder (PmImportSource  *source,
             const char      *path,
             const char      *prefix,
             guint            depth,
             GError         **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  const char *entry;

  if (depth > PM_LIMIT_IMPORT_NESTING)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                   _("%s: folders are nested more than %u deep"),
                   source->display, PM_LIMIT_IMPORT_NESTING);
      return FALSE;
    }

  dir = g_dir_open (path, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  while ((entry = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (entries, g_strdup (entry));

  for (guint i = 0; i < entries->len; i++)
    {
      const char *base = entries->pdata[i];
      g_autofree char *full = g_build_filename (path, base, NULL);
      g_autofree char *utf8 = g_filename_display_name (base);
      g_autofree char *name = g_strconcat (prefix, utf8, NULL);
      GStatBuf st;

      if (base[0] == '.' || g_str_equal (base, "__MACOSX") || g_lstat (full, &st) != 0)
        continue;
      if (S_ISDIR (st.st_mode))
        {
          g_autofree char *sub = g_strconcat (name, "/", NULL);

          if (!list_folder (source, full, sub, depth + 1, error))
            return FALSE;
        }
      else if (S_ISREG (st.st_mode))
        {
          Member member = { g_steal_pointer (&name), g_steal_pointer (&full),
                            (gint64) st.st_size, (gint64) st.st_mtime };

          if (too_many_files (source, error))
            {
              member_clear (&member);
              return FALSE;
            }
          g_array_append_val (source->members, member);
        }
      /* Symbolic links, devices and fifos are not followed or read. */
    }
  return TRUE;
}

static struct archive *
open_zip (PmImportSource  *source,
          GError         **error)
{
  struct archive *archive = archive_read_new ();

  archive_read_support_format_zip_seekable (archive);
  if (archive_read_open_filename (archive, source->path, 64 * 1024) != ARCHIVE_OK)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_IO, _("%s: not a zip file that can be read: %s"),
                   source->display, archive_error_string (archive));
      archive_read_free (archive);
      return NULL;
    }
  return archive;
}

static gboolean
declared_too_large (PmImportSource  *source,
                    const char      *name,
                    gint64           size,
                    GError         **error)
{
  g_autofree char *shown = NULL, *limit = NULL;

  if (size <= PM_LIMIT_IMPORT_FILE_BYTES)
    return FALSE;
  shown = g_format_size ((guint64) size);
  limit = g_format_size (PM_LIMIT_IMPORT_FILE_BYTES);
  g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
               _("%s/%s: unpacks to %s; a file larger than %s is not read"),
               source->display, name, shown, limit);
  return TRUE;
}

static gboolean
list_zip (PmImportSource  *source,
          GError         **error)
{
  struct archive *archive;
  struct archive_entry *entry;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean ok = TRUE;
  int status;

  if (!(archive = open_zip (source, error)))
    return FALSE;

  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *raw = archive_entry_pathname_utf8 (entry);
      g_autofree char *name = safe_member_name (raw ? raw : archive_entry_pathname (entry));
      Member member = { NULL };

      if (name == NULL)
        {
          const char *given = raw ? raw : archive_entry_pathname (entry);
          g_autofree char *shown = _pm_import_clean_line (given ? given : "", -1, 200);

          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       _("%s: the zip holds a member named “%s”, which points outside the "
                         "archive; the zip is not read"), source->display, shown);
          ok = FALSE;
          break;
        }
      if (archive_entry_filetype (entry) != AE_IFREG || hidden_name (name))
        continue;
      if (g_hash_table_contains (seen, name))
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       _("%s: the zip holds “%s” twice"), source->display, name);
          ok = FALSE;
          break;
        }
      if (archive_entry_size_is_set (entry) &&
          declared_too_large (source, name, archive_entry_size (entry), error))
        {
          ok = FALSE;
          break;
        }
      if (too_many_files (source, error))
        {
          ok = FALSE;
          break;
        }
      member.name = g_steal_pointer (&name);
      member.size = archive_entry_size_is_set (entry) ? archive_entry_size (entry) : -1;
      member.mtime = archive_entry_mtime_is_set (entry) ? (gint64) archive_entry_mtime (entry) : 0;
      g_array_append_val (source->members, member);
      g_hash_table_add (seen, g_array_index (source->members, Member,
                                             source->members->len - 1).name);
    }
  if (ok && status != ARCHIVE_EOF)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, _("%s: the zip is damaged: %s"),
                   source->display, archive_error_string (archive));
      ok = FALSE;
    }
  archive_read_free (archive);
  return ok;
}

PmImportSource *
_pm_import_source_open (const char  *path,
                        GError     **error)
{
  g_autoptr(PmImportSource) source = g_new0 (PmImportSource, 1);
  g_autofree char *base = NULL;
  GStatBuf st;

  source->path = g_strdup (path);
  source->display = g_filename_display_name (path);
  base = g_path_get_basename (path);
  source->basename = g_filename_display_name (base);
  source->members = g_array_new (FALSE, TRUE, sizeof (Member));
  g_array_set_clear_func (source->members, member_clear);

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PM_ERROR, PM_ERROR_IO, _("Could not open “%s”: %s"),
                   source->display, g_strerror (saved_errno));
      return NULL;
    }

  if (S_ISDIR (st.st_mode))
    {
      source->kind = SOURCE_FOLDER;
      if (!list_folder (source, path, "", 1, error))
        return NULL;
    }
  else if (S_ISREG (st.st_mode) && is_zip (path))
    {
      source->kind = SOURCE_ZIP;
      if (!list_zip (source, error))
        return NULL;
    }
  else
    {
      Member member = { g_strdup (source->basename), g_strdup (path), (gint64) st.st_size,
                        (gint64) st.st_mtime };

      source->kind = SOURCE_FILE;
      g_array_append_val (source->members, member);
    }

  g_array_sort (source->members, compare_members);
  source->names = g_ptr_array_new ();
  for (guint i = 0; i < source->members->len; i++)
    g_ptr_array_add (source->names, g_array_index (source->members, Member, i).name);
  return g_steal_pointer (&source);
}

gboolean
_pm_import_source_is_file (PmImportSource *source)
{
  return source->kind == SOURCE_FILE;
}

GPtrArray *
_pm_import_source_names (PmImportSource *source)
{
  return source->names;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
total_exceeded (PmImportSource  *source,
                gsize            total,
                GError         **error)
{
  g_autofree char *limit = NULL;

  if (total <= PM_LIMIT_IMPORT_TOTAL_BYTES)
    return FALSE;
  limit = g_format_size (PM_LIMIT_IMPORT_TOTAL_BYTES);
  g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
               _("%s: the files to read hold more than %s together; choose fewer "
                 "(a shorter time window)"), source->display, limit);
  return TRUE;
}

static PmImportFile *
new_file (PmImportSource *source,
          const Member   *member,
          char           *data,
          gsize           length)
{
  g_autofree char *display = NULL, *evidence = NULL;

  if (source->kind == SOURCE_FILE)
    return _pm_import_file_new (member->name, source->display, source->basename, data, length,
                                member->mtime);
  display = g_strconcat (source->display, "/", member->name, NULL);
  evidence = g_strconcat (source->basename, "/", member->name, NULL);
  return _pm_import_file_new (member->name, display, evidence, data, length, member->mtime);
}

static gboolean
read_files (PmImportSource  *source,
            GPtrArray       *wanted,
            GPtrArray       *files,
            GError         **error)
{
  gsize total = 0;

  for (guint i = 0; i < wanted->len; i++)
    {
      const Member *member = wanted->pdata[i];
      g_autoptr(GError) local_error = NULL;
      char *data = NULL;
      gsize length = 0;

      if (!pm_file_read_bounded (member->path, PM_LIMIT_IMPORT_FILE_BYTES, &data, &length,
                                 &local_error))
        {
          g_set_error (error, PM_ERROR, local_error->domain == PM_ERROR ? local_error->code
                                                                        : PM_ERROR_IO,
                       "%s", local_error->message);
          return FALSE;
        }
      total += length;
      g_ptr_array_add (files, new_file (source, member, data, length));
      if (total_exceeded (source, total, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_zip (PmImportSource  *source,
          GPtrArray       *wanted,
          GPtrArray       *files,
          GError         **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) read = g_ptr_array_new_full (wanted->len,
                                                     (GDestroyNotify) _pm_import_file_free);
  struct archive *archive;
  struct archive_entry *entry;
  gsize total = 0;
  guint found = 0;
  gboolean ok = TRUE;
  int status = ARCHIVE_EOF;

  for (guint i = 0; i < wanted->len; i++)
    {
      g_hash_table_insert (index, ((Member *) wanted->pdata[i])->name, GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (read, NULL);
    }

  if (!(archive = open_zip (source, error)))
    return FALSE;

  while (ok && found < wanted->len &&
         (status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *raw = archive_entry_pathname_utf8 (entry);
      g_autofree char *name = safe_member_name (raw ? raw : archive_entry_pathname (entry));
      guint position = name ? GPOINTER_TO_UINT (g_hash_table_lookup (index, name)) : 0;
      const Member *member;
      GByteArray *bytes;
      gsize cap;

      if (position == 0 || archive_entry_filetype (entry) != AE_IFREG)
        continue;
      member = wanted->pdata[position - 1];
      if (archive_entry_is_encrypted (entry))
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       _("%s/%s: the member is encrypted"), source->display, name);
          ok = FALSE;
          break;
        }
      if (archive_entry_size_is_set (entry) &&
          declared_too_large (source, name, archive_entry_size (entry), error))
        {
          ok = FALSE;
          break;
        }

      /* Count what actually comes out: one byte past the limit is enough to know. */
      cap = MIN ((gsize) PM_LIMIT_IMPORT_FILE_BYTES, PM_LIMIT_IMPORT_TOTAL_BYTES - total) + 1;
      bytes = g_byte_array_sized_new (archive_entry_size_is_set (entry)
                                      ? (guint) MIN ((gint64) cap, MAX (archive_entry_size (entry), 0) + 1)
                                      : 64 * 1024);
      for (;;)
        {
          guint8 buffer[64 * 1024];
          la_ssize_t n = archive_read_data (archive, buffer, MIN (sizeof buffer, cap - bytes->len));

          if (n < 0)
            {
              g_set_error (error, PM_ERROR, PM_ERROR_INVALID, _("%s/%s: the zip is damaged: %s"),
                           source->display, name, archive_error_string (archive));
              ok = FALSE;
              break;
            }
          if (n == 0)
            break;
          g_byte_array_append (bytes, buffer, (guint) n);
          if (bytes->len >= cap)
            {
              if (bytes->len > PM_LIMIT_IMPORT_FILE_BYTES)
                {
                  g_autofree char *limit = g_format_size (PM_LIMIT_IMPORT_FILE_BYTES);

                  g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                               _("%s/%s: unpacks to more than %s, more than the zip says; it is "
                                 "not read"), source->display, name, limit);
                }
              else
                total_exceeded (source, total + bytes->len, error);
              ok = FALSE;
              break;
            }
        }
      if (!ok)
        {
          g_byte_array_unref (bytes);
          break;
        }

      total += bytes->len;
      {
        gsize length = bytes->len;
        char *data;

        g_byte_array_append (bytes, (const guint8 *) "", 1);
        data = (char *) g_byte_array_free (bytes, FALSE);
        if (read->pdata[position - 1] == NULL)
          found++;
        else
          _pm_import_file_free (read->pdata[position - 1]);
        read->pdata[position - 1] = new_file (source, member, data, length);
      }
    }
  if (ok && found < wanted->len && status != ARCHIVE_OK && status != ARCHIVE_EOF)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, _("%s: the zip is damaged: %s"),
                   source->display, archive_error_string (archive));
      ok = FALSE;
    }
  archive_read_free (archive);
  if (!ok)
    return FALSE;

  for (guint i = 0; i < read->len; i++)
    if (read->pdata[i] != NULL)
      g_ptr_array_add (files, g_steal_pointer (&read->pdata[i]));
  return TRUE;
}

GPtrArray *
_pm_import_source_read (PmImportSource  *source,
                        GPtrArray       *names,
                        GError         **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) _pm_import_file_free);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < source->members->len; i++)
    {
      Member *member = &g_array_index (source->members, Member, i);

      g_hash_table_insert (by_name, member->name, member);
    }
  for (guint i = 0; i < (names ? names->len : source->members->len); i++)
    {
      Member *member = names ? g_hash_table_lookup (by_name, names->pdata[i])
                             : &g_array_index (source->members, Member, i);

      if (member != NULL)
        g_ptr_array_add (wanted, member);
    }

  if (source->kind == SOURCE_ZIP ? !read_zip (source, wanted, files, error)
                                 : !read_files (source, wanted, files, error))
    return NULL;
  return g_steal_pointer (&files);
}
