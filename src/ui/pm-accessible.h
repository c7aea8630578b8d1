/* pm-accessible.h — names screen readers hear, as GTK 4.8 gets them wrong
 *
 * GTK 4.8 names a button by its label property *and* by the label inside it ("_Plan Plan",
 * "Overdue Only Overdue Only"), mnemonic underscore included. These helpers leave one name: the
 * text the button shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Every button under @root (and @root itself) whose content is a label is named after the
 * label's visible text, once. */
void pm_accessible_name_buttons (GtkWidget *root);
/* @widget keeps the name it was given (its LABEL property) and is no longer also named by the
 * row or label that points at it. */
void pm_accessible_keep_own_name (GtkWidget *widget);

G_END_DECLS
