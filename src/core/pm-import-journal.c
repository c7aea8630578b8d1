/* pm-import-journal.c — systemd's journal as "journalctl -o json" writes it
 *
 * One JSON object per line. Every field is a string, except that a field holding bytes that
 * are not printable text is an array of numbers (the bytes), a field that occurs more than once
 * is an array of its values, and a field too large to show is null. __REALTIME_TIMESTAMP is the
 * time the journal received the entry, in microseconds since 1970, as a string.
 * (journalctl(1), https://systemd.io/JOURNAL_EXPORT_FORMATS/)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "pm-error.h"
#include "pm-import-private.h"
#include "pm-limits.h"

/* A field's value as text: a string, bytes, or the first of several values; NULL when it is
 * absent, null or of no such shape. */
static char *
field_text (JsonNode *node,
            gsize     max_bytes)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      GByteArray *bytes;

      if (n == 0)
        return g_strdup ("");
      if (!JSON_NODE_HOLDS_VALUE (json_array_get_element (array, 0)) ||
          json_node_get_value_type (json_array_get_element (array, 0)) != G_TYPE_INT64)
        return field_text (json_array_get_element (array, 0), max_bytes);

      bytes = g_byte_array_sized_new (MIN (n, max_bytes) + 1);
      for (guint i = 0; i < n && bytes->len < max_bytes; i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          gint64 byte;
          guint8 value;

          if (!JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_INT64 ||
              (byte = json_node_get_int (element)) < 0 || byte > 255)
            {
              g_byte_array_unref (bytes);
              return NULL;
            }
          value = (guint8) byte;
          g_byte_array_append (bytes, &value, 1);
        }
      {
        /* Invalid UTF-8 and NUL bytes are dealt with when the text is cleaned. */
        char *text = _pm_import_clean_text ((const char *) bytes->data, bytes->len, TRUE,
                                            max_bytes, NULL);

        g_byte_array_unref (bytes);
        return text;
      }
    }
  return NULL;
}

static char *
field (JsonObject *object,
       const char *name,
       gsize       max_bytes)
{
  return field_text (json_object_get_member (object, name), max_bytes);
}

static gboolean
parse_microseconds (const char *text,
                    gint64     *seconds)
{
  char *end = NULL;
  guint64 value;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoull (text, &end, 10);
  if (*end != '\0' || value > G_GUINT64_CONSTANT (253402300799999999))
    return FALSE;
  *seconds = (gint64) (value / G_USEC_PER_SEC);
  return TRUE;
}

gboolean
_pm_import_read_journal (PmImport            *self,
                         const PmImportFile  *file,
                         GError             **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GHashTable) hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  PmImportLines lines;
  const char *start;
  gsize length;
  guint first = self->messages->len;

  _pm_import_lines_init (&lines, file);
  while (_pm_import_lines_next (&lines, file, &start, &length, &local_error))
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(PmImportMessage) message = NULL;
      g_autofree char *realtime = NULL, *text = NULL, *ident = NULL, *host = NULL;
      g_autofree char *unit = NULL;
      JsonObject *entry;
      JsonNode *time_node;
      gint64 seconds;
      gboolean blank = TRUE;

      for (gsize i = 0; i < length && blank; i++)
        blank = g_ascii_isspace (start[i]);
      if (blank)
        continue;
      if (!(root = _pm_import_parse_json (file, start, length, lines.line, error)))
        return FALSE;
      if (!JSON_NODE_HOLDS_OBJECT (root))
        return _pm_import_fail (error, PM_ERROR_INVALID, file, lines.line,
                                _("each line of journalctl -o json is an object"));
      entry = json_node_get_object (root);

      time_node = json_object_get_member (entry, "__REALTIME_TIMESTAMP");
      if (time_node != NULL && JSON_NODE_HOLDS_VALUE (time_node) &&
          json_node_get_value_type (time_node) == G_TYPE_INT64)
        realtime = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (time_node));
      else
        realtime = field (entry, "__REALTIME_TIMESTAMP", 64);
      if (!parse_microseconds (realtime, &seconds))
        return _pm_import_fail (error, PM_ERROR_INVALID, file, lines.line,
                                _("“__REALTIME_TIMESTAMP” is not a time in microseconds"));

      message = pm_import_message_new ();
      message->line = lines.line;
      message->has_time = TRUE;
      message->unix_seconds = seconds;
      message->precision = PM_TIME_PRECISION_EXACT;

      ident = field (entry, "SYSLOG_IDENTIFIER", 1024);
      if (ident == NULL || *ident == '\0')
        {
          g_free (ident);
          ident = field (entry, "_COMM", 1024);
        }
      if (ident == NULL || *ident == '\0')
        {
          g_free (ident);
          ident = g_strdup ("journal");
        }
      host = field (entry, "_HOSTNAME", 1024);
      unit = field (entry, "_SYSTEMD_UNIT", 1024);
      g_free (message->author);
      message->author = _pm_import_clean_line (ident, -1, PM_LIMIT_TITLE_CHARS);
      if (host != NULL && *host != '\0')
        {
          message->channel = _pm_import_clean_line (host, -1, PM_LIMIT_TITLE_CHARS);
          g_hash_table_add (hosts, g_strdup (message->channel));
        }
      if (unit != NULL && *unit != '\0')
        {
          const char *aliases[] = { unit, NULL };

          message->author_aliases = g_strdupv ((char **) aliases);
        }

      text = field (entry, "MESSAGE", PM_LIMIT_FREE_TEXT_BYTES + 4);
      if (text == NULL && json_object_has_member (entry, "MESSAGE") &&
          JSON_NODE_HOLDS_NULL (json_object_get_member (entry, "MESSAGE")))
        _pm_import_warn (self, _("%s:%u: the message was too large for journalctl to show "
                                 "(use journalctl --all)"), file->display, lines.line);
      _pm_import_set_text (self, message, file, text ? text : "", -1);
      if (!_pm_import_add (self, g_steal_pointer (&message), file, error))
        return FALSE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* With entries of several machines, the actor says which. */
  if (g_hash_table_size (hosts) > 1)
    _pm_import_qualify_hosts (self, first);
  return TRUE;
}
