/* pm-root-causes-page.h — the Root Causes page: the causes, their principles, open questions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"
#include "pm-principle-sidebar.h"

G_BEGIN_DECLS

#define PM_TYPE_ROOT_CAUSES_PAGE (pm_root_causes_page_get_type ())
G_DECLARE_FINAL_TYPE (PmRootCausesPage, pm_root_causes_page, PM, ROOT_CAUSES_PAGE, AdwBin)

GtkWidget   *pm_root_causes_page_new                (void);
PmDocument  *pm_root_causes_page_get_document       (PmRootCausesPage *self);
void         pm_root_causes_page_set_document       (PmRootCausesPage *self,
                                                     PmDocument       *document);
/* The root cause shown in the details and the checklist, or NULL. */
PmRootCause *pm_root_causes_page_get_selected       (PmRootCausesPage *self);
/* Selects the root cause @id and brings it into view; FALSE when there is none. */
gboolean     pm_root_causes_page_select_root_cause  (PmRootCausesPage *self,
                                                     const char       *id);
/* Selects the root cause @id and opens its checklist at @principle. */
gboolean     pm_root_causes_page_show_principle     (PmRootCausesPage *self,
                                                     const char       *id,
                                                     PmPrinciple       principle);
/* Shows the event @id: its open question, or the root cause that explains it. */
gboolean     pm_root_causes_page_show_event         (PmRootCausesPage *self,
                                                     const char       *id);

/* For the tests. */
PmPrincipleSidebar *_pm_root_causes_page_get_sidebar (PmRootCausesPage *self);
/* The overview grid's cell for the @row-th root cause and @principle, or NULL. */
GtkWidget   *_pm_root_causes_page_get_cell          (PmRootCausesPage *self,
                                                     guint             row,
                                                     PmPrinciple       principle);
guint        _pm_root_causes_page_get_n_open_questions (PmRootCausesPage *self);
/* Refreshes what waits for an idle now. */
void         _pm_root_causes_page_flush             (PmRootCausesPage *self);

G_END_DECLS
