/* pm-finding.h — one piece of advice from the method check
 *
 * A finding says which rule noticed something, how much it matters, what it is about and, in a
 * short translated message, what to do. Findings are advice, never a block. A finding never
 * changes after it is made; the check makes new ones each time it runs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PM_FINDING_INFO,     /* "info": worth a look before publishing */
  PM_FINDING_WARNING,  /* "warning": a classic postmortem mistake */
} PmFindingSeverity;

#define PM_TYPE_FINDING_SEVERITY (pm_finding_severity_get_type ())
GType        pm_finding_severity_get_type    (void) G_GNUC_CONST;

/* The stable names "info" and "warning", e.g. for `pmortem check --json`. */
const char  *pm_finding_severity_to_string   (PmFindingSeverity  severity);

/* What a finding is about ("object-kind"). */
#define PM_FINDING_KIND_DOCUMENT    "document"
#define PM_FINDING_KIND_EVENT       "event"
#define PM_FINDING_KIND_ROOT_CAUSE  "root-cause"
#define PM_FINDING_KIND_MEASURE     "measure"
#define PM_FINDING_KIND_PARTICIPANT "participant"

#define PM_TYPE_FINDING (pm_finding_get_type ())
G_DECLARE_FINAL_TYPE (PmFinding, pm_finding, PM, FINDING, GObject)

/* Read-only properties, set once by pm_finding_new():
 *   "rule"         the rule id, one of pm_analysis_get_rules()
 *   "severity"     PmFindingSeverity
 *   "message"      translated, short, says what to do
 *   "object-kind"  one of the PM_FINDING_KIND_* names
 *   "object-id"    the id of the event, root cause, measure or participant the finding is about;
 *                  NULL when it is about the document as a whole */
PmFinding         *pm_finding_new             (const char        *rule,
                                               PmFindingSeverity  severity,
                                               const char        *object_kind,
                                               const char        *object_id,
                                               const char        *message);
const char        *pm_finding_get_rule        (PmFinding         *self);
PmFindingSeverity  pm_finding_get_severity    (PmFinding         *self);
const char        *pm_finding_get_message     (PmFinding         *self);
const char        *pm_finding_get_object_kind (PmFinding         *self);
/* NULL when the finding is about the document. */
const char        *pm_finding_get_object_id   (PmFinding         *self);

G_END_DECLS
