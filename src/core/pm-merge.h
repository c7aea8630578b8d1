/* pm-merge.h — three-way merge of postmortems by stable ids
 *
 * Two people edit copies of the same postmortem (participants pre-filling their events, or two
 * branches in git); the merge takes what each side changed relative to their common ancestor.
 * Changed on one side only: taken. The same change on both: taken. Different changes, a deletion
 * against an edit, or the same id added twice with different content: a conflict, recorded in the
 * merged document ("merge_conflicts") with both values while the merged document holds ours (or,
 * for a deletion against an edit, the edited object). Events that look like the same thing told
 * twice (close in time, similar text, different ids) are suggested ("duplicate_suggestions"),
 * never merged.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pm-document.h"

G_BEGIN_DECLS

/* Merges @ours and @theirs, both descended from @base (NULL: no common ancestor, every id is
 * "added on both"). Returns a new document (NULL with @error only when the merged content
 * breaks a limit of the format); @n_conflicts receives the number of conflicts it records,
 * including unresolved ones carried over from the inputs. The inputs are not changed. */
PmDocument *pm_merge_documents                 (PmDocument  *base,
                                                PmDocument  *ours,
                                                PmDocument  *theirs,
                                                guint       *n_conflicts,
                                                GError     **error);

/* The same with guards for git's merge driver, where one side may be a careless copy: a side
 * that deletes more than half of what @base holds (of at least 4 objects) has its deletions
 * recorded as conflicts (the merged document keeps the objects; "ours" or "theirs" is null on
 * the deleting side); a title or classification that differs between the sides is a conflict
 * (the merged document keeps ours), and so are differing file format versions ("document",
 * member "format_version"). See pm-merge-guard.c. */
PmDocument *pm_merge_documents_guarded         (PmDocument  *base,
                                                PmDocument  *ours,
                                                PmDocument  *theirs,
                                                guint       *n_conflicts,
                                                GError     **error);

typedef struct
{
  guint added;    /* participants, events, root causes, measures, follow-ups */
  guint changed;  /* the same, and the postmortem's fields as one */
  guint removed;
} PmMergeChanges;

/* What changed from @before to @after, for a one-line summary. */
void        pm_merge_count_changes             (PmDocument     *before,
                                                PmDocument     *after,
                                                PmMergeChanges *changes);

/* The conflicts recorded in @document: a JsonArray of objects
 * { "kind": "postmortem" | "participant" | "event" | "root_cause" | "measure" | "follow_up" |
 *   "dismissed_finding" | "document", "id": id (absent for the postmortem and the document),
 *   "member": dotted member path (absent when the whole object conflicts),
 *   "ours": JSON value or null, "theirs": JSON value or null,
 *   a participant's proposal also "source": where it came from, and "from": participant id }.
 * Borrowed; NULL when there are none. Kept on the document (the same as
 * pm_document_get_merge_conflicts()), so that the file format needs nothing from the merge. */
JsonArray  *pm_merge_get_conflicts             (PmDocument  *document);
/* Keeps a reference to @conflicts (NULL or empty: none). Not an undoable edit. */
void        pm_merge_set_conflicts             (PmDocument  *document,
                                                JsonArray   *conflicts);

/* Suggested duplicates: a JsonArray of { "a": event id, "b": event id }; borrowed, NULL when
 * there are none. The same as pm_document_get_duplicate_suggestions(). */
JsonArray  *pm_merge_get_duplicate_suggestions (PmDocument  *document);
void        pm_merge_set_duplicate_suggestions (PmDocument  *document,
                                                JsonArray   *suggestions);

/* A new conflict entry (see pm_merge_get_conflicts()), with copies of @ours and @theirs (NULL:
 * absent). */
JsonObject *pm_merge_conflict_new              (const char  *kind,
                                                const char  *id,
                                                const char  *member,
                                                JsonNode    *ours,
                                                JsonNode    *theirs);

/* The member holding the precision of time member @member ("time" → "precision", "start" →
 * "start_precision", …), or NULL when @member is no time: a time and its precision change
 * together, and a conflict holds them as one pair. */
const char *pm_merge_precision_member          (const char  *member);

/* Whether two events look like the same thing told twice: close in time (10 minutes; the same
 * day when one is known only to the day; both unknown) and similar text. */
gboolean    pm_merge_events_look_alike         (PmEvent     *a,
                                                PmEvent     *b);


/* Appends to @suggestions a { "a": there, "b": new } pair for every event of @events that
 * looks like one of @added (PmEvent, already in @events; pm_merge_events_look_alike()): each
 * new event meets the dated events within a day of it (at most @max_dated_compared of them,
 * G_MAXUINT: all) and up to 500 undated ones. Returns how many of @added got a suggestion. */
guint       pm_merge_suggest_duplicates        (GListModel  *events,
                                                GPtrArray   *added,
                                                guint        max_dated_compared,
                                                JsonArray   *suggestions);

/* ---- Deciding what a merge left open (pm-merge-resolve.c); each decision is one undo step
 * and removes its entry. ---- */

typedef enum
{
  PM_MERGE_KEEP_OURS,    /* the document's version (for a deletion against a change: deleted) */
  PM_MERGE_KEEP_THEIRS,  /* the other version */
  PM_MERGE_KEEP_BOTH,    /* events: ours stays, theirs becomes a second event with a new id */
} PmMergeChoice;

/* Whether conflict @index can be decided with @choice here. Keeping ours always can; theirs
 * for events and participants, and for every proposal of a participant (an entry with
 * "source", see pm-contribution.h) except members edited by hand (principles, a history,
 * reviews); both for events that both sides have. */
gboolean    pm_merge_can_resolve               (PmDocument    *document,
                                                guint          index,
                                                PmMergeChoice  choice);
gboolean    pm_merge_resolve_conflict          (PmDocument    *document,
                                                guint          index,
                                                PmMergeChoice  choice,
                                                GError       **error);
/* What the document holds now where @conflict points, in @file_root (the document's file form,
 * parsed): the value, a time as its pair, the whole object, or NULL when it is not there. A
 * proposal's "ours" is what the document held when it was made; this is what it holds now. */
JsonNode   *pm_merge_dup_current_value         (JsonObject    *file_root,
                                                JsonObject    *conflict);
/* Decides every proposal that participant @from made (see pm-contribution.h) with @choice
 * (keep ours: reject; keep theirs: accept), as one undo step. Returns how many were decided;
 * @n_failed receives how many could not be (their entries stay). */
guint       pm_merge_resolve_proposals_from    (PmDocument    *document,
                                                const char    *from,
                                                PmMergeChoice  choice,
                                                guint         *n_failed);
/* Suggestion @index: with @merge, event "b" goes into "a" (the longer text, the more precise
 * time, evidence and flags of both, b's root causes) and is removed; otherwise both stay. */
gboolean    pm_merge_resolve_duplicate         (PmDocument    *document,
                                                guint          index,
                                                gboolean       merge);

G_END_DECLS
