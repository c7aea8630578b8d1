/* pm-start-page.h — what a window shows without a document: New, Open and recent postmortems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The MIME type of .pmortem files (data/ installs it). */
#define PM_MIME_TYPE "application/x-pmortem+json"

#define PM_TYPE_START_PAGE (pm_start_page_get_type ())
G_DECLARE_FINAL_TYPE (PmStartPage, pm_start_page, PM, START_PAGE, AdwBin)

GtkWidget *pm_start_page_new              (void);
/* The number of recent postmortems listed. */
guint      pm_start_page_get_n_recent     (PmStartPage *self);

G_END_DECLS
