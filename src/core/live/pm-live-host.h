/* pm-live-host.h — serving a live session over HTTPS and WebSocket
 *
 * The host carries PmLiveSession's protocol over the network: it serves the participant's page
 * and its WebSocket at https://ADDRESS:PORT/s/SECRET/ and nothing else. The secret (256 random
 * bits) is in the join link; a request without it, or with a wrong one, gets the same small
 * "404 Not Found" as any unknown path. WebSocket upgrades must come from the page itself (the
 * Origin is the host's own https:// address) to a Host this machine answers for. TLS always.
 *
 * Properties: "session" (PmLiveSession), "join-url" (string, NULL until started), "running".
 * Signals: "stopped" — the session ended (stop(), or the listener failed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-document.h"
#include "pm-live-session.h"

G_BEGIN_DECLS

#define PM_TYPE_LIVE_HOST (pm_live_host_get_type ())
G_DECLARE_FINAL_TYPE (PmLiveHost, pm_live_host, PM, LIVE_HOST, GObject)

PmLiveHost     *pm_live_host_new             (PmDocument       *document,
                                              GTlsCertificate  *certificate);
PmLiveSession  *pm_live_host_get_session     (PmLiveHost       *self);
GTlsCertificate *pm_live_host_get_certificate (PmLiveHost      *self);

/* Listens on @address (an IP address; NULL: every address of this machine) and @port (0: a free
 * one). The link names @address, or when listening everywhere, the address this machine reaches
 * other machines with (loopback when it has no network). */
gboolean        pm_live_host_start           (PmLiveHost       *self,
                                              const char       *address,
                                              guint             port,
                                              GError          **error);
gboolean        pm_live_host_get_running     (PmLiveHost       *self);
/* "https://192.168.1.20:41235/s/SECRET/#fp=FINGERPRINT" (the fragment carries the certificate's
 * link fingerprint for the app's "Join Live Session…"; browsers do not send it). */
const char     *pm_live_host_get_join_url    (PmLiveHost       *self);
guint           pm_live_host_get_port        (PmLiveHost       *self);
/* Tells the participants and closes every connection and the listener. The goodbyes are
 * written while the main loop runs (for at most a second), also when the host is let go right
 * after: a program ending should run its main context while pm_live_host_get_n_draining()
 * is above zero. */
void            pm_live_host_stop            (PmLiveHost       *self);
guint           pm_live_host_get_n_draining  (void);

G_END_DECLS
