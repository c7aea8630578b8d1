/* pm-window.h — one window per postmortem: header bar, the method's pages, file handling
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"
#include "pm-document-session.h"
#include "pm-draft-store.h"

G_BEGIN_DECLS

#define PM_TYPE_WINDOW (pm_window_get_type ())
G_DECLARE_FINAL_TYPE (PmWindow, pm_window, PM, WINDOW, AdwApplicationWindow)

/* @application may be NULL (tests). A new window shows the start page until it gets a document. */
PmWindow   *pm_window_new                  (GtkApplication       *application);

/* Borrowed; NULL while the start page is shown. */
PmDocument *pm_window_get_document         (PmWindow             *self);
/* A toast whose title shows @text as written. Toast titles are Pango markup in libadwaita 1.2,
 * so text that can hold a user's words, a file name or an error message goes through this. */
AdwToast   *pm_toast_new_text             (const char           *text);
/* Shows @toast (floating, consumed) in the window that holds @widget; dropped when there is none,
 * e.g. a page tested on its own. */
void        pm_widget_show_toast          (GtkWidget            *widget,
                                           AdwToast             *toast);
/* Borrowed; NULL for a document that was never saved. */
GFile      *pm_window_get_file             (PmWindow             *self);
/* Whether the window holds work that is not in its file (a modified document, or a restored
 * draft not saved since). */
gboolean    pm_window_get_modified         (PmWindow             *self);
/* Shows @document, read from @file (NULL: not saved yet) whose bytes were @contents (NULL: the
 * file is read to know), in a new document session (pm_document_session_set_document()). */
void        pm_window_set_document         (PmWindow             *self,
                                            PmDocument           *document,
                                            GFile                *file,
                                            GBytes               *contents);
/* Shows the document of @session (which may still be loading: the window follows its
 * "document"), and from now on its file life: saving, drafts, someone else's changes. The
 * session shown before is closed, keeping its draft. */
void        pm_window_set_session          (PmWindow             *self,
                                            PmDocumentSession    *session);
/* Borrowed; never NULL. */
PmDocumentSession *pm_window_get_session   (PmWindow             *self);
/* Shows @document recovered from @draft as unsaved work (modified until saved); it keeps
 * autosaving into @draft. @file is the file it belongs to, or NULL to save it under a new
 * name (when the file was changed or removed since the draft was taken). */
void        pm_window_restore_draft        (PmWindow             *self,
                                            PmDocument           *document,
                                            GFile                *file,
                                            PmDraft              *draft);

/* Shows @message in an AdwMessageDialog over the window. */
void        pm_window_show_error           (PmWindow             *self,
                                            const char           *heading,
                                            const char           *message);
/* Plain text, never markup (see pm_toast_new_text()). */
void        pm_window_show_toast           (PmWindow             *self,
                                            const char           *title);
/* A toast that stays until dismissed, for what the user must know about their work. Plain text. */
void        pm_window_show_note            (PmWindow             *self,
                                            const char           *text);

/* Asks about unsaved changes (Cancel / Discard / Save) when there are any, saving when asked
 * to. Finishes with TRUE when the window may close now, FALSE when the user cancelled or saving
 * failed. */
void        pm_window_confirm_close_async  (PmWindow             *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
gboolean    pm_window_confirm_close_finish (PmWindow             *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* Closes without asking again (after pm_window_confirm_close_async said yes). */
void        pm_window_close_confirmed      (PmWindow             *self);

G_END_DECLS
