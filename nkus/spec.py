"""The dataset's record types, declared once: the loader validates against these declarations and
`nkus schema` derives the JSON Schema from them, so the two cannot drift apart."""

from __future__ import annotations

from nkus.vocab import (
    CLAIM_KINDS,
    COLLECTION_NAMES,
    COVERAGE_LEVELS,
    DIMENSIONS,
    EVENT_KINDS,
    LEVELS,
    MAX_QUOTE_WORDS,
    MISSILE_CLASSES,
    OUTCOMES,
    PUBLISHER_KINDS,
    SCHEMA_VERSION,
    SUMMIT_TYPES,
    VOICES,
)  # fmt: skip

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs it (see nkus.tuples)
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from nkus.tuples import NamedTuple

__all__ = ["CLAIM_KINDS", "COLLECTIONS", "EVENT_KINDS", "MAX_QUOTE_WORDS", "SCHEMA_VERSION", "json_schema"]
SLUG_RE = r"[a-z0-9]+(-[a-z0-9]+)*"  # lowercase letters and digits, single hyphens between
SLUG_PATTERN = f"^{SLUG_RE}$"
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
TIME_RE = r"([01][0-9]|2[0-3]):[0-5][0-9]"


class T(NamedTuple):
    """A value type. `ref` names the collection a slug must be an id of."""

    kind: str  # string, slug, date, boolean, integer, list, object, map
    item: T | None = None
    fields: tuple[F, ...] = ()
    choices: tuple[str, ...] = ()
    ref: str = ""
    nullable: bool = False
    min_items: int = 0
    minimum: float | None = None  # for integers and numbers
    maximum: float | None = None


class F(NamedTuple):
    name: str
    type: T
    required: bool = True
    doc: str = ""


STR = T("string")
SLUG = T("slug")
DATE = T("date")
BOOL = T("boolean")
TIME = T("time")  # HH:MM, 24-hour
KM = T("number", minimum=0)
LATITUDE = T("number", minimum=-90, maximum=90)
LONGITUDE = T("number", minimum=-180, maximum=180)


def ref(collection: str) -> T:
    return T("slug", ref=collection)


def refs(collection: str, min_items: int = 0) -> T:
    return T("list", item=ref(collection), min_items=min_items)


def choice(*options: str) -> T:
    return T("string", choices=options)


def obj(*fields: F) -> T:
    return T("object", fields=fields)


STRINGS = T("list", item=STR)
VOICE_DOC = "author: the words are the source's own (its author's or organisation's); quoted: the source reports them"


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
    F("tags", refs("tags"), False, "ids from tags.json"),
    F("summit", ref("summits"), False, "the summit this event is part of; every summit event names one"),
    F("missile", obj(
        F("count", T("integer", nullable=True, minimum=0), doc="missiles or projectiles fired; null if not known"),
        F("system", T("string", nullable=True), doc="system name(s) as reported; null if not known"),
        F("class", choice(*MISSILE_CLASSES)),
        F("time", TIME, False, "launch time, Korean time (KST); of the first launch when there were several"),
        F("site", STR, False, "launch site as reported"),
        F("site_id", ref("sites"), False, "the launch site's record in sites.json"),
        F("apogee_km", KM, False),
        F("range_km", KM, False, "distance flown"),
        F("outcome", choice(*OUTCOMES), False),
        F("note", STR, False),
        F("salvos", T("list", item=obj(
            F("count", T("integer", nullable=True, minimum=0), doc="missiles of this launch; null if not known"),
            F("time", TIME, False, "launch time, KST"),
            F("system", STR, False, "when not the day's system"),
            F("class", choice(*MISSILE_CLASSES), False, "when not the day's class"),
            F("site", STR, False, "as reported, when not the day's site"),
            F("site_id", ref("sites"), False),
            F("apogee_km", KM, False),
            F("range_km", KM, False),
            F("outcome", choice(*OUTCOMES), False),
        ), min_items=1), False, "the day's launches, each at its own time, site or system"),
    ), False),
    F("sources", refs("sources", 1)),
    F("disputes", T("list", item=obj(
        F("field", STR, doc="what the sources disagree on, e.g. date or missile.count"),
        F("note", STR, doc="what each side says"),
        F("sources", refs("sources")),
    )), False),
))  # fmt: skip

SITE = Collection("sites", (
    F("id", SLUG),
    F("name", STR),
    F("aliases", STRINGS, False, "other names of the place, as launch reports give them"),
    F("province", STR, False),
    F("lat", LATITUDE, False, "decimal degrees north, as a cited page gives them"),
    F("lon", LONGITUDE, False, "decimal degrees east, as a cited page gives them"),
    F("sources", refs("sources"), False, "the pages that place it; required with coordinates"),
    F("note", STR, False),
))  # fmt: skip

PUBLISHER = Collection("publishers", (
    F("id", SLUG),
    F("name", STR),
    F("kind", choice(*PUBLISHER_KINDS)),
    F("country", STR, False, "ISO 3166 alpha-3; none for international bodies"),
    F("url", STR, False, "home page"),
    F("of_record", BOOL, False, "a major national outlet of record"),
    F("note", STR, False),
))  # fmt: skip

TAG = Collection("tags", (
    F("id", SLUG),
    F("description", STR),
))  # fmt: skip

SOURCE = Collection("sources", (
    F("id", SLUG),
    F("publisher", ref("publishers"), doc="who published the page at this address"),
    F("via", ref("publishers"), False, "for a repost: the publisher of the original"),
    F("title", STR, doc="the page's own title"),
    F("date", DATE, doc="publication date, as precise as the page shows"),
    F("url", STR),
    F("type", choice("news", "official", "analysis", "reference", "database")),
    F("authors", T("list", item=obj(
        F("family", STR, False, "a person's family name"),
        F("given", STR, False, "a person's given names"),
        F("literal", STR, False, "an organisation's name, whole; instead of family and given"),
        F("family_first", BOOL, False, "written family name first, as Korean and Chinese names are"),
    )), False, "the byline, one name each: persons or organisations"),
    F("note", STR, False),
))  # fmt: skip

ACTOR = Collection("actors", (
    F("id", SLUG),
    F("name", STR),
    F("type", choice("person", "state", "organization")),
    F("country", STR, False, "ISO 3166 alpha-3 code; none for international organisations"),
    F("role", STR, False),
    F("aliases", STRINGS, False, "other names and spellings a search should find: 'Chairman Kim', 'Kim Jong-eun'"),
))  # fmt: skip

SUMMIT = Collection("summits", (
    F("id", SLUG),
    F("aliases", T("list", item=SLUG)),
    F("name", STR),
    F("type", choice(*SUMMIT_TYPES)),
    F("date", DATE),
    F("end", DATE, False),
    F("place", STR),
    F("principals", refs("actors", 1)),
    F("delegations", T("map", item=STRINGS), False, "country code to names"),
    F("agenda", STRINGS, False),
    F("outcome", STR),
    F("document", obj(F("title", STR), F("provisions", STRINGS)), False),
    F("aftermath", STR, False),
    F("verdicts", T("list", item=obj(
        F("source", ref("sources"), doc="the analysis"),
        F("by", STR, doc="whose judgement: a person or body, with role"),
        F("voice", choice(*VOICES), doc=VOICE_DOC),
        F("spectacle", choice(*LEVELS), False),
        F("substance", choice(*LEVELS), False),
        F("summary", STR),
        F("claim", ref("claims"), False, "the claim the judgement rests on"),
    )), False, "analyses' judgements of the summit, each attributed"),
    F("events", refs("events", 1)),
    F("sources", refs("sources", 1)),
))  # fmt: skip

CLAIM = Collection("claims", (
    F("id", SLUG),
    F("kind", choice(*CLAIM_KINDS)),
    F("summary", STR, doc="the claim in our own words"),
    F("quote", STR, doc=f"verbatim from the source, at most {MAX_QUOTE_WORDS} words"),
    F("source", ref("sources")),
    F("speaker", STR, doc="whose words the quote is: a person or body, with role; the author, or the organisation of an unsigned text, when they are the source's own"),
    F("voice", choice(*VOICES), doc=VOICE_DOC),
    F("location", STR, doc="where in the source"),
    F("events", refs("events"), False),
    F("summits", refs("summits"), False),
    F("objectives", refs("objectives"), False),
    F("agreements", refs("agreements"), False),
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

AGREEMENT = Collection("agreements", (
    F("id", SLUG),
    F("aliases", T("list", item=SLUG)),
    F("name", STR),
    F("date", DATE),
    F("place", STR, False),
    F("parties", refs("actors", 1)),
    F("signatories", STRINGS, False),
    F("text_source", ref("sources"), doc="a source with the full text"),
    F("sources", refs("sources")),
    F("events", refs("events"), False),
    F("summit", ref("summits"), False),
    F("summary", STR),
    F("provisions", T("list", item=obj(
        F("dimension", choice(*DIMENSIONS)),
        F("clause", STR, False, f"verbatim, at most {MAX_QUOTE_WORDS} words"),
        F("summary", STR),
        F("fate", STR, False, "what became of it"),
        F("sources", refs("sources"), False),
    ))),
    F("fate", STR, False),
))  # fmt: skip

COVERAGE = Collection("coverage", (
    F("id", SLUG),
    F("kinds", T("list", item=choice(*EVENT_KINDS)), doc="event kinds; empty means every kind"),
    F("classes", T("list", item=choice(*MISSILE_CLASSES)), False, "for launches: the missile classes the level applies to"),
    F("from", DATE),
    F("to", DATE),
    F("level", choice(*COVERAGE_LEVELS), doc="complete: every such event is meant to be here"),
    F("note", STR, False),
))  # fmt: skip

# In the order of `vocab.COLLECTION_NAMES`, the one list of the dataset's files.
COLLECTIONS = tuple(
    {c.name: c for c in (PUBLISHER, TAG, SOURCE, SITE, ACTOR, EVENT, SUMMIT, AGREEMENT, CLAIM, OBJECTIVE, COVERAGE)}[n]
    for n in COLLECTION_NAMES
)


def _schema_of(t: T) -> dict[str, Any]:
    out: dict[str, Any]
    if t.kind == "slug":
        out = {"type": "string", "pattern": SLUG_PATTERN}
    elif t.kind == "date":
        out = {"type": "string", "pattern": DATE_PATTERN}
    elif t.kind == "time":
        out = {"type": "string", "pattern": f"^{TIME_RE}$"}
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
    if t.minimum is not None:
        out["minimum"] = t.minimum
    if t.maximum is not None:
        out["maximum"] = t.maximum
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


def reference_paths(coll: Collection) -> tuple[tuple[str, ...], ...]:
    """The field paths of a record type that hold ids of other records (`("disputes", "sources")`
    for each dispute's sources): what a record points at is read from these declarations."""
    out: list[tuple[str, ...]] = []

    def walk(fields: tuple[F, ...], path: tuple[str, ...]) -> None:
        for f in fields:
            t = f.type.item if f.type.kind == "list" and f.type.item is not None else f.type
            if t.ref:
                out.append((*path, f.name))
            elif t.kind == "object":
                walk(t.fields, (*path, f.name))

    walk(coll.fields, ())
    return tuple(out)
