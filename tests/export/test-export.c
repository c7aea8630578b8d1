/* test-export.c — publishing without a display: cleaning, escaping, links, determinism, the
 * one-page summary and what it leaves out, German, and hostile text in both formats
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "pm-document-format.h"
#include "pm-markdown-writer.h"
#include "pm-kind-colors.h"
#include "pm-pdf-writer.h"
#include "pm-pdf-writer-private.h"
#include "pm-timeline-lanes.h"

#include "test-util.h"

static void
init_options (PmExportOptions *options,
              PmExportKind     kind)
{
  static GDateTime *now = NULL;

  if (now == NULL)
    now = g_date_time_new_utc (2024, 12, 1, 9, 0, 0);
  pm_export_options_init (options);
  options->kind = kind;
  options->paper = PM_PAPER_A4;
  options->language = "en";
  options->now = now;
}

/* Whether the bytes hold @needle (PDF files hold NUL bytes: no string functions). */
static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);
  gsize len = strlen (needle);

  for (gsize i = 0; i + len <= size; i++)
    if (data[i] == (guint8)needle[0] && memcmp (data + i, needle, len) == 0)
      return TRUE;
  return FALSE;
}

static guint
count_substrings (const char *haystack,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p; p = strstr (p + strlen (needle), needle))
    n++;
  return n;
}

/* The text pdftotext finds in @bytes, or NULL when poppler-utils are missing. */
static char *
pdf_text (GBytes *bytes)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("pm-export-XXXXXX.pdf", &path, &error);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", NULL, "-", NULL };
  int status;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  close (fd);
  argv[3] = path;
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_unlink (path);
      return NULL;
    }
  g_unlink (path);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* ------------------------------------------------------------------------------------------ */
/* Cleaning and links                                                                         */
/* ------------------------------------------------------------------------------------------ */

static void
test_clean_text (void)
{
  static const struct { const char *in; PmCleanFlags flags; const char *out; } cases[] = {
    { "plain", 0, "plain" },
    { "a\xe2\x80\xae" "b\xe2\x81\xa6" "c\xe2\x81\xa9" "d", 0, "abcd" },     /* RLO, LRI, PDI */
    { "a\x01" "b\x7f" "c\xc2\x85" "d", 0, "abc\nd" },                      /* controls, NEL */
    { "one\r\ntwo\rthree", 0, "one\ntwo\nthree" },
    { "tab\there", 0, "tab here" },
    { "bad \xff byte", 0, "bad \xef\xbf\xbd byte" },
    { "   indented\n    code  \n", 0, "indented\ncode" },
    { "p1\n\n\n\np2", 0, "p1\n\np2" },
    { "line\nbreak", PM_CLEAN_SINGLE_LINE, "line break" },
    { "\xe2\x80\xa8sep\xe2\x80\xa9", 0, "sep" },
    { "x\xef\xbf\xbe" "y\xef\xb7\x90" "z", 0, "xyz" },                     /* noncharacters */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *clean = pm_export_clean_text (cases[i].in, cases[i].flags);

      g_assert_cmpstr (clean, ==, cases[i].out);
    }
}

static void
test_clean_marks_and_runs (void)
{
  g_autoptr(GString) marks = g_string_new ("e");
  g_autoptr(GString) token = g_string_new (NULL);
  g_autofree char *clean_marks = NULL;
  g_autofree char *clean_token = NULL;
  guint n_marks = 0, run = 0, longest = 0;

  for (guint i = 0; i < 20; i++)
    g_string_append (marks, "\xcc\x81");   /* U+0301 */
  clean_marks = pm_export_clean_text (marks->str, PM_CLEAN_DEFAULT);
  /* All 20 marks are kept, never more than PM_EXPORT_MAX_MARKS on one base. */
  for (const char *p = clean_marks; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x0301)
        {
          n_marks++;
          run++;
          g_assert_cmpuint (run, <=, PM_EXPORT_MAX_MARKS);
        }
      else
        run = 0;
    }
  g_assert_cmpuint (n_marks, ==, 20);
  g_assert_cmpuint (count_substrings (clean_marks, "\xe2\x97\x8c"), ==, 2);  /* U+25CC */

  for (guint i = 0; i < 1000; i++)
    g_string_append_c (token, 'a' + i % 26);
  clean_token = pm_export_clean_text (token->str, PM_CLEAN_FOR_LAYOUT);
  run = 0;
  for (const char *p = clean_token; *p; p = g_utf8_next_char (p))
    {
      if (g_utf8_get_char (p) == 0x200B)
        run = 0;
      else
        run++;
      longest = MAX (longest, run);
    }
  g_assert_cmpuint (longest, <=, PM_EXPORT_MAX_RUN);
  {
    g_autofree char *back = pm_export_strip_space (clean_token);

    g_assert_cmpstr (back, ==, token->str);
  }
}

static void
test_safe_url (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "https://tickets.example.com/browse/SEC-1", "https://tickets.example.com/browse/SEC-1" },
    { "HTTP://example.com/a?b=1&c=2#d", "HTTP://example.com/a?b=1&c=2#d" },
    { "mailto:security@example.com", "mailto:security@example.com" },
    { "  https://example.com/x  ", "https://example.com/x" },
    { "https://example.com/a b", "https://example.com/a%20b" },
    { "https://example.com/(x)'\"<>\\`", "https://example.com/%28x%29%27%22%3C%3E%5C%60" },
    { "https://example.com/ü", "https://example.com/%C3%BC" },
    { "https://example.com/100%", "https://example.com/100%25" },
    { "https://example.com/%41", "https://example.com/%41" },
    { "https://exa\xe2\x80\xaemple.com", "https://example.com" },
    { "javascript:alert(1)", NULL },
    { "JavaScript:alert(1)", NULL },
    { "data:text/html,<b>", NULL },
    { "file:///etc/passwd", NULL },
    { "//example.com", NULL },
    { "https://", NULL },
    { "example.com", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = pm_export_safe_url (cases[i].in);

      g_assert_cmpstr (safe, ==, cases[i].out);
    }
  g_assert_null (pm_export_safe_url (NULL));
}

/* U+2060 WORD JOINER */
#define WJ "\xe2\x81\xa0"

static void
test_markdown_escape (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "plain words, a: b; c/d? 'e' \"f\" 100% @g!", "plain words, a: b; c/d? 'e' \"f\" 100% @g!" },
    { "# heading", "\\# heading" },
    { "- item", "\\- item" },
    { "+ item", "\\+ item" },
    { "> quote", "\\> quote" },
    { "===", "\\===" },
    { "1. first", "1\\. first" },
    { "2024) x", "2024\\) x" },
    { "26.10.2024", "26.10.2024" },
    { "a - b", "a - b" },
    { "<script>", "\\<script>" },
    { "<!-- hide", "\\<!-- hide" },
    { "[x](javascript:y)", "\\[x\\](javascript:y)" },
    { "![img](http://t)", "!\\[img\\](http" WJ "://t)" },
    { "*em* _em_ `code`", "\\*em\\* \\_em\\_ \\`code\\`" },
    { "RELEASE_DEPLOY_KEY", "RELEASE_DEPLOY_KEY" },
    { "a|b", "a\\|b" },
    { "&amp; &#32;", "\\&amp; \\&\\#32;" },
    { "~~strike~~ $math$ {attr} ^sup", "\\~\\~strike\\~\\~ \\$math\\$ \\{attr\\} \\^sup" },
    { "trailing\\", "trailing\\\\" },
    { "line\n# two", "line\n\\# two" },
    /* GFM autolinks: the pattern is broken by an invisible word joiner. */
    { "see www.example.com", "see www" WJ ".example.com" },
    { "WWW.EXAMPLE.COM and Www.x.y", "WWW" WJ ".EXAMPLE.COM and Www" WJ ".x.y" },
    { "https://evil.example/x ftp://f", "https" WJ "://evil.example/x ftp" WJ "://f" },
    { "mail a.b-c+d_e@x.example", "mail a.b-c+d_e" WJ "@x.example" },
    { "mailto:me@x.example xmpp:me@x.example/r", "mailto:me" WJ "@x.example xmpp:me" WJ "@x.example/r" },
    { "@alice www", "@alice www" },
    { "10:30 a.m. wwwx.com ww.x", "10:30 a.m. wwwx.com ww.x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      pm_markdown_escape (out, cases[i].in, FALSE);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }

  {
    g_autoptr(GString) out = g_string_new (NULL);

    pm_markdown_escape (out, "one\ntwo", TRUE);
    g_assert_cmpstr (out->str, ==, "one<br>two");
  }
}

/* ------------------------------------------------------------------------------------------ */
/* Determinism and structure                                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
test_markdown_deterministic (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  g_autoptr(PmDocument) again = pm_test_load_example ();
  PmExportOptions options;

  for (guint kind = 0; kind < 2; kind++)
    {
      g_autofree char *first = NULL, *second = NULL, *third = NULL;

      init_options (&options, kind);
      first = pm_markdown_writer_write (document, &options);
      second = pm_markdown_writer_write (document, &options);
      third = pm_markdown_writer_write (again, &options);
      g_assert_cmpstr (first, ==, second);
      g_assert_cmpstr (first, ==, third);
      g_assert_true (g_str_has_suffix (first, "\n"));
      g_assert_false (g_str_has_suffix (first, "\n\n"));
      g_assert_null (strchr (first, '\r'));
    }
}

static void
test_markdown_protocol_content (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  PmExportOptions options;
  g_autofree char *markdown = NULL;
  GListModel *events = pm_document_get_events (document);

  init_options (&options, PM_EXPORT_PROTOCOL);
  markdown = pm_markdown_writer_write (document, &options);

  g_assert_true (g_str_has_prefix (markdown, "# Leaked CI deploy key"));
  g_assert_nonnull (strstr (markdown, "\n## Timeline\n"));
  g_assert_nonnull (strstr (markdown, "\n## Root causes\n"));
  g_assert_nonnull (strstr (markdown, "\n## Measures\n"));
  g_assert_nonnull (strstr (markdown, "\n## Follow-ups\n"));
  g_assert_nonnull (strstr (markdown, "\n## Lessons\n"));
  g_assert_nonnull (strstr (markdown, "\n## Open method findings\n"));
  /* The ticket is a link; the reference too. */
  g_assert_nonnull (strstr (markdown, "[SEC-2024-018](https://tickets.example.com/browse/SEC-2024-018)"));
  /* Times in the document's zone, with the offset; an unknown time in its place. */
  g_assert_nonnull (strstr (markdown, "| 1 | *time unknown* |"));
  g_assert_nonnull (strstr (markdown, "26 Oct 2024 03:47:19 +02:00"));
  g_assert_nonnull (strstr (markdown, "entered as 25 Oct 2024 18:47:19 −07:00"));
  /* One table row per event. */
  g_assert_cmpuint (count_substrings (markdown, "\n| "), >=, g_list_model_get_n_items (events));
}

static void
test_pdf_deterministic (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  PmExportOptions options;

  for (guint kind = 0; kind < 2; kind++)
    {
      g_autoptr(PmPdfWriter) a = NULL, b = NULL;
      g_autoptr(GBytes) first = NULL, second = NULL;
      g_autoptr(GError) error = NULL;

      init_options (&options, kind);
      a = pm_pdf_writer_new (document, &options, 0, 0);
      b = pm_pdf_writer_new (document, &options, 0, 0);
      first = pm_pdf_writer_write_bytes (a, &error);
      g_assert_no_error (error);
      second = pm_pdf_writer_write_bytes (b, &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (first, second));
      /* The creation date is the export's moment. */
      g_assert_true (bytes_contain (first, "/CreationDate (20241201090000Z)"));
    }
}

static void
test_pdf_links_and_outline (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  g_autoptr(PmPdfWriter) writer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PmExportOptions options;

  init_options (&options, PM_EXPORT_PROTOCOL);
  writer = pm_pdf_writer_new (document, &options, 0, 0);
  bytes = pm_pdf_writer_write_bytes (writer, NULL);
  g_assert_true (bytes_contain (bytes, "/URI (https://tickets.example.com/browse/SEC-2024-018)"));
  g_assert_true (bytes_contain (bytes, "/URI (https://ci.example.com/kranich/sync-plugin-sdk/-/jobs/512907)"));
  g_assert_true (bytes_contain (bytes, "/Type /Outlines"));
  g_assert_true (bytes_contain (bytes, "/Title (Root causes)"));
  g_assert_cmpuint (pm_pdf_writer_get_n_pages (writer), >=, 5);
}

static void
test_pdf_paper (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  PmExportOptions options;
  double width, height;

  init_options (&options, PM_EXPORT_SUMMARY);
  options.paper = PM_PAPER_LETTER;
  {
    g_autoptr(PmPdfWriter) writer = pm_pdf_writer_new (document, &options, 0, 0);

    pm_pdf_writer_get_page_size (writer, &width, &height);
    g_assert_cmpfloat (width, ==, 612);
    g_assert_cmpfloat (height, ==, 792);
    g_assert_cmpuint (pm_pdf_writer_get_n_pages (writer), ==, 1);
  }
  options.paper = PM_PAPER_A4;
  {
    g_autoptr(PmPdfWriter) writer = pm_pdf_writer_new (document, &options, 0, 0);

    pm_pdf_writer_get_page_size (writer, &width, &height);
    g_assert_cmpfloat (ABS (width - 595.276), <, 0.01);
    g_assert_cmpfloat (ABS (height - 841.89), <, 0.01);
    g_assert_cmpuint (pm_pdf_writer_get_n_pages (writer), ==, 1);
  }
  g_assert_true (pm_export_paper_from_string ("letter", &options.paper));
  g_assert_cmpint (options.paper, ==, PM_PAPER_LETTER);
  g_assert_true (pm_export_paper_from_string ("a4", &options.paper));
  g_assert_cmpint (options.paper, ==, PM_PAPER_A4);
  g_assert_false (pm_export_paper_from_string ("a5", &options.paper));
}

/* ------------------------------------------------------------------------------------------ */
/* The manager summary                                                                        */
/* ------------------------------------------------------------------------------------------ */

static PmMeasure *
add_measure (PmDocument *document,
             const char *id,
             const char *title,
             const char *escalation,
             gboolean    summary,
             gboolean    confidential)
{
  g_autoptr(PmMeasure) measure = pm_measure_new (id);

  pm_measure_set_title (measure, title);
  pm_measure_set_escalation (measure, escalation);
  pm_measure_set_summary (measure, summary);
  pm_measure_set_confidential (measure, confidential);
  pm_measure_set_benefit (measure, "Fewer incidents of this kind, and faster detection when they happen.");
  pm_measure_set_cost_amount (measure, 12000);
  pm_measure_set_cost_currency (measure, "EUR");
  pm_document_append (document, pm_document_get_measures (document), measure);
  return measure;
}

static void
test_summary_selection (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  g_autoptr(GPtrArray) chosen = NULL;
  guint n_marked;

  add_measure (document, "m-1", "One", NULL, TRUE, FALSE);
  add_measure (document, "m-2", "Two", NULL, TRUE, FALSE);
  add_measure (document, "m-3", "Secret", "The board", TRUE, TRUE);
  add_measure (document, "m-4", "Three", NULL, TRUE, FALSE);
  add_measure (document, "m-5", "Escalated", "The CISO", TRUE, FALSE);
  add_measure (document, "m-6", "Four", NULL, FALSE, FALSE);
  add_measure (document, "m-7", "Five", NULL, TRUE, FALSE);
  add_measure (document, "m-8", "Six", NULL, TRUE, FALSE);
  add_measure (document, "m-9", "Escalated too", "Finance", TRUE, FALSE);

  chosen = pm_export_summary_measures (document, &n_marked);
  /* Confidential ones do not count and do not show; escalations first; at most five. */
  g_assert_cmpuint (n_marked, ==, 7);
  g_assert_cmpuint (chosen->len, ==, PM_EXPORT_SUMMARY_MEASURES);
  g_assert_cmpstr (pm_measure_get_id (chosen->pdata[0]), ==, "m-5");
  g_assert_cmpstr (pm_measure_get_id (chosen->pdata[1]), ==, "m-9");
  g_assert_cmpstr (pm_measure_get_id (chosen->pdata[2]), ==, "m-1");
  g_assert_cmpstr (pm_measure_get_id (chosen->pdata[3]), ==, "m-2");
  g_assert_cmpstr (pm_measure_get_id (chosen->pdata[4]), ==, "m-4");
  g_clear_pointer (&chosen, g_ptr_array_unref);

  /* Nothing marked: the open escalations, never the confidential one. */
  {
    g_autoptr(PmDocument) none = pm_document_new ();

    add_measure (none, "m-1", "Plain", NULL, FALSE, FALSE);
    add_measure (none, "m-2", "Secret escalation", "The board", FALSE, TRUE);
    add_measure (none, "m-3", "Open escalation", "The CISO", FALSE, FALSE);
    chosen = pm_export_summary_measures (none, &n_marked);
    g_assert_cmpuint (n_marked, ==, 0);
    g_assert_cmpuint (chosen->len, ==, 1);
    g_assert_cmpstr (pm_measure_get_id (chosen->pdata[0]), ==, "m-3");
  }
}

static void
test_summary_leaves_out (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  PmExportOptions options;
  g_autofree char *summary = NULL, *protocol = NULL;
  PmMeasure *measure;
  PmEvent *event;

  /* A confidential measure marked for the summary, and a confidential event. */
  measure = add_measure (document, "m-secret", "Rotate the hardware security module with vendor X",
                         NULL, TRUE, TRUE);
  (void)measure;
  event = pm_document_find_event (document, "ev-09");
  pm_event_set_confidential (event, TRUE);

  init_options (&options, PM_EXPORT_SUMMARY);
  summary = pm_markdown_writer_write (document, &options);
  g_assert_null (strstr (summary, "hardware security module"));
  g_assert_null (strstr (summary, pm_event_get_text (event)));
  /* The example marks three measures; the summary shows them, escalation first. */
  g_assert_nonnull (strstr (summary, "Weekend security on-call"));
  g_assert_true (strstr (summary, "Weekend security on-call") < strstr (summary, "Replace the shared deploy key"));
  g_assert_null (strstr (summary, "laundry list"));
  /* Progress counts every measure: figures give nothing away. */
  g_assert_nonnull (strstr (summary, "9 measures:"));

  init_options (&options, PM_EXPORT_PROTOCOL);
  protocol = pm_markdown_writer_write (document, &options);
  g_assert_nonnull (strstr (protocol, "hardware security module"));
  g_assert_nonnull (strstr (protocol, "for the team only"));
}

static void
test_summary_laundry_list (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  GListModel *measures = pm_document_get_measures (document);
  PmExportOptions options;
  g_autofree char *markdown = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (measures); i++)
    {
      g_autoptr(PmMeasure) measure = g_list_model_get_item (measures, i);

      pm_measure_set_summary (measure, TRUE);
    }
  init_options (&options, PM_EXPORT_SUMMARY);
  markdown = pm_markdown_writer_write (document, &options);
  g_assert_nonnull (strstr (markdown, "8 measures are marked for this summary; it shows the first 5."));
  {
    g_autoptr(PmPdfWriter) writer = pm_pdf_writer_new (document, &options, 0, 0);
    g_autoptr(GBytes) bytes = pm_pdf_writer_write_bytes (writer, NULL);
    g_autofree char *text = pdf_text (bytes);

    g_assert_cmpuint (pm_pdf_writer_get_n_pages (writer), ==, 1);
    if (text != NULL)
      g_assert_nonnull (strstr (text, "laundry list"));
  }
}

/* Everything a summary could hold, at the limits: still one page. */
static void
test_summary_one_page_when_full (void)
{
  g_autoptr(PmDocument) document = pm_test_load_example ();
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(GString) long_title = g_string_new (NULL);
  PmExportOptions options;

  while (long_text->len < 60000)
    g_string_append (long_text, "The quick brown fox jumps over the lazy dog again and again. ");
  while (g_utf8_strlen (long_title->str, -1) < 250)
    g_string_append (long_title, "Very long measure title ");

  pm_document_set (document, document, "title", long_title->str, "teaser", long_text->str,
                   "affected", long_text->str, "risk", long_text->str, NULL);
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *id = g_strdup_printf ("rc-extra-%u", i);
      g_autoptr(PmRootCause) root_cause = pm_root_cause_new (id);

      pm_root_cause_set_title (root_cause, long_title->str);
      pm_document_append (document, pm_document_get_root_causes (document), root_cause);
    }
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("m-extra-%u", i);
      PmMeasure *measure = add_measure (document, id, long_title->str, i % 2 ? long_title->str : NULL,
                                        TRUE, FALSE);

      pm_measure_set_benefit (measure, long_text->str);
      pm_measure_set_effort (measure, long_title->str);
    }

  for (guint paper = 0; paper < 2; paper++)
    {
      g_autoptr(PmPdfWriter) writer = NULL;

      init_options (&options, PM_EXPORT_SUMMARY);
      options.paper = paper;
      writer = pm_pdf_writer_new (document, &options, 0, 0);
      g_assert_cmpuint (pm_pdf_writer_get_n_pages (writer), ==, 1);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Hostile text                                                                               */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  const char *name;
  char       *text;
  char       *first;   /* what must come back, at the start and at the end */
  char       *last;
} Hostile;

static char *
repeat (const char *unit,
        guint       times)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (out, unit);
  return g_string_free (out, FALSE);
}

static void
hostile_init (Hostile *h,
              const char *name,
              char       *text,
              const char *first,
              const char *last)
{
  h->name = name;
  h->text = text;
  h->first = g_strdup (first);
  h->last = g_strdup (last);
}

/* Nothing of a page is drawn outside it: a page drawn into a larger canvas leaves the border
 * untouched. */
static void
assert_inside_page (PmPdfWriter *writer,
                    guint        page)
{
  const int border = 20;
  double width, height;
  cairo_surface_t *surface;
  cairo_t *cr;
  unsigned char *data;
  int stride, w, h;

  pm_pdf_writer_get_page_size (writer, &width, &height);
  w = (int)width + 2 * border;
  h = (int)height + 2 * border;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cr = cairo_create (surface);
  cairo_translate (cr, border, border);
  pm_pdf_writer_draw_page (writer, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      if (x < border - 1 || y < border - 1 || x > w - border || y > h - border)
        g_assert_cmpuint (((guint32 *)(data + y * stride))[x], ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_hostile_text (void)
{
  Hostile cases[5];
  g_autofree char *token = NULL;
  g_autofree char *marks = NULL;
  g_autofree char *bidi = NULL;
  g_autofree char *paragraph = NULL;

  /* A 64 KiB word */
  {
    GString *s = g_string_new (NULL);

    for (guint i = 0; s->len < 64 * 1024; i++)
      g_string_append_c (s, "abcdefghijklmnopqrstuvwxyz0123456789"[i % 36]);
    token = g_string_free (s, FALSE);
    hostile_init (&cases[0], "64 KiB word", g_strdup (token), "abcdefghijklmnopqrstuvwxyz012345",
                  token + strlen (token) - 32);
  }
  /* 50,000 combining marks on one base */
  marks = repeat ("\xcc\x81", 50000);
  hostile_init (&cases[1], "50,000 combining marks", g_strconcat ("BASE-MARKS e", marks, " END-MARKS", NULL),
                "BASE-MARKS", "END-MARKS");
  /* 2,000 bidi override runs */
  bidi = repeat ("\xe2\x80\xae" "txet\xe2\x80\xac ", 2000);
  hostile_init (&cases[2], "2,000 bidi overrides", g_strconcat ("BIDI-START ", bidi, "BIDI-END", NULL),
                "BIDI-START", "BIDI-END");
  /* C0 and C1 controls */
  hostile_init (&cases[3], "control characters",
                g_strdup ("CTRL-START \x01\x02\x03\x07\x08\x0b\x0c\x0e\x1b[31m\x1f\x7f \xc2\x80\xc2\x9b\xc2\x9f CTRL-END"),
                "CTRL-START", "CTRL-END");
  /* A 300 KB paragraph */
  {
    GString *s = g_string_new ("PARA-START ");

    while (s->len < 300 * 1000)
      g_string_append (s, "lorem ipsum dolor sit amet consectetur adipiscing elit ");
    g_string_append (s, "PARA-END");
    paragraph = g_string_free (s, FALSE);
    hostile_init (&cases[4], "300 KB paragraph", g_strdup (paragraph), "PARA-START", "PARA-END");
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PmDocument) document = pm_document_new ();
      g_autoptr(PmEvent) event = pm_event_new ("ev-1");
      g_autoptr(PmRootCause) root_cause = pm_root_cause_new ("rc-1");
      g_autoptr(PmMeasure) measure = pm_measure_new ("m-1");
      PmExportOptions options;
      gint64 start;
      double seconds;

      pm_document_set (document, document, "title", "Hostile", "summary", cases[i].text,
                       "teaser", cases[i].text, "risk", cases[i].text, NULL);
      pm_event_set_text (event, cases[i].text);
      pm_event_set_actor (event, cases[i].text);
      pm_document_add_event (document, event);
      pm_root_cause_set_title (root_cause, cases[i].text);
      pm_root_cause_set_description (root_cause, cases[i].text);
      pm_document_append (document, pm_document_get_root_causes (document), root_cause);
      pm_measure_set_title (measure, cases[i].text);
      pm_measure_set_benefit (measure, cases[i].text);
      pm_measure_set_summary (measure, TRUE);
      pm_document_append (document, pm_document_get_measures (document), measure);

      for (guint kind = 0; kind < 2; kind++)
        {
          g_autoptr(PmPdfWriter) writer = NULL;
          g_autoptr(GBytes) bytes = NULL;
          g_autofree char *markdown = NULL;
          g_autofree char *text = NULL;
          g_autofree char *compact = NULL;

          init_options (&options, kind);
          start = g_get_monotonic_time ();
          markdown = pm_markdown_writer_write (document, &options);
          writer = pm_pdf_writer_new (document, &options, 0, 0);
          bytes = pm_pdf_writer_write_bytes (writer, NULL);
          seconds = (g_get_monotonic_time () - start) / 1e6;
          g_test_message ("%s, %s: %.2f s, %u pages", cases[i].name, kind ? "summary" : "protocol",
                          seconds, pm_pdf_writer_get_n_pages (writer));
          /* Reported, not asserted: speed is measured by the benchmarks (a quadratic layout
           * would hang until the suite's timeout), and a busy or sanitised build is slower. */
          g_assert_nonnull (bytes);
          if (kind == PM_EXPORT_SUMMARY)
            g_assert_cmpuint (pm_pdf_writer_get_n_pages (writer), ==, 1);

          /* Markdown keeps the text, escaped; no bidi controls, no control characters. */
          g_assert_nonnull (strstr (markdown, cases[i].first));
          g_assert_nonnull (strstr (markdown, cases[i].last));
          g_assert_null (strstr (markdown, "\xe2\x80\xae"));
          g_assert_null (strstr (markdown, "\x1b"));

          for (guint page = 0; page < MIN (pm_pdf_writer_get_n_pages (writer), 2); page++)
            assert_inside_page (writer, page);

          /* The full protocol keeps all the text: its first and last characters are there. */
          if (kind == PM_EXPORT_PROTOCOL && (text = pdf_text (bytes)) != NULL)
            {
              compact = pm_export_strip_space (text);
              g_assert_nonnull (strstr (compact, cases[i].first));
              g_assert_nonnull (strstr (compact, cases[i].last));
            }
        }
      g_free (cases[i].text);
      g_free (cases[i].first);
      g_free (cases[i].last);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* German                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* What gettext gives for @msgid in German (with @context), or NULL without a translation. */
static char *
german (const char *context,
        const char *msgid)
{
  PmExportLanguage *saved = pm_export_language_push ("de");
  g_autofree char *key = context ? g_strconcat (context, "\004", msgid, NULL) : g_strdup (msgid);
  const char *translation = dgettext (GETTEXT_PACKAGE, key);
  char *result = NULL;

  if (translation != key && g_strcmp0 (translation, key) != 0)
    result = g_strdup (translation);
  pm_export_language_pop (saved);
  return result;
}

static void
test_german (void)
{
  static const char * const headings[] = {
    "What happened", "Impact", "Timeline", "Root causes", "Measures", "Follow-ups", "Lessons",
    "Open method findings", "Participants", "Postmortem protocol",
  };
  g_autoptr(PmDocument) document = pm_test_load_example ();
  PmExportOptions options;
  g_autofree char *english = NULL, *deutsch = NULL, *summary = NULL;
  g_autofree char *high = german ("severity", "High");
  g_autofree char *short_date = german ("short date", "{d} {mon} {yyyy}");

  if (high == NULL)
    {
      g_test_skip ("no German catalogue in the build tree");
      return;
    }

  init_options (&options, PM_EXPORT_PROTOCOL);
  english = pm_markdown_writer_write (document, &options);
  options.language = "de";
  deutsch = pm_markdown_writer_write (document, &options);
  g_assert_cmpstr (english, !=, deutsch);
  g_assert_nonnull (strstr (deutsch, high));
  g_assert_null (strstr (deutsch, "| High |"));

  /* Every heading the translator has done is in the document. */
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    {
      g_autofree char *translation = german (NULL, headings[i]);

      if (translation != NULL)
        g_assert_nonnull (strstr (deutsch, translation));
    }
  if (short_date != NULL && g_str_equal (short_date, "{dd}.{mm}.{yyyy}"))
    g_assert_nonnull (strstr (deutsch, "26.10.2024 03:47:19 +02:00"));

  /* The language switch does not outlive the export. */
  {
    g_autofree char *after = pm_markdown_writer_write (document, &(PmExportOptions) {
      PM_EXPORT_PROTOCOL, PM_PAPER_A4, "en", options.now });

    g_assert_cmpstr (after, ==, english);
  }

  options.kind = PM_EXPORT_SUMMARY;
  {
    g_autoptr(PmPdfWriter) writer = pm_pdf_writer_new (document, &options, 0, 0);
    g_autoptr(GBytes) bytes = pm_pdf_writer_write_bytes (writer, NULL);
    g_autofree char *text = pdf_text (bytes);

    g_assert_cmpuint (pm_pdf_writer_get_n_pages (writer), ==, 1);
    if (text != NULL)
      g_assert_nonnull (strstr (text, high));
  }
}

/* ------------------------------------------------------------------------------------------ */
/* The timeline figure: the canvas's lanes and colours                                        */
/* ------------------------------------------------------------------------------------------ */

static void
add_lane_event (PmDocument *document,
                const char *id,
                gint64      unix_seconds,
                const char *lane,
                const char *kind)
{
  g_autoptr(PmEvent) event = pm_event_new (id);
  g_autoptr(PmTime) time = pm_time_new (unix_seconds, 0, PM_TIME_PRECISION_MINUTE);

  pm_event_set_time (event, time);
  g_object_set (event, "actor", "Ana", "lane", lane, "kind", kind, "text", "Something", NULL);
  pm_document_add_event (document, event);
}

/* The text of pdftotext -layout, or NULL when poppler-utils are missing. */
static char *
pdf_layout_text (GBytes *bytes)
{
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_file_open_tmp ("pm-export-XXXXXX.pdf", &path, &error);
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", NULL, "-", NULL };
  int status;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  close (fd);
  argv[4] = path;
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_unlink (path);
      return NULL;
    }
  g_unlink (path);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* A document's "lane-order" puts the figure's lanes in the order the canvas shows them (the
 * core model's), not in the order of the first events. */
static void
test_pdf_lane_order (void)
{
  g_autoptr(PmDocument) document = pm_document_new ();
  const char *order[] = { "Comms", "Platform", NULL };
  g_autoptr(GPtrArray) model = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(PmPdfWriter) writer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  PmExportOptions options;
  gboolean found = FALSE;

  add_lane_event (document, "e1", 1700000000, "CICD", "trigger");
  add_lane_event (document, "e2", 1700000600, "Platform", "detection");
  add_lane_event (document, "e3", 1700001200, "Comms", "communication");
  add_lane_event (document, "e4", 1700001800, "CICD", "recovery");
  pm_document_set (document, document, "lane-order", order, NULL);

  /* the writer's own columns equal the core model's lanes */
  model = pm_timeline_lanes_compute (document, PM_LANE_MODE_LANE, NULL);
  names = _pm_pdf_figure_lane_names (document);
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_cmpuint (model->len, ==, 3);
  for (guint i = 0; i < names->len; i++)
    g_assert_cmpstr (g_ptr_array_index (names, i), ==, g_ptr_array_index (model, i));
  g_assert_cmpstr (g_ptr_array_index (names, 0), ==, "Comms");
  g_assert_cmpstr (g_ptr_array_index (names, 1), ==, "Platform");
  g_assert_cmpstr (g_ptr_array_index (names, 2), ==, "CICD");

  /* and so does the page a reader sees: the lane header, left to right */
  init_options (&options, PM_EXPORT_PROTOCOL);
  writer = pm_pdf_writer_new (document, &options, 0, 0);
  bytes = pm_pdf_writer_write_bytes (writer, &error);
  g_assert_no_error (error);
  text = pdf_layout_text (bytes);
  if (text == NULL)
    {
      g_test_skip ("pdftotext is missing");
      return;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL && !found; i++)
    {
      const char *comms = strstr (lines[i], "Comms");
      const char *platform = strstr (lines[i], "Platform");
      const char *cicd = strstr (lines[i], "CICD");

      if (comms == NULL || platform == NULL || cicd == NULL)
        continue;
      g_assert_true (comms < platform);
      g_assert_true (platform < cicd);
      found = TRUE;
    }
  g_assert_true (found);
}

/* Detection is the same colour on paper as on screen: the PDF draws from the core table. */
static void
test_pdf_kind_colors (void)
{
  const char * const *kinds = pm_vocabulary_get_values (PM_VOCABULARY_EVENT_KIND);
  PmRgb detection = _pm_pdf_kind_color ("detection");
  double r, g, b;

  pm_kind_color_get ("detection", PM_KIND_PALETTE_REGULAR, &r, &g, &b);
  g_assert_cmpfloat (detection.r, ==, r);
  g_assert_cmpfloat (detection.g, ==, g);
  g_assert_cmpfloat (detection.b, ==, b);
  g_assert_cmphex (pm_kind_color_get_rgb ("detection", PM_KIND_PALETTE_REGULAR), ==, 0xe5a50a);

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      PmRgb color = _pm_pdf_kind_color (kinds[i]);

      pm_kind_color_get (kinds[i], PM_KIND_PALETTE_REGULAR, &r, &g, &b);
      g_assert_true (color.r == r && color.g == g && color.b == b);
    }
}

int
main (int    argc,
      char **argv)
{
  const char *localedir = g_getenv ("PMORTEM_LOCALEDIR");

  setlocale (LC_ALL, "");
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/clean-text", test_clean_text);
  g_test_add_func ("/export/clean-marks-and-runs", test_clean_marks_and_runs);
  g_test_add_func ("/export/safe-url", test_safe_url);
  g_test_add_func ("/export/markdown/escape", test_markdown_escape);
  g_test_add_func ("/export/markdown/deterministic", test_markdown_deterministic);
  g_test_add_func ("/export/markdown/protocol", test_markdown_protocol_content);
  g_test_add_func ("/export/pdf/deterministic", test_pdf_deterministic);
  g_test_add_func ("/export/pdf/links-and-outline", test_pdf_links_and_outline);
  g_test_add_func ("/export/pdf/paper", test_pdf_paper);
  g_test_add_func ("/export/pdf/lane-order", test_pdf_lane_order);
  g_test_add_func ("/export/pdf/kind-colors", test_pdf_kind_colors);
  g_test_add_func ("/export/summary/selection", test_summary_selection);
  g_test_add_func ("/export/summary/leaves-out", test_summary_leaves_out);
  g_test_add_func ("/export/summary/laundry-list", test_summary_laundry_list);
  g_test_add_func ("/export/summary/one-page-when-full", test_summary_one_page_when_full);
  g_test_add_func ("/export/hostile-text", test_hostile_text);
  g_test_add_func ("/export/german", test_german);

  return g_test_run ();
}
