/* test-publish-dialog.c — the Publish dialog is built from its template, previews what the
 * choices ask for, and prints the same pages as the PDF
 *
 * Needs a display (run under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pm-document-format.h"
#include "pm-pdf-writer.h"
#include "pm-publish-dialog.h"
#include "pm-window.h"
#include "ui-test-util.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static PmDocument *
load_example (void)
{
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(GError) error = NULL;
  PmDocument *document = pm_document_load_from_file (path, &error);

  g_assert_no_error (error);
  return document;
}

/* Unlike pm_test_wait_until_mapped(), each iteration may block until something is ready. */
static void
wait_until_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gtk_widget_get_mapped (widget));
  pm_test_drain_events (1);
}

/* The first widget of @type under @root whose title (rows) or label (buttons) is @title. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *text = NULL;

      if (ADW_IS_PREFERENCES_ROW (root))
        text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      else if (GTK_IS_BUTTON (root))
        text = gtk_button_get_label (GTK_BUTTON (root));
      if (title == NULL || g_strcmp0 (text, title) == 0)
        return root;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_widgets (GtkWidget *root,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) && gtk_widget_get_visible (root) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child; child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);
  return n;
}

static void
select_row (PmPublishDialog *dialog,
            const char      *title,
            guint            position)
{
  GtkWidget *row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, title);

  g_assert_nonnull (row);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), position);
  pm_test_drain_events (1);
}

/* The number of pages of a PDF file, from its page objects. */
static guint
pdf_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  for (gsize i = 0; i + 11 <= length; i++)
    if (memcmp (contents + i, "/Type /Page", 11) == 0 && contents[i + 11] != 's')
      n++;
  return n;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_builds_and_previews (void)
{
  g_autoptr(PmDocument) document = load_example ();
  PmPublishDialog *dialog = pm_publish_dialog_new (document, NULL);
  GtkWidget *save, *print;
  guint n_pages;

  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_mapped (GTK_WIDGET (dialog));

  /* Every choice of the command line is there, and both ways out. */
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Document"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Format"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Language"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Paper"));
  save = find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Save…");
  print = find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "Print…");
  g_assert_nonnull (save);
  g_assert_nonnull (print);
  g_assert_true (gtk_widget_get_sensitive (save));

  /* The full protocol: several pages, each previewed as a picture. */
  n_pages = _pm_publish_dialog_get_n_pages (dialog);
  g_assert_cmpuint (n_pages, >, 4);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (dialog), GTK_TYPE_PICTURE), ==, MIN (n_pages, 12));

  /* The summary: one page. */
  select_row (dialog, "Document", 1);
  g_assert_cmpuint (_pm_publish_dialog_get_n_pages (dialog), ==, 1);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (dialog), GTK_TYPE_PICTURE), ==, 1);

  /* Markdown: the text, no pages; the paper does not apply. */
  select_row (dialog, "Format", 1);
  {
    g_autofree char *markdown = _pm_publish_dialog_dup_markdown (dialog);
    GtkWidget *paper = find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "Paper");

    g_assert_nonnull (markdown);
    g_assert_true (g_str_has_prefix (markdown, "# Leaked CI deploy key"));
    g_assert_nonnull (strstr (markdown, "## Decisions and attention needed"));
    g_assert_cmpuint (_pm_publish_dialog_get_n_pages (dialog), ==, 0);
    g_assert_false (gtk_widget_get_sensitive (paper));
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  pm_test_drain_events (1);
}

/* Print draws the pages of the PDF writer: printed to a file, they are the same pages. */
static void
test_print_matches_pdf (void)
{
  g_autoptr(PmDocument) document = load_example ();
  PmPublishDialog *dialog = pm_publish_dialog_new (document, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pm-publish-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "printed.pdf", NULL);

  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until_mapped (GTK_WIDGET (dialog));
  select_row (dialog, "Paper", 0);

  for (guint kind = 0; kind < 2; kind++)
    {
      select_row (dialog, "Document", kind);
      g_assert_true (_pm_publish_dialog_print_to_file (dialog, path, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (pdf_pages (path), ==, _pm_publish_dialog_get_n_pages (dialog));
      g_unlink (path);
    }

  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pm_test_drain_events (1);
}

/* The window offers Publish when it has a document: a header button and win.publish. */
static void
test_window_action (void)
{
  g_autoptr(PmDocument) document = load_example ();
  PmWindow *window = pm_window_new (NULL);
  GtkWidget *button;

  pm_window_set_document (window, document, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  wait_until_mapped (GTK_WIDGET (window));

  /* The header button, found by its action */
  button = find_action_button (GTK_WIDGET (window), "win.publish");
  g_assert_nonnull (button);
  g_assert_nonnull (gtk_widget_get_tooltip_text (button));
  g_assert_true (gtk_widget_get_sensitive (button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.publish", NULL));
  pm_test_drain_events (1);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

        if (PM_IS_PUBLISH_DIALOG (item))
          dialog = GTK_WINDOW (item);
      }
    g_assert_nonnull (dialog);
    g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
    gtk_window_destroy (dialog);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  pm_test_drain_events (1);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  pm_test_init (&argc, &argv);

  g_test_add_func ("/publish-dialog/builds-and-previews", test_builds_and_previews);
  g_test_add_func ("/publish-dialog/print-matches-pdf", test_print_matches_pdf);
  g_test_add_func ("/publish-dialog/window-action", test_window_action);

  return g_test_run ();
}
