/* pm-parking-lot.h — topics raised in the meeting that do not belong in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_PARKING_LOT (pm_parking_lot_get_type ())
G_DECLARE_FINAL_TYPE (PmParkingLot, pm_parking_lot, PM, PARKING_LOT, GtkBox)

GtkWidget  *pm_parking_lot_new          (void);
PmDocument *pm_parking_lot_get_document (PmParkingLot *self);
void        pm_parking_lot_set_document (PmParkingLot *self,
                                         PmDocument   *document);
/* Adds a topic as the Add button does (an empty text adds nothing); for the tests. */
void        _pm_parking_lot_add         (PmParkingLot *self,
                                         const char   *text,
                                         const char   *raised_by);
GtkListBox *_pm_parking_lot_get_list    (PmParkingLot *self);

G_END_DECLS
