/* pm-window-dnd.c — dropping .pmortem files on a window opens them
 *
 * From Files, a mail client, a browser: a file list or a single file. Anything else dropped on
 * the Timeline page (a chat export, a log, a folder, a .zip, a CSV timeline) opens the import
 * preview on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pm-application.h"
#include "pm-document-format.h"
#include "pm-window-private.h"

static gboolean
on_timeline_page (PmWindow *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  return self->document != NULL && self->timeline_page != NULL &&
         g_strcmp0 (page, "timeline") == 0;
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

  _pm_window_drop_files (self, files);
  return TRUE;
}

void
_pm_window_drop_files (PmWindow *self,
                       GSList   *files)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (const GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      if (name != NULL && !g_str_has_suffix (name, PM_FILE_EXTENSION) && on_timeline_page (self))
        pm_timeline_page_import_file (self->timeline_page, l->data);
      else if (PM_IS_APPLICATION (app))
        pm_application_open_file (PM_APPLICATION (app), l->data, self);
    }
}

void
_pm_window_init_dnd (PmWindow *self)
{
  GtkDropTarget *drop;

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_FILE }, 2);
  g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
