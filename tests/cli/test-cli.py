#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The pmortem command line as a user runs it: exit codes, what it prints, what it writes.
Needs no display: it runs with DISPLAY and WAYLAND_DISPLAY unset to prove it."""
import hashlib, json, os, shutil, subprocess, sys, tempfile, unittest

PMORTEM = os.environ["PMORTEM"]
SRC = os.environ["G_TEST_SRCDIR"]          # tests/
TOP = os.path.dirname(SRC)
EXAMPLE = os.path.join(TOP, "data", "examples", "leaked-deploy-key.pmortem")
CASES = os.path.join(SRC, "data", "cases")
SCHEMA = os.path.join(TOP, "data", "pmortem.schema.json")
CHECK_SCHEMA = os.path.join(SRC, "schema", "check-schema.py")


def run(*args, check=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["LC_ALL"] = "C.UTF-8"
    p = subprocess.run([PMORTEM, *args], capture_output=True, text=True, env=env, timeout=60)
    if check is not None and p.returncode != check:
        raise AssertionError("pmortem %s exited %d, not %d\nstdout: %s\nstderr: %s"
                             % (" ".join(args), p.returncode, check, p.stdout, p.stderr))
    return p


def case_csv(name, path):
    """A case's events as the CSV a spreadsheet exports."""
    import csv
    with open(os.path.join(CASES, name)) as f:
        case = json.load(f)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["time", "actor", "text", "kind"])
        for e in case["events"]:
            w.writerow([e["time"] or "", e["actor"], e["text"], e["kind"]])
    return case


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Cli(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pmortem-cli-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_version_and_help(self):
        p = run("--version", check=0)
        self.assertRegex(p.stdout, r"^pmortem \d+\.\d+\.\d+\n$")
        p = run("--help", check=0)
        for word in ("info", "check", "import"):
            self.assertIn(word, p.stdout)
        p = run("import", "--help", check=0)
        self.assertIn("--timezone", p.stdout)

    def test_usage_errors(self):
        p = run("info", check=2)
        self.assertIn("missing", p.stderr)
        p = run("info", "a", "b", check=2)
        self.assertIn("too many arguments", p.stderr)
        p = run("info", "--bogus", EXAMPLE, check=2)
        p = run("import", os.path.join(CASES, "x.csv"), check=2)
        self.assertIn("-o", p.stderr)

    def test_info(self):
        p = run("info", EXAMPLE, check=0)
        self.assertIn("Leaked CI deploy key", p.stdout)
        self.assertRegex(p.stdout, r"Events:\s+36 \(3 with unknown time\)")

    def test_info_json(self):
        p = run("info", "--json", EXAMPLE, check=0)
        info = json.loads(p.stdout)
        self.assertEqual(info["counts"]["events"], len(info["events"]))
        self.assertEqual(info["counts"]["events_unknown_time"],
                         sum(1 for e in info["events"] if e["time"] is None))
        for e in info["events"]:
            self.assertEqual(set(e), {"id", "time", "precision", "actor", "text", "kind"})
            if e["time"] is None:
                self.assertEqual(e["precision"], "unknown")
        # The first event is background with no time: order is the timeline's, not by time.
        self.assertIsNone(info["events"][0]["time"])

    def test_check_valid_and_invalid(self):
        p = run("check", EXAMPLE, check=0)
        self.assertIn("valid", p.stdout)
        p = run("check", "--json", EXAMPLE, check=0)
        result = json.loads(p.stdout)
        self.assertTrue(result["valid"])
        for f in result["findings"]:
            self.assertIn(f["severity"], ("info", "warning"))
            self.assertTrue(f["rule"] and f["message"])
            self.assertIn("kind", f["object"])

        bad = os.path.join(SRC, "data", "broken", "unknown-owner.pmortem")
        p = run("check", bad, check=1)
        self.assertIn("unknown-owner.pmortem: $.measures[0].owner", p.stderr)
        p = run("check", "--json", bad, check=1)
        self.assertFalse(json.loads(p.stdout)["valid"])

        p = run("check", os.path.join(SRC, "data", "broken", "trailing-data.pmortem"), check=1)
        self.assertRegex(p.stderr, r"trailing-data\.pmortem:\d+:\d+: ")
        p = run("check", os.path.join(self.dir, "missing.pmortem"), check=1)
        self.assertIn("missing.pmortem", p.stderr)

    def test_import_cases(self):
        for name in sorted(os.listdir(CASES)):
            csv_path = os.path.join(self.dir, name.replace(".json", ".csv"))
            out = os.path.join(self.dir, name.replace(".json", ".pmortem"))
            case = case_csv(name, csv_path)
            p = run("import", csv_path, "-o", out, "--title", case["title"][:200],
                    "--timezone", "UTC", check=0)
            self.assertIn("Imported %d events" % len(case["events"]), p.stdout)
            info = json.loads(run("info", "--json", out, check=0).stdout)
            self.assertEqual([e["text"] for e in info["events"]],
                             [e["text"] for e in case["events"]])
            # What we write validates against the published schema.
            subprocess.run(["/usr/bin/python3", CHECK_SCHEMA, "--semantic", SCHEMA, out], check=True)
            # Saving what we loaded changes nothing.
            before = sha(out)
            run("check", out, check=0)
            self.assertEqual(before, sha(out))

    def test_import_appends(self):
        csv_path = os.path.join(self.dir, "more.csv")
        with open(csv_path, "w") as f:
            f.write("time,actor,text,kind,contributor\n"
                    "2024-10-26 23:30,SOC,Late alert reviewed,detection,Nadia\n"
                    ",SOC,No weekend rota existed,background,\n")
        out = os.path.join(self.dir, "copy.pmortem")
        shutil.copy(EXAMPLE, out)
        run("import", csv_path, "-o", out, check=0)
        info = json.loads(run("info", "--json", out, check=0).stdout)
        self.assertEqual(info["counts"]["events"], 38)
        texts = [e["text"] for e in info["events"]]
        i = texts.index("Late alert reviewed")
        self.assertEqual(texts[i + 1], "No weekend rota existed")

    def test_import_bad_row_writes_nothing(self):
        csv_path = os.path.join(self.dir, "bad.csv")
        with open(csv_path, "w") as f:
            f.write("time,actor,text,kind\n2024-01-01 10:00,a,fine,trigger\n2024-13-01,a,bad month,trigger\n")
        out = os.path.join(self.dir, "new.pmortem")
        p = run("import", csv_path, "-o", out, check=1)
        self.assertIn("bad.csv:3:", p.stderr)
        self.assertFalse(os.path.exists(out))

        existing = os.path.join(self.dir, "existing.pmortem")
        shutil.copy(EXAMPLE, existing)
        before = sha(existing)
        run("import", csv_path, "-o", existing, check=1)
        self.assertEqual(before, sha(existing))
        self.assertEqual(sorted(os.listdir(self.dir)), ["bad.csv", "existing.pmortem"])

    def test_import_bad_timezone(self):
        csv_path = os.path.join(self.dir, "t.csv")
        with open(csv_path, "w") as f:
            f.write("time,actor,text,kind\n")
        p = run("import", csv_path, "-o", os.path.join(self.dir, "x.pmortem"),
                "--timezone", "Mars/Olympus", check=2)
        self.assertIn("Mars/Olympus", p.stderr)

    def test_import_into_newer_file_refused(self):
        newer = os.path.join(self.dir, "newer.pmortem")
        with open(newer, "w") as f:
            f.write('{"format": "pmortem", "format_version": 2, "min_reader_version": 1, '
                    '"postmortem": {"title": "x"}}\n')
        csv_path = os.path.join(self.dir, "t.csv")
        with open(csv_path, "w") as f:
            f.write("time,actor,text,kind\n,a,b,background\n")
        before = sha(newer)
        p = run("import", csv_path, "-o", newer, check=1)
        self.assertIn("newer Postmortem", p.stderr)
        self.assertEqual(before, sha(newer))


if __name__ == "__main__":
    unittest.main(verbosity=2)
