/* fuzz-targets.c — the loader, the CSV importer and the chat and log import against arbitrary
 * bytes
 *
 * Oracle: whatever is accepted must save to bytes that load again and save identically, so a
 * file we write is always a file we can read. Built as a libFuzzer target with
 * -Dfuzzing=true (clang), and always as a replay test over the committed corpus (fuzz-replay.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "fuzz-targets.h"
#include "pm-analysis.h"
#include "pm-csv-import.h"
#include "pm-document-format.h"
#include "pm-import.h"

static void
assert_saves_and_reloads (PmDocument *document)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) reloaded = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  gsize first_length, second_length;

  first = pm_document_serialize (document, &first_length);
  reloaded = pm_document_load_from_data (first, first_length, "saved", &error);
  if (reloaded == NULL)
    g_error ("saved output does not load again: %s", error->message);
  second = pm_document_serialize (reloaded, &second_length);
  if (first_length != second_length || memcmp (first, second, first_length) != 0)
    g_error ("saving a reloaded document changed it");

  findings = pm_analysis_check (reloaded, NULL);
  (void) g_list_model_get_n_items (findings);
}

int
pm_fuzz_load (const uint8_t *data,
              size_t         size)
{
  g_autoptr(PmDocument) document = NULL;

  document = pm_document_load_from_data ((const char *) data, size, "fuzz", NULL);
  if (document != NULL)
    assert_saves_and_reloads (document);
  return 0;
}

int
pm_fuzz_csv (const uint8_t *data,
             size_t         size)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_autofree char *before = pm_document_serialize (document, NULL);

  if (pm_csv_import (document, (const char *) data, size, "fuzz.csv", zone, NULL, NULL, NULL))
    assert_saves_and_reloads (document);
  else
    {
      /* A refused import leaves the document as it was. */
      g_autofree char *after = pm_document_serialize (document, NULL);

      if (strcmp (before, after) != 0)
        g_error ("a refused import changed the document");
    }
  return 0;
}

/* Every reader of chat exports and logs, forced and recognised: whatever is read applies to a
 * document that saves and loads again; a refused apply leaves the document as it was. */
int
pm_fuzz_import (const uint8_t *data,
                size_t         size)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Berlin");

  for (guint format = PM_IMPORT_FORMAT_AUTO; format <= PM_IMPORT_FORMAT_SYSLOG; format++)
    {
      g_autoptr(PmImport) import = NULL;
      g_autoptr(PmDocument) document = NULL;
      PmImportOptions options;

      if (format == PM_IMPORT_FORMAT_CSV)
        continue;
      pm_import_options_init (&options);
      options.format = format;
      options.zone = zone;
      options.reference_time = 1709300000;
      options.include_system = TRUE;
      g_date_set_dmy (&options.date, 1, 3, 2024);
      import = pm_import_read_data ((const char *) data, size, "fuzz", &options, NULL);
      if (import == NULL || pm_import_get_format (import) == PM_IMPORT_FORMAT_CSV)
        continue;
      document = pm_document_new ();
      if (pm_import_apply (document, pm_import_get_messages (import), NULL, zone, NULL, NULL))
        assert_saves_and_reloads (document);
      else if (g_list_model_get_n_items (pm_document_get_events (document)) != 0)
        g_error ("a refused import changed the document");
    }
  return 0;
}
