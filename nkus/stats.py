"""Counts of events by kind, month or year, with missiles launched where the dataset counts them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from nkus.model import Event

GROUPINGS = ("kind", "month", "year")


def _months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def counts(events: Sequence[Event], by: str) -> list[dict[str, object]]:
    """One row per group: `key`, `events`, `missiles` (sum of known counts), `unknown_counts`.

    By month, events known only to the year are grouped under the bare year, and every month
    between the first and last is listed, empty ones included, so a chart reads at a glance.
    """

    def key(ev: Event) -> str:
        if by == "kind":
            return ev.kind
        iso = ev.when.start.iso()
        return iso[:4] if by == "year" else iso[:7]

    n: Counter[str] = Counter()
    missiles: Counter[str] = Counter()
    unknown: Counter[str] = Counter()
    for ev in events:
        k = key(ev)
        n[k] += 1
        if ev.missile is not None:
            if ev.missile.number is None:
                unknown[k] += 1
            else:
                missiles[k] += ev.missile.number
    keys = sorted(n)
    if by == "month":
        months = [k for k in keys if len(k) == 7]
        years = [k for k in keys if len(k) == 4]
        keys = sorted(years + (_months_between(months[0], months[-1]) if months else []))
    elif by == "kind":
        keys.sort(key=lambda k: (-n[k], k))
    return [{"key": k, "events": n[k], "missiles": missiles[k], "unknown_counts": unknown[k]} for k in keys]
