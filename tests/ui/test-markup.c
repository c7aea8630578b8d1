/* test-markup.c — participants' text is shown as written, never parsed as Pango markup
 *
 * GtkLabel, AdwActionRow, AdwExpanderRow, AdwPreferencesGroup and AdwToast (libadwaita 1.2) can
 * parse their text as markup. A document whose texts look like markup must show them literally:
 * invalid markup would log a warning (fatal here, G_DEBUG=fatal-warnings) and blank the label,
 * valid markup would silently turn into bold text or a giant font.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pm-document-format.h"
#include "ui-test-util.h"

/* Both: "<i>…</i>" would parse, the rest would not. */
#define MARKUP " <i>it</i> <b>x</b> & <span size='9999999'>"

static PmApplication *app;
static char *tmp_dir;

static const struct { const char *from; const char *to; } fields[] = {
  { "Leaked CI deploy key used to publish a backdoored Kranich Sync beta", "T1TLE" MARKUP },
  { "Amara Okafor", "N4ME" MARKUP },
  { "Replace the shared deploy key with short-lived per-project tokens", "ME4SURE" MARKUP },
  { "One long-lived deploy key with release rights, reachable by every project", "C4USE" MARKUP },
  /* Last: not required in a label. */
  { "Pipeline #88412 of the public sync-plugin-sdk project runs with the new template",
    "EV3NT" MARKUP },
};

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/* Every label that shows a marker shows the whole text, markup characters and all. */
static void
check_labels (GPtrArray *texts,
              gboolean  *seen)
{
  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        {
          g_autofree char *marker = g_strndup (fields[f].to, strchr (fields[f].to, ' ') - fields[f].to);

          if (strstr (text, marker) == NULL)
            continue;
          /* Ellipsized or cut titles ("…") show less, but never parsed markup. */
          if (strstr (text, "<i>it</i>") == NULL && strstr (text, "<i>") == NULL)
            g_error ("label “%s” lost the markup characters of “%s”", text, fields[f].to);
          if (strstr (text, fields[f].to) != NULL)
            seen[f] = TRUE;
        }
    }
}

static char *
write_hostile_document (void)
{
  g_autofree char *example = pm_test_example_path ();
  g_autofree char *contents = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmp_dir, "markup.pmortem", NULL);
  gsize length;

  g_file_get_contents (example, &contents, &length, &error);
  g_assert_no_error (error);
  text = g_string_new_len (contents, length);
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    g_assert_cmpuint (g_string_replace (text, fields[f].from, fields[f].to, 0), >=, 1);

  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_pages_show_text_literally (void)
{
  static const char *pages[] = { "overview", "timeline", "root-causes", "measures", "follow-up" };
  g_autofree char *path = write_hostile_document ();
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  gboolean seen[G_N_ELEMENTS (fields)] = { FALSE };
  AdwViewStack *stack;
  PmWindow *window;

  window = pm_test_open_in_app (app, path);
  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  pm_test_wait_until_mapped (GTK_WIDGET (window));

  stack = ADW_VIEW_STACK (pm_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK));
  g_assert_nonnull (stack);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      adw_view_stack_set_visible_child_name (stack, pages[i]);
      pm_test_iterate (30);
      collect_labels (GTK_WIDGET (window), texts);
    }

  /* Expanded rows (participants, follow-ups) show their subtitles too. */
  adw_view_stack_set_visible_child_name (stack, "overview");
  pm_test_iterate (10);
  {
    GtkWidget *row = pm_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_EXPANDER_ROW);

    if (row != NULL)
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  }
  pm_test_iterate (30);
  collect_labels (GTK_WIDGET (window), texts);

  check_labels (texts, seen);
  /* The event's text is drawn by the timeline canvas (pango_layout_set_text), not a label. */
  for (guint f = 0; f < G_N_ELEMENTS (fields) - 1; f++)
    if (!seen[f])
      g_error ("no label shows “%s” as written", fields[f].to);

  gtk_window_destroy (GTK_WINDOW (window));
  pm_test_iterate (10);
}

/* Toast titles are markup in libadwaita 1.2: messages quoting a user's text or naming a file
 * go through pm_toast_new_text(). */
static void
test_toasts_show_text_literally (void)
{
  static const char *texts_shown[] = { "T0AST" MARKUP, "N0TE" MARKUP };
  g_autofree char *path = write_hostile_document ();

  {
    g_autoptr(AdwToast) toast = g_object_ref_sink (pm_toast_new_text (texts_shown[0]));

    g_assert_cmpstr (adw_toast_get_title (toast), !=, texts_shown[0]);
  }

  /* One window each: a toast overlay shows one toast at a time. */
  for (guint i = 0; i < G_N_ELEMENTS (texts_shown); i++)
    {
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
      gboolean seen = FALSE;
      GtkWidget *overlay;
      PmWindow *window;

      window = pm_test_open_in_app (app, path);
      g_assert_nonnull (window);
      gtk_window_present (GTK_WINDOW (window));
      pm_test_wait_until_mapped (GTK_WIDGET (window));

      if (i == 0)
        pm_window_show_toast (window, texts_shown[i]);
      else
        pm_window_show_note (window, texts_shown[i]);
      pm_test_iterate (30);

      overlay = pm_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);
      g_assert_nonnull (overlay);
      collect_labels (overlay, texts);
      for (guint t = 0; t < texts->len; t++)
        seen |= g_str_equal (g_ptr_array_index (texts, t), texts_shown[i]);
      if (!seen)
        g_error ("no toast shows “%s” as written", texts_shown[i]);

      gtk_window_destroy (GTK_WINDOW (window));
      pm_test_iterate (10);
    }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = pm_test_make_private_dirs ("pmortem-markup-XXXXXX");
  pm_test_init (&argc, &argv);
  app = pm_test_register_application ();

  g_test_add_func ("/ui/markup/pages", test_pages_show_text_literally);
  g_test_add_func ("/ui/markup/toasts", test_toasts_show_text_literally);

  ret = g_test_run ();

  pm_test_destroy_all_windows ();
  g_clear_object (&app);
  if (ret == 0)
    pm_test_remove_recursively (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
