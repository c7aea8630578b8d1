#!/usr/bin/env python3
# check-schema.py — validates .pmortem files against data/pmortem.schema.json
#
#   check-schema.py [--semantic] SCHEMA FILE...   every FILE must be valid
#   check-schema.py --negative SCHEMA FILE         mutated copies of FILE must be rejected
#                                                  (and a few harmless ones accepted)
#
# The schema itself is checked against its meta-schema first. Errors are printed as
# "FILE: $.json.path: message". --semantic adds what a JSON Schema cannot say: ids unique
# within their list, references naming existing ids, known event times in ascending order.
# Exit status: 0 all good, 1 a failure (or python3-jsonschema missing), 2 bad usage.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import copy
import datetime
import json
import sys

try:
    import jsonschema
    import jsonschema.validators
except ImportError:
    # build-aux/test installs it; a missing validator must fail the suite, not hide it.
    print("check-schema: python3-jsonschema is not installed (apt-get install python3-jsonschema)",
          file=sys.stderr)
    sys.exit(1)


def json_path(parts):
    path = "$"
    for part in parts:
        if isinstance(part, int):
            path += "[%d]" % part
        elif part.isidentifier():
            path += "." + part
        else:
            path += "[%s]" % json.dumps(part, ensure_ascii=False)
    return path


def _no_duplicates(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError("duplicate member %s" % json.dumps(key, ensure_ascii=False))
        obj[key] = value
    return obj


def _no_constant(name):
    raise ValueError("%s is not JSON" % name)


def load_json(path):
    with open(path, "rb") as f:
        data = f.read()
    return json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicates,
                      parse_constant=_no_constant)


def load_validator(schema_path):
    schema = load_json(schema_path)
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    cls.check_schema(schema)
    return cls(schema)


def schema_errors(validator, instance):
    """Sorted list of (json path, message), leaf errors first-class."""
    out = []
    for error in validator.iter_errors(instance):
        # For allOf/if-then failures the useful message is in the context.
        leaves = list(error.context) if error.context else [error]
        for leaf in leaves:
            out.append((json_path(leaf.absolute_path), leaf.message))
    return sorted(set(out))


# --- what a schema cannot express --------------------------------------------------------------

def _parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


PRECISION_RANK = {"day": 0, "hour": 1, "minute": 2, "exact": 3}


def semantic_errors(doc):
    errors = []
    lists = {}
    for name in ("participants", "events", "root_causes", "measures", "follow_ups"):
        items = doc.get(name) or []
        seen = {}
        for i, item in enumerate(items):
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                continue
            if item["id"] in seen:
                errors.append(("$.%s[%d].id" % (name, i),
                               "duplicate id %r (first at index %d)" % (item["id"], seen[item["id"]])))
            else:
                seen[item["id"]] = i
        lists[name] = seen

    def ref(path, value, target):
        if isinstance(value, str) and value not in lists[target]:
            errors.append((path, "%r names no item in %s" % (value, target)))

    def refs(path, values, target):
        for i, value in enumerate(values or []):
            ref("%s[%d]" % (path, i), value, target)

    for i, ev in enumerate(doc.get("events") or []):
        if isinstance(ev, dict):
            ref("$.events[%d].contributor" % i, ev.get("contributor"), "participants")
    for i, rc in enumerate(doc.get("root_causes") or []):
        if isinstance(rc, dict):
            refs("$.root_causes[%d].events" % i, rc.get("events"), "events")
    for i, m in enumerate(doc.get("measures") or []):
        if isinstance(m, dict):
            ref("$.measures[%d].owner" % i, m.get("owner"), "participants")
            refs("$.measures[%d].root_causes" % i, m.get("root_causes"), "root_causes")
    for i, fu in enumerate(doc.get("follow_ups") or []):
        if isinstance(fu, dict):
            refs("$.follow_ups[%d].attendees" % i, fu.get("attendees"), "participants")
            for j, rv in enumerate(fu.get("reviews") or []):
                if isinstance(rv, dict):
                    ref("$.follow_ups[%d].reviews[%d].measure" % (i, j), rv.get("measure"), "measures")
    for i, entry in enumerate(doc.get("merge_conflicts") or []):
        if isinstance(entry, dict):
            ref("$.merge_conflicts[%d].from" % i, entry.get("from"), "participants")

    all_ids = set()
    for seen in lists.values():
        all_ids.update(seen)
    for i, d in enumerate(doc.get("dismissed_findings") or []):
        if isinstance(d, dict) and isinstance(d.get("object"), str) and d["object"] not in all_ids:
            errors.append(("$.dismissed_findings[%d].object" % i,
                           "%r names no event, root cause, measure, participant or follow-up"
                           % d["object"]))
    for i, pair in enumerate(doc.get("duplicate_suggestions") or []):
        if isinstance(pair, dict):
            ref("$.duplicate_suggestions[%d].a" % i, pair.get("a"), "events")
            ref("$.duplicate_suggestions[%d].b" % i, pair.get("b"), "events")
    # Events as sent are not checked against the events (a participant may delete one), but
    # an event is sent once.
    sent = {}
    for i, entry in enumerate(doc.get("prepared_base") or []):
        if isinstance(entry, dict) and isinstance(entry.get("event"), str):
            if entry["event"] in sent:
                errors.append(("$.prepared_base[%d].event" % i,
                               "event %r listed twice (first at index %d)" % (entry["event"], sent[entry["event"]])))
            else:
                sent[entry["event"]] = i

    # Known times ascend (by instant, a coarser precision first at the same instant);
    # events with an unknown time are skipped.
    previous = None
    for i, ev in enumerate(doc.get("events") or []):
        if not isinstance(ev, dict) or not isinstance(ev.get("time"), str):
            continue
        try:
            key = (_parse_time(ev["time"]), PRECISION_RANK.get(ev.get("precision"), 3))
        except ValueError as e:
            errors.append(("$.events[%d].time" % i, str(e)))
            continue
        if previous is not None and key < previous[0]:
            errors.append(("$.events[%d].time" % i,
                           "%s is earlier than %s at $.events[%d]"
                           % (ev["time"], previous[1], previous[2])))
        previous = (key, ev["time"], i)
    return errors


# --- self-test: the schema must reject bad input ---------------------------------------------

def _first_event(doc):
    events = doc.setdefault("events", [])
    if not isinstance(events, list) or not events:
        doc["events"] = events = [{"id": "ev-negative"}]
    return events[0]


def _set(member, value):
    def mutate(doc):
        doc[member] = value
    return mutate


def _set_in(getter, member, value):
    def mutate(doc):
        getter(doc)[member] = value
    return mutate


def _del_in(getter, member):
    def mutate(doc):
        getter(doc).pop(member, None)
    return mutate


def _pm(doc):
    return doc["postmortem"]


def _timed_event(time, precision):
    def mutate(doc):
        ev = _first_event(doc)
        ev["time"] = time
        if precision is None:
            ev.pop("precision", None)
        else:
            ev["precision"] = precision
    return mutate


def _impact(doc):
    return doc["postmortem"].setdefault("impact", {})


# (what, mutation, JSON path of the error that must be reported)
MUST_REJECT = [
    ("missing title", _del_in(_pm, "title"), "$.postmortem"),
    ("title of 257 characters", _set_in(_pm, "title", "x" * 257), "$.postmortem.title"),
    ("events not an array", _set("events", {"id": "ev-01"}), "$.events"),
    ("time without seconds", _timed_event("2024-10-26T03:02+02:00", "minute"), "$.events[0].time"),
    ("time without offset", _timed_event("2024-10-26T03:02:41", "exact"), "$.events[0].time"),
    ("time with a space for T", _timed_event("2024-10-26 03:02:41Z", "exact"), "$.events[0].time"),
    ("time with fractional seconds", _timed_event("2024-10-26T03:02:41.5Z", "exact"), "$.events[0].time"),
    ("time with a trailing newline", _timed_event("2024-10-26T03:02:41Z\n", "exact"), "$.events[0].time"),
    ("time as a number", _timed_event(1729904561, "exact"), "$.events[0].time"),
    ("day precision not at midnight", _timed_event("2024-10-26T03:02:41+02:00", "day"), "$.events[0].time"),
    ("minute precision with seconds", _timed_event("2024-10-26T03:02:41+02:00", "minute"), "$.events[0].time"),
    ("time without precision", _timed_event("2024-10-26T03:02:41+02:00", None), "$.events[0]"),
    ("precision \"sometimes\"", _timed_event("2024-10-26T03:02:41+02:00", "sometimes"), "$.events[0].precision"),
    ("id with a space", _set_in(_first_event, "id", "ev 01"), "$.events[0].id"),
    ("id of 65 characters", _set_in(_first_event, "id", "e" * 65), "$.events[0].id"),
    ("empty id", _set_in(_first_event, "id", ""), "$.events[0].id"),
    ("id with a trailing newline", _set_in(_first_event, "id", "ev-01\n"), "$.events[0].id"),
    ("event without id", _del_in(_first_event, "id"), "$.events[0]"),
    ("flag as string", _set_in(_first_event, "contributed", "yes"), "$.events[0].contributed"),
    ("format not pmortem", _set("format", "pmortem2"), "$.format"),
    ("format_version 0", _set("format_version", 0), "$.format_version"),
    ("format_version as string", _set("format_version", "1"), "$.format_version"),
    ("integer beyond 2^53-1", _set_in(_impact, "duration_minutes", 9007199254740992),
     "$.postmortem.impact.duration_minutes"),
    ("fractional minutes", _set_in(_impact, "duration_minutes", 1.5),
     "$.postmortem.impact.duration_minutes"),
    ("due date with a time", _set("measures", [{"id": "m", "title": "t", "due": "2024-11-15T00:00:00Z"}]),
     "$.measures[0].due"),
    ("vocabulary value with a space", _set_in(_pm, "severity", "very high"), "$.postmortem.severity"),
    ("time zone that is a path", _set_in(_pm, "timezone", "../../etc/passwd"), "$.postmortem.timezone"),
    ("time zone that is a data file", _set_in(_pm, "timezone", "zone.tab"), "$.postmortem.timezone"),
    ("time zone that is a zone.tab position", _set_in(_pm, "timezone", "+5230+01322"), "$.postmortem.timezone"),
    ("empty time zone", _set_in(_pm, "timezone", ""), "$.postmortem.timezone"),
    ("generator as a number", _set("generator", 1), "$.generator"),
    ("digest in capitals", _set("prepared_base", [{"event": "ev-01", "digest": "0123456789ABCDEF"}]),
     "$.prepared_base[0].digest"),
    ("digest too short", _set("prepared_base", [{"event": "ev-01", "digest": "0123456789abcde"}]),
     "$.prepared_base[0].digest"),
    ("257 members in one object", _set_in(_pm, "impact", {"x%d" % i: i for i in range(257)}),
     "$.postmortem.impact"),
]

MUST_ACCEPT = [
    ("unknown top-level member", _set("x_future", {"anything": [1, 2]})),
    ("unknown event member", _set_in(_first_event, "x_future", True)),
    ("unknown severity", _set_in(_pm, "severity", "sev0")),
    ("unknown event kind", _set_in(_first_event, "kind", "near-miss")),
    ("unknown time", _timed_event(None, None)),
    ("time in UTC with Z", _timed_event("2024-10-26T01:02:41Z", "exact")),
    ("day precision at midnight", _timed_event("2024-10-26T00:00:00-07:00", "day")),
    ("newer format_version", _set("format_version", 7)),
    ("time zone as an offset", _set_in(_pm, "timezone", "+05:30")),
    ("time zone Etc/GMT+5", _set_in(_pm, "timezone", "Etc/GMT+5")),
]


def negative(validator, path):
    original = load_json(path)
    failures = 0
    for label, mutate, where in MUST_REJECT:
        doc = copy.deepcopy(original)
        mutate(doc)
        errors = [e for e in schema_errors(validator, doc) if e[0] == where]
        if errors:
            print("ok: rejected %s (%s: %s)" % (label, where, errors[0][1][:100]))
        else:
            print("FAIL: %s: %s not reported at %s" % (path, label, where))
            failures += 1
    for label, mutate in MUST_ACCEPT:
        doc = copy.deepcopy(original)
        mutate(doc)
        errors = schema_errors(validator, doc)
        if errors:
            print("FAIL: %s: rejected %s: %s: %s" % (path, label, errors[0][0], errors[0][1]))
            failures += 1
        else:
            print("ok: accepted %s" % label)
    return failures


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    opts = {a for a in argv[1:] if a.startswith("--")}
    unknown = opts - {"--negative", "--semantic", "--help"}
    if "--help" in opts or unknown or len(args) < 2:
        print("usage: check-schema.py [--negative | --semantic] SCHEMA FILE...", file=sys.stderr)
        return 0 if "--help" in opts and not unknown else 2

    schema_path, files = args[0], args[1:]
    try:
        validator = load_validator(schema_path)
    except (OSError, ValueError) as e:
        print("%s: %s" % (schema_path, e))
        return 1
    except jsonschema.SchemaError as e:
        print("%s: %s: invalid schema: %s" % (schema_path, json_path(e.absolute_path), e.message))
        return 1

    if "--negative" in opts:
        return 1 if negative(validator, files[0]) else 0

    failures = 0
    for path in files:
        try:
            doc = load_json(path)
        except (OSError, ValueError) as e:
            print("%s: %s" % (path, e))
            failures += 1
            continue
        errors = schema_errors(validator, doc)
        if "--semantic" in opts and isinstance(doc, dict):
            errors += semantic_errors(doc)
        for where, message in errors:
            print("%s: %s: %s" % (path, where, message))
        if errors:
            failures += 1
        else:
            print("%s: valid" % path)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
