/* pm-flap-reveal.h — opening an AdwFlap's side panel safely, also right after it was built
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Like adw_flap_set_reveal_flap(), but a reveal asked for before the flap's first allocation
 * waits for it (see pm-flap-reveal.c). */
void pm_flap_reveal (AdwFlap  *flap,
                     gboolean  reveal);

G_END_DECLS
