/* pm-collect.c — bringing participants' copies back into the moderator's document
 *
 * Each copy is a contribution (pm-contribution.c decides what is applied and what is proposed);
 * this file reads the files, applies them one after the other as one undo step, and keeps the
 * helpers that carry file-form objects over to the open document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pm-collect.h"
#include "pm-contribution.h"
#include "pm-document-format.h"
#include "pm-error.h"
#include "pm-json.h"
#include "pm-merge.h"
#include "pm-participant-copy.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
contribution_free (PmCollectContribution *contribution)
{
  g_free (contribution->contributor_id);
  g_free (contribution->name);
  g_free (contribution);
}

static void
skipped_free (PmCollectSkipped *skipped)
{
  g_free (skipped->file);
  g_free (skipped->message);
  g_free (skipped);
}

void
pm_collect_summary_free (PmCollectSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->contributions);
  g_ptr_array_unref (summary->skipped);
  g_free (summary);
}

PmCollectSummary *
pm_collect_summary_new (void)
{
  PmCollectSummary *summary = g_new0 (PmCollectSummary, 1);

  summary->contributions = g_ptr_array_new_with_free_func ((GDestroyNotify) contribution_free);
  summary->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skipped_free);
  return summary;
}

static void
add_skipped (PmCollectSummary *summary,
             GFile            *file,
             const char       *message)
{
  PmCollectSkipped *skipped = g_new0 (PmCollectSkipped, 1);

  skipped->file = g_file_get_parse_name (file);
  skipped->message = g_strdup (message);
  g_ptr_array_add (summary->skipped, skipped);
}

/* json_node_copy() shares objects and arrays; this does not. */
JsonNode *_pm_collect_deep_copy (JsonNode *node);

JsonNode *
_pm_collect_deep_copy (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_object_new ();
      g_autoptr(GList) members = json_object_get_members (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (object, l->data,
                                _pm_collect_deep_copy (json_object_get_member (json_node_get_object (node),
                                                                               l->data)));
      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_take_object (copy, object);
      return copy;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        json_array_add_element (array,
                                _pm_collect_deep_copy (json_array_get_element (json_node_get_array (node), i)));
      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_take_array (copy, array);
      return copy;
    }
  return json_node_copy (node);
}

/* ------------------------------------------------------------------------------------------ */
/* Applying                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static gboolean
values_equal (const GValue *a,
              const GValue *b)
{
  if (G_VALUE_HOLDS_STRING (a))
    {
      const char *x = g_value_get_string (a), *y = g_value_get_string (b);

      return g_strcmp0 (x ? x : "", y ? y : "") == 0;
    }
  if (G_VALUE_HOLDS (a, G_TYPE_STRV))
    {
      const char * const empty[] = { NULL };
      const char * const *x = g_value_get_boxed (a), * const *y = g_value_get_boxed (b);

      return g_strv_equal (x ? (const char **) x : (const char **) empty,
                           y ? (const char **) y : (const char **) empty);
    }
  if (G_VALUE_HOLDS (a, PM_TYPE_TIME))
    return pm_time_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (G_VALUE_HOLDS_BOOLEAN (a))
    return g_value_get_boolean (a) == g_value_get_boolean (b);
  if (G_VALUE_HOLDS_INT64 (a))
    return g_value_get_int64 (a) == g_value_get_int64 (b);
  if (G_VALUE_HOLDS_INT (a))
    return g_value_get_int (a) == g_value_get_int (b);
  return FALSE;
}

/* Sets property @name of @target to @source's when they differ; TRUE when it did. */
gboolean _pm_collect_copy_property (PmDocument *document,
                                    GObject    *target,
                                    GObject    *source,
                                    const char *name);

gboolean
_pm_collect_copy_property (PmDocument *document,
                           GObject    *target,
                           GObject    *source,
                           const char *name)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (target), name);
  g_auto(GValue) ours = G_VALUE_INIT;
  g_auto(GValue) theirs = G_VALUE_INIT;

  if (pspec == NULL ||
      (pspec->flags & (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY)) != G_PARAM_READWRITE)
    return FALSE;
  g_value_init (&ours, pspec->value_type);
  g_value_init (&theirs, pspec->value_type);
  g_object_get_property (target, pspec->name, &ours);
  g_object_get_property (source, pspec->name, &theirs);
  if (values_equal (&ours, &theirs))
    return FALSE;
  pm_document_set_value (document, target, pspec->name, &theirs);
  return TRUE;
}

/* Sets every writable property of @target that differs in @source; TRUE when one did. */
gboolean _pm_collect_copy_properties (PmDocument *document,
                                      GObject    *target,
                                      GObject    *source);

gboolean
_pm_collect_copy_properties (PmDocument *document,
                             GObject    *target,
                             GObject    *source)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;
  gboolean changed = FALSE;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (target), &n);
  for (guint i = 0; i < n; i++)
    changed |= _pm_collect_copy_property (document, target, source, pspecs[i]->name);
  return changed;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmCollectSummary *
pm_collect_copies (PmDocument  *document,
                   GFile      **files,
                   guint        n_files)
{
  PmCollectSummary *summary = pm_collect_summary_new ();

  g_return_val_if_fail (PM_IS_DOCUMENT (document), summary);
  g_return_val_if_fail (files != NULL || n_files == 0, summary);

  pm_document_begin_change (document, _("Collect Events"));
  for (guint i = 0; i < n_files; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PmDocument) copy = NULL;
      g_autoptr(PmContribution) contribution = NULL;
      g_autofree char *path = g_file_get_path (files[i]);
      g_autofree char *source = g_file_get_basename (files[i]);

      if (path == NULL)
        {
          add_skipped (summary, files[i], _("Only local files can be collected"));
          continue;
        }
      if ((copy = pm_document_load_from_file (path, &error)) == NULL ||
          (contribution = pm_contribution_new_from_copy (copy, source, &error)) == NULL ||
          !pm_contribution_apply (contribution, document, NULL, summary, &error))
        {
          add_skipped (summary, files[i], error->message);
          continue;
        }
      summary->n_copies++;
    }
  pm_document_end_change (document);
  return summary;
}
