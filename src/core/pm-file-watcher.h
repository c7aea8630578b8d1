/* pm-file-watcher.h — notices when someone else changes or deletes the open document's file
 *
 * The watcher remembers the size and SHA-256 of the bytes we last loaded from or wrote to the
 * file (pm_file_watcher_set_known_contents()). On any event of a file monitor on the file or on
 * its folder (an atomic replace by another program arrives as a rename or a create in the
 * folder, not as a change of the file), it waits 100 ms for more, re-reads the file in a worker
 * thread and compares: only different bytes count. So a `touch` is not a change, and neither is
 * our own save, as long as set_known_contents() is given what we write.
 *
 * Our own saves: either call set_known_contents() with the new bytes and write them without
 * returning to the main loop in between, or (for a write in a worker thread) bracket the write
 * with pause()/resume() and call set_known_contents() before resuming.
 *
 * Monitors miss changes made by other machines on network filesystems, so the file is also
 * checked every "poll-interval" seconds, and the window should call check_now() when it gets
 * the focus and before every save.
 *
 * Signals:
 *   "changed" (PmFileWatcher *self)   the file now holds other bytes than we know (emitted again
 *                                     if it changes once more); also when a file appears where
 *                                     we know of none
 *   "deleted" (PmFileWatcher *self)   the file we know is gone (deleted or moved away)
 * The "disk-state" property says where things stand, and returns to
 * PM_FILE_DISK_STATE_UNCHANGED when the file has the known bytes again or after
 * set_known_contents() (Reload, or a save).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum
{
  PM_FILE_DISK_STATE_UNCHANGED,  /* the file holds the known bytes */
  PM_FILE_DISK_STATE_CHANGED,    /* the file holds other bytes */
  PM_FILE_DISK_STATE_DELETED,    /* the file is gone */
} PmFileDiskState;

GType pm_file_disk_state_get_type (void) G_GNUC_CONST;
#define PM_TYPE_FILE_DISK_STATE (pm_file_disk_state_get_type ())

#define PM_FILE_WATCHER_DEFAULT_POLL_INTERVAL 30 /* seconds */

#define PM_TYPE_FILE_WATCHER (pm_file_watcher_get_type ())
G_DECLARE_FINAL_TYPE (PmFileWatcher, pm_file_watcher, PM, FILE_WATCHER, GObject)

/* Watches @path (absolute). Until set_known_contents() is called, no file is expected there.
 * Monitors and timers run on the thread-default main context of the calling thread. */
PmFileWatcher   *pm_file_watcher_new                (const char    *path);
const char      *pm_file_watcher_get_path           (PmFileWatcher *self);

/* The bytes the file holds as far as we know: what we just loaded or wrote. */
void             pm_file_watcher_set_known_contents (PmFileWatcher *self,
                                                     const char    *data,
                                                     gsize          length);

/* Ignore the file while we write it ourselves. Calls nest; the last resume() checks again. */
void             pm_file_watcher_pause              (PmFileWatcher *self);
void             pm_file_watcher_resume             (PmFileWatcher *self);

/* Reads the file now, on this thread, and tells whether it differs from the known bytes (or
 * is gone); updates "disk-state" and emits "changed"/"deleted" like a monitor event would.
 * When the file cannot be read (permissions, not a regular file) returns FALSE with @error:
 * treat that as "cannot confirm", not as "unchanged". */
gboolean         pm_file_watcher_check_now          (PmFileWatcher *self,
                                                     GError       **error);

/* Reads the file soon, in a worker thread (as after a monitor event): for a look that must not
 * hold up the caller, like the one when a window gets the focus. */
void             pm_file_watcher_check_soon         (PmFileWatcher *self);

PmFileDiskState  pm_file_watcher_get_disk_state     (PmFileWatcher *self);

/* "poll-interval": seconds between checks without any event; 0 turns polling off. */
guint            pm_file_watcher_get_poll_interval  (PmFileWatcher *self);
void             pm_file_watcher_set_poll_interval  (PmFileWatcher *self,
                                                     guint          seconds);

G_END_DECLS
