#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Turns the Shakespeare case (tests/data/cases/google-sre-shakespeare-sonnet-2015-10-21.json)
into a .pmortem file, so the action board can show a real team's measures.

The case names owner teams, not people: each team becomes a participant. "done" stays done,
"open" becomes agreed (committed in the postmortem, not finished). Kinds and root-cause links
follow the action-item table of the published postmortem.

Usage: make-shakespeare-pmortem.py OUT.pmortem"""
import json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
CASE = os.path.join(HERE, "cases", "google-sre-shakespeare-sonnet-2015-10-21.json")

# measure index -> (kind, root cause indices)
MEASURE_INFO = {
    0: ("mitigate", [3]),
    1: ("prevent", [1]),
    2: ("process", [3]),
    3: ("prevent", [2]),
    4: ("prevent", [0]),
    5: ("prevent", [1]),
    6: ("prevent", [0]),
    7: ("prevent", [0]),
    8: ("process", [3]),
}
PRINCIPLES = {"Rigor": "rigor", "Fault tolerance": "fault-tolerance",
              "Compartmentation": "compartmentation", "Opportunity": "opportunity",
              "Proportionality": "proportionality", "Minimization": "minimization",
              "Comprehensivity": "comprehensivity"}


def main(out):
    with open(CASE, encoding="utf-8") as f:
        case = json.load(f)

    teams = []
    for m in case["measures"]:
        if m["owner_team"] not in teams:
            teams.append(m["owner_team"])
    participants = [{"id": "p-%d" % (i + 1), "name": t, "role": t} for i, t in enumerate(teams)]
    team_id = {t: "p-%d" % (i + 1) for i, t in enumerate(teams)}

    events = []
    for i, e in enumerate(case["events"]):
        ev = {"id": "ev-%d" % (i + 1)}
        if e.get("time"):
            ev["time"] = e["time"]
            ev["precision"] = "minute"
        ev["actor"] = e["actor"]
        ev["text"] = e["text"]
        ev["kind"] = e["kind"]
        events.append(ev)

    root_causes = []
    for i, rc in enumerate(case["root_causes"]):
        title = rc["text"].split(":")[0] if ":" in rc["text"][:60] else rc["text"][:80]
        root_causes.append({
            "id": "rc-%d" % (i + 1),
            "title": title,
            "description": rc["text"],
            "principles": {PRINCIPLES[p]: {"verdict": "contributed"} for p in rc["principles"]},
        })

    measures = []
    for i, m in enumerate(case["measures"]):
        kind, causes = MEASURE_INFO[i]
        status = "done" if m["status"] == "done" else "agreed"
        history = [{"time": "2015-10-23T16:00:00+00:00", "precision": "minute", "to": "proposed",
                    "note": "Proposed in the postmortem."},
                   {"time": "2015-10-23T16:30:00+00:00", "precision": "minute", "from": "proposed",
                    "to": "agreed"}]
        if status == "done":
            history.append({"time": "2015-10-30T10:00:00+00:00", "precision": "minute",
                            "from": "agreed", "to": "done"})
        measures.append({
            "id": "m-%d" % (i + 1),
            "title": m["text"],
            "owner": team_id[m["owner_team"]],
            "kind": kind,
            "status": status,
            "root_causes": ["rc-%d" % (c + 1) for c in causes],
            "history": history,
        })
    measures[5]["summary"] = True
    measures[1]["summary"] = True

    doc = {
        "format": "pmortem",
        "format_version": 1,
        "min_reader_version": 1,
        "generator": "make-shakespeare-pmortem.py",
        "postmortem": {
            "title": case["title"][:256],
            "timezone": case.get("timezone", "UTC"),
            "summary": case["summary"],
            "impact": {"duration_minutes": case["impact"]["duration_minutes"],
                       "affected": case["impact"]["users_affected"]},
        },
        "participants": participants,
        "events": events,
        "root_causes": root_causes,
        "measures": measures,
    }
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
