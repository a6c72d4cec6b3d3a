"""One row shape per record type: every output format is fed these rows, so every format carries
the same fields under the same names. `Row.human` holds table-only renderings (dates in words)."""

from __future__ import annotations

from nkus.errors import UsageError
from nkus.names import unknown

# (The look-ups of `nkus.query` are imported by the rows that need them: an event's row, which a
# repeated timeline makes from the index alone, does not.)
from nkus.vocab import DIMENSIONS

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from datetime import date
    from typing import Any, TypeAlias

    from nkus.dates import When
    from nkus.index import Index
    from nkus.launches import Launch
    from nkus.model import (
        Actor,
        Agreement,
        Claim,
        Coverage,
        Dataset,
        Event,
        Objective,
        Publisher,
        Record,
        Site,
        Source,
        Summit,
        Tag,
    )  # fmt: skip
    from nkus.search import Hit
    from nkus.sequence import Follows, Pair, Pause

    Value: TypeAlias = Any  # str | int | bool | None | list[str] | list[dict] | dict
    # A part of a record shown after it in full: its title, its rows and their fields.
    Section: TypeAlias = tuple[str, Sequence["Row"], Sequence[str]]


class Row(dict[str, "Value"]):
    def __init__(self, values: dict[str, Value], human: dict[str, str] | None = None) -> None:
        super().__init__(values)
        self.human = human or {}


class FieldError(UsageError):
    """`--fields` named a field the rows do not have."""


def pick_fields(requested: str | None, available: Sequence[str], default: Sequence[str]) -> list[str]:
    if not requested:
        return list(default)
    fields = [f.strip() for f in requested.split(",") if f.strip()]
    if not fields:
        raise FieldError(f"no fields given; valid fields: {', '.join(available)}")
    for f in fields:
        if f not in available:
            raise FieldError(unknown("field", f, available, "valid fields"))
    return fields


def when_fields(when: When, bounds: tuple[date, date] | None = None) -> tuple[dict[str, Value], dict[str, str]]:
    """The date fields of a row, and their table renderings. `bounds` may be given when known."""
    lower, upper = bounds or when.bounds()
    first = lower.isoformat()
    fields = {
        "date": when.start.iso(),
        "end": when.end.iso() if when.end else None,
        "precision": when.precision,
        "qualifier": when.qualifier,
        "approximate": when.approximate,
        "lower": first,
        "upper": first if upper == lower else upper.isoformat(),
    }
    return fields, {"date": when.human(), "end": when.end.human() if when.end else ""}


_WHEN_FIELDS: dict[When, tuple[dict[str, Value], dict[str, str]]] = {}


def _when(when: When) -> tuple[dict[str, Value], dict[str, str]]:
    """`when_fields`, made once per date: events share dates."""
    made = _WHEN_FIELDS.get(when)
    if made is None:
        made = _WHEN_FIELDS[when] = when_fields(when)
    return made


EVENT_FIELDS = (
    "id", "date", "end", "precision", "qualifier", "approximate", "lower", "upper", "kind", "title",
    "summary", "actors", "countries", "location", "tags", "summit", "missile_count", "missile_system",
    "missile_class", "missile_time", "missile_site", "missile_apogee_km", "missile_range_km", "missile_outcome",
    "missile_site_id", "missile_note", "sources", "disputes", "claims",
)  # fmt: skip
EVENT_DEFAULT = ("id", "date", "end", "precision", "kind", "title", "summary", "actors", "sources")


def event_row(context: Dataset | Index, ev: Event) -> Row:
    """An event's row. `context` is what has the rest of the dataset: the countries of the event's
    actors and the claims about it (a loaded `Dataset`, or the `Index` a query was answered from)."""
    when, human = _when(ev.when)
    m = ev.missile
    return Row(
        {
            "id": ev.id,
            **when,
            "kind": ev.kind,
            "title": ev.title,
            "summary": ev.summary,
            "actors": list(ev.actors),
            "countries": context.countries(ev),
            "location": ev.location or None,
            "tags": list(ev.tags),
            "summit": ev.summit,
            "missile_count": m.number if m else None,
            "missile_system": m.system if m else None,
            "missile_class": m.cls if m else None,
            "missile_time": (m.time or None) if m else None,
            "missile_site": (m.site or None) if m else None,
            "missile_apogee_km": m.apogee_km if m else None,
            "missile_range_km": m.range_km if m else None,
            "missile_outcome": (m.outcome or None) if m else None,
            "missile_site_id": (m.site_id or None) if m else None,
            "missile_note": (m.note or None) if m else None,
            "sources": list(ev.sources),
            "disputes": [{"field": d.field, "note": d.note, "sources": list(d.sources)} for d in ev.disputes],
            "claims": context.claims_about(ev.id),
        },
        dict(human),
    )


MISSILE_FIELDS = (
    "event", "number", "of", "date", "time", "date_utc", "time_utc", "system", "class", "site", "site_id", "lat",
    "lon", "range_km", "apogee_km", "outcome",
)  # fmt: skip
MISSILE_TABLE = ("date", "time", "date_utc", "time_utc", "number", "class", "system", "site")


def _either_day(days: str) -> str:
    """Both possible UTC days, shortly: `2019-07-24/25`, `2019-07-31/08-01`."""
    first, sep, second = days.partition("/")
    if not sep:
        return days
    same = 8 if first[:8] == second[:8] else 5 if first[:5] == second[:5] else 0
    return f"{first}/{second[same:]}"


def missile_row(launch: Launch) -> Row:
    """One missile's row: `number` of `of` through its day (both null when the count is not known)."""
    n, of = launch.number, launch.of
    human = {
        "number": "count unknown" if n is None else f"{n} of {of}" if of is not None else f"{n} of ?",
        "date_utc": _either_day(launch.utc_date),
    }
    return Row(
        {
            "event": launch.event, "number": n, "of": of, "date": launch.date, "time": launch.time or None,
            "date_utc": launch.utc_date or None, "time_utc": launch.utc_time or None, "system": launch.system,
            "class": launch.cls, "site": launch.site or None, "site_id": launch.site_id or None, "lat": launch.lat,
            "lon": launch.lon, "range_km": launch.range_km, "apogee_km": launch.apogee_km,
            "outcome": launch.outcome or None,
        },
        human,
    )  # fmt: skip


SITE_FIELDS = ("id", "name", "aliases", "province", "lat", "lon", "sources", "note")


def site_row(s: Site) -> Row:
    return Row(
        {"id": s.id, "name": s.name, "aliases": list(s.aliases), "province": s.province or None, "lat": s.lat,
         "lon": s.lon, "sources": list(s.sources), "note": s.note or None}
    )  # fmt: skip


SUMMIT_FIELDS = (
    "id", "name", "type", "aliases", "date", "end", "precision", "place", "principals", "delegations",
    "agenda", "document", "provisions", "outcome", "aftermath", "spectacle", "substance", "verdict", "verdict_by",
    "verdicts", "events", "claims", "sources",
)  # fmt: skip
SUMMIT_DEFAULT = (
    "id", "name", "date", "end", "place", "principals", "spectacle", "substance", "verdict_by", "events", "claims",
)  # fmt: skip


def summit_row(ds: Dataset, s: Summit) -> Row:
    from nkus import query

    when = _when(s.when)[0]
    # The ratings shown are the first analysis's that gives them, and say whose they are; every
    # attributed judgement is in `verdicts`.
    rated = [v for v in s.verdicts if v.spectacle or v.substance]
    v = rated[0] if rated else None
    by = {x: query.credit(ds, x.by, x.voice, x.source) for x in s.verdicts}
    verdicts = [
        {"by": by[x], "voice": x.voice, "source": x.source, "spectacle": x.spectacle or None,
         "substance": x.substance or None, "summary": x.summary, "claim": x.claim or None}
        for x in s.verdicts
    ]  # fmt: skip
    human = {"verdicts": "\n\n".join(f"{by[x]}: {x.summary}" for x in s.verdicts)}
    return Row(
        {
            "id": s.id,
            "name": s.name,
            "type": s.type,
            "aliases": list(s.aliases),
            "date": when["date"],
            "end": when["end"],
            "precision": when["precision"],
            "place": s.place,
            "principals": [ds.actors[p].name for p in s.principals],
            "delegations": {k: list(v) for k, v in s.delegations.items()},
            "agenda": list(s.agenda),
            "document": s.document_title or None,
            "provisions": list(s.provisions),
            "outcome": s.outcome,
            "aftermath": s.aftermath,
            "spectacle": (v.spectacle or None) if v else None,
            "substance": (v.substance or None) if v else None,
            "verdict": v.summary if v else None,
            "verdict_by": by[v] if v else None,
            "verdicts": verdicts,
            "events": list(s.events),
            "claims": ds.claims_about(s.id),
            "sources": list(s.sources),
        },
        {**_when(s.when)[1], **human},
    )


CLAIM_FIELDS = (
    "id", "kind", "summary", "quote", "source", "by", "speaker", "voice", "published", "location", "events", "summits",
    "agreements", "objectives", "evidence",
)  # fmt: skip
CLAIM_DEFAULT = (
    "id", "kind", "by", "published", "summary", "quote", "source", "location", "events", "summits", "objectives",
)  # fmt: skip


def claim_row(ds: Dataset, c: Claim) -> Row:
    from nkus import query

    return Row(
        {
            "id": c.id,
            "kind": c.kind,
            "summary": c.summary,
            "quote": c.quote,
            "source": c.source,
            "by": query.credit(ds, c.speaker, c.voice, c.source),
            "speaker": c.speaker,
            "voice": c.voice,
            "published": ds.sources[c.source].date,
            "location": c.location,
            "events": list(c.events),
            "summits": list(c.summits),
            "agreements": list(c.agreements),
            "objectives": list(c.objectives),
            "evidence": [{"event": e.event, "bearing": e.bearing, "note": e.note} for e in c.evidence],
        }
    )


OBJECTIVE_FIELDS = ("id", "number", "title", "summary", "events", "claims")


def objective_row(ds: Dataset, o: Objective, brief: bool = False) -> Row:
    """`brief`: a table shows how many events and claims rather than their ids (in a list of all)."""
    claims = ds.claims_about(o.id)
    human = {"events": f"{len(o.events)} events", "claims": f"{len(claims)} claims"} if brief else {}
    return Row(
        {
            "id": o.id,
            "number": o.number,
            "title": o.title,
            "summary": o.summary,
            "events": list(o.events),
            "claims": claims,
        },
        human,
    )


SOURCE_FIELDS = (
    "id", "publisher", "publisher_name", "publisher_kind", "via", "strong", "title", "date", "url", "type", "authors",
    "note", "cited_by",
)  # fmt: skip
SOURCE_DEFAULT = ("id", "publisher_name", "publisher_kind", "strong", "title", "date", "url", "cited_by")


def source_rows(ds: Dataset, sources: Iterable[Source] | None = None) -> list[Row]:
    """Rows of `sources` (default: all), most cited first."""
    from nkus.query import citations

    counts = citations(ds)
    ordered = sorted(ds.sources.values() if sources is None else sources, key=lambda s: (-counts[s.id], s.id))
    return [source_row(ds, s, counts[s.id]) for s in ordered]


def source_row_of(ds: Dataset, s: Source) -> Row:
    from nkus.query import citations

    return source_row(ds, s, citations(ds)[s.id])


def source_row(ds: Dataset, s: Source, cited_by: int) -> Row:
    from nkus import query

    p = ds.publishers[s.publisher]
    return Row(
        {
            "id": s.id,
            "publisher": s.publisher,
            "publisher_name": p.name,
            "publisher_kind": p.kind,
            "via": s.via or None,
            "strong": query.strong_source(ds, s),
            "title": s.title,
            "date": s.date,
            "url": s.url,
            "type": s.type,
            "authors": s.byline or None,
            "note": s.note or None,
            "cited_by": cited_by,
        }
    )


ACTOR_FIELDS = ("id", "name", "type", "country", "role", "aliases")


def actor_row(a: Actor) -> Row:
    return Row(
        {"id": a.id, "name": a.name, "type": a.type, "country": a.country or None, "role": a.role or None,
         "aliases": list(a.aliases)}
    )  # fmt: skip


PUBLISHER_FIELDS = ("id", "name", "kind", "country", "url", "of_record", "strong", "note")


def publisher_row(p: Publisher) -> Row:
    return Row(
        {"id": p.id, "name": p.name, "kind": p.kind, "country": p.country or None, "url": p.url or None,
         "of_record": p.of_record, "strong": p.strong, "note": p.note or None}
    )  # fmt: skip


ACTOR_COUNT_FIELDS = (*ACTOR_FIELDS, "events")
TAG_FIELDS = ("id", "description")
TAG_COUNT_FIELDS = (*TAG_FIELDS, "events")
KIND_COUNT_FIELDS = ("kind", "events")
STATS_FIELDS = ("key", "events", "missiles", "unknown_counts")
SEARCH_FIELDS = ("id", "type", "title", "date", "score", "matched", "snippet")


def search_row(hit: Hit) -> Row:
    values = {"id": hit.id, "type": hit.type, "title": hit.title, "date": hit.date, "score": hit.score}
    return Row({**values, "matched": list(hit.matched), "snippet": hit.snippet}, {"score": f"{hit.score:.1f}"})


def tag_row(t: Tag) -> Row:
    return Row({"id": t.id, "description": t.description})


COVERAGE_FIELDS = ("id", "kinds", "classes", "from", "to", "level", "note")


def coverage_row(c: Coverage) -> Row:
    kinds = list(c.kinds)
    return Row(
        {"id": c.id, "kinds": kinds, "classes": list(c.classes), "from": c.start.start.iso(), "to": c.end.start.iso(),
         "level": c.level, "note": c.note or None},
        {"kinds": ", ".join(kinds) or "every kind", "classes": ", ".join(c.classes) or "—"},
    )  # fmt: skip


AGREEMENT_FIELDS = (
    "id", "name", "aliases", "date", "place", "parties", "signatories", "summary", *DIMENSIONS, "provisions", "fate",
    "text_source", "sources", "events", "summit", "claims",
)  # fmt: skip
AGREEMENT_DEFAULT = ("id", "name", "date", "parties", *DIMENSIONS, "fate")


def agreement_row(ds: Dataset, a: Agreement) -> Row:
    """An agreement's row: a field per dimension of commitment (its provisions' summaries, or null
    where the text has none), and every provision in full under `provisions`."""
    by_dimension: dict[str, list[str]] = {d: [] for d in DIMENSIONS}
    for p in a.provisions:
        by_dimension[p.dimension].append(p.summary)
    human = {d: "\n".join(f"• {x}" for x in v) if v else "—" for d, v in by_dimension.items()}
    return Row(
        {
            "id": a.id, "name": a.name, "aliases": list(a.aliases), "date": a.when.start.iso(), "place": a.place or None,
            "parties": [ds.actors[p].name for p in a.parties], "signatories": list(a.signatories),
            "summary": a.summary, **{d: v or None for d, v in by_dimension.items()},
            "provisions": [
                {"dimension": p.dimension, "clause": p.clause or None, "summary": p.summary, "fate": p.fate or None,
                 "sources": list(p.sources)}
                for p in a.provisions
            ],
            "fate": a.fate or None, "text_source": a.text_source, "sources": list(a.sources), "events": list(a.events),
            "summit": a.summit, "claims": ds.claims_about(a.id),
        },
        {**human, "date": a.when.human()},
    )  # fmt: skip


def citation(ds: Dataset, s: Source) -> dict[str, Value]:
    """How a row cites a source (`--cite`): its publisher, title, date and address."""
    return {
        "source": s.id,
        "publisher": ds.publishers[s.publisher].name,
        "title": s.title,
        "date": s.date,
        "url": s.url,
    }


def citation_text(c: Mapping[str, Value]) -> str:
    """A citation in one line: `Publisher, “Title”, date, address`."""
    return f"{c['publisher']}, “{c['title']}”, {c['date']}, {c['url']}"


def add_citations(ds: Dataset, rows: Iterable[Row]) -> None:
    """Give each row (of a record with an id) a `citations` field: the sources its record cites."""
    from nkus.query import cited_sources, get_record

    for row in rows:
        record = get_record(ds, row["id"])
        cited = [citation(ds, s) for s in cited_sources(ds, record)] if record is not None else []
        row["citations"] = cited
        row.human["citations"] = "\n".join(citation_text(c) for c in cited)


def row_of(ds: Dataset, record: Record) -> tuple[Row, Sequence[str]]:
    """Any record's row, and the fields its type's rows have."""
    make, fields = _ROWS_OF[record_type(record)]
    return make(ds, record), fields


_ROWS_OF: dict[str, tuple[Callable[[Dataset, Any], Row], Sequence[str]]] = {
    "event": (event_row, EVENT_FIELDS),
    "summit": (summit_row, SUMMIT_FIELDS),
    "claim": (claim_row, CLAIM_FIELDS),
    "objective": (objective_row, OBJECTIVE_FIELDS),
    "source": (source_row_of, SOURCE_FIELDS),
    "agreement": (agreement_row, AGREEMENT_FIELDS),
    "publisher": (lambda ds, r: publisher_row(r), PUBLISHER_FIELDS),
    "tag": (lambda ds, r: tag_row(r), TAG_FIELDS),
    "coverage": (lambda ds, r: coverage_row(r), COVERAGE_FIELDS),
    "actor": (lambda ds, r: actor_row(r), ACTOR_FIELDS),
    "site": (lambda ds, r: site_row(r), SITE_FIELDS),
}


ROW_FIELDS = {name: fields for name, (_, fields) in _ROWS_OF.items()}


def record_type(record: Record) -> str:
    """`event`, `summit`, `claim`, …: what kind of record it is."""
    return type(record).__name__.lower()


def label(record: Record) -> str:
    """A record's title, name or summary: how it is named in a list of links."""
    for name in ("title", "name", "summary"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    return ""


PAIR_FIELDS = ("cause", "cause_date", "cause_title", "effect", "effect_date", "effect_title", "lag")
FOLLOWS_FIELDS = (
    "cause", "effect", "within", "direction", "measured_from", "period_from", "period_to", "causes", "followed",
    "share", "median_lag", "baseline", "p_value", "permutations", "seed", "effects", "left_out", "pairs",
)  # fmt: skip


def pair_row(p: Pair) -> Row:
    e = p.effect
    return Row(
        {"cause": p.cause.id, "cause_date": p.cause.when.start.iso(), "cause_title": p.cause.title,
         "effect": e.id if e else None, "effect_date": e.when.start.iso() if e else None,
         "effect_title": e.title if e else None, "lag": p.lag},
        {"cause_date": p.cause.when.human(), "effect_date": e.when.human() if e else "—"},
    )  # fmt: skip


def follows_row(f: Follows, cause: str, effect: str) -> Row:
    """A comparison in full: `cause` and `effect` say what was compared, in words."""
    from datetime import date

    pct = f"{f.share:.0%} of {f.causes}"
    human = {
        "share": pct, "baseline": f"{f.baseline:.0%} by chance", "p_value": f"{f.p_value:.3f}",
        "median_lag": "—" if f.median_lag is None else f"{f.median_lag:g} days",
        "left_out": ", ".join(f"{n} dated to the {w}" for w, n in sorted(f.left_out.items())) or "none",
    }  # fmt: skip
    return Row(
        {
            "cause": cause, "effect": effect, "within": f.within, "direction": "before" if f.before else "after",
            "measured_from": "end" if f.from_end else "start",
            "period_from": date.fromordinal(f.period[0]).isoformat() if f.period[0] > 0 else None,
            "period_to": date.fromordinal(f.period[1]).isoformat() if f.period[1] > 0 else None,
            "causes": f.causes, "followed": f.followed, "share": round(f.share, 4),
            "median_lag": f.median_lag, "baseline": round(f.baseline, 4), "p_value": round(f.p_value, 4),
            "permutations": f.permutations, "seed": f.seed, "effects": f.effects, "left_out": dict(f.left_out),
            "pairs": [dict(pair_row(p)) for p in f.pairs],
        },
        human,
    )  # fmt: skip


PAUSE_FIELDS = ("from_date", "to_date", "days", "inside", "from", "to", "events")
PAUSE_DEFAULT = ("from_date", "to_date", "days", "inside", "from", "to")


def pause_row(p: Pause) -> Row:
    """A gap, with what happened inside it: counts by kind, and the events (`events`)."""
    tally: dict[str, int] = {}
    for e in p.inside:
        tally[e.kind] = tally.get(e.kind, 0) + 1
    counts = dict(sorted(tally.items(), key=lambda kv: (-kv[1], kv[0])))  # the most frequent kind first
    return Row(
        {"from": p.first.id, "from_date": p.first.when.start.iso(), "to": p.last.id,
         "to_date": p.last.when.start.iso(), "days": p.days, "inside": counts, "events": [e.id for e in p.inside]},
        {"from_date": p.first.when.human(), "to_date": p.last.when.human(),
         "inside": ", ".join(f"{n} {k}" for k, n in counts.items()) or "nothing",
         "events": "\n".join(f"{e.when.human()}  {e.title}" for e in p.inside)},
    )  # fmt: skip
