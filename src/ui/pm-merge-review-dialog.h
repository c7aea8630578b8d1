/* pm-merge-review-dialog.h — deciding what merging copies left open
 *
 * Each conflict shows this document's version and the other one side by side, large enough for
 * a projector, with "Keep This", "Keep That" and (for events) "Keep Both"; each possible
 * duplicate shows the two events with "Merge" and "Keep Both". Every decision is one undo step
 * (a toast offers Undo) and the lists follow the document, undo included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_MERGE_REVIEW_DIALOG (pm_merge_review_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PmMergeReviewDialog, pm_merge_review_dialog, PM, MERGE_REVIEW_DIALOG,
                      AdwWindow)

PmMergeReviewDialog *pm_merge_review_dialog_new     (GtkWindow  *parent,
                                                     PmDocument *document);
/* Shows the dialog for @document over @parent (one per parent). */
void                 pm_merge_review_dialog_present (GtkWindow  *parent,
                                                     PmDocument *document);

G_END_DECLS
