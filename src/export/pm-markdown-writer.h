/* pm-markdown-writer.h — the full protocol and the manager summary as Markdown
 *
 * CommonMark with GFM tables. Every piece of user text is escaped so that it reads exactly as
 * typed: it can never open a heading, a list, a table, a link, an image or raw HTML, and never
 * hide the rest of the document. The only links are the ones we make, from http, https and
 * mailto URLs. The same document and options give the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-export-text.h"

G_BEGIN_DECLS

/* The document as Markdown (UTF-8, "\n" line ends, ending in one "\n"), in the language
 * @options ask for. */
char         *pm_markdown_writer_write        (PmDocument            *document,
                                               const PmExportOptions *options);

/* Appends @text (already cleaned) to @out, escaped for running Markdown text: every ASCII
 * punctuation character that can mean something is backslash-escaped. In @table_cell mode line
 * breaks become <br>; otherwise they stay line breaks and the caller decides about them. */
void          pm_markdown_escape              (GString               *out,
                                               const char            *text,
                                               gboolean               table_cell);

G_END_DECLS
