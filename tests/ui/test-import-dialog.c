/* test-import-dialog.c — display tests for the import preview: a transcript and a real Slack
 * export read in the worker thread, pre-selection, the filters, the author-to-team mapping,
 * one undo step, a hostile file's error, and pasting several lines into the quick entry
 *
 * PM_IMPORT_DIALOG_LOOK=transcript|corpus|error shows the dialog and keeps it open instead of
 * testing, for ../shared/tools/screenshot and ../shared/tools/a11y-tree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pm-import-dialog.h"
#include "pm-timeline-page.h"
#include "pm-window-private.h"
#include "ui-test-util.h"

static PmApplication *app;
static char *tmp_dir;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static const char transcript[] =
  "[14:02] <lena> API returns 500 errors for all customers\n"
  "[14:05] <tom> rolled back the deploy\n"
  "[14:20] <Lena> errors are gone, watching\n"
  "[14:31] <alertbot> <b>disk</b> full on db-2 &amp; <script>alert(1)</script>\n"
  "[23:40] <tom> writing the postmortem tomorrow\n";

static PmDocument *
new_document (void)
{
  PmDocument *document = pm_document_new ();
  g_autoptr(PmTime) start = pm_time_parse_iso8601 ("2024-03-05T14:00:00Z",
                                                   PM_TIME_PRECISION_MINUTE, NULL);
  g_autoptr(PmTime) end = pm_time_parse_iso8601 ("2024-03-05T16:00:00Z",
                                                 PM_TIME_PRECISION_MINUTE, NULL);

  g_assert_nonnull (start);
  g_assert_nonnull (end);
  pm_document_set (document, document, "title", "Checkout outage", "start", start, "end", end,
                   NULL);
  return document;
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static gboolean
done_reading (gpointer dialog)
{
  return !pm_import_dialog_is_reading (dialog);
}

static PmImportDialog *
open_dialog (PmDocument *document,
             const char *path)
{
  PmImportDialog *dialog = pm_import_dialog_new (NULL, document);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  pm_import_dialog_read_file (dialog, file);
  gtk_window_present (GTK_WINDOW (dialog));
  pm_test_wait_until (done_reading, dialog, 60);
  pm_test_drain_events (5);
  return dialog;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = find_button (child, label)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
import_dialog_shown (gpointer data)
{
  return pm_test_find_shown_toplevel (PM_TYPE_IMPORT_DIALOG) != NULL;
}

static guint
n_events (PmDocument *document)
{
  return g_list_model_get_n_items (pm_document_get_events (document));
}

static PmEvent *
event_with_text (PmDocument *document,
                 const char *text)
{
  GListModel *events = pm_document_get_events (document);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (pm_event_get_text (event), text) == 0)
        return event;  /* the document holds it */
    }
  g_error ("no event “%s”", text);
}

/* The labels in the list show the hostile text as it is, never as markup. */
static gboolean
has_label_with_text (GtkWidget  *root,
                     const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0 &&
          !gtk_label_get_use_markup (GTK_LABEL (child)))
        return TRUE;
      if (has_label_with_text (child, text))
        return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_transcript (void)
{
  g_autoptr(PmDocument) document = new_document ();
  g_autofree char *path = write_file ("ops.log", transcript);
  PmImportDialog *dialog = open_dialog (document, path);
  PmImportApplied applied;
  g_autoptr(GError) error = NULL;
  guint before = n_events (document);

  g_assert_null (pm_import_dialog_get_error (dialog));
  g_assert_cmpint (pm_import_dialog_get_format (dialog), ==, PM_IMPORT_FORMAT_TRANSCRIPT);
  g_assert_cmpuint (pm_import_dialog_get_n_messages (dialog), ==, 5);
  g_assert_cmpuint (pm_import_dialog_get_n_chosen (dialog), ==, 5);
  g_assert_true (has_label_with_text (GTK_WIDGET (dialog),
                                      "<b>disk</b> full on db-2 &amp; <script>alert(1)</script>"));
  g_assert_true (has_label_with_text (GTK_WIDGET (dialog), "2024-03-05 14:02:00"));

  /* The incident's window leaves out the evening; the text filter narrows further. */
  pm_import_dialog_set_window_only (dialog, TRUE);
  g_assert_cmpuint (pm_import_dialog_get_n_shown (dialog), ==, 4);
  pm_import_dialog_set_search (dialog, "ERRORS");
  g_assert_cmpuint (pm_import_dialog_get_n_shown (dialog), ==, 2);
  pm_import_dialog_set_search (dialog, "");
  g_assert_cmpuint (pm_import_dialog_get_n_chosen (dialog), ==, 4);

  /* Pinned: none in a transcript; back to all. */
  g_assert_true (pm_import_dialog_preselect (dialog, "pinned"));
  g_assert_cmpuint (pm_import_dialog_get_n_chosen (dialog), ==, 0);
  g_assert_true (pm_import_dialog_preselect (dialog, "all"));
  g_assert_cmpuint (pm_import_dialog_get_n_chosen (dialog), ==, 4);

  /* People become teams; an author not mapped stays. */
  g_assert_true (pm_import_dialog_set_team (dialog, "lena", "SRE"));
  g_assert_true (pm_import_dialog_set_team (dialog, "alertbot", "Monitoring"));
  g_assert_false (pm_import_dialog_set_team (dialog, "nobody", "X"));
  /* "lena" and "Lena" are one row. */
  g_assert_cmpuint (pm_test_count_widgets_of_type (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW), ==, 3);

  g_assert_true (pm_import_dialog_apply (dialog, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied.added, ==, 4);
  g_assert_cmpuint (n_events (document), ==, before + 4);
  g_assert_cmpstr (pm_event_get_actor (event_with_text (document, "API returns 500 errors for "
                                                        "all customers")), ==, "SRE");
  /* Mapped case-insensitively. */
  g_assert_cmpstr (pm_event_get_actor (event_with_text (document, "errors are gone, watching")),
                   ==, "SRE");
  g_assert_cmpstr (pm_event_get_actor (event_with_text (document, "rolled back the deploy")), ==,
                   "tom");

  /* Importing again adds nothing. */
  g_assert_true (pm_import_dialog_apply (dialog, &applied, &error));
  g_assert_cmpuint (applied.added, ==, 0);
  g_assert_cmpuint (applied.already, ==, 4);

  /* One undo step takes the first import back (the second added nothing). */
  pm_document_undo (document);
  g_assert_cmpuint (n_events (document), ==, before);
  g_assert_nonnull (pm_document_get_start (document));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_corpus (void)
{
  const char *corpus = g_getenv ("PM_CHAT_CORPUS");
  g_autofree char *path = NULL;
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(GError) error = NULL;
  PmImportDialog *dialog;
  PmImportApplied applied;

  g_assert_nonnull (corpus);
  path = g_build_filename (corpus, "slack", "hfaran-testarchive.zip", NULL);
  dialog = open_dialog (document, path);
  g_assert_null (pm_import_dialog_get_error (dialog));
  g_assert_cmpint (pm_import_dialog_get_format (dialog), ==, PM_IMPORT_FORMAT_SLACK);
  g_assert_cmpuint (pm_import_dialog_get_n_messages (dialog), ==, 147);
  g_assert_cmpuint (pm_import_dialog_get_n_shown (dialog), ==, 147);
  g_assert_true (has_label_with_text (GTK_WIDGET (dialog),
                                      "Left out: 11 system messages (joins, topics)"));

  /* No incident window without a start or end: the filter is not offered, all are shown. */
  g_assert_false (pm_import_dialog_preselect (dialog, "reaction:nosuch"));
  g_assert_true (pm_import_dialog_preselect (dialog, "reaction:botman"));
  g_assert_cmpuint (pm_import_dialog_get_n_chosen (dialog), ==, 1);

  g_assert_true (pm_import_dialog_apply (dialog, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied.added, ==, 1);
  g_assert_cmpuint (n_events (document), ==, 1);

  /* The folder reads the same. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_free (path);
  path = g_build_filename (corpus, "slack", "hfaran-testarchive", NULL);
  dialog = open_dialog (document, path);
  g_assert_cmpuint (pm_import_dialog_get_n_messages (dialog), ==, 147);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A CSV timeline goes through the same entry and is imported as before. */
static void
test_csv (void)
{
  g_autoptr(PmDocument) document = new_document ();
  g_autofree char *path = write_file ("timeline.csv",
                                      "time,actor,text,kind\n"
                                      "2024-03-05 14:00,CI,deploy started,trigger\n"
                                      "2024-03-05 14:10,SOC,alert fired,detection\n");
  PmImportDialog *dialog = open_dialog (document, path);
  PmImportApplied applied;
  g_autoptr(GError) error = NULL;

  g_assert_null (pm_import_dialog_get_error (dialog));
  g_assert_cmpint (pm_import_dialog_get_format (dialog), ==, PM_IMPORT_FORMAT_CSV);
  g_assert_nonnull (find_button (GTK_WIDGET (dialog), "Import CSV Timeline"));
  g_assert_true (pm_import_dialog_apply (dialog, &applied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (applied.added, ==, 2);
  g_assert_cmpstr (pm_event_get_actor (event_with_text (document, "alert fired")), ==, "SOC");
  pm_document_undo (document);
  g_assert_cmpuint (n_events (document), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_hostile (void)
{
  g_autoptr(PmDocument) document = new_document ();
  g_autofree char *path = write_file ("room.json",
                                      "{\"room_name\":\"ops\",\"messages\":[{\"type\":"
                                      "\"m.room.message\",\"sender\":\"@a:b\",\n\"content\":{");
  g_autofree char *missing = g_build_filename (tmp_dir, "missing.log", NULL);
  PmImportDialog *dialog = open_dialog (document, path);
  const char *message = pm_import_dialog_get_error (dialog);

  g_assert_nonnull (message);
  if (strstr (message, "room.json:2:") == NULL)
    g_error ("“%s” names no file and line", message);
  g_assert_true (has_label_with_text (GTK_WIDGET (dialog), message));
  g_assert_false (pm_import_dialog_apply (dialog, NULL, NULL));
  g_assert_cmpuint (n_events (document), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  dialog = open_dialog (document, missing);
  g_assert_nonnull (pm_import_dialog_get_error (dialog));
  g_assert_nonnull (strstr (pm_import_dialog_get_error (dialog), "missing.log"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Thousands of messages: read in the worker, the list stays a list view. */
static void
test_many (void)
{
  g_autoptr(PmDocument) document = new_document ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  PmImportDialog *dialog;
  gint64 start;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (text, "[%02u:%02u] <user%u> message number %u\n", (i / 60) % 24,
                            i % 60, i % 37, i);
  path = write_file ("many.log", text->str);
  start = g_get_monotonic_time ();
  dialog = open_dialog (document, path);
  g_test_message ("read and listed 20000 messages in %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_null (pm_import_dialog_get_error (dialog));
  g_assert_cmpuint (pm_import_dialog_get_n_messages (dialog), ==, 20000);
  /* Only the rows in view are built. */
  g_assert_cmpuint (pm_test_count_widgets_of_type (GTK_WIDGET (dialog), GTK_TYPE_CHECK_BUTTON),
                    <, 500);

  start = g_get_monotonic_time ();
  pm_import_dialog_set_search (dialog, "number 1999");
  g_test_message ("searched in %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpuint (pm_import_dialog_get_n_shown (dialog), ==, 11);
  start = g_get_monotonic_time ();
  g_assert_true (pm_import_dialog_preselect (dialog, "pinned"));
  g_test_message ("pre-selected in %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_cmpuint (pm_import_dialog_get_n_chosen (dialog), ==, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Cancel while reading: the dialog goes at once, the worker's result is dropped. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    GtkWidget *cancel;

    dialog = pm_import_dialog_new (NULL, document);
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    pm_import_dialog_read_file (dialog, file);
    gtk_window_present (GTK_WINDOW (dialog));
    g_assert_true (pm_import_dialog_is_reading (dialog));
    cancel = pm_test_find_widget_with_action (GTK_WIDGET (dialog), "window.close");
    g_assert_nonnull (cancel);
    g_signal_emit_by_name (cancel, "clicked");
    pm_test_iterate (20);
    g_assert_null (pm_test_find_shown_toplevel (PM_TYPE_IMPORT_DIALOG));
    /* The worker finishes into nothing, and lets the dialog go. */
    pm_test_wait_until (is_null, &dialog, 30);
  }
}

static void
test_paste (void)
{
  g_autoptr(PmDocument) document = new_document ();
  GtkWidget *window = gtk_window_new ();
  PmTimelinePage *page = PM_TIMELINE_PAGE (pm_timeline_page_new ());
  GtkWidget *entry;
  PmImportDialog *dialog;
  PmImportApplied applied;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  pm_timeline_page_set_document (page, document);
  gtk_window_present (GTK_WINDOW (window));
  pm_test_drain_events (5);
  entry = pm_test_find_widget_of_type (GTK_WIDGET (page), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);

  /* One line: into the field, as before. */
  g_assert_null (pm_timeline_page_paste_text (page, "14:10 lena: paged the DBA\n"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "14:10 lena: paged the DBA");

  /* Several: the preview, as a transcript on the incident's day. */
  dialog = pm_timeline_page_paste_text (page, transcript);
  g_assert_nonnull (dialog);
  pm_test_wait_until (done_reading, dialog, 60);
  g_assert_null (pm_import_dialog_get_error (dialog));
  g_assert_cmpint (pm_import_dialog_get_format (dialog), ==, PM_IMPORT_FORMAT_TRANSCRIPT);
  g_assert_cmpuint (pm_import_dialog_get_n_messages (dialog), ==, 5);
  g_assert_true (pm_import_dialog_apply (dialog, &applied, NULL));
  g_assert_cmpuint (n_events (document), ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "14:10 lena: paged the DBA");

  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The field's own paste (Ctrl+V, the context menu) goes the same way. */
  gdk_clipboard_set_text (gtk_widget_get_clipboard (entry), transcript);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "paste-clipboard");
  pm_test_wait_until (import_dialog_shown, NULL, 10);
  dialog = PM_IMPORT_DIALOG (pm_test_find_shown_toplevel (PM_TYPE_IMPORT_DIALOG));
  pm_test_wait_until (done_reading, dialog, 60);
  g_assert_cmpuint (pm_import_dialog_get_n_messages (dialog), ==, 5);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "14:10 lena: paged the DBA");
  gtk_window_destroy (GTK_WINDOW (dialog));

  gdk_clipboard_set_text (gtk_widget_get_clipboard (entry), " again");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "paste-clipboard");
  pm_test_iterate (20);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "14:10 lena: paged the DBA again");
  g_assert_null (pm_test_find_shown_toplevel (PM_TYPE_IMPORT_DIALOG));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file dropped on the Timeline page opens the preview; on another page it is opened as a
 * postmortem (and refused), as before. */
static void
test_drop (void)
{
  g_autofree char *example = pm_test_example_path ();
  g_autofree char *path = write_file ("dropped.log", transcript);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GSList files = { file, NULL };
  PmWindow *window = pm_test_open_in_app (app, example);
  PmImportDialog *dialog;

  g_assert_nonnull (window);
  adw_view_stack_set_visible_child_name (window->view_stack, "timeline");
  pm_test_iterate (20);
  g_assert_nonnull (window->timeline_page);

  _pm_window_drop_files (window, &files);
  pm_test_wait_until (import_dialog_shown, NULL, 10);
  dialog = PM_IMPORT_DIALOG (pm_test_find_shown_toplevel (PM_TYPE_IMPORT_DIALOG));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  pm_test_wait_until (done_reading, dialog, 60);
  g_assert_cmpuint (pm_import_dialog_get_n_messages (dialog), ==, 5);

  /* Its button adds them, closes it and leaves a toast in the window. */
  {
    guint before = g_list_model_get_n_items (pm_document_get_events (window->document));
    GtkWidget *button = find_button (GTK_WIDGET (dialog), "Import 5 Events");

    g_assert_nonnull (button);
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
    g_signal_emit_by_name (button, "clicked");
    pm_test_iterate (20);
    g_assert_null (pm_test_find_shown_toplevel (PM_TYPE_IMPORT_DIALOG));
    g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (window->document)), ==,
                      before + 5);
    pm_test_wait_until (is_null, &dialog, 10);
  }

  adw_view_stack_set_visible_child_name (window->view_stack, "overview");
  pm_test_iterate (20);
  _pm_window_drop_files (window, &files);
  pm_test_wait_until (pm_test_nothing_loading, app, 10);
  pm_test_iterate (20);
  g_assert_null (pm_test_find_shown_toplevel (PM_TYPE_IMPORT_DIALOG));
  pm_test_destroy_all_windows ();
}

/* ------------------------------------------------------------------------------------------ */
/* Looking at it                                                                               */
/* ------------------------------------------------------------------------------------------ */

static int
look (const char *what)
{
  g_autoptr(PmDocument) document = new_document ();
  g_autofree char *path = NULL;
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  PmImportDialog *dialog;
  g_autoptr(GFile) file = NULL;
  const char *width = g_getenv ("PM_IMPORT_DIALOG_WIDTH");

  if (g_str_equal (what, "corpus"))
    path = g_build_filename (g_getenv ("PM_CHAT_CORPUS"), "slack", "hfaran-testarchive.zip", NULL);
  else if (g_str_equal (what, "error"))
    path = write_file ("room.json", "{\"room_name\":\"ops\",\"messages\":[{\"type\":\n");
  else
    path = write_file ("ops.log", transcript);
  file = g_file_new_for_path (path);
  dialog = pm_import_dialog_new (NULL, document);
  if (width != NULL)
    gtk_window_set_default_size (GTK_WINDOW (dialog), atoi (width), 640);
  pm_import_dialog_read_file (dialog, file);
  gtk_window_present (GTK_WINDOW (dialog));
  g_object_unref (g_object_ref_sink (parent));
  if (g_getenv ("PM_IMPORT_DIALOG_PAGE") != NULL)
    {
      pm_test_wait_until (done_reading, dialog, 60);
      adw_view_stack_set_visible_child_name (
        ADW_VIEW_STACK (pm_test_find_widget_of_type (GTK_WIDGET (dialog), ADW_TYPE_VIEW_STACK)),
        g_getenv ("PM_IMPORT_DIALOG_PAGE"));
    }
  if (g_getenv ("PM_IMPORT_DIALOG_REACTION") != NULL)
    {
      pm_test_wait_until (done_reading, dialog, 60);
      pm_import_dialog_preselect (dialog, g_getenv ("PM_IMPORT_DIALOG_REACTION"));
    }
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *what = g_getenv ("PM_IMPORT_DIALOG_LOOK");
  int ret;

  tmp_dir = pm_test_make_private_dirs ("pmortem-import-ui-XXXXXX");
  pm_test_init (&argc, &argv);
  if (what != NULL)
    return look (what);
  app = pm_test_register_application ();

  g_test_add_func ("/ui/import/transcript", test_transcript);
  g_test_add_func ("/ui/import/corpus", test_corpus);
  g_test_add_func ("/ui/import/csv", test_csv);
  g_test_add_func ("/ui/import/hostile", test_hostile);
  g_test_add_func ("/ui/import/many", test_many);
  g_test_add_func ("/ui/import/paste", test_paste);
  g_test_add_func ("/ui/import/drop", test_drop);

  ret = g_test_run ();
  pm_test_destroy_all_windows ();
  g_clear_object (&app);
  pm_test_remove_recursively (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
