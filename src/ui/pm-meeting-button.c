/* pm-meeting-button.c — running the meeting from the header bar: timer, agenda, parking lot
 *
 * The header shows a start/pause button and the current step with the time left in its time
 * box ("12:34 left"), or how far it ran over ("+2:10 over", with a warning icon: never by colour
 * alone). Its popover holds the agenda (time boxes editable, time spent per step, a click on a
 * step goes there), Next Step, the ground rules and the parking lot.
 *
 * Each step has its page: "Next Step" and a click on a step bring it forward through the
 * window's "win.show-page" (publishing opens "win.publish"). The first start of the meeting
 * shows the ground rules card.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-meeting-button.h"
#include "pm-parking-lot.h"
#include "pm-rules-card.h"

typedef struct
{
  PmAgendaStep  *step;     /* owned */
  GtkWidget     *row;      /* AdwActionRow, owned by the list */
  GtkSpinButton *minutes;
  GtkImage      *current_icon;
} StepRow;

struct _PmMeetingButton
{
  AdwBin          parent_instance;

  PmDocument     *document;
  PmMeetingTimer *timer;
  GPtrArray      *rows;        /* of StepRow */
  char           *time_text;   /* what the header shows, for the tests */

  /* Template widgets */
  GtkButton      *start_button;
  GtkMenuButton  *menu_button;
  GtkImage       *status_icon;
  GtkLabel       *step_label;
  GtkLabel       *time_label;
  GtkPopover     *popover;
  GtkLabel       *current_step_label;
  GtkLabel       *current_time_label;
  GtkButton      *start_pause_button;
  GtkButton      *next_button;
  GtkListBox     *agenda_list;
  GtkLabel       *total_label;
  PmParkingLot   *parking_lot;
};

G_DEFINE_FINAL_TYPE (PmMeetingButton, pm_meeting_button, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
step_row_free (gpointer data)
{
  StepRow *row = data;

  g_clear_object (&row->step);
  g_free (row);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* "12:34 left" or "+2:10 over". */
static char *
format_remaining (gint64 remaining)
{
  g_autofree char *duration = pm_meeting_format_duration (remaining);

  if (remaining >= 0)
    /* Translators: time left in the current agenda step, e.g. “12:34 left” */
    return g_strdup_printf (_("%s left"), duration);
  /* Translators: how long the current agenda step ran over its time box, e.g. “+2:10 over” */
  return g_strdup_printf (_("+%s over"), duration);
}

static PmAgendaStep *
next_step_of (PmMeetingButton *self,
              PmAgendaStep    *step)
{
  GListModel *agenda = pm_document_get_agenda (self->document);
  guint position;

  if (step == NULL || !g_list_store_find (G_LIST_STORE (agenda), step, &position) ||
      position + 1 >= g_list_model_get_n_items (agenda))
    return NULL;
  {
    /* The agenda keeps it alive. */
    g_autoptr(PmAgendaStep) next = g_list_model_get_item (agenda, position + 1);

    return next;
  }
}

static void
refresh (PmMeetingButton *self)
{
  PmAgendaStep *step, *next;
  gboolean started, running, overrun;
  gint64 remaining, planned = 0, spent = 0;
  g_autofree char *remaining_text = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *planned_text = NULL;
  g_autofree char *spent_text = NULL;
  g_autofree char *total = NULL;
  const char *title, *label, *tooltip;

  if (self->timer == NULL)
    return;

  step = pm_meeting_timer_get_step (self->timer);
  started = pm_meeting_timer_get_started (self->timer);
  running = pm_meeting_timer_get_running (self->timer);
  remaining = pm_meeting_timer_get_remaining (self->timer);
  overrun = remaining < 0;
  title = step != NULL ? pm_agenda_step_get_title (step) : _("Agenda");
  remaining_text = format_remaining (remaining);

  if (started && !running)
    /* Translators: the timer of the current step while it is paused, e.g. “12:34 left, paused” */
    shown = g_strdup_printf (_("%s, paused"), remaining_text);
  else
    shown = g_strdup (remaining_text);

  g_free (self->time_text);
  self->time_text = g_strdup (shown);

  /* The header */
  gtk_label_set_text (self->step_label, title);
  gtk_label_set_text (self->time_label, shown);
  gtk_image_set_from_icon_name (self->status_icon,
                                overrun ? "dialog-warning-symbolic" : "alarm-symbolic");
  if (overrun)
    gtk_widget_add_css_class (GTK_WIDGET (self->menu_button), "pm-overrun");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->menu_button), "pm-overrun");
  /* Translators: the accessible name of the timer button, e.g. “Agenda: Event Storming,
   * 12:34 left” */
  accessible = g_strdup_printf (_("Agenda: %s, %s"), title, shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  label = running ? _("Pause the Timer") : started ? _("Resume the Timer")
                                                   : _("Start the Meeting");
  tooltip = running ? _("Pause the Timer (F5)") : started ? _("Resume the Timer (F5)")
                                                          : _("Start the Meeting (F5)");
  gtk_button_set_icon_name (self->start_button,
                            running ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->start_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  /* The popover */
  gtk_label_set_text (self->current_step_label, title);
  gtk_label_set_text (self->current_time_label, shown);
  if (overrun)
    gtk_widget_add_css_class (GTK_WIDGET (self->current_time_label), "pm-overrun");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->current_time_label), "pm-overrun");
  gtk_button_set_label (self->start_pause_button,
                        running ? _("Pause") : started ? _("Resume") : _("Start Meeting"));
  next = next_step_of (self, step);
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), next != NULL);
  if (next != NULL)
    {
      /* Translators: tooltip of “Next Step”; %s is the step, e.g. “Go on to Event Storming” */
      g_autofree char *next_tooltip = g_strdup_printf (_("Go on to %s"),
                                                       pm_agenda_step_get_title (next));

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), next_tooltip);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), _("This is the last step"));

  for (guint i = 0; i < self->rows->len; i++)
    {
      StepRow *row = g_ptr_array_index (self->rows, i);
      gint64 elapsed = pm_meeting_timer_get_elapsed (self->timer, row->step);
      gboolean current = started && row->step == step;
      g_autofree char *elapsed_text = pm_meeting_format_duration (elapsed);
      g_autofree char *subtitle = NULL;

      if (current)
        /* Translators: the agenda step the meeting is at; %s is the time spent on it */
        subtitle = g_strdup_printf (_("Now, %s spent"), elapsed_text);
      else if (elapsed > 0)
        /* Translators: %s is the time spent on an agenda step, e.g. “12:05 spent” */
        subtitle = g_strdup_printf (_("%s spent"), elapsed_text);
      else
        subtitle = g_strdup (_("Not started"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle);
      gtk_widget_set_opacity (GTK_WIDGET (row->current_icon), current ? 1.0 : 0.0);

      planned += pm_agenda_step_get_minutes (row->step) * 60;
      spent += elapsed;
    }

  planned_text = pm_meeting_format_duration (planned);
  spent_text = pm_meeting_format_duration (spent);
  /* Translators: below the agenda, e.g. “Planned 2:00:00, spent 0:12:05” */
  total = g_strdup_printf (_("Planned %s, spent %s"), planned_text, spent_text);
  gtk_label_set_text (self->total_label, total);
}

/* Brings the page of @step forward (publishing: the publish dialog). */
static void
show_step (PmMeetingButton *self,
           PmAgendaStep    *step)
{
  const char *name = pm_agenda_step_get_step (step);
  const char *page = pm_meeting_step_page (name);

  if (page != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-page", "s", page);
  else if (g_strcmp0 (name, PM_AGENDA_STEP_PUBLISHING) == 0)
    {
      gtk_popover_popdown (self->popover);
      gtk_widget_activate_action (GTK_WIDGET (self), "win.publish", NULL);
    }
}

static void
show_rules (PmMeetingButton *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  PmRulesCard *card;

  gtk_popover_popdown (self->popover);
  card = pm_rules_card_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (card));
}

/* ------------------------------------------------------------------------------------------ */
/* Agenda rows                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static void
on_minutes_changed (GtkSpinButton   *spin,
                    PmMeetingButton *self)
{
  StepRow *row = g_object_get_data (G_OBJECT (spin), "pm-step-row");
  int minutes = gtk_spin_button_get_value_as_int (spin);

  /* Equal values (the model updating the field) are no edit. */
  if (self->document != NULL && row != NULL && minutes != pm_agenda_step_get_minutes (row->step))
    pm_document_set (self->document, row->step, "minutes", minutes, NULL);
}

static void
on_step_notify (PmAgendaStep    *step,
                GParamSpec      *pspec,
                PmMeetingButton *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      StepRow *row = g_ptr_array_index (self->rows, i);

      if (row->step == step &&
          gtk_spin_button_get_value_as_int (row->minutes) != pm_agenda_step_get_minutes (step))
        gtk_spin_button_set_value (row->minutes, pm_agenda_step_get_minutes (step));
    }
  refresh (self);
}

static void
clear_rows (PmMeetingButton *self)
{
  GtkWidget *child;

  for (guint i = 0; i < self->rows->len; i++)
    {
      StepRow *row = g_ptr_array_index (self->rows, i);

      g_signal_handlers_disconnect_by_data (row->step, self);
    }
  g_ptr_array_set_size (self->rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->agenda_list))) != NULL)
    gtk_list_box_remove (self->agenda_list, child);
}

static void
build_rows (PmMeetingButton *self)
{
  GListModel *agenda = pm_document_get_agenda (self->document);
  guint n = g_list_model_get_n_items (agenda);

  for (guint i = 0; i < n; i++)
    {
      StepRow *row = g_new0 (StepRow, 1);
      GtkWidget *minutes_label;
      g_autofree char *minutes_name = NULL;
      const char *title;

      row->step = g_list_model_get_item (agenda, i);
      title = pm_agenda_step_get_title (row->step);

      row->row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), title);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), TRUE);
      /* Translators: tooltip of an agenda step; clicking it goes to that step */
      gtk_widget_set_tooltip_text (row->row, _("Go to this step"));

      /* Shown on the current step only; always there, so that the titles stay aligned. The
       * subtitle says "Now" in words. */
      row->current_icon = GTK_IMAGE (g_object_new (GTK_TYPE_IMAGE,
                                                   "icon-name", "media-playback-start-symbolic",
                                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                   "opacity", 0.0,
                                                   NULL));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row->row), GTK_WIDGET (row->current_icon));

      row->minutes = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, PM_AGENDA_MAX_MINUTES, 1));
      gtk_spin_button_set_value (row->minutes, pm_agenda_step_get_minutes (row->step));
      gtk_spin_button_set_numeric (row->minutes, TRUE);
      gtk_widget_set_valign (GTK_WIDGET (row->minutes), GTK_ALIGN_CENTER);
      /* Translators: accessible name of a time box field; %s is the agenda step */
      minutes_name = g_strdup_printf (_("Time box of %s, in minutes"), title);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->minutes),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, minutes_name,
                                      -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->minutes), _("Time box in minutes"));
      g_object_set_data (G_OBJECT (row->minutes), "pm-step-row", row);
      g_signal_connect_object (row->minutes, "value-changed",
                               G_CALLBACK (on_minutes_changed), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), GTK_WIDGET (row->minutes));

      /* Translators: unit after a time box field, short for minutes */
      minutes_label = gtk_label_new (C_("time box", "min"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (minutes_label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("minutes"),
                                      -1);
      gtk_widget_add_css_class (minutes_label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), minutes_label);

      g_object_set_data (G_OBJECT (row->row), "pm-step-row", row);
      g_signal_connect_object (row->step, "notify", G_CALLBACK (on_step_notify), self, 0);
      gtk_list_box_append (self->agenda_list, row->row);
      g_ptr_array_add (self->rows, row);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_timer_changed (PmMeetingButton *self)
{
  refresh (self);
}

static void
on_start_clicked (PmMeetingButton *self)
{
  pm_meeting_button_start_pause (self);
}

static void
on_next_clicked (PmMeetingButton *self)
{
  pm_meeting_button_next_step (self);
}

static void
on_rules_clicked (PmMeetingButton *self)
{
  show_rules (self);
}

static void
on_agenda_row_activated (PmMeetingButton *self,
                         GtkListBoxRow   *list_row)
{
  StepRow *row = g_object_get_data (G_OBJECT (list_row), "pm-step-row");

  if (self->timer == NULL || row == NULL)
    return;

  pm_meeting_timer_go_to_step (self->timer, row->step);
  show_step (self, row->step);
}

/* Closing the window: the time counted since the last write goes into the document first, so
 * that "Save changes?" and the draft have it. */
static gboolean
on_close_request (PmMeetingButton *self,
                  GtkWindow       *window)
{
  if (self->timer != NULL)
    pm_meeting_timer_flush (self->timer);
  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_meeting_button_root (GtkWidget *widget)
{
  GtkRoot *root;

  GTK_WIDGET_CLASS (pm_meeting_button_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "close-request", G_CALLBACK (on_close_request), widget,
                             G_CONNECT_SWAPPED);
}

static void
pm_meeting_button_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    g_signal_handlers_disconnect_by_func (root, on_close_request, widget);

  GTK_WIDGET_CLASS (pm_meeting_button_parent_class)->unroot (widget);
}

static void
pm_meeting_button_dispose (GObject *object)
{
  PmMeetingButton *self = PM_MEETING_BUTTON (object);

  if (self->rows != NULL)
    clear_rows (self);
  if (self->timer != NULL)
    g_signal_handlers_disconnect_by_data (self->timer, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_MEETING_BUTTON);
  g_clear_object (&self->timer);
  g_clear_object (&self->document);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->time_text, g_free);

  G_OBJECT_CLASS (pm_meeting_button_parent_class)->dispose (object);
}

static void
pm_meeting_button_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PmMeetingButton *self = PM_MEETING_BUTTON (object);

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
pm_meeting_button_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PmMeetingButton *self = PM_MEETING_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pm_meeting_button_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_meeting_button_class_init (PmMeetingButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_meeting_button_dispose;
  object_class->get_property = pm_meeting_button_get_property;
  object_class->set_property = pm_meeting_button_set_property;
  widget_class->root = pm_meeting_button_root;
  widget_class->unroot = pm_meeting_button_unroot;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PM_TYPE_PARKING_LOT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-meeting-button.ui");
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, start_button);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, status_icon);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, step_label);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, time_label);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, popover);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, current_step_label);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, current_time_label);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, start_pause_button);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, next_button);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, agenda_list);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, total_label);
  gtk_widget_class_bind_template_child (widget_class, PmMeetingButton, parking_lot);
  gtk_widget_class_bind_template_callback (widget_class, on_start_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_rules_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_agenda_row_activated);
}

static void
pm_meeting_button_init (PmMeetingButton *self)
{
  self->rows = g_ptr_array_new_with_free_func (step_row_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_meeting_button_new (void)
{
  return g_object_new (PM_TYPE_MEETING_BUTTON, NULL);
}

PmDocument *
pm_meeting_button_get_document (PmMeetingButton *self)
{
  g_return_val_if_fail (PM_IS_MEETING_BUTTON (self), NULL);

  return self->document;
}

void
pm_meeting_button_set_document (PmMeetingButton *self,
                                PmDocument      *document)
{
  g_return_if_fail (PM_IS_MEETING_BUTTON (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  clear_rows (self);
  if (self->timer != NULL)
    {
      /* The time counted so far belongs in the document being left. */
      pm_meeting_timer_pause (self->timer);
      g_signal_handlers_disconnect_by_data (self->timer, self);
      g_clear_object (&self->timer);
    }

  g_set_object (&self->document, document);
  pm_parking_lot_set_document (self->parking_lot, document);

  /* A document from a newer version is only read: no meeting is run in it (its time would
   * mark it modified, and it can only be saved as a copy). */
  if (document != NULL && !pm_document_get_read_only (document))
    {
      self->timer = pm_meeting_timer_new (document, NULL);
      g_signal_connect_object (self->timer, "changed", G_CALLBACK (on_timer_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->timer, "notify::running", G_CALLBACK (on_timer_changed), self,
                               G_CONNECT_SWAPPED);
      build_rows (self);
      refresh (self);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->timer != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

PmMeetingTimer *
pm_meeting_button_get_timer (PmMeetingButton *self)
{
  g_return_val_if_fail (PM_IS_MEETING_BUTTON (self), NULL);

  return self->timer;
}

const char *
pm_meeting_step_page (const char *step)
{
  static const struct { const char *step; const char *page; } pages[] = {
    { PM_AGENDA_STEP_WHAT_HAPPENED, "overview" },
    { PM_AGENDA_STEP_EVENT_STORMING, "timeline" },
    { PM_AGENDA_STEP_ROOT_CAUSES, "root-causes" },
    { PM_AGENDA_STEP_FOLLOW_UP, "follow-up" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (pages[i].step, step) == 0)
      return pages[i].page;
  return NULL;
}

void
pm_meeting_button_start_pause (PmMeetingButton *self)
{
  g_return_if_fail (PM_IS_MEETING_BUTTON (self));

  if (self->timer == NULL)
    return;

  if (pm_meeting_timer_get_running (self->timer))
    pm_meeting_timer_pause (self->timer);
  else if (pm_meeting_timer_start (self->timer))
    {
      /* The meeting begins: its first page, and the ground rules over it. */
      show_step (self, pm_meeting_timer_get_step (self->timer));
      show_rules (self);
    }
}

void
pm_meeting_button_next_step (PmMeetingButton *self)
{
  PmAgendaStep *next;

  g_return_if_fail (PM_IS_MEETING_BUTTON (self));

  if (self->timer != NULL && (next = pm_meeting_timer_next_step (self->timer)) != NULL)
    show_step (self, next);
}

void
pm_meeting_button_show_agenda (PmMeetingButton *self)
{
  g_return_if_fail (PM_IS_MEETING_BUTTON (self));

  if (self->timer != NULL)
    gtk_menu_button_popup (self->menu_button);
}

const char *
_pm_meeting_button_get_time_text (PmMeetingButton *self)
{
  g_return_val_if_fail (PM_IS_MEETING_BUTTON (self), NULL);

  return self->time_text;
}

const char *
_pm_meeting_button_get_step_text (PmMeetingButton *self)
{
  g_return_val_if_fail (PM_IS_MEETING_BUTTON (self), NULL);

  return gtk_label_get_text (self->step_label);
}

GtkPopover *
_pm_meeting_button_get_popover (PmMeetingButton *self)
{
  g_return_val_if_fail (PM_IS_MEETING_BUTTON (self), NULL);

  return self->popover;
}

GtkSpinButton *
_pm_meeting_button_get_minutes (PmMeetingButton *self,
                                guint            position)
{
  g_return_val_if_fail (PM_IS_MEETING_BUTTON (self), NULL);

  if (position >= self->rows->len)
    return NULL;
  return ((StepRow *) g_ptr_array_index (self->rows, position))->minutes;
}
