/* pm-quick-entry.c — reading one typed line into a time, an actor and a text
 *
 * The time at the start is cut out with a small scanner and handed to pm_time_parse_user(),
 * so typed times mean exactly what they mean everywhere else (precision from the digits
 * given, the zone's daylight saving rules, the same error messages).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-clock.h"
#include "pm-error.h"
#include "pm-event.h"
#include "pm-quick-entry.h"
#include "pm-vocabulary.h"

/* Words scanned for an "Actor:" prefix. */
#define MAX_ACTOR_WORDS 4

/* A clock time further before the reference than this is on the next day: people type a
 * timeline forwards, so "00:36" after 23:27 is 69 minutes later, not 23 hours earlier. */
#define MIDNIGHT_CROSSING_SECONDS (12 * 3600)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_digits (const char *p,
           int         n)
{
  for (int i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

static const char *
skip_blanks (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* "YYYY-MM-DD"; returns the end or NULL. */
static const char *
scan_date (const char *p)
{
  if (is_digits (p, 4) && p[4] == '-' && is_digits (p + 5, 2) && p[7] == '-' &&
      is_digits (p + 8, 2))
    return p + 10;
  return NULL;
}

/* "H:MM", "HH:MM", "HH:MM:SS" (with an optional fraction); returns the end or NULL. */
static const char *
scan_clock (const char *p)
{
  const char *q = p;

  if (!g_ascii_isdigit (*q))
    return NULL;
  q += g_ascii_isdigit (q[1]) ? 2 : 1;
  if (*q != ':' || !is_digits (q + 1, 2))
    return NULL;
  q += 3;
  if (*q == ':' && is_digits (q + 1, 2))
    {
      q += 3;
      if (*q == '.' && g_ascii_isdigit (q[1]))
        {
          q++;
          while (g_ascii_isdigit (*q))
            q++;
        }
    }
  return q;
}

/* "Z", "UTC", ±hh:mm, ±hhmm, ±hh directly after the clock (or after one blank); the end or NULL. */
static const char *
scan_offset (const char *p)
{
  if (*p == 'Z' || *p == 'z')
    return p + 1;
  if (g_ascii_strncasecmp (p, "UTC", 3) == 0)
    return p + 3;
  if ((*p == '+' || *p == '-') && is_digits (p + 1, 2))
    {
      if (p[3] == ':' && is_digits (p + 4, 2))
        return p + 6;
      if (is_digits (p + 3, 2))
        return p + 5;
      return p + 3;
    }
  return NULL;
}

/* The end of a token: the next blank or the end of the string. */
static gboolean
ends_token (const char *p)
{
  return *p == '\0' || *p == ' ' || *p == '\t';
}

/* The day of @reference in @zone plus @days, as "YYYY-MM-DD"; today by the clock without one. */
static char *
reference_date (const PmTime *reference,
                GTimeZone    *zone,
                int           days)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) day = NULL;

  /* A day is the date it was written as, whatever zone shows it. */
  if (reference != NULL)
    dt = pm_time_to_date_time (reference,
                               pm_time_get_precision (reference) == PM_TIME_PRECISION_DAY
                               ? NULL : zone);
  if (dt == NULL)
    {
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) now = NULL;
      gint64 wall = pm_clock_get_wall_time (pm_clock_get_default ());

      now = g_date_time_new_from_unix_utc (wall / G_USEC_PER_SEC);
      dt = g_date_time_to_timezone (now, zone ? zone : utc);
    }
  /* From the calendar date, so that a DST change on the way does not shift the day. */
  day = g_date_time_new (g_date_time_get_timezone (dt), g_date_time_get_year (dt),
                         g_date_time_get_month (dt), g_date_time_get_day_of_month (dt),
                         12, 0, 0);
  if (days != 0)
    {
      GDateTime *next = g_date_time_add_days (day, days);

      g_date_time_unref (day);
      day = next;
    }
  return g_date_time_format (day, "%Y-%m-%d");
}

/* "DATE CLOCK" read by pm_time_parse_user(). */
static PmTime *
parse_on_day (const PmTime  *reference,
              GTimeZone     *zone,
              int            days,
              const char    *clock,
              GError       **error)
{
  g_autofree char *date = reference_date (reference, zone, days);
  g_autofree char *time_text = g_strdup_printf ("%s %s", date, clock);

  return pm_time_parse_user (time_text, zone, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

gboolean
pm_quick_entry_parse (const char    *line,
                      GTimeZone     *zone,
                      const PmTime  *reference,
                      PmTime       **time,
                      char         **actor,
                      char         **text,
                      GError       **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *time_text = NULL;
  g_autoptr(PmTime) parsed = NULL;
  const char *p, *date_end, *clock_start = NULL, *clock_end = NULL, *rest;
  const char *colon = NULL;
  int words = 1;

  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (time != NULL && actor != NULL && text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_utf8_make_valid (line, -1));
  p = stripped;

  /* The time at the start, if any. */
  date_end = scan_date (p);
  if (date_end != NULL && (ends_token (date_end) || *date_end == 'T' || *date_end == 't'))
    {
      const char *after = (*date_end == 'T' || *date_end == 't') ? date_end + 1
                                                                  : skip_blanks (date_end);

      clock_end = scan_clock (after);
      if (clock_end != NULL)
        clock_start = after;
      else
        clock_end = date_end;
      rest = clock_end;
    }
  else
    {
      date_end = NULL;
      clock_end = scan_clock (p);
      if (clock_end != NULL)
        clock_start = p;
      rest = clock_end ? clock_end : p;
    }

  if (clock_start != NULL)
    {
      const char *offset_end = scan_offset (clock_end);

      if (offset_end == NULL && (*clock_end == ' ' || *clock_end == '\t'))
        {
          /* "09:15 +01:00" or "09:15 UTC", but not "09:15 Z-team" */
          const char *q = skip_blanks (clock_end);

          offset_end = (*q == '+' || *q == '-' || g_ascii_strncasecmp (q, "UTC", 3) == 0)
                       ? scan_offset (q) : NULL;
        }
      if (offset_end != NULL && ends_token (offset_end))
        rest = offset_end;
      if (!ends_token (rest))
        {
          /* "14:32abc": not a time after all */
          date_end = NULL;
          clock_start = NULL;
          rest = p;
        }
    }
  else if (date_end != NULL && !ends_token (date_end))
    {
      date_end = NULL;
      rest = p;
    }

  if (date_end != NULL || clock_start != NULL)
    {
      if (date_end != NULL)
        {
          time_text = g_strndup (p, rest - p);
          parsed = pm_time_parse_user (time_text, zone, error);
          if (parsed == NULL)
            return FALSE;
        }
      else
        {
          g_autofree char *clock = g_strndup (clock_start, rest - clock_start);

          parsed = parse_on_day (reference, zone, 0, clock, error);
          if (parsed == NULL)
            return FALSE;
          if (reference != NULL &&
              pm_time_get_unix (parsed) < pm_time_get_unix (reference) - MIDNIGHT_CROSSING_SECONDS)
            {
              g_autoptr(PmTime) next = parse_on_day (reference, zone, 1, clock, error);

              if (next == NULL)
                return FALSE;
              g_clear_pointer (&parsed, pm_time_free);
              parsed = g_steal_pointer (&next);
            }
        }
    }

  rest = skip_blanks (rest);
  if (*rest == '\0')
    {
      g_set_error_literal (error, PM_ERROR, PM_ERROR_TIME,
                           _("Write what happened after the time, e.g. “14:32 SOC paged the "
                             "on-call”"));
      return FALSE;
    }

  /* "Actor: text" within the first words, else the first word is the actor. */
  for (const char *q = rest; *q != '\0' && words <= MAX_ACTOR_WORDS; q++)
    {
      if (*q == ':' && (q[1] == ' ' || q[1] == '\t' || q[1] == '\0'))
        {
          colon = q;
          break;
        }
      if (*q == ' ' || *q == '\t')
        words++;
    }

  if (colon != NULL && colon > rest)
    {
      g_autofree char *who = g_strndup (rest, colon - rest);
      const char *what = skip_blanks (colon + 1);

      if (*what == '\0')
        {
          g_set_error_literal (error, PM_ERROR, PM_ERROR_TIME,
                               _("Write what happened after the actor, e.g. “SOC: paged the "
                                 "on-call”"));
          return FALSE;
        }
      *actor = g_strstrip (g_steal_pointer (&who));
      *text = g_strdup (what);
    }
  else
    {
      const char *space = rest;

      while (*space != '\0' && *space != ' ' && *space != '\t')
        space++;
      if (*space == '\0')
        {
          /* One word: it is what happened, not who. */
          *actor = g_strdup ("");
          *text = g_strdup (rest);
        }
      else
        {
          *actor = g_strndup (rest, space - rest);
          *text = g_strdup (skip_blanks (space));
        }
    }

  *time = g_steal_pointer (&parsed);
  return TRUE;
}

const PmTime *
pm_quick_entry_get_reference (PmDocument *document,
                              PmEvent    *focus)
{
  GListModel *events;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (focus == NULL || PM_IS_EVENT (focus), NULL);

  if (focus != NULL && pm_event_get_time (focus) != NULL)
    return pm_event_get_time (focus);

  events = pm_document_get_events (document);
  for (guint i = g_list_model_get_n_items (events); i > 0; i--)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i - 1);

      /* The document keeps its own reference, so the time outlives this one. */
      if (pm_event_get_time (event) != NULL)
        return pm_event_get_time (event);
    }
  return pm_document_get_start (document);
}

/* ------------------------------------------------------------------------------------------ */
/* Marks                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/* The kind @tag ("det", "Erkennung") names: a stored name or label, or the start of exactly one
 * of them (three letters at least); NULL otherwise. */
static const char *
kind_of_tag (const char *tag)
{
  const char * const *kinds = pm_vocabulary_get_values (PM_VOCABULARY_EVENT_KIND);
  g_autofree char *wanted = g_utf8_casefold (tag, -1);
  const char *found = NULL;

  if (g_utf8_strlen (tag, -1) < 3)
    return NULL;
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *name = g_utf8_casefold (kinds[i], -1);
      g_autofree char *label = g_utf8_casefold (pm_vocabulary_get_label (PM_VOCABULARY_EVENT_KIND,
                                                                         kinds[i]), -1);

      if (g_str_equal (wanted, name) || g_str_equal (wanted, label))
        return kinds[i];
      if (g_str_has_prefix (name, wanted) || g_str_has_prefix (label, wanted))
        {
          if (found != NULL && found != kinds[i])
            return NULL;  /* "#re": recovery or response */
          found = kinds[i];
        }
    }
  return found;
}

char *
pm_quick_entry_take_marks (const char  *text,
                           char       **kind,
                           gboolean    *contributed,
                           gboolean    *slowed)
{
  g_auto(GStrv) words = NULL;
  const char *found_kind = NULL;
  gboolean is_contributed = FALSE, is_slowed = FALSE;
  guint end;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (kind != NULL && contributed != NULL && slowed != NULL, NULL);

  *kind = NULL;
  *contributed = FALSE;
  *slowed = FALSE;

  words = g_strsplit_set (text, " \t", -1);
  end = g_strv_length (words);
  while (end > 0)
    {
      const char *word = words[end - 1];

      if (*word == '\0')
        ;  /* a second blank */
      else if (g_str_equal (word, "!") && !is_contributed)
        is_contributed = TRUE;
      else if (g_str_equal (word, "~") && !is_slowed)
        is_slowed = TRUE;
      else if (word[0] == '#' && found_kind == NULL && kind_of_tag (word + 1) != NULL)
        found_kind = kind_of_tag (word + 1);
      else
        break;
      end--;
    }

  /* Nothing but marks: that is the text somebody meant. */
  while (end > 0 && *words[end - 1] == '\0')
    end--;
  if (end == 0)
    return g_strdup (text);

  *kind = g_strdup (found_kind);
  *contributed = is_contributed;
  *slowed = is_slowed;
  if (end == g_strv_length (words))
    return g_strdup (text);
  /* Cut the list after the last word of text (the rest is freed with it). */
  for (guint i = g_strv_length (words); i > end; i--)
    g_clear_pointer (&words[i - 1], g_free);
  return g_strstrip (g_strjoinv (" ", words));
}
