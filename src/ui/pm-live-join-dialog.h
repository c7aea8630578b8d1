/* pm-live-join-dialog.h — "Join Live Session…": the link and a name, then a window on the
 * shared timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PM_TYPE_LIVE_JOIN_DIALOG (pm_live_join_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PmLiveJoinDialog, pm_live_join_dialog, PM, LIVE_JOIN_DIALOG, AdwWindow)

/* @link: a link to fill in (from the clipboard), or NULL. */
PmLiveJoinDialog *pm_live_join_dialog_new (GtkApplication *application,
                                           GtkWindow      *parent,
                                           const char     *link);

G_END_DECLS
