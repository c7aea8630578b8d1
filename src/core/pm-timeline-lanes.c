/* pm-timeline-lanes.c — the lanes of a timeline, their order and the snap steps, headless
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-timeline-lanes.h"
#include "pm-vocabulary.h"

static const gint64 snap_steps[] = { 60, 300, 900, 3600, 86400 };

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static int
find_key (GPtrArray  *keys,
          const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return i;
  return -1;
}

/* The orderable lanes of @lanes (not ""), borrowed, in order; @position is set to the index
 * of @key in it, -1 if it is not there. */
static GPtrArray *
orderable_lanes (GPtrArray  *lanes,
                 const char *key,
                 int        *position)
{
  GPtrArray *keys = g_ptr_array_new ();

  *position = -1;
  for (guint l = 0; l < lanes->len; l++)
    {
      const char *lane_key = g_ptr_array_index (lanes, l);

      if (*lane_key == '\0')
        continue;
      if (g_str_equal (lane_key, key))
        *position = keys->len;
      g_ptr_array_add (keys, (gpointer) lane_key);
    }
  return keys;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

const char *
pm_lane_mode_get_property (PmLaneMode mode)
{
  switch (mode)
    {
    case PM_LANE_MODE_ACTOR:
      return "actor";
    case PM_LANE_MODE_CONTRIBUTOR:
      return "contributor";
    case PM_LANE_MODE_KIND:
      return "kind";
    case PM_LANE_MODE_LANE:
    default:
      return "lane";
    }
}

const char *
pm_timeline_lane_key (PmEvent    *event,
                      PmLaneMode  mode)
{
  g_return_val_if_fail (PM_IS_EVENT (event), "");

  switch (mode)
    {
    case PM_LANE_MODE_ACTOR:
      return pm_event_get_actor (event);
    case PM_LANE_MODE_CONTRIBUTOR:
      return pm_event_get_contributor (event) ? pm_event_get_contributor (event) : "";
    case PM_LANE_MODE_KIND:
      return pm_event_get_kind (event);
    case PM_LANE_MODE_LANE:
    default:
      return *pm_event_get_lane (event) ? pm_event_get_lane (event) : pm_event_get_actor (event);
    }
}

void
pm_timeline_lanes_apply_order (GPtrArray          *keys,
                               const char * const *order)
{
  g_autoptr(GHashTable) rank_of = NULL;
  g_autofree gpointer *old = NULL;
  g_autofree int *slot = NULL;
  guint n_order, n, next = 0;

  g_return_if_fail (keys != NULL);

  n = keys->len;
  if (order == NULL || order[0] == NULL || n < 2)
    return;

  n_order = g_strv_length ((char **) order);
  rank_of = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint k = 0; k < n_order; k++)
    if (!g_hash_table_contains (rank_of, order[k]))
      g_hash_table_insert (rank_of, (gpointer) order[k], GUINT_TO_POINTER (k + 1));

  old = g_memdup2 (keys->pdata, n * sizeof (gpointer));

  /* the listed lanes, in the order of the list (lane keys are unique) */
  slot = g_new (int, n_order);
  for (guint k = 0; k < n_order; k++)
    slot[k] = -1;
  for (guint l = 0; l < n; l++)
    {
      guint rank = GPOINTER_TO_UINT (g_hash_table_lookup (rank_of, old[l]));

      if (rank > 0)
        slot[rank - 1] = l;
    }
  for (guint k = 0; k < n_order; k++)
    if (slot[k] >= 0)
      {
        keys->pdata[next++] = old[slot[k]];
        old[slot[k]] = NULL;
      }
  /* then the others, as they came */
  for (guint l = 0; l < n; l++)
    if (old[l] != NULL)
      keys->pdata[next++] = old[l];
}

GPtrArray *
pm_timeline_lanes_compute (PmDocument         *document,
                           PmLaneMode          mode,
                           const char * const *extra)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *events;
  guint n;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), keys);

#define ADD_KEY(k)                                               \
  G_STMT_START {                                                 \
    const char *key_ = (k);                                      \
    if (!g_hash_table_contains (seen, key_))                     \
      {                                                          \
        char *copy_ = g_strdup (key_);                           \
        g_ptr_array_add (keys, copy_);                           \
        g_hash_table_add (seen, copy_);                          \
      }                                                          \
  } G_STMT_END

  if (mode == PM_LANE_MODE_KIND)
    {
      const char * const *kinds = pm_vocabulary_get_values (PM_VOCABULARY_EVENT_KIND);

      for (guint i = 0; kinds[i] != NULL; i++)
        ADD_KEY (kinds[i]);
    }

  events = pm_document_get_events (document);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      ADD_KEY (pm_timeline_lane_key (event, mode));
    }

  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    ADD_KEY (extra[i]);

#undef ADD_KEY

  if (mode == PM_LANE_MODE_LANE)
    pm_timeline_lanes_apply_order (keys, pm_document_get_lane_order (document));

  if (keys->len == 0)
    g_ptr_array_add (keys, g_strdup (""));

  return keys;
}

const gint64 *
pm_timeline_get_snap_steps (guint *n_steps)
{
  if (n_steps != NULL)
    *n_steps = G_N_ELEMENTS (snap_steps);
  return snap_steps;
}

gint64
pm_timeline_snap_step_for_scale (double scale)
{
  for (guint i = 0; i < G_N_ELEMENTS (snap_steps); i++)
    if (snap_steps[i] * scale >= 10.0)
      return snap_steps[i];
  return 86400;
}

/* ------------------------------------------------------------------------------------------ */
/* Lane edits                                                                                 */
/* ------------------------------------------------------------------------------------------ */

void
pm_document_set_event_lane (PmDocument *document,
                            PmEvent    *event,
                            PmLaneMode  mode,
                            const char *key)
{
  const char *property = pm_lane_mode_get_property (mode);

  g_return_if_fail (PM_IS_DOCUMENT (document));
  g_return_if_fail (PM_IS_EVENT (event));
  g_return_if_fail (key != NULL);

  if (mode == PM_LANE_MODE_CONTRIBUTOR && *key == '\0')
    pm_document_set (document, event, property, NULL, NULL);
  else
    pm_document_set (document, event, property, key, NULL);
}

gboolean
pm_document_rename_lane (PmDocument *document,
                         PmLaneMode  mode,
                         const char *key,
                         const char *name)
{
  const char *property;
  GListModel *events;
  guint n;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (key != NULL && name != NULL, FALSE);

  if (g_str_equal (key, name) || (mode != PM_LANE_MODE_LANE && mode != PM_LANE_MODE_ACTOR))
    return FALSE;

  property = pm_lane_mode_get_property (mode);
  events = pm_document_get_events (document);
  n = g_list_model_get_n_items (events);
  pm_document_begin_change (document, _("Rename lane"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      if (g_str_equal (pm_timeline_lane_key (event, mode), key))
        pm_document_set (document, event, property, name, NULL);
    }
  /* the lane keeps its place (or, merged into a listed lane, takes that one's) */
  if (mode == PM_LANE_MODE_LANE && *key != '\0' &&
      g_strv_contains (pm_document_get_lane_order (document), key))
    {
      const char * const *order = pm_document_get_lane_order (document);
      gboolean listed = *name == '\0' || g_strv_contains (order, name);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      g_auto(GStrv) renamed = NULL;

      for (guint i = 0; order[i] != NULL; i++)
        if (!g_str_equal (order[i], key))
          g_strv_builder_add (builder, order[i]);
        else if (!listed)
          g_strv_builder_add (builder, name);
      renamed = g_strv_builder_end (builder);
      pm_document_set (document, document, "lane-order", renamed, NULL);
    }
  pm_document_end_change (document);
  return TRUE;
}

gboolean
pm_timeline_lanes_can_move (GPtrArray  *lanes,
                            const char *key,
                            int         delta)
{
  g_autoptr(GPtrArray) keys = NULL;
  int position;

  g_return_val_if_fail (lanes != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  keys = orderable_lanes (lanes, key, &position);
  return position >= 0 && delta != 0 &&
         position + delta >= 0 && position + delta < (int) keys->len;
}

gboolean
pm_document_move_lane (PmDocument *document,
                       GPtrArray  *lanes,
                       const char *key,
                       int         delta)
{
  g_autoptr(GPtrArray) computed = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *moving = NULL;
  int position;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (lanes == NULL)
    lanes = computed = pm_timeline_lanes_compute (document, PM_LANE_MODE_LANE, NULL);
  if (!pm_timeline_lanes_can_move (lanes, key, delta))
    return FALSE;

  keys = orderable_lanes (lanes, key, &position);
  moving = g_strdup (key);
  g_ptr_array_remove_index (keys, position);
  g_ptr_array_insert (keys, position + delta, moving);
  g_ptr_array_add (keys, NULL);

  pm_document_begin_change (document, delta < 0 ? _("Move lane up") : _("Move lane down"));
  pm_document_set (document, document, "lane-order", keys->pdata, NULL);
  pm_document_end_change (document);
  return TRUE;
}

void
pm_document_move_events (PmDocument *document,
                         GPtrArray  *events,
                         PmLaneMode  mode,
                         GPtrArray  *lanes,
                         int         steps,
                         gint64      step,
                         GTimeZone  *zone,
                         int         lane_delta)
{
  g_autoptr(GPtrArray) computed = NULL;

  g_return_if_fail (PM_IS_DOCUMENT (document));
  g_return_if_fail (events != NULL);

  if (lanes == NULL && lane_delta != 0)
    lanes = computed = pm_timeline_lanes_compute (document, mode, NULL);

  pm_document_begin_change (document, _("Move events"));
  for (guint s = 0; s < events->len; s++)
    {
      PmEvent *event = g_ptr_array_index (events, s);
      const PmTime *time = pm_event_get_time (event);

      if (lane_delta != 0 && lanes->len > 0)
        {
          int lane = find_key (lanes, pm_timeline_lane_key (event, mode));

          if (lane >= 0)
            pm_document_set_event_lane (document, event, mode,
                                        g_ptr_array_index (lanes,
                                                           CLAMP (lane + lane_delta, 0,
                                                                  (int) lanes->len - 1)));
        }
      if (steps != 0 && time != NULL)
        {
          g_autoptr(PmTime) moved = pm_time_add_steps (time, steps, step, zone);

          if (moved != NULL && !pm_time_equal (moved, time))
            pm_document_set (document, event, "time", moved, NULL);
        }
    }
  pm_document_end_change (document);
}
