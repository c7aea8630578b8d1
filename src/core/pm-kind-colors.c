/* pm-kind-colors.c — one table of the event kinds' colours, for the screen and for paper
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-kind-colors.h"

static const struct
{
  const char *kind;
  guint32     rgb[2];   /* PmKindPalette */
} kind_colors[] = {
  { "trigger",       { 0xe01b24, 0xa51d2d } },   /* red 3, red 5 */
  { "detection",     { 0xe5a50a, 0x9c6b00 } },   /* yellow 5, a dark ochre */
  { "response",      { 0x3584e4, 0x1a5fb4 } },   /* blue 3, blue 5 */
  { "communication", { 0x9141ac, 0x813d9c } },   /* purple 3, purple 4 */
  { "recovery",      { 0x2ec27e, 0x1b7a4c } },   /* green 4, a dark green */
  { "background",    { 0x77767b, 0x5e5c64 } },   /* dark 1, dark 2 */
};
/* any other kind, or none */
static const guint32 other_rgb[2] = { 0x986a44, 0x865e3c };   /* brown 3, brown 4 */

guint32
pm_kind_color_get_rgb (const char    *kind,
                       PmKindPalette  palette)
{
  guint p = palette == PM_KIND_PALETTE_HIGH_CONTRAST ? 1 : 0;

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kind_colors); i++)
    if (g_str_equal (kind, kind_colors[i].kind))
      return kind_colors[i].rgb[p];
  return other_rgb[p];
}

void
pm_kind_color_get (const char    *kind,
                   PmKindPalette  palette,
                   double        *red,
                   double        *green,
                   double        *blue)
{
  guint32 rgb = pm_kind_color_get_rgb (kind, palette);

  if (red != NULL)
    *red = ((rgb >> 16) & 0xff) / 255.0;
  if (green != NULL)
    *green = ((rgb >> 8) & 0xff) / 255.0;
  if (blue != NULL)
    *blue = (rgb & 0xff) / 255.0;
}
