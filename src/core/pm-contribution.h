/* pm-contribution.h — what a participant proposes to the moderator's document
 *
 * A participant's copy (see pm-participant-copy.h), and later a participant in a live session,
 * contributes to a document that is not theirs. The rules, the same for every way in:
 *
 * - Nothing a contribution leaves out is deleted: a copy carries no root causes, measures,
 *   follow-ups, lessons or team-only events, and their absence says nothing.
 * - A participant adds events, and edits or deletes the events they contributed (as long as
 *   the moderator has not changed that event since it was sent). These are applied.
 * - Every other change is a proposal the moderator accepts or rejects (see pm-merge.h: it is
 *   kept with the merge's conflicts, with "from" naming the participant and "source" the copy):
 *   an edit or deletion of an event someone else wrote, the postmortem's fields (title,
 *   classification, …), participants' details, root causes, measures, follow-ups, dismissed
 *   findings, an event's team-only flag or contributor.
 * - Who speaks is the copy's "prepared_for", never what the copy says about other people: a new
 *   event is attributed to that participant whatever contributor it claims. A copy prepared for
 *   nobody, for someone the document does not know and the copy does not introduce, or for the
 *   moderator, speaks for nobody: all it brings becomes proposals.
 * - Sections a copy cannot change (the meeting, a merge's open decisions, members this version
 *   does not know) are ignored; unknown members inside an event are not taken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-collect.h"
#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_CONTRIBUTION (pm_contribution_get_type ())
G_DECLARE_FINAL_TYPE (PmContribution, pm_contribution, PM, CONTRIBUTION, GObject)

/* What @copy (a loaded document, usually a participant's copy) contributes. @source names it
 * for people ("Leaked key – Tomasz.pmortem"). Fails for a copy written in a newer format than
 * this version writes (PM_ERROR_VERSION). */
PmContribution *pm_contribution_new_from_copy   (PmDocument       *copy,
                                                 const char       *source,
                                                 GError          **error);

/* The participant the contribution claims to speak for ("prepared_for"), or NULL. Whether the
 * claim holds is decided against the document when applying. */
const char     *pm_contribution_get_claimed_for (PmContribution   *self);
const char     *pm_contribution_get_source      (PmContribution   *self);

/* Applies the contribution to @document by the rules above, as one undo step labelled @label
 * (part of a larger step when the caller opened one). Everything is checked first: when the
 * result would break a limit of the file format, nothing changes and @error says why. Adds the
 * counts to @summary when given. */
gboolean        pm_contribution_apply           (PmContribution   *self,
                                                 PmDocument       *document,
                                                 const char       *label,
                                                 PmCollectSummary *summary,
                                                 GError          **error);

/* Whether @document looks like a participant's copy rather than the team's document: it names
 * its participant or the events it was sent, or it lacks every root cause, measure and
 * follow-up that @reference (the document it came from) has. */
gboolean        pm_contribution_looks_like_copy (PmDocument       *document,
                                                 PmDocument       *reference);

G_END_DECLS
