/* pm-json.c — a strict JSON reader and a deterministic writer around json-glib's node tree
 *
 * The reader is a small recursive-descent parser over a byte range. It never recurses deeper
 * than the depth limit (checked before descending), keeps no per-character position state (the
 * line and column are computed only when an error is reported) and copies a string once into a
 * reusable buffer before json-glib takes its own copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pm-error.h"
#include "pm-json.h"
#include "pm-limits.h"

/* Longest excerpt of the input (a number, a member name) quoted in an error message. */
#define EXCERPT_CHARS 40

typedef struct
{
  const guchar *start;
  const guchar *p;
  const guchar *end;
  PmJsonLimits  limits;
  guint         depth;
  GString      *scratch;   /* the decoded string value being read */
  GPtrArray    *keys;      /* one GString per nesting level: a member name outlives its value */
  GError      **error;
} Parser;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Length of the well-formed UTF-8 sequence starting at @p (whose first byte is >= 0x80), or 0.
 * This is the RFC 3629 table: no overlong forms, no surrogates, nothing above U+10FFFF. Bytes are
 * checked one at a time, so a NUL terminator before @end stops it safely. */
static inline gsize
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xBF;
  gsize len;

  if (c >= 0xC2 && c <= 0xDF)
    len = 2;
  else if (c >= 0xE0 && c <= 0xEF)
    {
      len = 3;
      if (c == 0xE0)
        lo = 0xA0;
      else if (c == 0xED)
        hi = 0x9F;
    }
  else if (c >= 0xF0 && c <= 0xF4)
    {
      len = 4;
      if (c == 0xF0)
        lo = 0x90;
      else if (c == 0xF4)
        hi = 0x8F;
    }
  else
    return 0;

  if ((gsize) (end - p) < len)
    return 0;

  if (p[1] < lo || p[1] > hi)
    return 0;
  for (gsize i = 2; i < len; i++)
    if (p[i] < 0x80 || p[i] > 0xBF)
      return 0;

  return len;
}

static void
string_free (gpointer data)
{
  g_string_free (data, TRUE);
}

static inline const guchar *
skip_whitespace (const guchar *p,
                 const guchar *end)
{
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  return p;
}

/* A short, human description of the character at @at for "found ..." messages. */
static char *
describe_char (const Parser *parser,
               const guchar *at)
{
  guchar c;
  gsize len;

  if (at >= parser->end)
    return g_strdup ("the end of the file");

  c = *at;
  if (c == '\n' || c == '\r')
    return g_strdup ("a line break");
  if (c == '\t')
    return g_strdup ("a tab");
  if (c == '\'')
    return g_strdup ("a single quote (')");
  if (c < 0x20 || c == 0x7F)
    return g_strdup_printf ("the control character U+%04X", c);
  if (c < 0x80)
    return g_strdup_printf ("'%c'", c);

  len = utf8_sequence_length (at, parser->end);
  if (len == 0)
    return g_strdup_printf ("the byte 0x%02X, which is not valid UTF-8", c);

  /* Show the code point too: it may be invisible (a zero-width or bidi character). */
  return g_strdup_printf ("'%.*s' (U+%04X)", (int) len, (const char *) at,
                          g_utf8_get_char ((const char *) at));
}

/* Quotes at most EXCERPT_CHARS characters of valid UTF-8 @text for a message. */
static char *
excerpt (const char *text,
         gsize       length)
{
  const char *cut = text;
  glong chars = 0;

  while ((gsize) (cut - text) < length && chars < EXCERPT_CHARS)
    {
      cut = g_utf8_next_char (cut);
      chars++;
    }

  if ((gsize) (cut - text) >= length)
    return g_strndup (text, length);

  return g_strdup_printf ("%.*s…", (int) (cut - text), text);
}

G_GNUC_PRINTF (4, 5)
static void
parser_error (Parser       *parser,
              const guchar *at,
              PmError       code,
              const char   *format,
              ...)
{
  g_autofree char *message = NULL;
  guint line = 1;
  guint column = 1;
  va_list args;

  /* Positions are only needed on failure, so they are counted here rather than while parsing.
   * Everything before @at has been accepted, so it is valid UTF-8: counting the bytes that do
   * not continue a sequence counts characters. CR LF, LF and a lone CR each end a line. */
  for (const guchar *q = parser->start; q < at; q++)
    {
      if (*q == '\n' || (*q == '\r' && (q + 1 >= parser->end || q[1] != '\n')))
        {
          line++;
          column = 1;
        }
      else if (*q != '\r' && (*q & 0xC0) != 0x80)
        column++;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (parser->error, PM_ERROR, code, "%u:%u: %s", line, column, message);
}

static void
parser_expected (Parser       *parser,
                 const guchar *at,
                 const char   *what)
{
  g_autofree char *found = describe_char (parser, at);

  parser_error (parser, at, PM_ERROR_SYNTAX, "expected %s, found %s", what, found);
}

/* ------------------------------------------------------------------------------------------ */
/* Reader                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static JsonNode *parse_value (Parser *parser);

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits of a \uXXXX escape starting at @p, or returns -1. */
static gint32
read_hex4 (const guchar *p,
           const guchar *end)
{
  gint32 value = 0;

  if (end - p < 4)
    return -1;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      value = (value << 4) | digit;
    }

  return value;
}

/* Handles the escape whose backslash is at @esc; returns the position after it, or NULL. */
static const guchar *
parse_escape (Parser       *parser,
              const guchar *esc,
              GString      *out)
{
  const guchar *end = parser->end;
  const guchar *p = esc + 1;
  gint32 code;

  if (p >= end)
    {
      parser_error (parser, esc, PM_ERROR_SYNTAX,
                    "the file ends inside a string, right after a '\\'");
      return NULL;
    }

  switch (*p)
    {
    case '"':  g_string_append_c (out, '"');  return p + 1;
    case '\\': g_string_append_c (out, '\\'); return p + 1;
    case '/':  g_string_append_c (out, '/');  return p + 1;
    case 'b':  g_string_append_c (out, '\b'); return p + 1;
    case 'f':  g_string_append_c (out, '\f'); return p + 1;
    case 'n':  g_string_append_c (out, '\n'); return p + 1;
    case 'r':  g_string_append_c (out, '\r'); return p + 1;
    case 't':  g_string_append_c (out, '\t'); return p + 1;
    case 'u':  break;
    default:
      {
        g_autofree char *found = describe_char (parser, p);

        parser_error (parser, esc, PM_ERROR_SYNTAX,
                      "invalid escape in a string: '\\' followed by %s "
                      "(a backslash itself is written as \\\\)", found);
        return NULL;
      }
    }

  code = read_hex4 (p + 1, end);
  if (code < 0)
    {
      parser_error (parser, esc, PM_ERROR_SYNTAX,
                    "expected four hexadecimal digits after '\\u' in a string");
      return NULL;
    }
  p += 5;

  if (code == 0)
    {
      /* Strings end up as NUL-terminated C strings: everything after it would be lost. */
      parser_error (parser, esc, PM_ERROR_SYNTAX,
                    "the escape '\\u0000' (a null character) is not allowed in a string");
      return NULL;
    }

  if (code >= 0xD800 && code <= 0xDBFF)
    {
      gint32 low = -1;

      if (end - p >= 6 && p[0] == '\\' && p[1] == 'u')
        low = read_hex4 (p + 2, end);

      if (low < 0xDC00 || low > 0xDFFF)
        {
          parser_error (parser, esc, PM_ERROR_SYNTAX,
                        "the escape '%.6s' is the first half of a surrogate pair and must be "
                        "followed by a second escape between \\uDC00 and \\uDFFF",
                        (const char *) esc);
          return NULL;
        }

      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      p += 6;
    }
  else if (code >= 0xDC00 && code <= 0xDFFF)
    {
      parser_error (parser, esc, PM_ERROR_SYNTAX,
                    "the escape '%.6s' is the second half of a surrogate pair and must follow "
                    "an escape between \\uD800 and \\uDBFF", (const char *) esc);
      return NULL;
    }

  g_string_append_unichar (out, code);

  return p;
}

/* Reads the string whose opening quote is at parser->p into @out. */
static gboolean
parse_string (Parser  *parser,
              GString *out)
{
  const guchar *open = parser->p;
  const guchar *end = parser->end;
  const guchar *p = open + 1;
  const guchar *run = p;

  g_string_truncate (out, 0);

  for (;;)
    {
      guchar c;

      /* The common case: plain ASCII, copied in one piece once the run ends. */
      while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
        p++;

      if (p >= end)
        {
          parser_error (parser, open, PM_ERROR_SYNTAX,
                        "this string is never closed with a '\"'");
          return FALSE;
        }

      c = *p;
      if (c == '"')
        break;

      if (c >= 0x80)
        {
          gsize len = utf8_sequence_length (p, end);

          if (len == 0)
            {
              parser_error (parser, p, PM_ERROR_SYNTAX,
                            "the byte 0x%02X is not valid UTF-8 (the file must be saved as UTF-8)",
                            c);
              return FALSE;
            }
          p += len;
        }
      else if (c == '\\')
        {
          g_string_append_len (out, (const char *) run, p - run);
          p = parse_escape (parser, p, out);
          if (p == NULL)
            return FALSE;
          run = p;
        }
      else
        {
          if (c == '\n' || c == '\r')
            parser_error (parser, p, PM_ERROR_SYNTAX,
                          "a line break inside a string must be written as \\n");
          else if (c == '\t')
            parser_error (parser, p, PM_ERROR_SYNTAX,
                          "a tab inside a string must be written as \\t");
          else
            parser_error (parser, p, PM_ERROR_SYNTAX,
                          "the control character U+%04X inside a string must be written "
                          "as \\u%04x", c, c);
          return FALSE;
        }
    }

  g_string_append_len (out, (const char *) run, p - run);
  parser->p = p + 1;

  if (out->len > parser->limits.max_string_bytes)
    {
      parser_error (parser, open, PM_ERROR_LIMIT,
                    "string longer than %" G_GSIZE_FORMAT " bytes",
                    parser->limits.max_string_bytes);
      return FALSE;
    }

  return TRUE;
}

static JsonNode *
parse_number (Parser *parser)
{
  const guchar *start = parser->p;
  const guchar *end = parser->end;
  const guchar *p = start;
  const guchar *digits;
  gboolean negative = FALSE;
  gboolean integral = TRUE;
  guint64 value = 0;
  char small[64];
  g_autofree char *large = NULL;
  char *literal;
  gsize length;
  double d;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        {
          parser_expected (parser, p, "a digit after '-'");
          return NULL;
        }
    }

  digits = p;
  if (*p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        {
          parser_error (parser, digits, PM_ERROR_SYNTAX,
                        "a number must not start with 0 followed by more digits");
          return NULL;
        }
    }
  else
    {
      /* Stop accumulating at 17 digits: anything that long is beyond 2^53 - 1 anyway. */
      for (; p < end && g_ascii_isdigit (*p); p++)
        if (p - digits < 17)
          value = value * 10 + (*p - '0');
    }

  if (p < end && *p == '.')
    {
      integral = FALSE;
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        {
          parser_expected (parser, p, "a digit after the decimal point");
          return NULL;
        }
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integral = FALSE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        {
          parser_expected (parser, p, "a digit in the exponent");
          return NULL;
        }
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  length = p - start;

  if (integral)
    {
      if (p - digits > 16 || value > (guint64) PM_MAX_SAFE_INTEGER)
        {
          g_autofree char *text = excerpt ((const char *) start, length);

          parser_error (parser, start, PM_ERROR_SYNTAX,
                        "integer too large: %s (whole numbers must lie between "
                        "-9007199254740991 and 9007199254740991)", text);
          return NULL;
        }

      parser->p = p;
      return json_node_init_int (json_node_alloc (), negative ? -(gint64) value : (gint64) value);
    }

  /* The input need not be NUL-terminated: give g_ascii_strtod() a terminated copy. */
  if (length < sizeof small)
    {
      memcpy (small, start, length);
      small[length] = '\0';
      literal = small;
    }
  else
    literal = large = g_strndup ((const char *) start, length);

  d = g_ascii_strtod (literal, NULL);
  if (!isfinite (d))
    {
      g_autofree char *text = excerpt (literal, length);

      parser_error (parser, start, PM_ERROR_SYNTAX,
                    "number too large: %s", text);
      return NULL;
    }

  parser->p = p;
  return json_node_init_double (json_node_alloc (), d);
}

static gboolean
enter_container (Parser *parser)
{
  if (parser->depth >= parser->limits.max_depth)
    {
      parser_error (parser, parser->p, PM_ERROR_LIMIT,
                    "nesting deeper than %u levels", parser->limits.max_depth);
      return FALSE;
    }

  parser->depth++;
  parser->p++;
  parser->p = skip_whitespace (parser->p, parser->end);

  return TRUE;
}

static JsonNode *
parse_array (Parser *parser)
{
  g_autoptr(JsonArray) array = NULL;
  guint count = 0;

  if (!enter_container (parser))
    return NULL;

  array = json_array_new ();

  if (parser->p < parser->end && *parser->p == ']')
    parser->p++;
  else
    for (;;)
      {
        JsonNode *item;

        if (count == parser->limits.max_array_items)
          {
            parser_error (parser, parser->p, PM_ERROR_LIMIT,
                          "more than %u items in one array", parser->limits.max_array_items);
            return NULL;
          }

        item = parse_value (parser);
        if (item == NULL)
          return NULL;
        json_array_add_element (array, item);
        count++;

        parser->p = skip_whitespace (parser->p, parser->end);
        if (parser->p < parser->end && *parser->p == ']')
          {
            parser->p++;
            break;
          }
        if (parser->p >= parser->end || *parser->p != ',')
          {
            parser_expected (parser, parser->p, "',' or ']' after an array item");
            return NULL;
          }

        parser->p = skip_whitespace (parser->p + 1, parser->end);
        if (parser->p < parser->end && *parser->p == ']')
          {
            parser_expected (parser, parser->p, "another item after ','");
            return NULL;
          }
      }

  parser->depth--;

  return json_node_init_array (json_node_alloc (), array);
}

static JsonNode *
parse_object (Parser *parser)
{
  g_autoptr(JsonObject) object = NULL;
  GString *key;
  guint count = 0;

  if (!enter_container (parser))
    return NULL;

  object = json_object_new ();

  while (parser->keys->len < parser->depth)
    g_ptr_array_add (parser->keys, g_string_sized_new (32));
  key = g_ptr_array_index (parser->keys, parser->depth - 1);

  if (parser->p < parser->end && *parser->p == '}')
    parser->p++;
  else
    for (;;)
      {
        const guchar *key_start = parser->p;
        JsonNode *value;

        if (parser->p >= parser->end || *parser->p != '"')
          {
            parser_expected (parser, parser->p,
                             count == 0 ? "a member name in double quotes or '}'"
                                        : "a member name in double quotes after ','");
            return NULL;
          }

        if (count == parser->limits.max_members)
          {
            parser_error (parser, parser->p, PM_ERROR_LIMIT,
                          "more than %u members in one object", parser->limits.max_members);
            return NULL;
          }

        if (!parse_string (parser, key))
          return NULL;

        if (json_object_has_member (object, key->str))
          {
            g_autoptr(GString) quoted = g_string_new (NULL);
            g_autofree char *text = excerpt (key->str, key->len);

            pm_json_write_string (text, quoted);
            parser_error (parser, key_start, PM_ERROR_SYNTAX,
                          "the member name %s appears twice in the same object", quoted->str);
            return NULL;
          }

        parser->p = skip_whitespace (parser->p, parser->end);
        if (parser->p >= parser->end || *parser->p != ':')
          {
            parser_expected (parser, parser->p, "':' after the member name");
            return NULL;
          }
        parser->p = skip_whitespace (parser->p + 1, parser->end);

        value = parse_value (parser);
        if (value == NULL)
          return NULL;
        json_object_set_member (object, key->str, value);
        count++;

        parser->p = skip_whitespace (parser->p, parser->end);
        if (parser->p < parser->end && *parser->p == '}')
          {
            parser->p++;
            break;
          }
        if (parser->p >= parser->end || *parser->p != ',')
          {
            parser_expected (parser, parser->p, "',' or '}' after a member");
            return NULL;
          }
        parser->p = skip_whitespace (parser->p + 1, parser->end);
      }

  parser->depth--;

  return json_node_init_object (json_node_alloc (), object);
}

static gboolean
match_literal (Parser     *parser,
               const char *literal,
               gsize       length)
{
  if ((gsize) (parser->end - parser->p) < length || memcmp (parser->p, literal, length) != 0)
    return FALSE;

  parser->p += length;
  return TRUE;
}

/* Explains what stands where a value was expected, with a hint for the usual mistakes. */
static void
value_error (Parser *parser)
{
  const guchar *p = parser->p;
  const guchar *end = parser->end;

  if (p < end && *p == '/')
    {
      parser_error (parser, p, PM_ERROR_SYNTAX, "comments are not allowed in JSON");
      return;
    }

  if (p < end && *p == '\'')
    {
      parser_error (parser, p, PM_ERROR_SYNTAX,
                    "strings must be enclosed in double quotes (\"), not single quotes");
      return;
    }

  if (p < end && g_ascii_isalpha (*p))
    {
      const guchar *word_end = p;
      g_autofree char *word = NULL;

      while (word_end < end && word_end - p < EXCERPT_CHARS && g_ascii_isalnum (*word_end))
        word_end++;
      word = g_strndup ((const char *) p, word_end - p);

      if (g_ascii_strcasecmp (word, "true") == 0 ||
          g_ascii_strcasecmp (word, "false") == 0 ||
          g_ascii_strcasecmp (word, "null") == 0)
        {
          g_autofree char *lower = g_ascii_strdown (word, -1);

          parser_error (parser, p, PM_ERROR_SYNTAX,
                        "'%s' must be written in lower case: %s", word, lower);
        }
      else
        parser_error (parser, p, PM_ERROR_SYNTAX,
                      "expected a value (an object, array, string in double quotes, number, "
                      "true, false or null), found '%s'", word);
      return;
    }

  parser_expected (parser, p,
                   "a value (an object, array, string in double quotes, number, true, false or "
                   "null)");
}

/* Reads the value starting at parser->p (whitespace already skipped). */
static JsonNode *
parse_value (Parser *parser)
{
  if (parser->p < parser->end)
    {
      switch (*parser->p)
        {
        case '{':
          return parse_object (parser);

        case '[':
          return parse_array (parser);

        case '"':
          if (!parse_string (parser, parser->scratch))
            return NULL;
          return json_node_init_string (json_node_alloc (), parser->scratch->str);

        case '-':
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          return parse_number (parser);

        case 't':
          if (match_literal (parser, "true", 4))
            return json_node_init_boolean (json_node_alloc (), TRUE);
          break;

        case 'f':
          if (match_literal (parser, "false", 5))
            return json_node_init_boolean (json_node_alloc (), FALSE);
          break;

        case 'n':
          if (match_literal (parser, "null", 4))
            return json_node_init_null (json_node_alloc ());
          break;

        default:
          break;
        }
    }

  value_error (parser);
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Writer                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
write_indent (GString *out,
              guint    level)
{
  static const char spaces[] = "                                                                ";
  gsize wanted = (gsize) level * 2;

  while (wanted > 0)
    {
      gsize chunk = MIN (wanted, sizeof spaces - 1);

      g_string_append_len (out, spaces, chunk);
      wanted -= chunk;
    }
}

static void
write_double (double   value,
              GString *out)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Not JSON, and never produced by the reader: refuse to write something unreadable. */
  if (!isfinite (value))
    {
      g_string_append (out, "null");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);

  /* Keep it a double when read back: "1" would come back as an integer. */
  if (buffer[strspn (buffer, "-0123456789")] == '\0')
    g_string_append (out, ".0");
}

static void
write_node (JsonNode *node,
            guint     level,
            GString  *out)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = NULL;

        if (object == NULL)
          {
            g_string_append (out, "null");
            break;
          }

        members = json_object_get_members (object);
        if (members == NULL)
          {
            g_string_append (out, "{}");
            break;
          }

        g_string_append (out, "{\n");
        for (const GList *l = members; l != NULL; l = l->next)
          {
            write_indent (out, level + 1);
            pm_json_write_string (l->data, out);
            g_string_append (out, ": ");
            write_node (json_object_get_member (object, l->data), level + 1, out);
            g_string_append (out, l->next != NULL ? ",\n" : "\n");
          }
        write_indent (out, level);
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint length;

        if (array == NULL)
          {
            g_string_append (out, "null");
            break;
          }

        length = json_array_get_length (array);
        if (length == 0)
          {
            g_string_append (out, "[]");
            break;
          }

        g_string_append (out, "[\n");
        for (guint i = 0; i < length; i++)
          {
            write_indent (out, level + 1);
            write_node (json_array_get_element (array, i), level + 1, out);
            g_string_append (out, i + 1 < length ? ",\n" : "\n");
          }
        write_indent (out, level);
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;

        case G_TYPE_DOUBLE:
          write_double (json_node_get_double (node), out);
          break;

        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;

        case G_TYPE_STRING:
          if (json_node_get_string (node) != NULL)
            pm_json_write_string (json_node_get_string (node), out);
          else
            g_string_append (out, "null");
          break;

        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

void
pm_json_limits_init_default (PmJsonLimits *limits)
{
  g_return_if_fail (limits != NULL);

  limits->max_depth = PM_LIMIT_DEPTH;
  limits->max_members = PM_LIMIT_MEMBERS;
  limits->max_array_items = PM_LIMIT_ARRAY_ITEMS;
  limits->max_string_bytes = PM_LIMIT_STRING_BYTES;
}

JsonNode *
pm_json_parse (const char         *data,
               gsize               length,
               const PmJsonLimits *limits,
               GError            **error)
{
  Parser parser = { 0 };
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autoptr(GPtrArray) keys = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (limits != NULL)
    parser.limits = *limits;
  else
    pm_json_limits_init_default (&parser.limits);

  scratch = g_string_sized_new (256);
  keys = g_ptr_array_new_with_free_func (string_free);

  parser.start = (const guchar *) data;
  parser.p = parser.start;
  parser.end = parser.start + length;
  parser.scratch = scratch;
  parser.keys = keys;
  parser.error = error;

  if (length == 0)
    {
      parser_error (&parser, parser.start, PM_ERROR_SYNTAX, "the file is empty");
      return NULL;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      parser_error (&parser, parser.start, PM_ERROR_SYNTAX,
                    "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM");
      return NULL;
    }

  parser.p = skip_whitespace (parser.p, parser.end);
  if (parser.p == parser.end)
    {
      parser_error (&parser, parser.start, PM_ERROR_SYNTAX,
                    "the file is empty (it contains only spaces or line breaks)");
      return NULL;
    }

  root = parse_value (&parser);
  if (root == NULL)
    return NULL;

  parser.p = skip_whitespace (parser.p, parser.end);
  if (parser.p != parser.end)
    {
      parser_error (&parser, parser.p, PM_ERROR_SYNTAX,
                    "unexpected data after the end of the document");
      return NULL;
    }

  return g_steal_pointer (&root);
}

void
pm_json_write (JsonNode *node,
               guint     indent,
               GString  *out)
{
  g_return_if_fail (node != NULL);
  g_return_if_fail (out != NULL);

  write_node (node, indent, out);
}

void
pm_json_write_string (const char *str,
                      GString    *out)
{
  const guchar *p = (const guchar *) str;
  const guchar *run = p;

  g_return_if_fail (str != NULL);
  g_return_if_fail (out != NULL);

  g_string_append_c (out, '"');

  for (;;)
    {
      guchar c;

      while (*p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
        p++;

      c = *p;
      if (c == '\0')
        break;

      if (c >= 0x80)
        {
          /* The NUL terminator fails the continuation test, so @end may look past it. */
          gsize len = utf8_sequence_length (p, p + 4);

          if (len > 0)
            {
              p += len;
              continue;
            }

          /* Never write a file our own reader refuses: replace the byte with U+FFFD. */
          g_string_append_len (out, (const char *) run, p - run);
          g_string_append (out, "\xEF\xBF\xBD");
          run = ++p;
          continue;
        }

      g_string_append_len (out, (const char *) run, p - run);
      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\b': g_string_append (out, "\\b");  break;
        case '\f': g_string_append (out, "\\f");  break;
        case '\n': g_string_append (out, "\\n");  break;
        case '\r': g_string_append (out, "\\r");  break;
        case '\t': g_string_append (out, "\\t");  break;
        default:   g_string_append_printf (out, "\\u%04x", c); break;
        }
      run = ++p;
    }

  g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

const char *
pm_json_object_get_string (JsonObject *object,
                           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

JsonArray *
pm_json_object_get_array (JsonObject *object,
                          const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
pm_json_object_get_object (JsonObject *object,
                           const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}
