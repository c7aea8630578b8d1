/* pm-pdf-flow.h — pages from rows of text: the layout engine under the PDF writer
 *
 * Content is added top to bottom as rows (a paragraph is a row of one cell, a table row has
 * several); the flow breaks pages between lines, repeats a table's header on every page it
 * continues on, keeps headings with what follows them, and records what to draw as a display
 * list per page. Drawing a page then needs only a cairo_t in PostScript points: a PDF surface, a
 * GtkPrintOperation's context or an image surface for a preview all get the same page.
 *
 * Private to the export library.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

typedef struct
{
  double r, g, b;
} PmRgb;

#define PM_RGB(hex) ((PmRgb) { (((hex) >> 16) & 0xff) / 255.0, (((hex) >> 8) & 0xff) / 255.0, \
                               ((hex) & 0xff) / 255.0 })

/* ---- Rich text: one PangoLayout with styled runs, never markup ---------------------------- */

typedef struct _PmPdfText PmPdfText;

PmPdfText    *pm_pdf_text_new            (void);
void          pm_pdf_text_free           (PmPdfText                  *text);
/* Appends @str (already cleaned) in @font (NULL: the layout's font) and @color (NULL: the
 * piece's colour). */
void          pm_pdf_text_append         (PmPdfText                  *text,
                                          const char                 *str,
                                          const PangoFontDescription *font,
                                          const PmRgb                *color);
gboolean      pm_pdf_text_is_empty       (PmPdfText                  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmPdfText, pm_pdf_text_free)

/* ---- Rows and cells ---------------------------------------------------------------------- */

typedef struct _PmPdfRow PmPdfRow;
typedef struct _PmPdfCell PmPdfCell;

PmPdfRow     *pm_pdf_row_new             (void);
void          pm_pdf_row_free            (PmPdfRow                   *row);
/* A cell at @x (from the left margin) of @width, with @pad_x left and right. */
PmPdfCell    *pm_pdf_row_add_cell        (PmPdfRow                   *row,
                                          double                      x,
                                          double                      width,
                                          double                      pad_x);
/* Space above the row and below it (inside its background and rules). */
void          pm_pdf_row_set_padding     (PmPdfRow                   *row,
                                          double                      top,
                                          double                      bottom);
/* Space before the row that is dropped at the top of a page. */
void          pm_pdf_row_set_space_before (PmPdfRow                  *row,
                                          double                      space);
/* A rule under the row, across [@x, @x + @width]. */
void          pm_pdf_row_set_rule        (PmPdfRow                   *row,
                                          double                      x,
                                          double                      width,
                                          const PmRgb                *color,
                                          double                      line_width);
/* A background across [@x, @x + @width]. */
void          pm_pdf_row_set_fill        (PmPdfRow                   *row,
                                          double                      x,
                                          double                      width,
                                          const PmRgb                *color);
/* Rows up to this height move to the next page whole instead of being split. */
void          pm_pdf_row_set_keep_together (PmPdfRow                 *row,
                                          double                      max_height);

/* Adds a layout to the cell, below what it holds, @space_before it, indented by @dx;
 * drawn in @color where the text has none of its own; a link to @uri when it is not NULL (a
 * safe URL, see pm_export_safe_url()). Takes a reference on @layout. */
void          pm_pdf_cell_add            (PmPdfCell                  *cell,
                                          PangoLayout                *layout,
                                          const PmRgb                *color,
                                          const char                 *uri,
                                          double                      dx,
                                          double                      space_before);
void          pm_pdf_cell_set_fill       (PmPdfCell                  *cell,
                                          const PmRgb                *color);
/* A bar of @width in @color at the cell's left edge (the kind colour of a table row). */
void          pm_pdf_cell_set_bar        (PmPdfCell                  *cell,
                                          const PmRgb                *color,
                                          double                      width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmPdfRow, pm_pdf_row_free)

/* ---- The flow ---------------------------------------------------------------------------- */

typedef struct _PmPdfFlow PmPdfFlow;

/* Draws what is the same on every page (running header, page number), after its content. */
typedef void (*PmPdfPageFunc) (cairo_t   *cr,
                               guint      page,
                               guint      n_pages,
                               gpointer   user_data);

PmPdfFlow    *pm_pdf_flow_new            (double                      page_width,
                                          double                      page_height,
                                          double                      margin_x,
                                          double                      margin_top,
                                          double                      margin_bottom,
                                          const char                 *language);
void          pm_pdf_flow_free           (PmPdfFlow                  *flow);

double        pm_pdf_flow_get_content_width (PmPdfFlow               *flow);
double        pm_pdf_flow_get_left       (PmPdfFlow                  *flow);
double        pm_pdf_flow_get_page_width (PmPdfFlow                  *flow);
double        pm_pdf_flow_get_page_height (PmPdfFlow                 *flow);
PangoContext *pm_pdf_flow_get_context    (PmPdfFlow                  *flow);

/* A new layout of @text (cleaned user text, or our own) in @font, wrapped at @width points;
 * @max_lines > 0 ellipsizes after that many lines. */
PangoLayout  *pm_pdf_flow_create_layout  (PmPdfFlow                  *flow,
                                          const char                 *text,
                                          const PangoFontDescription *font,
                                          double                      width,
                                          int                         max_lines);
/* The same, shared: repeated short texts (lanes, kinds, dates) are laid out once. The layout
 * must not be changed. */
PangoLayout  *pm_pdf_flow_get_shared_layout (PmPdfFlow               *flow,
                                          const char                 *text,
                                          const PangoFontDescription *font,
                                          double                      width,
                                          int                         max_lines);
/* A shared rich layout under a key that names its text and style; NULL when there is none yet.
 * pm_pdf_flow_store_shared() keeps one (taking a reference). */
PangoLayout  *pm_pdf_flow_lookup_shared  (PmPdfFlow                  *flow,
                                          const char                 *key);
void          pm_pdf_flow_store_shared   (PmPdfFlow                  *flow,
                                          const char                 *key,
                                          PangoLayout                *layout);
PangoLayout  *pm_pdf_flow_create_rich_layout (PmPdfFlow              *flow,
                                          PmPdfText                  *text,
                                          const PangoFontDescription *font,
                                          double                      width,
                                          int                         max_lines);
/* The height of @layout in points. */
double        pm_pdf_layout_height       (PangoLayout                *layout);
double        pm_pdf_layout_width        (PangoLayout                *layout);

/* Adds @row (taking it), breaking the page where it must. */
void          pm_pdf_flow_add_row        (PmPdfFlow                  *flow,
                                          PmPdfRow                   *row);
/* Adds @row to be kept on one page with the start of what comes next (a heading). When
 * @outline_title is not NULL the row becomes an entry of the PDF's outline at @outline_level
 * (0 = top). */
void          pm_pdf_flow_add_heading    (PmPdfFlow                  *flow,
                                          PmPdfRow                   *row,
                                          int                         outline_level,
                                          const char                 *outline_title);
/* Rows added until pm_pdf_flow_end_table() repeat @header (taken) on every new page. */
void          pm_pdf_flow_begin_table    (PmPdfFlow                  *flow,
                                          PmPdfRow                   *header);
void          pm_pdf_flow_end_table      (PmPdfFlow                  *flow);
/* Vertical space, dropped at the top of a page. */
void          pm_pdf_flow_add_space      (PmPdfFlow                  *flow,
                                          double                      space);

/* ---- Free drawing on the current page (figures) ---------------------------------------- */

/* Places pending headings so that they and @height of what follows share a page; returns the
 * y where drawing can start. */
double        pm_pdf_flow_reserve        (PmPdfFlow                  *flow,
                                          double                      height);
double        pm_pdf_flow_get_y          (PmPdfFlow                  *flow);
void          pm_pdf_flow_set_y          (PmPdfFlow                  *flow,
                                          double                      y);
double        pm_pdf_flow_get_bottom     (PmPdfFlow                  *flow);
double        pm_pdf_flow_get_top        (PmPdfFlow                  *flow);
void          pm_pdf_flow_new_page       (PmPdfFlow                  *flow);
void          pm_pdf_flow_draw_rect      (PmPdfFlow                  *flow,
                                          double                      x,
                                          double                      y,
                                          double                      width,
                                          double                      height,
                                          double                      radius,
                                          const PmRgb                *fill,
                                          const PmRgb                *stroke,
                                          double                      line_width,
                                          gboolean                    dashed);
void          pm_pdf_flow_draw_line      (PmPdfFlow                  *flow,
                                          double                      x1,
                                          double                      y1,
                                          double                      x2,
                                          double                      y2,
                                          const PmRgb                *color,
                                          double                      line_width,
                                          gboolean                    dashed);
void          pm_pdf_flow_draw_circle    (PmPdfFlow                  *flow,
                                          double                      cx,
                                          double                      cy,
                                          double                      radius,
                                          const PmRgb                *fill);
/* Takes a reference on @layout. */
void          pm_pdf_flow_draw_layout    (PmPdfFlow                  *flow,
                                          PangoLayout                *layout,
                                          double                      x,
                                          double                      y,
                                          const PmRgb                *color,
                                          const char                 *uri);

/* Draws a figure of its own (a chart) when the page is drawn: @func gets @cr with (0, 0) at
 * (@x, @y) and the figure's size; @destroy frees @data with the flow. */
typedef void (*PmPdfFigureFunc) (cairo_t  *cr,
                                 double    width,
                                 double    height,
                                 gpointer  data);
void          pm_pdf_flow_draw_figure    (PmPdfFlow                  *flow,
                                          double                      x,
                                          double                      y,
                                          double                      width,
                                          double                      height,
                                          PmPdfFigureFunc             func,
                                          gpointer                    data,
                                          GDestroyNotify              destroy);

/* ---- Output ------------------------------------------------------------------------------ */

guint         pm_pdf_flow_get_n_pages    (PmPdfFlow                  *flow);
void          pm_pdf_flow_set_page_func  (PmPdfFlow                  *flow,
                                          PmPdfPageFunc               func,
                                          gpointer                    user_data);
/* Draws page @page (from 0) on @cr, whose user space is the page in points. */
void          pm_pdf_flow_draw_page      (PmPdfFlow                  *flow,
                                          cairo_t                    *cr,
                                          guint                       page);
/* The outline entries (headings) of @page: calls @func for each. */
typedef void (*PmPdfOutlineFunc) (int          level,
                                  const char  *title,
                                  guint        page,
                                  double       y,
                                  gpointer     user_data);
void          pm_pdf_flow_foreach_outline (PmPdfFlow                 *flow,
                                          PmPdfOutlineFunc            func,
                                          gpointer                    user_data);
/* Frees what page @page holds once it is drawn for the last time (streaming to a file). */
void          pm_pdf_flow_release_page   (PmPdfFlow                  *flow,
                                          guint                       page);

/* ---- The PDF file ------------------------------------------------------------------------ */

typedef struct
{
  const char *title;
  const char *subject;
  const char *author;     /* NULL or "": not written */
  const char *keywords;   /* NULL or "": not written */
  GDateTime  *date;       /* the creation and modification date (reproducible exports) */
} PmPdfMetadata;

/* Draws every page of @flow on a PDF 1.5 of @page_width × @page_height points with
 * @metadata (and "Postmortem VERSION" as its creator), adds the flow's outline with links to
 * @outline_x on the page, and returns the file's bytes; NULL with @error when cairo fails. */
GBytes       *pm_pdf_flow_write_pdf      (PmPdfFlow                  *flow,
                                          double                      page_width,
                                          double                      page_height,
                                          const PmPdfMetadata        *metadata,
                                          double                      outline_x,
                                          GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmPdfFlow, pm_pdf_flow_free)

G_END_DECLS
