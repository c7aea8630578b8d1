/* ui-test-util.c — what the display tests share
 *
 * The ways of running the main loop differ on purpose and keep their own names: draining what
 * is ready (pm_test_drain_events()), a fixed number of iterations whether or not anything is
 * ready (pm_test_iterate()), and waiting for a condition with a deadline (pm_test_wait_until()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "pm-document-format.h"
#include "pm-window-private.h"
#include "ui-test-util.h"

/* ------------------------------------------------------------------------------------------ */
/* Set-up                                                                                      */
/* ------------------------------------------------------------------------------------------ */

void
pm_test_init (int    *argc,
              char ***argv)
{
  g_test_init (argc, argv, NULL);
  gtk_init ();
  adw_init ();
}

/* Recent files and anything else the toolkit writes go to a private folder; call it before
 * pm_test_init(), which reads the environment. */
char *
pm_test_make_private_dirs (const char *tmp_template)
{
  g_autoptr(GError) error = NULL;
  char *tmp_dir = g_dir_make_tmp (tmp_template, &error);

  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_dir, TRUE);
  g_setenv ("XDG_CONFIG_HOME", tmp_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", tmp_dir, TRUE);
  return tmp_dir;
}

/* Non-unique, so the tests never talk to a running Postmortem. */
PmApplication *
pm_test_register_application (void)
{
  g_autoptr(GError) error = NULL;
  PmApplication *app = pm_application_new ();

  g_application_set_flags (G_APPLICATION (app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* ------------------------------------------------------------------------------------------ */
/* The main loop                                                                               */
/* ------------------------------------------------------------------------------------------ */

/* Runs whatever is ready until nothing is, @rounds times over: a later round catches the
 * idles and frame work the earlier ones queued. Never blocks. */
void
pm_test_drain_events (guint rounds)
{
  for (guint i = 0; i < rounds; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* Exactly @times non-blocking iterations, whether or not anything is ready. */
void
pm_test_iterate (guint times)
{
  for (guint i = 0; i < times; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop until @condition holds (or fails the test after @seconds). */
void
pm_test_wait_until (PmTestCondition condition,
                    gpointer        data,
                    guint           seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Iterates without blocking until @widget is mapped; fails the test after ten seconds. */
void
pm_test_wait_until_mapped (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!gtk_widget_get_mapped (widget) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (widget));
}

/* ------------------------------------------------------------------------------------------ */
/* Files                                                                                       */
/* ------------------------------------------------------------------------------------------ */

char *
pm_test_example_path (void)
{
  return g_build_filename (PM_TEST_SOURCE_ROOT, "data", "examples", "leaked-deploy-key.pmortem", NULL);
}

/* The example with @from replaced by @to (once), loaded from memory. */
PmDocument *
pm_test_load_example_with (const char *from,
                           const char *to)
{
  g_autofree char *path = pm_test_example_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = NULL;
  PmDocument *document;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  text = g_string_new_len (contents, length);
  if (from != NULL)
    g_assert_cmpuint (g_string_replace (text, from, to, 1), ==, 1);

  document = pm_document_load_from_data (text->str, text->len, "example", &error);
  g_assert_no_error (error);
  return document;
}

void
pm_test_remove_recursively (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          pm_test_remove_recursively (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* ------------------------------------------------------------------------------------------ */
/* Widgets and windows                                                                         */
/* ------------------------------------------------------------------------------------------ */

/* The first widget under @root (not @root itself) that is a @type, depth first. */
GtkWidget *
pm_test_find_widget_of_type (GtkWidget *root,
                             GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = pm_test_find_widget_of_type (child, type)) != NULL)
        return found;
    }

  return NULL;
}

/* The first widget under @root (not @root itself) whose action-name is @action. */
GtkWidget *
pm_test_find_widget_with_action (GtkWidget  *root,
                                 const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_ACTIONABLE (child) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if ((found = pm_test_find_widget_with_action (child, action)) != NULL)
        return found;
    }

  return NULL;
}

/* The widgets of @type under @root (not counting @root), shown or not. */
guint
pm_test_count_widgets_of_type (GtkWidget *root,
                               GType      type)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += (G_TYPE_CHECK_INSTANCE_TYPE (child, type) ? 1 : 0) + pm_test_count_widgets_of_type (child, type);
  return n;
}

/* A shown toplevel of @type, or NULL. */
GtkWindow *
pm_test_find_shown_toplevel (GType type)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* Repeats until no toplevel is left: a window can outlive one round, or bring up another. */
void
pm_test_destroy_all_windows (void)
{
  GList *windows;

  pm_test_iterate (50);
  while ((windows = gtk_window_list_toplevels ()) != NULL)
    {
      for (GList *l = windows; l != NULL; l = l->next)
        gtk_window_destroy (l->data);
      g_list_free (windows);
      pm_test_iterate (50);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The application                                                                             */
/* ------------------------------------------------------------------------------------------ */

gboolean
pm_test_nothing_loading (gpointer app)
{
  return pm_application_get_n_loading (app) == 0;
}

gboolean
pm_test_window_not_saving (gpointer window)
{
  return !_pm_window_get_saving (window);
}

/* Opens @path as the user would and returns its window once it is loaded. */
PmWindow *
pm_test_open_in_app (PmApplication *app,
                     const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  pm_application_open_file (app, file, NULL);
  pm_test_wait_until (pm_test_nothing_loading, app, 10);
  pm_test_iterate (50);

  return pm_application_find_window (app, file);
}
