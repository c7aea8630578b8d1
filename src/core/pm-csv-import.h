/* pm-csv-import.h — bringing a timeline from a spreadsheet or ticket system into a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-document.h"

G_BEGIN_DECLS

/* Adds the events of a CSV timeline (header row naming the columns time, actor, text, kind and
 * optionally lane and contributor) to @document as one undo step. Times without an offset are
 * read in @zone. Rows with an unknown (empty) time keep their place between their neighbours.
 * A contributor is matched to a participant by id or name; a new name becomes a participant.
 * Every row is checked before anything is added: on error (PM_ERROR_*, "NAME:LINE: what"),
 * the document is unchanged. */
gboolean pm_csv_import (PmDocument  *document,
                        const char  *data,
                        gsize        length,
                        const char  *display_name,
                        GTimeZone   *zone,
                        guint       *n_events,
                        guint       *n_participants,
                        GError     **error);

G_END_DECLS
