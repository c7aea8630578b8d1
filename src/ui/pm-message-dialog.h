/* pm-message-dialog.h — AdwMessageDialog as this application uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A message dialog over @parent whose @body (may be NULL) is plain text, never markup: it often
 * quotes file names, titles and loader messages. */
AdwMessageDialog *pm_message_dialog_new           (GtkWindow        *parent,
                                                   const char       *heading,
                                                   const char       *body);
/* Adds responses as pairs of id and label (with a mnemonic), NULL-terminated, so that a screen
 * reader names each button once: GTK 4.8 otherwise announces the raw label and the label again
 * ("_Save Save"), and a test or a user looking for "Save" finds nothing. */
void              pm_message_dialog_add_responses (AdwMessageDialog *dialog,
                                                   const char       *first_id,
                                                   ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
