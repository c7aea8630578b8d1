/* pm-quick-entry.h — reading one typed line ("14:32 SOC paged the on-call") into an event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pm-document.h"
#include "pm-time.h"

G_BEGIN_DECLS

/* Reads a line typed in the timeline's quick-entry field:
 *
 *   "14:32 SOC paged the on-call"                 @reference's date; minute precision
 *   "14:32:05 SOC: paged the on-call"             exact; "Actor:" may hold several words
 *   "2023-01-04 09:15+01:00 Vendor notified us"   date, time and offset
 *   "2023-01-04 Vendor notified us"               the day only
 *   "Vendor notified us"                          time unknown
 *
 * A time without a date takes the date of @reference in @zone, and crosses midnight forwards:
 * a clock time more than 12 hours before @reference is on the next day ("00:36" after 23:27).
 * NULL @reference: today in @zone by the default PmClock; NULL @zone: UTC. A time without an
 * offset is read in @zone. The actor is the text
 * before a colon within the first four words, else the first word. On success *@time is the
 * time (NULL: unknown), *@actor and *@text newly allocated (never NULL; the actor may be "").
 * Fails with PM_ERROR_TIME for a time that does not exist, or when no text is left. */
gboolean pm_quick_entry_parse (const char    *line,
                               GTimeZone     *zone,
                               const PmTime  *reference,
                               PmTime       **time,
                               char         **actor,
                               char         **text,
                               GError       **error);

/* Takes the marks typed at the end of a quick entry off @text: "#kind" (a kind of event by its
 * stored name, its label in the user's language, or the start of either, at least three
 * letters and only one kind: "#det", "#Erkennung"), "!" for contributed to the incident and "~"
 * for slowed the response, separated by blanks and in any order. What is not such a mark (an
 * unknown or ambiguous "#tag", a "!" inside a word) stays in the text. Returns the text
 * without the marks; @kind receives the kind (NULL: none given), the flags TRUE when marked.
 * Text made only of marks is left as it is. */
char    *pm_quick_entry_take_marks (const char  *text,
                                    char       **kind,
                                    gboolean    *contributed,
                                    gboolean    *slowed);

/* The reference for times typed without a date (borrowed, NULL: the document has no date at
 * all): @focus's time if it has one, else the last event on the timeline with a known time, else
 * the incident's start. */
const PmTime *pm_quick_entry_get_reference (PmDocument *document,
                                            PmEvent    *focus);

G_END_DECLS
