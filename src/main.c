/* main.c — one executable: a subcommand runs headless, otherwise the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The build is strict C11; SIGXFSZ is POSIX. This must come before the first system header. */
#ifndef _POSIX_C_SOURCE
# define _POSIX_C_SOURCE 200809L
#endif

#include <glib/gi18n.h>
#include <locale.h>
#include <signal.h>

#include "cli/pm-cli.h"
#include "ui/pm-application.h"

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("PMORTEM_LOCALEDIR");

  /* A save that outgrows the file size limit (ulimit -f) would otherwise be killed by SIGXFSZ
   * before it could remove its temporary file or say why. Ignored, the write fails with EFBIG,
   * the save reports it and the original file stays as it was. */
  signal (SIGXFSZ, SIG_IGN);

  /* Exports switch $LANGUAGE for their own language (pm-export-text.c); the variable exists
   * from the start, empty meaning none, so that switching never grows the environment while
   * other threads run. */
  if (g_getenv ("LANGUAGE") == NULL)
    g_setenv ("LANGUAGE", "", TRUE);

  setlocale (LC_ALL, "");
  /* Tests and uninstalled builds point this at the build tree's po/ directory. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Subcommands run headless: they never initialise GTK, so they work without a display. */
  if (pm_cli_handles (argc, argv))
    return pm_cli_run (argc, argv);

  {
    g_autoptr(PmApplication) app = pm_application_new ();

    return g_application_run (G_APPLICATION (app), argc, argv);
  }
}
