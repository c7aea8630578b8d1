/* pm-cli.c — the headless subcommands: info, check, import, export, merge, collect, report,
 * serve (pm-cli-serve.c)
 *
 * Everything here works over ssh and in CI: it uses core only and never initialises GTK.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "pm-analysis.h"
#include "pm-atomic-file.h"
#include "pm-cli.h"
#include "pm-cli-import.h"
#include "pm-cli-serve.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-finding.h"
#include "pm-json.h"
#include "pm-limits.h"
#include "pm-markdown-writer.h"
#include "pm-contribution.h"
#include "pm-merge.h"
#include "pm-pdf-writer.h"
#include "pm-trend-report.h"
#include "pm-vocabulary.h"

/* Exit statuses */
enum {
  EXIT_OK = 0,
  EXIT_INVALID = 1,   /* the input is not valid (check), or findings were asked to fail */
  EXIT_USAGE = 2,     /* wrong arguments, unreadable file */
};

typedef int (*CommandFunc) (int argc, char **argv);

typedef struct
{
  const char  *name;
  CommandFunc  run;
  const char  *parameters;
  const char  *summary;
} Command;

static int run_info   (int argc, char **argv);
static int run_check  (int argc, char **argv);
static int run_import (int argc, char **argv);
static int run_export (int argc, char **argv);
static int run_merge   (int argc, char **argv);
static int run_collect (int argc, char **argv);
static int run_report (int argc, char **argv);
static int run_serve  (int argc, char **argv);

static const Command commands[] = {
  { "info", run_info, N_("FILE"), N_("Show the title, counts and time span of a postmortem") },
  { "check", run_check, N_("FILE"), N_("Validate a postmortem and list method findings") },
  { "import", run_import, N_("SOURCE"), N_("Read a timeline into a postmortem: a CSV, a chat export (Slack, Mattermost, Matrix), a chat transcript or a system log") },
  { "export", run_export, N_("FILE"), N_("Publish the protocol or the manager summary as Markdown or PDF") },
  { "merge", run_merge, N_("BASE OURS THEIRS -o OUT"), N_("Merge two edited copies of a postmortem with their common ancestor") },
  { "collect", run_collect, N_("DOCUMENT COPY… -o OUT"), N_("Bring participants' copies into a postmortem: their events are added, other changes proposed") },
  { "report", run_report, N_("PATH…"), N_("Trends across the postmortems in files and folders, as Markdown or PDF") },
  { "serve", run_serve, N_("FILE"), N_("Host a live session: participants add events from their browser, saved into FILE") },
};

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
print_error (const char *message)
{
  g_printerr ("pmortem: %s\n", message);
}

/* Parses @entries for subcommand @name; on a usage error prints it and returns FALSE. */
static gboolean
parse_options (const Command  *command,
               GOptionEntry   *entries,
               int            *argc,
               char         ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameters = g_strdup_printf ("%s %s", command->name, _(command->parameters));

  context = g_option_context_new (parameters);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      print_error (error->message);
      return FALSE;
    }
  return TRUE;
}

/* The single positional argument after the subcommand name. */
static const char *
single_file (int          argc,
             char       **argv,
             const char  *what)
{
  if (argc != 3)
    {
      g_autofree char *message = NULL;

      if (argc < 3)
        message = g_strdup_printf (_("missing %s (see “pmortem %s --help”)"), what, argv[1]);
      else
        message = g_strdup_printf (_("too many arguments (see “pmortem %s --help”)"), argv[1]);
      print_error (message);
      return NULL;
    }
  return argv[2];
}

static PmDocument *
load_or_report (const char *path)
{
  g_autoptr(GError) error = NULL;
  PmDocument *document = pm_document_load_from_file (path, &error);

  if (document == NULL)
    print_error (error->message);
  return document;
}

static void
add_time_members (JsonBuilder  *builder,
                  const PmTime *time)
{
  g_autofree char *iso = time ? pm_time_to_iso8601 (time) : NULL;

  json_builder_set_member_name (builder, "time");
  if (iso != NULL)
    json_builder_add_string_value (builder, iso);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "precision");
  json_builder_add_string_value (builder, time ? pm_time_precision_to_string (pm_time_get_precision (time))
                                               : "unknown");
}

static void
print_json (JsonNode *node)
{
  g_autoptr(GString) out = g_string_new (NULL);

  pm_json_write (node, 0, out);
  g_string_append_c (out, '\n');
  fwrite (out->str, 1, out->len, stdout);
}

/* First and last known event time, for the time span. */
static void
find_span (PmDocument    *document,
           const PmTime **first,
           const PmTime **last,
           guint         *n_unknown)
{
  GListModel *events = pm_document_get_events (document);

  *first = *last = NULL;
  *n_unknown = 0;
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      const PmTime *time = pm_event_get_time (event);

      if (time == NULL)
        (*n_unknown)++;
      else
        {
          if (*first == NULL || pm_time_compare (time, *first) < 0)
            *first = time;
          if (*last == NULL || pm_time_compare (time, *last) > 0)
            *last = time;
        }
    }
}

static guint
count_measures_with_status (PmDocument *document,
                            const char *status)
{
  GListModel *measures = pm_document_get_measures (document);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);

      if (g_strcmp0 (pm_measure_get_status (measure), status) == 0)
        count++;
    }
  return count;
}

/* ------------------------------------------------------------------------------------------ */
/* info                                                                                        */
/* ------------------------------------------------------------------------------------------ */

static void
info_json (PmDocument *document)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  GListModel *events = pm_document_get_events (document);
  const PmTime *first, *last;
  guint n_unknown;

  find_span (document, &first, &last, &n_unknown);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, pm_document_get_title (document));
  json_builder_set_member_name (builder, "timezone");
  json_builder_add_string_value (builder, pm_document_get_timezone (document));
  json_builder_set_member_name (builder, "read_only");
  json_builder_add_boolean_value (builder, pm_document_get_read_only (document));

  json_builder_set_member_name (builder, "counts");
  json_builder_begin_object (builder);
#define COUNT(name, model) \
  json_builder_set_member_name (builder, name); \
  json_builder_add_int_value (builder, g_list_model_get_n_items (model));
  COUNT ("participants", pm_document_get_participants (document));
  COUNT ("events", events);
  COUNT ("root_causes", pm_document_get_root_causes (document));
  COUNT ("measures", pm_document_get_measures (document));
  COUNT ("follow_ups", pm_document_get_follow_ups (document));
#undef COUNT
  json_builder_set_member_name (builder, "events_unknown_time");
  json_builder_add_int_value (builder, n_unknown);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "span");
  json_builder_begin_object (builder);
  {
    g_autofree char *first_iso = first ? pm_time_to_iso8601 (first) : NULL;
    g_autofree char *last_iso = last ? pm_time_to_iso8601 (last) : NULL;

    json_builder_set_member_name (builder, "first");
    if (first_iso)
      json_builder_add_string_value (builder, first_iso);
    else
      json_builder_add_null_value (builder);
    json_builder_set_member_name (builder, "last");
    if (last_iso)
      json_builder_add_string_value (builder, last_iso);
    else
      json_builder_add_null_value (builder);
  }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, pm_event_get_id (event));
      add_time_members (builder, pm_event_get_time (event));
      json_builder_set_member_name (builder, "actor");
      json_builder_add_string_value (builder, pm_event_get_actor (event));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, pm_event_get_text (event));
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, pm_event_get_kind (event));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  print_json (root);
}

static void
print_row (const char *label,
           const char *value)
{
  if (value != NULL && *value != '\0')
    {
      /* Pad by characters, not bytes: translated labels such as „Maßnahmen:“ line up too. */
      glong width = g_utf8_strlen (label, -1);

      g_print ("%s%*s %s\n", label, (int) MAX (16 - width, 0), "", value);
    }
}

static void
info_text (PmDocument *document)
{
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (document);
  GListModel *participants = pm_document_get_participants (document);
  GListModel *events = pm_document_get_events (document);
  GListModel *measures = pm_document_get_measures (document);
  g_autofree char *reference = NULL;
  g_autofree char *people = NULL;
  g_autofree char *event_line = NULL;
  g_autofree char *span = NULL;
  g_autofree char *measure_line = NULL;
  g_autofree char *counts = NULL;
  const char *key = pm_document_get_field (document, PM_FIELD_REFERENCE_KEY);
  const char *url = pm_document_get_field (document, PM_FIELD_REFERENCE_URL);
  const PmTime *first, *last;
  guint n_unknown, attended = 0;
  guint n_participants = g_list_model_get_n_items (participants);
  guint n_events = g_list_model_get_n_items (events);
  guint n_measures = g_list_model_get_n_items (measures);
  g_autoptr(GString) states = g_string_new (NULL);
  const char * const *statuses = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_STATUS);

  find_span (document, &first, &last, &n_unknown);
  for (guint i = 0; i < n_participants; i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);

      attended += pm_participant_get_attended (participant);
    }

  if (*key && *url)
    reference = g_strdup_printf ("%s <%s>", key, url);
  else
    reference = g_strdup (*key ? key : url);

  people = g_strdup_printf (ngettext ("%u (%u attended)", "%u (%u attended)", n_participants),
                            n_participants, attended);
  event_line = g_strdup_printf (ngettext ("%u (%u with unknown time)", "%u (%u with unknown time)",
                                          n_events), n_events, n_unknown);
  if (first != NULL)
    {
      g_autofree char *from = pm_time_format (first, zone, TRUE);
      g_autofree char *to = pm_time_format (last, zone, TRUE);

      span = g_strdup_printf ("%s – %s", from, to);
    }

  for (guint i = 0; statuses[i] != NULL; i++)
    {
      guint count = count_measures_with_status (document, statuses[i]);

      if (count == 0)
        continue;
      if (states->len > 0)
        g_string_append (states, ", ");
      g_string_append_printf (states, "%u %s", count,
                              pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS, statuses[i]));
    }
  measure_line = states->len > 0 ? g_strdup_printf ("%u (%s)", n_measures, states->str)
                                 : g_strdup_printf ("%u", n_measures);

  print_row (_("Title:"), pm_document_get_title (document));
  print_row (_("Reference:"), reference);
  print_row (_("Status:"), pm_vocabulary_get_label (PM_VOCABULARY_DOCUMENT_STATUS,
                                                    pm_document_get_field (document, PM_FIELD_STATUS)));
  print_row (_("Severity:"), pm_vocabulary_get_label (PM_VOCABULARY_SEVERITY,
                                                      pm_document_get_field (document, PM_FIELD_SEVERITY)));
  print_row (_("Classification:"), pm_vocabulary_get_label (PM_VOCABULARY_CLASSIFICATION,
                                                            pm_document_get_field (document, PM_FIELD_CLASSIFICATION)));
  print_row (_("Time zone:"), g_time_zone_get_identifier (zone));
  print_row (_("Participants:"), people);
  print_row (_("Events:"), event_line);
  print_row (_("Time span:"), span);
  counts = g_strdup_printf ("%u", g_list_model_get_n_items (pm_document_get_root_causes (document)));
  print_row (_("Root causes:"), counts);
  print_row (_("Measures:"), measure_line);
  g_free (counts);
  counts = g_strdup_printf ("%u", g_list_model_get_n_items (pm_document_get_follow_ups (document)));
  print_row (_("Follow-ups:"), counts);
  if (pm_document_get_read_only (document))
    g_print ("%s\n", _("This file was written by a newer Postmortem; it can be read, and saved only as a copy."));
}

static int
run_info (int    argc,
          char **argv)
{
  g_autoptr(PmDocument) document = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON object with counts and the events in timeline order"), NULL },
    { NULL }
  };
  const char *path;

  if (!parse_options (&commands[0], entries, &argc, &argv) ||
      !(path = single_file (argc, argv, _("the postmortem file"))))
    return EXIT_USAGE;

  if (!(document = load_or_report (path)))
    return EXIT_INVALID;

  if (json)
    info_json (document);
  else
    info_text (document);
  return EXIT_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* check                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static const char *
severity_name (int severity)
{
  return severity == PM_FINDING_WARNING ? "warning" : "info";
}

static int
run_check (int    argc,
           char **argv)
{
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the result as JSON"), NULL },
    { NULL }
  };
  const char *path;
  guint n;

  if (!parse_options (&commands[1], entries, &argc, &argv) ||
      !(path = single_file (argc, argv, _("the postmortem file"))))
    return EXIT_USAGE;

  document = pm_document_load_from_file (path, &error);
  if (document == NULL)
    {
      if (json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();
          g_autoptr(JsonNode) root = NULL;

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "valid");
          json_builder_add_boolean_value (builder, FALSE);
          json_builder_set_member_name (builder, "errors");
          json_builder_begin_array (builder);
          json_builder_add_string_value (builder, error->message);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          root = json_builder_get_root (builder);
          print_json (root);
        }
      else
        print_error (error->message);
      return EXIT_INVALID;
    }

  findings = pm_analysis_check (document, NULL);
  n = g_list_model_get_n_items (findings);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "valid");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "read_only");
      json_builder_add_boolean_value (builder, pm_document_get_read_only (document));
      json_builder_set_member_name (builder, "findings");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) finding = g_list_model_get_item (findings, i);
          g_autofree char *rule = NULL, *message = NULL, *object_id = NULL, *object_kind = NULL;
          int severity;

          g_object_get (finding, "rule", &rule, "severity", &severity, "message", &message,
                        "object-id", &object_id, "object-kind", &object_kind, NULL);
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "rule");
          json_builder_add_string_value (builder, rule);
          json_builder_set_member_name (builder, "severity");
          json_builder_add_string_value (builder, severity_name (severity));
          json_builder_set_member_name (builder, "message");
          json_builder_add_string_value (builder, message);
          json_builder_set_member_name (builder, "object");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "kind");
          json_builder_add_string_value (builder, object_kind);
          json_builder_set_member_name (builder, "id");
          if (object_id != NULL)
            json_builder_add_string_value (builder, object_id);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      print_json (root);
      return EXIT_OK;
    }

  g_print (_("%s: valid\n"), path);
  if (pm_document_get_read_only (document))
    g_print ("%s\n", _("Written by a newer Postmortem: it opens read-only."));
  if (n == 0)
    g_print ("%s\n", _("No method findings."));
  else
    g_print (ngettext ("%u method finding:\n", "%u method findings:\n", n), n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) finding = g_list_model_get_item (findings, i);
      g_autofree char *rule = NULL, *message = NULL, *object_id = NULL;
      int severity;

      g_object_get (finding, "rule", &rule, "severity", &severity, "message", &message,
                    "object-id", &object_id, NULL);
      if (object_id != NULL)
        g_print ("  %s [%s] %s: %s\n", severity_name (severity), rule, object_id, message);
      else
        g_print ("  %s [%s] %s\n", severity_name (severity), rule, message);
    }
  return EXIT_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* import                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static int
run_import (int    argc,
            char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *title = NULL;
  g_autofree char *timezone = NULL;
  g_autofree char *format = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  g_autofree char *select = NULL;
  g_autofree char *actors = NULL;
  gboolean include_system = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The postmortem to write (appended to when it exists)"), N_("FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("auto (recognised from the content), csv, slack, mattermost, matrix, transcript, journal or syslog"), N_("FORMAT") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Leave out what happened before this time (RFC 3339, e.g. 2024-03-01T14:00:00+01:00)"), N_("TIME") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until, N_("Leave out what happened after this time (RFC 3339)"), N_("TIME") },
    { "select", 0, 0, G_OPTION_ARG_STRING, &select, N_("Which messages: all, pinned, or those with a reaction (reaction:NAME)"), N_("WHICH") },
    { "actors", 0, 0, G_OPTION_ARG_FILENAME, &actors, N_("CSV file mapping authors to teams (columns author,team)"), N_("MAP.csv") },
    { "include-system", 0, 0, G_OPTION_ARG_NONE, &include_system, N_("Keep system messages: joins, topic changes, bots added"), NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Title of a new postmortem"), N_("TITLE") },
    { "timezone", 0, 0, G_OPTION_ARG_STRING, &timezone, N_("Zone for times without an offset, e.g. Europe/Berlin"), N_("ZONE") },
    { NULL }
  };
  PmCliImport args = { NULL };

  if (!parse_options (&commands[2], entries, &argc, &argv) ||
      !(args.source = single_file (argc, argv, _("the timeline to import"))))
    return EXIT_USAGE;

  args.output = output;
  args.title = title;
  args.timezone = timezone;
  args.format = format;
  args.since = since;
  args.until = until;
  args.select = select;
  args.actors = actors;
  args.include_system = include_system;
  return pm_cli_import (&args);
}

/* ------------------------------------------------------------------------------------------ */
/* export                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* The value of --lang in @argv, looked at before anything is translated: GLib decides once
 * whether to translate, and the export's language must be in place by then. */
static const char *
peek_language (int    argc,
               char **argv)
{
  for (int i = 2; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--"))
        break;
      if (g_str_equal (argv[i], "--lang") && i + 1 < argc)
        return argv[i + 1];
      if (g_str_has_prefix (argv[i], "--lang="))
        return argv[i] + strlen ("--lang=");
    }
  return NULL;
}

static gboolean
known_language (const char *language)
{
  const char * const *languages = pm_export_get_languages ();

  for (guint i = 0; languages[i] != NULL; i++)
    if (g_str_equal (language, languages[i]))
      return TRUE;
  return FALSE;
}

/* What export and report share: --format (else from the output file's name), --lang and
 * --paper. Prints what is wrong and returns FALSE. */
static gboolean
check_output_options (const char  *output,
                      const char  *format,
                      const char  *language,
                      const char  *paper,
                      PmPaper     *paper_size,
                      gboolean    *pdf)
{
  if (format == NULL)
    format = output != NULL && g_str_has_suffix (output, ".pdf") ? "pdf" : "md";
  if (!g_str_equal (format, "md") && !g_str_equal (format, "markdown") && !g_str_equal (format, "pdf"))
    {
      g_autofree char *message = g_strdup_printf (_("unknown format “%s”: use md or pdf"), format);

      print_error (message);
      return FALSE;
    }
  *pdf = g_str_equal (format, "pdf");

  if (language != NULL && !known_language (language))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) pm_export_get_languages ());
      g_autofree char *message = g_strdup_printf (_("unknown language “%s”: use one of %s"), language, known);

      print_error (message);
      return FALSE;
    }
  if (paper != NULL && !pm_export_paper_from_string (paper, paper_size))
    {
      g_autofree char *message = g_strdup_printf (_("unknown paper size “%s”: use a4 or letter"), paper);

      print_error (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_output (const char  *output,
              const char  *data,
              gsize        length)
{
  g_autoptr(GError) error = NULL;

  if (output == NULL || g_str_equal (output, "-"))
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          print_error (_("could not write to the standard output"));
          return FALSE;
        }
      return TRUE;
    }

  if (!pm_atomic_file_write (output, data, length, &error))
    {
      print_error (error->message);
      return FALSE;
    }
  return TRUE;
}

static int
run_export (int    argc,
            char **argv)
{
  g_autoptr(PmDocument) document = NULL;
  g_autofree char *format = NULL;
  g_autofree char *language = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *output = NULL;
  gboolean summary = FALSE;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("md (Markdown) or pdf; default: from the output file’s name, else md"), N_("FORMAT") },
    { "summary", 's', 0, G_OPTION_ARG_NONE, &summary, N_("The one-page manager summary instead of the full protocol"), NULL },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &language, N_("Language of the headings and labels: en or de; default: the document’s"), N_("LANG") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("PDF paper size: a4 or letter; default: the locale’s"), N_("PAPER") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (“-” for the standard output); Markdown goes to the standard output without it"), N_("FILE") },
    { NULL }
  };
  PmExportOptions options;
  PmExportLanguage *switched = NULL;
  const char *peeked = peek_language (argc, argv);
  const char *path;
  gboolean pdf;
  int status = EXIT_OK;

  if (peeked != NULL && known_language (peeked))
    switched = pm_export_language_push (peeked);

  pm_export_options_init (&options);
  if (!parse_options (&commands[3], entries, &argc, &argv) ||
      !(path = single_file (argc, argv, _("the postmortem file"))))
    {
      status = EXIT_USAGE;
      goto out;
    }

  if (!check_output_options (output, format, language, paper, &options.paper, &pdf))
    {
      status = EXIT_USAGE;
      goto out;
    }
  if (pdf && output == NULL)
    {
      print_error (_("a PDF needs an output file: -o FILE.pdf (or -o - for the standard output)"));
      status = EXIT_USAGE;
      goto out;
    }

  if (!(document = load_or_report (path)))
    {
      status = EXIT_INVALID;
      goto out;
    }

  options.kind = summary ? PM_EXPORT_SUMMARY : PM_EXPORT_PROTOCOL;
  options.language = language;
  /* The document's own language, when no --lang was given, before anything is looked up. */
  if (switched == NULL)
    switched = pm_export_language_push (pm_export_resolve_language (&options, document));

  if (pdf)
    {
      g_autoptr(PmPdfWriter) writer = pm_pdf_writer_new (document, &options, 0, 0);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      if (!(bytes = pm_pdf_writer_write_bytes (writer, &error)))
        {
          print_error (error->message);
          status = EXIT_USAGE;
        }
      else if (!write_output (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
        status = EXIT_USAGE;
    }
  else
    {
      g_autofree char *markdown = pm_markdown_writer_write (document, &options);

      if (!write_output (output, markdown, strlen (markdown)))
        status = EXIT_USAGE;
    }

out:
  pm_export_language_pop (switched);
  return status;
}

/* ------------------------------------------------------------------------------------------ */
/* merge                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/* Loads @path for merging or collecting; a file a newer version wrote is refused, as what this
 * version writes of it could lose what it does not know. */
static PmDocument *
load_input (const char *path)
{
  g_autoptr(PmDocument) document = load_or_report (path);

  if (document != NULL && pm_document_get_read_only (document))
    {
      g_autofree char *name = g_filename_display_name (path);
      g_autofree char *message =
        g_strdup_printf (_("%s: written by a newer Postmortem (file format %d; this version "
                           "writes %d); nothing was written"),
                         name, pm_document_get_format_version (document), PM_FORMAT_VERSION);

      print_error (message);
      return NULL;
    }
  return g_steal_pointer (&document);
}

static const char *
member_or_empty (JsonObject *object,
                 const char *member)
{
  const char *value = pm_json_object_get_string (object, member);

  return value != NULL ? value : "";
}

/* One line per open decision from @first on: "conflict: event ev-3 text" or
 * "proposal from Tomasz: event ev-3 text". */
static void
print_decisions (PmDocument *document,
                 guint       first)
{
  JsonArray *conflicts = pm_merge_get_conflicts (document);

  for (guint i = first; conflicts != NULL && i < json_array_get_length (conflicts); i++)
    {
      JsonObject *entry = json_array_get_object_element (conflicts, i);
      const char *kind = member_or_empty (entry, "kind");
      const char *id = member_or_empty (entry, "id");
      const char *member = member_or_empty (entry, "member");

      if (json_object_has_member (entry, "source"))
        {
          PmParticipant *from = pm_document_find_participant (document,
                                                              member_or_empty (entry, "from"));
          const char *who = from ? pm_participant_get_name (from)
                                 : member_or_empty (entry, "source");

          /* Translators: a participant's proposal, e.g. "proposal from Lea: event ev-3 text" */
          g_printerr (_("proposal from %s: %s %s %s\n"), who, kind, id, member);
        }
      else
        /* Translators: a merge conflict, e.g. "conflict: event ev-3 text" */
        g_printerr (_("conflict: %s %s %s\n"), kind, id, member);
    }
}

static guint
n_open (PmDocument *document)
{
  JsonArray *conflicts = pm_merge_get_conflicts (document);

  return conflicts ? json_array_get_length (conflicts) : 0;
}

static guint
n_suggested (PmDocument *document)
{
  JsonArray *suggestions = pm_merge_get_duplicate_suggestions (document);

  return suggestions ? json_array_get_length (suggestions) : 0;
}

/* What came in, for people: per contributor, then the totals. */
/* The ids of @document's participants (borrowed). */
static GHashTable *
participant_ids (PmDocument *document)
{
  GListModel *participants = pm_document_get_participants (document);
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);

      g_hash_table_add (ids, g_strdup (pm_participant_get_id (participant)));
    }
  return ids;
}

static void
print_collect_summary (PmCollectSummary *summary,
                       PmDocument       *document,
                       GHashTable       *known,
                       const char       *output)
{
  g_autofree char *name = g_filename_display_name (output);

  for (guint i = 0; i < summary->contributions->len; i++)
    {
      PmCollectContribution *c = summary->contributions->pdata[i];
      g_autofree char *events = g_strdup_printf (ngettext ("%u new event", "%u new events", c->n_events),
                                                 c->n_events);
      g_autofree char *proposals = g_strdup_printf (ngettext ("%u proposal", "%u proposals", c->n_proposals),
                                                    c->n_proposals);

      /* Translators: "Tomasz: 3 new events, 1 proposal" */
      g_print (_("%s: %s, %s\n"), c->name ? c->name
                                          : c->contributor_id ? c->contributor_id
                                                              : _("a copy that names nobody (all of it proposed)"),
               events, proposals);
    }
  if (known != NULL)
    {
      GListModel *participants = pm_document_get_participants (document);

      for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
        {
          g_autoptr(PmParticipant) participant = g_list_model_get_item (participants, i);

          if (!g_hash_table_contains (known, pm_participant_get_id (participant)))
            /* Translators: a participant a copy brought, e.g. "New participant: Dana Ito" */
            g_print (_("New participant: %s\n"), pm_participant_get_name (participant));
        }
    }
  if (summary->n_changed_events + summary->n_deleted_events > 0)
    g_print (_("Participants' own events: %u changed, %u deleted\n"),
             summary->n_changed_events, summary->n_deleted_events);
  if (summary->n_already_there > 0)
    g_print (ngettext ("%u event was already in the postmortem word for word\n",
                       "%u events were already in the postmortem word for word\n",
                       summary->n_already_there),
             summary->n_already_there);
  if (summary->n_suggestions > 0)
    g_print (ngettext ("%u pair of events may be the same event told twice (“duplicate_suggestions”).\n",
                       "%u pairs of events may be the same event told twice (“duplicate_suggestions”).\n",
                       summary->n_suggestions),
             summary->n_suggestions);
  if (summary->n_proposals > 0)
    g_printerr (ngettext ("pmortem: %s: %u proposal awaits a decision; it is recorded in the file (“merge_conflicts”)\n",
                          "pmortem: %s: %u proposals await a decision; they are recorded in the file (“merge_conflicts”)\n",
                          summary->n_proposals),
                name, summary->n_proposals);
  /* Translators: the one-line summary of collecting, e.g.
   * "Collected 2 copies into leak.pmortem: 4 new events, 1 new participant, 3 proposals." */
  g_print (_("Collected %u of %u copies into %s: new events: %u, new participants: %u, proposals: %u.\n"),
           summary->n_copies, summary->n_copies + summary->skipped->len, name,
           summary->n_new_events, summary->n_new_participants, summary->n_proposals);
}

/* Applies the copies in @copies to @document; FALSE with the message printed when one of them
 * cannot be applied (then @document must not be written). */
static gboolean
collect_into (PmDocument        *document,
              GPtrArray         *copies,
              GPtrArray         *paths,
              PmCollectSummary  *summary)
{
  for (guint i = 0; i < copies->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *source = g_path_get_basename (paths->pdata[i]);
      g_autofree char *display = g_filename_display_name (source);
      g_autoptr(PmContribution) contribution =
        pm_contribution_new_from_copy (copies->pdata[i], display, &error);

      if (contribution == NULL ||
          !pm_contribution_apply (contribution, document, _("Collect Events"), summary, &error))
        {
          print_error (error->message);
          return FALSE;
        }
      summary->n_copies++;
    }
  return TRUE;
}

/* Also a git merge driver: "pmortem merge %O %A %B -o %A" writes the result over ours and
 * exits 1 while conflicts remain, so git stops and the app shows them. When one side is a
 * participant's copy, it is collected into the other (see pm-contribution.h). */
static int
run_merge (int    argc,
           char **argv)
{
  g_autoptr(PmDocument) base = NULL;
  g_autoptr(PmDocument) ours = NULL;
  g_autoptr(PmDocument) theirs = NULL;
  g_autoptr(PmDocument) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *name = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the merged postmortem to FILE (it may be one of the inputs)"), N_("FILE") },
    { NULL }
  };
  const Command *command = NULL;
  guint n_conflicts = 0, n_suggestions;
  gboolean ours_is_copy, theirs_is_copy;
  PmMergeChanges changes;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, "merge"))
      command = &commands[i];

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc != 5)
    {
      g_autofree char *message = NULL;

      if (argc < 5)
        message = g_strdup_printf (_("missing %s (see “pmortem %s --help”)"),
                                   _("the files BASE OURS THEIRS"), argv[1]);
      else
        message = g_strdup_printf (_("too many arguments (see “pmortem %s --help”)"), argv[1]);
      print_error (message);
      return EXIT_USAGE;
    }
  if (output == NULL)
    {
      print_error (_("missing the output file: -o FILE.pmortem"));
      return EXIT_USAGE;
    }

  if (!(base = load_input (argv[2])) || !(ours = load_input (argv[3])) ||
      !(theirs = load_input (argv[4])))
    return EXIT_USAGE;
  name = g_filename_display_name (output);

  ours_is_copy = pm_contribution_looks_like_copy (ours, theirs);
  theirs_is_copy = pm_contribution_looks_like_copy (theirs, ours);
  if (ours_is_copy != theirs_is_copy)
    {
      /* A participant's copy meets the team's document: collect it, never merge it as an
       * equal (its omissions would read as deletions). */
      g_autoptr(PmCollectSummary) summary = pm_collect_summary_new ();
      g_autoptr(GPtrArray) copies = g_ptr_array_new ();
      g_autoptr(GPtrArray) paths = g_ptr_array_new ();
      PmDocument *document = ours_is_copy ? theirs : ours;
      g_autoptr(PmDocument) before = NULL;

      g_ptr_array_add (copies, ours_is_copy ? ours : theirs);
      g_ptr_array_add (paths, ours_is_copy ? argv[3] : argv[4]);
      {
        g_autofree char *data = pm_document_serialize (document, NULL);

        before = pm_document_load_from_data (data, strlen (data), name, NULL);
      }
      if (!collect_into (document, copies, paths, summary))
        return EXIT_USAGE;
      if (!pm_document_save_to_file (document, output, &error))
        {
          print_error (error->message);
          return EXIT_USAGE;
        }
      print_decisions (document, n_open (document) - summary->n_proposals);
      pm_merge_count_changes (before, document, &changes);
      /* Translators: the one-line summary of a merge, e.g. "Merged into leak.pmortem
       * (a participant's copy, collected): 3 added, 0 changed, 0 deleted, 2 to decide." */
      g_print (_("Merged into %s (a participant's copy, collected): %u added, %u changed, %u deleted, %u to decide.\n"),
               name, changes.added, changes.changed, changes.removed, summary->n_proposals);
      return summary->n_proposals > 0 ? EXIT_INVALID : EXIT_OK;
    }

  merged = pm_merge_documents_guarded (base, ours, theirs, &n_conflicts, &error);
  if (merged == NULL || !pm_document_save_to_file (merged, output, &error))
    {
      print_error (error->message);
      return EXIT_USAGE;
    }

  n_suggestions = n_suggested (merged);
  print_decisions (merged, 0);
  if (n_conflicts > 0)
    g_printerr (ngettext ("pmortem: %s: merged with %u conflict; they are recorded in the file (“merge_conflicts”)\n",
                          "pmortem: %s: merged with %u conflicts; they are recorded in the file (“merge_conflicts”)\n",
                          n_conflicts),
                name, n_conflicts);
  if (n_suggestions > 0)
    g_print (ngettext ("%u pair of events may be the same event told twice (“duplicate_suggestions”).\n",
                       "%u pairs of events may be the same event told twice (“duplicate_suggestions”).\n",
                       n_suggestions),
             n_suggestions);
  pm_merge_count_changes (ours, merged, &changes);
  /* Translators: the one-line summary of a merge, e.g. "Merged into leak.pmortem: 3 added,
   * 1 changed, 0 deleted, 2 to decide." */
  g_print (_("Merged into %s: %u added, %u changed, %u deleted, %u to decide.\n"),
           name, changes.added, changes.changed, changes.removed, n_conflicts);
  return n_conflicts > 0 ? EXIT_INVALID : EXIT_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* collect                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* The headless twin of Collect Events: exit 0 when everything was applied, 1 when proposals
 * await a decision (recorded in OUT), 2 when an input cannot be read (OUT untouched). */
static int
run_collect (int    argc,
             char **argv)
{
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(PmCollectSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the postmortem with what was collected to FILE (it may be the DOCUMENT)"), N_("FILE") },
    { NULL }
  };
  const Command *command = NULL;
  g_autoptr(GHashTable) known = NULL;
  guint open_before;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, "collect"))
      command = &commands[i];

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if (argc < 4)
    {
      g_autofree char *message = g_strdup_printf (_("missing %s (see “pmortem %s --help”)"),
                                                  _("the files DOCUMENT COPY…"), argv[1]);

      print_error (message);
      return EXIT_USAGE;
    }
  if (output == NULL)
    {
      print_error (_("missing the output file: -o FILE.pmortem"));
      return EXIT_USAGE;
    }

  /* Every input is read before anything is written. */
  if (!(document = load_input (argv[2])))
    return EXIT_USAGE;
  for (int i = 3; i < argc; i++)
    {
      PmDocument *copy = load_input (argv[i]);

      if (copy == NULL)
        return EXIT_USAGE;
      g_ptr_array_add (copies, copy);
      g_ptr_array_add (paths, argv[i]);
    }

  summary = pm_collect_summary_new ();
  known = participant_ids (document);
  open_before = n_open (document);
  pm_document_begin_change (document, _("Collect Events"));
  if (!collect_into (document, copies, paths, summary))
    return EXIT_USAGE;
  pm_document_end_change (document);
  if (!pm_document_save_to_file (document, output, &error))
    {
      print_error (error->message);
      return EXIT_USAGE;
    }
  print_decisions (document, open_before);
  print_collect_summary (summary, document, known, output);
  return summary->n_proposals > 0 ? EXIT_INVALID : EXIT_OK;
}

/* ------------------------------------------------------------------------------------------ */
/* report                                                                                      */
/* ------------------------------------------------------------------------------------------ */

/* Trends across every postmortem under the given paths. The report is written even when some
 * files had to be skipped: each is named on the standard error (and in the report), and the
 * exit status is then 1, so that scripts notice. */
static int
run_report (int    argc,
            char **argv)
{
  g_autoptr(PmTrends) trends = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *by = NULL;
  g_autofree char *language = NULL;
  g_autofree char *paper = NULL;
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format, N_("md (Markdown) or pdf; default: from the output file’s name, else md"), N_("FORMAT") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Group the incidents by year or by quarter; default: year"), N_("PERIOD") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &language, N_("Language of the headings and labels: en or de; default: the user’s"), N_("LANG") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper, N_("PDF paper size: a4 or letter; default: the locale’s"), N_("PAPER") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (“-” for the standard output); without it the report goes to the standard output (a PDF only when that is not a terminal)"), N_("FILE") },
    { NULL }
  };
  const Command *command = NULL;
  PmTrendsGrouping grouping = PM_TRENDS_BY_YEAR;
  PmPaper paper_size = pm_export_paper_from_locale ();
  g_autoptr(GDateTime) now = NULL;
  PmExportOptions options;
  PmExportLanguage *switched = NULL;
  const char *peeked = peek_language (argc, argv);
  gboolean pdf;
  int status = EXIT_OK;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, "report"))
      command = &commands[i];

  /* The language goes in before anything is translated, as for export. */
  if (peeked != NULL && known_language (peeked))
    switched = pm_export_language_push (peeked);

  if (!parse_options (command, entries, &argc, &argv))
    {
      status = EXIT_USAGE;
      goto out;
    }
  if (argc < 3)
    {
      g_autofree char *message = g_strdup_printf (_("missing %s (see “pmortem %s --help”)"),
                                                  _("the files or folders to read"), argv[1]);

      print_error (message);
      status = EXIT_USAGE;
      goto out;
    }

  if (!check_output_options (output, format, language, paper, &paper_size, &pdf))
    {
      status = EXIT_USAGE;
      goto out;
    }
  if (by != NULL && g_str_equal (by, "quarter"))
    grouping = PM_TRENDS_BY_QUARTER;
  else if (by != NULL && !g_str_equal (by, "year"))
    {
      g_autofree char *message = g_strdup_printf (_("unknown period “%s”: use year or quarter"), by);

      print_error (message);
      status = EXIT_USAGE;
      goto out;
    }
  if (pdf && output == NULL && isatty (STDOUT_FILENO))
    {
      print_error (_("a PDF needs an output file: -o FILE.pdf (or -o - for the standard output)"));
      status = EXIT_USAGE;
      goto out;
    }

  /* Overdue as of the moment of the report: $SOURCE_DATE_EPOCH when it is set. */
  pm_export_options_init (&options);
  now = pm_export_dup_now (&options);
  trends = pm_trends_collect ((const char * const *) argv + 2, grouping, now, NULL, &error);
  if (trends == NULL)
    {
      print_error (error->message);
      status = EXIT_USAGE;
      goto out;
    }
  for (guint i = 0; i < pm_trends_get_n_skipped (trends); i++)
    {
      const PmTrendSkipped *skipped = pm_trends_get_skipped (trends, i);

      /* Translators: a file the trend report could not count, with the reason */
      g_printerr (_("pmortem: skipped: %s\n"), skipped->message);
      status = EXIT_INVALID;
    }

  if (pdf)
    {
      g_autoptr(GBytes) bytes = pm_trend_report_write_pdf (trends, paper_size, &error);

      if (bytes == NULL)
        {
          print_error (error->message);
          status = EXIT_USAGE;
        }
      else if (!write_output (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
        status = EXIT_USAGE;
    }
  else
    {
      g_autofree char *markdown = pm_trend_report_write_markdown (trends);

      if (!write_output (output, markdown, strlen (markdown)))
        status = EXIT_USAGE;
    }

out:
  pm_export_language_pop (switched);
  return status;
}

/* ------------------------------------------------------------------------------------------ */
/* Entry points                                                                                */
/* ------------------------------------------------------------------------------------------ */

static void
print_help (void)
{
  g_print ("%s\n  pmortem [FILE…]\n", _("Usage:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  pmortem %s %s\n", commands[i].name, _(commands[i].parameters));
  g_print ("\n%s\n\n", _("Postmortem helps a team learn from a security incident: what happened, "
                         "the timeline, the root causes, the measures and their follow-up."));
  g_print ("%s\n", _("Commands (they need no display):"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_print ("  %-8s %s\n", commands[i].name, _(commands[i].summary));
  g_print ("\n%s\n", _("Without a command, the given files open in the application window."));
  g_print ("%s\n", _("“pmortem COMMAND --help” describes a command’s options."));
  g_print ("\n%s\n  --help     %s\n  --version  %s\n", _("Options:"),
           _("Show this help"), _("Show the version"));
}

gboolean
pm_cli_handles (int    argc,
                char **argv)
{
  if (argc < 2)
    return FALSE;

  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") ||
      g_str_equal (argv[1], "--version"))
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return TRUE;
  return FALSE;
}

int
pm_cli_run (int    argc,
            char **argv)
{
  g_return_val_if_fail (argc >= 2, EXIT_USAGE);

  if (g_str_equal (argv[1], "--version"))
    {
      g_print ("pmortem %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_help ();
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (argc, argv);

  print_help ();
  return EXIT_USAGE;
}

/* ------------------------------------------------------------------------------------------ */
/* serve                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static int
run_serve (int    argc,
           char **argv)
{
  g_autofree char *address = NULL;
  g_autofree char *certificate = NULL;
  g_autofree char *key = NULL;
  int port = 0;
  GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Listen on this IP address only (default: every address; the link names the one other machines reach)"), N_("ADDRESS") },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, N_("Listen on this port (default: a free one)"), N_("PORT") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &certificate, N_("The organisation’s certificate (PEM) instead of the one the app makes"), N_("PEM") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key, N_("The private key of that certificate (PEM, unencrypted)"), N_("PEM") },
    { NULL }
  };
  const Command *command = NULL;
  const char *path;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i].name, "serve"))
      command = &commands[i];

  if (!parse_options (command, entries, &argc, &argv))
    return EXIT_USAGE;
  if ((path = single_file (argc, argv, _("the file FILE"))) == NULL)
    return EXIT_USAGE;
  return pm_cli_serve (path, address, port, certificate, key);
}
