/* pm-export-text.c — what goes into a published document, and how its fixed words are written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* setenv(), and the paper size in nl_langinfo() */
#define _GNU_SOURCE

#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm-export-i18n-private.h"
#include "pm-export-text.h"

struct _PmExportLanguage
{
  char *old_language;     /* $LANGUAGE before the push; NULL: unset */
  char *old_messages;     /* LC_MESSAGES before the push */
};

static const char * const languages[] = { "en", "de", NULL };

/* The contexts of the NC_() labels in pm-vocabulary.c, in PmVocabulary order. */
static const char * const vocabulary_contexts[PM_N_VOCABULARIES] = {
  [PM_VOCABULARY_SEVERITY] = "severity",
  [PM_VOCABULARY_DOCUMENT_STATUS] = "document status",
  [PM_VOCABULARY_CLASSIFICATION] = "classification",
  [PM_VOCABULARY_EVENT_KIND] = "event kind",
  [PM_VOCABULARY_CATEGORY] = "root cause category",
  [PM_VOCABULARY_VERDICT] = "verdict",
  [PM_VOCABULARY_MEASURE_KIND] = "measure kind",
  [PM_VOCABULARY_MEASURE_STATUS] = "measure status",
};

static const char * const month_names[12] = {
  NC_("month name", "January"), NC_("month name", "February"), NC_("month name", "March"),
  NC_("month name", "April"), NC_("month name", "May"), NC_("month name", "June"),
  NC_("month name", "July"), NC_("month name", "August"), NC_("month name", "September"),
  NC_("month name", "October"), NC_("month name", "November"), NC_("month name", "December"),
};

static const char * const month_abbreviations[12] = {
  NC_("abbreviated month name", "Jan"), NC_("abbreviated month name", "Feb"),
  NC_("abbreviated month name", "Mar"), NC_("abbreviated month name", "Apr"),
  NC_("abbreviated month name", "May"), NC_("abbreviated month name", "Jun"),
  NC_("abbreviated month name", "Jul"), NC_("abbreviated month name", "Aug"),
  NC_("abbreviated month name", "Sep"), NC_("abbreviated month name", "Oct"),
  NC_("abbreviated month name", "Nov"), NC_("abbreviated month name", "Dec"),
};

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

const char *
_pm_export_pgettext (const char *msgctxt_id,
                     gsize       msgid_offset)
{
  const char *translation = dgettext (GETTEXT_PACKAGE, msgctxt_id);

  if (translation == msgctxt_id)
    return msgctxt_id + msgid_offset;
  return translation;
}

const char *
_pm_export_pgettext2 (const char *context,
                      const char *msgid)
{
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const char *translation = dgettext (GETTEXT_PACKAGE, key);

  /* dgettext() returns its argument when there is no translation, which is freed here. */
  if (translation == key)
    return msgid;
  return translation;
}

/* Fills a template like "{d} {month} {yyyy}": @keys and @values are parallel, NULL-terminated.
 * Unknown placeholders are copied as they are. */
static char *
expand_template (const char         *template,
                 const char * const *keys,
                 const char * const *values)
{
  GString *out = g_string_new (NULL);

  for (const char *p = template; *p != '\0';)
    {
      const char *close;
      gboolean found = FALSE;

      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          gsize len = close - p - 1;

          for (guint i = 0; keys[i] != NULL; i++)
            if (strlen (keys[i]) == len && strncmp (p + 1, keys[i], len) == 0)
              {
                g_string_append (out, values[i]);
                p = close + 1;
                found = TRUE;
                break;
              }
        }
      if (!found)
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

static gboolean
is_noncharacter (gunichar c)
{
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

static gboolean
is_space (gunichar c)
{
  return c == ' ' || c == 0x00A0 || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) ||
         c == 0x202F || c == 0x205F;
}

/* ------------------------------------------------------------------------------------------ */
/* Options and paper                                                                          */
/* ------------------------------------------------------------------------------------------ */

void
pm_export_options_init (PmExportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->kind = PM_EXPORT_PROTOCOL;
  options->paper = pm_export_paper_from_locale ();
}

PmPaper
pm_export_paper_from_locale (void)
{
#ifdef _NL_PAPER_WIDTH
  /* glibc stores the paper size of LC_PAPER, in millimetres, in the pointer itself. */
  union { unsigned int word; char *string; } width;

  width.string = nl_langinfo (_NL_PAPER_WIDTH);
  if (width.word == 216)
    return PM_PAPER_LETTER;
#endif
  return PM_PAPER_A4;
}

gboolean
pm_export_paper_from_string (const char *str,
                             PmPaper    *paper)
{
  if (g_strcmp0 (str, "a4") == 0 || g_strcmp0 (str, "A4") == 0)
    *paper = PM_PAPER_A4;
  else if (g_ascii_strcasecmp (str ? str : "", "letter") == 0)
    *paper = PM_PAPER_LETTER;
  else
    return FALSE;
  return TRUE;
}

void
pm_export_paper_get_size (PmPaper  paper,
                          double  *width,
                          double  *height)
{
  if (paper == PM_PAPER_LETTER)
    {
      *width = 612.0;
      *height = 792.0;
    }
  else
    {
      /* 210 × 297 mm */
      *width = 595.276;
      *height = 841.89;
    }
}

GDateTime *
pm_export_dup_now (const PmExportOptions *options)
{
  const char *epoch;

  if (options != NULL && options->now != NULL)
    return g_date_time_ref (options->now);

  /* https://reproducible-builds.org/specs/source-date-epoch/ */
  epoch = g_getenv ("SOURCE_DATE_EPOCH");
  if (epoch != NULL && *epoch != '\0')
    {
      char *end = NULL;
      gint64 seconds = g_ascii_strtoll (epoch, &end, 10);

      if (end != NULL && *end == '\0' && seconds >= 0 && seconds < G_GINT64_CONSTANT (253402300800))
        return g_date_time_new_from_unix_utc (seconds);
    }

  return g_date_time_new_now_local ();
}

/* ------------------------------------------------------------------------------------------ */
/* Language                                                                                   */
/* ------------------------------------------------------------------------------------------ */

const char * const *
pm_export_get_languages (void)
{
  return languages;
}

const char *
pm_export_resolve_language (const PmExportOptions *options,
                            PmDocument            *document)
{
  const char *wanted = options ? options->language : NULL;

  if (wanted == NULL && document != NULL)
    wanted = pm_document_get_field (document, PM_FIELD_LANGUAGE);
  if (wanted == NULL || *wanted == '\0')
    return NULL;

  /* "de-AT", "de_CH" → "de" */
  for (guint i = 0; languages[i] != NULL; i++)
    {
      gsize len = strlen (languages[i]);

      if (g_ascii_strncasecmp (wanted, languages[i], len) == 0 &&
          (wanted[len] == '\0' || wanted[len] == '-' || wanted[len] == '_'))
        return languages[i];
    }

  return NULL;
}

/* gettext keeps what it found per locale name, not per $LANGUAGE; setting the same locale again
 * changes nothing, but textdomain() always tells it that catalogues may have changed (the
 * documented alternative is glibc's private _nl_msg_cat_cntr). */
static void
forget_translations (void)
{
  const char *domain = textdomain (NULL);

  if (domain != NULL)
    {
      g_autofree char *copy = g_strdup (domain);

      textdomain (copy);
    }
}

/* $LANGUAGE is changed with setenv() and restored, never unset: once the variable exists,
 * glibc replaces its slot in the environment in place and keeps old values alive, so another
 * thread reading the environment at that moment sees the old or the new value, never freed
 * memory (main() creates the variable, empty, before any thread starts). An empty $LANGUAGE
 * means the same as none to gettext and GLib. */
PmExportLanguage *
pm_export_language_push (const char *language)
{
  PmExportLanguage *saved;
  const char *messages;

  if (language == NULL)
    return NULL;

  saved = g_new0 (PmExportLanguage, 1);
  saved->old_language = g_strdup (g_getenv ("LANGUAGE"));
  messages = setlocale (LC_MESSAGES, NULL);
  saved->old_messages = g_strdup (messages ? messages : "C");

  setenv ("LANGUAGE", language, 1);
  /* gettext ignores $LANGUAGE in the "C" locale; C.UTF-8 is the same locale without that rule. */
  if (g_str_equal (saved->old_messages, "C") || g_str_equal (saved->old_messages, "POSIX"))
    {
      if (setlocale (LC_MESSAGES, "C.UTF-8") == NULL)
        setlocale (LC_MESSAGES, "C.utf8");
    }
  forget_translations ();

  return saved;
}

void
pm_export_language_pop (PmExportLanguage *saved)
{
  if (saved == NULL)
    return;

  setenv ("LANGUAGE", saved->old_language ? saved->old_language : "", 1);
  setlocale (LC_MESSAGES, saved->old_messages);
  forget_translations ();

  g_free (saved->old_language);
  g_free (saved->old_messages);
  g_free (saved);
}

/* ------------------------------------------------------------------------------------------ */
/* User text                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/* Trims white space at the end of @out back to byte @line_start. */
static void
trim_line_end (GString *out,
               gsize    line_start)
{
  while (out->len > line_start)
    {
      const char *last = g_utf8_find_prev_char (out->str + line_start, out->str + out->len);

      if (last == NULL || !is_space (g_utf8_get_char (last)))
        break;
      g_string_truncate (out, last - out->str);
    }
}

char *
pm_export_clean_text (const char   *text,
                      PmCleanFlags  flags)
{
  GString *out;
  const char *p, *end;
  gsize line_start = 0;
  guint n_marks = 0;       /* combining marks in a row */
  guint run = 0;           /* characters since the last break opportunity */
  guint blank_lines = 0;   /* line breaks waiting to be written */
  gboolean line_empty = TRUE;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text) + 16);
  end = text + strlen (text);

  for (p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar)-1 || c == (gunichar)-2)
        {
          c = 0xFFFD;
          p++;
        }
      else
        p = g_utf8_next_char (p);

      if (c == '\r')
        {
          if (p < end && *p == '\n')
            p++;
          c = '\n';
        }
      else if (c == 0x2028 || c == 0x2029 || c == 0x85)
        c = '\n';
      else if (c == '\t' || c == '\v' || c == '\f')
        c = ' ';

      if (c == '\n' && (flags & PM_CLEAN_SINGLE_LINE))
        c = ' ';

      if (c == '\n')
        {
          if (!line_empty)
            {
              trim_line_end (out, line_start);
              blank_lines = 1;
            }
          else if (blank_lines > 0)
            blank_lines = 2;
          line_empty = TRUE;
          n_marks = 0;
          run = 0;
          continue;
        }

      if ((c < 0x20) || (c >= 0x7F && c <= 0x9F) || is_bidi_control (c) || is_noncharacter (c))
        continue;

      if (is_space (c))
        {
          n_marks = 0;
          run = 0;
          if (line_empty)
            continue;  /* no white space at the start of a line */
          g_string_append_unichar (out, c);
          continue;
        }

      if (line_empty)
        {
          if (blank_lines > 0 && out->len > 0)
            g_string_append (out, blank_lines > 1 ? "\n\n" : "\n");
          blank_lines = 0;
          line_start = out->len;
          line_empty = FALSE;
        }

      if (g_unichar_ismark (c))
        {
          if (++n_marks > PM_EXPORT_MAX_MARKS)
            {
              /* A fresh base for the next marks: all are kept, none stacks without end. */
              g_string_append_unichar (out, 0x25CC);
              n_marks = 1;
              run++;
            }
        }
      else
        {
          n_marks = 0;
          if (c == 0x200B)
            run = 0;
          else
            run++;
        }

      if ((flags & PM_CLEAN_FOR_LAYOUT) && run > PM_EXPORT_MAX_RUN && !g_unichar_ismark (c))
        {
          g_string_append_unichar (out, 0x200B);
          run = 1;
        }

      g_string_append_unichar (out, c);
    }

  trim_line_end (out, line_start);
  return g_string_free (out, FALSE);
}

char *
pm_export_strip_space (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p && *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != 0x200B)
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

char *
pm_export_safe_url (const char *url)
{
  static const char scheme_chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static const char safe[] = "-._~:/?#[]@!$&*+,;=";
  g_autofree char *clean = NULL;
  GString *out;
  gsize rest;

  if (url == NULL)
    return NULL;

  clean = pm_export_clean_text (url, PM_CLEAN_SINGLE_LINE);
  if (g_ascii_strncasecmp (clean, "https://", 8) == 0)
    rest = 8;
  else if (g_ascii_strncasecmp (clean, "http://", 7) == 0)
    rest = 7;
  else if (g_ascii_strncasecmp (clean, "mailto:", 7) == 0)
    rest = 7;
  else
    return NULL;

  /* Something must follow the scheme, and it must not open with white space. */
  if (clean[rest] == '\0' || clean[rest] == ' ')
    return NULL;

  out = g_string_new (NULL);
  for (const guchar *p = (const guchar *)clean; *p != '\0'; p++)
    {
      if ((*p < 0x80 && strchr (scheme_chars, *p) != NULL) || (*p != '\0' && strchr (safe, *p) != NULL))
        g_string_append_c (out, *p);
      else if (*p == '%' && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        g_string_append_c (out, '%');
      else
        g_string_append_printf (out, "%%%02X", *p);
    }

  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Words and figures                                                                          */
/* ------------------------------------------------------------------------------------------ */

const char *
pm_export_label (PmVocabulary  vocabulary,
                 const char   *value)
{
  const char *label;
  const char *again;

  g_return_val_if_fail ((guint)vocabulary < PM_N_VOCABULARIES, value);

  if (value == NULL)
    return "";

  label = pm_vocabulary_get_label (vocabulary, value);
  if (!pm_vocabulary_contains (vocabulary, value))
    return label;

  /* Untranslated when GLib gave up translating: then the English label is still the msgid. */
  again = _pm_export_pgettext2 (vocabulary_contexts[vocabulary], label);
  return again;
}

const char *
pm_export_principle_label (PmPrinciple principle)
{
  return dgettext (GETTEXT_PACKAGE, pm_principle_get_label (principle));
}

char *
pm_export_format_date_long (GDateTime *date_time)
{
  const char * const keys[] = { "d", "dd", "mm", "month", "mon", "yyyy", NULL };
  g_autofree char *d = NULL, *dd = NULL, *mm = NULL, *yyyy = NULL;
  int month = g_date_time_get_month (date_time);
  const char *values[7];

  d = g_strdup_printf ("%d", g_date_time_get_day_of_month (date_time));
  dd = g_strdup_printf ("%02d", g_date_time_get_day_of_month (date_time));
  mm = g_strdup_printf ("%02d", month);
  yyyy = g_strdup_printf ("%04d", g_date_time_get_year (date_time));
  values[0] = d; values[1] = dd; values[2] = mm;
  values[3] = _pm_export_pgettext2 ("month name", month_names[month - 1]);
  values[4] = _pm_export_pgettext2 ("abbreviated month name", month_abbreviations[month - 1]);
  values[5] = yyyy; values[6] = NULL;

  /* Translators: a date in running text. {d} is the day (1–31), {dd} the day with two digits,
   * {mm} the month as two digits, {month} the month's name, {mon} its abbreviation, {yyyy} the
   * year. Keep the braces and the words in them. German: "{d}. {month} {yyyy}". */
  return expand_template (C_("long date", "{d} {month} {yyyy}"), keys, values);
}

char *
pm_export_format_date_short (GDateTime *date_time)
{
  const char * const keys[] = { "d", "dd", "mm", "month", "mon", "yyyy", NULL };
  g_autofree char *d = NULL, *dd = NULL, *mm = NULL, *yyyy = NULL;
  int month = g_date_time_get_month (date_time);
  const char *values[7];

  d = g_strdup_printf ("%d", g_date_time_get_day_of_month (date_time));
  dd = g_strdup_printf ("%02d", g_date_time_get_day_of_month (date_time));
  mm = g_strdup_printf ("%02d", month);
  yyyy = g_strdup_printf ("%04d", g_date_time_get_year (date_time));
  values[0] = d; values[1] = dd; values[2] = mm;
  values[3] = _pm_export_pgettext2 ("month name", month_names[month - 1]);
  values[4] = _pm_export_pgettext2 ("abbreviated month name", month_abbreviations[month - 1]);
  values[5] = yyyy; values[6] = NULL;

  /* Translators: a date in tables, with the same placeholders as the long date. German:
   * "{dd}.{mm}.{yyyy}". */
  return expand_template (C_("short date", "{d} {mon} {yyyy}"), keys, values);
}

char *
pm_export_format_iso_date (const char *iso_date)
{
  int year, month, day;
  g_autoptr(GDateTime) date_time = NULL;

  if (iso_date == NULL || *iso_date == '\0')
    return g_strdup ("");

  if (strlen (iso_date) == 10 && sscanf (iso_date, "%4d-%2d-%2d", &year, &month, &day) == 3 &&
      g_date_valid_dmy (day, month, year) &&
      (date_time = g_date_time_new_utc (year, month, day, 0, 0, 0)) != NULL)
    return pm_export_format_date_short (date_time);

  return pm_export_clean_text (iso_date, PM_CLEAN_SINGLE_LINE);
}

char *
pm_export_format_offset (int offset_seconds)
{
  int minutes = ABS (offset_seconds) / 60;

  return g_strdup_printf ("%s%02d:%02d", offset_seconds < 0 ? "−" : "+",
                          minutes / 60, minutes % 60);
}

static const char *
precision_label (const PmTime *time)
{
  if (time == NULL)
    return C_("time precision", "time unknown");

  switch (pm_time_get_precision (time))
    {
    case PM_TIME_PRECISION_EXACT:
      return C_("time precision", "to the second");
    case PM_TIME_PRECISION_MINUTE:
      return C_("time precision", "to the minute");
    case PM_TIME_PRECISION_HOUR:
      return C_("time precision", "to the hour");
    case PM_TIME_PRECISION_DAY:
    default:
      return C_("time precision", "whole day");
    }
}

/* The clock time of @dt to @precision: "03:47:19", "03:47", "03:00–03:59". */
static char *
clock_text (GDateTime       *dt,
            PmTimePrecision  precision)
{
  int h = g_date_time_get_hour (dt), m = g_date_time_get_minute (dt);

  switch (precision)
    {
    case PM_TIME_PRECISION_EXACT:
      return g_strdup_printf ("%02d:%02d:%02d", h, m, g_date_time_get_second (dt));
    case PM_TIME_PRECISION_MINUTE:
      return g_strdup_printf ("%02d:%02d", h, m);
    case PM_TIME_PRECISION_HOUR:
      /* The hour as entered may start at :30 in another zone: show the span it covers. */
      {
        g_autoptr(GDateTime) last = g_date_time_add_minutes (dt, 59);

        return g_strdup_printf ("%02d:%02d–%02d:%02d", h, m,
                                g_date_time_get_hour (last), g_date_time_get_minute (last));
      }
    case PM_TIME_PRECISION_DAY:
    default:
      return NULL;
    }
}

void
pm_export_format_time (const PmTime *time,
                       GTimeZone    *zone,
                       PmExportTime *out)
{
  g_autoptr(GDateTime) own = NULL;
  g_autoptr(GDateTime) shown = NULL;
  PmTimePrecision precision;

  memset (out, 0, sizeof *out);
  out->precision = g_strdup (precision_label (time));
  if (time == NULL)
    return;

  precision = pm_time_get_precision (time);
  own = pm_time_to_date_time (time, NULL);
  g_return_if_fail (own != NULL);

  if (precision == PM_TIME_PRECISION_DAY)
    {
      /* A day is the day as it was entered: in another zone it would straddle two dates. */
      out->date = pm_export_format_date_short (own);
      return;
    }

  shown = zone ? pm_time_to_date_time (time, zone) : NULL;
  if (shown == NULL)
    shown = g_date_time_ref (own);

  out->date = pm_export_format_date_short (shown);
  out->time = clock_text (shown, precision);
  out->offset = pm_export_format_offset (g_date_time_get_utc_offset (shown) / G_TIME_SPAN_SECOND);

  if (g_date_time_get_utc_offset (shown) != g_date_time_get_utc_offset (own))
    {
      g_autofree char *clock = clock_text (own, precision);
      g_autofree char *offset = pm_export_format_offset (pm_time_get_offset (time));
      g_autofree char *when = g_strdup_printf ("%s %s", clock, offset);

      if (g_date_time_get_day_of_month (own) != g_date_time_get_day_of_month (shown))
        {
          g_autofree char *date = pm_export_format_date_short (own);

          g_free (when);
          when = g_strdup_printf ("%s %s %s", date, clock, offset);
        }
      /* Translators: %s is a time with its zone offset, e.g. "18:47:19 −07:00": the time as
       * someone entered it, in their own zone. */
      out->entered = g_strdup_printf (_("entered as %s"), when);
    }
}

void
pm_export_time_clear (PmExportTime *out)
{
  g_clear_pointer (&out->date, g_free);
  g_clear_pointer (&out->time, g_free);
  g_clear_pointer (&out->offset, g_free);
  g_clear_pointer (&out->precision, g_free);
  g_clear_pointer (&out->entered, g_free);
}

char *
pm_export_format_time_line (const PmTime *time,
                            GTimeZone    *zone)
{
  PmExportTime parts;
  char *line;

  pm_export_format_time (time, zone, &parts);
  if (parts.date == NULL)
    line = g_strdup (parts.precision);
  else if (parts.time == NULL)
    line = g_strdup (parts.date);
  else
    line = g_strdup_printf ("%s %s %s", parts.date, parts.time, parts.offset);
  pm_export_time_clear (&parts);
  return line;
}

char *
pm_export_format_duration (gint64 minutes)
{
  if (minutes < 0)
    return g_strdup ("");
  if (minutes < 60)
    /* Translators: a duration in minutes */
    return g_strdup_printf (_("%d min"), (int)minutes);
  if (minutes < 48 * 60)
    {
      if (minutes % 60 == 0)
        /* Translators: a duration in hours */
        return g_strdup_printf (_("%d h"), (int)(minutes / 60));
      /* Translators: a duration in hours and minutes */
      return g_strdup_printf (_("%d h %d min"), (int)(minutes / 60), (int)(minutes % 60));
    }
  else
    {
      gint64 days = minutes / (24 * 60);
      int hours = (int)(minutes % (24 * 60)) / 60;
      g_autofree char *day_text = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%d day", "%d days",
                                                              (unsigned long)days), (int)days);

      if (hours == 0)
        return g_steal_pointer (&day_text);
      /* Translators: a duration of days and hours: %s is "3 days", %d the hours */
      return g_strdup_printf (_("%s %d h"), day_text, hours);
    }
}

char *
pm_export_format_number (gint64 number)
{
  /* Translators: the separator between groups of three digits, as in 186,000 */
  const char *separator = C_("number", ",");
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             number < 0 ? (guint64)(-(number + 1)) + 1 : (guint64)number);
  gsize len = strlen (digits);
  GString *out = g_string_new (number < 0 ? "−" : "");

  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (out, separator);
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
pm_export_format_money (gint64      amount,
                        const char *currency)
{
  const char * const keys[] = { "amount", "currency", NULL };
  g_autofree char *number = pm_export_format_number (amount);
  g_autofree char *clean_currency = pm_export_clean_text (currency, PM_CLEAN_SINGLE_LINE);
  const char *values[3] = { number, clean_currency, NULL };

  if (*clean_currency == '\0')
    return g_steal_pointer (&number);

  /* Translators: an amount of money; keep the braces. German: "{amount} {currency}" */
  return expand_template (C_("money", "{currency} {amount}"), keys, values);
}

const char *
pm_export_participant_name (PmDocument *document,
                            const char *id)
{
  PmParticipant *participant;

  if (id == NULL || *id == '\0')
    return "";
  participant = pm_document_find_participant (document, id);
  if (participant == NULL || *pm_participant_get_name (participant) == '\0')
    return id;
  return pm_participant_get_name (participant);
}

const char *
pm_export_event_lane (PmEvent *event)
{
  const char *lane = pm_event_get_lane (event);

  return *lane != '\0' ? lane : pm_event_get_actor (event);
}

/* ------------------------------------------------------------------------------------------ */
/* The manager summary                                                                        */
/* ------------------------------------------------------------------------------------------ */

gboolean
pm_export_measure_is_open (PmMeasure *measure)
{
  const char *status = pm_measure_get_status (measure);

  return !(g_str_equal (status, "done") || g_str_equal (status, "verified") ||
           g_str_equal (status, "dropped"));
}

GPtrArray *
pm_export_summary_measures (PmDocument *document,
                            guint      *n_marked)
{
  GListModel *measures = pm_document_get_measures (document);
  guint n = g_list_model_get_n_items (measures);
  g_autoptr(GPtrArray) escalations = g_ptr_array_new ();
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  GPtrArray *chosen = g_ptr_array_new ();
  guint marked = 0;

  for (guint pass = 0; pass < 2 && marked == 0; pass++)
    {
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
          gboolean escalation = *pm_measure_get_escalation (measure) != '\0';

          if (pm_measure_get_confidential (measure))
            continue;
          if (pass == 0 && !pm_measure_get_summary (measure))
            continue;
          /* Nothing marked: what needs a decision is what managers must see. */
          if (pass == 1 && !(escalation && pm_export_measure_is_open (measure)))
            continue;

          if (pass == 0)
            marked++;
          /* Borrowed: the document's store keeps the measure alive. */
          g_ptr_array_add (escalation ? escalations : others, measure);
        }
    }

  for (guint i = 0; i < escalations->len && chosen->len < PM_EXPORT_SUMMARY_MEASURES; i++)
    g_ptr_array_add (chosen, escalations->pdata[i]);
  for (guint i = 0; i < others->len && chosen->len < PM_EXPORT_SUMMARY_MEASURES; i++)
    g_ptr_array_add (chosen, others->pdata[i]);

  if (n_marked != NULL)
    *n_marked = marked;
  return chosen;
}

void
pm_export_count_measures (PmDocument *document,
                          GDateTime  *now,
                          guint       counts[6],
                          guint      *n_other,
                          guint      *n_overdue)
{
  const char * const *statuses = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_STATUS);
  GListModel *measures = pm_document_get_measures (document);
  g_autofree char *today = NULL;

  memset (counts, 0, 6 * sizeof (guint));
  *n_other = 0;
  *n_overdue = 0;
  if (now != NULL)
    today = g_date_time_format (now, "%Y-%m-%d");

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      const char *status = pm_measure_get_status (measure);
      const char *due = pm_measure_get_due (measure);
      gboolean known = FALSE;

      for (guint s = 0; s < 6 && statuses[s] != NULL; s++)
        if (g_str_equal (status, statuses[s]))
          {
            counts[s]++;
            known = TRUE;
          }
      if (!known)
        (*n_other)++;

      /* ISO dates compare as strings. */
      if (today != NULL && due != NULL && strlen (due) == 10 && pm_export_measure_is_open (measure) &&
          strcmp (due, today) < 0)
        (*n_overdue)++;
    }
}
