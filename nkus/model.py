"""The record types of a loaded dataset. Built only from validated data, so fields are trusted.

Records are NamedTuples rather than dataclasses: they are as quick to build as plain tuples (a
dataset can hold a million events) and importing `dataclasses` would cost more start-up time than
validating a thousand records.
"""

from __future__ import annotations

from operator import attrgetter

from nkus.dates import When
from nkus.vocab import STRONG_PUBLISHER_KINDS

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs it (see nkus.tuples)
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from datetime import date
    from typing import Any, NamedTuple
else:
    from nkus.tuples import NamedTuple


class Salvo(NamedTuple):
    """One of a day's launches, at its own time, site or system; "" or None: as the day's."""

    number: int | None  # the stored field `count`
    time: str = ""
    system: str = ""
    cls: str = ""
    site: str = ""
    site_id: str = ""
    apogee_km: float | None = None
    range_km: float | None = None
    outcome: str = ""


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
    site_id: str = ""  # a site id
    salvos: tuple[Salvo, ...] = ()


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


class Site(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    province: str = ""
    lat: float | None = None
    lon: float | None = None
    sources: tuple[str, ...] = ()
    note: str = ""


class Tag(NamedTuple):
    id: str
    description: str


class Name(NamedTuple):
    """One name of a byline: a person's `family` and `given` names, or an organisation's `literal`
    name, whole. Korean and Chinese names are written family name first (`family_first`)."""

    family: str = ""
    given: str = ""
    literal: str = ""
    family_first: bool = False

    @property
    def text(self) -> str:
        """The name as a reader writes it: "Song Sang-ho", "Josh Smith", "TASS"."""
        if self.literal:
            return self.literal
        parts = (self.family, self.given) if self.family_first else (self.given, self.family)
        return " ".join(p for p in parts if p)


class Source(NamedTuple):
    id: str
    publisher: str  # a publisher id
    title: str
    date: str
    url: str
    type: str
    authors: tuple[Name, ...] = ()
    note: str = ""
    via: str = ""  # for a repost, the original's publisher id

    @property
    def byline(self) -> str:
        """The authors as a byline reads: "A", "A and B", "A, B and C"."""
        names = [n.text for n in self.authors]
        return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else "".join(names)


class Actor(NamedTuple):
    id: str
    name: str
    type: str
    country: str = ""  # international organisations have none
    role: str = ""
    aliases: tuple[str, ...] = ()  # other names a search finds the actor by


class Verdict(NamedTuple):
    source: str
    by: str  # whose judgement
    summary: str
    spectacle: str = ""
    substance: str = ""
    claim: str = ""
    voice: str = "author"  # vocab.VOICES: the source's own judgement, or one it reports


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
    speaker: str = ""  # whose words the quote is
    voice: str = "author"  # vocab.VOICES: the source's own words, or words it reports


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


Record = Event | Source | Actor | Summit | Claim | Objective | Publisher | Tag | Agreement | Coverage | Site
RECORD_TYPES = tuple(
    t.__name__ for t in (Event, Source, Actor, Summit, Claim, Objective, Publisher, Tag, Agreement, Coverage, Site)
)


class Dataset:
    """A validated dataset. Events are kept in sort-key order (a sorted copy of the list given).

    `cache` holds what the layers above derive from the dataset and keep with it (its events'
    index): the model itself knows nothing of them."""

    def __init__(
        self,
        events: Iterable[Event],
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
        sites: dict[str, Site] | None = None,
        layers: Sequence[str] = (),
    ) -> None:
        self.events = sorted(events, key=_SORT_KEY)
        self.sources, self.actors, self.summits = sources, actors, summits
        self.claims, self.objectives, self.path = claims, objectives, path
        self.layers = tuple(layers) or ((path,) if path else ())  # the directories, the base first
        self.publishers, self.tags = publishers or {}, tags or {}
        self.agreements, self.coverage = agreements or {}, coverage or {}
        self.sites = sites or {}
        self.event_index = {e.id: e for e in self.events}
        self.cache: dict[str, Any] = {}
        self._claims_about: dict[str, list[str]] | None = None

    def __getstate__(self) -> dict[str, Any]:
        """What a copy keeps (`nkus.cache`): the records, not what was derived from them."""
        return {k: v for k, v in self.__dict__.items() if k not in ("cache", "_claims_about")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, cache={}, _claims_about=None)

    def records(self) -> Iterable[Record]:
        yield from self.events
        for table in self.tables():
            yield from table.values()

    def tables(self) -> tuple[dict[str, Any], ...]:
        """Every record type but events, by id."""
        return (
            self.sources, self.actors, self.summits, self.claims, self.objectives, self.publishers, self.tags,
            self.agreements, self.coverage, self.sites,
        )  # fmt: skip

    def claims_about(self, record_id: str) -> list[str]:
        """The ids of the claims about a record (see `claim_targets`), in file order. The map of
        every record to its claims is made once, on first use."""
        if self._claims_about is None:
            self._claims_about = claims_by_target((c.id, claim_targets(c)) for c in self.claims.values())
        return self._claims_about.get(record_id, [])

    def claims_map(self) -> dict[str, list[str]]:
        """Every record id that claims are about, to the ids of those claims."""
        self.claims_about("")
        assert self._claims_about is not None
        return self._claims_about

    def summit_names(self) -> dict[str, str]:
        """Every summit id and alias, lowercased, to its summit's id."""
        return alias_table((s.id, s.aliases) for s in self.summits.values())

    def countries(self, ev: Event) -> list[str]:
        """The countries of an event's actors, sorted."""
        return sorted({self.actors[a].country for a in ev.actors if a in self.actors} - {""})


_SORT_KEY = attrgetter("lower", "upper", "id")  # Event.sort_key, read in C


def alias_table(named: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """Every id and alias of (id, aliases) pairs, lowercased, to its id."""
    names = {}
    for rid, aliases in named:
        for name in (rid, *aliases):
            names[name.lower()] = rid
    return names


def claim_targets(c: Claim) -> dict[str, None]:
    """What makes a claim "about" a record: the ids of its events, summits and objectives, and of
    the events it cites as evidence, in order, each once."""
    return dict.fromkeys((*c.events, *c.summits, *c.objectives, *(e.event for e in c.evidence)))


def claims_by_target(claims: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    """For every record id, the ids of the claims about it, from (claim id, target ids) pairs."""
    out: dict[str, list[str]] = {}
    for cid, about in claims:
        for rid in about:
            out.setdefault(rid, []).append(cid)
    return out


# Builders of each record type, from records that passed validation (`loader.load` calls them).
# `when` gives a record's date: records share dates, so the loader makes each date once.
if TYPE_CHECKING:
    WhenOf = Callable[[dict[str, Any]], When]


def _t(value: Any) -> tuple[Any, ...]:
    return tuple(value or ())


def event(span: tuple[When, date, date], r: dict[str, Any]) -> Event:
    """An event from its record and its date with the date's bounds (made once per date: a
    dataset may hold a million events and far fewer dates)."""
    get = r.get
    m = get("missile")
    d = get("disputes")
    return Event(
        r["id"], *span, r["kind"], r["title"], r["summary"], tuple(r["actors"]), tuple(r["sources"]),
        get("location", ""), tuple(get("tags", ())), get("summit"), _missile(m) if m else None,
        tuple(Dispute(x["field"], x["note"], tuple(x["sources"])) for x in d) if d else (),
    )  # fmt: skip


def _missile(m: dict[str, Any]) -> Missile:
    return Missile(
        m["count"], m["system"], m["class"], m.get("note", ""), m.get("time", ""), m.get("site", ""),
        m.get("apogee_km"), m.get("range_km"), m.get("outcome", ""), m.get("site_id", ""),
        tuple(map(_salvo, m["salvos"])) if "salvos" in m else (),
    )  # fmt: skip


def _salvo(s: dict[str, Any]) -> Salvo:
    return Salvo(
        s["count"], s.get("time", ""), s.get("system", ""), s.get("class", ""), s.get("site", ""),
        s.get("site_id", ""), s.get("apogee_km"), s.get("range_km"), s.get("outcome", ""),
    )  # fmt: skip


def _site(when: WhenOf, r: dict[str, Any]) -> Site:
    return Site(
        r["id"], r["name"], _t(r.get("aliases")), r.get("province", ""), r.get("lat"), r.get("lon"),
        _t(r.get("sources")), r.get("note", ""),
    )  # fmt: skip


def _source(when: WhenOf, r: dict[str, Any]) -> Source:
    return Source(
        r["id"], r["publisher"], r["title"], r["date"], r["url"], r["type"],
        tuple(Name(n.get("family", ""), n.get("given", ""), n.get("literal", ""), n.get("family_first", False))
              for n in r.get("authors", ())),
        r.get("note", ""),
        r.get("via", ""),
    )  # fmt: skip


def _actor(when: WhenOf, r: dict[str, Any]) -> Actor:
    return Actor(r["id"], r["name"], r["type"], r.get("country", ""), r.get("role", ""), _t(r.get("aliases")))


def _publisher(when: WhenOf, r: dict[str, Any]) -> Publisher:
    return Publisher(
        r["id"], r["name"], r["kind"], r.get("country", ""), r.get("url", ""), r.get("of_record", False),
        r.get("note", ""),
    )  # fmt: skip


def _tag(when: WhenOf, r: dict[str, Any]) -> Tag:
    return Tag(r["id"], r["description"])


def _agreement(when: WhenOf, r: dict[str, Any]) -> Agreement:
    provisions = tuple(
        Provision(p["dimension"], p["summary"], p.get("clause", ""), p.get("fate", ""), _t(p.get("sources")))
        for p in r["provisions"]
    )
    return Agreement(
        r["id"], _t(r["aliases"]), r["name"], when(r), _t(r["parties"]), r["text_source"], _t(r["sources"]),
        r["summary"], provisions, r.get("place", ""), _t(r.get("signatories")), _t(r.get("events")), r.get("summit"),
        r.get("fate", ""),
    )  # fmt: skip


def _coverage(when: WhenOf, r: dict[str, Any]) -> Coverage:
    from nkus.dates import parse_iso

    return Coverage(
        r["id"], _t(r["kinds"]), When(parse_iso(r["from"]), None, None, False),
        When(parse_iso(r["to"]), None, None, False), r["level"], r.get("note", ""), _t(r.get("classes")),
    )  # fmt: skip


def _summit(when: WhenOf, r: dict[str, Any]) -> Summit:
    doc = r.get("document") or {}
    verdicts = tuple(
        Verdict(v["source"], v["by"], v["summary"], v.get("spectacle", ""), v.get("substance", ""), v.get("claim", ""),
                v["voice"])
        for v in r.get("verdicts", ())
    )  # fmt: skip
    return Summit(
        r["id"], _t(r["aliases"]), r["name"], r["type"], when(r), r["place"], _t(r["principals"]),
        _t(r.get("agenda")), r["outcome"], r.get("aftermath", ""), _t(r["events"]), _t(r["sources"]),
        {k: _t(v) for k, v in (r.get("delegations") or {}).items()},
        doc.get("title", ""), _t(doc.get("provisions")), verdicts,
    )  # fmt: skip


def _claim(when: WhenOf, r: dict[str, Any]) -> Claim:
    evidence = tuple(Evidence(e["event"], e["bearing"], e["note"]) for e in r.get("evidence", ()))
    return Claim(
        r["id"], r["kind"], r["summary"], r["quote"], r["source"], r["location"],
        _t(r.get("events")), _t(r.get("summits")), _t(r.get("objectives")), evidence, _t(r.get("agreements")),
        r["speaker"], r["voice"],
    )  # fmt: skip


def _objective(when: WhenOf, r: dict[str, Any]) -> Objective:
    return Objective(r["id"], r["number"], r["title"], r["summary"], _t(r["events"]))


BUILDERS: dict[str, Callable[[WhenOf, dict[str, Any]], Record]] = {  # (annotations are not evaluated)
    "sources": _source,
    "actors": _actor,
    "summits": _summit,
    "claims": _claim,
    "objectives": _objective,
    "publishers": _publisher,
    "tags": _tag,
    "agreements": _agreement,
    "coverage": _coverage,
    "sites": _site,
}
