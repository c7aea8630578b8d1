/* prepare-copy.c — writes a participant's copy of a postmortem, as Prepare Participant Copies
 * does, for the command-line tests: prepare-copy DOCUMENT PARTICIPANT-ID OUT. DOCUMENT is saved
 * too, as the moderator would: it remembers the copy's token.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "pm-document-format.h"
#include "pm-participant-copy.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) document = NULL;
  g_autoptr(PmDocument) copy = NULL;

  if (argc != 4)
    {
      fprintf (stderr, "usage: prepare-copy DOCUMENT PARTICIPANT-ID OUT\n");
      return 2;
    }
  if ((document = pm_document_load_from_file (argv[1], &error)) == NULL ||
      (copy = pm_participant_copy_new (document, argv[2], &error)) == NULL ||
      !pm_document_save_to_file (copy, argv[3], &error) ||
      !pm_document_save_to_file (document, argv[1], &error))
    {
      fprintf (stderr, "prepare-copy: %s\n", error->message);
      return 1;
    }
  return 0;
}
