/* test-live-session.c — the live session's protocol, without a network
 *
 * Each fake connection records what the session sends it. Participants are hostile: every
 * test that sends something also checks what it must not change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pm-document-format.h"
#include "pm-live-person.h"
#include "pm-live-session.h"
#include "pm-merge.h"

#include "test-util.h"

static const char document_json[] =
  "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1, \"generator\": \"test\",\n"
  " \"postmortem\": {\"title\": \"Leaked key\", \"timezone\": \"Europe/Berlin\",\n"
  "   \"start\": \"2024-10-26T02:00:00+02:00\", \"start_precision\": \"minute\"},\n"
  " \"participants\": [{\"id\": \"p-1\", \"name\": \"Amara\", \"moderator\": true},\n"
  "   {\"id\": \"p-2\", \"name\": \"Tomasz\"}, {\"id\": \"p-3\", \"name\": \"Lea\"}],\n"
  " \"events\": [\n"
  "  {\"id\": \"ev-1\", \"time\": \"2024-10-26T02:00:00+02:00\", \"precision\": \"minute\", \"actor\": \"CI\", \"text\": \"Key committed\"},\n"
  "  {\"id\": \"ev-2\", \"time\": \"2024-10-25T20:00:00-05:00\", \"precision\": \"minute\", \"actor\": \"SOC\", \"text\": \"Alert fired\", \"contributor\": \"p-3\"},\n"
  "  {\"id\": \"ev-3\", \"time\": \"2024-10-26T03:30:00+02:00\", \"precision\": \"minute\", \"actor\": \"Legal\", \"text\": \"SECRET lawyers informed\", \"confidential\": true},\n"
  "  {\"id\": \"ev-4\", \"actor\": \"Ops\", \"text\": \"The key had no owner\", \"contributor\": \"p-2\"}],\n"
  " \"root_causes\": [{\"id\": \"rc-1\", \"title\": \"SECRET scope too wide\", \"events\": [\"ev-2\"]}]\n"
  "}\n";

typedef struct
{
  GPtrArray *received;  /* of char *, every message */
  gboolean   closed;
  PmLiveClient *client;
} Connection;

typedef struct
{
  PmDocument    *document;
  PmLiveSession *session;
  GPtrArray     *connections;
} Fixture;

static void
on_send (PmLiveClient *client,
         const char   *text,
         gsize         length,
         gpointer      user_data)
{
  Connection *connection = user_data;

  g_assert_cmpuint (strlen (text), ==, length);
  g_ptr_array_add (connection->received, g_strndup (text, length));
}

static void
on_close (PmLiveClient *client,
          gpointer      user_data)
{
  Connection *connection = user_data;

  connection->closed = TRUE;
}

static void
connection_free (Connection *connection)
{
  g_ptr_array_unref (connection->received);
  g_free (connection);
}

static Connection *
connect_one (Fixture *f)
{
  Connection *connection = g_new0 (Connection, 1);

  connection->received = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (f->connections, connection);
  connection->client = pm_live_session_connect (f->session, on_send, on_close, connection);
  return connection;
}

static void
say (Fixture    *f,
     Connection *connection,
     const char *text)
{
  pm_live_session_receive (f->session, connection->client, text, strlen (text));
}

/* The last message received, parsed; asserts its type. */
static JsonObject *
last (Connection *connection,
      const char *type)
{
  static JsonNode *node;
  JsonObject *object;

  g_assert_cmpuint (connection->received->len, >, 0);
  g_clear_pointer (&node, json_node_unref);
  node = json_from_string (g_ptr_array_index (connection->received, connection->received->len - 1), NULL);
  g_assert_nonnull (node);
  object = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, type);
  return object;
}

/* The latest message of @type (a flush sends "people" after "events"). */
static JsonObject *
latest (Connection *connection,
        const char *type)
{
  static JsonNode *node;

  g_clear_pointer (&node, json_node_unref);
  for (guint i = connection->received->len; i > 0; i--)
    {
      node = json_from_string (g_ptr_array_index (connection->received, i - 1), NULL);
      if (g_strcmp0 (json_object_get_string_member (json_node_get_object (node), "type"), type) == 0)
        return json_node_get_object (node);
      g_clear_pointer (&node, json_node_unref);
    }
  g_assert_not_reached ();
}

static char *
all_received (Connection *connection)
{
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < connection->received->len; i++)
    g_string_append_printf (all, "%s\n", (char *) g_ptr_array_index (connection->received, i));
  return g_string_free (g_steal_pointer (&all), FALSE);
}

static Connection *
join (Fixture    *f,
      const char *hello)
{
  Connection *connection = connect_one (f);

  last (connection, "lobby");
  say (f, connection, hello);
  last (connection, "welcome");
  return connection;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->document = pm_test_load_string (document_json);
  f->session = pm_live_session_new (f->document);
  f->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) connection_free);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  for (guint i = 0; i < f->connections->len; i++)
    {
      Connection *connection = g_ptr_array_index (f->connections, i);

      if (connection->client != NULL)
        pm_live_session_disconnect (f->session, connection->client);
    }
  g_clear_object (&f->session);
  g_clear_object (&f->document);
  g_ptr_array_unref (f->connections);
}

static guint
n_events (Fixture *f)
{
  return g_list_model_get_n_items (pm_document_get_events (f->document));
}

static guint
n_conflicts (Fixture *f)
{
  JsonArray *conflicts = pm_merge_get_conflicts (f->document);

  return conflicts ? json_array_get_length (conflicts) : 0;
}

/* ------------------------------------------------------------------------------------------ */

static void
test_join (Fixture       *f,
           gconstpointer  data)
{
  Connection *c = connect_one (f);
  JsonObject *object = last (c, "lobby");
  JsonArray *list = json_object_get_array_member (object, "participants");
  JsonArray *events;
  g_autofree char *everything = NULL;

  /* Nobody can pick the moderator. */
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (list, 0), "name"), ==, "Tomasz");

  say (f, c, "{\"type\":\"hello\",\"participant\":\"p-2\"}");
  object = last (c, "welcome");
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "token")), ==, 43);
  g_assert_cmpstr (json_object_get_string_member (object, "zone"), ==, "Europe/Berlin");
  g_assert_cmpstr (json_object_get_string_member (object, "incident_date"), ==, "2024-10-26");
  events = json_object_get_array_member (object, "events");
  /* The team-only event never leaves. */
  g_assert_cmpuint (json_array_get_length (events), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "local"), ==, "2024-10-26 02:00");
  g_assert_true (json_object_get_null_member (json_array_get_object_element (events, 0), "after"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 1), "after"), ==, "ev-1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 2), "after"), ==, "ev-2");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 2), "precision"), ==, "unknown");
  /* What the file attributes to him is not his to change live: only what he adds now. */
  g_assert_false (json_object_get_boolean_member_with_default (json_array_get_object_element (events, 2), "mine", FALSE));
  g_assert_false (json_object_get_boolean_member_with_default (json_array_get_object_element (events, 1), "mine", FALSE));
  everything = all_received (c);
  g_assert_null (strstr (everything, "SECRET"));

  /* The moderator's name is not a way in. */
  c = connect_one (f);
  say (f, c, "{\"type\":\"hello\",\"name\":\" amara \"}");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "name-taken");
  say (f, c, "{\"type\":\"hello\",\"participant\":\"p-1\"}");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "name-taken");

  /* A new name becomes a participant who attended. */
  say (f, c, "{\"type\":\"hello\",\"name\":\"Uma\"}");
  object = last (c, "welcome");
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_participants (f->document)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (pm_live_session_get_people (f->session)), ==, 2);
  {
    g_autoptr(PmLivePerson) uma = g_list_model_get_item (pm_live_session_get_people (f->session), 1);

    /* Joining under a new name adds a participant, but is no contribution. */
    g_assert_cmpstr (pm_live_person_get_name (uma), ==, "Uma");
    g_assert_cmpuint (pm_live_person_get_contributions (uma), ==, 0);
  }
  /* Not the moderator's undo step, but saved like any edit. */
  g_assert_false (pm_undo_stack_get_can_undo (pm_document_get_undo_stack (f->document)));
  g_assert_true (pm_document_get_modified (f->document));

  /* A name with a line break, or empty, is refused. */
  c = connect_one (f);
  say (f, c, "{\"type\":\"hello\",\"name\":\"Eve\\nAdmin\"}");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "invalid");
  say (f, c, "{\"type\":\"hello\",\"name\":\"   \"}");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "invalid");
  say (f, c, "{\"type\":\"hello\",\"token\":\"guess\"}");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "unknown-token");
}

static void
test_add_and_see (Fixture       *f,
                  gconstpointer  data)
{
  Connection *tomasz = join (f, "{\"type\":\"hello\",\"participant\":\"p-2\"}");
  Connection *lea = join (f, "{\"type\":\"hello\",\"name\":\"Lea\"}");
  JsonObject *ack, *seen;
  JsonArray *events;
  PmEvent *event;
  g_autofree char *id = NULL;

  say (f, tomasz, "{\"type\":\"add\",\"op\":\"op-1\",\"event\":{\"local\":\"2024-10-26 02:30\","
                  "\"precision\":\"minute\",\"text\":\"Pager woke me\",\"actor\":\"On-call\","
                  "\"kind\":\"detection\",\"slowed_response\":true,\"contributor\":\"p-3\"}}");
  ack = last (tomasz, "ack");
  g_assert_cmpstr (json_object_get_string_member (ack, "status"), ==, "applied");
  id = g_strdup (json_object_get_string_member (ack, "id"));
  event = pm_document_find_event (f->document, id);
  g_assert_nonnull (event);
  /* Attributed to who sent it, whatever it claims. */
  g_assert_cmpstr (pm_event_get_contributor (event), ==, "p-2");
  g_assert_cmpstr (pm_event_get_kind (event), ==, "detection");
  g_assert_true (pm_event_get_slowed_response (event));
  {
    g_autofree char *iso = pm_time_to_iso8601 (pm_event_get_time (event));

    g_assert_cmpstr (iso, ==, "2024-10-26T02:30:00+02:00");
  }
  /* In time order, between ev-1 and ev-2. */
  {
    g_autoptr(PmEvent) second = g_list_model_get_item (pm_document_get_events (f->document), 1);

    g_assert_true (second == event);
  }

  /* Everybody sees it, in place; only Tomasz may change it. */
  pm_live_session_flush (f->session);
  seen = latest (lea, "events");
  events = json_object_get_array_member (seen, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "after"), ==, "ev-1");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (events, 0), "contributor"), ==, "Tomasz");
  g_assert_false (json_object_has_member (json_array_get_object_element (events, 0), "mine"));
  seen = latest (tomasz, "events");
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_object_get_array_member (seen, "events"), 0), "mine"));

  /* The same op again (a reconnection re-sends it): the same answer, nothing added. */
  say (f, tomasz, "{\"type\":\"add\",\"op\":\"op-1\",\"event\":{\"text\":\"Pager woke me\"}}");
  g_assert_cmpstr (json_object_get_string_member (last (tomasz, "ack"), "id"), ==, id);
  g_assert_cmpuint (n_events (f), ==, 5);

  /* Unknown time goes last; a day keeps its precision. */
  say (f, tomasz, "{\"type\":\"add\",\"op\":\"op-2\",\"event\":{\"precision\":\"unknown\",\"local\":\"2024-10-26 09:00\",\"text\":\"Someone noticed\"}}");
  event = pm_document_find_event (f->document, json_object_get_string_member (last (tomasz, "ack"), "id"));
  g_assert_null (pm_event_get_time (event));
  say (f, tomasz, "{\"type\":\"add\",\"op\":\"op-3\",\"event\":{\"precision\":\"day\",\"local\":\"2024-10-25\",\"text\":\"The day before\"}}");
  event = pm_document_find_event (f->document, json_object_get_string_member (last (tomasz, "ack"), "id"));
  g_assert_cmpint (pm_time_get_precision (pm_event_get_time (event)), ==, PM_TIME_PRECISION_DAY);
  g_assert_cmpuint (n_events (f), ==, 7);
  {
    g_autoptr(PmLivePerson) person = g_list_model_get_item (pm_live_session_get_people (f->session), 0);

    /* Three events; joining under a new name is no contribution. */
    g_assert_cmpuint (pm_live_person_get_contributions (person), ==, 3);
  }
}

static void
test_edit_and_delete (Fixture       *f,
                      gconstpointer  data)
{
  Connection *tomasz = join (f, "{\"type\":\"hello\",\"participant\":\"p-2\"}");
  JsonObject *ack;
  JsonArray *conflicts;
  PmEvent *ev4 = pm_document_find_event (f->document, "ev-4");
  PmEvent *mine;
  g_autofree char *added = NULL;

  /* An event the file attributes to him: proposed, not applied (anyone could pick his name). */
  say (f, tomasz, "{\"type\":\"edit\",\"op\":\"e1\",\"id\":\"ev-4\",\"event\":{\"local\":\"2024-10-26 04:00\",\"text\":\"The key had no owner on record\",\"actor\":\"Ops\"}}");
  ack = last (tomasz, "ack");
  g_assert_cmpstr (json_object_get_string_member (ack, "status"), ==, "proposed");
  g_assert_cmpstr (pm_event_get_text (ev4), ==, "The key had no owner");
  g_assert_cmpuint (n_conflicts (f), ==, 2); /* the time and the text */
  pm_merge_set_conflicts (f->document, NULL);

  /* One he added now is his. */
  say (f, tomasz, "{\"type\":\"add\",\"op\":\"a0\",\"event\":{\"local\":\"2024-10-26 04:00\",\"text\":\"Rotated the key\"}}");
  mine = pm_document_find_event (f->document, json_object_get_string_member (last (tomasz, "ack"), "id"));
  {
    g_autofree char *edit = g_strdup_printf ("{\"type\":\"edit\",\"op\":\"e0\",\"id\":\"%s\",\"event\":{\"local\":\"2024-10-26 04:00\",\"precision\":\"minute\",\"text\":\"Rotated the deploy key\"}}",
                                             pm_event_get_id (mine));

    say (f, tomasz, edit);
    g_assert_cmpstr (json_object_get_string_member (last (tomasz, "ack"), "status"), ==, "applied");
    g_assert_cmpstr (pm_event_get_text (mine), ==, "Rotated the deploy key");
  }

  /* Lea's event: a proposal from Tomasz; the event stays as it is. */
  say (f, tomasz, "{\"type\":\"edit\",\"op\":\"e2\",\"id\":\"ev-2\",\"event\":{\"local\":\"2024-10-26 03:00\",\"precision\":\"minute\",\"text\":\"Alert fired late\",\"actor\":\"SOC\"}}");
  ack = last (tomasz, "ack");
  g_assert_cmpstr (json_object_get_string_member (ack, "status"), ==, "proposed");
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, "ev-2")), ==, "Alert fired");
  conflicts = pm_merge_get_conflicts (f->document);
  g_assert_cmpuint (json_array_get_length (conflicts), ==, 1);
  {
    JsonObject *entry = json_array_get_object_element (conflicts, 0);

    g_assert_cmpstr (json_object_get_string_member (entry, "member"), ==, "text");
    g_assert_cmpstr (json_object_get_string_member (entry, "from"), ==, "p-2");
    g_assert_cmpstr (json_object_get_string_member (entry, "theirs"), ==, "Alert fired late");
  }
  /* The moderator accepts it; the time keeps the zone it was recorded in (Lea typed it in
   * Chicago), although the page showed and sent it back in Berlin's. */
  g_assert_true (pm_merge_resolve_conflict (f->document, 0, PM_MERGE_KEEP_THEIRS, NULL));
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, "ev-2")), ==, "Alert fired late");
  g_assert_cmpint (pm_time_get_offset (pm_event_get_time (pm_document_find_event (f->document, "ev-2"))), ==, -5 * 3600);

  /* Deleting someone else's event is a proposal too. */
  say (f, tomasz, "{\"type\":\"delete\",\"op\":\"d1\",\"id\":\"ev-1\"}");
  g_assert_cmpstr (json_object_get_string_member (last (tomasz, "ack"), "status"), ==, "proposed");
  g_assert_nonnull (pm_document_find_event (f->document, "ev-1"));
  g_assert_cmpuint (n_conflicts (f), ==, 1);

  /* Once the moderator changed his event, his edits are proposals. */
  pm_document_set (f->document, mine, "actor", "Operations", NULL);
  {
    g_autofree char *edit = g_strdup_printf ("{\"type\":\"edit\",\"op\":\"e3\",\"id\":\"%s\",\"event\":{\"text\":\"Changed again\"}}",
                                             pm_event_get_id (mine));

    say (f, tomasz, edit);
  }
  g_assert_cmpstr (json_object_get_string_member (last (tomasz, "ack"), "status"), ==, "proposed");
  g_assert_cmpstr (pm_event_get_actor (mine), ==, "Operations");

  /* An event he added, edited through the op of its add (its id was not known yet), then
   * deleted. */
  say (f, tomasz, "{\"type\":\"add\",\"op\":\"a1\",\"event\":{\"text\":\"Typed offline\"}}");
  added = g_strdup (json_object_get_string_member (last (tomasz, "ack"), "id"));
  say (f, tomasz, "{\"type\":\"edit\",\"op\":\"e4\",\"op_ref\":\"a1\",\"event\":{\"text\":\"Typed offline, fixed\"}}");
  g_assert_cmpstr (json_object_get_string_member (last (tomasz, "ack"), "status"), ==, "applied");
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, added)), ==, "Typed offline, fixed");
  say (f, tomasz, "{\"type\":\"delete\",\"op\":\"d2\",\"op_ref\":\"a1\"}");
  g_assert_cmpstr (json_object_get_string_member (last (tomasz, "ack"), "status"), ==, "applied");
  g_assert_cmpuint (n_events (f), ==, 5);

  /* The team-only event does not exist for him, not even to propose. */
  say (f, tomasz, "{\"type\":\"edit\",\"op\":\"e5\",\"id\":\"ev-3\",\"event\":{\"text\":\"x\"}}");
  g_assert_cmpstr (json_object_get_string_member (last (tomasz, "ack"), "code"), ==, "not-found");
  say (f, tomasz, "{\"type\":\"delete\",\"op\":\"d3\",\"id\":\"ev-3\"}");
  g_assert_cmpstr (json_object_get_string_member (last (tomasz, "ack"), "code"), ==, "not-found");
  g_assert_nonnull (pm_document_find_event (f->document, "ev-3"));

  /* A parking-lot topic, raised by his name. */
  say (f, tomasz, "{\"type\":\"topic\",\"op\":\"t1\",\"text\":\"Who owns deploy keys?\"}");
  g_assert_cmpstr (json_object_get_string_member (last (tomasz, "ack"), "status"), ==, "applied");
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_parking_lot (f->document)), ==, 1);
}

/* The moderator's Ctrl+Z never takes a participant's change back, and stays usable. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  Connection *tomasz = join (f, "{\"type\":\"hello\",\"participant\":\"p-2\"}");
  PmEvent *ev1 = pm_document_find_event (f->document, "ev-1");
  PmEvent *ev4 = pm_document_find_event (f->document, "ev-4");
  PmUndoStack *stack = pm_document_get_undo_stack (f->document);

  PmEvent *mine;

  pm_document_set (f->document, ev1, "text", "Key committed by CI", NULL);
  say (f, tomasz, "{\"type\":\"add\",\"op\":\"a1\",\"event\":{\"text\":\"Mine\"}}");
  mine = pm_document_find_event (f->document, json_object_get_string_member (last (tomasz, "ack"), "id"));
  say (f, tomasz, "{\"type\":\"edit\",\"op\":\"e1\",\"op_ref\":\"a1\",\"event\":{\"text\":\"Edited by Tomasz\"}}");
  g_assert_cmpstr (json_object_get_string_member (last (tomasz, "ack"), "status"), ==, "applied");
  g_assert_cmpuint (n_events (f), ==, 5);

  g_assert_true (pm_document_undo (f->document));
  g_assert_cmpstr (pm_event_get_text (ev1), ==, "Key committed");
  g_assert_cmpuint (n_events (f), ==, 5);
  g_assert_cmpstr (pm_event_get_text (mine), ==, "Edited by Tomasz");
  g_assert_cmpstr (pm_event_get_text (ev4), ==, "The key had no owner");
  g_assert_false (pm_undo_stack_get_can_undo (stack));
  g_assert_true (pm_document_redo (f->document));
  g_assert_cmpstr (pm_event_get_text (ev1), ==, "Key committed by CI");
}

static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  Connection *c = connect_one (f);
  g_autofree char *big = NULL;
  g_autofree char *long_text = NULL;
  g_autofree char *message = NULL;
  guint before = n_events (f);
  guint rate_errors = 0;

  /* Nothing before hello. */
  say (f, c, "{\"type\":\"add\",\"op\":\"x\",\"event\":{\"text\":\"early\"}}");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "protocol");
  say (f, c, "not json");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "protocol");
  say (f, c, "{\"type\":\"hello\",\"name\":\"A\",\"name\":\"B\"}");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "protocol");
  pm_live_session_receive (f->session, c->client, "{\"type\":\"hello\",\"name\":\"\xff\"}", 24);
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "protocol");
  say (f, c, "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "protocol");
  say (f, c, "{\"type\":\"hello\",\"name\":\"Mallory\"}");
  last (c, "welcome");

  /* Ops must be short and plain. */
  say (f, c, "{\"type\":\"add\",\"op\":\"../../etc\",\"event\":{\"text\":\"x\"}}");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "protocol");
  say (f, c, "{\"type\":\"add\",\"op\":12,\"event\":{\"text\":\"x\"}}");
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "protocol");

  /* Fields are checked like a file's. */
#define REFUSED(json, field) \
  say (f, c, json); \
  g_assert_cmpstr (json_object_get_string_member (last (c, "ack"), "status"), ==, "refused"); \
  g_assert_cmpstr (json_object_get_string_member (last (c, "ack"), "field"), ==, field);
  REFUSED ("{\"type\":\"add\",\"op\":\"h1\",\"event\":{\"text\":\"\"}}", "event.text");
  REFUSED ("{\"type\":\"add\",\"op\":\"h2\",\"event\":{\"text\":\"x\",\"local\":\"yesterday\"}}", "event.local");
  REFUSED ("{\"type\":\"add\",\"op\":\"h3\",\"event\":{\"text\":\"x\",\"local\":\"2024-02-30 10:00\"}}", "event.local");
  /* 02:30 on 31 March 2024 does not exist in Berlin (clocks go forward). */
  REFUSED ("{\"type\":\"add\",\"op\":\"h4\",\"event\":{\"text\":\"x\",\"local\":\"2024-03-31 02:30\"}}", "event.local");
  REFUSED ("{\"type\":\"add\",\"op\":\"h5\",\"event\":{\"text\":\"x\",\"kind\":\"<script>\"}}", "event.kind");
  REFUSED ("{\"type\":\"add\",\"op\":\"h6\",\"event\":{\"text\":\"x\",\"precision\":\"century\"}}", "event.precision");
  REFUSED ("{\"type\":\"add\",\"op\":\"h7\",\"event\":{\"text\":\"x\",\"actor\":\"two\\nlines\"}}", "event.actor");
  REFUSED ("{\"type\":\"add\",\"op\":\"h8\",\"event\":{\"text\":[\"x\"]}}", "event.text");
  REFUSED ("{\"type\":\"add\",\"op\":\"h9\",\"event\":{\"text\":\"x\",\"contributed\":\"yes\"}}", "event.contributed");
  REFUSED ("{\"type\":\"topic\",\"op\":\"h10\",\"text\":\"two\\nlines\"}", "text");
  REFUSED ("{\"type\":\"add\",\"op\":\"h11\",\"event\":{\"text\":\"x\\u0007bell\"}}", "event.text");
  long_text = g_strnfill (70 * 1024, 'a');
  message = g_strdup_printf ("{\"type\":\"add\",\"op\":\"h12\",\"event\":{\"text\":\"%s\"}}", long_text);
  REFUSED (message, "event.text");
#undef REFUSED
  g_assert_cmpuint (n_events (f), ==, before);

  /* Markup is text: kept as it was typed, never interpreted here. */
  say (f, c, "{\"type\":\"add\",\"op\":\"m1\",\"event\":{\"text\":\"<img src=x onerror=alert(1)>\"}}");
  g_assert_cmpstr (pm_event_get_text (pm_document_find_event (f->document, json_object_get_string_member (last (c, "ack"), "id"))),
                   ==, "<img src=x onerror=alert(1)>");

  /* Too large a message. */
  big = g_strnfill (PM_LIVE_MESSAGE_BYTES + 1, ' ');
  say (f, c, big);
  g_assert_cmpstr (json_object_get_string_member (last (c, "error"), "code"), ==, "too-large");

  /* A flood is slowed down, then cut off; nobody else is affected. */
  for (guint i = 0; i < 400 && !c->closed; i++)
    {
      g_autofree char *flood = g_strdup_printf ("{\"type\":\"add\",\"op\":\"f%u\",\"event\":{\"text\":\"flood %u\"}}", i, i);

      say (f, c, flood);
    }
  for (guint i = 0; i < c->received->len; i++)
    if (strstr (g_ptr_array_index (c->received, i), "\"rate\"") != NULL)
      rate_errors++;
  g_assert_cmpuint (rate_errors, >=, 1);
  g_assert_true (c->closed);
  g_assert_cmpuint (n_events (f), <, before + 1 + PM_LIVE_RATE_BURST + 5);
}

static void
test_remove_and_stop (Fixture       *f,
                      gconstpointer  data)
{
  Connection *tomasz = join (f, "{\"type\":\"hello\",\"participant\":\"p-2\"}");
  Connection *lea = join (f, "{\"type\":\"hello\",\"participant\":\"p-3\"}");
  g_autofree char *token = g_strdup (json_object_get_string_member (last (tomasz, "welcome"), "token"));
  g_autofree char *resume = g_strdup_printf ("{\"type\":\"hello\",\"token\":\"%s\"}", token);
  Connection *again;
  JsonObject *people;

  say (f, tomasz, "{\"type\":\"add\",\"op\":\"a1\",\"event\":{\"text\":\"Before removal\"}}");

  /* A second connection with the token is the same participant. */
  again = connect_one (f);
  say (f, again, resume);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last (again, "welcome"), "you"), "id"), ==, "p-2");
  /* With the answer to the change whose answer the other connection may have lost. */
  {
    JsonArray *answers = json_object_get_array_member (last (again, "welcome"), "answers");

    g_assert_cmpuint (json_array_get_length (answers), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (answers, 0), "op"), ==, "a1");
  }
  /* Its op history is shared: the add is not made twice. */
  say (f, again, "{\"type\":\"add\",\"op\":\"a1\",\"event\":{\"text\":\"Before removal\"}}");
  g_assert_cmpuint (n_events (f), ==, 5);

  pm_live_session_flush (f->session);
  people = latest (lea, "people");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (people, "people")), ==, 2);

  pm_live_session_remove_participant (f->session, "p-2");
  g_assert_true (tomasz->closed);
  g_assert_true (again->closed);
  g_assert_cmpstr (json_object_get_string_member (last (tomasz, "bye"), "reason"), ==, "removed");
  /* His events stay. */
  g_assert_cmpuint (n_events (f), ==, 5);

  /* His token and his name no longer open the session. */
  again = connect_one (f);
  say (f, again, resume);
  g_assert_cmpstr (json_object_get_string_member (last (again, "error"), "code"), ==, "unknown-token");
  say (f, again, "{\"type\":\"hello\",\"participant\":\"p-2\"}");
  g_assert_true (again->closed);

  pm_live_session_stop (f->session);
  g_assert_true (lea->closed);
  g_assert_cmpstr (json_object_get_string_member (last (lea, "bye"), "reason"), ==, "stopped");
}

/* What changes on the moderator's side reaches the participants, and team-only events
 * disappear from their lists. */
static void
test_broadcast (Fixture       *f,
                gconstpointer  data)
{
  Connection *lea = join (f, "{\"type\":\"hello\",\"participant\":\"p-3\"}");
  PmEvent *ev1 = pm_document_find_event (f->document, "ev-1");
  g_autoptr(PmEvent) added = pm_event_new ("ev-9");
  g_autoptr(PmTime) time = pm_time_new (1729906200, 7200, PM_TIME_PRECISION_MINUTE); /* 03:30 */
  JsonObject *object;
  g_autofree char *everything = NULL;

  pm_document_set (f->document, ev1, "confidential", TRUE, NULL);
  pm_live_session_flush (f->session);
  object = latest (lea, "removed");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "ids"), 0), ==, "ev-1");

  pm_event_set_time (added, time);
  pm_event_set_text (added, "Moderator typed this");
  pm_document_add_event (f->document, added);
  pm_document_set (f->document, pm_document_find_event (f->document, "ev-3"), "text", "SECRET still", NULL);
  pm_live_session_flush (f->session);
  object = latest (lea, "events");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "events")), ==, 1);
  /* After ev-3 (team-only, 03:30) and the undated ev-4 that follows it: a participant never
   * learns of ev-3, not even as a neighbour. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (object, "events"), 0), "after"), ==, "ev-4");

  pm_document_remove (f->document, pm_document_get_events (f->document), added);
  pm_live_session_flush (f->session);
  object = latest (lea, "removed");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "ids"), 0), ==, "ev-9");

  everything = all_received (lea);
  g_assert_null (strstr (everything, "SECRET"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/live-session/join", test_join);
  ADD ("/live-session/add-and-see", test_add_and_see);
  ADD ("/live-session/edit-and-delete", test_edit_and_delete);
  ADD ("/live-session/undo", test_undo);
  ADD ("/live-session/hostile", test_hostile);
  ADD ("/live-session/remove-and-stop", test_remove_and_stop);
  ADD ("/live-session/broadcast", test_broadcast);
#undef ADD

  return g_test_run ();
}
