/* pm-live-changes.c — a live participant's changes: read as strictly as a file, applied by
 * the rules of pm-live-session.h (their own events at once, the rest as proposals)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-dismissal.h"
#include "pm-document-format.h"
#include "pm-json.h"
#include "pm-limits.h"
#include "pm-live-session-private.h"
#include "pm-merge.h"
#include "pm-parking-topic.h"
#include "pm-root-cause.h"
#include "pm-vocabulary.h"

void
_pm_live_refusal_clear (Refusal *refusal)
{
  g_clear_pointer (&refusal->message, g_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading messages                                                                            */
/* ------------------------------------------------------------------------------------------ */

gboolean
_pm_live_refuse (Refusal    *refusal,
                 const char *code,
                 const char *field,
                 const char *format,
                 ...)
{
  va_list args;

  refusal->code = code;
  refusal->field = field;
  va_start (args, format);
  refusal->message = g_strdup_vprintf (format, args);
  va_end (args);
  return FALSE;
}

/* A member that must be a string when present. */
gboolean
_pm_live_get_string (JsonObject  *object,
                     const char  *member,
                     const char  *field,
                     const char **out,
                     Refusal     *refusal)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return _pm_live_refuse (refusal, "invalid", field, "%s must be a string", field);
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_bool (JsonObject *object,
          const char *member,
          const char *field,
          gboolean   *out,
          Refusal    *refusal)
{
  JsonNode *node = json_object_get_member (object, member);

  *out = FALSE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return _pm_live_refuse (refusal, "invalid", field, "%s must be true or false", field);
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
_pm_live_is_op (const char *op)
{
  gsize length = op ? strlen (op) : 0;

  if (length == 0 || length > 64)
    return FALSE;
  for (const char *p = op; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

/* "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "YYYY-MM-DD HH:MM:SS": nothing else is read. */
static gboolean
is_local_time (const char *text)
{
  static const char * const shapes[] = { "dddd-dd-dd", "dddd-dd-dd dd:dd", "dddd-dd-dd dd:dd:dd" };
  gsize length = strlen (text);

  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      gboolean fits = strlen (shapes[s]) == length;

      for (gsize i = 0; fits && i < length; i++)
        fits = shapes[s][i] == 'd' ? g_ascii_isdigit (text[i]) : shapes[s][i] == text[i];
      if (fits)
        return TRUE;
    }
  return FALSE;
}

/* FIELDS of the protocol → an event in its file form with @id, checked by the file format. */
static PmEvent *
read_fields (PmLiveSession *self,
             Participant   *participant,
             JsonNode      *node,
             const char    *id,
             const char    *contributor,
             Refusal       *refusal)
{
  g_autoptr(JsonObject) form = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PmTime) time = NULL;
  g_autofree char *where = NULL;
  const char *local, *precision_text, *text, *actor, *lane, *kind;
  gboolean contributed, slowed;
  PmTimePrecision precision = PM_TIME_PRECISION_MINUTE;
  JsonObject *fields;
  PmEvent *event;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return _pm_live_refuse (refusal, "invalid", "event", "event must be an object"), NULL;
  fields = json_node_get_object (node);
  if (!_pm_live_get_string (fields, "local", "event.local", &local, refusal) ||
      !_pm_live_get_string (fields, "precision", "event.precision", &precision_text, refusal) ||
      !_pm_live_get_string (fields, "text", "event.text", &text, refusal) ||
      !_pm_live_get_string (fields, "actor", "event.actor", &actor, refusal) ||
      !_pm_live_get_string (fields, "lane", "event.lane", &lane, refusal) ||
      !_pm_live_get_string (fields, "kind", "event.kind", &kind, refusal) ||
      !get_bool (fields, "contributed", "event.contributed", &contributed, refusal) ||
      !get_bool (fields, "slowed_response", "event.slowed_response", &slowed, refusal))
    return NULL;

  if (text == NULL || strspn (text, " \t\r\n") == strlen (text))
    return _pm_live_refuse (refusal, "invalid", "event.text", "what happened is empty"), NULL;
  if (kind != NULL && *kind != '\0' && !pm_vocabulary_contains (PM_VOCABULARY_EVENT_KIND, kind))
    return _pm_live_refuse (refusal, "invalid", "event.kind", "“%s” is not a kind of event", kind), NULL;

  if (precision_text != NULL && g_strcmp0 (precision_text, "unknown") != 0 &&
      !pm_time_precision_from_string (precision_text, &precision))
    return _pm_live_refuse (refusal, "invalid", "event.precision", "“%s” is not a precision", precision_text), NULL;

  if (g_strcmp0 (precision_text, "unknown") != 0 && local != NULL && *local != '\0')
    {
      g_autoptr(PmTime) typed = NULL;

      if (!is_local_time (local) ||
          (typed = pm_time_parse_user (local, self->zone, &error)) == NULL)
        return _pm_live_refuse (refusal, "invalid", "event.local", "“%s” is not a time in %s%s%s", local,
                                pm_document_get_timezone (self->document),
                                error ? ": " : "", error ? error->message : ""), NULL;
      if (precision_text == NULL)
        precision = pm_time_get_precision (typed);
      time = pm_time_new (pm_time_get_unix (typed), pm_time_get_offset (typed), precision);
    }

  json_object_set_string_member (form, "id", id);
  if (time != NULL)
    {
      g_autofree char *iso = pm_time_to_iso8601 (time);

      json_object_set_string_member (form, "time", iso);
      json_object_set_string_member (form, "precision", pm_time_precision_to_string (precision));
    }
  _pm_live_set_text (form, "text", text);
  _pm_live_set_text (form, "actor", actor);
  _pm_live_set_text (form, "lane", lane);
  _pm_live_set_text (form, "kind", kind);
  _pm_live_set_text (form, "contributor", contributor);
  if (contributed)
    json_object_set_boolean_member (form, "contributed", TRUE);
  if (slowed)
    json_object_set_boolean_member (form, "slowed_response", TRUE);

  where = g_strdup_printf ("message from %s", pm_live_person_get_name (participant->person));
  event = pm_document_read_event (form, where, "event", &error);
  if (event == NULL)
    {
      /* "message from Ana: event.text: …": the member names the field. */
      static const struct { const char *path; const char *field; } fields_by_path[] = {
        { ": event.text", "event.text" }, { ": event.actor", "event.actor" },
        { ": event.lane", "event.lane" }, { ": event.kind", "event.kind" },
        { ": event.time", "event.local" }, { ": event.precision", "event.precision" },
      };
      const char *field = "event";

      for (guint i = 0; i < G_N_ELEMENTS (fields_by_path); i++)
        if (strstr (error->message, fields_by_path[i].path) != NULL)
          field = fields_by_path[i].field;
      _pm_live_refuse (refusal, "invalid", field, "%s", error->message);
      return NULL;
    }
  return event;
}

/* ------------------------------------------------------------------------------------------ */
/* Answers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
answer (PmLiveSession *self,
        PmLiveClient  *client,
        const char    *op,
        const char    *status,
        const char    *event_id,
        Refusal       *refusal)
{
  Participant *participant = client->participant;
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  json_object_set_string_member (object, "type", "ack");
  json_object_set_string_member (object, "op", op);
  json_object_set_string_member (object, "status", status);
  if (event_id != NULL)
    json_object_set_string_member (object, "id", event_id);
  if (refusal != NULL && refusal->code != NULL)
    {
      json_object_set_string_member (object, "code", refusal->code);
      if (refusal->field != NULL)
        json_object_set_string_member (object, "field", refusal->field);
      json_object_set_string_member (object, "message", refusal->message);
    }
  json_node_set_object (node, object);
  text = json_to_string (node, FALSE);

  /* Remembered, so that the same op sent again (after a lost connection) gets the same
   * answer and changes nothing. A refusal for the rate is not final: it may be sent again. */
  if (refusal == NULL || g_strcmp0 (refusal->code, "rate") != 0)
    {
      char *key = g_strdup (op);

      g_queue_push_tail (&participant->op_order, key);
      g_hash_table_insert (participant->answers, key, g_strdup (text));
      if (g_queue_get_length (&participant->op_order) > MAX_OPS_KEPT)
        {
          g_autofree char *oldest = g_queue_pop_head (&participant->op_order);

          g_hash_table_remove (participant->added, oldest);
          g_hash_table_remove (participant->answers, oldest);
        }
    }
  if (!client->closing)
    client->send (client, text, strlen (text), client->user_data);
}

/* ------------------------------------------------------------------------------------------ */
/* Changes                                                                                     */
/* ------------------------------------------------------------------------------------------ */

void
_pm_live_begin_theirs (PmLiveSession *self,
                       Participant   *participant)
{
  self->applying++;
  pm_document_begin_foreign_change (self->document, pm_live_person_get_name (participant->person));
}

void
_pm_live_end_theirs (PmLiveSession *self,
                     Participant   *participant)
{
  pm_document_end_foreign_change (self->document);
  self->applying--;
  _pm_live_person_add_contribution (participant->person);
}

static void
add_proposals (PmLiveSession *self,
               Participant   *participant,
               GPtrArray     *entries)
{
  JsonArray *current = pm_merge_get_conflicts (self->document);
  g_autoptr(JsonArray) conflicts = json_array_new ();

  if (entries->len == 0)
    return;
  for (guint i = 0; current != NULL && i < json_array_get_length (current); i++)
    json_array_add_element (conflicts, json_node_copy (json_array_get_element (current, i)));
  for (guint i = 0; i < entries->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (entries, i);

      json_object_set_string_member (entry, "from", participant->id);
      json_object_set_string_member (entry, "source", _("Live session"));
      json_array_add_object_element (conflicts, json_object_ref (entry));
    }
  _pm_live_begin_theirs (self, participant);
  pm_document_set (self->document, self->document, "merge-conflicts", conflicts, NULL);
  _pm_live_end_theirs (self, participant);
}

/* The value of @member of an event's file form as a proposal holds it (a time as its pair). */
static JsonNode *
proposal_value (JsonObject *form,
                const char *member)
{
  const char *precision = pm_merge_precision_member (member);
  JsonNode *node = json_object_get_member (form, member);

  if (node == NULL)
    return NULL;
  if (precision != NULL)
    {
      JsonObject *pair = json_object_new ();
      JsonNode *pair_node = json_node_new (JSON_NODE_OBJECT);

      json_object_set_member (pair, member, json_node_copy (node));
      if (json_object_has_member (form, precision))
        json_object_set_member (pair, precision,
                                json_node_copy (json_object_get_member (form, precision)));
      json_node_take_object (pair_node, pair);
      return pair_node;
    }
  return json_node_copy (node);
}

static PmEvent *
find_target (PmLiveSession *self,
             Participant   *participant,
             JsonObject    *message,
             Refusal       *refusal)
{
  const char *id, *op_ref;
  PmEvent *event;

  if (!_pm_live_get_string (message, "id", "id", &id, refusal) ||
      !_pm_live_get_string (message, "op_ref", "op_ref", &op_ref, refusal))
    return NULL;
  if (id == NULL && op_ref != NULL)
    id = g_hash_table_lookup (participant->added, op_ref);
  event = id ? pm_document_find_event (self->document, id) : NULL;
  /* A team-only event does not exist for a participant. */
  if (event == NULL || pm_event_get_confidential (event))
    return _pm_live_refuse (refusal, "not-found", "id", "there is no such event"), NULL;
  return event;
}

static gboolean
referenced (PmLiveSession *self,
            const char    *id)
{
  GListModel *root_causes = pm_document_get_root_causes (self->document);
  GListModel *dismissals = pm_document_get_dismissals (self->document);
  JsonArray *duplicates = pm_merge_get_duplicate_suggestions (self->document);

  for (guint i = 0; i < g_list_model_get_n_items (root_causes); i++)
    {
      g_autoptr(PmRootCause) cause = g_list_model_get_item (root_causes, i);
      const char * const *events = pm_root_cause_get_events (cause);

      if (events != NULL && g_strv_contains (events, id))
        return TRUE;
    }
  for (guint i = 0; i < g_list_model_get_n_items (dismissals); i++)
    {
      g_autoptr(PmDismissal) dismissal = g_list_model_get_item (dismissals, i);

      if (g_strcmp0 (pm_dismissal_get_object_id (dismissal), id) == 0)
        return TRUE;
    }
  for (guint i = 0; duplicates != NULL && i < json_array_get_length (duplicates); i++)
    {
      JsonObject *pair = json_array_get_object_element (duplicates, i);

      if (g_strcmp0 (pm_json_object_get_string (pair, "a"), id) == 0 ||
          g_strcmp0 (pm_json_object_get_string (pair, "b"), id) == 0)
        return TRUE;
    }
  return FALSE;
}

void
_pm_live_handle_add (PmLiveSession *self,
                     PmLiveClient  *client,
                     const char    *op,
                     JsonObject    *message)
{
  Participant *participant = client->participant;
  g_auto(Refusal) refusal = { 0 };
  g_autofree char *id = NULL;
  g_autoptr(PmEvent) event = NULL;

  if (g_list_model_get_n_items (pm_document_get_events (self->document)) >= PM_LIMIT_EVENTS)
    {
      _pm_live_refuse (&refusal, "limit", NULL, "the document holds %d events, the most it can hold",
                       PM_LIMIT_EVENTS);
      answer (self, client, op, "refused", NULL, &refusal);
      return;
    }

  id = pm_document_generate_id (self->document, "ev");
  event = read_fields (self, participant, json_object_get_member (message, "event"), id,
                       participant->id, &refusal);
  if (event == NULL)
    {
      answer (self, client, op, "refused", NULL, &refusal);
      return;
    }

  _pm_live_begin_theirs (self, participant);
  pm_document_add_event (self->document, event);
  _pm_live_end_theirs (self, participant);
  g_hash_table_add (participant->own, g_strdup (id));
  answer (self, client, op, "applied", id, NULL);
  /* The answer's key is the op kept in op_order. */
  g_hash_table_insert (participant->added, g_queue_peek_tail (&participant->op_order), g_strdup (id));
}

static gboolean
same_local_time (PmLiveSession *self,
                 const PmTime  *recorded,
                 const PmTime  *sent)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (recorded == NULL || sent == NULL)
    return recorded == sent;
  if (pm_time_get_precision (recorded) != pm_time_get_precision (sent))
    return FALSE;
  a = pm_live_format_local_time (recorded, self->zone);
  b = pm_live_format_local_time (sent, self->zone);
  return g_strcmp0 (a, b) == 0;
}

static const char * const editable_members[] = {
  "time", "text", "actor", "lane", "kind", "contributed", "slowed_response", NULL
};

void
_pm_live_handle_edit (PmLiveSession *self,
                      PmLiveClient  *client,
                      const char    *op,
                      JsonObject    *message)
{
  Participant *participant = client->participant;
  g_auto(Refusal) refusal = { 0 };
  g_autoptr(PmEvent) edited = NULL;
  g_autoptr(JsonObject) ours = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(GPtrArray) proposals = NULL;
  PmEvent *event;

  event = find_target (self, participant, message, &refusal);
  if (event != NULL)
    edited = read_fields (self, participant, json_object_get_member (message, "event"),
                          pm_event_get_id (event), pm_event_get_contributor (event), &refusal);
  if (edited == NULL)
    {
      answer (self, client, op, "refused", NULL, &refusal);
      return;
    }

  /* The time as the participant saw it ("2024-10-26 10:41", minute) sent back unchanged keeps
   * the time as recorded, with the offset it was entered in. */
  if (same_local_time (self, pm_event_get_time (event), pm_event_get_time (edited)))
    pm_event_set_time (edited, pm_event_get_time (event));

  if (_pm_live_is_own (self, participant, event))
    {
      _pm_live_begin_theirs (self, participant);
      pm_document_set (self->document, event,
                       "time", pm_event_get_time (edited),
                       "text", pm_event_get_text (edited),
                       "actor", pm_event_get_actor (edited),
                       "lane", pm_event_get_lane (edited),
                       "kind", pm_event_get_kind (edited),
                       "contributed", pm_event_get_contributed (edited),
                       "slowed-response", pm_event_get_slowed_response (edited),
                       NULL);
      _pm_live_end_theirs (self, participant);
      answer (self, client, op, "applied", pm_event_get_id (event), NULL);
      return;
    }

  /* Someone else's event, or one the moderator changed: the moderator decides. */
  ours = pm_document_dup_event_form (event);
  theirs = pm_document_dup_event_form (edited);
  proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  for (guint i = 0; editable_members[i] != NULL; i++)
    {
      g_autoptr(JsonNode) ours_value = proposal_value (ours, editable_members[i]);
      g_autoptr(JsonNode) theirs_value = proposal_value (theirs, editable_members[i]);

      if ((ours_value == NULL) != (theirs_value == NULL) ||
          (ours_value != NULL && !json_node_equal (ours_value, theirs_value)))
        g_ptr_array_add (proposals, pm_merge_conflict_new ("event", pm_event_get_id (event),
                                                           editable_members[i],
                                                           ours_value, theirs_value));
    }
  add_proposals (self, participant, proposals);
  answer (self, client, op, "proposed", pm_event_get_id (event), NULL);
}

void
_pm_live_handle_delete (PmLiveSession *self,
                        PmLiveClient  *client,
                        const char    *op,
                        JsonObject    *message)
{
  Participant *participant = client->participant;
  g_auto(Refusal) refusal = { 0 };
  g_autofree char *id = NULL;
  PmEvent *event;

  event = find_target (self, participant, message, &refusal);
  if (event == NULL)
    {
      answer (self, client, op, "refused", NULL, &refusal);
      return;
    }
  id = g_strdup (pm_event_get_id (event));

  if (_pm_live_is_own (self, participant, event) && !referenced (self, id))
    {
      _pm_live_begin_theirs (self, participant);
      pm_document_remove (self->document, pm_document_get_events (self->document), event);
      _pm_live_end_theirs (self, participant);
      answer (self, client, op, "applied", id, NULL);
    }
  else
    {
      g_autoptr(GPtrArray) proposals = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
      g_autoptr(JsonObject) ours = pm_document_dup_event_form (event);
      g_autoptr(JsonNode) ours_node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (ours_node, ours);
      g_ptr_array_add (proposals, pm_merge_conflict_new ("event", id, NULL, ours_node, NULL));
      add_proposals (self, participant, proposals);
      answer (self, client, op, "proposed", id, NULL);
    }
}

void
_pm_live_handle_topic (PmLiveSession *self,
                       PmLiveClient  *client,
                       const char    *op,
                       JsonObject    *message)
{
  Participant *participant = client->participant;
  GListModel *parking_lot = pm_document_get_parking_lot (self->document);
  g_auto(Refusal) refusal = { 0 };
  g_autoptr(PmParkingTopic) topic = NULL;
  g_autofree char *text = NULL;
  const char *raw;

  if (!_pm_live_get_string (message, "text", "text", &raw, &refusal))
    {
      answer (self, client, op, "refused", NULL, &refusal);
      return;
    }
  text = g_strstrip (g_strdup (raw ? raw : ""));
  if (*text == '\0')
    _pm_live_refuse (&refusal, "invalid", "text", "the topic is empty");
  else if (g_utf8_strlen (text, -1) > PM_LIMIT_TITLE_CHARS || strpbrk (text, "\r\n") != NULL)
    _pm_live_refuse (&refusal, "invalid", "text", "a topic is one line of at most %d characters",
                     PM_LIMIT_TITLE_CHARS);
  else if (g_list_model_get_n_items (parking_lot) >= PM_LIMIT_LIST_ITEMS)
    _pm_live_refuse (&refusal, "limit", NULL, "the parking lot holds %d topics, the most it can hold",
                     PM_LIMIT_LIST_ITEMS);
  else
    for (const char *p = text; *p; p = g_utf8_next_char (p))
      if (g_unichar_iscntrl (g_utf8_get_char (p)))
        {
          _pm_live_refuse (&refusal, "invalid", "text", "the topic holds a control character");
          break;
        }
  if (refusal.code != NULL)
    {
      answer (self, client, op, "refused", NULL, &refusal);
      return;
    }

  topic = pm_parking_topic_new (text, pm_live_person_get_name (participant->person));
  _pm_live_begin_theirs (self, participant);
  pm_document_append (self->document, parking_lot, topic);
  _pm_live_end_theirs (self, participant);
  answer (self, client, op, "applied", NULL, NULL);
}
