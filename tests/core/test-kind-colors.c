/* test-kind-colors.c — the one table of kind colours
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "pm-kind-colors.h"
#include "pm-vocabulary.h"

static double
channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
contrast_on_white (const char    *kind,
                   PmKindPalette  palette)
{
  double r, g, b, l;

  pm_kind_color_get (kind, palette, &r, &g, &b);
  l = 0.2126 * channel (r) + 0.7152 * channel (g) + 0.0722 * channel (b);
  return 1.05 / (l + 0.05);
}

/* The screen's colours are the truth: the canvas has always drawn these. */
static void
test_regular (void)
{
  g_assert_cmphex (pm_kind_color_get_rgb ("trigger", PM_KIND_PALETTE_REGULAR), ==, 0xe01b24);
  g_assert_cmphex (pm_kind_color_get_rgb ("detection", PM_KIND_PALETTE_REGULAR), ==, 0xe5a50a);
  g_assert_cmphex (pm_kind_color_get_rgb ("recovery", PM_KIND_PALETTE_REGULAR), ==, 0x2ec27e);
  g_assert_cmphex (pm_kind_color_get_rgb ("no such kind", PM_KIND_PALETTE_REGULAR), ==,
                   pm_kind_color_get_rgb (NULL, PM_KIND_PALETTE_REGULAR));
  g_assert_cmphex (pm_kind_color_get_rgb ("", PM_KIND_PALETTE_REGULAR), ==,
                   pm_kind_color_get_rgb (NULL, PM_KIND_PALETTE_REGULAR));
}

/* Every kind of the method has its own colour, in both palettes, and the high-contrast one is
 * readable as text on white. */
static void
test_distinct_and_contrast (void)
{
  const char * const *kinds = pm_vocabulary_get_values (PM_VOCABULARY_EVENT_KIND);

  for (guint p = 0; p < 2; p++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

      g_hash_table_add (seen, GUINT_TO_POINTER (pm_kind_color_get_rgb (NULL, p)));
      for (guint i = 0; kinds[i] != NULL; i++)
        {
          guint32 rgb = pm_kind_color_get_rgb (kinds[i], p);

          g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (rgb)));
          g_hash_table_add (seen, GUINT_TO_POINTER (rgb));
          if (p == PM_KIND_PALETTE_HIGH_CONTRAST)
            g_assert_cmpfloat (contrast_on_white (kinds[i], p), >=, 4.5);
        }
    }
}

static void
test_components (void)
{
  double r, g, b;

  pm_kind_color_get ("detection", PM_KIND_PALETTE_REGULAR, &r, &g, &b);
  g_assert_cmpfloat_with_epsilon (r, 0xe5 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (g, 0xa5 / 255.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (b, 0x0a / 255.0, 1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kind-colors/regular", test_regular);
  g_test_add_func ("/kind-colors/distinct-and-contrast", test_distinct_and_contrast);
  g_test_add_func ("/kind-colors/components", test_components);

  return g_test_run ();
}
