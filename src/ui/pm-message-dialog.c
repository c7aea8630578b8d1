/* pm-message-dialog.c — AdwMessageDialog as this application uses it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-message-dialog.h"

/* Names each button after what its label shows. The buttons are libadwaita's own, so they are
 * found by walking the dialog. */
static void
update_button_names (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label;

      if (GTK_IS_BUTTON (child) &&
          GTK_IS_LABEL (label = gtk_button_get_child (GTK_BUTTON (child))))
        {
          gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                         GTK_ACCESSIBLE_RELATION_LABELLED_BY);
          gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          gtk_label_get_text (GTK_LABEL (label)),
                                          -1);
        }

      update_button_names (child);
    }
}

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

  update_button_names (GTK_WIDGET (dialog));
}
