"""Skeletons of new records to fill in (`nkus new event`): every required field, with an example
value in the shape `docs/DATA.md` gives, as a file of one record that can be saved as a layer's
file as it is (`nkus new event > mine/events.json`) and passes validation over the base dataset
(the first `--data`). References point at records that exist there; the id is one no record of it
has. The layers over the base are not read: the file being written may be one of them."""

from __future__ import annotations

from typing import Any

from nkus.errors import UsageError
from nkus.model import Dataset
from nkus.names import suggest
from nkus.spec import CLAIM, EVENT, SCHEMA_VERSION, SOURCE, Collection, T

KINDS = {"event": EVENT, "source": SOURCE, "claim": CLAIM}
# Example values of the fields that are not references, as the schema docs show them.
EXAMPLES: dict[str, dict[str, Any]] = {
    EVENT.name: {
        "id": "my-event-2019-06-30",
        "date": "2019-06-30",
        "kind": "statement",
        "title": "One line, in your own words",
        "summary": "One to three sentences, in your own words.",
    },
    SOURCE.name: {
        "id": "my-source-2019-06-30",
        "title": "The page's own title, as published",
        "date": "2019-06-30",
        "url": "https://example.org/the-address-you-read-it-at",
        "type": "news",
    },
    CLAIM.name: {
        "id": "my-claim",
        "kind": "assessment",
        "summary": "The claim in your own words.",
        "quote": "Verbatim from the source, at most twenty-five words.",
        "speaker": "Whose words the quote is, with their role then",
        "location": "paragraph 1",
    },
}
_PLACEHOLDER = {"string": "…", "date": "2019-06-30", "time": "12:00", "integer": 1, "number": 1, "boolean": False}


class Skeleton:
    """A file of one new record, and what to say about it."""

    def __init__(self, coll: Collection, document: dict[str, Any]) -> None:
        self.coll, self.document = coll, document

    @property
    def required(self) -> list[str]:
        return [f.name for f in self.coll.fields if f.required]

    @property
    def optional(self) -> list[str]:
        return [f.name for f in self.coll.fields if not f.required]


def skeleton(ds: Dataset, kind: str) -> Skeleton:
    """A new record of `kind` (event, source or claim) for `ds`."""
    coll = KINDS.get(kind.strip().lower())
    if coll is None:
        raise UsageError(f"cannot make a new '{kind}'{suggest(kind, KINDS)} (kinds: {', '.join(KINDS)})")
    ids = {r.id for r in ds.records()}
    examples = EXAMPLES.get(coll.name, {})
    record = {f.name: examples.get(f.name, _example(ds, f.type)) for f in coll.fields if f.required}
    record["id"] = _new_id(record.get("id") or f"my-{coll.name[:-1]}", ids)
    return Skeleton(coll, {"schema_version": SCHEMA_VERSION, coll.name: [record]})


def _new_id(wanted: str, taken: set[str]) -> str:
    n, found = 1, wanted
    while found in taken:
        n += 1
        found = f"{wanted}-{n}"
    return found


def _example(ds: Dataset, t: T) -> Any:
    if t.ref:
        first = min(_ids(ds, t.ref), default="")
        return first or "my-" + t.ref[:-1]
    if t.kind == "list":
        assert t.item is not None
        return [_example(ds, t.item)] * t.min_items
    if t.kind == "map":
        return {}
    if t.kind == "object":
        return {f.name: _example(ds, f.type) for f in t.fields if f.required}
    if t.choices:
        return t.choices[0]
    return _PLACEHOLDER.get(t.kind, "…")


def _ids(ds: Dataset, collection: str) -> list[str]:
    if collection == EVENT.name:
        return [e.id for e in ds.events]
    table: dict[str, Any] = getattr(ds, collection, {})
    return list(table)
