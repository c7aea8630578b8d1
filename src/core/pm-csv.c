/* pm-csv.c — an RFC 4180 reader for timelines exported from spreadsheets and ticket systems
 *
 * The reader walks the bytes once. Unquoted fields are copied straight out of the input;
 * quoted fields are collected in one reused GString, in runs between the characters that need
 * attention (quotes, line feeds, NUL bytes and non-ASCII bytes, which are validated as UTF-8
 * as they are met, so a record is only refused for what it holds itself).
 *
 * Positions in error messages are "LINE:COLUMN" of the offending character, both counted from
 * 1, the column in characters. A line ends at LF; a CR is only allowed right before one,
 * except inside a quoted field, where everything is data, except that a CR LF there is read
 * as LF: a spreadsheet that ends its lines with CR LF writes the breaks in a cell that way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-csv.h"
#include "pm-error.h"
#include "pm-limits.h"

struct _PmCsvReader
{
  const char *data;
  gsize       length;
  gsize       pos;
  guint       line;         /* line of data[pos] */
  gsize       line_start;   /* offset of the first byte of that line */
  gsize       record_start; /* offset of the record being read */
  guint       record_line;  /* and the line it starts on */
  GString    *field;        /* the quoted field being collected */
  GError     *error;        /* once failed, the reader keeps failing the same way */
};

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* The column of @offset on the current line. Everything between the line start and @offset has
 * been validated as UTF-8 when this is called. */
static guint
column_at (PmCsvReader *self,
           gsize        offset)
{
  return (guint) g_utf8_strlen (self->data + self->line_start,
                                (gssize) (offset - self->line_start)) + 1;
}

static gboolean G_GNUC_PRINTF (4, 5)
fail (PmCsvReader  *self,
      gsize         offset,
      PmError       code,
      const char   *format,
      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_clear_error (&self->error);
  self->error = g_error_new (PM_ERROR, code, "%u:%u: %s",
                             self->line, column_at (self, offset), what);
  return FALSE;
}

/* Checks the character starting at self->pos, a byte >= 0x80, and returns its length in
 * bytes, or 0 after setting the error. */
static gsize
check_utf8_char (PmCsvReader *self)
{
  const char *p = self->data + self->pos;
  gsize available = self->length - self->pos;
  gsize len = (gsize) g_utf8_skip[*(const guchar *) p];

  if (len > available || !g_utf8_validate_len (p, len, NULL))
    {
      fail (self, self->pos, PM_ERROR_SYNTAX, _("the text is not valid UTF-8"));
      return 0;
    }

  return len;
}

/* Called before the byte at self->pos is taken into the record. */
static gboolean
check_record_length (PmCsvReader *self,
                     guint        open_line,
                     guint        open_column)
{
  if (self->pos - self->record_start < PM_LIMIT_CSV_LINE_BYTES)
    return TRUE;

  if (open_line != 0)
    return fail (self, self->pos, PM_ERROR_LIMIT,
                 _("the record starting on line %u is longer than the limit of %d bytes "
                   "(is the quoted field starting at %u:%u ever closed?)"),
                 self->record_line, (int) PM_LIMIT_CSV_LINE_BYTES, open_line, open_column);

  return fail (self, self->pos, PM_ERROR_LIMIT,
               _("the record starting on line %u is longer than the limit of %d bytes"),
               self->record_line, (int) PM_LIMIT_CSV_LINE_BYTES);
}

/* Characters that end a run of plain field text. */
static inline gboolean
is_special (guchar c)
{
  return c == '"' || c == ',' || c == '\n' || c == '\r' || c == '\0' || c >= 0x80;
}

static void
new_line (PmCsvReader *self,
          gsize        after_line_feed)
{
  self->line++;
  self->line_start = after_line_feed;
}

/* What may follow a field: a comma (more fields), a line end or the end of input (the record
 * is complete). Consumes it and sets *@record_done. */
static gboolean
read_field_end (PmCsvReader *self,
                gboolean    *record_done)
{
  const char *data = self->data;

  if (self->pos >= self->length)
    {
      *record_done = TRUE;
      return TRUE;
    }

  switch (data[self->pos])
    {
    case ',':
      if (!check_record_length (self, 0, 0))
        return FALSE;
      self->pos++;
      *record_done = FALSE;
      return TRUE;

    case '\n':
      self->pos++;
      new_line (self, self->pos);
      *record_done = TRUE;
      return TRUE;

    case '\r':
      if (self->pos + 1 < self->length && data[self->pos + 1] == '\n')
        {
          self->pos += 2;
          new_line (self, self->pos);
          *record_done = TRUE;
          return TRUE;
        }
      return fail (self, self->pos, PM_ERROR_SYNTAX,
                   _("a carriage return that does not end a line (lines must end with LF "
                     "or CR LF)"));

    case '"':
      /* After a closing quote, a quote would have been read as an escaped one. */
      return fail (self, self->pos, PM_ERROR_SYNTAX,
                   _("a quote inside an unquoted field (quote the whole field and write the "
                     "quote twice: \"\")"));

    case '\0':
      return fail (self, self->pos, PM_ERROR_SYNTAX, _("a NUL byte is not allowed"));

    default:
      /* Only reached after a closing quote: an unquoted field stops at specials only. */
      if ((guchar) data[self->pos] >= 0x80 && check_utf8_char (self) == 0)
        return FALSE;
      return fail (self, self->pos, PM_ERROR_SYNTAX,
                   _("unexpected text after the closing quote of a field"));
    }
}

static char *
read_unquoted_field (PmCsvReader *self)
{
  const char *data = self->data;
  gsize start = self->pos;

  while (self->pos < self->length)
    {
      guchar c = (guchar) data[self->pos];

      if (is_special (c) && c < 0x80)
        break;  /* a comma, line end, quote, lone CR or NUL: see read_field_end() */

      if (!check_record_length (self, 0, 0))
        return NULL;

      if (c < 0x80)
        self->pos++;
      else
        {
          gsize len = check_utf8_char (self);

          if (len == 0)
            return NULL;
          self->pos += len;
        }
    }

  return g_strndup (data + start, self->pos - start);
}

static char *
read_quoted_field (PmCsvReader *self)
{
  const char *data = self->data;
  guint open_line = self->line;
  guint open_column = column_at (self, self->pos);
  gsize run;

  g_string_truncate (self->field, 0);
  self->pos++;
  run = self->pos;

  for (;;)
    {
      guchar c;

      if (self->pos >= self->length)
        {
          fail (self, self->pos, PM_ERROR_SYNTAX,
                _("the quoted field starting at %u:%u is never closed"),
                open_line, open_column);
          return NULL;
        }

      if (!check_record_length (self, open_line, open_column))
        return NULL;

      c = (guchar) data[self->pos];

      if (c != '"' && c != '\n' && c != '\r' && c != '\0' && c < 0x80)
        {
          self->pos++;
          continue;
        }

      if (c == '\r')
        {
          /* CR LF is a line break like LF; a lone CR is kept as it is. */
          if (self->pos + 1 < self->length && data[self->pos + 1] == '\n')
            {
              g_string_append_len (self->field, data + run, (gssize) (self->pos - run));
              g_string_append_c (self->field, '\n');
              self->pos += 2;
              new_line (self, self->pos);
              run = self->pos;
            }
          else
            self->pos++;
          continue;
        }

      if (c >= 0x80)
        {
          gsize len = check_utf8_char (self);

          if (len == 0)
            return NULL;
          self->pos += len;
          continue;
        }

      if (c == '\n')
        {
          self->pos++;
          new_line (self, self->pos);
          continue;
        }

      if (c == '\0')
        {
          fail (self, self->pos, PM_ERROR_SYNTAX, _("a NUL byte is not allowed"));
          return NULL;
        }

      /* A quote: either an escaped one ("") or the end of the field. */
      g_string_append_len (self->field, data + run, (gssize) (self->pos - run));
      if (self->pos + 1 < self->length && data[self->pos + 1] == '"')
        {
          g_string_append_c (self->field, '"');
          self->pos += 2;
          run = self->pos;
          continue;
        }

      self->pos++;
      return g_strndup (self->field->str, self->field->len);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmCsvReader *
pm_csv_reader_new (const char *data,
                   gsize       length)
{
  PmCsvReader *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = g_new0 (PmCsvReader, 1);
  self->data = data != NULL ? data : "";
  self->length = length;
  self->line = 1;
  self->field = g_string_new (NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      self->pos = 3;
      self->line_start = 3;
    }

  return self;
}

void
pm_csv_reader_free (PmCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_string_free (reader->field, TRUE);
  g_clear_error (&reader->error);
  g_free (reader);
}

gboolean
pm_csv_reader_next (PmCsvReader   *reader,
                    char        ***fields,
                    guint         *line,
                    GError       **error)
{
  g_autoptr(GPtrArray) record = NULL;
  const char *data;
  gboolean done = FALSE;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (fields != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *fields = NULL;

  if (reader->error != NULL)
    {
      g_propagate_error (error, g_error_copy (reader->error));
      return FALSE;
    }

  data = reader->data;

  /* Blank lines are skipped. */
  for (;;)
    {
      if (reader->pos < reader->length && data[reader->pos] == '\n')
        {
          reader->pos++;
          new_line (reader, reader->pos);
        }
      else if (reader->pos + 1 < reader->length &&
               data[reader->pos] == '\r' && data[reader->pos + 1] == '\n')
        {
          reader->pos += 2;
          new_line (reader, reader->pos);
        }
      else
        break;
    }

  if (reader->pos >= reader->length)
    return FALSE;

  reader->record_start = reader->pos;
  reader->record_line = reader->line;

  record = g_ptr_array_new_with_free_func (g_free);

  while (!done)
    {
      gboolean quoted = reader->pos < reader->length && data[reader->pos] == '"';
      char *field;

      field = quoted ? read_quoted_field (reader) : read_unquoted_field (reader);
      if (field != NULL)
        g_ptr_array_add (record, field);

      if (field == NULL || !read_field_end (reader, &done))
        {
          g_propagate_error (error, g_error_copy (reader->error));
          return FALSE;
        }
    }

  if (line != NULL)
    *line = reader->record_line;
  g_ptr_array_add (record, NULL);
  *fields = (char **) g_ptr_array_free (g_steal_pointer (&record), FALSE);
  return TRUE;
}
