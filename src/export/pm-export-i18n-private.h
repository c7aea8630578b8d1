/* pm-export-i18n-private.h — gettext for the exporters
 *
 * GLib's g_dgettext() decides once per process whether to translate at all, and in a locale the
 * application has no catalogue for (C.UTF-8, or any language we do not ship) it never translates
 * again. An export asks for its own language (--lang, or the Publish dialog), so these lookups go
 * to libintl directly and follow pm_export_language_push().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libintl.h>
#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

#undef _
#undef N_
#undef C_
#undef NC_

#define _(String)            dgettext (GETTEXT_PACKAGE, String)
#define N_(String)           (String)
#define C_(Context, String)  _pm_export_pgettext (Context "\004" String, sizeof (Context))
#define NC_(Context, String) (String)

/* @msgctxt_id is "context\004msgid"; @msgid_offset where the msgid starts. */
const char *_pm_export_pgettext   (const char *msgctxt_id,
                                   gsize       msgid_offset);
/* The same for a context and msgid known only at run time (NC_() tables). */
const char *_pm_export_pgettext2  (const char *context,
                                   const char *msgid);

G_END_DECLS
