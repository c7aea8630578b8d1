/* pm-ics.h — a follow-up meeting as an iCalendar invitation (RFC 5545)
 *
 * GTK-free, so that the command line and the tests can write the same bytes the window does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-document.h"

G_BEGIN_DECLS

/* How long the invitation blocks in the calendar. */
#define PM_ICS_DURATION_MINUTES 60

/* The time stamp of the invitation: SOURCE_DATE_EPOCH when it is set to a time an invitation
 * can hold (reproducible output), else now. */
gint64  pm_ics_get_timestamp        (void);

/* Whether a follow-up at @time can be written as an invitation: DTSTART and DTEND (an hour
 * later) are in UTC with four-digit years (RFC 5545), so both must fall in the years 0001 to
 * 9999 there. FALSE with PM_ERROR_TIME otherwise. The loader refuses such a follow-up, so
 * whatever schedules one must check this too. */
gboolean pm_ics_check_time          (const PmTime *time,
                                     GError      **error);

/* Escapes @text as an iCalendar TEXT value: backslash, semicolon, comma and line breaks. */
char   *pm_ics_escape_text          (const char *text);

/* Appends "NAME:VALUE" folded at 75 octets (never inside a UTF-8 character) and ends it with
 * CRLF. @line is the whole content line, already escaped. */
void    pm_ics_append_folded        (GString    *out,
                                     const char *line);

/* The invitation for @follow_up of @document (which must have a time): one VEVENT whose
 * description lists the measures still open, stamped at @timestamp (Unix seconds). NULL with
 * PM_ERROR_INVALID when the follow-up is not scheduled, PM_ERROR_TIME when its time or
 * @timestamp is outside what an invitation can hold (see pm_ics_check_time()). */
char   *pm_ics_write_follow_up      (PmDocument *document,
                                     PmFollowUp *follow_up,
                                     gint64      timestamp,
                                     GError    **error);

G_END_DECLS
