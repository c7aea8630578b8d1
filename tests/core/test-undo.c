/* test-undo.c — the undo stack on its own, with plain objects and list stores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-participant.h"
#include "pm-undo-stack.h"

static void
record_name (PmUndoStack   *stack,
             PmParticipant *participant,
             const char    *name,
             gboolean       mergeable)
{
  g_auto(GValue) old_value = G_VALUE_INIT;
  g_auto(GValue) new_value = G_VALUE_INIT;

  g_value_init (&old_value, G_TYPE_STRING);
  g_value_set_string (&old_value, pm_participant_get_name (participant));
  g_value_init (&new_value, G_TYPE_STRING);
  g_value_set_string (&new_value, name);
  pm_undo_stack_record_property (stack, G_OBJECT (participant), "name", &old_value, &new_value,
                                 mergeable);
  pm_participant_set_name (participant, name);
}

static void
test_property (void)
{
  g_autoptr(PmUndoStack) stack = pm_undo_stack_new ();
  g_autoptr(PmParticipant) participant = pm_participant_new ("p-1");
  guint64 initial = pm_undo_stack_get_state (stack);
  guint64 after_first;

  g_assert_false (pm_undo_stack_get_can_undo (stack));
  record_name (stack, participant, "Ana", FALSE);
  after_first = pm_undo_stack_get_state (stack);
  record_name (stack, participant, "Ana Lima", FALSE);
  g_assert_cmpuint (after_first, !=, initial);
  g_assert_true (pm_undo_stack_get_can_undo (stack));

  g_assert_true (pm_undo_stack_undo (stack));
  g_assert_cmpstr (pm_participant_get_name (participant), ==, "Ana");
  g_assert_cmpuint (pm_undo_stack_get_state (stack), ==, after_first);
  g_assert_true (pm_undo_stack_undo (stack));
  g_assert_cmpstr (pm_participant_get_name (participant), ==, "");
  g_assert_cmpuint (pm_undo_stack_get_state (stack), ==, initial);
  g_assert_false (pm_undo_stack_undo (stack));

  g_assert_true (pm_undo_stack_redo (stack));
  g_assert_true (pm_undo_stack_redo (stack));
  g_assert_cmpstr (pm_participant_get_name (participant), ==, "Ana Lima");
  g_assert_false (pm_undo_stack_redo (stack));

  /* A new edit after an undo forgets what could have been redone. */
  pm_undo_stack_undo (stack);
  record_name (stack, participant, "Bea", FALSE);
  g_assert_false (pm_undo_stack_get_can_redo (stack));
}

static void
test_group_and_labels (void)
{
  g_autoptr(PmUndoStack) stack = pm_undo_stack_new ();
  g_autoptr(GListStore) store = g_list_store_new (PM_TYPE_PARTICIPANT);
  g_autoptr(PmParticipant) a = pm_participant_new ("a");
  g_autoptr(PmParticipant) b = pm_participant_new ("b");

  pm_undo_stack_begin_group (stack, "Add Two");
  pm_undo_stack_begin_group (stack, NULL);      /* nested groups are one step */
  pm_undo_stack_record_insert (stack, store, 0, a);
  g_list_store_insert (store, 0, a);
  pm_undo_stack_end_group (stack);
  pm_undo_stack_record_insert (stack, store, 1, b);
  g_list_store_insert (store, 1, b);
  record_name (stack, b, "Bea", FALSE);
  g_assert_false (pm_undo_stack_get_can_undo (stack));  /* not until the group ends */
  pm_undo_stack_end_group (stack);

  g_assert_cmpstr (pm_undo_stack_get_undo_label (stack), ==, "Add Two");
  g_assert_true (pm_undo_stack_undo (stack));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 0);
  g_assert_cmpstr (pm_participant_get_name (b), ==, "");
  g_assert_cmpstr (pm_undo_stack_get_redo_label (stack), ==, "Add Two");

  g_assert_true (pm_undo_stack_redo (stack));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpstr (pm_participant_get_name (b), ==, "Bea");

  /* Removing in a step and undoing puts the item back where it was. */
  pm_undo_stack_record_remove (stack, store, 0, a);
  g_list_store_remove (store, 0);
  pm_undo_stack_undo (stack);
  {
    g_autoptr(PmParticipant) first = g_list_model_get_item (G_LIST_MODEL (store), 0);

    g_assert_true (first == a);
  }

  /* An empty group leaves no step. */
  pm_undo_stack_begin_group (stack, "Nothing");
  pm_undo_stack_end_group (stack);
  g_assert_cmpstr (pm_undo_stack_get_undo_label (stack), !=, "Nothing");
}

static void
test_merging (void)
{
  g_autoptr(PmUndoStack) stack = pm_undo_stack_new ();
  g_autoptr(PmParticipant) participant = pm_participant_new ("p-1");
  g_autoptr(PmParticipant) other = pm_participant_new ("p-2");

  record_name (stack, participant, "A", TRUE);
  record_name (stack, participant, "An", TRUE);
  record_name (stack, participant, "Ana", TRUE);
  /* Typing into another field starts a new step. */
  record_name (stack, other, "B", TRUE);

  pm_undo_stack_undo (stack);
  g_assert_cmpstr (pm_participant_get_name (other), ==, "");
  g_assert_cmpstr (pm_participant_get_name (participant), ==, "Ana");
  pm_undo_stack_undo (stack);
  g_assert_cmpstr (pm_participant_get_name (participant), ==, "");
  g_assert_false (pm_undo_stack_get_can_undo (stack));

  /* After an explicit break, the next keystroke is a step of its own. */
  pm_undo_stack_redo (stack);
  record_name (stack, participant, "Anab", TRUE);
  pm_undo_stack_break_merge (stack);
  record_name (stack, participant, "Anabel", TRUE);
  pm_undo_stack_undo (stack);
  g_assert_cmpstr (pm_participant_get_name (participant), ==, "Anab");
}

static void
test_notify (void)
{
  g_autoptr(PmUndoStack) stack = pm_undo_stack_new ();
  g_autoptr(PmParticipant) participant = pm_participant_new ("p-1");
  guint notified = 0;

  g_signal_connect_swapped (stack, "notify::state", G_CALLBACK (g_atomic_int_inc), &notified);

  record_name (stack, participant, "Ana", FALSE);
  g_assert_cmpuint (notified, ==, 1);
  pm_undo_stack_undo (stack);
  g_assert_cmpuint (notified, ==, 2);
  pm_undo_stack_clear (stack);
  g_assert_false (pm_undo_stack_get_can_redo (stack));
}

static void
on_refused (PmUndoStack *stack,
            const char  *label,
            const char  *who,
            GString     *log)
{
  g_string_append_printf (log, "%s/%s;", label, who);
}

/* Someone else's change is never taken back by undo; a step that would take it back is
 * refused and leaves the history, the others still work. */
static void
test_foreign_changes (void)
{
  g_autoptr(PmUndoStack) stack = pm_undo_stack_new ();
  g_autoptr(PmParticipant) ana = pm_participant_new ("p-1");
  g_autoptr(PmParticipant) bea = pm_participant_new ("p-2");
  g_autoptr(GString) log = g_string_new (NULL);

  g_signal_connect (stack, "refused", G_CALLBACK (on_refused), log);

  pm_undo_stack_begin_group (stack, "Name Ana");
  record_name (stack, ana, "Ana", TRUE);
  pm_undo_stack_end_group (stack);
  pm_undo_stack_begin_group (stack, "Name Bea");
  record_name (stack, bea, "Bea", TRUE);
  pm_undo_stack_end_group (stack);

  /* Tomasz renames Ana: not a step; and it breaks typing's merge. */
  pm_undo_stack_begin_foreign (stack, "Tomasz");
  record_name (stack, ana, "Ana (Tomasz)", TRUE);
  pm_undo_stack_end_foreign (stack);
  g_assert_cmpstr (pm_undo_stack_get_undo_label (stack), ==, "Name Bea");

  /* Bea's step does not touch it: undone as usual. */
  g_assert_true (pm_undo_stack_undo (stack));
  g_assert_cmpstr (pm_participant_get_name (bea), ==, "");
  g_assert_cmpstr (pm_participant_get_name (ana), ==, "Ana (Tomasz)");

  /* Ana's step would take Tomasz's name back: refused, said, dropped. */
  g_assert_cmpstr (pm_undo_stack_get_undo_label (stack), ==, "Name Ana");
  g_assert_false (pm_undo_stack_undo (stack));
  g_assert_cmpstr (log->str, ==, "Name Ana/Tomasz;");
  g_assert_cmpstr (pm_participant_get_name (ana), ==, "Ana (Tomasz)");
  g_assert_false (pm_undo_stack_get_can_undo (stack));

  /* Redo still brings Bea back. */
  g_assert_true (pm_undo_stack_redo (stack));
  g_assert_cmpstr (pm_participant_get_name (bea), ==, "Bea");

  /* A step on the redo side that a foreign change overlaps is refused there too. */
  g_assert_true (pm_undo_stack_undo (stack));
  pm_undo_stack_begin_foreign (stack, "Uma");
  record_name (stack, bea, "Bea (Uma)", FALSE);
  pm_undo_stack_end_foreign (stack);
  g_assert_false (pm_undo_stack_redo (stack));
  g_assert_cmpstr (log->str, ==, "Name Ana/Tomasz;Name Bea/Uma;");
  g_assert_cmpstr (pm_participant_get_name (bea), ==, "Bea (Uma)");
}

static void
test_foreign_removal (void)
{
  g_autoptr(PmUndoStack) stack = pm_undo_stack_new ();
  g_autoptr(GListStore) store = g_list_store_new (PM_TYPE_PARTICIPANT);
  g_autoptr(PmParticipant) ana = pm_participant_new ("p-1");
  g_autoptr(PmParticipant) bea = pm_participant_new ("p-2");
  g_autoptr(GString) log = g_string_new (NULL);

  g_signal_connect (stack, "refused", G_CALLBACK (on_refused), log);

  /* The moderator adds Ana, then renames her. */
  pm_undo_stack_begin_group (stack, "Add");
  g_list_store_append (store, ana);
  pm_undo_stack_record_insert (stack, store, 0, ana);
  pm_undo_stack_end_group (stack);
  pm_undo_stack_begin_group (stack, "Rename");
  record_name (stack, ana, "Ana", FALSE);
  pm_undo_stack_end_group (stack);

  /* Someone else adds Bea before her and removes Ana. */
  pm_undo_stack_begin_foreign (stack, "Tomasz");
  g_list_store_insert (store, 0, bea);
  pm_undo_stack_record_insert (stack, store, 0, bea);
  pm_undo_stack_end_foreign (stack);
  g_assert_cmpstr (pm_undo_stack_get_undo_label (stack), ==, "Rename");

  pm_undo_stack_begin_foreign (stack, "Tomasz");
  g_list_store_remove (store, 1);
  pm_undo_stack_record_remove (stack, store, 1, ana);
  pm_undo_stack_end_foreign (stack);

  /* Both of the moderator's steps are about Ana, whom someone else removed. */
  g_assert_false (pm_undo_stack_undo (stack));
  g_assert_false (pm_undo_stack_undo (stack));
  g_assert_cmpstr (log->str, ==, "Rename/Tomasz;Add/Tomasz;");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (store)), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/undo/property", test_property);
  g_test_add_func ("/undo/group-and-labels", test_group_and_labels);
  g_test_add_func ("/undo/merging", test_merging);
  g_test_add_func ("/undo/notify", test_notify);
  g_test_add_func ("/undo/foreign-changes", test_foreign_changes);
  g_test_add_func ("/undo/foreign-removal", test_foreign_removal);

  return g_test_run ();
}
