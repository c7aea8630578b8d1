/* pm-principle-sidebar.h — the seven principles, assessed for one root cause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_PRINCIPLE_SIDEBAR (pm_principle_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (PmPrincipleSidebar, pm_principle_sidebar, PM, PRINCIPLE_SIDEBAR, GtkWidget)

GtkWidget   *pm_principle_sidebar_new             (void);
PmDocument  *pm_principle_sidebar_get_document    (PmPrincipleSidebar *self);
void         pm_principle_sidebar_set_document    (PmPrincipleSidebar *self,
                                                   PmDocument         *document);
PmRootCause *pm_principle_sidebar_get_root_cause  (PmPrincipleSidebar *self);
/* The root cause whose principles are shown (one of the document's), or NULL. */
void         pm_principle_sidebar_set_root_cause  (PmPrincipleSidebar *self,
                                                   PmRootCause        *root_cause);
/* Brings @principle's entry into view and puts the keyboard focus on its verdict. */
void         pm_principle_sidebar_focus_principle (PmPrincipleSidebar *self,
                                                   PmPrinciple         principle);
/* The progress line, e.g. "5 of 7 assessed" (for the tests). */
const char  *pm_principle_sidebar_get_progress_text (PmPrincipleSidebar *self);

G_END_DECLS
