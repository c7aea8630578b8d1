/* pm-file-watcher.c — notices when someone else changes or deletes the open document's file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-atomic-file.h"
#include "pm-error.h"
#include "pm-clock.h"
#include "pm-file-watcher-private.h"
#include "pm-limits.h"

/* As GNOME Text Editor: coalesce the bursts a save by another program makes. */
#define DEBOUNCE_MS 100

struct _PmFileWatcher
{
  GObject          parent_instance;

  char            *path;
  char            *basename;
  gboolean         use_monitors;
  GMainContext    *context;
  PmClock         *clock;         /* NULL: the system's; a test's fake clock */
  GFileMonitor    *file_monitor;
  GFileMonitor    *folder_monitor;

  gboolean         known_set;
  gint64           known_size;
  char            *known_sha256;
  guint64          generation;    /* bumped whenever a check in flight may be out of date */

  guint            paused;
  guint            poll_interval;
  GSource         *debounce;
  GSource         *poll;
  gboolean         in_flight;
  gboolean         check_again;

  PmFileDiskState  disk_state;
  char            *reported_sha256; /* the other bytes "changed" was emitted for */
};

G_DEFINE_FINAL_TYPE (PmFileWatcher, pm_file_watcher, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (PmFileDiskState, pm_file_disk_state,
  G_DEFINE_ENUM_VALUE (PM_FILE_DISK_STATE_UNCHANGED, "unchanged"),
  G_DEFINE_ENUM_VALUE (PM_FILE_DISK_STATE_CHANGED, "changed"),
  G_DEFINE_ENUM_VALUE (PM_FILE_DISK_STATE_DELETED, "deleted"))

enum {
  PROP_0,
  PROP_PATH,
  PROP_MONITOR,
  PROP_POLL_INTERVAL,
  PROP_DISK_STATE,
  N_PROPS
};

enum {
  CHANGED,
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef enum
{
  PROBE_PRESENT,
  PROBE_MISSING,
  PROBE_FAILED,
} ProbeStatus;

/* What reading the file found. */
typedef struct
{
  ProbeStatus  status;
  char        *sha256;   /* PROBE_PRESENT: the contents' hash, or a marker for a huge file */
  gint64       size;
  GError      *error;    /* PROBE_FAILED */
} Probe;

typedef struct
{
  char    *path;
  guint64  generation;
} CheckJob;

static void start_check (PmFileWatcher *self);

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
probe_free (Probe *probe)
{
  g_free (probe->sha256);
  g_clear_error (&probe->error);
  g_free (probe);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Probe, probe_free)

static void
check_job_free (CheckJob *job)
{
  g_free (job->path);
  g_free (job);
}

/* On any thread. */
static Probe *
probe_file (const char *path)
{
  Probe *probe = g_new0 (Probe, 1);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (pm_file_read_bounded (path, PM_LIMIT_FILE_BYTES, &contents, &length, &probe->error))
    {
      probe->status = PROBE_PRESENT;
      probe->size = (gint64) length;
      probe->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                   (const guchar *) contents, length);
    }
  else if (g_error_matches (probe->error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
           || g_error_matches (probe->error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
    {
      probe->status = PROBE_MISSING;
      g_clear_error (&probe->error);
    }
  else if (g_error_matches (probe->error, PM_ERROR, PM_ERROR_LIMIT))
    {
      /* Larger than any document we load or write: certainly not the known bytes. */
      probe->status = PROBE_PRESENT;
      probe->size = -1;
      probe->sha256 = g_strdup ("too-large");
      g_clear_error (&probe->error);
    }
  else
    probe->status = PROBE_FAILED;

  return probe;
}

static void
set_disk_state (PmFileWatcher   *self,
                PmFileDiskState  state)
{
  if (self->disk_state == state)
    return;
  self->disk_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISK_STATE]);
}

/* Compares what was found with what we know; emits what changed. Returns whether the file
 * differs from the known bytes. */
static gboolean
apply_probe (PmFileWatcher *self,
             Probe         *probe)
{
  switch (probe->status)
    {
    case PROBE_MISSING:
      g_clear_pointer (&self->reported_sha256, g_free);
      if (!self->known_set)
        {
          set_disk_state (self, PM_FILE_DISK_STATE_UNCHANGED);
          return FALSE;
        }
      if (self->disk_state != PM_FILE_DISK_STATE_DELETED)
        {
          set_disk_state (self, PM_FILE_DISK_STATE_DELETED);
          g_signal_emit (self, signals[DELETED], 0);
        }
      return TRUE;

    case PROBE_PRESENT:
      if (self->known_set && probe->size == self->known_size
          && g_strcmp0 (probe->sha256, self->known_sha256) == 0)
        {
          g_clear_pointer (&self->reported_sha256, g_free);
          set_disk_state (self, PM_FILE_DISK_STATE_UNCHANGED);
          return FALSE;
        }
      if (self->disk_state != PM_FILE_DISK_STATE_CHANGED
          || g_strcmp0 (self->reported_sha256, probe->sha256) != 0)
        {
          g_free (self->reported_sha256);
          self->reported_sha256 = g_strdup (probe->sha256);
          set_disk_state (self, PM_FILE_DISK_STATE_CHANGED);
          g_signal_emit (self, signals[CHANGED], 0);
        }
      return TRUE;

    case PROBE_FAILED:
    default:
      g_debug ("Could not check %s: %s", self->path, probe->error->message);
      return FALSE;
    }
}

static void
check_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CheckJob *job = task_data;

  g_task_return_pointer (task, probe_file (job->path), (GDestroyNotify) probe_free);
}

static gboolean
on_debounce (gpointer user_data)
{
  PmFileWatcher *self = user_data;

  g_clear_pointer (&self->debounce, g_source_unref);
  start_check (self);
  return G_SOURCE_REMOVE;
}

/* Armed by the first event and not pushed back by later ones, so that a file written
 * continuously is still checked every 100 ms. */
static void
schedule_check (PmFileWatcher *self)
{
  if (self->paused > 0 || self->debounce != NULL)
    return;

  self->debounce = pm_clock_timeout_source_new (self->clock, DEBOUNCE_MS);
  g_source_set_callback (self->debounce, on_debounce, self, NULL);
  g_source_set_name (self->debounce, "[pmortem] file watcher debounce");
  g_source_attach (self->debounce, self->context);
}

static void
on_check_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(PmFileWatcher) self = g_weak_ref_get (weak);
  g_autoptr(Probe) probe = g_task_propagate_pointer (G_TASK (result), NULL);
  CheckJob *job = g_task_get_task_data (G_TASK (result));

  g_weak_ref_clear (weak);
  g_free (weak);

  if (self == NULL)
    return;

  self->in_flight = FALSE;

  if (self->paused > 0)
    return;

  if (job->generation != self->generation)
    {
      /* We wrote, reloaded or checked meanwhile: this reading may be older than that. */
      schedule_check (self);
      return;
    }

  if (probe != NULL)
    apply_probe (self, probe);

  if (self->check_again)
    {
      self->check_again = FALSE;
      schedule_check (self);
    }
}

static void
start_check (PmFileWatcher *self)
{
  g_autoptr(GTask) task = NULL;
  CheckJob *job;
  GWeakRef *weak;

  if (self->paused > 0)
    return;

  if (self->in_flight)
    {
      self->check_again = TRUE;
      return;
    }

  job = g_new0 (CheckJob, 1);
  job->path = g_strdup (self->path);
  job->generation = self->generation;

  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);

  /* No source object: a check in flight must not keep the watcher alive. */
  task = g_task_new (NULL, NULL, on_check_done, weak);
  g_task_set_source_tag (task, start_check);
  g_task_set_name (task, "[pmortem] check file");
  g_task_set_task_data (task, job, (GDestroyNotify) check_job_free);
  self->in_flight = TRUE;
  g_task_run_in_thread (task, check_thread);
}

static gboolean
on_poll (gpointer user_data)
{
  start_check (user_data);
  return G_SOURCE_CONTINUE;
}

static void
update_poll (PmFileWatcher *self)
{
  if (self->poll != NULL)
    {
      g_source_destroy (self->poll);
      g_clear_pointer (&self->poll, g_source_unref);
    }

  if (self->poll_interval == 0 || self->path == NULL)
    return;

  self->poll = pm_clock_timeout_source_new_seconds (self->clock, self->poll_interval);
  g_source_set_callback (self->poll, on_poll, self, NULL);
  g_source_set_name (self->poll, "[pmortem] file watcher poll");
  g_source_attach (self->poll, self->context);
}

/* Any event on the file itself. Never filtered by type: a replace, a change, a delete and a
 * touch all end in the same comparison of bytes. */
static void
on_file_event (GFileMonitor      *monitor,
               GFile             *file,
               GFile             *other_file,
               GFileMonitorEvent  event_type,
               PmFileWatcher     *self)
{
  schedule_check (self);
}

static gboolean
names_document (PmFileWatcher *self,
                GFile         *file)
{
  g_autofree char *name = NULL;

  if (file == NULL)
    return FALSE;
  name = g_file_get_basename (file);
  return g_strcmp0 (name, self->basename) == 0;
}

/* Events in the folder: only those that involve the document's name (a rename onto it or away
 * from it, a create, a delete); the folder may be busy with other files. */
static void
on_folder_event (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event_type,
                 PmFileWatcher     *self)
{
  if (names_document (self, file) || names_document (self, other_file))
    schedule_check (self);
}

static void
start_monitors (PmFileWatcher *self)
{
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GError) error = NULL;

  self->file_monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->file_monitor != NULL)
    {
      g_file_monitor_set_rate_limit (self->file_monitor, DEBOUNCE_MS);
      g_signal_connect_object (self->file_monitor, "changed",
                               G_CALLBACK (on_file_event), self, 0);
    }
  else
    {
      /* Polling and the checks on focus and before saving still work. */
      g_debug ("Cannot monitor %s: %s", self->path, error->message);
      g_clear_error (&error);
    }

  if (folder == NULL)
    return;

  self->folder_monitor = g_file_monitor_directory (folder, G_FILE_MONITOR_WATCH_MOVES, NULL,
                                                   &error);
  if (self->folder_monitor != NULL)
    {
      g_file_monitor_set_rate_limit (self->folder_monitor, DEBOUNCE_MS);
      g_signal_connect_object (self->folder_monitor, "changed",
                               G_CALLBACK (on_folder_event), self, 0);
    }
  else
    g_debug ("Cannot monitor the folder of %s: %s", self->path, error->message);
}

static void
stop_monitor (GFileMonitor **monitor,
              gpointer       self)
{
  if (*monitor == NULL)
    return;
  g_signal_handlers_disconnect_by_data (*monitor, self);
  g_file_monitor_cancel (*monitor);
  g_clear_object (monitor);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject vfuncs                                                                              */
/* ------------------------------------------------------------------------------------------ */

static void
pm_file_watcher_constructed (GObject *object)
{
  PmFileWatcher *self = PM_FILE_WATCHER (object);

  G_OBJECT_CLASS (pm_file_watcher_parent_class)->constructed (object);

  g_return_if_fail (self->path != NULL && g_path_is_absolute (self->path));

  self->basename = g_path_get_basename (self->path);

  /* Monitors deliver their events on the thread-default context of this thread. */
  if (self->use_monitors)
    start_monitors (self);
  update_poll (self);
}

static void
pm_file_watcher_dispose (GObject *object)
{
  PmFileWatcher *self = PM_FILE_WATCHER (object);

  stop_monitor (&self->file_monitor, self);
  stop_monitor (&self->folder_monitor, self);
  if (self->debounce != NULL)
    {
      g_source_destroy (self->debounce);
      g_clear_pointer (&self->debounce, g_source_unref);
    }
  if (self->poll != NULL)
    {
      g_source_destroy (self->poll);
      g_clear_pointer (&self->poll, g_source_unref);
    }

  G_OBJECT_CLASS (pm_file_watcher_parent_class)->dispose (object);
}

static void
pm_file_watcher_finalize (GObject *object)
{
  PmFileWatcher *self = PM_FILE_WATCHER (object);

  g_free (self->path);
  g_free (self->basename);
  g_free (self->known_sha256);
  g_free (self->reported_sha256);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (pm_file_watcher_parent_class)->finalize (object);
}

static void
pm_file_watcher_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PmFileWatcher *self = PM_FILE_WATCHER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_MONITOR:
      g_value_set_boolean (value, self->use_monitors);
      break;
    case PROP_POLL_INTERVAL:
      g_value_set_uint (value, self->poll_interval);
      break;
    case PROP_DISK_STATE:
      g_value_set_enum (value, self->disk_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_file_watcher_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PmFileWatcher *self = PM_FILE_WATCHER (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_MONITOR:
      self->use_monitors = g_value_get_boolean (value);
      break;
    case PROP_POLL_INTERVAL:
      pm_file_watcher_set_poll_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* class_init and init                                                                         */
/* ------------------------------------------------------------------------------------------ */

static void
pm_file_watcher_class_init (PmFileWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = pm_file_watcher_constructed;
  object_class->dispose = pm_file_watcher_dispose;
  object_class->finalize = pm_file_watcher_finalize;
  object_class->get_property = pm_file_watcher_get_property;
  object_class->set_property = pm_file_watcher_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* FALSE: rely on polling and check_now() alone (as on a filesystem without inotify). */
  properties[PROP_MONITOR] =
    g_param_spec_boolean ("monitor", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL,
                       0, 3600, PM_FILE_WATCHER_DEFAULT_POLL_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                       | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISK_STATE] =
    g_param_spec_enum ("disk-state", NULL, NULL,
                       PM_TYPE_FILE_DISK_STATE, PM_FILE_DISK_STATE_UNCHANGED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pm_file_watcher_init (PmFileWatcher *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->use_monitors = TRUE;
  self->known_size = -1;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmFileWatcher *
pm_file_watcher_new (const char *path)
{
  g_return_val_if_fail (path != NULL && g_path_is_absolute (path), NULL);

  return g_object_new (PM_TYPE_FILE_WATCHER, "path", path, NULL);
}

const char *
pm_file_watcher_get_path (PmFileWatcher *self)
{
  g_return_val_if_fail (PM_IS_FILE_WATCHER (self), NULL);

  return self->path;
}

void
pm_file_watcher_set_known_contents (PmFileWatcher *self,
                                    const char    *data,
                                    gsize          length)
{
  g_return_if_fail (PM_IS_FILE_WATCHER (self));
  g_return_if_fail (data != NULL || length == 0);

  g_free (self->known_sha256);
  self->known_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                                    (const guchar *) (data ? data : ""),
                                                    length);
  self->known_size = (gint64) length;
  self->known_set = TRUE;
  self->generation++;

  /* The caller has just read or written these bytes: that is the state of the disk now. */
  g_clear_pointer (&self->reported_sha256, g_free);
  set_disk_state (self, PM_FILE_DISK_STATE_UNCHANGED);
}

void
pm_file_watcher_pause (PmFileWatcher *self)
{
  g_return_if_fail (PM_IS_FILE_WATCHER (self));

  self->paused++;
  self->generation++;
  if (self->debounce != NULL)
    {
      g_source_destroy (self->debounce);
      g_clear_pointer (&self->debounce, g_source_unref);
    }
}

void
pm_file_watcher_resume (PmFileWatcher *self)
{
  g_return_if_fail (PM_IS_FILE_WATCHER (self));
  g_return_if_fail (self->paused > 0);

  if (--self->paused > 0)
    return;

  /* Someone else may have written while we were not looking. */
  self->generation++;
  schedule_check (self);
}

gboolean
pm_file_watcher_check_now (PmFileWatcher  *self,
                           GError        **error)
{
  g_autoptr(Probe) probe = NULL;

  g_return_val_if_fail (PM_IS_FILE_WATCHER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* A check in flight read the file before this one did. */
  self->generation++;

  probe = probe_file (self->path);
  if (probe->status == PROBE_FAILED)
    {
      g_propagate_error (error, g_steal_pointer (&probe->error));
      return FALSE;
    }

  return apply_probe (self, probe);
}

void
pm_file_watcher_check_soon (PmFileWatcher *self)
{
  g_return_if_fail (PM_IS_FILE_WATCHER (self));

  schedule_check (self);
}

PmFileDiskState
pm_file_watcher_get_disk_state (PmFileWatcher *self)
{
  g_return_val_if_fail (PM_IS_FILE_WATCHER (self), PM_FILE_DISK_STATE_UNCHANGED);

  return self->disk_state;
}

guint
pm_file_watcher_get_poll_interval (PmFileWatcher *self)
{
  g_return_val_if_fail (PM_IS_FILE_WATCHER (self), 0);

  return self->poll_interval;
}

void
pm_file_watcher_set_poll_interval (PmFileWatcher *self,
                                   guint          seconds)
{
  g_return_if_fail (PM_IS_FILE_WATCHER (self));

  if (self->poll_interval == seconds)
    return;

  self->poll_interval = seconds;
  /* Before construction there is no path yet; constructed() starts the poll. */
  if (self->basename != NULL)
    update_poll (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POLL_INTERVAL]);
}

/* ------------------------------------------------------------------------------------------ */
/* Testing hooks (pm-file-watcher-private.h)                                                   */
/* ------------------------------------------------------------------------------------------ */

void
_pm_file_watcher_set_clock (PmFileWatcher *self,
                            PmClock       *clock)
{
  g_return_if_fail (PM_IS_FILE_WATCHER (self));
  g_return_if_fail (clock == NULL || PM_IS_CLOCK (clock));

  if (!g_set_object (&self->clock, clock))
    return;
  /* The poll runs on the new clock from now on; a pending debounce is armed again on it. */
  update_poll (self);
  if (self->debounce != NULL)
    {
      g_source_destroy (self->debounce);
      g_clear_pointer (&self->debounce, g_source_unref);
      schedule_check (self);
    }
}

gboolean
_pm_file_watcher_get_busy (PmFileWatcher *self)
{
  g_return_val_if_fail (PM_IS_FILE_WATCHER (self), FALSE);

  return self->debounce != NULL || self->in_flight;
}
