/* test-live-certificate.c — the live session's certificate: made once, kept, replaced when it
 * cannot serve, checked when an organisation brings its own; and served over TLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include <libsoup/soup.h>

#include "pm-error.h"
#include "pm-live-certificate.h"
#include "pm-live-certificate-private.h"

#include "test-util.h"

#define DAY (24 * 3600)

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                    */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  char *tmp;   /* removed after the test */
  char *dir;   /* tmp/live, not there before the test */
  char *cert_path;
  char *key_path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->tmp = pm_test_make_tmp_dir ("pm-live-cert-XXXXXX");
  fixture->dir = g_build_filename (fixture->tmp, "data", "live", NULL);
  fixture->cert_path = g_build_filename (fixture->dir, "live-certificate.pem", NULL);
  fixture->key_path = g_build_filename (fixture->dir, "live-key.pem", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  pm_test_remove_tree (fixture->tmp);
  g_free (fixture->tmp);
  g_free (fixture->dir);
  g_free (fixture->cert_path);
  g_free (fixture->key_path);
}

static GTlsCertificate *
load_or_create (const char *dir)
{
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate = pm_live_certificate_load_or_create (dir, &error);

  g_assert_no_error (error);
  g_assert_true (G_IS_TLS_CERTIFICATE (certificate));
  return certificate;
}

static GTlsCertificate *
create_valid (const char *dir,
              gint64      not_before,
              gint64      not_after)
{
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate =
    _pm_live_certificate_create_for_test (dir, not_before, not_after, &error);

  g_assert_no_error (error);
  g_assert_true (G_IS_TLS_CERTIFICATE (certificate));
  return certificate;
}

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
write_file (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static guint
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 07777;
}

/* The certificate kept at @path, parsed by GnuTLS. */
static gnutls_x509_crt_t
parse_kept (const char *path)
{
  g_autofree char *pem = read_file (path);
  gnutls_datum_t datum = { (unsigned char *) pem, (unsigned int) strlen (pem) };
  gnutls_x509_crt_t crt;

  g_assert_cmpint (gnutls_x509_crt_init (&crt), ==, 0);
  g_assert_cmpint (gnutls_x509_crt_import (crt, &datum, GNUTLS_X509_FMT_PEM), ==, 0);
  return crt;
}

static gboolean
has_san (gnutls_x509_crt_t  crt,
         unsigned int       wanted_type,
         const void        *wanted,
         size_t             wanted_size)
{
  for (unsigned int i = 0;; i++)
    {
      char data[256];
      size_t size = sizeof data;
      unsigned int type = 0;
      int r = gnutls_x509_crt_get_subject_alt_name2 (crt, i, data, &size, &type, NULL);

      if (r == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
        return FALSE;
      g_assert_cmpint (r, >=, 0);
      if (type == wanted_type && size == wanted_size && memcmp (data, wanted, size) == 0)
        return TRUE;
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Made and kept                                                                              */
/* ------------------------------------------------------------------------------------------ */

static void
test_create_and_reuse (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GTlsCertificate) first = NULL;
  g_autoptr(GTlsCertificate) second = NULL;
  g_autofree char *first_fp = NULL;
  g_autofree char *second_fp = NULL;
  g_autofree char *key_pem = NULL;
  g_autofree char *private_key_pem = NULL;
  g_autofree char *parent = g_path_get_dirname (fixture->dir);
  g_autofree char *key_text = NULL;

  g_assert_false (g_file_test (parent, G_FILE_TEST_EXISTS));

  first = load_or_create (fixture->dir);
  g_assert_cmphex (file_mode (fixture->dir), ==, 0700);
  g_assert_cmphex (file_mode (fixture->key_path), ==, 0600);
  g_assert_cmphex (file_mode (fixture->cert_path), ==, 0600);

  /* No temporary files are left next to them. */
  {
    g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
    const char *name;
    guint count = 0;

    while ((name = g_dir_read_name (dir)) != NULL)
      count++;
    g_assert_cmpuint (count, ==, 2);
  }

  key_text = read_file (fixture->key_path);
  g_assert_true (g_str_has_prefix (key_text, "-----BEGIN PRIVATE KEY-----"));

  /* GIO holds the key, so a TLS server can use it. */
  g_object_get (first, "private-key-pem", &private_key_pem, NULL);
  g_assert_nonnull (private_key_pem);
  g_assert_nonnull (strstr (private_key_pem, "PRIVATE KEY-----"));

  second = load_or_create (fixture->dir);
  first_fp = pm_live_certificate_dup_fingerprint (first);
  second_fp = pm_live_certificate_dup_fingerprint (second);
  g_assert_cmpstr (first_fp, ==, second_fp);
  g_assert_true (g_tls_certificate_is_same (first, second));
}

/* What the brief asks of the certificate itself, read back by GnuTLS. */
static void
test_contents (Fixture       *fixture,
               gconstpointer  data)
{
  static const guint8 ipv4_loopback[4] = { 127, 0, 0, 1 };
  static const guint8 ipv6_loopback[16] = { [15] = 1 };
  g_autoptr(GTlsCertificate) certificate = load_or_create (fixture->dir);
  gnutls_x509_crt_t crt = parse_kept (fixture->cert_path);
  g_autofree char *host = g_hostname_to_ascii (g_get_host_name ());
  g_autofree char *expected_cn = g_strconcat ("Postmortem live session on ",
                                              g_get_host_name (), NULL);
  char cn[256];
  size_t cn_size = sizeof cn;
  guint8 serial[64];
  size_t serial_size = sizeof serial;
  unsigned int usage = 0;
  unsigned int critical = 0;
  unsigned int ca = 1;
  char purpose[128];
  size_t purpose_size = sizeof purpose;
  unsigned int bits = 0;
  gint64 now = now_unix ();
  gint64 not_before = gnutls_x509_crt_get_activation_time (crt);
  gint64 not_after = gnutls_x509_crt_get_expiration_time (crt);

  g_assert_cmpint (gnutls_x509_crt_get_version (crt), ==, 3);

  g_assert_cmpint (gnutls_x509_crt_get_dn_by_oid (crt, GNUTLS_OID_X520_COMMON_NAME, 0, 0,
                                                  cn, &cn_size), ==, 0);
  if (strlen (expected_cn) <= 64)
    g_assert_cmpstr (cn, ==, expected_cn);
  else
    g_assert_true (g_str_has_prefix (expected_cn, cn));

  g_assert_cmpint (gnutls_x509_crt_get_serial (crt, serial, &serial_size), ==, 0);
  g_assert_cmpuint (serial_size, ==, 16);
  g_assert_cmphex (serial[0] & 0x80, ==, 0);
  g_assert_cmphex (serial[0], !=, 0);

  g_assert_cmpint (gnutls_x509_crt_get_pk_algorithm (crt, &bits), ==, GNUTLS_PK_ECDSA);
  g_assert_cmpuint (bits, ==, 256);
  g_assert_cmpint (gnutls_x509_crt_get_signature_algorithm (crt), ==, GNUTLS_SIGN_ECDSA_SHA256);

  g_assert_true (has_san (crt, GNUTLS_SAN_DNSNAME, "localhost", strlen ("localhost")));
  g_assert_true (has_san (crt, GNUTLS_SAN_IPADDRESS, ipv4_loopback, sizeof ipv4_loopback));
  g_assert_true (has_san (crt, GNUTLS_SAN_IPADDRESS, ipv6_loopback, sizeof ipv6_loopback));
  if (host != NULL && g_ascii_strcasecmp (host, "localhost") != 0
      && strspn (host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
         == strlen (host))
    g_assert_true (has_san (crt, GNUTLS_SAN_DNSNAME, host, strlen (host)));

  g_assert_cmpint (gnutls_x509_crt_get_key_usage (crt, &usage, &critical), ==, 0);
  g_assert_cmphex (usage, ==, GNUTLS_KEY_DIGITAL_SIGNATURE);
  g_assert_cmpint (gnutls_x509_crt_get_key_purpose_oid (crt, 0, purpose, &purpose_size, NULL),
                   ==, 0);
  g_assert_cmpstr (purpose, ==, GNUTLS_KP_TLS_WWW_SERVER);
  purpose_size = sizeof purpose;
  g_assert_cmpint (gnutls_x509_crt_get_key_purpose_oid (crt, 1, purpose, &purpose_size, NULL),
                   ==, GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE);
  g_assert_cmpint (gnutls_x509_crt_get_basic_constraints (crt, &critical, &ca, NULL), ==, 0);
  g_assert_cmpuint (ca, ==, 0);

  /* From an hour ago, for two years (give or take a leap day and the test's run time). */
  g_assert_cmpint (now - not_before, >=, 3600 - 60);
  g_assert_cmpint (now - not_before, <=, 3600 + 60);
  g_assert_cmpint (not_after - now, >=, 730 * DAY - 60);
  g_assert_cmpint (not_after - now, <=, 731 * DAY + 60);

  /* Self-signed. */
  g_assert_cmpint (gnutls_x509_crt_check_issuer (crt, crt), ==, 1);
  {
    unsigned int status = 0;

    g_assert_cmpint (gnutls_x509_crt_verify (crt, &crt, 1, 0, &status), ==, 0);
    g_assert_cmphex (status, ==, 0);
  }

  gnutls_x509_crt_deinit (crt);
}

/* ------------------------------------------------------------------------------------------ */
/* Replaced when it cannot serve                                                              */
/* ------------------------------------------------------------------------------------------ */

static void
assert_replaced (const char *dir,
                 const char *old_fingerprint)
{
  g_autoptr(GTlsCertificate) replaced = load_or_create (dir);
  g_autoptr(GTlsCertificate) again = load_or_create (dir);
  g_autofree char *replaced_fp = pm_live_certificate_dup_fingerprint (replaced);
  g_autofree char *again_fp = pm_live_certificate_dup_fingerprint (again);

  if (old_fingerprint != NULL)
    g_assert_cmpstr (replaced_fp, !=, old_fingerprint);
  /* The replacement is kept. */
  g_assert_cmpstr (replaced_fp, ==, again_fp);
}

static void
test_garbage_key (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GTlsCertificate) first = load_or_create (fixture->dir);
  g_autofree char *first_fp = pm_live_certificate_dup_fingerprint (first);

  write_file (fixture->key_path, "not a key\n");
  assert_replaced (fixture->dir, first_fp);
  g_assert_cmphex (file_mode (fixture->key_path), ==, 0600);
}

static void
test_garbage_certificate (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GTlsCertificate) first = load_or_create (fixture->dir);
  g_autofree char *first_fp = pm_live_certificate_dup_fingerprint (first);

  write_file (fixture->cert_path, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
  assert_replaced (fixture->dir, first_fp);
}

static void
test_missing_key (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GTlsCertificate) first = load_or_create (fixture->dir);
  g_autofree char *first_fp = pm_live_certificate_dup_fingerprint (first);

  g_assert_cmpint (g_unlink (fixture->key_path), ==, 0);
  assert_replaced (fixture->dir, first_fp);
}

/* A key from another pair that is otherwise fine. */
static void
test_mismatching_key_replaced (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GTlsCertificate) first = load_or_create (fixture->dir);
  g_autofree char *first_fp = pm_live_certificate_dup_fingerprint (first);
  g_autofree char *other_dir = g_build_filename (fixture->tmp, "other", NULL);
  g_autoptr(GTlsCertificate) other = load_or_create (other_dir);
  g_autofree char *other_key_path = g_build_filename (other_dir, "live-key.pem", NULL);
  g_autofree char *other_key = read_file (other_key_path);

  write_file (fixture->key_path, other_key);
  assert_replaced (fixture->dir, first_fp);
}

static void
test_validity (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 now = now_unix ();
  struct { gint64 not_before; gint64 not_after; gboolean kept; } cases[] = {
    { now - 3 * 365 * DAY, now - 365 * DAY, FALSE }, /* expired */
    { now - 365 * DAY, now + 3 * DAY, FALSE },       /* expires within a week */
    { now + DAY, now + 365 * DAY, FALSE },           /* not valid yet */
    { now - DAY, now + 30 * DAY, TRUE },             /* fine for another month */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GTlsCertificate) made = create_valid (fixture->dir, cases[i].not_before,
                                                      cases[i].not_after);
      g_autofree char *made_fp = pm_live_certificate_dup_fingerprint (made);
      g_autoptr(GTlsCertificate) loaded = load_or_create (fixture->dir);
      g_autofree char *loaded_fp = pm_live_certificate_dup_fingerprint (loaded);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      if (cases[i].kept)
        g_assert_cmpstr (made_fp, ==, loaded_fp);
      else
        g_assert_cmpstr (made_fp, !=, loaded_fp);
    }
}

static void
test_directory_in_the_way (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autofree char *file = g_build_filename (fixture->tmp, "file", NULL);
  g_autofree char *dir = g_build_filename (file, "live", NULL);

  write_file (file, "");
  certificate = pm_live_certificate_load_or_create (dir, &error);
  g_assert_null (certificate);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR);
  g_assert_nonnull (strstr (error->message, dir));
}

/* ------------------------------------------------------------------------------------------ */
/* An organisation's certificate                                                              */
/* ------------------------------------------------------------------------------------------ */

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) made = load_or_create (fixture->dir);
  g_autoptr(GTlsCertificate) loaded = pm_live_certificate_load (fixture->cert_path,
                                                                fixture->key_path, &error);

  g_assert_no_error (error);
  g_assert_true (g_tls_certificate_is_same (made, loaded));
}

/* The chain after the certificate: the first one is the one served and checked. */
static void
test_load_chain (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) made = load_or_create (fixture->dir);
  g_autofree char *other_dir = g_build_filename (fixture->tmp, "other", NULL);
  g_autoptr(GTlsCertificate) other = load_or_create (other_dir);
  g_autofree char *other_cert_path = g_build_filename (other_dir, "live-certificate.pem", NULL);
  g_autofree char *cert = read_file (fixture->cert_path);
  g_autofree char *other_cert = read_file (other_cert_path);
  g_autofree char *chain = g_strconcat (cert, other_cert, NULL);
  g_autofree char *chain_path = g_build_filename (fixture->tmp, "chain.pem", NULL);
  g_autoptr(GTlsCertificate) loaded = NULL;
  g_autofree char *made_fp = pm_live_certificate_dup_fingerprint (made);
  g_autofree char *loaded_fp = NULL;

  write_file (chain_path, chain);
  loaded = pm_live_certificate_load (chain_path, fixture->key_path, &error);
  g_assert_no_error (error);
  loaded_fp = pm_live_certificate_dup_fingerprint (loaded);
  g_assert_cmpstr (loaded_fp, ==, made_fp);
}

static void
assert_load_fails (const char *cert_path,
                   const char *key_path,
                   GQuark      domain,
                   int         code,
                   const char *named,
                   const char *also)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) loaded = pm_live_certificate_load (cert_path, key_path, &error);

  g_assert_null (loaded);
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, named));
  if (also != NULL)
    g_assert_nonnull (strstr (error->message, also));
}

static void
test_load_mismatch (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GTlsCertificate) made = load_or_create (fixture->dir);
  g_autofree char *other_dir = g_build_filename (fixture->tmp, "organisation", NULL);
  g_autoptr(GTlsCertificate) other = load_or_create (other_dir);
  g_autofree char *other_key_path = g_build_filename (other_dir, "live-key.pem", NULL);

  assert_load_fails (fixture->cert_path, other_key_path, PM_ERROR, PM_ERROR_INVALID,
                     other_key_path, "does not belong");
}

static void
test_load_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GTlsCertificate) made = load_or_create (fixture->dir);
  g_autofree char *missing = g_build_filename (fixture->tmp, "organisation.pem", NULL);

  assert_load_fails (missing, fixture->key_path, G_FILE_ERROR, G_FILE_ERROR_NOENT, missing, NULL);
  assert_load_fails (fixture->cert_path, missing, G_FILE_ERROR, G_FILE_ERROR_NOENT, missing, NULL);
}

static void
test_load_garbage (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GTlsCertificate) made = load_or_create (fixture->dir);
  g_autofree char *garbage = g_build_filename (fixture->tmp, "organisation.pem", NULL);

  write_file (garbage, "hello\n");
  assert_load_fails (garbage, fixture->key_path, PM_ERROR, PM_ERROR_INVALID, garbage,
                     "no certificate");
  assert_load_fails (fixture->cert_path, garbage, PM_ERROR, PM_ERROR_INVALID, garbage,
                     "no private key");
  /* A certificate is no key. */
  assert_load_fails (fixture->cert_path, fixture->cert_path, PM_ERROR, PM_ERROR_INVALID,
                     fixture->cert_path, "no private key");
}

static void
test_load_encrypted_key (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GTlsCertificate) made = load_or_create (fixture->dir);
  g_autofree char *key_pem = read_file (fixture->key_path);
  g_autofree char *encrypted_path = g_build_filename (fixture->tmp, "encrypted.pem", NULL);
  g_autofree char *encrypted_text = NULL;
  gnutls_datum_t datum = { (unsigned char *) key_pem, (unsigned int) strlen (key_pem) };
  gnutls_datum_t encrypted = { NULL, 0 };
  gnutls_x509_privkey_t key;

  g_assert_cmpint (gnutls_x509_privkey_init (&key), ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_import2 (key, &datum, GNUTLS_X509_FMT_PEM, NULL, 0),
                   ==, 0);
  g_assert_cmpint (gnutls_x509_privkey_export2_pkcs8 (key, GNUTLS_X509_FMT_PEM, "secret",
                                                      GNUTLS_PKCS_PBES2_AES_256, &encrypted),
                   ==, 0);
  encrypted_text = g_strndup ((const char *) encrypted.data, encrypted.size);
  gnutls_free (encrypted.data);
  gnutls_x509_privkey_deinit (key);

  write_file (encrypted_path, encrypted_text);
  assert_load_fails (fixture->cert_path, encrypted_path, PM_ERROR, PM_ERROR_INVALID,
                     encrypted_path, "passphrase");
}

static void
test_load_expired (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 now = now_unix ();
  g_autoptr(GTlsCertificate) expired = create_valid (fixture->dir, now - 400 * DAY,
                                                     now - DAY);

  assert_load_fails (fixture->cert_path, fixture->key_path, PM_ERROR, PM_ERROR_INVALID,
                     fixture->cert_path, "expired");

  g_clear_object (&expired);
  expired = create_valid (fixture->dir, now + DAY, now + 400 * DAY);
  assert_load_fails (fixture->cert_path, fixture->key_path, PM_ERROR, PM_ERROR_INVALID,
                     fixture->cert_path, "not valid before");
}

/* ------------------------------------------------------------------------------------------ */
/* Fingerprints                                                                               */
/* ------------------------------------------------------------------------------------------ */

static void
test_fingerprints (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GTlsCertificate) certificate = load_or_create (fixture->dir);
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *expected_hex = NULL;
  g_autofree char *full = pm_live_certificate_dup_fingerprint (certificate);
  g_autofree char *short_form = pm_live_certificate_dup_short_fingerprint (certificate);
  g_autofree char *link = pm_live_certificate_dup_link_fingerprint (certificate);
  g_autofree char *full_plain = NULL;
  guint8 digest[32];
  guint8 *decoded;
  gsize decoded_length = 0;
  GString *b64;

  g_object_get (certificate, "certificate", &der, NULL);
  expected_hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);

  pm_live_certificate_get_sha256 (certificate, digest);

  /* "3A:F1:…": 32 upper-case pairs. */
  g_assert_cmpuint (strlen (full), ==, 32 * 3 - 1);
  for (gsize i = 0; i < strlen (full); i++)
    {
      if (i % 3 == 2)
        g_assert_cmpint (full[i], ==, ':');
      else
        g_assert_true (g_ascii_isdigit (full[i]) || (full[i] >= 'A' && full[i] <= 'F'));
    }
  {
    g_auto(GStrv) pairs = g_strsplit (full, ":", -1);
    g_autofree char *joined = g_strjoinv ("", pairs);

    full_plain = g_ascii_strdown (joined, -1);
  }
  g_assert_cmpstr (full_plain, ==, expected_hex);
  for (gsize i = 0; i < 32; i++)
    {
      char pair[3];

      g_snprintf (pair, sizeof pair, "%02x", digest[i]);
      g_assert_cmpint (pair[0], ==, expected_hex[2 * i]);
      g_assert_cmpint (pair[1], ==, expected_hex[2 * i + 1]);
    }

  /* "XXXX XXXX XXXX XXXX": the first 8 bytes. */
  g_assert_cmpuint (strlen (short_form), ==, 19);
  for (gsize i = 0; i < 19; i++)
    {
      if (i % 5 == 4)
        g_assert_cmpint (short_form[i], ==, ' ');
      else
        g_assert_true (g_ascii_isdigit (short_form[i])
                       || (short_form[i] >= 'A' && short_form[i] <= 'F'));
    }
  {
    g_autofree char *a = g_strndup (full, 23);
    g_auto(GStrv) pairs = g_strsplit (a, ":", -1);
    g_autofree char *joined = g_strjoinv ("", pairs);
    g_auto(GStrv) groups = g_strsplit (short_form, " ", -1);
    g_autofree char *short_joined = g_strjoinv ("", groups);

    g_assert_cmpstr (short_joined, ==, joined);
  }

  /* Unpadded base64url of the digest. */
  g_assert_cmpuint (strlen (link), ==, 43);
  g_assert_cmpuint (strspn (link, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                  "0123456789-_"), ==, 43);
  b64 = g_string_new (link);
  g_string_replace (b64, "-", "+", 0);
  g_string_replace (b64, "_", "/", 0);
  g_string_append_c (b64, '=');
  decoded = g_base64_decode (b64->str, &decoded_length);
  g_assert_cmpmem (decoded, decoded_length, digest, sizeof digest);
  g_free (decoded);
  g_string_free (b64, TRUE);
}

static void
test_link_fingerprint (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GTlsCertificate) certificate = load_or_create (fixture->dir);
  g_autofree char *other_dir = g_build_filename (fixture->tmp, "other", NULL);
  g_autoptr(GTlsCertificate) other = load_or_create (other_dir);
  g_autofree char *link = pm_live_certificate_dup_link_fingerprint (certificate);
  g_autofree char *other_link = pm_live_certificate_dup_link_fingerprint (other);
  g_autofree char *longer = g_strconcat (link, "A", NULL);
  g_autofree char *shorter = g_strndup (link, 42);
  g_autofree char *padded = g_strconcat (link, "=", NULL);
  g_autofree char *flipped = g_strdup (link);
  g_autofree char *huge = g_strnfill (100000, 'A');

  flipped[20] = flipped[20] == 'A' ? 'B' : 'A';

  g_assert_true (pm_live_certificate_matches_link_fingerprint (certificate, link));
  g_assert_true (pm_live_certificate_matches_link_fingerprint (other, other_link));
  g_assert_false (pm_live_certificate_matches_link_fingerprint (certificate, other_link));
  g_assert_false (pm_live_certificate_matches_link_fingerprint (other, link));
  g_assert_false (pm_live_certificate_matches_link_fingerprint (certificate, NULL));
  g_assert_false (pm_live_certificate_matches_link_fingerprint (certificate, ""));
  g_assert_false (pm_live_certificate_matches_link_fingerprint (certificate, "garbage"));
  g_assert_false (pm_live_certificate_matches_link_fingerprint (certificate, longer));
  g_assert_false (pm_live_certificate_matches_link_fingerprint (certificate, shorter));
  g_assert_false (pm_live_certificate_matches_link_fingerprint (certificate, padded));
  g_assert_false (pm_live_certificate_matches_link_fingerprint (certificate, flipped));
  g_assert_false (pm_live_certificate_matches_link_fingerprint (certificate, huge));
}

/* ------------------------------------------------------------------------------------------ */
/* Served over TLS                                                                            */
/* ------------------------------------------------------------------------------------------ */

typedef struct
{
  char *peer_fingerprint;
  GTlsCertificateFlags peer_errors;
  GBytes *body;
  GError *error;
  gboolean done;
} Request;

static void
on_server_request (SoupServer        *server,
                   SoupServerMessage *message,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
}

static gboolean
on_accept_certificate (SoupMessage          *message,
                       GTlsCertificate      *peer,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Request *request = user_data;

  request->peer_fingerprint = pm_live_certificate_dup_fingerprint (peer);
  request->peer_errors = errors;
  return TRUE;
}

static void
on_response (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Request *request = user_data;

  request->body = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                     &request->error);
  request->done = TRUE;
}

static void
test_served (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GTlsCertificate) certificate = load_or_create (fixture->dir);
  g_autofree char *fingerprint = pm_live_certificate_dup_fingerprint (certificate);
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(SoupMessage) message = NULL;
  GSList *uris;
  Request request = { 0 };

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, "/", on_server_request, NULL, NULL);
  soup_server_listen_local (server, 0,
                            SOUP_SERVER_LISTEN_HTTPS | SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  g_assert_cmpstr (g_uri_get_scheme (uris->data), ==, "https");
  g_assert_cmpstr (g_uri_get_host (uris->data), ==, "127.0.0.1");

  session = soup_session_new ();
  message = soup_message_new_from_uri ("GET", uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_signal_connect (message, "accept-certificate", G_CALLBACK (on_accept_certificate), &request);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_response,
                                    &request);
  while (!request.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (request.error);
  g_assert_cmpuint (soup_message_get_status (message), ==, SOUP_STATUS_OK);
  g_assert_cmpmem (g_bytes_get_data (request.body, NULL), g_bytes_get_size (request.body),
                   "ok", 2);
  g_assert_cmpstr (request.peer_fingerprint, ==, fingerprint);
  /* Only untrusted: the name (127.0.0.1) and the dates are right. */
  g_assert_cmphex (request.peer_errors, ==, G_TLS_CERTIFICATE_UNKNOWN_CA);

  g_free (request.peer_fingerprint);
  g_bytes_unref (request.body);
  soup_server_disconnect (server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/live-certificate/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("create-and-reuse", test_create_and_reuse);
  ADD ("contents", test_contents);
  ADD ("garbage-key", test_garbage_key);
  ADD ("garbage-certificate", test_garbage_certificate);
  ADD ("missing-key", test_missing_key);
  ADD ("mismatching-key-replaced", test_mismatching_key_replaced);
  ADD ("validity", test_validity);
  ADD ("directory-in-the-way", test_directory_in_the_way);
  ADD ("load", test_load);
  ADD ("load-chain", test_load_chain);
  ADD ("load-mismatch", test_load_mismatch);
  ADD ("load-missing", test_load_missing);
  ADD ("load-garbage", test_load_garbage);
  ADD ("load-encrypted-key", test_load_encrypted_key);
  ADD ("load-expired", test_load_expired);
  ADD ("fingerprints", test_fingerprints);
  ADD ("link-fingerprint", test_link_fingerprint);
  ADD ("served", test_served);

#undef ADD

  return g_test_run ();
}
