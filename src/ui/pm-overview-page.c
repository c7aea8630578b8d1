/* pm-overview-page.c — the Overview page: what happened, its impact, lessons and who was there
 *
 * Every control edits the document directly: typing goes through
 * pm_document_set_value_merging(), so that a run of keystrokes in one field is one undo step,
 * and choices through pm_document_set(). The page keeps no copy of the content: it listens to
 * the document's "notify" signals and puts the model's value back into the widget, which is
 * also how undo reaches it. Two guards keep that from looping: `syncing` while a widget is
 * updated from the model, and `committing` while the model is updated from a widget (so the
 * text the user is typing is never rewritten under the cursor).
 *
 * Text that does not parse (a time, a time zone, a number) is never stored: the row shows
 * why, and the document keeps its last valid value. Such text is read once the edit is
 * complete, from a high-priority idle: replacing "2024-10-26" by typing over it passes through
 * an empty entry, which is valid ("not known") but not what the user means.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "pm-figures.h"
#include "pm-limits.h"
#include "pm-overview-page.h"
#include "pm-participant-row.h"
#include "pm-time.h"
#include "pm-vocabulary.h"

/* A paragraph with a run this long and no space is wrapped anywhere: word wrapping such a
 * run takes quadratic time in Pango. */
#define LONG_RUN_CHARS 1000
#define CHAR_WRAP_TAG  "pm-char-wrap"

typedef enum
{
  FIELD_TEXT,       /* one line, stored as typed */
  FIELD_LONG_TEXT,  /* a GtkTextView, stored as typed */
  FIELD_TAGS,       /* a comma-separated list */
  FIELD_ZONE,       /* a time zone name, checked with pm_time_zone_new() */
  FIELD_TIME,       /* a PmTime, read with pm_time_parse_user() in the document's zone */
  FIELD_NUMBER,     /* a whole number; empty is "not given" (-1) */
} FieldKind;

typedef struct
{
  PmOverviewPage *page;
  const char     *property;
  FieldKind       kind;
  GtkWidget      *widget;   /* AdwEntryRow, or GtkTextView for FIELD_LONG_TEXT */
  GtkLabel       *hint;     /* NULL when the row has none */
  char           *tooltip;  /* the row's own tooltip, shown again once the text is valid */
  char           *error;    /* why the text was not stored; NULL when it was */
  guint           commit_source;
} Field;

typedef struct
{
  PmOverviewPage *page;
  const char     *property;
  PmVocabulary    vocabulary;
  gboolean        allow_unset;
  AdwComboRow    *row;
  GtkStringList  *labels;   /* what the row shows… */
  GPtrArray      *values;   /* …and what is stored, in the same order; "" is "not set" */
} Choice;

#define N_FIELDS  20
#define N_CHOICES 3

struct _PmOverviewPage
{
  AdwBin                parent_instance;

  PmDocument           *document;
  GSignalGroup         *document_signals;

  Field                 fields[N_FIELDS];
  Choice                choices[N_CHOICES];

  /* TRUE while widgets are updated from the model: their signals are not user edits. */
  gboolean              syncing;
  /* The field whose text is being stored: its text is the user's and stays as typed. */
  Field                *committing;

  /* A row being brought into view while it expands (see scroll_into_view()). */
  GtkWidget            *scroll_target;
  guint                 scroll_tick;
  guint                 scroll_frames;

  /* Template widgets */
  GtkButton            *add_participant_button;
  GtkTextView          *affected_view;
  AdwComboRow          *classification_row;
  GtkLabel             *cost_amount_hint;
  AdwEntryRow          *cost_amount_row;
  AdwEntryRow          *cost_currency_row;
  GtkTextView          *data_affected_view;
  GtkLabel             *detected_hint;
  AdwEntryRow          *detected_row;
  GtkLabel             *duration_hint;
  AdwEntryRow          *duration_row;
  GtkLabel             *effort_hint;
  AdwEntryRow          *effort_row;
  GtkLabel             *end_hint;
  AdwEntryRow          *end_row;
  GtkTextView          *got_lucky_view;
  AdwPreferencesGroup  *impact_group;
  AdwPreferencesGroup  *incident_group;
  AdwEntryRow          *language_row;
  AdwPreferencesGroup  *lessons_group;
  AdwPreferencesGroup  *participants_group;
  GtkListBox           *participants_list;
  AdwEntryRow          *reference_key_row;
  AdwEntryRow          *reference_url_row;
  GtkTextView          *risk_view;
  AdwComboRow          *severity_row;
  GtkLabel             *start_hint;
  AdwEntryRow          *start_row;
  AdwComboRow          *status_row;
  AdwPreferencesGroup  *story_group;
  GtkTextView          *summary_view;
  AdwEntryRow          *tags_row;
  GtkTextView          *teaser_view;
  AdwPreferencesGroup  *times_group;
  GtkLabel             *timezone_hint;
  AdwEntryRow          *timezone_row;
  AdwEntryRow          *title_row;
  GtkTextView          *went_well_view;
};

typedef struct
{
  const char *property;
  FieldKind   kind;
  gsize       widget_offset;
  gsize       hint_offset;  /* 0: no hint */
  int         max_chars;    /* for one-line fields, as in the file format */
} FieldSpec;

typedef struct
{
  const char   *property;
  PmVocabulary  vocabulary;
  gboolean      allow_unset;
  gsize         row_offset;
} ChoiceSpec;

#define MEMBER(name) G_STRUCT_OFFSET (PmOverviewPage, name)

static const FieldSpec field_specs[] = {
  { "title", FIELD_TEXT, MEMBER (title_row), 0, PM_LIMIT_TITLE_CHARS },
  { "reference-key", FIELD_TEXT, MEMBER (reference_key_row), 0, PM_LIMIT_TITLE_CHARS },
  { "reference-url", FIELD_TEXT, MEMBER (reference_url_row), 0, PM_LIMIT_SHORT_TEXT_CHARS },
  { "language", FIELD_TEXT, MEMBER (language_row), 0, 64 },
  { "tags", FIELD_TAGS, MEMBER (tags_row), 0, PM_LIMIT_SHORT_TEXT_CHARS },
  { "timezone", FIELD_ZONE, MEMBER (timezone_row), MEMBER (timezone_hint), PM_LIMIT_TITLE_CHARS },
  { "start", FIELD_TIME, MEMBER (start_row), MEMBER (start_hint), 64 },
  { "detected", FIELD_TIME, MEMBER (detected_row), MEMBER (detected_hint), 64 },
  { "end", FIELD_TIME, MEMBER (end_row), MEMBER (end_hint), 64 },
  { "summary", FIELD_LONG_TEXT, MEMBER (summary_view), 0, 0 },
  { "teaser", FIELD_LONG_TEXT, MEMBER (teaser_view), 0, 0 },
  { "duration-minutes", FIELD_NUMBER, MEMBER (duration_row), MEMBER (duration_hint), 20 },
  { "cost-amount", FIELD_NUMBER, MEMBER (cost_amount_row), MEMBER (cost_amount_hint), 20 },
  { "cost-currency", FIELD_TEXT, MEMBER (cost_currency_row), 0, 64 },
  { "effort-hours", FIELD_NUMBER, MEMBER (effort_row), MEMBER (effort_hint), 20 },
  { "affected", FIELD_LONG_TEXT, MEMBER (affected_view), 0, 0 },
  { "data-affected", FIELD_LONG_TEXT, MEMBER (data_affected_view), 0, 0 },
  { "risk", FIELD_LONG_TEXT, MEMBER (risk_view), 0, 0 },
  { "went-well", FIELD_LONG_TEXT, MEMBER (went_well_view), 0, 0 },
  { "got-lucky", FIELD_LONG_TEXT, MEMBER (got_lucky_view), 0, 0 },
};

static const ChoiceSpec choice_specs[] = {
  { "severity", PM_VOCABULARY_SEVERITY, TRUE, MEMBER (severity_row) },
  { "status", PM_VOCABULARY_DOCUMENT_STATUS, FALSE, MEMBER (status_row) },
  { "classification", PM_VOCABULARY_CLASSIFICATION, TRUE, MEMBER (classification_row) },
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_specs) == N_FIELDS);
G_STATIC_ASSERT (G_N_ELEMENTS (choice_specs) == N_CHOICES);

G_DEFINE_FINAL_TYPE (PmOverviewPage, pm_overview_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Parsing and formatting what is typed                                                        */
/* ------------------------------------------------------------------------------------------ */

/* "a, b,, c " → { "a", "b", "c" }; blanks and repeats are dropped. */
static char **
parse_tags (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = g_strstrip (parts[i]);

      if (*tag == '\0' || g_ptr_array_find_with_equal_func (seen, tag, g_str_equal, NULL))
        continue;
      g_ptr_array_add (seen, tag);
      g_strv_builder_add (builder, tag);
    }

  return g_strv_builder_end (builder);
}

static gboolean
tags_equal (const char * const *a,
            const char * const *b)
{
  static const char * const empty[] = { NULL };

  return g_strv_equal (a != NULL ? a : empty, b != NULL ? b : empty);
}

/* A day is a calendar date: show it as it was entered, whatever the display zone. */
static GTimeZone *
display_zone_for (const PmTime *time,
                  GTimeZone    *zone)
{
  if (time != NULL && pm_time_get_precision (time) == PM_TIME_PRECISION_DAY)
    return NULL;
  return zone;
}

/* The text to edit a time with, in a form pm_time_parse_user() reads back to the same
 * time and precision. */
static char *
time_to_editable_text (const PmTime *time,
                       GTimeZone    *zone)
{
  g_autoptr(GDateTime) date_time = NULL;
  const char *format;

  if (time == NULL)
    return g_strdup ("");

  date_time = pm_time_to_date_time (time, display_zone_for (time, zone));
  if (date_time == NULL)
    return g_strdup ("");

  switch (pm_time_get_precision (time))
    {
    case PM_TIME_PRECISION_EXACT:
      format = "%Y-%m-%d %H:%M:%S";
      break;
    case PM_TIME_PRECISION_MINUTE:
      format = "%Y-%m-%d %H:%M";
      break;
    case PM_TIME_PRECISION_HOUR:
      format = "%Y-%m-%d %H";
      break;
    case PM_TIME_PRECISION_DAY:
    default:
      format = "%Y-%m-%d";
      break;
    }

  return g_date_time_format (date_time, format);
}

static char *
format_duration (gint64 minutes)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  gint64 days = minutes / (24 * 60);
  gint64 hours = (minutes / 60) % 24;
  gint64 rest = minutes % 60;

  if (days > 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, days);

      /* Translators: %s is a number of days */
      g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days",
                                                            (gulong) MIN (days, 1000)), n));
    }
  if (hours > 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, hours);

      /* Translators: %s is a number of hours, abbreviated */
      g_ptr_array_add (parts, g_strdup_printf (_("%s h"), n));
    }
  if (rest > 0)
    {
      g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, rest);

      /* Translators: %s is a number of minutes, abbreviated */
      g_ptr_array_add (parts, g_strdup_printf (_("%s min"), n));
    }
  if (parts->len == 0)
    {
      /* Translators: %s is a number of minutes, abbreviated */
      g_ptr_array_add (parts, g_strdup_printf (_("%s min"), "0"));
    }
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (" ", (char **) parts->pdata);
}

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static gboolean
is_duration (Field *field)
{
  return g_str_equal (field->property, "duration-minutes");
}

/* The duration follows from start and end when both are known; the field then only shows it. */
static gboolean
duration_is_computed (PmDocument *document)
{
  const PmTime *start = document != NULL ? pm_document_get_start (document) : NULL;
  const PmTime *end = document != NULL ? pm_document_get_end (document) : NULL;

  return start != NULL && end != NULL && pm_time_get_unix (end) >= pm_time_get_unix (start);
}

/* Reads a number field as the app shows it: "12,000" or "12.000"; a duration as "18 h". */
static gboolean
field_parse_number (Field       *field,
                    const char  *text,
                    gint64      *number,
                    GError     **error)
{
  if (is_duration (field))
    return pm_figures_parse_duration (text, number, error);
  return pm_figures_parse_number (text, number, error);
}

/* What a number field shows for @number (-1: empty). */
static char *
field_number_text (Field  *field,
                   gint64  number)
{
  if (number < 0)
    return g_strdup ("");
  if (is_duration (field))
    return format_duration (number);
  return g_strdup_printf ("%" G_GINT64_FORMAT, number);
}

static gboolean
is_editable (PmOverviewPage *self)
{
  return self->document != NULL && !pm_document_get_read_only (self->document);
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static GtkTextBuffer *
field_get_buffer (Field *field)
{
  g_assert (field->kind == FIELD_LONG_TEXT);

  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->widget));
}

static char *
field_dup_text (Field *field)
{
  if (field->kind == FIELD_LONG_TEXT)
    {
      GtkTextBuffer *buffer = field_get_buffer (field);
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (field->widget)));
}

static gboolean
has_long_run (const char *text)
{
  guint run = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        run = 0;
      else if (++run > LONG_RUN_CHARS)
        return TRUE;
    }

  return FALSE;
}

/* Paragraphs with a very long unbroken run get character wrapping (see LONG_RUN_CHARS). The
 * tag only changes when a paragraph's need changes, so typing does not relayout them. */
static void
update_long_runs (GtkTextBuffer *buffer)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer),
                                               CHAR_WRAP_TAG);
  GtkTextIter line_start;

  gtk_text_buffer_get_start_iter (buffer, &line_start);
  do
    {
      GtkTextIter line_end = line_start;
      g_autofree char *line = NULL;
      gboolean want, have;

      if (!gtk_text_iter_ends_line (&line_end))
        gtk_text_iter_forward_to_line_end (&line_end);
      line = gtk_text_iter_get_slice (&line_start, &line_end);
      want = has_long_run (line);
      have = tag != NULL && gtk_text_iter_has_tag (&line_start, tag);

      if (want && !have)
        {
          if (tag == NULL)
            tag = gtk_text_buffer_create_tag (buffer, CHAR_WRAP_TAG,
                                              "wrap-mode", GTK_WRAP_CHAR,
                                              NULL);
          gtk_text_buffer_apply_tag (buffer, tag, &line_start, &line_end);
        }
      else if (!want && have)
        gtk_text_buffer_remove_tag (buffer, tag, &line_start, &line_end);
    }
  while (gtk_text_iter_forward_line (&line_start));
}

static void
field_set_text (Field      *field,
                const char *text)
{
  PmOverviewPage *self = field->page;

  self->syncing = TRUE;
  if (field->kind == FIELD_LONG_TEXT)
    {
      gtk_text_buffer_set_text (field_get_buffer (field), text, -1);
      update_long_runs (field_get_buffer (field));
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (field->widget), text);
      /* After an undo while typing, carry on at the end rather than at the start. */
      if (contains_focus (field->widget))
        gtk_editable_set_position (GTK_EDITABLE (field->widget), -1);
    }
  self->syncing = FALSE;
}

static void
hint_set (GtkLabel   *hint,
          const char *text,
          gboolean    is_error)
{
  gtk_label_set_text (hint, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (hint), text != NULL && *text != '\0');
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (hint), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (hint), "error");
}

/* The small text at the end of a row: what a time was read as, a duration in hours, the
 * currency of an amount, or a short word on what is wrong. */
static void
field_update_hint (Field *field)
{
  PmOverviewPage *self = field->page;
  PmDocument *document = self->document;

  if (field->hint == NULL)
    return;

  switch (field->kind)
    {
    case FIELD_TIME:
      if (field->error != NULL)
        hint_set (field->hint, _("Not a valid time"), TRUE);
      else
        {
          g_autoptr(PmTime) time = NULL;
          g_autoptr(GTimeZone) zone = NULL;
          g_autofree char *text = NULL;

          if (document != NULL)
            {
              g_object_get (document, field->property, &time, NULL);
              zone = pm_document_dup_time_zone (document);
            }
          if (time != NULL)
            text = pm_time_format (time, display_zone_for (time, zone), TRUE);
          hint_set (field->hint, text, FALSE);
        }
      break;

    case FIELD_ZONE:
      if (field->error != NULL)
        hint_set (field->hint, _("Unknown time zone"), TRUE);
      else if (document == NULL || *pm_document_get_timezone (document) == '\0')
        /* Translators: shown when no time zone is set, and times are shown in UTC */
        hint_set (field->hint, _("UTC"), FALSE);
      else
        hint_set (field->hint, NULL, FALSE);
      break;

    case FIELD_NUMBER:
      if (field->error != NULL)
        hint_set (field->hint, is_duration (field) ? _("Not a duration") : _("Not a whole number"),
                  TRUE);
      else if (document == NULL)
        hint_set (field->hint, NULL, FALSE);
      else if (is_duration (field))
        /* the field shows the duration itself; say where a computed one comes from */
        hint_set (field->hint, duration_is_computed (document) ? _("From start and end") : NULL,
                  FALSE);
      else if (g_str_equal (field->property, "cost-amount"))
        {
          const char *currency = pm_document_get_field (document, PM_FIELD_COST_CURRENCY);

          hint_set (field->hint,
                    pm_document_get_cost_amount (document) >= 0 ? currency : NULL,
                    FALSE);
        }
      else
        hint_set (field->hint, NULL, FALSE);
      break;

    case FIELD_TEXT:
    case FIELD_LONG_TEXT:
    case FIELD_TAGS:
    default:
      break;
    }
}

/* @message: why the text was not stored, or NULL when it was. */
static void
field_set_error (Field      *field,
                 const char *message)
{
  gboolean was_valid = field->error == NULL;

  g_free (field->error);
  field->error = g_strdup (message);

  if (message != NULL)
    {
      gtk_widget_add_css_class (field->widget, "error");
      gtk_widget_set_tooltip_text (field->widget, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->widget),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field->widget),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else if (!was_valid)
    {
      gtk_widget_remove_css_class (field->widget, "error");
      gtk_widget_set_tooltip_text (field->widget, field->tooltip);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->widget), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field->widget),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }

  field_update_hint (field);
}

/* Puts the model's value into the widget, unless the widget already says the same thing in
 * other words (so "a,b" being typed does not turn into "a, b" under the cursor). */
static void
field_sync (Field *field)
{
  PmOverviewPage *self = field->page;
  PmDocument *document = self->document;
  g_autofree char *current = field_dup_text (field);

  if (self->committing == field)
    {
      field_update_hint (field);
      return;
    }

  switch (field->kind)
    {
    case FIELD_TEXT:
    case FIELD_LONG_TEXT:
    case FIELD_ZONE:
      {
        g_autofree char *model = NULL;

        if (document != NULL)
          g_object_get (document, field->property, &model, NULL);
        if (field->kind == FIELD_ZONE)
          g_strstrip (current);
        if (g_strcmp0 (current, model != NULL ? model : "") != 0)
          field_set_text (field, model != NULL ? model : "");
      }
      break;

    case FIELD_TAGS:
      {
        g_auto(GStrv) model = NULL;
        g_auto(GStrv) shown = parse_tags (current);

        if (document != NULL)
          g_object_get (document, field->property, &model, NULL);
        if (!tags_equal ((const char * const *) shown, (const char * const *) model))
          {
            g_autofree char *text = model != NULL ? g_strjoinv (", ", model) : g_strdup ("");

            field_set_text (field, text);
          }
      }
      break;

    case FIELD_TIME:
      {
        g_autoptr(PmTime) model = NULL;
        g_autoptr(PmTime) shown = NULL;
        g_autoptr(GTimeZone) zone = NULL;
        g_autoptr(GError) error = NULL;
        g_autofree char *text = NULL;

        if (document != NULL)
          {
            g_object_get (document, field->property, &model, NULL);
            zone = pm_document_dup_time_zone (document);
          }
        text = time_to_editable_text (model, zone);
        if (g_strcmp0 (current, text) != 0)
          {
            shown = pm_time_parse_user (current, zone, &error);
            if (error != NULL || !pm_time_equal (shown, model))
              field_set_text (field, text);
          }
      }
      break;

    case FIELD_NUMBER:
      {
        gint64 model = -1;
        gint64 shown = -1;

        if (document != NULL)
          g_object_get (document, field->property, &model, NULL);
        if (is_duration (field))
          {
            gboolean computed = duration_is_computed (document);

            if (computed)
              model = pm_document_get_effective_duration_minutes (document);
            gtk_editable_set_editable (GTK_EDITABLE (field->widget), !computed);
          }
        if (!field_parse_number (field, current, &shown, NULL) || shown != model)
          {
            g_autofree char *text = field_number_text (field, model);

            field_set_text (field, text);
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  field_set_error (field, NULL);
}

/* Stores what the user typed, if it is valid. */
static void
field_commit (Field *field)
{
  PmOverviewPage *self = field->page;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->syncing || !is_editable (self))
    return;

  text = field_dup_text (field);

  switch (field->kind)
    {
    case FIELD_TEXT:
    case FIELD_LONG_TEXT:
      g_value_init (&value, G_TYPE_STRING);
      g_value_set_string (&value, text);
      break;

    case FIELD_TAGS:
      g_value_init (&value, G_TYPE_STRV);
      g_value_take_boxed (&value, parse_tags (text));
      break;

    case FIELD_ZONE:
      {
        g_autoptr(GTimeZone) zone = NULL;

        g_strstrip (text);
        if (*text != '\0' && !(zone = pm_time_zone_new (text, &error)))
          {
            field_set_error (field, error->message);
            return;
          }
        g_value_init (&value, G_TYPE_STRING);
        g_value_set_string (&value, text);
      }
      break;

    case FIELD_TIME:
      {
        g_autoptr(GTimeZone) zone = pm_document_dup_time_zone (self->document);
        PmTime *time = pm_time_parse_user (text, zone, &error);

        if (error != NULL)
          {
            field_set_error (field, error->message);
            return;
          }
        g_value_init (&value, PM_TYPE_TIME);
        g_value_take_boxed (&value, time);
      }
      break;

    case FIELD_NUMBER:
      {
        gint64 number;

        if (is_duration (field) && duration_is_computed (self->document))
          return;
        if (!field_parse_number (field, text, &number, &error))
          {
            field_set_error (field, error->message);
            return;
          }
        g_value_init (&value, G_TYPE_INT64);
        g_value_set_int64 (&value, number);
      }
      break;

    default:
      g_assert_not_reached ();
    }

  self->committing = field;
  pm_document_set_value_merging (self->document, self->document, field->property, &value);
  self->committing = NULL;

  field_set_error (field, NULL);
}

static const char *
choice_label (Choice     *choice,
              const char *value)
{
  if (*value == '\0')
    return _("Not set");
  /* A value this version does not know is shown as it is. */
  return pm_vocabulary_get_label (choice->vocabulary, value);
}

static void
choice_add (Choice     *choice,
            const char *value)
{
  g_ptr_array_add (choice->values, g_strdup (value));
  gtk_string_list_append (choice->labels, choice_label (choice, value));
}

/* The known values, and "not set" where that is allowed; a value from a file that is not
 * among them is added by choice_sync() and stays for as long as the document is shown. */
static void
choice_reset (Choice *choice)
{
  PmOverviewPage *self = choice->page;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (choice->labels));

  self->syncing = TRUE;
  g_ptr_array_set_size (choice->values, 0);
  gtk_string_list_splice (choice->labels, 0, n_items, NULL);
  if (choice->allow_unset)
    choice_add (choice, "");
  for (const char * const *v = pm_vocabulary_get_values (choice->vocabulary); *v; v++)
    choice_add (choice, *v);
  self->syncing = FALSE;
}

static void
choice_sync (Choice *choice)
{
  PmOverviewPage *self = choice->page;
  g_autofree char *model = NULL;
  const char *value;
  guint position;

  if (self->document != NULL)
    g_object_get (self->document, choice->property, &model, NULL);
  value = model != NULL ? model : "";

  self->syncing = TRUE;
  if (!g_ptr_array_find_with_equal_func (choice->values, value, g_str_equal, &position))
    {
      position = choice->values->len;
      choice_add (choice, value);
    }
  if (adw_combo_row_get_selected (choice->row) != position)
    adw_combo_row_set_selected (choice->row, position);
  self->syncing = FALSE;
}

static void
update_sensitivity (PmOverviewPage *self)
{
  GtkWidget *groups[] = {
    GTK_WIDGET (self->incident_group),
    GTK_WIDGET (self->times_group),
    GTK_WIDGET (self->story_group),
    GTK_WIDGET (self->impact_group),
    GTK_WIDGET (self->lessons_group),
    GTK_WIDGET (self->participants_group),
  };
  gboolean editable = is_editable (self);

  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (groups[i], editable);
}

static void
sync_all (PmOverviewPage *self)
{
  for (guint i = 0; i < N_FIELDS; i++)
    field_sync (&self->fields[i]);
  for (guint i = 0; i < N_CHOICES; i++)
    choice_sync (&self->choices[i]);
  update_sensitivity (self);
}

/* Keeps @widget in view for the next frames, while it is laid out and grows (an expander row
 * opening). Scrolling on focus alone would use the position it had before it existed. */
static gboolean
scroll_into_view_tick_cb (GtkWidget     *widget,
                          GdkFrameClock *frame_clock,
                          gpointer       user_data)
{
  PmOverviewPage *self = PM_OVERVIEW_PAGE (widget);
  /* The bin's child; not a template child, since AdwBin unparents it itself. */
  GtkScrolledWindow *scrolled_window = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)));
  GtkWidget *viewport = gtk_scrolled_window_get_child (scrolled_window);
  GtkWidget *content = viewport != NULL ? gtk_widget_get_first_child (viewport) : NULL;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled_window);
  graphene_rect_t bounds;

  if (self->scroll_target == NULL || content == NULL || ++self->scroll_frames > 60)
    {
      self->scroll_tick = 0;
      g_clear_weak_pointer (&self->scroll_target);
      return G_SOURCE_REMOVE;
    }

  if (gtk_widget_compute_bounds (self->scroll_target, content, &bounds))
    {
      double value = gtk_adjustment_get_value (adjustment);
      double page_size = gtk_adjustment_get_page_size (adjustment);
      double top = bounds.origin.y - 12;
      double bottom = bounds.origin.y + bounds.size.height + 12;

      if (bottom > value + page_size)
        value = bottom - page_size;
      if (top < value)
        value = top;
      gtk_adjustment_set_value (adjustment, value);
    }

  return G_SOURCE_CONTINUE;
}

static void
scroll_into_view (PmOverviewPage *self,
                  GtkWidget      *widget)
{
  g_set_weak_pointer (&self->scroll_target, widget);
  self->scroll_frames = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self),
                                                      scroll_into_view_tick_cb,
                                                      NULL, NULL);
}

static Field *
find_field (PmOverviewPage *self,
            const char     *property)
{
  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (self->fields[i].property, property))
      return &self->fields[i];
  return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Callbacks                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
on_document_notify_cb (PmOverviewPage *self,
                       GParamSpec     *pspec,
                       PmDocument     *document)
{
  const char *name = pspec->name;
  Field *field;

  g_assert (PM_IS_OVERVIEW_PAGE (self));

  if (g_str_equal (name, "modified"))
    return;

  if ((field = find_field (self, name)) != NULL)
    field_sync (field);

  for (guint i = 0; i < N_CHOICES; i++)
    if (g_str_equal (self->choices[i].property, name))
      choice_sync (&self->choices[i]);

  /* Times are shown in the document's zone. */
  if (g_str_equal (name, "timezone"))
    for (guint i = 0; i < N_FIELDS; i++)
      if (self->fields[i].kind == FIELD_TIME)
        field_sync (&self->fields[i]);

  if (g_str_equal (name, "cost-currency"))
    field_update_hint (find_field (self, "cost-amount"));

  /* The duration follows start and end. */
  if (g_str_equal (name, "start") || g_str_equal (name, "end"))
    field_sync (find_field (self, "duration-minutes"));

  if (g_str_equal (name, "read-only"))
    update_sensitivity (self);
}

static gboolean
commit_idle_cb (gpointer data)
{
  Field *field = data;

  field->commit_source = 0;
  field_commit (field);

  return G_SOURCE_REMOVE;
}

static void
field_flush (Field *field)
{
  if (field->commit_source != 0)
    {
      g_clear_handle_id (&field->commit_source, g_source_remove);
      field_commit (field);
    }
}

static void
on_field_changed_cb (gpointer  object,
                     Field    *field)
{
  if (field->page->syncing)
    return;

  switch (field->kind)
    {
    case FIELD_LONG_TEXT:
      update_long_runs (field_get_buffer (field));
      field_commit (field);
      break;

    case FIELD_TIME:
    case FIELD_ZONE:
    case FIELD_NUMBER:
      /* Before the next event or frame, once compound edits are complete. */
      if (field->commit_source == 0)
        field->commit_source = g_idle_add_full (G_PRIORITY_HIGH, commit_idle_cb, field, NULL);
      break;

    case FIELD_TEXT:
    case FIELD_TAGS:
    default:
      field_commit (field);
      break;
    }
}

/* Leaving a field ends its run of merged keystrokes, so each visit is one undo step, and
 * shows a valid value in its usual form ("a,b" becomes "a, b"). */
static void
on_field_focus_leave_cb (GtkEventControllerFocus *controller,
                         Field                   *field)
{
  PmOverviewPage *self = field->page;

  field_flush (field);
  if (self->document == NULL)
    return;

  pm_undo_stack_break_merge (pm_document_get_undo_stack (self->document));
  if (field->error == NULL && field->kind != FIELD_TEXT && field->kind != FIELD_LONG_TEXT)
    field_sync (field);
}

static void
on_choice_selected_cb (AdwComboRow *row,
                       GParamSpec  *pspec,
                       Choice      *choice)
{
  PmOverviewPage *self = choice->page;
  guint position = adw_combo_row_get_selected (row);
  const char *value;

  if (self->syncing || !is_editable (self) || position >= choice->values->len)
    return;

  value = g_ptr_array_index (choice->values, position);
  pm_document_set (self->document, self->document,
                   choice->property, *value != '\0' ? value : NULL,
                   NULL);
}

static GtkWidget *
create_participant_row_cb (gpointer item,
                           gpointer user_data)
{
  PmOverviewPage *self = user_data;

  return pm_participant_row_new (self->document, PM_PARTICIPANT (item));
}

static void
on_add_participant_clicked_cb (PmOverviewPage *self,
                               GtkButton      *button)
{
  GListModel *participants;
  g_autoptr(PmParticipant) participant = NULL;
  g_autofree char *id = NULL;
  GtkListBoxRow *row;

  g_assert (PM_IS_OVERVIEW_PAGE (self));

  if (!is_editable (self))
    return;

  participants = pm_document_get_participants (self->document);
  id = pm_document_generate_id (self->document, "p");
  participant = pm_participant_new (id);
  pm_document_append (self->document, participants, participant);

  /* The list box made the row when the list changed. */
  row = gtk_list_box_get_row_at_index (self->participants_list,
                                       g_list_model_get_n_items (participants) - 1);
  if (PM_IS_PARTICIPANT_ROW (row) &&
      pm_participant_row_get_participant (PM_PARTICIPANT_ROW (row)) == participant)
    {
      pm_participant_row_start_editing (PM_PARTICIPANT_ROW (row));
      scroll_into_view (self, GTK_WIDGET (row));
    }
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_overview_page_dispose (GObject *object)
{
  PmOverviewPage *self = (PmOverviewPage *)object;

  /* What was typed last still goes into the document. */
  if (self->document_signals != NULL)
    g_signal_group_set_target (self->document_signals, NULL);
  for (guint i = 0; i < N_FIELDS; i++)
    field_flush (&self->fields[i]);
  if (self->participants_list != NULL)
    gtk_list_box_bind_model (self->participants_list, NULL, NULL, NULL, NULL);

  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  g_clear_weak_pointer (&self->scroll_target);

  gtk_widget_dispose_template (GTK_WIDGET (self), PM_TYPE_OVERVIEW_PAGE);

  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (pm_overview_page_parent_class)->dispose (object);
}

static void
pm_overview_page_finalize (GObject *object)
{
  PmOverviewPage *self = (PmOverviewPage *)object;

  for (guint i = 0; i < N_FIELDS; i++)
    {
      g_clear_pointer (&self->fields[i].tooltip, g_free);
      g_clear_pointer (&self->fields[i].error, g_free);
    }
  for (guint i = 0; i < N_CHOICES; i++)
    {
      g_clear_pointer (&self->choices[i].values, g_ptr_array_unref);
      g_clear_object (&self->choices[i].labels);
    }

  G_OBJECT_CLASS (pm_overview_page_parent_class)->finalize (object);
}

static void
pm_overview_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PmOverviewPage *self = PM_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, pm_overview_page_get_document (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_overview_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PmOverviewPage *self = PM_OVERVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pm_overview_page_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_overview_page_class_init (PmOverviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pm_overview_page_dispose;
  object_class->finalize = pm_overview_page_finalize;
  object_class->get_property = pm_overview_page_get_property;
  object_class->set_property = pm_overview_page_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pmortem/Postmortem/pm-overview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, add_participant_button);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, affected_view);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, classification_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, cost_amount_hint);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, cost_amount_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, cost_currency_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, data_affected_view);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, detected_hint);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, detected_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, duration_hint);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, duration_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, effort_hint);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, effort_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, end_hint);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, end_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, got_lucky_view);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, impact_group);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, incident_group);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, lessons_group);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, participants_group);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, participants_list);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, reference_key_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, reference_url_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, risk_view);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, severity_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, start_hint);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, start_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, story_group);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, summary_view);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, tags_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, teaser_view);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, times_group);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, timezone_hint);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, title_row);
  gtk_widget_class_bind_template_child (widget_class, PmOverviewPage, went_well_view);
  gtk_widget_class_bind_template_callback (widget_class, on_add_participant_clicked_cb);

  g_type_ensure (PM_TYPE_PARTICIPANT_ROW);
}

static void
pm_overview_page_init (PmOverviewPage *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_FIELDS; i++)
    {
      const FieldSpec *spec = &field_specs[i];
      Field *field = &self->fields[i];
      GtkEventController *focus;

      field->page = self;
      field->property = spec->property;
      field->kind = spec->kind;
      field->widget = G_STRUCT_MEMBER (GtkWidget *, self, spec->widget_offset);
      field->hint = spec->hint_offset != 0
                    ? G_STRUCT_MEMBER (GtkLabel *, self, spec->hint_offset) : NULL;
      field->tooltip = g_strdup (gtk_widget_get_tooltip_text (field->widget));

      if (field->kind == FIELD_LONG_TEXT)
        {
          GtkTextBuffer *buffer = field_get_buffer (field);

          /* The document's undo is the only one: Ctrl+Z must reach the window. */
          gtk_text_buffer_set_enable_undo (buffer, FALSE);
          g_signal_connect (buffer, "changed", G_CALLBACK (on_field_changed_cb), field);
        }
      else
        {
          GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (field->widget));

          gtk_editable_set_enable_undo (GTK_EDITABLE (field->widget), FALSE);
          if (GTK_IS_TEXT (delegate) && spec->max_chars > 0)
            gtk_text_set_max_length (GTK_TEXT (delegate), spec->max_chars);
          g_signal_connect (field->widget, "changed", G_CALLBACK (on_field_changed_cb), field);
        }

      focus = gtk_event_controller_focus_new ();
      g_signal_connect (focus, "leave", G_CALLBACK (on_field_focus_leave_cb), field);
      gtk_widget_add_controller (field->widget, focus);
    }

  for (guint i = 0; i < N_CHOICES; i++)
    {
      const ChoiceSpec *spec = &choice_specs[i];
      Choice *choice = &self->choices[i];

      choice->page = self;
      choice->property = spec->property;
      choice->vocabulary = spec->vocabulary;
      choice->allow_unset = spec->allow_unset;
      choice->row = G_STRUCT_MEMBER (AdwComboRow *, self, spec->row_offset);
      choice->labels = gtk_string_list_new (NULL);
      choice->values = g_ptr_array_new_with_free_func (g_free);

      choice_reset (choice);
      self->syncing = TRUE;
      adw_combo_row_set_model (choice->row, G_LIST_MODEL (choice->labels));
      self->syncing = FALSE;
      g_signal_connect (choice->row, "notify::selected", G_CALLBACK (on_choice_selected_cb), choice);
    }

  placeholder = gtk_label_new (_("No participants yet"));
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_list_box_set_placeholder (self->participants_list, placeholder);

  self->document_signals = g_signal_group_new (PM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "notify",
                                 G_CALLBACK (on_document_notify_cb), self,
                                 G_CONNECT_SWAPPED);

  sync_all (self);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_overview_page_new (void)
{
  return g_object_new (PM_TYPE_OVERVIEW_PAGE, NULL);
}

PmDocument *
pm_overview_page_get_document (PmOverviewPage *self)
{
  g_return_val_if_fail (PM_IS_OVERVIEW_PAGE (self), NULL);

  return self->document;
}

void
pm_overview_page_set_document (PmOverviewPage *self,
                               PmDocument     *document)
{
  g_return_if_fail (PM_IS_OVERVIEW_PAGE (self));
  g_return_if_fail (document == NULL || PM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  /* What was typed last goes into the document it was typed for. */
  for (guint i = 0; i < N_FIELDS; i++)
    field_flush (&self->fields[i]);

  /* Unbind first: the old rows edit the old document. */
  gtk_list_box_bind_model (self->participants_list, NULL, NULL, NULL, NULL);
  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);

  for (guint i = 0; i < N_CHOICES; i++)
    choice_reset (&self->choices[i]);
  sync_all (self);

  if (document != NULL)
    gtk_list_box_bind_model (self->participants_list,
                             pm_document_get_participants (document),
                             create_participant_row_cb, self, NULL);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}
