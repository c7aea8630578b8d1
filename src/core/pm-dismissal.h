/* pm-dismissal.h — a method finding the team looked at and set aside, with their reason
 *
 * Findings are advice. When the team decides one does not apply, they dismiss it with a reason;
 * the dismissal is saved in the document ("dismissed_findings") and the method check leaves
 * that finding out from then on. A rule and an object id (NULL for a finding about the whole
 * document) name the finding, as in pm-analysis.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PM_TYPE_DISMISSAL (pm_dismissal_get_type ())
G_DECLARE_FINAL_TYPE (PmDismissal, pm_dismissal, PM, DISMISSAL, GObject)

/* Properties: "rule" and "object-id" (construct-only; object-id NULL for the document),
 * "reason" (why the team set the finding aside). */
PmDismissal   *pm_dismissal_new            (const char  *rule,
                                            const char  *object_id,
                                            const char  *reason);
const char    *pm_dismissal_get_rule       (PmDismissal *self);
/* NULL when the dismissed finding is about the document as a whole. */
const char    *pm_dismissal_get_object_id  (PmDismissal *self);
/* Never NULL; "" when no reason was given. */
const char    *pm_dismissal_get_reason     (PmDismissal *self);
void           pm_dismissal_set_reason     (PmDismissal *self,
                                            const char  *reason);
/* Whether this dismissal sets aside the finding of @rule about @object_id (NULL: document). */
gboolean       pm_dismissal_matches        (PmDismissal *self,
                                            const char  *rule,
                                            const char  *object_id);

G_END_DECLS
