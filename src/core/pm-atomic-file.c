/* pm-atomic-file.c — saving that never leaves a half-written document behind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* The build is strict C11; fsync(), fchown(), readlink() and O_CLOEXEC are POSIX/XSI.
 * This must come before the first system header. */
#ifndef _XOPEN_SOURCE
# define _XOPEN_SOURCE 700
#endif

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pm-atomic-file.h"
#include "pm-error.h"

/* Linux gives up after 40 links (see path_resolution(7)); so do we. */
#define MAX_SYMLINK_HOPS 40

/* Keeps ".NAME.pm-save-XXXXXX" within NAME_MAX (255) for long names. */
#define MAX_TEMP_NAME_STEM 200

#define TEMP_MARKER ".pm-save-"
/* The "XXXXXX" g_mkstemp_full() fills in, from letters and digits. */
#define TEMP_RANDOM_LENGTH 6

/* A temporary file of ours that no save holds locked is left over from a killed save once it
 * is this old; younger ones may be between their creation and their lock. */
#define STALE_TEMP_SECONDS 10
/* Where locks do not work, only age can tell, and no save takes this long. */
#define STALE_UNLOCKABLE_TEMP_SECONDS 3600

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
set_save_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  /* "File too large" alone reads like a problem with the document; it is a limit of the
   * session (ulimit -f) or of the filesystem. */
  if (saved_errno == EFBIG)
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 /* Translators: the first %s is a file name, the second a system error */
                 _("Could not save “%s”: it would exceed the file size limit (%s)"),
                 display, g_strerror (saved_errno));
  else
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 /* Translators: the first %s is a file name, the second a system error */
                 _("Could not save “%s”: %s"),
                 display, g_strerror (saved_errno));
}

static void
set_read_error (GError     **error,
                const char  *path,
                int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               /* Translators: the first %s is a file name, the second a system error */
               _("Could not open “%s”: %s"),
               display, g_strerror (saved_errno));
}

/* Directories get the familiar "Is a directory"; fifos and devices have no errno that
 * says "not a regular file", so they get a sentence of their own. */
static void
set_not_regular_error (GError     **error,
                       const char  *path,
                       mode_t       mode,
                       gboolean     saving)
{
  g_autofree char *display = NULL;

  if (S_ISDIR (mode))
    {
      if (saving)
        set_save_error (error, path, EISDIR);
      else
        set_read_error (error, path, EISDIR);
      return;
    }

  display = g_filename_display_name (path);
  if (saving)
    g_set_error (error, PM_ERROR, PM_ERROR_IO,
                 _("Could not save “%s”: it is not a regular file"), display);
  else
    g_set_error (error, PM_ERROR, PM_ERROR_IO,
                 _("Could not open “%s”: it is not a regular file"), display);
}

/* umask() can only be read by changing it, which races with any other thread creating a
 * file at that moment. Linux ≥ 4.7 shows it in /proc; the lock only helps the fallback. */
static mode_t
get_umask (void)
{
  G_LOCK_DEFINE_STATIC (umask_lock);
  g_autofree char *status = NULL;
  mode_t mask;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *line = strstr (status, "\nUmask:");

      if (line != NULL)
        {
          const char *p = line + strlen ("\nUmask:");
          char *end = NULL;
          guint64 value;

          while (*p == ' ' || *p == '\t')
            p++;
          value = g_ascii_strtoull (p, &end, 8);
          if (end != p && value <= 0777)
            return (mode_t) value;
        }
    }

  G_LOCK (umask_lock);
  mask = umask (022);
  umask (mask);
  G_UNLOCK (umask_lock);

  return mask & 0777;
}

/* readlink() does not say how long the target is; grow until it fits. Sets errno. */
static char *
read_link (const char *path)
{
  gsize size = 256;

  for (;;)
    {
      g_autofree char *buffer = g_malloc (size);
      ssize_t n = readlink (path, buffer, size);

      if (n < 0)
        return NULL;
      if ((gsize) n < size)
        {
          buffer[n] = '\0';
          return g_steal_pointer (&buffer);
        }
      if (size >= 65536)
        {
          errno = ENAMETOOLONG;
          return NULL;
        }
      size *= 2;
    }
}

/* Follows @path through any symbolic links to the file that really holds the document,
 * so that saving replaces that file and the links keep pointing at it. On success
 * *@exists tells whether the final file exists, and @st describes it. */
static char *
resolve_target (const char   *path,
                struct stat  *st,
                gboolean     *exists,
                GError      **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint hops = 0; ; hops++)
    {
      g_autofree char *link_target = NULL;
      g_autofree char *folder = NULL;

      if (lstat (current, st) != 0)
        {
          int saved_errno = errno;

          if (saved_errno == ENOENT && hops == 0)
            {
              /* A new file; whether its folder exists is found out when the temporary
               * file is created, with the same error. */
              *exists = FALSE;
              return g_steal_pointer (&current);
            }

          if (saved_errno == ENOENT)
            {
              g_autofree char *display = g_filename_display_name (path);
              g_autofree char *display_target = g_filename_display_name (current);

              /* Creating the file through a dangling link would write wherever the link
               * points, which is not what the user asked for (cf. glib#2325). */
              g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                           _("Could not save “%s”: it is a symbolic link to “%s”, which does not exist"),
                           display, display_target);
              return NULL;
            }

          set_save_error (error, path, saved_errno);
          return NULL;
        }

      if (!S_ISLNK (st->st_mode))
        {
          *exists = TRUE;
          return g_steal_pointer (&current);
        }

      if (hops >= MAX_SYMLINK_HOPS)
        {
          set_save_error (error, path, ELOOP);
          return NULL;
        }

      link_target = read_link (current);
      if (link_target == NULL)
        {
          set_save_error (error, path, errno);
          return NULL;
        }

      if (g_path_is_absolute (link_target))
        {
          g_free (current);
          current = g_steal_pointer (&link_target);
        }
      else
        {
          /* A relative target is relative to the folder holding the link, not to us. */
          folder = g_path_get_dirname (current);
          g_free (current);
          current = g_build_filename (folder, link_target, NULL);
        }
    }
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      /* Stay within what one write() is guaranteed to accept. */
      gsize chunk = MIN (length, (gsize) G_MAXSSIZE);
      ssize_t n = write (fd, data, chunk);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      if (n == 0)
        {
          /* write() never returns 0 for a regular file with data left; do not spin. */
          errno = EIO;
          return FALSE;
        }

      data += n;
      length -= (gsize) n;
    }

  return TRUE;
}

static int
fsync_retrying (int fd)
{
  int result;

  do
    result = fsync (fd);
  while (result != 0 && errno == EINTR);

  return result;
}

/* Keeps the owner and group of a shared file where the system lets us. Another user's file
 * cannot be given back to them (EPERM), but the group usually can, which is what keeps a
 * colleague in a group-writable folder able to write the file. */
static void
copy_ownership (int                fd,
                const struct stat *original)
{
  struct stat now;

  if (fstat (fd, &now) != 0)
    return;

  if (now.st_uid == original->st_uid && now.st_gid == original->st_gid)
    return;

  if (fchown (fd, original->st_uid, original->st_gid) == 0)
    return;

  if (now.st_gid != original->st_gid)
    (void) fchown (fd, (uid_t) -1, original->st_gid);
}

/* ".NAME.pm-save-": hidden, and recognisably ours, so litter after a crash can be found and
 * removed. */
static char *
temp_prefix_for (const char *target)
{
  g_autofree char *base = g_path_get_basename (target);

  if (strlen (base) > MAX_TEMP_NAME_STEM)
    {
      char *cut = base + MAX_TEMP_NAME_STEM;

      /* Do not cut a UTF-8 character in half; the name is only cosmetic, but visible. */
      if (g_utf8_validate (base, -1, NULL))
        cut = g_utf8_find_prev_char (base, cut + 1);
      *cut = '\0';
    }

  return g_strconcat (".", base, TEMP_MARKER, NULL);
}

static char *
temp_template_for (const char *target)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *prefix = temp_prefix_for (target);
  g_autofree char *name = g_strconcat (prefix, "XXXXXX", NULL);

  return g_build_filename (folder, name, NULL);
}

static gboolean
is_temp_name_for (const char *name,
                  const char *prefix)
{
  gsize prefix_length = strlen (prefix);

  if (strncmp (name, prefix, prefix_length) != 0)
    return FALSE;

  name += prefix_length;
  for (guint i = 0; i < TEMP_RANDOM_LENGTH; i++)
    if (!g_ascii_isalnum (name[i]))
      return FALSE;

  return name[TEMP_RANDOM_LENGTH] == '\0';
}

/* Whether the temporary file @name in @dir_fd is left over from a save that was killed (by
 * SIGKILL, SIGXFSZ, a crash or a power cut), and so may go. Only a plain file of our own with
 * one name, which no save holds locked (every save locks its temporary file until the rename),
 * and which is not brand-new. Our own: the name is ours, but the file could be anyone's. */
static gboolean
is_stale_temp (int         dir_fd,
               const char *name,
               gint64      now)
{
  struct stat st;
  struct stat opened;
  gint64 age;
  gboolean stale = FALSE;
  int fd;

  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    return FALSE;
  if (!S_ISREG (st.st_mode) || st.st_nlink != 1 || st.st_uid != geteuid ())
    return FALSE;

  age = now - (gint64) st.st_mtime;
  if (age < STALE_TEMP_SECONDS)
    return FALSE;

  fd = openat (dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    return FALSE;

  if (fstat (fd, &opened) == 0 && opened.st_dev == st.st_dev && opened.st_ino == st.st_ino)
    {
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        stale = TRUE;
      else if (errno != EWOULDBLOCK && errno != EINTR)
        stale = age >= STALE_UNLOCKABLE_TEMP_SECONDS;
    }

  /* Unlocking with the close: a save that just started cannot have this name (O_EXCL). */
  close (fd);

  return stale;
}

/* Removes what killed saves of @target left in its folder. Best effort: a folder we cannot
 * read or a file we cannot remove does not stop the save. */
static void
remove_stale_temps (const char *target)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *prefix = temp_prefix_for (target);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  int dir_fd;
  const char *name;

  if (dir == NULL)
    return;

  dir_fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!is_temp_name_for (name, prefix) || !is_stale_temp (dir_fd, name, now))
        continue;
      if (unlinkat (dir_fd, name, 0) != 0)
        g_debug ("Could not remove %s in %s: %s", name, folder, g_strerror (errno));
    }

  close (dir_fd);
}

/* Renaming replaces a file whatever its permissions, as long as the folder is writable, so a
 * write-protected document would silently lose its protection. The mode bits decide first:
 * root may write any file, so access() alone would let root replace a file that nobody is
 * meant to write; a file without any write bit is protected for everyone, root included.
 * Otherwise access() with our effective ids says whether we may write this one, e.g. a
 * colleague's 0644 file in a group-writable folder (EPERM: an immutable file). */
static gboolean
is_write_protected (const char        *target,
                    const struct stat *st)
{
  if ((st->st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    return TRUE;

  if (faccessat (AT_FDCWD, target, W_OK, AT_EACCESS) != 0)
    return errno == EACCES || errno == EPERM;

  return FALSE;
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

gboolean
pm_atomic_file_write (const char  *path,
                      const char  *data,
                      gsize        length,
                      GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *folder = NULL;
  struct stat original;
  gboolean exists = FALSE;
  mode_t mode;
  int fd;
  int lock_fd = -1;
  int dir_fd;
  int saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  target = resolve_target (path, &original, &exists, error);
  if (target == NULL)
    return FALSE;

  /* Renaming over a fifo or a device would replace it with a file; refuse before writing. */
  if (exists && !S_ISREG (original.st_mode))
    {
      set_not_regular_error (error, path, original.st_mode, TRUE);
      return FALSE;
    }

  if (exists && is_write_protected (target, &original))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ACCES,
                   _("Could not save “%s”: it is write-protected"), display);
      return FALSE;
    }

  mode = exists ? (original.st_mode & 07777) : (0666 & ~get_umask ());

  remove_stale_temps (target);

  /* 0600 until the data is complete, so nobody opens a half-written file meanwhile. */
  temp_path = temp_template_for (target);
  fd = g_mkstemp_full (temp_path, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_save_error (error, path, errno);
      return FALSE;
    }

  /* Held until the rename, through a second descriptor that outlives the close below, so
   * that remove_stale_temps() in another save of the same file leaves ours alone. Where
   * locks do not work, age alone protects it. */
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    lock_fd = fcntl (fd, F_DUPFD_CLOEXEC, 0);

  if (!write_all (fd, data, length))
    goto fail;

  /* Ownership before mode: chown clears set-id bits, and the metadata belongs in the
   * same fsync as the data, so the renamed file is never durable with the wrong mode. */
  if (exists)
    copy_ownership (fd, &original);

  if (fchmod (fd, mode) != 0)
    goto fail;

  if (fsync_retrying (fd) != 0)
    goto fail;

  /* On Linux the descriptor is gone even if close() says EINTR, and the data is already
   * on disk; other errors (e.g. from network filesystems) mean the data may not be. */
  if (close (fd) != 0 && errno != EINTR)
    {
      fd = -1;
      goto fail;
    }
  fd = -1;

  /* When the original has several hard links (st_nlink > 1), this deliberately breaks the
   * link: the name we were given gets the new file, the other names keep the old contents.
   * Rewriting in place to keep the link could leave a truncated file after a crash. */
  if (rename (temp_path, target) != 0)
    goto fail;

  if (lock_fd >= 0)
    close (lock_fd);

  /* The rename itself is only durable once the folder is. A folder we cannot open (e.g.
   * write-only) or a filesystem that cannot fsync folders (EINVAL) is not a failure: the
   * new contents are in place. A real I/O error is reported so the caller keeps the
   * document marked as modified, though the file already has the new contents. */
  folder = g_path_get_dirname (target);
  dir_fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      int result = fsync_retrying (dir_fd);

      saved_errno = errno;
      close (dir_fd);

      if (result != 0 && saved_errno != EINVAL && saved_errno != ENOTSUP)
        {
          set_save_error (error, path, saved_errno);
          return FALSE;
        }
    }

  return TRUE;

fail:
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  g_unlink (temp_path);
  if (lock_fd >= 0)
    close (lock_fd);
  set_save_error (error, path, saved_errno);

  return FALSE;
}

gboolean
pm_file_read_bounded (const char  *path,
                      gsize        max_bytes,
                      char       **contents,
                      gsize       *length,
                      GError     **error)
{
  g_autofree char *buffer = NULL;
  struct stat st;
  gsize allocated;
  gsize total = 0;
  gsize cap;
  int fd;
  int flags;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Room for the one byte past the limit that tells us the file grew, and the NUL. */
  max_bytes = MIN (max_bytes, (gsize) G_MAXSSIZE - 2);
  cap = max_bytes + 1;

  /* O_NONBLOCK: opening a fifo for reading would otherwise wait for a writer forever. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      set_read_error (error, path, errno);
      return FALSE;
    }

  /* fstat, not stat: the checks must apply to the file we are actually reading. */
  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      set_read_error (error, path, saved_errno);
      return FALSE;
    }

  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      set_not_regular_error (error, path, st.st_mode, FALSE);
      return FALSE;
    }

  if ((guint64) st.st_size > (guint64) max_bytes)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *size = g_format_size ((guint64) st.st_size);
      g_autofree char *limit = g_format_size (max_bytes);

      close (fd);
      g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                   /* Translators: “report.pmortem” is 9.2 MB; files larger than 8.4 MB are not opened */
                   _("“%s” is %s; files larger than %s are not opened"),
                   display, size, limit);
      return FALSE;
    }

  flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    (void) fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);

  /* The size is only a hint: the file may change while we read it. The extra byte past
   * the NUL slot lets the read that sees end-of-file happen without growing the buffer. */
  allocated = MIN ((gsize) st.st_size, max_bytes) + 2;
  buffer = g_malloc (allocated);

  while (total < cap)
    {
      ssize_t n;

      if (total == allocated - 1)
        {
          allocated = MIN (allocated * 2, cap + 1);
          buffer = g_realloc (buffer, allocated);
        }

      n = read (fd, buffer + total, MIN (allocated - 1, cap) - total);
      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          close (fd);
          set_read_error (error, path, saved_errno);
          return FALSE;
        }
      if (n == 0)
        break;

      total += (gsize) n;
    }

  close (fd);

  if (total > max_bytes)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_autofree char *limit = g_format_size (max_bytes);

      g_set_error (error, PM_ERROR, PM_ERROR_LIMIT,
                   _("“%s” grew larger than %s while it was read; files larger than that are not opened"),
                   display, limit);
      return FALSE;
    }

  buffer[total] = '\0';
  *contents = g_steal_pointer (&buffer);
  if (length != NULL)
    *length = total;

  return TRUE;
}
