/* pm-timeline-canvas-private.h — the canvas's insides, shared by its files; hooks for tests
 *
 * The canvas is split as Sysprof splits its drawing widgets: pm-timeline-canvas.c (the widget,
 * its document, selection, edits and public API), pm-timeline-canvas-layout.c (lanes from the
 * core model, cards in scale space, snapping), pm-timeline-canvas-draw.c (snapshot, the minimap,
 * theme colours), pm-timeline-canvas-input.c (gestures, scrolling, keys, the lane menu); they
 * share the instance structure and the helpers declared here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pm-timeline-canvas.h"

G_BEGIN_DECLS

#define AXIS_H         48.0
#define MINI_H         30.0
#define LABEL_W        170.0
#define LIVE_REBUILD_MS 250    /* participants' changes reach the cards within this */
/* Cards grow with the text (zoom, presentation mode): card_scale is the font's size relative
 * to the system font (see update_card_scale). */
#define CARD_W         ((self->compact ? 30.0 : 210.0) * self->card_scale)
#define CARD_H         ((self->compact ? 16.0 : 92.0) * self->card_scale)
#define GAP            8.0
/* Between stacked cards: compact cards (a far-out overview) sit closer. */
#define ROW_GAP        (self->compact ? 3.0 : GAP)
#define UNKNOWN_HEAD   30.0
#define RADIUS         8.0
#define EDGE_SCROLL    48.0
#define MIN_SCALE      (1.0 / (86400.0 * 30.0))  /* one pixel per month */
#define MAX_SCALE      4.0                       /* four pixels per second */
#define DRAG_THRESHOLD 4.0

typedef struct
{
  PmEvent     *event;
  guint        order;      /* index in the document */
  gboolean     known;
  gint64       t;          /* known: the instant */
  double       xs;         /* left edge in scale space (time × scale) */
  double       w;
  int          lane;       /* the lane it belongs to (also for unknown times) */
  int          row;        /* stacked row in its lane, or in the unknown area */
  PangoLayout *head;
  PangoLayout *actor;
  PangoLayout *text;
  double       layout_inner; /* the width the three layouts were made for */
  GskRenderNode *node;     /* the card drawn at 0,0, kept until it changes */
  gboolean     node_selected;
  double       node_w;
} Card;

typedef struct
{
  char   *key;    /* the property value the lane stands for */
  char   *name;   /* shown */
  double  y;      /* content y of its top */
  double  h;
  int     n_rows;
} Lane;

typedef enum
{
  DRAG_NONE,
  DRAG_CARDS,
  DRAG_PAN,
  DRAG_RUBBER,
  DRAG_MINIMAP,
} DragMode;

struct _PmTimelineCanvas
{
  GtkWidget     parent_instance;

  PmDocument   *document;
  GTimeZone    *zone;
  double        card_scale;   /* ≥ 1: the text is larger than the system font */
  PmLaneMode    lane_mode;
  gboolean      show_original_zone;
  /* Cards drawn as small marks (kind colour and letter): a long incident at a glance. */
  gboolean      compact;

  GArray       *cards;        /* Card, in document order */
  GArray       *known;        /* guint indices into cards, timeline order */
  GArray       *unknown;      /* guint indices into cards, sequence order */
  GPtrArray    *lanes;        /* Lane* */
  GPtrArray    *extra_lanes;  /* char*: lanes added by hand, no event yet */
  GHashTable   *index;        /* PmEvent* → card index + 1 */
  GHashTable   *watched;      /* objects whose notify we follow → handler id */
  double        unknown_y;
  int           unknown_rows;
  double        content_h;
  double        max_card_w;
  gboolean      layout_valid;
  gboolean      needs_rebuild;
  /* Participants' changes in a live session arrive many times a second: the cards follow them
   * at most every LIVE_REBUILD_MS, not on every frame (see _pm_timeline_canvas_defer_rebuild) */
  gint64        deferred_since;
  guint         deferred_source;
  guint         accessible_idle;
  gboolean      fitted;
  int           last_width;

  double        scale;        /* pixels per second */
  double        view_start;   /* the time at x = LABEL_W */
  double        scroll_y;

  GHashTable   *selection;    /* PmEvent* (ref) set */
  GHashTable   *badges;       /* label → PangoLayout */
  /* While a frame is built: the letters of compact cards, one text node a row (see
   * draw_compact_card); NULL otherwise. */
  GHashTable   *letter_rows;
  PmEvent      *focus;

  /* Dragging */
  DragMode      drag_mode;
  PmEvent      *drag_event;
  double        drag_x, drag_y;
  double        drag_dx, drag_dy;
  double        drag_time;          /* the time under the pointer when it started */
  double        drag_view_start, drag_scroll_y;
  gboolean      drag_moved;
  guint         autoscroll_id;
  double        pinch_scale;
  gint64        autoscroll_last;

  /* Theme */
  GdkRGBA       fg, bg, card_bg, accent, border, stripe, dim;
  GdkRGBA       kind_colors[7];

  GtkGesture   *drag;
  GtkGesture   *click;

  /* The lane menu (right click, long press or the Menu key on a lane) and its lane's key */
  GtkWidget    *lane_menu;
  char         *menu_lane;
};

static inline Card *
card_at (PmTimelineCanvas *self,
         guint             i)
{
  return &g_array_index (self->cards, Card, i);
}

static inline double
content_top (PmTimelineCanvas *self)
{
  return AXIS_H - self->scroll_y;
}

static inline double
view_width (PmTimelineCanvas *self)
{
  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self)) - LABEL_W);
}

static inline double
view_height (PmTimelineCanvas *self)
{
  return MAX (1.0, gtk_widget_get_height (GTK_WIDGET (self)) - AXIS_H - MINI_H);
}

/* pm-timeline-canvas.c */
typedef enum {
  SIGNAL_ACTIVATE_EVENT,
  SIGNAL_ADD_EVENT,
  SIGNAL_DELETE_SELECTION,
  SIGNAL_SELECTION_CHANGED,
  SIGNAL_RENAME_LANE,
  N_SIGNALS
} CanvasSignal;

/* Emits one of the canvas's signals, with its arguments. */
void _pm_timeline_canvas_emit (PmTimelineCanvas *self,
                               CanvasSignal      which,
                               ...);
char *
_pm_timeline_canvas_card_headline (PmTimelineCanvas *self,
                                   Card             *card);
double
_pm_timeline_canvas_card_x (PmTimelineCanvas *self,
                            const Card       *card);
double
_pm_timeline_canvas_card_y (PmTimelineCanvas *self,
                            const Card       *card);
guint
_pm_timeline_canvas_count_root_causes (PmTimelineCanvas *self,
                                       PmEvent          *event);
char *
_pm_timeline_canvas_format_card_time (PmTimelineCanvas *self,
                                      const PmTime     *time,
                                      gboolean          with_date);

/* pm-timeline-canvas.c, for the input */
void
_pm_timeline_canvas_center_on (PmTimelineCanvas *self,
                               PmEvent          *event);
void
_pm_timeline_canvas_clear_selection (PmTimelineCanvas *self);
void
_pm_timeline_canvas_commit_move (PmTimelineCanvas *self,
                                 PmEvent          *primary,
                                 double            new_t,
                                 int               target,
                                 gint64            step);
void
_pm_timeline_canvas_selection_changed (PmTimelineCanvas *self);
void
_pm_timeline_canvas_set_focus_event (PmTimelineCanvas *self,
                                     PmEvent          *event);

/* pm-timeline-canvas-input.c */
void
_pm_timeline_canvas_finish_drag (PmTimelineCanvas *self);
void
_pm_timeline_canvas_lane_action_activated (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *parameter);
void
_pm_timeline_canvas_on_click_pressed (PmTimelineCanvas *self,
                                      int               n_press,
                                      double            x,
                                      double            y,
                                      GtkGestureClick  *gesture);
void
_pm_timeline_canvas_on_drag_begin (PmTimelineCanvas *self,
                                   double            x,
                                   double            y,
                                   GtkGestureDrag   *gesture);
void
_pm_timeline_canvas_on_drag_end (PmTimelineCanvas *self,
                                 double            dx,
                                 double            dy,
                                 GtkGestureDrag   *gesture);
void
_pm_timeline_canvas_on_drag_update (PmTimelineCanvas *self,
                                    double            dx,
                                    double            dy,
                                    GtkGestureDrag   *gesture);
gboolean
_pm_timeline_canvas_on_key_pressed (PmTimelineCanvas      *self,
                                    guint                  keyval,
                                    guint                  keycode,
                                    GdkModifierType        state,
                                    GtkEventControllerKey *controller);
void
_pm_timeline_canvas_on_long_pressed (PmTimelineCanvas     *self,
                                     double                x,
                                     double                y,
                                     GtkGestureLongPress  *gesture);
gboolean
_pm_timeline_canvas_on_query_tooltip (PmTimelineCanvas *self,
                                      int               x,
                                      int               y,
                                      gboolean          keyboard,
                                      GtkTooltip       *tooltip);
gboolean
_pm_timeline_canvas_on_scroll (PmTimelineCanvas         *self,
                               double                    dx,
                               double                    dy,
                               GtkEventControllerScroll *controller);
void
_pm_timeline_canvas_on_secondary_pressed (PmTimelineCanvas *self,
                                          int               n_press,
                                          double            x,
                                          double            y,
                                          GtkGestureClick  *gesture);
void
_pm_timeline_canvas_on_zoom_begin (PmTimelineCanvas *self,
                                   GdkEventSequence *sequence,
                                   GtkGesture       *gesture);
void
_pm_timeline_canvas_on_zoom_scale_changed (PmTimelineCanvas *self,
                                           double            scale,
                                           GtkGestureZoom   *gesture);
void
_pm_timeline_canvas_stop_autoscroll (PmTimelineCanvas *self);

/* pm-timeline-canvas.c, for the layout */
int
_pm_timeline_canvas_add_lane (PmTimelineCanvas *self,
                              const char       *key);
int
_pm_timeline_canvas_find_lane (PmTimelineCanvas *self,
                               const char       *key);
void
_pm_timeline_canvas_on_object_notify (PmTimelineCanvas *self,
                                      GParamSpec       *pspec,
                                      GObject          *object);

/* pm-timeline-canvas-layout.c */
void
_pm_timeline_canvas_layout (PmTimelineCanvas *self);
gint64
_pm_timeline_canvas_primary_delta (PmTimelineCanvas *self,
                                   Card             *card,
                                   double            new_t,
                                   gint64            step);
gint64
_pm_timeline_canvas_snap_time (PmTimelineCanvas *self,
                               double            t,
                               gint64            step);
int
_pm_timeline_canvas_zone_offset (PmTimelineCanvas *self,
                                 gint64            t);
void
_pm_timeline_canvas_clamp_scroll (PmTimelineCanvas *self);
void
_pm_timeline_canvas_invalidate (PmTimelineCanvas *self);
void
_pm_timeline_canvas_rebuild (PmTimelineCanvas *self);
void
_pm_timeline_canvas_unwatch_all (PmTimelineCanvas *self);
/* Asks for a rebuild: now for the moderator's own changes, within LIVE_REBUILD_MS for someone
 * else's (a live session), so that a stream of them costs one rebuild, not one per frame. */
void
_pm_timeline_canvas_request_rebuild (PmTimelineCanvas *self);

/* pm-timeline-canvas-draw.c */
void   _pm_timeline_canvas_snapshot           (GtkWidget        *widget,
                                               GtkSnapshot      *snapshot);
void   _pm_timeline_canvas_update_kind_colors (PmTimelineCanvas *self);
guint  _pm_timeline_canvas_first_visible      (PmTimelineCanvas *self,
                                               GArray           *list,
                                               double            xs);

/* Hooks for the benchmark and the tests */

/* Puts the canvas in the middle of a drag of the selection, grabbed at the focused card and
 * moved by (@dx, @dy), without ending it; (0, 0) ends it without changing anything. */
void _pm_timeline_canvas_set_drag_offset (PmTimelineCanvas *self,
                                          double            dx,
                                          double            dy);

/* A pinch (GtkGestureZoom) begins, and its scale (relative to the start) changes with the
 * fingers' centre at @center_x; for tests, which cannot make touch events. */
void _pm_timeline_canvas_pinch_begin (PmTimelineCanvas *self);
void _pm_timeline_canvas_pinch       (PmTimelineCanvas *self,
                                      double            scale,
                                      double            center_x);

G_END_DECLS
