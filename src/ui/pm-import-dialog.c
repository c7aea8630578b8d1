/* pm-import-dialog.c — the preview of an import: chat exports, logs, pasted text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-csv-import.h"
#include "pm-error.h"
#include "pm-import-dialog.h"
#include "pm-window.h"

/* Author rows shown for mapping; the rest keep their names (a hostile file can name many). */
#define MAX_AUTHOR_ROWS 500
/* The reader's warnings shown under the list; the rest are counted. */
#define MAX_WARNINGS_SHOWN 3

/* ------------------------------------------------------------------------------------------ */
/* PmImportItem: one row of the list, a candidate message and whether it is chosen             */
/* ------------------------------------------------------------------------------------------ */

#define PM_TYPE_IMPORT_ITEM (pm_import_item_get_type ())
G_DECLARE_FINAL_TYPE (PmImportItem, pm_import_item, PM, IMPORT_ITEM, GObject)

struct _PmImportItem
{
  GObject                parent_instance;
  const PmImportMessage *message;  /* borrowed from the dialog's PmImport */
  char                  *time;     /* in the document's zone, for the list */
  char                  *line;     /* the text on one line */
  char                  *folded;   /* author and text, case-folded, for the search */
  gboolean               chosen;
};

enum { ITEM_PROP_0, ITEM_PROP_CHOSEN, ITEM_N_PROPS };
static GParamSpec *item_properties[ITEM_N_PROPS];

G_DEFINE_FINAL_TYPE (PmImportItem, pm_import_item, G_TYPE_OBJECT)

static void
pm_import_item_set_chosen (PmImportItem *self,
                           gboolean      chosen)
{
  chosen = !!chosen;
  if (self->chosen == chosen)
    return;
  self->chosen = chosen;
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_CHOSEN]);
}

static void
pm_import_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PmImportItem *self = PM_IMPORT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_CHOSEN:
      g_value_set_boolean (value, self->chosen);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_import_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PmImportItem *self = PM_IMPORT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_CHOSEN:
      pm_import_item_set_chosen (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_import_item_finalize (GObject *object)
{
  PmImportItem *self = PM_IMPORT_ITEM (object);

  g_free (self->time);
  g_free (self->line);
  g_free (self->folded);
  G_OBJECT_CLASS (pm_import_item_parent_class)->finalize (object);
}

static void
pm_import_item_class_init (PmImportItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pm_import_item_get_property;
  object_class->set_property = pm_import_item_set_property;
  object_class->finalize = pm_import_item_finalize;
  item_properties[ITEM_PROP_CHOSEN] =
    g_param_spec_boolean ("chosen", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
pm_import_item_init (PmImportItem *self)
{
  self->chosen = TRUE;
}

static PmImportItem *
pm_import_item_new (const PmImportMessage *message,
                    GTimeZone             *zone)
{
  PmImportItem *self = g_object_new (PM_TYPE_IMPORT_ITEM, NULL);
  g_autofree char *both = NULL;

  self->message = message;
  if (message->has_time)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (message->unix_seconds);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;

      if (local != NULL)
        self->time = g_date_time_format (local, "%Y-%m-%d %H:%M:%S");
    }
  if (self->time == NULL)
    self->time = g_strdup (C_("import time", "no time"));
  self->line = g_strdelimit (g_strdup (message->text != NULL ? message->text : ""), "\r\n\t", ' ');
  both = g_strconcat (message->author != NULL ? message->author : "", "\n", self->line, NULL);
  self->folded = g_utf8_casefold (both, -1);
  return self;
}

/* ------------------------------------------------------------------------------------------ */
/* The dialog                                                                                  */
/* ------------------------------------------------------------------------------------------ */

struct _PmImportDialog
{
  AdwWindow            parent_instance;

  PmDocument          *document;
  GTimeZone           *zone;
  GCancellable        *cancellable;
  PmImport            *import;
  char                *error;
  char                *folded_search;
  GListStore          *items;        /* PmImportItem */
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkStringList       *reactions;    /* the drop-down's entries after "All" and "Pinned" */
  /* author as the list shows it → GtkEditable of its row (borrowed) */
  GHashTable          *team_entries;
  gint64               window_from;
  gint64               window_to;
  gboolean             reading;
  gboolean             preselecting;   /* counted once at the end, not per row */
  gboolean             has_window;

  AdwViewSwitcherTitle *switcher_title;
  GtkButton           *import_button;
  GtkStack            *stack;
  GtkSpinner          *spinner;
  GtkLabel            *reading_label;
  GtkLabel            *error_label;
  GtkLabel            *csv_label;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *select_dropdown;
  GtkCheckButton      *window_check;
  GtkColumnView       *column_view;
  GtkLabel            *status_label;
  GtkLabel            *notes_label;
  GtkListBox          *authors_list;
};

G_DEFINE_FINAL_TYPE (PmImportDialog, pm_import_dialog, ADW_TYPE_WINDOW)

enum { SIGNAL_IMPORTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *
format_display_name (PmImportFormat format)
{
  switch (format)
    {
    case PM_IMPORT_FORMAT_CSV:
      return _("CSV timeline");
    case PM_IMPORT_FORMAT_SLACK:
      return _("Slack export");
    case PM_IMPORT_FORMAT_MATTERMOST:
      return _("Mattermost export");
    case PM_IMPORT_FORMAT_MATRIX:
      return _("Matrix chat export");
    case PM_IMPORT_FORMAT_TRANSCRIPT:
      return _("Chat transcript");
    case PM_IMPORT_FORMAT_JOURNAL:
      return _("System journal");
    case PM_IMPORT_FORMAT_SYSLOG:
      return _("Syslog");
    case PM_IMPORT_FORMAT_AUTO:
    default:
      return "";
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
update_counts (PmImportDialog *self)
{
  guint n_shown = pm_import_dialog_get_n_shown (self);
  guint n_chosen = pm_import_dialog_get_n_chosen (self);
  guint n_all = pm_import_dialog_get_n_messages (self);
  g_autofree char *button = NULL;
  g_autofree char *status = NULL;

  if (self->import != NULL && pm_import_get_format (self->import) == PM_IMPORT_FORMAT_CSV)
    return;

  button = g_strdup_printf (ngettext ("Import %u Event", "Import %u Events", n_chosen), n_chosen);
  gtk_button_set_label (self->import_button, button);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), n_chosen > 0);
  /* TRANSLATORS: "Slack export: 12 of 40 shown messages chosen; 300 messages read" */
  status = g_strdup_printf (ngettext ("%s: %u of %u shown messages chosen; %u message read",
                                      "%s: %u of %u shown messages chosen; %u messages read", n_all),
                            format_display_name (pm_import_dialog_get_format (self)),
                            n_chosen, n_shown, n_all);
  gtk_label_set_label (self->status_label, status);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PmImportDialog *self = user_data;
  PmImportItem *row = item;

  if (gtk_check_button_get_active (self->window_check) && self->has_window &&
      (!row->message->has_time || row->message->unix_seconds < self->window_from ||
       row->message->unix_seconds > self->window_to))
    return FALSE;
  if (self->folded_search != NULL && strstr (row->folded, self->folded_search) == NULL)
    return FALSE;
  return TRUE;
}

static void
preselect (PmImportDialog          *self,
           const PmImportSelection *selection)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  self->preselecting = TRUE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmImportItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      pm_import_item_set_chosen (item, pm_import_message_is_selected (item->message, selection));
    }
  self->preselecting = FALSE;
  update_counts (self);
}

static void
on_item_chosen_cb (PmImportDialog *self)
{
  if (!self->preselecting)
    update_counts (self);
}

static void
add_author_row (PmImportDialog *self,
                const char     *author,
                guint           count)
{
  GtkWidget *row = adw_entry_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), author);
  gtk_widget_set_tooltip_text (row, _("The team or role this author acted for"));
  subtitle = g_strdup_printf (ngettext ("Team of %s (%u message)", "Team of %s (%u messages)",
                                        count), author, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  subtitle, -1);
  gtk_list_box_append (self->authors_list, row);
  g_hash_table_replace (self->team_entries, g_utf8_casefold (author, -1), row);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b,
                gpointer      counts)
{
  guint ca = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) a));
  guint cb = GPOINTER_TO_UINT (g_hash_table_lookup (counts, *(const char **) b));

  if (ca != cb)
    return ca > cb ? -1 : 1;
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

/* What was left out and what the reader had to say, in plain text, or NULL. */
static char *
dup_notes (PmImport *import)
{
  g_autoptr(GString) notes = g_string_new (NULL);
  GPtrArray *warnings = pm_import_get_warnings (import);
  guint system = pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_SYSTEM);
  guint deleted = pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_DELETED);
  guint empty = pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_EMPTY);

  if (system + deleted + empty > 0)
    {
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *joined = NULL;

      if (system > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u system message (joins, topics)",
                                                           "%u system messages (joins, topics)",
                                                           system), system));
      if (deleted > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u deleted", "%u deleted", deleted),
                                                 deleted));
      if (empty > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u empty", "%u empty", empty), empty));
      g_ptr_array_add (parts, NULL);
      joined = g_strjoinv (", ", (char **) parts->pdata);
      /* TRANSLATORS: "Left out: 11 system messages (joins, topics), 2 deleted" */
      g_string_append_printf (notes, _("Left out: %s"), joined);
    }
  for (guint i = 0; i < warnings->len && i < MAX_WARNINGS_SHOWN; i++)
    {
      if (notes->len > 0)
        g_string_append_c (notes, '\n');
      g_string_append (notes, warnings->pdata[i]);
    }
  if (warnings->len > MAX_WARNINGS_SHOWN)
    {
      guint more = warnings->len - MAX_WARNINGS_SHOWN;

      g_string_append_c (notes, '\n');
      g_string_append_printf (notes, ngettext ("… and %u more warning", "… and %u more warnings",
                                               more), more);
    }
  return notes->len > 0 ? g_string_free (g_steal_pointer (&notes), FALSE) : NULL;
}

static void
show_messages (PmImportDialog *self)
{
  g_autofree char *notes = dup_notes (self->import);
  GPtrArray *messages = pm_import_get_messages (self->import);
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) first_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) reactions = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  g_autoptr(GPtrArray) reaction_names = g_ptr_array_new ();
  g_autoptr(GPtrArray) new_items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_pinned = 0;

  for (guint i = 0; i < messages->len; i++)
    {
      const PmImportMessage *message = messages->pdata[i];
      PmImportItem *item = pm_import_item_new (message, self->zone);
      const char *author = message->author != NULL ? message->author : "";

      g_signal_connect_object (item, "notify::chosen", G_CALLBACK (on_item_chosen_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (new_items, item);
      /* The map is case-insensitive: "lena" and "Lena" are one row, named as first seen. */
      if (*author != '\0')
        {
          g_autofree char *folded = g_utf8_casefold (author, -1);
          const char *first = g_hash_table_lookup (first_names, folded);

          if (first == NULL)
            {
              first = author;
              g_hash_table_insert (first_names, g_steal_pointer (&folded), (char *) author);
              g_ptr_array_add (authors, (char *) author);
            }
          g_hash_table_insert (counts, (char *) first,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, first)) + 1));
        }
      if (message->pinned)
        n_pinned++;
      for (guint r = 0; message->reactions != NULL && message->reactions[r] != NULL; r++)
        if (!g_hash_table_contains (reactions, message->reactions[r]) &&
            strlen (message->reactions[r]) < sizeof ((PmImportSelection *) NULL)->reaction)
          {
            g_hash_table_add (reactions, message->reactions[r]);
            g_ptr_array_add (reaction_names, message->reactions[r]);
          }
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       new_items->pdata, new_items->len);

  /* The pre-selection: all, pinned, then each reaction found. */
  {
    GtkStringList *entries = gtk_string_list_new (NULL);

    gtk_string_list_append (entries, _("All Messages"));
    gtk_string_list_append (entries, _("Pinned Messages"));
    for (guint i = 0; i < reaction_names->len; i++)
      {
        g_autofree char *label = g_strdup_printf (_("Reaction: %s"),
                                                  (char *) reaction_names->pdata[i]);

        gtk_string_list_append (entries, label);
        gtk_string_list_append (self->reactions, reaction_names->pdata[i]);
      }
    gtk_drop_down_set_model (self->select_dropdown, G_LIST_MODEL (entries));
    g_object_unref (entries);
    gtk_drop_down_set_selected (self->select_dropdown, 0);
  }

  /* The authors, most messages first. */
  g_ptr_array_sort_with_data (authors, compare_counts, counts);
  for (guint i = 0; i < authors->len && i < MAX_AUTHOR_ROWS; i++)
    add_author_row (self, authors->pdata[i],
                    GPOINTER_TO_UINT (g_hash_table_lookup (counts, authors->pdata[i])));

  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        format_display_name (pm_import_get_format (self->import)));
  gtk_label_set_text (self->notes_label, notes != NULL ? notes : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_label), notes != NULL);
  adw_view_switcher_title_set_view_switcher_enabled (self->switcher_title, TRUE);
  gtk_stack_set_visible_child_name (self->stack, "preview");
  update_counts (self);
}

static void
show_error (PmImportDialog *self,
            const char     *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_label (self->error_label, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
}

static void
show_csv (PmImportDialog *self)
{
  const char *name;
  gsize length;

  pm_import_get_csv (self->import, &length, &name);
  {
    g_autofree char *text =
      g_strdup_printf (_("“%s” is a timeline in CSV: its rows are imported as events as they are, "
                         "with their own times, actors and kinds."), name);

    gtk_label_set_label (self->csv_label, text);
  }
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        format_display_name (PM_IMPORT_FORMAT_CSV));
  gtk_button_set_label (self->import_button, _("Import CSV Timeline"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), TRUE);
  gtk_stack_set_visible_child_name (self->stack, "csv");
}

/* ------------------------------------------------------------------------------------------ */
/* Reading in a worker thread                                                                  */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  char            *path;          /* a file, folder or zip … */
  char            *text;          /* … or pasted text */
  char            *display_name;
  PmImportFormat   format;
  PmImportOptions  options;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_free (data->path);
  g_free (data->text);
  g_free (data->display_name);
  g_clear_pointer (&data->options.zone, g_time_zone_unref);
  g_free (data);
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadData *data = task_data;
  GError *error = NULL;
  PmImport *import;

  if (data->path != NULL)
    import = pm_import_read (data->path, &data->options, &error);
  else
    import = pm_import_read_data (data->text, strlen (data->text), data->display_name,
                                  &data->options, &error);
  if (import == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, import, (GDestroyNotify) pm_import_free);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  PmImportDialog *self = PM_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  PmImport *import = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->reading = FALSE;
  gtk_spinner_stop (self->spinner);
  if (import == NULL)
    {
      show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->import, pm_import_free);
  self->import = import;
  if (pm_import_get_format (import) == PM_IMPORT_FORMAT_CSV)
    show_csv (self);
  else
    show_messages (self);
}

static void
start_reading (PmImportDialog *self,
               ReadData       *data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  pm_import_options_init (&data->options);
  data->options.format = data->format;
  data->options.zone = g_time_zone_ref (self->zone);
  /* Transcript times without a date are on the incident's day (today when it is not known). */
  {
    gint64 from = 0, to = 0;
    g_autoptr(GDateTime) utc = NULL;
    g_autoptr(GDateTime) day = NULL;

    pm_document_get_incident_window (self->document, &from, &to);
    utc = g_date_time_new_from_unix_utc (from);
    day = utc != NULL ? g_date_time_to_timezone (utc, self->zone) : NULL;
    if (day != NULL)
      g_date_set_dmy (&data->options.date, g_date_time_get_day_of_month (day),
                      g_date_time_get_month (day), g_date_time_get_year (day));
  }

  label = g_strdup_printf (_("Reading “%s”…"), data->display_name);
  gtk_label_set_label (self->reading_label, label);
  gtk_stack_set_visible_child_name (self->stack, "reading");
  gtk_spinner_start (self->spinner);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), FALSE);
  self->reading = TRUE;

  task = g_task_new (self, self->cancellable, read_done_cb, NULL);
  g_task_set_source_tag (task, start_reading);
  /* The reader cannot be stopped half-way: Cancel lets the dialog go at once and the thread's
   * result is dropped when it finishes. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, data, (GDestroyNotify) read_data_free);
  g_task_run_in_thread (task, read_thread);
}

/* ------------------------------------------------------------------------------------------ */
/* List factories                                                                              */
/* ------------------------------------------------------------------------------------------ */

static void
check_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item)
{
  GtkWidget *check = gtk_check_button_new ();

  gtk_list_item_set_child (list_item, check);
}

static void
check_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  PmImportItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *check = gtk_list_item_get_child (list_item);
  GBinding *binding = g_object_bind_property (item, "chosen", check, "active",
                                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  /* TRANSLATORS: a check box's name for screen readers: "Import the message of lena, 14:02" */
  g_autofree char *label = g_strdup_printf (_("Import the message of %s, %s"),
                                            item->message->author != NULL ? item->message->author : "",
                                            item->time);

  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  g_object_set_data (G_OBJECT (list_item), "pm-binding", binding);
}

static void
check_unbind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item)
{
  GBinding *binding = g_object_get_data (G_OBJECT (list_item), "pm-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (list_item), "pm-binding", NULL);
}

typedef enum { COLUMN_TIME, COLUMN_AUTHOR, COLUMN_TEXT } Column;

static void
label_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (column != COLUMN_TIME)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (column == COLUMN_TIME)
    gtk_widget_add_css_class (label, "numeric");
  if (column == COLUMN_AUTHOR)
    gtk_label_set_width_chars (GTK_LABEL (label), 10);
  /* Narrow windows scroll sideways rather than squeeze the text to nothing. */
  if (column == COLUMN_TEXT)
    gtk_label_set_width_chars (GTK_LABEL (label), 24);
  gtk_list_item_set_child (list_item, label);
}

static void
label_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  PmImportItem *item = gtk_list_item_get_item (list_item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  const char *text = column == COLUMN_TIME ? item->time
                   : column == COLUMN_AUTHOR ? item->message->author : item->line;

  /* Plain text, never markup: these are someone else's words. */
  gtk_label_set_text (label, text != NULL ? text : "");
  if (column == COLUMN_TEXT)
    gtk_widget_set_tooltip_text (GTK_WIDGET (label), item->message->source);
}

static void
add_column (PmImportDialog *self,
            const char     *title,
            Column          column,
            gboolean        expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *view_column;

  g_signal_connect (factory, "setup", G_CALLBACK (label_setup_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (label_bind_cb), GINT_TO_POINTER (column));
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->column_view, view_column);
  g_object_unref (view_column);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_search_changed_cb (PmImportDialog *self)
{
  pm_import_dialog_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_window_toggled_cb (PmImportDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_counts (self);
}

static void
on_select_changed_cb (PmImportDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->select_dropdown);
  PmImportSelection selection = { PM_IMPORT_SELECT_ALL, { 0 } };

  if (self->import == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected == 1)
    selection.kind = PM_IMPORT_SELECT_PINNED;
  else if (selected >= 2)
    {
      const char *name = gtk_string_list_get_string (self->reactions, selected - 2);

      selection.kind = PM_IMPORT_SELECT_REACTION;
      if (name != NULL)
        g_strlcpy (selection.reaction, name, sizeof selection.reaction);
    }
  preselect (self, &selection);
}

static void
on_import_clicked_cb (PmImportDialog *self)
{
  g_autoptr(GError) error = NULL;
  PmImportApplied applied;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (!pm_import_dialog_apply (self, &applied, &error))
    {
      show_error (self, error->message);
      return;
    }
  if (parent != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, ngettext ("Imported %u event", "Imported %u events",
                                              applied.added), applied.added);
      if (applied.already > 0)
        {
          g_string_append (text, "; ");
          g_string_append_printf (text, ngettext ("%u was already there",
                                                  "%u were already there", applied.already),
                                  applied.already);
        }
      if (applied.suggested > 0)
        {
          g_string_append (text, "; ");
          g_string_append_printf (text, ngettext ("%u suggested as a duplicate",
                                                  "%u suggested as duplicates", applied.suggested),
                                  applied.suggested);
        }
      pm_widget_show_toast (GTK_WIDGET (parent), pm_toast_new_text (text->str));
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
pm_import_dialog_close_request (GtkWindow *window)
{
  PmImportDialog *self = PM_IMPORT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (pm_import_dialog_parent_class)->close_request (window);
}

static void
pm_import_dialog_dispose (GObject *object)
{
  PmImportDialog *self = PM_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);
  G_OBJECT_CLASS (pm_import_dialog_parent_class)->dispose (object);
}

static void
pm_import_dialog_finalize (GObject *object)
{
  PmImportDialog *self = PM_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_object (&self->reactions);
  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_clear_pointer (&self->import, pm_import_free);
  g_clear_pointer (&self->team_entries, g_hash_table_unref);
  g_free (self->error);
  g_free (self->folded_search);
  G_OBJECT_CLASS (pm_import_dialog_parent_class)->finalize (object);
}

static void
pm_import_dialog_class_init (PmImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pm_import_dialog_dispose;
  object_class->finalize = pm_import_dialog_finalize;
  window_class->close_request = pm_import_dialog_close_request;

  /* After the chosen messages were added to the document. */
  signals[SIGNAL_IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, reading_label);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, csv_label);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, select_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, window_check);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, notes_label);
  gtk_widget_class_bind_template_child (widget_class, PmImportDialog, authors_list);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_select_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_window_toggled_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pm_import_dialog_init (PmImportDialog *self)
{
  GtkListItemFactory *factory;
  GtkColumnViewColumn *column;
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->team_entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->reactions = gtk_string_list_new (NULL);
  self->items = g_list_store_new (PM_TYPE_IMPORT_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (check_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (check_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (check_unbind_cb), NULL);
  /* TRANSLATORS: the title of the column of check boxes */
  column = gtk_column_view_column_new (_("Import"), factory);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
  add_column (self, _("Time"), COLUMN_TIME, FALSE);
  add_column (self, _("Author"), COLUMN_AUTHOR, FALSE);
  add_column (self, _("Text"), COLUMN_TEXT, TRUE);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmImportDialog *
pm_import_dialog_new (GtkWindow  *parent,
                      PmDocument *document)
{
  PmImportDialog *self;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  self = g_object_new (PM_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  self->zone = pm_document_dup_time_zone (document);
  self->has_window = (pm_document_get_start (document) != NULL ||
                      pm_document_get_end (document) != NULL) &&
                     pm_document_get_incident_window (document, &self->window_from,
                                                      &self->window_to);
  if (self->has_window)
    {
      g_autoptr(GDateTime) from_utc = g_date_time_new_from_unix_utc (self->window_from);
      g_autoptr(GDateTime) to_utc = g_date_time_new_from_unix_utc (self->window_to);
      g_autoptr(GDateTime) from = g_date_time_to_timezone (from_utc, self->zone);
      g_autoptr(GDateTime) to = g_date_time_to_timezone (to_utc, self->zone);
      g_autofree char *from_text = g_date_time_format (from, "%Y-%m-%d %H:%M");
      g_autofree char *to_text = g_date_time_format (to, "%Y-%m-%d %H:%M");
      /* TRANSLATORS: the incident's window, from and to */
      g_autofree char *tooltip = g_strdup_printf (_("Only messages from %s to %s"),
                                                  from_text, to_text);

      gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_check), tooltip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->window_check), self->has_window);
  return self;
}

void
pm_import_dialog_read_file (PmImportDialog *self,
                            GFile          *file)
{
  ReadData *data;

  g_return_if_fail (PM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (ReadData, 1);
  data->path = g_file_get_path (file);
  data->display_name = g_file_get_parse_name (file);
  if (data->path == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("%s: only local files can be imported"),
                                                  data->display_name);

      read_data_free (data);
      show_error (self, message);
      return;
    }
  g_clear_pointer (&data->display_name, g_free);
  data->display_name = g_file_get_basename (file);
  start_reading (self, data);
}

void
pm_import_dialog_read_text (PmImportDialog *self,
                            const char     *text,
                            const char     *display_name)
{
  ReadData *data;

  g_return_if_fail (PM_IS_IMPORT_DIALOG (self));
  g_return_if_fail (text != NULL);

  data = g_new0 (ReadData, 1);
  data->text = g_strdup (text);
  data->display_name = g_strdup (display_name != NULL ? display_name : _("Pasted text"));
  /* Pasted text is a transcript. */
  data->format = PM_IMPORT_FORMAT_TRANSCRIPT;
  start_reading (self, data);
}

gboolean
pm_import_dialog_is_reading (PmImportDialog *self)
{
  g_return_val_if_fail (PM_IS_IMPORT_DIALOG (self), FALSE);

  return self->reading;
}

const char *
pm_import_dialog_get_error (PmImportDialog *self)
{
  g_return_val_if_fail (PM_IS_IMPORT_DIALOG (self), NULL);

  return self->error;
}

PmImportFormat
pm_import_dialog_get_format (PmImportDialog *self)
{
  g_return_val_if_fail (PM_IS_IMPORT_DIALOG (self), PM_IMPORT_FORMAT_AUTO);

  return self->import != NULL ? pm_import_get_format (self->import) : PM_IMPORT_FORMAT_AUTO;
}

guint
pm_import_dialog_get_n_messages (PmImportDialog *self)
{
  g_return_val_if_fail (PM_IS_IMPORT_DIALOG (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->items));
}

guint
pm_import_dialog_get_n_shown (PmImportDialog *self)
{
  g_return_val_if_fail (PM_IS_IMPORT_DIALOG (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

guint
pm_import_dialog_get_n_chosen (PmImportDialog *self)
{
  guint n, chosen = 0;

  g_return_val_if_fail (PM_IS_IMPORT_DIALOG (self), 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmImportItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      chosen += item->chosen;
    }
  return chosen;
}

gboolean
pm_import_dialog_preselect (PmImportDialog *self,
                            const char     *selection)
{
  PmImportSelection parsed;
  guint n;

  g_return_val_if_fail (PM_IS_IMPORT_DIALOG (self), FALSE);

  if (!pm_import_selection_parse (selection, &parsed, NULL))
    return FALSE;
  if (parsed.kind != PM_IMPORT_SELECT_REACTION)
    {
      gtk_drop_down_set_selected (self->select_dropdown, parsed.kind == PM_IMPORT_SELECT_ALL ? 0 : 1);
      return TRUE;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (self->reactions));
  for (guint i = 0; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (self->reactions, i), parsed.reaction))
      {
        gtk_drop_down_set_selected (self->select_dropdown, i + 2);
        return TRUE;
      }
  return FALSE;
}

void
pm_import_dialog_set_search (PmImportDialog *self,
                             const char     *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (PM_IS_IMPORT_DIALOG (self));

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_clear_pointer (&self->folded_search, g_free);
  if (*stripped != '\0')
    self->folded_search = g_utf8_casefold (stripped, -1);
  if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                    text != NULL ? text : ""))
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_counts (self);
}

void
pm_import_dialog_set_window_only (PmImportDialog *self,
                                  gboolean        window_only)
{
  g_return_if_fail (PM_IS_IMPORT_DIALOG (self));

  gtk_check_button_set_active (self->window_check, window_only);
}

gboolean
pm_import_dialog_set_team (PmImportDialog *self,
                           const char     *author,
                           const char     *team)
{
  g_autofree char *folded = NULL;
  GtkEditable *entry;

  g_return_val_if_fail (PM_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (author != NULL, FALSE);

  folded = g_utf8_casefold (author, -1);
  if (!(entry = g_hash_table_lookup (self->team_entries, folded)))
    return FALSE;
  gtk_editable_set_text (entry, team != NULL ? team : "");
  return TRUE;
}

gboolean
pm_import_dialog_apply (PmImportDialog  *self,
                        PmImportApplied *applied,
                        GError         **error)
{
  g_autoptr(PmImportActors) actors = NULL;
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  PmImportApplied local = { 0 };
  GHashTableIter iter;
  gpointer author, entry;
  guint n;

  g_return_val_if_fail (PM_IS_IMPORT_DIALOG (self), FALSE);

  if (applied == NULL)
    applied = &local;
  memset (applied, 0, sizeof *applied);
  if (self->import == NULL)
    {
      g_set_error_literal (error, PM_ERROR, PM_ERROR_INVALID, _("Nothing was read to import"));
      return FALSE;
    }

  if (pm_import_get_format (self->import) == PM_IMPORT_FORMAT_CSV)
    {
      const char *name;
      gsize length;
      const char *data = pm_import_get_csv (self->import, &length, &name);
      guint n_participants;

      if (!pm_csv_import (self->document, data, length, name, self->zone, &applied->added,
                          &n_participants, error))
        return FALSE;
      g_signal_emit (self, signals[SIGNAL_IMPORTED], 0);
      return TRUE;
    }

  actors = pm_import_actors_new ();
  g_hash_table_iter_init (&iter, self->team_entries);
  while (g_hash_table_iter_next (&iter, &author, &entry))
    pm_import_actors_add (actors, author, gtk_editable_get_text (GTK_EDITABLE (entry)));

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PmImportItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (item->chosen)
        g_ptr_array_add (chosen, (gpointer) item->message);
    }
  if (chosen->len == 0)
    {
      g_set_error_literal (error, PM_ERROR, PM_ERROR_INVALID, _("No message is chosen"));
      return FALSE;
    }
  if (!pm_import_apply (self->document, chosen,
                        pm_import_actors_get_size (actors) > 0 ? actors : NULL, self->zone,
                        applied, error))
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_IMPORTED], 0);
  return TRUE;
}
