/* pm-autosaver-private.h — hooks for tests that drive the autosaver on a fake clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-autosaver.h"
#include "pm-clock.h"

G_BEGIN_DECLS

/* Timers armed from now on run on @clock (NULL: the system's, as by default). Call it right
 * after pm_autosaver_new(), before the document changes. */
void      _pm_autosaver_set_clock   (PmAutosaver *self,
                                     PmClock     *clock);
/* Whether a draft is being written in a worker thread (its "saved" or "failed" is to come). */
gboolean  _pm_autosaver_get_writing (PmAutosaver *self);

G_END_DECLS
