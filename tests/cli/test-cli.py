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


def run(*args, check=None, preexec_fn=None):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["LC_ALL"] = "C.UTF-8"
    # restore_signals (the default) gives the child SIGXFSZ and SIGPIPE as the shell would,
    # not ignored as in Python.
    p = subprocess.run([PMORTEM, *args], capture_output=True, text=True, env=env, timeout=60,
                       preexec_fn=preexec_fn)
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
        for word in ("info", "check", "import", "export"):
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

    def test_check_event_outside_incident(self):
        # The example's own events (old background facts included) raise no date finding.
        p = run("check", "--json", EXAMPLE, check=0)
        rules = [f["rule"] for f in json.loads(p.stdout)["findings"]]
        self.assertNotIn("event-outside-incident", rules)

        # A wrong year typed into one event does.
        with open(EXAMPLE, encoding="utf-8") as f:
            doc = json.load(f)
        timed = [e for e in doc["events"] if e.get("time") and e.get("kind") != "background"]
        timed[-1]["time"] = str(int(timed[-1]["time"][:4]) + 1) + timed[-1]["time"][4:]
        path = os.path.join(self.dir, "wrong-year.pmortem")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f)
        p = run("check", "--json", path, check=0)
        found = [f for f in json.loads(p.stdout)["findings"]
                 if f["rule"] == "event-outside-incident"]
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["severity"], "warning")
        self.assertEqual(found[0]["object"]["id"], timed[-1]["id"])
        self.assertIn("after the incident ended", found[0]["message"])

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

    def test_export_markdown_to_stdout(self):
        p = run("export", EXAMPLE, "--lang", "en", check=0)
        self.assertTrue(p.stdout.startswith("# Leaked CI deploy key"))
        self.assertIn("\n## Timeline\n", p.stdout)
        self.assertEqual(p.stderr, "")
        # The same bytes every time
        self.assertEqual(p.stdout, run("export", EXAMPLE, "--lang", "en", check=0).stdout)
        p = run("export", EXAMPLE, "--summary", "--format", "md", "--lang", "en", check=0)
        self.assertIn("## Decisions and attention needed", p.stdout)
        self.assertNotIn("## Timeline", p.stdout)

    def test_export_files(self):
        md = os.path.join(self.dir, "protocol.md")
        run("export", EXAMPLE, "-o", md, check=0)
        with open(md, encoding="utf-8") as f:
            self.assertTrue(f.read().startswith("# "))
        pdf = os.path.join(self.dir, "summary.pdf")
        p = run("export", EXAMPLE, "--format", "pdf", "--summary", "--paper", "letter", "-o", pdf,
                check=0)
        self.assertEqual(p.stdout, "")
        with open(pdf, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        # The format follows the file name when --format is not given.
        inferred = os.path.join(self.dir, "inferred.pdf")
        run("export", EXAMPLE, "-o", inferred, check=0)
        with open(inferred, "rb") as f:
            self.assertEqual(f.read(5), b"%PDF-")
        # "-o -" writes the PDF to the standard output.
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        out = subprocess.run([PMORTEM, "export", EXAMPLE, "-f", "pdf", "-o", "-"], env=env,
                             capture_output=True, timeout=60, check=True).stdout
        self.assertTrue(out.startswith(b"%PDF-"))

    def test_file_size_limit(self):
        """Under `ulimit -f` a save fails with a message instead of being killed by SIGXFSZ;
        the original stays as it was and no temporary file is left."""
        import resource

        def limit():
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

        existing = os.path.join(self.dir, "existing.pmortem")
        shutil.copy(EXAMPLE, existing)
        self.assertGreater(os.path.getsize(existing), 4096)
        before = sha(existing)
        csv_path = os.path.join(self.dir, "more.csv")
        with open(csv_path, "w") as f:
            f.write("time,actor,text,kind\n,SOC,No weekend rota existed,background\n")
        pdf = os.path.join(self.dir, "protocol.pdf")
        with open(pdf, "wb") as f:
            f.write(b"%PDF-1.5 an older export\n")
        pdf_before = sha(pdf)

        for args, target, old in (
                (("import", csv_path, "-o", existing), existing, before),
                (("export", EXAMPLE, "-f", "pdf", "-o", pdf), pdf, pdf_before),
                (("export", EXAMPLE, "-o", os.path.join(self.dir, "new.md")), None, None)):
            p = run(*args, preexec_fn=limit)
            self.assertEqual(p.returncode, 2, "%s: %d, %s" % (args[0], p.returncode, p.stderr))
            self.assertIn("file size limit", p.stderr)
            self.assertIn("File too large", p.stderr)
            if target is not None:
                self.assertIn(os.path.basename(target), p.stderr)
                self.assertEqual(old, sha(target))
            self.assertEqual(sorted(os.listdir(self.dir)),
                             ["existing.pmortem", "more.csv", "protocol.pdf"])

        # Without the limit the same save works.
        run("import", csv_path, "-o", existing, check=0)
        self.assertNotEqual(before, sha(existing))

    def test_write_protected(self):
        existing = os.path.join(self.dir, "existing.pmortem")
        shutil.copy(EXAMPLE, existing)
        os.chmod(existing, 0o444)
        before = sha(existing)
        csv_path = os.path.join(self.dir, "more.csv")
        with open(csv_path, "w") as f:
            f.write("time,actor,text,kind\n,SOC,No weekend rota existed,background\n")
        # Also as root, who could write it.
        p = run("import", csv_path, "-o", existing, check=2)
        self.assertIn("existing.pmortem", p.stderr)
        self.assertIn("write-protected", p.stderr)
        self.assertEqual(before, sha(existing))
        self.assertEqual(os.stat(existing).st_mode & 0o777, 0o444)
        self.assertEqual(sorted(os.listdir(self.dir)), ["existing.pmortem", "more.csv"])

    def test_export_errors(self):
        p = run("export", EXAMPLE, "--format", "docx", check=2)
        self.assertIn("docx", p.stderr)
        p = run("export", EXAMPLE, "--lang", "fr", check=2)
        self.assertIn("fr", p.stderr)
        p = run("export", EXAMPLE, "--paper", "a5", "-f", "pdf", "-o", os.path.join(self.dir, "x.pdf"),
                check=2)
        self.assertIn("a5", p.stderr)
        # A PDF never goes to a terminal by accident.
        p = run("export", EXAMPLE, "--format", "pdf", check=2)
        self.assertIn("-o", p.stderr)
        p = run("export", check=2)
        self.assertIn("missing", p.stderr)
        bad = os.path.join(SRC, "data", "broken", "unknown-owner.pmortem")
        out = os.path.join(self.dir, "bad.md")
        p = run("export", bad, "-o", out, check=1)
        self.assertIn("unknown-owner.pmortem", p.stderr)
        self.assertFalse(os.path.exists(out))
        p = run("export", EXAMPLE, "-o", os.path.join(self.dir, "no", "such", "dir.md"), check=2)
        self.assertTrue(p.stderr)
        p = run("export", "--help", check=0)
        for option in ("--format", "--summary", "--lang", "--paper", "--output"):
            self.assertIn(option, p.stdout)


def prepare_copy(document, participant, out):
    subprocess.run([os.environ["PREPARE_COPY"], document, participant, out], check=True)
    with open(out, encoding="utf-8") as f:
        return json.load(f)


def write_json(path, doc):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
    return path


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Collect(unittest.TestCase):
    """pmortem collect DOCUMENT COPY... -o OUT: 0 all applied, 1 proposals await a decision,
    2 an input cannot be read (OUT untouched)."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pmortem-collect-")
        self.doc = os.path.join(self.dir, "incident.pmortem")
        shutil.copy(EXAMPLE, self.doc)
        self.original = load(EXAMPLE)

    def tearDown(self):
        shutil.rmtree(self.dir)

    def copy_for(self, participant, edit=None, name=None):
        path = os.path.join(self.dir, name or participant + ".pmortem")
        doc = prepare_copy(self.doc, participant, path)
        if edit is not None:
            edit(doc)
            write_json(path, doc)
        return path

    def assert_nothing_lost(self, out):
        doc = load(out)
        for member in ("root_causes", "measures", "follow_ups", "dismissed_findings"):
            self.assertEqual(doc.get(member), self.original.get(member), member)
        self.assertEqual(doc["postmortem"], self.original["postmortem"])
        ids = {e["id"] for e in doc["events"]}
        for e in self.original["events"]:
            self.assertIn(e["id"], ids)
        subprocess.run(["/usr/bin/python3", CHECK_SCHEMA, "--semantic", SCHEMA, out], check=True)
        return doc

    def test_new_events_only(self):
        def add(doc):
            doc["events"].append({"id": "ev-new-1", "text": "I saw the runner restart twice",
                                  "actor": "Build", "contributor": "p-amara"})
        copy = self.copy_for("p-mei", add)
        out = os.path.join(self.dir, "out.pmortem")
        p = run("collect", self.doc, copy, "-o", out, check=0)
        self.assertIn("Mei-Lin Chen: 1 new event, 0 proposals", p.stdout)
        self.assertIn("Collected 1 of 1 copies", p.stdout)
        doc = self.assert_nothing_lost(out)
        [new] = [e for e in doc["events"] if e["id"] == "ev-new-1"]
        # Attributed to the copy's participant, not to whom it claims.
        self.assertEqual(new["contributor"], "p-mei")
        self.assertNotIn("merge_conflicts", doc)

    def test_hostile_copy_is_proposed(self):
        def hostile(doc):
            doc["postmortem"]["title"] = "Nothing to see"
            doc["postmortem"]["classification"] = "public"
            for e in doc["events"]:
                e["confidential"] = True
            doc["events"] = [e for e in doc["events"] if e["id"] not in ("ev-01", "ev-35")]
            doc["measures"] = [{"id": "m-x", "title": "Amara does it all", "owner": "p-amara"}]
        copy = self.copy_for("p-tomasz", hostile)
        out = os.path.join(self.dir, "out.pmortem")
        p = run("collect", self.doc, copy, "-o", out, check=1)
        self.assertIn("proposal from Tomasz Wiśniewski: postmortem", p.stderr)
        self.assertIn("proposals await a decision", p.stderr)
        doc = load(out)
        # Tomasz's own ev-35 is his to delete; his ev-01 explains a root cause, so deleting
        # it waits for the moderator, like the rest.
        ids = {e["id"] for e in doc["events"]}
        self.assertNotIn("ev-35", ids)
        self.assertIn("ev-01", ids)
        self.assertIn(("event", "ev-01"), {(c["kind"], c.get("id")) for c in doc["merge_conflicts"]
                                           if c["theirs"] is None})
        self.assertEqual(doc["measures"], self.original["measures"])
        self.assertEqual(doc["postmortem"], self.original["postmortem"])
        self.assertFalse(any(e.get("confidential") for e in doc["events"]
                             if e["id"] in {o["id"] for o in self.original["events"]
                                            if not o.get("confidential")}))
        kinds = {(c["kind"], c.get("member")) for c in doc["merge_conflicts"]}
        self.assertIn(("postmortem", "title"), kinds)
        self.assertIn(("measure", None), kinds)
        self.assertIn(("event", "confidential"), kinds)
        self.assertTrue(all(c["from"] == "p-tomasz" for c in doc["merge_conflicts"]))
        subprocess.run(["/usr/bin/python3", CHECK_SCHEMA, "--semantic", SCHEMA, out], check=True)

    def test_bad_inputs_write_nothing(self):
        good = self.copy_for("p-mei")
        broken = os.path.join(self.dir, "broken.pmortem")
        with open(broken, "w") as f:
            f.write('{"format": "pmortem",')
        newer = self.copy_for("p-farid", lambda d: d.update(format_version=99))
        out = os.path.join(self.dir, "out.pmortem")
        before = sha(self.doc)
        p = run("collect", self.doc, good, broken, "-o", out, check=2)
        self.assertIn("broken.pmortem:1:", p.stderr)
        self.assertFalse(os.path.exists(out))
        p = run("collect", self.doc, good, newer, "-o", self.doc, check=2)
        self.assertIn("newer", p.stderr)
        self.assertEqual(sha(self.doc), before)
        run("collect", self.doc, "-o", out, check=2)
        run("collect", self.doc, good, check=2)

    def test_merge_driver_collects_a_copy(self):
        """pmortem merge with a participant's copy on one side collects it."""
        def wipe_and_add(doc):
            doc["events"] = [{"id": "ev-new", "text": "The mirror kept the old tag", "actor": "Mirror"}]
        copy = self.copy_for("p-jordan", wipe_and_add)
        out = os.path.join(self.dir, "out.pmortem")
        p = run("merge", EXAMPLE, self.doc, copy, "-o", out, check=1)
        self.assertIn("a participant's copy, collected", p.stdout)
        doc = load(out)
        self.assertIn("ev-new", {e["id"] for e in doc["events"]})
        self.assertEqual(doc["root_causes"], self.original["root_causes"])
        self.assertEqual(doc["measures"], self.original["measures"])
        # Jordan's own event that nothing points at is deleted; nobody else's, and not his
        # events that explain a root cause.
        ids = {e["id"] for e in doc["events"]}
        self.assertNotIn("ev-03", ids)
        self.assertTrue({"ev-05", "ev-07"} <= ids)


class Merge(unittest.TestCase):
    """pmortem merge BASE OURS THEIRS -o OUT: 0 clean, 1 conflicts (recorded in OUT), 2 error."""
    EV_A = "Tracing is turned off again after the clone timeouts"
    EV_B = "Quillmark Signing signs the Windows and macOS installers"

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pmortem-merge-")
        with open(EXAMPLE, encoding="utf-8") as f:
            self.base_text = f.read()

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def edited(self, name, old, new):
        self.assertEqual(self.base_text.count(old), 1)
        return self.write(name, self.base_text.replace(old, new))

    def validate(self, path):
        subprocess.run(["/usr/bin/python3", CHECK_SCHEMA, "--semantic", SCHEMA, path], check=True)

    def test_unchanged(self):
        out = os.path.join(self.dir, "out.pmortem")
        p = run("merge", EXAMPLE, EXAMPLE, EXAMPLE, "-o", out, check=0)
        self.assertIn("out.pmortem", p.stdout)
        self.assertEqual(sha(out), sha(EXAMPLE))

    def test_clean(self):
        ours = self.edited("ours.pmortem", self.EV_A, "Shell tracing is turned off again after the clone timeouts")
        theirs = self.edited("theirs.pmortem", self.EV_B, "Quillmark Signing (our signing service) signs the Windows and macOS installers")
        out = os.path.join(self.dir, "out.pmortem")
        run("merge", EXAMPLE, ours, theirs, "-o", out, check=0)
        self.validate(out)
        with open(out, encoding="utf-8") as f:
            text = f.read()
        self.assertIn("Shell tracing is turned off", text)
        self.assertIn("Quillmark Signing (our signing service)", text)
        self.assertNotIn("merge_conflicts", text)
        run("check", out, check=0)

    def test_conflict(self):
        ours = self.edited("ours.pmortem", self.EV_A, "OURS: tracing is turned off")
        theirs = self.edited("theirs.pmortem", self.EV_A, "THEIRS: tracing is turned off")
        # The result may overwrite ours, as a git merge driver does.
        p = run("merge", EXAMPLE, ours, theirs, "-o", ours, check=1)
        self.assertIn("conflict: event ev-07 text", p.stderr)
        self.assertIn("1 conflict", p.stderr)
        self.validate(ours)
        with open(ours, encoding="utf-8") as f:
            doc = json.load(f)
        [conflict] = doc["merge_conflicts"]
        self.assertEqual(conflict["kind"], "event")
        self.assertEqual(conflict["id"], "ev-07")
        self.assertEqual(conflict["member"], "text")
        self.assertTrue(conflict["ours"].startswith("OURS:"))
        self.assertTrue(conflict["theirs"].startswith("THEIRS:"))
        [event] = [e for e in doc["events"] if e["id"] == "ev-07"]
        self.assertTrue(event["text"].startswith("OURS:"))
        # A file with a recorded conflict is a valid postmortem.
        run("check", ours, check=0)

    def test_duplicates_suggested(self):
        anchor = '  "root_causes": ['
        def added(name, ev_id, time, text):
            i = self.base_text.index(anchor)
            j = self.base_text.rindex("    }", 0, i)
            event = ('    },\n    {\n      "id": "%s",\n      "time": "%s",\n      "precision": "minute",\n'
                     '      "text": "%s"\n    }' % (ev_id, time, text))
            return self.write(name, self.base_text[:j] + event + self.base_text[j + 5:])
        ours = added("ours.pmortem", "ev-x1", "2024-10-28T09:00:00+01:00", "Customers were told about the beta update")
        theirs = added("theirs.pmortem", "ev-x2", "2024-10-28T09:06:00+01:00", "customers were told about the beta update.")
        out = os.path.join(self.dir, "out.pmortem")
        p = run("merge", EXAMPLE, ours, theirs, "-o", out, check=0)
        self.assertIn("1 pair of events", p.stdout)
        self.validate(out)
        with open(out, encoding="utf-8") as f:
            doc = json.load(f)
        self.assertEqual(doc["duplicate_suggestions"], [{"a": "ev-x1", "b": "ev-x2"}])
        ids = [e["id"] for e in doc["events"]]
        self.assertIn("ev-x1", ids)
        self.assertIn("ev-x2", ids)

    def test_guard_mass_deletion(self):
        doc = json.loads(self.base_text)
        # Most of the events gone (a careless edit, not a participant's copy: the root causes
        # and measures are still there, so it is merged as an equal).
        doc["events"] = doc["events"][:3]
        for rc in doc["root_causes"]:
            rc.pop("events", None)
        theirs = write_json(os.path.join(self.dir, "theirs.pmortem"), doc)
        out = os.path.join(self.dir, "out.pmortem")
        p = run("merge", EXAMPLE, EXAMPLE, theirs, "-o", out, check=1)
        self.assertIn("to decide", p.stdout)
        merged = load(out)
        original = json.loads(self.base_text)
        self.assertEqual(len(merged["events"]), len(original["events"]))
        self.assertEqual(merged["measures"], original["measures"])
        self.assertNotIn("a participant's copy", p.stdout)
        deletions = [c for c in merged["merge_conflicts"] if c["theirs"] is None]
        self.assertEqual(len(deletions), len(original["events"]) - 3)

    def test_guard_title_and_classification(self):
        doc = json.loads(self.base_text)
        doc["postmortem"]["title"] = "Something else"
        theirs = write_json(os.path.join(self.dir, "theirs.pmortem"), doc)
        out = os.path.join(self.dir, "out.pmortem")
        p = run("merge", EXAMPLE, EXAMPLE, theirs, "-o", out, check=1)
        self.assertIn("conflict: postmortem", p.stderr)
        merged = load(out)
        self.assertEqual(merged["postmortem"]["title"], json.loads(self.base_text)["postmortem"]["title"])
        [conflict] = merged["merge_conflicts"]
        self.assertEqual((conflict["member"], conflict["theirs"]), ("title", "Something else"))

    def test_guard_newer_format(self):
        doc = json.loads(self.base_text)
        doc["format_version"] = 7
        theirs = write_json(os.path.join(self.dir, "theirs.pmortem"), doc)
        ours = self.write("ours.pmortem", self.base_text)
        before = sha(ours)
        p = run("merge", EXAMPLE, ours, theirs, "-o", ours, check=2)
        self.assertIn("newer", p.stderr)
        self.assertEqual(sha(ours), before)

    def test_errors(self):
        out = os.path.join(self.dir, "out.pmortem")
        p = run("merge", EXAMPLE, EXAMPLE, os.path.join(self.dir, "missing.pmortem"), "-o", out, check=2)
        self.assertIn("missing.pmortem", p.stderr)
        bad = os.path.join(SRC, "data", "broken", "unknown-owner.pmortem")
        p = run("merge", EXAMPLE, bad, EXAMPLE, "-o", out, check=2)
        self.assertIn("unknown-owner.pmortem", p.stderr)
        self.assertIn("$.measures[0].owner", p.stderr)
        self.assertFalse(os.path.exists(out))
        p = run("merge", EXAMPLE, EXAMPLE, EXAMPLE, check=2)
        self.assertIn("-o", p.stderr)
        p = run("merge", EXAMPLE, EXAMPLE, "-o", out, check=2)
        self.assertIn("missing", p.stderr)
        p = run("merge", "--help", check=0)
        self.assertIn("--output", p.stdout)


def example_in_year(path, year, newer=False):
    """The bundled example (from 2024) moved to @year; @newer: as a newer version writes it."""
    with open(EXAMPLE, encoding="utf-8") as f:
        text = f.read().replace("2024-", "%d-" % year)
    doc = json.loads(text)
    doc["postmortem"]["title"] = "Incident of %d" % year
    if newer:
        doc["format_version"] = 2
        doc["postmortem"]["added_later"] = {"kept": True}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=2, ensure_ascii=False)


class Report(unittest.TestCase):
    """pmortem report: trends across a folder of postmortems."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pmortem-report-")
        self.folder = os.path.join(self.dir, "postmortems")
        example_in_year(os.path.join(self.folder, "2021.pmortem"), 2021)
        example_in_year(os.path.join(self.folder, "older", "2022.pmortem"), 2022)
        example_in_year(os.path.join(self.folder, "2023-newer.pmortem"), 2023, newer=True)
        with open(os.path.join(self.folder, "broken.pmortem"), "w") as f:
            f.write('{ "format": "pmortem",')
        with open(EXAMPLE, encoding="utf-8") as f:
            doc = json.load(f)
        doc["format_version"] = doc["min_reader_version"] = 99
        with open(os.path.join(self.folder, "needs-newer.pmortem"), "w") as f:
            json.dump(doc, f)
        with open(os.path.join(self.folder, "notes.txt"), "w") as f:
            f.write("not a postmortem")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def test_markdown(self):
        env_epoch = os.environ.get("SOURCE_DATE_EPOCH")
        os.environ["SOURCE_DATE_EPOCH"] = "1767225600"   # 2026-01-01
        try:
            p = run("report", self.folder, check=1)
            again = run("report", self.folder, check=1)
        finally:
            if env_epoch is None:
                del os.environ["SOURCE_DATE_EPOCH"]
            else:
                os.environ["SOURCE_DATE_EPOCH"] = env_epoch
        md = p.stdout
        self.assertEqual(md, again.stdout)
        # Skipped files are named on the standard error, with the loader's reason.
        self.assertIn("skipped", p.stderr)
        self.assertIn("broken.pmortem:1:", p.stderr)
        self.assertIn("needs-newer.pmortem", p.stderr)
        self.assertIn("99", p.stderr)
        self.assertNotIn("notes.txt", p.stderr)
        # Three counted (the newer format too), by year, with counts next to every rate.
        self.assertTrue(md.startswith("# Trends across postmortems\n"))
        self.assertIn("3 postmortems from 2021 to 2023, by year; measures as of 1 Jan 2026.", md)
        self.assertIn("1 file was written by a newer version of Postmortem", md)
        self.assertIn("2 files were skipped", md)
        self.assertIn("| 2021 \\* | 1 | 0 | 1 | 0 | 0 | 0 |", md)
        self.assertIn("| All | 3 | 0 | 3 | 0 | 0 | 0 |", md)
        self.assertIn("Fewer than 3 incidents: too few to compare.", md)
        self.assertIn("| All | 33 h 49 min | 3 of 3 |", md)
        self.assertIn("2023-newer.pmortem (newer format)", md)
        # The same root causes three times: a repeated lesson, with where it occurs.
        self.assertIn("## Repeated root causes", md)
        self.assertIn("— in 3 incidents", md)
        self.assertIn("2022: Incident of 2022 — “", md)
        # Well-formed CommonMark: the sections as headings, the tables as tables, no HTML.
        xml = subprocess.run(["cmark", "--unsafe", "-t", "xml"], input=md, capture_output=True,
                             text=True, check=True).stdout
        self.assertNotIn("<html_block", xml)
        self.assertNotIn("<html_inline", xml)
        html = subprocess.run(["cmark", "--unsafe"], input=md, capture_output=True, text=True,
                              check=True).stdout
        self.assertEqual(html.count("<h2>"), 9)
        self.assertEqual(html.count("<h1>"), 1)

    def test_hostile_text(self):
        """Titles and file names are the files' text: they never become markup or links."""
        hostile = "<script>alert(1)</script> [x](javascript:alert(1)) ![i](http://t/i.png) | # h *e* <!--"
        path = os.path.join(self.folder, "[evil](javascript:x) <b>.pmortem")
        example_in_year(path, 2022)
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        doc["postmortem"]["title"] = hostile
        for rc in doc["root_causes"]:
            rc["title"] = hostile + " " + rc["id"]
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False)
        md = run("report", self.folder, check=1).stdout
        html = subprocess.run(["cmark", "--unsafe"], input=md, capture_output=True, text=True,
                              check=True).stdout
        self.assertNotIn("<script", html)
        self.assertNotIn("<a ", html)
        self.assertNotIn("<img", html)
        self.assertNotIn("<b>", html)
        self.assertNotIn("<!--", html)
        self.assertEqual(html.count("<h2>"), 9)
        self.assertEqual(html.count("<h1>"), 1)
        # … and every word of it is there to read.
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1))", html)
        self.assertIn("[evil](javascript:x) &lt;b&gt;.pmortem", html)
        out = os.path.join(self.dir, "hostile.pdf")
        run("report", self.folder, "-o", out, check=1)
        text = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True, check=True).stdout
        self.assertIn("<script>alert(1)</script>", text)

    def test_by_quarter_and_clean_folder(self):
        os.remove(os.path.join(self.folder, "broken.pmortem"))
        os.remove(os.path.join(self.folder, "needs-newer.pmortem"))
        out = os.path.join(self.dir, "trends.md")
        p = run("report", self.folder, "--by", "quarter", "-o", out, check=0)
        self.assertEqual(p.stdout, "")
        self.assertEqual(p.stderr, "")
        with open(out, encoding="utf-8") as f:
            md = f.read()
        self.assertIn("from Q4 2021 to Q4 2023, by quarter", md)
        self.assertIn("| Q1 2022 \\* | 0 |", md)
        # Files and folders together; a file named twice counts once.
        one = os.path.join(self.folder, "2021.pmortem")
        p = run("report", one, one, os.path.join(self.folder, "older"), check=0)
        self.assertIn("2 postmortems from 2021 to 2022", p.stdout)

    def test_pdf(self):
        out = os.path.join(self.dir, "trends.pdf")
        p = run("report", self.folder, "--format", "pdf", "-o", out, check=1)
        self.assertIn("broken.pmortem", p.stderr)
        info = subprocess.run(["pdfinfo", out], capture_output=True, text=True, check=True).stdout
        self.assertRegex(info, r"Title: +Trends across postmortems\n")
        text = subprocess.run(["pdftotext", "-layout", out, "-"], capture_output=True, text=True,
                              check=True).stdout
        for expected in ("Trends across postmortems", "Incidents per year", "Median time to detect",
                         "Median time to recover", "Principles that contributed and held up",
                         "Repeated root causes", "Skipped files", "broken.pmortem",
                         "Incident of 2022", "33 h 49 min", "3 of 3"):
            self.assertIn(expected, text)
        # The same folder gives the same PDF when the moment is fixed.
        env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", LC_ALL="C.UTF-8")
        env.pop("DISPLAY", None)
        first, second = [subprocess.run([PMORTEM, "report", self.folder, "--format", "pdf"],
                                        capture_output=True, env=env, timeout=60).stdout
                         for _ in range(2)]
        self.assertEqual(first, second)
        fonts = subprocess.run(["pdffonts", out], capture_output=True, text=True, check=True).stdout
        for line in fonts.splitlines()[2:]:
            self.assertIn(" yes ", line)   # every font embedded
        # The format follows the name; to the standard output when it is not a terminal.
        out2 = os.path.join(self.dir, "by-name.pdf")
        run("report", self.folder, "-o", out2, check=1)
        with open(out2, "rb") as f:
            self.assertTrue(f.read(5) == b"%PDF-")
        env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        piped = subprocess.run([PMORTEM, "report", self.folder, "--format", "pdf"],
                               capture_output=True, env=env, timeout=60)
        self.assertEqual(piped.returncode, 1)
        self.assertTrue(piped.stdout.startswith(b"%PDF-"))

    def test_errors(self):
        p = run("report", check=2)
        self.assertIn("missing", p.stderr)
        p = run("report", os.path.join(self.dir, "nowhere"), check=2)
        self.assertIn("nowhere", p.stderr)
        self.assertIn("no such file or folder", p.stderr)
        self.assertEqual(p.stdout, "")
        p = run("report", self.folder, "--by", "month", check=2)
        self.assertIn("month", p.stderr)
        p = run("report", self.folder, "--format", "docx", check=2)
        self.assertIn("docx", p.stderr)
        p = run("report", self.folder, "--lang", "xx", check=2)
        self.assertIn("xx", p.stderr)
        p = run("report", self.folder, "--paper", "a5", "-o", os.path.join(self.dir, "x.pdf"), check=2)
        self.assertIn("a5", p.stderr)
        p = run("report", self.folder, "-o", os.path.join(self.dir, "no", "such", "dir.md"), check=2)
        self.assertFalse(os.path.exists(os.path.join(self.dir, "no")))
        p = run("report", "--help", check=0)
        self.assertIn("--by", p.stdout)
        p = run("--help", check=0)
        self.assertIn("report", p.stdout)

def corpus(relative):
    """A file of ../shared/corpora/chat-import; a missing corpus fails, it is never skipped."""
    path = os.path.join(os.environ["PM_CHAT_CORPUS"], relative)
    if not os.path.exists(path):
        raise AssertionError("the chat corpus is missing: " + path)
    return path


class ImportChat(unittest.TestCase):
    """pmortem import of chat exports and logs: the real ones of public projects."""

    CASES = [
        # corpus file, format, events, extra arguments
        ("slack/hfaran-testarchive.zip", "slack", 147, ()),
        ("slack/hfaran-testarchive", "slack", 147, ()),
        ("mattermost/zulip-export.jsonl", "mattermost", 13, ()),
        ("mattermost/zulip-direct_channel-export.jsonl", "mattermost", 10, ()),
        ("matrix/matrix-rx-General6-element-export.json", "matrix", 23, ()),
        ("irc/#qtox_20160620.log.txt", "transcript", 109, ("--timezone", "Europe/London")),
        ("syslog/Linux_2k.log", "syslog", 2000, ()),
        ("syslog/OpenSSH_2k.log", "syslog", 2000, ()),
        ("syslog/rsyslog_SyslogProtocol23Format.log", "syslog", 9, ()),
        ("journal/kjournald-raspberrypi4-boot.json", "journal", 617, ()),
        ("journal/jrnlb-export-4.json", "journal", 4, ()),
    ]

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pmortem-import-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def out(self, name="out.pmortem"):
        return os.path.join(self.dir, name)

    def test_corpus(self):
        for relative, fmt, count, extra in self.CASES:
            with self.subTest(relative):
                out = self.out(os.path.basename(relative) + ".pmortem")
                p = run("import", corpus(relative), "-o", out, *extra, check=0)
                self.assertIn("Imported %d events into" % count, p.stdout)
                self.assertIn("(%s)" % fmt, p.stdout)
                info = json.loads(run("info", "--json", out, check=0).stdout)
                self.assertEqual(info["counts"]["events"], count)
                subprocess.run(["/usr/bin/python3", CHECK_SCHEMA, "--semantic", SCHEMA, out],
                               check=True)
                doc = load(out)
                name = os.path.basename(relative)
                for e in doc["events"]:
                    # Where it came from is evidence, never part of the text.
                    self.assertTrue(e["evidence"][0].startswith(name), e["evidence"])
                    self.assertNotIn(e["evidence"][0], e["text"])
                    self.assertEqual(e["precision"], "exact")
                with open(out, encoding="utf-8") as f:
                    self.assertNotIn("xoxe-", f.read())
        doc = load(self.out("#qtox_20160620.log.txt.pmortem"))
        first = doc["events"][0]
        self.assertEqual((first["time"], first["actor"], first["text"]),
                         ("2016-06-20T08:13:31+01:00", "zetok",
                          "SkyzohKey: yeah, that changelog is broken"))
        self.assertEqual(first["evidence"], ["#qtox_20160620.log.txt, line 10"])

    def test_select_and_window(self):
        out = self.out()
        p = run("import", corpus("slack/hfaran-testarchive.zip"), "-o", out,
                "--select", "reaction:botman", check=0)
        self.assertIn("Imported 1 event into", p.stdout)
        self.assertIn("146 not selected", p.stdout)
        [event] = load(out)["events"]
        self.assertTrue(event["text"].startswith("[enrique:master] 1 new commit by hfaran:"))

        p = run("import", corpus("irc/#qtox_20160620.log.txt"), "-o", self.out("irc.pmortem"),
                "--select", "pinned", check=1)
        self.assertIn("nothing to import", p.stderr)
        self.assertFalse(os.path.exists(self.out("irc.pmortem")))

        journal = self.out("journal.pmortem")
        p = run("import", corpus("journal/kjournald-raspberrypi4-boot.json"), "-o", journal,
                "--since", "2021-03-13T15:37:00Z", "--until", "2021-03-13 15:37:30+00:00",
                check=0)
        self.assertIn("outside --since/--until", p.stdout)
        events = load(journal)["events"]
        self.assertTrue(0 < len(events) < 617)
        for e in events:
            self.assertTrue("2021-03-13T15:37:00" <= e["time"][:19] <= "2021-03-13T15:37:30",
                            e["time"])

    def test_system_messages(self):
        p = run("import", corpus("mattermost/zulip-export.jsonl"), "-o", self.out(),
                "--include-system", check=0)
        self.assertIn("Imported 21 events", p.stdout)
        p = run("import", corpus("mattermost/zulip-export.jsonl"), "-o", self.out("b.pmortem"),
                check=0)
        self.assertIn("Left out: 8 system messages", p.stdout)

    def test_actors(self):
        mapping = os.path.join(self.dir, "teams.csv")
        with open(mapping, "w", encoding="utf-8") as f:
            f.write("author,team\nharry,Gryffindor\nMalfoy,Slytherin\nSeverus Snape,Staff\n")
        out = self.out()
        p = run("import", corpus("mattermost/zulip-export.jsonl"), "-o", out, "--actors", mapping,
                check=0)
        self.assertIn("have authors who are not in the --actors file", p.stdout)
        actors = {e["text"]: e["actor"] for e in load(out)["events"]}
        self.assertEqual(actors["Hello world"], "Gryffindor")
        self.assertEqual(actors["Hello folks"], "Slytherin")
        # By the full name the export gives for the user
        self.assertEqual(actors["Hey folks! I was always in your team. Time to go now."], "Staff")
        self.assertEqual(actors["Not really"], "ron")

        with open(mapping, "w", encoding="utf-8") as f:
            f.write("author,role\nharry,Gryffindor\n")
        p = run("import", corpus("mattermost/zulip-export.jsonl"), "-o", self.out("x.pmortem"),
                "--actors", mapping, check=1)
        self.assertIn("teams.csv:1: unknown column “role”", p.stderr)
        self.assertFalse(os.path.exists(self.out("x.pmortem")))

    def test_append_twice(self):
        out = self.out()
        shutil.copy(EXAMPLE, out)
        run("import", corpus("mattermost/zulip-export.jsonl"), "-o", out, check=0)
        info = json.loads(run("info", "--json", out, check=0).stdout)
        self.assertEqual(info["counts"]["events"], 36 + 13)
        before = sha(out)
        p = run("import", corpus("mattermost/zulip-export.jsonl"), "-o", out, check=0)
        self.assertIn("Nothing new: all 13 messages are already in", p.stdout)
        self.assertEqual(before, sha(out))

    def test_errors(self):
        zulip = corpus("mattermost/zulip-export.jsonl")
        out = self.out()
        for args, message in ((("--format", "docx"), "“docx” is no format"),
                              (("--select", "newest"), "all, pinned or reaction:NAME"),
                              (("--since", "yesterday"), "--since: “yesterday” is not a time"),
                              (("--since", "2024-03-02", "--until", "2024-03-01"),
                               "--until is before --since"),
                              (("--timezone", "Mars/Olympus"), "Mars/Olympus")):
            p = run("import", zulip, "-o", out, *args, check=2)
            self.assertIn(message, p.stderr)
        p = run("import", os.path.join(self.dir, "missing.jsonl"), "-o", out, check=2)
        self.assertIn("missing.jsonl", p.stderr)
        # The format says otherwise than the content
        p = run("import", zulip, "-o", out, "--format", "journal", check=1)
        self.assertIn("zulip-export.jsonl:1:", p.stderr)
        # CSV has its own columns for what these options do
        csv_path = os.path.join(self.dir, "t.csv")
        with open(csv_path, "w") as f:
            f.write("time,actor,text,kind\n,a,b,background\n")
        p = run("import", csv_path, "-o", out, "--since", "2024-01-01", check=2)
        self.assertIn("not for a CSV timeline", p.stderr)
        self.assertFalse(os.path.exists(out))

    def test_hostile_zip(self):
        import zipfile
        evil = os.path.join(self.dir, "evil.zip")
        with zipfile.ZipFile(evil, "w") as z:
            z.writestr("ok.log", "Jun 14 15:16:01 combo sshd[1]: fine\n")
            z.writestr("../../evil.log", "Jun 14 15:16:01 combo sshd[1]: evil\n")
        p = run("import", evil, "-o", self.out(), check=1)
        self.assertIn("evil.zip: the zip holds a member named “../../evil.log”", p.stderr)

        bomb = os.path.join(self.dir, "bomb.zip")
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("syslog", b"\0" * (40 << 20))
        p = run("import", bomb, "-o", self.out(), check=1)
        self.assertIn("bomb.zip/syslog: unpacks to", p.stderr)
        # Nothing written
        self.assertEqual(sorted(os.listdir(self.dir)), ["bomb.zip", "evil.zip"])

    def test_help(self):
        p = run("import", "--help", check=0)
        for option in ("--format", "--since", "--until", "--select", "--actors",
                       "--include-system", "--timezone", "--title", "--output"):
            self.assertIn(option, p.stdout)


class Serve(unittest.TestCase):
    """pmortem serve: a live session without a window (the browser test drives participants)."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pmortem-serve-")
        self.doc = os.path.join(self.dir, "doc.pmortem")
        shutil.copy(EXAMPLE, self.doc)
        self.env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        self.env.update(LC_ALL="C.UTF-8", XDG_DATA_HOME=os.path.join(self.dir, "data"))

    def tearDown(self):
        shutil.rmtree(self.dir)

    def serve(self, *args):
        return subprocess.run([PMORTEM, "serve", *args], capture_output=True, text=True,
                              env=self.env, timeout=60)

    def test_usage_errors(self):
        p = self.serve()
        self.assertEqual(p.returncode, 2)
        self.assertIn("missing", p.stderr)
        p = self.serve(os.path.join(self.dir, "nothing.pmortem"))
        self.assertEqual(p.returncode, 2)
        self.assertIn("nothing.pmortem", p.stderr)
        p = self.serve(self.doc, "--cert", self.doc)
        self.assertEqual(p.returncode, 2)
        self.assertIn("--cert and --key go together", p.stderr)
        p = self.serve(self.doc, "--cert", self.doc, "--key", self.doc)
        self.assertEqual(p.returncode, 2)
        self.assertIn("doc.pmortem", p.stderr)
        p = self.serve(self.doc, "--address", "not-an-address")
        self.assertEqual(p.returncode, 2)
        self.assertIn("not-an-address", p.stderr)
        p = self.serve(self.doc, "--port", "70000")
        self.assertEqual(p.returncode, 2)
        # A file a newer version wrote could lose what this one does not know.
        newer = os.path.join(self.dir, "newer.pmortem")
        example_in_year(newer, 2024, newer=True)
        p = self.serve(newer)
        self.assertEqual(p.returncode, 2)
        self.assertIn("newer version", p.stderr)

    def test_runs_and_ends_on_sigterm(self):
        import signal, ssl, urllib.request, urllib.error
        before = sha(self.doc)
        proc = subprocess.Popen([PMORTEM, "serve", self.doc, "--address", "127.0.0.1"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=self.env)
        try:
            lines = [proc.stdout.readline() for _ in range(3)]
            link = lines[1].split("Join link: ", 1)[1].strip()
            self.assertRegex(link, r"^https://127\.0\.0\.1:\d+/s/[A-Za-z0-9_-]{43}/#fp=[A-Za-z0-9_-]{43}$")
            self.assertRegex(lines[2], r"^Certificate fingerprint: [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} \(SHA-256 ")
            context = ssl.create_default_context()
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
            page = urllib.request.urlopen(link.split("#")[0], context=context, timeout=10)
            self.assertEqual(page.status, 200)
            self.assertIn("default-src 'none'", page.headers["Content-Security-Policy"])
            with self.assertRaises(urllib.error.HTTPError) as raised:
                urllib.request.urlopen(link.split("/s/")[0] + "/s/wrong/", context=context, timeout=10)
            self.assertEqual(raised.exception.code, 404)
        finally:
            proc.send_signal(signal.SIGTERM)
            out, err = proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, 0, err)
        # Nothing contributed: the file is as it was.
        self.assertEqual(sha(self.doc), before)
        # The certificate is kept for next time, the key readable by its owner only.
        key = os.path.join(self.dir, "data", "io.github.pmortem.Postmortem", "live", "live-key.pem")
        self.assertEqual(os.stat(key).st_mode & 0o777, 0o600)


if __name__ == "__main__":
    unittest.main(verbosity=2)
