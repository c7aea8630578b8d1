/* pm-live-join.h — taking part in someone else's live session from the app
 *
 * A participant who has Postmortem pastes the join link instead of opening it in a browser.
 * The link's "#fp=" part names the certificate's fingerprint: the connection is made only to a
 * host whose certificate has it, whoever signed it. The session's shared timeline is kept in a
 * document of its own (the mirror), which the window shows like any other: what arrives from
 * the host is applied outside its undo history, and what the participant changes in it is sent
 * to the host as the protocol says (pm-live-session.h). The timeline is read-only but for their
 * own events (added in this session), which change at once: a change to anyone else's event is
 * taken back (the event shows the host's version again, and "told" says why), so the mirror
 * never claims what the moderator has not decided.
 *
 * Properties: "document" (the mirror, PmDocument), "connected" (gboolean), "name" (string).
 * Signals:
 *   "ended" (const char *reason)   the moderator stopped the session ("stopped") or removed
 *                                  this participant ("removed"); no reconnecting after it
 *   "told" (const char *message)   something the participant should read (a refused change,
 *                                  a change to someone else's event taken back), translated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_TYPE_LIVE_JOIN (pm_live_join_get_type ())
G_DECLARE_FINAL_TYPE (PmLiveJoin, pm_live_join, PM, LIVE_JOIN, GObject)

/* Checks @link ("https://HOST:PORT/s/SECRET/#fp=FINGERPRINT"): PM_ERROR_INVALID when it is not
 * a join link or carries no fingerprint. */
PmLiveJoin  *pm_live_join_new            (const char          *link,
                                          GError             **error);
/* Connects, checks the certificate, joins as @name and completes once the shared timeline is
 * in the mirror. Errors: the certificate is not the link's (G_TLS_ERROR_BAD_CERTIFICATE), the
 * host refused the name, the network. */
void         pm_live_join_connect_async  (PmLiveJoin          *self,
                                          const char          *name,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean     pm_live_join_connect_finish (PmLiveJoin          *self,
                                          GAsyncResult        *result,
                                          GError             **error);
PmDocument  *pm_live_join_get_document   (PmLiveJoin          *self);
gboolean     pm_live_join_get_connected  (PmLiveJoin          *self);
/* Whether @event is one this participant may change (one they added in this session). */
gboolean     pm_live_join_is_own         (PmLiveJoin          *self,
                                          PmEvent             *event);
/* Changes not yet confirmed by the host. */
guint        pm_live_join_get_n_waiting  (PmLiveJoin          *self);
/* Closes the connection; changes not yet confirmed are lost with the object. */
void         pm_live_join_leave          (PmLiveJoin          *self);

G_END_DECLS
