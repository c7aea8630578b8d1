/* pm-findings-button.c — the method check in the header bar: a count and a findings panel
 *
 * The button shows how many findings the method check has for the document; its popover lists
 * them, each with a short explanation, a "Go There" action (the window's "win.show-object",
 * which switches page and selects the object) and "Dismiss" with a reason, which is saved in
 * the document. Dismissed findings are listed apart and can be restored. The check runs again,
 * in an idle, after every change of the document, undo included.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-accessible.h"

#include <glib/gi18n.h>

#include "pm-analysis.h"
#include "pm-findings-button.h"

struct _PmFindingsButton
{
  AdwBin          parent_instance;

  PmDocument     *document;
  GSignalGroup   *undo_signals;
  GListModel     *findings;
  guint           refresh_source;

  /* Template widgets */
  GtkMenuButton  *button;
  GtkLabel       *count_label;
  GtkExpander    *dismissed_expander;
  GtkListBox     *dismissed_list;
  GtkListBox     *findings_list;
  GtkImage       *icon;
  GtkPopover     *popover;
};

G_DEFINE_FINAL_TYPE (PmFindingsButton, pm_findings_button, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_N_FINDINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void refresh (PmFindingsButton *self);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static char *
one_line (const char *text,
          guint       max_chars)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");

  for (char *p = flat; *p; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  if ((guint) g_utf8_strlen (flat, -1) > max_chars)
    {
      g_autofree char *cut = g_utf8_substring (flat, 0, max_chars - 1);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&flat);
}

/* What a finding is about, in words: "Root cause: …". */
static char *
describe_object (PmDocument *document,
                 const char *kind,
                 const char *id)
{
  g_autofree char *name = NULL;

  if (id == NULL || g_strcmp0 (kind, PM_FINDING_KIND_DOCUMENT) == 0)
    return g_strdup (_("The postmortem as a whole"));

  if (g_strcmp0 (kind, PM_FINDING_KIND_ROOT_CAUSE) == 0)
    {
      PmRootCause *root_cause = pm_document_find_root_cause (document, id);

      name = one_line (root_cause != NULL ? pm_root_cause_get_title (root_cause) : id, 60);
      /* Translators: what a finding is about; %s is a root cause's title */
      return g_strdup_printf (_("Root cause: %s"), name);
    }
  if (g_strcmp0 (kind, PM_FINDING_KIND_EVENT) == 0)
    {
      PmEvent *event = pm_document_find_event (document, id);

      name = one_line (event != NULL ? pm_event_get_text (event) : id, 60);
      /* Translators: what a finding is about; %s is an event's text */
      return g_strdup_printf (_("Event: %s"), name);
    }
  if (g_strcmp0 (kind, PM_FINDING_KIND_MEASURE) == 0)
    {
      PmMeasure *measure = pm_document_find_measure (document, id);

      name = one_line (measure != NULL ? pm_measure_get_title (measure) : id, 60);
      /* Translators: what a finding is about; %s is a measure's title */
      return g_strdup_printf (_("Measure: %s"), name);
    }
  if (g_strcmp0 (kind, PM_FINDING_KIND_PARTICIPANT) == 0)
    {
      PmParticipant *participant = pm_document_find_participant (document, id);

      name = one_line (participant != NULL ? pm_participant_get_name (participant) : id, 60);
      /* Translators: what a finding is about; %s is a participant's name */
      return g_strdup_printf (_("Participant: %s"), name);
    }

  return g_strdup (id);
}

/* The kind of object a dismissal is about, found by its id. */
static const char *
guess_kind (PmDocument *document,
            const char *id)
{
  if (id == NULL)
    return PM_FINDING_KIND_DOCUMENT;
  if (pm_document_find_root_cause (document, id) != NULL)
    return PM_FINDING_KIND_ROOT_CAUSE;
  if (pm_document_find_measure (document, id) != NULL)
    return PM_FINDING_KIND_MEASURE;
  if (pm_document_find_event (document, id) != NULL)
    return PM_FINDING_KIND_EVENT;
  if (pm_document_find_participant (document, id) != NULL)
    return PM_FINDING_KIND_PARTICIPANT;
  return NULL;
}

/* gtk_list_box_remove_all() is GTK 4.12. */
static void
list_box_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static gboolean
refresh_idle_cb (gpointer data)
{
  PmFindingsButton *self = data;

  self->refresh_source = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (PmFindingsButton *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_go_there_clicked_cb (GtkButton        *button,
                        PmFindingsButton *self)
{
  PmFinding *finding = g_object_get_data (G_OBJECT (button), "pm-finding");
  const char *id = pm_finding_get_object_id (finding);

  gtk_popover_popdown (self->popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-object", "(ss)",
                              pm_finding_get_object_kind (finding), id != NULL ? id : "");
}

static void
on_dismiss_confirmed_cb (GtkWidget        *widget,
                         PmFindingsButton *self)
{
  PmFinding *finding = g_object_get_data (G_OBJECT (widget), "pm-finding");
  GtkEditable *entry = g_object_get_data (G_OBJECT (widget), "pm-reason-entry");

  if (self->document == NULL || finding == NULL)
    return;

  pm_document_dismiss_finding (self->document, pm_finding_get_rule (finding),
                               pm_finding_get_object_id (finding),
                               gtk_editable_get_text (entry));
  gtk_widget_grab_focus (GTK_WIDGET (self->findings_list));
}

static void
on_dismiss_toggled_cb (GtkToggleButton *toggle,
                       GtkRevealer     *revealer)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (revealer), "pm-reason-entry");

  gtk_revealer_set_reveal_child (revealer, gtk_toggle_button_get_active (toggle));
  gtk_widget_set_visible (GTK_WIDGET (revealer), gtk_toggle_button_get_active (toggle));
  if (gtk_toggle_button_get_active (toggle))
    gtk_widget_grab_focus (entry);
}

static void
on_restore_clicked_cb (GtkButton        *button,
                       PmFindingsButton *self)
{
  PmDismissal *dismissal = g_object_get_data (G_OBJECT (button), "pm-dismissal");

  if (self->document == NULL || dismissal == NULL)
    return;

  pm_document_begin_change (self->document, _("Restore Finding"));
  pm_document_remove (self->document, pm_document_get_dismissals (self->document), dismissal);
  pm_document_end_change (self->document);
}

static void
on_undo_state_cb (PmFindingsButton *self)
{
  schedule_refresh (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Building the lists                                                                          */
/* ------------------------------------------------------------------------------------------ */

static GtkWidget *
create_finding_row (PmFindingsButton *self,
                    PmFinding        *finding)
{
  gboolean warning = pm_finding_get_severity (finding) == PM_FINDING_WARNING;
  g_autofree char *about = describe_object (self->document, pm_finding_get_object_kind (finding),
                                            pm_finding_get_object_id (finding));
  GtkWidget *row, *box, *top, *icon, *message, *about_label, *buttons, *go, *dismiss;
  GtkWidget *revealer, *reason_box, *entry, *confirm;

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, pm_finding_get_message (finding),
                                  -1);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 9);
  gtk_widget_set_margin_bottom (box, 9);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 9);
  icon = gtk_image_new_from_icon_name (warning ? "dialog-warning-symbolic"
                                               : "dialog-information-symbolic");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_add_css_class (icon, warning ? "warning" : "dim-label");
  gtk_widget_set_tooltip_text (icon, warning ? _("A classic postmortem mistake")
                                             : _("Worth a look before publishing"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  warning ? _("Warning") : _("Advice"),
                                  -1);
  gtk_box_append (GTK_BOX (top), icon);

  message = gtk_label_new (pm_finding_get_message (finding));
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (message), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_max_width_chars (GTK_LABEL (message), 44);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_box_append (GTK_BOX (top), message);
  gtk_box_append (GTK_BOX (box), top);

  about_label = gtk_label_new (about);
  gtk_label_set_xalign (GTK_LABEL (about_label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (about_label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (about_label, "dim-label");
  gtk_widget_add_css_class (about_label, "caption");
  gtk_box_append (GTK_BOX (box), about_label);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  go = gtk_button_new_with_mnemonic (_("_Go There"));
  gtk_widget_set_tooltip_text (go, _("Show what this finding is about"));
  g_object_set_data_full (G_OBJECT (go), "pm-finding", g_object_ref (finding), g_object_unref);
  g_signal_connect_object (go, "clicked", G_CALLBACK (on_go_there_clicked_cb), self, 0);
  dismiss = gtk_toggle_button_new_with_mnemonic (_("_Dismiss…"));
  gtk_widget_set_tooltip_text (dismiss, _("Set this finding aside, with a reason"));
  pm_accessible_name_buttons (go);
  pm_accessible_name_buttons (dismiss);
  gtk_box_append (GTK_BOX (buttons), dismiss);
  gtk_box_append (GTK_BOX (buttons), go);
  gtk_box_append (GTK_BOX (box), buttons);

  reason_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  entry = gtk_entry_new ();
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Why does it not apply?"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for dismissing"),
                                  -1);
  confirm = gtk_button_new_with_mnemonic (_("D_ismiss"));
  gtk_widget_add_css_class (confirm, "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (confirm),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Dismiss Finding"),
                                  -1);
  g_object_set_data_full (G_OBJECT (confirm), "pm-finding", g_object_ref (finding), g_object_unref);
  g_object_set_data (G_OBJECT (confirm), "pm-reason-entry", entry);
  g_object_set_data_full (G_OBJECT (entry), "pm-finding", g_object_ref (finding), g_object_unref);
  g_object_set_data (G_OBJECT (entry), "pm-reason-entry", entry);
  g_signal_connect_object (confirm, "clicked", G_CALLBACK (on_dismiss_confirmed_cb), self, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_dismiss_confirmed_cb), self, 0);
  gtk_box_append (GTK_BOX (reason_box), entry);
  gtk_box_append (GTK_BOX (reason_box), confirm);

  revealer = gtk_revealer_new ();
  gtk_revealer_set_child (GTK_REVEALER (revealer), reason_box);
  gtk_widget_set_visible (revealer, FALSE);
  g_object_set_data (G_OBJECT (revealer), "pm-reason-entry", entry);
  g_signal_connect (dismiss, "toggled", G_CALLBACK (on_dismiss_toggled_cb), revealer);
  gtk_box_append (GTK_BOX (box), revealer);

  return row;
}

static GtkWidget *
create_dismissal_row (PmFindingsButton *self,
                      PmDismissal      *dismissal)
{
  const char *id = pm_dismissal_get_object_id (dismissal);
  const char *kind = guess_kind (self->document, id);
  const char *reason = pm_dismissal_get_reason (dismissal);
  g_autofree char *about = kind != NULL ? describe_object (self->document, kind, id) : g_strdup (id);
  g_autofree char *title = g_strdup_printf ("%s — %s", pm_dismissal_get_rule (dismissal), about);
  g_autofree char *accessible = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *restore;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), *reason ? reason : _("No reason given"));
  g_object_set (row, "title-lines", 2, "subtitle-lines", 3, NULL);

  restore = gtk_button_new_with_mnemonic (_("_Restore"));
  gtk_widget_set_valign (restore, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (restore, _("Show this finding again"));
  /* Translators: accessible name; %s names a dismissed finding */
  accessible = g_strdup_printf (_("Restore %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (restore),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  g_object_set_data_full (G_OBJECT (restore), "pm-dismissal", g_object_ref (dismissal),
                          g_object_unref);
  g_signal_connect_object (restore, "clicked", G_CALLBACK (on_restore_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), restore);
  return row;
}

static void
refresh (PmFindingsButton *self)
{
  guint n = 0, n_dismissed = 0;
  gboolean any_warning = FALSE;
  g_autofree char *count = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *expander_label = NULL;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_object (&self->findings);
  list_box_clear (self->findings_list);
  list_box_clear (self->dismissed_list);

  gtk_widget_set_visible (GTK_WIDGET (self), self->document != NULL);
  if (self->document == NULL)
    return;

  self->findings = pm_analysis_check (self->document, NULL);
  n = g_list_model_get_n_items (self->findings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmFinding) finding = g_list_model_get_item (self->findings, i);

      any_warning |= pm_finding_get_severity (finding) == PM_FINDING_WARNING;
      gtk_list_box_append (self->findings_list, create_finding_row (self, finding));
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No findings. The method check has no advice right now."));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->findings_list, row);
    }

  n_dismissed = g_list_model_get_n_items (pm_document_get_dismissals (self->document));
  for (guint i = 0; i < n_dismissed; i++)
    {
      g_autoptr(PmDismissal) dismissal =
        g_list_model_get_item (pm_document_get_dismissals (self->document), i);

      gtk_list_box_append (self->dismissed_list, create_dismissal_row (self, dismissal));
    }
  /* Translators: the expander listing dismissed findings; %u is how many */
  expander_label = g_strdup_printf (_("Dismissed (%u)"), n_dismissed);
  gtk_expander_set_label (self->dismissed_expander, expander_label);
  gtk_widget_set_visible (GTK_WIDGET (self->dismissed_expander), n_dismissed > 0);

  count = g_strdup_printf ("%u", n);
  gtk_label_set_text (self->count_label, count);
  gtk_image_set_from_icon_name (self->icon, any_warning ? "dialog-warning-symbolic"
                                                        : "dialog-information-symbolic");
  /* Translators: accessible name of the header bar button, e.g. "3 method findings" */
  name = g_strdup_printf (ngettext ("%u method finding", "%u method findings", n), n);
  /* Translators: tooltip of the header bar button */
  tooltip = g_strdup_printf (ngettext ("Method check: %u finding", "Method check: %u findings", n), n);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  if (n > 0)
    gtk_widget_remove_css_class (GTK_WIDGET (self->button), "flat");

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FINDINGS]);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_findings_button_dispose (GObject *object)
{
  PmFindingsButton *self = (PmFindingsButton *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  if (self->undo_signals != NULL)
    g_signal_group_set_target (self->undo_signals, NULL);
  g_clear_object (&self->undo_signals);
  g_clear_object (&self->findings);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pm_findings_button_parent_class)->dispose (object);
}

static void
pm_findings_button_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PmFindingsButton *self = PM_FINDINGS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_N_FINDINGS:
      g_value_set_uint (value, pm_findings_button_get_n_findings (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_findings_button_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PmFindingsButton *self = PM_FINDINGS_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pm_findings_button_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_findings_button_class_init (PmFindingsButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_findings_button_dispose;
  object_class->get_property = pm_findings_button_get_property;
  object_class->set_property = pm_findings_button_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_FINDINGS] =
    g_param_spec_uint ("n-findings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-findings-button.ui");
  gtk_widget_class_bind_template_child (widget_class, PmFindingsButton, button);
  gtk_widget_class_bind_template_child (widget_class, PmFindingsButton, count_label);
  gtk_widget_class_bind_template_child (widget_class, PmFindingsButton, dismissed_expander);
  gtk_widget_class_bind_template_child (widget_class, PmFindingsButton, dismissed_list);
  gtk_widget_class_bind_template_child (widget_class, PmFindingsButton, findings_list);
  gtk_widget_class_bind_template_child (widget_class, PmFindingsButton, icon);
  gtk_widget_class_bind_template_child (widget_class, PmFindingsButton, popover);
}

static void
pm_findings_button_init (PmFindingsButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->undo_signals = g_signal_group_new (PM_TYPE_UNDO_STACK);
  g_signal_group_connect_object (self->undo_signals, "notify::state",
                                 G_CALLBACK (on_undo_state_cb), self, G_CONNECT_SWAPPED);
  refresh (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_findings_button_new (void)
{
  return g_object_new (PM_TYPE_FINDINGS_BUTTON, NULL);
}

PmDocument *
pm_findings_button_get_document (PmFindingsButton *self)
{
  g_return_val_if_fail (PM_IS_FINDINGS_BUTTON (self), NULL);

  return self->document;
}

void
pm_findings_button_set_document (PmFindingsButton *self,
                                 PmDocument       *document)
{
  g_return_if_fail (PM_IS_FINDINGS_BUTTON (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  g_signal_group_set_target (self->undo_signals,
                             document != NULL ? pm_document_get_undo_stack (document) : NULL);
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

GListModel *
pm_findings_button_get_findings (PmFindingsButton *self)
{
  g_return_val_if_fail (PM_IS_FINDINGS_BUTTON (self), NULL);

  return self->findings;
}

guint
pm_findings_button_get_n_findings (PmFindingsButton *self)
{
  g_return_val_if_fail (PM_IS_FINDINGS_BUTTON (self), 0);

  return self->findings != NULL ? g_list_model_get_n_items (self->findings) : 0;
}

void
_pm_findings_button_refresh (PmFindingsButton *self)
{
  g_return_if_fail (PM_IS_FINDINGS_BUTTON (self));

  refresh (self);
}

GtkPopover *
_pm_findings_button_get_popover (PmFindingsButton *self)
{
  g_return_val_if_fail (PM_IS_FINDINGS_BUTTON (self), NULL);

  return self->popover;
}
