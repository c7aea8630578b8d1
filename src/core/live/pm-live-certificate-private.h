/* pm-live-certificate-private.h — for tests: a kept certificate with chosen validity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Makes a new key and self-signed certificate valid from @not_before to @not_after (Unix
 * times, UTC) and keeps them in @directory as pm_live_certificate_load_or_create() would,
 * replacing what is there. */
GTlsCertificate *_pm_live_certificate_create_for_test (const char  *directory,
                                                       gint64       not_before,
                                                       gint64       not_after,
                                                       GError     **error);

G_END_DECLS
