"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html): a title slide and one
slide per event, in a few groups (`GROUPS`: each group is a row of the time navigation, so a group
per kind would leave the slides little room). A slide starts on the first day its event may be and
ends on the last (a month-precise event spans its month, "late 2016" September to December), with
dates only as precise as the event's where that is exact; every slide shows the dataset's own date
words (`display_date`: "27–28 Feb 2019", "early Oct 2019", "~2017") instead of TimelineJS's. TimelineJS
reads `headline` and `text` as HTML, so dataset text is HTML-escaped there, and only web addresses
become links."""

from __future__ import annotations

import json
from html import escape

from nkus.query import cited_sources
from nkus.render.encode import UNSEEN

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import date
    from typing import Any, BinaryIO

    from nkus.model import Dataset, Event

# The time navigation's rows: every event kind in one.
GROUPS = {
    "Diplomacy": ("summit", "talks", "visit", "letter", "statement", "agreement"),
    "Weapons tests": ("missile-test", "nuclear-test", "engine-test"),
    "Exercises": ("exercise",),
    "Sanctions and other": ("sanctions", "personnel", "other"),
}
GROUP_OF = {kind: group for group, kinds in GROUPS.items() for kind in kinds}


def tl_date(d: date, precision: str = "day") -> dict[str, str]:
    """A TimelineJS date object down to `precision` (strings, as in TimelineJS's docs)."""
    out = {"year": str(d.year)}
    if precision != "year":
        out["month"] = str(d.month)
    if precision == "day":
        out["day"] = str(d.day)
    return out


def _link(url: str, text: str) -> str:
    """A link only to a web address (a `javascript:` or `data:` address would run when clicked)."""
    if url.lower().startswith(("https://", "http://")):
        return f'<a href="{escape(url)}">{escape(text)}</a>'
    return escape(text)


def _text(ds: Dataset, ev: Event) -> str:
    links = [
        f"<li>{escape(ds.publishers[s.publisher].name)}, {_link(s.url, s.title)} ({escape(s.date)})</li>"
        for s in cited_sources(ds, ev)
    ]
    return f"<p>{escape(ev.summary)}</p><p>Sources:</p><ul>{''.join(links)}</ul>"


def slide(ds: Dataset, ev: Event) -> dict[str, Any]:
    w = ev.when
    lower, upper = w.bounds()
    exact = not (w.qualifier or w.approximate)  # else the first day it may be is a day, not a month or year
    out: dict[str, Any] = {"unique_id": ev.id, "start_date": tl_date(lower, w.precision if exact else "day")}
    if upper != lower:
        out["end_date"] = tl_date(upper)
    out["display_date"] = w.human()  # TimelineJS strips markup from it: plain text
    out["text"] = {"headline": escape(ev.title), "text": _text(ds, ev)}
    out["group"] = GROUP_OF[ev.kind]
    return out


def title_slide(events: list[Event]) -> dict[str, Any]:
    first, last = (events[0].when.start.human(), events[-1].when.start.human()) if events else ("", "")
    span = "" if not events else f", {first}" if first == last else f", {first} to {last}"
    count = f"{len(events)} event{'' if len(events) == 1 else 's'}"
    return {
        "text": {
            "headline": "North Korea–United States diplomacy",
            "text": f"<p>{count}{escape(span)}, each with its public sources (nkus).</p>",
        }
    }


def document(ds: Dataset, events: list[Event]) -> dict[str, Any]:
    return {"title": title_slide(events), "events": [slide(ds, ev) for ev in events]}


def write(ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    """The document, written one slide at a time (a large export is never whole in memory), with
    control, bidirectional and zero-width characters as \\u escapes (`UNSEEN`): the same text."""

    def dumped(value: Any) -> bytes:
        return json.dumps(value, ensure_ascii=False).translate(UNSEEN).encode("utf-8")

    out.write(b'{"title": ' + dumped(title_slide(events)) + b', "events": [')
    for n, ev in enumerate(events):
        out.write((b",\n" if n else b"\n") + dumped(slide(ds, ev)))
    out.write(b"\n]}\n")
