/* test-live-host.c — the live session over a real TLS connection on loopback
 *
 * A libsoup client plays the participant's browser and a stranger on the network.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "pm-live-certificate.h"
#include "pm-live-host.h"

#include "test-util.h"

typedef struct
{
  char            *dir;
  PmDocument      *document;
  GTlsCertificate *certificate;
  PmLiveHost      *host;
  SoupSession     *session;
  char            *base;       /* https://127.0.0.1:PORT */
  char            *page;       /* base + /s/SECRET/ */
} Fixture;

static gboolean
accept_ours (SoupMessage          *message,
             GTlsCertificate      *peer,
             GTlsCertificateFlags  errors,
             gpointer              user_data)
{
  Fixture *f = user_data;

  /* Self-signed: trusted because it is the host's, as the fingerprint in the link says. */
  return g_tls_certificate_is_same (peer, f->certificate);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *certificates = NULL;
  const char *url;
  const char *hash;

  f->dir = pm_test_make_tmp_dir ("pm-live-host-XXXXXX");
  certificates = g_build_filename (f->dir, "live", NULL);
  f->certificate = pm_live_certificate_load_or_create (certificates, &error);
  g_assert_no_error (error);
  f->document = pm_test_load_example ();
  f->host = pm_live_host_new (f->document, f->certificate);
  g_assert_true (pm_live_host_start (f->host, "127.0.0.1", 0, &error));
  g_assert_no_error (error);
  g_assert_true (pm_live_host_get_running (f->host));

  url = pm_live_host_get_join_url (f->host);
  hash = strchr (url, '#');
  g_assert_nonnull (hash);
  g_assert_true (pm_live_certificate_matches_link_fingerprint (f->certificate, hash + strlen ("#fp=")));
  f->page = g_strndup (url, hash - url);
  f->base = g_strdup_printf ("https://127.0.0.1:%u", pm_live_host_get_port (f->host));
  g_assert_true (g_str_has_prefix (f->page, f->base));
  f->session = soup_session_new ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->host);
  g_clear_object (&f->document);
  g_clear_object (&f->certificate);
  pm_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->base);
  g_free (f->page);
}

static SoupMessage *
new_message (Fixture    *f,
             const char *method,
             const char *url)
{
  SoupMessage *message = soup_message_new (method, url);

  g_assert_nonnull (message);
  g_signal_connect (message, "accept-certificate", G_CALLBACK (accept_ours), f);
  return message;
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Sends @message; returns its body. The host answers on this thread: never block it. */
static char *
fetch (Fixture     *f,
       SoupMessage *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GBytes) body = NULL;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  soup_session_send_and_read_async (f->session, message, G_PRIORITY_DEFAULT, NULL, on_read, &result);
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);
  body = soup_session_send_and_read_finish (f->session, result, &error);
  g_assert_no_error (error);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static guint
get (Fixture     *f,
     const char  *url,
     const char  *host_header,
     char       **body)
{
  g_autoptr(SoupMessage) message = new_message (f, "GET", url);
  g_autofree char *text = NULL;

  if (host_header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), "Host", host_header);
  text = fetch (f, message);
  if (body != NULL)
    *body = g_steal_pointer (&text);
  return soup_message_get_status (message);
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(SoupMessage) message = new_message (f, "GET", f->page);
  g_autofree char *page = fetch (f, message);
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autofree char *unknown = NULL;
  g_autofree char *wrong = NULL;
  g_autofree char *url = NULL;
  g_autofree char *short_secret = NULL;
  g_autofree char *no_slash = NULL;

  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  g_assert_nonnull (strstr (page, "<html"));
  g_assert_nonnull (strstr (soup_message_headers_get_one (headers, "Content-Security-Policy"), "default-src 'none'"));
  g_assert_cmpstr (soup_message_headers_get_one (headers, "X-Content-Type-Options"), ==, "nosniff");
  g_assert_null (soup_message_headers_get_one (headers, "Access-Control-Allow-Origin"));

  url = g_strconcat (f->page, "app.js", NULL);
  g_assert_cmpuint (get (f, url, NULL, NULL), ==, 200);
  g_clear_pointer (&url, g_free);

  /* Without the secret, nothing: the same answer for every wrong way in. */
  g_assert_cmpuint (get (f, f->base, NULL, &unknown), ==, 404);
  url = g_strdup_printf ("%s/s/%s/", f->base, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  g_assert_cmpuint (get (f, url, NULL, &wrong), ==, 404);
  g_assert_cmpstr (wrong, ==, unknown);
  g_clear_pointer (&url, g_free);
  short_secret = g_strndup (f->page, strlen (f->page) - 2);
  g_assert_cmpuint (get (f, short_secret, NULL, NULL), ==, 404);
  url = g_strconcat (f->page, "../../etc/passwd", NULL);
  g_assert_cmpuint (get (f, url, NULL, NULL), ==, 404);
  g_clear_pointer (&url, g_free);

  /* A name this machine does not answer for (DNS rebinding) gets nothing either. */
  url = g_strdup_printf ("evil.example:%u", pm_live_host_get_port (f->host));
  g_assert_cmpuint (get (f, f->page, url, NULL), ==, 404);

  /* The link without its last slash leads to the page. */
  no_slash = g_strndup (f->page, strlen (f->page) - 1);
  g_assert_cmpuint (get (f, no_slash, NULL, NULL), ==, 200);

  /* Only reading. */
  {
    g_autoptr(SoupMessage) post = new_message (f, "POST", f->page);
    g_autofree char *ignored = fetch (f, post);

    g_assert_cmpuint (soup_message_get_status (post), ==, 405);
  }
}

typedef struct
{
  SoupWebsocketConnection *connection;
  GError                  *error;
  GPtrArray               *received;
  gboolean                 closed;
  gboolean                 done;
} Socket;

static void
on_message (SoupWebsocketConnection *connection,
            int                      type,
            GBytes                  *message,
            Socket                  *socket)
{
  g_ptr_array_add (socket->received, g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message)));
}

static void
on_closed (SoupWebsocketConnection *connection,
           Socket                  *socket)
{
  socket->closed = TRUE;
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Socket *socket = user_data;

  socket->connection = soup_session_websocket_connect_finish (SOUP_SESSION (object), result, &socket->error);
  if (socket->connection != NULL)
    {
      g_signal_connect (socket->connection, "message", G_CALLBACK (on_message), socket);
      g_signal_connect (socket->connection, "closed", G_CALLBACK (on_closed), socket);
    }
  socket->done = TRUE;
}

static void
wait_for (gboolean *condition)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!*condition && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (*condition);
}

static void
wait_for_messages (Socket *socket,
                   guint   n)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (socket->received->len < n && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (socket->received->len, >=, n);
}

static void
open_socket (Fixture    *f,
             Socket     *socket,
             const char *origin)
{
  g_autofree char *url = g_strconcat (f->page, "ws", NULL);
  g_autoptr(SoupMessage) message = new_message (f, "GET", url);

  socket->received = g_ptr_array_new_with_free_func (g_free);
  soup_session_websocket_connect_async (f->session, message, origin, NULL, G_PRIORITY_DEFAULT,
                                        NULL, on_connected, socket);
  wait_for (&socket->done);
}

static void
socket_clear (Socket *socket)
{
  if (socket->connection != NULL)
    g_signal_handlers_disconnect_by_data (socket->connection, socket);
  g_clear_object (&socket->connection);
  g_clear_error (&socket->error);
  g_clear_pointer (&socket->received, g_ptr_array_unref);
}

static void
test_websocket (Fixture       *f,
                gconstpointer  data)
{
  Socket stranger = { 0 }, participant = { 0 };
  guint n_events = g_list_model_get_n_items (pm_document_get_events (f->document));

  /* Another site's page in the participant's browser cannot open the session. */
  open_socket (f, &stranger, "https://evil.example");
  g_assert_null (stranger.connection);
  g_assert_nonnull (stranger.error);
  socket_clear (&stranger);
  open_socket (f, &stranger, NULL);
  g_assert_null (stranger.connection);
  socket_clear (&stranger);

  open_socket (f, &participant, f->base);
  g_assert_no_error (participant.error);
  wait_for_messages (&participant, 1);
  g_assert_nonnull (strstr (participant.received->pdata[0], "\"type\":\"lobby\""));

  soup_websocket_connection_send_text (participant.connection, "{\"type\":\"hello\",\"name\":\"Nadia\"}");
  wait_for_messages (&participant, 2);
  g_assert_nonnull (strstr (participant.received->pdata[1], "\"type\":\"welcome\""));
  soup_websocket_connection_send_text (participant.connection,
                                       "{\"type\":\"add\",\"op\":\"o1\",\"event\":{\"text\":\"Seen from the network\"}}");
  wait_for_messages (&participant, 3);
  g_assert_nonnull (strstr (participant.received->pdata[2], "\"status\":\"applied\""));
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (f->document)), ==, n_events + 1);

  /* Binary frames are not part of the protocol. */
  {
    Socket other = { 0 };

    open_socket (f, &other, f->base);
    soup_websocket_connection_send_binary (other.connection, "\x00\x01", 2);
    wait_for (&other.closed);
    g_assert_cmpint (soup_websocket_connection_get_close_code (other.connection), ==,
                     SOUP_WEBSOCKET_CLOSE_UNSUPPORTED_DATA);
    socket_clear (&other);
  }

  /* Stopping says goodbye and closes. */
  pm_live_host_stop (f->host);
  wait_for (&participant.closed);
  g_assert_nonnull (strstr (participant.received->pdata[participant.received->len - 1], "\"reason\":\"stopped\""));
  g_assert_false (pm_live_host_get_running (f->host));
  socket_clear (&participant);
}

/* A host let go right after stopping (a window closing, the app quitting) still says goodbye. */
static void
test_goodbye_after_release (Fixture       *f,
                            gconstpointer  data)
{
  Socket participant = { 0 };

  open_socket (f, &participant, f->base);
  wait_for_messages (&participant, 1);
  soup_websocket_connection_send_text (participant.connection, "{\"type\":\"hello\",\"name\":\"Nadia\"}");
  wait_for_messages (&participant, 2);

  pm_live_host_stop (f->host);
  g_clear_object (&f->host);
  g_assert_cmpuint (pm_live_host_get_n_draining (), ==, 1);
  wait_for (&participant.closed);
  g_assert_nonnull (strstr (participant.received->pdata[participant.received->len - 1], "\"reason\":\"stopped\""));
  while (pm_live_host_get_n_draining () > 0)
    g_main_context_iteration (NULL, TRUE);
  socket_clear (&participant);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/live-host/page", Fixture, NULL, fixture_set_up, test_page, fixture_tear_down);
  g_test_add ("/live-host/websocket", Fixture, NULL, fixture_set_up, test_websocket, fixture_tear_down);
  g_test_add ("/live-host/goodbye-after-release", Fixture, NULL, fixture_set_up, test_goodbye_after_release, fixture_tear_down);

  return g_test_run ();
}
