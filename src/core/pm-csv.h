/* pm-csv.h — an RFC 4180 reader for timelines exported from spreadsheets and ticket systems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PmCsvReader PmCsvReader;

/* Reads @length bytes of UTF-8 CSV (a leading BOM is skipped; CRLF or LF line ends; fields
 * quoted with "" where they hold commas, quotes or line breaks; a CRLF inside a quoted field
 * is read as LF). The data must stay alive while the reader is used. */
PmCsvReader *pm_csv_reader_new       (const char   *data,
                                      gsize         length);
void         pm_csv_reader_free      (PmCsvReader  *reader);

/* Reads the next record. Returns FALSE at the end of input (no error) or on an error
 * (@error set: PM_ERROR_SYNTAX "LINE:COLUMN: what", e.g. an unterminated quote, a quote in an
 * unquoted field, text after a closing quote, invalid UTF-8, a NUL byte, a record longer than
 * PM_LIMIT_CSV_LINE_BYTES). On success *@fields is a NULL-terminated array the caller frees
 * and *@line the line the record starts on. Blank lines are skipped. */
gboolean     pm_csv_reader_next      (PmCsvReader  *reader,
                                      char       ***fields,
                                      guint        *line,
                                      GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmCsvReader, pm_csv_reader_free)

G_END_DECLS
