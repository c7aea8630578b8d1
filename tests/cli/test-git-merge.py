#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""pmortem merge as a git merge driver, with real git in a temporary repository: set up as the
README says, two branches editing different events merge cleanly; editing the same event stops
the merge with the conflict recorded in the file."""
import json, os, shutil, subprocess, tempfile, unittest

PMORTEM = os.environ["PMORTEM"]
SRC = os.environ["G_TEST_SRCDIR"]          # tests/
TOP = os.path.dirname(SRC)
EXAMPLE = os.path.join(TOP, "data", "examples", "leaked-deploy-key.pmortem")
SCHEMA = os.path.join(TOP, "data", "pmortem.schema.json")
CHECK_SCHEMA = os.path.join(SRC, "schema", "check-schema.py")
GIT = shutil.which("git")

EV_07 = "Tracing is turned off again after the clone timeouts"
EV_12 = "Quillmark Signing signs the Windows and macOS installers"


@unittest.skipIf(GIT is None, "git is not installed")
class GitMergeDriver(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="pmortem-git-")
        self.repo = os.path.join(self.dir, "repo")
        # Nothing from the user's or the system's git configuration.
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith("GIT_") and k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        self.env.update(HOME=self.dir, XDG_CONFIG_HOME=os.path.join(self.dir, ".config"),
                        GIT_CONFIG_NOSYSTEM="1", LC_ALL="C.UTF-8",
                        GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.com",
                        GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.com")
        os.mkdir(self.repo)
        self.git("init", "-q", "-b", "main")
        # As in the README, with the binary under test instead of the installed one.
        with open(os.path.join(self.repo, ".gitattributes"), "w") as f:
            f.write("*.pmortem merge=pmortem\n")
        self.git("config", "merge.pmortem.name", "Postmortem three-way merge")
        self.git("config", "merge.pmortem.driver", "'%s' merge %%O %%A %%B -o %%A" % PMORTEM)
        shutil.copy(EXAMPLE, self.path())
        self.git("add", ".")
        self.git("commit", "-q", "-m", "The postmortem")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def git(self, *args, check=True):
        p = subprocess.run([GIT, *args], cwd=self.repo, env=self.env, capture_output=True,
                           text=True, timeout=60)
        if check and p.returncode != 0:
            raise AssertionError("git %s exited %d\n%s%s" % (" ".join(args), p.returncode,
                                                             p.stdout, p.stderr))
        return p

    def path(self):
        return os.path.join(self.repo, "incident.pmortem")

    def read(self):
        with open(self.path(), encoding="utf-8") as f:
            return f.read()

    def commit_edit(self, branch, old, new, start="main"):
        self.git("checkout", "-q", "-b", branch, start)
        text = self.read()
        self.assertEqual(text.count(old), 1)
        with open(self.path(), "w", encoding="utf-8") as f:
            f.write(text.replace(old, new))
        self.git("commit", "-q", "-am", "Edit on " + branch)

    def validate(self):
        subprocess.run(["/usr/bin/python3", CHECK_SCHEMA, "--semantic", SCHEMA, self.path()],
                       check=True, capture_output=True)

    def test_different_events_merge_cleanly(self):
        self.commit_edit("amara", EV_07, "Shell tracing is turned off again after the clone timeouts")
        self.commit_edit("tomasz", EV_12, "Quillmark Signing (our signing service) signs the Windows and macOS installers")
        p = self.git("merge", "--no-edit", "amara", check=False)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        # It was the driver that merged, not git's line merge.
        self.assertIn("Merged into", p.stdout + p.stderr)
        text = self.read()
        self.assertIn("Shell tracing is turned off", text)
        self.assertIn("Quillmark Signing (our signing service)", text)
        self.assertNotIn("<<<<<<<", text)
        self.assertNotIn("merge_conflicts", text)
        self.validate()
        # The merge is committed and the file opens.
        self.assertEqual(self.git("status", "--porcelain").stdout, "")
        subprocess.run([PMORTEM, "check", self.path()], env=self.env, check=True,
                       capture_output=True)

    def test_participant_copy_loses_nothing(self):
        """A participant's copy committed over the document (as a participant with only their
        copy would) is collected by the driver: their event comes in, and the root causes,
        measures, follow-ups, lessons and team-only events that a copy leaves out all stay."""
        before = json.loads(self.read())
        self.git("checkout", "-q", "-b", "tomasz")
        subprocess.run([os.environ["PREPARE_COPY"], self.path(), "p-tomasz", self.path() + ".copy"],
                       check=True)
        with open(self.path() + ".copy", encoding="utf-8") as f:
            copy = json.load(f)
        os.unlink(self.path() + ".copy")
        self.assertEqual(copy.get("root_causes", []), [])
        copy["events"].append({"id": "ev-tomasz-1", "text": "The old runner image still had the key",
                               "actor": "Build"})
        with open(self.path(), "w", encoding="utf-8") as f:
            json.dump(copy, f, ensure_ascii=False, indent=2)
        self.git("commit", "-q", "-am", "Tomasz's events")
        # The moderator went on meanwhile.
        self.commit_edit("amara", EV_07, "Shell tracing is turned off again after the clone timeouts")
        self.git("checkout", "-q", "main")
        self.git("merge", "-q", "--no-edit", "amara")

        p = self.git("merge", "--no-edit", "tomasz", check=False)
        self.assertEqual(p.returncode, 0, p.stdout + p.stderr)
        self.assertIn("a participant's copy, collected", p.stdout + p.stderr)
        after = json.loads(self.read())
        for member in ("root_causes", "measures", "follow_ups"):
            self.assertEqual(after[member], before[member], member)
        self.assertEqual(after["postmortem"], before["postmortem"])
        self.assertEqual({p["id"] for p in after["participants"]},
                         {p["id"] for p in before["participants"]})
        ids = {e["id"] for e in after["events"]}
        self.assertTrue({e["id"] for e in before["events"]} <= ids)
        [new] = [e for e in after["events"] if e["id"] == "ev-tomasz-1"]
        self.assertEqual(new["contributor"], "p-tomasz")
        self.assertIn("Shell tracing is turned off again", self.read())
        self.assertNotIn("prepared_for", after)
        self.validate()

    def test_same_event_stops_with_the_conflict_recorded(self):
        self.commit_edit("amara", EV_07, "Amara: tracing is turned off")
        self.commit_edit("tomasz", EV_07, "Tomasz: tracing is turned off", start="main")
        p = self.git("merge", "--no-edit", "amara", check=False)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("incident.pmortem", p.stdout + p.stderr)
        # git marks the file as unmerged; the file is a valid postmortem with the conflict in it.
        status = self.git("status", "--porcelain").stdout
        self.assertIn("UU incident.pmortem", status)
        text = self.read()
        self.assertNotIn("<<<<<<<", text)
        self.validate()
        doc = json.loads(text)
        [conflict] = doc["merge_conflicts"]
        self.assertEqual((conflict["kind"], conflict["id"], conflict["member"]),
                         ("event", "ev-07", "text"))
        # Ours is the branch being merged into (tomasz), theirs the branch merged (amara).
        self.assertTrue(conflict["ours"].startswith("Tomasz:"))
        self.assertTrue(conflict["theirs"].startswith("Amara:"))


if __name__ == "__main__":
    unittest.main(verbosity=2)
