/* pm-collect-bar.c — the strips that belong to participants' copies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-collect-bar.h"
#include "pm-merge.h"
#include "pm-merge-review-dialog.h"

struct _PmCollectBar
{
  GtkBox        parent_instance;

  PmDocument   *document;
  GSignalGroup *document_signals;
  GSignalGroup *participants_signals;

  GtkInfoBar   *copy_bar;
  GtkLabel     *copy_label;
  GtkInfoBar   *review_bar;
  GtkLabel     *review_label;
  GtkButton    *review_button;
};

G_DEFINE_FINAL_TYPE (PmCollectBar, pm_collect_bar, GTK_TYPE_BOX)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
reveal (GtkInfoBar *bar,
        gboolean    shown)
{
  gtk_widget_set_visible (GTK_WIDGET (bar), shown);
  gtk_info_bar_set_revealed (bar, shown);
}

static guint
length_of (JsonArray *array)
{
  return array ? json_array_get_length (array) : 0;
}

static void
update (PmCollectBar *self)
{
  const char *prepared_for = self->document ? pm_document_get_prepared_for (self->document) : NULL;
  PmParticipant *participant = NULL;
  guint n_proposals = 0, n_conflicts = 0, n_suggestions = 0;

  if (prepared_for != NULL)
    participant = pm_document_find_participant (self->document, prepared_for);
  if (participant != NULL)
    {
      const char *name = pm_participant_get_name (participant);
      g_autofree char *text = NULL;

      /* Translators: shown in a participant's copy; %s is their name */
      text = g_strdup_printf (_("This copy is for %s: add the events you know. They are marked "
                                "as yours; send the file back to the moderator when you are done."),
                              name && *name ? name : prepared_for);
      gtk_label_set_text (self->copy_label, text);
    }
  reveal (self->copy_bar, participant != NULL);

  if (self->document != NULL)
    {
      JsonArray *conflicts = pm_merge_get_conflicts (self->document);

      for (guint i = 0; i < length_of (conflicts); i++)
        {
          JsonNode *node = json_array_get_element (conflicts, i);

          if (JSON_NODE_HOLDS_OBJECT (node) &&
              json_object_has_member (json_node_get_object (node), "source"))
            n_proposals++;
          else
            n_conflicts++;
        }
      n_suggestions = length_of (pm_merge_get_duplicate_suggestions (self->document));
    }
  if (n_proposals + n_conflicts + n_suggestions > 0)
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *text = NULL;

      if (n_proposals > 0)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u proposal",
                                                              "%u proposals", n_proposals),
                                                 n_proposals));
      if (n_conflicts > 0)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict",
                                                              "%u conflicts", n_conflicts),
                                                 n_conflicts));
      if (n_suggestions > 0)
        g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "%u possible duplicate",
                                                              "%u possible duplicates",
                                                              n_suggestions),
                                                 n_suggestions));
      if (parts->len == 3)
        /* Translators: "2 proposals, 1 conflict and 3 possible duplicates to decide" */
        text = g_strdup_printf (_("%s, %s and %s to decide"), (char *) parts->pdata[0],
                                (char *) parts->pdata[1], (char *) parts->pdata[2]);
      else if (parts->len == 2)
        /* Translators: "2 proposals and 1 possible duplicate to decide" */
        text = g_strdup_printf (_("%s and %s to decide"), (char *) parts->pdata[0],
                                (char *) parts->pdata[1]);
      else
        /* Translators: "2 proposals to decide" */
        text = g_strdup_printf (_("%s to decide"), (char *) parts->pdata[0]);
      gtk_label_set_text (self->review_label, text);
    }
  reveal (self->review_bar, n_proposals + n_conflicts + n_suggestions > 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_document_notify_cb (PmCollectBar *self,
                       GParamSpec   *pspec,
                       PmDocument   *document)
{
  update (self);
}

static void
on_participants_changed_cb (PmCollectBar *self,
                            guint         position,
                            guint         removed,
                            guint         added,
                            GListModel   *model)
{
  update (self);
}

static void
on_review_clicked_cb (PmCollectBar *self,
                      GtkButton    *button)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->document != NULL)
    pm_merge_review_dialog_present (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->document);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_collect_bar_dispose (GObject *object)
{
  PmCollectBar *self = PM_COLLECT_BAR (object);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->participants_signals);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_COLLECT_BAR);

  G_OBJECT_CLASS (pm_collect_bar_parent_class)->dispose (object);
}

static void
pm_collect_bar_class_init (PmCollectBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_collect_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-collect-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, PmCollectBar, copy_bar);
  gtk_widget_class_bind_template_child (widget_class, PmCollectBar, copy_label);
  gtk_widget_class_bind_template_child (widget_class, PmCollectBar, review_bar);
  gtk_widget_class_bind_template_child (widget_class, PmCollectBar, review_label);
  gtk_widget_class_bind_template_child (widget_class, PmCollectBar, review_button);
  gtk_widget_class_bind_template_callback (widget_class, on_review_clicked_cb);
}

static void
pm_collect_bar_init (PmCollectBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->document_signals = g_signal_group_new (PM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::prepared-for",
                                 G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::merge-conflicts",
                                 G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::duplicate-suggestions",
                                 G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
  self->participants_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->participants_signals, "items-changed",
                                 G_CALLBACK (on_participants_changed_cb), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

void
pm_collect_bar_set_document (PmCollectBar *self,
                             PmDocument   *document)
{
  g_return_if_fail (PM_IS_COLLECT_BAR (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;
  g_signal_group_set_target (self->document_signals, document);
  g_signal_group_set_target (self->participants_signals,
                             document ? pm_document_get_participants (document) : NULL);
  update (self);
}
