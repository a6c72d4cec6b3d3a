"""One row shape per record type: every output format is fed these rows, so every format carries
the same fields under the same names. `Row.human` holds table-only renderings (dates in words)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

from nkus.query import citations, claims_about, event_countries

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from typing import Any, TypeAlias

    from nkus.dates import When
    from nkus.model import Actor, Claim, Dataset, Event, Objective, Source, Summit

    Value: TypeAlias = Any  # str | int | bool | None | list[str] | list[dict] | dict


class Row(dict[str, "Value"]):
    def __init__(self, values: dict[str, Value], human: dict[str, str] | None = None) -> None:
        super().__init__(values)
        self.human = human or {}


class FieldError(ValueError):
    """`--fields` named a field the rows do not have."""


def pick_fields(requested: str | None, available: Sequence[str], default: Sequence[str]) -> list[str]:
    if not requested:
        return list(default)
    fields = [f.strip() for f in requested.split(",") if f.strip()]
    unknown = [f for f in fields if f not in available]
    if unknown or not fields:
        what = f"unknown field '{unknown[0]}'" if unknown else "no fields given"
        raise FieldError(f"{what}; valid fields: {', '.join(available)}")
    return fields


@lru_cache(maxsize=4096)
def _when(when: When) -> dict[str, Value]:
    """The date fields of a row; events share dates, so these are made once per date."""
    lower, upper = when.bounds()
    return {
        "date": when.start.iso(),
        "end": when.end.iso() if when.end else None,
        "precision": when.precision,
        "qualifier": when.qualifier,
        "approximate": when.approximate,
        "lower": lower.isoformat(),
        "upper": upper.isoformat(),
    }


@lru_cache(maxsize=4096)
def _when_human(when: When) -> dict[str, str]:
    return {"date": when.human(), "end": when.end.human() if when.end else ""}


EVENT_FIELDS = (
    "id", "date", "end", "precision", "qualifier", "approximate", "lower", "upper", "kind", "title",
    "summary", "actors", "countries", "location", "tags", "summit", "missile_count", "missile_system",
    "missile_class", "sources", "disputes", "claims",
)  # fmt: skip
EVENT_DEFAULT = ("id", "date", "end", "precision", "kind", "title", "summary", "actors", "sources")


def event_row(ds: Dataset, ev: Event, claim_ids: Sequence[str] | None = None) -> Row:
    """`claim_ids` may be given when known (see `query.claims_by_record`); otherwise they are looked up."""
    m = ev.missile
    return Row(
        {
            "id": ev.id,
            **_when(ev.when),
            "kind": ev.kind,
            "title": ev.title,
            "summary": ev.summary,
            "actors": list(ev.actors),
            "countries": sorted(event_countries(ds, ev)),
            "location": ev.location or None,
            "tags": list(ev.tags),
            "summit": ev.summit,
            "missile_count": m.count if m else None,
            "missile_system": m.system if m else None,
            "missile_class": m.cls if m else None,
            "sources": list(ev.sources),
            "disputes": [{"field": d.field, "note": d.note, "sources": list(d.sources)} for d in ev.disputes],
            "claims": list(claim_ids) if claim_ids is not None else [c.id for c in claims_about(ds, ev.id)],
        },
        dict(_when_human(ev.when)),
    )


SUMMIT_FIELDS = (
    "id", "name", "type", "aliases", "date", "end", "precision", "place", "principals", "delegations",
    "agenda", "document", "provisions", "outcome", "aftermath", "spectacle", "substance", "verdict",
    "events", "claims", "sources",
)  # fmt: skip
SUMMIT_DEFAULT = ("id", "name", "date", "end", "place", "principals", "spectacle", "substance", "events", "claims")


def summit_row(ds: Dataset, s: Summit) -> Row:
    when = _when(s.when)
    v = s.verdict
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
            "spectacle": v.spectacle if v else None,
            "substance": v.substance if v else None,
            "verdict": v.summary if v else None,
            "events": list(s.events),
            "claims": [c.id for c in claims_about(ds, s.id)],
            "sources": list(s.sources),
        },
        dict(_when_human(s.when)),
    )


CLAIM_FIELDS = ("id", "kind", "summary", "quote", "source", "location", "events", "summits", "objectives", "evidence")
CLAIM_DEFAULT = ("id", "kind", "summary", "quote", "source", "location", "events", "summits", "objectives")


def claim_row(ds: Dataset, c: Claim) -> Row:
    return Row(
        {
            "id": c.id,
            "kind": c.kind,
            "summary": c.summary,
            "quote": c.quote,
            "source": c.source,
            "location": c.location,
            "events": list(c.events),
            "summits": list(c.summits),
            "objectives": list(c.objectives),
            "evidence": [{"event": e.event, "bearing": e.bearing, "note": e.note} for e in c.evidence],
        }
    )


OBJECTIVE_FIELDS = ("id", "number", "title", "summary", "events", "claims")


def objective_row(ds: Dataset, o: Objective) -> Row:
    return Row(
        {
            "id": o.id,
            "number": o.number,
            "title": o.title,
            "summary": o.summary,
            "events": list(o.events),
            "claims": [c.id for c in claims_about(ds, o.id)],
        }
    )


SOURCE_FIELDS = ("id", "publisher", "title", "date", "url", "type", "author", "cited_by")
SOURCE_DEFAULT = ("id", "publisher", "title", "date", "url", "cited_by")


def source_rows(ds: Dataset) -> list[Row]:
    counts = citations(ds)
    ordered = sorted(ds.sources.values(), key=lambda s: (-counts[s.id], s.id))
    return [source_row(s, counts[s.id]) for s in ordered]


def source_row_of(ds: Dataset, s: Source) -> Row:
    return source_row(s, citations(ds)[s.id])


def source_row(s: Source, cited_by: int) -> Row:
    return Row(
        {
            "id": s.id,
            "publisher": s.publisher,
            "title": s.title,
            "date": s.date,
            "url": s.url,
            "type": s.type,
            "author": s.author or None,
            "cited_by": cited_by,
        }
    )


ACTOR_FIELDS = ("id", "name", "type", "country", "role")


def actor_row(a: Actor) -> Row:
    return Row({"id": a.id, "name": a.name, "type": a.type, "country": a.country, "role": a.role or None})


def rows(ds: Dataset, events: Iterable[Event]) -> list[Row]:
    return [event_row(ds, ev) for ev in events]
