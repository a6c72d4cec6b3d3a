"""Read a dataset directory, validate every record and reference, and build a `Dataset`.

Every problem is collected with its file, record id and field path; nothing here raises on bad data
except `DatasetError`, which carries them all.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nkus.dates import DateError, When, parse_iso
from nkus.location import ENV_VAR, DatasetError, bundled_path, resolve_path
from nkus.model import (
    Actor,
    Claim,
    Dataset,
    Dispute,
    Event,
    Evidence,
    Missile,
    Objective,
    Record,
    Source,
    Summit,
    Verdict,
)  # fmt: skip
from nkus.spec import (
    ACTOR,
    CLAIM,
    COLLECTIONS,
    EVENT,
    MAX_QUOTE_WORDS,
    OBJECTIVE,
    SCHEMA_VERSION,
    SOURCE,
    SUMMIT,
    Collection,
    F,
    T,
)  # fmt: skip
from nkus.text import visible

__all__ = ["ENV_VAR", "DatasetError", "Problem", "bundled_path", "check", "load", "resolve_path"]
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class Problem:
    file: str
    record: str  # the record's id, or #N (1-based) where it has none
    path: str  # field path inside the record, or "" for the file itself
    message: str

    def __str__(self) -> str:
        where = ": ".join(p for p in (self.file, self.record, self.path) if p)
        return visible(f"{where}: {self.message}")


def load(path: str | os.PathLike[str] | None = None) -> Dataset:
    """Load and validate a dataset; raise DatasetError listing every problem."""
    root = Path(resolve_path(path))
    dataset, problems = _load(root)
    if problems or dataset is None:
        raise DatasetError(str(root), problems)
    return dataset


def check(path: str | os.PathLike[str] | None = None) -> list[Problem]:
    """Every problem of a dataset; empty when it is valid."""
    return _load(Path(resolve_path(path)))[1]


def _read_json(root: Path, name: str, out: list[Problem]) -> Any:
    file = root / name
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        out.append(Problem(name, "", "", f"missing (expected in {root})"))
        return None
    except OSError as exc:
        out.append(Problem(name, "", "", f"cannot be read: {exc.strerror or exc}"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        out.append(Problem(f"{name}:{line}:{col}", "", "", "not UTF-8 text"))
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        out.append(Problem(f"{name}:{exc.lineno}:{exc.colno}", "", "", f"invalid JSON: {exc.msg}"))
    except RecursionError:
        out.append(Problem(name, "", "", "invalid JSON: nested too deeply"))
    return None


def _load(root: Path) -> tuple[Dataset | None, list[Problem]]:
    problems: list[Problem] = []
    if not root.exists():
        return None, [Problem(str(root), "", "", "no such dataset directory")]
    if not root.is_dir():
        return None, [Problem(str(root), "", "", "not a directory")]
    raw: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    unreadable = set()
    for coll in COLLECTIONS:
        before = len(problems)
        raw[coll.name] = _records(coll, _read_json(root, coll.file, problems), problems)
        if not raw[coll.name] and len(problems) > before:
            unreadable.add(coll.name)
    checker = _Checker(problems, unreadable)
    built: dict[str, list[Any]] = {}
    for coll in COLLECTIONS:
        built[coll.name] = [r for rid, rec in raw[coll.name] if (r := checker.record(coll, rid, rec))]
    checker.references()
    if problems:
        return None, problems
    dataset = Dataset(
        events=built["events"],
        sources={s.id: s for s in built["sources"]},
        actors={a.id: a for a in built["actors"]},
        summits={s.id: s for s in built["summits"]},
        claims={c.id: c for c in built["claims"]},
        objectives={o.id: o for o in built["objectives"]},
        path=str(root),
    )
    return dataset, problems


def _records(coll: Collection, doc: Any, out: list[Problem]) -> list[tuple[str, dict[str, Any]]]:
    """The file's records as (label, dict), after checking the file's envelope."""
    if doc is None:
        return []
    if not isinstance(doc, dict):
        out.append(Problem(coll.file, "", "", f"must be an object with '{coll.name}', not {_kind(doc)}"))
        return []
    version = doc.get("schema_version")
    if version != SCHEMA_VERSION:
        out.append(Problem(coll.file, "", "schema_version", f"must be {SCHEMA_VERSION}, not {version!r}"))
    for key in doc:
        if key not in ("schema_version", coll.name):
            out.append(Problem(coll.file, "", key, "unknown top-level field"))
    items = doc.get(coll.name)
    if not isinstance(items, list):
        out.append(Problem(coll.file, "", coll.name, f"must be a list of records, not {_kind(items)}"))
        return []
    records = []
    for n, item in enumerate(items, 1):
        rid = item.get("id") if isinstance(item, dict) else None
        label = rid if isinstance(rid, str) and _SLUG.fullmatch(rid) else f"#{n}"
        if not isinstance(item, dict):
            out.append(Problem(coll.file, label, "", f"must be an object, not {_kind(item)}"))
            continue
        records.append((label, item))
    return records


_PYTHON_TYPES: dict[str, type] = {"list": list, "object": dict, "map": dict, "boolean": bool, "integer": int}


def _is(value: Any, expected: type) -> bool:
    """isinstance, except that a JSON boolean is not an integer."""
    return isinstance(value, expected) and not (expected is int and isinstance(value, bool))


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


class _Checker:
    """Checks records against their declarations, then the references between them."""

    def __init__(self, out: list[Problem], unreadable: set[str]) -> None:
        self.out = out
        # References into a file that could not be read are not checked: its own problem says enough.
        self.unreadable = unreadable
        self.ids: dict[str, str] = {}  # id -> the collection that first used it
        self.by_collection: dict[str, set[str]] = {c.name: set() for c in COLLECTIONS}
        self.pending: list[tuple[str, str, Problem]] = []  # (collection, id, problem if missing)
        self.aliases: dict[str, str] = {}

    def fail(self, coll: Collection, rid: str, path: str, message: str) -> None:
        self.out.append(Problem(coll.file, rid, path, message))

    def record(self, coll: Collection, rid: str, rec: dict[str, Any]) -> Record | None:
        before = len(self.out)
        self.fields(coll, rid, coll.fields, rec, "")
        if rid.startswith("#"):
            return None
        if rid in self.ids:
            self.fail(coll, rid, "id", f"duplicate id (also a record in {self.ids[rid]}.json)")
        self.ids.setdefault(rid, coll.name)
        # A broken record still counts as existing, so one mistake does not cascade into many.
        self.by_collection[coll.name].add(rid)
        if len(self.out) > before:
            return None
        return _BUILDERS[coll.name](self, coll, rid, rec)

    def fields(self, coll: Collection, rid: str, fields: tuple[F, ...], rec: dict[str, Any], at: str) -> None:
        known = {f.name for f in fields}
        for f in fields:
            path = f"{at}{f.name}"
            if f.name in rec:
                self.value(coll, rid, f.type, rec[f.name], path)
            elif f.required:
                self.fail(coll, rid, path, "missing required field")
        for name in rec:
            if name not in known:
                self.fail(coll, rid, f"{at}{name}", "unknown field")

    def value(self, coll: Collection, rid: str, t: T, value: Any, path: str) -> None:
        if value is None:
            if not t.nullable:
                self.fail(coll, rid, path, "must not be null")
            return
        expected = _PYTHON_TYPES.get(t.kind, str)
        if not _is(value, expected):
            self.fail(coll, rid, path, f"must be {_kind(expected())}, not {_kind(value)}")
            return
        if t.kind in ("list", "map"):
            assert t.item is not None
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                sub = f"{path}.{key}" if isinstance(value, dict) else f"{path}[{key}]"
                self.value(coll, rid, t.item, item, sub)
            if len(value) < t.min_items:
                self.fail(coll, rid, path, f"needs at least {t.min_items} item(s)")
        elif t.kind == "object":
            self.fields(coll, rid, t.fields, value, f"{path}.")
        elif t.kind == "slug" and not _SLUG.fullmatch(value):
            self.fail(coll, rid, path, f"'{_clip(value)}' is not a slug (lowercase letters, digits, hyphens)")
        elif t.kind == "slug" and t.ref:
            self.pending.append((t.ref, value, Problem(coll.file, rid, path, f"no {t.ref[:-1]} '{value}'")))
        elif t.kind == "date":
            try:
                parse_iso(value)
            except DateError as exc:
                self.fail(coll, rid, path, str(exc))
        elif t.choices and value not in t.choices:
            self.fail(coll, rid, path, f"'{_clip(value)}' is not one of: {', '.join(t.choices)}")
        elif t.kind == "string" and not value.strip() and not t.nullable:
            self.fail(coll, rid, path, "must not be empty")

    def when(self, coll: Collection, rid: str, rec: dict[str, Any]) -> When | None:
        start = parse_iso(rec["date"])
        end = parse_iso(rec["end"]) if rec.get("end") else None
        qualifier = rec.get("qualifier")
        if end is not None and end.last() < start.first():
            self.fail(coll, rid, "end", f"'{rec['end']}' is before the date '{rec['date']}'")
            return None
        if qualifier and (start.precision == "day" or end is not None):
            self.fail(coll, rid, "qualifier", "only a month or year without an end can be early/mid/late")
            return None
        return When(start, end, qualifier, bool(rec.get("approximate", False)))

    def references(self) -> None:
        for collection, rid, problem in self.pending:
            if collection not in self.unreadable and rid not in self.by_collection[collection]:
                self.out.append(problem)


def _clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _t(value: Any) -> tuple[Any, ...]:
    return tuple(value or ())


def _event(ck: _Checker, coll: Collection, rid: str, r: dict[str, Any]) -> Event | None:
    when = ck.when(coll, rid, r)
    if when is None:
        return None
    m = r.get("missile")
    missile = Missile(m["count"], m["system"], m["class"], m.get("note", "")) if m else None
    disputes = tuple(Dispute(d["field"], d["note"], _t(d["sources"])) for d in r.get("disputes", ()))
    lower, upper = when.bounds()
    return Event(
        rid, when, lower, upper, r["kind"], r["title"], r["summary"], _t(r["actors"]), _t(r["sources"]),
        r.get("location", ""), _t(r.get("tags")), r.get("summit"), missile, disputes,
    )  # fmt: skip


def _source(ck: _Checker, coll: Collection, rid: str, r: dict[str, Any]) -> Source:
    return Source(
        rid, r["publisher"], r["title"], r["date"], r["url"], r["type"], r.get("author", ""), r.get("note", "")
    )


def _actor(ck: _Checker, coll: Collection, rid: str, r: dict[str, Any]) -> Actor:
    return Actor(rid, r["name"], r["type"], r["country"], r.get("role", ""))


def _summit(ck: _Checker, coll: Collection, rid: str, r: dict[str, Any]) -> Summit | None:
    when = ck.when(coll, rid, r)
    for n, alias in enumerate([rid, *r["aliases"]]):
        owner = ck.aliases.setdefault(alias, rid)
        if owner != rid:
            ck.fail(coll, rid, f"aliases[{n - 1}]" if n else "id", f"'{alias}' already names summit '{owner}'")
            return None
    if when is None:
        return None
    doc = r.get("document") or {}
    v = r.get("verdict")
    return Summit(
        rid, _t(r["aliases"]), r["name"], r["type"], when, r["place"], _t(r["principals"]), _t(r["agenda"]),
        r["outcome"], r["aftermath"], _t(r["events"]), _t(r["sources"]),
        {k: _t(v) for k, v in (r.get("delegations") or {}).items()},
        doc.get("title", ""), _t(doc.get("provisions")),
        Verdict(v["spectacle"], v["substance"], v["summary"]) if v else None,
    )  # fmt: skip


def _claim(ck: _Checker, coll: Collection, rid: str, r: dict[str, Any]) -> Claim | None:
    words = len(r["quote"].split())
    if words > MAX_QUOTE_WORDS:
        ck.fail(coll, rid, "quote", f"has {words} words; a quote may have at most {MAX_QUOTE_WORDS}")
        return None
    evidence = tuple(Evidence(e["event"], e["bearing"], e["note"]) for e in r.get("evidence", ()))
    return Claim(
        rid, r["kind"], r["summary"], r["quote"], r["source"], r["location"],
        _t(r.get("events")), _t(r.get("summits")), _t(r.get("objectives")), evidence,
    )  # fmt: skip


def _objective(ck: _Checker, coll: Collection, rid: str, r: dict[str, Any]) -> Objective:
    return Objective(rid, r["number"], r["title"], r["summary"], _t(r["events"]))


_BUILDERS: dict[str, Callable[[_Checker, Collection, str, dict[str, Any]], Record | None]] = {
    EVENT.name: _event,
    SOURCE.name: _source,
    ACTOR.name: _actor,
    SUMMIT.name: _summit,
    CLAIM.name: _claim,
    OBJECTIVE.name: _objective,
}
