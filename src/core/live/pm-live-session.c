/* pm-live-session.c — the live session's protocol (see pm-live-session.h)
 *
 * Every message is read by the strict JSON reader of the file format, and every event a
 * participant sends is checked by the file format's own event reader: a participant is
 * someone else's file, one message at a time. What changes in the document reaches the
 * participants within 50 ms, batched, in timeline order.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <sys/random.h>

#include "pm-dismissal.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-json.h"
#include "pm-limits.h"
#include "pm-live-person.h"
#include "pm-live-session.h"
#include "pm-merge.h"
#include "pm-parking-topic.h"
#include "pm-root-cause.h"
#include "pm-vocabulary.h"

#include "pm-live-session-private.h"

G_DEFINE_FINAL_TYPE (PmLiveSession, pm_live_session, G_TYPE_OBJECT)

/* ------------------------------------------------------------------------------------------ */
/* Sending                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
send_node (PmLiveClient *client,
           JsonNode     *node)
{
  g_autofree char *text = NULL;

  if (client->closing)
    return;
  /* Compact: only strings, integers and booleans, which json-glib writes faithfully. */
  text = json_to_string (node, FALSE);
  client->send (client, text, strlen (text), client->user_data);
}

static void
send_object (PmLiveClient *client,
             JsonObject   *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  send_node (client, node);
}

static void
send_error (PmLiveClient *client,
            const char   *code,
            const char   *message)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "type", "error");
  json_object_set_string_member (object, "code", code);
  json_object_set_string_member (object, "message", message);
  send_object (client, object);
}

static void
close_client (PmLiveClient *client,
              const char   *reason)
{
  if (client->closing)
    return;
  if (reason != NULL)
    {
      g_autoptr(JsonObject) object = json_object_new ();

      json_object_set_string_member (object, "type", "bye");
      json_object_set_string_member (object, "reason", reason);
      send_object (client, object);
    }
  client->closing = TRUE;
  client->close (client, client->user_data);
}

/* ------------------------------------------------------------------------------------------ */
/* Events as participants see them                                                            */
/* ------------------------------------------------------------------------------------------ */

static const char *
contributor_name (PmLiveSession *self,
                  PmEvent       *event)
{
  PmParticipant *participant = pm_document_find_participant (self->document,
                                                             pm_event_get_contributor (event));

  return participant ? pm_participant_get_name (participant) : NULL;
}

char *
pm_live_format_local_time (const PmTime *time,
                           GTimeZone    *zone)
{
  g_autoptr(GDateTime) local = time ? pm_time_to_date_time (time, zone) : NULL;

  if (local == NULL)
    return NULL;
  switch (pm_time_get_precision (time))
    {
    case PM_TIME_PRECISION_DAY:
      return g_date_time_format (local, "%Y-%m-%d");
    case PM_TIME_PRECISION_HOUR:
      return g_date_time_format (local, "%Y-%m-%d %H:00");
    case PM_TIME_PRECISION_MINUTE:
      return g_date_time_format (local, "%Y-%m-%d %H:%M");
    case PM_TIME_PRECISION_EXACT:
    default:
      return g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
    }
}

void
_pm_live_set_text (JsonObject *object,
                   const char *member,
                   const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (object, member, value);
}

/* Whether @participant may change @event themselves (else they propose): an event they added
 * in this session, still attributed to them, that the moderator has not changed since. Events
 * the file already attributed to them are not: anyone with the link can pick a name, and what
 * the moderator's file holds is changed only by the moderator's decision. */
gboolean
_pm_live_is_own (PmLiveSession *self,
                 Participant   *participant,
                 PmEvent       *event)
{
  return participant != NULL &&
         g_hash_table_contains (participant->own, pm_event_get_id (event)) &&
         g_strcmp0 (pm_event_get_contributor (event), participant->id) == 0 &&
         !g_hash_table_contains (self->changed_here, pm_event_get_id (event));
}

/* EVENT of the protocol, without "mine" (which depends on who receives it). */
static JsonObject *
event_message (PmLiveSession *self,
               PmEvent       *event,
               const char    *after)
{
  JsonObject *object = json_object_new ();
  const PmTime *time = pm_event_get_time (event);

  json_object_set_string_member (object, "id", pm_event_get_id (event));
  if (time != NULL)
    {
      g_autofree char *local = pm_live_format_local_time (time, self->zone);
      g_autofree char *iso = pm_time_to_iso8601 (time);

      json_object_set_string_member (object, "local", local);
      json_object_set_string_member (object, "time", iso);
      json_object_set_string_member (object, "precision",
                                     pm_time_precision_to_string (pm_time_get_precision (time)));
    }
  else
    json_object_set_string_member (object, "precision", "unknown");
  _pm_live_set_text (object, "text", pm_event_get_text (event));
  _pm_live_set_text (object, "actor", pm_event_get_actor (event));
  _pm_live_set_text (object, "lane", pm_event_get_lane (event));
  _pm_live_set_text (object, "kind", pm_event_get_kind (event));
  if (pm_event_get_contributed (event))
    json_object_set_boolean_member (object, "contributed", TRUE);
  if (pm_event_get_slowed_response (event))
    json_object_set_boolean_member (object, "slowed_response", TRUE);
  _pm_live_set_text (object, "contributor", contributor_name (self, event));
  if (after != NULL)
    json_object_set_string_member (object, "after", after);
  else
    json_object_set_null_member (object, "after");
  return object;
}

/* Sends "events" with @messages (EVENT without "mine") about @events (PmEvent) to @client. */
static void
send_events (PmLiveSession *self,
             PmLiveClient  *client,
             GPtrArray     *messages,
             GPtrArray     *events)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (messages, i);

      if (_pm_live_is_own (self, client->participant, g_ptr_array_index (events, i)))
        json_object_set_boolean_member (message, "mine", TRUE);
      else if (json_object_has_member (message, "mine"))
        json_object_remove_member (message, "mine");
      json_array_add_object_element (array, json_object_ref (message));
    }
  json_object_set_string_member (object, "type", "events");
  json_object_set_array_member (object, "events", array);
  send_object (client, object);
}

static JsonArray *
people_array (PmLiveSession *self)
{
  JsonArray *array = json_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->people));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmLivePerson) person = g_list_model_get_item (G_LIST_MODEL (self->people), i);
      JsonObject *object;

      if (pm_live_person_get_removed (person))
        continue;
      object = json_object_new ();
      json_object_set_string_member (object, "id", pm_live_person_get_participant_id (person));
      json_object_set_string_member (object, "name", pm_live_person_get_name (person));
      json_object_set_boolean_member (object, "online", pm_live_person_get_connections (person) > 0);
      json_array_add_object_element (array, object);
    }
  return array;
}

/* ------------------------------------------------------------------------------------------ */
/* Watching the document                                                                       */
/* ------------------------------------------------------------------------------------------ */

static gboolean flush_cb (gpointer user_data);

static void
schedule_flush (PmLiveSession *self)
{
  if (self->flush_source == 0 && !self->stopped)
    self->flush_source = g_timeout_add (FLUSH_DELAY_MS, flush_cb, self);
}

static void
on_event_notify (PmEvent       *event,
                 GParamSpec    *pspec,
                 PmLiveSession *self)
{
  if (self->applying == 0)
    g_hash_table_add (self->changed_here, g_strdup (pm_event_get_id (event)));
  g_hash_table_add (self->dirty, g_object_ref (event));
  schedule_flush (self);
}

static void
watch_event (PmLiveSession *self,
             PmEvent       *event)
{
  gulong handler;

  if (g_hash_table_contains (self->watched, event))
    return;
  handler = g_signal_connect (event, "notify", G_CALLBACK (on_event_notify), self);
  g_hash_table_insert (self->watched, g_object_ref (event), GSIZE_TO_POINTER (handler));
}

static void
on_events_changed (GListModel    *events,
                   guint          position,
                   guint          removed,
                   guint          added,
                   PmLiveSession *self)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      watch_event (self, event);
      g_hash_table_add (self->dirty, g_object_ref (event));
    }
  if (removed > 0)
    self->check_removed = TRUE;
  schedule_flush (self);
}

static void
unwatch (gpointer key,
         gpointer value,
         gpointer user_data)
{
  g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
}

/* ------------------------------------------------------------------------------------------ */
/* Flushing changes to the participants                                                        */
/* ------------------------------------------------------------------------------------------ */

static void
broadcast_object (PmLiveSession *self,
                  JsonObject    *object)
{
  for (guint i = 0; i < self->clients->len; i++)
    {
      PmLiveClient *client = g_ptr_array_index (self->clients, i);

      if (client->participant != NULL)
        send_object (client, object);
    }
}

static void
broadcast_people (PmLiveSession *self)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, "type", "people");
  json_object_set_array_member (object, "people", people_array (self));
  broadcast_object (self, object);
}

void
pm_live_session_flush (PmLiveSession *self)
{
  GListModel *events;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) changed = g_ptr_array_new ();
  g_autoptr(JsonArray) removed = json_array_new ();
  g_autoptr(GHashTable) present = NULL;
  const char *after = NULL;
  guint n;

  g_return_if_fail (PM_IS_LIVE_SESSION (self));

  g_clear_handle_id (&self->flush_source, g_source_remove);
  events = pm_document_get_events (self->document);
  n = g_list_model_get_n_items (events);

  if (self->check_removed)
    present = g_hash_table_new (NULL, NULL);

  /* One pass in timeline order: each changed event goes after the shared one before it. */
  for (guint i = 0; i < n; i++)
    {
      PmEvent *event = g_list_model_get_item (events, i);
      const char *id = pm_event_get_id (event);

      g_object_unref (event); /* the store keeps it */
      if (present != NULL)
        g_hash_table_add (present, event);
      if (g_hash_table_contains (self->dirty, event))
        {
          if (pm_event_get_confidential (event))
            {
              if (g_hash_table_remove (self->shared, id))
                json_array_add_string_element (removed, id);
              continue;
            }
          g_hash_table_add (self->shared, g_strdup (id));
          g_ptr_array_add (messages, event_message (self, event, after));
          g_ptr_array_add (changed, event);
        }
      if (!pm_event_get_confidential (event))
        after = id;
    }

  if (present != NULL)
    {
      GHashTableIter iter;
      gpointer event, handler;

      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &event, &handler))
        {
          if (g_hash_table_contains (present, event))
            continue;
          if (g_hash_table_remove (self->shared, pm_event_get_id (event)))
            json_array_add_string_element (removed, pm_event_get_id (event));
          g_signal_handler_disconnect (event, GPOINTER_TO_SIZE (handler));
          g_hash_table_remove (self->dirty, event);
          g_hash_table_iter_remove (&iter);
        }
      self->check_removed = FALSE;
    }
  g_hash_table_remove_all (self->dirty);

  for (guint c = 0; c < self->clients->len; c++)
    {
      PmLiveClient *client = g_ptr_array_index (self->clients, c);

      if (client->participant == NULL)
        continue;
      if (json_array_get_length (removed) > 0)
        {
          g_autoptr(JsonObject) object = json_object_new ();

          json_object_set_string_member (object, "type", "removed");
          json_object_set_array_member (object, "ids", json_array_ref (removed));
          send_object (client, object);
        }
      if (messages->len > 0)
        send_events (self, client, messages, changed);
    }

  if (self->people_dirty)
    {
      self->people_dirty = FALSE;
      broadcast_people (self);
    }
}

static gboolean
flush_cb (gpointer user_data)
{
  PmLiveSession *self = user_data;

  self->flush_source = 0;
  pm_live_session_flush (self);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------------------------ */
/* Participants                                                                                */
/* ------------------------------------------------------------------------------------------ */

static void
participant_free (Participant *participant)
{
  g_free (participant->id);
  g_clear_object (&participant->person);
  g_hash_table_unref (participant->answers);
  g_hash_table_unref (participant->added);
  g_hash_table_unref (participant->own);
  g_queue_clear_full (&participant->op_order, g_free);
  g_free (participant);
}

static void
update_connections (PmLiveSession *self,
                    Participant   *participant)
{
  guint connections = 0;

  for (guint i = 0; i < self->clients->len; i++)
    {
      PmLiveClient *client = g_ptr_array_index (self->clients, i);

      if (client->participant == participant && !client->closing)
        connections++;
    }
  _pm_live_person_set_connections (participant->person, connections);
  self->people_dirty = TRUE;
  schedule_flush (self);
}

char *
pm_live_new_secret (void)
{
  guint8 bytes[TOKEN_BYTES];
  gsize got = 0;
  char *text, *end;

  /* GLib's GRand is not meant for secrets; the kernel's generator is. */
  while (got < sizeof bytes)
    {
      gssize n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n < 0 && errno != EINTR)
        g_error ("no random bytes for a live session secret: %s", g_strerror (errno));
      if (n > 0)
        got += n;
    }
  text = g_base64_encode (bytes, sizeof bytes);
  /* base64url without padding: safe in a URL path */
  g_strdelimit (text, "+", '-');
  g_strdelimit (text, "/", '_');
  if ((end = strchr (text, '=')) != NULL)
    *end = '\0';
  for (volatile guint8 *p = bytes; p < bytes + sizeof bytes; p++)
    *p = 0;
  return text;
}

static Participant *
add_participant (PmLiveSession *self,
                 const char    *id,
                 const char    *name)
{
  Participant *participant = g_new0 (Participant, 1);

  participant->id = g_strdup (id);
  participant->person = pm_live_person_new (id, name);
  participant->answers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  participant->added = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  participant->own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&participant->op_order);
  g_hash_table_insert (self->participants, participant->id, participant);
  g_list_store_append (self->people, participant->person);
  return participant;
}

/* ------------------------------------------------------------------------------------------ */
/* Joining                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
send_lobby (PmLiveSession *self,
            PmLiveClient  *client)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *participants = json_array_new ();
  GListModel *list = pm_document_get_participants (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (list, i);
      Participant *known = g_hash_table_lookup (self->participants, pm_participant_get_id (participant));
      JsonObject *item;

      if (pm_participant_get_moderator (participant) || (known != NULL && known->removed) ||
          *pm_participant_get_name (participant) == '\0')
        continue;
      item = json_object_new ();
      json_object_set_string_member (item, "id", pm_participant_get_id (participant));
      json_object_set_string_member (item, "name", pm_participant_get_name (participant));
      json_array_add_object_element (participants, item);
    }
  json_object_set_string_member (object, "type", "lobby");
  json_object_set_int_member (object, "protocol", PM_LIVE_PROTOCOL_VERSION);
  json_object_set_string_member (object, "title", pm_document_get_title (self->document));
  json_object_set_array_member (object, "participants", participants);
  send_object (client, object);
}

static void
send_welcome (PmLiveSession *self,
              PmLiveClient  *client,
              const char    *token)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new ();
  g_autoptr(GHashTable) lanes = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now (self->zone);
  g_autoptr(GDateTime) start = NULL;
  GListModel *list = pm_document_get_events (self->document);
  JsonArray *lane_array = json_array_new ();
  JsonArray *kinds = json_array_new ();
  JsonArray *event_array = json_array_new ();
  const char * const *kind_values = pm_vocabulary_get_values (PM_VOCABULARY_EVENT_KIND);
  const char *after = NULL;
  JsonObject *you = json_object_new ();
  g_autofree char *offset = NULL;

  json_object_set_string_member (object, "type", "welcome");
  json_object_set_string_member (object, "token", token);
  json_object_set_string_member (you, "id", client->participant->id);
  json_object_set_string_member (you, "name", pm_live_person_get_name (client->participant->person));
  json_object_set_object_member (object, "you", you);
  json_object_set_string_member (object, "title", pm_document_get_title (self->document));
  json_object_set_string_member (object, "zone", pm_document_get_timezone (self->document));
  if (pm_document_get_start (self->document) != NULL &&
      (start = pm_time_to_date_time (pm_document_get_start (self->document), self->zone)) != NULL)
    {
      g_autofree char *date = g_date_time_format (start, "%Y-%m-%d");

      json_object_set_string_member (object, "incident_date", date);
    }
  /* The offset when the incident began (summer time or not), which is what times are typed
   * in; today's only without a start. */
  offset = g_date_time_format (start ? start : now, "%:z");
  json_object_set_string_member (object, "zone_offset", offset);
  for (guint i = 0; kind_values[i] != NULL; i++)
    json_array_add_string_element (kinds, kind_values[i]);
  json_object_set_array_member (object, "kinds", kinds);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      PmEvent *event = g_list_model_get_item (list, i);

      g_object_unref (event); /* the store keeps it */
      if (pm_event_get_confidential (event))
        continue;
      g_ptr_array_add (messages, event_message (self, event, after));
      g_ptr_array_add (events, event);
      after = pm_event_get_id (event);
      for (guint k = 0; k < 2; k++)
        {
          const char *lane = k == 0 ? pm_event_get_lane (event) : pm_event_get_actor (event);

          if (lane != NULL && *lane != '\0' && g_hash_table_add (lanes, (gpointer) lane))
            json_array_add_string_element (lane_array, lane);
        }
    }
  json_object_set_array_member (object, "lanes", lane_array);

  for (guint i = 0; i < messages->len; i++)
    {
      JsonObject *message = g_ptr_array_index (messages, i);

      if (_pm_live_is_own (self, client->participant, g_ptr_array_index (events, i)))
        json_object_set_boolean_member (message, "mine", TRUE);
      json_array_add_object_element (event_array, json_object_ref (message));
    }
  json_object_set_array_member (object, "events", event_array);
  json_object_set_array_member (object, "people", people_array (self));

  /* The answers to their latest changes: a page whose answer was lost with the connection
   * learns here what was applied, before it sends again what it still holds. */
  {
    JsonArray *answers = json_array_new ();
    GList *link = client->participant->op_order.tail;

    for (guint i = 0; link != NULL && i < WELCOME_ANSWERS; link = link->prev, i++)
      {
        const char *text = g_hash_table_lookup (client->participant->answers, link->data);
        JsonNode *node = text ? json_from_string (text, NULL) : NULL;

        if (node != NULL)
          json_array_add_element (answers, node);
      }
    json_object_set_array_member (object, "answers", answers);
  }
  send_object (client, object);
}

static gboolean
is_clean_name (const char *name)
{
  glong length = g_utf8_strlen (name, -1);

  if (length == 0 || length > MAX_NAME_CHARS)
    return FALSE;
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || g_unichar_type (c) == G_UNICODE_LINE_SEPARATOR ||
          g_unichar_type (c) == G_UNICODE_PARAGRAPH_SEPARATOR ||
          g_unichar_type (c) == G_UNICODE_FORMAT)
        return FALSE;
    }
  return TRUE;
}

static PmParticipant *
find_participant_by_name (PmLiveSession *self,
                          const char    *name)
{
  GListModel *list = pm_document_get_participants (self->document);
  g_autofree char *wanted = g_utf8_casefold (name, -1);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (list, i);
      g_autofree char *known = g_utf8_casefold (pm_participant_get_name (participant), -1);

      if (g_str_equal (wanted, known))
        return participant;
    }
  return NULL;
}

static void
handle_hello (PmLiveSession *self,
              PmLiveClient  *client,
              JsonObject    *message)
{
  g_auto(Refusal) refusal = { 0 };
  const char *token, *participant_id, *raw_name;
  g_autofree char *name = NULL;
  g_autofree char *new_token_text = NULL;
  PmParticipant *in_document = NULL;
  Participant *participant;
  guint open = 0;

  if (!_pm_live_get_string (message, "token", "token", &token, &refusal) ||
      !_pm_live_get_string (message, "participant", "participant", &participant_id, &refusal) ||
      !_pm_live_get_string (message, "name", "name", &raw_name, &refusal))
    {
      send_error (client, "protocol", refusal.message);
      return;
    }

  if (token != NULL)
    {
      participant = g_hash_table_lookup (self->tokens, token);
      if (participant == NULL)
        {
          send_error (client, "unknown-token", "this token is not (or no longer) valid here");
          return;
        }
      if (participant->removed)
        {
          send_error (client, "removed", "the moderator ended your part in this session");
          close_client (client, "removed");
          return;
        }
    }
  else
    {
      if (participant_id != NULL)
        in_document = pm_document_find_participant (self->document, participant_id);
      else if (raw_name != NULL)
        {
          name = g_strstrip (g_strdup (raw_name));
          if (!is_clean_name (name))
            {
              send_error (client, "invalid", "a name is one line of 1 to 80 characters");
              return;
            }
          in_document = find_participant_by_name (self, name);
        }
      else
        {
          send_error (client, "protocol", "hello needs a token, a participant or a name");
          return;
        }

      if (participant_id != NULL && in_document == NULL)
        {
          send_error (client, "invalid", "there is no such participant");
          return;
        }
      if (in_document != NULL && pm_participant_get_moderator (in_document))
        {
          send_error (client, "name-taken", "that is the moderator: choose another name");
          return;
        }
      participant = in_document ? g_hash_table_lookup (self->participants,
                                                       pm_participant_get_id (in_document))
                                : NULL;
      if (participant != NULL && participant->removed)
        {
          send_error (client, "removed", "the moderator ended this participant's part in this session");
          close_client (client, "removed");
          return;
        }
      if (participant == NULL)
        {
          if (g_hash_table_size (self->participants) >= PM_LIVE_MAX_PARTICIPANTS)
            {
              send_error (client, "limit", "this session has as many participants as it takes");
              return;
            }
          if (in_document == NULL)
            {
              g_autoptr(PmParticipant) added = NULL;
              g_autofree char *id = NULL;

              if (g_list_model_get_n_items (pm_document_get_participants (self->document)) >=
                  PM_LIMIT_PARTICIPANTS)
                {
                  send_error (client, "limit", "the document holds as many participants as it can");
                  return;
                }
              id = pm_document_generate_id (self->document, "p");
              added = pm_participant_new (id);
              pm_participant_set_name (added, name);
              pm_participant_set_attended (added, TRUE);
              participant = add_participant (self, id, name);
              /* Someone else's change, but no contribution of theirs. */
              self->applying++;
              pm_document_begin_foreign_change (self->document, name);
              pm_document_append (self->document, pm_document_get_participants (self->document),
                                  added);
              pm_document_end_foreign_change (self->document);
              self->applying--;
            }
          else
            participant = add_participant (self, pm_participant_get_id (in_document),
                                           pm_participant_get_name (in_document));
        }
    }

  for (guint i = 0; i < self->clients->len; i++)
    {
      PmLiveClient *other = g_ptr_array_index (self->clients, i);

      if (other->participant == participant && !other->closing)
        open++;
    }
  if (open >= PM_LIVE_MAX_CONNECTIONS_EACH)
    {
      send_error (client, "limit", "you are connected from too many places at once");
      close_client (client, NULL);
      return;
    }

  if (token == NULL)
    {
      new_token_text = pm_live_new_secret ();
      g_hash_table_insert (self->tokens, g_strdup (new_token_text), participant);
      token = new_token_text;
    }
  client->participant = participant;
  send_welcome (self, client, token);
  update_connections (self, participant);
}

/* ------------------------------------------------------------------------------------------ */
/* Receiving                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* A bucket of PM_LIVE_RATE_BURST messages refilled at PM_LIVE_RATE_PER_SECOND. */
static gboolean
take_token (PmLiveClient *client)
{
  gint64 now = g_get_monotonic_time ();

  client->tokens = MIN (PM_LIVE_RATE_BURST,
                        client->tokens + (now - client->refilled_at) / (double) G_USEC_PER_SEC *
                                         PM_LIVE_RATE_PER_SECOND);
  client->refilled_at = now;
  if (client->tokens < 1)
    return FALSE;
  client->tokens -= 1;
  return TRUE;
}

void
pm_live_session_receive (PmLiveSession *self,
                         PmLiveClient  *client,
                         const char    *data,
                         gsize          length)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  PmJsonLimits limits;
  JsonObject *message;
  const char *type, *op;
  g_auto(Refusal) refusal = { 0 };
  const char *answered;

  g_return_if_fail (PM_IS_LIVE_SESSION (self));
  g_return_if_fail (client != NULL && client->session == self);

  if (client->closing || self->stopped)
    return;

  if (length > PM_LIVE_MESSAGE_BYTES)
    {
      send_error (client, "too-large", "a message may hold at most 96 KiB");
      return;
    }

  if (!take_token (client))
    {
      /* Say it once a second; a client that goes on regardless is cut off. */
      if (client->tokens < -PM_LIVE_RATE_BURST)
        {
          send_error (client, "rate", "far too many messages: disconnected");
          close_client (client, NULL);
          return;
        }
      client->tokens -= 1;
      if (g_get_monotonic_time () - client->rate_told_at > G_USEC_PER_SEC)
        {
          client->rate_told_at = g_get_monotonic_time ();
          send_error (client, "rate", "too many messages: wait a moment and send again");
        }
      return;
    }

  pm_json_limits_init_default (&limits);
  limits.max_depth = 8;
  root = pm_json_parse (data, length, &limits, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      send_error (client, "protocol", error ? error->message : "a message is a JSON object");
      return;
    }
  message = json_node_get_object (root);
  if (!_pm_live_get_string (message, "type", "type", &type, &refusal) || type == NULL)
    {
      send_error (client, "protocol", "a message needs a \"type\"");
      return;
    }

  if (g_str_equal (type, "ping"))
    {
      g_autoptr(JsonObject) pong = json_object_new ();

      json_object_set_string_member (pong, "type", "pong");
      send_object (client, pong);
      return;
    }
  if (g_str_equal (type, "hello"))
    {
      if (client->participant != NULL)
        send_error (client, "protocol", "hello was already said");
      else
        handle_hello (self, client, message);
      return;
    }
  if (client->participant == NULL)
    {
      send_error (client, "protocol", "say hello first");
      return;
    }
  if (client->participant->removed)
    {
      close_client (client, "removed");
      return;
    }

  if (!_pm_live_get_string (message, "op", "op", &op, &refusal) || !_pm_live_is_op (op))
    {
      send_error (client, "protocol", "a change needs an \"op\" of 1 to 64 letters, digits, _ or -");
      return;
    }
  answered = g_hash_table_lookup (client->participant->answers, op);
  if (answered != NULL)
    {
      client->send (client, answered, strlen (answered), client->user_data);
      return;
    }

  if (g_str_equal (type, "add"))
    _pm_live_handle_add (self, client, op, message);
  else if (g_str_equal (type, "edit"))
    _pm_live_handle_edit (self, client, op, message);
  else if (g_str_equal (type, "delete"))
    _pm_live_handle_delete (self, client, op, message);
  else if (g_str_equal (type, "topic"))
    _pm_live_handle_topic (self, client, op, message);
  else
    send_error (client, "protocol", "unknown type of message");
}

/* ------------------------------------------------------------------------------------------ */
/* GObject and connections                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
client_free (PmLiveClient *client)
{
  g_clear_handle_id (&client->hello_timeout, g_source_remove);
  g_free (client);
}

static gboolean
hello_timeout_cb (gpointer user_data)
{
  PmLiveClient *client = user_data;

  client->hello_timeout = 0;
  if (client->participant == NULL)
    {
      send_error (client, "protocol", "no hello: the connection is closed");
      close_client (client, NULL);
    }
  return G_SOURCE_REMOVE;
}

static void
pm_live_session_dispose (GObject *object)
{
  PmLiveSession *self = (PmLiveSession *) object;

  g_clear_handle_id (&self->flush_source, g_source_remove);
  if (self->watched != NULL)
    {
      g_hash_table_foreach (self->watched, unwatch, NULL);
      g_hash_table_remove_all (self->watched);
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (pm_document_get_events (self->document), self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pm_live_session_parent_class)->dispose (object);
}

static void
pm_live_session_finalize (GObject *object)
{
  PmLiveSession *self = (PmLiveSession *) object;

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_object (&self->people);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->participants, g_hash_table_unref);
  g_clear_pointer (&self->clients, g_ptr_array_unref);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->shared, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->changed_here, g_hash_table_unref);

  G_OBJECT_CLASS (pm_live_session_parent_class)->finalize (object);
}

static void
pm_live_session_class_init (PmLiveSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pm_live_session_dispose;
  object_class->finalize = pm_live_session_finalize;
}

static void
pm_live_session_init (PmLiveSession *self)
{
  self->people = g_list_store_new (PM_TYPE_LIVE_PERSON);
  self->participants = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) participant_free);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->clients = g_ptr_array_new_with_free_func ((GDestroyNotify) client_free);
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->changed_here = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

PmLiveSession *
pm_live_session_new (PmDocument *document)
{
  PmLiveSession *self;
  GListModel *events;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  self = g_object_new (PM_TYPE_LIVE_SESSION, NULL);
  self->document = g_object_ref (document);
  self->zone = pm_document_dup_time_zone (document);
  events = pm_document_get_events (document);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      watch_event (self, event);
      if (!pm_event_get_confidential (event))
        g_hash_table_add (self->shared, g_strdup (pm_event_get_id (event)));
    }
  g_signal_connect (events, "items-changed", G_CALLBACK (on_events_changed), self);
  return self;
}

PmDocument *
pm_live_session_get_document (PmLiveSession *self)
{
  g_return_val_if_fail (PM_IS_LIVE_SESSION (self), NULL);
  return self->document;
}

GListModel *
pm_live_session_get_people (PmLiveSession *self)
{
  g_return_val_if_fail (PM_IS_LIVE_SESSION (self), NULL);
  return G_LIST_MODEL (self->people);
}

PmLiveClient *
pm_live_session_connect (PmLiveSession   *self,
                         PmLiveSendFunc   send,
                         PmLiveCloseFunc  close,
                         gpointer         user_data)
{
  PmLiveClient *client;

  g_return_val_if_fail (PM_IS_LIVE_SESSION (self), NULL);
  g_return_val_if_fail (send != NULL && close != NULL, NULL);

  client = g_new0 (PmLiveClient, 1);
  client->session = self;
  client->send = send;
  client->close = close;
  client->user_data = user_data;
  client->tokens = PM_LIVE_RATE_BURST;
  client->refilled_at = g_get_monotonic_time ();
  g_ptr_array_add (self->clients, client);

  if (self->stopped)
    {
      close_client (client, "stopped");
      return client;
    }
  if (self->clients->len > PM_LIVE_MAX_CONNECTIONS)
    {
      send_error (client, "limit", "this session has as many connections as it takes");
      close_client (client, NULL);
      return client;
    }
  send_lobby (self, client);
  client->hello_timeout = g_timeout_add_seconds (HELLO_TIMEOUT_S, hello_timeout_cb, client);
  return client;
}

void
pm_live_session_disconnect (PmLiveSession *self,
                            PmLiveClient  *client)
{
  Participant *participant;

  g_return_if_fail (PM_IS_LIVE_SESSION (self));
  g_return_if_fail (client != NULL && client->session == self);

  participant = client->participant;
  client->closing = TRUE;
  g_ptr_array_remove (self->clients, client);
  if (participant != NULL)
    update_connections (self, participant);
}

/* The connections now, without owning them (g_ptr_array_copy() would take the free function). */
static GPtrArray *
borrow_clients (PmLiveSession *self)
{
  GPtrArray *clients = g_ptr_array_sized_new (self->clients->len);

  for (guint i = 0; i < self->clients->len; i++)
    g_ptr_array_add (clients, g_ptr_array_index (self->clients, i));
  return clients;
}

const char *
pm_live_client_get_participant (PmLiveClient *client)
{
  g_return_val_if_fail (client != NULL, NULL);
  return client->participant ? client->participant->id : NULL;
}

void
pm_live_session_remove_participant (PmLiveSession *self,
                                    const char    *participant_id)
{
  Participant *participant;
  GHashTableIter iter;
  gpointer token, owner;

  g_return_if_fail (PM_IS_LIVE_SESSION (self));

  participant = g_hash_table_lookup (self->participants, participant_id);
  if (participant == NULL || participant->removed)
    return;
  participant->removed = TRUE;
  _pm_live_person_set_removed (participant->person);

  g_hash_table_iter_init (&iter, self->tokens);
  while (g_hash_table_iter_next (&iter, &token, &owner))
    if (owner == participant)
      g_hash_table_iter_remove (&iter);

  /* Closing may free clients: walk a copy. */
  {
    g_autoptr(GPtrArray) clients = borrow_clients (self);

    for (guint i = 0; i < clients->len; i++)
      {
        PmLiveClient *client = g_ptr_array_index (clients, i);

        if (client->participant == participant)
          close_client (client, "removed");
      }
  }
  update_connections (self, participant);
}

void
pm_live_session_stop (PmLiveSession *self)
{
  g_autoptr(GPtrArray) clients = NULL;

  g_return_if_fail (PM_IS_LIVE_SESSION (self));

  if (self->stopped)
    return;
  self->stopped = TRUE;
  g_clear_handle_id (&self->flush_source, g_source_remove);
  clients = borrow_clients (self);
  for (guint i = 0; i < clients->len; i++)
    close_client (g_ptr_array_index (clients, i), "stopped");
}
