"""Checks JSON values against the declarations in `spec.py`, compiled once into small functions.

The loader runs these for every record of every file, so a valid value must cost little: each check
first tests the common case directly and only works out a message when something is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any, Protocol

from nkus.dates import DateError, parse_iso
from nkus.spec import F, T

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_MISSING = object()
_TYPE_NAMES = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}
_EXPECTED = {"list": "a list", "object": "an object", "map": "an object", "boolean": "a boolean", "integer": "a number"}


class Context(Protocol):
    """Where a check reports: the record being checked."""

    def fail(self, path: str, message: str) -> None: ...

    def ref(self, collection: str, rid: str, path: str) -> None: ...


Check = Callable[[Any, str, Context], None]
FieldsCheck = Callable[[dict[str, Any], str, Context], None]


_KNOWN_SLUGS: set[str] = set()  # strings already found to be slugs, during one load


def is_slug(text: str) -> bool:
    """Whether `text` is a slug. Ids are tested where records are listed and again where they are
    checked, and references repeat, so the answer is remembered until `forget_slugs()`."""
    if text in _KNOWN_SLUGS:
        return True
    if SLUG.fullmatch(text):
        _KNOWN_SLUGS.add(text)
        return True
    return False


def forget_slugs() -> None:
    _KNOWN_SLUGS.clear()


def kind_of(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), "a number")


def clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@lru_cache(maxsize=8192)
def date_problem(text: str) -> str:
    """Why a stored date is not valid, or "" when it is (dates repeat, so this is cached)."""
    try:
        parse_iso(text)
    except DateError as exc:
        return str(exc)
    return ""


def compile_fields(fields: tuple[F, ...]) -> FieldsCheck:
    plan = [(f.name, f.required, compile_type(f.type)) for f in fields]
    known = frozenset(f.name for f in fields)

    def check(record: dict[str, Any], at: str, ctx: Context) -> None:
        for name, required, check_value in plan:
            value = record.get(name, _MISSING)
            if value is _MISSING:
                if required:
                    ctx.fail(at + name, "missing required field")
            else:
                check_value(value, at + name, ctx)
        if not known.issuperset(record):
            for name in record:
                if name not in known:
                    ctx.fail(at + name, "unknown field")

    return check


def _wrong_type(t: T, value: Any, path: str, ctx: Context) -> None:
    if value is None:
        if not t.nullable:
            ctx.fail(path, "must not be null")
        return
    ctx.fail(path, f"must be {_EXPECTED.get(t.kind, 'a string')}, not {kind_of(value)}")


def compile_type(t: T) -> Check:
    builder = {
        "string": _string, "slug": _slug, "date": _date, "boolean": _scalar, "integer": _scalar,
        "list": _container, "map": _container, "object": _object,
    }[t.kind]  # fmt: skip
    return builder(t)


def _scalar(t: T) -> Check:
    python_type = bool if t.kind == "boolean" else int

    def check(value: Any, path: str, ctx: Context) -> None:
        if type(value) is not python_type:
            _wrong_type(t, value, path, ctx)

    return check


def _string(t: T) -> Check:
    choices = frozenset(t.choices)

    def check(value: Any, path: str, ctx: Context) -> None:
        if type(value) is not str:
            _wrong_type(t, value, path, ctx)
        elif choices:
            if value not in choices:
                ctx.fail(path, f"'{clip(value)}' is not one of: {', '.join(t.choices)}")
        elif not value.strip():
            ctx.fail(path, "must not be empty")

    return check


def _slug(t: T) -> Check:
    target = t.ref

    def check(value: Any, path: str, ctx: Context) -> None:
        if type(value) is not str:
            _wrong_type(t, value, path, ctx)
            return
        if not is_slug(value):
            ctx.fail(path, f"'{clip(value)}' is not a slug (lowercase letters, digits, hyphens)")
            return
        if target:
            ctx.ref(target, value, path)

    return check


def _date(t: T) -> Check:
    def check(value: Any, path: str, ctx: Context) -> None:
        if type(value) is not str:
            _wrong_type(t, value, path, ctx)
        elif problem := date_problem(value):
            ctx.fail(path, problem)

    return check


def _container(t: T) -> Check:
    """A list, or a map of names to values (`delegations`)."""
    assert t.item is not None
    item_check = compile_type(t.item)
    is_map = t.kind == "map"
    python_type: Any = dict if is_map else list

    def check(value: Any, path: str, ctx: Context) -> None:
        if type(value) is not python_type:
            _wrong_type(t, value, path, ctx)
            return
        items = value.items() if is_map else enumerate(value)
        for key, item in items:
            item_check(item, f"{path}.{key}" if is_map else f"{path}[{key}]", ctx)
        if len(value) < t.min_items:
            ctx.fail(path, f"needs at least {t.min_items} item(s)")

    return check


def _object(t: T) -> Check:
    fields_check = compile_fields(t.fields)

    def check(value: Any, path: str, ctx: Context) -> None:
        if type(value) is not dict:
            _wrong_type(t, value, path, ctx)
        else:
            fields_check(value, path + ".", ctx)

    return check
