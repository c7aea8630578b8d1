/* pm-action-board.c — the Measures page: every measure as a card in its status column
 *
 * The board keeps no copy of the measures. Each column is a GtkListBox filled from the
 * document's measures list, in its order (the priority order), filtered by status (or by root
 * cause in the grouped view) and by the filters in the tool bar. Any change to the measures,
 * the participants or the root causes (including undo) queues one rebuild at idle time; the
 * card that had the keyboard focus gets it back afterwards.
 *
 * Moving a card — by drag and drop, Alt+arrow keys, or the status choice in the side panel —
 * goes through move_measure(): the status change (recorded in the measure's history) and the
 * reorder are grouped into one undo step. Dropping a measure asks for the reason first.
 * Alt+Left/Right only moves a pending status: the card shows in that column, and the status
 * is changed once, when Alt is released or the keys have settled, so that passing columns on
 * the way are not recorded, and a cancelled drop leaves the measure where it was.
 *
 * The side panel (an AdwFlap) edits the selected measure. Typing goes through
 * pm_document_set_value_merging(), so a run of keystrokes in one field is one undo step; the
 * panel is put back from the model on every notify, guarded by `syncing`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pm-accessible.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "pm-flap-reveal.h"
#include "pm-action-board-private.h"
#include "pm-due.h"
#include "pm-figures.h"
#include "pm-status-change.h"
#include "pm-time.h"
#include "pm-vocabulary.h"

#define OWNER_OUTSIDE "\x01outside"   /* owner choice: someone outside the room */
#define FILTER_ESCALATED "\x01escalated"
#define FILTER_NONE "\x01none"
#define MAX_CHIP_CHARS 28
/* How long a keyboard move waits for the next key before it changes the status. */
#define SETTLE_MS 800

struct _PmActionBoard
{
  AdwBin            parent_instance;

  PmDocument       *document;
  GSignalGroup     *measures_signals;
  GSignalGroup     *participants_signals;
  GSignalGroup     *causes_signals;
  /* Objects whose "notify" we listen to: GObject → handler id. */
  GHashTable       *watched;

  PmMeasure        *selected;
  GDateTime        *now;           /* NULL: the real now */
  char             *focus_id;      /* the card to focus after the next rebuild */
  guint             rebuild_source;

  /* A keyboard move not yet made: the card shows in the pending status's column. */
  PmMeasure        *pending;
  char             *pending_status;
  guint             pending_source;

  /* Filter choices: values in the same order as the drop-down labels. */
  GPtrArray        *owner_values;
  GPtrArray        *cause_values;
  GtkStringList    *owner_labels;
  GtkStringList    *cause_labels;

  /* Columns: GtkListBox by status or root cause id (borrowed from the widget tree). */
  GHashTable       *columns;
  AdwMessageDialog *dialog;        /* weak */

  /* Template children */
  AdwFlap          *flap;
  GtkButton        *add_button;
  GtkDropDown      *owner_filter;
  GtkDropDown      *cause_filter;
  GtkToggleButton  *overdue_button;
  GtkToggleButton  *group_button;
  GtkLabel         *count_label;
  GtkBox           *columns_box;
  GtkBox           *editor_box;
  GtkScrolledWindow *editor_scroller;

  /* Side panel, built in code */
  GtkLabel         *editor_heading;
  AdwEntryRow      *title_row;
  AdwComboRow      *owner_row;
  GtkStringList    *owner_row_labels;
  GPtrArray        *owner_row_values;
  AdwEntryRow      *escalation_row;
  AdwComboRow      *kind_row;
  AdwComboRow      *status_row;
  GtkStringList    *status_row_labels;
  GPtrArray        *status_row_values;
  AdwEntryRow      *drop_reason_row;
  AdwEntryRow      *due_row;
  AdwEntryRow      *ticket_key_row;
  AdwEntryRow      *ticket_url_row;
  AdwEntryRow      *effort_row;
  AdwEntryRow      *cost_amount_row;
  AdwEntryRow      *cost_currency_row;
  AdwEntryRow      *benefit_row;
  GtkSwitch        *summary_switch;
  GtkSwitch        *confidential_switch;
  GtkTextView      *description_view;
  AdwPreferencesGroup *causes_group;
  GPtrArray        *cause_checks;   /* GtkCheckButton, data "pm-id" */
  GtkListBox       *history_list;

  guint             syncing : 1;
};

G_DEFINE_FINAL_TYPE (PmActionBoard, pm_action_board, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_rebuild (PmActionBoard *self);
static void commit_pending (PmActionBoard *self);
static void sync_editor (PmActionBoard *self);
static void move_measure (PmActionBoard *self,
                          PmMeasure     *measure,
                          const char    *status,
                          PmMeasure     *anchor,
                          gboolean       after,
                          const char    *note);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_editable (PmActionBoard *self)
{
  return self->document != NULL && !pm_document_get_read_only (self->document);
}

static GDateTime *
dup_now (PmActionBoard *self)
{
  if (self->now != NULL)
    return g_date_time_ref (self->now);

  return g_date_time_new_now_utc ();
}

static PmDueState
due_state_of (PmActionBoard *self,
              PmMeasure     *measure)
{
  g_autoptr(GDateTime) now = dup_now (self);
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (self->document);

  return pm_due_get_state (pm_measure_get_due (measure), pm_measure_get_status (measure),
                           now, zone);
}

static guint
index_of (GListModel *list,
          gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (list, i);

      if (other == item)
        return i;
    }

  return G_MAXUINT;
}

static gboolean
strv_contains (const char * const *strv,
               const char         *value)
{
  return strv != NULL && value != NULL && g_strv_contains (strv, value);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static const char *
measure_title (PmMeasure *measure)
{
  const char *title = nonempty (pm_measure_get_title (measure));

  return title != NULL ? title : _("Untitled measure");
}

/* Known statuses first, then any status a newer version wrote that the document holds. */
static GPtrArray *
dup_statuses (PmActionBoard *self)
{
  GPtrArray *statuses = g_ptr_array_new_with_free_func (g_free);
  const char * const *known = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_STATUS);
  GListModel *measures;

  for (guint i = 0; known[i] != NULL; i++)
    g_ptr_array_add (statuses, g_strdup (known[i]));

  if (self->document == NULL)
    return statuses;

  measures = pm_document_get_measures (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      const char *status = pm_measure_get_status (measure);

      if (status == NULL)
        continue;
      if (!g_ptr_array_find_with_equal_func (statuses, status, g_str_equal, NULL))
        g_ptr_array_add (statuses, g_strdup (status));
    }

  return statuses;
}

static gboolean
passes_filters (PmActionBoard *self,
                PmMeasure     *measure)
{
  guint owner_pos = gtk_drop_down_get_selected (self->owner_filter);
  guint cause_pos = gtk_drop_down_get_selected (self->cause_filter);
  const char *owner = owner_pos < self->owner_values->len
                      ? g_ptr_array_index (self->owner_values, owner_pos) : "";
  const char *cause = cause_pos < self->cause_values->len
                      ? g_ptr_array_index (self->cause_values, cause_pos) : "";
  const char * const *causes = pm_measure_get_root_causes (measure);

  if (g_strcmp0 (owner, FILTER_ESCALATED) == 0)
    {
      if (nonempty (pm_measure_get_escalation (measure)) == NULL)
        return FALSE;
    }
  else if (owner[0] != '\0' && g_strcmp0 (pm_measure_get_owner (measure), owner) != 0)
    return FALSE;

  if (g_strcmp0 (cause, FILTER_NONE) == 0)
    {
      if (causes != NULL && causes[0] != NULL)
        return FALSE;
    }
  else if (cause[0] != '\0' && !strv_contains (causes, cause))
    return FALSE;

  if (gtk_toggle_button_get_active (self->overdue_button)
      && due_state_of (self, measure) != PM_DUE_OVERDUE)
    return FALSE;

  return TRUE;
}

static PmMeasure *
measure_of_row (GtkWidget *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "pm-measure") : NULL;
}

/* The card holding the focus, or NULL. */
static GtkWidget *
get_focused_card (PmActionBoard *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_LIST_BOX_ROW (w) && measure_of_row (w) != NULL)
        return w;
    }

  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Watching the model                                                                         */
/* ------------------------------------------------------------------------------------------ */

static void
on_watched_notify_cb (PmActionBoard *self,
                      GParamSpec    *pspec,
                      GObject       *object)
{
  queue_rebuild (self);
  if (object == (GObject *) self->selected)
    sync_editor (self);
}

static void
unwatch_all (PmActionBoard *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
  g_hash_table_remove_all (self->watched);
}

static void
watch_list (PmActionBoard *self,
            GListModel    *list)
{
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (list, i);
      gulong id;

      if (g_hash_table_contains (self->watched, object))
        continue;
      id = g_signal_connect_object (object, "notify", G_CALLBACK (on_watched_notify_cb), self,
                                    G_CONNECT_SWAPPED);
      /* The table holds a reference, so the handler can always be disconnected. */
      g_hash_table_insert (self->watched, g_object_ref (object), GSIZE_TO_POINTER (id));
    }
}

static void
rewatch (PmActionBoard *self)
{
  unwatch_all (self);
  if (self->document == NULL)
    return;

  watch_list (self, pm_document_get_measures (self->document));
  watch_list (self, pm_document_get_participants (self->document));
  watch_list (self, pm_document_get_root_causes (self->document));
  /* A status change also appends to the history. */
  for (guint i = 0; i < g_list_model_get_n_items (pm_document_get_measures (self->document)); i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (pm_document_get_measures (self->document), i);
      GListModel *history = pm_measure_get_history (measure);
      gulong id;

      if (g_hash_table_contains (self->watched, history))
        continue;
      id = g_signal_connect_object (history, "items-changed", G_CALLBACK (queue_rebuild), self,
                                    G_CONNECT_SWAPPED);
      g_hash_table_insert (self->watched, g_object_ref (history), GSIZE_TO_POINTER (id));
    }
}

static void
on_list_changed_cb (PmActionBoard *self)
{
  PmMeasure *selected = self->selected;

  /* The selected measure was removed (or its addition undone): close the panel. */
  if (selected != NULL && self->document != NULL
      && index_of (pm_document_get_measures (self->document), selected) == G_MAXUINT)
    pm_action_board_select (self, NULL);

  queue_rebuild (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Filters                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
fill_filter (GtkDropDown   *drop_down,
             GtkStringList *labels,
             GPtrArray     *values,
             GPtrArray     *new_values,
             GPtrArray     *new_labels)
{
  guint selected = gtk_drop_down_get_selected (drop_down);
  g_autofree char *old_value = selected < values->len
                               ? g_strdup (g_ptr_array_index (values, selected)) : NULL;
  guint new_selected = 0;
  gboolean same = new_values->len == values->len;

  for (guint i = 0; same && i < values->len; i++)
    same = g_str_equal (g_ptr_array_index (values, i), g_ptr_array_index (new_values, i))
           && g_str_equal (gtk_string_list_get_string (labels, i),
                           g_ptr_array_index (new_labels, i));
  if (same)
    return;

  g_ptr_array_set_size (values, 0);
  for (guint i = 0; i < new_values->len; i++)
    {
      g_ptr_array_add (values, g_strdup (g_ptr_array_index (new_values, i)));
      if (old_value != NULL && g_str_equal (old_value, g_ptr_array_index (new_values, i)))
        new_selected = i;
    }
  g_ptr_array_add (new_labels, NULL);
  gtk_string_list_splice (labels, 0, g_list_model_get_n_items (G_LIST_MODEL (labels)),
                          (const char * const *) new_labels->pdata);
  gtk_drop_down_set_selected (drop_down, new_selected);
}

static void
update_filters (PmActionBoard *self)
{
  g_autoptr(GPtrArray) owner_values = g_ptr_array_new ();
  g_autoptr(GPtrArray) owner_labels = g_ptr_array_new ();
  g_autoptr(GPtrArray) cause_values = g_ptr_array_new ();
  g_autoptr(GPtrArray) cause_labels = g_ptr_array_new ();

  g_ptr_array_add (owner_values, (char *) "");
  g_ptr_array_add (owner_labels, _("All Owners"));
  g_ptr_array_add (cause_values, (char *) "");
  g_ptr_array_add (cause_labels, _("All Root Causes"));

  if (self->document != NULL)
    {
      GListModel *participants = pm_document_get_participants (self->document);
      GListModel *causes = pm_document_get_root_causes (self->document);

      for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
        {
          g_autoptr(PmParticipant) p = g_list_model_get_item (participants, i);
          const char *name = nonempty (pm_participant_get_name (p));

          g_ptr_array_add (owner_values, (char *) pm_participant_get_id (p));
          g_ptr_array_add (owner_labels, (char *) (name != NULL ? name : pm_participant_get_id (p)));
        }
      for (guint i = 0; i < g_list_model_get_n_items (causes); i++)
        {
          g_autoptr(PmRootCause) rc = g_list_model_get_item (causes, i);
          const char *title = nonempty (pm_root_cause_get_title (rc));

          g_ptr_array_add (cause_values, (char *) pm_root_cause_get_id (rc));
          g_ptr_array_add (cause_labels, (char *) (title != NULL ? title : pm_root_cause_get_id (rc)));
        }
    }

  g_ptr_array_add (owner_values, (char *) FILTER_ESCALATED);
  g_ptr_array_add (owner_labels, _("Decisions Outside the Room"));
  g_ptr_array_add (cause_values, (char *) FILTER_NONE);
  g_ptr_array_add (cause_labels, _("No Root Cause"));

  fill_filter (self->owner_filter, self->owner_labels, self->owner_values,
               owner_values, owner_labels);
  fill_filter (self->cause_filter, self->cause_labels, self->cause_values,
               cause_values, cause_labels);
}

/* ------------------------------------------------------------------------------------------ */
/* Cards                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
on_ticket_clicked_cb (GtkButton *button,
                      gpointer   user_data)
{
  const char *url = g_object_get_data (G_OBJECT (button), "pm-url");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (button));

  if (url != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static GtkWidget *
icon_line (const char *icon_name,
           const char *text,
           const char *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *image = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  if (css_class != NULL)
    gtk_widget_add_css_class (box, css_class);
  return box;
}

static char *
truncate_text (const char *text,
               glong       max_chars)
{
  if (g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);

  {
    g_autofree char *head = g_utf8_substring (text, 0, max_chars - 1);

    return g_strconcat (head, "…", NULL);
  }
}

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *row)
{
  PmMeasure *measure = measure_of_row (row);

  if (measure == NULL)
    return NULL;

  return gdk_content_provider_new_typed (PM_TYPE_MEASURE, measure);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  GtkWidget     *row)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, paintable, 0, 0);
}

static GtkWidget *
create_card (PmActionBoard *self,
             PmMeasure     *measure,
             gboolean       show_status)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (measure_title (measure));
  GtkWidget *meta = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  const char *owner_id = pm_measure_get_owner (measure);
  const char *escalation = nonempty (pm_measure_get_escalation (measure));
  const char *due = pm_measure_get_due (measure);
  const char *kind = nonempty (pm_measure_get_kind (measure));
  const char *ticket_key = nonempty (pm_measure_get_ticket_key (measure));
  const char *ticket_url = nonempty (pm_measure_get_ticket_url (measure));
  const char * const *causes = pm_measure_get_root_causes (measure);
  g_autoptr(GString) description = g_string_new (NULL);
  PmParticipant *owner = owner_id != NULL ? pm_document_find_participant (self->document, owner_id) : NULL;
  GtkWidget *summary = NULL;
  GtkDragSource *drag;

  g_object_set_data_full (G_OBJECT (row), "pm-measure", g_object_ref (measure), g_object_unref);
  gtk_widget_add_css_class (row, "pm-card");
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  if (show_status)
    gtk_box_append (GTK_BOX (box),
                    icon_line ("emblem-default-symbolic",
                               pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS,
                                                        pm_measure_get_status (measure)),
                               NULL));

  /* Who: an owner in the room, or the people who have to decide. */
  if (owner != NULL)
    {
      const char *name = nonempty (pm_participant_get_name (owner));

      gtk_box_append (GTK_BOX (box), icon_line ("avatar-default-symbolic",
                                                name != NULL ? name : owner_id, NULL));
      g_string_append_printf (description, _("Owner: %s."), name != NULL ? name : owner_id);
    }
  else if (escalation != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Decision needed by %s"), escalation);

      gtk_box_append (GTK_BOX (box), icon_line ("system-users-symbolic", text, "pm-escalation"));
      g_string_append_printf (description, "%s.", text);
    }
  else
    {
      gtk_box_append (GTK_BOX (box), icon_line ("dialog-question-symbolic", _("No owner yet"),
                                                "dim-label"));
      g_string_append (description, _("No owner yet."));
    }

  /* When: overdue and due soon carry an icon and words, never colour alone. */
  if (due != NULL)
    {
      g_autofree char *text = NULL;
      const char *icon = "x-office-calendar-symbolic";
      const char *css = "dim-label";

      switch (due_state_of (self, measure))
        {
        case PM_DUE_OVERDUE:
          text = g_strdup_printf (_("Overdue: was due %s"), due);
          icon = "dialog-warning-symbolic";
          css = "error";
          break;
        case PM_DUE_SOON:
          text = g_strdup_printf (_("Due soon: %s"), due);
          icon = "alarm-symbolic";
          css = "warning";
          break;
        case PM_DUE_NONE:
        case PM_DUE_LATER:
        default:
          text = g_strdup_printf (_("Due %s"), due);
          break;
        }
      gtk_box_append (GTK_BOX (box), icon_line (icon, text, css));
      g_string_append_printf (description, " %s.", text);
    }

  /* Kind, ticket, summary marker. */
  gtk_widget_add_css_class (meta, "pm-card-meta");
  if (kind != NULL)
    {
      GtkWidget *label = gtk_label_new (pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_KIND, kind));

      gtk_widget_add_css_class (label, "pm-chip");
      gtk_widget_add_css_class (label, "pm-kind");
      gtk_box_append (GTK_BOX (meta), label);
      g_string_append_printf (description, _(" Kind: %s."),
                              pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_KIND, kind));
    }
  if (ticket_key != NULL || ticket_url != NULL)
    {
      const char *text = ticket_key != NULL ? ticket_key : _("Ticket");

      if (ticket_url != NULL)
        {
          GtkWidget *button = gtk_button_new_with_label (text);
          g_autofree char *tip = g_strdup_printf (_("Open ticket %s in the browser"), text);

          gtk_widget_add_css_class (button, "flat");
          gtk_widget_add_css_class (button, "pm-ticket");
          gtk_widget_set_tooltip_text (button, tip);
          g_object_set_data_full (G_OBJECT (button), "pm-url", g_strdup (ticket_url), g_free);
          g_signal_connect (button, "clicked", G_CALLBACK (on_ticket_clicked_cb), NULL);
          gtk_box_append (GTK_BOX (meta), button);
        }
      else
        {
          GtkWidget *label = gtk_label_new (text);

          gtk_label_set_selectable (GTK_LABEL (label), FALSE);
          gtk_widget_add_css_class (label, "pm-ticket");
          gtk_box_append (GTK_BOX (meta), label);
        }
      g_string_append_printf (description, _(" Ticket: %s."), text);
    }
  if (pm_measure_get_summary (measure))
    {
      summary = icon_line ("starred-symbolic", _("Manager summary"), "pm-summary");
      gtk_widget_set_tooltip_text (summary, _("Chosen for the manager summary"));
      g_string_append (description, _(" In the manager summary."));
    }
  for (GtkWidget *w = gtk_widget_get_first_child (meta); w != NULL; w = gtk_widget_get_next_sibling (w))
    gtk_widget_set_valign (w, GTK_ALIGN_CENTER);
  if (gtk_widget_get_first_child (meta) != NULL)
    gtk_box_append (GTK_BOX (box), meta);
  else
    g_object_unref (g_object_ref_sink (meta));
  if (summary != NULL)
    gtk_box_append (GTK_BOX (box), summary);
  if (pm_measure_get_confidential (measure))
    {
      gtk_box_append (GTK_BOX (box), icon_line ("changes-prevent-symbolic", _("Team only"), "dim-label"));
      g_string_append (description, _(" Team only."));
    }

  /* Root causes as chips. */
  if (causes != NULL && causes[0] != NULL)
    {
      GtkWidget *chips = gtk_flow_box_new ();

      gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (chips), GTK_SELECTION_NONE);
      gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (chips), 3);
      gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (chips), 4);
      gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (chips), 4);
      gtk_widget_set_can_focus (chips, FALSE);
      for (guint i = 0; causes[i] != NULL; i++)
        {
          PmRootCause *rc = pm_document_find_root_cause (self->document, causes[i]);
          const char *rc_title = rc != NULL ? nonempty (pm_root_cause_get_title (rc)) : NULL;
          g_autofree char *text = truncate_text (rc_title != NULL ? rc_title : causes[i],
                                                 MAX_CHIP_CHARS);
          GtkWidget *chip = gtk_label_new (text);

          gtk_widget_add_css_class (chip, "pm-chip");
          gtk_widget_set_tooltip_text (chip, rc_title != NULL ? rc_title : causes[i]);
          gtk_flow_box_append (GTK_FLOW_BOX (chips), chip);
          gtk_widget_set_can_focus (gtk_widget_get_parent (chip), FALSE);
        }
      gtk_box_append (GTK_BOX (box), chips);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, measure_title (measure),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
  gtk_widget_set_tooltip_text (row, _("Alt+Left/Right moves between columns, Alt+Up/Down "
                                      "changes the priority"));

  if (is_editable (self))
    {
      drag = gtk_drag_source_new ();
      gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
      g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), row);
      g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), row);
      gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
    }

  return row;
}

/* ------------------------------------------------------------------------------------------ */
/* Columns                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            PmActionBoard *self)
{
  GtkWidget *list = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  PmMeasure *measure;

  if (!G_VALUE_HOLDS (value, PM_TYPE_MEASURE))
    return FALSE;
  measure = g_value_get_object (value);

  return _pm_action_board_drop (self, list, measure, y);
}

static void
on_row_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row,
                     PmActionBoard *self)
{
  PmMeasure *measure = measure_of_row (GTK_WIDGET (row));

  if (measure != NULL)
    pm_action_board_select (self, measure);
}

static GtkWidget *
create_column (PmActionBoard *self,
               const char    *key,
               const char    *status,
               const char    *title,
               guint          count,
               GtkWidget    **list_out)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (count_text);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *placeholder = gtk_label_new (_("No measures"));
  g_autofree char *accessible = g_strdup_printf (ngettext ("%s, %u measure", "%s, %u measures",
                                                           count), title, count);

  gtk_widget_add_css_class (column, "pm-board-column");
  gtk_widget_set_size_request (column, 250, -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_tooltip_text (label, title);
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_box_append (GTK_BOX (header), label);
  gtk_box_append (GTK_BOX (header), count_label);
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_set_margin_end (header, 6);
  gtk_box_append (GTK_BOX (column), header);

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (GTK_LIST_BOX (list), placeholder);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "pm-board-list");
  gtk_widget_set_vexpand (list, TRUE);
  gtk_widget_set_valign (list, GTK_ALIGN_FILL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_object_set_data_full (G_OBJECT (list), "pm-key", g_strdup (key), g_free);
  g_object_set_data_full (G_OBJECT (list), "pm-status", g_strdup (status), g_free);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_row_activated_cb), self, 0);

  if (is_editable (self))
    {
      GtkDropTarget *target = gtk_drop_target_new (PM_TYPE_MEASURE, GDK_ACTION_MOVE);

      g_signal_connect_object (target, "drop", G_CALLBACK (on_drop_cb), self, 0);
      gtk_widget_add_controller (list, GTK_EVENT_CONTROLLER (target));
    }

  gtk_box_append (GTK_BOX (column), list);
  *list_out = list;
  return column;
}

/* The column a measure shows in: its pending status while a keyboard move settles. */
static const char *
shown_status (PmActionBoard *self,
              PmMeasure     *measure)
{
  if (measure == self->pending)
    return self->pending_status;
  return pm_measure_get_status (measure);
}

static void
rebuild (PmActionBoard *self)
{
  GtkWidget *child;
  GtkWidget *focused = get_focused_card (self);
  g_autofree char *focus_id = NULL;
  gboolean grouped = gtk_toggle_button_get_active (self->group_button);
  GListModel *measures;
  guint n_measures;
  guint n_shown = 0;
  GtkWidget *focus_card = NULL;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  if (self->focus_id != NULL)
    focus_id = g_steal_pointer (&self->focus_id);
  else if (focused != NULL)
    focus_id = g_strdup (pm_measure_get_id (measure_of_row (focused)));

  rewatch (self);
  update_filters (self);
  g_hash_table_remove_all (self->columns);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->columns_box))) != NULL)
    gtk_box_remove (self->columns_box, child);

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), is_editable (self));
  if (self->document == NULL)
    {
      gtk_label_set_text (self->count_label, "");
      return;
    }

  measures = pm_document_get_measures (self->document);
  n_measures = g_list_model_get_n_items (measures);

  if (!grouped)
    {
      g_autoptr(GPtrArray) statuses = dup_statuses (self);

      for (guint s = 0; s < statuses->len; s++)
        {
          const char *status = g_ptr_array_index (statuses, s);
          g_autoptr(GPtrArray) cards = g_ptr_array_new ();
          GtkWidget *list = NULL;
          GtkWidget *column;

          for (guint i = 0; i < n_measures; i++)
            {
              g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);

              if (g_strcmp0 (shown_status (self, measure), status) == 0
                  && passes_filters (self, measure))
                g_ptr_array_add (cards, create_card (self, measure, FALSE));
            }

          column = create_column (self, status, status,
                                  pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS, status),
                                  cards->len, &list);
          for (guint i = 0; i < cards->len; i++)
            gtk_list_box_append (GTK_LIST_BOX (list), g_ptr_array_index (cards, i));
          n_shown += cards->len;
          g_hash_table_insert (self->columns, g_strdup (status), list);
          gtk_box_append (self->columns_box, column);
        }
    }
  else
    {
      GListModel *causes = pm_document_get_root_causes (self->document);
      guint n_causes = g_list_model_get_n_items (causes);
      g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);

      for (guint c = 0; c <= n_causes; c++)
        {
          g_autoptr(PmRootCause) rc = c < n_causes ? g_list_model_get_item (causes, c) : NULL;
          const char *rc_id = rc != NULL ? pm_root_cause_get_id (rc) : NULL;
          const char *rc_title = rc != NULL ? nonempty (pm_root_cause_get_title (rc)) : NULL;
          g_autoptr(GPtrArray) cards = g_ptr_array_new ();
          GtkWidget *list = NULL;
          GtkWidget *column;

          for (guint i = 0; i < n_measures; i++)
            {
              g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
              const char * const *mc = pm_measure_get_root_causes (measure);
              gboolean member = rc_id != NULL ? strv_contains (mc, rc_id)
                                              : (mc == NULL || mc[0] == NULL);

              if (member && passes_filters (self, measure))
                {
                  g_ptr_array_add (cards, create_card (self, measure, TRUE));
                  g_hash_table_add (shown, measure);
                }
            }
          if (rc == NULL && cards->len == 0)
            break;

          column = create_column (self, rc_id != NULL ? rc_id : FILTER_NONE, NULL,
                                  rc != NULL ? (rc_title != NULL ? rc_title : rc_id)
                                             : _("No Root Cause"),
                                  cards->len, &list);
          for (guint i = 0; i < cards->len; i++)
            gtk_list_box_append (GTK_LIST_BOX (list), g_ptr_array_index (cards, i));
          g_hash_table_insert (self->columns, g_strdup (rc_id != NULL ? rc_id : FILTER_NONE), list);
          gtk_box_append (self->columns_box, column);
        }
      n_shown = g_hash_table_size (shown);
    }

  {
    g_autofree char *text = g_strdup_printf (_("%u of %u shown"), n_shown, n_measures);

    gtk_label_set_text (self->count_label, text);
  }

  /* The focus follows the card that had it (or was just moved). */
  if (focus_id != NULL)
    {
      PmMeasure *measure = pm_document_find_measure (self->document, focus_id);

      if (measure != NULL)
        focus_card = _pm_action_board_get_card (self, measure);
      if (focus_card != NULL)
        gtk_widget_grab_focus (focus_card);
    }
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  PmActionBoard *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  sync_editor (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (PmActionBoard *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, rebuild_idle_cb, self, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Moving                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
move_measure (PmActionBoard *self,
              PmMeasure     *measure,
              const char    *new_status,
              PmMeasure     *anchor,
              gboolean       after,
              const char    *note)
{
  GListModel *measures = pm_document_get_measures (self->document);
  /* Copies: @new_status and @note may belong to widgets that the first change rebuilds. */
  g_autofree char *status = g_strdup (new_status);
  g_autofree char *reason = g_strdup (note);
  g_autoptr(PmMeasure) keep = g_object_ref (measure);
  gboolean change_status = status != NULL && g_strcmp0 (status, pm_measure_get_status (measure)) != 0;

  if (!change_status && (anchor == NULL || anchor == measure))
    return;

  pm_document_begin_change (self->document, _("Move Measure"));
  if (change_status)
    {
      pm_document_change_measure_status (self->document, measure, status, nonempty (reason), NULL);
      if (g_str_equal (status, "dropped"))
        pm_document_set (self->document, measure, "drop-reason", nonempty (reason), NULL);
    }
  if (anchor != NULL && anchor != measure)
    {
      guint from = index_of (measures, measure);
      guint a = index_of (measures, anchor);
      guint to;

      if (from != G_MAXUINT && a != G_MAXUINT)
        {
          if (after)
            to = from < a ? a : a + 1;
          else
            to = from < a ? a - 1 : a;
          if (to != from)
            pm_document_move (self->document, measures, from, to);
        }
    }
  pm_document_end_change (self->document);

  g_free (self->focus_id);
  self->focus_id = g_strdup (pm_measure_get_id (measure));
}

typedef struct
{
  PmActionBoard *self;
  PmMeasure     *measure;
  PmMeasure     *anchor;
  gboolean       after;
  GtkEditable   *entry;
} DropRequest;

static void
drop_request_free (gpointer data)
{
  DropRequest *request = data;

  g_clear_object (&request->measure);
  g_clear_object (&request->anchor);
  g_free (request);
}

static void
on_drop_reason_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            DropRequest      *request)
{
  PmActionBoard *self = request->self;
  g_autofree char *reason = NULL;

  if (g_strcmp0 (response, "drop") != 0 || self->document == NULL)
    {
      /* The card is still where it was; give it the focus back. */
      if (self->document != NULL)
        {
          g_free (self->focus_id);
          self->focus_id = g_strdup (pm_measure_get_id (request->measure));
          queue_rebuild (self);
        }
      return;
    }
  /* The measure may have been removed (undo) while the dialog was open. */
  if (index_of (pm_document_get_measures (self->document), request->measure) == G_MAXUINT)
    return;

  reason = g_strstrip (g_strdup (gtk_editable_get_text (request->entry)));
  move_measure (self, request->measure, "dropped", request->anchor, request->after, reason);
}

static void
on_drop_reason_changed_cb (GtkEditable      *entry,
                           AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "drop", text[0] != '\0');
}

static void
on_drop_reason_activate_cb (GtkEntry         *entry,
                            AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "drop"))
    adw_message_dialog_response (dialog, "drop");
}

static void
ask_drop_reason (PmActionBoard *self,
                 PmMeasure     *measure,
                 PmMeasure     *anchor,
                 gboolean       after)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  DropRequest *request;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Drop This Measure?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("“%s” will no longer be worked on. Say why, so that the "
                                    "follow-up and the protocol can tell."),
                                  measure_title (measure));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "drop", _("_Drop Measure"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "drop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "drop", FALSE);
  adw_message_dialog_set_default_response (dialog, "drop");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason, e.g. covered by another measure"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Reason for dropping"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_drop_reason_changed_cb), dialog);
  g_signal_connect (entry, "activate", G_CALLBACK (on_drop_reason_activate_cb), dialog);

  request = g_new0 (DropRequest, 1);
  request->self = self;
  request->measure = g_object_ref (measure);
  request->anchor = anchor != NULL ? g_object_ref (anchor) : NULL;
  request->after = after;
  request->entry = GTK_EDITABLE (entry);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_drop_reason_response_cb), request,
                         (GClosureNotify) (void (*) (void)) drop_request_free, 0);

  g_set_weak_pointer (&self->dialog, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ------------------------------------------------------------------------------------------ */
/* Keyboard                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static GtkWidget *
sibling_card (GtkWidget *row,
              gboolean   next)
{
  for (GtkWidget *w = next ? gtk_widget_get_next_sibling (row) : gtk_widget_get_prev_sibling (row);
       w != NULL;
       w = next ? gtk_widget_get_next_sibling (w) : gtk_widget_get_prev_sibling (w))
    {
      if (measure_of_row (w) != NULL)
        return w;
    }

  return NULL;
}

static void
clear_pending (PmActionBoard *self)
{
  g_clear_handle_id (&self->pending_source, g_source_remove);
  g_clear_object (&self->pending);
  g_clear_pointer (&self->pending_status, g_free);
}

/* Makes the pending keyboard move, as one change (or asks for the reason of a drop first). */
static void
commit_pending (PmActionBoard *self)
{
  g_autoptr(PmMeasure) measure = g_steal_pointer (&self->pending);
  g_autofree char *status = g_steal_pointer (&self->pending_status);

  clear_pending (self);
  if (measure == NULL)
    return;

  g_free (self->focus_id);
  self->focus_id = g_strdup (pm_measure_get_id (measure));
  queue_rebuild (self);
  /* Removed (by undo, or someone else's change) while it was pending. */
  if (self->document == NULL
      || index_of (pm_document_get_measures (self->document), measure) == G_MAXUINT)
    return;
  if (g_strcmp0 (status, pm_measure_get_status (measure)) != 0)
    pm_action_board_request_move (self, measure, status, NULL, FALSE);
}

static gboolean
pending_settled_cb (gpointer data)
{
  PmActionBoard *self = data;

  self->pending_source = 0;
  commit_pending (self);
  return G_SOURCE_REMOVE;
}

static void
on_key_released_cb (GtkEventControllerKey *controller,
                    guint                  keyval,
                    guint                  keycode,
                    GdkModifierType        state,
                    PmActionBoard         *self)
{
  if (self->pending != NULL && (keyval == GDK_KEY_Alt_L || keyval == GDK_KEY_Alt_R
                                || keyval == GDK_KEY_Meta_L || keyval == GDK_KEY_Meta_R))
    commit_pending (self);
}

/* "board.move-card" with "left", "right" (status), "up", "down" (priority): moves the card
 * that has the focus. Bound to Alt+arrows. A status move is pending until it settles. */
static void
move_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *args)
{
  PmActionBoard *self = PM_ACTION_BOARD (widget);
  GtkWidget *card = get_focused_card (self);
  PmMeasure *measure = measure_of_row (card);
  const char *direction = g_variant_get_string (args, NULL);

  if (measure == NULL || !is_editable (self))
    return;

  if (g_str_equal (direction, "up") || g_str_equal (direction, "down"))
    {
      gboolean down = g_str_equal (direction, "down");
      GtkWidget *other;

      if (self->pending != NULL)
        {
          commit_pending (self);
          _pm_action_board_flush (self);
          card = get_focused_card (self);
          measure = measure_of_row (card);
          if (measure == NULL || self->dialog != NULL)
            return;
        }
      other = sibling_card (card, down);
      if (other != NULL)
        move_measure (self, measure, NULL, measure_of_row (other), down, NULL);
      else
        gtk_widget_error_bell (widget);
      return;
    }
  else
    {
      const char * const *known = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_STATUS);
      const char *status;
      guint n = g_strv_length ((char **) known);
      int pos = -1;
      int target;

      if (self->pending != NULL && self->pending != measure)
        commit_pending (self);
      status = shown_status (self, measure);
      for (guint i = 0; i < n; i++)
        if (g_strcmp0 (known[i], status) == 0)
          pos = (int) i;

      if (g_str_equal (direction, "right"))
        target = pos < 0 ? -1 : pos + 1;
      else
        target = pos < 0 ? (int) n - 1 : pos - 1;   /* an unknown status sits after the known */

      if (target < 0 || target >= (int) n)
        {
          gtk_widget_error_bell (widget);
          return;
        }

      if (self->pending == NULL)
        g_set_object (&self->pending, measure);
      g_free (self->pending_status);
      self->pending_status = g_strdup (known[target]);
      g_clear_handle_id (&self->pending_source, g_source_remove);
      self->pending_source = g_timeout_add (SETTLE_MS, pending_settled_cb, self);

      g_free (self->focus_id);
      self->focus_id = g_strdup (pm_measure_get_id (measure));
      _pm_action_board_flush (self);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Side panel                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static void
set_entry_text (GtkEditable *editable,
                const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text != NULL ? text : "") != 0)
    gtk_editable_set_text (editable, text != NULL ? text : "");
}

static gboolean
valid_date (const char *text)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return pm_due_days_left (text, now, NULL, NULL);
}

static void
on_entry_changed_cb (GtkEditable   *editable,
                     PmActionBoard *self)
{
  const char *property = g_object_get_data (G_OBJECT (editable), "pm-property");
  g_autofree char *text = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->syncing || self->selected == NULL || !is_editable (self))
    return;

  text = g_strdup (gtk_editable_get_text (editable));

  if (g_str_equal (property, "due"))
    {
      g_strstrip (text);
      if (text[0] != '\0' && !valid_date (text))
        {
          gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, nonempty (text));
    }
  else if (g_str_equal (property, "cost-amount"))
    {
      gint64 amount;

      g_strstrip (text);
      /* as shown elsewhere: "12,000" or "12.000" */
      if (!pm_figures_parse_number (text, &amount, NULL))
        {
          gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
          return;
        }
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      g_value_init (&value, G_TYPE_INT64);
      g_value_set_int64 (&value, amount);
    }
  else
    {
      g_value_init (&value, G_TYPE_STRING);
      /* The title is required in the file: keep it a string, even empty. */
      g_value_set_string (&value, g_str_equal (property, "title") ? text : nonempty (text));
    }

  pm_document_set_value_merging (self->document, self->selected, property, &value);
}

static void
on_description_changed_cb (GtkTextBuffer *buffer,
                           PmActionBoard *self)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->syncing || self->selected == NULL || !is_editable (self))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, nonempty (text));
  pm_document_set_value_merging (self->document, self->selected, "description", &value);
}

static void
on_summary_active_cb (GtkSwitch     *sw,
                      GParamSpec    *pspec,
                      PmActionBoard *self)
{
  if (self->syncing || self->selected == NULL || !is_editable (self))
    return;

  pm_document_set (self->document, self->selected, "summary", gtk_switch_get_active (sw), NULL);
}

static void
on_confidential_active_cb (GtkSwitch     *sw,
                           GParamSpec    *pspec,
                           PmActionBoard *self)
{
  if (self->syncing || self->selected == NULL || !is_editable (self))
    return;

  pm_document_set (self->document, self->selected, "confidential", gtk_switch_get_active (sw), NULL);
}

static void
on_owner_selected_cb (AdwComboRow   *row,
                      GParamSpec    *pspec,
                      PmActionBoard *self)
{
  guint pos = adw_combo_row_get_selected (row);
  g_autofree char *value = NULL;

  if (self->syncing || self->selected == NULL || !is_editable (self)
      || pos >= self->owner_row_values->len)
    return;

  /* A copy: the first change puts the panel back, which refills the list. */
  value = g_strdup (g_ptr_array_index (self->owner_row_values, pos));
  if (g_str_equal (value, OWNER_OUTSIDE))
    {
      /* Someone outside the room decides: no owner, the escalation names who. */
      pm_document_set (self->document, self->selected, "owner", NULL, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->escalation_row), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->escalation_row));
      return;
    }

  pm_document_begin_change (self->document, _("Change Owner"));
  pm_document_set (self->document, self->selected, "owner", nonempty (value), NULL);
  if (value[0] != '\0')
    pm_document_set (self->document, self->selected, "escalation", NULL, NULL);
  pm_document_end_change (self->document);
}

static void
on_kind_selected_cb (AdwComboRow   *row,
                     GParamSpec    *pspec,
                     PmActionBoard *self)
{
  guint pos = adw_combo_row_get_selected (row);
  const char * const *kinds = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_KIND);
  const char *current;

  if (self->syncing || self->selected == NULL || !is_editable (self))
    return;

  current = pm_measure_get_kind (self->selected);
  if (pos == 0)
    pm_document_set (self->document, self->selected, "kind", NULL, NULL);
  else if (pos - 1 < g_strv_length ((char **) kinds))
    pm_document_set (self->document, self->selected, "kind", kinds[pos - 1], NULL);
  else if (current != NULL)
    return;  /* the unknown kind the file holds, kept */
}

static void
on_status_selected_cb (AdwComboRow   *row,
                       GParamSpec    *pspec,
                       PmActionBoard *self)
{
  guint pos = adw_combo_row_get_selected (row);

  if (self->syncing || self->selected == NULL || !is_editable (self)
      || pos >= self->status_row_values->len)
    return;

  pm_action_board_request_move (self, self->selected,
                                g_ptr_array_index (self->status_row_values, pos), NULL, FALSE);
  /* A cancelled drop leaves the status as it was: show that, once the choice is made. */
  queue_rebuild (self);
}

static void
on_cause_toggled_cb (GtkCheckButton *check,
                     PmActionBoard  *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) causes = NULL;

  if (self->syncing || self->selected == NULL || !is_editable (self))
    return;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->cause_checks->len; i++)
    {
      GtkCheckButton *c = g_ptr_array_index (self->cause_checks, i);

      if (gtk_check_button_get_active (c))
        g_strv_builder_add (builder, g_object_get_data (G_OBJECT (c), "pm-id"));
    }
  causes = g_strv_builder_end (builder);
  pm_document_set (self->document, self->selected, "root-causes",
                   causes[0] != NULL ? causes : NULL, NULL);
}

static void on_close_panel_clicked_cb (PmActionBoard *self);

static gboolean
close_panel_shortcut (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  on_close_panel_clicked_cb (user_data);
  return TRUE;
}

static void
on_close_panel_clicked_cb (PmActionBoard *self)
{
  PmMeasure *measure = self->selected;

  if (measure != NULL)
    {
      g_free (self->focus_id);
      self->focus_id = g_strdup (pm_measure_get_id (measure));
    }
  pm_action_board_select (self, NULL);
  queue_rebuild (self);
}

static void
on_remove_clicked_cb (PmActionBoard *self)
{
  g_autoptr(PmMeasure) measure = NULL;

  if (self->selected == NULL || !is_editable (self))
    return;

  measure = g_object_ref (self->selected);
  pm_action_board_select (self, NULL);
  pm_document_remove (self->document, pm_document_get_measures (self->document), measure);
}

static AdwEntryRow *
add_entry_row (PmActionBoard       *self,
               AdwPreferencesGroup *group,
               const char          *title,
               const char          *tooltip,
               const char          *property)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (row, tooltip);
  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  g_object_set_data (G_OBJECT (row), "pm-property", (gpointer) property);
  g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed_cb), self);
  adw_preferences_group_add (group, row);
  return ADW_ENTRY_ROW (row);
}

static AdwComboRow *
add_combo_row (AdwPreferencesGroup *group,
               const char          *title,
               GtkStringList       *labels)
{
  GtkWidget *row = adw_combo_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));
  adw_preferences_group_add (group, row);
  return ADW_COMBO_ROW (row);
}

static void
build_editor (PmActionBoard *self)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  AdwPreferencesGroup *what = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *who = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *cost = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *history = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *description_frame = gtk_frame_new (NULL);
  GtkWidget *description_label = gtk_label_new (_("Description"));
  GtkWidget *summary_row = adw_action_row_new ();
  GtkWidget *confidential_row;
  GtkStringList *kind_labels = gtk_string_list_new (NULL);
  const char * const *kinds = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_KIND);
  GtkWidget *remove = gtk_button_new_with_mnemonic (_("_Remove Measure"));

  pm_accessible_name_buttons (remove);

  self->editor_heading = GTK_LABEL (gtk_label_new (_("Measure")));
  gtk_label_set_xalign (self->editor_heading, 0);
  gtk_label_set_wrap (self->editor_heading, TRUE);
  gtk_label_set_wrap_mode (self->editor_heading, PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (GTK_WIDGET (self->editor_heading), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->editor_heading), "title-3");
  gtk_widget_set_tooltip_text (close, _("Close the side panel"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Close Measure"), -1);
  gtk_widget_add_css_class (close, "flat");
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (on_close_panel_clicked_cb), self);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->editor_heading));
  gtk_box_append (GTK_BOX (header), close);
  gtk_box_append (self->editor_box, header);

  /* What */
  self->title_row = add_entry_row (self, what, _("Measure Title"), NULL, "title");
  gtk_string_list_append (kind_labels, _("Kind not set"));
  for (guint i = 0; kinds[i] != NULL; i++)
    gtk_string_list_append (kind_labels, pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_KIND, kinds[i]));
  self->kind_row = add_combo_row (what, _("Kind"), kind_labels);
  g_object_unref (kind_labels);
  g_signal_connect (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected_cb), self);
  self->status_row_labels = gtk_string_list_new (NULL);
  self->status_row_values = g_ptr_array_new_with_free_func (g_free);
  self->status_row = add_combo_row (what, _("Status"), self->status_row_labels);
  g_signal_connect (self->status_row, "notify::selected", G_CALLBACK (on_status_selected_cb), self);
  self->drop_reason_row = add_entry_row (self, what, _("Reason for Dropping"), NULL, "drop-reason");
  self->due_row = add_entry_row (self, what, _("Due Date"),
                                 _("A date such as 2025-03-31; empty when there is none"), "due");
  self->ticket_key_row = add_entry_row (self, what, _("Ticket"), _("The ticket's key, for example SEC-1234"),
                                        "ticket-key");
  self->ticket_url_row = add_entry_row (self, what, _("Ticket Link"), NULL, "ticket-url");
  gtk_box_append (self->editor_box, GTK_WIDGET (what));

  /* Who */
  adw_preferences_group_set_title (who, _("Owner"));
  adw_preferences_group_set_description (who, _("Someone who attended commits to it; what is "
                                                "beyond the room’s authority goes to the people "
                                                "who can decide."));
  self->owner_row_labels = gtk_string_list_new (NULL);
  self->owner_row_values = g_ptr_array_new_with_free_func (g_free);
  self->owner_row = add_combo_row (who, _("Owner"), self->owner_row_labels);
  g_signal_connect (self->owner_row, "notify::selected", G_CALLBACK (on_owner_selected_cb), self);
  self->escalation_row = add_entry_row (self, who, _("Decision Needed By"),
                                        _("Who outside the room has to decide, for example the "
                                          "leadership team"), "escalation");
  gtk_box_append (self->editor_box, GTK_WIDGET (who));

  /* Root causes */
  self->causes_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->causes_group, _("Root Causes"));
  self->cause_checks = g_ptr_array_new ();
  gtk_box_append (self->editor_box, GTK_WIDGET (self->causes_group));

  /* Proportionality */
  adw_preferences_group_set_title (cost, _("Effort and Benefit"));
  adw_preferences_group_set_description (cost, _("Whether the measure is worth what it costs."));
  self->effort_row = add_entry_row (self, cost, _("Effort"), _("For example 3 person-days"), "effort");
  self->cost_amount_row = add_entry_row (self, cost, _("Cost"), _("A whole amount without the currency, e.g. 12,000"),
                                         "cost-amount");
  self->cost_currency_row = add_entry_row (self, cost, _("Currency"), _("For example EUR"), "cost-currency");
  self->benefit_row = add_entry_row (self, cost, _("Expected Benefit"), NULL, "benefit");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (summary_row), _("In the Manager Summary"));
  self->summary_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->summary_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->summary_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("In the Manager Summary"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (summary_row), GTK_WIDGET (self->summary_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (summary_row), GTK_WIDGET (self->summary_switch));
  pm_accessible_keep_own_name (GTK_WIDGET (self->summary_switch));
  g_signal_connect (self->summary_switch, "notify::active", G_CALLBACK (on_summary_active_cb), self);
  adw_preferences_group_add (cost, summary_row);
  confidential_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (confidential_row), _("Team Only"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (confidential_row),
                               _("Internal to the team, never in the manager summary"));
  self->confidential_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->confidential_switch), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->confidential_switch),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Team Only"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (confidential_row), GTK_WIDGET (self->confidential_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (confidential_row),
                                         GTK_WIDGET (self->confidential_switch));
  pm_accessible_keep_own_name (GTK_WIDGET (self->confidential_switch));
  g_signal_connect (self->confidential_switch, "notify::active",
                    G_CALLBACK (on_confidential_active_cb), self);
  adw_preferences_group_add (cost, confidential_row);
  gtk_box_append (self->editor_box, GTK_WIDGET (cost));

  /* Description */
  gtk_label_set_xalign (GTK_LABEL (description_label), 0);
  gtk_widget_add_css_class (description_label, "heading");
  gtk_box_append (self->editor_box, description_label);
  self->description_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->description_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->description_view, 8);
  gtk_text_view_set_bottom_margin (self->description_view, 8);
  gtk_text_view_set_left_margin (self->description_view, 8);
  gtk_text_view_set_right_margin (self->description_view, 8);
  gtk_widget_set_size_request (GTK_WIDGET (self->description_view), -1, 96);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (self->description_view), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->description_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Description"), -1);
  pm_accessible_keep_own_name (GTK_WIDGET (self->description_view));
  g_signal_connect (gtk_text_view_get_buffer (self->description_view), "changed",
                    G_CALLBACK (on_description_changed_cb), self);
  gtk_frame_set_child (GTK_FRAME (description_frame), GTK_WIDGET (self->description_view));
  gtk_box_append (self->editor_box, description_frame);

  /* History */
  adw_preferences_group_set_title (history, _("Status History"));
  self->history_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->history_list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->history_list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->history_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Status History"), -1);
  adw_preferences_group_add (history, GTK_WIDGET (self->history_list));
  gtk_box_append (self->editor_box, GTK_WIDGET (history));

  gtk_widget_add_css_class (remove, "destructive-action");
  gtk_widget_set_halign (remove, GTK_ALIGN_START);
  g_signal_connect_swapped (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  gtk_box_append (self->editor_box, remove);
}

static void
sync_choices (PmActionBoard *self)
{
  PmMeasure *m = self->selected;
  const char * const *statuses = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_STATUS);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GListModel *participants = pm_document_get_participants (self->document);
  const char *owner = pm_measure_get_owner (m);
  const char *status = pm_measure_get_status (m);
  const char *kind = pm_measure_get_kind (m);
  const char * const *kinds = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_KIND);
  guint owner_pos = 0;
  guint status_pos = 0;
  guint kind_pos = 0;

  /* Owner: the participants who attended, and the current owner whoever it is. */
  g_ptr_array_set_size (self->owner_row_values, 0);
  g_ptr_array_add (self->owner_row_values, g_strdup (""));
  g_ptr_array_add (labels, _("Nobody yet"));
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PmParticipant) p = g_list_model_get_item (participants, i);
      const char *id = pm_participant_get_id (p);
      const char *name = nonempty (pm_participant_get_name (p));

      if (!pm_participant_get_attended (p) && g_strcmp0 (owner, id) != 0)
        continue;
      if (g_strcmp0 (owner, id) == 0)
        owner_pos = self->owner_row_values->len;
      g_ptr_array_add (self->owner_row_values, g_strdup (id));
      g_ptr_array_add (labels, (char *) (name != NULL ? name : id));
    }
  if (nonempty (pm_measure_get_escalation (m)) != NULL && owner == NULL)
    owner_pos = self->owner_row_values->len;
  g_ptr_array_add (self->owner_row_values, g_strdup (OWNER_OUTSIDE));
  g_ptr_array_add (labels, _("Someone Outside the Room"));
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->owner_row_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->owner_row_labels)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (self->owner_row, owner_pos);

  /* Status: the known ones, and an unknown one the file holds, shown as it is. */
  g_ptr_array_set_size (labels, 0);
  g_ptr_array_set_size (self->status_row_values, 0);
  for (guint i = 0; statuses[i] != NULL; i++)
    {
      if (g_strcmp0 (status, statuses[i]) == 0)
        status_pos = i;
      g_ptr_array_add (self->status_row_values, g_strdup (statuses[i]));
      g_ptr_array_add (labels, (char *) pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS,
                                                                 statuses[i]));
    }
  if (status != NULL && !pm_vocabulary_contains (PM_VOCABULARY_MEASURE_STATUS, status))
    {
      status_pos = self->status_row_values->len;
      g_ptr_array_add (self->status_row_values, g_strdup (status));
      g_ptr_array_add (labels, (char *) status);
    }
  g_ptr_array_add (labels, NULL);
  gtk_string_list_splice (self->status_row_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->status_row_labels)),
                          (const char * const *) labels->pdata);
  adw_combo_row_set_selected (self->status_row, status_pos);

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      kind_pos = i + 1;
  adw_combo_row_set_selected (self->kind_row, kind_pos);
}

static void
sync_causes (PmActionBoard *self)
{
  GListModel *causes = pm_document_get_root_causes (self->document);
  const char * const *chosen = pm_measure_get_root_causes (self->selected);

  for (guint i = 0; i < self->cause_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->cause_checks, i);

      adw_preferences_group_remove (self->causes_group,
                                    gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW));
    }
  g_ptr_array_set_size (self->cause_checks, 0);

  for (guint i = 0; i < g_list_model_get_n_items (causes); i++)
    {
      g_autoptr(PmRootCause) rc = g_list_model_get_item (causes, i);
      const char *title = nonempty (pm_root_cause_get_title (rc));
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     title != NULL ? title : pm_root_cause_get_id (rc));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title != NULL ? title : pm_root_cause_get_id (rc), -1);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   strv_contains (chosen, pm_root_cause_get_id (rc)));
      g_object_set_data_full (G_OBJECT (check), "pm-id", g_strdup (pm_root_cause_get_id (rc)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (on_cause_toggled_cb), self);
      adw_preferences_group_add (self->causes_group, row);
      g_ptr_array_add (self->cause_checks, check);
    }
  adw_preferences_group_set_description (self->causes_group,
                                         g_list_model_get_n_items (causes) == 0
                                         ? _("No root causes yet.") : NULL);
}

static void
sync_history (PmActionBoard *self)
{
  GListModel *history = pm_measure_get_history (self->selected);
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (self->document);
  GtkWidget *child;
  guint n = g_list_model_get_n_items (history);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No status changes yet"));
      gtk_list_box_append (self->history_list, row);
      return;
    }

  /* Newest first. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PmStatusChange) change = g_list_model_get_item (history, i - 1);
      const char *from = nonempty (pm_status_change_get_from (change));
      const char *to = pm_status_change_get_to (change);
      g_autofree char *when = pm_time_format (pm_status_change_get_time (change), zone, FALSE);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      const char *note = nonempty (pm_status_change_get_note (change));
      GtkWidget *row = adw_action_row_new ();

      if (from != NULL)
        title = g_strdup_printf (_("%s → %s"),
                                 pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS, from),
                                 pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS, to));
      else
        title = g_strdup (pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS, to));
      subtitle = note != NULL ? g_strdup_printf ("%s — %s", when, note) : g_strdup (when);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->history_list, row);
    }
}

static void
sync_editor (PmActionBoard *self)
{
  PmMeasure *m = self->selected;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *description = NULL;
  g_autofree char *amount = NULL;
  gboolean editable = is_editable (self);

  gboolean was_syncing = self->syncing;

  if (m == NULL || self->document == NULL)
    return;

  self->syncing = TRUE;

  gtk_label_set_text (self->editor_heading, measure_title (m));
  set_entry_text (GTK_EDITABLE (self->title_row), pm_measure_get_title (m));
  set_entry_text (GTK_EDITABLE (self->escalation_row), pm_measure_get_escalation (m));
  set_entry_text (GTK_EDITABLE (self->drop_reason_row), pm_measure_get_drop_reason (m));
  if (!gtk_widget_has_css_class (GTK_WIDGET (self->due_row), "error")
      || !gtk_widget_has_focus (GTK_WIDGET (self->due_row)))
    {
      set_entry_text (GTK_EDITABLE (self->due_row), pm_measure_get_due (m));
      gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "error");
    }
  set_entry_text (GTK_EDITABLE (self->ticket_key_row), pm_measure_get_ticket_key (m));
  set_entry_text (GTK_EDITABLE (self->ticket_url_row), pm_measure_get_ticket_url (m));
  set_entry_text (GTK_EDITABLE (self->effort_row), pm_measure_get_effort (m));
  amount = pm_measure_get_cost_amount (m) >= 0
           ? g_strdup_printf ("%" G_GINT64_FORMAT, pm_measure_get_cost_amount (m)) : NULL;
  {
    gint64 shown;

    /* "12,000" being typed stays as it is */
    if (!gtk_widget_has_css_class (GTK_WIDGET (self->cost_amount_row), "error") &&
        (!pm_figures_parse_number (gtk_editable_get_text (GTK_EDITABLE (self->cost_amount_row)),
                                   &shown, NULL) ||
         shown != pm_measure_get_cost_amount (m)))
      set_entry_text (GTK_EDITABLE (self->cost_amount_row), amount);
  }
  set_entry_text (GTK_EDITABLE (self->cost_currency_row), pm_measure_get_cost_currency (m));
  set_entry_text (GTK_EDITABLE (self->benefit_row), pm_measure_get_benefit (m));
  gtk_switch_set_active (self->summary_switch, pm_measure_get_summary (m));
  gtk_switch_set_active (self->confidential_switch, pm_measure_get_confidential (m));

  buffer = gtk_text_view_get_buffer (self->description_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  description = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (description, pm_measure_get_description (m) != NULL
                 ? pm_measure_get_description (m) : "") != 0)
    gtk_text_buffer_set_text (buffer, pm_measure_get_description (m) != NULL
                              ? pm_measure_get_description (m) : "", -1);

  sync_choices (self);
  sync_causes (self);
  sync_history (self);

  gtk_widget_set_visible (GTK_WIDGET (self->drop_reason_row),
                          g_strcmp0 (pm_measure_get_status (m), "dropped") == 0
                          || nonempty (pm_measure_get_drop_reason (m)) != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->escalation_row),
                          pm_measure_get_owner (m) == NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->editor_box), TRUE);
  for (GtkWidget *w = gtk_widget_get_next_sibling (gtk_widget_get_first_child (GTK_WIDGET (self->editor_box)));
       w != NULL; w = gtk_widget_get_next_sibling (w))
    gtk_widget_set_sensitive (w, editable);

  self->syncing = was_syncing;
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
on_add_clicked_cb (PmActionBoard *self)
{
  pm_action_board_add_measure (self, NULL);
}

static void
on_filter_changed_cb (PmActionBoard *self)
{
  queue_rebuild (self);
}

static void
on_read_only_cb (PmActionBoard *self)
{
  queue_rebuild (self);
  sync_editor (self);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_action_board_dispose (GObject *object)
{
  PmActionBoard *self = (PmActionBoard *)object;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  clear_pending (self);
  if (self->watched != NULL)
    unwatch_all (self);
  if (self->measures_signals != NULL)
    g_signal_group_set_target (self->measures_signals, NULL);
  if (self->participants_signals != NULL)
    g_signal_group_set_target (self->participants_signals, NULL);
  if (self->causes_signals != NULL)
    g_signal_group_set_target (self->causes_signals, NULL);
  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  g_clear_weak_pointer (&self->dialog);

  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_ACTION_BOARD);

  g_clear_object (&self->measures_signals);
  g_clear_object (&self->participants_signals);
  g_clear_object (&self->causes_signals);
  g_clear_object (&self->selected);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pm_action_board_parent_class)->dispose (object);
}

static void
pm_action_board_finalize (GObject *object)
{
  PmActionBoard *self = (PmActionBoard *)object;

  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_hash_table_unref);
  g_clear_pointer (&self->owner_values, g_ptr_array_unref);
  g_clear_pointer (&self->cause_values, g_ptr_array_unref);
  g_clear_pointer (&self->owner_row_values, g_ptr_array_unref);
  g_clear_pointer (&self->status_row_values, g_ptr_array_unref);
  g_clear_pointer (&self->cause_checks, g_ptr_array_unref);
  g_clear_object (&self->owner_labels);
  g_clear_object (&self->cause_labels);
  g_clear_object (&self->owner_row_labels);
  g_clear_object (&self->status_row_labels);
  g_clear_pointer (&self->now, g_date_time_unref);
  g_clear_pointer (&self->focus_id, g_free);

  G_OBJECT_CLASS (pm_action_board_parent_class)->finalize (object);
}

static void
pm_action_board_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PmActionBoard *self = PM_ACTION_BOARD (object);

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
pm_action_board_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PmActionBoard *self = PM_ACTION_BOARD (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pm_action_board_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_action_board_class_init (PmActionBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_action_board_dispose;
  object_class->finalize = pm_action_board_finalize;
  object_class->get_property = pm_action_board_get_property;
  object_class->set_property = pm_action_board_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-action-board.ui");
  gtk_widget_class_bind_template_child (widget_class, PmActionBoard, add_button);
  gtk_widget_class_bind_template_child (widget_class, PmActionBoard, cause_filter);
  gtk_widget_class_bind_template_child (widget_class, PmActionBoard, columns_box);
  gtk_widget_class_bind_template_child (widget_class, PmActionBoard, count_label);
  gtk_widget_class_bind_template_child (widget_class, PmActionBoard, editor_box);
  gtk_widget_class_bind_template_child (widget_class, PmActionBoard, editor_scroller);
  gtk_widget_class_bind_template_child (widget_class, PmActionBoard, flap);
  gtk_widget_class_bind_template_child (widget_class, PmActionBoard, group_button);
  gtk_widget_class_bind_template_child (widget_class, PmActionBoard, overdue_button);
  gtk_widget_class_bind_template_child (widget_class, PmActionBoard, owner_filter);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);

  gtk_widget_class_install_action (widget_class, "board.move-card", "s", move_card_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "board.move-card", "s", "left");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "board.move-card", "s", "right");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "board.move-card", "s", "up");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "board.move-card", "s", "down");
}

static void
pm_action_board_init (PmActionBoard *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  pm_accessible_name_buttons (GTK_WIDGET (self));

  /* Releasing Alt ends a keyboard move through the columns. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-released", G_CALLBACK (on_key_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  /* Escape in the measure's side panel closes it, once the focused field had its say. */
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_callback_action_new (close_panel_shortcut, self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->editor_box), shortcuts);
  }

  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->owner_values = g_ptr_array_new_with_free_func (g_free);
  self->cause_values = g_ptr_array_new_with_free_func (g_free);
  self->owner_labels = gtk_string_list_new (NULL);
  self->cause_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->owner_filter, G_LIST_MODEL (self->owner_labels));
  gtk_drop_down_set_model (self->cause_filter, G_LIST_MODEL (self->cause_labels));
  update_filters (self);

  g_signal_connect_object (self->owner_filter, "notify::selected",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cause_filter, "notify::selected",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->overdue_button, "toggled",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->group_button, "toggled",
                           G_CALLBACK (on_filter_changed_cb), self, G_CONNECT_SWAPPED);

  self->measures_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->measures_signals, "items-changed",
                                 G_CALLBACK (on_list_changed_cb), self, G_CONNECT_SWAPPED);
  self->participants_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->participants_signals, "items-changed",
                                 G_CALLBACK (on_list_changed_cb), self, G_CONNECT_SWAPPED);
  self->causes_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->causes_signals, "items-changed",
                                 G_CALLBACK (on_list_changed_cb), self, G_CONNECT_SWAPPED);

  build_editor (self);
  rebuild (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Private API                                                                                */
/* ------------------------------------------------------------------------------------------ */

void
_pm_action_board_set_now (PmActionBoard *self,
                          GDateTime     *now)
{
  g_clear_pointer (&self->now, g_date_time_unref);
  if (now != NULL)
    self->now = g_date_time_ref (now);
  queue_rebuild (self);
}

AdwMessageDialog *
_pm_action_board_get_dialog (PmActionBoard *self)
{
  return self->dialog;
}

GtkWidget *
_pm_action_board_get_column (PmActionBoard *self,
                             const char    *key)
{
  return g_hash_table_lookup (self->columns, key);
}

GtkWidget *
_pm_action_board_get_card (PmActionBoard *self,
                           PmMeasure     *measure)
{
  GHashTableIter iter;
  gpointer list;

  g_hash_table_iter_init (&iter, self->columns);
  while (g_hash_table_iter_next (&iter, NULL, &list))
    {
      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL;
           row = gtk_widget_get_next_sibling (row))
        {
          if (measure_of_row (row) == measure)
            return row;
        }
    }

  return NULL;
}

gboolean
_pm_action_board_drop (PmActionBoard *self,
                       GtkWidget     *column,
                       PmMeasure     *measure,
                       double         y)
{
  const char *status = g_object_get_data (G_OBJECT (column), "pm-status");
  GtkListBoxRow *row;
  PmMeasure *anchor = NULL;
  gboolean after = FALSE;

  if (self->document == NULL || !is_editable (self)
      || index_of (pm_document_get_measures (self->document), measure) == G_MAXUINT)
    return FALSE;
  /* Cards only go to the statuses this version knows. */
  if (status != NULL && !pm_vocabulary_contains (PM_VOCABULARY_MEASURE_STATUS, status))
    return FALSE;

  row = gtk_list_box_get_row_at_y (GTK_LIST_BOX (column), (int) y);
  if (row != NULL && measure_of_row (GTK_WIDGET (row)) != NULL)
    {
      graphene_rect_t bounds;

      anchor = measure_of_row (GTK_WIDGET (row));
      if (gtk_widget_compute_bounds (GTK_WIDGET (row), column, &bounds))
        after = y > bounds.origin.y + bounds.size.height / 2;
    }
  else
    {
      /* Below the last card: after it. */
      GtkWidget *last = gtk_widget_get_last_child (column);

      while (last != NULL && measure_of_row (last) == NULL)
        last = gtk_widget_get_prev_sibling (last);
      if (last != NULL)
        {
          anchor = measure_of_row (last);
          after = TRUE;
        }
    }

  pm_action_board_request_move (self, measure, status, anchor, after);
  return TRUE;
}

void
_pm_action_board_flush (PmActionBoard *self)
{
  rebuild (self);
}

void
_pm_action_board_settle (PmActionBoard *self)
{
  commit_pending (self);
}

GtkWidget *
_pm_action_board_get_editor (PmActionBoard *self,
                             const char    *what)
{
  if (g_str_equal (what, "title"))
    return GTK_WIDGET (self->title_row);
  if (g_str_equal (what, "status"))
    return GTK_WIDGET (self->status_row);
  if (g_str_equal (what, "owner"))
    return GTK_WIDGET (self->owner_row);
  if (g_str_equal (what, "due"))
    return GTK_WIDGET (self->due_row);
  if (g_str_equal (what, "history"))
    return GTK_WIDGET (self->history_list);
  if (g_str_equal (what, "flap"))
    return GTK_WIDGET (self->flap);
  return NULL;
}

void
_pm_action_board_set_filters (PmActionBoard *self,
                              const char    *owner,
                              const char    *root_cause,
                              gboolean       overdue_only,
                              gboolean       grouped)
{
  guint owner_pos = 0;
  guint cause_pos = 0;

  for (guint i = 0; owner != NULL && i < self->owner_values->len; i++)
    if (g_str_equal (g_ptr_array_index (self->owner_values, i), owner))
      owner_pos = i;
  for (guint i = 0; root_cause != NULL && i < self->cause_values->len; i++)
    if (g_str_equal (g_ptr_array_index (self->cause_values, i), root_cause))
      cause_pos = i;

  gtk_drop_down_set_selected (self->owner_filter, owner_pos);
  gtk_drop_down_set_selected (self->cause_filter, cause_pos);
  gtk_toggle_button_set_active (self->overdue_button, overdue_only);
  gtk_toggle_button_set_active (self->group_button, grouped);
  rebuild (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_action_board_new (void)
{
  return g_object_new (PM_TYPE_ACTION_BOARD, NULL);
}

PmDocument *
pm_action_board_get_document (PmActionBoard *self)
{
  g_return_val_if_fail (PM_IS_ACTION_BOARD (self), NULL);

  return self->document;
}

void
pm_action_board_set_document (PmActionBoard *self,
                              PmDocument    *document)
{
  g_return_if_fail (PM_IS_ACTION_BOARD (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  clear_pending (self);
  pm_action_board_select (self, NULL);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_func (self->document, on_read_only_cb, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "notify::read-only", G_CALLBACK (on_read_only_cb), self,
                             G_CONNECT_SWAPPED);
  g_signal_group_set_target (self->measures_signals,
                             document != NULL ? pm_document_get_measures (document) : NULL);
  g_signal_group_set_target (self->participants_signals,
                             document != NULL ? pm_document_get_participants (document) : NULL);
  g_signal_group_set_target (self->causes_signals,
                             document != NULL ? pm_document_get_root_causes (document) : NULL);
  gtk_drop_down_set_selected (self->owner_filter, 0);
  gtk_drop_down_set_selected (self->cause_filter, 0);
  gtk_toggle_button_set_active (self->overdue_button, FALSE);
  rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

PmMeasure *
pm_action_board_get_selected (PmActionBoard *self)
{
  g_return_val_if_fail (PM_IS_ACTION_BOARD (self), NULL);

  return self->selected;
}

void
pm_action_board_select (PmActionBoard *self,
                        PmMeasure     *measure)
{
  g_return_if_fail (PM_IS_ACTION_BOARD (self));
  g_return_if_fail (measure == NULL || PM_IS_MEASURE (measure));

  /* Another measure opens at its top, not where the last one was scrolled to. */
  if (measure != self->selected)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->editor_scroller), 0);
  g_set_object (&self->selected, measure);
  pm_flap_reveal (self->flap, measure != NULL);
  sync_editor (self);
}

PmMeasure *
pm_action_board_add_measure (PmActionBoard *self,
                             const char    *root_cause_id)
{
  g_autofree char *id = NULL;
  g_autoptr(PmMeasure) measure = NULL;

  g_return_val_if_fail (PM_IS_ACTION_BOARD (self), NULL);

  if (!is_editable (self))
    return NULL;

  id = pm_document_generate_id (self->document, "m");
  measure = pm_measure_new (id);
  pm_measure_set_title (measure, "");
  if (root_cause_id != NULL && root_cause_id[0] != '\0'
      && pm_document_find_root_cause (self->document, root_cause_id) != NULL)
    {
      const char *causes[] = { root_cause_id, NULL };

      pm_measure_set_root_causes (measure, causes);
    }

  /* A filter that would hide the new card is cleared. */
  gtk_drop_down_set_selected (self->owner_filter, 0);
  gtk_drop_down_set_selected (self->cause_filter, 0);
  gtk_toggle_button_set_active (self->overdue_button, FALSE);

  pm_document_append (self->document, pm_document_get_measures (self->document), measure);
  rebuild (self);
  pm_action_board_select (self, measure);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));

  return measure;
}

void
pm_action_board_request_move (PmActionBoard *self,
                              PmMeasure     *measure,
                              const char    *status,
                              PmMeasure     *anchor,
                              gboolean       after)
{
  g_return_if_fail (PM_IS_ACTION_BOARD (self));
  g_return_if_fail (PM_IS_MEASURE (measure));

  if (!is_editable (self))
    return;
  /* A keyboard move still settling is made first, in the order it was asked for. */
  if (self->pending != NULL)
    commit_pending (self);

  /* The dialog and the move outlive a status string borrowed from a widget. */
  if (g_strcmp0 (status, "dropped") == 0
      && g_strcmp0 (pm_measure_get_status (measure), "dropped") != 0)
    {
      ask_drop_reason (self, measure, anchor, after);
      return;
    }

  move_measure (self, measure, status, anchor, after, NULL);
}
