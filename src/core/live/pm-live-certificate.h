/* pm-live-certificate.h — the TLS certificate a live session is served with
 *
 * A live session is served over HTTPS only. Without an organisation's certificate the app makes
 * a self-signed one on first use and keeps it (with its key, readable by the user only) in the
 * app's data folder, so its fingerprint stays the same from meeting to meeting: participants
 * compare the fingerprint shown on the projector with the one their browser shows, and the app
 * checks the one carried in the join link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The certificate kept in @directory ("live-certificate.pem" and "live-key.pem"), made there
 * when there is none, when it cannot be read, when the key does not belong to it, or when it is
 * not valid now or for at least seven more days: a self-signed ECDSA P-256 certificate for this
 * host name, localhost, 127.0.0.1 and ::1, valid for two years. The folder is created (0700)
 * and each file written 0600, atomically. Fails only when the folder or the files cannot be
 * written (G_FILE_ERROR, naming the file) or GnuTLS fails (PM_ERROR_INVALID). */
GTlsCertificate *pm_live_certificate_load_or_create   (const char       *directory,
                                                       GError          **error);
/* An organisation's certificate (PEM, the chain may follow it) and its private key (PEM,
 * unencrypted). Fails with a message naming the file when either cannot be read (G_FILE_ERROR,
 * or PM_ERROR_LIMIT past 256 KiB), or holds no certificate or key, the key is encrypted, the key
 * does not belong to the certificate, or the certificate is not valid now (PM_ERROR_INVALID). */
GTlsCertificate *pm_live_certificate_load             (const char       *certificate_path,
                                                       const char       *key_path,
                                                       GError          **error);
/* SHA-256 of the certificate's DER bytes. */
void             pm_live_certificate_get_sha256       (GTlsCertificate  *certificate,
                                                       guint8            digest[32]);
/* For people: the whole digest as 32 colon-separated upper-case hex pairs ("3A:F1:…"), and a
 * short form of its first 8 bytes in groups of four hex digits ("3AF1 09C2 77DE 1B40"), the
 * one shown in large type and spoken. */
char            *pm_live_certificate_dup_fingerprint  (GTlsCertificate  *certificate);
char            *pm_live_certificate_dup_short_fingerprint (GTlsCertificate *certificate);
/* For links: the digest in unpadded base64url (43 characters), and whether @text is the digest
 * of @certificate in that form (compared in constant time). */
char            *pm_live_certificate_dup_link_fingerprint (GTlsCertificate *certificate);
gboolean         pm_live_certificate_matches_link_fingerprint (GTlsCertificate *certificate,
                                                               const char      *text);

G_END_DECLS
