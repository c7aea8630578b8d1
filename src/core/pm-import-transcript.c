/* pm-import-transcript.c — chat transcripts as text: IRC logs and what people paste
 *
 * Line by line, a time and then who said what:
 *   [12:56:03] <SkyzohKey> zetok: nope                   ZNC (also "* nick acts", "*** Joins: …")
 *   12:56 <@SkyzohKey> nope                              irssi (also "-!- …", "--- Day changed …")
 *   2016-06-20 12:56:03<TAB>SkyzohKey<TAB>nope           WeeChat (also "-->", "<--", "--")
 *   14:32 Lena: paged the on-call                        typed minutes
 *   [14:32] <lena> paged the on-call
 * or as a chat client copies messages, a header with the author and the time, then the text:
 *   Lena Schmidt  2:32 PM                                Slack ("Lena Schmidt [2:32 PM]")
 *   we see 500s on the API
 *   2:33 PM                                              the same author again
 *   [2:35 PM] Tom Baker                                  Teams ("Tom Baker 2:35 PM")
 *
 * A time without a date is on the file's own day: a "Log opened"/"Day changed" line, else a
 * date in its name ("#chan_20160620.log", "chan-2016-06-20.log"), else the incident's date from
 * the options. Times cross midnight forwards: a time more than 12 hours before the one above it
 * is on the next day. Joins, parts, quits and nick changes are system messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm-error.h"
#include "pm-import-private.h"
#include "pm-limits.h"

typedef enum
{
  STYLE_NONE,
  STYLE_LINES,   /* every message on one line starting with its time */
  STYLE_PASTE,   /* a header line with author and time, then the text */
} Style;

typedef struct
{
  gboolean has_date;
  GDate    date;
  int      hour, minute, second;
  gboolean has_seconds;
  gboolean bracketed;
} Stamp;

static const char * const month_names[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static gboolean
two_digits (const char *p,
            const char *end,
            int        *value)
{
  if (end - p < 2 || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  *value = (p[0] - '0') * 10 + (p[1] - '0');
  return TRUE;
}

static const char *
skip_blanks (const char *p,
             const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  return p;
}

/* "[2016-06-20 12:56:03]", "12:56", "2:32 PM", "[2:32PM]": the stamp and where it ends (at a
 * blank or the end of the line), else NULL. */
static const char *
parse_stamp (const char *p,
             const char *end,
             Stamp      *stamp)
{
  int year = 0, month, day, hour, minute, second = 0;

  memset (stamp, 0, sizeof *stamp);
  if (p < end && *p == '[')
    {
      stamp->bracketed = TRUE;
      p++;
    }
  if (end - p >= 11 && g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]) &&
      g_ascii_isdigit (p[2]) && g_ascii_isdigit (p[3]) && p[4] == '-' &&
      two_digits (p + 5, end, &month) && p[7] == '-' && two_digits (p + 8, end, &day) &&
      (p[10] == ' ' || p[10] == 'T'))
    {
      year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
      if (!g_date_valid_dmy (day, month, year))
        return NULL;
      stamp->has_date = TRUE;
      g_date_clear (&stamp->date, 1);
      g_date_set_dmy (&stamp->date, day, month, year);
      p += 11;
    }

  if (p < end && g_ascii_isdigit (*p) && p + 1 < end && p[1] == ':')
    {
      hour = *p - '0';
      p += 2;
    }
  else if (two_digits (p, end, &hour) && p + 2 < end && p[2] == ':')
    p += 3;
  else
    return NULL;
  if (!two_digits (p, end, &minute))
    return NULL;
  p += 2;
  if (p < end && *p == ':' && two_digits (p + 1, end, &second))
    {
      stamp->has_seconds = TRUE;
      p += 3;
      if (p < end && (*p == '.' || *p == ','))
        for (p++; p < end && g_ascii_isdigit (*p); p++)
          ;
    }
  {
    const char *q = p < end && *p == ' ' ? p + 1 : p;

    if (end - q >= 2 && (q[0] == 'A' || q[0] == 'a' || q[0] == 'P' || q[0] == 'p') &&
        (q[1] == 'M' || q[1] == 'm') && (q + 2 == end || !g_ascii_isalpha (q[2])))
      {
        gboolean pm = q[0] == 'P' || q[0] == 'p';

        if (hour < 1 || hour > 12)
          return NULL;
        hour = hour % 12 + (pm ? 12 : 0);
        p = q + 2;
      }
  }
  if (hour > 23 || minute > 59 || second > 60)
    return NULL;
  if (stamp->bracketed)
    {
      if (p >= end || *p != ']')
        return NULL;
      p++;
    }
  if (p < end && *p != ' ' && *p != '\t')
    return NULL;

  stamp->hour = hour;
  stamp->minute = minute;
  stamp->second = MIN (second, 59);
  return p;
}

static gboolean
is_nick_char (char c)
{
  return c != ' ' && c != '\t' && c != '>' && c != '<';
}

/* "@nick" → "nick": IRC's channel modes are not part of the name. */
static const char *
strip_mode (const char *nick,
            const char *end)
{
  while (nick < end - 1 && strchr ("@+%~&!", *nick) != NULL)
    nick++;
  return nick;
}

typedef struct
{
  const char *author;
  gsize       author_length;
  const char *text;
  gsize       text_length;
  gboolean    system;
  gboolean    marked;     /* an author was recognised by its markup, not guessed */
  gboolean    action;     /* "* nick does": the text starts with the nick */
} Said;

static const char * const system_prefixes[] = {
  "***", "-!-", "-->", "<--", "--", "=!=",
};

/* What follows a line's time: "<nick> text", "* nick text", "-nick- text", "*** Joins: …",
 * "nick<TAB>text", "name: text", else text on its own. */
static void
parse_said (const char *p,
            const char *end,
            Said       *said)
{
  const char *q;

  memset (said, 0, sizeof *said);
  if (p < end && *p == '\t')
    p++;

  /* WeeChat: prefix TAB text */
  if ((q = memchr (p, '\t', end - p)) != NULL && q - p <= 64)
    {
      const char *prefix = p, *prefix_end = q;

      while (prefix < prefix_end && *prefix == ' ')
        prefix++;
      said->text = q + 1;
      said->text_length = end - q - 1;
      said->marked = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (system_prefixes); i++)
        if ((gsize) (prefix_end - prefix) == strlen (system_prefixes[i]) &&
            memcmp (prefix, system_prefixes[i], prefix_end - prefix) == 0)
          {
            said->system = TRUE;
            return;
          }
      if (prefix_end - prefix == 1 && *prefix == '*')
        {
          const char *nick_end = said->text;

          while (nick_end < end && *nick_end != ' ')
            nick_end++;
          said->author = said->text;
          said->author_length = nick_end - said->text;
          said->action = TRUE;
          return;
        }
      said->author = strip_mode (prefix, prefix_end);
      said->author_length = prefix_end - said->author;
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (system_prefixes); i++)
    {
      gsize n = strlen (system_prefixes[i]);

      if ((gsize) (end - p) > n && memcmp (p, system_prefixes[i], n) == 0 && p[n] == ' ')
        {
          said->system = TRUE;
          said->marked = TRUE;
          said->text = skip_blanks (p + n, end);
          said->text_length = end - said->text;
          return;
        }
    }

  if (p < end && *p == '<')
    {
      /* irssi pads a nick without a mode: "< tom>" */
      const char *nick = p + 1 < end && p[1] == ' ' ? p + 2 : p + 1;

      for (q = nick; q < end && is_nick_char (*q); q++)
        ;
      if (q < end && *q == '>' && q > nick)
        {
          said->author = strip_mode (nick, q);
          said->author_length = q - said->author;
          said->text = skip_blanks (q + 1, end);
          said->text_length = end - said->text;
          said->marked = TRUE;
          return;
        }
    }
  if (end - p > 2 && p[0] == '*' && p[1] == ' ')
    {
      const char *nick = p + 2;

      for (q = nick; q < end && *q != ' '; q++)
        ;
      said->author = nick;
      said->author_length = q - nick;
      said->text = nick;
      said->text_length = end - nick;
      said->marked = TRUE;
      said->action = TRUE;
      return;
    }
  /* "-nick- notice": the nick may hold dashes itself ("-qtox-git-spam-") */
  if (end - p > 3 && p[0] == '-' && p[1] != '-' && p[1] != ' ')
    {
      for (q = p + 1; q < end && is_nick_char (*q); q++)
        ;
      if (q - p >= 3 && q[-1] == '-' && q < end)
        {
          said->author = p + 1;
          said->author_length = q - p - 2;
          said->text = skip_blanks (q, end);
          said->text_length = end - said->text;
          said->marked = TRUE;
          return;
        }
    }

  /* "name: text", the name at most four words */
  {
    guint words = 1;

    for (q = p; q < end && q - p < 64; q++)
      {
        if (*q == ' ')
          words++;
        if (*q == ':' && q > p && (q + 1 == end || q[1] == ' ') && words <= 4 && q[-1] != ' ')
          {
            said->author = p;
            said->author_length = q - p;
            said->text = skip_blanks (q + 1, end);
            said->text_length = end - said->text;
            said->marked = TRUE;
            return;
          }
        if (*q == ':' || *q == '<' || *q == '>')
          break;
      }
  }

  said->text = p;
  said->text_length = end - p;
}

/* A short name for a paste header: up to five words, no markup. */
static gboolean
looks_like_name (const char *p,
                 const char *end)
{
  guint words = 1;

  if (p >= end || end - p > 64 || *p == ' ')
    return FALSE;
  for (const char *q = p; q < end; q++)
    {
      if (*q == ' ')
        words++;
      if (strchr (":<>[]*\t", *q) != NULL)
        return FALSE;
    }
  while (end > p && end[-1] == ' ')
    end--;
  return words <= 5 && end > p && end[-1] != ',';
}

/* A paste header: "Lena Schmidt  2:32 PM", "Lena Schmidt [2:32 PM]", "Tom Baker 2:35 PM",
 * "[2:35 PM] Tom Baker", or a time alone ("2:33 PM"). @name is NULL for a time alone. */
static gboolean
parse_header (const char  *p,
              const char  *end,
              const char **name,
              gsize       *name_length,
              Stamp       *stamp)
{
  const char *after;

  *name = NULL;
  *name_length = 0;
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  if (p >= end)
    return FALSE;

  if ((after = parse_stamp (p, end, stamp)) != NULL)
    {
      after = skip_blanks (after, end);
      if (after == end)
        return TRUE;
      /* "[2:35 PM] Tom Baker" */
      if (stamp->bracketed && looks_like_name (after, end))
        {
          *name = after;
          *name_length = end - after;
          return TRUE;
        }
      return FALSE;
    }

  /* The name, then the time at the end of the line. */
  for (const char *q = end - 1; q > p && end - q <= 32; q--)
    {
      const char *sep_start = q;
      gboolean wide;

      if (q[-1] != ' ' && q[-1] != '\t' && q[-1] != ',')
        continue;
      if (parse_stamp (q, end, stamp) != end)
        continue;
      while (sep_start > p && (sep_start[-1] == ' ' || sep_start[-1] == '\t'))
        sep_start--;
      if (sep_start > p && sep_start[-1] == ',')
        sep_start--;
      /* Two blanks, a tab, a comma, brackets or AM/PM set the time apart from the name. */
      wide = q - sep_start >= 2 || *sep_start == '\t' || *sep_start == ',' || stamp->bracketed ||
             g_ascii_isalpha (end[-1]);
      if (wide && looks_like_name (p, sep_start))
        {
          *name = p;
          *name_length = sep_start - p;
          return TRUE;
        }
      return FALSE;
    }
  return FALSE;
}

/* "--- Log opened Mon Jun 20 00:00:00 2016", "--- Day changed Tue Jun 21 2016" */
static gboolean
parse_day_marker (const char *p,
                  const char *end,
                  GDate      *date)
{
  g_autofree char *line = NULL;
  g_auto(GStrv) words = NULL;
  int month = 0, day = 0, year = 0;

  if (!(end - p > 16 && (memcmp (p, "--- Log opened ", 15) == 0 ||
                         memcmp (p, "--- Day changed ", 16) == 0)))
    return FALSE;
  line = g_strndup (p, MIN (end - p, 128));
  words = g_strsplit (line, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      for (int m = 0; m < 12; m++)
        if (g_ascii_strcasecmp (words[i], month_names[m]) == 0 && words[i + 1] != NULL)
          {
            month = m + 1;
            day = atoi (words[i + 1]);
          }
      if (strlen (words[i]) == 4 && g_ascii_isdigit (words[i][0]) && month > 0)
        year = atoi (words[i]);
    }
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Telling the styles apart                                                                    */
/* ------------------------------------------------------------------------------------------ */

#define DETECT_LINES 60

typedef struct
{
  const char *start;
  gsize       length;
} Line;

static Style
classify (const Line *lines,
          guint       n)
{
  guint n_text = 0, n_stamped = 0, n_marked = 0, n_headers = 0;
  gboolean first_is_header = FALSE;

  for (guint i = 0; i < n; i++)
    {
      const char *p = lines[i].start, *end = p + lines[i].length;
      const char *name;
      gsize name_length;
      Stamp stamp;
      const char *after;

      if (skip_blanks (p, end) == end)
        continue;
      n_text++;
      if (parse_day_marker (p, end, &stamp.date))
        {
          n_stamped++;
          n_marked++;
          continue;
        }
      if (parse_header (p, end, &name, &name_length, &stamp) ||
          (looks_like_name (p, end) && i + 1 < n &&
           parse_header (lines[i + 1].start, lines[i + 1].start + lines[i + 1].length, &name,
                         &name_length, &stamp) && name == NULL))
        {
          n_headers++;
          if (n_text == 1)
            first_is_header = TRUE;
        }
      if ((after = parse_stamp (p, end, &stamp)) != NULL)
        {
          Said said;

          n_stamped++;
          parse_said (skip_blanks (after, end), end, &said);
          n_marked += said.marked || said.system;
        }
    }
  if (n_text == 0)
    return STYLE_NONE;
  if (n_stamped * 2 >= n_text && n_marked * 2 >= n_stamped)
    return STYLE_LINES;
  if (first_is_header && n_headers > 0 && n_headers * 2 <= n_text + 1)
    return STYLE_PASTE;
  if (n_stamped * 2 >= n_text)
    return STYLE_LINES;
  return STYLE_NONE;
}

static guint
split_lines (const char *data,
             gsize       length,
             Line       *lines,
             guint       max)
{
  const char *p = data, *end = data + length;
  guint n = 0;

  if (length >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && n < max)
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize len = (nl ? nl : end) - p;

      if (len > 0 && p[len - 1] == '\r')
        len--;
      lines[n].start = p;
      lines[n].length = MIN (len, 4096);
      n++;
      p = nl ? nl + 1 : end;
    }
  return n;
}

gboolean
_pm_import_transcript_detect (const char *data,
                              gsize       length)
{
  Line lines[DETECT_LINES];
  guint n = split_lines (data, length, lines, DETECT_LINES);

  return classify (lines, n) != STYLE_NONE;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* "#qtox_20160620.log.txt", "chan-2016-06-20.log": the day in the name. */
static gboolean
date_from_name (const char *name,
                GDate      *date)
{
  g_autofree char *base = g_path_get_basename (name);

  for (const char *p = base; *p; p++)
    {
      const char *q = p;
      int y, m, d;

      if (!g_ascii_isdigit (*p) || (p > base && g_ascii_isdigit (p[-1])))
        continue;
      while (g_ascii_isdigit (*q))
        q++;
      if (q - p == 8 && sscanf (p, "%4d%2d%2d", &y, &m, &d) == 3 && g_date_valid_dmy (d, m, y))
        ;
      else if (q - p == 4 && q[0] == '-' && sscanf (p, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
               g_ascii_isdigit (p[5]) && g_ascii_isdigit (p[6]) && p[7] == '-' &&
               g_ascii_isdigit (p[8]) && g_ascii_isdigit (p[9]) && !g_ascii_isdigit (p[10]) &&
               g_date_valid_dmy (d, m, y))
        ;
      else
        continue;
      g_date_clear (date, 1);
      g_date_set_dmy (date, d, m, y);
      return TRUE;
    }
  return FALSE;
}

typedef struct
{
  PmImport           *self;
  const PmImportFile *file;
  GDate               day;          /* the day times without a date are on (maybe invalid) */
  gboolean            day_known;
  int                 last_tod;     /* seconds into the day of the last time, -1: none */
  gint64              last_unix;
  PmImportMessage    *message;      /* being read */
  GString            *text;
  char               *last_author;  /* for a paste's time-only header */
  GHashTable         *authors;      /* the names of a paste's headers so far */
} Reader;

static gboolean
flush (Reader  *reader,
       GError **error)
{
  PmImportMessage *message = g_steal_pointer (&reader->message);

  if (message == NULL)
    return TRUE;
  _pm_import_set_text (reader->self, message, reader->file, reader->text->str,
                       reader->text->len);
  g_string_truncate (reader->text, 0);
  return _pm_import_add (reader->self, message, reader->file, error);
}

static void
append (Reader     *reader,
        const char *text,
        gsize       length)
{
  gsize room = PM_LIMIT_FREE_TEXT_BYTES + 4;

  /* Up to a little more than an event holds: cleaning the text cuts it and says so. */
  if (reader->text->len >= room)
    return;
  if (reader->text->len > 0)
    g_string_append_c (reader->text, '\n');
  g_string_append_len (reader->text, text, MIN (length, room - reader->text->len));
}

/* Starts a message at @stamp (on the file's day, forwards past midnight). */
static gboolean
begin (Reader       *reader,
       const Stamp  *stamp,
       guint         line,
       const char   *author,
       gsize         author_length,
       GError      **error)
{
  PmImportMessage *message;
  int tod = stamp->hour * 3600 + stamp->minute * 60 + stamp->second;
  gboolean skipped;

  if (!flush (reader, error))
    return FALSE;

  if (stamp->has_date)
    {
      reader->day = stamp->date;
      reader->day_known = TRUE;
    }
  else if (!reader->day_known)
    return _pm_import_fail (error, PM_ERROR_TIME, reader->file, line,
                            _("the time has no date; give the incident's date (--since) or "
                              "name the file by its day, as in #channel_20240131.log"));
  else if (reader->last_tod >= 0 && tod < reader->last_tod - 12 * 3600)
    g_date_add_days (&reader->day, 1);
  reader->last_tod = tod;

  message = pm_import_message_new ();
  message->line = line;
  message->has_time = TRUE;
  message->precision = stamp->has_seconds ? PM_TIME_PRECISION_EXACT : PM_TIME_PRECISION_MINUTE;
  message->unix_seconds = _pm_import_local_time (reader->self->options.zone, &reader->day,
                                                 stamp->hour, stamp->minute, stamp->second,
                                                 reader->last_unix, &skipped);
  if (skipped)
    _pm_import_warn (reader->self, _("%s:%u: %02d:%02d does not exist on that day (the clocks "
                                     "went forward); read as the time after"),
                     reader->file->display, line, stamp->hour, stamp->minute);
  reader->last_unix = message->unix_seconds;
  g_free (message->author);
  message->author = _pm_import_clean_line (author ? author : "", author ? (gssize) author_length
                                                                        : 0,
                                           PM_LIMIT_TITLE_CHARS);
  reader->message = message;
  return TRUE;
}

static gboolean
read_lines_style (Reader      *reader,
                  const Line  *line,
                  guint        number,
                  GError     **error)
{
  const char *p = line->start, *end = p + line->length;
  const char *after;
  GDate marker;
  Stamp stamp;
  Said said;

  if (parse_day_marker (p, end, &marker))
    {
      if (!flush (reader, error))
        return FALSE;
      reader->day = marker;
      reader->day_known = TRUE;
      reader->last_tod = -1;
      return TRUE;
    }
  if ((after = parse_stamp (p, end, &stamp)) == NULL)
    {
      /* A line without a time continues the message before it. */
      if (reader->message != NULL && skip_blanks (p, end) < end)
        append (reader, p, end - p);
      return TRUE;
    }

  parse_said (skip_blanks (after, end), end, &said);
  if (!begin (reader, &stamp, number, said.author, said.author_length, error))
    return FALSE;
  reader->message->system = said.system;
  append (reader, said.text, said.text_length);
  return TRUE;
}

static gboolean
can_start (Reader     *reader,
           const Line *lines,
           guint       i)
{
  g_autofree char *name = NULL;

  if (reader->message == NULL || (i > 0 && skip_blanks (lines[i - 1].start,
                                                        lines[i - 1].start + lines[i - 1].length)
                                           == lines[i - 1].start + lines[i - 1].length))
    return TRUE;
  name = g_strndup (lines[i].start, lines[i].length);
  return g_hash_table_contains (reader->authors, g_strstrip (name));
}

static gboolean
read_paste (Reader      *reader,
            const Line  *lines,
            guint        n,
            guint       *i,
            GError     **error)
{
  const Line *line = &lines[*i];
  const char *p = line->start, *end = p + line->length;
  const char *name;
  gsize name_length;
  Stamp stamp;

  if (parse_header (p, end, &name, &name_length, &stamp))
    {
      const char *author = name ? name : reader->last_author;
      gsize length = name ? name_length : (author ? strlen (author) : 0);

      if (!begin (reader, &stamp, *i + 1, author, length, error))
        return FALSE;
      if (name != NULL)
        {
          g_free (reader->last_author);
          reader->last_author = g_strndup (name, name_length);
          g_hash_table_add (reader->authors, g_strstrip (g_strndup (name, name_length)));
        }
      return TRUE;
    }
  /* "Lena Schmidt" on its own line, the time on the next: only where a message can start (the
   * first, after an empty line, or an author seen before), since "on the API" followed by "2:33
   * PM" is the last line of a message and the same author again. */
  if (looks_like_name (p, end) && *i + 1 < n && can_start (reader, lines, *i) &&
      parse_header (lines[*i + 1].start, lines[*i + 1].start + lines[*i + 1].length, &name,
                    &name_length, &stamp) && name == NULL)
    {
      if (!begin (reader, &stamp, *i + 1, p, end - p, error))
        return FALSE;
      g_free (reader->last_author);
      reader->last_author = g_strndup (p, end - p);
      g_hash_table_add (reader->authors, g_strstrip (g_strndup (p, end - p)));
      (*i)++;
      return TRUE;
    }
  if (reader->message != NULL)
    append (reader, p, end - p);
  else if (skip_blanks (p, end) < end)
    _pm_import_warn (reader->self, _("%s:%u: left out: text before the first message"),
                     reader->file->display, *i + 1);
  return TRUE;
}

gboolean
_pm_import_read_transcript (PmImport            *self,
                            const PmImportFile  *file,
                            GError             **error)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GError) local_error = NULL;
  Reader reader = { self, file };
  PmImportLines iter;
  const char *start;
  gsize length;
  gboolean ok = TRUE;
  Style style;

  _pm_import_lines_init (&iter, file);
  while (_pm_import_lines_next (&iter, file, &start, &length, &local_error))
    {
      Line line = { start, length };

      g_array_append_val (lines, line);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  style = classify ((Line *) lines->data, MIN (lines->len, DETECT_LINES));
  if (style == STYLE_NONE)
    return _pm_import_fail (error, PM_ERROR_INVALID, file, 0,
                            _("not a chat transcript: no line starts with a time as in "
                              "“[14:32] <name> text” or “14:32 name: text”"));

  g_date_clear (&reader.day, 1);
  if (date_from_name (file->name, &reader.day))
    reader.day_known = TRUE;
  else if (g_date_valid (&self->options.date))
    {
      reader.day = self->options.date;
      reader.day_known = TRUE;
    }
  else if (self->options.has_since)
    {
      _pm_import_local_date (self->options.zone, self->options.since, &reader.day);
      reader.day_known = TRUE;
    }
  reader.last_tod = -1;
  reader.last_unix = G_MININT64;
  reader.text = g_string_new (NULL);
  reader.authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; ok && i < lines->len; i++)
    {
      const Line *line = &g_array_index (lines, Line, i);

      if (style == STYLE_LINES)
        ok = read_lines_style (&reader, line, i + 1, error);
      else
        ok = read_paste (&reader, (Line *) lines->data, lines->len, &i, error);
    }
  if (ok)
    ok = flush (&reader, error);

  g_clear_pointer (&reader.message, pm_import_message_free);
  g_string_free (reader.text, TRUE);
  g_free (reader.last_author);
  g_hash_table_unref (reader.authors);
  return ok;
}
