/* pm-follow-up-page.c — the Follow-up page: later meetings that check every measure
 *
 * A summary strip counts the measures by where they stand now; each planned meeting shows the
 * same counts as they stood at that meeting (from the status histories), so the page tells how
 * the work went over time. A meeting's invitation is exported as an .ics file (pm-ics.c).
 *
 * Running a follow-up steps through every measure that is not closed. For each one it shows
 * what changed since the previous meeting, and records the status found and a note in one go:
 * a PmReview in the meeting's reviews and the status change in the measure's history, grouped
 * into one undo step.
 *
 * The page keeps no copy of the document: it rebuilds at idle time on any change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-due.h"
#include "pm-accessible.h"
#include "pm-follow-up-page.h"
#include "pm-ics.h"
#include "pm-review.h"
#include "pm-status-change.h"
#include "pm-time.h"
#include "pm-vocabulary.h"
#include "pm-window.h"

typedef struct
{
  guint done;
  guint verified;
  guint open;
  guint overdue;
  guint dropped;
} Counts;

struct _PmFollowUpPage
{
  AdwBin               parent_instance;

  PmDocument          *document;
  GHashTable          *watched;      /* GObject → handler id */
  guint                rebuild_source;

  /* The review that runs, if any. */
  PmFollowUp          *review_follow_up;
  GPtrArray           *review_queue; /* PmMeasure */
  guint                review_pos;
  GPtrArray           *status_values;

  /* Template children */
  GtkBox              *summary_strip;
  GtkStack            *stack;
  AdwEntryRow         *when_row;
  GtkLabel            *when_hint;
  GtkButton           *plan_button;
  GtkListBox          *meetings_list;
  GtkLabel            *review_progress;
  GtkLabel            *review_title;
  GtkLabel            *review_details;
  GtkListBox          *changes_list;
  AdwPreferencesGroup *changes_group;
  AdwComboRow         *review_status_row;
  AdwEntryRow         *review_note_row;
  GtkButton           *record_button;
};

G_DEFINE_FINAL_TYPE (PmFollowUpPage, pm_follow_up_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_rebuild (PmFollowUpPage *self);
static void show_review_item (PmFollowUpPage *self);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_editable (PmFollowUpPage *self)
{
  return self->document != NULL && !pm_document_get_read_only (self->document);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The status @measure had at @unix_time, from its history; NULL when it did not exist yet
 * (its first recorded change is later). Without any history: its current status. */
static const char *
status_at (PmMeasure *measure,
           gint64     unix_time)
{
  GListModel *history = pm_measure_get_history (measure);
  guint n = g_list_model_get_n_items (history);
  const char *status = NULL;

  if (n == 0)
    return pm_measure_get_status (measure);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmStatusChange) change = g_list_model_get_item (history, i);
      const PmTime *time = pm_status_change_get_time (change);

      if (time != NULL && pm_time_get_unix (time) > unix_time)
        {
          if (i == 0)
            return nonempty (pm_status_change_get_from (change)) != NULL
                   ? pm_status_change_get_from (change) : "proposed";
          break;
        }
      status = pm_status_change_get_to (change);
    }

  return status;
}

static void
count_status (Counts     *counts,
              const char *status,
              gboolean    overdue)
{
  if (g_strcmp0 (status, "done") == 0)
    counts->done++;
  else if (g_strcmp0 (status, "verified") == 0)
    counts->verified++;
  else if (g_strcmp0 (status, "dropped") == 0)
    counts->dropped++;
  else
    counts->open++;
  if (overdue)
    counts->overdue++;
}

static void
count_now (PmFollowUpPage *self,
           Counts         *counts)
{
  GListModel *measures = pm_document_get_measures (self->document);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (self->document);

  memset (counts, 0, sizeof *counts);
  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) m = g_list_model_get_item (measures, i);

      count_status (counts, pm_measure_get_status (m),
                    pm_due_get_state (pm_measure_get_due (m), pm_measure_get_status (m), now, zone)
                    == PM_DUE_OVERDUE);
    }
}

static char *
format_counts (const Counts *c)
{
  /* Translators: the measures by status, e.g. "2 done, 1 verified, 4 open, 1 overdue, 1 dropped" */
  return g_strdup_printf (_("%u done, %u verified, %u open, %u overdue, %u dropped"),
                          c->done, c->verified, c->open, c->overdue, c->dropped);
}

/* The meeting before @follow_up in time, or NULL. */
static PmFollowUp *
previous_meeting (PmFollowUpPage *self,
                  PmFollowUp     *follow_up)
{
  GListModel *list = pm_document_get_follow_ups (self->document);
  const PmTime *time = pm_follow_up_get_time (follow_up);
  PmFollowUp *best = NULL;

  if (time == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(PmFollowUp) other = g_list_model_get_item (list, i);
      const PmTime *other_time = pm_follow_up_get_time (other);

      if (other == follow_up || other_time == NULL
          || pm_time_get_unix (other_time) >= pm_time_get_unix (time))
        continue;
      if (best == NULL || pm_time_get_unix (other_time) > pm_time_get_unix (pm_follow_up_get_time (best)))
        best = other;
    }

  return best;
}

static GtkWindow *
get_window (PmFollowUpPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Summary strip and meetings                                                                 */
/* ------------------------------------------------------------------------------------------ */

static void
add_strip_item (PmFollowUpPage *self,
                const char     *icon_name,
                guint           count,
                const char     *what,
                const char     *css_class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *number = g_strdup_printf ("%u", count);
  g_autofree char *accessible = g_strdup_printf ("%s: %u", what, count);
  GtkWidget *number_label = gtk_label_new (number);
  GtkWidget *what_label = gtk_label_new (what);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "pm-strip-item");
  if (css_class != NULL && count > 0)
    gtk_widget_add_css_class (box, css_class);
  gtk_widget_set_halign (top, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), gtk_image_new_from_icon_name (icon_name));
  gtk_widget_add_css_class (number_label, "title-2");
  gtk_box_append (GTK_BOX (top), number_label);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), what_label);
  gtk_widget_set_margin_top (top, 6);
  gtk_widget_set_margin_bottom (what_label, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_box_append (self->summary_strip, box);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       PmFollowUpPage  *self)
{
  PmFollowUp *follow_up = g_object_get_data (G_OBJECT (chooser), "pm-follow-up");

  if (response == GTK_RESPONSE_ACCEPT && follow_up != NULL && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;

      if (!pm_follow_up_page_export_ics (self, follow_up, file, &error))
        {
          GtkWindow *window = get_window (self);

          if (PM_IS_WINDOW (window))
            pm_window_show_error (PM_WINDOW (window), _("Could Not Export the Invitation"),
                                  error->message);
          else
            g_message ("%s", error->message);
        }
      else if (PM_IS_WINDOW (get_window (self)))
        pm_window_show_toast (PM_WINDOW (get_window (self)), _("Invitation exported"));
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_export_clicked_cb (GtkButton      *button,
                      PmFollowUpPage *self)
{
  PmFollowUp *follow_up = g_object_get_data (G_OBJECT (button), "pm-follow-up");
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new (_("Export Invitation"), get_window (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Calendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  dt = pm_time_to_date_time (pm_follow_up_get_time (follow_up), NULL);
  name = dt != NULL ? g_date_time_format (dt, "follow-up-%Y-%m-%d.ics") : g_strdup ("follow-up.ics");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "pm-follow-up", g_object_ref (follow_up), g_object_unref);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_review_clicked_cb (GtkButton      *button,
                      PmFollowUpPage *self)
{
  pm_follow_up_page_start_review (self, g_object_get_data (G_OBJECT (button), "pm-follow-up"));
}

static void
on_remove_clicked_cb (GtkButton      *button,
                      PmFollowUpPage *self)
{
  PmFollowUp *follow_up = g_object_get_data (G_OBJECT (button), "pm-follow-up");

  if (is_editable (self))
    pm_document_remove (self->document, pm_document_get_follow_ups (self->document), follow_up);
}

static void
on_attendee_toggled_cb (GtkCheckButton *check,
                        PmFollowUpPage *self)
{
  PmFollowUp *follow_up = g_object_get_data (G_OBJECT (check), "pm-follow-up");
  const char *id = g_object_get_data (G_OBJECT (check), "pm-id");
  const char * const *attendees = pm_follow_up_get_attendees (follow_up);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) result = NULL;
  gboolean active = gtk_check_button_get_active (check);
  gboolean present = attendees != NULL && g_strv_contains (attendees, id);

  if (!is_editable (self) || active == present)
    return;

  for (guint i = 0; attendees != NULL && attendees[i] != NULL; i++)
    if (!g_str_equal (attendees[i], id))
      g_strv_builder_add (builder, attendees[i]);
  if (active)
    g_strv_builder_add (builder, id);
  result = g_strv_builder_end (builder);
  pm_document_set (self->document, follow_up, "attendees", result[0] != NULL ? result : NULL, NULL);
}

static GtkWidget *
create_meeting_row (PmFollowUpPage *self,
                    PmFollowUp     *follow_up)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export Invitation…"));
  GtkWidget *review = gtk_button_new_with_mnemonic (_("_Run Review"));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *buttons_row = adw_action_row_new ();
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (self->document);
  const PmTime *time = pm_follow_up_get_time (follow_up);
  g_autofree char *when = pm_time_format (time, zone, FALSE);
  g_autofree char *title = time != NULL ? g_strdup_printf (_("Follow-up on %s"), when)
                                        : g_strdup (_("Follow-up, date not set"));
  const char * const *attendees = pm_follow_up_get_attendees (follow_up);
  GListModel *participants = pm_document_get_participants (self->document);
  GListModel *measures = pm_document_get_measures (self->document);
  guint n_reviews = g_list_model_get_n_items (pm_follow_up_get_reviews (follow_up));
  g_autoptr(GString) subtitle = g_string_new (NULL);
  const char *notes = nonempty (pm_follow_up_get_notes (follow_up));

  pm_accessible_name_buttons (export);
  pm_accessible_name_buttons (review);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_string_append_printf (subtitle, ngettext ("%u attendee", "%u attendees",
                                              attendees != NULL ? g_strv_length ((char **) attendees) : 0),
                          attendees != NULL ? g_strv_length ((char **) attendees) : 0);
  g_string_append (subtitle, " · ");
  g_string_append_printf (subtitle, ngettext ("%u measure reviewed", "%u measures reviewed", n_reviews),
                          n_reviews);
  if (time != NULL)
    {
      Counts counts = { 0, };
      g_autofree char *text = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
        {
          g_autoptr(PmMeasure) m = g_list_model_get_item (measures, i);
          const char *status = status_at (m, pm_time_get_unix (time));

          if (status != NULL)
            count_status (&counts, status, FALSE);
        }
      text = g_strdup_printf (_("Standing then: %u done, %u verified, %u open, %u dropped"),
                              counts.done, counts.verified, counts.open, counts.dropped);
      g_string_append (subtitle, "\n");
      g_string_append (subtitle, text);
    }
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle->str, -1);

    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), escaped);
  }

  if (notes != NULL)
    {
      GtkWidget *notes_row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (notes_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (notes_row), _("Notes"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (notes_row), notes);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), notes_row);
    }

  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PmParticipant) p = g_list_model_get_item (participants, i);
      const char *name = nonempty (pm_participant_get_name (p));
      GtkWidget *prow = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *label = g_strdup_printf (_("Invite %s"), name != NULL ? name : pm_participant_get_id (p));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (prow), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (prow), name != NULL ? name : pm_participant_get_id (p));
      if (nonempty (pm_participant_get_role (p)) != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (prow), pm_participant_get_role (p));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   attendees != NULL && g_strv_contains (attendees, pm_participant_get_id (p)));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data_full (G_OBJECT (check), "pm-id", g_strdup (pm_participant_get_id (p)), g_free);
      g_object_set_data_full (G_OBJECT (check), "pm-follow-up", g_object_ref (follow_up), g_object_unref);
      g_signal_connect (check, "toggled", G_CALLBACK (on_attendee_toggled_cb), self);
      gtk_widget_set_sensitive (check, is_editable (self));
      adw_action_row_add_prefix (ADW_ACTION_ROW (prow), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (prow), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), prow);
    }

  gtk_widget_set_tooltip_text (remove, _("Remove this follow-up"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove Follow-up"), -1);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_sensitive (export, time != NULL);
  gtk_widget_set_sensitive (review, is_editable (self));
  gtk_widget_set_sensitive (remove, is_editable (self));
  for (GtkWidget *b = export; b != NULL; b = b == export ? review : b == review ? remove : NULL)
    {
      gtk_widget_set_valign (b, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (b), "pm-follow-up", g_object_ref (follow_up), g_object_unref);
      gtk_box_append (GTK_BOX (buttons), b);
    }
  g_signal_connect (export, "clicked", G_CALLBACK (on_export_clicked_cb), self);
  g_signal_connect (review, "clicked", G_CALLBACK (on_review_clicked_cb), self);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (buttons_row), _("Invitation and review"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (buttons_row), buttons);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), buttons_row);

  return row;
}

static void
on_watched_cb (PmFollowUpPage *self)
{
  queue_rebuild (self);
}

static void
watch (PmFollowUpPage *self,
       gpointer        object,
       const char     *signal)
{
  gulong id;

  if (g_hash_table_contains (self->watched, object))
    return;
  id = g_signal_connect_object (object, signal, G_CALLBACK (on_watched_cb), self, G_CONNECT_SWAPPED);
  g_hash_table_insert (self->watched, g_object_ref (object), GSIZE_TO_POINTER (id));
}

static void
unwatch_all (PmFollowUpPage *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->watched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_signal_handler_disconnect (key, GPOINTER_TO_SIZE (value));
  g_hash_table_remove_all (self->watched);
}

static void
rebuild (PmFollowUpPage *self)
{
  GtkWidget *child;
  Counts counts;
  GListModel *follow_ups;
  g_autoptr(GPtrArray) sorted = NULL;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  unwatch_all (self);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->summary_strip))) != NULL)
    gtk_box_remove (self->summary_strip, child);
  clear_list (self->meetings_list);

  if (self->document == NULL)
    return;

  watch (self, pm_document_get_measures (self->document), "items-changed");
  watch (self, pm_document_get_participants (self->document), "items-changed");
  watch (self, pm_document_get_follow_ups (self->document), "items-changed");
  watch (self, self->document, "notify::timezone");
  watch (self, self->document, "notify::read-only");

  count_now (self, &counts);
  add_strip_item (self, "object-select-symbolic", counts.done, C_("measures", "Done"), NULL);
  add_strip_item (self, "emblem-ok-symbolic", counts.verified, C_("measures", "Verified"), NULL);
  add_strip_item (self, "content-loading-symbolic", counts.open, C_("measures", "Open"), NULL);
  add_strip_item (self, "dialog-warning-symbolic", counts.overdue, C_("measures", "Overdue"), "pm-overdue");
  add_strip_item (self, "edit-delete-symbolic", counts.dropped, C_("measures", "Dropped"), NULL);
  {
    g_autofree char *text = format_counts (&counts);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_strip), text);
  }

  for (guint i = 0; i < g_list_model_get_n_items (pm_document_get_measures (self->document)); i++)
    {
      g_autoptr(PmMeasure) m = g_list_model_get_item (pm_document_get_measures (self->document), i);

      watch (self, m, "notify");
    }

  follow_ups = pm_document_get_follow_ups (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (follow_ups); i++)
    {
      g_autoptr(PmFollowUp) fu = g_list_model_get_item (follow_ups, i);

      watch (self, fu, "notify");
      watch (self, pm_follow_up_get_reviews (fu), "items-changed");
      gtk_list_box_append (self->meetings_list, create_meeting_row (self, fu));
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->when_row), is_editable (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->plan_button), is_editable (self));

  /* A review whose meeting was removed (or whose plan was undone) ends. */
  if (self->review_follow_up != NULL
      && pm_document_find_follow_up (self->document, pm_follow_up_get_id (self->review_follow_up))
         != self->review_follow_up)
    {
      g_clear_object (&self->review_follow_up);
      gtk_stack_set_visible_child_name (self->stack, "plan");
    }
  else if (self->review_follow_up != NULL)
    show_review_item (self);
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  PmFollowUpPage *self = data;

  self->rebuild_source = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

static void
queue_rebuild (PmFollowUpPage *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 20, rebuild_idle_cb, self, NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* Review                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
show_review_item (PmFollowUpPage *self)
{
  PmMeasure *measure;
  PmFollowUp *previous;
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (self->document);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  const char * const *statuses = pm_vocabulary_get_values (PM_VOCABULARY_MEASURE_STATUS);
  const char *status;
  const char *owner_id;
  PmParticipant *owner;
  GListModel *history;
  g_autofree char *progress = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  guint status_pos = 0;
  guint n_changes = 0;
  gint64 since;

  /* Skip measures removed since the review began. */
  while (self->review_pos < self->review_queue->len
         && pm_document_find_measure (self->document,
                                      pm_measure_get_id (g_ptr_array_index (self->review_queue,
                                                                            self->review_pos)))
            != g_ptr_array_index (self->review_queue, self->review_pos))
    self->review_pos++;

  if (self->review_pos >= self->review_queue->len)
    {
      g_clear_object (&self->review_follow_up);
      gtk_stack_set_visible_child_name (self->stack, "plan");
      if (PM_IS_WINDOW (get_window (self)))
        pm_window_show_toast (PM_WINDOW (get_window (self)), _("Every open measure was reviewed"));
      return;
    }

  measure = g_ptr_array_index (self->review_queue, self->review_pos);
  status = pm_measure_get_status (measure);
  progress = g_strdup_printf (_("Measure %u of %u"), self->review_pos + 1, self->review_queue->len);
  gtk_label_set_text (self->review_progress, progress);
  gtk_label_set_text (self->review_title, nonempty (pm_measure_get_title (measure)) != NULL
                                          ? pm_measure_get_title (measure) : _("Untitled measure"));

  g_string_append_printf (details, _("Status now: %s"),
                          pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS, status));
  owner_id = pm_measure_get_owner (measure);
  owner = owner_id != NULL ? pm_document_find_participant (self->document, owner_id) : NULL;
  if (owner != NULL)
    g_string_append_printf (details, " · %s", pm_participant_get_name (owner));
  else if (nonempty (pm_measure_get_escalation (measure)) != NULL)
    g_string_append_printf (details, " · %s", pm_measure_get_escalation (measure));
  if (pm_measure_get_due (measure) != NULL)
    {
      g_string_append (details, " · ");
      g_string_append_printf (details, _("due %s"), pm_measure_get_due (measure));
    }
  gtk_label_set_text (self->review_details, details->str);

  /* What changed since the last meeting. */
  previous = previous_meeting (self, self->review_follow_up);
  since = previous != NULL ? pm_time_get_unix (pm_follow_up_get_time (previous)) : G_MININT64;
  adw_preferences_group_set_title (self->changes_group,
                                   previous != NULL ? _("Since the Last Meeting")
                                                    : _("Since the Postmortem"));
  clear_list (self->changes_list);
  history = pm_measure_get_history (measure);
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(PmStatusChange) change = g_list_model_get_item (history, i);
      const PmTime *time = pm_status_change_get_time (change);
      g_autofree char *when = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (time == NULL || pm_time_get_unix (time) <= since)
        continue;
      when = pm_time_format (time, zone, FALSE);
      title = nonempty (pm_status_change_get_from (change)) != NULL
              ? g_strdup_printf (_("%s → %s"),
                                 pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS,
                                                          pm_status_change_get_from (change)),
                                 pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS,
                                                          pm_status_change_get_to (change)))
              : g_strdup (pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS,
                                                   pm_status_change_get_to (change)));
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (nonempty (pm_status_change_get_note (change)) != NULL)
        {
          g_autofree char *subtitle = g_strdup_printf ("%s — %s", when, pm_status_change_get_note (change));

          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), when);
      gtk_list_box_append (self->changes_list, row);
      n_changes++;
    }
  if (n_changes == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No change recorded"));
      gtk_list_box_append (self->changes_list, row);
    }

  /* The status choice starts at the status now. */
  g_ptr_array_set_size (self->status_values, 0);
  for (guint i = 0; statuses[i] != NULL; i++)
    {
      if (g_strcmp0 (statuses[i], status) == 0)
        status_pos = i;
      g_ptr_array_add (self->status_values, g_strdup (statuses[i]));
      g_ptr_array_add (labels, (char *) pm_vocabulary_get_label (PM_VOCABULARY_MEASURE_STATUS, statuses[i]));
    }
  if (status != NULL && !pm_vocabulary_contains (PM_VOCABULARY_MEASURE_STATUS, status))
    {
      status_pos = self->status_values->len;
      g_ptr_array_add (self->status_values, g_strdup (status));
      g_ptr_array_add (labels, (char *) status);
    }
  g_ptr_array_add (labels, NULL);
  adw_combo_row_set_model (self->review_status_row,
                           G_LIST_MODEL (gtk_string_list_new ((const char * const *) labels->pdata)));
  g_object_unref (adw_combo_row_get_model (self->review_status_row));
  adw_combo_row_set_selected (self->review_status_row, status_pos);
  gtk_stack_set_visible_child_name (self->stack, "review");
}

static void
on_record_clicked_cb (PmFollowUpPage *self)
{
  guint pos = adw_combo_row_get_selected (self->review_status_row);

  g_autofree char *note = NULL;
  g_autofree char *status = NULL;

  if (self->review_follow_up == NULL || pos >= self->status_values->len)
    return;

  status = g_strdup (g_ptr_array_index (self->status_values, pos));
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->review_note_row))));
  /* Dropping a measure needs a reason. */
  if (g_str_equal (status, "dropped") && note[0] == '\0'
      && g_strcmp0 (pm_measure_get_status (pm_follow_up_page_get_reviewed (self)), "dropped") != 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->review_note_row), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->review_note_row),
                                   _("Say why the measure is dropped"));
      gtk_widget_grab_focus (GTK_WIDGET (self->review_note_row));
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (self->review_note_row), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->review_note_row), NULL);
  pm_follow_up_page_record (self, status, note);
}

static void
on_skip_clicked_cb (PmFollowUpPage *self)
{
  if (self->review_follow_up == NULL)
    return;

  self->review_pos++;
  gtk_editable_set_text (GTK_EDITABLE (self->review_note_row), "");
  show_review_item (self);
}

static void
on_finish_clicked_cb (PmFollowUpPage *self)
{
  g_clear_object (&self->review_follow_up);
  gtk_stack_set_visible_child_name (self->stack, "plan");
}

static void
on_plan_clicked_cb (PmFollowUpPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->when_row));

  if (pm_follow_up_page_plan (self, text, &error) == NULL)
    {
      gtk_label_set_text (self->when_hint, error != NULL ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->when_hint), error != NULL);
      gtk_widget_add_css_class (GTK_WIDGET (self->when_row), "error");
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->when_hint), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->when_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->when_row), "");
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_follow_up_page_dispose (GObject *object)
{
  PmFollowUpPage *self = (PmFollowUpPage *)object;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);
  if (self->watched != NULL)
    unwatch_all (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_FOLLOW_UP_PAGE);

  g_clear_object (&self->review_follow_up);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pm_follow_up_page_parent_class)->dispose (object);
}

static void
pm_follow_up_page_finalize (GObject *object)
{
  PmFollowUpPage *self = (PmFollowUpPage *)object;

  g_clear_pointer (&self->watched, g_hash_table_unref);
  g_clear_pointer (&self->review_queue, g_ptr_array_unref);
  g_clear_pointer (&self->status_values, g_ptr_array_unref);

  G_OBJECT_CLASS (pm_follow_up_page_parent_class)->finalize (object);
}

static void
pm_follow_up_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PmFollowUpPage *self = PM_FOLLOW_UP_PAGE (object);

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
pm_follow_up_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PmFollowUpPage *self = PM_FOLLOW_UP_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pm_follow_up_page_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_follow_up_page_class_init (PmFollowUpPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_follow_up_page_dispose;
  object_class->finalize = pm_follow_up_page_finalize;
  object_class->get_property = pm_follow_up_page_get_property;
  object_class->set_property = pm_follow_up_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-follow-up-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, changes_group);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, changes_list);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, meetings_list);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, plan_button);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, record_button);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, review_details);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, review_note_row);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, review_progress);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, review_status_row);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, review_title);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, summary_strip);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, when_hint);
  gtk_widget_class_bind_template_child (widget_class, PmFollowUpPage, when_row);
  gtk_widget_class_bind_template_callback (widget_class, on_finish_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_record_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_skip_clicked_cb);
}

static void
pm_follow_up_page_init (PmFollowUpPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  pm_accessible_name_buttons (GTK_WIDGET (self));

  self->watched = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->review_queue = g_ptr_array_new_with_free_func (g_object_unref);
  self->status_values = g_ptr_array_new_with_free_func (g_free);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->when_row), FALSE);

  placeholder = gtk_label_new (_("No follow-up planned yet"));
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->meetings_list, placeholder);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_follow_up_page_new (void)
{
  return g_object_new (PM_TYPE_FOLLOW_UP_PAGE, NULL);
}

PmDocument *
pm_follow_up_page_get_document (PmFollowUpPage *self)
{
  g_return_val_if_fail (PM_IS_FOLLOW_UP_PAGE (self), NULL);

  return self->document;
}

void
pm_follow_up_page_set_document (PmFollowUpPage *self,
                                PmDocument     *document)
{
  g_return_if_fail (PM_IS_FOLLOW_UP_PAGE (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_clear_object (&self->review_follow_up);
  gtk_stack_set_visible_child_name (self->stack, "plan");
  g_set_object (&self->document, document);
  rebuild (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

PmFollowUp *
pm_follow_up_page_plan (PmFollowUpPage *self,
                        const char     *when,
                        GError        **error)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(PmTime) time = NULL;
  g_autoptr(PmFollowUp) follow_up = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) attendees = NULL;
  g_autofree char *id = NULL;
  GListModel *participants;
  GError *local_error = NULL;

  g_return_val_if_fail (PM_IS_FOLLOW_UP_PAGE (self), NULL);

  if (!is_editable (self))
    return NULL;

  zone = pm_document_dup_time_zone (self->document);
  time = pm_time_parse_user (when != NULL ? when : "", zone, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (time == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Enter a date and time, for example 2025-01-14 14:00."));
      return NULL;
    }
  /* A date the invitation cannot hold would also make the saved file one we refuse. */
  if (!pm_ics_check_time (time, error))
    return NULL;

  builder = g_strv_builder_new ();
  participants = pm_document_get_participants (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(PmParticipant) p = g_list_model_get_item (participants, i);

      if (pm_participant_get_attended (p))
        g_strv_builder_add (builder, pm_participant_get_id (p));
    }
  attendees = g_strv_builder_end (builder);

  id = pm_document_generate_id (self->document, "fu");
  follow_up = pm_follow_up_new (id);
  pm_follow_up_set_time (follow_up, time);
  if (attendees[0] != NULL)
    pm_follow_up_set_attendees (follow_up, (const char * const *) attendees);
  pm_document_append (self->document, pm_document_get_follow_ups (self->document), follow_up);
  rebuild (self);

  return follow_up;
}

void
pm_follow_up_page_start_review (PmFollowUpPage *self,
                                PmFollowUp     *follow_up)
{
  GListModel *measures;

  g_return_if_fail (PM_IS_FOLLOW_UP_PAGE (self));
  g_return_if_fail (PM_IS_FOLLOW_UP (follow_up));

  if (!is_editable (self))
    return;

  g_set_object (&self->review_follow_up, follow_up);
  g_ptr_array_set_size (self->review_queue, 0);
  self->review_pos = 0;
  measures = pm_document_get_measures (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      PmMeasure *m = g_list_model_get_item (measures, i);

      if (pm_measure_status_is_open (pm_measure_get_status (m)))
        g_ptr_array_add (self->review_queue, m);
      else
        g_object_unref (m);
    }
  gtk_editable_set_text (GTK_EDITABLE (self->review_note_row), "");
  show_review_item (self);
  if (self->review_follow_up != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->review_status_row));
}

PmMeasure *
pm_follow_up_page_get_reviewed (PmFollowUpPage *self)
{
  g_return_val_if_fail (PM_IS_FOLLOW_UP_PAGE (self), NULL);

  if (self->review_follow_up == NULL || self->review_pos >= self->review_queue->len)
    return NULL;

  return g_ptr_array_index (self->review_queue, self->review_pos);
}

void
pm_follow_up_page_record (PmFollowUpPage *self,
                          const char     *status,
                          const char     *note)
{
  PmMeasure *measure = pm_follow_up_page_get_reviewed (self);
  GListModel *reviews;
  PmReview *existing = NULL;
  g_autofree char *clean_note = NULL;

  g_return_if_fail (PM_IS_FOLLOW_UP_PAGE (self));
  g_return_if_fail (status != NULL);

  if (measure == NULL || !is_editable (self))
    return;

  clean_note = g_strstrip (g_strdup (note != NULL ? note : ""));
  /* Dropping a measure needs a reason. */
  if (g_str_equal (status, "dropped") && clean_note[0] == '\0'
      && g_strcmp0 (pm_measure_get_status (measure), "dropped") != 0)
    return;
  reviews = pm_follow_up_get_reviews (self->review_follow_up);
  for (guint i = 0; i < g_list_model_get_n_items (reviews) && existing == NULL; i++)
    {
      g_autoptr(PmReview) review = g_list_model_get_item (reviews, i);

      if (g_strcmp0 (pm_review_get_measure (review), pm_measure_get_id (measure)) == 0)
        existing = review;
    }

  pm_document_begin_change (self->document, _("Record Review"));
  if (existing != NULL)
    pm_document_set (self->document, existing, "status", status, "note", nonempty (clean_note), NULL);
  else
    {
      g_autoptr(PmReview) review = pm_review_new (pm_measure_get_id (measure));

      pm_review_set_status (review, status);
      pm_review_set_note (review, nonempty (clean_note));
      pm_document_append (self->document, reviews, review);
    }
  pm_document_change_measure_status (self->document, measure, status, nonempty (clean_note), NULL);
  if (g_str_equal (status, "dropped") && nonempty (clean_note) != NULL)
    pm_document_set (self->document, measure, "drop-reason", clean_note, NULL);
  pm_document_end_change (self->document);

  self->review_pos++;
  gtk_editable_set_text (GTK_EDITABLE (self->review_note_row), "");
  show_review_item (self);
}

gboolean
pm_follow_up_page_export_ics (PmFollowUpPage *self,
                              PmFollowUp     *follow_up,
                              GFile          *file,
                              GError        **error)
{
  g_autofree char *ics = NULL;

  g_return_val_if_fail (PM_IS_FOLLOW_UP_PAGE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  ics = pm_ics_write_follow_up (self->document, follow_up, pm_ics_get_timestamp (), error);
  if (ics == NULL)
    return FALSE;

  return g_file_replace_contents (file, ics, strlen (ics), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

char *
pm_follow_up_page_dup_counts (PmFollowUpPage *self)
{
  Counts counts;

  g_return_val_if_fail (PM_IS_FOLLOW_UP_PAGE (self), NULL);

  if (self->document == NULL)
    return g_strdup ("");

  count_now (self, &counts);
  return format_counts (&counts);
}
