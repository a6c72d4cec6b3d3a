"""TimelineJS3 JSON (https://timeline.knightlab.com/docs/json-format.html): a title slide and one
slide per event, grouped by kind. Dates are only as precise as the event's: a month-precise event
gives `year` and `month`, no `day`; a part of a month or an approximate date adds a `display_date`
("early Oct 2019", "~2017"). TimelineJS reads `headline` and `text` as HTML, so dataset text is
HTML-escaped there and source addresses are written as links."""

from __future__ import annotations

import json
from html import escape

from nkus.query import cited_sources
from nkus.render.encode import UNSEEN

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, BinaryIO

    from nkus.dates import PartialDate
    from nkus.model import Dataset, Event


def tl_date(d: PartialDate) -> dict[str, str]:
    """A TimelineJS date object with the parts the date has (strings, as in TimelineJS's docs)."""
    out = {"year": str(d.year)}
    if d.month is not None:
        out["month"] = str(d.month)
    if d.day is not None:
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
    out: dict[str, Any] = {"unique_id": ev.id, "start_date": tl_date(ev.when.start)}
    if ev.when.end is not None:
        out["end_date"] = tl_date(ev.when.end)
    if ev.when.qualifier or ev.when.approximate:
        out["display_date"] = ev.when.human()  # TimelineJS strips markup from it: plain text
    out["text"] = {"headline": escape(ev.title), "text": _text(ds, ev)}
    out["group"] = ev.kind
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
