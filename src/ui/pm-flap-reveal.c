/* pm-flap-reveal.c — opening an AdwFlap's side panel safely, also right after it was built
 *
 * libadwaita 1.2 starts the reveal animation with a velocity divided by the flap's allocated
 * width. A flap that is mapped but was never allocated (a page built on demand that opens its
 * side panel at once) divides by zero: the NaN progress allocates the children at G_MININT
 * (a GTK warning, and a broken frame). Such a reveal waits for the first allocation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-flap-reveal.h"

#define PENDING_KEY "pm-flap-reveal-tick"

static gboolean
reveal_when_allocated_cb (GtkWidget     *widget,
                          GdkFrameClock *clock,
                          gpointer       user_data)
{
  if (gtk_widget_get_width (widget) == 0)
    return G_SOURCE_CONTINUE;

  g_object_set_data (G_OBJECT (widget), PENDING_KEY, NULL);
  adw_flap_set_reveal_flap (ADW_FLAP (widget), TRUE);

  return G_SOURCE_REMOVE;
}

void
pm_flap_reveal (AdwFlap  *flap,
                gboolean  reveal)
{
  GtkWidget *widget;
  guint pending;

  g_return_if_fail (ADW_IS_FLAP (flap));

  widget = GTK_WIDGET (flap);
  pending = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (flap), PENDING_KEY));

  /* Unmapped, the flap skips the animation; allocated, it has a width to divide by. */
  if (!reveal || !gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) > 0)
    {
      if (pending != 0)
        {
          gtk_widget_remove_tick_callback (widget, pending);
          g_object_set_data (G_OBJECT (flap), PENDING_KEY, NULL);
        }
      adw_flap_set_reveal_flap (flap, reveal);
      return;
    }

  if (pending == 0)
    {
      pending = gtk_widget_add_tick_callback (widget, reveal_when_allocated_cb, NULL, NULL);
      g_object_set_data (G_OBJECT (flap), PENDING_KEY, GUINT_TO_POINTER (pending));
    }
}
