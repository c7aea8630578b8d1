/* pm-pdf-writer.h — the full protocol and the manager summary as pages: PDF, print, preview
 *
 * A PmPdfWriter lays a document out once, for one page size, and can then draw any page on any
 * cairo context whose units are PostScript points: a PDF surface (pm_pdf_writer_write_bytes),
 * the context of a GtkPrintOperation, or an image surface for a preview. Print and PDF are
 * therefore the same pages. Fonts are embedded, the PDF has a title, subject, author and an
 * outline, every page a running header with the title and the classification and a page
 * number; links are clickable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "pm-export-text.h"

G_BEGIN_DECLS

#define PM_TYPE_PDF_WRITER (pm_pdf_writer_get_type ())
G_DECLARE_FINAL_TYPE (PmPdfWriter, pm_pdf_writer, PM, PDF_WRITER, GObject)

/* Lays @document out as @options ask, on pages of @page_width × @page_height points (0 × 0:
 * the paper of @options). The document is read now; later changes do not reach the pages. */
PmPdfWriter  *pm_pdf_writer_new           (PmDocument            *document,
                                           const PmExportOptions *options,
                                           double                 page_width,
                                           double                 page_height);

guint         pm_pdf_writer_get_n_pages   (PmPdfWriter           *self);
void          pm_pdf_writer_get_page_size (PmPdfWriter           *self,
                                           double                *width,
                                           double                *height);
/* Draws page @page (from 0) on @cr, whose user space is the page in points. */
void          pm_pdf_writer_draw_page     (PmPdfWriter           *self,
                                           cairo_t               *cr,
                                           guint                  page);

/* The whole document as a PDF file. Identical for the same document and options, apart from
 * the creation date, which is $SOURCE_DATE_EPOCH when that is set. */
GBytes       *pm_pdf_writer_write_bytes   (PmPdfWriter           *self,
                                           GError               **error);

/* Convenience: lays out and writes @document to @path, atomically. */
gboolean      pm_pdf_writer_write_file    (PmDocument            *document,
                                           const PmExportOptions *options,
                                           const char            *path,
                                           GError               **error);

G_END_DECLS
