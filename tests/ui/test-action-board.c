/* test-action-board.c — the action board and the follow-up page move, record and undo
 *
 * Cards are moved the ways a user moves them: dropped through the drop target's handler, and
 * by the Alt+arrow keys' action on the focused card. Needs a display (run under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pm-action-board-private.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-follow-up-page.h"
#include "pm-review.h"
#include "pm-status-change.h"
#include "pm-window.h"
#include "ui-test-util.h"

typedef struct
{
  GtkWindow     *window;
  PmActionBoard *board;
  PmDocument    *document;
} Fixture;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 12, 10, 12, 0, 0);

  f->document = pm_test_load_example_with (data, data != NULL ? "\"status\": \"waiting-for-vendor\"" : NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1600, 900);
  f->board = PM_ACTION_BOARD (pm_action_board_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->board));
  _pm_action_board_set_now (f->board, now);
  pm_action_board_set_document (f->board, f->document);
  gtk_window_present (f->window);
  pm_test_drain_events (5);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  pm_test_drain_events (5);
  g_clear_object (&f->document);
}

static guint
count_cards (GtkWidget *column)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (column); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_object_get_data (G_OBJECT (row), "pm-measure") != NULL)
        n++;
    }

  return n;
}

static PmMeasure *
card_at (GtkWidget *column,
         guint      index)
{
  for (GtkWidget *row = gtk_widget_get_first_child (column); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      PmMeasure *m = g_object_get_data (G_OBJECT (row), "pm-measure");

      if (m != NULL && index-- == 0)
        return m;
    }

  return NULL;
}

static gboolean
has_label_with_prefix (GtkWidget  *widget,
                       const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (has_label_with_prefix (child, prefix))
        return TRUE;
    }

  return FALSE;
}

static guint
measure_index (PmDocument *document,
               PmMeasure  *measure)
{
  GListModel *measures = pm_document_get_measures (document);

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) m = g_list_model_get_item (measures, i);

      if (m == measure)
        return i;
    }

  return G_MAXUINT;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  const char *statuses[] = { "proposed", "agreed", "in-progress", "done", "verified", "dropped" };
  guint total = 0;
  PmMeasure *rotate = pm_document_find_measure (f->document, "m-rotate");
  PmMeasure *tag_gate = pm_document_find_measure (f->document, "m-tag-gate");

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      GtkWidget *column = _pm_action_board_get_column (f->board, statuses[i]);

      g_assert_nonnull (column);
      total += count_cards (column);
    }
  g_assert_cmpuint (total, ==, g_list_model_get_n_items (pm_document_get_measures (f->document)));
  g_assert_true (gtk_widget_get_parent (_pm_action_board_get_card (f->board, rotate))
                 == _pm_action_board_get_column (f->board, "verified"));
  /* m-tag-gate is due 2024-12-20: "today" is 2024-12-10, so not yet due soon. */
  g_assert_true (has_label_with_prefix (_pm_action_board_get_card (f->board, tag_gate), "Due 2024-12-20"));
  g_assert_true (has_label_with_prefix (_pm_action_board_get_card (f->board, tag_gate), "REL-1142"));
  g_assert_true (has_label_with_prefix (_pm_action_board_get_card (f->board, tag_gate), "Manager summary"));
}

static void
test_due_marks (Fixture       *f,
                gconstpointer  data)
{
  PmMeasure *tag_gate = pm_document_find_measure (f->document, "m-tag-gate");
  g_autoptr(GDateTime) soon = g_date_time_new_utc (2024, 12, 15, 12, 0, 0);
  g_autoptr(GDateTime) late = g_date_time_new_utc (2024, 12, 21, 12, 0, 0);

  _pm_action_board_set_now (f->board, soon);
  _pm_action_board_flush (f->board);
  g_assert_true (has_label_with_prefix (_pm_action_board_get_card (f->board, tag_gate), "Due soon: 2024-12-20"));

  _pm_action_board_set_now (f->board, late);
  _pm_action_board_flush (f->board);
  g_assert_true (has_label_with_prefix (_pm_action_board_get_card (f->board, tag_gate), "Overdue: was due 2024-12-20"));

  /* Overdue only: the overdue card stays, a verified one goes. */
  _pm_action_board_set_filters (f->board, NULL, NULL, TRUE, FALSE);
  g_assert_nonnull (_pm_action_board_get_card (f->board, tag_gate));
  g_assert_null (_pm_action_board_get_card (f->board, pm_document_find_measure (f->document, "m-rotate")));
  _pm_action_board_set_filters (f->board, NULL, NULL, FALSE, FALSE);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  PmMeasure *rotate = pm_document_find_measure (f->document, "m-rotate");
  PmMeasure *tag_gate = pm_document_find_measure (f->document, "m-tag-gate");

  _pm_action_board_set_filters (f->board, "p-tomasz", NULL, FALSE, FALSE);
  g_assert_nonnull (_pm_action_board_get_card (f->board, rotate));
  g_assert_null (_pm_action_board_get_card (f->board, tag_gate));

  _pm_action_board_set_filters (f->board, NULL, "rc-beta-autopublish", FALSE, FALSE);
  g_assert_null (_pm_action_board_get_card (f->board, rotate));
  g_assert_nonnull (_pm_action_board_get_card (f->board, tag_gate));

  /* Grouped: one column per root cause; a measure with two causes is in both. */
  _pm_action_board_set_filters (f->board, NULL, NULL, FALSE, TRUE);
  g_assert_nonnull (_pm_action_board_get_column (f->board, "rc-key-scope"));
  g_assert_true (gtk_widget_get_parent (_pm_action_board_get_card (f->board, rotate))
                 == _pm_action_board_get_column (f->board, "rc-key-scope"));
  g_assert_cmpuint (count_cards (_pm_action_board_get_column (f->board, "rc-beta-autopublish")), >=, 1);
  _pm_action_board_set_filters (f->board, NULL, NULL, FALSE, FALSE);
  g_assert_nonnull (_pm_action_board_get_column (f->board, "proposed"));
}

static void
test_drop_between_columns (Fixture       *f,
                           gconstpointer  data)
{
  PmMeasure *tag_gate = pm_document_find_measure (f->document, "m-tag-gate");
  GtkWidget *done = _pm_action_board_get_column (f->board, "done");
  PmMeasure *first_done = card_at (done, 0);
  guint history = g_list_model_get_n_items (pm_measure_get_history (tag_gate));
  guint index_before = measure_index (f->document, tag_gate);
  g_autoptr(PmStatusChange) change = NULL;

  g_assert_nonnull (first_done);
  /* Dropped at the top of the Done column: before its first card. */
  g_assert_true (_pm_action_board_drop (f->board, done, tag_gate, 1));
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "done");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (tag_gate)), ==, history + 1);
  change = g_list_model_get_item (pm_measure_get_history (tag_gate), history);
  g_assert_cmpstr (pm_status_change_get_from (change), ==, "in-progress");
  g_assert_cmpstr (pm_status_change_get_to (change), ==, "done");
  done = _pm_action_board_get_column (f->board, "done");
  g_assert_true (card_at (done, 0) == tag_gate);
  g_assert_true (card_at (done, 1) == first_done);
  g_assert_cmpuint (measure_index (f->document, tag_gate) + 1, ==, measure_index (f->document, first_done));

  /* One undo step takes back the status, the history entry and the order. */
  g_assert_true (pm_document_undo (f->document));
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "in-progress");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (tag_gate)), ==, history);
  g_assert_cmpuint (measure_index (f->document, tag_gate), ==, index_before);
  g_assert_true (gtk_widget_get_parent (_pm_action_board_get_card (f->board, tag_gate))
                 == _pm_action_board_get_column (f->board, "in-progress"));

  /* A card cannot be dropped into the column of a status this version does not know. */
  g_assert_true (pm_document_redo (f->document));
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "done");
}

static void
test_reorder_within_column (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *column = NULL;
  const char *statuses[] = { "proposed", "agreed", "in-progress", "done", "verified", "dropped" };
  PmMeasure *a, *b;

  for (guint i = 0; i < G_N_ELEMENTS (statuses) && column == NULL; i++)
    {
      GtkWidget *c = _pm_action_board_get_column (f->board, statuses[i]);

      if (count_cards (c) >= 2)
        column = c;
    }
  g_assert_nonnull (column);
  a = card_at (column, 0);
  b = card_at (column, 1);

  /* Keyboard: Alt+Down on the first card puts it after the second. */
  gtk_widget_grab_focus (_pm_action_board_get_card (f->board, a));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-card", "s", "down"));
  pm_test_drain_events (5);
  column = gtk_widget_get_parent (_pm_action_board_get_card (f->board, a));
  g_assert_true (card_at (column, 0) == b);
  g_assert_true (card_at (column, 1) == a);
  g_assert_cmpuint (measure_index (f->document, b), <, measure_index (f->document, a));
  /* The focus follows the card. */
  g_assert_true (gtk_widget_has_focus (_pm_action_board_get_card (f->board, a)));

  /* Alt+Up brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-card", "s", "up"));
  pm_test_drain_events (5);
  column = gtk_widget_get_parent (_pm_action_board_get_card (f->board, a));
  g_assert_true (card_at (column, 0) == a);

  /* Drag within the column: dropped below the second card. */
  {
    GtkWidget *second = _pm_action_board_get_card (f->board, b);
    graphene_rect_t bounds;

    g_assert_true (gtk_widget_compute_bounds (second, column, &bounds));
    g_assert_true (_pm_action_board_drop (f->board, column, a,
                                          bounds.origin.y + bounds.size.height - 2));
    pm_test_drain_events (5);
    column = gtk_widget_get_parent (_pm_action_board_get_card (f->board, a));
    g_assert_true (card_at (column, 0) == b);
    g_assert_true (card_at (column, 1) == a);
    g_assert_cmpstr (pm_measure_get_status (a), ==, pm_measure_get_status (b));
  }
}

static gboolean
move_card (Fixture    *f,
           const char *direction)
{
  return gtk_widget_activate_action (GTK_WIDGET (f->board), "board.move-card", "s", direction);
}

static void
test_keyboard_between_columns (Fixture       *f,
                               gconstpointer  data)
{
  PmMeasure *tag_gate = pm_document_find_measure (f->document, "m-tag-gate");
  guint history = g_list_model_get_n_items (pm_measure_get_history (tag_gate));

  gtk_widget_grab_focus (_pm_action_board_get_card (f->board, tag_gate));
  g_assert_true (move_card (f, "right"));
  pm_test_drain_events (5);
  /* pending: shown in the column, not yet changed */
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "in-progress");
  g_assert_true (gtk_widget_get_parent (_pm_action_board_get_card (f->board, tag_gate))
                 == _pm_action_board_get_column (f->board, "done"));
  g_assert_true (gtk_widget_has_focus (_pm_action_board_get_card (f->board, tag_gate)));
  _pm_action_board_settle (f->board);
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "done");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (tag_gate)), ==, history + 1);
  g_assert_true (gtk_widget_get_parent (_pm_action_board_get_card (f->board, tag_gate))
                 == _pm_action_board_get_column (f->board, "done"));
  g_assert_true (gtk_widget_has_focus (_pm_action_board_get_card (f->board, tag_gate)));

  /* Two columns back: one change, one history entry */
  g_assert_true (move_card (f, "left"));
  g_assert_true (move_card (f, "left"));
  _pm_action_board_settle (f->board);
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "agreed");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (tag_gate)), ==, history + 2);

  /* Each settled move is one undo step. */
  g_assert_true (pm_document_undo (f->document));
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "done");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (tag_gate)), ==, history + 1);
  g_assert_true (pm_document_undo (f->document));
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "in-progress");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (tag_gate)), ==, history);
  g_assert_false (pm_document_get_modified (f->document));

  /* Back where it started before settling: no change at all */
  pm_test_drain_events (5);
  gtk_widget_grab_focus (_pm_action_board_get_card (f->board, tag_gate));
  g_assert_true (move_card (f, "right"));
  g_assert_true (move_card (f, "left"));
  _pm_action_board_settle (f->board);
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "in-progress");
  g_assert_false (pm_document_get_modified (f->document));
}

/* Alt+Right through every column to Dropped: one question, and Cancel leaves the measure
 * where it was; the real timer settles it too. */
static void
test_keyboard_to_dropped (Fixture       *f,
                          gconstpointer  data)
{
  PmMeasure *tag_gate = pm_document_find_measure (f->document, "m-tag-gate");
  guint history = g_list_model_get_n_items (pm_measure_get_history (tag_gate));
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  gtk_widget_grab_focus (_pm_action_board_get_card (f->board, tag_gate));
  g_assert_true (move_card (f, "right"));
  g_assert_true (move_card (f, "right"));
  g_assert_true (move_card (f, "right"));
  g_assert_true (gtk_widget_get_parent (_pm_action_board_get_card (f->board, tag_gate))
                 == _pm_action_board_get_column (f->board, "dropped"));
  g_assert_null (_pm_action_board_get_dialog (f->board));
  /* wait for the settle timeout */
  for (int i = 0; i < 300 && _pm_action_board_get_dialog (f->board) == NULL; i++)
    {
      g_usleep (10000);
      pm_test_drain_events (1);
    }
  dialog = _pm_action_board_get_dialog (f->board);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (tag_gate)), ==, history);

  adw_message_dialog_response (dialog, "cancel");
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "in-progress");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (tag_gate)), ==, history);
  g_assert_false (pm_document_get_modified (f->document));
  g_assert_true (gtk_widget_get_parent (_pm_action_board_get_card (f->board, tag_gate))
                 == _pm_action_board_get_column (f->board, "in-progress"));
  g_assert_true (gtk_widget_has_focus (_pm_action_board_get_card (f->board, tag_gate)));

  /* Again, with a reason: one history entry, one undo step */
  g_assert_true (move_card (f, "right"));
  g_assert_true (move_card (f, "right"));
  g_assert_true (move_card (f, "right"));
  _pm_action_board_settle (f->board);
  dialog = _pm_action_board_get_dialog (f->board);
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Covered by the new release tool");
  adw_message_dialog_response (dialog, "drop");
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "dropped");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (tag_gate)), ==, history + 1);
  g_assert_true (pm_document_undo (f->document));
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "in-progress");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (tag_gate)), ==, history);
  g_assert_false (pm_document_get_modified (f->document));
}

static void
test_drop_reason (Fixture       *f,
                  gconstpointer  data)
{
  PmMeasure *tag_gate = pm_document_find_measure (f->document, "m-tag-gate");
  guint history = g_list_model_get_n_items (pm_measure_get_history (tag_gate));
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  g_autoptr(PmStatusChange) change = NULL;

  /* Cancelled: nothing changes. */
  pm_action_board_request_move (f->board, tag_gate, "dropped", NULL, FALSE);
  dialog = _pm_action_board_get_dialog (f->board);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "drop"));
  adw_message_dialog_response (dialog, "cancel");
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "in-progress");
  g_assert_false (pm_document_get_modified (f->document));

  /* With a reason: dropped, the reason kept with the measure and in its history. */
  pm_action_board_request_move (f->board, tag_gate, "dropped", NULL, FALSE);
  dialog = _pm_action_board_get_dialog (f->board);
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Covered by the new release tool");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "drop"));
  adw_message_dialog_response (dialog, "drop");
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "dropped");
  g_assert_cmpstr (pm_measure_get_drop_reason (tag_gate), ==, "Covered by the new release tool");
  change = g_list_model_get_item (pm_measure_get_history (tag_gate), history);
  g_assert_cmpstr (pm_status_change_get_note (change), ==, "Covered by the new release tool");
  g_assert_true (gtk_widget_get_parent (_pm_action_board_get_card (f->board, tag_gate))
                 == _pm_action_board_get_column (f->board, "dropped"));

  g_assert_true (pm_document_undo (f->document));
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "in-progress");
  g_assert_cmpstr (pm_measure_get_drop_reason (tag_gate), ==, "");
  g_assert_false (pm_document_get_modified (f->document));
}

static void
test_unknown_status (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *column = _pm_action_board_get_column (f->board, "waiting-for-vendor");
  PmMeasure *tag_gate = pm_document_find_measure (f->document, "m-tag-gate");

  /* The status from a newer file has a column of its own; nothing is lost. */
  g_assert_cmpstr (pm_measure_get_status (tag_gate), ==, "waiting-for-vendor");
  g_assert_nonnull (column);
  g_assert_true (card_at (column, 0) == tag_gate);
  /* Cards cannot be dropped into it. */
  g_assert_false (_pm_action_board_drop (f->board, column,
                                         pm_document_find_measure (f->document, "m-rotate"), 1));
  g_assert_false (pm_document_get_modified (f->document));
}

static void
test_side_panel (Fixture       *f,
                 gconstpointer  data)
{
  PmMeasure *measure;
  GtkWidget *title;
  GtkWidget *due;

  measure = pm_action_board_add_measure (f->board, "rc-key-scope");
  pm_test_drain_events (5);
  g_assert_nonnull (measure);
  g_assert_true (pm_action_board_get_selected (f->board) == measure);
  g_assert_true (adw_flap_get_reveal_flap (ADW_FLAP (_pm_action_board_get_editor (f->board, "flap"))));
  g_assert_cmpstr (pm_measure_get_root_causes (measure)[0], ==, "rc-key-scope");
  g_assert_nonnull (_pm_action_board_get_card (f->board, measure));

  title = _pm_action_board_get_editor (f->board, "title");
  gtk_editable_set_text (GTK_EDITABLE (title), "Alert on pushes with deploy keys");
  g_assert_cmpstr (pm_measure_get_title (measure), ==, "Alert on pushes with deploy keys");

  due = _pm_action_board_get_editor (f->board, "due");
  gtk_editable_set_text (GTK_EDITABLE (due), "2025-13-01");
  g_assert_null (pm_measure_get_due (measure));
  g_assert_true (gtk_widget_has_css_class (due, "error"));
  gtk_editable_set_text (GTK_EDITABLE (due), "2025-01-31");
  g_assert_cmpstr (pm_measure_get_due (measure), ==, "2025-01-31");

  /* Owner: chosen from the participants who attended; the last choice is someone outside the
   * room, whose name goes into the escalation. */
  {
    AdwComboRow *owner = ADW_COMBO_ROW (_pm_action_board_get_editor (f->board, "owner"));
    GListModel *choices = adw_combo_row_get_model (owner);
    guint n_choices = g_list_model_get_n_items (choices);

    /* "Nobody yet", the 8 who attended (not Priya, who did not), "Someone Outside the Room". */
    g_assert_cmpuint (n_choices, ==, 10);
    adw_combo_row_set_selected (owner, 1);
    g_assert_cmpstr (pm_measure_get_owner (measure), ==, "p-amara");
    adw_combo_row_set_selected (owner, n_choices - 1);
    g_assert_null (pm_measure_get_owner (measure));
    pm_test_drain_events (5);
  }

  /* Status from the panel: recorded in the history, shown in the history list. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (_pm_action_board_get_editor (f->board, "status")), 1);
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (measure), ==, "agreed");
  g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (measure)), ==, 1);

  /* Undo follows into the panel. */
  g_assert_true (pm_document_undo (f->document));
  pm_test_drain_events (5);
  g_assert_cmpstr (pm_measure_get_status (measure), ==, "proposed");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (_pm_action_board_get_editor (f->board, "status"))), ==, 0);
}

static void
test_window_add_measure (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example_with (NULL, NULL);
  PmWindow *window = pm_window_new (NULL);
  guint n = g_list_model_get_n_items (pm_document_get_measures (document));
  g_autoptr(PmMeasure) last = NULL;

  pm_window_set_document (window, document, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
  pm_test_drain_events (5);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-measure", "s", "rc-key-scope"));
  pm_test_drain_events (5);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_measures (document)), ==, n + 1);
  last = g_list_model_get_item (pm_document_get_measures (document), n);
  g_assert_cmpstr (pm_measure_get_root_causes (last)[0], ==, "rc-key-scope");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-measure", "s", ""));
  pm_test_drain_events (5);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_measures (document)), ==, n + 2);

  pm_window_close_confirmed (window);
  pm_test_drain_events (5);
}

/* ------------------------------------------------------------------------------------------ */
/* Follow-up page                                                                             */
/* ------------------------------------------------------------------------------------------ */

static void
test_follow_up_page (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example_with (NULL, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  PmFollowUpPage *page = PM_FOLLOW_UP_PAGE (pm_follow_up_page_new ());
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *path = NULL;
  g_autofree char *counts = NULL;
  PmFollowUp *follow_up;
  PmMeasure *first;
  guint n_open = 0;
  guint n_reviewed = 0;
  int fd;

  gtk_window_set_child (window, GTK_WIDGET (page));
  pm_follow_up_page_set_document (page, document);
  gtk_window_present (window);
  pm_test_drain_events (5);

  counts = pm_follow_up_page_dup_counts (page);
  g_assert_true (g_str_has_prefix (counts, "1 done, 1 verified, "));

  g_assert_null (pm_follow_up_page_plan (page, "next tuesday", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  /* A date no invitation can hold (the year 10000 in UTC) is refused, not saved to be
   * refused when the file is opened again. */
  {
    guint n_before = g_list_model_get_n_items (pm_document_get_follow_ups (document));

    g_assert_null (pm_follow_up_page_plan (page, "9999-12-31 23:30-08:00", &error));
    g_assert_error (error, PM_ERROR, PM_ERROR_TIME);
    g_clear_error (&error);
    g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_follow_ups (document)), ==, n_before);
  }

  follow_up = pm_follow_up_page_plan (page, "2025-02-03 10:00", &error);
  g_assert_no_error (error);
  g_assert_nonnull (follow_up);
  /* Read in the document's zone (Europe/Berlin, +01:00 in winter). */
  g_assert_cmpint (pm_time_get_unix (pm_follow_up_get_time (follow_up)), ==, 1738573200);
  g_assert_cmpuint (g_strv_length ((char **) pm_follow_up_get_attendees (follow_up)), ==, 8);

  fd = g_file_open_tmp ("follow-up-XXXXXX.ics", &path, &error);
  g_assert_no_error (error);
  close (fd);
  file = g_file_new_for_path (path);
  g_assert_true (pm_follow_up_page_export_ics (page, follow_up, file, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &ics, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (ics, "DTSTART:20250203T090000Z\r\n"));
  g_unlink (path);

  /* The review steps through every measure that is not closed. */
  for (guint i = 0; i < g_list_model_get_n_items (pm_document_get_measures (document)); i++)
    {
      g_autoptr(PmMeasure) m = g_list_model_get_item (pm_document_get_measures (document), i);
      const char *s = pm_measure_get_status (m);

      if (g_strcmp0 (s, "done") != 0 && g_strcmp0 (s, "verified") != 0 && g_strcmp0 (s, "dropped") != 0)
        n_open++;
    }
  pm_follow_up_page_start_review (page, follow_up);
  first = pm_follow_up_page_get_reviewed (page);
  g_assert_nonnull (first);
  g_assert_cmpstr (pm_measure_get_id (first), ==, "m-tag-gate");

  /* Dropping needs a reason. */
  pm_follow_up_page_record (page, "dropped", "  ");
  g_assert_true (pm_follow_up_page_get_reviewed (page) == first);
  g_assert_cmpstr (pm_measure_get_status (first), ==, "in-progress");

  pm_follow_up_page_record (page, "done", "Approval rule live since 30 January");
  g_assert_cmpstr (pm_measure_get_status (first), ==, "done");
  g_assert_cmpuint (g_list_model_get_n_items (pm_follow_up_get_reviews (follow_up)), ==, 1);
  {
    g_autoptr(PmReview) review = g_list_model_get_item (pm_follow_up_get_reviews (follow_up), 0);

    g_assert_cmpstr (pm_review_get_measure (review), ==, "m-tag-gate");
    g_assert_cmpstr (pm_review_get_status (review), ==, "done");
    g_assert_cmpstr (pm_review_get_note (review), ==, "Approval rule live since 30 January");
  }
  n_reviewed = 1;
  while (pm_follow_up_page_get_reviewed (page) != NULL)
    {
      PmMeasure *m = pm_follow_up_page_get_reviewed (page);

      pm_follow_up_page_record (page, pm_measure_get_status (m), "Checked");
      n_reviewed++;
    }
  g_assert_cmpuint (n_reviewed, ==, n_open);
  pm_test_drain_events (5);

  /* Recording one measure is one undo step: the review and the status go together. */
  for (guint i = 1; i < n_reviewed; i++)
    g_assert_true (pm_document_undo (document));
  g_assert_cmpuint (g_list_model_get_n_items (pm_follow_up_get_reviews (follow_up)), ==, 1);
  g_assert_true (pm_document_undo (document));
  g_assert_cmpuint (g_list_model_get_n_items (pm_follow_up_get_reviews (follow_up)), ==, 0);
  g_assert_cmpstr (pm_measure_get_status (first), ==, "in-progress");
  pm_test_drain_events (5);

  gtk_window_destroy (window);
  pm_test_drain_events (5);
}

int
main (int   argc,
      char *argv[])
{
  pm_test_init (&argc, &argv);

  g_test_add ("/ui/action-board/columns", Fixture, NULL, fixture_setup, test_columns, fixture_teardown);
  g_test_add ("/ui/action-board/due-marks", Fixture, NULL, fixture_setup, test_due_marks, fixture_teardown);
  g_test_add ("/ui/action-board/filters", Fixture, NULL, fixture_setup, test_filters, fixture_teardown);
  g_test_add ("/ui/action-board/drop-between-columns", Fixture, NULL, fixture_setup,
              test_drop_between_columns, fixture_teardown);
  g_test_add ("/ui/action-board/reorder", Fixture, NULL, fixture_setup,
              test_reorder_within_column, fixture_teardown);
  g_test_add ("/ui/action-board/keyboard", Fixture, NULL, fixture_setup,
              test_keyboard_between_columns, fixture_teardown);
  g_test_add ("/ui/action-board/keyboard-to-dropped", Fixture, NULL, fixture_setup,
              test_keyboard_to_dropped, fixture_teardown);
  g_test_add ("/ui/action-board/drop-reason", Fixture, NULL, fixture_setup, test_drop_reason,
              fixture_teardown);
  g_test_add ("/ui/action-board/unknown-status", Fixture, "\"status\": \"in-progress\"",
              fixture_setup, test_unknown_status, fixture_teardown);
  g_test_add ("/ui/action-board/side-panel", Fixture, NULL, fixture_setup, test_side_panel,
              fixture_teardown);
  g_test_add_func ("/ui/action-board/window-add-measure", test_window_add_measure);
  g_test_add_func ("/ui/follow-up-page/plan-export-review", test_follow_up_page);

  return g_test_run ();
}
