/* pm-measure.c — something the team commits to change, tracked until it is done
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-limits.h"
#include "pm-measure.h"
#include "pm-model-private.h"
#include "pm-status-change.h"

#define DEFAULT_STATUS "proposed"

struct _PmMeasure
{
  GObject     parent_instance;

  char       *id;
  char       *title;
  char       *description;
  char       *owner;          /* NULL: nobody yet */
  char       *escalation;
  char       *kind;
  char       *status;         /* never NULL; unknown values are kept verbatim */
  char       *drop_reason;
  char       *due;            /* NULL or "YYYY-MM-DD" */
  char       *ticket_key;
  char       *ticket_url;
  char      **root_causes;    /* NULL: none */
  char       *effort;
  gint64      cost_amount;    /* -1: not given */
  char       *cost_currency;
  char       *benefit;
  gboolean    summary;
  gboolean    confidential;

  GListStore *history;        /* of PmStatusChange, oldest first */
};

G_DEFINE_FINAL_TYPE (PmMeasure, pm_measure, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_OWNER,
  PROP_ESCALATION,
  PROP_KIND,
  PROP_STATUS,
  PROP_DROP_REASON,
  PROP_DUE,
  PROP_TICKET_KEY,
  PROP_TICKET_URL,
  PROP_ROOT_CAUSES,
  PROP_EFFORT,
  PROP_COST_AMOUNT,
  PROP_COST_CURRENCY,
  PROP_BENEFIT,
  PROP_SUMMARY,
  PROP_CONFIDENTIAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const empty_strv[] = { NULL };

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
set_string (PmMeasure   *self,
            char       **field,
            const char  *value,
            guint        prop_id)
{
  g_assert (PM_IS_MEASURE (self));

  if (pm_model_replace_string (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* A calendar date written "YYYY-MM-DD", the only form a due date takes. */
static gboolean
is_iso_date (const char *str)
{
  guint year;
  guint month;
  guint day;

  g_assert (str != NULL);

  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        {
          if (str[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (str[i]))
        {
          return FALSE;
        }
    }

  if (str[10] != '\0')
    return FALSE;

  year = (str[0] - '0') * 1000 + (str[1] - '0') * 100 + (str[2] - '0') * 10 + (str[3] - '0');
  month = (str[5] - '0') * 10 + (str[6] - '0');
  day = (str[8] - '0') * 10 + (str[9] - '0');

  return g_date_valid_dmy ((GDateDay)day, (GDateMonth)month, (GDateYear)year);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
pm_measure_dispose (GObject *object)
{
  PmMeasure *self = (PmMeasure *)object;

  g_clear_object (&self->history);

  G_OBJECT_CLASS (pm_measure_parent_class)->dispose (object);
}

static void
pm_measure_finalize (GObject *object)
{
  PmMeasure *self = (PmMeasure *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->escalation, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->drop_reason, g_free);
  g_clear_pointer (&self->due, g_free);
  g_clear_pointer (&self->ticket_key, g_free);
  g_clear_pointer (&self->ticket_url, g_free);
  g_clear_pointer (&self->root_causes, g_strfreev);
  g_clear_pointer (&self->effort, g_free);
  g_clear_pointer (&self->cost_currency, g_free);
  g_clear_pointer (&self->benefit, g_free);

  G_OBJECT_CLASS (pm_measure_parent_class)->finalize (object);
}

static void
pm_measure_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PmMeasure *self = PM_MEASURE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, pm_measure_get_id (self));
      break;
    case PROP_TITLE:
      g_value_set_string (value, pm_measure_get_title (self));
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, pm_measure_get_description (self));
      break;
    case PROP_OWNER:
      g_value_set_string (value, pm_measure_get_owner (self));
      break;
    case PROP_ESCALATION:
      g_value_set_string (value, pm_measure_get_escalation (self));
      break;
    case PROP_KIND:
      g_value_set_string (value, pm_measure_get_kind (self));
      break;
    case PROP_STATUS:
      g_value_set_string (value, pm_measure_get_status (self));
      break;
    case PROP_DROP_REASON:
      g_value_set_string (value, pm_measure_get_drop_reason (self));
      break;
    case PROP_DUE:
      g_value_set_string (value, pm_measure_get_due (self));
      break;
    case PROP_TICKET_KEY:
      g_value_set_string (value, pm_measure_get_ticket_key (self));
      break;
    case PROP_TICKET_URL:
      g_value_set_string (value, pm_measure_get_ticket_url (self));
      break;
    case PROP_ROOT_CAUSES:
      g_value_set_boxed (value, pm_measure_get_root_causes (self));
      break;
    case PROP_EFFORT:
      g_value_set_string (value, pm_measure_get_effort (self));
      break;
    case PROP_COST_AMOUNT:
      g_value_set_int64 (value, pm_measure_get_cost_amount (self));
      break;
    case PROP_COST_CURRENCY:
      g_value_set_string (value, pm_measure_get_cost_currency (self));
      break;
    case PROP_BENEFIT:
      g_value_set_string (value, pm_measure_get_benefit (self));
      break;
    case PROP_SUMMARY:
      g_value_set_boolean (value, pm_measure_get_summary (self));
      break;
    case PROP_CONFIDENTIAL:
      g_value_set_boolean (value, pm_measure_get_confidential (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_measure_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PmMeasure *self = PM_MEASURE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_assert (self->id == NULL);
      self->id = g_value_dup_string (value);
      break;
    case PROP_TITLE:
      pm_measure_set_title (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      pm_measure_set_description (self, g_value_get_string (value));
      break;
    case PROP_OWNER:
      pm_measure_set_owner (self, g_value_get_string (value));
      break;
    case PROP_ESCALATION:
      pm_measure_set_escalation (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      pm_measure_set_kind (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      pm_measure_set_status (self, g_value_get_string (value));
      break;
    case PROP_DROP_REASON:
      pm_measure_set_drop_reason (self, g_value_get_string (value));
      break;
    case PROP_DUE:
      pm_measure_set_due (self, g_value_get_string (value));
      break;
    case PROP_TICKET_KEY:
      pm_measure_set_ticket_key (self, g_value_get_string (value));
      break;
    case PROP_TICKET_URL:
      pm_measure_set_ticket_url (self, g_value_get_string (value));
      break;
    case PROP_ROOT_CAUSES:
      pm_measure_set_root_causes (self, g_value_get_boxed (value));
      break;
    case PROP_EFFORT:
      pm_measure_set_effort (self, g_value_get_string (value));
      break;
    case PROP_COST_AMOUNT:
      pm_measure_set_cost_amount (self, g_value_get_int64 (value));
      break;
    case PROP_COST_CURRENCY:
      pm_measure_set_cost_currency (self, g_value_get_string (value));
      break;
    case PROP_BENEFIT:
      pm_measure_set_benefit (self, g_value_get_string (value));
      break;
    case PROP_SUMMARY:
      pm_measure_set_summary (self, g_value_get_boolean (value));
      break;
    case PROP_CONFIDENTIAL:
      pm_measure_set_confidential (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_measure_class_init (PmMeasureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pm_measure_dispose;
  object_class->finalize = pm_measure_finalize;
  object_class->get_property = pm_measure_get_property;
  object_class->set_property = pm_measure_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ESCALATION] =
    g_param_spec_string ("escalation", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_STATUS] =
    g_param_spec_string ("status", NULL, NULL, DEFAULT_STATUS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DROP_REASON] =
    g_param_spec_string ("drop-reason", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_DUE] =
    g_param_spec_string ("due", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TICKET_KEY] =
    g_param_spec_string ("ticket-key", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_TICKET_URL] =
    g_param_spec_string ("ticket-url", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_ROOT_CAUSES] =
    g_param_spec_boxed ("root-causes", NULL, NULL, G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_EFFORT] =
    g_param_spec_string ("effort", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COST_AMOUNT] =
    g_param_spec_int64 ("cost-amount", NULL, NULL, -1, PM_MAX_SAFE_INTEGER, -1,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_COST_CURRENCY] =
    g_param_spec_string ("cost-currency", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_BENEFIT] =
    g_param_spec_string ("benefit", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_SUMMARY] =
    g_param_spec_boolean ("summary", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CONFIDENTIAL] =
    g_param_spec_boolean ("confidential", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pm_measure_init (PmMeasure *self)
{
  self->status = g_strdup (DEFAULT_STATUS);
  self->cost_amount = -1;
  self->history = g_list_store_new (PM_TYPE_STATUS_CHANGE);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

PmMeasure *
pm_measure_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (PM_TYPE_MEASURE,
                       "id", id,
                       NULL);
}

const char *
pm_measure_get_id (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->id ? self->id : "";
}

const char *
pm_measure_get_title (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->title ? self->title : "";
}

void
pm_measure_set_title (PmMeasure  *self,
                      const char *title)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
pm_measure_get_description (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->description ? self->description : "";
}

void
pm_measure_set_description (PmMeasure  *self,
                            const char *description)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->description, description, PROP_DESCRIPTION);
}

/* NULL when nobody owns the measure yet. */
const char *
pm_measure_get_owner (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->owner;
}

void
pm_measure_set_owner (PmMeasure  *self,
                      const char *participant_id)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->owner, participant_id, PROP_OWNER);
}

const char *
pm_measure_get_escalation (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->escalation ? self->escalation : "";
}

void
pm_measure_set_escalation (PmMeasure  *self,
                           const char *escalation)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->escalation, escalation, PROP_ESCALATION);
}

const char *
pm_measure_get_kind (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->kind ? self->kind : "";
}

void
pm_measure_set_kind (PmMeasure  *self,
                     const char *kind)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->kind, kind, PROP_KIND);
}

const char *
pm_measure_get_status (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->status;
}

/* NULL or "" puts the status back to "proposed". */
void
pm_measure_set_status (PmMeasure  *self,
                       const char *status)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  if (status == NULL || status[0] == '\0')
    status = DEFAULT_STATUS;

  set_string (self, &self->status, status, PROP_STATUS);
}

const char *
pm_measure_get_drop_reason (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->drop_reason ? self->drop_reason : "";
}

void
pm_measure_set_drop_reason (PmMeasure  *self,
                            const char *reason)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->drop_reason, reason, PROP_DROP_REASON);
}

/* NULL when there is no due date. */
const char *
pm_measure_get_due (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->due;
}

/* @iso_date is NULL or "" (no due date) or a valid "YYYY-MM-DD". */
void
pm_measure_set_due (PmMeasure  *self,
                    const char *iso_date)
{
  g_return_if_fail (PM_IS_MEASURE (self));
  g_return_if_fail (iso_date == NULL || iso_date[0] == '\0' || is_iso_date (iso_date));

  set_string (self, &self->due, iso_date, PROP_DUE);
}

const char *
pm_measure_get_ticket_key (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->ticket_key ? self->ticket_key : "";
}

void
pm_measure_set_ticket_key (PmMeasure  *self,
                           const char *key)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->ticket_key, key, PROP_TICKET_KEY);
}

const char *
pm_measure_get_ticket_url (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->ticket_url ? self->ticket_url : "";
}

void
pm_measure_set_ticket_url (PmMeasure  *self,
                           const char *url)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->ticket_url, url, PROP_TICKET_URL);
}

const char * const *
pm_measure_get_root_causes (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->root_causes ? (const char * const *)self->root_causes : empty_strv;
}

void
pm_measure_set_root_causes (PmMeasure          *self,
                            const char * const *root_cause_ids)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  if (pm_model_replace_strv (&self->root_causes, root_cause_ids))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOT_CAUSES]);
}

const char *
pm_measure_get_effort (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->effort ? self->effort : "";
}

void
pm_measure_set_effort (PmMeasure  *self,
                       const char *effort)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->effort, effort, PROP_EFFORT);
}

/* -1 when no cost was given. */
gint64
pm_measure_get_cost_amount (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), -1);

  return self->cost_amount;
}

/* @amount is -1 (not given) or 0 up to 2^53 - 1, the largest integer every JSON reader keeps
 * exact. */
void
pm_measure_set_cost_amount (PmMeasure *self,
                            gint64     amount)
{
  g_return_if_fail (PM_IS_MEASURE (self));
  g_return_if_fail (amount >= -1 && amount <= PM_MAX_SAFE_INTEGER);

  if (amount == self->cost_amount)
    return;

  self->cost_amount = amount;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COST_AMOUNT]);
}

const char *
pm_measure_get_cost_currency (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->cost_currency ? self->cost_currency : "";
}

void
pm_measure_set_cost_currency (PmMeasure  *self,
                              const char *currency)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->cost_currency, currency, PROP_COST_CURRENCY);
}

const char *
pm_measure_get_benefit (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return self->benefit ? self->benefit : "";
}

void
pm_measure_set_benefit (PmMeasure  *self,
                        const char *benefit)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  set_string (self, &self->benefit, benefit, PROP_BENEFIT);
}

gboolean
pm_measure_get_summary (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), FALSE);

  return self->summary;
}

void
pm_measure_set_summary (PmMeasure *self,
                        gboolean   summary)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  summary = !!summary;
  if (summary == self->summary)
    return;

  self->summary = summary;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

/* TRUE: for the team only, left out of the manager summary. */
gboolean
pm_measure_get_confidential (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), FALSE);

  return self->confidential;
}

void
pm_measure_set_confidential (PmMeasure *self,
                             gboolean   confidential)
{
  g_return_if_fail (PM_IS_MEASURE (self));

  confidential = !!confidential;
  if (confidential == self->confidential)
    return;

  self->confidential = confidential;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIDENTIAL]);
}

/* Returns: (transfer none): a GListStore of PmStatusChange, oldest first. */
GListModel *
pm_measure_get_history (PmMeasure *self)
{
  g_return_val_if_fail (PM_IS_MEASURE (self), NULL);

  return G_LIST_MODEL (self->history);
}
