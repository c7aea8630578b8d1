/* test-util.h — what the core and export tests share: documents from strings and from the
 * bundled example, temporary folders, a fake clock's time. No GTK (display tests have
 * tests/ui/ui-test-util.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "pm-clock.h"
#include "pm-document-format.h"

G_BEGIN_DECLS

/* data/examples/leaked-deploy-key.pmortem in the source tree (G_TEST_SRCDIR is tests/). */
char       *pm_test_example_path   (void);
/* That example, loaded; the test fails if it does not load. */
PmDocument *pm_test_load_example   (void);
/* @json loaded as a .pmortem file; the test fails if it does not load. */
PmDocument *pm_test_load_string    (const char *json);

/* A new folder from @tmpl ("pm-thing-XXXXXX") in the temporary folder. */
char       *pm_test_make_tmp_dir   (const char *tmpl);
/* Removes @path and, for a folder, all it holds (also read-only folders); symbolic links are
 * removed, not followed. Nothing there: nothing happens. */
void        pm_test_remove_tree    (const char *path);

/* Moves the fake @clock on by @ms and runs what falls due on the default main context, without
 * waiting for work that starts in other threads. */
void        pm_test_run_clock      (PmClock    *clock,
                                    guint       ms);

G_END_DECLS
