/* pm-trends-window.h — trends across a folder of postmortems: charts, tables, skipped files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-trends.h"

G_BEGIN_DECLS

#define PM_TYPE_TRENDS_WINDOW (pm_trends_window_get_type ())
G_DECLARE_FINAL_TYPE (PmTrendsWindow, pm_trends_window, PM, TRENDS_WINDOW, AdwWindow)

GtkWidget *pm_trends_window_new          (GtkApplication *application);

/* Reads every postmortem under @folder (in a worker thread) and shows the trends; watches the
 * folder and its subfolders and reads them again when a file changes. */
void       pm_trends_window_set_folder   (PmTrendsWindow *self,
                                          GFile          *folder);
GFile     *pm_trends_window_get_folder   (PmTrendsWindow *self);
void       pm_trends_window_set_grouping (PmTrendsWindow *self,
                                          PmTrendsGrouping grouping);
/* What is shown now; NULL before the first folder was read. The "trends" property notifies
 * each time a reading finishes. */
PmTrends  *pm_trends_window_get_trends   (PmTrendsWindow *self);
/* Writes the report shown to @file in a worker thread: Markdown when the name ends in .md,
 * else PDF. What the Save button does after the file chooser. */
void       pm_trends_window_save_report  (PmTrendsWindow *self,
                                          GFile          *file);
/* TRUE while a folder is being read. */
gboolean   pm_trends_window_get_loading  (PmTrendsWindow *self);

G_END_DECLS
