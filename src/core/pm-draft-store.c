/* pm-draft-store.c — unsaved work kept in the application's own folder, recovered after a crash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* lstat() and struct stat's st_mtime are POSIX. This must come before the first system header. */
#ifndef _XOPEN_SOURCE
# define _XOPEN_SOURCE 700
#endif

#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pm-atomic-file.h"
#include "pm-document-format.h"
#include "pm-draft-store.h"
#include "pm-error.h"
#include "pm-json.h"
#include "pm-limits.h"

#define DRAFT_FORMAT        "pmortem-draft"
#define SESSION_FORMAT      "pmortem-session"
#define FORMAT_VERSION      1
#define SESSION_FILE        "session.json"
#define QUARANTINE_FOLDER   "quarantine"
#define META_SUFFIX         ".json"
#define DOCUMENT_SUFFIX     PM_FILE_EXTENSION

/* Our metadata and session files are a few hundred bytes; anything much larger is not ours. */
#define MAX_META_BYTES      (256 * 1024)

/* A temporary file of pm_atomic_file_write() this old belongs to a write that was killed. */
#define STALE_TEMP_SECONDS  60

/* ------------------------------------------------------------------------------------------ */
/* Types                                                                                       */
/* ------------------------------------------------------------------------------------------ */

struct _PmDraft
{
  GObject   parent_instance;

  char     *id;
  char     *directory;
  char     *base_path;     /* NULL: untitled */
  char     *base_sha256;
  gint64    base_size;

  /* Orders the writes of this draft across threads. */
  GMutex    lock;
  GCond     cond;
  gboolean  writing;
  gboolean  unlink_after_write;
  guint64   last_serial;      /* the last snapshot taken */
  guint64   written_serial;   /* the newest snapshot on disk */
  guint64   discarded_serial; /* snapshots up to this one are never written */
};

struct _PmDraftInfo
{
  GObject           parent_instance;

  char             *id;
  char             *directory;
  char             *title;
  char             *base_path;
  char             *base_sha256;
  gint64            base_size;
  GDateTime        *saved_at;
  char             *app_version;
  PmDraftBaseState  base_state;
  gboolean          crashed;
};

struct _PmDraftStore
{
  GObject   parent_instance;

  char     *directory;
  char     *session_id;          /* NULL until begin_session() */
  gboolean  previous_read;
  char     *previous_session_id; /* NULL: no marker, or an unreadable one */
  gboolean  previous_crashed;
};

G_DEFINE_FINAL_TYPE (PmDraft, pm_draft, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (PmDraftInfo, pm_draft_info, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (PmDraftStore, pm_draft_store, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PmDraftBaseState, pm_draft_base_state,
  G_DEFINE_ENUM_VALUE (PM_DRAFT_BASE_UNTITLED, "untitled"),
  G_DEFINE_ENUM_VALUE (PM_DRAFT_BASE_UNCHANGED, "unchanged"),
  G_DEFINE_ENUM_VALUE (PM_DRAFT_BASE_CHANGED, "changed"),
  G_DEFINE_ENUM_VALUE (PM_DRAFT_BASE_MISSING, "missing"))

/* What a snapshot carries from the main thread to the writer. */
typedef struct
{
  PmDraft *draft;
  char    *meta_path;
  char    *document_path;
  GBytes  *meta;
  GBytes  *document;
  guint64  serial;
} SaveJob;

/* What listing needs, copied so that it can run in a worker. */
typedef struct
{
  char     *directory;
  char     *session_id;
  char     *previous_session_id;
  gboolean  previous_crashed;
} ListJob;

typedef struct
{
  GPtrArray *infos;
  GPtrArray *quarantined;
} ListResult;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static char *
sha256_hex (const char *data,
            gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) (data ? data : ""),
                                      length);
}

static gboolean
is_sha256_hex (const char *text)
{
  if (strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

static gboolean
ensure_folder (const char  *path,
               GError     **error)
{
  if (g_mkdir_with_parents (path, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second a system error */
                   _("Could not create the folder “%s”: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static char *
draft_file (const char *directory,
            const char *id,
            const char *suffix)
{
  g_autofree char *name = g_strconcat (id, suffix, NULL);

  return g_build_filename (directory, name, NULL);
}

static GBytes *
node_to_bytes (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  pm_json_write (node, 0, out);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

static gboolean
write_bytes (const char  *path,
             GBytes      *bytes,
             GError     **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return pm_atomic_file_write (path, data, length, error);
}

/* Reads one of our small JSON files strictly; anything odd is an error. */
static JsonObject *
read_json_object (const char  *path,
                  GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize length = 0;
  PmJsonLimits limits = { 4, 64, 64, 64 * 1024 };

  if (!pm_file_read_bounded (path, MAX_META_BYTES, &contents, &length, error))
    return NULL;

  root = pm_json_parse (contents, length, &limits, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, PM_ERROR, PM_ERROR_INVALID, _("not a JSON object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static gboolean
get_int (JsonObject *object,
         const char *name,
         gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static gboolean
get_boolean (JsonObject *object,
             const char *name,
             gboolean   *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *value = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
is_null (JsonObject *object,
         const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_NULL (node);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/* ------------------------------------------------------------------------------------------ */
/* Session marker                                                                              */
/* ------------------------------------------------------------------------------------------ */

static void
read_previous_session (PmDraftStore *self)
{
  g_autofree char *path = g_build_filename (self->directory, SESSION_FILE, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *session;
  gboolean clean;

  self->previous_read = TRUE;
  g_clear_pointer (&self->previous_session_id, g_free);
  self->previous_crashed = FALSE;

  object = read_json_object (path, &error);
  if (object == NULL)
    {
      /* No marker: first start. An unreadable one: assume the worst. */
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_debug ("Session marker unreadable, assuming a crash: %s", error->message);
          self->previous_crashed = TRUE;
        }
      return;
    }

  session = pm_json_object_get_string (object, "session");
  if (g_strcmp0 (pm_json_object_get_string (object, "format"), SESSION_FORMAT) != 0
      || session == NULL || !get_boolean (object, "clean_shutdown", &clean))
    {
      g_debug ("Session marker malformed, assuming a crash");
      self->previous_crashed = TRUE;
      return;
    }

  self->previous_session_id = g_strdup (session);
  self->previous_crashed = !clean;
}

static gboolean
write_session (PmDraftStore  *self,
               gboolean       clean,
               GError       **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_build_filename (self->directory, SESSION_FILE, NULL);
  g_autofree char *now = now_iso8601 ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, SESSION_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "session");
  json_builder_add_string_value (builder, self->session_id);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, (gint64) getpid ());
  json_builder_set_member_name (builder, "updated_at");
  json_builder_add_string_value (builder, now);
  json_builder_set_member_name (builder, "app_version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "clean_shutdown");
  json_builder_add_boolean_value (builder, clean);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  bytes = node_to_bytes (root);

  if (!ensure_folder (self->directory, error))
    return FALSE;
  return write_bytes (path, bytes, error);
}

/* pm_atomic_file_write() names its temporary files ".NAME.pm-save-XXXXXX" and removes them on
 * every failure it sees; only a killed process leaves one behind. Our drafts are intact
 * (the rename never happened), so the leftover is garbage. */
static void
remove_stale_temporary_files (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (name[0] != '.' || strstr (name, ".pm-save-") == NULL)
        continue;

      path = g_build_filename (directory, name, NULL);
      if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;
      if (now - (gint64) st.st_mtime < STALE_TEMP_SECONDS)
        continue;
      if (g_unlink (path) != 0)
        g_debug ("Could not remove %s: %s", path, g_strerror (errno));
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Writing a draft                                                                             */
/* ------------------------------------------------------------------------------------------ */

static void
save_job_free (SaveJob *job)
{
  g_clear_object (&job->draft);
  g_free (job->meta_path);
  g_free (job->document_path);
  g_clear_pointer (&job->meta, g_bytes_unref);
  g_clear_pointer (&job->document, g_bytes_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

static GBytes *
build_metadata (PmDraftStore *self,
                PmDraft      *draft,
                PmDocument   *document)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = now_iso8601 ();
  const char *title = pm_document_get_title (document);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, DRAFT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, draft->id);
  json_builder_set_member_name (builder, "session");
  /* A draft saved without a session still needs an owner that is not the next session. */
  json_builder_add_string_value (builder, self->session_id ? self->session_id : "none");

  json_builder_set_member_name (builder, "base_uri");
  if (draft->base_path != NULL)
    {
      /* A file: URI, because a file name need not be UTF-8 and JSON strings must be. */
      g_autofree char *uri = g_filename_to_uri (draft->base_path, NULL, NULL);

      if (uri != NULL)
        json_builder_add_string_value (builder, uri);
      else
        json_builder_add_null_value (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "base_sha256");
  if (draft->base_path != NULL)
    json_builder_add_string_value (builder, draft->base_sha256);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "base_size");
  if (draft->base_path != NULL)
    json_builder_add_int_value (builder, draft->base_size);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title ? title : "");
  json_builder_set_member_name (builder, "saved_at");
  json_builder_add_string_value (builder, now);
  json_builder_set_member_name (builder, "app_version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  return node_to_bytes (root);
}

/* On the calling (main) thread: everything that touches the document. */
static SaveJob *
save_job_new (PmDraftStore *self,
              PmDraft      *draft,
              PmDocument   *document)
{
  SaveJob *job = g_new0 (SaveJob, 1);
  char *data;
  gsize length;

  data = pm_document_serialize (document, &length);
  job->document = g_bytes_new_take (data, length);
  job->meta = build_metadata (self, draft, document);
  job->draft = g_object_ref (draft);
  job->meta_path = draft_file (draft->directory, draft->id, META_SUFFIX);
  job->document_path = draft_file (draft->directory, draft->id, DOCUMENT_SUFFIX);

  g_mutex_lock (&draft->lock);
  job->serial = ++draft->last_serial;
  g_mutex_unlock (&draft->lock);

  return job;
}

static void
unlink_draft_files (PmDraft *draft)
{
  g_autofree char *meta = draft_file (draft->directory, draft->id, META_SUFFIX);
  g_autofree char *document = draft_file (draft->directory, draft->id, DOCUMENT_SUFFIX);

  /* The document first: a lone description is harmless, a lone document is quarantined. */
  if (g_unlink (document) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", document, g_strerror (errno));
  if (g_unlink (meta) != 0 && errno != ENOENT)
    g_debug ("Could not remove %s: %s", meta, g_strerror (errno));
}

/* On any thread. The description is written before the document: a crash in between leaves
 * either a new description with the previous document (harmless), or, for the first save, a
 * description without a document (nothing was lost: there was no draft yet). */
static gboolean
save_job_run (SaveJob  *job,
              GError  **error)
{
  PmDraft *draft = job->draft;
  gboolean ok;

  g_mutex_lock (&draft->lock);
  while (draft->writing)
    g_cond_wait (&draft->cond, &draft->lock);
  if (job->serial <= draft->written_serial || job->serial <= draft->discarded_serial)
    {
      /* Newer content is on disk already, or the draft was discarded after this snapshot. */
      g_mutex_unlock (&draft->lock);
      return TRUE;
    }
  draft->writing = TRUE;
  g_mutex_unlock (&draft->lock);

  ok = ensure_folder (draft->directory, error)
       && write_bytes (job->meta_path, job->meta, error)
       && write_bytes (job->document_path, job->document, error);

  g_mutex_lock (&draft->lock);
  draft->writing = FALSE;
  if (ok)
    draft->written_serial = job->serial;
  if (draft->unlink_after_write)
    {
      draft->unlink_after_write = FALSE;
      unlink_draft_files (draft);
    }
  g_cond_broadcast (&draft->cond);
  g_mutex_unlock (&draft->lock);

  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (save_job_run (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Listing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
list_job_free (ListJob *job)
{
  g_free (job->directory);
  g_free (job->session_id);
  g_free (job->previous_session_id);
  g_free (job);
}

static void
list_result_free (ListResult *result)
{
  g_clear_pointer (&result->infos, g_ptr_array_unref);
  g_clear_pointer (&result->quarantined, g_ptr_array_unref);
  g_free (result);
}

static ListJob *
list_job_new (PmDraftStore *self)
{
  ListJob *job = g_new0 (ListJob, 1);

  if (!self->previous_read)
    read_previous_session (self);

  job->directory = g_strdup (self->directory);
  job->session_id = g_strdup (self->session_id);
  job->previous_session_id = g_strdup (self->previous_session_id);
  job->previous_crashed = self->previous_crashed;
  return job;
}

/* Moves @name (in @directory) into the quarantine folder under a name that says when. */
static gboolean
quarantine_file (const char  *directory,
                 const char  *name,
                 GError     **error)
{
  g_autofree char *folder = g_build_filename (directory, QUARANTINE_FOLDER, NULL);
  g_autofree char *source = g_build_filename (directory, name, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");

  if (!ensure_folder (folder, error))
    return FALSE;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *target_name = i == 0
        ? g_strdup_printf ("%s-%s", stamp, name)
        : g_strdup_printf ("%s-%u-%s", stamp, i, name);
      g_autofree char *target = g_build_filename (folder, target_name, NULL);

      /* Never replace an earlier quarantined file. (Not atomic with the rename, but only we
       * write here.) */
      if (g_file_test (target, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
        continue;

      if (g_rename (source, target) != 0)
        {
          int saved_errno = errno;
          g_autofree char *display = g_filename_display_name (source);

          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       /* Translators: the first %s is a file name, the second a system error */
                       _("Could not move “%s” aside: %s"), display, g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
               _("Could not move “%s” aside: too many files of that name"), name);
  return FALSE;
}

/* Sets a draft aside and records why. Nothing is ever deleted here. */
static void
quarantine_draft (const char  *directory,
                  const char  *id,
                  gboolean     has_meta,
                  gboolean     has_document,
                  const char  *reason,
                  GPtrArray   *quarantined)
{
  g_autofree char *meta_name = g_strconcat (id, META_SUFFIX, NULL);
  g_autofree char *document_name = g_strconcat (id, DOCUMENT_SUFFIX, NULL);
  g_autoptr(GError) move_error = NULL;
  gboolean moved = TRUE;

  if (has_document)
    moved = quarantine_file (directory, document_name, &move_error);
  if (moved && has_meta)
    moved = quarantine_file (directory, meta_name, &move_error);

  if (moved)
    {
      g_autofree char *folder = g_build_filename (directory, QUARANTINE_FOLDER, NULL);
      g_autofree char *display = g_filename_display_name (folder);

      g_ptr_array_add (quarantined,
                       g_error_new (PM_ERROR, PM_ERROR_INVALID,
                                    /* Translators: a draft is a copy of unsaved work; the
                                     * first %s is its id, the second a folder, the third
                                     * says what is wrong with it */
                                    _("The draft %s could not be read and was moved to “%s”: %s"),
                                    id, display, reason));
    }
  else
    {
      g_ptr_array_add (quarantined,
                       g_error_new (PM_ERROR, PM_ERROR_IO,
                                    /* Translators: the first %s is a draft's id, the second
                                     * says what is wrong with it, the third why it could not
                                     * be moved */
                                    _("The draft %s could not be read (%s) and could not be set aside: %s"),
                                    id, reason, move_error->message));
    }
}

static PmDraftBaseState
compare_base (const char *path,
              const char *sha256,
              gint64      size)
{
  g_autofree char *contents = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return errno == ENOENT || errno == ENOTDIR ? PM_DRAFT_BASE_MISSING : PM_DRAFT_BASE_CHANGED;
  if (!S_ISREG (st.st_mode) || (gint64) st.st_size != size)
    return PM_DRAFT_BASE_CHANGED;

  if (!pm_file_read_bounded (path, (gsize) size, &contents, &length, &error))
    {
      if (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return PM_DRAFT_BASE_MISSING;
      return PM_DRAFT_BASE_CHANGED;
    }

  hash = sha256_hex (contents, length);
  return g_str_equal (hash, sha256) ? PM_DRAFT_BASE_UNCHANGED : PM_DRAFT_BASE_CHANGED;
}

/* Checks the description of draft @id and fills @info from it; FALSE with @reason if it is
 * not one we wrote. */
static gboolean
parse_metadata (JsonObject   *object,
                const char   *id,
                PmDraftInfo  *info,
                char        **session,
                char        **reason)
{
  const char *format = pm_json_object_get_string (object, "format");
  const char *meta_id = pm_json_object_get_string (object, "id");
  const char *meta_session = pm_json_object_get_string (object, "session");
  const char *uri = pm_json_object_get_string (object, "base_uri");
  const char *sha = pm_json_object_get_string (object, "base_sha256");
  const char *title = pm_json_object_get_string (object, "title");
  const char *saved_at = pm_json_object_get_string (object, "saved_at");
  const char *app_version = pm_json_object_get_string (object, "app_version");
  gint64 version = 0;
  gint64 size = -1;

  if (g_strcmp0 (format, DRAFT_FORMAT) != 0 || !get_int (object, "version", &version)
      || version < 1)
    {
      *reason = g_strdup (_("its description is not a draft description"));
      return FALSE;
    }
  if (g_strcmp0 (meta_id, id) != 0)
    {
      *reason = g_strdup (_("its description belongs to another draft"));
      return FALSE;
    }
  if (meta_session == NULL || title == NULL || saved_at == NULL || app_version == NULL)
    {
      *reason = g_strdup (_("its description is incomplete"));
      return FALSE;
    }

  info->saved_at = g_date_time_new_from_iso8601 (saved_at, NULL);
  if (info->saved_at == NULL)
    {
      *reason = g_strdup (_("its description has an invalid date"));
      return FALSE;
    }

  if (uri != NULL)
    {
      g_autofree char *hostname = NULL;
      g_autofree char *path = g_filename_from_uri (uri, &hostname, NULL);

      if (path == NULL || hostname != NULL || !g_path_is_absolute (path)
          || sha == NULL || !is_sha256_hex (sha)
          || !get_int (object, "base_size", &size) || size < 0)
        {
          *reason = g_strdup (_("its description names its file in an invalid way"));
          return FALSE;
        }
      info->base_path = g_steal_pointer (&path);
      info->base_sha256 = g_strdup (sha);
      info->base_size = size;
    }
  else if (!is_null (object, "base_uri"))
    {
      *reason = g_strdup (_("its description names its file in an invalid way"));
      return FALSE;
    }

  info->app_version = g_strdup (app_version);
  *session = g_strdup (meta_session);
  return TRUE;
}

static gint
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  PmDraftInfo *info_a = *(PmDraftInfo **) a;
  PmDraftInfo *info_b = *(PmDraftInfo **) b;
  gint order = g_date_time_compare (info_b->saved_at, info_a->saved_at);

  return order != 0 ? order : strcmp (info_a->id, info_b->id);
}

/* On any thread. */
static ListResult *
list_job_run (ListJob  *job,
              GError  **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) dir_error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) id_list = NULL;
  ListResult *result = g_new0 (ListResult, 1);
  GHashTableIter iter;
  gpointer key;
  const char *name;

  enum { HAS_META = 1, HAS_DOCUMENT = 2 };

  result->infos = g_ptr_array_new_with_free_func (g_object_unref);
  result->quarantined = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);

  dir = g_dir_open (job->directory, 0, &dir_error);
  if (dir == NULL)
    {
      /* No folder (yet): no drafts. */
      if (g_error_matches (dir_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
          || g_error_matches (dir_error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
        return result;
      g_propagate_error (error, g_steal_pointer (&dir_error));
      list_result_free (result);
      return NULL;
    }

  /* Collect first: quarantining renames files while we would still be reading the folder. */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *id = NULL;
      guint flag;

      if (g_str_has_suffix (name, META_SUFFIX))
        {
          id = g_strndup (name, strlen (name) - strlen (META_SUFFIX));
          flag = HAS_META;
        }
      else if (g_str_has_suffix (name, DOCUMENT_SUFFIX))
        {
          id = g_strndup (name, strlen (name) - strlen (DOCUMENT_SUFFIX));
          flag = HAS_DOCUMENT;
        }
      else
        continue;

      /* session.json, and anything else not named by us, is not a draft. */
      if (!g_uuid_string_is_valid (id))
        continue;

      flag |= GPOINTER_TO_UINT (g_hash_table_lookup (ids, id));
      g_hash_table_replace (ids, g_steal_pointer (&id), GUINT_TO_POINTER (flag));
    }

  id_list = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (id_list, key);

  for (guint i = 0; i < id_list->len; i++)
    {
      const char *id = g_ptr_array_index (id_list, i);
      guint flags = GPOINTER_TO_UINT (g_hash_table_lookup (ids, id));
      gboolean has_meta = (flags & HAS_META) != 0;
      gboolean has_document = (flags & HAS_DOCUMENT) != 0;
      g_autofree char *meta_path = draft_file (job->directory, id, META_SUFFIX);
      g_autofree char *document_path = draft_file (job->directory, id, DOCUMENT_SUFFIX);
      g_autofree char *session = NULL;
      g_autofree char *reason = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(JsonObject) object = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autoptr(PmDraftInfo) info = NULL;
      g_autoptr(PmDocument) document = NULL;
      const char *title;
      gsize length = 0;

      if (!has_meta)
        {
          quarantine_draft (job->directory, id, FALSE, TRUE,
                            _("its description is missing"), result->quarantined);
          continue;
        }

      object = read_json_object (meta_path, &local_error);
      if (object == NULL)
        {
          g_autofree char *why = g_strdup_printf (_("its description is damaged (%s)"),
                                                  local_error->message);

          quarantine_draft (job->directory, id, TRUE, has_document, why, result->quarantined);
          continue;
        }

      info = g_object_new (PM_TYPE_DRAFT_INFO, NULL);
      info->id = g_strdup (id);
      info->directory = g_strdup (job->directory);

      if (!parse_metadata (object, id, info, &session, &reason))
        {
          quarantine_draft (job->directory, id, TRUE, has_document, reason,
                            result->quarantined);
          continue;
        }

      /* The running session's own drafts are live, not left over. */
      if (job->session_id != NULL && g_str_equal (session, job->session_id))
        continue;

      if (!has_document)
        {
          quarantine_draft (job->directory, id, TRUE, FALSE,
                            _("its document is missing"), result->quarantined);
          continue;
        }

      if (!pm_file_read_bounded (document_path, PM_LIMIT_FILE_BYTES, &contents, &length,
                                 &local_error))
        {
          quarantine_draft (job->directory, id, TRUE, TRUE, local_error->message,
                            result->quarantined);
          continue;
        }

      document = pm_document_load_from_data (contents, length, id, &local_error);
      if (document == NULL)
        {
          quarantine_draft (job->directory, id, TRUE, TRUE, local_error->message,
                            result->quarantined);
          continue;
        }

      title = pm_document_get_title (document);
      info->title = g_strdup (title ? title : "");
      info->base_state = info->base_path == NULL
        ? PM_DRAFT_BASE_UNTITLED
        : compare_base (info->base_path, info->base_sha256, info->base_size);
      info->crashed = !(job->previous_session_id != NULL
                        && g_str_equal (session, job->previous_session_id)
                        && !job->previous_crashed);

      g_ptr_array_add (result->infos, g_steal_pointer (&info));
    }

  g_ptr_array_sort (result->infos, compare_newest_first);
  return result;
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  ListResult *result = list_job_run (task_data, &error);

  if (result != NULL)
    g_task_return_pointer (task, result, (GDestroyNotify) list_result_free);
  else
    g_task_return_error (task, error);
}

static GPtrArray *
take_list_result (ListResult  *result,
                  GPtrArray  **quarantined)
{
  GPtrArray *infos = g_steal_pointer (&result->infos);

  if (quarantined != NULL)
    *quarantined = g_steal_pointer (&result->quarantined);
  list_result_free (result);
  return infos;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject vfuncs and class_init                                                               */
/* ------------------------------------------------------------------------------------------ */

static void
pm_draft_finalize (GObject *object)
{
  PmDraft *self = PM_DRAFT (object);

  g_free (self->id);
  g_free (self->directory);
  g_free (self->base_path);
  g_free (self->base_sha256);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (pm_draft_parent_class)->finalize (object);
}

static void
pm_draft_class_init (PmDraftClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pm_draft_finalize;
}

static void
pm_draft_init (PmDraft *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->base_size = -1;
}

static void
pm_draft_info_finalize (GObject *object)
{
  PmDraftInfo *self = PM_DRAFT_INFO (object);

  g_free (self->id);
  g_free (self->directory);
  g_free (self->title);
  g_free (self->base_path);
  g_free (self->base_sha256);
  g_clear_pointer (&self->saved_at, g_date_time_unref);
  g_free (self->app_version);

  G_OBJECT_CLASS (pm_draft_info_parent_class)->finalize (object);
}

static void
pm_draft_info_class_init (PmDraftInfoClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pm_draft_info_finalize;
}

static void
pm_draft_info_init (PmDraftInfo *self)
{
  self->base_size = -1;
  self->crashed = TRUE;
}

static void
pm_draft_store_finalize (GObject *object)
{
  PmDraftStore *self = PM_DRAFT_STORE (object);

  g_free (self->directory);
  g_free (self->session_id);
  g_free (self->previous_session_id);

  G_OBJECT_CLASS (pm_draft_store_parent_class)->finalize (object);
}

static void
pm_draft_store_class_init (PmDraftStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pm_draft_store_finalize;
}

static void
pm_draft_store_init (PmDraftStore *self)
{
}

/* ------------------------------------------------------------------------------------------ */
/* Public API: PmDraft                                                                         */
/* ------------------------------------------------------------------------------------------ */

const char *
pm_draft_get_id (PmDraft *self)
{
  g_return_val_if_fail (PM_IS_DRAFT (self), NULL);

  return self->id;
}

const char *
pm_draft_get_base_path (PmDraft *self)
{
  g_return_val_if_fail (PM_IS_DRAFT (self), NULL);

  return self->base_path;
}

void
pm_draft_set_base (PmDraft    *self,
                   const char *path,
                   const char *data,
                   gsize       length)
{
  g_return_if_fail (PM_IS_DRAFT (self));
  g_return_if_fail (path == NULL || g_path_is_absolute (path));
  g_return_if_fail (data != NULL || length == 0);

  g_clear_pointer (&self->base_path, g_free);
  g_clear_pointer (&self->base_sha256, g_free);
  self->base_size = -1;

  if (path != NULL)
    {
      self->base_path = g_strdup (path);
      self->base_sha256 = sha256_hex (data, length);
      self->base_size = (gint64) length;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Public API: PmDraftInfo                                                                     */
/* ------------------------------------------------------------------------------------------ */

const char *
pm_draft_info_get_id (PmDraftInfo *self)
{
  g_return_val_if_fail (PM_IS_DRAFT_INFO (self), NULL);

  return self->id;
}

const char *
pm_draft_info_get_title (PmDraftInfo *self)
{
  g_return_val_if_fail (PM_IS_DRAFT_INFO (self), NULL);

  return self->title;
}

const char *
pm_draft_info_get_base_path (PmDraftInfo *self)
{
  g_return_val_if_fail (PM_IS_DRAFT_INFO (self), NULL);

  return self->base_path;
}

GDateTime *
pm_draft_info_get_saved_at (PmDraftInfo *self)
{
  g_return_val_if_fail (PM_IS_DRAFT_INFO (self), NULL);

  return self->saved_at;
}

const char *
pm_draft_info_get_app_version (PmDraftInfo *self)
{
  g_return_val_if_fail (PM_IS_DRAFT_INFO (self), NULL);

  return self->app_version;
}

PmDraftBaseState
pm_draft_info_get_base_state (PmDraftInfo *self)
{
  g_return_val_if_fail (PM_IS_DRAFT_INFO (self), PM_DRAFT_BASE_CHANGED);

  return self->base_state;
}

gboolean
pm_draft_info_get_base_changed (PmDraftInfo *self)
{
  g_return_val_if_fail (PM_IS_DRAFT_INFO (self), TRUE);

  return self->base_state == PM_DRAFT_BASE_CHANGED || self->base_state == PM_DRAFT_BASE_MISSING;
}

gboolean
pm_draft_info_get_crashed (PmDraftInfo *self)
{
  g_return_val_if_fail (PM_IS_DRAFT_INFO (self), TRUE);

  return self->crashed;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API: PmDraftStore                                                                    */
/* ------------------------------------------------------------------------------------------ */

PmDraftStore *
pm_draft_store_new (const char *directory)
{
  PmDraftStore *self;

  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (PM_TYPE_DRAFT_STORE, NULL);
  self->directory = g_strdup (directory);
  return self;
}

const char *
pm_draft_store_get_directory (PmDraftStore *self)
{
  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), NULL);

  return self->directory;
}

gboolean
pm_draft_store_begin_session (PmDraftStore  *self,
                              GError       **error)
{
  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!self->previous_read)
    read_previous_session (self);

  if (self->session_id == NULL)
    self->session_id = g_uuid_string_random ();

  if (!write_session (self, FALSE, error))
    return FALSE;

  remove_stale_temporary_files (self->directory);
  return TRUE;
}

gboolean
pm_draft_store_end_session (PmDraftStore  *self,
                            GError       **error)
{
  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (self->session_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_session (self, TRUE, error);
}

gboolean
pm_draft_store_get_previous_session_crashed (PmDraftStore *self)
{
  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), FALSE);

  if (!self->previous_read)
    read_previous_session (self);
  return self->previous_crashed;
}

PmDraft *
pm_draft_store_create_draft (PmDraftStore *self,
                             const char   *base_path,
                             const char   *base_data,
                             gsize         base_length)
{
  PmDraft *draft;

  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (base_path == NULL || g_path_is_absolute (base_path), NULL);

  draft = g_object_new (PM_TYPE_DRAFT, NULL);
  draft->id = g_uuid_string_random ();
  draft->directory = g_strdup (self->directory);
  pm_draft_set_base (draft, base_path, base_data, base_length);
  return draft;
}

PmDraft *
pm_draft_store_adopt (PmDraftStore *self,
                      PmDraftInfo  *info)
{
  PmDraft *draft;

  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (PM_IS_DRAFT_INFO (info), NULL);

  draft = g_object_new (PM_TYPE_DRAFT, NULL);
  draft->id = g_strdup (info->id);
  draft->directory = g_strdup (self->directory);
  draft->base_path = g_strdup (info->base_path);
  draft->base_sha256 = g_strdup (info->base_sha256);
  draft->base_size = info->base_size;
  return draft;
}

gboolean
pm_draft_store_save (PmDraftStore  *self,
                     PmDraft       *draft,
                     PmDocument    *document,
                     GError       **error)
{
  g_autoptr(SaveJob) job = NULL;

  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (PM_IS_DRAFT (draft), FALSE);
  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  job = save_job_new (self, draft, document);
  return save_job_run (job, error);
}

void
pm_draft_store_save_async (PmDraftStore        *self,
                           PmDraft             *draft,
                           PmDocument          *document,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PM_IS_DRAFT_STORE (self));
  g_return_if_fail (PM_IS_DRAFT (draft));
  g_return_if_fail (PM_IS_DOCUMENT (document));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pm_draft_store_save_async);
  g_task_set_name (task, "[pmortem] save draft");
  g_task_set_task_data (task, save_job_new (self, draft, document),
                        (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
pm_draft_store_save_finish (PmDraftStore  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
pm_draft_store_discard (PmDraftStore  *self,
                        PmDraft       *draft,
                        GError       **error)
{
  g_autofree char *meta = NULL;
  g_autofree char *document = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), FALSE);
  g_return_val_if_fail (PM_IS_DRAFT (draft), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  meta = draft_file (draft->directory, draft->id, META_SUFFIX);
  document = draft_file (draft->directory, draft->id, DOCUMENT_SUFFIX);

  g_mutex_lock (&draft->lock);
  draft->discarded_serial = draft->last_serial;
  if (draft->writing)
    {
      /* The writer removes the files when it is done; waiting here could stall the UI. */
      draft->unlink_after_write = TRUE;
    }
  else
    {
      /* Under the lock, so that no newer write can happen between these two. The document
       * goes first: a lone description is harmless. */
      const char *paths[] = { document, meta };

      for (guint i = 0; i < G_N_ELEMENTS (paths) && ok; i++)
        {
          if (g_unlink (paths[i]) != 0 && errno != ENOENT)
            {
              int saved_errno = errno;
              g_autofree char *display = g_filename_display_name (paths[i]);

              g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                           /* Translators: the first %s is a file name, the second a system error */
                           _("Could not remove the draft “%s”: %s"),
                           display, g_strerror (saved_errno));
              ok = FALSE;
            }
        }
    }
  g_mutex_unlock (&draft->lock);

  return ok;
}

GPtrArray *
pm_draft_store_list (PmDraftStore  *self,
                     GPtrArray    **quarantined,
                     GError       **error)
{
  ListJob *job;
  ListResult *result;

  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  job = list_job_new (self);
  result = list_job_run (job, error);
  list_job_free (job);

  if (result == NULL)
    return NULL;
  return take_list_result (result, quarantined);
}

void
pm_draft_store_list_async (PmDraftStore        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PM_IS_DRAFT_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pm_draft_store_list_async);
  g_task_set_name (task, "[pmortem] list drafts");
  g_task_set_task_data (task, list_job_new (self), (GDestroyNotify) list_job_free);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
pm_draft_store_list_finish (PmDraftStore  *self,
                            GAsyncResult  *result,
                            GPtrArray    **quarantined,
                            GError       **error)
{
  ListResult *list;

  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  list = g_task_propagate_pointer (G_TASK (result), error);
  if (list == NULL)
    return NULL;
  return take_list_result (list, quarantined);
}

PmDocument *
pm_draft_store_load (PmDraftStore  *self,
                     PmDraftInfo   *info,
                     GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (PM_IS_DRAFT_STORE (self), NULL);
  g_return_val_if_fail (PM_IS_DRAFT_INFO (info), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = draft_file (info->directory, info->id, DOCUMENT_SUFFIX);
  if (!pm_file_read_bounded (path, PM_LIMIT_FILE_BYTES, &contents, &length, error))
    return NULL;

  return pm_document_load_from_data (contents, length,
                                     info->title[0] != '\0' ? info->title : info->id, error);
}
