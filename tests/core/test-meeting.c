/* test-meeting.c — the meeting's agenda, timer and parking lot: the model, the timer on a fake
 * clock, and the "meeting" member of the file (round trip, defaults left out, bad input)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pm-clock.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-limits.h"
#include "pm-meeting-timer.h"

#include "test-util.h"

#define SECOND G_USEC_PER_SEC
#define MINUTE (60 * G_USEC_PER_SEC)

/* The smallest file, with @meeting (a JSON object text, or NULL) as its "meeting". */
static char *
file_with_meeting (const char *meeting)
{
  return g_strdup_printf ("{\n"
                          "  \"format\": \"pmortem\",\n"
                          "  \"format_version\": 1,\n"
                          "  \"min_reader_version\": 1,\n"
                          "  \"postmortem\": { \"title\": \"Meeting\" }%s%s\n"
                          "}\n",
                          meeting != NULL ? ",\n  \"meeting\": " : "",
                          meeting != NULL ? meeting : "");
}

static void
assert_meeting_fails (const char *meeting,
                      PmError     code,
                      const char *fragment)
{
  g_autofree char *data = file_with_meeting (meeting);
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document =
    pm_document_load_from_data (data, strlen (data), "bad.pmortem", &error);

  g_assert_null (document);
  g_assert_error (error, PM_ERROR, (int) code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

static PmAgendaStep *
step_at (PmDocument *document,
         guint       position)
{
  g_autoptr(PmAgendaStep) step = g_list_model_get_item (pm_document_get_agenda (document),
                                                        position);
  /* The agenda keeps it alive. */
  return step;
}

static char *
serialize (PmDocument *document)
{
  return pm_document_serialize (document, NULL);
}

/* Loading what was saved gives the same bytes again. */
static void
assert_round_trip (PmDocument *document)
{
  g_autofree char *first = serialize (document);
  g_autoptr(PmDocument) again = pm_test_load_string (first);
  g_autofree char *second = serialize (again);

  g_assert_cmpstr (first, ==, second);
}

/* ------------------------------------------------------------------------------------------ */
/* The model                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* A new document has the agenda of a two-hour meeting and is not in a meeting yet. */
static void
test_default_agenda (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  GListModel *agenda = pm_document_get_agenda (document);
  static const struct { const char *step; int minutes; const char *title; } expected[] = {
    { "what-happened", 10, "What Happened" },
    { "event-storming", 60, "Event Storming" },
    { "root-causes", 40, "Root Causes and Measures" },
    { "follow-up", 5, "Follow-up" },
    { "publishing", 5, "Publishing" },
  };
  int total = 0;

  g_assert_cmpuint (g_list_model_get_n_items (agenda), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PmAgendaStep *step = step_at (document, i);

      g_assert_cmpstr (pm_agenda_step_get_step (step), ==, expected[i].step);
      g_assert_cmpint (pm_agenda_step_get_minutes (step), ==, expected[i].minutes);
      g_assert_cmpstr (pm_agenda_step_get_title (step), ==, expected[i].title);
      g_assert_cmpint (pm_agenda_step_get_spent_seconds (step), ==, 0);
      g_assert_true (pm_document_find_agenda_step (document, expected[i].step) == step);
      total += pm_agenda_step_get_minutes (step);
    }
  g_assert_cmpint (total, ==, 120);
  g_assert_true (pm_document_agenda_is_default (document));
  g_assert_null (pm_document_get_current_step (document));
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_parking_lot (document)), ==, 0);
  g_assert_false (pm_document_get_modified (document));

  /* Values out of range are clamped, so the model never holds what the file refuses. */
  {
    g_autoptr(PmAgendaStep) step = pm_agenda_step_new ("x", 5000);

    g_assert_cmpint (pm_agenda_step_get_minutes (step), ==, PM_AGENDA_MAX_MINUTES);
    pm_agenda_step_set_spent_seconds (step, G_GINT64_CONSTANT (1) << 50);
    g_assert_cmpint (pm_agenda_step_get_spent_seconds (step), ==, PM_AGENDA_MAX_SPENT_SECONDS);
    pm_agenda_step_set_spent_seconds (step, -5);
    g_assert_cmpint (pm_agenda_step_get_spent_seconds (step), ==, 0);
    /* A step that is not one of ours is shown by its id. */
    g_assert_cmpstr (pm_agenda_step_get_title (step), ==, "x");
  }
}

/* Time boxes and topics are edits (undoable); meeting progress is not. */
static void
test_undo (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  PmUndoStack *undo = pm_document_get_undo_stack (document);
  PmAgendaStep *storming = pm_document_find_agenda_step (document, "event-storming");
  g_autoptr(PmParkingTopic) topic = pm_parking_topic_new ("Rotate every deploy key", "Dana");
  GListModel *parking_lot = pm_document_get_parking_lot (document);
  guint64 state;

  pm_document_set (document, storming, "minutes", 45, NULL);
  g_assert_cmpint (pm_agenda_step_get_minutes (storming), ==, 45);
  g_assert_false (pm_document_agenda_is_default (document));
  g_assert_true (pm_document_undo (document));
  g_assert_cmpint (pm_agenda_step_get_minutes (storming), ==, 60);
  g_assert_true (pm_document_agenda_is_default (document));
  g_assert_false (pm_document_get_modified (document));

  pm_document_append (document, parking_lot, topic);
  pm_document_set (document, topic, "text", "Rotate every deploy key yearly", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (parking_lot), ==, 1);
  g_assert_true (pm_document_undo (document));
  g_assert_cmpstr (pm_parking_topic_get_text (topic), ==, "Rotate every deploy key");
  g_assert_true (pm_document_undo (document));
  g_assert_cmpuint (g_list_model_get_n_items (parking_lot), ==, 0);
  g_assert_true (pm_document_redo (document));
  g_assert_cmpuint (g_list_model_get_n_items (parking_lot), ==, 1);
  pm_document_remove (document, parking_lot, topic);
  g_assert_cmpuint (g_list_model_get_n_items (parking_lot), ==, 0);
  g_assert_true (pm_document_undo (document));
  g_assert_cmpuint (g_list_model_get_n_items (parking_lot), ==, 1);

  /* Progress: no undo step, but modified (even after undoing everything) and counted. */
  pm_document_mark_saved (document);
  state = pm_undo_stack_get_state (undo);
  pm_document_set_without_undo (document, document, "current-step", "event-storming", NULL);
  pm_document_set_without_undo (document, storming, "spent-seconds", (gint64) 90, NULL);
  g_assert_cmpuint (pm_undo_stack_get_state (undo), ==, state);
  g_assert_cmpuint (pm_document_get_untracked_changes (document), ==, 2);
  g_assert_true (pm_document_get_modified (document));
  g_assert_cmpstr (pm_document_get_current_step (document), ==, "event-storming");
  while (pm_document_undo (document))
    ;
  g_assert_true (pm_document_get_modified (document));
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (storming), ==, 90);
  g_assert_cmpstr (pm_document_get_current_step (document), ==, "event-storming");
  pm_document_mark_saved (document);
  g_assert_false (pm_document_get_modified (document));
}

/* ------------------------------------------------------------------------------------------ */
/* The timer                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
count_signal (gpointer  instance,
              guint    *counter)
{
  (*counter)++;
}

static void
test_timer (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmClock) clock = pm_clock_new_fake (1000 * SECOND);
  g_autoptr(PmMeetingTimer) timer = pm_meeting_timer_new (document, clock);
  PmUndoStack *undo = pm_document_get_undo_stack (document);
  PmAgendaStep *first = step_at (document, 0), *second = step_at (document, 1);
  g_autofree char *text = NULL;
  guint changed = 0;

  g_signal_connect (timer, "changed", G_CALLBACK (count_signal), &changed);

  /* Before the meeting: the first step, its whole time box, nothing counting. */
  g_assert_false (pm_meeting_timer_get_started (timer));
  g_assert_false (pm_meeting_timer_get_running (timer));
  g_assert_true (pm_meeting_timer_get_step (timer) == first);
  g_assert_cmpint (pm_meeting_timer_get_remaining (timer), ==, 10 * 60);
  pm_clock_advance (clock, 5 * MINUTE);
  g_assert_cmpint (pm_meeting_timer_get_remaining (timer), ==, 10 * 60);

  /* The first start begins the meeting; a second start does not. */
  g_assert_true (pm_meeting_timer_start (timer));
  g_assert_false (pm_meeting_timer_start (timer));
  g_assert_true (pm_meeting_timer_get_running (timer));
  g_assert_cmpstr (pm_document_get_current_step (document), ==, "what-happened");

  changed = 0;
  pm_clock_advance (clock, 3 * MINUTE + 25 * SECOND + 400000);
  g_assert_cmpuint (changed, >=, 1);
  g_assert_cmpint (pm_meeting_timer_get_elapsed (timer, first), ==, 205);
  g_assert_cmpint (pm_meeting_timer_get_remaining (timer), ==, 600 - 205);
  /* A periodic write put the first whole minutes in the document already. */
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (first), ==, 205);

  /* Pausing writes the time; a paused timer counts nothing. */
  pm_clock_advance (clock, 40 * SECOND);
  pm_meeting_timer_pause (timer);
  g_assert_false (pm_meeting_timer_get_running (timer));
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (first), ==, 245);
  pm_clock_advance (clock, 10 * MINUTE);
  g_assert_cmpint (pm_meeting_timer_get_elapsed (timer, first), ==, 245);

  /* Running over: the remaining time goes negative. */
  g_assert_false (pm_meeting_timer_start (timer));
  pm_clock_advance (clock, 8 * MINUTE);
  g_assert_cmpint (pm_meeting_timer_get_remaining (timer), ==, 600 - 245 - 480);
  text = pm_meeting_format_duration (pm_meeting_timer_get_remaining (timer));
  g_assert_cmpstr (text, ==, "2:05");

  /* Next step: the time goes to the step left, the new one starts from its spent time. */
  g_assert_true (pm_meeting_timer_next_step (timer) == second);
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (first), ==, 725);
  g_assert_cmpstr (pm_document_get_current_step (document), ==, "event-storming");
  g_assert_true (pm_meeting_timer_get_running (timer));
  pm_clock_advance (clock, 90 * SECOND);
  g_assert_cmpint (pm_meeting_timer_get_elapsed (timer, second), ==, 90);
  g_assert_cmpint (pm_meeting_timer_get_elapsed (timer, first), ==, 725);
  g_assert_cmpint (pm_meeting_timer_get_remaining (timer), ==, 3600 - 90);

  /* None of this is an undo step. */
  g_assert_false (pm_undo_stack_get_can_undo (undo));
  g_assert_true (pm_document_get_modified (document));

  /* The last step has no next one. */
  for (guint i = 0; i < 3; i++)
    g_assert_nonnull (pm_meeting_timer_next_step (timer));
  g_assert_cmpstr (pm_document_get_current_step (document), ==, "publishing");
  g_assert_null (pm_meeting_timer_next_step (timer));
  g_assert_cmpstr (pm_document_get_current_step (document), ==, "publishing");
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (second), ==, 90);

  /* A time box edited while the step runs counts at once. */
  pm_document_set (document, step_at (document, 4), "minutes", 1, NULL);
  pm_clock_advance (clock, 61 * SECOND);
  g_assert_cmpint (pm_meeting_timer_get_remaining (timer), ==, -1);

  g_clear_pointer (&text, g_free);
  text = pm_meeting_format_duration (3 * 3600 + 2 * 60 + 1);
  g_assert_cmpstr (text, ==, "3:02:01");
}

/* The timer writes the running time into the document every minute, without undo steps. */
static void
test_timer_periodic_flush (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmClock) clock = pm_clock_new_fake (0);
  g_autoptr(PmMeetingTimer) timer = pm_meeting_timer_new (document, clock);
  PmAgendaStep *first = step_at (document, 0);
  guint64 untracked;

  pm_meeting_timer_start (timer);
  untracked = pm_document_get_untracked_changes (document);
  for (guint i = 0; i < 59; i++)
    pm_clock_advance (clock, SECOND);
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (first), ==, 0);
  g_assert_cmpuint (pm_document_get_untracked_changes (document), ==, untracked);
  pm_clock_advance (clock, SECOND);
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (first), ==, 60);
  g_assert_cmpuint (pm_document_get_untracked_changes (document), ==, untracked + 1);

  /* Ten minutes in seconds: ten writes, not six hundred. */
  for (guint i = 0; i < 600; i++)
    pm_clock_advance (clock, SECOND);
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (first), ==, 660);
  g_assert_cmpuint (pm_document_get_untracked_changes (document), ==, untracked + 11);
  g_assert_false (pm_undo_stack_get_can_undo (pm_document_get_undo_stack (document)));
}

/* The default clock can be replaced (the display tests do). */
static void
test_default_clock (void)
{
  g_autoptr(PmClock) fake = pm_clock_new_fake (42);
  PmClock *system = pm_clock_get_default ();
  gint64 before = g_get_monotonic_time ();

  g_assert_false (pm_clock_is_fake (system));
  g_assert_cmpint (pm_clock_get_now (system), >=, before);

  pm_clock_set_default (fake);
  g_assert_true (pm_clock_get_default () == fake);
  {
    g_autoptr(PmDocument) document = pm_document_new ();
    g_autoptr(PmMeetingTimer) timer = pm_meeting_timer_new (document, NULL);

    g_assert_true (pm_meeting_timer_get_clock (timer) == fake);
  }
  pm_clock_set_default (NULL);
  g_assert_false (pm_clock_is_fake (pm_clock_get_default ()));
}

/* ------------------------------------------------------------------------------------------ */
/* The file                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* The default agenda, no progress, no topics: nothing is written (files stay as they were). */
static void
test_format_default_left_out (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autofree char *data = serialize (document);

  g_assert_null (strstr (data, "meeting"));
  g_assert_null (strstr (data, "agenda"));

  /* A topic alone: written without the (default) agenda. */
  {
    g_autoptr(PmParkingTopic) topic = pm_parking_topic_new ("Budget for a second on-call", NULL);
    g_autofree char *with_topic = NULL;

    pm_document_append (document, pm_document_get_parking_lot (document), topic);
    with_topic = serialize (document);
    g_assert_nonnull (strstr (with_topic,
                              "  \"meeting\": {\n"
                              "    \"parking_lot\": [\n"
                              "      {\n"
                              "        \"text\": \"Budget for a second on-call\"\n"
                              "      }\n"
                              "    ]\n"
                              "  }\n"));
    assert_round_trip (document);
  }
}

/* Everything the meeting holds, written exactly like this, and read back. */
static void
test_format_round_trip (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmParkingTopic) topic = pm_parking_topic_new ("Who owns the CI secrets?", "Dana Ito");
  g_autoptr(PmParkingTopic) empty = pm_parking_topic_new (NULL, NULL);
  g_autoptr(PmDocument) again = NULL;
  g_autofree char *data = NULL;
  PmAgendaStep *storming = pm_document_find_agenda_step (document, "event-storming");

  pm_document_set (document, document, "title", "Meeting", NULL);
  pm_document_set (document, storming, "minutes", 50, NULL);
  pm_document_set_without_undo (document, step_at (document, 0), "spent-seconds", (gint64) 725, NULL);
  pm_document_set_without_undo (document, storming, "spent-seconds", (gint64) 1290, NULL);
  pm_document_set_without_undo (document, document, "current-step", "event-storming", NULL);
  pm_document_append (document, pm_document_get_parking_lot (document), topic);
  pm_document_append (document, pm_document_get_parking_lot (document), empty);

  data = serialize (document);
  if (strstr (data,
              "  \"meeting\": {\n"
              "    \"current_step\": \"event-storming\",\n"
              "    \"agenda\": [\n"
              "      {\n"
              "        \"step\": \"what-happened\",\n"
              "        \"minutes\": 10,\n"
              "        \"spent_seconds\": 725\n"
              "      },\n"
              "      {\n"
              "        \"step\": \"event-storming\",\n"
              "        \"minutes\": 50,\n"
              "        \"spent_seconds\": 1290\n"
              "      },\n"
              "      {\n"
              "        \"step\": \"root-causes\",\n"
              "        \"minutes\": 40\n"
              "      },\n"
              "      {\n"
              "        \"step\": \"follow-up\",\n"
              "        \"minutes\": 5\n"
              "      },\n"
              "      {\n"
              "        \"step\": \"publishing\",\n"
              "        \"minutes\": 5\n"
              "      }\n"
              "    ],\n"
              "    \"parking_lot\": [\n"
              "      {\n"
              "        \"text\": \"Who owns the CI secrets?\",\n"
              "        \"raised_by\": \"Dana Ito\"\n"
              "      },\n"
              "      {\n"
              "        \"text\": \"\"\n"
              "      }\n"
              "    ]\n"
              "  }\n") == NULL)
    g_error ("unexpected meeting in:\n%s", data);

  again = pm_test_load_string (data);
  g_assert_cmpstr (pm_document_get_current_step (again), ==, "event-storming");
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (step_at (again, 0)), ==, 725);
  g_assert_cmpint (pm_agenda_step_get_minutes (step_at (again, 1)), ==, 50);
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (step_at (again, 1)), ==, 1290);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_parking_lot (again)), ==, 2);
  {
    g_autoptr(PmParkingTopic) read = g_list_model_get_item (pm_document_get_parking_lot (again), 0);

    g_assert_cmpstr (pm_parking_topic_get_text (read), ==, "Who owns the CI secrets?");
    g_assert_cmpstr (pm_parking_topic_get_raised_by (read), ==, "Dana Ito");
  }
  g_assert_false (pm_document_get_modified (again));
  assert_round_trip (document);
}

/* A newer version's steps and members survive; a shorter agenda stays as the file has it. */
static void
test_format_unknown_kept (void)
{
  g_autofree char *data = file_with_meeting (
    "{\n"
    "    \"current_step\": \"retro\",\n"
    "    \"agenda\": [\n"
    "      { \"step\": \"what-happened\", \"minutes\": 15, \"facilitator\": \"p-1\" },\n"
    "      { \"step\": \"retro\", \"minutes\": 20, \"spent_seconds\": 61 }\n"
    "    ],\n"
    "    \"parking_lot\": [ { \"text\": \"t\", \"votes\": 3 } ],\n"
    "    \"breaks\": [ 5, 10 ]\n"
    "  }");
  g_autoptr(PmDocument) document = pm_test_load_string (data);
  g_autofree char *written = serialize (document);

  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_agenda (document)), ==, 2);
  g_assert_cmpstr (pm_agenda_step_get_title (step_at (document, 1)), ==, "retro");
  g_assert_cmpstr (pm_document_get_current_step (document), ==, "retro");
  g_assert_nonnull (strstr (written, "\"facilitator\": \"p-1\""));
  g_assert_nonnull (strstr (written, "\"votes\": 3"));
  g_assert_nonnull (strstr (written, "\"breaks\": ["));
  g_assert_nonnull (strstr (written, "\"spent_seconds\": 61"));
  assert_round_trip (document);

  /* Unknown members alone keep an otherwise default agenda in the file. */
  {
    g_autofree char *defaults = file_with_meeting (
      "{ \"agenda\": [ { \"step\": \"what-happened\", \"minutes\": 10, \"x\": 1 },"
      " { \"step\": \"event-storming\", \"minutes\": 60 },"
      " { \"step\": \"root-causes\", \"minutes\": 40 },"
      " { \"step\": \"follow-up\", \"minutes\": 5 },"
      " { \"step\": \"publishing\", \"minutes\": 5 } ] }");
    g_autoptr(PmDocument) loaded = pm_test_load_string (defaults);
    g_autofree char *out = serialize (loaded);

    g_assert_nonnull (strstr (out, "\"x\": 1"));
    assert_round_trip (loaded);
  }
}

/* Bad input is refused with a message naming the place in the file. */
static void
test_format_bad_input (void)
{
  g_autoptr(GString) many = g_string_new ("{ \"agenda\": [");
  g_autofree char *long_text = NULL;

  assert_meeting_fails ("[]", PM_ERROR_INVALID, "$.meeting: expected an object, found a list");
  assert_meeting_fails ("{ \"agenda\": {} }", PM_ERROR_INVALID,
                        "$.meeting.agenda: expected a list, found an object");
  assert_meeting_fails ("{ \"agenda\": [] }", PM_ERROR_INVALID,
                        "$.meeting.agenda: the agenda must have at least one step");
  assert_meeting_fails ("{ \"agenda\": [ \"what-happened\" ] }", PM_ERROR_INVALID,
                        "$.meeting.agenda[0]: expected an object, found text");
  assert_meeting_fails ("{ \"agenda\": [ { \"minutes\": 10 } ] }", PM_ERROR_INVALID,
                        "$.meeting.agenda[0]: the member “step” is missing");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": \"\", \"minutes\": 10 } ] }",
                        PM_ERROR_INVALID, "$.meeting.agenda[0].step: the step must not be empty");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": 3, \"minutes\": 10 } ] }", PM_ERROR_INVALID,
                        "$.meeting.agenda[0].step: expected text, found a whole number");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": \"a\", \"minutes\": 1 },"
                        " { \"step\": \"a\", \"minutes\": 2 } ] }", PM_ERROR_INVALID,
                        "$.meeting.agenda[1].step: the step “a” is on the agenda twice");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": \"a\" } ] }", PM_ERROR_INVALID,
                        "$.meeting.agenda[0]: the member “minutes” is missing");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": \"a\", \"minutes\": \"10\" } ] }",
                        PM_ERROR_INVALID,
                        "$.meeting.agenda[0].minutes: expected a whole number, found text");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": \"a\", \"minutes\": 1441 } ] }",
                        PM_ERROR_INVALID,
                        "$.meeting.agenda[0].minutes: 1441 is out of range (0 to 1440)");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": \"a\", \"minutes\": 1.5 } ] }",
                        PM_ERROR_INVALID, "$.meeting.agenda[0].minutes: expected a whole number");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": \"a\", \"minutes\": 5,"
                        " \"spent_seconds\": -1 } ] }", PM_ERROR_INVALID,
                        "$.meeting.agenda[0].spent_seconds: -1 is out of range (0 to 2592000)");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": \"a\", \"minutes\": 5,"
                        " \"spent_seconds\": 2592001 } ] }", PM_ERROR_INVALID,
                        "$.meeting.agenda[0].spent_seconds: 2592001 is out of range");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": \"line\\nbreak\", \"minutes\": 5 } ] }",
                        PM_ERROR_INVALID,
                        "$.meeting.agenda[0].step: line breaks are not allowed here");
  assert_meeting_fails ("{ \"current_step\": \"retro\" }", PM_ERROR_INVALID,
                        "$.meeting.current_step: the agenda has no step “retro”");
  assert_meeting_fails ("{ \"agenda\": [ { \"step\": \"a\", \"minutes\": 5 } ],"
                        " \"current_step\": \"what-happened\" }", PM_ERROR_INVALID,
                        "$.meeting.current_step: the agenda has no step “what-happened”");
  assert_meeting_fails ("{ \"current_step\": true }", PM_ERROR_INVALID,
                        "$.meeting.current_step: expected text, found true or false");
  assert_meeting_fails ("{ \"parking_lot\": {} }", PM_ERROR_INVALID,
                        "$.meeting.parking_lot: expected a list, found an object");
  assert_meeting_fails ("{ \"parking_lot\": [ 1 ] }", PM_ERROR_INVALID,
                        "$.meeting.parking_lot[0]: expected an object, found a whole number");
  assert_meeting_fails ("{ \"parking_lot\": [ { \"raised_by\": \"Dana\" } ] }", PM_ERROR_INVALID,
                        "$.meeting.parking_lot[0]: the member “text” is missing");
  assert_meeting_fails ("{ \"parking_lot\": [ { \"text\": \"a\\nb\" } ] }", PM_ERROR_INVALID,
                        "$.meeting.parking_lot[0].text: line breaks are not allowed here");
  assert_meeting_fails ("{ \"parking_lot\": [ { \"text\": \"a\", \"raised_by\": [] } ] }",
                        PM_ERROR_INVALID,
                        "$.meeting.parking_lot[0].raised_by: expected text, found a list");

  long_text = g_strnfill (PM_LIMIT_SHORT_TEXT_CHARS + 1, 'x');
  {
    g_autofree char *meeting =
      g_strdup_printf ("{ \"parking_lot\": [ { \"text\": \"%s\" } ] }", long_text);

    assert_meeting_fails (meeting, PM_ERROR_LIMIT,
                          "$.meeting.parking_lot[0].text: 4097 characters long; at most 4096");
  }

  for (guint i = 0; i <= PM_LIMIT_AGENDA_STEPS; i++)
    g_string_append_printf (many, "%s{ \"step\": \"s%u\", \"minutes\": 1 }", i ? ", " : "", i);
  g_string_append (many, "] }");
  assert_meeting_fails (many->str, PM_ERROR_LIMIT,
                        "$.meeting.agenda: 33 agenda steps; at most 32 are allowed");
}

/* Whatever the model holds through the API, the file written loads again. */
static void
test_format_writer_stays_valid (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autofree char *long_text = g_strnfill (PM_LIMIT_SHORT_TEXT_CHARS + 100, 'y');
  g_autoptr(PmParkingTopic) topic = pm_parking_topic_new (long_text, "Dana\nIto");
  g_autoptr(PmDocument) again = NULL;
  g_autofree char *data = NULL;

  /* A current step that is not on the agenda is not written. */
  pm_document_set_without_undo (document, document, "current-step", "nowhere", NULL);
  pm_document_set_without_undo (document, step_at (document, 2), "spent-seconds",
                                G_MAXINT64, NULL);
  pm_document_append (document, pm_document_get_parking_lot (document), topic);

  data = serialize (document);
  g_assert_null (strstr (data, "nowhere"));
  again = pm_test_load_string (data);
  g_assert_null (pm_document_get_current_step (again));
  g_assert_cmpint (pm_agenda_step_get_spent_seconds (step_at (again, 2)), ==,
                   PM_AGENDA_MAX_SPENT_SECONDS);
  {
    g_autoptr(PmParkingTopic) read = g_list_model_get_item (pm_document_get_parking_lot (again), 0);

    g_assert_cmpuint (g_utf8_strlen (pm_parking_topic_get_text (read), -1), ==,
                      PM_LIMIT_SHORT_TEXT_CHARS);
    g_assert_cmpstr (pm_parking_topic_get_raised_by (read), ==, "Dana Ito");
  }
}

/* The committed meeting file (also checked against the JSON Schema) is what the writer
 * writes: loading and saving it gives the same bytes. */
static void
test_format_committed_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "meeting-in-progress.pmortem",
                                                 NULL);
  g_autofree char *contents = NULL;
  g_autofree char *written = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  document = pm_test_load_string (contents);
  written = serialize (document);
  g_assert_cmpstr (written, ==, contents);
  g_assert_cmpstr (pm_document_get_current_step (document), ==, "event-storming");
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_parking_lot (document)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/meeting/model/default-agenda", test_default_agenda);
  g_test_add_func ("/meeting/model/undo", test_undo);
  g_test_add_func ("/meeting/timer/fake-clock", test_timer);
  g_test_add_func ("/meeting/timer/periodic-flush", test_timer_periodic_flush);
  g_test_add_func ("/meeting/timer/default-clock", test_default_clock);
  g_test_add_func ("/meeting/format/default-left-out", test_format_default_left_out);
  g_test_add_func ("/meeting/format/round-trip", test_format_round_trip);
  g_test_add_func ("/meeting/format/unknown-kept", test_format_unknown_kept);
  g_test_add_func ("/meeting/format/bad-input", test_format_bad_input);
  g_test_add_func ("/meeting/format/writer-stays-valid", test_format_writer_stays_valid);
  g_test_add_func ("/meeting/format/committed-file", test_format_committed_file);

  return g_test_run ();
}
