/* pm-live-certificate.c — the TLS certificate a live session is served with
 *
 * GnuTLS makes the self-signed certificate and checks that a certificate and a key belong
 * together; GIO's TLS backend (glib-networking) serves it. What GIO gets is built from the very
 * bytes that were checked, so a file replaced in between cannot slip past the checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "pm-atomic-file.h"
#include "pm-error.h"
#include "pm-live-certificate.h"
#include "pm-live-certificate-private.h"

#define CERTIFICATE_NAME "live-certificate.pem"
#define KEY_NAME         "live-key.pem"

/* A certificate with its chain, or a key, is a few KiB; RSA 16384 still fits many times. */
#define MAX_PEM_BYTES (256 * 1024)

/* A kept certificate is replaced this long before it expires, so it never runs out in a
 * meeting. */
#define MIN_REMAINING_SECONDS (7 * 24 * 3600)

#define SERIAL_BYTES 16
/* X.520 ub-common-name. */
#define MAX_COMMON_NAME_CHARS 64
#define COMMON_NAME_PREFIX "Postmortem live session on "

#define LINK_FINGERPRINT_LENGTH 43  /* 32 bytes in unpadded base64 */

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_crt_t, gnutls_x509_crt_deinit, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (gnutls_x509_privkey_t, gnutls_x509_privkey_deinit, NULL)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

/* Key material does not stay behind in freed memory. */
static void
secret_free (char  *data,
             gsize  length)
{
  if (data == NULL)
    return;

  gnutls_memset (data, 0, length);
  g_free (data);
}

static void
gnutls_secret_free (gnutls_datum_t *datum)
{
  if (datum->data == NULL)
    return;

  gnutls_memset (datum->data, 0, datum->size);
  gnutls_free (datum->data);
  datum->data = NULL;
  datum->size = 0;
}

static char *
format_utc (gint64 unix_time)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_time);

  if (time == NULL)
    return g_strdup ("?");

  return g_date_time_format (time, "%Y-%m-%d %H:%M UTC");
}

static gboolean
set_generate_error (GError     **error,
                    int          result)
{
  g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
               /* Translators: %s is GnuTLS's (English) description of what failed */
               _("Could not make a certificate for the live session: %s"),
               gnutls_strerror (result));
  return FALSE;
}

/* The first certificate in @pem (the chain may follow) and the private key in @key_pem belong
 * together, and the certificate is valid from @now to at least @now + @min_remaining. */
static gboolean
check_pair (const char  *cert_pem,
            gsize        cert_length,
            const char  *cert_path,
            const char  *key_pem,
            gsize        key_length,
            const char  *key_path,
            gint64       now,
            gint64       min_remaining,
            GError     **error)
{
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_auto(gnutls_x509_privkey_t) key = NULL;
  gnutls_datum_t datum;
  guint8 crt_id[32];
  guint8 key_id[32];
  size_t crt_id_size = sizeof crt_id;
  size_t key_id_size = sizeof key_id;
  gint64 not_before;
  gint64 not_after;

  if (gnutls_x509_crt_init (&crt) < 0 || gnutls_x509_privkey_init (&key) < 0)
    g_error ("GnuTLS is out of memory");

  datum.data = (unsigned char *) cert_pem;
  datum.size = (unsigned int) cert_length;
  if (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_PEM) < 0)
    {
      g_autofree char *display = g_filename_display_name (cert_path);

      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   _("“%s” holds no certificate in PEM format"), display);
      return FALSE;
    }

  datum.data = (unsigned char *) key_pem;
  datum.size = (unsigned int) key_length;
  if (gnutls_x509_privkey_import2 (key, &datum, GNUTLS_X509_FMT_PEM, NULL,
                                   GNUTLS_PKCS_PLAIN) < 0)
    {
      g_autofree char *display = g_filename_display_name (key_path);

      if (g_strstr_len (key_pem, key_length, "ENCRYPTED") != NULL)
        g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                     _("The key in “%s” is protected with a passphrase; a live session needs "
                       "it without one"), display);
      else
        g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                     _("“%s” holds no private key in PEM format"), display);
      return FALSE;
    }

  /* Both are hashes of the SubjectPublicKeyInfo. */
  if (gnutls_x509_crt_get_key_id (crt, GNUTLS_KEYID_USE_SHA256, crt_id, &crt_id_size) < 0
      || gnutls_x509_privkey_get_key_id (key, GNUTLS_KEYID_USE_SHA256, key_id, &key_id_size) < 0
      || crt_id_size != key_id_size
      || memcmp (crt_id, key_id, crt_id_size) != 0)
    {
      g_autofree char *display_key = g_filename_display_name (key_path);
      g_autofree char *display_cert = g_filename_display_name (cert_path);

      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   /* Translators: both %s are file names */
                   _("The key in “%s” does not belong to the certificate in “%s”"),
                   display_key, display_cert);
      return FALSE;
    }

  not_before = (gint64) gnutls_x509_crt_get_activation_time (crt);
  not_after = (gint64) gnutls_x509_crt_get_expiration_time (crt);
  if (not_before == -1 || not_after == -1 || now < not_before)
    {
      g_autofree char *display = g_filename_display_name (cert_path);
      g_autofree char *date = format_utc (not_before);

      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   /* Translators: the first %s is a file name, the second a date and time */
                   _("The certificate in “%s” is not valid before %s"), display, date);
      return FALSE;
    }
  if (now >= not_after)
    {
      g_autofree char *display = g_filename_display_name (cert_path);
      g_autofree char *date = format_utc (not_after);

      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   /* Translators: the first %s is a file name, the second a date and time */
                   _("The certificate in “%s” expired on %s"), display, date);
      return FALSE;
    }
  if (not_after - now < min_remaining)
    {
      g_autofree char *display = g_filename_display_name (cert_path);
      g_autofree char *date = format_utc (not_after);

      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   /* Translators: the first %s is a file name, the second a date and time */
                   _("The certificate in “%s” expires soon, on %s"), display, date);
      return FALSE;
    }

  return TRUE;
}

/* GIO's certificate from the checked PEM texts (GIO finds the key after the chain). */
static GTlsCertificate *
new_tls_certificate (const char  *cert_pem,
                     gsize        cert_length,
                     const char  *cert_path,
                     const char  *key_pem,
                     gsize        key_length,
                     GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  GTlsCertificate *certificate;
  gsize length = cert_length + 1 + key_length;
  char *both = g_malloc (length + 1);

  memcpy (both, cert_pem, cert_length);
  both[cert_length] = '\n';
  memcpy (both + cert_length + 1, key_pem, key_length);
  both[length] = '\0';

  certificate = g_tls_certificate_new_from_pem (both, (gssize) length, &local_error);
  secret_free (both, length);

  if (certificate == NULL)
    {
      g_autofree char *display = g_filename_display_name (cert_path);

      g_set_error (error, PM_ERROR, PM_ERROR_INVALID,
                   /* Translators: the first %s is a file name, the second says what is wrong */
                   _("The certificate in “%s” cannot be used: %s"),
                   display, local_error->message);
      return NULL;
    }

  return certificate;
}

/* Reads both files, checks them and hands them to GIO. */
static GTlsCertificate *
load_checked (const char  *cert_path,
              const char  *key_path,
              gint64       min_remaining,
              GError     **error)
{
  g_autofree char *cert_pem = NULL;
  char *key_pem = NULL;
  gsize cert_length = 0;
  gsize key_length = 0;
  GTlsCertificate *certificate = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (!pm_file_read_bounded (cert_path, MAX_PEM_BYTES, &cert_pem, &cert_length, error)
      || !pm_file_read_bounded (key_path, MAX_PEM_BYTES, &key_pem, &key_length, error))
    return NULL;

  if (check_pair (cert_pem, cert_length, cert_path, key_pem, key_length, key_path,
                  now, min_remaining, error))
    certificate = new_tls_certificate (cert_pem, cert_length, cert_path,
                                       key_pem, key_length, error);

  secret_free (key_pem, key_length);
  return certificate;
}

static gboolean
is_dns_name (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > 253)
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;

  return TRUE;
}

static int
add_san (gnutls_x509_crt_t             crt,
         gnutls_x509_subject_alt_name_t type,
         const void                    *data,
         unsigned int                   size)
{
  return gnutls_x509_crt_set_subject_alt_name (crt, type, data, size, GNUTLS_FSAN_APPEND);
}

/* A new ECDSA P-256 key and a certificate for it, signed by itself. */
static gboolean
generate (gint64           not_before,
          gint64           not_after,
          gnutls_datum_t  *cert_pem,
          gnutls_datum_t  *key_pem,
          GError         **error)
{
  static const guint8 ipv4_loopback[4] = { 127, 0, 0, 1 };
  static const guint8 ipv6_loopback[16] = { [15] = 1 };
  g_auto(gnutls_x509_crt_t) crt = NULL;
  g_auto(gnutls_x509_privkey_t) key = NULL;
  g_autofree char *host = g_hostname_to_ascii (g_get_host_name ());
  g_autofree char *common_name = NULL;
  guint8 serial[SERIAL_BYTES];
  guint8 key_id[20];
  size_t key_id_size = sizeof key_id;
  int r;

  if (gnutls_x509_crt_init (&crt) < 0 || gnutls_x509_privkey_init (&key) < 0)
    g_error ("GnuTLS is out of memory");

  r = gnutls_x509_privkey_generate2 (key, GNUTLS_PK_ECDSA,
                                     GNUTLS_CURVE_TO_BITS (GNUTLS_ECC_CURVE_SECP256R1),
                                     0, NULL, 0);
  if (r < 0)
    return set_generate_error (error, r);

  /* A positive INTEGER in its shortest encoding: top bit clear, first byte not zero. */
  r = gnutls_rnd (GNUTLS_RND_RANDOM, serial, sizeof serial);
  if (r < 0)
    return set_generate_error (error, r);
  serial[0] &= 0x7f;
  if (serial[0] == 0)
    serial[0] = 1;

  /* The host name as the system spells it (the CN is for people, not checked by browsers),
   * cut to what a CN may hold. */
  common_name = g_strconcat (COMMON_NAME_PREFIX, g_get_host_name (), NULL);
  if (!g_utf8_validate (common_name, -1, NULL))
    g_clear_pointer (&common_name, g_free);
  if (common_name == NULL)
    common_name = g_strdup (COMMON_NAME_PREFIX "this computer");
  if (g_utf8_strlen (common_name, -1) > MAX_COMMON_NAME_CHARS)
    {
      char *cut = g_utf8_substring (common_name, 0, MAX_COMMON_NAME_CHARS);

      g_free (common_name);
      common_name = cut;
    }

  if ((r = gnutls_x509_crt_set_version (crt, 3)) < 0
      || (r = gnutls_x509_crt_set_serial (crt, serial, sizeof serial)) < 0
      || (r = gnutls_x509_crt_set_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, common_name,
                                             (unsigned int) strlen (common_name))) < 0
      || (r = gnutls_x509_crt_set_key (crt, key)) < 0
      || (r = gnutls_x509_crt_set_activation_time (crt, (time_t) not_before)) < 0
      || (r = gnutls_x509_crt_set_expiration_time (crt, (time_t) not_after)) < 0
      || (r = gnutls_x509_crt_set_basic_constraints (crt, 0, -1)) < 0
      || (r = gnutls_x509_crt_set_key_usage (crt, GNUTLS_KEY_DIGITAL_SIGNATURE)) < 0
      || (r = gnutls_x509_crt_set_key_purpose_oid (crt, GNUTLS_KP_TLS_WWW_SERVER, 0)) < 0)
    return set_generate_error (error, r);

  /* Names the participants may type. A host name DNS cannot carry is left out. */
  if (is_dns_name (host) && g_ascii_strcasecmp (host, "localhost") != 0
      && (r = add_san (crt, GNUTLS_SAN_DNSNAME, host, (unsigned int) strlen (host))) < 0)
    return set_generate_error (error, r);
  if ((r = add_san (crt, GNUTLS_SAN_DNSNAME, "localhost", strlen ("localhost"))) < 0
      || (r = add_san (crt, GNUTLS_SAN_IPADDRESS, ipv4_loopback, sizeof ipv4_loopback)) < 0
      || (r = add_san (crt, GNUTLS_SAN_IPADDRESS, ipv6_loopback, sizeof ipv6_loopback)) < 0)
    return set_generate_error (error, r);

  if ((r = gnutls_x509_privkey_get_key_id (key, 0, key_id, &key_id_size)) < 0
      || (r = gnutls_x509_crt_set_subject_key_id (crt, key_id, key_id_size)) < 0)
    return set_generate_error (error, r);

  if ((r = gnutls_x509_crt_sign2 (crt, crt, key, GNUTLS_DIG_SHA256, 0)) < 0)
    return set_generate_error (error, r);

  if ((r = gnutls_x509_crt_export2 (crt, GNUTLS_X509_FMT_PEM, cert_pem)) < 0)
    return set_generate_error (error, r);
  if ((r = gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, NULL,
                                              GNUTLS_PKCS_PLAIN, key_pem)) < 0)
    {
      gnutls_secret_free (cert_pem);
      return set_generate_error (error, r);
    }

  return TRUE;
}

static gboolean
make_directory (const char  *directory,
                GError     **error)
{
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (directory);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   /* Translators: the first %s is a folder, the second a system error */
                   _("Could not create the folder “%s”: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_private_file (const char      *path,
                    gnutls_datum_t  *datum,
                    GError         **error)
{
  return g_file_set_contents_full (path, (const char *) datum->data, (gssize) datum->size,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/* Makes a new pair valid from @not_before to @not_after (Unix times) and keeps it in
 * @directory. */
static GTlsCertificate *
create_in_directory (const char  *directory,
                     gint64       not_before,
                     gint64       not_after,
                     GError     **error)
{
  g_autofree char *cert_path = g_build_filename (directory, CERTIFICATE_NAME, NULL);
  g_autofree char *key_path = g_build_filename (directory, KEY_NAME, NULL);
  gnutls_datum_t cert_pem = { NULL, 0 };
  gnutls_datum_t key_pem = { NULL, 0 };
  GTlsCertificate *certificate = NULL;

  if (!make_directory (directory, error)
      || !generate (not_before, not_after, &cert_pem, &key_pem, error))
    return NULL;

  /* The key first: a crash between the two leaves a pair that does not match, which the next
   * start replaces, never an old key with a new certificate that looks fine. */
  if (write_private_file (key_path, &key_pem, error)
      && write_private_file (cert_path, &cert_pem, error))
    certificate = new_tls_certificate ((const char *) cert_pem.data, cert_pem.size, cert_path,
                                       (const char *) key_pem.data, key_pem.size, error);

  gnutls_secret_free (&cert_pem);
  gnutls_secret_free (&key_pem);
  return certificate;
}

static char *
hex_pairs (const guint8 *bytes,
           gsize         count,
           gsize         group,
           char          separator)
{
  static const char digits[] = "0123456789ABCDEF";
  GString *text = g_string_sized_new (count * 3);

  for (gsize i = 0; i < count; i++)
    {
      if (i > 0 && i % group == 0)
        g_string_append_c (text, separator);
      g_string_append_c (text, digits[bytes[i] >> 4]);
      g_string_append_c (text, digits[bytes[i] & 0x0f]);
    }

  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------------------------------ */
/* Private API                                                                                */
/* ------------------------------------------------------------------------------------------ */

GTlsCertificate *
_pm_live_certificate_create_for_test (const char  *directory,
                                      gint64       not_before,
                                      gint64       not_after,
                                      GError     **error)
{
  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return create_in_directory (directory, not_before, not_after, error);
}

/* ------------------------------------------------------------------------------------------ */
/* Public API                                                                                 */
/* ------------------------------------------------------------------------------------------ */

GTlsCertificate *
pm_live_certificate_load_or_create (const char  *directory,
                                    GError     **error)
{
  g_autofree char *cert_path = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) not_before = NULL;
  g_autoptr(GDateTime) not_after = NULL;
  GTlsCertificate *certificate;

  g_return_val_if_fail (directory != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cert_path = g_build_filename (directory, CERTIFICATE_NAME, NULL);
  key_path = g_build_filename (directory, KEY_NAME, NULL);

  certificate = load_checked (cert_path, key_path, MIN_REMAINING_SECONDS, &load_error);
  if (certificate != NULL)
    return certificate;

  if (!g_error_matches (load_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    g_message ("Making a new certificate for live sessions: %s", load_error->message);

  /* An hour back, so a participant's clock running a little behind accepts it. */
  now = g_date_time_new_now_utc ();
  not_before = g_date_time_add_hours (now, -1);
  not_after = g_date_time_add_years (now, 2);

  return create_in_directory (directory,
                              g_date_time_to_unix (not_before),
                              g_date_time_to_unix (not_after),
                              error);
}

GTlsCertificate *
pm_live_certificate_load (const char  *certificate_path,
                          const char  *key_path,
                          GError     **error)
{
  g_return_val_if_fail (certificate_path != NULL, NULL);
  g_return_val_if_fail (key_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_checked (certificate_path, key_path, 0, error);
}

void
pm_live_certificate_get_sha256 (GTlsCertificate *certificate,
                                guint8           digest[32])
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  gsize length = 32;

  g_return_if_fail (G_IS_TLS_CERTIFICATE (certificate));
  g_return_if_fail (digest != NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  g_return_if_fail (der != NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &length);
  g_assert (length == 32);
}

char *
pm_live_certificate_dup_fingerprint (GTlsCertificate *certificate)
{
  guint8 digest[32];

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  pm_live_certificate_get_sha256 (certificate, digest);
  return hex_pairs (digest, sizeof digest, 1, ':');
}

char *
pm_live_certificate_dup_short_fingerprint (GTlsCertificate *certificate)
{
  guint8 digest[32];

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  pm_live_certificate_get_sha256 (certificate, digest);
  return hex_pairs (digest, 8, 2, ' ');
}

char *
pm_live_certificate_dup_link_fingerprint (GTlsCertificate *certificate)
{
  guint8 digest[32];
  char *text;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  pm_live_certificate_get_sha256 (certificate, digest);
  text = g_base64_encode (digest, sizeof digest);

  /* base64url (RFC 4648 §5), without the padding. */
  for (char *p = text; *p != '\0'; p++)
    {
      if (*p == '+')
        *p = '-';
      else if (*p == '/')
        *p = '_';
      else if (*p == '=')
        {
          *p = '\0';
          break;
        }
    }
  g_assert (strlen (text) == LINK_FINGERPRINT_LENGTH);

  return text;
}

gboolean
pm_live_certificate_matches_link_fingerprint (GTlsCertificate *certificate,
                                              const char      *text)
{
  g_autofree char *expected = NULL;
  guint8 difference = 0;
  gsize length = 0;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), FALSE);

  if (text == NULL)
    return FALSE;

  /* The length is no secret; the characters are compared in constant time. */
  while (length <= LINK_FINGERPRINT_LENGTH && text[length] != '\0')
    length++;
  if (length != LINK_FINGERPRINT_LENGTH)
    return FALSE;

  expected = pm_live_certificate_dup_link_fingerprint (certificate);
  for (gsize i = 0; i < LINK_FINGERPRINT_LENGTH; i++)
    difference |= (guint8) (expected[i] ^ text[i]);

  return difference == 0;
}
