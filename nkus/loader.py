"""Read a dataset directory, validate every record and reference, and (`load`) build a `Dataset`.

Every problem is collected with its file, record id and field path; nothing here raises on bad data
except `DatasetError`, which carries them all. Validation (`validate`) leaves the records as parsed
from JSON; `load` then builds the model from them (`from_records`, with `model.BUILDERS`).
"""

from __future__ import annotations

import json
import os
import stat
import zlib
from array import array
from collections.abc import Callable, Iterable
from operator import itemgetter

from nkus.dates import When, parse_iso
from nkus.gcpause import gc_paused
from nkus.location import (
    ENV_VAR,
    DatasetError,
    FileStamp,
    Problem,
    absent_stamp,
    bundled_path,
    describe,
    file_stamp,
    layer_label,
    resolve_layers,
)
from nkus.spec import (
    AGREEMENT,
    CLAIM,
    COLLECTIONS,
    COVERAGE,
    EVENT,
    MAX_QUOTE_WORDS,
    SCHEMA_VERSION,
    SITE,
    SOURCE,
    SUMMIT,
    Collection,
)
from nkus.validate import (
    NotFinite,
    accept_by_checks,
    all_slugs,
    compile_accept,
    compile_fields,
    forget_slugs,
    is_slug,
    kind_of,
)  # fmt: skip

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs it (see nkus.tuples)
if TYPE_CHECKING:
    from typing import Any, TypeVar

    from nkus.location import Where
    from nkus.model import Dataset
    from nkus.validate import Accept, FieldsCheck

    D = TypeVar("D", bound=Dataset)
else:
    pass

__all__ = [
    "ENV_VAR",
    "DatasetError",
    "Problem",
    "Records",
    "bundled_path",
    "check",
    "load",
    "resolve_layers",
    "validate",
]


class Records:
    """A valid dataset's records as parsed from JSON, by collection, and the dates they name."""

    def __init__(
        self,
        roots: list[str],
        by_collection: dict[str, list[dict[str, Any]]],
        whens: dict[WhenKey, When],
        event_whens: tuple[list[WhenKey], array[int]],
        stamps: list[FileStamp],
    ) -> None:
        self.roots = roots  # the layers, the base first
        self.root = roots[0]
        # What was read, layer by layer: the cached index records it to notice later changes.
        self.stamps = stamps
        self.by_collection = by_collection
        self.whens = whens
        # The events' distinct dates, and for each event (in file order) the number of its date.
        self.event_dates, self.event_date = event_whens

    def when(self, rec: dict[str, Any]) -> When:
        return self.whens[when_key(rec)]


WhenKey = tuple[str, str, str, bool]


def when_key(rec: dict[str, Any]) -> WhenKey:
    """What a valid record's date depends on: many records share one, so dates are made once per key."""
    return (rec["date"], rec.get("end", ""), rec.get("qualifier", ""), rec.get("approximate", False))


def load(where: Where = None) -> Dataset:
    """Load and validate a dataset — a directory, or layers of them, the base first (see
    `resolve_layers`); raise DatasetError listing every problem."""
    from nkus.model import Dataset

    return load_as(Dataset, where)


def load_as(cls: type[D], where: Where = None) -> D:
    """`load`, making a `cls`: the library's `nkus.Dataset` adds its queries to the model's."""
    with gc_paused():
        return from_records(validate(where), cls)


def from_records(records: Records, cls: type[D]) -> D:
    """The model of a dataset's validated records (see `validate`)."""
    from nkus.model import BUILDERS, event

    built: dict[str, list[Any]] = {
        name: [BUILDERS[name](records.when, r) for r in items]
        for name, items in records.by_collection.items()
        if name != "events"
    }
    spans = [(w, *w.bounds()) for w in map(records.whens.__getitem__, records.event_dates)]
    built["events"] = list(map(event, map(spans.__getitem__, records.event_date), records.by_collection["events"]))
    by_id = {name: {r.id: r for r in built[name]} for name in records.by_collection if name != "events"}
    return cls(
        built["events"],
        by_id["sources"],
        by_id["actors"],
        by_id["summits"],
        by_id["claims"],
        by_id["objectives"],
        records.root,
        layers=records.roots,
        **{name: by_id[name] for name in ("publishers", "tags", "agreements", "coverage", "sites")},
    )


def validate(where: Where = None) -> Records:
    """Validate a dataset; raise DatasetError listing every problem."""
    roots = _roots(where)
    records, problems = _validate(roots)
    if problems or records is None:
        raise DatasetError(*_named(roots, problems))
    return records


def _named(roots: list[str], problems: list[Problem]) -> tuple[str, list[Problem], str]:
    name, command = describe(roots)
    return name, problems, command


def check(where: Where = None) -> list[Problem]:
    """Every problem of a dataset; empty when it is valid."""
    return _validate(_roots(where))[1]


def _roots(where: Where) -> list[str]:
    return [os.path.normpath(p) for p in resolve_layers(where)]


_UNREADABLE = object()  # what _read_json returns for a file it could not read (`null` is valid JSON)
_ABSENT = object()  # what it returns for a file a later layer does not have, which is fine


def _read_json(root: str, name: str, label: str, out: list[Problem], stamps: list[FileStamp], base: bool) -> Any:
    """The parsed file, _UNREADABLE or _ABSENT; `label` is how problems name it. `stamps` gets its
    size, modification time and CRC-32."""
    try:
        path = os.path.join(root, name)
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would block the reader: never opened
            stamps.append(absent_stamp(name))
            out.append(Problem(label, "", "", "not a regular file"))
            return _UNREADABLE
        with open(path, "rb") as fh:
            raw = fh.read()
            stamps.append(file_stamp(name, fh.fileno(), zlib.crc32(raw)))
    except FileNotFoundError:
        stamps.append(absent_stamp(name))
        if not base:
            return _ABSENT
        out.append(Problem(label, "", "", f"missing (expected in {root})"))
        return _UNREADABLE
    except OSError as exc:
        out.append(Problem(label, "", "", f"cannot be read: {exc.strerror or exc}"))
        return _UNREADABLE
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        out.append(Problem(f"{label}:{line}:{col}", "", "", "not UTF-8 text"))
        return _UNREADABLE
    del raw  # the parsed records will need the memory: a large file is held only once at a time
    duplicated: list[_Duplicated] = []
    try:
        doc = json.loads(
            text, object_pairs_hook=_pairs(duplicated), parse_constant=NotFinite, parse_float=_float, parse_int=_int
        )
    except json.JSONDecodeError as exc:
        out.append(Problem(f"{label}:{exc.lineno}:{exc.colno}", "", "", f"invalid JSON: {exc.msg}"))
        return _UNREADABLE
    except RecursionError:
        out.append(Problem(label, "", "", "invalid JSON: nested too deeply"))
        return _UNREADABLE
    if duplicated or ("\\ud" in text.lower()):  # only these can hold a key given twice or a lone surrogate
        out += [Problem(label, rid, path, problem) for rid, path, problem in _unwritable(doc, name[: -len(".json")])]
    return doc


if TYPE_CHECKING:
    _Object = dict[str, Any]
else:
    _Object = dict


class _Duplicated(_Object):
    """An object that gave a key twice (JSON readers disagree on which value wins)."""

    twice: tuple[str, ...] = ()


def _pairs(duplicated: list[_Duplicated]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(items)
        if len(made) == len(items):
            return made
        marked = _Duplicated(made)
        seen: set[str] = set()
        marked.twice = tuple(k for k, _ in items if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        duplicated.append(marked)
        return marked

    return pairs


_LIMIT = 1 << 63  # numbers are written back as JSON: a 64-bit integer at most


def _int(text: str) -> int | NotFinite:
    if len(text) > 20:
        return NotFinite(text)
    value = int(text)
    return value if -_LIMIT <= value < _LIMIT else NotFinite(text)


def _float(text: str) -> float | NotFinite:
    value = float(text)
    return value if value - value == 0 else NotFinite(text)  # NaN and the infinities are not


def _unwritable(doc: Any, collection: str) -> list[tuple[str, str, str]]:
    """Where a parsed file holds what no output could write: a key given twice, a lone surrogate."""
    found: list[tuple[str, str, str]] = []

    def walk(value: Any, rid: str, path: str) -> None:
        if isinstance(value, _Duplicated):
            found.append((rid, path, f"key given twice: {', '.join(repr(k) for k in value.twice)}"))
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and not _is_text(k):
                    found.append((rid, path, "a key holds a lone surrogate (not text)"))
                walk(v, rid, f"{path}.{k}" if path else str(k))
        elif isinstance(value, list):
            for n, v in enumerate(value):
                walk(v, rid, f"{path}[{n}]")
        elif isinstance(value, str) and not _is_text(value):
            found.append((rid, path, "holds a lone surrogate (not text)"))

    records = doc.get(collection) if isinstance(doc, dict) else None
    if isinstance(records, list):
        for n, rec in enumerate(records):
            rid = rec.get("id") if isinstance(rec, dict) else None
            walk(rec, rid if isinstance(rid, str) and _is_text(rid) else f"#{n + 1}", "")
        walk({k: v for k, v in doc.items() if k != collection}, "", "")
        if isinstance(doc, _Duplicated):
            found.append(("", "", f"key given twice: {', '.join(repr(k) for k in doc.twice)}"))
    else:
        walk(doc, "", "")
    return found


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


if TYPE_CHECKING:
    # Per collection, the (file label, parsed document) of each layer that has the file, base first.
    Docs = dict[str, list[tuple[str, Any]]]


def _read_layers(roots: list[str], out: list[Problem], stamps: list[FileStamp]) -> Docs | None:
    """Every layer's files, or None when a layer is not a directory (then nothing else is said)."""
    layered = len(roots) > 1
    labels = [layer_label(r) if layered else r for r in roots]
    for root, label in zip(roots, labels, strict=True):
        if not os.path.exists(root):
            out.append(Problem(label, "", "", "no such dataset directory"))
        elif not os.path.isdir(root):
            out.append(Problem(label, "", "", "not a directory"))
    reals = [os.path.realpath(r) for r in roots]
    for n, real in enumerate(reals):
        if real in reals[:n]:
            out.append(Problem(labels[n], "", "", "given twice as a layer"))
    if out:
        return None
    docs: Docs = {coll.name: [] for coll in COLLECTIONS}
    for n, (root, label) in enumerate(zip(roots, labels, strict=True)):
        before = len(out)
        for coll in COLLECTIONS:
            file = os.path.join(label, coll.file) if layered else coll.file
            doc = _read_json(root, coll.file, file, out, stamps, base=n == 0)
            if doc is not _ABSENT:
                docs[coll.name].append((file, doc))
        missing = sum(stamp[1] < 0 for stamp in stamps[-len(COLLECTIONS) :])
        if n == 0 and len(COLLECTIONS) / 2 < missing < len(COLLECTIONS):  # a layer where the base should be
            out.insert(before, _not_full(root, label, missing))
    return docs


def _not_full(root: str, label: str, missing: int) -> Problem:
    over = f"--data bundled --data {root}"
    return Problem(
        label, "", "", f"lacks {missing} files: the first layer must be a full dataset (to add yours: {over})"
    )


def _validate(roots: list[str]) -> tuple[Records | None, list[Problem]]:
    try:
        with gc_paused():
            return _validate_files(roots)
    finally:
        forget_slugs()


def _validate_files(roots: list[str]) -> tuple[Records | None, list[Problem]]:
    problems: list[Problem] = []
    stamps: list[FileStamp] = []
    docs = _read_layers(roots, problems, stamps)
    if docs is None:
        return None, problems
    if not problems:
        records = _valid_records(roots, docs, stamps)
        if records is not None:
            return records, []
    checker = _describe_problems(docs, problems)
    if problems:
        return None, problems
    # The full checks found nothing the fast ones objected to. A property test holds the two to
    # the same verdict; should they ever differ, the full checks decide.
    by_collection = {
        coll.name: [rec for file, doc in docs[coll.name] for _, rec in _records(coll, file, doc, [])]
        for coll in COLLECTIONS
    }
    return Records(roots, by_collection, checker.whens, _event_dates(by_collection[EVENT.name]), stamps), []


_ACCEPT: dict[tuple[str, bool], Accept] = {}
# Below this many records, generating and compiling a fast check costs more than it saves.
_COMPILE_FROM = 300


def _accept(coll: Collection, records: int) -> Accept:
    compiled = records >= _COMPILE_FROM
    accept = _ACCEPT.get((coll.name, compiled))
    if accept is None:
        make = compile_accept(coll.fields, frozenset({"id"})) if compiled else accept_by_checks(coll.fields)
        accept = _ACCEPT[coll.name, compiled] = make
    return accept


def _valid_records(roots: list[str], docs: Docs, stamps: list[FileStamp]) -> Records | None:
    """The records when the whole dataset is valid, else None, found with the fast yes/no checks.
    Most datasets are valid; for the others `_describe_problems` works out what is wrong."""
    by_collection: dict[str, list[dict[str, Any]]] = {}
    refs: dict[str, set[str]] = {c.name: set() for c in COLLECTIONS}
    for coll in COLLECTIONS:
        layers = []
        for _, doc in docs[coll.name]:
            if type(doc) is not dict or doc.keys() != {"schema_version", coll.name} or not _version_ok(doc):
                return None
            items = doc[coll.name]
            if type(items) is not list:
                return None
            layers.append(items)
        items = layers[0] if len(layers) == 1 else [rec for layer in layers for rec in layer]
        accept = _accept(coll, len(items))
        for rec in items:
            if type(rec) is not dict or not accept(rec, refs):
                return None
        by_collection[coll.name] = items
    id_lists = {name: list(map(itemgetter("id"), items)) for name, items in by_collection.items()}
    if not all(all_slugs(found) for found in id_lists.values()):
        return None
    ids = {name: set(found) for name, found in id_lists.items()}
    everything = set().union(*ids.values())
    if len(everything) != sum(len(items) for items in by_collection.values()):
        return None  # an id used twice
    if any(not wanted <= ids[name] for name, wanted in refs.items()):
        return None  # a reference to nothing
    if summit_events_unnamed(by_collection[EVENT.name]) or salvos_miscounted(by_collection[EVENT.name]):
        return None
    problems: list[Problem] = []
    checker = _Checker(problems, set())
    event_whens = _event_dates(by_collection[EVENT.name])
    for key in event_whens[0]:  # the events' rule is about their dates: each checked once
        checker.when_of(key)
    for coll in COLLECTIONS:
        rules = _RULES.get(coll.name)
        if rules is not None and coll is not EVENT:
            checker.coll = coll
            for rec in by_collection[coll.name]:
                checker.rid = rec["id"]
                rules(checker, rec)
    return None if problems else Records(roots, by_collection, checker.whens, event_whens, stamps)


def _event_dates(events: list[dict[str, Any]]) -> tuple[list[WhenKey], array[int]]:
    """The events' distinct dates, and for each event the number of its date (numbers rather than
    a key per event: a million keys would hold a hundred megabytes)."""
    keys = list(map(when_key, events))
    distinct = numbered(keys)
    return list(distinct), array("I", map(distinct.__getitem__, keys))


def numbered(values: Iterable[Any]) -> dict[Any, int]:
    """Each distinct value numbered, in order of first appearance."""
    return {value: n for n, value in enumerate(dict.fromkeys(values))}


def _version_ok(doc: dict[str, Any]) -> bool:
    version = doc.get("schema_version")
    return type(version) is int and version == SCHEMA_VERSION


def _describe_problems(docs: Docs, problems: list[Problem]) -> _Checker:
    """Every problem of an invalid dataset, each with its file, record and field, added to
    `problems`; the checker that found them knows the dates it read."""
    raw: dict[str, list[tuple[str, str, dict[str, Any]]]] = {}
    unreadable = set()
    for coll in COLLECTIONS:
        raw[coll.name] = []
        for file, doc in docs[coll.name]:
            if doc is _UNREADABLE:
                unreadable.add(coll.name)
            else:
                raw[coll.name] += ((file, rid, rec) for rid, rec in _records(coll, file, doc, problems))
    checker = _Checker(problems, unreadable)
    for coll in COLLECTIONS:
        for file, rid, rec in raw[coll.name]:
            checker.file = file
            checker.record(coll, rid, rec)
    checker.references()
    return checker


def _records(coll: Collection, file: str, doc: Any, out: list[Problem]) -> list[tuple[str, dict[str, Any]]]:
    """The file's records as (label, dict), after checking the file's envelope. `file` is how
    problems name the file."""
    if not isinstance(doc, dict):
        out.append(Problem(file, "", "", f"must be an object with '{coll.name}', not {kind_of(doc)}"))
        return []
    if not _version_ok(doc):
        version = doc.get("schema_version")
        out.append(Problem(file, "", "schema_version", f"must be {SCHEMA_VERSION}, not {version!r}"))
    for key in doc:
        if key not in ("schema_version", coll.name):
            out.append(Problem(file, "", key, "unknown top-level field"))
    items = doc.get(coll.name)
    if not isinstance(items, list):
        out.append(Problem(file, "", coll.name, f"must be a list of records, not {kind_of(items)}"))
        return []
    records = []
    for n, item in enumerate(items, 1):
        rid = item.get("id") if isinstance(item, dict) else None
        label = rid if isinstance(rid, str) and is_slug(rid) else f"#{n}"
        if not isinstance(item, dict):
            out.append(Problem(file, label, "", f"must be an object, not {kind_of(item)}"))
            continue
        records.append((label, item))
    return records


_FIELD_CHECKS: dict[str, FieldsCheck] = {}


def _field_checks(coll: Collection) -> FieldsCheck:
    check = _FIELD_CHECKS.get(coll.name)
    if check is None:
        check = _FIELD_CHECKS[coll.name] = compile_fields(coll.fields)
    return check


class _Checker:
    """Checks records against their declarations, then the references between them."""

    def __init__(self, out: list[Problem], unreadable: set[str]) -> None:
        self.out = out
        # References into a file that could not be read are not checked: its own problem says enough.
        self.unreadable = unreadable
        self.ids: dict[str, tuple[str, str]] = {}  # id -> the collection and file that first used it
        self.by_collection: dict[str, set[str]] = {c.name: set() for c in COLLECTIONS}
        self.pending: list[tuple[str, str, str, str, str]] = []  # (collection, id, file, record, path)
        self.aliases: dict[str, str] = {}
        self.agreement_aliases: dict[str, str] = {}
        self.whens: dict[WhenKey, When] = {}
        self.coll: Collection = COLLECTIONS[0]
        self.file = self.coll.file  # how problems name the file being checked
        self.rid = ""

    # The two methods through which the compiled checks report on the current record.
    def fail(self, path: str, message: str) -> None:
        self.out.append(Problem(self.file, self.rid, path, message))

    def ref(self, collection: str, rid: str, path: str) -> None:
        if rid not in self.by_collection[collection]:
            self.pending.append((collection, rid, self.file, self.rid, path))

    def record(self, coll: Collection, rid: str, rec: dict[str, Any]) -> None:
        before = len(self.out)
        self.coll, self.rid = coll, rid
        _field_checks(coll)(rec, "", self)
        if rid.startswith("#"):
            return
        first = self.ids.get(rid)
        if first is None:
            self.ids[rid] = (coll.name, self.file)
        elif os.path.dirname(first[1]) != os.path.dirname(self.file):  # in an earlier layer
            self.fail("id", f"also defined in {first[1]}")
        else:
            self.fail("id", f"duplicate id (also a record in {first[0]}.json)")
        # A broken record still counts as existing, so one mistake does not cascade into many.
        self.by_collection[coll.name].add(rid)
        rules = _RULES.get(coll.name)
        if rules is not None and len(self.out) == before:
            rules(self, rec)

    def when(self, rec: dict[str, Any]) -> When | None:
        """The record's date, end, qualifier and approximateness."""
        return self.when_of(when_key(rec))

    def when_of(self, key: WhenKey) -> When | None:
        cached = self.whens.get(key)
        if cached is not None:
            return cached
        start = parse_iso(key[0])
        end = parse_iso(key[1]) if key[1] else None
        if end is not None and end.last() < start.first():
            self.fail("end", f"'{key[1]}' is before the date '{key[0]}'")
            return None
        if key[2] and (start.precision == "day" or end is not None):
            self.fail("qualifier", "only a month or year without an end can be early/mid/late")
            return None
        when = When(start, end, key[2] or None, key[3])
        try:
            when.bounds()
        except (OverflowError, ValueError):
            self.fail("date", f"'{key[0]}' reaches beyond the years 1 to 9999")
            return None
        self.whens[key] = when
        return when

    def references(self) -> None:
        for collection, rid, file, record, path in self.pending:
            if collection not in self.unreadable and rid not in self.by_collection[collection]:
                self.out.append(Problem(file, record, path, f"no {collection[:-1]} '{rid}'"))


# Rules beyond the declarations in `spec.py`, run on records whose fields are well-formed.
def _event_rules(ck: _Checker, r: dict[str, Any]) -> None:
    ck.when(r)
    if summit_events_unnamed([r]):
        ck.fail("summit", "a summit event must name its summit (a record in summits.json)")
    for count, total in salvos_miscounted([r]):
        ck.fail("missile.salvos", f"count {total} in all, but the day's missile.count is {count}")


def _summit_rules(ck: _Checker, r: dict[str, Any]) -> None:
    ck.when(r)
    for n, alias in enumerate([ck.rid, *r["aliases"]]):
        owner = ck.aliases.setdefault(alias, ck.rid)
        if owner != ck.rid:
            ck.fail(f"aliases[{n - 1}]" if n else "id", f"'{alias}' already names summit '{owner}'")
            return


def _quote_rule(ck: _Checker, path: str, quote: str) -> None:
    words = len(quote.split())
    if words > MAX_QUOTE_WORDS:
        ck.fail(path, f"has {words} words; a quote may have at most {MAX_QUOTE_WORDS}")


def _claim_rules(ck: _Checker, r: dict[str, Any]) -> None:
    _quote_rule(ck, "quote", r["quote"])


def _agreement_rules(ck: _Checker, r: dict[str, Any]) -> None:
    ck.when(r)
    for n, p in enumerate(r["provisions"]):
        if "clause" in p:
            _quote_rule(ck, f"provisions[{n}].clause", p["clause"])
    for n, alias in enumerate([ck.rid, *r["aliases"]]):
        owner = ck.agreement_aliases.setdefault(alias, ck.rid)
        if owner != ck.rid:
            ck.fail(f"aliases[{n - 1}]" if n else "id", f"'{alias}' already names agreement '{owner}'")
            return


def _coverage_rules(ck: _Checker, r: dict[str, Any]) -> None:
    if parse_iso(r["to"]).last() < parse_iso(r["from"]).first():
        ck.fail("to", f"'{r['to']}' is before from '{r['from']}'")


def summit_events_unnamed(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events of kind summit that name no summit record: every summit is described in summits.json."""
    return [r for r in events if r["kind"] == "summit" and "summit" not in r]


def salvos_miscounted(events: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(day's count, salvos' total) of the launches whose salvos, all counted, do not add up to the
    day's known count: the day-level fields summarise its salvos."""
    wrong = []
    for r in events:
        m = r.get("missile")
        if m is not None and "salvos" in m and m["count"] is not None:
            counts = [s["count"] for s in m["salvos"]]
            if None not in counts and sum(counts) != m["count"]:
                wrong.append((m["count"], sum(counts)))
    return wrong


def _site_rules(ck: _Checker, r: dict[str, Any]) -> None:
    if ("lat" in r) != ("lon" in r):
        ck.fail("lon" if "lat" in r else "lat", "a site's coordinates are lat and lon together")
    elif "lat" in r and not r.get("sources"):
        ck.fail("sources", "coordinates need a source that gives them")


def _source_rules(ck: _Checker, r: dict[str, Any]) -> None:
    url = r["url"]
    if not url.startswith(("https://", "http://")) or url.split() != [url] or not url.isprintable():
        ck.fail("url", "an address is http:// or https:// with no spaces or control characters")
    for n, name in enumerate(r.get("authors", ())):
        if not (set(name) == {"literal"} if "literal" in name else "family" in name):
            ck.fail(f"authors[{n}]", "a name is a person's family (and given) name, or an organisation's literal name")


_RULES: dict[str, Callable[[_Checker, dict[str, Any]], None]] = {
    SOURCE.name: _source_rules,
    SITE.name: _site_rules,
    EVENT.name: _event_rules,
    SUMMIT.name: _summit_rules,
    CLAIM.name: _claim_rules,
    AGREEMENT.name: _agreement_rules,
    COVERAGE.name: _coverage_rules,
}
