/* pm-document-format.h — reading and writing .pmortem files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_FILE_EXTENSION ".pmortem"

/* Reads a document from @length bytes. Every problem is an error that names @display_name and
 * where: "NAME:LINE:COLUMN: …" for JSON syntax, "NAME: $.events[3].time: …" for content.
 * A file needing a newer reader fails with PM_ERROR_VERSION; one written in a newer format
 * loads read-only. The loaded document is unmodified and has nothing to undo. */
PmDocument *pm_document_load_from_data (const char  *data,
                                        gsize        length,
                                        const char  *display_name,
                                        GError     **error);
PmDocument *pm_document_load_from_file (const char  *path,
                                        GError     **error);

/* One event in its file form ("id", "time", "precision", "text", …), checked as strictly as in
 * a file: errors name @display_name and @path ("message from Ana: event.text: …"). */
PmEvent    *pm_document_read_event     (JsonObject  *object,
                                        const char  *display_name,
                                        const char  *path,
                                        GError     **error);

/* @event in its file form, without members this version does not know. */
JsonObject *pm_document_dup_event_form (PmEvent     *event);

/* The canonical file contents, parsed: the tree merges and contributions compare. */
JsonNode   *pm_document_dup_file_form  (PmDocument  *document);

/* The canonical file contents: deterministic, 2-space indented, with a trailing newline. */
char       *pm_document_serialize      (PmDocument  *document,
                                        gsize       *length);

/* Writes the document atomically (see pm-atomic-file.h). Does not mark it saved: the caller
 * decides whether this was a save or a copy. */
gboolean    pm_document_save_to_file   (PmDocument  *document,
                                        const char  *path,
                                        GError     **error);

G_END_DECLS
