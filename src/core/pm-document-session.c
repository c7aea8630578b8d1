/* pm-document-session.c — one open postmortem and its file: reading, saving, drafts, changes on disk
 *
 * Saving serialises the document on the calling thread (the document is not thread-safe) and
 * writes the bytes with the atomic writer in a worker thread, so a slow disk never holds up the
 * caller. The document is marked saved only when nothing changed while the write was running;
 * otherwise it stays modified, which is the truth.
 *
 * Never losing work: an autosaver keeps a draft of unsaved changes in the application's own
 * folder (never in the user's file), and a file watcher notices when someone else changes or
 * deletes the file. Our own saves pause the watcher and tell it the bytes written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-atomic-file.h"
#include "pm-autosaver.h"
#include "pm-document-format.h"
#include "pm-document-session.h"
#include "pm-limits.h"
#include "pm-undo-stack.h"

struct _PmDocumentSession
{
  GObject        parent_instance;

  PmDraftStore  *draft_store;
  PmDocument    *document;
  GFile         *file;
  /* Drafts of unsaved changes (NULL without a draft store). */
  PmAutosaver   *autosaver;
  PmDraft       *draft;
  /* Changes made to the file by someone else (NULL for an untitled document). */
  PmFileWatcher *watcher;
  guint          autosave_interval_ms;

  guint          saving : 1;
  /* Restored from a draft and not saved since: unsaved work, whatever the undo stack says. */
  guint          restored : 1;
  /* Closed: saves finishing now change nothing. */
  guint          closed : 1;
};

G_DEFINE_FINAL_TYPE (PmDocumentSession, pm_document_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DRAFT_STORE,
  PROP_DOCUMENT,
  PROP_FILE,
  PROP_DRAFT,
  PROP_MODIFIED,
  PROP_READ_ONLY,
  PROP_RESTORED,
  PROP_SAVING,
  PROP_DISK_STATE,
  PROP_AUTOSAVE_INTERVAL,
  PROP_AUTOSAVE_INTERVAL_MS,
  N_PROPS
};

enum {
  EXTERNAL_CHANGE,
  AUTOSAVE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
set_saving (PmDocumentSession *self,
            gboolean           saving)
{
  saving = !!saving;
  if (self->saving == saving)
    return;

  self->saving = saving;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
set_restored (PmDocumentSession *self,
              gboolean           restored)
{
  restored = !!restored;
  if (self->restored == restored)
    return;

  self->restored = restored;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
set_file (PmDocumentSession *self,
          GFile             *file)
{
  if (self->file == file || (self->file != NULL && file != NULL && g_file_equal (self->file, file)))
    {
      g_set_object (&self->file, file);
      return;
    }

  g_set_object (&self->file, file);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
}

static void
on_document_notify_cb (PmDocumentSession *self,
                       GParamSpec        *pspec,
                       PmDocument        *document)
{
  if (g_str_equal (pspec->name, "modified"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  else if (g_str_equal (pspec->name, "read-only"))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

static void
on_watcher_state_cb (PmDocumentSession *self,
                     GParamSpec        *pspec,
                     PmFileWatcher     *watcher)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISK_STATE]);
}

static void
on_watcher_changed_cb (PmDocumentSession *self,
                       PmFileWatcher     *watcher)
{
  g_signal_emit (self, signals[EXTERNAL_CHANGE], 0, PM_FILE_DISK_STATE_CHANGED);
}

static void
on_watcher_deleted_cb (PmDocumentSession *self,
                       PmFileWatcher     *watcher)
{
  g_signal_emit (self, signals[EXTERNAL_CHANGE], 0, PM_FILE_DISK_STATE_DELETED);
}

static void
clear_watcher (PmDocumentSession *self)
{
  if (self->watcher == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->watcher, self);
  g_clear_object (&self->watcher);
}

/* Watches @file, whose bytes on disk are @data as far as we know (NULL: no file expected). */
static void
set_watcher (PmDocumentSession *self,
             GFile             *file,
             const char        *data,
             gsize              length)
{
  PmFileDiskState old_state = pm_document_session_get_disk_state (self);
  g_autofree char *path = NULL;

  clear_watcher (self);

  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    {
      self->watcher = pm_file_watcher_new (path);
      if (data != NULL)
        pm_file_watcher_set_known_contents (self->watcher, data, length);
      g_signal_connect_object (self->watcher, "notify::disk-state",
                               G_CALLBACK (on_watcher_state_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->watcher, "changed",
                               G_CALLBACK (on_watcher_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->watcher, "deleted",
                               G_CALLBACK (on_watcher_deleted_cb), self, G_CONNECT_SWAPPED);
    }

  if (old_state != pm_document_session_get_disk_state (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISK_STATE]);
}

static void
on_autosave_failed_cb (PmDocumentSession *self,
                       GError            *error,
                       PmAutosaver       *autosaver)
{
  g_signal_emit (self, signals[AUTOSAVE_FAILED], 0, error);
}

static void
clear_autosaver (PmDocumentSession *self)
{
  if (self->autosaver == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->autosaver, self);
  g_clear_object (&self->autosaver);
}

/* Keeps drafts of the document's unsaved changes in @draft (NULL: a new one based on @file and
 * its bytes @data). */
static void
set_autosaver (PmDocumentSession *self,
               PmDraft           *draft,
               GFile             *file,
               const char        *data,
               gsize              length)
{
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  PmDraft *old_draft = self->draft;

  clear_autosaver (self);
  self->draft = NULL;

  if (self->draft_store != NULL && self->document != NULL)
    {
      if (draft != NULL)
        self->draft = g_object_ref (draft);
      else if (path != NULL && data != NULL)
        self->draft = pm_draft_store_create_draft (self->draft_store, path, data, length);
      else
        self->draft = pm_draft_store_create_draft (self->draft_store, NULL, NULL, 0);

      self->autosaver = pm_autosaver_new (self->document, self->draft_store, self->draft);
      pm_autosaver_set_interval_ms (self->autosaver, self->autosave_interval_ms);
      g_signal_connect_object (self->autosaver, "failed",
                               G_CALLBACK (on_autosave_failed_cb), self, G_CONNECT_SWAPPED);
    }

  if (old_draft != self->draft)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
  g_clear_object (&old_draft);
}

/* Removes the draft file (the draft object stays, and is written again on the next change). */
static void
discard_draft_file (PmDocumentSession *self)
{
  g_autoptr(GError) error = NULL;

  if (self->draft_store != NULL && self->draft != NULL &&
      !pm_draft_store_discard (self->draft_store, self->draft, &error))
    g_message ("Could not remove the draft %s: %s", pm_draft_get_id (self->draft), error->message);
}

static void
adopt_document (PmDocumentSession *self,
                PmDocument        *document,
                GFile             *file,
                GBytes            *contents,
                PmDraft           *draft,
                gboolean           restored)
{
  g_autoptr(GBytes) bytes = contents != NULL ? g_bytes_ref (contents) : NULL;
  gboolean was_read_only = pm_document_session_get_read_only (self);
  gboolean was_modified = pm_document_session_get_modified (self);
  gboolean document_changed = self->document != document;
  const char *data = NULL;
  gsize length = 0;

  g_object_freeze_notify (G_OBJECT (self));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_set_object (&self->document, document);
  set_file (self, file);
  self->closed = FALSE;

  if (document != NULL)
    {
      g_signal_connect_object (document, "notify::modified",
                               G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::read-only",
                               G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
    }

  /* What the file holds now, for the draft and the watcher: the bytes the document was read
   * from, else the file as it is (a restored draft whose file did not change since). */
  if (bytes == NULL && file != NULL)
    {
      char *file_data = NULL;
      gsize file_length = 0;

      if (g_file_load_contents (file, NULL, &file_data, &file_length, NULL, NULL))
        bytes = g_bytes_new_take (file_data, file_length);
    }
  if (bytes != NULL)
    data = g_bytes_get_data (bytes, &length);

  if (file == NULL || data != NULL)
    set_watcher (self, document != NULL ? file : NULL, data, length);
  else
    set_watcher (self, NULL, NULL, 0);
  set_autosaver (self, draft, file, data, length);

  if (self->restored != !!restored)
    {
      self->restored = !!restored;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORED]);
    }

  if (document_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  if (was_modified != pm_document_session_get_modified (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (was_read_only != pm_document_session_get_read_only (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* ------------------------------------------------------------------------------------------ */
/* Reading                                                                                     */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  GFile      *file;
  PmDocument *document;
  GBytes     *contents;
  gboolean    reload;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->document);
  g_clear_pointer (&data->contents, g_bytes_unref);
  g_free (data);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  g_autofree char *path = g_file_get_path (data->file);
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  GError *error = NULL;
  gsize length;

  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (data->file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s: only files on this computer can be opened."), name);
      return;
    }

  /* As pm_document_load_from_file(), keeping the bytes: the draft and the file watcher need to
   * know exactly what the file held. */
  if (!pm_file_read_bounded (path, PM_LIMIT_FILE_BYTES, &contents, &length, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  display_name = g_filename_display_name (path);
  data->document = pm_document_load_from_data (contents, length, display_name, &error);
  if (data->document == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->contents = g_bytes_new_take (g_steal_pointer (&contents), length);
  g_task_return_boolean (task, TRUE);
}

static void
read_async (PmDocumentSession   *self,
            GFile               *file,
            gboolean             reload,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  ReadData *data = g_new0 (ReadData, 1);

  data->file = g_object_ref (file);
  data->reload = reload;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

static gboolean
read_finish (PmDocumentSession  *self,
             GAsyncResult       *result,
             GError            **error)
{
  ReadData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  /* Closed while reading (the program ends): the draft stays, nothing is taken. */
  if (self->closed && data->reload)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The postmortem was closed while it was read."));
      return FALSE;
    }

  /* Reloading: the user chose the version on disk over the changes made here. */
  if (data->reload)
    discard_draft_file (self);

  adopt_document (self, data->document, data->file, data->contents, NULL, FALSE);

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Saving                                                                                      */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  GFile         *file;
  char          *path;
  char          *data;
  gsize          length;
  PmDocument    *document;
  guint64        state;
  guint64        untracked;      /* the document's count of edits without undo (the timer) */
  /* The watcher of the file being replaced, paused during our own write. */
  PmFileWatcher *watcher;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_object (&data->document);
  g_clear_object (&data->watcher);
  g_free (data->path);
  g_free (data->data);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;

  if (!pm_atomic_file_write (data->path, data->data, data->length, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PmDocumentSession *self = PM_DOCUMENT_SESSION (object);
  g_autoptr(GTask) outer = user_data;
  SaveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_saving (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The document keeps its changes and stays modified (and in the draft). */
      if (data->watcher != NULL)
        pm_file_watcher_resume (data->watcher);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  /* Our own write is not someone else's change. */
  if (data->watcher != NULL)
    {
      pm_file_watcher_set_known_contents (data->watcher, data->data, data->length);
      pm_file_watcher_resume (data->watcher);
    }

  /* Closed meanwhile (the program ends): the draft keeps anything not written. */
  if (!self->closed && data->document == self->document)
    {
      g_object_freeze_notify (G_OBJECT (self));

      if (data->watcher == NULL || data->watcher != self->watcher)
        set_watcher (self, data->file, data->data, data->length);

      if (self->draft != NULL)
        pm_draft_set_base (self->draft, data->path, data->data, data->length);

      /* Only what was written counts as saved: edits made during the write stay modified
       * (and in the draft). */
      if (pm_undo_stack_get_state (pm_document_get_undo_stack (self->document)) == data->state
          && pm_document_get_untracked_changes (self->document) == data->untracked)
        {
          pm_document_mark_saved (self->document);
          set_restored (self, FALSE);
          discard_draft_file (self);
        }

      set_file (self, data->file);

      g_object_thaw_notify (G_OBJECT (self));
    }

  g_task_return_boolean (outer, TRUE);
}

/* Writes the document to @file in a worker thread; @task gets the result. */
static void
write_to_file (PmDocumentSession *self,
               GFile             *file,
               GTask             *task)
{
  g_autofree char *path = NULL;
  GTask *write;
  SaveData *data;

  if (self->saving)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY,
                               _("The postmortem is being saved already."));
      g_object_unref (task);
      return;
    }

  if ((path = g_file_get_path (file)) == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("%s: only files on this computer can be saved."), name);
      g_object_unref (task);
      return;
    }

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);
  data->path = g_steal_pointer (&path);
  data->document = g_object_ref (self->document);
  data->state = pm_undo_stack_get_state (pm_document_get_undo_stack (self->document));
  data->untracked = pm_document_get_untracked_changes (self->document);
  /* The same bytes pm_document_save_to_file() writes, serialised here on the calling thread. */
  data->data = pm_document_serialize (self->document, &data->length);

  if (self->watcher != NULL && self->file != NULL && g_file_equal (file, self->file))
    {
      data->watcher = g_object_ref (self->watcher);
      pm_file_watcher_pause (data->watcher);
    }

  set_saving (self, TRUE);

  write = g_task_new (self, NULL, write_cb, task);
  g_task_set_source_tag (write, write_to_file);
  g_task_set_task_data (write, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (write, save_thread);
  g_object_unref (write);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_document_session_dispose (GObject *object)
{
  PmDocumentSession *self = PM_DOCUMENT_SESSION (object);

  /* A session ending without closing keeps its draft for next time. */
  clear_autosaver (self);
  clear_watcher (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->draft);
  g_clear_object (&self->document);
  g_clear_object (&self->file);
  g_clear_object (&self->draft_store);

  G_OBJECT_CLASS (pm_document_session_parent_class)->dispose (object);
}

static void
pm_document_session_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PmDocumentSession *self = PM_DOCUMENT_SESSION (object);

  switch (prop_id)
    {
    case PROP_DRAFT_STORE:
      g_value_set_object (value, self->draft_store);
      break;
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_DRAFT:
      g_value_set_object (value, self->draft);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, pm_document_session_get_modified (self));
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, pm_document_session_get_read_only (self));
      break;
    case PROP_RESTORED:
      g_value_set_boolean (value, self->restored);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;
    case PROP_DISK_STATE:
      g_value_set_enum (value, pm_document_session_get_disk_state (self));
      break;
    case PROP_AUTOSAVE_INTERVAL:
      g_value_set_uint (value, pm_document_session_get_autosave_interval (self));
      break;
    case PROP_AUTOSAVE_INTERVAL_MS:
      g_value_set_uint (value, self->autosave_interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_document_session_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PmDocumentSession *self = PM_DOCUMENT_SESSION (object);

  switch (prop_id)
    {
    case PROP_DRAFT_STORE:
      self->draft_store = g_value_dup_object (value);
      break;
    case PROP_AUTOSAVE_INTERVAL:
      pm_document_session_set_autosave_interval (self, g_value_get_uint (value));
      break;
    case PROP_AUTOSAVE_INTERVAL_MS:
      pm_document_session_set_autosave_interval_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_document_session_class_init (PmDocumentSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pm_document_session_dispose;
  object_class->get_property = pm_document_session_get_property;
  object_class->set_property = pm_document_session_set_property;

  properties[PROP_DRAFT_STORE] =
    g_param_spec_object ("draft-store", NULL, NULL, PM_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT] =
    g_param_spec_object ("draft", NULL, NULL, PM_TYPE_DRAFT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESTORED] =
    g_param_spec_boolean ("restored", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISK_STATE] =
    g_param_spec_enum ("disk-state", NULL, NULL, PM_TYPE_FILE_DISK_STATE,
                       PM_FILE_DISK_STATE_UNCHANGED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOSAVE_INTERVAL] =
    g_param_spec_uint ("autosave-interval", NULL, NULL,
                       1, PM_AUTOSAVER_MAX_INTERVAL, PM_AUTOSAVER_DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOSAVE_INTERVAL_MS] =
    g_param_spec_uint ("autosave-interval-ms", NULL, NULL,
                       10, PM_AUTOSAVER_MAX_INTERVAL * 1000,
                       PM_AUTOSAVER_DEFAULT_INTERVAL * 1000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[EXTERNAL_CHANGE] =
    g_signal_new ("external-change",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, PM_TYPE_FILE_DISK_STATE);
  signals[AUTOSAVE_FAILED] =
    g_signal_new ("autosave-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
pm_document_session_init (PmDocumentSession *self)
{
  self->autosave_interval_ms = PM_AUTOSAVER_DEFAULT_INTERVAL * 1000;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmDocumentSession *
pm_document_session_new (PmDraftStore *draft_store)
{
  g_return_val_if_fail (draft_store == NULL || PM_IS_DRAFT_STORE (draft_store), NULL);

  return g_object_new (PM_TYPE_DOCUMENT_SESSION,
                       "draft-store", draft_store,
                       NULL);
}

PmDraftStore *
pm_document_session_get_draft_store (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), NULL);

  return self->draft_store;
}

PmDocument *
pm_document_session_get_document (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), NULL);

  return self->document;
}

GFile *
pm_document_session_get_file (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), NULL);

  return self->file;
}

PmDraft *
pm_document_session_get_draft (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), NULL);

  return self->draft;
}

gboolean
pm_document_session_get_modified (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), FALSE);

  return self->document != NULL && (self->restored || pm_document_get_modified (self->document));
}

gboolean
pm_document_session_get_read_only (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), FALSE);

  return self->document != NULL && pm_document_get_read_only (self->document);
}

gboolean
pm_document_session_get_restored (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), FALSE);

  return self->restored;
}

gboolean
pm_document_session_get_saving (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), FALSE);

  return self->saving;
}

PmFileDiskState
pm_document_session_get_disk_state (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), PM_FILE_DISK_STATE_UNCHANGED);

  return self->watcher != NULL ? pm_file_watcher_get_disk_state (self->watcher)
                               : PM_FILE_DISK_STATE_UNCHANGED;
}

guint
pm_document_session_get_autosave_interval (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), PM_AUTOSAVER_DEFAULT_INTERVAL);

  return MAX (1, self->autosave_interval_ms / 1000);
}

void
pm_document_session_set_autosave_interval (PmDocumentSession *self,
                                           guint              seconds)
{
  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));

  seconds = CLAMP (seconds, 1, PM_AUTOSAVER_MAX_INTERVAL);
  pm_document_session_set_autosave_interval_ms (self, seconds * 1000);
}

guint
pm_document_session_get_autosave_interval_ms (PmDocumentSession *self)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), PM_AUTOSAVER_DEFAULT_INTERVAL * 1000);

  return self->autosave_interval_ms;
}

void
pm_document_session_set_autosave_interval_ms (PmDocumentSession *self,
                                              guint              milliseconds)
{
  guint old_seconds;

  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));

  milliseconds = CLAMP (milliseconds, 10, PM_AUTOSAVER_MAX_INTERVAL * 1000);
  if (self->autosave_interval_ms == milliseconds)
    return;

  old_seconds = pm_document_session_get_autosave_interval (self);
  self->autosave_interval_ms = milliseconds;
  if (self->autosaver != NULL)
    pm_autosaver_set_interval_ms (self->autosaver, milliseconds);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_INTERVAL_MS]);
  if (old_seconds != pm_document_session_get_autosave_interval (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_INTERVAL]);
}

void
pm_document_session_set_document (PmDocumentSession *self,
                                  PmDocument        *document,
                                  GFile             *file,
                                  GBytes            *contents)
{
  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  adopt_document (self, document, file, contents, NULL, FALSE);
}

void
pm_document_session_restore_draft (PmDocumentSession *self,
                                   PmDocument        *document,
                                   GFile             *file,
                                   PmDraft           *draft)
{
  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));
  g_return_if_fail (PM_IS_DOCUMENT (document));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (PM_IS_DRAFT (draft));

  /* The draft is work that was never saved: it shows as modified until it is. */
  adopt_document (self, document, file, NULL, draft, TRUE);
}

void
pm_document_session_load_async (PmDocumentSession   *self,
                                GFile               *file,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  read_async (self, file, FALSE, pm_document_session_load_async,
              cancellable, callback, user_data);
}

gboolean
pm_document_session_load_finish (PmDocumentSession  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pm_document_session_load_async,
                        FALSE);

  return read_finish (self, result, error);
}

void
pm_document_session_reload_async (PmDocumentSession   *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));
  g_return_if_fail (self->file != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  read_async (self, self->file, TRUE, pm_document_session_reload_async,
              cancellable, callback, user_data);
}

gboolean
pm_document_session_reload_finish (PmDocumentSession  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pm_document_session_reload_async,
                        FALSE);

  return read_finish (self, result, error);
}

void
pm_document_session_save_async (PmDocumentSession   *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));
  g_return_if_fail (self->document != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pm_document_session_save_async);

  if (self->file == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The postmortem has no file yet: save it under a name."));
      return;
    }

  if (pm_document_get_read_only (self->document))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The postmortem is open for reading only: save a copy of it."));
      return;
    }

  /* Saving never silently overwrites a file someone else changed: look first. A file that
   * cannot be read to tell is left to the writer, which reports its own errors. */
  if (self->watcher != NULL && !self->saving)
    pm_file_watcher_check_now (self->watcher, NULL);

  if (pm_document_session_get_disk_state (self) == PM_FILE_DISK_STATE_CHANGED)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_WOULD_MERGE,
                               _("Not saved: someone else changed the file since it was read "
                                 "or saved."));
      return;
    }

  write_to_file (self, self->file, g_steal_pointer (&task));
}

gboolean
pm_document_session_save_finish (PmDocumentSession  *self,
                                 GAsyncResult       *result,
                                 GError            **error)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pm_document_session_save_as_async (PmDocumentSession   *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->document != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pm_document_session_save_as_async);
  write_to_file (self, file, task);
}

gboolean
pm_document_session_save_as_finish (PmDocumentSession  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A free name next to @file for their version: "NAME (their version).pmortem", then numbered. */
static GFile *
dup_their_version_file (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *stem = NULL;

  if (parent == NULL || basename == NULL)
    return NULL;

  stem = g_str_has_suffix (basename, PM_FILE_EXTENSION)
         ? g_strndup (basename, strlen (basename) - strlen (PM_FILE_EXTENSION))
         : g_strdup (basename);

  for (guint i = 1; i < 1000; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *file_name = NULL;
      g_autoptr(GFile) candidate = NULL;

      if (i == 1)
        /* Translators: file name of the other person's version; %s is the original name */
        name = g_strdup_printf (_("%s (their version)"), stem);
      else
        /* Translators: the same, numbered when that name is taken */
        name = g_strdup_printf (_("%s (their version %u)"), stem, i);

      file_name = g_strconcat (name, PM_FILE_EXTENSION, NULL);
      candidate = g_file_get_child (parent, file_name);

      if (!g_file_query_exists (candidate, NULL))
        return g_steal_pointer (&candidate);
    }

  return NULL;
}

gboolean
pm_document_session_copy_their_version (PmDocumentSession  *self,
                                        GFile             **copy,
                                        GError            **error)
{
  g_autoptr(GFile) their_copy = NULL;

  g_return_val_if_fail (PM_IS_DOCUMENT_SESSION (self), FALSE);
  g_return_val_if_fail (copy != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *copy = NULL;

  if (self->file == NULL ||
      pm_document_session_get_disk_state (self) != PM_FILE_DISK_STATE_CHANGED)
    return TRUE;

  /* Theirs is kept, byte for byte, before ours replaces it. */
  if ((their_copy = dup_their_version_file (self->file)) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                           _("There is no free file name for it in this folder."));
      return FALSE;
    }
  if (!g_file_copy (self->file, their_copy, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return FALSE;

  *copy = g_steal_pointer (&their_copy);
  return TRUE;
}

void
pm_document_session_check_file_soon (PmDocumentSession *self)
{
  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));

  if (self->watcher != NULL && !self->saving)
    pm_file_watcher_check_soon (self->watcher);
}

void
pm_document_session_discard_draft (PmDocumentSession *self)
{
  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));

  clear_autosaver (self);
  discard_draft_file (self);
}

void
pm_document_session_close (PmDocumentSession *self)
{
  g_return_if_fail (PM_IS_DOCUMENT_SESSION (self));

  self->closed = TRUE;
  clear_autosaver (self);
  clear_watcher (self);
}
