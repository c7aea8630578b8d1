/* pm-overview-page.h — the Overview page: what happened, its impact, lessons and who was there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_OVERVIEW_PAGE (pm_overview_page_get_type ())
G_DECLARE_FINAL_TYPE (PmOverviewPage, pm_overview_page, PM, OVERVIEW_PAGE, AdwBin)

GtkWidget  *pm_overview_page_new          (void);
PmDocument *pm_overview_page_get_document (PmOverviewPage *self);
void        pm_overview_page_set_document (PmOverviewPage *self,
                                           PmDocument     *document);

G_END_DECLS
