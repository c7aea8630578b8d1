/* test-meeting.c — display tests for running the meeting: the agenda and timer in the header
 * (on a fake clock), next step bringing its page forward, time spent saved in the file, the
 * ground rules card, the parking lot with undo, and presentation mode
 *
 * Runs under Xvfb (GDK_BACKEND=x11, GSK_RENDERER=cairo, GSETTINGS_BACKEND=memory).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pm-application.h"
#include "pm-clock.h"
#include "pm-document-format.h"
#include "pm-meeting-button.h"
#include "pm-parking-lot.h"
#include "pm-publish-dialog.h"
#include "pm-rules-card.h"
#include "pm-window-private.h"
#include "ui-test-util.h"

#define SECOND G_USEC_PER_SEC
#define MINUTE (60 * G_USEC_PER_SEC)

static PmApplication *app;
static char *tmp_dir;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* The first button under @root whose tooltip is @tooltip. */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) &&
          g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      if ((found = find_button (child, tooltip)) != NULL)
        return found;
    }

  return NULL;
}

static const char *
visible_page (PmWindow *window)
{
  GtkWidget *stack = pm_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

/* The subtitle of the agenda row of @title ("12:05 spent", "Now, 1:00 spent", …). */
static const char *
agenda_row_subtitle (PmMeetingButton *button,
                     const char      *title)
{
  GtkPopover *popover = _pm_meeting_button_get_popover (button);
  GtkWidget *list = pm_test_find_widget_of_type (GTK_WIDGET (popover), GTK_TYPE_LIST_BOX);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row) &&
        g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) == 0)
      return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));

  g_error ("no agenda row “%s”", title);
}

typedef struct
{
  PmClock         *clock;
  PmDocument      *document;
  PmWindow        *window;
  PmMeetingButton *button;
} Meeting;

/* A window with a new document whose timer runs on a fake clock. */
static void
meeting_open (Meeting    *meeting,
              PmDocument *document)
{
  meeting->clock = pm_clock_new_fake (100 * SECOND);
  pm_clock_set_default (meeting->clock);

  meeting->document = document != NULL ? g_object_ref (document) : pm_document_new ();
  if (document == NULL)
    g_object_set (meeting->document, "title", "Meeting test", NULL);
  meeting->window = pm_window_new (GTK_APPLICATION (app));
  pm_window_set_document (meeting->window, meeting->document, NULL, NULL);
  gtk_window_present (GTK_WINDOW (meeting->window));
  pm_test_iterate (50);

  meeting->button = PM_MEETING_BUTTON (pm_test_find_widget_of_type (GTK_WIDGET (meeting->window),
                                                                    PM_TYPE_MEETING_BUTTON));
  g_assert_nonnull (meeting->button);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (meeting->button)));
  g_assert_true (pm_meeting_timer_get_clock (pm_meeting_button_get_timer (meeting->button)) ==
                 meeting->clock);
}

static void
meeting_close (Meeting *meeting)
{
  pm_test_destroy_all_windows ();
  pm_clock_set_default (NULL);
  g_clear_object (&meeting->document);
  g_clear_object (&meeting->clock);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/* The header shows the first step and its whole time box; the agenda has the defaults. */
static void
test_agenda_defaults (void)
{
  static const int minutes[] = { 10, 60, 40, 5, 5 };
  Meeting meeting = { 0 };

  meeting_open (&meeting, NULL);

  g_assert_cmpstr (_pm_meeting_button_get_step_text (meeting.button), ==, "What Happened");
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "10:00 left");
  for (guint i = 0; i < G_N_ELEMENTS (minutes); i++)
    g_assert_cmpint (gtk_spin_button_get_value_as_int (_pm_meeting_button_get_minutes (meeting.button, i)),
                     ==, minutes[i]);
  g_assert_null (_pm_meeting_button_get_minutes (meeting.button, G_N_ELEMENTS (minutes)));
  g_assert_cmpstr (agenda_row_subtitle (meeting.button, "Event Storming"), ==, "Not started");

  /* Nothing counts before the meeting starts. */
  pm_clock_advance (meeting.clock, 5 * MINUTE);
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "10:00 left");
  g_assert_cmpuint (pm_document_get_untracked_changes (meeting.document), ==, 0);

  /* Without a document the button is not there. */
  pm_window_set_document (meeting.window, NULL, NULL, NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (meeting.button)));

  meeting_close (&meeting);
}

/* Start, count down, run over, pause, next step: labels, pages, time spent. */
static void
test_timer_and_next_step (void)
{
  Meeting meeting = { 0 };
  PmAgendaStep *first, *storming;
  GtkWindow *card, *publish;
  GtkWidget *menu_button;

  meeting_open (&meeting, NULL);
  first = pm_document_find_agenda_step (meeting.document, "what-happened");
  storming = pm_document_find_agenda_step (meeting.document, "event-storming");
  gtk_widget_activate_action (GTK_WIDGET (meeting.window), "win.show-page", "s", "measures");

  /* The first start: the ground rules, over the step's page. */
  pm_meeting_button_start_pause (meeting.button);
  pm_test_iterate (50);
  card = pm_test_find_shown_toplevel (PM_TYPE_RULES_CARD);
  g_assert_nonnull (card);
  g_assert_true (gtk_window_get_transient_for (card) == GTK_WINDOW (meeting.window));
  g_assert_true (gtk_window_get_modal (card));
  g_assert_cmpstr (visible_page (meeting.window), ==, "overview");
  g_assert_cmpstr (pm_document_get_current_step (meeting.document), ==, "what-happened");
  /* Escape or the window's close: the card goes. */
  gtk_window_close (card);
  pm_test_iterate (50);
  g_assert_null (pm_test_find_shown_toplevel (PM_TYPE_RULES_CARD));

  pm_clock_advance (meeting.clock, 3 * MINUTE + 20 * SECOND);
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "6:40 left");
  g_assert_cmpstr (agenda_row_subtitle (meeting.button, "What Happened"), ==, "Now, 3:20 spent");

  /* Over the time box: said in words and with an icon, not by colour alone. */
  menu_button = pm_test_find_widget_of_type (GTK_WIDGET (meeting.button), GTK_TYPE_MENU_BUTTON);
  g_assert_false (gtk_widget_has_css_class (menu_button, "pm-overrun"));
  pm_clock_advance (meeting.clock, 7 * MINUTE + 50 * SECOND);
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "+1:10 over");
  g_assert_true (gtk_widget_has_css_class (menu_button, "pm-overrun"));
  {
    GtkWidget *icon = pm_test_find_widget_of_type (menu_button, GTK_TYPE_IMAGE);

    g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (icon)), ==, "dialog-warning-symbolic");
  }

  /* Paused: the time stands still, and says so. No second rules card on resuming. */
  pm_meeting_button_start_pause (meeting.button);
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "+1:10 over, paused");
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (first), ==, 670);
  pm_clock_advance (meeting.clock, 30 * MINUTE);
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "+1:10 over, paused");
  pm_meeting_button_start_pause (meeting.button);
  pm_test_iterate (50);
  g_assert_null (pm_test_find_shown_toplevel (PM_TYPE_RULES_CARD));
  pm_clock_advance (meeting.clock, 10 * SECOND);

  /* Next step: the timeline comes forward, the time of the step left is in the document. */
  pm_meeting_button_next_step (meeting.button);
  g_assert_cmpstr (visible_page (meeting.window), ==, "timeline");
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (first), ==, 680);
  g_assert_cmpstr (pm_document_get_current_step (meeting.document), ==, "event-storming");
  g_assert_cmpstr (_pm_meeting_button_get_step_text (meeting.button), ==, "Event Storming");
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "1:00:00 left");
  g_assert_cmpstr (agenda_row_subtitle (meeting.button, "What Happened"), ==, "11:20 spent");
  pm_clock_advance (meeting.clock, 61 * SECOND);
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "58:59 left");
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (storming), ==, 61);

  pm_meeting_button_next_step (meeting.button);
  g_assert_cmpstr (visible_page (meeting.window), ==, "root-causes");
  pm_meeting_button_next_step (meeting.button);
  g_assert_cmpstr (visible_page (meeting.window), ==, "follow-up");

  /* Publishing opens the publish dialog. */
  g_assert_null (pm_test_find_shown_toplevel (PM_TYPE_PUBLISH_DIALOG));
  pm_meeting_button_next_step (meeting.button);
  pm_test_iterate (50);
  publish = pm_test_find_shown_toplevel (PM_TYPE_PUBLISH_DIALOG);
  g_assert_nonnull (publish);
  gtk_window_destroy (publish);
  g_assert_cmpstr (pm_document_get_current_step (meeting.document), ==, "publishing");

  /* The timer's steps never were undo steps. */
  g_assert_false (pm_undo_stack_get_can_undo (pm_document_get_undo_stack (meeting.document)));
  g_assert_true (pm_window_get_modified (meeting.window));

  /* Closing the window puts the time counted since the last write into the document. */
  {
    PmAgendaStep *publishing = pm_document_find_agenda_step (meeting.document, "publishing");

    pm_clock_advance (meeting.clock, 20 * SECOND);
    g_assert_cmpint (pm_agenda_step_get_spent_seconds (publishing), ==, 0);
    gtk_window_close (GTK_WINDOW (meeting.window));
    g_assert_cmpint (pm_agenda_step_get_spent_seconds (publishing), ==, 20);
  }

  meeting_close (&meeting);
}

/* Time boxes are edited in the agenda, undoably, and count at once. */
static void
test_time_box_edit (void)
{
  Meeting meeting = { 0 };
  GtkSpinButton *minutes;

  meeting_open (&meeting, NULL);
  minutes = _pm_meeting_button_get_minutes (meeting.button, 0);

  gtk_spin_button_set_value (minutes, 15);
  g_assert_cmpint (pm_agenda_step_get_minutes (pm_document_find_agenda_step (meeting.document,
                                                                             "what-happened")),
                   ==, 15);
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "15:00 left");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (meeting.window), "win.undo", NULL));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (minutes), ==, 10);
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "10:00 left");

  meeting_close (&meeting);
}

/* The time spent and the current step are in the saved file, and come back from it. */
static void
test_spent_time_saved (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "meeting.pmortem", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) loaded = NULL;
  g_autofree char *written = NULL;
  Meeting meeting = { 0 };

  meeting_open (&meeting, NULL);
  pm_meeting_button_start_pause (meeting.button);
  pm_test_iterate (50);
  gtk_window_close (pm_test_find_shown_toplevel (PM_TYPE_RULES_CARD));
  pm_clock_advance (meeting.clock, 12 * MINUTE + 5 * SECOND);
  pm_meeting_button_next_step (meeting.button);
  pm_clock_advance (meeting.clock, 30 * SECOND);
  pm_meeting_button_start_pause (meeting.button);

  _pm_window_save_as_file (meeting.window, file);
  pm_test_wait_until (pm_test_window_not_saving, meeting.window, 10);
  g_assert_false (pm_window_get_modified (meeting.window));

  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "\"current_step\": \"event-storming\""));
  g_assert_nonnull (strstr (written, "\"spent_seconds\": 725"));
  g_assert_nonnull (strstr (written, "\"spent_seconds\": 30"));

  loaded = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pm_document_get_current_step (loaded), ==, "event-storming");
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (pm_document_find_agenda_step (loaded,
                                                                                   "what-happened")),
                   ==, 725);
  meeting_close (&meeting);

  /* Opened again, the meeting goes on where it was. */
  meeting_open (&meeting, loaded);
  g_assert_cmpstr (_pm_meeting_button_get_step_text (meeting.button), ==, "Event Storming");
  g_assert_cmpstr (_pm_meeting_button_get_time_text (meeting.button), ==, "59:30 left, paused");
  g_assert_cmpstr (agenda_row_subtitle (meeting.button, "What Happened"), ==, "12:05 spent");
  meeting_close (&meeting);
}

/* Topics are parked, edited and removed; undo brings them back. */
static void
test_parking_lot (void)
{
  Meeting meeting = { 0 };
  PmParkingLot *parking_lot;
  GListModel *topics;
  GtkListBox *list;
  GtkWidget *remove;
  g_autoptr(PmParkingTopic) topic = NULL;

  meeting_open (&meeting, NULL);
  parking_lot = PM_PARKING_LOT (pm_test_find_widget_of_type (GTK_WIDGET (_pm_meeting_button_get_popover (meeting.button)),
                                                             PM_TYPE_PARKING_LOT));
  g_assert_nonnull (parking_lot);
  topics = pm_document_get_parking_lot (meeting.document);
  list = _pm_parking_lot_get_list (parking_lot);

  /* An empty topic is not added. */
  _pm_parking_lot_add (parking_lot, "   ", "Dana");
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 0);

  _pm_parking_lot_add (parking_lot, " Rotate every CI secret yearly ", "Dana");
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 1);
  topic = g_list_model_get_item (topics, 0);
  g_assert_cmpstr (pm_parking_topic_get_text (topic), ==, "Rotate every CI secret yearly");
  g_assert_cmpstr (pm_parking_topic_get_raised_by (topic), ==, "Dana");
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));

  /* Typing in the row edits the topic; undo takes it back. */
  {
    GtkWidget *entry = pm_test_find_widget_of_type (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)),
                                                    GTK_TYPE_ENTRY);

    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                     "Rotate every CI secret yearly");
    gtk_editable_set_text (GTK_EDITABLE (entry), "Rotate every CI secret monthly");
    g_assert_cmpstr (pm_parking_topic_get_text (topic), ==, "Rotate every CI secret monthly");
    g_assert_true (pm_document_undo (meeting.document));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                     "Rotate every CI secret yearly");
  }

  remove = find_button (GTK_WIDGET (list), "Remove Topic");
  g_assert_nonnull (remove);
  g_signal_emit_by_name (remove, "clicked");
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 0);
  g_assert_null (gtk_list_box_get_row_at_index (list, 0));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (meeting.window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 1);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 0));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (meeting.window), "win.undo", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (topics), ==, 0);

  meeting_close (&meeting);
}

/* F11 (win.presentation) toggles presentation mode: the style class, a reduced header. */
static void
test_presentation_mode (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                 "win.presentation");
  Meeting meeting = { 0 };
  GtkWidget *open_button;

  g_assert_nonnull (accels);
  g_assert_true (g_strv_contains ((const char * const *) accels, "F11"));

  meeting_open (&meeting, NULL);
  open_button = find_button (GTK_WIDGET (meeting.window), "Open a Postmortem (Ctrl+O)");
  g_assert_nonnull (open_button);
  g_assert_true (gtk_widget_get_visible (open_button));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (meeting.window), "win.presentation", NULL));
  pm_test_iterate (50);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (meeting.window), "pm-presentation"));
  g_assert_false (gtk_widget_get_visible (open_button));
  /* The meeting controls and editing stay. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (meeting.button)));

  /* The rules card shown now is as large as the rest. */
  pm_meeting_button_start_pause (meeting.button);
  pm_test_iterate (50);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (pm_test_find_shown_toplevel (PM_TYPE_RULES_CARD)),
                                           "pm-presentation"));
  gtk_window_close (pm_test_find_shown_toplevel (PM_TYPE_RULES_CARD));
  pm_test_iterate (50);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (meeting.window), "win.presentation", NULL));
  pm_test_iterate (50);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (meeting.window), "pm-presentation"));
  g_assert_true (gtk_widget_get_visible (open_button));

  meeting_close (&meeting);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = pm_test_make_private_dirs ("pmortem-meeting-XXXXXX");
  pm_test_init (&argc, &argv);
  app = pm_test_register_application ();

  g_test_add_func ("/ui/meeting/agenda-defaults", test_agenda_defaults);
  g_test_add_func ("/ui/meeting/timer-and-next-step", test_timer_and_next_step);
  g_test_add_func ("/ui/meeting/time-box-edit", test_time_box_edit);
  g_test_add_func ("/ui/meeting/spent-time-saved", test_spent_time_saved);
  g_test_add_func ("/ui/meeting/parking-lot", test_parking_lot);
  g_test_add_func ("/ui/meeting/presentation-mode", test_presentation_mode);

  ret = g_test_run ();

  pm_test_destroy_all_windows ();
  g_clear_object (&app);
  g_free (tmp_dir);

  return ret;
}
