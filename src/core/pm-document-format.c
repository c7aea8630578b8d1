/* pm-document-format.c — the .pmortem file: strict reading, canonical writing
 *
 * Reading goes size cap → strict JSON (pm-json.c) → a typed walk that checks every member
 * before it is used and says where a problem is → links between objects → the model. Members we
 * do not know are kept with the object they belong to and written back after the known ones.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "pm-atomic-file.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-ics.h"
#include "pm-json.h"
#include "pm-limits.h"
#include "pm-participant-copy.h"
#include "pm-review.h"
#include "pm-status-change.h"
#include "pm-unknown-members-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Reading: the walk                                                                           */
/* ------------------------------------------------------------------------------------------ */

typedef enum
{
  TEXT_ID,      /* 1–64 of A–Z a–z 0–9 . _ - */
  TEXT_WORD,    /* a vocabulary value: one line, ≤ 64 characters */
  TEXT_LINE,    /* titles, names, keys: one line, ≤ 256 characters */
  TEXT_SHORT,   /* actors, URLs: one line, ≤ 4096 characters */
  TEXT_LONG,    /* summaries, descriptions, notes: ≤ 64 KiB, line breaks allowed */
  TEXT_DATE,    /* YYYY-MM-DD */
} TextKind;

typedef struct
{
  const char  *name;       /* the file, as shown to the user */
  GString     *path;       /* where we are: $.events[3].time */
  GError     **error;
  gboolean     failed;
  GHashTable  *ids[5];     /* participants, events, root causes, measures, follow-ups: id → path */
} Walk;

enum { IDS_PARTICIPANTS, IDS_EVENTS, IDS_ROOT_CAUSES, IDS_MEASURES, IDS_FOLLOW_UPS };

static gboolean G_GNUC_PRINTF (3, 4)
fail (Walk       *w,
      PmError     code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (w->failed)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (w->error, PM_ERROR, code, "%s: %s: %s", w->name, w->path->str, message);
  w->failed = TRUE;
  return FALSE;
}

static gsize
push_member (Walk       *w,
             const char *member)
{
  gsize mark = w->path->len;

  g_string_append_c (w->path, '.');
  g_string_append (w->path, member);
  return mark;
}

static gsize
push_index (Walk  *w,
            guint  index)
{
  gsize mark = w->path->len;

  g_string_append_printf (w->path, "[%u]", index);
  return mark;
}

static void
pop (Walk  *w,
     gsize  mark)
{
  g_string_truncate (w->path, mark);
}

static const char *
describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("a list");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("text");
    case G_TYPE_BOOLEAN:
      return _("true or false");
    case G_TYPE_INT64:
      return _("a whole number");
    case G_TYPE_DOUBLE:
      return _("a number with a fraction");
    default:
      return _("a value");
    }
}

static gboolean
is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
check_text (Walk       *w,
            const char *text,
            TextKind    kind)
{
  gsize max_chars = 0;
  gboolean multi_line = kind == TEXT_LONG;
  const char *p;

  if (kind == TEXT_LONG && strlen (text) > PM_LIMIT_FREE_TEXT_BYTES)
    {
      g_autofree char *size = g_format_size (strlen (text));
      g_autofree char *limit = g_format_size (PM_LIMIT_FREE_TEXT_BYTES);

      return fail (w, PM_ERROR_LIMIT, _("the text is %s long; at most %s are allowed"),
                   size, limit);
    }

  switch (kind)
    {
    case TEXT_ID:
      if (*text == '\0' || strlen (text) > 64)
        return fail (w, PM_ERROR_INVALID, _("an id must have 1 to 64 characters"));
      for (p = text; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
          return fail (w, PM_ERROR_INVALID,
                       _("the id “%s” may only contain letters A–Z, digits, “-”, “_” and “.”"),
                       text);
      return TRUE;
    case TEXT_DATE:
      {
        unsigned year, month, day;
        char end;

        if (strlen (text) != 10 || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3 ||
            text[4] != '-' || text[7] != '-' ||
            !g_date_valid_dmy (day, month, year))
          return fail (w, PM_ERROR_INVALID, _("“%s” is not a date of the form YYYY-MM-DD"), text);
        return TRUE;
      }
    case TEXT_WORD:
      max_chars = 64;
      break;
    case TEXT_LINE:
      max_chars = PM_LIMIT_TITLE_CHARS;
      break;
    case TEXT_SHORT:
      max_chars = PM_LIMIT_SHORT_TEXT_CHARS;
      break;
    case TEXT_LONG:
    default:
      break;
    }

  if (max_chars > 0)
    {
      glong n_chars = g_utf8_strlen (text, -1);

      if ((gsize) n_chars > max_chars)
        return fail (w, PM_ERROR_LIMIT,
                     _("%ld characters long; at most %lu are allowed"),
                     n_chars, (unsigned long) max_chars);
    }

  for (p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      if (c >= 0x20 && c != 0x7f)
        continue;
      if (multi_line && (c == '\n' || c == '\t' || c == '\r'))
        continue;
      if (c == '\n' || c == '\r')
        return fail (w, PM_ERROR_INVALID, _("line breaks are not allowed here"));
      return fail (w, PM_ERROR_INVALID,
                   _("contains the control character U+%04X, which is not allowed"), c);
    }

  return TRUE;
}

/* Reads an optional (or @required) text member into *@out (NULL when absent or null). */
static gboolean
read_text (Walk        *w,
           JsonObject  *object,
           const char  *member,
           TextKind     kind,
           gboolean     required,
           const char **out)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize mark;
  gboolean ok;

  *out = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      return fail (w, PM_ERROR_INVALID, _("the member “%s” is missing"), member);
    }

  mark = push_member (w, member);
  if (!is_string (node))
    ok = fail (w, PM_ERROR_INVALID, _("expected text, found %s"), describe_node (node));
  else if ((ok = check_text (w, json_node_get_string (node), kind)))
    *out = json_node_get_string (node);
  pop (w, mark);

  /* A required text may be empty: a measure just added has no title yet, and saving it must
   * give a file that opens again. */
  return ok;
}

static gboolean
read_bool (Walk       *w,
           JsonObject *object,
           const char *member,
           gboolean    default_value,
           gboolean   *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize mark;

  *out = default_value;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *out = json_node_get_boolean (node);
      return TRUE;
    }

  mark = push_member (w, member);
  fail (w, PM_ERROR_INVALID, _("expected true or false, found %s"), describe_node (node));
  pop (w, mark);
  return FALSE;
}

/* An optional whole number in @min..@max; *@out is -1 when absent. */
static gboolean
read_int (Walk       *w,
          JsonObject *object,
          const char *member,
          gint64      min,
          gint64      max,
          gint64     *out)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize mark;
  gboolean ok = TRUE;

  *out = -1;
  if (node == NULL)
    return TRUE;

  mark = push_member (w, member);
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    ok = fail (w, PM_ERROR_INVALID, _("expected a whole number, found %s"), describe_node (node));
  else if (json_node_get_int (node) < min || json_node_get_int (node) > max)
    ok = fail (w, PM_ERROR_INVALID,
               _("%lld is out of range (%lld to %lld)"),
               (long long) json_node_get_int (node), (long long) min, (long long) max);
  else
    *out = json_node_get_int (node);
  pop (w, mark);
  return ok;
}

/* An optional object member; *@out is NULL when absent. */
static gboolean
read_object (Walk        *w,
             JsonObject  *object,
             const char  *member,
             JsonObject **out)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize mark;

  *out = NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      *out = json_node_get_object (node);
      return TRUE;
    }

  mark = push_member (w, member);
  fail (w, PM_ERROR_INVALID, _("expected an object, found %s"), describe_node (node));
  pop (w, mark);
  return FALSE;
}

/* An optional list member of at most @max items; *@out is NULL when absent. */
static gboolean
read_array (Walk        *w,
            JsonObject  *object,
            const char  *member,
            guint        max,
            const char  *what,
            JsonArray  **out)
{
  JsonNode *node = json_object_get_member (object, member);
  gsize mark;
  gboolean ok = TRUE;

  *out = NULL;
  if (node == NULL)
    return TRUE;

  mark = push_member (w, member);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    ok = fail (w, PM_ERROR_INVALID, _("expected a list, found %s"), describe_node (node));
  else if (json_array_get_length (json_node_get_array (node)) > max)
    /* Translators: e.g. "10001 events; at most 10000 are allowed" */
    ok = fail (w, PM_ERROR_LIMIT, _("%u %s; at most %u are allowed"),
               json_array_get_length (json_node_get_array (node)), what, max);
  else
    *out = json_node_get_array (node);
  pop (w, mark);
  return ok;
}

/* A list of texts, e.g. links or ids. */
static gboolean
read_strv (Walk        *w,
           JsonObject  *object,
           const char  *member,
           TextKind     kind,
           char      ***out)
{
  JsonArray *array;
  g_autoptr(GPtrArray) items = NULL;
  gsize mark;
  guint n;

  *out = NULL;
  if (!read_array (w, object, member, PM_LIMIT_LIST_ITEMS, _("entries"), &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n + 1, g_free);
  mark = push_member (w, member);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize item_mark = push_index (w, i);

      if (!is_string (node))
        fail (w, PM_ERROR_INVALID, _("expected text, found %s"), describe_node (node));
      else if (check_text (w, json_node_get_string (node), kind))
        {
          if (json_node_get_string (node)[0] == '\0')
            fail (w, PM_ERROR_INVALID, _("an entry must not be empty"));
          else
            g_ptr_array_add (items, g_strdup (json_node_get_string (node)));
        }
      pop (w, item_mark);
      if (w->failed)
        break;
    }
  pop (w, mark);
  if (w->failed)
    return FALSE;

  g_ptr_array_add (items, NULL);
  *out = (char **) g_ptr_array_free (g_steal_pointer (&items), FALSE);
  return TRUE;
}

/* A time is the pair @member ("time", "start", …) and @precision_member. */
static gboolean
read_time (Walk        *w,
           JsonObject  *object,
           const char  *member,
           const char  *precision_member,
           PmTime     **out)
{
  const char *text = NULL, *precision_text = NULL;
  PmTimePrecision precision = PM_TIME_PRECISION_EXACT;
  g_autoptr(GError) error = NULL;
  gsize mark;

  *out = NULL;
  if (!read_text (w, object, member, TEXT_SHORT, FALSE, &text) ||
      !read_text (w, object, precision_member, TEXT_WORD, FALSE, &precision_text))
    return FALSE;

  if (precision_text != NULL && !pm_time_precision_from_string (precision_text, &precision))
    {
      mark = push_member (w, precision_member);
      fail (w, PM_ERROR_INVALID,
            _("“%s” is not a precision (exact, minute, hour or day)"), precision_text);
      pop (w, mark);
      return FALSE;
    }
  if (text == NULL)
    return TRUE;

  *out = pm_time_parse_iso8601 (text, precision, &error);
  if (*out == NULL)
    {
      mark = push_member (w, member);
      fail (w, PM_ERROR_INVALID, "%s", error->message);
      pop (w, mark);
      return FALSE;
    }
  return TRUE;
}

/* A zone this system does not know would be shown as UTC without a word, and every time in
 * the document with it: refused, like any other value we cannot read. */
static gboolean
check_zone (Walk       *w,
            const char *member,
            const char *name)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;
  gsize mark;

  if ((zone = pm_time_zone_new (name, &error)) != NULL)
    return TRUE;

  mark = push_member (w, member);
  fail (w, PM_ERROR_INVALID, "%s", error->message);
  pop (w, mark);
  return FALSE;
}

static gboolean
name_in (const char         *name,
         const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], name))
      return TRUE;
  return FALSE;
}

/* Members of @object not in @known are kept with @owner, to be written back unchanged. */
static void
keep_unknown (JsonObject         *object,
              const char * const *known,
              gpointer            owner,
              const char         *part)
{
  g_autoptr(JsonObject) unknown = NULL;
  g_autoptr(GList) members = NULL;

  if (object == NULL)
    return;

  /* Nearly every object has only members we know: count them by look-up, and build the member
   * list only when something is left over. The owners here are new, so nothing is to forget. */
  {
    guint n_known = 0;

    for (guint i = 0; known[i] != NULL; i++)
      n_known += json_object_has_member (object, known[i]);
    if (n_known == json_object_get_size (object))
      return;
  }

  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (name_in (l->data, known))
        continue;
      if (unknown == NULL)
        unknown = json_object_new ();
      json_object_set_member (unknown, l->data,
                              json_node_copy (json_object_get_member (object, l->data)));
    }

  _pm_unknown_members_set (owner, part, unknown);
}

/* Every element of a collection must be an object; reads its id and checks it is unique. */
static JsonObject *
collection_element (Walk       *w,
                    JsonArray  *array,
                    guint       index,
                    guint       ids,
                    const char **id)
{
  JsonNode *node = json_array_get_element (array, index);
  JsonObject *object;
  gpointer other;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (w, PM_ERROR_INVALID, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_text (w, object, "id", TEXT_ID, TRUE, id))
    return NULL;

  /* The index of the first use, not its path: building a path string per object costs more
   * than the rare message that needs it. */
  other = g_hash_table_lookup (w->ids[ids], *id);
  if (other != NULL)
    {
      static const char * const members[] = {
        [IDS_PARTICIPANTS] = "participants", [IDS_EVENTS] = "events",
        [IDS_ROOT_CAUSES] = "root_causes", [IDS_MEASURES] = "measures",
        [IDS_FOLLOW_UPS] = "follow_ups",
      };
      g_autofree char *first = g_strdup_printf ("$.%s[%u]", members[ids],
                                                GPOINTER_TO_UINT (other) - 1);

      fail (w, PM_ERROR_INVALID, _("the id “%s” is used twice (also at %s)"), *id, first);
      return NULL;
    }
  g_hash_table_insert (w->ids[ids], (gpointer) *id, GUINT_TO_POINTER (index + 1));
  return object;
}

static const char * const reference_members[] = { "key", "url", NULL };
static const char * const cost_members[] = { "amount", "currency", NULL };

static gboolean
read_cost (Walk        *w,
           JsonObject  *object,
           gpointer     owner,
           const char  *part,
           gint64      *amount,
           const char **currency)
{
  JsonObject *cost;
  gsize mark;

  *amount = -1;
  *currency = NULL;
  if (!read_object (w, object, "cost", &cost))
    return FALSE;
  if (cost == NULL)
    return TRUE;

  mark = push_member (w, "cost");
  if (read_int (w, cost, "amount", 0, PM_MAX_SAFE_INTEGER, amount))
    read_text (w, cost, "currency", TEXT_WORD, FALSE, currency);
  keep_unknown (cost, cost_members, owner, part);
  pop (w, mark);
  return !w->failed;
}

static const char * const postmortem_members[] = {
  "title", "reference", "start", "start_precision", "end", "end_precision", "detected",
  "detected_precision", "severity", "status", "classification", "language", "timezone", "tags",
  "lane_order", "summary", "teaser", "impact", "lessons", NULL
};
static const char * const impact_members[] = {
  "duration_minutes", "affected", "data_affected", "cost", "effort_hours", "risk", NULL
};
static const char * const lessons_members[] = { "went_well", "got_lucky", NULL };

static gboolean
read_postmortem (Walk       *w,
                 JsonObject *object,
                 PmDocument *document)
{
  static const struct { PmField field; const char *member; TextKind kind; } texts[] = {
    { PM_FIELD_SEVERITY, "severity", TEXT_WORD },
    { PM_FIELD_STATUS, "status", TEXT_WORD },
    { PM_FIELD_CLASSIFICATION, "classification", TEXT_WORD },
    { PM_FIELD_LANGUAGE, "language", TEXT_WORD },
    { PM_FIELD_TIMEZONE, "timezone", TEXT_LINE },
    { PM_FIELD_SUMMARY, "summary", TEXT_LONG },
    { PM_FIELD_TEASER, "teaser", TEXT_LONG },
  };
  const char *title, *text;
  JsonObject *reference, *impact, *lessons;
  g_autoptr(PmTime) start = NULL, end = NULL, detected = NULL;
  g_auto(GStrv) tags = NULL;
  g_auto(GStrv) lane_order = NULL;
  gsize mark;

  if (!read_text (w, object, "title", TEXT_LINE, TRUE, &title))
    return FALSE;
  g_object_set (document, "title", title, NULL);

  if (!read_object (w, object, "reference", &reference))
    return FALSE;
  if (reference != NULL)
    {
      const char *key, *url;

      mark = push_member (w, "reference");
      if (read_text (w, reference, "key", TEXT_LINE, FALSE, &key) &&
          read_text (w, reference, "url", TEXT_SHORT, FALSE, &url))
        g_object_set (document, "reference-key", key, "reference-url", url, NULL);
      keep_unknown (reference, reference_members, document, "reference");
      pop (w, mark);
      if (w->failed)
        return FALSE;
    }

  if (!read_time (w, object, "start", "start_precision", &start) ||
      !read_time (w, object, "end", "end_precision", &end) ||
      !read_time (w, object, "detected", "detected_precision", &detected))
    return FALSE;
  g_object_set (document, "start", start, "end", end, "detected", detected, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      /* Set even when absent: a new document's defaults (status "draft") are not in the file. */
      if (!read_text (w, object, texts[i].member, texts[i].kind, FALSE, &text))
        return FALSE;
      if (texts[i].field == PM_FIELD_TIMEZONE && text != NULL && !check_zone (w, "timezone", text))
        return FALSE;
      g_object_set (document, pm_document_field_get_name (texts[i].field), text, NULL);
    }

  if (!read_strv (w, object, "tags", TEXT_LINE, &tags))
    return FALSE;
  g_object_set (document, "tags", tags, NULL);

  if (!read_strv (w, object, "lane_order", TEXT_LINE, &lane_order))
    return FALSE;
  g_object_set (document, "lane-order", lane_order, NULL);

  if (!read_object (w, object, "impact", &impact))
    return FALSE;
  if (impact != NULL)
    {
      gint64 duration, cost_amount, effort;
      const char *affected, *data, *currency, *risk;

      mark = push_member (w, "impact");
      if (read_int (w, impact, "duration_minutes", 0, PM_MAX_SAFE_INTEGER, &duration) &&
          read_text (w, impact, "affected", TEXT_LONG, FALSE, &affected) &&
          read_text (w, impact, "data_affected", TEXT_LONG, FALSE, &data) &&
          read_cost (w, impact, document, "impact.cost", &cost_amount, &currency) &&
          read_int (w, impact, "effort_hours", 0, PM_MAX_SAFE_INTEGER, &effort) &&
          read_text (w, impact, "risk", TEXT_LONG, FALSE, &risk))
        g_object_set (document,
                      "duration-minutes", duration,
                      "affected", affected,
                      "data-affected", data,
                      "cost-amount", cost_amount,
                      "cost-currency", currency,
                      "effort-hours", effort,
                      "risk", risk,
                      NULL);
      keep_unknown (impact, impact_members, document, "impact");
      pop (w, mark);
      if (w->failed)
        return FALSE;
    }

  if (!read_object (w, object, "lessons", &lessons))
    return FALSE;
  if (lessons != NULL)
    {
      const char *went_well, *got_lucky;

      mark = push_member (w, "lessons");
      if (read_text (w, lessons, "went_well", TEXT_LONG, FALSE, &went_well) &&
          read_text (w, lessons, "got_lucky", TEXT_LONG, FALSE, &got_lucky))
        g_object_set (document, "went-well", went_well, "got-lucky", got_lucky, NULL);
      keep_unknown (lessons, lessons_members, document, "lessons");
      pop (w, mark);
      if (w->failed)
        return FALSE;
    }

  keep_unknown (object, postmortem_members, document, "postmortem");
  return TRUE;
}

static const char * const participant_members[] = {
  "id", "name", "role", "moderator", "attended", NULL
};

static PmParticipant *
read_participant (Walk       *w,
                  JsonArray  *array,
                  guint       index)
{
  g_autoptr(PmParticipant) participant = NULL;
  JsonObject *object;
  const char *id, *name, *role;
  gboolean moderator, attended;

  if (!(object = collection_element (w, array, index, IDS_PARTICIPANTS, &id)) ||
      !read_text (w, object, "name", TEXT_LINE, TRUE, &name) ||
      !read_text (w, object, "role", TEXT_LINE, FALSE, &role) ||
      !read_bool (w, object, "moderator", FALSE, &moderator) ||
      !read_bool (w, object, "attended", TRUE, &attended))
    return NULL;

  participant = pm_participant_new (id);
  pm_participant_set_name (participant, name);
  pm_participant_set_role (participant, role);
  pm_participant_set_moderator (participant, moderator);
  pm_participant_set_attended (participant, attended);
  keep_unknown (object, participant_members, participant, "");
  return g_steal_pointer (&participant);
}

static const char * const event_members[] = {
  "id", "time", "precision", "actor", "text", "kind", "lane", "contributor", "evidence",
  "contributed", "slowed_response", "confidential", NULL
};

static PmEvent *
read_event (Walk      *w,
            JsonArray *array,
            guint      index)
{
  g_autoptr(PmEvent) event = NULL;
  g_autoptr(PmTime) time = NULL;
  g_auto(GStrv) evidence = NULL;
  JsonObject *object;
  const char *id, *actor, *text, *kind, *lane, *contributor;
  gboolean contributed, slowed, confidential;

  if (!(object = collection_element (w, array, index, IDS_EVENTS, &id)) ||
      !read_time (w, object, "time", "precision", &time) ||
      !read_text (w, object, "actor", TEXT_LINE, FALSE, &actor) ||
      !read_text (w, object, "text", TEXT_LONG, FALSE, &text) ||
      !read_text (w, object, "kind", TEXT_WORD, FALSE, &kind) ||
      !read_text (w, object, "lane", TEXT_LINE, FALSE, &lane) ||
      !read_text (w, object, "contributor", TEXT_ID, FALSE, &contributor) ||
      !read_strv (w, object, "evidence", TEXT_SHORT, &evidence) ||
      !read_bool (w, object, "contributed", FALSE, &contributed) ||
      !read_bool (w, object, "slowed_response", FALSE, &slowed) ||
      !read_bool (w, object, "confidential", FALSE, &confidential))
    return NULL;

  event = pm_event_new (id);
  pm_event_set_time (event, time);
  pm_event_set_actor (event, actor);
  pm_event_set_text (event, text);
  pm_event_set_kind (event, kind);
  pm_event_set_lane (event, lane);
  pm_event_set_contributor (event, contributor);
  pm_event_set_evidence (event, (const char * const *) evidence);
  pm_event_set_contributed (event, contributed);
  pm_event_set_slowed_response (event, slowed);
  pm_event_set_confidential (event, confidential);
  keep_unknown (object, event_members, event, "");
  return g_steal_pointer (&event);
}

/* One event on its own, checked exactly as in a file (a live session's participant sends
 * them one by one). Errors read "@display_name: @path.text: …". */
PmEvent *
pm_document_read_event (JsonObject  *object,
                        const char  *display_name,
                        const char  *path,
                        GError     **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(GString) walk_path = g_string_new (path);
  PmEvent *event;
  Walk w = { 0 };

  g_return_val_if_fail (object != NULL, NULL);
  g_return_val_if_fail (display_name != NULL && path != NULL, NULL);

  json_array_add_object_element (array, json_object_ref (object));
  w.name = display_name;
  w.path = walk_path;
  w.error = error;
  for (guint i = 0; i < G_N_ELEMENTS (w.ids); i++)
    w.ids[i] = g_hash_table_new (g_str_hash, g_str_equal);
  event = read_event (&w, array, 0);
  for (guint i = 0; i < G_N_ELEMENTS (w.ids); i++)
    g_hash_table_unref (w.ids[i]);
  return event;
}

static const char * const root_cause_members[] = {
  "id", "title", "description", "category", "events", "principles", NULL
};
static const char * const assessment_members[] = { "verdict", "note", NULL };
static const char *principle_names[PM_N_PRINCIPLES + 1];

static PmRootCause *
read_root_cause (Walk      *w,
                 JsonArray *array,
                 guint      index)
{
  g_autoptr(PmRootCause) root_cause = NULL;
  g_auto(GStrv) events = NULL;
  JsonObject *object, *principles;
  const char *id, *title, *description, *category;

  if (!(object = collection_element (w, array, index, IDS_ROOT_CAUSES, &id)) ||
      !read_text (w, object, "title", TEXT_LINE, TRUE, &title) ||
      !read_text (w, object, "description", TEXT_LONG, FALSE, &description) ||
      !read_text (w, object, "category", TEXT_WORD, FALSE, &category) ||
      !read_strv (w, object, "events", TEXT_ID, &events) ||
      !read_object (w, object, "principles", &principles))
    return NULL;

  root_cause = pm_root_cause_new (id);
  pm_root_cause_set_title (root_cause, title);
  pm_root_cause_set_description (root_cause, description);
  pm_root_cause_set_category (root_cause, category);
  pm_root_cause_set_events (root_cause, (const char * const *) events);

  if (principles != NULL)
    {
      gsize mark = push_member (w, "principles");

      for (guint i = 0; i < PM_N_PRINCIPLES && !w->failed; i++)
        {
          PmAssessment *assessment = pm_root_cause_get_assessment (root_cause, i);
          JsonObject *entry;
          const char *verdict, *note;
          gsize entry_mark;

          if (!read_object (w, principles, principle_names[i], &entry) || entry == NULL)
            continue;

          entry_mark = push_member (w, principle_names[i]);
          if (read_text (w, entry, "verdict", TEXT_WORD, TRUE, &verdict) &&
              read_text (w, entry, "note", TEXT_LONG, FALSE, &note))
            {
              pm_assessment_set_verdict (assessment, verdict);
              pm_assessment_set_note (assessment, note);
            }
          keep_unknown (entry, assessment_members, assessment, "");
          pop (w, entry_mark);
        }
      keep_unknown (principles, principle_names, root_cause, "principles");
      pop (w, mark);
      if (w->failed)
        return NULL;
    }

  keep_unknown (object, root_cause_members, root_cause, "");
  return g_steal_pointer (&root_cause);
}

static const char * const measure_members[] = {
  "id", "title", "description", "owner", "escalation", "kind", "status", "drop_reason", "due",
  "ticket", "root_causes", "effort", "cost", "benefit", "summary", "confidential", "history", NULL
};
static const char * const history_members[] = { "time", "precision", "from", "to", "note", NULL };

static gboolean
read_history (Walk      *w,
              JsonArray *array,
              PmMeasure *measure)
{
  guint n = json_array_get_length (array);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func (g_object_unref);
  gsize mark = push_member (w, "history");

  for (guint i = 0; i < n && !w->failed; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize item_mark = push_index (w, i);
      JsonObject *object;
      g_autoptr(PmTime) time = NULL;
      const char *from, *to, *note;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        fail (w, PM_ERROR_INVALID, _("expected an object, found %s"), describe_node (node));
      else if (read_time (w, (object = json_node_get_object (node)), "time", "precision", &time) &&
               read_text (w, object, "from", TEXT_WORD, FALSE, &from) &&
               read_text (w, object, "to", TEXT_WORD, TRUE, &to) &&
               read_text (w, object, "note", TEXT_LONG, FALSE, &note))
        {
          if (time == NULL)
            fail (w, PM_ERROR_INVALID, _("the member “%s” is missing"), "time");
          else
            {
              PmStatusChange *change = pm_status_change_new (time, from, to, note);

              keep_unknown (object, history_members, change, "");
              g_ptr_array_add (changes, change);
            }
        }
      pop (w, item_mark);
    }
  pop (w, mark);

  if (w->failed)
    return FALSE;
  g_list_store_splice (G_LIST_STORE (pm_measure_get_history (measure)), 0, 0,
                       changes->pdata, changes->len);
  return TRUE;
}

static PmMeasure *
read_measure (Walk      *w,
              JsonArray *array,
              guint      index)
{
  g_autoptr(PmMeasure) measure = NULL;
  g_auto(GStrv) root_causes = NULL;
  JsonObject *object, *ticket;
  JsonArray *history;
  const char *id, *title, *description, *owner, *escalation, *kind, *status, *drop_reason;
  const char *due, *key = NULL, *url = NULL, *effort, *currency, *benefit;
  gint64 amount;
  gboolean summary, confidential;

  if (!(object = collection_element (w, array, index, IDS_MEASURES, &id)) ||
      !read_text (w, object, "title", TEXT_LINE, TRUE, &title) ||
      !read_text (w, object, "description", TEXT_LONG, FALSE, &description) ||
      !read_text (w, object, "owner", TEXT_ID, FALSE, &owner) ||
      !read_text (w, object, "escalation", TEXT_LINE, FALSE, &escalation) ||
      !read_text (w, object, "kind", TEXT_WORD, FALSE, &kind) ||
      !read_text (w, object, "status", TEXT_WORD, FALSE, &status) ||
      !read_text (w, object, "drop_reason", TEXT_LONG, FALSE, &drop_reason) ||
      !read_text (w, object, "due", TEXT_DATE, FALSE, &due) ||
      !read_object (w, object, "ticket", &ticket))
    return NULL;

  measure = pm_measure_new (id);
  if (ticket != NULL)
    {
      gsize mark = push_member (w, "ticket");

      if (read_text (w, ticket, "key", TEXT_LINE, FALSE, &key))
        read_text (w, ticket, "url", TEXT_SHORT, FALSE, &url);
      keep_unknown (ticket, reference_members, measure, "ticket");
      pop (w, mark);
      if (w->failed)
        return NULL;
    }

  if (!read_strv (w, object, "root_causes", TEXT_ID, &root_causes) ||
      !read_text (w, object, "effort", TEXT_LINE, FALSE, &effort) ||
      !read_cost (w, object, measure, "cost", &amount, &currency) ||
      !read_text (w, object, "benefit", TEXT_LONG, FALSE, &benefit) ||
      !read_bool (w, object, "summary", FALSE, &summary) ||
      !read_bool (w, object, "confidential", FALSE, &confidential) ||
      !read_array (w, object, "history", PM_LIMIT_LIST_ITEMS, _("history entries"), &history))
    return NULL;

  pm_measure_set_title (measure, title);
  pm_measure_set_description (measure, description);
  pm_measure_set_owner (measure, owner);
  pm_measure_set_escalation (measure, escalation);
  pm_measure_set_kind (measure, kind);
  if (status != NULL)
    pm_measure_set_status (measure, status);
  pm_measure_set_drop_reason (measure, drop_reason);
  pm_measure_set_due (measure, due);
  pm_measure_set_ticket_key (measure, key);
  pm_measure_set_ticket_url (measure, url);
  pm_measure_set_root_causes (measure, (const char * const *) root_causes);
  pm_measure_set_effort (measure, effort);
  pm_measure_set_cost_amount (measure, amount);
  pm_measure_set_cost_currency (measure, currency);
  pm_measure_set_benefit (measure, benefit);
  pm_measure_set_summary (measure, summary);
  pm_measure_set_confidential (measure, confidential);
  if (history != NULL && !read_history (w, history, measure))
    return NULL;

  keep_unknown (object, measure_members, measure, "");
  return g_steal_pointer (&measure);
}

static const char * const follow_up_members[] = {
  "id", "time", "precision", "attendees", "notes", "reviews", NULL
};
static const char * const review_members[] = { "measure", "status", "note", NULL };

/* A follow-up is there to be sent as an invitation: a date no invitation can hold (an hour
 * either side of the years 0001–9999 in UTC) would be written as something else. */
static gboolean
check_follow_up_time (Walk         *w,
                      const PmTime *time)
{
  g_autoptr(GError) error = NULL;
  gsize mark;

  if (time == NULL || pm_ics_check_time (time, &error))
    return TRUE;

  mark = push_member (w, "time");
  fail (w, PM_ERROR_INVALID, "%s", error->message);
  pop (w, mark);
  return FALSE;
}

static PmFollowUp *
read_follow_up (Walk      *w,
                JsonArray *array,
                guint      index)
{
  g_autoptr(PmFollowUp) follow_up = NULL;
  g_autoptr(PmTime) time = NULL;
  g_auto(GStrv) attendees = NULL;
  g_autoptr(GPtrArray) reviews = g_ptr_array_new_with_free_func (g_object_unref);
  JsonObject *object;
  JsonArray *review_array;
  const char *id, *notes;
  gsize mark;

  if (!(object = collection_element (w, array, index, IDS_FOLLOW_UPS, &id)) ||
      !read_time (w, object, "time", "precision", &time) ||
      !check_follow_up_time (w, time) ||
      !read_strv (w, object, "attendees", TEXT_ID, &attendees) ||
      !read_text (w, object, "notes", TEXT_LONG, FALSE, &notes) ||
      !read_array (w, object, "reviews", PM_LIMIT_LIST_ITEMS, _("reviews"), &review_array))
    return NULL;

  follow_up = pm_follow_up_new (id);
  pm_follow_up_set_time (follow_up, time);
  pm_follow_up_set_attendees (follow_up, (const char * const *) attendees);
  pm_follow_up_set_notes (follow_up, notes);

  mark = push_member (w, "reviews");
  for (guint i = 0; review_array != NULL && i < json_array_get_length (review_array); i++)
    {
      JsonNode *node = json_array_get_element (review_array, i);
      gsize item_mark = push_index (w, i);
      JsonObject *entry;
      const char *measure, *status, *note;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        fail (w, PM_ERROR_INVALID, _("expected an object, found %s"), describe_node (node));
      else if (read_text (w, (entry = json_node_get_object (node)), "measure", TEXT_ID, TRUE, &measure) &&
               read_text (w, entry, "status", TEXT_WORD, FALSE, &status) &&
               read_text (w, entry, "note", TEXT_LONG, FALSE, &note))
        {
          PmReview *review = pm_review_new (measure);

          pm_review_set_status (review, status);
          pm_review_set_note (review, note);
          keep_unknown (entry, review_members, review, "");
          g_ptr_array_add (reviews, review);
        }
      pop (w, item_mark);
      if (w->failed)
        break;
    }
  pop (w, mark);
  if (w->failed)
    return NULL;

  g_list_store_splice (G_LIST_STORE (pm_follow_up_get_reviews (follow_up)), 0, 0,
                       reviews->pdata, reviews->len);
  keep_unknown (object, follow_up_members, follow_up, "");
  return g_steal_pointer (&follow_up);
}

static const char * const dismissal_members[] = { "rule", "object", "reason", NULL };

/* Whether @id names an object a finding can be about. Ids are unique per collection only, and
 * the file does not say which kind of object a dismissal is about, so any collection will do:
 * findings are about events, root causes, measures and participants (pm-finding.h), and a
 * merge keeps dismissals that name a follow-up too (pm-merge.c). Only an id that names nothing
 * cannot be right: the app drops a dismissal with the object it is about. */
static gboolean
names_an_object (Walk       *w,
                 const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (w->ids); i++)
    if (g_hash_table_contains (w->ids[i], id))
      return TRUE;
  return FALSE;
}

/* A method finding set aside: the rule is kept verbatim (a newer version may know more rules);
 * the object, when there is one (none: the whole document), must name an object of the
 * document. Dismissals are read after every collection, so all ids are known here. */
static PmDismissal *
read_dismissal (Walk      *w,
                JsonArray *array,
                guint      index)
{
  JsonNode *node = json_array_get_element (array, index);
  PmDismissal *dismissal;
  JsonObject *object;
  const char *rule, *object_id, *reason;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (w, PM_ERROR_INVALID, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_text (w, object, "rule", TEXT_WORD, TRUE, &rule) ||
      !read_text (w, object, "object", TEXT_ID, FALSE, &object_id) ||
      !read_text (w, object, "reason", TEXT_LONG, FALSE, &reason))
    return NULL;
  if (rule[0] == '\0')
    {
      gsize mark = push_member (w, "rule");

      fail (w, PM_ERROR_INVALID, _("the rule must not be empty"));
      pop (w, mark);
      return NULL;
    }
  if (object_id != NULL && !names_an_object (w, object_id))
    {
      gsize mark = push_member (w, "object");

      fail (w, PM_ERROR_INVALID,
            _("no event, root cause, measure, participant or follow-up meeting has the id “%s”"),
            object_id);
      pop (w, mark);
      return NULL;
    }

  dismissal = pm_dismissal_new (rule, object_id, reason);
  keep_unknown (object, dismissal_members, dismissal, "");
  return dismissal;
}

typedef gpointer (*ReadItem) (Walk *w, JsonArray *array, guint index);

/* Reads the collection @member into @items. */
static gboolean
read_collection (Walk       *w,
                 JsonObject *root,
                 const char *member,
                 guint       max,
                 const char *what,
                 ReadItem    read_item,
                 GPtrArray  *items)
{
  JsonArray *array;
  gsize mark;
  guint n;

  if (!read_array (w, root, member, max, what, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  mark = push_member (w, member);
  for (guint i = 0; i < n; i++)
    {
      gsize item_mark = push_index (w, i);
      gpointer item = read_item (w, array, i);

      pop (w, item_mark);
      if (item == NULL)
        break;
      g_ptr_array_add (items, item);
    }
  pop (w, mark);
  return !w->failed;
}

/* Links must name an object that exists: checked once everything is read. */
static gboolean
check_link (Walk       *w,
            const char *path,
            const char *id,
            guint       ids)
{
  if (id == NULL || g_hash_table_contains (w->ids[ids], id))
    return TRUE;

  g_string_assign (w->path, path);
  switch (ids)
    {
    case IDS_PARTICIPANTS:
      return fail (w, PM_ERROR_INVALID, _("no participant has the id “%s”"), id);
    case IDS_EVENTS:
      return fail (w, PM_ERROR_INVALID, _("no event has the id “%s”"), id);
    case IDS_ROOT_CAUSES:
      return fail (w, PM_ERROR_INVALID, _("no root cause has the id “%s”"), id);
    case IDS_MEASURES:
      return fail (w, PM_ERROR_INVALID, _("no measure has the id “%s”"), id);
    default:
      return fail (w, PM_ERROR_INVALID, _("no follow-up meeting has the id “%s”"), id);
    }
}

static gboolean
check_link_list (Walk               *w,
                 const char         *path,
                 const char * const *ids_list,
                 guint               ids)
{
  for (guint i = 0; ids_list[i] != NULL; i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);

      if (!check_link (w, item_path, ids_list[i], ids))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_links (Walk      *w,
             GPtrArray *events,
             GPtrArray *root_causes,
             GPtrArray *measures,
             GPtrArray *follow_ups)
{
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.events[%u].contributor", i);

      if (!check_link (w, path, pm_event_get_contributor (events->pdata[i]), IDS_PARTICIPANTS))
        return FALSE;
    }
  for (guint i = 0; i < root_causes->len; i++)
    {
      g_autofree char *path = g_strdup_printf ("$.root_causes[%u].events", i);

      if (!check_link_list (w, path, pm_root_cause_get_events (root_causes->pdata[i]), IDS_EVENTS))
        return FALSE;
    }
  for (guint i = 0; i < measures->len; i++)
    {
      g_autofree char *owner_path = g_strdup_printf ("$.measures[%u].owner", i);
      g_autofree char *causes_path = g_strdup_printf ("$.measures[%u].root_causes", i);

      if (!check_link (w, owner_path, pm_measure_get_owner (measures->pdata[i]), IDS_PARTICIPANTS) ||
          !check_link_list (w, causes_path, pm_measure_get_root_causes (measures->pdata[i]),
                            IDS_ROOT_CAUSES))
        return FALSE;
    }
  for (guint i = 0; i < follow_ups->len; i++)
    {
      GListModel *reviews = pm_follow_up_get_reviews (follow_ups->pdata[i]);
      g_autofree char *path = g_strdup_printf ("$.follow_ups[%u].attendees", i);

      if (!check_link_list (w, path, pm_follow_up_get_attendees (follow_ups->pdata[i]),
                            IDS_PARTICIPANTS))
        return FALSE;
      for (guint j = 0; j < g_list_model_get_n_items (reviews); j++)
        {
          g_autoptr(PmReview) review = g_list_model_get_item (reviews, j);
          g_autofree char *review_path =
            g_strdup_printf ("$.follow_ups[%u].reviews[%u].measure", i, j);

          if (!check_link (w, review_path, pm_review_get_measure (review), IDS_MEASURES))
            return FALSE;
        }
    }
  return TRUE;
}

/* The meeting (see pm-meeting-timer.h): the agenda with time boxes and time spent, the step the
 * meeting is at, and the parking lot. Absent: the default agenda, not started, no topics. */
static const char * const meeting_members[] = { "current_step", "agenda", "parking_lot", NULL };
static const char * const agenda_step_members[] = { "step", "minutes", "spent_seconds", NULL };
static const char * const parking_topic_members[] = { "text", "raised_by", NULL };

static PmAgendaStep *
read_agenda_step (Walk       *w,
                  JsonArray  *array,
                  guint       index,
                  GHashTable *seen)
{
  JsonNode *node = json_array_get_element (array, index);
  JsonObject *object;
  const char *step;
  gint64 minutes, spent;
  PmAgendaStep *agenda_step;
  gsize mark;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (w, PM_ERROR_INVALID, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_text (w, object, "step", TEXT_WORD, TRUE, &step))
    return NULL;

  mark = push_member (w, "step");
  if (step[0] == '\0')
    fail (w, PM_ERROR_INVALID, _("the step must not be empty"));
  else if (g_hash_table_contains (seen, step))
    fail (w, PM_ERROR_INVALID, _("the step “%s” is on the agenda twice"), step);
  pop (w, mark);
  if (w->failed)
    return NULL;
  g_hash_table_add (seen, (gpointer) step);

  if (!read_int (w, object, "minutes", 0, PM_AGENDA_MAX_MINUTES, &minutes) ||
      !read_int (w, object, "spent_seconds", 0, PM_AGENDA_MAX_SPENT_SECONDS, &spent))
    return NULL;
  if (minutes < 0)
    {
      fail (w, PM_ERROR_INVALID, _("the member “%s” is missing"), "minutes");
      return NULL;
    }

  agenda_step = pm_agenda_step_new (step, (int) minutes);
  pm_agenda_step_set_spent_seconds (agenda_step, MAX (spent, 0));
  keep_unknown (object, agenda_step_members, agenda_step, "");
  return agenda_step;
}

static PmParkingTopic *
read_parking_topic (Walk      *w,
                    JsonArray *array,
                    guint      index)
{
  JsonNode *node = json_array_get_element (array, index);
  JsonObject *object;
  const char *text, *raised_by;
  PmParkingTopic *topic;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (w, PM_ERROR_INVALID, _("expected an object, found %s"), describe_node (node));
      return NULL;
    }
  object = json_node_get_object (node);
  if (!read_text (w, object, "text", TEXT_SHORT, TRUE, &text) ||
      !read_text (w, object, "raised_by", TEXT_LINE, FALSE, &raised_by))
    return NULL;

  topic = pm_parking_topic_new (text, raised_by);
  keep_unknown (object, parking_topic_members, topic, "");
  return topic;
}

static gboolean
read_meeting (Walk       *w,
              JsonObject *root,
              PmDocument *document)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) topics = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *meeting;
  JsonArray *agenda;
  const char *current_step;
  gsize mark, list_mark;

  if (!read_object (w, root, "meeting", &meeting))
    return FALSE;
  if (meeting == NULL)
    return TRUE;

  mark = push_member (w, "meeting");

  if (!read_array (w, meeting, "agenda", PM_LIMIT_AGENDA_STEPS, _("agenda steps"), &agenda))
    goto out;
  if (agenda != NULL)
    {
      guint n = json_array_get_length (agenda);

      list_mark = push_member (w, "agenda");
      if (n == 0)
        fail (w, PM_ERROR_INVALID, _("the agenda must have at least one step"));
      for (guint i = 0; i < n && !w->failed; i++)
        {
          gsize item_mark = push_index (w, i);
          PmAgendaStep *step = read_agenda_step (w, agenda, i, seen);

          if (step != NULL)
            g_ptr_array_add (steps, step);
          pop (w, item_mark);
        }
      pop (w, list_mark);
      if (w->failed)
        goto out;
    }
  else
    for (const char * const *step = pm_agenda_default_steps (); *step != NULL; step++)
      g_hash_table_add (seen, (gpointer) *step);

  if (!read_text (w, meeting, "current_step", TEXT_WORD, FALSE, &current_step))
    goto out;
  if (current_step != NULL && !g_hash_table_contains (seen, current_step))
    {
      list_mark = push_member (w, "current_step");
      fail (w, PM_ERROR_INVALID, _("the agenda has no step “%s”"), current_step);
      pop (w, list_mark);
      goto out;
    }

  if (!read_collection (w, meeting, "parking_lot", PM_LIMIT_LIST_ITEMS, _("topics"),
                        (ReadItem) read_parking_topic, topics))
    goto out;

  if (steps->len > 0)
    {
      GListStore *store = G_LIST_STORE (pm_document_get_agenda (document));

      g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                           steps->pdata, steps->len);
    }
  g_object_set (document, "current-step", current_step, NULL);
  g_list_store_splice (G_LIST_STORE (pm_document_get_parking_lot (document)), 0, 0,
                       topics->pdata, topics->len);
  keep_unknown (meeting, meeting_members, document, "meeting");

out:
  pop (w, mark);
  return !w->failed;
}

static const char * const header_members[] = {
  "format", "format_version", "min_reader_version", "generator", "postmortem", "participants",
  "events", "root_causes", "measures", "follow_ups", "dismissed_findings", "merge_conflicts",
  "duplicate_suggestions", "prepared_for", "prepared_base", "prepared_token", "prepared_copies",
  "meeting", NULL
};

/* Exactly @length lowercase hex digits. */
static gboolean
is_hex (const char *text,
        guint       length)
{
  guint n = 0;

  for (; text[n] != '\0'; n++)
    if (!g_ascii_isdigit (text[n]) && !(text[n] >= 'a' && text[n] <= 'f'))
      return FALSE;
  return n == length;
}

/* Exactly PM_PARTICIPANT_COPY_DIGEST_LENGTH lowercase hex digits, as pm_participant_copy_digest() writes. */
static gboolean
is_digest (const char *text)
{
  return is_hex (text, PM_PARTICIPANT_COPY_DIGEST_LENGTH);
}

/* A participant's copy (see pm-participant-copy.h): who it is for, and the events as sent. */
static gboolean
read_participant_copy (Walk       *w,
                       JsonObject *root,
                       PmDocument *document)
{
  g_autoptr(GHashTable) sent = g_hash_table_new (g_str_hash, g_str_equal);
  const char *prepared_for;
  JsonArray *base;
  gsize mark;

  if (!read_text (w, root, "prepared_for", TEXT_ID, FALSE, &prepared_for) ||
      !check_link (w, "$.prepared_for", prepared_for, IDS_PARTICIPANTS))
    return FALSE;
  g_string_assign (w->path, "$");
  if (!read_array (w, root, "prepared_base", PM_LIMIT_EVENTS, _("prepared events"), &base))
    return FALSE;

  /* The ids are not checked against the events: the list is the events as they were sent,
   * and an event the participant deleted from their copy is rightly absent from it (collecting
   * then keeps it deleted, see pm-collect.c), as is a confidential one. What cannot be right
   * is an id that is not an id, an event sent twice (which digest would count?) and a digest
   * that pm_participant_copy_digest() cannot have made. */
  mark = push_member (w, "prepared_base");
  for (guint i = 0; base != NULL && i < json_array_get_length (base) && !w->failed; i++)
    {
      gsize item_mark = push_index (w, i);
      JsonNode *node = json_array_get_element (base, i);
      JsonObject *entry;
      const char *event, *digest;
      gpointer first;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        fail (w, PM_ERROR_INVALID, _("expected an object, found %s"), describe_node (node));
      else if (read_text (w, (entry = json_node_get_object (node)), "event", TEXT_ID, TRUE, &event) &&
               read_text (w, entry, "digest", TEXT_WORD, TRUE, &digest))
        {
          gsize member_mark;

          if ((first = g_hash_table_lookup (sent, event)) != NULL)
            {
              member_mark = push_member (w, "event");
              fail (w, PM_ERROR_INVALID,
                    _("the event “%s” is listed twice (also at $.prepared_base[%u])"),
                    event, GPOINTER_TO_UINT (first) - 1);
              pop (w, member_mark);
            }
          else if (!is_digest (digest))
            {
              member_mark = push_member (w, "digest");
              fail (w, PM_ERROR_INVALID,
                    _("“%s” is not a digest (%d digits 0–9 and a–f)"),
                    digest, PM_PARTICIPANT_COPY_DIGEST_LENGTH);
              pop (w, member_mark);
            }
          else
            g_hash_table_insert (sent, (gpointer) event, GUINT_TO_POINTER (i + 1));
        }
      pop (w, item_mark);
    }
  pop (w, mark);
  if (w->failed)
    return FALSE;

  /* The copy's token, and the document's record of the copies it prepared. */
  {
    const char *token;
    JsonArray *prepared;

    g_string_assign (w->path, "$");
    if (!read_text (w, root, "prepared_token", TEXT_ID, FALSE, &token))
      return FALSE;
    if (token != NULL && !is_hex (token, 32))
      {
        g_string_assign (w->path, "$.prepared_token");
        return fail (w, PM_ERROR_INVALID, _("“%s” is not a copy’s token (32 digits 0–9 and a–f)"),
                     token);
      }
    g_string_assign (w->path, "$");
    if (!read_array (w, root, "prepared_copies", PM_LIMIT_LIST_ITEMS, _("prepared copies"),
                     &prepared))
      return FALSE;
    mark = push_member (w, "prepared_copies");
    for (guint i = 0; prepared != NULL && i < json_array_get_length (prepared) && !w->failed; i++)
      {
        gsize item_mark = push_index (w, i);
        JsonNode *node = json_array_get_element (prepared, i);
        const char *digest = NULL, *participant = NULL;

        if (!JSON_NODE_HOLDS_OBJECT (node))
          fail (w, PM_ERROR_INVALID, _("expected an object, found %s"), describe_node (node));
        else if (read_text (w, json_node_get_object (node), "participant", TEXT_ID, TRUE, &participant) &&
                 read_text (w, json_node_get_object (node), "token_sha256", TEXT_ID, TRUE, &digest) &&
                 !is_hex (digest, 64))
          {
            gsize member_mark = push_member (w, "token_sha256");

            fail (w, PM_ERROR_INVALID, _("“%s” is not a SHA-256 digest (64 digits 0–9 and a–f)"),
                  digest);
            pop (w, member_mark);
          }
        pop (w, item_mark);
      }
    pop (w, mark);
    if (w->failed)
      return FALSE;
    pm_participant_copy_set_token (document, token);
    pm_participant_copy_set_prepared (document, prepared);
  }

  g_object_set (document, "prepared-for", prepared_for, NULL);
  pm_participant_copy_set_base (document, base);
  return TRUE;
}

/* What a merge left for the team to decide (see pm-merge.h): kept as JSON on the document. */
static gboolean
read_merge_list (Walk        *w,
                 JsonObject  *root,
                 const char  *member,
                 const char  *what,
                 JsonArray  **out)
{
  JsonArray *array;
  gsize mark;
  gboolean conflicts = strcmp (member, "merge_conflicts") == 0;

  *out = NULL;
  if (!read_array (w, root, member, PM_LIMIT_EVENTS, what, &array))
    return FALSE;
  if (array == NULL)
    return TRUE;

  mark = push_member (w, member);
  for (guint i = 0; i < json_array_get_length (array) && !w->failed; i++)
    {
      gsize item_mark = push_index (w, i);
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *text;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        fail (w, PM_ERROR_INVALID, _("expected an object, found %s"), describe_node (node));
      else if (object = json_node_get_object (node), conflicts)
        {
          g_autofree char *from_path = g_strdup_printf ("$.%s[%u].from", member, i);
          const char *from = NULL;

          /* A participant's proposal names who made it and where it came from. */
          (void) (read_text (w, object, "kind", TEXT_WORD, TRUE, &text) &&
                  read_text (w, object, "id", TEXT_LINE, FALSE, &text) &&
                  read_text (w, object, "member", TEXT_LINE, FALSE, &text) &&
                  read_text (w, object, "source", TEXT_LINE, FALSE, &text) &&
                  read_text (w, object, "from", TEXT_ID, FALSE, &from) &&
                  check_link (w, from_path, from, IDS_PARTICIPANTS));
        }
      else
        /* A suggestion is about two events of this document: the merge that makes it and the
         * app when an event is removed drop the pairs that name an event no longer there. */
        for (guint k = 0; k < 2 && !w->failed; k++)
          {
            const char *side = k == 0 ? "a" : "b";

            if (read_text (w, object, side, TEXT_ID, TRUE, &text) &&
                !g_hash_table_contains (w->ids[IDS_EVENTS], text))
              {
                gsize member_mark = push_member (w, side);

                fail (w, PM_ERROR_INVALID, _("no event has the id “%s”"), text);
                pop (w, member_mark);
              }
          }
      pop (w, item_mark);
    }
  pop (w, mark);
  if (!w->failed)
    *out = array;
  return !w->failed;
}

static gboolean
read_header (Walk       *w,
             JsonObject *root,
             gint64     *format_version,
             gint64     *min_reader_version)
{
  const char *format, *generator;

  if (!read_text (w, root, "format", TEXT_WORD, FALSE, &format))
    return FALSE;
  if (g_strcmp0 (format, "pmortem") != 0)
    return fail (w, PM_ERROR_INVALID,
                 _("this is not a Postmortem file (its “format” member is not “pmortem”)"));

  /* Not kept (we write our own), but a file that says who wrote it says it as text. */
  if (!read_text (w, root, "generator", TEXT_LINE, FALSE, &generator))
    return FALSE;

  if (!read_int (w, root, "format_version", 1, G_MAXINT, format_version) ||
      !read_int (w, root, "min_reader_version", 1, G_MAXINT, min_reader_version))
    return FALSE;
  if (*format_version < 0)
    return fail (w, PM_ERROR_INVALID, _("the member “%s” is missing"), "format_version");
  if (*min_reader_version < 0)
    return fail (w, PM_ERROR_INVALID, _("the member “%s” is missing"), "min_reader_version");
  if (*min_reader_version > PM_FORMAT_VERSION)
    return fail (w, PM_ERROR_VERSION,
                 _("written by a newer Postmortem: reading it needs file format %lld or later, "
                   "and this version (%s) reads format %d"),
                 (long long) *min_reader_version, PACKAGE_VERSION, PM_FORMAT_VERSION);
  return TRUE;
}

static void
splice_all (GListModel *model,
            GPtrArray  *items)
{
  g_list_store_splice (G_LIST_STORE (model), 0, 0, items->pdata, items->len);
}

static void
init_principle_names (void)
{
  if (principle_names[0] == NULL)
    for (guint i = 0; i < PM_N_PRINCIPLES; i++)
      principle_names[i] = pm_principle_to_string (i);
}

PmDocument *
pm_document_load_from_data (const char  *data,
                            gsize        length,
                            const char  *display_name,
                            GError     **error)
{
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(GPtrArray) participants = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) root_causes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) measures = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) follow_ups = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) dismissals = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GString) path = g_string_new ("$");
  JsonObject *root, *postmortem;
  gint64 format_version, min_reader_version;
  Walk w = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  init_principle_names ();

  if (length > PM_LIMIT_FILE_BYTES)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (PM_LIMIT_FILE_BYTES);

      g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                   _("%s: the file is %s; files larger than %s are not opened"),
                   display_name, size, limit);
      return NULL;
    }

  root_node = pm_json_parse (data, length, NULL, &parse_error);
  if (root_node == NULL)
    {
      g_set_error (error, PM_ERROR, parse_error->code, "%s:%s", display_name, parse_error->message);
      return NULL;
    }

  w.name = display_name;
  w.path = path;
  w.error = error;
  for (guint i = 0; i < G_N_ELEMENTS (w.ids); i++)
    w.ids[i] = g_hash_table_new (g_str_hash, g_str_equal);

  document = pm_document_new ();

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      fail (&w, PM_ERROR_INVALID, _("this is not a Postmortem file (expected an object, found %s)"),
            describe_node (root_node));
      goto out;
    }
  root = json_node_get_object (root_node);

  if (!read_header (&w, root, &format_version, &min_reader_version))
    goto out;
  _pm_document_set_versions (document, format_version, min_reader_version);

  if (!read_object (&w, root, "postmortem", &postmortem))
    goto out;
  if (postmortem == NULL)
    {
      fail (&w, PM_ERROR_INVALID, _("the member “%s” is missing"), "postmortem");
      goto out;
    }
  {
    gsize mark = push_member (&w, "postmortem");

    ok = read_postmortem (&w, postmortem, document);
    pop (&w, mark);
    if (!ok)
      goto out;
  }

  if (!read_collection (&w, root, "participants", PM_LIMIT_PARTICIPANTS, _("participants"),
                        (ReadItem) read_participant, participants) ||
      !read_collection (&w, root, "events", PM_LIMIT_EVENTS, _("events"),
                        (ReadItem) read_event, events) ||
      !read_collection (&w, root, "root_causes", PM_LIMIT_ROOT_CAUSES, _("root causes"),
                        (ReadItem) read_root_cause, root_causes) ||
      !read_collection (&w, root, "measures", PM_LIMIT_MEASURES, _("measures"),
                        (ReadItem) read_measure, measures) ||
      !read_collection (&w, root, "follow_ups", PM_LIMIT_FOLLOW_UPS, _("follow-up meetings"),
                        (ReadItem) read_follow_up, follow_ups) ||
      !read_collection (&w, root, "dismissed_findings", PM_LIMIT_LIST_ITEMS,
                        _("dismissed findings"), (ReadItem) read_dismissal, dismissals) ||
      !check_links (&w, events, root_causes, measures, follow_ups))
    goto out;

  {
    JsonArray *conflicts, *suggestions;

    if (!read_merge_list (&w, root, "merge_conflicts", _("merge conflicts"), &conflicts) ||
        !read_merge_list (&w, root, "duplicate_suggestions", _("duplicate suggestions"),
                          &suggestions))
      goto out;
    pm_document_set_merge_conflicts (document, conflicts);
    pm_document_set_duplicate_suggestions (document, suggestions);
  }

  if (!read_participant_copy (&w, root, document))
    goto out;

  if (!read_meeting (&w, root, document))
    goto out;

  keep_unknown (root, header_members, document, "");

  /* A hand-edited file may list events out of order; the timeline order keeps unknown times
   * next to their neighbours. Files we wrote are already in this order. */
  {
    g_autofree const PmTime **times = g_new (const PmTime *, events->len + 1);
    g_autofree guint *order = NULL;
    g_autoptr(GPtrArray) sorted = g_ptr_array_new_full (events->len, NULL);

    for (guint i = 0; i < events->len; i++)
      times[i] = pm_event_get_time (events->pdata[i]);
    order = pm_timeline_order ((const PmTime * const *) times, events->len);
    for (guint i = 0; i < events->len; i++)
      g_ptr_array_add (sorted, events->pdata[order[i]]);
    splice_all (pm_document_get_events (document), sorted);
  }

  splice_all (pm_document_get_participants (document), participants);
  splice_all (pm_document_get_root_causes (document), root_causes);
  splice_all (pm_document_get_measures (document), measures);
  splice_all (pm_document_get_follow_ups (document), follow_ups);
  splice_all (pm_document_get_dismissals (document), dismissals);

out:
  for (guint i = 0; i < G_N_ELEMENTS (w.ids); i++)
    g_clear_pointer (&w.ids[i], g_hash_table_unref);
  if (w.failed)
    return NULL;

  /* Loading is not an edit. */
  pm_undo_stack_clear (pm_document_get_undo_stack (document));
  pm_document_mark_saved (document);
  return g_steal_pointer (&document);
}

PmDocument *
pm_document_load_from_file (const char  *path,
                            GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *display_name = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  if (!pm_file_read_bounded (path, PM_LIMIT_FILE_BYTES, &contents, &length, error))
    return NULL;

  display_name = g_filename_display_name (path);
  return pm_document_load_from_data (contents, length, display_name, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Writing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* A streaming writer for the canonical layout; it matches pm_json_write() for unknown members. */
typedef struct
{
  GString  *out;
  guint     depth;
  gboolean  empty[PM_LIMIT_DEPTH + 2];  /* nothing written yet in the container at this depth */
} Writer;

static void
newline_indent (Writer *wr)
{
  g_string_append_c (wr->out, '\n');
  for (guint i = 0; i < wr->depth; i++)
    g_string_append (wr->out, "  ");
}

/* Starts a member (@key) or an array element (@key NULL). */
static void
begin_value (Writer     *wr,
             const char *key)
{
  if (wr->depth > 0)
    {
      if (!wr->empty[wr->depth])
        g_string_append_c (wr->out, ',');
      wr->empty[wr->depth] = FALSE;
      newline_indent (wr);
    }
  if (key != NULL)
    {
      pm_json_write_string (key, wr->out);
      g_string_append (wr->out, ": ");
    }
}

static void
open_container (Writer     *wr,
                const char *key,
                char        bracket)
{
  begin_value (wr, key);
  g_string_append_c (wr->out, bracket);
  wr->depth++;
  wr->empty[wr->depth] = TRUE;
}

static void
close_container (Writer *wr,
                 char    bracket)
{
  gboolean was_empty = wr->empty[wr->depth];

  wr->depth--;
  if (!was_empty)
    newline_indent (wr);
  g_string_append_c (wr->out, bracket);
}

/* Which kind of text a member holds, for writing: the same bounds the reader enforces. */
static TextKind
kind_for_key (const char *key)
{
  static const char * const words[] = {
    "format", "generator", "severity", "status", "classification", "language", "kind",
    "category", "verdict", "from", "to", "currency", "precision", "start_precision",
    "end_precision", "detected_precision", NULL
  };
  static const char * const lines[] = {
    "title", "name", "role", "actor", "lane", "key", "escalation", "effort", "timezone", "tags",
    "lane_order", NULL
  };
  static const char * const ids[] = {
    "id", "contributor", "owner", "measure", "events", "root_causes", "attendees", NULL
  };

  if (key == NULL)
    return TEXT_LONG;
  if (name_in (key, words))
    return TEXT_WORD;
  if (name_in (key, lines))
    return TEXT_LINE;
  if (name_in (key, ids))
    return TEXT_ID;
  if (g_str_equal (key, "due"))
    return TEXT_DATE;
  if (g_str_equal (key, "url") || g_str_equal (key, "evidence") || g_str_equal (key, "time") ||
      g_str_equal (key, "start") || g_str_equal (key, "end") || g_str_equal (key, "detected"))
    return TEXT_SHORT;
  return TEXT_LONG;
}

/* Text that reached the model through the API but breaks the file's rules (a tab in a title,
 * an overlong note) is written so that it still loads: control characters become spaces in
 * one-line fields and are dropped elsewhere, and the text is cut at its limit. A saved file
 * that cannot be opened again would be the worst outcome. */
static const char *
sanitize_text (const char  *value,
               TextKind     kind,
               char       **owned)
{
  gsize max_chars = kind == TEXT_WORD ? 64 : kind == TEXT_LINE ? PM_LIMIT_TITLE_CHARS
                  : kind == TEXT_SHORT ? PM_LIMIT_SHORT_TEXT_CHARS : 0;
  gboolean clean = TRUE;
  gsize n_chars = 0;
  GString *out;

  if (kind == TEXT_ID || kind == TEXT_DATE)
    return value;

  for (const char *p = value; *p && clean; p++)
    {
      guchar c = (guchar) *p;

      if (c < 0x20 || c == 0x7f)
        clean = kind == TEXT_LONG && (c == '\n' || c == '\t' || c == '\r');
    }
  if (clean && (max_chars > 0 ? (gsize) g_utf8_strlen (value, -1) <= max_chars
                              : strlen (value) <= PM_LIMIT_FREE_TEXT_BYTES))
    return value;

  out = g_string_new (NULL);
  for (const char *p = value; *p; p = g_utf8_next_char (p))
    {
      guchar c = (guchar) *p;
      const char *next = g_utf8_next_char (p);

      if (max_chars > 0 && n_chars++ >= max_chars)
        break;
      if (max_chars == 0 && out->len + (next - p) > PM_LIMIT_FREE_TEXT_BYTES)
        break;
      if (c < 0x20 || c == 0x7f)
        {
          if (kind == TEXT_LONG && (c == '\n' || c == '\t' || c == '\r'))
            g_string_append_c (out, (char) c);
          else if (kind != TEXT_LONG)
            g_string_append_c (out, ' ');
          continue;
        }
      g_string_append_len (out, p, next - p);
    }

  *owned = g_string_free (out, FALSE);
  return *owned;
}

static void
write_text_as (Writer     *wr,
               const char *key,
               const char *value,
               TextKind    kind)
{
  g_autofree char *owned = NULL;

  if (value == NULL || *value == '\0')
    return;
  begin_value (wr, key);
  pm_json_write_string (sanitize_text (value, kind, &owned), wr->out);
}

static void
write_text (Writer     *wr,
            const char *key,
            const char *value)
{
  write_text_as (wr, key, value, kind_for_key (key));
}

/* Members the reader requires are written even when empty. */
static void
write_required_text (Writer     *wr,
                     const char *key,
                     const char *value)
{
  if (value == NULL || *value == '\0')
    {
      begin_value (wr, key);
      g_string_append (wr->out, "\"\"");
    }
  else
    write_text (wr, key, value);
}

static void
write_int (Writer     *wr,
           const char *key,
           gint64      value)
{
  begin_value (wr, key);
  g_string_append_printf (wr->out, "%" G_GINT64_FORMAT, value);
}

static void
write_true (Writer     *wr,
            const char *key,
            gboolean    value)
{
  if (!value)
    return;
  begin_value (wr, key);
  g_string_append (wr->out, "true");
}

static void
write_strv (Writer             *wr,
            const char         *key,
            const char * const *values)
{
  if (values == NULL || values[0] == NULL)
    return;
  open_container (wr, key, '[');
  for (guint i = 0; values[i] != NULL; i++)
    write_text_as (wr, NULL, values[i], kind_for_key (key));
  close_container (wr, ']');
}

static void
write_time (Writer       *wr,
            const char   *key,
            const char   *precision_key,
            const PmTime *time)
{
  g_autofree char *text = NULL;

  if (time == NULL)
    return;
  text = pm_time_to_iso8601 (time);
  write_text (wr, key, text);
  write_text (wr, precision_key, pm_time_precision_to_string (pm_time_get_precision (time)));
}

static void
write_unknown (Writer     *wr,
               gpointer    owner,
               const char *part)
{
  JsonObject *unknown = _pm_unknown_members_get (owner, part);
  g_autoptr(GList) members = NULL;

  if (unknown == NULL)
    return;

  members = json_object_get_members (unknown);
  for (GList *l = members; l != NULL; l = l->next)
    {
      begin_value (wr, l->data);
      pm_json_write (json_object_get_member (unknown, l->data), wr->depth, wr->out);
    }
}

/* A nested object such as "ticket" is written only when it has something in it. */
static gboolean
has_content (gpointer     owner,
             const char  *part,
             const char  *first,
             ...)
{
  va_list args;
  gboolean found = _pm_unknown_members_get (owner, part) != NULL;

  va_start (args, first);
  for (const char *value = first; !found && value != (const char *) 1;
       value = va_arg (args, const char *))
    found = value != NULL && *value != '\0';
  va_end (args);
  return found;
}

#define END_OF_VALUES ((const char *) 1)

static void
write_cost (Writer     *wr,
            gpointer    owner,
            const char *part,
            gint64      amount,
            const char *currency)
{
  if (amount < 0 && !has_content (owner, part, currency, END_OF_VALUES))
    return;

  open_container (wr, "cost", '{');
  if (amount >= 0)
    write_int (wr, "amount", amount);
  write_text (wr, "currency", currency);
  write_unknown (wr, owner, part);
  close_container (wr, '}');
}

static void
write_postmortem (Writer     *wr,
                  PmDocument *document)
{
  const char *key = pm_document_get_field (document, PM_FIELD_REFERENCE_KEY);
  const char *url = pm_document_get_field (document, PM_FIELD_REFERENCE_URL);
  gint64 duration = pm_document_get_duration_minutes (document);
  gint64 cost = pm_document_get_cost_amount (document);
  gint64 effort = pm_document_get_effort_hours (document);

  open_container (wr, "postmortem", '{');
  write_required_text (wr, "title", pm_document_get_title (document));
  if (has_content (document, "reference", key, url, END_OF_VALUES))
    {
      open_container (wr, "reference", '{');
      write_text (wr, "key", key);
      write_text (wr, "url", url);
      write_unknown (wr, document, "reference");
      close_container (wr, '}');
    }
  write_time (wr, "start", "start_precision", pm_document_get_start (document));
  write_time (wr, "end", "end_precision", pm_document_get_end (document));
  write_time (wr, "detected", "detected_precision", pm_document_get_detected (document));
  write_text (wr, "severity", pm_document_get_field (document, PM_FIELD_SEVERITY));
  write_text (wr, "status", pm_document_get_field (document, PM_FIELD_STATUS));
  write_text (wr, "classification", pm_document_get_field (document, PM_FIELD_CLASSIFICATION));
  write_text (wr, "language", pm_document_get_field (document, PM_FIELD_LANGUAGE));
  write_text (wr, "timezone", pm_document_get_field (document, PM_FIELD_TIMEZONE));
  write_strv (wr, "tags", pm_document_get_tags (document));
  write_strv (wr, "lane_order", pm_document_get_lane_order (document));
  write_text (wr, "summary", pm_document_get_field (document, PM_FIELD_SUMMARY));
  write_text (wr, "teaser", pm_document_get_field (document, PM_FIELD_TEASER));

  if (duration >= 0 || cost >= 0 || effort >= 0 ||
      has_content (document, "impact",
                   pm_document_get_field (document, PM_FIELD_AFFECTED),
                   pm_document_get_field (document, PM_FIELD_DATA_AFFECTED),
                   pm_document_get_field (document, PM_FIELD_COST_CURRENCY),
                   pm_document_get_field (document, PM_FIELD_RISK),
                   _pm_unknown_members_get (document, "impact.cost") ? "cost" : NULL,
                   END_OF_VALUES))
    {
      open_container (wr, "impact", '{');
      if (duration >= 0)
        write_int (wr, "duration_minutes", duration);
      write_text (wr, "affected", pm_document_get_field (document, PM_FIELD_AFFECTED));
      write_text (wr, "data_affected", pm_document_get_field (document, PM_FIELD_DATA_AFFECTED));
      write_cost (wr, document, "impact.cost", cost,
                  pm_document_get_field (document, PM_FIELD_COST_CURRENCY));
      if (effort >= 0)
        write_int (wr, "effort_hours", effort);
      write_text (wr, "risk", pm_document_get_field (document, PM_FIELD_RISK));
      write_unknown (wr, document, "impact");
      close_container (wr, '}');
    }

  if (has_content (document, "lessons",
                   pm_document_get_field (document, PM_FIELD_WENT_WELL),
                   pm_document_get_field (document, PM_FIELD_GOT_LUCKY),
                   END_OF_VALUES))
    {
      open_container (wr, "lessons", '{');
      write_text (wr, "went_well", pm_document_get_field (document, PM_FIELD_WENT_WELL));
      write_text (wr, "got_lucky", pm_document_get_field (document, PM_FIELD_GOT_LUCKY));
      write_unknown (wr, document, "lessons");
      close_container (wr, '}');
    }

  write_unknown (wr, document, "postmortem");
  close_container (wr, '}');
}

static void
write_participant (Writer        *wr,
                   PmParticipant *participant)
{
  open_container (wr, NULL, '{');
  write_text (wr, "id", pm_participant_get_id (participant));
  write_required_text (wr, "name", pm_participant_get_name (participant));
  write_text (wr, "role", pm_participant_get_role (participant));
  write_true (wr, "moderator", pm_participant_get_moderator (participant));
  if (!pm_participant_get_attended (participant))
    {
      begin_value (wr, "attended");
      g_string_append (wr->out, "false");
    }
  write_unknown (wr, participant, "");
  close_container (wr, '}');
}

static void
write_event (Writer  *wr,
             PmEvent *event)
{
  open_container (wr, NULL, '{');
  write_text (wr, "id", pm_event_get_id (event));
  write_time (wr, "time", "precision", pm_event_get_time (event));
  write_text (wr, "actor", pm_event_get_actor (event));
  write_text (wr, "text", pm_event_get_text (event));
  write_text (wr, "kind", pm_event_get_kind (event));
  write_text (wr, "lane", pm_event_get_lane (event));
  write_text (wr, "contributor", pm_event_get_contributor (event));
  write_strv (wr, "evidence", pm_event_get_evidence (event));
  write_true (wr, "contributed", pm_event_get_contributed (event));
  write_true (wr, "slowed_response", pm_event_get_slowed_response (event));
  write_true (wr, "confidential", pm_event_get_confidential (event));
  write_unknown (wr, event, "");
  close_container (wr, '}');
}

/* The members write_event() writes, as a tree (members it does not know are left out). */
JsonObject *
pm_document_dup_event_form (PmEvent *event)
{
  JsonObject *object = json_object_new ();
  const PmTime *time = pm_event_get_time (event);
  const char * const *evidence = pm_event_get_evidence (event);
  const struct { const char *member; const char *value; } texts[] = {
    { "actor", pm_event_get_actor (event) }, { "text", pm_event_get_text (event) },
    { "kind", pm_event_get_kind (event) }, { "lane", pm_event_get_lane (event) },
    { "contributor", pm_event_get_contributor (event) },
  };

  g_return_val_if_fail (PM_IS_EVENT (event), NULL);

  json_object_set_string_member (object, "id", pm_event_get_id (event));
  if (time != NULL)
    {
      g_autofree char *text = pm_time_to_iso8601 (time);

      json_object_set_string_member (object, "time", text);
      json_object_set_string_member (object, "precision",
                                     pm_time_precision_to_string (pm_time_get_precision (time)));
    }
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    if (texts[i].value != NULL && *texts[i].value != '\0')
      json_object_set_string_member (object, texts[i].member, texts[i].value);
  if (evidence != NULL && evidence[0] != NULL)
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; evidence[i] != NULL; i++)
        json_array_add_string_element (array, evidence[i]);
      json_object_set_array_member (object, "evidence", array);
    }
  if (pm_event_get_contributed (event))
    json_object_set_boolean_member (object, "contributed", TRUE);
  if (pm_event_get_slowed_response (event))
    json_object_set_boolean_member (object, "slowed_response", TRUE);
  if (pm_event_get_confidential (event))
    json_object_set_boolean_member (object, "confidential", TRUE);
  return object;
}

static void
write_root_cause (Writer      *wr,
                  PmRootCause *root_cause)
{
  gboolean any_assessed = _pm_unknown_members_get (root_cause, "principles") != NULL;

  open_container (wr, NULL, '{');
  write_text (wr, "id", pm_root_cause_get_id (root_cause));
  write_required_text (wr, "title", pm_root_cause_get_title (root_cause));
  write_text (wr, "description", pm_root_cause_get_description (root_cause));
  write_text (wr, "category", pm_root_cause_get_category (root_cause));
  write_strv (wr, "events", pm_root_cause_get_events (root_cause));

  for (guint i = 0; i < PM_N_PRINCIPLES && !any_assessed; i++)
    any_assessed = g_strcmp0 (pm_assessment_get_verdict (pm_root_cause_get_assessment (root_cause, i)),
                              "not-assessed") != 0;
  if (any_assessed)
    {
      open_container (wr, "principles", '{');
      for (guint i = 0; i < PM_N_PRINCIPLES; i++)
        {
          PmAssessment *assessment = pm_root_cause_get_assessment (root_cause, i);

          if (g_strcmp0 (pm_assessment_get_verdict (assessment), "not-assessed") == 0)
            continue;
          open_container (wr, pm_principle_to_string (i), '{');
          write_required_text (wr, "verdict", pm_assessment_get_verdict (assessment));
          write_text (wr, "note", pm_assessment_get_note (assessment));
          write_unknown (wr, assessment, "");
          close_container (wr, '}');
        }
      write_unknown (wr, root_cause, "principles");
      close_container (wr, '}');
    }

  write_unknown (wr, root_cause, "");
  close_container (wr, '}');
}

static void
write_measure (Writer    *wr,
               PmMeasure *measure)
{
  GListModel *history = pm_measure_get_history (measure);
  guint n_history = g_list_model_get_n_items (history);
  const char *key = pm_measure_get_ticket_key (measure);
  const char *url = pm_measure_get_ticket_url (measure);

  open_container (wr, NULL, '{');
  write_text (wr, "id", pm_measure_get_id (measure));
  write_required_text (wr, "title", pm_measure_get_title (measure));
  write_text (wr, "description", pm_measure_get_description (measure));
  write_text (wr, "owner", pm_measure_get_owner (measure));
  write_text (wr, "escalation", pm_measure_get_escalation (measure));
  write_text (wr, "kind", pm_measure_get_kind (measure));
  write_text (wr, "status", pm_measure_get_status (measure));
  write_text (wr, "drop_reason", pm_measure_get_drop_reason (measure));
  write_text (wr, "due", pm_measure_get_due (measure));
  if (has_content (measure, "ticket", key, url, END_OF_VALUES))
    {
      open_container (wr, "ticket", '{');
      write_text (wr, "key", key);
      write_text (wr, "url", url);
      write_unknown (wr, measure, "ticket");
      close_container (wr, '}');
    }
  write_strv (wr, "root_causes", pm_measure_get_root_causes (measure));
  write_text (wr, "effort", pm_measure_get_effort (measure));
  write_cost (wr, measure, "cost", pm_measure_get_cost_amount (measure),
              pm_measure_get_cost_currency (measure));
  write_text (wr, "benefit", pm_measure_get_benefit (measure));
  write_true (wr, "summary", pm_measure_get_summary (measure));
  write_true (wr, "confidential", pm_measure_get_confidential (measure));

  if (n_history > 0)
    {
      open_container (wr, "history", '[');
      for (guint i = 0; i < n_history; i++)
        {
          g_autoptr(PmStatusChange) change = g_list_model_get_item (history, i);

          open_container (wr, NULL, '{');
          write_time (wr, "time", "precision", pm_status_change_get_time (change));
          write_text (wr, "from", pm_status_change_get_from (change));
          write_required_text (wr, "to", pm_status_change_get_to (change));
          write_text (wr, "note", pm_status_change_get_note (change));
          write_unknown (wr, change, "");
          close_container (wr, '}');
        }
      close_container (wr, ']');
    }

  write_unknown (wr, measure, "");
  close_container (wr, '}');
}

static void
write_follow_up (Writer     *wr,
                 PmFollowUp *follow_up)
{
  GListModel *reviews = pm_follow_up_get_reviews (follow_up);
  guint n_reviews = g_list_model_get_n_items (reviews);

  open_container (wr, NULL, '{');
  write_text (wr, "id", pm_follow_up_get_id (follow_up));
  write_time (wr, "time", "precision", pm_follow_up_get_time (follow_up));
  write_strv (wr, "attendees", pm_follow_up_get_attendees (follow_up));
  write_text (wr, "notes", pm_follow_up_get_notes (follow_up));
  if (n_reviews > 0)
    {
      open_container (wr, "reviews", '[');
      for (guint i = 0; i < n_reviews; i++)
        {
          g_autoptr(PmReview) review = g_list_model_get_item (reviews, i);

          open_container (wr, NULL, '{');
          write_text (wr, "measure", pm_review_get_measure (review));
          write_text (wr, "status", pm_review_get_status (review));
          write_text (wr, "note", pm_review_get_note (review));
          write_unknown (wr, review, "");
          close_container (wr, '}');
        }
      close_container (wr, ']');
    }
  write_unknown (wr, follow_up, "");
  close_container (wr, '}');
}

static void
write_dismissal (Writer      *wr,
                 PmDismissal *dismissal)
{
  open_container (wr, NULL, '{');
  write_text_as (wr, "rule", pm_dismissal_get_rule (dismissal), TEXT_WORD);
  write_text_as (wr, "object", pm_dismissal_get_object_id (dismissal), TEXT_ID);
  write_text_as (wr, "reason", pm_dismissal_get_reason (dismissal), TEXT_LONG);
  write_unknown (wr, dismissal, "");
  close_container (wr, '}');
}

/* Optional: written only when a merge left something to decide. */
static void
write_merge_list (Writer     *wr,
                  const char *key,
                  JsonArray  *array)
{
  g_autoptr(JsonNode) node = NULL;

  if (array == NULL || json_array_get_length (array) == 0)
    return;
  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, array);
  begin_value (wr, key);
  pm_json_write (node, wr->depth, wr->out);
}

/* The open decisions; a proposal whose participant was removed since keeps its source but no
 * longer names them. */
static JsonArray *
conflicts_to_write (PmDocument *document)
{
  JsonArray *conflicts = pm_document_get_merge_conflicts (document);
  JsonArray *written;

  if (conflicts == NULL)
    return NULL;
  written = json_array_new ();
  for (guint i = 0; i < json_array_get_length (conflicts); i++)
    {
      JsonNode *node = json_array_get_element (conflicts, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *from = pm_json_object_get_string (entry, "from");

      if (from != NULL && pm_document_find_participant (document, from) == NULL)
        {
          JsonObject *copy = json_object_new ();
          g_autoptr(GList) names = json_object_get_members (entry);

          for (GList *l = names; l != NULL; l = l->next)
            if (strcmp (l->data, "from") != 0)
              json_object_set_member (copy, l->data,
                                      json_node_copy (json_object_get_member (entry, l->data)));
          json_array_add_object_element (written, copy);
        }
      else
        json_array_add_element (written, json_node_ref (node));
    }
  return written;
}

/* The meeting, written only when it holds something: a changed agenda or time spent, a current
 * step, a topic, or members a newer version wrote. */
static gboolean
agenda_has_unknown (GListModel *agenda)
{
  guint n = g_list_model_get_n_items (agenda);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmAgendaStep) step = g_list_model_get_item (agenda, i);

      if (_pm_unknown_members_get (step, "") != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
write_meeting (Writer     *wr,
               PmDocument *document)
{
  GListModel *agenda = pm_document_get_agenda (document);
  GListModel *parking_lot = pm_document_get_parking_lot (document);
  guint n_steps = g_list_model_get_n_items (agenda);
  guint n_topics = g_list_model_get_n_items (parking_lot);
  /* Never a step the agenda does not have: the reader refuses that. */
  const char *current_step =
    pm_document_find_agenda_step (document, pm_document_get_current_step (document)) != NULL
      ? pm_document_get_current_step (document) : NULL;
  gboolean write_agenda = n_steps > 0 &&
                          (!pm_document_agenda_is_default (document) || agenda_has_unknown (agenda));

  if (current_step == NULL && !write_agenda && n_topics == 0 &&
      _pm_unknown_members_get (document, "meeting") == NULL)
    return;

  open_container (wr, "meeting", '{');
  write_text_as (wr, "current_step", current_step, TEXT_WORD);
  if (write_agenda)
    {
      open_container (wr, "agenda", '[');
      for (guint i = 0; i < n_steps; i++)
        {
          g_autoptr(PmAgendaStep) step = g_list_model_get_item (agenda, i);

          open_container (wr, NULL, '{');
          write_text_as (wr, "step", pm_agenda_step_get_step (step), TEXT_WORD);
          write_int (wr, "minutes", pm_agenda_step_get_minutes (step));
          if (pm_agenda_step_get_spent_seconds (step) > 0)
            write_int (wr, "spent_seconds", pm_agenda_step_get_spent_seconds (step));
          write_unknown (wr, step, "");
          close_container (wr, '}');
        }
      close_container (wr, ']');
    }
  if (n_topics > 0)
    {
      open_container (wr, "parking_lot", '[');
      for (guint i = 0; i < n_topics; i++)
        {
          g_autoptr(PmParkingTopic) topic = g_list_model_get_item (parking_lot, i);
          const char *text = pm_parking_topic_get_text (topic);

          open_container (wr, NULL, '{');
          /* Required, so written even while still empty. */
          if (text[0] == '\0')
            {
              begin_value (wr, "text");
              g_string_append (wr->out, "\"\"");
            }
          else
            write_text_as (wr, "text", text, TEXT_SHORT);
          write_text_as (wr, "raised_by", pm_parking_topic_get_raised_by (topic), TEXT_LINE);
          write_unknown (wr, topic, "");
          close_container (wr, '}');
        }
      close_container (wr, ']');
    }
  write_unknown (wr, document, "meeting");
  close_container (wr, '}');
}

typedef void (*WriteItem) (Writer *wr, gpointer item);

static void
write_collection (Writer     *wr,
                  const char *key,
                  GListModel *model,
                  WriteItem   write_item)
{
  guint n = g_list_model_get_n_items (model);

  open_container (wr, key, '[');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      write_item (wr, item);
    }
  close_container (wr, ']');
}

char *
pm_document_serialize (PmDocument *document,
                       gsize      *length)
{
  Writer wr = { 0 };
  guint n_events;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  n_events = g_list_model_get_n_items (pm_document_get_events (document));
  wr.out = g_string_sized_new (4096 + 400 * n_events);

  open_container (&wr, NULL, '{');
  write_text (&wr, "format", "pmortem");
  write_int (&wr, "format_version", pm_document_get_format_version (document));
  write_int (&wr, "min_reader_version", pm_document_get_min_reader_version (document));
  write_text (&wr, "generator", "pmortem " PACKAGE_VERSION);
  write_postmortem (&wr, document);
  write_collection (&wr, "participants", pm_document_get_participants (document),
                    (WriteItem) write_participant);
  write_collection (&wr, "events", pm_document_get_events (document), (WriteItem) write_event);
  write_collection (&wr, "root_causes", pm_document_get_root_causes (document),
                    (WriteItem) write_root_cause);
  write_collection (&wr, "measures", pm_document_get_measures (document),
                    (WriteItem) write_measure);
  write_collection (&wr, "follow_ups", pm_document_get_follow_ups (document),
                    (WriteItem) write_follow_up);
  /* Optional: written only when the team set a finding aside. */
  if (g_list_model_get_n_items (pm_document_get_dismissals (document)) > 0)
    write_collection (&wr, "dismissed_findings", pm_document_get_dismissals (document),
                      (WriteItem) write_dismissal);
  /* A participant's copy; never naming someone who is not in the file. */
  if (pm_document_find_participant (document, pm_document_get_prepared_for (document)) != NULL)
    write_text_as (&wr, "prepared_for", pm_document_get_prepared_for (document), TEXT_ID);
  write_merge_list (&wr, "prepared_base", pm_participant_copy_get_base (document));
  if (pm_participant_copy_get_token (document) != NULL)
    write_text_as (&wr, "prepared_token", pm_participant_copy_get_token (document), TEXT_ID);
  write_merge_list (&wr, "prepared_copies", pm_participant_copy_get_prepared (document));
  write_meeting (&wr, document);
  {
    g_autoptr(JsonArray) conflicts = conflicts_to_write (document);

    write_merge_list (&wr, "merge_conflicts", conflicts);
  }
  write_merge_list (&wr, "duplicate_suggestions", pm_document_get_duplicate_suggestions (document));
  write_unknown (&wr, document, "");
  close_container (&wr, '}');
  g_string_append_c (wr.out, '\n');

  if (length != NULL)
    *length = wr.out->len;
  return g_string_free (wr.out, FALSE);
}

gboolean
pm_document_save_to_file (PmDocument  *document,
                          const char  *path,
                          GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = pm_document_serialize (document, &length);
  return pm_atomic_file_write (path, data, length, error);
}

JsonNode *
pm_document_dup_file_form (PmDocument *document)
{
  g_autofree char *data = NULL;
  gsize length;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  data = pm_document_serialize (document, &length);
  /* Our own canonical output parses. */
  return pm_json_parse (data, length, NULL, NULL);
}
