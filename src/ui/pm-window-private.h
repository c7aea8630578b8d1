/* pm-window-private.h — what the window's files share: the instance struct, helpers, and entry
 * points for the display tests
 *
 *   pm-window.c          the GObject, the template, the document session binding, pages, closing
 *   pm-window-actions.c  the win.* actions: save, save as, reload, keep mine, zoom, presentation
 *   pm-window-dnd.c      dropping files on the window
 *   pm-window-live.c     hosting a live session: win.share-live, the Live button, the panel
 *
 * The test entry points run the same code as the file choosers' responses, without the choosers
 * (which cannot be driven from a test).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib/gi18n.h>

#include "pm-collect-bar.h"
#include "pm-document-session.h"
#include "pm-findings-button.h"
#include "pm-live-host.h"
#include "pm-live-session-dialog.h"
#include "pm-follow-up-page.h"
#include "pm-meeting-button.h"
#include "pm-overview-page.h"
#include "pm-root-causes-page.h"
#include "pm-start-page.h"
#include "pm-timeline-page.h"
#include "pm-action-board.h"
#include "pm-window.h"

G_BEGIN_DECLS

struct _PmWindow
{
  AdwApplicationWindow  parent_instance;

  /* The file life of the document shown: never NULL (empty on the start page). */
  PmDocumentSession    *session;
  GSignalGroup         *session_signals;
  /* The session's document (a reference of our own while it is shown). */
  PmDocument           *document;
  GSettings            *settings;
  GSignalGroup         *document_signals;
  GSignalGroup         *undo_signals;

  /* The dialog shown over the window, for the tests (weak). */
  AdwMessageDialog     *dialog;
  /* The "Save changes?" dialog while it is shown (weak), and the tasks waiting for it. */
  AdwMessageDialog     *close_dialog;
  GPtrArray            *close_tasks;
  /* Zoom toast, replaced by the next one (weak). */
  AdwToast             *zoom_toast;
  /* The live session this window hosts for its document (NULL when none), and its panel while
   * it is open (weak). */
  PmLiveHost           *live_host;
  PmLiveSessionDialog  *live_dialog;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwHeaderBar         *header_bar;
  GtkButton            *open_button;
  GtkBox               *undo_box;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  AdwViewSwitcherTitle *switcher_title;
  GtkMenuButton        *primary_menu_button;
  GtkButton            *save_button;
  GtkInfoBar           *file_bar;
  GtkLabel             *file_label;
  GtkButton            *keep_mine_button;
  GtkButton            *reload_button;
  GtkInfoBar           *read_only_bar;
  GtkLabel             *read_only_label;
  GtkButton            *save_copy_button;
  GtkStack             *main_stack;
  PmStartPage          *start_page;
  AdwViewStack         *view_stack;
  PmOverviewPage       *overview_page;
  PmFindingsButton     *findings_button;
  /* participants' copies: whose copy this is, what a merge left to decide */
  PmCollectBar         *collect_bar;
  /* The pages but Overview are built when first shown (ensure_page) into these bins; NULL
   * until then. */
  AdwBin               *timeline_bin;
  AdwBin               *root_causes_bin;
  AdwBin               *measures_bin;
  AdwBin               *follow_up_bin;
  PmTimelinePage       *timeline_page;
  PmRootCausesPage     *root_causes_page;
  PmActionBoard        *action_board;
  PmFollowUpPage       *follow_up_page;
  AdwViewSwitcherBar   *switcher_bar;
  /* The agenda and timer in the header; presentation mode (F11) is on. */
  PmMeetingButton      *meeting_button;
  /* Shown while a live session runs: the number of people connected; opens the panel. */
  GtkButton            *live_button;
  GtkLabel             *live_count_label;
  gboolean              presentation;
  AdwToast             *presentation_toast;  /* weak */

  guint                 close_confirmed : 1;
  /* A close was asked for while saving: decide once the save is done. */
  guint                 close_after_save : 1;
  /* The autosave failure was reported once already. */
  guint                 autosave_failure_shown : 1;
  /* Destroyed: async work finishing now must not touch the widgets. */
  guint                 disposed : 1;
  /* A redo is being done (for the message when a step is refused). */
  guint                 redoing : 1;
};

/* The title as the user sees it: the document's, or a placeholder for an untitled one. */
static inline const char *
get_display_title (PmWindow *self)
{
  const char *title = self->document != NULL ? pm_document_get_title (self->document) : NULL;

  if (title == NULL || title[0] == '\0')
    return _("Untitled Postmortem");

  return title;
}

/* Whether the window holds work that is not in its file. */
static inline gboolean
is_modified (PmWindow *self)
{
  return pm_document_session_get_modified (self->session);
}

static inline gboolean
is_saving (PmWindow *self)
{
  return pm_document_session_get_saving (self->session);
}

/* Borrowed; NULL for a document never saved. */
static inline GFile *
get_file (PmWindow *self)
{
  return pm_document_session_get_file (self->session);
}

static inline char *
dup_file_display_name (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);

  return g_filename_display_name (basename);
}

/* pm-window.c */
AdwMessageDialog *_pm_window_create_message_dialog (PmWindow            *self,
                                                    const char          *heading,
                                                    const char          *body);
void              _pm_window_update_title          (PmWindow            *self);
void              _pm_window_update_all            (PmWindow            *self);
void              _pm_window_add_to_recent         (GFile               *file);
/* A close asked for during a save: now that it is done (@saved or not), close or ask. */
void              _pm_window_finish_pending_close  (PmWindow            *self,
                                                    gboolean             saved);
/* Builds the page @name if it is not built yet and returns it (NULL for other names). */
gpointer          _pm_window_ensure_page           (PmWindow            *self,
                                                    const char          *name);

/* pm-window-actions.c */
void              _pm_window_class_init_actions    (GtkWidgetClass      *widget_class);
void              _pm_window_init_presentation     (PmWindow            *self);
/* Enables the actions that apply now and updates the header bar buttons. */
void              _pm_window_update_actions        (PmWindow            *self);
/* Saves to the document's file, or asks where when there is none or it must not be written. */
void              _pm_window_save_async            (PmWindow            *self,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean          _pm_window_save_finish           (PmWindow            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

/* pm-window-dnd.c */
void              _pm_window_init_dnd              (PmWindow            *self);
/* What a drop of @files (GFile) does: a .pmortem opens, anything else on the Timeline page opens
 * the import preview. For tests, which cannot drag. */
void              _pm_window_drop_files            (PmWindow            *self,
                                                    GSList              *files);

/* pm-window-live.c */
void              _pm_window_class_init_live       (GtkWidgetClass      *widget_class);
void              _pm_window_init_live             (PmWindow            *self);
/* Ends the live session, if one runs (participants get "bye"), and closes its panel. */
void              _pm_window_stop_live             (PmWindow            *self);
/* A step of the undo history was refused: says so in a toast. */
void              _pm_window_show_refused          (PmWindow            *self,
                                                    const char          *label,
                                                    const char          *who);

/* For the display tests. What Save As does once the chooser returned @file: appends the
 * extension when missing, asks before replacing an existing file whose name the chooser did not
 * confirm, then saves. */
void              _pm_window_save_as_file          (PmWindow            *self,
                                                    GFile               *file);
/* The dialog currently shown over the window (save changes, replace, error), or NULL. */
AdwMessageDialog *_pm_window_get_dialog            (PmWindow            *self);
/* TRUE while a save is being written. */
gboolean          _pm_window_get_saving            (PmWindow            *self);
/* The live session the window hosts, or NULL; its panel while open, or NULL. */
PmLiveHost       *_pm_window_get_live_host         (PmWindow            *self);
PmLiveSessionDialog *_pm_window_get_live_dialog    (PmWindow            *self);

G_END_DECLS
