/* pm-text-similarity.c — how alike two short texts are, by the letter pairs they share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-text-similarity.h"

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

gint64 *
pm_text_bigrams (const char *text,
                 guint      *n_pairs)
{
  g_autofree char *folded = NULL;
  g_autofree char *normal = NULL;
  GArray *pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  gunichar previous = ' ';

  g_return_val_if_fail (n_pairs != NULL, NULL);

  folded = g_utf8_casefold (text != NULL ? text : "", -1);
  normal = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  for (const char *p = normal ? normal : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gint64 key;

      if (!g_unichar_isalnum (c))
        c = ' ';
      if (c == ' ' && previous == ' ')
        continue;
      key = ((gint64) previous << 32) | c;
      g_array_append_val (pairs, key);
      previous = c;
    }
  g_array_sort (pairs, compare_gint64);
  *n_pairs = pairs->len;
  return (gint64 *) g_array_free (pairs, FALSE);
}

double
pm_text_bigram_similarity (const gint64 *a,
                           guint         n_a,
                           const gint64 *b,
                           guint         n_b)
{
  guint i = 0, j = 0, common = 0;

  if (n_a + n_b == 0)
    return 1.0;
  /* Both sorted: a pair that occurs k times in one and m times in the other is shared
   * min (k, m) times. */
  while (i < n_a && j < n_b)
    {
      if (a[i] == b[j])
        {
          common++;
          i++;
          j++;
        }
      else if (a[i] < b[j])
        i++;
      else
        j++;
    }
  return 2.0 * common / (n_a + n_b);
}

double
pm_text_similarity (const char *a,
                    const char *b)
{
  guint n_a, n_b;
  g_autofree gint64 *pairs_a = pm_text_bigrams (a, &n_a);
  g_autofree gint64 *pairs_b = pm_text_bigrams (b, &n_b);

  return pm_text_bigram_similarity (pairs_a, n_a, pairs_b, n_b);
}
