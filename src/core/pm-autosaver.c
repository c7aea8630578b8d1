/* pm-autosaver.c — writes a document's draft a few seconds after a change, also while typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-autosaver-private.h"
#include "pm-clock.h"

/* Nothing captured yet (undo states start at 0 and count up; they never get here). */
#define NO_STATE           G_MAXUINT64
#define MIN_INTERVAL_MS    10
#define MAX_INTERVAL_MS    (PM_AUTOSAVER_MAX_INTERVAL * 1000)
#define MAX_RETRY_DELAY_MS (60 * 1000)

struct _PmAutosaver
{
  GObject       parent_instance;

  PmDocument   *document;
  PmUndoStack  *undo_stack;
  PmDraftStore *store;
  PmDraft      *draft;
  GMainContext *context;
  PmClock      *clock;        /* NULL: the system's; a test's fake clock */

  guint         interval_ms;
  GSource      *timer;        /* the next write, or the next retry */
  guint64       taken_state;  /* the undo state of the last snapshot written or in flight */
  guint64       taken_untracked; /* and the document's count of changes made without undo */
  gboolean      in_flight;
  gboolean      due;          /* the timer fired while a write was running */
  guint         failures;     /* consecutive */
};

G_DEFINE_FINAL_TYPE (PmAutosaver, pm_autosaver, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_STORE,
  PROP_DRAFT,
  PROP_INTERVAL,
  PROP_INTERVAL_MS,
  N_PROPS
};

enum {
  SAVED,
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_write (PmAutosaver *self);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static guint64
current_state (PmAutosaver *self)
{
  return pm_undo_stack_get_state (self->undo_stack);
}

/* Whether the last snapshot written (or in flight) holds the current content: the same undo
 * state and no meeting progress since (which changes the document without an undo step). */
static gboolean
is_taken (PmAutosaver *self)
{
  return current_state (self) == self->taken_state &&
         pm_document_get_untracked_changes (self->document) == self->taken_untracked;
}

static void
cancel_timer (PmAutosaver *self)
{
  if (self->timer != NULL)
    {
      g_source_destroy (self->timer);
      g_clear_pointer (&self->timer, g_source_unref);
    }
}

static gboolean
on_timeout (gpointer user_data)
{
  PmAutosaver *self = user_data;

  g_clear_pointer (&self->timer, g_source_unref);

  if (self->in_flight)
    self->due = TRUE;
  else
    start_write (self);

  return G_SOURCE_REMOVE;
}

static void
arm_timer (PmAutosaver *self,
           guint        delay_ms)
{
  cancel_timer (self);
  self->timer = pm_clock_timeout_source_new (self->clock, delay_ms);
  g_source_set_callback (self->timer, on_timeout, self, NULL);
  g_source_set_name (self->timer, "[pmortem] autosave");
  g_source_attach (self->timer, self->context);
}

static guint
retry_delay (PmAutosaver *self)
{
  guint64 delay = (guint64) self->interval_ms << MIN (self->failures, 10);

  return (guint) MIN (delay, (guint64) MAX (MAX_RETRY_DELAY_MS, self->interval_ms));
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(PmAutosaver) self = g_weak_ref_get (weak);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_weak_ref_clear (weak);
  g_free (weak);

  ok = pm_draft_store_save_finish (PM_DRAFT_STORE (source), result, &error);
  if (self == NULL)
    return;

  self->in_flight = FALSE;

  if (!ok)
    {
      self->taken_state = NO_STATE;
      self->due = FALSE;
      /* Saved for real meanwhile: the draft is not needed, and neither is a warning. */
      if (!pm_document_get_modified (self->document))
        return;
      self->failures++;
      arm_timer (self, retry_delay (self));
      g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  self->failures = 0;
  g_signal_emit (self, signals[SAVED], 0);

  if (self->due)
    {
      self->due = FALSE;
      start_write (self);
    }
}

static void
start_write (PmAutosaver *self)
{
  guint64 state = current_state (self);

  if (!pm_document_get_modified (self->document) || is_taken (self))
    return;

  self->taken_state = state;
  self->taken_untracked = pm_document_get_untracked_changes (self->document);
  self->in_flight = TRUE;

  {
    GWeakRef *weak = g_new0 (GWeakRef, 1);

    g_weak_ref_init (weak, self);
    /* The document is serialized here, on our thread; only the writing is in the worker. */
    pm_draft_store_save_async (self->store, self->draft, self->document, NULL,
                               on_written, weak);
  }
}

/* Any change of the content, and saving (not modified any more). */
static void
on_document_changed (PmAutosaver *self)
{
  if (!pm_document_get_modified (self->document))
    {
      /* Saved (or undone back to what is on disk): nothing to keep until the next change.
       * Forget what was taken, so that undoing to an autosaved state is written again. */
      cancel_timer (self);
      self->due = FALSE;
      self->failures = 0;
      self->taken_state = NO_STATE;
      return;
    }

  if (is_taken (self))
    return;

  /* The first change since the last autosave arms the timer; later ones do not push it back. */
  if (self->timer == NULL && !self->due)
    arm_timer (self, self->interval_ms);
}

static void
on_modified_notify (PmDocument  *document,
                    GParamSpec  *pspec,
                    PmAutosaver *self)
{
  on_document_changed (self);
}

static void
on_state_notify (PmUndoStack *stack,
                 GParamSpec  *pspec,
                 PmAutosaver *self)
{
  on_document_changed (self);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject vfuncs                                                                              */
/* ------------------------------------------------------------------------------------------ */

static void
pm_autosaver_constructed (GObject *object)
{
  PmAutosaver *self = PM_AUTOSAVER (object);

  G_OBJECT_CLASS (pm_autosaver_parent_class)->constructed (object);

  g_return_if_fail (PM_IS_DOCUMENT (self->document));
  g_return_if_fail (PM_IS_DRAFT_STORE (self->store));
  g_return_if_fail (PM_IS_DRAFT (self->draft));

  self->undo_stack = g_object_ref (pm_document_get_undo_stack (self->document));
  g_signal_connect_object (self->document, "notify::modified",
                           G_CALLBACK (on_modified_notify), self, 0);
  g_signal_connect_object (self->document, "notify::untracked-changes",
                           G_CALLBACK (on_modified_notify), self, 0);
  g_signal_connect_object (self->undo_stack, "notify::state",
                           G_CALLBACK (on_state_notify), self, 0);

  /* Attached to a document with unsaved changes: keep them. A freshly loaded document is
   * unmodified, so loading never leads to a write. */
  if (pm_document_get_modified (self->document))
    on_document_changed (self);
}

static void
pm_autosaver_dispose (GObject *object)
{
  PmAutosaver *self = PM_AUTOSAVER (object);

  cancel_timer (self);
  if (self->undo_stack != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_stack, self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->undo_stack);
  g_clear_object (&self->document);
  g_clear_object (&self->store);
  g_clear_object (&self->draft);

  G_OBJECT_CLASS (pm_autosaver_parent_class)->dispose (object);
}

static void
pm_autosaver_finalize (GObject *object)
{
  PmAutosaver *self = PM_AUTOSAVER (object);

  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (pm_autosaver_parent_class)->finalize (object);
}

static void
pm_autosaver_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PmAutosaver *self = PM_AUTOSAVER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DRAFT:
      g_value_set_object (value, self->draft);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, pm_autosaver_get_interval (self));
      break;
    case PROP_INTERVAL_MS:
      g_value_set_uint (value, self->interval_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_autosaver_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PmAutosaver *self = PM_AUTOSAVER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      self->document = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DRAFT:
      self->draft = g_value_dup_object (value);
      break;
    case PROP_INTERVAL:
      pm_autosaver_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_INTERVAL_MS:
      pm_autosaver_set_interval_ms (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* class_init and init                                                                         */
/* ------------------------------------------------------------------------------------------ */

static void
pm_autosaver_class_init (PmAutosaverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pm_autosaver_constructed;
  object_class->dispose = pm_autosaver_dispose;
  object_class->finalize = pm_autosaver_finalize;
  object_class->get_property = pm_autosaver_get_property;
  object_class->set_property = pm_autosaver_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, PM_TYPE_DRAFT_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT] =
    g_param_spec_object ("draft", NULL, NULL, PM_TYPE_DRAFT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL,
                       1, PM_AUTOSAVER_MAX_INTERVAL, PM_AUTOSAVER_DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL_MS] =
    g_param_spec_uint ("interval-ms", NULL, NULL,
                       MIN_INTERVAL_MS, MAX_INTERVAL_MS, PM_AUTOSAVER_DEFAULT_INTERVAL * 1000,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_ERROR | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
pm_autosaver_init (PmAutosaver *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->interval_ms = PM_AUTOSAVER_DEFAULT_INTERVAL * 1000;
  self->taken_state = NO_STATE;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmAutosaver *
pm_autosaver_new (PmDocument   *document,
                  PmDraftStore *store,
                  PmDraft      *draft)
{
  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (PM_IS_DRAFT_STORE (store), NULL);
  g_return_val_if_fail (PM_IS_DRAFT (draft), NULL);

  return g_object_new (PM_TYPE_AUTOSAVER,
                       "document", document,
                       "store", store,
                       "draft", draft,
                       NULL);
}

PmDocument *
pm_autosaver_get_document (PmAutosaver *self)
{
  g_return_val_if_fail (PM_IS_AUTOSAVER (self), NULL);

  return self->document;
}

PmDraft *
pm_autosaver_get_draft (PmAutosaver *self)
{
  g_return_val_if_fail (PM_IS_AUTOSAVER (self), NULL);

  return self->draft;
}

guint
pm_autosaver_get_interval (PmAutosaver *self)
{
  g_return_val_if_fail (PM_IS_AUTOSAVER (self), PM_AUTOSAVER_DEFAULT_INTERVAL);

  return MAX (1, (self->interval_ms + 500) / 1000);
}

void
pm_autosaver_set_interval (PmAutosaver *self,
                           guint        seconds)
{
  g_return_if_fail (PM_IS_AUTOSAVER (self));

  pm_autosaver_set_interval_ms (self, CLAMP (seconds, 1, PM_AUTOSAVER_MAX_INTERVAL) * 1000);
}

guint
pm_autosaver_get_interval_ms (PmAutosaver *self)
{
  g_return_val_if_fail (PM_IS_AUTOSAVER (self), PM_AUTOSAVER_DEFAULT_INTERVAL * 1000);

  return self->interval_ms;
}

void
pm_autosaver_set_interval_ms (PmAutosaver *self,
                              guint        milliseconds)
{
  guint old_seconds;

  g_return_if_fail (PM_IS_AUTOSAVER (self));

  milliseconds = CLAMP (milliseconds, MIN_INTERVAL_MS, MAX_INTERVAL_MS);
  if (milliseconds == self->interval_ms)
    return;

  old_seconds = pm_autosaver_get_interval (self);
  self->interval_ms = milliseconds;

  /* A pending write keeps its time; the new interval applies from the next change. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL_MS]);
  if (pm_autosaver_get_interval (self) != old_seconds)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

gboolean
pm_autosaver_get_pending (PmAutosaver *self)
{
  g_return_val_if_fail (PM_IS_AUTOSAVER (self), FALSE);

  return pm_document_get_modified (self->document)
         && (self->in_flight || !is_taken (self));
}

gboolean
pm_autosaver_flush (PmAutosaver  *self,
                    GError      **error)
{
  guint64 state, untracked;

  g_return_val_if_fail (PM_IS_AUTOSAVER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!pm_document_get_modified (self->document))
    return TRUE;

  cancel_timer (self);
  self->due = FALSE;
  state = current_state (self);
  untracked = pm_document_get_untracked_changes (self->document);

  /* Waits for a write in flight, then writes; an older snapshot still queued is dropped. */
  if (!pm_draft_store_save (self->store, self->draft, self->document, error))
    {
      self->failures++;
      self->taken_state = NO_STATE;
      arm_timer (self, retry_delay (self));
      return FALSE;
    }

  self->failures = 0;
  self->taken_state = state;
  self->taken_untracked = untracked;
  g_signal_emit (self, signals[SAVED], 0);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Testing hooks (pm-autosaver-private.h)                                                      */
/* ------------------------------------------------------------------------------------------ */

void
_pm_autosaver_set_clock (PmAutosaver *self,
                         PmClock     *clock)
{
  g_return_if_fail (PM_IS_AUTOSAVER (self));
  g_return_if_fail (clock == NULL || PM_IS_CLOCK (clock));

  g_set_object (&self->clock, clock);
}

gboolean
_pm_autosaver_get_writing (PmAutosaver *self)
{
  g_return_val_if_fail (PM_IS_AUTOSAVER (self), FALSE);

  return self->in_flight;
}
