"""Checks JSON values against the declarations in `spec.py`, compiled once into small functions
that report every problem with its path, and into a fast yes/no test (`compile_accept`).

The loader runs these for every record of every file, so a valid value must cost little: each check
first tests the common case directly and only works out a message when something is wrong.
"""

from __future__ import annotations

import re

from nkus.dates import PARSED, DateError, parse_iso
from nkus.names import suggest
from nkus.spec import SLUG_RE, TIME_RE, F, T

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Protocol

    class Context(Protocol):
        """Where a check reports: the record being checked."""

        def fail(self, path: str, message: str) -> None: ...

        def ref(self, collection: str, rid: str, path: str) -> None: ...

    Check = Callable[[Any, str, Context], None]
    FieldsCheck = Callable[[dict[str, Any], str, Context], None]
    # A fast yes/no check of a record, which adds the ids it refers to into refs[collection].
    Accept = Callable[[dict[str, Any], dict[str, set[str]]], bool]

SLUG = re.compile(SLUG_RE)
TIME = re.compile(TIME_RE)
_MISSING = object()


class NotFinite:
    """What the loader reads in place of a number JSON output could not write back: NaN, an
    infinity, a number beyond 2**63 or of thousands of digits. No field accepts it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text[:20] + ("…" if len(self.text) > 20 else "")


_TYPE_NAMES = {
    dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null",
    NotFinite: "NaN, an infinity or a number out of range",
}  # fmt: skip
_EXPECTED = {
    "list": "a list", "object": "an object", "map": "an object", "boolean": "a boolean", "integer": "a whole number",
    "number": "a number",
}  # fmt: skip


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


_SLUG_LINES = re.compile(f"(?:{SLUG_RE}\n)*")


def all_slugs(texts: list[str]) -> bool:
    """Whether every string is a slug: regular-expression passes over thousands at a time, which
    for a million ids take a fraction of the time of a million `is_slug` calls. (Over all at once,
    the matcher's bookkeeping would grow with the count: tens of megabytes at 100,000.)"""
    for start in range(0, len(texts), 4096):
        chunk = texts[start : start + 4096]
        text = "\n".join(chunk) + "\n"
        # One line per string: a string holding a line break would otherwise pass as two slugs.
        if text.count("\n") != len(chunk) or _SLUG_LINES.fullmatch(text) is None:
            return False
    return True


def forget_slugs() -> None:
    _KNOWN_SLUGS.clear()


def kind_of(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), "a number")


def clip(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def date_problem(text: str) -> str:
    """Why a stored date is not valid, or "" when it is."""
    try:
        parse_iso(text)  # remembers the dates it has parsed
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
                    ctx.fail(at + name, "unknown field" + suggest(name, known))

    return check


def _wrong_type(t: T, value: Any, path: str, ctx: Context) -> None:
    if value is None:
        if not t.nullable:
            ctx.fail(path, "must not be null")
        return
    ctx.fail(path, f"must be {_EXPECTED.get(t.kind, 'a string')}, not {kind_of(value)}")


def compile_type(t: T) -> Check:
    builder = {
        "string": _string, "slug": _slug, "date": _date, "boolean": _scalar, "integer": _scalar, "number": _scalar,
        "time": _time, "list": _container, "map": _container, "object": _object,
    }[t.kind]  # fmt: skip
    return builder(t)


def _scalar(t: T) -> Check:
    types = {"boolean": (bool,), "integer": (int,), "number": (int, float)}[t.kind]
    minimum, maximum = t.minimum, t.maximum

    def check(value: Any, path: str, ctx: Context) -> None:
        if type(value) not in types:
            _wrong_type(t, value, path, ctx)
        elif minimum is not None and value < minimum:
            ctx.fail(path, f"must be at least {minimum:g}, not {value}")
        elif maximum is not None and value > maximum:
            ctx.fail(path, f"must be at most {maximum:g}, not {value}")

    return check


def _time(t: T) -> Check:
    def check(value: Any, path: str, ctx: Context) -> None:
        if type(value) is not str:
            _wrong_type(t, value, path, ctx)
        elif not TIME.fullmatch(value):
            ctx.fail(path, f"'{clip(value)}' is not a time of day as HH:MM (24-hour)")

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


# A fast yes/no version of the checks above, generated as straight-line Python per record type.
# The loader runs it first; only when it says no (or a reference or rule fails) does the loader run
# the checks above, which say what is wrong and where. Calling one small function per field costs
# several times more than the test itself, and datasets can hold a million records.


def compile_accept(fields: tuple[F, ...], together: frozenset[str] = frozenset()) -> Accept:
    """A test that a record is valid as declared. It adds every id the record refers to into
    `refs[collection]`, for the caller to check against the ids that exist. For the slug fields
    named in `together` it tests only that they are strings: the caller tests them all at once."""
    source = _Source()
    name = source.function(fields, together)
    namespace: dict[str, Any] = {
        "KNOWN_SLUGS": _KNOWN_SLUGS, "is_slug": is_slug, "PARSED_DATES": PARSED, "date_problem": date_problem, "TIME": TIME,
        **source.constants,
    }  # fmt: skip
    exec(compile("\n".join(source.lines), f"<nkus.validate: {name}>", "exec"), namespace)
    accept: Accept = namespace[name]
    return accept


def accept_by_checks(fields: tuple[F, ...]) -> Accept:
    """The same test as `compile_accept`, made of the checks that describe problems: quicker to
    make, slower to run, so better for files of a few records."""
    check = compile_fields(fields)

    def accept(record: dict[str, Any], refs: dict[str, set[str]]) -> bool:
        verdict = _Verdict(refs)
        check(record, "", verdict)
        return verdict.ok

    return accept


class _Verdict:
    """A Context that notes only whether a check failed, and collects references."""

    __slots__ = ("ok", "refs")

    def __init__(self, refs: dict[str, set[str]]) -> None:
        self.ok = True
        self.refs = refs

    def fail(self, path: str, message: str) -> None:
        self.ok = False

    def ref(self, collection: str, rid: str, path: str) -> None:
        self.refs[collection].add(rid)


class _Source:
    """Python source of accept functions: each returns False at the first value that is wrong."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.constants: dict[str, Any] = {}
        self.names = 0

    def name(self, prefix: str) -> str:
        self.names += 1
        return f"{prefix}{self.names}"

    def constant(self, value: Any) -> str:
        name = self.name("C")
        self.constants[name] = value
        return name

    def function(self, fields: tuple[F, ...], together: frozenset[str] = frozenset()) -> str:
        name = self.name("accept_")
        body = [f"    if not {self.constant(frozenset(f.name for f in fields))}.issuperset(r): return False"]
        for f in fields:
            if f.name in together:
                body.append(f"    if type(r[{f.name!r}]) is not str: return False")
            elif f.required:
                body.append(f"    v = r[{f.name!r}]")
                self.value(f.type, "v", "    ", body, 0)
            else:
                body.append(f"    if {f.name!r} in r:")
                body.append(f"        v = r[{f.name!r}]")
                self.value(f.type, "v", "        ", body, 0)
        # A missing field raises KeyError, and an unhashable value (a list where an id should be)
        # raises TypeError at the set membership tests: both mean "not valid".
        body = [
            "    try:",
            *("    " + line for line in body),
            "    except (KeyError, TypeError):",
            "        return False",
        ]
        self.lines += [f"def {name}(r, refs):", *body, "    return True", ""]
        return name

    def value(self, t: T, var: str, indent: str, out: list[str], depth: int, collect: bool = True) -> None:
        kind = t.kind
        if kind in ("list", "map"):
            self.container(t, var, indent, out, depth)
            return
        # Set membership first: it is the common case, and a member is known to be valid.
        if kind == "object":
            test = f"type({var}) is not dict or not {self.function(t.fields)}({var}, refs)"
        elif kind == "string" and t.choices:
            test = f"{var} not in {self.constant(frozenset(t.choices))}"
        elif kind == "string":
            test = f"type({var}) is not str or not {var} or {var}.isspace()"
        elif kind == "slug":
            test = f"{var} not in KNOWN_SLUGS and (type({var}) is not str or not is_slug({var}))"
        elif kind == "date":
            test = f"{var} not in PARSED_DATES and (type({var}) is not str or date_problem({var}))"
        elif kind == "time":
            test = f"type({var}) is not str or not TIME.fullmatch({var})"
        else:
            types = {"boolean": "(bool,)", "integer": "(int,)", "number": "(int, float)"}[kind]
            test = f"type({var}) not in {types}"
            if t.minimum is not None:
                test += f" or {var} < {t.minimum!r}"
            if t.maximum is not None:
                test += f" or {var} > {t.maximum!r}"
        if t.nullable:
            test = f"{var} is not None and ({test})"
        out.append(f"{indent}if {test}: return False")
        if kind == "slug" and t.ref and collect:
            out.append(f"{indent}refs[{t.ref!r}].add({var})")

    def container(self, t: T, var: str, indent: str, out: list[str], depth: int) -> None:
        assert t.item is not None
        out.append(f"{indent}if type({var}) is not {'dict' if t.kind == 'map' else 'list'}: return False")
        if t.min_items:
            out.append(f"{indent}if len({var}) < {t.min_items}: return False")
        slugs = t.kind == "list" and t.item.kind == "slug"
        loop = indent
        if slugs:  # ids repeat across records: usually every one is known already, tested in one call
            out.append(f"{indent}if not KNOWN_SLUGS.issuperset({var}):")
            loop += "    "
        item = f"x{depth}"
        out.append(f"{loop}for {item} in {var}{'.values()' if t.kind == 'map' else ''}:")
        self.value(t.item, item, loop + "    ", out, depth + 1, collect=not slugs)
        if slugs and t.item.ref:  # a list of references: all of them at once
            out.append(f"{indent}refs[{t.item.ref!r}].update({var})")
