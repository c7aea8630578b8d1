/* pm-participant-row.h — one participant on the Overview page, edited in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_PARTICIPANT_ROW (pm_participant_row_get_type ())
G_DECLARE_FINAL_TYPE (PmParticipantRow, pm_participant_row, PM, PARTICIPANT_ROW, AdwExpanderRow)

GtkWidget     *pm_participant_row_new             (PmDocument       *document,
                                                   PmParticipant    *participant);
PmParticipant *pm_participant_row_get_participant (PmParticipantRow *self);
/* Expands the row and puts the cursor into the name, with the name selected. */
void           pm_participant_row_start_editing   (PmParticipantRow *self);

G_END_DECLS
