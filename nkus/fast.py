"""`nkus timeline` in a machine format, answered without importing Typer or Rich.

Scripts call `nkus timeline --format json` in loops; Typer's import alone costs several times the
interpreter's start-up. This path parses just the timeline options (the table below, which a test
keeps identical to the Typer command's) and hands anything else — help, a table, an unknown flag,
any error — back to the full CLI, which then answers or reports it in the one usual way.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence

# flag: (parameter, takes a value)
GLOBAL_OPTIONS = {"--data": ("data", True), "--no-color": ("no_color", False)}
TIMELINE_OPTIONS = {
    "--from": ("start", True), "--to": ("end", True), "--kind": ("kind", True), "-k": ("kind", True),
    "--actor": ("actor", True), "-a": ("actor", True), "--country": ("country", True), "-c": ("country", True),
    "--tag": ("tag", True), "-t": ("tag", True), "--search": ("search", True), "-s": ("search", True),
    "--summit": ("summit", True), "--within": ("within", False), "--limit": ("limit", True), "-n": ("limit", True),
    "--reverse": ("reverse", False), "-r": ("reverse", False), "--format": ("fmt", True), "-f": ("fmt", True),
    "--json": ("as_json", False), "--fields": ("fields", True), "--no-header": ("no_header", False),
}  # fmt: skip
REPEATABLE = {"kind", "actor", "country", "tag"}
MACHINE_FORMATS = ("tsv", "csv", "json", "jsonl", "md")


class _Decline(Exception):
    """This invocation is for the full CLI."""


def _parse(args: Sequence[str], options: dict[str, tuple[str, bool]], stop: str = "") -> tuple[dict[str, object], int]:
    values: dict[str, object] = {}
    i = 0
    while i < len(args):
        token = args[i]
        if stop and token == stop:
            return values, i
        flag, eq, inline = token.partition("=") if token.startswith("--") else (token, "", "")
        if flag not in options:
            raise _Decline
        name, takes_value = options[flag]
        if takes_value:
            if not eq:
                i += 1
                if i >= len(args):
                    raise _Decline
                inline = args[i]
            value: object = inline
        elif eq:
            raise _Decline
        else:
            value = True
        if name in REPEATABLE:
            values.setdefault(name, [])
            values[name].append(value)  # type: ignore[attr-defined]
        elif name in values:
            raise _Decline  # let the full CLI decide what a repeated option means
        else:
            values[name] = value
        i += 1
    if stop:
        raise _Decline
    return values, i


def run(argv: Sequence[str]) -> int | None:
    """The exit code when this path answered, or None to hand over to the full CLI."""
    try:
        head, at = _parse(argv, GLOBAL_OPTIONS, stop="timeline")
        opts, _ = _parse(argv[at + 1 :], TIMELINE_OPTIONS)
        fmt = str(opts.get("fmt") or "")
        if opts.get("as_json"):
            if fmt not in ("", "json"):
                raise _Decline
            fmt = "json"
        if not fmt and not _isatty():
            fmt = "tsv"
        if fmt not in MACHINE_FORMATS:
            raise _Decline
        limit = int(str(opts["limit"])) if "limit" in opts else None
        return _answer(head, opts, fmt, limit)
    except (_Decline, ValueError, LookupError):
        return None


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _answer(head: dict[str, object], opts: dict[str, object], fmt: str, limit: int | None) -> int:
    from nkus import render
    from nkus.env import Environment, discard_stdout
    from nkus.filters import EventFilter
    from nkus.index import timeline_rows
    from nkus.location import DatasetError, resolve_path
    from nkus.rows import EVENT_DEFAULT, EVENT_FIELDS, pick_fields

    def many(name: str) -> list[str]:
        return [str(v) for v in opts.get(name, [])]  # type: ignore[attr-defined]

    try:
        flt = EventFilter.build(
            opts.get("start"), opts.get("end"), many("kind"), many("actor"), many("country"), many("tag"),  # type: ignore[arg-type]
            str(opts.get("search", "")), bool(opts.get("within")), str(opts.get("summit", "")),
        )  # fmt: skip
        data = head.get("data") if "data" in head else os.environ.get("NKUS_DATA")
        rows = timeline_rows(resolve_path(str(data) if data else None), flt, limit, bool(opts.get("reverse")))
        fields = pick_fields(str(opts["fields"]) if "fields" in opts else None, EVENT_FIELDS, EVENT_DEFAULT)
    except DatasetError:
        raise _Decline from None
    env = Environment(sys.stdout, False, False, 100)
    try:
        render.write(rows, fields, fmt, env, not opts.get("no_header"))
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()
    return 0
