/* pm-pdf-flow.c — pages from rows of text: the layout engine under the PDF writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <math.h>
#include <string.h>

#include <gio/gio.h>

#include "pm-export-i18n-private.h"
#include "pm-export-text.h"
#include "pm-pdf-flow.h"

/* Rows at most this part of the page body tall are moved whole rather than split. */
#define KEEP_FRACTION 0.2
/* How much of what follows a heading must fit on its page: this many lines. */
#define KEEP_LINES 3

typedef enum
{
  OP_LAYOUT,
  OP_RECT,
  OP_LINE,
  OP_CIRCLE,
  OP_FIGURE,
} OpType;

typedef struct
{
  OpType       type;
  double       x, y, width, height, radius, line_width;
  PmRgb        fill;
  PmRgb        stroke;
  gboolean     has_fill;
  gboolean     has_stroke;
  gboolean     dashed;
  PangoLayout *layout;
  int          first_line;
  int          n_lines;      /* -1: all */
  char        *uri;
  PmPdfFigureFunc figure;      /* OP_FIGURE: draws into (0, 0, width, height) */
  gpointer     figure_data;
  GDestroyNotify figure_destroy;
} Op;

typedef struct
{
  GArray *ops;   /* of Op */
} Page;

typedef struct
{
  PangoLayout *layout;
  PmRgb        color;
  char        *uri;
  double       dx;
  double       space_before;
  double       height;
} Piece;

/* One line of a cell, for splitting: where it is in the cell's content. */
typedef struct
{
  guint  piece;
  int    line;
  double top;
  double bottom;
} LineRef;

struct _PmPdfCell
{
  double     x;
  double     width;
  double     pad_x;
  GPtrArray *pieces;     /* of Piece */
  gboolean   has_fill;
  PmRgb      fill;
  gboolean   has_bar;
  PmRgb      bar;
  double     bar_width;

  /* While the row is split across pages */
  GArray    *lines;      /* of LineRef, NULL until needed */
  guint      next_line;  /* the first line not placed yet */
};

struct _PmPdfRow
{
  GPtrArray *cells;      /* of PmPdfCell */
  double     pad_top;
  double     pad_bottom;
  double     space_before;
  double     keep_together;
  gboolean   has_rule;
  double     rule_x, rule_width, rule_line_width;
  PmRgb      rule_color;
  gboolean   has_fill;
  double     fill_x, fill_width;
  PmRgb      fill;
};

typedef struct
{
  PmPdfRow *row;
  int       outline_level;
  char     *outline_title;
} Pending;

typedef struct
{
  int     level;
  char   *title;
  guint   page;
  double  y;
} OutlineEntry;

struct _PmPdfText
{
  GString       *str;
  PangoAttrList *attrs;
};

struct _PmPdfFlow
{
  double         page_width, page_height;
  double         left, top, bottom, content_width;
  PangoContext  *context;

  GPtrArray     *pages;     /* of Page */
  double         y;
  gboolean       fresh;     /* nothing but a repeated table header on this page yet */

  GPtrArray     *pending;   /* of Pending: headings waiting for what follows */
  PmPdfRow      *table_header;
  GArray        *outline;   /* of OutlineEntry */

  PmPdfPageFunc  page_func;
  gpointer       page_data;

  GHashTable    *shared;    /* "font|width|lines|text" → PangoLayout */
};

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
op_clear (gpointer data)
{
  Op *op = data;

  g_clear_object (&op->layout);
  g_clear_pointer (&op->uri, g_free);
  if (op->figure_destroy != NULL)
    g_clear_pointer (&op->figure_data, op->figure_destroy);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  g_clear_pointer (&page->ops, g_array_unref);
  g_free (page);
}

static void
piece_free (gpointer data)
{
  Piece *piece = data;

  g_clear_object (&piece->layout);
  g_free (piece->uri);
  g_free (piece);
}

static void
cell_free (gpointer data)
{
  PmPdfCell *cell = data;

  g_ptr_array_unref (cell->pieces);
  g_clear_pointer (&cell->lines, g_array_unref);
  g_free (cell);
}

static void
pending_free (gpointer data)
{
  Pending *pending = data;

  g_clear_pointer (&pending->row, pm_pdf_row_free);
  g_free (pending->outline_title);
  g_free (pending);
}

static void
outline_entry_clear (gpointer data)
{
  OutlineEntry *entry = data;

  g_free (entry->title);
}

static Page *
current_page (PmPdfFlow *flow)
{
  if (flow->pages->len == 0)
    {
      Page *page = g_new0 (Page, 1);

      page->ops = g_array_new (FALSE, TRUE, sizeof (Op));
      g_array_set_clear_func (page->ops, op_clear);
      g_ptr_array_add (flow->pages, page);
      flow->y = flow->top;
      flow->fresh = TRUE;
    }
  return g_ptr_array_index (flow->pages, flow->pages->len - 1);
}

static void
add_op (PmPdfFlow *flow,
        Op        *op)
{
  g_array_append_vals (current_page (flow)->ops, op, 1);
}

static double
cell_content_height (PmPdfCell *cell)
{
  double height = 0;

  for (guint i = 0; i < cell->pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (cell->pieces, i);

      height += (i > 0 ? piece->space_before : 0) + piece->height;
    }
  return height;
}

static double
row_height (PmPdfRow *row)
{
  double content = 0;

  for (guint i = 0; i < row->cells->len; i++)
    content = MAX (content, cell_content_height (g_ptr_array_index (row->cells, i)));
  return row->pad_top + content + row->pad_bottom;
}

/* The lines of @cell with their place in its content, for splitting. */
static GArray *
cell_lines (PmPdfCell *cell)
{
  double piece_top = 0;

  if (cell->lines != NULL)
    return cell->lines;

  cell->lines = g_array_new (FALSE, FALSE, sizeof (LineRef));
  for (guint i = 0; i < cell->pieces->len; i++)
    {
      Piece *piece = g_ptr_array_index (cell->pieces, i);
      PangoLayoutIter *iter = pango_layout_get_iter (piece->layout);
      int line = 0;

      if (i > 0)
        piece_top += piece->space_before;
      do
        {
          PangoRectangle logical;
          LineRef ref;

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          ref.piece = i;
          ref.line = line++;
          ref.top = piece_top + (double)logical.y / PANGO_SCALE;
          ref.bottom = piece_top + (double)(logical.y + logical.height) / PANGO_SCALE;
          g_array_append_val (cell->lines, ref);
        }
      while (pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
      piece_top += piece->height;
    }
  return cell->lines;
}

/* How much of @row must share a page with a heading above it. */
static double
row_start_height (PmPdfRow *row)
{
  double start = 0;

  for (guint i = 0; i < row->cells->len; i++)
    {
      PmPdfCell *cell = g_ptr_array_index (row->cells, i);
      GArray *lines;

      if (cell->pieces->len == 0)
        continue;
      lines = cell_lines (cell);
      start = MAX (start, g_array_index (lines, LineRef, MIN (lines->len, KEEP_LINES) - 1).bottom);
    }
  return MIN (row->pad_top + start + row->pad_bottom, row_height (row));
}

static void
emit_backgrounds (PmPdfFlow *flow,
                  PmPdfRow  *row,
                  double     y,
                  double     height)
{
  if (row->has_fill)
    {
      Op op = { OP_RECT, flow->left + row->fill_x, y, row->fill_width, height };

      op.fill = row->fill;
      op.has_fill = TRUE;
      add_op (flow, &op);
    }
  for (guint i = 0; i < row->cells->len; i++)
    {
      PmPdfCell *cell = g_ptr_array_index (row->cells, i);

      if (cell->has_fill)
        {
          Op op = { OP_RECT, flow->left + cell->x, y, cell->width, height };

          op.fill = cell->fill;
          op.has_fill = TRUE;
          add_op (flow, &op);
        }
      if (cell->has_bar)
        {
          Op op = { OP_RECT, flow->left + cell->x, y, cell->bar_width, height };

          op.fill = cell->bar;
          op.has_fill = TRUE;
          add_op (flow, &op);
        }
    }
}

static void
emit_rule (PmPdfFlow *flow,
           PmPdfRow  *row,
           double     y)
{
  Op op = { OP_LINE };

  if (!row->has_rule)
    return;
  op.x = flow->left + row->rule_x;
  op.y = y;
  op.width = row->rule_width;
  op.height = 0;
  op.stroke = row->rule_color;
  op.has_stroke = TRUE;
  op.line_width = row->rule_line_width;
  add_op (flow, &op);
}

static void
emit_piece (PmPdfFlow *flow,
            PmPdfCell *cell,
            Piece     *piece,
            double     y,
            int        first_line,
            int        n_lines)
{
  Op op = { OP_LAYOUT };

  op.x = flow->left + cell->x + cell->pad_x + piece->dx;
  op.y = y;
  op.layout = g_object_ref (piece->layout);
  op.first_line = first_line;
  op.n_lines = n_lines;
  op.fill = piece->color;
  op.uri = g_strdup (piece->uri);
  add_op (flow, &op);
}

/* Places all of @row at flow->y; does not break pages. */
static void
emit_whole_row (PmPdfFlow *flow,
                PmPdfRow  *row)
{
  double height = row_height (row);

  emit_backgrounds (flow, row, flow->y, height);
  for (guint i = 0; i < row->cells->len; i++)
    {
      PmPdfCell *cell = g_ptr_array_index (row->cells, i);
      double y = flow->y + row->pad_top;

      for (guint p = 0; p < cell->pieces->len; p++)
        {
          Piece *piece = g_ptr_array_index (cell->pieces, p);

          if (p > 0)
            y += piece->space_before;
          emit_piece (flow, cell, piece, y, 0, -1);
          y += piece->height;
        }
    }
  emit_rule (flow, row, flow->y + height);
  flow->y += height;
}

static void place_row (PmPdfFlow *flow, PmPdfRow *row);

static void
start_page (PmPdfFlow *flow)
{
  Page *page = g_new0 (Page, 1);

  page->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (page->ops, op_clear);
  g_ptr_array_add (flow->pages, page);
  flow->y = flow->top;
  flow->fresh = TRUE;

  if (flow->table_header != NULL)
    emit_whole_row (flow, flow->table_header);
}

/* Places the part of @row that fits below flow->y; TRUE when all of it is placed. FALSE with
 * nothing placed when not even one line fits (unless @force). */
static gboolean
emit_row_part (PmPdfFlow *flow,
               PmPdfRow  *row,
               gboolean   force)
{
  double avail = flow->bottom - flow->y - row->pad_top - row->pad_bottom;
  double part_height = 0, height;
  gboolean done = TRUE, progress = FALSE;
  g_autofree guint *firsts = g_new0 (guint, row->cells->len);
  g_autofree guint *lasts = g_new0 (guint, row->cells->len);

  /* What fits of each cell. */
  for (guint i = 0; i < row->cells->len; i++)
    {
      PmPdfCell *cell = g_ptr_array_index (row->cells, i);
      GArray *lines;
      guint last;
      double offset;

      if (cell->pieces->len == 0)
        continue;
      lines = cell_lines (cell);
      firsts[i] = lasts[i] = cell->next_line;
      if (cell->next_line >= lines->len)
        continue;

      offset = g_array_index (lines, LineRef, cell->next_line).top;
      last = cell->next_line;
      while (last < lines->len && g_array_index (lines, LineRef, last).bottom - offset <= avail)
        last++;
      if (last == cell->next_line && force)
        last++;  /* a line taller than a page: draw it cut rather than loop */
      if (last == cell->next_line)
        {
          done = FALSE;
          continue;
        }
      progress = TRUE;
      lasts[i] = last;
      part_height = MAX (part_height, g_array_index (lines, LineRef, last - 1).bottom - offset);
      if (last < lines->len)
        done = FALSE;
    }

  if (!progress)
    return done;

  height = row->pad_top + part_height + row->pad_bottom;
  emit_backgrounds (flow, row, flow->y, height);

  for (guint i = 0; i < row->cells->len; i++)
    {
      PmPdfCell *cell = g_ptr_array_index (row->cells, i);
      GArray *lines;
      double offset;

      if (firsts[i] == lasts[i])
        continue;
      lines = cell_lines (cell);
      offset = g_array_index (lines, LineRef, firsts[i]).top;

      /* One op per piece touched. */
      for (guint k = firsts[i]; k < lasts[i];)
        {
          LineRef *ref = &g_array_index (lines, LineRef, k);
          guint end = k;

          while (end < lasts[i] && g_array_index (lines, LineRef, end).piece == ref->piece)
            end++;
          emit_piece (flow, cell, g_ptr_array_index (cell->pieces, ref->piece),
                      flow->y + row->pad_top + (ref->top - offset), ref->line, (int)(end - k));
          k = end;
        }
      cell->next_line = lasts[i];
    }

  emit_rule (flow, row, flow->y + height);
  flow->y += height;
  flow->fresh = FALSE;
  return done;
}

static void
place_row (PmPdfFlow *flow,
           PmPdfRow  *row)
{
  double height = row_height (row);
  double body = flow->bottom - flow->top;
  double space = flow->fresh ? 0 : row->space_before;

  current_page (flow);

  if (flow->y + space + height <= flow->bottom + 0.001)
    {
      flow->y += space;
      emit_whole_row (flow, row);
      flow->fresh = FALSE;
      return;
    }

  if (!flow->fresh && (height <= row->keep_together || height <= KEEP_FRACTION * body))
    {
      start_page (flow);
      if (flow->y + height <= flow->bottom + 0.001)
        {
          emit_whole_row (flow, row);
          flow->fresh = FALSE;
          return;
        }
    }

  /* Split between lines, page after page. */
  flow->y += flow->fresh ? 0 : space;
  while (!emit_row_part (flow, row, flow->fresh))
    start_page (flow);
}

static void
place_pending (PmPdfFlow *flow,
               double     following)
{
  double need = following;

  if (flow->pending->len == 0)
    return;

  current_page (flow);
  for (guint i = 0; i < flow->pending->len; i++)
    {
      Pending *pending = g_ptr_array_index (flow->pending, i);

      need += row_height (pending->row) + (i == 0 && flow->fresh ? 0 : pending->row->space_before);
    }
  if (!flow->fresh && flow->y + need > flow->bottom)
    start_page (flow);

  for (guint i = 0; i < flow->pending->len; i++)
    {
      Pending *pending = g_ptr_array_index (flow->pending, i);

      if (!flow->fresh)
        flow->y += pending->row->space_before;
      if (pending->outline_title != NULL)
        {
          OutlineEntry entry = { pending->outline_level, g_strdup (pending->outline_title),
                                 flow->pages->len - 1, flow->y };

          g_array_append_val (flow->outline, entry);
        }
      emit_whole_row (flow, pending->row);
      flow->fresh = FALSE;
    }
  g_ptr_array_set_size (flow->pending, 0);
}

static void
draw_rounded_rect (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  if (r <= 0)
    {
      cairo_rectangle (cr, x, y, w, h);
      return;
    }
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
draw_layout_op (cairo_t *cr,
                Op      *op)
{
  cairo_set_source_rgb (cr, op->fill.r, op->fill.g, op->fill.b);

  if (op->uri != NULL)
    {
      GString *attrs = g_string_new ("uri='");

      /* cairo's attribute syntax: a quoted string with \ escapes. A safe URL holds neither. */
      for (const char *p = op->uri; *p != '\0'; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (attrs, '\\');
          g_string_append_c (attrs, *p);
        }
      g_string_append_c (attrs, '\'');
      cairo_tag_begin (cr, CAIRO_TAG_LINK, attrs->str);
      g_string_free (attrs, TRUE);
    }

  if (op->n_lines < 0)
    {
      cairo_move_to (cr, op->x, op->y);
      pango_cairo_show_layout (cr, op->layout);
    }
  else
    {
      PangoLayoutIter *iter = pango_layout_get_iter (op->layout);
      int line = 0;
      double first_top = 0;

      do
        {
          if (line >= op->first_line && line < op->first_line + op->n_lines)
            {
              PangoRectangle logical;
              int baseline = pango_layout_iter_get_baseline (iter);

              pango_layout_iter_get_line_extents (iter, NULL, &logical);
              if (line == op->first_line)
                first_top = (double)logical.y / PANGO_SCALE;
              cairo_move_to (cr, op->x + (double)logical.x / PANGO_SCALE,
                             op->y + (double)baseline / PANGO_SCALE - first_top);
              pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
            }
          line++;
        }
      while (line < op->first_line + op->n_lines && pango_layout_iter_next_line (iter));
      pango_layout_iter_free (iter);
    }

  if (op->uri != NULL)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
}

/* ------------------------------------------------------------------------------------------ */
/* Rich text                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmPdfText *
pm_pdf_text_new (void)
{
  PmPdfText *text = g_new0 (PmPdfText, 1);

  text->str = g_string_new (NULL);
  text->attrs = pango_attr_list_new ();
  return text;
}

void
pm_pdf_text_free (PmPdfText *text)
{
  if (text == NULL)
    return;
  g_string_free (text->str, TRUE);
  pango_attr_list_unref (text->attrs);
  g_free (text);
}

void
pm_pdf_text_append (PmPdfText                  *text,
                    const char                 *str,
                    const PangoFontDescription *font,
                    const PmRgb                *color)
{
  guint start = text->str->len;

  if (str == NULL || *str == '\0')
    return;
  g_string_append (text->str, str);

  if (font != NULL)
    {
      PangoAttribute *attr = pango_attr_font_desc_new (font);

      attr->start_index = start;
      attr->end_index = text->str->len;
      pango_attr_list_insert (text->attrs, attr);
    }
  if (color != NULL)
    {
      PangoAttribute *attr = pango_attr_foreground_new ((guint16)(color->r * 65535),
                                                        (guint16)(color->g * 65535),
                                                        (guint16)(color->b * 65535));

      attr->start_index = start;
      attr->end_index = text->str->len;
      pango_attr_list_insert (text->attrs, attr);
    }
}

gboolean
pm_pdf_text_is_empty (PmPdfText *text)
{
  return text->str->len == 0;
}

/* ------------------------------------------------------------------------------------------ */
/* Rows                                                                                       */
/* ------------------------------------------------------------------------------------------ */

PmPdfRow *
pm_pdf_row_new (void)
{
  PmPdfRow *row = g_new0 (PmPdfRow, 1);

  row->cells = g_ptr_array_new_with_free_func (cell_free);
  return row;
}

void
pm_pdf_row_free (PmPdfRow *row)
{
  if (row == NULL)
    return;
  g_ptr_array_unref (row->cells);
  g_free (row);
}

PmPdfCell *
pm_pdf_row_add_cell (PmPdfRow *row,
                     double    x,
                     double    width,
                     double    pad_x)
{
  PmPdfCell *cell = g_new0 (PmPdfCell, 1);

  cell->x = x;
  cell->width = width;
  cell->pad_x = pad_x;
  cell->pieces = g_ptr_array_new_with_free_func (piece_free);
  g_ptr_array_add (row->cells, cell);
  return cell;
}

void
pm_pdf_row_set_padding (PmPdfRow *row,
                        double    top,
                        double    bottom)
{
  row->pad_top = top;
  row->pad_bottom = bottom;
}

void
pm_pdf_row_set_space_before (PmPdfRow *row,
                             double    space)
{
  row->space_before = space;
}

void
pm_pdf_row_set_rule (PmPdfRow    *row,
                     double       x,
                     double       width,
                     const PmRgb *color,
                     double       line_width)
{
  row->has_rule = TRUE;
  row->rule_x = x;
  row->rule_width = width;
  row->rule_color = *color;
  row->rule_line_width = line_width;
}

void
pm_pdf_row_set_fill (PmPdfRow    *row,
                     double       x,
                     double       width,
                     const PmRgb *color)
{
  row->has_fill = TRUE;
  row->fill_x = x;
  row->fill_width = width;
  row->fill = *color;
}

void
pm_pdf_row_set_keep_together (PmPdfRow *row,
                              double    max_height)
{
  row->keep_together = max_height;
}

void
pm_pdf_cell_add (PmPdfCell   *cell,
                 PangoLayout *layout,
                 const PmRgb *color,
                 const char  *uri,
                 double       dx,
                 double       space_before)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->layout = g_object_ref (layout);
  piece->color = color ? *color : PM_RGB (0x000000);
  piece->uri = g_strdup (uri);
  piece->dx = dx;
  piece->space_before = space_before;
  piece->height = pm_pdf_layout_height (layout);
  g_ptr_array_add (cell->pieces, piece);
}

void
pm_pdf_cell_set_fill (PmPdfCell   *cell,
                      const PmRgb *color)
{
  cell->has_fill = TRUE;
  cell->fill = *color;
}

void
pm_pdf_cell_set_bar (PmPdfCell   *cell,
                     const PmRgb *color,
                     double       width)
{
  cell->has_bar = TRUE;
  cell->bar = *color;
  cell->bar_width = width;
}

/* ------------------------------------------------------------------------------------------ */
/* The flow                                                                                   */
/* ------------------------------------------------------------------------------------------ */

PmPdfFlow *
pm_pdf_flow_new (double      page_width,
                 double      page_height,
                 double      margin_x,
                 double      margin_top,
                 double      margin_bottom,
                 const char *language)
{
  PmPdfFlow *flow = g_new0 (PmPdfFlow, 1);
  cairo_font_options_t *options;

  flow->page_width = page_width;
  flow->page_height = page_height;
  flow->left = margin_x;
  flow->top = margin_top;
  flow->bottom = page_height - margin_bottom;
  flow->content_width = page_width - 2 * margin_x;
  flow->pages = g_ptr_array_new_with_free_func (page_free);
  flow->pending = g_ptr_array_new_with_free_func (pending_free);
  flow->outline = g_array_new (FALSE, FALSE, sizeof (OutlineEntry));
  flow->shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_array_set_clear_func (flow->outline, outline_entry_clear);

  /* Points as units, no hinting: the same layout on paper, in a PDF and in a preview. */
  flow->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (flow->context, 72.0);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (flow->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (flow->context, FALSE);
  if (language != NULL)
    pango_context_set_language (flow->context, pango_language_from_string (language));

  return flow;
}

void
pm_pdf_flow_free (PmPdfFlow *flow)
{
  if (flow == NULL)
    return;
  g_ptr_array_unref (flow->pages);
  g_ptr_array_unref (flow->pending);
  g_clear_pointer (&flow->table_header, pm_pdf_row_free);
  g_array_unref (flow->outline);
  g_hash_table_unref (flow->shared);
  g_object_unref (flow->context);
  g_free (flow);
}

double
pm_pdf_flow_get_content_width (PmPdfFlow *flow)
{
  return flow->content_width;
}

double
pm_pdf_flow_get_left (PmPdfFlow *flow)
{
  return flow->left;
}

double
pm_pdf_flow_get_page_width (PmPdfFlow *flow)
{
  return flow->page_width;
}

double
pm_pdf_flow_get_page_height (PmPdfFlow *flow)
{
  return flow->page_height;
}

PangoContext *
pm_pdf_flow_get_context (PmPdfFlow *flow)
{
  return flow->context;
}

static void
setup_layout (PangoLayout                *layout,
              const PangoFontDescription *font,
              double                      width,
              int                         max_lines)
{
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  if (max_lines > 0)
    {
      pango_layout_set_height (layout, -max_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
}

PangoLayout *
pm_pdf_flow_create_layout (PmPdfFlow                  *flow,
                           const char                 *text,
                           const PangoFontDescription *font,
                           double                      width,
                           int                         max_lines)
{
  PangoLayout *layout = pango_layout_new (flow->context);

  setup_layout (layout, font, width, max_lines);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

/* Texts longer than this are not worth keeping. */
#define SHARED_MAX_BYTES 64

PangoLayout *
pm_pdf_flow_get_shared_layout (PmPdfFlow                  *flow,
                               const char                 *text,
                               const PangoFontDescription *font,
                               double                      width,
                               int                         max_lines)
{
  g_autofree char *description = NULL;
  g_autofree char *key = NULL;
  PangoLayout *layout;

  if (text == NULL || strlen (text) > SHARED_MAX_BYTES)
    return pm_pdf_flow_create_layout (flow, text, font, width, max_lines);

  description = pango_font_description_to_string (font);
  key = g_strdup_printf ("%s|%d|%d|%s", description, (int)(width * 100), max_lines, text);
  layout = g_hash_table_lookup (flow->shared, key);
  if (layout == NULL)
    {
      layout = pm_pdf_flow_create_layout (flow, text, font, width, max_lines);
      g_hash_table_insert (flow->shared, g_steal_pointer (&key), layout);
    }
  return g_object_ref (layout);
}

PangoLayout *
pm_pdf_flow_lookup_shared (PmPdfFlow  *flow,
                           const char *key)
{
  g_autofree char *full = g_strconcat ("*", key, NULL);
  PangoLayout *layout = g_hash_table_lookup (flow->shared, full);

  return layout ? g_object_ref (layout) : NULL;
}

void
pm_pdf_flow_store_shared (PmPdfFlow   *flow,
                          const char  *key,
                          PangoLayout *layout)
{
  g_hash_table_insert (flow->shared, g_strconcat ("*", key, NULL), g_object_ref (layout));
}

PangoLayout *
pm_pdf_flow_create_rich_layout (PmPdfFlow                  *flow,
                                PmPdfText                  *text,
                                const PangoFontDescription *font,
                                double                      width,
                                int                         max_lines)
{
  PangoLayout *layout = pango_layout_new (flow->context);

  setup_layout (layout, font, width, max_lines);
  pango_layout_set_text (layout, text->str->str, (int)text->str->len);
  pango_layout_set_attributes (layout, text->attrs);
  return layout;
}

double
pm_pdf_layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double)logical.height / PANGO_SCALE;
}

double
pm_pdf_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double)(logical.x + logical.width) / PANGO_SCALE;
}

void
pm_pdf_flow_add_row (PmPdfFlow *flow,
                     PmPdfRow  *row)
{
  if (flow->pending->len > 0)
    place_pending (flow, row_start_height (row) + (flow->fresh ? 0 : row->space_before));
  place_row (flow, row);
  pm_pdf_row_free (row);
}

void
pm_pdf_flow_add_heading (PmPdfFlow  *flow,
                         PmPdfRow   *row,
                         int         outline_level,
                         const char *outline_title)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->row = row;
  pending->outline_level = outline_level;
  pending->outline_title = g_strdup (outline_title);
  g_ptr_array_add (flow->pending, pending);
}

void
pm_pdf_flow_begin_table (PmPdfFlow *flow,
                         PmPdfRow  *header)
{
  g_clear_pointer (&flow->table_header, pm_pdf_row_free);

  /* The first header is kept with the first row; later pages repeat it. */
  if (flow->pending->len > 0 || !flow->fresh)
    {
      double height = row_height (header);

      place_pending (flow, height + 24);
      if (flow->y + header->space_before + height + 24 > flow->bottom && !flow->fresh)
        start_page (flow);
    }
  else
    current_page (flow);
  if (!flow->fresh)
    flow->y += header->space_before;
  emit_whole_row (flow, header);
  flow->fresh = FALSE;
  flow->table_header = header;
}

void
pm_pdf_flow_end_table (PmPdfFlow *flow)
{
  g_clear_pointer (&flow->table_header, pm_pdf_row_free);
}

void
pm_pdf_flow_add_space (PmPdfFlow *flow,
                       double     space)
{
  current_page (flow);
  if (!flow->fresh && flow->pending->len == 0)
    flow->y = MIN (flow->y + space, flow->bottom);
}

double
pm_pdf_flow_reserve (PmPdfFlow *flow,
                     double     height)
{
  current_page (flow);
  if (flow->pending->len > 0)
    place_pending (flow, height);
  else if (!flow->fresh && flow->y + height > flow->bottom)
    start_page (flow);
  return flow->y;
}

double
pm_pdf_flow_get_y (PmPdfFlow *flow)
{
  current_page (flow);
  return flow->y;
}

void
pm_pdf_flow_set_y (PmPdfFlow *flow,
                   double     y)
{
  current_page (flow);
  flow->y = y;
  flow->fresh = FALSE;
}

double
pm_pdf_flow_get_bottom (PmPdfFlow *flow)
{
  return flow->bottom;
}

double
pm_pdf_flow_get_top (PmPdfFlow *flow)
{
  return flow->top;
}

void
pm_pdf_flow_new_page (PmPdfFlow *flow)
{
  current_page (flow);
  start_page (flow);
}

void
pm_pdf_flow_draw_rect (PmPdfFlow   *flow,
                       double       x,
                       double       y,
                       double       width,
                       double       height,
                       double       radius,
                       const PmRgb *fill,
                       const PmRgb *stroke,
                       double       line_width,
                       gboolean     dashed)
{
  Op op = { OP_RECT, x, y, width, height, radius, line_width };

  if (fill != NULL)
    {
      op.fill = *fill;
      op.has_fill = TRUE;
    }
  if (stroke != NULL)
    {
      op.stroke = *stroke;
      op.has_stroke = TRUE;
    }
  op.dashed = dashed;
  add_op (flow, &op);
}

void
pm_pdf_flow_draw_line (PmPdfFlow   *flow,
                       double       x1,
                       double       y1,
                       double       x2,
                       double       y2,
                       const PmRgb *color,
                       double       line_width,
                       gboolean     dashed)
{
  Op op = { OP_LINE, x1, y1, x2 - x1, y2 - y1, 0, line_width };

  op.stroke = *color;
  op.has_stroke = TRUE;
  op.dashed = dashed;
  add_op (flow, &op);
}

void
pm_pdf_flow_draw_circle (PmPdfFlow   *flow,
                         double       cx,
                         double       cy,
                         double       radius,
                         const PmRgb *fill)
{
  Op op = { OP_CIRCLE, cx, cy, 0, 0, radius };

  op.fill = *fill;
  op.has_fill = TRUE;
  add_op (flow, &op);
}

void
pm_pdf_flow_draw_layout (PmPdfFlow   *flow,
                         PangoLayout *layout,
                         double       x,
                         double       y,
                         const PmRgb *color,
                         const char  *uri)
{
  Op op = { OP_LAYOUT, x, y };

  op.layout = g_object_ref (layout);
  op.n_lines = -1;
  op.fill = color ? *color : PM_RGB (0x000000);
  op.uri = g_strdup (uri);
  add_op (flow, &op);
}

void
pm_pdf_flow_draw_figure (PmPdfFlow       *flow,
                         double           x,
                         double           y,
                         double           width,
                         double           height,
                         PmPdfFigureFunc  func,
                         gpointer         data,
                         GDestroyNotify   destroy)
{
  Op op = { OP_FIGURE, x, y, width, height };

  op.figure = func;
  op.figure_data = data;
  op.figure_destroy = destroy;
  add_op (flow, &op);
}

guint
pm_pdf_flow_get_n_pages (PmPdfFlow *flow)
{
  current_page (flow);
  return flow->pages->len;
}

void
pm_pdf_flow_set_page_func (PmPdfFlow     *flow,
                           PmPdfPageFunc  func,
                           gpointer       user_data)
{
  flow->page_func = func;
  flow->page_data = user_data;
}

void
pm_pdf_flow_draw_page (PmPdfFlow *flow,
                       cairo_t   *cr,
                       guint      page_index)
{
  Page *page;

  g_return_if_fail (page_index < pm_pdf_flow_get_n_pages (flow));

  page = g_ptr_array_index (flow->pages, page_index);
  cairo_save (cr);
  /* Nothing of ours leaves the sheet, whatever the text. */
  cairo_rectangle (cr, 0, 0, flow->page_width, flow->page_height);
  cairo_clip (cr);

  for (guint i = 0; page->ops != NULL && i < page->ops->len; i++)
    {
      Op *op = &g_array_index (page->ops, Op, i);

      switch (op->type)
        {
        case OP_LAYOUT:
          draw_layout_op (cr, op);
          break;
        case OP_RECT:
          draw_rounded_rect (cr, op->x, op->y, op->width, op->height, op->radius);
          if (op->has_fill)
            {
              cairo_set_source_rgb (cr, op->fill.r, op->fill.g, op->fill.b);
              if (op->has_stroke)
                cairo_fill_preserve (cr);
              else
                cairo_fill (cr);
            }
          if (op->has_stroke)
            {
              const double dash[] = { 2.0, 1.5 };

              cairo_set_source_rgb (cr, op->stroke.r, op->stroke.g, op->stroke.b);
              cairo_set_line_width (cr, op->line_width);
              cairo_set_dash (cr, dash, op->dashed ? 2 : 0, 0);
              cairo_stroke (cr);
              cairo_set_dash (cr, NULL, 0, 0);
            }
          break;
        case OP_LINE:
          {
            const double dash[] = { 2.0, 2.0 };

            cairo_move_to (cr, op->x, op->y);
            cairo_line_to (cr, op->x + op->width, op->y + op->height);
            cairo_set_source_rgb (cr, op->stroke.r, op->stroke.g, op->stroke.b);
            cairo_set_line_width (cr, op->line_width);
            cairo_set_dash (cr, dash, op->dashed ? 2 : 0, 0);
            cairo_stroke (cr);
            cairo_set_dash (cr, NULL, 0, 0);
          }
          break;
        case OP_CIRCLE:
          cairo_new_sub_path (cr);
          cairo_arc (cr, op->x, op->y, op->radius, 0, 2 * G_PI);
          cairo_set_source_rgb (cr, op->fill.r, op->fill.g, op->fill.b);
          cairo_fill (cr);
          break;
        case OP_FIGURE:
          cairo_save (cr);
          cairo_translate (cr, op->x, op->y);
          op->figure (cr, op->width, op->height, op->figure_data);
          cairo_restore (cr);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (flow->page_func != NULL)
    flow->page_func (cr, page_index, flow->pages->len, flow->page_data);
  cairo_restore (cr);
}

void
pm_pdf_flow_foreach_outline (PmPdfFlow        *flow,
                             PmPdfOutlineFunc  func,
                             gpointer          user_data)
{
  for (guint i = 0; i < flow->outline->len; i++)
    {
      OutlineEntry *entry = &g_array_index (flow->outline, OutlineEntry, i);

      func (entry->level, entry->title, entry->page, entry->y, user_data);
    }
}

void
pm_pdf_flow_release_page (PmPdfFlow *flow,
                          guint      page_index)
{
  Page *page;

  g_return_if_fail (page_index < flow->pages->len);

  page = g_ptr_array_index (flow->pages, page_index);
  g_clear_pointer (&page->ops, g_array_unref);
}

/* ------------------------------------------------------------------------------------------ */
/* The PDF file                                                                               */
/* ------------------------------------------------------------------------------------------ */

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

typedef struct
{
  cairo_surface_t *surface;
  double           x;
  int              parents[8];   /* the last entry of each level */
} OutlineState;

static void
add_outline_entry (int         level,
                   const char *title,
                   guint       page,
                   double      y,
                   gpointer    user_data)
{
  OutlineState *state = user_data;
  g_autofree char *link = NULL;
  g_autofree char *name = pm_export_clean_text (title, PM_CLEAN_SINGLE_LINE);
  char x_buf[G_ASCII_DTOSTR_BUF_SIZE], y_buf[G_ASCII_DTOSTR_BUF_SIZE];
  int parent = level > 0 ? state->parents[MIN (level, 7) - 1] : CAIRO_PDF_OUTLINE_ROOT;

  g_ascii_formatd (x_buf, sizeof x_buf, "%.1f", state->x);
  g_ascii_formatd (y_buf, sizeof y_buf, "%.1f", MAX (y - 6, 0));
  link = g_strdup_printf ("page=%u pos=[%s %s]", page + 1, x_buf, y_buf);
  state->parents[MIN (level, 7)] = cairo_pdf_surface_add_outline (state->surface, parent, name, link, 0);
}

GBytes *
pm_pdf_flow_write_pdf (PmPdfFlow            *flow,
                       double                page_width,
                       double                page_height,
                       const PmPdfMetadata  *metadata,
                       double                outline_x,
                       GError              **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autofree char *creator = g_strdup_printf ("Postmortem %s", PACKAGE_VERSION);
  g_autofree char *date = NULL;
  OutlineState outline = { 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (flow != NULL, NULL);
  g_return_val_if_fail (metadata != NULL && metadata->date != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, bytes,
                                                 page_width, page_height);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);

  {
    g_autoptr(GDateTime) utc = g_date_time_to_utc (metadata->date);

    date = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
  }
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, metadata->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, metadata->subject);
  if (metadata->author != NULL && *metadata->author != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, metadata->author);
  if (metadata->keywords != NULL && *metadata->keywords != '\0')
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, metadata->keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, date);

  cr = cairo_create (surface);
  for (guint page = 0; page < pm_pdf_flow_get_n_pages (flow); page++)
    {
      pm_pdf_flow_draw_page (flow, cr, page);
      cairo_show_page (cr);
    }

  outline.surface = surface;
  outline.x = outline_x;
  pm_pdf_flow_foreach_outline (flow, add_outline_entry, &outline);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The PDF could not be made: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
