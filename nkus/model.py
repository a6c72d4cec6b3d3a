"""The record types of a loaded dataset. Built only from validated data, so fields are trusted.

Records are NamedTuples rather than dataclasses: they are as quick to build as plain tuples (a
dataset can hold a million events) and importing `dataclasses` would cost more start-up time than
validating a thousand records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from nkus.dates import When
from nkus.vocab import STRONG_PUBLISHER_KINDS

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs it (see nkus.tuples)
if TYPE_CHECKING:
    from typing import Any, NamedTuple

    from nkus.index import Index
    from nkus.loader import Records
else:
    from nkus.tuples import NamedTuple


class Missile(NamedTuple):
    number: int | None  # the stored field `count` (a NamedTuple field cannot be called count)
    system: str | None
    cls: str
    note: str = ""
    time: str = ""  # HH:MM, Korean time
    site: str = ""
    apogee_km: float | None = None
    range_km: float | None = None
    outcome: str = ""


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


class Publisher(NamedTuple):
    id: str
    name: str
    kind: str
    country: str = ""
    url: str = ""
    of_record: bool = False
    note: str = ""

    @property
    def strong(self) -> bool:
        """A primary or expert publisher, a wire service or an outlet of record."""
        return self.of_record or self.kind in STRONG_PUBLISHER_KINDS


class Tag(NamedTuple):
    id: str
    description: str


class Source(NamedTuple):
    id: str
    publisher: str  # a publisher id
    title: str
    date: str
    url: str
    type: str
    author: str = ""
    note: str = ""
    via: str = ""  # for a repost, the original's publisher id


class Actor(NamedTuple):
    id: str
    name: str
    type: str
    country: str = ""  # international organisations have none
    role: str = ""
    aliases: tuple[str, ...] = ()  # other names a search finds the actor by


class Verdict(NamedTuple):
    source: str
    by: str
    summary: str
    spectacle: str = ""
    substance: str = ""
    claim: str = ""


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
    verdicts: tuple[Verdict, ...] = ()


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
    agreements: tuple[str, ...] = ()


class Provision(NamedTuple):
    dimension: str
    summary: str
    clause: str = ""
    fate: str = ""
    sources: tuple[str, ...] = ()


class Agreement(NamedTuple):
    id: str
    aliases: tuple[str, ...]
    name: str
    when: When
    parties: tuple[str, ...]
    text_source: str
    sources: tuple[str, ...]
    summary: str
    provisions: tuple[Provision, ...]
    place: str = ""
    signatories: tuple[str, ...] = ()
    events: tuple[str, ...] = ()
    summit: str | None = None
    fate: str = ""


class Coverage(NamedTuple):
    id: str
    kinds: tuple[str, ...]  # empty: every kind
    start: When
    end: When
    level: str
    note: str = ""
    classes: tuple[str, ...] = ()  # for launches: the missile classes the level applies to


class Objective(NamedTuple):
    id: str
    number: int
    title: str
    summary: str
    events: tuple[str, ...]


Record = Event | Source | Actor | Summit | Claim | Objective | Publisher | Tag | Agreement | Coverage


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
        *,
        publishers: dict[str, Publisher] | None = None,
        tags: dict[str, Tag] | None = None,
        agreements: dict[str, Agreement] | None = None,
        coverage: dict[str, Coverage] | None = None,
        layers: Sequence[str] = (),
    ) -> None:
        events.sort(key=lambda e: e.sort_key)
        self.events, self.sources, self.actors, self.summits = events, sources, actors, summits
        self.claims, self.objectives, self.path = claims, objectives, path
        self.layers = tuple(layers) or ((path,) if path else ())  # the directories, the base first
        self.publishers, self.tags = publishers or {}, tags or {}
        self.agreements, self.coverage = agreements or {}, coverage or {}
        self.event_index = {e.id: e for e in events}
        self._index: Index | None = None

    def index(self) -> Index:
        """The events' index, made on first use: every event query is answered through it."""
        if self._index is None:
            from nkus.index import of_dataset

            self._index = of_dataset(self)
        return self._index

    def records(self) -> Iterable[Record]:
        yield from self.events
        for table in self.tables():
            yield from table.values()

    def tables(self) -> tuple[dict[str, Any], ...]:
        """Every record type but events, by id."""
        return (
            self.sources, self.actors, self.summits, self.claims, self.objectives, self.publishers, self.tags,
            self.agreements, self.coverage,
        )  # fmt: skip

    def timeline(self, **filters: Any) -> list[Event]:
        """Events matching `filters` (see `nkus.query.EventFilter`), in order."""
        from nkus.query import EventFilter, timeline

        limit, reverse = filters.pop("limit", None), filters.pop("reverse", False)
        return timeline(self, EventFilter.build(**filters), limit, reverse)


def from_records(records: Records) -> Dataset:
    """The model of a dataset's validated records (see `loader.validate`)."""
    built: dict[str, list[Any]] = {
        name: [_BUILDERS[name](records, r) for r in items] for name, items in records.by_collection.items()
    }
    return Dataset(
        events=built["events"],
        sources={s.id: s for s in built["sources"]},
        actors={a.id: a for a in built["actors"]},
        summits={s.id: s for s in built["summits"]},
        claims={c.id: c for c in built["claims"]},
        objectives={o.id: o for o in built["objectives"]},
        path=records.root,
        layers=records.roots,
        **{name: {r.id: r for r in built[name]} for name in ("publishers", "tags", "agreements", "coverage")},
    )


# Builders of each record type, from records that passed validation.
def _t(value: Any) -> tuple[Any, ...]:
    return tuple(value or ())


def _event(rs: Records, r: dict[str, Any]) -> Event:
    when = rs.when(r)
    m = r.get("missile")
    missile = _missile(m) if m else None
    disputes = tuple(Dispute(d["field"], d["note"], _t(d["sources"])) for d in r.get("disputes", ()))
    lower, upper = when.bounds()
    return Event(
        r["id"], when, lower, upper, r["kind"], r["title"], r["summary"], _t(r["actors"]), _t(r["sources"]),
        r.get("location", ""), _t(r.get("tags")), r.get("summit"), missile, disputes, r,
    )  # fmt: skip


def _missile(m: dict[str, Any]) -> Missile:
    return Missile(
        m["count"], m["system"], m["class"], m.get("note", ""), m.get("time", ""), m.get("site", ""),
        m.get("apogee_km"), m.get("range_km"), m.get("outcome", ""),
    )  # fmt: skip


def _source(rs: Records, r: dict[str, Any]) -> Source:
    return Source(
        r["id"], r["publisher"], r["title"], r["date"], r["url"], r["type"], r.get("author", ""), r.get("note", ""),
        r.get("via", ""),
    )  # fmt: skip


def _actor(rs: Records, r: dict[str, Any]) -> Actor:
    return Actor(r["id"], r["name"], r["type"], r.get("country", ""), r.get("role", ""), _t(r.get("aliases")))


def _publisher(rs: Records, r: dict[str, Any]) -> Publisher:
    return Publisher(
        r["id"], r["name"], r["kind"], r.get("country", ""), r.get("url", ""), r.get("of_record", False),
        r.get("note", ""),
    )  # fmt: skip


def _tag(rs: Records, r: dict[str, Any]) -> Tag:
    return Tag(r["id"], r["description"])


def _agreement(rs: Records, r: dict[str, Any]) -> Agreement:
    provisions = tuple(
        Provision(p["dimension"], p["summary"], p.get("clause", ""), p.get("fate", ""), _t(p.get("sources")))
        for p in r["provisions"]
    )
    return Agreement(
        r["id"], _t(r["aliases"]), r["name"], rs.when(r), _t(r["parties"]), r["text_source"], _t(r["sources"]),
        r["summary"], provisions, r.get("place", ""), _t(r.get("signatories")), _t(r.get("events")), r.get("summit"),
        r.get("fate", ""),
    )  # fmt: skip


def _coverage(rs: Records, r: dict[str, Any]) -> Coverage:
    from nkus.dates import parse_iso

    return Coverage(
        r["id"], _t(r["kinds"]), When(parse_iso(r["from"]), None, None, False),
        When(parse_iso(r["to"]), None, None, False), r["level"], r.get("note", ""), _t(r.get("classes")),
    )  # fmt: skip


def _summit(rs: Records, r: dict[str, Any]) -> Summit:
    doc = r.get("document") or {}
    verdicts = tuple(
        Verdict(v["source"], v["by"], v["summary"], v.get("spectacle", ""), v.get("substance", ""), v.get("claim", ""))
        for v in r.get("verdicts", ())
    )
    return Summit(
        r["id"], _t(r["aliases"]), r["name"], r["type"], rs.when(r), r["place"], _t(r["principals"]),
        _t(r.get("agenda")), r["outcome"], r.get("aftermath", ""), _t(r["events"]), _t(r["sources"]),
        {k: _t(v) for k, v in (r.get("delegations") or {}).items()},
        doc.get("title", ""), _t(doc.get("provisions")), verdicts,
    )  # fmt: skip


def _claim(rs: Records, r: dict[str, Any]) -> Claim:
    evidence = tuple(Evidence(e["event"], e["bearing"], e["note"]) for e in r.get("evidence", ()))
    return Claim(
        r["id"], r["kind"], r["summary"], r["quote"], r["source"], r["location"],
        _t(r.get("events")), _t(r.get("summits")), _t(r.get("objectives")), evidence, _t(r.get("agreements")),
    )  # fmt: skip


def _objective(rs: Records, r: dict[str, Any]) -> Objective:
    return Objective(r["id"], r["number"], r["title"], r["summary"], _t(r["events"]))


_BUILDERS: dict[str, Callable[[Records, dict[str, Any]], Record]] = {
    "events": _event,
    "sources": _source,
    "actors": _actor,
    "summits": _summit,
    "claims": _claim,
    "objectives": _objective,
    "publishers": _publisher,
    "tags": _tag,
    "agreements": _agreement,
    "coverage": _coverage,
}
