/* test-root-causes.c — root-cause links, principle questions and dismissed method findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pm-analysis.h"
#include "pm-document-format.h"
#include "pm-error.h"

#include "test-util.h"

#define TODAY_UNIX G_GINT64_CONSTANT (1730462400)

static guint
count_findings (PmDocument *document,
                const char *rule,
                const char *object_id)
{
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_utc (TODAY_UNIX);
  g_autoptr(GListModel) findings = pm_analysis_check (document, today);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(PmFinding) finding = g_list_model_get_item (findings, i);

      if (g_str_equal (pm_finding_get_rule (finding), rule) &&
          g_strcmp0 (pm_finding_get_object_id (finding), object_id) == 0)
        count++;
    }
  return count;
}

static char *
serialize (PmDocument *document)
{
  return pm_document_serialize (document, NULL);
}

/* ------------------------------------------------------------------------------------------ */

static const char with_dismissals[] =
  "{\n"
  "  \"format\": \"pmortem\",\n"
  "  \"format_version\": 1,\n"
  "  \"min_reader_version\": 1,\n"
  "  \"generator\": \"pmortem " PACKAGE_VERSION "\",\n"
  "  \"postmortem\": {\n"
  "    \"title\": \"Dismissals\"\n"
  "  },\n"
  "  \"participants\": [],\n"
  "  \"events\": [\n"
  "    {\n"
  "      \"id\": \"ev-1\",\n"
  "      \"text\": \"Key pushed to the public mirror\",\n"
  "      \"contributed\": true\n"
  "    }\n"
  "  ],\n"
  "  \"root_causes\": [\n"
  "    {\n"
  "      \"id\": \"rc-1\",\n"
  "      \"title\": \"The mirror job copied every branch\",\n"
  "      \"category\": \"tooling\"\n"
  "    }\n"
  "  ],\n"
  "  \"measures\": [],\n"
  "  \"follow_ups\": [],\n"
  "  \"dismissed_findings\": [\n"
  "    {\n"
  "      \"rule\": \"single-root-cause\",\n"
  "      \"reason\": \"The second cause is in the vendor's report, linked from the ticket.\"\n"
  "    },\n"
  "    {\n"
  "      \"rule\": \"unexplained-event\",\n"
  "      \"object\": \"ev-1\",\n"
  "      \"reason\": \"Explained by the vendor.\",\n"
  "      \"reviewed_by\": \"a newer version\"\n"
  "    },\n"
  "    {\n"
  "      \"rule\": \"a-rule-from-the-future\"\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_dismissals_round_trip (void)
{
  g_autoptr(PmDocument) document = pm_test_load_string (with_dismissals);
  GListModel *dismissals = pm_document_get_dismissals (document);
  g_autoptr(PmDismissal) first = NULL;
  g_autoptr(PmDismissal) second = NULL;
  g_autofree char *written = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (dismissals), ==, 3);
  first = g_list_model_get_item (dismissals, 0);
  second = g_list_model_get_item (dismissals, 1);
  g_assert_cmpstr (pm_dismissal_get_rule (first), ==, "single-root-cause");
  g_assert_null (pm_dismissal_get_object_id (first));
  g_assert_cmpstr (pm_dismissal_get_object_id (second), ==, "ev-1");
  g_assert_cmpstr (pm_dismissal_get_reason (second), ==, "Explained by the vendor.");
  g_assert_true (pm_document_find_dismissal (document, "unexplained-event", "ev-1") == second);
  g_assert_null (pm_document_find_dismissal (document, "unexplained-event", NULL));

  /* Byte-identical, unknown members and unknown rules included. */
  written = serialize (document);
  g_assert_cmpstr (written, ==, with_dismissals);
}

static void
test_dismissals_omitted_when_empty (void)
{
  g_autoptr(PmDocument) document = pm_test_load_string (with_dismissals);
  g_autofree char *written = NULL;

  while (g_list_model_get_n_items (pm_document_get_dismissals (document)) > 0)
    {
      g_autoptr(PmDismissal) dismissal =
        g_list_model_get_item (pm_document_get_dismissals (document), 0);

      pm_document_remove (document, pm_document_get_dismissals (document), dismissal);
    }
  written = serialize (document);
  g_assert_null (strstr (written, "dismissed_findings"));
}

static void
test_dismissals_invalid (void)
{
  static const char * const bad[] = {
    "{\"format\":\"pmortem\",\"format_version\":1,\"min_reader_version\":1,"
    "\"postmortem\":{\"title\":\"x\"},\"dismissed_findings\":{}}",
    "{\"format\":\"pmortem\",\"format_version\":1,\"min_reader_version\":1,"
    "\"postmortem\":{\"title\":\"x\"},\"dismissed_findings\":[{\"reason\":\"no rule\"}]}",
    "{\"format\":\"pmortem\",\"format_version\":1,\"min_reader_version\":1,"
    "\"postmortem\":{\"title\":\"x\"},\"dismissed_findings\":[{\"rule\":\"\"}]}",
    "{\"format\":\"pmortem\",\"format_version\":1,\"min_reader_version\":1,"
    "\"postmortem\":{\"title\":\"x\"},\"dismissed_findings\":[{\"rule\":\"r\",\"object\":\"a b\"}]}",
    "{\"format\":\"pmortem\",\"format_version\":1,\"min_reader_version\":1,"
    "\"postmortem\":{\"title\":\"x\"},\"dismissed_findings\":[7]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PmDocument) document =
        pm_document_load_from_data (bad[i], strlen (bad[i]), "bad.pmortem", &error);

      g_assert_null (document);
      g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "$.dismissed_findings"));
    }
}

static void
test_dismiss_and_check (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  g_autofree char *before = serialize (document);
  g_autofree char *after = NULL;
  g_autoptr(PmDocument) reloaded = NULL;

  g_assert_cmpuint (count_findings (document, "unexplained-event", "ev-15"), ==, 1);

  pm_document_dismiss_finding (document, "unexplained-event", "ev-15",
                               "The statistics only showed the reach; nothing to explain.");
  g_assert_true (pm_document_get_modified (document));
  g_assert_cmpuint (count_findings (document, "unexplained-event", "ev-15"), ==, 0);

  /* Saved in the file, and still dismissed after loading it again. */
  after = serialize (document);
  g_assert_nonnull (strstr (after, "\"dismissed_findings\": [\n    {\n"
                                   "      \"rule\": \"unexplained-event\",\n"
                                   "      \"object\": \"ev-15\",\n"));
  reloaded = pm_test_load_string (after);
  g_assert_cmpuint (count_findings (reloaded, "unexplained-event", "ev-15"), ==, 0);

  /* Dismissing again changes the reason, in one more step. */
  pm_document_dismiss_finding (document, "unexplained-event", "ev-15", "Another reason");
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_dismissals (document)), ==, 1);
  g_assert_cmpstr (pm_dismissal_get_reason (pm_document_find_dismissal (document,
                                                                        "unexplained-event",
                                                                        "ev-15")),
                   ==, "Another reason");

  /* Undo brings the finding back. */
  g_assert_true (pm_document_undo (document));
  g_assert_true (pm_document_undo (document));
  g_assert_cmpuint (count_findings (document, "unexplained-event", "ev-15"), ==, 1);
  g_clear_pointer (&after, g_free);
  after = serialize (document);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (pm_document_get_modified (document));
}

static void
test_dismissal_goes_with_its_object (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  PmEvent *event = pm_document_find_event (document, "ev-15");

  pm_document_dismiss_finding (document, "unexplained-event", "ev-15", "why");
  pm_document_dismiss_finding (document, "summary-missing", NULL, "later");
  pm_document_remove (document, pm_document_get_events (document), event);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_dismissals (document)), ==, 1);
  g_assert_nonnull (pm_document_find_dismissal (document, "summary-missing", NULL));

  g_assert_true (pm_document_undo (document));
  g_assert_nonnull (pm_document_find_dismissal (document, "unexplained-event", "ev-15"));
}

static void
test_link_events (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  PmRootCause *root_cause = pm_document_find_root_cause (document, "rc-key-scope");
  g_auto(GStrv) before = g_strdupv ((char **) pm_root_cause_get_events (root_cause));
  guint n_before = g_strv_length (before);

  g_assert_false (pm_root_cause_has_event (root_cause, "ev-15"));
  g_assert_cmpuint (count_findings (document, "unexplained-event", "ev-15"), ==, 1);

  g_assert_true (pm_document_link_event_to_root_cause (document, "ev-15", "rc-key-scope"));
  g_assert_true (pm_root_cause_has_event (root_cause, "ev-15"));
  g_assert_cmpuint (g_strv_length ((char **) pm_root_cause_get_events (root_cause)), ==,
                    n_before + 1);
  g_assert_cmpstr (pm_root_cause_get_events (root_cause)[n_before], ==, "ev-15");
  g_assert_cmpuint (count_findings (document, "unexplained-event", "ev-15"), ==, 0);
  g_assert_cmpstr (pm_undo_stack_get_undo_label (pm_document_get_undo_stack (document)), ==,
                   "Link Event to Root Cause");

  /* Linking twice, or to what does not exist, changes nothing. */
  g_assert_false (pm_document_link_event_to_root_cause (document, "ev-15", "rc-key-scope"));
  g_assert_false (pm_document_link_event_to_root_cause (document, "ev-404", "rc-key-scope"));
  g_assert_false (pm_document_link_event_to_root_cause (document, "ev-15", "rc-404"));

  g_assert_true (pm_document_unlink_event_from_root_cause (document, "ev-15", "rc-key-scope"));
  g_assert_false (pm_root_cause_has_event (root_cause, "ev-15"));
  g_assert_false (pm_document_unlink_event_from_root_cause (document, "ev-15", "rc-key-scope"));

  g_assert_true (pm_document_undo (document));
  g_assert_true (pm_root_cause_has_event (root_cause, "ev-15"));
  g_assert_true (pm_document_undo (document));
  g_assert_cmpstrv (pm_root_cause_get_events (root_cause), before);
  g_assert_false (pm_document_get_modified (document));
}

static void
test_principle_questions (void)
{
  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    {
      g_auto(GStrv) questions = pm_principle_dup_questions (i);
      guint n = g_strv_length (questions);

      g_assert_cmpuint (n, >=, 3);
      g_assert_cmpuint (n, <=, 5);
      for (guint j = 0; j < n; j++)
        g_assert_true (g_str_has_suffix (questions[j], "?"));
      g_assert_nonnull (pm_principle_get_explanation (i));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/root-causes/dismissals/round-trip", test_dismissals_round_trip);
  g_test_add_func ("/root-causes/dismissals/omitted-when-empty", test_dismissals_omitted_when_empty);
  g_test_add_func ("/root-causes/dismissals/invalid", test_dismissals_invalid);
  g_test_add_func ("/root-causes/dismissals/check", test_dismiss_and_check);
  g_test_add_func ("/root-causes/dismissals/removed-object", test_dismissal_goes_with_its_object);
  g_test_add_func ("/root-causes/link-events", test_link_events);
  g_test_add_func ("/root-causes/principle-questions", test_principle_questions);

  return g_test_run ();
}
