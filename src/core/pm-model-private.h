/* pm-model-private.h — what the model classes share when a property changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Stores a copy of @value in @field. Empty text is stored as NULL, so NULL and "" are the same
 * value. Returns whether the field changed (the caller then notifies). */
static inline gboolean
pm_model_replace_string (char       **field,
                         const char  *value)
{
  char *copy;

  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*field);
  *field = copy;
  return TRUE;
}

/* Stores a copy of @value (NULL: empty) in @field. An empty list is stored as NULL, so NULL
 * and an empty list are the same value. Returns whether the field changed (the caller then
 * notifies). */
static inline gboolean
pm_model_replace_strv (char               ***field,
                       const char * const   *value)
{
  static const char * const empty[] = { NULL };
  char **copy;

  if (value == NULL)
    value = empty;
  if (g_strv_equal (value, *field != NULL ? (const char * const *) *field : empty))
    return FALSE;

  copy = value[0] != NULL ? g_strdupv ((char **) value) : NULL;
  g_strfreev (*field);
  *field = copy;
  return TRUE;
}

G_END_DECLS
