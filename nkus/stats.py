"""Counts of events by kind, month or year, with missiles launched where the dataset counts them."""

from __future__ import annotations

from collections import Counter

from nkus.errors import UsageError
from nkus.filters import EventFilter
from nkus.model import Dataset, Event
from nkus.names import unknown as unknown_name
from nkus.query import timeline
from nkus.rows import Row

GROUPINGS = ("kind", "month", "year", "class", "system")
BAR_WIDTH = 30


def _months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def date_of(day: int) -> str:
    from datetime import date

    return date.fromordinal(day).isoformat()


def group_key(ev: Event, by: str) -> str | None:
    if by == "kind":
        return ev.kind
    if by in ("class", "system"):
        if ev.missile is None:
            return None  # only launches have a class or a system
        return ev.missile.cls if by == "class" else ev.missile.system or "unknown"
    iso = ev.when.start.iso()
    return iso[:4] if by == "year" else iso[:7]


def counts(ds: Dataset, flt: EventFilter, by: str, notes: list[str] | None = None) -> list[Row]:
    """One row per group of the events `flt` keeps: `key`, `events`, `missiles` (sum of known
    counts), `unknown_counts` (launch days whose count no source gives); a table shows a bar.
    By class or system, only events with missile data are counted.

    By month, events known only to the year are grouped under the bare year, and every month of
    the range is listed, empty ones included, so a chart reads at a glance: from --from (or the
    first event) to --to (or the last)."""
    if by not in GROUPINGS:
        raise UsageError(unknown_name("grouping", by, GROUPINGS))
    found = timeline(ds, flt)
    events = found.events
    if notes is not None:
        notes += found.notes
    n: Counter[str] = Counter()
    missiles: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    for ev in events:
        k = group_key(ev, by)
        if k is None:
            continue
        n[k] += 1
        if ev.missile is not None:
            if ev.missile.number is None:
                unknown[k] += 1
            else:
                missiles[k] += ev.missile.number
    keys = sorted(n)
    if by == "month":
        months = [k for k in keys if len(k) == 7]
        first = date_of(flt.start)[:7] if flt.start is not None else min(months, default="")
        last = date_of(flt.end)[:7] if flt.end is not None else max(months, default="")
        span = _months_between(first, last) if first and last and (months or flt.start is not None) else []
        keys = sorted([k for k in keys if len(k) == 4] + span)
    elif by == "year" and keys:  # every year of the range, empty ones included
        first = date_of(flt.start)[:4] if flt.start is not None else keys[0]
        last = date_of(flt.end)[:4] if flt.end is not None else keys[-1]
        keys = [str(y) for y in range(int(first), int(last) + 1)]
    elif by in ("kind", "class", "system"):
        keys.sort(key=lambda k: (-n[k], k))
    widest = max(n.values(), default=0)
    return [
        Row(
            {"key": k, "events": n[k], "missiles": missiles[k], "unknown_counts": unknown[k]},
            {"events": f"{n[k]:>4} {'█' * round(BAR_WIDTH * n[k] / widest) if widest else ''}"},
        )
        for k in keys
    ]
