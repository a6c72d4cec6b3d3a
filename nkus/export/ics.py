"""iCalendar (RFC 5545), written by `icalendar`: one all-day VEVENT per event, spanning the
period its date denotes — a day, a month, a part of a month ("early October" is days 1–10), a
range (its inclusive end becomes the exclusive DTEND the standard asks for) — with a UID made from
the event's id, so re-importing an export updates the calendar rather than duplicating it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from nkus.dates import When
from nkus.query import cited_sources
from nkus.text import printable  # RFC 5545 forbids control characters but the tab in text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

    from nkus.model import Dataset, Event, Source

UID_DOMAIN = "nkus.chronology"


def uid(event_id: str) -> str:
    return f"{event_id}@{UID_DOMAIN}"


def stamp() -> datetime:
    """DTSTAMP: now, or $SOURCE_DATE_EPOCH for a reproducible file."""
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return when.replace(microsecond=0)


def span(ev: Event) -> tuple[date, date]:
    """The first day and the exclusive end of the period the event's date states. An approximate
    date is shown over its stated period (filters widen it; a calendar says "approximate")."""
    first, last = When(ev.when.start, ev.when.end, ev.when.qualifier, False).bounds()
    return first, last + timedelta(days=1)


def description(ds: Dataset, ev: Event, sources: list[Source] | None = None) -> str:
    lines = [ev.summary, "", f"Date: {ev.when.human()} ({ev.when.precision})"]
    if ev.when.approximate:
        lines[-1] += ", approximate"
    if ev.when.qualifier or ev.when.precision != "day":
        lines[-1] += " — shown over the whole period it denotes"
    lines += ["", "Sources:"]
    for s in cited_sources(ds, ev) if sources is None else sources:
        lines.append(f"- {ds.publishers[s.publisher].name}, “{s.title}” ({s.date}): {s.url}")
    return "\n".join(lines)


def write(ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    """The calendar, written one event at a time: a large export is never whole in memory."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//nkus//North Korea-US diplomacy chronology//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "North Korea–US diplomacy")
    head, end, tail = cal.to_ical().rpartition(b"END:VCALENDAR")
    out.write(head)
    now = icalendar.vDDDTypes(stamp())  # made once: every event has the same stamp
    for ev in events:
        item = icalendar.Event()
        item.add("uid", uid(ev.id))
        item.add("dtstamp", now, encode=False)
        item.add("summary", printable(ev.title))
        first, after = span(ev)
        item.add("dtstart", first)  # a date, not a date-time: an all-day event
        item.add("dtend", after)
        sources = cited_sources(ds, ev)
        item.add("description", printable(description(ds, ev, sources)))
        item.add("categories", [ev.kind])
        if ev.location:
            item.add("location", printable(ev.location))
        if sources:
            item.add("url", sources[0].url)
        out.write(item.to_ical())
    out.write(end + tail)
