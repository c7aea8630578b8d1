/* pm-action-board-private.h — entry points for the display tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-action-board.h"

G_BEGIN_DECLS

/* "Today" for the due-date marks (NULL: the real now). */
void              _pm_action_board_set_now        (PmActionBoard *self,
                                                   GDateTime     *now);
/* The drop-reason dialog while it is shown, or NULL. */
AdwMessageDialog *_pm_action_board_get_dialog     (PmActionBoard *self);
/* The card (a GtkListBoxRow) showing @measure in its column, or NULL (filtered out). */
GtkWidget        *_pm_action_board_get_card       (PmActionBoard *self,
                                                   PmMeasure     *measure);
/* The column list (GtkListBox) for @status, or NULL. */
GtkWidget        *_pm_action_board_get_column     (PmActionBoard *self,
                                                   const char    *status);
/* What a drop of @measure at @y on @column does (the drop target's handler). */
gboolean          _pm_action_board_drop           (PmActionBoard *self,
                                                   GtkWidget     *column,
                                                   PmMeasure     *measure,
                                                   double         y);
/* Makes a pending keyboard move now, as releasing Alt or the settle timeout does. */
void              _pm_action_board_settle         (PmActionBoard *self);
/* Rebuilds now instead of at the next idle. */
void              _pm_action_board_flush          (PmActionBoard *self);
/* The side panel's entry for the measure's title and its status choice. */
GtkWidget        *_pm_action_board_get_editor     (PmActionBoard *self,
                                                   const char    *what);
void              _pm_action_board_set_filters    (PmActionBoard *self,
                                                   const char    *owner,
                                                   const char    *root_cause,
                                                   gboolean       overdue_only,
                                                   gboolean       grouped);

G_END_DECLS
