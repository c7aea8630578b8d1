/* pm-action-board.h — the Measures page: every measure as a card in its status column
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_ACTION_BOARD (pm_action_board_get_type ())
G_DECLARE_FINAL_TYPE (PmActionBoard, pm_action_board, PM, ACTION_BOARD, AdwBin)

GtkWidget  *pm_action_board_new               (void);
PmDocument *pm_action_board_get_document      (PmActionBoard *self);
void        pm_action_board_set_document      (PmActionBoard *self,
                                               PmDocument    *document);

/* Creates a measure (linked to the root cause @root_cause_id when it is not NULL or ""),
 * selects it and opens it in the side panel. Returns it (borrowed). */
PmMeasure  *pm_action_board_add_measure       (PmActionBoard *self,
                                               const char    *root_cause_id);
/* The measure shown in the side panel, or NULL. */
PmMeasure  *pm_action_board_get_selected      (PmActionBoard *self);
void        pm_action_board_select            (PmActionBoard *self,
                                               PmMeasure     *measure);

/* Moves @measure to @status (NULL: keep it) and, when @anchor is not NULL, right before or
 * after @anchor in priority order, as one undo step recorded in the measure's history.
 * Moving to "dropped" asks for the reason first (the move happens once it is given). */
void        pm_action_board_request_move      (PmActionBoard *self,
                                               PmMeasure     *measure,
                                               const char    *status,
                                               PmMeasure     *anchor,
                                               gboolean       after);

G_END_DECLS
