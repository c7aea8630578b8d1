/* pm-import-mattermost.c — a Mattermost bulk export (JSON lines)
 *
 * One JSON object per line, each with a "type" naming the member that holds it: "version",
 * "team", "channel", "user", "post" (team, channel, user, message, create_at in milliseconds,
 * reactions, replies, is_pinned, attachments), "direct_channel" and "direct_post" (with
 * channel_members instead of team and channel), "emoji".
 * (https://docs.mattermost.com/onboard/bulk-loading-data.html)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-error.h"
#include "pm-import-private.h"
#include "pm-limits.h"

/* What Mattermost writes for a system post when an export leaves out its type. */
static const char * const system_endings[] = {
  " joined the channel.", " joined the team.", " left the channel.", " left the team.",
  " removed from the channel.", " removed from the team.", " updated the channel header.",
  " updated the channel purpose.", " updated the channel display name.",
};

static gboolean
looks_like_system (const char *message)
{
  for (guint i = 0; i < G_N_ELEMENTS (system_endings); i++)
    if (g_str_has_suffix (message, system_endings[i]) && strchr (message, '\n') == NULL &&
        strlen (message) < 200)
      return TRUE;
  return strstr (message, " added to the channel by ") != NULL && strchr (message, '\n') == NULL &&
         strlen (message) < 200;
}

static char **
reaction_names (JsonArray *reactions)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; reactions && i < json_array_get_length (reactions) && i < 256; i++)
    {
      JsonNode *node = json_array_get_element (reactions, i);
      const char *name = JSON_NODE_HOLDS_OBJECT (node)
                         ? _pm_json_string (json_node_get_object (node), "emoji_name") : NULL;

      if (name != NULL && *name != '\0' && strlen (name) < 64 && g_hash_table_add (seen,
                                                                                  (gpointer) name))
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

static char **
attachment_paths (JsonArray *attachments)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; attachments && i < json_array_get_length (attachments); i++)
    {
      JsonNode *node = json_array_get_element (attachments, i);
      const char *path = JSON_NODE_HOLDS_OBJECT (node)
                         ? _pm_json_string (json_node_get_object (node), "path") : NULL;

      if (path != NULL && *path != '\0' && n++ < PM_LIMIT_IMPORT_LINKS)
        g_strv_builder_add (builder, path);
    }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

/* A bot's message attachments (props.attachments), as in Slack: pretext, title, text, else the
 * fallback. */
static char *
props_text (JsonObject *post)
{
  JsonArray *attachments = _pm_json_array (_pm_json_object (post, "props"), "attachments");
  GString *out = g_string_new (NULL);

  for (guint i = 0; attachments && i < json_array_get_length (attachments); i++)
    {
      JsonNode *node = json_array_get_element (attachments, i);
      JsonObject *attachment = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *members[] = { "pretext", "title", "text" };
      gboolean any = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (members); j++)
        {
          const char *part = _pm_json_string (attachment, members[j]);

          if (part != NULL && *part != '\0')
            {
              if (out->len > 0)
                g_string_append_c (out, '\n');
              g_string_append (out, part);
              any = TRUE;
            }
        }
      if (!any && _pm_json_string (attachment, "fallback") != NULL)
        {
          if (out->len > 0)
            g_string_append_c (out, '\n');
          g_string_append (out, _pm_json_string (attachment, "fallback"));
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
read_post (PmImport            *self,
           const PmImportFile  *file,
           guint                line,
           JsonObject          *post,
           const char          *channel,
           const char          *thread,
           guint                reply,
           GError             **error)
{
  g_autoptr(PmImportMessage) message = pm_import_message_new ();
  g_autofree char *text = NULL;
  g_autofree char *with_emoji = NULL;
  const char *user = _pm_json_string (post, "user");
  const char *body = _pm_json_string (post, "message");
  const char *type = _pm_json_string (post, "type");
  gint64 create_at, edit_at;

  if (!_pm_json_int (post, "create_at", &create_at) || create_at < 0 ||
      create_at > G_GINT64_CONSTANT (253402300799999))
    return _pm_import_fail (error, PM_ERROR_INVALID, file, line,
                            _("“create_at” is not a time in milliseconds"));
  if (_pm_json_int (post, "delete_at", &edit_at) && edit_at > 0)
    {
      _pm_import_left_out (self, PM_IMPORT_LEFT_OUT_DELETED);
      return TRUE;
    }

  message->line = line;
  message->has_time = TRUE;
  message->unix_seconds = create_at / 1000;
  message->precision = PM_TIME_PRECISION_EXACT;
  g_free (message->author);
  message->author = _pm_import_clean_line (user ? user : "", -1, PM_LIMIT_TITLE_CHARS);
  message->author_id = user ? g_strdup (user) : NULL;
  message->channel = channel ? g_strdup (channel) : NULL;
  message->thread = thread ? g_strdup (thread) : NULL;
  message->pinned = _pm_json_bool (post, "is_pinned");
  message->edited = _pm_json_int (post, "edit_at", &edit_at) && edit_at > 0;
  message->reactions = reaction_names (_pm_json_array (post, "reactions"));
  message->links = attachment_paths (_pm_json_array (post, "attachments"));
  message->system = (type != NULL && g_str_has_prefix (type, "system_")) ||
                    (type == NULL && body != NULL && looks_like_system (body));
  if (reply > 0)
    {
      g_autofree char *where = _pm_import_source_message (file, channel, NULL, line);

      /* Translators: where an imported reply came from: “export.jsonl, #ops, line 17, reply 2” */
      message->source = g_strdup_printf (_("%s, reply %u"), where, reply);
    }
  else
    message->source = _pm_import_source_message (file, channel, NULL, line);

  text = body != NULL && *body != '\0' ? g_strdup (body) : props_text (post);
  with_emoji = _pm_import_replace_emoji (text);
  _pm_import_set_text (self, message, file, with_emoji, -1);
  return _pm_import_add (self, g_steal_pointer (&message), file, error);
}

static gboolean
blank (const char *start,
       gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isspace (start[i]))
      return FALSE;
  return TRUE;
}

static char *
members_name (JsonArray *members)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; members && i < json_array_get_length (members) && i < 16; i++)
    {
      JsonNode *node = json_array_get_element (members, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, json_node_get_string (node));
    }
  return _pm_import_clean_line (out->str, -1, PM_LIMIT_TITLE_CHARS);
}

gboolean
_pm_import_read_mattermost (PmImport            *self,
                            const PmImportFile  *file,
                            GError             **error)
{
  g_autoptr(GHashTable) users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_strfreev);
  g_autoptr(GError) local_error = NULL;
  PmImportLines lines;
  const char *start;
  gsize length;
  guint first = self->messages->len;

  _pm_import_lines_init (&lines, file);
  while (_pm_import_lines_next (&lines, file, &start, &length, &local_error))
    {
      g_autoptr(JsonNode) root = NULL;
      JsonObject *object;
      const char *type;
      JsonObject *post;
      g_autofree char *channel = NULL;
      JsonArray *replies;

      if (blank (start, length))
        continue;
      if (!(root = _pm_import_parse_json (file, start, length, lines.line, error)))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (root) ||
          !(type = _pm_json_string (object = json_node_get_object (root), "type")))
        return _pm_import_fail (error, PM_ERROR_INVALID, file, lines.line,
                                _("each line of a Mattermost export is an object with a "
                                  "“type”"));

      if (g_str_equal (type, "user"))
        {
          JsonObject *user = _pm_json_object (object, "user");
          const char *username = _pm_json_string (user, "username");
          const char *first_name = _pm_json_string (user, "first_name");
          const char *last_name = _pm_json_string (user, "last_name");
          const char *nickname = _pm_json_string (user, "nickname");
          g_autoptr(GStrvBuilder) aliases = g_strv_builder_new ();
          g_autofree char *full = g_strstrip (g_strdup_printf ("%s %s",
                                                               first_name ? first_name : "",
                                                               last_name ? last_name : ""));

          if (username == NULL)
            continue;
          if (*full != '\0')
            g_strv_builder_add (aliases, full);
          if (nickname != NULL && *nickname != '\0')
            g_strv_builder_add (aliases, nickname);
          g_hash_table_replace (users, g_strdup (username), g_strv_builder_end (aliases));
          continue;
        }

      if (g_str_equal (type, "post"))
        {
          post = _pm_json_object (object, "post");
          channel = g_strdup (_pm_json_string (post, "channel"));
        }
      else if (g_str_equal (type, "direct_post"))
        {
          post = _pm_json_object (object, "direct_post");
          channel = members_name (_pm_json_array (post, "channel_members"));
        }
      else
        continue;

      if (post == NULL)
        return _pm_import_fail (error, PM_ERROR_INVALID, file, lines.line,
                                _("the line has no “%s” object"), type);
      if (!read_post (self, file, lines.line, post, channel, NULL, 0, error))
        return FALSE;

      replies = _pm_json_array (post, "replies");
      for (guint i = 0; replies && i < json_array_get_length (replies); i++)
        {
          JsonNode *node = json_array_get_element (replies, i);
          g_autofree char *thread = g_strdup_printf ("%u", lines.line);

          if (!JSON_NODE_HOLDS_OBJECT (node))
            return _pm_import_fail (error, PM_ERROR_INVALID, file, lines.line,
                                    _("reply %u is not an object"), i + 1);
          if (!read_post (self, file, lines.line, json_node_get_object (node), channel, thread,
                          i + 1, error))
            return FALSE;
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Users are listed before their posts, but need not be: their full names are added last. */
  for (guint i = first; i < self->messages->len; i++)
    {
      PmImportMessage *message = self->messages->pdata[i];
      char **aliases;

      if (message->author_id != NULL &&
          (aliases = g_hash_table_lookup (users, message->author_id)) != NULL)
        message->author_aliases = g_strdupv (aliases);
    }
  return TRUE;
}
