/* pm-file-watcher-private.h — hooks for tests that drive the file watcher on a fake clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-clock.h"
#include "pm-file-watcher.h"

G_BEGIN_DECLS

/* The debounce and the poll run on @clock (NULL: the system's, as by default) from now on. */
void      _pm_file_watcher_set_clock (PmFileWatcher *self,
                                      PmClock       *clock);
/* Whether a check is due (an event arrived, the debounce waits) or running in a worker. */
gboolean  _pm_file_watcher_get_busy  (PmFileWatcher *self);

G_END_DECLS
