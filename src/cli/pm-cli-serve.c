/* pm-cli-serve.c — `pmortem serve`: a live session without a window
 *
 * The same session the window hosts (PmLiveHost), for a team server or for a machine every
 * remote participant can reach. What participants contribute is saved into the file within a
 * second, atomically; SIGINT and SIGTERM end the session, save, and exit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "pm-cli-serve.h"
#include "pm-document-session.h"
#include "pm-live-certificate.h"
#include "pm-live-host.h"

#define SAVE_DELAY_MS 1000

typedef struct
{
  GMainLoop         *loop;
  PmDocumentSession *session;
  PmLiveHost        *host;
  guint              save_source;
  gboolean           saving;
  gboolean           save_again;
  gboolean           stopping;
  int                status;
  GError            *load_error;
} Serve;

static void save_now (Serve *serve);

static void
print_error (const char *message)
{
  g_printerr ("pmortem: %s\n", message);
}

static void
maybe_quit (Serve *serve)
{
  if (serve->stopping && !serve->saving && serve->save_source == 0)
    g_main_loop_quit (serve->loop);
}

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Serve *serve = user_data;
  g_autoptr(GError) error = NULL;

  serve->saving = FALSE;
  if (!pm_document_session_save_finish (serve->session, result, &error))
    {
      /* Someone else wrote the file meanwhile: keep theirs beside ours, never lose either. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_MERGE))
        {
          g_autoptr(GFile) copy = NULL;
          g_autoptr(GError) copy_error = NULL;

          if (pm_document_session_copy_their_version (serve->session, &copy, &copy_error) &&
              copy != NULL)
            {
              g_autofree char *name = g_file_get_parse_name (copy);
              g_autofree char *message = g_strdup_printf (_("the file was changed by someone else; their version is kept as %s"), name);

              print_error (message);
              serve->saving = TRUE;
              pm_document_session_save_as_async (serve->session,
                                                 pm_document_session_get_file (serve->session),
                                                 NULL, on_saved, serve);
              return;
            }
          if (copy_error != NULL)
            print_error (copy_error->message);
        }
      print_error (error->message);
      serve->status = 1;
    }
  if (serve->save_again)
    {
      serve->save_again = FALSE;
      save_now (serve);
      return;
    }
  maybe_quit (serve);
}

static void
save_now (Serve *serve)
{
  g_clear_handle_id (&serve->save_source, g_source_remove);
  if (serve->saving)
    {
      serve->save_again = TRUE;
      return;
    }
  if (!pm_document_session_get_modified (serve->session))
    {
      maybe_quit (serve);
      return;
    }
  serve->saving = TRUE;
  pm_document_session_save_async (serve->session, NULL, on_saved, serve);
}

static gboolean
save_cb (gpointer user_data)
{
  Serve *serve = user_data;

  serve->save_source = 0;
  save_now (serve);
  return G_SOURCE_REMOVE;
}

static void
on_document_changed (GObject    *document,
                     GParamSpec *pspec,
                     Serve      *serve)
{
  if (serve->save_source == 0 && !serve->stopping)
    serve->save_source = g_timeout_add (SAVE_DELAY_MS, save_cb, serve);
}

static gboolean
on_signal (gpointer user_data)
{
  Serve *serve = user_data;

  if (serve->stopping)
    return G_SOURCE_CONTINUE;
  serve->stopping = TRUE;
  g_print ("%s\n", _("Ending the live session…"));
  pm_live_host_stop (serve->host);
  save_now (serve);
  return G_SOURCE_CONTINUE;
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Serve *serve = user_data;

  pm_document_session_load_finish (serve->session, result, &serve->load_error);
  g_main_loop_quit (serve->loop);
}

static void
on_person_changed (GListModel *people,
                   guint       position,
                   guint       removed,
                   guint       added,
                   gpointer    user_data)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GObject) person = g_list_model_get_item (people, i);
      g_autofree char *name = NULL;

      g_object_get (person, "name", &name, NULL);
      g_print (_("%s joined\n"), name);
    }
}

int
pm_cli_serve (const char *path,
              const char *address,
              int         port,
              const char *certificate_path,
              const char *key_path)
{
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *short_fingerprint = NULL;
  PmDocument *document;
  Serve serve = { 0 };
  guint sigint, sigterm;

  if ((certificate_path == NULL) != (key_path == NULL))
    {
      print_error (_("--cert and --key go together: the organisation’s certificate and its key"));
      return 2;
    }
  if (port < 0 || port > 65535)
    {
      print_error (_("the port is a number from 0 (any free one) to 65535"));
      return 2;
    }

  if (certificate_path != NULL)
    certificate = pm_live_certificate_load (certificate_path, key_path, &error);
  else
    {
      g_autofree char *directory = g_build_filename (g_get_user_data_dir (), APP_ID, "live", NULL);

      certificate = pm_live_certificate_load_or_create (directory, &error);
    }
  if (certificate == NULL)
    {
      print_error (error->message);
      return 2;
    }

  serve.loop = g_main_loop_new (NULL, FALSE);
  serve.session = pm_document_session_new (NULL);
  pm_document_session_load_async (serve.session, file, NULL, on_loaded, &serve);
  g_main_loop_run (serve.loop);
  if (serve.load_error != NULL)
    {
      print_error (serve.load_error->message);
      g_clear_error (&serve.load_error);
      g_clear_object (&serve.session);
      g_main_loop_unref (serve.loop);
      return 2;
    }
  document = pm_document_session_get_document (serve.session);
  if (pm_document_session_get_read_only (serve.session))
    {
      print_error (_("this postmortem was written by a newer version of Postmortem; a live session could not save into it"));
      g_clear_object (&serve.session);
      g_main_loop_unref (serve.loop);
      return 2;
    }

  serve.host = pm_live_host_new (document, certificate);
  if (!pm_live_host_start (serve.host, address, (guint) port, &error))
    {
      print_error (error->message);
      g_clear_object (&serve.host);
      g_clear_object (&serve.session);
      g_main_loop_unref (serve.loop);
      return 2;
    }

  g_signal_connect (document, "notify::untracked-changes", G_CALLBACK (on_document_changed), &serve);
  g_signal_connect (document, "notify::modified", G_CALLBACK (on_document_changed), &serve);
  g_signal_connect (pm_live_session_get_people (pm_live_host_get_session (serve.host)),
                    "items-changed", G_CALLBACK (on_person_changed), NULL);
  sigint = g_unix_signal_add (SIGINT, on_signal, &serve);
  sigterm = g_unix_signal_add (SIGTERM, on_signal, &serve);

  fingerprint = pm_live_certificate_dup_fingerprint (certificate);
  short_fingerprint = pm_live_certificate_dup_short_fingerprint (certificate);
  g_print (_("Live session for “%s”\n"), pm_document_get_title (document));
  g_print (_("Join link: %s\n"), pm_live_host_get_join_url (serve.host));
  g_print (_("Certificate fingerprint: %s (SHA-256 %s)\n"), short_fingerprint, fingerprint);
  g_print ("%s\n", _("Press Ctrl+C to end the session; contributions are saved as they come."));
  fflush (stdout);

  g_main_loop_run (serve.loop);

  /* The participants' goodbyes still being written: at most a second. */
  {
    gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

    g_clear_object (&serve.host);
    while (pm_live_host_get_n_draining () > 0 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }

  g_source_remove (sigint);
  g_source_remove (sigterm);
  g_signal_handlers_disconnect_by_data (document, &serve);
  g_clear_object (&serve.host);
  pm_document_session_close (serve.session);
  g_clear_object (&serve.session);
  g_main_loop_unref (serve.loop);
  return serve.status;
}
