"""The `nkus` command: parse flags, call the query layer, pick a renderer. Errors become exit
statuses in `nkus.errors`; shared options are declared in `nkus.options`."""

from __future__ import annotations

import functools
import inspect
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, BinaryIO, TypeVar

import typer

from nkus import complete, errors, query, render
from nkus.env import Environment, discard_stdout
from nkus.errors import EXIT_HELP, ExitStatus
from nkus.filters import event_filter
from nkus.loader import check, load
from nkus.location import DatasetError, describe, resolve_layers
from nkus.model import Dataset, Summit
from nkus.options import CITE, CLAIM_FILTERS, FILTERS, GLOBAL, OUTPUT, SOURCE_FILTERS, TIMELINE, Opt
from nkus.rows import (
    AGREEMENT_DEFAULT,
    AGREEMENT_FIELDS,
    CLAIM_DEFAULT,
    CLAIM_FIELDS,
    COVERAGE_FIELDS,
    EVENT_DEFAULT,
    EVENT_FIELDS,
    OBJECTIVE_FIELDS,
    SOURCE_DEFAULT,
    SOURCE_FIELDS,
    SUMMIT_DEFAULT,
    SUMMIT_FIELDS,
    Row,
    add_citations,
    agreement_row,
    claim_row,
    coverage_row,
    event_row,
    label,
    objective_row,
    pick_fields,
    record_type,
    row_of,
    source_rows,
    summit_row,
)  # fmt: skip
from nkus.text import visible
from nkus.vocab import DIMENSIONS

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
    def __init__(self, data: list[str], no_color: bool) -> None:
        self.layers, self.no_color = resolve_layers(data), no_color
        self._dataset: Dataset | None = None

    def dataset(self) -> Dataset:
        if self._dataset is None:
            self._dataset = load(self.layers)
        return self._dataset


@contextmanager
def _quiet_pipe() -> Iterator[None]:
    """A reader that closes the pipe early (`| head`) ends the command quietly with success."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()
        raise typer.Exit(ExitStatus.OK) from None


F = TypeVar("F", bound=Callable[..., None])


def _param(o: Opt) -> inspect.Parameter:
    """A Typer parameter from a shared option declaration (`nkus.options`)."""
    kinds: dict[str, tuple[Any, Any]] = {
        "value": (str | None, None), "many": (list[str] | None, None), "int": (int | None, None), "flag": (bool, False),
    }  # fmt: skip
    typ, default = kinds[o.kind]
    completer = getattr(complete, o.complete) if o.complete else None
    option = typer.Option(*o.flags, help=o.help, show_default=False, autocompletion=completer)
    return inspect.Parameter(o.name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[typ, option])


def command(name: str, *groups: tuple[Opt, ...]) -> Callable[[F], F]:
    """Register `fn` as the command `name`, with the shared options of `groups` added to its own.

    `fn` receives them gathered in one dict, `opts`; errors it raises become one line on stderr
    and an exit status (`nkus.errors`)."""

    def register(fn: F) -> F:
        own = [p for p in inspect.signature(fn, eval_str=True).parameters.values() if p.name != "opts"]
        shared = [o.name for group in groups for o in group]
        params = own + [_param(o) for group in groups for o in group]

        @functools.wraps(fn)
        def wrapper(**kwargs: Any) -> None:
            opts = {n: kwargs.pop(n) for n in shared}
            try:
                with _quiet_pipe():
                    fn(**kwargs, **({"opts": opts} if shared else {}))
            except (DatasetError, errors.UsageError, errors.NotFound) as err:
                raise typer.Exit(errors.report(err)) from None

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
    ctx.obj = State(data or [], no_color)  # $NKUS_DATA is read with the rest of the location rules


class Output:
    """Where and how a command's rows are written: the shared output options, resolved."""

    def __init__(
        self,
        env: Environment,
        fmt: str,
        fields_arg: str | None,
        header: bool,
        cite: Callable[[], Dataset] | None = None,
    ) -> None:
        """`cite`: with --cite, where the dataset comes from that citations are made from."""
        self.env, self.fmt, self.fields_arg, self.header, self.cite = env, fmt, fields_arg, header, cite

    def fields(self, available: Sequence[str], default: Sequence[str]) -> list[str]:
        if self.cite is None:
            return pick_fields(self.fields_arg, available, default)
        chosen = pick_fields(self.fields_arg, (*available, "citations"), default)
        return chosen if "citations" in chosen else [*chosen, "citations"]

    def cited(self, rows: Sequence[Row]) -> None:
        """With --cite, give each row its `citations`."""
        if self.cite is not None:
            add_citations(self.cite(), rows)

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
        self.cited(rows)
        render.write(rows, self.fields(available, chosen), self.fmt, self.env, self.header, title)

    def compare(
        self, rows: Sequence[Row], available: Sequence[str], default: Sequence[str], side_by_side: Sequence[str]
    ) -> None:
        """Several records: in a table side by side (records as columns, `side_by_side` fields as
        rows), in the other formats as rows like any listing."""
        if self.fmt != "table":
            self.rows(rows, available, default)
            return
        from nkus.render.table import write_side_by_side

        self.cited(rows)
        names = [str(r["id"]) for r in rows]
        write_side_by_side(rows, self.fields(available, side_by_side), names, self.env, self.header)

    def one(self, row: Row, fields: Sequence[str], sections: Sequence[Section] = ()) -> None:
        self.cited([row])
        render.write_one(row, self.fields(fields, fields), self.fmt, self.env, sections, self.header)


Section = tuple[str, Sequence[Row], Sequence[str]]


def output(ctx: typer.Context, opts: dict[str, Any]) -> Output:
    state: State = ctx.obj
    env = Environment.detect(no_color=state.no_color)
    fmt = render.resolve_format(opts["fmt"], opts["as_json"], env)
    cite = state.dataset if opts.get("cite") else None
    return Output(env, fmt, opts["fields"], not opts["no_header"], cite)


@command("timeline", TIMELINE)
def timeline_cmd(ctx: typer.Context, opts: dict[str, Any]) -> None:
    """Events in date order. Repeated values of one filter are alternatives; different filters all apply."""
    out = output(ctx, opts)
    from nkus.index import timeline_rows

    notes: list[str] = []
    rows = timeline_rows(ctx.obj.layers, event_filter(opts), opts["limit"], opts["reverse"], notes)
    out.rows(rows, EVENT_FIELDS, EVENT_DEFAULT, table=EVENT_TABLE)
    errors.write_notes(notes)


SUMMIT_DETAIL_FIELDS = (*SUMMIT_FIELDS, "before", "after")
AGREEMENT_COMPARE = ("name", "date", "parties", *DIMENSIONS, "fate")
SUMMIT_COMPARE = (
    "name", "date", "place", "principals", "agenda", "document", "outcome", "spectacle", "substance", "verdict_by",
    "verdicts", "aftermath", "claims",
)  # fmt: skip
EVENT_BRIEF = ("id", "date", "kind", "title")
EVENT_TABLE = ("date", "kind", "title", "id")
CLAIM_BRIEF = ("by", "kind", "summary", "id")


def _by_voice(ds: Dataset, claim_ids: Sequence[str]) -> list[Row]:
    return [claim_row(ds, c) for c in query.by_voice(ds, [ds.claims[c] for c in claim_ids])]


@command("summit", OUTPUT, CITE)
def summit_cmd(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Summit ids or aliases (any case). None: all summits.",
            show_default=False,
            autocompletion=complete.summits,
        ),
    ] = None,
    context: Annotated[
        int, typer.Option("--context", help="With one summit: how many events before and after to show.", min=0)
    ] = 3,
    *,
    opts: dict[str, Any],
) -> None:
    """One summit in full, or several (or all) side by side."""
    out = output(ctx, opts)
    ds: Dataset = ctx.obj.dataset()
    summits = [query.find_summit(ds, n) for n in names] if names else query.summits_in_order(ds)
    if len(summits) == 1 and names:
        _summit_detail(ds, summits[0], context, out)
        return
    out.compare([summit_row(ds, s) for s in summits], SUMMIT_FIELDS, SUMMIT_DEFAULT, SUMMIT_COMPARE)


def _summit_detail(ds: Dataset, s: Summit, context: int, out: Output) -> None:
    row = summit_row(ds, s)
    before, after = query.summit_context(ds, s, context)
    row["before"], row["after"] = [e.id for e in before], [e.id for e in after]
    out.one(
        row,
        SUMMIT_DETAIL_FIELDS,
        [
            ("Events of the summit", [event_row(ds, ds.event_index[e], ()) for e in s.events], EVENT_BRIEF),
            ("Claims about it", _by_voice(ds, row["claims"]), CLAIM_BRIEF),
            ("Before", [event_row(ds, e, claim_ids=()) for e in before], EVENT_BRIEF),
            ("After", [event_row(ds, e, claim_ids=()) for e in after], EVENT_BRIEF),
        ],
    )


@command("objectives", OUTPUT)
def objectives_cmd(
    ctx: typer.Context,
    objective: Annotated[
        str | None,
        typer.Argument(
            help="An objective id or number: that one in full.",
            show_default=False,
            autocompletion=complete.objectives,
        ),
    ] = None,
    *,
    opts: dict[str, Any],
) -> None:
    """Pyongyang's objectives for the 2019 tests, with their evidence and claims."""
    out = output(ctx, opts)
    ds: Dataset = ctx.obj.dataset()
    if objective is None:
        out.rows([objective_row(ds, o, brief=True) for o in query.objectives(ds)], OBJECTIVE_FIELDS, OBJECTIVE_FIELDS)
        return
    o = query.find_objective(ds, objective)
    row = objective_row(ds, o)
    out.one(
        row,
        OBJECTIVE_FIELDS,
        [
            ("Evidence", [event_row(ds, ds.event_index[e], ()) for e in o.events], EVENT_BRIEF),
            ("Claims", [claim_row(ds, ds.claims[c]) for c in row["claims"]], CLAIM_BRIEF),
        ],
    )


@command("claims", CLAIM_FILTERS, OUTPUT, CITE)
def claims_cmd(ctx: typer.Context, opts: dict[str, Any]) -> None:
    """Analytic claims, each with its verbatim quote and source."""
    out = output(ctx, opts)
    ds: Dataset = ctx.obj.dataset()
    about = opts["about"]
    chosen = query.claims(ds, opts["kinds"] or (), about or "")
    if about:  # what each analysis says about it, one voice after another
        chosen = query.by_voice(ds, chosen)
    out.rows(
        [claim_row(ds, c) for c in chosen], CLAIM_FIELDS, CLAIM_DEFAULT, table=("by", "kind", "summary", "quote", "id")
    )


@command("show", OUTPUT, CITE)
def show_cmd(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Any record's id (event, summit, claim, objective, source, actor).",
            autocompletion=complete.ids,
        ),
    ],
    *,
    opts: dict[str, Any],
) -> None:
    """Any record by id, with the records that link to it."""
    out = output(ctx, opts)
    ds: Dataset = ctx.obj.dataset()
    record = query.find_record(ds, query.resolve_id(ds, record_id))
    row, available = row_of(ds, record)
    links = query.linked_from(ds, record.id)
    row["record_type"] = record_type(record)
    row["linked_from"] = [r.id for r in links]
    link_rows = [Row({"id": r.id, "record_type": record_type(r), "title": label(r)}) for r in links]
    out.one(
        row, ("record_type", *available, "linked_from"), [("Linked from", link_rows, ("id", "record_type", "title"))]
    )


@command("sources", SOURCE_FILTERS, OUTPUT)
def sources_cmd(
    ctx: typer.Context,
    strong: Annotated[
        bool | None,
        typer.Option(
            "--strong/--weak", help="Only sources from strong publishers (or only the others).", show_default=False
        ),
    ] = None,
    *,
    opts: dict[str, Any],
) -> None:
    """The bibliography, most cited first: publisher, its kind, and how many records cite each source."""
    out = output(ctx, opts)
    ds: Dataset = ctx.obj.dataset()
    chosen = query.sources(ds, kinds=opts["kinds"] or (), of=opts["of"] or "", strong=strong)
    out.rows(
        source_rows(ds, chosen), SOURCE_FIELDS, SOURCE_DEFAULT,
        table=("publisher_name", "publisher_kind", "date", "title", "cited_by", "id"),
    )  # fmt: skip


@command("agreements", OUTPUT, CITE)
def agreements_cmd(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        typer.Argument(
            help="Agreement ids or aliases (any case). None: all, side by side.",
            show_default=False,
            autocompletion=complete.agreements,
        ),
    ] = None,
    *,
    opts: dict[str, Any],
) -> None:
    """Agreements and joint statements: one in full, or several side by side on common dimensions
    (denuclearization, verification, freeze, sanctions relief, security guarantees …)."""
    out = output(ctx, opts)
    ds: Dataset = ctx.obj.dataset()
    chosen = [query.find_agreement(ds, n) for n in names] if names else query.agreements_in_order(ds)
    rows = [agreement_row(ds, a) for a in chosen]
    if len(chosen) == 1 and names:
        a = chosen[0]
        out.one(
            rows[0],
            AGREEMENT_FIELDS,
            [
                ("Claims about it", _by_voice(ds, rows[0]["claims"]), CLAIM_BRIEF),
                ("Events", [event_row(ds, ds.event_index[e], ()) for e in a.events], EVENT_BRIEF),
            ],
        )
        return
    out.compare(rows, AGREEMENT_FIELDS, AGREEMENT_DEFAULT, AGREEMENT_COMPARE)


@command("coverage", OUTPUT)
def coverage_cmd(ctx: typer.Context, opts: dict[str, Any]) -> None:
    """What the dataset declares it covers: for which kinds and spans every event is meant to be
    there (complete), and where it holds a selection."""
    out = output(ctx, opts)
    rows = [coverage_row(c) for c in query.coverage_in_order(ctx.obj.dataset())]
    out.rows(rows, COVERAGE_FIELDS, COVERAGE_FIELDS, "coverage")


@command("stats", FILTERS, OUTPUT)
def stats_cmd(
    ctx: typer.Context,
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
    *,
    opts: dict[str, Any],
) -> None:
    """Counts of events (and missiles launched) by kind, month, year, missile class or system; a bar
    chart on a terminal, or in an image file with --chart.
    Takes the same filters as `timeline`."""
    from nkus.stats import STATS_FIELDS, counts

    if chart is not None:
        from nkus import chart as charts

        image = charts.render(charts.spec(ctx.obj.dataset(), event_filter(opts), by), chart)
        _write_file(chart, lambda fh: fh.write(image))
        sys.stderr.write(f"nkus: chart written to {chart}\n")
        return
    out = output(ctx, opts)
    notes: list[str] = []
    rows = counts(ctx.obj.dataset(), event_filter(opts), by, notes)
    out.rows(rows, STATS_FIELDS, STATS_FIELDS, f"events by {by}")
    errors.write_notes(notes)


@command("export", FILTERS)
def export_cmd(
    ctx: typer.Context,
    fmt: Annotated[
        str,
        typer.Argument(metavar="FORMAT", help="The file format (see the list below).", autocompletion=complete.exports),
    ],
    output_path: Annotated[
        str | None,
        typer.Option("--output", "-o", help="File to write (default: stdout; '-' is stdout).", show_default=False),
    ] = None,
    *,
    opts: dict[str, Any],
) -> None:
    """Write the chosen events, and what they cite, as a file for other tools. Takes the same
    filters as `timeline`."""
    from nkus import export

    if fmt not in export.EXPORTS:
        known = ", ".join(export.names()) or "none yet"
        raise errors.UsageError(f"unknown export format '{fmt}'{query.suggest(fmt, export.names())} (formats: {known})")
    to_stdout = output_path in (None, "-")
    if to_stdout and fmt in export.FILE_ONLY:
        raise errors.UsageError(f"{fmt} writes a file: give one with -o FILE")
    ds: Dataset = ctx.obj.dataset()
    events = query.timeline(ds, event_filter(opts))
    if output_path is None or to_stdout:
        export.write(fmt, ds, events, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    _write_file(output_path, lambda fh: export.write(fmt, ds, events, fh))


def _write_file(path: str, write: Callable[[BinaryIO], object]) -> None:
    """Write a file through a temporary name, renamed into place: a failure leaves no
    half-written file. One that cannot be written is reported with its name, exit 1."""
    import os

    tmp = f"{path}.tmp-{os.getpid()}"
    try:
        with open(tmp, "wb") as fh:
            write(fh)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@command("search", OUTPUT)
def search_cmd(
    ctx: typer.Context,
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
    *,
    opts: dict[str, Any],
) -> None:
    """Every record (events, summits, agreements, claims with their quotes, sources, actors,
    objectives, publishers, tags) that holds the words, best first, with its type and where it
    matched. Case, hyphens, accents and British spellings do not matter; an actor's alias finds
    its other names; a word not in the data is replaced by the nearest one (said on stderr)."""
    from nkus.search import SEARCH_FIELDS, search

    out = output(ctx, opts)
    notes: list[str] = []
    rows = search(ctx.obj.dataset(), " ".join(text), record_type or (), limit, notes)
    errors.write_notes(notes)
    out.rows(rows, SEARCH_FIELDS, SEARCH_FIELDS, table=("type", "title", "date", "snippet", "id"))


@command("actors", FILTERS, OUTPUT)
def actors_cmd(ctx: typer.Context, opts: dict[str, Any]) -> None:
    """The actors, with how many events each takes part in (among the events the filters keep),
    most first: the names --actor and --country take."""
    from nkus import vocabulary

    out = output(ctx, opts)
    rows = vocabulary.actors(ctx.obj.dataset(), event_filter(opts))
    out.rows(rows, vocabulary.ACTOR_COUNT_FIELDS, vocabulary.ACTOR_COUNT_FIELDS, "actors",
             table=("id", "name", "country", "events"))  # fmt: skip


@command("tags", FILTERS, OUTPUT)
def tags_cmd(ctx: typer.Context, opts: dict[str, Any]) -> None:
    """The tags, with how many events carry each (among the events the filters keep), most first."""
    from nkus import vocabulary

    out = output(ctx, opts)
    rows = vocabulary.tags(ctx.obj.dataset(), event_filter(opts))
    out.rows(rows, vocabulary.TAG_COUNT_FIELDS, vocabulary.TAG_COUNT_FIELDS, "tags")


@command("kinds", FILTERS, OUTPUT)
def kinds_cmd(ctx: typer.Context, opts: dict[str, Any]) -> None:
    """The event kinds, with how many events are of each (among the events the filters keep), most first."""
    from nkus import vocabulary

    out = output(ctx, opts)
    rows = vocabulary.kinds(ctx.obj.dataset(), event_filter(opts))
    out.rows(rows, vocabulary.KIND_COUNT_FIELDS, vocabulary.KIND_COUNT_FIELDS, "kinds")


@command("validate")
def validate_cmd(
    ctx: typer.Context,
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
    roots = resolve_layers(paths) if paths else ctx.obj.layers
    name = visible(describe(roots)[0])
    problems = check(roots)
    for p in problems:
        sys.stdout.write(f"{p}\n")
    if problems:
        sys.stderr.write(f"nkus: {len(problems)} problem(s) in {name}\n")
        raise typer.Exit(ExitStatus.INVALID_DATASET)
    ds = load(roots)
    sys.stdout.write(
        f"{name}: valid — {len(ds.events)} events, {len(ds.sources)} sources, {len(ds.actors)} actors, "
        f"{len(ds.summits)} summits, {len(ds.claims)} claims, {len(ds.objectives)} objectives\n"
    )


@command("new")
def new_cmd(
    ctx: typer.Context,
    kind: Annotated[str, typer.Argument(metavar="KIND", help="event, source or claim.")],
) -> None:
    """Print a new record to fill in, as a file of one record: save it in a folder of your own
    (`nkus new event > mine/events.json`), edit it, and use it over the bundled data
    (`nkus --data bundled --data mine validate`). Which fields to fill goes to stderr."""
    from nkus.skeleton import skeleton

    made = skeleton(ctx.obj.dataset(), kind)
    sys.stdout.write(json.dumps(made.document, indent=2, ensure_ascii=False) + "\n")
    file = made.coll.file
    sys.stderr.write(
        f"nkus: a new {kind.strip().lower()} for {file}: replace the example values of "
        f"{', '.join(made.required)}; may add {', '.join(made.optional)} (docs/DATA.md says what each holds)\n"
        f"nkus: save it as {file} in a folder of your own (or add the record to the list in yours), then check: "
        f"nkus --data bundled --data FOLDER validate\n"
    )


@command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the dataset files."""
    from nkus.spec import json_schema

    sys.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    """The full CLI: one line on stderr for a usage error, never a traceback for bad input."""
    try:
        result = app(args=argv, prog_name="nkus", standalone_mode=False)
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
