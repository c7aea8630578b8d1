/* pm-participant-row.c — one participant on the Overview page, edited in place
 *
 * The collapsed row says who the person is (name, role, moderator, absent); expanding it
 * edits the same four things. Every edit goes through the document, and the row follows the
 * participant's "notify" signals, so undo and edits elsewhere show up here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-limits.h"
#include "pm-participant-row.h"

struct _PmParticipantRow
{
  AdwExpanderRow  parent_instance;

  PmDocument     *document;
  PmParticipant  *participant;

  /* Set while widgets are updated from the model, so that their signals are not taken for
   * user edits. */
  gboolean        syncing;

  /* Template widgets */
  GtkSwitch      *attended_switch;
  GtkSwitch      *moderator_switch;
  AdwEntryRow    *name_row;
  GtkButton      *remove_button;
  AdwEntryRow    *role_row;
};

G_DEFINE_FINAL_TYPE (PmParticipantRow, pm_participant_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_PARTICIPANT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static const char *
nonnull (const char *str)
{
  return str != NULL ? str : "";
}

static void
set_editable_text (PmParticipantRow *self,
                   GtkEditable      *editable,
                   const char       *text)
{
  /* Only when it differs: the user's cursor stays where it is while they type. */
  if (g_strcmp0 (gtk_editable_get_text (editable), nonnull (text)) == 0)
    return;

  self->syncing = TRUE;
  gtk_editable_set_text (editable, nonnull (text));
  self->syncing = FALSE;
}

static void
set_switch_active (PmParticipantRow *self,
                   GtkSwitch        *sw,
                   gboolean          active)
{
  if (gtk_switch_get_active (sw) == active)
    return;

  self->syncing = TRUE;
  gtk_switch_set_active (sw, active);
  self->syncing = FALSE;
}

static void
update_header (PmParticipantRow *self)
{
  const char *name = pm_participant_get_name (self->participant);
  const char *role = pm_participant_get_role (self->participant);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped_subtitle = NULL;
  g_autofree char *remove_label = NULL;

  if (name == NULL || *name == '\0')
    {
      title = g_markup_escape_text (_("Unnamed participant"), -1);
      remove_label = g_strdup (_("Remove unnamed participant"));
    }
  else
    {
      title = g_markup_escape_text (name, -1);
      /* Translators: %s is a person's name */
      remove_label = g_strdup_printf (_("Remove participant %s"), name);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  /* The row in the participants list is named after the person, not only its header. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name != NULL && *name != '\0' ? name : _("Unnamed participant"),
                                  -1);

  if (role != NULL && *role != '\0')
    g_ptr_array_add (parts, (gpointer) role);
  if (pm_participant_get_moderator (self->participant))
    g_ptr_array_add (parts, (gpointer) C_("participant role", "Moderator"));
  if (!pm_participant_get_attended (self->participant))
    g_ptr_array_add (parts, (gpointer) _("Did not attend"));
  g_ptr_array_add (parts, NULL);
  /* Translators: separates a participant's role and status, e.g. "Release team · Moderator" */
  subtitle = g_strjoinv (_(" · "), (char **) parts->pdata);
  escaped_subtitle = g_markup_escape_text (subtitle, -1);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), escaped_subtitle);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remove_button), remove_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label,
                                  -1);
}

static void
sync_from_model (PmParticipantRow *self)
{
  g_assert (PM_IS_PARTICIPANT_ROW (self));

  set_editable_text (self, GTK_EDITABLE (self->name_row),
                     pm_participant_get_name (self->participant));
  set_editable_text (self, GTK_EDITABLE (self->role_row),
                     pm_participant_get_role (self->participant));
  set_switch_active (self, self->moderator_switch,
                     pm_participant_get_moderator (self->participant));
  set_switch_active (self, self->attended_switch,
                     pm_participant_get_attended (self->participant));
  update_header (self);
}

static void
set_text_property (PmParticipantRow *self,
                   const char       *property,
                   GtkEditable      *editable)
{
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->syncing || self->document == NULL || self->participant == NULL)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, gtk_editable_get_text (editable));
  pm_document_set_value_merging (self->document, self->participant, property, &value);
}

/* Single-line entries: one line of at most @max_chars, and no undo of their own, so that
 * Ctrl+Z reaches the document's undo. */
static void
setup_entry (AdwEntryRow *row,
             int          max_chars)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  gtk_editable_set_enable_undo (GTK_EDITABLE (row), FALSE);
  if (GTK_IS_TEXT (delegate))
    gtk_text_set_max_length (GTK_TEXT (delegate), max_chars);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_participant_notify_cb (PmParticipantRow *self,
                          GParamSpec       *pspec,
                          PmParticipant    *participant)
{
  g_assert (PM_IS_PARTICIPANT_ROW (self));

  sync_from_model (self);
}

static void
on_name_changed_cb (PmParticipantRow *self,
                    GtkEditable      *editable)
{
  set_text_property (self, "name", editable);
}

static void
on_role_changed_cb (PmParticipantRow *self,
                    GtkEditable      *editable)
{
  set_text_property (self, "role", editable);
}

static void
on_moderator_active_cb (PmParticipantRow *self,
                        GParamSpec       *pspec,
                        GtkSwitch        *sw)
{
  if (self->syncing || self->document == NULL)
    return;

  pm_document_set (self->document, self->participant,
                   "moderator", gtk_switch_get_active (sw),
                   NULL);
}

static void
on_attended_active_cb (PmParticipantRow *self,
                       GParamSpec       *pspec,
                       GtkSwitch        *sw)
{
  if (self->syncing || self->document == NULL)
    return;

  pm_document_set (self->document, self->participant,
                   "attended", gtk_switch_get_active (sw),
                   NULL);
}

static void
on_remove_clicked_cb (PmParticipantRow *self,
                      GtkButton        *button)
{
  g_autoptr(PmDocument) document = NULL;

  if (self->document == NULL)
    return;

  /* Removing the item destroys this row: keep what we need alive until we are done. */
  document = g_object_ref (self->document);
  pm_document_remove (document, pm_document_get_participants (document), self->participant);
}

/* Leaving a field ends its run of merged keystrokes: each visit is one undo step. */
static void
on_focus_leave_cb (PmParticipantRow         *self,
                   GtkEventControllerFocus  *controller)
{
  if (self->document != NULL)
    pm_undo_stack_break_merge (pm_document_get_undo_stack (self->document));
}

static void
add_focus_controller (PmParticipantRow *self,
                      GtkWidget        *widget)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_signal_connect_object (focus, "leave", G_CALLBACK (on_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, focus);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_participant_row_constructed (GObject *object)
{
  PmParticipantRow *self = (PmParticipantRow *)object;

  G_OBJECT_CLASS (pm_participant_row_parent_class)->constructed (object);

  g_return_if_fail (PM_IS_PARTICIPANT (self->participant));

  g_signal_connect_object (self->participant, "notify",
                           G_CALLBACK (on_participant_notify_cb), self,
                           G_CONNECT_SWAPPED);
  sync_from_model (self);
}

static void
pm_participant_row_dispose (GObject *object)
{
  PmParticipantRow *self = (PmParticipantRow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_PARTICIPANT_ROW);

  g_clear_object (&self->participant);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pm_participant_row_parent_class)->dispose (object);
}

static void
pm_participant_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PmParticipantRow *self = PM_PARTICIPANT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_PARTICIPANT:
      g_value_set_object (value, self->participant);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_participant_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PmParticipantRow *self = PM_PARTICIPANT_ROW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_PARTICIPANT:
      self->participant = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_participant_row_class_init (PmParticipantRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pm_participant_row_constructed;
  object_class->dispose = pm_participant_row_dispose;
  object_class->get_property = pm_participant_row_get_property;
  object_class->set_property = pm_participant_row_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PARTICIPANT] =
    g_param_spec_object ("participant", NULL, NULL, PM_TYPE_PARTICIPANT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-participant-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PmParticipantRow, attended_switch);
  gtk_widget_class_bind_template_child (widget_class, PmParticipantRow, moderator_switch);
  gtk_widget_class_bind_template_child (widget_class, PmParticipantRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, PmParticipantRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, PmParticipantRow, role_row);
  gtk_widget_class_bind_template_callback (widget_class, on_attended_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_moderator_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_role_changed_cb);
}

static void
pm_participant_row_init (PmParticipantRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  setup_entry (self->name_row, PM_LIMIT_TITLE_CHARS);
  setup_entry (self->role_row, PM_LIMIT_TITLE_CHARS);
  add_focus_controller (self, GTK_WIDGET (self->name_row));
  add_focus_controller (self, GTK_WIDGET (self->role_row));
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_participant_row_new (PmDocument    *document,
                        PmParticipant *participant)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (PM_IS_PARTICIPANT (participant), NULL);

  return g_object_new (PM_TYPE_PARTICIPANT_ROW,
                       "document", document,
                       "participant", participant,
                       NULL);
}

PmParticipant *
pm_participant_row_get_participant (PmParticipantRow *self)
{
  g_return_val_if_fail (PM_IS_PARTICIPANT_ROW (self), NULL);

  return self->participant;
}

void
pm_participant_row_start_editing (PmParticipantRow *self)
{
  g_return_if_fail (PM_IS_PARTICIPANT_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, -1);
}
