"""The `nkus` command line: Typer declarations of each command's arguments and options, and
nothing else. What a command does is in `nkus.commands` (which the Typer-free path calls too);
the shared options and each command's option groups are declared in `nkus.options` and
`nkus.commands.COMMANDS`; errors become exit statuses in `nkus.exits`."""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from nkus import commands, complete
from nkus.env import Environment
from nkus.exits import EXIT_HELP, ExitStatus
from nkus.location import resolve_layers
from nkus.options import GLOBAL, Opt
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


F = TypeVar("F", bound=Callable[..., None])
_KINDS: dict[str, tuple[Any, Any]] = {
    "value": (str | None, None), "many": (list[str] | None, None), "int": (int | None, None), "flag": (bool, False),
}  # fmt: skip


def _param(o: Opt) -> inspect.Parameter:
    """A Typer parameter from a shared option declaration (`nkus.options`)."""
    typ, default = _KINDS[o.kind]
    completer = getattr(complete, o.complete) if o.complete else None
    option = typer.Option(*o.flags, help=o.help, show_default=False, autocompletion=completer)
    return inspect.Parameter(o.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[typ, option])


def command(name: str) -> Callable[[F], F]:
    """Declare the command `name`: `fn`'s parameters are its own arguments and options, its
    docstring its help; the option groups `COMMANDS[name]` names are added, and the command runs
    `nkus.commands` with all their values."""

    def register(fn: F) -> F:
        ctx_param = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
        own = list(inspect.signature(fn, eval_str=True).parameters.values())
        params = [ctx_param, *own, *(_param(o) for o in commands.COMMANDS[name].options)]

        @functools.wraps(fn)
        def wrapper(ctx: typer.Context, **values: Any) -> None:
            state: State = ctx.obj
            status = commands.run(name, values, state.layers, state.env)
            if status:
                raise typer.Exit(status)

        wrapper.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in params}
        app.command(name)(wrapper)
        return fn

    return register


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
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    if ctx.invoked_subcommand is None:
        sys.stderr.write(ctx.get_help() + "\n")
        raise typer.Exit(ExitStatus.USAGE)
    env: Environment = ctx.obj if isinstance(ctx.obj, Environment) else Environment.detect()
    # $NKUS_DATA is read with the rest of the location rules
    ctx.obj = State(resolve_layers(data or []), env.without_color() if no_color else env)


def _names(help: str, completer: Callable[..., list[str]]) -> Any:
    return typer.Argument(help=help, show_default=False, autocompletion=completer)


@command("timeline")
def timeline_cmd() -> None:
    """Events in date order. Repeated values of one filter are alternatives; different filters all apply."""


@command("summit")
def summit_cmd(
    names: Annotated[
        list[str] | None, _names("Summit ids or aliases (any case). None: all summits.", complete.summits)
    ] = None,
    context: Annotated[
        int, typer.Option("--context", help="With one summit: how many events before and after to show.", min=0)
    ] = 3,
) -> None:
    """One summit in full, or several (or all) side by side."""


@command("objectives")
def objectives_cmd(
    objective: Annotated[
        str | None, _names("An objective id or number: that one in full.", complete.objectives)
    ] = None,
) -> None:
    """Pyongyang's objectives for the 2019 tests, with their evidence and claims."""


@command("claims")
def claims_cmd() -> None:
    """Analytic claims, each with its verbatim quote and source."""


@command("show")
def show_cmd(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Any record's id (event, summit, claim, objective, source, actor).",
            autocompletion=complete.ids,
        ),
    ],
) -> None:
    """Any record by id, with the records that link to it."""


@command("sources")
def sources_cmd(
    strong: Annotated[
        bool | None,
        typer.Option(
            "--strong/--weak", help="Only sources from strong publishers (or only the others).", show_default=False
        ),
    ] = None,
) -> None:
    """The bibliography, most cited first: publisher, its kind, and how many records cite each source."""


@command("agreements")
def agreements_cmd(
    names: Annotated[
        list[str] | None,
        _names("Agreement ids or aliases (any case). None: all, side by side.", complete.agreements),
    ] = None,
) -> None:
    """Agreements and joint statements: one in full, or several side by side on common dimensions
    (denuclearization, verification, freeze, sanctions relief, security guarantees …)."""


@command("coverage")
def coverage_cmd() -> None:
    """What the dataset declares it covers: for which kinds and spans every event is meant to be
    there (complete), and where it holds a selection."""


@command("stats")
def stats_cmd(
    by: Annotated[
        str,
        typer.Option(
            "--by", help="kind, month, year, class or system (of missiles).", autocompletion=complete.groupings
        ),
    ] = "kind",
    chart: Annotated[
        str | None,
        typer.Option(
            "--chart",
            metavar="FILE",
            help="Write the counts as a bar chart to FILE.svg or FILE.png instead.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Counts of events (and missiles launched) by kind, month, year, missile class or system; a bar
    chart on a terminal, or in an image file with --chart.
    Takes the same filters as `timeline`."""


@command("export")
def export_cmd(
    fmt_name: Annotated[
        str,
        typer.Argument(metavar="FORMAT", help="The file format (see the list below).", autocompletion=complete.exports),
    ],
    output_path: Annotated[
        str | None,
        typer.Option("--output", "-o", help="File to write (default: stdout; '-' is stdout).", show_default=False),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the file even if it is read-only.")] = False,
) -> None:
    """Write the chosen events, and what they cite, as a file for other tools. Takes the same
    filters as `timeline`."""


@command("search")
def search_cmd(
    text: Annotated[list[str], typer.Argument(metavar="TEXT", help="Words to find (quotes optional).")],
    record_type: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "-T",
            help="Only records of this type (repeatable): event, summit, agreement, claim, source, "
            "actor, objective, publisher, tag.",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="At most this many records.")] = None,
) -> None:
    """Every record (events, summits, agreements, claims with their quotes, sources, actors,
    objectives, publishers, tags) that holds the words, best first, with its type and where it
    matched. Case, hyphens, accents and British spellings do not matter; an actor's alias finds
    its other names; a word not in the data is replaced by the nearest one (said on stderr)."""


@command("actors")
def actors_cmd() -> None:
    """The actors, with how many events each takes part in (among the events the filters keep),
    most first: the names --actor and --country take."""


@command("tags")
def tags_cmd() -> None:
    """The tags, with how many events carry each (among the events the filters keep), most first."""


@command("kinds")
def kinds_cmd() -> None:
    """The event kinds, with how many events are of each (among the events the filters keep), most first."""


@command("validate")
def validate_cmd(
    paths: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Dataset directories, the base first, each later one a layer over it (default: --data).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check a dataset (with its layers): every record, field and reference. Lists every problem; exit 3 if any."""


@command("new")
def new_cmd(kind: Annotated[str, typer.Argument(metavar="KIND", help="event, source or claim.")]) -> None:
    """Print a new record to fill in, as a file of one record: save it in a folder of your own
    (`nkus new event > mine/events.json`), edit it, and use it over the bundled data
    (`nkus --data bundled --data mine validate`). Which fields to fill goes to stderr."""


@command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the dataset files."""


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
