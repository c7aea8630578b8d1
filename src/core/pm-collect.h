/* pm-collect.h — bringing participants' copies back into the moderator's document
 *
 * Each returned copy (see pm-participant-copy.h) is merged into the open document by id, three
 * ways, with what was sent as the common ancestor: "prepared_base" says, per event, which
 * version was sent, so an event only the participant changed takes their change, one only the
 * moderator changed since keeps the moderator's, and one both changed differently is a
 * conflict ("merge_conflicts", the document keeping the moderator's version). An event whose
 * sent version is not known (a copy not prepared by Postmortem, or an event collected before)
 * is a conflict wherever the two differ.
 *
 * Only events (and the participants they name) are collected. An event missing from a copy is
 * not deleted: a participant removing an event from their copy says nothing about the team's
 * timeline. Other changes in a copy (the description, participants' details) are left out.
 * New events without a contributor are attributed to the copy's participant. Events that look
 * like the same thing told twice are suggested ("duplicate_suggestions"), never merged.
 *
 * The open document is changed in place, as one undo step.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-document.h"

G_BEGIN_DECLS

typedef struct
{
  char  *contributor_id;  /* NULL: events without a contributor */
  char  *name;            /* the participant's name, or NULL */
  guint  n_events;
} PmCollectContribution;

typedef struct
{
  char  *file;            /* as shown to the user */
  char  *message;         /* why it was skipped */
} PmCollectSkipped;

typedef struct
{
  guint      n_copies;          /* copies merged */
  guint      n_new_events;
  guint      n_changed_events;  /* events already there that a copy changed */
  guint      n_new_participants;
  guint      n_conflicts;       /* new conflicts */
  guint      n_suggestions;     /* new duplicate suggestions */
  GPtrArray *contributions;     /* PmCollectContribution, in order of first appearance */
  GPtrArray *skipped;           /* PmCollectSkipped: files that could not be read or merged */
} PmCollectSummary;

void              pm_collect_summary_free (PmCollectSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmCollectSummary, pm_collect_summary_free)

/* Merges the copies in @files (GFile) into @document. A file that cannot be read, is not a
 * valid postmortem, or cannot be merged is skipped and listed in the summary with the reason;
 * the others are merged. Returns the summary (never NULL); nothing is changed when no copy
 * brought anything. */
PmCollectSummary *pm_collect_copies      (PmDocument  *document,
                                          GFile      **files,
                                          guint        n_files);

/* Applies @merged (a document descended from @document) to @document as one undo step labelled
 * @label: participants and events it adds, events it changes, its conflicts and suggestions.
 * Nothing is deleted. Fills the counts of @summary when given. */
void              pm_collect_apply       (PmDocument       *document,
                                          PmDocument       *merged,
                                          const char       *label,
                                          PmCollectSummary *summary);

G_END_DECLS
