/* pm-ics.c — a follow-up meeting as an iCalendar invitation (RFC 5545)
 *
 * What calendars need and what they are strict about: CRLF line ends, content lines folded at
 * 75 octets with a leading space on each continuation, TEXT values with "\\", ";", "," and line
 * breaks escaped, a UID that stays the same when the invitation is exported again (so a second
 * import updates the event instead of doubling it), DTSTAMP and DTSTART in UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "pm-due.h"
#include "pm-error.h"
#include "pm-ics.h"
#include "pm-vocabulary.h"

#define FOLD_OCTETS 75
/* Unix seconds of 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: what GDateTime holds, and
 * what the four-digit years of an iCalendar DATE-TIME can say. */
#define MIN_UNIX_SECONDS G_GINT64_CONSTANT (-62135596800)
#define MAX_UNIX_SECONDS G_GINT64_CONSTANT (253402300799)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

gint64
pm_ics_get_timestamp (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");

  if (epoch != NULL && epoch[0] != '\0')
    {
      char *end = NULL;
      gint64 value;

      errno = 0;
      value = g_ascii_strtoll (epoch, &end, 10);
      if (errno == 0 && end != NULL && *end == '\0' && value >= 0 && value <= MAX_UNIX_SECONDS)
        return value;
    }

  return g_get_real_time () / G_USEC_PER_SEC;
}

char *
pm_ics_escape_text (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case ';':
          g_string_append (out, "\\;");
          break;
        case ',':
          g_string_append (out, "\\,");
          break;
        case '\r':
          if (p[1] == '\n')
            p++;
          g_string_append (out, "\\n");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          /* Other control characters are not allowed in TEXT. */
          if ((guchar) *p < 0x20 && *p != '\t')
            g_string_append_c (out, ' ');
          else
            g_string_append_c (out, *p);
        }
    }

  return g_string_free (out, FALSE);
}

void
pm_ics_append_folded (GString    *out,
                      const char *line)
{
  gsize len;
  gsize pos = 0;
  gsize room = FOLD_OCTETS;

  g_return_if_fail (out != NULL);
  g_return_if_fail (line != NULL);

  len = strlen (line);
  while (len - pos > room)
    {
      gsize cut = pos + room;

      /* Never split a UTF-8 sequence: back up to the start of the character. */
      while (cut > pos && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + pos, cut - pos);
      g_string_append (out, "\r\n ");
      pos = cut;
      /* A continuation line starts with the space, which counts. */
      room = FOLD_OCTETS - 1;
    }
  g_string_append (out, line + pos);
  g_string_append (out, "\r\n");
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *value)
{
  g_autofree char *line = g_strconcat (name, ":", value, NULL);

  pm_ics_append_folded (out, line);
}

static void
append_text_property (GString    *out,
                      const char *name,
                      const char *text)
{
  g_autofree char *escaped = pm_ics_escape_text (text);

  append_property (out, name, escaped);
}

static gboolean
unix_is_writable (gint64 unix_seconds)
{
  return unix_seconds >= MIN_UNIX_SECONDS && unix_seconds <= MAX_UNIX_SECONDS;
}

/* A DATE-TIME in UTC; @unix_seconds must be writable. The year is padded to four digits
 * ("%Y" is not: year 5 would come out as "5"). */
static char *
format_utc (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (unix_seconds);

  g_return_val_if_fail (dt != NULL, NULL);

  return g_strdup_printf ("%04d%02d%02dT%02d%02d%02dZ",
                          g_date_time_get_year (dt), g_date_time_get_month (dt),
                          g_date_time_get_day_of_month (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt));
}

static const char *
owner_text (PmDocument *document,
            PmMeasure  *measure)
{
  const char *owner = pm_measure_get_owner (measure);
  PmParticipant *participant = owner != NULL ? pm_document_find_participant (document, owner) : NULL;

  if (participant != NULL)
    return pm_participant_get_name (participant);

  return NULL;
}

static char *
describe_open_measures (PmDocument *document,
                        PmFollowUp *follow_up)
{
  GListModel *measures = pm_document_get_measures (document);
  const char * const *attendees = pm_follow_up_get_attendees (follow_up);
  GString *text = g_string_new (NULL);
  guint n_open = 0;

  g_string_append_printf (text, _("Follow-up of the postmortem “%s”."),
                          pm_document_get_title (document) != NULL
                          ? pm_document_get_title (document) : "");
  g_string_append (text, "\n\n");

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      const char *status = pm_measure_get_status (measure);
      const char *title = pm_measure_get_title (measure);
      const char *owner = owner_text (document, measure);
      const char *escalation = pm_measure_get_escalation (measure);
      g_autoptr(GPtrArray) details = g_ptr_array_new_with_free_func (g_free);

      if (!pm_measure_status_is_open (status))
        continue;

      if (n_open++ == 0)
        {
          g_string_append (text, _("Measures still open:"));
          g_string_append_c (text, '\n');
        }

      g_ptr_array_add (details, g_strdup (pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS,
                                                                   status)));
      if (owner != NULL)
        g_ptr_array_add (details, g_strdup_printf (_("owner: %s"), owner));
      else if (escalation != NULL && escalation[0] != '\0')
        g_ptr_array_add (details, g_strdup_printf (_("decision needed by %s"), escalation));
      if (pm_measure_get_due (measure) != NULL)
        g_ptr_array_add (details, g_strdup_printf (_("due %s"), pm_measure_get_due (measure)));
      if (pm_measure_get_ticket_key (measure) != NULL && pm_measure_get_ticket_key (measure)[0])
        g_ptr_array_add (details, g_strdup (pm_measure_get_ticket_key (measure)));
      g_ptr_array_add (details, NULL);

      g_string_append_printf (text, "- %s (", title != NULL && title[0] ? title : _("Untitled measure"));
      for (guint j = 0; details->pdata[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append (text, "; ");
          g_string_append (text, details->pdata[j]);
        }
      g_string_append (text, ")\n");
    }

  if (n_open == 0)
    {
      g_string_append (text, _("Every measure is closed."));
      g_string_append_c (text, '\n');
    }

  if (attendees != NULL && attendees[0] != NULL)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Invited:"));
      for (guint i = 0; attendees[i] != NULL; i++)
        {
          PmParticipant *participant = pm_document_find_participant (document, attendees[i]);

          g_string_append (text, i == 0 ? " " : ", ");
          g_string_append (text, participant != NULL ? pm_participant_get_name (participant)
                                                     : attendees[i]);
        }
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

/* Stable across exports of the same follow-up of the same postmortem. */
static char *
make_uid (PmDocument *document,
          PmFollowUp *follow_up)
{
  const char *reference = pm_document_get_field (document, PM_FIELD_REFERENCE_KEY);
  const char *title = pm_document_get_title (document);
  g_autofree char *seed = g_strdup_printf ("%s\n%s\n%s",
                                           reference != NULL ? reference : "",
                                           title != NULL ? title : "",
                                           pm_follow_up_get_id (follow_up));
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, seed, -1);

  hash[24] = '\0';
  return g_strdup_printf ("%s-%s@pmortem.invalid", pm_follow_up_get_id (follow_up), hash);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

gboolean
pm_ics_check_time (const PmTime  *time,
                   GError       **error)
{
  gint64 start;

  g_return_val_if_fail (time != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  start = pm_time_get_unix (time);
  /* The file form keeps local years 0001–9999, so the start is never far outside. */
  if (unix_is_writable (start) && unix_is_writable (start + PM_ICS_DURATION_MINUTES * 60))
    return TRUE;

  {
    g_autofree char *text = pm_time_to_iso8601 (time);

    g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                 _("%s cannot be the date of a follow-up: a calendar invitation holds only the "
                   "years 0001 to 9999 in UTC"), text);
  }
  return FALSE;
}

char *
pm_ics_write_follow_up (PmDocument *document,
                        PmFollowUp *follow_up,
                        gint64      timestamp,
                        GError    **error)
{
  const PmTime *time;
  g_autoptr(GString) out = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *dtstamp = NULL;
  g_autofree char *dtstart = NULL;
  g_autofree char *dtend = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  const char *title;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (PM_IS_FOLLOW_UP (follow_up), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  time = pm_follow_up_get_time (follow_up);
  if (time == NULL)
    {
      g_set_error_literal (error, PM_ERROR, PM_ERROR_INVALID,
                           _("The follow-up has no date yet."));
      return NULL;
    }
  if (!pm_ics_check_time (time, error))
    return NULL;
  if (!unix_is_writable (timestamp))
    {
      g_set_error (error, PM_ERROR, PM_ERROR_TIME,
                   _("The time stamp %lld is outside the years 0001 to 9999 that a calendar "
                     "invitation can hold."), (long long) timestamp);
      return NULL;
    }

  title = pm_document_get_title (document);
  uid = make_uid (document, follow_up);
  dtstamp = format_utc (timestamp);
  dtstart = format_utc (pm_time_get_unix (time));
  dtend = format_utc (pm_time_get_unix (time) + PM_ICS_DURATION_MINUTES * 60);
  summary = g_strdup_printf (_("Postmortem follow-up: %s"),
                             title != NULL && title[0] != '\0' ? title : _("Untitled Postmortem"));
  description = describe_open_measures (document, follow_up);

  out = g_string_new (NULL);
  append_property (out, "BEGIN", "VCALENDAR");
  append_property (out, "VERSION", "2.0");
  append_property (out, "PRODID", "-//pmortem//Postmortem " PACKAGE_VERSION "//EN");
  append_property (out, "CALSCALE", "GREGORIAN");
  append_property (out, "METHOD", "PUBLISH");
  append_property (out, "BEGIN", "VEVENT");
  append_property (out, "UID", uid);
  append_property (out, "DTSTAMP", dtstamp);
  append_property (out, "DTSTART", dtstart);
  append_property (out, "DTEND", dtend);
  append_text_property (out, "SUMMARY", summary);
  append_text_property (out, "DESCRIPTION", description);
  append_property (out, "END", "VEVENT");
  append_property (out, "END", "VCALENDAR");

  return g_string_free (g_steal_pointer (&out), FALSE);
}
