/* pm-cli-import.h — `pmortem import`: a CSV timeline, a chat export or a log into a postmortem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The command line's options, as given (NULL: not given). */
typedef struct
{
  const char *source;          /* a file, a folder or a .zip */
  const char *output;          /* the postmortem: appended to when it exists */
  const char *title;           /* of a new postmortem */
  const char *timezone;        /* for times without an offset */
  const char *format;          /* auto, csv, slack, … */
  const char *since;           /* RFC 3339 */
  const char *until;
  const char *select;          /* all, pinned, reaction:NAME */
  const char *actors;          /* CSV: author,team */
  gboolean    include_system;  /* keep joins, topic changes … */
} PmCliImport;

/* Runs the import and returns the process exit status: 0 done, 1 the input is not valid (or
 * nothing in it is to be imported), 2 wrong arguments or a file that cannot be read. */
int pm_cli_import (const PmCliImport *args);

G_END_DECLS
