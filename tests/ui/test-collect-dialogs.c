/* test-collect-dialogs.c — display tests for participants' copies: preparing them, the strip a
 * copy shows, collecting copies into the window's document, the summary, and deciding
 * conflicts and possible duplicates side by side
 *
 * Runs under Xvfb like test-window.c. The file choosers are left out here (the end-to-end test
 * drives them); the tests call what their responses call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pm-application.h"
#include "pm-collect-actions.h"
#include "pm-collect-bar.h"
#include "pm-document-format.h"
#include "pm-merge.h"
#include "pm-merge-review-dialog.h"
#include "pm-participant-copy.h"
#include "pm-prepare-copies-dialog.h"
#include "pm-window-private.h"
#include "ui-test-util.h"

static PmApplication *app;
static char *tmp_dir;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* The first GtkButton under @root whose label is @label (with its mnemonic). */
static GtkWidget *find_button (GtkWidget *root, const char *label);
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

/* The info bars of the window's copy strip: the copy's, then the decisions'. */
static GtkWidget *
strip (PmWindow *window,
       guint     which)
{
  GtkWidget *bar = pm_test_find_widget_of_type (GTK_WIDGET (window), PM_TYPE_COLLECT_BAR);
  GtkWidget *child;

  g_assert_nonnull (bar);
  child = gtk_widget_get_first_child (bar);
  if (which == 1)
    child = gtk_widget_get_next_sibling (child);
  g_assert_true (GTK_IS_INFO_BAR (child));
  return child;
}

static char *
strip_text (PmWindow *window,
            guint     which)
{
  GtkWidget *label = pm_test_find_widget_of_type (strip (window, which), GTK_TYPE_LABEL);

  return g_strdup (gtk_label_get_text (GTK_LABEL (label)));
}

/* The example, copied to @name in the private folder (the window may save it). */
static char *
example_copy (const char *name)
{
  g_autofree char *source = pm_test_example_path ();
  g_autofree char *contents = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static void
save (PmDocument *document,
      const char *path)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pm_document_save_to_file (document, path, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_prepare_dialog (void)
{
  g_autofree char *path = example_copy ("prepare.pmortem");
  g_autofree char *folder_path = g_build_filename (tmp_dir, "copies", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  PmWindow *window = pm_test_open_in_app (app, path);
  PmPrepareCopiesDialog *dialog;
  g_auto(GStrv) chosen = NULL;

  g_assert_nonnull (window);

  /* The window action opens the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.prepare-copies", NULL));
  pm_test_iterate (50);
  dialog = NULL;
  {
    g_autoptr(GList) windows = gtk_window_list_toplevels ();

    for (GList *l = windows; l != NULL; l = l->next)
      if (PM_IS_PREPARE_COPIES_DIALOG (l->data))
        dialog = l->data;
  }
  g_assert_nonnull (dialog);

  /* Everyone but the moderator, at first. */
  chosen = pm_prepare_copies_dialog_dup_chosen (dialog);
  g_assert_cmpuint (g_strv_length (chosen), ==, 8);
  g_assert_false (g_strv_contains ((const char * const *) chosen, "p-amara"));
  g_assert_cmpuint (pm_test_count_widgets_of_type (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW), ==, 9);

  for (guint i = 0; chosen[i] != NULL; i++)
    pm_prepare_copies_dialog_set_chosen (dialog, chosen[i], FALSE);
  /* Nothing chosen, nothing to write. */
  g_assert_false (gtk_widget_get_sensitive (find_button (GTK_WIDGET (dialog), "Write Copies…")));
  pm_prepare_copies_dialog_set_chosen (dialog, "p-tomasz", TRUE);
  pm_prepare_copies_dialog_set_chosen (dialog, "p-mei", TRUE);
  g_assert_true (gtk_widget_get_sensitive (find_button (GTK_WIDGET (dialog), "Write Copies…")));

  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  g_assert_true (pm_prepare_copies_dialog_write_to (dialog, folder, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (written->len, ==, 2);
  {
    g_autofree char *name = g_file_get_basename (written->pdata[0]);

    g_assert_true (g_str_has_suffix (name, "Tomasz Wiśniewski.pmortem"));
  }

  /* A second round never replaces what is there (it may be a returned copy). */
  g_assert_true (pm_prepare_copies_dialog_write_to (dialog, folder, &again, &error));
  {
    g_autofree char *name = g_file_get_basename (again->pdata[0]);

    g_assert_true (g_str_has_suffix (name, "Tomasz Wiśniewski (2).pmortem"));
  }

  /* A folder that cannot be written says so, naming the participant. */
  {
    g_autofree char *file_path = g_build_filename (tmp_dir, "plain-file", NULL);
    g_autofree char *below = g_build_filename (file_path, "sub", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (below);
    g_autoptr(GPtrArray) none = NULL;

    g_assert_true (g_file_set_contents (file_path, "x", 1, NULL));
    g_assert_false (pm_prepare_copies_dialog_write_to (dialog, bad, &none, &error));
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "Tomasz"));
    g_assert_cmpuint (none->len, ==, 0);
    g_clear_error (&error);
  }

  /* The main document only remembers the copies (who they are for, their tokens' digests), to
   * be saved with it. */
  g_assert_true (pm_document_get_modified (pm_window_get_document (window)));
  g_assert_nonnull (pm_participant_copy_get_prepared (pm_window_get_document (window)));
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (pm_window_get_document (window))),
                    >, 0);
  pm_test_destroy_all_windows ();
}

static void
test_copy_strip_and_collect (void)
{
  g_autofree char *path = example_copy ("main.pmortem");
  g_autofree char *folder_path = g_build_filename (tmp_dir, "round", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GPtrArray) written = NULL;
  g_autoptr(GError) error = NULL;
  PmWindow *window = pm_test_open_in_app (app, path);
  PmDocument *document = pm_window_get_document (window);
  PmPrepareCopiesDialog *dialog;
  guint n_before = g_list_model_get_n_items (pm_document_get_events (document));
  g_autofree char *copy_paths[2] = { NULL, NULL };
  AdwMessageDialog *summary;
  g_autofree char *text = NULL;

  /* No strip in the moderator's document. */
  g_assert_false (gtk_widget_get_visible (strip (window, 0)));
  g_assert_false (gtk_widget_get_visible (strip (window, 1)));

  dialog = pm_prepare_copies_dialog_new (GTK_WINDOW (window), document);
  {
    g_auto(GStrv) chosen = pm_prepare_copies_dialog_dup_chosen (dialog);

    for (guint i = 0; chosen[i] != NULL; i++)
      pm_prepare_copies_dialog_set_chosen (dialog, chosen[i], FALSE);
  }
  pm_prepare_copies_dialog_set_chosen (dialog, "p-tomasz", TRUE);
  pm_prepare_copies_dialog_set_chosen (dialog, "p-mei", TRUE);
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  g_assert_true (pm_prepare_copies_dialog_write_to (dialog, folder, &written, &error));
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* The document remembers the copies; the moderator saves it. */
  g_assert_true (pm_document_get_modified (document));
  pm_document_mark_saved (document);
  copy_paths[0] = g_file_get_path (written->pdata[0]);
  copy_paths[1] = g_file_get_path (written->pdata[1]);

  /* Each participant opens their copy: the strip says whose it is, and what they add is theirs. */
  for (guint i = 0; i < 2; i++)
    {
      PmWindow *copy_window = pm_test_open_in_app (app, copy_paths[i]);
      PmDocument *copy = pm_window_get_document (copy_window);
      g_autoptr(PmEvent) event = pm_event_new (i == 0 ? "ev-tomasz-1" : "ev-mei-1");
      g_autoptr(PmEvent) first = NULL;
      g_autofree char *copy_text = strip_text (copy_window, 0);

      g_assert_true (gtk_widget_get_visible (strip (copy_window, 0)));
      g_assert_nonnull (strstr (copy_text, i == 0 ? "This copy is for Tomasz Wiśniewski" : "This copy is for Mei"));
      g_object_set (event, "text", i == 0 ? "I saw the key in the build log and told nobody"
                                          : "The on-call phone rang twice before anyone answered",
                    "actor", i == 0 ? "CI/Platform" : "Operations", NULL);
      pm_document_add_event (copy, event);
      g_assert_cmpstr (pm_event_get_contributor (event), ==, i == 0 ? "p-tomasz" : "p-mei");
      /* Both tell the first event (Tomasz's) differently. */
      first = g_list_model_get_item (pm_document_get_events (copy), 0);
      pm_document_set (copy, first, "text", i == 0 ? "Told by Tomasz" : "Told by Mei", NULL);
      save (copy, copy_paths[i]);
      gtk_window_destroy (GTK_WINDOW (copy_window));
      pm_test_iterate (50);
    }

  /* Collected in the moderator's window: one summary, one undo step. */
  {
    GFile *files[2] = { g_file_new_for_path (copy_paths[0]), g_file_new_for_path (copy_paths[1]) };

    summary = pm_collect_actions_collect_files (window, files, 2);
    g_object_unref (files[0]);
    g_object_unref (files[1]);
  }
  pm_test_iterate (50);
  g_assert_cmpstr (adw_message_dialog_get_heading (summary), ==, "Events Collected");
  text = g_strdup (adw_message_dialog_get_body (summary));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "From 2 copies:"));
  /* The first event is Tomasz's: his telling is taken, Mei-Lin's is proposed. */
  g_assert_nonnull (strstr (text, "Tomasz Wiśniewski: 1 new event, 0 proposals"));
  g_assert_nonnull (strstr (text, "Mei-Lin Chen: 1 new event, 1 proposal"));
  g_assert_nonnull (strstr (text, "their own events: 1 changed, 0 deleted"));
  g_assert_nonnull (strstr (text, "1 proposed change to other people’s work"));
  g_assert_true (adw_message_dialog_has_response (summary, "decide"));
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (document)), ==, n_before + 2);
  gtk_window_destroy (GTK_WINDOW (summary));

  /* The strip offers the decisions. */
  pm_test_iterate (50);
  g_assert_true (gtk_widget_get_visible (strip (window, 1)));
  {
    g_autofree char *decide = strip_text (window, 1);

    g_assert_cmpstr (decide, ==, "1 proposal to decide");
  }

  /* Side by side: accept; undo brings the proposal back; reject. */
  {
    PmMergeReviewDialog *review = pm_merge_review_dialog_new (GTK_WINDOW (window), document);
    GtkWidget *accept;
    g_autoptr(PmEvent) first = g_list_model_get_item (pm_document_get_events (document), 0);

    gtk_window_present (GTK_WINDOW (review));
    pm_test_iterate (50);
    g_assert_cmpstr (pm_event_get_text (first), ==, "Told by Tomasz");
    g_assert_nonnull (find_button (GTK_WIDGET (review), "Accept All"));
    g_assert_nonnull (find_button (GTK_WIDGET (review), "Reject All"));
    accept = find_button (GTK_WIDGET (review), "Accept");
    g_assert_nonnull (accept);
    g_signal_emit_by_name (accept, "clicked");
    pm_test_iterate (50);
    g_assert_cmpstr (pm_event_get_text (first), ==, "Told by Mei");
    g_assert_null (pm_merge_get_conflicts (document));
    g_assert_null (find_button (GTK_WIDGET (review), "Accept"));
    g_assert_false (gtk_widget_get_visible (strip (window, 1)));

    pm_document_undo (document);
    pm_test_iterate (50);
    g_assert_cmpstr (pm_event_get_text (first), ==, "Told by Tomasz");
    g_assert_nonnull (find_button (GTK_WIDGET (review), "Reject"));
    g_signal_emit_by_name (find_button (GTK_WIDGET (review), "Reject"), "clicked");
    pm_test_iterate (50);
    g_assert_cmpstr (pm_event_get_text (first), ==, "Told by Tomasz");
    g_assert_null (pm_merge_get_conflicts (document));

    /* Accept All from Mei-Lin, after undoing the rejection: one step. */
    pm_document_undo (document);
    pm_test_iterate (50);
    g_signal_emit_by_name (find_button (GTK_WIDGET (review), "Accept All"), "clicked");
    pm_test_iterate (50);
    g_assert_cmpstr (pm_event_get_text (first), ==, "Told by Mei");
    g_assert_cmpstr (pm_undo_stack_get_undo_label (pm_document_get_undo_stack (document)), ==,
                     "Accept Proposals");
    pm_document_undo (document);
    pm_test_iterate (50);
    g_assert_cmpstr (pm_event_get_text (first), ==, "Told by Tomasz");
    gtk_window_destroy (GTK_WINDOW (review));
  }

  /* Undoing everything takes the whole collection back. */
  while (pm_document_undo (document))
    ;
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (document)), ==, n_before);
  g_assert_false (pm_document_get_modified (document));
  pm_test_destroy_all_windows ();
}

static void
test_review_dialog_duplicates (void)
{
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  const char json[] =
    "{\"format\": \"pmortem\", \"format_version\": 1, \"min_reader_version\": 1,\n"
    " \"postmortem\": {\"title\": \"t\"},\n"
    " \"events\": [{\"id\": \"ev-1\", \"time\": \"2024-10-26T04:00:00+02:00\", \"precision\": \"minute\", \"text\": \"Customer called the hotline\"},\n"
    "  {\"id\": \"ev-2\", \"time\": \"2024-10-26T04:02:00+02:00\", \"precision\": \"minute\", \"text\": \"A customer called our hotline\"}],\n"
    " \"merge_conflicts\": [{\"kind\": \"measure\", \"id\": \"m-9\", \"member\": \"title\", \"ours\": \"A\", \"theirs\": \"B\"}],\n"
    " \"duplicate_suggestions\": [{\"a\": \"ev-1\", \"b\": \"ev-2\"}]}\n";
  PmMergeReviewDialog *review;
  GtkWidget *keep_that;

  document = pm_document_load_from_data (json, strlen (json), "t", &error);
  g_assert_no_error (error);
  review = pm_merge_review_dialog_new (NULL, document);
  gtk_window_present (GTK_WINDOW (review));
  pm_test_iterate (50);

  /* A conflict the dialog cannot take over offers Keep This only. */
  keep_that = find_button (GTK_WIDGET (review), "Keep That");
  g_assert_nonnull (keep_that);
  g_assert_false (gtk_widget_get_sensitive (keep_that));
  /* (Keep Both is there once: for the possible duplicate.) */
  g_assert_nonnull (find_button (GTK_WIDGET (review), "Keep This"));

  g_signal_emit_by_name (find_button (GTK_WIDGET (review), "Merge"), "clicked");
  pm_test_iterate (50);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (document)), ==, 1);
  g_assert_null (find_button (GTK_WIDGET (review), "Merge"));
  g_signal_emit_by_name (find_button (GTK_WIDGET (review), "Keep This"), "clicked");
  pm_test_iterate (50);
  /* Nothing left: the empty state. */
  {
    GtkWidget *stack = pm_test_find_widget_of_type (GTK_WIDGET (review), GTK_TYPE_STACK);

    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  }
  pm_document_undo (document);
  pm_test_iterate (50);
  g_assert_nonnull (find_button (GTK_WIDGET (review), "Keep This"));
  gtk_window_destroy (GTK_WINDOW (review));
  pm_test_destroy_all_windows ();
}

static void
test_invalid_copy_in_summary (void)
{
  g_autofree char *path = example_copy ("invalid-main.pmortem");
  g_autofree char *broken = g_build_filename (tmp_dir, "broken copy.pmortem", NULL);
  PmWindow *window = pm_test_open_in_app (app, path);
  g_autoptr(GFile) file = g_file_new_for_path (broken);
  AdwMessageDialog *summary;

  g_assert_true (g_file_set_contents (broken, "{\"format\": \"pmortem\", \"format_version\": 1,\n\"x\"", -1, NULL));
  summary = pm_collect_actions_collect_files (window, &file, 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (summary), ==, "Nothing Collected");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (summary), "1 file skipped:"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (summary), "• "));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (summary), "broken copy.pmortem:"));
  g_assert_false (pm_document_get_modified (pm_window_get_document (window)));
  pm_test_destroy_all_windows ();
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = pm_test_make_private_dirs ("pmortem-collect-ui-XXXXXX");
  pm_test_init (&argc, &argv);
  app = pm_test_register_application ();

  g_test_add_func ("/ui/collect/prepare-dialog", test_prepare_dialog);
  g_test_add_func ("/ui/collect/strip-and-collect", test_copy_strip_and_collect);
  g_test_add_func ("/ui/collect/review-duplicates", test_review_dialog_duplicates);
  g_test_add_func ("/ui/collect/invalid-copy", test_invalid_copy_in_summary);

  ret = g_test_run ();

  pm_test_destroy_all_windows ();
  g_clear_object (&app);
  return ret;
}
