"""Pure queries over a loaded dataset: no printing, no Typer, no Rich. Timeline filters are
defined in `nkus.filters` (re-exported here)."""

from __future__ import annotations

from nkus.errors import NotFound
from nkus.filters import EventFilter, QueryError, check_limit, resolve, suggest
from nkus.vocab import CLAIM_KINDS

__all__ = ["EventFilter", "NotFound", "QueryError", "check_limit", "resolve", "suggest"]

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections import Counter
    from collections.abc import Iterable

    from nkus.model import Agreement, Claim, Coverage, Dataset, Event, Objective, Record, Source, Summit


def event_countries(ds: Dataset, ev: Event) -> frozenset[str]:
    return frozenset(ds.actors[a].country for a in ev.actors if a in ds.actors) - {""}


def timeline(
    ds: Dataset, flt: EventFilter, limit: int | None = None, reverse: bool = False, notes: list[str] | None = None
) -> list[Event]:
    """The events matching `flt`, in date order (or reversed), at most `limit` of them. Answered
    by the same index code as `nkus timeline` (`nkus.index.matching`), kept in memory. `notes`
    gets the coverage note for the query's range, if it has one."""
    from nkus.index import coverage_note, matching

    check_limit(limit)
    idx = ds.index()
    h = idx.header
    flt = resolve(flt, h["actors"], h["all_tags"], h["summit_names"])
    found = [ds.events[n] for n in matching(idx, flt, limit, reverse)]
    coverage_note(idx, flt, notes)
    return found


def summit_context(ds: Dataset, s: Summit, context: int) -> tuple[list[Event], list[Event]]:
    """Up to `context` events that ended before a summit began, and that began after it ended."""
    own = set(s.events)
    first = min(ds.event_index[e].lower for e in own)
    last = max(ds.event_index[e].upper for e in own)
    before = [e for e in ds.events if e.upper < first and e.id not in own][-context:] if context else []
    after = [e for e in ds.events if e.lower > last and e.id not in own][:context]
    return before, after


def summit_names(ds: Dataset) -> dict[str, str]:
    """Every id and alias, lowercased, to its summit's id."""
    return alias_table((s.id, s.aliases) for s in ds.summits.values())


def alias_table(summits: Iterable[tuple[str, Iterable[str]]]) -> dict[str, str]:
    """`summit_names` from (id, aliases) pairs: the index makes it from stored records."""
    names = {}
    for rid, aliases in summits:
        for name in (rid, *aliases):
            names[name.lower()] = rid
    return names


def find_summit(ds: Dataset, name: str) -> Summit:
    return ds.summits[_named(summit_names(ds), "summit", name)]


def _named(names: dict[str, str], what: str, name: str) -> str:
    """The id an id or alias names, in any case; NotFound with a suggestion otherwise."""
    key = name.strip().lower()
    if key not in names:
        raise NotFound(f"no {what} '{name}'{suggest(key, names)}")
    return names[key]


def summits_in_order(ds: Dataset) -> list[Summit]:
    return sorted(ds.summits.values(), key=lambda s: (s.when.bounds(), s.id))


def claims_about(ds: Dataset, record_id: str) -> list[Claim]:
    """Claims that name `record_id` as an event, summit or objective, or cite it as evidence."""
    return [c for c in ds.claims.values() if record_id in claim_targets(c)]


def claim_targets(c: Claim) -> dict[str, None]:
    """The ids a claim is about (see `targets`)."""
    return targets(c.events, c.summits, c.objectives, (e.event for e in c.evidence))


def targets(
    events: Iterable[str], summits: Iterable[str], objectives: Iterable[str], evidence: Iterable[str]
) -> dict[str, None]:
    """The ids a claim is about, in order, each once: what makes a claim "about" a record. Its
    events, summits and objectives, and the events it cites as evidence."""
    return dict.fromkeys((*events, *summits, *objectives, *evidence))


def claims_by_target(claims: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    """For every record id, the ids of the claims about it (as `claims_about`, for all at once),
    from (claim id, target ids) pairs: the index makes them from stored records."""
    out: dict[str, list[str]] = {}
    for cid, about in claims:
        for rid in about:
            out.setdefault(rid, []).append(cid)
    return out


def claims(ds: Dataset, kinds: Iterable[str] = (), about: str = "") -> list[Claim]:
    kinds = {k.lower() for k in kinds}
    for kind in sorted(kinds - set(CLAIM_KINDS)):
        raise QueryError(f"unknown claim kind '{kind}'{suggest(kind, CLAIM_KINDS)} (kinds: {', '.join(CLAIM_KINDS)})")
    chosen = list(ds.claims.values())
    if about:
        try:
            target = resolve_id(ds, about)
        except NotFound as err:  # a filter value, not a record asked for by name: a usage error
            raise QueryError(str(err)) from None
        chosen = claims_about(ds, target)
    return [c for c in chosen if not kinds or c.kind in kinds]


def resolve_id(ds: Dataset, name: str) -> str:
    """An id of any record, or a summit or agreement alias. A summit's alias wins over a tag or
    publisher of the same name (`hanoi` is the summit; the tag is `nkus show` by its full listing)."""
    key = name.strip().lower()
    record = get_record(ds, key)
    if record is not None and not isinstance(record, _vocabulary()):
        return key
    names = {**agreement_names(ds), **summit_names(ds)}
    if key in names:
        return names[key]
    if record is not None:
        return key
    raise NotFound(f"no record '{name}'{suggest(key, [r.id for r in ds.records()] + list(names))}")


def _vocabulary() -> tuple[type, ...]:
    from nkus.model import Coverage, Publisher, Tag

    return (Publisher, Tag, Coverage)


def objectives(ds: Dataset) -> list[Objective]:
    return sorted(ds.objectives.values(), key=lambda o: (o.number, o.id))


def find_objective(ds: Dataset, name: str) -> Objective:
    key = name.strip().lower()
    for o in ds.objectives.values():
        if key in (o.id, str(o.number)):
            return o
    raise NotFound(f"no objective '{name}'{suggest(key, ds.objectives)}")


def get_record(ds: Dataset, rid: str) -> Record | None:
    for table in (ds.event_index, *ds.tables()):
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
    for name in ("actors", "sources", "events", "summits", "objectives", "principals", "agreements", "parties", "tags"):
        out.update(getattr(record, name, ()))
    for name in ("summit", "source", "publisher", "via", "text_source"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            out.add(value)
    out.update(e.event for e in getattr(record, "evidence", ()))
    for d in getattr(record, "disputes", ()):
        out.update(d.sources)
    for v in getattr(record, "verdicts", ()):
        out.update((v.source, v.claim) if v.claim else (v.source,))
    for p in getattr(record, "provisions", ()):
        out.update(getattr(p, "sources", ()))
    return out


def cited_sources(ds: Dataset, record: Record) -> list[Source]:
    """The sources a record cites (its own, its disputes', verdicts', provisions'), by date."""
    return sorted((ds.sources[r] for r in references(record) if r in ds.sources), key=lambda s: (s.date, s.id))


def bibliography(ds: Dataset, events: Iterable[Event]) -> list[Source]:
    """Every source that `events` and the claims about them cite, by date: what an export of
    those events needs to cite."""
    chosen = {e.id for e in events}
    found: dict[str, Source] = {}
    records: list[Record] = [ds.event_index[e] for e in chosen]
    records += [c for c in ds.claims.values() if not chosen.isdisjoint(claim_targets(c))]
    for record in records:
        found.update((s.id, s) for s in cited_sources(ds, record))
    return sorted(found.values(), key=lambda s: (s.date, s.id))


def linked_from(ds: Dataset, rid: str) -> list[Record]:
    """Every record that points at `rid`."""
    return [r for r in ds.records() if rid in references(r)]


def citations(ds: Dataset) -> Counter[str]:
    """How many records cite each source."""
    from collections import Counter

    counts: Counter[str] = Counter()
    for record in ds.records():
        for rid in references(record):
            if rid in ds.sources:
                counts[rid] += 1
    return counts


def by_voice(ds: Dataset, chosen: Iterable[Claim]) -> list[Claim]:
    """Claims grouped by whose they are (the source's author, else its publisher), in order of
    each voice's first claim: what each analysis says, side by side."""
    groups: dict[str, list[Claim]] = {}
    for c in chosen:
        groups.setdefault(source_by(ds, c.source), []).append(c)
    return [c for group in groups.values() for c in group]


def source_by(ds: Dataset, source_id: str) -> str:
    """Whose words a source holds: its author, else its publisher's name."""
    s = ds.sources[source_id]
    return s.author or ds.publishers[s.publisher].name


def sources(ds: Dataset, kinds: Iterable[str] = (), of: str = "", strong: bool | None = None) -> list[Source]:
    """Sources whose publisher is of one of `kinds`, cited by record `of`, strong or not."""
    from nkus.vocab import PUBLISHER_KINDS

    wanted = {k.lower() for k in kinds}
    for kind in sorted(wanted - set(PUBLISHER_KINDS)):
        raise QueryError(
            f"unknown publisher kind '{kind}'{suggest(kind, PUBLISHER_KINDS)} (kinds: {', '.join(PUBLISHER_KINDS)})"
        )
    chosen = list(ds.sources.values())
    if of:
        try:
            record = find_record(ds, resolve_id(ds, of))
        except NotFound as err:
            raise QueryError(str(err)) from None
        cited = references(record)
        chosen = [s for s in chosen if s.id in cited]
    if wanted:
        chosen = [s for s in chosen if ds.publishers[s.publisher].kind in wanted]
    if strong is not None:
        chosen = [s for s in chosen if strong_source(ds, s) == strong]
    return chosen


def agreement_names(ds: Dataset) -> dict[str, str]:
    return alias_table((a.id, a.aliases) for a in ds.agreements.values())


def find_agreement(ds: Dataset, name: str) -> Agreement:
    return ds.agreements[_named(agreement_names(ds), "agreement", name)]


def agreements_in_order(ds: Dataset) -> list[Agreement]:
    return sorted(ds.agreements.values(), key=lambda a: (a.when.bounds(), a.id))


def coverage_in_order(ds: Dataset) -> list[Coverage]:
    return sorted(ds.coverage.values(), key=lambda c: (c.kinds, c.start.bounds(), c.id))


def strong_source(ds: Dataset, s: Source) -> bool:
    """A source an analyst can footnote: from a primary or expert publisher, a wire service or an
    outlet of record, or a repost of a primary document (a KCNA or White House text on another site)."""
    from nkus.vocab import PRIMARY_PUBLISHER_KINDS

    if ds.publishers[s.publisher].strong:
        return True
    return bool(s.via) and ds.publishers[s.via].kind in PRIMARY_PUBLISHER_KINDS
