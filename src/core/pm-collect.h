/* pm-collect.h — bringing participants' copies back into the moderator's document
 *
 * Each returned copy (see pm-participant-copy.h) is a contribution (see pm-contribution.h):
 * its participant's new events, and edits and deletions of their own events, are applied;
 * everything else it changes is recorded as a proposal for the moderator to accept or reject
 * ("merge_conflicts" entries with "from"), and nothing it leaves out is deleted. Events that
 * look like the same thing told twice are suggested ("duplicate_suggestions"), never merged.
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
  char  *contributor_id;  /* NULL: a copy that speaks for nobody */
  char  *name;            /* the participant's name, or NULL */
  guint  n_events;        /* new events */
  guint  n_proposals;     /* proposals awaiting the moderator's decision */
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
  guint      n_changed_events;  /* participants' own events that a copy changed */
  guint      n_deleted_events;  /* participants' own events that a copy deleted */
  guint      n_already_there;   /* new events the document already held, word for word */
  guint      n_new_participants;
  guint      n_proposals;       /* new proposals (changes to other people's work) */
  guint      n_unattributed;    /* copies that speak for nobody (all they bring is proposed) */
  guint      n_conflicts;       /* new conflicts (proposals included) */
  guint      n_suggestions;     /* new duplicate suggestions */
  GPtrArray *contributions;     /* PmCollectContribution, in order of first appearance */
  GPtrArray *skipped;           /* PmCollectSkipped: files that could not be read or merged */
} PmCollectSummary;

PmCollectSummary *pm_collect_summary_new  (void);
void              pm_collect_summary_free (PmCollectSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmCollectSummary, pm_collect_summary_free)

/* Merges the copies in @files (GFile) into @document. A file that cannot be read, is not a
 * valid postmortem, or cannot be merged is skipped and listed in the summary with the reason;
 * the others are merged. Returns the summary (never NULL); nothing is changed when no copy
 * brought anything. */
PmCollectSummary *pm_collect_copies      (PmDocument  *document,
                                          GFile      **files,
                                          guint        n_files);

G_END_DECLS
