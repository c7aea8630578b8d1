/* pm-pdf-writer-private.h — what the PDF writer decides, for the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-document.h"
#include "pm-pdf-flow.h"

G_BEGIN_DECLS

/* The colour a kind is drawn in (legend, card stripe, table bar). */
PmRgb      _pm_pdf_kind_color          (const char *kind);

/* The names of the timeline figure's lane columns, left to right (a new array of strings). */
GPtrArray *_pm_pdf_figure_lane_names   (PmDocument *document);

G_END_DECLS
