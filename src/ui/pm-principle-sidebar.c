/* pm-principle-sidebar.c — the seven principles, assessed for one root cause
 *
 * For the selected root cause, each principle gets a one-line explanation, a few guiding
 * questions for the room, a verdict (not assessed, contributed, held up, not relevant) and a
 * note. "Held up" matters as much as "contributed": the team learns what worked.
 *
 * The sidebar keeps no copy: the verdict buttons and notes edit the root cause's PmAssessment
 * through the document (one undo step per verdict; typing a note merges), and every change of
 * the document, undo included, is put back into the widgets from the model.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-principle-sidebar.h"
#include "pm-vocabulary.h"

#define N_VERDICTS 4

typedef struct
{
  PmPrincipleSidebar *self;
  PmPrinciple         principle;
  GtkWidget          *box;
  GtkImage           *mark;
  GtkToggleButton    *toggles[N_VERDICTS];
  GtkTextView        *note_view;
} Entry;

struct _PmPrincipleSidebar
{
  GtkWidget            parent_instance;

  PmDocument          *document;
  PmRootCause         *root_cause;
  GSignalGroup        *undo_signals;
  Entry                entries[PM_N_PRINCIPLES];
  char                *progress_text;

  /* TRUE while widgets are updated from the model: their signals are not user edits. */
  gboolean             syncing;

  /* Template widgets */
  GtkButton           *add_measure_button;
  GtkBox              *box;
  GtkBox              *entries_box;
  GtkLevelBar         *progress_bar;
  GtkLabel            *progress_label;
  GtkLabel            *root_cause_label;
  GtkScrolledWindow   *scroller;
  GtkStack            *stack;
};

G_DEFINE_FINAL_TYPE (PmPrincipleSidebar, pm_principle_sidebar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ROOT_CAUSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const verdicts[N_VERDICTS] = {
  "not-assessed", "contributed", "held-up", "not-relevant"
};

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static PmAssessment *
get_assessment (Entry *entry)
{
  if (entry->self->root_cause == NULL)
    return NULL;
  return pm_root_cause_get_assessment (entry->self->root_cause, entry->principle);
}

static void
sync_entry (PmPrincipleSidebar *self,
            Entry              *entry)
{
  PmAssessment *assessment = get_assessment (entry);
  const char *verdict = assessment != NULL ? pm_assessment_get_verdict (assessment) : "not-assessed";
  const char *note = assessment != NULL ? pm_assessment_get_note (assessment) : "";
  gboolean assessed = g_strcmp0 (verdict, "not-assessed") != 0;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (entry->note_view);
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  for (guint i = 0; i < N_VERDICTS; i++)
    {
      gboolean active = g_strcmp0 (verdict, verdicts[i]) == 0;

      if (gtk_toggle_button_get_active (entry->toggles[i]) != active)
        gtk_toggle_button_set_active (entry->toggles[i], active);
    }

  gtk_image_set_from_icon_name (entry->mark,
                                g_str_equal (verdict, "contributed") ? "dialog-warning-symbolic"
                                : g_str_equal (verdict, "held-up") ? "emblem-ok-symbolic"
                                : g_str_equal (verdict, "not-relevant") ? "list-remove-symbolic"
                                : "checkbox-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry->mark),
                               pm_vocabulary_get_label (PM_VOCABULARY_VERDICT, verdict));
  for (guint i = 0; i < N_VERDICTS; i++)
    gtk_widget_remove_css_class (entry->box, verdicts[i]);
  gtk_widget_add_css_class (entry->box, verdict);

  /* A note belongs to an assessment: until there is a verdict, there is nothing to note on
   * (and the file keeps no note for a principle not assessed). */
  gtk_widget_set_sensitive (GTK_WIDGET (entry->note_view), assessed || (note != NULL && *note));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, note != NULL ? note : "") != 0)
    gtk_text_buffer_set_text (buffer, note != NULL ? note : "", -1);
}

static void
sync_from_model (PmPrincipleSidebar *self)
{
  guint assessed = 0;

  self->syncing = TRUE;

  gtk_stack_set_visible_child_name (self->stack, self->root_cause != NULL ? "principles" : "empty");

  if (self->root_cause != NULL)
    {
      const char *title = pm_root_cause_get_title (self->root_cause);

      gtk_label_set_text (self->root_cause_label,
                          title != NULL && *title ? title : _("Untitled root cause"));
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->add_measure_button),
                                              g_variant_new_string (pm_root_cause_get_id (self->root_cause)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_measure_button), "win.add-measure");
    }
  else
    gtk_label_set_text (self->root_cause_label, _("No root cause selected"));

  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    {
      PmAssessment *assessment;

      sync_entry (self, &self->entries[i]);
      assessment = get_assessment (&self->entries[i]);
      if (assessment != NULL && g_strcmp0 (pm_assessment_get_verdict (assessment), "not-assessed") != 0)
        assessed++;
    }

  g_free (self->progress_text);
  /* Translators: progress of the principle checklist, e.g. "5 of 7 assessed" */
  self->progress_text = g_strdup_printf (_("%u of %u assessed"), assessed, (guint) PM_N_PRINCIPLES);
  gtk_label_set_text (self->progress_label, self->progress_text);
  gtk_level_bar_set_value (self->progress_bar, assessed);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), self->root_cause != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), self->root_cause != NULL);

  self->syncing = FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_undo_state_cb (PmPrincipleSidebar *self)
{
  sync_from_model (self);
}

static void
on_verdict_toggled_cb (GtkToggleButton *toggle,
                       Entry           *entry)
{
  PmPrincipleSidebar *self = entry->self;
  PmAssessment *assessment = get_assessment (entry);
  const char *verdict = g_object_get_data (G_OBJECT (toggle), "pm-verdict");

  if (self->syncing || !gtk_toggle_button_get_active (toggle) || assessment == NULL ||
      self->document == NULL)
    return;

  if (g_strcmp0 (pm_assessment_get_verdict (assessment), verdict) != 0)
    pm_document_set (self->document, assessment, "verdict", verdict, NULL);
}

static void
on_note_changed_cb (GtkTextBuffer *buffer,
                    Entry         *entry)
{
  PmPrincipleSidebar *self = entry->self;
  PmAssessment *assessment = get_assessment (entry);
  g_auto(GValue) value = G_VALUE_INIT;
  GtkTextIter start, end;

  if (self->syncing || assessment == NULL || self->document == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  g_value_init (&value, G_TYPE_STRING);
  g_value_take_string (&value, gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  pm_document_set_value_merging (self->document, assessment, "note", &value);
}

/* ------------------------------------------------------------------------------------------ */
/* Building the entries                                                                        */
/* ------------------------------------------------------------------------------------------ */

static GtkWidget *
build_entry (PmPrincipleSidebar *self,
             Entry              *entry)
{
  const char *name = pm_principle_get_label (entry->principle);
  g_auto(GStrv) questions = pm_principle_dup_questions (entry->principle);
  g_autoptr(GString) question_text = g_string_new (NULL);
  g_autofree char *note_name = NULL;
  GtkWidget *box, *header, *title, *explanation, *expander, *questions_label, *grid;
  GtkWidget *note_label, *frame, *group = NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "pm-principle-entry");
  entry->box = box;

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 12);
  entry->mark = GTK_IMAGE (gtk_image_new ());
  gtk_widget_add_css_class (GTK_WIDGET (entry->mark), "pm-verdict-mark");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (entry->mark));
  title = gtk_label_new (name);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (header), title);
  gtk_box_append (GTK_BOX (box), header);

  explanation = gtk_label_new (pm_principle_get_explanation (entry->principle));
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_widget_set_margin_start (explanation, 12);
  gtk_widget_set_margin_end (explanation, 12);
  gtk_box_append (GTK_BOX (box), explanation);

  for (guint i = 0; questions[i] != NULL; i++)
    g_string_append_printf (question_text, "%s• %s", i > 0 ? "\n" : "", questions[i]);
  questions_label = gtk_label_new (question_text->str);
  gtk_label_set_wrap (GTK_LABEL (questions_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (questions_label), 0);
  gtk_widget_add_css_class (questions_label, "dim-label");
  gtk_widget_set_margin_top (questions_label, 6);
  expander = gtk_expander_new (_("Questions to ask"));
  {
    g_autofree char *expander_name = NULL;

    /* Translators: accessible name, e.g. "Questions to ask about Rigor" */
    expander_name = g_strdup_printf (_("Questions to ask about %s"), name);
    gtk_accessible_update_property (GTK_ACCESSIBLE (expander),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, expander_name,
                                    -1);
  }
  gtk_expander_set_child (GTK_EXPANDER (expander), questions_label);
  gtk_widget_set_margin_start (expander, 12);
  gtk_widget_set_margin_end (expander, 12);
  gtk_box_append (GTK_BOX (box), expander);

  grid = gtk_grid_new ();
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  for (guint i = 0; i < N_VERDICTS; i++)
    {
      const char *label = pm_vocabulary_get_label (PM_VOCABULARY_VERDICT, verdicts[i]);
      g_autofree char *accessible = NULL;
      GtkWidget *toggle = gtk_toggle_button_new_with_label (label);

      /* Translators: accessible name of a verdict button, e.g. "Rigor: Held up" */
      accessible = g_strdup_printf (_("%s: %s"), name, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      g_object_set_data (G_OBJECT (toggle), "pm-verdict", (gpointer) verdicts[i]);
      gtk_widget_add_css_class (toggle, verdicts[i]);
      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (toggle), GTK_TOGGLE_BUTTON (group));
      else
        group = toggle;
      g_signal_connect (toggle, "toggled", G_CALLBACK (on_verdict_toggled_cb), entry);
      entry->toggles[i] = GTK_TOGGLE_BUTTON (toggle);
      gtk_grid_attach (GTK_GRID (grid), toggle, i % 2, i / 2, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);

  note_label = gtk_label_new_with_mnemonic (_("_Note"));
  gtk_label_set_xalign (GTK_LABEL (note_label), 0);
  gtk_widget_set_margin_start (note_label, 12);
  gtk_widget_add_css_class (note_label, "caption-heading");
  gtk_box_append (GTK_BOX (box), note_label);

  entry->note_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (entry->note_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (entry->note_view, FALSE);
  gtk_text_view_set_top_margin (entry->note_view, 6);
  gtk_text_view_set_bottom_margin (entry->note_view, 6);
  gtk_text_view_set_left_margin (entry->note_view, 6);
  gtk_text_view_set_right_margin (entry->note_view, 6);
  gtk_widget_set_size_request (GTK_WIDGET (entry->note_view), -1, 56);
  /* Translators: accessible name of a note field, e.g. "Note on Rigor" */
  note_name = g_strdup_printf (_("Note on %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry->note_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, note_name,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry->note_view),
                               _("What the team found for this principle"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (note_label), GTK_WIDGET (entry->note_view));
  g_signal_connect (gtk_text_view_get_buffer (entry->note_view), "changed",
                    G_CALLBACK (on_note_changed_cb), entry);
  frame = gtk_frame_new (NULL);
  gtk_frame_set_child (GTK_FRAME (frame), GTK_WIDGET (entry->note_view));
  gtk_widget_set_margin_start (frame, 12);
  gtk_widget_set_margin_end (frame, 12);
  gtk_widget_set_margin_bottom (frame, 12);
  gtk_box_append (GTK_BOX (box), frame);

  return box;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_principle_sidebar_dispose (GObject *object)
{
  PmPrincipleSidebar *self = (PmPrincipleSidebar *)object;

  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    if (self->entries[i].note_view != NULL)
      g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (self->entries[i].note_view),
                                            &self->entries[i]);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_PRINCIPLE_SIDEBAR);
  if (self->undo_signals != NULL)
    g_signal_group_set_target (self->undo_signals, NULL);
  g_clear_object (&self->undo_signals);
  g_clear_object (&self->root_cause);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pm_principle_sidebar_parent_class)->dispose (object);
}

static void
pm_principle_sidebar_finalize (GObject *object)
{
  PmPrincipleSidebar *self = (PmPrincipleSidebar *)object;

  g_clear_pointer (&self->progress_text, g_free);

  G_OBJECT_CLASS (pm_principle_sidebar_parent_class)->finalize (object);
}

static void
pm_principle_sidebar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  PmPrincipleSidebar *self = PM_PRINCIPLE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_ROOT_CAUSE:
      g_value_set_object (value, self->root_cause);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_principle_sidebar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  PmPrincipleSidebar *self = PM_PRINCIPLE_SIDEBAR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pm_principle_sidebar_set_document (self, g_value_get_object (value));
      break;
    case PROP_ROOT_CAUSE:
      pm_principle_sidebar_set_root_cause (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_principle_sidebar_class_init (PmPrincipleSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_principle_sidebar_dispose;
  object_class->finalize = pm_principle_sidebar_finalize;
  object_class->get_property = pm_principle_sidebar_get_property;
  object_class->set_property = pm_principle_sidebar_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROOT_CAUSE] =
    g_param_spec_object ("root-cause", NULL, NULL, PM_TYPE_ROOT_CAUSE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pm-principle-sidebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-principle-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, PmPrincipleSidebar, add_measure_button);
  gtk_widget_class_bind_template_child (widget_class, PmPrincipleSidebar, box);
  gtk_widget_class_bind_template_child (widget_class, PmPrincipleSidebar, entries_box);
  gtk_widget_class_bind_template_child (widget_class, PmPrincipleSidebar, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PmPrincipleSidebar, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PmPrincipleSidebar, root_cause_label);
  gtk_widget_class_bind_template_child (widget_class, PmPrincipleSidebar, scroller);
  gtk_widget_class_bind_template_child (widget_class, PmPrincipleSidebar, stack);
}

static void
pm_principle_sidebar_init (PmPrincipleSidebar *self)
{
  GtkWidget *previous = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    {
      GtkWidget *entry_box;

      self->entries[i].self = self;
      self->entries[i].principle = (PmPrinciple) i;
      entry_box = build_entry (self, &self->entries[i]);
      gtk_box_insert_child_after (self->entries_box, entry_box, previous);
      previous = entry_box;
    }

  self->undo_signals = g_signal_group_new (PM_TYPE_UNDO_STACK);
  g_signal_group_connect_object (self->undo_signals, "notify::state",
                                 G_CALLBACK (on_undo_state_cb), self, G_CONNECT_SWAPPED);

  sync_from_model (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_principle_sidebar_new (void)
{
  return g_object_new (PM_TYPE_PRINCIPLE_SIDEBAR, NULL);
}

PmDocument *
pm_principle_sidebar_get_document (PmPrincipleSidebar *self)
{
  g_return_val_if_fail (PM_IS_PRINCIPLE_SIDEBAR (self), NULL);

  return self->document;
}

void
pm_principle_sidebar_set_document (PmPrincipleSidebar *self,
                                   PmDocument         *document)
{
  g_return_if_fail (PM_IS_PRINCIPLE_SIDEBAR (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  g_signal_group_set_target (self->undo_signals,
                             document != NULL ? pm_document_get_undo_stack (document) : NULL);
  pm_principle_sidebar_set_root_cause (self, NULL);
  sync_from_model (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

PmRootCause *
pm_principle_sidebar_get_root_cause (PmPrincipleSidebar *self)
{
  g_return_val_if_fail (PM_IS_PRINCIPLE_SIDEBAR (self), NULL);

  return self->root_cause;
}

void
pm_principle_sidebar_set_root_cause (PmPrincipleSidebar *self,
                                     PmRootCause        *root_cause)
{
  g_return_if_fail (PM_IS_PRINCIPLE_SIDEBAR (self));
  g_return_if_fail (root_cause == NULL || PM_IS_ROOT_CAUSE (root_cause));

  if (!g_set_object (&self->root_cause, root_cause))
    return;

  /* Typing a note for another root cause starts a new undo step. */
  if (self->document != NULL)
    pm_undo_stack_break_merge (pm_document_get_undo_stack (self->document));
  sync_from_model (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOT_CAUSE]);
}

void
pm_principle_sidebar_focus_principle (PmPrincipleSidebar *self,
                                      PmPrinciple         principle)
{
  Entry *entry;
  graphene_point_t point;

  g_return_if_fail (PM_IS_PRINCIPLE_SIDEBAR (self));
  g_return_if_fail ((guint) principle < PM_N_PRINCIPLES);

  entry = &self->entries[principle];
  for (guint i = 0; i < N_VERDICTS; i++)
    if (gtk_toggle_button_get_active (entry->toggles[i]))
      gtk_widget_grab_focus (GTK_WIDGET (entry->toggles[i]));

  /* Scroll the entry to the top of the list when it is laid out. */
  if (gtk_widget_compute_point (entry->box, GTK_WIDGET (self->entries_box),
                                &GRAPHENE_POINT_INIT (0, 0), &point))
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

      gtk_adjustment_set_value (adjustment, point.y - 12);
    }
}

const char *
pm_principle_sidebar_get_progress_text (PmPrincipleSidebar *self)
{
  g_return_val_if_fail (PM_IS_PRINCIPLE_SIDEBAR (self), NULL);

  return self->progress_text;
}
