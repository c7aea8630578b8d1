/* test-overview-page.c — the Overview page edits the document, follows it, and undoes
 *
 * The page is driven the way a user drives it: controls are found by their visible titles,
 * text is typed into them, buttons are clicked. Needs a display (run under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pm-document-format.h"
#include "pm-overview-page.h"
#include "pm-participant-row.h"
#include "ui-test-util.h"

typedef struct
{
  GtkWindow      *window;
  PmOverviewPage *page;
  PmDocument     *document;
} Fixture;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
show_document (Fixture    *fixture,
               PmDocument *document)
{
  fixture->document = document;
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
  fixture->page = PM_OVERVIEW_PAGE (pm_overview_page_new ());
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  pm_overview_page_set_document (fixture->page, document);
  gtk_window_present (fixture->window);
  pm_test_wait_until_mapped (GTK_WIDGET (fixture->window));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  show_document (fixture, pm_test_load_example_with (NULL, NULL));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  PmDocument *document = fixture->document;

  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &document);
  gtk_window_destroy (fixture->window);
  pm_test_drain_events (1);
  /* The undo stack refers to the document it edits (a cycle the core breaks in dispose, which
   * needs the last reference to go first): empty it, so only the page could keep it alive. */
  pm_undo_stack_clear (pm_document_get_undo_stack (fixture->document));
  g_object_unref (fixture->document);
  /* Neither the page nor its rows keep the document alive once they are gone. */
  g_assert_null (document);
}

typedef gboolean (*Match) (GtkWidget  *widget,
                           const char *text);

static GtkWidget *
find_widget (GtkWidget  *root,
             Match       match,
             const char *text)
{
  if (match (root, text))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_entry_row_titled (GtkWidget  *widget,
                     const char *title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_combo_row_titled (GtkWidget  *widget,
                     const char *title)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_label_with_text (GtkWidget  *widget,
                    const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_button_with_label (GtkWidget  *widget,
                      const char *label)
{
  return GTK_IS_BUTTON (widget) &&
         find_widget (widget, is_label_with_text, label) != NULL;
}

static gboolean
is_button_with_tooltip (GtkWidget  *widget,
                        const char *tooltip)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_participant_list (GtkWidget  *widget,
                     const char *unused)
{
  return GTK_IS_LIST_BOX (widget) &&
         gtk_widget_get_first_child (widget) != NULL &&
         (PM_IS_PARTICIPANT_ROW (gtk_widget_get_first_child (widget)) ||
          gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0) == NULL);
}

static GtkEditable *
entry (Fixture    *fixture,
       const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (fixture->page), is_entry_row_titled, title);

  g_assert_nonnull (row);
  return GTK_EDITABLE (row);
}

static AdwComboRow *
combo (Fixture    *fixture,
       const char *title)
{
  GtkWidget *row = find_widget (GTK_WIDGET (fixture->page), is_combo_row_titled, title);

  g_assert_nonnull (row);
  return ADW_COMBO_ROW (row);
}

/* The text view labelled @label. */
static GtkTextBuffer *
text_area (Fixture    *fixture,
           const char *label)
{
  GtkWidget *widget = find_widget (GTK_WIDGET (fixture->page), is_label_with_text, label);
  GtkWidget *view;

  g_assert_nonnull (widget);
  view = gtk_label_get_mnemonic_widget (GTK_LABEL (widget));
  g_assert_true (GTK_IS_TEXT_VIEW (view));
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Types @text at the end of @editable, one character at a time. */
static void
type_text (GtkEditable *editable,
           const char  *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      int position = -1;

      gtk_editable_set_position (editable, -1);
      position = gtk_editable_get_position (editable);
      gtk_editable_insert_text (editable, p, g_utf8_next_char (p) - p, &position);
    }
}

static guint
combo_position_of (AdwComboRow *row,
                   const char  *label)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), label) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static const char *
combo_shown (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  g_assert_nonnull (item);
  return gtk_string_object_get_string (item);
}

static PmParticipantRow *
participant_row (Fixture *fixture,
                 guint    index)
{
  GtkWidget *list = find_widget (GTK_WIDGET (fixture->page), is_participant_list, NULL);
  GtkListBoxRow *row;

  g_assert_nonnull (list);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
  g_assert_true (PM_IS_PARTICIPANT_ROW (row));
  return PM_PARTICIPANT_ROW (row);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_shows_document (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *summary = buffer_text (text_area (fixture, "Summary"));

  g_assert_cmpstr (gtk_editable_get_text (entry (fixture, "Title")), ==,
                   pm_document_get_title (fixture->document));
  g_assert_cmpstr (gtk_editable_get_text (entry (fixture, "Reference")), ==, "SEC-2024-017");
  g_assert_cmpstr (gtk_editable_get_text (entry (fixture, "Time Zone")), ==, "Europe/Berlin");
  /* 03:02:41+02:00 shown in Europe/Berlin */
  g_assert_cmpstr (gtk_editable_get_text (entry (fixture, "Start")), ==, "2024-10-26 03:02:41");
  /* from start and end: 2082 minutes */
  g_assert_cmpstr (gtk_editable_get_text (entry (fixture, "Duration")), ==, "1 day 10 h 42 min");
  g_assert_cmpstr (gtk_editable_get_text (entry (fixture, "Tags")), ==,
                   "supply-chain, ci-cd, secret-exposure, code-signing, desktop-client, "
                   "early-access");
  g_assert_cmpstr (combo_shown (combo (fixture, "Severity")), ==, "High");
  g_assert_cmpstr (combo_shown (combo (fixture, "Status")), ==, "In review");
  g_assert_cmpstr (summary, ==, pm_document_get_field (fixture->document, PM_FIELD_SUMMARY));
  g_assert_false (pm_document_get_modified (fixture->document));
}

static void
test_typing_is_one_undo_step (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkEditable *title = entry (fixture, "Title");
  PmUndoStack *undo = pm_document_get_undo_stack (fixture->document);
  g_autofree char *original = g_strdup (pm_document_get_title (fixture->document));
  g_autofree char *expected = g_strconcat (original, " (draft)", NULL);

  type_text (title, " (draft)");
  g_assert_cmpstr (pm_document_get_title (fixture->document), ==, expected);
  g_assert_true (pm_document_get_modified (fixture->document));

  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpstr (pm_document_get_title (fixture->document), ==, original);
  g_assert_cmpstr (gtk_editable_get_text (title), ==, original);
  /* One step for all keystrokes, and showing the old value did not make a new edit. */
  g_assert_false (pm_undo_stack_get_can_undo (undo));
  g_assert_true (pm_undo_stack_get_can_redo (undo));
  g_assert_false (pm_document_get_modified (fixture->document));

  g_assert_true (pm_document_redo (fixture->document));
  g_assert_cmpstr (gtk_editable_get_text (title), ==, expected);

  /* Replacing the whole text works too. */
  gtk_editable_set_text (title, "Leaked key");
  g_assert_cmpstr (pm_document_get_title (fixture->document), ==, "Leaked key");
}

static void
test_text_area (Fixture       *fixture,
                gconstpointer  data)
{
  GtkTextBuffer *buffer = text_area (fixture, "What Went Well");
  g_autofree char *original = g_strdup (pm_document_get_field (fixture->document,
                                                               PM_FIELD_WENT_WELL));
  g_autofree char *shown = NULL;
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, " A", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "B", -1);
  g_assert_true (g_str_has_suffix (pm_document_get_field (fixture->document,
                                                          PM_FIELD_WENT_WELL), " AB"));

  g_assert_true (pm_document_undo (fixture->document));
  shown = buffer_text (buffer);
  g_assert_cmpstr (shown, ==, original);
  g_assert_false (pm_document_get_modified (fixture->document));
}

static void
test_severity_choice (Fixture       *fixture,
                      gconstpointer  data)
{
  AdwComboRow *severity = combo (fixture, "Severity");
  guint low = combo_position_of (severity, "Low");

  g_assert_cmpuint (low, !=, GTK_INVALID_LIST_POSITION);
  adw_combo_row_set_selected (severity, low);
  g_assert_cmpstr (pm_document_get_field (fixture->document, PM_FIELD_SEVERITY), ==, "low");
  g_assert_true (pm_document_get_modified (fixture->document));

  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpstr (pm_document_get_field (fixture->document, PM_FIELD_SEVERITY), ==, "high");
  g_assert_cmpstr (combo_shown (severity), ==, "High");
  g_assert_false (pm_undo_stack_get_can_undo (pm_document_get_undo_stack (fixture->document)));

  /* A change made elsewhere shows up. */
  pm_document_set (fixture->document, fixture->document, "severity", "critical", NULL);
  g_assert_cmpstr (combo_shown (severity), ==, "Critical");
}

static void
test_unknown_severity_survives (Fixture       *fixture,
                                gconstpointer  data)
{
  AdwComboRow *severity;
  g_autofree char *saved = NULL;

  /* Replace the fixture's document with one from a newer version's vocabulary. */
  fixture_tear_down (fixture, data);
  show_document (fixture, pm_test_load_example_with ("\"severity\": \"high\"", "\"severity\": \"sev0\""));

  severity = combo (fixture, "Severity");
  g_assert_cmpstr (combo_shown (severity), ==, "sev0");
  g_assert_cmpstr (pm_document_get_field (fixture->document, PM_FIELD_SEVERITY), ==, "sev0");

  /* Unrelated edits keep it, and it is written back. */
  gtk_editable_set_text (entry (fixture, "Title"), "Another title");
  g_assert_cmpstr (pm_document_get_field (fixture->document, PM_FIELD_SEVERITY), ==, "sev0");
  saved = pm_document_serialize (fixture->document, NULL);
  g_assert_nonnull (strstr (saved, "\"sev0\""));

  /* Picking another value replaces it; undo brings it back, still shown as it is. */
  adw_combo_row_set_selected (severity, combo_position_of (severity, "Medium"));
  g_assert_cmpstr (pm_document_get_field (fixture->document, PM_FIELD_SEVERITY), ==, "medium");
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpstr (pm_document_get_field (fixture->document, PM_FIELD_SEVERITY), ==, "sev0");
  g_assert_cmpstr (combo_shown (severity), ==, "sev0");
}

static void
test_times (Fixture       *fixture,
            gconstpointer  data)
{
  GtkEditable *start = entry (fixture, "Start");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (fixture->document);

  gtk_editable_set_text (start, "2024-10-26 05:00");
  /* Times, zones and numbers are read once an edit is complete, in a high-priority idle. */
  pm_test_drain_events (1);
  after = pm_time_to_iso8601 (pm_document_get_start (fixture->document));
  g_assert_cmpstr (after, ==, "2024-10-26T05:00:00+02:00");
  g_assert_cmpint (pm_time_get_precision (pm_document_get_start (fixture->document)), ==,
                   PM_TIME_PRECISION_MINUTE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (start), "error"));

  /* Nonsense is not stored: the last valid time stays, the row says what is wrong. */
  gtk_editable_set_text (start, "next tuesday");
  pm_test_drain_events (1);
  before = g_steal_pointer (&after);
  after = pm_time_to_iso8601 (pm_document_get_start (fixture->document));
  g_assert_cmpstr (after, ==, before);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (start), "error"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (start)));
  g_assert_cmpstr (gtk_editable_get_text (start), ==, "next tuesday");

  /* Undo shows the old time again and clears the error. */
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpstr (gtk_editable_get_text (start), ==, "2024-10-26 03:02:41");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (start), "error"));

  /* Empty is "not known". */
  gtk_editable_set_text (start, "");
  pm_test_drain_events (1);
  g_assert_null (pm_document_get_start (fixture->document));
}

static void
test_time_zone (Fixture       *fixture,
                gconstpointer  data)
{
  GtkEditable *zone = entry (fixture, "Time Zone");

  gtk_editable_set_text (zone, "Mars/Olympus_Mons");
  pm_test_drain_events (1);
  g_assert_cmpstr (pm_document_get_timezone (fixture->document), ==, "Europe/Berlin");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (zone), "error"));
  g_assert_false (pm_document_get_modified (fixture->document));

  /* A valid zone is stored, and the times are shown in it. */
  gtk_editable_set_text (zone, "UTC");
  pm_test_drain_events (1);
  g_assert_cmpstr (pm_document_get_timezone (fixture->document), ==, "UTC");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (zone), "error"));
  g_assert_cmpstr (gtk_editable_get_text (entry (fixture, "Start")), ==, "2024-10-26 01:02:41");
}

static void
test_numbers (Fixture       *fixture,
              gconstpointer  data)
{
  GtkEditable *effort = entry (fixture, "Effort in Person-Hours");

  gtk_editable_set_text (effort, "12.5");
  pm_test_drain_events (1);
  g_assert_cmpint (pm_document_get_effort_hours (fixture->document), ==, 640);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (effort), "error"));

  gtk_editable_set_text (effort, "700");
  pm_test_drain_events (1);
  g_assert_cmpint (pm_document_get_effort_hours (fixture->document), ==, 700);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (effort), "error"));

  gtk_editable_set_text (effort, "");
  pm_test_drain_events (1);
  g_assert_cmpint (pm_document_get_effort_hours (fixture->document), ==, -1);

  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpint (pm_document_get_effort_hours (fixture->document), ==, 640);
  g_assert_cmpstr (gtk_editable_get_text (effort), ==, "640");
}

/* What the app shows is accepted back where it is typed. */
static void
test_shown_values_accepted (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkEditable *start = entry (fixture, "Start");
  GtkEditable *end = entry (fixture, "End");
  GtkEditable *duration = entry (fixture, "Duration");
  GtkEditable *cost = entry (fixture, "Cost");
  g_autofree char *iso = NULL;

  /* a time as the exports write it */
  gtk_editable_set_text (start, "26 Oct 2024 05:00");
  pm_test_drain_events (1);
  iso = pm_time_to_iso8601 (pm_document_get_start (fixture->document));
  g_assert_cmpstr (iso, ==, "2024-10-26T05:00:00+02:00");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (start), "error"));
  g_assert_cmpstr (gtk_editable_get_text (start), ==, "26 Oct 2024 05:00");

  /* the duration follows start and end and cannot be typed over */
  g_assert_false (gtk_editable_get_editable (duration));
  g_assert_cmpstr (gtk_editable_get_text (duration), ==, "1 day 8 h 45 min");
  g_assert_cmpint (pm_document_get_effective_duration_minutes (fixture->document), ==, 1965);

  /* without an end it is typed, as it is shown */
  gtk_editable_set_text (end, "");
  pm_test_drain_events (1);
  g_assert_true (gtk_editable_get_editable (duration));
  g_assert_cmpstr (gtk_editable_get_text (duration), ==, "1 day 10 h 42 min");
  gtk_editable_set_text (duration, "18h");
  pm_test_drain_events (1);
  g_assert_cmpint (pm_document_get_duration_minutes (fixture->document), ==, 1080);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (duration), "error"));
  g_assert_cmpstr (gtk_editable_get_text (duration), ==, "18h");
  gtk_editable_set_text (duration, "1 day 4 h");
  pm_test_drain_events (1);
  g_assert_cmpint (pm_document_get_duration_minutes (fixture->document), ==, 1680);
  gtk_editable_set_text (duration, "soon");
  pm_test_drain_events (1);
  g_assert_cmpint (pm_document_get_duration_minutes (fixture->document), ==, 1680);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (duration), "error"));

  /* amounts grouped in English and in German */
  gtk_editable_set_text (cost, "12,000");
  pm_test_drain_events (1);
  g_assert_cmpint (pm_document_get_cost_amount (fixture->document), ==, 12000);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (cost), "error"));
  g_assert_cmpstr (gtk_editable_get_text (cost), ==, "12,000");
  gtk_editable_set_text (cost, "13.500");
  pm_test_drain_events (1);
  g_assert_cmpint (pm_document_get_cost_amount (fixture->document), ==, 13500);
  gtk_editable_set_text (cost, "12.5");
  pm_test_drain_events (1);
  g_assert_cmpint (pm_document_get_cost_amount (fixture->document), ==, 13500);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (cost), "error"));

  /* undo (one step for the run of edits in the field) shows the stored figure again */
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpint (pm_document_get_cost_amount (fixture->document), ==, 186000);
  g_assert_cmpstr (gtk_editable_get_text (cost), ==, "186000");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (cost), "error"));
}

static void
test_tags (Fixture       *fixture,
           gconstpointer  data)
{
  GtkEditable *tags = entry (fixture, "Tags");
  const char * const *stored;

  gtk_editable_set_text (tags, "ci-cd,  supply-chain , ,ci-cd");
  stored = pm_document_get_tags (fixture->document);
  g_assert_cmpuint (g_strv_length ((char **) stored), ==, 2);
  g_assert_cmpstr (stored[0], ==, "ci-cd");
  g_assert_cmpstr (stored[1], ==, "supply-chain");
  /* What is being typed is not rewritten under the cursor. */
  g_assert_cmpstr (gtk_editable_get_text (tags), ==, "ci-cd,  supply-chain , ,ci-cd");
}

static void
test_participants (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *participants = pm_document_get_participants (fixture->document);
  guint n = g_list_model_get_n_items (participants);
  GtkWidget *add = find_widget (GTK_WIDGET (fixture->page), is_button_with_label,
                                "_Add Participant");
  g_autoptr(PmParticipant) added = NULL;
  PmParticipantRow *row;
  GtkWidget *focus;
  GtkWidget *remove;

  if (add == NULL)
    add = find_widget (GTK_WIDGET (fixture->page), is_button_with_label, "Add Participant");
  g_assert_nonnull (add);

  g_signal_emit_by_name (add, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, n + 1);
  added = g_list_model_get_item (participants, n);
  row = participant_row (fixture, n);
  g_assert_true (pm_participant_row_get_participant (row) == added);

  /* The new row is open and the cursor is in its name. */
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, find_widget (GTK_WIDGET (row),
                                                             is_entry_row_titled, "Name")));

  /* Typing a name, with characters that are markup elsewhere. */
  type_text (GTK_EDITABLE (find_widget (GTK_WIDGET (row), is_entry_row_titled, "Name")),
             "R&D <b>Zoë</b>");
  g_assert_cmpstr (pm_participant_get_name (added), ==, "R&D <b>Zoë</b>");
  gtk_editable_set_text (GTK_EDITABLE (find_widget (GTK_WIDGET (row), is_entry_row_titled,
                                                    "Role or team")),
                         "Legal");
  g_assert_cmpstr (pm_participant_get_role (added), ==, "Legal");
  pm_test_drain_events (1);

  /* Moderator is a switch in its own row. */
  {
    GtkWidget *action_row = find_widget (GTK_WIDGET (row), is_label_with_text,
                                         "Leads the meeting");
    GtkWidget *sw;

    while (action_row != NULL && !ADW_IS_ACTION_ROW (action_row))
      action_row = gtk_widget_get_parent (action_row);
    g_assert_nonnull (action_row);
    sw = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (action_row));
    g_assert_true (GTK_IS_SWITCH (sw));

    gtk_switch_set_active (GTK_SWITCH (sw), TRUE);
    g_assert_true (pm_participant_get_moderator (added));
    g_assert_true (pm_document_undo (fixture->document));
    g_assert_false (pm_participant_get_moderator (added));
    g_assert_false (gtk_switch_get_active (GTK_SWITCH (sw)));
  }

  /* Remove it with its own button, named after the person. */
  remove = find_widget (GTK_WIDGET (row), is_button_with_tooltip,
                        "Remove participant R&D <b>Zoë</b>");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, n);

  g_assert_true (pm_document_undo (fixture->document));
  g_assert_cmpuint (g_list_model_get_n_items (participants), ==, n + 1);
  g_assert_true (pm_participant_row_get_participant (participant_row (fixture, n)) == added);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (participant_row (fixture, n))),
                   ==, "R&amp;D &lt;b&gt;Zoë&lt;/b&gt;");
}

static gboolean
is_sensitive_input (GtkWidget  *widget,
                    const char *unused)
{
  return (GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget) || GTK_IS_BUTTON (widget) ||
          GTK_IS_SWITCH (widget) || ADW_IS_COMBO_ROW (widget)) &&
         gtk_widget_is_sensitive (widget);
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  data)
{
  fixture_tear_down (fixture, data);
  show_document (fixture, pm_test_load_example_with ("\"format_version\": 1", "\"format_version\": 2"));
  g_assert_true (pm_document_get_read_only (fixture->document));

  g_assert_cmpstr (gtk_editable_get_text (entry (fixture, "Title")), ==,
                   pm_document_get_title (fixture->document));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (entry (fixture, "Title"))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (combo (fixture, "Severity"))));
  g_assert_null (find_widget (GTK_WIDGET (fixture->page), is_sensitive_input, NULL));
}

static void
test_no_document (Fixture       *fixture,
                  gconstpointer  data)
{
  pm_overview_page_set_document (fixture->page, NULL);
  g_assert_null (pm_overview_page_get_document (fixture->page));
  g_assert_cmpstr (gtk_editable_get_text (entry (fixture, "Title")), ==, "");
  g_assert_null (find_widget (GTK_WIDGET (fixture->page), is_sensitive_input, NULL));

  /* And back, through the property. */
  g_object_set (fixture->page, "document", fixture->document, NULL);
  g_assert_cmpstr (gtk_editable_get_text (entry (fixture, "Title")), ==,
                   pm_document_get_title (fixture->document));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (entry (fixture, "Title"))));
  g_assert_false (pm_document_get_modified (fixture->document));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  pm_test_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/overview-page/shows-document", test_shows_document);
  ADD ("/overview-page/typing-is-one-undo-step", test_typing_is_one_undo_step);
  ADD ("/overview-page/text-area", test_text_area);
  ADD ("/overview-page/severity-choice", test_severity_choice);
  ADD ("/overview-page/unknown-severity-survives", test_unknown_severity_survives);
  ADD ("/overview-page/times", test_times);
  ADD ("/overview-page/time-zone", test_time_zone);
  ADD ("/overview-page/numbers", test_numbers);
  ADD ("/overview-page/shown-values-accepted", test_shown_values_accepted);
  ADD ("/overview-page/tags", test_tags);
  ADD ("/overview-page/participants", test_participants);
  ADD ("/overview-page/read-only", test_read_only);
  ADD ("/overview-page/no-document", test_no_document);

#undef ADD

  return g_test_run ();
}
