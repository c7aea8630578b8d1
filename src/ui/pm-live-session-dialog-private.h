/* pm-live-session-dialog-private.h — what the display tests look at in the live session's panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-live-session-dialog.h"
#include "pm-qr-code.h"

G_BEGIN_DECLS

GtkLabel   *_pm_live_session_dialog_get_link_label        (PmLiveSessionDialog *self);
GtkLabel   *_pm_live_session_dialog_get_fingerprint_label (PmLiveSessionDialog *self);
PmQrCode   *_pm_live_session_dialog_get_qr_code           (PmLiveSessionDialog *self);
GtkListBox *_pm_live_session_dialog_get_people_list       (PmLiveSessionDialog *self);
GtkButton  *_pm_live_session_dialog_get_stop_button       (PmLiveSessionDialog *self);

G_END_DECLS
