/* pm-preferences-window.c — the application's preferences, stored in GSettings
 *
 * Every row is bound to its key, so a change applies at once and in every window. The time
 * zone is written only once it is a zone this system knows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

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

static void
pm_preferences_window_dispose (GObject *object)
{
  PmPreferencesWindow *self = PM_PREFERENCES_WINDOW (object);

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
