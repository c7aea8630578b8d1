/* test-import-formats.c — each format as its documentation describes it, with its quirks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "import-test-util.h"
#include "test-util.h"

/* ------------------------------------------------------------------------------------------ */
/* Slack (https://slack.com/help/articles/220556107, api.slack.com/reference/surfaces/formatting) */
/* ------------------------------------------------------------------------------------------ */

static const char slack_users[] =
  "[{\"id\": \"U1\", \"name\": \"lena\", \"real_name\": \"Lena Schmidt\","
  "  \"profile\": {\"display_name\": \"Lena\", \"real_name\": \"Lena Schmidt\"}},"
  " {\"id\": \"U2\", \"name\": \"tom\", \"profile\": {\"display_name\": \"\", \"real_name\": \"Tom Baker\"}},"
  " {\"id\": 42, \"name\": \"an id of the wrong type is passed over\"}]";

static const char slack_channels[] =
  "[{\"id\": \"C1\", \"name\": \"incident-42\", \"pins\": [{\"id\": \"1709301000.000200\", \"type\": \"C\"}]},"
  " {\"id\": \"C2\", \"name\": \"ops\"}]";

static const char slack_day[] =
  "[{\"type\": \"message\", \"subtype\": \"channel_join\", \"user\": \"U2\","
  "  \"text\": \"<@U2> has joined the channel\", \"ts\": \"1709299800.000010\"},"
  " {\"type\": \"message\", \"subtype\": \"bot_message\", \"bot_id\": \"B1\", \"username\": \"PagerDuty\","
  "  \"text\": \"\", \"attachments\": [{\"fallback\": \"Triggered #123: API down\", \"color\": \"danger\"}],"
  "  \"ts\": \"1709299900.000050\"},"
  " {\"type\": \"message\", \"subtype\": \"bot_message\", \"bot_id\": \"B2\", \"text\": \"\","
  "  \"bot_profile\": {\"name\": \"Grafana\"}, \"attachments\": [{\"pretext\": \"Alert firing\","
  "  \"title\": \"HTTP 5xx &gt; 5%\", \"title_link\": \"https://grafana.example.com/d/1\","
  "  \"text\": \"value: 12%\", \"fallback\": \"not this\"}], \"ts\": \"1709299950.000060\"},"
  " {\"type\": \"message\", \"user\": \"U1\", \"text\": \"<!here> API returns 500s, see "
  "<https://status.example.com/x|status page> &amp; <#C2|ops>, <#C2>\", \"ts\": \"1709300000.000100\","
  "  \"reactions\": [{\"name\": \"rotating_light\", \"users\": [\"U2\"], \"count\": 1}]},"
  " {\"type\": \"message\", \"user\": \"U2\", \"text\": \"looking :eyes::skin-tone-2: :no_such_emoji:\","
  "  \"ts\": \"1709301000.000200\", \"thread_ts\": \"1709300000.000100\", \"parent_user_id\": \"U1\"},"
  " {\"type\": \"message\", \"user\": \"U1\", \"text\": \"rolled back <@U2>\", \"ts\": \"1709301600.000300\","
  "  \"edited\": {\"user\": \"U1\", \"ts\": \"1709301700.000000\"}, \"pinned_to\": [\"C1\"]},"
  " {\"type\": \"message\", \"subtype\": \"tombstone\", \"text\": \"This message was deleted.\","
  "  \"ts\": \"1709301700.000400\", \"hidden\": true},"
  " {\"type\": \"message\", \"subtype\": \"message_deleted\", \"hidden\": true, \"ts\": \"1709301800.000500\"},"
  " {\"type\": \"message\", \"user\": \"U1\", \"text\": \"<mailto:sec@example.com|sec@example.com> "
  "informed; <https://x.example/a>\", \"ts\": \"1709302000.000600\"},"
  " {\"type\": \"message\", \"subtype\": \"file_share\", \"user\": \"U2\", \"text\": \"\","
  "  \"files\": [{\"id\": \"F1\", \"name\": \"graph.png\", \"title\": \"Error rate\","
  "  \"permalink\": \"https://example.slack.com/files/U2/F1/graph.png\","
  "  \"url_private\": \"https://files.slack.com/x?t=xoxe-secret\"}], \"ts\": \"1709302100.000700\"},"
  " {\"type\": \"message\", \"user\": \"U9\", \"user_profile\": {\"real_name\": \"Ext Person\","
  "  \"display_name\": \"\"}, \"text\": \"from elsewhere\", \"ts\": \"1709302200.000800\"}]";

static char *
make_slack_export (void)
{
  char *dir = pm_test_make_tmp_dir ("pm-import-slack-XXXXXX");

  write_file (dir, "users.json", slack_users);
  write_file (dir, "channels.json", slack_channels);
  write_file (dir, "incident-42/2024-03-01.json", slack_day);
  /* Not part of the conversations: never read. */
  write_file (dir, "integration_logs.json", "not even JSON");
  write_file (dir, "incident-42/notes.txt", "not a day file");
  return dir;
}

static void
assert_slack_messages (PmImport *import)
{
  PmImportMessage *message;
  PmImportSelection selection;
  guint n;

  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_SLACK);
  g_assert_cmpuint (n_messages (import), ==, 8);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_SYSTEM), ==, 1);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_DELETED), ==, 2);

  /* A bot with only a fallback; a bot with pretext, title and text. */
  message = message_at (import, 0);
  g_assert_cmpstr (message->author, ==, "PagerDuty");
  g_assert_cmpstr (message->text, ==, "Triggered #123: API down");
  message = message_at (import, 1);
  g_assert_cmpstr (message->author, ==, "Grafana");
  g_assert_cmpstr (message->text, ==, "Alert firing\nHTTP 5xx > 5%\nvalue: 12%");
  g_assert_true (strv_has (message->links, "https://grafana.example.com/d/1"));

  /* Markup to text; a labelled link's address goes to the evidence. */
  message = message_at (import, 2);
  g_assert_cmpstr (message->text, ==, "@here API returns 500s, see status page & #ops, #ops");
  g_assert_cmpstr (message->author, ==, "Lena");
  g_assert_true (strv_has (message->author_aliases, "lena"));
  g_assert_true (strv_has (message->author_aliases, "Lena Schmidt"));
  g_assert_true (strv_has (message->links, "https://status.example.com/x"));
  g_assert_cmpint (message->unix_seconds, ==, 1709300000);
  g_assert_cmpstr (message->channel, ==, "incident-42");
  g_assert_null (message->thread);
  g_assert_false (message->pinned);

  /* A reply in the thread, pinned in channels.json; emoji names to emoji. */
  message = message_at (import, 3);
  g_assert_cmpstr (message->text, ==, "looking 👀 :no_such_emoji:");
  g_assert_cmpstr (message->author, ==, "Tom Baker");
  g_assert_cmpstr (message->thread, ==, "1709300000.000100");
  g_assert_true (message->pinned);

  message = message_at (import, 4);
  g_assert_cmpstr (message->text, ==, "rolled back @Tom Baker");
  g_assert_true (message->edited);
  g_assert_true (message->pinned);

  message = message_at (import, 5);
  g_assert_cmpstr (message->text, ==, "sec@example.com informed; https://x.example/a");
  g_assert_null (message->links);

  /* A file share: its title, its permalink, never the address with the token. */
  message = message_at (import, 6);
  g_assert_cmpstr (message->text, ==, "Error rate");
  g_assert_cmpstrv (message->links, ((const char *[]) {
                      "https://example.slack.com/files/U2/F1/graph.png", NULL }));

  /* Someone from another workspace: the profile the message carries. */
  g_assert_cmpstr (message_at (import, 7)->author, ==, "Ext Person");

  g_assert_true (pm_import_selection_parse ("pinned", &selection, NULL));
  n = 0;
  for (guint i = 0; i < n_messages (import); i++)
    n += pm_import_message_is_selected (message_at (import, i), &selection);
  g_assert_cmpuint (n, ==, 2);
  /* A reaction by its name, its other name or its emoji. */
  for (guint k = 0; k < 2; k++)
    {
      g_assert_true (pm_import_selection_parse (k ? "reaction:🚨" : "reaction:rotating_light",
                                                &selection, NULL));
      g_assert_true (pm_import_message_is_selected (message_at (import, 2), &selection));
      g_assert_false (pm_import_message_is_selected (message_at (import, 3), &selection));
    }
}

static void
test_slack_folder (void)
{
  g_autofree char *dir = make_slack_export ();
  g_autoptr(PmImport) import = read_path (dir, NULL);

  assert_slack_messages (import);
  g_assert_true (g_str_has_suffix (message_at (import, 2)->source,
                                   "/incident-42/2024-03-01.json, #incident-42, message "
                                   "1709300000.000100"));
  pm_test_remove_tree (dir);
}

/* Zipped, in a folder of its own inside the zip. */
static void
test_slack_zip_with_folder (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-import-slack-XXXXXX");
  g_autofree char *zip = g_build_filename (dir, "Acme Slack export.zip", NULL);
  const char *names[] = { "export/users.json", "export/channels.json",
                          "export/incident-42/2024-03-01.json", "export/incident-42/" };
  const char *contents[] = { slack_users, slack_channels, slack_day, "" };
  g_autoptr(PmImport) import = NULL;

  write_zip (zip, 3, names, contents, NULL);
  import = read_path (zip, NULL);
  assert_slack_messages (import);
  g_assert_true (g_str_has_prefix (message_at (import, 0)->source,
                                   "Acme Slack export.zip/export/incident-42/2024-03-01.json, "));
  pm_test_remove_tree (dir);
}

static void
test_slack_errors (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-import-slack-XXXXXX");
  g_autoptr(GError) error = NULL;
  g_autoptr(PmImport) import = NULL;

  write_file (dir, "users.json", slack_users);
  write_file (dir, "channels.json", slack_channels);

  /* A ts of the wrong type */
  write_file (dir, "ops/2024-03-01.json", "[{\"type\": \"message\", \"text\": \"x\", \"ts\": 1709300000}]");
  import = pm_import_read (dir, NULL, &error);
  g_assert_null (import);
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ops/2024-03-01.json: message 1: “ts” is not a Slack time stamp"));
  g_clear_error (&error);

  /* Not a list */
  write_file (dir, "ops/2024-03-01.json", "{\"messages\": []}");
  import = pm_import_read (dir, NULL, &error);
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ops/2024-03-01.json: expected a list"));
  g_clear_error (&error);

  /* Cut off: the file, line and column */
  write_file (dir, "ops/2024-03-01.json", "[{\"type\": \"message\",\n \"text\": \"x\", \"ts\": \"17093");
  import = pm_import_read (dir, NULL, &error);
  g_assert_error (error, PM_ERROR, PM_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "ops/2024-03-01.json:2:"));
  g_clear_error (&error);

  /* A message that is no object */
  write_file (dir, "ops/2024-03-01.json", "[{\"type\": \"message\", \"text\": \"x\", \"ts\": \"1.2\"}, 7]");
  import = pm_import_read (dir, NULL, &error);
  g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "message 2 is not an object"));
  g_clear_error (&error);

  pm_test_remove_tree (dir);
}

/* ------------------------------------------------------------------------------------------ */
/* Mattermost (docs.mattermost.com/onboard/bulk-loading-data.html)                              */
/* ------------------------------------------------------------------------------------------ */

static void
test_mattermost (void)
{
  const char *jsonl =
    "{\"type\":\"version\",\"version\":1}\n"
    "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"ops\",\"user\":\"lena\","
    "\"message\":\"deploy started :rocket:\",\"create_at\":1709300000123,\"is_pinned\":true,"
    "\"reactions\":[{\"user\":\"tom\",\"emoji_name\":\"white_check_mark\",\"create_at\":1}]}}\n"
    "\r\n"
    "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"ops\",\"user\":\"tom\","
    "\"type\":\"system_join_channel\",\"message\":\"tom joined the channel.\",\"create_at\":1709300001000}}\n"
    "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"ops\",\"user\":\"alertbot\",\"message\":\"\","
    "\"props\":{\"attachments\":[{\"pretext\":\"Alert\",\"text\":\"disk full\"}]},\"create_at\":1709300002000,"
    "\"edit_at\":1709300002500}}\n"
    "{\"type\":\"post\",\"post\":{\"team\":\"t\",\"channel\":\"ops\",\"user\":\"lena\",\"message\":\"gone\","
    "\"create_at\":1709300003000,\"delete_at\":1709300004000}}\n"
    "{\"type\":\"user\",\"user\":{\"username\":\"lena\",\"first_name\":\"Lena\",\"last_name\":\"Schmidt\"}}\n";
  g_autoptr(PmImport) import = read_text (jsonl, "export.jsonl", NULL);
  PmImportSelection selection;
  PmImportMessage *message;

  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_MATTERMOST);
  g_assert_cmpuint (n_messages (import), ==, 2);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_SYSTEM), ==, 1);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_DELETED), ==, 1);

  message = message_at (import, 0);
  g_assert_cmpstr (message->text, ==, "deploy started 🚀");
  g_assert_cmpint (message->unix_seconds, ==, 1709300000);
  g_assert_true (message->pinned);
  g_assert_true (strv_has (message->author_aliases, "Lena Schmidt"));
  g_assert_cmpstr (message->source, ==, "export.jsonl, #ops, line 2");
  g_assert_true (pm_import_selection_parse ("reaction:white_check_mark", &selection, NULL));
  g_assert_true (pm_import_message_is_selected (message, &selection));

  message = message_at (import, 1);
  g_assert_cmpstr (message->text, ==, "Alert\ndisk full");
  g_assert_true (message->edited);
  g_assert_cmpuint (message->line, ==, 5);

  assert_text_fails ("{\"type\":\"version\",\"version\":1}\n"
                     "{\"type\":\"post\",\"post\":{\"channel\":\"x\",\"create_at\":\"yesterday\"}}\n",
                     "export.jsonl", NULL, PM_ERROR_INVALID,
                     "export.jsonl:2: “create_at” is not a time in milliseconds");
  assert_text_fails ("{\"type\":\"version\",\"version\":1}\n[1, 2]\n", "export.jsonl", NULL,
                     PM_ERROR_INVALID, "export.jsonl:2: each line of a Mattermost export");
  assert_text_fails ("{\"type\":\"version\",\"version\":1}\n{\"type\":\"post\",\"post\":{\n",
                     "export.jsonl", NULL, PM_ERROR_SYNTAX, "export.jsonl:2:");
  assert_text_fails ("{\"type\":\"version\",\"version\":1}\n{\"type\":\"post\",\"post\":7}\n",
                     "export.jsonl", NULL, PM_ERROR_INVALID, "export.jsonl:2: the line has no “post”");
}

/* ------------------------------------------------------------------------------------------ */
/* Element's JSON export (spec.matrix.org client-server API)                                   */
/* ------------------------------------------------------------------------------------------ */

static void
test_matrix (void)
{
  const char *json =
    "{\"room_name\": \"Incident 42\", \"export_date\": \"2024/03/02\", \"messages\": ["
    "{\"type\": \"m.room.member\", \"state_key\": \"@lena:ex.org\", \"sender\": \"@lena:ex.org\","
    " \"content\": {\"membership\": \"join\", \"displayname\": \"Lena\"}, \"origin_server_ts\": 1709300000000, \"event_id\": \"$m\"},"
    "{\"type\": \"m.room.message\", \"sender\": \"@lena:ex.org\", \"content\": {\"msgtype\": \"m.text\","
    " \"body\": \"db failover started\"}, \"origin_server_ts\": 1709300060000, \"event_id\": \"$a\"},"
    "{\"type\": \"m.room.message\", \"sender\": \"@lena:ex.org\", \"content\": {\"msgtype\": \"m.text\","
    " \"body\": \"* db failover done\", \"m.new_content\": {\"msgtype\": \"m.text\", \"body\": \"db failover done\"},"
    " \"m.relates_to\": {\"rel_type\": \"m.replace\", \"event_id\": \"$b\"}}, \"origin_server_ts\": 1709300200000, \"event_id\": \"$b2\"},"
    "{\"type\": \"m.room.message\", \"sender\": \"@lena:ex.org\", \"content\": {\"msgtype\": \"m.text\","
    " \"body\": \"db failover dne\"}, \"origin_server_ts\": 1709300120000, \"event_id\": \"$b\"},"
    "{\"type\": \"m.reaction\", \"sender\": \"@tom:ex.org\", \"content\": {\"m.relates_to\": {\"rel_type\": \"m.annotation\","
    " \"event_id\": \"$a\", \"key\": \"👍\"}}, \"origin_server_ts\": 1709300130000, \"event_id\": \"$r\"},"
    "{\"type\": \"m.room.pinned_events\", \"state_key\": \"\", \"sender\": \"@lena:ex.org\","
    " \"content\": {\"pinned\": [\"$b\"]}, \"origin_server_ts\": 1709300300000, \"event_id\": \"$p\"},"
    "{\"type\": \"m.room.message\", \"sender\": \"@tom:ex.org\", \"content\": {\"msgtype\": \"m.text\","
    " \"body\": \"> <@lena:ex.org> db failover started\\n\\nwhich region?\","
    " \"m.relates_to\": {\"m.in_reply_to\": {\"event_id\": \"$a\"}}}, \"origin_server_ts\": 1709300140000, \"event_id\": \"$c\"},"
    "{\"type\": \"m.room.message\", \"sender\": \"@tom:ex.org\", \"content\": {\"msgtype\": \"m.emote\","
    " \"body\": \"checks the dashboards\"}, \"origin_server_ts\": 1709300150000, \"event_id\": \"$d\"},"
    "{\"type\": \"m.room.message\", \"sender\": \"@tom:ex.org\", \"content\": {},"
    " \"unsigned\": {\"redacted_because\": {}}, \"origin_server_ts\": 1709300160000, \"event_id\": \"$e\"},"
    "{\"type\": \"m.room.message\", \"sender\": \"@tom:ex.org\", \"content\": {\"msgtype\": \"m.image\","
    " \"body\": \"graph.png\", \"url\": \"mxc://ex.org/abc\"}, \"origin_server_ts\": 1709300170000, \"event_id\": \"$f\"}"
    "]}";
  g_autoptr(PmImport) import = read_text (json, "room.json", NULL);
  PmImportSelection selection;
  PmImportMessage *message;

  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_MATRIX);
  g_assert_cmpuint (n_messages (import), ==, 5);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_SYSTEM), ==, 2);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_DELETED), ==, 1);

  message = message_at (import, 0);
  g_assert_cmpstr (message->text, ==, "db failover started");
  g_assert_cmpstr (message->author, ==, "Lena");
  g_assert_cmpstr (message->channel, ==, "Incident 42");
  g_assert_cmpstr (message->source, ==, "room.json, #Incident 42, message $a");
  /* 👍 is "+1" and "thumbsup" too */
  g_assert_true (pm_import_selection_parse ("reaction:+1", &selection, NULL));
  g_assert_true (pm_import_message_is_selected (message, &selection));
  g_assert_true (pm_import_selection_parse ("reaction:thumbsup", &selection, NULL));
  g_assert_true (pm_import_message_is_selected (message, &selection));

  /* The edit replaces the text; the message keeps its own time. */
  message = message_at (import, 1);
  g_assert_cmpstr (message->text, ==, "db failover done");
  g_assert_true (message->edited);
  g_assert_true (message->pinned);
  g_assert_cmpint (message->unix_seconds, ==, 1709300120);

  /* The quote of a reply is left out. */
  g_assert_cmpstr (message_at (import, 2)->text, ==, "which region?");
  g_assert_cmpstr (message_at (import, 3)->text, ==, "* @tom:ex.org checks the dashboards");
  message = message_at (import, 4);
  g_assert_cmpstr (message->text, ==, "graph.png");
  g_assert_true (strv_has (message->links, "mxc://ex.org/abc"));

  assert_text_fails ("{\"room_name\": \"r\", \"messages\": {}}", "room.json", NULL,
                     PM_ERROR_INVALID, "room.json: not an Element chat export");
  assert_text_fails ("{\"room_name\": \"r\", \"messages\": [{\"type\": \"m.room.message\","
                     " \"origin_server_ts\": \"noon\", \"content\": {\"body\": \"x\"}}]}",
                     "room.json", NULL, PM_ERROR_INVALID,
                     "room.json: event 1: “origin_server_ts” is not a time in milliseconds");
  assert_text_fails ("{\"room_name\": \"r\", \"messages\": [null]}", "room.json", NULL,
                     PM_ERROR_INVALID, "event 1 is not an object");
}

/* ------------------------------------------------------------------------------------------ */
/* journalctl -o json (journalctl(1), systemd.io/JOURNAL_EXPORT_FORMATS)                        */
/* ------------------------------------------------------------------------------------------ */

static void
test_journal (void)
{
  const char *json =
    "{\"__REALTIME_TIMESTAMP\":\"1709300000000000\",\"MESSAGE\":[104,105,10,255,0,33],"
    "\"SYSLOG_IDENTIFIER\":\"app\",\"_HOSTNAME\":\"web1\",\"_SYSTEMD_UNIT\":\"app.service\"}\n"
    "{\"__REALTIME_TIMESTAMP\":1709300001999999,\"MESSAGE\":[\"first\",\"second\"],"
    "\"_COMM\":\"worker\",\"_HOSTNAME\":\"web2\"}\n"
    "{\"__REALTIME_TIMESTAMP\":\"1709300002000000\",\"MESSAGE\":null,\"SYSLOG_IDENTIFIER\":\"app\"}\n";
  g_autoptr(PmImport) import = read_text (json, "boot.json", NULL);
  PmImportMessage *message;

  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_JOURNAL);
  g_assert_cmpuint (n_messages (import), ==, 2);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_EMPTY), ==, 1);
  g_assert_cmpuint (pm_import_get_warnings (import)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (pm_import_get_warnings (import), 0),
                            "boot.json:3: the message was too large"));

  /* Bytes: decoded; what is not UTF-8 shows as U+FFFD, the NUL is dropped. With two machines,
   * the actor names the machine. */
  message = message_at (import, 0);
  g_assert_cmpstr (message->text, ==, "hi\n\xef\xbf\xbd!");
  g_assert_cmpstr (message->author, ==, "app@web1");
  g_assert_true (strv_has (message->author_aliases, "app"));
  g_assert_true (strv_has (message->author_aliases, "app.service"));
  g_assert_cmpint (message->unix_seconds, ==, 1709300000);
  g_assert_cmpstr (message->source, ==, "boot.json, line 1");

  message = message_at (import, 1);
  g_assert_cmpstr (message->text, ==, "first");
  g_assert_cmpstr (message->author, ==, "worker@web2");
  g_assert_cmpint (message->unix_seconds, ==, 1709300001);

  assert_text_fails ("{\"__REALTIME_TIMESTAMP\":\"soon\",\"MESSAGE\":\"x\"}\n", "j.json", NULL,
                     PM_ERROR_INVALID, "j.json:1: “__REALTIME_TIMESTAMP” is not a time");
  assert_text_fails ("{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":\"x\"}\n[1]\n", "j.json",
                     NULL, PM_ERROR_INVALID, "j.json:2: each line of journalctl -o json");
  assert_text_fails ("{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":\"x\"}\n{\"MESSAGE\":\"x\n",
                     "j.json", NULL, PM_ERROR_SYNTAX, "j.json:2:");
  assert_text_fails ("{\"__REALTIME_TIMESTAMP\":\"1\",\"MESSAGE\":\"x\",\"MESSAGE\":\"y\"}\n",
                     "j.json", NULL, PM_ERROR_SYNTAX, "j.json:1:");
}

/* ------------------------------------------------------------------------------------------ */
/* Syslog: RFC 3164, RFC 5424                                                                  */
/* ------------------------------------------------------------------------------------------ */

static void
test_syslog_new_year (void)
{
  PmImportOptions options;
  g_autoptr(PmImport) import = NULL;

  /* Read on 2 January: 31 December is last year's, 3 January too (it is later in the year). */
  pm_import_options_init (&options);
  options.reference_time = utc (2024, 1, 2, 12, 0, 0);
  import = read_text ("Dec 31 23:59:59 gw sshd[1]: a\n"
                      "Jan  1 00:00:01 gw sshd[1]: b\n"
                      "<38>Jan 2 08:00:00 gw sshd: c\n"
                      "Jan  3 10:00:00 gw kernel: d\n", "messages", &options);
  g_assert_cmpuint (n_messages (import), ==, 4);
  g_assert_cmpint (find_message (import, "a")->unix_seconds, ==, utc (2023, 12, 31, 23, 59, 59));
  g_assert_cmpint (find_message (import, "b")->unix_seconds, ==, utc (2024, 1, 1, 0, 0, 1));
  g_assert_cmpint (find_message (import, "c")->unix_seconds, ==, utc (2024, 1, 2, 8, 0, 0));
  g_assert_cmpint (find_message (import, "d")->unix_seconds, ==, utc (2023, 1, 3, 10, 0, 0));
  g_assert_cmpstr (find_message (import, "d")->author, ==, "kernel");
  /* In time order, not in the file's */
  g_assert_cmpstr (message_at (import, 0)->text, ==, "d");

  /* 29 February in a year that has none */
  options.reference_time = utc (2023, 6, 1, 0, 0, 0);
  assert_text_fails ("Feb 28 10:00:00 gw app: x\nFeb 29 10:00:00 gw app: y\n", "messages",
                     &options, PM_ERROR_TIME, "messages:2: Feb 29 is not a day in 2023");
}

static void
test_syslog_zones (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(PmImport) import = NULL;
  g_autoptr(PmTime) time = NULL;
  PmImportOptions options;

  pm_import_options_init (&options);
  options.zone = berlin;
  options.reference_time = utc (2024, 12, 31, 0, 0, 0);
  import = read_text ("Mar 31 01:59:59 gw app: before\n"
                      "Mar 31 02:30:00 gw app: in the gap\n"
                      "Oct 27 02:50:00 gw app: first pass\n"
                      "Oct 27 02:10:00 gw app: second pass\n"
                      "Oct 27 03:00:00 gw app: after\n", "messages", &options);
  g_assert_cmpint (find_message (import, "before")->unix_seconds, ==, utc (2024, 3, 31, 0, 59, 59));
  /* 02:30 does not exist on 31 March in Berlin: read as the time after the gap */
  g_assert_cmpint (find_message (import, "in the gap")->unix_seconds, ==,
                   utc (2024, 3, 31, 1, 30, 0));
  g_assert_cmpuint (pm_import_get_warnings (import)->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (pm_import_get_warnings (import), 0),
                            "messages:2: 02:30:00 does not exist"));
  /* 02:00–03:00 happens twice on 27 October: a time earlier than the line before is the second */
  g_assert_cmpint (find_message (import, "first pass")->unix_seconds, ==,
                   utc (2024, 10, 27, 0, 50, 0));
  g_assert_cmpint (find_message (import, "second pass")->unix_seconds, ==,
                   utc (2024, 10, 27, 1, 10, 0));
  g_assert_cmpint (find_message (import, "after")->unix_seconds, ==, utc (2024, 10, 27, 2, 0, 0));

  /* The time keeps the offset of the zone it was read in. */
  g_clear_pointer (&import, pm_import_free);
  options.zone = new_york;
  import = read_text ("Jul  4 12:00:00 gw app: noon\n", "messages", &options);
  g_assert_cmpint (message_at (import, 0)->unix_seconds, ==, utc (2024, 7, 4, 16, 0, 0));
  time = pm_import_message_dup_time (message_at (import, 0), new_york);
  g_assert_cmpint (pm_time_get_offset (time), ==, -4 * 3600);
}

static void
test_syslog_5424 (void)
{
  g_autoptr(PmImport) import = NULL;
  g_autoptr(PmTime) time = NULL;
  PmImportMessage *message;

  /* The examples of RFC 5424 §6.5, a nil time, structured data with an escaped ']', and the
   * precise form rsyslog writes. */
  import = read_text ("<34>1 2003-10-11T22:14:15.003Z mymachine.example.com su - ID47 - "
                      "\xef\xbb\xbf'su root' failed for lonvick on /dev/pts/8\n"
                      "<165>1 2003-08-24T05:14:15.000003-07:00 192.0.2.1 myproc 8710 - - %% It's "
                      "time to make the do-nuts.\n"
                      "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                      "[exampleSDID@32473 iut=\"3\" eventSource=\"App]lication\" eventID=\"1011\"]"
                      "[examplePriority@32473 class=\"high\\]\"] An application event log entry...\n"
                      "<13>1 - host app - - - no time at all\n"
                      "<13>1 2003-10-11T22:15:00Z host app - - -\n"
                      "continued on the next line\n"
                      "2024-03-01T10:00:00.123456+01:00 web1 nginx[12]: upstream timed out\n",
                      "syslog", NULL);
  g_assert_cmpuint (n_messages (import), ==, 6);

  message = find_message (import, "'su root' failed");
  g_assert_cmpstr (message->text, ==, "'su root' failed for lonvick on /dev/pts/8");
  /* Several machines: the actor says which. */
  g_assert_cmpstr (message->author, ==, "su@mymachine.example.com");
  g_assert_true (strv_has (message->author_aliases, "su"));
  g_assert_cmpint (message->unix_seconds, ==, utc (2003, 10, 11, 22, 14, 15));

  message = find_message (import, "do-nuts");
  g_assert_cmpstr (message->text, ==, "%% It's time to make the do-nuts.");
  g_assert_cmpint (message->unix_seconds, ==, utc (2003, 8, 24, 12, 14, 15));
  g_assert_cmpint (message->offset_seconds, ==, -7 * 3600);
  time = pm_import_message_dup_time (message, NULL);
  g_assert_cmpint (pm_time_get_offset (time), ==, -7 * 3600);

  g_assert_cmpstr (find_message (import, "application event")->text, ==,
                   "An application event log entry...");
  g_assert_false (find_message (import, "no time at all")->has_time);
  g_assert_cmpstr (find_message (import, "continued")->text, ==, "continued on the next line");
  message = find_message (import, "upstream");
  g_assert_cmpstr (message->author, ==, "nginx@web1");
  g_assert_cmpstr (message->channel, ==, "web1");
  g_assert_cmpint (message->offset_seconds, ==, 3600);

  assert_text_fails ("not a log\nJun 14 15:16:01 combo sshd[1]: x\n", "x.log",
                     &(PmImportOptions) { .format = PM_IMPORT_FORMAT_SYSLOG }, PM_ERROR_INVALID,
                     "x.log:1: not a syslog line");
}

static void
test_syslog_hosts (void)
{
  g_autoptr(PmImport) import = read_text ("2024-03-01T10:00:00Z a sshd[1]: one\n"
                                          "2024-03-01T10:00:01Z b sshd[2]: two\n", "x", NULL);

  g_assert_cmpstr (message_at (import, 0)->author, ==, "sshd@a");
  g_assert_cmpstr (message_at (import, 1)->author, ==, "sshd@b");
  g_assert_true (strv_has (message_at (import, 1)->author_aliases, "sshd"));
}

/* ------------------------------------------------------------------------------------------ */
/* Transcripts                                                                                 */
/* ------------------------------------------------------------------------------------------ */

static void
options_on (PmImportOptions *options,
            GTimeZone       *zone,
            int              year,
            int              month,
            int              day)
{
  pm_import_options_init (options);
  options->zone = zone;
  g_date_set_dmy (&options->date, day, month, year);
}

static void
test_transcript_minutes (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(PmImport) import = NULL;
  PmImportOptions options;
  PmImportMessage *message;

  /* On the incident's day, across midnight forwards; a line without a time continues. */
  options_on (&options, berlin, 2024, 3, 1);
  import = read_text ("23:58 Lena Schmidt: paging the on-call\n"
                      "still paging\n"
                      "23:59 Tom: ack\n"
                      "23:57 Lena Schmidt: (a minute out of order stays that day)\n"
                      "00:03 Tom: on it\n", "paste", &options);
  g_assert_cmpint (pm_import_get_format (import), ==, PM_IMPORT_FORMAT_TRANSCRIPT);
  g_assert_cmpuint (n_messages (import), ==, 4);
  message = find_message (import, "paging the on-call");
  g_assert_cmpstr (message->author, ==, "Lena Schmidt");
  g_assert_cmpstr (message->text, ==, "paging the on-call\nstill paging");
  g_assert_cmpint (message->unix_seconds, ==, utc (2024, 3, 1, 22, 58, 0));
  g_assert_cmpint (message->precision, ==, PM_TIME_PRECISION_MINUTE);
  g_assert_cmpint (find_message (import, "out of order")->unix_seconds, ==,
                   utc (2024, 3, 1, 22, 57, 0));
  g_assert_cmpint (find_message (import, "on it")->unix_seconds, ==, utc (2024, 3, 1, 23, 3, 0));

  /* Without a date from anywhere: say how to give one. */
  assert_text_fails ("14:32 lena: x\n", "paste", NULL, PM_ERROR_TIME, "paste:1: the time has no date");

  /* --since's day stands in for the incident's. */
  pm_import_options_init (&options);
  options.has_since = TRUE;
  options.since = utc (2024, 5, 6, 9, 0, 0);
  g_clear_pointer (&import, pm_import_free);
  import = read_text ("[22:32] <lena> x\n[08:00] <lena> y\n", "paste", &options);
  g_assert_cmpint (message_at (import, 0)->unix_seconds, ==, utc (2024, 5, 6, 22, 32, 0));
  g_assert_cmpint (message_at (import, 1)->unix_seconds, ==, utc (2024, 5, 7, 8, 0, 0));

  /* Clocks going forward in Berlin */
  options_on (&options, berlin, 2024, 3, 31);
  g_clear_pointer (&import, pm_import_free);
  import = read_text ("01:59 lena: before\n02:30 lena: in the gap\n", "paste", &options);
  g_assert_cmpint (find_message (import, "gap")->unix_seconds, ==, utc (2024, 3, 31, 1, 30, 0));
  g_assert_cmpuint (pm_import_get_warnings (import)->len, ==, 1);
}

static void
test_transcript_irc (void)
{
  g_autoptr(PmImport) import = NULL;
  PmImportOptions options;
  PmImportMessage *message;

  /* irssi: the day from its own lines */
  pm_import_options_init (&options);
  options.include_system = TRUE;
  import = read_text ("--- Log opened Fri Mar 01 09:00:00 2024\n"
                      "09:01 <@lena> deploy is out\n"
                      "09:02  * lena checks\n"
                      "--- Day changed Sat Mar 02 2024\n"
                      "00:10 -!- tom [~t@host] has joined #ops\n"
                      "00:11 < tom> late to the party\n", "#ops.log", &options);
  g_assert_cmpuint (n_messages (import), ==, 4);
  message = find_message (import, "deploy is out");
  g_assert_cmpstr (message->author, ==, "lena");
  g_assert_cmpint (message->unix_seconds, ==, utc (2024, 3, 1, 9, 1, 0));
  g_assert_true (find_message (import, "has joined")->system);
  message = find_message (import, "late to the party");
  g_assert_cmpstr (message->author, ==, "tom");
  g_assert_cmpint (message->unix_seconds, ==, utc (2024, 3, 2, 0, 11, 0));

  /* WeeChat: a full date on every line, tab-separated */
  g_clear_pointer (&import, pm_import_free);
  import = read_text ("2024-03-01 09:00:00\t@lena\tdeploy\n"
                      "2024-03-01 09:00:05\t-->\ttom (~t@h) has joined #ops\n"
                      "2024-03-01 09:01:00\t *\tlena waves\n", "weechat.log", NULL);
  g_assert_cmpuint (n_messages (import), ==, 2);
  g_assert_cmpuint (pm_import_get_n_left_out (import, PM_IMPORT_LEFT_OUT_SYSTEM), ==, 1);
  g_assert_cmpstr (message_at (import, 0)->author, ==, "lena");
  g_assert_cmpint (message_at (import, 0)->precision, ==, PM_TIME_PRECISION_EXACT);
  g_assert_cmpstr (message_at (import, 1)->text, ==, "lena waves");
  g_assert_cmpstr (message_at (import, 1)->author, ==, "lena");
}

/* The date in a log's name */
static void
test_transcript_file_date (void)
{
  g_autofree char *dir = pm_test_make_tmp_dir ("pm-import-irc-XXXXXX");
  g_autofree char *one = g_build_filename (dir, "#ops_20240131.log", NULL);
  g_autofree char *two = g_build_filename (dir, "ops-2024-02-01.log", NULL);
  g_autoptr(PmImport) a = NULL, b = NULL, both = NULL;

  write_file (dir, "#ops_20240131.log", "[23:59:00] <lena> one\n[00:01:00] <lena> two\n");
  write_file (dir, "ops-2024-02-01.log", "[08:00:00] <tom> three\n");
  a = read_path (one, NULL);
  g_assert_cmpint (message_at (a, 0)->unix_seconds, ==, utc (2024, 1, 31, 23, 59, 0));
  g_assert_cmpint (message_at (a, 1)->unix_seconds, ==, utc (2024, 2, 1, 0, 1, 0));
  b = read_path (two, NULL);
  g_assert_cmpint (message_at (b, 0)->unix_seconds, ==, utc (2024, 2, 1, 8, 0, 0));

  /* A folder of logs: each on its own day, all in one timeline. */
  write_file (dir, "README.md", "# logs of #ops\n");
  both = read_path (dir, NULL);
  g_assert_cmpuint (n_messages (both), ==, 3);
  g_assert_cmpstr (message_at (both, 2)->text, ==, "three");
  g_assert_cmpuint (pm_import_get_warnings (both)->len, ==, 1);
  pm_test_remove_tree (dir);
}

static void
test_transcript_paste (void)
{
  g_autoptr(PmImport) import = NULL;
  PmImportOptions options;
  PmImportMessage *message;

  options_on (&options, NULL, 2024, 3, 1);
  /* Slack: name and time, the text below; a time alone is the same author again. */
  import = read_text ("Lena Schmidt  2:32 PM\n"
                      "we see 500s\n"
                      "on the API\n"
                      "2:33 PM\n"
                      "rolling back\n"
                      "Tom Baker  [2:40 PM]\n"
                      "back to normal\n", "paste", &options);
  g_assert_cmpuint (n_messages (import), ==, 3);
  message = message_at (import, 0);
  g_assert_cmpstr (message->author, ==, "Lena Schmidt");
  g_assert_cmpstr (message->text, ==, "we see 500s\non the API");
  g_assert_cmpint (message->unix_seconds, ==, utc (2024, 3, 1, 14, 32, 0));
  g_assert_cmpstr (message_at (import, 1)->author, ==, "Lena Schmidt");
  g_assert_cmpstr (message_at (import, 1)->text, ==, "rolling back");
  g_assert_cmpstr (message_at (import, 2)->author, ==, "Tom Baker");

  /* Teams: the time first; or the name on a line of its own */
  g_clear_pointer (&import, pm_import_free);
  import = read_text ("[10:04 AM] Tom Baker\n"
                      "checking the load balancer\n"
                      "[10:06 AM] Lena Schmidt\n"
                      "found it\n"
                      "\n"
                      "Ana Ruiz\n"
                      "10:09 AM\n"
                      "thanks\n", "paste", &options);
  g_assert_cmpuint (n_messages (import), ==, 3);
  g_assert_cmpstr (message_at (import, 0)->author, ==, "Tom Baker");
  g_assert_cmpstr (message_at (import, 0)->text, ==, "checking the load balancer");
  g_assert_cmpint (message_at (import, 1)->unix_seconds, ==, utc (2024, 3, 1, 10, 6, 0));
  g_assert_cmpstr (message_at (import, 2)->author, ==, "Ana Ruiz");
  g_assert_cmpstr (message_at (import, 2)->text, ==, "thanks");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/slack/folder", test_slack_folder);
  g_test_add_func ("/import/slack/zip-with-folder", test_slack_zip_with_folder);
  g_test_add_func ("/import/slack/errors", test_slack_errors);
  g_test_add_func ("/import/mattermost", test_mattermost);
  g_test_add_func ("/import/matrix", test_matrix);
  g_test_add_func ("/import/journal", test_journal);
  g_test_add_func ("/import/syslog/new-year", test_syslog_new_year);
  g_test_add_func ("/import/syslog/zones", test_syslog_zones);
  g_test_add_func ("/import/syslog/rfc5424", test_syslog_5424);
  g_test_add_func ("/import/syslog/hosts", test_syslog_hosts);
  g_test_add_func ("/import/transcript/minutes", test_transcript_minutes);
  g_test_add_func ("/import/transcript/irc", test_transcript_irc);
  g_test_add_func ("/import/transcript/file-date", test_transcript_file_date);
  g_test_add_func ("/import/transcript/paste", test_transcript_paste);

  return g_test_run ();
}
