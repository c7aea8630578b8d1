/* pm-live-session-private.h — what the live session's files share (pm-live-session.c:
 * connections, joining and broadcasting; pm-live-changes.c: reading and applying changes)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pm-live-person.h"
#include "pm-live-session.h"

G_BEGIN_DECLS

#define FLUSH_DELAY_MS   50
#define MAX_OPS_KEPT     20000  /* per participant: answers kept to re-send, oldest forgotten */
#define MAX_NAME_CHARS   80
#define TOKEN_BYTES      32
#define WELCOME_ANSWERS  200    /* answers to their latest changes, repeated in "welcome" */
#define HELLO_TIMEOUT_S  60     /* a connection that does not join holds a place for so long */

typedef struct
{
  char         *id;          /* the participant in the document */
  PmLivePerson *person;
  GHashTable   *answers;     /* op → the "ack" sent for it */
  GHashTable   *added;       /* op of an "add" → the event id it made */
  GHashTable   *own;         /* ids of the events they added in this session */
  GQueue        op_order;    /* ops, oldest first, to forget the oldest answers */
  gboolean      removed;
} Participant;

struct _PmLiveClient
{
  PmLiveSession   *session;
  PmLiveSendFunc   send;
  PmLiveCloseFunc  close;
  gpointer         user_data;
  Participant     *participant;  /* NULL before "hello" */
  gboolean         closing;
  guint            hello_timeout; /* a connection that never says hello is closed */
  double           tokens;       /* rate limit: a bucket refilled with time */
  gint64           refilled_at;
  gint64           rate_told_at;
};

struct _PmLiveSession
{
  GObject     parent_instance;

  PmDocument *document;
  GTimeZone  *zone;
  GListStore *people;
  GHashTable *participants;      /* participant id → Participant */
  GHashTable *tokens;            /* token → Participant (borrowed) */
  GPtrArray  *clients;           /* PmLiveClient, owned */
  gboolean    stopped;

  /* What the participants have seen, and what changed since. */
  GHashTable *watched;           /* PmEvent → handler id of its "notify" */
  GHashTable *shared;            /* event id → TRUE: on the participants' lists */
  GHashTable *dirty;             /* PmEvent (ref) → TRUE */
  GHashTable *changed_here;      /* event ids the moderator changed during the session */
  gboolean    check_removed;
  gboolean    people_dirty;
  guint       flush_source;
  guint       applying;          /* inside a participant's change: not the moderator's */
};

/* Why a change was refused: a protocol CODE, the field, and a message for logs. */
typedef struct
{
  const char *code;
  const char *field;
  char       *message;
} Refusal;

void        _pm_live_refusal_clear (Refusal *refusal);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Refusal, _pm_live_refusal_clear)

gboolean    _pm_live_refuse        (Refusal       *refusal,
                                    const char    *code,
                                    const char    *field,
                                    const char    *format,
                                    ...) G_GNUC_PRINTF (4, 5);
gboolean    _pm_live_get_string    (JsonObject    *object,
                                    const char    *member,
                                    const char    *field,
                                    const char   **out,
                                    Refusal       *refusal);
gboolean    _pm_live_is_op         (const char    *op);
void        _pm_live_set_text      (JsonObject    *object,
                                    const char    *member,
                                    const char    *value);
gboolean    _pm_live_is_own        (PmLiveSession *self,
                                    Participant   *participant,
                                    PmEvent       *event);
void        _pm_live_begin_theirs  (PmLiveSession *self,
                                    Participant   *participant);
void        _pm_live_end_theirs    (PmLiveSession *self,
                                    Participant   *participant);
void        _pm_live_handle_add    (PmLiveSession *self,
                                    PmLiveClient  *client,
                                    const char    *op,
                                    JsonObject    *message);
void        _pm_live_handle_edit   (PmLiveSession *self,
                                    PmLiveClient  *client,
                                    const char    *op,
                                    JsonObject    *message);
void        _pm_live_handle_delete (PmLiveSession *self,
                                    PmLiveClient  *client,
                                    const char    *op,
                                    JsonObject    *message);
void        _pm_live_handle_topic  (PmLiveSession *self,
                                    PmLiveClient  *client,
                                    const char    *op,
                                    JsonObject    *message);

G_END_DECLS
