/* pm-event.h — one thing that happened, as someone in the room remembers it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pm-time.h"

G_BEGIN_DECLS

#define PM_TYPE_EVENT (pm_event_get_type ())
G_DECLARE_FINAL_TYPE (PmEvent, pm_event, PM, EVENT, GObject)

/* Properties: "id" (construct-only), "time" (PmTime boxed, NULL = unknown), "actor" (team or
 * system), "text", "kind" (string, see pm-vocabulary.h; unknown values are kept verbatim),
 * "lane", "contributor" (participant id or NULL), "evidence" (GStrv of links),
 * "contributed" (bool: contributed to the incident), "slowed-response" (bool),
 * "confidential" (bool: internal to the team, left out of the manager summary).
 * Strings are never NULL when read back: unset reads as "" except contributor/time. */
PmEvent       *pm_event_new                 (const char   *id);
const char    *pm_event_get_id              (PmEvent      *self);
const PmTime  *pm_event_get_time            (PmEvent      *self);
void           pm_event_set_time            (PmEvent      *self,
                                             const PmTime *time);
const char    *pm_event_get_actor           (PmEvent      *self);
void           pm_event_set_actor           (PmEvent      *self,
                                             const char   *actor);
const char    *pm_event_get_text            (PmEvent      *self);
void           pm_event_set_text            (PmEvent      *self,
                                             const char   *text);
const char    *pm_event_get_kind            (PmEvent      *self);
void           pm_event_set_kind            (PmEvent      *self,
                                             const char   *kind);
const char    *pm_event_get_lane            (PmEvent      *self);
void           pm_event_set_lane            (PmEvent      *self,
                                             const char   *lane);
const char    *pm_event_get_contributor     (PmEvent      *self);
void           pm_event_set_contributor     (PmEvent      *self,
                                             const char   *participant_id);
const char * const *pm_event_get_evidence   (PmEvent      *self);
void           pm_event_set_evidence        (PmEvent      *self,
                                             const char * const *links);
gboolean       pm_event_get_contributed     (PmEvent      *self);
void           pm_event_set_contributed     (PmEvent      *self,
                                             gboolean      contributed);
gboolean       pm_event_get_slowed_response (PmEvent      *self);
void           pm_event_set_slowed_response (PmEvent      *self,
                                             gboolean      slowed);
gboolean       pm_event_get_confidential    (PmEvent      *self);
void           pm_event_set_confidential    (PmEvent      *self,
                                             gboolean      confidential);

G_END_DECLS
