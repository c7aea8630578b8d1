/* pm-live-session.h — the live session's protocol: participants contribute while the meeting runs
 *
 * A live session lets the participants of the meeting add and edit events from their own
 * browser while the moderator's document stays the one truth. This object speaks the protocol
 * with each connected participant and applies what they send to the document by the rules of
 * pm-contribution.h; it knows nothing of sockets (PmLiveHost carries the messages over
 * WebSocket), so every rule is tested without a network.
 *
 * What a participant may do, and what it does to the document:
 * - add events (attributed to them, whatever they claim) and parking-lot topics: applied;
 * - edit or delete their own events (the ones they added in this session) while the moderator
 *   has not changed them: applied;
 * - edit or delete any other event they can see: a proposal (pm-merge.h) from them, which the
 *   moderator accepts or rejects in Decide Merged Changes.
 * Applied contributions are not steps of the moderator's undo history (see
 * pm_document_begin_foreign_change()): Ctrl+Z never takes back a participant's event, and a
 * moderator's step that a participant's change made impossible is refused with a message.
 * Team-only (confidential) events, and everything a participant's copy would not carry, never
 * leave the moderator's machine: a participant sees the title, the document's time zone, the
 * participants' names and the shared events.
 *
 * ---- The protocol (version 1) ------------------------------------------------------------
 * JSON text messages, one object each, UTF-8, at most PM_LIVE_MESSAGE_BYTES. Every message has
 * "type". Unknown members are ignored; a wrong type of a known member is an error.
 *
 * Server → participant, right after connecting:
 *   {"type":"lobby","protocol":1,"title":"…","participants":[{"id":"p-2","name":"Ana"},…]}
 *     (the moderator is not in the list: nobody joins as the moderator)
 *
 * Participant → server, first message:
 *   {"type":"hello","token":"…"}          resume as the participant the token was given to
 *   {"type":"hello","participant":"p-2"}  join as someone on the lobby's list
 *   {"type":"hello","name":"Ana"}         join by name (an existing participant of that name,
 *                                         else a new participant who attended)
 * Server → participant:
 *   {"type":"welcome","token":"…","you":{"id":"p-2","name":"Ana"},"title":"…",
 *    "zone":"Europe/Berlin","zone_offset":"+01:00","incident_date":"2024-03-10" (or absent),
 *    "kinds":["trigger","detection",…],"lanes":["SOC","Ops",…],
 *    "events":[EVENT,…] (in timeline order),"people":[PERSON,…],
 *    "answers":[ACK,…] (the answers to their latest 200 changes, newest first: what a page
 *    still holds and finds here was applied; it need not wait for the answer again)}
 *   The token (43 characters) stands for the participant in this session; the page keeps it
 *   and sends it in "hello" when it reconnects.
 *
 *   EVENT = {"id":"ev-12","local":"2024-03-10 14:32" (wall time in the document's zone, as
 *            precise as known: "2024-03-10" for a day, "2024-03-10 14:00" for an hour,
 *            "2024-03-10 14:32" for a minute, "2024-03-10 14:32:05" exact; absent when the
 *            time is unknown),"precision":"exact|minute|hour|day|unknown",
 *            "time":"2024-03-10T14:32:05+01:00" (absent when unknown),
 *            "text":"…","actor":"…","lane":"…","kind":"detection" (each absent when empty),
 *            "contributed":true,"slowed_response":true (absent when false),
 *            "contributor":"Ana" (a name; absent when nobody is recorded),
 *            "mine":true (the receiver added it in this session and may still change it),
 *            "after":"ev-11" (the shared event before it; null when it is the first)}
 *   PERSON = {"id":"p-2","name":"Ana","online":true}
 *
 * Participant → server, after "welcome" (OP is 1–64 characters of A–Z a–z 0–9 _ -, unique
 * per participant; the same OP sent again is answered again and never applied twice):
 *   {"type":"add","op":OP,"event":FIELDS}
 *   {"type":"edit","op":OP,"id":"ev-12","event":FIELDS}     (or "op_ref":OP of their own add
 *   {"type":"delete","op":OP,"id":"ev-12"}                  instead of "id")
 *   {"type":"topic","op":OP,"text":"…"}                     a parking-lot topic
 *   {"type":"ping"}                                         answered with {"type":"pong"}
 *   FIELDS = {"local":"2024-03-10 14:32" (in the document's zone; "" or absent: unknown),
 *             "precision":"exact|minute|hour|day|unknown","text":"…" (required),"actor":"…",
 *             "lane":"…","kind":"…","contributed":bool,"slowed_response":bool}
 *   An edit replaces all of these fields.
 * Server → participant:
 *   {"type":"ack","op":OP,"status":"applied","id":"ev-17"}
 *   {"type":"ack","op":OP,"status":"proposed","id":"ev-3"}   the moderator decides
 *   {"type":"ack","op":OP,"status":"refused","code":CODE,"field":"event.local","message":"…"}
 *   {"type":"events","events":[EVENT,…]}   added or changed (insert each after its "after")
 *   {"type":"removed","ids":["ev-3",…]}    deleted, or no longer shared
 *   {"type":"people","people":[PERSON,…]}  who joined, who is connected
 *   {"type":"error","code":CODE,"message":"…"}  a message that is not understood
 *   {"type":"bye","reason":"stopped|removed"}   then the connection closes
 *   CODE = "invalid" (a field's value; "field" names it), "not-found" (no such event is
 *   shared), "limit" (the document is full), "rate" (too many messages: slow down and send
 *   again), "too-large", "protocol" (not JSON, wrong type, hello missing), "unknown-token",
 *   "removed", "name-taken" (the moderator's name).
 *   Messages ("message") are in English for logs; pages show their own text for each CODE.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pm-document.h"

G_BEGIN_DECLS

#define PM_LIVE_PROTOCOL_VERSION      1
#define PM_LIVE_MESSAGE_BYTES         (96 * 1024)
#define PM_LIVE_MAX_PARTICIPANTS      100   /* joined in one session */
#define PM_LIVE_MAX_CONNECTIONS       200   /* open at once, in all */
#define PM_LIVE_MAX_CONNECTIONS_EACH  4     /* per participant (a laptop, a phone, …) */
#define PM_LIVE_RATE_PER_SECOND       20    /* messages per participant, sustained */
#define PM_LIVE_RATE_BURST            60

typedef struct _PmLiveClient PmLiveClient;

/* Sends @text (a complete JSON message) to the client; the host queues it on its connection. */
typedef void (*PmLiveSendFunc)  (PmLiveClient *client,
                                 const char   *text,
                                 gsize         length,
                                 gpointer      user_data);
/* The session wants the connection closed (after "bye" or a fatal error). */
typedef void (*PmLiveCloseFunc) (PmLiveClient *client,
                                 gpointer      user_data);

#define PM_TYPE_LIVE_SESSION (pm_live_session_get_type ())
G_DECLARE_FINAL_TYPE (PmLiveSession, pm_live_session, PM, LIVE_SESSION, GObject)

PmLiveSession *pm_live_session_new                  (PmDocument      *document);
PmDocument    *pm_live_session_get_document         (PmLiveSession   *self);

/* A new connection; the session sends it "lobby" at once. */
PmLiveClient  *pm_live_session_connect              (PmLiveSession   *self,
                                                     PmLiveSendFunc   send,
                                                     PmLiveCloseFunc  close,
                                                     gpointer         user_data);
/* One message from @client (any bytes: everything is checked). */
void           pm_live_session_receive              (PmLiveSession   *self,
                                                     PmLiveClient    *client,
                                                     const char      *data,
                                                     gsize            length);
/* The connection is gone; @client is freed. */
void           pm_live_session_disconnect           (PmLiveSession   *self,
                                                     PmLiveClient    *client);
/* The participant @client speaks for, or NULL before "hello". */
const char    *pm_live_client_get_participant       (PmLiveClient    *client);

/* Everybody who joined: a GListModel of PmLivePerson (pm-live-person.h), in order of joining. */
GListModel    *pm_live_session_get_people           (PmLiveSession   *self);
/* Ends the participant's part: their tokens stop working, their connections get "bye"
 * ("removed") and close, and they cannot join again in this session. Their events stay. */
void           pm_live_session_remove_participant   (PmLiveSession   *self,
                                                     const char      *participant_id);
/* Tells everybody "bye" ("stopped") and closes every connection. */
void           pm_live_session_stop                 (PmLiveSession   *self);

/* @time as a participant sees and types it: the wall time in @zone, as precise as known
 * ("2024-03-10", "2024-03-10 14:00", "2024-03-10 14:32", "2024-03-10 14:32:05"); NULL for an
 * unknown time. */
char          *pm_live_format_local_time            (const PmTime    *time,
                                                     GTimeZone       *zone);

/* 256 random bits from the kernel in unpadded base64url (43 characters): tokens and the
 * secret of a join link. */
char          *pm_live_new_secret                   (void);

/* Sends what changed in the document to everybody now, instead of within the next 50 ms
 * (tests). */
void           pm_live_session_flush                (PmLiveSession   *self);

G_END_DECLS
