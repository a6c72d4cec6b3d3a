"""The dataset's record types, declared once: the loader validates against these declarations and
`nkus schema` derives the JSON Schema from them, so the two cannot drift apart."""

from __future__ import annotations

from nkus.vocab import CLAIM_KINDS, COLLECTION_NAMES, EVENT_KINDS, LEVELS, MAX_QUOTE_WORDS, SCHEMA_VERSION

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs it (see nkus.tuples)
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from nkus.tuples import NamedTuple

__all__ = ["CLAIM_KINDS", "COLLECTIONS", "EVENT_KINDS", "MAX_QUOTE_WORDS", "SCHEMA_VERSION", "json_schema"]
SLUG_RE = r"[a-z0-9]+(-[a-z0-9]+)*"  # lowercase letters and digits, single hyphens between
SLUG_PATTERN = f"^{SLUG_RE}$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class T(NamedTuple):
    """A value type. `ref` names the collection a slug must be an id of."""

    kind: str  # string, slug, date, boolean, integer, list, object, map
    item: T | None = None
    fields: tuple[F, ...] = ()
    choices: tuple[str, ...] = ()
    ref: str = ""
    nullable: bool = False
    min_items: int = 0


class F(NamedTuple):
    name: str
    type: T
    required: bool = True
    doc: str = ""


STR = T("string")
SLUG = T("slug")
DATE = T("date")
BOOL = T("boolean")


def ref(collection: str) -> T:
    return T("slug", ref=collection)


def refs(collection: str, min_items: int = 0) -> T:
    return T("list", item=ref(collection), min_items=min_items)


def choice(*options: str) -> T:
    return T("string", choices=options)


def obj(*fields: F) -> T:
    return T("object", fields=fields)


STRINGS = T("list", item=STR)


class Collection(NamedTuple):
    name: str  # key in the file, and what `ref` names
    fields: tuple[F, ...] = ()

    @property
    def file(self) -> str:
        return f"{self.name}.json"


EVENT = Collection("events", (
    F("id", SLUG, doc="stable slug, unique across the dataset"),
    F("date", DATE, doc="YYYY, YYYY-MM or YYYY-MM-DD (Korean date for events in Korea)"),
    F("end", DATE, False, "last day of a multi-day event, inclusive"),
    F("qualifier", choice("early", "mid", "late"), False, "part of a month or year"),
    F("approximate", BOOL, False, "the sources give the date only roughly"),
    F("kind", choice(*EVENT_KINDS)),
    F("title", STR),
    F("summary", STR),
    F("actors", refs("actors", 1)),
    F("location", STR, False),
    F("tags", T("list", item=SLUG), False),
    F("summit", ref("summits"), False),
    F("missile", obj(
        F("count", T("integer", nullable=True), doc="missiles or projectiles; null if not known"),
        F("system", T("string", nullable=True)),
        F("class", STR),
        F("note", STR, False),
    ), False),
    F("sources", refs("sources", 1)),
    F("disputes", T("list", item=obj(
        F("field", STR, doc="what the sources disagree on, e.g. date or missile.count"),
        F("note", STR, doc="what each side says"),
        F("sources", refs("sources")),
    )), False),
))  # fmt: skip

SOURCE = Collection("sources", (
    F("id", SLUG),
    F("publisher", STR),
    F("title", STR, doc="the page's own title"),
    F("date", DATE, doc="publication date, as precise as the page shows"),
    F("url", STR),
    F("type", choice("news", "official", "analysis", "reference", "database")),
    F("author", STR, False),
    F("note", STR, False),
))  # fmt: skip

ACTOR = Collection("actors", (
    F("id", SLUG),
    F("name", STR),
    F("type", choice("person", "state", "organization")),
    F("country", STR, doc="ISO 3166 alpha-3 code"),
    F("role", STR, False),
))  # fmt: skip

SUMMIT = Collection("summits", (
    F("id", SLUG),
    F("aliases", T("list", item=SLUG)),
    F("name", STR),
    F("type", choice("us-dprk", "inter-korean")),
    F("date", DATE),
    F("end", DATE, False),
    F("place", STR),
    F("principals", refs("actors", 1)),
    F("delegations", T("map", item=STRINGS), False, "country code to names"),
    F("agenda", STRINGS),
    F("outcome", STR),
    F("document", obj(F("title", STR), F("provisions", STRINGS)), False),
    F("aftermath", STR),
    F("verdict", obj(
        F("spectacle", choice(*LEVELS)),
        F("substance", choice(*LEVELS)),
        F("summary", STR),
    ), False, "the analysis's judgement"),
    F("events", refs("events", 1)),
    F("sources", refs("sources", 1)),
))  # fmt: skip

CLAIM = Collection("claims", (
    F("id", SLUG),
    F("kind", choice(*CLAIM_KINDS)),
    F("summary", STR, doc="the claim in our own words"),
    F("quote", STR, doc=f"verbatim from the source, at most {MAX_QUOTE_WORDS} words"),
    F("source", ref("sources")),
    F("location", STR, doc="where in the source"),
    F("events", refs("events"), False),
    F("summits", refs("summits"), False),
    F("objectives", refs("objectives"), False),
    F("evidence", T("list", item=obj(
        F("event", ref("events")),
        F("bearing", choice("supports", "complicates")),
        F("note", STR),
    )), False, "later public record bearing on the claim"),
))  # fmt: skip

OBJECTIVE = Collection("objectives", (
    F("id", SLUG),
    F("number", T("integer")),
    F("title", STR),
    F("summary", STR),
    F("events", refs("events")),
))  # fmt: skip

# In the order of `vocab.COLLECTION_NAMES`, the one list of the dataset's files.
COLLECTIONS = tuple({c.name: c for c in (SOURCE, ACTOR, EVENT, SUMMIT, CLAIM, OBJECTIVE)}[n] for n in COLLECTION_NAMES)


def _schema_of(t: T) -> dict[str, Any]:
    out: dict[str, Any]
    if t.kind == "slug":
        out = {"type": "string", "pattern": SLUG_PATTERN}
    elif t.kind == "date":
        out = {"type": "string", "pattern": DATE_PATTERN}
    elif t.kind == "list":
        assert t.item is not None
        out = {"type": "array", "items": _schema_of(t.item)}
        if t.min_items:
            out["minItems"] = t.min_items
    elif t.kind == "map":
        assert t.item is not None
        out = {"type": "object", "additionalProperties": _schema_of(t.item)}
    elif t.kind == "object":
        out = _object_schema(t.fields)
    else:
        out = {"type": t.kind}
    if t.choices:
        out["enum"] = list(t.choices)
    if t.nullable:
        out["type"] = [out["type"], "null"]
    return out


def _object_schema(fields: tuple[F, ...]) -> dict[str, Any]:
    props = {}
    for f in fields:
        props[f.name] = _schema_of(f.type)
        if f.doc:
            props[f.name]["description"] = f.doc
    return {
        "type": "object",
        "properties": props,
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """One JSON Schema covering every file: `$defs` holds each file's schema."""
    defs = {}
    for c in COLLECTIONS:
        defs[c.file] = {
            "type": "object",
            "properties": {
                "schema_version": {"const": SCHEMA_VERSION},
                c.name: {"type": "array", "items": _object_schema(c.fields)},
            },
            "required": ["schema_version", c.name],
            "additionalProperties": False,
        }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:nkus:dataset:schema:1",
        "title": "nkus dataset",
        "description": "Each file of an nkus dataset directory is valid against $defs[<file name>].",
        "$defs": defs,
    }
