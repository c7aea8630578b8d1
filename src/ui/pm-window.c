/* pm-window.c — one window per postmortem: header bar, the method's pages, closing
 *
 * A window starts on the start page and shows one document once it has one. Its actions live in
 * pm-window-actions.c (saving among them), dropping files in pm-window-dnd.c, the live session
 * it may host in pm-window-live.c; they share the struct in pm-window-private.h.
 *
 * The file life — reading, saving, drafts of unsaved work, changes made by someone else — is
 * the document session's (core/pm-document-session.c); the window holds one, binds to its
 * properties and signals, and shows what it says: the title, the strip about someone else's
 * change (Reload, Keep Mine — theirs is kept as a copy —, or Save Mine as a Copy), dialogs and
 * toasts. Saving never freezes the window: the session writes in a worker thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

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

G_DEFINE_FINAL_TYPE (PmWindow, pm_window, ADW_TYPE_APPLICATION_WINDOW)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static PmDraftStore *
get_draft_store (PmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return PM_IS_APPLICATION (app) ? pm_application_get_draft_store (PM_APPLICATION (app)) : NULL;
}

static void
set_dialog (PmWindow         *self,
            AdwMessageDialog *dialog)
{
  g_set_weak_pointer (&self->dialog, dialog);
}

AdwMessageDialog *
_pm_window_create_message_dialog (PmWindow   *self,
                                  const char *heading,
                                  const char *body)
{
  AdwMessageDialog *dialog = pm_message_dialog_new (GTK_WINDOW (self), heading, body);

  set_dialog (self, dialog);
  return dialog;
}

void
_pm_window_update_title (PmWindow *self)
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

void
_pm_window_update_all (PmWindow *self)
{
  _pm_window_update_title (self);
  _pm_window_update_actions (self);
  update_read_only (self);
  update_file_bar (self);
  update_switcher_bar (self);
}

void
_pm_window_add_to_recent (GFile *file)
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
complete_close_tasks (PmWindow *self,
                      gboolean  may_close)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->close_tasks);

  self->close_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    g_task_return_boolean (g_ptr_array_index (tasks, i), may_close);
}

static void show_close_dialog (PmWindow *self);

/* A close asked for during a save: now that it is done, close or ask. */
void
_pm_window_finish_pending_close (PmWindow *self,
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

/* ------------------------------------------------------------------------------------------ */
/* Closing                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
on_close_save_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  PmWindow *self = PM_WINDOW (object);
  gboolean saved = _pm_window_save_finish (self, result, NULL);

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
    _pm_window_save_async (self, on_close_save_cb, NULL);
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

  dialog = _pm_window_create_message_dialog (self, _("Save Changes?"), body);
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

  /* A live session serves the document it was started for: another one ends it. */
  if (document != self->document)
    _pm_window_stop_live (self);

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
    _pm_window_add_to_recent (file);

  _pm_window_update_all (self);
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
  _pm_window_update_title (self);
  _pm_window_update_actions (self);
}

/* Someone else changed or deleted the file, or it holds our bytes again. */
static void
on_session_disk_state_cb (PmWindow *self)
{
  update_file_bar (self);
  _pm_window_update_actions (self);
}

static void
on_document_notify_cb (PmWindow   *self,
                       GParamSpec *pspec,
                       PmDocument *document)
{
  g_assert (PM_IS_WINDOW (self));

  _pm_window_update_title (self);
  _pm_window_update_actions (self);
  update_read_only (self);
}

static void
on_undo_notify_cb (PmWindow    *self,
                   GParamSpec  *pspec,
                   PmUndoStack *undo)
{
  _pm_window_update_actions (self);
}

/* A participant of the live session changed what the step would take back: the step is
 * dropped, and Ctrl+Z must not seem to do nothing. */
static void
on_undo_refused_cb (PmWindow    *self,
                    const char  *label,
                    const char  *who,
                    PmUndoStack *undo)
{
  _pm_window_show_refused (self, label, who);
}

static void
on_zoom_changed_cb (PmWindow   *self,
                    const char *key,
                    GSettings  *settings)
{
  _pm_window_update_actions (self);
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

/* Builds the page @name ("timeline", "root-causes", "measures", "follow-up") if it is not built
 * yet and returns it (NULL for other names). Building the four pages at start-up took a third of
 * the time to a shown window with a large document; most are opened later, if at all. */
gpointer
_pm_window_ensure_page (PmWindow   *self,
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
    _pm_window_ensure_page (self, name);
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
      /* Saved, unchanged, or let go by the user: no draft is needed any more. The live
       * session ends with the window (participants are told). */
      _pm_window_stop_live (self);
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

  _pm_window_stop_live (self);

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
  g_clear_weak_pointer (&self->live_dialog);
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
  gtk_widget_class_bind_template_child (widget_class, PmWindow, live_button);
  gtk_widget_class_bind_template_child (widget_class, PmWindow, live_count_label);
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

  _pm_window_class_init_actions (widget_class);
  _pm_window_class_init_live (widget_class);

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
  g_signal_group_connect_object (self->undo_signals, "refused",
                                 G_CALLBACK (on_undo_refused_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (on_title_visible_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_cb), NULL);

  _pm_window_init_dnd (self);
  _pm_window_init_presentation (self);
  _pm_window_init_live (self);
  restore_window_state (self);
  _pm_window_update_all (self);
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

  dialog = _pm_window_create_message_dialog (self, heading, message);
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
      /* Closing during a save: wait for it, then decide (see _pm_window_finish_pending_close()). */
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
