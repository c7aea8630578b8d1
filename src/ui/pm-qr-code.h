/* pm-qr-code.h — a QR code of a text, drawn as large as its allocation allows
 *
 * For the join link of a live session on a projector: dark modules on white with the quiet
 * zone of four modules the standard asks for, in every colour scheme (a scanner needs dark on
 * light), each module a whole number of pixels when there is room, so the edges stay sharp.
 * Error correction level M. Shown to assistive technologies as an image with the label given
 * by the "accessible-label" property of whoever places it (the template does).
 *
 * Properties: "text" (the encoded text; NULL or too long for a QR code: nothing is drawn).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PM_TYPE_QR_CODE (pm_qr_code_get_type ())
G_DECLARE_FINAL_TYPE (PmQrCode, pm_qr_code, PM, QR_CODE, GtkWidget)

GtkWidget  *pm_qr_code_new          (void);
const char *pm_qr_code_get_text     (PmQrCode   *self);
void        pm_qr_code_set_text     (PmQrCode   *self,
                                     const char *text);
/* Modules on a side without the quiet zone (21 for version 1 … 177), or 0 when nothing is
 * encoded. */
guint       pm_qr_code_get_modules  (PmQrCode   *self);
/* Whether the module at (@x, @y) is dark (FALSE outside the code). For tests. */
gboolean    pm_qr_code_get_module   (PmQrCode   *self,
                                     guint       x,
                                     guint       y);

G_END_DECLS
