/* pm-event-editor.c — the side panel that edits one timeline event
 *
 * Like the Overview page, the panel keeps no copy: typing goes through
 * pm_document_set_value_merging() (a run of keystrokes is one undo step), choices through
 * pm_document_set(), and the event's "notify" puts the model's value back into the widgets,
 * which is also how undo reaches them. `syncing` guards against loops. The time is read when
 * the row's apply button (or Enter) is pressed: half-typed times are not stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-accessible.h"
#include "pm-event-editor.h"
#include "pm-participant.h"
#include "pm-root-cause.h"
#include "pm-time.h"
#include "pm-vocabulary.h"

struct _PmEventEditor
{
  AdwBin         parent_instance;

  PmDocument    *document;
  PmEvent       *event;
  gboolean       syncing;
  GPtrArray     *contributor_ids;   /* "" first: nobody */
  GPtrArray     *kind_values;       /* "" first: not set */

  AdwEntryRow   *time_row;
  AdwComboRow   *precision_row;
  AdwActionRow  *zone_row;
  AdwEntryRow   *actor_row;
  GtkTextView   *text_view;
  AdwComboRow   *kind_row;
  AdwEntryRow   *lane_row;
  AdwComboRow   *contributor_row;
  AdwEntryRow   *evidence_row;
  GtkSwitch     *contributed_switch;
  GtkSwitch     *slowed_switch;
  GtkSwitch     *confidential_switch;
  GtkListBox    *root_causes_list;
  GtkButton     *close_button;
  GtkScrolledWindow *scroller;
  GtkButton     *delete_button;
};

G_DEFINE_FINAL_TYPE (PmEventEditor, pm_event_editor, ADW_TYPE_BIN)

enum {
  SIGNAL_CLOSE,
  SIGNAL_DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Precision choices, in the order of the row; "unknown" clears the time. */
static const PmTimePrecision precisions[] = {
  PM_TIME_PRECISION_EXACT, PM_TIME_PRECISION_MINUTE, PM_TIME_PRECISION_HOUR,
  PM_TIME_PRECISION_DAY,
};

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (row)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static char *
time_to_entry_text (PmEventEditor *self,
                    const PmTime  *time)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) own = NULL;
  g_autoptr(GDateTime) shown = NULL;

  if (time == NULL)
    return g_strdup ("");

  zone = pm_document_dup_time_zone (self->document);
  own = pm_time_to_date_time (time, NULL);
  shown = pm_time_to_date_time (time, zone);
  /* In its own zone when that is not the document's: "10:41 -05:00" is what was said. */
  if (own && shown && g_date_time_get_utc_offset (own) != g_date_time_get_utc_offset (shown))
    return pm_time_format (time, NULL, TRUE);
  return pm_time_format (time, zone, FALSE);
}

static void on_check_toggled (GtkCheckButton *check, PmEventEditor *self);

static void
sync_root_causes (PmEventEditor *self)
{
  GtkWidget *child;
  GListModel *rcs;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->root_causes_list))) != NULL)
    gtk_list_box_remove (self->root_causes_list, child);

  if (self->document == NULL || self->event == NULL)
    return;

  rcs = pm_document_get_root_causes (self->document);
  n = g_list_model_get_n_items (rcs);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmRootCause) rc = g_list_model_get_item (rcs, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *title = pm_root_cause_get_title (rc);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), *title ? title : _("Untitled"));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   pm_root_cause_has_event (rc, pm_event_get_id (self->event)));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      *title ? title : _("Untitled"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_object_set_data_full (G_OBJECT (check), "root-cause", g_object_ref (rc), g_object_unref);
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled), self, 0);
      gtk_list_box_append (self->root_causes_list, row);
    }

  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No root causes yet"));
      gtk_list_box_append (self->root_causes_list, row);
    }
}

static void
sync (PmEventEditor *self)
{
  const PmTime *time;
  g_autofree char *time_text = NULL;
  g_autofree char *evidence = NULL;
  const char *contributor;
  guint pos;

  if (self->event == NULL)
    return;

  self->syncing = TRUE;
  time = pm_event_get_time (self->event);
  time_text = time_to_entry_text (self, time);
  set_entry_text (self->time_row, time_text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_row), "error");
  adw_combo_row_set_selected (self->precision_row,
                              time ? (guint) pm_time_get_precision (time) : 4);
  if (time != NULL)
    {
      g_autoptr(GDateTime) own = pm_time_to_date_time (time, NULL);
      g_autofree char *offset = own ? g_date_time_format (own, "UTC%:z") : g_strdup ("");

      adw_action_row_set_subtitle (self->zone_row, offset);
    }
  else
    adw_action_row_set_subtitle (self->zone_row, _("time unknown"));

  set_entry_text (self->actor_row, pm_event_get_actor (self->event));
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
    GtkTextIter start, end;
    g_autofree char *shown = NULL;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    if (g_strcmp0 (shown, pm_event_get_text (self->event)) != 0)
      gtk_text_buffer_set_text (buffer, pm_event_get_text (self->event), -1);
  }
  set_entry_text (self->lane_row, pm_event_get_lane (self->event));
  evidence = g_strjoinv (" ", (char **) pm_event_get_evidence (self->event));
  set_entry_text (self->evidence_row, evidence);
  gtk_switch_set_active (self->contributed_switch, pm_event_get_contributed (self->event));
  gtk_switch_set_active (self->slowed_switch, pm_event_get_slowed_response (self->event));
  gtk_switch_set_active (self->confidential_switch, pm_event_get_confidential (self->event));

  pos = 0;
  for (guint i = 0; i < self->kind_values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->kind_values, i), pm_event_get_kind (self->event)) == 0)
      pos = i;
  adw_combo_row_set_selected (self->kind_row, pos);

  pos = 0;
  contributor = pm_event_get_contributor (self->event);
  for (guint i = 0; i < self->contributor_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->contributor_ids, i), contributor ? contributor : "") == 0)
      pos = i;
  adw_combo_row_set_selected (self->contributor_row, pos);
  self->syncing = FALSE;
}

static void
build_choices (PmEventEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) people = gtk_string_list_new (NULL);
  const char * const *values = pm_vocabulary_get_values (PM_VOCABULARY_EVENT_KIND);
  const char *kind = self->event ? pm_event_get_kind (self->event) : "";

  self->syncing = TRUE;
  g_ptr_array_set_size (self->kind_values, 0);
  g_ptr_array_add (self->kind_values, g_strdup (""));
  gtk_string_list_append (kinds, _("Not set"));
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_ptr_array_add (self->kind_values, g_strdup (values[i]));
      gtk_string_list_append (kinds, pm_vocabulary_get_label (PM_VOCABULARY_EVENT_KIND,
                                                              values[i]));
    }
  if (*kind && !pm_vocabulary_contains (PM_VOCABULARY_EVENT_KIND, kind))
    {
      /* written by a newer version: shown as it is */
      g_ptr_array_add (self->kind_values, g_strdup (kind));
      gtk_string_list_append (kinds, kind);
    }
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  g_ptr_array_set_size (self->contributor_ids, 0);
  g_ptr_array_add (self->contributor_ids, g_strdup (""));
  gtk_string_list_append (people, _("Nobody in particular"));
  if (self->document != NULL)
    {
      GListModel *participants = pm_document_get_participants (self->document);

      for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
        {
          g_autoptr(PmParticipant) p = g_list_model_get_item (participants, i);
          const char *name = pm_participant_get_name (p);

          g_ptr_array_add (self->contributor_ids, g_strdup (pm_participant_get_id (p)));
          gtk_string_list_append (people, *name ? name : pm_participant_get_id (p));
        }
    }
  adw_combo_row_set_model (self->contributor_row, G_LIST_MODEL (people));
  self->syncing = FALSE;
}

static void
set_string (PmEventEditor *self,
            const char    *property,
            const char    *value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  if (self->syncing || self->event == NULL)
    return;
  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  pm_document_set_value_merging (self->document, self->event, property, &v);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
on_event_notify (PmEventEditor *self)
{
  sync (self);
}

static void
on_root_causes_changed (PmEventEditor *self)
{
  sync_root_causes (self);
}

static void
on_time_apply (PmEventEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(PmTime) time = NULL;

  if (self->syncing || self->event == NULL)
    return;

  zone = pm_document_dup_time_zone (self->document);
  time = pm_time_parse_user (gtk_editable_get_text (GTK_EDITABLE (self->time_row)), zone, &error);
  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->time_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->time_row), error->message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->time_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, error->message, -1);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->time_row), "error");
  pm_document_set (self->document, self->event, "time", time, NULL);
  sync (self);
}

static void
on_precision_selected (PmEventEditor *self)
{
  guint pos = adw_combo_row_get_selected (self->precision_row);
  const PmTime *time;
  g_autoptr(PmTime) new_time = NULL;

  if (self->syncing || self->event == NULL)
    return;
  time = pm_event_get_time (self->event);
  if (pos >= G_N_ELEMENTS (precisions))
    {
      /* "Unknown" */
      pm_document_set (self->document, self->event, "time", NULL, NULL);
      return;
    }
  if (time == NULL)
    {
      sync (self);
      return;
    }
  new_time = pm_time_new (pm_time_get_unix (time), pm_time_get_offset (time), precisions[pos]);
  pm_document_set (self->document, self->event, "time", new_time, NULL);
}

static void
on_actor_changed (PmEventEditor *self)
{
  set_string (self, "actor", gtk_editable_get_text (GTK_EDITABLE (self->actor_row)));
}

static void
on_text_changed (PmEventEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  set_string (self, "text", text);
}

static void
on_lane_changed (PmEventEditor *self)
{
  set_string (self, "lane", gtk_editable_get_text (GTK_EDITABLE (self->lane_row)));
}

static void
on_evidence_changed (PmEventEditor *self)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) links = g_ptr_array_new ();

  if (self->syncing || self->event == NULL)
    return;
  parts = g_strsplit_set (gtk_editable_get_text (GTK_EDITABLE (self->evidence_row)), " \t\n", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i])
      g_ptr_array_add (links, parts[i]);
  g_ptr_array_add (links, NULL);
  {
    g_auto(GValue) v = G_VALUE_INIT;

    g_value_init (&v, G_TYPE_STRV);
    g_value_set_boxed (&v, links->pdata);
    pm_document_set_value_merging (self->document, self->event, "evidence", &v);
  }
}

static void
on_kind_selected (PmEventEditor *self)
{
  guint pos = adw_combo_row_get_selected (self->kind_row);

  if (self->syncing || self->event == NULL || pos >= self->kind_values->len)
    return;
  pm_document_set (self->document, self->event, "kind",
                   g_ptr_array_index (self->kind_values, pos), NULL);
}

static void
on_contributor_selected (PmEventEditor *self)
{
  guint pos = adw_combo_row_get_selected (self->contributor_row);
  const char *id;

  if (self->syncing || self->event == NULL || pos >= self->contributor_ids->len)
    return;
  id = g_ptr_array_index (self->contributor_ids, pos);
  pm_document_set (self->document, self->event, "contributor", *id ? id : NULL, NULL);
}

static void
on_contributed_active (PmEventEditor *self)
{
  if (self->syncing || self->event == NULL)
    return;
  pm_document_set (self->document, self->event, "contributed",
                   gtk_switch_get_active (self->contributed_switch), NULL);
}

static void
on_slowed_active (PmEventEditor *self)
{
  if (self->syncing || self->event == NULL)
    return;
  pm_document_set (self->document, self->event, "slowed-response",
                   gtk_switch_get_active (self->slowed_switch), NULL);
}

static void
on_confidential_active (PmEventEditor *self)
{
  if (self->syncing || self->event == NULL)
    return;
  pm_document_set (self->document, self->event, "confidential",
                   gtk_switch_get_active (self->confidential_switch), NULL);
}

static void
on_check_toggled (GtkCheckButton *check,
                  PmEventEditor  *self)
{
  PmRootCause *rc = g_object_get_data (G_OBJECT (check), "root-cause");
  const char *id;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) ids = NULL;
  const char * const *old;
  gboolean active = gtk_check_button_get_active (check);

  if (rc == NULL || self->event == NULL || self->syncing)
    return;
  id = pm_event_get_id (self->event);
  if (pm_root_cause_has_event (rc, id) == active)
    return;

  builder = g_strv_builder_new ();
  old = pm_root_cause_get_events (rc);
  for (guint i = 0; old && old[i]; i++)
    if (!g_str_equal (old[i], id))
      g_strv_builder_add (builder, old[i]);
  if (active)
    g_strv_builder_add (builder, id);
  ids = g_strv_builder_end (builder);
  pm_document_set (self->document, rc, "events", ids, NULL);
}

static void
on_close_clicked (PmEventEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_CLOSE], 0);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  on_close_clicked (PM_EVENT_EDITOR (widget));
}

static void
on_delete_clicked (PmEventEditor *self)
{
  g_signal_emit (self, signals[SIGNAL_DELETE], 0);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject overrides                                                                          */
/* ------------------------------------------------------------------------------------------ */

static void
pm_event_editor_dispose (GObject *object)
{
  PmEventEditor *self = PM_EVENT_EDITOR (object);

  pm_event_editor_set_event (self, NULL, NULL);

  G_OBJECT_CLASS (pm_event_editor_parent_class)->dispose (object);
}

static void
pm_event_editor_finalize (GObject *object)
{
  PmEventEditor *self = PM_EVENT_EDITOR (object);

  g_clear_pointer (&self->contributor_ids, g_ptr_array_unref);
  g_clear_pointer (&self->kind_values, g_ptr_array_unref);

  G_OBJECT_CLASS (pm_event_editor_parent_class)->finalize (object);
}

static void
pm_event_editor_class_init (PmEventEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_event_editor_dispose;
  object_class->finalize = pm_event_editor_finalize;

  signals[SIGNAL_CLOSE] =
    g_signal_new ("close", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_DELETE] =
    g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-event-editor.ui");
  /* Escape closes the panel, after the field with the focus had its say (a list open, an
   * edit to cancel): class bindings run when the key bubbles up to the editor. */
  gtk_widget_class_install_action (widget_class, "editor.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.close", NULL);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, actor_row);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, close_button);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, contributed_switch);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, contributor_row);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, evidence_row);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, lane_row);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, precision_row);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, root_causes_list);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, slowed_switch);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, confidential_switch);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, text_view);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, time_row);
  gtk_widget_class_bind_template_child (widget_class, PmEventEditor, zone_row);
}

static void
pm_event_editor_init (PmEventEditor *self)
{
  g_autoptr(GtkStringList) precision_labels = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  pm_accessible_name_buttons (GTK_WIDGET (self));
  pm_accessible_keep_own_name (GTK_WIDGET (self->contributed_switch));
  pm_accessible_keep_own_name (GTK_WIDGET (self->slowed_switch));

  self->contributor_ids = g_ptr_array_new_with_free_func (g_free);
  self->kind_values = g_ptr_array_new_with_free_func (g_free);

  precision_labels = gtk_string_list_new ((const char *[]) {
    _("To the second"), _("To the minute"), _("To the hour"), _("The day only"),
    _("Time unknown"), NULL });
  adw_combo_row_set_model (self->precision_row, G_LIST_MODEL (precision_labels));
  build_choices (self);

  g_signal_connect_object (self->time_row, "apply", G_CALLBACK (on_time_apply), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->time_row, "entry-activated", G_CALLBACK (on_time_apply), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->precision_row, "notify::selected",
                           G_CALLBACK (on_precision_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actor_row, "changed", G_CALLBACK (on_actor_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->text_view), "changed",
                           G_CALLBACK (on_text_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->lane_row, "changed", G_CALLBACK (on_lane_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->evidence_row, "changed", G_CALLBACK (on_evidence_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->kind_row, "notify::selected", G_CALLBACK (on_kind_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->contributor_row, "notify::selected",
                           G_CALLBACK (on_contributor_selected), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->contributed_switch, "notify::active",
                           G_CALLBACK (on_contributed_active), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->slowed_switch, "notify::active",
                           G_CALLBACK (on_slowed_active), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->confidential_switch, "notify::active",
                           G_CALLBACK (on_confidential_active), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->close_button, "clicked", G_CALLBACK (on_close_clicked), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->delete_button, "clicked", G_CALLBACK (on_delete_clicked), self,
                           G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_event_editor_new (void)
{
  return g_object_new (PM_TYPE_EVENT_EDITOR, NULL);
}

void
pm_event_editor_set_event (PmEventEditor *self,
                           PmDocument    *document,
                           PmEvent       *event)
{
  g_return_if_fail (PM_IS_EVENT_EDITOR (self));

  /* Another event opens at its top, not where the last one was scrolled to. */
  if (event != self->event)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  if (self->event != NULL)
    g_signal_handlers_disconnect_by_func (self->event, on_event_notify, self);
  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_func (pm_document_get_root_causes (self->document),
                                            on_root_causes_changed, self);
      g_signal_handlers_disconnect_by_func (pm_document_get_participants (self->document),
                                            build_choices, self);
    }

  if (event == NULL)
    document = NULL;
  g_set_object (&self->document, document);
  g_set_object (&self->event, event);

  if (self->event != NULL)
    {
      g_signal_connect_object (self->event, "notify", G_CALLBACK (on_event_notify), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (pm_document_get_root_causes (self->document), "items-changed",
                               G_CALLBACK (on_root_causes_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (pm_document_get_participants (self->document), "items-changed",
                               G_CALLBACK (build_choices), self, G_CONNECT_SWAPPED);
    }

  build_choices (self);
  sync_root_causes (self);
  sync (self);
}

PmEvent *
pm_event_editor_get_event (PmEventEditor *self)
{
  g_return_val_if_fail (PM_IS_EVENT_EDITOR (self), NULL);

  return self->event;
}

void
pm_event_editor_focus (PmEventEditor *self)
{
  g_return_if_fail (PM_IS_EVENT_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}
