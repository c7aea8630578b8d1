/* test-live-join.c — joining a live session from the app, against a real host on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pm-error.h"
#include "pm-live-certificate.h"
#include "pm-live-host.h"
#include "pm-live-join.h"
#include "pm-merge.h"

#include "test-util.h"

typedef struct
{
  char            *dir;
  PmDocument      *document;   /* the moderator's */
  GTlsCertificate *certificate;
  PmLiveHost      *host;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *certificates = NULL;
  g_autoptr(PmEvent) secret = pm_event_new ("ev-team-only");

  f->dir = pm_test_make_tmp_dir ("pm-live-join-XXXXXX");
  certificates = g_build_filename (f->dir, "live", NULL);
  f->certificate = pm_live_certificate_load_or_create (certificates, &error);
  g_assert_no_error (error);
  f->document = pm_test_load_example ();
  pm_event_set_text (secret, "TEAM ONLY lawyers informed");
  pm_event_set_confidential (secret, TRUE);
  pm_document_add_event (f->document, secret);
  f->host = pm_live_host_new (f->document, f->certificate);
  g_assert_true (pm_live_host_start (f->host, "127.0.0.1", 0, &error));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->host);
  g_clear_object (&f->document);
  g_clear_object (&f->certificate);
  pm_test_remove_tree (f->dir);
  g_free (f->dir);
}

typedef gboolean (*Condition) (gpointer data);

static void
wait_until (Condition condition,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  while (!condition (data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (condition (data));
}

static void
on_connected (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  if (!pm_live_join_connect_finish (PM_LIVE_JOIN (object), result, error) && *error == NULL)
    g_assert_not_reached ();
  if (*error == NULL)
    *error = g_error_new_literal (G_IO_ERROR, 0, "ok");
}

/* Connects @join as @name; returns the error (NULL when it worked). */
static GError *
join_as (PmLiveJoin *join,
         const char *name)
{
  GError *error = NULL;

  pm_live_join_connect_async (join, name, NULL, on_connected, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (g_error_matches (error, G_IO_ERROR, 0) && g_str_equal (error->message, "ok"))
    g_clear_error (&error);
  return error;
}

static PmEvent *
find_by_text (PmDocument *document,
              const char *text)
{
  GListModel *events = pm_document_get_events (document);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      if (g_strcmp0 (pm_event_get_text (event), text) == 0)
        return event;
    }
  return NULL;
}

static guint
count_text (PmDocument *document,
            const char *text)
{
  GListModel *events = pm_document_get_events (document);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      n += g_strcmp0 (pm_event_get_text (event), text) == 0;
    }
  return n;
}

typedef struct
{
  PmDocument *document;
  const char *text;
  guint       n;
} Count;

static gboolean
has_count (gpointer data)
{
  Count *c = data;

  return count_text (c->document, c->text) == c->n;
}

static gboolean
has_event (gpointer data)
{
  Count *c = data;

  return pm_document_find_event (c->document, c->text) != NULL;
}

static void
count_told (guint      *told,
            const char *message)
{
  (*told)++;
}

/* The event with the id @text has the host's text again (its text is not "Rewritten…"). */
static gboolean
has_text_of (gpointer data)
{
  Count *c = data;
  PmEvent *event = pm_document_find_event (c->document, c->text);

  return event != NULL && g_strcmp0 (pm_event_get_text (event), "Rewritten by Nadia") != 0;
}

static gboolean
no_waiting (gpointer data)
{
  return pm_live_join_get_n_waiting (data) == 0;
}

static void
test_links (void)
{
  g_autoptr(GError) error = NULL;
  static const char * const bad[] = {
    "", "not a link", "http://127.0.0.1:4000/s/abc/#fp=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "https://127.0.0.1:4000/x/abc/#fp=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    "https://127.0.0.1:4000/s/abc/", "https://127.0.0.1:4000/s/abc/#fp=short",
    "https://127.0.0.1:4000/s/a/b/#fp=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PmLiveJoin) join = pm_live_join_new (bad[i], &error);

      g_assert_null (join);
      g_assert_error (error, PM_ERROR, PM_ERROR_INVALID);
      g_clear_error (&error);
    }
}

static void
test_wrong_certificate (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *link = g_strdup (pm_live_host_get_join_url (f->host));
  g_autoptr(PmLiveJoin) join = NULL;
  g_autoptr(GError) error = NULL;
  char *fp = strstr (link, "#fp=") + 4;

  /* Someone in the middle with another certificate: the link names the moderator's. */
  fp[0] = fp[0] == 'A' ? 'B' : 'A';
  join = pm_live_join_new (link, &error);
  g_assert_no_error (error);
  error = join_as (join, "Mallory");
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (pm_live_join_get_document (join))), ==, 0);
}

static void
test_join_and_contribute (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmLiveJoin) join = pm_live_join_new (pm_live_host_get_join_url (f->host), &error);
  PmDocument *mirror;
  g_autoptr(PmEvent) typed = pm_event_new ("ev-typed-here");
  g_autoptr(PmTime) time = pm_time_new (1729904400, 7200, PM_TIME_PRECISION_MINUTE);
  PmEvent *hosted, *theirs, *in_mirror;
  g_autofree char *theirs_text = NULL;
  guint shared = 0;
  GListModel *events;

  g_assert_no_error (error);
  error = join_as (join, "Nadia");
  g_assert_no_error (error);
  mirror = pm_live_join_get_document (join);

  /* The shared timeline, without the team-only event. */
  events = pm_document_get_events (f->document);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(PmEvent) event = g_list_model_get_item (events, i);

      shared += !pm_event_get_confidential (event);
    }
  g_assert_cmpuint (g_list_model_get_n_items (pm_document_get_events (mirror)), ==, shared);
  g_assert_null (find_by_text (mirror, "TEAM ONLY lawyers informed"));
  g_assert_cmpstr (pm_document_get_title (mirror), ==, pm_document_get_title (f->document));

  /* An event typed in the mirror reaches the moderator, once, as Nadia's; the mirror then holds
   * the host's copy instead of the one typed. */
  pm_event_set_time (typed, time);
  pm_event_set_text (typed, "Nadia saw the alert on her phone");
  pm_document_add_event (mirror, typed);
  wait_until (has_count, &(Count) { f->document, "Nadia saw the alert on her phone", 1 });
  hosted = find_by_text (f->document, "Nadia saw the alert on her phone");
  g_assert_cmpstr (pm_participant_get_name (pm_document_find_participant (f->document, pm_event_get_contributor (hosted))), ==, "Nadia");
  wait_until (has_event, &(Count) { mirror, pm_event_get_id (hosted), 1 });
  wait_until (no_waiting, join);
  g_assert_cmpuint (count_text (mirror, "Nadia saw the alert on her phone"), ==, 1);
  in_mirror = find_by_text (mirror, "Nadia saw the alert on her phone");
  g_assert_cmpstr (pm_event_get_id (in_mirror), ==, pm_event_get_id (hosted));
  g_assert_true (pm_live_join_is_own (join, in_mirror));

  /* Her own event: edited at once. */
  pm_document_set (mirror, in_mirror, "text", "Nadia saw the alert on her phone at home", NULL);
  wait_until (has_count, &(Count) { f->document, "Nadia saw the alert on her phone at home", 1 });

  /* Someone else's: read-only here. The change is taken back and nothing is sent; deleting it
   * brings it back. */
  {
    g_autoptr(PmEvent) first = g_list_model_get_item (pm_document_get_events (mirror), 0);
    g_autofree char *id = g_strdup (pm_event_get_id (first));
    guint told = 0;

    theirs = first;
    theirs_text = g_strdup (pm_event_get_text (theirs));
    g_assert_false (pm_live_join_is_own (join, theirs));
    g_signal_connect_swapped (join, "told", G_CALLBACK (count_told), &told);
    pm_document_set (mirror, theirs, "text", "Rewritten by Nadia", NULL);
    wait_until (has_text_of, &(Count) { mirror, id, 0 });
    g_assert_cmpstr (pm_event_get_text (pm_document_find_event (mirror, id)), ==, theirs_text);
    g_assert_cmpuint (told, ==, 1);
    g_assert_cmpuint (pm_live_join_get_n_waiting (join), ==, 0);

    pm_document_remove (mirror, pm_document_get_events (mirror), pm_document_find_event (mirror, id));
    wait_until (has_event, &(Count) { mirror, id, 1 });
    g_assert_cmpuint (pm_live_join_get_n_waiting (join), ==, 0);
    g_assert_null (pm_merge_get_conflicts (f->document));
    g_assert_null (find_by_text (f->document, "Rewritten by Nadia"));
    g_assert_cmpuint (count_text (mirror, theirs_text), ==, 1);
  }
}

static gboolean
ended (gpointer data)
{
  return *(gboolean *) data;
}

static void
on_ended (PmLiveJoin *join,
          const char *reason,
          gboolean   *flag)
{
  g_assert_cmpstr (reason, ==, "stopped");
  *flag = TRUE;
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PmLiveJoin) join = pm_live_join_new (pm_live_host_get_join_url (f->host), &error);
  gboolean stopped = FALSE;

  error = join_as (join, "Nadia");
  g_assert_no_error (error);
  g_signal_connect (join, "ended", G_CALLBACK (on_ended), &stopped);
  pm_live_host_stop (f->host);
  wait_until (ended, &stopped);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/live-join/links", test_links);
  g_test_add ("/live-join/wrong-certificate", Fixture, NULL, fixture_set_up, test_wrong_certificate, fixture_tear_down);
  g_test_add ("/live-join/join-and-contribute", Fixture, NULL, fixture_set_up, test_join_and_contribute, fixture_tear_down);
  g_test_add ("/live-join/stop", Fixture, NULL, fixture_set_up, test_stop, fixture_tear_down);

  return g_test_run ();
}
