/* pm-application.h — the Postmortem application: windows, actions, settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-draft-store.h"
#include "pm-window.h"

G_BEGIN_DECLS

#define PM_TYPE_APPLICATION (pm_application_get_type ())
G_DECLARE_FINAL_TYPE (PmApplication, pm_application, PM, APPLICATION, AdwApplication)

PmApplication *pm_application_new            (void);

/* Opens @file in its own window, or presents the window that has it open already. The file is
 * read off the main thread. @requester (may be NULL) is the window that asked: it takes the
 * document when it shows no document yet, and shows the error when the file is invalid. */
void           pm_application_open_file      (PmApplication *self,
                                              GFile         *file,
                                              PmWindow      *requester);
/* The window showing @file, or NULL. */
PmWindow      *pm_application_find_window    (PmApplication *self,
                                              GFile         *file);
/* Where drafts of unsaved work are kept ($XDG_DATA_HOME/io.github.pmortem.Postmortem/drafts). */
PmDraftStore  *pm_application_get_draft_store (PmApplication *self);
/* Looks for drafts left by an earlier run (a crash, a kill) and offers them back; done once at
 * start-up by itself. */
void           pm_application_check_drafts   (PmApplication *self);
/* Files being read right now, and draft look-ups running. */
guint          pm_application_get_n_loading  (PmApplication *self);

G_END_DECLS
