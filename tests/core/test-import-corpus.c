/* test-import-corpus.c — real exports and logs of public projects (../shared/corpora/chat-import),
 * read as a user's would be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "import-test-util.h"
#include "pm-document-format.h"

/* Nothing we read carries the token Slack puts into url_private ("?t=xoxe-…"). */
static void
assert_no_token (PmImport *import)
{
  GPtrArray *messages = pm_import_get_messages (import);

  for (guint i = 0; i < messages->len; i++)
    {
      PmImportMessage *message = messages->pdata[i];

      g_assert_null (strstr (message->text, "xoxe-"));
      g_assert_null (strstr (message->source, "xoxe-"));
      for (guint j = 0; message->links && message->links[j]; j++)
        g_assert_null (strstr (message->links[j], "xoxe-"));
    }
}

static void
test_slack_zip (void)
{
  g_autofree char *path = corpus_path ("slack/hfaran-testarchive.zip");
  g_autoptr(PmImport) import = read_path (path, NULL);
  PmImportSelection botman;
  PmImportMessage *message;
  guint n_botman = 0;

  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_SLACK);
  /* 158 messages: 8 channel joins and 3 bots added are system messages. */
  g_assert_cmpuint (n_messages (import), ==, 147);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_SYSTEM), ==, 11);
  g_assert_cmpuint (pm_import_get_warnings (import)->len, ==, 0);

  /* In time order across both channels. */
  for (guint i = 1; i < n_messages (import); i++)
    g_assert_cmpint (message_at (import, i - 1)->unix_seconds, <=,
                     message_at (import, i)->unix_seconds);

  /* A mention resolved to the name users.json shows. */
  message = message_at (import, 0);
  g_assert_cmpstr (message->text, ==, "@abilinski: Created an issue for a setup.py so that it "
                                      "can be installed to a standard place");
  g_assert_cmpstr (message->author, ==, "hamza");
  g_assert_cmpstr (message->author_id, ==, "U0BMQB6JE");
  g_assert_true (strv_has (message->author_aliases, "Hamza Faran") ||
                 strv_has (message->author_aliases, "hamza"));
  g_assert_cmpstr (message->channel, ==, "enrique");
  g_assert_cmpstr (message->id, ==, "1452837352.000006");
  g_assert_cmpint (message->unix_seconds, ==, 1452837352);
  g_assert_cmpint (message->precision, ==, PM_TIME_PRECISION_EXACT);
  g_assert_false (message->has_offset);
  g_assert_cmpstr (message->source, ==,
                   "hfaran-testarchive.zip/enrique/2016-01-14.json, #enrique, message "
                   "1452837352.000006");

  /* A GitHub integration's post: empty text, the content in its attachment. */
  message = find_message (import, "ed1acbe: executor with simulated annealing rough draft");
  g_assert_cmpstr (message->text, ==, "[enrique:master] 1 new commit by Anthony Bilinski:\n"
                                      "ed1acbe: executor with simulated annealing rough draft - "
                                      "Anthony Bilinski");
  g_assert_cmpstr (message->author, ==, "B0JL6RASU");
  g_assert_true (strv_has (message->links, "https://github.com/mesos-magellan/enrique/commit/"
                                           "ed1acbe9837b5ddf91e93606b604df3c2b4e128f"));

  /* Entities, and the edited message. */
  message = find_message (import, ">\"Essentially what I'm getting");
  g_assert_true (g_str_has_prefix (message->text, ">\"Essentially"));
  message = find_message (import, "in <module>");
  g_assert_null (strstr (message->text, "&lt;"));
  message = find_message (import, "\"start_city\": \"Houston\"\n}```");
  g_assert_true (message->edited);

  /* A file share: the permalink is evidence; the link with the token is not copied. */
  message = find_message (import, "uploaded a file: 100 cities");
  g_assert_cmpstr (message->text, ==, "@doubledeez uploaded a file: 100 cities");
  g_assert_true (strv_has (message->links, "https://mesos-magellan.slack.com/files/U0BMS113R/"
                                           "F0VNAKDE2/100_cities.js"));
  assert_no_token (import);

  /* The one reaction. */
  g_assert_true (pm_import_selection_parse ("reaction::botman:", &botman, NULL));
  for (guint i = 0; i < n_messages (import); i++)
    n_botman += pm_import_message_is_selected (message_at (import, i), &botman);
  g_assert_cmpuint (n_botman, ==, 1);
}

/* The folder holds the same export as the zip: the same messages, evidence aside. */
static void
test_slack_folder (void)
{
  g_autofree char *zip = corpus_path ("slack/hfaran-testarchive.zip");
  g_autofree char *folder = corpus_path ("slack/hfaran-testarchive");
  g_autoptr(PmImport) from_zip = read_path (zip, NULL);
  g_autoptr(PmImport) from_folder = NULL;
  PmImportOptions options;

  pm_import_options_init (&options);
  options.include_system = TRUE;
  from_folder = read_path (folder, &options);
  g_assert_cmpuint (n_messages (from_folder), ==, 158);
  g_assert_true (message_at (from_folder, 0)->system);
  g_assert_cmpstr (message_at (from_folder, 0)->text, ==, "@hamza has joined the channel");

  g_clear_pointer (&from_folder, pm_import_free);
  from_folder = read_path (folder, NULL);
  g_assert_cmpuint (n_messages (from_folder), ==, n_messages (from_zip));
  for (guint i = 0; i < n_messages (from_zip); i++)
    {
      PmImportMessage *a = message_at (from_zip, i), *b = message_at (from_folder, i);

      g_assert_cmpint (a->unix_seconds, ==, b->unix_seconds);
      g_assert_cmpstr (a->text, ==, b->text);
      g_assert_cmpstr (a->author, ==, b->author);
      g_assert_true (g_str_has_prefix (b->source, "hfaran-testarchive/"));
    }
}

/* --since and --until: the day files outside are not even read. */
static void
test_slack_window (void)
{
  g_autofree char *zip = corpus_path ("slack/hfaran-testarchive.zip");
  g_autoptr(PmImport) import = NULL;
  PmImportOptions options;

  pm_import_options_init (&options);
  options.has_since = TRUE;
  options.since = utc (2016, 3, 26, 0, 0, 0);
  options.has_until = TRUE;
  options.until = utc (2016, 3, 26, 23, 59, 59);
  import = read_path (zip, &options);
  g_assert_cmpuint (n_messages (import), >, 0);
  for (guint i = 0; i < n_messages (import); i++)
    {
      g_assert_cmpint (message_at (import, i)->unix_seconds, >=, options.since);
      g_assert_cmpint (message_at (import, i)->unix_seconds, <=, options.until);
    }
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_OUTSIDE), >, 0);
}

static void
test_mattermost (void)
{
  g_autofree char *path = corpus_path ("mattermost/zulip-export.jsonl");
  g_autofree char *direct = corpus_path ("mattermost/zulip-direct_channel-export.jsonl");
  g_autoptr(PmImport) import = read_path (path, NULL);
  g_autoptr(PmImport) directs = read_path (direct, NULL);
  PmImportSelection tick;
  PmImportMessage *message;
  guint n_tick = 0;

  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_MATTERMOST);
  /* 21 messages, 8 of them "… joined the channel/team." and "… added to the channel by …" */
  g_assert_cmpuint (n_messages (import), ==, 13);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_SYSTEM), ==, 8);

  message = find_message (import, "The weather is so hot!");
  g_assert_cmpstr (message->author, ==, "ron");
  g_assert_cmpstr (message->channel, ==, "dumbledores-army");
  g_assert_nonnull (message->thread);
  g_assert_cmpint (message->unix_seconds, ==, 1553166584);
  g_assert_true (g_str_has_suffix (message->source, ", reply 1"));
  g_assert_true (strv_has (message->author_aliases, "Ron Weasley"));

  message = find_message (import, "Hello world");
  g_assert_true (strv_has (message->reactions, "tick"));
  g_assert_true (strv_has (message->reactions, "world_map"));
  g_assert_cmpstr (find_message (import, " 4")->text, ==, "🤣 4");

  g_assert_true (pm_import_selection_parse ("reaction:tick", &tick, NULL));
  for (guint i = 0; i < n_messages (import); i++)
    n_tick += pm_import_message_is_selected (message_at (import, i), &tick);
  g_assert_cmpuint (n_tick, ==, 2);

  g_assert_cmpuint (n_messages (directs), ==, 10);
  message = find_message (directs, "Who is going to Hogsmeade");
  g_assert_cmpstr (message->channel, ==, "ron, harry, ginny");
  message = find_message (directs, "hey harry");
  g_assert_true (strv_has (message->links, "20210622/teams/noteam/channels/mcrm7xee5bnpzn7u9ktsd91dwy/"
                                           "users/knq189b88fdxbdkeeasdynia4o/o3to4ezua3bajj31mzpkn96n5e/"
                                           "harry-ron.jpg"));
}

static void
test_matrix (void)
{
  g_autofree char *path = corpus_path ("matrix/matrix-rx-General6-element-export.json");
  g_autoptr(PmImport) import = read_path (path, NULL);
  PmImportMessage *message;
  guint n_threaded = 0;

  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_MATRIX);
  /* 40 events: 6 state events, 11 messages with an empty body. */
  g_assert_cmpuint (n_messages (import), ==, 23);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_SYSTEM), ==, 6);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_EMPTY), ==, 11);

  message = message_at (import, 0);
  g_assert_cmpstr (message->text, ==, "the careful textbooks measure");
  g_assert_cmpstr (message->author, ==, "metavlad");
  g_assert_cmpstr (message->author_id, ==, "@metavlad:matrix.org");
  g_assert_cmpstr (message->channel, ==, "General6");
  g_assert_cmpint (message->unix_seconds, ==, 1666745332);
  g_assert_cmpstr (message->id, ==, "$OH8NoPhsZVjzH63kVN-RlaCmoyFbWcUxh8khNJi8-v0");

  message = find_message (import, "- the heck");
  g_assert_true (g_str_has_suffix (message->text, "- on 😅"));
  for (guint i = 0; i < n_messages (import); i++)
    n_threaded += message_at (import, i)->thread != NULL;
  g_assert_cmpuint (n_threaded, ==, 2);

  {
    PmImportOptions options;
    g_autoptr(PmImport) all = NULL;

    pm_import_options_init (&options);
    options.include_system = TRUE;
    all = read_path (path, &options);
    g_assert_cmpuint (n_messages (all), ==, 29);
    g_assert_nonnull (find_message (all, "metavlad joined the room"));
    g_assert_nonnull (find_message (all, "named the room “General6”"));
  }
}

static void
test_irc (void)
{
  g_autofree char *path = corpus_path ("irc/#qtox_20160620.log.txt");
  g_autoptr(GTimeZone) london = g_time_zone_new_identifier ("Europe/London");
  g_autoptr(PmImport) import = NULL;
  PmImportOptions options;
  PmImportMessage *message;

  pm_import_options_init (&options);
  options.zone = london;
  import = read_path (path, &options);
  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_TRANSCRIPT);
  /* 103 said, 4 actions, 2 notices; 87 joins, parts, quits and nick changes */
  g_assert_cmpuint (n_messages (import), ==, 109);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_SYSTEM), ==, 87);

  /* The date from the file's name, the time in the bouncer's zone (BST). */
  message = message_at (import, 0);
  g_assert_cmpstr (message->author, ==, "zetok");
  g_assert_cmpstr (message->text, ==, "SkyzohKey: yeah, that changelog is broken");
  g_assert_cmpint (message->unix_seconds, ==, utc (2016, 6, 20, 7, 13, 31));
  g_assert_cmpint (message->precision, ==, PM_TIME_PRECISION_EXACT);
  g_assert_cmpuint (message->line, ==, 10);
  g_assert_cmpstr (message->source, ==, "#qtox_20160620.log.txt, line 10");

  message = find_message (import, "[qTox] sudden6 closed pull request #3418");
  g_assert_cmpstr (message->author, ==, "qtox-git-spam");
  message = find_message (import, "knows the feel");
  g_assert_cmpstr (message->author, ==, "zetok");
  g_assert_cmpstr (message->text, ==, "zetok knows the feel");

  message = message_at (import, n_messages (import) - 1);
  g_assert_cmpstr (message->text, ==, "<_<");
  g_assert_cmpint (message->unix_seconds, ==, utc (2016, 6, 20, 22, 55, 8));
}

static void
test_syslog_3164 (void)
{
  g_autofree char *path = corpus_path ("syslog/Linux_2k.log");
  g_autofree char *ssh_path = corpus_path ("syslog/OpenSSH_2k.log");
  g_autofree char *data = NULL, *ssh = NULL;
  g_autoptr(PmImport) import = NULL;
  g_autoptr(PmImport) ssh_import = NULL;
  g_autoptr(GError) error = NULL;
  PmImportOptions options;
  PmImportMessage *message;
  gsize length, ssh_length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_true (g_file_get_contents (ssh_path, &ssh, &ssh_length, &error));

  /* Pasted, the text has no modification time: the reference time stands in for it. */
  pm_import_options_init (&options);
  options.reference_time = utc (2005, 8, 1, 0, 0, 0);
  import = pm_import_read_data (data, length, "Linux_2k.log", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_SYSLOG);
  /* All 2,000 lines, the last one without a line end too. */
  g_assert_cmpuint (n_messages (import), ==, 2000);
  message = message_at (import, 0);
  g_assert_cmpint (message->unix_seconds, ==, utc (2005, 6, 14, 15, 16, 1));
  g_assert_cmpstr (message->author, ==, "sshd(pam_unix)");
  g_assert_cmpstr (message->channel, ==, "combo");
  g_assert_cmpstr (message->text, ==, "authentication failure; logname= uid=0 euid=0 "
                                      "tty=NODEVssh ruser= rhost=218.188.2.4");
  message = message_at (import, 1999);
  g_assert_cmpstr (message->text, ==, "Linux agpgart interface v0.100 (c) Dave Jones");
  g_assert_cmpint (message->unix_seconds, ==, utc (2005, 7, 27, 14, 42, 0));
  g_assert_cmpuint (message->line, ==, 2000);

  /* Dec 10 seen on Jan 5 is last year's. */
  options.reference_time = utc (2016, 1, 5, 12, 0, 0);
  ssh_import = pm_import_read_data (ssh, ssh_length, "OpenSSH_2k.log", &options, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_messages (ssh_import), ==, 2000);
  message = message_at (ssh_import, 0);
  g_assert_cmpint (message->unix_seconds, ==, utc (2015, 12, 10, 6, 55, 46));
  g_assert_cmpstr (message->author, ==, "sshd");
  g_assert_true (g_str_has_suffix (message->text, "POSSIBLE BREAK-IN ATTEMPT!"));
}

static void
test_syslog_5424 (void)
{
  g_autofree char *path = corpus_path ("syslog/rsyslog_SyslogProtocol23Format.log");
  g_autoptr(PmImport) import = read_path (path, NULL);
  PmImportMessage *message;

  g_assert_cmpuint (n_messages (import), ==, 9);
  message = message_at (import, 0);
  g_assert_cmpstr (message->text, ==, "this is debug");
  g_assert_cmpstr (message->author, ==, "log_tag");
  g_assert_cmpstr (message->channel, ==, "hostname");
  g_assert_true (message->has_offset);
  g_assert_cmpint (message->offset_seconds, ==, 0);
  g_assert_cmpint (message->unix_seconds, ==, utc (2021, 3, 6, 4, 7, 38));
  /* The line that does not start a record continues the one before. */
  message = message_at (import, 1);
  g_assert_cmpstr (message->text, ==, "this is info\nwith another line");
  g_assert_cmpuint (message->line, ==, 2);
  g_assert_cmpstr (message_at (import, 2)->text, ==, "!@#$%^&*()-_=+[]{}\\|;:'\",./<>?");
  g_assert_cmpuint (message_at (import, 2)->line, ==, 4);
  g_assert_cmpstr (message_at (import, 8)->author, ==, "cron");
}

static void
test_journal (void)
{
  g_autofree char *path = corpus_path ("journal/kjournald-raspberrypi4-boot.json");
  g_autofree char *small = corpus_path ("journal/jrnlb-export-4.json");
  g_autoptr(PmImport) import = read_path (path, NULL);
  g_autoptr(PmImport) four = read_path (small, NULL);
  PmImportMessage *message;

  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_JOURNAL);
  g_assert_cmpuint (n_messages (import), ==, 617);
  message = find_message (import, "System clock time unset or jumped backwards");
  g_assert_cmpstr (message->author, ==, "systemd-timesyncd");
  g_assert_cmpstr (message->channel, ==, "raspberrypi4");
  /* When the journal got it, not the source's clock, which was unset. */
  g_assert_cmpint (message->unix_seconds, ==, 1615649817);
  g_assert_true (strv_has (message->author_aliases, "systemd-timesyncd.service"));

  /* Out of time order in the file; a message with a line break. */
  g_assert_cmpuint (n_messages (four), ==, 4);
  message = message_at (four, 0);
  g_assert_cmpstr (message->text, ==, "foo\nbar");
  g_assert_cmpuint (message->line, ==, 4);
  g_assert_cmpint (message->unix_seconds, ==, 1598233033);
}

/* Every corpus file goes into a document that saves and loads again. */
static void
test_into_document (void)
{
  const char *files[] = {
    "slack/hfaran-testarchive.zip", "mattermost/zulip-export.jsonl",
    "matrix/matrix-rx-General6-element-export.json", "irc/#qtox_20160620.log.txt",
    "syslog/Linux_2k.log", "syslog/rsyslog_SyslogProtocol23Format.log",
    "journal/kjournald-raspberrypi4-boot.json",
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = corpus_path (files[i]);
      g_autoptr(PmImport) import = read_path (path, NULL);
      g_autoptr(PmDocument) document = pm_document_new ();
      g_autoptr(PmDocument) reloaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *saved = NULL;
      gsize length;
      PmImportApplied applied;

      g_assert_true (pm_import_apply (document, pm_import_get_messages (import), NULL, NULL,
                                      &applied, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (applied.added + applied.already, ==, n_messages (import));
      saved = pm_document_serialize (document, &length);
      reloaded = pm_document_load_from_data (saved, length, files[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (reloaded)), ==,
                        applied.added);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-corpus/slack-zip", test_slack_zip);
  g_test_add_func ("/import-corpus/slack-folder", test_slack_folder);
  g_test_add_func ("/import-corpus/slack-window", test_slack_window);
  g_test_add_func ("/import-corpus/mattermost", test_mattermost);
  g_test_add_func ("/import-corpus/matrix", test_matrix);
  g_test_add_func ("/import-corpus/irc", test_irc);
  g_test_add_func ("/import-corpus/syslog-3164", test_syslog_3164);
  g_test_add_func ("/import-corpus/syslog-5424", test_syslog_5424);
  g_test_add_func ("/import-corpus/journal", test_journal);
  g_test_add_func ("/import-corpus/into-document", test_into_document);

  return g_test_run ();
}
