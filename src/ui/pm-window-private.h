/* pm-window-private.h — entry points for the display tests
 *
 * They run the same code as the file choosers' responses, without the choosers (which cannot be
 * driven from a test).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-window.h"

G_BEGIN_DECLS

/* What Save As does once the chooser returned @file: appends the extension when missing, asks
 * before replacing an existing file whose name the chooser did not confirm, then saves. */
void              _pm_window_save_as_file     (PmWindow *self,
                                               GFile    *file);
/* The dialog currently shown over the window (save changes, replace, error), or NULL. */
AdwMessageDialog *_pm_window_get_dialog       (PmWindow *self);
/* TRUE while a save is being written. */
gboolean          _pm_window_get_saving       (PmWindow *self);

G_END_DECLS
