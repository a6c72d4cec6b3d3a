"""The command line parsed without importing Typer or Rich.

Scripts call `nkus timeline --format json` in loops, and Typer's import alone costs several times
the interpreter's start-up. This parser reads the same declarations as the Typer commands
(`nkus.commands.COMMANDS`, `nkus.options`) and calls the same command functions
(`nkus.commands.run`). It declines — before anything is written — what it does not parse: help,
completion, an unknown command or flag, a missing argument, a value it cannot read; the full CLI
(`nkus.cli`) then parses it, and words any error.
"""

from __future__ import annotations

from nkus.commands import COMMANDS, run
from nkus.options import GLOBAL, empty, flag_table

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence

    from nkus.commands import Command
    from nkus.env import Environment
    from nkus.options import Opt


class Decline(Exception):
    """This invocation is for the full CLI."""


def _options(args: Sequence[str], options: dict[str, Opt], values: dict[str, object]) -> list[str]:
    """Read the options of `args` into `values`; return the other words (the positional ones)."""
    positional: list[str] = []
    i = 0
    while i < len(args):
        token = args[i]
        i += 1
        if not token.startswith("-") or token == "-":
            positional.append(token)
            continue
        flag, eq, inline = token.partition("=") if token.startswith("--") else (token, "", "")
        o = options.get(flag)
        if o is None:
            raise Decline  # --help, `--`, a flag it does not know: the full CLI answers or words it
        value: object = True
        if o.kind == "switch":
            value = flag == o.flags[0]
        if o.kind in ("flag", "switch"):
            if eq:
                raise Decline
        else:
            if not eq:
                if i >= len(args):
                    raise Decline
                inline, i = args[i], i + 1
            value = _integer(inline, o.minimum) if o.kind == "int" else inline
        if o.kind == "many":
            listed = values.get(o.name)
            values[o.name] = [*(listed if isinstance(listed, list) else []), value]
        elif o.name in values:
            raise Decline  # let the full CLI decide what a repeated option means
        else:
            values[o.name] = value
    return positional


def _integer(text: str, minimum: int | None) -> int:
    body = text[1:] if text[:1] in "+-" else text
    if not body.isascii() or not body.isdigit():
        raise Decline  # the full CLI words the error
    value = int(text)
    if minimum is not None and value < minimum:
        raise Decline
    return value


def _arguments(command: Command, words: list[str], values: dict[str, object]) -> None:
    for a in command.args:
        if a.many:
            taken, words = words, []
        else:
            taken, words = words[:1], words[1:]
        if a.required and not taken:
            raise Decline  # the full CLI says what is missing
        if taken:
            values[a.name] = taken if a.many else taken[0]
    if words:
        raise Decline  # more words than the command takes


def plan(argv: Sequence[str]) -> tuple[dict[str, object], str, dict[str, object]]:
    """The global options, the command and its values; raises `Decline` for anything this parser
    leaves to the full CLI."""
    head: dict[str, object] = {}
    at = next((n for n, word in enumerate(argv) if word in COMMANDS), None)
    if at is None or _options(argv[:at], flag_table(GLOBAL), head):
        raise Decline
    command = COMMANDS[argv[at]]
    given: dict[str, object] = {}
    words = _options(argv[at + 1 :], flag_table(command.options), given)
    _arguments(command, words, given)
    return head, command.name, {**empty(command.options, command.args), **given}


def answer(argv: Sequence[str], env: Environment) -> int | None:
    """The exit status when this parser answered, or None to hand over to the full CLI."""
    try:
        head, name, values = plan(argv)
    except Decline:
        return None
    from nkus.location import resolve_layers

    layers = resolve_layers(head.get("data"))  # type: ignore[arg-type]
    env = env.without_color() if head.get("no_color") else env
    return run(name, values, layers, env.without_pager() if head.get("no_pager") else env)
