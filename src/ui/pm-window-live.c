/* pm-window-live.c — hosting a live session from the window: win.share-live, the Live button in
 * the header bar, the panel, and the end of the session
 *
 * One session per window, for the document it shows. "win.share-live" (Ctrl+Shift+L) starts it
 * and opens its panel (pm-live-session-dialog.c); while it runs, the same action and the Live
 * button (with the number of people connected) bring the panel back. The certificate is the
 * organisation's when the settings "live-certificate" and "live-key" name its files, else this
 * computer's own, kept in the app's data folder (pm-live-certificate.h).
 *
 * The session ends with Stop Session in the panel, when the window shows another document
 * (opening, reloading), and when the window closes (also on quitting): participants are told
 * ("bye") and their pages stop. What they contributed is in the document by then.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "pm-live-certificate.h"
#include "pm-live-person.h"
#include "pm-window-private.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static guint
count_connected (PmWindow *self)
{
  GListModel *people;
  guint n = 0;

  if (self->live_host == NULL)
    return 0;

  people = pm_live_session_get_people (pm_live_host_get_session (self->live_host));
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(PmLivePerson) person = g_list_model_get_item (people, i);

      if (!pm_live_person_get_removed (person) && pm_live_person_get_connections (person) > 0)
        n++;
    }
  return n;
}

/* The Live button: shown while a session runs, with the number of people connected. */
static void
update_live_button (PmWindow *self)
{
  g_autofree char *count = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *name = NULL;
  guint n;

  if (self->disposed)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->live_button), self->live_host != NULL);
  if (self->live_host == NULL)
    return;

  n = count_connected (self);
  count = g_strdup_printf ("%u", n);
  gtk_label_set_text (self->live_count_label, count);
  /* Translators: tooltip of the header bar button shown while a live session runs */
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Live session: %u person connected (Ctrl+Shift+L)",
                                          "Live session: %u people connected (Ctrl+Shift+L)", n),
                             n);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->live_button), tooltip);
  /* Translators: what a screen reader says for the header bar button of a live session */
  name = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Live Session, %u person connected",
                                       "Live Session, %u people connected", n),
                          n);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->live_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
}

static void
show_panel (PmWindow *self)
{
  if (self->live_dialog == NULL)
    {
      PmLiveSessionDialog *dialog = pm_live_session_dialog_new (GTK_WINDOW (self),
                                                                self->live_host);

      g_set_weak_pointer (&self->live_dialog, dialog);
    }
  gtk_window_present (GTK_WINDOW (self->live_dialog));
}

static void
show_start_error (PmWindow   *self,
                  const char *message)
{
  pm_window_show_error (self, _("Could Not Start the Live Session"), message);
}

/* The organisation's certificate, or this computer's own; NULL after saying what went wrong,
 * and where. */
static GTlsCertificate *
load_certificate (PmWindow *self)
{
  g_autofree char *certificate_path = g_settings_get_string (self->settings, "live-certificate");
  g_autofree char *key_path = g_settings_get_string (self->settings, "live-key");
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if ((certificate_path[0] == '\0') != (key_path[0] == '\0'))
    {
      show_start_error (self, _("Only one of the files of the organisation’s certificate is set: "
                                "the settings “live-certificate” and “live-key” name the "
                                "certificate and its key together. Set both, or neither to use "
                                "this computer’s own certificate."));
      return NULL;
    }

  if (certificate_path[0] != '\0')
    {
      certificate = pm_live_certificate_load (certificate_path, key_path, &error);
      if (certificate == NULL)
        /* Translators: %s says what is wrong, naming the file */
        message = g_strdup_printf (_("The organisation’s certificate could not be used: %s\n\n"
                                     "Its files are named by the settings “live-certificate” "
                                     "and “live-key”."),
                                   error->message);
    }
  else
    {
      g_autofree char *directory = g_build_filename (g_get_user_data_dir (), APP_ID, "live", NULL);

      certificate = pm_live_certificate_load_or_create (directory, &error);
      if (certificate == NULL)
        /* Translators: the first %s is a folder, the second says what went wrong */
        message = g_strdup_printf (_("This computer’s certificate for live sessions could not be "
                                     "made or read in the folder %s: %s"),
                                   directory, error->message);
    }

  if (certificate == NULL)
    show_start_error (self, message);
  return g_steal_pointer (&certificate);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_person_notify_cb (PmWindow     *self,
                     GParamSpec   *pspec,
                     PmLivePerson *person)
{
  update_live_button (self);
}

static void
on_people_changed_cb (PmWindow   *self,
                      guint       position,
                      guint       removed,
                      guint       added,
                      GListModel *people)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(PmLivePerson) person = g_list_model_get_item (people, i);

      g_signal_connect_object (person, "notify::connections",
                               G_CALLBACK (on_person_notify_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (person, "notify::removed",
                               G_CALLBACK (on_person_notify_cb), self, G_CONNECT_SWAPPED);
    }
  update_live_button (self);
}

static void
unref_later_cb (gpointer data)
{
  g_object_unref (data);
}

/* The session ended (Stop Session, the window let it go, or the listener failed). */
static void
on_live_stopped_cb (PmWindow   *self,
                    PmLiveHost *host)
{
  GListModel *people;

  if (host != self->live_host)
    return;

  people = pm_live_session_get_people (pm_live_host_get_session (host));
  g_signal_handlers_disconnect_by_data (people, self);
  for (guint i = 0; i < g_list_model_get_n_items (people); i++)
    {
      g_autoptr(PmLivePerson) person = g_list_model_get_item (people, i);

      g_signal_handlers_disconnect_by_data (person, self);
    }
  g_signal_handlers_disconnect_by_data (host, self);

  /* Not unreferenced while it is telling everybody that it stopped. */
  g_idle_add_once (unref_later_cb, g_steal_pointer (&self->live_host));

  if (self->live_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->live_dialog));

  if (self->disposed)
    return;

  update_live_button (self);
  _pm_window_update_actions (self);
  pm_window_show_toast (self, _("The live session ended"));
}

/* ------------------------------------------------------------------------------------------ */
/* Actions                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* "win.share-live": starts a live session for the document, or shows the one running. */
static void
pm_window_action_share_live (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *param)
{
  PmWindow *self = PM_WINDOW (widget);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(PmLiveHost) host = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *people;

  if (self->live_host != NULL)
    {
      show_panel (self);
      return;
    }

  if (self->document == NULL || pm_document_get_read_only (self->document))
    return;

  if ((certificate = load_certificate (self)) == NULL)
    return;

  /* Every address of this computer, on a free port: the link names the one others reach. */
  host = pm_live_host_new (self->document, certificate);
  if (!pm_live_host_start (host, NULL, 0, &error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s is the reason, naming the port */
      message = g_strdup_printf (_("%s\n\nAnother program may hold the port, or this computer "
                                   "does not allow listening on the network."),
                                 error->message);
      show_start_error (self, message);
      return;
    }

  self->live_host = g_steal_pointer (&host);
  g_signal_connect_object (self->live_host, "stopped", G_CALLBACK (on_live_stopped_cb), self,
                           G_CONNECT_SWAPPED);
  people = pm_live_session_get_people (pm_live_host_get_session (self->live_host));
  g_signal_connect_object (people, "items-changed", G_CALLBACK (on_people_changed_cb), self,
                           G_CONNECT_SWAPPED);
  on_people_changed_cb (self, 0, 0, g_list_model_get_n_items (people), people);

  _pm_window_update_actions (self);
  show_panel (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Window-private API                                                                          */
/* ------------------------------------------------------------------------------------------ */

void
_pm_window_class_init_live (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.share-live", NULL,
                                   pm_window_action_share_live);
}

void
_pm_window_init_live (PmWindow *self)
{
  update_live_button (self);
}

void
_pm_window_stop_live (PmWindow *self)
{
  g_autoptr(PmLiveHost) host = NULL;

  g_assert (PM_IS_WINDOW (self));

  if (self->live_host == NULL)
    return;

  /* Ours until "stopped" is handled (on_live_stopped_cb lets the window's go). */
  host = g_object_ref (self->live_host);
  pm_live_host_stop (host);
}

void
_pm_window_show_refused (PmWindow   *self,
                         const char *label,
                         const char *who)
{
  g_autofree char *text = NULL;

  if (who == NULL || who[0] == '\0')
    who = _("someone else");
  if (label == NULL)
    label = "";

  if (self->redoing)
    /* Translators: a toast; the first %s is the step (e.g. “Move event”), the second the name
     * of the participant of the live session who changed the same thing */
    text = g_strdup_printf (_("Could not redo “%s”: %s changed it since"), label, who);
  else
    /* Translators: a toast; the first %s is the step (e.g. “Move event”), the second the name
     * of the participant of the live session who changed the same thing */
    text = g_strdup_printf (_("Could not undo “%s”: %s changed it since"), label, who);
  pm_window_show_toast (self, text);
}

/* ------------------------------------------------------------------------------------------ */
/* Private API (tests)                                                                         */
/* ------------------------------------------------------------------------------------------ */

PmLiveHost *
_pm_window_get_live_host (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return self->live_host;
}

PmLiveSessionDialog *
_pm_window_get_live_dialog (PmWindow *self)
{
  g_return_val_if_fail (PM_IS_WINDOW (self), NULL);

  return self->live_dialog;
}
