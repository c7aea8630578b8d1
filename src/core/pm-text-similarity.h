/* pm-text-similarity.h — how alike two short texts are, by the letter pairs they share
 *
 * The text is case-folded and normalised; every run of characters that are not letters or
 * digits counts as one space. Its letter pairs (bigrams, the first paired with a space) are
 * compared as multisets: similarity = 2 · shared pairs / all pairs, from 0 (nothing shared)
 * to 1 (the same pairs; two texts without any pair are alike). The merge compares events'
 * texts by it, the trends compare root-cause titles.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The letter pairs of @text (NULL: ""), sorted; @n_pairs receives how many. Free with g_free(). */
gint64 *pm_text_bigrams            (const char   *text,
                                    guint        *n_pairs);

/* Similarity of two sorted lists of pairs from pm_text_bigrams(), 0 … 1. */
double  pm_text_bigram_similarity  (const gint64 *a,
                                    guint         n_a,
                                    const gint64 *b,
                                    guint         n_b);

/* Similarity of @a and @b (NULL: ""), 0 … 1. */
double  pm_text_similarity         (const char   *a,
                                    const char   *b);

G_END_DECLS
