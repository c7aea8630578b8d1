/* test-json.c — the strict JSON reader and the canonical writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "pm-error.h"
#include "pm-json.h"
#include "pm-limits.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = pm_json_parse (text, strlen (text), NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

/* Asserts that @text is refused with @code and returns the message. */
static char *
parse_error_len (const char *text,
                 gsize       length,
                 PmError     code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pm_json_parse (text, length, NULL, &error);

  g_assert_null (node);
  g_assert_error (error, PM_ERROR, (int) code);
  return g_strdup (error->message);
}

static char *
parse_error (const char *text,
             PmError     code)
{
  return parse_error_len (text, strlen (text), code);
}

static void
assert_syntax_error (const char *text,
                     const char *expected_message)
{
  g_autofree char *message = parse_error (text, PM_ERROR_SYNTAX);

  g_assert_cmpstr (message, ==, expected_message);
}

static char *
write_node (JsonNode *node)
{
  GString *out = g_string_new (NULL);

  pm_json_write (node, 0, out);
  return g_string_free (out, FALSE);
}

static char *
read_data_file (const char *name,
                gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "jsontestsuite", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Writes @node, reads the text back and writes it again: both texts and trees must be equal. */
static void
assert_round_trip (JsonNode   *node,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *first = write_node (node);
  g_autoptr(JsonNode) again = pm_json_parse (first, strlen (first), NULL, &error);
  g_autofree char *second = NULL;

  if (again == NULL)
    g_error ("%s: written text not readable (%s):\n%s", name, error->message, first);

  second = write_node (again);
  g_assert_cmpstr (first, ==, second);
  g_assert_true (json_node_equal (node, again));
}

/* json-glib reads valid, within-limits JSON correctly: its tree is an independent oracle. */
static void
assert_same_as_json_glib (JsonNode   *node,
                          const char *data,
                          gsize       length,
                          const char *name)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, data, length, &error);
  if (error != NULL)
    g_error ("%s: accepted by us, refused by json-glib: %s", name, error->message);
  if (!json_node_equal (node, json_parser_get_root (parser)))
    g_error ("%s: our tree differs from json-glib's", name);
}

/* ------------------------------------------------------------------------------------------ */
/* JSONTestSuite                                                                              */
/* ------------------------------------------------------------------------------------------ */

/* y_ files that our documented policy refuses, and why. */
static const struct
{
  const char *name;
  const char *reason;
} refused_y_files[] = {
  { "y_object_duplicated_key.json", "duplicate member names are refused" },
  { "y_object_duplicated_key_and_value.json", "duplicate member names are refused" },
  { "y_object_escaped_null_in_key.json", "\\u0000 is refused: strings are C strings" },
  { "y_string_null_escape.json", "\\u0000 is refused: strings are C strings" },
};

static const char *
policy_refusal (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused_y_files); i++)
    if (g_str_equal (name, refused_y_files[i].name))
      return refused_y_files[i].reason;
  return NULL;
}

static void
test_jsontestsuite (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "jsontestsuite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint n_no = 0, n_yes = 0, n_policy = 0, n_impl = 0;
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (names, g_strdup (name));

  /* Guard against running on an empty or missing copy of the suite. */
  g_assert_cmpuint (names->len, >=, 300);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *data = NULL;
      gsize length;

      name = g_ptr_array_index (names, i);
      data = read_data_file (name, &length);
      node = pm_json_parse (data, length, NULL, &parse_error);

      if (node == NULL)
        {
          g_assert_nonnull (parse_error);
          g_assert_true (parse_error->domain == PM_ERROR);
          g_assert_true (parse_error->code == PM_ERROR_SYNTAX ||
                         parse_error->code == PM_ERROR_LIMIT);
          /* Every message points somewhere: "LINE:COLUMN: ". */
          g_assert_true (g_regex_match_simple ("^[0-9]+:[0-9]+: .", parse_error->message, 0, 0));
        }

      if (name[0] == 'n')
        {
          if (node != NULL)
            g_error ("%s: must be refused but was accepted", name);
          n_no++;
        }
      else if (name[0] == 'y')
        {
          const char *reason = policy_refusal (name);

          if (reason != NULL)
            {
              if (node != NULL)
                g_error ("%s: our policy refuses it (%s), but it was accepted", name, reason);
              n_policy++;
            }
          else
            {
              if (node == NULL)
                g_error ("%s: must be accepted, refused with: %s", name, parse_error->message);
              assert_round_trip (node, name);
              assert_same_as_json_glib (node, data, length, name);
              n_yes++;
            }
        }
      else
        {
          g_assert_true (name[0] == 'i');
          if (node != NULL)
            {
              assert_round_trip (node, name);
              assert_same_as_json_glib (node, data, length, name);
            }
          n_impl++;
        }
    }

  g_test_message ("n: %u refused; y: %u accepted, %u refused by policy; i: %u",
                  n_no, n_yes, n_policy, n_impl);
  g_assert_cmpuint (n_no, ==, 188);
  g_assert_cmpuint (n_policy, ==, G_N_ELEMENTS (refused_y_files));
  g_assert_cmpuint (n_yes + n_policy, ==, 95);
}

/* The i_ files about encodings and surrogates: our policy refuses all of them. */
static void
test_jsontestsuite_implementation_defined (void)
{
  static const char *const refused[] = {
    "i_object_key_lone_2nd_surrogate.json",
    "i_string_1st_surrogate_but_2nd_missing.json",
    "i_string_1st_valid_surrogate_2nd_invalid.json",
    "i_string_UTF-16LE_with_BOM.json",
    "i_string_UTF-8_invalid_sequence.json",
    "i_string_UTF8_surrogate_U+D800.json",
    "i_string_incomplete_surrogate_and_escape_valid.json",
    "i_string_incomplete_surrogate_pair.json",
    "i_string_incomplete_surrogates_escape_valid.json",
    "i_string_invalid_lonely_surrogate.json",
    "i_string_invalid_surrogate.json",
    "i_string_invalid_utf-8.json",
    "i_string_inverted_surrogates_U+1D11E.json",
    "i_string_iso_latin_1.json",
    "i_string_lone_second_surrogate.json",
    "i_string_lone_utf8_continuation_byte.json",
    "i_string_not_in_unicode_range.json",
    "i_string_overlong_sequence_2_bytes.json",
    "i_string_overlong_sequence_6_bytes.json",
    "i_string_overlong_sequence_6_bytes_null.json",
    "i_string_truncated-utf-8.json",
    "i_string_utf16BE_no_BOM.json",
    "i_string_utf16LE_no_BOM.json",
    "i_structure_500_nested_arrays.json",       /* deeper than 32 levels */
    "i_structure_UTF-8_BOM_empty_object.json",
    "i_number_huge_exp.json",                   /* overflows a double */
    "i_number_neg_int_huge_exp.json",
    "i_number_pos_double_huge_exp.json",
    "i_number_real_neg_overflow.json",
    "i_number_real_pos_overflow.json",
    "i_number_too_big_neg_int.json",            /* beyond 2^53 - 1 */
    "i_number_too_big_pos_int.json",
    "i_number_very_big_negative_int.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *data = NULL;
      gsize length;

      data = read_data_file (refused[i], &length);
      node = pm_json_parse (data, length, NULL, &error);
      if (node != NULL)
        g_error ("%s: expected to be refused", refused[i]);
      g_assert_true (error->domain == PM_ERROR);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Reader                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
test_parse_values (void)
{
  g_autoptr(JsonNode) root = parse (" \t\r\n{\"s\": \"h\\u00e9llo\\n\", \"i\": -42, \"d\": 2.5, "
                                    "\"t\": true, \"f\": false, \"n\": null, "
                                    "\"a\": [1, [], {}], \"e\": \"\"} \n");
  JsonObject *object;
  JsonArray *array;

  g_assert_cmpint (JSON_NODE_TYPE (root), ==, JSON_NODE_OBJECT);
  object = json_node_get_object (root);
  g_assert_cmpuint (json_object_get_size (object), ==, 8);
  g_assert_cmpstr (json_object_get_string_member (object, "s"), ==, "h\xc3\xa9llo\n");
  g_assert_cmpstr (json_object_get_string_member (object, "e"), ==, "");
  g_assert_true (json_node_get_value_type (json_object_get_member (object, "i")) == G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (object, "i"), ==, -42);
  g_assert_true (json_node_get_value_type (json_object_get_member (object, "d")) == G_TYPE_DOUBLE);
  g_assert_cmpfloat (json_object_get_double_member (object, "d"), ==, 2.5);
  g_assert_true (json_object_get_boolean_member (object, "t"));
  g_assert_false (json_object_get_boolean_member (object, "f"));
  g_assert_true (json_object_get_null_member (object, "n"));
  array = json_object_get_array_member (object, "a");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  g_assert_cmpint (JSON_NODE_TYPE (json_array_get_element (array, 1)), ==, JSON_NODE_ARRAY);
  g_assert_cmpint (JSON_NODE_TYPE (json_array_get_element (array, 2)), ==, JSON_NODE_OBJECT);
}

/* Member names are kept per nesting level: an inner object must not overwrite the outer name. */
static void
test_parse_nested_member_names (void)
{
  g_autoptr(JsonNode) root = parse ("{\"outer\": {\"inner\": {\"deep\": \"x\"}, "
                                    "\"k2\": [{\"z\": 1}]},"
                                    " \"next\": \"value\", \"last\": {\"outer\": 2}}");
  JsonObject *object = json_node_get_object (root);
  JsonObject *outer;
  g_autoptr(GList) members = json_object_get_members (object);

  g_assert_cmpuint (g_list_length (members), ==, 3);
  g_assert_cmpstr (members->data, ==, "outer");
  g_assert_cmpstr (members->next->data, ==, "next");
  g_assert_cmpstr (members->next->next->data, ==, "last");
  g_assert_cmpstr (json_object_get_string_member (object, "next"), ==, "value");
  outer = json_object_get_object_member (object, "outer");
  g_assert_true (json_object_has_member (outer, "inner"));
  g_assert_true (json_object_has_member (outer, "k2"));
  g_assert_cmpuint (json_object_get_size (outer), ==, 2);
}

static void
test_parse_scalars_at_top (void)
{
  g_autoptr(JsonNode) s = parse ("\"only\"");
  g_autoptr(JsonNode) n = parse ("null");
  g_autoptr(JsonNode) i = parse (" 7 ");

  g_assert_cmpstr (json_node_get_string (s), ==, "only");
  g_assert_true (JSON_NODE_HOLDS_NULL (n));
  g_assert_cmpint (json_node_get_int (i), ==, 7);
}

/* The input is a byte range: nothing may be read past @length. */
static void
test_parse_not_terminated (void)
{
  static const char *const texts[] = { "1.5", "12", "true", "\"ab\"", "[1]", "-", "1e", "\"a\\" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gsize length = strlen (texts[i]);
      g_autofree char *exact = g_memdup2 (texts[i], length);   /* no NUL: ASan sees overreads */
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = pm_json_parse (exact, length, NULL, &error);

      g_assert_true ((node == NULL) == (error != NULL));
      g_assert_true (i < 5 ? node != NULL : node == NULL);
    }

  {
    /* Trailing bytes beyond @length are ignored. */
    g_autoptr(JsonNode) node = pm_json_parse ("[1]xyz", 3, NULL, NULL);

    g_assert_nonnull (node);
  }
}

static void
test_parse_syntax_refused (void)
{
  static const char *const texts[] = {
    "", " ", "\n\t\r ", "[1] [2]", "[][]", "{} x", "/* c */ 1", "// c\n1", "[1 /* c */]",
    "'a'", "['a']", "{'a': 1}", "NaN", "Infinity", "-Infinity", "[nan]", "01", "-01", "00",
    "+1", ".5", "1.", "1.e3", "-", "1e", "1e+", "0x10", "True", "nul", "[1,]", "{\"a\":1,}",
    "[,1]", "{,}", "{\"a\"}", "{\"a\" 1}", "{a: 1}", "[1 2]", "\"a", "[\"a\\\"]", "\"\\A\"",
    "\"\\x41\"", "\"\\u12\"", "\"\\u12G4\"", "\"a\tb\"", "\"a\nb\"", "\"\x01\"", "\"\x7f\"x",
    "var x = {};", "{\"a\":1};", "\xef\xbb\xbf{}", "\xef\xbb\xbf", "[\xc3\xa9]", "\xc2\xa0" "1",
    "1\x00", "[1]\x00", "[1,\v2]", "\f[]", "[]\v", "{\"a\":\f1}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gsize length = strlen (texts[i]);
      g_autofree char *message = NULL;

      /* Two cases hold an embedded NUL: include it. */
      if (g_str_equal (texts[i], "1") || g_str_equal (texts[i], "[1]"))
        length++;

      message = parse_error_len (texts[i], length, PM_ERROR_SYNTAX);
      g_assert_true (g_regex_match_simple ("^[0-9]+:[0-9]+: .", message, 0, 0));
    }
}

static void
test_parse_messages (void)
{
  assert_syntax_error ("", "1:1: the file is empty");
  assert_syntax_error ("  \n ", "1:1: the file is empty (it contains only spaces or line breaks)");
  assert_syntax_error ("[1]\n\n\n\n [2]", "5:2: unexpected data after the end of the document");
  assert_syntax_error ("{\"a\": 1 x}", "1:9: expected ',' or '}' after a member, found 'x'");
  assert_syntax_error ("[1 x]", "1:4: expected ',' or ']' after an array item, found 'x'");
  assert_syntax_error ("[1,]", "1:4: expected another item after ',', found ']'");
  assert_syntax_error ("[1",
                       "1:3: expected ',' or ']' after an array item, found the end of the file");
  assert_syntax_error ("{\"a\" 1}", "1:6: expected ':' after the member name, found '1'");
  assert_syntax_error ("{1: 2}", "1:2: expected a member name in double quotes or '}', found '1'");
  assert_syntax_error ("{\"a\": 1, }",
                       "1:10: expected a member name in double quotes after ',', found '}'");
  assert_syntax_error ("{'a': 1}",
                       "1:2: expected a member name in double quotes or '}', "
                       "found a single quote (')");
  assert_syntax_error ("['a']",
                       "1:2: strings must be enclosed in double quotes (\"), not single quotes");
  assert_syntax_error ("[1, // two\n 2]", "1:5: comments are not allowed in JSON");
  assert_syntax_error ("[NaN]",
                       "1:2: expected a value (an object, array, string in double quotes, "
                       "number, true, false or null), found 'NaN'");
  assert_syntax_error ("[True]", "1:2: 'True' must be written in lower case: true");
  assert_syntax_error ("[+1]",
                       "1:2: expected a value (an object, array, string in double quotes, "
                       "number, true, false or null), found '+'");
  assert_syntax_error ("[01]", "1:2: a number must not start with 0 followed by more digits");
  assert_syntax_error ("[1.]", "1:4: expected a digit after the decimal point, found ']'");
  assert_syntax_error ("[1e]", "1:4: expected a digit in the exponent, found ']'");
  assert_syntax_error ("[-x]", "1:3: expected a digit after '-', found 'x'");
  assert_syntax_error ("[\"abc", "1:2: this string is never closed with a '\"'");
  assert_syntax_error ("[\"a\nb\"]", "1:4: a line break inside a string must be written as \\n");
  assert_syntax_error ("[\"a\tb\"]", "1:4: a tab inside a string must be written as \\t");
  assert_syntax_error ("[\"a\x01\"]",
                       "1:4: the control character U+0001 inside a string must be written "
                       "as \\u0001");
  assert_syntax_error ("[\"a\\qb\"]",
                       "1:4: invalid escape in a string: '\\' followed by 'q' "
                       "(a backslash itself is written as \\\\)");
  assert_syntax_error ("[\"\\u00G0\"]",
                       "1:3: expected four hexadecimal digits after '\\u' in a string");
  assert_syntax_error ("[\"\\u0000\"]",
                       "1:3: the escape '\\u0000' (a null character) is not allowed in a string");
  assert_syntax_error ("\xef\xbb\xbf[]",
                       "1:1: the file starts with a byte order mark (BOM); save it as UTF-8 "
                       "without BOM");
  assert_syntax_error ("[\"ab\xff\"]",
                       "1:5: the byte 0xFF is not valid UTF-8 (the file must be saved as UTF-8)");
  assert_syntax_error ("[\xe2\x80\x8b" "1]",
                       "1:2: expected a value (an object, array, string in double quotes, "
                       "number, true, false or null), found '\xe2\x80\x8b' (U+200B)");
}

/* Columns count characters, not bytes; CR LF, LF and CR end lines. */
static void
test_parse_positions (void)
{
  /* "ö", "ß" take two bytes each, "€" three, the emoji four. */
  assert_syntax_error ("{\n  \"naïve\": 1,\n  \"größe\": [1, 2 x]\n}",
                       "3:18: expected ',' or ']' after an array item, found 'x'");
  assert_syntax_error ("{\n  \"a\": 1,\n  \"€uro\xf0\x9f\x98\x80\": true x\n}",
                       "3:17: expected ',' or '}' after a member, found 'x'");
  assert_syntax_error ("[\r\n1,\r\n x]",
                       "3:2: expected a value (an object, array, string in double quotes, "
                       "number, true, false or null), found 'x'");
  assert_syntax_error ("[\r1,\r x]",
                       "3:2: expected a value (an object, array, string in double quotes, "
                       "number, true, false or null), found 'x'");
  assert_syntax_error ("[\"é\x01\"]",
                       "1:4: the control character U+0001 inside a string must be written "
                       "as \\u0001");
  assert_syntax_error ("{\"日本語\": 1, \"日本語\": 2}",
                       "1:12: the member name \"日本語\" appears twice in the same object");
}

static void
test_parse_duplicates (void)
{
  g_autofree char *message = parse_error ("{\"a\": 1, \"b\": 2, \"a\": 3}", PM_ERROR_SYNTAX);
  g_autoptr(JsonNode) nested = NULL;
  g_autoptr(JsonNode) escaped = NULL;

  g_assert_cmpstr (message, ==, "1:18: the member name \"a\" appears twice in the same object");
  g_free (message);

  /* The same name written differently is still the same name. */
  message = parse_error ("{\"a\": 1, \"\\u0061\": 1}", PM_ERROR_SYNTAX);
  g_assert_nonnull (strstr (message, "\"a\" appears twice"));
  g_free (message);

  /* Names with quotes or control characters are quoted safely; long ones cut short. */
  message = parse_error ("{\"q\\\"\\n\": 1, \"q\\\"\\n\": 2}", PM_ERROR_SYNTAX);
  g_assert_nonnull (strstr (message, "\"q\\\"\\n\" appears twice"));
  g_free (message);
  message = parse_error ("{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 1, "
                         "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": 2}",
                         PM_ERROR_SYNTAX);
  g_assert_nonnull (strstr (message, "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\" appears"));

  /* The same name at different levels is fine. */
  nested = parse ("{\"a\": {\"a\": {\"a\": 1}}, \"b\": [{\"a\": 1}, {\"a\": 2}]}");
  g_assert_nonnull (nested);
  escaped = parse ("{\"a\": 1, \"A\": 2, \"a \": 3}");
  g_assert_cmpuint (json_object_get_size (json_node_get_object (escaped)), ==, 3);
}

static void
assert_int (const char *text,
            gint64      expected)
{
  g_autoptr(JsonNode) node = parse (text);

  g_assert_true (json_node_get_value_type (node) == G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, expected);
}

static void
assert_double (const char *text,
               double      expected)
{
  g_autoptr(JsonNode) node = parse (text);
  double value;

  g_assert_true (json_node_get_value_type (node) == G_TYPE_DOUBLE);
  value = json_node_get_double (node);
  g_assert_true (memcmp (&value, &expected, sizeof value) == 0);
}

static void
test_parse_numbers (void)
{
  static const char *const too_large[] = {
    "9007199254740992", "-9007199254740992", "9223372036854775807", "9223372036854775808",
    "18446744073709551616", "-9223372036854775809", "100000000000000000000000000000",
  };
  static const char *const overflow[] = { "1e400", "-1e400", "2e308", "123456789e999" };

  assert_int ("0", 0);
  assert_int ("-0", 0);
  assert_int ("7", 7);
  assert_int ("-7", -7);
  assert_int ("9007199254740991", G_GINT64_CONSTANT (9007199254740991));
  assert_int ("-9007199254740991", -G_GINT64_CONSTANT (9007199254740991));
  assert_int ("1000000000000000", G_GINT64_CONSTANT (1000000000000000));

  assert_double ("0.0", 0.0);
  assert_double ("-0.0", -0.0);
  assert_double ("1.5", 1.5);
  assert_double ("-1.5e-3", -1.5e-3);
  assert_double ("1E2", 100.0);
  assert_double ("1e+2", 100.0);
  assert_double ("20e1", 200.0);
  assert_double ("1e17", 1e17);
  assert_double ("1e-400", 0.0);   /* underflow to zero is not an overflow */
  assert_double ("1.7976931348623157e308", 1.7976931348623157e308);
  assert_double ("9007199254740993.0", 9007199254740992.0);

  for (guint i = 0; i < G_N_ELEMENTS (too_large); i++)
    {
      g_autofree char *message = parse_error (too_large[i], PM_ERROR_SYNTAX);

      g_assert_true (g_str_has_prefix (message, "1:1: integer too large: "));
    }

  for (guint i = 0; i < G_N_ELEMENTS (overflow); i++)
    {
      g_autofree char *message = parse_error (overflow[i], PM_ERROR_SYNTAX);
      g_autofree char *expected = g_strdup_printf ("1:1: number too large: %s", overflow[i]);

      g_assert_cmpstr (message, ==, expected);
    }

  {
    /* A huge literal is quoted in part only. */
    g_autofree char *digits = g_strnfill (5000, '9');
    g_autofree char *message = parse_error (digits, PM_ERROR_SYNTAX);

    g_assert_cmpuint (strlen (message), <, 200);
  }
}

static void
assert_string (const char *text,
               const char *expected)
{
  g_autoptr(JsonNode) node = parse (text);

  g_assert_true (json_node_get_value_type (node) == G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (node), ==, expected);
}

static void
test_parse_strings (void)
{
  static const char *const refused[] = {
    "\"\\ud83d\"", "\"\\ud83dx\"", "\"\\ud83d\\u0041\"", "\"\\ud83d\\Aude00\"", "\"\\ude00\"",
    "\"\\ude00\\ud83d\"", "\"\\ud83d\\ud83d\"", "\"\\ud83d\\u\"", "\"\\u0000\"", "\"a\\u0000b\"",
    "\"\\A\"", "\"\\'\"", "\"\\U0041\"",
    /* raw invalid UTF-8: stray continuation, overlong forms, surrogates, > U+10FFFF,
     * truncated sequences, bytes never used in UTF-8 */
    "\"\x80\"", "\"\xbf\"", "\"\xc0\x80\"", "\"\xc1\xbf\"", "\"\xe0\x80\x80\"", "\"\xe0\x9f\xbf\"",
    "\"\xf0\x80\x80\x80\"", "\"\xf0\x8f\xbf\xbf\"", "\"\xed\xa0\x80\"", "\"\xed\xbf\xbf\"",
    "\"\xf4\x90\x80\x80\"", "\"\xf5\x80\x80\x80\"", "\"\xf8\x88\x80\x80\x80\"", "\"\xe2\x82\"",
    "\"\xe2\x82", "\"\xf0\x9f\x98\"", "\"\xc3\"", "\"\xfe\"", "\"\xff\"", "\"\xc3\x28\"",
  };

  assert_string ("\"\\ud83d\\ude00\"", "\xf0\x9f\x98\x80");
  assert_string ("\"\\uD834\\uDD1E\"", "\xf0\x9d\x84\x9e");
  assert_string ("\"\\udbff\\udfff\"", "\xf4\x8f\xbf\xbf");
  assert_string ("\"\\u00e9\\u20AC\\u0001\"", "\xc3\xa9\xe2\x82\xac\x01");
  assert_string ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\/\b\f\n\r\t");
  assert_string ("\"a\\\\u0000b\"", "a\\u0000b");
  assert_string ("\"\xf0\x9f\x98\x80 \xe2\x82\xac \xc3\xa9 \xf4\x8f\xbf\xbf \xef\xbf\xbf\"",
                 "\xf0\x9f\x98\x80 \xe2\x82\xac \xc3\xa9 \xf4\x8f\xbf\xbf \xef\xbf\xbf");
  assert_string ("\"\x7f\"", "\x7f");

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *message = parse_error (refused[i], PM_ERROR_SYNTAX);

      g_assert_true (g_str_has_prefix (message, "1:"));
    }

  {
    g_autofree char *message = parse_error ("[\"\\ud83dx\"]", PM_ERROR_SYNTAX);

    g_assert_cmpstr (message, ==,
                     "1:3: the escape '\\ud83d' is the first half of a surrogate pair and must "
                     "be followed by a second escape between \\uDC00 and \\uDFFF");
    g_free (g_steal_pointer (&message));
    message = parse_error ("[\"\\ude00\"]", PM_ERROR_SYNTAX);
    g_assert_cmpstr (message, ==,
                     "1:3: the escape '\\ude00' is the second half of a surrogate pair and must "
                     "follow an escape between \\uD800 and \\uDBFF");
  }
}

/* Random byte edits of a valid document: never a crash, never a bad error, and whatever is
 * accepted must survive a write/read round trip (the save-reload oracle). */
static void
test_parse_mutations (void)
{
  static const char seed[] =
    "{\"title\": \"Ausfall \\u00fcber \\ud83d\\ude00 \\\"db\\\"\", "
    "\"n\": [0, -1, 2.5e-3, 1E+2, 9007199254740991], \"ok\": true, \"none\": null, "
    "\"nested\": {\"a\": [[], {}, \"\xc3\xa9\xe2\x82\xac\"]}, \"f\": false}";
  static const char alphabet[] =
    "{}[]:,\"\\u0123456789abcdefABCDEF-+.eE \t\n\r\x80\xbf\xc3\xed\xf0\xff\x00/'";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240301);
  guint accepted = 0;

  for (guint round = 0; round < 20000; round++)
    {
      g_autofree char *data = g_memdup2 (seed, sizeof seed - 1);
      gsize length = sizeof seed - 1;
      guint edits = g_rand_int_range (rand, 1, 4);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      for (guint e = 0; e < edits && length > 0; e++)
        {
          gsize at = g_rand_int_range (rand, 0, length);

          switch (g_rand_int_range (rand, 0, 3))
            {
            case 0:   /* replace */
              data[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
              break;
            case 1:   /* delete */
              memmove (data + at, data + at + 1, length - at - 1);
              length--;
              break;
            default:  /* truncate */
              length = at + 1;
              break;
            }
        }

      node = pm_json_parse (data, length, NULL, &error);
      if (node == NULL)
        {
          g_assert_true (error->domain == PM_ERROR);
          g_assert_true (g_regex_match_simple ("^[0-9]+:[0-9]+: .", error->message, 0, 0));
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
      else
        {
          assert_round_trip (node, "mutation");
          assert_same_as_json_glib (node, data, length, "mutation");
          accepted++;
        }
    }

  /* Some edits keep the document valid (a digit for a digit): the oracle did run. */
  g_test_message ("%u of 20000 mutated documents accepted", accepted);
  g_assert_cmpuint (accepted, >, 100);
}

/* ------------------------------------------------------------------------------------------ */
/* Limits                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static char *
nested (guint       levels,
        const char *open,
        const char *inner,
        const char *close)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < levels; i++)
    g_string_append (text, open);
  g_string_append (text, inner);
  for (guint i = 0; i < levels; i++)
    g_string_append (text, close);
  return g_string_free (text, FALSE);
}

static void
test_limits_default (void)
{
  PmJsonLimits limits;

  pm_json_limits_init_default (&limits);
  g_assert_cmpuint (limits.max_depth, ==, PM_LIMIT_DEPTH);
  g_assert_cmpuint (limits.max_members, ==, PM_LIMIT_MEMBERS);
  g_assert_cmpuint (limits.max_array_items, ==, PM_LIMIT_ARRAY_ITEMS);
  g_assert_cmpuint (limits.max_string_bytes, ==, PM_LIMIT_STRING_BYTES);
}

static void
test_limits_depth (void)
{
  g_autofree char *arrays_ok = nested (32, "[", "1", "]");
  g_autofree char *arrays_deep = nested (33, "[", "1", "]");
  g_autofree char *objects_ok = nested (32, "{\"a\":", "1", "}");
  g_autofree char *objects_deep = nested (33, "{\"a\":", "1", "}");
  g_autofree char *mixed_deep = nested (17, "[{\"k\": ", "[]", "}]");
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *message = NULL;

  node = parse (arrays_ok);
  g_clear_pointer (&node, json_node_unref);
  node = parse (objects_ok);
  g_clear_pointer (&node, json_node_unref);

  message = parse_error (arrays_deep, PM_ERROR_LIMIT);
  g_assert_cmpstr (message, ==, "1:33: nesting deeper than 32 levels");
  g_free (message);
  message = parse_error (objects_deep, PM_ERROR_LIMIT);
  g_assert_cmpstr (message, ==, "1:161: nesting deeper than 32 levels");
  g_free (message);
  message = parse_error (mixed_deep, PM_ERROR_LIMIT);
  g_assert_nonnull (strstr (message, "nesting deeper than 32 levels"));
}

/* Hostile nesting is refused at the first level too deep, in well under 100 ms. */
static void
test_limits_deep_nesting_fast (void)
{
  static const char *const opens[] = { "[", "{\"a\":", "[{\"a\":" };

  for (guint i = 0; i < G_N_ELEMENTS (opens); i++)
    {
      g_autofree char *text = nested (100000, opens[i], "", "");
      g_autofree char *message = NULL;
      double elapsed;

      g_test_timer_start ();
      message = parse_error (text, PM_ERROR_LIMIT);
      elapsed = g_test_timer_elapsed ();
      g_test_message ("refused in %.3f s", elapsed);
      g_assert_nonnull (strstr (message, "nesting deeper than 32 levels"));
    }

  {
    g_autofree char *data = NULL;
    g_autofree char *message = NULL;
    gsize length;

    data = read_data_file ("n_structure_100000_opening_arrays.json", &length);
    g_test_timer_start ();
    message = parse_error_len (data, length, PM_ERROR_LIMIT);
    g_test_message ("refused in %.3f s", g_test_timer_elapsed ());
    g_assert_cmpstr (message, ==, "1:33: nesting deeper than 32 levels");
  }
}

static char *
array_of (guint       count,
          const char *item)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < count; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append (text, item);
    }
  g_string_append_c (text, ']');
  return g_string_free (text, FALSE);
}

static char *
object_of (guint count)
{
  GString *text = g_string_new ("{");

  for (guint i = 0; i < count; i++)
    g_string_append_printf (text, "%s\"m%u\": %u", i > 0 ? ", " : "", i, i);
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static void
test_limits_counts (void)
{
  g_autofree char *items_ok = array_of (20000, "0");
  g_autofree char *items_over = array_of (20001, "0");
  g_autofree char *members_ok = object_of (256);
  g_autofree char *members_over = object_of (257);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *message = NULL;

  node = parse (items_ok);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 20000);
  g_clear_pointer (&node, json_node_unref);
  message = parse_error (items_over, PM_ERROR_LIMIT);
  /* Points at the 20001st item: 1 + 20000 * 2. */
  g_assert_cmpstr (message, ==, "1:40002: more than 20000 items in one array");
  g_free (message);

  node = parse (members_ok);
  g_assert_cmpuint (json_object_get_size (json_node_get_object (node)), ==, 256);
  g_clear_pointer (&node, json_node_unref);
  message = parse_error (members_over, PM_ERROR_LIMIT);
  g_assert_true (g_str_has_suffix (message, ": more than 256 members in one object"));
}

static void
test_limits_strings (void)
{
  g_autofree char *fill = g_strnfill (PM_LIMIT_STRING_BYTES, 'x');
  g_autofree char *ok = g_strdup_printf ("[\"%s\"]", fill);
  g_autofree char *over = g_strdup_printf ("[\"%sx\"]", fill);
  g_autofree char *key_over = g_strdup_printf ("{\"%sx\": 1}", fill);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *message = NULL;

  node = parse (ok);
  g_assert_cmpuint (strlen (json_array_get_string_element (json_node_get_array (node), 0)), ==,
                    PM_LIMIT_STRING_BYTES);
  message = parse_error (over, PM_ERROR_LIMIT);
  g_assert_cmpstr (message, ==, "1:2: string longer than 262144 bytes");
  g_free (message);
  message = parse_error (key_over, PM_ERROR_LIMIT);
  g_assert_cmpstr (message, ==, "1:2: string longer than 262144 bytes");
}

/* Limits passed by the caller; string bytes count the decoded text. */
static void
test_limits_custom (void)
{
  PmJsonLimits limits = { .max_depth = 2, .max_members = 2, .max_array_items = 3,
                          .max_string_bytes = 4 };
  static const struct
  {
    const char *text;
    gboolean    accepted;
  } cases[] = {
    { "[[1]]", TRUE },
    { "[[[1]]]", FALSE },
    { "{\"a\": {\"b\": 1}}", TRUE },
    { "{\"a\": {\"b\": []}}", FALSE },
    { "{\"a\": 1, \"b\": 2}", TRUE },
    { "{\"a\": 1, \"b\": 2, \"c\": 3}", FALSE },
    { "[1, 2, 3]", TRUE },
    { "[1, 2, 3, 4]", FALSE },
    { "\"abcd\"", TRUE },
    { "\"abcde\"", FALSE },
    { "\"\\u00e9\\u00e9\"", TRUE },          /* 12 bytes written, 4 decoded */
    { "\"\\u00e9\\u00e9a\"", FALSE },
    { "\"\xf0\x9f\x98\x80\"", TRUE },
    { "\"\\ud83d\\ude00\"", TRUE },
    { "\"\\ud83d\\ude00a\"", FALSE },
    { "{\"abcde\": 1}", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = pm_json_parse (cases[i].text, strlen (cases[i].text), &limits,
                                                &error);

      if (cases[i].accepted)
        g_assert_no_error (error);
      else
        g_assert_error (error, PM_ERROR, PM_ERROR_LIMIT);
      g_assert_true ((node != NULL) == cases[i].accepted);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Writer                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
test_write_layout (void)
{
  g_autoptr(JsonNode) root = parse ("{\"a\":1,\"b\":[\"x\",{\"c\":true}],\"e\":[]}");
  g_autofree char *text = write_node (root);
  g_autoptr(GString) indented = g_string_new ("{\n  \"k\": ");

  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"a\": 1,\n"
                   "  \"b\": [\n"
                   "    \"x\",\n"
                   "    {\n"
                   "      \"c\": true\n"
                   "    }\n"
                   "  ],\n"
                   "  \"e\": []\n"
                   "}");

  /* Embedding: @indent is the level of the value's own line. */
  pm_json_write (root, 1, indented);
  g_string_append (indented, "\n}");
  g_assert_cmpstr (indented->str, ==,
                   "{\n"
                   "  \"k\": {\n"
                   "    \"a\": 1,\n"
                   "    \"b\": [\n"
                   "      \"x\",\n"
                   "      {\n"
                   "        \"c\": true\n"
                   "      }\n"
                   "    ],\n"
                   "    \"e\": []\n"
                   "  }\n"
                   "}");
}

static void
test_write_built_tree (void)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *text = NULL;

  /* Stored order, not alphabetical and not hash order. */
  json_object_set_string_member (object, "zeta", "last letter");
  json_object_set_null_member (object, "alpha");
  json_object_set_object_member (object, "empty", json_object_new ());
  json_array_add_int_element (array, -3);
  json_array_add_double_element (array, 0.5);
  json_array_add_boolean_element (array, FALSE);
  json_object_set_array_member (object, "mid", g_steal_pointer (&array));
  json_object_set_int_member (object, "big", G_GINT64_CONSTANT (9007199254740991));
  json_node_set_object (root, object);

  text = write_node (root);
  g_assert_cmpstr (text, ==,
                   "{\n"
                   "  \"zeta\": \"last letter\",\n"
                   "  \"alpha\": null,\n"
                   "  \"empty\": {},\n"
                   "  \"mid\": [\n"
                   "    -3,\n"
                   "    0.5,\n"
                   "    false\n"
                   "  ],\n"
                   "  \"big\": 9007199254740991\n"
                   "}");
}

static void
test_write_member_order (void)
{
  g_autoptr(GString) source = g_string_new ("{");
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GList) members = NULL;
  guint i = 0;

  /* Enough names in a scrambled order that a hash table would shuffle them. */
  for (guint n = 0; n < 200; n++)
    g_string_append_printf (source, "%s\"k%03u\": %u", n > 0 ? "," : "", (n * 7919) % 200, n);
  g_string_append_c (source, '}');

  root = parse (source->str);
  members = json_object_get_members (json_node_get_object (root));
  for (const GList *l = members; l != NULL; l = l->next, i++)
    {
      g_autofree char *expected = g_strdup_printf ("k%03u", (i * 7919) % 200);

      g_assert_cmpstr (l->data, ==, expected);
    }
  g_assert_cmpuint (i, ==, 200);

  {
    g_autofree char *text = write_node (root);
    const char *previous = text;

    for (guint n = 0; n < 200; n++)
      {
        g_autofree char *key = g_strdup_printf ("\"k%03u\": %u", (n * 7919) % 200, n);
        const char *at = strstr (text, key);

        g_assert_nonnull (at);
        g_assert_true (at >= previous);
        previous = at;
      }
  }
}

static void
test_write_string_escapes (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  pm_json_write_string ("q\" b\\ /\b\f\n\r\t\x01\x1f\x7f é€😀\xe2\x80\xae", out);
  g_assert_cmpstr (out->str, ==,
                   "\"q\\\" b\\\\ /\\b\\f\\n\\r\\t\\u0001\\u001f\x7f é€😀\xe2\x80\xae\"");

  g_string_truncate (out, 0);
  pm_json_write_string ("", out);
  g_assert_cmpstr (out->str, ==, "\"\"");

  /* Invalid UTF-8 must not reach a file our reader refuses. */
  g_string_truncate (out, 0);
  pm_json_write_string ("a\xff" "b\xed\xa0\x80" "c\xc3", out);
  g_assert_cmpstr (out->str, ==,
                   "\"a\xef\xbf\xbd" "b\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "c\xef\xbf\xbd\"");
  g_assert_true (g_utf8_validate (out->str, -1, NULL));

  /* Every control character survives a round trip. */
  {
    char all[32];
    g_autoptr(JsonNode) node = NULL;

    for (guint i = 1; i < 32; i++)
      all[i - 1] = (char) i;
    all[31] = '\0';
    g_string_truncate (out, 0);
    pm_json_write_string (all, out);
    node = parse (out->str);
    g_assert_cmpstr (json_node_get_string (node), ==, all);
  }
}

static void
assert_double_text (double      value,
                    const char *expected)
{
  g_autoptr(JsonNode) node = json_node_init_double (json_node_alloc (), value);
  g_autofree char *text = write_node (node);
  g_autoptr(JsonNode) back = NULL;
  double read;

  if (expected != NULL)
    g_assert_cmpstr (text, ==, expected);

  back = parse (text);
  g_assert_true (json_node_get_value_type (back) == G_TYPE_DOUBLE);
  read = json_node_get_double (back);
  g_assert_true (memcmp (&read, &value, sizeof value) == 0);
}

static void
test_write_doubles (void)
{
  assert_double_text (0.1, "0.1");
  assert_double_text (1e-7, "1e-07");
  assert_double_text (123456.789, "123456.789");
  assert_double_text (5e-324, NULL);
  assert_double_text (1.7976931348623157e308, "1.7976931348623157e+308");
  assert_double_text (-1.7976931348623157e308, NULL);
  assert_double_text (2.2250738585072014e-308, NULL);
  assert_double_text (1e17, "1e+17");
  assert_double_text (1.0, "1.0");
  assert_double_text (-0.0, "-0.0");
  assert_double_text (0.0, "0.0");
  assert_double_text (100.0, "100.0");
  assert_double_text (0.1 + 0.2, "0.30000000000000004");
  assert_double_text (1.0 / 3.0, NULL);
  assert_double_text (G_PI, NULL);
  assert_double_text (9007199254740993.0, NULL);

  /* A pseudo-random sweep over magnitudes. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (42);

    for (guint i = 0; i < 2000; i++)
      {
        double value = g_rand_double (rand) * pow (10, g_rand_int_range (rand, -300, 300));

        assert_double_text (g_rand_boolean (rand) ? value : -value, NULL);
      }
  }

  /* Not JSON: written as null rather than as something unreadable. */
  {
    g_autoptr(JsonNode) inf = json_node_init_double (json_node_alloc (), INFINITY);
    g_autoptr(JsonNode) nan = json_node_init_double (json_node_alloc (), NAN);
    g_autofree char *inf_text = write_node (inf);
    g_autofree char *nan_text = write_node (nan);

    g_assert_cmpstr (inf_text, ==, "null");
    g_assert_cmpstr (nan_text, ==, "null");
  }
}

static void
test_write_scalars (void)
{
  static const struct
  {
    const char *in;
    const char *out;
  } cases[] = {
    { "null", "null" }, { "true", "true" }, { "false", "false" }, { "-0", "0" },
    { "-9007199254740991", "-9007199254740991" }, { "[]", "[]" }, { "{}", "{}" },
    { " [ ] ", "[]" }, { "[[]]", "[\n  []\n]" }, { "[{}]", "[\n  {}\n]" },
    { "\"\\u00e9\\/\"", "\"é/\"" }, { "2.50", "2.5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *text = NULL;

      node = parse (cases[i].in);
      text = write_node (node);
      g_assert_cmpstr (text, ==, cases[i].out);
    }
}

static void
test_write_round_trip_document (void)
{
  g_autoptr(JsonNode) root = parse ("{\"title\": \"Outage \\\"db\\\"\\n\\u2028\", "
                                    "\"events\": [{\"t\": \"2024-01-01T00:00:00Z\", "
                                    "\"n\": 1.25e-5, \"tags\": [], \"meta\": {}}, null],"
                                    " \"unknown\": {\"future\": [true, false, -0.0, 3]}}");

  assert_round_trip (root, "document");
}

/* ------------------------------------------------------------------------------------------ */
/* Performance (-m perf only)                                                                 */
/* ------------------------------------------------------------------------------------------ */

static char *
generate_document (guint count)
{
  GString *text = g_string_new ("[");

  for (guint i = 0; i < count; i++)
    g_string_append_printf (text,
                            "%s{\"id\": \"evt-%06u\", \"time\": \"2024-03-01T12:%02u:%02uZ\", "
                            "\"precision\": \"minute\", \"actor\": \"Jürgen Müller\", "
                            "\"lane\": \"operations\", \"order\": %u, \"weight\": %u.25, "
                            "\"done\": %s, \"note\": null, \"tags\": [\"db\", \"network\"], "
                            "\"text\": \"The primary database stopped accepting connections "
                            "after the certificate rotation; the \\\"replica\\\" took over "
                            "after 4 minutes.\\nOn-call was paged twice. Error rate peaked at "
                            "37%% — customers in the EU region saw timeouts.\"}",
                            i > 0 ? ",\n  " : "\n  ", i, (i / 60) % 60, i % 60, i, i % 100,
                            i % 2 ? "true" : "false");
  g_string_append (text, "\n]");
  return g_string_free (text, FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
test_perf_parse (void)
{
  g_autofree char *text = generate_document (10000);
  gsize length = strlen (text);
  double ours[7], theirs[7];

  for (guint run = 0; run < G_N_ELEMENTS (ours); run++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;

      g_test_timer_start ();
      node = pm_json_parse (text, length, NULL, &error);
      ours[run] = g_test_timer_elapsed ();
      g_assert_no_error (error);

      g_test_timer_start ();
      json_parser_load_from_data (parser, text, length, &error);
      theirs[run] = g_test_timer_elapsed ();
      g_assert_no_error (error);
    }

  qsort (ours, G_N_ELEMENTS (ours), sizeof (double), compare_doubles);
  qsort (theirs, G_N_ELEMENTS (theirs), sizeof (double), compare_doubles);
  g_test_message ("%" G_GSIZE_FORMAT " bytes: pm_json_parse %.1f ms, json_parser %.1f ms "
                  "(medians of %u)", length, ours[3] * 1000, theirs[3] * 1000,
                  (guint) G_N_ELEMENTS (ours));
  g_test_minimized_result (ours[3], "pm_json_parse median %.4f s", ours[3]);
  g_assert_cmpfloat (ours[3], <=, theirs[3]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/jsontestsuite", test_jsontestsuite);
  g_test_add_func ("/json/jsontestsuite-implementation-defined",
                   test_jsontestsuite_implementation_defined);
  g_test_add_func ("/json/parse/values", test_parse_values);
  g_test_add_func ("/json/parse/nested-member-names", test_parse_nested_member_names);
  g_test_add_func ("/json/parse/scalars-at-top", test_parse_scalars_at_top);
  g_test_add_func ("/json/parse/not-terminated", test_parse_not_terminated);
  g_test_add_func ("/json/parse/syntax-refused", test_parse_syntax_refused);
  g_test_add_func ("/json/parse/messages", test_parse_messages);
  g_test_add_func ("/json/parse/positions", test_parse_positions);
  g_test_add_func ("/json/parse/duplicates", test_parse_duplicates);
  g_test_add_func ("/json/parse/numbers", test_parse_numbers);
  g_test_add_func ("/json/parse/strings", test_parse_strings);
  g_test_add_func ("/json/parse/mutations", test_parse_mutations);
  g_test_add_func ("/json/limits/default", test_limits_default);
  g_test_add_func ("/json/limits/depth", test_limits_depth);
  g_test_add_func ("/json/limits/deep-nesting-fast", test_limits_deep_nesting_fast);
  g_test_add_func ("/json/limits/counts", test_limits_counts);
  g_test_add_func ("/json/limits/strings", test_limits_strings);
  g_test_add_func ("/json/limits/custom", test_limits_custom);
  g_test_add_func ("/json/write/layout", test_write_layout);
  g_test_add_func ("/json/write/built-tree", test_write_built_tree);
  g_test_add_func ("/json/write/member-order", test_write_member_order);
  g_test_add_func ("/json/write/string-escapes", test_write_string_escapes);
  g_test_add_func ("/json/write/doubles", test_write_doubles);
  g_test_add_func ("/json/write/scalars", test_write_scalars);
  g_test_add_func ("/json/write/round-trip-document", test_write_round_trip_document);
  if (g_test_perf ())
    g_test_add_func ("/json/perf/parse", test_perf_parse);

  return g_test_run ();
}
