/* pm-vocabulary.c — the method's fixed words: principles, kinds, statuses, verdicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pm-vocabulary.h"

/* ------------------------------------------------------------------------------------------ */
/* Principles                                                                                 */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *label;
  const char *explanation;
} PrincipleInfo;

static const PrincipleInfo principles[PM_N_PRINCIPLES] = {
  [PM_PRINCIPLE_COMPREHENSIVITY] = {
    "comprehensivity",
    /* Translators: the name of a security principle */
    N_("Comprehensivity"),
    N_("Did the security work cover the whole scope, leaving no system, process or party out "
       "of the picture?"),
  },
  [PM_PRINCIPLE_OPPORTUNITY] = {
    "opportunity",
    /* Translators: the name of a security principle */
    N_("Opportunity"),
    N_("Did people and tools have what they needed to do the right thing, such as time, "
       "knowledge, access and budget?"),
  },
  [PM_PRINCIPLE_RIGOR] = {
    "rigor",
    /* Translators: the name of a security principle */
    N_("Rigor"),
    N_("Were assumptions checked and routine work automated instead of being left to "
       "someone's memory?"),
  },
  [PM_PRINCIPLE_MINIMIZATION] = {
    "minimization",
    /* Translators: the name of a security principle */
    N_("Minimization"),
    N_("Was the attack surface as small as it could be, with no service, data or right kept "
       "beyond what the work needed?"),
  },
  [PM_PRINCIPLE_COMPARTMENTATION] = {
    "compartmentation",
    /* Translators: the name of a security principle */
    N_("Compartmentation"),
    N_("Were access and components kept apart, so that one breach could not spread to the "
       "rest?"),
  },
  [PM_PRINCIPLE_FAULT_TOLERANCE] = {
    "fault-tolerance",
    /* Translators: the name of a security principle */
    N_("Fault tolerance"),
    N_("Could one failing part, person or safeguard bring everything else down with it?"),
  },
  [PM_PRINCIPLE_PROPORTIONALITY] = {
    "proportionality",
    /* Translators: the name of a security principle */
    N_("Proportionality"),
    N_("Did the effort spent on security fit the business and its risks, neither too little "
       "nor too much?"),
  },
};

G_DEFINE_ENUM_TYPE (PmPrinciple, pm_principle,
  G_DEFINE_ENUM_VALUE (PM_PRINCIPLE_COMPREHENSIVITY, "comprehensivity"),
  G_DEFINE_ENUM_VALUE (PM_PRINCIPLE_OPPORTUNITY, "opportunity"),
  G_DEFINE_ENUM_VALUE (PM_PRINCIPLE_RIGOR, "rigor"),
  G_DEFINE_ENUM_VALUE (PM_PRINCIPLE_MINIMIZATION, "minimization"),
  G_DEFINE_ENUM_VALUE (PM_PRINCIPLE_COMPARTMENTATION, "compartmentation"),
  G_DEFINE_ENUM_VALUE (PM_PRINCIPLE_FAULT_TOLERANCE, "fault-tolerance"),
  G_DEFINE_ENUM_VALUE (PM_PRINCIPLE_PROPORTIONALITY, "proportionality"))

const char *
pm_principle_to_string (PmPrinciple principle)
{
  g_return_val_if_fail ((guint)principle < PM_N_PRINCIPLES, NULL);

  return principles[principle].name;
}

gboolean
pm_principle_from_string (const char  *str,
                          PmPrinciple *principle)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    {
      if (strcmp (str, principles[i].name) == 0)
        {
          if (principle != NULL)
            *principle = (PmPrinciple)i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
pm_principle_get_label (PmPrinciple principle)
{
  g_return_val_if_fail ((guint)principle < PM_N_PRINCIPLES, NULL);

  return _(principles[principle].label);
}

const char *
pm_principle_get_explanation (PmPrinciple principle)
{
  g_return_val_if_fail ((guint)principle < PM_N_PRINCIPLES, NULL);

  return _(principles[principle].explanation);
}

/* Questions the moderator can ask the room, one principle at a time. At most five each. */
static const char * const principle_questions[PM_N_PRINCIPLES][6] = {
  [PM_PRINCIPLE_COMPREHENSIVITY] = {
    N_("Which systems, accounts or suppliers were involved that nobody had on their list?"),
    N_("Was the affected part covered by the same reviews and monitoring as the rest?"),
    N_("Who was responsible for it, and did they know that?"),
    N_("Were old or temporary parts still running that everyone had forgotten about?"),
    NULL
  },
  [PM_PRINCIPLE_OPPORTUNITY] = {
    N_("Did the people involved have the time to do it properly?"),
    N_("Did they have the knowledge, training or documentation they needed?"),
    N_("Did the tools make the safe way the easy way?"),
    N_("Was there a budget, or a person to ask, when something was missing?"),
    NULL
  },
  [PM_PRINCIPLE_RIGOR] = {
    N_("Which assumptions turned out to be wrong, and could they have been tested?"),
    N_("Which steps depended on someone remembering to do them?"),
    N_("Could a check, a test or an automated job have caught this earlier?"),
    N_("Were warnings or alerts ignored because they came too often?"),
    NULL
  },
  [PM_PRINCIPLE_MINIMIZATION] = {
    N_("Which services, ports or accounts were reachable without being needed?"),
    N_("Was more data kept, or kept longer, than the work required?"),
    N_("Did any person or key have more rights than their task needed?"),
    NULL
  },
  [PM_PRINCIPLE_COMPARTMENTATION] = {
    N_("How far could the attacker or the fault get from where it started?"),
    N_("Were production, testing and personal work kept apart?"),
    N_("Was one secret or account shared by several systems or people?"),
    N_("Would a separate network, role or key have stopped the spread?"),
    NULL
  },
  [PM_PRINCIPLE_FAULT_TOLERANCE] = {
    N_("Which single part, person or safeguard did everything depend on?"),
    N_("When the first safeguard failed, was there a second one?"),
    N_("Did backups, fallbacks and stand-ins work when they were needed?"),
    N_("How quickly was the failure noticed, and by what?"),
    NULL
  },
  [PM_PRINCIPLE_PROPORTIONALITY] = {
    N_("Did the protection match what was at stake for the business?"),
    N_("Were security rules so costly that people worked around them?"),
    N_("Would the measures we are discussing cost more than the harm they prevent?"),
    NULL
  },
};

char **
pm_principle_dup_questions (PmPrinciple principle)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail ((guint)principle < PM_N_PRINCIPLES, NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; principle_questions[principle][i] != NULL; i++)
    g_strv_builder_add (builder, _(principle_questions[principle][i]));
  return g_strv_builder_end (builder);
}

/* ------------------------------------------------------------------------------------------ */
/* Vocabularies                                                                               */
/* ------------------------------------------------------------------------------------------ */

/* Labels carry a translation context: the same English word ("Process", "Done") may need a
 * different form depending on what it describes. */

static const char * const severity_values[] = {
  "critical", "high", "medium", "low", NULL
};
static const char * const severity_labels[] = {
  NC_("severity", "Critical"),
  NC_("severity", "High"),
  NC_("severity", "Medium"),
  NC_("severity", "Low"),
};

static const char * const document_status_values[] = {
  "draft", "in-review", "published", "closed", NULL
};
static const char * const document_status_labels[] = {
  NC_("document status", "Draft"),
  NC_("document status", "In review"),
  NC_("document status", "Published"),
  NC_("document status", "Closed"),
};

static const char * const classification_values[] = {
  "public", "internal", "confidential", "restricted", NULL
};
static const char * const classification_labels[] = {
  NC_("classification", "Public"),
  NC_("classification", "Internal"),
  NC_("classification", "Confidential"),
  NC_("classification", "Restricted"),
};

static const char * const event_kind_values[] = {
  "trigger", "detection", "response", "communication", "recovery", "background", NULL
};
static const char * const event_kind_labels[] = {
  NC_("event kind", "Trigger"),
  NC_("event kind", "Detection"),
  NC_("event kind", "Response"),
  NC_("event kind", "Communication"),
  NC_("event kind", "Recovery"),
  NC_("event kind", "Background"),
};

static const char * const category_values[] = {
  "technical", "process", "organisational", "tooling", "people-resources", NULL
};
static const char * const category_labels[] = {
  NC_("root cause category", "Technical"),
  NC_("root cause category", "Process"),
  NC_("root cause category", "Organisational"),
  NC_("root cause category", "Tooling"),
  NC_("root cause category", "People and resources"),
};

static const char * const verdict_values[] = {
  "not-assessed", "contributed", "held-up", "not-relevant", NULL
};
static const char * const verdict_labels[] = {
  NC_("verdict", "Not assessed"),
  NC_("verdict", "Contributed"),
  NC_("verdict", "Held up"),
  NC_("verdict", "Not relevant"),
};

static const char * const measure_kind_values[] = {
  "prevent", "detect", "mitigate", "process", NULL
};
static const char * const measure_kind_labels[] = {
  NC_("measure kind", "Prevent"),
  NC_("measure kind", "Detect"),
  NC_("measure kind", "Mitigate"),
  NC_("measure kind", "Process"),
};

static const char * const measure_status_values[] = {
  "proposed", "agreed", "in-progress", "done", "verified", "dropped", NULL
};
static const char * const measure_status_labels[] = {
  NC_("measure status", "Proposed"),
  NC_("measure status", "Agreed"),
  NC_("measure status", "In progress"),
  NC_("measure status", "Done"),
  NC_("measure status", "Verified"),
  NC_("measure status", "Dropped"),
};

typedef struct
{
  const char         *context;  /* the same context as the NC_() marks of its labels */
  const char * const *values;
  const char * const *labels;
  guint               n_values;
} VocabularyInfo;

#define VOCABULARY(ctx, name) \
  { ctx, name##_values, name##_labels, G_N_ELEMENTS (name##_labels) }

static const VocabularyInfo vocabularies[PM_N_VOCABULARIES] = {
  [PM_VOCABULARY_SEVERITY] = VOCABULARY ("severity", severity),
  [PM_VOCABULARY_DOCUMENT_STATUS] = VOCABULARY ("document status", document_status),
  [PM_VOCABULARY_CLASSIFICATION] = VOCABULARY ("classification", classification),
  [PM_VOCABULARY_EVENT_KIND] = VOCABULARY ("event kind", event_kind),
  [PM_VOCABULARY_CATEGORY] = VOCABULARY ("root cause category", category),
  [PM_VOCABULARY_VERDICT] = VOCABULARY ("verdict", verdict),
  [PM_VOCABULARY_MEASURE_KIND] = VOCABULARY ("measure kind", measure_kind),
  [PM_VOCABULARY_MEASURE_STATUS] = VOCABULARY ("measure status", measure_status),
};

#undef VOCABULARY

#define SAME_LENGTH(name) \
  G_STATIC_ASSERT (G_N_ELEMENTS (name##_values) == G_N_ELEMENTS (name##_labels) + 1)
SAME_LENGTH (severity);
SAME_LENGTH (document_status);
SAME_LENGTH (classification);
SAME_LENGTH (event_kind);
SAME_LENGTH (category);
SAME_LENGTH (verdict);
SAME_LENGTH (measure_kind);
SAME_LENGTH (measure_status);
#undef SAME_LENGTH

/* Index of @value in @info, or -1 when it is not one of its stored names. */
static int
vocabulary_find (const VocabularyInfo *info,
                 const char           *value)
{
  g_assert (info != NULL);

  if (value == NULL)
    return -1;

  for (guint i = 0; i < info->n_values; i++)
    {
      if (strcmp (value, info->values[i]) == 0)
        return (int)i;
    }

  return -1;
}

const char * const *
pm_vocabulary_get_values (PmVocabulary vocabulary)
{
  g_return_val_if_fail ((guint)vocabulary < PM_N_VOCABULARIES, NULL);

  return vocabularies[vocabulary].values;
}

gboolean
pm_vocabulary_contains (PmVocabulary  vocabulary,
                        const char   *value)
{
  g_return_val_if_fail ((guint)vocabulary < PM_N_VOCABULARIES, FALSE);

  return vocabulary_find (&vocabularies[vocabulary], value) >= 0;
}

const char *
pm_vocabulary_get_label (PmVocabulary  vocabulary,
                         const char   *value)
{
  const VocabularyInfo *info;
  int pos;

  g_return_val_if_fail ((guint)vocabulary < PM_N_VOCABULARIES, value);
  g_return_val_if_fail (value != NULL, NULL);

  info = &vocabularies[vocabulary];
  pos = vocabulary_find (info, value);
  if (pos < 0)
    return value;

  return g_dpgettext2 (GETTEXT_PACKAGE, info->context, info->labels[pos]);
}
