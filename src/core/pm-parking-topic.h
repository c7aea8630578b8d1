/* pm-parking-topic.h — a topic raised in the meeting that does not belong in it
 *
 * The parking lot keeps such topics so that the meeting can go on and nothing said is lost.
 * Each has its text and, optionally, who raised it (a name as typed, not a participant id:
 * guests and people outside the room raise topics too).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PM_TYPE_PARKING_TOPIC (pm_parking_topic_get_type ())
G_DECLARE_FINAL_TYPE (PmParkingTopic, pm_parking_topic, PM, PARKING_TOPIC, GObject)

/* Properties: "text" (one line), "raised-by" (one line, "" when not known). Empty text is
 * stored as unset; setters notify only on a real change. */
PmParkingTopic *pm_parking_topic_new           (const char     *text,
                                                const char     *raised_by);
const char     *pm_parking_topic_get_text      (PmParkingTopic *self);
void            pm_parking_topic_set_text      (PmParkingTopic *self,
                                                const char     *text);
const char     *pm_parking_topic_get_raised_by (PmParkingTopic *self);
void            pm_parking_topic_set_raised_by (PmParkingTopic *self,
                                                const char     *raised_by);

G_END_DECLS
