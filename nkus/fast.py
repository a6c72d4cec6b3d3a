"""`nkus timeline`, parsed without importing Typer or Rich.

Scripts call `nkus timeline --format json` in loops; Typer's import alone costs several times the
interpreter's start-up. This path only parses: it reads the same option declarations as the Typer
command (`nkus.commands.COMMANDS`, `nkus.options`) and calls the same command function
(`nkus.commands.run`). It declines — before anything is written — what it does not parse: help,
another command, a flag it does not know or a value it cannot read; the full CLI then parses it.
"""

from __future__ import annotations

from nkus.commands import COMMANDS, run
from nkus.options import GLOBAL, empty, flag_table

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence

    from nkus.env import Environment
    from nkus.options import Opt

TIMELINE = COMMANDS["timeline"].options


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


def plan(argv: Sequence[str]) -> tuple[dict[str, object], dict[str, object]]:
    """The global and timeline options of a timeline this path parses; raises `Decline` for
    anything else."""
    head, at = _parse(argv, flag_table(GLOBAL), stop="timeline")
    given, _ = _parse(argv[at + 1 :], flag_table(TIMELINE))
    return head, {**empty(TIMELINE), **given}


def answer(argv: Sequence[str], env: Environment) -> int | None:
    """The exit status when this path answered, or None to hand over to the full CLI."""
    try:
        head, opts = plan(argv)
    except Decline:
        return None
    from nkus.location import resolve_layers

    layers = resolve_layers(head.get("data"))  # type: ignore[arg-type]
    return run("timeline", opts, layers, env.without_color() if head.get("no_color") else env)
