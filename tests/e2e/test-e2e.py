#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The real pmortem binary driven as a user and a screen reader would: through the accessibility
tree (AT-SPI) and real keystrokes and clicks (xdotool). Needs an X server and a D-Bus session:
build-aux/test runs the suite inside both."""
import json, os, shutil, signal, subprocess, sys, tempfile, time, unittest

import pyatspi

PMORTEM = os.environ["PMORTEM"]
TOP = os.path.dirname(os.environ["G_TEST_SRCDIR"])
EXAMPLE = os.path.join(TOP, "data", "examples", "leaked-deploy-key.pmortem")


def wait_for(what, predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = predicate()
        except Exception:
            result = None
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        children = list(node)
    except Exception:
        return
    for child in children:
        yield from walk(child, depth + 1)


def find(root, role, name):
    for node in walk(root):
        try:
            if node.getRoleName() == role and node.name == name:
                return node
        except Exception:
            pass
    return None


def find_all_text(root):
    texts = []
    for node in walk(root):
        try:
            if node.name:
                texts.append(node.name)
        except Exception:
            pass
    return texts


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


def click(node):
    """Clicks the middle of an accessible object, like a pointer would. GTK 4.8 reports
    positions relative to its window; windows sit at 0,0 on the bare test X server."""
    ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    xdotool("mousemove", str(ext.x + ext.width // 2), str(ext.y + ext.height // 2), "click", "1")
    time.sleep(0.4)


def press(node):
    node.queryAction().doAction(0)
    time.sleep(0.4)


class App:
    def __init__(self, home, *args):
        self.env = dict(os.environ,
                        XDG_DATA_HOME=os.path.join(home, "data"),
                        XDG_CONFIG_HOME=os.path.join(home, "config"),
                        XDG_CACHE_HOME=os.path.join(home, "cache"),
                        GDK_BACKEND="x11", GSK_RENDERER="cairo")
        for key in ("GTK_A11Y", "NO_AT_BRIDGE"):
            self.env.pop(key, None)
        # What the app prints goes to a file, so a full pipe can never stall it.
        self.log = open(os.path.join(home, "app-%d.log" % time.monotonic_ns()), "wb")
        self.process = subprocess.Popen([PMORTEM, *args], env=self.env,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        # Generous: the first start also launches the accessibility bus, slow on a busy machine.
        self.root = wait_for("the application on the accessibility bus", self._find_app,
                             timeout=90)

    def _find_app(self):
        # Child by child: an application killed a moment ago can still be listed, and asking
        # it anything fails; that must not hide the one we look for.
        desktop = pyatspi.Registry.getDesktop(0)
        for i in range(desktop.childCount):
            try:
                app = desktop.getChildAtIndex(i)
                if app is not None and app.get_process_id() == self.process.pid:
                    return app
            except Exception:
                continue
        return None

    def wait_for(self, role, name, timeout=20.0):
        return wait_for("%s %r" % (role, name), lambda: find(self.root, role, name), timeout)

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait()
        self.log.close()

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()
        with open(self.log.name, "rb") as f:
            output = f.read().decode(errors="replace")
        # A GLib critical or warning in the real app is a bug, as in every other test.
        for line in output.splitlines():
            if "CRITICAL" in line or ("WARNING" in line and "Screen coordinates" not in line):
                raise AssertionError("the app logged: " + line)


def title_of(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)["postmortem"]["title"]


class EndToEnd(unittest.TestCase):
    def setUp(self):
        self.home = tempfile.mkdtemp(prefix="pmortem-e2e-")
        self.doc = os.path.join(self.home, "incident.pmortem")
        shutil.copy(EXAMPLE, self.doc)
        self.apps = []

    def tearDown(self):
        try:
            for app in self.apps:
                app.close()
        finally:
            shutil.rmtree(self.home)

    def start(self, *args):
        app = App(self.home, *args)
        self.apps.append(app)
        return app

    def type_into_title(self, app, text):
        title = app.wait_for("text", "Title")
        click(title)
        xdotool("key", "--clearmodifiers", "End")
        xdotool("type", "--delay", "30", text)

    def test_edit_title_and_save_with_keyboard(self):
        original = title_of(self.doc)
        app = self.start(self.doc)
        save = app.wait_for("push button", "Save")
        self.assertFalse(save.getState().contains(pyatspi.STATE_SENSITIVE))

        self.type_into_title(app, " (reviewed)")
        wait_for("Save to become available",
                 lambda: save.getState().contains(pyatspi.STATE_SENSITIVE))
        # The window title carries the modified marker.
        frame = wait_for("a modified window title",
                         lambda: next((n for n in walk(app.root) if n.getRoleName() == "frame"
                                       and n.name.startswith("•")), None))
        self.assertIn("(reviewed)", frame.name)

        xdotool("key", "--clearmodifiers", "ctrl+s")
        wait_for("the file to hold the new title",
                 lambda: title_of(self.doc) == original + " (reviewed)")
        wait_for("Save to be done", lambda: not save.getState().contains(pyatspi.STATE_SENSITIVE))

        # Undo by keyboard brings the old title back, and the document is modified again.
        click(app.wait_for("text", "Title"))
        xdotool("key", "--clearmodifiers", "ctrl+z")
        wait_for("undo to enable Save", lambda: save.getState().contains(pyatspi.STATE_SENSITIVE))

    def test_names_on_every_page_are_clean(self):
        """What a screen reader says for each widget: no mnemonic underscore, no name said
        twice ("_Plan Plan", "Team Only Team Only"), on every page and in the side panels."""
        app = self.start(self.doc)
        app.wait_for("text", "Title")
        bad = set()
        for page in ("Overview", "Timeline", "Root Causes", "Measures", "Follow-up"):
            click(app.wait_for("page tab", page))
            time.sleep(1.0)
            for node in walk(app.root):
                try:
                    name = node.name or ""
                except Exception:
                    continue
                words = name.split()
                half = len(words) // 2
                if name.startswith("_") or (words and len(words) % 2 == 0 and words[:half] == words[half:]
                                            and node.getRoleName() not in ("frame", "label")):
                    bad.add("%s: %s '%s'" % (page, node.getRoleName(), name))
        self.assertEqual(sorted(bad), [])

    def test_recovery_after_kill(self):
        app = self.start(self.doc)
        self.type_into_title(app, " (unsaved edit)")
        drafts = os.path.join(self.home, "data", "io.github.pmortem.Postmortem", "drafts")

        def draft_has_edit():
            for name in os.listdir(drafts):
                if name.endswith(".pmortem") and "(unsaved edit)" in title_of(os.path.join(drafts, name)):
                    return True
            return False
        wait_for("the autosaved draft", draft_has_edit, timeout=15)
        app.kill()
        # The file itself was never written by autosave.
        self.assertNotIn("(unsaved edit)", title_of(self.doc))

        app = self.start()
        app.wait_for("label", "Restore Unsaved Work?")
        self.assertTrue(any("(unsaved edit)" in t for t in find_all_text(app.root)))
        press(app.wait_for("push button", "Restore"))

        title = title_of(self.doc)
        frame = wait_for("the restored document's window",
                         lambda: next((n for n in walk(app.root) if n.getRoleName() == "frame"
                                       and "(unsaved edit)" in n.name), None))
        # Restored as unsaved work: modified, and the file on disk is still the old one.
        self.assertTrue(frame.name.startswith("•"))
        self.assertEqual(title, title_of(self.doc))

    def test_move_card_with_keyboard(self):
        """On the action board, Alt+Right moves the focused card to the next status column and a
        pointer drag moves it back; the saved file records each move in the measure's history."""
        def measure(mid):
            with open(self.doc, encoding="utf-8") as f:
                return next(m for m in json.load(f)["measures"] if m["id"] == mid)

        before = measure("m-tag-gate")
        self.assertEqual(before["status"], "in-progress")
        app = self.start(self.doc)
        app.wait_for("text", "Title")
        # The switcher sits in the header bar or, in a narrow window, at the bottom: both
        # switch the same pages.
        press(app.wait_for("page tab", "Measures"))
        time.sleep(0.6)
        done = app.wait_for("list", "Done, 1 measure")

        def shown_card():
            # Other pages list the measure too: look in the board's column.
            column = find(app.root, "list", "In progress, 2 measures")
            card = find(column, "list item", before["title"])
            ext = card.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            return ext if ext.width > 0 and ext.height > 0 else None
        # Click the card's title line (not its ticket button) to give it the focus.
        ext = wait_for("the card on screen", shown_card)
        xdotool("mousemove", str(ext.x + 24), str(ext.y + 14), "click", "1")
        time.sleep(0.4)
        xdotool("key", "--clearmodifiers", "alt+Right")
        app.wait_for("list", "Done, 2 measures")
        self.assertIsNotNone(done)

        xdotool("key", "--clearmodifiers", "ctrl+s")
        wait_for("the saved move", lambda: measure("m-tag-gate")["status"] == "done")
        after = measure("m-tag-gate")
        self.assertEqual(len(after["history"]), len(before["history"]) + 1)
        self.assertEqual(after["history"][-1]["from"], "in-progress")
        self.assertEqual(after["history"][-1]["to"], "done")

        # A real pointer drag takes it back to In progress (with the side panel, which the
        # click opened, closed again).
        press(app.wait_for("push button", "Close Measure"))
        def extents_in(list_name, item_name=None):
            column = find(app.root, "list", list_name)
            node = find(column, "list item", item_name) if item_name else column
            ext = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
            return ext if ext.width > 0 and ext.height > 0 else None
        src = wait_for("the card in Done", lambda: extents_in("Done, 2 measures", before["title"]))
        dst = wait_for("the In progress column", lambda: extents_in("In progress, 1 measure"))
        x0, y0 = src.x + 30, src.y + 14
        x1, y1 = dst.x + dst.width // 2, dst.y + dst.height - 20
        xdotool("mousemove", str(x0), str(y0), "mousedown", "1")
        for i in range(1, 11):
            xdotool("mousemove", str(x0 + (x1 - x0) * i // 10), str(y0 + (y1 - y0) * i // 10))
            time.sleep(0.05)
        time.sleep(0.3)
        xdotool("mouseup", "1")
        app.wait_for("list", "In progress, 2 measures")
        xdotool("key", "--clearmodifiers", "ctrl+s")
        wait_for("the saved drag", lambda: measure("m-tag-gate")["status"] == "in-progress")
        self.assertEqual(measure("m-tag-gate")["history"][-1]["from"], "done")

    def test_assess_principle_on_root_causes_page(self):
        import re
        app = self.start(self.doc)
        app.wait_for("page tab", "Root Causes")
        xdotool("key", "--clearmodifiers", "alt+3")

        def findings_count():
            for node in walk(app.root):
                try:
                    m = re.fullmatch(r"(\d+) method findings?", node.name or "")
                except Exception:
                    m = None
                if m:
                    return int(m.group(1))
            return None
        before = wait_for("the findings count in the header bar", findings_count)

        # The first root cause leaves Comprehensivity and Proportionality unassessed.
        title = "One long-lived deploy key with release rights, reachable by every project"
        app.wait_for("push button", title + ", Comprehensivity: Not assessed")
        app.wait_for("label", "5 of 7 assessed")

        press(app.wait_for("push button", "Comprehensivity: Held up"))
        # The grid shows the verdict in the cell's name (and colour and mark on screen).
        app.wait_for("push button", title + ", Comprehensivity: Held up")
        app.wait_for("label", "6 of 7 assessed")

        press(app.wait_for("push button", "Proportionality: Contributed"))
        app.wait_for("push button", title + ", Proportionality: Contributed")
        app.wait_for("label", "7 of 7 assessed")
        # Every principle of that cause is assessed now: one finding fewer.
        wait_for("the findings count to drop", lambda: findings_count() == before - 1)

        # Undo by keyboard brings the finding back.
        xdotool("key", "--clearmodifiers", "ctrl+z")
        wait_for("the findings count to return", lambda: findings_count() == before)
        app.wait_for("push button", title + ", Proportionality: Not assessed")

    def test_drag_card_on_timeline(self):
        """Drags a card on the timeline canvas with the real pointer and finds the new time in
        the saved file. The canvas announces the focused card by name and brings it to its
        middle, which is how the test (and a blind user) knows where it is."""
        def event_time(event_id):
            with open(self.doc, encoding="utf-8") as f:
                for event in json.load(f)["events"]:
                    if event["id"] == event_id:
                        return event.get("time")
            return None

        before = event_time("ev-20")
        app = self.start(self.doc)
        app.wait_for("page tab", "Timeline")
        xdotool("key", "--clearmodifiers", "alt+2")
        canvas = app.wait_for("list", "Timeline")
        # Zoom in to about an hour per 70 pixels: a drag of 200 pixels is then two or three
        # hours, snapped to 15 minutes.
        for _ in range(6):
            press(app.wait_for("push button", "Zoom in"))
        click(canvas)
        xdotool("key", "--clearmodifiers", "Home")
        for _ in range(40):
            if "Security Ops declares incident" in (canvas.name or ""):
                break
            xdotool("key", "--clearmodifiers", "Right")
            time.sleep(0.15)
        wait_for("the card of ev-20 to have the focus",
                 lambda: "Security Ops declares incident" in canvas.name)
        announced = canvas.name
        self.assertTrue(announced.startswith("26 Oct 19:12, Security Operations:"), announced)

        ext = canvas.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
        x, y = ext.x + ext.width // 2, ext.y + ext.height // 2
        xdotool("mousemove", str(x), str(y))
        xdotool("mousedown", "1")
        for step in range(1, 11):
            xdotool("mousemove", str(x + 20 * step), str(y + step // 5))
            time.sleep(0.03)
        xdotool("mouseup", "1")
        wait_for("the card to announce its new time",
                 lambda: "Security Ops declares incident" in canvas.name
                 and not canvas.name.startswith("26 Oct 19:12,"))

        xdotool("key", "--clearmodifiers", "ctrl+s")
        wait_for("the file to hold the new time", lambda: event_time("ev-20") != before)
        after = event_time("ev-20")
        # Later the same evening, snapped to a whole step of the zoom, in its own zone.
        self.assertTrue(after.startswith("2024-10-26T2") or after.startswith("2024-10-26T19:"), after)
        self.assertTrue(after.endswith(":00+02:00"), after)
        self.assertGreater(after, before)

        # The whole drag is one undo step.
        xdotool("key", "--clearmodifiers", "ctrl+z")
        wait_for("undo to bring back the old time", lambda: canvas.name == announced)

    def test_prepare_and_collect_participant_copies(self):
        """Prepares two participant copies from the main menu (a real folder chooser, the path
        typed after Ctrl+L), lets the participants add and change events (by writing the
        files, as their own app would), collects both in one go through the real file chooser
        (both files selected with Ctrl+A), decides the conflict side by side, saves, and finds
        it all in the saved file."""
        copies = os.path.join(self.home, "copies")
        os.mkdir(copies)
        app = self.start(self.doc)
        app.wait_for("text", "Title")

        def button(name):
            # GTK 4.8 names a button with a mnemonic "_Label Label".
            return wait_for("button %r" % name, lambda: next(
                (n for n in walk(app.root) if n.getRoleName() == "push button"
                 and (n.name == name or (n.name or "").endswith(" " + name))), None))

        # Prepare: only Tomasz and Mei-Lin get a copy.
        xdotool("key", "--clearmodifiers", "F10")
        press(app.wait_for("menu item", "Prepare Participant Copies…"))
        app.wait_for("frame", "Prepare Participant Copies")
        for name in ("Farid Haddad", "Sofía Ramírez", "Henrik Østergaard", "Aylin Demir",
                     "Jordan Whitaker", "Priya Raman"):
            box = app.wait_for("check box", name)
            click(box)
            wait_for("%s unchosen" % name,
                     lambda: not box.getState().contains(pyatspi.STATE_CHECKED))
        self.assertTrue(app.wait_for("check box", "Tomasz Wiśniewski").getState()
                        .contains(pyatspi.STATE_CHECKED))
        press(button("Write Copies…"))
        button("Write Here")
        xdotool("key", "--clearmodifiers", "ctrl+l")
        time.sleep(0.3)
        xdotool("type", "--delay", "20", copies + "/")
        time.sleep(0.5)
        press(button("Write Here"))
        wait_for("two copies", lambda: len(os.listdir(copies)) == 2)
        app.wait_for("label", "Wrote 2 participant copies to " + copies)
        names = sorted(os.listdir(copies))
        self.assertTrue(names[0].endswith(" – Mei-Lin Chen.pmortem"), names)
        self.assertTrue(names[1].endswith(" – Tomasz Wiśniewski.pmortem"), names)
        subprocess.run([PMORTEM, "check", os.path.join(copies, names[0])], check=True,
                       stdout=subprocess.DEVNULL)

        # The participants fill in their copies. Both retell the first event, which is
        # Tomasz's; Mei-Lin also brings a colleague who was not invited, with her event.
        def edit(name, new_event, changed_text, colleague=None):
            path = os.path.join(copies, name)
            with open(path, encoding="utf-8") as f:
                copy = json.load(f)
            self.assertIn(copy["prepared_for"], ("p-tomasz", "p-mei"))
            self.assertEqual(copy.get("root_causes", []), [])
            self.assertEqual(copy["events"][0]["contributor"], "p-tomasz")
            copy["events"].append(new_event)
            copy["events"][0]["text"] = changed_text
            if colleague:
                copy["participants"].append(colleague[0])
                copy["events"].append(colleague[1])
            with open(path, "w", encoding="utf-8") as f:
                json.dump(copy, f, ensure_ascii=False, indent=2)
        edit(names[1], {"id": "ev-from-tomasz", "actor": "CI/Platform",
                        "text": "Tomasz saw the key in a job log a week earlier"},
             "Told differently by Tomasz")
        edit(names[0], {"id": "ev-from-mei", "actor": "Operations",
                        "text": "Mei-Lin paged the on-call twice before anyone answered"},
             "Told differently by Mei-Lin",
             colleague=({"id": "p-dana", "name": "Dana Ito", "role": "Network team"},
                        {"id": "ev-from-dana", "actor": "Network team", "contributor": "p-dana",
                         "text": "Dana saw the unusual egress at the firewall"}))

        # Collect both at once through the real chooser.
        xdotool("key", "--clearmodifiers", "F10")
        press(app.wait_for("menu item", "Collect Events…"))
        button("Collect")
        xdotool("key", "--clearmodifiers", "ctrl+l")
        time.sleep(0.3)
        xdotool("type", "--delay", "20", copies + "/")
        time.sleep(0.5)
        xdotool("key", "--clearmodifiers", "Return")
        # The file list is not in the accessibility tree of GTK 4.8: click its first row, below
        # the widest column header (Name), then select all.
        def name_header():
            headers = [n for n in walk(app.root) if n.getRoleName() == "push button"
                       and n.name == "GtkButton"]
            exts = [h.queryComponent().getExtents(pyatspi.WINDOW_COORDS) for h in headers]
            exts = [e for e in exts if e.width > 0]
            return max(exts, key=lambda e: e.width) if exts else None
        time.sleep(1.0)
        ext = wait_for("the file list", name_header)
        xdotool("mousemove", str(ext.x + 60), str(ext.y + ext.height + 14), "click", "1")
        time.sleep(0.5)
        xdotool("key", "--clearmodifiers", "ctrl+a")
        time.sleep(0.3)
        press(button("Collect"))

        summary = app.wait_for("dialog", "Events Collected")
        body = next(n.name for n in walk(summary) if n.getRoleName() == "label"
                    and (n.name or "").startswith("From "))
        self.assertIn("From 2 copies:", body)
        self.assertIn("Tomasz Wiśniewski: 1 new event, 0 proposals", body)
        self.assertIn("Mei-Lin Chen: 2 new events, 1 proposal", body)
        self.assertIn("1 new participant", body)
        self.assertIn("their own events: 1 changed", body)

        # Tomasz's retelling of his own event is in; Mei-Lin's is proposed. Accept it.
        press(button("Decide Now…"))
        review = app.wait_for("frame", "Decide Merged Changes")
        labels = [n.name for n in walk(review) if n.getRoleName() == "label"]
        self.assertIn("Mei-Lin Chen", labels)
        now = labels[labels.index("Now") + 1]
        proposed = labels[labels.index("Proposed") + 1]
        self.assertEqual((now, proposed), ("Told differently by Tomasz", "Told differently by Mei-Lin"))
        press(button("Accept"))
        app.wait_for("label", "Nothing Left to Decide")
        press(find(review, "push button", "Close"))
        wait_for("the decisions dialog to close",
                 lambda: find(app.root, "frame", "Decide Merged Changes") is None)
        theirs = proposed

        press(app.wait_for("push button", "Save"))
        def saved():
            with open(self.doc, encoding="utf-8") as f:
                doc = json.load(f)
            events = {e["id"]: e for e in doc["events"]}
            return doc if "ev-from-mei" in events else None
        doc = wait_for("the collected events in the saved file", saved)
        events = {e["id"]: e for e in doc["events"]}
        self.assertEqual(events["ev-from-tomasz"]["contributor"], "p-tomasz")
        self.assertEqual(events["ev-from-mei"]["contributor"], "p-mei")
        # The colleague Mei-Lin brought is a participant now, and her event is hers.
        self.assertEqual(events["ev-from-dana"]["contributor"], "p-dana")
        dana = next(p for p in doc["participants"] if p["id"] == "p-dana")
        self.assertEqual(dana["name"], "Dana Ito")
        self.assertNotIn("moderator", dana)
        self.assertEqual(doc["events"][0]["text"], theirs)
        self.assertNotIn("merge_conflicts", doc)
        self.assertNotIn("prepared_for", doc)
        # Nothing the copies left out was lost.
        with open(EXAMPLE, encoding="utf-8") as f:
            example = json.load(f)
        self.assertEqual(len(doc["events"]), len(example["events"]) + 3)
        self.assertEqual(doc["root_causes"], example["root_causes"])
        self.assertEqual(doc["measures"], example["measures"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
