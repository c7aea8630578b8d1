/* pm-error.h — the error domain for everything a user's input can get wrong
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PM_ERROR (pm_error_quark ())

typedef enum
{
  PM_ERROR_SYNTAX,       /* not strict JSON / not CSV: message starts with "LINE:COLUMN: " */
  PM_ERROR_LIMIT,        /* a size, depth or count limit was hit */
  PM_ERROR_INVALID,      /* valid JSON, but not a valid postmortem: message names the JSON path */
  PM_ERROR_VERSION,      /* written for a newer Postmortem than this one */
  PM_ERROR_TIME,         /* a time or date that cannot be understood */
  PM_ERROR_IO,           /* reading or writing a file failed */
  PM_ERROR_NUMBER,       /* a number or a duration that cannot be understood */
} PmError;

GQuark pm_error_quark (void);

G_END_DECLS
