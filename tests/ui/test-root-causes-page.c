/* test-root-causes-page.c — the Root Causes page, the principle checklist, the grid and the
 * findings panel, driven through their widgets
 *
 * Needs a display (run under Xvfb).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pm-document-format.h"
#include "pm-finding.h"
#include "pm-findings-button.h"
#include "pm-principle-sidebar.h"
#include "pm-root-causes-page.h"
#include "ui-test-util.h"

typedef struct
{
  GtkWindow        *window;
  PmRootCausesPage *page;
  PmFindingsButton *findings;
  PmDocument       *document;
} Fixture;

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = pm_test_example_path ();
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay, *box;

  fixture->document = pm_document_load_from_file (path, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, GPOINTER_TO_INT (data) > 0 ? GPOINTER_TO_INT (data) : 1280, 800);
  overlay = adw_toast_overlay_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  fixture->findings = PM_FINDINGS_BUTTON (pm_findings_button_new ());
  fixture->page = PM_ROOT_CAUSES_PAGE (pm_root_causes_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->findings));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->page));
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), box);
  gtk_window_set_child (fixture->window, overlay);
  pm_root_causes_page_set_document (fixture->page, fixture->document);
  pm_findings_button_set_document (fixture->findings, fixture->document);
  gtk_window_present (fixture->window);
  pm_test_wait_until_mapped (GTK_WIDGET (fixture->window));
  pm_test_drain_events (1);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  PmDocument *document = fixture->document;

  g_object_add_weak_pointer (G_OBJECT (document), (gpointer *) &document);
  gtk_window_destroy (fixture->window);
  pm_test_drain_events (1);
  pm_undo_stack_clear (pm_document_get_undo_stack (fixture->document));
  g_object_unref (fixture->document);
  /* Neither the page, the sidebar, the grid nor the findings keep the document alive. */
  g_assert_null (document);
}

/* What a pointer click does (gtk_widget_activate() waits for the pressed look to end). */
static void
click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, found);
}

/* The verdict toggle of @principle in the sidebar ("not-assessed", "held-up", …). */
static GtkToggleButton *
find_verdict_toggle (PmPrincipleSidebar *sidebar,
                     PmPrinciple         principle,
                     const char         *verdict)
{
  g_autoptr(GPtrArray) toggles = g_ptr_array_new ();
  guint seen = 0;

  collect (GTK_WIDGET (sidebar), GTK_TYPE_TOGGLE_BUTTON, toggles);
  for (guint i = 0; i < toggles->len; i++)
    {
      const char *value = g_object_get_data (toggles->pdata[i], "pm-verdict");

      if (value == NULL)
        continue;
      if (seen / 4 == principle && g_str_equal (value, verdict))
        return toggles->pdata[i];
      seen++;
    }
  g_assert_not_reached ();
  return NULL;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static GtkListBox *
find_list (GtkWidget  *root,
           const char *css_free_label)
{
  g_autoptr(GPtrArray) lists = g_ptr_array_new ();

  /* The list whose rows carry root causes. */
  collect (root, GTK_TYPE_LIST_BOX, lists);
  for (guint i = 0; i < lists->len; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (lists->pdata[i], 0);

      if (row != NULL && g_object_get_data (G_OBJECT (row), "pm-root-cause") != NULL)
        return lists->pdata[i];
    }
  g_assert_not_reached ();
  return NULL;
}

static PmRootCause *
root_cause_at (PmDocument *document,
               guint       position)
{
  g_autoptr(PmRootCause) root_cause = g_list_model_get_item (pm_document_get_root_causes (document),
                                                             position);
  return root_cause;
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_shows_root_causes (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkListBox *list = find_list (GTK_WIDGET (fixture->page), NULL);
  PmPrincipleSidebar *sidebar = _pm_root_causes_page_get_sidebar (fixture->page);
  PmRootCause *first = root_cause_at (fixture->document, 0);

  g_assert_cmpuint (count_rows (list), ==, 4);
  g_assert_true (pm_root_causes_page_get_selected (fixture->page) == first);
  g_assert_true (pm_principle_sidebar_get_root_cause (sidebar) == first);
  g_assert_true (gtk_list_box_get_selected_row (list) == gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (pm_principle_sidebar_get_progress_text (sidebar), ==, "5 of 7 assessed");

  /* Choosing another row shows its principles. */
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 2));
  g_assert_true (pm_principle_sidebar_get_root_cause (sidebar) == root_cause_at (fixture->document, 2));
}

static void
test_assess_principle (Fixture       *fixture,
                       gconstpointer  data)
{
  PmPrincipleSidebar *sidebar = _pm_root_causes_page_get_sidebar (fixture->page);
  PmRootCause *first = root_cause_at (fixture->document, 0);
  guint n_findings = pm_findings_button_get_n_findings (fixture->findings);
  g_autoptr(GPtrArray) unassessed = g_ptr_array_new ();
  GtkWidget *cell;

  for (guint p = 0; p < PM_N_PRINCIPLES; p++)
    if (g_str_equal (pm_assessment_get_verdict (pm_root_cause_get_assessment (first, p)), "not-assessed"))
      g_ptr_array_add (unassessed, GUINT_TO_POINTER (p));
  g_assert_cmpuint (unassessed->len, ==, 2);

  /* Held up, through the button a user clicks. */
  click (GTK_WIDGET (find_verdict_toggle (sidebar, GPOINTER_TO_UINT (unassessed->pdata[0]),
                                                        "held-up")));
  pm_test_drain_events (1);
  g_assert_cmpstr (pm_assessment_get_verdict (pm_root_cause_get_assessment (first,
                                                                            GPOINTER_TO_UINT (unassessed->pdata[0]))),
                   ==, "held-up");
  g_assert_true (pm_document_get_modified (fixture->document));
  g_assert_cmpstr (pm_principle_sidebar_get_progress_text (sidebar), ==, "6 of 7 assessed");

  /* The grid shows it, coloured and marked. */
  cell = _pm_root_causes_page_get_cell (fixture->page, 0, GPOINTER_TO_UINT (unassessed->pdata[0]));
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "held-up"));
  g_assert_cmpstr (gtk_button_get_icon_name (GTK_BUTTON (cell)), ==, "emblem-ok-symbolic");

  /* A note, once there is a verdict. */
  /* The last one: the findings count drops (every principle of this cause is assessed). */
  click (GTK_WIDGET (find_verdict_toggle (sidebar, GPOINTER_TO_UINT (unassessed->pdata[1]),
                                                        "contributed")));
  pm_test_drain_events (1);
  _pm_findings_button_refresh (fixture->findings);
  g_assert_cmpuint (pm_findings_button_get_n_findings (fixture->findings), ==, n_findings - 1);
  cell = _pm_root_causes_page_get_cell (fixture->page, 0, GPOINTER_TO_UINT (unassessed->pdata[1]));
  g_assert_true (gtk_widget_has_css_class (cell, "contributed"));
  g_assert_cmpstr (pm_principle_sidebar_get_progress_text (sidebar), ==, "7 of 7 assessed");

  /* Undo takes both back, and the widgets follow. */
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_true (pm_document_undo (fixture->document));
  pm_test_drain_events (1);
  _pm_findings_button_refresh (fixture->findings);
  g_assert_false (pm_document_get_modified (fixture->document));
  g_assert_cmpstr (pm_principle_sidebar_get_progress_text (sidebar), ==, "5 of 7 assessed");
  g_assert_true (gtk_toggle_button_get_active (find_verdict_toggle (sidebar,
                                                                    GPOINTER_TO_UINT (unassessed->pdata[0]),
                                                                    "not-assessed")));
  cell = _pm_root_causes_page_get_cell (fixture->page, 0, GPOINTER_TO_UINT (unassessed->pdata[0]));
  g_assert_true (gtk_widget_has_css_class (cell, "not-assessed"));
  g_assert_cmpuint (pm_findings_button_get_n_findings (fixture->findings), ==, n_findings);
}

static void
test_grid_jumps_to_checklist (Fixture       *fixture,
                              gconstpointer  data)
{
  PmPrincipleSidebar *sidebar = _pm_root_causes_page_get_sidebar (fixture->page);
  GtkWidget *cell = _pm_root_causes_page_get_cell (fixture->page, 3, PM_PRINCIPLE_RIGOR);
  GtkToggleButton *toggle;
  GtkRoot *root;

  g_assert_nonnull (cell);
  g_assert_null (_pm_root_causes_page_get_cell (fixture->page, 4, PM_PRINCIPLE_RIGOR));
  click (cell);
  pm_test_drain_events (1);
  g_assert_true (pm_principle_sidebar_get_root_cause (sidebar) == root_cause_at (fixture->document, 3));

  /* The keyboard is on that principle's verdict. */
  root = gtk_widget_get_root (GTK_WIDGET (sidebar));
  toggle = NULL;
  for (guint i = 0; i < 4 && toggle == NULL; i++)
    {
      static const char * const verdicts[] = { "not-assessed", "contributed", "held-up", "not-relevant" };
      GtkToggleButton *candidate = find_verdict_toggle (sidebar, PM_PRINCIPLE_RIGOR, verdicts[i]);

      if (gtk_toggle_button_get_active (candidate))
        toggle = candidate;
    }
  g_assert_nonnull (toggle);
  g_assert_true (gtk_root_get_focus (root) == GTK_WIDGET (toggle));
}

static void
test_note (Fixture       *fixture,
           gconstpointer  data)
{
  PmPrincipleSidebar *sidebar = _pm_root_causes_page_get_sidebar (fixture->page);
  PmRootCause *first = root_cause_at (fixture->document, 0);
  PmAssessment *assessment = pm_root_cause_get_assessment (first, PM_PRINCIPLE_RIGOR);
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GtkTextBuffer *buffer;

  collect (GTK_WIDGET (sidebar), GTK_TYPE_TEXT_VIEW, views);
  g_assert_cmpuint (views->len, ==, PM_N_PRINCIPLES);
  buffer = gtk_text_view_get_buffer (views->pdata[PM_PRINCIPLE_RIGOR]);
  g_assert_true (gtk_widget_get_sensitive (views->pdata[PM_PRINCIPLE_RIGOR]));

  gtk_text_buffer_set_text (buffer, "Rotation", -1);
  gtk_text_buffer_insert_at_cursor (buffer, " was manual", -1);
  g_assert_cmpstr (pm_assessment_get_note (assessment), ==, "Rotation was manual");
  /* Typing is one step. */
  g_assert_true (pm_document_undo (fixture->document));
  pm_test_drain_events (1);
  g_assert_false (pm_document_get_modified (fixture->document));
}

static void
test_add_delete_reorder (Fixture       *fixture,
                         gconstpointer  data)
{
  GListModel *root_causes = pm_document_get_root_causes (fixture->document);
  PmRootCause *first = root_cause_at (fixture->document, 0);
  PmRootCause *second = root_cause_at (fixture->document, 1);
  PmRootCause *added;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autofree char *id = NULL;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "root-causes.add", NULL);
  pm_test_drain_events (1);
  g_assert_cmpuint (g_list_model_get_n_items (root_causes), ==, 5);
  added = root_cause_at (fixture->document, 4);
  g_assert_true (pm_root_causes_page_get_selected (fixture->page) == added);
  g_assert_cmpuint (count_rows (find_list (GTK_WIDGET (fixture->page), NULL)), ==, 5);

  /* Typing the title. */
  collect (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW, entries);
  g_assert_cmpuint (entries->len, ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "Releases need no second approval");
  g_assert_cmpstr (pm_root_cause_get_title (added), ==, "Releases need no second approval");

  /* Reordering, by action (the row menu and Alt+Up/Down use it). */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "root-causes.move-down", "s",
                              pm_root_cause_get_id (first));
  pm_test_drain_events (1);
  g_assert_true (root_cause_at (fixture->document, 0) == second);
  g_assert_true (root_cause_at (fixture->document, 1) == first);
  g_assert_true (pm_root_causes_page_get_selected (fixture->page) == added);

  /* Deleting, and undoing it. */
  id = g_strdup (pm_root_cause_get_id (added));
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "root-causes.delete", "s", id);
  pm_test_drain_events (1);
  g_assert_cmpuint (g_list_model_get_n_items (root_causes), ==, 4);
  g_assert_null (pm_document_find_root_cause (fixture->document, id));
  g_assert_nonnull (pm_root_causes_page_get_selected (fixture->page));
  g_assert_true (pm_document_undo (fixture->document));
  pm_test_drain_events (1);
  g_assert_nonnull (pm_document_find_root_cause (fixture->document, id));
  g_assert_cmpuint (count_rows (find_list (GTK_WIDGET (fixture->page), NULL)), ==, 5);

  while (pm_document_undo (fixture->document))
    ;
  pm_test_drain_events (1);
  g_assert_true (root_cause_at (fixture->document, 0) == first);
  g_assert_cmpuint (g_list_model_get_n_items (root_causes), ==, 4);
  g_assert_false (pm_document_get_modified (fixture->document));
}

static void
test_open_questions (Fixture       *fixture,
                     gconstpointer  data)
{
  guint n = _pm_root_causes_page_get_n_open_questions (fixture->page);
  PmRootCause *first = root_cause_at (fixture->document, 0);

  g_assert_cmpuint (n, >, 0);
  g_assert_true (pm_document_link_event_to_root_cause (fixture->document, "ev-15",
                                                       pm_root_cause_get_id (first)));
  pm_test_drain_events (1);
  g_assert_cmpuint (_pm_root_causes_page_get_n_open_questions (fixture->page), ==, n - 1);
  g_assert_true (pm_document_undo (fixture->document));
  pm_test_drain_events (1);
  g_assert_cmpuint (_pm_root_causes_page_get_n_open_questions (fixture->page), ==, n);
}

static void
test_link_events_from_search (Fixture       *fixture,
                              gconstpointer  data)
{
  PmRootCause *first = root_cause_at (fixture->document, 0);
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  g_autoptr(GPtrArray) searches = g_ptr_array_new ();
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  GtkMenuButton *link_button = NULL;
  GtkPopover *popover;

  collect (GTK_WIDGET (fixture->page), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (gtk_menu_button_get_popover (buttons->pdata[i]) != NULL &&
        gtk_menu_button_get_menu_model (buttons->pdata[i]) == NULL)
      link_button = buttons->pdata[i];
  g_assert_nonnull (link_button);
  popover = gtk_menu_button_get_popover (link_button);
  gtk_menu_button_popup (link_button);
  pm_test_drain_events (1);

  /* Searching narrows the list of events to pick from. */
  collect (GTK_WIDGET (popover), GTK_TYPE_SEARCH_ENTRY, searches);
  g_assert_cmpuint (searches->len, ==, 1);
  collect (GTK_WIDGET (popover), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, g_list_model_get_n_items (pm_document_get_events (fixture->document)));
  gtk_editable_set_text (GTK_EDITABLE (searches->pdata[0]), "hourly statistics");
  g_signal_emit_by_name (searches->pdata[0], "search-changed");
  pm_test_drain_events (1);
  g_ptr_array_set_size (checks, 0);
  collect (GTK_WIDGET (popover), GTK_TYPE_CHECK_BUTTON, checks);
  g_assert_cmpuint (checks->len, ==, 1);
  g_assert_false (gtk_check_button_get_active (checks->pdata[0]));

  /* Ticking it links the event; the open question goes away. */
  gtk_check_button_set_active (checks->pdata[0], TRUE);
  g_assert_true (pm_root_cause_has_event (first, "ev-15"));
  pm_test_drain_events (1);
  g_assert_cmpuint (_pm_root_causes_page_get_n_open_questions (fixture->page), ==, 0);
  gtk_popover_popdown (popover);
  g_assert_true (pm_document_undo (fixture->document));
  g_assert_false (pm_root_cause_has_event (first, "ev-15"));
}

static void
test_dismiss_finding (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkPopover *popover = _pm_findings_button_get_popover (fixture->findings);
  guint n = pm_findings_button_get_n_findings (fixture->findings);
  g_autoptr(PmFinding) first = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  PmDismissal *dismissal;

  g_assert_cmpuint (n, >, 0);
  first = g_list_model_get_item (pm_findings_button_get_findings (fixture->findings), 0);

  collect (GTK_WIDGET (popover), GTK_TYPE_ENTRY, entries);
  g_assert_cmpuint (entries->len, ==, n);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "Checked with the vendor");
  g_signal_emit_by_name (entries->pdata[0], "activate");
  pm_test_drain_events (1);

  dismissal = pm_document_find_dismissal (fixture->document, pm_finding_get_rule (first),
                                          pm_finding_get_object_id (first));
  g_assert_nonnull (dismissal);
  g_assert_cmpstr (pm_dismissal_get_reason (dismissal), ==, "Checked with the vendor");
  g_assert_cmpuint (pm_findings_button_get_n_findings (fixture->findings), ==, n - 1);

  g_assert_true (pm_document_undo (fixture->document));
  pm_test_drain_events (1);
  g_assert_cmpuint (pm_findings_button_get_n_findings (fixture->findings), ==, n);
}

static void
test_narrow (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) flaps = g_ptr_array_new ();
  AdwFlap *flap;
  PmRootCause *third = root_cause_at (fixture->document, 2);

  int minimum = 0;

  collect (GTK_WIDGET (fixture->page), ADW_TYPE_FLAP, flaps);
  g_assert_cmpuint (flaps->len, ==, 1);
  flap = flaps->pdata[0];
  /* The page itself never forces a wide window. */
  gtk_widget_measure (GTK_WIDGET (fixture->page), GTK_ORIENTATION_HORIZONTAL, -1,
                      &minimum, NULL, NULL, NULL);
  g_test_message ("minimum width %d", minimum);
  g_assert_cmpint (minimum, <=, 400);
  /* On an 800 px screen the checklist folds over the content, and a cell opens it. */
  g_assert_true (adw_flap_get_folded (flap));
  g_assert_true (pm_root_causes_page_show_principle (fixture->page, pm_root_cause_get_id (third),
                                                     PM_PRINCIPLE_MINIMIZATION));
  pm_test_drain_events (1);
  g_assert_true (adw_flap_get_reveal_flap (flap));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  pm_test_init (&argc, &argv);

#define ADD(path, width, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (width), fixture_set_up, func, fixture_tear_down)

  ADD ("/root-causes-page/shows-root-causes", 0, test_shows_root_causes);
  ADD ("/root-causes-page/assess-principle", 0, test_assess_principle);
  ADD ("/root-causes-page/grid-jumps-to-checklist", 0, test_grid_jumps_to_checklist);
  ADD ("/root-causes-page/note", 0, test_note);
  ADD ("/root-causes-page/add-delete-reorder", 0, test_add_delete_reorder);
  ADD ("/root-causes-page/open-questions", 0, test_open_questions);
  ADD ("/root-causes-page/link-events-from-search", 0, test_link_events_from_search);
  ADD ("/root-causes-page/narrow", 800, test_narrow);
  ADD ("/findings-button/dismiss", 0, test_dismiss_finding);

#undef ADD

  return g_test_run ();
}
