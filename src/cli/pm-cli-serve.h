/* pm-cli-serve.h — `pmortem serve`: a live session without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Hosts a live session for the postmortem at @path until SIGINT or SIGTERM, saving what the
 * participants contribute into it. @address NULL: every address; @port 0: a free one;
 * @certificate and @key: PEM files of an organisation's certificate, or NULL for the one the
 * app keeps. Returns the process exit status. */
int pm_cli_serve (const char *path,
                  const char *address,
                  int         port,
                  const char *certificate,
                  const char *key);

G_END_DECLS
