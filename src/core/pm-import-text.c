/* pm-import-text.c — what the import's readers share: clean text, emoji, wall-clock times,
 * lines, JSON within limits, errors that name the file and the line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-error.h"
#include "pm-import-private.h"
#include "pm-json.h"
#include "pm-limits.h"

/* ------------------------------------------------------------------------------------------ */
/* Text                                                                                        */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_bidi_control (gunichar c)
{
  return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

char *
_pm_import_clean_text (const char *text,
                       gssize      length,
                       gboolean    multi_line,
                       gsize       max_bytes,
                       gboolean   *cut)
{
  const char *p, *end;
  GString *out;
  gsize budget, mark = 0;
  gboolean over_budget = FALSE;
  char *result;

  if (cut != NULL)
    *cut = FALSE;
  if (text == NULL)
    return g_strdup ("");
  if (length < 0)
    length = (gssize) strlen (text);

  /* Past @budget, the text is kept only if all of it fits; else it is cut there and the
   * ellipsis marks the cut. */
  budget = max_bytes > 3 ? max_bytes - 3 : 0;
  out = g_string_sized_new (MIN ((gsize) length, max_bytes) + 1);
  p = text;
  end = text + length;
  while (p < end)
    {
      gunichar c;
      char buffer[8];
      int n;

      /* A NUL byte is dropped (GLib reads it as an incomplete character). */
      if (*p == '\0')
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          c = 0xfffd;
          p++;
        }
      else
        p = g_utf8_next_char (p);

      if (c == '\r')
        {
          c = '\n';
          if (p < end && *p == '\n')
            p++;
        }
      if (c < 0x20 || (c >= 0x7f && c < 0xa0))
        {
          if (!multi_line)
            c = ' ';
          else if (c != '\n' && c != '\t')
            continue;
        }
      if (is_bidi_control (c) || c == 0xfeff)
        continue;

      n = g_unichar_to_utf8 (c, buffer);
      if (!over_budget && out->len + (gsize) n > budget)
        {
          over_budget = TRUE;
          mark = out->len;
        }
      if (out->len + (gsize) n > max_bytes)
        {
          g_string_truncate (out, mark);
          if (max_bytes >= 3)
            g_string_append (out, "…");
          if (cut != NULL)
            *cut = TRUE;
          break;
        }
      g_string_append_len (out, buffer, n);
    }

  result = g_string_free (out, FALSE);
  g_strstrip (result);
  return result;
}

char *
_pm_import_clean_line (const char *text,
                       gssize      length,
                       gsize       max_chars)
{
  g_autofree char *clean = _pm_import_clean_text (text, length, FALSE, max_chars * 4 + 4, NULL);
  const char *p = clean;
  gsize n = 0;

  while (*p && n < max_chars)
    {
      p = g_utf8_next_char (p);
      n++;
    }
  if (*p == '\0')
    return g_steal_pointer (&clean);
  {
    /* Cut: the last character makes room for the ellipsis. */
    const char *last = g_utf8_prev_char (p);
    g_autofree char *kept = g_strndup (clean, last - clean);

    return g_strconcat (kept, "…", NULL);
  }
}

void
_pm_import_set_text (PmImport            *self,
                     PmImportMessage     *message,
                     const PmImportFile  *file,
                     const char          *text,
                     gssize               length)
{
  gboolean cut = FALSE;
  char *clean = _pm_import_clean_text (text, length, TRUE, PM_LIMIT_FREE_TEXT_BYTES, &cut);

  if (cut)
    {
      if (message->line > 0)
        _pm_import_warn (self, _("%s:%u: the text was cut at 64 KiB"), file->display,
                         message->line);
      else
        _pm_import_warn (self, _("%s: message %s: the text was cut at 64 KiB"), file->display,
                         message->id ? message->id : "?");
    }
  g_free (message->text);
  message->text = clean;
}

void
_pm_import_qualify_hosts (PmImport *self,
                          guint     first)
{
  for (guint i = first; i < self->messages->len; i++)
    {
      PmImportMessage *message = self->messages->pdata[i];
      g_autoptr(GStrvBuilder) aliases = NULL;
      g_autofree char *both = NULL;

      if (message->channel == NULL)
        continue;
      /* The program alone still maps to its team. */
      aliases = g_strv_builder_new ();
      g_strv_builder_add (aliases, message->author);
      if (message->author_aliases != NULL)
        g_strv_builder_addv (aliases, (const char **) message->author_aliases);
      g_strfreev (message->author_aliases);
      message->author_aliases = g_strv_builder_end (aliases);
      both = g_strdup_printf ("%s@%s", message->author, message->channel);
      g_free (message->author);
      message->author = _pm_import_clean_line (both, -1, PM_LIMIT_TITLE_CHARS);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Emoji                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/* The short names that incident channels use most (Slack's and Mattermost's names agree on
 * these); a name not here stays ":name:". An empty emoji drops the name (skin tones). */
static const struct
{
  const char *name;
  const char *emoji;
} emoji_names[] = {
  { "+1", "👍" }, { "thumbsup", "👍" }, { "-1", "👎" }, { "thumbsdown", "👎" },
  { "white_check_mark", "✅" }, { "heavy_check_mark", "✔️" }, { "ballot_box_with_check", "☑️" },
  { "x", "❌" }, { "negative_squared_cross_mark", "❎" }, { "warning", "⚠️" },
  { "rotating_light", "🚨" }, { "fire", "🔥" }, { "boom", "💥" }, { "zap", "⚡" },
  { "eyes", "👀" }, { "mag", "🔍" }, { "pushpin", "📌" }, { "round_pushpin", "📍" },
  { "memo", "📝" }, { "pencil", "📝" }, { "bookmark", "🔖" }, { "link", "🔗" },
  { "lock", "🔒" }, { "unlock", "🔓" }, { "key", "🔑" }, { "closed_lock_with_key", "🔐" },
  { "shield", "🛡️" }, { "bug", "🐛" }, { "construction", "🚧" }, { "no_entry", "⛔" },
  { "no_entry_sign", "🚫" }, { "sos", "🆘" }, { "ambulance", "🚑" }, { "bell", "🔔" },
  { "loudspeaker", "📢" }, { "mega", "📣" }, { "hourglass", "⌛" },
  { "hourglass_flowing_sand", "⏳" }, { "stopwatch", "⏱️" }, { "alarm_clock", "⏰" },
  { "red_circle", "🔴" }, { "large_orange_circle", "🟠" }, { "large_yellow_circle", "🟡" },
  { "large_green_circle", "🟢" }, { "large_blue_circle", "🔵" }, { "white_circle", "⚪" },
  { "black_circle", "⚫" }, { "heart", "❤️" }, { "green_heart", "💚" }, { "star", "⭐" },
  { "tada", "🎉" }, { "rocket", "🚀" }, { "ship", "🚢" }, { "pray", "🙏" }, { "clap", "👏" },
  { "raised_hands", "🙌" }, { "ok_hand", "👌" }, { "wave", "👋" }, { "point_up", "☝️" },
  { "point_right", "👉" }, { "point_left", "👈" }, { "muscle", "💪" }, { "100", "💯" },
  { "smile", "😄" }, { "smiley", "😃" }, { "grin", "😁" }, { "grinning", "😀" },
  { "laughing", "😆" }, { "joy", "😂" }, { "rofl", "🤣" }, { "sweat_smile", "😅" },
  { "slightly_smiling_face", "🙂" }, { "wink", "😉" }, { "thinking_face", "🤔" },
  { "thinking", "🤔" }, { "confused", "😕" }, { "disappointed", "😞" }, { "cry", "😢" },
  { "sob", "😭" }, { "scream", "😱" }, { "fearful", "😨" }, { "grimacing", "😬" },
  { "facepalm", "🤦" }, { "face_palm", "🤦" }, { "shrug", "🤷" }, { "skull", "💀" },
  { "see_no_evil", "🙈" }, { "ghost", "👻" }, { "robot_face", "🤖" }, { "robot", "🤖" },
  { "coffee", "☕" }, { "beers", "🍻" }, { "apple", "🍎" }, { "world_map", "🗺️" },
  { "chart_with_upwards_trend", "📈" }, { "chart_with_downwards_trend", "📉" },
  { "email", "📧" }, { "phone", "📞" }, { "telephone_receiver", "📞" }, { "pager", "📟" },
  { "computer", "💻" }, { "floppy_disk", "💾" }, { "wrench", "🔧" }, { "hammer", "🔨" },
  { "gear", "⚙️" }, { "arrow_up", "⬆️" }, { "arrow_down", "⬇️" }, { "arrow_right", "➡️" },
  { "arrows_counterclockwise", "🔄" }, { "repeat", "🔁" }, { "question", "❓" },
  { "exclamation", "❗" }, { "heavy_plus_sign", "➕" }, { "heavy_minus_sign", "➖" },
  { "skin-tone-2", "" }, { "skin-tone-3", "" }, { "skin-tone-4", "" },
  { "skin-tone-5", "" }, { "skin-tone-6", "" },
};

const char *
_pm_import_emoji (const char *name,
                  gsize       length)
{
  for (guint i = 0; i < G_N_ELEMENTS (emoji_names); i++)
    if (strlen (emoji_names[i].name) == length &&
        memcmp (emoji_names[i].name, name, length) == 0)
      return emoji_names[i].emoji;
  return NULL;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '+' || c == '-';
}

char *
_pm_import_replace_emoji (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p)
    {
      if (*p == ':')
        {
          const char *q = p + 1;
          const char *emoji;

          while (is_name_char (*q) && q - p <= 64)
            q++;
          if (*q == ':' && q > p + 1 && (emoji = _pm_import_emoji (p + 1, q - p - 1)) != NULL)
            {
              g_string_append (out, emoji);
              p = q + 1;
              continue;
            }
        }
      g_string_append_c (out, *p);
      p++;
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Wall-clock times                                                                            */
/* ------------------------------------------------------------------------------------------ */

#define UNIX_EPOCH_JULIAN 719163  /* g_date_get_julian() of 1970-01-01 */

static int
offset_at (GTimeZone *zone,
           gint64     unix_seconds)
{
  return g_time_zone_get_offset (zone, g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL,
                                                                  unix_seconds));
}

gint64
_pm_import_local_time (GTimeZone   *zone,
                       const GDate *date,
                       int          hour,
                       int          minute,
                       int          second,
                       gint64       after,
                       gboolean    *skipped)
{
  gint64 local = ((gint64) g_date_get_julian (date) - UNIX_EPOCH_JULIAN) * 86400 +
                 hour * 3600 + minute * 60 + second;
  gint64 found[3];
  guint n_found = 0;
  int offsets[3];

  if (skipped != NULL)
    *skipped = FALSE;
  if (zone == NULL)
    return local;

  /* Every offset in force around that day; each that maps the wall clock back onto itself is
   * a reading of it. Two when clocks go back, none when they go forward. */
  offsets[0] = offset_at (zone, local - 86400);
  offsets[1] = offset_at (zone, local);
  offsets[2] = offset_at (zone, local + 86400);
  for (guint i = 0; i < 3; i++)
    {
      gint64 candidate = local - offsets[i];
      gboolean known = FALSE;

      if (offset_at (zone, candidate) != offsets[i])
        continue;
      for (guint j = 0; j < n_found; j++)
        known |= found[j] == candidate;
      if (!known)
        found[n_found++] = candidate;
    }

  if (n_found == 0)
    {
      if (skipped != NULL)
        *skipped = TRUE;
      return local - offsets[0];
    }
  if (n_found > 1 && found[1] < found[0])
    {
      gint64 swap = found[0];

      found[0] = found[1];
      found[1] = swap;
    }
  return n_found > 1 && found[0] < after ? found[1] : found[0];
}

void
_pm_import_local_date (GTimeZone *zone,
                       gint64     unix_seconds,
                       GDate     *date)
{
  gint64 local = unix_seconds + (zone ? offset_at (zone, unix_seconds) : 0);
  gint64 days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);

  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) (days + UNIX_EPOCH_JULIAN));
}

/* ------------------------------------------------------------------------------------------ */
/* Evidence and errors                                                                         */
/* ------------------------------------------------------------------------------------------ */

char *
_pm_import_source_line (const PmImportFile *file,
                        guint               line)
{
  /* Translators: where an imported event came from: “syslog.log, line 17” */
  g_autofree char *source = g_strdup_printf (_("%s, line %u"), file->evidence, line);

  return _pm_import_clean_line (source, -1, PM_LIMIT_SHORT_TEXT_CHARS);
}

char *
_pm_import_source_message (const PmImportFile *file,
                           const char         *channel,
                           const char         *id,
                           guint               line)
{
  g_autofree char *source = NULL;

  if (channel != NULL && id != NULL)
    /* Translators: where an imported event came from: “export.zip, #ops, message 1452837352.000006” */
    source = g_strdup_printf (_("%s, #%s, message %s"), file->evidence, channel, id);
  else if (id != NULL)
    source = g_strdup_printf (_("%s, message %s"), file->evidence, id);
  else if (channel != NULL)
    /* Translators: where an imported event came from: “export.jsonl, #ops, line 17” */
    source = g_strdup_printf (_("%s, #%s, line %u"), file->evidence, channel, line);
  else
    source = g_strdup_printf (_("%s, line %u"), file->evidence, line);
  return _pm_import_clean_line (source, -1, PM_LIMIT_SHORT_TEXT_CHARS);
}

gboolean
_pm_import_fail (GError             **error,
                 PmError              code,
                 const PmImportFile  *file,
                 guint                line,
                 const char          *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (line > 0)
    g_set_error (error, PM_ERROR, code, "%s:%u: %s", file->display, line, message);
  else
    g_set_error (error, PM_ERROR, code, "%s: %s", file->display, message);
  return FALSE;
}

JsonNode *
_pm_import_parse_json (const PmImportFile  *file,
                       const char          *data,
                       gsize                length,
                       guint                line,
                       GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  PmJsonLimits limits;
  JsonNode *node;
  unsigned long at_line = 0;
  char *rest = NULL;

  pm_json_limits_init_default (&limits);
  limits.max_members = 100000;          /* a big room's power levels name every member */
  limits.max_array_items = PM_LIMIT_IMPORT_MESSAGES;
  limits.max_string_bytes = PM_LIMIT_IMPORT_LINE_BYTES;

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  node = pm_json_parse (data, length, &limits, &local_error);
  if (node != NULL)
    return node;

  /* "LINE:COLUMN: what", counted within @data: in the file, LINE is @line - 1 further on. */
  at_line = strtoul (local_error->message, &rest, 10);
  if (rest != NULL && rest != local_error->message && *rest == ':')
    g_set_error (error, PM_ERROR, local_error->code, "%s:%lu%s", file->display,
                 at_line + line - 1, rest);
  else
    g_set_error (error, PM_ERROR, local_error->code, "%s:%u: %s", file->display, line,
                 local_error->message);
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Lines                                                                                       */
/* ------------------------------------------------------------------------------------------ */

void
_pm_import_lines_init (PmImportLines      *lines,
                       const PmImportFile *file)
{
  lines->p = file->data;
  lines->end = file->data + file->length;
  lines->line = 0;
  if (file->length >= 3 && memcmp (file->data, "\xef\xbb\xbf", 3) == 0)
    lines->p += 3;
}

gboolean
_pm_import_lines_next (PmImportLines       *lines,
                       const PmImportFile  *file,
                       const char         **start,
                       gsize               *length,
                       GError             **error)
{
  const char *nl;
  gsize n;

  if (lines->p >= lines->end)
    return FALSE;

  lines->line++;
  nl = memchr (lines->p, '\n', lines->end - lines->p);
  n = (nl ? nl : lines->end) - lines->p;
  *start = lines->p;
  lines->p = nl ? nl + 1 : lines->end;
  if (n > 0 && (*start)[n - 1] == '\r')
    n--;
  if (n > PM_LIMIT_IMPORT_LINE_BYTES)
    {
      g_autofree char *limit = g_format_size (PM_LIMIT_IMPORT_LINE_BYTES);

      return _pm_import_fail (error, PM_ERROR_LIMIT, file, lines->line,
                              _("the line is longer than %s"), limit);
    }
  *length = n;
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* JSON getters                                                                                */
/* ------------------------------------------------------------------------------------------ */

static JsonNode *
member_of_type (JsonObject *object,
                const char *member,
                JsonNodeType type)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;
  return JSON_NODE_TYPE (node) == type ? node : NULL;
}

const char *
_pm_json_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node = member_of_type (object, member, JSON_NODE_VALUE);

  return node && json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node)
                                                                   : NULL;
}

JsonObject *
_pm_json_object (JsonObject *object,
                 const char *member)
{
  JsonNode *node = member_of_type (object, member, JSON_NODE_OBJECT);

  return node ? json_node_get_object (node) : NULL;
}

JsonArray *
_pm_json_array (JsonObject *object,
                const char *member)
{
  JsonNode *node = member_of_type (object, member, JSON_NODE_ARRAY);

  return node ? json_node_get_array (node) : NULL;
}

gboolean
_pm_json_int (JsonObject *object,
              const char *member,
              gint64     *value)
{
  JsonNode *node = member_of_type (object, member, JSON_NODE_VALUE);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
_pm_json_bool (JsonObject *object,
               const char *member)
{
  JsonNode *node = member_of_type (object, member, JSON_NODE_VALUE);

  return node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}
