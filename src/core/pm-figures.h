/* pm-figures.h — reading the figures people type: whole numbers and durations
 *
 * What the app shows must be accepted back where it is typed: "12,000" (English grouping),
 * "12.000" (German), "18 h", "1 day 4 h", "2 Tage 3 h", "1:30".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A whole number ≥ 0 up to PM_MAX_SAFE_INTEGER. Groups of three digits may be separated by
 * ",", ".", blanks (also no-break and thin spaces) or apostrophes, one kind of separator per
 * number ("12,000", "12.000", "12 000", "1'234'567"); a fraction of zeros after the other
 * kind of separator is allowed ("12,000.00", "12.000,00"). Empty (or blank) text gives -1 (not
 * given). Fails with PM_ERROR_NUMBER for anything else, e.g. "12.5" or "-3". */
gboolean pm_figures_parse_number   (const char  *text,
                                    gint64      *number,
                                    GError     **error);

/* A duration in whole minutes: parts of a number and a unit — days ("d", "day(s)", "Tag(e)"),
 * hours ("h", "hr", "hour(s)", "Std", "Stunde(n)"), minutes ("m", "min", "minute(s)",
 * "Minute(n)") — with or without blanks ("18h", "1 day 4 h", "3 h 20 min"), a decimal fraction
 * with "." or "," ("1.5 h"), or "H:MM" ("1:30"). A number alone is minutes, as the field
 * always was. Rounded to the nearest minute; empty text gives -1. Fails with PM_ERROR_NUMBER. */
gboolean pm_figures_parse_duration (const char  *text,
                                    gint64      *minutes,
                                    GError     **error);

G_END_DECLS
