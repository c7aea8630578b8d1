/* pm-import-matrix.c — Element's "Export chat" as JSON (Matrix)
 *
 * An object with room_name, room_creator, topic, export_date, exported_by and "messages": the
 * room's events as the client-server API gives them (type, sender, origin_server_ts in
 * milliseconds, event_id, content). Messages are "m.room.message" with a body; reactions are
 * "m.reaction" events annotating another event; edits are "m.room.message" events that replace
 * another ("m.replace"); the pinned messages are the state event "m.room.pinned_events"; a
 * redacted message has an empty content. Everything else is state: joins, names, topics.
 * (https://spec.matrix.org/v1.9/client-server-api/, element-web src/utils/exportUtils/JSONExport.ts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-error.h"
#include "pm-import-private.h"
#include "pm-limits.h"

typedef struct
{
  GHashTable *names;       /* user id → display name */
  GHashTable *pinned;      /* event id */
  GHashTable *reactions;   /* event id → GPtrArray of keys */
  GHashTable *edits;       /* event id → JsonObject (the newest m.new_content) */
  GHashTable *edit_times;  /* event id → gint64 * */
  GHashTable *redacted;    /* event id */
} Room;

static JsonObject *
event_at (JsonArray *events,
          guint      i)
{
  JsonNode *node = json_array_get_element (events, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static const char *
relation (JsonObject  *content,
          const char **target)
{
  JsonObject *relates = _pm_json_object (content, "m.relates_to");

  *target = _pm_json_string (relates, "event_id");
  return _pm_json_string (relates, "rel_type");
}

/* What the other events say about the messages. */
static void
scan_room (Room      *room,
           JsonArray *events)
{
  for (guint i = 0; i < json_array_get_length (events); i++)
    {
      JsonObject *event = event_at (events, i);
      JsonObject *content = _pm_json_object (event, "content");
      const char *type = _pm_json_string (event, "type");
      const char *target = NULL;
      const char *rel_type = relation (content, &target);
      gint64 ts = 0;

      if (type == NULL)
        continue;
      _pm_json_int (event, "origin_server_ts", &ts);

      if (g_str_equal (type, "m.room.member"))
        {
          const char *user = _pm_json_string (event, "state_key");
          const char *name = _pm_json_string (content, "displayname");

          if (user != NULL && name != NULL && *name != '\0')
            g_hash_table_replace (room->names, g_strdup (user),
                                  _pm_import_clean_line (name, -1, PM_LIMIT_TITLE_CHARS));
        }
      else if (g_str_equal (type, "m.room.pinned_events"))
        {
          JsonArray *pinned = _pm_json_array (content, "pinned");

          g_hash_table_remove_all (room->pinned);
          for (guint j = 0; pinned && j < json_array_get_length (pinned); j++)
            {
              JsonNode *node = json_array_get_element (pinned, j);

              if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
                g_hash_table_add (room->pinned, g_strdup (json_node_get_string (node)));
            }
        }
      else if (g_str_equal (type, "m.reaction") && g_strcmp0 (rel_type, "m.annotation") == 0 &&
               target != NULL)
        {
          const char *key = _pm_json_string (_pm_json_object (content, "m.relates_to"), "key");
          GPtrArray *keys = g_hash_table_lookup (room->reactions, target);

          if (key == NULL || *key == '\0' || strlen (key) >= 64)
            continue;
          if (keys == NULL)
            {
              keys = g_ptr_array_new_with_free_func (g_free);
              g_hash_table_insert (room->reactions, g_strdup (target), keys);
            }
          if (keys->len < 64 && !g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
            g_ptr_array_add (keys, g_strdup (key));
        }
      else if (g_str_equal (type, "m.room.message") && g_strcmp0 (rel_type, "m.replace") == 0 &&
               target != NULL && _pm_json_object (content, "m.new_content") != NULL)
        {
          gint64 *before = g_hash_table_lookup (room->edit_times, target);

          if (before != NULL && *before > ts)
            continue;
          g_hash_table_replace (room->edits, g_strdup (target),
                                json_object_ref (_pm_json_object (content, "m.new_content")));
          g_hash_table_replace (room->edit_times, g_strdup (target), g_memdup2 (&ts, sizeof ts));
        }
      else if (g_str_equal (type, "m.room.redaction"))
        {
          const char *redacts = _pm_json_string (event, "redacts");

          if (redacts == NULL)
            redacts = _pm_json_string (content, "redacts");
          if (redacts != NULL)
            g_hash_table_add (room->redacted, g_strdup (redacts));
        }
    }
}

/* A reply's body quotes what it answers ("> <@a:b> text", then an empty line): left out. */
static const char *
without_reply_fallback (const char *body)
{
  const char *p = body;

  if (!g_str_has_prefix (p, "> "))
    return body;
  while (g_str_has_prefix (p, "> ") || g_str_has_prefix (p, ">\n"))
    {
      const char *nl = strchr (p, '\n');

      if (nl == NULL)
        return body;
      p = nl + 1;
    }
  if (*p == '\n')
    p++;
  return *p != '\0' ? p : body;
}

static char *
state_text (Room       *room,
            JsonObject *event,
            const char *type,
            const char *who)
{
  JsonObject *content = _pm_json_object (event, "content");
  const char *state_key = _pm_json_string (event, "state_key");

  if (g_str_equal (type, "m.room.member"))
    {
      const char *membership = _pm_json_string (content, "membership");
      const char *whom = state_key ? g_hash_table_lookup (room->names, state_key) : NULL;

      if (whom == NULL)
        whom = state_key ? state_key : "?";
      if (g_strcmp0 (membership, "join") == 0)
        return g_strdup_printf (_("%s joined the room"), whom);
      if (g_strcmp0 (membership, "leave") == 0 && g_strcmp0 (state_key,
                                                             _pm_json_string (event, "sender")) == 0)
        return g_strdup_printf (_("%s left the room"), whom);
      if (g_strcmp0 (membership, "leave") == 0)
        return g_strdup_printf (_("%s removed %s from the room"), who, whom);
      if (g_strcmp0 (membership, "invite") == 0)
        return g_strdup_printf (_("%s invited %s"), who, whom);
      if (g_strcmp0 (membership, "ban") == 0)
        return g_strdup_printf (_("%s banned %s"), who, whom);
    }
  else if (g_str_equal (type, "m.room.name") && _pm_json_string (content, "name"))
    return g_strdup_printf (_("%s named the room “%s”"), who, _pm_json_string (content, "name"));
  else if (g_str_equal (type, "m.room.topic") && _pm_json_string (content, "topic"))
    return g_strdup_printf (_("%s set the topic to “%s”"), who, _pm_json_string (content, "topic"));
  else if (g_str_equal (type, "m.room.create"))
    return g_strdup_printf (_("%s created the room"), who);

  return g_strdup_printf ("%s: %s", who, type);
}

static gboolean
read_event (PmImport            *self,
            Room                *room,
            const PmImportFile  *file,
            const char          *room_name,
            JsonObject          *event,
            guint                index,
            GError             **error)
{
  g_autoptr(PmImportMessage) message = NULL;
  JsonObject *content = _pm_json_object (event, "content");
  const char *type = _pm_json_string (event, "type");
  const char *sender = _pm_json_string (event, "sender");
  const char *event_id = _pm_json_string (event, "event_id");
  const char *target = NULL;
  const char *rel_type = relation (content, &target);
  const char *who;
  GPtrArray *keys;
  gint64 ts;

  if (type == NULL)
    return _pm_import_fail (error, PM_ERROR_INVALID, file, 0,
                            _("event %u has no “type”"), index + 1);
  /* Reactions, edits and redactions were taken in with the messages they are about. */
  if (g_str_equal (type, "m.reaction") || g_str_equal (type, "m.room.redaction") ||
      (g_str_equal (type, "m.room.message") && g_strcmp0 (rel_type, "m.replace") == 0))
    return TRUE;
  if (!_pm_json_int (event, "origin_server_ts", &ts) || ts < 0 ||
      ts > G_GINT64_CONSTANT (253402300799999))
    return _pm_import_fail (error, PM_ERROR_INVALID, file, 0,
                            _("event %u: “origin_server_ts” is not a time in milliseconds"),
                            index + 1);

  who = sender ? g_hash_table_lookup (room->names, sender) : NULL;
  if (who == NULL)
    who = sender ? sender : "";

  message = pm_import_message_new ();
  message->has_time = TRUE;
  message->unix_seconds = ts / 1000;
  message->precision = PM_TIME_PRECISION_EXACT;
  g_free (message->author);
  message->author = _pm_import_clean_line (who, -1, PM_LIMIT_TITLE_CHARS);
  message->author_id = g_strdup (sender);
  message->channel = g_strdup (room_name);
  message->id = g_strdup (event_id);
  message->source = _pm_import_source_message (file, room_name, event_id ? event_id : "?", 0);

  if (g_str_equal (type, "m.room.message"))
    {
      JsonObject *edit = event_id ? g_hash_table_lookup (room->edits, event_id) : NULL;
      const char *body = _pm_json_string (edit ? edit : content, "body");
      const char *msgtype = _pm_json_string (edit ? edit : content, "msgtype");
      const char *url = _pm_json_string (content, "url");

      if ((event_id && g_hash_table_contains (room->redacted, event_id)) ||
          _pm_json_object (_pm_json_object (event, "unsigned"), "redacted_because") != NULL)
        {
          _pm_import_left_out (self, PM_IMPORT_LEFT_OUT_DELETED);
          return TRUE;
        }
      if (body == NULL)
        body = "";
      if (_pm_json_object (_pm_json_object (content, "m.relates_to"), "m.in_reply_to") != NULL)
        body = without_reply_fallback (body);
      if (g_strcmp0 (rel_type, "m.thread") == 0)
        message->thread = g_strdup (target);
      message->edited = edit != NULL;
      if (url != NULL && g_str_has_prefix (url, "mxc://"))
        {
          const char *links[] = { url, NULL };

          message->links = g_strdupv ((char **) links);
        }
      if (g_strcmp0 (msgtype, "m.emote") == 0)
        {
          g_autofree char *emote = g_strdup_printf ("* %s %s", who, body);

          _pm_import_set_text (self, message, file, emote, -1);
        }
      else
        _pm_import_set_text (self, message, file, body, -1);
    }
  else if (g_str_equal (type, "m.room.encrypted"))
    {
      _pm_import_left_out (self, PM_IMPORT_LEFT_OUT_EMPTY);
      return TRUE;
    }
  else
    {
      g_autofree char *text = state_text (room, event, type, who);

      message->system = TRUE;
      _pm_import_set_text (self, message, file, text, -1);
    }

  if (event_id != NULL)
    {
      message->pinned = g_hash_table_contains (room->pinned, event_id);
      if ((keys = g_hash_table_lookup (room->reactions, event_id)) != NULL)
        {
          g_ptr_array_add (keys, NULL);
          message->reactions = g_strdupv ((char **) keys->pdata);
          g_ptr_array_remove_index (keys, keys->len - 1);
        }
    }
  return _pm_import_add (self, g_steal_pointer (&message), file, error);
}

gboolean
_pm_import_read_matrix (PmImport            *self,
                        const PmImportFile  *file,
                        GError             **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *room_name = NULL;
  JsonObject *object;
  JsonArray *events;
  Room room;
  gboolean ok = TRUE;

  if (!(root = _pm_import_parse_json (file, file->data, file->length, 1, error)))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !(events = _pm_json_array (object = json_node_get_object (root), "messages")))
    return _pm_import_fail (error, PM_ERROR_INVALID, file, 0,
                            _("not an Element chat export: it has no “messages” list"));

  room_name = _pm_import_clean_line (_pm_json_string (object, "room_name") ?
                                     _pm_json_string (object, "room_name") : "", -1,
                                     PM_LIMIT_TITLE_CHARS);
  room.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  room.pinned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  room.reactions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  room.edits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) json_object_unref);
  room.edit_times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  room.redacted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  scan_room (&room, events);
  for (guint i = 0; ok && i < json_array_get_length (events); i++)
    {
      JsonObject *event = event_at (events, i);

      if (event == NULL)
        ok = _pm_import_fail (error, PM_ERROR_INVALID, file, 0,
                              _("event %u is not an object ({…})"), i + 1);
      else
        ok = read_event (self, &room, file, *room_name ? room_name : NULL, event, i, error);
    }

  g_hash_table_unref (room.names);
  g_hash_table_unref (room.pinned);
  g_hash_table_unref (room.reactions);
  g_hash_table_unref (room.edits);
  g_hash_table_unref (room.edit_times);
  g_hash_table_unref (room.redacted);
  return ok;
}
