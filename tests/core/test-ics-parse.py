#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The follow-up invitation read back by a real iCalendar parser (Debian's python3-icalendar):
what GNOME Calendar and Thunderbird will see."""
import datetime, json, os, re, subprocess, sys, tempfile, unittest

import icalendar

WRITE_ICS = os.environ["WRITE_ICS"]
TOP = os.path.dirname(os.environ["G_TEST_SRCDIR"])
EXAMPLE = os.path.join(TOP, "data", "examples", "leaked-deploy-key.pmortem")


def write_ics(path, follow_up, epoch="1732000000"):
    env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
    return subprocess.run([WRITE_ICS, path, follow_up], env=env, check=True,
                          stdout=subprocess.PIPE).stdout


class IcsParse(unittest.TestCase):
    def test_example_follow_up(self):
        data = write_ics(EXAMPLE, "fu-2")
        # Lines end with CRLF and are folded at 75 octets.
        self.assertTrue(data.endswith(b"\r\n"))
        self.assertNotRegex(data, re.compile(rb"[^\r]\n"))
        for line in data.split(b"\r\n"):
            self.assertLessEqual(len(line), 75)

        cal = icalendar.Calendar.from_ical(data)
        self.assertEqual(str(cal["VERSION"]), "2.0")
        events = [c for c in cal.walk() if c.name == "VEVENT"]
        self.assertEqual(len(events), 1)
        ev = events[0]
        # 2025-01-14 14:00 in Berlin is 13:00 UTC.
        start = ev.decoded("DTSTART")
        self.assertEqual(start, datetime.datetime(2025, 1, 14, 13, 0, tzinfo=start.tzinfo))
        self.assertEqual(start.utcoffset(), datetime.timedelta(0))
        self.assertEqual(ev.decoded("DTSTAMP"),
                         datetime.datetime.fromtimestamp(1732000000, datetime.timezone.utc))
        self.assertTrue(str(ev["UID"]).startswith("fu-2-"))
        self.assertIn("Leaked CI deploy key", str(ev["SUMMARY"]))

        with open(EXAMPLE, encoding="utf-8") as f:
            doc = json.load(f)
        description = str(ev["DESCRIPTION"])
        for m in doc["measures"]:
            if m.get("status", "proposed") in ("done", "verified", "dropped"):
                self.assertNotIn(m["title"], description)
            else:
                self.assertIn(m["title"], description)

    def test_same_uid_every_export(self):
        a = icalendar.Calendar.from_ical(write_ics(EXAMPLE, "fu-1", "1"))
        b = icalendar.Calendar.from_ical(write_ics(EXAMPLE, "fu-1", "2"))
        uid = lambda cal: str([c for c in cal.walk() if c.name == "VEVENT"][0]["UID"])
        self.assertEqual(uid(a), uid(b))

    def test_hostile_text(self):
        with open(EXAMPLE, encoding="utf-8") as f:
            doc = json.load(f)
        title = "Commas, semicolons; back\\slashes and long text — " + "ü" * 80
        doc["postmortem"]["title"] = title[:256]
        doc["measures"][1]["title"] = "END:VEVENT END:VCALENDAR, really; \\"
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "hostile.pmortem")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=2)
            data = write_ics(path, "fu-2")
        for line in data.split(b"\r\n"):
            self.assertLessEqual(len(line), 75)
            line.decode("utf-8")  # never cut inside a character
        cal = icalendar.Calendar.from_ical(data)
        events = [c for c in cal.walk() if c.name == "VEVENT"]
        self.assertEqual(len(events), 1)
        self.assertIn(title, str(events[0]["SUMMARY"]))
        self.assertIn("END:VEVENT END:VCALENDAR, really; \\", str(events[0]["DESCRIPTION"]))

    def test_date_beyond_9999_refused(self):
        # 23:30 at -08:00 on the last day of 9999 is in the year 10000 in UTC: never 1970.
        with open(EXAMPLE, encoding="utf-8") as f:
            doc = json.load(f)
        doc["follow_ups"][1]["time"] = "9999-12-31T23:30:00-08:00"
        doc["follow_ups"][1]["precision"] = "minute"
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "far.pmortem")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(doc, f, ensure_ascii=False, indent=2)
            p = subprocess.run([WRITE_ICS, path, doc["follow_ups"][1]["id"]],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.assertEqual(p.returncode, 1)
        self.assertEqual(p.stdout, b"")
        self.assertIn(b"$.follow_ups[1].time", p.stderr)
        self.assertIn(b"0001 to 9999", p.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
