/* pm-import-dialog.h — the preview of an import: chat exports, logs, pasted text
 *
 * Reads a file, a folder, a .zip or pasted text in a worker thread (a spinner and Cancel while
 * it does), then lists the candidate messages with a check each: time in the document's zone,
 * author, text on one line. The messages are pre-selected (all, pinned, or with a reaction),
 * filtered by the incident's window and by text, and the authors mapped to teams; "Import N
 * Events" adds the chosen ones, those the filters show, in one undo step. A CSV timeline is
 * recognised and imported as it is. Errors name the file and the line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"
#include "pm-import.h"

G_BEGIN_DECLS

#define PM_TYPE_IMPORT_DIALOG (pm_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PmImportDialog, pm_import_dialog, PM, IMPORT_DIALOG, AdwWindow)

PmImportDialog *pm_import_dialog_new             (GtkWindow       *parent,
                                                  PmDocument      *document);
/* Starts reading @file (a file, a folder or a .zip) in a worker thread. */
void            pm_import_dialog_read_file       (PmImportDialog  *self,
                                                  GFile           *file);
/* Starts reading @text, pasted, as a transcript named @display_name. */
void            pm_import_dialog_read_text       (PmImportDialog  *self,
                                                  const char      *text,
                                                  const char      *display_name);
/* Whether the worker is still reading. */
gboolean        pm_import_dialog_is_reading      (PmImportDialog  *self);
/* The reader's error, or NULL (borrowed). */
const char     *pm_import_dialog_get_error       (PmImportDialog  *self);
/* The format read (AUTO while reading or after an error). */
PmImportFormat  pm_import_dialog_get_format      (PmImportDialog  *self);
guint           pm_import_dialog_get_n_messages  (PmImportDialog  *self);
/* The messages the filters show, and of those the chosen ones (what "Import" adds). */
guint           pm_import_dialog_get_n_shown     (PmImportDialog  *self);
guint           pm_import_dialog_get_n_chosen    (PmImportDialog  *self);
/* Pre-selects: "all", "pinned" or "reaction:NAME" (a reaction found in the messages). */
gboolean        pm_import_dialog_preselect       (PmImportDialog  *self,
                                                  const char      *selection);
void            pm_import_dialog_set_search      (PmImportDialog  *self,
                                                  const char      *text);
void            pm_import_dialog_set_window_only (PmImportDialog  *self,
                                                  gboolean         window_only);
/* Maps @author (as the list shows it) to @team ("" or NULL: no team); FALSE for an author that
 * is not among the messages. */
gboolean        pm_import_dialog_set_team        (PmImportDialog  *self,
                                                  const char      *author,
                                                  const char      *team);
/* Adds the chosen messages to the document in one undo step and emits "imported"; the
 * dialog closes itself when called from its button. */
gboolean        pm_import_dialog_apply           (PmImportDialog  *self,
                                                  PmImportApplied *applied,
                                                  GError         **error);

G_END_DECLS
