/* pm-preferences-window.c — the application's preferences, stored in GSettings
 *
 * Every row is bound to its key, so a change applies at once and in every window. The time
 * zone is written only once it is a zone this system knows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-live-certificate.h"
#include "pm-preferences-window.h"
#include "pm-time.h"
#include "pm-window.h"

struct _PmPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template children */
  GtkAdjustment        *autosave_adjustment;
  AdwActionRow         *autosave_row;
  GtkSpinButton        *autosave_spin;
  AdwComboRow          *color_scheme_row;
  AdwComboRow          *paper_size_row;
  AdwEntryRow          *timezone_row;
  AdwActionRow         *live_certificate_row;
  AdwActionRow         *live_key_row;
  AdwActionRow         *live_status_row;
  GtkButton            *live_reset_button;
  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (PmPreferencesWindow, pm_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The nicks of the schema's enums, in the order of the combo rows' items. */
static const char * const color_scheme_nicks[] = { "default", "light", "dark", NULL };
static const char * const paper_size_nicks[] = { "auto", "a4", "letter", NULL };

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
nick_to_index (GValue   *value,
               GVariant *variant,
               gpointer  user_data)
{
  const char * const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }

  return FALSE;
}

static GVariant *
index_to_nick (const GValue       *value,
               const GVariantType *expected_type,
               gpointer            user_data)
{
  const char * const *nicks = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) nicks))
    return NULL;

  return g_variant_new_string (nicks[index]);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_timezone_changed_cb (PmPreferencesWindow *self,
                        GtkEditable         *editable)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->timezone_row), "error");
}

static void
on_timezone_apply_cb (PmPreferencesWindow *self,
                      AdwEntryRow         *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;

  g_assert (PM_IS_PREFERENCES_WINDOW (self));

  /* Empty means the system's zone. */
  if (text[0] != '\0' && (zone = pm_time_zone_new (text, &error)) == NULL)
    {
      g_autofree char *message = NULL;

      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      /* Translators: %s is the reason, e.g. “unknown time zone “Mars/Olympus””. */
      message = g_strdup_printf (_("Not saved: %s"), error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), pm_toast_new_text (message));
      return;
    }

  g_settings_set_string (self->settings, "default-timezone", text);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* ------------------------------------------------------------------------------------------ */
/* Live sessions: the organisation's certificate                                               */
/* ------------------------------------------------------------------------------------------ */

/* Shows the chosen files and what they hold: the fingerprint, or why they cannot be used. */
static void
update_live_rows (PmPreferencesWindow *self)
{
  g_autofree char *certificate = g_settings_get_string (self->settings, "live-certificate");
  g_autofree char *key = g_settings_get_string (self->settings, "live-key");
  g_autoptr(GTlsCertificate) loaded = NULL;
  g_autoptr(GError) error = NULL;

  adw_action_row_set_subtitle (self->live_certificate_row,
                               *certificate ? certificate : _("None: the app’s own certificate"));
  adw_action_row_set_subtitle (self->live_key_row, *key ? key : _("None"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->live_reset_button), *certificate || *key);

  if (*certificate == '\0' && *key == '\0')
    {
      g_autofree char *directory = g_build_filename (g_get_user_data_dir (), APP_ID, "live", NULL);
      g_autofree char *path = g_build_filename (directory, "live-certificate.pem", NULL);

      /* The app's own is made on the first live session; it is not made here. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        loaded = pm_live_certificate_load_or_create (directory, &error);
      if (loaded == NULL && error == NULL)
        {
          adw_action_row_set_subtitle (self->live_status_row,
                                       _("Made on the first live session"));
          return;
        }
    }
  else if (*certificate == '\0' || *key == '\0')
    {
      adw_action_row_set_subtitle (self->live_status_row,
                                   *certificate ? _("Choose the certificate’s private key too")
                                                : _("Choose the certificate too"));
      return;
    }
  else
    loaded = pm_live_certificate_load (certificate, key, &error);

  if (loaded == NULL)
    {
      /* Translators: %s says why, e.g. "the key does not belong to this certificate" */
      g_autofree char *text = g_strdup_printf (_("Cannot be used: %s"), error->message);

      adw_action_row_set_subtitle (self->live_status_row, text);
      return;
    }
  {
    g_autofree char *fingerprint = pm_live_certificate_dup_short_fingerprint (loaded);

    adw_action_row_set_subtitle (self->live_status_row, fingerprint);
  }
}

static void
on_chosen (GtkNativeDialog     *chooser,
           int                  response,
           PmPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (chooser), "pm-settings-key");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, key, path);
    }
  g_clear_object (&self->chooser);
  update_live_rows (self);
}

static void
choose_file (PmPreferencesWindow *self,
             const char          *title,
             const char          *settings_key)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, NULL, NULL);
  gtk_file_filter_set_name (filter, _("PEM files"));
  gtk_file_filter_add_pattern (filter, "*.pem");
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.key");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data_full (G_OBJECT (self->chooser), "pm-settings-key", g_strdup (settings_key), g_free);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_choose_certificate_cb (PmPreferencesWindow *self)
{
  choose_file (self, _("Choose the Organisation’s Certificate"), "live-certificate");
}

static void
on_choose_key_cb (PmPreferencesWindow *self)
{
  choose_file (self, _("Choose the Certificate’s Private Key"), "live-key");
}

static void
on_live_reset_cb (PmPreferencesWindow *self)
{
  g_settings_reset (self->settings, "live-certificate");
  g_settings_reset (self->settings, "live-key");
  update_live_rows (self);
}

static void
pm_preferences_window_dispose (GObject *object)
{
  PmPreferencesWindow *self = PM_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pm_preferences_window_parent_class)->dispose (object);
}

static void
pm_preferences_window_class_init (PmPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/pmortem/Postmortem/pm-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PmPreferencesWindow, autosave_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PmPreferencesWindow, autosave_row);
  gtk_widget_class_bind_template_child (widget_class, PmPreferencesWindow, autosave_spin);
  gtk_widget_class_bind_template_child (widget_class, PmPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, PmPreferencesWindow, paper_size_row);
  gtk_widget_class_bind_template_child (widget_class, PmPreferencesWindow, timezone_row);
  gtk_widget_class_bind_template_callback (widget_class, on_timezone_apply_cb);
  gtk_widget_class_bind_template_child (widget_class, PmPreferencesWindow, live_certificate_row);
  gtk_widget_class_bind_template_child (widget_class, PmPreferencesWindow, live_key_row);
  gtk_widget_class_bind_template_child (widget_class, PmPreferencesWindow, live_status_row);
  gtk_widget_class_bind_template_child (widget_class, PmPreferencesWindow, live_reset_button);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_certificate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_key_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_live_reset_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_timezone_changed_cb);
}

static void
pm_preferences_window_init (PmPreferencesWindow *self)
{
  g_autofree char *zone = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);

  g_settings_bind (self->settings, "autosave-interval",
                   self->autosave_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "color-scheme",
                                self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                nick_to_index, index_to_nick,
                                (gpointer) color_scheme_nicks, NULL);
  g_settings_bind_with_mapping (self->settings, "paper-size",
                                self->paper_size_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                nick_to_index, index_to_nick,
                                (gpointer) paper_size_nicks, NULL);

  zone = g_settings_get_string (self->settings, "default-timezone");
  gtk_editable_set_text (GTK_EDITABLE (self->timezone_row), zone);
  gtk_widget_remove_css_class (GTK_WIDGET (self->timezone_row), "error");
  update_live_rows (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_preferences_window_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (PM_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
}
