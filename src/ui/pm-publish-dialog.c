/* pm-publish-dialog.c — publish a postmortem: the protocol or the summary, PDF or Markdown,
 * previewed, saved or printed
 *
 * The same choices as `pmortem export`. The preview shows the pages of the PDF writer (drawn
 * into images) or the Markdown text; Save writes what the preview shows; Print draws the same
 * pages on the printer's cairo context, laid out again for the paper chosen in the print dialog.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-analysis.h"
#include "pm-atomic-file.h"
#include "pm-markdown-writer.h"
#include "pm-pdf-writer.h"
#include "pm-publish-dialog.h"
#include "pm-window.h"

/* The preview draws at most this many pages; the file has all of them. */
#define PREVIEW_PAGES    12
/* Pixels per point in the preview images, and the width a page is shown at */
#define PREVIEW_SCALE    1.5
#define PREVIEW_WIDTH    560
/* How much Markdown the preview shows */
#define PREVIEW_MD_BYTES (256 * 1024)

struct _PmPublishDialog
{
  AdwWindow             parent_instance;

  PmDocument           *document;
  /* What the preview shows, for the options as they are */
  PmPdfWriter          *writer;
  char                 *markdown;
  guint                 rebuild_id;
  /* While the file chooser is open, and while printing */
  GtkFileChooserNative *chooser;
  GtkPrintOperation    *print;
  PmPdfWriter          *print_writer;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkButton            *save_button;
  GtkButton            *print_button;
  AdwComboRow          *kind_row;
  AdwComboRow          *format_row;
  AdwComboRow          *language_row;
  AdwComboRow          *paper_row;
  GtkLabel             *status_label;
  GtkStack             *preview_stack;
  GtkBox               *pages_box;
  GtkTextView          *markdown_view;
};

G_DEFINE_FINAL_TYPE (PmPublishDialog, pm_publish_dialog, ADW_TYPE_WINDOW)

/* The languages of language_row, in its order. */
static const char * const languages[] = { "en", "de" };

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
get_options (PmPublishDialog *self,
             PmExportOptions *options)
{
  guint language = adw_combo_row_get_selected (self->language_row);

  pm_export_options_init (options);
  options->kind = adw_combo_row_get_selected (self->kind_row) == 1 ? PM_EXPORT_SUMMARY
                                                                    : PM_EXPORT_PROTOCOL;
  options->paper = adw_combo_row_get_selected (self->paper_row) == 1 ? PM_PAPER_LETTER : PM_PAPER_A4;
  options->language = languages[MIN (language, G_N_ELEMENTS (languages) - 1)];
}

static gboolean
is_pdf (PmPublishDialog *self)
{
  return adw_combo_row_get_selected (self->format_row) == 0;
}

/* A file name from the title: no separators or control characters, not too long. */
static char *
suggested_name (PmPublishDialog *self)
{
  PmExportOptions options;
  g_autofree char *title = pm_export_clean_text (pm_document_get_title (self->document),
                                                 PM_CLEAN_SINGLE_LINE);
  g_autoptr(GString) name = g_string_new (NULL);

  get_options (self, &options);
  for (const char *p = title; *p != '\0' && g_utf8_strlen (name->str, -1) < 60; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
          c == '>' || c == '|' || (name->len == 0 && c == '.'))
        c = '-';
      g_string_append_unichar (name, c);
    }
  if (name->len == 0)
    g_string_append (name, _("postmortem"));
  if (options.kind == PM_EXPORT_SUMMARY)
    /* Translators: added to the file name of the manager summary */
    g_string_append_printf (name, " – %s", _("summary"));
  g_string_append (name, is_pdf (self) ? ".pdf" : ".md");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
show_toast (PmPublishDialog *self,
            const char      *message)
{
  /* Error messages name files and quote text: never markup. */
  AdwToast *toast = pm_toast_new_text (message);

  adw_toast_set_timeout (toast, 4);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
clear_pages (PmPublishDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);
}

/* Page @page of the writer as an image. */
static GdkTexture *
render_page (PmPdfWriter *writer,
             guint        page)
{
  double width, height;
  int w, h, stride;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  pm_pdf_writer_get_page_size (writer, &width, &height);
  w = (int)(width * PREVIEW_SCALE + 0.5);
  h = (int)(height * PREVIEW_SCALE + 0.5);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, PREVIEW_SCALE, PREVIEW_SCALE);
  pm_pdf_writer_draw_page (writer, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize)stride * h);
  cairo_surface_destroy (surface);
  /* Cairo's ARGB32 is GDK's default memory format (premultiplied, native byte order). */
  texture = gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, stride);
  return texture;
}

/* What to check before the document leaves the room. */
static char *
status_text (PmPublishDialog *self)
{
  PmExportOptions options;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GListModel) findings = pm_analysis_check (self->document, NULL);
  const char *classification = pm_document_get_field (self->document, PM_FIELD_CLASSIFICATION);
  guint n_findings = g_list_model_get_n_items (findings);
  guint n_marked = 0;

  get_options (self, &options);
  if (is_pdf (self) && self->writer != NULL)
    {
      guint n = pm_pdf_writer_get_n_pages (self->writer);

      g_string_append_printf (text, ngettext ("%u page.", "%u pages.", n), n);
    }
  else if (self->markdown != NULL)
    g_string_append (text, _("Markdown with tables, as on GitHub and GitLab."));

  if (*classification != '\0')
    {
      g_string_append (text, " ");
      /* Translators: %s is the document's classification, e.g. "Internal" */
      g_string_append_printf (text, _("Classified “%s”: every page says so; check who receives it."),
                              pm_vocabulary_get_label (PM_VOCABULARY_CLASSIFICATION, classification));
    }

  if (options.kind == PM_EXPORT_SUMMARY)
    {
      g_autoptr(GPtrArray) chosen = pm_export_summary_measures (self->document, &n_marked);

      g_string_append (text, "\n\n");
      if (n_marked > PM_EXPORT_SUMMARY_MEASURES)
        g_string_append_printf (text, ngettext ("%u measure is marked for the summary; it shows "
                                                "the first %u. Managers decide better on a few.",
                                                "%u measures are marked for the summary; it shows "
                                                "the first %u. Managers decide better on a few.",
                                                n_marked),
                                n_marked, (guint)PM_EXPORT_SUMMARY_MEASURES);
      else if (n_marked == 0)
        g_string_append (text, _("No measure is marked for the summary: it shows the open "
                                 "escalations. Mark the measures that need a decision on the "
                                 "action board."));
      else
        g_string_append (text, _("Measures and events marked confidential stay out of the summary."));
    }

  if (n_findings > 0)
    {
      g_string_append (text, "\n\n");
      g_string_append_printf (text, ngettext ("The method check has %u finding; the protocol lists it at the end.",
                                              "The method check has %u findings; the protocol lists them at the end.",
                                              n_findings),
                              n_findings);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
rebuild (PmPublishDialog *self)
{
  PmExportOptions options;
  g_autofree char *status = NULL;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_object (&self->writer);
  g_clear_pointer (&self->markdown, g_free);
  clear_pages (self);

  get_options (self, &options);
  gtk_widget_set_sensitive (GTK_WIDGET (self->paper_row), is_pdf (self));

  if (is_pdf (self))
    {
      guint n;

      self->writer = pm_pdf_writer_new (self->document, &options, 0, 0);
      n = pm_pdf_writer_get_n_pages (self->writer);
      for (guint page = 0; page < MIN (n, PREVIEW_PAGES); page++)
        {
          g_autoptr(GdkTexture) texture = render_page (self->writer, page);
          GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
          /* Translators: the description of a preview image for screen readers */
          g_autofree char *alternative = g_strdup_printf (_("Page %u of %u"), page + 1, n);

          double width, height;

          pm_pdf_writer_get_page_size (self->writer, &width, &height);
          gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
          gtk_widget_set_size_request (picture, PREVIEW_WIDTH, (int)(PREVIEW_WIDTH * height / width));
          gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
          gtk_picture_set_alternative_text (GTK_PICTURE (picture), alternative);
          gtk_widget_add_css_class (picture, "pm-publish-page");
          gtk_box_append (self->pages_box, picture);
        }
      if (n > PREVIEW_PAGES)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("and %u more page in the file",
                                                             "and %u more pages in the file",
                                                             n - PREVIEW_PAGES), n - PREVIEW_PAGES);
          GtkWidget *label = gtk_label_new (more);

          gtk_widget_add_css_class (label, "dim-label");
          gtk_box_append (self->pages_box, label);
        }
      gtk_stack_set_visible_child_name (self->preview_stack, "pages");
    }
  else
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->markdown_view);
      gsize length;

      self->markdown = pm_markdown_writer_write (self->document, &options);
      length = strlen (self->markdown);
      if (length > PREVIEW_MD_BYTES)
        {
          const char *end = g_utf8_find_prev_char (self->markdown, self->markdown + PREVIEW_MD_BYTES);
          g_autofree char *head = g_strndup (self->markdown, end - self->markdown);
          g_autofree char *shown = g_strdup_printf ("%s\n…\n", head);

          gtk_text_buffer_set_text (buffer, shown, -1);
        }
      else
        gtk_text_buffer_set_text (buffer, self->markdown, (int)length);
      gtk_stack_set_visible_child_name (self->preview_stack, "text");
    }

  status = status_text (self);
  gtk_label_set_text (self->status_label, status);
  adw_window_title_set_subtitle (self->window_title,
                                 options.kind == PM_EXPORT_SUMMARY ? _("Manager summary")
                                                                   : _("Full protocol"));
}

static gboolean
rebuild_cb (gpointer user_data)
{
  PmPublishDialog *self = user_data;

  self->rebuild_id = 0;
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* What the preview shows, as a file's bytes. */
static GBytes *
current_bytes (PmPublishDialog  *self,
               GError          **error)
{
  if (self->rebuild_id != 0 || (self->writer == NULL && self->markdown == NULL))
    rebuild (self);
  if (self->writer != NULL)
    return pm_pdf_writer_write_bytes (self->writer, error);
  return g_bytes_new (self->markdown, strlen (self->markdown));
}

/* ------------------------------------------------------------------------------------------ */
/* Printing                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   PmPublishDialog   *self)
{
  GtkPageSetup *setup = gtk_print_context_get_page_setup (context);
  PmExportOptions options;

  /* Laid out for the paper chosen in the print dialog, in points. */
  get_options (self, &options);
  g_clear_object (&self->print_writer);
  self->print_writer = pm_pdf_writer_new (self->document, &options,
                                          gtk_page_setup_get_paper_width (setup, GTK_UNIT_POINTS),
                                          gtk_page_setup_get_paper_height (setup, GTK_UNIT_POINTS));
  gtk_print_operation_set_n_pages (operation, (int)pm_pdf_writer_get_n_pages (self->print_writer));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page_nr,
                 PmPublishDialog   *self)
{
  g_return_if_fail (self->print_writer != NULL);

  pm_pdf_writer_draw_page (self->print_writer, gtk_print_context_get_cairo_context (context),
                           (guint)page_nr);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  PmPublishDialog         *self)
{
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      show_toast (self, error != NULL ? error->message : _("Printing failed"));
    }
  g_clear_object (&self->print_writer);
  g_clear_object (&self->print);
}

static GtkPrintOperation *
create_print_operation (PmPublishDialog *self)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  g_autofree char *job = pm_export_clean_text (pm_document_get_title (self->document),
                                               PM_CLEAN_SINGLE_LINE);
  PmExportOptions options;

  get_options (self, &options);
  paper = gtk_paper_size_new (options.paper == PM_PAPER_LETTER ? GTK_PAPER_NAME_LETTER
                                                               : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (operation, setup);
  /* Our pages carry their own margins, header and footer. */
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, *job ? job : _("Postmortem"));

  g_signal_connect_object (operation, "begin-print", G_CALLBACK (on_begin_print_cb), self, 0);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self, 0);
  return operation;
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_option_changed_cb (PmPublishDialog *self)
{
  if (self->document == NULL)
    return;
  /* After the combo row has closed and drawn its new value */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, rebuild_cb, self, NULL);
}

static void
on_save_response_cb (PmPublishDialog      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* The chooser is ours to release here. */
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;

  name = g_file_get_basename (file);
  bytes = current_bytes (self, &error);
  if (bytes != NULL)
    {
      path = g_file_get_path (file);
      if (path != NULL)
        pm_atomic_file_write (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      else
        g_file_replace_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error);
    }

  if (error != NULL)
    show_toast (self, error->message);
  else
    {
      g_autofree char *display = g_filename_display_name (name);
      /* Translators: %s is a file name */
      g_autofree char *message = g_strdup_printf (_("Saved “%s”"), display);

      show_toast (self, message);
    }
}

static void
on_save_clicked_cb (PmPublishDialog *self)
{
  g_autofree char *name = suggested_name (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save the Published Document"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (is_pdf (self))
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Markdown documents"));
      gtk_file_filter_add_mime_type (filter, "text/markdown");
      gtk_file_filter_add_pattern (filter, "*.md");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_save_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
on_print_clicked_cb (PmPublishDialog *self)
{
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (self->print != NULL)
    return;

  self->print = create_print_operation (self);
  gtk_print_operation_set_allow_async (self->print, TRUE);
  g_signal_connect_object (self->print, "done", G_CALLBACK (on_print_done_cb), self, 0);
  result = gtk_print_operation_run (self->print, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      show_toast (self, error != NULL ? error->message : _("Printing failed"));
      g_clear_object (&self->print_writer);
      g_clear_object (&self->print);
    }
}

static gboolean
save_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  on_save_clicked_cb (PM_PUBLISH_DIALOG (widget));
  return TRUE;
}

static gboolean
print_shortcut_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  on_print_clicked_cb (PM_PUBLISH_DIALOG (widget));
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_publish_dialog_dispose (GObject *object)
{
  PmPublishDialog *self = (PmPublishDialog *)object;

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->print);
  g_clear_object (&self->print_writer);
  g_clear_object (&self->writer);
  g_clear_object (&self->document);
  g_clear_pointer (&self->markdown, g_free);

  G_OBJECT_CLASS (pm_publish_dialog_parent_class)->dispose (object);
}

static void
pm_publish_dialog_class_init (PmPublishDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_publish_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-publish-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, print_button);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, paper_row);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, preview_stack);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, pages_box);
  gtk_widget_class_bind_template_child (widget_class, PmPublishDialog, markdown_view);
  gtk_widget_class_bind_template_callback (widget_class, on_option_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_print_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, save_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, print_shortcut_cb, NULL);
}

static void
pm_publish_dialog_init (PmPublishDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/* The paper from the preferences ("auto" follows the locale). */
static PmPaper
preferred_paper (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;
  PmPaper paper = pm_export_paper_from_locale ();

  if (schema != NULL && g_settings_schema_has_key (schema, "paper-size"))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *nick = g_settings_get_string (settings, "paper-size");

      pm_export_paper_from_string (nick, &paper);
    }
  return paper;
}

/* The document's language when it is one we write, else the user's. */
static guint
preferred_language (PmDocument *document)
{
  const char *language = pm_export_resolve_language (NULL, document);
  const char * const *names = g_get_language_names ();

  for (guint i = 0; language == NULL && names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], "de"))
      language = "de";
    else if (g_str_has_prefix (names[i], "en"))
      language = "en";

  for (guint i = 0; language != NULL && i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (language, languages[i]))
      return i;
  return 0;
}

PmPublishDialog *
pm_publish_dialog_new (PmDocument *document,
                       GtkWindow  *parent)
{
  PmPublishDialog *self;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PM_TYPE_PUBLISH_DIALOG,
                       "transient-for", parent,
                       NULL);
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));

  adw_combo_row_set_selected (self->language_row, preferred_language (document));
  adw_combo_row_set_selected (self->paper_row, preferred_paper () == PM_PAPER_LETTER ? 1 : 0);
  self->document = g_object_ref (document);
  rebuild (self);
  return self;
}

guint
_pm_publish_dialog_get_n_pages (PmPublishDialog *self)
{
  g_return_val_if_fail (PM_IS_PUBLISH_DIALOG (self), 0);

  if (self->rebuild_id != 0)
    rebuild (self);
  return self->writer != NULL ? pm_pdf_writer_get_n_pages (self->writer) : 0;
}

char *
_pm_publish_dialog_dup_markdown (PmPublishDialog *self)
{
  g_return_val_if_fail (PM_IS_PUBLISH_DIALOG (self), NULL);

  if (self->rebuild_id != 0)
    rebuild (self);
  return g_strdup (self->markdown);
}

gboolean
_pm_publish_dialog_print_to_file (PmPublishDialog  *self,
                                  const char       *path,
                                  GError          **error)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;

  g_return_val_if_fail (PM_IS_PUBLISH_DIALOG (self), FALSE);

  operation = create_print_operation (self);
  gtk_print_operation_set_export_filename (operation, path);
  result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, GTK_WINDOW (self), error);
  g_clear_object (&self->print_writer);
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
