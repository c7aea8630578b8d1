/* pm-json.h — a strict JSON reader and a deterministic writer around json-glib's node tree
 *
 * json-glib 1.6 alone is too lenient for files that come from someone else (comments, trailing
 * data, duplicate keys, lone surrogates, wrapped integers, unbounded recursion). This reader
 * accepts RFC 8259 JSON only, within limits, and builds the JsonNode tree itself; the writer
 * emits the one canonical layout we save: 2-space indentation, "key": value, UTF-8.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint max_depth;          /* arrays/objects nested deeper than this are refused */
  guint max_members;        /* members in one object */
  guint max_array_items;    /* items in one array */
  gsize max_string_bytes;   /* bytes in one decoded string (keys included) */
} PmJsonLimits;

/* Fills @limits with the document defaults from pm-limits.h. */
void      pm_json_limits_init_default (PmJsonLimits       *limits);

/* Parses exactly one JSON value (RFC 8259) from @data. On failure returns NULL and sets
 * PM_ERROR_SYNTAX or PM_ERROR_LIMIT with a message "LINE:COLUMN: what is wrong", LINE and
 * COLUMN counted from 1, COLUMN in characters. Refused: anything that is not RFC 8259 JSON,
 * duplicate member names, lone or misordered surrogate escapes, "\u0000", invalid UTF-8,
 * a byte order mark, integers beyond +/-(2^53-1), numbers that overflow a double, and
 * anything beyond @limits (NULL: defaults). Integers are stored as gint64 nodes, other
 * numbers as doubles. */
JsonNode *pm_json_parse               (const char         *data,
                                       gsize               length,
                                       const PmJsonLimits *limits,
                                       GError            **error);

/* Appends @node to @out as pretty JSON: 2-space indentation starting at @indent levels,
 * members in their stored order written as "key": value, empty containers as [] and {},
 * non-ASCII as raw UTF-8, control characters escaped. Doubles are written in the shortest
 * form that reads back to the same value. No trailing newline. */
void      pm_json_write               (JsonNode           *node,
                                       guint               indent,
                                       GString            *out);

/* Appends @str as a quoted, escaped JSON string. */
void      pm_json_write_string        (const char         *str,
                                       GString            *out);

/* The string value of member @member of @object (NULL: none); NULL when the member is absent
 * or is not a string. Borrowed. Unlike json_object_get_string_member(), never logs. */
/* @object's member @member when it is an array (an object), else NULL; @object may be NULL. */
JsonArray  *pm_json_object_get_array  (JsonObject         *object,
                                       const char         *member);
JsonObject *pm_json_object_get_object (JsonObject         *object,
                                       const char         *member);
const char *pm_json_object_get_string (JsonObject         *object,
                                       const char         *member);

G_END_DECLS
