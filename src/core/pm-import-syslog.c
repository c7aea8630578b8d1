/* pm-import-syslog.c — syslog files: RFC 3164 ("BSD") and RFC 5424 lines
 *
 *   Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; …     RFC 3164
 *   <14>1 2021-03-06T04:07:38.251280+00:00 hostname log_tag - - -  this is info  RFC 5424
 *   2021-03-06T04:07:38.251280+00:00 hostname sshd[42]: …             rsyslog's precise form
 *
 * An RFC 3164 line has neither a year nor a zone: the year is the one of the file's modification
 * (a date later in the year than that day is from the year before), the zone is the options'.
 * A line that does not start a record continues the one before (a message with line breaks).
 * Fractions of seconds are dropped: the events are exact to the second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-error.h"
#include "pm-import-private.h"
#include "pm-limits.h"

typedef enum
{
  RECORD_3164,
  RECORD_5424,
  RECORD_ISO,
} RecordKind;

typedef struct
{
  RecordKind  kind;
  /* RFC 3164: the wall clock without a year */
  int         month, day, hour, minute, second, year;
  /* RFC 5424 and ISO: the instant and its offset (has_time FALSE for "-") */
  gboolean    has_time;
  gint64      unix_seconds;
  int         offset;
  const char *host;
  gsize       host_length;
  const char *app;
  gsize       app_length;
  const char *text;
  gsize       text_length;
} Record;

static const char * const months[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static gboolean
digits (const char *p,
        const char *end,
        guint       n,
        int        *value)
{
  int v = 0;

  if ((gsize) (end - p) < n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      v = v * 10 + (p[i] - '0');
    }
  *value = v;
  return TRUE;
}

static const char *
token_end (const char *p,
           const char *end)
{
  while (p < end && *p != ' ')
    p++;
  return p;
}

/* "2021-03-06T04:07:38.251122+00:00": the instant and its offset; @p moves past it. */
static gboolean
parse_iso (const char **pp,
           const char  *end,
           gint64      *unix_seconds,
           int         *offset)
{
  const char *p = *pp;
  const char *stop = token_end (p, end);
  int year, month, day, hour, minute, second, oh = 0, om = 0, sign = 0;
  g_autoptr(GDateTime) utc = NULL;

  if (stop - p < 20 || !digits (p, stop, 4, &year) || p[4] != '-' ||
      !digits (p + 5, stop, 2, &month) || p[7] != '-' || !digits (p + 8, stop, 2, &day) ||
      (p[10] != 'T' && p[10] != 't') || !digits (p + 11, stop, 2, &hour) || p[13] != ':' ||
      !digits (p + 14, stop, 2, &minute) || p[16] != ':' || !digits (p + 17, stop, 2, &second))
    return FALSE;
  p += 19;
  if (p < stop && *p == '.')
    {
      const char *fraction = ++p;

      while (p < stop && g_ascii_isdigit (*p))
        p++;
      if (p == fraction || p - fraction > 9)
        return FALSE;
    }
  if (p < stop && (*p == 'Z' || *p == 'z'))
    p++;
  else if (p < stop && (*p == '+' || *p == '-'))
    {
      sign = *p == '-' ? -1 : 1;
      if (stop - p < 6 || !digits (p + 1, stop, 2, &oh) || p[3] != ':' ||
          !digits (p + 4, stop, 2, &om) ||
          oh > 18 || om > 59)
        return FALSE;
      p += 6;
    }
  else
    return FALSE;
  if (p != stop || !g_date_valid_dmy (day, month, year) || hour > 23 || minute > 59 ||
      second > 60)
    return FALSE;

  utc = g_date_time_new_utc (year, month, day, hour, minute, MIN (second, 59));
  if (utc == NULL)
    return FALSE;
  *offset = sign * (oh * 3600 + om * 60);
  *unix_seconds = g_date_time_to_unix (utc) - *offset;
  *pp = stop;
  return TRUE;
}

/* "<PRI>" at the start, if there. */
static const char *
skip_priority (const char *p,
               const char *end)
{
  const char *q = p;

  if (q >= end || *q != '<')
    return p;
  q++;
  for (guint n = 0; q < end && g_ascii_isdigit (*q); q++, n++)
    if (n == 3)
      return p;
  if (q >= end || *q != '>' || q == p + 1)
    return p;
  return q + 1;
}

/* "host tag[pid]: text" or "tag[pid]: text" after the time. */
static void
parse_tail (const char *p,
            const char *end,
            Record     *record)
{
  const char *first, *first_end, *q;

  while (p < end && *p == ' ')
    p++;
  first = p;
  first_end = token_end (p, end);

  /* A first word ending in ':' or holding '[' is the tag: there is no host. */
  if (first_end > first && (first_end[-1] == ':' || memchr (first, '[', first_end - first)))
    {
      record->host = NULL;
      record->host_length = 0;
    }
  else
    {
      record->host = first;
      record->host_length = first_end - first;
      p = first_end;
      while (p < end && *p == ' ')
        p++;
    }

  /* The tag runs to '[', ':' or a blank. */
  q = p;
  while (q < end && *q != '[' && *q != ':' && *q != ' ')
    q++;
  if (q < end && *q == '[')
    {
      const char *close = memchr (q, ']', end - q);

      record->app = p;
      record->app_length = q - p;
      if (close != NULL && close + 1 < end && close[1] == ':')
        {
          p = close + 2;
          goto text;
        }
      if (close != NULL)
        {
          p = close + 1;
          goto text;
        }
    }
  if (q < end && *q == ':')
    {
      record->app = p;
      record->app_length = q - p;
      p = q + 1;
      goto text;
    }
  /* No tag: all of it is the text. */
  record->app = NULL;
  record->app_length = 0;

text:
  while (p < end && *p == ' ')
    p++;
  record->text = p;
  record->text_length = end - p;
}

static gboolean
parse_3164 (const char *p,
            const char *end,
            Record     *record)
{
  int month = 0, day, hour, minute, second;

  p = skip_priority (p, end);
  if (end - p < 15)
    return FALSE;
  for (int i = 0; i < 12; i++)
    if (memcmp (p, months[i], 3) == 0)
      month = i + 1;
  if (month == 0 || p[3] != ' ')
    return FALSE;
  p += 4;
  if (*p == ' ' && g_ascii_isdigit (p[1]))
    {
      day = p[1] - '0';
      p += 2;
    }
  else if (digits (p, end, 2, &day))
    p += 2;
  else if (g_ascii_isdigit (*p) && p + 1 < end && p[1] == ' ')
    {
      day = *p - '0';
      p += 1;
    }
  else
    return FALSE;
  if (end - p < 9 || *p != ' ' || !digits (p + 1, end, 2, &hour) || p[3] != ':' ||
      !digits (p + 4, end, 2, &minute) || p[6] != ':' || !digits (p + 7, end, 2, &second) ||
      day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return FALSE;
  p += 9;
  if (p < end && *p == '.')
    for (p++; p < end && g_ascii_isdigit (*p); p++)
      ;
  record->year = 0;
  if (end - p >= 6 && *p == ' ' && digits (p + 1, end, 4, &record->year) && p[5] == ' ')
    p += 5;
  else
    record->year = 0;
  if (p < end && *p != ' ')
    return FALSE;

  record->kind = RECORD_3164;
  record->month = month;
  record->day = day;
  record->hour = hour;
  record->minute = minute;
  record->second = MIN (second, 59);
  parse_tail (p, end, record);
  return TRUE;
}

static gboolean
parse_5424 (const char *p,
            const char *end,
            Record     *record)
{
  const char *fields[4];
  gsize lengths[4];
  const char *after = skip_priority (p, end);

  if (after == p || after >= end || !g_ascii_isdigit (*after) || *after == '0')
    return FALSE;
  p = after;
  while (p < end && g_ascii_isdigit (*p) && p - after < 2)
    p++;
  if (p >= end || *p != ' ')
    return FALSE;
  p++;

  record->has_time = FALSE;
  if (p < end && *p == '-' && (p + 1 == end || p[1] == ' '))
    p++;
  else if (parse_iso (&p, end, &record->unix_seconds, &record->offset))
    record->has_time = TRUE;
  else
    return FALSE;

  /* HOSTNAME APP-NAME PROCID MSGID */
  for (guint i = 0; i < 4; i++)
    {
      if (p >= end || *p != ' ')
        return FALSE;
      p++;
      fields[i] = p;
      p = token_end (p, end);
      lengths[i] = p - fields[i];
      if (lengths[i] == 0)
        return FALSE;
      if (lengths[i] == 1 && *fields[i] == '-')
        lengths[i] = 0;
    }

  /* STRUCTURED-DATA: "-" or [id param="value" …]… with \" \\ \] escaped in values. */
  if (p >= end || *p != ' ')
    return FALSE;
  p++;
  if (p < end && *p == '-')
    p++;
  else if (p < end && *p == '[')
    {
      while (p < end && *p == '[')
        {
          gboolean quoted = FALSE;

          for (p++; p < end; p++)
            {
              if (quoted && *p == '\\' && p + 1 < end)
                p++;
              else if (*p == '"')
                quoted = !quoted;
              else if (!quoted && *p == ']')
                break;
            }
          if (p >= end)
            return FALSE;
          p++;
        }
    }
  else
    return FALSE;
  if (p < end && *p != ' ')
    return FALSE;
  if (p < end)
    p++;
  if (end - p >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

  record->kind = RECORD_5424;
  record->host = lengths[0] ? fields[0] : NULL;
  record->host_length = lengths[0];
  record->app = lengths[1] ? fields[1] : NULL;
  record->app_length = lengths[1];
  while (p < end && *p == ' ')
    p++;
  record->text = p;
  record->text_length = end - p;
  return TRUE;
}

static gboolean
parse_iso_line (const char *p,
                const char *end,
                Record     *record)
{
  p = skip_priority (p, end);
  if (!parse_iso (&p, end, &record->unix_seconds, &record->offset))
    return FALSE;
  record->kind = RECORD_ISO;
  record->has_time = TRUE;
  parse_tail (p, end, record);
  return TRUE;
}

static gboolean
parse_record (const char *p,
              gsize       length,
              Record     *record)
{
  const char *end = p + length;

  memset (record, 0, sizeof *record);
  return parse_5424 (p, end, record) || parse_3164 (p, end, record) ||
         parse_iso_line (p, end, record);
}

gboolean
_pm_import_syslog_detect (const char *data,
                          gsize       length)
{
  const char *p = data, *end = data + length;
  guint n_lines = 0, n_records = 0;

  while (p < end && n_lines < 20)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize n = (nl ? nl : end) - p;
      Record record;

      if (n > 0 && p[n - 1] == '\r')
        n--;
      if (n > 0)
        {
          gboolean is_record = parse_record (p, MIN (n, 4096), &record);

          if (n_lines == 0 && !is_record)
            return FALSE;
          n_lines++;
          n_records += is_record;
        }
      p = nl ? nl + 1 : end;
    }
  return n_lines > 0 && n_records * 2 >= n_lines;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  PmImportMessage *message;
  GString         *text;
} Pending;

static gboolean
flush (PmImport            *self,
       const PmImportFile  *file,
       Pending             *pending,
       GError             **error)
{
  PmImportMessage *message = g_steal_pointer (&pending->message);

  if (message == NULL)
    return TRUE;
  _pm_import_set_text (self, message, file, pending->text->str, pending->text->len);
  g_string_truncate (pending->text, 0);
  return _pm_import_add (self, message, file, error);
}

/* Up to a little more than an event holds: cleaning the text cuts it and says so. */
static void
append_text (Pending    *pending,
             const char *text,
             gsize       length)
{
  gsize room = PM_LIMIT_FREE_TEXT_BYTES + 4;

  if (pending->text->len >= room)
    return;
  if (pending->text->len > 0)
    g_string_append_c (pending->text, '\n');
  g_string_append_len (pending->text, text, MIN (length, room - pending->text->len));
}

gboolean
_pm_import_read_syslog (PmImport            *self,
                        const PmImportFile  *file,
                        GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GTimeZone *zone = self->options.zone;
  Pending pending = { NULL, g_string_new (NULL) };
  PmImportLines lines;
  const char *start;
  gsize length;
  GDate today;
  gint64 previous = G_MININT64;
  guint first = self->messages->len;
  gboolean ok = TRUE;

  /* The day the file was last written to (or now), for the years RFC 3164 leaves out. */
  _pm_import_local_date (zone, file->mtime > 0 ? file->mtime
                               : self->options.reference_time > 0 ? self->options.reference_time
                               : g_get_real_time () / G_USEC_PER_SEC, &today);

  _pm_import_lines_init (&lines, file);
  while (ok && _pm_import_lines_next (&lines, file, &start, &length, &local_error))
    {
      PmImportMessage *message;
      Record record;

      if (length == 0)
        continue;
      if (!parse_record (start, length, &record))
        {
          if (pending.message == NULL)
            {
              ok = _pm_import_fail (error, PM_ERROR_INVALID, file, lines.line,
                                    _("not a syslog line (RFC 3164 or RFC 5424)"));
              break;
            }
          append_text (&pending, start, length);
          continue;
        }
      if (!(ok = flush (self, file, &pending, error)))
        break;

      message = pm_import_message_new ();
      message->line = lines.line;
      message->precision = PM_TIME_PRECISION_EXACT;
      if (record.kind == RECORD_3164)
        {
          int year = record.year;
          gboolean skipped;
          GDate date;

          if (year == 0)
            {
              year = g_date_get_year (&today);
              if (record.month > (int) g_date_get_month (&today) ||
                  (record.month == (int) g_date_get_month (&today) &&
                   record.day > g_date_get_day (&today)))
                year--;
            }
          if (!g_date_valid_dmy (record.day, record.month, year))
            {
              pm_import_message_free (message);
              ok = _pm_import_fail (error, PM_ERROR_TIME, file, lines.line,
                                    _("%s %d is not a day in %d"), months[record.month - 1],
                                    record.day, year);
              break;
            }
          g_date_clear (&date, 1);
          g_date_set_dmy (&date, record.day, record.month, year);
          message->has_time = TRUE;
          message->unix_seconds = _pm_import_local_time (zone, &date, record.hour, record.minute,
                                                         record.second, previous, &skipped);
          if (skipped)
            _pm_import_warn (self, _("%s:%u: %02d:%02d:%02d does not exist on that day "
                                     "(the clocks went forward); read as the time after"),
                             file->display, lines.line, record.hour, record.minute,
                             record.second);
        }
      else if (record.has_time)
        {
          message->has_time = TRUE;
          message->unix_seconds = record.unix_seconds;
          message->has_offset = TRUE;
          message->offset_seconds = record.offset;
        }
      if (message->has_time)
        previous = message->unix_seconds;

      if (record.host != NULL)
        {
          message->channel = _pm_import_clean_line (record.host, record.host_length,
                                                    PM_LIMIT_TITLE_CHARS);
          g_hash_table_add (hosts, g_strdup (message->channel));
        }
      g_free (message->author);
      if (record.app != NULL)
        message->author = _pm_import_clean_line (record.app, record.app_length,
                                                 PM_LIMIT_TITLE_CHARS);
      else
        message->author = g_strdup (message->channel ? message->channel : "");
      pending.message = message;
      append_text (&pending, record.text, record.text_length);
    }
  if (ok && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }
  if (ok)
    ok = flush (self, file, &pending, error);
  g_clear_pointer (&pending.message, pm_import_message_free);
  g_string_free (pending.text, TRUE);
  if (ok && g_hash_table_size (hosts) > 1)
    _pm_import_qualify_hosts (self, first);
  return ok;
}
