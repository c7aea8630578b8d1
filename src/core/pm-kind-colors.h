/* pm-kind-colors.h — one table of the event kinds' colours, for the screen and for paper
 *
 * The canvas, the timeline table and the PDF all draw a kind in the colour given here, so
 * that Detection is the same colour on screen and in the published protocol. The kind is
 * always written out as well: colour is never the only carrier.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* fixed hues from the GNOME palette, readable on light and dark cards */
  PM_KIND_PALETTE_REGULAR,
  /* darker shades of the same hues, at least 4.5:1 against white: high-contrast mode on a
   * light background, and a kind's name written in its colour on paper */
  PM_KIND_PALETTE_HIGH_CONTRAST,
} PmKindPalette;

/* The colour of @kind (a value of PM_VOCABULARY_EVENT_KIND) as 0xRRGGBB; a kind this version
 * does not know, "" or NULL get one shared colour. */
guint32  pm_kind_color_get_rgb (const char    *kind,
                                PmKindPalette  palette);
/* The same as three components from 0 to 1. */
void     pm_kind_color_get     (const char    *kind,
                                PmKindPalette  palette,
                                double        *red,
                                double        *green,
                                double        *blue);

G_END_DECLS
