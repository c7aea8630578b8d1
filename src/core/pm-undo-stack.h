/* pm-undo-stack.h — undo and redo for every edit of a document, whatever view made it
 *
 * The stack records what changed (a property of a model object, an item inserted into or
 * removed from a list) in groups; one group is one user action (a drag, a dialog's OK) and is
 * undone as a whole. It does not perform edits itself: PmDocument does, and records them here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PM_TYPE_UNDO_STACK (pm_undo_stack_get_type ())
G_DECLARE_FINAL_TYPE (PmUndoStack, pm_undo_stack, PM, UNDO_STACK, GObject)

PmUndoStack *pm_undo_stack_new             (void);
/* The object that owns the stack (the document). Records about it do not reference it, since
 * the owner holds the stack; it must outlive the stack. Set before anything is recorded. */
void         pm_undo_stack_set_owner       (PmUndoStack  *self,
                                            GObject      *owner);

/* Groups nest; records made until the outermost end form one step. @label is shown as
 * "Undo @label" (translated by the caller). */
void         pm_undo_stack_begin_group     (PmUndoStack  *self,
                                            const char   *label);
void         pm_undo_stack_end_group       (PmUndoStack  *self);

/* Records that @property of @object went from @old_value to @new_value. With @mergeable, a
 * record for the same object and property right after another mergeable one (typing in a
 * field) extends that step instead of making a new one. */
void         pm_undo_stack_record_property (PmUndoStack  *self,
                                            GObject      *object,
                                            const char   *property,
                                            const GValue *old_value,
                                            const GValue *new_value,
                                            gboolean      mergeable);
void         pm_undo_stack_record_insert   (PmUndoStack  *self,
                                            GListStore   *store,
                                            guint         position,
                                            gpointer      item);
void         pm_undo_stack_record_remove   (PmUndoStack  *self,
                                            GListStore   *store,
                                            guint         position,
                                            gpointer      item);
/* Ends a run of mergeable records, so that the next edit starts a new step. */
void         pm_undo_stack_break_merge     (PmUndoStack  *self);

/* Changes recorded between these are someone else's (a participant in a live session, named
 * @who): they are applied but are not steps of this history, so undo never takes them back.
 * A step that would take one back (it changed the same property of the same object, or the
 * object someone else added or removed) is refused when it is reached: undo or redo returns
 * FALSE, emits "refused" (label, who) and drops it. Not inside an open group. */
void         pm_undo_stack_begin_foreign   (PmUndoStack  *self,
                                            const char   *who);
void         pm_undo_stack_end_foreign     (PmUndoStack  *self);

/* FALSE when there is nothing to undo, or the step was refused (see above). */
gboolean     pm_undo_stack_undo            (PmUndoStack  *self);
gboolean     pm_undo_stack_redo            (PmUndoStack  *self);
gboolean     pm_undo_stack_get_can_undo    (PmUndoStack  *self);
gboolean     pm_undo_stack_get_can_redo    (PmUndoStack  *self);
const char  *pm_undo_stack_get_undo_label  (PmUndoStack  *self);
const char  *pm_undo_stack_get_redo_label  (PmUndoStack  *self);
/* Identifies the content reached by the steps applied so far: undoing back to a state gives
 * the same number again, so "modified" is simply state != saved state. */
guint64      pm_undo_stack_get_state       (PmUndoStack  *self);
void         pm_undo_stack_clear           (PmUndoStack  *self);

G_END_DECLS
