/* pm-event-editor.h — the side panel that edits one timeline event
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_EVENT_EDITOR (pm_event_editor_get_type ())
G_DECLARE_FINAL_TYPE (PmEventEditor, pm_event_editor, PM, EVENT_EDITOR, AdwBin)

/* Signals: "close" (the panel's close button), "delete" (the Delete button). */
GtkWidget  *pm_event_editor_new       (void);
void        pm_event_editor_set_event (PmEventEditor *self,
                                       PmDocument    *document,
                                       PmEvent       *event);
PmEvent    *pm_event_editor_get_event (PmEventEditor *self);
/* Puts the keyboard focus on the first field. */
void        pm_event_editor_focus     (PmEventEditor *self);

G_END_DECLS
