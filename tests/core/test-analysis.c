/* test-analysis.c — the method check: every rule fires when it should and stays quiet otherwise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "pm-analysis.h"
#include "pm-document.h"
#include "pm-document-format.h"
#include "pm-finding.h"

/* 2024-11-01 12:00:00 UTC: "today" for every check below. */
#define TODAY_UNIX G_GINT64_CONSTANT (1730462400)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static GDateTime *
make_today (void)
{
  return g_date_time_new_from_unix_utc (TODAY_UNIX);
}

static GListModel *
run_check (PmDocument *document)
{
  g_autoptr(GDateTime) today = make_today ();
  GListModel *findings = pm_analysis_check (document, today);

  g_assert_nonnull (findings);
  g_assert_true (g_list_model_get_item_type (findings) == PM_TYPE_FINDING);

  return findings;
}

/* The findings of @rule about @object_id (NULL: any object). */
static guint
count_findings (GListModel *findings,
                const char *rule,
                const char *object_id)
{
  guint n = g_list_model_get_n_items (findings);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmFinding) finding = g_list_model_get_item (findings, i);

      if (!g_str_equal (pm_finding_get_rule (finding), rule))
        continue;
      if (object_id != NULL && g_strcmp0 (pm_finding_get_object_id (finding), object_id) != 0)
        continue;
      count++;
    }

  return count;
}

/* The one finding of @rule about @object_id (NULL: the document); fails when there is not
 * exactly one. Borrowed from @findings. */
static PmFinding *
get_finding (GListModel *findings,
             const char *rule,
             const char *object_id)
{
  guint n = g_list_model_get_n_items (findings);
  PmFinding *found = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmFinding) finding = g_list_model_get_item (findings, i);

      if (!g_str_equal (pm_finding_get_rule (finding), rule) ||
          g_strcmp0 (pm_finding_get_object_id (finding), object_id) != 0)
        continue;

      g_assert_null (found);
      found = finding;
    }

  if (found == NULL)
    g_error ("no “%s” finding about %s", rule, object_id ? object_id : "the document");

  return found;
}

static void
assert_message_contains (PmFinding  *finding,
                         const char *text)
{
  const char *message = pm_finding_get_message (finding);

  if (strstr (message, text) == NULL)
    g_error ("message “%s” does not contain “%s”", message, text);
}

static void
dump_findings (GListModel *findings)
{
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmFinding) finding = g_list_model_get_item (findings, i);

      g_test_message ("%s %s %s/%s: %s",
                      pm_finding_severity_to_string (pm_finding_get_severity (finding)),
                      pm_finding_get_rule (finding),
                      pm_finding_get_object_kind (finding),
                      pm_finding_get_object_id (finding) ? pm_finding_get_object_id (finding) : "-",
                      pm_finding_get_message (finding));
    }
}

static void
assert_no_findings (PmDocument *document)
{
  g_autoptr(GListModel) findings = run_check (document);

  dump_findings (findings);
  g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 0);
}

static PmParticipant *
add_participant (PmDocument *document,
                 const char *id,
                 const char *name,
                 gboolean    attended)
{
  g_autoptr(PmParticipant) participant = pm_participant_new (id);

  pm_participant_set_name (participant, name);
  pm_participant_set_attended (participant, attended);
  pm_document_append (document, pm_document_get_participants (document), participant);

  return participant;
}

static PmEvent *
add_event (PmDocument *document,
           const char *id,
           const char *text,
           gboolean    contributed,
           gboolean    slowed)
{
  g_autoptr(PmEvent) event = pm_event_new (id);

  pm_event_set_text (event, text);
  pm_event_set_contributed (event, contributed);
  pm_event_set_slowed_response (event, slowed);
  pm_document_append (document, pm_document_get_events (document), event);

  return event;
}

static void
assess_all (PmRootCause *root_cause,
            const char  *verdict)
{
  for (guint p = 0; p < PM_N_PRINCIPLES; p++)
    pm_assessment_set_verdict (pm_root_cause_get_assessment (root_cause, p), verdict);
}

/* A fully assessed root cause explaining @event_id (or nothing). */
static PmRootCause *
add_root_cause (PmDocument *document,
                const char *id,
                const char *title,
                const char *category,
                const char *event_id)
{
  g_autoptr(PmRootCause) root_cause = pm_root_cause_new (id);
  const char *events[] = { event_id, NULL };

  pm_root_cause_set_title (root_cause, title);
  pm_root_cause_set_category (root_cause, category);
  if (event_id != NULL)
    pm_root_cause_set_events (root_cause, events);
  assess_all (root_cause, "held-up");
  pm_document_append (document, pm_document_get_root_causes (document), root_cause);

  return root_cause;
}

/* An agreed measure with an owner and a due date after "today", for @root_cause_id. */
static PmMeasure *
add_measure (PmDocument *document,
             const char *id,
             const char *title,
             const char *owner,
             const char *root_cause_id)
{
  g_autoptr(PmMeasure) measure = pm_measure_new (id);
  const char *root_causes[] = { root_cause_id, NULL };

  pm_measure_set_title (measure, title);
  pm_measure_set_owner (measure, owner);
  pm_measure_set_status (measure, "agreed");
  pm_measure_set_due (measure, "2024-12-20");
  if (root_cause_id != NULL)
    pm_measure_set_root_causes (measure, root_causes);
  pm_document_append (document, pm_document_get_measures (document), measure);

  return measure;
}

static PmFollowUp *
add_follow_up (PmDocument      *document,
               const char      *id,
               gint64           unix_seconds,
               PmTimePrecision  precision)
{
  g_autoptr(PmFollowUp) follow_up = pm_follow_up_new (id);
  g_autoptr(PmTime) time = pm_time_new (unix_seconds, 0, precision);

  pm_follow_up_set_time (follow_up, time);
  pm_document_append (document, pm_document_get_follow_ups (document), follow_up);

  return follow_up;
}

/* A postmortem that does everything right: no rule fires. Each test breaks one thing. */
static PmDocument *
make_good_document (void)
{
  PmDocument *document = pm_document_new ();

  pm_document_set (document, document,
                   "title", "Leaked deploy key",
                   "teaser", "A deploy key leaked through a public CI log; a clean build "
                             "replaced the tampered one the next day.",
                   "cost-amount", (gint64) 12000,
                   "effort-hours", (gint64) 80,
                   NULL);

  add_participant (document, "p-amara", "Amara Okafor", TRUE);
  add_participant (document, "p-tomasz", "Tomasz Wiśniewski", TRUE);

  add_event (document, "ev-1", "The CI server prints the deploy key into a public job log.",
             TRUE, FALSE);
  add_event (document, "ev-2", "The integrity check posts to a muted chat channel.",
             FALSE, TRUE);
  add_event (document, "ev-3", "The weekend team starts its shift.", FALSE, FALSE);

  add_root_cause (document, "rc-masking", "Log masking skipped multi-line secrets",
                  "tooling", "ev-1");
  add_root_cause (document, "rc-alerts", "Integrity alerts reach no one at weekends",
                  "process", "ev-2");

  add_measure (document, "m-tokens", "Replace the deploy key with short-lived tokens",
               "p-tomasz", "rc-masking");
  add_measure (document, "m-paging", "Page the release on-call when the integrity check fails",
               "p-amara", "rc-alerts");

  /* A week after "today". */
  add_follow_up (document, "fu-1", TODAY_UNIX + 7 * 24 * 3600, PM_TIME_PRECISION_MINUTE);

  return document;
}

/* ------------------------------------------------------------------------------------------ */
/* The API                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
test_rules (void)
{
  static const struct { const char *id; PmFindingSeverity severity; } expected[] = {
    { "single-root-cause",          PM_FINDING_WARNING },
    { "blame-language",             PM_FINDING_WARNING },
    { "stopped-at-vulnerability",   PM_FINDING_WARNING },
    { "unexplained-event",          PM_FINDING_INFO },
    { "event-outside-incident",     PM_FINDING_WARNING },
    { "root-cause-without-measure", PM_FINDING_INFO },
    { "principles-unassessed",      PM_FINDING_INFO },
    { "measure-without-owner",      PM_FINDING_WARNING },
    { "owner-not-attendee",         PM_FINDING_INFO },
    { "measure-without-due-date",   PM_FINDING_INFO },
    { "measure-overdue",            PM_FINDING_INFO },
    { "no-follow-up",               PM_FINDING_INFO },
    { "impact-without-figures",     PM_FINDING_INFO },
    { "summary-missing",            PM_FINDING_INFO },
    { "laundry-list",               PM_FINDING_WARNING },
  };
  const char * const *rules = pm_analysis_get_rules ();

  g_assert_nonnull (rules);
  g_assert_cmpuint (g_strv_length ((char **)rules), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_assert_cmpstr (rules[i], ==, expected[i].id);
      g_assert_cmpint (pm_analysis_get_rule_severity (rules[i]), ==, expected[i].severity);
    }

  g_assert_cmpint (pm_analysis_get_rule_severity ("no-such-rule"), ==, PM_FINDING_INFO);
}

static void
test_finding_object (void)
{
  g_autoptr(PmFinding) finding = NULL;
  g_autoptr(PmFinding) about_document = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *message = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *id = NULL;
  PmFindingSeverity severity;
  GParamSpec *pspec;

  finding = pm_finding_new ("blame-language", PM_FINDING_WARNING, PM_FINDING_KIND_ROOT_CAUSE,
                            "rc-1", "A message.");
  g_object_get (finding,
                "rule", &rule,
                "severity", &severity,
                "message", &message,
                "object-kind", &kind,
                "object-id", &id,
                NULL);
  g_assert_cmpstr (rule, ==, "blame-language");
  g_assert_cmpint (severity, ==, PM_FINDING_WARNING);
  g_assert_cmpstr (message, ==, "A message.");
  g_assert_cmpstr (kind, ==, "root-cause");
  g_assert_cmpstr (id, ==, "rc-1");

  /* Read-only: nothing can change a finding once made. */
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (finding), "message");
  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_READABLE);
  g_assert_false (pspec->flags & G_PARAM_WRITABLE);

  about_document = pm_finding_new ("laundry-list", PM_FINDING_INFO, PM_FINDING_KIND_DOCUMENT,
                                   NULL, "Another.");
  g_assert_null (pm_finding_get_object_id (about_document));
  g_assert_cmpstr (pm_finding_get_object_kind (about_document), ==, "document");

  g_assert_cmpstr (pm_finding_severity_to_string (PM_FINDING_INFO), ==, "info");
  g_assert_cmpstr (pm_finding_severity_to_string (PM_FINDING_WARNING), ==, "warning");
}

static void
test_empty_document (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();

  assert_no_findings (document);
}

static void
test_good_document (void)
{
  g_autoptr(PmDocument) document = make_good_document ();

  /* The check changes nothing. */
  pm_document_mark_saved (document);
  assert_no_findings (document);
  g_assert_false (pm_document_get_modified (document));
}

static void
test_today_defaults_to_now (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  g_autoptr(GListModel) findings = NULL;

  findings = pm_analysis_check (document, NULL);
  g_assert_nonnull (findings);
}

/* ------------------------------------------------------------------------------------------ */
/* single-root-cause                                                                          */
/* ------------------------------------------------------------------------------------------ */

static void
test_single_root_cause (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  GListModel *root_causes = pm_document_get_root_causes (document);
  PmRootCause *second = pm_document_find_root_cause (document, "rc-alerts");
  PmFinding *finding;

  /* Two root causes: quiet (make_good_document() is checked in test_good_document()). */
  g_assert_cmpuint (g_list_model_get_n_items (root_causes), ==, 2);

  pm_document_remove (document, root_causes, second);
  {
    g_autoptr(GListModel) findings = run_check (document);

    finding = get_finding (findings, "single-root-cause", NULL);
    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_WARNING);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "document");
    assert_message_contains (finding, "Only one root cause");
  }

  /* None at all, but a timeline: still a finding, with its own message. */
  pm_document_remove (document, root_causes, pm_document_find_root_cause (document, "rc-masking"));
  {
    g_autoptr(GListModel) findings = run_check (document);

    finding = get_finding (findings, "single-root-cause", NULL);
    assert_message_contains (finding, "No root causes");
  }
}

static void
test_single_root_cause_not_without_timeline (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(GListModel) findings = NULL;

  /* Participants and measures but no events and no root causes: too early to say. */
  add_participant (document, "p-1", "Amara Okafor", TRUE);
  add_measure (document, "m-1", "Rotate the signing key", "p-1", NULL);

  findings = run_check (document);
  g_assert_cmpuint (count_findings (findings, "single-root-cause", NULL), ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* blame-language                                                                             */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  const char *text;
  const char *phrase;  /* the quote expected in the message, NULL: no finding */
} BlameCase;

/* Puts @text into the description of a root cause (or the title of a measure) and checks
 * what blame-language says about it. */
static void
check_blame_cases (const BlameCase *cases,
                   guint            n_cases,
                   gboolean         in_measure)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autoptr(PmDocument) document = make_good_document ();
      g_autoptr(GListModel) findings = NULL;
      const char *id = in_measure ? "m-tokens" : "rc-masking";

      add_participant (document, "p-will", "Will Turner", TRUE);
      add_participant (document, "p-al", "Al Dunn", TRUE);
      add_participant (document, "p-mei", "Mei-Lin Chen", TRUE);
      add_participant (document, "p-sofia", "Sofía Ramírez", TRUE);

      if (in_measure)
        pm_measure_set_title (pm_document_find_measure (document, id), cases[i].text);
      else
        pm_root_cause_set_description (pm_document_find_root_cause (document, id),
                                       cases[i].text);

      findings = run_check (document);
      g_test_message ("“%s”", cases[i].text);
      dump_findings (findings);

      if (cases[i].phrase == NULL)
        {
          g_assert_cmpuint (count_findings (findings, "blame-language", NULL), ==, 0);
        }
      else
        {
          g_autofree char *quoted = g_strdup_printf ("“%s”", cases[i].phrase);
          PmFinding *finding = get_finding (findings, "blame-language", id);

          g_assert_cmpuint (count_findings (findings, "blame-language", NULL), ==, 1);
          g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_WARNING);
          g_assert_cmpstr (pm_finding_get_object_kind (finding), ==,
                           in_measure ? "measure" : "root-cause");
          assert_message_contains (finding, quoted);
        }
    }
}

static void
test_blame_english (void)
{
  static const BlameCase cases[] = {
    { "The outage was caused by human error.", "human error" },
    { "Human errors in the change process.", "Human errors" },
    { "It was an operator error during the rollout.", "operator error" },
    { "The admin forgot to rotate the key.", "forgot" },
    { "Rotation was simply forgotten.", "was simply forgotten" },
    { "The engineer on call should have checked the log.", "should have checked" },
    { "Nobody should have been able to push tags.", "should have been" },
    { "The release manager shouldn't have approved it.", "shouldn't have approved" },
    { "Someone should’ve noticed the alert.", "should’ve noticed" },
    { "A careless change to the template.", "careless" },
    { "Carelessness with secrets.", "Carelessness" },
    { "The contractor was negligent.", "negligent" },
    { "It was the fault of the on-call engineer.", "fault of" },
    { "In the end it was his fault.", "his fault" },
    { "Her own fault, really.", "Her own fault" },
    { "The operator was at fault.", "at fault" },
    { "A mistake by the release team.", "mistake by" },
    { "Mistakes made by support delayed the escalation.", "Mistakes made by" },
  };

  check_blame_cases (cases, G_N_ELEMENTS (cases), FALSE);
}

static void
test_blame_german (void)
{
  static const BlameCase cases[] = {
    { "Ursache war menschliches Versagen.", "menschliches Versagen" },
    { "Ein menschlicher Fehler beim Deployment.", "menschlicher Fehler" },
    { "Aufgrund menschlichen Versagens lief das Zertifikat ab.", "menschlichen Versagens" },
    { "Der Admin hat vergessen, den Schlüssel zu rotieren.", "vergessen" },
    { "Er vergaß die Rotation.", "vergaß" },
    { "Das Team hätte die Logs prüfen sollen.", "hätte die Logs prüfen sollen" },
    { "Der Dienstleister HÄTTE das bemerken MÜSSEN.", "HÄTTE das bemerken MÜSSEN" },
    { "Weil die Bereitschaft das hätte sollen melden.", "hätte sollen" },
    { "Nachlässige Pflege der Zugangsdaten.", "Nachlässige" },
    { "Die Konfiguration war grob fahrlässig.", "fahrlässig" },
    { "Schuld war der Dienstleister.", "Schuld" },
    { "Der Betreiber ist schuldig.", "schuldig" },
    { "Unachtsamkeit beim Freigeben.", "Unachtsamkeit" },
  };

  check_blame_cases (cases, G_N_ELEMENTS (cases), FALSE);
}

static void
test_blame_no_false_positives (void)
{
  static const BlameCase cases[] = {
    /* The forgot-password feature is a system, not a person. */
    { "The forgotten password reset flow leaked tokens.", NULL },
    { "The forgot-password page had no rate limit.", NULL },
    { "Forgot Password link sent reset mails to any address.", NULL },
    { "Die Passwort-vergessen-Seite prüfte keine Herkunft.", NULL },
    { "Der Link „Passwort vergessen“ verschickte Tokens im Klartext.", NULL },
    { "Die Funktion vergessen-Passwort war ungeschützt.", NULL },
    /* An asset nobody tracked is a fact about the inventory. */
    { "A forgotten test server was still reachable from the internet.", NULL },
    { "Ein vergessener Testserver war erreichbar.", NULL },
    /* "should have" as a requirement, not hindsight. */
    { "Every release should have a second approval.", NULL },
    { "Each pipeline should have its own token.", NULL },
    /* Technical faults and denial of blame. */
    { "A fault of the primary disk controller stopped the database.", NULL },
    { "Through no fault of their own, support had no escalation route.", NULL },
    { "Fault tolerance held up: the standby took over.", NULL },
    { "Die Schulden des Projekts sind kein Thema; das Budget fehlte.", NULL },
    { "Keine Schuld: wir suchten Ursachen, ohne Schuld zuzuweisen.", NULL },
    { "Es fehlte ein Vier-Augen-Prinzip; die Prüfung hätte Zeit gekostet.", NULL },
    /* Words that contain a listed word. */
    { "A mistaken assumption: the CI server masks multi-line values.", NULL },
    { "Unforgettable incident, unforgiving tooling.", NULL },
    /* Participants' first names as ordinary words, and too-short first names. */
    { "The token will expire after an hour.", NULL },
    { "Al approved the change after the tests passed.", NULL },
    { "The Meister build host and the Sofianos mirror were out of date.", NULL },
  };

  check_blame_cases (cases, G_N_ELEMENTS (cases), FALSE);
}

static void
test_blame_names (void)
{
  static const BlameCase cases[] = {
    /* Full names, in any case and spacing. */
    { "Tomasz Wiśniewski pushed the change without review.", "Tomasz Wiśniewski" },
    { "Pushed by TOMASZ   WIŚNIEWSKI on Friday.", "TOMASZ WIŚNIEWSKI" },
    { "Amara okafor approved it.", "Amara okafor" },
    /* First names of three letters or more, written as names. */
    { "Then Amara approved the merge request.", "Amara" },
    { "Mei-Lin did not review the tag.", "Mei-Lin" },
    { "Sofía had no runbook.", "Sofía" },
    { "Will merged it anyway.", "Will" },
    /* The first phrase wins; a name inside a longer word does not count. */
    { "Amaranth builds failed, then Tomasz forgot the rollback.", "Tomasz" },
  };
  /* Composed and decomposed accents are the same name. */
  static const BlameCase decomposed[] = {
    { "Sofi\xcc\x81" "a had no runbook.", "Sofía" },
  };

  check_blame_cases (cases, G_N_ELEMENTS (cases), FALSE);
  check_blame_cases (decomposed, G_N_ELEMENTS (decomposed), FALSE);
}

static void
test_blame_in_measures (void)
{
  static const BlameCase cases[] = {
    { "Tomasz must stop forgetting the rotation", "Tomasz" },
    { "Retrain staff against human error", "human error" },
    { "Mitarbeiter dürfen nichts mehr vergessen", "vergessen" },
    { "Rotate tokens automatically every hour", NULL },
    { "Add a forgot-password rate limit", NULL },
    { "Every publication should have a second approval", NULL },
  };

  check_blame_cases (cases, G_N_ELEMENTS (cases), TRUE);
}

static void
test_blame_title_and_order (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  g_autoptr(GListModel) findings = NULL;
  PmRootCause *masking = pm_document_find_root_cause (document, "rc-masking");
  PmRootCause *alerts = pm_document_find_root_cause (document, "rc-alerts");
  PmMeasure *tokens = pm_document_find_measure (document, "m-tokens");
  g_autoptr(PmFinding) first = NULL;
  g_autoptr(PmFinding) second = NULL;
  g_autoptr(PmFinding) third = NULL;

  /* The title is read before the description; one finding per object, quoting the first. */
  pm_root_cause_set_title (alerts, "Human error on the weekend");
  pm_root_cause_set_description (alerts, "Tomasz forgot.");
  pm_root_cause_set_description (masking, "Careless template change.");
  pm_measure_set_description (tokens, "Nobody can be negligent with a token that expires.");

  findings = run_check (document);
  dump_findings (findings);
  g_assert_cmpuint (count_findings (findings, "blame-language", NULL), ==, 3);

  /* Root causes first, then measures, each in document order. */
  first = g_list_model_get_item (findings, 0);
  second = g_list_model_get_item (findings, 1);
  third = g_list_model_get_item (findings, 2);
  g_assert_cmpstr (pm_finding_get_rule (first), ==, "blame-language");
  g_assert_cmpstr (pm_finding_get_object_id (first), ==, "rc-masking");
  assert_message_contains (first, "“Careless”");
  g_assert_cmpstr (pm_finding_get_object_id (second), ==, "rc-alerts");
  assert_message_contains (second, "“Human error”");
  assert_message_contains (second, "“Human error on the weekend”");
  g_assert_cmpstr (pm_finding_get_object_id (third), ==, "m-tokens");
  g_assert_cmpstr (pm_finding_get_object_kind (third), ==, "measure");
  assert_message_contains (third, "“negligent”");
}

static void
test_blame_events_are_facts (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  g_autoptr(GListModel) findings = NULL;

  /* Events record who did what; only root causes and measures are checked. */
  add_event (document, "ev-4", "Tomasz Wiśniewski forgot to turn tracing off.", FALSE, FALSE);
  pm_participant_set_role (pm_document_find_participant (document, "p-tomasz"),
                           "Careless by nobody's standards");

  findings = run_check (document);
  g_assert_cmpuint (count_findings (findings, "blame-language", NULL), ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* stopped-at-vulnerability                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
test_stopped_at_vulnerability (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  PmRootCause *masking = pm_document_find_root_cause (document, "rc-masking");
  PmRootCause *alerts = pm_document_find_root_cause (document, "rc-alerts");

  pm_root_cause_set_category (masking, "technical");
  {
    g_autoptr(GListModel) findings = run_check (document);

    /* One is a process cause: quiet. */
    g_assert_cmpuint (count_findings (findings, "stopped-at-vulnerability", NULL), ==, 0);
  }

  pm_root_cause_set_category (alerts, "technical");
  {
    g_autoptr(GListModel) findings = run_check (document);
    PmFinding *finding = get_finding (findings, "stopped-at-vulnerability", NULL);

    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_WARNING);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "document");
    g_assert_cmpuint (g_list_model_get_n_items (findings), ==, 1);
  }

  /* A category this version does not know is not "technical". */
  pm_root_cause_set_category (alerts, "supply-chain");
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "stopped-at-vulnerability", NULL), ==, 0);
  }
}

static void
test_stopped_at_vulnerability_needs_root_causes (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(GListModel) findings = NULL;

  add_event (document, "ev-1", "Something happened.", FALSE, FALSE);
  findings = run_check (document);
  g_assert_cmpuint (count_findings (findings, "stopped-at-vulnerability", NULL), ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* unexplained-event                                                                          */
/* ------------------------------------------------------------------------------------------ */

static void
test_unexplained_event (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  g_autoptr(GListModel) findings = NULL;
  PmRootCause *masking = pm_document_find_root_cause (document, "rc-masking");
  PmRootCause *alerts = pm_document_find_root_cause (document, "rc-alerts");
  const char *none[] = { NULL };
  PmFinding *finding;

  pm_root_cause_set_events (masking, none);
  pm_root_cause_set_events (alerts, none);
  add_event (document, "ev-4", "The public job log stays readable for 90 days, and it is "
                               "long enough to be shortened in the message.", TRUE, TRUE);
  add_event (document, "ev-5", "Unrelated background.", FALSE, FALSE);

  findings = run_check (document);
  dump_findings (findings);
  g_assert_cmpuint (count_findings (findings, "unexplained-event", NULL), ==, 3);

  finding = get_finding (findings, "unexplained-event", "ev-1");
  g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_INFO);
  g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "event");
  assert_message_contains (finding, "contributed to the incident");
  finding = get_finding (findings, "unexplained-event", "ev-2");
  assert_message_contains (finding, "slowed the response");
  finding = get_finding (findings, "unexplained-event", "ev-4");
  assert_message_contains (finding, "…");
  g_assert_cmpuint (count_findings (findings, "unexplained-event", "ev-3"), ==, 0);
  g_assert_cmpuint (count_findings (findings, "unexplained-event", "ev-5"), ==, 0);

  /* Document order. */
  {
    g_autoptr(PmFinding) a = g_list_model_get_item (findings, 0);
    g_autoptr(PmFinding) b = g_list_model_get_item (findings, 1);
    g_autoptr(PmFinding) c = g_list_model_get_item (findings, 2);

    g_assert_cmpstr (pm_finding_get_object_id (a), ==, "ev-1");
    g_assert_cmpstr (pm_finding_get_object_id (b), ==, "ev-2");
    g_assert_cmpstr (pm_finding_get_object_id (c), ==, "ev-4");
  }
}

static void
test_unexplained_event_linked (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  g_autoptr(GListModel) findings = NULL;
  PmRootCause *alerts = pm_document_find_root_cause (document, "rc-alerts");
  const char *both[] = { "ev-2", "ev-4", NULL };

  /* Explained by a second root cause. */
  add_event (document, "ev-4", "The chat channel is muted by most members.", FALSE, TRUE);
  pm_root_cause_set_events (alerts, both);

  findings = run_check (document);
  g_assert_cmpuint (count_findings (findings, "unexplained-event", NULL), ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* event-outside-incident                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
set_time (PmEvent         *event,
          const char      *iso,
          PmTimePrecision  precision)
{
  g_autoptr(PmTime) time = pm_time_parse_iso8601 (iso, precision, NULL);

  g_assert_nonnull (time);
  pm_event_set_time (event, time);
}

static void
test_event_outside_incident (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(PmTime) start = pm_time_parse_iso8601 ("2024-03-10T21:40:00+01:00",
                                                   PM_TIME_PRECISION_MINUTE, NULL);
  g_autoptr(PmTime) end = pm_time_parse_iso8601 ("2024-03-11T02:15:00+01:00",
                                                 PM_TIME_PRECISION_MINUTE, NULL);
  PmFinding *finding;

  /* inside the window, and days around it: the run-up and the clean-up */
  set_time (add_event (document, "in-1", "Deploy.", FALSE, FALSE),
            "2024-03-10T21:40:00+01:00", PM_TIME_PRECISION_MINUTE);
  set_time (add_event (document, "in-2", "Pager.", FALSE, FALSE),
            "2024-03-11T02:15:00+01:00", PM_TIME_PRECISION_EXACT);
  set_time (add_event (document, "near-1", "Config change.", FALSE, FALSE),
            "2024-03-04T09:00:00+01:00", PM_TIME_PRECISION_MINUTE);
  set_time (add_event (document, "near-2", "Keys rotated.", FALSE, FALSE),
            "2024-03-18T00:00:00+01:00", PM_TIME_PRECISION_DAY);
  /* a whole day that ends 7 days before the start still overlaps the margin */
  set_time (add_event (document, "near-3", "Vendor advisory.", FALSE, FALSE),
            "2024-03-03T00:00:00+01:00", PM_TIME_PRECISION_DAY);
  /* a wrong year, and today's date by mistake */
  set_time (add_event (document, "year", "SOC paged the on-call.", FALSE, FALSE),
            "2023-03-10T23:27:00+01:00", PM_TIME_PRECISION_MINUTE);
  set_time (add_event (document, "today", "DBA restarted the primary.", FALSE, FALSE),
            "2024-11-05T00:36:00+01:00", PM_TIME_PRECISION_MINUTE);
  /* an old background fact is meant to be old; an unknown time is not checked */
  pm_event_set_kind (add_event (document, "old", "The key was created.", FALSE, FALSE),
                     "background");
  set_time (pm_document_find_event (document, "old"), "2019-06-01T00:00:00+02:00",
            PM_TIME_PRECISION_DAY);
  add_event (document, "unknown", "Someone noticed.", FALSE, FALSE);

  /* without incident times there is nothing to compare with */
  findings = run_check (document);
  g_assert_cmpuint (count_findings (findings, "event-outside-incident", NULL), ==, 0);
  g_clear_object (&findings);

  g_object_set (document, "start", start, "end", end, NULL);
  findings = run_check (document);
  dump_findings (findings);
  g_assert_cmpuint (count_findings (findings, "event-outside-incident", NULL), ==, 2);
  finding = get_finding (findings, "event-outside-incident", "year");
  g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_WARNING);
  g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "event");
  assert_message_contains (finding, "365 days before the incident started");
  assert_message_contains (finding, "2023-03-10 22:27");
  finding = get_finding (findings, "event-outside-incident", "today");
  assert_message_contains (finding, "238 days after the incident ended");
  g_clear_object (&findings);

  /* a start alone: the window is a few hours after it, the margin the same */
  g_object_set (document, "end", NULL, NULL);
  findings = run_check (document);
  g_assert_cmpuint (count_findings (findings, "event-outside-incident", NULL), ==, 2);
  g_assert_cmpuint (count_findings (findings, "event-outside-incident", "near-2"), ==, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* root-cause-without-measure                                                                 */
/* ------------------------------------------------------------------------------------------ */

static void
test_root_cause_without_measure (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  PmMeasure *paging = pm_document_find_measure (document, "m-paging");
  const char *none[] = { NULL };
  PmFinding *finding;

  pm_measure_set_root_causes (paging, none);
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "root-cause-without-measure", NULL), ==, 1);
    finding = get_finding (findings, "root-cause-without-measure", "rc-alerts");
    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_INFO);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "root-cause");
    assert_message_contains (finding, "“Integrity alerts reach no one at weekends”");
  }

  /* A dropped measure does not address it. */
  add_measure (document, "m-dropped", "Write our own alert bot", "p-amara", "rc-alerts");
  pm_measure_set_status (pm_document_find_measure (document, "m-dropped"), "dropped");
  {
    g_autoptr(GListModel) findings = run_check (document);

    finding = get_finding (findings, "root-cause-without-measure", "rc-alerts");
    assert_message_contains (finding, "dropped");
  }

  /* One measure for two root causes addresses both. */
  {
    const char *both[] = { "rc-masking", "rc-alerts", NULL };
    g_autoptr(GListModel) findings = NULL;

    pm_measure_set_root_causes (pm_document_find_measure (document, "m-tokens"), both);
    findings = run_check (document);
    g_assert_cmpuint (count_findings (findings, "root-cause-without-measure", NULL), ==, 0);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* principles-unassessed                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
test_principles_unassessed (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  PmRootCause *masking = pm_document_find_root_cause (document, "rc-masking");
  PmRootCause *alerts = pm_document_find_root_cause (document, "rc-alerts");
  PmFinding *finding;

  assess_all (masking, "not-assessed");
  pm_assessment_set_verdict (pm_root_cause_get_assessment (alerts, PM_PRINCIPLE_RIGOR),
                             "not-assessed");
  pm_assessment_set_verdict (pm_root_cause_get_assessment (alerts, PM_PRINCIPLE_MINIMIZATION),
                             "not-assessed");
  {
    g_autoptr(GListModel) findings = run_check (document);

    dump_findings (findings);
    finding = get_finding (findings, "principles-unassessed", "rc-masking");
    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_INFO);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "root-cause");
    assert_message_contains (finding, "None of the seven");
    finding = get_finding (findings, "principles-unassessed", "rc-alerts");
    assert_message_contains (finding, "2 principles");
  }

  /* Every verdict counts as an assessment, "not relevant" included. */
  assess_all (masking, "not-relevant");
  assess_all (alerts, "contributed");
  pm_assessment_set_verdict (pm_root_cause_get_assessment (alerts, PM_PRINCIPLE_RIGOR),
                             "held-up");
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "principles-unassessed", NULL), ==, 0);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* measure-without-owner, owner-not-attendee                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
test_measure_without_owner (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  PmMeasure *paging = pm_document_find_measure (document, "m-paging");
  PmFinding *finding;

  pm_measure_set_owner (paging, NULL);
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "measure-without-owner", NULL), ==, 1);
    finding = get_finding (findings, "measure-without-owner", "m-paging");
    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_WARNING);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "measure");
  }

  /* An escalation to the people who can decide is enough. */
  pm_measure_set_escalation (paging, "Head of Engineering");
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "measure-without-owner", NULL), ==, 0);
  }

  /* A dropped measure needs no owner. */
  pm_measure_set_escalation (paging, NULL);
  pm_measure_set_status (paging, "dropped");
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "measure-without-owner", NULL), ==, 0);
  }
}

static void
test_owner_not_attendee (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  PmMeasure *paging = pm_document_find_measure (document, "m-paging");
  PmFinding *finding;

  add_participant (document, "p-priya", "Priya Raman", FALSE);
  pm_measure_set_owner (paging, "p-priya");
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "owner-not-attendee", NULL), ==, 1);
    finding = get_finding (findings, "owner-not-attendee", "m-paging");
    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_INFO);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "measure");
    g_assert_cmpuint (count_findings (findings, "measure-without-owner", NULL), ==, 0);
  }

  /* An escalation: fine. */
  pm_measure_set_escalation (paging, "Office of the CISO");
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "owner-not-attendee", NULL), ==, 0);
  }

  /* The owner attended after all: fine. */
  pm_measure_set_escalation (paging, NULL);
  pm_participant_set_attended (pm_document_find_participant (document, "p-priya"), TRUE);
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "owner-not-attendee", NULL), ==, 0);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* measure-without-due-date, measure-overdue                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
test_measure_without_due_date (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  PmMeasure *paging = pm_document_find_measure (document, "m-paging");
  PmFinding *finding;

  pm_measure_set_due (paging, NULL);
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "measure-without-due-date", NULL), ==, 1);
    finding = get_finding (findings, "measure-without-due-date", "m-paging");
    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_INFO);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "measure");
  }

  /* Finished measures need no date. */
  for (guint i = 0; i < 3; i++)
    {
      const char *statuses[] = { "done", "verified", "dropped" };
      g_autoptr(GListModel) findings = NULL;

      pm_measure_set_status (paging, statuses[i]);
      findings = run_check (document);
      g_assert_cmpuint (count_findings (findings, "measure-without-due-date", NULL), ==, 0);
    }
}

static void
test_measure_overdue (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  PmMeasure *paging = pm_document_find_measure (document, "m-paging");
  PmFinding *finding;

  pm_measure_set_due (paging, "2024-10-31");
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "measure-overdue", NULL), ==, 1);
    finding = get_finding (findings, "measure-overdue", "m-paging");
    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_INFO);
    assert_message_contains (finding, "2024-10-31");
  }

  /* Due today is not overdue yet. */
  pm_measure_set_due (paging, "2024-11-01");
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "measure-overdue", NULL), ==, 0);
  }

  /* Done in time, or done late: either way not open. */
  pm_measure_set_due (paging, "2024-10-01");
  pm_measure_set_status (paging, "done");
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "measure-overdue", NULL), ==, 0);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* no-follow-up                                                                               */
/* ------------------------------------------------------------------------------------------ */

static void
test_no_follow_up (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  GListModel *follow_ups = pm_document_get_follow_ups (document);
  PmFollowUp *follow_up = pm_document_find_follow_up (document, "fu-1");
  PmFinding *finding;

  /* Only a past meeting. */
  {
    g_autoptr(PmTime) past = pm_time_new (TODAY_UNIX - 3600, 0, PM_TIME_PRECISION_MINUTE);
    g_autoptr(GListModel) findings = NULL;

    pm_follow_up_set_time (follow_up, past);
    findings = run_check (document);
    finding = get_finding (findings, "no-follow-up", NULL);
    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_INFO);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "document");
    assert_message_contains (finding, "2 measures");
  }

  /* A meeting "today" (to the day) still counts. */
  {
    g_autoptr(PmTime) day = pm_time_new (TODAY_UNIX, 0, PM_TIME_PRECISION_DAY);
    g_autoptr(GListModel) findings = NULL;

    pm_follow_up_set_time (follow_up, day);
    findings = run_check (document);
    g_assert_cmpuint (count_findings (findings, "no-follow-up", NULL), ==, 0);
  }

  /* A meeting with no time yet is not planned. */
  {
    g_autoptr(GListModel) findings = NULL;

    pm_follow_up_set_time (follow_up, NULL);
    findings = run_check (document);
    g_assert_cmpuint (count_findings (findings, "no-follow-up", NULL), ==, 1);
  }

  /* No meeting at all. */
  pm_document_remove (document, follow_ups, follow_up);
  {
    g_autoptr(GListModel) findings = run_check (document);

    finding = get_finding (findings, "no-follow-up", NULL);
    assert_message_contains (finding, "no follow-up");
  }

  /* Nothing open: nothing to follow up. */
  pm_measure_set_status (pm_document_find_measure (document, "m-tokens"), "verified");
  pm_measure_set_status (pm_document_find_measure (document, "m-paging"), "dropped");
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "no-follow-up", NULL), ==, 0);
  }
}

/* ------------------------------------------------------------------------------------------ */
/* impact-without-figures, summary-missing, laundry-list                                      */
/* ------------------------------------------------------------------------------------------ */

static void
test_impact_without_figures (void)
{
  g_autoptr(PmDocument) document = make_good_document ();

  pm_document_set (document, document,
                   "cost-amount", (gint64) -1,
                   "effort-hours", (gint64) -1,
                   NULL);
  {
    g_autoptr(GListModel) findings = run_check (document);
    PmFinding *finding = get_finding (findings, "impact-without-figures", NULL);

    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_INFO);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "document");
  }

  /* Either figure is enough, and zero is a figure. */
  pm_document_set (document, document, "effort-hours", (gint64) 0, NULL);
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "impact-without-figures", NULL), ==, 0);
  }

  pm_document_set (document, document,
                   "effort-hours", (gint64) -1,
                   "cost-amount", (gint64) 500,
                   NULL);
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "impact-without-figures", NULL), ==, 0);
  }
}

static void
test_summary_missing (void)
{
  g_autoptr(PmDocument) document = make_good_document ();

  pm_document_set (document, document, "teaser", " \n\t ", NULL);
  {
    g_autoptr(GListModel) findings = run_check (document);
    PmFinding *finding = get_finding (findings, "summary-missing", NULL);

    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_INFO);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "document");
  }

  pm_document_set (document, document, "teaser", NULL, NULL);
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "summary-missing", NULL), ==, 1);
  }
}

static void
test_laundry_list (void)
{
  g_autoptr(PmDocument) document = make_good_document ();
  GListModel *measures;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-extra-%u", i);

      add_measure (document, id, "Another improvement", "p-amara", "rc-alerts");
    }

  /* Five for the summary is fine. */
  measures = pm_document_get_measures (document);
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);

      pm_measure_set_summary (measure, TRUE);
    }
  {
    g_autoptr(GListModel) findings = run_check (document);

    g_assert_cmpuint (count_findings (findings, "laundry-list", NULL), ==, 0);
  }

  /* Six is a laundry list. */
  add_measure (document, "m-sixth", "One more thing", "p-amara", "rc-alerts");
  pm_measure_set_summary (pm_document_find_measure (document, "m-sixth"), TRUE);
  {
    g_autoptr(GListModel) findings = run_check (document);
    PmFinding *finding = get_finding (findings, "laundry-list", NULL);

    g_assert_cmpint (pm_finding_get_severity (finding), ==, PM_FINDING_WARNING);
    g_assert_cmpstr (pm_finding_get_object_kind (finding), ==, "document");
    assert_message_contains (finding, "6 measures");
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Order, and the bundled example                                                             */
/* ------------------------------------------------------------------------------------------ */

static void
test_order (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(GListModel) findings = NULL;
  const char * const *rules = pm_analysis_get_rules ();
  guint n;
  int last_rule = -1;

  /* A first draft that trips almost every rule. */
  add_participant (document, "p-1", "Jordan Whitaker", FALSE);
  add_event (document, "ev-1", "Key printed into a public log.", TRUE, FALSE);
  add_event (document, "ev-2", "Alert went to a muted channel.", FALSE, TRUE);
  {
    g_autoptr(PmTime) start = pm_time_parse_iso8601 ("2024-03-10T21:40:00+01:00",
                                                     PM_TIME_PRECISION_MINUTE, NULL);

    g_object_set (document, "start", start, NULL);
    set_time (pm_document_find_event (document, "ev-2"), "2014-03-10T21:50:00+01:00",
              PM_TIME_PRECISION_MINUTE);
  }
  {
    g_autoptr(PmRootCause) root_cause = pm_root_cause_new ("rc-1");

    pm_root_cause_set_title (root_cause, "Human error");
    pm_root_cause_set_category (root_cause, "technical");
    pm_document_append (document, pm_document_get_root_causes (document), root_cause);
  }
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-%u", i);
      g_autoptr(PmMeasure) measure = pm_measure_new (id);

      pm_measure_set_title (measure, "Do better");
      pm_measure_set_summary (measure, TRUE);
      if (i == 0)
        pm_measure_set_owner (measure, "p-1");
      if (i == 1)
        pm_measure_set_due (measure, "2024-01-01");
      pm_document_append (document, pm_document_get_measures (document), measure);
    }

  findings = run_check (document);
  dump_findings (findings);
  n = g_list_model_get_n_items (findings);

  /* Every rule fired, in the order of pm_analysis_get_rules(). */
  for (guint r = 0; rules[r] != NULL; r++)
    if (count_findings (findings, rules[r], NULL) == 0)
      g_error ("rule “%s” did not fire", rules[r]);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmFinding) finding = g_list_model_get_item (findings, i);
      int rule = -1;

      for (guint r = 0; rules[r] != NULL; r++)
        if (g_str_equal (rules[r], pm_finding_get_rule (finding)))
          rule = r;

      g_assert_cmpint (rule, >=, 0);
      g_assert_cmpint (rule, >=, last_rule);
      last_rule = rule;
      g_assert_cmpuint (pm_finding_get_severity (finding), ==,
                        pm_analysis_get_rule_severity (pm_finding_get_rule (finding)));
    }

  /* Within a rule, document order. */
  {
    g_autoptr(PmFinding) first = NULL;
    g_autoptr(PmFinding) second = NULL;
    guint i;

    for (i = 0; i < n; i++)
      {
        g_autoptr(PmFinding) finding = g_list_model_get_item (findings, i);

        if (g_str_equal (pm_finding_get_rule (finding), "measure-without-due-date"))
          break;
      }
    g_assert_cmpuint (i + 1, <, n);
    first = g_list_model_get_item (findings, i);
    second = g_list_model_get_item (findings, i + 1);
    g_assert_cmpstr (pm_finding_get_object_id (first), ==, "m-0");
    g_assert_cmpstr (pm_finding_get_object_id (second), ==, "m-2");
  }
}

static void
test_example (void)
{
  g_autofree char *path = NULL;
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;

  path = g_test_build_filename (G_TEST_DIST, "..", "data", "examples",
                                "leaked-deploy-key.pmortem", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("The bundled example data/examples/leaked-deploy-key.pmortem is missing");
      return;
    }

  document = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  findings = run_check (document);
  dump_findings (findings);

  /* The example is written blamelessly, and goes past the first technical cause. */
  g_assert_cmpuint (count_findings (findings, "blame-language", NULL), ==, 0);
  g_assert_cmpuint (count_findings (findings, "single-root-cause", NULL), ==, 0);
  g_assert_cmpuint (count_findings (findings, "stopped-at-vulnerability", NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/rules", test_rules);
  g_test_add_func ("/analysis/finding", test_finding_object);
  g_test_add_func ("/analysis/empty-document", test_empty_document);
  g_test_add_func ("/analysis/good-document", test_good_document);
  g_test_add_func ("/analysis/today-defaults-to-now", test_today_defaults_to_now);
  g_test_add_func ("/analysis/single-root-cause", test_single_root_cause);
  g_test_add_func ("/analysis/single-root-cause/no-timeline",
                   test_single_root_cause_not_without_timeline);
  g_test_add_func ("/analysis/blame-language/english", test_blame_english);
  g_test_add_func ("/analysis/blame-language/german", test_blame_german);
  g_test_add_func ("/analysis/blame-language/no-false-positives", test_blame_no_false_positives);
  g_test_add_func ("/analysis/blame-language/names", test_blame_names);
  g_test_add_func ("/analysis/blame-language/measures", test_blame_in_measures);
  g_test_add_func ("/analysis/blame-language/title-and-order", test_blame_title_and_order);
  g_test_add_func ("/analysis/blame-language/events-are-facts", test_blame_events_are_facts);
  g_test_add_func ("/analysis/stopped-at-vulnerability", test_stopped_at_vulnerability);
  g_test_add_func ("/analysis/stopped-at-vulnerability/no-root-causes",
                   test_stopped_at_vulnerability_needs_root_causes);
  g_test_add_func ("/analysis/unexplained-event", test_unexplained_event);
  g_test_add_func ("/analysis/unexplained-event/linked", test_unexplained_event_linked);
  g_test_add_func ("/analysis/event-outside-incident", test_event_outside_incident);
  g_test_add_func ("/analysis/root-cause-without-measure", test_root_cause_without_measure);
  g_test_add_func ("/analysis/principles-unassessed", test_principles_unassessed);
  g_test_add_func ("/analysis/measure-without-owner", test_measure_without_owner);
  g_test_add_func ("/analysis/owner-not-attendee", test_owner_not_attendee);
  g_test_add_func ("/analysis/measure-without-due-date", test_measure_without_due_date);
  g_test_add_func ("/analysis/measure-overdue", test_measure_overdue);
  g_test_add_func ("/analysis/no-follow-up", test_no_follow_up);
  g_test_add_func ("/analysis/impact-without-figures", test_impact_without_figures);
  g_test_add_func ("/analysis/summary-missing", test_summary_missing);
  g_test_add_func ("/analysis/laundry-list", test_laundry_list);
  g_test_add_func ("/analysis/order", test_order);
  g_test_add_func ("/analysis/example", test_example);

  return g_test_run ();
}
