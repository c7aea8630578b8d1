/* pm-measure.h — something the team commits to change, tracked until it is done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PM_TYPE_MEASURE (pm_measure_get_type ())
G_DECLARE_FINAL_TYPE (PmMeasure, pm_measure, PM, MEASURE, GObject)

/* Properties: "id" (construct-only), "title", "description", "owner" (participant id or NULL),
 * "escalation" (who must decide, when it is beyond the room's authority), "kind" (prevent,
 * detect, mitigate, process), "status" (proposed, agreed, in-progress, done, verified, dropped;
 * default "proposed"), "drop-reason", "due" (ISO date "YYYY-MM-DD" or NULL), "ticket-key",
 * "ticket-url", "root-causes" (GStrv of root cause ids), "effort" (free text, e.g. "3 days"),
 * "cost-amount" (gint64, -1 = not given), "cost-currency" (ISO 4217, e.g. "EUR"),
 * "benefit" (expected benefit), "summary" (bool: chosen for the manager summary),
 * "confidential" (bool: internal to the team, never in the manager summary).
 * The history is a list of PmStatusChange, oldest first. */
PmMeasure     *pm_measure_new               (const char *id);
const char    *pm_measure_get_id            (PmMeasure  *self);
const char    *pm_measure_get_title         (PmMeasure  *self);
void           pm_measure_set_title         (PmMeasure  *self,
                                             const char *title);
const char    *pm_measure_get_description   (PmMeasure  *self);
void           pm_measure_set_description   (PmMeasure  *self,
                                             const char *description);
const char    *pm_measure_get_owner         (PmMeasure  *self);
void           pm_measure_set_owner         (PmMeasure  *self,
                                             const char *participant_id);
const char    *pm_measure_get_escalation    (PmMeasure  *self);
void           pm_measure_set_escalation    (PmMeasure  *self,
                                             const char *escalation);
const char    *pm_measure_get_kind          (PmMeasure  *self);
void           pm_measure_set_kind          (PmMeasure  *self,
                                             const char *kind);
const char    *pm_measure_get_status        (PmMeasure  *self);
void           pm_measure_set_status        (PmMeasure  *self,
                                             const char *status);
const char    *pm_measure_get_drop_reason   (PmMeasure  *self);
void           pm_measure_set_drop_reason   (PmMeasure  *self,
                                             const char *reason);
const char    *pm_measure_get_due           (PmMeasure  *self);
void           pm_measure_set_due           (PmMeasure  *self,
                                             const char *iso_date);
const char    *pm_measure_get_ticket_key    (PmMeasure  *self);
void           pm_measure_set_ticket_key    (PmMeasure  *self,
                                             const char *key);
const char    *pm_measure_get_ticket_url    (PmMeasure  *self);
void           pm_measure_set_ticket_url    (PmMeasure  *self,
                                             const char *url);
const char * const *pm_measure_get_root_causes (PmMeasure *self);
void           pm_measure_set_root_causes   (PmMeasure  *self,
                                             const char * const *root_cause_ids);
const char    *pm_measure_get_effort        (PmMeasure  *self);
void           pm_measure_set_effort        (PmMeasure  *self,
                                             const char *effort);
gint64         pm_measure_get_cost_amount   (PmMeasure  *self);
void           pm_measure_set_cost_amount   (PmMeasure  *self,
                                             gint64      amount);
const char    *pm_measure_get_cost_currency (PmMeasure  *self);
void           pm_measure_set_cost_currency (PmMeasure  *self,
                                             const char *currency);
const char    *pm_measure_get_benefit       (PmMeasure  *self);
void           pm_measure_set_benefit       (PmMeasure  *self,
                                             const char *benefit);
gboolean       pm_measure_get_summary       (PmMeasure  *self);
void           pm_measure_set_summary       (PmMeasure  *self,
                                             gboolean    summary);
gboolean       pm_measure_get_confidential  (PmMeasure  *self);
void           pm_measure_set_confidential  (PmMeasure  *self,
                                             gboolean    confidential);
/* A GListStore of PmStatusChange owned by the measure; change it through PmDocument. */
GListModel    *pm_measure_get_history       (PmMeasure  *self);

G_END_DECLS
