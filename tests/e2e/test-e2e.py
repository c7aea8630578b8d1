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
        self.root = wait_for("the application on the accessibility bus", self._find_app)

    def _find_app(self):
        for app in pyatspi.Registry.getDesktop(0):
            try:
                if app is not None and app.get_process_id() == self.process.pid:
                    return app
            except Exception:
                pass
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


if __name__ == "__main__":
    unittest.main(verbosity=2)
