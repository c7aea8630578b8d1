/* pm-vocabulary.h — the method's fixed words: principles, kinds, statuses, verdicts
 *
 * Values are stored in files as the stable ASCII names below. A value this version does not
 * know (written by a newer one) is kept verbatim and shown as it is, never coerced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  PM_PRINCIPLE_COMPREHENSIVITY,
  PM_PRINCIPLE_OPPORTUNITY,
  PM_PRINCIPLE_RIGOR,
  PM_PRINCIPLE_MINIMIZATION,
  PM_PRINCIPLE_COMPARTMENTATION,
  PM_PRINCIPLE_FAULT_TOLERANCE,
  PM_PRINCIPLE_PROPORTIONALITY,
  PM_N_PRINCIPLES
} PmPrinciple;

#define PM_TYPE_PRINCIPLE (pm_principle_get_type ())
GType        pm_principle_get_type        (void) G_GNUC_CONST;

/* "comprehensivity", "opportunity", "rigor", "minimization", "compartmentation",
 * "fault-tolerance", "proportionality" */
const char  *pm_principle_to_string       (PmPrinciple  principle);
gboolean     pm_principle_from_string     (const char  *str,
                                           PmPrinciple *principle);
/* Translated display name, e.g. "Fault tolerance". */
const char  *pm_principle_get_label       (PmPrinciple  principle);
/* Translated one-line explanation, in our own words. */
const char  *pm_principle_get_explanation (PmPrinciple  principle);
/* Translated guiding questions for the meeting (3 to 5), in our own words; free with
 * g_strfreev(). */
char       **pm_principle_dup_questions   (PmPrinciple  principle);

/* The vocabularies. Each is a NULL-terminated list of the stored names, in display order. */
typedef enum
{
  PM_VOCABULARY_SEVERITY,        /* critical, high, medium, low */
  PM_VOCABULARY_DOCUMENT_STATUS, /* draft, in-review, published, closed */
  PM_VOCABULARY_CLASSIFICATION,  /* public, internal, confidential, restricted */
  PM_VOCABULARY_EVENT_KIND,      /* trigger, detection, response, communication, recovery, background */
  PM_VOCABULARY_CATEGORY,        /* technical, process, organisational, tooling, people-resources */
  PM_VOCABULARY_VERDICT,         /* not-assessed, contributed, held-up, not-relevant */
  PM_VOCABULARY_MEASURE_KIND,    /* prevent, detect, mitigate, process */
  PM_VOCABULARY_MEASURE_STATUS,  /* proposed, agreed, in-progress, done, verified, dropped */
  PM_N_VOCABULARIES
} PmVocabulary;

const char * const *pm_vocabulary_get_values (PmVocabulary  vocabulary);
gboolean     pm_vocabulary_contains      (PmVocabulary  vocabulary,
                                          const char   *value);
/* The translated label of a known value, or @value itself when it is unknown. */
const char  *pm_vocabulary_get_label     (PmVocabulary  vocabulary,
                                          const char   *value);

G_END_DECLS
