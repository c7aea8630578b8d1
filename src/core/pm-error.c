/* pm-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-error.h"

G_DEFINE_QUARK (pm-error-quark, pm_error)
