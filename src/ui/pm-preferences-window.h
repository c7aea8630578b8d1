/* pm-preferences-window.h — the application's preferences, stored in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PM_TYPE_PREFERENCES_WINDOW (pm_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (PmPreferencesWindow, pm_preferences_window, PM, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* @parent may be NULL. */
GtkWidget *pm_preferences_window_new (GtkWindow *parent);

G_END_DECLS
