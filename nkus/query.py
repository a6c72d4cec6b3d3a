"""Pure queries over a loaded dataset: no printing, no Typer, no Rich. Timeline filters are
defined in `nkus.filters`; every event query is answered through `nkus.index`."""

from __future__ import annotations

from nkus import model
from nkus.errors import NotFound, UsageError
from nkus.filters import EventFilter
from nkus.index import answer, of_dataset
from nkus.index import notes as index_notes
from nkus.names import missing, unknown
from nkus.vocab import CLAIM_KINDS

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Iterable, Iterator
    from typing import Any

    from nkus.index import Answer
    from nkus.launches import Launch
    from nkus.location import Where
    from nkus.model import Agreement, Claim, Coverage, Event, Objective, Record, Source, Summit
    from nkus.sequence import Follows, Pause


class Dataset(model.Dataset):
    """A loaded dataset with its queries: what `nkus.load` returns.

    >>> ds.timeline(start="2019-05", end="2019-10", kinds={"missile-test"})
    """

    def timeline(self, *, limit: int | None = None, reverse: bool = False, **filters: Any) -> list[Event]:
        """Events matching `filters` (the keywords of `nkus.filters.EventFilter.build`), in order."""
        return timeline(self, EventFilter.build(**filters), limit, reverse).events

    def follows(self, cause: dict[str, Any], effect: dict[str, Any], within: int, **options: Any) -> Follows:
        """See `follows`: `start`, `end` and the other options are its keywords."""
        return follows(self, cause, effect, within, **options)

    def missiles(self, **filters: Any) -> list[Launch]:
        """The missiles of the launches matching `filters`, one by one (see `nkus.launches`)."""
        from nkus.launches import launches

        return launches(self, self.timeline(**filters))

    def pauses(self, longest: int | None = 10, **filters: Any) -> list[Pause]:
        """The longest gaps between consecutive events matching `filters`, longest first."""
        from nkus import sequence

        return sequence.pauses(self, self.timeline(**filters), longest)[0]


def load(where: Where = None) -> Dataset:
    """Load and validate a dataset (see `nkus.loader.load`), with its queries."""
    from nkus.loader import load_as

    return load_as(Dataset, where)


def timeline(ds: model.Dataset, flt: EventFilter, limit: int | None = None, reverse: bool = False) -> Answer:
    """The events matching `flt`, in date order (or reversed), at most `limit` of them, and the
    coverage note for the query's range if it has one. Answered by the same index code as
    `nkus timeline` (`nkus.index.matching`), on an index of the dataset kept in memory."""
    found = answer(of_dataset(ds), flt, limit, reverse, ds.events.__getitem__)
    found.context = ds
    return found


def notes(ds: model.Dataset, flt: EventFilter) -> list[str]:
    """The notes a query over `flt`'s range gets (see `nkus.index.notes`)."""
    return index_notes(of_dataset(ds), flt)


def follows(
    ds: model.Dataset,
    cause: dict[str, Any],
    effect: dict[str, Any],
    within: int,
    *,
    start: str | None = None,
    end: str | None = None,
    **options: Any,
) -> Follows:
    """How often events matching `cause` (filters, as `timeline` takes them, and `ids`) were
    followed within `within` days by events matching `effect`, against a baseline; `start` and
    `end` bound both and make the baseline's period. `options`: `before`, `from_end`,
    `permutations`, `seed` (see `nkus.sequence.follows`)."""
    from nkus import sequence

    dates = EventFilter.build(start=start, end=end)
    chosen = [
        select(ds, EventFilter.build(start=start, end=end, **{k: v for k, v in s.items() if k != "ids"}),
               s.get("ids", ()))
        for s in (cause, effect)
    ]  # fmt: skip
    period = (dates.start, dates.end) if dates.start is not None and dates.end is not None else None
    return sequence.follows(chosen[0], chosen[1], within, period=period, **options)


def select(ds: model.Dataset, flt: EventFilter, ids: Iterable[str] = ()) -> list[Event]:
    """The events `flt` keeps, or those of `ids` among them (an id that names no event is an error)."""
    wanted = set(ids)
    for rid in sorted(wanted - set(ds.event_index)):
        raise UsageError(missing("event", rid, ds.event_index))
    return [e for e in timeline(ds, flt).events if not wanted or e.id in wanted]


def summit_context(ds: model.Dataset, s: Summit, context: int) -> tuple[list[Event], list[Event]]:
    """Up to `context` events that ended before a summit began, and that began after it ended."""
    own = set(s.events)
    first = min(ds.event_index[e].lower for e in own)
    last = max(ds.event_index[e].upper for e in own)
    before = [e for e in ds.events if e.upper < first and e.id not in own][-context:] if context else []
    after = [e for e in ds.events if e.lower > last and e.id not in own][:context]
    return before, after


def find_summit(ds: model.Dataset, name: str) -> Summit:
    return ds.summits[_named(ds.summit_names(), "summit", name)]


def _named(names: dict[str, str], what: str, name: str) -> str:
    """The id an id or alias names, in any case; NotFound with a suggestion otherwise."""
    key = name.strip().lower()
    if key not in names:
        raise NotFound(missing(what, name, names))
    return names[key]


def summits_in_order(ds: model.Dataset) -> list[Summit]:
    return sorted(ds.summits.values(), key=lambda s: (s.when.bounds(), s.id))


def claims_about(ds: model.Dataset, record_id: str) -> list[Claim]:
    """Claims that name `record_id` as an event, summit or objective, or cite it as evidence."""
    return [ds.claims[c] for c in ds.claims_about(record_id)]


def claims(ds: model.Dataset, kinds: Iterable[str] = (), about: str = "") -> list[Claim]:
    kinds = {k.lower() for k in kinds}
    for kind in sorted(kinds - set(CLAIM_KINDS)):
        raise UsageError(unknown("claim kind", kind, CLAIM_KINDS, "kinds"))
    chosen = list(ds.claims.values())
    if about:
        try:
            target = resolve_id(ds, about)
        except NotFound as err:  # a filter value, not a record asked for by name: a usage error
            raise UsageError(str(err)) from None
        chosen = claims_about(ds, target)
    return [c for c in chosen if not kinds or c.kind in kinds]


def resolve_id(ds: model.Dataset, name: str) -> str:
    """An id of any record, or a summit or agreement alias. A summit's alias wins over a tag or
    publisher of the same name (`hanoi` is the summit; the tag is `nkus show` by its full listing)."""
    key = name.strip().lower()
    record = get_record(ds, key)
    if record is not None and not isinstance(record, _vocabulary()):
        return key
    names = {**agreement_names(ds), **ds.summit_names()}
    if key in names:
        return names[key]
    if record is not None:
        return key
    raise NotFound(missing("record", name, [r.id for r in ds.records()] + list(names)))


def _vocabulary() -> tuple[type, ...]:
    from nkus.model import Coverage, Publisher, Tag

    return (Publisher, Tag, Coverage)


def objectives(ds: model.Dataset) -> list[Objective]:
    return sorted(ds.objectives.values(), key=lambda o: (o.number, o.id))


def find_objective(ds: model.Dataset, name: str) -> Objective:
    key = name.strip().lower()
    for o in ds.objectives.values():
        if key in (o.id, str(o.number)):
            return o
    raise NotFound(missing("objective", name, ds.objectives))


def get_record(ds: model.Dataset, rid: str) -> Record | None:
    for table in (ds.event_index, *ds.tables()):
        if rid in table:
            record: Record = table[rid]
            return record
    return None


def find_record(ds: model.Dataset, rid: str) -> Record:
    record = get_record(ds, rid)
    if record is None:
        raise NotFound(missing("record", rid, [r.id for r in ds.records()]))
    return record


def references(record: Record) -> set[str]:
    """The ids a record points at: the values of its reference fields, as `nkus.spec` declares them."""
    if not _REFERENCE_PATHS:
        _REFERENCE_PATHS.update(_reference_paths())
    out: set[str] = set()
    for path in _REFERENCE_PATHS[type(record).__name__]:
        out.update(_values(record, path))
    return out


def _values(value: Any, path: tuple[str, ...]) -> Iterator[str]:
    if isinstance(value, tuple) and not hasattr(value, "_fields"):  # a list of ids or of parts
        for item in value:
            yield from _values(item, path)
    elif not path:
        if isinstance(value, str) and value:
            yield value
    else:
        yield from _values(getattr(value, path[0], None), path[1:])


def _reference_paths() -> dict[str, tuple[tuple[str, ...], ...]]:
    from nkus.spec import COLLECTIONS, reference_paths

    # A record type is named for its collection (`Event` for events, `Coverage` for coverage).
    by_type = {c.name.rstrip("s").lower(): reference_paths(c) for c in COLLECTIONS}
    return {name: by_type[name.lower()] for name in model.RECORD_TYPES}


_REFERENCE_PATHS: dict[str, tuple[tuple[str, ...], ...]] = {}  # made on first use: a timeline never needs it


def cited_sources(ds: model.Dataset, record: Record) -> list[Source]:
    """The sources a record cites (its own, its disputes', verdicts', provisions'), by date."""
    return sorted((ds.sources[r] for r in references(record) if r in ds.sources), key=lambda s: (s.date, s.id))


def bibliography(ds: model.Dataset, events: Iterable[Event]) -> list[Source]:
    """Every source that `events` and the claims about them cite, by date: what an export of
    those events needs to cite."""
    chosen = {e.id for e in events}
    found: dict[str, Source] = {}
    records: list[Record] = [ds.event_index[e] for e in chosen]
    records += [c for c in ds.claims.values() if not chosen.isdisjoint(model.claim_targets(c))]
    for record in records:
        found.update((s.id, s) for s in cited_sources(ds, record))
    return sorted(found.values(), key=lambda s: (s.date, s.id))


def linked_from(ds: model.Dataset, rid: str) -> list[Record]:
    """Every record that points at `rid`."""
    return [r for r in ds.records() if rid in references(r)]


def citations(ds: model.Dataset) -> Counter[str]:
    """How many records cite each source."""
    from collections import Counter

    counts: Counter[str] = Counter()
    for record in ds.records():
        for rid in references(record):
            if rid in ds.sources:
                counts[rid] += 1
    return counts


def by_voice(ds: model.Dataset, chosen: Iterable[Claim]) -> list[Claim]:
    """Claims grouped by whose words they are (their speaker), in order of each speaker's first
    claim: what each speaker or analysis says, side by side."""
    groups: dict[str, list[Claim]] = {}
    for c in chosen:
        groups.setdefault(c.speaker, []).append(c)
    return [c for group in groups.values() for c in group]


def credit(ds: model.Dataset, who: str, voice: str, source_id: str) -> str:
    """Whose words (or judgement) a record gives, and where they were reported: "Kim Yo Jong, …
    (via The Dong-A Ilbo)" when the source reports them, just the speaker when they are its own."""
    if voice != "quoted":
        return who
    s = ds.sources[source_id]
    return f"{who} (via {ds.publishers[s.via or s.publisher].name})"  # a repost's words were reported by the original


def sources(ds: model.Dataset, kinds: Iterable[str] = (), of: str = "", strong: bool | None = None) -> list[Source]:
    """Sources whose publisher is of one of `kinds`, cited by record `of`, strong or not."""
    from nkus.vocab import PUBLISHER_KINDS

    wanted = {k.lower() for k in kinds}
    for kind in sorted(wanted - set(PUBLISHER_KINDS)):
        raise UsageError(unknown("publisher kind", kind, PUBLISHER_KINDS, "kinds"))
    chosen = list(ds.sources.values())
    if of:
        try:
            record = find_record(ds, resolve_id(ds, of))
        except NotFound as err:
            raise UsageError(str(err)) from None
        cited = references(record)
        chosen = [s for s in chosen if s.id in cited]
    if wanted:
        chosen = [s for s in chosen if ds.publishers[s.publisher].kind in wanted]
    if strong is not None:
        chosen = [s for s in chosen if strong_source(ds, s) == strong]
    return chosen


def agreement_names(ds: model.Dataset) -> dict[str, str]:
    return model.alias_table((a.id, a.aliases) for a in ds.agreements.values())


def find_agreement(ds: model.Dataset, name: str) -> Agreement:
    return ds.agreements[_named(agreement_names(ds), "agreement", name)]


def agreements_in_order(ds: model.Dataset) -> list[Agreement]:
    return sorted(ds.agreements.values(), key=lambda a: (a.when.bounds(), a.id))


def coverage_in_order(ds: model.Dataset) -> list[Coverage]:
    return sorted(ds.coverage.values(), key=lambda c: (c.kinds, c.start.bounds(), c.id))


def strong_source(ds: model.Dataset, s: Source) -> bool:
    """A source an analyst can footnote: from a primary or expert publisher, a wire service or an
    outlet of record, or a repost of a primary document (a KCNA or White House text on another site)."""
    from nkus.vocab import PRIMARY_PUBLISHER_KINDS

    if ds.publishers[s.publisher].strong:
        return True
    return bool(s.via) and ds.publishers[s.via].kind in PRIMARY_PUBLISHER_KINDS
