"""`nkus export html`: one self-contained page (no network, works from file://) with a timeline to
scroll and zoom, filters, a chart of launches, summits and agreements side by side, objectives with
their evidence, claims with their sources, and the bibliography.

The page is rendered by Jinja2 with autoescaping from the rows every format uses (`nkus.rows`). The
events go into the page as JSON in a `<script type="application/json">` block (Jinja's `tojson`
escapes `<`, `>`, `&` and `'`, so no title can close the block) and the page's own script puts them
on screen with `textContent`, never as markup. A Content-Security-Policy allows only the page's own
script and style (by hash) and no network at all."""

from __future__ import annotations

import base64
import hashlib
from importlib import resources

from nkus import fold, index, query
from nkus.errors import UsageError
from nkus.rows import agreement_row, claim_row, event_row, objective_row, source_row, summit_row
from nkus.text import printable
from nkus.vocab import DIMENSIONS, EVENT_KINDS, MISSILE_CLASSES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from typing import Any, BinaryIO

    from nkus.model import Dataset, Event
    from nkus.rows import Row

PAGE = resources.files("nkus.export") / "page"


def _asset(name: str) -> str:
    return (PAGE / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def linkable(url: str | None) -> bool:
    """Only web addresses become links: a `javascript:` or `data:` address stays text."""
    return bool(url) and str(url).lower().startswith(("https://", "http://"))


def _source_ids(rows: Iterable[Row], *fields: str) -> set[str]:
    found: set[str] = set()
    for row in rows:
        for field in fields:
            value = row.get(field)
            if isinstance(value, str):
                found.add(value)
            elif isinstance(value, list):
                found.update(v for v in value if isinstance(v, str))
        for nested in ("disputes", "verdicts", "provisions"):
            for part in row.get(nested) or ():
                if not isinstance(part, dict):
                    continue  # a summit's provisions are plain text
                src = part.get("sources", part.get("source"))
                found.update([src] if isinstance(src, str) else src or ())
    return found


# The page's one fixed question (see the README's "What followed what"): how often a North Korean
# launch followed a US–South Korean (or trilateral) exercise within 14 days, 2017–2025, where the
# dataset declares both complete.
FOLLOWED: dict[str, Any] = {
    "cause": {"kinds": ["exercise"], "tags": ["joint-exercise"]},
    "effect": {"kinds": ["missile-test"]},
    "within": 14,
    "start": "2017",
    "end": "2025",
}


def what_followed(ds: Dataset) -> Row | None:
    """The answer to the page's fixed question, by the library's own `follows`; None when the
    dataset has none of the events it asks about (another dataset's page)."""
    from nkus.errors import UsageError as NotAsked
    from nkus.rows import follows_row

    q = FOLLOWED
    try:
        found = query.follows(ds, q["cause"], q["effect"], q["within"], start=q["start"], end=q["end"])
    except NotAsked:  # a dataset without the tag or kinds asked about
        return None
    if not found.causes:
        return None
    return follows_row(found, "US–South Korean and trilateral exercises", "North Korean launches")


def page_data(ds: Dataset, events: list[Event]) -> dict[str, Any]:
    """Everything the page shows, as rows: the chosen events, and the summits, agreements,
    objectives and claims of the dataset with the sources they all cite."""
    summits = [summit_row(ds, s) for s in query.summits_in_order(ds)]
    agreements = [agreement_row(ds, a) for a in query.agreements_in_order(ds)]
    for a in agreements:
        a["when"] = a.human.get("date") or a["date"]
    for s in summits:
        s["when"] = s.human.get("date") or s["date"]
    claims = [claim_row(ds, c) for c in sorted(ds.claims.values(), key=lambda c: (c.kind, c.id))]
    objectives = [objective_row(ds, o) for o in query.objectives(ds)]
    cited = (
        {s for ev in events for s in (*ev.sources, *(x for d in ev.disputes for x in d.sources))}
        | _source_ids(summits, "sources")
        | _source_ids(agreements, "sources", "text_source")
        | _source_ids(claims, "source")
    )
    counts = query.citations(ds)
    sources = sorted(
        (source_row(ds, ds.sources[s], counts[s]) for s in cited if s in ds.sources),
        key=lambda r: (r["publisher_name"].lower(), r["date"], r["id"]),
    )
    for src in sources:
        src["link"] = linkable(src["url"])
        src["via_name"] = ds.publishers[src["via"]].name if src["via"] in ds.publishers else src["via"]
    actors = {a.id: a.name for a in ds.actors.values()}
    return {
        "followed": what_followed(ds),
        # What the page's sections need of the events: each one's rows are made only as the
        # page's data block is written (`render`), so a large page is never whole in memory.
        "event_count": len(events),
        "years": (str(events[0].lower.year), str(max(e.upper for e in events).year)) if events else None,
        "exported": {ev.id: {"when": ev.when.human(), "title": ev.title} for ev in events},
        "summits": summits,
        "agreements": agreements,
        "claims": claims,
        "objectives": objectives,
        "sources": sources,
        "actors": actors,
        "kinds": [k for k in EVENT_KINDS if k in {e.kind for e in events}],
        "classes": list(MISSILE_CLASSES),
        "dimensions": list(DIMENSIONS),
    }


def render(ds: Dataset, events: list[Event]) -> Iterator[str]:
    """The page, in pieces as the template makes them (a large page is never whole in memory)."""
    try:  # imported only when a page is made
        import jinja2
        from markupsafe import Markup
    except ImportError as err:
        raise UsageError("the html export needs Jinja2: pip install jinja2") from err

    data = page_data(ds, events)
    script, style = _asset("page.js"), _asset("page.css")
    assert "</" not in script.replace("<\\/", "") and "</style" not in style  # our own code must not end its block
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(lambda name: _asset(name)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["prefixed"] = lambda value, prefix: f"{prefix}{value}"
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    by_id = {s["id"]: s for s in data["sources"]}
    claims_by_id = {c["id"]: c for c in data["claims"]}
    page_json = {"events": _EVENTS, **{k: data[k] for k in ("actors", "kinds", "classes")}}
    # Of a source, the script shows what the cards cite it by (the Sources section has the rest).
    page_json["sources"] = [
        {k: s[k] for k in ("id", "title", "url", "publisher_name", "date")} for s in data["sources"]
    ]
    page_json["claims"] = {c["id"]: {"summary": c["summary"], "by": c["by"], "kind": c["kind"]} for c in data["claims"]}
    page_json["search"] = _SEARCH
    pieces = env.get_template("page.html.j2").generate(
        **data,
        data_json=page_json,
        source_by_id=by_id,
        claim_by_id=claims_by_id,
        names={
            **{f"summit-{r['id']}": r["name"] for r in data["summits"]},
            **{f"agreement-{r['id']}": r["name"] for r in data["agreements"]},
            **{f"objective-{r['id']}": f"{r['number']}. {r['title']}" for r in data["objectives"]},
        },
        script=Markup(script),
        style=Markup(style),
        csp=f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(style)}; img-src data:; "
        "base-uri 'none'; form-action 'none'",
        title="North Korea–United States diplomacy: a chronology",
        labels={d: d.replace("-", " ") for d in DIMENSIONS},
    )
    from jinja2.utils import htmlsafe_json_dumps

    def as_json(value: Any, ascii: bool = False) -> str:
        return str(htmlsafe_json_dumps(value, ensure_ascii=ascii, separators=(",", ":")))

    marker, search_marker = as_json(_EVENTS), as_json(_SEARCH)
    for piece in pieces:
        if marker not in piece:
            yield piece
            continue
        before, after = piece.split(marker, 1)
        yield before + "["
        # Each event with its folded search text, and the query's folding for what those texts hold:
        # the page searches as `nkus timeline --search` does, by looking these up.
        names = index.search_names(ds)
        alphabet = {c for name in names for c in name}
        for n, (ev, folded) in enumerate(zip(events, index.search_texts(ds, events), strict=True)):
            row = event_row(ds, ev)
            row["when"] = row.human.get("date") or row["date"]
            row["folded"] = folded
            alphabet.update(folded)
            yield ("," if n else "") + as_json(dict(row))
        # ASCII: the folding table holds controls and invisible characters that `write` drops
        tables = as_json({**fold.tables(alphabet), "names": names}, ascii=True)
        yield "]" + str(after).replace(search_marker, tables, 1)


_EVENTS = "\x00events\x00"  # stands for the events' rows in the page's data until they are written
_SEARCH = "\x00search\x00"  # and for the query's folding, made for the characters they hold


def write(ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    # HTML has no place for control characters, and bidirectional or zero-width ones in dataset
    # text would reorder or hide what the page shows: none of them is written.
    for piece in render(ds, events):
        out.write(printable(piece).encode("utf-8"))
