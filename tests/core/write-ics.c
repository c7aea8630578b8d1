/* write-ics.c — test helper: writes the invitation for one follow-up of a .pmortem file
 *
 * Usage: write-ics FILE.pmortem FOLLOW-UP-ID > invitation.ics
 * Used by test-ics-parse.py, which reads the output with a real iCalendar parser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "pm-document-format.h"
#include "pm-ics.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ics = NULL;
  PmFollowUp *follow_up;

  if (argc != 3)
    {
      fprintf (stderr, "usage: write-ics FILE FOLLOW-UP-ID\n");
      return 2;
    }

  document = pm_document_load_from_file (argv[1], &error);
  if (document == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  follow_up = pm_document_find_follow_up (document, argv[2]);
  if (follow_up == NULL)
    {
      fprintf (stderr, "no follow-up %s\n", argv[2]);
      return 1;
    }

  ics = pm_ics_write_follow_up (document, follow_up, pm_ics_get_timestamp (), &error);
  if (ics == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  fwrite (ics, 1, strlen (ics), stdout);
  return 0;
}
