/* pm-import-slack.c — a Slack workspace export (folder or zip)
 *
 * The export holds users.json, channels.json (and groups.json, mpims.json, dms.json for private
 * conversations) and a folder per conversation with a JSON file per day: an array of messages.
 * A message's time is its "ts" ("1452837352.000006": seconds, then a sequence number); a reply
 * in a thread has a "thread_ts" naming its parent. Text uses Slack's markup: "<@U123>" for a
 * mention, "<#C123|name>" for a channel, "<url|label>" for a link, "&amp;", "&lt;" and "&gt;"
 * for the three characters that would be markup, ":name:" for emoji. A bot or integration
 * often posts with an empty "text" and puts the content in "attachments".
 * (https://slack.com/help/articles/220556107, https://api.slack.com/reference/surfaces/formatting)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pm-error.h"
#include "pm-import-private.h"
#include "pm-limits.h"

typedef struct
{
  char *shown;       /* the name Slack shows: display name, else real name, else login */
  char *login;
  char *real_name;
} User;

typedef struct
{
  GHashTable *users;      /* id → User */
  GHashTable *channels;   /* id → name */
  GHashTable *folders;    /* folder → channel name */
  GHashTable *pins;       /* "folder\x1fts" */
} Slack;

static void
user_free (gpointer data)
{
  User *user = data;

  g_free (user->shown);
  g_free (user->login);
  g_free (user->real_name);
  g_free (user);
}

static const char * const list_files[] = {
  "users.json", "channels.json", "groups.json", "mpims.json", "dms.json",
};

/* Subtypes of messages that tell what happened to the channel, not in it. */
static const char * const system_subtypes[] = {
  "channel_join", "channel_leave", "channel_topic", "channel_purpose", "channel_name",
  "channel_archive", "channel_unarchive", "channel_convert_to_private",
  "channel_convert_to_public", "channel_posting_permissions", "group_join", "group_leave",
  "group_topic", "group_purpose", "group_name", "group_archive", "group_unarchive",
  "bot_add", "bot_remove", "bot_enable", "bot_disable", "pinned_item", "unpinned_item",
  "reminder_add", "reminder_delete", "app_conversation_join", "joiner_notification_for_inviter",
  "message_changed", "message_replied", "sh_room_created", "huddle_thread",
};

static gboolean
in_list (const char         *value,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; value != NULL && i < n; i++)
    if (g_str_equal (value, list[i]))
      return TRUE;
  return FALSE;
}

/* "enrique/2016-01-14.json" → TRUE, the folder and the date. */
static gboolean
day_file (const char  *rest,
          char       **folder,
          GDate       *date)
{
  const char *slash = strchr (rest, '/');
  const char *day;
  guint y, m, d;
  char tail[8];

  if (slash == NULL || slash == rest || strchr (slash + 1, '/') != NULL)
    return FALSE;
  day = slash + 1;
  if (strlen (day) != strlen ("2016-01-14.json") ||
      sscanf (day, "%4u-%2u-%2u%7s", &y, &m, &d, tail) != 4 || !g_str_equal (tail, ".json") ||
      day[4] != '-' || day[7] != '-' || !g_date_valid_dmy (d, m, y))
    return FALSE;
  if (folder != NULL)
    *folder = g_strndup (rest, slash - rest);
  if (date != NULL)
    {
      g_date_clear (date, 1);
      g_date_set_dmy (date, d, m, y);
    }
  return TRUE;
}

gboolean
_pm_import_slack_detect (GPtrArray  *names,
                         char      **prefix)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      const char *slash = strchr (name, '/');
      const char *base = slash ? slash + 1 : name;

      if (slash != NULL && strchr (base, '/') != NULL)
        continue;
      if (g_str_equal (base, "users.json") || g_str_equal (base, "channels.json"))
        {
          *prefix = g_strndup (name, base - name);
          return TRUE;
        }
    }
  return FALSE;
}

GPtrArray *
_pm_import_slack_members (PmImport   *self,
                          GPtrArray  *names,
                          const char *prefix)
{
  GPtrArray *members = g_ptr_array_new ();
  gsize n_prefix = strlen (prefix);
  GDate first, last;

  /* Day files are named by a date in the workspace's zone: a day either side is enough. */
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  if (self->options.has_since)
    {
      _pm_import_local_date (NULL, self->options.since, &first);
      g_date_subtract_days (&first, 1);
    }
  if (self->options.has_until)
    {
      _pm_import_local_date (NULL, self->options.until, &last);
      g_date_add_days (&last, 1);
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = names->pdata[i];
      const char *rest = name + n_prefix;
      GDate date;

      if (strncmp (name, prefix, n_prefix) != 0)
        continue;
      if (in_list (rest, list_files, G_N_ELEMENTS (list_files)))
        g_ptr_array_add (members, (gpointer) name);
      else if (day_file (rest, NULL, &date) &&
               (!g_date_valid (&first) || g_date_compare (&date, &first) >= 0) &&
               (!g_date_valid (&last) || g_date_compare (&date, &last) <= 0))
        g_ptr_array_add (members, (gpointer) name);
    }
  return members;
}

/* ------------------------------------------------------------------------------------------ */
/* The lists                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static const char *
non_empty (const char *str)
{
  return str != NULL && *str != '\0' ? str : NULL;
}

static const char *
first_of (const char *a,
          const char *b,
          const char *c)
{
  return a ? a : b ? b : c;
}

static JsonArray *
parse_list (const PmImportFile  *file,
            JsonNode           **root,
            GError             **error)
{
  if (!(*root = _pm_import_parse_json (file, file->data, file->length, 1, error)))
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (*root))
    {
      _pm_import_fail (error, PM_ERROR_INVALID, file, 0, _("expected a list ([…])"));
      return NULL;
    }
  return json_node_get_array (*root);
}

static gboolean
read_users (Slack               *slack,
            const PmImportFile  *file,
            GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *users = parse_list (file, &root, error);

  if (users == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      JsonNode *node = json_array_get_element (users, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonObject *profile = _pm_json_object (object, "profile");
      const char *id = _pm_json_string (object, "id");
      const char *login = non_empty (_pm_json_string (object, "name"));
      const char *real = non_empty (_pm_json_string (profile, "real_name"));
      const char *display = non_empty (_pm_json_string (profile, "display_name"));
      User *user;

      if (id == NULL)
        continue;
      if (real == NULL)
        real = non_empty (_pm_json_string (object, "real_name"));
      user = g_new0 (User, 1);
      user->shown = _pm_import_clean_line (display ? display : real ? real : login ? login : id,
                                           -1, PM_LIMIT_TITLE_CHARS);
      user->login = login ? _pm_import_clean_line (login, -1, PM_LIMIT_TITLE_CHARS) : NULL;
      user->real_name = real ? _pm_import_clean_line (real, -1, PM_LIMIT_TITLE_CHARS) : NULL;
      g_hash_table_replace (slack->users, g_strdup (id), user);
    }
  return TRUE;
}

static gboolean
read_channels (Slack               *slack,
               const PmImportFile  *file,
               gboolean             direct,
               GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *channels = parse_list (file, &root, error);

  if (channels == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (channels); i++)
    {
      JsonNode *node = json_array_get_element (channels, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *id = _pm_json_string (object, "id");
      const char *name = _pm_json_string (object, "name");
      JsonArray *pins = _pm_json_array (object, "pins");
      g_autofree char *shown = NULL;
      const char *folder;

      if (id == NULL)
        continue;
      if (direct)
        {
          /* A direct conversation's folder is its id; it is shown as its members. */
          JsonArray *members = _pm_json_array (object, "members");
          g_autoptr(GString) who = g_string_new (NULL);

          for (guint j = 0; members && j < json_array_get_length (members) && j < 16; j++)
            {
              JsonNode *member = json_array_get_element (members, j);
              const char *user_id = JSON_NODE_HOLDS_VALUE (member) &&
                                    json_node_get_value_type (member) == G_TYPE_STRING
                                    ? json_node_get_string (member) : NULL;
              User *user = user_id ? g_hash_table_lookup (slack->users, user_id) : NULL;

              if (user_id == NULL)
                continue;
              if (who->len > 0)
                g_string_append (who, ", ");
              g_string_append (who, user ? user->shown : user_id);
            }
          shown = _pm_import_clean_line (who->len > 0 ? who->str : id, -1, PM_LIMIT_TITLE_CHARS);
          folder = id;
        }
      else
        {
          if (name == NULL)
            continue;
          shown = _pm_import_clean_line (name, -1, PM_LIMIT_TITLE_CHARS);
          folder = name;
        }
      g_hash_table_replace (slack->channels, g_strdup (id), g_strdup (shown));
      g_hash_table_replace (slack->folders, g_strdup (folder), g_strdup (shown));

      for (guint j = 0; pins && j < json_array_get_length (pins); j++)
        {
          JsonNode *pin = json_array_get_element (pins, j);
          const char *ts = JSON_NODE_HOLDS_OBJECT (pin)
                           ? _pm_json_string (json_node_get_object (pin), "id") : NULL;

          if (ts != NULL)
            g_hash_table_add (slack->pins, g_strconcat (folder, "\x1f", ts, NULL));
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Markup                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
append_decoded (GString    *out,
                const char *text,
                gsize       length)
{
  const char *end = text + length;

  for (const char *p = text; p < end; p++)
    {
      if (*p == '&')
        {
          if ((gsize) (end - p) >= 5 && memcmp (p, "&amp;", 5) == 0)
            {
              g_string_append_c (out, '&');
              p += 4;
              continue;
            }
          if ((gsize) (end - p) >= 4 && memcmp (p, "&lt;", 4) == 0)
            {
              g_string_append_c (out, '<');
              p += 3;
              continue;
            }
          if ((gsize) (end - p) >= 4 && memcmp (p, "&gt;", 4) == 0)
            {
              g_string_append_c (out, '>');
              p += 3;
              continue;
            }
        }
      g_string_append_c (out, *p);
    }
}

static void
add_link (GPtrArray  *links,
          const char *url)
{
  if (links->len >= PM_LIMIT_IMPORT_LINKS)
    return;
  for (guint i = 0; i < links->len; i++)
    if (g_str_equal (links->pdata[i], url))
      return;
  g_ptr_array_add (links, g_strdup (url));
}

/* "<@U1|name>" and the rest, in @raw, as text a person reads; links with a label of their own
 * go to @links. */
static char *
readable (Slack      *slack,
          const char *raw,
          GPtrArray  *links)
{
  GString *out = g_string_sized_new (strlen (raw));
  const char *p = raw;

  while (*p)
    {
      const char *close;
      const char *bar;
      g_autofree char *target = NULL;
      g_autofree char *label = NULL;

      if (*p != '<' || !(close = strchr (p + 1, '>')) || memchr (p + 1, '<', close - p - 1))
        {
          const char *next = strchr (p + 1, '<');
          gsize n = next ? (gsize) (next - p) : strlen (p);

          append_decoded (out, p, n);
          p += n;
          continue;
        }

      bar = memchr (p + 1, '|', close - p - 1);
      target = g_strndup (p + 1, (bar ? bar : close) - p - 1);
      if (bar != NULL)
        {
          GString *decoded = g_string_new (NULL);

          append_decoded (decoded, bar + 1, close - bar - 1);
          label = g_string_free (decoded, FALSE);
        }
      p = close + 1;

      if (target[0] == '@')
        {
          User *user = g_hash_table_lookup (slack->users, target + 1);

          g_string_append_c (out, '@');
          g_string_append (out, label && *label ? (label[0] == '@' ? label + 1 : label)
                                : user ? user->shown : target + 1);
        }
      else if (target[0] == '#')
        {
          const char *name = g_hash_table_lookup (slack->channels, target + 1);

          g_string_append_c (out, '#');
          g_string_append (out, label && *label ? label : name ? name : target + 1);
        }
      else if (target[0] == '!')
        {
          if (label != NULL && *label != '\0')
            g_string_append (out, label);
          else if (g_str_has_prefix (target, "!subteam^"))
            g_string_append (out, "@team");
          else
            {
              g_string_append_c (out, '@');
              g_string_append (out, target + 1);
            }
        }
      else
        {
          g_autofree char *url = NULL;
          GString *decoded = g_string_new (NULL);

          append_decoded (decoded, target, strlen (target));
          url = g_string_free (decoded, FALSE);
          if (g_str_has_prefix (url, "mailto:"))
            g_string_append (out, label && *label ? label : url + strlen ("mailto:"));
          else if (label != NULL && *label != '\0' && !g_str_equal (label, url) &&
                   !g_str_has_suffix (url, label))
            {
              g_string_append (out, label);
              add_link (links, url);
            }
          else
            g_string_append (out, url);
        }
    }

  {
    g_autofree char *text = g_string_free (out, FALSE);

    return _pm_import_replace_emoji (text);
  }
}

/* A bot's post with an empty text: its attachments' pretext, title and text, else their
 * fallback. */
static char *
attachments_text (JsonArray *attachments,
                  GPtrArray *links)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; attachments && i < json_array_get_length (attachments); i++)
    {
      JsonNode *node = json_array_get_element (attachments, i);
      JsonObject *attachment = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *parts[] = {
        non_empty (_pm_json_string (attachment, "pretext")),
        non_empty (_pm_json_string (attachment, "title")),
        non_empty (_pm_json_string (attachment, "text")),
      };
      const char *title_link = non_empty (_pm_json_string (attachment, "title_link"));
      gboolean any = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (parts); j++)
        if (parts[j] != NULL)
          {
            if (out->len > 0)
              g_string_append_c (out, '\n');
            g_string_append (out, parts[j]);
            any = TRUE;
          }
      if (!any && non_empty (_pm_json_string (attachment, "fallback")))
        {
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, _pm_json_string (attachment, "fallback"));
        }
      if (title_link != NULL)
        add_link (links, title_link);
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Messages                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* "1452837352.000006" → its seconds. */
static gboolean
parse_ts (const char *ts,
          gint64     *seconds)
{
  const char *p = ts;
  gint64 value = 0;

  if (ts == NULL || !g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (value > (G_GINT64_CONSTANT (253402300799) - (*p - '0')) / 10)
        return FALSE;
      value = value * 10 + (*p - '0');
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      ;
  if (*p != '\0')
    return FALSE;
  *seconds = value;
  return TRUE;
}

static char **
reaction_names (JsonArray *reactions)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; reactions && i < json_array_get_length (reactions) && i < 64; i++)
    {
      JsonNode *node = json_array_get_element (reactions, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (node)
                         ? _pm_json_string (json_node_get_object (node), "name") : NULL;

      if (name != NULL && *name != '\0' && strlen (name) < 64)
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

static void
add_files (JsonObject *message,
           GPtrArray  *links,
           GString    *titles)
{
  JsonArray *files = _pm_json_array (message, "files");
  JsonObject *one = _pm_json_object (message, "file");
  guint n = files ? json_array_get_length (files) : 0;

  for (guint i = 0; i < n + (one != NULL); i++)
    {
      JsonObject *file = one;
      const char *permalink, *title;

      if (i < n)
        {
          JsonNode *node = json_array_get_element (files, i);

          file = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
        }
      /* The permalink needs a login to the workspace; url_private carries a token and is never
       * copied. */
      permalink = non_empty (_pm_json_string (file, "permalink"));
      title = non_empty (_pm_json_string (file, "title"));
      if (title == NULL)
        title = non_empty (_pm_json_string (file, "name"));
      if (permalink != NULL)
        add_link (links, permalink);
      if (title != NULL)
        {
          if (titles->len > 0)
            g_string_append (titles, ", ");
          g_string_append (titles, title);
        }
    }
}

static gboolean
read_message (PmImport            *self,
              Slack               *slack,
              const PmImportFile  *file,
              const char          *folder,
              const char          *channel,
              JsonObject          *object,
              guint                index,
              GError             **error)
{
  g_autoptr(PmImportMessage) message = pm_import_message_new ();
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) file_titles = g_string_new (NULL);
  g_autofree char *text = NULL;
  const char *type = _pm_json_string (object, "type");
  const char *subtype = _pm_json_string (object, "subtype");
  const char *ts = _pm_json_string (object, "ts");
  const char *thread_ts = _pm_json_string (object, "thread_ts");
  const char *user_id = _pm_json_string (object, "user");
  const char *raw = _pm_json_string (object, "text");
  JsonObject *profile = _pm_json_object (object, "user_profile");
  JsonObject *bot = _pm_json_object (object, "bot_profile");
  JsonArray *pinned_to = _pm_json_array (object, "pinned_to");
  User *user = user_id ? g_hash_table_lookup (slack->users, user_id) : NULL;
  const char *author = NULL;
  gint64 seconds;

  if (type != NULL && !g_str_equal (type, "message"))
    {
      _pm_import_left_out (self, PM_IMPORT_LEFT_OUT_SYSTEM);
      return TRUE;
    }
  if (!parse_ts (ts, &seconds))
    return _pm_import_fail (error, PM_ERROR_INVALID, file, 0,
                            _("message %u: “ts” is not a Slack time stamp"), index + 1);
  if (g_strcmp0 (subtype, "tombstone") == 0 || g_strcmp0 (subtype, "message_deleted") == 0 ||
      _pm_json_bool (object, "hidden"))
    {
      _pm_import_left_out (self, PM_IMPORT_LEFT_OUT_DELETED);
      return TRUE;
    }

  /* Who: the user the export lists, else the profile the message carries, else the bot. */
  if (user != NULL)
    author = user->shown;
  else if (profile != NULL)
    author = first_of (non_empty (_pm_json_string (profile, "display_name")),
                       non_empty (_pm_json_string (profile, "real_name")),
                       non_empty (_pm_json_string (profile, "name")));
  if (author == NULL || g_strcmp0 (subtype, "bot_message") == 0)
    {
      const char *bot_name = first_of (non_empty (_pm_json_string (object, "username")),
                                       non_empty (_pm_json_string (bot, "name")), NULL);

      if (bot_name != NULL || author == NULL)
        author = first_of (bot_name, user_id, non_empty (_pm_json_string (object, "bot_id")));
    }
  g_free (message->author);
  message->author = _pm_import_clean_line (author ? author : "", -1, PM_LIMIT_TITLE_CHARS);
  message->author_id = g_strdup (user_id ? user_id : _pm_json_string (object, "bot_id"));
  if (user != NULL)
    {
      const char *aliases[] = { user->login, user->real_name, NULL };
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < 2; i++)
        if (aliases[i] != NULL)
          g_strv_builder_add (builder, aliases[i]);
      message->author_aliases = g_strv_builder_end (builder);
    }

  /* What: the text, else what the attachments and files say. */
  text = readable (slack, raw ? raw : "", links);
  add_files (object, links, file_titles);
  g_strstrip (text);
  if (*text == '\0')
    {
      g_autofree char *from_attachments = attachments_text (_pm_json_array (object, "attachments"),
                                                            links);

      g_free (text);
      text = readable (slack, from_attachments, links);
      g_strstrip (text);
    }
  if (*text == '\0' && file_titles->len > 0)
    {
      g_free (text);
      text = g_string_free (g_steal_pointer (&file_titles), FALSE);
    }

  message->has_time = TRUE;
  message->unix_seconds = seconds;
  message->precision = PM_TIME_PRECISION_EXACT;
  message->channel = channel ? g_strdup (channel) : NULL;
  message->id = g_strdup (ts);
  if (thread_ts != NULL && !g_str_equal (thread_ts, ts))
    message->thread = g_strdup (thread_ts);
  message->edited = _pm_json_object (object, "edited") != NULL;
  message->pinned = (pinned_to != NULL && json_array_get_length (pinned_to) > 0) ||
                    _pm_json_bool (object, "is_pinned");
  if (!message->pinned && folder != NULL)
    {
      g_autofree char *key = g_strconcat (folder, "\x1f", ts, NULL);

      message->pinned = g_hash_table_contains (slack->pins, key);
    }
  message->reactions = reaction_names (_pm_json_array (object, "reactions"));
  message->system = in_list (subtype, system_subtypes, G_N_ELEMENTS (system_subtypes));
  if (links->len > 0)
    {
      g_ptr_array_add (links, NULL);
      message->links = (char **) g_ptr_array_free (g_steal_pointer (&links), FALSE);
    }
  message->source = _pm_import_source_message (file, channel, ts, 0);
  _pm_import_set_text (self, message, file, text, -1);

  return _pm_import_add (self, g_steal_pointer (&message), file, error);
}

static gboolean
read_day (PmImport            *self,
          Slack               *slack,
          const PmImportFile  *file,
          const char          *folder,
          GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *messages = parse_list (file, &root, error);
  const char *channel = folder ? g_hash_table_lookup (slack->folders, folder) : NULL;

  if (messages == NULL)
    return FALSE;
  if (channel == NULL)
    channel = folder;

  for (guint i = 0; i < json_array_get_length (messages); i++)
    {
      JsonNode *node = json_array_get_element (messages, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return _pm_import_fail (error, PM_ERROR_INVALID, file, 0,
                                _("message %u is not an object ({…})"), i + 1);
      if (!read_message (self, slack, file, folder, channel, json_node_get_object (node), i,
                         error))
        return FALSE;
    }
  return TRUE;
}

gboolean
_pm_import_read_slack (PmImport   *self,
                       GPtrArray  *files,
                       GError    **error)
{
  Slack slack = { 0 };
  g_autofree char *prefix = NULL;
  gboolean ok = TRUE;
  gsize n_prefix = 0;

  slack.users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, user_free);
  slack.channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  slack.folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  slack.pins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* The lists first: users before the conversations that name them. */
  {
    g_autoptr(GPtrArray) names = g_ptr_array_new ();

    for (guint i = 0; i < files->len; i++)
      g_ptr_array_add (names, ((PmImportFile *) files->pdata[i])->name);
    if (!_pm_import_slack_detect (names, &prefix))
      prefix = g_strdup ("");
    n_prefix = strlen (prefix);
  }
  for (guint pass = 0; ok && pass < G_N_ELEMENTS (list_files); pass++)
    for (guint i = 0; ok && i < files->len; i++)
      {
        PmImportFile *file = files->pdata[i];

        if (files->len > 1 && strncmp (file->name, prefix, n_prefix) == 0 &&
            g_str_equal (file->name + n_prefix, list_files[pass]))
          ok = pass == 0 ? read_users (&slack, file, error)
                         : read_channels (&slack, file, pass == 4, error);
      }

  for (guint i = 0; ok && i < files->len; i++)
    {
      PmImportFile *file = files->pdata[i];
      g_autofree char *folder = NULL;

      if (files->len == 1)
        {
          /* One day file on its own: its folder, if its name has one, is the channel. */
          g_autofree char *dir = g_path_get_dirname (file->name);

          ok = read_day (self, &slack, file, g_str_equal (dir, ".") ? NULL : dir, error);
        }
      else if (strncmp (file->name, prefix, n_prefix) == 0 &&
               day_file (file->name + n_prefix, &folder, NULL))
        ok = read_day (self, &slack, file, folder, error);
    }

  g_hash_table_unref (slack.users);
  g_hash_table_unref (slack.channels);
  g_hash_table_unref (slack.folders);
  g_hash_table_unref (slack.pins);
  return ok;
}
