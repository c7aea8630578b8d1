/* pm-pdf-writer.c — the full protocol and the manager summary as pages: PDF, print, preview
 *
 * The content is built once into a PmPdfFlow (rows of PangoLayouts, free drawing for the
 * timeline figure and the progress bar); pages are then drawn from its display lists. User text
 * goes to Pango only through pango_layout_set_text() after pm_export_clean_text(), never as
 * markup, with a break opportunity in every long unbroken run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pm-analysis.h"
#include "pm-parking-topic.h"
#include "pm-review.h"
#include "pm-status-change.h"
#include "pm-atomic-file.h"
#include "pm-kind-colors.h"
#include "pm-export-i18n-private.h"
#include "pm-pdf-flow.h"
#include "pm-pdf-writer.h"
#include "pm-pdf-writer-private.h"
#include "pm-timeline-lanes.h"

/* Page geometry, in points */
#define MARGIN_X       54.0
#define MARGIN_TOP     66.0
#define MARGIN_BOTTOM  60.0
#define HEADER_Y       36.0
#define FOOTER_Y       32.0   /* from the bottom edge to the footer's baseline box */

/* A paragraph longer than this is laid out in pieces (Pango stops wrapping near 300 KB). */
#define CHUNK_BYTES    (16 * 1024)
/* How much of an event's text a card shows at most. */
#define CARD_TEXT_CHARS 280
#define CARD_MAX_LINES  3
/* More lanes than this share the last column of the figure. */
#define MAX_LANES       8

#define FAMILY "Cantarell, DejaVu Sans"

/* Colours, from the GNOME palette */
#define C_TEXT       PM_RGB (0x241f31)
#define C_SECONDARY  PM_RGB (0x5e5c64)
#define C_FAINT      PM_RGB (0x9a9996)
#define C_RULE       PM_RGB (0xdeddda)
#define C_TINT       PM_RGB (0xf6f5f4)
#define C_ACCENT     PM_RGB (0x1c71d8)
#define C_LINK       PM_RGB (0x1a5fb4)
#define C_WHITE      PM_RGB (0xffffff)

struct _PmPdfWriter
{
  GObject     parent_instance;

  PmPdfFlow  *flow;
  double      page_width;
  double      page_height;

  /* What every page shows, in the export's language */
  char       *header_title;
  char       *classification;
  PmRgb       classification_color;
  char       *footer_left;
  GPtrArray  *page_labels;   /* "Page 2 of 9", one per page */

  /* Document information */
  char       *title;
  char       *subject;
  char       *author;
  char       *keywords;
  GDateTime  *now;

  PangoFontDescription *furniture_font;
  PangoFontDescription *furniture_bold;
};

G_DEFINE_FINAL_TYPE (PmPdfWriter, pm_pdf_writer, G_TYPE_OBJECT)

typedef struct
{
  PangoFontDescription *title;
  PangoFontDescription *overline;
  PangoFontDescription *h2;
  PangoFontDescription *h3;
  PangoFontDescription *body;
  PangoFontDescription *body_bold;
  PangoFontDescription *small;
  PangoFontDescription *small_bold;
  PangoFontDescription *table;
  PangoFontDescription *table_bold;
  PangoFontDescription *card;
  PangoFontDescription *card_bold;
  PangoFontDescription *tiny_bold;
  PangoFontDescription *figure;
} Fonts;

/* How much the summary may say; reduced until it fits one page. */
typedef struct
{
  int teaser_lines;
  int affected_lines;
  int risk_lines;
  int root_causes;
  int benefit_lines;
  int cell_lines;     /* a measure's title, owner and cost */
  int title_lines;
} Budget;

typedef struct
{
  PmDocument *document;
  PmPdfFlow  *flow;
  GTimeZone  *zone;
  GDateTime  *now;
  double      width;
  Fonts       fonts;
} Builder;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static PangoFontDescription *
font (const char *description)
{
  g_autofree char *full = g_strdup_printf (FAMILY " %s", description);

  return pango_font_description_from_string (full);
}

static void
fonts_init (Fonts *fonts)
{
  fonts->title = font ("Bold 21");
  fonts->overline = font ("Bold 7.5");
  fonts->h2 = font ("Bold 13.5");
  fonts->h3 = font ("Bold 10.5");
  fonts->body = font ("9.5");
  fonts->body_bold = font ("Bold 9.5");
  fonts->small = font ("7.5");
  fonts->small_bold = font ("Bold 7.5");
  fonts->table = font ("8.5");
  fonts->table_bold = font ("Bold 8.5");
  fonts->card = font ("6.6");
  fonts->card_bold = font ("Bold 6.6");
  fonts->tiny_bold = font ("Bold 6");
  fonts->figure = font ("Bold 15");
}

static void
fonts_clear (Fonts *fonts)
{
  PangoFontDescription **all = (PangoFontDescription **)fonts;

  for (guint i = 0; i < sizeof (Fonts) / sizeof (PangoFontDescription *); i++)
    g_clear_pointer (&all[i], pango_font_description_free);
}

static gboolean
has_text (const char *raw)
{
  g_autofree char *clean = pm_export_clean_text (raw, PM_CLEAN_SINGLE_LINE);

  return *clean != '\0';
}

static char *
clean_line (const char *raw)
{
  return pm_export_clean_text (raw, PM_CLEAN_SINGLE_LINE | PM_CLEAN_FOR_LAYOUT);
}

static char *
clean_block (const char *raw)
{
  return pm_export_clean_text (raw, PM_CLEAN_FOR_LAYOUT);
}

static char *
truncate_chars (const char *text,
                glong       max_chars)
{
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, max_chars);

    return g_strconcat (head, "…", NULL);
  }
}

/* @text in pieces of at most CHUNK_BYTES, cut at a space or break opportunity. */
static GPtrArray *
split_chunks (const char *text)
{
  GPtrArray *chunks = g_ptr_array_new_with_free_func (g_free);
  const char *p = text;
  gsize len = strlen (text);

  while (len > CHUNK_BYTES)
    {
      const char *cut = p + CHUNK_BYTES;
      const char *q;

      cut = g_utf8_find_prev_char (p, cut + 1);
      for (q = cut; q > p + CHUNK_BYTES / 2; q = g_utf8_find_prev_char (p, q))
        {
          gunichar c = g_utf8_get_char (q);

          if (c == ' ' || c == 0x200B)
            {
              cut = q;
              break;
            }
        }
      g_ptr_array_add (chunks, g_strndup (p, cut - p));
      len -= cut - p;
      p = cut;
      while (*p == ' ')
        {
          p++;
          len--;
        }
    }
  if (len > 0)
    g_ptr_array_add (chunks, g_strndup (p, len));
  return chunks;
}

static PmRgb
tint (PmRgb  color,
      double amount)
{
  return (PmRgb) { 1 - (1 - color.r) * amount, 1 - (1 - color.g) * amount, 1 - (1 - color.b) * amount };
}

/* The kind's colour from the one table the canvas uses too (pm-kind-colors.h). */
PmRgb
_pm_pdf_kind_color (const char *kind)
{
  PmRgb color;

  pm_kind_color_get (kind, PM_KIND_PALETTE_REGULAR, &color.r, &color.g, &color.b);
  return color;
}

/* A kind's name written in its colour: the darker shade, readable on paper. */
static PmRgb
kind_text_color (const char *kind)
{
  PmRgb color;

  pm_kind_color_get (kind, PM_KIND_PALETTE_HIGH_CONTRAST, &color.r, &color.g, &color.b);
  return color;
}

static PmRgb
severity_color (const char *severity)
{
  if (g_strcmp0 (severity, "critical") == 0)
    return PM_RGB (0xa51d2d);
  if (g_strcmp0 (severity, "high") == 0)
    return PM_RGB (0xe01b24);
  if (g_strcmp0 (severity, "medium") == 0)
    return PM_RGB (0xe66100);
  if (g_strcmp0 (severity, "low") == 0)
    return PM_RGB (0x3584e4);
  return C_SECONDARY;
}

static PmRgb
classification_color (const char *classification)
{
  if (g_strcmp0 (classification, "public") == 0)
    return PM_RGB (0x26a269);
  if (g_strcmp0 (classification, "internal") == 0)
    return PM_RGB (0x1c71d8);
  if (g_strcmp0 (classification, "confidential") == 0)
    return PM_RGB (0xc64600);
  if (g_strcmp0 (classification, "restricted") == 0)
    return PM_RGB (0xc01c28);
  return C_SECONDARY;
}

static PmRgb
status_color (const char *status)
{
  static const struct { const char *status; guint32 color; } colors[] = {
    { "proposed", 0xc0bfbc }, { "agreed", 0x99c1f1 }, { "in-progress", 0x3584e4 },
    { "done", 0x57e389 }, { "verified", 0x26a269 }, { "dropped", 0x77767b },
  };

  for (guint i = 0; i < G_N_ELEMENTS (colors); i++)
    if (g_strcmp0 (status, colors[i].status) == 0)
      return PM_RGB (colors[i].color);
  return C_FAINT;
}

static void
verdict_colors (const char *verdict,
                PmRgb      *fill,
                PmRgb      *text)
{
  if (g_strcmp0 (verdict, "contributed") == 0)
    {
      *fill = PM_RGB (0xfadbdc);
      *text = PM_RGB (0xa51d2d);
    }
  else if (g_strcmp0 (verdict, "held-up") == 0)
    {
      *fill = PM_RGB (0xd9f2e3);
      *text = PM_RGB (0x1b6e46);
    }
  else
    {
      *fill = C_TINT;
      *text = C_SECONDARY;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Building blocks                                                                            */
/* ------------------------------------------------------------------------------------------ */

/* One row of one cell across the content width holding @layout. */
static PmPdfRow *
single_row (Builder     *b,
            PangoLayout *layout,
            const PmRgb *color,
            double       indent,
            double       space_before)
{
  PmPdfRow *row = pm_pdf_row_new ();
  PmPdfCell *cell = pm_pdf_row_add_cell (row, indent, b->width - indent, 0);

  pm_pdf_cell_add (cell, layout, color, NULL, 0, 0);
  pm_pdf_row_set_space_before (row, space_before);
  return row;
}

static void
add_heading (Builder    *b,
             int         level,
             const char *text,
             gboolean    in_outline)
{
  PangoFontDescription *f = level <= 2 ? b->fonts.h2 : b->fonts.h3;
  g_autoptr(PangoLayout) layout = pm_pdf_flow_create_layout (b->flow, text, f, b->width, 0);
  PmRgb color = C_TEXT;
  PmPdfRow *row = single_row (b, layout, &color, 0, level <= 2 ? 20 : 12);

  if (level <= 2)
    {
      PmRgb rule = C_RULE;

      pm_pdf_row_set_padding (row, 0, 4);
      pm_pdf_row_set_rule (row, 0, b->width, &rule, 0.7);
    }
  else
    pm_pdf_row_set_padding (row, 0, 2);
  pm_pdf_flow_add_heading (b->flow, row, level <= 2 ? 0 : 1, in_outline ? text : NULL);
}

/* Cleaned multi-line @raw as paragraphs in @f. @label, when given, opens the first one. */
static void
add_paragraphs (Builder                    *b,
                const char                 *label,
                const char                 *raw,
                const PangoFontDescription *f,
                const PmRgb                *color,
                double                      indent,
                double                      space_before)
{
  g_autofree char *clean = clean_block (raw);
  g_auto(GStrv) paragraphs = g_strsplit (clean, "\n\n", -1);

  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      g_autoptr(GPtrArray) chunks = split_chunks (paragraphs[i]);

      for (guint c = 0; c < chunks->len; c++)
        {
          g_autoptr(PmPdfText) text = pm_pdf_text_new ();
          g_autoptr(PangoLayout) layout = NULL;

          if (label != NULL && i == 0 && c == 0)
            {
              PmRgb label_color = C_TEXT;

              pm_pdf_text_append (text, label, b->fonts.body_bold, &label_color);
              pm_pdf_text_append (text, " ", NULL, NULL);
            }
          pm_pdf_text_append (text, chunks->pdata[c], NULL, NULL);
          layout = pm_pdf_flow_create_rich_layout (b->flow, text, f, b->width - indent, 0);
          pm_pdf_flow_add_row (b->flow, single_row (b, layout, color, indent,
                                                    i == 0 && c == 0 ? space_before : (c == 0 ? 5 : 0)));
        }
    }
}

static void
add_note (Builder    *b,
          const char *fixed,
          double      space_before)
{
  g_autoptr(PangoLayout) layout = pm_pdf_flow_create_layout (b->flow, fixed, b->fonts.body, b->width, 0);
  PmRgb color = C_SECONDARY;

  pm_pdf_flow_add_row (b->flow, single_row (b, layout, &color, 0, space_before));
}

/* A table header row: labels in small bold on a tint, a rule under. */
static PmPdfRow *
header_row (Builder             *b,
            const double        *x,
            const double        *widths,
            const char * const  *labels,
            guint                n)
{
  PmPdfRow *row = pm_pdf_row_new ();
  PmRgb tint_color = C_TINT, rule = C_RULE, color = C_SECONDARY;

  for (guint i = 0; i < n; i++)
    {
      PmPdfCell *cell = pm_pdf_row_add_cell (row, x[i], widths[i], 4);
      g_autoptr(PangoLayout) layout = pm_pdf_flow_create_layout (b->flow, labels[i], b->fonts.small_bold,
                                                                 widths[i] - 8, 0);

      pm_pdf_cell_add (cell, layout, &color, NULL, 0, 0);
    }
  pm_pdf_row_set_padding (row, 4, 4);
  pm_pdf_row_set_fill (row, 0, b->width, &tint_color);
  pm_pdf_row_set_rule (row, 0, b->width, &rule, 0.6);
  pm_pdf_row_set_space_before (row, 6);
  return row;
}

static PmPdfRow *
body_row (void)
{
  PmPdfRow *row = pm_pdf_row_new ();

  pm_pdf_row_set_padding (row, 4, 4);
  return row;
}

static void
finish_body_row (Builder  *b,
                 PmPdfRow *row)
{
  PmRgb rule = C_RULE;

  pm_pdf_row_set_rule (row, 0, b->width, &rule, 0.4);
  pm_pdf_flow_add_row (b->flow, row);
}

static PangoLayout *
cell_layout (Builder                    *b,
             const char                 *text,
             const PangoFontDescription *f,
             double                      width,
             int                         max_lines)
{
  return pm_pdf_flow_create_layout (b->flow, text, f, width, max_lines);
}

/* A layout of a short text that repeats (lanes, kinds, dates): laid out once. */
static PangoLayout *
shared_layout (Builder                    *b,
               const char                 *text,
               const PangoFontDescription *f,
               double                      width,
               int                         max_lines)
{
  return pm_pdf_flow_get_shared_layout (b->flow, text, f, width, max_lines);
}

/* A link (or, without a safe URL, the text) in a cell. */
static void
cell_add_link (Builder                    *b,
               PmPdfCell                  *cell,
               const char                 *label,
               const char                 *url,
               const PangoFontDescription *f,
               double                      width,
               double                      space_before)
{
  g_autofree char *safe = pm_export_safe_url (url);
  g_autofree char *text = clean_line (has_text (label) ? label : url);
  g_autoptr(PangoLayout) layout = NULL;
  PmRgb color = safe ? C_LINK : C_TEXT;

  if (safe != NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_underline_new (PANGO_UNDERLINE_SINGLE));
      layout = pm_pdf_flow_create_layout (b->flow, text, f, width, 0);
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  else
    layout = pm_pdf_flow_create_layout (b->flow, text, f, width, 0);
  pm_pdf_cell_add (cell, layout, &color, safe, 0, space_before);
}

/* ------------------------------------------------------------------------------------------ */
/* The full protocol: title block                                                             */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  const char *label;
  char       *value;
  char       *url;
  PmRgb       color;
  gboolean    has_color;
} Fact;

static void
fact_clear (gpointer data)
{
  Fact *fact = data;

  g_free (fact->value);
  g_free (fact->url);
}

static void
add_fact (GArray      *facts,
          const char  *label,
          const char  *value,
          const char  *url,
          const PmRgb *color)
{
  Fact fact = { label, g_strdup (value), g_strdup (url) };

  if (!has_text (value) && !has_text (url))
    {
      fact_clear (&fact);
      return;
    }
  if (color != NULL)
    {
      fact.color = *color;
      fact.has_color = TRUE;
    }
  g_array_append_val (facts, fact);
}

static void
add_overline (Builder    *b,
              const char *text,
              const char *key,
              const char *url)
{
  PmPdfRow *row = pm_pdf_row_new ();
  PmPdfCell *cell = pm_pdf_row_add_cell (row, 0, b->width, 0);
  g_autofree char *upper = g_utf8_strup (text, -1);
  g_autoptr(PangoLayout) layout = cell_layout (b, upper, b->fonts.overline, b->width, 1);
  PmRgb accent = C_ACCENT;
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (PANGO_SCALE * 3 / 4));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pm_pdf_cell_add (cell, layout, &accent, NULL, 0, 0);
  if (has_text (key) || has_text (url))
    {
      PmPdfCell *ref = pm_pdf_row_add_cell (row, pm_pdf_layout_width (layout) + 12, b->width / 2, 0);

      cell_add_link (b, ref, key, url, b->fonts.small_bold, b->width / 2, 0);
    }
  pm_pdf_flow_add_row (b->flow, row);
}

static void
add_title (Builder    *b,
           int         max_lines)
{
  const char *raw = pm_document_get_title (b->document);
  g_autofree char *title = has_text (raw) ? clean_line (raw) : g_strdup (_("Untitled postmortem"));
  g_autoptr(PangoLayout) layout = cell_layout (b, title, b->fonts.title, b->width, max_lines);
  PmRgb color = C_TEXT;

  pm_pdf_flow_add_row (b->flow, single_row (b, layout, &color, 0, 4));
}

static char *
incident_span (Builder *b)
{
  const PmTime *start = pm_document_get_start (b->document);
  const PmTime *end = pm_document_get_end (b->document);
  g_autofree char *from = NULL, *to = NULL;

  if (start == NULL && end == NULL)
    return NULL;
  from = start ? pm_export_format_time_line (start, b->zone) : g_strdup ("…");
  to = end ? pm_export_format_time_line (end, b->zone) : g_strdup ("…");
  return g_strdup_printf ("%s – %s", from, to);
}

static char *
moderator_names (PmDocument *document,
                 guint      *n)
{
  GListModel *participants = pm_document_get_participants (document);
  GString *names = g_string_new (NULL);

  *n = 0;
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);

      if (!pm_participant_get_moderator (participant))
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, pm_participant_get_name (participant));
      (*n)++;
    }
  return g_string_free (names, FALSE);
}

static void
add_facts_grid (Builder *b,
                GArray  *facts)
{
  double label_w = 74, gap = 18;
  double col_w = (b->width - gap) / 2;

  for (guint i = 0; i < facts->len; i += 2)
    {
      PmPdfRow *row = pm_pdf_row_new ();

      for (guint k = 0; k < 2 && i + k < facts->len; k++)
        {
          Fact *fact = &g_array_index (facts, Fact, i + k);
          double x = k * (col_w + gap);
          PmPdfCell *label_cell = pm_pdf_row_add_cell (row, x, label_w, 0);
          PmPdfCell *value_cell = pm_pdf_row_add_cell (row, x + label_w, col_w - label_w, 0);
          g_autoptr(PangoLayout) label = cell_layout (b, fact->label, b->fonts.small_bold, label_w - 6, 0);
          PmRgb secondary = C_SECONDARY, text_color = C_TEXT;

          pm_pdf_cell_add (label_cell, label, &secondary, NULL, 0, 1.2);
          if (fact->url != NULL)
            cell_add_link (b, value_cell, fact->value, fact->url, b->fonts.table, col_w - label_w, 0);
          else
            {
              g_autofree char *value = clean_block (fact->value);
              g_autoptr(PmPdfText) text = pm_pdf_text_new ();
              g_autoptr(PangoLayout) layout = NULL;

              if (fact->has_color)
                pm_pdf_text_append (text, "●\u00a0", NULL, &fact->color);
              pm_pdf_text_append (text, value, NULL, NULL);
              layout = pm_pdf_flow_create_rich_layout (b->flow, text, b->fonts.table, col_w - label_w, 0);
              pm_pdf_cell_add (value_cell, layout, &text_color, NULL, 0, 0);
            }
        }
      pm_pdf_row_set_padding (row, 2.5, 2.5);
      pm_pdf_flow_add_row (b->flow, row);
    }
}

static void
add_title_block (Builder *b)
{
  PmDocument *doc = b->document;
  g_autoptr(GArray) facts = g_array_new (FALSE, TRUE, sizeof (Fact));
  g_autofree char *span = incident_span (b);
  g_autofree char *detected = NULL;
  g_autofree char *duration = NULL;
  g_autofree char *moderators = NULL;
  g_autoptr(GString) tags = g_string_new (NULL);
  const char * const *tag_list = pm_document_get_tags (doc);
  const char *severity = pm_document_get_field (doc, PM_FIELD_SEVERITY);
  const char *classification = pm_document_get_field (doc, PM_FIELD_CLASSIFICATION);
  PmRgb severity_rgb = severity_color (severity);
  PmRgb classification_rgb = classification_color (classification);
  guint n_moderators;

  g_array_set_clear_func (facts, fact_clear);

  add_overline (b, _("Postmortem protocol"), NULL, NULL);
  add_title (b, 0);
  pm_pdf_flow_add_space (b->flow, 10);

  if (pm_document_get_detected (doc) != NULL)
    detected = pm_export_format_time_line (pm_document_get_detected (doc), b->zone);
  if (pm_document_get_effective_duration_minutes (doc) >= 0)
    duration = pm_export_format_duration (pm_document_get_effective_duration_minutes (doc));
  moderators = moderator_names (doc, &n_moderators);
  for (guint i = 0; tag_list[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (tags, ", ");
      g_string_append (tags, tag_list[i]);
    }

  {
    const char *key = pm_document_get_field (doc, PM_FIELD_REFERENCE_KEY);
    const char *url = pm_document_get_field (doc, PM_FIELD_REFERENCE_URL);

    if (has_text (key) || has_text (url))
      add_fact (facts, _("Reference"), has_text (key) ? key : url, url, NULL);
  }
  add_fact (facts, _("Severity"), pm_export_label (PM_VOCABULARY_SEVERITY, severity), NULL, &severity_rgb);
  add_fact (facts, _("Incident"), span, NULL, NULL);
  add_fact (facts, _("Classification"), pm_export_label (PM_VOCABULARY_CLASSIFICATION, classification),
            NULL, &classification_rgb);
  add_fact (facts, _("Duration"), duration, NULL, NULL);
  add_fact (facts, _("Status"), pm_export_label (PM_VOCABULARY_DOCUMENT_STATUS,
                                                 pm_document_get_field (doc, PM_FIELD_STATUS)), NULL, NULL);
  add_fact (facts, _("Detected"), detected, NULL, NULL);
  add_fact (facts, dngettext (GETTEXT_PACKAGE, "Moderator", "Moderators", MAX (n_moderators, 1)),
            moderators, NULL, NULL);
  add_fact (facts, _("Time zone"), g_time_zone_get_identifier (b->zone), NULL, NULL);
  add_fact (facts, _("Tags"), tags->str, NULL, NULL);
  add_facts_grid (b, facts);
}

static void
add_participants (Builder *b)
{
  GListModel *participants = pm_document_get_participants (b->document);
  guint n = g_list_model_get_n_items (participants);
  const guint columns = 3;
  double col_w = b->width / columns;

  if (n == 0)
    return;

  add_heading (b, 2, _("Participants"), TRUE);
  for (guint i = 0; i < n; i += columns)
    {
      PmPdfRow *row = pm_pdf_row_new ();

      for (guint k = 0; k < columns && i + k < n; k++)
        {
          g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i + k);
          PmPdfCell *cell = pm_pdf_row_add_cell (row, k * col_w, col_w, 0);
          g_autofree char *name = clean_line (pm_participant_get_name (participant));
          g_autofree char *role = clean_line (pm_participant_get_role (participant));
          g_autoptr(PmPdfText) text = pm_pdf_text_new ();
          g_autoptr(PangoLayout) layout = NULL;
          PmRgb secondary = C_SECONDARY, faint = C_FAINT, color = C_TEXT;

          pm_pdf_text_append (text, name, b->fonts.table_bold, NULL);
          if (pm_participant_get_moderator (participant))
            {
              pm_pdf_text_append (text, " · ", b->fonts.small, &faint);
              pm_pdf_text_append (text, _("moderator"), b->fonts.small, &secondary);
            }
          if (*role != '\0')
            {
              pm_pdf_text_append (text, "\n", NULL, NULL);
              pm_pdf_text_append (text, role, b->fonts.small, &secondary);
            }
          if (!pm_participant_get_attended (participant))
            {
              pm_pdf_text_append (text, "\n", NULL, NULL);
              pm_pdf_text_append (text, _("invited, did not attend"), b->fonts.small, &faint);
            }
          layout = pm_pdf_flow_create_rich_layout (b->flow, text, b->fonts.table, col_w - 10, 0);
          pm_pdf_cell_add (cell, layout, &color, NULL, 0, 0);
        }
      pm_pdf_row_set_padding (row, 3, 3);
      pm_pdf_flow_add_row (b->flow, row);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The full protocol: what happened, impact                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
add_teaser_box (Builder    *b,
                const char *raw,
                int         max_lines)
{
  g_autofree char *teaser = clean_block (raw);
  g_autoptr(GPtrArray) chunks = split_chunks (teaser);
  PmPdfRow *row = pm_pdf_row_new ();
  PmPdfCell *cell = pm_pdf_row_add_cell (row, 0, b->width, 12);
  PmRgb fill = tint (C_ACCENT, 0.07), bar = C_ACCENT, color = C_TEXT, label_color = C_ACCENT;
  g_autofree char *label = g_utf8_strup (_("In brief"), -1);
  g_autoptr(PangoLayout) label_layout = cell_layout (b, label, b->fonts.tiny_bold, b->width - 24, 1);

  pm_pdf_cell_add (cell, label_layout, &label_color, NULL, 0, 0);
  for (guint i = 0; i < chunks->len; i++)
    {
      g_autoptr(PangoLayout) layout = cell_layout (b, chunks->pdata[i], b->fonts.body, b->width - 24,
                                                   max_lines);

      pm_pdf_cell_add (cell, layout, &color, NULL, 0, i == 0 ? 3 : 0);
    }
  pm_pdf_cell_set_fill (cell, &fill);
  pm_pdf_cell_set_bar (cell, &bar, 2.5);
  pm_pdf_row_set_padding (row, 8, 9);
  pm_pdf_row_set_space_before (row, 6);
  pm_pdf_flow_add_row (b->flow, row);
}

static void
add_what_happened (Builder *b)
{
  PmDocument *doc = b->document;
  const char *teaser = pm_document_get_field (doc, PM_FIELD_TEASER);
  const char *summary = pm_document_get_field (doc, PM_FIELD_SUMMARY);
  PmRgb color = C_TEXT;

  add_heading (b, 2, _("What happened"), TRUE);
  if (has_text (teaser))
    add_teaser_box (b, teaser, 0);
  if (has_text (summary))
    add_paragraphs (b, NULL, summary, b->fonts.body, &color, 0, 8);
  else if (!has_text (teaser))
    add_note (b, _("Not written yet."), 6);
}

/* The duration, cost and effort as big figures side by side. */
static void
add_figures (Builder *b)
{
  PmDocument *doc = b->document;
  gint64 duration = pm_document_get_effective_duration_minutes (doc);
  gint64 cost = pm_document_get_cost_amount (doc);
  gint64 effort = pm_document_get_effort_hours (doc);
  const char *labels[3];
  char *values[3];
  guint n = 0;
  PmPdfRow *row;
  double gap = 8, tile_w;

  if (duration >= 0)
    {
      labels[n] = _("Duration");
      values[n++] = pm_export_format_duration (duration);
    }
  if (cost >= 0)
    {
      labels[n] = _("Cost");
      values[n++] = pm_export_format_money (cost, pm_document_get_field (doc, PM_FIELD_COST_CURRENCY));
    }
  if (effort >= 0)
    {
      g_autofree char *number = pm_export_format_number (effort);

      labels[n] = _("Effort");
      values[n++] = g_strdup_printf (_("%s person-hours"), number);
    }
  if (n == 0)
    return;

  row = pm_pdf_row_new ();
  tile_w = (b->width - gap * 2) / 3;
  for (guint i = 0; i < n; i++)
    {
      PmPdfCell *cell = pm_pdf_row_add_cell (row, i * (tile_w + gap), tile_w, 10);
      g_autofree char *label = g_utf8_strup (labels[i], -1);
      g_autofree char *value = clean_line (values[i]);
      g_autoptr(PangoLayout) label_layout = cell_layout (b, label, b->fonts.tiny_bold, tile_w - 20, 1);
      g_autoptr(PangoLayout) value_layout = cell_layout (b, value, b->fonts.figure, tile_w - 20, 2);
      PmRgb secondary = C_SECONDARY, color = C_TEXT, fill = C_TINT;

      pm_pdf_cell_add (cell, label_layout, &secondary, NULL, 0, 0);
      pm_pdf_cell_add (cell, value_layout, &color, NULL, 0, 2);
      pm_pdf_cell_set_fill (cell, &fill);
      g_free (values[i]);
    }
  pm_pdf_row_set_padding (row, 7, 8);
  pm_pdf_row_set_space_before (row, 8);
  pm_pdf_flow_add_row (b->flow, row);
}

static void
add_impact (Builder *b)
{
  PmDocument *doc = b->document;
  PmRgb color = C_TEXT;

  add_heading (b, 2, _("Impact"), TRUE);
  add_figures (b);
  if (has_text (pm_document_get_field (doc, PM_FIELD_AFFECTED)))
    add_paragraphs (b, _("Affected:"), pm_document_get_field (doc, PM_FIELD_AFFECTED),
                    b->fonts.body, &color, 0, 9);
  if (has_text (pm_document_get_field (doc, PM_FIELD_DATA_AFFECTED)))
    add_paragraphs (b, _("Data affected:"), pm_document_get_field (doc, PM_FIELD_DATA_AFFECTED),
                    b->fonts.body, &color, 0, 7);
  if (has_text (pm_document_get_field (doc, PM_FIELD_RISK)))
    add_paragraphs (b, _("Risk:"), pm_document_get_field (doc, PM_FIELD_RISK),
                    b->fonts.body, &color, 0, 7);
}

/* ------------------------------------------------------------------------------------------ */
/* The timeline figure                                                                        */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  PmEvent     *event;       /* a reference */
  guint        lane;
  GPtrArray   *layouts;     /* time, kind, lane (when shared), text: drawn one under another */
  GArray      *colors;      /* of PmRgb, one per layout */
  double       height;
  double       y;           /* on its page */
  guint        page;        /* figure page, from 0 */
  gboolean     known;
  char        *day_label;   /* set when a new day starts at this card */
  double       day_y;
} Card;

typedef struct
{
  double top;      /* where the cards of this figure page start */
  double bottom;   /* the lowest card bottom */
  GPtrArray *days; /* day separators: Card* that start a day on this page */
} FigurePage;

static char *
card_time (const PmTime *time,
           GTimeZone    *zone)
{
  g_autoptr(GDateTime) dt = NULL;

  if (time == NULL)
    return g_strdup (C_("time precision", "time unknown"));
  if (pm_time_get_precision (time) == PM_TIME_PRECISION_DAY)
    return g_strdup (C_("card", "whole day"));
  dt = pm_time_to_date_time (time, zone);
  if (dt == NULL)
    dt = pm_time_to_date_time (time, NULL);
  switch (pm_time_get_precision (time))
    {
    case PM_TIME_PRECISION_EXACT:
      return g_date_time_format (dt, "%H:%M:%S");
    case PM_TIME_PRECISION_MINUTE:
      return g_date_time_format (dt, "%H:%M");
    case PM_TIME_PRECISION_HOUR:
    default:
      return g_date_time_format (dt, "~%H:%M");
    }
}

/* The date a card belongs to in the figure: its day in the document zone (a whole day as
 * entered). NULL for an unknown time. */
static GDateTime *
card_date (const PmTime *time,
           GTimeZone    *zone)
{
  if (time == NULL)
    return NULL;
  if (pm_time_get_precision (time) == PM_TIME_PRECISION_DAY)
    return pm_time_to_date_time (time, NULL);
  {
    GDateTime *dt = pm_time_to_date_time (time, zone);

    return dt ? dt : pm_time_to_date_time (time, NULL);
  }
}

static void
add_legend (Builder *b)
{
  const char * const *kinds = pm_vocabulary_get_values (PM_VOCABULARY_EVENT_KIND);
  double x = pm_pdf_flow_get_left (b->flow), y, row_h = 11;
  double right = x + b->width;
  PmRgb text_color = C_SECONDARY;

  y = pm_pdf_flow_reserve (b->flow, 2 * row_h + 140);

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      PmRgb color = _pm_pdf_kind_color (kinds[i]);
      g_autoptr(PangoLayout) layout = cell_layout (b, pm_export_label (PM_VOCABULARY_EVENT_KIND, kinds[i]),
                                                   b->fonts.small, 0, 0);
      double w = pm_pdf_layout_width (layout);

      if (x + 12 + w > right)
        {
          x = pm_pdf_flow_get_left (b->flow);
          y += row_h;
        }
      pm_pdf_flow_draw_rect (b->flow, x, y + 2, 8, 7, 1.5, &color, NULL, 0, FALSE);
      pm_pdf_flow_draw_layout (b->flow, layout, x + 11, y, &text_color, NULL);
      x += 11 + w + 12;
    }

  /* The markers: shape and words, never colour alone. */
  {
    const struct { const char *text; int shape; } markers[] = {
      { _("contributed to the incident"), 0 },
      { _("slowed the response"), 1 },
      { _("time unknown"), 2 },
    };
    PmRgb red = PM_RGB (0xc01c28), orange = PM_RGB (0xe66100), faint = C_FAINT;

    x = pm_pdf_flow_get_left (b->flow);
    y += row_h;
    for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
      {
        g_autoptr(PangoLayout) layout = cell_layout (b, markers[i].text, b->fonts.small, 0, 0);
        double w = pm_pdf_layout_width (layout);

        if (markers[i].shape == 0)
          pm_pdf_flow_draw_circle (b->flow, x + 4, y + 5.5, 3, &red);
        else if (markers[i].shape == 1)
          pm_pdf_flow_draw_rect (b->flow, x + 1, y + 2.5, 6, 6, 0, &orange, NULL, 0, FALSE);
        else
          pm_pdf_flow_draw_rect (b->flow, x, y + 1.5, 9, 8, 1.5, NULL, &faint, 0.7, TRUE);
        pm_pdf_flow_draw_layout (b->flow, layout, x + 12, y, &text_color, NULL);
        x += 12 + w + 14;
      }
  }
  pm_pdf_flow_set_y (b->flow, y + row_h + 6);
}

static void
draw_lane_header (Builder    *b,
                  GPtrArray  *lane_names,
                  double      lanes_x,
                  double      lane_w,
                  double      y,
                  double      height)
{
  PmRgb fill = C_TINT, color = C_TEXT;

  for (guint l = 0; l < lane_names->len; l++)
    {
      g_autoptr(PangoLayout) layout = cell_layout (b, lane_names->pdata[l], b->fonts.card_bold, lane_w - 10, 2);

      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pm_pdf_flow_draw_rect (b->flow, lanes_x + l * lane_w + 1.5, y, lane_w - 3, height, 3,
                             &fill, NULL, 0, FALSE);
      pm_pdf_flow_draw_layout (b->flow, layout, lanes_x + l * lane_w + 5,
                               y + (height - pm_pdf_layout_height (layout)) / 2, &color, NULL);
    }
}

/* The figure's lanes, as the canvas shows lanes by lane (pm-timeline-lanes.h): the
 * document's "lane-order" first, then first appearance; the ones beyond MAX_LANES share the
 * last column. Fills @lane_index (lane key → column, keys borrowed from the events, which the
 * document keeps) and returns the names of the columns. */
static GPtrArray *
figure_lanes (PmDocument *document,
              GHashTable *lane_index)
{
  g_autoptr(GPtrArray) keys = pm_timeline_lanes_compute (document, PM_LANE_MODE_LANE, NULL);
  GListModel *events = pm_document_get_events (document);
  guint n = g_list_model_get_n_items (events);
  GPtrArray *lane_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) column_of = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint l = 0; l < keys->len; l++)
    {
      const char *key = g_ptr_array_index (keys, l);

      g_hash_table_insert (column_of, (gpointer) key, GUINT_TO_POINTER (MIN (l, MAX_LANES - 1)));
      if (l < MAX_LANES)
        g_ptr_array_add (lane_names, *key ? clean_line (key) : g_strdup (_("No lane")));
    }
  if (keys->len > MAX_LANES)
    {
      g_free (lane_names->pdata[MAX_LANES - 1]);
      lane_names->pdata[MAX_LANES - 1] = g_strdup (_("Other lanes"));
    }

  for (guint i = 0; lane_index != NULL && i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      const char *lane = pm_export_event_lane (event);

      if (!g_hash_table_contains (lane_index, lane))
        g_hash_table_insert (lane_index, (gpointer) lane,
                             g_hash_table_lookup (column_of, lane));
    }
  return lane_names;
}

GPtrArray *
_pm_pdf_figure_lane_names (PmDocument *document)
{
  return figure_lanes (document, NULL);
}

static void
add_timeline_figure (Builder *b)
{
  GListModel *events = pm_document_get_events (b->document);
  guint n = g_list_model_get_n_items (events);
  g_autoptr(GHashTable) lane_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) lane_names = NULL;
  g_autoptr(GArray) cards = g_array_sized_new (FALSE, TRUE, sizeof (Card), n);
  g_autoptr(GArray) pages = g_array_new (FALSE, TRUE, sizeof (FigurePage));
  g_autofree double *lane_bottom = NULL;
  const double gutter = 48, header_h = 22, step = 6, gap = 3, day_h = 13, pad = 3;
  double lanes_x, lane_w, first_top, region_top, prev_top, y;
  gboolean overflow;
  guint n_lanes;
  glong card_chars;
  g_autofree char *last_day = NULL;

  if (n == 0)
    return;

  lane_names = figure_lanes (b->document, lane_index);
  overflow = g_hash_table_size (lane_index) > MAX_LANES;
  n_lanes = lane_names->len;
  lanes_x = pm_pdf_flow_get_left (b->flow) + gutter;
  lane_w = (b->width - gutter) / n_lanes;
  lane_bottom = g_new0 (double, n_lanes);

  add_legend (b);

  /* About as many characters as CARD_MAX_LINES lines of a card hold, with room to spare. */
  card_chars = (glong)(CARD_MAX_LINES * (lane_w - 12) / (6.6 * 0.4) * 1.5);

  /* Cards: built and measured. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      Card card = { 0 };
      g_autofree char *time = card_time (pm_event_get_time (event), b->zone);
      g_autofree char *clean = clean_line (pm_event_get_text (event));
      /* A card shows a few lines: laying out more only to cut it off costs time. */
      g_autofree char *text = truncate_chars (clean, MIN (CARD_TEXT_CHARS, card_chars));
      const char *kind = pm_event_get_kind (event);
      g_autoptr(GDateTime) date = card_date (pm_event_get_time (event), b->zone);
      double inner = lane_w - 3 - 2 * pad - 3;

      card.event = g_object_ref (event);
      card.lane = GPOINTER_TO_UINT (g_hash_table_lookup (lane_index, pm_export_event_lane (event)));
      card.known = pm_event_get_time (event) != NULL;
      card.layouts = g_ptr_array_new_with_free_func (g_object_unref);
      card.colors = g_array_new (FALSE, FALSE, sizeof (PmRgb));

      {
        /* Room for the markers in the corner. */
        double markers = (pm_event_get_contributed (event) ? 7 : 0) + (pm_event_get_slowed_response (event) ? 7 : 0);

        PmRgb time_rgb = card.known ? C_TEXT : C_SECONDARY;

        g_ptr_array_add (card.layouts, shared_layout (b, time, b->fonts.card_bold, inner - markers, 1));
        g_array_append_val (card.colors, time_rgb);
      }
      if (*kind != '\0')
        {
          g_autofree char *kind_label = g_utf8_strup (pm_export_label (PM_VOCABULARY_EVENT_KIND, kind), -1);
          PmRgb dark = kind_text_color (kind);

          g_ptr_array_add (card.layouts, shared_layout (b, kind_label, b->fonts.tiny_bold, inner, 1));
          g_array_append_val (card.colors, dark);
        }
      if (overflow && card.lane == MAX_LANES - 1)
        {
          g_autofree char *lane = clean_line (pm_export_event_lane (event));
          PmRgb secondary = C_SECONDARY;

          g_ptr_array_add (card.layouts, shared_layout (b, lane, b->fonts.tiny_bold, inner, 1));
          g_array_append_val (card.colors, secondary);
        }
      if (*text != '\0')
        {
          PmRgb text_rgb = C_TEXT;

          g_ptr_array_add (card.layouts, cell_layout (b, text, b->fonts.card, inner, CARD_MAX_LINES));
          g_array_append_val (card.colors, text_rgb);
        }

      card.height = 2 * pad;
      for (guint k = 0; k < card.layouts->len; k++)
        card.height += pm_pdf_layout_height (card.layouts->pdata[k]) + (k > 0 ? 0.6 : 0);

      if (date != NULL)
        {
          g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

          if (g_strcmp0 (day, last_day) != 0)
            {
              card.day_label = pm_export_format_date_short (date);
              g_free (last_day);
              last_day = g_steal_pointer (&day);
            }
        }
      g_array_append_val (cards, card);
    }

  /* Placement, page by page: the top edges keep the order, cards of one lane never overlap. */
  first_top = pm_pdf_flow_reserve (b->flow, header_h + 6 + g_array_index (cards, Card, 0).height + day_h);
  region_top = first_top + header_h + 6;
  {
    FigurePage page = { first_top, region_top, g_ptr_array_new () };

    g_array_append_val (pages, page);
  }
  prev_top = region_top - step;
  for (guint l = 0; l < n_lanes; l++)
    lane_bottom[l] = region_top;

  for (guint i = 0; i < cards->len; i++)
    {
      Card *card = &g_array_index (cards, Card, i);
      FigurePage *page = &g_array_index (pages, FigurePage, pages->len - 1);
      double need = card->height + (card->day_label ? day_h : 0);

      y = MAX (prev_top + step, lane_bottom[card->lane] + gap);
      if (card->day_label != NULL)
        {
          for (guint l = 0; l < n_lanes; l++)
            y = MAX (y, lane_bottom[l] + gap);
        }
      if (y + need > pm_pdf_flow_get_bottom (b->flow) && i > 0)
        {
          FigurePage next = { pm_pdf_flow_get_top (b->flow), 0, g_ptr_array_new () };

          next.bottom = next.top + header_h + 6;
          g_array_append_val (pages, next);
          page = &g_array_index (pages, FigurePage, pages->len - 1);
          y = page->top + header_h + 6;
          for (guint l = 0; l < n_lanes; l++)
            lane_bottom[l] = y;
        }
      if (card->day_label != NULL)
        {
          card->day_y = y;
          y += day_h;
          g_ptr_array_add (page->days, card);
          for (guint l = 0; l < n_lanes; l++)
            lane_bottom[l] = MAX (lane_bottom[l], y);
        }
      card->y = y;
      card->page = pages->len - 1;
      lane_bottom[card->lane] = y + card->height;
      page->bottom = MAX (page->bottom, y + card->height);
      prev_top = y;
    }

  /* Drawing, page by page: lanes under the cards. */
  {
    guint c = 0;
    PmRgb stripe = tint (C_TINT, 0.6), rule = C_RULE, white = C_WHITE, text_color = C_TEXT;
    PmRgb secondary = C_SECONDARY, red = PM_RGB (0xc01c28), orange = PM_RGB (0xe66100);
    PmRgb faint = C_FAINT;

    for (guint p = 0; p < pages->len; p++)
      {
        FigurePage *page = &g_array_index (pages, FigurePage, p);
        g_autofree char *continued_day = NULL;

        if (p > 0)
          pm_pdf_flow_new_page (b->flow);

        for (guint l = 0; l < n_lanes; l++)
          if (l % 2 == 0)
            pm_pdf_flow_draw_rect (b->flow, lanes_x + l * lane_w, page->top + header_h + 2, lane_w,
                                   page->bottom - page->top - header_h, 0, &stripe, NULL, 0, FALSE);
        draw_lane_header (b, lane_names, lanes_x, lane_w, page->top, header_h);

        /* The date the page continues in, in the gutter. */
        if (p > 0 && (page->days->len == 0 ||
                      ((Card *)page->days->pdata[0])->day_y > page->top + header_h + 8))
          {
            for (gint k = (gint)c - 1; k >= 0; k--)
              if (g_array_index (cards, Card, k).day_label != NULL)
                {
                  continued_day = g_strdup (g_array_index (cards, Card, k).day_label);
                  break;
                }
            if (continued_day != NULL)
              {
                g_autoptr(PangoLayout) layout = cell_layout (b, continued_day, b->fonts.card_bold, gutter - 6, 2);

                pm_pdf_flow_draw_layout (b->flow, layout, pm_pdf_flow_get_left (b->flow),
                                         page->top + header_h + 6, &secondary, NULL);
              }
          }

        for (guint d = 0; d < page->days->len; d++)
          {
            Card *card = page->days->pdata[d];
            g_autoptr(PangoLayout) layout = cell_layout (b, card->day_label, b->fonts.card_bold, gutter - 6, 2);

            pm_pdf_flow_draw_line (b->flow, pm_pdf_flow_get_left (b->flow), card->day_y + 1,
                                   lanes_x + n_lanes * lane_w, card->day_y + 1, &rule, 0.6, FALSE);
            pm_pdf_flow_draw_layout (b->flow, layout, pm_pdf_flow_get_left (b->flow), card->day_y + 3,
                                     &text_color, NULL);
          }

        for (; c < cards->len && g_array_index (cards, Card, c).page == p; c++)
          {
            Card *card = &g_array_index (cards, Card, c);
            double x = lanes_x + card->lane * lane_w + 1.5;
            double w = lane_w - 3;
            PmRgb kind_rgb = _pm_pdf_kind_color (pm_event_get_kind (card->event));
            PmRgb border = tint (kind_rgb, 0.45);

            pm_pdf_flow_draw_rect (b->flow, x, card->y, w, card->height, 2.5, &white,
                                   card->known ? &border : &faint, card->known ? 0.6 : 0.8, !card->known);
            pm_pdf_flow_draw_rect (b->flow, x, card->y, 2.5, card->height, 1, &kind_rgb, NULL, 0, FALSE);
            {
              double ty = card->y + pad;

              for (guint k = 0; k < card->layouts->len; k++)
                {
                  PangoLayout *layout = card->layouts->pdata[k];

                  pm_pdf_flow_draw_layout (b->flow, layout, x + pad + 2, ty,
                                           &g_array_index (card->colors, PmRgb, k), NULL);
                  ty += pm_pdf_layout_height (layout) + 0.6;
                }
            }

            if (pm_event_get_contributed (card->event))
              pm_pdf_flow_draw_circle (b->flow, x + w - 5, card->y + 5, 2.4, &red);
            if (pm_event_get_slowed_response (card->event))
              pm_pdf_flow_draw_rect (b->flow, x + w - (pm_event_get_contributed (card->event) ? 13 : 7),
                                     card->y + 2.8, 4.6, 4.6, 0, &orange, NULL, 0, FALSE);
          }
        pm_pdf_flow_set_y (b->flow, page->bottom + 10);
      }
  }

  for (guint i = 0; i < cards->len; i++)
    {
      Card *card = &g_array_index (cards, Card, i);

      g_object_unref (card->event);
      g_ptr_array_unref (card->layouts);
      g_array_unref (card->colors);
      g_free (card->day_label);
    }
  for (guint p = 0; p < pages->len; p++)
    g_ptr_array_unref (g_array_index (pages, FigurePage, p).days);
}

/* ------------------------------------------------------------------------------------------ */
/* The timeline table                                                                         */
/* ------------------------------------------------------------------------------------------ */

static void
add_timeline_table (Builder *b)
{
  GListModel *events = pm_document_get_events (b->document);
  guint n = g_list_model_get_n_items (events);
  const double x[] = { 0, 22, 120, 200 };
  double widths[4];
  const char * const labels[] = {
    C_("column", "#"), C_("column", "Time"), C_("column", "Lane"), C_("column", "Event")
  };
  PmRgb text_color = C_TEXT, secondary = C_SECONDARY, faint = C_FAINT;

  widths[0] = x[1] - x[0];
  widths[1] = x[2] - x[1];
  widths[2] = x[3] - x[2];
  widths[3] = b->width - x[3];

  {
    g_autofree char *zone_line = g_strdup_printf (_("Times are shown in %s, with their offset from UTC."),
                                                  g_time_zone_get_identifier (b->zone));

    add_note (b, zone_line, 4);
  }
  pm_pdf_flow_begin_table (b->flow, header_row (b, x, widths, labels, 4));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      PmPdfRow *row = body_row ();
      PmPdfCell *cells[4];
      PmExportTime time;
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *lane = clean_line (pm_export_event_lane (event));
      g_autofree char *text = clean_block (pm_event_get_text (event));
      g_autofree char *actor = clean_line (pm_event_get_actor (event));
      const char *kind = pm_event_get_kind (event);
      const char * const *evidence = pm_event_get_evidence (event);
      g_autoptr(PmPdfText) when = pm_pdf_text_new ();
      g_autoptr(PmPdfText) what = pm_pdf_text_new ();
      g_autoptr(PangoLayout) number_layout = NULL, lane_layout = NULL;
      g_autoptr(GPtrArray) chunks = NULL;
      g_autoptr(GString) flags = g_string_new (NULL);
      PmRgb kind_rgb = _pm_pdf_kind_color (kind);

      for (guint c = 0; c < 4; c++)
        cells[c] = pm_pdf_row_add_cell (row, x[c], widths[c], 4);

      /* The time as pieces: the date and the precision repeat, the clock time does not. */
      pm_export_format_time (pm_event_get_time (event), b->zone, &time);
      if (time.date == NULL)
        {
          g_autoptr(PangoLayout) layout = shared_layout (b, time.precision, b->fonts.small_bold, widths[1] - 8, 0);

          pm_pdf_cell_add (cells[1], layout, &secondary, NULL, 0, 0.8);
        }
      else
        {
          g_autoptr(PangoLayout) date = shared_layout (b, time.date, b->fonts.small_bold, widths[1] - 8, 0);
          g_autoptr(PangoLayout) precision = shared_layout (b, time.precision, b->fonts.small, widths[1] - 8, 0);

          pm_pdf_cell_add (cells[1], date, &text_color, NULL, 0, 0);
          if (time.time != NULL)
            {
              g_autoptr(PangoLayout) clock = NULL;

              pm_pdf_text_append (when, time.time, NULL, NULL);
              pm_pdf_text_append (when, " ", NULL, NULL);
              pm_pdf_text_append (when, time.offset, b->fonts.small, &secondary);
              clock = pm_pdf_flow_create_rich_layout (b->flow, when, b->fonts.table, widths[1] - 8, 0);
              pm_pdf_cell_add (cells[1], clock, &text_color, NULL, 0, 0);
            }
          pm_pdf_cell_add (cells[1], precision, &faint, NULL, 0, 0);
          if (time.entered != NULL)
            {
              g_autoptr(PangoLayout) entered = cell_layout (b, time.entered, b->fonts.small, widths[1] - 8, 0);

              pm_pdf_cell_add (cells[1], entered, &faint, NULL, 0, 0);
            }
        }
      pm_export_time_clear (&time);

      number_layout = cell_layout (b, number, b->fonts.small, widths[0] - 6, 0);
      pm_pdf_cell_add (cells[0], number_layout, &faint, NULL, 0, 0.8);
      lane_layout = shared_layout (b, lane, b->fonts.table, widths[2] - 8, 0);
      pm_pdf_cell_add (cells[2], lane_layout, &text_color, NULL, 0, 0);

      /* The kind and the actor: a few combinations, laid out once each. */
      if (*kind != '\0' || *actor != '\0')
        {
          g_autofree char *key = g_strdup_printf ("event-header|%g|%s|%s", widths[3], kind, actor);
          g_autoptr(PangoLayout) header = pm_pdf_flow_lookup_shared (b->flow, key);

          if (header == NULL)
            {
              if (*kind != '\0')
                {
                  g_autofree char *kind_label = g_utf8_strup (pm_export_label (PM_VOCABULARY_EVENT_KIND, kind), -1);
                  PmRgb dark = kind_text_color (kind);

                  pm_pdf_text_append (what, kind_label, b->fonts.tiny_bold, &dark);
                  pm_pdf_text_append (what, "  ", NULL, NULL);
                }
              pm_pdf_text_append (what, actor, b->fonts.small_bold, &secondary);
              header = pm_pdf_flow_create_rich_layout (b->flow, what, b->fonts.table, widths[3] - 8, 0);
              pm_pdf_flow_store_shared (b->flow, key, header);
            }
          pm_pdf_cell_add (cells[3], header, &text_color, NULL, 0, 0);
        }

      chunks = split_chunks (text);
      for (guint c = 0; c < chunks->len; c++)
        {
          g_autoptr(PangoLayout) layout = cell_layout (b, chunks->pdata[c], b->fonts.table, widths[3] - 8, 0);

          pm_pdf_cell_add (cells[3], layout, &text_color, NULL, 0, 0);
        }

      if (pm_event_get_contributed (event))
        g_string_append (flags, _("contributed to the incident"));
      if (pm_event_get_slowed_response (event))
        {
          if (flags->len > 0)
            g_string_append (flags, " · ");
          g_string_append (flags, _("slowed the response"));
        }
      if (pm_event_get_confidential (event))
        {
          if (flags->len > 0)
            g_string_append (flags, " · ");
          g_string_append (flags, _("confidential"));
        }
      if (flags->len > 0)
        {
          g_autoptr(PangoLayout) layout = shared_layout (b, flags->str, b->fonts.small, widths[3] - 8, 0);

          pm_pdf_cell_add (cells[3], layout, &secondary, NULL, 0, 0);
        }
      for (guint e = 0; evidence[e] != NULL; e++)
        cell_add_link (b, cells[3], NULL, evidence[e], b->fonts.small, widths[3] - 8, e == 0 ? 2 : 0);

      pm_pdf_cell_set_bar (cells[0], &kind_rgb, 2);
      finish_body_row (b, row);
    }
  pm_pdf_flow_end_table (b->flow);
}

static void
add_timeline (Builder *b)
{
  GListModel *events = pm_document_get_events (b->document);

  add_heading (b, 2, _("Timeline"), TRUE);
  if (g_list_model_get_n_items (events) == 0)
    {
      add_note (b, _("No events yet."), 6);
      return;
    }
  add_heading (b, 3, _("The incident at a glance"), TRUE);
  add_timeline_figure (b);
  add_heading (b, 3, _("Events in order"), TRUE);
  add_timeline_table (b);
}

/* ------------------------------------------------------------------------------------------ */
/* Root causes                                                                                */
/* ------------------------------------------------------------------------------------------ */

static char *
event_numbers (PmDocument         *document,
               const char * const *ids)
{
  GListModel *events = pm_document_get_events (document);
  GString *out = g_string_new (NULL);
  g_autoptr(GHashTable) positions = g_hash_table_new (NULL, NULL);

  for (guint k = 0; k < g_list_model_get_n_items (events); k++)
    {
      g_autoptr(PmEvent) item = g_list_model_get_item (events, k);

      g_hash_table_insert (positions, item, GUINT_TO_POINTER (k + 1));
    }
  for (guint i = 0; ids[i] != NULL; i++)
    {
      PmEvent *event = pm_document_find_event (document, ids[i]);
      guint position = event ? GPOINTER_TO_UINT (g_hash_table_lookup (positions, event)) : 0;

      if (position == 0)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%u", position);
    }
  return g_string_free (out, FALSE);
}

static void
add_principle_grid (Builder *b)
{
  GListModel *root_causes = pm_document_get_root_causes (b->document);
  guint n = g_list_model_get_n_items (root_causes);
  double first = 128, col = (b->width - first) / PM_N_PRINCIPLES;
  double x[PM_N_PRINCIPLES + 1], widths[PM_N_PRINCIPLES + 1];
  const char *labels[PM_N_PRINCIPLES + 1];
  PmRgb text_color = C_TEXT, faint = C_FAINT;

  x[0] = 0;
  widths[0] = first;
  labels[0] = C_("column", "Root cause");
  for (guint p = 0; p < PM_N_PRINCIPLES; p++)
    {
      x[p + 1] = first + p * col;
      widths[p + 1] = col;
      labels[p + 1] = pm_export_principle_label (p);
    }

  pm_pdf_flow_begin_table (b->flow, header_row (b, x, widths, labels, PM_N_PRINCIPLES + 1));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);
      PmPdfRow *row = body_row ();
      PmPdfCell *title_cell = pm_pdf_row_add_cell (row, 0, first, 4);
      g_autofree char *title = clean_line (pm_root_cause_get_title (root_cause));
      g_autofree char *numbered = g_strdup_printf ("%u. %s", i + 1, title);
      g_autoptr(PangoLayout) title_layout = cell_layout (b, numbered, b->fonts.small_bold, first - 8, 0);

      pm_pdf_cell_add (title_cell, title_layout, &text_color, NULL, 0, 0);
      for (guint p = 0; p < PM_N_PRINCIPLES; p++)
        {
          const char *verdict = pm_assessment_get_verdict (pm_root_cause_get_assessment (root_cause, p));
          PmPdfCell *cell = pm_pdf_row_add_cell (row, first + p * col + 1.5, col - 3, 4);
          g_autoptr(PangoLayout) layout = NULL;
          PmRgb fill, color;

          if (g_str_equal (verdict, "not-assessed"))
            {
              layout = cell_layout (b, "—", b->fonts.small, col - 11, 0);
              pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
              pm_pdf_cell_add (cell, layout, &faint, NULL, 0, 0);
              continue;
            }
          verdict_colors (verdict, &fill, &color);
          layout = cell_layout (b, pm_export_label (PM_VOCABULARY_VERDICT, verdict), b->fonts.tiny_bold, col - 11, 0);
          pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
          pm_pdf_cell_add (cell, layout, &color, NULL, 0, 0.5);
          pm_pdf_cell_set_fill (cell, &fill);
        }
      finish_body_row (b, row);
    }
  pm_pdf_flow_end_table (b->flow);
}

static void
add_root_causes (Builder *b)
{
  GListModel *root_causes = pm_document_get_root_causes (b->document);
  guint n = g_list_model_get_n_items (root_causes);
  PmRgb text_color = C_TEXT, secondary = C_SECONDARY;

  add_heading (b, 2, _("Root causes"), TRUE);
  if (n == 0)
    {
      add_note (b, _("No root causes yet."), 6);
      return;
    }

  add_note (b, _("Each root cause against the seven security principles: where a principle "
                 "was not followed it contributed; where it held up it limited the damage."), 4);
  add_principle_grid (b);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);
      g_autofree char *title = clean_line (pm_root_cause_get_title (root_cause));
      g_autofree char *heading = g_strdup_printf ("%u. %s", i + 1, title);
      g_autofree char *numbers = event_numbers (b->document, pm_root_cause_get_events (root_cause));
      g_autoptr(PmPdfText) meta = pm_pdf_text_new ();
      const char *category = pm_root_cause_get_category (root_cause);
      gboolean any = FALSE;

      add_heading (b, 3, heading, TRUE);
      if (has_text (category))
        {
          pm_pdf_text_append (meta, _("Category:"), b->fonts.small_bold, NULL);
          pm_pdf_text_append (meta, " ", NULL, NULL);
          pm_pdf_text_append (meta, pm_export_label (PM_VOCABULARY_CATEGORY, category), NULL, NULL);
        }
      if (*numbers != '\0')
        {
          if (!pm_pdf_text_is_empty (meta))
            pm_pdf_text_append (meta, "   ", NULL, NULL);
          pm_pdf_text_append (meta, _("Explains events:"), b->fonts.small_bold, NULL);
          pm_pdf_text_append (meta, " ", NULL, NULL);
          pm_pdf_text_append (meta, numbers, NULL, NULL);
        }
      if (!pm_pdf_text_is_empty (meta))
        {
          g_autoptr(PangoLayout) layout = pm_pdf_flow_create_rich_layout (b->flow, meta, b->fonts.small, b->width, 0);

          pm_pdf_flow_add_row (b->flow, single_row (b, layout, &secondary, 0, 2));
        }
      if (has_text (pm_root_cause_get_description (root_cause)))
        add_paragraphs (b, NULL, pm_root_cause_get_description (root_cause), b->fonts.body, &text_color, 0, 5);

      for (guint p = 0; p < PM_N_PRINCIPLES; p++)
        {
          PmAssessment *assessment = pm_root_cause_get_assessment (root_cause, p);

          if (!g_str_equal (pm_assessment_get_verdict (assessment), "not-assessed") ||
              has_text (pm_assessment_get_note (assessment)))
            any = TRUE;
        }
      if (!any)
        continue;

      {
        const double x[] = { 0, 104, 180 };
        const double widths[] = { 104, 76, b->width - 180 };
        const char * const labels[] = { C_("column", "Principle"), C_("column", "Verdict"), C_("column", "Note") };

        pm_pdf_flow_begin_table (b->flow, header_row (b, x, widths, labels, 3));
        for (guint p = 0; p < PM_N_PRINCIPLES; p++)
          {
            PmAssessment *assessment = pm_root_cause_get_assessment (root_cause, p);
            const char *verdict = pm_assessment_get_verdict (assessment);
            PmPdfRow *row;
            PmPdfCell *cells[3];
            g_autoptr(PangoLayout) principle = NULL, verdict_layout = NULL, note = NULL;
            g_autofree char *note_text = NULL;
            PmRgb fill, color;

            if (g_str_equal (verdict, "not-assessed") && !has_text (pm_assessment_get_note (assessment)))
              continue;
            row = body_row ();
            for (guint c = 0; c < 3; c++)
              cells[c] = pm_pdf_row_add_cell (row, x[c], widths[c], 4);
            principle = cell_layout (b, pm_export_principle_label (p), b->fonts.table_bold, widths[0] - 8, 0);
            pm_pdf_cell_add (cells[0], principle, &text_color, NULL, 0, 0);
            verdict_colors (verdict, &fill, &color);
            verdict_layout = cell_layout (b, pm_export_label (PM_VOCABULARY_VERDICT, verdict), b->fonts.small_bold,
                                          widths[1] - 8, 0);
            pm_pdf_cell_add (cells[1], verdict_layout, &color, NULL, 0, 0.8);
            pm_pdf_cell_set_fill (cells[1], &fill);
            note_text = clean_block (pm_assessment_get_note (assessment));
            note = cell_layout (b, note_text, b->fonts.table, widths[2] - 8, 0);
            pm_pdf_cell_add (cells[2], note, &text_color, NULL, 0, 0);
            finish_body_row (b, row);
          }
        pm_pdf_flow_end_table (b->flow);
      }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Measures, follow-ups, lessons, findings                                                    */
/* ------------------------------------------------------------------------------------------ */

static char *
owner_text (Builder   *b,
            PmMeasure *measure)
{
  const char *owner = pm_measure_get_owner (measure);
  GString *out = g_string_new (NULL);

  if (owner != NULL)
    g_string_append (out, pm_export_participant_name (b->document, owner));
  if (has_text (pm_measure_get_escalation (measure)))
    {
      if (out->len > 0)
        g_string_append (out, "; ");
      g_string_append_printf (out, "%s %s", _("decision by"), pm_measure_get_escalation (measure));
    }
  if (out->len == 0)
    g_string_append (out, "—");
  {
    g_autofree char *raw = g_string_free (out, FALSE);

    return clean_line (raw);
  }
}

/* A status as a small coloured dot and its label. */
static PangoLayout *
status_layout (Builder    *b,
               const char *status,
               double      width)
{
  g_autoptr(PmPdfText) text = pm_pdf_text_new ();
  PmRgb color = status_color (status);

  pm_pdf_text_append (text, "●\u00a0", NULL, &color);
  pm_pdf_text_append (text, pm_export_label (PM_VOCABULARY_MEASURE_STATUS, status), NULL, NULL);
  return pm_pdf_flow_create_rich_layout (b->flow, text, b->fonts.table, width, 0);
}

static void
add_measures (Builder *b)
{
  GListModel *measures = pm_document_get_measures (b->document);
  guint n = g_list_model_get_n_items (measures);
  const double x[] = { 0, 22, 228, 318, 390 };
  double widths[5];
  const char * const labels[] = {
    C_("column", "#"), C_("column", "Measure"), C_("column", "Owner"), C_("column", "Status"),
    C_("column", "Due · Ticket")
  };
  PmRgb text_color = C_TEXT, secondary = C_SECONDARY, faint = C_FAINT;

  add_heading (b, 2, _("Measures"), TRUE);
  if (n == 0)
    {
      add_note (b, _("No measures yet."), 6);
      return;
    }
  for (guint i = 0; i < 4; i++)
    widths[i] = x[i + 1] - x[i];
  widths[4] = b->width - x[4];

  pm_pdf_flow_begin_table (b->flow, header_row (b, x, widths, labels, 5));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      PmPdfRow *row = body_row ();
      PmPdfCell *cells[5];
      g_autofree char *number = g_strdup_printf ("%u", i + 1);
      g_autofree char *title = clean_line (pm_measure_get_title (measure));
      g_autofree char *owner = owner_text (b, measure);
      g_autofree char *due = pm_export_format_iso_date (pm_measure_get_due (measure));
      g_autoptr(PmPdfText) what = pm_pdf_text_new ();
      g_autoptr(PangoLayout) number_layout = NULL, what_layout = NULL, owner_layout = NULL;
      g_autoptr(PangoLayout) status = NULL, due_layout = NULL;
      const char * const *root_cause_ids = pm_measure_get_root_causes (measure);
      GListModel *history = pm_measure_get_history (measure);
      g_autoptr(GString) details = g_string_new (NULL);
      PmPdfRow *detail_row = pm_pdf_row_new ();
      PmPdfCell *detail = pm_pdf_row_add_cell (detail_row, x[1], b->width - x[1], 4);
      double detail_w = b->width - x[1] - 8;

      for (guint c = 0; c < 5; c++)
        cells[c] = pm_pdf_row_add_cell (row, x[c], widths[c], 4);

      number_layout = cell_layout (b, number, b->fonts.small, widths[0] - 6, 0);
      pm_pdf_cell_add (cells[0], number_layout, &faint, NULL, 0, 0.8);

      pm_pdf_text_append (what, title, b->fonts.table_bold, NULL);
      if (has_text (pm_measure_get_kind (measure)))
        {
          g_autofree char *kind = g_utf8_strup (pm_export_label (PM_VOCABULARY_MEASURE_KIND,
                                                                 pm_measure_get_kind (measure)), -1);

          pm_pdf_text_append (what, "  ", NULL, NULL);
          pm_pdf_text_append (what, kind, b->fonts.tiny_bold, &secondary);
        }
      what_layout = pm_pdf_flow_create_rich_layout (b->flow, what, b->fonts.table, widths[1] - 8, 0);
      pm_pdf_cell_add (cells[1], what_layout, &text_color, NULL, 0, 0);

      if (has_text (pm_measure_get_description (measure)))
        {
          g_autofree char *description = clean_block (pm_measure_get_description (measure));
          g_autoptr(GPtrArray) chunks = split_chunks (description);

          for (guint c = 0; c < chunks->len; c++)
            {
              g_autoptr(PangoLayout) layout = cell_layout (b, chunks->pdata[c], b->fonts.table, detail_w, 0);

              pm_pdf_cell_add (detail, layout, &text_color, NULL, 0, 0);
            }
        }

      /* Details, each a line of its own: addresses, effort and cost, benefit, … */
      for (guint r = 0; root_cause_ids[r] != NULL; r++)
        {
          PmRootCause *root_cause = pm_document_find_root_cause (b->document, root_cause_ids[r]);
          GListModel *all = pm_document_get_root_causes (b->document);

          if (root_cause == NULL)
            continue;
          for (guint k = 0; k < g_list_model_get_n_items (all); k++)
            {
              g_autoptr(PmRootCause) item = g_list_model_get_item (all, k);

              if (item == root_cause)
                {
                  g_string_append_printf (details, details->len ? ", %u" : "%u", k + 1);
                  break;
                }
            }
        }
      {
        g_autoptr(PmPdfText) more = pm_pdf_text_new ();
        g_autoptr(PangoLayout) layout = NULL;
        const struct { const char *label; char *value; } items[] = {
          { _("Addresses root causes:"), g_strdup (details->str) },
          { _("Effort:"), clean_line (pm_measure_get_effort (measure)) },
          { _("Cost:"), pm_measure_get_cost_amount (measure) >= 0
                          ? pm_export_format_money (pm_measure_get_cost_amount (measure),
                                                    pm_measure_get_cost_currency (measure))
                          : g_strdup ("") },
          { _("Expected benefit:"), clean_block (pm_measure_get_benefit (measure)) },
          { _("Why it was dropped:"), clean_block (pm_measure_get_drop_reason (measure)) },
          { _("Confidential:"), g_strdup (pm_measure_get_confidential (measure) ? _("for the team only") : "") },
        };

        for (guint k = 0; k < G_N_ELEMENTS (items); k++)
          {
            if (*items[k].value != '\0')
              {
                if (!pm_pdf_text_is_empty (more))
                  pm_pdf_text_append (more, "\n", NULL, NULL);
                pm_pdf_text_append (more, items[k].label, b->fonts.small_bold, NULL);
                pm_pdf_text_append (more, " ", NULL, NULL);
                pm_pdf_text_append (more, items[k].value, NULL, NULL);
              }
            g_free (items[k].value);
          }
        if (g_list_model_get_n_items (history) > 0)
          {
            if (!pm_pdf_text_is_empty (more))
              pm_pdf_text_append (more, "\n", NULL, NULL);
            pm_pdf_text_append (more, _("History:"), b->fonts.small_bold, NULL);
            for (guint h = 0; h < g_list_model_get_n_items (history); h++)
              {
                g_autoptr(PmStatusChange) change = g_list_model_get_item (history, h);
                g_autofree char *when = pm_export_format_time_line (pm_status_change_get_time (change), b->zone);
                g_autofree char *note = clean_line (pm_status_change_get_note (change));

                pm_pdf_text_append (more, "\n", NULL, NULL);
                pm_pdf_text_append (more, when, NULL, &faint);
                pm_pdf_text_append (more, "  ", NULL, NULL);
                pm_pdf_text_append (more, pm_export_label (PM_VOCABULARY_MEASURE_STATUS,
                                                           pm_status_change_get_to (change)),
                                    b->fonts.small_bold, NULL);
                if (*note != '\0')
                  {
                    pm_pdf_text_append (more, " — ", NULL, NULL);
                    pm_pdf_text_append (more, note, NULL, NULL);
                  }
              }
          }
        if (!pm_pdf_text_is_empty (more))
          {
            layout = pm_pdf_flow_create_rich_layout (b->flow, more, b->fonts.small, detail_w, 0);
            pm_pdf_cell_add (detail, layout, &secondary, NULL, 0, 3);
          }
      }

      owner_layout = cell_layout (b, owner, b->fonts.table, widths[2] - 8, 0);
      pm_pdf_cell_add (cells[2], owner_layout, &text_color, NULL, 0, 0);
      status = status_layout (b, pm_measure_get_status (measure), widths[3] - 8);
      pm_pdf_cell_add (cells[3], status, &text_color, NULL, 0, 0);
      due_layout = cell_layout (b, *due ? due : "—", b->fonts.table, widths[4] - 8, 0);
      pm_pdf_cell_add (cells[4], due_layout, &text_color, NULL, 0, 0);
      if (has_text (pm_measure_get_ticket_key (measure)) || has_text (pm_measure_get_ticket_url (measure)))
        cell_add_link (b, cells[4], pm_measure_get_ticket_key (measure), pm_measure_get_ticket_url (measure),
                       b->fonts.table, widths[4] - 8, 3);

      /* The overview line stays with the start of its details. */
      pm_pdf_row_set_padding (row, 5, 2);
      pm_pdf_flow_add_heading (b->flow, row, 0, NULL);
      pm_pdf_row_set_padding (detail_row, 0, 6);
      finish_body_row (b, detail_row);
    }
  pm_pdf_flow_end_table (b->flow);
}

static void
add_follow_ups (Builder *b)
{
  GListModel *follow_ups = pm_document_get_follow_ups (b->document);
  guint n = g_list_model_get_n_items (follow_ups);
  PmRgb text_color = C_TEXT, secondary = C_SECONDARY;

  if (n == 0)
    return;

  add_heading (b, 2, _("Follow-ups"), TRUE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmFollowUp) follow_up = g_list_model_get_item (follow_ups, i);
      const char * const *attendees = pm_follow_up_get_attendees (follow_up);
      GListModel *reviews = pm_follow_up_get_reviews (follow_up);
      const PmTime *time = pm_follow_up_get_time (follow_up);
      g_autofree char *when = time ? pm_export_format_time_line (time, b->zone) : g_strdup (_("Not scheduled yet"));

      add_heading (b, 3, when, TRUE);
      if (attendees[0] != NULL)
        {
          g_autoptr(GString) names = g_string_new (NULL);
          g_autoptr(PmPdfText) text = pm_pdf_text_new ();
          g_autoptr(PangoLayout) layout = NULL;
          g_autofree char *clean = NULL;

          for (guint a = 0; attendees[a] != NULL; a++)
            {
              if (a > 0)
                g_string_append (names, ", ");
              g_string_append (names, pm_export_participant_name (b->document, attendees[a]));
            }
          clean = clean_line (names->str);
          pm_pdf_text_append (text, _("Attended:"), b->fonts.small_bold, NULL);
          pm_pdf_text_append (text, " ", NULL, NULL);
          pm_pdf_text_append (text, clean, NULL, NULL);
          layout = pm_pdf_flow_create_rich_layout (b->flow, text, b->fonts.small, b->width, 0);
          pm_pdf_flow_add_row (b->flow, single_row (b, layout, &secondary, 0, 2));
        }
      if (has_text (pm_follow_up_get_notes (follow_up)))
        add_paragraphs (b, NULL, pm_follow_up_get_notes (follow_up), b->fonts.body, &text_color, 0, 5);

      if (g_list_model_get_n_items (reviews) > 0)
        {
          const double x[] = { 0, 200, 290 };
          const double widths[] = { 200, 90, b->width - 290 };
          const char * const labels[] = { C_("column", "Measure"), C_("column", "Status found"), C_("column", "Note") };

          pm_pdf_flow_begin_table (b->flow, header_row (b, x, widths, labels, 3));
          for (guint r = 0; r < g_list_model_get_n_items (reviews); r++)
            {
              g_autoptr(PmReview) review = g_list_model_get_item (reviews, r);
              PmMeasure *measure = pm_document_find_measure (b->document, pm_review_get_measure (review));
              PmPdfRow *row = body_row ();
              PmPdfCell *cells[3];
              g_autofree char *title = clean_line (measure ? pm_measure_get_title (measure) : pm_review_get_measure (review));
              g_autofree char *note = clean_block (pm_review_get_note (review));
              g_autoptr(PangoLayout) title_layout = NULL, status = NULL, note_layout = NULL;

              for (guint c = 0; c < 3; c++)
                cells[c] = pm_pdf_row_add_cell (row, x[c], widths[c], 4);
              title_layout = cell_layout (b, title, b->fonts.table, widths[0] - 8, 0);
              pm_pdf_cell_add (cells[0], title_layout, &text_color, NULL, 0, 0);
              status = status_layout (b, pm_review_get_status (review), widths[1] - 8);
              pm_pdf_cell_add (cells[1], status, &text_color, NULL, 0, 0);
              note_layout = cell_layout (b, note, b->fonts.table, widths[2] - 8, 0);
              pm_pdf_cell_add (cells[2], note_layout, &text_color, NULL, 0, 0);
              finish_body_row (b, row);
            }
          pm_pdf_flow_end_table (b->flow);
        }
    }
}

static void
add_lessons (Builder *b)
{
  PmDocument *doc = b->document;
  const char *went_well = pm_document_get_field (doc, PM_FIELD_WENT_WELL);
  const char *got_lucky = pm_document_get_field (doc, PM_FIELD_GOT_LUCKY);
  PmRgb color = C_TEXT;

  if (!has_text (went_well) && !has_text (got_lucky))
    return;

  add_heading (b, 2, _("Lessons"), TRUE);
  if (has_text (went_well))
    {
      add_heading (b, 3, _("What went well"), FALSE);
      add_paragraphs (b, NULL, went_well, b->fonts.body, &color, 0, 3);
    }
  if (has_text (got_lucky))
    {
      add_heading (b, 3, _("Where we got lucky"), FALSE);
      add_paragraphs (b, NULL, got_lucky, b->fonts.body, &color, 0, 3);
    }
}

/* Topics raised in the meeting that belong elsewhere (see the Markdown writer). */
static void
add_parking_lot (Builder *b)
{
  GListModel *topics = pm_document_get_parking_lot (b->document);
  guint n = g_list_model_get_n_items (topics);
  PmRgb text_color = C_TEXT, secondary = C_SECONDARY;

  if (n == 0)
    return;

  add_heading (b, 2, _("Parking lot"), TRUE);
  add_note (b, _("Topics raised in the meeting that belong elsewhere:"), 4);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmParkingTopic) topic = g_list_model_get_item (topics, i);
      const char *raised_by = pm_parking_topic_get_raised_by (topic);
      g_autofree char *text = clean_block (pm_parking_topic_get_text (topic));
      PmPdfRow *row = pm_pdf_row_new ();
      PmPdfCell *bullet = pm_pdf_row_add_cell (row, 0, 12, 0);
      PmPdfCell *body = pm_pdf_row_add_cell (row, 14, b->width - 14, 0);
      g_autoptr(PangoLayout) bullet_layout = cell_layout (b, "•", b->fonts.body, 12, 1);
      g_autoptr(PangoLayout) text_layout = cell_layout (b, text, b->fonts.body, b->width - 14, 0);

      pm_pdf_cell_add (bullet, bullet_layout, &secondary, NULL, 0, 0);
      pm_pdf_cell_add (body, text_layout, &text_color, NULL, 0, 0);
      if (has_text (raised_by))
        {
          g_autofree char *clean = clean_block (raised_by);
          /* Translators: who raised a parking-lot topic */
          g_autofree char *by = g_strdup_printf (_("raised by %s"), clean);
          g_autoptr(PangoLayout) by_layout = cell_layout (b, by, b->fonts.table, b->width - 14, 0);

          pm_pdf_cell_add (body, by_layout, &secondary, NULL, 0, 1);
        }
      pm_pdf_row_set_space_before (row, 3);
      pm_pdf_flow_add_row (b->flow, row);
    }
}

static void
add_findings (Builder *b)
{
  g_autoptr(GListModel) findings = pm_analysis_check (b->document, b->now);
  guint n = g_list_model_get_n_items (findings);
  g_autofree char *date = pm_export_format_date_long (b->now);
  g_autofree char *intro = NULL;
  PmRgb text_color = C_TEXT;

  add_heading (b, 2, _("Open method findings"), TRUE);
  if (n == 0)
    intro = g_strdup_printf (_("The method check found nothing to improve, as of %s."), date);
  else
    intro = g_strdup_printf (_("Advice from the method check, as of %s:"), date);
  add_note (b, intro, 4);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmFinding) finding = g_list_model_get_item (findings, i);
      gboolean warning = pm_finding_get_severity (finding) == PM_FINDING_WARNING;
      PmPdfRow *row = pm_pdf_row_new ();
      PmPdfCell *chip = pm_pdf_row_add_cell (row, 0, 58, 4);
      PmPdfCell *message = pm_pdf_row_add_cell (row, 66, b->width - 66, 0);
      g_autofree char *label = g_utf8_strup (warning ? _("Warning") : _("Note"), -1);
      g_autofree char *text = clean_block (pm_finding_get_message (finding));
      g_autoptr(PangoLayout) chip_layout = cell_layout (b, label, b->fonts.tiny_bold, 50, 1);
      g_autoptr(PangoLayout) message_layout = cell_layout (b, text, b->fonts.table, b->width - 66, 0);
      PmRgb fill = warning ? PM_RGB (0xfde7cf) : tint (C_ACCENT, 0.1);
      PmRgb color = warning ? PM_RGB (0x9c4700) : PM_RGB (0x1a5fb4);

      pango_layout_set_alignment (chip_layout, PANGO_ALIGN_CENTER);
      pm_pdf_cell_add (chip, chip_layout, &color, NULL, 0, 1.2);
      pm_pdf_cell_set_fill (chip, &fill);
      pm_pdf_cell_add (message, message_layout, &text_color, NULL, 0, 0);
      pm_pdf_row_set_padding (row, 2, 2);
      pm_pdf_row_set_space_before (row, 3);
      pm_pdf_flow_add_row (b->flow, row);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The manager summary                                                                        */
/* ------------------------------------------------------------------------------------------ */

static void
add_summary_heading (Builder    *b,
                     const char *text)
{
  g_autofree char *upper = g_utf8_strup (text, -1);
  g_autoptr(PangoLayout) layout = cell_layout (b, upper, b->fonts.small_bold, b->width, 1);
  PmRgb color = C_ACCENT, rule = C_RULE;
  PmPdfRow *row = single_row (b, layout, &color, 0, 13);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_letter_spacing_new (PANGO_SCALE / 2));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pm_pdf_row_set_padding (row, 0, 3);
  pm_pdf_row_set_rule (row, 0, b->width, &rule, 0.6);
  pm_pdf_flow_add_heading (b->flow, row, 0, text);
}

static void
add_bounded (Builder    *b,
             const char *label,
             const char *raw,
             int         max_lines,
             double      space_before)
{
  g_autofree char *clean = clean_line (raw);
  g_autofree char *head = truncate_chars (clean, 4000);
  g_autoptr(PmPdfText) text = pm_pdf_text_new ();
  g_autoptr(PangoLayout) layout = NULL;
  PmRgb color = C_TEXT;

  if (label != NULL)
    {
      pm_pdf_text_append (text, label, b->fonts.body_bold, NULL);
      pm_pdf_text_append (text, " ", NULL, NULL);
    }
  pm_pdf_text_append (text, head, NULL, NULL);
  layout = pm_pdf_flow_create_rich_layout (b->flow, text, b->fonts.body, b->width, max_lines);
  pm_pdf_flow_add_row (b->flow, single_row (b, layout, &color, 0, space_before));
}

static void
add_progress (Builder *b)
{
  const char * const *statuses = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_STATUS);
  guint counts[6], n_other, n_overdue, total = 0;
  double x0 = pm_pdf_flow_get_left (b->flow), x, y, bar_h = 9, legend_y;
  PmRgb secondary = C_SECONDARY, text_color = C_TEXT;
  g_autofree char *headline = NULL;

  pm_export_count_measures (b->document, b->now, counts, &n_other, &n_overdue);
  for (guint s = 0; s < 6; s++)
    total += counts[s];
  total += n_other;

  if (n_overdue > 0)
    {
      g_autofree char *overdue = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u is overdue.",
                                                             "%u are overdue.", n_overdue), n_overdue);
      g_autofree char *measures = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u measure",
                                                              "%u measures", total), total);

      headline = g_strdup_printf ("%s. %s", measures, overdue);
    }
  else
    headline = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u measure", "%u measures", total), total);

  {
    g_autoptr(PangoLayout) layout = cell_layout (b, headline, b->fonts.body_bold, b->width, 1);

    pm_pdf_flow_add_row (b->flow, single_row (b, layout, &text_color, 0, 5));
  }
  if (total == 0)
    return;

  y = pm_pdf_flow_reserve (b->flow, bar_h + 24) + 4;
  x = x0;
  for (guint s = 0; s < 7; s++)
    {
      guint count = s < 6 ? counts[s] : n_other;
      double w = b->width * count / total;
      PmRgb color = s < 6 ? status_color (statuses[s]) : C_FAINT;

      if (count == 0)
        continue;
      pm_pdf_flow_draw_rect (b->flow, x, y, MAX (w - 1.5, 0.5), bar_h, 2, &color, NULL, 0, FALSE);
      x += w;
    }

  legend_y = y + bar_h + 5;
  x = x0;
  for (guint s = 0; s < 7; s++)
    {
      guint count = s < 6 ? counts[s] : n_other;
      PmRgb color = s < 6 ? status_color (statuses[s]) : C_FAINT;
      g_autofree char *label = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      double w;

      if (count == 0)
        continue;
      label = s < 6 ? g_strdup_printf ("%u %s", count, pm_export_label (PM_VOCABULARY_MEASURE_STATUS, statuses[s]))
                    : g_strdup_printf (_("%u other"), count);
      layout = cell_layout (b, label, b->fonts.small, 0, 0);
      w = pm_pdf_layout_width (layout);
      if (x + 12 + w > x0 + b->width)
        {
          x = x0;
          legend_y += 11;
        }
      pm_pdf_flow_draw_rect (b->flow, x, legend_y + 2, 7, 7, 1.5, &color, NULL, 0, FALSE);
      pm_pdf_flow_draw_layout (b->flow, layout, x + 10, legend_y, &secondary, NULL);
      x += 10 + w + 14;
    }
  pm_pdf_flow_set_y (b->flow, legend_y + 12);
}

static void
add_summary_measures (Builder      *b,
                      const Budget *budget)
{
  int benefit_lines = budget->benefit_lines;
  int lines = budget->cell_lines;
  guint n_marked;
  g_autoptr(GPtrArray) chosen = pm_export_summary_measures (b->document, &n_marked);
  const double x[] = { 0, 188, 282, 350, 408 };
  double widths[5];
  const char * const labels[] = {
    C_("column", "Measure"), C_("column", "Owner or decision"), C_("column", "Status"),
    C_("column", "Due"), C_("column", "Cost")
  };
  PmRgb text_color = C_TEXT, secondary = C_SECONDARY;

  add_summary_heading (b, _("Decisions and attention needed"));
  if (chosen->len == 0)
    {
      add_note (b, _("No measure needs a decision."), 5);
      return;
    }
  for (guint i = 0; i < 4; i++)
    widths[i] = x[i + 1] - x[i];
  widths[4] = b->width - x[4];

  pm_pdf_flow_begin_table (b->flow, header_row (b, x, widths, labels, 5));
  for (guint i = 0; i < chosen->len; i++)
    {
      PmMeasure *measure = chosen->pdata[i];
      PmPdfRow *row = body_row ();
      PmPdfCell *cells[5];
      g_autofree char *title = clean_line (pm_measure_get_title (measure));
      g_autofree char *benefit = clean_line (pm_measure_get_benefit (measure));
      g_autofree char *owner = owner_text (b, measure);
      g_autofree char *due = pm_export_format_iso_date (pm_measure_get_due (measure));
      g_autofree char *effort = clean_line (pm_measure_get_effort (measure));
      g_autofree char *cost = pm_measure_get_cost_amount (measure) >= 0
        ? pm_export_format_money (pm_measure_get_cost_amount (measure), pm_measure_get_cost_currency (measure))
        : NULL;
      g_autoptr(PangoLayout) title_layout = NULL, owner_layout = NULL, status = NULL, due_layout = NULL;
      g_autoptr(PmPdfText) cost_text = pm_pdf_text_new ();
      g_autoptr(PangoLayout) cost_layout = NULL;

      for (guint c = 0; c < 5; c++)
        cells[c] = pm_pdf_row_add_cell (row, x[c], widths[c], 4);
      title_layout = cell_layout (b, title, b->fonts.table_bold, widths[0] - 8, MIN (lines, 2));
      pm_pdf_cell_add (cells[0], title_layout, &text_color, NULL, 0, 0);
      if (*benefit != '\0' && benefit_lines > 0)
        {
          g_autoptr(PangoLayout) layout = cell_layout (b, benefit, b->fonts.small, widths[0] - 8, benefit_lines);

          pm_pdf_cell_add (cells[0], layout, &secondary, NULL, 0, 1);
        }
      owner_layout = cell_layout (b, owner, b->fonts.table, widths[1] - 8, lines);
      pm_pdf_cell_add (cells[1], owner_layout, &text_color, NULL, 0, 0);
      status = status_layout (b, pm_measure_get_status (measure), widths[2] - 8);
      pm_pdf_cell_add (cells[2], status, &text_color, NULL, 0, 0);
      due_layout = cell_layout (b, *due ? due : "—", b->fonts.table, widths[3] - 8, 2);
      pm_pdf_cell_add (cells[3], due_layout, &text_color, NULL, 0, 0);
      if (cost != NULL)
        pm_pdf_text_append (cost_text, cost, b->fonts.table_bold, NULL);
      if (*effort != '\0')
        {
          if (cost != NULL)
            pm_pdf_text_append (cost_text, "\n", NULL, NULL);
          pm_pdf_text_append (cost_text, effort, b->fonts.small, &secondary);
        }
      if (pm_pdf_text_is_empty (cost_text))
        pm_pdf_text_append (cost_text, "—", NULL, NULL);
      cost_layout = pm_pdf_flow_create_rich_layout (b->flow, cost_text, b->fonts.table, widths[4] - 8, lines);
      pm_pdf_cell_add (cells[4], cost_layout, &text_color, NULL, 0, 0);
      finish_body_row (b, row);
    }
  pm_pdf_flow_end_table (b->flow);

  if (n_marked > PM_EXPORT_SUMMARY_MEASURES)
    {
      g_autofree char *note =
        g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                    "%u measure is marked for this summary; it shows the first %u. "
                                    "The method check calls this a laundry list.",
                                    "%u measures are marked for this summary; it shows the first %u. "
                                    "The method check calls this a laundry list.", n_marked),
                         n_marked, (guint)PM_EXPORT_SUMMARY_MEASURES);
      g_autoptr(PangoLayout) layout = cell_layout (b, note, b->fonts.small, b->width, 2);
      PmRgb color = PM_RGB (0x9c4700);

      pm_pdf_flow_add_row (b->flow, single_row (b, layout, &color, 0, 4));
    }
}

static void
build_summary (Builder      *b,
               const Budget *budget)
{
  PmDocument *doc = b->document;
  const char *teaser = pm_document_get_field (doc, PM_FIELD_TEASER);
  const char *severity = pm_document_get_field (doc, PM_FIELD_SEVERITY);
  GListModel *root_causes = pm_document_get_root_causes (doc);
  guint n_root_causes = g_list_model_get_n_items (root_causes);
  g_autofree char *span = incident_span (b);
  g_autoptr(PmPdfText) meta = pm_pdf_text_new ();
  PmRgb secondary = C_SECONDARY, text_color = C_TEXT;

  add_overline (b, _("Manager summary"), pm_document_get_field (doc, PM_FIELD_REFERENCE_KEY),
                pm_document_get_field (doc, PM_FIELD_REFERENCE_URL));
  add_title (b, budget->title_lines);

  if (has_text (severity))
    {
      PmRgb color = severity_color (severity);

      pm_pdf_text_append (meta, "●\u00a0", NULL, &color);
      pm_pdf_text_append (meta, _("Severity:"), b->fonts.small_bold, NULL);
      pm_pdf_text_append (meta, " ", NULL, NULL);
      pm_pdf_text_append (meta, pm_export_label (PM_VOCABULARY_SEVERITY, severity), NULL, NULL);
    }
  if (span != NULL)
    {
      if (!pm_pdf_text_is_empty (meta))
        pm_pdf_text_append (meta, "     ", NULL, NULL);
      pm_pdf_text_append (meta, _("Incident:"), b->fonts.small_bold, NULL);
      pm_pdf_text_append (meta, " ", NULL, NULL);
      pm_pdf_text_append (meta, span, NULL, NULL);
    }
  if (!pm_pdf_text_is_empty (meta))
    {
      g_autoptr(PangoLayout) layout = pm_pdf_flow_create_rich_layout (b->flow, meta, b->fonts.table, b->width, 2);

      pm_pdf_flow_add_row (b->flow, single_row (b, layout, &secondary, 0, 5));
    }

  add_summary_heading (b, _("What happened"));
  if (has_text (teaser))
    add_bounded (b, NULL, teaser, budget->teaser_lines, 5);
  else if (has_text (pm_document_get_field (doc, PM_FIELD_SUMMARY)))
    add_bounded (b, NULL, pm_document_get_field (doc, PM_FIELD_SUMMARY), budget->teaser_lines, 5);
  else
    add_note (b, _("Not written yet."), 5);

  add_summary_heading (b, _("Impact and cost"));
  add_figures (b);
  if (has_text (pm_document_get_field (doc, PM_FIELD_AFFECTED)) && budget->affected_lines > 0)
    add_bounded (b, _("Affected:"), pm_document_get_field (doc, PM_FIELD_AFFECTED), budget->affected_lines, 7);
  if (has_text (pm_document_get_field (doc, PM_FIELD_RISK)) && budget->risk_lines > 0)
    add_bounded (b, _("Risk:"), pm_document_get_field (doc, PM_FIELD_RISK), budget->risk_lines, 6);

  add_summary_heading (b, _("Root causes"));
  if (n_root_causes == 0)
    add_note (b, _("No root causes yet."), 5);
  for (guint i = 0; i < n_root_causes && (int)i < budget->root_causes; i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);
      g_autofree char *title = clean_line (pm_root_cause_get_title (root_cause));
      g_autofree char *line = g_strdup_printf ("%u.  %s", i + 1, title);
      g_autoptr(PangoLayout) layout = cell_layout (b, line, b->fonts.table, b->width, 1);

      pm_pdf_flow_add_row (b->flow, single_row (b, layout, &text_color, 0, i == 0 ? 5 : 2.5));
    }
  if ((int)n_root_causes > budget->root_causes)
    {
      g_autofree char *more = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "and %u more in the protocol",
                                                          "and %u more in the protocol",
                                                          n_root_causes - budget->root_causes),
                                               n_root_causes - budget->root_causes);

      add_note (b, more, 2.5);
    }

  add_summary_measures (b, budget);

  add_summary_heading (b, _("Progress of all measures"));
  add_progress (b);
}

/* ------------------------------------------------------------------------------------------ */
/* Page furniture and the PDF file                                                            */
/* ------------------------------------------------------------------------------------------ */

static void
draw_furniture (cairo_t  *cr,
                guint     page,
                guint     n_pages,
                gpointer  user_data)
{
  PmPdfWriter *self = user_data;
  PangoContext *context = pm_pdf_flow_get_context (self->flow);
  double width = self->page_width - 2 * MARGIN_X;
  double footer_y = self->page_height - FOOTER_Y;
  g_autoptr(PangoLayout) title = pango_layout_new (context);
  g_autoptr(PangoLayout) classification = pango_layout_new (context);
  g_autoptr(PangoLayout) left = pango_layout_new (context);
  g_autoptr(PangoLayout) number = pango_layout_new (context);
  double class_w = 0;

  /* Running header: the title, and the classification on the right. */
  if (self->classification != NULL)
    {
      pango_layout_set_font_description (classification, self->furniture_bold);
      pango_layout_set_text (classification, self->classification, -1);
      class_w = pm_pdf_layout_width (classification);
      cairo_set_source_rgb (cr, self->classification_color.r, self->classification_color.g,
                            self->classification_color.b);
      cairo_move_to (cr, MARGIN_X + width - class_w, HEADER_Y);
      pango_cairo_show_layout (cr, classification);
    }
  pango_layout_set_font_description (title, self->furniture_font);
  pango_layout_set_width (title, (int)((width - class_w - 24) * PANGO_SCALE));
  pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (title, self->header_title, -1);
  cairo_set_source_rgb (cr, 0x5e / 255.0, 0x5c / 255.0, 0x64 / 255.0);
  cairo_move_to (cr, MARGIN_X, HEADER_Y);
  pango_cairo_show_layout (cr, title);

  cairo_set_source_rgb (cr, 0xde / 255.0, 0xdd / 255.0, 0xda / 255.0);
  cairo_set_line_width (cr, 0.6);
  cairo_move_to (cr, MARGIN_X, HEADER_Y + 14);
  cairo_line_to (cr, MARGIN_X + width, HEADER_Y + 14);
  cairo_stroke (cr);

  /* Footer: what it is, and the page number. */
  pango_layout_set_font_description (left, self->furniture_font);
  pango_layout_set_width (left, (int)(width * 0.7 * PANGO_SCALE));
  pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (left, self->footer_left, -1);
  cairo_set_source_rgb (cr, 0x9a / 255.0, 0x99 / 255.0, 0x96 / 255.0);
  cairo_move_to (cr, MARGIN_X, footer_y);
  pango_cairo_show_layout (cr, left);

  if (page < self->page_labels->len)
    {
      pango_layout_set_font_description (number, self->furniture_font);
      pango_layout_set_text (number, self->page_labels->pdata[page], -1);
      cairo_move_to (cr, MARGIN_X + width - pm_pdf_layout_width (number), footer_y);
      pango_cairo_show_layout (cr, number);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_pdf_writer_finalize (GObject *object)
{
  PmPdfWriter *self = (PmPdfWriter *)object;

  g_clear_pointer (&self->flow, pm_pdf_flow_free);
  g_clear_pointer (&self->header_title, g_free);
  g_clear_pointer (&self->classification, g_free);
  g_clear_pointer (&self->footer_left, g_free);
  g_clear_pointer (&self->page_labels, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subject, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->keywords, g_free);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->furniture_font, pango_font_description_free);
  g_clear_pointer (&self->furniture_bold, pango_font_description_free);

  G_OBJECT_CLASS (pm_pdf_writer_parent_class)->finalize (object);
}

static void
pm_pdf_writer_class_init (PmPdfWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_pdf_writer_finalize;
}

static void
pm_pdf_writer_init (PmPdfWriter *self)
{
  self->page_labels = g_ptr_array_new_with_free_func (g_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static PmPdfFlow *
new_flow (PmPdfWriter *self,
          const char  *language)
{
  return pm_pdf_flow_new (self->page_width, self->page_height, MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM,
                          language ? language : pango_language_to_string (pango_language_get_default ()));
}

PmPdfWriter *
pm_pdf_writer_new (PmDocument            *document,
                   const PmExportOptions *options,
                   double                 page_width,
                   double                 page_height)
{
  PmPdfWriter *self;
  PmExportOptions defaults;
  PmExportLanguage *saved;
  const char *language;
  Builder b = { 0 };
  const char *classification;
  const char *key;
  guint n_moderators;
  g_autoptr(GString) keywords = g_string_new (NULL);
  const char * const *tags;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  if (options == NULL)
    {
      pm_export_options_init (&defaults);
      options = &defaults;
    }

  self = g_object_new (PM_TYPE_PDF_WRITER, NULL);
  if (page_width <= 0 || page_height <= 0)
    pm_export_paper_get_size (options->paper, &page_width, &page_height);
  self->page_width = page_width;
  self->page_height = page_height;
  self->now = pm_export_dup_now (options);

  language = pm_export_resolve_language (options, document);
  saved = pm_export_language_push (language);

  b.document = document;
  b.zone = pm_document_dup_time_zone (document);
  b.now = self->now;
  fonts_init (&b.fonts);
  self->furniture_font = font ("7.5");
  self->furniture_bold = font ("Bold 7.5");

  if (options->kind == PM_EXPORT_SUMMARY)
    {
      /* One page: say less until it fits. */
      Budget budget = { 12, 4, 4, 8, 2, 3, 2 };
      const Budget least = { 3, 1, 1, 2, 0, 1, 1 };

      for (;;)
        {
          b.flow = new_flow (self, language);
          b.width = pm_pdf_flow_get_content_width (b.flow);
          build_summary (&b, &budget);
          if (pm_pdf_flow_get_n_pages (b.flow) <= 1 || memcmp (&budget, &least, sizeof budget) == 0)
            break;
          pm_pdf_flow_free (b.flow);
          /* One step at a time, what matters least first: the long texts, then the details. */
          if (budget.teaser_lines > 8)
            budget.teaser_lines -= 2;
          else if (budget.root_causes > 5)
            budget.root_causes--;
          else if (budget.affected_lines > 2 || budget.risk_lines > 2)
            {
              budget.affected_lines = MAX (budget.affected_lines - 1, 2);
              budget.risk_lines = MAX (budget.risk_lines - 1, 2);
            }
          else if (budget.benefit_lines > least.benefit_lines)
            budget.benefit_lines--;
          else if (budget.teaser_lines > least.teaser_lines)
            budget.teaser_lines = MAX (budget.teaser_lines - 2, least.teaser_lines);
          else if (budget.cell_lines > 2)
            budget.cell_lines--;
          else if (budget.affected_lines > least.affected_lines || budget.risk_lines > least.risk_lines)
            {
              budget.affected_lines = least.affected_lines;
              budget.risk_lines = least.risk_lines;
            }
          else if (budget.root_causes > least.root_causes)
            budget.root_causes--;
          else if (budget.title_lines > least.title_lines)
            budget.title_lines--;
          else
            budget.cell_lines = least.cell_lines;
        }
      self->subject = g_strdup (_("Manager summary"));
    }
  else
    {
      b.flow = new_flow (self, language);
      b.width = pm_pdf_flow_get_content_width (b.flow);
      add_title_block (&b);
      add_participants (&b);
      add_what_happened (&b);
      add_impact (&b);
      add_timeline (&b);
      add_root_causes (&b);
      add_measures (&b);
      add_follow_ups (&b);
      add_lessons (&b);
      add_parking_lot (&b);
      add_findings (&b);
      self->subject = g_strdup (_("Postmortem protocol"));
    }
  self->flow = b.flow;
  pm_pdf_flow_set_page_func (self->flow, draw_furniture, self);

  /* What every page shows */
  self->title = has_text (pm_document_get_title (document))
    ? pm_export_clean_text (pm_document_get_title (document), PM_CLEAN_SINGLE_LINE)
    : g_strdup (_("Untitled postmortem"));
  self->header_title = clean_line (self->title);
  classification = pm_document_get_field (document, PM_FIELD_CLASSIFICATION);
  if (has_text (classification))
    {
      g_autofree char *label = clean_line (pm_export_label (PM_VOCABULARY_CLASSIFICATION, classification));

      self->classification = g_utf8_strup (label, -1);
      self->classification_color = classification_color (classification);
    }
  key = pm_document_get_field (document, PM_FIELD_REFERENCE_KEY);
  if (has_text (key))
    {
      g_autofree char *clean = clean_line (key);

      self->footer_left = g_strdup_printf ("%s · %s", self->subject, clean);
    }
  else
    self->footer_left = g_strdup (self->subject);
  for (guint i = 0; i < pm_pdf_flow_get_n_pages (self->flow); i++)
    /* Translators: the page number in the footer of an exported document */
    g_ptr_array_add (self->page_labels, g_strdup_printf (_("Page %u of %u"), i + 1,
                                                         pm_pdf_flow_get_n_pages (self->flow)));

  self->author = moderator_names (document, &n_moderators);
  tags = pm_document_get_tags (document);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (keywords, ", ");
      g_string_append (keywords, tags[i]);
    }
  self->keywords = pm_export_clean_text (keywords->str, PM_CLEAN_SINGLE_LINE);

  fonts_clear (&b.fonts);
  g_time_zone_unref (b.zone);
  pm_export_language_pop (saved);
  return self;
}

guint
pm_pdf_writer_get_n_pages (PmPdfWriter *self)
{
  g_return_val_if_fail (PM_IS_PDF_WRITER (self), 0);

  return pm_pdf_flow_get_n_pages (self->flow);
}

void
pm_pdf_writer_get_page_size (PmPdfWriter *self,
                             double      *width,
                             double      *height)
{
  g_return_if_fail (PM_IS_PDF_WRITER (self));

  if (width != NULL)
    *width = self->page_width;
  if (height != NULL)
    *height = self->page_height;
}

void
pm_pdf_writer_draw_page (PmPdfWriter *self,
                         cairo_t     *cr,
                         guint        page)
{
  g_return_if_fail (PM_IS_PDF_WRITER (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < pm_pdf_writer_get_n_pages (self));

  pm_pdf_flow_draw_page (self->flow, cr, page);
}

GBytes *
pm_pdf_writer_write_bytes (PmPdfWriter  *self,
                           GError      **error)
{
  PmPdfMetadata metadata = { 0 };

  g_return_val_if_fail (PM_IS_PDF_WRITER (self), NULL);

  metadata.title = self->title;
  metadata.subject = self->subject;
  metadata.author = self->author;
  metadata.keywords = self->keywords;
  /* Reproducible: the creation date is the export's moment ($SOURCE_DATE_EPOCH). */
  metadata.date = self->now;
  return pm_pdf_flow_write_pdf (self->flow, self->page_width, self->page_height, &metadata,
                                MARGIN_X, error);
}

gboolean
pm_pdf_writer_write_file (PmDocument            *document,
                          const PmExportOptions *options,
                          const char            *path,
                          GError               **error)
{
  g_autoptr(PmPdfWriter) writer = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  writer = pm_pdf_writer_new (document, options, 0, 0);
  bytes = pm_pdf_writer_write_bytes (writer, error);
  if (bytes == NULL)
    return FALSE;
  return pm_atomic_file_write (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error);
}
