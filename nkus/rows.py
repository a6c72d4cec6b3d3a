"""One row shape per record type: every output format is fed these rows, so every format carries
the same fields under the same names. `Row.human` holds table-only renderings (dates in words)."""

from __future__ import annotations

from nkus.errors import UsageError
from nkus.query import citations, claims_about, event_countries

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from datetime import date
    from typing import Any, TypeAlias

    from nkus.dates import When
    from nkus.model import Actor, Claim, Dataset, Event, Objective, Record, Source, Summit

    Value: TypeAlias = Any  # str | int | bool | None | list[str] | list[dict] | dict


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
    unknown = [f for f in fields if f not in available]
    if unknown or not fields:
        what = f"unknown field '{unknown[0]}'" if unknown else "no fields given"
        raise FieldError(f"{what}; valid fields: {', '.join(available)}")
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
    "missile_class", "sources", "disputes", "claims",
)  # fmt: skip
EVENT_DEFAULT = ("id", "date", "end", "precision", "kind", "title", "summary", "actors", "sources")


def stored_event_row(
    record: Mapping[str, Any], when: dict[str, Value], human: dict[str, str], countries: list[str], claims: list[str]
) -> Row:
    """An event's row from its stored record (see `model.Event.record`), its date fields, the
    countries of its actors and the claims about it. The cached index makes rows with this too."""
    m = record.get("missile")
    return Row(
        {
            "id": record["id"],
            **when,
            "kind": record["kind"],
            "title": record["title"],
            "summary": record["summary"],
            "actors": list(record["actors"]),
            "countries": countries,
            "location": record.get("location") or None,
            "tags": list(record.get("tags", ())),
            "summit": record.get("summit"),
            "missile_count": m["count"] if m else None,
            "missile_system": m["system"] if m else None,
            "missile_class": m["class"] if m else None,
            "sources": list(record["sources"]),
            "disputes": [
                {"field": d["field"], "note": d["note"], "sources": list(d["sources"])}
                for d in record.get("disputes", ())
            ],
            "claims": claims,
        },
        dict(human),
    )


def event_row(ds: Dataset, ev: Event, claim_ids: Sequence[str] | None = None) -> Row:
    """`claim_ids` may be given when known; otherwise they are looked up."""
    fields, human = _when(ev.when)
    claims = list(claim_ids) if claim_ids is not None else [c.id for c in claims_about(ds, ev.id)]
    return stored_event_row(ev.record, fields, human, sorted(event_countries(ds, ev)), claims)


SUMMIT_FIELDS = (
    "id", "name", "type", "aliases", "date", "end", "precision", "place", "principals", "delegations",
    "agenda", "document", "provisions", "outcome", "aftermath", "spectacle", "substance", "verdict",
    "events", "claims", "sources",
)  # fmt: skip
SUMMIT_DEFAULT = ("id", "name", "date", "end", "place", "principals", "spectacle", "substance", "events", "claims")


def summit_row(ds: Dataset, s: Summit) -> Row:
    when = _when(s.when)[0]
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
        dict(_when(s.when)[1]),
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


def objective_row(ds: Dataset, o: Objective, brief: bool = False) -> Row:
    """`brief`: a table shows how many events and claims rather than their ids (in a list of all)."""
    claims = [c.id for c in claims_about(ds, o.id)]
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


def row_of(ds: Dataset, record: Record) -> tuple[Row, Sequence[str]]:
    """Any record's row, and the fields its type's rows have."""
    from nkus import model

    if isinstance(record, model.Event):
        return event_row(ds, record), EVENT_FIELDS
    if isinstance(record, model.Summit):
        return summit_row(ds, record), SUMMIT_FIELDS
    if isinstance(record, model.Claim):
        return claim_row(ds, record), CLAIM_FIELDS
    if isinstance(record, model.Objective):
        return objective_row(ds, record), OBJECTIVE_FIELDS
    if isinstance(record, model.Source):
        return source_row_of(ds, record), SOURCE_FIELDS
    return actor_row(record), ACTOR_FIELDS


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
