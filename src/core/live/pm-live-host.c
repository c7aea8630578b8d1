/* pm-live-host.c — serving a live session over HTTPS and WebSocket (see pm-live-host.h)
 *
 * libsoup 3 serves three files and one WebSocket under /s/SECRET/. Everything else, and every
 * request with a wrong secret, gets the same "404 Not Found" with the same body: a stranger
 * on the network learns nothing, not even that the path exists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pm-error.h"
#include "pm-live-certificate.h"
#include "pm-live-host.h"
#include "pm-live-resources.h"

#define RESOURCE_PATH "/io/github/pmortem/Postmortem/live/"

/* No script but ours, no style but ours, no connection but to us, never in a frame. */
#define CONTENT_SECURITY_POLICY \
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
  "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

typedef struct
{
  PmLiveHost              *host;
  SoupWebsocketConnection *websocket;
  PmLiveClient            *client;
} Connection;

struct _PmLiveHost
{
  GObject          parent_instance;

  PmDocument      *document;
  GTlsCertificate *certificate;
  PmLiveSession   *session;
  SoupServer      *server;
  char            *secret;
  char            *prefix;        /* "/s/SECRET/" */
  char            *websocket_path;
  char            *address;       /* as the link names it (IPv6 without brackets) */
  char            *join_url;
  guint            port;
  gboolean         running;
  GPtrArray       *connections;   /* Connection, owned */
  /* Stopped with connections open: the goodbyes are still being written */
  gboolean         draining;
  guint            drain_timeout;
};

#define DRAIN_TIMEOUT_MS 1000

/* Hosts still writing their goodbyes, in this process (see pm_live_host_get_n_draining()). */
static guint n_draining;

G_DEFINE_FINAL_TYPE (PmLiveHost, pm_live_host, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_JOIN_URL,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_STOPPED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------------------------ */
/* HTTP                                                                                        */
/* ------------------------------------------------------------------------------------------ */

static void
set_common_headers (SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  soup_message_headers_replace (headers, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Cross-Origin-Opener-Policy", "same-origin");
  soup_message_headers_replace (headers, "Cross-Origin-Resource-Policy", "same-origin");
  soup_message_headers_replace (headers, "Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), interest-cohort=()");
}

static void
not_found (SoupServerMessage *message)
{
  static const char body[] = "Not Found\n";

  set_common_headers (message);
  soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_set_response (message, "text/plain; charset=utf-8", SOUP_MEMORY_STATIC,
                                    body, sizeof body - 1);
}

/* Compares every byte whatever differs first. */
static gboolean
equal_in_constant_time (const char *a,
                        gsize       a_length,
                        const char *b,
                        gsize       b_length)
{
  guint8 difference = a_length != b_length;

  for (gsize i = 0; i < b_length; i++)
    difference |= (guint8) (i < a_length ? a[i] : 0) ^ (guint8) b[i];
  return difference == 0;
}

/* The file under the secret prefix that @path asks for, or NULL. */
static const char *
requested_file (PmLiveHost *self,
                const char *path)
{
  gsize prefix_length = strlen (self->prefix);
  gsize path_length = strlen (path);
  const char *rest;

  if (!equal_in_constant_time (path, MIN (path_length, prefix_length), self->prefix, prefix_length))
    return NULL;
  rest = path + prefix_length;
  if (g_str_equal (rest, "") || g_str_equal (rest, "index.html"))
    return "index.html";
  if (g_str_equal (rest, "app.js") || g_str_equal (rest, "app.css") || g_str_equal (rest, "ws"))
    return rest;
  return NULL;
}

static gboolean
is_ip_literal (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *inner = NULL;

  if (host[0] == '[')
    {
      gsize length = strlen (host);

      if (length < 3 || host[length - 1] != ']')
        return FALSE;
      inner = g_strndup (host + 1, length - 2);
      address = g_inet_address_new_from_string (inner);
      return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6;
    }
  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4;
}

/* A Host this machine answers for, at our port. A name other than our own would let a web
 * page on another site reach us through DNS rebinding. */
static gboolean
host_is_ours (PmLiveHost *self,
              const char *host_header)
{
  g_autofree char *port_text = g_strdup_printf (":%u", self->port);
  g_autofree char *host = NULL;

  if (host_header == NULL || !g_str_has_suffix (host_header, port_text))
    return FALSE;
  host = g_ascii_strdown (host_header, strlen (host_header) - strlen (port_text));
  return is_ip_literal (host) || g_str_equal (host, "localhost") ||
         g_ascii_strcasecmp (host, g_get_host_name ()) == 0;
}

static void
on_request (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  PmLiveHost *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);
  const char *method = soup_server_message_get_method (message);
  const char *file = requested_file (self, path);
  g_autofree char *resource = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *type;

  if (!host_is_ours (self, soup_message_headers_get_one (headers, "Host")))
    {
      not_found (message);
      return;
    }
  /* The link without its last slash: the page's own addresses are relative to the folder. */
  if (file == NULL && strlen (path) + 1 == strlen (self->prefix) &&
      equal_in_constant_time (path, strlen (path), self->prefix, strlen (path)))
    {
      set_common_headers (message);
      soup_server_message_set_redirect (message, SOUP_STATUS_PERMANENT_REDIRECT, self->prefix);
      return;
    }
  if (file == NULL)
    {
      not_found (message);
      return;
    }

  if (g_str_equal (file, "ws"))
    {
      /* Only the page itself may open the WebSocket: no other site, whatever the browser. */
      g_autofree char *origin = g_strdup_printf ("https://%s",
                                                 soup_message_headers_get_one (headers, "Host"));

      if (g_strcmp0 (soup_message_headers_get_one (headers, "Origin"), origin) != 0)
        {
          set_common_headers (message);
          soup_server_message_set_status (message, SOUP_STATUS_FORBIDDEN, NULL);
        }
      /* Otherwise the WebSocket handler answers the handshake. */
      return;
    }

  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "HEAD") != 0)
    {
      set_common_headers (message);
      soup_message_headers_replace (soup_server_message_get_response_headers (message), "Allow", "GET, HEAD");
      soup_server_message_set_status (message, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  resource = g_strconcat (RESOURCE_PATH, file, NULL);
  bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      not_found (message);
      return;
    }
  type = g_str_has_suffix (file, ".js") ? "text/javascript; charset=utf-8"
       : g_str_has_suffix (file, ".css") ? "text/css; charset=utf-8"
       : "text/html; charset=utf-8";
  set_common_headers (message);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* ------------------------------------------------------------------------------------------ */
/* WebSocket                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
connection_free (Connection *connection)
{
  g_signal_handlers_disconnect_by_data (connection->websocket, connection);
  g_clear_object (&connection->websocket);
  g_free (connection);
}

static void
send_to_client (PmLiveClient *client,
                const char   *text,
                gsize         length,
                gpointer      user_data)
{
  Connection *connection = user_data;

  if (soup_websocket_connection_get_state (connection->websocket) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (connection->websocket, text);
}

static void
close_client (PmLiveClient *client,
              gpointer      user_data)
{
  Connection *connection = user_data;

  if (soup_websocket_connection_get_state (connection->websocket) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (connection->websocket, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
}

static void
on_websocket_message (SoupWebsocketConnection *websocket,
                      int                      type,
                      GBytes                  *message,
                      Connection              *connection)
{
  gsize length;
  const char *data = g_bytes_get_data (message, &length);

  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    {
      soup_websocket_connection_close (websocket, SOUP_WEBSOCKET_CLOSE_UNSUPPORTED_DATA, NULL);
      return;
    }
  pm_live_session_receive (connection->host->session, connection->client, data, length);
}

/* Every goodbye was written (or a second passed): the host may go. */
static void
finish_draining (PmLiveHost *self)
{
  if (!self->draining)
    return;
  self->draining = FALSE;
  n_draining--;
  g_clear_handle_id (&self->drain_timeout, g_source_remove);
  g_object_unref (self);
}

static gboolean
drain_timeout_cb (gpointer user_data)
{
  PmLiveHost *self = user_data;

  self->drain_timeout = 0;
  finish_draining (self);
  return G_SOURCE_REMOVE;
}

static void
on_websocket_closed (SoupWebsocketConnection *websocket,
                     Connection              *connection)
{
  PmLiveHost *self = connection->host;

  pm_live_session_disconnect (self->session, connection->client);
  connection->client = NULL;
  g_ptr_array_remove (self->connections, connection);
  if (self->draining && self->connections->len == 0)
    finish_draining (self);
}

static void
on_websocket (SoupServer              *server,
              SoupServerMessage       *message,
              const char              *path,
              SoupWebsocketConnection *websocket,
              gpointer                 user_data)
{
  PmLiveHost *self = user_data;
  Connection *connection;

  if (!self->running || g_strcmp0 (path, self->websocket_path) != 0)
    {
      soup_websocket_connection_close (websocket, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, NULL);
      return;
    }

  connection = g_new0 (Connection, 1);
  connection->host = self;
  connection->websocket = g_object_ref (websocket);
  /* A larger message closes the connection (1009) before it is held in memory. */
  soup_websocket_connection_set_max_incoming_payload_size (websocket, PM_LIVE_MESSAGE_BYTES);
  soup_websocket_connection_set_keepalive_interval (websocket, 30);
  g_ptr_array_add (self->connections, connection);
  g_signal_connect (websocket, "message", G_CALLBACK (on_websocket_message), connection);
  g_signal_connect (websocket, "closed", G_CALLBACK (on_websocket_closed), connection);
  connection->client = pm_live_session_connect (self->session, send_to_client, close_client,
                                                connection);
}

/* ------------------------------------------------------------------------------------------ */
/* The address in the link                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* The address other machines reach this one at: the one the kernel would send from to a
 * public address (nothing is sent), else loopback. */
static char *
outward_address (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) public = g_inet_address_new_from_string ("192.0.2.1");
  g_autoptr(GSocketAddress) remote = g_inet_socket_address_new (public, 9);
  g_autoptr(GSocketAddress) local = NULL;

  if (socket != NULL && g_socket_connect (socket, remote, NULL, NULL) &&
      (local = g_socket_get_local_address (socket, NULL)) != NULL)
    {
      GInetAddress *address = g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (local));

      if (!g_inet_address_get_is_any (address))
        return g_inet_address_to_string (address);
    }
  return g_strdup ("127.0.0.1");
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_live_host_dispose (GObject *object)
{
  PmLiveHost *self = (PmLiveHost *) object;

  if (self->running)
    pm_live_host_stop (self);
  g_clear_pointer (&self->connections, g_ptr_array_unref);
  g_clear_object (&self->server);
  g_clear_object (&self->session);
  g_clear_object (&self->document);
  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (pm_live_host_parent_class)->dispose (object);
}

static void
pm_live_host_finalize (GObject *object)
{
  PmLiveHost *self = (PmLiveHost *) object;

  if (self->secret != NULL)
    memset (self->secret, 0, strlen (self->secret));
  g_free (self->secret);
  g_free (self->prefix);
  g_free (self->websocket_path);
  g_free (self->address);
  g_free (self->join_url);

  G_OBJECT_CLASS (pm_live_host_parent_class)->finalize (object);
}

static void
pm_live_host_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PmLiveHost *self = PM_LIVE_HOST (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_JOIN_URL:
      g_value_set_string (value, self->join_url);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_live_host_class_init (PmLiveHostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  /* Registered here: a static library's constructor would be dropped by the linker. */
  pm_live_register_resource ();

  object_class->dispose = pm_live_host_dispose;
  object_class->finalize = pm_live_host_finalize;
  object_class->get_property = pm_live_host_get_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PM_TYPE_LIVE_SESSION, flags);
  properties[PROP_JOIN_URL] = g_param_spec_string ("join-url", NULL, NULL, NULL, flags);
  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_STOPPED] =
    g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pm_live_host_init (PmLiveHost *self)
{
  self->connections = g_ptr_array_new_with_free_func ((GDestroyNotify) connection_free);
}

PmLiveHost *
pm_live_host_new (PmDocument      *document,
                  GTlsCertificate *certificate)
{
  PmLiveHost *self;

  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  self = g_object_new (PM_TYPE_LIVE_HOST, NULL);
  self->document = g_object_ref (document);
  self->certificate = g_object_ref (certificate);
  self->session = pm_live_session_new (document);
  return self;
}

PmLiveSession *
pm_live_host_get_session (PmLiveHost *self)
{
  g_return_val_if_fail (PM_IS_LIVE_HOST (self), NULL);
  return self->session;
}

GTlsCertificate *
pm_live_host_get_certificate (PmLiveHost *self)
{
  g_return_val_if_fail (PM_IS_LIVE_HOST (self), NULL);
  return self->certificate;
}

gboolean
pm_live_host_start (PmLiveHost  *self,
                    const char  *address,
                    guint        port,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *fingerprint = NULL;
  GSList *uris;
  gboolean listening;

  g_return_val_if_fail (PM_IS_LIVE_HOST (self), FALSE);
  g_return_val_if_fail (!self->running && self->server == NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  if (address != NULL)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);

      if (inet == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not an IP address"), address);
          return FALSE;
        }
    }

  self->server = soup_server_new ("tls-certificate", self->certificate, NULL);
  /* A compressed message could expand far beyond the message limit before it is checked. */
  soup_server_remove_websocket_extension (self->server, SOUP_TYPE_WEBSOCKET_EXTENSION_DEFLATE);

  self->secret = pm_live_new_secret ();
  self->prefix = g_strdup_printf ("/s/%s/", self->secret);
  self->websocket_path = g_strconcat (self->prefix, "ws", NULL);
  soup_server_add_handler (self->server, NULL, on_request, self, NULL);
  soup_server_add_handler (self->server, self->websocket_path, on_request, self, NULL);
  soup_server_add_websocket_handler (self->server, self->websocket_path, NULL, NULL,
                                     on_websocket, self, NULL);

  if (address != NULL)
    {
      g_autoptr(GSocketAddress) socket_address = g_inet_socket_address_new_from_string (address, port);

      listening = soup_server_listen (self->server, socket_address, SOUP_SERVER_LISTEN_HTTPS,
                                      &local_error);
    }
  else
    listening = soup_server_listen_all (self->server, port, SOUP_SERVER_LISTEN_HTTPS, &local_error);
  if (!listening)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not listen on port %u: %s"), port, local_error->message);
      g_clear_object (&self->server);
      return FALSE;
    }

  uris = soup_server_get_uris (self->server);
  self->port = uris ? (guint) g_uri_get_port (uris->data) : port;
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  self->address = address ? g_strdup (address) : outward_address ();
  fingerprint = pm_live_certificate_dup_link_fingerprint (self->certificate);
  self->join_url = g_strdup_printf (strchr (self->address, ':') ? "https://[%s]:%u%s#fp=%s"
                                                                 : "https://%s:%u%s#fp=%s",
                                    self->address, self->port, self->prefix, fingerprint);
  self->running = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_JOIN_URL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  return TRUE;
}

guint
pm_live_host_get_n_draining (void)
{
  return n_draining;
}

gboolean
pm_live_host_get_running (PmLiveHost *self)
{
  g_return_val_if_fail (PM_IS_LIVE_HOST (self), FALSE);
  return self->running;
}

const char *
pm_live_host_get_join_url (PmLiveHost *self)
{
  g_return_val_if_fail (PM_IS_LIVE_HOST (self), NULL);
  return self->join_url;
}

guint
pm_live_host_get_port (PmLiveHost *self)
{
  g_return_val_if_fail (PM_IS_LIVE_HOST (self), 0);
  return self->port;
}

void
pm_live_host_stop (PmLiveHost *self)
{
  g_return_if_fail (PM_IS_LIVE_HOST (self));

  if (!self->running)
    return;
  self->running = FALSE;

  /* "bye" to everybody, then each WebSocket closes; the listener goes at once. The host keeps
   * itself until the goodbyes are written, so that letting go of it right after stopping (a
   * window closing, the app quitting) still tells everybody. */
  pm_live_session_stop (self->session);
  soup_server_disconnect (self->server);
  if (self->connections->len > 0 && !self->draining)
    {
      self->draining = TRUE;
      n_draining++;
      g_object_ref (self);
      self->drain_timeout = g_timeout_add (DRAIN_TIMEOUT_MS, drain_timeout_cb, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[SIGNAL_STOPPED], 0);
}
