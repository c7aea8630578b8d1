/* pm-live-session-dialog.c — the live session's panel: how to join, the certificate to compare,
 * who joined
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-live-certificate.h"
#include "pm-live-person.h"
#include "pm-live-session-dialog-private.h"
#include "pm-message-dialog.h"
#include "pm-qr-code.h"
#include "pm-window.h"

/* Below this width the code goes above the link instead of beside it. */
#define NARROW_WIDTH 760

struct _PmLiveSessionDialog
{
  AdwWindow        parent_instance;

  PmLiveHost      *host;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkButton       *stop_button;
  GtkBox          *join_box;
  PmQrCode        *qr_code;
  GtkLabel        *link_label;
  GtkButton       *copy_button;
  GtkLabel        *fingerprint_label;
  GtkListBox      *people_list;
};

G_DEFINE_FINAL_TYPE (PmLiveSessionDialog, pm_live_session_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------------------------ */
/* People                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static PmLivePerson *
row_get_person (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "pm-live-person");
}

/* "Connected (2 connections) · 3 contributions", "Offline · 0 contributions", … */
static char *
dup_person_state (PmLivePerson *person)
{
  guint connections = pm_live_person_get_connections (person);
  guint contributions = pm_live_person_get_contributions (person);
  g_autofree char *state = NULL;
  g_autofree char *contributed = NULL;

  if (pm_live_person_get_removed (person))
    state = g_strdup (_("Removed"));
  else if (connections > 0)
    /* Translators: a person in the live session; a connection is a browser tab or device */
    state = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Connected (%u connection)",
                                          "Connected (%u connections)", connections),
                             connections);
  else
    state = g_strdup (_("Offline"));

  /* Translators: events and parking-lot topics a person added or proposed in the live session */
  contributed = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contribution",
                                              "%u contributions", contributions),
                                 contributions);

  /* Translators: a person in the live session: whether they are connected, then what they
   * contributed, e.g. “Connected (1 connection) · 3 contributions” */
  return g_strdup_printf (_("%s · %s"), state, contributed);
}

static void
update_person_row (GtkWidget *row)
{
  PmLivePerson *person = row_get_person (row);
  GtkWidget *remove = g_object_get_data (G_OBJECT (row), "pm-remove-button");
  g_autofree char *state = dup_person_state (person);
  g_autofree char *remove_label = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pm_live_person_get_name (person));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);

  /* Removed people stay listed (their contributions count), without the button. */
  gtk_widget_set_visible (remove, !pm_live_person_get_removed (person));
  /* Translators: the accessible name of the Remove button of a person in the live session */
  remove_label = g_strdup_printf (_("Remove %s"), pm_live_person_get_name (person));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
}

static void
on_person_notify_cb (GtkWidget    *row,
                     GParamSpec   *pspec,
                     PmLivePerson *person)
{
  update_person_row (row);
}

static void
on_remove_response_cb (PmLiveSessionDialog *self,
                       const char          *response,
                       AdwMessageDialog    *dialog)
{
  const char *id = g_object_get_data (G_OBJECT (dialog), "pm-participant-id");

  if (g_strcmp0 (response, "remove") == 0 && pm_live_host_get_running (self->host))
    pm_live_session_remove_participant (pm_live_host_get_session (self->host), id);
}

static void
on_remove_clicked_cb (PmLiveSessionDialog *self,
                      GtkButton           *button)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ACTION_ROW);
  PmLivePerson *person = row_get_person (row);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: %s is the participant's name */
  body = g_strdup_printf (_("Remove %s from the live session? Their link stops working; their "
                            "events stay."),
                          pm_live_person_get_name (person));
  dialog = pm_message_dialog_new (GTK_WINDOW (self), _("Remove Participant?"), body);
  pm_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "pm-participant-id",
                          g_strdup (pm_live_person_get_participant_id (person)), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_person_row (gpointer item,
                   gpointer user_data)
{
  PmLiveSessionDialog *self = user_data;
  PmLivePerson *person = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove…"));

  /* Names are what participants typed: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Named "Remove Ana" (update_person_row()); GTK 4.8 would add the label's text to that. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("End this person’s part in the live session; their "
                                         "events stay"));
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  g_object_set_data_full (G_OBJECT (row), "pm-live-person", g_object_ref (person),
                          g_object_unref);
  g_object_set_data (G_OBJECT (row), "pm-remove-button", remove);
  g_signal_connect_object (person, "notify", G_CALLBACK (on_person_notify_cb), row,
                           G_CONNECT_SWAPPED);
  update_person_row (row);

  return row;
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_copy_clicked_cb (PmLiveSessionDialog *self,
                    GtkButton           *button)
{
  const char *url = pm_live_host_get_join_url (self->host);

  if (url == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), url);
  adw_toast_overlay_add_toast (self->toast_overlay, pm_toast_new_text (_("Join link copied")));
}

static gboolean
stop_host_cb (gpointer data)
{
  pm_live_host_stop (PM_LIVE_HOST (data));
  return G_SOURCE_REMOVE;
}

static void
on_stop_response_cb (PmLiveSessionDialog *self,
                     const char          *response,
                     AdwMessageDialog    *dialog)
{
  /* The host says "stopped" and the panel closes then (on_host_stopped_cb): not while the
   * message dialog over it is still answering. */
  if (g_strcmp0 (response, "stop") == 0)
    g_idle_add_full (G_PRIORITY_DEFAULT, stop_host_cb, g_object_ref (self->host), g_object_unref);
}

static void
on_stop_clicked_cb (PmLiveSessionDialog *self,
                    GtkButton           *button)
{
  AdwMessageDialog *dialog;

  dialog = pm_message_dialog_new (GTK_WINDOW (self), _("Stop the Live Session?"),
                                  _("Every participant’s page stops working. What they "
                                    "contributed stays in the postmortem. A new session gets a "
                                    "new link."));
  pm_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "stop", _("_Stop Session"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_stop_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_host_stopped_cb (PmLiveSessionDialog *self,
                    PmLiveHost          *host)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

/* A narrow window puts the code above the link. */
static void
on_default_width_cb (PmLiveSessionDialog *self,
                     GParamSpec          *pspec,
                     gpointer             user_data)
{
  int width = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, NULL);
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->join_box),
                                  width > 0 && width < NARROW_WIDTH ? GTK_ORIENTATION_VERTICAL
                                                                    : GTK_ORIENTATION_HORIZONTAL);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_live_session_dialog_dispose (GObject *object)
{
  PmLiveSessionDialog *self = PM_LIVE_SESSION_DIALOG (object);

  if (self->people_list != NULL)
    gtk_list_box_bind_model (self->people_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_LIVE_SESSION_DIALOG);
  g_clear_object (&self->host);

  G_OBJECT_CLASS (pm_live_session_dialog_parent_class)->dispose (object);
}

static void
pm_live_session_dialog_class_init (PmLiveSessionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_live_session_dialog_dispose;

  g_type_ensure (PM_TYPE_QR_CODE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-live-session-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PmLiveSessionDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PmLiveSessionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PmLiveSessionDialog, stop_button);
  gtk_widget_class_bind_template_child (widget_class, PmLiveSessionDialog, join_box);
  gtk_widget_class_bind_template_child (widget_class, PmLiveSessionDialog, qr_code);
  gtk_widget_class_bind_template_child (widget_class, PmLiveSessionDialog, link_label);
  gtk_widget_class_bind_template_child (widget_class, PmLiveSessionDialog, copy_button);
  gtk_widget_class_bind_template_child (widget_class, PmLiveSessionDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, PmLiveSessionDialog, people_list);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_clicked_cb);
  /* Escape only hides the panel: the session goes on (the window's Live button shows it). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pm_live_session_dialog_init (PmLiveSessionDialog *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Named in the template; GTK 4.8 would say the name and then the content's label again. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (self->copy_button),
                                 GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  placeholder = gtk_label_new (_("Nobody has joined yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_list_box_set_placeholder (self->people_list, placeholder);

  g_signal_connect (self, "notify::default-width", G_CALLBACK (on_default_width_cb), NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmLiveSessionDialog *
pm_live_session_dialog_new (GtkWindow  *parent,
                            PmLiveHost *host)
{
  PmLiveSessionDialog *self;
  PmLiveSession *session;
  GTlsCertificate *certificate;
  g_autofree char *fingerprint = NULL;
  g_autofree char *full_fingerprint = NULL;
  g_autofree char *tooltip = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PM_IS_LIVE_HOST (host), NULL);

  self = g_object_new (PM_TYPE_LIVE_SESSION_DIALOG, "transient-for", parent, NULL);
  self->host = g_object_ref (host);
  session = pm_live_host_get_session (host);

  g_object_bind_property (pm_live_session_get_document (session), "title",
                          self->window_title, "subtitle", G_BINDING_SYNC_CREATE);

  gtk_label_set_text (self->link_label, pm_live_host_get_join_url (host));
  pm_qr_code_set_text (self->qr_code, pm_live_host_get_join_url (host));

  certificate = pm_live_host_get_certificate (host);
  fingerprint = pm_live_certificate_dup_short_fingerprint (certificate);
  full_fingerprint = pm_live_certificate_dup_fingerprint (certificate);
  gtk_label_set_text (self->fingerprint_label, fingerprint);
  /* Translators: tooltip of the short fingerprint; %s is the whole SHA-256 fingerprint */
  tooltip = g_strdup_printf (_("SHA-256: %s"), full_fingerprint);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fingerprint_label), tooltip);

  gtk_list_box_bind_model (self->people_list, pm_live_session_get_people (session),
                           create_person_row, self, NULL);

  g_signal_connect_object (host, "stopped", G_CALLBACK (on_host_stopped_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

PmLiveHost *
pm_live_session_dialog_get_host (PmLiveSessionDialog *self)
{
  g_return_val_if_fail (PM_IS_LIVE_SESSION_DIALOG (self), NULL);

  return self->host;
}

/* ------------------------------------------------------------------------------------------ */
/* Private API (tests)                                                                         */
/* ------------------------------------------------------------------------------------------ */

GtkLabel *
_pm_live_session_dialog_get_link_label (PmLiveSessionDialog *self)
{
  return self->link_label;
}

GtkLabel *
_pm_live_session_dialog_get_fingerprint_label (PmLiveSessionDialog *self)
{
  return self->fingerprint_label;
}

PmQrCode *
_pm_live_session_dialog_get_qr_code (PmLiveSessionDialog *self)
{
  return self->qr_code;
}

GtkListBox *
_pm_live_session_dialog_get_people_list (PmLiveSessionDialog *self)
{
  return self->people_list;
}

GtkButton *
_pm_live_session_dialog_get_stop_button (PmLiveSessionDialog *self)
{
  return self->stop_button;
}
