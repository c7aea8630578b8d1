/* pm-rules-card.c — the ground rules, shown when the meeting begins
 *
 * Three rules in our own words, read out before the first step: the people involved acted in
 * good faith with what they knew, the results are shared, and we fix systems and processes,
 * not people. Each rule has an icon beside it, but its text says it all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-message-dialog.h"
#include "pm-rules-card.h"

struct _PmRulesCard
{
  AdwMessageDialog parent_instance;
};

G_DEFINE_FINAL_TYPE (PmRulesCard, pm_rules_card, ADW_TYPE_MESSAGE_DIALOG)

static void
pm_rules_card_class_init (PmRulesCardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-rules-card.ui");
}

static void
pm_rules_card_init (PmRulesCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  pm_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                   "begin", _("_Let’s Begin"),
                                   NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "begin");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "begin");
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "begin",
                                              ADW_RESPONSE_SUGGESTED);
}

PmRulesCard *
pm_rules_card_new (GtkWindow *parent)
{
  PmRulesCard *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PM_TYPE_RULES_CARD,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  /* The zoom and presentation styles apply to the card as to its window. */
  if (parent != NULL && gtk_widget_has_css_class (GTK_WIDGET (parent), "pm-presentation"))
    gtk_widget_add_css_class (GTK_WIDGET (self), "pm-presentation");
  return self;
}
