/* pm-timeline-page.h — the Timeline page: the event-storming canvas, a table of the same
 * events, quick entry, and the event side panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"
#include "pm-import-dialog.h"
#include "pm-timeline-canvas.h"

G_BEGIN_DECLS

#define PM_TYPE_TIMELINE_PAGE (pm_timeline_page_get_type ())
G_DECLARE_FINAL_TYPE (PmTimelinePage, pm_timeline_page, PM, TIMELINE_PAGE, AdwBin)

GtkWidget        *pm_timeline_page_new          (void);
PmDocument       *pm_timeline_page_get_document (PmTimelinePage *self);
void              pm_timeline_page_set_document (PmTimelinePage *self,
                                                 PmDocument     *document);
PmTimelineCanvas *pm_timeline_page_get_canvas   (PmTimelinePage *self);
/* Reads @line like the quick-entry field does and adds the event; FALSE with @error when the
 * line cannot be read. The new event is selected. */
PmEvent          *pm_timeline_page_quick_add    (PmTimelinePage *self,
                                                 const char     *line,
                                                 GError        **error);
/* Opens the side panel on @event (NULL closes it). */
void              pm_timeline_page_edit_event   (PmTimelinePage *self,
                                                 PmEvent        *event);
/* Deletes the selected events as one undo step and offers to undo in a toast. */
void              pm_timeline_page_delete_selection (PmTimelinePage *self);
/* "canvas" or "table" */
void              pm_timeline_page_set_view     (PmTimelinePage *self,
                                                 const char     *name);
/* Opens the import preview on @file (a file, a folder or a .zip), reading it; the dialog is
 * borrowed (NULL without a document). */
PmImportDialog   *pm_timeline_page_import_file  (PmTimelinePage *self,
                                                 GFile          *file);
/* What pasting @text into the quick-entry field does: a single line goes into the field as
 * it is (NULL); several lines open the import preview on them as a transcript (borrowed). */
PmImportDialog   *pm_timeline_page_paste_text   (PmTimelinePage *self,
                                                 const char     *text);

G_END_DECLS
