/* pm-document.h — one postmortem: what happened, who was there, the timeline, the root causes,
 * the measures and the follow-ups
 *
 * The single source of truth. Every collection is a GListStore handed out as a read-only
 * GListModel; every change goes through a method here, so that it is recorded for undo, marks
 * the document modified and reaches every view through "notify" and "items-changed".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "pm-agenda-step.h"
#include "pm-dismissal.h"
#include "pm-event.h"
#include "pm-follow-up.h"
#include "pm-measure.h"
#include "pm-parking-topic.h"
#include "pm-participant.h"
#include "pm-root-cause.h"
#include "pm-undo-stack.h"

G_BEGIN_DECLS

#define PM_TYPE_DOCUMENT (pm_document_get_type ())
G_DECLARE_FINAL_TYPE (PmDocument, pm_document, PM, DOCUMENT, GObject)

/* The document's text properties. Each is also a GObject property of the same name. */
typedef enum
{
  PM_FIELD_TITLE,            /* "title" */
  PM_FIELD_REFERENCE_KEY,    /* "reference-key": incident ticket, e.g. SEC-1234 */
  PM_FIELD_REFERENCE_URL,    /* "reference-url" */
  PM_FIELD_SEVERITY,         /* "severity" */
  PM_FIELD_STATUS,           /* "status" (default "draft") */
  PM_FIELD_CLASSIFICATION,   /* "classification" */
  PM_FIELD_LANGUAGE,         /* "language" */
  PM_FIELD_TIMEZONE,         /* "timezone": IANA name the times are shown in */
  PM_FIELD_SUMMARY,          /* "summary": what happened */
  PM_FIELD_TEASER,           /* "teaser": for people who were not involved */
  PM_FIELD_AFFECTED,         /* "affected": who and what */
  PM_FIELD_DATA_AFFECTED,    /* "data-affected" */
  PM_FIELD_COST_CURRENCY,    /* "cost-currency" */
  PM_FIELD_RISK,             /* "risk": the risk statement */
  PM_FIELD_WENT_WELL,        /* "went-well" */
  PM_FIELD_GOT_LUCKY,        /* "got-lucky" */
  PM_N_FIELDS
} PmField;

/* Other properties: "start", "end", "detected" (PmTime, NULL = not known), "tags" (GStrv),
 * "lane-order" (GStrv: lane names in the order the timeline shows them, first),
 * "duration-minutes", "cost-amount", "effort-hours" (gint64, -1 = not given),
 * "prepared-for" (participant id: this is that participant's copy, see pm-participant-copy.h),
 * "merge-conflicts", "duplicate-suggestions" (JsonArray, what a merge left to decide; see
 * pm-merge.h), "current-step" (string: where the meeting is, see below), read-only "modified",
 * "read-only", "format-version", "untracked-changes". */

PmDocument    *pm_document_new                 (void);

/* The property name of @field, e.g. "reference-key". */
const char    *pm_document_field_get_name      (PmField      field);

const char    *pm_document_get_field           (PmDocument  *self,
                                                PmField      field);
const char    *pm_document_get_title           (PmDocument  *self);
const char    *pm_document_get_timezone        (PmDocument  *self);
/* The zone times are displayed in: the document's, else UTC. Never NULL. */
GTimeZone     *pm_document_dup_time_zone       (PmDocument  *self);
const PmTime  *pm_document_get_start           (PmDocument  *self);
const PmTime  *pm_document_get_end             (PmDocument  *self);
const PmTime  *pm_document_get_detected        (PmDocument  *self);
const char * const *pm_document_get_tags       (PmDocument  *self);
const char * const *pm_document_get_lane_order (PmDocument  *self);
gint64         pm_document_get_duration_minutes (PmDocument *self);
/* The incident's duration in minutes (rounded): from "start" to "end" when both are known and
 * the end is not before the start, else "duration-minutes" (-1: not known). */
gint64         pm_document_get_effective_duration_minutes (PmDocument *self);
/* The incident's window in unix seconds, for views and checks: "start".."end"; without an
 * end, the start plus PM_INCIDENT_DEFAULT_HOURS (a start known only to the day: that day);
 * without a start, the same before the end. Without either, today in the document's zone by
 * the default PmClock, and FALSE. */
#define PM_INCIDENT_DEFAULT_HOURS 6
gboolean       pm_document_get_incident_window (PmDocument  *self,
                                                gint64      *from,
                                                gint64      *to);
gint64         pm_document_get_cost_amount     (PmDocument  *self);
gint64         pm_document_get_effort_hours    (PmDocument  *self);
/* The participant this copy was prepared for (their events are attributed to them), or NULL. */
const char    *pm_document_get_prepared_for    (PmDocument  *self);
/* What a merge left open, kept with the document and saved in its file: the conflicts it
 * recorded ("merge-conflicts"; pm-merge.h describes an entry) and the events it suggests are
 * duplicates ("duplicate-suggestions", { "a": event id, "b": event id }). Borrowed; NULL when
 * there are none. The setters keep a reference (NULL or empty: none) and are no undoable
 * edit. */
JsonArray     *pm_document_get_merge_conflicts (PmDocument  *self);
void           pm_document_set_merge_conflicts (PmDocument  *self,
                                                JsonArray   *conflicts);
JsonArray     *pm_document_get_duplicate_suggestions (PmDocument *self);
void           pm_document_set_duplicate_suggestions (PmDocument *self,
                                                      JsonArray  *suggestions);

GListModel    *pm_document_get_participants    (PmDocument  *self);
GListModel    *pm_document_get_events          (PmDocument  *self);
GListModel    *pm_document_get_root_causes     (PmDocument  *self);
GListModel    *pm_document_get_measures        (PmDocument  *self);
GListModel    *pm_document_get_follow_ups      (PmDocument  *self);

/* Look-ups by id; borrowed, NULL when there is none. */
PmParticipant *pm_document_find_participant    (PmDocument  *self,
                                                const char  *id);
PmEvent       *pm_document_find_event          (PmDocument  *self,
                                                const char  *id);
PmRootCause   *pm_document_find_root_cause     (PmDocument  *self,
                                                const char  *id);
PmMeasure     *pm_document_find_measure        (PmDocument  *self,
                                                const char  *id);
PmFollowUp    *pm_document_find_follow_up      (PmDocument  *self,
                                                const char  *id);
/* A fresh id with @prefix ("ev", "rc", …) that no object of this document has. */
char          *pm_document_generate_id         (PmDocument  *self,
                                                const char  *prefix);

/* ---- Edits: each is recorded for undo and marks the document modified. ---- */

/* Sets properties of the document itself or of any object it holds, like g_object_set().
 * Changing an event's "time" moves it to its place on the timeline in the same step. */
void           pm_document_set                 (PmDocument  *self,
                                                gpointer     object,
                                                const char  *first_property,
                                                ...) G_GNUC_NULL_TERMINATED;
void           pm_document_set_value           (PmDocument  *self,
                                                gpointer     object,
                                                const char  *property,
                                                const GValue *value);
/* The same for typing into a field: consecutive edits of one property merge into one step. */
void           pm_document_set_value_merging   (PmDocument  *self,
                                                gpointer     object,
                                                const char  *property,
                                                const GValue *value);

/* @list is one of the document's collections, a measure's history or a follow-up's reviews. */
void           pm_document_insert              (PmDocument  *self,
                                                GListModel  *list,
                                                guint        position,
                                                gpointer     item);
void           pm_document_append              (PmDocument  *self,
                                                GListModel  *list,
                                                gpointer     item);
/* Removes @item and every reference to it (an event from root causes, a participant from
 * owners and attendees, …), in one step. */
void           pm_document_remove              (PmDocument  *self,
                                                GListModel  *list,
                                                gpointer     item);
void           pm_document_move                (PmDocument  *self,
                                                GListModel  *list,
                                                guint        from,
                                                guint        to);
/* Inserts @event at its place on the timeline (an unknown time goes last). */
void           pm_document_add_event           (PmDocument  *self,
                                                PmEvent     *event);
/* Sets the status and records the change in the measure's history. */
void           pm_document_change_measure_status (PmDocument  *self,
                                                PmMeasure   *measure,
                                                const char  *status,
                                                const char  *note,
                                                const PmTime *when);

/* Several edits as one undo step. */
void           pm_document_begin_change        (PmDocument  *self,
                                                const char  *label);
void           pm_document_end_change          (PmDocument  *self);

/* ---- Root causes and their events ---- */

/* Links the event @event_id to the root cause @root_cause_id (it explains the event), as one
 * undo step; FALSE when either does not exist or the link is already there. */
gboolean       pm_document_link_event_to_root_cause     (PmDocument *self,
                                                         const char *event_id,
                                                         const char *root_cause_id);
gboolean       pm_document_unlink_event_from_root_cause (PmDocument *self,
                                                         const char *event_id,
                                                         const char *root_cause_id);

/* ---- Dismissed method findings ("dismissed_findings") ---- */

/* A GListStore of PmDismissal; add and remove them with pm_document_append/_remove. */
GListModel    *pm_document_get_dismissals      (PmDocument  *self);
/* The dismissal of the finding of @rule about @object_id (NULL: the document), borrowed. */
PmDismissal   *pm_document_find_dismissal      (PmDocument  *self,
                                                const char  *rule,
                                                const char  *object_id);
/* Sets the finding aside with @reason, as one undo step (a second dismissal of the same
 * finding changes the reason). */
void           pm_document_dismiss_finding     (PmDocument  *self,
                                                const char  *rule,
                                                const char  *object_id,
                                                const char  *reason);

/* ---- The meeting: agenda, progress and parking lot ("meeting") ---- */

/* A GListStore of PmAgendaStep: the default agenda of a two-hour meeting until the file holds
 * another. Time boxes ("minutes") are edits like any other: pm_document_set(), undoable. */
GListModel    *pm_document_get_agenda          (PmDocument  *self);
/* The step with the id @step, borrowed; NULL when the agenda has none. */
PmAgendaStep  *pm_document_find_agenda_step    (PmDocument  *self,
                                                const char  *step);
/* Whether the agenda is the default one, untouched (then the file leaves it out). */
gboolean       pm_document_agenda_is_default   (PmDocument  *self);
/* The step the meeting is at ("current-step"); NULL before the meeting started. */
const char    *pm_document_get_current_step    (PmDocument  *self);
/* A GListStore of PmParkingTopic; add, remove and edit topics with pm_document_append(),
 * pm_document_remove() and pm_document_set(), all undoable. */
GListModel    *pm_document_get_parking_lot     (PmDocument  *self);

/* Meeting progress (the current step, time spent per step) changes with the clock, not by an
 * edit: it is set here without an undo step, so that a running timer never floods the undo
 * stack and Ctrl+Z never moves the meeting back. The document is marked modified (until the
 * next save, like a recovered draft) and "untracked-changes" counts up, so the autosaver keeps
 * a draft of it. Only for properties that are never changed through the undo stack. */
void           pm_document_set_without_undo    (PmDocument  *self,
                                                gpointer     object,
                                                const char  *first_property,
                                                ...) G_GNUC_NULL_TERMINATED;
/* Counts the changes made by pm_document_set_without_undo() (property "untracked-changes"). */
guint64        pm_document_get_untracked_changes (PmDocument *self);

/* Someone else's changes (a participant in a live session, named @who): the edits made between
 * these two are applied and saved like any other, but they are not steps of the undo history,
 * so Ctrl+Z never takes them back; a step that would take one back is refused (see
 * pm_undo_stack_begin_foreign() and its "refused" signal). Marks the document modified until the
 * next save and counts up "untracked-changes" (the autosaver keeps a draft). */
void           pm_document_begin_foreign_change (PmDocument *self,
                                                 const char *who);
void           pm_document_end_foreign_change   (PmDocument *self);
/* Whether the edits being made now are someone else's (between the two calls above). */
gboolean       pm_document_get_in_foreign_change (PmDocument *self);

PmUndoStack   *pm_document_get_undo_stack      (PmDocument  *self);
gboolean       pm_document_undo                (PmDocument  *self);
gboolean       pm_document_redo                (PmDocument  *self);

gboolean       pm_document_get_modified        (PmDocument  *self);
/* The current content is what is on disk now. */
void           pm_document_mark_saved          (PmDocument  *self);
/* The current content is not on disk (a recovered draft): modified until the next save, even
 * after undoing everything. */
void           pm_document_mark_modified       (PmDocument  *self);
/* Written by a newer Postmortem: open for reading, saved only as a copy. */
gboolean       pm_document_get_read_only       (PmDocument  *self);
int            pm_document_get_format_version  (PmDocument  *self);
int            pm_document_get_min_reader_version (PmDocument *self);
void           _pm_document_set_versions       (PmDocument  *self,
                                                int          format_version,
                                                int          min_reader_version);

G_END_DECLS
