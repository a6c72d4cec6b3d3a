"""`nkus timeline` in a machine format, answered without importing Typer or Rich.

Scripts call `nkus timeline --format json` in loops; Typer's import alone costs several times the
interpreter's start-up. This path reads the same option declarations as the Typer command
(`nkus.options`) and answers the timeline in a machine format. It declines — before it has
written anything — only what it does not handle: help, a table, another command, a flag it does
not know or a value it cannot parse; the full CLI then answers. Errors in what it does handle (a
bad date, an unknown kind, an invalid dataset) it reports itself, through `nkus.errors`, as the
full CLI would.
"""

from __future__ import annotations

import sys

from nkus.options import GLOBAL, TIMELINE, empty, flag_table
from nkus.render import FORMATS

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence

    from nkus.options import Opt

# Every format but the table, which needs Rich (and so the full CLI).
MACHINE_FORMATS = tuple(f for f in FORMATS if f != "table")


class Decline(Exception):
    """This invocation is for the full CLI."""


def _parse(args: Sequence[str], options: dict[str, Opt], stop: str = "") -> tuple[dict[str, object], int]:
    values: dict[str, object] = {}
    i = 0
    while i < len(args):
        token = args[i]
        if stop and token == stop:
            return values, i
        flag, eq, inline = token.partition("=") if token.startswith("--") else (token, "", "")
        if flag not in options:
            raise Decline
        o = options[flag]
        value: object = True
        if o.kind != "flag":
            if not eq:
                i += 1
                if i >= len(args):
                    raise Decline
                inline = args[i]
            value = inline
            if o.kind == "int":
                value = _integer(inline)
        elif eq:
            raise Decline
        if o.kind == "many":
            values.setdefault(o.name, [])
            values[o.name].append(value)  # type: ignore[attr-defined]
        elif o.name in values:
            raise Decline  # let the full CLI decide what a repeated option means
        else:
            values[o.name] = value
        i += 1
    if stop:
        raise Decline
    return values, i


def _integer(text: str) -> int:
    body = text[1:] if text[:1] in "+-" else text
    if not body.isascii() or not body.isdigit():
        raise Decline  # the full CLI words the error
    return int(text)


def plan(argv: Sequence[str]) -> tuple[dict[str, object], dict[str, object], str]:
    """The global and timeline options and the format of a timeline this path answers; raises
    `Decline` for anything else."""
    head, at = _parse(argv, flag_table(GLOBAL), stop="timeline")
    given, _ = _parse(argv[at + 1 :], flag_table(TIMELINE))
    opts = {**empty(TIMELINE), **given}
    fmt = str(opts["fmt"] or "")
    if opts["as_json"]:
        if fmt not in ("", "json"):
            raise Decline
        fmt = "json"
    if not fmt and not _isatty():
        fmt = "tsv"
    if fmt not in MACHINE_FORMATS or opts["cite"]:
        raise Decline  # citations need the loaded dataset: the full CLI adds them
    return head, opts, fmt


def run(argv: Sequence[str]) -> int | None:
    """The exit status when this path answered, or None to hand over to the full CLI."""
    try:
        head, opts, fmt = plan(argv)
    except Decline:
        return None
    return _answer(head, opts, fmt)


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _answer(head: dict[str, object], opts: dict[str, object], fmt: str) -> int:
    from nkus import errors, render
    from nkus.env import Environment, discard_stdout
    from nkus.filters import event_filter
    from nkus.index import timeline_rows
    from nkus.location import DatasetError
    from nkus.rows import EVENT_DEFAULT, EVENT_FIELDS, pick_fields

    try:
        notes: list[str] = []
        rows = timeline_rows(head.get("data"), event_filter(opts), opts["limit"], bool(opts["reverse"]), notes)  # type: ignore[arg-type]
        fields = pick_fields(opts["fields"], EVENT_FIELDS, EVENT_DEFAULT)  # type: ignore[arg-type]
    except (DatasetError, errors.UsageError, errors.NotFound) as err:
        return errors.report(err)
    env = Environment(sys.stdout, False, False, 100)
    try:
        render.write(rows, fields, fmt, env, not opts["no_header"])
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()
    errors.write_notes(notes)
    return 0
