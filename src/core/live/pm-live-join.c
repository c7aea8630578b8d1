/* pm-live-join.c — taking part in someone else's live session from the app (see pm-live-join.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-json.h"
#include "pm-live-certificate.h"
#include "pm-live-join.h"
#include "pm-live-session.h"

#define RECONNECT_DELAY_S 2

typedef struct
{
  char    *op;
  char    *text;      /* the message, sent again after a reconnection */
  char    *kind;      /* "add", "edit", "delete" */
  char    *event_id;  /* the event it is about (NULL for an add) */
  PmEvent *local;     /* an add: the event as typed here, until the host has it */
} Op;

struct _PmLiveJoin
{
  GObject                  parent_instance;

  char                    *base;          /* https://HOST:PORT */
  char                    *websocket_url;
  char                    *fingerprint;   /* link form */
  char                    *name;
  char                    *token;
  SoupSession             *session;
  SoupWebsocketConnection *websocket;
  GCancellable            *cancellable;
  GTask                   *connect_task;
  guint                    reconnect_source;
  gboolean                 connected;
  gboolean                 ended;

  PmDocument              *document;
  GTimeZone               *zone;
  GHashTable              *hosted;        /* event id → JsonObject: the host's version */
  GHashTable              *own;           /* ids of events this participant may change */
  GHashTable              *watched;       /* PmEvent → notify handler */
  GHashTable              *replacing;     /* id the host gave → the event typed here, until the
                                           * host's own copy arrives */
  GQueue                   outbox;        /* Op, oldest first */
  GHashTable              *to_restore;    /* ids of others' events changed here: shown again
                                           * as the host has them, at idle */
  guint                    restore_idle;
  guint                    applying;      /* changes from the host: not sent back */
  guint                    n_ops;
  char                    *op_prefix;
};

G_DEFINE_FINAL_TYPE (PmLiveJoin, pm_live_join, G_TYPE_OBJECT)

enum { PROP_0, PROP_DOCUMENT, PROP_CONNECTED, PROP_NAME, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_ENDED, SIGNAL_TOLD, N_SIGNALS };
static guint signals[N_SIGNALS];

static void connect_now (PmLiveJoin *self);
static void watch_event (PmLiveJoin *self, PmEvent *event);

/* ------------------------------------------------------------------------------------------ */
/* Ops                                                                                         */
/* ------------------------------------------------------------------------------------------ */

static void
op_free (Op *op)
{
  g_free (op->op);
  g_free (op->text);
  g_free (op->kind);
  g_free (op->event_id);
  g_clear_object (&op->local);
  g_free (op);
}

static void
send_text (PmLiveJoin *self,
           const char *text)
{
  if (self->connected && self->websocket != NULL &&
      soup_websocket_connection_get_state (self->websocket) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (self->websocket, text);
}

static Op *
find_op (PmLiveJoin *self,
         const char *op)
{
  for (GList *l = self->outbox.head; l != NULL; l = l->next)
    if (g_strcmp0 (((Op *) l->data)->op, op) == 0)
      return l->data;
  return NULL;
}

static Op *
find_add_of (PmLiveJoin *self,
             PmEvent    *local)
{
  for (GList *l = self->outbox.head; l != NULL; l = l->next)
    if (((Op *) l->data)->local == local)
      return l->data;
  return NULL;
}

/* Queues and sends @message (its "type" and "op" are set here). */
static Op *
send_op (PmLiveJoin *self,
         const char *kind,
         JsonObject *message,
         const char *event_id,
         PmEvent    *local)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  Op *op = g_new0 (Op, 1);

  op->op = g_strdup_printf ("%s-%u", self->op_prefix, ++self->n_ops);
  op->kind = g_strdup (kind);
  op->event_id = g_strdup (event_id);
  op->local = local ? g_object_ref (local) : NULL;
  json_object_set_string_member (message, "type", kind);
  json_object_set_string_member (message, "op", op->op);
  json_node_set_object (node, message);
  op->text = json_to_string (node, FALSE);
  g_queue_push_tail (&self->outbox, op);
  send_text (self, op->text);
  return op;
}

/* ------------------------------------------------------------------------------------------ */
/* Events between the protocol and the mirror                                                   */
/* ------------------------------------------------------------------------------------------ */

/* FIELDS of the protocol for @event as it is in the mirror. */
static JsonObject *
fields_of (PmLiveJoin *self,
           PmEvent    *event)
{
  JsonObject *fields = json_object_new ();
  const PmTime *time = pm_event_get_time (event);
  g_autofree char *local = pm_live_format_local_time (time, self->zone);

  json_object_set_string_member (fields, "local", local ? local : "");
  json_object_set_string_member (fields, "precision",
                                 time ? pm_time_precision_to_string (pm_time_get_precision (time))
                                      : "unknown");
  json_object_set_string_member (fields, "text", pm_event_get_text (event));
  json_object_set_string_member (fields, "actor", pm_event_get_actor (event));
  json_object_set_string_member (fields, "lane", pm_event_get_lane (event));
  json_object_set_string_member (fields, "kind", pm_event_get_kind (event));
  json_object_set_boolean_member (fields, "contributed", pm_event_get_contributed (event));
  json_object_set_boolean_member (fields, "slowed_response", pm_event_get_slowed_response (event));
  return fields;
}

static const char *
member_string (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static const char *
or_empty (const char *text)
{
  return text ? text : "";
}

static gboolean
member_true (JsonObject *object,
             const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN &&
         json_node_get_boolean (node);
}

static guint
position_of (GListModel *events,
             PmEvent    *event)
{
  guint position;

  return g_list_store_find (G_LIST_STORE (events), event, &position) ? position : G_MAXUINT;
}

/* Makes the mirror hold the host's EVENT @message, at its place after "after". The host is
 * someone else: what it sends is checked like a file's before it is shown. */
static void
apply_event (PmLiveJoin *self,
             JsonObject *message)
{
  GListModel *events = pm_document_get_events (self->document);
  const char *id = member_string (message, "id");
  const char *iso = member_string (message, "time");
  const char *precision_text = member_string (message, "precision");
  const char *after = member_string (message, "after");
  PmTimePrecision precision = PM_TIME_PRECISION_MINUTE;
  g_autoptr(PmTime) time = NULL;
  g_autoptr(JsonObject) form = json_object_new ();
  g_autoptr(PmEvent) checked = NULL;
  g_autoptr(GError) error = NULL;
  PmEvent *event;

  if (id == NULL)
    return;
  json_object_set_string_member (form, "id", id);
  if (iso != NULL && precision_text != NULL && pm_time_precision_from_string (precision_text, &precision))
    {
      json_object_set_string_member (form, "time", iso);
      json_object_set_string_member (form, "precision", precision_text);
    }
  for (guint i = 0; i < 4; i++)
    {
      static const char * const members[] = { "text", "actor", "lane", "kind" };
      const char *value = member_string (message, members[i]);

      if (value != NULL)
        json_object_set_string_member (form, members[i], value);
    }
  if (member_true (message, "contributed"))
    json_object_set_boolean_member (form, "contributed", TRUE);
  if (member_true (message, "slowed_response"))
    json_object_set_boolean_member (form, "slowed_response", TRUE);
  checked = pm_document_read_event (form, "live session", "event", &error);
  if (checked == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  g_hash_table_insert (self->hosted, g_strdup (id), json_object_ref (message));
  if (member_true (message, "mine"))
    g_hash_table_add (self->own, g_strdup (id));
  else
    g_hash_table_remove (self->own, id);

  self->applying++;
  pm_document_begin_foreign_change (self->document, _("the live session"));
  event = pm_document_find_event (self->document, id);
  if (event == NULL)
    {
      PmEvent *previous = after ? pm_document_find_event (self->document, after) : NULL;
      guint position = previous ? position_of (events, previous) : G_MAXUINT;

      if (previous == NULL && after == NULL)
        pm_document_insert (self->document, events, 0, checked);
      else if (position != G_MAXUINT)
        pm_document_insert (self->document, events, position + 1, checked);
      else
        pm_document_add_event (self->document, checked);
      watch_event (self, checked);
    }
  else
    {
      time = pm_event_get_time (checked) ? pm_time_copy (pm_event_get_time (checked)) : NULL;
      pm_document_set (self->document, event,
                       "time", time,
                       "text", pm_event_get_text (checked),
                       "actor", pm_event_get_actor (checked),
                       "lane", pm_event_get_lane (checked),
                       "kind", pm_event_get_kind (checked),
                       "contributed", pm_event_get_contributed (checked),
                       "slowed-response", pm_event_get_slowed_response (checked),
                       NULL);
    }
  pm_document_end_foreign_change (self->document);
  self->applying--;
}

static void
remove_from_mirror (PmLiveJoin *self,
                    PmEvent    *event)
{
  gpointer handler = g_hash_table_lookup (self->watched, event);

  if (handler != NULL)
    g_signal_handler_disconnect (event, GPOINTER_TO_SIZE (handler));
  g_hash_table_remove (self->watched, event);
  if (position_of (pm_document_get_events (self->document), event) == G_MAXUINT)
    return;
  self->applying++;
  pm_document_begin_foreign_change (self->document, _("the live session"));
  pm_document_remove (self->document, pm_document_get_events (self->document), event);
  pm_document_end_foreign_change (self->document);
  self->applying--;
}

/* The host's version of @id again (after a proposal, or a refusal), or nothing when it has
 * none. */
static void
restore (PmLiveJoin *self,
         const char *id)
{
  JsonObject *hosted = id ? g_hash_table_lookup (self->hosted, id) : NULL;

  if (hosted != NULL)
    {
      g_autoptr(JsonObject) kept = json_object_ref (hosted);

      apply_event (self, kept);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* What the participant changes in the mirror                                                  */
/* ------------------------------------------------------------------------------------------ */

static gboolean
restore_cb (gpointer user_data)
{
  PmLiveJoin *self = user_data;
  g_autoptr(GHashTable) ids = g_steal_pointer (&self->to_restore);
  GHashTableIter iter;
  gpointer id;

  self->restore_idle = 0;
  self->to_restore = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    restore (self, id);
  g_signal_emit (self, signals[SIGNAL_TOLD], 0,
                 _("Only your own events can be changed here: the others are the moderator’s to change"));
  return G_SOURCE_REMOVE;
}

/* The timeline is read-only but for the participant's own events: a change to anyone else's
 * is taken back (after the change that made it, not inside it). */
static void
restore_soon (PmLiveJoin *self,
              const char *id)
{
  g_hash_table_add (self->to_restore, g_strdup (id));
  if (self->restore_idle == 0)
    self->restore_idle = g_idle_add (restore_cb, self);
}

static void
on_event_notify (PmEvent    *event,
                 GParamSpec *pspec,
                 PmLiveJoin *self)
{
  g_autoptr(JsonObject) message = NULL;
  Op *add;

  if (self->applying > 0 || self->ended)
    return;
  message = json_object_new ();
  json_object_set_object_member (message, "event", fields_of (self, event));
  add = find_add_of (self, event);
  if (add != NULL)
    {
      json_object_set_string_member (message, "op_ref", add->op);
      send_op (self, "edit", message, NULL, NULL);
      return;
    }
  if (!g_hash_table_contains (self->own, pm_event_get_id (event)))
    {
      restore_soon (self, pm_event_get_id (event));
      return;
    }
  json_object_set_string_member (message, "id", pm_event_get_id (event));
  send_op (self, "edit", message, pm_event_get_id (event), NULL);
}

static void
watch_event (PmLiveJoin *self,
             PmEvent    *event)
{
  gulong handler;

  if (g_hash_table_contains (self->watched, event))
    return;
  handler = g_signal_connect (event, "notify", G_CALLBACK (on_event_notify), self);
  g_hash_table_insert (self->watched, g_object_ref (event), GSIZE_TO_POINTER (handler));
}

static void
on_events_changed (GListModel *events,
                   guint       position,
                   guint       removed,
                   guint       added,
                   PmLiveJoin *self)
{
  if (self->applying > 0 || self->ended)
    return;

  if (removed > 0)
    {
      g_autoptr(GHashTable) present = g_hash_table_new (NULL, NULL);
      g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_object_unref);
      GHashTableIter iter;
      gpointer event, handler;

      for (guint i = 0; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(PmEvent) item = g_list_model_get_item (events, i);

          g_hash_table_add (present, item);
        }
      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &event, &handler))
        if (!g_hash_table_contains (present, event))
          {
            g_signal_handler_disconnect (event, GPOINTER_TO_SIZE (handler));
            g_ptr_array_add (gone, g_object_ref (event));
            g_hash_table_iter_remove (&iter);
          }
      for (guint i = 0; i < gone->len; i++)
        {
          PmEvent *event_gone = g_ptr_array_index (gone, i);
          g_autoptr(JsonObject) message = json_object_new ();
          Op *add = find_add_of (self, event_gone);

          if (add != NULL)
            json_object_set_string_member (message, "op_ref", add->op);
          else if (g_hash_table_contains (self->own, pm_event_get_id (event_gone)))
            json_object_set_string_member (message, "id", pm_event_get_id (event_gone));
          else
            {
              restore_soon (self, pm_event_get_id (event_gone));
              continue;
            }
          send_op (self, "delete", message, add ? NULL : pm_event_get_id (event_gone), NULL);
        }
    }

  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      g_autoptr(JsonObject) message = NULL;

      if (g_hash_table_contains (self->watched, event))
        continue;     /* moved, not new */
      watch_event (self, event);
      message = json_object_new ();
      json_object_set_object_member (message, "event", fields_of (self, event));
      send_op (self, "add", message, NULL, event);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Messages from the host                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
finish_connect (PmLiveJoin *self,
                GError     *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

  if (task == NULL)
    {
      g_clear_error (&error);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_ack (PmLiveJoin *self,
        JsonObject *message)
{
  const char *status = member_string (message, "status");
  const char *id = member_string (message, "id");
  Op *op = find_op (self, member_string (message, "op"));

  if (op == NULL)
    return;
  g_queue_remove (&self->outbox, op);

  if (g_strcmp0 (status, "applied") == 0)
    {
      /* The host's copy of a new event replaces the one typed here (it has the host's id). */
      if (op->local != NULL && id != NULL)
        {
          g_hash_table_add (self->own, g_strdup (id));
          if (pm_document_find_event (self->document, id) != NULL)
            remove_from_mirror (self, op->local);
          else
            g_hash_table_insert (self->replacing, g_strdup (id), g_object_ref (op->local));
        }
    }
  else
    {
      if (g_strcmp0 (status, "proposed") == 0)
        g_signal_emit (self, signals[SIGNAL_TOLD], 0,
                       _("Sent to the moderator as a proposal: the event stays as it is until they accept it"));
      else
        {
          g_autofree char *text = g_strdup_printf (_("The change was not taken: %s"),
                                                   or_empty (member_string (message, "message")));

          g_signal_emit (self, signals[SIGNAL_TOLD], 0, text);
          if (op->local != NULL)
            remove_from_mirror (self, op->local);
        }
      restore (self, op->event_id);
    }
  op_free (op);
}

static void
on_events (PmLiveJoin *self,
           JsonArray  *events)
{
  for (guint i = 0; events != NULL && i < json_array_get_length (events); i++)
    {
      JsonNode *node = json_array_get_element (events, i);
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      apply_event (self, json_node_get_object (node));
      /* A new event of ours arrived: the one typed here has served. */
      id = member_string (json_node_get_object (node), "id");
      if (id != NULL)
        {
          PmEvent *typed = g_hash_table_lookup (self->replacing, id);

          if (typed != NULL)
            {
              remove_from_mirror (self, typed);
              g_hash_table_remove (self->replacing, id);
            }
        }
    }
}

static void
on_welcome (PmLiveJoin *self,
            JsonObject *message)
{
  GListModel *list = pm_document_get_events (self->document);
  JsonNode *events = json_object_get_member (message, "events");
  JsonNode *answers = json_object_get_member (message, "answers");
  g_autoptr(GPtrArray) stale = g_ptr_array_new_with_free_func (g_object_unref);
  const char *zone = member_string (message, "zone");
  GTimeZone *known = zone ? g_time_zone_new_identifier (zone) : NULL;
  gboolean zone_known = known != NULL;

  g_free (self->token);
  self->token = g_strdup (member_string (message, "token"));
  g_clear_pointer (&self->zone, g_time_zone_unref);
  self->zone = known ? known : g_time_zone_new_utc ();

  self->applying++;
  pm_document_begin_foreign_change (self->document, _("the live session"));
  pm_document_set (self->document, self->document,
                   "title", or_empty (member_string (message, "title")),
                   "timezone", zone_known ? zone : "UTC",
                   NULL);
  /* The host's list replaces what the mirror showed, except what is still being sent. */
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (list, i);

      if (find_add_of (self, event) == NULL)
        g_ptr_array_add (stale, g_object_ref (event));
    }
  for (guint i = 0; i < stale->len; i++)
    {
      PmEvent *event = g_ptr_array_index (stale, i);
      gpointer handler = g_hash_table_lookup (self->watched, event);

      if (handler != NULL)
        g_signal_handler_disconnect (event, GPOINTER_TO_SIZE (handler));
      g_hash_table_remove (self->watched, event);
      pm_document_remove (self->document, list, event);
    }
  pm_document_end_foreign_change (self->document);
  self->applying--;
  g_hash_table_remove_all (self->hosted);
  if (events != NULL && JSON_NODE_HOLDS_ARRAY (events))
    on_events (self, json_node_get_array (events));

  self->connected = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);

  /* What the host already answered leaves the outbox; the rest goes again, in order. */
  if (answers != NULL && JSON_NODE_HOLDS_ARRAY (answers))
    for (guint i = 0; i < json_array_get_length (json_node_get_array (answers)); i++)
      {
        JsonNode *answer = json_array_get_element (json_node_get_array (answers), i);

        if (JSON_NODE_HOLDS_OBJECT (answer))
          on_ack (self, json_node_get_object (answer));
      }
  for (GList *l = self->outbox.head; l != NULL; l = l->next)
    send_text (self, ((Op *) l->data)->text);

  finish_connect (self, NULL);
}

static void
on_message (SoupWebsocketConnection *websocket,
            int                      type,
            GBytes                  *bytes,
            PmLiveJoin              *self)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *message;
  const char *kind;

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;
  root = pm_json_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL, &error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;
  message = json_node_get_object (root);
  kind = member_string (message, "type");

  if (g_strcmp0 (kind, "lobby") == 0)
    {
      g_autoptr(JsonObject) hello = json_object_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      json_object_set_string_member (hello, "type", "hello");
      if (self->token != NULL)
        json_object_set_string_member (hello, "token", self->token);
      else
        json_object_set_string_member (hello, "name", self->name);
      json_node_set_object (node, hello);
      text = json_to_string (node, FALSE);
      soup_websocket_connection_send_text (websocket, text);
    }
  else if (g_strcmp0 (kind, "welcome") == 0)
    on_welcome (self, message);
  else if (g_strcmp0 (kind, "ack") == 0)
    on_ack (self, message);
  else if (g_strcmp0 (kind, "events") == 0)
    {
      JsonNode *events = json_object_get_member (message, "events");

      if (events != NULL && JSON_NODE_HOLDS_ARRAY (events))
        on_events (self, json_node_get_array (events));
    }
  else if (g_strcmp0 (kind, "removed") == 0)
    {
      JsonNode *ids = json_object_get_member (message, "ids");

      for (guint i = 0; ids != NULL && JSON_NODE_HOLDS_ARRAY (ids) &&
                        i < json_array_get_length (json_node_get_array (ids)); i++)
        {
          JsonNode *id = json_array_get_element (json_node_get_array (ids), i);
          PmEvent *event = JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING
                           ? pm_document_find_event (self->document, json_node_get_string (id)) : NULL;

          if (event != NULL)
            {
              gpointer handler = g_hash_table_lookup (self->watched, event);

              if (handler != NULL)
                g_signal_handler_disconnect (event, GPOINTER_TO_SIZE (handler));
              g_hash_table_remove (self->watched, event);
              g_hash_table_remove (self->hosted, pm_event_get_id (event));
              remove_from_mirror (self, event);
            }
        }
    }
  else if (g_strcmp0 (kind, "error") == 0 && self->connect_task != NULL)
    {
      const char *code = member_string (message, "code");

      finish_connect (self, g_error_new (PM_ERROR, PM_ERROR_INVALID,
                                         g_strcmp0 (code, "name-taken") == 0
                                           ? _("That name is the moderator’s: choose another one")
                                           : _("The session did not let you join: %s"),
                                         or_empty (member_string (message, "message"))));
    }
  else if (g_strcmp0 (kind, "bye") == 0)
    {
      self->ended = TRUE;
      const char *reason = member_string (message, "reason");

      g_signal_emit (self, signals[SIGNAL_ENDED], 0, reason ? reason : "stopped");
    }
}

static gboolean
reconnect_cb (gpointer user_data)
{
  PmLiveJoin *self = user_data;

  self->reconnect_source = 0;
  connect_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_closed (SoupWebsocketConnection *websocket,
           PmLiveJoin              *self)
{
  self->connected = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  if (self->connect_task != NULL)
    finish_connect (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                                       _("The session closed the connection")));
  else if (!self->ended && self->reconnect_source == 0)
    self->reconnect_source = g_timeout_add_seconds (RECONNECT_DELAY_S, reconnect_cb, self);
}

/* ------------------------------------------------------------------------------------------ */
/* Connecting                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/* Only the host whose certificate the link names, whoever signed it. */
static gboolean
accept_named_certificate (SoupMessage          *message,
                          GTlsCertificate      *peer,
                          GTlsCertificateFlags  errors,
                          PmLiveJoin           *self)
{
  return pm_live_certificate_matches_link_fingerprint (peer, self->fingerprint);
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PmLiveJoin) self = user_data;
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *websocket;

  websocket = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (websocket == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (self->connect_task != NULL)
        {
          if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
            finish_connect (self, g_error_new (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE,
                                               _("The host’s certificate is not the one the link names: "
                                                 "this is not the moderator’s session")));
          else
            finish_connect (self, g_steal_pointer (&error));
        }
      else if (!self->ended)
        self->reconnect_source = g_timeout_add_seconds (RECONNECT_DELAY_S, reconnect_cb, self);
      return;
    }

  g_clear_object (&self->websocket);
  self->websocket = websocket;
  soup_websocket_connection_set_max_incoming_payload_size (websocket, 64 * 1024 * 1024);
  g_signal_connect (websocket, "message", G_CALLBACK (on_message), self);
  g_signal_connect (websocket, "closed", G_CALLBACK (on_closed), self);
}

static void
connect_now (PmLiveJoin *self)
{
  g_autoptr(SoupMessage) message = soup_message_new ("GET", self->websocket_url);

  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_named_certificate), self);
  soup_session_websocket_connect_async (self->session, message, self->base, NULL,
                                        G_PRIORITY_DEFAULT, self->cancellable, on_connected,
                                        g_object_ref (self));
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_live_join_dispose (GObject *object)
{
  PmLiveJoin *self = (PmLiveJoin *) object;

  pm_live_join_leave (self);
  if (self->document != NULL)
    {
      GHashTableIter iter;
      gpointer event, handler;

      g_signal_handlers_disconnect_by_data (pm_document_get_events (self->document), self);
      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &event, &handler))
        g_signal_handler_disconnect (event, GPOINTER_TO_SIZE (handler));
      g_hash_table_remove_all (self->watched);
    }
  g_clear_object (&self->document);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pm_live_join_parent_class)->dispose (object);
}

static void
pm_live_join_finalize (GObject *object)
{
  PmLiveJoin *self = (PmLiveJoin *) object;

  g_queue_clear_full (&self->outbox, (GDestroyNotify) op_free);
  g_clear_pointer (&self->hosted, g_hash_table_unref);
  g_clear_pointer (&self->own, g_hash_table_unref);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->replacing, g_hash_table_unref);
  g_clear_pointer (&self->to_restore, g_hash_table_unref);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_free (self->base);
  g_free (self->websocket_url);
  g_free (self->fingerprint);
  g_free (self->name);
  g_free (self->token);
  g_free (self->op_prefix);

  G_OBJECT_CLASS (pm_live_join_parent_class)->finalize (object);
}

static void
pm_live_join_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PmLiveJoin *self = PM_LIVE_JOIN (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_live_join_class_init (PmLiveJoinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pm_live_join_dispose;
  object_class->finalize = pm_live_join_finalize;
  object_class->get_property = pm_live_join_get_property;

  properties[PROP_DOCUMENT] = g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT, flags);
  properties[PROP_CONNECTED] = g_param_spec_boolean ("connected", NULL, NULL, FALSE, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ENDED] = g_signal_new ("ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[SIGNAL_TOLD] = g_signal_new ("told", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
pm_live_join_init (PmLiveJoin *self)
{
  g_autofree char *prefix = pm_live_new_secret ();

  self->hosted = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) json_object_unref);
  self->own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->replacing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->to_restore = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->outbox);
  self->op_prefix = g_strndup (prefix, 16);
  self->zone = g_time_zone_new_utc ();
  self->cancellable = g_cancellable_new ();
}

PmLiveJoin *
pm_live_join_new (const char  *link,
                  GError     **error)
{
  g_autoptr(PmLiveJoin) self = NULL;
  g_autoptr(GUri) uri = NULL;
  g_autofree char *text = NULL;
  const char *path, *fragment;

  g_return_val_if_fail (link != NULL, NULL);

  text = g_strstrip (g_strdup (link));
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  path = uri ? g_uri_get_path (uri) : NULL;
  fragment = uri ? g_uri_get_fragment (uri) : NULL;
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 || g_uri_get_host (uri) == NULL ||
      path == NULL || !g_str_has_prefix (path, "/s/") || !g_str_has_suffix (path, "/") ||
      strlen (path) < 8 || strchr (path + 3, '/') != path + strlen (path) - 1)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   _("This is not the link of a live session (it looks like https://ADDRESS:PORT/s/…/#fp=…)"));
      return NULL;
    }
  if (fragment == NULL || !g_str_has_prefix (fragment, "fp=") || strlen (fragment) != 3 + 43)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   _("The link carries no certificate fingerprint (“#fp=…” at its end): without it the "
                     "app cannot tell the moderator’s session from someone else’s. Copy the whole link."));
      return NULL;
    }

  self = g_object_new (PM_TYPE_LIVE_JOIN, NULL);
  {
    g_autoptr(GUri) base = g_uri_build (G_URI_FLAGS_NONE, "https", NULL, g_uri_get_host (uri),
                                        g_uri_get_port (uri), "", NULL, NULL);
    g_autoptr(GUri) websocket = g_uri_build (G_URI_FLAGS_NONE, "https", NULL, g_uri_get_host (uri),
                                             g_uri_get_port (uri), path, NULL, NULL);
    g_autofree char *websocket_text = g_uri_to_string (websocket);

    self->base = g_uri_to_string (base);
    self->websocket_url = g_strconcat (websocket_text, "ws", NULL);
  }
  self->fingerprint = g_strdup (fragment + 3);
  self->session = soup_session_new ();
  self->document = pm_document_new ();
  g_signal_connect (pm_document_get_events (self->document), "items-changed",
                    G_CALLBACK (on_events_changed), self);
  return g_steal_pointer (&self);
}

void
pm_live_join_connect_async (PmLiveJoin          *self,
                            const char          *name,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (PM_IS_LIVE_JOIN (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (self->connect_task == NULL);

  g_free (self->name);
  self->name = g_strstrip (g_strdup (name));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  self->connect_task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->connect_task, pm_live_join_connect_async);
  connect_now (self);
}

gboolean
pm_live_join_connect_finish (PmLiveJoin    *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

PmDocument *
pm_live_join_get_document (PmLiveJoin *self)
{
  g_return_val_if_fail (PM_IS_LIVE_JOIN (self), NULL);
  return self->document;
}

gboolean
pm_live_join_get_connected (PmLiveJoin *self)
{
  g_return_val_if_fail (PM_IS_LIVE_JOIN (self), FALSE);
  return self->connected;
}

gboolean
pm_live_join_is_own (PmLiveJoin *self,
                     PmEvent    *event)
{
  g_return_val_if_fail (PM_IS_LIVE_JOIN (self), FALSE);
  return g_hash_table_contains (self->own, pm_event_get_id (event)) || find_add_of (self, event) != NULL;
}

guint
pm_live_join_get_n_waiting (PmLiveJoin *self)
{
  g_return_val_if_fail (PM_IS_LIVE_JOIN (self), 0);
  return g_queue_get_length (&self->outbox);
}

void
pm_live_join_leave (PmLiveJoin *self)
{
  g_return_if_fail (PM_IS_LIVE_JOIN (self));

  self->ended = TRUE;
  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_clear_handle_id (&self->restore_idle, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->websocket != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->websocket, self);
      if (soup_websocket_connection_get_state (self->websocket) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->websocket, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_object (&self->websocket);
    }
  if (self->connect_task != NULL)
    finish_connect (self, g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Left the session")));
}
