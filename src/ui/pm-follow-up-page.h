/* pm-follow-up-page.h — the Follow-up page: later meetings that check every measure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_FOLLOW_UP_PAGE (pm_follow_up_page_get_type ())
G_DECLARE_FINAL_TYPE (PmFollowUpPage, pm_follow_up_page, PM, FOLLOW_UP_PAGE, AdwBin)

GtkWidget  *pm_follow_up_page_new          (void);
PmDocument *pm_follow_up_page_get_document (PmFollowUpPage *self);
void        pm_follow_up_page_set_document (PmFollowUpPage *self,
                                            PmDocument     *document);

/* Plans a follow-up at @when (typed as a user would, read in the document's zone) with the
 * participants who attended as attendees. NULL with an error when @when is not a time. */
PmFollowUp *pm_follow_up_page_plan         (PmFollowUpPage *self,
                                            const char     *when,
                                            GError        **error);
/* Starts the review of @follow_up: one measure that is not closed after the other. */
void        pm_follow_up_page_start_review (PmFollowUpPage *self,
                                            PmFollowUp     *follow_up);
/* The measure the review shows now, or NULL when no review runs. */
PmMeasure  *pm_follow_up_page_get_reviewed (PmFollowUpPage *self);
/* Records @status and @note for the reviewed measure (one undo step) and goes to the next.
 * Dropping needs a reason: "dropped" with an empty @note records nothing. */
void        pm_follow_up_page_record       (PmFollowUpPage *self,
                                            const char     *status,
                                            const char     *note);
/* Writes the invitation for @follow_up to @file. */
gboolean    pm_follow_up_page_export_ics   (PmFollowUpPage *self,
                                            PmFollowUp     *follow_up,
                                            GFile          *file,
                                            GError        **error);
/* The counts in the summary strip, e.g. "done 2, verified 1, open 4, overdue 1, dropped 1". */
char       *pm_follow_up_page_dup_counts   (PmFollowUpPage *self);

G_END_DECLS
