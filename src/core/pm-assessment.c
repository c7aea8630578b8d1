/* pm-assessment.c — how one security principle fared for one root cause
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-assessment.h"

#define DEFAULT_VERDICT "not-assessed"

struct _PmAssessment
{
  GObject      parent_instance;

  PmPrinciple  principle;
  char        *verdict;  /* never NULL; unknown values are kept verbatim */
  char        *note;
};

G_DEFINE_FINAL_TYPE (PmAssessment, pm_assessment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PRINCIPLE,
  PROP_VERDICT,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_assessment_finalize (GObject *object)
{
  PmAssessment *self = (PmAssessment *)object;

  g_clear_pointer (&self->verdict, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (pm_assessment_parent_class)->finalize (object);
}

static void
pm_assessment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PmAssessment *self = PM_ASSESSMENT (object);

  switch (prop_id)
    {
    case PROP_PRINCIPLE:
      g_value_set_enum (value, pm_assessment_get_principle (self));
      break;
    case PROP_VERDICT:
      g_value_set_string (value, pm_assessment_get_verdict (self));
      break;
    case PROP_NOTE:
      g_value_set_string (value, pm_assessment_get_note (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_assessment_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PmAssessment *self = PM_ASSESSMENT (object);

  switch (prop_id)
    {
    case PROP_PRINCIPLE:
      self->principle = g_value_get_enum (value);
      break;
    case PROP_VERDICT:
      pm_assessment_set_verdict (self, g_value_get_string (value));
      break;
    case PROP_NOTE:
      pm_assessment_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_assessment_class_init (PmAssessmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pm_assessment_finalize;
  object_class->get_property = pm_assessment_get_property;
  object_class->set_property = pm_assessment_set_property;

  properties[PROP_PRINCIPLE] =
    g_param_spec_enum ("principle", NULL, NULL,
                       PM_TYPE_PRINCIPLE, PM_PRINCIPLE_COMPREHENSIVITY,
                       (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_VERDICT] =
    g_param_spec_string ("verdict", NULL, NULL, DEFAULT_VERDICT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_assessment_init (PmAssessment *self)
{
  self->verdict = g_strdup (DEFAULT_VERDICT);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmAssessment *
pm_assessment_new (PmPrinciple principle)
{
  g_return_val_if_fail ((guint)principle < PM_N_PRINCIPLES, NULL);

  return g_object_new (PM_TYPE_ASSESSMENT,
                       "principle", principle,
                       NULL);
}

PmPrinciple
pm_assessment_get_principle (PmAssessment *self)
{
  g_return_val_if_fail (PM_IS_ASSESSMENT (self), PM_PRINCIPLE_COMPREHENSIVITY);

  return self->principle;
}

const char *
pm_assessment_get_verdict (PmAssessment *self)
{
  g_return_val_if_fail (PM_IS_ASSESSMENT (self), NULL);

  return self->verdict;
}

/* NULL or "" puts the verdict back to "not-assessed". */
void
pm_assessment_set_verdict (PmAssessment *self,
                           const char   *verdict)
{
  char *copy;

  g_return_if_fail (PM_IS_ASSESSMENT (self));

  if (verdict == NULL || verdict[0] == '\0')
    verdict = DEFAULT_VERDICT;

  if (g_strcmp0 (self->verdict, verdict) == 0)
    return;

  copy = g_strdup (verdict);
  g_free (self->verdict);
  self->verdict = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
}

const char *
pm_assessment_get_note (PmAssessment *self)
{
  g_return_val_if_fail (PM_IS_ASSESSMENT (self), NULL);

  return self->note ? self->note : "";
}

void
pm_assessment_set_note (PmAssessment *self,
                        const char   *note)
{
  char *copy;

  g_return_if_fail (PM_IS_ASSESSMENT (self));

  if (note != NULL && note[0] == '\0')
    note = NULL;

  if (g_strcmp0 (self->note, note) == 0)
    return;

  copy = g_strdup (note);
  g_free (self->note);
  self->note = copy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}
