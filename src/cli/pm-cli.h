/* pm-cli.h — the headless subcommands of pmortem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @argv asks for a subcommand, --help or --version, i.e. no display is needed. */
gboolean pm_cli_handles     (int    argc,
                             char **argv);
/* Runs it and returns the process exit status. */
int      pm_cli_run         (int    argc,
                             char **argv);

G_END_DECLS
