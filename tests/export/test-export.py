#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Publishing as a reader sees it: the Markdown parsed by cmark (CommonMark), the PDF read by
pdftotext, pdfinfo and pdffonts (poppler-utils). Runs `pmortem export` without a display.

The injection corpus (reliability.md X1) goes into every text field the exports show; the result
must render as typed: no tags outside the allow-list, no links or images we did not make, the
same headings as the harmless document, and every field's text back in the rendered output."""
import copy, json, os, re, shutil, subprocess, tempfile, time, unittest
import html as html_lib
import xml.etree.ElementTree as ET

PMORTEM = os.environ["PMORTEM"]
SRC = os.environ["G_TEST_SRCDIR"]          # tests/
TOP = os.path.dirname(SRC)
EXAMPLE = os.path.join(TOP, "data", "examples", "leaked-deploy-key.pmortem")
EPOCH = "1733011200"                       # 2024-12-01 00:00:00 UTC

# The tags our Markdown may render to. cmark knows no GFM tables, so table rows are paragraphs.
ALLOWED_TAGS = {"h1", "h2", "h3", "p", "em", "strong", "a", "ul", "li", "br"}

INJECTIONS_LINE = [
    "<script>alert(1)</script>", "[x](javascript:alert(1))", "![t](http://tracker.example/p.png)",
    "# h", "<!-- unterminated", "[ref]: javascript:alert(2)", "&lt;&amp;&#x41;&copy",
    "<b>bold</b>", "<img src=x onerror=alert(3)>", "*emph* _em_ **strong** ~~strike~~",
    "`code` ``x``", "<http://autolink.example>", "| a | b |", "1. list", "- item", "> quote",
    "***", "===", "\\", "{attr} $math$ ^sup", "\u202eevil\u202c", "a  ",
]
INJECTIONS_BLOCK = INJECTIONS_LINE + [
    "Title\n# Injected", "para\n\n    indented code", "```\nfence", "~~~\nfence",
    "| a | b |\n|---|---|\n| c | d |", "setext\n===", "setext\n---", "trailing\\\nnext",
    "hard  \nbreak", "[ref]: javascript:alert(4)\n\n[ref]", "<!--\nhidden?",
]

# What GitHub-style renderers turn into links by themselves (GFM autolink extension), and
# escaped forms some of them still link.
AUTOLINKS = [
    "www.evil.example", "WWW.EVIL.EXAMPLE/x", "http://evil.example/a?b=c", "https://evil.example",
    "ftp://evil.example", "a.b-c+d_e@evil.example", "mailto:boss@evil.example",
    "xmpp:boss@evil.example/res", "(www.evil.example)", "*www.evil.example*",
    "_https://evil.example_", "~www.evil.example~", "x@evil.example.", "see:www.evil.example",
    "<https://evil.example>", "http\\://evil.example", "a\\@evil.example", "HTTPS://EVIL.EXAMPLE",
]


def run(*args, env_extra=None, check=0):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["LC_ALL"] = "C.UTF-8"
    env["SOURCE_DATE_EPOCH"] = EPOCH
    env.update(env_extra or {})
    p = subprocess.run([PMORTEM, *args], capture_output=True, env=env, timeout=120)
    if check is not None and p.returncode != check:
        raise AssertionError("pmortem %s exited %d\n%s" % (" ".join(args), p.returncode,
                                                           p.stderr.decode(errors="replace")))
    return p


def tool(*args):
    return subprocess.run(list(args), capture_output=True, check=True, timeout=120).stdout


def clean(text, single_line):
    """What the export keeps of user text: no bidi controls, trimmed lines."""
    text = re.sub("[\u202a-\u202e\u2066-\u2069]", "", text)
    if single_line:
        text = text.replace("\n", " ")
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def squash(text):
    """Text as a reader sees it: white space collapsed, no invisible word joiners (the export
    puts them where GFM would make a link of the text)."""
    return re.sub(r"\s+", " ", text.replace("\u2060", "")).strip()


def no_space(text):
    return re.sub(r"[\s\u200b]+", "", text)


def flat_pdf(text):
    """For comparing with pdftotext: no white space, and no hyphens (it joins words broken at a
    hyphen at the end of a line and drops the hyphen)."""
    return re.sub(r"[\s\u200b\u00ad\u2010-]+", "", text)


def xml_blocks(markdown):
    """The text of every paragraph, heading and list item as cmark parses the Markdown."""
    root = ET.fromstring(subprocess.run(["cmark", "-t", "xml"], input=markdown, capture_output=True,
                                        check=True).stdout)
    ns = "{http://commonmark.org/xml/1.0}"
    blocks = []
    for el in root.iter():
        if el.tag in (ns + "paragraph", ns + "heading"):
            parts = []
            for node in el.iter():
                if node.tag in (ns + "text", ns + "code"):
                    parts.append(node.text or "")
                elif node.tag in (ns + "softbreak",):
                    parts.append(" ")
                elif node.tag in (ns + "linebreak",):
                    parts.append("\n")
                elif node.tag == ns + "html_inline":
                    parts.append("\n" if node.text == "<br>" else node.text or "")
            blocks.append("".join(parts))
    return blocks


def text_fields(doc):
    """(container, key, single_line) for every text the exports show."""
    p = doc["postmortem"]
    fields = [(p, "title", True), (p["reference"], "key", True), (p, "summary", False),
              (p, "teaser", False), (p["lessons"], "went_well", False), (p["lessons"], "got_lucky", False)]
    for key in ("affected", "data_affected", "risk"):
        fields.append((p["impact"], key, False))
    for person in doc["participants"]:
        fields += [(person, "name", True), (person, "role", True)]
    for event in doc["events"]:
        fields += [(event, "actor", True), (event, "text", False)]
        if "lane" in event:
            fields.append((event, "lane", True))
    for rc in doc["root_causes"]:
        fields += [(rc, "title", True), (rc, "description", False)]
        for assessment in rc.get("principles", {}).values():
            if "note" in assessment:
                fields.append((assessment, "note", False))
    for topic in doc.get("meeting", {}).get("parking_lot", []):
        fields += [(topic, "text", True), (topic, "raised_by", True)]
    for m in doc["measures"]:
        fields += [(m, "title", True), (m, "description", False)]
        for key in ("benefit", "drop_reason"):
            if key in m:
                fields.append((m, key, False))
        for key in ("effort", "escalation"):
            if key in m:
                fields.append((m, key, True))
        if "ticket" in m:
            fields.append((m["ticket"], "key", True))
        for change in m.get("history", []):
            if "note" in change:
                fields.append((change, "note", False))
    for fu in doc["follow_ups"]:
        if "notes" in fu:
            fields.append((fu, "notes", False))
        for review in fu.get("reviews", []):
            if "note" in review:
                fields.append((review, "note", False))
    return fields


class Export(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="pmortem-export-")
        with open(EXAMPLE, encoding="utf-8") as f:
            cls.example = json.load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir)

    def assertContains(self, needle, haystack, label=None):
        """assertIn without printing a haystack of megabytes."""
        if needle not in haystack:
            self.fail("%s: %r not found" % (label or "text", needle[:200]))

    def path(self, name):
        return os.path.join(self.dir, name)

    def write_doc(self, doc, name):
        path = self.path(name)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
        return path

    # ---- Markdown -------------------------------------------------------------------------

    def hostile_doc(self):
        doc = copy.deepcopy(self.example)
        # The protocol lists the parking lot too.
        doc["meeting"] = {"parking_lot": [{"text": "t", "raised_by": "r"}, {"text": "u"}]}
        expected = []
        for i, (container, key, single) in enumerate(text_fields(doc)):
            corpus = INJECTIONS_LINE if single else INJECTIONS_BLOCK
            if single:
                # Titles and names have at most 256 characters: a few payloads each.
                chosen = [corpus[(i + k) % len(corpus)] for k in range(3)]
                value = "F%d %s" % (i, " ".join(chosen))[:250]
            else:
                value = "F%d %s" % (i, "\n".join(corpus))
            container[key] = value
            expected.append((value, single))
        # Links from unsafe URLs never become links.
        doc["postmortem"]["reference"]["url"] = "javascript:alert(5)"
        doc["events"][1]["evidence"] = ["javascript:alert(6)", "https://ok.example/(a)<b>"]
        doc["measures"][0]["ticket"]["url"] = "data:text/html,<script>alert(7)</script>"
        return doc, expected

    def render(self, markdown):
        return subprocess.run(["cmark", "--unsafe"], input=markdown, capture_output=True,
                              check=True).stdout.decode()

    def check_html(self, html, baseline_html):
        tags = set(re.findall(r"<\s*/?\s*([a-zA-Z][a-zA-Z0-9]*)", html))
        self.assertTrue(tags <= ALLOWED_TAGS, "unexpected tags: %s" % (tags - ALLOWED_TAGS))
        self.assertNotIn("<!--", html)
        for href in re.findall(r'<a href="([^"]*)"', html):
            self.assertRegex(href, r"^(https?://|mailto:)", href)
            self.assertNotIn("javascript", href.lower())
            self.assertNotIn("tracker", href)
        headings = lambda h: re.findall(r"<h([1-6])>", h)
        self.assertEqual(headings(html), headings(baseline_html))

    def test_injection_corpus_markdown(self):
        doc, expected = self.hostile_doc()
        hostile = self.write_doc(doc, "hostile.pmortem")
        # The same structure with harmless text: the headings to expect.
        plain = copy.deepcopy(self.example)
        plain["meeting"] = {"parking_lot": [{"text": "t", "raised_by": "r"}, {"text": "u"}]}
        baseline = self.write_doc(plain, "baseline.pmortem")
        for summary in ([], ["--summary"]):
            baseline_md = run("export", baseline, "--lang", "en", *summary).stdout
            markdown = run("export", hostile, "--lang", "en", *summary).stdout
            self.check_html(self.render(markdown), self.render(baseline_md))
            if summary:
                continue
            # Every field reads back as typed (bidi controls removed, lines trimmed).
            blocks = [squash(b) for b in xml_blocks(markdown)]
            everything = "\n".join(blocks)
            for value, single in expected:
                for paragraph in clean(value, single).split("\n\n"):
                    self.assertContains(squash(paragraph), everything, "field")
            # The unsafe URLs are shown as text, not made links.
            self.assertIn("javascript:alert(5)", everything)
            html = self.render(markdown)
            self.assertIn('<a href="https://ok.example/%28a%29%3Cb%3E">', html)

    def test_gfm_autolinks(self):
        """GitHub-style renderers make links of bare URLs, "www." names and e-mail addresses
        (GFM autolink extension). No text from participants may become a link there; the links
        the export makes on purpose (tickets, evidence, the incident reference) stay."""
        if shutil.which("cmark-gfm") is None:
            self.skipTest("cmark-gfm (Debian package cmark-gfm) is not installed")
        doc = copy.deepcopy(self.example)
        doc["meeting"] = {"parking_lot": [{"text": "t", "raised_by": "r"}]}
        for i, (container, key, single) in enumerate(text_fields(doc)):
            if single:
                chosen = [AUTOLINKS[(i + k) % len(AUTOLINKS)] for k in range(3)]
                container[key] = ("F%d %s" % (i, " ".join(chosen)))[:250]
            else:
                container[key] = "F%d %s" % (i, "\n".join(AUTOLINKS))
        hostile = self.write_doc(doc, "autolinks.pmortem")
        plain = copy.deepcopy(self.example)
        plain["meeting"] = doc["meeting"] = {"parking_lot": [{"text": "t", "raised_by": "r"}]}
        baseline = self.write_doc(plain, "autolinks-baseline.pmortem")

        def gfm(markdown):
            return subprocess.run(["cmark-gfm", "-e", "autolink", "-e", "table", "-e",
                                   "strikethrough", "-e", "tagfilter"], input=markdown,
                                  capture_output=True, check=True).stdout.decode()

        def hrefs(html):
            return sorted(re.findall(r'<a href="([^"]*)"', html))

        for summary in ([], ["--summary"]):
            html = gfm(run("export", hostile, "--lang", "en", *summary).stdout)
            expected = hrefs(gfm(run("export", baseline, "--lang", "en", *summary).stdout))
            self.assertEqual(hrefs(html), expected)
            for href in hrefs(html):
                self.assertNotIn("evil", href)
            if summary:
                continue
            # The deliberate links are there to compare with.
            self.assertIn("https://tickets.example.com/browse/SEC-2024-018", expected)
            # The text still reads as typed.
            text = squash(html_lib.unescape(re.sub(r"<[^>]*>", "", html)))
            for visible in ("www.evil.example", "http://evil.example/a?b=c", "ftp://evil.example",
                            "a.b-c+d_e@evil.example", "mailto:boss@evil.example",
                            "xmpp:boss@evil.example/res", "<https://evil.example>"):
                self.assertContains(visible, text)

    def test_markdown_deterministic_and_structure(self):
        first = run("export", EXAMPLE, "--lang", "en").stdout
        second = run("export", EXAMPLE, "--lang", "en", env_extra={"SOURCE_DATE_EPOCH": EPOCH}).stdout
        self.assertEqual(first, second)
        html = self.render(first)
        self.assertEqual(len(re.findall(r"<h1>", html)), 1)
        for heading in ("What happened", "Impact", "Timeline", "Root causes", "Measures",
                        "Follow-ups", "Lessons", "Open method findings"):
            self.assertIn("<h2>%s</h2>" % heading, html)
        blocks = "\n".join(squash(b) for b in xml_blocks(first))
        for event in self.example["events"]:
            self.assertContains(squash(event["text"]), blocks, event["id"])

    # ---- PDF ------------------------------------------------------------------------------

    def pdf(self, name, *args, env_extra=None):
        out = self.path(name)
        run("export", *args, "-o", out, env_extra=env_extra)
        return out

    def pdfinfo(self, path):
        info = {}
        for line in tool("pdfinfo", path).decode().splitlines():
            key, _, value = line.partition(":")
            info[key.strip()] = value.strip()
        return info

    def test_pdf_protocol(self):
        path = self.pdf("protocol.pdf", EXAMPLE, "--format", "pdf", "--lang", "en")
        info = self.pdfinfo(path)
        self.assertEqual(info["Title"], self.example["postmortem"]["title"])
        self.assertEqual(info["Subject"], "Postmortem protocol")
        self.assertEqual(info["Author"], "Amara Okafor")
        self.assertEqual(info["CreationDate"], "Sun Dec  1 00:00:00 2024 UTC")
        self.assertGreater(int(info["Pages"]), 4)

        fonts = tool("pdffonts", path).decode().splitlines()[2:]
        self.assertTrue(fonts)
        for line in fonts:
            self.assertEqual(line.split()[-5], "yes", "font not embedded: " + line)

        text = tool("pdftotext", "-enc", "UTF-8", path, "-").decode()
        flat = flat_pdf(text)
        for event in self.example["events"]:
            self.assertContains(flat_pdf(event["text"]), flat, event["id"])
        for rc in self.example["root_causes"]:
            self.assertContains(flat_pdf(rc["title"]), flat, rc["id"])
        for m in self.example["measures"]:
            self.assertContains(flat_pdf(m["title"]), flat, m["id"])
        # Running header and page numbers on every page
        pages = text.split("\f")[:-1]
        self.assertEqual(len(pages), int(info["Pages"]))
        for n, page in enumerate(pages, 1):
            self.assertIn("INTERNAL", page)
            self.assertIn("Page %d of %d" % (n, len(pages)), page)
        # No heading alone at the foot of a page: each page's last line is not a section title.
        for page in pages[:-1]:
            lines = [l for l in page.splitlines() if l.strip()]
            body = [l for l in lines if not l.startswith("Postmortem protocol") and not l.startswith("Page ")]
            self.assertNotIn(body[-1].strip(), ("What happened", "Impact", "Timeline", "Root causes",
                                                 "Measures", "Follow-ups", "Lessons", "Open method findings"))

        # Links are annotations with the URL.
        with open(path, "rb") as f:
            data = f.read()
        self.assertIn(b"/URI (https://tickets.example.com/browse/SEC-2024-018)", data)

    def test_pdf_deterministic(self):
        a = self.pdf("a.pdf", EXAMPLE, "--format", "pdf")
        b = self.pdf("b.pdf", EXAMPLE, "--format", "pdf")
        with open(a, "rb") as fa, open(b, "rb") as fb:
            self.assertEqual(fa.read(), fb.read())

    def test_pdf_summary_one_page(self):
        for paper, size in (("a4", "595.276 x 841.89"), ("letter", "612 x 792")):
            path = self.pdf("summary-%s.pdf" % paper, EXAMPLE, "--format", "pdf", "--summary",
                            "--paper", paper)
            info = self.pdfinfo(path)
            self.assertEqual(info["Pages"], "1")
            self.assertTrue(info["Page size"].startswith(size), info["Page size"])
            self.assertEqual(info["Subject"], "Manager summary")
            text = squash(tool("pdftotext", "-enc", "UTF-8", path, "-").decode())
            self.assertIn("Weekend security on-call", text)
            self.assertIn("8 measures", text)

    def test_pdf_injection_corpus(self):
        doc, expected = self.hostile_doc()
        hostile = self.write_doc(doc, "hostile-pdf.pmortem")
        path = self.pdf("hostile.pdf", hostile, "--format", "pdf")
        flat = flat_pdf(tool("pdftotext", "-enc", "UTF-8", path, "-").decode())
        # User text is never markup: the tags come out as typed.
        self.assertContains(flat_pdf("<script>alert(1)</script>"), flat)
        self.assertContains(flat_pdf("<b>bold</b>"), flat)
        self.assertEqual(self.pdfinfo(self.pdf("hostile-summary.pdf", hostile, "--format", "pdf",
                                               "--summary"))["Pages"], "1")

    def test_pdf_markup_characters(self):
        """Pango markup in the team's text is printed as typed, never parsed."""
        doc = copy.deepcopy(self.example)
        markup = "<b>x</b> & <span size='9999999'>"
        doc["postmortem"]["title"] = "T " + markup
        doc["participants"][0]["name"] = "N " + markup
        doc["events"][5]["text"] = "E " + markup
        doc["measures"][0]["title"] = "M " + markup
        path = self.write_doc(doc, "markup.pmortem")
        for summary in ([], ["--summary"]):
            out = self.pdf("markup%s.pdf" % len(summary), path, "--format", "pdf", *summary)
            flat = flat_pdf(tool("pdftotext", "-enc", "UTF-8", out, "-").decode())
            fields = ("T", "M") if summary else ("T", "N", "E", "M")
            for field in fields:
                self.assertContains(flat_pdf(field + " " + markup), flat, field)

    def test_hostile_text_from_a_file(self):
        """What a file from someone else can hold: every case finishes in seconds with its text."""
        doc = copy.deepcopy(self.example)
        token = "".join("abcdefghijklmnopqrstuvwxyz0123456789"[i % 36] for i in range(60000))
        marks = "BASE-MARKS e" + "\u0301" * 20000 + " END-MARKS"
        bidi = "BIDI-START " + "\u202etxet\u202c " * 2000 + "BIDI-END"
        doc["events"][0]["text"] = token
        doc["events"][1]["text"] = marks
        doc["events"][2]["text"] = bidi
        doc["postmortem"]["summary"] = token
        path = self.write_doc(doc, "hostile-text.pmortem")
        for fmt in ("md", "pdf"):
            start = time.monotonic()
            out = self.pdf("hostile-text." + fmt, path, "--format", fmt)
            self.assertLess(time.monotonic() - start, 30)
            if fmt == "pdf":
                text = tool("pdftotext", "-enc", "UTF-8", out, "-").decode()
            else:
                with open(out, encoding="utf-8") as f:
                    text = f.read()
            flat = flat_pdf(text)
            self.assertContains(token[:32], flat, fmt)
            self.assertContains(token[-32:], flat, fmt)
            for word in ("BASE-MARKS", "END-MARKS", "BIDI-START", "BIDI-END"):
                self.assertContains(flat_pdf(word), flat, fmt)
            self.assertNotIn("\u202e", text)

    # ---- Language ---------------------------------------------------------------------------

    def test_german(self):
        german = run("export", EXAMPLE, "--lang", "de").stdout.decode()
        english = run("export", EXAMPLE, "--lang", "en").stdout.decode()
        self.assertNotEqual(german, english)
        self.assertIn("| Hoch |", german)
        self.assertNotIn("| High |", german)
        pdf = self.pdf("de.pdf", EXAMPLE, "--format", "pdf", "--summary", "--lang", "de")
        self.assertIn("Hoch", tool("pdftotext", "-enc", "UTF-8", pdf, "-").decode())


if __name__ == "__main__":
    unittest.main(verbosity=2)
