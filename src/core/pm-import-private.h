/* pm-import-private.h — what the import's readers share (pm-import*.c only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pm-import.h"

G_BEGIN_DECLS

/* One file of the source, read into memory within the limits. */
typedef struct
{
  char   *name;      /* inside the source, '/'-separated ("ops/2024-03-01.json"); a single
                      * file: its base name */
  char   *display;   /* for errors: the source as given, then the member */
  char   *evidence;  /* for evidence: the source's base name, then the member */
  char   *data;      /* NUL-terminated (the NUL is not counted) */
  gsize   length;
  gint64  mtime;     /* unix seconds; 0: not known */
} PmImportFile;

PmImportFile *_pm_import_file_new  (const char *name,
                                    const char *display,
                                    const char *evidence,
                                    char       *data,
                                    gsize       length,
                                    gint64      mtime);
void          _pm_import_file_free (PmImportFile *file);

/* ---- The source: a file, a folder or a zip (pm-import-source.c) ---- */

typedef struct _PmImportSource PmImportSource;

/* Opens @path and lists what it holds, within the limits: a folder's regular files (symbolic
 * links and hidden names are skipped), a zip's members (an unsafe name, "../x" or "/x", is
 * refused; a member declaring more than the limit is refused at once). */
PmImportSource *_pm_import_source_open   (const char      *path,
                                          GError         **error);
void            _pm_import_source_free   (PmImportSource  *source);
/* Whether @path was a single file (neither folder nor zip). */
gboolean        _pm_import_source_is_file (PmImportSource *source);
/* The names it holds ('/'-separated, borrowed), in a stable order. */
GPtrArray      *_pm_import_source_names  (PmImportSource  *source);
/* Reads the members named in @names (NULL: all), counting every byte against the limits
 * whatever the members declare. Returns PmImportFile*, in the order of @names. */
GPtrArray      *_pm_import_source_read   (PmImportSource  *source,
                                          GPtrArray       *names,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmImportSource, _pm_import_source_free)

/* ---- The result the readers fill ---- */

struct _PmImport
{
  PmImportOptions  options;     /* the zone is a reference of our own */
  PmImportFormat   format;
  GPtrArray       *messages;    /* PmImportMessage */
  GPtrArray       *warnings;    /* char * */
  guint            left_out[PM_IMPORT_N_LEFT_OUT];
  char            *csv;
  gsize            csv_length;
  char            *csv_name;
};

/* Takes @message: keeps it when the options want it (system messages, the time window),
 * else counts it as left out. Fails with PM_ERROR_LIMIT when too many messages were read. */
gboolean _pm_import_add        (PmImport            *self,
                                PmImportMessage     *message,
                                const PmImportFile  *file,
                                GError             **error);
void     _pm_import_left_out   (PmImport            *self,
                                PmImportLeftOut      reason);
void     _pm_import_warn       (PmImport            *self,
                                const char          *format,
                                ...) G_GNUC_PRINTF (2, 3);

/* ---- Helpers ---- */

/* @length bytes of @text (-1: NUL-terminated) as text an event can hold: valid UTF-8 (invalid
 * bytes become U+FFFD), line ends as "\n", no control characters other than "\n" and "\t"
 * (none at all without @multi_line: they become spaces), no bidirectional overrides, blanks
 * trimmed at both ends, at most @max_bytes bytes (cut at a character, *@cut set). */
char        *_pm_import_clean_text (const char  *text,
                                    gssize       length,
                                    gboolean     multi_line,
                                    gsize        max_bytes,
                                    gboolean    *cut);
/* The same for a one-line field of at most @max_chars characters (actor, channel, author). */
char        *_pm_import_clean_line (const char  *text,
                                    gssize       length,
                                    gsize        max_chars);
/* Sets @message's text from @text, cleaned, and warns "NAME:LINE: …" when it had to be cut. */
void         _pm_import_set_text   (PmImport            *self,
                                    PmImportMessage     *message,
                                    const PmImportFile  *file,
                                    const char          *text,
                                    gssize               length);

/* The emoji of a Slack or Mattermost short name ("+1" → "👍"), or NULL when unknown. */
const char  *_pm_import_emoji      (const char  *name,
                                    gsize        length);
/* Replaces ":name:" short names in @text by their emoji where known. */
char        *_pm_import_replace_emoji (const char *text);

/* The instant of wall-clock time @hour:@minute:@second on @date in @zone (NULL: UTC). A time
 * that happens twice (the hour when clocks go back) is the first of the two unless that is
 * before @after; a time that does not happen (clocks go forward) is moved past the gap and
 * *@skipped is set. */
gint64       _pm_import_local_time (GTimeZone   *zone,
                                    const GDate *date,
                                    int          hour,
                                    int          minute,
                                    int          second,
                                    gint64       after,
                                    gboolean    *skipped);
/* @date in @zone for unix time @unix_seconds. */
void         _pm_import_local_date (GTimeZone   *zone,
                                    gint64       unix_seconds,
                                    GDate       *date);

/* Evidence: "FILE, line N"; "FILE, #CHANNEL, message ID" (@channel and @id may be NULL). */
char        *_pm_import_source_line    (const PmImportFile *file,
                                        guint               line);
char        *_pm_import_source_message (const PmImportFile *file,
                                        const char         *channel,
                                        const char         *id,
                                        guint               line);

/* Parses one JSON value from @data (@length bytes) of @file within the import's limits; @line
 * is the line @data starts on. Errors read "NAME:LINE:COLUMN: what". */
JsonNode    *_pm_import_parse_json (const PmImportFile  *file,
                                    const char          *data,
                                    gsize                length,
                                    guint                line,
                                    GError             **error);
/* Fails with "NAME:LINE: what" (PM_ERROR_INVALID unless @code says otherwise). */
gboolean     _pm_import_fail       (GError             **error,
                                    PmError              code,
                                    const PmImportFile  *file,
                                    guint                line,
                                    const char          *format,
                                    ...) G_GNUC_PRINTF (5, 6);

/* Lines of a text file, "\n" or "\r\n" ended, each at most PM_LIMIT_IMPORT_LINE_BYTES. */
typedef struct
{
  const char *p;
  const char *end;
  guint       line;   /* of the line last returned */
} PmImportLines;

void         _pm_import_lines_init (PmImportLines       *lines,
                                    const PmImportFile  *file);
/* FALSE at the end; FALSE with @error for an overlong line. A leading BOM is skipped. */
gboolean     _pm_import_lines_next (PmImportLines       *lines,
                                    const PmImportFile  *file,
                                    const char         **start,
                                    gsize               *length,
                                    GError             **error);

/* JSON getters that never log: a member of the type asked for, else NULL / @fallback. */
const char  *_pm_json_string       (JsonObject *object,
                                    const char *member);
JsonObject  *_pm_json_object       (JsonObject *object,
                                    const char *member);
JsonArray   *_pm_json_array        (JsonObject *object,
                                    const char *member);
gboolean     _pm_json_int          (JsonObject *object,
                                    const char *member,
                                    gint64     *value);
gboolean     _pm_json_bool         (JsonObject *object,
                                    const char *member);

/* The messages from @first on carry a host in their channel: their author becomes
 * "program@host" (the program alone stays an alias), for logs of several machines. */
void         _pm_import_qualify_hosts (PmImport *self,
                                       guint     first);

/* ---- The readers, one per format ---- */

/* Whether @data looks like syslog lines / a chat transcript. */
gboolean _pm_import_syslog_detect     (const char *data,
                                       gsize       length);
gboolean _pm_import_transcript_detect (const char *data,
                                       gsize       length);

gboolean _pm_import_read_slack      (PmImport *self, GPtrArray *files, GError **error);
gboolean _pm_import_read_mattermost (PmImport *self, const PmImportFile *file, GError **error);
gboolean _pm_import_read_matrix     (PmImport *self, const PmImportFile *file, GError **error);
gboolean _pm_import_read_transcript (PmImport *self, const PmImportFile *file, GError **error);
gboolean _pm_import_read_journal    (PmImport *self, const PmImportFile *file, GError **error);
gboolean _pm_import_read_syslog     (PmImport *self, const PmImportFile *file, GError **error);

/* Slack: whether @names (a source's listing) look like a workspace export; *@prefix receives
 * the folder it is in ("" or "export/"). */
gboolean _pm_import_slack_detect    (GPtrArray   *names,
                                     char       **prefix);
/* The members of the export worth reading: its lists and the day files that can hold messages
 * within the options' time window. */
GPtrArray *_pm_import_slack_members (PmImport    *self,
                                     GPtrArray   *names,
                                     const char  *prefix);

G_END_DECLS
