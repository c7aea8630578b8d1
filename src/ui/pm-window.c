/* pm-window.c — one window per postmortem: header bar, the method's pages, file handling
 *
 * A window starts on the start page and shows one document once it has one. Its actions are
 * installed per class and enabled from update_actions(), which every state change calls.
 *
 * The file life — reading, saving, drafts of unsaved work, changes made by someone else — is
 * the document session's (core/pm-document-session.c); the window holds one, binds to its
 * properties and signals, and shows what it says: the title, the strip about someone else's
 * change (Reload, Keep Mine — theirs is kept as a copy —, or Save Mine as a Copy), dialogs and
 * toasts. Saving never freezes the window: the session writes in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pm-application.h"
#include "pm-document-format.h"
#include "pm-document-session.h"
#include "pm-draft-store.h"
#include "pm-message-dialog.h"
#include "pm-action-board.h"
#include "pm-follow-up-page.h"
#include "pm-findings-button.h"
#include "pm-collect-actions.h"
#include "pm-collect-bar.h"
#include "pm-meeting-button.h"
#include "pm-overview-page.h"
#include "pm-publish-dialog.h"
#include "pm-timeline-page.h"
#include "pm-root-causes-page.h"
#include "pm-start-page.h"
#include "pm-window-private.h"

struct _PmWindow
{
  AdwApplicationWindow  parent_instance;

  /* The file life of the document shown: never NULL (empty on the start page). */
  PmDocumentSession    *session;
  GSignalGroup         *session_signals;
  /* The session's document (a reference of our own while it is shown). */
  PmDocument           *document;
  GSettings            *settings;
  GSignalGroup         *document_signals;
  GSignalGroup         *undo_signals;

  /* The dialog shown over the window, for the tests (weak). */
  AdwMessageDialog     *dialog;
  /* The "Save changes?" dialog while it is shown (weak), and the tasks waiting for it. */
  AdwMessageDialog     *close_dialog;
  GPtrArray            *close_tasks;
  /* Zoom toast, replaced by the next one (weak). */
  AdwToast             *zoom_toast;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkButton            *open_button;
  GtkBox               *undo_box;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *primary_menu_button;
  GtkButton            *save_button;
  GtkInfoBar           *file_bar;
  GtkLabel             *file_label;
  GtkButton            *keep_mine_button;
  GtkButton            *reload_button;
  GtkInfoBar           *read_only_bar;
  GtkLabel             *read_only_label;
  GtkButton            *save_copy_button;
  GtkStack             *main_stack;
  PmStartPage          *start_page;
  AdwViewStack         *view_stack;
  PmOverviewPage       *overview_page;
  PmFindingsButton     *findings_button;
  /* participants' copies: whose copy this is, what a merge left to decide */
  PmCollectBar         *collect_bar;
  /* The pages but Overview are built when first shown (ensure_page) into these bins; NULL
   * until then. */
  AdwBin               *timeline_bin;
  AdwBin               *root_causes_bin;
  AdwBin               *measures_bin;
  AdwBin               *follow_up_bin;
  PmTimelinePage       *timeline_page;
  PmRootCausesPage     *root_causes_page;
  PmActionBoard        *action_board;
  PmFollowUpPage       *follow_up_page;
  AdwViewSwitcherBar   *switcher_bar;
  /* The agenda and timer in the header; presentation mode (F11) is on. */
  PmMeetingButton      *meeting_button;
  gboolean              presentation;
  AdwToast             *presentation_toast;  /* weak */

  guint                 close_confirmed : 1;
  /* A close was asked for while saving: decide once the save is done. */
  guint                 close_after_save : 1;
  /* The autosave failure was reported once already. */
  guint                 autosave_failure_shown : 1;
  /* Destroyed: async work finishing now must not touch the widgets. */
  guint                 disposed : 1;
};

G_DEFINE_FINAL_TYPE (PmWindow, pm_window, ADW_TYPE_APPLICATION_WINDOW)

/* Zoom steps for a projector, in percent (the setting allows 50–300). */
static const int zoom_steps[] = { 50, 67, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300 };

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* The title as the user sees it: the document's, or a placeholder for an untitled one. */
static const char *
get_display_title (PmWindow *self)
{
  const char *title = self->document != NULL ? pm_document_get_title (self->document) : NULL;

  if (title == NULL || title[0] == '\0')
    return _("Untitled Postmortem");

  return title;
}

/* Whether the window holds work that is not in its file. */
static gboolean
is_modified (PmWindow *self)
{
  return pm_document_session_get_modified (self->session);
}

static gboolean
is_saving (PmWindow *self)
{
  return pm_document_session_get_saving (self->session);
}

/* Borrowed; NULL for a document never saved. */
static GFile *
get_file (PmWindow *self)
{
  return pm_document_session_get_file (self->session);
}

static PmDraftStore *
get_draft_store (PmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return PM_IS_APPLICATION (app) ? pm_application_get_draft_store (PM_APPLICATION (app)) : NULL;
}

static char *
dup_file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

static void
set_dialog (PmWindow         *self,
            AdwMessageDialog *dialog)
{
  g_set_weak_pointer (&self->dialog, dialog);
}

static AdwMessageDialog *
create_message_dialog (PmWindow   *self,
                       const char *heading,
                       const char *body)
{
  AdwMessageDialog *dialog = pm_message_dialog_new (GTK_WINDOW (self), heading, body);

  set_dialog (self, dialog);
  return dialog;
}

static int
get_zoom (PmWindow *self)
{
  return g_settings_get_int (self->settings, "zoom-percent");
}

static void
update_title (PmWindow *self)
{
  g_autofree char *shown = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *subtitle = NULL;

  g_assert (PM_IS_WINDOW (self));

  if (self->document == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Postmortem"));
      adw_view_switcher_title_set_title (self->switcher_title, _("Postmortem"));
      adw_view_switcher_title_set_subtitle (self->switcher_title, NULL);
      return;
    }

  /* The marker goes first so that an ellipsized title still shows it. */
  if (is_modified (self))
    shown = g_strdup_printf ("• %s", get_display_title (self));
  else
    shown = g_strdup (get_display_title (self));

  if (get_file (self) != NULL)
    file_name = dup_file_display_name (get_file (self));

  if (file_name != NULL)
    {
      /* Translators: the window title: document title, then the file name */
      window_title = g_strdup_printf (_("%s — %s"), shown, file_name);
    }
  else
    window_title = g_strdup (shown);

  if (pm_document_get_read_only (self->document))
    /* Translators: the subtitle of a document opened for reading only */
    subtitle = g_strdup_printf (_("%s (read-only)"), file_name != NULL ? file_name : "");
  else if (file_name != NULL)
    subtitle = g_steal_pointer (&file_name);
  else
    subtitle = g_strdup (_("Not saved yet"));

  gtk_window_set_title (GTK_WINDOW (self), window_title);
  adw_view_switcher_title_set_title (self->switcher_title, shown);
  adw_view_switcher_title_set_subtitle (self->switcher_title, subtitle);
}

static void
update_actions (PmWindow *self)
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
update_read_only (PmWindow *self)
{
  gboolean read_only = self->document != NULL && pm_document_get_read_only (self->document);

  if (read_only)
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (_("This postmortem was written by a newer version of Postmortem "
                                "(file format %d; this version knows format %d). It is open for "
                                "reading only, so that nothing in it gets lost. You can save a "
                                "copy of it."),
                              pm_document_get_format_version (self->document),
                              PM_FORMAT_VERSION);
      gtk_label_set_text (self->read_only_label, text);
    }

  gtk_info_bar_set_revealed (self->read_only_bar, read_only);
  /* A hidden info bar must not take keyboard focus. */
  gtk_widget_set_visible (GTK_WIDGET (self->read_only_bar), read_only);
}

/* Someone else changed or deleted the file: say so, and offer the choices. */
static void
update_file_bar (PmWindow *self)
{
  PmFileDiskState state = PM_FILE_DISK_STATE_UNCHANGED;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  if (get_file (self) != NULL)
    {
      state = pm_document_session_get_disk_state (self->session);
      name = dup_file_display_name (get_file (self));
    }

  if (state == PM_FILE_DISK_STATE_CHANGED)
    {
      text = g_strdup_printf (_("“%s” was changed by someone else. Reload their version, keep "
                                "yours (theirs is kept as a copy next to it), or save yours as a "
                                "copy."),
                              name);
      gtk_button_set_label (self->keep_mine_button, _("Keep Mine"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->keep_mine_button),
                                   _("Save your version; theirs is kept as a copy"));
    }
  else if (state == PM_FILE_DISK_STATE_DELETED)
    {
      text = g_strdup_printf (_("“%s” was deleted or moved away by someone else. Your work is "
                                "still here: save it again, or save it as a copy."),
                              name);
      gtk_button_set_label (self->keep_mine_button, _("Save Again"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->keep_mine_button),
                                   _("Write your version to the file again"));
    }

  if (text != NULL)
    gtk_label_set_text (self->file_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->reload_button), state == PM_FILE_DISK_STATE_CHANGED);
  gtk_info_bar_set_revealed (self->file_bar, state != PM_FILE_DISK_STATE_UNCHANGED);
  gtk_widget_set_visible (GTK_WIDGET (self->file_bar), state != PM_FILE_DISK_STATE_UNCHANGED);
}

static void
update_switcher_bar (PmWindow *self)
{
  gboolean narrow = adw_view_switcher_title_get_title_visible (self->switcher_title);

  adw_view_switcher_bar_set_reveal (self->switcher_bar, self->document != NULL && narrow);
}

static void
update_all (PmWindow *self)
{
  update_title (self);
  update_actions (self);
  update_read_only (self);
  update_file_bar (self);
  update_switcher_bar (self);
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  const char *prgname = g_get_prgname () != NULL ? g_get_prgname () : "pmortem";
  const char *app_name = g_get_application_name ();
  g_autofree char *exec = g_strdup_printf ("%s %%u", prgname);
  GtkRecentData data = {
    .display_name = NULL,
    .description = NULL,
    .mime_type = (char *) PM_MIME_TYPE,
    .app_name = (char *) (app_name != NULL ? app_name : "Postmortem"),
    .app_exec = exec,
    .groups = NULL,
    .is_private = FALSE,
  };

  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

static void
on_autosave_failed_cb (PmWindow          *self,
                       GError            *error,
                       PmDocumentSession *session)
{
  g_autofree char *text = NULL;
  AdwToast *toast;

  /* The autosaver retries by itself; say it once, and say what still works. */
  if (self->autosave_failure_shown)
    return;
  self->autosave_failure_shown = TRUE;

  text = g_strdup_printf (_("No draft could be kept (%s). Save your work to keep it."),
                          error->message);
  toast = pm_toast_new_text (text);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
save_window_state (PmWindow *self)
{
  int width, height;

  if (gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_boolean (self->settings, "window-maximized", TRUE);
      return;
    }

  /* The default size follows the unmaximized size the user gave the window. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", FALSE);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static void
restore_window_state (PmWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), MAX (width, 360), MAX (height, 294));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
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

static void
complete_close_tasks (PmWindow *self,
                      gboolean  may_close)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->close_tasks);

  self->close_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    g_task_return_boolean (g_ptr_array_index (tasks, i), may_close);
}

/* ------------------------------------------------------------------------------------------ */
/* Saving (the session writes; the window asks where, and shows how it went)                   */
/* ------------------------------------------------------------------------------------------ */

static void show_close_dialog (PmWindow *self);

/* A close asked for during a save: now that it is done, close or ask. */
static void
finish_pending_close (PmWindow *self,
                      gboolean  saved)
{
  if (!self->close_after_save)
    return;

  self->close_after_save = FALSE;
  if (!saved)
    complete_close_tasks (self, FALSE);
  else if (!is_modified (self))
    complete_close_tasks (self, TRUE);
  else
    show_close_dialog (self);
}

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
          update_actions (self);
          finish_pending_close (self, FALSE);
        }
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  add_to_recent (file);
  update_all (self);
  finish_pending_close (self, TRUE);

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

static gboolean
save_finish (PmWindow      *self,
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

  if (save_finish (PM_WINDOW (object), result, &error))
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
          dialog = create_message_dialog (self, _("Replace File?"), body);
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
static void
save_async (PmWindow            *self,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);

  g_task_set_source_tag (task, save_async);

  if (get_file (self) == NULL || pm_document_get_read_only (self->document))
    {
      save_as_async (self, save_chain_cb, g_steal_pointer (&task));
      return;
    }

  /* The session looks at the file first and refuses to overwrite someone else's change. */
  {
    GTask *outer = g_task_new (self, NULL, save_chain_cb, g_steal_pointer (&task));

    g_task_set_source_tag (outer, save_async);
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
  save_finish (PM_WINDOW (object), result, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Closing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
on_close_save_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PmWindow *self = PM_WINDOW (object);
  gboolean saved = save_finish (self, result, NULL);

  if (!self->disposed)
    complete_close_tasks (self, saved);
}

static void
on_close_dialog_response_cb (PmWindow         *self,
                             const char       *response,
                             AdwMessageDialog *dialog)
{
  g_assert (PM_IS_WINDOW (self));

  if (g_strcmp0 (response, "discard") == 0)
    complete_close_tasks (self, TRUE);
  else if (g_strcmp0 (response, "save") == 0)
    save_async (self, on_close_save_cb, NULL);
  else
    complete_close_tasks (self, FALSE);
}

static void
show_close_dialog (PmWindow *self)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  const char *save_label;

  g_assert (PM_IS_WINDOW (self));

  if (self->close_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_dialog));
      return;
    }

  body = g_strdup_printf (_("“%s” has changes that are not in a file yet. Discarded changes "
                            "cannot be brought back."),
                          get_display_title (self));

  if (pm_document_get_read_only (self->document))
    save_label = _("Save a _Copy…");
  else if (get_file (self) == NULL)
    save_label = _("_Save As…");
  else
    save_label = _("_Save");

  dialog = create_message_dialog (self, _("Save Changes?"), body);
  pm_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", save_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_close_dialog_response_cb), self, G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->close_dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_close_confirmed_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  PmWindow *self = PM_WINDOW (object);

  if (pm_window_confirm_close_finish (self, result, NULL))
    pm_window_close_confirmed (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* The session's document is shown (a new session, or a reload): the pages follow it. */
static void
on_session_document_cb (PmWindow *self)
{
  PmDocument *document = pm_document_session_get_document (self->session);
  GFile *file = get_file (self);

  g_set_object (&self->document, document);

  g_signal_group_set_target (self->document_signals, document);
  g_signal_group_set_target (self->undo_signals,
                             document != NULL ? pm_document_get_undo_stack (document) : NULL);

  pm_overview_page_set_document (self->overview_page, document);
  /* Pages not built yet get the document when they are (ensure_page). */
  if (self->timeline_page != NULL)
    pm_timeline_page_set_document (self->timeline_page, document);
  if (self->root_causes_page != NULL)
    pm_root_causes_page_set_document (self->root_causes_page, document);
  pm_findings_button_set_document (self->findings_button, document);
  pm_collect_bar_set_document (self->collect_bar, document);
  pm_meeting_button_set_document (self->meeting_button, document);
  if (self->action_board != NULL)
    pm_action_board_set_document (self->action_board, document);
  if (self->follow_up_page != NULL)
    pm_follow_up_page_set_document (self->follow_up_page, document);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, document != NULL);
  gtk_stack_set_visible_child_name (self->main_stack, document != NULL ? "document" : "start");
  if (document != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, "overview");

  if (file != NULL)
    add_to_recent (file);

  update_all (self);
}

static void
on_session_draft_cb (PmWindow *self)
{
  /* A new draft: its first failure is worth telling again. */
  self->autosave_failure_shown = FALSE;
}

static void
on_session_state_cb (PmWindow *self)
{
  update_title (self);
  update_actions (self);
}

/* Someone else changed or deleted the file, or it holds our bytes again. */
static void
on_session_disk_state_cb (PmWindow *self)
{
  update_file_bar (self);
  update_actions (self);
}

static void
on_document_notify_cb (PmWindow   *self,
                       GParamSpec *pspec,
                       PmDocument *document)
{
  g_assert (PM_IS_WINDOW (self));

  update_title (self);
  update_actions (self);
  update_read_only (self);
}

static void
on_undo_notify_cb (PmWindow    *self,
                   GParamSpec  *pspec,
                   PmUndoStack *undo)
{
  update_actions (self);
}

static void
on_zoom_changed_cb (PmWindow   *self,
                    const char *key,
                    GSettings  *settings)
{
  update_actions (self);
}

static void
on_title_visible_cb (PmWindow             *self,
                     GParamSpec           *pspec,
                     AdwViewSwitcherTitle *title)
{
  update_switcher_bar (self);
}

/* Monitors miss changes on network folders: look again whenever the window gets the focus,
 * in a worker thread (reading and hashing a large file on a slow share would hold up the
 * window just when the user turns to it; it also did at every start-up). */
static void
on_is_active_cb (PmWindow   *self,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    pm_document_session_check_file_soon (self->session);
}

static void
on_start_page_open_file_cb (PmWindow    *self,
                            GFile       *file,
                            PmStartPage *page)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (PM_IS_APPLICATION (app))
    pm_application_open_file (PM_APPLICATION (app), file, self);
}

static gboolean
on_drop_cb (PmWindow      *self,
            const GValue  *value,
            double         x,
            double         y,
            GtkDropTarget *target)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GSList) files = NULL;

  g_assert (PM_IS_WINDOW (self));

  if (!PM_IS_APPLICATION (app))
    return FALSE;

  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    files = gdk_file_list_get_files (g_value_get_boxed (value));
  else if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    files = g_slist_prepend (NULL, g_value_get_object (value));

  if (files == NULL)
    return FALSE;

  for (const GSList *l = files; l != NULL; l = l->next)
    pm_application_open_file (PM_APPLICATION (app), l->data, self);

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Actions                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_window_action_save (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);

  if (self->document != NULL && !pm_document_get_read_only (self->document))
    save_async (self, ignore_result_cb, NULL);
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
    pm_document_redo (self->document);
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

/* Builds the page @name ("timeline", "root-causes", "measures", "follow-up") if it is not built
 * yet and returns it (NULL for other names). Building the four pages at start-up took a third of
 * the time to a shown window with a large document; most are opened later, if at all. */
static gpointer
ensure_page (PmWindow   *self,
             const char *name)
{
  if (g_str_equal (name, "timeline"))
    {
      if (self->timeline_page == NULL)
        {
          self->timeline_page = PM_TIMELINE_PAGE (pm_timeline_page_new ());
          pm_timeline_page_set_document (self->timeline_page, self->document);
          adw_bin_set_child (self->timeline_bin, GTK_WIDGET (self->timeline_page));
        }
      return self->timeline_page;
    }
  if (g_str_equal (name, "root-causes"))
    {
      if (self->root_causes_page == NULL)
        {
          self->root_causes_page = PM_ROOT_CAUSES_PAGE (pm_root_causes_page_new ());
          pm_root_causes_page_set_document (self->root_causes_page, self->document);
          adw_bin_set_child (self->root_causes_bin, GTK_WIDGET (self->root_causes_page));
        }
      return self->root_causes_page;
    }
  if (g_str_equal (name, "measures"))
    {
      if (self->action_board == NULL)
        {
          self->action_board = PM_ACTION_BOARD (pm_action_board_new ());
          pm_action_board_set_document (self->action_board, self->document);
          adw_bin_set_child (self->measures_bin, GTK_WIDGET (self->action_board));
        }
      return self->action_board;
    }
  if (g_str_equal (name, "follow-up"))
    {
      if (self->follow_up_page == NULL)
        {
          self->follow_up_page = PM_FOLLOW_UP_PAGE (pm_follow_up_page_new ());
          pm_follow_up_page_set_document (self->follow_up_page, self->document);
          adw_bin_set_child (self->follow_up_bin, GTK_WIDGET (self->follow_up_page));
        }
      return self->follow_up_page;
    }
  return NULL;
}

static void
on_visible_page_changed_cb (PmWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->view_stack);

  /* Taking the window apart changes the visible page too: build nothing then. */
  if (name != NULL && !self->disposed)
    ensure_page (self, name);
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
  pm_action_board_add_measure (ensure_page (self, "measures"), root_cause_id);
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
      pm_root_causes_page_select_root_cause (ensure_page (self, "root-causes"), id);
    }
  else if (g_str_equal (kind, "event"))
    {
      /* An event a finding is about needs a root cause: the open questions show it. */
      adw_view_stack_set_visible_child_name (self->view_stack, "root-causes");
      pm_root_causes_page_show_event (ensure_page (self, "root-causes"), id);
    }
  else if (g_str_equal (kind, "measure"))
    adw_view_stack_set_visible_child_name (self->view_stack, "measures");
  else
    adw_view_stack_set_visible_child_name (self->view_stack, "overview");
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
  dialog = create_message_dialog (self, _("Discard Your Changes?"), body);
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

/* ------------------------------------------------------------------------------------------ */
/* Presentation mode (F11): for a projector in the meeting room                                */
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

static void
setup_presentation_mode (PmWindow *self)
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
/* GtkWindow / GObject                                                                         */
/* ------------------------------------------------------------------------------------------ */

static gboolean
pm_window_close_request (GtkWindow *window)
{
  PmWindow *self = PM_WINDOW (window);

  if (self->close_confirmed || (!is_modified (self) && !is_saving (self)))
    {
      /* Saved, unchanged, or let go by the user: no draft is needed any more. */
      pm_document_session_discard_draft (self->session);
      save_window_state (self);
      return GTK_WINDOW_CLASS (pm_window_parent_class)->close_request (window);
    }

  pm_window_confirm_close_async (self, NULL, on_close_confirmed_cb, NULL);
  return TRUE;
}

static void
pm_window_dispose (GObject *object)
{
  PmWindow *self = PM_WINDOW (object);

  self->disposed = TRUE;

  /* Nobody is asked any more; whoever waits hears "not closed by the user". */
  if (self->close_tasks != NULL && self->close_tasks->len > 0)
    complete_close_tasks (self, FALSE);

  /* A window destroyed without closing (the session ends) keeps its draft for next time. */
  if (self->session != NULL)
    {
      g_settings_unbind (self->session, "autosave-interval");
      pm_document_session_close (self->session);
    }
  if (self->session_signals != NULL)
    g_signal_group_set_target (self->session_signals, NULL);
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  if (self->undo_signals != NULL)
    g_signal_group_set_target (self->undo_signals, NULL);

  /* Owned by their bins, which the template takes with it. */
  self->timeline_page = NULL;
  self->root_causes_page = NULL;
  self->action_board = NULL;
  self->follow_up_page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_WINDOW);

  g_clear_weak_pointer (&self->dialog);
  g_clear_weak_pointer (&self->close_dialog);
  g_clear_weak_pointer (&self->zoom_toast);
  g_clear_weak_pointer (&self->presentation_toast);
  g_clear_object (&self->session_signals);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->undo_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pm_window_parent_class)->dispose (object);
}

static void
pm_window_finalize (GObject *object)
{
  PmWindow *self = PM_WINDOW (object);

  g_clear_pointer (&self->close_tasks, g_ptr_array_unref);

  G_OBJECT_CLASS (pm_window_parent_class)->finalize (object);
}

static void
pm_window_class_init (PmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pm_window_dispose;
  object_class->finalize = pm_window_finalize;
  window_class->close_request = pm_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PmWindow, file_bar);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, file_label);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, follow_up_bin);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, keep_mine_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, measures_bin);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, reload_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, root_causes_bin);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, findings_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, collect_bar);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, meeting_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, save_copy_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, start_page);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, timeline_bin);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, undo_box);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, on_start_page_open_file_cb);

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

  g_type_ensure (PM_TYPE_ACTION_BOARD);
  g_type_ensure (PM_TYPE_FOLLOW_UP_PAGE);
  g_type_ensure (PM_TYPE_FINDINGS_BUTTON);
  g_type_ensure (PM_TYPE_COLLECT_BAR);
  g_type_ensure (PM_TYPE_MEETING_BUTTON);
  g_type_ensure (PM_TYPE_OVERVIEW_PAGE);
  g_type_ensure (PM_TYPE_ROOT_CAUSES_PAGE);
  g_type_ensure (PM_TYPE_START_PAGE);
  g_type_ensure (PM_TYPE_TIMELINE_PAGE);
}

static void
pm_window_init (PmWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_visible_page_changed_cb), self, G_CONNECT_SWAPPED);

  self->close_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::zoom-percent",
                           G_CALLBACK (on_zoom_changed_cb), self, G_CONNECT_SWAPPED);

  self->session_signals = g_signal_group_new (PM_TYPE_DOCUMENT_SESSION);
  g_signal_group_connect_object (self->session_signals, "notify::document",
                                 G_CALLBACK (on_session_document_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::draft",
                                 G_CALLBACK (on_session_draft_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::file",
                                 G_CALLBACK (on_session_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::modified",
                                 G_CALLBACK (on_session_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::saving",
                                 G_CALLBACK (on_session_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "notify::disk-state",
                                 G_CALLBACK (on_session_disk_state_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->session_signals, "autosave-failed",
                                 G_CALLBACK (on_autosave_failed_cb), self, G_CONNECT_SWAPPED);
  self->session = pm_document_session_new (NULL);
  g_signal_group_set_target (self->session_signals, self->session);

  self->document_signals = g_signal_group_new (PM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::title",
                                 G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::modified",
                                 G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::read-only",
                                 G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);

  self->undo_signals = g_signal_group_new (PM_TYPE_UNDO_STACK);
  g_signal_group_connect_object (self->undo_signals, "notify::can-undo",
                                 G_CALLBACK (on_undo_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->undo_signals, "notify::can-redo",
                                 G_CALLBACK (on_undo_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->undo_signals, "notify::undo-label",
                                 G_CALLBACK (on_undo_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->undo_signals, "notify::redo-label",
                                 G_CALLBACK (on_undo_notify_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (on_title_visible_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_cb), NULL);

  /* Dropping .pmortem files (from Files, a mail client, …) opens them. */
  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  setup_presentation_mode (self);
  restore_window_state (self);
  update_all (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmWindow *
pm_window_new (GtkApplication *application)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);

  return g_object_new (PM_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

PmDocument *
pm_window_get_document (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return self->document;
}

gboolean
pm_window_get_modified (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), FALSE);

  return is_modified (self);
}

GFile *
pm_window_get_file (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return get_file (self);
}

void
pm_window_set_session (PmWindow          *self,
                       PmDocumentSession *session)
{
  g_autoptr(PmDocumentSession) old = NULL;

  g_return_if_fail (PM_IS_WINDOW (self));
  g_return_if_fail (PM_IS_DOCUMENT_SESSION (session));

  if (self->session == session)
    return;

  /* The document shown before keeps its draft, as when the window goes. */
  if ((old = g_steal_pointer (&self->session)) != NULL)
    {
      g_settings_unbind (old, "autosave-interval");
      pm_document_session_close (old);
    }

  self->session = g_object_ref (session);
  self->autosave_failure_shown = FALSE;
  g_signal_group_set_target (self->session_signals, session);
  g_settings_bind (self->settings, "autosave-interval",
                   session, "autosave-interval",
                   G_SETTINGS_BIND_GET);

  on_session_document_cb (self);
}

PmDocumentSession *
pm_window_get_session (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return self->session;
}

void
pm_window_set_document (PmWindow   *self,
                        PmDocument *document,
                        GFile      *file,
                        GBytes     *contents)
{
  g_autoptr(PmDocumentSession) session = NULL;

  g_return_if_fail (PM_IS_WINDOW (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));
  g_return_if_fail (file == NULL || G_IS_FILE (file));

  session = pm_document_session_new (get_draft_store (self));
  pm_document_session_set_document (session, document, file, contents);
  pm_window_set_session (self, session);
}

void
pm_window_restore_draft (PmWindow   *self,
                         PmDocument *document,
                         GFile      *file,
                         PmDraft    *draft)
{
  g_autoptr(PmDocumentSession) session = NULL;

  g_return_if_fail (PM_IS_WINDOW (self));
  g_return_if_fail (PM_IS_DOCUMENT (document));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (PM_IS_DRAFT (draft));

  /* The draft is work that was never saved: it shows as modified until it is. */
  session = pm_document_session_new (get_draft_store (self));
  pm_document_session_restore_draft (session, document, file, draft);
  pm_window_set_session (self, session);
}

void
pm_window_show_error (PmWindow   *self,
                      const char *heading,
                      const char *message)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (PM_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);

  dialog = create_message_dialog (self, heading, message);
  pm_message_dialog_add_responses (dialog, "close", _("_Close"), NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pm_window_show_toast (PmWindow   *self,
                      const char *title)
{
  g_return_if_fail (PM_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, pm_toast_new_text (title));
}

void
pm_window_show_note (PmWindow   *self,
                     const char *text)
{
  AdwToast *toast;

  g_return_if_fail (PM_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  /* Stays until dismissed: it explains the state of the user's work. */
  toast = pm_toast_new_text (text);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
pm_window_confirm_close_async (PmWindow            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (PM_IS_WINDOW (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pm_window_confirm_close_async);

  if (is_saving (self))
    {
      /* Closing during a save: wait for it, then decide (see finish_pending_close()). */
      g_ptr_array_add (self->close_tasks, g_steal_pointer (&task));
      self->close_after_save = TRUE;
      return;
    }

  if (!is_modified (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->close_tasks, g_steal_pointer (&task));
  gtk_window_present (GTK_WINDOW (self));
  show_close_dialog (self);
}

gboolean
pm_window_confirm_close_finish (PmWindow      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pm_window_close_confirmed (PmWindow *self)
{
  g_return_if_fail (PM_IS_WINDOW (self));

  if (self->disposed)
    return;

  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------------------------------ */
/* Private API (tests)                                                                          */
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

AdwMessageDialog *
_pm_window_get_dialog (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return self->dialog;
}

gboolean
_pm_window_get_saving (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), FALSE);

  return is_saving (self);
}

AdwToast *
pm_toast_new_text (const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  escaped = g_markup_escape_text (text, -1);
  return adw_toast_new (escaped);
}

void
pm_widget_show_toast (GtkWidget *widget,
                      AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (ADW_IS_TOAST (toast));

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}
