/* pm-export-text.h — what goes into a published document, and how its fixed words are written
 *
 * Shared by the Markdown and the PDF writer so both say the same thing: the export options, the
 * language switch for the fixed texts, the cleaning every piece of user text goes through, the
 * links we are willing to make, the date, time, money and duration formats of each language, and
 * the choice of what the manager summary shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-document.h"
#include "pm-vocabulary.h"

G_BEGIN_DECLS

typedef enum
{
  PM_EXPORT_PROTOCOL,  /* the full protocol, for the team */
  PM_EXPORT_SUMMARY,   /* one page for managers */
} PmExportKind;

typedef enum
{
  PM_PAPER_A4,
  PM_PAPER_LETTER,
} PmPaper;

typedef struct
{
  PmExportKind  kind;
  PmPaper       paper;
  /* "en", "de", …; NULL: the document's language when it has one, else the user's. */
  const char   *language;
  /* The moment the document is published: due dates and follow-ups are compared with it.
   * NULL: $SOURCE_DATE_EPOCH when it is set, else now. */
  GDateTime    *now;
} PmExportOptions;

/* kind protocol, paper from the locale, language and time NULL. */
void          pm_export_options_init           (PmExportOptions *options);

/* A4, or Letter where the locale's paper is Letter (LC_PAPER). */
PmPaper       pm_export_paper_from_locale      (void);
gboolean      pm_export_paper_from_string      (const char      *str,
                                                PmPaper         *paper);
/* The page size in PostScript points. */
void          pm_export_paper_get_size         (PmPaper          paper,
                                                double          *width,
                                                double          *height);

/* The moment @options publish at (a new reference). */
GDateTime    *pm_export_dup_now                (const PmExportOptions *options);

/* ---- Language ------------------------------------------------------------------------- */

/* The languages the fixed texts can be written in ("en", "de"), NULL-terminated. */
const char * const *pm_export_get_languages    (void);
/* The language @options ask for, resolved: "en", "de"; NULL when the current one is used. */
const char   *pm_export_resolve_language       (const PmExportOptions *options,
                                                PmDocument      *document);

typedef struct _PmExportLanguage PmExportLanguage;

/* Switches gettext to @language ("en", "de"; NULL changes nothing) until the matching pop.
 * Process-wide: call on the main thread, around one export. */
PmExportLanguage *pm_export_language_push      (const char      *language);
void          pm_export_language_pop           (PmExportLanguage *saved);

/* ---- User text ------------------------------------------------------------------------ */

typedef enum
{
  PM_CLEAN_DEFAULT     = 0,
  PM_CLEAN_SINGLE_LINE = 1 << 0,  /* line breaks become spaces */
  PM_CLEAN_FOR_LAYOUT  = 1 << 1,  /* break opportunities in long unbroken runs (for Pango) */
} PmCleanFlags;

/* The most combining marks kept on one base character before a U+25CC base is inserted. */
#define PM_EXPORT_MAX_MARKS 8
/* An unbroken run longer than this gets a U+200B after every so many characters. */
#define PM_EXPORT_MAX_RUN   64

/* @text as it may be published: valid UTF-8 (bad bytes become U+FFFD), line breaks as "\n",
 * no control characters (a tab becomes a space), no bidi embeddings, overrides or isolates
 * (Trojan Source), no more than PM_EXPORT_MAX_MARKS combining marks in a row, white space at
 * the ends of lines and of the text removed. Never NULL. */
char         *pm_export_clean_text             (const char      *text,
                                                PmCleanFlags     flags);
/* @text without any white space (for comparing what a reader gets back). */
char         *pm_export_strip_space            (const char      *text);

/* A link we are willing to make from @url: http, https or mailto only, with every byte outside
 * the safe URL characters (space, quotes, parentheses, angle brackets, backslash, non-ASCII …)
 * percent-encoded. NULL for anything else. */
char         *pm_export_safe_url               (const char      *url);

/* ---- Words and figures, in the current language ---------------------------------------- */

/* The translated label of a vocabulary value (unknown values verbatim), looked up again with
 * dpgettext so that it follows the export language even where GLib gave up translating. */
const char   *pm_export_label                  (PmVocabulary     vocabulary,
                                                const char      *value);
const char   *pm_export_principle_label        (PmPrinciple      principle);

/* "26 October 2024" / "26. Oktober 2024" */
char         *pm_export_format_date_long       (GDateTime       *date_time);
/* "26 Oct 2024" / "26.10.2024" */
char         *pm_export_format_date_short      (GDateTime       *date_time);
/* A due date "YYYY-MM-DD" in the short form; other text verbatim. */
char         *pm_export_format_iso_date        (const char      *iso_date);
/* "+02:00", with a real minus sign */
char         *pm_export_format_offset          (int              offset_seconds);

/* An event time for a table: in @zone, to its precision. */
typedef struct
{
  char *date;       /* "26 Oct 2024"; NULL for an unknown time */
  char *time;       /* "03:47:19", "03:47", "03:00–03:59"; NULL for whole days and unknown */
  char *offset;     /* "+02:00" for the time shown; NULL for whole days and unknown */
  char *precision;  /* "to the minute", "whole day", "time unknown", … */
  char *entered;    /* "entered as 18:47:19 −07:00" when the zone differs; else NULL */
} PmExportTime;

void          pm_export_format_time            (const PmTime    *time,
                                                GTimeZone       *zone,
                                                PmExportTime    *out);
void          pm_export_time_clear             (PmExportTime    *out);
/* One line: "26 Oct 2024 03:47 +02:00"; "time unknown" for NULL. */
char         *pm_export_format_time_line       (const PmTime    *time,
                                                GTimeZone       *zone);

/* "34 h 42 min", "3 days 4 h", "45 min" */
char         *pm_export_format_duration        (gint64           minutes);
/* "186,000" / "186.000" */
char         *pm_export_format_number          (gint64           number);
/* "EUR 186,000" / "186.000 EUR" */
char         *pm_export_format_money           (gint64           amount,
                                                const char      *currency);

/* The participant's name, or @id itself when there is no such participant; "" for NULL. */
const char   *pm_export_participant_name       (PmDocument      *document,
                                                const char      *id);
/* Where an event belongs on the timeline figure: its lane, else its actor, else "". */
const char   *pm_export_event_lane             (PmEvent         *event);

/* ---- What the manager summary shows ---------------------------------------------------- */

#define PM_EXPORT_SUMMARY_MEASURES 5

/* The measures for the manager summary: those marked for it and not confidential, the ones
 * that need a decision (an escalation) first, then in priority order; at most
 * PM_EXPORT_SUMMARY_MEASURES. When none is marked: the open escalations. @n_marked is set to how
 * many non-confidential measures are marked. A new array of borrowed PmMeasure. */
GPtrArray    *pm_export_summary_measures       (PmDocument      *document,
                                                guint           *n_marked);

/* How many measures have each status of PM_VOCABULARY_MEASURE_STATUS, in its order; statuses
 * this version does not know count in @n_other. @n_overdue: open measures due before @now. */
void          pm_export_count_measures         (PmDocument      *document,
                                                GDateTime       *now,
                                                guint            counts[6],
                                                guint           *n_other,
                                                guint           *n_overdue);
gboolean      pm_export_measure_is_open        (PmMeasure       *measure);

G_END_DECLS
