/* pm-findings-button.h — the method check in the header bar: a count and a findings panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_FINDINGS_BUTTON (pm_findings_button_get_type ())
G_DECLARE_FINAL_TYPE (PmFindingsButton, pm_findings_button, PM, FINDINGS_BUTTON, AdwBin)

GtkWidget  *pm_findings_button_new           (void);
PmDocument *pm_findings_button_get_document  (PmFindingsButton *self);
void        pm_findings_button_set_document  (PmFindingsButton *self,
                                              PmDocument       *document);
/* The findings shown (dismissed ones left out): a GListModel of PmFinding. */
GListModel *pm_findings_button_get_findings  (PmFindingsButton *self);
guint       pm_findings_button_get_n_findings (PmFindingsButton *self);

/* For the tests: runs the check now instead of in the next idle. */
void        _pm_findings_button_refresh      (PmFindingsButton *self);
GtkPopover *_pm_findings_button_get_popover  (PmFindingsButton *self);

G_END_DECLS
