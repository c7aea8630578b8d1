/* pm-document-session.h — one open postmortem and its file: reading, saving, drafts, changes on disk
 *
 * A session holds a document and the file it belongs to, and everything that keeps the two
 * together without losing work: it reads the file in a worker thread, writes it atomically in a
 * worker thread, keeps a draft of unsaved changes (PmAutosaver into a PmDraftStore, never the
 * user's file), and watches the file for changes made by someone else (PmFileWatcher). It needs
 * no display: the window binds to it and shows what it says, and a headless host can use it the
 * same way. In the style of GNOME Text Editor's EditorDocument.
 *
 * A save writes only what was serialised when it started: edits made during the write leave the
 * document modified (and in the draft). A save to the session's own file is refused with
 * G_IO_ERROR_WOULD_MERGE while someone else's version is on disk ("disk-state" is
 * PM_FILE_DISK_STATE_CHANGED); resolve it first: reload theirs, or keep theirs as a copy
 * (pm_document_session_copy_their_version()) and write ours with save_as_async() to the file.
 *
 * Properties (all read-only but the intervals):
 *   "document"          PmDocument        the document (NULL until one is set or loaded)
 *   "file"              GFile             where it is saved; NULL if it never was
 *   "draft-store"       PmDraftStore      construct-only; NULL: no drafts
 *   "draft"             PmDraft           the draft of unsaved changes, or NULL
 *   "modified"          gboolean          work that is not in the file (see get_modified())
 *   "read-only"         gboolean          written by a newer version: save a copy only
 *   "restored"          gboolean          recovered from a draft and not saved since
 *   "saving"            gboolean          a write is running
 *   "disk-state"        PmFileDiskState   what someone else did to the file
 *   "autosave-interval" / "autosave-interval-ms"   delay of the draft after a change
 *
 * Signals:
 *   "external-change" (PmDocumentSession *self, PmFileDiskState state)
 *       someone else changed (PM_FILE_DISK_STATE_CHANGED) or removed (…_DELETED) the file
 *   "autosave-failed" (PmDocumentSession *self, GError *error)
 *       a draft could not be written; it is retried
 *
 * Everything runs on the thread-default main context of the thread that made the session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-document.h"
#include "pm-draft-store.h"
#include "pm-file-watcher.h"

G_BEGIN_DECLS

#define PM_TYPE_DOCUMENT_SESSION (pm_document_session_get_type ())
G_DECLARE_FINAL_TYPE (PmDocumentSession, pm_document_session, PM, DOCUMENT_SESSION, GObject)

/* @draft_store may be NULL: then no drafts are kept. */
PmDocumentSession *pm_document_session_new                 (PmDraftStore        *draft_store);

PmDraftStore      *pm_document_session_get_draft_store     (PmDocumentSession   *self);
/* Borrowed. */
PmDocument        *pm_document_session_get_document        (PmDocumentSession   *self);
GFile             *pm_document_session_get_file            (PmDocumentSession   *self);
PmDraft           *pm_document_session_get_draft           (PmDocumentSession   *self);
/* A document with work that is not in its file: modified, or restored from a draft and not
 * saved since. */
gboolean           pm_document_session_get_modified        (PmDocumentSession   *self);
gboolean           pm_document_session_get_read_only       (PmDocumentSession   *self);
gboolean           pm_document_session_get_restored        (PmDocumentSession   *self);
gboolean           pm_document_session_get_saving          (PmDocumentSession   *self);
/* PM_FILE_DISK_STATE_UNCHANGED when no file is watched. */
PmFileDiskState    pm_document_session_get_disk_state      (PmDocumentSession   *self);

guint              pm_document_session_get_autosave_interval    (PmDocumentSession *self);
void               pm_document_session_set_autosave_interval    (PmDocumentSession *self,
                                                                 guint              seconds);
guint              pm_document_session_get_autosave_interval_ms (PmDocumentSession *self);
void               pm_document_session_set_autosave_interval_ms (PmDocumentSession *self,
                                                                 guint              milliseconds);

/* Takes @document, read from @file (NULL: not saved yet) whose bytes were @contents (NULL: the
 * session reads the file to know). Keeps drafts of its unsaved changes in a new draft and
 * watches the file. A previous document's draft stays in the store. */
void               pm_document_session_set_document        (PmDocumentSession   *self,
                                                            PmDocument          *document,
                                                            GFile               *file,
                                                            GBytes              *contents);
/* Takes @document recovered from @draft as unsaved work ("restored", modified until saved); it
 * keeps autosaving into @draft. @file: where it belongs, NULL to save it under a new name. */
void               pm_document_session_restore_draft       (PmDocumentSession   *self,
                                                            PmDocument          *document,
                                                            GFile               *file,
                                                            PmDraft             *draft);

/* Reads and checks @file in a worker thread and takes the document (as set_document()). The
 * error names the file and where it went wrong. */
void               pm_document_session_load_async          (PmDocumentSession   *self,
                                                            GFile               *file,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean           pm_document_session_load_finish         (PmDocumentSession   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
/* Reads the session's file again and takes what it holds now, dropping the changes made here
 * and their draft (the user chose the version on disk). */
void               pm_document_session_reload_async        (PmDocumentSession   *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean           pm_document_session_reload_finish       (PmDocumentSession   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* Saves to the session's file. Refused (G_IO_ERROR_WOULD_MERGE) when someone else changed it —
 * the file is looked at first —, when there is no file or the document is read-only
 * (G_IO_ERROR_NOT_SUPPORTED), and during another save (G_IO_ERROR_BUSY). */
void               pm_document_session_save_async          (PmDocumentSession   *self,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean           pm_document_session_save_finish         (PmDocumentSession   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);
/* Writes the document to @file as it is (the name is used as given, whatever is there) and,
 * once written, the session refers to @file. Also how "keep mine" writes over their version. */
void               pm_document_session_save_as_async       (PmDocumentSession   *self,
                                                            GFile               *file,
                                                            GCancellable        *cancellable,
                                                            GAsyncReadyCallback  callback,
                                                            gpointer             user_data);
gboolean           pm_document_session_save_as_finish      (PmDocumentSession   *self,
                                                            GAsyncResult        *result,
                                                            GError             **error);

/* When someone else's version is in the file (disk-state CHANGED), copies it byte for byte next
 * to it as "NAME (their version).pmortem" (numbered when taken) and sets @copy to it; otherwise
 * sets @copy to NULL. FALSE with @error when it could not be kept. */
gboolean           pm_document_session_copy_their_version  (PmDocumentSession   *self,
                                                            GFile              **copy,
                                                            GError             **error);
/* Looks at the file again soon, in a worker thread (monitors miss changes on network folders:
 * call it when the user turns to the document). Nothing while saving. */
void               pm_document_session_check_file_soon     (PmDocumentSession   *self);
/* The work is saved or let go: stops autosaving and removes the draft. */
void               pm_document_session_discard_draft       (PmDocumentSession   *self);
/* Stops watching and autosaving and keeps the draft for next time (the program ends with work
 * unsaved). A save still running finishes writing but changes nothing in the session. */
void               pm_document_session_close               (PmDocumentSession   *self);

G_END_DECLS
