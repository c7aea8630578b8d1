/* pm-qr-code.c — a QR code of a text, drawn as large as its allocation allows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <qrencode.h>
#include <string.h>

#include "pm-qr-code.h"

/* Modules of light margin on each side: what ISO/IEC 18004 asks for. */
#define QUIET_ZONE 4
/* Pixels per module the widget asks for: at least, and when it can have them. */
#define MIN_MODULE_PIXELS 2
#define NATURAL_MODULE_PIXELS 8

struct _PmQrCode
{
  GtkWidget  parent_instance;

  char      *text;
  QRcode    *code;   /* NULL: nothing to draw */
};

G_DEFINE_FINAL_TYPE (PmQrCode, pm_qr_code, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/* Modules on a side with the quiet zone, or 0. */
static guint
get_side (PmQrCode *self)
{
  return self->code != NULL ? (guint) self->code->width + 2 * QUIET_ZONE : 0;
}

static void
encode (PmQrCode *self)
{
  g_clear_pointer (&self->code, QRcode_free);
  if (self->text != NULL && self->text[0] != '\0')
    {
      /* Version 0: the smallest that holds the text; 8-bit mode, case kept. NULL when the
       * text is too long for any version (errno says why). */
      self->code = QRcode_encodeString (self->text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
      if (self->code == NULL)
        g_debug ("No QR code for a text of %zu bytes", strlen (self->text));
    }
}

/* ------------------------------------------------------------------------------------------ */
/* GtkWidget                                                                                   */
/* ------------------------------------------------------------------------------------------ */

static void
pm_qr_code_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  PmQrCode *self = PM_QR_CODE (widget);
  guint side = get_side (self);

  *minimum = (int) (side * MIN_MODULE_PIXELS);
  *natural = (int) (side * NATURAL_MODULE_PIXELS);
}

static void
pm_qr_code_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  static const GdkRGBA white = { 1, 1, 1, 1 };
  static const GdkRGBA black = { 0, 0, 0, 1 };
  PmQrCode *self = PM_QR_CODE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  guint side = get_side (self);
  guint modules;
  double module, extent, x0, y0;

  if (side == 0 || width <= 0 || height <= 0)
    return;

  /* Whole pixels per module whenever there is at least one: sharp edges for the camera. */
  module = (double) MIN (width, height) / side;
  if (module >= 1)
    module = floor (module);
  extent = module * side;
  x0 = floor ((width - extent) / 2);
  y0 = floor ((height - extent) / 2);

  /* Black on white in every colour scheme: scanners want dark modules on a light ground. */
  gtk_snapshot_append_color (snapshot, &white, &GRAPHENE_RECT_INIT (x0, y0, extent, extent));

  /* One rectangle per run of dark modules in a row. */
  modules = (guint) self->code->width;
  for (guint y = 0; y < modules; y++)
    {
      const unsigned char *row = self->code->data + (gsize) y * modules;
      guint x = 0;

      while (x < modules)
        {
          guint start;

          if (!(row[x] & 1))
            {
              x++;
              continue;
            }
          start = x;
          while (x < modules && (row[x] & 1))
            x++;
          gtk_snapshot_append_color (snapshot, &black,
                                     &GRAPHENE_RECT_INIT (x0 + (QUIET_ZONE + start) * module,
                                                          y0 + (QUIET_ZONE + y) * module,
                                                          (x - start) * module,
                                                          module));
        }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* GObject                                                                                     */
/* ------------------------------------------------------------------------------------------ */

static void
pm_qr_code_finalize (GObject *object)
{
  PmQrCode *self = PM_QR_CODE (object);

  g_clear_pointer (&self->code, QRcode_free);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (pm_qr_code_parent_class)->finalize (object);
}

static void
pm_qr_code_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PmQrCode *self = PM_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_qr_code_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PmQrCode *self = PM_QR_CODE (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      pm_qr_code_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pm_qr_code_class_init (PmQrCodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pm_qr_code_finalize;
  object_class->get_property = pm_qr_code_get_property;
  object_class->set_property = pm_qr_code_set_property;

  widget_class->measure = pm_qr_code_measure;
  widget_class->snapshot = pm_qr_code_snapshot;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "qrcode");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pm_qr_code_init (PmQrCode *self)
{
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                  */
/* ------------------------------------------------------------------------------------------ */

GtkWidget *
pm_qr_code_new (void)
{
  return g_object_new (PM_TYPE_QR_CODE, NULL);
}

const char *
pm_qr_code_get_text (PmQrCode *self)
{
  g_return_val_if_fail (PM_IS_QR_CODE (self), NULL);

  return self->text;
}

void
pm_qr_code_set_text (PmQrCode   *self,
                     const char *text)
{
  g_return_if_fail (PM_IS_QR_CODE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (text);

  encode (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

guint
pm_qr_code_get_modules (PmQrCode *self)
{
  g_return_val_if_fail (PM_IS_QR_CODE (self), 0);

  return self->code != NULL ? (guint) self->code->width : 0;
}

gboolean
pm_qr_code_get_module (PmQrCode *self,
                       guint     x,
                       guint     y)
{
  guint modules;

  g_return_val_if_fail (PM_IS_QR_CODE (self), FALSE);

  modules = pm_qr_code_get_modules (self);
  if (x >= modules || y >= modules)
    return FALSE;
  return (self->code->data[(gsize) y * modules + x] & 1) != 0;
}
