/* pm-status-change.h — one entry in a measure's status history (immutable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pm-time.h"

G_BEGIN_DECLS

#define PM_TYPE_STATUS_CHANGE (pm_status_change_get_type ())
G_DECLARE_FINAL_TYPE (PmStatusChange, pm_status_change, PM, STATUS_CHANGE, GObject)

/* Construct-only properties: "time" (PmTime), "from" (status or "" for the first entry),
 * "to", "note". */
PmStatusChange *pm_status_change_new      (const PmTime   *time,
                                           const char     *from,
                                           const char     *to,
                                           const char     *note);
const PmTime   *pm_status_change_get_time (PmStatusChange *self);
const char     *pm_status_change_get_from (PmStatusChange *self);
const char     *pm_status_change_get_to   (PmStatusChange *self);
const char     *pm_status_change_get_note (PmStatusChange *self);

G_END_DECLS
