/* pm-publish-dialog.h — publish a postmortem: the protocol or the summary, PDF or Markdown,
 * previewed, saved or printed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_PUBLISH_DIALOG (pm_publish_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PmPublishDialog, pm_publish_dialog, PM, PUBLISH_DIALOG, AdwWindow)

/* A dialog over @parent (may be NULL) for @document. The document is read each time the
 * preview is made; the dialog is modal, so it does not change meanwhile. */
PmPublishDialog *pm_publish_dialog_new        (PmDocument      *document,
                                               GtkWindow       *parent);

/* For tests: the pages of the current preview (0 for Markdown), the Markdown shown, and the
 * print operation's output written to @path as a PDF instead of to a printer. */
guint            _pm_publish_dialog_get_n_pages   (PmPublishDialog *self);
char            *_pm_publish_dialog_dup_markdown  (PmPublishDialog *self);
gboolean         _pm_publish_dialog_print_to_file (PmPublishDialog *self,
                                                   const char      *path,
                                                   GError         **error);

G_END_DECLS
