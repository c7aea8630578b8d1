/* pm-prepare-copies-dialog.c — writing a copy of the postmortem for each participant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-message-dialog.h"
#include "pm-participant-copy.h"
#include "pm-prepare-copies-dialog.h"
#include "pm-window.h"

/* Numbered names tried before giving up on a crowded folder. */
#define MAX_NAME_TRIES 100

struct _PmPrepareCopiesDialog
{
  AdwWindow     parent_instance;

  PmDocument   *document;
  /* participant id → GtkCheckButton (borrowed from the rows) */
  GHashTable   *checks;

  GtkListBox   *participants_list;
  GtkButton    *write_button;
};

G_DEFINE_FINAL_TYPE (PmPrepareCopiesDialog, pm_prepare_copies_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
update_write_button (PmPrepareCopiesDialog *self)
{
  g_auto(GStrv) chosen = pm_prepare_copies_dialog_dup_chosen (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->write_button), chosen[0] != NULL);
}

/* @folder/NAME, or NAME (2) … when that is taken: a returned copy is never overwritten. */
static GFile *
free_file (GFile      *folder,
           const char *name)
{
  g_autofree char *stem = g_strndup (name, strlen (name) - strlen (PM_FILE_EXTENSION));

  for (guint i = 1; i <= MAX_NAME_TRIES; i++)
    {
      g_autofree char *numbered = i == 1 ? g_strdup (name)
                                         : g_strdup_printf ("%s (%u)" PM_FILE_EXTENSION, stem, i);
      g_autoptr(GFile) file = g_file_get_child (folder, numbered);

      if (!g_file_query_exists (file, NULL))
        return g_steal_pointer (&file);
    }
  return NULL;
}

static void
show_error (PmPrepareCopiesDialog *self,
            const char            *message)
{
  AdwMessageDialog *dialog = pm_message_dialog_new (GTK_WINDOW (self),
                                                    _("Could Not Write the Copies"), message);

  pm_message_dialog_add_responses (dialog, "close", _("_Close"), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_check_toggled_cb (PmPrepareCopiesDialog *self,
                     GtkCheckButton        *check)
{
  update_write_button (self);
}

static void
on_folder_response_cb (PmPrepareCopiesDialog *self,
                       int                    response,
                       GtkFileChooserNative  *native)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (folder == NULL)
    return;

  if (!pm_prepare_copies_dialog_write_to (self, folder, &written, &error))
    {
      g_autoptr(GString) message = g_string_new (error->message);

      if (written != NULL && written->len > 0)
        {
          g_string_append (message, "\n\n");
          g_string_append_printf (message,
                                  g_dngettext (GETTEXT_PACKAGE, "%u copy was written before:",
                                               "%u copies were written before:", written->len),
                                  written->len);
          for (guint i = 0; i < written->len; i++)
            {
              g_autofree char *name = g_file_get_basename (written->pdata[i]);

              g_string_append_printf (message, "\n%s", name);
            }
        }
      show_error (self, message->str);
      return;
    }

  if (PM_IS_WINDOW (parent))
    {
      g_autofree char *where = g_file_get_parse_name (folder);
      g_autofree char *text = NULL;

      /* Translators: a toast; %u is the number of files, %s the folder */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %u participant copy to %s",
                                           "Wrote %u participant copies to %s", written->len),
                              written->len, where);
      /* Plain text: a folder name may hold "&". */
      pm_window_show_toast (PM_WINDOW (parent), text);
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_write_clicked_cb (PmPrepareCopiesDialog *self,
                     GtkButton             *button)
{
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Choose a Folder for the Copies"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Write Here"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect_object (native, "response", G_CALLBACK (on_folder_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_prepare_copies_dialog_dispose (GObject *object)
{
  PmPrepareCopiesDialog *self = PM_PREPARE_COPIES_DIALOG (object);

  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_PREPARE_COPIES_DIALOG);

  G_OBJECT_CLASS (pm_prepare_copies_dialog_parent_class)->dispose (object);
}

static void
pm_prepare_copies_dialog_class_init (PmPrepareCopiesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_prepare_copies_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-prepare-copies-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PmPrepareCopiesDialog, participants_list);
  gtk_widget_class_bind_template_child (widget_class, PmPrepareCopiesDialog, write_button);
  gtk_widget_class_bind_template_callback (widget_class, on_write_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pm_prepare_copies_dialog_init (PmPrepareCopiesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmPrepareCopiesDialog *
pm_prepare_copies_dialog_new (GtkWindow  *parent,
                              PmDocument *document)
{
  PmPrepareCopiesDialog *self;
  GListModel *participants;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  self = g_object_new (PM_TYPE_PREPARE_COPIES_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);

  participants = pm_document_get_participants (document);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);
      const char *name = pm_participant_get_name (participant);
      const char *role = pm_participant_get_role (participant);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *subtitle = NULL;

      if (pm_participant_get_moderator (participant))
        subtitle = role && *role ? g_strdup_printf (_("%s · moderator"), role) : g_strdup (C_("participant role", "Moderator"));
      else
        subtitle = g_strdup (role ? role : "");
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     name && *name ? name : pm_participant_get_id (participant));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   !pm_participant_get_moderator (participant));
      gtk_accessible_update_relation (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      row, NULL, -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      g_hash_table_insert (self->checks, g_strdup (pm_participant_get_id (participant)), check);
      gtk_list_box_append (self->participants_list, row);
    }
  update_write_button (self);
  return self;
}

void
pm_prepare_copies_dialog_set_chosen (PmPrepareCopiesDialog *self,
                                     const char            *id,
                                     gboolean               chosen)
{
  GtkCheckButton *check;

  g_return_if_fail (PM_IS_PREPARE_COPIES_DIALOG (self));

  if ((check = g_hash_table_lookup (self->checks, id)) != NULL)
    gtk_check_button_set_active (check, chosen);
}

GStrv
pm_prepare_copies_dialog_dup_chosen (PmPrepareCopiesDialog *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *participants;

  g_return_val_if_fail (PM_IS_PREPARE_COPIES_DIALOG (self), NULL);

  participants = pm_document_get_participants (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);
      GtkCheckButton *check = g_hash_table_lookup (self->checks, pm_participant_get_id (participant));

      if (check != NULL && gtk_check_button_get_active (check))
        g_strv_builder_add (builder, pm_participant_get_id (participant));
    }
  return g_strv_builder_end (builder);
}

gboolean
pm_prepare_copies_dialog_write_to (PmPrepareCopiesDialog  *self,
                                   GFile                  *folder,
                                   GPtrArray             **written,
                                   GError                **error)
{
  g_auto(GStrv) chosen = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PM_IS_PREPARE_COPIES_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  chosen = pm_prepare_copies_dialog_dup_chosen (self);
  for (guint i = 0; chosen[i] != NULL; i++)
    {
      PmParticipant *participant = pm_document_find_participant (self->document, chosen[i]);
      g_autoptr(PmDocument) copy = NULL;
      g_autoptr(GFile) file = NULL;
      g_autofree char *name = NULL;
      g_autofree char *path = NULL;
      g_autoptr(GError) local_error = NULL;

      if (participant == NULL)
        continue;
      copy = pm_participant_copy_new (self->document, chosen[i], &local_error);
      if (copy != NULL)
        {
          name = pm_participant_copy_file_name (self->document, participant);
          file = free_file (folder, name);
          path = file ? g_file_get_path (file) : NULL;
          if (path == NULL)
            g_set_error (&local_error, PM_ERROR, PM_ERROR_IO,
                         _("No free file name for “%s” in this folder"), name);
          else
            pm_document_save_to_file (copy, path, &local_error);
        }
      if (local_error != NULL)
        {
          /* Translators: %s is a participant's name, then why writing failed */
          g_set_error (error, PM_ERROR, PM_ERROR_IO, _("The copy for %s: %s"),
                       pm_participant_get_name (participant), local_error->message);
          if (written != NULL)
            *written = g_steal_pointer (&files);
          return FALSE;
        }
      g_ptr_array_add (files, g_steal_pointer (&file));
    }
  if (written != NULL)
    *written = g_steal_pointer (&files);
  return TRUE;
}
