/* pm-import.h — the timeline from where it already is: chat exports and logs
 *
 * In a real incident most events are already written down with their times: in the incident
 * channel, in the pager's log, in the system logs. An import reads such a record (a file, a
 * folder or a .zip), recognises its format from the content, and turns each message or log line
 * into a candidate message: its exact time and precision, author, text, and where it came from.
 * The candidates are then selected (all, pinned, or those with a reaction) and applied to a
 * document as new events, in one undo step.
 *
 * Everything here is a file from someone else: sizes, counts, zip members and their
 * uncompressed sizes, nesting and names are bounded (pm-limits.h), and every error names the
 * file and the line ("NAME:LINE: what", PM_ERROR_*).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-document.h"
#include "pm-time.h"

G_BEGIN_DECLS

typedef enum
{
  PM_IMPORT_FORMAT_AUTO,        /* recognised from the content */
  PM_IMPORT_FORMAT_CSV,         /* pm-csv-import.h: read by pm_csv_import(), not here */
  PM_IMPORT_FORMAT_SLACK,       /* workspace export: users.json, channels.json, CHANNEL/DAY.json */
  PM_IMPORT_FORMAT_MATTERMOST,  /* bulk export, JSON lines */
  PM_IMPORT_FORMAT_MATRIX,      /* Element's "Export chat" as JSON */
  PM_IMPORT_FORMAT_TRANSCRIPT,  /* IRC logs, "14:32 name: text", Slack or Teams copy-and-paste */
  PM_IMPORT_FORMAT_JOURNAL,     /* journalctl -o json */
  PM_IMPORT_FORMAT_SYSLOG,      /* RFC 3164 and RFC 5424 lines */
} PmImportFormat;

/* "auto", "csv", "slack", "mattermost", "matrix", "transcript", "journal", "syslog". */
const char  *pm_import_format_to_string   (PmImportFormat  format);
gboolean     pm_import_format_from_string (const char     *str,
                                           PmImportFormat *format);

/* ---- A candidate message ---- */

typedef struct
{
  gboolean         has_time;
  gint64           unix_seconds;   /* UTC */
  PmTimePrecision  precision;
  gboolean         has_offset;     /* the source gave the offset it was written in */
  int              offset_seconds;
  char            *author;         /* as the source shows the author ("" when none) */
  char            *author_id;      /* the source's own id or login, or NULL */
  char           **author_aliases; /* other names the author goes by (full name, mail), or NULL */
  char            *text;           /* readable text: markup, mentions and entities resolved */
  char            *channel;        /* channel, room or log name, or NULL */
  char            *id;             /* the message's id in its source, or NULL */
  char            *thread;         /* id of the message this one answers in a thread, or NULL */
  char            *source;         /* where it came from, for the event's evidence:
                                    * "export.zip, #ops, message 1452837352.000006" */
  char           **links;          /* more evidence (shared files, linked pages), or NULL */
  char           **reactions;      /* reaction names ("+1", "eyes"; Matrix: the emoji), or NULL */
  guint            line;           /* line in its file (0: not line-based) */
  gboolean         pinned;
  gboolean         edited;
  gboolean         system;         /* a join, a topic change…: kept only when asked for */
} PmImportMessage;

#define PM_TYPE_IMPORT_MESSAGE (pm_import_message_get_type ())
GType            pm_import_message_get_type (void) G_GNUC_CONST;
PmImportMessage *pm_import_message_new      (void);
PmImportMessage *pm_import_message_copy     (const PmImportMessage *message);
void             pm_import_message_free     (PmImportMessage       *message);
/* The message's time as a PmTime in its own offset, else in @zone's at that instant (NULL:
 * UTC); NULL when it has none. */
PmTime          *pm_import_message_dup_time (const PmImportMessage *message,
                                             GTimeZone             *zone);

/* ---- Reading ---- */

typedef struct
{
  PmImportFormat  format;          /* AUTO: recognised per file */
  GTimeZone      *zone;            /* for times without an offset; NULL: UTC */
  gboolean        has_since;       /* messages before @since are left out */
  gint64          since;
  gboolean        has_until;       /* … and after @until */
  gint64          until;
  /* The incident's date, for transcript times without a date when the file itself does not
   * say (a "Day changed" line, a date in its name): 0 = not known (then @since's date). */
  GDate           date;
  /* "Now" for the year of RFC 3164 syslog lines, when a file has no modification time of its
   * own (pasted text): unix seconds, 0 = the real clock. A file's modification time wins. */
  gint64          reference_time;
  gboolean        include_system;  /* keep joins, topic changes and other system messages */
} PmImportOptions;

void pm_import_options_init (PmImportOptions *options);

typedef enum
{
  PM_IMPORT_LEFT_OUT_SYSTEM,       /* joins, topic changes, bot additions … */
  PM_IMPORT_LEFT_OUT_DELETED,      /* deleted or redacted messages */
  PM_IMPORT_LEFT_OUT_EMPTY,        /* nothing to read in them */
  PM_IMPORT_LEFT_OUT_OUTSIDE,      /* before --since or after --until */
  PM_IMPORT_N_LEFT_OUT
} PmImportLeftOut;

typedef struct _PmImport PmImport;

/* Reads @path: a file, a folder or a .zip. Messages are sorted by time (stable; without a time
 * they keep their place after the message before them). A CSV timeline is not read here:
 * the result then has format CSV and its bytes (pm_import_get_csv()). Files of a folder or zip
 * that are in no known format are skipped with a warning when the format is AUTO; when none is
 * known, that is the error. Read errors of @path itself are PM_ERROR_IO. */
PmImport    *pm_import_read               (const char             *path,
                                           const PmImportOptions  *options,
                                           GError                **error);
/* Reads text or JSON held in memory (pasted text, a test), as the file @display_name. */
PmImport    *pm_import_read_data          (const char             *data,
                                           gsize                   length,
                                           const char             *display_name,
                                           const PmImportOptions  *options,
                                           GError                **error);
void         pm_import_free               (PmImport               *self);

/* What was read: the format (of the first file read, when a folder held several) … */
PmImportFormat pm_import_get_format       (PmImport               *self);
/* … the candidate messages (PmImportMessage, borrowed) … */
GPtrArray   *pm_import_get_messages       (PmImport               *self);
/* … what was read but is not among them … */
guint        pm_import_get_n_left_out     (PmImport               *self,
                                           PmImportLeftOut         reason);
/* … and what the reader had to say about the rest ("NAME:LINE: what"): text that was cut at
 * the limit, a time that does not exist on the clock, files it skipped. Borrowed strings. */
GPtrArray   *pm_import_get_warnings       (PmImport               *self);
/* The CSV file's bytes when the format is CSV, else NULL; @display_name its name. */
const char  *pm_import_get_csv            (PmImport               *self,
                                           gsize                  *length,
                                           const char            **display_name);

/* Recognises the format of one file's content (@name helps a little: a Slack day file is
 * recognised by its content alone). AUTO when it is none of them. */
PmImportFormat pm_import_detect           (const char             *data,
                                           gsize                   length,
                                           const char             *name);

/* ---- Selecting ---- */

typedef enum
{
  PM_IMPORT_SELECT_ALL,
  PM_IMPORT_SELECT_PINNED,
  PM_IMPORT_SELECT_REACTION,
} PmImportSelectKind;

typedef struct
{
  PmImportSelectKind  kind;
  char                reaction[64];  /* without colons; a Slack name or an emoji */
} PmImportSelection;

/* "all", "pinned" or "reaction:NAME" (":NAME:" too); PM_ERROR_INVALID otherwise. */
gboolean     pm_import_selection_parse    (const char             *str,
                                           PmImportSelection      *selection,
                                           GError                **error);
/* Whether @message is chosen by @selection. A reaction matches by name or by its emoji
 * ("+1", "thumbsup" and "👍" are the same reaction). */
gboolean     pm_import_message_is_selected (const PmImportMessage  *message,
                                            const PmImportSelection *selection);

/* ---- Authors to teams ---- */

typedef struct _PmImportActors PmImportActors;

/* Reads a CSV with a header row naming the columns "author" and "team" (in any order; other
 * columns are refused). An author is matched case-insensitively against a message's author,
 * its id and its other names. Errors: "NAME:LINE: what". */
PmImportActors *pm_import_actors_parse    (const char             *data,
                                           gsize                   length,
                                           const char             *display_name,
                                           GError                **error);
/* An empty map, to be filled with pm_import_actors_add() (the window's mapping rows). */
PmImportActors *pm_import_actors_new      (void);
/* Maps @author (case-insensitively, as in a CSV file) to @team; both are cleaned and cut as a
 * CSV row's are. An empty author or team is ignored (FALSE); a later team for the same author
 * replaces the earlier one. */
gboolean     pm_import_actors_add         (PmImportActors         *actors,
                                           const char             *author,
                                           const char             *team);
/* How many authors are mapped. */
guint        pm_import_actors_get_size    (PmImportActors         *actors);
void         pm_import_actors_free        (PmImportActors         *actors);
/* The team @message's author belongs to (borrowed), or NULL. */
const char  *pm_import_actors_lookup      (PmImportActors         *actors,
                                           const PmImportMessage  *message);

/* ---- Applying ---- */

typedef struct
{
  guint added;        /* new events */
  guint already;      /* not added: an event with the same time, text and source is there */
  guint suggested;    /* added, and suggested as a duplicate of an event that was there */
  guint unmapped;     /* added with an author that @actors does not know (0 without @actors) */
} PmImportApplied;

/* Adds @messages (PmImportMessage) to @document as events, in one undo step ("Import
 * Timeline"): the time in its source's offset, else in @zone's; the actor is the author's team
 * from @actors (NULL: none), else the author; the text; the source and the links as evidence.
 * A message that is already in the document (same time, text and source) is not added again; a
 * new event that looks like one that was there (close in time, similar text) is added and the
 * pair is suggested as duplicates (pm_document_get_duplicate_suggestions()). Fails with
 * PM_ERROR_LIMIT, before changing anything, when the events would not fit the document. */
gboolean     pm_import_apply              (PmDocument             *document,
                                           GPtrArray              *messages,
                                           PmImportActors         *actors,
                                           GTimeZone              *zone,
                                           PmImportApplied        *applied,
                                           GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmImportMessage, pm_import_message_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmImport, pm_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PmImportActors, pm_import_actors_free)

G_END_DECLS
