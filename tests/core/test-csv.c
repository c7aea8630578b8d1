/* test-csv.c — the RFC 4180 reader: records, quoting, line ends, errors and real timelines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pm-csv.h"
#include "pm-error.h"
#include "pm-limits.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Reads everything and describes it as "LINE[field][field]\n" per record; stops at the end or
 * at the first error, which is returned in @error. */
static char *
dump_len (const char  *data,
          gsize        length,
          GError     **error)
{
  g_autoptr(PmCsvReader) reader = pm_csv_reader_new (data, length);
  GString *out = g_string_new (NULL);
  char **fields = NULL;
  guint line = 0;

  while (pm_csv_reader_next (reader, &fields, &line, error))
    {
      g_assert_nonnull (fields);
      g_string_append_printf (out, "%u", line);
      for (guint i = 0; fields[i] != NULL; i++)
        g_string_append_printf (out, "[%s]", fields[i]);
      g_string_append_c (out, '\n');
      g_strfreev (fields);
      fields = NULL;
    }
  g_assert_null (fields);

  return g_string_free (out, FALSE);
}

static void
assert_records (const char *data,
                const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = dump_len (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected);
}

/* @before: the records read before the error. */
static void
assert_error_len (const char *data,
                  gsize       length,
                  int         code,
                  const char *before,
                  const char *message_start)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = dump_len (data, length, &error);

  g_assert_cmpstr (got, ==, before);
  g_assert_error (error, PM_ERROR, code);
  if (!g_str_has_prefix (error->message, message_start))
    g_error ("message “%s” does not start with “%s”", error->message, message_start);
}

static void
assert_error (const char *data,
              const char *before,
              const char *message_start)
{
  assert_error_len (data, strlen (data), PM_ERROR_SYNTAX, before, message_start);
}

/* ------------------------------------------------------------------------------------------ */
/* Records                                                                                    */
/* ------------------------------------------------------------------------------------------ */

static void
test_simple (void)
{
  assert_records ("a,b,c\nd,e,f\n", "1[a][b][c]\n2[d][e][f]\n");
  assert_records ("a,b,c\nd,e,f", "1[a][b][c]\n2[d][e][f]\n");
  assert_records ("one\n", "1[one]\n");
  assert_records ("one", "1[one]\n");
  /* Records need not have the same number of fields; the caller checks. */
  assert_records ("a\nb,c,d\n", "1[a]\n2[b][c][d]\n");
  /* Blanks belong to the field. */
  assert_records (" a , b \n", "1[ a ][ b ]\n");
  assert_records ("Zürich,„so“,東京,😀\n", "1[Zürich][„so“][東京][😀]\n");
}

static void
test_empty_input (void)
{
  g_autoptr(PmCsvReader) reader = pm_csv_reader_new (NULL, 0);
  g_autoptr(GError) error = NULL;
  char **fields = (char **) 1;
  guint line = 42;

  g_assert_false (pm_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);
  g_assert_null (fields);
  /* And it stays at the end. */
  g_assert_false (pm_csv_reader_next (reader, &fields, &line, &error));
  g_assert_no_error (error);

  assert_records ("", "");
  assert_records ("\n\n\r\n", "");
  assert_records ("\xEF\xBB\xBF", "");
  assert_records ("\xEF\xBB\xBF\r\n", "");
}

static void
test_empty_fields (void)
{
  assert_records (",,\na,,b\n,\n", "1[][][]\n2[a][][b]\n3[][]\n");
  assert_records ("a,\n", "1[a][]\n");
  assert_records ("a,", "1[a][]\n");
  assert_records (",a", "1[][a]\n");
  assert_records ("\"\"\n", "1[]\n");
  assert_records ("\"\",\"\"", "1[][]\n");
  assert_records ("a,\"\",b\r\n", "1[a][][b]\n");
}

static void
test_quoted (void)
{
  assert_records ("\"a,b\",\"say \"\"hi\"\"\",\"\"\n", "1[a,b][say \"hi\"][]\n");
  assert_records ("\"\"\"\"", "1[\"]\n");
  assert_records ("\"\"\"\"\"\",x", "1[\"\"][x]\n");
  assert_records ("\"ends with quote\"\"\"\n", "1[ends with quote\"]\n");
  assert_records ("\"„ü“, \"\"日本\"\"\"", "1[„ü“, \"日本\"]\n");
  /* Inside quotes everything is data, a lone CR included. */
  assert_records ("\"a\rb\",c\n", "1[a\rb][c]\n");
}

/* A CR LF inside a quoted field is a line break like LF, as a spreadsheet that ends its lines
 * with CR LF writes one in a cell; the line numbers count it once. */
static void
test_quoted_crlf (void)
{
  assert_records ("\"one\r\ntwo\",x\r\ny,z\r\n", "1[one\ntwo][x]\n3[y][z]\n");
  assert_records ("\"\r\n\",\"\r\n\r\n\"\r\n", "1[\n][\n\n]\n");
  assert_records ("\"a\"\"\r\n\"\"b\"\n", "1[a\"\n\"b]\n");
  assert_records ("\"mixed\nends\r\nhere\"", "1[mixed\nends\nhere]\n");
  assert_records ("\"ends with CR\r\"", "1[ends with CR\r]\n");
  assert_error ("\"one\r\ntwo\" x", "", "2:5: unexpected text after the closing quote");
}

static void
test_multi_line (void)
{
  /* Line numbers of the records after a multi-line field count its lines. */
  assert_records ("1,\"line one\nline two\n\",x\n"
                  "2,y,z\n"
                  "\"a\r\nb\",c\r\n"
                  "3,\"\"\"\"\n"
                  "\"\n\n\n\"\n"
                  "4\n",
                  "1[1][line one\nline two\n][x]\n"
                  "4[2][y][z]\n"
                  "5[a\nb][c]\n"
                  "7[3][\"]\n"
                  "8[\n\n\n]\n"
                  "12[4]\n");
}

static void
test_line_ends (void)
{
  assert_records ("a,b\r\nc,d\r\n", "1[a][b]\n2[c][d]\n");
  assert_records ("a,b\r\nc,d", "1[a][b]\n2[c][d]\n");
  assert_records ("a,b\nc,d\r\ne\n", "1[a][b]\n2[c][d]\n3[e]\n");
  assert_records ("\"a\"\r\n\"b\"\n\"c\"", "1[a]\n2[b]\n3[c]\n");
  /* Blank lines are skipped but counted. */
  assert_records ("\n\na,b\n\n\r\nc\n\n", "3[a][b]\n6[c]\n");
}

static void
test_bom (void)
{
  assert_records ("\xEF\xBB\xBFtime,actor\r\n1,2\r\n", "1[time][actor]\n2[1][2]\n");
  assert_records ("\xEF\xBB\xBF\"time\",actor", "1[time][actor]\n");
  /* Only a leading BOM is skipped; elsewhere it is text. */
  assert_records ("a,\xEF\xBB\xBF" "b\n", "1[a][\xEF\xBB\xBF" "b]\n");
  /* The BOM takes no column. */
  assert_error ("\xEF\xBB\xBF" "a\"b", "", "1:2: a quote inside an unquoted field");
}

/* ------------------------------------------------------------------------------------------ */
/* Errors                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
test_error_unterminated (void)
{
  assert_error ("a,b\nc,d\n1,2,\"open\nmore\n", "1[a][b]\n2[c][d]\n",
                "5:1: the quoted field starting at 3:5 is never closed");
  assert_error ("\"", "", "1:2: the quoted field starting at 1:1 is never closed");
  assert_error ("x,\"ab\"\"", "", "1:8: the quoted field starting at 1:3 is never closed");
  assert_error ("ü,\"ö", "", "1:5: the quoted field starting at 1:3 is never closed");
}

static void
test_error_quote_in_unquoted (void)
{
  assert_error ("a,b\"c\n", "", "1:4: a quote inside an unquoted field");
  assert_error ("ok\nü,ab\"\n", "1[ok]\n", "2:5: a quote inside an unquoted field");
  assert_error (" \"a\"", "", "1:2: a quote inside an unquoted field");
}

static void
test_error_after_quote (void)
{
  assert_error ("\"ab\"c,d", "", "1:5: unexpected text after the closing quote");
  assert_error ("\"ab\" ,d", "", "1:5: unexpected text after the closing quote");
  assert_error ("x,\"ü\"ü", "", "1:6: unexpected text after the closing quote");
  /* The column restarts on the lines of a multi-line field. */
  assert_error ("\"a\nbc\"x", "", "2:4: unexpected text after the closing quote");
}

static void
test_error_utf8 (void)
{
  assert_error ("ok,Zü\xff", "", "1:6: the text is not valid UTF-8");
  assert_error ("abc\xe2\x82", "", "1:4: the text is not valid UTF-8");
  assert_error ("a\n\"x\ny\xc3\"", "1[a]\n", "3:2: the text is not valid UTF-8");
  /* An overlong encoding and an encoded surrogate are not UTF-8 either. */
  assert_error ("\xc0\xaf", "", "1:1: the text is not valid UTF-8");
  assert_error ("a,\"\xed\xa0\x80\"", "", "1:4: the text is not valid UTF-8");
  assert_error ("\"a\"\x80", "", "1:4: the text is not valid UTF-8");
}

static void
test_error_nul (void)
{
  assert_error_len ("a,b\nc\0d", 7, PM_ERROR_SYNTAX, "1[a][b]\n",
                    "2:2: a NUL byte is not allowed");
  assert_error_len ("\"ü\0\"", 5, PM_ERROR_SYNTAX, "", "1:3: a NUL byte is not allowed");
  assert_error_len ("\"a\"\0", 4, PM_ERROR_SYNTAX, "", "1:4: a NUL byte is not allowed");
}

static void
test_error_lone_cr (void)
{
  assert_error ("a\rb,c", "", "1:2: a carriage return that does not end a line");
  assert_error ("a,b\r", "", "1:4: a carriage return that does not end a line");
  assert_error ("x\n\rb", "1[x]\n", "2:1: a carriage return that does not end a line");
  assert_error ("\"a\"\rb", "", "1:4: a carriage return that does not end a line");
}

static void
test_error_limit (void)
{
  g_autoptr(GString) csv = g_string_new ("first\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;

  /* A record of exactly the limit is fine; its CR LF does not count. */
  g_string_append_c (csv, 'x');
  for (guint i = 1; i < PM_LIMIT_CSV_LINE_BYTES; i++)
    g_string_append_c (csv, i % 100 == 0 ? ',' : 'a');
  g_string_append (csv, "\r\n");
  g_assert_cmpuint (csv->len, ==, 6 + PM_LIMIT_CSV_LINE_BYTES + 2);
  {
    g_autoptr(PmCsvReader) reader = pm_csv_reader_new (csv->str, csv->len);
    g_auto(GStrv) first = NULL;
    g_auto(GStrv) second = NULL;
    guint line = 0;

    g_assert_true (pm_csv_reader_next (reader, &first, &line, &error));
    g_assert_true (pm_csv_reader_next (reader, &second, &line, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (line, ==, 2);
    g_assert_cmpuint (g_strv_length (second), ==, (PM_LIMIT_CSV_LINE_BYTES - 1) / 100 + 1);
  }

  /* One byte more is refused, at the first byte past the limit. */
  g_string_truncate (csv, csv->len - 2);
  g_string_append (csv, "c\n");
  expected = g_strdup_printf ("2:%d: the record starting on line 2 is longer than the limit",
                              PM_LIMIT_CSV_LINE_BYTES + 1);
  assert_error_len (csv->str, csv->len, PM_ERROR_LIMIT, "1[first]\n", expected);

  /* So is a comma past it. */
  g_string_truncate (csv, csv->len - 2);
  g_string_append (csv, ",\n");
  assert_error_len (csv->str, csv->len, PM_ERROR_LIMIT, "1[first]\n", expected);

  /* A quote that is never closed swallows the rest of a long file: the limit stops it, and
   * the message points at the quote. */
  g_string_assign (csv, "first\n\"stray quote,");
  for (guint i = 0; i < PM_LIMIT_CSV_LINE_BYTES; i += 10)
    g_string_append (csv, "text,text\n");
  got = dump_len (csv->str, csv->len, &error);
  g_assert_cmpstr (got, ==, "1[first]\n");
  g_assert_error (error, PM_ERROR, PM_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "is the quoted field starting at 2:1 ever closed?"));
}

static void
test_error_sticky (void)
{
  const char *data = "a\nb\"\nc\n";
  g_autoptr(PmCsvReader) reader = pm_csv_reader_new (data, strlen (data));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  char **none = NULL;
  guint line = 0;

  g_assert_true (pm_csv_reader_next (reader, &fields, &line, &error));
  g_assert_cmpstr (fields[0], ==, "a");

  for (guint i = 0; i < 2; i++)
    {
      g_assert_false (pm_csv_reader_next (reader, &none, &line, &error));
      g_assert_null (none);
      g_assert_error (error, PM_ERROR, PM_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, "2:2: "));
      g_clear_error (&error);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Size                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_large (void)
{
  g_autoptr(GString) csv = g_string_new ("time,actor,text,kind\r\n");
  g_autoptr(PmCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 20000;
  char **fields = NULL;
  guint line = 0, count = 0;
  gint64 start, elapsed;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "2017-02-28T09:%02u:00-08:00,S3 team,\"Step %u, with "
                            "\"\"quotes\"\" and\na line break\",response\r\n", i % 60, i);
  /* One field at the limit made only of escaped quotes. */
  g_string_append_c (csv, '"');
  for (guint i = 0; i < (PM_LIMIT_CSV_LINE_BYTES - 2) / 2; i++)
    g_string_append (csv, "\"\"");
  g_string_append (csv, "\"\r\n");

  reader = pm_csv_reader_new (csv->str, csv->len);
  start = g_get_monotonic_time ();
  while (pm_csv_reader_next (reader, &fields, &line, &error))
    {
      if (count > 0 && count <= n)
        {
          g_autofree char *text = g_strdup_printf ("Step %u, with \"quotes\" and\na line break",
                                                   count - 1);

          g_assert_cmpuint (g_strv_length (fields), ==, 4);
          g_assert_cmpstr (fields[2], ==, text);
          g_assert_cmpuint (line, ==, 2 * count);
        }
      else if (count > n)
        g_assert_cmpuint (strlen (fields[0]), ==, (PM_LIMIT_CSV_LINE_BYTES - 2) / 2);
      g_strfreev (fields);
      count++;
    }
  elapsed = g_get_monotonic_time () - start;

  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, n + 2);
  g_test_message ("read %" G_GSIZE_FORMAT " bytes in %" G_GINT64_FORMAT " us",
                  csv->len, elapsed);
}

/* ------------------------------------------------------------------------------------------ */
/* The real incidents, written out as a spreadsheet would and read back                       */
/* ------------------------------------------------------------------------------------------ */

static gboolean
needs_quotes (const char *field)
{
  return strpbrk (field, ",\"\r\n") != NULL;
}

static void
append_field (GString    *csv,
              const char *field,
              gboolean    always_quote,
              guint      *n_quoted)
{
  if (!always_quote && !needs_quotes (field))
    {
      g_string_append (csv, field);
      return;
    }

  if (needs_quotes (field))
    (*n_quoted)++;

  g_string_append_c (csv, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static const char *
member_or_empty (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "";
  g_assert_true (JSON_NODE_HOLDS_VALUE (node));
  return json_node_get_string (node);
}

static void
check_case (JsonArray  *events,
            const char *line_end,
            gboolean    always_quote,
            guint      *n_quoted)
{
  static const char * const columns[] = { "time", "actor", "text", "kind" };
  g_autoptr(GString) csv = g_string_new ("\xEF\xBB\xBF" "time,actor,text,kind");
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(PmCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n_events = json_array_get_length (events);
  guint line_number = 1, count = 0;
  char **fields = NULL;

  g_string_append (csv, line_end);
  for (guint i = 0; i < n_events; i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);
      gsize row_start;

      /* The line a row starts on: one more than the line breaks written so far. */
      line_number = 1;
      for (const char *p = csv->str; *p != '\0'; p++)
        line_number += *p == '\n';
      g_array_append_val (lines, line_number);

      row_start = csv->len;
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          if (c > 0)
            g_string_append_c (csv, ',');
          append_field (csv, member_or_empty (event, columns[c]), always_quote, n_quoted);
        }
      g_assert_cmpuint (csv->len, >, row_start);
      g_string_append (csv, line_end);
    }

  reader = pm_csv_reader_new (csv->str, csv->len);
  while (pm_csv_reader_next (reader, &fields, &line_number, &error))
    {
      g_assert_cmpuint (g_strv_length (fields), ==, G_N_ELEMENTS (columns));

      if (count == 0)
        {
          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            g_assert_cmpstr (fields[c], ==, columns[c]);
          g_assert_cmpuint (line_number, ==, 1);
        }
      else
        {
          JsonObject *event = json_array_get_object_element (events, count - 1);

          for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
            g_assert_cmpstr (fields[c], ==, member_or_empty (event, columns[c]));
          g_assert_cmpuint (line_number, ==, g_array_index (lines, guint, count - 1));
        }

      g_strfreev (fields);
      count++;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, n_events + 1);
}

static void
test_cases (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "data", "cases", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_files = 0;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonArray *events;
      guint n_quoted = 0;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      n_files++;

      path = g_build_filename (dir_path, name, NULL);
      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      events = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                             "events");
      g_assert_cmpuint (json_array_get_length (events), >, 0);

      check_case (events, "\n", FALSE, &n_quoted);
      check_case (events, "\r\n", FALSE, &n_quoted);
      check_case (events, "\r\n", TRUE, &n_quoted);

      /* Real text holds commas or quotes: the quoted path was taken. */
      g_test_message ("%s: %u fields needed quotes", name, n_quoted / 3);
      g_assert_cmpuint (n_quoted, >, 0);
    }

  g_assert_cmpuint (n_files, >=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/simple", test_simple);
  g_test_add_func ("/csv/empty-input", test_empty_input);
  g_test_add_func ("/csv/empty-fields", test_empty_fields);
  g_test_add_func ("/csv/quoted", test_quoted);
  g_test_add_func ("/csv/multi-line", test_multi_line);
  g_test_add_func ("/csv/quoted-crlf", test_quoted_crlf);
  g_test_add_func ("/csv/line-ends", test_line_ends);
  g_test_add_func ("/csv/bom", test_bom);
  g_test_add_func ("/csv/error/unterminated", test_error_unterminated);
  g_test_add_func ("/csv/error/quote-in-unquoted", test_error_quote_in_unquoted);
  g_test_add_func ("/csv/error/after-quote", test_error_after_quote);
  g_test_add_func ("/csv/error/utf8", test_error_utf8);
  g_test_add_func ("/csv/error/nul", test_error_nul);
  g_test_add_func ("/csv/error/lone-cr", test_error_lone_cr);
  g_test_add_func ("/csv/error/limit", test_error_limit);
  g_test_add_func ("/csv/error/sticky", test_error_sticky);
  g_test_add_func ("/csv/large", test_large);
  g_test_add_func ("/csv/cases", test_cases);

  return g_test_run ();
}
