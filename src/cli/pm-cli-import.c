/* pm-cli-import.c — `pmortem import`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pm-atomic-file.h"
#include "pm-cli-import.h"
#include "pm-csv-import.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-import.h"
#include "pm-limits.h"

enum {
  EXIT_OK = 0,
  EXIT_INVALID = 1,
  EXIT_USAGE = 2,
};

static void
print_error (const char *message)
{
  g_printerr ("pmortem: %s\n", message);
}

static int G_GNUC_PRINTF (2, 3)
fail (int         status,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  print_error (message);
  return status;
}

/* An RFC 3339 time ("2024-03-01T14:00:00+01:00"; without an offset: in @zone; a date alone:
 * that day's start, or with @end its last second). */
static gboolean
parse_time (const char *option,
            const char *str,
            GTimeZone  *zone,
            gboolean    end,
            gint64     *unix_seconds)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *copy = g_strstrip (g_strdup (str));
  int year, month, day;
  char rest;

  if (strlen (copy) == 10 && sscanf (copy, "%4d-%2d-%2d%c", &year, &month, &day, &rest) == 3 &&
      g_date_valid_dmy (day, month, year))
    {
      time = g_date_time_new (zone, year, month, day, 0, 0, 0);
      if (time != NULL && end)
        {
          g_autoptr(GDateTime) next = g_date_time_add_days (time, 1);

          *unix_seconds = g_date_time_to_unix (next) - 1;
          return TRUE;
        }
    }
  else
    {
      if (strlen (copy) > 10 && copy[10] == ' ')
        copy[10] = 'T';
      time = g_date_time_new_from_iso8601 (copy, zone);
    }
  if (time == NULL)
    {
      fail (EXIT_USAGE, _("%s: “%s” is not a time such as 2024-03-01T14:00:00+01:00 (RFC 3339)"),
            option, str);
      return FALSE;
    }
  *unix_seconds = g_date_time_to_unix (time);
  return TRUE;
}

static PmDocument *
open_output (const PmCliImport *args,
             GTimeZone         *zone,
             int               *status)
{
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (g_file_test (args->output, G_FILE_TEST_EXISTS))
    {
      if (!(document = pm_document_load_from_file (args->output, &error)))
        {
          *status = fail (EXIT_INVALID, "%s", error->message);
          return NULL;
        }
      if (pm_document_get_read_only (document))
        {
          g_autofree char *name = g_filename_display_name (args->output);

          *status = fail (EXIT_INVALID,
                          _("%s was written by a newer Postmortem; events cannot be added to it"),
                          name);
          return NULL;
        }
      return g_steal_pointer (&document);
    }

  {
    g_autofree char *base = g_path_get_basename (args->source);
    g_autofree char *shown = NULL;
    char *dot;

    /* "export.zip" → "export"; a folder "logs/" → "logs". */
    if (g_str_equal (base, G_DIR_SEPARATOR_S) || g_str_equal (base, "."))
      {
        g_free (base);
        base = g_strdup ("Imported timeline");
      }
    dot = strrchr (base, '.');
    if (dot != NULL && dot != base)
      *dot = '\0';
    shown = g_filename_display_name (base);
    document = pm_document_new ();
    pm_document_set (document, document,
                     "title", args->title ? args->title : shown,
                     "timezone", zone ? g_time_zone_get_identifier (zone) : NULL,
                     NULL);
  }
  return g_steal_pointer (&document);
}

static int
save (PmDocument *document,
      const char *output)
{
  g_autoptr(GError) error = NULL;

  if (!pm_document_save_to_file (document, output, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  return EXIT_OK;
}

static int
import_csv (const PmCliImport *args,
            PmDocument        *document,
            PmImport          *import,
            GTimeZone         *zone)
{
  g_autoptr(GError) error = NULL;
  const char *display_name;
  gsize length;
  const char *contents = pm_import_get_csv (import, &length, &display_name);
  guint n_events, n_participants;
  int status;

  if (args->since || args->until || args->select || args->actors || args->include_system)
    return fail (EXIT_USAGE, _("--since, --until, --select, --actors and --include-system are "
                               "for chat exports and logs, not for a CSV timeline"));
  if (length > PM_LIMIT_FILE_BYTES)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (PM_LIMIT_FILE_BYTES);

      return fail (EXIT_USAGE, _("“%s” is %s; files larger than %s are not opened"),
                   display_name, size, limit);
    }

  if (!pm_csv_import (document, contents, length, display_name, zone, &n_events,
                      &n_participants, &error))
    return fail (EXIT_INVALID, "%s", error->message);
  if ((status = save (document, args->output)) != EXIT_OK)
    return status;

  {
    g_autofree char *name = g_filename_display_name (args->output);

    if (n_participants > 0)
      g_print (ngettext ("Imported %u event into %s (%u new participant).\n",
                         "Imported %u events into %s (%u new participants).\n", n_events),
               n_events, name, n_participants);
    else
      g_print (ngettext ("Imported %u event into %s.\n", "Imported %u events into %s.\n", n_events),
               n_events, name);
  }
  return EXIT_OK;
}

static PmImportActors *
read_actors (const char *path,
             int        *status)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = g_filename_display_name (path);
  PmImportActors *actors;
  gsize length;

  if (!pm_file_read_bounded (path, PM_LIMIT_FILE_BYTES, &contents, &length, &error))
    {
      *status = fail (EXIT_USAGE, "%s", error->message);
      return NULL;
    }
  if (!(actors = pm_import_actors_parse (contents, length, display, &error)))
    *status = fail (EXIT_INVALID, "%s", error->message);
  return actors;
}

/* What was left out and why, on one line, or NULL when nothing was. */
static char *
left_out_summary (PmImport *import,
                  guint     n_not_selected)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint system = pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_SYSTEM);
  guint deleted = pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_DELETED);
  guint empty = pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_EMPTY);
  guint outside = pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_OUTSIDE);

  if (system > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u system message (joins, topics; "
                                                       "--include-system keeps them)",
                                                       "%u system messages (joins, topics; "
                                                       "--include-system keeps them)", system),
                                             system));
  if (deleted > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u deleted", "%u deleted", deleted),
                                             deleted));
  if (empty > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u empty", "%u empty", empty), empty));
  if (outside > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u outside --since/--until",
                                                       "%u outside --since/--until", outside),
                                             outside));
  if (n_not_selected > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u not selected", "%u not selected",
                                                       n_not_selected), n_not_selected));
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

int
pm_cli_import (const PmCliImport *args)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(PmImport) import = NULL;
  g_autoptr(PmImportActors) actors = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree char *left_out = NULL;
  g_autofree char *output_name = NULL;
  PmImportOptions options;
  PmImportSelection selection;
  PmImportApplied applied;
  GPtrArray *messages, *warnings;
  int status = EXIT_OK;

  g_return_val_if_fail (args != NULL && args->source != NULL, EXIT_USAGE);

  if (args->output == NULL)
    return fail (EXIT_USAGE, _("missing the output file: -o FILE.pmortem"));
  if (args->timezone != NULL && !(zone = pm_time_zone_new (args->timezone, &error)))
    return fail (EXIT_USAGE, "%s", error->message);

  pm_import_options_init (&options);
  if (args->format != NULL && !pm_import_format_from_string (args->format, &options.format))
    return fail (EXIT_USAGE, _("“%s” is no format; choose auto, csv, slack, mattermost, matrix, "
                               "transcript, journal or syslog"), args->format);
  if (!pm_import_selection_parse (args->select, &selection, &error))
    return fail (EXIT_USAGE, "%s", error->message);
  if (args->actors != NULL && !(actors = read_actors (args->actors, &status)))
    return status;

  if (!(document = open_output (args, zone, &status)))
    return status;
  if (zone == NULL)
    zone = pm_document_dup_time_zone (document);

  options.zone = zone;
  options.include_system = args->include_system;
  if (args->since != NULL)
    {
      if (!parse_time ("--since", args->since, zone, FALSE, &options.since))
        return EXIT_USAGE;
      options.has_since = TRUE;
    }
  if (args->until != NULL)
    {
      if (!parse_time ("--until", args->until, zone, TRUE, &options.until))
        return EXIT_USAGE;
      options.has_until = TRUE;
    }
  if (options.has_since && options.has_until && options.until < options.since)
    return fail (EXIT_USAGE, _("--until is before --since"));
  /* Transcript times without a date are on the incident's day. */
  if (pm_document_get_start (document) != NULL)
    {
      g_autoptr(GDateTime) start = pm_time_to_date_time (pm_document_get_start (document), zone);

      g_date_set_dmy (&options.date, g_date_time_get_day_of_month (start),
                      g_date_time_get_month (start), g_date_time_get_year (start));
    }

  if (!(import = pm_import_read (args->source, &options, &error)))
    return fail (g_error_matches (error, PM_ERROR, PM_ERROR_IO) ? EXIT_USAGE : EXIT_INVALID,
                 "%s", error->message);

  warnings = pm_import_get_warnings (import);
  for (guint i = 0; i < warnings->len; i++)
    {
      g_autofree char *message = g_strdup_printf (_("warning: %s"), (char *) warnings->pdata[i]);

      print_error (message);
    }

  if (pm_import_get_format (import) == PM_IMPORT_FORMAT_CSV)
    return import_csv (args, document, import, zone);

  messages = pm_import_get_messages (import);
  for (guint i = 0; i < messages->len; i++)
    if (pm_import_message_is_selected (messages->pdata[i], &selection))
      g_ptr_array_add (chosen, messages->pdata[i]);
  left_out = left_out_summary (import, messages->len - chosen->len);

  if (chosen->len == 0)
    {
      g_autofree char *source = g_filename_display_name (args->source);

      if (left_out != NULL)
        return fail (EXIT_INVALID, _("%s: nothing to import (left out: %s)"), source, left_out);
      return fail (EXIT_INVALID, _("%s: nothing to import"), source);
    }

  if (!pm_import_apply (document, chosen, actors, zone, &applied, &error))
    return fail (EXIT_INVALID, "%s", error->message);

  output_name = g_filename_display_name (args->output);
  if (applied.added == 0)
    {
      g_print (ngettext ("Nothing new: the %u message is already in %s.\n",
                         "Nothing new: all %u messages are already in %s.\n", applied.already),
               applied.already, output_name);
      return EXIT_OK;
    }
  if ((status = save (document, args->output)) != EXIT_OK)
    return status;

  g_print (ngettext ("Imported %u event into %s (%s).\n", "Imported %u events into %s (%s).\n",
                     applied.added),
           applied.added, output_name, pm_import_format_to_string (pm_import_get_format (import)));
  if (applied.already > 0)
    g_print (ngettext ("  %u message was already there and was not imported again.\n",
                       "  %u messages were already there and were not imported again.\n",
                       applied.already), applied.already);
  if (applied.suggested > 0)
    g_print (ngettext ("  %u event looks like one that was there: suggested as a duplicate.\n",
                       "  %u events look like ones that were there: suggested as duplicates.\n",
                       applied.suggested), applied.suggested);
  if (applied.unmapped > 0)
    g_print (ngettext ("  %u event has an author who is not in the --actors file.\n",
                       "  %u events have authors who are not in the --actors file.\n",
                       applied.unmapped), applied.unmapped);
  if (left_out != NULL)
    g_print (_("  Left out: %s.\n"), left_out);
  return EXIT_OK;
}
