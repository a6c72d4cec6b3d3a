"""The `nkus` command line as Typer gives it: help, shell completion and the wording of parse
errors. Its commands are made from the declarations in `nkus.commands.COMMANDS` (arguments,
options, help), and each runs `nkus.commands.run`, as the Typer-free parser (`nkus.fast`) does for
whatever it parses; errors become exit statuses in `nkus.exits`."""

from __future__ import annotations

import inspect
import sys
from typing import Annotated, Any

import typer

from nkus import commands, complete
from nkus.commands import COMMANDS, Command
from nkus.env import Environment
from nkus.exits import EXIT_HELP, ExitStatus
from nkus.location import resolve_layers
from nkus.options import GLOBAL, Arg, Opt
from nkus.text import visible

GLOBAL_HELP = {o.name: o.help for o in GLOBAL}

app = typer.Typer(
    name="nkus",
    help="A sourced chronology of North Korea–United States diplomacy.",
    epilog=EXIT_HELP,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
)


class State:
    """What the global options set, for every command: the dataset's layers and the environment."""

    def __init__(self, layers: list[str], env: Environment) -> None:
        self.layers, self.env = layers, env


_KINDS: dict[str, tuple[Any, Any]] = {
    "value": (str | None, None), "many": (list[str] | None, None), "int": (int | None, None), "flag": (bool, False),
    "switch": (bool | None, None),
}  # fmt: skip


def _option(o: Opt) -> inspect.Parameter:
    """A Typer option from a declaration (`nkus.options.Opt`)."""
    typ, default = _KINDS[o.kind]
    if o.default is not None:
        typ, default = type(o.default), o.default
    flags = (f"{o.flags[0]}/{o.flags[1]}",) if o.kind == "switch" else o.flags
    completer = getattr(complete, o.complete) if o.complete else None
    option = typer.Option(
        *flags, help=o.help, show_default=o.default is not None, autocompletion=completer, min=o.minimum
    )
    return inspect.Parameter(o.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[typ, option])


def _argument(a: Arg) -> inspect.Parameter:
    """A Typer argument from a declaration (`nkus.options.Arg`)."""
    typ: Any = list[str] if a.many else str
    if not a.required:
        typ = typ | None
    completer = getattr(complete, a.complete) if a.complete else None
    argument = typer.Argument(metavar=a.metavar, help=a.help, show_default=False, autocompletion=completer)
    default = inspect.Parameter.empty if a.required else None
    return inspect.Parameter(a.name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=default,
                             annotation=Annotated[typ, argument])  # fmt: skip


def _register(command: Command) -> None:
    """The Typer command for a declared command: it runs `nkus.commands.run` with every value."""
    ctx_param = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
    params = [ctx_param, *map(_argument, command.args), *map(_option, command.options)]

    def run(ctx: typer.Context, **values: Any) -> None:
        state: State = ctx.obj
        status = commands.run(command.name, values, state.layers, state.env)
        if status:
            raise typer.Exit(status)

    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    app.command(command.name, help=command.help, short_help=command.summary, epilog=command.epilog or None)(run)


def _version(value: bool) -> None:
    if value:
        from nkus import __version__

        sys.stdout.write(f"nkus {__version__}\n")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def main_options(
    ctx: typer.Context,
    data: Annotated[list[str] | None, typer.Option("--data", help=GLOBAL_HELP["data"], show_default=False)] = None,
    no_color: Annotated[bool, typer.Option("--no-color", help=GLOBAL_HELP["no_color"])] = False,
    no_pager: Annotated[bool, typer.Option("--no-pager", help=GLOBAL_HELP["no_pager"])] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        sys.stderr.write(ctx.get_help() + "\n")
        raise typer.Exit(ExitStatus.USAGE)
    env: Environment = ctx.obj if isinstance(ctx.obj, Environment) else Environment.detect()
    env = env.without_color() if no_color else env
    # $NKUS_DATA is read with the rest of the location rules
    ctx.obj = State(resolve_layers(data or []), env.without_pager() if no_pager else env)


for _command in COMMANDS.values():
    _register(_command)


def main(argv: list[str] | None = None, env: Environment | None = None) -> int:
    """The full CLI: one line on stderr for a usage error, never a traceback for bad input."""
    try:
        result = app(args=argv, prog_name="nkus", standalone_mode=False, obj=env)
    except typer.Abort:
        sys.stderr.write("nkus: interrupted\n")
        return ExitStatus.INTERRUPTED
    except typer.TyperException as err:  # Click's usage errors: a bad flag, a missing argument
        ctx = getattr(err, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        sys.stderr.write(f"nkus: error: {visible(err.format_message())}{hint}\n")
        code: int = getattr(err, "exit_code", ExitStatus.USAGE)
        return code
    return result if isinstance(result, int) else ExitStatus.OK
