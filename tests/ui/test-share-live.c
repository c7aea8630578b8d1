/* test-share-live.c — display tests for hosting a live session from the window: the QR code is
 * drawn as scanners need it; Share Live starts a session and shows its panel (join link, QR
 * code, fingerprint, people); Remove and Stop Session do what they say; the session ends with
 * the window, its document and the app; a refused undo or redo step is said in a toast
 *
 * Runs under Xvfb like test-window.c. The certificate is made in a private XDG_DATA_HOME. The
 * participants here are the session's own clients (no network): what the host would carry over
 * WebSocket, they receive in memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "pm-live-certificate.h"
#include "pm-live-join-dialog.h"
#include "pm-preferences-window.h"
#include "pm-live-person.h"
#include "pm-live-session-dialog-private.h"
#include "pm-window-private.h"
#include "ui-test-util.h"

static PmApplication *app;
static char *tmp_dir;

/* ------------------------------------------------------------------------------------------ */
/* A participant without a browser                                                             */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  PmLiveSession *session;
  PmLiveClient  *client;
  GPtrArray     *received;   /* of char *: every message */
  gboolean       closed;
} Participant;

static void
on_send (PmLiveClient *client,
         const char   *text,
         gsize         length,
         gpointer      user_data)
{
  Participant *participant = user_data;

  g_ptr_array_add (participant->received, g_strndup (text, length));
}

static void
on_close (PmLiveClient *client,
          gpointer      user_data)
{
  Participant *participant = user_data;

  participant->closed = TRUE;
}

static Participant *
participant_connect (PmLiveHost *host)
{
  Participant *participant = g_new0 (Participant, 1);

  participant->session = g_object_ref (pm_live_host_get_session (host));
  participant->received = g_ptr_array_new_with_free_func (g_free);
  participant->client = pm_live_session_connect (participant->session, on_send, on_close,
                                                 participant);
  return participant;
}

static void
participant_say (Participant *participant,
                 const char  *text)
{
  pm_live_session_receive (participant->session, participant->client, text, strlen (text));
}

/* Whether a message of @type (and, when not NULL, with "reason" @reason) arrived. */
static gboolean
participant_received (Participant *participant,
                      const char  *type,
                      const char  *reason)
{
  for (guint i = 0; i < participant->received->len; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (participant->received->pdata[i], NULL);
      JsonObject *object = node != NULL ? json_node_get_object (node) : NULL;

      if (object == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (object, "type", ""), type) != 0)
        continue;
      if (reason == NULL ||
          g_strcmp0 (json_object_get_string_member_with_default (object, "reason", ""), reason) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The id of the first participant the lobby offers (the moderator is not offered). */
static char *
participant_dup_lobby_id (Participant *participant)
{
  g_autoptr(JsonNode) node = NULL;
  JsonArray *list;

  g_assert_cmpuint (participant->received->len, >, 0);
  node = json_from_string (participant->received->pdata[0], NULL);
  g_assert_nonnull (node);
  list = json_object_get_array_member (json_node_get_object (node), "participants");
  g_assert_cmpuint (json_array_get_length (list), >, 0);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (list, 0), "id"));
}

/* The session frees its clients; this only lets go of the messages. */
static void
participant_free (Participant *participant)
{
  g_ptr_array_unref (participant->received);
  g_object_unref (participant->session);
  g_free (participant);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Participant, participant_free)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* The example, copied into the private folder (the window may save it). */
static char *
example_copy (const char *name)
{
  g_autofree char *source = pm_test_example_path ();
  g_autofree char *contents = NULL;
  char *path = g_build_filename (tmp_dir, name, NULL);
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static PmWindow *
open_example (const char *name)
{
  g_autofree char *path = example_copy (name);
  PmWindow *window = pm_test_open_in_app (app, path);

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  pm_test_wait_until_mapped (GTK_WIDGET (window));
  return window;
}

static PmLiveHost *
share_live (PmWindow *window)
{
  PmLiveHost *host;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.share-live", NULL);
  pm_test_iterate (20);
  host = _pm_window_get_live_host (window);
  g_assert_nonnull (host);
  g_assert_true (pm_live_host_get_running (host));
  return host;
}

/* The shown message dialog whose body is @body (NULL: any), or NULL. */
static AdwMessageDialog *
find_message_dialog (const char *body)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        (body == NULL || g_strcmp0 (adw_message_dialog_get_body (l->data), body) == 0))
      return l->data;
  return NULL;
}

static AdwActionRow *
person_row (PmLiveSessionDialog *dialog,
            int                  index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (_pm_live_session_dialog_get_people_list (dialog),
                                                      index);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return ADW_ACTION_ROW (row);
}

static gboolean
contains_label (GtkWidget  *root,
                const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), text) == 0)
        return TRUE;
      if (contains_label (child, text))
        return TRUE;
    }
  return FALSE;
}

static const char *
live_count (PmWindow *window)
{
  return gtk_label_get_text (window->live_count_label);
}

/* ------------------------------------------------------------------------------------------ */
/* Tests                                                                                       */
/* ------------------------------------------------------------------------------------------ */

static void
test_share_live (void)
{
  g_autofree char *certificate_path = g_build_filename (tmp_dir, APP_ID, "live",
                                                        "live-certificate.pem", NULL);
  g_autofree char *fingerprint = NULL;
  PmWindow *window = open_example ("share.pmortem");
  PmLiveSessionDialog *dialog;
  PmLiveHost *host;
  const char *url;

  g_assert_null (_pm_window_get_live_host (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->live_button)));

  host = share_live (window);

  /* This computer's own certificate, made in the app's data folder. */
  g_assert_true (g_file_test (certificate_path, G_FILE_TEST_IS_REGULAR));

  /* The panel: beside the window, not in its way. */
  dialog = _pm_window_get_live_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_true (pm_live_session_dialog_get_host (dialog) == host);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (dialog)));

  /* The link, as text and as a QR code; the short fingerprint. */
  url = pm_live_host_get_join_url (host);
  g_assert_true (g_str_has_prefix (url, "https://"));
  g_assert_cmpstr (gtk_label_get_text (_pm_live_session_dialog_get_link_label (dialog)), ==, url);
  g_assert_true (gtk_label_get_selectable (_pm_live_session_dialog_get_link_label (dialog)));
  g_assert_cmpstr (pm_qr_code_get_text (_pm_live_session_dialog_get_qr_code (dialog)), ==, url);
  g_assert_cmpuint (pm_qr_code_get_modules (_pm_live_session_dialog_get_qr_code (dialog)), >=, 21);
  fingerprint = pm_live_certificate_dup_short_fingerprint (pm_live_host_get_certificate (host));
  g_assert_cmpstr (gtk_label_get_text (_pm_live_session_dialog_get_fingerprint_label (dialog)), ==,
                   fingerprint);

  /* The Live button shows the session, nobody connected yet. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window->live_button)));
  g_assert_cmpstr (live_count (window), ==, "0");

  /* One session per window: the action shows the running one again. */
  gtk_window_close (GTK_WINDOW (dialog));
  pm_test_iterate (20);
  g_assert_null (_pm_window_get_live_dialog (window));
  g_assert_true (pm_live_host_get_running (host));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.share-live", NULL);
  pm_test_iterate (20);
  g_assert_true (_pm_window_get_live_host (window) == host);
  g_assert_nonnull (_pm_window_get_live_dialog (window));

  pm_test_destroy_all_windows ();
}

/* A certificate that cannot be used is said in a dialog naming the file and the settings. */
static void
test_certificate_errors (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *missing = g_build_filename (tmp_dir, "no-such-cert.pem", NULL);
  g_autofree char *key = g_build_filename (tmp_dir, "no-such-key.pem", NULL);
  PmWindow *window = open_example ("certificate.pmortem");
  AdwMessageDialog *dialog;
  const char *body;

  /* Only one of the two files. */
  g_settings_set_string (settings, "live-certificate", missing);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.share-live", NULL);
  pm_test_iterate (20);
  g_assert_null (_pm_window_get_live_host (window));
  dialog = _pm_window_get_dialog (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Could Not Start the Live Session");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "“live-certificate”"));
  g_assert_nonnull (strstr (body, "“live-key”"));
  adw_message_dialog_response (dialog, "close");
  pm_test_iterate (20);

  /* Both, but the files are not there: which file, and where it is set. */
  g_settings_set_string (settings, "live-key", key);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.share-live", NULL);
  pm_test_iterate (20);
  g_assert_null (_pm_window_get_live_host (window));
  dialog = _pm_window_get_dialog (window);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "no-such-cert.pem"));
  g_assert_nonnull (strstr (body, "“live-certificate”"));
  adw_message_dialog_response (dialog, "close");
  pm_test_iterate (20);

  g_settings_reset (settings, "live-certificate");
  g_settings_reset (settings, "live-key");
  pm_test_destroy_all_windows ();
}

static void
test_people (void)
{
  PmWindow *window = open_example ("people.pmortem");
  PmLiveHost *host = share_live (window);
  PmLiveSessionDialog *dialog = _pm_window_get_live_dialog (window);
  g_autoptr(Participant) ana = participant_connect (host);
  g_autoptr(Participant) ben = participant_connect (host);
  g_autoptr(PmLivePerson) person = NULL;
  AdwMessageDialog *confirm;
  GListModel *people;
  GtkWidget *remove;
  AdwActionRow *row;

  g_assert_null (gtk_list_box_get_row_at_index (_pm_live_session_dialog_get_people_list (dialog), 0));

  participant_say (ana, "{\"type\":\"hello\",\"name\":\"Ana\"}");
  participant_say (ben, "{\"type\":\"hello\",\"name\":\"Ben\"}");
  g_assert_true (participant_received (ana, "welcome", NULL));
  pm_test_iterate (20);

  row = person_row (dialog, 0);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Ana");
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Connected (1 connection)"));
  g_assert_cmpstr (live_count (window), ==, "2");

  /* Remove asks first; Cancel keeps Ana. */
  remove = pm_test_find_widget_of_type (GTK_WIDGET (row), GTK_TYPE_BUTTON);
  g_assert_nonnull (remove);
  g_assert_true (gtk_widget_get_visible (remove));
  g_signal_emit_by_name (remove, "clicked");
  pm_test_iterate (20);
  confirm = find_message_dialog ("Remove Ana from the live session? Their link stops working; "
                                 "their events stay.");
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "cancel");
  pm_test_iterate (20);
  g_assert_false (ana->closed);

  /* Remove: Ana's link stops working, the list says so. */
  g_signal_emit_by_name (remove, "clicked");
  pm_test_iterate (20);
  confirm = find_message_dialog ("Remove Ana from the live session? Their link stops working; "
                                 "their events stay.");
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "remove");
  pm_test_iterate (20);
  g_assert_true (participant_received (ana, "bye", "removed"));
  g_assert_true (ana->closed);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Removed"));
  g_assert_false (gtk_widget_get_visible (remove));

  /* Removed through the session itself: the list follows too. */
  people = pm_live_session_get_people (pm_live_host_get_session (host));
  person = g_list_model_get_item (people, 1);
  pm_live_session_remove_participant (pm_live_host_get_session (host),
                                      pm_live_person_get_participant_id (person));
  pm_test_iterate (20);
  row = person_row (dialog, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Ben");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (row), "Removed"));
  g_assert_true (ben->closed);
  g_assert_cmpstr (live_count (window), ==, "0");

  pm_test_destroy_all_windows ();
}

static void
test_stop (void)
{
  PmWindow *window = open_example ("stop.pmortem");
  g_autoptr(PmLiveHost) host = g_object_ref (share_live (window));
  PmLiveSessionDialog *dialog = _pm_window_get_live_dialog (window);
  g_autoptr(Participant) tomasz = participant_connect (host);
  g_autofree char *id = participant_dup_lobby_id (tomasz);
  g_autofree char *hello = g_strdup_printf ("{\"type\":\"hello\",\"participant\":\"%s\"}", id);
  AdwMessageDialog *confirm;

  participant_say (tomasz, hello);
  g_assert_true (participant_received (tomasz, "welcome", NULL));

  /* Stop Session asks; Cancel keeps it running. */
  g_signal_emit_by_name (_pm_live_session_dialog_get_stop_button (dialog), "clicked");
  pm_test_iterate (20);
  confirm = find_message_dialog (NULL);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "cancel");
  pm_test_iterate (20);
  g_assert_true (pm_live_host_get_running (host));

  g_signal_emit_by_name (_pm_live_session_dialog_get_stop_button (dialog), "clicked");
  pm_test_iterate (20);
  confirm = find_message_dialog (NULL);
  g_assert_nonnull (confirm);
  adw_message_dialog_response (confirm, "stop");
  pm_test_iterate (20);

  /* Everybody is told; the panel and the Live button go; the window says so. */
  g_assert_false (pm_live_host_get_running (host));
  g_assert_true (participant_received (tomasz, "bye", "stopped"));
  g_assert_true (tomasz->closed);
  g_assert_null (_pm_window_get_live_host (window));
  g_assert_null (_pm_window_get_live_dialog (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window->live_button)));
  g_assert_true (contains_label (GTK_WIDGET (window), "The live session ended"));

  /* A new session can start: a new link. */
  {
    PmLiveHost *again = share_live (window);

    g_assert_true (again != host);
    g_assert_cmpstr (pm_live_host_get_join_url (again), !=, pm_live_host_get_join_url (host));
  }

  pm_test_destroy_all_windows ();
}

/* Closing the window, showing another document in it, and quitting end the session. */
static void
test_lifecycle (void)
{
  PmWindow *window = open_example ("close.pmortem");
  g_autoptr(PmLiveHost) host = g_object_ref (share_live (window));
  g_autoptr(Participant) participant = participant_connect (host);
  g_autoptr(PmDocument) other = pm_document_new ();

  /* Another document in the window. */
  pm_window_set_document (window, other, NULL, NULL);
  pm_test_iterate (20);
  g_assert_false (pm_live_host_get_running (host));
  g_assert_true (participant_received (participant, "bye", "stopped"));
  g_assert_null (_pm_window_get_live_host (window));
  g_clear_object (&host);

  /* Closing the window. */
  host = g_object_ref (share_live (window));
  gtk_window_close (GTK_WINDOW (window));
  pm_test_iterate (20);
  g_assert_false (pm_live_host_get_running (host));
  g_clear_object (&host);

  /* Quitting (the last test: the application quits). */
  window = open_example ("quit.pmortem");
  host = g_object_ref (share_live (window));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  pm_test_iterate (50);
  g_assert_false (pm_live_host_get_running (host));

  pm_test_destroy_all_windows ();
}

/* Ctrl+Z never does nothing silently: a step a participant changed since is refused aloud. */
static void
test_refused_undo (void)
{
  PmWindow *window = open_example ("refused.pmortem");
  PmDocument *document = pm_window_get_document (window);
  g_autoptr(PmEvent) event = g_list_model_get_item (pm_document_get_events (document), 0);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  GtkWidget *overlay = pm_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);

  pm_document_begin_change (document, "Edit event");
  pm_document_set (document, event, "text", "The moderator's words", NULL);
  pm_document_end_change (document);

  pm_document_begin_foreign_change (document, "Ana");
  pm_document_set (document, event, "text", "Ana's words", NULL);
  pm_document_end_foreign_change (document);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);
  pm_test_iterate (30);
  g_assert_true (contains_label (overlay, "Could not undo “Edit event”: Ana changed it since"));
  g_assert_cmpstr (pm_event_get_text (event), ==, "Ana's words");
  pm_test_destroy_all_windows ();

  /* Redo too (a window of its own: an overlay shows one toast at a time). */
  window = open_example ("refused-redo.pmortem");
  document = pm_window_get_document (window);
  g_clear_object (&event);
  event = g_list_model_get_item (pm_document_get_events (document), 0);
  overlay = pm_test_find_widget_of_type (GTK_WIDGET (window), ADW_TYPE_TOAST_OVERLAY);

  pm_document_begin_change (document, "Edit event");
  pm_document_set (document, event, "text", "The moderator's words", NULL);
  pm_document_end_change (document);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL);

  pm_document_begin_foreign_change (document, "Ben");
  pm_document_set (document, event, "text", "Ben's words", NULL);
  pm_document_end_foreign_change (document);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL);
  pm_test_iterate (30);
  g_assert_true (contains_label (overlay, "Could not redo “Edit event”: Ben changed it since"));
  g_assert_cmpstr (pm_event_get_text (event), ==, "Ben's words");

  pm_test_destroy_all_windows ();
}

/* 0 for an opaque black pixel at (@x, @y), 1 for an opaque white one, 2 for anything else. */
static int
pixel_at (const guchar *data,
          gsize         stride,
          int           x,
          int           y)
{
  const guchar *p = data + (gsize) y * stride + (gsize) x * 4;

  if (p[3] == 0xff && p[0] == 0 && p[1] == 0 && p[2] == 0)
    return 0;
  if (p[3] == 0xff && p[0] == 0xff && p[1] == 0xff && p[2] == 0xff)
    return 1;
  return 2;
}

/* Checks the picture of @qr: each module where the code has it, black on white with four light
 * modules around, in whole pixels, as large as the allocation allows, centred. */
static void
check_qr_picture (GtkWindow *window,
                  PmQrCode  *qr)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (qr));
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (qr));
  int height = gtk_widget_get_height (GTK_WIDGET (qr));
  guint modules = pm_qr_code_get_modules (qr);
  guint side = modules + 8;
  int module = MIN (width, height) / (int) side;
  int x0 = (width - module * (int) side) / 2;
  int y0 = (height - module * (int) side) / 2;
  gsize stride = (gsize) width * 4;

  g_assert_cmpint (module, >=, 2);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  data = g_malloc (stride * height);
  gdk_texture_download (texture, data, stride);

  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      {
        gboolean quiet = x < 4 || y < 4 || x >= modules + 4 || y >= modules + 4;
        gboolean dark = !quiet && pm_qr_code_get_module (qr, x - 4, y - 4);
        int cx = x0 + (int) x * module + module / 2;
        int cy = y0 + (int) y * module + module / 2;

        g_assert_cmpint (pixel_at (data, stride, cx, cy), ==, dark ? 0 : 1);
        /* Whole pixels: a module's corners have its colour too. */
        g_assert_cmpint (pixel_at (data, stride, x0 + (int) x * module, y0 + (int) y * module), ==,
                         dark ? 0 : 1);
      }
}


/* The first widget of @type under @root for which @match holds. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          const char *label = ADW_IS_PREFERENCES_ROW (child)
                              ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child))
                              : GTK_IS_BUTTON (child) ? gtk_button_get_label (GTK_BUTTON (child)) : NULL;

          if (g_strcmp0 (label, text) == 0)
            return child;
        }
      if ((found = find_widget (child, type, text)) != NULL)
        return found;
    }
  return NULL;
}

/* A participant with the app joins the session another window hosts: the link with its
 * fingerprint and a name; the shared timeline opens in a window of its own, and an event added
 * there reaches the moderator's document under the participant's name. */
static void
test_join_from_app (void)
{
  PmWindow *window = open_example ("join.pmortem");
  PmLiveHost *host = share_live (window);
  PmDocument *document = pm_window_get_document (window);
  g_autoptr(PmLiveJoinDialog) dialog = g_object_ref_sink (pm_live_join_dialog_new (GTK_APPLICATION (app), GTK_WINDOW (window),
                                                                                    pm_live_host_get_join_url (host)));
  GtkWidget *name_row, *join_button;
  PmWindow *joined = NULL;
  gint64 deadline;
  guint before = g_list_model_get_n_items (pm_document_get_events (document));
  g_autoptr(PmEvent) typed = pm_event_new ("ev-from-the-app");

  gtk_window_present (GTK_WINDOW (dialog));
  name_row = find_widget (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Your name");
  join_button = find_widget (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "_Join");
  g_assert_nonnull (name_row);
  g_assert_nonnull (join_button);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Quentin");
  g_assert_true (gtk_widget_get_sensitive (join_button));
  gtk_widget_activate (join_button);

  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (joined == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
        if (PM_IS_WINDOW (l->data) && l->data != window && g_object_get_data (l->data, "pm-live-join"))
          joined = l->data;
    }
  g_assert_nonnull (joined);
  g_assert_cmpstr (pm_document_get_title (pm_window_get_document (joined)), ==,
                   pm_document_get_title (document));
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (pm_window_get_document (joined))), >, 0);

  pm_event_set_text (typed, "Quentin added this from his own app");
  pm_document_add_event (pm_window_get_document (joined), typed);
  deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (pm_document_get_events (document)) == before &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (document)), ==, before + 1);
  {
    g_autoptr(PmEvent) last = g_list_model_get_item (pm_document_get_events (document), before);
    PmParticipant *who = pm_document_find_participant (document, pm_event_get_contributor (last));

    g_assert_cmpstr (pm_event_get_text (last), ==, "Quentin added this from his own app");
    g_assert_cmpstr (pm_participant_get_name (who), ==, "Quentin");
  }

  gtk_window_destroy (GTK_WINDOW (joined));
  pm_test_iterate (10);
  _pm_window_stop_live (window);
  pm_window_get_document (window) ? pm_document_mark_saved (pm_window_get_document (window)) : (void) 0;
  gtk_window_destroy (GTK_WINDOW (window));
  pm_test_iterate (10);
}

static const char *
preferences_row_subtitle (GtkWidget  *prefs,
                          const char *title)
{
  GtkWidget *row = find_widget (prefs, ADW_TYPE_ACTION_ROW, title);

  g_assert_nonnull (row);
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

/* Preferences take the organisation's certificate and key, and say what they hold. */
static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *dir_a = g_build_filename (tmp_dir, "org-a", NULL);
  g_autofree char *dir_b = g_build_filename (tmp_dir, "org-b", NULL);
  g_autoptr(GTlsCertificate) a = pm_live_certificate_load_or_create (dir_a, NULL);
  g_autoptr(GTlsCertificate) b = pm_live_certificate_load_or_create (dir_b, NULL);
  g_autofree char *cert_a = g_build_filename (dir_a, "live-certificate.pem", NULL);
  g_autofree char *key_a = g_build_filename (dir_a, "live-key.pem", NULL);
  g_autofree char *key_b = g_build_filename (dir_b, "live-key.pem", NULL);
  g_autofree char *fingerprint = pm_live_certificate_dup_short_fingerprint (a);
  GtkWidget *prefs;

  g_assert_nonnull (a);
  g_assert_nonnull (b);

  g_settings_set_string (settings, "live-certificate", cert_a);
  prefs = pm_preferences_window_new (NULL);
  g_assert_cmpstr (preferences_row_subtitle (prefs, "Organisation _Certificate"), ==, cert_a);
  g_assert_cmpstr (preferences_row_subtitle (prefs, "Fingerprint"), ==, "Choose the certificate’s private key too");
  gtk_window_destroy (GTK_WINDOW (prefs));

  g_settings_set_string (settings, "live-key", key_b);
  prefs = pm_preferences_window_new (NULL);
  g_assert_true (g_str_has_prefix (preferences_row_subtitle (prefs, "Fingerprint"), "Cannot be used: "));
  gtk_window_destroy (GTK_WINDOW (prefs));

  g_settings_set_string (settings, "live-key", key_a);
  prefs = pm_preferences_window_new (NULL);
  g_assert_cmpstr (preferences_row_subtitle (prefs, "Fingerprint"), ==, fingerprint);

  /* Back to the app's own. */
  g_signal_emit_by_name (find_widget (prefs, GTK_TYPE_BUTTON, "Use the App’s Own"), "clicked");
  {
    g_autofree char *certificate = g_settings_get_string (settings, "live-certificate");

    g_assert_cmpstr (certificate, ==, "");
  }
  gtk_window_destroy (GTK_WINDOW (prefs));
  pm_test_iterate (10);
}

static void
test_qr_code (void)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *qr = pm_qr_code_new ();

  pm_qr_code_set_text (PM_QR_CODE (qr), "https://192.0.2.20:41235/s/"
                       "Q2hvb3NlIGEgbG9uZyBzZWNyZXQgZm9yIHRoZSB0ZXN0Lg/#fp=abc");
  /* Version 5 or more for a link this long; the finder pattern in its corner. */
  g_assert_cmpuint (pm_qr_code_get_modules (PM_QR_CODE (qr)), >=, 37);
  g_assert_true (pm_qr_code_get_module (PM_QR_CODE (qr), 0, 0));
  g_assert_false (pm_qr_code_get_module (PM_QR_CODE (qr), 1, 1));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (qr)), ==,
                   GTK_ACCESSIBLE_ROLE_IMG);

  gtk_window_set_decorated (window, FALSE);
  gtk_window_set_default_size (window, 520, 400);
  gtk_window_set_child (window, qr);
  gtk_window_present (window);
  pm_test_wait_until_mapped (qr);
  pm_test_iterate (20);
  check_qr_picture (window, PM_QR_CODE (qr));

  /* Dark modules on a light ground in the dark style too: scanners need it. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  pm_test_iterate (20);
  check_qr_picture (window, PM_QR_CODE (qr));
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* No text: nothing to draw, no size asked for. */
  pm_qr_code_set_text (PM_QR_CODE (qr), NULL);
  g_assert_cmpuint (pm_qr_code_get_modules (PM_QR_CODE (qr)), ==, 0);

  gtk_window_destroy (window);
  pm_test_iterate (10);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  tmp_dir = pm_test_make_private_dirs ("pmortem-live-XXXXXX");
  pm_test_init (&argc, &argv);
  app = pm_test_register_application ();

  g_test_add_func ("/ui/live/qr-code", test_qr_code);
  g_test_add_func ("/ui/live/share", test_share_live);
  g_test_add_func ("/ui/live/certificate-errors", test_certificate_errors);
  g_test_add_func ("/ui/live/people", test_people);
  g_test_add_func ("/ui/live/stop", test_stop);
  g_test_add_func ("/ui/live/refused-undo", test_refused_undo);
  /* Quits the application: last. */
  g_test_add_func ("/ui/live/lifecycle", test_lifecycle);
  g_test_add_func ("/ui/live/join-from-app", test_join_from_app);
  g_test_add_func ("/ui/live/preferences", test_preferences);

  ret = g_test_run ();

  pm_test_destroy_all_windows ();
  g_clear_object (&app);
  /* Leave the folder for a look when something failed. */
  if (ret == 0)
    pm_test_remove_recursively (tmp_dir);
  g_free (tmp_dir);

  return ret;
}
