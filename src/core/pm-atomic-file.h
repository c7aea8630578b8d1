/* pm-atomic-file.h — saving that never leaves a half-written document behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Replaces the contents of @path with @length bytes of @data, atomically and durably:
 * a temporary file ".NAME.pm-save-XXXXXX" in the same folder is written, fsync'ed, given the
 * original's mode (and group, where allowed), renamed over the target, and the folder is
 * fsync'ed. If @path is a symbolic link, the file it points to is replaced and the link stays.
 * On any failure the temporary file is removed, the original is byte-identical to before, and
 * @error (G_FILE_ERROR or PM_ERROR_IO) names the file and what went wrong. A new file is
 * created with mode 0666 & ~umask. An existing file without any write bit, or one we may not
 * write, is refused as write-protected (G_FILE_ERROR_ACCES), also for root. Temporary files
 * left in the folder by killed saves of the same file name are removed first. */
gboolean pm_atomic_file_write (const char  *path,
                               const char  *data,
                               gsize        length,
                               GError     **error);

/* Reads at most @max_bytes from @path. A larger file is refused with PM_ERROR_LIMIT before
 * it is read (checked on the open descriptor, and the read itself is capped). */
gboolean pm_file_read_bounded (const char  *path,
                               gsize        max_bytes,
                               char       **contents,
                               gsize       *length,
                               GError     **error);

G_END_DECLS
