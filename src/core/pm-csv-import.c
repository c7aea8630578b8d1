/* pm-csv-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-csv.h"
#include "pm-csv-import.h"
#include "pm-error.h"
#include "pm-limits.h"
#include "pm-vocabulary.h"

typedef enum
{
  COLUMN_TIME,
  COLUMN_ACTOR,
  COLUMN_TEXT,
  COLUMN_KIND,
  COLUMN_LANE,
  COLUMN_CONTRIBUTOR,
  N_COLUMNS
} Column;

static const char * const column_names[N_COLUMNS] = {
  "time", "actor", "text", "kind", "lane", "contributor"
};

#define N_REQUIRED_COLUMNS (COLUMN_KIND + 1)

typedef struct
{
  PmEvent *event;
  char    *contributor;   /* name or id as written in the file */
  guint    line;
} Row;

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_clear_object (&row->event);
  g_free (row->contributor);
}

static gboolean
read_header (char       **fields,
             int          columns[N_COLUMNS],
             const char  *name,
             guint        line,
             GError     **error)
{
  guint n = g_strv_length (fields);

  for (guint c = 0; c < N_COLUMNS; c++)
    columns[c] = -1;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *stripped = g_strstrip (g_ascii_strdown (fields[i], -1));
      guint c;

      for (c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (stripped, column_names[c]))
          break;

      if (c == N_COLUMNS)
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       _("%s:%u: unknown column “%s”; the columns are time, actor, text, kind, "
                         "lane and contributor"), name, line, fields[i]);
          return FALSE;
        }
      if (columns[c] >= 0)
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       _("%s:%u: the column “%s” appears twice"), name, line, column_names[c]);
          return FALSE;
        }
      columns[c] = i;
    }

  for (guint c = 0; c < N_REQUIRED_COLUMNS; c++)
    if (columns[c] < 0)
      {
        g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                     _("%s:%u: the header row has no column “%s” (needed: time, actor, text, kind)"),
                     name, line, column_names[c]);
        return FALSE;
      }

  return TRUE;
}

static gboolean
check_length (const char  *value,
              gsize        max_chars,
              const char  *column,
              const char  *name,
              guint        line,
              GError     **error)
{
  glong n_chars = g_utf8_strlen (value, -1);

  if ((gsize) n_chars <= max_chars)
    return TRUE;

  g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
               _("%s:%u: the %s is %ld characters long; at most %lu are allowed"),
               name, line, column, n_chars, (unsigned long) max_chars);
  return FALSE;
}

static gboolean
read_row (PmDocument  *document,
          char       **fields,
          const int    columns[N_COLUMNS],
          guint        n_columns,
          GTimeZone   *zone,
          GHashTable  *ids,
          const char  *name,
          guint        line,
          Row         *row,
          GError     **error)
{
  g_autoptr(GError) time_error = NULL;
  g_autoptr(PmTime) time = NULL;
  g_autofree char *id = NULL;
  const char *value[N_COLUMNS] = { NULL };
  guint n = g_strv_length (fields);

  if (n != n_columns)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   ngettext ("%s:%u: this row has %u field, but the header has %u columns",
                             "%s:%u: this row has %u fields, but the header has %u columns", n),
                   name, line, n, n_columns);
      return FALSE;
    }

  for (guint c = 0; c < N_COLUMNS; c++)
    value[c] = columns[c] >= 0 ? g_strstrip (fields[columns[c]]) : "";

  time = pm_time_parse_user (value[COLUMN_TIME], zone, &time_error);
  if (time_error != NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME, "%s:%u: %s", name, line, time_error->message);
      return FALSE;
    }

  if (!check_length (value[COLUMN_ACTOR], PM_LIMIT_TITLE_CHARS, _("actor"), name, line, error) ||
      !check_length (value[COLUMN_LANE], PM_LIMIT_TITLE_CHARS, _("lane"), name, line, error) ||
      !check_length (value[COLUMN_CONTRIBUTOR], PM_LIMIT_TITLE_CHARS, _("contributor"), name, line,
                     error))
    return FALSE;
  if (strlen (value[COLUMN_TEXT]) > PM_LIMIT_FREE_TEXT_BYTES)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                   _("%s:%u: the text is longer than 64 KiB"), name, line);
      return FALSE;
    }
  if (*value[COLUMN_TEXT] == '\0' && *value[COLUMN_ACTOR] == '\0')
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   _("%s:%u: the row has neither an actor nor a text"), name, line);
      return FALSE;
    }
  if (*value[COLUMN_KIND] != '\0' &&
      !pm_vocabulary_contains (PM_VOCABULARY_EVENT_KIND, value[COLUMN_KIND]))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   _("%s:%u: “%s” is not an event kind (trigger, detection, response, "
                     "communication, recovery or background)"),
                   name, line, value[COLUMN_KIND]);
      return FALSE;
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    for (const char *p = value[c]; *p; p++)
      if (((guchar) *p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7f ||
          (c != COLUMN_TEXT && (*p == '\n' || *p == '\t')))
        {
          g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                       _("%s:%u: the %s contains a line break or control character"),
                       name, line, column_names[c]);
          return FALSE;
        }

  /* Fresh in the document, and among the rows not added yet. */
  do
    {
      g_free (id);
      id = pm_document_generate_id (document, "ev");
    }
  while (g_hash_table_contains (ids, id));
  g_hash_table_add (ids, g_strdup (id));
  row->event = pm_event_new (id);
  row->line = line;
  pm_event_set_time (row->event, time);
  pm_event_set_actor (row->event, value[COLUMN_ACTOR]);
  pm_event_set_text (row->event, value[COLUMN_TEXT]);
  pm_event_set_kind (row->event, value[COLUMN_KIND]);
  pm_event_set_lane (row->event, value[COLUMN_LANE]);
  if (*value[COLUMN_CONTRIBUTOR] != '\0')
    row->contributor = g_strdup (value[COLUMN_CONTRIBUTOR]);
  return TRUE;
}

static PmParticipant *
find_participant (PmDocument *document,
                  GHashTable *created,
                  const char *name_or_id)
{
  GListModel *participants = pm_document_get_participants (document);
  PmParticipant *found = pm_document_find_participant (document, name_or_id);
  g_autofree char *folded = g_utf8_casefold (name_or_id, -1);

  if (found != NULL)
    return found;

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);
      g_autofree char *other = g_utf8_casefold (pm_participant_get_name (participant), -1);

      if (g_str_equal (folded, other))
        return participant;
    }

  return g_hash_table_lookup (created, folded);
}

/* Leading rows with an unknown time go right before the first row that has one; the others
 * right after the row before them. */
static void
add_rows (PmDocument *document,
          GArray     *rows)
{
  GListModel *events = pm_document_get_events (document);
  PmEvent *previous = NULL;
  guint n_leading = 0;

  while (n_leading < rows->len &&
         pm_event_get_time (g_array_index (rows, Row, n_leading).event) == NULL)
    n_leading++;

  for (guint i = n_leading; i < rows->len; i++)
    {
      PmEvent *event = g_array_index (rows, Row, i).event;
      guint position;

      if (pm_event_get_time (event) != NULL)
        pm_document_add_event (document, event);
      else if (g_list_store_find (G_LIST_STORE (events), previous, &position))
        pm_document_insert (document, events, position + 1, event);
      else
        pm_document_append (document, events, event);

      if (i == n_leading && n_leading > 0 &&
          g_list_store_find (G_LIST_STORE (events), event, &position))
        for (guint j = 0; j < n_leading; j++)
          pm_document_insert (document, events, position + j,
                              g_array_index (rows, Row, j).event);
      previous = event;
    }

  if (n_leading == rows->len)
    for (guint j = 0; j < n_leading; j++)
      pm_document_append (document, events, g_array_index (rows, Row, j).event);
}

gboolean
pm_csv_import (PmDocument  *document,
               const char  *data,
               gsize        length,
               const char  *display_name,
               GTimeZone   *zone,
               guint       *n_events,
               guint       *n_participants,
               GError     **error)
{
  g_autoptr(PmCsvReader) reader = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) created = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) new_participants = NULL;
  g_autoptr(GError) csv_error = NULL;
  int columns[N_COLUMNS];
  guint n_columns = 0;
  guint n_existing;
  gboolean have_header = FALSE;
  guint line;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (display_name != NULL, FALSE);

  rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (rows, row_clear);
  created = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  new_participants = g_ptr_array_new_with_free_func (g_object_unref);
  n_existing = g_list_model_get_n_items (pm_document_get_events (document));

  reader = pm_csv_reader_new (data, length);
  for (;;)
    {
      g_auto(GStrv) fields = NULL;
      Row row = { NULL };

      if (!pm_csv_reader_next (reader, &fields, &line, &csv_error))
        break;

      if (!have_header)
        {
          if (!read_header (fields, columns, display_name, line, error))
            return FALSE;
          n_columns = g_strv_length (fields);
          have_header = TRUE;
          continue;
        }

      if (n_existing + rows->len >= PM_LIMIT_EVENTS)
        {
          g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                       _("%s:%u: a postmortem holds at most %u events"),
                       display_name, line, PM_LIMIT_EVENTS);
          return FALSE;
        }

      if (!read_row (document, fields, columns, n_columns, zone, ids, display_name, line, &row,
                     error))
        {
          row_clear (&row);
          return FALSE;
        }
      g_array_append_val (rows, row);
    }

  if (csv_error != NULL)
    {
      g_set_error (error, PM_ERROR, csv_error->code, "%s:%s", display_name, csv_error->message);
      return FALSE;
    }
  if (!have_header)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   _("%s: the file is empty; expected a header row naming the columns time, "
                     "actor, text, kind"), display_name);
      return FALSE;
    }

  /* Contributors: existing participants by id or name, else new ones. */
  for (guint i = 0; i < rows->len; i++)
    {
      Row *row = &g_array_index (rows, Row, i);
      PmParticipant *participant;

      if (row->contributor == NULL)
        continue;

      participant = find_participant (document, created, row->contributor);
      if (participant == NULL)
        {
          g_autofree char *id = NULL;

          do
            {
              g_free (id);
              id = pm_document_generate_id (document, "p");
            }
          while (g_hash_table_contains (ids, id));
          g_hash_table_add (ids, g_strdup (id));
          participant = pm_participant_new (id);
          pm_participant_set_name (participant, row->contributor);
          g_ptr_array_add (new_participants, participant);
          g_hash_table_insert (created, g_utf8_casefold (row->contributor, -1), participant);
        }
      pm_event_set_contributor (row->event, pm_participant_get_id (participant));
    }

  if (g_list_model_get_n_items (pm_document_get_participants (document)) + new_participants->len >
      PM_LIMIT_PARTICIPANTS)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                   _("%s: a postmortem holds at most %u participants"),
                   display_name, PM_LIMIT_PARTICIPANTS);
      return FALSE;
    }

  pm_document_begin_change (document, _("Import Timeline"));
  for (guint i = 0; i < new_participants->len; i++)
    pm_document_append (document, pm_document_get_participants (document),
                        new_participants->pdata[i]);
  add_rows (document, rows);
  pm_document_end_change (document);

  if (n_events != NULL)
    *n_events = rows->len;
  if (n_participants != NULL)
    *n_participants = new_participants->len;
  return TRUE;
}
