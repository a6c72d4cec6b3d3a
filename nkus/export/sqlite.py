"""A SQLite database, made with `sqlite-utils`, that opens in Datasette as it is: a table per
record type (columns as in nkus's rows, lists moved out into link tables), a table per link, with
foreign keys, and full-text search (FTS5) over titles, summaries and quotes.

Events are the chosen ones; every other record type is written in full, so that every foreign
key resolves. Links to events (summit_events, claim_events, …) keep only the chosen events."""

from __future__ import annotations

from nkus.launches import launches
from nkus.query import citations
from nkus.rows import (
    Row,
    actor_row,
    agreement_row,
    claim_row,
    coverage_row,
    event_row,
    missile_row,
    objective_row,
    publisher_row,
    site_row,
    source_row,
    summit_row,
    tag_row,
)  # fmt: skip
from nkus.vocab import DIMENSIONS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any, BinaryIO

    from sqlite_utils import Database

    from nkus.model import Dataset, Event

# Full-text search: every table that holds prose -> its text columns.
FTS = {
    "events": ("title", "summary", "location", "missile_system", "missile_site", "missile_note"),
    "claims": ("summary", "quote", "by", "speaker", "location"),
    "sources": ("title", "authors", "note"),
    "publishers": ("name", "note"),
    "actors": ("name", "role"),
    "tags": ("description",),
    "summits": ("name", "place", "document", "outcome", "aftermath"),
    "summit_agenda": ("item",),
    "summit_provisions": ("provision",),
    "verdicts": ("by", "summary"),
    "agreements": ("name", "place", "summary", "fate"),
    "provisions": ("summary", "clause", "fate"),
    "disputes": ("field", "note"),
    "claim_evidence": ("note",),
    "objectives": ("title", "summary"),
    "coverage": ("note",),
    "sites": ("name", "province", "note"),
}
_TYPES: dict[type, type] = {bool: int, int: int, float: float, str: str}
# Column types for columns that may hold no value in an export.
_NUMERIC = {
    "missile_count": int, "missile_apogee_km": float, "missile_range_km": float, "apogee_km": float, "range_km": float,
    "lat": float, "lon": float, "cited_by": int, "number": int, "of": int, "count": int,
}  # fmt: skip


def scalars(row: Row, drop: Sequence[str] = ()) -> dict[str, Any]:
    """A row's single-valued fields: its lists and objects go to link tables (fields that are
    lists in some rows and null in others are named in `drop`)."""
    return {k: v for k, v in row.items() if not isinstance(v, list | dict) and k not in drop}


def table(
    db: Database,
    name: str,
    rows: Sequence[dict[str, Any]],
    pk: str | tuple[str, ...],
    fks: Iterable[tuple[str, str]] = (),
    columns: Sequence[str] = (),
) -> None:
    """Create `name` (even when it has no rows) with foreign keys `(column, other table)` to
    other tables' `id`, and insert `rows`."""
    names = list(dict.fromkeys(k for r in rows for k in r)) if rows else list(columns)
    types: dict[str, Any] = {}
    for c in names:
        found = next((v for r in rows if (v := r.get(c)) is not None), None)
        types[c] = _NUMERIC.get(c) or _TYPES.get(type(found), str)
    db[name].create(types, pk=pk, foreign_keys=[(c, other, "id") for c, other in fks])  # type: ignore[union-attr]
    if rows:
        db[name].insert_all(rows)  # type: ignore[union-attr]


def link(
    db: Database, name: str, left: tuple[str, str], right: tuple[str, str], pairs: Iterable[tuple[str, str]]
) -> None:
    """A link table: (column, table it points at) on each side, one row per pair, in order."""
    (lc, lt), (rc, rt) = left, right
    rows = [{lc: a, rc: b, "position": i} for i, (a, b) in enumerate(dict.fromkeys(pairs))]
    table(db, name, rows, (lc, rc), [(lc, lt), (rc, rt)], (lc, rc, "position"))


def items(
    db: Database, name: str, owner: tuple[str, str], column: str, values: Iterable[tuple[str, Sequence[str]]]
) -> None:
    """A table of a list of strings per record (agenda items, aliases, signatories), in order."""
    oc = owner[0]
    rows = [{oc: rid, "n": n, column: v} for rid, vs in values for n, v in enumerate(vs)]
    table(db, name, rows, (oc, "n"), [owner], (oc, "n", column))


def build(db: Database, ds: Dataset, events: list[Event]) -> None:
    chosen = {e.id for e in events}
    counts = citations(ds)
    table(db, "publishers", [scalars(publisher_row(p)) for p in ds.publishers.values()], "id")
    table(db, "tags", [scalars(tag_row(t)) for t in ds.tags.values()], "id", columns=("id", "description"))
    table(db, "actors", [scalars(actor_row(a)) for a in ds.actors.values()], "id")
    table(
        db, "sources", [scalars(source_row(ds, s, counts[s.id])) for s in ds.sources.values()], "id",
        [("publisher", "publishers"), ("via", "publishers")],
    )  # fmt: skip
    table(db, "summits", [scalars(summit_row(ds, s), ("verdict", "verdict_by")) for s in ds.summits.values()], "id")
    table(
        db, "agreements", [scalars(agreement_row(ds, a), DIMENSIONS) for a in ds.agreements.values()], "id",
        [("text_source", "sources"), ("summit", "summits")], ("id", "name", "date", "summary"),
    )  # fmt: skip
    table(db, "objectives", [scalars(objective_row(ds, o)) for o in ds.objectives.values()], "id")
    table(db, "coverage", [scalars(coverage_row(c)) for c in ds.coverage.values()], "id", columns=("id", "level"))
    table(db, "sites", [scalars(site_row(x)) for x in ds.sites.values()], "id", columns=("id", "name", "lat", "lon"))
    st = ("site_id", "sites")
    items(db, "site_aliases", st, "alias", ((x.id, x.aliases) for x in ds.sites.values()))
    link(db, "site_sources", st, ("source_id", "sources"), ((x.id, y) for x in ds.sites.values() for y in x.sources))
    ev_rows = [event_row(ds, e) for e in events]
    table(
        db, "events", [scalars(r) for r in ev_rows], "id", [("summit", "summits"), ("missile_site_id", "sites")],
        ("id", "date", "title"),
    )  # fmt: skip
    salvos = [
        {"event_id": e.id, "n": n, "count": x.number, "time": x.time or None, "system": x.system or None,
         "class": x.cls or None, "site": x.site or None, "site_id": x.site_id or None, "apogee_km": x.apogee_km,
         "range_km": x.range_km, "outcome": x.outcome or None}
        for e in events if e.missile for n, x in enumerate(e.missile.salvos)
    ]  # fmt: skip
    table(db, "salvos", salvos, ("event_id", "n"), [("event_id", "events"), ("site_id", "sites")], ("event_id", "n"))
    # One row per missile, as `nkus missiles` and the CNS database count them (UTC times included).
    missiles = [{"n": n, **scalars(missile_row(m))} for n, m in enumerate(launches(ds, events))]
    table(db, "missiles", missiles, "n", [("event", "events"), ("site_id", "sites")], ("n", "event"))
    table(db, "claims", [scalars(claim_row(ds, c)) for c in ds.claims.values()], "id", [("source", "sources")])

    ev = ("event_id", "events")
    link(db, "event_actors", ev, ("actor_id", "actors"), ((e.id, a) for e in events for a in e.actors))
    link(db, "event_sources", ev, ("source_id", "sources"), ((e.id, s) for e in events for s in e.sources))
    link(db, "event_tags", ev, ("tag_id", "tags"), ((e.id, t) for e in events for t in e.tags))
    disputes = [
        {"event_id": e.id, "n": i, "field": d.field, "note": d.note} for e in events for i, d in enumerate(e.disputes)
    ]
    table(db, "disputes", disputes, ("event_id", "n"), [ev], ("event_id", "n", "field", "note"))
    dispute_sources = [
        {"event_id": e.id, "n": i, "source_id": s} for e in events for i, d in enumerate(e.disputes) for s in d.sources
    ]
    table(
        db, "dispute_sources", dispute_sources, ("event_id", "n", "source_id"), [ev, ("source_id", "sources")],
        ("event_id", "n", "source_id"),
    )  # fmt: skip
    authors = [
        {"source_id": s.id, "n": n, "family": a.family or None, "given": a.given or None, "literal": a.literal or None,
         "family_first": int(a.family_first)}
        for s in ds.sources.values() for n, a in enumerate(s.authors)
    ]  # fmt: skip
    table(
        db, "source_authors", authors, ("source_id", "n"), [("source_id", "sources")],
        ("source_id", "n", "family", "given", "literal"),
    )  # fmt: skip
    items(db, "actor_aliases", ("actor_id", "actors"), "alias", ((a.id, a.aliases) for a in ds.actors.values()))
    sm = ("summit_id", "summits")
    link(db, "summit_events", sm, ev, ((s.id, e) for s in ds.summits.values() for e in s.events if e in chosen))
    link(
        db,
        "summit_principals",
        sm,
        ("actor_id", "actors"),
        ((s.id, a) for s in ds.summits.values() for a in s.principals),
    )
    link(
        db, "summit_sources", sm, ("source_id", "sources"), ((s.id, x) for s in ds.summits.values() for x in s.sources)
    )
    summits = list(ds.summits.values())
    items(db, "summit_aliases", sm, "alias", ((s.id, s.aliases) for s in summits))
    items(db, "summit_agenda", sm, "item", ((s.id, s.agenda) for s in summits))
    items(db, "summit_provisions", sm, "provision", ((s.id, s.provisions) for s in summits))
    delegates = [
        {"summit_id": s.id, "country": country, "n": n, "name": name}
        for s in summits for country, names in s.delegations.items() for n, name in enumerate(names)
    ]  # fmt: skip
    table(
        db, "summit_delegations", delegates, ("summit_id", "country", "n"), [sm], ("summit_id", "country", "n", "name")
    )
    verdicts = [
        {"summit_id": s.id, "n": i, "by": v.by, "voice": v.voice, "source": v.source, "summary": v.summary,
         "spectacle": v.spectacle or None, "substance": v.substance or None, "claim": v.claim or None}
        for s in ds.summits.values() for i, v in enumerate(s.verdicts)
    ]  # fmt: skip
    table(
        db, "verdicts", verdicts, ("summit_id", "n"), [sm, ("source", "sources"), ("claim", "claims")],
        ("summit_id", "n", "by", "voice", "source", "summary", "claim"),
    )  # fmt: skip
    ag = ("agreement_id", "agreements")
    items(db, "agreement_aliases", ag, "alias", ((a.id, a.aliases) for a in ds.agreements.values()))
    items(db, "agreement_signatories", ag, "name", ((a.id, a.signatories) for a in ds.agreements.values()))
    link(
        db,
        "agreement_parties",
        ag,
        ("actor_id", "actors"),
        ((a.id, p) for a in ds.agreements.values() for p in a.parties),
    )
    link(
        db,
        "agreement_sources",
        ag,
        ("source_id", "sources"),
        ((a.id, s) for a in ds.agreements.values() for s in a.sources),
    )
    link(db, "agreement_events", ag, ev, ((a.id, e) for a in ds.agreements.values() for e in a.events if e in chosen))
    provisions = [
        {"agreement_id": a.id, "n": i, "dimension": p.dimension, "summary": p.summary, "clause": p.clause or None,
         "fate": p.fate or None}
        for a in ds.agreements.values() for i, p in enumerate(a.provisions)
    ]  # fmt: skip
    table(
        db,
        "provisions",
        provisions,
        ("agreement_id", "n"),
        [ag],
        ("agreement_id", "n", "dimension", "summary", "clause"),
    )
    cl = ("claim_id", "claims")
    claims = list(ds.claims.values())
    link(db, "claim_events", cl, ev, ((c.id, e) for c in claims for e in c.events if e in chosen))
    link(db, "claim_summits", cl, sm, ((c.id, s) for c in claims for s in c.summits))
    link(db, "claim_agreements", cl, ag, ((c.id, a) for c in claims for a in c.agreements))
    link(db, "claim_objectives", cl, ("objective_id", "objectives"), ((c.id, o) for c in claims for o in c.objectives))
    evidence = [
        {"claim_id": c.id, "event_id": x.event, "bearing": x.bearing, "note": x.note}
        for c in claims for x in c.evidence if x.event in chosen
    ]  # fmt: skip
    table(
        db, "claim_evidence", evidence, ("claim_id", "event_id"), [cl, ev], ("claim_id", "event_id", "bearing", "note")
    )
    link(
        db, "objective_events", ("objective_id", "objectives"), ev,
        ((o.id, e) for o in ds.objectives.values() for e in o.events if e in chosen),
    )  # fmt: skip
    cv = ("coverage_id", "coverage")
    items(db, "coverage_kinds", cv, "kind", ((c.id, c.kinds) for c in ds.coverage.values()))
    items(db, "coverage_classes", cv, "class", ((c.id, c.classes) for c in ds.coverage.values()))
    for name, cols in FTS.items():
        db[name].enable_fts(cols, fts_version="FTS5")  # type: ignore[union-attr]


def write(ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    import os
    import tempfile

    from sqlite_utils import Database

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "nkus.db")
        db = Database(path)
        with db.conn:
            build(db, ds, events)
        db.close()
        with open(path, "rb") as fh:
            out.write(fh.read())
