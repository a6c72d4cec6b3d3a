"""The record types of a loaded dataset. Built only from validated data, so fields are trusted.

Records are NamedTuples rather than dataclasses: they are as quick to build as plain tuples (a
dataset can hold a million events) and importing `dataclasses` would cost more start-up time than
validating a thousand records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from nkus.dates import When


class Missile(NamedTuple):
    number: int | None  # the stored field `count` (a NamedTuple field cannot be called count)
    system: str | None
    cls: str
    note: str = ""


class Dispute(NamedTuple):
    field: str
    note: str
    sources: tuple[str, ...]


class Event(NamedTuple):
    id: str
    when: When
    lower: date
    upper: date
    kind: str
    title: str
    summary: str
    actors: tuple[str, ...]
    sources: tuple[str, ...]
    location: str = ""
    tags: tuple[str, ...] = ()
    summit: str | None = None
    missile: Missile | None = None
    disputes: tuple[Dispute, ...] = ()
    # The record as stored: output rows are made from it (`rows.stored_event_row`), as they are
    # from the cached index, which keeps records rather than Event objects.
    record: Mapping[str, Any] = {}

    @property
    def sort_key(self) -> tuple[date, date, str]:
        return (self.lower, self.upper, self.id)


class Source(NamedTuple):
    id: str
    publisher: str
    title: str
    date: str
    url: str
    type: str
    author: str = ""
    note: str = ""


class Actor(NamedTuple):
    id: str
    name: str
    type: str
    country: str
    role: str = ""


class Verdict(NamedTuple):
    spectacle: str
    substance: str
    summary: str


class Summit(NamedTuple):
    id: str
    aliases: tuple[str, ...]
    name: str
    type: str
    when: When
    place: str
    principals: tuple[str, ...]
    agenda: tuple[str, ...]
    outcome: str
    aftermath: str
    events: tuple[str, ...]
    sources: tuple[str, ...]
    delegations: Mapping[str, tuple[str, ...]] = {}
    document_title: str = ""
    provisions: tuple[str, ...] = ()
    verdict: Verdict | None = None


class Evidence(NamedTuple):
    event: str
    bearing: str
    note: str


class Claim(NamedTuple):
    id: str
    kind: str
    summary: str
    quote: str
    source: str
    location: str
    events: tuple[str, ...] = ()
    summits: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


class Objective(NamedTuple):
    id: str
    number: int
    title: str
    summary: str
    events: tuple[str, ...]


Record = Event | Source | Actor | Summit | Claim | Objective


class Dataset:
    """A validated dataset with its indexes. Events are kept in sort-key order."""

    def __init__(
        self,
        events: list[Event],
        sources: dict[str, Source],
        actors: dict[str, Actor],
        summits: dict[str, Summit],
        claims: dict[str, Claim],
        objectives: dict[str, Objective],
        path: str = "",
    ) -> None:
        events.sort(key=lambda e: e.sort_key)
        self.events, self.sources, self.actors, self.summits = events, sources, actors, summits
        self.claims, self.objectives, self.path = claims, objectives, path
        self.event_index = {e.id: e for e in events}

    def records(self) -> Iterable[Record]:
        yield from self.events
        for table in (self.sources, self.actors, self.summits, self.claims, self.objectives):
            yield from table.values()

    def timeline(self, **filters: Any) -> list[Event]:
        """Events matching `filters` (see `nkus.query.EventFilter`), in order."""
        from nkus.query import EventFilter, timeline

        return timeline(self, EventFilter.build(**filters))
