/* pm-root-cause.h — one of the (always several) reasons the incident could happen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pm-assessment.h"

G_BEGIN_DECLS

#define PM_TYPE_ROOT_CAUSE (pm_root_cause_get_type ())
G_DECLARE_FINAL_TYPE (PmRootCause, pm_root_cause, PM, ROOT_CAUSE, GObject)

/* Properties: "id" (construct-only), "title", "description", "category" (string, see
 * pm-vocabulary.h), "events" (GStrv: ids of the events it explains).
 * Each root cause owns one PmAssessment per principle, created with it. */
PmRootCause   *pm_root_cause_new             (const char  *id);
const char    *pm_root_cause_get_id          (PmRootCause *self);
const char    *pm_root_cause_get_title       (PmRootCause *self);
void           pm_root_cause_set_title       (PmRootCause *self,
                                              const char  *title);
const char    *pm_root_cause_get_description (PmRootCause *self);
void           pm_root_cause_set_description (PmRootCause *self,
                                              const char  *description);
const char    *pm_root_cause_get_category    (PmRootCause *self);
void           pm_root_cause_set_category    (PmRootCause *self,
                                              const char  *category);
const char * const *pm_root_cause_get_events (PmRootCause *self);
void           pm_root_cause_set_events      (PmRootCause *self,
                                              const char * const *event_ids);
gboolean       pm_root_cause_has_event       (PmRootCause *self,
                                              const char  *event_id);
PmAssessment  *pm_root_cause_get_assessment  (PmRootCause *self,
                                              PmPrinciple  principle);

G_END_DECLS
