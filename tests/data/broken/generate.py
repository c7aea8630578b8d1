#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the broken-file corpus: every file here must be refused by the loader with the error
code and the message fragment listed in expected.tsv. Run it again after changing a case; the
files are kept in git so that the suite never depends on this script."""
import copy, json, os

here = os.path.dirname(os.path.abspath(__file__))
cases = []  # (name, bytes, code, fragment)

def doc():
    return {
        "format": "pmortem", "format_version": 1, "min_reader_version": 1,
        "generator": "pmortem 0.1.0",
        "postmortem": {"title": "Broken", "timezone": "Europe/Berlin"},
        "participants": [{"id": "p-1", "name": "Ana"}],
        "events": [{"id": "ev-1", "time": "2024-03-04T10:15:00+01:00", "precision": "minute",
                    "actor": "CI", "text": "Key printed", "kind": "trigger", "contributor": "p-1"}],
        "root_causes": [{"id": "rc-1", "title": "Template logs secrets", "events": ["ev-1"]}],
        "measures": [{"id": "m-1", "title": "Mask secrets", "owner": "p-1", "root_causes": ["rc-1"],
                      "history": [{"time": "2024-03-05T09:00:00+01:00", "precision": "exact", "to": "agreed"}]}],
        "follow_ups": [{"id": "f-1", "attendees": ["p-1"], "reviews": [{"measure": "m-1"}]}],
    }

def dump(d):
    return (json.dumps(d, indent=2, ensure_ascii=False) + "\n").encode()

def add(name, data, code, fragment):
    if isinstance(data, dict):
        data = dump(data)
    elif isinstance(data, str):
        data = data.encode()
    cases.append((name, data, code, fragment))

def mutate(name, code, fragment, fn):
    d = doc()
    fn(d)
    add(name, d, code, fragment)

# --- not JSON at all, or not strict JSON -------------------------------------------------------
add("empty", b"", "SYNTAX", "empty")
add("whitespace-only", b"  \n\t\n", "SYNTAX", "")
add("binary", bytes(range(256)) * 4, "SYNTAX", "")
add("bom", b"\xef\xbb\xbf" + dump(doc()), "SYNTAX", "")
add("truncated-half", dump(doc())[: len(dump(doc())) // 2], "SYNTAX", "")
add("truncated-one-byte", dump(doc())[:-2], "SYNTAX", "")
add("trailing-data", dump(doc()) + b"{}", "SYNTAX", "")
add("comment", b"/* hi */" + dump(doc()), "SYNTAX", "")
add("single-quotes", dump(doc()).replace(b'"Broken"', b"'Broken'"), "SYNTAX", "")
add("trailing-comma", dump(doc()).replace(b'"Broken"', b'"Broken",', 1).replace(b'"Europe/Berlin"', b'"Europe/Berlin",'), "SYNTAX", "")
add("lone-surrogate", dump(doc()).replace(b'"Broken"', b'"\\ud83dx"'), "SYNTAX", "surrogate")
add("nul-escape", dump(doc()).replace(b'"Broken"', b'"a\\u0000b"'), "SYNTAX", "")
add("invalid-utf8", dump(doc()).replace(b'"Broken"', b'"\xc3\x28"'), "SYNTAX", "UTF-8")
add("overlong-utf8", dump(doc()).replace(b'"Broken"', b'"\xc0\xaf"'), "SYNTAX", "UTF-8")
add("invalid-escape", dump(doc()).replace(b'"Broken"', b'"\\A"'), "SYNTAX", "")
add("duplicate-key", dump(doc()).replace(b'"title": "Broken"', b'"title": "Broken", "title": "Again"'), "SYNTAX", "title")
add("big-integer", dump(doc()).replace(b'"format_version": 1', b'"format_version": 18446744073709551616'), "SYNTAX", "")
add("nan", dump(doc()).replace(b'"format_version": 1', b'"format_version": NaN'), "SYNTAX", "")
add("deep-nesting-1000", b'{"format": "pmortem", "x": ' + b"[" * 1000 + b"]" * 1000 + b"}", "LIMIT", "")
add("deep-nesting-100000", b"[" * 100000, "LIMIT", "")
add("depth-33", b'{"format": "pmortem", "format_version": 1, "min_reader_version": 1, "postmortem": {"title": "x", "x": ' + b"[" * 31 + b"]" * 31 + b"}}", "LIMIT", "")

# --- JSON, but not a postmortem ----------------------------------------------------------------
add("array-root", b"[]\n", "INVALID", "not a Postmortem file")
add("string-root", b'"pmortem"\n', "INVALID", "not a Postmortem file")
mutate("wrong-format", "INVALID", "not a Postmortem file", lambda d: d.update(format="pdf"))
mutate("missing-format", "INVALID", "not a Postmortem file", lambda d: d.pop("format"))
mutate("missing-format-version", "INVALID", "format_version", lambda d: d.pop("format_version"))
mutate("format-version-string", "INVALID", "$.format_version", lambda d: d.update(format_version="1"))
mutate("format-version-zero", "INVALID", "$.format_version", lambda d: d.update(format_version=0))
mutate("min-reader-newer", "VERSION", "needs file format 2", lambda d: d.update(format_version=2, min_reader_version=2))
mutate("missing-postmortem", "INVALID", "postmortem", lambda d: d.pop("postmortem"))
mutate("missing-title", "INVALID", "title", lambda d: d["postmortem"].pop("title"))
mutate("title-number", "INVALID", "$.postmortem.title", lambda d: d["postmortem"].update(title=42))
mutate("title-257", "LIMIT", "$.postmortem.title", lambda d: d["postmortem"].update(title="x" * 257))
mutate("title-newline", "INVALID", "$.postmortem.title", lambda d: d["postmortem"].update(title="a\nb"))
mutate("control-char", "INVALID", "U+0007", lambda d: d["events"][0].update(text="bell\u0007"))
mutate("summary-too-long", "LIMIT", "$.postmortem.summary", lambda d: d["postmortem"].update(summary="y" * (64 * 1024 + 1)))
mutate("events-object", "INVALID", "$.events", lambda d: d.update(events={}))
mutate("event-string", "INVALID", "$.events[0]", lambda d: d.update(events=["x"]))
mutate("event-missing-id", "INVALID", "$.events[0]", lambda d: d["events"][0].pop("id"))
mutate("event-bad-id", "INVALID", "$.events[0].id", lambda d: d["events"][0].update(id="a b"))
mutate("event-time-number", "INVALID", "$.events[0].time", lambda d: d["events"][0].update(time=1709543700))
mutate("event-time-no-offset", "INVALID", "$.events[0].time", lambda d: d["events"][0].update(time="2024-03-04T10:15:00"))
mutate("event-time-feb-30", "INVALID", "$.events[0].time", lambda d: d["events"][0].update(time="2024-02-30T10:15:00+01:00"))
mutate("event-precision-unknown", "INVALID", "$.events[0].precision", lambda d: d["events"][0].update(precision="sometimes"))
mutate("event-day-not-midnight", "INVALID", "$.events[0].time", lambda d: d["events"][0].update(precision="day"))
mutate("event-flag-string", "INVALID", "$.events[0].contributed", lambda d: d["events"][0].update(contributed="yes"))
mutate("event-evidence-number", "INVALID", "$.events[0].evidence[0]", lambda d: d["events"][0].update(evidence=[1]))
mutate("duplicate-event-id", "INVALID", "used twice", lambda d: d["events"].append(dict(d["events"][0])))
mutate("duplicate-participant-id", "INVALID", "used twice", lambda d: d["participants"].append({"id": "p-1", "name": "Ben"}))
mutate("unknown-contributor", "INVALID", "$.events[0].contributor", lambda d: d["events"][0].update(contributor="p-9"))
mutate("unknown-root-cause-event", "INVALID", "$.root_causes[0].events[0]", lambda d: d["root_causes"][0].update(events=["ev-9"]))
mutate("unknown-owner", "INVALID", "$.measures[0].owner", lambda d: d["measures"][0].update(owner="p-9"))
mutate("unknown-measure-root-cause", "INVALID", "$.measures[0].root_causes[0]", lambda d: d["measures"][0].update(root_causes=["rc-9"]))
mutate("unknown-attendee", "INVALID", "$.follow_ups[0].attendees[0]", lambda d: d["follow_ups"][0].update(attendees=["p-9"]))
mutate("unknown-reviewed-measure", "INVALID", "$.follow_ups[0].reviews[0].measure", lambda d: d["follow_ups"][0]["reviews"][0].update(measure="m-9"))
mutate("due-not-a-date", "INVALID", "$.measures[0].due", lambda d: d["measures"][0].update(due="next week"))
mutate("cost-negative", "INVALID", "$.measures[0].cost.amount", lambda d: d["measures"][0].update(cost={"amount": -5, "currency": "EUR"}))
mutate("cost-fraction", "INVALID", "$.postmortem.impact.cost.amount", lambda d: d["postmortem"].update(impact={"cost": {"amount": 1.5}}))
mutate("history-missing-to", "INVALID", "$.measures[0].history[0]", lambda d: d["measures"][0]["history"][0].pop("to"))
mutate("history-missing-time", "INVALID", "$.measures[0].history[0]", lambda d: d["measures"][0]["history"][0].pop("time"))
mutate("principles-array", "INVALID", "$.root_causes[0].principles", lambda d: d["root_causes"][0].update(principles=[]))
mutate("verdict-missing", "INVALID", "$.root_causes[0].principles.rigor", lambda d: d["root_causes"][0].update(principles={"rigor": {"note": "x"}}))
mutate("tags-string", "INVALID", "$.postmortem.tags", lambda d: d["postmortem"].update(tags="a,b"))
mutate("participants-501", "LIMIT", "501 participants", lambda d: d.update(participants=[{"id": "p-%d" % i, "name": "P%d" % i} for i in range(1, 502)]))
mutate("events-10001", "LIMIT", "10001 events", lambda d: d.update(events=[{"id": "e%d" % i, "text": "x"} for i in range(10001)], root_causes=[]))
mutate("measures-2001", "LIMIT", "2001 measures", lambda d: d.update(measures=[{"id": "m%d" % i, "title": "x"} for i in range(2001)], follow_ups=[]))
mutate("timezone-unknown", "INVALID", "$.postmortem.timezone: unknown time zone", lambda d: d["postmortem"].update(timezone="Europe/Berlinn"))
mutate("timezone-zone-tab-position", "INVALID", "$.postmortem.timezone", lambda d: d["postmortem"].update(timezone="+5230+01322"))
mutate("timezone-data-file", "INVALID", "$.postmortem.timezone", lambda d: d["postmortem"].update(timezone="zone.tab"))
mutate("timezone-path", "INVALID", "$.postmortem.timezone", lambda d: d["postmortem"].update(timezone="../../etc/passwd"))
mutate("timezone-empty", "INVALID", "$.postmortem.timezone", lambda d: d["postmortem"].update(timezone=""))
mutate("generator-number", "INVALID", "$.generator: expected text", lambda d: d.update(generator=1))
mutate("dismissal-unknown-object", "INVALID", "$.dismissed_findings[0].object", lambda d: d.update(dismissed_findings=[{"rule": "blame-language", "object": "ev-9"}]))
mutate("duplicate-suggestion-unknown-event", "INVALID", "$.duplicate_suggestions[0].b", lambda d: d.update(duplicate_suggestions=[{"a": "ev-1", "b": "ev-9"}]))
mutate("prepared-base-event-twice", "INVALID", "$.prepared_base[1].event", lambda d: d.update(prepared_for="p-1", prepared_base=[{"event": "ev-1", "digest": "0123456789abcdef"}, {"event": "ev-1", "digest": "0123456789abcdef"}]))
mutate("prepared-base-bad-digest", "INVALID", "$.prepared_base[0].digest", lambda d: d.update(prepared_for="p-1", prepared_base=[{"event": "ev-1", "digest": "0123456789ABCDEF"}]))
mutate("follow-up-year-10000", "INVALID", "$.follow_ups[0].time", lambda d: d["follow_ups"][0].update(time="9999-12-31T23:30:00-08:00", precision="minute"))
mutate("members-257", "LIMIT", "256", lambda d: d["postmortem"].update({"x%d" % i: i for i in range(257)}))

expected = []
for name, data, code, fragment in cases:
    with open(os.path.join(here, name + ".pmortem"), "wb") as f:
        f.write(data)
    expected.append("%s\t%s\t%s" % (name, code, fragment))
with open(os.path.join(here, "expected.tsv"), "w") as f:
    f.write("# file\terror code\ta fragment the message must contain\n")
    f.write("\n".join(expected) + "\n")
print(len(cases), "cases")
