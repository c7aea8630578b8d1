/* pm-live-session-dialog.h — the live session's panel: how to join, the certificate to compare,
 * who joined
 *
 * Shown beside the document window (not modal) and made to be read on a projector: a large QR
 * code of the join link, the link itself to copy, the short fingerprint of the certificate in
 * large type, and everybody who joined with whether they are connected and what they
 * contributed, each with Remove. Stop Session ends the session for everybody. The panel closes
 * when the session ends, however it ends; closing the panel leaves the session running.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-live-host.h"

G_BEGIN_DECLS

#define PM_TYPE_LIVE_SESSION_DIALOG (pm_live_session_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PmLiveSessionDialog, pm_live_session_dialog, PM, LIVE_SESSION_DIALOG,
                      AdwWindow)

/* @host must be running. */
PmLiveSessionDialog *pm_live_session_dialog_new      (GtkWindow           *parent,
                                                      PmLiveHost          *host);
PmLiveHost          *pm_live_session_dialog_get_host (PmLiveSessionDialog *self);

G_END_DECLS
