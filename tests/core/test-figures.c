/* test-figures.c — whole numbers and durations as people type them, and as the app shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pm-error.h"
#include "pm-figures.h"

static void
check_number (const char *text,
              gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 number = -2;

  g_test_message ("number “%s”", text);
  g_assert_true (pm_figures_parse_number (text, &number, &error));
  g_assert_no_error (error);
  g_assert_cmpint (number, ==, expected);
}

static void
check_number_error (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 number = -2;

  g_test_message ("not a number “%s”", text);
  g_assert_false (pm_figures_parse_number (text, &number, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_NUMBER);
  g_assert_cmpint (number, ==, -2);
}

static void
test_number (void)
{
  check_number ("", -1);
  check_number ("   ", -1);
  check_number ("0", 0);
  check_number ("12000", 12000);
  /* as the app shows them: English and German grouping */
  check_number ("12,000", 12000);
  check_number ("12.000", 12000);
  check_number ("1,234,567", 1234567);
  check_number ("1.234.567", 1234567);
  check_number (" 12 000 ", 12000);
  check_number ("12\u00a0000", 12000);
  check_number ("12\u202f000", 12000);
  check_number ("1'234'567", 1234567);
  /* a fraction of zeros */
  check_number ("12,000.00", 12000);
  check_number ("12.000,00", 12000);
  check_number ("12.00", 12);
  check_number ("9007199254740991", G_GINT64_CONSTANT (9007199254740991));

  check_number_error ("12.5");
  check_number_error ("12,50");
  check_number_error ("1,2345");
  check_number_error ("12,00,000");
  check_number_error ("1.234,56");
  check_number_error ("12,000,00.0.0");
  check_number_error ("-3");
  check_number_error ("\u22123");
  check_number_error ("12 EUR");
  check_number_error ("twelve");
  check_number_error (",");
  check_number_error ("9007199254740992");
  check_number_error ("123456789012345678901234567890123456789012345678901234567890123456789");
}

static void
check_duration (const char *text,
                gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 minutes = -2;

  g_test_message ("duration “%s”", text);
  g_assert_true (pm_figures_parse_duration (text, &minutes, &error));
  g_assert_no_error (error);
  g_assert_cmpint (minutes, ==, expected);
}

static void
check_duration_error (const char *text)
{
  g_autoptr(GError) error = NULL;
  gint64 minutes = -2;

  g_test_message ("not a duration “%s”", text);
  g_assert_false (pm_figures_parse_duration (text, &minutes, &error));
  g_assert_error (error, PM_ERROR, PM_ERROR_NUMBER);
}

static void
test_duration (void)
{
  check_duration ("", -1);
  /* a number alone is minutes, as before */
  check_duration ("90", 90);
  check_duration ("1,080", 1080);
  /* as the overview and the exports show them, in English and German */
  check_duration ("18h", 1080);
  check_duration ("18 h", 1080);
  check_duration ("45 min", 45);
  check_duration ("3 h 20 min", 200);
  check_duration ("1 day 4 h", 1680);
  check_duration ("2 days", 2880);
  check_duration ("1 day 2 h 5 min", 1565);
  check_duration ("2 Tage 3 h", 3060);
  check_duration ("1 Tag", 1440);
  check_duration ("4 Std. 30 Minuten", 270);
  check_duration ("1 Stunde", 60);
  /* typed */
  check_duration ("1d 2h 5m", 1565);
  check_duration ("1 day, 4 hours", 1680);
  check_duration ("1.5 h", 90);
  check_duration ("1,5 h", 90);
  check_duration ("0.5 d", 720);
  check_duration ("1:30", 90);
  check_duration ("26:05", 1565);
  check_duration ("18H", 1080);

  check_duration_error ("18 x");
  check_duration_error ("h");
  check_duration_error ("soon");
  check_duration_error ("1:3");
  check_duration_error ("1:60");
  check_duration_error ("-1 h");
  check_duration_error ("1 h 2 h 3 h 4 h 5 h 6 h 7 h");
  check_duration_error ("99999999999999999999 d");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/figures/number", test_number);
  g_test_add_func ("/figures/duration", test_duration);

  return g_test_run ();
}
