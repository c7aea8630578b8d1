/* test-model.c — the postmortem's plain objects and the method's vocabulary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "pm-assessment.h"
#include "pm-event.h"
#include "pm-follow-up.h"
#include "pm-limits.h"
#include "pm-measure.h"
#include "pm-participant.h"
#include "pm-review.h"
#include "pm-root-cause.h"
#include "pm-status-change.h"
#include "pm-time.h"
#include "pm-vocabulary.h"

/* 2017-02-28 15:37:00 UTC: whole minutes, whole hours in every offset used below, so the
 * times stay the same whatever truncation pm_time_new() applies. */
#define T_MINUTE G_GINT64_CONSTANT (1488296220)
#define T_HOUR   G_GINT64_CONSTANT (1488294000)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* The classes' getters and setters, seen through a generic object pointer. */
typedef const char          *(*TextGetter) (gpointer object);
typedef void                 (*TextSetter) (gpointer object, const char *value);
typedef gboolean             (*BoolGetter) (gpointer object);
typedef void                 (*BoolSetter) (gpointer object, gboolean value);
typedef const char * const  *(*StrvGetter) (gpointer object);
typedef void                 (*StrvSetter) (gpointer object, const char * const *value);
typedef const PmTime        *(*TimeGetter) (gpointer object);
typedef void                 (*TimeSetter) (gpointer object, const PmTime *value);

/* Counts "notify::property" and, separately, every "notify", so a setter that notifies the
 * wrong property (or an extra one) is caught. */
typedef struct
{
  GObject *object;
  gulong   one_handler;
  gulong   any_handler;
  guint    count;
  guint    total;
} NotifyWatch;

static void
on_notify_one (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  NotifyWatch *watch = user_data;

  watch->count++;
}

static void
on_notify_any (GObject    *object,
               GParamSpec *pspec,
               gpointer    user_data)
{
  NotifyWatch *watch = user_data;

  watch->total++;
}

static void
watch_begin (NotifyWatch *watch,
             gpointer     object,
             const char  *property)
{
  g_autofree char *detailed = g_strdup_printf ("notify::%s", property);

  watch->object = object;
  watch->count = 0;
  watch->total = 0;
  watch->one_handler = g_signal_connect (object, detailed, G_CALLBACK (on_notify_one), watch);
  watch->any_handler = g_signal_connect (object, "notify", G_CALLBACK (on_notify_any), watch);
}

static void
watch_end (NotifyWatch *watch)
{
  g_clear_signal_handler (&watch->one_handler, watch->object);
  g_clear_signal_handler (&watch->any_handler, watch->object);
}

static void
assert_notified (NotifyWatch *watch,
                 guint        expected)
{
  g_assert_cmpuint (watch->count, ==, expected);
  g_assert_cmpuint (watch->total, ==, expected);
}

static char *
get_string (gpointer    object,
            const char *property)
{
  char *value = NULL;

  g_object_get (object, property, &value, NULL);
  return value;
}

/* g_ptr_array_sort hands the comparison pointers to the elements. */
static int
compare_string_pointers (gconstpointer a,
                         gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/* The property names a class installs, sorted, against the header's list; and the flags every
 * property must carry. */
static void
check_property_list (GType               type,
                     const char * const *expected)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree GParamSpec **pspecs = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  guint n_pspecs = 0;

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamFlags flags = pspecs[i]->flags;

      g_ptr_array_add (names, (gpointer)g_param_spec_get_name (pspecs[i]));

      g_assert_true ((flags & G_PARAM_READWRITE) == G_PARAM_READWRITE);
      g_assert_true ((flags & G_PARAM_STATIC_STRINGS) == G_PARAM_STATIC_STRINGS);
      if ((flags & G_PARAM_CONSTRUCT_ONLY) == 0)
        g_assert_true (flags & G_PARAM_EXPLICIT_NOTIFY);
    }

  for (guint i = 0; expected[i] != NULL; i++)
    g_ptr_array_add (wanted, (gpointer)expected[i]);

  g_ptr_array_sort (names, compare_string_pointers);
  g_ptr_array_sort (wanted, compare_string_pointers);

  g_ptr_array_add (names, NULL);
  g_ptr_array_add (wanted, NULL);
  g_assert_cmpstrv ((const char * const *)names->pdata, (const char * const *)wanted->pdata);
}

static GParamSpec *
find_pspec (gpointer    object,
            const char *property)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);

  g_assert_nonnull (pspec);
  return pspec;
}

static void
check_construct_only (GType       type,
                      const char *property)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), property);

  g_assert_nonnull (pspec);
  g_assert_true (pspec->flags & G_PARAM_CONSTRUCT_ONLY);
}

/* A plain text property: unset reads "" (or NULL when @nullable), NULL and "" are one value,
 * the object keeps its own copy, and "notify" fires once per real change. */
static void
check_text (gpointer    object,
            const char *property,
            TextGetter  getter,
            TextSetter  setter,
            gboolean    nullable)
{
  NotifyWatch watch;
  g_autofree char *same = g_strdup ("alpha");
  g_autofree char *read = NULL;
  char buffer[] = "delta";

  g_test_message ("text property %s::%s", G_OBJECT_TYPE_NAME (object), property);

  /* Unset. */
  if (nullable)
    g_assert_null (getter (object));
  else
    g_assert_cmpstr (getter (object), ==, "");
  read = get_string (object, property);
  if (nullable)
    g_assert_null (read);
  else
    g_assert_cmpstr (read, ==, "");
  g_clear_pointer (&read, g_free);

  watch_begin (&watch, object, property);

  /* The C setter. */
  setter (object, "alpha");
  assert_notified (&watch, 1);
  g_assert_cmpstr (getter (object), ==, "alpha");
  setter (object, same);
  assert_notified (&watch, 1);

  /* Setting what the getter returns is not a change (and must not read freed memory). */
  setter (object, getter (object));
  assert_notified (&watch, 1);
  g_assert_cmpstr (getter (object), ==, "alpha");

  /* A suffix of the current value is a change. */
  setter (object, getter (object) + 2);
  assert_notified (&watch, 2);
  g_assert_cmpstr (getter (object), ==, "pha");

  /* Through GObject. */
  g_object_set (object, property, "beta", NULL);
  assert_notified (&watch, 3);
  g_assert_cmpstr (getter (object), ==, "beta");
  read = get_string (object, property);
  g_assert_cmpstr (read, ==, "beta");
  g_clear_pointer (&read, g_free);
  g_object_set (object, property, "beta", NULL);
  assert_notified (&watch, 3);

  /* NULL clears; "" is the same value as NULL. */
  setter (object, NULL);
  assert_notified (&watch, 4);
  if (nullable)
    g_assert_null (getter (object));
  else
    g_assert_cmpstr (getter (object), ==, "");
  setter (object, "");
  assert_notified (&watch, 4);
  g_object_set (object, property, "", NULL);
  assert_notified (&watch, 4);
  g_object_set (object, property, NULL, NULL);
  assert_notified (&watch, 4);

  setter (object, "gamma");
  assert_notified (&watch, 5);
  setter (object, "");
  assert_notified (&watch, 6);
  if (nullable)
    g_assert_null (getter (object));
  else
    g_assert_cmpstr (getter (object), ==, "");

  g_object_set (object, property, "gamma", NULL);
  assert_notified (&watch, 7);
  g_object_set (object, property, NULL, NULL);
  assert_notified (&watch, 8);
  read = get_string (object, property);
  if (nullable)
    g_assert_null (read);
  else
    g_assert_cmpstr (read, ==, "");
  g_clear_pointer (&read, g_free);

  /* The object copies: changing the caller's buffer later changes nothing. */
  setter (object, buffer);
  assert_notified (&watch, 9);
  g_assert_true (getter (object) != buffer);
  buffer[0] = 'X';
  g_assert_cmpstr (getter (object), ==, "delta");

  /* Text is kept byte for byte, including non-ASCII and line breaks. */
  setter (object, "Größe\nzweite Zeile");
  assert_notified (&watch, 10);
  g_assert_cmpstr (getter (object), ==, "Größe\nzweite Zeile");

  watch_end (&watch);

  setter (object, NULL);
}

/* A text property with a default that NULL or "" restores (status, verdict); any other
 * value, known or not, is kept verbatim. */
static void
check_defaulted_text (gpointer    object,
                      const char *property,
                      TextGetter  getter,
                      TextSetter  setter,
                      const char *default_value,
                      const char *other_value)
{
  NotifyWatch watch;
  g_autofree char *read = NULL;

  g_test_message ("defaulted property %s::%s", G_OBJECT_TYPE_NAME (object), property);

  g_assert_cmpstr (G_PARAM_SPEC_STRING (find_pspec (object, property))->default_value, ==,
                   default_value);

  g_assert_cmpstr (getter (object), ==, default_value);
  read = get_string (object, property);
  g_assert_cmpstr (read, ==, default_value);
  g_clear_pointer (&read, g_free);

  watch_begin (&watch, object, property);

  setter (object, default_value);
  assert_notified (&watch, 0);
  setter (object, NULL);
  assert_notified (&watch, 0);
  setter (object, "");
  assert_notified (&watch, 0);
  g_assert_cmpstr (getter (object), ==, default_value);

  setter (object, other_value);
  assert_notified (&watch, 1);
  g_assert_cmpstr (getter (object), ==, other_value);
  setter (object, other_value);
  assert_notified (&watch, 1);

  /* A value from a newer version is kept as it is. */
  g_object_set (object, property, "from-the-future", NULL);
  assert_notified (&watch, 2);
  read = get_string (object, property);
  g_assert_cmpstr (read, ==, "from-the-future");
  g_clear_pointer (&read, g_free);
  g_object_set (object, property, "from-the-future", NULL);
  assert_notified (&watch, 2);

  setter (object, NULL);
  assert_notified (&watch, 3);
  g_assert_cmpstr (getter (object), ==, default_value);

  setter (object, other_value);
  assert_notified (&watch, 4);
  g_object_set (object, property, "", NULL);
  assert_notified (&watch, 5);
  g_assert_cmpstr (getter (object), ==, default_value);

  watch_end (&watch);
}

static void
check_boolean (gpointer    object,
               const char *property,
               BoolGetter  getter,
               BoolSetter  setter,
               gboolean    default_value)
{
  NotifyWatch watch;
  gboolean read = !default_value;

  g_test_message ("boolean property %s::%s", G_OBJECT_TYPE_NAME (object), property);

  g_assert_true (G_PARAM_SPEC_BOOLEAN (find_pspec (object, property))->default_value ==
                 default_value);

  g_assert_true (getter (object) == default_value);
  g_object_get (object, property, &read, NULL);
  g_assert_true (read == default_value);

  watch_begin (&watch, object, property);

  setter (object, default_value);
  assert_notified (&watch, 0);

  setter (object, !default_value);
  assert_notified (&watch, 1);
  g_assert_true (getter (object) == !default_value);
  setter (object, !default_value);
  assert_notified (&watch, 1);

  g_object_set (object, property, default_value, NULL);
  assert_notified (&watch, 2);
  g_object_get (object, property, &read, NULL);
  g_assert_true (read == default_value);
  g_object_set (object, property, default_value, NULL);
  assert_notified (&watch, 2);

  /* Any non-zero value is TRUE, and is read back as TRUE. */
  setter (object, FALSE);
  setter (object, 42);
  g_assert_true (getter (object) == TRUE);
  watch.count = watch.total = 0;
  setter (object, TRUE);
  setter (object, 7);
  assert_notified (&watch, 0);

  watch_end (&watch);

  setter (object, default_value);
}

static void
check_strv (gpointer    object,
            const char *property,
            StrvGetter  getter,
            StrvSetter  setter)
{
  NotifyWatch watch;
  const char * const empty[] = { NULL };
  const char * const same[] = { "a", "b", NULL };
  const char * const other[] = { "c", NULL };
  const char * const one[] = { "b", NULL };
  char **mine = NULL;
  g_auto(GStrv) read = NULL;

  g_test_message ("list property %s::%s", G_OBJECT_TYPE_NAME (object), property);

  /* Unset: an empty list, never NULL, through both ways. */
  g_assert_nonnull (getter (object));
  g_assert_cmpuint (g_strv_length ((char **)getter (object)), ==, 0);
  g_object_get (object, property, &read, NULL);
  g_assert_nonnull (read);
  g_assert_cmpuint (g_strv_length (read), ==, 0);
  g_clear_pointer (&read, g_strfreev);

  watch_begin (&watch, object, property);

  setter (object, NULL);
  assert_notified (&watch, 0);
  setter (object, empty);
  assert_notified (&watch, 0);

  /* The object copies the array and its strings. */
  mine = g_new0 (char *, 3);
  mine[0] = g_strdup ("a");
  mine[1] = g_strdup ("b");
  setter (object, (const char * const *)mine);
  assert_notified (&watch, 1);
  g_assert_cmpstrv (getter (object), same);
  g_assert_true (getter (object) != (const char * const *)mine);
  g_assert_true (getter (object)[0] != mine[0]);
  g_free (mine[0]);
  mine[0] = g_strdup ("changed");
  g_clear_pointer (&mine[1], g_free);
  g_assert_cmpstrv (getter (object), same);
  g_strfreev (mine);

  /* Same contents in another array: no change. */
  setter (object, same);
  assert_notified (&watch, 1);
  setter (object, getter (object));
  assert_notified (&watch, 1);
  g_assert_cmpstrv (getter (object), same);

  /* Part of the current array is a change, and must not read freed memory. */
  setter (object, getter (object) + 1);
  assert_notified (&watch, 2);
  g_assert_cmpstrv (getter (object), one);

  /* Order matters. */
  {
    const char * const swapped[] = { "b", "a", NULL };

    setter (object, same);
    assert_notified (&watch, 3);
    setter (object, swapped);
    assert_notified (&watch, 4);
    g_assert_cmpstrv (getter (object), swapped);
  }

  /* Through GObject; what g_object_get returns is the caller's copy. */
  g_object_set (object, property, other, NULL);
  assert_notified (&watch, 5);
  g_assert_cmpstrv (getter (object), other);
  g_object_set (object, property, other, NULL);
  assert_notified (&watch, 5);
  g_object_get (object, property, &read, NULL);
  g_assert_cmpstrv ((const char * const *)read, other);
  g_free (read[0]);
  read[0] = g_strdup ("mutated");
  g_clear_pointer (&read, g_strfreev);
  g_assert_cmpstrv (getter (object), other);

  /* NULL and an empty array both clear. */
  setter (object, NULL);
  assert_notified (&watch, 6);
  g_assert_nonnull (getter (object));
  g_assert_cmpuint (g_strv_length ((char **)getter (object)), ==, 0);
  setter (object, empty);
  assert_notified (&watch, 6);

  setter (object, other);
  assert_notified (&watch, 7);
  g_object_set (object, property, NULL, NULL);
  assert_notified (&watch, 8);
  g_assert_cmpstrv (getter (object), empty);

  setter (object, other);
  assert_notified (&watch, 9);
  setter (object, empty);
  assert_notified (&watch, 10);
  g_assert_cmpstrv (getter (object), empty);

  watch_end (&watch);
}

static void
check_time (gpointer    object,
            const char *property,
            TimeGetter  getter,
            TimeSetter  setter)
{
  NotifyWatch watch;
  PmTime *mine = NULL;
  g_autoptr(PmTime) same = pm_time_new (T_MINUTE, -8 * 3600, PM_TIME_PRECISION_MINUTE);
  g_autoptr(PmTime) other_offset = pm_time_new (T_MINUTE, 3600, PM_TIME_PRECISION_MINUTE);
  g_autoptr(PmTime) other_precision = pm_time_new (T_MINUTE, -8 * 3600, PM_TIME_PRECISION_EXACT);
  g_autoptr(PmTime) hour = pm_time_new (T_HOUR, 2 * 3600, PM_TIME_PRECISION_HOUR);
  g_autoptr(PmTime) read = NULL;

  g_test_message ("time property %s::%s", G_OBJECT_TYPE_NAME (object), property);

  g_assert_null (getter (object));
  g_object_get (object, property, &read, NULL);
  g_assert_null (read);

  watch_begin (&watch, object, property);

  setter (object, NULL);
  assert_notified (&watch, 0);

  /* The object keeps its own copy. */
  mine = pm_time_new (T_MINUTE, -8 * 3600, PM_TIME_PRECISION_MINUTE);
  setter (object, mine);
  assert_notified (&watch, 1);
  g_assert_true (getter (object) != mine);
  g_assert_true (pm_time_equal (getter (object), mine));
  g_clear_pointer (&mine, pm_time_free);
  g_assert_cmpint (pm_time_get_unix (getter (object)), ==, T_MINUTE);
  g_assert_cmpint (pm_time_get_offset (getter (object)), ==, -8 * 3600);
  g_assert_cmpint (pm_time_get_precision (getter (object)), ==, PM_TIME_PRECISION_MINUTE);

  setter (object, same);
  assert_notified (&watch, 1);
  setter (object, getter (object));
  assert_notified (&watch, 1);

  /* The same instant in another offset, or with another precision, is a change. */
  setter (object, other_offset);
  assert_notified (&watch, 2);
  setter (object, other_precision);
  assert_notified (&watch, 3);
  g_assert_true (pm_time_equal (getter (object), other_precision));

  /* Through GObject, both ways. */
  g_object_set (object, property, hour, NULL);
  assert_notified (&watch, 4);
  g_assert_true (pm_time_equal (getter (object), hour));
  g_object_set (object, property, hour, NULL);
  assert_notified (&watch, 4);
  g_object_get (object, property, &read, NULL);
  g_assert_nonnull (read);
  g_assert_true (read != getter (object));
  g_assert_true (pm_time_equal (read, hour));
  g_clear_pointer (&read, pm_time_free);

  /* Unknown again. */
  setter (object, NULL);
  assert_notified (&watch, 5);
  g_assert_null (getter (object));
  g_object_set (object, property, same, NULL);
  assert_notified (&watch, 6);
  g_object_set (object, property, NULL, NULL);
  assert_notified (&watch, 7);
  g_assert_null (getter (object));

  watch_end (&watch);
}

/* ------------------------------------------------------------------------------------------ */
/* Vocabulary                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static void
test_principle_names (void)
{
  static const char * const names[PM_N_PRINCIPLES] = {
    "comprehensivity", "opportunity", "rigor", "minimization", "compartmentation",
    "fault-tolerance", "proportionality",
  };
  static const char * const labels[PM_N_PRINCIPLES] = {
    "Comprehensivity", "Opportunity", "Rigor", "Minimization", "Compartmentation",
    "Fault tolerance", "Proportionality",
  };
  static const char * const unknown[] = {
    "", "Rigor", "RIGOR", "fault_tolerance", "fault tolerance", " rigor", "rigor ",
    "comprehensivity\n", "confidentiality",
  };

  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    {
      PmPrinciple principle = PM_N_PRINCIPLES;

      g_assert_cmpstr (pm_principle_to_string ((PmPrinciple)i), ==, names[i]);
      g_assert_true (pm_principle_from_string (names[i], &principle));
      g_assert_cmpint (principle, ==, i);
      g_assert_true (pm_principle_from_string (names[i], NULL));
      g_assert_cmpstr (pm_principle_get_label ((PmPrinciple)i), ==, labels[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
    {
      PmPrinciple principle = PM_PRINCIPLE_RIGOR;

      g_assert_false (pm_principle_from_string (unknown[i], &principle));
      g_assert_cmpint (principle, ==, PM_PRINCIPLE_RIGOR);
    }
  g_assert_false (pm_principle_from_string (NULL, NULL));
}

static void
test_principle_enum_type (void)
{
  g_autoptr(GEnumClass) klass = NULL;

  g_assert_true (G_TYPE_IS_ENUM (PM_TYPE_PRINCIPLE));
  g_assert_cmpstr (g_type_name (PM_TYPE_PRINCIPLE), ==, "PmPrinciple");

  klass = g_type_class_ref (PM_TYPE_PRINCIPLE);
  g_assert_cmpuint (klass->n_values, ==, PM_N_PRINCIPLES);
  g_assert_null (g_enum_get_value (klass, PM_N_PRINCIPLES));

  /* The GType nicks are the stored names. */
  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    {
      GEnumValue *value = g_enum_get_value (klass, (int)i);

      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, pm_principle_to_string ((PmPrinciple)i));
    }
}

static void
test_principle_explanations (void)
{
  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    {
      const char *label = pm_principle_get_label ((PmPrinciple)i);
      const char *explanation = pm_principle_get_explanation ((PmPrinciple)i);
      gsize length;

      g_assert_nonnull (label);
      g_assert_nonnull (explanation);
      g_assert_true (g_utf8_validate (explanation, -1, NULL));
      length = strlen (explanation);

      /* One plain sentence: starts with a capital, ends once, no line break or markup. */
      g_assert_cmpuint (length, >, 30);
      g_assert_cmpuint (length, <, 200);
      g_assert_true (g_ascii_isupper (explanation[0]));
      g_assert_true (explanation[length - 1] == '.' || explanation[length - 1] == '?');
      g_assert_null (strpbrk (explanation, "\n<>*_"));
      for (gsize k = 0; k + 1 < length; k++)
        g_assert_null (strchr (".?!", explanation[k]));

      /* Each principle has its own label and explanation. */
      for (guint j = 0; j < i; j++)
        {
          g_assert_cmpstr (label, !=, pm_principle_get_label ((PmPrinciple)j));
          g_assert_cmpstr (explanation, !=, pm_principle_get_explanation ((PmPrinciple)j));
        }
    }
}

static void
test_vocabulary_values (void)
{
  /* The header's lists, in display order. */
  static const char * const severity[] = { "critical", "high", "medium", "low", NULL };
  static const char * const document_status[] = {
    "draft", "in-review", "published", "closed", NULL
  };
  static const char * const classification[] = {
    "public", "internal", "confidential", "restricted", NULL
  };
  static const char * const event_kind[] = {
    "trigger", "detection", "response", "communication", "recovery", "background", NULL
  };
  static const char * const category[] = {
    "technical", "process", "organisational", "tooling", "people-resources", NULL
  };
  static const char * const verdict[] = {
    "not-assessed", "contributed", "held-up", "not-relevant", NULL
  };
  static const char * const measure_kind[] = { "prevent", "detect", "mitigate", "process", NULL };
  static const char * const measure_status[] = {
    "proposed", "agreed", "in-progress", "done", "verified", "dropped", NULL
  };
  static const char * const *expected[PM_N_VOCABULARIES] = {
    [PM_VOCABULARY_SEVERITY] = severity,
    [PM_VOCABULARY_DOCUMENT_STATUS] = document_status,
    [PM_VOCABULARY_CLASSIFICATION] = classification,
    [PM_VOCABULARY_EVENT_KIND] = event_kind,
    [PM_VOCABULARY_CATEGORY] = category,
    [PM_VOCABULARY_VERDICT] = verdict,
    [PM_VOCABULARY_MEASURE_KIND] = measure_kind,
    [PM_VOCABULARY_MEASURE_STATUS] = measure_status,
  };

  for (guint v = 0; v < PM_N_VOCABULARIES; v++)
    {
      const char * const *values = pm_vocabulary_get_values ((PmVocabulary)v);

      g_assert_nonnull (values);
      g_assert_nonnull (values[0]);
      g_assert_cmpstrv (values, expected[v]);

      for (guint i = 0; values[i] != NULL; i++)
        {
          const char *label = pm_vocabulary_get_label ((PmVocabulary)v, values[i]);

          /* Stored names are lowercase ASCII words joined by '-'. */
          g_assert_cmpstr (values[i], !=, "");
          for (const char *c = values[i]; *c != '\0'; c++)
            g_assert_true (g_ascii_islower (*c) || *c == '-');

          g_assert_true (pm_vocabulary_contains ((PmVocabulary)v, values[i]));

          /* Each value has a label of its own, in sentence case. */
          g_assert_nonnull (label);
          g_assert_cmpstr (label, !=, "");
          g_assert_cmpstr (label, !=, values[i]);
          g_assert_true (g_ascii_isupper (label[0]));
          for (const char *c = label + 1; *c != '\0'; c++)
            g_assert_false (g_ascii_isupper (*c));
          g_assert_null (strchr (label, '-'));

          for (guint j = 0; j < i; j++)
            {
              g_assert_cmpstr (values[i], !=, values[j]);
              g_assert_cmpstr (label, !=, pm_vocabulary_get_label ((PmVocabulary)v, values[j]));
            }
        }
    }
}

static void
test_vocabulary_labels (void)
{
  static const struct {
    PmVocabulary  vocabulary;
    const char   *value;
    const char   *label;
  } cases[] = {
    { PM_VOCABULARY_SEVERITY, "critical", "Critical" },
    { PM_VOCABULARY_DOCUMENT_STATUS, "in-review", "In review" },
    { PM_VOCABULARY_CLASSIFICATION, "confidential", "Confidential" },
    { PM_VOCABULARY_EVENT_KIND, "background", "Background" },
    { PM_VOCABULARY_CATEGORY, "people-resources", "People and resources" },
    { PM_VOCABULARY_CATEGORY, "organisational", "Organisational" },
    { PM_VOCABULARY_VERDICT, "not-assessed", "Not assessed" },
    { PM_VOCABULARY_VERDICT, "held-up", "Held up" },
    { PM_VOCABULARY_VERDICT, "not-relevant", "Not relevant" },
    { PM_VOCABULARY_MEASURE_KIND, "mitigate", "Mitigate" },
    { PM_VOCABULARY_MEASURE_STATUS, "in-progress", "In progress" },
    { PM_VOCABULARY_MEASURE_STATUS, "verified", "Verified" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (pm_vocabulary_get_label (cases[i].vocabulary, cases[i].value), ==,
                     cases[i].label);
}

static void
test_vocabulary_unknown (void)
{
  static const char * const unknown[] = {
    "", "from-the-future", "Critical", "DRAFT", "in_progress", "held up", " done", "done ",
  };

  for (guint v = 0; v < PM_N_VOCABULARIES; v++)
    {
      g_assert_false (pm_vocabulary_contains ((PmVocabulary)v, NULL));

      for (guint i = 0; i < G_N_ELEMENTS (unknown); i++)
        {
          g_autofree char *value = g_strdup (unknown[i]);

          g_assert_false (pm_vocabulary_contains ((PmVocabulary)v, value));
          /* The value itself, not a copy and not a placeholder. */
          g_assert_true (pm_vocabulary_get_label ((PmVocabulary)v, value) == value);
        }
    }

  /* A value of one vocabulary is unknown to another. */
  g_assert_false (pm_vocabulary_contains (PM_VOCABULARY_SEVERITY, "draft"));
  g_assert_cmpstr (pm_vocabulary_get_label (PM_VOCABULARY_SEVERITY, "draft"), ==, "draft");
  g_assert_true (pm_vocabulary_contains (PM_VOCABULARY_CATEGORY, "process"));
  g_assert_true (pm_vocabulary_contains (PM_VOCABULARY_MEASURE_KIND, "process"));
  g_assert_false (pm_vocabulary_contains (PM_VOCABULARY_MEASURE_KIND, "technical"));
}

/* ------------------------------------------------------------------------------------------ */
/* Participant                                                                                */
/* ------------------------------------------------------------------------------------------ */

static void
test_participant (void)
{
  static const char * const props[] = { "id", "name", "role", "moderator", "attended", NULL };
  PmParticipant *participant = pm_participant_new ("p-1");
  g_autofree char *id = NULL;

  check_property_list (PM_TYPE_PARTICIPANT, props);
  check_construct_only (PM_TYPE_PARTICIPANT, "id");

  g_assert_cmpstr (pm_participant_get_id (participant), ==, "p-1");
  id = get_string (participant, "id");
  g_assert_cmpstr (id, ==, "p-1");

  check_text (participant, "name",
              (TextGetter)pm_participant_get_name, (TextSetter)pm_participant_set_name, FALSE);
  check_text (participant, "role",
              (TextGetter)pm_participant_get_role, (TextSetter)pm_participant_set_role, FALSE);
  check_boolean (participant, "moderator",
                 (BoolGetter)pm_participant_get_moderator,
                 (BoolSetter)pm_participant_set_moderator, FALSE);
  check_boolean (participant, "attended",
                 (BoolGetter)pm_participant_get_attended,
                 (BoolSetter)pm_participant_set_attended, TRUE);

  g_assert_finalize_object (participant);
}

static void
test_participant_construct (void)
{
  PmParticipant *participant = NULL;

  /* Without an id the getter still returns a string. */
  participant = g_object_new (PM_TYPE_PARTICIPANT, NULL);
  g_assert_cmpstr (pm_participant_get_id (participant), ==, "");
  g_assert_true (pm_participant_get_attended (participant));
  g_assert_finalize_object (participant);

  /* Properties given at construction. */
  participant = g_object_new (PM_TYPE_PARTICIPANT,
                              "id", "p-2",
                              "name", "Ada",
                              "role", "SOC",
                              "moderator", TRUE,
                              "attended", FALSE,
                              NULL);
  g_assert_cmpstr (pm_participant_get_id (participant), ==, "p-2");
  g_assert_cmpstr (pm_participant_get_name (participant), ==, "Ada");
  g_assert_cmpstr (pm_participant_get_role (participant), ==, "SOC");
  g_assert_true (pm_participant_get_moderator (participant));
  g_assert_false (pm_participant_get_attended (participant));
  g_assert_finalize_object (participant);
}

/* ------------------------------------------------------------------------------------------ */
/* Event                                                                                      */
/* ------------------------------------------------------------------------------------------ */

static void
test_event (void)
{
  static const char * const props[] = {
    "id", "time", "actor", "text", "kind", "lane", "contributor", "evidence", "contributed",
    "slowed-response", "confidential", NULL
  };
  PmEvent *event = pm_event_new ("ev-1");
  g_autofree char *id = NULL;

  check_property_list (PM_TYPE_EVENT, props);
  check_construct_only (PM_TYPE_EVENT, "id");

  g_assert_cmpstr (pm_event_get_id (event), ==, "ev-1");
  id = get_string (event, "id");
  g_assert_cmpstr (id, ==, "ev-1");

  check_time (event, "time", (TimeGetter)pm_event_get_time, (TimeSetter)pm_event_set_time);
  check_text (event, "actor",
              (TextGetter)pm_event_get_actor, (TextSetter)pm_event_set_actor, FALSE);
  check_text (event, "text",
              (TextGetter)pm_event_get_text, (TextSetter)pm_event_set_text, FALSE);
  check_text (event, "kind",
              (TextGetter)pm_event_get_kind, (TextSetter)pm_event_set_kind, FALSE);
  check_text (event, "lane",
              (TextGetter)pm_event_get_lane, (TextSetter)pm_event_set_lane, FALSE);
  check_text (event, "contributor",
              (TextGetter)pm_event_get_contributor, (TextSetter)pm_event_set_contributor, TRUE);
  check_strv (event, "evidence",
              (StrvGetter)pm_event_get_evidence, (StrvSetter)pm_event_set_evidence);
  check_boolean (event, "contributed",
                 (BoolGetter)pm_event_get_contributed, (BoolSetter)pm_event_set_contributed,
                 FALSE);
  check_boolean (event, "slowed-response",
                 (BoolGetter)pm_event_get_slowed_response,
                 (BoolSetter)pm_event_set_slowed_response, FALSE);
  check_boolean (event, "confidential",
                 (BoolGetter)pm_event_get_confidential,
                 (BoolSetter)pm_event_set_confidential, FALSE);

  g_assert_finalize_object (event);
}

static void
test_event_keeps_values (void)
{
  PmEvent *event = pm_event_new ("ev-2");
  g_autoptr(PmTime) time = pm_time_new (T_MINUTE, 0, PM_TIME_PRECISION_EXACT);
  const char * const links[] = { "https://tickets.example/INC-7", NULL };

  /* Everything set at once stays set: a setter must not clobber another field. */
  pm_event_set_time (event, time);
  pm_event_set_actor (event, "SOC");
  pm_event_set_text (event, "Alert on the VPN gateway");
  pm_event_set_kind (event, "detection");
  pm_event_set_lane (event, "Security");
  pm_event_set_contributor (event, "p-1");
  pm_event_set_evidence (event, links);
  pm_event_set_contributed (event, TRUE);
  pm_event_set_slowed_response (event, TRUE);

  g_assert_true (pm_time_equal (pm_event_get_time (event), time));
  g_assert_cmpstr (pm_event_get_actor (event), ==, "SOC");
  g_assert_cmpstr (pm_event_get_text (event), ==, "Alert on the VPN gateway");
  g_assert_cmpstr (pm_event_get_kind (event), ==, "detection");
  g_assert_cmpstr (pm_event_get_lane (event), ==, "Security");
  g_assert_cmpstr (pm_event_get_contributor (event), ==, "p-1");
  g_assert_cmpstrv (pm_event_get_evidence (event), links);
  g_assert_true (pm_event_get_contributed (event));
  g_assert_true (pm_event_get_slowed_response (event));

  /* A kind from a newer version is kept verbatim. */
  pm_event_set_kind (event, "lateral-movement");
  g_assert_cmpstr (pm_event_get_kind (event), ==, "lateral-movement");

  g_assert_finalize_object (event);
}

/* ------------------------------------------------------------------------------------------ */
/* Assessment and root cause                                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
test_assessment (void)
{
  static const char * const props[] = { "principle", "verdict", "note", NULL };
  PmAssessment *assessment = pm_assessment_new (PM_PRINCIPLE_FAULT_TOLERANCE);
  PmPrinciple principle = PM_PRINCIPLE_COMPREHENSIVITY;

  check_property_list (PM_TYPE_ASSESSMENT, props);
  check_construct_only (PM_TYPE_ASSESSMENT, "principle");

  g_assert_cmpint (pm_assessment_get_principle (assessment), ==, PM_PRINCIPLE_FAULT_TOLERANCE);
  g_object_get (assessment, "principle", &principle, NULL);
  g_assert_cmpint (principle, ==, PM_PRINCIPLE_FAULT_TOLERANCE);

  check_defaulted_text (assessment, "verdict",
                        (TextGetter)pm_assessment_get_verdict,
                        (TextSetter)pm_assessment_set_verdict,
                        "not-assessed", "held-up");
  check_text (assessment, "note",
              (TextGetter)pm_assessment_get_note, (TextSetter)pm_assessment_set_note, FALSE);

  g_assert_finalize_object (assessment);

  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    {
      assessment = pm_assessment_new ((PmPrinciple)i);
      g_assert_cmpint (pm_assessment_get_principle (assessment), ==, i);
      g_assert_cmpstr (pm_assessment_get_verdict (assessment), ==, "not-assessed");
      g_assert_finalize_object (assessment);
    }
}

static void
test_root_cause (void)
{
  static const char * const props[] = {
    "id", "title", "description", "category", "events", NULL
  };
  PmRootCause *root_cause = pm_root_cause_new ("rc-1");
  g_autofree char *id = NULL;

  check_property_list (PM_TYPE_ROOT_CAUSE, props);
  check_construct_only (PM_TYPE_ROOT_CAUSE, "id");

  g_assert_cmpstr (pm_root_cause_get_id (root_cause), ==, "rc-1");
  id = get_string (root_cause, "id");
  g_assert_cmpstr (id, ==, "rc-1");

  check_text (root_cause, "title",
              (TextGetter)pm_root_cause_get_title, (TextSetter)pm_root_cause_set_title, FALSE);
  check_text (root_cause, "description",
              (TextGetter)pm_root_cause_get_description,
              (TextSetter)pm_root_cause_set_description, FALSE);
  check_text (root_cause, "category",
              (TextGetter)pm_root_cause_get_category,
              (TextSetter)pm_root_cause_set_category, FALSE);
  check_strv (root_cause, "events",
              (StrvGetter)pm_root_cause_get_events, (StrvSetter)pm_root_cause_set_events);

  g_assert_finalize_object (root_cause);
}

static void
test_root_cause_events (void)
{
  PmRootCause *root_cause = pm_root_cause_new ("rc-2");
  const char * const events[] = { "ev-1", "ev-3", NULL };

  g_assert_false (pm_root_cause_has_event (root_cause, "ev-1"));
  g_assert_false (pm_root_cause_has_event (root_cause, ""));

  pm_root_cause_set_events (root_cause, events);
  g_assert_true (pm_root_cause_has_event (root_cause, "ev-1"));
  g_assert_true (pm_root_cause_has_event (root_cause, "ev-3"));
  g_assert_false (pm_root_cause_has_event (root_cause, "ev-2"));
  g_assert_false (pm_root_cause_has_event (root_cause, "ev"));
  g_assert_false (pm_root_cause_has_event (root_cause, "EV-1"));
  g_assert_false (pm_root_cause_has_event (root_cause, NULL));

  pm_root_cause_set_events (root_cause, NULL);
  g_assert_false (pm_root_cause_has_event (root_cause, "ev-1"));

  g_assert_finalize_object (root_cause);
}

static void
test_root_cause_assessments (void)
{
  PmRootCause *root_cause = pm_root_cause_new ("rc-3");
  PmRootCause *other = pm_root_cause_new ("rc-4");
  PmAssessment *assessments[PM_N_PRINCIPLES];

  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    {
      assessments[i] = pm_root_cause_get_assessment (root_cause, (PmPrinciple)i);

      g_assert_true (PM_IS_ASSESSMENT (assessments[i]));
      g_assert_cmpint (pm_assessment_get_principle (assessments[i]), ==, i);
      g_assert_cmpstr (pm_assessment_get_verdict (assessments[i]), ==, "not-assessed");
      g_assert_cmpstr (pm_assessment_get_note (assessments[i]), ==, "");

      /* Borrowed and stable: the same object every time. */
      g_assert_true (pm_root_cause_get_assessment (root_cause, (PmPrinciple)i) == assessments[i]);

      /* Distinct from the other principles' and from another root cause's. */
      for (guint j = 0; j < i; j++)
        g_assert_true (assessments[i] != assessments[j]);
      g_assert_true (pm_root_cause_get_assessment (other, (PmPrinciple)i) != assessments[i]);

      g_object_add_weak_pointer (G_OBJECT (assessments[i]), (gpointer *)&assessments[i]);
    }

  /* Changing one assessment leaves the others and the other root cause alone. */
  pm_assessment_set_verdict (assessments[PM_PRINCIPLE_RIGOR], "contributed");
  pm_assessment_set_note (assessments[PM_PRINCIPLE_RIGOR], "Nobody checked the backups.");
  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    {
      PmAssessment *mine = pm_root_cause_get_assessment (root_cause, (PmPrinciple)i);
      PmAssessment *theirs = pm_root_cause_get_assessment (other, (PmPrinciple)i);

      g_assert_cmpstr (pm_assessment_get_verdict (mine), ==,
                       i == PM_PRINCIPLE_RIGOR ? "contributed" : "not-assessed");
      g_assert_cmpstr (pm_assessment_get_verdict (theirs), ==, "not-assessed");
    }

  /* The root cause owns its assessments: they go with it. */
  g_assert_finalize_object (root_cause);
  for (guint i = 0; i < PM_N_PRINCIPLES; i++)
    g_assert_null (assessments[i]);

  g_assert_finalize_object (other);
}

/* ------------------------------------------------------------------------------------------ */
/* Status change and measure                                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
test_status_change (void)
{
  static const char * const props[] = { "time", "from", "to", "note", NULL };
  static const char * const names[] = { "time", "from", "to", "note" };
  PmTime *time = pm_time_new (T_MINUTE, 3600, PM_TIME_PRECISION_MINUTE);
  g_autoptr(PmTime) expected = pm_time_copy (time);
  g_autoptr(PmTime) read_time = NULL;
  g_autofree char *from = g_strdup ("agreed");
  g_autofree char *read_from = NULL;
  g_autofree char *read_to = NULL;
  g_autofree char *read_note = NULL;
  PmStatusChange *change = NULL;

  check_property_list (PM_TYPE_STATUS_CHANGE, props);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    check_construct_only (PM_TYPE_STATUS_CHANGE, names[i]);

  change = pm_status_change_new (time, from, "in-progress", "Ticket picked up");

  /* The change keeps its own copies. */
  g_clear_pointer (&time, pm_time_free);
  from[0] = 'X';

  g_assert_true (pm_time_equal (pm_status_change_get_time (change), expected));
  g_assert_cmpstr (pm_status_change_get_from (change), ==, "agreed");
  g_assert_cmpstr (pm_status_change_get_to (change), ==, "in-progress");
  g_assert_cmpstr (pm_status_change_get_note (change), ==, "Ticket picked up");

  g_object_get (change,
                "time", &read_time,
                "from", &read_from,
                "to", &read_to,
                "note", &read_note,
                NULL);
  g_assert_true (pm_time_equal (read_time, expected));
  g_assert_cmpstr (read_from, ==, "agreed");
  g_assert_cmpstr (read_to, ==, "in-progress");
  g_assert_cmpstr (read_note, ==, "Ticket picked up");

  g_assert_finalize_object (change);

  /* The first entry has no "from"; NULL and "" both read as "". */
  change = pm_status_change_new (expected, NULL, "proposed", "");
  g_assert_cmpstr (pm_status_change_get_from (change), ==, "");
  g_assert_cmpstr (pm_status_change_get_to (change), ==, "proposed");
  g_assert_cmpstr (pm_status_change_get_note (change), ==, "");
  g_assert_finalize_object (change);

  change = pm_status_change_new (NULL, "", "done", NULL);
  g_assert_null (pm_status_change_get_time (change));
  g_assert_cmpstr (pm_status_change_get_from (change), ==, "");
  g_assert_cmpstr (pm_status_change_get_note (change), ==, "");
  g_assert_finalize_object (change);
}

static void
test_measure (void)
{
  static const char * const props[] = {
    "id", "title", "description", "owner", "escalation", "kind", "status", "drop-reason",
    "due", "ticket-key", "ticket-url", "root-causes", "effort", "cost-amount",
    "cost-currency", "benefit", "summary", "confidential", NULL
  };
  static const struct {
    const char *property;
    TextGetter  getter;
    TextSetter  setter;
    gboolean    nullable;
  } texts[] = {
    { "title", (TextGetter)pm_measure_get_title, (TextSetter)pm_measure_set_title, FALSE },
    { "description", (TextGetter)pm_measure_get_description,
      (TextSetter)pm_measure_set_description, FALSE },
    { "owner", (TextGetter)pm_measure_get_owner, (TextSetter)pm_measure_set_owner, TRUE },
    { "escalation", (TextGetter)pm_measure_get_escalation,
      (TextSetter)pm_measure_set_escalation, FALSE },
    { "kind", (TextGetter)pm_measure_get_kind, (TextSetter)pm_measure_set_kind, FALSE },
    { "drop-reason", (TextGetter)pm_measure_get_drop_reason,
      (TextSetter)pm_measure_set_drop_reason, FALSE },
    { "ticket-key", (TextGetter)pm_measure_get_ticket_key,
      (TextSetter)pm_measure_set_ticket_key, FALSE },
    { "ticket-url", (TextGetter)pm_measure_get_ticket_url,
      (TextSetter)pm_measure_set_ticket_url, FALSE },
    { "effort", (TextGetter)pm_measure_get_effort, (TextSetter)pm_measure_set_effort, FALSE },
    { "cost-currency", (TextGetter)pm_measure_get_cost_currency,
      (TextSetter)pm_measure_set_cost_currency, FALSE },
    { "benefit", (TextGetter)pm_measure_get_benefit, (TextSetter)pm_measure_set_benefit, FALSE },
  };
  PmMeasure *measure = pm_measure_new ("m-1");
  g_autofree char *id = NULL;

  check_property_list (PM_TYPE_MEASURE, props);
  check_construct_only (PM_TYPE_MEASURE, "id");

  g_assert_cmpstr (pm_measure_get_id (measure), ==, "m-1");
  id = get_string (measure, "id");
  g_assert_cmpstr (id, ==, "m-1");

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    check_text (measure, texts[i].property, texts[i].getter, texts[i].setter,
                texts[i].nullable);

  check_defaulted_text (measure, "status",
                        (TextGetter)pm_measure_get_status, (TextSetter)pm_measure_set_status,
                        "proposed", "in-progress");
  check_strv (measure, "root-causes",
              (StrvGetter)pm_measure_get_root_causes, (StrvSetter)pm_measure_set_root_causes);
  check_boolean (measure, "summary",
                 (BoolGetter)pm_measure_get_summary, (BoolSetter)pm_measure_set_summary, FALSE);
  check_boolean (measure, "confidential",
                 (BoolGetter)pm_measure_get_confidential,
                 (BoolSetter)pm_measure_set_confidential, FALSE);

  g_assert_finalize_object (measure);
}

static void
test_measure_due (void)
{
  PmMeasure *measure = pm_measure_new ("m-2");
  NotifyWatch watch;
  g_autofree char *read = NULL;
  static const char * const invalid[] = {
    "2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "0000-01-01",
    "2024-1-05", "2024-01-5", "24-01-05", "2024/01/05", "2024-01-05T00:00:00Z",
    "2024-01-05 ", " 2024-01-05", "2024-01-0a", "tomorrow",
  };

  g_assert_null (pm_measure_get_due (measure));
  g_object_get (measure, "due", &read, NULL);
  g_assert_null (read);

  watch_begin (&watch, measure, "due");

  pm_measure_set_due (measure, "2024-02-29");
  assert_notified (&watch, 1);
  g_assert_cmpstr (pm_measure_get_due (measure), ==, "2024-02-29");
  pm_measure_set_due (measure, "2024-02-29");
  assert_notified (&watch, 1);

  g_object_set (measure, "due", "2025-12-31", NULL);
  assert_notified (&watch, 2);
  g_object_get (measure, "due", &read, NULL);
  g_assert_cmpstr (read, ==, "2025-12-31");
  g_clear_pointer (&read, g_free);

  /* An invalid date is refused and the old one kept. */
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_test_expect_message ("pmortem-core", G_LOG_LEVEL_CRITICAL, "*pm_measure_set_due*");
      pm_measure_set_due (measure, invalid[i]);
      g_test_assert_expected_messages ();
      g_assert_cmpstr (pm_measure_get_due (measure), ==, "2025-12-31");
    }
  assert_notified (&watch, 2);

  /* NULL and "" both mean no due date. */
  pm_measure_set_due (measure, "");
  assert_notified (&watch, 3);
  g_assert_null (pm_measure_get_due (measure));
  pm_measure_set_due (measure, NULL);
  assert_notified (&watch, 3);

  pm_measure_set_due (measure, "2000-01-01");
  assert_notified (&watch, 4);
  g_object_set (measure, "due", NULL, NULL);
  assert_notified (&watch, 5);
  g_assert_null (pm_measure_get_due (measure));

  watch_end (&watch);
  g_assert_finalize_object (measure);
}

static void
test_measure_cost (void)
{
  PmMeasure *measure = pm_measure_new ("m-3");
  NotifyWatch watch;
  gint64 read = 0;

  g_assert_cmpint (pm_measure_get_cost_amount (measure), ==, -1);
  g_object_get (measure, "cost-amount", &read, NULL);
  g_assert_cmpint (read, ==, -1);

  watch_begin (&watch, measure, "cost-amount");

  pm_measure_set_cost_amount (measure, -1);
  assert_notified (&watch, 0);

  /* Zero is a given cost, not "not given". */
  pm_measure_set_cost_amount (measure, 0);
  assert_notified (&watch, 1);
  g_assert_cmpint (pm_measure_get_cost_amount (measure), ==, 0);
  pm_measure_set_cost_amount (measure, 0);
  assert_notified (&watch, 1);

  g_object_set (measure, "cost-amount", PM_MAX_SAFE_INTEGER, NULL);
  assert_notified (&watch, 2);
  g_object_get (measure, "cost-amount", &read, NULL);
  g_assert_cmpint (read, ==, G_GINT64_CONSTANT (9007199254740991));
  g_object_set (measure, "cost-amount", PM_MAX_SAFE_INTEGER, NULL);
  assert_notified (&watch, 2);

  /* Beyond what a JSON number keeps exactly, or below -1: refused. */
  g_test_expect_message ("pmortem-core", G_LOG_LEVEL_CRITICAL, "*pm_measure_set_cost_amount*");
  pm_measure_set_cost_amount (measure, PM_MAX_SAFE_INTEGER + 1);
  g_test_assert_expected_messages ();
  g_test_expect_message ("pmortem-core", G_LOG_LEVEL_CRITICAL, "*pm_measure_set_cost_amount*");
  pm_measure_set_cost_amount (measure, -2);
  g_test_assert_expected_messages ();
  g_assert_cmpint (pm_measure_get_cost_amount (measure), ==, PM_MAX_SAFE_INTEGER);
  assert_notified (&watch, 2);

  {
    g_autoptr(GTypeClass) klass = g_type_class_ref (PM_TYPE_MEASURE);
    GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), "cost-amount");
    GParamSpecInt64 *int64_pspec = G_PARAM_SPEC_INT64 (pspec);

    g_assert_cmpint (int64_pspec->minimum, ==, -1);
    g_assert_cmpint (int64_pspec->maximum, ==, G_GINT64_CONSTANT (9007199254740991));
    g_assert_cmpint (int64_pspec->default_value, ==, -1);
  }

  pm_measure_set_cost_amount (measure, 12500);
  assert_notified (&watch, 3);
  pm_measure_set_cost_amount (measure, -1);
  assert_notified (&watch, 4);
  g_assert_cmpint (pm_measure_get_cost_amount (measure), ==, -1);

  watch_end (&watch);
  g_assert_finalize_object (measure);
}

static void
test_measure_history (void)
{
  PmMeasure *measure = pm_measure_new ("m-4");
  g_autoptr(PmTime) time = pm_time_new (T_MINUTE, 0, PM_TIME_PRECISION_MINUTE);
  PmStatusChange *first = pm_status_change_new (time, "", "proposed", NULL);
  PmStatusChange *second = pm_status_change_new (time, "proposed", "agreed", "In the meeting");
  GListModel *history = pm_measure_get_history (measure);
  g_autoptr(PmStatusChange) item = NULL;

  g_assert_true (G_IS_LIST_STORE (history));
  g_assert_true (pm_measure_get_history (measure) == history);
  g_assert_true (g_list_model_get_item_type (history) == PM_TYPE_STATUS_CHANGE);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 0);

  g_list_store_append (G_LIST_STORE (history), first);
  g_list_store_append (G_LIST_STORE (history), second);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 2);
  item = g_list_model_get_item (history, 0);
  g_assert_true (item == first);
  g_clear_object (&item);
  item = g_list_model_get_item (history, 1);
  g_assert_true (item == second);
  g_clear_object (&item);

  /* The history is the measure's own: each measure has one, and it goes with the measure. */
  {
    PmMeasure *other = pm_measure_new ("m-5");

    g_assert_true (pm_measure_get_history (other) != history);
    g_assert_cmpuint (g_list_model_get_n_items (pm_measure_get_history (other)), ==, 0);
    g_assert_finalize_object (other);
  }

  g_object_add_weak_pointer (G_OBJECT (history), (gpointer *)&history);
  g_assert_finalize_object (measure);
  g_assert_null (history);

  g_assert_finalize_object (first);
  g_assert_finalize_object (second);
}

/* ------------------------------------------------------------------------------------------ */
/* Review and follow-up                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_review (void)
{
  static const char * const props[] = { "measure", "status", "note", NULL };
  PmReview *review = pm_review_new ("m-1");
  g_autofree char *measure = NULL;

  check_property_list (PM_TYPE_REVIEW, props);
  check_construct_only (PM_TYPE_REVIEW, "measure");

  g_assert_cmpstr (pm_review_get_measure (review), ==, "m-1");
  measure = get_string (review, "measure");
  g_assert_cmpstr (measure, ==, "m-1");

  check_text (review, "status",
              (TextGetter)pm_review_get_status, (TextSetter)pm_review_set_status, FALSE);
  check_text (review, "note",
              (TextGetter)pm_review_get_note, (TextSetter)pm_review_set_note, FALSE);

  g_assert_finalize_object (review);
}

static void
test_follow_up (void)
{
  static const char * const props[] = { "id", "time", "attendees", "notes", NULL };
  PmFollowUp *follow_up = pm_follow_up_new ("fu-1");
  g_autofree char *id = NULL;

  check_property_list (PM_TYPE_FOLLOW_UP, props);
  check_construct_only (PM_TYPE_FOLLOW_UP, "id");

  g_assert_cmpstr (pm_follow_up_get_id (follow_up), ==, "fu-1");
  id = get_string (follow_up, "id");
  g_assert_cmpstr (id, ==, "fu-1");

  check_time (follow_up, "time",
              (TimeGetter)pm_follow_up_get_time, (TimeSetter)pm_follow_up_set_time);
  check_strv (follow_up, "attendees",
              (StrvGetter)pm_follow_up_get_attendees, (StrvSetter)pm_follow_up_set_attendees);
  check_text (follow_up, "notes",
              (TextGetter)pm_follow_up_get_notes, (TextSetter)pm_follow_up_set_notes, FALSE);

  g_assert_finalize_object (follow_up);
}

static void
test_follow_up_reviews (void)
{
  PmFollowUp *follow_up = pm_follow_up_new ("fu-2");
  PmReview *review = pm_review_new ("m-1");
  GListModel *reviews = pm_follow_up_get_reviews (follow_up);
  g_autoptr(PmReview) item = NULL;

  g_assert_true (G_IS_LIST_STORE (reviews));
  g_assert_true (pm_follow_up_get_reviews (follow_up) == reviews);
  g_assert_true (g_list_model_get_item_type (reviews) == PM_TYPE_REVIEW);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 0);

  pm_review_set_status (review, "done");
  g_list_store_append (G_LIST_STORE (reviews), review);
  g_assert_cmpuint (g_list_model_get_n_items (reviews), ==, 1);
  item = g_list_model_get_item (reviews, 0);
  g_assert_true (item == review);
  g_assert_cmpstr (pm_review_get_status (item), ==, "done");
  g_clear_object (&item);

  {
    PmFollowUp *other = pm_follow_up_new ("fu-3");

    g_assert_true (pm_follow_up_get_reviews (other) != reviews);
    g_assert_cmpuint (g_list_model_get_n_items (pm_follow_up_get_reviews (other)), ==, 0);
    g_assert_finalize_object (other);
  }

  g_object_add_weak_pointer (G_OBJECT (reviews), (gpointer *)&reviews);
  g_assert_finalize_object (follow_up);
  g_assert_null (reviews);
  g_assert_finalize_object (review);
}

/* ------------------------------------------------------------------------------------------ */
/* Main                                                                                       */
/* ------------------------------------------------------------------------------------------ */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/vocabulary/principle-names", test_principle_names);
  g_test_add_func ("/model/vocabulary/principle-enum-type", test_principle_enum_type);
  g_test_add_func ("/model/vocabulary/principle-explanations", test_principle_explanations);
  g_test_add_func ("/model/vocabulary/values", test_vocabulary_values);
  g_test_add_func ("/model/vocabulary/labels", test_vocabulary_labels);
  g_test_add_func ("/model/vocabulary/unknown", test_vocabulary_unknown);
  g_test_add_func ("/model/participant/properties", test_participant);
  g_test_add_func ("/model/participant/construct", test_participant_construct);
  g_test_add_func ("/model/event/properties", test_event);
  g_test_add_func ("/model/event/keeps-values", test_event_keeps_values);
  g_test_add_func ("/model/assessment/properties", test_assessment);
  g_test_add_func ("/model/root-cause/properties", test_root_cause);
  g_test_add_func ("/model/root-cause/events", test_root_cause_events);
  g_test_add_func ("/model/root-cause/assessments", test_root_cause_assessments);
  g_test_add_func ("/model/status-change/construct", test_status_change);
  g_test_add_func ("/model/measure/properties", test_measure);
  g_test_add_func ("/model/measure/due", test_measure_due);
  g_test_add_func ("/model/measure/cost", test_measure_cost);
  g_test_add_func ("/model/measure/history", test_measure_history);
  g_test_add_func ("/model/review/properties", test_review);
  g_test_add_func ("/model/follow-up/properties", test_follow_up);
  g_test_add_func ("/model/follow-up/reviews", test_follow_up_reviews);

  return g_test_run ();
}
