/* bench-live.c — 30 participants adding 5 events a second each to `pmortem serve` on loopback
 *
 * Starts `pmortem serve` ($PMORTEM) on a copy of the bundled example, connects 30 WebSocket
 * clients (libsoup, in this process: the server is another process), each joining under its
 * own name and adding an event every 200 ms for BENCH_LIVE_SECONDS (default 60). Measures, per
 * event, the time from sending to its "applied" answer (it is in the moderator's document then)
 * and to the moment the other participants see it (the median and the slowest of the 29 other
 * clients, i.e. when everybody has it). At the end it stops the server (SIGTERM), reads the
 * saved file and checks that every event is there exactly once. Prints medians and 95th
 * percentiles; it reports, it asserts only that nothing was lost or doubled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "pm-document-format.h"

#define N_CLIENTS 30
#define INTERVAL_MS 200

typedef struct _Bench Bench;

typedef struct
{
  Bench                   *bench;
  guint                    index;
  SoupWebsocketConnection *connection;
  gboolean                 welcomed;
  guint                    sent;
  guint                    ticker;
} Client;

struct _Bench
{
  char        *base;
  char        *page;
  SoupSession *session;
  Client       clients[N_CLIENTS];
  GHashTable  *sent_at;     /* op → send time (µs), then event id → send time */
  GHashTable  *seen;        /* event id → number of other clients that saw it */
  GHashTable  *last_seen;   /* event id → time the last of the others saw it */
  GArray      *to_applied;  /* ms */
  GArray      *to_seen_all;
  GArray      *to_seen_each;
  gint64       stop_at;
  guint        connected;
  guint        acks;
  guint        refused;
};

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  p)
{
  if (values->len == 0)
    return 0;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, MIN (values->len - 1, (guint) (p * values->len)));
}

static gboolean
accept_any (SoupMessage *message, GTlsCertificate *peer, GTlsCertificateFlags errors, gpointer data)
{
  return TRUE; /* loopback, our own server */
}

static gboolean
tick (gpointer user_data)
{
  Client *client = user_data;
  Bench *bench = client->bench;
  g_autofree char *op = NULL;
  g_autofree char *text = NULL;

  if (g_get_monotonic_time () >= bench->stop_at)
    {
      client->ticker = 0;
      return G_SOURCE_REMOVE;
    }
  op = g_strdup_printf ("c%u-%u", client->index, client->sent++);
  text = g_strdup_printf ("{\"type\":\"add\",\"op\":\"%s\",\"event\":{\"local\":\"2024-10-26 03:%02u\","
                          "\"precision\":\"minute\",\"text\":\"bench %s\",\"actor\":\"Client %u\"}}",
                          op, client->sent % 60, op, client->index);
  g_hash_table_insert (bench->sent_at, g_strdup (op), g_memdup2 (&(gint64) { g_get_monotonic_time () }, sizeof (gint64)));
  soup_websocket_connection_send_text (client->connection, text);
  return G_SOURCE_CONTINUE;
}

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            Client                  *client)
{
  Bench *bench = client->bench;
  gint64 now = g_get_monotonic_time ();
  g_autoptr(JsonNode) node = json_from_string (g_bytes_get_data (message, NULL), NULL);
  JsonObject *object = node ? json_node_get_object (node) : NULL;
  const char *kind = object ? json_object_get_string_member_with_default (object, "type", "") : "";

  if (g_str_equal (kind, "welcome"))
    {
      client->welcomed = TRUE;
      bench->connected++;
    }
  else if (g_str_equal (kind, "ack"))
    {
      const char *op = json_object_get_string_member (object, "op");
      gint64 *sent = g_hash_table_lookup (bench->sent_at, op);

      bench->acks++;
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "status", ""), "applied") != 0)
        {
          bench->refused++;
          return;
        }
      if (sent != NULL)
        {
          double ms = (now - *sent) / 1000.0;

          g_array_append_val (bench->to_applied, ms);
          g_hash_table_insert (bench->sent_at, g_strdup (json_object_get_string_member (object, "id")),
                               g_memdup2 (sent, sizeof *sent));
        }
    }
  else if (g_str_equal (kind, "events"))
    {
      JsonArray *events = json_object_get_array_member (object, "events");

      for (guint i = 0; i < json_array_get_length (events); i++)
        {
          JsonObject *event = json_array_get_object_element (events, i);
          const char *id = json_object_get_string_member (event, "id");
          gint64 *sent = g_hash_table_lookup (bench->sent_at, id);
          guint seen;

          if (sent == NULL || json_object_get_boolean_member_with_default (event, "mine", FALSE))
            continue;
          {
            double ms = (now - *sent) / 1000.0;

            g_array_append_val (bench->to_seen_each, ms);
          }
          seen = GPOINTER_TO_UINT (g_hash_table_lookup (bench->seen, id)) + 1;
          g_hash_table_insert (bench->seen, g_strdup (id), GUINT_TO_POINTER (seen));
          if (seen == N_CLIENTS - 1)
            {
              double ms = (now - *sent) / 1000.0;

              g_array_append_val (bench->to_seen_all, ms);
            }
        }
    }
}

static void
on_connected (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *hello = NULL;

  client->connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &error);
  if (client->connection == NULL)
    g_error ("client %u could not connect: %s", client->index, error->message);
  soup_websocket_connection_set_max_incoming_payload_size (client->connection, 0);
  g_signal_connect (client->connection, "message", G_CALLBACK (on_message), client);
  hello = g_strdup_printf ("{\"type\":\"hello\",\"name\":\"Bench participant %u\"}", client->index);
  soup_websocket_connection_send_text (client->connection, hello);
}

static char *
start_server (const char *pmortem, const char *file, GPid *pid, const char *data_home)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "XDG_DATA_HOME", data_home, TRUE);
  const char *argv[] = { pmortem, "serve", file, "--address", "127.0.0.1", NULL };
  int out_fd;
  g_autoptr(GString) output = g_string_new (NULL);
  const char *link;

  if (!g_spawn_async_with_pipes (NULL, (char **) argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 pid, NULL, &out_fd, NULL, &error))
    g_error ("could not start %s: %s", pmortem, error->message);
  while ((link = strstr (output->str, "https://")) == NULL || strchr (link, '#') == NULL)
    {
      char buffer[512];
      gssize n = read (out_fd, buffer, sizeof buffer);

      if (n <= 0)
        g_error ("pmortem serve printed no join link: %s", output->str);
      g_string_append_len (output, buffer, n);
    }
  return g_strndup (link, strchr (link, '#') - link);
}

int
main (int argc, char *argv[])
{
  const char *pmortem = g_getenv ("PMORTEM");
  const char *seconds_text = g_getenv ("BENCH_LIVE_SECONDS");
  guint seconds = seconds_text ? (guint) atoi (seconds_text) : 60;
  g_autofree char *dir = g_dir_make_tmp ("pm-bench-live-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "bench.pmortem", NULL);
  g_autofree char *example = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : "tests",
                                               "..", "data", "examples", "leaked-deploy-key.pmortem", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PmDocument) saved = NULL;
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Bench bench = { 0 };
  GPid pid;
  int status;
  guint total_sent = 0, found = 0, doubled = 0;
  gint64 grace;

  if (pmortem == NULL)
    g_error ("PMORTEM must name the pmortem executable");
  if (!g_file_get_contents (example, &contents, NULL, &error) ||
      !g_file_set_contents (file, contents, -1, &error))
    g_error ("%s", error->message);

  bench.page = start_server (pmortem, file, &pid, dir);
  bench.session = soup_session_new ();
  bench.sent_at = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  bench.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  bench.to_applied = g_array_new (FALSE, FALSE, sizeof (double));
  bench.to_seen_all = g_array_new (FALSE, FALSE, sizeof (double));
  bench.to_seen_each = g_array_new (FALSE, FALSE, sizeof (double));
  {
    g_autoptr(GUri) uri = g_uri_parse (bench.page, G_URI_FLAGS_NONE, NULL);

    bench.base = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uri));
  }

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *url = g_strconcat (bench.page, "ws", NULL);
      g_autoptr(SoupMessage) message = soup_message_new ("GET", url);

      bench.clients[i].bench = &bench;
      bench.clients[i].index = i;
      g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_any), NULL);
      soup_session_websocket_connect_async (bench.session, message, bench.base, NULL,
                                            G_PRIORITY_DEFAULT, NULL, on_connected, &bench.clients[i]);
    }
  while (bench.connected < N_CLIENTS)
    g_main_context_iteration (NULL, TRUE);

  bench.stop_at = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      /* Spread the clients over the interval, as people do not type in step. */
      g_usleep (INTERVAL_MS * 1000 / N_CLIENTS);
      bench.clients[i].ticker = g_timeout_add (INTERVAL_MS, tick, &bench.clients[i]);
    }
  while (g_get_monotonic_time () < bench.stop_at)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < N_CLIENTS; i++)
    total_sent += bench.clients[i].sent;
  /* Let the last answers and broadcasts arrive. */
  grace = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((bench.acks < total_sent || bench.to_seen_all->len < bench.to_applied->len) &&
         g_get_monotonic_time () < grace)
    g_main_context_iteration (NULL, FALSE) || (g_usleep (1000), TRUE);

  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("pmortem serve did not end cleanly (status %d)", status);

  saved = pm_document_load_from_file (file, &error);
  if (saved == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < g_list_model_get_n_items (pm_document_get_events (saved)); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (pm_document_get_events (saved), i);
      const char *text = pm_event_get_text (event);

      if (g_str_has_prefix (text, "bench "))
        {
          if (g_hash_table_contains (texts, text))
            doubled++;
          else
            found++;
          g_hash_table_add (texts, g_strdup (text));
        }
    }

  printf ("live session: %d participants, one event each every %d ms for %u s\n", N_CLIENTS, INTERVAL_MS, seconds);
  printf ("  sent %u, applied %u, refused %u; in the saved file %u, doubled %u\n",
          total_sent, bench.to_applied->len, bench.refused, found, doubled);
  printf ("  send -> applied in the document:   median %.1f ms, p95 %.1f ms\n",
          percentile (bench.to_applied, 0.5), percentile (bench.to_applied, 0.95));
  printf ("  send -> seen by another:           median %.1f ms, p95 %.1f ms\n",
          percentile (bench.to_seen_each, 0.5), percentile (bench.to_seen_each, 0.95));
  printf ("  send -> seen by all 29 others:     median %.1f ms, p95 %.1f ms (target p95 < 250 ms)\n",
          percentile (bench.to_seen_all, 0.5), percentile (bench.to_seen_all, 0.95));

  g_clear_object (&bench.session);
  g_hash_table_unref (bench.sent_at);
  g_hash_table_unref (bench.seen);
  g_array_unref (bench.to_applied);
  g_array_unref (bench.to_seen_all);
  g_array_unref (bench.to_seen_each);
  g_free (bench.base);
  g_free (bench.page);
  return found == total_sent && doubled == 0 ? 0 : 1;
}
