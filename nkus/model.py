"""The record types of a loaded dataset. Built only from validated data, so fields are trusted."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nkus.dates import When


@dataclass(frozen=True, slots=True)
class Missile:
    count: int | None
    system: str | None
    cls: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Dispute:
    field: str
    note: str
    sources: tuple[str, ...]


@dataclass(slots=True)  # not frozen: a frozen dataclass is several times slower to build, and there are many
class Event:
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
    record: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def sort_key(self) -> tuple[date, date, str]:
        return (self.lower, self.upper, self.id)


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    publisher: str
    title: str
    date: str
    url: str
    type: str
    author: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    type: str
    country: str
    role: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    spectacle: str
    substance: str
    summary: str


@dataclass(frozen=True, slots=True)
class Summit:
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
    delegations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    document_title: str = ""
    provisions: tuple[str, ...] = ()
    verdict: Verdict | None = None


@dataclass(frozen=True, slots=True)
class Evidence:
    event: str
    bearing: str
    note: str


@dataclass(frozen=True, slots=True)
class Claim:
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


@dataclass(frozen=True, slots=True)
class Objective:
    id: str
    number: int
    title: str
    summary: str
    events: tuple[str, ...]


Record = Event | Source | Actor | Summit | Claim | Objective


@dataclass
class Dataset:
    """A validated dataset with its indexes. Events are kept in sort-key order."""

    events: list[Event]
    sources: dict[str, Source]
    actors: dict[str, Actor]
    summits: dict[str, Summit]
    claims: dict[str, Claim]
    objectives: dict[str, Objective]
    path: str = ""
    event_index: dict[str, Event] = field(init=False)

    def __post_init__(self) -> None:
        self.events.sort(key=lambda e: e.sort_key)
        self.event_index = {e.id: e for e in self.events}

    def records(self) -> Iterable[Record]:
        yield from self.events
        for table in (self.sources, self.actors, self.summits, self.claims, self.objectives):
            yield from table.values()

    def timeline(self, **filters: Any) -> list[Event]:
        """Events matching `filters` (see `nkus.query.EventFilter`), in order."""
        from nkus.query import EventFilter, timeline

        return timeline(self, EventFilter.build(**filters))
