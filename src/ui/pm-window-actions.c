/* pm-window-actions.c — what the window's actions do: save, save as, reload, keep mine, undo,
 * zoom, pages, presentation mode (the live session's action is in pm-window-live.c)
 *
 * The actions are installed per class (_pm_window_class_init_actions()) and enabled from one
 * place, _pm_window_update_actions(), which every state change calls.
 *
 * Saving: the document session (core/pm-document-session.c) writes the file; this is where the
 * window asks where (the file chooser, "Replace File?"), refuses a save over someone else's
 * change with a toast, and reports a failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pm-action-board.h"
#include "pm-collect-actions.h"
#include "pm-document-format.h"
#include "pm-meeting-button.h"
#include "pm-message-dialog.h"
#include "pm-publish-dialog.h"
#include "pm-root-causes-page.h"
#include "pm-timeline-canvas.h"
#include "pm-window-private.h"

/* Zoom steps for a projector, in percent (the setting allows 50–300). */
static const int zoom_steps[] = { 50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300 };

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static int
get_zoom (PmWindow *self)
{
  return g_settings_get_int (self->settings, "zoom-percent");
}

void
_pm_window_update_actions (PmWindow *self)
{
  gboolean has_document = self->document != NULL;
  gboolean read_only = has_document && pm_document_get_read_only (self->document);
  gboolean modified = is_modified (self);
  PmFileDiskState disk_state = PM_FILE_DISK_STATE_UNCHANGED;
  PmUndoStack *undo = has_document ? pm_document_get_undo_stack (self->document) : NULL;
  gboolean can_undo = undo != NULL && pm_undo_stack_get_can_undo (undo);
  gboolean can_redo = undo != NULL && pm_undo_stack_get_can_redo (undo);
  int zoom = get_zoom (self);
  g_autofree char *undo_tooltip = NULL;
  g_autofree char *redo_tooltip = NULL;
  const char *label;

  g_assert (PM_IS_WINDOW (self));

  disk_state = pm_document_session_get_disk_state (self->session);

  /* Save is there when it would write something: a change, or a document never saved. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save",
                                 has_document && !read_only && !is_saving (self) &&
                                 (modified || get_file (self) == NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-as",
                                 has_document && !is_saving (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.publish", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.prepare-copies", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.collect-events",
                                 has_document && !read_only);
  /* Participants change the document: not a read-only one. A running session stays shown. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.share-live",
                                 self->live_host != NULL || (has_document && !read_only));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", can_redo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-page", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-object", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload",
                                 !is_saving (self) && disk_state == PM_FILE_DISK_STATE_CHANGED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.keep-mine",
                                 !is_saving (self) && !read_only &&
                                 disk_state != PM_FILE_DISK_STATE_UNCHANGED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-in",
                                 zoom < zoom_steps[G_N_ELEMENTS (zoom_steps) - 1]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-out", zoom > zoom_steps[0]);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.zoom-reset", zoom != 100);

  /* The header bar shows only what applies. */
  gtk_widget_set_visible (GTK_WIDGET (self->undo_box), has_document);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), has_document && !read_only);

  label = can_undo ? pm_undo_stack_get_undo_label (undo) : NULL;
  if (label != NULL && label[0] != '\0')
    /* Translators: tooltip; %s is what will be undone, e.g. “Move event” */
    undo_tooltip = g_strdup_printf (_("Undo “%s” (Ctrl+Z)"), label);
  else
    undo_tooltip = g_strdup (_("Undo (Ctrl+Z)"));

  label = can_redo ? pm_undo_stack_get_redo_label (undo) : NULL;
  if (label != NULL && label[0] != '\0')
    /* Translators: tooltip; %s is what will be redone, e.g. “Move event” */
    redo_tooltip = g_strdup_printf (_("Redo “%s” (Ctrl+Shift+Z)"), label);
  else
    redo_tooltip = g_strdup (_("Redo (Ctrl+Shift+Z)"));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tooltip);
}

static void
set_zoom (PmWindow *self,
          int       zoom)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  zoom = CLAMP (zoom, zoom_steps[0], zoom_steps[G_N_ELEMENTS (zoom_steps) - 1]);
  g_settings_set_int (self->settings, "zoom-percent", zoom);

  if (self->zoom_toast != NULL)
    adw_toast_dismiss (self->zoom_toast);

  /* Translators: shown briefly after zooming; %d is the zoom in percent */
  text = g_strdup_printf (_("Zoom %d %%"), zoom);
  toast = adw_toast_new (text);
  adw_toast_set_timeout (toast, 1);
  g_set_weak_pointer (&self->zoom_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------------------------------ */
/* Saving (the session writes; the window asks where, and shows how it went)                  */
/* ------------------------------------------------------------------------------------------ */

static void
on_session_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  PmDocumentSession *session = PM_DOCUMENT_SESSION (object);
  g_autoptr(GTask) outer = user_data;
  PmWindow *self = g_task_get_source_object (outer);
  GFile *file = g_task_get_task_data (outer);
  g_autoptr(GError) error = NULL;
  gboolean saved;

  g_assert (PM_IS_WINDOW (self));

  if (g_async_result_is_tagged (result, pm_document_session_save_as_async))
    saved = pm_document_session_save_as_finish (session, result, &error);
  else
    saved = pm_document_session_save_finish (session, result, &error);

  /* The window went away during the write; the draft keeps anything not written. */
  if (self->disposed)
    {
      if (!saved)
        g_task_return_error (outer, g_steal_pointer (&error));
      else
        g_task_return_boolean (outer, TRUE);
      return;
    }

  if (!saved)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_MERGE))
        {
          /* Not written: the strip above says what happened and offers the choices. */
          pm_window_show_toast (self, _("Not saved: someone else changed the file. Choose above "
                                        "what to keep."));
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BUSY))
        {
          /* The document keeps its changes and stays modified. */
          pm_window_show_error (self, _("Could Not Save"), error->message);
          _pm_window_update_actions (self);
          _pm_window_finish_pending_close (self, FALSE);
        }
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  _pm_window_add_to_recent (file);
  _pm_window_update_all (self);
  _pm_window_finish_pending_close (self, TRUE);

  g_task_return_boolean (outer, TRUE);
}

/* Writes the document to @file; afterwards the window refers to @file. */
static void
save_to_file_async (PmWindow            *self,
                    GFile               *file,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;

  g_assert (PM_IS_WINDOW (self));
  g_assert (G_IS_FILE (file));
  g_assert (self->document != NULL);

  outer = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (outer, save_to_file_async);
  g_task_set_task_data (outer, g_object_ref (file), g_object_unref);
  pm_document_session_save_as_async (self->session, file, NULL,
                                     on_session_saved_cb, g_steal_pointer (&outer));
}

gboolean
_pm_window_save_finish (PmWindow      *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
save_chain_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (_pm_window_save_finish (PM_WINDOW (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_replace_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  PmWindow *self = g_task_get_source_object (task);
  GFile *file = g_task_get_task_data (task);

  if (g_strcmp0 (response, "replace") == 0)
    save_to_file_async (self, file, save_chain_cb, g_steal_pointer (&task));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");
}

/* Appends the extension when missing; asks before replacing a file the chooser did not ask
 * about (because we changed the name it confirmed). */
static void
save_as_file_async (PmWindow            *self,
                    GFile               *chosen,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autofree char *basename = g_file_get_basename (chosen);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  g_assert (PM_IS_WINDOW (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, save_as_file_async);

  if (basename != NULL && !g_str_has_suffix (basename, PM_FILE_EXTENSION))
    {
      g_autoptr(GFile) parent = g_file_get_parent (chosen);
      g_autofree char *name = g_strconcat (basename, PM_FILE_EXTENSION, NULL);

      file = parent != NULL ? g_file_get_child (parent, name) : g_object_ref (chosen);

      if (g_file_query_exists (file, NULL))
        {
          g_autofree char *display = dup_file_display_name (file);
          g_autofree char *body = NULL;
          AdwMessageDialog *dialog;

          body = g_strdup_printf (_("A file named “%s” already exists in this folder. "
                                    "Replacing it overwrites what it holds."),
                                  display);
          dialog = _pm_window_create_message_dialog (self, _("Replace File?"), body);
          pm_message_dialog_add_responses (dialog,
                                            "cancel", _("_Cancel"),
                                            "replace", _("_Replace"),
                                            NULL);
          adw_message_dialog_set_response_appearance (dialog, "replace",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          adw_message_dialog_set_default_response (dialog, "cancel");
          adw_message_dialog_set_close_response (dialog, "cancel");
          g_task_set_task_data (task, g_object_ref (file), g_object_unref);
          g_signal_connect (dialog, "response",
                            G_CALLBACK (on_replace_response_cb), g_steal_pointer (&task));
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
    }
  else
    file = g_object_ref (chosen);

  save_to_file_async (self, file, save_chain_cb, g_steal_pointer (&task));
}

static char *
dup_suggested_name (PmWindow *self)
{
  g_autofree char *title = NULL;
  GString *name;

  if (get_file (self) != NULL)
    {
      g_autofree char *basename = g_file_get_basename (get_file (self));

      if (!pm_document_get_read_only (self->document))
        return g_filename_display_name (basename);
    }

  /* A file name from the title: no folder separators, not too long. */
  title = g_utf8_substring (get_display_title (self), 0, 80);
  name = g_string_new (NULL);
  for (const char *p = title; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || g_unichar_iscntrl (c))
        g_string_append_c (name, '-');
      else
        g_string_append_unichar (name, c);
    }
  if (get_file (self) != NULL)
    {
      /* Translators: the suggested file name of a copy; %s is the title */
      g_autofree char *copy = g_strdup_printf (_("%s (copy)"), name->str);

      g_string_assign (name, copy);
    }
  g_string_append (name, PM_FILE_EXTENSION);

  return g_string_free (name, FALSE);
}

static void
on_save_as_response_cb (GtkNativeDialog *native,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  PmWindow *self = g_task_get_source_object (task);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        save_as_file_async (self, file, save_chain_cb, g_steal_pointer (&task));
    }

  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "cancelled");

  /* GTK does not keep the chooser alive: this is the reference from save_as_async(). */
  g_object_unref (native);
}

static GtkFileFilter *
create_pmortem_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Postmortems"));
  gtk_file_filter_add_pattern (filter, "*" PM_FILE_EXTENSION);
  gtk_file_filter_add_mime_type (filter, PM_MIME_TYPE);

  return filter;
}

static void
save_as_async (PmWindow            *self,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *native;
  gboolean read_only;

  g_assert (PM_IS_WINDOW (self));
  g_assert (self->document != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, save_as_async);

  read_only = pm_document_get_read_only (self->document);
  native = gtk_file_chooser_native_new (read_only ? _("Save a Copy") : _("Save Postmortem As"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  filter = create_pmortem_filter ();
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  name = dup_suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);
  if (get_file (self) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (get_file (self));

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }

  g_signal_connect (native, "response",
                    G_CALLBACK (on_save_as_response_cb), g_steal_pointer (&task));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Save to the document's file, or ask where when there is none or it must not be written. */
void
_pm_window_save_async (PmWindow            *self,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, _pm_window_save_async);

  if (get_file (self) == NULL || pm_document_get_read_only (self->document))
    {
      save_as_async (self, save_chain_cb, g_steal_pointer (&task));
      return;
    }

  /* The session looks at the file first and refuses to overwrite someone else's change. */
  {
    GTask *outer = g_task_new (self, NULL, save_chain_cb, g_steal_pointer (&task));

    g_task_set_source_tag (outer, _pm_window_save_async);
    g_task_set_task_data (outer, g_object_ref (get_file (self)), g_object_unref);
    pm_document_session_save_async (self->session, NULL, on_session_saved_cb, outer);
  }
}

static void
ignore_result_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  /* Errors were shown to the user already; cancelling needs no word. */
  _pm_window_save_finish (PM_WINDOW (object), result, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* File actions                                                                               */
/* ------------------------------------------------------------------------------------------ */

static void
pm_window_action_save (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);

  if (self->document != NULL && !pm_document_get_read_only (self->document))
    _pm_window_save_async (self, ignore_result_cb, NULL);
}

static void
pm_window_action_save_as (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);

  if (self->document != NULL)
    save_as_async (self, ignore_result_cb, NULL);
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean reloaded;

  /* The session drops the draft and takes their version; the window follows its document. */
  reloaded = pm_document_session_reload_finish (PM_DOCUMENT_SESSION (object), result, &error);
  if (self->disposed)
    return;
  if (!reloaded)
    {
      pm_window_show_error (self, _("Could Not Reload"), error->message);
      return;
    }

  pm_window_show_toast (self, _("Reloaded the version on disk"));
}

static void
reload (PmWindow *self)
{
  if (get_file (self) != NULL)
    pm_document_session_reload_async (self->session, NULL, reload_cb, g_object_ref (self));
}

static void
on_reload_response_cb (PmWindow         *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "reload") == 0)
    reload (self);
}

static void
pm_window_action_reload (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (get_file (self) == NULL)
    return;

  if (!is_modified (self))
    {
      reload (self);
      return;
    }

  body = g_strdup_printf (_("Reloading shows their version of “%s”. The changes made in this "
                            "window are discarded."),
                          get_display_title (self));
  dialog = _pm_window_create_message_dialog (self, _("Discard Your Changes?"), body);
  pm_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "reload", _("_Reload"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "reload", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_reload_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pm_window_action_keep_mine (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);
  PmFileDiskState state;

  if (get_file (self) == NULL || self->document == NULL ||
      pm_document_get_read_only (self->document))
    return;

  state = pm_document_session_get_disk_state (self->session);
  if (state == PM_FILE_DISK_STATE_CHANGED)
    {
      g_autoptr(GFile) copy = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;

      /* Theirs is kept, byte for byte, before ours replaces it. */
      if (!pm_document_session_copy_their_version (self->session, &copy, &error))
        {
          pm_window_show_error (self, _("Could Not Keep Their Version"), error->message);
          return;
        }

      name = dup_file_display_name (copy);
      /* Translators: %s is a file name */
      text = g_strdup_printf (_("Their version was kept as “%s”"), name);
      pm_window_show_toast (self, text);
    }

  if (state != PM_FILE_DISK_STATE_UNCHANGED)
    save_to_file_async (self, get_file (self), ignore_result_cb, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Document actions                                                                           */
/* ------------------------------------------------------------------------------------------ */

static void
pm_window_action_publish (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);
  PmPublishDialog *dialog;

  if (self->document == NULL)
    return;
  dialog = pm_publish_dialog_new (self->document, GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pm_window_action_close (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
pm_window_action_undo (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);

  if (self->document != NULL)
    pm_document_undo (self->document);
}

static void
pm_window_action_redo (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);

  if (self->document != NULL)
    {
      /* A refused step is reported as one that could not be redone. */
      self->redoing = TRUE;
      pm_document_redo (self->document);
      self->redoing = FALSE;
    }
}

static void
pm_window_action_zoom_in (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);
  int zoom = get_zoom (self);

  for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
    if (zoom_steps[i] > zoom)
      {
        set_zoom (self, zoom_steps[i]);
        return;
      }
}

static void
pm_window_action_zoom_out (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);
  int zoom = get_zoom (self);

  for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
    if (zoom_steps[i - 1] < zoom)
      {
        set_zoom (self, zoom_steps[i - 1]);
        return;
      }
}

static void
pm_window_action_zoom_reset (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  set_zoom (PM_WINDOW (widget), 100);
}

static void
pm_window_action_show_page (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);
  const char *name = g_variant_get_string (param, NULL);

  if (self->document != NULL && adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* "win.add-measure": a new measure for the root cause with the id in @param ("" for none),
 * shown on the Measures page. */
static void
pm_window_action_add_measure (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);
  const char *root_cause_id = g_variant_get_string (param, NULL);

  if (self->document == NULL || pm_document_get_read_only (self->document))
    return;

  adw_view_stack_set_visible_child_name (self->view_stack, "measures");
  pm_action_board_add_measure (_pm_window_ensure_page (self, "measures"), root_cause_id);
}

/* Shows an object the method check found something about: its page, with the object selected.
 * The parameter is (kind, id), kind one of the PM_FINDING_KIND_* names, id "" for the document. */
static void
pm_window_action_show_object (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);
  const char *kind = NULL, *id = NULL;

  if (self->document == NULL)
    return;

  g_variant_get (param, "(&s&s)", &kind, &id);
  if (g_str_equal (kind, "root-cause"))
    {
      adw_view_stack_set_visible_child_name (self->view_stack, "root-causes");
      pm_root_causes_page_select_root_cause (_pm_window_ensure_page (self, "root-causes"), id);
    }
  else if (g_str_equal (kind, "event"))
    {
      /* An event a finding is about needs a root cause: the open questions show it. */
      adw_view_stack_set_visible_child_name (self->view_stack, "root-causes");
      pm_root_causes_page_show_event (_pm_window_ensure_page (self, "root-causes"), id);
    }
  else if (g_str_equal (kind, "measure"))
    adw_view_stack_set_visible_child_name (self->view_stack, "measures");
  else
    adw_view_stack_set_visible_child_name (self->view_stack, "overview");
}

/* ------------------------------------------------------------------------------------------ */
/* Presentation mode (F11): for a projector in the meeting room                               */
/* ------------------------------------------------------------------------------------------ */

/* Fullscreen, larger text and cards (the "pm-presentation" class scales the zoom, see
 * pm-application.c), and a header with only what the moderator needs while editing by
 * keyboard. F11 or Escape leaves it. */
static void
set_presentation_mode (PmWindow *self,
                       gboolean  presentation)
{
  presentation = !!presentation;
  if (self->presentation == presentation)
    return;

  self->presentation = presentation;
  if (presentation)
    {
      AdwToast *toast = adw_toast_new (_("Presentation mode: F11 or Escape leaves it"));

      gtk_widget_add_css_class (GTK_WIDGET (self), "pm-presentation");
      gtk_window_fullscreen (GTK_WINDOW (self));
      g_set_weak_pointer (&self->presentation_toast, toast);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
  else
    {
      if (self->presentation_toast != NULL)
        adw_toast_dismiss (self->presentation_toast);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "pm-presentation");
      gtk_window_unfullscreen (GTK_WINDOW (self));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), !presentation);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_button), !presentation);
}

static void
pm_window_action_presentation (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);

  set_presentation_mode (self, !self->presentation);
}

/* Escape leaves presentation mode. It is taken before anything else sees it (a toast would
 * otherwise swallow it), except from a text field or the timeline, which use Escape themselves
 * (the timeline to clear its selection): there it leaves only when they did not use it. */
static gboolean
on_presentation_escape (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  PmWindow *self = PM_WINDOW (widget);
  gboolean capture = GPOINTER_TO_INT (user_data);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (!self->presentation)
    return FALSE;
  if (capture && focus != NULL &&
      (GTK_IS_EDITABLE (focus) || gtk_widget_get_ancestor (focus, PM_TYPE_TIMELINE_CANVAS) != NULL))
    return FALSE;
  set_presentation_mode (self, FALSE);
  return TRUE;
}

/* Left fullscreen some other way (the window manager): leave the mode too. */
static void
on_fullscreened_cb (PmWindow   *self,
                    GParamSpec *pspec,
                    gpointer    user_data)
{
  if (self->presentation && !gtk_window_is_fullscreen (GTK_WINDOW (self)))
    set_presentation_mode (self, FALSE);
}

/* "win.agenda" (F8) and "win.meeting-timer" (F5): the meeting from the keyboard. */
static void
pm_window_action_agenda (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  pm_meeting_button_show_agenda (PM_WINDOW (widget)->meeting_button);
}

static void
pm_window_action_meeting_timer (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *param)
{
  pm_meeting_button_start_pause (PM_WINDOW (widget)->meeting_button);
}

void
_pm_window_init_presentation (PmWindow *self)
{
  static const GtkPropagationPhase phases[] = { GTK_PHASE_CAPTURE, GTK_PHASE_BUBBLE };

  for (guint i = 0; i < G_N_ELEMENTS (phases); i++)
    {
      GtkEventController *controller = gtk_shortcut_controller_new ();
      GtkShortcutAction *action =
        gtk_callback_action_new (on_presentation_escape,
                                 GINT_TO_POINTER (phases[i] == GTK_PHASE_CAPTURE), NULL);

      gtk_event_controller_set_propagation_phase (controller, phases[i]);
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                            gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                              action));
      gtk_widget_add_controller (GTK_WIDGET (self), controller);
    }
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (on_fullscreened_cb), NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Installing                                                                                 */
/* ------------------------------------------------------------------------------------------ */

void
_pm_window_class_init_actions (GtkWidgetClass *widget_class)
{
  /* Accelerators are set by the application (gtk_application_set_accels_for_action), so that
   * the menus show them. */
  gtk_widget_class_install_action (widget_class, "win.save", NULL, pm_window_action_save);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, pm_window_action_save_as);
  gtk_widget_class_install_action (widget_class, "win.publish", NULL, pm_window_action_publish);
  /* Participants' copies (pm-collect-actions.c). */
  gtk_widget_class_install_action (widget_class, "win.prepare-copies", NULL,
                                   pm_collect_actions_prepare_copies);
  gtk_widget_class_install_action (widget_class, "win.collect-events", NULL,
                                   pm_collect_actions_collect_events);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, pm_window_action_close);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, pm_window_action_undo);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, pm_window_action_redo);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, pm_window_action_zoom_in);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, pm_window_action_zoom_out);
  gtk_widget_class_install_action (widget_class, "win.zoom-reset", NULL,
                                   pm_window_action_zoom_reset);
  gtk_widget_class_install_action (widget_class, "win.show-page", "s", pm_window_action_show_page);
  gtk_widget_class_install_action (widget_class, "win.show-object", "(ss)",
                                   pm_window_action_show_object);
  gtk_widget_class_install_action (widget_class, "win.add-measure", "s",
                                   pm_window_action_add_measure);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, pm_window_action_reload);
  gtk_widget_class_install_action (widget_class, "win.keep-mine", NULL, pm_window_action_keep_mine);
  gtk_widget_class_install_action (widget_class, "win.presentation", NULL,
                                   pm_window_action_presentation);
  gtk_widget_class_install_action (widget_class, "win.agenda", NULL, pm_window_action_agenda);
  gtk_widget_class_install_action (widget_class, "win.meeting-timer", NULL,
                                   pm_window_action_meeting_timer);
}

/* ------------------------------------------------------------------------------------------ */
/* Private API (tests)                                                                         */
/* ------------------------------------------------------------------------------------------ */

void
_pm_window_save_as_file (PmWindow *self,
                         GFile    *file)
{
  g_return_if_fail (PM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->document != NULL);

  save_as_file_async (self, file, ignore_result_cb, NULL);
}
