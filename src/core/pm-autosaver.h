/* pm-autosaver.h — writes a document's draft a few seconds after a change, also while typing
 *
 * The timer starts at the first change after the last autosave and is not pushed back by
 * later changes (the GNOME Text Editor model): during continuous editing a draft is still
 * written every "interval", so a crash loses at most about that much work. The document is
 * serialized on the main thread (fast) and written by a worker thread with the atomic writer;
 * a write never starts while the previous one is running (changes made meanwhile are written
 * right after it). A failed write emits "failed" and is retried with a growing delay (up to a
 * minute) until it succeeds or the document is saved.
 *
 * Nothing is written while the document is unmodified: not when it was just loaded, not after
 * pm_document_mark_saved(). The autosaver never deletes the draft: after a real save, call
 * pm_draft_store_discard() (safe even while an autosave is being written).
 *
 * Timers run on the thread-default main context of the thread that created the autosaver.
 *
 * Signals:
 *   "saved"  (PmAutosaver *self)                  a draft was written
 *   "failed" (PmAutosaver *self, GError *error)   a write failed; it will be retried
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-document.h"
#include "pm-draft-store.h"

G_BEGIN_DECLS

#define PM_AUTOSAVER_DEFAULT_INTERVAL 3     /* seconds, as GNOME Text Editor */
#define PM_AUTOSAVER_MAX_INTERVAL     300   /* seconds */

#define PM_TYPE_AUTOSAVER (pm_autosaver_get_type ())
G_DECLARE_FINAL_TYPE (PmAutosaver, pm_autosaver, PM, AUTOSAVER, GObject)

/* Starts watching @document for changes; writes go to @draft in @store. */
PmAutosaver  *pm_autosaver_new             (PmDocument   *document,
                                            PmDraftStore *store,
                                            PmDraft      *draft);

PmDocument   *pm_autosaver_get_document    (PmAutosaver  *self);
PmDraft      *pm_autosaver_get_draft       (PmAutosaver  *self);

/* "interval": seconds from the first unsaved change to the draft being written, 1–300
 * (default 3); bind it to the "autosave-interval" setting. "interval-ms" is the same in
 * milliseconds, 10–300000, for tests. */
guint         pm_autosaver_get_interval    (PmAutosaver  *self);
void          pm_autosaver_set_interval    (PmAutosaver  *self,
                                            guint         seconds);
guint         pm_autosaver_get_interval_ms (PmAutosaver  *self);
void          pm_autosaver_set_interval_ms (PmAutosaver  *self,
                                            guint         milliseconds);

/* Whether the document has changes that are not in the draft yet (or are being written). */
gboolean      pm_autosaver_get_pending     (PmAutosaver  *self);

/* Writes the draft now and waits for it (for quit, or before closing a window whose changes
 * are kept as a draft). Does nothing and returns TRUE when the document is unmodified. */
gboolean      pm_autosaver_flush           (PmAutosaver  *self,
                                            GError      **error);

G_END_DECLS
