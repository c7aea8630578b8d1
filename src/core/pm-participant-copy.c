/* pm-participant-copy.c — a copy of the postmortem for one participant to pre-fill
 *
 * The copy is cut from the canonical file form, so members kept without being known (in the
 * postmortem, in participants and events) travel with it, and it is read back through the
 * strict reader like any file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-json.h"
#include "pm-limits.h"
#include "pm-participant-copy.h"

/* Characters of a file name taken from the title and from the name. */
#define NAME_PART_CHARS 48

/* Top-level members a copy keeps; the rest is the team's draft. */
static const char * const kept_members[] = {
  "format", "format_version", "min_reader_version", "generator", "postmortem", "participants",
  NULL
};

/* Members of "postmortem" a copy leaves out. */
static const char * const draft_postmortem_members[] = { "lessons", NULL };

/* Random bytes in a token: 128 bits. */
#define TOKEN_BYTES 16
/* Prepared copies remembered by a document; the oldest go first. */
#define MAX_PREPARED PM_LIMIT_LIST_ITEMS

static GQuark
token_quark (void)
{
  return g_quark_from_static_string ("pm-participant-copy-token");
}

static GQuark
prepared_quark (void)
{
  return g_quark_from_static_string ("pm-participant-copy-prepared");
}

static char *
new_token (void)
{
  guint8 bytes[TOKEN_BYTES];
  GString *hex = g_string_new (NULL);
  gsize got = 0;

  /* The system's random source: a token must not be guessable from another. */
  while (got < sizeof bytes)
    {
      ssize_t n = getrandom (bytes + got, sizeof bytes - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      g_assert (n > 0);
      got += n;
    }
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

static char *
token_digest (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

const char *
pm_participant_copy_get_token (PmDocument *copy)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (copy), NULL);

  return g_object_get_qdata (G_OBJECT (copy), token_quark ());
}

void
pm_participant_copy_set_token (PmDocument *copy,
                               const char *token)
{
  g_return_if_fail (PM_IS_DOCUMENT (copy));

  g_object_set_qdata_full (G_OBJECT (copy), token_quark (), g_strdup (token), g_free);
}

JsonArray *
pm_participant_copy_get_prepared (PmDocument *document)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  return g_object_get_qdata (G_OBJECT (document), prepared_quark ());
}

void
pm_participant_copy_set_prepared (PmDocument *document,
                                  JsonArray  *prepared)
{
  g_return_if_fail (PM_IS_DOCUMENT (document));

  if (prepared != NULL && json_array_get_length (prepared) == 0)
    prepared = NULL;
  g_object_set_qdata_full (G_OBJECT (document), prepared_quark (),
                           prepared ? json_array_ref (prepared) : NULL,
                           (GDestroyNotify) json_array_unref);
}

gboolean
pm_participant_copy_verify (PmDocument *document,
                            const char *participant_id,
                            const char *token)
{
  JsonArray *prepared;
  g_autofree char *digest = NULL;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);

  prepared = pm_participant_copy_get_prepared (document);
  if (prepared == NULL || participant_id == NULL || token == NULL)
    return FALSE;
  digest = token_digest (token);
  for (guint i = 0; i < json_array_get_length (prepared); i++)
    {
      JsonObject *entry = json_array_get_object_element (prepared, i);

      if (g_strcmp0 (pm_json_object_get_string (entry, "participant"), participant_id) == 0 &&
          g_strcmp0 (pm_json_object_get_string (entry, "token_sha256"), digest) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Remembers in @document that a copy for @participant_id carries @token. The document is then
 * modified: the record is saved with it. */
static void
remember_prepared (PmDocument *document,
                   const char *participant_id,
                   const char *token)
{
  JsonArray *old = pm_participant_copy_get_prepared (document);
  g_autoptr(JsonArray) prepared = json_array_new ();
  g_autofree char *digest = token_digest (token);
  JsonObject *entry = json_object_new ();
  guint n = old ? json_array_get_length (old) : 0;

  for (guint i = n >= MAX_PREPARED ? n - MAX_PREPARED + 1 : 0; i < n; i++)
    json_array_add_element (prepared, json_node_copy (json_array_get_element (old, i)));
  json_object_set_string_member (entry, "participant", participant_id);
  json_object_set_string_member (entry, "token_sha256", digest);
  json_array_add_object_element (prepared, entry);
  pm_participant_copy_set_prepared (document, prepared);
  pm_document_mark_modified (document);
}

static GQuark
base_quark (void)
{
  return g_quark_from_static_string ("pm-participant-copy-base");
}

char *
pm_participant_copy_digest (JsonNode *event)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *digest = NULL;

  g_return_val_if_fail (event != NULL, NULL);

  pm_json_write (event, 0, text);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
  return g_strndup (digest, PM_PARTICIPANT_COPY_DIGEST_LENGTH);
}

static gboolean
is_confidential (JsonObject *event)
{
  JsonNode *node = json_object_get_member (event, "confidential");

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

PmDocument *
pm_participant_copy_new (PmDocument  *document,
                         const char  *participant_id,
                         GError     **error)
{
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) source = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) root_node = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  JsonObject *from;
  JsonArray *events, *base;
  JsonNode *node;
  PmDocument *copy;
  g_autofree char *token = NULL;
  gsize length;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (participant_id != NULL, NULL);

  if (pm_document_find_participant (document, participant_id) == NULL)
    {
      g_set_error (error, PM_ERROR, PM_ERROR_INVALID, _("No participant has the id “%s”"),
                   participant_id);
      return NULL;
    }

  data = pm_document_serialize (document, &length);
  source = pm_json_parse (data, length, NULL, error);
  if (source == NULL)
    return NULL;
  from = json_node_get_object (source);

  for (guint i = 0; kept_members[i] != NULL; i++)
    if ((node = json_object_get_member (from, kept_members[i])) != NULL)
      json_object_set_member (root, kept_members[i], json_node_copy (node));

  node = json_object_get_member (root, "postmortem");
  for (guint i = 0; draft_postmortem_members[i] != NULL; i++)
    if (json_object_has_member (json_node_get_object (node), draft_postmortem_members[i]))
      json_object_remove_member (json_node_get_object (node), draft_postmortem_members[i]);

  events = json_array_new ();
  base = json_array_new ();
  node = json_object_get_member (from, "events");
  for (guint i = 0; node != NULL && i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *event = json_array_get_element (json_node_get_array (node), i);
      JsonObject *entry;
      g_autofree char *digest = NULL;

      if (is_confidential (json_node_get_object (event)))
        continue;
      json_array_add_element (events, json_node_copy (event));
      digest = pm_participant_copy_digest (event);
      entry = json_object_new ();
      json_object_set_string_member (entry, "event",
                                     json_object_get_string_member (json_node_get_object (event),
                                                                    "id"));
      json_object_set_string_member (entry, "digest", digest);
      json_array_add_object_element (base, entry);
    }
  json_object_set_array_member (root, "events", events);
  json_object_set_string_member (root, "prepared_for", participant_id);
  token = new_token ();
  json_object_set_string_member (root, "prepared_token", token);
  if (json_array_get_length (base) > 0)
    json_object_set_array_member (root, "prepared_base", base);
  else
    json_array_unref (base);

  root_node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root_node, root);
  pm_json_write (root_node, 0, out);
  g_string_append_c (out, '\n');

  copy = pm_document_load_from_data (out->str, out->len, pm_document_get_title (document), error);
  if (copy != NULL)
    {
      pm_document_mark_modified (copy);
      remember_prepared (document, participant_id, token);
    }
  return copy;
}

/* Keeps letters, digits, spaces and a few harmless marks; the rest becomes "-". */
static void
append_safe (GString    *out,
             const char *text,
             guint       max_chars)
{
  guint n = 0;
  gboolean space = FALSE;
  gsize start = out->len;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (n >= max_chars)
        {
          /* Cut at a word, not in one. */
          const char *last_space = strrchr (out->str + start, ' ');

          if (!g_unichar_isspace (g_utf8_get_char (p)) && last_space != NULL &&
              last_space > out->str + start)
            g_string_truncate (out, last_space - out->str);
          break;
        }
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        {
          g_string_append_c (out, ' ');
          n++;
          space = FALSE;
        }
      if (g_unichar_isalnum (c) || (c < 128 && strchr ("-_.,()+&'", (int) c) != NULL))
        g_string_append_unichar (out, c);
      else
        g_string_append_c (out, '-');
      n++;
    }
  /* No hidden file, no trailing dot. */
  while (out->len > 0 && out->str[0] == '.')
    g_string_erase (out, 0, 1);
  while (out->len > 0 && out->str[out->len - 1] == '.')
    g_string_truncate (out, out->len - 1);
}

char *
pm_participant_copy_file_name (PmDocument    *document,
                               PmParticipant *participant)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (PM_IS_PARTICIPANT (participant), NULL);

  append_safe (title, pm_document_get_title (document), NAME_PART_CHARS);
  append_safe (name, pm_participant_get_name (participant), NAME_PART_CHARS);
  if (title->len == 0)
    /* Translators: the file name of a participant's copy of an untitled postmortem */
    g_string_assign (title, _("Postmortem"));
  if (name->len == 0)
    append_safe (name, pm_participant_get_id (participant), NAME_PART_CHARS);
  return g_strdup_printf ("%s – %s" PM_FILE_EXTENSION, title->str, name->str);
}

JsonArray *
pm_participant_copy_get_base (PmDocument *document)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  return g_object_get_qdata (G_OBJECT (document), base_quark ());
}

void
pm_participant_copy_set_base (PmDocument *document,
                              JsonArray  *base)
{
  g_return_if_fail (PM_IS_DOCUMENT (document));

  if (base != NULL && json_array_get_length (base) == 0)
    base = NULL;
  g_object_set_qdata_full (G_OBJECT (document), base_quark (),
                           base ? json_array_ref (base) : NULL,
                           (GDestroyNotify) json_array_unref);
}
