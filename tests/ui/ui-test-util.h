/* ui-test-util.h — what the display tests share: running the main loop, the bundled example,
 * finding widgets and windows, and a private application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-application.h"
#include "pm-document.h"
#include "pm-window.h"

G_BEGIN_DECLS

typedef gboolean (*PmTestCondition) (gpointer data);

/* Set-up */
void           pm_test_init                    (int             *argc,
                                                char          ***argv);
char          *pm_test_make_private_dirs       (const char      *tmp_template);
PmApplication *pm_test_register_application    (void);

/* The main loop */
void           pm_test_drain_events            (guint            rounds);
void           pm_test_iterate                 (guint            times);
void           pm_test_wait_until              (PmTestCondition  condition,
                                                gpointer         data,
                                                guint            seconds);
void           pm_test_wait_until_mapped       (GtkWidget       *widget);

/* Files */
char          *pm_test_example_path            (void);
PmDocument    *pm_test_load_example_with       (const char      *from,
                                                const char      *to);
void           pm_test_remove_recursively      (const char      *path);

/* Widgets and windows */
GtkWidget     *pm_test_find_widget_of_type     (GtkWidget       *root,
                                                GType            type);
GtkWidget     *pm_test_find_widget_with_action (GtkWidget       *root,
                                                const char      *action);
guint          pm_test_count_widgets_of_type   (GtkWidget       *root,
                                                GType            type);
GtkWindow     *pm_test_find_shown_toplevel     (GType            type);
void           pm_test_destroy_all_windows     (void);

/* The application */
gboolean       pm_test_nothing_loading         (gpointer         app);
gboolean       pm_test_window_not_saving       (gpointer         window);
PmWindow      *pm_test_open_in_app             (PmApplication   *app,
                                                const char      *path);

G_END_DECLS
