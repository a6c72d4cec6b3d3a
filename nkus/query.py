"""Pure queries over a loaded dataset: no printing, no Typer, no Rich.

Date filters are overlap-aware: an event lies in [start, end] when its bounds overlap that range
(a partial date covers its whole period: `end="2019-10"` means up to 31 October). With
`within=True` an event must lie entirely inside the range.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from datetime import date
from typing import NamedTuple

from nkus.dates import DateError, PartialDate, parse_user_date
from nkus.vocab import CLAIM_KINDS, EVENT_KINDS

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from typing import Any

    from nkus.model import Claim, Dataset, Event, Objective, Record, Summit


class QueryError(ValueError):
    """A query the dataset cannot answer as asked (bad filter value): a usage error."""


class NotFound(LookupError):
    """No record has the id or name asked for."""


def suggest(word: str, choices: Iterable[str]) -> str:
    """`" — did you mean 'x'?"` for the closest choice, or "" when none is close."""
    import difflib

    close = difflib.get_close_matches(word.lower(), list(choices), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def _bound(value: str | date | PartialDate | None, upper: bool, flag: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        partial = value if isinstance(value, PartialDate) else parse_user_date(value)
    except DateError as exc:
        raise QueryError(f"bad date for {flag}: {exc}") from None
    return partial.last() if upper else partial.first()


class EventFilter(NamedTuple):
    start: date | None = None
    end: date | None = None
    kinds: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    text: str = ""
    within: bool = False
    summit: str = ""

    @classmethod
    def build(
        cls,
        start: str | date | PartialDate | None = None,
        end: str | date | PartialDate | None = None,
        kinds: Iterable[str] = (),
        actors: Iterable[str] = (),
        countries: Iterable[str] = (),
        tags: Iterable[str] = (),
        text: str = "",
        within: bool = False,
        summit: str = "",
    ) -> EventFilter:
        lo, hi = _bound(start, False, "--from"), _bound(end, True, "--to")
        if lo is not None and hi is not None and lo > hi:
            raise QueryError(f"--from {start} is after --to {end}")
        kinds = frozenset(k.lower() for k in kinds)
        for kind in sorted(kinds - set(EVENT_KINDS)):
            raise QueryError(f"unknown kind '{kind}'{suggest(kind, EVENT_KINDS)} (kinds: {', '.join(EVENT_KINDS)})")
        return cls(
            lo, hi, kinds, frozenset(a.lower() for a in actors), frozenset(c.upper() for c in countries),
            frozenset(t.lower() for t in tags), text.lower(), within, summit.lower(),
        )  # fmt: skip

    # Each part of the filter is its own test so that the cached index (nkus.index) can apply
    # the same rules to its columns without building Event objects.
    def first_day(self) -> int | None:
        return self.start.toordinal() if self.start else None

    def last_day(self) -> int | None:
        return self.end.toordinal() if self.end else None

    def kind_ok(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def actors_ok(self, actor_ids: Collection[str]) -> bool:
        return not self.actors or not self.actors.isdisjoint(actor_ids)

    def countries_ok(self, countries: Collection[str]) -> bool:
        return not self.countries or not self.countries.isdisjoint(countries)

    def tags_ok(self, tags: Collection[str]) -> bool:
        return not self.tags or not self.tags.isdisjoint(tags)

    def summit_ok(self, summit: str | None) -> bool:
        return not self.summit or summit == self.summit

    def text_ok(self, haystack: str) -> bool:
        return not self.text or self.text in haystack

    def matches(self, ev: Event, countries: Collection[str]) -> bool:
        return (
            overlaps(ev.lower.toordinal(), ev.upper.toordinal(), self.first_day(), self.last_day(), self.within)
            and self.kind_ok(ev.kind)
            and self.actors_ok(ev.actors)
            and self.countries_ok(countries)
            and self.tags_ok(ev.tags)
            and self.summit_ok(ev.summit)
            and (not self.text or self.text_ok(haystack(ev.id, ev.title, ev.summary, ev.location, ev.tags)))
        )


def overlaps(lower: int, upper: int, start: int | None, end: int | None, within: bool) -> bool:
    """Whether days [lower, upper] overlap [start, end] (open ends allowed), or lie within it.
    Days are ordinals (`date.toordinal()`), which is how the index stores them."""
    if within:
        return (start is None or lower >= start) and (end is None or upper <= end)
    return (start is None or upper >= start) and (end is None or lower <= end)


def haystack(rid: str, title: str, summary: str, location: str | None, tags: Iterable[str]) -> str:
    """The text `--search` looks in."""
    return " ".join((rid, title, summary, location or "", " ".join(tags))).lower()


def event_countries(ds: Dataset, ev: Event) -> frozenset[str]:
    return frozenset(ds.actors[a].country for a in ev.actors if a in ds.actors)


def _resolve_actors(actors: list[ActorKey], names: frozenset[str]) -> frozenset[str]:
    """Actor filter values are ids or parts of names; each must name at least one actor."""
    ids: set[str] = set()
    for name in names:
        hits = {rid for rid, full, _ in actors if rid == name or name in full.lower()}
        if not hits:
            raise QueryError(f"no actor '{name}'{suggest(name, [rid for rid, _, _ in actors])}")
        ids |= hits
    return frozenset(ids)


def _check_known(values: frozenset[str], known: set[str], what: str) -> None:
    for value in sorted(values - known):
        raise QueryError(f"no {what} '{value}'{suggest(value, known)}")


def check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise QueryError(f"--limit must be 0 or more, not {limit}")


ActorKey = tuple[str, str, str]  # id, name, country: what filters need to know of an actor


def resolve(flt: EventFilter, actors: Iterable[ActorKey], tags: Iterable[str], summits: dict[str, str]) -> EventFilter:
    """The filter with actor names and summit aliases turned into ids; unknown values are errors."""
    actors = list(actors)
    if flt.countries:
        _check_known(flt.countries, {country for _, _, country in actors}, "country")
    if flt.tags:
        _check_known(flt.tags, set(tags), "tag")
    summit = ""
    if flt.summit:
        if flt.summit not in summits:
            raise NotFound(f"no summit '{flt.summit}'{suggest(flt.summit, summits)}")
        summit = summits[flt.summit]
    return flt._replace(actors=_resolve_actors(actors, flt.actors), summit=summit)


def timeline(ds: Dataset, flt: EventFilter, limit: int | None = None, reverse: bool = False) -> list[Event]:
    """The events matching `flt`, in date order (or reversed), at most `limit` of them."""
    check_limit(limit)
    actors = [(a.id, a.name, a.country) for a in ds.actors.values()]
    flt = resolve(flt, actors, {t for e in ds.events for t in e.tags}, summit_names(ds))
    events = reversed(ds.events) if reverse else iter(ds.events)
    out: list[Event] = []
    for ev in events:
        if limit is not None and len(out) >= limit:
            break
        if flt.matches(ev, event_countries(ds, ev) if flt.countries else ()):
            out.append(ev)
    return out


def summit_names(ds: Dataset) -> dict[str, str]:
    """Every id and alias, lowercased, to its summit's id."""
    names = {}
    for s in ds.summits.values():
        for name in (s.id, *s.aliases):
            names[name.lower()] = s.id
    return names


def find_summit(ds: Dataset, name: str) -> Summit:
    names = summit_names(ds)
    key = name.strip().lower()
    if key not in names:
        raise NotFound(f"no summit '{name}'{suggest(key, names)}")
    return ds.summits[names[key]]


def summits_in_order(ds: Dataset) -> list[Summit]:
    return sorted(ds.summits.values(), key=lambda s: (s.when.bounds(), s.id))


def claims_about(ds: Dataset, record_id: str) -> list[Claim]:
    """Claims that name `record_id` as an event, summit or objective, or cite it as evidence."""
    return [c for c in ds.claims.values() if record_id in claim_targets(c)]


def claim_targets(c: Claim) -> dict[str, None]:
    """The ids a claim is about, in order, each once: what makes a claim "about" a record."""
    return dict.fromkeys((*c.events, *c.summits, *c.objectives, *(e.event for e in c.evidence)))


def claims_by_record(ds: Dataset) -> dict[str, list[str]]:
    """For every record id, the ids of the claims about it (as `claims_about`, for all at once)."""
    out: dict[str, list[str]] = {}
    for c in ds.claims.values():
        for rid in claim_targets(c):
            out.setdefault(rid, []).append(c.id)
    return out


def claims(ds: Dataset, kinds: Iterable[str] = (), about: str = "") -> list[Claim]:
    kinds = {k.lower() for k in kinds}
    for kind in sorted(kinds - set(CLAIM_KINDS)):
        raise QueryError(f"unknown claim kind '{kind}'{suggest(kind, CLAIM_KINDS)} (kinds: {', '.join(CLAIM_KINDS)})")
    chosen = list(ds.claims.values())
    if about:
        target = resolve_id(ds, about)
        chosen = claims_about(ds, target)
    return [c for c in chosen if not kinds or c.kind in kinds]


def resolve_id(ds: Dataset, name: str) -> str:
    """An id of any record, or a summit alias."""
    key = name.strip().lower()
    if get_record(ds, key) is not None:
        return key
    names = summit_names(ds)
    if key in names:
        return names[key]
    raise NotFound(f"no record '{name}'{suggest(key, [r.id for r in ds.records()] + list(names))}")


def objectives(ds: Dataset) -> list[Objective]:
    return sorted(ds.objectives.values(), key=lambda o: (o.number, o.id))


def find_objective(ds: Dataset, name: str) -> Objective:
    key = name.strip().lower()
    for o in ds.objectives.values():
        if key in (o.id, str(o.number)):
            return o
    raise NotFound(f"no objective '{name}'{suggest(key, ds.objectives)}")


def get_record(ds: Dataset, rid: str) -> Record | None:
    tables: tuple[dict[str, Any], ...] = (ds.event_index, ds.sources, ds.actors, ds.summits, ds.claims, ds.objectives)
    for table in tables:
        if rid in table:
            record: Record = table[rid]
            return record
    return None


def find_record(ds: Dataset, rid: str) -> Record:
    record = get_record(ds, rid)
    if record is None:
        raise NotFound(f"no record '{rid}'{suggest(rid, [r.id for r in ds.records()])}")
    return record


def references(record: Record) -> set[str]:
    """The ids a record points at."""
    out: set[str] = set()
    for name in ("actors", "sources", "events", "summits", "objectives", "principals"):
        out.update(getattr(record, name, ()))
    for name in ("summit", "source"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            out.add(value)
    out.update(e.event for e in getattr(record, "evidence", ()))
    for d in getattr(record, "disputes", ()):
        out.update(d.sources)
    return out


def linked_from(ds: Dataset, rid: str) -> list[Record]:
    """Every record that points at `rid`."""
    return [r for r in ds.records() if rid in references(r)]


def citations(ds: Dataset) -> Counter[str]:
    """How many records cite each source."""
    counts: Counter[str] = Counter()
    for record in ds.records():
        for rid in references(record):
            if rid in ds.sources:
                counts[rid] += 1
    return counts


def month_key(ev: Event) -> str:
    """The month an event falls in, or its year when the sources give no month."""
    return ev.when.start.iso()[:7]
