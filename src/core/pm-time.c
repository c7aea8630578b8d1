/* pm-time.c — the time model
 *
 * A PmTime is an instant (seconds since the Unix epoch, UTC), the offset of the zone it was
 * entered in, and a precision. The instant is always truncated to the precision in that offset,
 * so two times that mean "the same day" or "the same minute" hold the same instant.
 *
 * Calendar arithmetic is done on "local seconds" (the instant plus the offset) with GDate, which
 * covers the years 0001 to 9999 that the file form can write. Named zones (Europe/Berlin) are
 * only needed for what people type and for display; GTimeZone and GDateTime handle those.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The build is strict C11; O_CLOEXEC and fstat() are POSIX. Before the first system header. */
#ifndef _XOPEN_SOURCE
# define _XOPEN_SOURCE 700
#endif

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pm-error.h"
#include "pm-time.h"

struct _PmTime
{
  gint64          unix_seconds;
  int             offset_seconds;
  PmTimePrecision precision;
};

G_DEFINE_BOXED_TYPE (PmTime, pm_time, pm_time_copy, pm_time_free)

#define SECONDS_PER_DAY     G_GINT64_CONSTANT (86400)
#define MAX_OFFSET_SECONDS  (18 * 3600)
/* GDate's Julian day of 1970-01-01 (day 1 is 0001-01-01). */
#define UNIX_EPOCH_JULIAN   G_GINT64_CONSTANT (719163)
/* Local seconds of 0001-01-01T00:00:00 and 9999-12-31T23:59:59. */
#define MIN_LOCAL_SECONDS   ((1 - UNIX_EPOCH_JULIAN) * SECONDS_PER_DAY)
#define MAX_LOCAL_SECONDS   ((3652059 - UNIX_EPOCH_JULIAN + 1) * SECONDS_PER_DAY - 1)
/* Longer user input cannot be a time; error messages quote at most this much of it. */
#define MAX_USER_TIME_BYTES 64

typedef struct
{
  int year;
  int month;
  int day;
  int hour;
  int minute;
  int second;
} CivilTime;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if (a % b != 0 && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static gint64
precision_unit (PmTimePrecision precision)
{
  switch (precision)
    {
    case PM_TIME_PRECISION_EXACT:
      return 1;
    case PM_TIME_PRECISION_MINUTE:
      return 60;
    case PM_TIME_PRECISION_HOUR:
      return 3600;
    case PM_TIME_PRECISION_DAY:
      return SECONDS_PER_DAY;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
precision_is_valid (PmTimePrecision precision)
{
  return (int) precision >= PM_TIME_PRECISION_EXACT && precision <= PM_TIME_PRECISION_DAY;
}

/* The date must be valid (year 1..9999). */
static gint64
civil_to_local_seconds (const CivilTime *civil)
{
  GDate date;
  gint64 days;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, civil->day, civil->month, civil->year);
  days = (gint64) g_date_get_julian (&date) - UNIX_EPOCH_JULIAN;

  return days * SECONDS_PER_DAY + civil->hour * 3600 + civil->minute * 60 + civil->second;
}

/* @local must lie in MIN_LOCAL_SECONDS..MAX_LOCAL_SECONDS. */
static void
local_seconds_to_civil (gint64     local,
                        CivilTime *civil)
{
  gint64 days = floor_div (local, SECONDS_PER_DAY);
  gint64 rest = local - days * SECONDS_PER_DAY;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (days + UNIX_EPOCH_JULIAN));

  civil->year = g_date_get_year (&date);
  civil->month = g_date_get_month (&date);
  civil->day = g_date_get_day (&date);
  civil->hour = (int) (rest / 3600);
  civil->minute = (int) (rest / 60 % 60);
  civil->second = (int) (rest % 60);
}

static gboolean
civil_date_is_valid (const CivilTime *civil)
{
  return civil->year >= 1 && civil->year <= 9999 &&
         civil->month >= 1 && civil->month <= 12 &&
         civil->day >= 1 &&
         civil->day <= g_date_get_days_in_month ((GDateMonth) civil->month,
                                                 (GDateYear) civil->year);
}

static gboolean
civil_time_of_day_is_valid (const CivilTime *civil)
{
  return civil->hour >= 0 && civil->hour <= 23 &&
         civil->minute >= 0 && civil->minute <= 59 &&
         civil->second >= 0 && civil->second <= 59;
}

/* "+hh:mm", or "+hh:mm:ss" for the odd historical offset that is not whole minutes. */
static void
append_offset (GString *str,
               int      offset_seconds)
{
  int abs_offset = ABS (offset_seconds);

  g_string_append_printf (str, "%c%02d:%02d",
                          offset_seconds < 0 ? '-' : '+',
                          abs_offset / 3600, abs_offset / 60 % 60);
  if (abs_offset % 60 != 0)
    g_string_append_printf (str, ":%02d", abs_offset % 60);
}

/* A cursor over the text being parsed. */
typedef struct
{
  const char *p;
} Scanner;

static gboolean
scan_char (Scanner *s,
           char     c)
{
  if (*s->p != c)
    return FALSE;
  s->p++;
  return TRUE;
}

/* Exactly @n ASCII digits. */
static gboolean
scan_digits (Scanner *s,
             int      n,
             int     *value)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (s->p[i]))
        return FALSE;
      v = v * 10 + (s->p[i] - '0');
    }
  s->p += n;
  *value = v;
  return TRUE;
}

/* "YYYY-MM-DD"; the range is checked by the caller. */
static gboolean
scan_date (Scanner   *s,
           CivilTime *civil)
{
  Scanner t = *s;

  if (!scan_digits (&t, 4, &civil->year) ||
      !scan_char (&t, '-') ||
      !scan_digits (&t, 2, &civil->month) ||
      !scan_char (&t, '-') ||
      !scan_digits (&t, 2, &civil->day))
    return FALSE;
  *s = t;
  return TRUE;
}

typedef enum
{
  OFFSET_NONE,       /* nothing that looks like an offset here */
  OFFSET_OK,
  OFFSET_INVALID,    /* looks like an offset but is out of range */
} OffsetResult;

/* "Z", "z" or ±hh:mm; with @lenient also ±hhmm, ±hh and "UTC". */
static OffsetResult
scan_offset (Scanner  *s,
             gboolean  lenient,
             int      *offset_seconds)
{
  Scanner t = *s;
  int sign, hours, minutes = 0;

  if (*t.p == 'Z' || *t.p == 'z')
    {
      s->p++;
      *offset_seconds = 0;
      return OFFSET_OK;
    }

  if (lenient && g_ascii_strncasecmp (t.p, "UTC", 3) == 0)
    {
      s->p += 3;
      *offset_seconds = 0;
      return OFFSET_OK;
    }

  if (*t.p != '+' && *t.p != '-')
    return OFFSET_NONE;
  sign = *t.p == '-' ? -1 : 1;
  t.p++;

  if (!scan_digits (&t, 2, &hours))
    return OFFSET_NONE;
  if (scan_char (&t, ':'))
    {
      if (!scan_digits (&t, 2, &minutes))
        return OFFSET_NONE;
    }
  else if (!lenient)
    return OFFSET_NONE;
  else if (g_ascii_isdigit (t.p[0]) && !scan_digits (&t, 2, &minutes))
    return OFFSET_NONE;

  *s = t;
  if (minutes > 59 || hours * 3600 + minutes * 60 > MAX_OFFSET_SECONDS)
    return OFFSET_INVALID;
  *offset_seconds = sign * (hours * 3600 + minutes * 60);
  return OFFSET_OK;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* A GDateTime at @civil in @zone, or NULL when that wall-clock time does not exist there.
 * g_date_time_new() moves a time in a DST gap instead of failing, so the fields are checked. */
static GDateTime *
date_time_new_exact (GTimeZone       *zone,
                     const CivilTime *civil)
{
  g_autoptr(GDateTime) dt = NULL;

  dt = g_date_time_new (zone, civil->year, civil->month, civil->day,
                        civil->hour, civil->minute, civil->second);
  if (dt == NULL ||
      g_date_time_get_year (dt) != civil->year ||
      g_date_time_get_month (dt) != civil->month ||
      g_date_time_get_day_of_month (dt) != civil->day ||
      g_date_time_get_hour (dt) != civil->hour ||
      g_date_time_get_minute (dt) != civil->minute ||
      g_date_time_get_second (dt) != civil->second)
    return NULL;

  return g_steal_pointer (&dt);
}

static int
date_time_offset_seconds (GDateTime *dt)
{
  return (int) (g_date_time_get_utc_offset (dt) / G_USEC_PER_SEC);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/**
 * pm_time_new:
 *
 * The offset must be whole minutes (the file form cannot write anything else) and the local
 * time (instant plus offset) must lie in the years 0001 to 9999.
 */
PmTime *
pm_time_new (gint64          unix_seconds,
             int             offset_seconds,
             PmTimePrecision precision)
{
  PmTime *self;
  gint64 local, unit;

  g_return_val_if_fail (offset_seconds >= -MAX_OFFSET_SECONDS, NULL);
  g_return_val_if_fail (offset_seconds <= MAX_OFFSET_SECONDS, NULL);
  g_return_val_if_fail (offset_seconds % 60 == 0, NULL);
  g_return_val_if_fail (precision_is_valid (precision), NULL);
  g_return_val_if_fail (unix_seconds >= MIN_LOCAL_SECONDS - MAX_OFFSET_SECONDS, NULL);
  g_return_val_if_fail (unix_seconds <= MAX_LOCAL_SECONDS + MAX_OFFSET_SECONDS, NULL);

  local = unix_seconds + offset_seconds;
  g_return_val_if_fail (local >= MIN_LOCAL_SECONDS && local <= MAX_LOCAL_SECONDS, NULL);

  unit = precision_unit (precision);
  local = floor_div (local, unit) * unit;

  self = g_new0 (PmTime, 1);
  self->unix_seconds = local - offset_seconds;
  self->offset_seconds = offset_seconds;
  self->precision = precision;
  return self;
}

PmTime *
pm_time_copy (const PmTime *time)
{
  return time ? g_memdup2 (time, sizeof *time) : NULL;
}

PmTime *
pm_time_add_steps (const PmTime *time,
                   int           n,
                   gint64        step,
                   GTimeZone    *zone)
{
  gint64 t, local;

  g_return_val_if_fail (time != NULL, NULL);
  g_return_val_if_fail (step > 0, NULL);

  step = MAX (step, precision_unit (time->precision));
  if (step >= SECONDS_PER_DAY && time->precision != PM_TIME_PRECISION_DAY && zone != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time->unix_seconds);
      g_autoptr(GDateTime) wall = utc ? g_date_time_to_timezone (utc, zone) : NULL;
      g_autoptr(GDateTime) moved = NULL;
      gint64 days = (gint64) n * (step / SECONDS_PER_DAY);

      if (wall == NULL || days > G_MAXINT || days < -G_MAXINT)
        return NULL;
      moved = g_date_time_add_days (wall, (int) days);
      if (moved == NULL)
        return NULL;
      t = g_date_time_to_unix (moved);
    }
  else
    {
      if (ABS ((gint64) n) > (MAX_LOCAL_SECONDS - MIN_LOCAL_SECONDS) / step)
        return NULL;
      t = time->unix_seconds + (gint64) n * step;
    }

  local = t + time->offset_seconds;
  if (local < MIN_LOCAL_SECONDS || local > MAX_LOCAL_SECONDS)
    return NULL;
  return pm_time_new (t, time->offset_seconds, time->precision);
}

void
pm_time_free (PmTime *time)
{
  g_free (time);
}

gint64
pm_time_get_unix (const PmTime *time)
{
  g_return_val_if_fail (time != NULL, 0);

  return time->unix_seconds;
}

int
pm_time_get_offset (const PmTime *time)
{
  g_return_val_if_fail (time != NULL, 0);

  return time->offset_seconds;
}

PmTimePrecision
pm_time_get_precision (const PmTime *time)
{
  g_return_val_if_fail (time != NULL, PM_TIME_PRECISION_EXACT);

  return time->precision;
}

/* An unknown time (NULL) sorts before known ones; timelines use pm_timeline_order() instead.
 * Two times at the same instant and precision compare equal whatever their offsets. */
int
pm_time_compare (const PmTime *a,
                 const PmTime *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);

  if (a->unix_seconds != b->unix_seconds)
    return a->unix_seconds < b->unix_seconds ? -1 : 1;

  /* Coarser first: the day 2017-03-02 starts before 2017-03-02T00:00:00 exactly. */
  if (a->precision != b->precision)
    return a->precision > b->precision ? -1 : 1;

  return 0;
}

/* Identity, not order: the same instant entered with another offset is another value (it is
 * written differently), although pm_time_compare() puts the two at the same place. */
gboolean
pm_time_equal (const PmTime *a,
               const PmTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->unix_seconds == b->unix_seconds &&
         a->offset_seconds == b->offset_seconds &&
         a->precision == b->precision;
}

char *
pm_time_to_iso8601 (const PmTime *time)
{
  CivilTime civil;
  GString *str;

  g_return_val_if_fail (time != NULL, NULL);

  local_seconds_to_civil (time->unix_seconds + time->offset_seconds, &civil);

  str = g_string_sized_new (32);
  g_string_append_printf (str, "%04d-%02d-%02dT%02d:%02d:%02d",
                          civil.year, civil.month, civil.day,
                          civil.hour, civil.minute, civil.second);
  append_offset (str, time->offset_seconds);
  return g_string_free (str, FALSE);
}

const char *
pm_time_precision_to_string (PmTimePrecision precision)
{
  switch (precision)
    {
    case PM_TIME_PRECISION_EXACT:
      return "exact";
    case PM_TIME_PRECISION_MINUTE:
      return "minute";
    case PM_TIME_PRECISION_HOUR:
      return "hour";
    case PM_TIME_PRECISION_DAY:
      return "day";
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
pm_time_precision_from_string (const char      *str,
                               PmTimePrecision *precision)
{
  static const PmTimePrecision all[] = {
    PM_TIME_PRECISION_EXACT,
    PM_TIME_PRECISION_MINUTE,
    PM_TIME_PRECISION_HOUR,
    PM_TIME_PRECISION_DAY,
  };

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      if (strcmp (str, pm_time_precision_to_string (all[i])) == 0)
        {
          if (precision != NULL)
            *precision = all[i];
          return TRUE;
        }
    }

  return FALSE;
}

static void
set_not_truncated_error (GError          **error,
                         const char       *str,
                         PmTimePrecision   precision)
{
  switch (precision)
    {
    case PM_TIME_PRECISION_DAY:
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s”: a day-precision time must be midnight"), str);
      break;
    case PM_TIME_PRECISION_HOUR:
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s”: an hour-precision time must be on the hour"), str);
      break;
    case PM_TIME_PRECISION_MINUTE:
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s”: a minute-precision time must have zero seconds"), str);
      break;
    case PM_TIME_PRECISION_EXACT:
    default:
      g_assert_not_reached ();
    }
}

PmTime *
pm_time_parse_iso8601 (const char       *str,
                       PmTimePrecision   precision,
                       GError          **error)
{
  Scanner s;
  CivilTime civil;
  int offset = 0;
  OffsetResult offset_result;
  gint64 local;

  g_return_val_if_fail (str != NULL, NULL);
  g_return_val_if_fail (precision_is_valid (precision), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strlen (str) > MAX_USER_TIME_BYTES || !g_utf8_validate (str, -1, NULL))
    {
      g_set_error_literal (error, PM_ERROR, PM_ERROR_TIME,
                           _("the text is not a time like 2017-02-28T09:37:00+01:00"));
      return NULL;
    }

  s.p = str;
  if (!scan_date (&s, &civil) ||
      !(scan_char (&s, 'T') || scan_char (&s, 't')) ||
      !scan_digits (&s, 2, &civil.hour) ||
      !scan_char (&s, ':') ||
      !scan_digits (&s, 2, &civil.minute) ||
      !scan_char (&s, ':') ||
      !scan_digits (&s, 2, &civil.second))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” is not a time like 2017-02-28T09:37:00+01:00"), str);
      return NULL;
    }

  if (*s.p == '.' || *s.p == ',')
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s”: fractions of a second are not allowed"), str);
      return NULL;
    }

  offset_result = scan_offset (&s, FALSE, &offset);
  if (offset_result == OFFSET_NONE)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” has no UTC offset (such as “Z” or “+01:00”)"), str);
      return NULL;
    }
  if (offset_result == OFFSET_INVALID)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” has an invalid UTC offset (at most ±18:00)"), str);
      return NULL;
    }
  if (*s.p != '\0')
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” has unexpected text after the time"), str);
      return NULL;
    }

  if (!civil_date_is_valid (&civil))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” is not a valid date"), str);
      return NULL;
    }
  if (!civil_time_of_day_is_valid (&civil))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” is not a valid time of day"), str);
      return NULL;
    }

  local = civil_to_local_seconds (&civil);
  if (local % precision_unit (precision) != 0)
    {
      set_not_truncated_error (error, str, precision);
      return NULL;
    }

  return pm_time_new (local - offset, offset, precision);
}

/* Converts a wall-clock time in @zone (NULL: UTC). For a day the instant is the first moment
 * of that date; where midnight itself was skipped, midnight in the offset of midday. */
static PmTime *
time_from_zone (const char       *str,
                const CivilTime  *civil,
                GTimeZone        *zone,
                PmTimePrecision   precision,
                GError          **error)
{
  g_autoptr(GDateTime) dt = NULL;
  int offset;

  if (zone == NULL)
    return pm_time_new (civil_to_local_seconds (civil), 0, precision);

  dt = date_time_new_exact (zone, civil);
  if (dt == NULL && precision == PM_TIME_PRECISION_DAY)
    {
      CivilTime midday = *civil;

      midday.hour = 12;
      dt = date_time_new_exact (zone, &midday);
    }

  if (dt == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” does not exist in the time zone %s: the clocks jumped past it "
                     "(daylight saving time)"),
                   str, g_time_zone_get_identifier (zone));
      return NULL;
    }

  offset = date_time_offset_seconds (dt);
  if (offset % 60 != 0 || ABS (offset) > MAX_OFFSET_SECONDS)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” is in a period when the time zone %s was not a whole number of "
                     "minutes from UTC; give the offset, such as “+01:00”"),
                   str, g_time_zone_get_identifier (zone));
      return NULL;
    }

  return pm_time_new (civil_to_local_seconds (civil) - offset, offset, precision);
}

/* "HH[:MM[:SS[.fraction]]]" (one or two hour digits); sets the precision it implies. */
static gboolean
scan_time_of_day (Scanner         *s,
                  CivilTime       *civil,
                  PmTimePrecision *precision)
{
  Scanner t = *s;

  if (!g_ascii_isdigit (t.p[0]))
    return FALSE;
  scan_digits (&t, g_ascii_isdigit (t.p[1]) ? 2 : 1, &civil->hour);
  *precision = PM_TIME_PRECISION_HOUR;

  if (t.p[0] == ':' && g_ascii_isdigit (t.p[1]) && g_ascii_isdigit (t.p[2]))
    {
      t.p++;
      scan_digits (&t, 2, &civil->minute);
      *precision = PM_TIME_PRECISION_MINUTE;

      if (t.p[0] == ':' && g_ascii_isdigit (t.p[1]) && g_ascii_isdigit (t.p[2]))
        {
          t.p++;
          scan_digits (&t, 2, &civil->second);
          *precision = PM_TIME_PRECISION_EXACT;

          /* Log timestamps carry fractions; the time keeps whole seconds. */
          if (t.p[0] == '.' && g_ascii_isdigit (t.p[1]))
            {
              t.p++;
              while (g_ascii_isdigit (*t.p))
                t.p++;
            }
        }
    }

  *s = t;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Dates as the app shows them                                                                */
/* ------------------------------------------------------------------------------------------ */

/* Month names read back in English and German whatever the language (a file travels), and in
 * the language of the locale (the timeline's axis is written with it). */
static const char * const month_words[] = {
  "jan", "january", "januar", "jän", "jänner",
  "feb", "february", "februar",
  "mar", "march", "mär", "märz", "mrz",
  "apr", "april",
  "may", "mai",
  "jun", "june", "juni",
  "jul", "july", "juli",
  "aug", "august",
  "sep", "sept", "september",
  "oct", "october", "okt", "oktober",
  "nov", "november",
  "dec", "december", "dez", "dezember",
};
static const guint8 month_of_word[] = {
  1, 1, 1, 1, 1,
  2, 2, 2,
  3, 3, 3, 3, 3,
  4, 4,
  5, 5,
  6, 6, 6,
  7, 7, 7,
  8, 8,
  9, 9, 9,
  10, 10, 10, 10,
  11, 11,
  12, 12, 12, 12,
};
G_STATIC_ASSERT (G_N_ELEMENTS (month_words) == G_N_ELEMENTS (month_of_word));

/* The month (1..12) a word names, or 0. */
static int
month_from_word (const char *word,
                 gsize       len)
{
  g_autofree char *folded = g_utf8_casefold (word, len);
  g_autofree char *normal = g_utf8_normalize (folded, -1, G_NORMALIZE_NFC);

  for (guint i = 0; i < G_N_ELEMENTS (month_words); i++)
    if (g_str_equal (normal, month_words[i]))
      return month_of_word[i];

  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (2001, m, 1, 0, 0, 0);
      const char * const formats[] = { "%b", "%B" };

      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *name = g_date_time_format (dt, formats[f]);
          g_autofree char *name_folded = name ? g_utf8_casefold (name, -1) : NULL;
          g_autofree char *name_normal = NULL;

          if (name_folded == NULL)
            continue;
          name_normal = g_utf8_normalize (name_folded, -1, G_NORMALIZE_NFC);
          /* "Mär." and "mai" alike: a trailing dot is not part of the name */
          if (g_str_has_suffix (name_normal, "."))
            name_normal[strlen (name_normal) - 1] = '\0';
          if (g_str_equal (normal, name_normal))
            return m;
        }
    }
  return 0;
}

/* A run of letters at @p; returns its end. */
static const char *
scan_word (const char *p)
{
  while (*p != '\0' && g_unichar_isalpha (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

/* 1 or 2 digits (@max_digits 2) or exactly 4 (@max_digits 4); returns the end or NULL. */
static const char *
scan_number (const char *p,
             int         min_digits,
             int         max_digits,
             int        *value)
{
  int n = 0, v = 0;

  while (n < max_digits && g_ascii_isdigit (p[n]))
    v = v * 10 + (p[n++] - '0');
  if (n < min_digits || g_ascii_isdigit (p[n]))
    return NULL;
  *value = v;
  return p + n;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* "31 Jan 2017 21:00", "Sun 10 Mar 2024", "31. Januar 2017", "31.01.2017 21:00",
 * "Jan 31, 2017": the date rewritten as "2017-01-31", the rest kept. NULL when @text does not
 * start with such a date. Ranges are checked by the caller. */
static char *
rewrite_human_date (const char *text)
{
  const char *p = text, *end;
  int day = 0, month = 0, year = 0;

  if (g_unichar_isalpha (g_utf8_get_char (p)))
    {
      end = scan_word (p);
      month = month_from_word (p, end - p);
      p = end;
      if (*p == '.' || *p == ',')
        p++;
      p = skip_spaces (p);
      if (month != 0)
        {
          /* "Jan 31, 2017" */
          if (!(p = scan_number (p, 1, 2, &day)))
            return NULL;
          if (*p == ',' || *p == '.')
            p++;
          p = skip_spaces (p);
          if (!(p = scan_number (p, 4, 4, &year)))
            return NULL;
          goto done;
        }
      /* a weekday before the date */
    }

  if (!(p = scan_number (p, 1, 2, &day)))
    return NULL;
  if (*p == '.' && g_ascii_isdigit (p[1]))
    {
      /* "31.01.2017" */
      if (!(p = scan_number (p + 1, 1, 2, &month)) || *p != '.' ||
          !(p = scan_number (p + 1, 4, 4, &year)))
        return NULL;
      goto done;
    }
  if (*p == '.')
    p++;
  p = skip_spaces (p);
  end = scan_word (p);
  if (end == p || (month = month_from_word (p, end - p)) == 0)
    return NULL;
  p = end;
  if (*p == '.')
    p++;
  p = skip_spaces (p);
  if (!(p = scan_number (p, 4, 4, &year)))
    return NULL;

done:
  /* the time after a blank, or after a comma */
  if (*p == ',')
    p++;
  if (*p != '\0' && *p != ' ' && *p != '\t')
    return NULL;
  p = skip_spaces (p);
  return g_strdup_printf ("%04d-%02d-%02d%s%s", year, month, day, *p ? " " : "", p);
}

PmTime *
pm_time_parse_user (const char  *str,
                    GTimeZone   *default_zone,
                    GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *time_text = NULL;
  Scanner s;
  CivilTime civil = { 0, };
  PmTimePrecision precision = PM_TIME_PRECISION_DAY;
  gboolean has_offset = FALSE;
  gboolean want_hour = FALSE;
  int offset = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (str == NULL)
    return NULL;

  text = g_strstrip (g_strdup (str));
  if (*text == '\0')
    return NULL;

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, PM_ERROR, PM_ERROR_TIME,
                           _("the time is not valid UTF-8 text"));
      return NULL;
    }

  if (strlen (text) > MAX_USER_TIME_BYTES)
    {
      g_autofree char *start = g_utf8_substring (text, 0, 24);

      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s…” is too long to be a time"), start);
      return NULL;
    }

  /* What the app shows is read back: "31 Jan 2017 21:00", "31.01.2017", "−07:00", and
   * "09:00 (hour)". */
  {
    g_autofree char *hour_suffix = g_strdup_printf (_("%s (hour)"), "");
    char *human;

    if (strstr (text, "\u2212") != NULL)
      {
        g_autoptr(GString) ascii = g_string_new (text);

        g_string_replace (ascii, "\u2212", "-", 0);
        g_free (text);
        text = g_string_free (g_steal_pointer (&ascii), FALSE);
      }
    if (g_str_has_suffix (text, " (hour)") ||
        (*hour_suffix != '\0' && g_str_has_suffix (text, hour_suffix)))
      {
        text[strlen (text) - (g_str_has_suffix (text, " (hour)") ? strlen (" (hour)")
                                                                  : strlen (hour_suffix))] = '\0';
        g_strchomp (text);
        want_hour = TRUE;
      }
    if ((human = rewrite_human_date (text)) != NULL)
      {
        g_free (text);
        text = human;
      }
  }

  s.p = text;
  if (!scan_date (&s, &civil))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” is not a time: write a date like 2017-02-28, optionally followed "
                     "by a time like 09:37 and an offset like +01:00"),
                   text);
      return NULL;
    }
  date_text = g_strndup (text, s.p - text);

  if (*s.p == 'T' || *s.p == 't' || is_blank (*s.p))
    {
      Scanner t = s;
      const char *time_start;

      if (!scan_char (&t, 'T') && !scan_char (&t, 't'))
        while (is_blank (*t.p))
          t.p++;

      time_start = t.p;
      if (scan_time_of_day (&t, &civil, &precision))
        {
          OffsetResult result;

          time_text = g_strndup (time_start, t.p - time_start);
          s = t;
          while (is_blank (*t.p))
            t.p++;

          result = scan_offset (&t, TRUE, &offset);
          if (result == OFFSET_INVALID)
            {
              g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                           _("“%s” has an invalid UTC offset (at most ±18:00)"), text);
              return NULL;
            }
          if (result == OFFSET_OK)
            {
              has_offset = TRUE;
              s = t;
            }
        }
    }

  if (*s.p != '\0')
    {
      const char *rest = s.p;

      while (is_blank (*rest))
        rest++;
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("unexpected “%s” after the time in “%s”"), rest, text);
      return NULL;
    }

  if (!civil_date_is_valid (&civil))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” is not a valid date"), date_text);
      return NULL;
    }

  if (!civil_time_of_day_is_valid (&civil))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("“%s” is not a valid time of day"), time_text);
      return NULL;
    }

  /* "09:00 (hour)" is known to the hour */
  if (want_hour && precision == PM_TIME_PRECISION_MINUTE && civil.minute == 0)
    precision = PM_TIME_PRECISION_HOUR;

  if (has_offset)
    return pm_time_new (civil_to_local_seconds (&civil) - offset, offset, precision);

  return time_from_zone (text, &civil, default_zone, precision, error);
}

GDateTime *
pm_time_to_date_time (const PmTime *time,
                      GTimeZone    *zone)
{
  g_autoptr(GTimeZone) own_zone = NULL;
  g_autoptr(GDateTime) local = NULL;
  CivilTime civil;

  g_return_val_if_fail (time != NULL, NULL);

  /* Built from the wall clock in the time's own offset, which always lies in 0001..9999;
   * only the conversion to another zone can leave GDateTime's range (at its very ends). */
  own_zone = g_time_zone_new_offset (time->offset_seconds);
  local_seconds_to_civil (time->unix_seconds + time->offset_seconds, &civil);
  local = g_date_time_new (own_zone, civil.year, civil.month, civil.day,
                           civil.hour, civil.minute, civil.second);

  if (zone == NULL || local == NULL)
    return g_steal_pointer (&local);

  return g_date_time_to_timezone (local, zone);
}

char *
pm_time_format (const PmTime *time,
                GTimeZone    *zone,
                gboolean      show_offset)
{
  g_autoptr(GDateTime) dt = NULL;
  GString *str;

  if (time == NULL)
    return g_strdup (_("time unknown"));

  dt = pm_time_to_date_time (time, zone);
  if (dt == NULL)
    dt = pm_time_to_date_time (time, NULL);
  g_return_val_if_fail (dt != NULL, NULL);

  str = g_string_sized_new (40);
  g_string_append_printf (str, "%04d-%02d-%02d",
                          g_date_time_get_year (dt),
                          g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt));

  switch (time->precision)
    {
    case PM_TIME_PRECISION_EXACT:
      g_string_append_printf (str, " %02d:%02d:%02d",
                              g_date_time_get_hour (dt),
                              g_date_time_get_minute (dt),
                              g_date_time_get_second (dt));
      break;
    case PM_TIME_PRECISION_MINUTE:
    case PM_TIME_PRECISION_HOUR:
      g_string_append_printf (str, " %02d:%02d",
                              g_date_time_get_hour (dt),
                              g_date_time_get_minute (dt));
      break;
    case PM_TIME_PRECISION_DAY:
    default:
      break;
    }

  if (show_offset)
    {
      g_string_append_c (str, ' ');
      append_offset (str, date_time_offset_seconds (dt));
    }

  if (time->precision == PM_TIME_PRECISION_HOUR)
    {
      g_autofree char *base = g_string_free (str, FALSE);

      /* Translators: a time known only to the hour, e.g. "2017-02-28 09:00 (hour)" */
      return g_strdup_printf (_("%s (hour)"), base);
    }

  return g_string_free (str, FALSE);
}

/* Zone names come from shared files and from what people type, and GLib 2.74 trusts them:
 * it reads any path as a zone file (with a critical for a file that is not one, such as
 * zone.tab or leapseconds next to the zones), takes other text as a POSIX TZ rule, and
 * falls back to UTC without a word. So only two forms are looked up: an offset within what a
 * PmTime can hold, and an IANA-style name whose zone file we have checked ourselves. */
#define MAX_ZONE_NAME_BYTES 255
/* The size of a TZif header: GLib asserts at least this much, starting with "TZif". */
#define TZIF_HEADER_BYTES   44

/* "+05:30", "-08", "+0100": a fixed offset, ±18:00 at most. */
static gboolean
zone_name_is_offset (const char *identifier)
{
  Scanner s = { identifier };
  int offset;

  return (identifier[0] == '+' || identifier[0] == '-') &&
         scan_offset (&s, TRUE, &offset) == OFFSET_OK && *s.p == '\0';
}

/* "Europe/Berlin", "Etc/GMT+5", "America/Argentina/Buenos_Aires": components of ASCII
 * letters, digits, "_", "+" and "-" that start with a letter. This leaves out absolute paths,
 * ".." and "." (no dots at all, so none of the data files beside the zones) and POSIX rules. */
static gboolean
zone_name_is_well_formed (const char *identifier)
{
  gboolean component_start = TRUE;

  for (const char *p = identifier; *p != '\0'; p++)
    {
      if (*p == '/')
        {
          if (component_start)
            return FALSE;
          component_start = TRUE;
        }
      else if (component_start ? !g_ascii_isalpha (*p)
                               : !g_ascii_isalnum (*p) && *p != '_' && *p != '+' && *p != '-')
        return FALSE;
      else
        component_start = FALSE;
    }

  return !component_start;
}

/* Whether the zone file GLib will map for @identifier is a regular TZif file. GLib looks in
 * $TZDIR, else /usr/share/zoneinfo; we look in the same place. */
static gboolean
zone_file_is_tzif (const char *identifier)
{
  const char *tzdir = g_getenv ("TZDIR");
  g_autofree char *path = g_build_filename (tzdir != NULL ? tzdir : "/usr/share/zoneinfo",
                                            identifier, NULL);
  char header[TZIF_HEADER_BYTES];
  gboolean ok = FALSE;
  GStatBuf st;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);
  if (fd < 0)
    return FALSE;
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_size >= TZIF_HEADER_BYTES)
    ok = read (fd, header, sizeof header) == sizeof header && memcmp (header, "TZif", 4) == 0;
  close (fd);
  return ok;
}

static gboolean
zone_identifier_is_safe (const char *identifier)
{
  gsize len = strlen (identifier);

  if (len == 0 || len > MAX_ZONE_NAME_BYTES)
    return FALSE;
  if (g_str_equal (identifier, "UTC") || zone_name_is_offset (identifier))
    return TRUE;
  return zone_name_is_well_formed (identifier) && zone_file_is_tzif (identifier);
}

GTimeZone *
pm_time_zone_new (const char  *identifier,
                  GError     **error)
{
  GTimeZone *zone = NULL;

  g_return_val_if_fail (identifier != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (zone_identifier_is_safe (identifier))
    zone = g_time_zone_new_identifier (identifier);

  if (zone == NULL)
    {
      g_autofree char *shown = g_utf8_make_valid (identifier, MIN (strlen (identifier), 255));

      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("unknown time zone “%s”"), shown);
    }

  return zone;
}

typedef struct
{
  const PmTime *time;   /* NULL only for the leading group of unknown times */
  guint         start;  /* index of the group's first entry in sequence order */
  guint         length;
} TimelineGroup;

static int
timeline_group_compare (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  const TimelineGroup *ga = a;
  const TimelineGroup *gb = b;
  int result = pm_time_compare (ga->time, gb->time);

  if (result != 0)
    return result;
  /* Equal times keep their sequence order (g_qsort_with_data() is stable too). */
  return (ga->start > gb->start) - (ga->start < gb->start);
}

guint *
pm_timeline_order (const PmTime * const *times,
                   guint                 n_times)
{
  g_autofree TimelineGroup *groups = NULL;
  guint *order;
  guint n_groups = 0;
  guint first_known = 0;
  guint k = 0;

  g_return_val_if_fail (times != NULL || n_times == 0, NULL);

  order = g_new (guint, MAX (n_times, 1));
  if (n_times == 0)
    return order;

  /* Leading unknowns keep their places at the front. */
  while (first_known < n_times && times[first_known] == NULL)
    {
      order[k] = k;
      k++;
      first_known++;
    }

  /* Each known time leads a group with the unknown times that follow it. */
  groups = g_new (TimelineGroup, n_times - first_known + 1);
  for (guint i = first_known; i < n_times; i++)
    {
      if (times[i] != NULL)
        {
          groups[n_groups].time = times[i];
          groups[n_groups].start = i;
          groups[n_groups].length = 1;
          n_groups++;
        }
      else
        groups[n_groups - 1].length++;
    }

  g_qsort_with_data (groups, (int) n_groups, sizeof *groups, timeline_group_compare, NULL);

  for (guint g = 0; g < n_groups; g++)
    for (guint j = 0; j < groups[g].length; j++)
      order[k++] = groups[g].start + j;

  g_assert (k == n_times);
  return order;
}
