/* pm-message-dialog.c — AdwMessageDialog as this application uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-accessible.h"
#include "pm-message-dialog.h"

AdwMessageDialog *
pm_message_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body)
{
  AdwMessageDialog *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL, NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, NULL));
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  if (body != NULL)
    adw_message_dialog_set_body (dialog, body);

  return dialog;
}

void
pm_message_dialog_add_responses (AdwMessageDialog *dialog,
                                 const char       *first_id,
                                 ...)
{
  va_list args;

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));

  va_start (args, first_id);
  for (const char *id = first_id; id != NULL; id = va_arg (args, const char *))
    {
      const char *label = va_arg (args, const char *);

      adw_message_dialog_add_response (dialog, id, label);
    }
  va_end (args);

  pm_accessible_name_buttons (GTK_WIDGET (dialog));
}
