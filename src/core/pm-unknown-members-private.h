/* pm-unknown-members-private.h — members written by a newer Postmortem, kept for the round trip
 *
 * Any model object can carry the JSON members this version does not know, per part of its file
 * representation (an object such as a measure has the parts "" for itself and "ticket"/"cost"
 * for its nested objects). The writer appends them, in their original order, after the members
 * it knows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Keeps a reference to @members (NULL or an empty object forgets them). */
void        _pm_unknown_members_set (gpointer    object,
                                     const char *part,
                                     JsonObject *members);
/* Borrowed, NULL when there are none. */
JsonObject *_pm_unknown_members_get (gpointer    object,
                                     const char *part);

G_END_DECLS
