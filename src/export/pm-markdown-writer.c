/* pm-markdown-writer.c — the full protocol and the manager summary as Markdown
 *
 * Escaping follows the rules measured with cmark (reliability.md P11, X1, X2): user text is
 * cleaned first (pm_export_clean_text: no control characters, no bidi overrides, no white space
 * at line starts, so no indented code and no hard breaks by trailing blanks), then every ASCII
 * punctuation character that can mean something where it stands is backslash-escaped:
 *   - everywhere: \ ` * < [ ] & | ~ $ ^ { } # (code, emphasis, HTML and autolinks, links and
 *     images, entities, tables, strikethrough, math and extensions, headings and their closing
 *     sequences);
 *   - at the start of a line or of a list item, where blocks open: - + = > _ (lists, setext
 *     underlines, block quotes, thematic breaks);
 *   - "." and ")" after digits that start a line, before a space or the line's end (ordered
 *     lists);
 *   - "_" unless it sits between two letters or digits (where it cannot emphasise).
 * What is left — ! " ' ( ) , . / : ; ? @ % and "-" inside a line — means nothing without one of
 * the escaped characters in CommonMark, so prose stays readable in the raw file.
 * GitHub-style renderers (GFM's autolink extension) also make links of bare text: "www.",
 * "scheme://", "user@host" and the "mailto:"/"xmpp:" forms of the latter. Escapes do not stop
 * them everywhere (cmark-gfm links "a\@b.com"; renderers that join text nodes first ignore
 * every escape), so the pattern itself is broken with an invisible U+2060 WORD JOINER: "www⁠.",
 * "http⁠://", "a⁠@b.com". The text reads and prints as typed; links we make on purpose (tickets,
 * evidence) are written as [label](url) and keep working. Multi-line text keeps
 * its line breaks as "\" hard breaks inside its own paragraphs; in table cells they become <br>,
 * the only HTML we write.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pm-analysis.h"
#include "pm-parking-topic.h"
#include "pm-review.h"
#include "pm-status-change.h"
#include "pm-export-i18n-private.h"
#include "pm-markdown-writer.h"

/* ASCII punctuation escaped wherever it is. */
static const char always_escaped[] = "\\`*<[]&|~$^{}#";
/* Escaped at the start of a line, where it can open a block or underline a heading. */
static const char start_escaped[] = "-+=>_";

/* U+2060 WORD JOINER: invisible, no line break, and not part of any autolink pattern. */
#define LINK_BREAKER "\xe2\x81\xa0"

typedef struct
{
  PmDocument *document;
  GString    *out;
  GTimeZone  *zone;
  GDateTime  *now;
  gboolean    block_start;  /* the next text opens a block (after a list marker) */
} Writer;

/* ------------------------------------------------------------------------------------------ */
/* Escaping                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
escape_into (GString    *out,
             const char *text,
             gboolean    table_cell,
             gboolean    line_start)
{
  gboolean line_digits = FALSE; /* only digits so far on this line */
  gunichar previous = 0;
  gunichar before_previous = 0;
  gunichar third_previous = 0;

  if (text == NULL)
    return;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean escape = FALSE;

      if (c == '\n')
        {
          g_string_append (out, table_cell ? "<br>" : "\n");
          line_start = TRUE;
          line_digits = FALSE;
          previous = before_previous = third_previous = 0;
          continue;
        }

      /* GFM autolinks (see the top of the file): "user@host" needs a character before the
       * "@", "scheme://" is recognised at its ":", "www." at its dot. */
      if ((c == '@' && previous != 0 && !g_unichar_isspace (previous)) ||
          (c == ':' && p[1] == '/' && p[2] == '/') ||
          (c == '.' && g_ascii_tolower (previous) == 'w' &&
           g_ascii_tolower (before_previous) == 'w' && g_ascii_tolower (third_previous) == 'w'))
        g_string_append (out, LINK_BREAKER);

      if (c < 0x80 && strchr (always_escaped, (char)c) != NULL)
        escape = TRUE;
      else if (line_start && c < 0x80 && strchr (start_escaped, (char)c) != NULL)
        escape = TRUE;
      else if ((c == '.' || c == ')') && line_digits &&
               (p[1] == '\0' || p[1] == ' ' || p[1] == '\n'))
        escape = TRUE;  /* "1. " and "1) " open ordered lists; "26.10.2024" does not */
      else if (c == '_')
        {
          /* Inside a word ("RELEASE_DEPLOY_KEY") an underscore cannot emphasise. */
          gunichar next = g_utf8_get_char (g_utf8_next_char (p));

          escape = !(g_unichar_isalnum (previous) && g_unichar_isalnum (next));
        }

      if (escape)
        g_string_append_c (out, '\\');
      g_string_append_unichar (out, c);

      line_digits = (line_start || line_digits) && g_ascii_isdigit (c);
      line_start = FALSE;
      third_previous = before_previous;
      before_previous = previous;
      previous = c;
    }
}

void
pm_markdown_escape (GString    *out,
                    const char *text,
                    gboolean    table_cell)
{
  g_return_if_fail (out != NULL);

  /* Without context, assume the text opens a line. */
  escape_into (out, text, table_cell, TRUE);
}

/* Whether text written now starts a line or a block. */
static gboolean
at_block_start (Writer *w)
{
  gboolean start = w->block_start || w->out->len == 0 || w->out->str[w->out->len - 1] == '\n';

  w->block_start = FALSE;
  return start;
}

/* A list item's marker: what follows it opens a block. */
static void
md_item (Writer     *w,
         const char *marker)
{
  g_string_append (w->out, marker);
  w->block_start = TRUE;
}

/* Single-line user text. */
static void
md_inline (Writer     *w,
           const char *raw)
{
  g_autofree char *clean = pm_export_clean_text (raw, PM_CLEAN_SINGLE_LINE);

  escape_into (w->out, clean, FALSE, at_block_start (w));
}

/* Multi-line user text in a table cell. */
static void
md_cell (Writer     *w,
         const char *raw)
{
  g_autofree char *clean = pm_export_clean_text (raw, PM_CLEAN_DEFAULT);

  escape_into (w->out, clean, TRUE, at_block_start (w));
}

/* Multi-line user text as paragraphs; lines after the first are prefixed with @indent (inside
 * list items). Line breaks within a paragraph are hard breaks. */
static void
md_paragraphs (Writer     *w,
               const char *raw,
               const char *indent)
{
  g_autofree char *clean = pm_export_clean_text (raw, PM_CLEAN_DEFAULT);
  g_auto(GStrv) lines = g_strsplit (clean, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        {
          if (lines[i][0] == '\0')
            {
              g_string_append (w->out, "\n");
              continue;
            }
          if (lines[i - 1][0] == '\0')
            g_string_append_printf (w->out, "\n%s", indent);
          else
            g_string_append_printf (w->out, "\\\n%s", indent);
        }
      escape_into (w->out, lines[i], FALSE, at_block_start (w) || i > 0);
    }
}

static gboolean
has_text (const char *raw)
{
  g_autofree char *clean = pm_export_clean_text (raw, PM_CLEAN_SINGLE_LINE);

  return *clean != '\0';
}

/* A link from @url with @label (escaped); without a safe URL both are plain text. */
static void
md_link (Writer     *w,
         const char *label,
         const char *url)
{
  g_autofree char *safe = pm_export_safe_url (url);
  gboolean has_label = has_text (label);

  if (safe == NULL)
    {
      if (has_label)
        md_inline (w, label);
      if (has_text (url))
        {
          if (has_label)
            g_string_append (w->out, " (");
          md_inline (w, url);
          if (has_label)
            g_string_append (w->out, ")");
        }
      return;
    }

  g_string_append_c (w->out, '[');
  md_inline (w, has_label ? label : url);
  g_string_append (w->out, "](");
  for (const char *p = safe; *p != '\0'; p++)
    {
      /* Entities and backslash escapes work in link destinations too. */
      if (*p == '&')
        g_string_append_c (w->out, '\\');
      g_string_append_c (w->out, *p);
    }
  g_string_append_c (w->out, ')');
}

/* Our own fixed text: translated strings hold no user text, but a translation may hold
 * punctuation, so it is escaped like everything else. */
static void
md_fixed (Writer     *w,
          const char *text)
{
  escape_into (w->out, text, FALSE, at_block_start (w));
}

static void
md_heading (Writer     *w,
            int         level,
            const char *fixed)
{
  g_string_append_printf (w->out, "%.*s ", level, "######");
  md_fixed (w, fixed);
  g_string_append (w->out, "\n\n");
}

/* "**Label:** " */
static void
md_label (Writer     *w,
          const char *fixed)
{
  g_string_append (w->out, "**");
  md_fixed (w, fixed);
  g_string_append (w->out, "**");
}

static void
md_table_header (Writer             *w,
                 const char * const *columns)
{
  guint n = 0;

  g_string_append (w->out, "|");
  for (; columns[n] != NULL; n++)
    {
      g_string_append_c (w->out, ' ');
      md_fixed (w, columns[n]);
      g_string_append (w->out, " |");
    }
  g_string_append (w->out, "\n|");
  for (guint i = 0; i < n; i++)
    g_string_append (w->out, " --- |");
  g_string_append_c (w->out, '\n');
}

/* ------------------------------------------------------------------------------------------ */
/* Pieces shared by both documents                                                            */
/* ------------------------------------------------------------------------------------------ */

static char *
incident_span (Writer *w)
{
  const PmTime *start = pm_document_get_start (w->document);
  const PmTime *end = pm_document_get_end (w->document);
  g_autofree char *from = NULL, *to = NULL;

  if (start == NULL && end == NULL)
    return NULL;
  from = start ? pm_export_format_time_line (start, w->zone) : g_strdup ("…");
  to = end ? pm_export_format_time_line (end, w->zone) : g_strdup ("…");
  return g_strdup_printf ("%s – %s", from, to);
}

static void
write_title (Writer     *w,
             const char *kind_label)
{
  const char *classification = pm_document_get_field (w->document, PM_FIELD_CLASSIFICATION);
  const char *key = pm_document_get_field (w->document, PM_FIELD_REFERENCE_KEY);
  const char *url = pm_document_get_field (w->document, PM_FIELD_REFERENCE_URL);

  g_string_append (w->out, "# ");
  if (has_text (pm_document_get_title (w->document)))
    md_inline (w, pm_document_get_title (w->document));
  else
    md_fixed (w, _("Untitled postmortem"));
  g_string_append (w->out, "\n\n*");
  md_fixed (w, kind_label);
  g_string_append_c (w->out, '*');
  if (*classification != '\0')
    {
      g_string_append (w->out, " · ");
      md_fixed (w, _("Classification:"));
      g_string_append (w->out, " **");
      md_inline (w, pm_export_label (PM_VOCABULARY_CLASSIFICATION, classification));
      g_string_append (w->out, "**");
    }
  if (has_text (key) || has_text (url))
    {
      g_string_append (w->out, " · ");
      md_link (w, key, url);
    }
  g_string_append (w->out, "\n\n");
}

static void
fact_row (Writer     *w,
          const char *label,
          const char *raw_value)
{
  if (!has_text (raw_value))
    return;
  g_string_append (w->out, "| ");
  md_label (w, label);
  g_string_append (w->out, " | ");
  md_cell (w, raw_value);
  g_string_append (w->out, " |\n");
}

/* ------------------------------------------------------------------------------------------ */
/* The full protocol                                                                          */
/* ------------------------------------------------------------------------------------------ */

static void
write_facts (Writer *w)
{
  PmDocument *doc = w->document;
  GListModel *participants = pm_document_get_participants (doc);
  const char *key = pm_document_get_field (doc, PM_FIELD_REFERENCE_KEY);
  const char *url = pm_document_get_field (doc, PM_FIELD_REFERENCE_URL);
  g_autofree char *span = incident_span (w);
  g_autofree char *detected = NULL;
  g_autoptr(GString) moderators = g_string_new (NULL);
  g_autoptr(GString) tags = g_string_new (NULL);
  const char * const *tag_list = pm_document_get_tags (doc);
  const char * const columns[] = { "", "", NULL };
  guint n_moderators = 0;

  if (pm_document_get_detected (doc) != NULL)
    detected = pm_export_format_time_line (pm_document_get_detected (doc), w->zone);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);

      if (!pm_participant_get_moderator (participant))
        continue;
      n_moderators++;
      if (moderators->len > 0)
        g_string_append (moderators, ", ");
      g_string_append (moderators, pm_participant_get_name (participant));
    }
  for (guint i = 0; tag_list[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (tags, ", ");
      g_string_append (tags, tag_list[i]);
    }

  md_table_header (w, columns);
  if (has_text (key) || has_text (url))
    {
      g_string_append (w->out, "| ");
      md_label (w, _("Reference"));
      g_string_append (w->out, " | ");
      md_link (w, key, url);
      g_string_append (w->out, " |\n");
    }
  fact_row (w, _("Incident"), span);
  if (pm_document_get_effective_duration_minutes (doc) >= 0)
    {
      g_autofree char *duration = pm_export_format_duration (pm_document_get_effective_duration_minutes (doc));

      fact_row (w, _("Duration"), duration);
    }
  fact_row (w, _("Detected"), detected);
  fact_row (w, _("Severity"), pm_export_label (PM_VOCABULARY_SEVERITY,
                                               pm_document_get_field (doc, PM_FIELD_SEVERITY)));
  fact_row (w, _("Status"), pm_export_label (PM_VOCABULARY_DOCUMENT_STATUS,
                                             pm_document_get_field (doc, PM_FIELD_STATUS)));
  fact_row (w, _("Classification"), pm_export_label (PM_VOCABULARY_CLASSIFICATION,
                                                     pm_document_get_field (doc, PM_FIELD_CLASSIFICATION)));
  fact_row (w, _("Time zone"), g_time_zone_get_identifier (w->zone));
  fact_row (w, dngettext (GETTEXT_PACKAGE, "Moderator", "Moderators", MAX (n_moderators, 1)),
            moderators->str);
  fact_row (w, _("Tags"), tags->str);
  g_string_append_c (w->out, '\n');

  if (g_list_model_get_n_items (participants) > 0)
    {
      gboolean any_absent = FALSE;

      md_heading (w, 2, _("Participants"));
      for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
        {
          g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);

          if (!pm_participant_get_attended (participant))
            {
              any_absent = TRUE;
              continue;
            }
          md_item (w, "- ");
          md_inline (w, pm_participant_get_name (participant));
          if (has_text (pm_participant_get_role (participant)))
            {
              g_string_append (w->out, " — ");
              md_inline (w, pm_participant_get_role (participant));
            }
          g_string_append_c (w->out, '\n');
        }
      if (any_absent)
        {
          gboolean first = TRUE;

          g_string_append (w->out, "\n");
          md_label (w, _("Invited, did not attend:"));
          g_string_append_c (w->out, ' ');
          for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
            {
              g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);

              if (pm_participant_get_attended (participant))
                continue;
              if (!first)
                g_string_append (w->out, ", ");
              first = FALSE;
              md_inline (w, pm_participant_get_name (participant));
              if (has_text (pm_participant_get_role (participant)))
                {
                  g_string_append (w->out, " (");
                  md_inline (w, pm_participant_get_role (participant));
                  g_string_append (w->out, ")");
                }
            }
          g_string_append_c (w->out, '\n');
        }
      g_string_append_c (w->out, '\n');
    }
}

static void
labelled_paragraph (Writer     *w,
                    const char *label,
                    const char *raw)
{
  if (!has_text (raw))
    return;
  md_label (w, label);
  g_string_append_c (w->out, ' ');
  md_paragraphs (w, raw, "");
  g_string_append (w->out, "\n\n");
}

static void
write_what_happened (Writer *w)
{
  PmDocument *doc = w->document;

  md_heading (w, 2, _("What happened"));
  labelled_paragraph (w, _("In brief:"), pm_document_get_field (doc, PM_FIELD_TEASER));
  if (has_text (pm_document_get_field (doc, PM_FIELD_SUMMARY)))
    {
      md_paragraphs (w, pm_document_get_field (doc, PM_FIELD_SUMMARY), "");
      g_string_append (w->out, "\n\n");
    }
  else if (!has_text (pm_document_get_field (doc, PM_FIELD_TEASER)))
    {
      g_string_append_c (w->out, '*');
      md_fixed (w, _("Not written yet."));
      g_string_append (w->out, "*\n\n");
    }
}

static void
write_figures_table (Writer *w)
{
  PmDocument *doc = w->document;
  gint64 duration = pm_document_get_effective_duration_minutes (doc);
  gint64 cost = pm_document_get_cost_amount (doc);
  gint64 effort = pm_document_get_effort_hours (doc);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);

  if (duration >= 0)
    {
      g_ptr_array_add (columns, (gpointer)_("Duration"));
      g_ptr_array_add (values, pm_export_format_duration (duration));
    }
  if (cost >= 0)
    {
      g_ptr_array_add (columns, (gpointer)_("Cost"));
      g_ptr_array_add (values, pm_export_format_money (cost, pm_document_get_field (doc, PM_FIELD_COST_CURRENCY)));
    }
  if (effort >= 0)
    {
      g_autofree char *number = pm_export_format_number (effort);

      g_ptr_array_add (columns, (gpointer)_("Effort"));
      /* Translators: %s is a number of hours of work, e.g. "640 person-hours" */
      g_ptr_array_add (values, g_strdup_printf (_("%s person-hours"), number));
    }
  if (columns->len == 0)
    return;

  g_ptr_array_add (columns, NULL);
  md_table_header (w, (const char * const *)columns->pdata);
  g_string_append (w->out, "|");
  for (guint i = 0; i < values->len; i++)
    {
      g_string_append_c (w->out, ' ');
      md_inline (w, values->pdata[i]);
      g_string_append (w->out, " |");
    }
  g_string_append (w->out, "\n\n");
}

static void
write_impact (Writer *w)
{
  PmDocument *doc = w->document;

  md_heading (w, 2, _("Impact"));
  write_figures_table (w);
  labelled_paragraph (w, _("Affected:"), pm_document_get_field (doc, PM_FIELD_AFFECTED));
  labelled_paragraph (w, _("Data affected:"), pm_document_get_field (doc, PM_FIELD_DATA_AFFECTED));
  labelled_paragraph (w, _("Risk:"), pm_document_get_field (doc, PM_FIELD_RISK));
}

static void
event_flags (Writer  *w,
             PmEvent *event)
{
  if (pm_event_get_contributed (event))
    {
      g_string_append (w->out, " · *");
      md_fixed (w, _("contributed to the incident"));
      g_string_append_c (w->out, '*');
    }
  if (pm_event_get_slowed_response (event))
    {
      g_string_append (w->out, " · *");
      md_fixed (w, _("slowed the response"));
      g_string_append_c (w->out, '*');
    }
  if (pm_event_get_confidential (event))
    {
      g_string_append (w->out, " · *");
      md_fixed (w, _("confidential"));
      g_string_append_c (w->out, '*');
    }
}

static void
write_timeline (Writer *w)
{
  GListModel *events = pm_document_get_events (w->document);
  guint n = g_list_model_get_n_items (events);
  const char * const columns[] = {
    /* Translators: column header: the number of an event in timeline order */
    C_("column", "#"),
    C_("column", "Time"), C_("column", "Precision"), C_("column", "Lane"), C_("column", "Event"),
    NULL
  };

  md_heading (w, 2, _("Timeline"));
  if (n == 0)
    {
      g_string_append_c (w->out, '*');
      md_fixed (w, _("No events yet."));
      g_string_append (w->out, "*\n\n");
      return;
    }

  {
    g_autofree char *zone_line = g_strdup_printf (_("Times are shown in %s, with their offset from UTC."),
                                                  g_time_zone_get_identifier (w->zone));

    md_fixed (w, zone_line);
    g_string_append (w->out, "\n\n");
  }

  md_table_header (w, columns);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      const char * const *evidence = pm_event_get_evidence (event);
      PmExportTime time;

      pm_export_format_time (pm_event_get_time (event), w->zone, &time);
      g_string_append_printf (w->out, "| %u | ", i + 1);
      if (time.date == NULL)
        {
          g_string_append_c (w->out, '*');
          md_fixed (w, time.precision);
          g_string_append_c (w->out, '*');
        }
      else
        {
          md_fixed (w, time.date);
          if (time.time != NULL)
            {
              g_string_append_c (w->out, ' ');
              md_fixed (w, time.time);
              g_string_append_c (w->out, ' ');
              md_fixed (w, time.offset);
            }
          if (time.entered != NULL)
            {
              g_string_append (w->out, "<br>*");
              md_fixed (w, time.entered);
              g_string_append_c (w->out, '*');
            }
        }
      g_string_append (w->out, " | ");
      if (time.date != NULL)
        md_fixed (w, time.precision);
      g_string_append (w->out, " | ");
      md_inline (w, pm_export_event_lane (event));
      g_string_append (w->out, " | ");
      if (has_text (pm_event_get_kind (event)))
        {
          g_string_append (w->out, "**");
          md_inline (w, pm_export_label (PM_VOCABULARY_EVENT_KIND, pm_event_get_kind (event)));
          g_string_append (w->out, "** · ");
        }
      if (has_text (pm_event_get_actor (event)))
        {
          md_inline (w, pm_event_get_actor (event));
          g_string_append (w->out, ": ");
        }
      md_cell (w, pm_event_get_text (event));
      event_flags (w, event);
      for (guint e = 0; evidence[e] != NULL; e++)
        {
          g_string_append (w->out, e == 0 ? "<br>" : ", ");
          if (e == 0)
            {
              md_fixed (w, _("Evidence:"));
              g_string_append_c (w->out, ' ');
            }
          md_link (w, NULL, evidence[e]);
        }
      g_string_append (w->out, " |\n");
      pm_export_time_clear (&time);
    }
  g_string_append_c (w->out, '\n');
}

/* The event numbers (in timeline order) of @ids, "3, 9, 23". */
static char *
event_numbers (PmDocument         *document,
               const char * const *ids)
{
  GListModel *events = pm_document_get_events (document);
  GString *out = g_string_new (NULL);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      PmEvent *event = pm_document_find_event (document, ids[i]);

      if (event == NULL)
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (events); k++)
        {
          g_autoptr(PmEvent) item = g_list_model_get_item (events, k);

          if (item == event)
            {
              if (out->len > 0)
                g_string_append (out, ", ");
              g_string_append_printf (out, "%u", k + 1);
              break;
            }
        }
    }
  return g_string_free (out, FALSE);
}

static void
write_root_causes (Writer *w)
{
  GListModel *root_causes = pm_document_get_root_causes (w->document);
  guint n = g_list_model_get_n_items (root_causes);
  const char *columns[PM_N_PRINCIPLES + 2];

  md_heading (w, 2, _("Root causes"));
  if (n == 0)
    {
      g_string_append_c (w->out, '*');
      md_fixed (w, _("No root causes yet."));
      g_string_append (w->out, "*\n\n");
      return;
    }

  /* The principle grid: every root cause against the seven principles. */
  columns[0] = C_("column", "Root cause");
  for (guint p = 0; p < PM_N_PRINCIPLES; p++)
    columns[p + 1] = pm_export_principle_label (p);
  columns[PM_N_PRINCIPLES + 1] = NULL;
  md_table_header (w, columns);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);

      g_string_append_printf (w->out, "| %u\\. ", i + 1);
      md_inline (w, pm_root_cause_get_title (root_cause));
      g_string_append (w->out, " |");
      for (guint p = 0; p < PM_N_PRINCIPLES; p++)
        {
          const char *verdict = pm_assessment_get_verdict (pm_root_cause_get_assessment (root_cause, p));

          g_string_append_c (w->out, ' ');
          if (g_str_equal (verdict, "not-assessed"))
            g_string_append (w->out, "—");
          else if (g_str_equal (verdict, "contributed"))
            {
              g_string_append (w->out, "**");
              md_inline (w, pm_export_label (PM_VOCABULARY_VERDICT, verdict));
              g_string_append (w->out, "**");
            }
          else
            md_inline (w, pm_export_label (PM_VOCABULARY_VERDICT, verdict));
          g_string_append (w->out, " |");
        }
      g_string_append_c (w->out, '\n');
    }
  g_string_append_c (w->out, '\n');

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);
      g_autofree char *numbers = event_numbers (w->document, pm_root_cause_get_events (root_cause));
      const char * const note_columns[] = {
        C_("column", "Principle"), C_("column", "Verdict"), C_("column", "Note"), NULL
      };
      gboolean any_note = FALSE;

      g_string_append_printf (w->out, "### %u\\. ", i + 1);
      md_inline (w, pm_root_cause_get_title (root_cause));
      g_string_append (w->out, "\n\n");

      if (has_text (pm_root_cause_get_category (root_cause)) || *numbers != '\0')
        {
          if (has_text (pm_root_cause_get_category (root_cause)))
            {
              md_label (w, _("Category:"));
              g_string_append_c (w->out, ' ');
              md_inline (w, pm_export_label (PM_VOCABULARY_CATEGORY, pm_root_cause_get_category (root_cause)));
            }
          if (*numbers != '\0')
            {
              if (has_text (pm_root_cause_get_category (root_cause)))
                g_string_append (w->out, " · ");
              md_label (w, _("Explains events:"));
              g_string_append_c (w->out, ' ');
              md_fixed (w, numbers);
            }
          g_string_append (w->out, "\n\n");
        }
      if (has_text (pm_root_cause_get_description (root_cause)))
        {
          md_paragraphs (w, pm_root_cause_get_description (root_cause), "");
          g_string_append (w->out, "\n\n");
        }

      for (guint p = 0; p < PM_N_PRINCIPLES; p++)
        {
          PmAssessment *assessment = pm_root_cause_get_assessment (root_cause, p);

          if (!g_str_equal (pm_assessment_get_verdict (assessment), "not-assessed") ||
              has_text (pm_assessment_get_note (assessment)))
            any_note = TRUE;
        }
      if (!any_note)
        continue;

      md_table_header (w, note_columns);
      for (guint p = 0; p < PM_N_PRINCIPLES; p++)
        {
          PmAssessment *assessment = pm_root_cause_get_assessment (root_cause, p);
          const char *verdict = pm_assessment_get_verdict (assessment);

          if (g_str_equal (verdict, "not-assessed") && !has_text (pm_assessment_get_note (assessment)))
            continue;
          g_string_append (w->out, "| ");
          md_fixed (w, pm_export_principle_label (p));
          g_string_append (w->out, " | ");
          md_inline (w, pm_export_label (PM_VOCABULARY_VERDICT, verdict));
          g_string_append (w->out, " | ");
          md_cell (w, pm_assessment_get_note (assessment));
          g_string_append (w->out, " |\n");
        }
      g_string_append_c (w->out, '\n');
    }
}

static void
measure_owner (Writer    *w,
               PmMeasure *measure)
{
  const char *owner = pm_measure_get_owner (measure);

  if (owner != NULL)
    md_inline (w, pm_export_participant_name (w->document, owner));
  if (has_text (pm_measure_get_escalation (measure)))
    {
      if (owner != NULL)
        g_string_append (w->out, "; ");
      md_fixed (w, _("decision by"));
      g_string_append_c (w->out, ' ');
      md_inline (w, pm_measure_get_escalation (measure));
    }
  if (owner == NULL && !has_text (pm_measure_get_escalation (measure)))
    g_string_append (w->out, "—");
}

static void
list_item (Writer     *w,
           const char *label,
           const char *raw)
{
  if (!has_text (raw))
    return;
  g_string_append (w->out, "- ");
  md_label (w, label);
  g_string_append_c (w->out, ' ');
  md_paragraphs (w, raw, "  ");
  g_string_append_c (w->out, '\n');
}

static void
write_measures (Writer *w)
{
  GListModel *measures = pm_document_get_measures (w->document);
  guint n = g_list_model_get_n_items (measures);
  const char * const columns[] = {
    C_("column", "Owner"), C_("column", "Status"), C_("column", "Due"), C_("column", "Ticket"), NULL
  };

  md_heading (w, 2, _("Measures"));
  if (n == 0)
    {
      g_string_append_c (w->out, '*');
      md_fixed (w, _("No measures yet."));
      g_string_append (w->out, "*\n\n");
      return;
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      g_autofree char *due = pm_export_format_iso_date (pm_measure_get_due (measure));
      const char * const *root_cause_ids = pm_measure_get_root_causes (measure);
      GListModel *history = pm_measure_get_history (measure);
      g_autoptr(GString) addresses = g_string_new (NULL);

      g_string_append_printf (w->out, "### %u\\. ", i + 1);
      md_inline (w, pm_measure_get_title (measure));
      g_string_append (w->out, "\n\n");

      md_table_header (w, columns);
      g_string_append (w->out, "| ");
      measure_owner (w, measure);
      g_string_append (w->out, " | ");
      md_inline (w, pm_export_label (PM_VOCABULARY_MEASURE_STATUS, pm_measure_get_status (measure)));
      g_string_append (w->out, " | ");
      if (*due != '\0')
        md_inline (w, due);
      else
        g_string_append (w->out, "—");
      g_string_append (w->out, " | ");
      if (has_text (pm_measure_get_ticket_key (measure)) || has_text (pm_measure_get_ticket_url (measure)))
        md_link (w, pm_measure_get_ticket_key (measure), pm_measure_get_ticket_url (measure));
      else
        g_string_append (w->out, "—");
      g_string_append (w->out, " |\n\n");

      if (has_text (pm_measure_get_description (measure)))
        {
          md_paragraphs (w, pm_measure_get_description (measure), "");
          g_string_append (w->out, "\n\n");
        }

      for (guint r = 0; root_cause_ids[r] != NULL; r++)
        {
          PmRootCause *root_cause = pm_document_find_root_cause (w->document, root_cause_ids[r]);

          if (root_cause == NULL)
            continue;
          if (addresses->len > 0)
            g_string_append (addresses, "; ");
          g_string_append (addresses, pm_root_cause_get_title (root_cause));
        }

      list_item (w, _("Kind:"), pm_export_label (PM_VOCABULARY_MEASURE_KIND, pm_measure_get_kind (measure)));
      list_item (w, _("Addresses:"), addresses->str);
      list_item (w, _("Effort:"), pm_measure_get_effort (measure));
      if (pm_measure_get_cost_amount (measure) >= 0)
        {
          g_autofree char *cost = pm_export_format_money (pm_measure_get_cost_amount (measure),
                                                          pm_measure_get_cost_currency (measure));

          list_item (w, _("Cost:"), cost);
        }
      list_item (w, _("Expected benefit:"), pm_measure_get_benefit (measure));
      list_item (w, _("Why it was dropped:"), pm_measure_get_drop_reason (measure));
      if (pm_measure_get_summary (measure))
        list_item (w, _("Manager summary:"), _("shown"));
      if (pm_measure_get_confidential (measure))
        list_item (w, _("Confidential:"), _("for the team only"));
      if (g_list_model_get_n_items (history) > 0)
        {
          g_string_append (w->out, "- ");
          md_label (w, _("History:"));
          g_string_append_c (w->out, '\n');
          for (guint h = 0; h < g_list_model_get_n_items (history); h++)
            {
              g_autoptr(PmStatusChange) change = g_list_model_get_item (history, h);
              g_autofree char *when = pm_export_format_time_line (pm_status_change_get_time (change), w->zone);

              md_item (w, "  - ");
              md_fixed (w, when);
              g_string_append (w->out, ": ");
              md_inline (w, pm_export_label (PM_VOCABULARY_MEASURE_STATUS, pm_status_change_get_to (change)));
              if (has_text (pm_status_change_get_note (change)))
                {
                  g_string_append (w->out, " — ");
                  md_paragraphs (w, pm_status_change_get_note (change), "    ");
                }
              g_string_append_c (w->out, '\n');
            }
        }
      g_string_append_c (w->out, '\n');
    }
}

static void
write_follow_ups (Writer *w)
{
  GListModel *follow_ups = pm_document_get_follow_ups (w->document);
  guint n = g_list_model_get_n_items (follow_ups);
  const char * const columns[] = {
    C_("column", "Measure"), C_("column", "Status found"), C_("column", "Note"), NULL
  };

  if (n == 0)
    return;

  md_heading (w, 2, _("Follow-ups"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmFollowUp) follow_up = g_list_model_get_item (follow_ups, i);
      const char * const *attendees = pm_follow_up_get_attendees (follow_up);
      GListModel *reviews = pm_follow_up_get_reviews (follow_up);
      const PmTime *time = pm_follow_up_get_time (follow_up);

      g_string_append (w->out, "### ");
      if (time != NULL)
        {
          g_autofree char *when = pm_export_format_time_line (time, w->zone);

          md_fixed (w, when);
        }
      else
        md_fixed (w, _("Not scheduled yet"));
      g_string_append (w->out, "\n\n");

      if (attendees[0] != NULL)
        {
          md_label (w, _("Attended:"));
          g_string_append_c (w->out, ' ');
          for (guint a = 0; attendees[a] != NULL; a++)
            {
              if (a > 0)
                g_string_append (w->out, ", ");
              md_inline (w, pm_export_participant_name (w->document, attendees[a]));
            }
          g_string_append (w->out, "\n\n");
        }
      if (has_text (pm_follow_up_get_notes (follow_up)))
        {
          md_paragraphs (w, pm_follow_up_get_notes (follow_up), "");
          g_string_append (w->out, "\n\n");
        }
      if (g_list_model_get_n_items (reviews) > 0)
        {
          md_table_header (w, columns);
          for (guint r = 0; r < g_list_model_get_n_items (reviews); r++)
            {
              g_autoptr(PmReview) review = g_list_model_get_item (reviews, r);
              PmMeasure *measure = pm_document_find_measure (w->document, pm_review_get_measure (review));

              g_string_append (w->out, "| ");
              md_inline (w, measure ? pm_measure_get_title (measure) : pm_review_get_measure (review));
              g_string_append (w->out, " | ");
              md_inline (w, pm_export_label (PM_VOCABULARY_MEASURE_STATUS, pm_review_get_status (review)));
              g_string_append (w->out, " | ");
              md_cell (w, pm_review_get_note (review));
              g_string_append (w->out, " |\n");
            }
          g_string_append_c (w->out, '\n');
        }
    }
}

static void
write_lessons (Writer *w)
{
  PmDocument *doc = w->document;
  const char *went_well = pm_document_get_field (doc, PM_FIELD_WENT_WELL);
  const char *got_lucky = pm_document_get_field (doc, PM_FIELD_GOT_LUCKY);

  if (!has_text (went_well) && !has_text (got_lucky))
    return;

  md_heading (w, 2, _("Lessons"));
  if (has_text (went_well))
    {
      md_heading (w, 3, _("What went well"));
      md_paragraphs (w, went_well, "");
      g_string_append (w->out, "\n\n");
    }
  if (has_text (got_lucky))
    {
      md_heading (w, 3, _("Where we got lucky"));
      md_paragraphs (w, got_lucky, "");
      g_string_append (w->out, "\n\n");
    }
}

/* Topics raised in the meeting that belong elsewhere: they are part of what the meeting
 * produced, so the protocol lists them for whoever takes them up. */
static void
write_parking_lot (Writer *w)
{
  GListModel *topics = pm_document_get_parking_lot (w->document);
  guint n = g_list_model_get_n_items (topics);

  if (n == 0)
    return;

  md_heading (w, 2, _("Parking lot"));
  md_fixed (w, _("Topics raised in the meeting that belong elsewhere:"));
  g_string_append (w->out, "\n\n");
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmParkingTopic) topic = g_list_model_get_item (topics, i);
      const char *raised_by = pm_parking_topic_get_raised_by (topic);
      g_autofree char *line = NULL;

      if (has_text (raised_by))
        /* Translators: a parking-lot topic, then who raised it */
        line = g_strdup_printf (_("%s (raised by %s)"), pm_parking_topic_get_text (topic), raised_by);
      else
        line = g_strdup (pm_parking_topic_get_text (topic));
      md_item (w, "- ");
      md_inline (w, line);
      g_string_append_c (w->out, '\n');
    }
  g_string_append_c (w->out, '\n');
}

static void
write_findings (Writer *w)
{
  g_autoptr(GListModel) findings = pm_analysis_check (w->document, w->now);
  guint n = g_list_model_get_n_items (findings);
  g_autofree char *date = pm_export_format_date_long (w->now);
  g_autofree char *intro = NULL;

  md_heading (w, 2, _("Open method findings"));
  if (n == 0)
    /* Translators: %s is a date */
    intro = g_strdup_printf (_("The method check found nothing to improve, as of %s."), date);
  else
    /* Translators: %s is a date */
    intro = g_strdup_printf (_("Advice from the method check, as of %s:"), date);
  md_fixed (w, intro);
  g_string_append (w->out, "\n\n");

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmFinding) finding = g_list_model_get_item (findings, i);

      g_string_append (w->out, "- **");
      md_fixed (w, pm_finding_get_severity (finding) == PM_FINDING_WARNING ? _("Warning") : _("Note"));
      g_string_append (w->out, ":** ");
      /* Findings quote titles and texts of the document: user text. */
      md_inline (w, pm_finding_get_message (finding));
      g_string_append_c (w->out, '\n');
    }
  if (n > 0)
    g_string_append_c (w->out, '\n');
}

/* ------------------------------------------------------------------------------------------ */
/* The manager summary                                                                        */
/* ------------------------------------------------------------------------------------------ */

static void
write_summary (Writer *w)
{
  PmDocument *doc = w->document;
  g_autofree char *span = incident_span (w);
  const char *teaser = pm_document_get_field (doc, PM_FIELD_TEASER);
  const char *severity = pm_document_get_field (doc, PM_FIELD_SEVERITY);
  GListModel *root_causes = pm_document_get_root_causes (doc);
  GListModel *measures = pm_document_get_measures (doc);
  g_autoptr(GPtrArray) chosen = NULL;
  const char * const *statuses = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_STATUS);
  guint counts[6], n_other, n_overdue, n_marked;
  guint n_measures = g_list_model_get_n_items (measures);
  gboolean first = TRUE;

  write_title (w, _("Manager summary"));

  if (has_text (severity) || span != NULL)
    {
      if (has_text (severity))
        {
          md_label (w, _("Severity:"));
          g_string_append_c (w->out, ' ');
          md_inline (w, pm_export_label (PM_VOCABULARY_SEVERITY, severity));
        }
      if (span != NULL)
        {
          if (has_text (severity))
            g_string_append (w->out, " · ");
          md_label (w, _("Incident:"));
          g_string_append_c (w->out, ' ');
          md_fixed (w, span);
        }
      g_string_append (w->out, "\n\n");
    }

  md_heading (w, 2, _("What happened"));
  if (has_text (teaser))
    md_paragraphs (w, teaser, "");
  else if (has_text (pm_document_get_field (doc, PM_FIELD_SUMMARY)))
    {
      /* No teaser: the first paragraph of the summary. */
      g_autofree char *clean = pm_export_clean_text (pm_document_get_field (doc, PM_FIELD_SUMMARY),
                                                     PM_CLEAN_DEFAULT);
      char *end = strstr (clean, "\n\n");

      if (end != NULL)
        *end = '\0';
      md_paragraphs (w, clean, "");
    }
  else
    {
      g_string_append_c (w->out, '*');
      md_fixed (w, _("Not written yet."));
      g_string_append_c (w->out, '*');
    }
  g_string_append (w->out, "\n\n");

  md_heading (w, 2, _("Impact and cost"));
  write_figures_table (w);
  labelled_paragraph (w, _("Affected:"), pm_document_get_field (doc, PM_FIELD_AFFECTED));
  labelled_paragraph (w, _("Risk:"), pm_document_get_field (doc, PM_FIELD_RISK));

  md_heading (w, 2, _("Root causes"));
  for (guint i = 0; i < g_list_model_get_n_items (root_causes); i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);

      md_item (w, "- ");
      md_inline (w, pm_root_cause_get_title (root_cause));
      g_string_append_c (w->out, '\n');
    }
  if (g_list_model_get_n_items (root_causes) == 0)
    {
      g_string_append_c (w->out, '*');
      md_fixed (w, _("No root causes yet."));
      g_string_append_c (w->out, '*');
    }
  g_string_append_c (w->out, '\n');

  md_heading (w, 2, _("Decisions and attention needed"));
  chosen = pm_export_summary_measures (doc, &n_marked);
  if (chosen->len == 0)
    {
      g_string_append_c (w->out, '*');
      md_fixed (w, _("No measure needs a decision."));
      g_string_append (w->out, "*\n\n");
    }
  else
    {
      const char * const columns[] = {
        C_("column", "Measure"), C_("column", "Owner or decision"), C_("column", "Status"),
        C_("column", "Due"), C_("column", "Cost"), C_("column", "Expected benefit"), NULL
      };

      md_table_header (w, columns);
      for (guint i = 0; i < chosen->len; i++)
        {
          PmMeasure *measure = chosen->pdata[i];
          g_autofree char *due = pm_export_format_iso_date (pm_measure_get_due (measure));

          g_string_append (w->out, "| ");
          md_inline (w, pm_measure_get_title (measure));
          g_string_append (w->out, " | ");
          measure_owner (w, measure);
          g_string_append (w->out, " | ");
          md_inline (w, pm_export_label (PM_VOCABULARY_MEASURE_STATUS, pm_measure_get_status (measure)));
          g_string_append (w->out, " | ");
          md_inline (w, *due ? due : "—");
          g_string_append (w->out, " | ");
          if (pm_measure_get_cost_amount (measure) >= 0)
            {
              g_autofree char *cost = pm_export_format_money (pm_measure_get_cost_amount (measure),
                                                              pm_measure_get_cost_currency (measure));

              md_inline (w, cost);
              if (has_text (pm_measure_get_effort (measure)))
                g_string_append (w->out, ", ");
            }
          md_inline (w, pm_measure_get_effort (measure));
          g_string_append (w->out, " | ");
          md_cell (w, pm_measure_get_benefit (measure));
          g_string_append (w->out, " |\n");
        }
      g_string_append_c (w->out, '\n');
      if (n_marked > PM_EXPORT_SUMMARY_MEASURES)
        {
          g_autofree char *note =
            g_strdup_printf (dngettext (GETTEXT_PACKAGE,
                                        "%u measure is marked for this summary; it shows the first %u. "
                                        "The method check calls this a laundry list.",
                                        "%u measures are marked for this summary; it shows the first %u. "
                                        "The method check calls this a laundry list.", n_marked),
                             n_marked, (guint)PM_EXPORT_SUMMARY_MEASURES);

          g_string_append_c (w->out, '*');
          md_fixed (w, note);
          g_string_append (w->out, "*\n\n");
        }
    }

  md_heading (w, 2, _("Progress of all measures"));
  pm_export_count_measures (doc, w->now, counts, &n_other, &n_overdue);
  {
    g_autofree char *total = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u measure", "%u measures",
                                                         n_measures), n_measures);

    md_fixed (w, total);
  }
  for (guint s = 0; s < 6 && statuses[s] != NULL; s++)
    {
      if (counts[s] == 0)
        continue;
      g_string_append (w->out, first ? ": " : ", ");
      first = FALSE;
      g_string_append_printf (w->out, "%u ", counts[s]);
      md_inline (w, pm_export_label (PM_VOCABULARY_MEASURE_STATUS, statuses[s]));
    }
  if (n_other > 0)
    {
      g_autofree char *other = g_strdup_printf (_("%u other"), n_other);

      g_string_append (w->out, first ? ": " : ", ");
      md_fixed (w, other);
    }
  g_string_append (w->out, ".");
  if (n_overdue > 0)
    {
      g_autofree char *overdue = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u is overdue.",
                                                             "%u are overdue.", n_overdue), n_overdue);

      g_string_append_c (w->out, ' ');
      md_fixed (w, overdue);
    }
  g_string_append (w->out, "\n");
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

char *
pm_markdown_writer_write (PmDocument            *document,
                          const PmExportOptions *options)
{
  PmExportOptions defaults;
  PmExportLanguage *language;
  Writer w = { 0 };

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  if (options == NULL)
    {
      pm_export_options_init (&defaults);
      options = &defaults;
    }

  language = pm_export_language_push (pm_export_resolve_language (options, document));
  w.document = document;
  w.out = g_string_sized_new (16 * 1024);
  w.zone = pm_document_dup_time_zone (document);
  w.now = pm_export_dup_now (options);

  if (options->kind == PM_EXPORT_SUMMARY)
    write_summary (&w);
  else
    {
      write_title (&w, _("Postmortem protocol"));
      write_facts (&w);
      write_what_happened (&w);
      write_impact (&w);
      write_timeline (&w);
      write_root_causes (&w);
      write_measures (&w);
      write_follow_ups (&w);
      write_lessons (&w);
      write_parking_lot (&w);
      write_findings (&w);
    }

  /* Exactly one line end at the end. */
  while (w.out->len > 0 && w.out->str[w.out->len - 1] == '\n')
    g_string_truncate (w.out, w.out->len - 1);
  g_string_append_c (w.out, '\n');

  g_time_zone_unref (w.zone);
  g_date_time_unref (w.now);
  pm_export_language_pop (language);
  return g_string_free (w.out, FALSE);
}
