/* pm-import.c — candidate messages, recognising formats, reading a source, selecting, mapping
 * authors to teams and applying the chosen messages as events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-csv.h"
#include "pm-error.h"
#include "pm-import-private.h"
#include "pm-limits.h"
#include "pm-merge.h"

static const char * const format_names[] = {
  "auto", "csv", "slack", "mattermost", "matrix", "transcript", "journal", "syslog",
};

const char *
pm_import_format_to_string (PmImportFormat format)
{
  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (format_names), NULL);
  return format_names[format];
}

gboolean
pm_import_format_from_string (const char     *str,
                              PmImportFormat *format)
{
  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (format_names); i++)
    if (g_ascii_strcasecmp (str, format_names[i]) == 0)
      {
        *format = (PmImportFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Candidate messages                                                                          */
/* ------------------------------------------------------------------------------------------ */

G_DEFINE_BOXED_TYPE (PmImportMessage, pm_import_message, pm_import_message_copy,
                     pm_import_message_free)

PmImportMessage *
pm_import_message_new (void)
{
  PmImportMessage *message = g_new0 (PmImportMessage, 1);

  message->author = g_strdup ("");
  message->text = g_strdup ("");
  return message;
}

PmImportMessage *
pm_import_message_copy (const PmImportMessage *message)
{
  PmImportMessage *copy;

  g_return_val_if_fail (message != NULL, NULL);

  copy = g_memdup2 (message, sizeof *message);
  copy->author = g_strdup (message->author);
  copy->author_id = g_strdup (message->author_id);
  copy->author_aliases = g_strdupv (message->author_aliases);
  copy->text = g_strdup (message->text);
  copy->channel = g_strdup (message->channel);
  copy->id = g_strdup (message->id);
  copy->thread = g_strdup (message->thread);
  copy->source = g_strdup (message->source);
  copy->links = g_strdupv (message->links);
  copy->reactions = g_strdupv (message->reactions);
  return copy;
}

void
pm_import_message_free (PmImportMessage *message)
{
  if (message == NULL)
    return;
  g_free (message->author);
  g_free (message->author_id);
  g_strfreev (message->author_aliases);
  g_free (message->text);
  g_free (message->channel);
  g_free (message->id);
  g_free (message->thread);
  g_free (message->source);
  g_strfreev (message->links);
  g_strfreev (message->reactions);
  g_free (message);
}

PmTime *
pm_import_message_dup_time (const PmImportMessage *message,
                            GTimeZone             *zone)
{
  int offset = 0;

  g_return_val_if_fail (message != NULL, NULL);

  if (!message->has_time)
    return NULL;
  if (message->has_offset)
    offset = message->offset_seconds;
  else if (zone != NULL)
    offset = g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL,
                                                                      message->unix_seconds));
  /* A time keeps whole minutes of offset within ±18 hours: local mean times before the zones
   * (Berlin until 1893: +00:53:28) are rounded to the minute. */
  offset = CLAMP (offset / 60 * 60, -18 * 3600, 18 * 3600);
  return pm_time_new (message->unix_seconds, offset, message->precision);
}

void
pm_import_options_init (PmImportOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->format = PM_IMPORT_FORMAT_AUTO;
  g_date_clear (&options->date, 1);
}

/* ------------------------------------------------------------------------------------------ */
/* The result                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static PmImport *
import_new (const PmImportOptions *options)
{
  PmImport *self = g_new0 (PmImport, 1);

  if (options != NULL)
    self->options = *options;
  else
    pm_import_options_init (&self->options);
  if (self->options.zone != NULL)
    g_time_zone_ref (self->options.zone);
  self->format = self->options.format;
  self->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) pm_import_message_free);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
pm_import_free (PmImport *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->options.zone, g_time_zone_unref);
  g_ptr_array_unref (self->messages);
  g_ptr_array_unref (self->warnings);
  g_free (self->csv);
  g_free (self->csv_name);
  g_free (self);
}

PmImportFormat
pm_import_get_format (PmImport *self)
{
  g_return_val_if_fail (self != NULL, PM_IMPORT_FORMAT_AUTO);
  return self->format;
}

GPtrArray *
pm_import_get_messages (PmImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->messages;
}

guint
pm_import_get_n_left_out (PmImport        *self,
                          PmImportLeftOut  reason)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (reason < PM_IMPORT_N_LEFT_OUT, 0);
  return self->left_out[reason];
}

GPtrArray *
pm_import_get_warnings (PmImport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->warnings;
}

const char *
pm_import_get_csv (PmImport    *self,
                   gsize       *length,
                   const char **display_name)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (length != NULL)
    *length = self->csv_length;
  if (display_name != NULL)
    *display_name = self->csv_name;
  return self->csv;
}

/* Warnings beyond this many are counted in one last line. */
#define MAX_WARNINGS 100

void
_pm_import_warn (PmImport   *self,
                 const char *format,
                 ...)
{
  va_list args;

  if (self->warnings->len > MAX_WARNINGS)
    return;
  if (self->warnings->len == MAX_WARNINGS)
    {
      g_ptr_array_add (self->warnings, g_strdup (_("… and more warnings like these")));
      return;
    }
  va_start (args, format);
  g_ptr_array_add (self->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

void
_pm_import_left_out (PmImport        *self,
                     PmImportLeftOut  reason)
{
  self->left_out[reason]++;
}

gboolean
_pm_import_add (PmImport            *self,
                PmImportMessage     *message,
                const PmImportFile  *file,
                GError             **error)
{
  g_autoptr(PmImportMessage) owned = message;

  if (message->system && !self->options.include_system)
    {
      _pm_import_left_out (self, PM_IMPORT_LEFT_OUT_SYSTEM);
      return TRUE;
    }
  if (message->has_time &&
      ((self->options.has_since && message->unix_seconds < self->options.since) ||
       (self->options.has_until && message->unix_seconds > self->options.until)))
    {
      _pm_import_left_out (self, PM_IMPORT_LEFT_OUT_OUTSIDE);
      return TRUE;
    }
  if (*message->text == '\0' && (message->links == NULL || message->links[0] == NULL))
    {
      _pm_import_left_out (self, PM_IMPORT_LEFT_OUT_EMPTY);
      return TRUE;
    }
  if (self->messages->len >= PM_LIMIT_IMPORT_MESSAGES)
    return _pm_import_fail (error, PM_ERROR_LIMIT, file, message->line,
                            _("more than %u messages; choose a shorter time window"),
                            PM_LIMIT_IMPORT_MESSAGES);

  if (message->source == NULL)
    message->source = message->line > 0 ? _pm_import_source_line (file, message->line)
                                        : g_strdup (file->evidence);
  g_ptr_array_add (self->messages, g_steal_pointer (&owned));
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Recognising formats                                                                         */
/* ------------------------------------------------------------------------------------------ */

static const char *
skip_blanks (const char *p,
             const char *end)
{
  if (end - p >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

static gboolean
contains (const char *p,
          gsize       length,
          const char *needle)
{
  return g_strstr_len (p, (gssize) MIN (length, 64 * 1024), needle) != NULL;
}

static gboolean
looks_like_csv (const char *p,
                const char *end)
{
  const char *nl = memchr (p, '\n', end - p);
  g_autofree char *header = g_ascii_strdown (p, (nl ? nl : end) - p);
  g_auto(GStrv) fields = g_strsplit (header, ",", 16);
  gboolean time = FALSE, text = FALSE;

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_strstrip (fields[i]);
      time |= g_str_equal (fields[i], "time") || g_str_equal (fields[i], "\"time\"");
      text |= g_str_equal (fields[i], "text") || g_str_equal (fields[i], "\"text\"") ||
              g_str_equal (fields[i], "actor") || g_str_equal (fields[i], "\"actor\"");
    }
  return time && text;
}

PmImportFormat
pm_import_detect (const char *data,
                  gsize       length,
                  const char *name)
{
  const char *end = data + length;
  const char *p = skip_blanks (data, end);

  if (p == end)
    return PM_IMPORT_FORMAT_AUTO;

  if (*p == '{')
    {
      const char *nl = memchr (p, '\n', end - p);
      gsize first = (nl ? nl : end) - p;

      if (contains (p, first, "\"__REALTIME_TIMESTAMP\"") || contains (p, first, "\"__CURSOR\""))
        return PM_IMPORT_FORMAT_JOURNAL;
      if (g_str_has_prefix (p, "{\"type\"") || contains (p, first, "\"type\":\"version\"") ||
          contains (p, first, "\"type\": \"version\""))
        return PM_IMPORT_FORMAT_MATTERMOST;
      if (contains (p, end - p, "\"messages\"") &&
          (contains (p, end - p, "\"room_name\"") || contains (p, end - p, "\"exported_by\"")))
        return PM_IMPORT_FORMAT_MATRIX;
    }
  /* A Slack day file is a list of messages; "[12:56:03] <nick> …" starts with a bracket too. */
  if (*p == '[' && contains (p, end - p, "\"ts\"") && contains (p, end - p, "\"message\""))
    return PM_IMPORT_FORMAT_SLACK;
  if (_pm_import_syslog_detect (p, end - p))
    return PM_IMPORT_FORMAT_SYSLOG;
  if (looks_like_csv (p, end))
    return PM_IMPORT_FORMAT_CSV;
  if (_pm_import_transcript_detect (p, end - p))
    return PM_IMPORT_FORMAT_TRANSCRIPT;
  return PM_IMPORT_FORMAT_AUTO;
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
read_file (PmImport      *self,
           PmImportFile  *file,
           gboolean       alone,
           gboolean      *recognised,
           GError       **error)
{
  PmImportFormat format = self->options.format;
  GPtrArray one = { 0 };
  gpointer files[1] = { file };

  *recognised = FALSE;
  if (format == PM_IMPORT_FORMAT_AUTO)
    format = pm_import_detect (file->data, file->length, file->name);

  if (format == PM_IMPORT_FORMAT_AUTO)
    {
      if (alone)
        return _pm_import_fail (error, PM_ERROR_INVALID, file, 0,
                                _("not a format Postmortem can import (a Slack, Mattermost or "
                                  "Matrix export, a chat transcript, a journal or syslog "
                                  "file, or a CSV timeline)"));
      _pm_import_warn (self, _("%s: skipped: not a chat export or log"), file->display);
      return TRUE;
    }
  if (format == PM_IMPORT_FORMAT_CSV)
    {
      if (!alone)
        {
          _pm_import_warn (self, _("%s: skipped: a CSV timeline is imported on its own"),
                           file->display);
          return TRUE;
        }
      self->csv = g_memdup2 (file->data, file->length + 1);
      self->csv_length = file->length;
      self->csv_name = g_strdup (file->display);
    }

  *recognised = TRUE;
  if (self->format == PM_IMPORT_FORMAT_AUTO)
    self->format = format;

  switch (format)
    {
    case PM_IMPORT_FORMAT_SLACK:
      one.pdata = files;
      one.len = 1;
      return _pm_import_read_slack (self, &one, error);
    case PM_IMPORT_FORMAT_MATTERMOST:
      return _pm_import_read_mattermost (self, file, error);
    case PM_IMPORT_FORMAT_MATRIX:
      return _pm_import_read_matrix (self, file, error);
    case PM_IMPORT_FORMAT_TRANSCRIPT:
      return _pm_import_read_transcript (self, file, error);
    case PM_IMPORT_FORMAT_JOURNAL:
      return _pm_import_read_journal (self, file, error);
    case PM_IMPORT_FORMAT_SYSLOG:
      return _pm_import_read_syslog (self, file, error);
    case PM_IMPORT_FORMAT_CSV:
    case PM_IMPORT_FORMAT_AUTO:
    default:
      return TRUE;
    }
}

typedef struct
{
  gint64 key;
  guint  index;
} SortKey;

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  const SortKey *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* By time, stably; a message without a time stays after the one before it. */
static void
sort_messages (PmImport *self)
{
  GPtrArray *messages = self->messages;
  g_autofree SortKey *keys = NULL;
  g_autofree gpointer *sorted = NULL;
  gint64 previous = G_MININT64;

  if (messages->len < 2)
    return;
  keys = g_new (SortKey, messages->len);
  sorted = g_new (gpointer, messages->len);

  for (guint i = 0; i < messages->len; i++)
    {
      PmImportMessage *message = messages->pdata[i];

      if (message->has_time)
        previous = message->unix_seconds;
      keys[i].key = previous;
      keys[i].index = i;
    }
  qsort (keys, messages->len, sizeof (SortKey), compare_keys);
  for (guint i = 0; i < messages->len; i++)
    sorted[i] = messages->pdata[keys[i].index];
  memcpy (messages->pdata, sorted, messages->len * sizeof (gpointer));
}

static gboolean
read_source (PmImport        *self,
             PmImportSource  *source,
             const char      *display,
             GError         **error)
{
  GPtrArray *names = _pm_import_source_names (source);
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *prefix = NULL;
  gboolean alone = _pm_import_source_is_file (source);
  guint n_recognised = 0;

  if (!alone &&
      (self->options.format == PM_IMPORT_FORMAT_AUTO ||
       self->options.format == PM_IMPORT_FORMAT_SLACK) &&
      _pm_import_slack_detect (names, &prefix))
    {
      g_autoptr(GPtrArray) members = _pm_import_slack_members (self, names, prefix);

      if (!(files = _pm_import_source_read (source, members, error)))
        return FALSE;
      self->format = PM_IMPORT_FORMAT_SLACK;
      return _pm_import_read_slack (self, files, error);
    }

  if (!(files = _pm_import_source_read (source, NULL, error)))
    return FALSE;
  for (guint i = 0; i < files->len; i++)
    {
      gboolean recognised;

      if (!read_file (self, files->pdata[i], alone, &recognised, error))
        return FALSE;
      n_recognised += recognised;
    }
  if (!alone && n_recognised == 0)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, _("%s: no chat export or log in it"),
                   display);
      return FALSE;
    }
  return TRUE;
}

PmImport *
pm_import_read (const char             *path,
                const PmImportOptions  *options,
                GError                **error)
{
  g_autoptr(PmImport) self = NULL;
  g_autoptr(PmImportSource) source = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(source = _pm_import_source_open (path, error)))
    return NULL;
  self = import_new (options);
  {
    g_autofree char *display = g_filename_display_name (path);

    if (!read_source (self, source, display, error))
      return NULL;
  }
  sort_messages (self);
  return g_steal_pointer (&self);
}

PmImport *
pm_import_read_data (const char             *data,
                     gsize                   length,
                     const char             *display_name,
                     const PmImportOptions  *options,
                     GError                **error)
{
  g_autoptr(PmImport) self = NULL;
  PmImportFile *file;
  gboolean recognised, ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > PM_LIMIT_IMPORT_FILE_BYTES)
    {
      g_autofree char *limit = g_format_size (PM_LIMIT_IMPORT_FILE_BYTES);

      g_set_error (error, PM_ERROR, PM_ERROR_LIMIT, _("%s: more than %s"), display_name, limit);
      return NULL;
    }

  self = import_new (options);
  {
    char *copy = g_malloc (length + 1);

    memcpy (copy, data, length);
    copy[length] = '\0';
    file = _pm_import_file_new (display_name, display_name, display_name, copy, length, 0);
  }
  ok = read_file (self, file, TRUE, &recognised, error);
  _pm_import_file_free (file);
  if (!ok)
    return NULL;
  sort_messages (self);
  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------------------------------ */
/* Selecting                                                                                   */
/* ------------------------------------------------------------------------------------------ */

gboolean
pm_import_selection_parse (const char         *str,
                           PmImportSelection  *selection,
                           GError            **error)
{
  g_return_val_if_fail (selection != NULL, FALSE);

  memset (selection, 0, sizeof *selection);
  if (str == NULL || g_ascii_strcasecmp (str, "all") == 0)
    return TRUE;
  if (g_ascii_strcasecmp (str, "pinned") == 0)
    {
      selection->kind = PM_IMPORT_SELECT_PINNED;
      return TRUE;
    }
  if (g_ascii_strncasecmp (str, "reaction:", 9) == 0)
    {
      const char *name = str + 9;
      gsize length = strlen (name);

      if (length >= 2 && name[0] == ':' && name[length - 1] == ':')
        {
          name++;
          length -= 2;
        }
      if (length > 0 && length < sizeof selection->reaction && g_utf8_validate (name, length, NULL))
        {
          selection->kind = PM_IMPORT_SELECT_REACTION;
          memcpy (selection->reaction, name, length);
          return TRUE;
        }
    }
  g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
               _("“%s” is no selection; choose all, pinned or reaction:NAME"), str);
  return FALSE;
}

static gboolean
same_reaction (const char *a,
               const char *b)
{
  const char *ea, *eb;

  if (g_str_equal (a, b))
    return TRUE;
  ea = _pm_import_emoji (a, strlen (a));
  eb = _pm_import_emoji (b, strlen (b));
  return (ea && eb && *ea && g_str_equal (ea, eb)) || (ea && *ea && g_str_equal (ea, b)) ||
         (eb && *eb && g_str_equal (eb, a));
}

gboolean
pm_import_message_is_selected (const PmImportMessage   *message,
                               const PmImportSelection *selection)
{
  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (selection != NULL, FALSE);

  switch (selection->kind)
    {
    case PM_IMPORT_SELECT_PINNED:
      return message->pinned;
    case PM_IMPORT_SELECT_REACTION:
      for (guint i = 0; message->reactions && message->reactions[i]; i++)
        if (same_reaction (message->reactions[i], selection->reaction))
          return TRUE;
      return FALSE;
    case PM_IMPORT_SELECT_ALL:
    default:
      return TRUE;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Authors to teams                                                                            */
/* ------------------------------------------------------------------------------------------ */

struct _PmImportActors
{
  GHashTable *teams;   /* case-folded author → team */
};

void
pm_import_actors_free (PmImportActors *actors)
{
  if (actors == NULL)
    return;
  g_hash_table_unref (actors->teams);
  g_free (actors);
}

PmImportActors *
pm_import_actors_new (void)
{
  PmImportActors *actors = g_new0 (PmImportActors, 1);

  actors->teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return actors;
}

gboolean
pm_import_actors_add (PmImportActors *actors,
                      const char     *author,
                      const char     *team)
{
  g_autofree char *clean_author = NULL, *clean_team = NULL;
  g_autofree char *stripped_author = NULL, *stripped_team = NULL;

  g_return_val_if_fail (actors != NULL, FALSE);

  if (author == NULL || team == NULL)
    return FALSE;
  stripped_author = g_strstrip (g_strdup (author));
  stripped_team = g_strstrip (g_strdup (team));
  clean_author = _pm_import_clean_line (stripped_author, -1, PM_LIMIT_TITLE_CHARS);
  clean_team = _pm_import_clean_line (stripped_team, -1, PM_LIMIT_TITLE_CHARS);
  if (*clean_author == '\0' || *clean_team == '\0' ||
      g_hash_table_size (actors->teams) >= PM_LIMIT_ARRAY_ITEMS)
    return FALSE;
  g_hash_table_replace (actors->teams, g_utf8_casefold (clean_author, -1),
                        g_steal_pointer (&clean_team));
  return TRUE;
}

guint
pm_import_actors_get_size (PmImportActors *actors)
{
  g_return_val_if_fail (actors != NULL, 0);

  return g_hash_table_size (actors->teams);
}

PmImportActors *
pm_import_actors_parse (const char  *data,
                        gsize        length,
                        const char  *display_name,
                        GError     **error)
{
  g_autoptr(PmImportActors) actors = g_new0 (PmImportActors, 1);
  g_autoptr(PmCsvReader) reader = NULL;
  g_autoptr(GError) csv_error = NULL;
  int author_column = -1, team_column = -1;
  guint n_columns = 0;
  gboolean have_header = FALSE;
  guint line;

  g_return_val_if_fail (display_name != NULL, NULL);

  actors->teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  reader = pm_csv_reader_new (data, length);
  for (;;)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *author = NULL, *team = NULL, *key = NULL;
      const char *known;

      if (!pm_csv_reader_next (reader, &fields, &line, &csv_error))
        break;

      if (!have_header)
        {
          n_columns = g_strv_length (fields);
          for (guint i = 0; i < n_columns; i++)
            {
              g_autofree char *name = g_strstrip (g_ascii_strdown (fields[i], -1));

              if (g_str_equal (name, "author") && author_column < 0)
                author_column = (int) i;
              else if (g_str_equal (name, "team") && team_column < 0)
                team_column = (int) i;
              else
                {
                  g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                               _("%s:%u: unknown column “%s”; the columns are author and team"),
                               display_name, line, fields[i]);
                  return NULL;
                }
            }
          if (author_column < 0 || team_column < 0)
            {
              g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                           _("%s:%u: the header row needs the columns author and team"),
                           display_name, line);
              return NULL;
            }
          have_header = TRUE;
          continue;
        }

      if (g_strv_length (fields) != n_columns)
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       _("%s:%u: this row has %u fields, but the header has %u columns"),
                       display_name, line, g_strv_length (fields), n_columns);
          return NULL;
        }
      author = _pm_import_clean_line (g_strstrip (fields[author_column]), -1,
                                      PM_LIMIT_TITLE_CHARS);
      team = _pm_import_clean_line (g_strstrip (fields[team_column]), -1, PM_LIMIT_TITLE_CHARS);
      if (*author == '\0' || *team == '\0')
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       _("%s:%u: a row needs an author and a team"), display_name, line);
          return NULL;
        }
      if (g_hash_table_size (actors->teams) >= PM_LIMIT_ARRAY_ITEMS)
        {
          g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                       _("%s:%u: more than %u authors"), display_name, line,
                       PM_LIMIT_ARRAY_ITEMS);
          return NULL;
        }
      key = g_utf8_casefold (author, -1);
      known = g_hash_table_lookup (actors->teams, key);
      if (known != NULL && !g_str_equal (known, team))
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       _("%s:%u: “%s” is mapped to “%s” and to “%s”"),
                       display_name, line, author, known, team);
          return NULL;
        }
      g_hash_table_replace (actors->teams, g_steal_pointer (&key), g_steal_pointer (&team));
    }

  if (csv_error != NULL)
    {
      g_set_error (error, PM_ERROR, csv_error->code, "%s:%s", display_name, csv_error->message);
      return NULL;
    }
  if (!have_header)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   _("%s: the file is empty; expected a header row naming the columns author "
                     "and team"), display_name);
      return NULL;
    }
  return g_steal_pointer (&actors);
}

static const char *
lookup_team (PmImportActors *actors,
             const char     *name)
{
  g_autofree char *key = NULL;

  if (name == NULL || *name == '\0')
    return NULL;
  key = g_utf8_casefold (name, -1);
  return g_hash_table_lookup (actors->teams, key);
}

const char *
pm_import_actors_lookup (PmImportActors        *actors,
                         const PmImportMessage *message)
{
  const char *team;

  g_return_val_if_fail (actors != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  if ((team = lookup_team (actors, message->author)) ||
      (team = lookup_team (actors, message->author_id)))
    return team;
  for (guint i = 0; message->author_aliases && message->author_aliases[i]; i++)
    if ((team = lookup_team (actors, message->author_aliases[i])))
      return team;
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Applying                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* An event is already there when one has the same time, text and source. */
static char *
identity_key (const PmTime *time,
              const char   *text,
              const char   *source)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s", time ? pm_time_get_unix (time) : -1,
                          text, source);
}

/* A new event is compared with at most this many dated events that were there. */
#define MAX_COMPARED 500

static PmEvent *
event_from_message (PmDocument            *document,
                    GHashTable            *ids,
                    const PmImportMessage *message,
                    PmImportActors        *actors,
                    GTimeZone             *zone,
                    gboolean              *unmapped)
{
  g_autoptr(PmTime) time = pm_import_message_dup_time (message, zone);
  g_autoptr(GPtrArray) evidence = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *id = NULL;
  g_autofree char *actor = NULL;
  const char *team = actors ? pm_import_actors_lookup (actors, message) : NULL;
  PmEvent *event;

  do
    {
      g_free (id);
      id = pm_document_generate_id (document, "ev");
    }
  while (g_hash_table_contains (ids, id));
  g_hash_table_add (ids, g_strdup (id));

  *unmapped = actors != NULL && team == NULL && *message->author != '\0';
  actor = _pm_import_clean_line (team ? team : message->author, -1, PM_LIMIT_TITLE_CHARS);

  if (message->source != NULL)
    g_ptr_array_add (evidence, _pm_import_clean_line (message->source, -1,
                                                      PM_LIMIT_SHORT_TEXT_CHARS));
  for (guint i = 0; message->links && message->links[i] && evidence->len < PM_LIMIT_IMPORT_LINKS;
       i++)
    g_ptr_array_add (evidence, _pm_import_clean_line (message->links[i], -1,
                                                      PM_LIMIT_SHORT_TEXT_CHARS));
  g_ptr_array_add (evidence, NULL);

  event = pm_event_new (id);
  pm_event_set_time (event, time);
  pm_event_set_actor (event, actor);
  pm_event_set_text (event, message->text);
  pm_event_set_evidence (event, (const char * const *) evidence->pdata);
  return event;
}

gboolean
pm_import_apply (PmDocument       *document,
                 GPtrArray        *messages,
                 PmImportActors   *actors,
                 GTimeZone        *zone,
                 PmImportApplied  *applied,
                 GError          **error)
{
  GListModel *events;
  g_autoptr(GHashTable) there = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonArray) suggestions = json_array_new ();
  PmImportApplied counts = { 0 };
  guint n_existing;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (messages != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  events = pm_document_get_events (document);
  n_existing = g_list_model_get_n_items (events);
  for (guint i = 0; i < n_existing; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      const char * const *evidence = pm_event_get_evidence (event);

      for (guint j = 0; evidence && evidence[j]; j++)
        g_hash_table_add (there, identity_key (pm_event_get_time (event),
                                               pm_event_get_text (event), evidence[j]));
    }

  for (guint i = 0; i < messages->len; i++)
    {
      const PmImportMessage *message = messages->pdata[i];
      g_autoptr(PmTime) time = pm_import_message_dup_time (message, zone);
      char *key = identity_key (time, message->text, message->source ? message->source : "");
      gboolean unmapped;

      if (g_hash_table_contains (there, key))
        {
          g_free (key);
          counts.already++;
          continue;
        }
      g_hash_table_add (there, key);

      if (n_existing + added->len >= PM_LIMIT_EVENTS)
        {
          g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                       _("the postmortem holds %u events and at most %u fit; choose fewer "
                         "messages"), n_existing, PM_LIMIT_EVENTS);
          return FALSE;
        }
      g_ptr_array_add (added, event_from_message (document, ids, message, actors, zone,
                                                  &unmapped));
      counts.unmapped += unmapped;
    }

  if (added->len > 0)
    {
      JsonArray *before = pm_document_get_duplicate_suggestions (document);

      pm_document_begin_change (document, _("Import Timeline"));
      for (guint i = 0; i < added->len; i++)
        pm_document_add_event (document, added->pdata[i]);

      counts.suggested += pm_merge_suggest_duplicates (events, added, MAX_COMPARED, suggestions);
      if (json_array_get_length (suggestions) > 0 &&
          (before ? json_array_get_length (before) : 0) + json_array_get_length (suggestions)
          <= PM_LIMIT_EVENTS)
        {
          g_autoptr(JsonArray) all = json_array_new ();

          for (guint i = 0; before && i < json_array_get_length (before); i++)
            json_array_add_element (all, json_node_copy (json_array_get_element (before, i)));
          for (guint i = 0; i < json_array_get_length (suggestions); i++)
            json_array_add_element (all, json_node_copy (json_array_get_element (suggestions, i)));
          pm_document_set (document, document, "duplicate-suggestions", all, NULL);
        }
      pm_document_end_change (document);
    }

  counts.added = added->len;
  if (applied != NULL)
    *applied = counts;
  return TRUE;
}
