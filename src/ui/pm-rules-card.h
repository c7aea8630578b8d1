/* pm-rules-card.h — the ground rules, shown when the meeting begins
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PM_TYPE_RULES_CARD (pm_rules_card_get_type ())
G_DECLARE_FINAL_TYPE (PmRulesCard, pm_rules_card, PM, RULES_CARD, AdwMessageDialog)

/* A modal card over @parent; it closes with its button or Escape. In presentation mode (the
 * parent has the "pm-presentation" style class) it is as large as the rest. */
PmRulesCard *pm_rules_card_new (GtkWindow *parent);

G_END_DECLS
