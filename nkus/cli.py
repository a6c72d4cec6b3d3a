"""The `nkus` command: parse flags, call the query layer, pick a renderer, map errors to exit codes."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import IntEnum
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from nkus import query, render
from nkus.env import Environment, discard_stdout
from nkus.loader import check, load
from nkus.location import DatasetError, resolve_path
from nkus.model import Dataset, Summit
from nkus.rows import (
    ACTOR_FIELDS,
    CLAIM_DEFAULT,
    CLAIM_FIELDS,
    EVENT_DEFAULT,
    EVENT_FIELDS,
    OBJECTIVE_FIELDS,
    SOURCE_DEFAULT,
    SOURCE_FIELDS,
    SUMMIT_DEFAULT,
    SUMMIT_FIELDS,
    FieldError,
    Row,
    actor_row,
    claim_row,
    event_row,
    objective_row,
    pick_fields,
    source_row_of,
    source_rows,
    summit_row,
)  # fmt: skip
from nkus.text import visible


class Exit(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    INVALID_DATASET = 3
    NOT_FOUND = 4
    INTERRUPTED = 130


EXIT_HELP = """\b
Exit codes:
  0  success, also when no rows match or a reader such as `head` closes the pipe early
  1  unexpected error
  2  usage error: bad flag, date, kind, field, format or limit
  3  invalid dataset (`nkus validate` lists every problem)
  4  no such id or name
  130  interrupted
"""

app = typer.Typer(
    name="nkus",
    help="A sourced chronology of North Korea–United States diplomacy, 2017 onward.",
    epilog=EXIT_HELP,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
)


class UsageProblem(Exception):
    pass


@dataclass
class State:
    data: str | None = None
    no_color: bool = False
    _dataset: Dataset | None = None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = load(self.data)
        return self._dataset


def _fail(code: Exit, message: str) -> NoReturn:
    sys.stderr.write(f"nkus: {message}\n")
    raise typer.Exit(int(code))


def _one_line(message: object) -> str:
    """An error that quotes what the user typed, made safe to print and kept to one line."""
    return visible(str(message))


def _dataset_summary(err: DatasetError, limit: int = 3) -> str:
    lines = [f"dataset {err.path} is invalid ({len(err.problems)} problem(s)):"]
    lines += [f"  {p}" for p in err.problems[:limit]]
    if len(err.problems) > limit:
        lines.append(f"  … and {len(err.problems) - limit} more")
    lines.append(f"  run 'nkus validate {err.path}' for the full list")
    return "\n".join(lines)


@contextmanager
def _quiet_pipe() -> Iterator[None]:
    """A reader that closes the pipe early (`| head`) ends the command quietly with success."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()
        raise typer.Exit(int(Exit.OK)) from None


F = TypeVar("F", bound=Callable[..., None])


def handled(fn: F) -> F:
    """Map the library's errors to one line on stderr and a documented exit code."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            with _quiet_pipe():
                fn(*args, **kwargs)
        except DatasetError as err:
            _fail(Exit.INVALID_DATASET, _dataset_summary(err))
        except (query.QueryError, FieldError, UsageProblem) as err:
            _fail(Exit.USAGE, f"error: {_one_line(err)}")
        except query.NotFound as err:
            _fail(Exit.NOT_FOUND, _one_line(err.args[0]))

    return wrapper  # type: ignore[return-value]


def command(name: str | None = None) -> Callable[[F], F]:
    def register(fn: F) -> F:
        app.command(name)(handled(fn))
        return fn

    return register


def _version(value: bool) -> None:
    if value:
        from nkus import __version__

        sys.stdout.write(f"nkus {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    data: Annotated[
        str | None,
        typer.Option(
            "--data", envvar="NKUS_DATA", help="Dataset directory (default: the bundled one).", show_default=False
        ),
    ] = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour or styles, even on a terminal (also NO_COLOR).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    ctx.obj = State(data, no_color)


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        help="table, tsv, csv, json, jsonl or md (default: table on a terminal, tsv otherwise).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Short for --format json.")]
FieldsOpt = Annotated[
    str | None, typer.Option("--fields", help="Comma-separated fields to keep, in that order.", show_default=False)
]
NoHeaderOpt = Annotated[bool, typer.Option("--no-header", help="Omit the header row (tsv, csv).")]


@dataclass
class Output:
    env: Environment
    fmt: str
    fields_arg: str | None
    header: bool

    def fields(self, available: Sequence[str], default: Sequence[str]) -> list[str]:
        return pick_fields(self.fields_arg, available, default)

    def rows(
        self,
        rows: Sequence[Row],
        available: Sequence[str],
        default: Sequence[str],
        title: str = "",
        table: Sequence[str] = (),
    ) -> None:
        """`table` is the narrower default a terminal table shows; --fields picks the same fields everywhere."""
        chosen = table if self.fmt == "table" and table and not self.fields_arg else default
        render.write(rows, self.fields(available, chosen), self.fmt, self.env, self.header, title)


def output(ctx: typer.Context, fmt: str | None, as_json: bool, fields: str | None, no_header: bool) -> Output:
    state: State = ctx.obj
    env = Environment.detect(no_color=state.no_color)
    if as_json:
        if fmt not in (None, "json"):
            raise UsageProblem(f"--json conflicts with --format {fmt}")
        fmt = "json"
    fmt = (fmt or render.default_format(env)).lower()
    if fmt not in render.FORMATS:
        raise UsageProblem(
            f"unknown format '{fmt}'{query.suggest(fmt, render.FORMATS)} (formats: {', '.join(render.FORMATS)})"
        )
    return Output(env, fmt, fields, not no_header)


@command("timeline")
def timeline_cmd(
    ctx: typer.Context,
    start: Annotated[
        str | None,
        typer.Option("--from", help="Earliest date: 2019, 2019-05, 'May 2019', 2019-05-04 …", show_default=False),
    ] = None,
    end: Annotated[
        str | None,
        typer.Option(
            "--to",
            help="Latest date; a partial date covers its whole period (--to 2019-10 includes 31 Oct).",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            help="Event kind (repeatable): summit, talks, visit, statement, letter, missile-test, …",
            show_default=False,
        ),
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option("--actor", "-a", help="Actor id or part of a name (repeatable).", show_default=False),
    ] = None,
    country: Annotated[
        list[str] | None,
        typer.Option(
            "--country", "-c", help="ISO country code of an actor: USA, PRK, KOR … (repeatable).", show_default=False
        ),
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", "-t", help="Tag (repeatable).", show_default=False)] = None,
    search: Annotated[
        str, typer.Option("--search", "-s", help="Text to find in id, title, summary, place or tags (any case).")
    ] = "",
    summit: Annotated[str, typer.Option("--summit", help="Only the events of this summit (id or alias).")] = "",
    within: Annotated[
        bool,
        typer.Option("--within", help="Keep only events lying entirely inside --from/--to (default: any overlap)."),
    ] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", help="At most this many events.", show_default=False)
    ] = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r", help="Newest first.")] = False,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
) -> None:
    """Events in date order. Repeated values of one filter are alternatives; different filters all apply."""
    out = output(ctx, fmt, as_json, fields, no_header)
    flt = query.EventFilter.build(start, end, kind or (), actor or (), country or (), tag or (), search, within, summit)
    from nkus.index import timeline_rows

    rows = timeline_rows(resolve_path(ctx.obj.data), flt, limit, reverse)
    out.rows(rows, EVENT_FIELDS, EVENT_DEFAULT, table=EVENT_TABLE)


SUMMIT_DETAIL_FIELDS = (*SUMMIT_FIELDS, "before", "after")
SUMMIT_COMPARE = (
    "name",
    "date",
    "place",
    "principals",
    "agenda",
    "document",
    "outcome",
    "spectacle",
    "substance",
    "verdict",
    "aftermath",
    "claims",
)
EVENT_BRIEF = ("id", "date", "kind", "title")
EVENT_TABLE = ("date", "kind", "title", "id")
CLAIM_BRIEF = ("id", "kind", "summary")


@command("summit")
def summit_cmd(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        typer.Argument(help="Summit ids or aliases (any case). None: all summits.", show_default=False),
    ] = None,
    context: Annotated[
        int, typer.Option("--context", help="With one summit: how many events before and after to show.", min=0)
    ] = 3,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
) -> None:
    """One summit in full, or several (or all) side by side."""
    out = output(ctx, fmt, as_json, fields, no_header)
    ds: Dataset = ctx.obj.dataset()
    summits = [query.find_summit(ds, n) for n in names] if names else query.summits_in_order(ds)
    if len(summits) == 1 and names:
        _summit_detail(ds, summits[0], context, out)
        return
    rows = [summit_row(ds, s) for s in summits]
    if out.fmt != "table":
        out.rows(rows, SUMMIT_FIELDS, SUMMIT_DEFAULT)
        return
    chosen = out.fields(SUMMIT_FIELDS, SUMMIT_COMPARE)
    from nkus.render.table import write_side_by_side

    write_side_by_side(rows, chosen, [s.id for s in summits], out.env)


def _summit_detail(ds: Dataset, s: Summit, context: int, out: Output) -> None:
    row = summit_row(ds, s)
    own = set(s.events)
    first, last = min(ds.event_index[e].lower for e in own), max(ds.event_index[e].upper for e in own)
    before = [e for e in ds.events if e.upper < first and e.id not in own][-context:] if context else []
    after = [e for e in ds.events if e.lower > last and e.id not in own][:context]
    row["before"], row["after"] = [e.id for e in before], [e.id for e in after]
    brief = [event_row(ds, e, claim_ids=()) for e in before]
    sections = [
        ("Events of the summit", [event_row(ds, ds.event_index[e], ()) for e in s.events], EVENT_BRIEF),
        ("Claims about it", [claim_row(ds, ds.claims[c]) for c in row["claims"]], CLAIM_BRIEF),
        ("Before", brief, EVENT_BRIEF),
        ("After", [event_row(ds, e, claim_ids=()) for e in after], EVENT_BRIEF),
    ]
    render.write_one(row, out.fields(SUMMIT_DETAIL_FIELDS, SUMMIT_DETAIL_FIELDS), out.fmt, out.env, sections)


@command("objectives")
def objectives_cmd(
    ctx: typer.Context,
    objective: Annotated[
        str | None, typer.Argument(help="An objective id or number: that one in full.", show_default=False)
    ] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
) -> None:
    """The five objectives of the 2019 tests, with their evidence and claims."""
    out = output(ctx, fmt, as_json, fields, no_header)
    ds: Dataset = ctx.obj.dataset()
    if objective is None:
        rows = [objective_row(ds, o) for o in query.objectives(ds)]
        for row in rows:
            row.human.update(events=f"{len(row['events'])} events", claims=f"{len(row['claims'])} claims")
        out.rows(rows, OBJECTIVE_FIELDS, OBJECTIVE_FIELDS)
        return
    o = query.find_objective(ds, objective)
    row = objective_row(ds, o)
    sections = [
        ("Evidence", [event_row(ds, ds.event_index[e], ()) for e in o.events], EVENT_BRIEF),
        ("Claims", [claim_row(ds, ds.claims[c]) for c in row["claims"]], CLAIM_BRIEF),
    ]
    render.write_one(row, out.fields(OBJECTIVE_FIELDS, OBJECTIVE_FIELDS), out.fmt, out.env, sections)


@command("claims")
def claims_cmd(
    ctx: typer.Context,
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", help="cause, objective, assessment or result (repeatable).", show_default=False),
    ] = None,
    about: Annotated[
        str, typer.Option("--about", help="Only claims about this event, summit (id or alias) or objective.")
    ] = "",
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
) -> None:
    """Analytic claims, each with its verbatim quote and source."""
    out = output(ctx, fmt, as_json, fields, no_header)
    ds: Dataset = ctx.obj.dataset()
    chosen = query.claims(ds, kind or (), about)
    out.rows([claim_row(ds, c) for c in chosen], CLAIM_FIELDS, CLAIM_DEFAULT, table=("id", "kind", "summary", "quote"))


@command("show")
def show_cmd(
    ctx: typer.Context,
    record_id: Annotated[
        str, typer.Argument(metavar="ID", help="Any record's id (event, summit, claim, objective, source, actor).")
    ],
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
) -> None:
    """Any record by id, with the records that link to it."""
    out = output(ctx, fmt, as_json, fields, no_header)
    ds: Dataset = ctx.obj.dataset()
    record = query.find_record(ds, query.resolve_id(ds, record_id))
    row, available = _row_of(ds, record)
    links = query.linked_from(ds, record.id)
    row["type"] = type(record).__name__.lower()
    row["linked_from"] = [r.id for r in links]
    link_rows = [Row({"id": r.id, "type": type(r).__name__.lower(), "title": _label(r)}) for r in links]
    fields_all = ("type", *available, "linked_from")
    render.write_one(
        row, out.fields(fields_all, fields_all), out.fmt, out.env, [("Linked from", link_rows, ("id", "type", "title"))]
    )


def _row_of(ds: Dataset, record: Any) -> tuple[Row, Sequence[str]]:
    from nkus import model

    if isinstance(record, model.Event):
        return event_row(ds, record), EVENT_FIELDS
    if isinstance(record, model.Summit):
        return summit_row(ds, record), SUMMIT_FIELDS
    if isinstance(record, model.Claim):
        return claim_row(ds, record), CLAIM_FIELDS
    if isinstance(record, model.Objective):
        return objective_row(ds, record), OBJECTIVE_FIELDS
    if isinstance(record, model.Source):
        return source_row_of(ds, record), SOURCE_FIELDS
    return actor_row(record), ACTOR_FIELDS


def _label(record: Any) -> str:
    for name in ("title", "name", "summary"):
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    return ""


@command("sources")
def sources_cmd(
    ctx: typer.Context,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
) -> None:
    """The bibliography, most cited first, with how many records cite each source."""
    out = output(ctx, fmt, as_json, fields, no_header)
    out.rows(
        source_rows(ctx.obj.dataset()),
        SOURCE_FIELDS,
        SOURCE_DEFAULT,
        table=("id", "publisher", "date", "title", "cited_by"),
    )


@command("stats")
def stats_cmd(
    ctx: typer.Context,
    by: Annotated[str, typer.Option("--by", help="kind, month or year.")] = "kind",
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", help="Only events of this kind (repeatable).", show_default=False),
    ] = None,
    start: Annotated[str | None, typer.Option("--from", help="Earliest date.", show_default=False)] = None,
    end: Annotated[str | None, typer.Option("--to", help="Latest date.", show_default=False)] = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    fields: FieldsOpt = None,
    no_header: NoHeaderOpt = False,
) -> None:
    """Counts of events (and missiles launched) by kind, month or year; a bar chart on a terminal."""
    from nkus.stats import GROUPINGS, counts

    out = output(ctx, fmt, as_json, fields, no_header)
    if by not in GROUPINGS:
        raise UsageProblem(f"unknown grouping '{by}'{query.suggest(by, GROUPINGS)} (use {', '.join(GROUPINGS)})")
    ds: Dataset = ctx.obj.dataset()
    events = query.timeline(ds, query.EventFilter.build(start, end, kind or ()))
    table = counts(events, by)
    widest = max((int(str(r["events"])) for r in table), default=0)
    rows = []
    for r in table:
        bar = "█" * round(30 * int(str(r["events"])) / widest) if widest else ""
        rows.append(Row(r, {"events": f"{r['events']:>4} {bar}"}))
    out.rows(
        rows,
        ("key", "events", "missiles", "unknown_counts"),
        ("key", "events", "missiles", "unknown_counts"),
        f"events by {by}",
    )


@command("validate")
def validate_cmd(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(help="Dataset directory (default: --data, $NKUS_DATA or the bundled one).", show_default=False),
    ] = None,
) -> None:
    """Check a dataset: every record, field and reference. Lists every problem; exit 3 if any."""
    root = resolve_path(path if path is not None else ctx.obj.data)
    problems = check(root)
    for p in problems:
        sys.stdout.write(f"{p}\n")
    if problems:
        _fail(Exit.INVALID_DATASET, f"{len(problems)} problem(s) in {root}")
    ds = load(root)
    sys.stdout.write(
        f"{root}: valid — {len(ds.events)} events, {len(ds.sources)} sources, {len(ds.actors)} actors, "
        f"{len(ds.summits)} summits, {len(ds.claims)} claims, {len(ds.objectives)} objectives\n"
    )


@command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the dataset files."""
    from nkus.spec import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Entry point: one line on stderr for a usage error, never a traceback for bad input."""
    from typer._click import exceptions as click_exc

    try:
        result = app(args=argv, prog_name="nkus", standalone_mode=False)
    except click_exc.NoArgsIsHelpError as err:
        sys.stderr.write(err.ctx.get_help() + "\n" if err.ctx else "")
        return int(Exit.USAGE)
    except click_exc.UsageError as err:
        hint = f" (see '{err.ctx.command_path} --help')" if err.ctx else ""
        sys.stderr.write(f"nkus: error: {_one_line(err.format_message())}{hint}\n")
        return int(Exit.USAGE)
    except click_exc.ClickException as err:
        sys.stderr.write(f"nkus: error: {_one_line(err.format_message())}\n")
        return err.exit_code
    except typer.Abort:
        sys.stderr.write("nkus: interrupted\n")
        return int(Exit.INTERRUPTED)
    except KeyboardInterrupt:
        return int(Exit.INTERRUPTED)
    return result if isinstance(result, int) else 0
