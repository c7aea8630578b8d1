/* pm-limits.h — how much of a shared file we are willing to read
 *
 * A .pmortem file comes from someone else. These bounds keep loading fast and memory-bounded
 * whatever the file holds; each one is reported by name when it is exceeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#define PM_LIMIT_FILE_BYTES          (8 * 1024 * 1024)
#define PM_LIMIT_DEPTH               32
#define PM_LIMIT_MEMBERS             256    /* per object, unknown members included */
#define PM_LIMIT_ARRAY_ITEMS         20000  /* any array; collections have tighter limits */
#define PM_LIMIT_STRING_BYTES        (256 * 1024) /* any string at the syntax level */
#define PM_LIMIT_EVENTS              10000
#define PM_LIMIT_MEASURES            2000
#define PM_LIMIT_PARTICIPANTS        500
#define PM_LIMIT_ROOT_CAUSES         500
#define PM_LIMIT_FOLLOW_UPS          200
#define PM_LIMIT_LIST_ITEMS          1000   /* tags, links, attendees, history entries, reviews,
                                              * parking-lot topics */
#define PM_LIMIT_AGENDA_STEPS        32     /* the meeting's agenda (the method has 5 steps) */
#define PM_LIMIT_TITLE_CHARS         256    /* single-line fields: titles, names, keys */
#define PM_LIMIT_SHORT_TEXT_CHARS    4096   /* actor, lane, URLs, short notes */
#define PM_LIMIT_FREE_TEXT_BYTES     (64 * 1024) /* summaries, descriptions, event texts */
#define PM_LIMIT_CSV_LINE_BYTES      (64 * 1024 + 1024)
#define PM_MAX_SAFE_INTEGER          G_GINT64_CONSTANT (9007199254740991) /* 2^53 - 1 */

/* Importing chat exports and logs (pm-import.h): a file, a folder or a zip from someone else.
 * Only what is read counts: a Slack export's day files outside --since/--until are not. */
#define PM_LIMIT_IMPORT_FILE_BYTES   (16 * 1024 * 1024) /* one file or zip member, uncompressed */
#define PM_LIMIT_IMPORT_TOTAL_BYTES  (64 * 1024 * 1024) /* everything read, uncompressed */
#define PM_LIMIT_IMPORT_FILES        100000 /* files in a folder, members in a zip */
#define PM_LIMIT_IMPORT_NESTING      8      /* folder levels below the source */
#define PM_LIMIT_IMPORT_MESSAGES     200000 /* messages read, after --since/--until */
#define PM_LIMIT_IMPORT_LINE_BYTES   (1024 * 1024) /* one line of a log, transcript or JSONL */
#define PM_LIMIT_IMPORT_LINKS        32     /* evidence links per imported event */
