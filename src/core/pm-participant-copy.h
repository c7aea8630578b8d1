/* pm-participant-copy.h — a copy of the postmortem for one participant to pre-fill
 *
 * Before the meeting the moderator sends each participant a copy with the incident description
 * and the timeline known so far; they add the events they know and send it back (see
 * pm-collect.h). A copy leaves out what is still the team's draft or internal: root causes,
 * measures, follow-ups, dismissed findings, the lessons, what a merge left to decide, events
 * marked confidential, and members of the top level this version does not know. Everything
 * kept keeps its id, so the copy merges back by id.
 *
 * A copy names its participant ("prepared_for"); events added to it are theirs (see
 * pm_document_insert). It also lists a digest of every event as it was sent ("prepared_base"),
 * so that collecting can tell an event the participant changed from one the moderator changed
 * since.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "pm-document.h"

G_BEGIN_DECLS

/* A new, unsaved document: @document's copy for the participant @participant_id. */
PmDocument *pm_participant_copy_new       (PmDocument  *document,
                                           const char  *participant_id,
                                           GError     **error);

/* A file name for the copy: "TITLE – NAME.pmortem", without characters that are not safe in
 * a file name. */
char       *pm_participant_copy_file_name (PmDocument    *document,
                                           PmParticipant *participant);

/* The events as the copy was sent: a JsonArray of { "event": id, "digest": hex }, borrowed;
 * NULL when the document is not a prepared copy. */
JsonArray  *pm_participant_copy_get_base  (PmDocument  *document);
void        pm_participant_copy_set_base  (PmDocument  *document,
                                           JsonArray   *base);

/* Hex digits of SHA-256 kept in a digest: enough to tell versions of one event apart, short
 * to read. */
#define PM_PARTICIPANT_COPY_DIGEST_LENGTH 16

/* Who a copy really is for. Each prepared copy carries a random token ("prepared_token"); the
 * document it was prepared from keeps the SHA-256 of each token with its participant
 * ("prepared_copies"), never the token itself. A copy whose token the document does not know
 * for the participant it names cannot speak for them (see pm-contribution.h). */
/* The copy's token, or NULL. */
const char *pm_participant_copy_get_token (PmDocument  *copy);
void        pm_participant_copy_set_token (PmDocument  *copy,
                                           const char  *token);
/* The record of copies prepared: a JsonArray of { "participant": id, "token_sha256": hex },
 * borrowed; NULL when none. */
JsonArray  *pm_participant_copy_get_prepared (PmDocument *document);
void        pm_participant_copy_set_prepared (PmDocument *document,
                                              JsonArray  *prepared);
/* TRUE when @document prepared a copy for @participant_id with @token. */
gboolean    pm_participant_copy_verify    (PmDocument  *document,
                                           const char  *participant_id,
                                           const char  *token);

/* The digest of one event object of the file form, as listed in "prepared_base": the first
 * PM_PARTICIPANT_COPY_DIGEST_LENGTH lowercase hex digits of the SHA-256 of its canonical form. */
char       *pm_participant_copy_digest    (JsonNode    *event);

G_END_DECLS
