/* pm-root-causes-page.c — the Root Causes page: the causes, their principles, open questions
 *
 * The page lists the document's root causes (always several), edits the selected one (title,
 * category, description, the events it explains, the measures that address it), shows every
 * root cause against the seven principles in a grid, and lists the open questions: events that
 * contributed or slowed the response which no root cause explains yet. The principle checklist
 * for the selected root cause is a PmPrincipleSidebar in an AdwFlap, which folds into an overlay
 * on a narrow screen.
 *
 * Like every view, the page keeps no copy of the content: edits go through the document, and
 * any change of the document (undo included) refreshes the page from the model in an idle, so
 * that a button that caused the change is not destroyed under its own click.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-accessible.h"

#include <glib/gi18n.h>

#include "pm-flap-reveal.h"
#include "pm-principle-sidebar.h"
#include "pm-root-causes-page.h"
#include "pm-window.h"
#include "pm-time.h"
#include "pm-vocabulary.h"

#define EVENT_LABEL_CHARS 90

struct _PmRootCausesPage
{
  AdwBin               parent_instance;

  PmDocument          *document;
  GSignalGroup        *undo_signals;
  GSignalGroup        *root_cause_signals;
  PmRootCause         *selected;
  GtkStringList       *category_labels;
  /* The undo state right after a deletion, so that the toast's Undo undoes only that. */
  guint64              delete_state;
  guint                refresh_source;
  guint                n_open_questions;

  gboolean             syncing;

  /* Template widgets */
  GtkButton           *add_button;
  GtkButton           *add_measure_button;
  AdwComboRow         *category_row;
  GtkTextView         *description_view;
  AdwPreferencesGroup *details_group;
  AdwPreferencesGroup *events_group;
  GtkListBox          *events_list;
  AdwFlap             *flap;
  GtkGrid             *grid;
  AdwPreferencesGroup *grid_group;
  GtkLabel            *legend_label;
  GtkMenuButton       *link_button;
  GtkListBox          *link_list;
  GtkPopover          *link_popover;
  GtkSearchEntry      *link_search;
  GtkListBox          *list;
  AdwPreferencesGroup *list_group;
  AdwPreferencesGroup *measures_group;
  GtkListBox          *measures_list;
  AdwPreferencesGroup *questions_group;
  GtkListBox          *questions_list;
  GtkScrolledWindow   *scroller;
  PmPrincipleSidebar  *sidebar;
  GtkToggleButton     *sidebar_button;
  AdwEntryRow         *title_row;
};

G_DEFINE_FINAL_TYPE (PmRootCausesPage, pm_root_causes_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void select_root_cause (PmRootCausesPage *self,
                               PmRootCause      *root_cause,
                               gboolean          scroll);
static void refresh (PmRootCausesPage *self);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static const char *
root_cause_title (PmRootCause *root_cause)
{
  const char *title = pm_root_cause_get_title (root_cause);

  return title != NULL && *title ? title : _("Untitled root cause");
}

/* One line of at most EVENT_LABEL_CHARS characters. */
static char *
event_label (PmEvent *event)
{
  const char *text = pm_event_get_text (event);
  g_autofree char *flat = g_strdup (text != NULL && *text ? text : _("Event without text"));

  for (char *p = flat; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  if (g_utf8_strlen (flat, -1) > EVENT_LABEL_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (flat, 0, EVENT_LABEL_CHARS - 1);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&flat);
}

static char *
event_time_text (PmDocument *document,
                 PmEvent    *event)
{
  const PmTime *time = pm_event_get_time (event);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) date_time = NULL;

  if (time == NULL)
    return g_strdup (_("Time not known"));

  zone = pm_document_dup_time_zone (document);
  date_time = pm_time_to_date_time (time, pm_time_get_precision (time) == PM_TIME_PRECISION_DAY
                                          ? NULL : zone);
  if (date_time == NULL)
    return g_strdup ("");
  return g_date_time_format (date_time, pm_time_get_precision (time) == PM_TIME_PRECISION_DAY
                                        ? "%Y-%m-%d" : "%Y-%m-%d %H:%M");
}

static guint
count_assessed (PmRootCause *root_cause)
{
  guint n = 0;

  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    if (g_strcmp0 (pm_assessment_get_verdict (pm_root_cause_get_assessment (root_cause, i)),
                   "not-assessed") != 0)
      n++;
  return n;
}

static gboolean
event_is_explained (PmDocument *document,
                    const char *event_id)
{
  GListModel *root_causes = pm_document_get_root_causes (document);

  for (guint i = 0; i < g_list_model_get_n_items (root_causes); i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);

      if (pm_root_cause_has_event (root_cause, event_id))
        return TRUE;
    }
  return FALSE;
}

static const char *
verdict_icon (const char *verdict)
{
  if (g_strcmp0 (verdict, "contributed") == 0)
    return "dialog-warning-symbolic";
  if (g_strcmp0 (verdict, "held-up") == 0)
    return "emblem-ok-symbolic";
  if (g_strcmp0 (verdict, "not-relevant") == 0)
    return "list-remove-symbolic";
  return "checkbox-symbolic";
}

static void
remove_all_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      /* gtk_list_box_remove_all() is GTK 4.12. */
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else if (GTK_IS_GRID (widget))
        gtk_grid_remove (GTK_GRID (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWidget *
placeholder_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
schedule_refresh (PmRootCausesPage *self);

static gboolean
refresh_idle_cb (gpointer data)
{
  PmRootCausesPage *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (PmRootCausesPage *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb, self, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* The list of root causes                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
update_row (PmRootCausesPage *self,
            GtkWidget        *row)
{
  PmRootCause *root_cause = g_object_get_data (G_OBJECT (row), "pm-root-cause");
  const char *category = pm_root_cause_get_category (root_cause);
  const char * const *events = pm_root_cause_get_events (root_cause);
  guint n_events = events != NULL ? g_strv_length ((char **) events) : 0;
  g_autofree char *assessed = NULL;
  g_autofree char *linked = NULL;
  g_autofree char *subtitle = NULL;

  /* Translators: in a root cause's summary line, e.g. "3 of 7 principles assessed" */
  assessed = g_strdup_printf (_("%u of %u principles assessed"), count_assessed (root_cause),
                              (guint) PM_N_PRINCIPLES);
  linked = g_strdup_printf (ngettext ("%u event", "%u events", n_events), n_events);
  subtitle = g_strdup_printf ("%s · %s · %s",
                              category != NULL && *category
                                ? pm_vocabulary_get_label (PM_VOCABULARY_CATEGORY, category)
                                : _("No category"),
                              assessed, linked);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), root_cause_title (root_cause));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static GtkWidget *
create_row_cb (gpointer item,
               gpointer user_data)
{
  PmRootCausesPage *self = user_data;
  PmRootCause *root_cause = item;
  const char *id = pm_root_cause_get_id (root_cause);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenuItem) up = NULL;
  g_autoptr(GMenuItem) down = NULL;
  g_autoptr(GMenuItem) remove = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  g_object_set (row, "subtitle-lines", 2, "title-lines", 2, NULL);
  g_object_set_data_full (G_OBJECT (row), "pm-root-cause", g_object_ref (root_cause),
                          g_object_unref);

  up = g_menu_item_new (_("Move _Up"), NULL);
  g_menu_item_set_action_and_target_value (up, "root-causes.move-up", g_variant_new_string (id));
  g_menu_item_set_attribute (up, "accel", "s", "<Alt>Up");
  down = g_menu_item_new (_("Move _Down"), NULL);
  g_menu_item_set_action_and_target_value (down, "root-causes.move-down", g_variant_new_string (id));
  g_menu_item_set_attribute (down, "accel", "s", "<Alt>Down");
  remove = g_menu_item_new (_("_Delete"), NULL);
  g_menu_item_set_action_and_target_value (remove, "root-causes.delete", g_variant_new_string (id));
  g_menu_item_set_attribute (remove, "accel", "s", "Delete");
  g_menu_append_item (menu, up);
  g_menu_append_item (menu, down);
  g_menu_append_item (menu, remove);

  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Move or delete this root cause"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Root cause actions"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  update_row (self, row);
  return row;
}

static PmRootCause *
row_root_cause (GtkListBoxRow *row)
{
  return row != NULL ? g_object_get_data (G_OBJECT (row), "pm-root-cause") : NULL;
}

static void
on_row_selected_cb (PmRootCausesPage *self,
                    GtkListBoxRow    *row,
                    GtkListBox       *list)
{
  /* No row: the selected one was removed from the list; on_root_causes_changed_cb() picks
   * its neighbour. */
  if (self->syncing || row == NULL)
    return;
  select_root_cause (self, row_root_cause (row), FALSE);
}

/* The list rebuilt its rows: select the selected root cause's row again. */
static void
reselect_row (PmRootCausesPage *self)
{
  GListModel *model;
  guint position;

  if (self->document == NULL)
    return;

  model = pm_document_get_root_causes (self->document);
  self->syncing = TRUE;
  if (self->selected != NULL && g_list_store_find (G_LIST_STORE (model), self->selected, &position))
    gtk_list_box_select_row (self->list, gtk_list_box_get_row_at_index (self->list, position));
  else
    gtk_list_box_unselect_all (self->list);
  self->syncing = FALSE;
}

static void
on_root_causes_changed_cb (PmRootCausesPage *self,
                           guint             position,
                           guint             removed,
                           guint             added,
                           GListModel       *model)
{
  guint found;

  /* The selected root cause was deleted: select its neighbour. */
  if (self->selected != NULL && !g_list_store_find (G_LIST_STORE (model), self->selected, &found))
    {
      guint n = g_list_model_get_n_items (model);
      g_autoptr(PmRootCause) next = NULL;

      if (n > 0)
        next = g_list_model_get_item (model, MIN (position, n - 1));
      select_root_cause (self, next, FALSE);
    }

  reselect_row (self);
  schedule_refresh (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Details of the selected root cause                                                          */
/* ------------------------------------------------------------------------------------------ */

static void
on_unlink_clicked_cb (GtkButton        *button,
                      PmRootCausesPage *self)
{
  const char *event_id = g_object_get_data (G_OBJECT (button), "pm-event-id");

  if (self->selected != NULL && event_id != NULL)
    pm_document_unlink_event_from_root_cause (self->document, event_id,
                                              pm_root_cause_get_id (self->selected));
}

static void
sync_events (PmRootCausesPage *self)
{
  const char * const *events = pm_root_cause_get_events (self->selected);
  guint n = 0;

  remove_all_children (GTK_WIDGET (self->events_list));
  for (guint i = 0; events != NULL && events[i] != NULL; i++)
    {
      PmEvent *event = pm_document_find_event (self->document, events[i]);
      g_autofree char *label = NULL;
      g_autofree char *time = NULL;
      g_autofree char *tooltip = NULL;
      GtkWidget *row, *button;

      if (event == NULL)
        continue;

      label = event_label (event);
      time = event_time_text (self->document, event);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), time);
      g_object_set (row, "title-lines", 3, NULL);

      button = gtk_button_new_from_icon_name ("list-remove-symbolic");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      /* Translators: tooltip of the button that removes an event from a root cause */
      tooltip = g_strdup_printf (_("Unlink “%s”"), label);
      gtk_widget_set_tooltip_text (button, _("No longer linked to this root cause"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "pm-event-id", g_strdup (events[i]), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_unlink_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (self->events_list, row);
      n++;
    }

  if (n == 0)
    gtk_list_box_append (self->events_list,
                         placeholder_row (_("No events linked yet. Link the events from the "
                                            "timeline that this root cause explains.")));
}

static void
sync_measures (PmRootCausesPage *self)
{
  GListModel *measures = pm_document_get_measures (self->document);
  const char *id = pm_root_cause_get_id (self->selected);
  guint n = 0;

  remove_all_children (GTK_WIDGET (self->measures_list));
  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);
      const char * const *causes = pm_measure_get_root_causes (measure);
      const char *title = pm_measure_get_title (measure);
      const char *status = pm_measure_get_status (measure);
      GtkWidget *row;

      if (causes == NULL || !g_strv_contains (causes, id))
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     title != NULL && *title ? title : _("Untitled measure"));
      if (status != NULL && *status)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS, status));
      gtk_list_box_append (self->measures_list, row);
      n++;
    }

  if (n == 0)
    gtk_list_box_append (self->measures_list,
                         placeholder_row (_("No measure addresses this root cause yet.")));
}

static void
sync_category (PmRootCausesPage *self)
{
  const char * const *values = pm_vocabulary_get_values (PM_VOCABULARY_CATEGORY);
  const char *category = pm_root_cause_get_category (self->selected);
  guint selected = 0;
  guint n_labels = g_list_model_get_n_items (G_LIST_MODEL (self->category_labels));
  guint n_known = g_strv_length ((char **) values) + 1;

  /* A category from a newer version is shown as it is, as the last choice. */
  if (n_labels > n_known)
    gtk_string_list_remove (self->category_labels, n_known);

  if (category != NULL && *category)
    {
      for (guint i = 0; values[i] != NULL; i++)
        if (g_str_equal (values[i], category))
          selected = i + 1;
      if (selected == 0)
        {
          gtk_string_list_append (self->category_labels, category);
          selected = n_known;
        }
    }

  if (adw_combo_row_get_selected (self->category_row) != selected)
    adw_combo_row_set_selected (self->category_row, selected);
}

static void
sync_details (PmRootCausesPage *self)
{
  gboolean has_selection = self->selected != NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  const char *description;
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_widget_set_visible (GTK_WIDGET (self->details_group), has_selection);
  gtk_widget_set_visible (GTK_WIDGET (self->events_group), has_selection);
  gtk_widget_set_visible (GTK_WIDGET (self->measures_group), has_selection);
  if (!has_selection)
    return;

  self->syncing = TRUE;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)),
                 pm_root_cause_get_title (self->selected) ? pm_root_cause_get_title (self->selected) : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row),
                           pm_root_cause_get_title (self->selected) ? pm_root_cause_get_title (self->selected) : "");

  sync_category (self);

  description = pm_root_cause_get_description (self->selected);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, description != NULL ? description : "") != 0)
    gtk_text_buffer_set_text (buffer, description != NULL ? description : "", -1);

  /* The Measures page implements win.add-measure; without it the button is insensitive. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->add_measure_button),
                                          g_variant_new_string (pm_root_cause_get_id (self->selected)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_measure_button), "win.add-measure");

  sync_events (self);
  sync_measures (self);

  self->syncing = FALSE;
}

static void
on_title_changed_cb (PmRootCausesPage *self)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->syncing || self->selected == NULL)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  pm_document_set_value_merging (self->document, self->selected, "title", &value);
}

static void
on_description_changed_cb (PmRootCausesPage *self,
                           GtkTextBuffer    *buffer)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GtkTextIter start, end;

  if (self->syncing || self->selected == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_value_init (&value, G_TYPE_STRING);
  g_value_take_string (&value, gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  pm_document_set_value_merging (self->document, self->selected, "description", &value);
}

static void
on_category_selected_cb (PmRootCausesPage *self)
{
  const char * const *values = pm_vocabulary_get_values (PM_VOCABULARY_CATEGORY);
  guint selected = adw_combo_row_get_selected (self->category_row);
  guint n_known = g_strv_length ((char **) values);
  const char *category;

  if (self->syncing || self->selected == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  /* The extra last choice is the unknown category the root cause already has. */
  if (selected > n_known)
    return;

  category = selected == 0 ? NULL : values[selected - 1];
  pm_document_set (self->document, self->selected, "category", category, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Linking events                                                                              */
/* ------------------------------------------------------------------------------------------ */

static void
on_link_toggled_cb (GtkCheckButton   *check,
                    PmRootCausesPage *self)
{
  const char *event_id = g_object_get_data (G_OBJECT (check), "pm-event-id");
  const char *id;

  if (self->syncing || self->selected == NULL || event_id == NULL)
    return;

  id = pm_root_cause_get_id (self->selected);
  if (gtk_check_button_get_active (check))
    pm_document_link_event_to_root_cause (self->document, event_id, id);
  else
    pm_document_unlink_event_from_root_cause (self->document, event_id, id);
}

static void
rebuild_link_list (PmRootCausesPage *self)
{
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->link_search));
  g_autofree char *needle = NULL;
  GListModel *events;
  guint n = 0;

  remove_all_children (GTK_WIDGET (self->link_list));
  if (self->document == NULL || self->selected == NULL)
    return;

  needle = g_utf8_casefold (search != NULL ? search : "", -1);
  events = pm_document_get_events (self->document);
  self->syncing = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      g_autofree char *label = event_label (event);
      g_autofree char *time = event_time_text (self->document, event);
      g_autofree char *haystack = NULL;
      g_autofree char *full = NULL;
      GtkWidget *check, *row, *text;

      full = g_strdup_printf ("%s %s %s", pm_event_get_text (event),
                              pm_event_get_actor (event), time);
      haystack = g_utf8_casefold (full, -1);
      if (*needle && strstr (haystack, needle) == NULL)
        continue;

      check = gtk_check_button_new ();
      text = gtk_label_new (NULL);
      {
        g_autofree char *shown = g_strdup_printf ("%s — %s", time, label);

        gtk_label_set_text (GTK_LABEL (text), shown);
        gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                        -1);
      }
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), text);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   pm_root_cause_has_event (self->selected, pm_event_get_id (event)));
      g_object_set_data_full (G_OBJECT (check), "pm-event-id",
                              g_strdup (pm_event_get_id (event)), g_free);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_link_toggled_cb), self, 0);

      row = gtk_list_box_row_new ();
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_margin_top (check, 3);
      gtk_widget_set_margin_bottom (check, 3);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), check);
      gtk_list_box_append (self->link_list, row);
      n++;
    }
  self->syncing = FALSE;

  if (n == 0)
    gtk_list_box_append (self->link_list, placeholder_row (_("No event matches")));
}

static void
on_link_popover_show_cb (PmRootCausesPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->link_search), "");
  rebuild_link_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->link_search));
}

/* ------------------------------------------------------------------------------------------ */
/* Open questions                                                                              */
/* ------------------------------------------------------------------------------------------ */

static void
on_question_link_clicked_cb (GtkButton        *button,
                             PmRootCausesPage *self)
{
  const char *event_id = g_object_get_data (G_OBJECT (button), "pm-event-id");

  if (self->selected != NULL && event_id != NULL)
    pm_document_link_event_to_root_cause (self->document, event_id,
                                          pm_root_cause_get_id (self->selected));
}

static void
rebuild_questions (PmRootCausesPage *self)
{
  GListModel *events = pm_document_get_events (self->document);
  guint n = 0;

  remove_all_children (GTK_WIDGET (self->questions_list));
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);
      gboolean contributed = pm_event_get_contributed (event);
      gboolean slowed = pm_event_get_slowed_response (event);
      g_autofree char *label = NULL;
      g_autofree char *time = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *accessible = NULL;
      GtkWidget *row, *button;

      if ((!contributed && !slowed) || event_is_explained (self->document, pm_event_get_id (event)))
        continue;

      label = event_label (event);
      time = event_time_text (self->document, event);
      subtitle = g_strdup_printf ("%s · %s", time,
                                  contributed && slowed
                                    ? _("Contributed and slowed the response")
                                    : contributed ? _("Contributed to the incident")
                                                  : _("Slowed the response"));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set (row, "title-lines", 3, NULL);
      g_object_set_data_full (G_OBJECT (row), "pm-event-id", g_strdup (pm_event_get_id (event)),
                              g_free);

      button = gtk_button_new_with_mnemonic (_("_Link"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_sensitive (button, self->selected != NULL);
      if (self->selected != NULL)
        {
          g_autofree char *tooltip = NULL;

          /* Translators: %s is a root cause's title */
          tooltip = g_strdup_printf (_("Link to the selected root cause, “%s”"),
                                     root_cause_title (self->selected));
          gtk_widget_set_tooltip_text (button, tooltip);
        }
      else
        gtk_widget_set_tooltip_text (button, _("Select a root cause first"));
      /* Translators: accessible name; %s is an event's text */
      accessible = g_strdup_printf (_("Link “%s” to the selected root cause"), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "pm-event-id", g_strdup (pm_event_get_id (event)),
                              g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_question_link_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_list_box_append (self->questions_list, row);
      n++;
    }

  self->n_open_questions = n;
  if (n == 0)
    gtk_list_box_append (self->questions_list,
                         placeholder_row (_("No open questions: a root cause explains every "
                                            "event that contributed or slowed the response.")));
}

/* ------------------------------------------------------------------------------------------ */
/* The overview grid                                                                           */
/* ------------------------------------------------------------------------------------------ */

static void
on_cell_clicked_cb (GtkButton        *button,
                    PmRootCausesPage *self)
{
  PmRootCause *root_cause = g_object_get_data (G_OBJECT (button), "pm-root-cause");
  PmPrinciple principle = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pm-principle"));

  if (root_cause != NULL)
    pm_root_causes_page_show_principle (self, pm_root_cause_get_id (root_cause), principle);
}

static void
rebuild_grid (PmRootCausesPage *self)
{
  GListModel *root_causes = pm_document_get_root_causes (self->document);
  guint n = g_list_model_get_n_items (root_causes);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focused = root != NULL ? gtk_root_get_focus (root) : NULL;
  int focus_row = -1, focus_column = -1;

  /* Rebuilding must not lose the keyboard focus of someone walking the grid. */
  if (focused != NULL && gtk_widget_get_parent (focused) == GTK_WIDGET (self->grid))
    gtk_grid_query_child (self->grid, focused, &focus_column, &focus_row, NULL, NULL);

  remove_all_children (GTK_WIDGET (self->grid));
  gtk_widget_set_visible (GTK_WIDGET (self->grid_group), n > 0);

  for (guint p = 0; p < PM_N_PRINCIPLES; p++)
    {
      GtkWidget *header = gtk_label_new (pm_principle_get_label (p));

      gtk_label_set_wrap (GTK_LABEL (header), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (header), PANGO_WRAP_WORD);
      gtk_label_set_justify (GTK_LABEL (header), GTK_JUSTIFY_CENTER);
      gtk_label_set_max_width_chars (GTK_LABEL (header), 8);
      gtk_widget_set_valign (header, GTK_ALIGN_END);
      gtk_widget_set_tooltip_text (header, pm_principle_get_explanation (p));
      gtk_widget_add_css_class (header, "caption");
      gtk_grid_attach (self->grid, header, p + 1, 0, 1, 1);
    }

  for (guint r = 0; r < n; r++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, r);
      const char *title = root_cause_title (root_cause);
      GtkWidget *label = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 22);
      gtk_widget_set_tooltip_text (label, title);
      gtk_grid_attach (self->grid, label, 0, r + 1, 1, 1);

      for (guint p = 0; p < PM_N_PRINCIPLES; p++)
        {
          PmAssessment *assessment = pm_root_cause_get_assessment (root_cause, p);
          const char *verdict = pm_assessment_get_verdict (assessment);
          const char *verdict_label = pm_vocabulary_get_label (PM_VOCABULARY_VERDICT, verdict);
          g_autofree char *name = NULL;
          GtkWidget *cell = gtk_button_new_from_icon_name (verdict_icon (verdict));

          /* Translators: a cell of the principle grid: root cause, principle, verdict */
          name = g_strdup_printf (_("%s, %s: %s"), title, pm_principle_get_label (p), verdict_label);
          gtk_widget_set_tooltip_text (cell, name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (cell),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                          -1);
          gtk_widget_add_css_class (cell, "pm-verdict-cell");
          gtk_widget_add_css_class (cell, verdict);
          gtk_widget_set_hexpand (cell, TRUE);
          g_object_set_data_full (G_OBJECT (cell), "pm-root-cause", g_object_ref (root_cause),
                                  g_object_unref);
          g_object_set_data (G_OBJECT (cell), "pm-principle", GUINT_TO_POINTER (p));
          g_signal_connect_object (cell, "clicked", G_CALLBACK (on_cell_clicked_cb), self, 0);
          gtk_grid_attach (self->grid, cell, p + 1, r + 1, 1, 1);
        }
    }

  if (focus_row >= 0)
    {
      GtkWidget *again = gtk_grid_get_child_at (self->grid, focus_column, focus_row);

      if (again != NULL)
        gtk_widget_grab_focus (again);
    }
}

static void
update_legend (PmRootCausesPage *self)
{
  g_autofree char *legend = NULL;

  /* The marks in the grid, spelled out: colour is never the only sign. */
  legend = g_strdup_printf ("⚠ %s   ✓ %s   − %s   ☐ %s",
                            pm_vocabulary_get_label (PM_VOCABULARY_VERDICT, "contributed"),
                            pm_vocabulary_get_label (PM_VOCABULARY_VERDICT, "held-up"),
                            pm_vocabulary_get_label (PM_VOCABULARY_VERDICT, "not-relevant"),
                            pm_vocabulary_get_label (PM_VOCABULARY_VERDICT, "not-assessed"));
  gtk_label_set_text (self->legend_label, legend);
}

/* ------------------------------------------------------------------------------------------ */
/* Refresh                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
refresh (PmRootCausesPage *self)
{
  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->document == NULL)
    return;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "pm-root-cause") != NULL)
      update_row (self, row);

  sync_details (self);
  rebuild_grid (self);
  rebuild_questions (self);
}

static void
on_undo_state_cb (PmRootCausesPage *self)
{
  schedule_refresh (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Selection                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
select_root_cause (PmRootCausesPage *self,
                   PmRootCause      *root_cause,
                   gboolean          scroll)
{
  gboolean changed = g_set_object (&self->selected, root_cause);

  if (changed && self->document != NULL)
    pm_undo_stack_break_merge (pm_document_get_undo_stack (self->document));

  pm_principle_sidebar_set_root_cause (self->sidebar, root_cause);
  reselect_row (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_button), root_cause != NULL);
  if (changed)
    refresh (self);

  if (scroll && root_cause != NULL)
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list);

      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
    }
}

static PmRootCause *
find_root_cause (PmRootCausesPage *self,
                 const char       *id,
                 guint            *position)
{
  PmRootCause *root_cause;

  if (self->document == NULL || id == NULL)
    return NULL;
  root_cause = pm_document_find_root_cause (self->document, id);
  if (root_cause != NULL && position != NULL &&
      !g_list_store_find (G_LIST_STORE (pm_document_get_root_causes (self->document)),
                          root_cause, position))
    return NULL;
  return root_cause;
}

/* ------------------------------------------------------------------------------------------ */
/* Actions                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
action_add (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PmRootCausesPage *self = PM_ROOT_CAUSES_PAGE (widget);
  g_autoptr(PmRootCause) root_cause = NULL;
  g_autofree char *id = NULL;

  if (self->document == NULL)
    return;

  id = pm_document_generate_id (self->document, "rc");
  root_cause = pm_root_cause_new (id);
  pm_document_begin_change (self->document, _("Add Root Cause"));
  pm_document_append (self->document, pm_document_get_root_causes (self->document), root_cause);
  pm_document_end_change (self->document);

  select_root_cause (self, root_cause, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}

static void
move_root_cause (PmRootCausesPage *self,
                 const char       *id,
                 int               delta)
{
  GListModel *model;
  guint position, n;

  if (find_root_cause (self, id, &position) == NULL)
    return;

  model = pm_document_get_root_causes (self->document);
  n = g_list_model_get_n_items (model);
  if ((delta < 0 && position == 0) || (delta > 0 && position + 1 >= n))
    return;

  pm_document_begin_change (self->document, _("Move Root Cause"));
  pm_document_move (self->document, model, position, position + delta);
  pm_document_end_change (self->document);

  /* Keep the keyboard on the moved row. */
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, position + delta);

    if (row != NULL)
      gtk_widget_grab_focus (GTK_WIDGET (row));
  }
}

static void
action_move_up (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_root_cause (PM_ROOT_CAUSES_PAGE (widget), g_variant_get_string (parameter, NULL), -1);
}

static void
action_move_down (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  move_root_cause (PM_ROOT_CAUSES_PAGE (widget), g_variant_get_string (parameter, NULL), 1);
}

static void
on_undo_toast_clicked_cb (PmRootCausesPage *self)
{
  PmUndoStack *undo;

  if (self->document == NULL)
    return;

  /* Only when nothing else happened since: otherwise Undo would take back something else. */
  undo = pm_document_get_undo_stack (self->document);
  if (pm_undo_stack_get_state (undo) == self->delete_state)
    pm_document_undo (self->document);
}

static void
action_delete (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PmRootCausesPage *self = PM_ROOT_CAUSES_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  PmRootCause *root_cause = find_root_cause (self, id, NULL);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (root_cause == NULL)
    return;

  /* A toast's title is markup in libadwaita 1.2. */
  title = g_markup_escape_text (root_cause_title (root_cause), -1);
  pm_document_begin_change (self->document, _("Delete Root Cause"));
  pm_document_remove (self->document, pm_document_get_root_causes (self->document), root_cause);
  pm_document_end_change (self->document);
  self->delete_state = pm_undo_stack_get_state (pm_document_get_undo_stack (self->document));

  /* Translators: %s is the deleted root cause's title */
  toast = adw_toast_new_format (_("Root cause “%s” deleted"), title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_toast_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  pm_widget_show_toast (GTK_WIDGET (self), toast);
}

/* Alt+Up, Alt+Down and Delete act on the selected root cause. */
static gboolean
on_list_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  PmRootCausesPage *self = PM_ROOT_CAUSES_PAGE (gtk_widget_get_ancestor (widget,
                                                                          PM_TYPE_ROOT_CAUSES_PAGE));
  const char *what = user_data;
  const char *id;

  if (self == NULL || self->selected == NULL)
    return FALSE;

  id = pm_root_cause_get_id (self->selected);
  if (g_str_equal (what, "up"))
    move_root_cause (self, id, -1);
  else if (g_str_equal (what, "down"))
    move_root_cause (self, id, 1);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "root-causes.delete", "s", id);
  return TRUE;
}

static void
on_flap_reveal_cb (PmRootCausesPage *self)
{
  gboolean revealed = adw_flap_get_reveal_flap (self->flap);

  if (gtk_toggle_button_get_active (self->sidebar_button) != revealed)
    gtk_toggle_button_set_active (self->sidebar_button, revealed);
}

static void
on_sidebar_button_toggled_cb (PmRootCausesPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->sidebar_button);

  if (adw_flap_get_reveal_flap (self->flap) != active)
    pm_flap_reveal (self->flap, active);
}

static void
action_toggle_sidebar (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PmRootCausesPage *self = PM_ROOT_CAUSES_PAGE (widget);

  pm_flap_reveal (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_root_causes_page_dispose (GObject *object)
{
  PmRootCausesPage *self = (PmRootCausesPage *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->undo_signals != NULL)
    g_signal_group_set_target (self->undo_signals, NULL);
  if (self->root_cause_signals != NULL)
    g_signal_group_set_target (self->root_cause_signals, NULL);
  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->undo_signals);
  g_clear_object (&self->root_cause_signals);
  g_clear_object (&self->selected);
  g_clear_object (&self->document);
  g_clear_object (&self->category_labels);
  if (self->link_popover != NULL)
    {
      gtk_menu_button_set_popover (self->link_button, NULL);
      self->link_popover = NULL;
    }

  G_OBJECT_CLASS (pm_root_causes_page_parent_class)->dispose (object);
}

static void
pm_root_causes_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PmRootCausesPage *self = PM_ROOT_CAUSES_PAGE (object);

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
pm_root_causes_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PmRootCausesPage *self = PM_ROOT_CAUSES_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pm_root_causes_page_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_root_causes_page_class_init (PmRootCausesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_root_causes_page_dispose;
  object_class->get_property = pm_root_causes_page_get_property;
  object_class->set_property = pm_root_causes_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-root-causes-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, add_measure_button);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, category_row);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, description_view);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, details_group);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, events_group);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, events_list);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, flap);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, grid);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, grid_group);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, link_button);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, link_list);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, link_popover);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, link_search);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, list);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, list_group);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, measures_group);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, measures_list);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, questions_group);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, questions_list);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, sidebar);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, PmRootCausesPage, title_row);

  gtk_widget_class_install_action (widget_class, "root-causes.add", NULL, action_add);
  gtk_widget_class_install_action (widget_class, "root-causes.move-up", "s", action_move_up);
  gtk_widget_class_install_action (widget_class, "root-causes.move-down", "s", action_move_down);
  gtk_widget_class_install_action (widget_class, "root-causes.delete", "s", action_delete);
  gtk_widget_class_install_action (widget_class, "root-causes.toggle-sidebar", NULL,
                                   action_toggle_sidebar);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "root-causes.toggle-sidebar", NULL);

  g_type_ensure (PM_TYPE_PRINCIPLE_SIDEBAR);
}

static void
pm_root_causes_page_init (PmRootCausesPage *self)
{
  const char * const *values = pm_vocabulary_get_values (PM_VOCABULARY_CATEGORY);
  GtkEventController *shortcuts;
  static const struct { guint key; GdkModifierType mods; const char *what; } keys[] = {
    { GDK_KEY_Up, GDK_ALT_MASK, "up" },
    { GDK_KEY_Down, GDK_ALT_MASK, "down" },
    { GDK_KEY_Delete, 0, "delete" },
    { GDK_KEY_KP_Delete, 0, "delete" },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  pm_accessible_keep_own_name (GTK_WIDGET (self->description_view));

  self->category_labels = gtk_string_list_new (NULL);
  gtk_string_list_append (self->category_labels, C_("root cause category", "Not set"));
  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (self->category_labels,
                            pm_vocabulary_get_label (PM_VOCABULARY_CATEGORY, values[i]));
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (self->category_labels));

  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (on_row_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->title_row, "changed", G_CALLBACK (on_title_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (on_description_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->category_row, "notify::selected",
                           G_CALLBACK (on_category_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->link_popover, "show", G_CALLBACK (on_link_popover_show_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->link_search, "search-changed", G_CALLBACK (rebuild_link_list),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->flap, "notify::reveal-flap", G_CALLBACK (on_flap_reveal_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidebar_button, "toggled",
                           G_CALLBACK (on_sidebar_button_toggled_cb), self, G_CONNECT_SWAPPED);
  on_flap_reveal_cb (self);

  shortcuts = gtk_shortcut_controller_new ();
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key,
                                                                                    keys[i].mods),
                                                            gtk_callback_action_new (on_list_shortcut_cb,
                                                                                     (gpointer) keys[i].what,
                                                                                     NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->list), shortcuts);

  self->undo_signals = g_signal_group_new (PM_TYPE_UNDO_STACK);
  g_signal_group_connect_object (self->undo_signals, "notify::state",
                                 G_CALLBACK (on_undo_state_cb), self, G_CONNECT_SWAPPED);
  self->root_cause_signals = g_signal_group_new (G_TYPE_LIST_STORE);
  g_signal_group_connect_object (self->root_cause_signals, "items-changed",
                                 G_CALLBACK (on_root_causes_changed_cb), self,
                                 G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  update_legend (self);
  sync_details (self);
  gtk_widget_set_visible (GTK_WIDGET (self->grid_group), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_root_causes_page_new (void)
{
  return g_object_new (PM_TYPE_ROOT_CAUSES_PAGE, NULL);
}

PmDocument *
pm_root_causes_page_get_document (PmRootCausesPage *self)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSES_PAGE (self), NULL);

  return self->document;
}

void
pm_root_causes_page_set_document (PmRootCausesPage *self,
                                  PmDocument       *document)
{
  GListModel *root_causes = NULL;

  g_return_if_fail (PM_IS_ROOT_CAUSES_PAGE (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_clear_object (&self->selected);
  g_set_object (&self->document, document);
  if (document != NULL)
    root_causes = pm_document_get_root_causes (document);

  pm_principle_sidebar_set_document (self->sidebar, document);
  g_signal_group_set_target (self->undo_signals,
                             document != NULL ? pm_document_get_undo_stack (document) : NULL);
  /* Bound first, so that our items-changed handler runs after the rows exist. */
  gtk_list_box_bind_model (self->list, root_causes, create_row_cb, self, NULL);
  g_signal_group_set_target (self->root_cause_signals, root_causes);

  if (root_causes != NULL && g_list_model_get_n_items (root_causes) > 0)
    {
      g_autoptr(PmRootCause) first = g_list_model_get_item (root_causes, 0);

      select_root_cause (self, first, FALSE);
    }
  else
    select_root_cause (self, NULL, FALSE);

  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

PmRootCause *
pm_root_causes_page_get_selected (PmRootCausesPage *self)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSES_PAGE (self), NULL);

  return self->selected;
}

gboolean
pm_root_causes_page_select_root_cause (PmRootCausesPage *self,
                                       const char       *id)
{
  PmRootCause *root_cause;

  g_return_val_if_fail (PM_IS_ROOT_CAUSES_PAGE (self), FALSE);

  if ((root_cause = find_root_cause (self, id, NULL)) == NULL)
    return FALSE;

  select_root_cause (self, root_cause, TRUE);
  return TRUE;
}

gboolean
pm_root_causes_page_show_principle (PmRootCausesPage *self,
                                    const char       *id,
                                    PmPrinciple       principle)
{
  PmRootCause *root_cause;

  g_return_val_if_fail (PM_IS_ROOT_CAUSES_PAGE (self), FALSE);
  g_return_val_if_fail ((guint) principle < PM_N_PRINCIPLES, FALSE);

  if ((root_cause = find_root_cause (self, id, NULL)) == NULL)
    return FALSE;

  select_root_cause (self, root_cause, FALSE);
  pm_flap_reveal (self->flap, TRUE);
  pm_principle_sidebar_focus_principle (self->sidebar, principle);
  return TRUE;
}

gboolean
pm_root_causes_page_show_event (PmRootCausesPage *self,
                                const char       *id)
{
  GListModel *root_causes;

  g_return_val_if_fail (PM_IS_ROOT_CAUSES_PAGE (self), FALSE);

  if (self->document == NULL || id == NULL || pm_document_find_event (self->document, id) == NULL)
    return FALSE;

  /* Explained: show the root cause that explains it. */
  root_causes = pm_document_get_root_causes (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (root_causes); i++)
    {
      g_autoptr(PmRootCause) root_cause = g_list_model_get_item (root_causes, i);

      if (pm_root_cause_has_event (root_cause, id))
        {
          select_root_cause (self, root_cause, TRUE);
          return TRUE;
        }
    }

  /* Otherwise it is an open question. */
  refresh (self);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->questions_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "pm-event-id"), id) == 0)
        {
          gtk_widget_grab_focus (row);
          return TRUE;
        }
    }

  return FALSE;
}

PmPrincipleSidebar *
_pm_root_causes_page_get_sidebar (PmRootCausesPage *self)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSES_PAGE (self), NULL);

  return self->sidebar;
}

GtkWidget *
_pm_root_causes_page_get_cell (PmRootCausesPage *self,
                               guint             row,
                               PmPrinciple       principle)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSES_PAGE (self), NULL);

  return gtk_grid_get_child_at (self->grid, principle + 1, row + 1);
}

guint
_pm_root_causes_page_get_n_open_questions (PmRootCausesPage *self)
{
  g_return_val_if_fail (PM_IS_ROOT_CAUSES_PAGE (self), 0);

  return self->n_open_questions;
}

void
_pm_root_causes_page_flush (PmRootCausesPage *self)
{
  g_return_if_fail (PM_IS_ROOT_CAUSES_PAGE (self));

  if (self->refresh_source != 0)
    refresh (self);
}
