/* pm-merge-review-dialog.c — deciding what merging copies left open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-document-format.h"
#include "pm-json.h"
#include "pm-merge.h"
#include "pm-merge-review-dialog.h"
#include "pm-window.h"

#define EXCERPT_CHARS 60

struct _PmMergeReviewDialog
{
  AdwWindow        parent_instance;

  PmDocument      *document;
  GSignalGroup    *document_signals;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwPreferencesGroup *proposals_group;
  AdwPreferencesGroup *conflicts_group;
  AdwPreferencesGroup *duplicates_group;
  GtkListBox      *proposals_list;
  GtkListBox      *conflicts_list;
  GtkListBox      *duplicates_list;
};

G_DEFINE_FINAL_TYPE (PmMergeReviewDialog, pm_merge_review_dialog, ADW_TYPE_WINDOW)

/* ------------------------------------------------------------------------------------------ */
/* Describing                                                                                  */
/* ------------------------------------------------------------------------------------------ */

static char *
excerpt (const char *text)
{
  g_autofree char *line = g_strdup (text ? text : "");

  g_strdelimit (line, "\n\t", ' ');
  if (g_utf8_strlen (line, -1) <= EXCERPT_CHARS)
    return g_steal_pointer (&line);
  return g_strdup_printf ("%.*s…", (int) (g_utf8_offset_to_pointer (line, EXCERPT_CHARS) - line), line);
}

static char *
describe_time (PmDocument *document,
               JsonObject *object)
{
  const char *text = pm_json_object_get_string (object, "time");
  const char *precision_text = pm_json_object_get_string (object, "precision");
  PmTimePrecision precision = PM_TIME_PRECISION_EXACT;
  g_autoptr(PmTime) time = NULL;
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (document);

  if (precision_text != NULL)
    pm_time_precision_from_string (precision_text, &precision);
  if (text != NULL)
    time = pm_time_parse_iso8601 (text, precision, NULL);
  return pm_time_format (time, zone, FALSE);
}

static char *
describe_participant (PmDocument *document,
                      const char *id)
{
  PmParticipant *participant = pm_document_find_participant (document, id);

  if (participant != NULL && *pm_participant_get_name (participant) != '\0')
    return g_strdup (pm_participant_get_name (participant));
  return g_strdup (id);
}

static char *
describe_value (PmDocument *document,
                const char *kind,
                const char *member,
                JsonNode   *value,
                gboolean    deleted)
{
  static const char * const flags[] = {
    "contributed", "slowed_response", "confidential", "moderator", "summary", NULL
  };

  /* A flag left out of the file is off. */
  if ((value == NULL || JSON_NODE_HOLDS_NULL (value)) && member != NULL &&
      g_strv_contains (flags, member))
    return g_strdup (_("No"));
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup (deleted ? _("Deleted") : _("Not set"));

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      JsonObject *object = json_node_get_object (value);

      if (g_strcmp0 (member, "time") == 0)
        return describe_time (document, object);
      if (g_strcmp0 (member, "start") == 0 || g_strcmp0 (member, "end") == 0 ||
          g_strcmp0 (member, "detected") == 0)
        {
          g_autofree char *precision = g_strconcat (member, "_precision", NULL);
          g_autoptr(JsonObject) pair = json_object_new ();

          if (json_object_has_member (object, member))
            json_object_set_member (pair, "time", json_node_copy (json_object_get_member (object, member)));
          if (json_object_has_member (object, precision))
            json_object_set_member (pair, "precision",
                                    json_node_copy (json_object_get_member (object, precision)));
          return describe_time (document, pair);
        }
      if (member == NULL && (g_strcmp0 (kind, "root_cause") == 0 ||
                             g_strcmp0 (kind, "measure") == 0))
        {
          const char *owner = pm_json_object_get_string (object, "owner");
          g_autofree char *owner_name = owner ? describe_participant (document, owner) : NULL;

          return g_strdup_printf ("%s%s%s%s%s", pm_json_object_get_string (object, "title") ?: "",
                                  pm_json_object_get_string (object, "description") ? "\n" : "",
                                  pm_json_object_get_string (object, "description") ?: "",
                                  owner_name ? _("\nOwner: ") : "", owner_name ? owner_name : "");
        }
      if (member == NULL && g_strcmp0 (kind, "dismissed_finding") == 0)
        return g_strdup (pm_json_object_get_string (object, "reason") ?: "");
      if (member == NULL && g_strcmp0 (kind, "event") == 0)
        {
          g_autofree char *time = describe_time (document, object);
          const char *contributor = pm_json_object_get_string (object, "contributor");
          g_autofree char *told_by = contributor ? describe_participant (document, contributor) : NULL;

          /* Translators: an event in a conflict: time, actor, text */
          return g_strdup_printf (_("%s · %s\n%s%s%s"), time,
                                  pm_json_object_get_string (object, "actor") ?: "",
                                  pm_json_object_get_string (object, "text") ?: "",
                                  told_by ? _("\nTold by ") : "", told_by ? told_by : "");
        }
      if (member == NULL && g_strcmp0 (kind, "participant") == 0)
        return g_strdup_printf ("%s%s%s", pm_json_object_get_string (object, "name") ?: "",
                                pm_json_object_get_string (object, "role") ? " · " : "",
                                pm_json_object_get_string (object, "role") ?: "");
    }
  else if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GString) text = g_string_new (NULL);
      gboolean strings = TRUE;

      for (guint i = 0; i < json_array_get_length (array) && strings; i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          strings = json_node_get_value_type (item) == G_TYPE_STRING;
          if (strings)
            g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", json_node_get_string (item));
        }
      if (strings)
        return g_string_free (g_steal_pointer (&text), FALSE);
    }
  else if (json_node_get_value_type (value) == G_TYPE_STRING)
    {
      if (g_strcmp0 (member, "contributor") == 0 || g_strcmp0 (member, "owner") == 0)
        return describe_participant (document, json_node_get_string (value));
      return g_strdup (json_node_get_string (value));
    }
  else if (json_node_get_value_type (value) == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));
  else if (json_node_get_value_type (value) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

  {
    g_autoptr(GString) json = g_string_new (NULL);

    pm_json_write (value, 0, json);
    return g_string_free (g_steal_pointer (&json), FALSE);
  }
}

static const char *
member_label (const char *member)
{
  static const struct { const char *member; const char *label; } labels[] = {
    { "text", N_("Text") },
    { "actor", N_("Actor") },
    { "time", N_("Time") },
    { "lane", N_("Lane") },
    { "kind", N_("Kind") },
    { "contributor", N_("Told by") },
    { "evidence", N_("Evidence") },
    { "contributed", N_("Contributed to the incident") },
    { "slowed_response", N_("Slowed the response") },
    { "confidential", N_("Team only") },
    { "name", N_("Name") },
    { "role", N_("Role") },
    { "title", N_("Title") },
    { "description", N_("Description") },
    { "summary", N_("What happened") },
    { "classification", N_("Classification") },
    { "severity", N_("Severity") },
    { "status", N_("Status") },
    { "teaser", N_("Teaser") },
    { "impact", N_("Impact") },
    { "owner", N_("Owner") },
    { "reason", N_("Reason") },
    { "moderator", N_("Moderates the meeting") },
    { "attended", N_("Attended") },
    { "start", N_("Start") },
    { "end", N_("End") },
    { "detected", N_("Detected") },
    { "format_version", N_("File format") },
  };

  if (member == NULL)
    return _("The whole entry");
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].member, member))
      return _(labels[i].label);
  return member;
}

/* What an object of @kind is called, for a heading. */
static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "event") == 0)
    return _("Event");
  if (g_strcmp0 (kind, "participant") == 0)
    return _("Participant");
  if (g_strcmp0 (kind, "root_cause") == 0)
    return _("Root cause");
  if (g_strcmp0 (kind, "measure") == 0)
    return _("Measure");
  if (g_strcmp0 (kind, "follow_up") == 0)
    return _("Follow-up meeting");
  if (g_strcmp0 (kind, "dismissed_finding") == 0)
    return _("Set-aside finding");
  return kind ? kind : "";
}

static char *
describe_object (PmDocument *document,
                 const char *kind,
                 const char *id)
{
  g_autofree char *name = NULL;

  if (g_strcmp0 (kind, "event") == 0)
    {
      PmEvent *event = pm_document_find_event (document, id);

      name = excerpt (event ? pm_event_get_text (event) : id);
      /* Translators: the heading of a conflict about an event; %s is its text */
      return g_strdup_printf (_("Event “%s”"), name);
    }
  if (g_strcmp0 (kind, "participant") == 0)
    {
      name = describe_participant (document, id);
      return g_strdup_printf (_("Participant “%s”"), name);
    }
  if (g_strcmp0 (kind, "root_cause") == 0)
    {
      PmRootCause *root_cause = pm_document_find_root_cause (document, id);

      name = excerpt (root_cause ? pm_root_cause_get_title (root_cause) : id);
      return g_strdup_printf (_("Root cause “%s”"), name);
    }
  if (g_strcmp0 (kind, "measure") == 0)
    {
      PmMeasure *measure = pm_document_find_measure (document, id);

      name = excerpt (measure ? pm_measure_get_title (measure) : id);
      return g_strdup_printf (_("Measure “%s”"), name);
    }
  if (g_strcmp0 (kind, "follow_up") == 0)
    return g_strdup (_("A follow-up meeting"));
  if (g_strcmp0 (kind, "dismissed_finding") == 0)
    /* Translators: %s is the rule of a method finding, e.g. single-root-cause */
    return g_strdup_printf (_("Set-aside finding “%s”"), id ? id : "");
  if (g_strcmp0 (kind, "postmortem") == 0)
    return g_strdup (_("The postmortem"));
  if (id != NULL)
    return g_strdup_printf ("%s “%s”", kind ? kind : "", id);
  return g_strdup (_("The file"));
}

static char *
describe_event (PmDocument *document,
                const char *id)
{
  PmEvent *event = pm_document_find_event (document, id);
  g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (document);
  g_autofree char *time = NULL;
  g_autofree char *told_by = NULL;

  if (event == NULL)
    return g_strdup (id);
  time = pm_time_format (pm_event_get_time (event), zone, FALSE);
  if (pm_event_get_contributor (event) != NULL)
    told_by = describe_participant (document, pm_event_get_contributor (event));
  return g_strdup_printf (_("%s · %s\n%s%s%s"), time, pm_event_get_actor (event) ?: "",
                          pm_event_get_text (event) ?: "", told_by ? _("\nTold by ") : "",
                          told_by ? told_by : "");
}

/* ------------------------------------------------------------------------------------------ */
/* Rows                                                                                        */
/* ------------------------------------------------------------------------------------------ */

static GtkWidget *
version_column (const char *caption,
                const char *value)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *caption_label = gtk_label_new (caption);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "pm-merge-version");
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_widget_add_css_class (caption_label, "caption-heading");
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_label_set_yalign (GTK_LABEL (value_label), 0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (value_label, "pm-merge-value");
  gtk_box_append (GTK_BOX (box), caption_label);
  gtk_box_append (GTK_BOX (box), value_label);
  /* Read in order: the caption, then the value. */
  return box;
}

static GtkWidget *
decision_row (const char  *title,
              GtkWidget   *first,
              GtkWidget   *second,
              GtkWidget  **buttons_out)
{
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "title", title,
                                 "activatable", FALSE, NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *versions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_set_homogeneous (GTK_BOX (versions), TRUE);
  gtk_box_append (GTK_BOX (versions), first);
  gtk_box_append (GTK_BOX (versions), second);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), versions);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  *buttons_out = buttons;
  return row;
}

static GtkWidget *
add_button (GtkWidget  *buttons,
            const char *label,
            const char *description,
            gboolean    sensitive,
            const char *insensitive_tooltip)
{
  /* No mnemonics: GTK 4.8 names a mnemonic button "Keep _This Keep This" for screen readers. */
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_sensitive (button, sensitive);
  gtk_widget_set_tooltip_text (button, sensitive ? description : insensitive_tooltip);
  /* Several rows have the same buttons: say which decision each is. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  gtk_box_append (GTK_BOX (buttons), button);
  return button;
}

static void on_conflict_clicked_cb  (GtkButton *button, PmMergeReviewDialog *self);
static void on_duplicate_clicked_cb (GtkButton *button, PmMergeReviewDialog *self);

static void
remove_all (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void on_proposal_clicked_cb (GtkButton *button, PmMergeReviewDialog *self);
static void on_all_from_clicked_cb (GtkButton *button, PmMergeReviewDialog *self);

static const char *
proposer_of (JsonObject *proposal)
{
  return pm_json_object_get_string (proposal, "from");
}

/* Who proposed it, for people: the participant's name, or the copy it came from. */
static char *
describe_proposer (PmDocument *document,
                   JsonObject *proposal)
{
  const char *from = proposer_of (proposal);

  if (from != NULL)
    return describe_participant (document, from);
  /* Translators: proposals from copies that name nobody (or claim to be the moderator's) */
  return g_strdup (_("Copies that name nobody"));
}

/* "Accept All" or "Reject All" for the proposals of @person ("" for copies naming nobody). */
static void
add_all_from_button (PmMergeReviewDialog *self,
                     GtkWidget           *header,
                     const char          *label,
                     const char          *description,
                     const char          *person,
                     PmMergeChoice        choice)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description, -1);
  g_object_set_data_full (G_OBJECT (button), "pm-from", g_strdup (person), g_free);
  g_object_set_data (G_OBJECT (button), "pm-choice", GUINT_TO_POINTER (choice));
  g_signal_connect (button, "clicked", G_CALLBACK (on_all_from_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (header), button);
}

/* One header row per participant with Accept All and Reject All, then their proposals, each
 * with what the document holds and what is proposed. Returns how many proposals there are. */
static guint
add_proposals (PmMergeReviewDialog *self,
               JsonArray           *conflicts)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  guint n_conflicts = conflicts ? json_array_get_length (conflicts) : 0;
  guint n_proposals = 0;
  g_autoptr(JsonNode) root_node = NULL;
  JsonObject *file_root = NULL;

  for (guint i = 0; i < n_conflicts; i++)
    {
      JsonNode *node = json_array_get_element (conflicts, i);
      JsonObject *proposal = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *from;

      if (proposal == NULL || !json_object_has_member (proposal, "source"))
        continue;
      n_proposals++;
      from = proposer_of (proposal);
      if (!g_ptr_array_find_with_equal_func (people, from ? from : "", g_str_equal, NULL))
        g_ptr_array_add (people, g_strdup (from ? from : ""));
    }

  if (n_proposals > 0)
    {
      g_autofree char *data = NULL;
      gsize length;

      data = pm_document_serialize (self->document, &length);
      root_node = pm_json_parse (data, length, NULL, NULL);
      file_root = json_node_get_object (root_node);
    }

  for (guint p = 0; p < people->len; p++)
    {
      const char *person = people->pdata[p];
      g_autofree char *name = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *accept_all = NULL;
      g_autofree char *reject_all = NULL;
      GtkWidget *header = adw_action_row_new ();
      guint n_theirs = 0;

      for (guint i = 0; i < n_conflicts; i++)
        {
          JsonObject *proposal = json_array_get_object_element (conflicts, i);

          if (proposal != NULL && json_object_has_member (proposal, "source") &&
              g_strcmp0 (proposer_of (proposal) ? proposer_of (proposal) : "", person) == 0)
            {
              if (name == NULL)
                name = describe_proposer (self->document, proposal);
              n_theirs++;
            }
        }
      /* Participants' names are text, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (header), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (header), name);
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u proposal", "%u proposals",
                                               n_theirs), n_theirs);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (header), subtitle);
      gtk_widget_add_css_class (header, "pm-proposer");

      /* Translators: %s is a participant's name */
      reject_all = g_strdup_printf (_("Reject every proposal from %s"), name);
      accept_all = g_strdup_printf (_("Accept every proposal from %s"), name);
      add_all_from_button (self, header, _("Reject All"), reject_all, person, PM_MERGE_KEEP_OURS);
      add_all_from_button (self, header, _("Accept All"), accept_all, person, PM_MERGE_KEEP_THEIRS);
      gtk_list_box_append (self->proposals_list, header);

      for (guint i = 0; i < n_conflicts; i++)
        {
          JsonObject *proposal = json_array_get_object_element (conflicts, i);
          const char *kind, *member;
          g_autofree char *object = NULL;
          g_autofree char *title = NULL;
          g_autofree char *ours = NULL;
          g_autofree char *theirs = NULL;
          GtkWidget *buttons, *row;
          gboolean deletion, addition;

          if (proposal == NULL || !json_object_has_member (proposal, "source") ||
              g_strcmp0 (proposer_of (proposal) ? proposer_of (proposal) : "", person) != 0)
            continue;
          kind = pm_json_object_get_string (proposal, "kind");
          member = pm_json_object_get_string (proposal, "member");
          deletion = member == NULL && JSON_NODE_HOLDS_NULL (json_object_get_member (proposal, "theirs"));
          addition = member == NULL && JSON_NODE_HOLDS_NULL (json_object_get_member (proposal, "ours"));
          if (addition)
            {
              JsonNode *added = json_object_get_member (proposal, "theirs");
              JsonObject *item = JSON_NODE_HOLDS_OBJECT (added) ? json_node_get_object (added) : NULL;
              const char *label = pm_json_object_get_string (item, "title") ?: pm_json_object_get_string (item, "text")
                                  ?: pm_json_object_get_string (item, "name") ?: pm_json_object_get_string (item, "rule");
              g_autofree char *short_label = excerpt (label ? label : pm_json_object_get_string (proposal, "id"));

              /* Translators: what a proposal adds, e.g. Measure “Rotate the keys” */
              object = g_strdup_printf (_("%s “%s”"), kind_label (kind), short_label);
            }
          else
            object = describe_object (self->document, kind, pm_json_object_get_string (proposal, "id"));
          /* Translators: "Tomasz proposes: Event “Alert fired”: Text", or "… deleting it" */
          title = deletion ? g_strdup_printf (_("%s proposes deleting: %s"), name, object)
                  : addition ? g_strdup_printf (_("%s proposes adding: %s"), name, object)
                  : g_strdup_printf (_("%s proposes: %s: %s"), name, object, member_label (member));
          if (addition)
            ours = g_strdup (_("Not in this document"));
          else
            {
              /* What the document holds now, which may have changed since the proposal. */
              g_autoptr(JsonNode) now = pm_merge_dup_current_value (file_root, proposal);

              ours = describe_value (self->document, kind, member, now, FALSE);
            }
          theirs = describe_value (self->document, kind, member,
                                   json_object_get_member (proposal, "theirs"), TRUE);
          row = decision_row (title, version_column (_("Now"), ours),
                              version_column (_("Proposed"), theirs), &buttons);
          gtk_widget_add_css_class (row, "pm-proposal");
          {
            GtkWidget *choice;
            gboolean possible = pm_merge_can_resolve (self->document, i, PM_MERGE_KEEP_THEIRS);

            choice = add_button (buttons, _("Reject"), _("Keep the document as it is"), TRUE, NULL);
            g_object_set_data (G_OBJECT (choice), "pm-index", GUINT_TO_POINTER (i));
            g_object_set_data (G_OBJECT (choice), "pm-choice", GUINT_TO_POINTER (PM_MERGE_KEEP_OURS));
            g_signal_connect (choice, "clicked", G_CALLBACK (on_proposal_clicked_cb), self);
            choice = add_button (buttons, _("Accept"), _("Make the proposed change"), possible,
                                 _("This cannot be taken over here: change it on its page, then reject the proposal"));
            g_object_set_data (G_OBJECT (choice), "pm-index", GUINT_TO_POINTER (i));
            g_object_set_data (G_OBJECT (choice), "pm-choice", GUINT_TO_POINTER (PM_MERGE_KEEP_THEIRS));
            g_signal_connect (choice, "clicked", G_CALLBACK (on_proposal_clicked_cb), self);
          }
          gtk_list_box_append (self->proposals_list, row);
        }
    }
  return n_proposals;
}

static void
rebuild (PmMergeReviewDialog *self)
{
  JsonArray *conflicts = self->document ? pm_merge_get_conflicts (self->document) : NULL;
  JsonArray *suggestions = self->document ? pm_merge_get_duplicate_suggestions (self->document) : NULL;
  guint n_conflicts = conflicts ? json_array_get_length (conflicts) : 0;
  guint n_suggestions = suggestions ? json_array_get_length (suggestions) : 0;
  guint n_proposals;

  remove_all (self->proposals_list);
  remove_all (self->conflicts_list);
  remove_all (self->duplicates_list);
  n_proposals = add_proposals (self, conflicts);

  for (guint i = 0; i < n_conflicts; i++)
    {
      JsonNode *node = json_array_get_element (conflicts, i);
      JsonObject *conflict = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *kind = pm_json_object_get_string (conflict, "kind");
      const char *member = pm_json_object_get_string (conflict, "member");
      g_autofree char *object = describe_object (self->document, kind, pm_json_object_get_string (conflict, "id"));
      g_autofree char *title = g_strdup_printf ("%s: %s", object, member_label (member));
      g_autofree char *ours = NULL;
      g_autofree char *theirs = NULL;
      GtkWidget *buttons, *row, *button;
      const char *hand = _("This cannot be taken over here: change it on its page, then choose Keep This");
      static const PmMergeChoice choices[] = {
        PM_MERGE_KEEP_OURS, PM_MERGE_KEEP_THEIRS, PM_MERGE_KEEP_BOTH
      };
      const char *labels[] = { _("Keep This"), _("Keep That"), _("Keep Both") };
      const char *descriptions[] = {
        _("Keep this document’s version"), _("Take the other version"),
        _("Keep this version and add the other as a second event")
      };

      if (conflict == NULL || json_object_has_member (conflict, "source"))
        continue;
      ours = describe_value (self->document, kind, member, json_object_get_member (conflict, "ours"),
                             member == NULL);
      theirs = describe_value (self->document, kind, member,
                               json_object_get_member (conflict, "theirs"), member == NULL);
      row = decision_row (title, version_column (_("This document"), ours),
                          version_column (_("The other version"), theirs), &buttons);
      for (guint c = 0; c < G_N_ELEMENTS (choices); c++)
        {
          gboolean possible = pm_merge_can_resolve (self->document, i, choices[c]);

          /* Keeping both is only offered where there is something to keep twice. */
          if (choices[c] == PM_MERGE_KEEP_BOTH && !possible)
            continue;
          button = add_button (buttons, labels[c], descriptions[c], possible, hand);
          g_object_set_data (G_OBJECT (button), "pm-index", GUINT_TO_POINTER (i));
          g_object_set_data (G_OBJECT (button), "pm-choice", GUINT_TO_POINTER (choices[c]));
          g_signal_connect (button, "clicked", G_CALLBACK (on_conflict_clicked_cb), self);
        }
      gtk_list_box_append (self->conflicts_list, row);
    }

  for (guint i = 0; i < n_suggestions; i++)
    {
      JsonNode *node = json_array_get_element (suggestions, i);
      JsonObject *pair = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *title = NULL;
      g_autofree char *excerpt_a = NULL;
      PmEvent *event;
      GtkWidget *buttons, *row, *button;

      if (pair == NULL)
        continue;
      a = describe_event (self->document, pm_json_object_get_string (pair, "a"));
      b = describe_event (self->document, pm_json_object_get_string (pair, "b"));
      event = pm_document_find_event (self->document, pm_json_object_get_string (pair, "a"));
      excerpt_a = excerpt (event ? pm_event_get_text (event) : pm_json_object_get_string (pair, "a"));
      /* Translators: %s is the text of the first event */
      title = g_strdup_printf (_("Told twice? “%s”"), excerpt_a);
      row = decision_row (title, version_column (_("One event"), a),
                          version_column (_("The other event"), b), &buttons);
      button = add_button (buttons, _("Merge"),
                           _("Make one event of the two: the longer text, the more precise time, "
                             "the evidence of both"), TRUE, NULL);
      g_object_set_data (G_OBJECT (button), "pm-index", GUINT_TO_POINTER (i));
      g_object_set_data (G_OBJECT (button), "pm-merge", GINT_TO_POINTER (TRUE));
      g_signal_connect (button, "clicked", G_CALLBACK (on_duplicate_clicked_cb), self);
      button = add_button (buttons, _("Keep Both"), _("They are different events: keep both"),
                           TRUE, NULL);
      g_object_set_data (G_OBJECT (button), "pm-index", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_duplicate_clicked_cb), self);
      gtk_list_box_append (self->duplicates_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->proposals_group), n_proposals > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_group), n_conflicts > n_proposals);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group), n_suggestions > 0);
  gtk_stack_set_visible_child_name (self->stack, n_conflicts + n_suggestions > 0 ? "lists" : "empty");
}

static void
show_undo_toast (PmMergeReviewDialog *self,
                 const char          *title)
{
  AdwToast *toast = pm_toast_new_text (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (pm_document_undo),
                           self->document, G_CONNECT_SWAPPED);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/* Takes the decision @button stands for; FALSE (and the reason shown) when it cannot be. */
static gboolean
decide_from_button (PmMergeReviewDialog *self,
                    GtkButton           *button,
                    PmMergeChoice       *choice)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pm-index"));
  g_autoptr(GError) error = NULL;

  *choice = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pm-choice"));
  if (pm_merge_resolve_conflict (self->document, index, *choice, &error))
    return TRUE;
  adw_toast_overlay_add_toast (self->toast_overlay, pm_toast_new_text (error->message));
  return FALSE;
}

static void
on_conflict_clicked_cb (GtkButton           *button,
                        PmMergeReviewDialog *self)
{
  PmMergeChoice choice;

  if (!decide_from_button (self, button, &choice))
    return;
  show_undo_toast (self, choice == PM_MERGE_KEEP_OURS ? _("Kept this version")
                         : choice == PM_MERGE_KEEP_THEIRS ? _("Took the other version")
                         : _("Kept both as separate events"));
}

static void
on_proposal_clicked_cb (GtkButton           *button,
                        PmMergeReviewDialog *self)
{
  PmMergeChoice choice;

  if (!decide_from_button (self, button, &choice))
    return;
  show_undo_toast (self, choice == PM_MERGE_KEEP_THEIRS ? _("Proposal accepted")
                                                        : _("Proposal rejected"));
}

static void
on_all_from_clicked_cb (GtkButton           *button,
                        PmMergeReviewDialog *self)
{
  const char *from = g_object_get_data (G_OBJECT (button), "pm-from");
  PmMergeChoice choice = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pm-choice"));
  g_autofree char *text = NULL;
  guint failed = 0, done;

  done = pm_merge_resolve_proposals_from (self->document, from && *from ? from : NULL, choice,
                                          &failed);
  if (failed > 0)
    /* Translators: after Accept All, e.g. "3 accepted; 1 must be changed by hand" */
    text = g_strdup_printf (_("%u accepted; %u must be changed on its page"), done, failed);
  else
    text = g_strdup_printf (choice == PM_MERGE_KEEP_THEIRS
                            ? g_dngettext (GETTEXT_PACKAGE, "%u proposal accepted",
                                           "%u proposals accepted", done)
                            : g_dngettext (GETTEXT_PACKAGE, "%u proposal rejected",
                                           "%u proposals rejected", done),
                            done);
  show_undo_toast (self, text);
}

static void
on_duplicate_clicked_cb (GtkButton           *button,
                         PmMergeReviewDialog *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "pm-index"));
  gboolean merge = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "pm-merge"));

  if (pm_merge_resolve_duplicate (self->document, index, merge))
    show_undo_toast (self, merge ? _("Merged into one event") : _("Kept both events"));
}

static void
on_document_notify_cb (PmMergeReviewDialog *self,
                       GParamSpec          *pspec,
                       PmDocument          *document)
{
  rebuild (self);
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_merge_review_dialog_dispose (GObject *object)
{
  PmMergeReviewDialog *self = PM_MERGE_REVIEW_DIALOG (object);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_MERGE_REVIEW_DIALOG);

  G_OBJECT_CLASS (pm_merge_review_dialog_parent_class)->dispose (object);
}

static void
pm_merge_review_dialog_class_init (PmMergeReviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_merge_review_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-merge-review-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PmMergeReviewDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PmMergeReviewDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PmMergeReviewDialog, proposals_group);
  gtk_widget_class_bind_template_child (widget_class, PmMergeReviewDialog, proposals_list);
  gtk_widget_class_bind_template_child (widget_class, PmMergeReviewDialog, conflicts_group);
  gtk_widget_class_bind_template_child (widget_class, PmMergeReviewDialog, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, PmMergeReviewDialog, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, PmMergeReviewDialog, duplicates_list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pm_merge_review_dialog_init (PmMergeReviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->document_signals = g_signal_group_new (PM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify::merge-conflicts",
                                 G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "notify::duplicate-suggestions",
                                 G_CALLBACK (on_document_notify_cb), self, G_CONNECT_SWAPPED);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

PmMergeReviewDialog *
pm_merge_review_dialog_new (GtkWindow  *parent,
                            PmDocument *document)
{
  PmMergeReviewDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PM_IS_DOCUMENT (document), NULL);

  self = g_object_new (PM_TYPE_MERGE_REVIEW_DIALOG, "transient-for", parent, NULL);
  self->document = g_object_ref (document);
  g_signal_group_set_target (self->document_signals, document);
  rebuild (self);
  return self;
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

void
pm_merge_review_dialog_present (GtkWindow  *parent,
                                PmDocument *document)
{
  GWeakRef *ref = parent ? g_object_get_data (G_OBJECT (parent), "pm-merge-review-dialog") : NULL;
  g_autoptr(PmMergeReviewDialog) open = ref ? g_weak_ref_get (ref) : NULL;
  PmMergeReviewDialog *dialog;

  if (open != NULL && open->document == document)
    {
      gtk_window_present (GTK_WINDOW (open));
      return;
    }
  if (open != NULL)
    gtk_window_destroy (GTK_WINDOW (open));
  dialog = pm_merge_review_dialog_new (parent, document);
  if (parent != NULL)
    {
      ref = g_new0 (GWeakRef, 1);
      g_weak_ref_init (ref, dialog);
      g_object_set_data_full (G_OBJECT (parent), "pm-merge-review-dialog", ref,
                              (GDestroyNotify) weak_ref_free);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}
