/* pm-collect-bar.h — the strips that belong to participants' copies
 *
 * Under the header bar: in a participant's copy, whose copy it is and what to do with it; in
 * the moderator's document, how many conflicts and possible duplicates a merge left to decide,
 * with a button that opens them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_COLLECT_BAR (pm_collect_bar_get_type ())
G_DECLARE_FINAL_TYPE (PmCollectBar, pm_collect_bar, PM, COLLECT_BAR, GtkBox)

void pm_collect_bar_set_document (PmCollectBar *self,
                                  PmDocument   *document);

G_END_DECLS
