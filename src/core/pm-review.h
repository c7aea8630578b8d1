/* pm-review.h — what a follow-up meeting found about one measure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PM_TYPE_REVIEW (pm_review_get_type ())
G_DECLARE_FINAL_TYPE (PmReview, pm_review, PM, REVIEW, GObject)

/* Properties: "measure" (measure id, construct-only), "status" (the status found), "note". */
PmReview      *pm_review_new          (const char *measure_id);
const char    *pm_review_get_measure  (PmReview   *self);
const char    *pm_review_get_status   (PmReview   *self);
void           pm_review_set_status   (PmReview   *self,
                                       const char *status);
const char    *pm_review_get_note     (PmReview   *self);
void           pm_review_set_note     (PmReview   *self,
                                       const char *note);

G_END_DECLS
