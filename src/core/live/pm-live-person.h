/* pm-live-person.h — someone who joined a live session
 *
 * Properties (read-only): "participant-id", "name", "connections" (open connections now),
 * "removed" (the moderator ended their part), "contributions" (events and topics applied or
 * proposed).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PM_TYPE_LIVE_PERSON (pm_live_person_get_type ())
G_DECLARE_FINAL_TYPE (PmLivePerson, pm_live_person, PM, LIVE_PERSON, GObject)

PmLivePerson *pm_live_person_new                (const char   *participant_id,
                                                 const char   *name);
const char   *pm_live_person_get_participant_id (PmLivePerson *self);
const char   *pm_live_person_get_name           (PmLivePerson *self);
guint         pm_live_person_get_connections    (PmLivePerson *self);
gboolean      pm_live_person_get_removed        (PmLivePerson *self);
guint         pm_live_person_get_contributions  (PmLivePerson *self);

/* For the session only. */
void          _pm_live_person_set_name          (PmLivePerson *self,
                                                 const char   *name);
void          _pm_live_person_set_connections   (PmLivePerson *self,
                                                 guint         connections);
void          _pm_live_person_set_removed       (PmLivePerson *self);
void          _pm_live_person_add_contribution  (PmLivePerson *self);

G_END_DECLS
