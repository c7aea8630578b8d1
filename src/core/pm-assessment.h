/* pm-assessment.h — how one security principle fared for one root cause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pm-vocabulary.h"

G_BEGIN_DECLS

#define PM_TYPE_ASSESSMENT (pm_assessment_get_type ())
G_DECLARE_FINAL_TYPE (PmAssessment, pm_assessment, PM, ASSESSMENT, GObject)

/* Properties: "principle" (PmPrinciple, construct-only), "verdict" (string: "not-assessed",
 * "contributed", "held-up", "not-relevant"; default "not-assessed"), "note". */
PmAssessment  *pm_assessment_new            (PmPrinciple   principle);
PmPrinciple    pm_assessment_get_principle  (PmAssessment *self);
const char    *pm_assessment_get_verdict    (PmAssessment *self);
void           pm_assessment_set_verdict    (PmAssessment *self,
                                             const char   *verdict);
const char    *pm_assessment_get_note       (PmAssessment *self);
void           pm_assessment_set_note       (PmAssessment *self,
                                             const char   *note);

G_END_DECLS
