/* test-document.c — edits through the document: undo, modified state, timeline order, links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-clock.h"
#include "pm-document.h"
#include "pm-review.h"
#include "pm-status-change.h"

static PmEvent *
add_event (PmDocument *document,
           const char *id,
           gint64      unix_seconds,
           gboolean    known)
{
  g_autoptr(PmEvent) event = pm_event_new (id);
  g_autoptr(PmTime) time = known ? pm_time_new (unix_seconds, 0, PM_TIME_PRECISION_MINUTE) : NULL;

  pm_event_set_time (event, time);
  pm_document_add_event (document, event);
  return event;
}

static char *
event_order (PmDocument *document)
{
  GListModel *events = pm_document_get_events (document);
  g_autoptr(GString) order = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      g_string_append_printf (order, "%s%s", i ? " " : "", pm_event_get_id (event));
    }
  return g_string_free (g_steal_pointer (&order), FALSE);
}

static void
test_new_document (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (document);

  g_assert_false (pm_document_get_modified (document));
  g_assert_false (pm_document_get_read_only (document));
  g_assert_cmpstr (pm_document_get_title (document), ==, "");
  g_assert_cmpstr (pm_document_get_field (document, PM_FIELD_STATUS), ==, "draft");
  g_assert_cmpint (pm_document_get_cost_amount (document), ==, -1);
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "UTC");
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (document)), ==, 0);
}

/* Modified follows the undo history: undoing back to the saved state is unmodified again. */
static void
test_modified_and_undo (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  guint notified = 0;

  g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (g_atomic_int_inc), &notified);

  pm_document_set (document, document, "title", "Leaked key", NULL);
  g_assert_true (pm_document_get_modified (document));
  g_assert_cmpuint (notified, ==, 1);

  pm_document_mark_saved (document);
  g_assert_false (pm_document_get_modified (document));

  pm_document_set (document, document, "title", "Leaked deploy key", "severity", "high", NULL);
  g_assert_true (pm_document_get_modified (document));
  /* Both properties are one step. */
  g_assert_true (pm_document_undo (document));
  g_assert_cmpstr (pm_document_get_title (document), ==, "Leaked key");
  g_assert_cmpstr (pm_document_get_field (document, PM_FIELD_SEVERITY), ==, "");
  g_assert_false (pm_document_get_modified (document));

  g_assert_true (pm_document_undo (document));
  g_assert_true (pm_document_get_modified (document));
  g_assert_true (pm_document_redo (document));
  g_assert_false (pm_document_get_modified (document));

  /* Setting the same value is no edit. */
  pm_document_set (document, document, "title", "Leaked key", NULL);
  g_assert_false (pm_document_get_modified (document));

  /* A recovered draft is modified until saved, whatever is undone. */
  pm_document_mark_modified (document);
  g_assert_true (pm_document_get_modified (document));
  while (pm_document_undo (document))
    g_assert_true (pm_document_get_modified (document));
  pm_document_mark_saved (document);
  g_assert_false (pm_document_get_modified (document));
}

static void
test_set_value_merging (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_auto(GValue) value = G_VALUE_INIT;
  const char *typed[] = { "S", "Su", "Sum", "Summary" };

  g_value_init (&value, G_TYPE_STRING);
  for (guint i = 0; i < G_N_ELEMENTS (typed); i++)
    {
      g_value_set_string (&value, typed[i]);
      pm_document_set_value_merging (document, document, "summary", &value);
    }
  g_assert_cmpstr (pm_document_get_field (document, PM_FIELD_SUMMARY), ==, "Summary");
  g_assert_true (pm_document_undo (document));
  g_assert_cmpstr (pm_document_get_field (document, PM_FIELD_SUMMARY), ==, "");
  g_assert_false (pm_undo_stack_get_can_undo (pm_document_get_undo_stack (document)));
}

/* Adding events places them by time; unknown times stay attached to their neighbour. */
static void
test_timeline_order (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autofree char *order = NULL;
  PmEvent *b, *bg;

  add_event (document, "a", 1000, TRUE);
  add_event (document, "c", 3000, TRUE);
  b = add_event (document, "b", 2000, TRUE);
  bg = add_event (document, "bg", 0, FALSE);   /* unknown: goes last */
  order = event_order (document);
  g_assert_cmpstr (order, ==, "a b c bg");
  g_clear_pointer (&order, g_free);

  /* Moving b after c: it also passes bg, the unknown-time event that stays attached to c. */
  {
    g_autoptr(PmTime) later = pm_time_new (3500, 0, PM_TIME_PRECISION_MINUTE);

    pm_document_set (document, b, "time", later, NULL);
  }
  order = event_order (document);
  g_assert_cmpstr (order, ==, "a c bg b");
  g_clear_pointer (&order, g_free);

  /* The move and the time change are one step. */
  pm_document_undo (document);
  order = event_order (document);
  g_assert_cmpstr (order, ==, "a b c bg");
  g_clear_pointer (&order, g_free);

  /* An event placed at c's time goes after c and after the unknown event attached to c. */
  {
    g_autoptr(PmEvent) d = pm_event_new ("d");
    g_autoptr(PmTime) same = pm_time_new (3000, 0, PM_TIME_PRECISION_MINUTE);

    pm_event_set_time (d, same);
    pm_document_add_event (document, d);
  }
  order = event_order (document);
  g_assert_cmpstr (order, ==, "a b c bg d");
  g_clear_pointer (&order, g_free);

  /* Clearing a time leaves the event where it is. */
  pm_document_set (document, b, "time", NULL, NULL);
  order = event_order (document);
  g_assert_cmpstr (order, ==, "a b c bg d");
  (void) bg;
}

/* Removing an object removes every link to it, in one undoable step. */
static void
test_remove_drops_links (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmParticipant) ana = pm_participant_new ("p-ana");
  g_autoptr(PmEvent) event = pm_event_new ("ev-1");
  g_autoptr(PmRootCause) cause = pm_root_cause_new ("rc-1");
  g_autoptr(PmMeasure) measure = pm_measure_new ("m-1");
  g_autoptr(PmFollowUp) follow_up = pm_follow_up_new ("f-1");
  g_autoptr(PmReview) review = pm_review_new ("m-1");
  const char *events[] = { "ev-1", NULL };
  const char *causes[] = { "rc-1", NULL };
  const char *people[] = { "p-ana", NULL };

  pm_document_append (document, pm_document_get_participants (document), ana);
  pm_event_set_contributor (event, "p-ana");
  pm_document_add_event (document, event);
  pm_root_cause_set_events (cause, events);
  pm_document_append (document, pm_document_get_root_causes (document), cause);
  pm_measure_set_owner (measure, "p-ana");
  pm_measure_set_root_causes (measure, causes);
  pm_document_append (document, pm_document_get_measures (document), measure);
  pm_follow_up_set_attendees (follow_up, people);
  pm_document_append (document, pm_follow_up_get_reviews (follow_up), review);
  pm_document_append (document, pm_document_get_follow_ups (document), follow_up);

  g_assert_true (pm_document_find_participant (document, "p-ana") == ana);
  g_assert_true (pm_document_find_event (document, "ev-1") == event);

  pm_document_remove (document, pm_document_get_participants (document), ana);
  g_assert_null (pm_document_find_participant (document, "p-ana"));
  g_assert_null (pm_event_get_contributor (event));
  g_assert_null (pm_measure_get_owner (measure));
  g_assert_cmpuint (g_strv_length ((char **) pm_follow_up_get_attendees (follow_up)), ==, 0);
  pm_document_undo (document);
  g_assert_cmpstr (pm_event_get_contributor (event), ==, "p-ana");
  g_assert_cmpstr (pm_measure_get_owner (measure), ==, "p-ana");
  g_assert_cmpstr (pm_follow_up_get_attendees (follow_up)[0], ==, "p-ana");
  g_assert_true (pm_document_find_participant (document, "p-ana") == ana);

  pm_document_remove (document, pm_document_get_events (document), event);
  g_assert_cmpuint (g_strv_length ((char **) pm_root_cause_get_events (cause)), ==, 0);
  pm_document_remove (document, pm_document_get_root_causes (document), cause);
  g_assert_cmpuint (g_strv_length ((char **) pm_measure_get_root_causes (measure)), ==, 0);
  pm_document_remove (document, pm_document_get_measures (document), measure);
  g_assert_cmpuint (g_list_model_get_n_items (pm_follow_up_get_reviews (follow_up)), ==, 0);

  /* Three undos bring all of it back. */
  pm_document_undo (document);
  pm_document_undo (document);
  pm_document_undo (document);
  g_assert_cmpuint (g_list_model_get_n_items (pm_follow_up_get_reviews (follow_up)), ==, 1);
  g_assert_cmpstr (pm_measure_get_root_causes (measure)[0], ==, "rc-1");
  g_assert_cmpstr (pm_root_cause_get_events (cause)[0], ==, "ev-1");
}

static void
test_measure_status_history (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmMeasure) measure = pm_measure_new ("m-1");
  g_autoptr(PmTime) when = pm_time_new (1709543700, 3600, PM_TIME_PRECISION_EXACT);
  GListModel *history = pm_measure_get_history (measure);

  pm_document_append (document, pm_document_get_measures (document), measure);
  pm_document_change_measure_status (document, measure, "agreed", "in the meeting", when);
  pm_document_change_measure_status (document, measure, "in-progress", NULL, NULL);
  g_assert_cmpstr (pm_measure_get_status (measure), ==, "in-progress");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  {
    g_autoptr(PmStatusChange) first = g_list_model_get_item (history, 0);

    g_assert_cmpstr (pm_status_change_get_from (first), ==, "proposed");
    g_assert_cmpstr (pm_status_change_get_to (first), ==, "agreed");
    g_assert_cmpstr (pm_status_change_get_note (first), ==, "in the meeting");
    g_assert_true (pm_time_equal (pm_status_change_get_time (first), when));
  }

  /* Same status: nothing recorded. */
  pm_document_change_measure_status (document, measure, "in-progress", "again", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);

  /* Undo takes back status and history entry together. */
  pm_document_undo (document);
  g_assert_cmpstr (pm_measure_get_status (measure), ==, "agreed");
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 1);
}

static void
test_generate_id (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < 200; i++)
    {
      char *id = pm_document_generate_id (document, "ev");
      g_autoptr(PmEvent) event = pm_event_new (id);

      g_assert_true (g_str_has_prefix (id, "ev-"));
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);
      pm_document_add_event (document, event);
      g_assert_true (pm_document_find_event (document, id) == event);
    }
}

static void
test_finalize (void)
{
  PmDocument *document = pm_document_new ();
  g_autoptr(PmEvent) event = pm_event_new ("ev-1");

  pm_document_add_event (document, event);
  pm_document_set (document, event, "text", "x", NULL);
  /* Edits of the document's own fields are recorded too: no reference cycle keeps it alive. */
  pm_document_set (document, document, "title", "x", "summary", "y", NULL);
  pm_document_undo (document);
  g_assert_finalize_object (document);
}

static void
test_incident_window (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(PmClock) clock = pm_clock_new_fake (0);
  /* 2024-03-10T09:00:00+01:00, 2024-03-10T13:30:00+01:00, 2024-03-10 (a day) */
  g_autoptr(PmTime) start = pm_time_new (1710057600, 3600, PM_TIME_PRECISION_MINUTE);
  g_autoptr(PmTime) end = pm_time_new (1710073800, 3600, PM_TIME_PRECISION_MINUTE);
  g_autoptr(PmTime) day = pm_time_new (1710025200, 3600, PM_TIME_PRECISION_DAY);
  gint64 from, to;

  /* no date at all: today by the clock, in the document's zone */
  pm_clock_set_wall_time (clock, G_GINT64_CONSTANT (1622586600) * G_USEC_PER_SEC);
  pm_clock_set_default (clock);
  g_object_set (document, "timezone", "Europe/Berlin", NULL);
  g_assert_false (pm_document_get_incident_window (document, &from, &to));
  /* 2021-06-02 00:00 .. 2021-06-03 00:00 in Berlin (summer time) */
  g_assert_cmpint (from, ==, 1622584800);
  g_assert_cmpint (to, ==, 1622584800 + 86400);
  pm_clock_set_default (NULL);

  g_object_set (document, "start", start, NULL);
  g_assert_true (pm_document_get_incident_window (document, &from, &to));
  g_assert_cmpint (from, ==, 1710057600);
  g_assert_cmpint (to, ==, 1710057600 + PM_INCIDENT_DEFAULT_HOURS * 3600);

  g_object_set (document, "end", end, NULL);
  g_assert_true (pm_document_get_incident_window (document, &from, &to));
  g_assert_cmpint (from, ==, 1710057600);
  g_assert_cmpint (to, ==, 1710073800);

  g_object_set (document, "start", NULL, NULL);
  g_assert_true (pm_document_get_incident_window (document, &from, &to));
  g_assert_cmpint (from, ==, 1710073800 - PM_INCIDENT_DEFAULT_HOURS * 3600);
  g_assert_cmpint (to, ==, 1710073800);

  /* the duration follows start and end when both are known */
  g_object_set (document, "duration-minutes", (gint64) 1080, NULL);
  g_assert_cmpint (pm_document_get_effective_duration_minutes (document), ==, 1080);
  g_object_set (document, "start", start, NULL);
  g_assert_cmpint (pm_document_get_effective_duration_minutes (document), ==, 270);
  g_object_set (document, "start", end, "end", start, NULL);
  g_assert_cmpint (pm_document_get_effective_duration_minutes (document), ==, 1080);

  /* a start known only to the day: that day */
  g_object_set (document, "start", day, "end", NULL, NULL);
  g_assert_true (pm_document_get_incident_window (document, &from, &to));
  g_assert_cmpint (from, ==, 1710025200);
  g_assert_cmpint (to, ==, 1710025200 + 86400);
}

/* A live participant's events are not the moderator's steps; undoing the moderator's delete
 * after they added events puts the event back at its place in time. */
static void
test_foreign_changes (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autofree char *order = NULL;
  PmEvent *moderators;

  add_event (document, "ev-1", 1000, TRUE);
  moderators = add_event (document, "ev-5", 5000, TRUE);
  pm_document_mark_saved (document);
  pm_document_remove (document, pm_document_get_events (document), moderators);

  pm_document_begin_foreign_change (document, "Ana");
  add_event (document, "ev-2", 2000, TRUE);
  add_event (document, "ev-9", 9000, TRUE);
  add_event (document, "ev-u", 0, FALSE);
  pm_document_end_foreign_change (document);
  g_assert_true (pm_document_get_modified (document));
  g_assert_cmpuint (pm_document_get_untracked_changes (document), ==, 1);

  order = event_order (document);
  g_assert_cmpstr (order, ==, "ev-1 ev-2 ev-9 ev-u");
  g_clear_pointer (&order, g_free);

  g_assert_true (pm_document_undo (document));
  order = event_order (document);
  g_assert_cmpstr (order, ==, "ev-1 ev-2 ev-5 ev-9 ev-u");
  g_clear_pointer (&order, g_free);

  /* Undoing everything the moderator did leaves Ana's events, and the document modified. */
  while (pm_document_undo (document))
    ;
  order = event_order (document);
  g_assert_cmpstr (order, ==, "ev-2 ev-9 ev-u");
  g_assert_true (pm_document_get_modified (document));
  pm_document_mark_saved (document);
  g_assert_false (pm_document_get_modified (document));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/new", test_new_document);
  g_test_add_func ("/document/modified-and-undo", test_modified_and_undo);
  g_test_add_func ("/document/set-value-merging", test_set_value_merging);
  g_test_add_func ("/document/timeline-order", test_timeline_order);
  g_test_add_func ("/document/remove-drops-links", test_remove_drops_links);
  g_test_add_func ("/document/measure-status-history", test_measure_status_history);
  g_test_add_func ("/document/generate-id", test_generate_id);
  g_test_add_func ("/document/finalize", test_finalize);
  g_test_add_func ("/document/incident-window", test_incident_window);
  g_test_add_func ("/document/foreign-changes", test_foreign_changes);

  return g_test_run ();
}
