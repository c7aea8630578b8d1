/* test-trends-window.c — display tests for the Trends window
 *
 * Opens a folder of postmortems (copies of the bundled example moved to other years, and a
 * broken file), waits for the worker thread, and looks for the figures and the skipped file on
 * screen; then changes the folder and waits for the window to follow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pm-application.h"
#include "pm-start-page.h"
#include "pm-trends-window.h"
#include "pm-window.h"
#include "ui-test-util.h"

static PmApplication *app;
static char *tmp_dir;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* The first widget of @type under @root whose text (label, row title or button label) contains
 * @text. */
static GtkWidget *
find_widget_showing (GtkWidget  *root,
                     GType       type,
                     const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          const char *shown = NULL;

          if (GTK_IS_LABEL (child))
            shown = gtk_label_get_text (GTK_LABEL (child));
          else if (ADW_IS_PREFERENCES_ROW (child))
            shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));
          else if (GTK_IS_BUTTON (child))
            shown = gtk_button_get_label (GTK_BUTTON (child));
          if (shown != NULL && strstr (shown, text) != NULL)
            return child;
        }
      if ((found = find_widget_showing (child, type, text)) != NULL)
        return found;
    }
  return NULL;
}

/* The bundled example moved to @year (every date in it: the example is from 2024). */
static void
write_example (const char *folder,
               const char *name,
               int         year)
{
  g_autofree char *example = pm_test_example_path ();
  g_autofree char *contents = NULL;
  g_autofree char *target = g_strdup_printf ("%d-", year);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *moved = NULL;

  g_file_get_contents (example, &contents, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (contents, "2024-", -1);
  moved = g_strjoinv (target, parts);
  g_file_set_contents (path, moved, -1, &error);
  g_assert_no_error (error);
}

static gboolean
trends_ready (gpointer data)
{
  PmTrendsWindow *window = data;

  return !pm_trends_window_get_loading (window) && pm_trends_window_get_trends (window) != NULL;
}

typedef struct
{
  PmTrendsWindow *window;
  guint           n;
} Expect;

static gboolean
has_n_incidents (gpointer data)
{
  Expect *expect = data;
  PmTrends *trends = pm_trends_window_get_trends (expect->window);

  return !pm_trends_window_get_loading (expect->window) && trends != NULL &&
         pm_trends_get_n_incidents (trends) == expect->n;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static gboolean
grouped_by_quarter (gpointer data)
{
  PmTrends *trends = pm_trends_window_get_trends (data);

  return !pm_trends_window_get_loading (data) && trends != NULL &&
         pm_trends_get_grouping (trends) == PM_TRENDS_BY_QUARTER;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* Whether any menu button under @root has a menu with @action. */
static gboolean
menus_have_action (GtkWidget  *root,
                   const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)) != NULL &&
          menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child)), action))
        return TRUE;
      if (menus_have_action (child, action))
        return TRUE;
    }
  return FALSE;
}

static PmTrendsWindow *
find_trends_window (void)
{
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (PM_IS_TRENDS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_open_from_app (void)
{
  GtkWidget *start_page = g_object_ref_sink (pm_start_page_new ());
  PmWindow *window = pm_window_new (GTK_APPLICATION (app));
  PmTrendsWindow *trends_window;

  /* The start page and the primary menu both lead to app.trends. */
  g_assert_nonnull (pm_test_find_widget_with_action (start_page, "app.trends"));
  g_assert_true (menus_have_action (GTK_WIDGET (window), "app.trends"));
  g_object_unref (start_page);

  g_action_group_activate_action (G_ACTION_GROUP (app), "trends", NULL);
  pm_test_iterate (50);
  trends_window = find_trends_window ();
  g_assert_nonnull (trends_window);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (trends_window)));
  g_assert_null (pm_trends_window_get_trends (trends_window));
  /* A second time brings the same window forward. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "trends", NULL);
  pm_test_iterate (50);
  g_assert_true (find_trends_window () == trends_window);

  /* Before a folder: the invitation to choose one, reading again disabled. */
  g_assert_nonnull (pm_test_find_widget_with_action (GTK_WIDGET (trends_window), "trends.choose-folder"));
  g_assert_false (gtk_widget_is_sensitive (pm_test_find_widget_with_action (GTK_WIDGET (trends_window),
                                                                            "trends.reload")));
  g_assert_false (gtk_widget_is_sensitive (pm_test_find_widget_with_action (GTK_WIDGET (trends_window),
                                                                            "trends.save-report")));
  pm_test_destroy_all_windows ();
}

static void
test_folder (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "postmortems", NULL);
  g_autofree char *broken = g_build_filename (folder, "broken.pmortem", NULL);
  g_autofree char *sub = g_build_filename (folder, "older", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  PmTrendsWindow *window = PM_TRENDS_WINDOW (pm_trends_window_new (GTK_APPLICATION (app)));
  PmTrends *trends;
  GtkWidget *row;
  Expect expect = { window, 0 };

  g_mkdir_with_parents (sub, 0700);
  write_example (folder, "2022.pmortem", 2022);
  write_example (folder, "2023.pmortem", 2023);
  write_example (sub, "2021.pmortem", 2021);
  g_file_set_contents (broken, "{ \"format\": \"pmortem\",", -1, NULL);

  gtk_window_present (GTK_WINDOW (window));
  pm_trends_window_set_folder (window, file);
  g_assert_true (pm_trends_window_get_loading (window));
  pm_test_wait_until (trends_ready, window, 20);
  pm_test_iterate (50);

  /* The figures */
  trends = pm_trends_window_get_trends (window);
  g_assert_cmpuint (pm_trends_get_n_incidents (trends), ==, 3);
  g_assert_cmpuint (pm_trends_get_n_periods (trends), ==, 3);
  g_assert_cmpstr (pm_trends_get_period (trends, 0)->key, ==, "2021");
  g_assert_cmpuint (pm_trends_get_n_skipped (trends), ==, 1);
  g_assert_cmpuint (pm_trends_get_n_repeats (trends), >, 0);
  g_assert_true (gtk_widget_is_sensitive (pm_test_find_widget_with_action (GTK_WIDGET (window), "trends.reload")));

  /* … on screen: the summary, the skipped file with its reason, four charts, the tables. */
  g_assert_nonnull (find_widget_showing (GTK_WIDGET (window), GTK_TYPE_LABEL, "3 postmortems from 2021 to 2023"));
  row = find_widget_showing (GTK_WIDGET (window), ADW_TYPE_ACTION_ROW, "broken.pmortem");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "broken.pmortem:1:"));
  g_assert_cmpuint (pm_test_count_widgets_of_type (GTK_WIDGET (window), GTK_TYPE_DRAWING_AREA), ==, 4);
  g_assert_nonnull (find_widget_showing (GTK_WIDGET (window), GTK_TYPE_LABEL, "Incidents per year"));
  g_assert_nonnull (find_widget_showing (GTK_WIDGET (window), GTK_TYPE_LABEL, "Done within due date"));
  g_assert_nonnull (find_widget_showing (GTK_WIDGET (window), GTK_TYPE_LABEL, "Fewer than 3 incidents"));

  /* The report saved from the window, in both formats */
  g_assert_true (gtk_widget_is_sensitive (pm_test_find_widget_with_action (GTK_WIDGET (window),
                                                                           "trends.save-report")));
  {
    g_autofree char *md_path = g_build_filename (tmp_dir, "trends.md", NULL);
    g_autofree char *pdf_path = g_build_filename (tmp_dir, "trends.pdf", NULL);
    g_autoptr(GFile) md_file = g_file_new_for_path (md_path);
    g_autoptr(GFile) pdf_file = g_file_new_for_path (pdf_path);
    g_autofree char *md = NULL;
    g_autofree char *pdf = NULL;
    gsize pdf_length = 0;

    pm_trends_window_save_report (window, md_file);
    pm_trends_window_save_report (window, pdf_file);
    pm_test_wait_until (file_exists, md_path, 20);
    pm_test_wait_until (file_exists, pdf_path, 20);
    g_assert_true (g_file_get_contents (md_path, &md, NULL, NULL));
    g_assert_true (g_str_has_prefix (md, "# Trends across postmortems\n"));
    g_assert_nonnull (strstr (md, "3 postmortems from 2021 to 2023"));
    g_assert_true (g_file_get_contents (pdf_path, &pdf, &pdf_length, NULL));
    g_assert_cmpuint (pdf_length, >, 1000);
    g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
    pm_test_iterate (50);
  }

  /* A new file in the folder is read without asking … */
  write_example (folder, "2024.pmortem", 2024);
  expect.n = 4;
  pm_test_wait_until (has_n_incidents, &expect, 20);
  g_assert_nonnull (find_widget_showing (GTK_WIDGET (window), GTK_TYPE_LABEL, "4 postmortems from 2021 to 2024"));

  /* … and so is a deleted one, also in a subfolder. */
  {
    g_autofree char *older = g_build_filename (sub, "2021.pmortem", NULL);

    g_unlink (older);
  }
  expect.n = 3;
  pm_test_wait_until (has_n_incidents, &expect, 20);
  g_assert_cmpstr (pm_trends_get_period (pm_trends_window_get_trends (window), 0)->key, ==, "2022");

  /* By quarter */
  gtk_widget_activate (find_widget_showing (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, "By Quarter"));
  pm_test_wait_until (grouped_by_quarter, window, 20);
  g_assert_cmpstr (pm_trends_get_period (pm_trends_window_get_trends (window), 0)->key, ==, "2022-Q4");
  g_assert_nonnull (find_widget_showing (GTK_WIDGET (window), GTK_TYPE_LABEL, "Incidents per quarter"));
  pm_test_iterate (50);

  pm_test_destroy_all_windows ();
  pm_test_remove_recursively (folder);
}

static void
test_missing_folder (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "gone", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  PmTrendsWindow *window = PM_TRENDS_WINDOW (pm_trends_window_new (GTK_APPLICATION (app)));

  gtk_window_present (GTK_WINDOW (window));
  pm_trends_window_set_folder (window, file);
  while (pm_trends_window_get_loading (window))
    g_main_context_iteration (NULL, TRUE);
  pm_test_iterate (50);
  g_assert_null (pm_trends_window_get_trends (window));
  g_assert_nonnull (find_widget_showing (GTK_WIDGET (window), GTK_TYPE_LABEL, "The Folder Cannot Be Read"));
  g_assert_nonnull (find_widget_showing (GTK_WIDGET (window), GTK_TYPE_LABEL, "gone"));
  pm_test_destroy_all_windows ();
}

/* Closing the window while the worker thread reads must not touch the closed window. */
static void
test_close_while_reading (void)
{
  g_autofree char *folder = g_build_filename (tmp_dir, "closing", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (folder);
  PmTrendsWindow *window = PM_TRENDS_WINDOW (pm_trends_window_new (GTK_APPLICATION (app)));
  gint64 until;

  g_mkdir_with_parents (folder, 0700);
  for (int year = 2015; year < 2025; year++)
    {
      g_autofree char *name = g_strdup_printf ("%d.pmortem", year);

      write_example (folder, name, year);
    }
  gtk_window_present (GTK_WINDOW (window));
  pm_trends_window_set_folder (window, file);
  g_assert_true (pm_trends_window_get_loading (window));
  gtk_window_destroy (GTK_WINDOW (window));
  until = g_get_monotonic_time () + G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (find_trends_window ());
  pm_test_remove_recursively (folder);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = pm_test_make_private_dirs ("pmortem-trends-ui-XXXXXX");
  pm_test_init (&argc, &argv);
  app = pm_test_register_application ();

  g_test_add_func ("/ui/trends/open-from-app", test_open_from_app);
  g_test_add_func ("/ui/trends/folder", test_folder);
  g_test_add_func ("/ui/trends/missing-folder", test_missing_folder);
  g_test_add_func ("/ui/trends/close-while-reading", test_close_while_reading);

  ret = g_test_run ();

  pm_test_destroy_all_windows ();
  g_clear_object (&app);
  if (ret == 0)
    pm_test_remove_recursively (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
