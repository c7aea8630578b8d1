/* pm-parking-lot.c — topics raised in the meeting that do not belong in it
 *
 * A list bound to the document's parking lot: each topic's text and who raised it can be edited
 * in place (typing merges into one undo step per field), and a topic is removed with its button
 * (undo brings it back, as the toast offers). New topics are typed at the top; Enter adds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-parking-lot.h"
#include "pm-window.h"

struct _PmParkingLot
{
  GtkBox      parent_instance;

  PmDocument *document;

  /* Template widgets */
  GtkEntry   *topic_entry;
  GtkEntry   *raised_by_entry;
  GtkButton  *add_button;
  GtkListBox *topics_list;
};

G_DEFINE_FINAL_TYPE (PmParkingLot, pm_parking_lot, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Rows                                                                                        */
/* ------------------------------------------------------------------------------------------ */

/* Typing in a row: one undo step per field while the typing goes on. */
static void
on_row_entry_changed (GtkEditable  *editable,
                      PmParkingLot *self)
{
  PmParkingTopic *topic = g_object_get_data (G_OBJECT (editable), "pm-topic");
  const char *property = g_object_get_data (G_OBJECT (editable), "pm-property");
  g_auto(GValue) value = G_VALUE_INIT;

  if (self->document == NULL || topic == NULL)
    return;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, gtk_editable_get_text (editable));
  /* Equal values (the model updating the entry) are no edit. */
  pm_document_set_value_merging (self->document, topic, property, &value);
}

/* The model changed (undo, redo): show it, unless the entry shows it already. */
static void
on_topic_notify (PmParkingTopic *topic,
                 GParamSpec     *pspec,
                 GtkEditable    *editable)
{
  g_autofree char *text = NULL;

  g_object_get (topic, pspec->name, &text, NULL);
  if (g_strcmp0 (gtk_editable_get_text (editable), text ? text : "") != 0)
    gtk_editable_set_text (editable, text ? text : "");
}

static void
on_remove_clicked (GtkButton    *button,
                   PmParkingLot *self)
{
  PmParkingTopic *topic = g_object_get_data (G_OBJECT (button), "pm-topic");
  AdwToast *toast;

  if (self->document == NULL || topic == NULL)
    return;

  pm_document_begin_change (self->document, _("Remove Topic"));
  pm_document_remove (self->document, pm_document_get_parking_lot (self->document), topic);
  pm_document_end_change (self->document);

  toast = adw_toast_new (_("Topic removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  pm_widget_show_toast (GTK_WIDGET (self), toast);
}

static GtkWidget *
make_entry (PmParkingLot   *self,
            PmParkingTopic *topic,
            const char     *property,
            const char     *accessible_name,
            const char     *placeholder)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *text = NULL;

  g_object_get (topic, property, &text, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), text ? text : "");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);
  g_object_set_data (G_OBJECT (entry), "pm-topic", topic);
  g_object_set_data (G_OBJECT (entry), "pm-property", (gpointer) property);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_row_entry_changed), self, 0);
  {
    g_autofree char *signal = g_strconcat ("notify::", property, NULL);

    g_signal_connect_object (topic, signal, G_CALLBACK (on_topic_notify), entry, 0);
  }
  return entry;
}

/* The row and its remove button are named after the topic, for screen readers. */
static void
update_row_names (PmParkingTopic *topic,
                  GParamSpec     *pspec,
                  GtkWidget      *row)
{
  GtkWidget *remove = g_object_get_data (G_OBJECT (row), "pm-remove");
  const char *text = pm_parking_topic_get_text (topic);
  g_autofree char *remove_name = NULL;

  if (text[0] == '\0')
    text = _("Empty topic");
  /* Translators: accessible name of a button; %s is a parked topic */
  remove_name = g_strdup_printf (_("Remove “%s”"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name,
                                  -1);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  PmParkingLot *self = user_data;
  PmParkingTopic *topic = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *text = make_entry (self, topic, "text", _("Topic"), _("Topic"));
  GtkWidget *raised_by = make_entry (self, topic, "raised-by", _("Raised by"), _("Raised by"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_hexpand (text, TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (raised_by), 8);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (raised_by), 10);
  gtk_widget_set_tooltip_text (remove, _("Remove Topic"));
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data (G_OBJECT (remove), "pm-topic", topic);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (on_remove_clicked), self, 0);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), raised_by);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  g_object_set_data (G_OBJECT (row), "pm-remove", remove);
  update_row_names (topic, NULL, row);
  g_signal_connect_object (topic, "notify::text", G_CALLBACK (update_row_names), row, 0);
  return row;
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
update_add_button (PmParkingLot *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->topic_entry))));

  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), self->document != NULL && text[0] != '\0');
}

static void
on_topic_entry_changed (PmParkingLot *self)
{
  update_add_button (self);
}

static void
on_add (PmParkingLot *self)
{
  _pm_parking_lot_add (self,
                       gtk_editable_get_text (GTK_EDITABLE (self->topic_entry)),
                       gtk_editable_get_text (GTK_EDITABLE (self->raised_by_entry)));
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_parking_lot_dispose (GObject *object)
{
  PmParkingLot *self = PM_PARKING_LOT (object);

  if (self->topics_list != NULL)
    gtk_list_box_bind_model (self->topics_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_PARKING_LOT);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pm_parking_lot_parent_class)->dispose (object);
}

static void
pm_parking_lot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PmParkingLot *self = PM_PARKING_LOT (object);

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
pm_parking_lot_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PmParkingLot *self = PM_PARKING_LOT (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pm_parking_lot_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_parking_lot_class_init (PmParkingLotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_parking_lot_dispose;
  object_class->get_property = pm_parking_lot_get_property;
  object_class->set_property = pm_parking_lot_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-parking-lot.ui");
  gtk_widget_class_bind_template_child (widget_class, PmParkingLot, topic_entry);
  gtk_widget_class_bind_template_child (widget_class, PmParkingLot, raised_by_entry);
  gtk_widget_class_bind_template_child (widget_class, PmParkingLot, add_button);
  gtk_widget_class_bind_template_child (widget_class, PmParkingLot, topics_list);
  gtk_widget_class_bind_template_callback (widget_class, on_topic_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_add);
}

static void
pm_parking_lot_init (PmParkingLot *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_add_button (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_parking_lot_new (void)
{
  return g_object_new (PM_TYPE_PARKING_LOT, NULL);
}

PmDocument *
pm_parking_lot_get_document (PmParkingLot *self)
{
  g_return_val_if_fail (PM_IS_PARKING_LOT (self), NULL);

  return self->document;
}

void
pm_parking_lot_set_document (PmParkingLot *self,
                             PmDocument   *document)
{
  g_return_if_fail (PM_IS_PARKING_LOT (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));

  if (!g_set_object (&self->document, document))
    return;

  gtk_list_box_bind_model (self->topics_list,
                           document != NULL ? pm_document_get_parking_lot (document) : NULL,
                           document != NULL ? create_row : NULL, self, NULL);
  update_add_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
_pm_parking_lot_add (PmParkingLot *self,
                     const char   *text,
                     const char   *raised_by)
{
  g_autofree char *topic_text = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *who = g_strstrip (g_strdup (raised_by != NULL ? raised_by : ""));
  g_autoptr(PmParkingTopic) topic = NULL;

  g_return_if_fail (PM_IS_PARKING_LOT (self));

  if (self->document == NULL || topic_text[0] == '\0')
    return;

  topic = pm_parking_topic_new (topic_text, who);
  pm_document_begin_change (self->document, _("Park Topic"));
  pm_document_append (self->document, pm_document_get_parking_lot (self->document), topic);
  pm_document_end_change (self->document);

  gtk_editable_set_text (GTK_EDITABLE (self->topic_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->raised_by_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->topic_entry));
}

GtkListBox *
_pm_parking_lot_get_list (PmParkingLot *self)
{
  g_return_val_if_fail (PM_IS_PARKING_LOT (self), NULL);

  return self->topics_list;
}
