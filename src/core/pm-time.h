/* pm-time.h — the time model: an instant, the zone offset it was entered in, and a precision
 *
 * Incident timelines mix exact log timestamps, "around half past two", facts known only to the
 * day, and background facts with no date at all. A PmTime is always a known instant; an
 * unknown time is a NULL PmTime (the event keeps its place in the sequence instead).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PM_TIME_PRECISION_EXACT,   /* to the second */
  PM_TIME_PRECISION_MINUTE,
  PM_TIME_PRECISION_HOUR,
  PM_TIME_PRECISION_DAY,     /* the instant is local midnight starting that day */
} PmTimePrecision;

typedef struct _PmTime PmTime;

#define PM_TYPE_TIME (pm_time_get_type ())

GType            pm_time_get_type                (void) G_GNUC_CONST;

/* @unix_seconds is the instant (UTC); @offset_seconds the offset east of UTC of the zone the
 * time was entered in (-18h..+18h); the instant is truncated to @precision in that offset. */
PmTime          *pm_time_new                     (gint64                unix_seconds,
                                                  int                   offset_seconds,
                                                  PmTimePrecision       precision);
PmTime          *pm_time_copy                    (const PmTime         *time);
void             pm_time_free                    (PmTime               *time);

gint64           pm_time_get_unix                (const PmTime         *time);
int              pm_time_get_offset              (const PmTime         *time);
PmTimePrecision  pm_time_get_precision           (const PmTime         *time);

/* NULL (unknown) sorts as equal to NULL; callers that order timelines use
 * pm_timeline_order() instead, which keeps unknown times in place. Among known times: by
 * instant, then coarser precision first (a whole day starts before 00:00:00 exactly). */
int              pm_time_compare                 (const PmTime         *a,
                                                  const PmTime         *b);
gboolean         pm_time_equal                   (const PmTime         *a,
                                                  const PmTime         *b);

/* The file form: RFC 3339 with the original offset, seconds always written
 * ("2017-02-28T09:37:00-08:00"; "Z" is never written, "+00:00" is). */
char            *pm_time_to_iso8601              (const PmTime         *time);
const char      *pm_time_precision_to_string     (PmTimePrecision       precision);
gboolean         pm_time_precision_from_string   (const char           *str,
                                                  PmTimePrecision      *precision);

/* Reads the file form: RFC 3339 with an offset ("Z" or +hh:mm), seconds required, fractional
 * seconds refused. @precision is applied (the instant must already be truncated to it in its
 * offset, else PM_ERROR_TIME). */
PmTime          *pm_time_parse_iso8601           (const char           *str,
                                                  PmTimePrecision       precision,
                                                  GError              **error);

/* Reads what people type or what a CSV holds, and infers the precision:
 *   "2017-02-28T09:37:12-08:00" / "2017-02-28 09:37:12Z"   exact
 *   "2017-02-28T09:37-08:00"   / "2017-02-28 09:37"       minute
 *   "2017-02-28T09-08:00"                                 hour
 *   "2017-02-28"                                          day
 * and the forms the app and its exports show: "31 Jan 2017 21:00", "Sun 10 Mar 2024",
 * "Jan 31, 2017 9:05", "31.01.2017 21:00", "31. Januar 2017" (month names in English, German
 * and the locale's language; a leading weekday is skipped), offsets with a minus sign
 * ("−07:00") and "2017-02-28 09:00 (hour)". Two-digit years are not read.
 * Without an offset the wall-clock time is taken in @default_zone (NULL: UTC); a time that does
 * not exist there (skipped by a DST change) is an error. Leading/trailing blanks are ignored;
 * empty input returns NULL without error (unknown time). */
PmTime          *pm_time_parse_user              (const char           *str,
                                                  GTimeZone            *default_zone,
                                                  GError              **error);

/* @time moved by @n steps of @step seconds (60 … 86400), keeping its offset and its precision,
 * for moving an event by keyboard: a step finer than the precision is widened to it (an hour, a
 * day). Steps of a day move whole calendar days in @zone (NULL: the time's own offset), so the
 * wall-clock time stays across a change to or from daylight saving time; a time known only to
 * the day moves by whole days in its own offset. Moving by @n and then by -@n gives @time back.
 * NULL when the result would leave the years 1..9999. */
PmTime          *pm_time_add_steps               (const PmTime         *time,
                                                  int                   n,
                                                  gint64                step,
                                                  GTimeZone            *zone);

/* The instant as a GDateTime in @zone (NULL: the time's own offset). */
GDateTime       *pm_time_to_date_time            (const PmTime         *time,
                                                  GTimeZone            *zone);

/* Human display in @zone (NULL: own offset), matching the precision: "2017-02-28 09:37:12",
 * "2017-02-28 09:37", "2017-02-28 09:00 (hour)", "2017-02-28". NULL gives "time unknown"
 * (translated). With @show_offset the offset is appended ("+01:00"). */
char            *pm_time_format                  (const PmTime         *time,
                                                  GTimeZone            *zone,
                                                  gboolean              show_offset);

/* A zone from an IANA name ("Europe/Berlin"), "UTC" or a fixed offset ("+05:30", ±18:00 at
 * most); NULL with PM_ERROR_TIME when the name is unknown on this system. Safe for any text:
 * paths, POSIX TZ rules and the data files beside the zones are refused without a look. */
GTimeZone       *pm_time_zone_new                (const char           *identifier,
                                                  GError              **error);

/* Timeline order for @n_times times (NULL = unknown) given in sequence order: returns a newly
 * allocated array of n indices. Known times are ordered by pm_time_compare(), stably; an
 * unknown time stays attached to the event before it in the sequence (the leading unknowns
 * stay first), so sorting never pushes unknown events to an end. */
guint           *pm_timeline_order               (const PmTime * const *times,
                                                  guint                 n_times);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmTime, pm_time_free)

G_END_DECLS
