/* pm-figures.c — reading the figures people type: whole numbers and durations
 *
 * Both readers first reduce the text to ASCII tokens (digits, the two separators, unit words),
 * so that no-break spaces from a copied figure and Unicode minus signs do not get in the way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pm-error.h"
#include "pm-figures.h"
#include "pm-limits.h"

/* Longer than any figure anyone types; keeps the readers cheap on pasted text. */
#define MAX_FIGURE_BYTES 64

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_group_blank (gunichar c)
{
  /* space, no-break space, thin and narrow no-break spaces, apostrophes (Swiss grouping) */
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x2009 || c == 0x202F ||
         c == '\'' || c == 0x2019;
}

static void
set_number_error (GError     **error,
                  const char  *text)
{
  g_set_error (error, PM_ERROR, PM_ERROR_NUMBER,
               _("“%s” is not a whole number: write digits, grouped like 12,000 if you like, "
                 "or leave the field empty"),
               text);
}

/* Whether @digits (ASCII digits and @sep) is groups of three after a first group of one to
 * three digits ("12,000", "1,234,567"). */
static gboolean
is_grouped (const char *digits,
            char        sep)
{
  const char *p = digits;
  int n = 0;

  while (g_ascii_isdigit (*p))
    p++, n++;
  if (n < 1 || n > 3)
    return FALSE;
  while (*p == sep)
    {
      p++;
      for (n = 0; g_ascii_isdigit (*p); p++)
        n++;
      if (n != 3)
        return FALSE;
    }
  return *p == '\0';
}

static gboolean
all_zeros (const char *p)
{
  if (*p == '\0')
    return FALSE;
  for (; *p; p++)
    if (*p != '0')
      return FALSE;
  return TRUE;
}

/* @text reduced to digits, "." and ","; FALSE for any other character. */
static gboolean
compact_digits (const char *text,
                GString    *out)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_group_blank (c))
        continue;
      if (c == '.' || c == ',' || (c >= '0' && c <= '9'))
        g_string_append_c (out, (char) c);
      else
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

gboolean
pm_figures_parse_number (const char  *text,
                         gint64      *number,
                         GError     **error)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *stripped = NULL;
  g_autofree char *whole = NULL;
  const char *last_dot, *last_comma, *decimal = NULL;
  guint64 value = 0;
  char group = 0;

  g_return_val_if_fail (number != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_utf8_make_valid (text != NULL ? text : "", -1));
  if (*stripped == '\0')
    {
      *number = -1;
      return TRUE;
    }
  if (strlen (stripped) > MAX_FIGURE_BYTES || !compact_digits (stripped, digits) ||
      digits->len == 0)
    {
      set_number_error (error, stripped);
      return FALSE;
    }

  /* With both separators the last one starts a fraction ("12,000.00", "12.000,00"). */
  last_dot = strrchr (digits->str, '.');
  last_comma = strrchr (digits->str, ',');
  if (last_dot != NULL && last_comma != NULL)
    {
      decimal = MAX (last_dot, last_comma);
      group = decimal == last_dot ? ',' : '.';
    }
  else if (last_dot != NULL || last_comma != NULL)
    {
      char sep = last_dot != NULL ? '.' : ',';

      if (is_grouped (digits->str, sep))
        group = sep;
      else
        decimal = last_dot != NULL ? last_dot : last_comma;
    }

  if (decimal != NULL)
    {
      /* only a fraction of zeros keeps it whole */
      if (!all_zeros (decimal + 1))
        {
          set_number_error (error, stripped);
          return FALSE;
        }
      whole = g_strndup (digits->str, decimal - digits->str);
    }
  else
    whole = g_strdup (digits->str);

  if (group != 0)
    {
      if (!is_grouped (whole, group))
        {
          set_number_error (error, stripped);
          return FALSE;
        }
      g_strdelimit (whole, group == '.' ? "." : ",", ' ');
      {
        char *w = whole;

        for (const char *r = whole; *r; r++)
          if (*r != ' ')
            *w++ = *r;
        *w = '\0';
      }
    }

  if (*whole == '\0' || strchr (whole, '.') != NULL || strchr (whole, ',') != NULL)
    {
      set_number_error (error, stripped);
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (whole, 10, 0, PM_MAX_SAFE_INTEGER, &value, NULL))
    {
      g_set_error_literal (error, PM_ERROR, PM_ERROR_NUMBER, _("This number is too large"));
      return FALSE;
    }

  *number = (gint64) value;
  return TRUE;
}

/* Unit words, folded to lower case, and their length in minutes. */
static const struct
{
  const char *word;
  int         minutes;
} duration_units[] = {
  { "d", 1440 }, { "day", 1440 }, { "days", 1440 },
  { "t", 1440 }, { "tag", 1440 }, { "tage", 1440 }, { "tagen", 1440 },
  { "h", 60 }, { "hr", 60 }, { "hrs", 60 }, { "hour", 60 }, { "hours", 60 },
  { "std", 60 }, { "stunde", 60 }, { "stunden", 60 },
  { "m", 1 }, { "min", 1 }, { "mins", 1 }, { "minute", 1 }, { "minutes", 1 },
  { "minuten", 1 },
};

static void
set_duration_error (GError     **error,
                    const char  *text)
{
  g_set_error (error, PM_ERROR, PM_ERROR_NUMBER,
               _("“%s” is not a duration: write it like 18 h, 1 day 4 h or 90 min, or leave "
                 "the field empty"),
               text);
}

gboolean
pm_figures_parse_duration (const char  *text,
                           gint64      *minutes,
                           GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;
  const char *p;
  double total = 0;
  gboolean any_unit = FALSE;
  int parts = 0;

  g_return_val_if_fail (minutes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stripped = g_strstrip (g_utf8_make_valid (text != NULL ? text : "", -1));
  if (*stripped == '\0')
    {
      *minutes = -1;
      return TRUE;
    }
  if (strlen (stripped) > MAX_FIGURE_BYTES)
    {
      set_duration_error (error, stripped);
      return FALSE;
    }

  /* "1:30": hours and minutes */
  {
    const char *colon = strchr (stripped, ':');
    gsize len = strlen (stripped);
    guint64 h, m;

    if (colon != NULL && colon > stripped && colon + 3 == stripped + len &&
        g_ascii_isdigit (colon[1]) && g_ascii_isdigit (colon[2]))
      {
        g_autofree char *hours = g_strndup (stripped, colon - stripped);

        if (g_ascii_string_to_unsigned (hours, 10, 0, PM_MAX_SAFE_INTEGER / 60, &h, NULL) &&
            g_ascii_string_to_unsigned (colon + 1, 10, 0, 59, &m, NULL))
          {
            *minutes = (gint64) (h * 60 + m);
            return TRUE;
          }
      }
  }

  /* A number alone is minutes, grouping allowed ("1,080"). */
  {
    g_autoptr(GError) local = NULL;

    if (pm_figures_parse_number (stripped, minutes, &local))
      return TRUE;
  }

  folded = g_utf8_casefold (stripped, -1);
  p = folded;
  while (*p != '\0')
    {
      g_autofree char *number = NULL;
      g_autofree char *word = NULL;
      const char *start;
      double value;
      int unit = 0;

      while (is_group_blank (g_utf8_get_char (p)) || *p == ',')
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      /* the number: digits with an optional fraction after "." or "," */
      start = p;
      while (g_ascii_isdigit (*p))
        p++;
      if (p == start)
        {
          set_duration_error (error, stripped);
          return FALSE;
        }
      if ((*p == '.' || *p == ',') && g_ascii_isdigit (p[1]))
        {
          p++;
          while (g_ascii_isdigit (*p))
            p++;
        }
      number = g_strndup (start, p - start);
      g_strdelimit (number, ",", '.');
      value = g_ascii_strtod (number, NULL);

      /* the unit */
      while (is_group_blank (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      word = g_strndup (start, p - start);
      if (*p == '.')
        p++;   /* "Std." */
      for (guint i = 0; i < G_N_ELEMENTS (duration_units); i++)
        if (g_str_equal (word, duration_units[i].word))
          unit = duration_units[i].minutes;
      if (unit == 0 || parts >= 6)
        {
          set_duration_error (error, stripped);
          return FALSE;
        }
      any_unit = TRUE;
      parts++;
      total += value * unit;
      if (total > (double) PM_MAX_SAFE_INTEGER)
        {
          g_set_error_literal (error, PM_ERROR, PM_ERROR_NUMBER, _("This number is too large"));
          return FALSE;
        }
    }

  if (!any_unit)
    {
      set_duration_error (error, stripped);
      return FALSE;
    }
  *minutes = (gint64) floor (total + 0.5);
  return TRUE;
}
