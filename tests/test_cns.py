"""`nkus missiles` against the CNS North Korea Missile Test Database (as nagix/nk-missile-tests
carries it: tests/fixtures/cns/): on every launch day both cover, from 2017 on, the same number
of missiles, the same UTC date and, where both give one, the same UTC time within ten minutes.
A disagreement is accepted only where the event records it as a dispute on that field.

The reference is plain: UTC dates and times as the database lists them, and `datetime` to find
the Korean day of a timed row. Pairing a reference row with a launch day: the launch days of its
UTC date and the next (a Korean day starts at 15:00 UTC the day before); when several, the one of
its Korean day, then those whose UTC dates hold it, then the nearest in time."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from nkus import load
from nkus.loader import bundled_path

FIXTURE = Path(__file__).parent / "fixtures" / "cns" / "missiles.csv"
TOLERANCE = timedelta(minutes=10)
KST = timedelta(hours=9)
# Fields whose dispute accepts each kind of disagreement.
COUNT = ("missile.count",)
WHEN = ("date", "missile.time")


class Ref:
    def __init__(self, row: dict[str, str]) -> None:
        self.utc_date = date.fromisoformat(row["date_utc"])
        self.moment = datetime.fromisoformat(f"{row['date_utc']}T{row['time_utc']}") if row["time_utc"] else None
        self.korean_day = (self.moment + KST).date() if self.moment else None
        self.missile, self.facility = row["missile"], row["facility"]

    def __repr__(self) -> str:
        return f"{self.utc_date} {self.moment.time() if self.moment else '?'} {self.missile}"


def reference() -> list[Ref]:
    with FIXTURE.open(encoding="utf-8", newline="") as fh:
        return [Ref(r) for r in csv.DictReader(fh)]


def ours() -> dict[str, list[dict[str, Any]]]:
    """The rows of `nkus missiles` from 2017 on, by event."""
    done = subprocess.run(
        [sys.executable, "-m", "nkus", "--data", "bundled", "missiles", "--format", "json", "--from", "2017"],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parent.parent,
    )  # fmt: skip
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in json.loads(done.stdout):
        if len(row["date"]) == 10:  # a launch dated to the day
            by_event[row["event"]].append(row)
    return by_event


def utc_days(rows: list[dict[str, Any]]) -> set[date]:
    return {date.fromisoformat(d) for r in rows for d in r["date_utc"].split("/")}


def moments(rows: list[dict[str, Any]]) -> set[datetime]:
    return {datetime.fromisoformat(f"{r['date_utc']}T{r['time_utc']}") for r in rows if r["time_utc"]}


def pair(refs: list[Ref], days: dict[str, list[dict[str, Any]]]) -> tuple[dict[str, list[Ref]], list[Ref], list[Ref]]:
    """Each reference row's launch day: (rows by event id, rows of no launch day of ours, rows
    that could be either of two)."""
    by_day: dict[date, list[str]] = defaultdict(list)
    for event, rows in days.items():
        by_day[date.fromisoformat(rows[0]["date"])].append(event)
    paired: dict[str, list[Ref]] = defaultdict(list)
    missing, unsure = [], []
    for ref in refs:
        candidates = by_day[ref.utc_date] + by_day[ref.utc_date + timedelta(days=1)]
        same_day = [e for e in candidates if date.fromisoformat(days[e][0]["date"]) == ref.korean_day]
        candidates = same_day or candidates
        candidates = [e for e in candidates if ref.utc_date in utc_days(days[e])] or candidates
        if len(candidates) > 1 and ref.moment is not None:
            near = [e for e in candidates if any(abs(m - ref.moment) <= TOLERANCE for m in moments(days[e]))]
            candidates = near or candidates
        if not candidates:
            missing.append(ref)
        elif len(candidates) > 1:
            unsure.append(ref)
        else:
            paired[candidates[0]].append(ref)
    return paired, missing, unsure


def disagreements(event: str, rows: list[dict[str, Any]], refs: list[Ref]) -> list[tuple[tuple[str, ...], str]]:
    """What the launch day's rows and the reference's disagree on: (the fields a dispute on which
    accepts it, what differs)."""
    found: list[tuple[tuple[str, ...], str]] = []
    counted = [r for r in rows if r["number"] is not None]
    if len(counted) == len(rows) and len(rows) != len(refs):
        found.append((COUNT, f"{len(rows)} missiles, the reference {len(refs)}"))
    korean_day = date.fromisoformat(rows[0]["date"])
    for ref in refs:
        if ref.utc_date not in utc_days(rows):
            found.append((WHEN, f"UTC date {rows[0]['date_utc']}, the reference {ref.utc_date}"))
        elif ref.korean_day is not None and ref.korean_day != korean_day:
            found.append((WHEN, f"Korean day {korean_day}, the reference's UTC {ref.moment} is {ref.korean_day}"))
    timed = [ref.moment for ref in refs if ref.moment is not None]
    for moment in sorted(moments(rows)) if timed else ():
        if not any(abs(moment - t) <= TOLERANCE for t in timed):
            found.append((WHEN, f"{moment:%Y-%m-%d %H:%M} UTC, the reference {sorted({f'{t:%H:%M}' for t in timed})}"))
    return found


def compare() -> tuple[dict[str, list[Ref]], list[tuple[str, str, bool]], list[Ref], list[Ref]]:
    """The reference's rows by launch day, each disagreement (event, what, whether a dispute
    accepts it), and the reference rows of no launch day of ours or of two."""
    days = ours()
    paired, missing, unsure = pair(reference(), days)
    ds = load(bundled_path())
    found = []
    for event, refs in paired.items():
        disputed = {d.field for d in ds.event_index[event].disputes}
        for fields, what in disagreements(event, days[event], refs):
            found.append((event, what, not disputed.isdisjoint(fields)))
    return paired, found, missing, unsure


def test_the_missiles_match_the_cns_database_on_every_launch_day_both_cover() -> None:
    paired, found, _, _ = compare()
    assert len(paired) >= 100  # launch days compared: the pairing itself has not failed
    assert [(event, what) for event, what, disputed in found if not disputed] == []


def test_the_comparison_finds_a_disagreement() -> None:
    """The comparison is not blind: a day of one missile too many, an hour late, is two disagreements."""
    row = {"event": "x", "number": 1, "date": "2017-07-04", "date_utc": "2017-07-04", "time_utc": "13:40"}
    refs = [Ref({"date_utc": "2017-07-04", "time_utc": "12:40", "missile": "Hwasong-14", "facility": "Panghyon"})]
    found = disagreements("x", [row, {**row, "number": 2}], refs)
    assert [fields for fields, _ in found] == [COUNT, WHEN]
