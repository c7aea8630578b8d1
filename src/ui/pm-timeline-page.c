/* pm-timeline-page.c — the Timeline page: the event-storming canvas, a table of the same
 * events, quick entry, and the event side panel
 *
 * The canvas and the table are two views of the document's event list; neither keeps a copy.
 * The table sorts "by time" by the position in the document, which is timeline order with
 * the unknown times kept in their sequence, so sorting never pushes them to an end.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-flap-reveal.h"
#include "pm-csv-import.h"
#include "pm-import-dialog.h"
#include "pm-event-editor.h"
#include "pm-quick-entry.h"
#include "pm-time.h"
#include "pm-timeline-page.h"
#include "pm-window.h"
#include "pm-vocabulary.h"

struct _PmTimelinePage
{
  AdwBin            parent_instance;

  PmDocument       *document;
  /* event → position in the timeline, for sorting the table by time; NULL when stale */
  GHashTable       *positions;
  /* lane key → its place among the lanes by lane (core model), + 1; NULL when stale */
  GHashTable       *lane_ranks;
  GtkSorter        *lane_sorter;
  GtkSortListModel *sorted;
  GtkSingleSelection *table_selection;

  GtkStack         *view_stack;
  GtkToggleButton  *canvas_toggle;
  GtkToggleButton  *table_toggle;
  PmTimelineCanvas *canvas;
  GtkColumnView    *column_view;
  AdwFlap          *flap;
  PmEventEditor    *editor;
  GtkEntry         *quick_entry;
  GtkButton        *add_button;
  GtkDropDown      *lane_mode_dropdown;
  GtkButton        *zoom_in_button;
  GtkButton        *zoom_out_button;
  GtkButton        *fit_button;
  GtkButton        *first_button;
  GtkMenuButton    *link_button;
  GtkListBox       *link_list;
};

G_DEFINE_FINAL_TYPE (PmTimelinePage, pm_timeline_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  COLUMN_TIME,
  COLUMN_ACTOR,
  COLUMN_TEXT,
  COLUMN_KIND,
  COLUMN_LANE,
  COLUMN_CONTRIBUTED,
  COLUMN_SLOWED,
} Column;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Sorting the table by time compares positions n log n times: a linear search each time made
 * opening a large timeline quadratic, so positions come from a map rebuilt after a change. */
static guint
position_of (PmTimelinePage *self,
             PmEvent        *event)
{
  gpointer position;

  if (self->document == NULL)
    return G_MAXUINT;

  if (self->positions == NULL)
    {
      GListModel *events = pm_document_get_events (self->document);
      guint n = g_list_model_get_n_items (events);

      self->positions = g_hash_table_new (NULL, NULL);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(PmEvent) item = g_list_model_get_item (events, i);

          g_hash_table_insert (self->positions, item, GUINT_TO_POINTER (i + 1));
        }
    }

  position = g_hash_table_lookup (self->positions, event);
  return position != NULL ? GPOINTER_TO_UINT (position) - 1 : G_MAXUINT;
}

/* The place of @event's lane in the lanes by lane as the canvas and the PDF show them
 * (pm-timeline-lanes.h: "lane-order", then first appearance). */
static guint
lane_rank_of (PmTimelinePage *self,
              PmEvent        *event)
{
  const char *key = pm_timeline_lane_key (event, PM_LANE_MODE_LANE);
  gpointer rank;

  if (self->document == NULL)
    return G_MAXUINT;

  /* a lane that came up since: the lanes again, once */
  if (self->lane_ranks != NULL && !g_hash_table_contains (self->lane_ranks, key))
    g_clear_pointer (&self->lane_ranks, g_hash_table_unref);
  if (self->lane_ranks == NULL)
    {
      g_autoptr(GPtrArray) keys = pm_timeline_lanes_compute (self->document, PM_LANE_MODE_LANE,
                                                             NULL);

      self->lane_ranks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint l = 0; l < keys->len; l++)
        g_hash_table_insert (self->lane_ranks, g_strdup (g_ptr_array_index (keys, l)),
                             GUINT_TO_POINTER (l + 1));
    }
  rank = g_hash_table_lookup (self->lane_ranks, key);
  return rank ? GPOINTER_TO_UINT (rank) - 1 : G_MAXUINT;
}

static void
forget_positions (PmTimelinePage *self)
{
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->lane_ranks, g_hash_table_unref);
}

/* The time new events get without one: the focused event's, else the last known one's. */
static const PmTime *
reference_time (PmTimelinePage *self)
{
  return pm_quick_entry_get_reference (self->document,
                                       pm_timeline_canvas_get_focus_event (self->canvas));
}

static char *
cell_text (PmEvent *event,
           Column   column,
           GTimeZone *zone)
{
  switch (column)
    {
    case COLUMN_TIME:
      return pm_time_format (pm_event_get_time (event), zone, FALSE);
    case COLUMN_ACTOR:
      return g_strdup (pm_event_get_actor (event));
    case COLUMN_TEXT:
      return g_strdup (pm_event_get_text (event));
    case COLUMN_KIND:
      return g_strdup (*pm_event_get_kind (event)
                       ? pm_vocabulary_get_label (PM_VOCABULARY_EVENT_KIND,
                                                  pm_event_get_kind (event))
                       : "");
    case COLUMN_CONTRIBUTED:
      return g_strdup (pm_event_get_contributed (event) ? _("Contributed") : "");
    case COLUMN_SLOWED:
      return g_strdup (pm_event_get_slowed_response (event) ? _("Slowed the response") : "");
    case COLUMN_LANE:
    default:
      return g_strdup (pm_event_get_lane (event));
    }
}

/* The flag a check cell of @column shows and edits. */
static const char *
flag_property (Column column)
{
  return column == COLUMN_CONTRIBUTED ? "contributed" : "slowed-response";
}

/* ------------------------------------------------------------------------------------------ */
/* The table                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/* The kind cell: a drop-down of the method's kinds, "Not set" first, and a kind this version
 * does not know kept as it is (the values behind the rows are in "kind-values"). */
static void
kind_cell_sync (GtkWidget *drop_down,
                PmEvent   *event)
{
  const char *kind = pm_event_get_kind (event);
  const char * const *values = pm_vocabulary_get_values (PM_VOCABULARY_EVENT_KIND);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *old_kinds;
  gboolean same;
  guint selected = 0;

  g_ptr_array_add (kinds, g_strdup (""));
  gtk_string_list_append (labels, _("Not set"));
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (g_str_equal (values[i], kind))
        selected = kinds->len;
      g_ptr_array_add (kinds, g_strdup (values[i]));
      gtk_string_list_append (labels, pm_vocabulary_get_label (PM_VOCABULARY_EVENT_KIND, values[i]));
    }
  if (*kind != '\0' && !pm_vocabulary_contains (PM_VOCABULARY_EVENT_KIND, kind))
    {
      selected = kinds->len;
      g_ptr_array_add (kinds, g_strdup (kind));
      gtk_string_list_append (labels, kind);
    }

  /* Choosing a kind comes back here through the event's notify, inside the drop-down's own
   * selection change: replacing its model then would free what it is working on. */
  old_kinds = g_object_get_data (G_OBJECT (drop_down), "kind-values");
  same = old_kinds != NULL && old_kinds->len == kinds->len;
  for (guint i = 0; same && i < kinds->len; i++)
    same = g_str_equal (g_ptr_array_index (old_kinds, i), g_ptr_array_index (kinds, i));

  g_object_set_data (G_OBJECT (drop_down), "syncing", GINT_TO_POINTER (TRUE));
  if (!same)
    {
      g_object_set_data_full (G_OBJECT (drop_down), "kind-values", g_ptr_array_ref (kinds),
                              (GDestroyNotify) g_ptr_array_unref);
      gtk_drop_down_set_model (GTK_DROP_DOWN (drop_down), G_LIST_MODEL (labels));
    }
  if (gtk_drop_down_get_selected (GTK_DROP_DOWN (drop_down)) != selected)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), selected);
  g_object_set_data (G_OBJECT (drop_down), "syncing", NULL);
}

static void
on_kind_cell_selected (GtkDropDown *drop_down,
                       GParamSpec  *pspec,
                       GtkListItem *item)
{
  PmTimelinePage *self = g_object_get_data (G_OBJECT (item), "page");
  GPtrArray *kinds = g_object_get_data (G_OBJECT (drop_down), "kind-values");
  PmEvent *event = gtk_list_item_get_item (item);
  guint selected = gtk_drop_down_get_selected (drop_down);

  if (g_object_get_data (G_OBJECT (drop_down), "syncing") || event == NULL || kinds == NULL
      || self->document == NULL || selected >= kinds->len)
    return;
  if (g_strcmp0 (g_ptr_array_index (kinds, selected), pm_event_get_kind (event)) != 0)
    pm_document_set (self->document, event, "kind", g_ptr_array_index (kinds, selected), NULL);
}

static void
on_flag_cell_toggled (GtkCheckButton *check,
                      GtkListItem    *item)
{
  PmTimelinePage *self = g_object_get_data (G_OBJECT (item), "page");
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "column"));
  PmEvent *event = gtk_list_item_get_item (item);
  gboolean active = gtk_check_button_get_active (check);
  gboolean now = FALSE;

  if (g_object_get_data (G_OBJECT (check), "syncing") || event == NULL || self->document == NULL)
    return;
  g_object_get (event, flag_property (column), &now, NULL);
  if (now != active)
    pm_document_set (self->document, event, flag_property (column), active, NULL);
}

static void
cell_sync (GtkListItem *item)
{
  PmTimelinePage *self = g_object_get_data (G_OBJECT (item), "page");
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "column"));
  GtkWidget *child = gtk_list_item_get_child (item);
  PmEvent *event = gtk_list_item_get_item (item);
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *text = NULL;

  if (event == NULL || self->document == NULL)
    return;
  if (GTK_IS_DROP_DOWN (child))
    {
      kind_cell_sync (child, event);
      return;
    }
  if (GTK_IS_CHECK_BUTTON (child))
    {
      gboolean active = FALSE;

      g_object_get (event, flag_property (column), &active, NULL);
      g_object_set_data (G_OBJECT (child), "syncing", GINT_TO_POINTER (TRUE));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), active);
      g_object_set_data (G_OBJECT (child), "syncing", NULL);
      return;
    }
  zone = pm_document_dup_time_zone (self->document);
  text = cell_text (event, column, zone);
  if (GTK_IS_EDITABLE_LABEL (child))
    {
      if (!gtk_editable_label_get_editing (GTK_EDITABLE_LABEL (child)))
        gtk_editable_set_text (GTK_EDITABLE (child), text);
    }
  else
    gtk_label_set_text (GTK_LABEL (child), text);
}

/* GTK 4.8's editable label ends editing from a 100 ms timeout after it loses the focus and does
 * not cancel that timeout when it goes away: a row rebuilt meanwhile (an edit that moves the
 * event) left the timeout with a freed event controller. A cell is kept, with its list item,
 * from the start of editing until 250 ms after its end. */
static gboolean
release_cell_cb (gpointer data)
{
  GtkWidget *cell = data;

  g_object_set_data (G_OBJECT (cell), "release-source", NULL);
  g_object_set_data (G_OBJECT (cell), "kept-item", NULL);
  g_object_unref (cell);
  return G_SOURCE_REMOVE;
}

static void
keep_cell_while_editing (GtkEditableLabel *label,
                         GtkListItem      *item)
{
  gboolean kept = g_object_get_data (G_OBJECT (label), "kept-item") != NULL;
  guint release = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "release-source"));

  if (gtk_editable_label_get_editing (label))
    {
      if (!kept)
        {
          g_object_set_data_full (G_OBJECT (label), "kept-item", g_object_ref (item),
                                  g_object_unref);
          g_object_ref (label);
        }
      else if (release != 0)
        {
          /* Editing again before the release: keep the one reference we hold. */
          g_source_remove (release);
          g_object_set_data (G_OBJECT (label), "release-source", NULL);
        }
    }
  else if (kept && release == 0)
    {
      release = g_timeout_add (250, release_cell_cb, label);
      g_object_set_data (G_OBJECT (label), "release-source", GUINT_TO_POINTER (release));
    }
}

/* Keeping the cell alive is not enough when the whole page goes (closing the window): its
 * event controllers go with it, and the label's 100 ms timeout would still run with its
 * focus controller. That timeout is the only source with the controller as its data. */
static void
on_cell_destroy (GtkWidget *cell,
                 gpointer   user_data)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (cell);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      GSource *pending;

      if (!GTK_IS_EVENT_CONTROLLER_FOCUS (controller))
        continue;
      while ((pending = g_main_context_find_source_by_user_data (NULL, controller)) != NULL)
        g_source_destroy (pending);
    }
}

static void
on_cell_editing (GtkEditableLabel *label,
                 GParamSpec       *pspec,
                 GtkListItem      *item)
{
  PmTimelinePage *self = g_object_get_data (G_OBJECT (item), "page");
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (item), "column"));
  PmEvent *event = gtk_list_item_get_item (item);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (label));
  g_autoptr(GTimeZone) zone = NULL;
  g_autofree char *shown = NULL;

  keep_cell_while_editing (label, item);
  if (gtk_editable_label_get_editing (label) || event == NULL || self->document == NULL)
    return;

  /* Leaving a cell without changing it is not an edit (and no undo step). */
  zone = pm_document_dup_time_zone (self->document);
  shown = cell_text (event, column, zone);
  if (g_strcmp0 (shown, text) == 0)
    return;

  if (column == COLUMN_TIME)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PmTime) time = pm_time_parse_user (text, zone, &error);

      if (error != NULL)
        {
          pm_widget_show_toast (GTK_WIDGET (self), pm_toast_new_text (error->message));
          cell_sync (item);
          return;
        }
      pm_document_set (self->document, event, "time", time, NULL);
    }
  else if (column == COLUMN_ACTOR)
    pm_document_set (self->document, event, "actor", text, NULL);
  else if (column == COLUMN_TEXT)
    pm_document_set (self->document, event, "text", text, NULL);
  else if (column == COLUMN_LANE)
    pm_document_set (self->document, event, "lane", text, NULL);
  cell_sync (item);
}

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               PmTimelinePage           *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *child;

  /* Every cell is edited in place (Enter or a click starts, Enter ends, Escape cancels); the
   * side panel (activate the row) has the rest. */
  if (column == COLUMN_KIND)
    {
      child = gtk_drop_down_new (NULL, NULL);
      gtk_widget_add_css_class (child, "flat");
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Kind"), -1);
      g_signal_connect (child, "notify::selected", G_CALLBACK (on_kind_cell_selected), item);
    }
  else if (column == COLUMN_CONTRIBUTED || column == COLUMN_SLOWED)
    {
      child = gtk_check_button_new ();
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      column == COLUMN_CONTRIBUTED ? _("Contributed to the incident")
                                                                   : _("Slowed the response"),
                                      -1);
      g_signal_connect (child, "toggled", G_CALLBACK (on_flag_cell_toggled), item);
    }
  else
    {
      GtkWidget *label;

      child = gtk_editable_label_new ("");
      g_signal_connect (child, "notify::editing", G_CALLBACK (on_cell_editing), item);
      g_signal_connect (child, "destroy", G_CALLBACK (on_cell_destroy), NULL);
      /* The label shown while not editing sizes the column to the whole text: a long one
       * would push the other columns off the screen, so it is shortened with an ellipsis. */
      label = gtk_widget_get_first_child (gtk_widget_get_first_child (child));
      if (GTK_IS_LABEL (label))
        {
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (GTK_LABEL (label), 8);
        }
    }
  if (column == COLUMN_TEXT)
    gtk_widget_set_hexpand (child, TRUE);
  g_object_set_data (G_OBJECT (item), "page", self);
  g_object_set_data (G_OBJECT (item), "column", GINT_TO_POINTER (column));
  gtk_list_item_set_child (item, child);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PmTimelinePage           *self)
{
  PmEvent *event = gtk_list_item_get_item (item);

  g_signal_connect_swapped (event, "notify", G_CALLBACK (cell_sync), item);
  cell_sync (item);
}

static void
on_cell_unbind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                PmTimelinePage           *self)
{
  PmEvent *event = gtk_list_item_get_item (item);

  if (event != NULL)
    g_signal_handlers_disconnect_by_func (event, cell_sync, item);
}

static int
compare_position (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  PmTimelinePage *self = user_data;
  guint pa = position_of (self, (PmEvent *) a);
  guint pb = position_of (self, (PmEvent *) b);

  return (pa > pb) - (pa < pb);
}

/* By lane: in the order of the lanes on the canvas, then in timeline order. */
static int
compare_lane (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  PmTimelinePage *self = user_data;
  guint la = lane_rank_of (self, (PmEvent *) a);
  guint lb = lane_rank_of (self, (PmEvent *) b);

  if (la != lb)
    return (la > lb) - (la < lb);
  return compare_position (a, b, user_data);
}

static void
add_column (PmTimelinePage *self,
            Column          column,
            const char     *title,
            GtkSorter      *sorter)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_unbind), self);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (column == COLUMN_TEXT)
    gtk_column_view_column_set_expand (col, TRUE);
  gtk_column_view_append_column (self->column_view, col);
  if (column == COLUMN_TIME)
    gtk_column_view_sort_by_column (self->column_view, col, GTK_SORT_ASCENDING);
  g_object_unref (col);
  g_clear_object (&sorter);
}

static GtkSorter *
string_sorter (const char *property)
{
  return GTK_SORTER (gtk_string_sorter_new (gtk_property_expression_new (PM_TYPE_EVENT, NULL,
                                                                         property)));
}

static void
setup_table (PmTimelinePage *self)
{
  GtkSorter *sorter;

  add_column (self, COLUMN_TIME, _("Time"),
              GTK_SORTER (gtk_custom_sorter_new (compare_position, self, NULL)));
  add_column (self, COLUMN_ACTOR, _("Actor"), string_sorter ("actor"));
  add_column (self, COLUMN_TEXT, _("What Happened"), string_sorter ("text"));
  add_column (self, COLUMN_KIND, _("Kind"), string_sorter ("kind"));
  self->lane_sorter = GTK_SORTER (gtk_custom_sorter_new (compare_lane, self, NULL));
  add_column (self, COLUMN_LANE, _("Lane"), g_object_ref (self->lane_sorter));
  add_column (self, COLUMN_CONTRIBUTED, _("Contributed"),
              GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (PM_TYPE_EVENT, NULL,
                                                                               "contributed"))));
  add_column (self, COLUMN_SLOWED, _("Slowed Response"),
              GTK_SORTER (gtk_numeric_sorter_new (gtk_property_expression_new (PM_TYPE_EVENT, NULL,
                                                                               "slowed-response"))));

  sorter = gtk_column_view_get_sorter (self->column_view);
  self->sorted = gtk_sort_list_model_new (NULL, g_object_ref (sorter));
  self->table_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->table_selection, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->table_selection));
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
on_table_activate (PmTimelinePage *self,
                   guint           position)
{
  g_autoptr(PmEvent) event = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (event != NULL)
    {
      pm_timeline_canvas_select (self->canvas, event, FALSE);
      pm_timeline_page_edit_event (self, event);
    }
}

static void
on_activate_event (PmTimelinePage *self,
                   PmEvent        *event)
{
  pm_timeline_page_edit_event (self, event);
  pm_event_editor_focus (self->editor);
}

static PmEvent *
new_event (PmTimelinePage *self)
{
  g_autofree char *id = pm_document_generate_id (self->document, "ev");

  return pm_event_new (id);
}

static void
add_and_edit (PmTimelinePage *self,
              PmEvent        *event)
{
  pm_document_add_event (self->document, event);
  pm_timeline_canvas_select (self->canvas, event, FALSE);
  pm_timeline_page_edit_event (self, event);
  pm_event_editor_focus (self->editor);
}

static void
on_canvas_add_event (PmTimelinePage *self,
                     gint64          t,
                     const char     *lane,
                     PmTimelineCanvas *canvas)
{
  g_autoptr(PmEvent) event = NULL;

  if (self->document == NULL || pm_document_get_read_only (self->document))
    return;
  event = new_event (self);
  if (t != G_MININT64)
    {
      g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (self->document);
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (dt, zone);
      g_autoptr(PmTime) time = pm_time_new (t, (int) (g_date_time_get_utc_offset (local) /
                                                      G_TIME_SPAN_SECOND),
                                            PM_TIME_PRECISION_MINUTE);

      pm_event_set_time (event, time);
    }
  if (lane != NULL && *lane)
    g_object_set (event, pm_timeline_canvas_get_lane_property (self->canvas), lane, NULL);
  add_and_edit (self, event);
}

static void
on_add_clicked (PmTimelinePage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->canvas));
  double t = pm_timeline_canvas_x_to_time (self->canvas, width / 2.0);
  /* on a quarter hour at most: whole hours and days would not be whole in every zone */
  gint64 step = MIN (pm_timeline_canvas_get_snap_step (self->canvas), 900);

  on_canvas_add_event (self, ((gint64) t / step) * step, NULL, self->canvas);
}

static void
on_quick_entry_activate (PmTimelinePage *self)
{
  g_autoptr(GError) error = NULL;
  const char *line = gtk_editable_get_text (GTK_EDITABLE (self->quick_entry));

  if (pm_timeline_page_quick_add (self, line, &error) == NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->quick_entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->quick_entry), error->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->quick_entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      pm_widget_show_toast (GTK_WIDGET (self), pm_toast_new_text (error->message));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->quick_entry), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->quick_entry), "");
}

/* Linking several selected cards to a root cause at once: the root causes are listed fresh each
 * time the menu opens, and the whole linking is one undo step. */
static void
update_link_button (PmTimelinePage *self)
{
  g_autoptr(GPtrArray) selected = pm_timeline_canvas_get_selection (self->canvas);
  gboolean any_cause = self->document != NULL &&
                       g_list_model_get_n_items (pm_document_get_root_causes (self->document)) > 0;

  gtk_widget_set_sensitive (GTK_WIDGET (self->link_button),
                            selected->len > 0 && any_cause &&
                            !pm_document_get_read_only (self->document));
}

static void
on_link_popover_show (PmTimelinePage *self)
{
  GListModel *causes;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->link_list))) != NULL)
    gtk_list_box_remove (self->link_list, child);
  if (self->document == NULL)
    return;

  causes = pm_document_get_root_causes (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (causes); i++)
    {
      g_autoptr(PmRootCause) cause = g_list_model_get_item (causes, i);
      const char *title = pm_root_cause_get_title (cause);
      /* Plain text: a root cause's title is the user's, never markup. */
      const char *shown = title[0] != '\0' ? title : _("Untitled root cause");
      GtkWidget *label = gtk_label_new (shown);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      /* An ellipsized label asks for no width at all: the menu shrank to "…". */
      gtk_label_set_width_chars (GTK_LABEL (label), MIN (g_utf8_strlen (shown, -1), 32));
      gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "root-cause-id",
                              g_strdup (pm_root_cause_get_id (cause)), g_free);
      gtk_list_box_append (self->link_list, row);
    }
}

static void
on_link_row_activated (PmTimelinePage *self,
                       GtkListBoxRow  *row)
{
  g_autoptr(GPtrArray) selected = pm_timeline_canvas_get_selection (self->canvas);
  const char *cause_id = g_object_get_data (G_OBJECT (row), "root-cause-id");

  gtk_menu_button_popdown (self->link_button);
  if (self->document == NULL || cause_id == NULL)
    return;

  pm_document_begin_change (self->document, _("Link to Root Cause"));
  for (guint i = 0; i < selected->len; i++)
    pm_document_link_event_to_root_cause (self->document,
                                          pm_event_get_id (g_ptr_array_index (selected, i)),
                                          cause_id);
  pm_document_end_change (self->document);
}

static void
on_selection_changed (PmTimelinePage *self)
{
  PmEvent *focus = pm_timeline_canvas_get_focus_event (self->canvas);

  update_link_button (self);

  if (adw_flap_get_reveal_flap (self->flap) && focus != NULL &&
      focus != pm_event_editor_get_event (self->editor))
    pm_event_editor_set_event (self->editor, self->document, focus);
}

/* An event deleted (or its adding undone) takes the side panel with it. */
static void
on_events_changed (PmTimelinePage *self)
{
  PmEvent *event = pm_event_editor_get_event (self->editor);

  /* Connected before the table's sort model, so it re-sorts with fresh positions. */
  forget_positions (self);

  if (event != NULL && position_of (self, event) == G_MAXUINT)
    pm_timeline_page_edit_event (self, NULL);
}

static void
on_lane_order_changed (PmTimelinePage *self)
{
  g_clear_pointer (&self->lane_ranks, g_hash_table_unref);
  if (self->lane_sorter != NULL)
    gtk_sorter_changed (self->lane_sorter, GTK_SORTER_CHANGE_DIFFERENT);
}

static void
on_editor_close (PmTimelinePage *self)
{
  pm_timeline_page_edit_event (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

static void
on_editor_delete (PmTimelinePage *self)
{
  PmEvent *event = pm_event_editor_get_event (self->editor);

  if (event != NULL)
    {
      pm_timeline_canvas_select (self->canvas, event, FALSE);
      pm_timeline_page_delete_selection (self);
    }
}

static void
on_undo_clicked (AdwToast       *toast,
                 PmTimelinePage *self)
{
  if (self->document != NULL)
    pm_document_undo (self->document);
}

static void
on_lane_mode_selected (PmTimelinePage *self)
{
  pm_timeline_canvas_set_lane_mode (self->canvas,
                                    (PmLaneMode) gtk_drop_down_get_selected (self->lane_mode_dropdown));
}

static void
on_import_dialog_imported (PmTimelinePage *self)
{
  pm_timeline_canvas_fit_all (self->canvas);
}

static PmImportDialog *
new_import_dialog (PmTimelinePage *self)
{
  PmImportDialog *dialog;

  dialog = pm_import_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                 self->document);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_import_dialog_imported), self,
                           G_CONNECT_SWAPPED);
  return dialog;
}

static void
on_import_response (GtkNativeDialog *dialog,
                    int              response,
                    PmTimelinePage  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);

  if (file != NULL)
    pm_timeline_page_import_file (self, file);
}

static void
show_import_chooser (PmTimelinePage *self,
                     gboolean        folder)
{
  GtkFileChooserNative *chooser;

  if (self->document == NULL)
    return;
  chooser = gtk_file_chooser_native_new (folder ? _("Import a Timeline from a Folder")
                                                : _("Import a Timeline"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  if (!folder)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _("Chat exports, logs and CSV timelines"));
      for (const char * const *p = (const char * const[]) { "*.csv", "*.zip", "*.json", "*.jsonl",
                                                            "*.log", "*.txt", NULL };
           *p != NULL; p++)
        gtk_file_filter_add_pattern (filter, *p);
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_mime_type (filter, "application/zip");
      gtk_file_filter_add_mime_type (filter, "application/json");
      gtk_file_filter_add_mime_type (filter, "text/plain");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
      gtk_file_filter_set_name (all, _("All files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_import_clicked (PmTimelinePage *self)
{
  show_import_chooser (self, FALSE);
}

static void
on_import_folder_clicked (PmTimelinePage *self)
{
  show_import_chooser (self, TRUE);
}

/* Pasting several lines into the quick-entry field offers the import preview instead of one
 * event holding them all; a single line is pasted as before. */
static void
on_paste_text_ready (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PmTimelinePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text == NULL || self->document == NULL)
    return;
  pm_timeline_page_paste_text (self, text);
}

static void
on_quick_entry_paste (PmTimelinePage *self,
                      GtkText        *text)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (text));

  g_signal_stop_emission_by_name (text, "paste-clipboard");
  gdk_clipboard_read_text_async (clipboard, NULL, on_paste_text_ready, g_object_ref (self));
}

static void
on_rename_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PmTimelinePage   *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  const char *key = g_object_get_data (G_OBJECT (dialog), "lane-key");
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_str_equal (response, "rename") && *name != '\0')
    pm_timeline_canvas_rename_lane (self->canvas, key, name);
}

static void
on_rename_lane (PmTimelinePage   *self,
                const char       *key,
                PmTimelineCanvas *canvas)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->document == NULL || pm_document_get_read_only (self->document))
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Rename Lane"),
                                   _("Every event in this lane gets the new name."));
  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), key);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Lane name"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "rename",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "rename");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "lane-key", g_strdup (key), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_rename_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The table gets the events only while it is shown: sorting them and building its rows cost
 * a 5,000-event document a quarter of its start-up, for a view most moderators never open. */
static void
bind_table (PmTimelinePage *self)
{
  GListModel *events = NULL;

  if (self->document != NULL && gtk_toggle_button_get_active (self->table_toggle))
    events = pm_document_get_events (self->document);
  if (gtk_sort_list_model_get_model (self->sorted) != events)
    gtk_sort_list_model_set_model (self->sorted, events);
}

static void
on_view_toggled (PmTimelinePage *self)
{
  bind_table (self);
  gtk_stack_set_visible_child_name (self->view_stack,
                                    gtk_toggle_button_get_active (self->table_toggle)
                                    ? "table" : "canvas");
}

static gboolean
on_key_pressed (PmTimelinePage        *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (self)));

  /* +, − and 0 zoom when the canvas has the focus (not while typing). */
  if (focus != GTK_WIDGET (self->canvas) || (state & (GDK_ALT_MASK)))
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      pm_timeline_canvas_zoom_in (self->canvas);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      pm_timeline_canvas_zoom_out (self->canvas);
      return TRUE;
    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      pm_timeline_canvas_fit_all (self->canvas);
      return TRUE;
    default:
      return FALSE;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                          */
/* ------------------------------------------------------------------------------------------ */

static void
pm_timeline_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PmTimelinePage *self = PM_TIMELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_timeline_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PmTimelinePage *self = PM_TIMELINE_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pm_timeline_page_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_timeline_page_dispose (GObject *object)
{
  PmTimelinePage *self = PM_TIMELINE_PAGE (object);

  forget_positions (self);

  if (self->editor != NULL)
    pm_event_editor_set_event (self->editor, NULL, NULL);
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->table_selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->lane_sorter);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_TIMELINE_PAGE);

  G_OBJECT_CLASS (pm_timeline_page_parent_class)->dispose (object);
}

/* Ctrl+L: to the quick entry from anywhere on the page. */
static gboolean
focus_quick_entry (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  PmTimelinePage *self = PM_TIMELINE_PAGE (widget);

  return gtk_widget_grab_focus (GTK_WIDGET (self->quick_entry));
}

static void
pm_timeline_page_class_init (PmTimelinePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_timeline_page_dispose;
  object_class->get_property = pm_timeline_page_get_property;
  gtk_widget_class_add_binding (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, focus_quick_entry, NULL);
  object_class->set_property = pm_timeline_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PM_TYPE_TIMELINE_CANVAS);
  g_type_ensure (PM_TYPE_EVENT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-timeline-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, add_button);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, canvas);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, canvas_toggle);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, column_view);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, editor);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, first_button);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, link_button);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, fit_button);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, flap);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, lane_mode_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, quick_entry);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, table_toggle);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, zoom_in_button);
  gtk_widget_class_bind_template_child (widget_class, PmTimelinePage, zoom_out_button);
}

static void
pm_timeline_page_init (PmTimelinePage *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  setup_table (self);

  g_signal_connect_object (self->zoom_in_button, "clicked",
                           G_CALLBACK (pm_timeline_canvas_zoom_in), self->canvas,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->zoom_out_button, "clicked",
                           G_CALLBACK (pm_timeline_canvas_zoom_out), self->canvas,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->fit_button, "clicked",
                           G_CALLBACK (pm_timeline_canvas_fit_all), self->canvas,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->first_button, "clicked",
                           G_CALLBACK (pm_timeline_canvas_jump_to_first), self->canvas,
                           G_CONNECT_SWAPPED);
  /* Less frequent commands live in the overflow menu, so the toolbar fits a narrow laptop. */
  {
    g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr(GPropertyAction) zones = g_property_action_new ("show-original-zone", self->canvas,
                                                              "show-original-zone");
    g_autoptr(GPropertyAction) compact = g_property_action_new ("compact-cards", self->canvas,
                                                                "compact-cards");
    g_autoptr(GSimpleAction) now = g_simple_action_new ("jump-to-now", NULL);
    g_autoptr(GSimpleAction) import = g_simple_action_new ("import", NULL);
    g_autoptr(GSimpleAction) import_folder = g_simple_action_new ("import-folder", NULL);

    g_signal_connect_object (now, "activate", G_CALLBACK (pm_timeline_canvas_jump_to_now),
                             self->canvas, G_CONNECT_SWAPPED);
    g_signal_connect_object (import, "activate", G_CALLBACK (on_import_clicked), self,
                             G_CONNECT_SWAPPED);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (zones));
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (compact));
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (now));
    g_signal_connect_object (import_folder, "activate", G_CALLBACK (on_import_folder_clicked),
                             self, G_CONNECT_SWAPPED);
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (import));
    g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (import_folder));
    gtk_widget_insert_action_group (GTK_WIDGET (self), "timeline", G_ACTION_GROUP (group));
  }
  {
    GtkWidget *popover = gtk_popover_new ();
    GtkWidget *scroller = gtk_scrolled_window_new ();

    self->link_list = GTK_LIST_BOX (gtk_list_box_new ());
    gtk_list_box_set_selection_mode (self->link_list, GTK_SELECTION_NONE);
    gtk_list_box_set_activate_on_single_click (self->link_list, TRUE);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->link_list),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Root causes"), -1);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                    GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
    gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->link_list));
    gtk_popover_set_child (GTK_POPOVER (popover), scroller);
    gtk_menu_button_set_popover (self->link_button, popover);
    g_signal_connect_object (popover, "show", G_CALLBACK (on_link_popover_show), self,
                             G_CONNECT_SWAPPED);
    g_signal_connect_object (self->link_list, "row-activated", G_CALLBACK (on_link_row_activated),
                             self, G_CONNECT_SWAPPED);
  }
  g_signal_connect_object (self->table_toggle, "toggled", G_CALLBACK (on_view_toggled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->add_button, "clicked", G_CALLBACK (on_add_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->quick_entry, "activate", G_CALLBACK (on_quick_entry_activate),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_editable_get_delegate (GTK_EDITABLE (self->quick_entry)),
                           "paste-clipboard", G_CALLBACK (on_quick_entry_paste), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lane_mode_dropdown, "notify::selected",
                           G_CALLBACK (on_lane_mode_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "activate-event", G_CALLBACK (on_activate_event), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "add-event", G_CALLBACK (on_canvas_add_event), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "delete-selection",
                           G_CALLBACK (pm_timeline_page_delete_selection), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "rename-lane", G_CALLBACK (on_rename_lane), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->canvas, "selection-changed", G_CALLBACK (on_selection_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_table_activate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "close", G_CALLBACK (on_editor_close), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "delete", G_CALLBACK (on_editor_delete), self,
                           G_CONNECT_SWAPPED);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_key_pressed), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_timeline_page_new (void)
{
  return g_object_new (PM_TYPE_TIMELINE_PAGE, NULL);
}

PmDocument *
pm_timeline_page_get_document (PmTimelinePage *self)
{
  g_return_val_if_fail (PM_IS_TIMELINE_PAGE (self), NULL);

  return self->document;
}

void
pm_timeline_page_set_document (PmTimelinePage *self,
                               PmDocument     *document)
{
  g_return_if_fail (PM_IS_TIMELINE_PAGE (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  pm_timeline_page_edit_event (self, NULL);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_func (pm_document_get_events (self->document),
                                            on_events_changed, self);
      g_signal_handlers_disconnect_by_func (pm_document_get_root_causes (self->document),
                                            update_link_button, self);
      g_signal_handlers_disconnect_by_func (self->document, on_lane_order_changed, self);
    }
  g_set_object (&self->document, document);
  forget_positions (self);
  if (document != NULL)
    {
      g_signal_connect_object (pm_document_get_events (document), "items-changed",
                               G_CALLBACK (on_events_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pm_document_get_root_causes (document), "items-changed",
                               G_CALLBACK (update_link_button), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "notify::lane-order",
                               G_CALLBACK (on_lane_order_changed), self, G_CONNECT_SWAPPED);
    }
  pm_timeline_canvas_set_document (self->canvas, document);
  bind_table (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->quick_entry),
                            document != NULL && !pm_document_get_read_only (document));
  update_link_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

PmTimelineCanvas *
pm_timeline_page_get_canvas (PmTimelinePage *self)
{
  g_return_val_if_fail (PM_IS_TIMELINE_PAGE (self), NULL);

  return self->canvas;
}

PmEvent *
pm_timeline_page_quick_add (PmTimelinePage *self,
                            const char     *line,
                            GError        **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(PmTime) time = NULL;
  g_autoptr(PmEvent) event = NULL;
  g_autofree char *actor = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PM_IS_TIMELINE_PAGE (self), NULL);
  g_return_val_if_fail (self->document != NULL, NULL);

  if (pm_document_get_read_only (self->document))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                           _("This postmortem is open read-only"));
      return NULL;
    }

  zone = pm_document_dup_time_zone (self->document);
  if (!pm_quick_entry_parse (line, zone, reference_time (self), &time, &actor, &text, error))
    return NULL;

  event = new_event (self);
  pm_event_set_time (event, time);
  pm_event_set_actor (event, actor);
  {
    g_autofree char *kind = NULL;
    g_autofree char *rest = NULL;
    gboolean contributed, slowed;

    /* "#det !" at the end: the kind and the flags in a few characters. */
    rest = pm_quick_entry_take_marks (text, &kind, &contributed, &slowed);
    pm_event_set_text (event, rest);
    if (kind != NULL)
      pm_event_set_kind (event, kind);
    pm_event_set_contributed (event, contributed);
    pm_event_set_slowed_response (event, slowed);
  }
  pm_document_add_event (self->document, event);
  pm_timeline_canvas_select (self->canvas, event, FALSE);
  return event;
}

void
pm_timeline_page_edit_event (PmTimelinePage *self,
                             PmEvent        *event)
{
  g_return_if_fail (PM_IS_TIMELINE_PAGE (self));

  pm_event_editor_set_event (self->editor, self->document, event);
  pm_flap_reveal (self->flap, event != NULL);
}

void
pm_timeline_page_delete_selection (PmTimelinePage *self)
{
  g_autoptr(GPtrArray) selected = NULL;
  g_autofree char *text = NULL;
  AdwToast *toast;
  guint n;

  g_return_if_fail (PM_IS_TIMELINE_PAGE (self));

  if (self->document == NULL || pm_document_get_read_only (self->document))
    return;
  selected = pm_timeline_canvas_get_selection (self->canvas);
  n = selected->len;
  if (n == 0)
    return;

  g_ptr_array_set_free_func (selected, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_object_ref (g_ptr_array_index (selected, i));

  if (pm_event_editor_get_event (self->editor) != NULL &&
      g_ptr_array_find (selected, pm_event_editor_get_event (self->editor), NULL))
    pm_timeline_page_edit_event (self, NULL);

  pm_document_begin_change (self->document, ngettext ("Delete event", "Delete events", n));
  for (guint i = 0; i < n; i++)
    pm_document_remove (self->document, pm_document_get_events (self->document),
                        g_ptr_array_index (selected, i));
  pm_document_end_change (self->document);

  text = g_strdup_printf (ngettext ("Deleted %u event", "Deleted %u events", n), n);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_clicked), self, 0);
  pm_widget_show_toast (GTK_WIDGET (self), toast);
  gtk_widget_grab_focus (GTK_WIDGET (self->canvas));
}

void
pm_timeline_page_set_view (PmTimelinePage *self,
                           const char     *name)
{
  g_return_if_fail (PM_IS_TIMELINE_PAGE (self));

  if (g_str_equal (name, "table"))
    gtk_toggle_button_set_active (self->table_toggle, TRUE);
  else
    gtk_toggle_button_set_active (self->canvas_toggle, TRUE);
}

PmImportDialog *
pm_timeline_page_import_file (PmTimelinePage *self,
                              GFile          *file)
{
  PmImportDialog *dialog;

  g_return_val_if_fail (PM_IS_TIMELINE_PAGE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (self->document == NULL)
    return NULL;
  dialog = new_import_dialog (self);
  pm_import_dialog_read_file (dialog, file);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

PmImportDialog *
pm_timeline_page_paste_text (PmTimelinePage *self,
                             const char     *text)
{
  g_autofree char *trimmed = NULL;
  PmImportDialog *dialog;

  g_return_val_if_fail (PM_IS_TIMELINE_PAGE (self), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  trimmed = g_strstrip (g_strdup (text));
  if (strchr (trimmed, '\n') == NULL || self->document == NULL)
    {
      GtkEditable *editable = GTK_EDITABLE (self->quick_entry);
      g_autofree char *line = g_strdup (text);
      gsize length = strlen (line);
      int position;

      /* As pasted, but for the line break at its end (or around it, when that is all). */
      while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r'))
        line[--length] = '\0';
      gtk_editable_delete_selection (editable);
      position = gtk_editable_get_position (editable);
      gtk_editable_insert_text (editable, strchr (line, '\n') == NULL ? line : trimmed, -1,
                                &position);
      gtk_editable_set_position (editable, position);
      return NULL;
    }
  dialog = new_import_dialog (self);
  pm_import_dialog_read_text (dialog, trimmed, _("Pasted text"));
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
