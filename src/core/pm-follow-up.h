/* pm-follow-up.h — a later meeting that checks every measure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-time.h"

G_BEGIN_DECLS

#define PM_TYPE_FOLLOW_UP (pm_follow_up_get_type ())
G_DECLARE_FINAL_TYPE (PmFollowUp, pm_follow_up, PM, FOLLOW_UP, GObject)

/* Properties: "id" (construct-only), "time" (PmTime, NULL = not scheduled yet), "attendees"
 * (GStrv of participant ids), "notes". Reviews: a GListStore of PmReview. */
PmFollowUp    *pm_follow_up_new            (const char   *id);
const char    *pm_follow_up_get_id         (PmFollowUp   *self);
const PmTime  *pm_follow_up_get_time       (PmFollowUp   *self);
void           pm_follow_up_set_time       (PmFollowUp   *self,
                                            const PmTime *time);
const char * const *pm_follow_up_get_attendees (PmFollowUp *self);
void           pm_follow_up_set_attendees  (PmFollowUp   *self,
                                            const char * const *participant_ids);
const char    *pm_follow_up_get_notes      (PmFollowUp   *self);
void           pm_follow_up_set_notes      (PmFollowUp   *self,
                                            const char   *notes);
/* A GListStore of PmReview owned by the follow-up; change it through PmDocument. */
GListModel    *pm_follow_up_get_reviews    (PmFollowUp   *self);

G_END_DECLS
