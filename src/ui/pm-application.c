/* pm-application.c — the Postmortem application: windows, actions, settings
 *
 * One window per document. Files are read off the main thread; an invalid file opens nothing
 * and its loader message is shown. Quitting asks, window by window, about unsaved changes.
 *
 * At start-up the drafts an earlier run left behind (a crash, a kill -9, a power cut) are
 * offered back; every draft present is unsaved work, since a draft is removed only after its
 * document was saved or the user discarded the changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-application.h"
#include "pm-live-host.h"
#include "pm-live-join-dialog.h"
#include "pm-document-format.h"
#include "pm-draft-store.h"
#include "pm-message-dialog.h"
#include "pm-preferences-window.h"
#include "pm-resources.h"
#include "pm-start-page.h"
#include "pm-time.h"
#include "pm-trends-window.h"
#include "pm-window.h"

struct _PmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  /* Scales the text of every document window (the zoom-percent setting). */
  GtkCssProvider *zoom_provider;
  /* Files being read: GFile → GFile. */
  GHashTable     *loading;
  /* Drafts of unsaved work, and the look-ups for them running now. */
  PmDraftStore   *draft_store;
  guint           n_draft_checks;
  /* Windows still to ask about unsaved changes while quitting (owned refs). */
  GQueue          quit_queue;
};

G_DEFINE_FINAL_TYPE (PmApplication, pm_application, ADW_TYPE_APPLICATION)

typedef struct
{
  PmApplication *self;
  GFile         *file;
  PmWindow      *requester;
  PmWindow      *prepared;   /* built while the file is read; NULL when none was */
  PmDocumentSession *session;  /* reads the file, then goes to the window that shows it */
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->self);
  g_clear_object (&data->file);
  g_clear_object (&data->requester);
  g_clear_object (&data->prepared);
  g_clear_object (&data->session);
  g_free (data);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
has_window (PmApplication *self,
            GtkWindow     *window)
{
  return window != NULL &&
         g_list_find (gtk_application_get_windows (GTK_APPLICATION (self)), window) != NULL;
}

/* The most recently used document window, or NULL. */
static PmWindow *
get_active_pm_window (PmApplication *self)
{
  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (PM_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/* A window that shows the start page, preferring @preferred, then the most recent one. */
static PmWindow *
find_empty_window (PmApplication *self,
                   PmWindow      *preferred)
{
  if (preferred != NULL && has_window (self, GTK_WINDOW (preferred)) &&
      pm_window_get_document (preferred) == NULL)
    return preferred;

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (PM_IS_WINDOW (l->data) && pm_window_get_document (l->data) == NULL)
      return l->data;

  return NULL;
}

static PmDocument *
create_document (PmApplication *self)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autofree char *zone = g_settings_get_string (self->settings, "default-timezone");

  /* New postmortems are shown in the preferred zone, else in the system's (when it has an IANA
   * name). Set directly, not as an edit: a new document starts unmodified. */
  if (zone[0] == '\0')
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      g_free (zone);
      zone = g_strdup (g_time_zone_get_identifier (local));
    }

  if (zone[0] != '\0')
    {
      g_autoptr(GTimeZone) tz = pm_time_zone_new (zone, NULL);

      if (tz != NULL)
        g_object_set (document, "timezone", zone, NULL);
    }

  return g_steal_pointer (&document);
}

static void
update_color_scheme (PmApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();
  AdwColorScheme scheme;

  switch (g_settings_get_enum (self->settings, "color-scheme"))
    {
    case 1:
      scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
      break;
    case 2:
      scheme = ADW_COLOR_SCHEME_FORCE_DARK;
      break;
    default:
      scheme = ADW_COLOR_SCHEME_DEFAULT;
      break;
    }

  adw_style_manager_set_color_scheme (style_manager, scheme);
}

/* Libadwaita's type scale in points (base.css, 1.2): fixed sizes do not follow the window's
 * font size, so the zoom scales them explicitly. */
static const struct {
  const char *selector;
  int         points;
} type_scale[] = {
  { ".large-title", 24 },
  { ".title-1", 20 },
  { ".title-2", 15 },
  { ".title-3", 15 },
  { ".title-4", 13 },
  { ".heading", 11 },
  { ".body", 11 },
  { ".caption-heading", 9 },
  { ".caption", 9 },
};

static void
update_zoom (PmApplication *self)
{
  int zoom = CLAMP (g_settings_get_int (self->settings, "zoom-percent"), 50, 300);
  g_autoptr(GString) css = g_string_new (NULL);

  /* Relative sizes follow the window's font; the system's large-text setting still applies
   * underneath, since a percentage scales whatever the default size is. */
  g_string_append_printf (css, "window.pm-window { font-size: %d%%; }\n", zoom);
  for (guint i = 0; i < G_N_ELEMENTS (type_scale); i++)
    {
      int tenths = (type_scale[i].points * zoom + 5) / 10;

      g_string_append_printf (css, "window.pm-window %s { font-size: %d.%dpt; }\n",
                              type_scale[i].selector, tenths / 10, tenths % 10);
    }
  /* Presentation mode (F11) shows everything half as large again, on top of the zoom: text
   * and cards readable from the back of the room. */
  g_string_append_printf (css, "window.pm-window.pm-presentation { font-size: %d%%; }\n",
                          zoom * 3 / 2);
  /* Popovers do not inherit the window's font size: they get it here. */
  g_string_append_printf (css, "window.pm-window popover > contents { font-size: %d%%; }\n",
                          zoom);
  g_string_append_printf (css, "window.pm-window.pm-presentation popover > contents "
                          "{ font-size: %d%%; }\n", zoom * 3 / 2);
  for (guint i = 0; i < G_N_ELEMENTS (type_scale); i++)
    {
      int tenths = (type_scale[i].points * zoom * 3 / 2 + 5) / 10;

      g_string_append_printf (css, "window.pm-window.pm-presentation %s { font-size: %d.%dpt; }\n",
                              type_scale[i].selector, tenths / 10, tenths % 10);
    }
  /* The narrow view switcher's labels are sized against the root font (rem). */
  g_string_append (css, "window.pm-window viewswitcher button.toggle > stack > box.narrow "
                        "{ font-size: 0.75em; }\n");

  gtk_css_provider_load_from_data (self->zoom_provider, css->str, -1);
}

/* ------------------------------------------------------------------------------------------ */
/* Loading                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  LoadData *data = user_data;
  PmApplication *self = data->self;
  g_autoptr(GError) error = NULL;
  PmWindow *window;

  g_hash_table_remove (self->loading, data->file);

  if (!pm_document_session_load_finish (data->session, result, &error))
    {
      /* Nothing opens; the message says which file and where. */
      if (data->requester != NULL && has_window (self, GTK_WINDOW (data->requester)))
        window = data->requester;
      else if ((window = get_active_pm_window (self)) == NULL)
        window = pm_window_new (GTK_APPLICATION (self));
      /* (The window built while reading is not shown yet.) */
      gtk_window_present (GTK_WINDOW (window));

      pm_window_show_error (window, _("Could Not Open Postmortem"), error->message);
    }
  else if ((window = pm_application_find_window (self, data->file)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
    }
  else
    {
      window = find_empty_window (self, data->requester != NULL ? data->requester
                                                                 : data->prepared);
      if (window == NULL)
        window = pm_window_new (GTK_APPLICATION (self));

      pm_window_set_session (window, data->session);
      gtk_window_present (GTK_WINDOW (window));
    }

  /* Built for nothing (the file was open already, or the open failed over another window). */
  if (data->prepared != NULL && pm_window_get_document (data->prepared) == NULL &&
      !gtk_widget_get_visible (GTK_WIDGET (data->prepared)))
    gtk_window_destroy (GTK_WINDOW (data->prepared));

  g_application_release (G_APPLICATION (self));
  load_data_free (data);
}

/* ------------------------------------------------------------------------------------------ */
/* Recovering drafts                                                                           */
/* ------------------------------------------------------------------------------------------ */

/* The window to show a message over: the most recent document window, else a new one. */
static PmWindow *
ensure_window (PmApplication *self)
{
  PmWindow *window = get_active_pm_window (self);

  if (window == NULL)
    window = pm_window_new (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
restore_draft (PmApplication *self,
               PmDraftInfo   *info)
{
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(PmDraft) draft = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *base_path = pm_draft_info_get_base_path (info);
  const char *title = pm_draft_info_get_title (info);
  g_autofree char *note = NULL;
  PmWindow *window;

  if (title[0] == '\0')
    title = _("Untitled Postmortem");

  if ((document = pm_draft_store_load (self->draft_store, info, &error)) == NULL)
    {
      /* The draft stays where it is, to be offered again. */
      pm_window_show_error (ensure_window (self), _("Could Not Restore a Draft"), error->message);
      return;
    }

  draft = pm_draft_store_adopt (self->draft_store, info);

  if (base_path != NULL)
    {
      file = g_file_new_for_path (base_path);

      /* Someone changed (or removed) the file since the draft was taken, or it is open
       * already: keep both, the file as it is and the restored work as a document of its own,
       * saved under a new name. */
      if (pm_draft_info_get_base_state (info) == PM_DRAFT_BASE_MISSING)
        note = g_strdup_printf (_("The file of “%s” was moved or deleted after this draft was "
                                  "taken. The restored work is not in any file yet: save it to "
                                  "keep it."),
                                title);
      else if (pm_draft_info_get_base_changed (info) ||
               pm_application_find_window (self, file) != NULL)
        note = g_strdup_printf (_("The file of “%s” was changed after this draft was taken. Both "
                                  "are kept: the file as it is, and the restored work here, which "
                                  "is not in any file yet."),
                                title);

      if (note != NULL)
        {
          g_clear_object (&file);
          pm_draft_set_base (draft, NULL, NULL, 0);
        }
    }

  if ((window = find_empty_window (self, NULL)) == NULL)
    window = pm_window_new (GTK_APPLICATION (self));

  pm_window_restore_draft (window, document, file, draft);
  gtk_window_present (GTK_WINDOW (window));

  if (note != NULL)
    pm_window_show_note (window, note);
}

typedef struct
{
  PmApplication *self;
  GPtrArray     *drafts;
} Recovery;

static void
recovery_free (gpointer  data,
               GClosure *closure)
{
  Recovery *recovery = data;

  g_clear_object (&recovery->self);
  g_clear_pointer (&recovery->drafts, g_ptr_array_unref);
  g_free (recovery);
}

static void
on_recovery_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  Recovery *recovery = user_data;
  PmApplication *self = recovery->self;

  if (g_strcmp0 (response, "restore") == 0)
    {
      for (guint i = 0; i < recovery->drafts->len; i++)
        restore_draft (self, g_ptr_array_index (recovery->drafts, i));
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      for (guint i = 0; i < recovery->drafts->len; i++)
        {
          g_autoptr(PmDraft) draft = pm_draft_store_adopt (self->draft_store,
                                                           g_ptr_array_index (recovery->drafts, i));
          g_autoptr(GError) error = NULL;

          if (!pm_draft_store_discard (self->draft_store, draft, &error))
            g_message ("Could not remove a draft: %s", error->message);
        }
    }
  /* "later": the drafts stay and are offered again at the next start. */
}

static GtkWidget *
create_draft_row (PmDraftInfo *info)
{
  const char *title = pm_draft_info_get_title (info);
  const char *base_path = pm_draft_info_get_base_path (info);
  g_autoptr(GDateTime) local = g_date_time_to_local (pm_draft_info_get_saved_at (info));
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row;

  if (base_path != NULL)
    {
      g_autofree char *display = g_filename_display_name (base_path);

      g_string_append (subtitle, display);
    }
  else
    g_string_append (subtitle, _("Never saved to a file"));

  g_string_append_c (subtitle, '\n');
  /* Translators: %s is a date and time */
  g_string_append_printf (subtitle, _("Last change kept %s"), when);

  switch (pm_draft_info_get_base_state (info))
    {
    case PM_DRAFT_BASE_CHANGED:
      g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, _("The file was changed since: both will be kept"));
      break;
    case PM_DRAFT_BASE_MISSING:
      g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, _("The file is gone: the work comes back unsaved"));
      break;
    case PM_DRAFT_BASE_UNTITLED:
    case PM_DRAFT_BASE_UNCHANGED:
    default:
      break;
    }

  /* Titles and paths are user text, never markup. */
  row = g_object_new (ADW_TYPE_ACTION_ROW,
                      "use-markup", FALSE,
                      "title", title[0] != '\0' ? title : _("Untitled Postmortem"),
                      "subtitle", subtitle->str,
                      "subtitle-lines", 0,
                      NULL);
  return row;
}

static void
show_recovery_dialog (PmApplication *self,
                      GPtrArray     *drafts,
                      const char    *quarantine_note)
{
  g_autoptr(GString) body = g_string_new (NULL);
  AdwMessageDialog *dialog;
  Recovery *recovery;
  GtkWidget *list;
  GtkWidget *scroller;
  gboolean crashed = FALSE;

  for (guint i = 0; i < drafts->len; i++)
    crashed |= pm_draft_info_get_crashed (g_ptr_array_index (drafts, i));

  if (crashed)
    g_string_append (body, _("Postmortem did not close properly the last time. "));
  g_string_append (body, ngettext ("This postmortem has changes that were never saved. Restore "
                                   "them to go on working, or discard them.",
                                   "These postmortems have changes that were never saved. "
                                   "Restore them to go on working, or discard them.",
                                   drafts->len));
  if (quarantine_note != NULL)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, quarantine_note);
    }

  dialog = pm_message_dialog_new (GTK_WINDOW (ensure_window (self)),
                                  _("Restore Unsaved Work?"), body->str);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Unsaved postmortems"),
                                  -1);
  for (guint i = 0; i < drafts->len; i++)
    gtk_list_box_append (GTK_LIST_BOX (list), create_draft_row (g_ptr_array_index (drafts, i)));

  /* A long list scrolls; a short one is shown whole. */
  if (drafts->len > 3)
    {
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller),
                                      GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      adw_message_dialog_set_extra_child (dialog, scroller);
    }
  else
    adw_message_dialog_set_extra_child (dialog, list);

  pm_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "later", _("_Not Now"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  adw_message_dialog_set_close_response (dialog, "later");

  recovery = g_new0 (Recovery, 1);
  recovery->self = g_object_ref (self);
  recovery->drafts = g_ptr_array_ref (drafts);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_recovery_response_cb),
                         recovery, recovery_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_drafts_listed_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PmApplication) self = user_data;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) quarantined = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *quarantine_note = NULL;

  self->n_draft_checks--;

  drafts = pm_draft_store_list_finish (PM_DRAFT_STORE (object), result, &quarantined, &error);

  if (quarantined != NULL && quarantined->len > 0)
    {
      g_autoptr(GString) note = g_string_new (NULL);
      const char *directory = pm_draft_store_get_directory (PM_DRAFT_STORE (object));
      g_autofree char *folder = g_build_filename (directory, "quarantine", NULL);

      /* A damaged draft is set aside, never deleted, and the app starts anyway. */
      for (guint i = 0; i < quarantined->len; i++)
        {
          const GError *set_aside = g_ptr_array_index (quarantined, i);

          g_string_append_printf (note, "%s\n", set_aside->message);
        }
      g_string_append_printf (note,
                              ngettext ("It was moved to “%s”, not deleted.",
                                        "They were moved to “%s”, not deleted.",
                                        quarantined->len),
                              folder);
      quarantine_note = g_string_free (g_steal_pointer (&note), FALSE);
    }

  if (drafts == NULL)
    g_message ("Could not look for drafts: %s", error->message);

  if (drafts != NULL && drafts->len > 0)
    show_recovery_dialog (self, drafts, quarantine_note);
  else if (quarantine_note != NULL)
    pm_window_show_error (ensure_window (self), _("A Draft Could Not Be Read"), quarantine_note);

  g_application_release (G_APPLICATION (self));
}

/* ------------------------------------------------------------------------------------------ */
/* Quitting                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void quit_next (PmApplication *self);

static void
quit_confirm_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PmApplication) self = user_data;
  PmWindow *window = PM_WINDOW (object);

  if (pm_window_confirm_close_finish (window, result, NULL))
    {
      pm_window_close_confirmed (window);
      quit_next (self);
    }
  else
    {
      /* Cancelled: the windows not asked yet stay as they are. */
      g_queue_clear_full (&self->quit_queue, g_object_unref);
    }
}

static void
quit_next (PmApplication *self)
{
  PmWindow *window;

  while ((window = g_queue_pop_head (&self->quit_queue)) != NULL)
    {
      g_autoptr(PmWindow) owned = window;

      if (has_window (self, GTK_WINDOW (window)))
        {
          pm_window_confirm_close_async (window, NULL, quit_confirm_cb, g_object_ref (self));
          return;
        }
    }

  /* Every document window is closed: the rest (preferences, about) goes too. */
  g_application_quit (G_APPLICATION (self));
}

/* ------------------------------------------------------------------------------------------ */
/* Actions                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_application_action_new (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  PmApplication *self = PM_APPLICATION (user_data);
  g_autoptr(PmDocument) document = create_document (self);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  PmWindow *window;

  window = find_empty_window (self, PM_IS_WINDOW (active) ? PM_WINDOW (active) : NULL);
  if (window == NULL)
    window = pm_window_new (GTK_APPLICATION (self));

  pm_window_set_document (window, document, NULL, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

static void
pm_application_action_new_window (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  PmApplication *self = PM_APPLICATION (user_data);

  gtk_window_present (GTK_WINDOW (pm_window_new (GTK_APPLICATION (self))));
}

typedef struct
{
  PmApplication *self;
  PmWindow      *parent;
} OpenChooser;

static void
on_open_response_cb (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  OpenChooser *chooser = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          pm_application_open_file (chooser->self, file, chooser->parent);
        }
    }

  g_clear_object (&chooser->parent);
  g_clear_object (&chooser->self);
  g_free (chooser);

  /* GTK does not keep the chooser alive: this is the reference from the open action. */
  g_object_unref (native);
}

static void
pm_application_action_open (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  PmApplication *self = PM_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *native;
  OpenChooser *chooser;

  native = gtk_file_chooser_native_new (_("Open Postmortem"),
                                        parent,
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"),
                                        _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);

  gtk_file_filter_set_name (filter, _("Postmortems"));
  gtk_file_filter_add_pattern (filter, "*" PM_FILE_EXTENSION);
  gtk_file_filter_add_mime_type (filter, PM_MIME_TYPE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);

  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);

  chooser = g_new0 (OpenChooser, 1);
  chooser->self = g_object_ref (self);
  chooser->parent = PM_IS_WINDOW (parent) ? g_object_ref (PM_WINDOW (parent)) : NULL;
  g_signal_connect (native, "response", G_CALLBACK (on_open_response_cb), chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
pm_application_action_preferences (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  PmApplication *self = PM_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (pm_preferences_window_new (parent)));
}

static void
pm_application_action_shortcuts (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  PmApplication *self = PM_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* GtkApplication gives every application window win.show-help-overlay, built from
   * gtk/help-overlay.ui in our resources. */
  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
pm_application_action_about (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  PmApplication *self = PM_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  adw_about_window_set_application_name (about, _("Postmortem"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("Postmortem developers"));
  adw_about_window_set_comments (about,
                                 _("Run the meeting after a security incident: gather what "
                                   "happened, find the root causes, agree on measures and check "
                                   "them later. It looks at systems and never blames people."));
  adw_about_window_set_website (about, "https://github.com/pmortem/pmortem");
  adw_about_window_set_issue_url (about, "https://github.com/pmortem/pmortem/issues");
  adw_about_window_set_copyright (about, _("© Postmortem developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  /* Translators: replace with your names, one per line */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  gtk_window_present (GTK_WINDOW (about));
}

static void
pm_application_action_quit (GSimpleAction *action,
                            GVariant      *param,
                            gpointer       user_data)
{
  PmApplication *self = PM_APPLICATION (user_data);

  if (!g_queue_is_empty (&self->quit_queue))
    return;  /* already asking */

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (PM_IS_WINDOW (l->data))
      g_queue_push_tail (&self->quit_queue, g_object_ref (l->data));

  quit_next (self);
}

/* One Trends window: a second request brings it to the front. */
static void
pm_application_action_trends (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  PmApplication *self = PM_APPLICATION (user_data);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (PM_IS_TRENDS_WINDOW (l->data))
      {
        gtk_window_present (l->data);
        return;
      }
  gtk_window_present (GTK_WINDOW (pm_trends_window_new (GTK_APPLICATION (self))));
}

/* "app.join-live": take part in someone else's live session from here. */
static void
pm_application_action_join_live (GSimpleAction *action,
                                 GVariant      *param,
                                 gpointer       user_data)
{
  PmApplication *self = PM_APPLICATION (user_data);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (pm_live_join_dialog_new (GTK_APPLICATION (self), active, NULL)));
}

static const GActionEntry app_actions[] = {
  { "new", pm_application_action_new },
  { "new-window", pm_application_action_new_window },
  { "open", pm_application_action_open },
  { "trends", pm_application_action_trends },
  { "join-live", pm_application_action_join_live },
  { "preferences", pm_application_action_preferences },
  { "shortcuts", pm_application_action_shortcuts },
  { "about", pm_application_action_about },
  { "quit", pm_application_action_quit },
};

static const struct {
  const char *action;
  const char *accels[4];
} app_accels[] = {
  { "app.new", { "<Control>n", NULL } },
  { "app.new-window", { "<Control><Shift>n", NULL } },
  { "app.open", { "<Control>o", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "app.quit", { "<Control>q", NULL } },
  { "win.save", { "<Control>s", NULL } },
  { "win.save-as", { "<Control><Shift>s", NULL } },
  { "win.publish", { "<Control>p", NULL } },
  { "win.close", { "<Control>w", NULL } },
  { "win.undo", { "<Control>z", NULL } },
  { "win.redo", { "<Control><Shift>z", NULL } },
  { "win.zoom-in", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
  { "win.zoom-out", { "<Control>minus", "<Control>KP_Subtract", NULL } },
  { "win.zoom-reset", { "<Control>0", "<Control>KP_0", NULL } },
  { "win.presentation", { "F11", NULL } },
  { "win.agenda", { "F8", NULL } },
  { "win.meeting-timer", { "F5", NULL } },
  { "win.share-live", { "<Control><Shift>l", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.show-page::overview", { "<Alt>1", NULL } },
  { "win.show-page::timeline", { "<Alt>2", NULL } },
  { "win.show-page::root-causes", { "<Alt>3", NULL } },
  { "win.show-page::measures", { "<Alt>4", NULL } },
  { "win.show-page::follow-up", { "<Alt>5", NULL } },
};

/* ------------------------------------------------------------------------------------------ */
/* GApplication                                                                                */
/* ------------------------------------------------------------------------------------------ */

static void
pm_application_startup (GApplication *application)
{
  PmApplication *self = PM_APPLICATION (application);

  G_APPLICATION_CLASS (pm_application_parent_class)->startup (application);

  g_set_application_name (_("Postmortem"));
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action, app_accels[i].accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (update_color_scheme), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::zoom-percent",
                           G_CALLBACK (update_zoom), self, G_CONNECT_SWAPPED);
  update_color_scheme (self);

  self->zoom_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->zoom_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  update_zoom (self);

  /* Drafts of unsaved work live in our own folder, never next to the user's files. */
  {
    g_autofree char *directory = g_build_filename (g_get_user_data_dir (), APP_ID, "drafts", NULL);
    g_autoptr(GError) error = NULL;

    self->draft_store = pm_draft_store_new (directory);
    if (!pm_draft_store_begin_session (self->draft_store, &error))
      g_message ("Drafts folder %s: %s", directory, error->message);
  }

  /* Offer back what an earlier run left unsaved (crash, kill, power cut). */
  pm_application_check_drafts (self);
}

static void
pm_application_shutdown (GApplication *application)
{
  PmApplication *self = PM_APPLICATION (application);
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  /* Live sessions ended with their windows: let their goodbyes reach the participants (their
   * pages then say the session ended instead of trying to reconnect). */
  while (pm_live_host_get_n_draining () > 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  /* A normal end: the next start knows this session did not crash. Drafts of windows that
   * were not closed (the session ended) stay and are offered again. */
  if (self->draft_store != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!pm_draft_store_end_session (self->draft_store, &error))
        g_message ("Drafts folder: %s", error->message);
    }

  if (self->zoom_provider != NULL)
    gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                   GTK_STYLE_PROVIDER (self->zoom_provider));

  G_APPLICATION_CLASS (pm_application_parent_class)->shutdown (application);
}

static void
pm_application_activate (GApplication *application)
{
  PmApplication *self = PM_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (pm_window_new (GTK_APPLICATION (self)));

  gtk_window_present (window);
}

static void
pm_application_open (GApplication  *application,
                     GFile        **files,
                     int            n_files,
                     const char    *hint)
{
  PmApplication *self = PM_APPLICATION (application);

  for (int i = 0; i < n_files; i++)
    pm_application_open_file (self, files[i], NULL);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_application_dispose (GObject *object)
{
  PmApplication *self = PM_APPLICATION (object);

  g_queue_clear_full (&self->quit_queue, g_object_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->zoom_provider);
  g_clear_object (&self->draft_store);

  G_OBJECT_CLASS (pm_application_parent_class)->dispose (object);
}

static void
pm_application_finalize (GObject *object)
{
  PmApplication *self = PM_APPLICATION (object);

  g_clear_pointer (&self->loading, g_hash_table_unref);

  G_OBJECT_CLASS (pm_application_parent_class)->finalize (object);
}

static void
pm_application_class_init (PmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = pm_application_dispose;
  object_class->finalize = pm_application_finalize;

  application_class->startup = pm_application_startup;
  application_class->shutdown = pm_application_shutdown;
  application_class->activate = pm_application_activate;
  application_class->open = pm_application_open;

  /* The resources live in a static library and register themselves when linked in: referring
   * to them here makes sure the linker keeps them (templates, style.css, help overlay). */
  (void) pm_get_resource ();
}

static void
pm_application_init (PmApplication *self)
{
  self->loading = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                         g_object_unref, NULL);
  g_queue_init (&self->quit_queue);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmApplication *
pm_application_new (void)
{
  return g_object_new (PM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/pmortem/Postmortem",
                       NULL);
}

void
pm_application_open_file (PmApplication *self,
                          GFile         *file,
                          PmWindow      *requester)
{
  PmWindow *window;
  LoadData *data;

  g_return_if_fail (PM_IS_APPLICATION (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (requester == NULL || PM_IS_WINDOW (requester));

  if ((window = pm_application_find_window (self, file)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (g_hash_table_contains (self->loading, file))
    return;

  g_hash_table_add (self->loading, g_object_ref (file));

  /* Keeps the application running while nothing is shown yet (pmortem FILE). */
  g_application_hold (G_APPLICATION (self));

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->file = g_object_ref (file);
  data->requester = requester != NULL ? g_object_ref (requester) : NULL;

  data->session = pm_document_session_new (self->draft_store);
  pm_document_session_load_async (data->session, file, NULL, load_cb, data);

  /* Opened from outside (the command line, the file manager): build the window while a worker
   * thread reads the file. The two took about as long, one after the other; on two cores they
   * now overlap, which made start-up with a large file as fast as GNOME Text Editor's. */
  if (requester == NULL)
    data->prepared = g_object_ref (pm_window_new (GTK_APPLICATION (self)));
}

PmWindow *
pm_application_find_window (PmApplication *self,
                            GFile         *file)
{
  g_return_val_if_fail (PM_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  for (const GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    {
      GFile *window_file;

      if (PM_IS_WINDOW (l->data) &&
          (window_file = pm_window_get_file (l->data)) != NULL &&
          g_file_equal (window_file, file))
        return l->data;
    }

  return NULL;
}

guint
pm_application_get_n_loading (PmApplication *self)
{
  g_return_val_if_fail (PM_IS_APPLICATION (self), 0);

  return g_hash_table_size (self->loading) + self->n_draft_checks;
}

PmDraftStore *
pm_application_get_draft_store (PmApplication *self)
{
  g_return_val_if_fail (PM_IS_APPLICATION (self), NULL);

  return self->draft_store;
}

void
pm_application_check_drafts (PmApplication *self)
{
  g_return_if_fail (PM_IS_APPLICATION (self));

  if (self->draft_store == NULL)
    return;

  /* Keeps the application running while the drafts are looked at. */
  self->n_draft_checks++;
  g_application_hold (G_APPLICATION (self));
  pm_draft_store_list_async (self->draft_store, NULL, on_drafts_listed_cb, g_object_ref (self));
}
