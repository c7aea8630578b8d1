/* test-window.c — display tests for the application, the window and every dialog
 *
 * Runs under Xvfb (GDK_BACKEND=x11, GSK_RENDERER=cairo, GSETTINGS_BACKEND=memory). Builds every
 * template, so a class from a newer libadwaita fails here, not on a user's machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pm-action-board.h"
#include "pm-application.h"
#include "pm-document-format.h"
#include "pm-draft-store.h"
#include "pm-meeting-button.h"
#include "pm-participant.h"
#include "pm-preferences-window.h"
#include "pm-start-page.h"
#include "pm-timeline-page.h"
#include "pm-window-private.h"
#include "ui-test-util.h"

static PmApplication *app;
static char *tmp_dir;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
action_button_sensitive (GtkWidget  *window,
                         const char *action)
{
  GtkWidget *button = pm_test_find_widget_with_action (window, action);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static guint
count_pm_windows (void)
{
  guint n = 0;

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (PM_IS_WINDOW (l->data))
      n++;

  return n;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return (AdwMessageDialog *) pm_test_find_shown_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_window_construct (void)
{
  PmWindow *window = pm_window_new (NULL);
  GtkWidget *stack;

  gtk_window_present (GTK_WINDOW (window));
  pm_test_iterate (50);

  g_assert_null (pm_window_get_document (window));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Postmortem");
  g_assert_nonnull (pm_test_find_widget_of_type (GTK_WIDGET (window), PM_TYPE_START_PAGE));
  g_assert_false (action_button_sensitive (GTK_WIDGET (window), "win.save"));

  /* The method's pages, titled as the method names them. */
  stack = pm_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  {
    const char *titles[] = { "Overview", "Timeline", "Root Causes", "Measures", "Follow-up" };
    g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (ADW_VIEW_STACK (stack));

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, G_N_ELEMENTS (titles));
    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

        g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
        g_assert_nonnull (adw_view_stack_page_get_icon_name (page));
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  pm_test_destroy_all_windows ();
}

static gboolean
list_has_row (GtkWidget  *page,
              const char *title)
{
  GtkWidget *list = pm_test_find_widget_of_type (page, GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return TRUE;

  return FALSE;
}

static void
test_start_page_recent (void)
{
  g_autofree char *path = tmp_path ("recent.pmortem");
  g_autofree char *other = tmp_path ("notes.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) other_file = g_file_new_for_path (other);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *other_uri = g_file_get_uri (other_file);
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GtkWidget *page;
  GtkWidget *list;
  guint n_rows = 0;
  gint64 deadline;

  g_assert_true (g_file_set_contents (path, "{}", -1, NULL));
  g_assert_true (g_file_set_contents (other, "text", -1, NULL));
  g_assert_true (gtk_recent_manager_add_item (manager, uri));
  g_assert_true (gtk_recent_manager_add_item (manager, other_uri));

  page = g_object_ref_sink (pm_start_page_new ());

  /* The manager writes and reloads in idle time. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!list_has_row (page, "recent.pmortem") && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);

  /* Our file is listed, the text file is not; every row is a postmortem. */
  g_assert_true (list_has_row (page, "recent.pmortem"));
  g_assert_false (list_has_row (page, "notes.txt"));
  list = pm_test_find_widget_of_type (page, GTK_TYPE_LIST_BOX);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    {
      g_assert_true (g_str_has_suffix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ".pmortem"));
      g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, pm_start_page_get_n_recent (PM_START_PAGE (page)));

  g_object_unref (page);
}

static void
test_preferences_window (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  GtkWidget *prefs = pm_preferences_window_new (NULL);
  GtkWidget *entry_row;

  gtk_window_present (GTK_WINDOW (prefs));
  pm_test_iterate (50);

  /* The colour scheme follows the setting, and the application applies it. */
  g_settings_set_string (settings, "color-scheme", "dark");
  pm_test_iterate (50);
  g_assert_true (adw_style_manager_get_dark (adw_style_manager_get_default ()));
  g_settings_set_string (settings, "color-scheme", "default");

  /* An unknown zone is refused, a real one is stored. */
  entry_row = pm_test_find_widget_of_type (prefs, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry_row);
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "Mars/Olympus_Mons");
  g_signal_emit_by_name (entry_row, "apply");
  g_assert_true (gtk_widget_has_css_class (entry_row, "error"));
  {
    g_autofree char *zone = g_settings_get_string (settings, "default-timezone");
    g_assert_cmpstr (zone, ==, "");
  }
  gtk_editable_set_text (GTK_EDITABLE (entry_row), "Europe/Berlin");
  g_signal_emit_by_name (entry_row, "apply");
  g_assert_false (gtk_widget_has_css_class (entry_row, "error"));
  {
    g_autofree char *zone = g_settings_get_string (settings, "default-timezone");
    g_assert_cmpstr (zone, ==, "Europe/Berlin");
  }
  g_settings_reset (settings, "default-timezone");

  gtk_window_destroy (GTK_WINDOW (prefs));
  pm_test_destroy_all_windows ();
}

static void
test_help_overlay (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/pmortem/Postmortem/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));

  /* Through the application, as Ctrl+? does it. */
  {
    PmWindow *window = pm_window_new (GTK_APPLICATION (app));

    gtk_window_present (GTK_WINDOW (window));
    pm_test_iterate (50);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
    pm_test_iterate (50);
  }
  pm_test_destroy_all_windows ();
}

static void
test_about_window (void)
{
  g_autoptr(GList) windows = NULL;
  AdwAboutWindow *about = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  pm_test_iterate (50);

  windows = gtk_window_list_toplevels ();
  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_ABOUT_WINDOW (l->data))
      about = l->data;

  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  g_assert_cmpstr (adw_about_window_get_website (about), ==, "https://github.com/pmortem/pmortem");

  pm_test_destroy_all_windows ();
}

static void
test_open_example (void)
{
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  PmWindow *window;
  const char *title;

  window = pm_test_open_in_app (app, path);
  g_assert_nonnull (window);
  g_assert_nonnull (pm_window_get_document (window));

  title = gtk_window_get_title (GTK_WINDOW (window));
  g_assert_nonnull (strstr (title, "Leaked CI deploy key used to publish a backdoored Kranich Sync beta"));
  g_assert_nonnull (strstr (title, "leaked-deploy-key.pmortem"));
  g_assert_null (strstr (title, "•"));
  g_assert_false (action_button_sensitive (GTK_WIDGET (window), "win.save"));
  g_assert_false (action_button_sensitive (GTK_WIDGET (window), "win.undo"));

  /* Opening it again presents the same window. */
  g_assert_cmpuint (count_pm_windows (), ==, 1);
  pm_application_open_file (app, file, NULL);
  pm_test_wait_until (pm_test_nothing_loading, app, 10);
  g_assert_cmpuint (count_pm_windows (), ==, 1);

  pm_test_destroy_all_windows ();
}

static void
test_undo_redo (void)
{
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = pm_document_load_from_file (path, &error);
  PmWindow *window = pm_window_new (NULL);
  g_autofree char *original = NULL;

  g_assert_no_error (error);
  pm_window_set_document (window, document, file, NULL);
  gtk_window_present (GTK_WINDOW (window));
  original = g_strdup (pm_document_get_title (document));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  /* An edit through the document: marked, undoable. */
  pm_document_set (document, document, "title", "Deploy key leak", NULL);
  g_assert_true (pm_document_get_modified (document));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "• Deploy key leak"));
  g_assert_true (action_button_sensitive (GTK_WIDGET (window), "win.undo"));
  g_assert_false (action_button_sensitive (GTK_WIDGET (window), "win.redo"));
  g_assert_true (action_button_sensitive (GTK_WIDGET (window), "win.save"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (pm_document_get_modified (document));
  g_assert_cmpstr (pm_document_get_title (document), !=, "Deploy key leak");
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), original));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_false (action_button_sensitive (GTK_WIDGET (window), "win.undo"));
  g_assert_true (action_button_sensitive (GTK_WIDGET (window), "win.redo"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpstr (pm_document_get_title (document), ==, "Deploy key leak");
  g_assert_true (pm_document_get_modified (document));

  /* An untitled document has a name too. */
  {
    g_autoptr(PmDocument) empty = pm_document_new ();

    pm_window_set_document (window, empty, NULL, NULL);
    g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Untitled Postmortem");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  pm_test_destroy_all_windows ();
}

static void
test_save (void)
{
  g_autofree char *source = pm_test_example_path ();
  g_autofree char *path = tmp_path ("save.pmortem");
  g_autofree char *copy_base = tmp_path ("copy");
  g_autofree char *copy_path = tmp_path ("copy.pmortem");
  g_autofree char *contents = read_file (source);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) copy_file = g_file_new_for_path (copy_base);
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  PmWindow *window = pm_window_new (NULL);
  PmParticipant *participant;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  document = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);
  pm_window_set_document (window, document, file, NULL);
  gtk_window_present (GTK_WINDOW (window));

  pm_document_set (document, document, "title", "Saved title", NULL);
  participant = g_list_model_get_item (pm_document_get_participants (document), 0);
  pm_document_set (document, participant, "name", "Renamed <b>participant</b>", NULL);
  g_object_unref (participant);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  pm_test_wait_until (pm_test_window_not_saving, window, 10);

  expected = pm_document_serialize (document, NULL);
  written = read_file (path);
  g_assert_cmpstr (written, ==, expected);
  g_assert_false (pm_document_get_modified (document));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));
  g_assert_false (action_button_sensitive (GTK_WIDGET (window), "win.save"));

  /* Save As appends the extension and moves the window to the new file. */
  pm_document_set (document, document, "title", "Copied title", NULL);
  _pm_window_save_as_file (window, copy_file);
  pm_test_wait_until (pm_test_window_not_saving, window, 10);
  g_clear_pointer (&written, g_free);
  g_clear_pointer (&expected, g_free);
  written = read_file (copy_path);
  expected = pm_document_serialize (document, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "copy.pmortem"));
  g_assert_false (pm_document_get_modified (document));

  gtk_window_destroy (GTK_WINDOW (window));
  pm_test_destroy_all_windows ();
}

static void
test_save_as_replace (void)
{
  g_autofree char *base = tmp_path ("existing");
  g_autofree char *path = tmp_path ("existing.pmortem");
  g_autoptr(GFile) base_file = g_file_new_for_path (base);
  g_autoptr(PmDocument) document = pm_document_new ();
  PmWindow *window = pm_window_new (NULL);
  AdwMessageDialog *dialog;
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;

  g_assert_true (g_file_set_contents (path, "keep me", -1, NULL));
  pm_window_set_document (window, document, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  pm_document_set (document, document, "title", "Replacement", NULL);

  /* "existing" becomes "existing.pmortem", which the chooser never asked about. */
  _pm_window_save_as_file (window, base_file);
  dialog = _pm_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "replace"));
  adw_message_dialog_response (dialog, "cancel");
  pm_test_iterate (50);
  written = read_file (path);
  g_assert_cmpstr (written, ==, "keep me");
  g_assert_true (pm_document_get_modified (document));

  _pm_window_save_as_file (window, base_file);
  dialog = _pm_window_get_dialog (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "replace");
  pm_test_wait_until (pm_test_window_not_saving, window, 10);
  g_clear_pointer (&written, g_free);
  written = read_file (path);
  expected = pm_document_serialize (document, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_false (pm_document_get_modified (document));

  gtk_window_destroy (GTK_WINDOW (window));
  pm_test_destroy_all_windows ();
}

static void
test_save_error (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-folder", "x.pmortem", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(PmDocument) document = pm_document_new ();
  PmWindow *window = pm_window_new (NULL);
  AdwMessageDialog *dialog;

  pm_window_set_document (window, document, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  pm_document_set (document, document, "title", "Unsavable", NULL);

  _pm_window_save_as_file (window, file);
  pm_test_wait_until (pm_test_window_not_saving, window, 10);
  pm_test_iterate (50);

  /* The error is shown, the document keeps its changes and its (missing) file. */
  dialog = _pm_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "x.pmortem"));
  g_assert_true (pm_document_get_modified (document));
  g_assert_null (pm_window_get_file (window));

  gtk_window_destroy (GTK_WINDOW (window));
  pm_test_destroy_all_windows ();
}

static void
test_read_only (void)
{
  g_autofree char *source = pm_test_example_path ();
  g_autofree char *contents = read_file (source);
  g_autofree char *path = tmp_path ("newer.pmortem");
  g_autoptr(GString) newer = g_string_new (contents);
  GtkWidget *info_bar;
  PmWindow *window;
  PmDocument *document;

  g_assert_cmpuint (g_string_replace (newer, "\"format_version\": 1", "\"format_version\": 2", 1), ==, 1);
  g_assert_true (g_file_set_contents (path, newer->str, -1, NULL));

  window = pm_test_open_in_app (app, path);
  g_assert_nonnull (window);
  document = pm_window_get_document (window);
  g_assert_true (pm_document_get_read_only (document));

  /* No meeting is run in it: the agenda and timer are not offered, and F5 starts nothing. */
  g_assert_false (gtk_widget_get_visible (pm_test_find_widget_of_type (GTK_WIDGET (window),
                                                                       PM_TYPE_MEETING_BUTTON)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.meeting-timer", NULL);
  g_assert_false (pm_document_get_modified (document));

  /* Visible explanation with Save a Copy; Save itself is off, even after an edit. */
  info_bar = pm_test_find_widget_of_type (GTK_WIDGET (window), GTK_TYPE_INFO_BAR);
  g_assert_nonnull (info_bar);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (info_bar)));
  g_assert_true (gtk_widget_get_visible (info_bar));
  pm_document_set (document, document, "title", "Changed", NULL);
  g_assert_false (action_button_sensitive (GTK_WIDGET (window), "win.save"));
  g_assert_true (action_button_sensitive (GTK_WIDGET (window), "win.save-as"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "•"));

  /* Save does nothing to the original. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  pm_test_iterate (50);
  {
    g_autofree char *after = read_file (path);
    g_assert_cmpstr (after, ==, newer->str);
  }

  pm_document_undo (document);
  pm_test_destroy_all_windows ();
}

static void
test_invalid_file (void)
{
  g_autofree char *path = tmp_path ("broken.pmortem");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, "{ \"format\": \"pmortem\",\n  oops }\n", -1, NULL));

  g_assert_null (pm_test_open_in_app (app, path));

  /* No document window, only the start page (shown: not the window built while reading left
   * hidden) and the loader's message naming the file. */
  g_assert_cmpuint (count_pm_windows (), ==, 1);
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (PM_IS_WINDOW (l->data))
      {
        g_assert_null (pm_window_get_document (l->data));
        g_assert_true (gtk_widget_get_visible (l->data));
      }

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "broken.pmortem"));
  g_assert_null (pm_application_find_window (app, file));

  pm_test_destroy_all_windows ();
}

static void
test_close_dialog (void)
{
  g_autofree char *source = pm_test_example_path ();
  g_autofree char *contents = read_file (source);
  g_autofree char *path = tmp_path ("close.pmortem");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = NULL;
  PmWindow *window = pm_window_new (NULL);
  PmWindow *weak = window;
  AdwMessageDialog *dialog;

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  document = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);
  pm_window_set_document (window, document, file, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  pm_document_set (document, document, "title", "Unsaved", NULL);

  /* Cancel keeps the window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close", NULL));
  pm_test_iterate (50);
  dialog = _pm_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "discard"), ==, ADW_RESPONSE_DESTRUCTIVE);
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "save"), ==, ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_response (dialog, "cancel");
  pm_test_iterate (50);
  g_assert_nonnull (weak);
  g_assert_true (pm_document_get_modified (document));

  /* Save saves, then closes. */
  gtk_window_close (GTK_WINDOW (window));
  pm_test_iterate (50);
  dialog = _pm_window_get_dialog (window);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "save");
  pm_test_wait_until (pointer_cleared, &weak, 10);
  {
    g_autofree char *written = read_file (path);
    g_autofree char *expected = pm_document_serialize (document, NULL);

    g_assert_cmpstr (written, ==, expected);
    g_assert_nonnull (strstr (written, "\"title\": \"Unsaved\""));
  }

  /* Discard closes without writing. */
  window = weak = pm_window_new (NULL);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);
  pm_window_set_document (window, document, file, NULL);
  gtk_window_present (GTK_WINDOW (window));
  pm_document_set (document, document, "title", "Thrown away", NULL);
  gtk_window_close (GTK_WINDOW (window));
  pm_test_iterate (50);
  adw_message_dialog_response (_pm_window_get_dialog (window), "discard");
  pm_test_wait_until (pointer_cleared, &weak, 10);
  {
    g_autofree char *written = read_file (path);

    g_assert_null (strstr (written, "Thrown away"));
  }

  pm_test_destroy_all_windows ();
}

static void
test_quit_asks (void)
{
  g_autoptr(PmDocument) clean = pm_document_new ();
  g_autoptr(PmDocument) dirty = pm_document_new ();
  PmWindow *first = pm_window_new (GTK_APPLICATION (app));
  PmWindow *second = pm_window_new (GTK_APPLICATION (app));
  AdwMessageDialog *dialog;

  pm_window_set_document (first, clean, NULL, NULL);
  pm_window_set_document (second, dirty, NULL, NULL);
  gtk_window_present (GTK_WINDOW (first));
  gtk_window_present (GTK_WINDOW (second));
  pm_document_set (dirty, dirty, "title", "Work in progress", NULL);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  pm_test_iterate (50);

  /* The unmodified window may close; the modified one asks, and Cancel stops quitting. */
  dialog = _pm_window_get_dialog (second);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  pm_test_iterate (50);
  g_assert_true (g_list_find (gtk_application_get_windows (GTK_APPLICATION (app)), second) != NULL);
  g_assert_true (pm_document_get_modified (dirty));

  pm_test_destroy_all_windows ();
}

static void
test_new_and_drop (void)
{
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GListModel) controllers = NULL;
  GtkDropTarget *drop = NULL;
  PmWindow *window;

  /* New in an empty window uses that window, with the preferred zone. */
  g_settings_set_string (settings, "default-timezone", "Europe/Vienna");
  window = pm_window_new (GTK_APPLICATION (app));
  gtk_window_present (GTK_WINDOW (window));
  pm_test_iterate (50);
  g_action_group_activate_action (G_ACTION_GROUP (app), "new", NULL);
  g_assert_nonnull (pm_window_get_document (window));
  g_assert_cmpstr (pm_document_get_timezone (pm_window_get_document (window)), ==, "Europe/Vienna");
  g_assert_false (pm_document_get_modified (pm_window_get_document (window)));
  g_assert_cmpuint (count_pm_windows (), ==, 1);
  g_settings_reset (settings, "default-timezone");

  /* Dropping a file on it opens the file in a window of its own. */
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        drop = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (drop);
  {
    g_auto(GValue) value = G_VALUE_INIT;
    GSList *files = g_slist_prepend (NULL, file);
    gboolean accepted = FALSE;

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_list (files));
    g_slist_free (files);
    g_signal_emit_by_name (drop, "drop", &value, 10.0, 10.0, &accepted);
    g_assert_true (accepted);
  }
  pm_test_wait_until (pm_test_nothing_loading, app, 10);
  g_assert_nonnull (pm_application_find_window (app, file));
  g_assert_true (pm_application_find_window (app, file) != window);
  g_assert_cmpuint (count_pm_windows (), ==, 2);

  pm_test_destroy_all_windows ();
}

static void
test_zoom (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PmDocument) document = pm_document_new ();
  PmWindow *window = pm_window_new (GTK_APPLICATION (app));

  pm_window_set_document (window, document, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));

  g_assert_cmpint (g_settings_get_int (settings, "zoom-percent"), ==, 100);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-in", NULL);
  g_assert_cmpint (g_settings_get_int (settings, "zoom-percent"), ==, 110);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-out", NULL);
  g_assert_cmpint (g_settings_get_int (settings, "zoom-percent"), ==, 90);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.zoom-reset", NULL);
  g_assert_cmpint (g_settings_get_int (settings, "zoom-percent"), ==, 100);

  /* Pages are reachable by action (Alt+1…5); all but Overview are built when first shown,
   * with the window's document. */
  g_assert_null (pm_test_find_widget_of_type (GTK_WIDGET (window), PM_TYPE_ACTION_BOARD));
  g_assert_null (pm_test_find_widget_of_type (GTK_WIDGET (window), PM_TYPE_TIMELINE_PAGE));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "measures");
  {
    GtkWidget *stack = pm_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
    GtkWidget *board = pm_test_find_widget_of_type (GTK_WIDGET (window), PM_TYPE_ACTION_BOARD);

    g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "measures");
    g_assert_nonnull (board);
    g_assert_true (pm_action_board_get_document (PM_ACTION_BOARD (board))
                   == pm_window_get_document (window));
    g_assert_null (pm_test_find_widget_of_type (GTK_WIDGET (window), PM_TYPE_TIMELINE_PAGE));
  }

  pm_test_destroy_all_windows ();
}

static gboolean
info_bar_shown (gpointer data)
{
  GtkWidget *window = data;

  for (GtkWidget *bar = pm_test_find_widget_of_type (window, GTK_TYPE_INFO_BAR); bar != NULL;
       bar = gtk_widget_get_next_sibling (bar))
    if (GTK_IS_INFO_BAR (bar) && gtk_widget_get_visible (bar) && gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)))
      return TRUE;

  return FALSE;
}

static gboolean
info_bar_hidden (gpointer data)
{
  return !info_bar_shown (data);
}

/* The example with another title: a valid file someone else wrote. */
static char *
dup_example_titled (const char *title)
{
  g_autofree char *source = pm_test_example_path ();
  g_autofree char *contents = read_file (source);
  g_autoptr(GString) text = g_string_new (contents);
  g_autofree char *replacement = g_strdup_printf ("\"title\": \"%s\",\n    \"reference\"", title);

  g_assert_cmpuint (g_string_replace (text,
                                      "\"title\": \"Leaked CI deploy key used to publish a backdoored Kranich Sync beta\",\n    \"reference\"",
                                      replacement, 1), ==, 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
find_draft_with (const char *needle)
{
  const char *directory = pm_draft_store_get_directory (pm_application_get_draft_store (app));
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);
      g_autofree char *contents = NULL;

      if (g_str_has_suffix (name, ".pmortem") &&
          g_file_get_contents (path, &contents, NULL, NULL) &&
          strstr (contents, needle) != NULL)
        return g_steal_pointer (&path);
    }

  return NULL;
}

static gboolean
draft_written (gpointer data)
{
  g_autofree char *path = find_draft_with (data);

  return path != NULL;
}

static gboolean
draft_gone (gpointer data)
{
  return !draft_written (data);
}

static void
test_autosave (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PmDocument) document = pm_document_new ();
  PmWindow *window = pm_window_new (GTK_APPLICATION (app));
  PmWindow *weak = window;

  g_settings_set_uint (settings, "autosave-interval", 1);
  pm_window_set_document (window, document, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &weak);

  /* A change reaches a draft in the app's folder within the interval. */
  pm_document_set (document, document, "title", "Autosaved work in progress", NULL);
  pm_test_wait_until (draft_written, (gpointer) "Autosaved work in progress", 10);

  /* Discarding the changes removes the draft. */
  gtk_window_close (GTK_WINDOW (window));
  pm_test_iterate (50);
  adw_message_dialog_response (_pm_window_get_dialog (window), "discard");
  pm_test_wait_until (pointer_cleared, &weak, 10);
  pm_test_wait_until (draft_gone, (gpointer) "Autosaved work in progress", 10);

  g_settings_reset (settings, "autosave-interval");
  pm_test_destroy_all_windows ();
}

static void
test_recovery (void)
{
  const char *directory = pm_draft_store_get_directory (pm_application_get_draft_store (app));
  g_autoptr(PmDraftStore) crashed = pm_draft_store_new (directory);
  g_autoptr(PmDocument) untitled = pm_document_new ();
  g_autoptr(PmDocument) based = NULL;
  g_autoptr(PmDraft) untitled_draft = NULL;
  g_autoptr(PmDraft) based_draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = tmp_path ("recover.pmortem");
  g_autofree char *original = dup_example_titled ("Before the crash");
  g_autofree char *theirs = dup_example_titled ("Changed by someone else");
  g_autofree char *quarantine = g_build_filename (directory, "quarantine", NULL);
  g_autofree char *corrupt = NULL;
  AdwMessageDialog *dialog;
  PmWindow *restored = NULL;
  PmWindow *copy = NULL;

  /* An earlier run (another session) left two drafts and a damaged one, then died. */
  g_object_set (untitled, "title", "Never saved before the crash", NULL);
  untitled_draft = pm_draft_store_create_draft (crashed, NULL, NULL, 0);
  g_assert_true (pm_draft_store_save (crashed, untitled_draft, untitled, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  based = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);
  pm_document_set (based, based, "title", "Edited after loading", NULL);
  based_draft = pm_draft_store_create_draft (crashed, path, original, strlen (original));
  g_assert_true (pm_draft_store_save (crashed, based_draft, based, &error));
  g_assert_no_error (error);
  /* … and someone changed that file afterwards. */
  g_assert_true (g_file_set_contents (path, theirs, -1, NULL));

  corrupt = g_build_filename (directory, "0badc0de-0000-4000-8000-000000000000.json", NULL);
  g_assert_true (g_file_set_contents (corrupt, "{ not json", -1, NULL));
  {
    g_autofree char *corrupt_doc = g_build_filename (directory, "0badc0de-0000-4000-8000-000000000000.pmortem", NULL);
    g_assert_true (g_file_set_contents (corrupt_doc, "garbage", -1, NULL));
  }

  pm_application_check_drafts (app);
  pm_test_wait_until (pm_test_nothing_loading, app, 10);
  pm_test_iterate (50);

  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore Unsaved Work?");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "later");
  /* The damaged draft was set aside, not deleted. */
  g_assert_false (g_file_test (corrupt, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (quarantine, G_FILE_TEST_IS_DIR));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "not deleted"));

  adw_message_dialog_response (dialog, "restore");
  pm_test_iterate (50);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    {
      PmDocument *document;

      if (!PM_IS_WINDOW (l->data) || (document = pm_window_get_document (l->data)) == NULL)
        continue;
      if (g_strcmp0 (pm_document_get_title (document), "Never saved before the crash") == 0)
        restored = l->data;
      if (g_strcmp0 (pm_document_get_title (document), "Edited after loading") == 0)
        copy = l->data;
    }

  /* Restored work shows as unsaved. */
  g_assert_nonnull (restored);
  g_assert_true (pm_window_get_modified (restored));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (restored)), "•"));
  g_assert_true (action_button_sensitive (GTK_WIDGET (restored), "win.save"));

  /* The file changed since: both are kept, the restored work is not tied to the file. */
  g_assert_nonnull (copy);
  g_assert_true (pm_window_get_modified (copy));
  g_assert_null (pm_window_get_file (copy));
  {
    g_autofree char *now = read_file (path);
    g_assert_cmpstr (now, ==, theirs);
  }

  /* Nothing is lost by closing with Discard: then, and only then, the draft goes. */
  g_assert_true (draft_written ((gpointer) "Never saved before the crash"));
  gtk_window_close (GTK_WINDOW (restored));
  pm_test_iterate (50);
  adw_message_dialog_response (_pm_window_get_dialog (restored), "discard");
  pm_test_wait_until (draft_gone, (gpointer) "Never saved before the crash", 10);

  pm_test_destroy_all_windows ();
  g_assert_true (pm_draft_store_discard (crashed, based_draft, NULL));

  /* Only a damaged draft: it is set aside and the user is told where. */
  g_assert_true (g_file_set_contents (corrupt, "[]", -1, NULL));
  pm_application_check_drafts (app);
  pm_test_wait_until (pm_test_nothing_loading, app, 10);
  pm_test_iterate (50);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "A Draft Could Not Be Read");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), quarantine));
  g_assert_false (g_file_test (corrupt, G_FILE_TEST_EXISTS));

  pm_test_destroy_all_windows ();
}

static void
test_external_change (void)
{
  g_autofree char *path = tmp_path ("shared.pmortem");
  g_autofree char *ours = dup_example_titled ("Our version");
  g_autofree char *theirs = dup_example_titled ("Their version");
  g_autofree char *their_copy = tmp_path ("shared (their version).pmortem");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  PmWindow *window = pm_window_new (GTK_APPLICATION (app));

  g_assert_true (g_file_set_contents (path, ours, -1, NULL));
  document = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new (ours, strlen (ours));
  pm_window_set_document (window, document, file, bytes);
  gtk_window_present (GTK_WINDOW (window));
  pm_test_iterate (50);
  g_assert_false (info_bar_shown (window));

  /* Our own save never looks like someone else's change. */
  pm_document_set (document, document, "title", "Our version, edited", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  pm_test_wait_until (pm_test_window_not_saving, window, 10);
  g_usleep (300000);
  pm_test_iterate (50);
  g_assert_false (info_bar_shown (window));

  /* Someone replaces the file (atomically, as editors do): noticed within seconds. */
  pm_document_set (document, document, "title", "Our unsaved edit", NULL);
  g_assert_true (g_file_set_contents (path, theirs, -1, NULL));
  pm_test_wait_until (info_bar_shown, window, 10);

  /* Save does not overwrite it silently. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL);
  pm_test_iterate (50);
  g_assert_false (_pm_window_get_saving (window));
  {
    g_autofree char *now = read_file (path);
    g_assert_cmpstr (now, ==, theirs);
  }

  /* Keep Mine: theirs is kept as a copy, ours goes into the file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.keep-mine", NULL));
  pm_test_wait_until (pm_test_window_not_saving, window, 10);
  {
    g_autofree char *kept = read_file (their_copy);
    g_autofree char *now = read_file (path);
    g_autofree char *expected = pm_document_serialize (document, NULL);

    g_assert_cmpstr (kept, ==, theirs);
    g_assert_cmpstr (now, ==, expected);
  }
  pm_test_wait_until (info_bar_hidden, window, 10);
  g_assert_false (pm_window_get_modified (window));

  /* Reload with changes asks first; Cancel keeps them. */
  pm_document_set (document, document, "title", "Mine again", NULL);
  g_assert_true (g_file_set_contents (path, theirs, -1, NULL));
  pm_test_wait_until (info_bar_shown, window, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  g_assert_cmpstr (adw_message_dialog_get_heading (_pm_window_get_dialog (window)), ==,
                   "Discard Your Changes?");
  adw_message_dialog_response (_pm_window_get_dialog (window), "cancel");
  pm_test_iterate (50);
  g_assert_cmpstr (pm_document_get_title (pm_window_get_document (window)), ==, "Mine again");

  /* Reload: their version replaces ours. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.reload", NULL));
  adw_message_dialog_response (_pm_window_get_dialog (window), "reload");
  pm_test_wait_until (info_bar_hidden, window, 10);
  g_assert_cmpstr (pm_document_get_title (pm_window_get_document (window)), ==, "Their version");
  g_assert_false (pm_window_get_modified (window));

  /* Deleted: the work stays, and can be written back. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  pm_test_wait_until (info_bar_shown, window, 10);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.keep-mine", NULL));
  pm_test_wait_until (pm_test_window_not_saving, window, 10);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  pm_test_wait_until (info_bar_hidden, window, 10);

  pm_test_destroy_all_windows ();
}

static void
test_window_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  PmWindow *window;
  int width, height;

  /* Restored on open … */
  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  window = pm_window_new (GTK_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* … and saved on close. */
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  pm_test_iterate (50);
  gtk_window_close (GTK_WINDOW (window));
  pm_test_iterate (50);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  pm_test_destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = pm_test_make_private_dirs ("pmortem-ui-XXXXXX");
  pm_test_init (&argc, &argv);
  app = pm_test_register_application ();

  g_test_add_func ("/ui/window/construct", test_window_construct);
  g_test_add_func ("/ui/start-page/recent", test_start_page_recent);
  g_test_add_func ("/ui/preferences/construct", test_preferences_window);
  g_test_add_func ("/ui/help-overlay/construct", test_help_overlay);
  g_test_add_func ("/ui/about/construct", test_about_window);
  g_test_add_func ("/ui/app/open-example", test_open_example);
  g_test_add_func ("/ui/window/undo-redo", test_undo_redo);
  g_test_add_func ("/ui/window/save", test_save);
  g_test_add_func ("/ui/window/save-as-replace", test_save_as_replace);
  g_test_add_func ("/ui/window/save-error", test_save_error);
  g_test_add_func ("/ui/app/read-only", test_read_only);
  g_test_add_func ("/ui/app/invalid-file", test_invalid_file);
  g_test_add_func ("/ui/window/close-dialog", test_close_dialog);
  g_test_add_func ("/ui/app/quit-asks", test_quit_asks);
  g_test_add_func ("/ui/app/new-and-drop", test_new_and_drop);
  g_test_add_func ("/ui/window/zoom", test_zoom);
  g_test_add_func ("/ui/window/size", test_window_size);
  g_test_add_func ("/ui/window/autosave", test_autosave);
  g_test_add_func ("/ui/window/external-change", test_external_change);
  g_test_add_func ("/ui/app/recovery", test_recovery);

  ret = g_test_run ();

  pm_test_destroy_all_windows ();
  g_clear_object (&app);
  /* Leave the folder for a look when something failed. */
  if (ret == 0)
    pm_test_remove_recursively (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
