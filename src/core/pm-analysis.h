/* pm-analysis.h — the method check: the classic postmortem mistakes, found in a document
 *
 * The check reads a document and returns findings (PmFinding): advice, never a block. It changes
 * nothing and can run after every edit. Each rule gives at most one finding per object, so the
 * rule id, object kind and object id (NULL for the document) name a finding, e.g. to remember a
 * dismissal across runs.
 *
 * The rules, in the order the findings come in (then in document order):
 *
 *   single-root-cause          warning  Fewer than two root causes, once there is a timeline or
 *                                       a root cause. Incidents almost always have several.
 *   blame-language             warning  A root cause's or measure's title or description points
 *                                       at a person: a participant's full name (any case) or
 *                                       first name of three letters or more (written with a
 *                                       capital, so "will" is not Will), "human error", "forgot",
 *                                       "should have checked", "careless", "menschliches
 *                                       Versagen", "hätte … sollen", "vergessen", … Whole words,
 *                                       case-insensitive; the phrases and the cases left out on
 *                                       purpose ("forgot-password page", "a forgotten server",
 *                                       "should have a second approval") are listed in
 *                                       pm-analysis.c. Events are not checked: they record who
 *                                       did what. One finding per root cause or measure, quoting
 *                                       the first phrase.
 *   stopped-at-vulnerability   warning  There are root causes and every one is "technical": the
 *                                       analysis stopped at the hole instead of asking why it
 *                                       was there.
 *   unexplained-event          info     An event that contributed or slowed the response, linked
 *                                       to no root cause. One finding per event.
 *   event-outside-incident     warning  An event dated more than 7 days before the incident's start
 *                                       or after its end (see pm_document_get_incident_window();
 *                                       a time counts as its whole day, hour or minute): likely a
 *                                       wrong year or today's date typed by mistake. Background
 *                                       events may be old; unknown times and documents without
 *                                       a start or end are not checked. One finding per event.
 *   root-cause-without-measure info     No measure addresses the root cause; dropped measures do
 *                                       not count.
 *   principles-unassessed      info     None of the seven principles is assessed for a root
 *                                       cause yet; or, in a softer message, some still are not.
 *   measure-without-owner      warning  A measure (not dropped) with neither an owner nor an
 *                                       escalation. An owner who is not a participant counts as
 *                                       none.
 *   owner-not-attendee         info     The owner did not attend, and the measure is not an
 *                                       escalation (not dropped).
 *   measure-without-due-date   info     An open measure without a due date.
 *   measure-overdue            info     An open measure whose due date is before @today.
 *   no-follow-up               info     Measures are open and no follow-up meeting is planned
 *                                       after @today (a meeting later the same day counts; one
 *                                       with no time yet does not).
 *   impact-without-figures     info     Neither a cost nor an effort estimate for the incident.
 *   summary-missing            info     No teaser for people who were not involved.
 *   laundry-list               warning  More than five measures are marked for the manager
 *                                       summary.
 *
 * A finding the team dismissed (pm_document_dismiss_finding(), saved as "dismissed_findings")
 * is left out of the results; pm_document_get_dismissals() lists what was set aside and why.
 *
 * "Open" means any status but done, verified and dropped (an unknown status counts as open).
 * The document-wide rules (impact-without-figures, summary-missing) wait until the document has
 * content (an event, root cause or measure), so a new, empty document has no findings.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-document.h"
#include "pm-finding.h"

G_BEGIN_DECLS

/* The findings for @document as a new GListStore of PmFinding, in the order above. @today is
 * the moment due dates and follow-ups are compared with (NULL: now, local time); due dates are
 * compared with its date in its own zone. */
GListModel          *pm_analysis_check      (PmDocument *document,
                                             GDateTime  *today);

/* The rule ids, NULL-terminated, in the order their findings come in. */
const char * const  *pm_analysis_get_rules  (void);

/* The severity a rule's findings have; PM_FINDING_INFO for an unknown id. */
PmFindingSeverity    pm_analysis_get_rule_severity (const char *rule);

G_END_DECLS
