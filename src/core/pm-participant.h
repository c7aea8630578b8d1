/* pm-participant.h — someone invited to the postmortem
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PM_TYPE_PARTICIPANT (pm_participant_get_type ())
G_DECLARE_FINAL_TYPE (PmParticipant, pm_participant, PM, PARTICIPANT, GObject)

/* Properties: "id" (construct-only string), "name", "role" (role or team), "moderator" (bool),
 * "attended" (bool, default TRUE). Every setter notifies only on a real change. */
PmParticipant *pm_participant_new           (const char    *id);
const char    *pm_participant_get_id        (PmParticipant *self);
const char    *pm_participant_get_name      (PmParticipant *self);
void           pm_participant_set_name      (PmParticipant *self,
                                             const char    *name);
const char    *pm_participant_get_role      (PmParticipant *self);
void           pm_participant_set_role      (PmParticipant *self,
                                             const char    *role);
gboolean       pm_participant_get_moderator (PmParticipant *self);
void           pm_participant_set_moderator (PmParticipant *self,
                                             gboolean       moderator);
gboolean       pm_participant_get_attended  (PmParticipant *self);
void           pm_participant_set_attended  (PmParticipant *self,
                                             gboolean       attended);

G_END_DECLS
