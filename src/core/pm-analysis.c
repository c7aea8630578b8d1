/* pm-analysis.c — the method check: the classic postmortem mistakes, found in a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pm-analysis.h"

/* How much of an event's text or an object's title a message quotes. */
#define LABEL_MAX_CHARS 60

/* More measures than this in the manager summary make it a laundry list. */
#define SUMMARY_MAX_MEASURES 5

typedef struct _Check Check;
typedef void (*RuleFunc) (Check *check);

struct _Check
{
  PmDocument *document;
  GListStore *findings;
  GDateTime  *today;
  const char *rule;

  /* blame-language */
  GRegex     *phrases;
  GRegex     *full_names;
  GRegex     *first_names;
};

static void check_single_root_cause          (Check *check);
static void check_blame_language             (Check *check);
static void check_stopped_at_vulnerability   (Check *check);
static void check_unexplained_event          (Check *check);
static void check_event_outside_incident     (Check *check);
static void check_root_cause_without_measure (Check *check);
static void check_principles_unassessed      (Check *check);
static void check_measure_without_owner      (Check *check);
static void check_owner_not_attendee         (Check *check);
static void check_measure_without_due_date   (Check *check);
static void check_measure_overdue            (Check *check);
static void check_no_follow_up               (Check *check);
static void check_impact_without_figures     (Check *check);
static void check_summary_missing            (Check *check);
static void check_laundry_list               (Check *check);

/* The order here is the order of the findings. */
static const struct
{
  const char        *id;
  PmFindingSeverity  severity;
  RuleFunc           func;
} rules[] = {
  { "single-root-cause",          PM_FINDING_WARNING, check_single_root_cause },
  { "blame-language",             PM_FINDING_WARNING, check_blame_language },
  { "stopped-at-vulnerability",   PM_FINDING_WARNING, check_stopped_at_vulnerability },
  { "unexplained-event",          PM_FINDING_INFO,    check_unexplained_event },
  { "event-outside-incident",     PM_FINDING_WARNING, check_event_outside_incident },
  { "root-cause-without-measure", PM_FINDING_INFO,    check_root_cause_without_measure },
  { "principles-unassessed",      PM_FINDING_INFO,    check_principles_unassessed },
  { "measure-without-owner",      PM_FINDING_WARNING, check_measure_without_owner },
  { "owner-not-attendee",         PM_FINDING_INFO,    check_owner_not_attendee },
  { "measure-without-due-date",   PM_FINDING_INFO,    check_measure_without_due_date },
  { "measure-overdue",            PM_FINDING_INFO,    check_measure_overdue },
  { "no-follow-up",               PM_FINDING_INFO,    check_no_follow_up },
  { "impact-without-figures",     PM_FINDING_INFO,    check_impact_without_figures },
  { "summary-missing",            PM_FINDING_INFO,    check_summary_missing },
  { "laundry-list",               PM_FINDING_WARNING, check_laundry_list },
};

static const char * const rule_ids[] = {
  "single-root-cause",
  "blame-language",
  "stopped-at-vulnerability",
  "unexplained-event",
  "event-outside-incident",
  "root-cause-without-measure",
  "principles-unassessed",
  "measure-without-owner",
  "owner-not-attendee",
  "measure-without-due-date",
  "measure-overdue",
  "no-follow-up",
  "impact-without-figures",
  "summary-missing",
  "laundry-list",
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (rules) + 1 == G_N_ELEMENTS (rule_ids));

/* Words and phrases that point at a person rather than at the system, in English and German.
 * Matched case-insensitively on whole words of NFC-normalised text. Decisions against false
 * positives:
 *  - "forgot" and "vergessen" right before or after "password"/"Passwort" etc. name the
 *    forgot-password feature ("forgot-password page", "Passwort-vergessen-Link"), not a person.
 *  - "forgotten" counts only after a form of "have" or "be" ("was forgotten", "had forgotten"):
 *    "a forgotten test server" describes an asset nobody tracked, which is a system fact.
 *  - "should have" counts only before a past participle ("should have checked", "should not have
 *    been"): "every release should have a second approval" is a requirement, not hindsight.
 *  - "a fault of" (a hardware fault) and "no fault of" do not count; "the fault of" does.
 *  - "keine Schuld" / "ohne Schuld" do not count; "Schulden" (debts) is another word. */
static const char blame_pattern[] =
  /* English */
  "\\bhuman\\s+(?:errors?|failures?)\\b"
  "|\\boperator\\s+errors?\\b"
  "|\\bforgot\\b(?![\\s-]*(?:passwords?|passwort|pin|username|user\\s+name|login|credentials?)\\b)"
  "|\\b(?:had|has|have|was|were|been|being|got|is|are)\\s+(?:\\w+\\s+)?forgotten\\b"
  "|\\b(?:should(?:\\s+not|n['’]t)?\\s+have|should['’]ve)\\s+"
    "(?:(?:never|not|already|also|just|really|at\\s+least)\\s+)?"
    "(?:been|had|done|gone|known|seen|shown|taken|given|written|broken|chosen|caught|thought|"
      "told|run|read|set|put|sent|kept|made|found|heard|left|said|got|gotten|built|paid|spent|"
      "understood|meant|let|spotted|noticed|"
      "(?!(?:need|speed|seed|feed|embed|shed|hundred)\\b)\\w{2,}ed)\\b"
  "|\\bcareless(?:ly|ness)?\\b"
  "|\\bnegligen(?:t|tly|ce)\\b"
  "|(?<!\\ba\\s)(?<!\\bno\\s)\\bfault\\s+of\\b"
  "|\\b(?:his|her|their)\\s+(?:own\\s+)?fault\\b"
  "|\\bat\\s+fault\\b"
  "|\\bmistakes?\\s+(?:made\\s+)?by\\b"
  /* German */
  "|\\bmenschlich(?:e|es|er|en|em)?\\s+(?:versagens?|fehlers?|fehlern)\\b"
  "|(?<!passwort[\\s-])(?<!kennwort[\\s-])"
    "\\bverg(?:essen|aß|ass|aßen|assen|isst|ißt)\\b"
    "(?![\\s-]*(?:passwort|kennwort)\\b)"
  "|\\b(?:hätte|hätten|hättest|hättet|haette|haetten)\\b"
    "(?:\\s+[^\\s.;:!?]+){0,6}?\\s+(?:sollen|müssen|muessen)\\b"
  "|\\bnachlässig\\w*"
  "|\\bfahrlässig\\w*"
  "|\\bunachtsam\\w*"
  "|\\bleichtsinnig\\w*"
  "|(?<!keine\\s)(?<!ohne\\s)\\bschuld(?:ig\\w*)?\\b";

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static PmFindingSeverity
rule_severity (const char *rule)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_str_equal (rules[i].id, rule))
      return rules[i].severity;

  return PM_FINDING_INFO;
}

static void
add_finding (Check      *check,
             const char *object_kind,
             const char *object_id,
             const char *message)
{
  g_autoptr(PmFinding) finding = NULL;

  /* The team looked at this one and set it aside: it stays out until they take it back. */
  if (pm_document_find_dismissal (check->document, check->rule, object_id) != NULL)
    return;

  finding = pm_finding_new (check->rule, rule_severity (check->rule),
                            object_kind, object_id, message);
  g_list_store_append (check->findings, finding);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* @text on one line with runs of white space as one space, cut to LABEL_MAX_CHARS. */
static char *
make_label (const char *text)
{
  GString *label = g_string_new (NULL);
  gboolean space = FALSE;
  glong n_chars = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = label->len > 0;
          continue;
        }

      if (n_chars + (space ? 1 : 0) >= LABEL_MAX_CHARS)
        {
          g_string_append (label, "…");
          break;
        }

      if (space)
        {
          g_string_append_c (label, ' ');
          n_chars++;
          space = FALSE;
        }
      g_string_append_unichar (label, c);
      n_chars++;
    }

  return g_string_free (label, FALSE);
}

/* What a message calls an object: its title (or text), else its id. */
static char *
object_label (const char *title,
              const char *id)
{
  if (!is_blank (title))
    return make_label (title);

  return g_strdup (id);
}

static gboolean
measure_is_open (PmMeasure *measure)
{
  const char *status = pm_measure_get_status (measure);

  return !(g_str_equal (status, "done") ||
           g_str_equal (status, "verified") ||
           g_str_equal (status, "dropped"));
}

static gboolean
measure_is_dropped (PmMeasure *measure)
{
  return g_str_equal (pm_measure_get_status (measure), "dropped");
}

static gboolean
document_has_content (PmDocument *document)
{
  return g_list_model_get_n_items (pm_document_get_events (document)) > 0 ||
         g_list_model_get_n_items (pm_document_get_root_causes (document)) > 0 ||
         g_list_model_get_n_items (pm_document_get_measures (document)) > 0;
}

/* Reads "YYYY-MM-DD"; FALSE for anything else. */
static gboolean
parse_iso_date (const char *str,
                GDate      *date)
{
  guint year, month, day;
  char end;

  if (str == NULL || strlen (str) != 10 || str[4] != '-' || str[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (str[i]))
      return FALSE;

  if (sscanf (str, "%4u-%2u-%2u%c", &year, &month, &day, &end) != 3)
    return FALSE;

  if (!g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);

  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Blame language                                                                             */
/* ------------------------------------------------------------------------------------------ */

static int
compare_by_length_desc (gconstpointer a,
                        gconstpointer b)
{
  const char *sa = *(const char * const *)a;
  const char *sb = *(const char * const *)b;
  gsize la = strlen (sa);
  gsize lb = strlen (sb);

  return (la < lb) - (la > lb);
}

/* Whole words, case-insensitive, any white space between the parts of a name. */
static GRegex *
compile_alternatives (GPtrArray *alternatives)
{
  g_autoptr(GString) pattern = NULL;
  g_autoptr(GError) error = NULL;
  GRegex *regex;

  if (alternatives->len == 0)
    return NULL;

  g_ptr_array_sort (alternatives, compare_by_length_desc);

  pattern = g_string_new ("(?<!\\w)(?:");
  for (guint i = 0; i < alternatives->len; i++)
    {
      if (i > 0)
        g_string_append_c (pattern, '|');
      g_string_append (pattern, g_ptr_array_index (alternatives, i));
    }
  g_string_append (pattern, ")(?!\\w)");

  regex = g_regex_new (pattern->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
  if (regex == NULL)
    g_debug ("Participant names are not checked for blame: %s", error->message);

  return regex;
}

/* A name's words as a pattern: each escaped, joined by "\s+". */
static char *
name_pattern (char **words)
{
  GString *pattern = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *escaped = g_regex_escape_string (words[i], -1);

      if (i > 0)
        g_string_append (pattern, "\\s+");
      g_string_append (pattern, escaped);
    }

  return g_string_free (pattern, FALSE);
}

static void
compile_blame_patterns (Check *check)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GListModel *participants = pm_document_get_participants (check->document);
  guint n = g_list_model_get_n_items (participants);

  check->phrases = g_regex_new (blame_pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
  if (check->phrases == NULL)
    g_critical ("The blame-language pattern does not compile: %s", error->message);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);
      g_autofree char *name = NULL;
      g_auto(GStrv) words = NULL;

      name = g_utf8_normalize (pm_participant_get_name (participant), -1,
                               G_NORMALIZE_DEFAULT_COMPOSE);
      if (name == NULL)
        continue;

      words = g_regex_split_simple ("\\s+", g_strstrip (name), 0, 0);
      if (words[0] == NULL || words[0][0] == '\0')
        continue;

      if (words[1] != NULL)
        g_ptr_array_add (full, name_pattern (words));

      if (g_utf8_strlen (words[0], -1) >= 3)
        {
          g_autofree char *escaped = g_regex_escape_string (words[0], -1);

          /* Alone, a name is counted again only when written capitalised: see first_name_ok(). */
          g_ptr_array_add (first, g_steal_pointer (&escaped));
        }
    }

  check->full_names = compile_alternatives (full);
  check->first_names = compile_alternatives (first);
}

/* A first name on its own that starts lower case is an ordinary word: "will", "mark", "grant". */
static gboolean
first_name_ok (const char *match)
{
  return !g_unichar_islower (g_utf8_get_char (match));
}

/* The first match of @regex in @text that @accept takes, as byte offsets. */
static gboolean
find_first_match (GRegex     *regex,
                  const char *text,
                  gboolean  (*accept) (const char *match),
                  int        *start,
                  int        *end)
{
  g_autoptr(GMatchInfo) match_info = NULL;
  g_autoptr(GError) error = NULL;

  if (regex == NULL)
    return FALSE;

  if (!g_regex_match_full (regex, text, -1, 0, 0, &match_info, &error))
    {
      if (error != NULL)
        g_debug ("Blame check skipped a text: %s", error->message);
      return FALSE;
    }

  do
    {
      if (!g_match_info_fetch_pos (match_info, 0, start, end) || *end <= *start)
        continue;

      if (accept == NULL || accept (text + *start))
        return TRUE;
    }
  while (g_match_info_next (match_info, NULL));

  return FALSE;
}

/* The first phrase in @text that points at a person, on one line; NULL when there is none. */
static char *
find_blame (Check      *check,
            const char *text)
{
  g_autofree char *normal = NULL;
  g_autofree char *phrase = NULL;
  struct { GRegex *regex; gboolean (*accept) (const char *match); } searches[] = {
    { check->phrases, NULL },
    { check->full_names, NULL },
    { check->first_names, first_name_ok },
  };
  int best_start = -1;
  int best_end = -1;

  if (is_blank (text))
    return NULL;

  normal = g_utf8_normalize (text, -1, G_NORMALIZE_DEFAULT_COMPOSE);
  if (normal == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      int start, end;

      if (!find_first_match (searches[i].regex, normal, searches[i].accept, &start, &end))
        continue;

      /* Earliest wins; at the same place, the longer match. */
      if (best_start < 0 || start < best_start ||
          (start == best_start && end > best_end))
        {
          best_start = start;
          best_end = end;
        }
    }

  if (best_start < 0)
    return NULL;

  phrase = g_strndup (normal + best_start, best_end - best_start);

  return make_label (phrase);
}

/* ------------------------------------------------------------------------------------------ */
/* Rules                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
check_single_root_cause (Check *check)
{
  guint n_root_causes = g_list_model_get_n_items (pm_document_get_root_causes (check->document));
  guint n_events = g_list_model_get_n_items (pm_document_get_events (check->document));

  if (n_root_causes == 0 && n_events > 0)
    add_finding (check, PM_FINDING_KIND_DOCUMENT, NULL,
                 _("No root causes are recorded yet. Incidents almost always have several: "
                   "for each event that mattered, ask why it could happen."));
  else if (n_root_causes == 1)
    add_finding (check, PM_FINDING_KIND_DOCUMENT, NULL,
                 _("Only one root cause is recorded. Incidents almost always have several: "
                   "keep asking why."));
}

static void
check_blame_language (Check *check)
{
  GListModel *root_causes = pm_document_get_root_causes (check->document);
  GListModel *measures = pm_document_get_measures (check->document);
  guint n;

  n = g_list_model_get_n_items (root_causes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);
      g_autofree char *phrase = NULL;
      g_autofree char *label = NULL;
      g_autofree char *message = NULL;

      phrase = find_blame (check, pm_root_cause_get_title (root_cause));
      if (phrase == NULL)
        phrase = find_blame (check, pm_root_cause_get_description (root_cause));
      if (phrase == NULL)
        continue;

      label = object_label (pm_root_cause_get_title (root_cause),
                            pm_root_cause_get_id (root_cause));
      message = g_strdup_printf (_("The root cause “%s” says “%s”, which points at a person. "
                                   "Ask what in the system made it possible, and describe "
                                   "that instead."),
                                 label, phrase);
      add_finding (check, PM_FINDING_KIND_ROOT_CAUSE, pm_root_cause_get_id (root_cause), message);
    }

  n = g_list_model_get_n_items (measures);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      g_autofree char *phrase = NULL;
      g_autofree char *label = NULL;
      g_autofree char *message = NULL;

      phrase = find_blame (check, pm_measure_get_title (measure));
      if (phrase == NULL)
        phrase = find_blame (check, pm_measure_get_description (measure));
      if (phrase == NULL)
        continue;

      label = object_label (pm_measure_get_title (measure), pm_measure_get_id (measure));
      message = g_strdup_printf (_("The measure “%s” says “%s”, which points at a person. "
                                   "Describe what changes in the system, and record who does "
                                   "it as the owner."),
                                 label, phrase);
      add_finding (check, PM_FINDING_KIND_MEASURE, pm_measure_get_id (measure), message);
    }
}

static void
check_stopped_at_vulnerability (Check *check)
{
  GListModel *root_causes = pm_document_get_root_causes (check->document);
  guint n = g_list_model_get_n_items (root_causes);

  if (n == 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);

      if (!g_str_equal (pm_root_cause_get_category (root_cause), "technical"))
        return;
    }

  add_finding (check, PM_FINDING_KIND_DOCUMENT, NULL,
               _("Every root cause is technical. Ask why the weakness could arise and go "
                 "unnoticed: look at processes, tooling and the organisation too."));
}

static gboolean
event_is_explained (Check      *check,
                    const char *event_id)
{
  GListModel *root_causes = pm_document_get_root_causes (check->document);
  guint n = g_list_model_get_n_items (root_causes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);

      if (pm_root_cause_has_event (root_cause, event_id))
        return TRUE;
    }

  return FALSE;
}

static void
check_unexplained_event (Check *check)
{
  GListModel *events = pm_document_get_events (check->document);
  guint n = g_list_model_get_n_items (events);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      gboolean contributed = pm_event_get_contributed (event);
      gboolean slowed = pm_event_get_slowed_response (event);
      g_autofree char *label = NULL;
      g_autofree char *message = NULL;

      if (!contributed && !slowed)
        continue;

      if (event_is_explained (check, pm_event_get_id (event)))
        continue;

      label = object_label (pm_event_get_text (event), pm_event_get_id (event));
      if (contributed && slowed)
        message = g_strdup_printf (_("The event “%s” contributed to the incident and slowed the "
                                     "response, but no root cause explains it yet."),
                                   label);
      else if (contributed)
        message = g_strdup_printf (_("The event “%s” contributed to the incident, but no root "
                                     "cause explains it yet."),
                                   label);
      else
        message = g_strdup_printf (_("The event “%s” slowed the response, but no root cause "
                                     "explains it yet."),
                                   label);

      add_finding (check, PM_FINDING_KIND_EVENT, pm_event_get_id (event), message);
    }
}

/* How far outside the incident's window an event may lie before it looks like a typo: the run-up
 * and the clean-up take days, a wrong year or today's date by mistake is further away. */
#define OUTSIDE_INCIDENT_DAYS 7

static void
check_event_outside_incident (Check *check)
{
  GListModel *events = pm_document_get_events (check->document);
  guint n = g_list_model_get_n_items (events);
  g_autoptr(GTimeZone) zone = NULL;
  gint64 from, to;

  if (!pm_document_get_incident_window (check->document, &from, &to))
    return;
  zone = pm_document_dup_time_zone (check->document);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      const PmTime *time = pm_event_get_time (event);
      g_autofree char *label = NULL;
      g_autofree char *when = NULL;
      g_autofree char *message = NULL;
      gint64 first, last;
      guint days;

      /* An unknown time keeps its place in the order; there is nothing to compare. */
      if (time == NULL)
        continue;
      /* A time stands for its whole unit: "2024-03-03" is all of that day. */
      first = pm_time_get_unix (time);
      switch (pm_time_get_precision (time))
        {
        case PM_TIME_PRECISION_DAY:
          last = first + 86400 - 1;
          break;
        case PM_TIME_PRECISION_HOUR:
          last = first + 3600 - 1;
          break;
        case PM_TIME_PRECISION_MINUTE:
          last = first + 60 - 1;
          break;
        case PM_TIME_PRECISION_EXACT:
        default:
          last = first;
          break;
        }

      if (last < from - OUTSIDE_INCIDENT_DAYS * 86400)
        {
          /* Background facts are meant to be old ("the key was created in 2019"). */
          if (g_strcmp0 (pm_event_get_kind (event), "background") == 0)
            continue;
          days = (guint) MIN ((from - last) / 86400, G_MAXUINT);
          label = object_label (pm_event_get_text (event), pm_event_get_id (event));
          when = pm_time_format (time, zone, FALSE);
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "The event “%s” is dated %s, %u day before "
                                                  "the incident started. Check the date (a "
                                                  "wrong year?), or mark the event as "
                                                  "background if it is an old fact.",
                                                  "The event “%s” is dated %s, %u days before "
                                                  "the incident started. Check the date (a "
                                                  "wrong year?), or mark the event as "
                                                  "background if it is an old fact.",
                                                  days),
                                     label, when, days);
        }
      else if (first > to + OUTSIDE_INCIDENT_DAYS * 86400)
        {
          days = (guint) MIN ((first - to) / 86400, G_MAXUINT);
          label = object_label (pm_event_get_text (event), pm_event_get_id (event));
          when = pm_time_format (time, zone, FALSE);
          message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "The event “%s” is dated %s, %u day after "
                                                  "the incident ended. Check the date: a wrong "
                                                  "year, or today’s date instead of the "
                                                  "incident’s?",
                                                  "The event “%s” is dated %s, %u days after "
                                                  "the incident ended. Check the date: a wrong "
                                                  "year, or today’s date instead of the "
                                                  "incident’s?",
                                                  days),
                                     label, when, days);
        }
      else
        continue;

      add_finding (check, PM_FINDING_KIND_EVENT, pm_event_get_id (event), message);
    }
}

static void
check_root_cause_without_measure (Check *check)
{
  GListModel *root_causes = pm_document_get_root_causes (check->document);
  GListModel *measures = pm_document_get_measures (check->document);
  guint n_root_causes = g_list_model_get_n_items (root_causes);
  guint n_measures = g_list_model_get_n_items (measures);

  for (guint i = 0; i < n_root_causes; i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);
      const char *id = pm_root_cause_get_id (root_cause);
      g_autofree char *label = NULL;
      g_autofree char *message = NULL;
      gboolean addressed = FALSE;
      gboolean dropped = FALSE;

      for (guint j = 0; j < n_measures && !addressed; j++)
        {
          g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, j);
          const char * const *ids = pm_measure_get_root_causes (measure);

          if (ids == NULL || !g_strv_contains (ids, id))
            continue;

          if (measure_is_dropped (measure))
            dropped = TRUE;
          else
            addressed = TRUE;
        }

      if (addressed)
        continue;

      label = object_label (pm_root_cause_get_title (root_cause), id);
      if (dropped)
        message = g_strdup_printf (_("Every measure for the root cause “%s” was dropped. Add "
                                     "another, or note why the risk is accepted."),
                                   label);
      else
        message = g_strdup_printf (_("No measure addresses the root cause “%s” yet. Add one, "
                                     "or note why the risk is accepted."),
                                   label);

      add_finding (check, PM_FINDING_KIND_ROOT_CAUSE, id, message);
    }
}

static void
check_principles_unassessed (Check *check)
{
  GListModel *root_causes = pm_document_get_root_causes (check->document);
  guint n = g_list_model_get_n_items (root_causes);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);
      g_autofree char *label = NULL;
      g_autofree char *message = NULL;
      guint n_unassessed = 0;

      for (guint p = 0; p < PM_N_PRINCIPLES; p++)
        {
          PmAssessment *assessment = pm_root_cause_get_assessment (root_cause, p);

          if (assessment == NULL ||
              g_str_equal (pm_assessment_get_verdict (assessment), "not-assessed"))
            n_unassessed++;
        }

      if (n_unassessed == 0)
        continue;

      label = object_label (pm_root_cause_get_title (root_cause),
                            pm_root_cause_get_id (root_cause));
      if (n_unassessed == PM_N_PRINCIPLES)
        message = g_strdup_printf (_("None of the seven principles is assessed yet for the root "
                                     "cause “%s”. Each one can show what failed and what held "
                                     "up."),
                                   label);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u principle is not assessed yet for the root "
                                                "cause “%s”. If it does not apply, mark it as "
                                                "not relevant.",
                                                "%u principles are not assessed yet for the root "
                                                "cause “%s”. If they do not apply, mark them as "
                                                "not relevant.",
                                                n_unassessed),
                                   n_unassessed, label);

      add_finding (check, PM_FINDING_KIND_ROOT_CAUSE, pm_root_cause_get_id (root_cause), message);
    }
}

static void
check_measure_without_owner (Check *check)
{
  GListModel *measures = pm_document_get_measures (check->document);
  guint n = g_list_model_get_n_items (measures);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      const char *owner = pm_measure_get_owner (measure);
      g_autofree char *label = NULL;
      g_autofree char *message = NULL;

      if (measure_is_dropped (measure) || !is_blank (pm_measure_get_escalation (measure)))
        continue;

      if (!is_blank (owner) && pm_document_find_participant (check->document, owner) != NULL)
        continue;

      label = object_label (pm_measure_get_title (measure), pm_measure_get_id (measure));
      message = g_strdup_printf (_("The measure “%s” has no owner. Give it to someone who was "
                                   "there, or make it a request to the people who can decide."),
                                 label);
      add_finding (check, PM_FINDING_KIND_MEASURE, pm_measure_get_id (measure), message);
    }
}

static void
check_owner_not_attendee (Check *check)
{
  GListModel *measures = pm_document_get_measures (check->document);
  guint n = g_list_model_get_n_items (measures);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      const char *owner = pm_measure_get_owner (measure);
      PmParticipant *participant;
      g_autofree char *label = NULL;
      g_autofree char *message = NULL;

      if (measure_is_dropped (measure) || !is_blank (pm_measure_get_escalation (measure)))
        continue;

      if (is_blank (owner))
        continue;

      participant = pm_document_find_participant (check->document, owner);
      if (participant == NULL || pm_participant_get_attended (participant))
        continue;

      label = object_label (pm_measure_get_title (measure), pm_measure_get_id (measure));
      message = g_strdup_printf (_("The owner of the measure “%s” did not attend. Give it to "
                                   "someone who was there, or make it a request to the people "
                                   "who can decide."),
                                 label);
      add_finding (check, PM_FINDING_KIND_MEASURE, pm_measure_get_id (measure), message);
    }
}

static void
check_measure_without_due_date (Check *check)
{
  GListModel *measures = pm_document_get_measures (check->document);
  guint n = g_list_model_get_n_items (measures);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      g_autofree char *label = NULL;
      g_autofree char *message = NULL;

      if (!measure_is_open (measure) || !is_blank (pm_measure_get_due (measure)))
        continue;

      label = object_label (pm_measure_get_title (measure), pm_measure_get_id (measure));
      message = g_strdup_printf (_("The measure “%s” has no due date. Agree on one, so a "
                                   "follow-up can check it."),
                                 label);
      add_finding (check, PM_FINDING_KIND_MEASURE, pm_measure_get_id (measure), message);
    }
}

static void
check_measure_overdue (Check *check)
{
  GListModel *measures = pm_document_get_measures (check->document);
  guint n = g_list_model_get_n_items (measures);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today,
                  g_date_time_get_day_of_month (check->today),
                  g_date_time_get_month (check->today),
                  g_date_time_get_year (check->today));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      g_autofree char *label = NULL;
      g_autofree char *message = NULL;
      GDate due;

      if (!measure_is_open (measure) || !parse_iso_date (pm_measure_get_due (measure), &due))
        continue;

      if (g_date_compare (&due, &today) >= 0)
        continue;

      label = object_label (pm_measure_get_title (measure), pm_measure_get_id (measure));
      message = g_strdup_printf (_("The measure “%s” was due on %s and is still open. Update "
                                   "its status, or agree on a new date."),
                                 label, pm_measure_get_due (measure));
      add_finding (check, PM_FINDING_KIND_MEASURE, pm_measure_get_id (measure), message);
    }
}

/* A follow-up is planned when the time it names has not passed: a meeting "on that day" counts
 * until the day is over. */
static gboolean
follow_up_is_planned (PmFollowUp *follow_up,
                      gint64      now)
{
  const PmTime *time = pm_follow_up_get_time (follow_up);
  gint64 span;

  if (time == NULL)
    return FALSE;

  switch (pm_time_get_precision (time))
    {
    case PM_TIME_PRECISION_DAY:
      span = 24 * 60 * 60;
      break;
    case PM_TIME_PRECISION_HOUR:
      span = 60 * 60;
      break;
    case PM_TIME_PRECISION_MINUTE:
      span = 60;
      break;
    case PM_TIME_PRECISION_EXACT:
    default:
      span = 1;
      break;
    }

  return pm_time_get_unix (time) + span > now;
}

static void
check_no_follow_up (Check *check)
{
  GListModel *measures = pm_document_get_measures (check->document);
  GListModel *follow_ups = pm_document_get_follow_ups (check->document);
  guint n_measures = g_list_model_get_n_items (measures);
  guint n_follow_ups = g_list_model_get_n_items (follow_ups);
  gint64 now = g_date_time_to_unix (check->today);
  g_autofree char *message = NULL;
  guint n_open = 0;

  for (guint i = 0; i < n_measures; i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);

      if (measure_is_open (measure))
        n_open++;
    }

  if (n_open == 0)
    return;

  for (guint i = 0; i < n_follow_ups; i++)
    {
      g_autoptr(PmFollowUp) follow_up = g_list_model_get_item (follow_ups, i);

      if (follow_up_is_planned (follow_up, now))
        return;
    }

  if (n_follow_ups == 0)
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u measure is open and no follow-up meeting is "
                                            "planned. Plan one to check it.",
                                            "%u measures are open and no follow-up meeting is "
                                            "planned. Plan one to check them.",
                                            n_open),
                               n_open);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u measure is open and no further follow-up "
                                            "meeting is planned. Plan the next one.",
                                            "%u measures are open and no further follow-up "
                                            "meeting is planned. Plan the next one.",
                                            n_open),
                               n_open);

  add_finding (check, PM_FINDING_KIND_DOCUMENT, NULL, message);
}

static void
check_impact_without_figures (Check *check)
{
  if (!document_has_content (check->document))
    return;

  if (pm_document_get_cost_amount (check->document) >= 0 ||
      pm_document_get_effort_hours (check->document) >= 0)
    return;

  add_finding (check, PM_FINDING_KIND_DOCUMENT, NULL,
               _("Neither the cost nor the effort of the incident is estimated. A rough figure "
                 "helps decision-makers weigh the measures."));
}

static void
check_summary_missing (Check *check)
{
  if (!document_has_content (check->document))
    return;

  if (!is_blank (pm_document_get_field (check->document, PM_FIELD_TEASER)))
    return;

  add_finding (check, PM_FINDING_KIND_DOCUMENT, NULL,
               _("There is no teaser yet. Write two or three sentences for people who were not "
                 "involved."));
}

static void
check_laundry_list (Check *check)
{
  GListModel *measures = pm_document_get_measures (check->document);
  guint n = g_list_model_get_n_items (measures);
  g_autofree char *message = NULL;
  guint n_summary = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);

      if (pm_measure_get_summary (measure))
        n_summary++;
    }

  if (n_summary <= SUMMARY_MAX_MEASURES)
    return;

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u measure is marked for the manager summary. Keep "
                                          "the few decisions that matter most; the protocol "
                                          "lists the rest.",
                                          "%u measures are marked for the manager summary. Keep "
                                          "the few decisions that matter most; the protocol "
                                          "lists the rest.",
                                          n_summary),
                             n_summary);
  add_finding (check, PM_FINDING_KIND_DOCUMENT, NULL, message);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

/**
 * pm_analysis_check:
 * @document: the postmortem to check
 * @today: (nullable): the moment to compare due dates and follow-ups with; NULL for now
 *
 * Returns: (transfer full): a GListStore of PmFinding
 */
GListModel *
pm_analysis_check (PmDocument *document,
                   GDateTime  *today)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GListStore) findings = NULL;
  Check check = { 0 };

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  if (today == NULL)
    today = now = g_date_time_new_now_local ();

  findings = g_list_store_new (PM_TYPE_FINDING);

  check.document = document;
  check.findings = findings;
  check.today = today;
  compile_blame_patterns (&check);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      check.rule = rules[i].id;
      rules[i].func (&check);
    }

  g_clear_pointer (&check.phrases, g_regex_unref);
  g_clear_pointer (&check.full_names, g_regex_unref);
  g_clear_pointer (&check.first_names, g_regex_unref);

  return G_LIST_MODEL (g_steal_pointer (&findings));
}

const char * const *
pm_analysis_get_rules (void)
{
  return rule_ids;
}

PmFindingSeverity
pm_analysis_get_rule_severity (const char *rule)
{
  g_return_val_if_fail (rule != NULL, PM_FINDING_INFO);

  return rule_severity (rule);
}
