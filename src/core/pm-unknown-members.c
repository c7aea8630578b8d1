/* pm-unknown-members.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-unknown-members-private.h"

static GQuark
part_quark (const char *part)
{
  g_autofree char *name = g_strconcat ("pm-unknown-members:", part, NULL);

  return g_quark_from_string (name);
}

void
_pm_unknown_members_set (gpointer    object,
                         const char *part,
                         JsonObject *members)
{
  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (part != NULL);

  if (members != NULL && json_object_get_size (members) == 0)
    members = NULL;

  g_object_set_qdata_full (object, part_quark (part),
                           members ? json_object_ref (members) : NULL,
                           (GDestroyNotify) json_object_unref);
}

JsonObject *
_pm_unknown_members_get (gpointer    object,
                         const char *part)
{
  g_return_val_if_fail (G_IS_OBJECT (object), NULL);
  g_return_val_if_fail (part != NULL, NULL);

  return g_object_get_qdata (object, part_quark (part));
}
