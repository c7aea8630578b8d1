/* pm-start-page.c — what a window shows without a document: New, Open and recent postmortems
 *
 * The recent list comes from GtkRecentManager, filtered to our files: those recorded with our
 * MIME type or named *.pmortem, still present on this computer, newest first.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-accessible.h"

#include <glib/gi18n.h>

#include "pm-document-format.h"
#include "pm-start-page.h"

#define MAX_RECENT 8

struct _PmStartPage
{
  AdwBin            parent_instance;

  GtkRecentManager *recent_manager;

  /* Template children */
  GtkButton        *new_button;
  GtkButton        *open_button;
  GtkBox           *recent_box;
  GtkLabel         *recent_label;
  GtkListBox       *recent_list;
  AdwStatusPage    *status_page;

  guint             n_recent;
};

G_DEFINE_FINAL_TYPE (PmStartPage, pm_start_page, ADW_TYPE_BIN)

enum {
  OPEN_FILE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_our_file (GtkRecentInfo *info)
{
  const char *uri = gtk_recent_info_get_uri (info);
  const char *mime_type = gtk_recent_info_get_mime_type (info);

  if (!gtk_recent_info_is_local (info) || !gtk_recent_info_exists (info))
    return FALSE;

  return g_strcmp0 (mime_type, PM_MIME_TYPE) == 0 || g_str_has_suffix (uri, PM_FILE_EXTENSION);
}

static int
compare_by_modified (gconstpointer a,
                     gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  /* Newest first. */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b),
                              gtk_recent_info_get_modified (info_a));
}

/* The folder as people read it: "~/Documents" rather than "/home/someone/Documents". */
static char *
dup_folder_display_name (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());
  g_autofree char *relative = NULL;
  g_autofree char *path = NULL;

  if (parent == NULL)
    return g_strdup ("/");

  if (g_file_equal (parent, home))
    return g_strdup ("~");

  if ((relative = g_file_get_relative_path (home, parent)) != NULL)
    {
      g_autofree char *display = g_filename_display_name (relative);

      return g_strconcat ("~/", display, NULL);
    }

  path = g_file_get_path (parent);
  return path != NULL ? g_filename_display_name (path) : g_file_get_parse_name (parent);
}

static GtkWidget *
create_row (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *title = g_filename_display_name (basename);
  g_autofree char *folder = dup_folder_display_name (file);
  GtkWidget *row;
  GtkWidget *icon;

  /* File names are user text, never markup. */
  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "use-markup", FALSE,
                      "title", title,
                      "subtitle", folder,
                      "activatable", TRUE,
                      "title-lines", 1,
                      "subtitle-lines", 1,
                      NULL);
  gtk_widget_set_tooltip_text (row, folder);
  icon = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Open"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, folder,
                                  -1);
  pm_accessible_keep_own_name (row);
  g_object_set_data_full (G_OBJECT (row), "pm-file", g_object_ref (file), g_object_unref);

  return row;
}

static void
pm_start_page_reload_recent (PmStartPage *self)
{
  g_autoptr(GPtrArray) infos = NULL;
  GList *items;
  GtkWidget *child;

  g_assert (PM_IS_START_PAGE (self));

  infos = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  items = gtk_recent_manager_get_items (self->recent_manager);
  for (const GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (is_our_file (info))
        g_ptr_array_add (infos, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);

  g_ptr_array_sort (infos, compare_by_modified);

  self->n_recent = MIN (infos->len, MAX_RECENT);
  for (guint i = 0; i < self->n_recent; i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (infos, i);
      g_autoptr(GFile) file = g_file_new_for_uri (gtk_recent_info_get_uri (info));

      gtk_list_box_append (self->recent_list, create_row (file));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_box), self->n_recent > 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_recent_row_activated_cb (PmStartPage   *self,
                            GtkListBoxRow *row,
                            GtkListBox    *list)
{
  GFile *file;

  g_assert (PM_IS_START_PAGE (self));

  if ((file = g_object_get_data (G_OBJECT (row), "pm-file")) != NULL)
    g_signal_emit (self, signals[OPEN_FILE], 0, file);
}

static void
on_recent_changed_cb (PmStartPage      *self,
                      GtkRecentManager *manager)
{
  pm_start_page_reload_recent (self);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_start_page_dispose (GObject *object)
{
  PmStartPage *self = PM_START_PAGE (object);

  /* The status page is both the bin's child and a template child: let the bin drop it first,
   * or gtk_widget_dispose_template() unparents it behind the bin's back. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_START_PAGE);
  g_clear_object (&self->recent_manager);

  G_OBJECT_CLASS (pm_start_page_parent_class)->dispose (object);
}

static void
pm_start_page_class_init (PmStartPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_start_page_dispose;

  /**
   * PmStartPage::open-file:
   * @file: a recent postmortem the user chose
   */
  signals[OPEN_FILE] =
    g_signal_new ("open-file",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-start-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PmStartPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, PmStartPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, PmStartPage, recent_box);
  gtk_widget_class_bind_template_child (widget_class, PmStartPage, recent_label);
  gtk_widget_class_bind_template_child (widget_class, PmStartPage, recent_list);
  gtk_widget_class_bind_template_child (widget_class, PmStartPage, status_page);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated_cb);
}

static void
pm_start_page_init (PmStartPage *self)
{
  GtkIconTheme *icon_theme;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The application icon once it is installed; a generic document icon from a build tree. */
  icon_theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (self)));
  if (gtk_icon_theme_has_icon (icon_theme, APP_ID))
    adw_status_page_set_icon_name (self->status_page, APP_ID);

  self->recent_manager = g_object_ref (gtk_recent_manager_get_default ());
  g_signal_connect_object (self->recent_manager, "changed",
                           G_CALLBACK (on_recent_changed_cb), self, G_CONNECT_SWAPPED);
  pm_start_page_reload_recent (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_start_page_new (void)
{
  return g_object_new (PM_TYPE_START_PAGE, NULL);
}

guint
pm_start_page_get_n_recent (PmStartPage *self)
{
  g_return_val_if_fail (PM_IS_START_PAGE (self), 0);

  return self->n_recent;
}
