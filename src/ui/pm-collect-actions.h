/* pm-collect-actions.h — the window's "Prepare Participant Copies…" and "Collect Events…"
 *
 * Kept out of pm-window.c: the window installs these as its "win.prepare-copies" and
 * "win.collect-events" actions and shows the copy strips (pm-collect-bar.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-window.h"

G_BEGIN_DECLS

/* GtkWidgetActionActivateFunc for "win.prepare-copies": the participants dialog. */
void              pm_collect_actions_prepare_copies (GtkWidget  *widget,
                                                     const char *action_name,
                                                     GVariant   *parameter);
/* GtkWidgetActionActivateFunc for "win.collect-events": a file chooser for several copies. */
void              pm_collect_actions_collect_events (GtkWidget  *widget,
                                                     const char *action_name,
                                                     GVariant   *parameter);
/* Collects @files into the window's document and shows what came in; returns that dialog. */
AdwMessageDialog *pm_collect_actions_collect_files  (PmWindow   *window,
                                                     GFile     **files,
                                                     guint       n_files);

G_END_DECLS
