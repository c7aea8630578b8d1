/* pm-live-join-dialog.c — "Join Live Session…" (see pm-live-join-dialog.h)
 *
 * Once joined, the shared timeline opens in a new window of its own: the window shows the
 * mirror document of PmLiveJoin, which keeps the connection for as long as the window lives.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-live-join-dialog.h"
#include "pm-live-join.h"
#include "pm-window.h"

struct _PmLiveJoinDialog
{
  AdwWindow       parent_instance;

  AdwEntryRow    *link_row;
  AdwEntryRow    *name_row;
  GtkButton      *join_button;
  GtkSpinner     *spinner;
  GtkLabel       *status_label;

  GtkApplication *application;
  PmLiveJoin     *join;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (PmLiveJoinDialog, pm_live_join_dialog, ADW_TYPE_WINDOW)

static void
set_busy (PmLiveJoinDialog *self,
          gboolean          busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), !busy);
}

static void
say (PmLiveJoinDialog *self,
     const char       *text)
{
  gtk_label_set_text (self->status_label, text);
  /* Screen readers hear the outcome without moving there. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
on_changed_cb (PmLiveJoinDialog *self)
{
  const char *link = gtk_editable_get_text (GTK_EDITABLE (self->link_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), *link != '\0' && *stripped != '\0');
}

static void
on_told (PmLiveJoin *join,
         const char *message,
         PmWindow   *window)
{
  pm_window_show_toast (window, message);
}

static void
on_ended (PmLiveJoin *join,
          const char *reason,
          PmWindow   *window)
{
  pm_window_show_toast (window, g_strcmp0 (reason, "removed") == 0
                                ? _("The moderator removed you from the live session; this window keeps what you saw")
                                : _("The moderator ended the live session; this window keeps what you saw"));
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PmLiveJoinDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  PmWindow *window;

  if (!pm_live_join_connect_finish (PM_LIVE_JOIN (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_busy (self, FALSE);
      say (self, error->message);
      g_clear_object (&self->join);
      return;
    }

  /* A window of its own: the shared timeline, kept alive with the connection. */
  window = pm_window_new (self->application);
  pm_window_set_document (window, pm_live_join_get_document (self->join), NULL, NULL);
  g_signal_connect_object (self->join, "told", G_CALLBACK (on_told), window, 0);
  g_signal_connect_object (self->join, "ended", G_CALLBACK (on_ended), window, 0);
  g_object_set_data_full (G_OBJECT (window), "pm-live-join", g_steal_pointer (&self->join),
                          g_object_unref);
  gtk_window_present (GTK_WINDOW (window));
  pm_window_show_toast (window, _("Joined: add the events you know; you can change the ones you add"));
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_join_clicked_cb (PmLiveJoinDialog *self)
{
  g_autoptr(GError) error = NULL;
  const char *link = gtk_editable_get_text (GTK_EDITABLE (self->link_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->join_button)))
    return;
  g_clear_object (&self->join);
  self->join = pm_live_join_new (link, &error);
  if (self->join == NULL)
    {
      say (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->link_row));
      return;
    }
  set_busy (self, TRUE);
  say (self, _("Connecting…"));
  pm_live_join_connect_async (self->join, name, self->cancellable, on_connected, g_object_ref (self));
}

/* GTK 4.8 warns when a window goes with its text field still focused: let go of it first. */
static gboolean
pm_live_join_dialog_close_request (GtkWindow *window)
{
  gtk_window_set_focus (window, NULL);
  return GTK_WINDOW_CLASS (pm_live_join_dialog_parent_class)->close_request (window);
}

static void
pm_live_join_dialog_dispose (GObject *object)
{
  PmLiveJoinDialog *self = (PmLiveJoinDialog *) object;

  g_cancellable_cancel (self->cancellable);
  if (self->join != NULL)
    pm_live_join_leave (self->join);
  g_clear_object (&self->join);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pm_live_join_dialog_parent_class)->dispose (object);
}

static void
pm_live_join_dialog_class_init (PmLiveJoinDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_live_join_dialog_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = pm_live_join_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-live-join-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PmLiveJoinDialog, link_row);
  gtk_widget_class_bind_template_child (widget_class, PmLiveJoinDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PmLiveJoinDialog, join_button);
  gtk_widget_class_bind_template_child (widget_class, PmLiveJoinDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PmLiveJoinDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_join_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pm_live_join_dialog_init (PmLiveJoinDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

PmLiveJoinDialog *
pm_live_join_dialog_new (GtkApplication *application,
                         GtkWindow      *parent,
                         const char     *link)
{
  PmLiveJoinDialog *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (PM_TYPE_LIVE_JOIN_DIALOG, "transient-for", parent, NULL);
  self->application = application;
  if (link != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->link_row), link);
  /* GLib says "Unknown" when the system has no real name. */
  if (g_strcmp0 (g_get_real_name (), "Unknown") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), g_get_real_name ());
  on_changed_cb (self);
  return self;
}
