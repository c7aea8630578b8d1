/* pm-trends-window.c — trends across a folder of postmortems: charts, tables, skipped files
 *
 * The folder is read in a worker thread (pm_trends_collect()), so a folder of hundreds of
 * postmortems never blocks the window; a newer reading cancels an older one. The charts are
 * the PDF report's (pm-trend-chart.c) drawn into GtkDrawingAreas in the theme's colours, the
 * tables the report's too. The folder and its subfolders (up to MAX_WATCHED folders) are
 * watched; changes are gathered for RELOAD_DELAY_MS and then read again, once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pm-atomic-file.h"
#include "pm-export-text.h"
#include "pm-message-dialog.h"
#include "pm-trend-chart.h"
#include "pm-trend-report.h"
#include "pm-trends-window.h"

#define RELOAD_DELAY_MS 500
#define MAX_WATCHED     256
/* The list of postmortems shows this many; the exported report has them all. */
#define MAX_LIST_ROWS   100
#define MAX_REPEATS     20

struct _PmTrendsWindow
{
  AdwWindow         parent_instance;

  GFile            *folder;
  PmTrendsGrouping  grouping;
  PmTrends         *trends;
  GCancellable     *cancellable;
  gboolean          loading;
  GPtrArray        *monitors;       /* GFileMonitor */
  guint             reload_source;

  /* Template children */
  AdwWindowTitle   *window_title;
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  GtkSpinner       *spinner;
  GtkBox           *report_box;
  GtkToggleButton  *by_year_button;
  GtkToggleButton  *by_quarter_button;
};

G_DEFINE_FINAL_TYPE (PmTrendsWindow, pm_trends_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_TRENDS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_loading (PmTrendsWindow *self);

/* ------------------------------------------------------------------------------------------ */
/* Reading in a worker thread                                                                  */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  char             *path;
  PmTrendsGrouping  grouping;
} Request;

typedef struct
{
  PmTrends  *trends;
  GPtrArray *folders;   /* char *: the folder and its subfolders, to watch */
} Result;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->path);
  g_free (request);
}

static void
result_free (gpointer data)
{
  Result *result = data;

  g_clear_object (&result->trends);
  g_clear_pointer (&result->folders, g_ptr_array_unref);
  g_free (result);
}

/* The folders to watch: @path and those under it, as pm_trends_collect() walks them. */
static void
list_folders (const char *path,
              GPtrArray  *folders)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (folders->len >= MAX_WATCHED)
    return;
  g_ptr_array_add (folders, g_strdup (path));
  if ((dir = g_dir_open (path, 0, NULL)) == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = NULL;

      if (name[0] == '.')
        continue;
      child = g_build_filename (path, name, NULL);
      if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK) && g_file_test (child, G_FILE_TEST_IS_DIR))
        list_folders (child, folders);
    }
}

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  const char *paths[] = { request->path, NULL };
  g_autoptr(GError) error = NULL;
  Result *result;
  PmTrends *trends = pm_trends_collect (paths, request->grouping, NULL, cancellable, &error);

  if (trends == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  result = g_new0 (Result, 1);
  result->trends = trends;
  result->folders = g_ptr_array_new_with_free_func (g_free);
  list_folders (request->path, result->folders);
  g_task_return_pointer (task, result, result_free);
}

/* ------------------------------------------------------------------------------------------ */
/* Charts                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static PmTrendChartColor
to_chart_color (const GdkRGBA *rgba)
{
  return (PmTrendChartColor) { rgba->red, rgba->green, rgba->blue };
}

static PmTrendChartColor
mix_colors (const GdkRGBA *a,
            const GdkRGBA *b,
            double         t)
{
  return (PmTrendChartColor) { a->red + (b->red - a->red) * t, a->green + (b->green - a->green) * t,
                               a->blue + (b->blue - a->blue) * t };
}

/* The chart style in the theme's colours (light or dark) and the interface font. */
static void
chart_style_for (GtkWidget         *widget,
                 PmTrendChartStyle *style)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  PangoContext *pango = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (pango);
  GdkRGBA fg, bg, accent, heat;
  int size;

  pm_trend_chart_style_init_print (style);
  style->no_caption = TRUE;
  gtk_style_context_get_color (context, &fg);
  if (!gtk_style_context_lookup_color (context, "window_bg_color", &bg))
    gdk_rgba_parse (&bg, "#fafafa");
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  if (!gtk_style_context_lookup_color (context, "destructive_bg_color", &heat))
    gdk_rgba_parse (&heat, "#c01c28");

  style->text = to_chart_color (&fg);
  style->secondary = mix_colors (&fg, &bg, 0.35);
  style->grid = mix_colors (&fg, &bg, 0.8);
  style->bar = to_chart_color (&accent);
  style->background = to_chart_color (&bg);
  style->heat = to_chart_color (&heat);
  if (font != NULL && pango_font_description_get_family (font) != NULL)
    style->font_family = pango_font_description_get_family (font);
  size = font != NULL ? pango_font_description_get_size (font) : 0;
  /* Slightly smaller than the text around it; points to pixels at 96 dpi. */
  style->font_size = size > 0 ? 0.9 * size / PANGO_SCALE * 96.0 / 72.0 : 12.0;
  if (font != NULL && pango_font_description_get_size_is_absolute (font))
    style->font_size = 0.9 * size / PANGO_SCALE;
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  PmTrendsWindow *self = PM_TRENDS_WINDOW (user_data);
  PmTrendChartKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "pm-chart-kind"));
  PmTrendChartStyle style;

  if (self->trends == NULL)
    return;
  chart_style_for (GTK_WIDGET (area), &style);
  pm_trend_chart_draw (self->trends, kind, 0, 0, cr, gtk_widget_get_pango_context (GTK_WIDGET (area)),
                       width, height, &style);
}

static GtkWidget *
heading_label (const char *text,
               const char *css_class)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "label", text,
                                   "xalign", 0.0f,
                                   "wrap", TRUE,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   NULL);

  gtk_widget_add_css_class (label, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL,
                                  g_str_equal (css_class, "title-2") ? 2 : 3, -1);
  return label;
}

static GtkWidget *
text_label (const char *text,
            gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
chart_widget (PmTrendsWindow   *self,
              PmTrendChartKind  kind)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  /* A chart is a picture to a screen reader, with its values as the description. */
  GtkWidget *area = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  g_autofree char *description = pm_trend_chart_describe (self->trends, kind);
  g_autofree char *caption = pm_trend_chart_dup_caption (self->trends, kind);
  const char *title = pm_trend_chart_get_title (kind, pm_trends_get_grouping (self->trends));
  PmTrendChartStyle style;
  guint n = pm_trend_chart_count_periods (self->trends);

  chart_style_for (GTK_WIDGET (self), &style);
  gtk_box_append (GTK_BOX (box), heading_label (title, "heading"));

  g_object_set_data (G_OBJECT (area), "pm-chart-kind", GINT_TO_POINTER (kind));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area),
                                       (int) pm_trend_chart_get_height (kind, &style));
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area),
                                      (int) pm_trend_chart_get_min_width (kind, n, &style));
  gtk_widget_set_hexpand (area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart_cb, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), area);
  gtk_box_append (GTK_BOX (box), scroller);
  /* The caption as text: it wraps to the window however wide the chart scrolls. */
  {
    GtkWidget *label = text_label (caption, TRUE);

    gtk_widget_add_css_class (label, "caption");
    gtk_box_append (GTK_BOX (box), label);
  }
  gtk_widget_set_hexpand (box, TRUE);
  return box;
}

/* ------------------------------------------------------------------------------------------ */
/* Tables and lists                                                                            */
/* ------------------------------------------------------------------------------------------ */

static GtkWidget *
table_widget (PmTrendTable *table,
              const char   *heading,
              guint         max_rows)
{
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  guint n_rows = MIN (table->rows->len, max_rows);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_add_css_class (grid, "pm-trends-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL, heading, -1);

  for (guint c = 0; c < table->headers->len; c++)
    {
      GtkWidget *label = gtk_label_new (table->headers->pdata[c]);

      gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_grid_attach (GTK_GRID (grid), label, c, 0, 1, 1);
    }
  for (guint r = 0; r < n_rows; r++)
    {
      char **cells = table->rows->pdata[r];
      gboolean last = r + 1 == table->rows->len && table->rows->len > 1;

      for (guint c = 0; cells[c] != NULL; c++)
        {
          GtkWidget *label = gtk_label_new (cells[c]);

          gtk_label_set_xalign (GTK_LABEL (label), c == 0 ? 0 : 1);
          /* Figures are never cut; a long title or file name is, and can still be read whole. */
          if (g_utf8_strlen (cells[c], -1) > 40)
            {
              gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
              gtk_label_set_width_chars (GTK_LABEL (label), 24);
              gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
              gtk_widget_set_tooltip_text (label, cells[c]);
            }
          if (last && g_strcmp0 (heading, pm_trend_report_get_heading (PM_TREND_TABLE_LIST)) != 0)
            gtk_widget_add_css_class (label, "heading");
          gtk_widget_add_css_class (label, "numeric");
          gtk_grid_attach (GTK_GRID (grid), label, c, r + 1, 1, 1);
        }
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  return scroller;
}

static void
add_table_section (PmTrendsWindow   *self,
                   PmTrendTableKind  kind)
{
  g_autoptr(PmTrendTable) table = pm_trend_report_build_table (self->trends, kind);
  const char *heading = pm_trend_report_get_heading (kind);
  guint max_rows = kind == PM_TREND_TABLE_LIST ? MAX_LIST_ROWS : G_MAXUINT;

  gtk_box_append (self->report_box, heading_label (heading, "title-2"));
  gtk_box_append (self->report_box, text_label (pm_trend_report_get_intro (kind), TRUE));

  switch (kind)
    {
    case PM_TREND_TABLE_INCIDENTS:
      gtk_box_append (self->report_box, chart_widget (self, PM_TREND_CHART_INCIDENTS));
      break;
    case PM_TREND_TABLE_RESPONSE:
      {
        GtkWidget *pair = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);

        gtk_box_set_homogeneous (GTK_BOX (pair), TRUE);
        gtk_box_append (GTK_BOX (pair), chart_widget (self, PM_TREND_CHART_DETECT));
        gtk_box_append (GTK_BOX (pair), chart_widget (self, PM_TREND_CHART_RECOVER));
        gtk_box_append (self->report_box, pair);
      }
      break;
    case PM_TREND_TABLE_PRINCIPLES:
      gtk_box_append (self->report_box, chart_widget (self, PM_TREND_CHART_PRINCIPLES));
      break;
    case PM_TREND_TABLE_CATEGORIES:
    case PM_TREND_TABLE_MEASURES:
    case PM_TREND_TABLE_COST:
    case PM_TREND_TABLE_LIST:
    case PM_TREND_N_TABLES:
    default:
      break;
    }

  gtk_box_append (self->report_box, table_widget (table, heading, max_rows));
  if (table->rows->len > max_rows)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more; the exported report lists them all.",
                                                         "And %u more; the exported report lists them all.",
                                                         table->rows->len - max_rows),
                                               table->rows->len - max_rows);

      gtk_box_append (self->report_box, text_label (more, TRUE));
    }
  if (table->note != NULL)
    gtk_box_append (self->report_box, text_label (table->note, TRUE));
}

static void
add_repeats (PmTrendsWindow *self)
{
  guint n = pm_trends_get_n_repeats (self->trends);
  GtkWidget *list = gtk_list_box_new ();
  guint shown[2] = { 0, 0 };

  gtk_box_append (self->report_box, heading_label (_("Repeated root causes"), "title-2"));
  gtk_box_append (self->report_box,
                  text_label (_("The same lesson in more than one incident: root causes with similar titles, "
                                "and the same principle contributing in root causes of the same category."),
                              TRUE));
  if (n == 0)
    {
      gtk_box_append (self->report_box, text_label (_("No root cause occurs in more than one incident."), FALSE));
      return;
    }

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Repeated root causes"), -1);
  for (guint i = 0; i < n; i++)
    {
      const PmTrendRepeat *repeat = pm_trends_get_repeat (self->trends, i);
      g_autofree char *title = NULL;
      GtkWidget *row;
      GtkWidget *box;

      if (shown[repeat->kind]++ >= MAX_REPEATS)
        continue;
      title = pm_trend_report_format_repeat (self->trends, repeat);
      row = g_object_new (ADW_TYPE_EXPANDER_ROW, "use-markup", FALSE, "title", title, NULL);
      box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      for (guint o = 0; o < repeat->occurrences->len && o < 50; o++)
        {
          g_autofree char *text =
            pm_trend_report_format_occurrence (self->trends,
                                               &g_array_index (repeat->occurrences, PmTrendOccurrence, o));

          gtk_box_append (GTK_BOX (box), text_label (text, FALSE));
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (self->report_box, list);
}

static void
add_notices (PmTrendsWindow *self)
{
  g_autoptr(GPtrArray) notices = pm_trend_report_build_notices (self->trends);
  guint n_skipped = pm_trends_get_n_skipped (self->trends);

  for (guint i = 0; i < notices->len; i++)
    {
      GtkWidget *label = text_label (notices->pdata[i], FALSE);

      gtk_widget_add_css_class (label, "warning");
      gtk_box_append (self->report_box, label);
    }

  if (n_skipped > 0)
    {
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Skipped Files"), -1);
      for (guint i = 0; i < n_skipped; i++)
        {
          const PmTrendSkipped *skipped = pm_trends_get_skipped (self->trends, i);
          g_autofree char *name = g_path_get_basename (skipped->path);
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
          /* File names and messages are the file's text, never markup. */
          GtkWidget *row = g_object_new (ADW_TYPE_ACTION_ROW,
                                         "use-markup", FALSE,
                                         "title", name,
                                         "subtitle", skipped->message,
                                         "subtitle-lines", 3,
                                         NULL);

          gtk_widget_add_css_class (icon, "warning");
          gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Skipped"), -1);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      gtk_box_append (self->report_box, list);
    }
}

static void
rebuild_report (PmTrendsWindow *self,
                const char     *error_message)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->report_box))) != NULL)
    gtk_box_remove (self->report_box, child);

  if (self->trends == NULL)
    {
      if (error_message != NULL)
        {
          gtk_box_append (self->report_box, heading_label (_("The Folder Cannot Be Read"), "title-2"));
          gtk_box_append (self->report_box, text_label (error_message, FALSE));
        }
      return;
    }

  {
    g_autofree char *description = pm_trend_report_describe (self->trends);
    GtkWidget *summary = text_label (description, FALSE);

    gtk_widget_add_css_class (summary, "title-4");
    gtk_box_append (self->report_box, summary);
  }
  add_notices (self);
  if (pm_trends_get_n_incidents (self->trends) == 0)
    {
      gtk_box_append (self->report_box,
                      text_label (_("No postmortems were found in this folder or its subfolders."), FALSE));
      return;
    }
  for (PmTrendTableKind kind = 0; kind < PM_TREND_N_TABLES; kind++)
    {
      if (kind == PM_TREND_TABLE_LIST)
        add_repeats (self);
      add_table_section (self, kind);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Watching the folder                                                                         */
/* ------------------------------------------------------------------------------------------ */

static gboolean
reload_timeout_cb (gpointer user_data)
{
  PmTrendsWindow *self = PM_TRENDS_WINDOW (user_data);

  self->reload_source = 0;
  start_loading (self);
  return G_SOURCE_REMOVE;
}

static gboolean
is_hidden (GFile *file)
{
  g_autofree char *name = file ? g_file_get_basename (file) : NULL;

  return name == NULL || name[0] == '.';
}

static void
on_folder_changed_cb (GFileMonitor      *monitor,
                      GFile             *file,
                      GFile             *other_file,
                      GFileMonitorEvent  event,
                      gpointer           user_data)
{
  PmTrendsWindow *self = PM_TRENDS_WINDOW (user_data);

  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED)
    return;
  /* An editor's temporary file is hidden; what it is renamed to is not. */
  if (is_hidden (file) && (other_file == NULL || is_hidden (other_file)))
    return;

  /* Many changes at once (a git pull) become one reading. */
  g_clear_handle_id (&self->reload_source, g_source_remove);
  self->reload_source = g_timeout_add (RELOAD_DELAY_MS, reload_timeout_cb, self);
}

static void
clear_monitors (PmTrendsWindow *self)
{
  for (guint i = 0; i < self->monitors->len; i++)
    {
      GFileMonitor *monitor = self->monitors->pdata[i];

      g_signal_handlers_disconnect_by_func (monitor, on_folder_changed_cb, self);
      g_file_monitor_cancel (monitor);
    }
  g_ptr_array_set_size (self->monitors, 0);
}

static void
watch_folders (PmTrendsWindow *self,
               GPtrArray      *folders)
{
  clear_monitors (self);
  for (guint i = 0; i < folders->len; i++)
    {
      g_autoptr(GFile) folder = g_file_new_for_path (folders->pdata[i]);
      g_autoptr(GError) error = NULL;
      GFileMonitor *monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

      if (monitor == NULL)
        {
          g_debug ("Not watching %s: %s", (char *) folders->pdata[i], error->message);
          continue;
        }
      g_signal_connect (monitor, "changed", G_CALLBACK (on_folder_changed_cb), self);
      g_ptr_array_add (self->monitors, monitor);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Loading                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
set_loading (PmTrendsWindow *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
collect_done_cb (GObject      *source,
                 GAsyncResult *async_result,
                 gpointer      user_data)
{
  g_autoptr(PmTrendsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Result *result = g_task_propagate_pointer (G_TASK (async_result), &error);

  /* A newer reading took over, or the window is closing: nothing to show. */
  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (async_result))))
    {
      g_clear_pointer (&result, result_free);
      return;
    }

  g_clear_object (&self->cancellable);
  set_loading (self, FALSE);
  g_clear_object (&self->trends);
  if (result != NULL)
    {
      self->trends = g_steal_pointer (&result->trends);
      watch_folders (self, result->folders);
      result_free (result);
    }
  rebuild_report (self, error ? error->message : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.save-report", self->trends != NULL);
  gtk_stack_set_visible_child_name (self->stack, "report");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRENDS]);
}

static void
start_loading (PmTrendsWindow *self)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  if (self->folder == NULL)
    return;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  request = g_new0 (Request, 1);
  request->path = g_file_get_path (self->folder);
  request->grouping = self->grouping;
  if (request->path == NULL)
    {
      request_free (request);
      return;
    }

  set_loading (self, TRUE);
  /* The old figures stay in view while a change is read; only a first reading shows the spinner. */
  if (self->trends == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  task = g_task_new (NULL, self->cancellable, collect_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_loading);
  g_task_set_task_data (task, request, request_free);
  g_task_run_in_thread (task, collect_thread);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks and actions                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
on_grouping_toggled_cb (PmTrendsWindow  *self,
                        GtkToggleButton *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  pm_trends_window_set_grouping (self, button == self->by_quarter_button ? PM_TRENDS_BY_QUARTER
                                                                         : PM_TRENDS_BY_YEAR);
}

static void
on_choose_response_cb (GtkNativeDialog *native,
                       int              response,
                       gpointer         user_data)
{
  PmTrendsWindow *self = PM_TRENDS_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (folder != NULL)
        pm_trends_window_set_folder (self, folder);
    }
  g_object_unref (self);
  /* GTK does not keep the chooser alive: this is the reference from the action. */
  g_object_unref (native);
}

static void
choose_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PmTrendsWindow *self = PM_TRENDS_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Choose a Folder of Postmortems"),
                                        GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Choose"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  if (self->folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), self->folder, NULL);
  g_signal_connect (native, "response", G_CALLBACK (on_choose_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* Saving the report: made and written in a worker thread (the trends do not change once read),
 * atomically, as Markdown when the name ends in .md, else as PDF. */
typedef struct
{
  PmTrends *trends;
  char     *path;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_object_unref (job->trends);
  g_free (job->path);
  g_free (job);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveJob *job = task_data;
  g_autoptr(GError) error = NULL;
  gboolean saved;

  if (g_str_has_suffix (job->path, ".md") || g_str_has_suffix (job->path, ".markdown"))
    {
      g_autofree char *markdown = pm_trend_report_write_markdown (job->trends);

      saved = pm_atomic_file_write (job->path, markdown, strlen (markdown), &error);
    }
  else
    {
      g_autoptr(GBytes) bytes = pm_trend_report_write_pdf (job->trends, pm_export_paper_from_locale (), &error);

      saved = bytes != NULL &&
              pm_atomic_file_write (job->path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
    }
  if (saved)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PmTrendsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SaveJob *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                             _("The Report Could Not Be Saved"),
                                                                             NULL));

      adw_message_dialog_set_body (dialog, error->message);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  if (gtk_widget_get_root (GTK_WIDGET (self->toast_overlay)) != NULL)
    {
      g_autofree char *name = g_path_get_basename (job->path);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *escaped = g_markup_escape_text (display, -1);
      /* Toast titles are markup: the file name is escaped. */
      g_autofree char *title = g_strdup_printf (_("Saved as “%s”"), escaped);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
    }
}

/* Saves the report to @file (for tests, and the chooser's answer). */
static void
save_report_to (PmTrendsWindow *self,
                GFile          *file)
{
  g_autoptr(GTask) task = NULL;
  SaveJob *job;

  if (self->trends == NULL || g_file_peek_path (file) == NULL)
    return;
  job = g_new0 (SaveJob, 1);
  job->trends = g_object_ref (self->trends);
  job->path = g_file_get_path (file);
  task = g_task_new (NULL, NULL, save_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, save_report_to);
  g_task_set_task_data (task, job, save_job_free);
  g_task_run_in_thread (task, save_thread);
}

static void
on_save_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  PmTrendsWindow *self = PM_TRENDS_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

      if (file != NULL)
        save_report_to (self, file);
    }
  g_object_unref (self);
  g_object_unref (native);
}

static void
save_report_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  PmTrendsWindow *self = PM_TRENDS_WINDOW (widget);
  g_autoptr(GtkFileFilter) pdf = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) markdown = gtk_file_filter_new ();
  GtkFileChooserNative *native;

  if (self->trends == NULL)
    return;
  native = gtk_file_chooser_native_new (_("Save Trend Report"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (pdf, _("PDF"));
  gtk_file_filter_add_pattern (pdf, "*.pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), pdf);
  gtk_file_filter_set_name (markdown, _("Markdown"));
  gtk_file_filter_add_pattern (markdown, "*.md");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), markdown);
  /* Translators: the suggested file name of a saved trend report */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), _("trends.pdf"));
  if (self->folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), self->folder, NULL);
  g_signal_connect (native, "response", G_CALLBACK (on_save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  start_loading (PM_TRENDS_WINDOW (widget));
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_trends_window_dispose (GObject *object)
{
  PmTrendsWindow *self = (PmTrendsWindow *) object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->monitors != NULL)
    clear_monitors (self);

  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_TRENDS_WINDOW);

  G_OBJECT_CLASS (pm_trends_window_parent_class)->dispose (object);
}

static void
pm_trends_window_finalize (GObject *object)
{
  PmTrendsWindow *self = (PmTrendsWindow *) object;

  g_clear_object (&self->folder);
  g_clear_object (&self->trends);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);

  G_OBJECT_CLASS (pm_trends_window_parent_class)->finalize (object);
}

static void
pm_trends_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PmTrendsWindow *self = PM_TRENDS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_TRENDS:
      g_value_set_object (value, self->trends);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_trends_window_class_init (PmTrendsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_trends_window_dispose;
  object_class->finalize = pm_trends_window_finalize;
  object_class->get_property = pm_trends_window_get_property;

  properties[PROP_TRENDS] =
    g_param_spec_object ("trends", NULL, NULL, PM_TYPE_TRENDS,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-trends-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PmTrendsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PmTrendsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PmTrendsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PmTrendsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PmTrendsWindow, report_box);
  gtk_widget_class_bind_template_child (widget_class, PmTrendsWindow, by_year_button);
  gtk_widget_class_bind_template_child (widget_class, PmTrendsWindow, by_quarter_button);
  gtk_widget_class_bind_template_callback (widget_class, on_grouping_toggled_cb);

  gtk_widget_class_install_action (widget_class, "trends.choose-folder", NULL, choose_folder_action);
  gtk_widget_class_install_action (widget_class, "trends.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "trends.save-report", NULL, save_report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "trends.save-report", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "trends.choose-folder", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "trends.reload", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
pm_trends_window_init (PmTrendsWindow *self)
{
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.reload", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.save-report", FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_trends_window_new (GtkApplication *application)
{
  return g_object_new (PM_TYPE_TRENDS_WINDOW, "application", application, NULL);
}

void
pm_trends_window_set_folder (PmTrendsWindow *self,
                             GFile          *folder)
{
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PM_IS_TRENDS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (folder));

  g_set_object (&self->folder, folder);
  g_clear_object (&self->trends);
  clear_monitors (self);
  name = g_file_get_basename (folder);
  path = g_file_get_parse_name (folder);
  adw_window_title_set_subtitle (self->window_title, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), path);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "trends.reload", TRUE);
  start_loading (self);
}

GFile *
pm_trends_window_get_folder (PmTrendsWindow *self)
{
  g_return_val_if_fail (PM_IS_TRENDS_WINDOW (self), NULL);

  return self->folder;
}

void
pm_trends_window_set_grouping (PmTrendsWindow   *self,
                               PmTrendsGrouping  grouping)
{
  g_return_if_fail (PM_IS_TRENDS_WINDOW (self));

  if (self->grouping == grouping)
    return;
  self->grouping = grouping;
  gtk_toggle_button_set_active (grouping == PM_TRENDS_BY_QUARTER ? self->by_quarter_button
                                                                  : self->by_year_button, TRUE);
  start_loading (self);
}

PmTrends *
pm_trends_window_get_trends (PmTrendsWindow *self)
{
  g_return_val_if_fail (PM_IS_TRENDS_WINDOW (self), NULL);

  return self->trends;
}

void
pm_trends_window_save_report (PmTrendsWindow *self,
                              GFile          *file)
{
  g_return_if_fail (PM_IS_TRENDS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  save_report_to (self, file);
}

gboolean
pm_trends_window_get_loading (PmTrendsWindow *self)
{
  g_return_val_if_fail (PM_IS_TRENDS_WINDOW (self), FALSE);

  return self->loading;
}
