/* pm-draft-store.h — unsaved work kept in the application's own folder, recovered after a crash
 *
 * A draft is a copy of a document with unsaved changes, written by the autosaver
 * (pm-autosaver.h) a few seconds after a change and never over the user's own file. Each draft
 * in the store's folder (normally $XDG_DATA_HOME/io.github.pmortem.Postmortem/drafts, mode
 * 0700) is two files written with pm_atomic_file_write():
 *
 *   <id>.json      what the draft is about: the file it was based on (a file: URI, or null for
 *                  a document that was never saved), that file's SHA-256 and size as it was when
 *                  loaded or last saved, the title, when the draft was written (ISO 8601), the
 *                  app version and the session that wrote it. Written first.
 *   <id>.pmortem   the document itself, as pm_document_serialize() writes it.
 *
 * Lifetime: a draft is deleted only by pm_draft_store_discard(), i.e. after its document was
 * really saved (and marked saved) or the user chose to discard the changes. So EVERY draft
 * present when the app starts is unsaved work and is offered back, whatever the session marker
 * says: pm_draft_store_list() returns all drafts except those written by the running session.
 * The session marker (session.json: clean_shutdown false while running, the pid) only tells
 * whether the app crashed (pm_draft_info_get_crashed()).
 *
 * A draft that cannot be read back (truncated, not JSON, not a postmortem, metadata missing or
 * wrong) is moved into the "quarantine" subfolder — renamed, never deleted — and reported,
 * while the other drafts are listed normally.
 *
 * Threads: call everything from the main thread, except that the work of
 * pm_draft_store_save_async() and pm_draft_store_list_async() runs in a worker. Writes to one
 * draft are ordered: an older snapshot never overwrites a newer one, and a snapshot taken
 * before pm_draft_store_discard() is never written after it (so discarding while an autosave is
 * in flight is safe).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-document.h"

G_BEGIN_DECLS

/* ------------------------------------------------------------------------------------------ */
/* PmDraft: the handle of one document's draft                                                 */
/* ------------------------------------------------------------------------------------------ */

#define PM_TYPE_DRAFT (pm_draft_get_type ())
G_DECLARE_FINAL_TYPE (PmDraft, pm_draft, PM, DRAFT, GObject)

/* The draft's id, a UUID; also the stem of its file names. */
const char   *pm_draft_get_id          (PmDraft      *self);
/* The file the document was loaded from or last saved to; NULL for an untitled document. */
const char   *pm_draft_get_base_path   (PmDraft      *self);
/* Records that the document now corresponds to @path, whose bytes on disk are @data
 * (@length bytes): call it after loading and after every real save or Save As, with the very
 * bytes read or written. @path NULL (and @data NULL) makes the draft untitled. Takes effect
 * with the next save of the draft. */
void          pm_draft_set_base        (PmDraft      *self,
                                        const char   *path,
                                        const char   *data,
                                        gsize         length);

/* ------------------------------------------------------------------------------------------ */
/* PmDraftInfo: a draft found at start-up                                                      */
/* ------------------------------------------------------------------------------------------ */

typedef enum
{
  PM_DRAFT_BASE_UNTITLED,   /* the document had never been saved */
  PM_DRAFT_BASE_UNCHANGED,  /* the file still has the bytes the draft was based on */
  PM_DRAFT_BASE_CHANGED,    /* the file was changed since (or cannot be read to tell) */
  PM_DRAFT_BASE_MISSING,    /* the file was deleted or moved away since */
} PmDraftBaseState;

GType pm_draft_base_state_get_type (void) G_GNUC_CONST;
#define PM_TYPE_DRAFT_BASE_STATE (pm_draft_base_state_get_type ())

#define PM_TYPE_DRAFT_INFO (pm_draft_info_get_type ())
G_DECLARE_FINAL_TYPE (PmDraftInfo, pm_draft_info, PM, DRAFT_INFO, GObject)

const char       *pm_draft_info_get_id          (PmDraftInfo *self);
/* The document's title; may be empty, never NULL. */
const char       *pm_draft_info_get_title       (PmDraftInfo *self);
/* NULL for an untitled document. */
const char       *pm_draft_info_get_base_path   (PmDraftInfo *self);
/* When the draft was last written, in UTC. */
GDateTime        *pm_draft_info_get_saved_at    (PmDraftInfo *self);
const char       *pm_draft_info_get_app_version (PmDraftInfo *self);
/* Compared with the file on disk when the list was made (re-hashed then). */
PmDraftBaseState  pm_draft_info_get_base_state  (PmDraftInfo *self);
/* TRUE for PM_DRAFT_BASE_CHANGED and PM_DRAFT_BASE_MISSING: restoring the draft and saving it
 * would overwrite (or recreate) a file someone else changed; offer to keep both. */
gboolean          pm_draft_info_get_base_changed (PmDraftInfo *self);
/* TRUE unless the session that wrote the draft is known to have ended cleanly. */
gboolean          pm_draft_info_get_crashed     (PmDraftInfo *self);

/* ------------------------------------------------------------------------------------------ */
/* PmDraftStore                                                                                */
/* ------------------------------------------------------------------------------------------ */

#define PM_TYPE_DRAFT_STORE (pm_draft_store_get_type ())
G_DECLARE_FINAL_TYPE (PmDraftStore, pm_draft_store, PM, DRAFT_STORE, GObject)

/* @directory need not exist: it is created (mode 0700) by the first write. */
PmDraftStore *pm_draft_store_new            (const char    *directory);
const char   *pm_draft_store_get_directory  (PmDraftStore  *self);

/* Writes session.json with clean_shutdown false and our pid, after remembering what the
 * previous session left there, and removes temporary files that a killed write left behind.
 * Call once at start-up, before autosaving. */
gboolean      pm_draft_store_begin_session  (PmDraftStore  *self,
                                             GError       **error);
/* Marks the session as ended cleanly. Call at the very end of a normal quit. */
gboolean      pm_draft_store_end_session    (PmDraftStore  *self,
                                             GError       **error);
/* Whether the previous session (the one before begin_session(), or the one recorded now if
 * begin_session() was not called) started and did not end cleanly. */
gboolean      pm_draft_store_get_previous_session_crashed (PmDraftStore *self);

/* A new, empty draft for a document: nothing is written until the first save. @base_path,
 * @base_data and @base_length as for pm_draft_set_base(). */
PmDraft      *pm_draft_store_create_draft   (PmDraftStore  *self,
                                             const char    *base_path,
                                             const char    *base_data,
                                             gsize          base_length);
/* The handle of a recovered draft, so that the restored document keeps autosaving into it
 * (and discarding it removes the recovered files). */
PmDraft      *pm_draft_store_adopt          (PmDraftStore  *self,
                                             PmDraftInfo   *info);

/* Serializes @document now and writes the draft, blocking (for quit and tests). Fails with a
 * G_FILE_ERROR when the folder cannot be created or written (read-only, disk full). */
gboolean      pm_draft_store_save           (PmDraftStore  *self,
                                             PmDraft       *draft,
                                             PmDocument    *document,
                                             GError       **error);
/* Serializes @document now, on the calling thread, and writes it in a worker thread. */
void          pm_draft_store_save_async     (PmDraftStore  *self,
                                             PmDraft       *draft,
                                             PmDocument    *document,
                                             GCancellable  *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer       user_data);
/* TRUE also when nothing had to be written: a newer snapshot was written already, or the draft
 * was discarded after the snapshot was taken. */
gboolean      pm_draft_store_save_finish    (PmDraftStore  *self,
                                             GAsyncResult  *result,
                                             GError       **error);

/* Removes the draft's files (after a real save, or when the user discards the changes).
 * A missing draft is not an error; a save in flight is dropped, and a later save writes the
 * draft again. */
gboolean      pm_draft_store_discard        (PmDraftStore  *self,
                                             PmDraft       *draft,
                                             GError       **error);

/* Every recoverable draft (PmDraftInfo), newest first, except those of the running session;
 * an empty array when there are none or the folder does not exist. Corrupt drafts are moved to
 * the quarantine folder; if @quarantined is not NULL it receives one GError (PM_ERROR) per
 * draft set aside, whose message says which and why. Fails only when the folder exists but
 * cannot be read. Reads and hashes files: prefer the async variant in the GUI. */
GPtrArray    *pm_draft_store_list           (PmDraftStore  *self,
                                             GPtrArray    **quarantined,
                                             GError       **error);
void          pm_draft_store_list_async     (PmDraftStore  *self,
                                             GCancellable  *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer       user_data);
GPtrArray    *pm_draft_store_list_finish    (PmDraftStore  *self,
                                             GAsyncResult  *result,
                                             GPtrArray    **quarantined,
                                             GError       **error);

/* Reads the draft's document back. It loads unmodified; the caller shows it as modified. */
PmDocument   *pm_draft_store_load           (PmDraftStore  *self,
                                             PmDraftInfo   *info,
                                             GError       **error);

G_END_DECLS
