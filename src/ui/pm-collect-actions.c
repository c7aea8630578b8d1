/* pm-collect-actions.c — the window's "Prepare Participant Copies…" and "Collect Events…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pm-collect.h"
#include "pm-collect-actions.h"
#include "pm-document-format.h"
#include "pm-merge.h"
#include "pm-merge-review-dialog.h"
#include "pm-message-dialog.h"
#include "pm-prepare-copies-dialog.h"
#include "pm-start-page.h"

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static char *
describe_summary (PmCollectSummary *summary,
                  PmDocument       *document)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *conflicts = pm_merge_get_conflicts (document);
  JsonArray *suggestions = pm_merge_get_duplicate_suggestions (document);
  guint open_conflicts = conflicts ? json_array_get_length (conflicts) : 0;
  guint open_suggestions = suggestions ? json_array_get_length (suggestions) : 0;

  if (summary->n_copies > 0)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "From %u copy:",
                                                 "From %u copies:", summary->n_copies),
                              summary->n_copies);
      if (summary->n_new_events + summary->n_changed_events + summary->n_deleted_events +
          summary->n_proposals == 0)
        g_string_append_printf (text, "\n• %s", _("nothing new"));
      for (guint i = 0; i < summary->contributions->len; i++)
        {
          PmCollectContribution *c = summary->contributions->pdata[i];
          const char *who = c->name && *c->name ? c->name
                            : c->contributor_id ? c->contributor_id
                            /* Translators: a copy that names nobody (or the moderator) */
                            : _("A copy that speaks for nobody");
          g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new event",
                                                                  "%u new events", c->n_events),
                                                     c->n_events);
          g_autofree char *proposals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u proposal",
                                                                     "%u proposals", c->n_proposals),
                                                        c->n_proposals);

          if (c->n_events + c->n_proposals == 0)
            continue;
          /* Translators: "• Tomasz: 2 new events, 3 proposals" */
          g_string_append_printf (text, _("\n• %s: %s, %s"), who, events, proposals);
        }
      if (summary->n_changed_events + summary->n_deleted_events > 0)
        {
          g_string_append (text, "\n• ");
          g_string_append_printf (text, _("their own events: %u changed, %u deleted"),
                                  summary->n_changed_events, summary->n_deleted_events);
        }
      if (summary->n_already_there > 0)
        {
          g_string_append (text, "\n• ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u event already here, word for word",
                                                     "%u events already here, word for word",
                                                     summary->n_already_there),
                                  summary->n_already_there);
        }
      if (summary->n_new_participants > 0)
        {
          g_string_append (text, "\n• ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u new participant",
                                                     "%u new participants",
                                                     summary->n_new_participants),
                                  summary->n_new_participants);
        }
      if (summary->n_proposals > 0)
        {
          g_string_append (text, "\n• ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u proposed change to other people’s work, not applied until you accept it",
                                                     "%u proposed changes to other people’s work, not applied until you accept them",
                                                     summary->n_proposals),
                                  summary->n_proposals);
        }
      if (summary->n_suggestions > 0)
        {
          g_string_append (text, "\n• ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u possible duplicate, kept apart until you merge it",
                                                     "%u possible duplicates, kept apart until you merge them",
                                                     summary->n_suggestions),
                                  summary->n_suggestions);
        }
    }

  if (summary->skipped->len > 0)
    {
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u file skipped:",
                                                 "%u files skipped:", summary->skipped->len),
                              summary->skipped->len);
      for (guint i = 0; i < summary->skipped->len; i++)
        {
          PmCollectSkipped *skipped = summary->skipped->pdata[i];
          g_autofree char *base = g_path_get_basename (skipped->file);

          /* Messages about the file's content already name it. */
          if (strstr (skipped->message, base) != NULL)
            g_string_append_printf (text, "\n• %s", skipped->message);
          else
            g_string_append_printf (text, "\n• %s — %s", base, skipped->message);
        }
    }

  if (open_conflicts + open_suggestions > 0)
    {
      g_string_append (text, "\n\n");
      g_string_append (text, _("Nothing of yours was changed or thrown away by a copy: accept or "
                               "reject each proposal, and decide each possible duplicate, side "
                               "by side."));
    }
  else if (summary->n_new_events + summary->n_changed_events + summary->n_deleted_events +
           summary->n_new_participants > 0)
    {
      g_string_append (text, "\n\n");
      g_string_append (text, _("Undo takes the whole collection back."));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_summary_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PmWindow         *window)
{
  PmDocument *document = pm_window_get_document (window);

  if (g_strcmp0 (response, "decide") == 0 && document != NULL)
    pm_merge_review_dialog_present (GTK_WINDOW (window), document);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_files_response_cb (PmWindow             *window,
                      int                   response,
                      GtkFileChooserNative *native)
{
  g_autoptr(GListModel) files = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  if (response == GTK_RESPONSE_ACCEPT)
    files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (native));
  g_object_unref (native);
  if (files == NULL || pm_window_get_document (window) == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    g_ptr_array_add (list, g_list_model_get_item (files, i));
  if (list->len > 0)
    pm_collect_actions_collect_files (window, (GFile **) list->pdata, list->len);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

void
pm_collect_actions_prepare_copies (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  PmDocument *document = pm_window_get_document (PM_WINDOW (widget));
  PmPrepareCopiesDialog *dialog;

  if (document == NULL)
    return;
  if (g_list_model_get_n_items (pm_document_get_participants (document)) == 0)
    {
      pm_window_show_toast (PM_WINDOW (widget),
                            _("Add the participants on the Overview page first: each gets a copy"));
      return;
    }
  dialog = pm_prepare_copies_dialog_new (GTK_WINDOW (widget), document);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pm_collect_actions_collect_events (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  PmWindow *window = PM_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GFile *file;

  if (pm_window_get_document (window) == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Collect Events from Participant Copies"),
                                        GTK_WINDOW (window), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Collect"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (native), TRUE);
  gtk_file_filter_set_name (filter, _("Postmortems"));
  gtk_file_filter_add_pattern (filter, "*" PM_FILE_EXTENSION);
  gtk_file_filter_add_mime_type (filter, PM_MIME_TYPE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (native), filter);
  if ((file = pm_window_get_file (window)) != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
    }
  g_signal_connect_object (native, "response", G_CALLBACK (on_files_response_cb), window,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

AdwMessageDialog *
pm_collect_actions_collect_files (PmWindow  *window,
                                  GFile    **files,
                                  guint      n_files)
{
  PmDocument *document;
  g_autoptr(PmCollectSummary) summary = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  JsonArray *conflicts, *suggestions;

  g_return_val_if_fail (PM_IS_WINDOW (window), NULL);

  document = pm_window_get_document (window);
  g_return_val_if_fail (document != NULL, NULL);

  summary = pm_collect_copies (document, files, n_files);
  body = describe_summary (summary, document);
  dialog = pm_message_dialog_new (GTK_WINDOW (window),
                                  summary->n_copies > 0 ? _("Events Collected")
                                                        : _("Nothing Collected"),
                                  body);
  conflicts = pm_merge_get_conflicts (document);
  suggestions = pm_merge_get_duplicate_suggestions (document);
  if ((conflicts ? json_array_get_length (conflicts) : 0) +
      (suggestions ? json_array_get_length (suggestions) : 0) > 0)
    {
      pm_message_dialog_add_responses (dialog, "close", _("_Later"), "decide", _("_Decide Now…"),
                                       NULL);
      adw_message_dialog_set_response_appearance (dialog, "decide", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "decide");
    }
  else
    pm_message_dialog_add_responses (dialog, "close", _("_Close"), NULL);
  adw_message_dialog_set_close_response (dialog, "close");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_summary_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
