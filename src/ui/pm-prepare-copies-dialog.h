/* pm-prepare-copies-dialog.h — writing a copy of the postmortem for each participant
 *
 * Lists the participants (everyone but the moderator chosen at first); "Write Copies…" asks
 * for a folder and writes one file per chosen participant, named after the title and the
 * participant, with the atomic writer. A file of that name already there is never replaced:
 * it may be a copy that came back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_PREPARE_COPIES_DIALOG (pm_prepare_copies_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PmPrepareCopiesDialog, pm_prepare_copies_dialog, PM, PREPARE_COPIES_DIALOG,
                      AdwWindow)

PmPrepareCopiesDialog *pm_prepare_copies_dialog_new          (GtkWindow             *parent,
                                                              PmDocument            *document);
/* Whether participant @id gets a copy. */
void                   pm_prepare_copies_dialog_set_chosen   (PmPrepareCopiesDialog *self,
                                                              const char            *id,
                                                              gboolean               chosen);
/* The ids of the chosen participants, in list order. */
GStrv                  pm_prepare_copies_dialog_dup_chosen   (PmPrepareCopiesDialog *self);
/* Writes the chosen copies into @folder; @written (may be NULL) receives the files written
 * (GFile), also those written before a failure. */
gboolean               pm_prepare_copies_dialog_write_to     (PmPrepareCopiesDialog *self,
                                                              GFile                 *folder,
                                                              GPtrArray            **written,
                                                              GError               **error);

G_END_DECLS
