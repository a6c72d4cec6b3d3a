"""The commands, declared once and run from one place.

`COMMANDS` says of each command which shared option groups it takes and which fields its rows
have: the Typer commands (`nkus.cli`), shell completion, `--fields` checking and the tests read it.
Each command is a function here taking a `Request` — the option and argument values, the dataset's
layers and the `Environment` made at entry — whichever way it was parsed: the Typer CLI parses
every command, and the Typer-free path (`nkus.fast`) parses machine-format timelines and calls the
same `timeline`. Nothing here imports Typer or Rich.
"""

from __future__ import annotations

import sys

from nkus import exits, render
from nkus.errors import UsageError
from nkus.export import EXPORTS
from nkus.options import (
    CAUSE,
    CITE,
    CLAIM_FILTERS,
    DATES,
    EFFECT,
    FILTERS,
    OUTPUT,
    PAGING,
    SOURCE_FILTERS,
    Arg,
    Opt,
    event_filter,
)  # fmt: skip
from nkus.rows import (
    ACTOR_COUNT_FIELDS,
    AGREEMENT_DEFAULT,
    AGREEMENT_FIELDS,
    CLAIM_DEFAULT,
    CLAIM_FIELDS,
    COVERAGE_FIELDS,
    EVENT_DEFAULT,
    EVENT_FIELDS,
    FOLLOWS_FIELDS,
    KIND_COUNT_FIELDS,
    MISSILE_FIELDS,
    MISSILE_TABLE,
    OBJECTIVE_FIELDS,
    PAIR_FIELDS,
    PAUSE_DEFAULT,
    PAUSE_FIELDS,
    ROW_FIELDS,
    SEARCH_FIELDS,
    SOURCE_DEFAULT,
    SOURCE_FIELDS,
    STATS_FIELDS,
    SUMMIT_DEFAULT,
    SUMMIT_FIELDS,
    TAG_COUNT_FIELDS,
    Row,
    add_citations,
    pick_fields,
)  # fmt: skip
from nkus.vocab import DIMENSIONS

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any, BinaryIO

    from nkus.env import Environment
    from nkus.model import Summit
    from nkus.query import Dataset
    from nkus.rows import Section


class Command:
    """A command's declaration: its shared option groups, and for a command that prints records,
    the fields its rows have (`fields`), those printed without --fields (`default`), the narrower
    set a terminal table shows (`table`), the fields of one record in full (`one`) and of records
    side by side (`compare`)."""

    __slots__ = (
        "args", "compare", "default", "epilog", "fields", "groups", "help", "name", "one", "own", "run", "table",
    )  # fmt: skip

    def __init__(
        self,
        name: str,
        run: Callable[[Request], int | None],
        groups: tuple[tuple[Opt, ...], ...] = (),
        fields: Sequence[str] = (),
        default: Sequence[str] = (),
        table: Sequence[str] = (),
        *,
        one: Sequence[str] = (),
        compare: Sequence[str] = (),
        args: tuple[Arg, ...] = (),
        own: tuple[Opt, ...] = (),
        help: str = "",
        epilog: str = "",
    ) -> None:
        self.name, self.run, self.groups, self.fields = name, run, groups, tuple(fields)
        self.default, self.table = tuple(default or fields), tuple(table)
        self.one, self.compare = tuple(one), tuple(compare)
        self.args, self.own, self.help, self.epilog = args, own, help, epilog

    @property
    def summary(self) -> str:
        """The help's first sentence: what `nkus --help` lists, whole."""
        first, _, _ = self.help.partition(". ")
        return first.rstrip(".") + "."

    @property
    def options(self) -> tuple[Opt, ...]:
        """Its own options, then those of its shared groups."""
        return (*self.own, *(o for group in self.groups for o in group))

    def all_fields(self) -> tuple[str, ...]:
        """Every field `--fields` may name for this command."""
        return tuple(dict.fromkeys((*self.fields, *self.one, *(("citations",) if CITE in self.groups else ()))))


class Request:
    """What a command was asked: its option and argument values by name (`values`), the dataset
    (its `layers`, loaded on first use) and the `Environment` made at entry."""

    __slots__ = ("_dataset", "command", "env", "layers", "values")

    def __init__(self, command: Command, values: Mapping[str, Any], layers: list[str], env: Environment) -> None:
        self.command, self.values, self.layers, self.env = command, values, layers, env
        self._dataset: Dataset | None = None

    def __getitem__(self, name: str) -> Any:
        return self.values[name]

    def dataset(self) -> Dataset:
        """The dataset, loaded on first use (from its kept copy when it has one: `nkus.cache`)."""
        if self._dataset is None:
            from nkus.cache import dataset
            from nkus.query import Dataset as Library

            self._dataset = dataset(self.layers, Library)
        return self._dataset

    def output(self) -> Output:
        fmt = render.resolve_format(self.values["fmt"], self.values["as_json"], self.env)
        return Output(self, fmt)


class Output:
    """Where and how a command's rows are written: its declared fields and the output options."""

    def __init__(self, request: Request, fmt: str) -> None:
        self.request, self.command, self.env, self.fmt = request, request.command, request.env, fmt
        self.header = not request.values["no_header"]
        self.cite = bool(request.values.get("cite"))

    def fields(self, available: Sequence[str], default: Sequence[str]) -> list[str]:
        given = self.request.values["fields"]
        if not self.cite:
            return pick_fields(given, available, default)
        chosen = pick_fields(given, (*available, "citations"), default)
        return chosen if "citations" in chosen else [*chosen, "citations"]

    def _cited(self, rows: Sequence[Row]) -> None:
        if self.cite:
            add_citations(self.request.dataset(), rows)

    def rows(self, rows: Sequence[Row], title: str = "", default: Sequence[str] = ()) -> None:
        """`default`: the fields to show without --fields, when not the command's own default."""
        c = self.command
        table = self.fmt == "table" and c.table and not self.request.values["fields"]
        chosen = default or (c.table if table else c.default)
        self._cited(rows)
        render.write(rows, self.fields(c.fields, chosen), self.fmt, self.env, self.header, title)

    def compare(self, rows: Sequence[Row]) -> None:
        """Several records: side by side where the format can (records as columns, the command's
        `compare` fields as rows), else as rows like any listing."""
        if not render.can_compare(self.fmt):
            self.rows(rows)
            return
        self._cited(rows)
        render.write_compare(
            rows, self.fields(self.command.fields, self.command.compare), self.fmt, self.env, self.header
        )

    def one(self, row: Row, sections: Sequence[Section] = (), fields: Sequence[str] = ()) -> None:
        self._cited([row])
        shown = fields or self.command.one
        render.write_one(row, self.fields(shown, shown), self.fmt, self.env, sections, self.header)


EVENT_TABLE = ("date", "kind", "title", "id")
EVENT_BRIEF = ("id", "date", "kind", "title")
CLAIM_BRIEF = ("by", "kind", "summary", "id")
SUMMIT_COMPARE = (
    "name", "date", "place", "principals", "agenda", "document", "outcome", "spectacle", "substance", "verdict_by",
    "verdicts", "aftermath", "claims",
)  # fmt: skip


# The commands. Each takes the Request; errors it raises are reported by the caller (`run`).
def timeline(req: Request) -> None:
    from nkus.index import timeline as answer
    from nkus.rows import event_row

    out = req.output()
    found = answer(req.layers, event_filter(dict(req.values)), req["limit"], req["reverse"])
    out.rows([event_row(found.context, ev) for ev in found.events])
    exits.write_notes(found.notes)


def _event_rows(ds: Dataset, ids: Sequence[str]) -> list[Row]:
    from nkus.rows import event_row

    return [event_row(ds, ds.event_index[e]) for e in ids]


def _by_voice(ds: Dataset, claim_ids: Sequence[str]) -> list[Row]:
    from nkus import query
    from nkus.rows import claim_row

    return [claim_row(ds, c) for c in query.by_voice(ds, [ds.claims[c] for c in claim_ids])]


def missiles(req: Request) -> None:
    from nkus import query
    from nkus.launches import launches
    from nkus.rows import missile_row

    out, ds = req.output(), req.dataset()
    found = query.timeline(ds, event_filter(dict(req.values)))
    out.rows([missile_row(m) for m in launches(ds, found.events)], "missiles")
    exits.write_notes(found.notes)


def summit(req: Request) -> None:
    from nkus import query
    from nkus.rows import summit_row

    out, ds, names = req.output(), req.dataset(), req["names"]
    summits = [query.find_summit(ds, n) for n in names] if names else query.summits_in_order(ds)
    if len(summits) == 1 and names:
        _summit_detail(ds, summits[0], req["context"], out)
        return
    rows = [summit_row(ds, s) for s in summits]
    if names or req["all"]:
        out.compare(rows)
    else:  # every summit: a list, a line each, before any wall of columns
        out.rows(rows, "summits (name some, or --all, to see them side by side)")


def _summit_detail(ds: Dataset, s: Summit, context: int, out: Output) -> None:
    from nkus import query
    from nkus.rows import summit_row

    row = summit_row(ds, s)
    before, after = query.summit_context(ds, s, context)
    row["before"], row["after"] = [e.id for e in before], [e.id for e in after]
    out.one(
        row,
        [
            ("Events of the summit", _event_rows(ds, s.events), EVENT_BRIEF),
            ("Claims about it", _by_voice(ds, row["claims"]), CLAIM_BRIEF),
            ("Before", _event_rows(ds, [e.id for e in before]), EVENT_BRIEF),
            ("After", _event_rows(ds, [e.id for e in after]), EVENT_BRIEF),
        ],
    )


def objectives(req: Request) -> None:
    from nkus import query
    from nkus.rows import claim_row, objective_row

    out, ds = req.output(), req.dataset()
    if req["objective"] is None:
        out.rows([objective_row(ds, o, brief=True) for o in query.objectives(ds)])
        return
    o = query.find_objective(ds, req["objective"])
    row = objective_row(ds, o)
    out.one(
        row,
        [
            ("Evidence", _event_rows(ds, o.events), EVENT_BRIEF),
            ("Claims", [claim_row(ds, ds.claims[c]) for c in row["claims"]], CLAIM_BRIEF),
        ],
    )


def claims(req: Request) -> None:
    from nkus import query
    from nkus.rows import claim_row

    out, ds = req.output(), req.dataset()
    about = req["about"]
    chosen = query.claims(ds, req["kinds"] or (), about or "")
    if about:  # what each analysis says about it, one voice after another
        chosen = query.by_voice(ds, chosen)
    out.rows([claim_row(ds, c) for c in chosen])


def show(req: Request) -> None:
    from nkus import query
    from nkus.rows import label, record_type, row_of

    out, ds = req.output(), req.dataset()
    record = query.find_record(ds, query.resolve_id(ds, req["record_id"]))
    row, available = row_of(ds, record)
    links = query.linked_from(ds, record.id)
    row["record_type"] = record_type(record)
    row["linked_from"] = [r.id for r in links]
    link_rows = [Row({"id": r.id, "record_type": record_type(r), "title": label(r)}) for r in links]
    sections = [("Linked from", link_rows, ("id", "record_type", "title"))]
    out.one(row, sections, ("record_type", *available, "linked_from"))


def sources(req: Request) -> None:
    from nkus import query
    from nkus.rows import source_rows

    out, ds = req.output(), req.dataset()
    chosen = query.sources(ds, kinds=req["kinds"] or (), of=req["of"] or "", strong=req["strong"])
    out.rows(source_rows(ds, chosen))


def agreements(req: Request) -> None:
    from nkus import query
    from nkus.rows import agreement_row

    out, ds, names = req.output(), req.dataset(), req["names"]
    chosen = [query.find_agreement(ds, n) for n in names] if names else query.agreements_in_order(ds)
    rows = [agreement_row(ds, a) for a in chosen]
    if len(chosen) == 1 and names:
        sections = [
            ("Claims about it", _by_voice(ds, rows[0]["claims"]), CLAIM_BRIEF),
            ("Events", _event_rows(ds, chosen[0].events), EVENT_BRIEF),
        ]
        out.one(rows[0], sections)
        return
    if names or req["all"]:
        out.compare(rows)
    else:  # every agreement: a list, a line each, before any wall of columns
        out.rows(rows, "agreements (name some, or --all, to see them side by side)")


def coverage(req: Request) -> None:
    from nkus import query
    from nkus.rows import coverage_row

    out = req.output()
    out.rows([coverage_row(c) for c in query.coverage_in_order(req.dataset())], "coverage")


def stats(req: Request) -> None:
    from nkus.stats import counts

    flt, by = event_filter(dict(req.values)), req["by"]
    if req["chart"] is not None:
        from nkus import chart as charts

        image = charts.render(charts.spec(req.dataset(), flt, by), req["chart"])
        write_file(req["chart"], lambda fh: fh.write(image))
        sys.stderr.write(f"nkus: chart written to {req['chart']}\n")
        return
    out = req.output()
    notes: list[str] = []
    rows = counts(req.dataset(), flt, by, notes)
    out.rows(rows, f"events by {by}")
    exits.write_notes(notes)


def export(req: Request) -> None:
    from nkus import export as exports
    from nkus import query
    from nkus.names import unknown

    fmt, path = req["fmt_name"], req["output_path"]
    if fmt not in exports.EXPORTS:
        raise UsageError(unknown("export format", fmt, exports.names(), "formats"))
    to_stdout = path in (None, "-")
    if to_stdout and fmt in exports.FILE_ONLY:
        raise UsageError(f"{fmt} writes a file: give one with -o FILE")
    ds = req.dataset()
    events = query.timeline(ds, event_filter(dict(req.values))).events
    if to_stdout:
        req.env.stdout.flush()
        exports.write(fmt, ds, events, req.env.stdout.buffer)
        req.env.stdout.buffer.flush()
        return
    write_file(path, lambda fh: exports.write(fmt, ds, events, fh), force=req["force"])


def write_file(path: str, write: Callable[[BinaryIO], object], force: bool = False) -> None:
    """Write the file `path` with `write(fh)` (see `nkus.atomic`); an error names the path as given.
    SIGTERM and SIGHUP stop it as Ctrl-C does: the temporary file is removed, `nkus: interrupted`."""
    import signal

    from nkus.atomic import replacing

    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    before = {sig: signal.signal(sig, interrupted) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        with replacing(path, force=force) as fh:
            write(fh)
    except OSError as err:
        if not isinstance(err.filename, str):
            err.filename = path
        raise
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)


def search(req: Request) -> None:
    from nkus.rows import search_row
    from nkus.search import search_at

    out = req.output()
    notes: list[str] = []
    hits = search_at(req.layers, " ".join(req["text"]), req["record_type"] or (), req["limit"], notes)
    exits.write_notes(notes)
    out.rows([search_row(h) for h in hits])


def actors(req: Request) -> None:
    from nkus import vocabulary

    req.output().rows(vocabulary.actors(req.dataset(), event_filter(dict(req.values))), "actors")


def tags(req: Request) -> None:
    from nkus import vocabulary

    req.output().rows(vocabulary.tags(req.dataset(), event_filter(dict(req.values))), "tags")


def kinds(req: Request) -> None:
    from nkus import vocabulary

    req.output().rows(vocabulary.kinds(req.dataset(), event_filter(dict(req.values))), "kinds")


def follows(req: Request) -> None:
    from nkus.options import selected
    from nkus.rows import follows_row, pair_row
    from nkus.sequence import left_out_note

    out, ds = req.output(), req.dataset()
    sides = {role: selected(dict(req.values), role) for role in ("cause", "effect")}
    for role, chosen in sides.items():
        if not chosen:
            raise UsageError(f"say which events are the {role}s: --{role}-kind, --{role}-tag, --{role}-id …")
    found = ds.follows(
        sides["cause"], sides["effect"], req["window"], start=req["start"], end=req["end"], before=req["before"],
        from_end=req["from_end"], permutations=req["permutations"], seed=req["seed"],
    )  # fmt: skip
    pairs = [pair_row(p) for p in found.pairs]
    if req["pairs"]:
        out.rows(pairs)
    else:
        row = follows_row(found, _described(sides["cause"]), _described(sides["effect"]))
        out.one(row, [("Pairs", pairs, ("cause_date", "cause_title", "lag", "effect_date", "effect_title"))])
    exits.write_notes([n for n in [left_out_note(found.left_out)] if n])


def _described(chosen: Mapping[str, object]) -> str:
    """A side of a comparison in words: `kind exercise; tag joint-exercise`."""
    flags = {o.name: o.flags[0][2:] for o in FILTERS} | {"ids": "id"}
    return "; ".join(
        f"{flags.get(k, k)} {', '.join(map(str, v)) if isinstance(v, list) else v}" for k, v in chosen.items()
    )


def pauses(req: Request) -> None:
    from nkus import query, sequence
    from nkus.rows import PAUSE_DEFAULT, pause_row

    out, ds = req.output(), req.dataset()
    flt = event_filter(dict(req.values))
    found = query.timeline(ds, flt)
    gaps, left_out = sequence.pauses(ds, found.events, req["longest"])
    if not found.notes and found.events:  # a pause where the dataset holds only a selection means little
        spanned = flt.replace(start=found.events[0].lower.toordinal(), end=found.events[-1].upper.toordinal())
        found.notes = query.notes(ds, spanned)
    shown = (*PAUSE_DEFAULT, "events") if req["show"] else ()
    out.rows([pause_row(g) for g in gaps], "the longest pauses", default=shown)
    exits.write_notes([*found.notes, *[n for n in [sequence.left_out_note(left_out)] if n]])


def validate(req: Request) -> int:
    """Every problem of the dataset on stdout, or one line saying it is valid; it is read once."""
    from nkus.loader import from_records, validate
    from nkus.location import DatasetError, describe, resolve_layers
    from nkus.model import Dataset
    from nkus.text import visible

    roots = resolve_layers(req["paths"]) if req["paths"] else req.layers
    name = visible(describe(roots)[0])
    try:
        ds = from_records(validate(roots), Dataset)
    except DatasetError as err:
        for p in err.problems:
            req.env.stdout.write(f"{p}\n")
        sys.stderr.write(f"nkus: {len(err.problems)} problem(s) in {name}\n")
        return exits.ExitStatus.INVALID_DATASET
    req.env.stdout.write(
        f"{name}: valid — {len(ds.events)} events, {len(ds.sources)} sources, {len(ds.actors)} actors, "
        f"{len(ds.summits)} summits, {len(ds.claims)} claims, {len(ds.objectives)} objectives\n"
    )
    return exits.ExitStatus.OK


def new(req: Request) -> None:
    import json
    import os

    from nkus.cache import dataset
    from nkus.query import Dataset as Library
    from nkus.skeleton import skeleton
    from nkus.vocab import DATA_FILES

    # The example references point at records of the base dataset only, never at the layers over
    # it: `nkus new event > mine/events.json` empties the file before nkus runs, and may be run
    # again. Only printing over a file of the base itself cannot work.
    base = req.layers[0]
    try:
        out = os.fstat(req.env.stdout.fileno())
        files = [os.path.join(base, name) for name in DATA_FILES]
        over = any(os.path.samestat(out, os.stat(f)) for f in files if os.path.exists(f))
    except (AttributeError, OSError, ValueError):
        over = False  # stdout is not a file (a pipe, a terminal, a test's buffer)
    if over:
        raise UsageError(f"nkus new would print over a file of {base}, the dataset it takes its examples from")
    kind = req["kind"]
    made = skeleton(dataset([base], Library), kind)
    req.env.stdout.write(json.dumps(made.document, indent=2, ensure_ascii=False) + "\n")
    file = made.coll.file
    sys.stderr.write(
        f"nkus: a new {kind.strip().lower()} for {file}: replace the example values of "
        f"{', '.join(made.required)}; may add {', '.join(made.optional)} (docs/DATA.md says what each holds)\n"
        f"nkus: save it as {file} in a folder of your own (or add the record to the list in yours), then check: "
        f"nkus --data bundled --data FOLDER validate\n"
    )


def schema(req: Request) -> None:
    import json

    from nkus.spec import json_schema

    req.env.stdout.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")


def _show_fields() -> tuple[str, ...]:
    return ("record_type", *dict.fromkeys(f for fields in ROW_FIELDS.values() for f in fields), "linked_from")


ALL = Opt("all", ("--all",), "flag", "With no names: every record side by side, not a list.")
# The commands: what each takes (its own arguments and options, and the shared option groups),
# what it prints (the fields of its rows) and its help, in the order `nkus --help` lists them.
COMMANDS = {
    c.name: c
    for c in (
        Command(
            "timeline", timeline, (FILTERS, PAGING, OUTPUT, CITE), EVENT_FIELDS, EVENT_DEFAULT, EVENT_TABLE,
            help="Events in date order. Repeated values of one filter are alternatives; different filters all apply.",
        ),
        Command(
            "missiles", missiles, (FILTERS, OUTPUT), MISSILE_FIELDS, table=MISSILE_TABLE,
            help="The missiles of the launches the filters keep, one row each (a salvo of three is three rows, "
            "numbered through the day; a launch whose count is not known is one row saying so), with the launch "
            "time in Korean time and UTC and the launch site's coordinates. Takes the same filters as `timeline`.",
        ),
        Command(
            "summit", summit, (OUTPUT, CITE), SUMMIT_FIELDS, SUMMIT_DEFAULT,
            table=("date", "name", "place", "id"),
            one=(*SUMMIT_FIELDS, "before", "after"), compare=SUMMIT_COMPARE,
            args=(Arg("names", "NAME...", "Summit ids or aliases (any case). None: a list of all.", "summits", True, False),),
            own=(Opt("context", ("--context",), "int", "With one summit: how many events before and after to show.",
                     minimum=0, default=3), ALL),
            help="One summit in full, several side by side, or a list of all (--all: all side by side).",
        ),
        Command(
            "objectives", objectives, (OUTPUT,), OBJECTIVE_FIELDS, one=OBJECTIVE_FIELDS,
            args=(Arg("objective", "OBJECTIVE", "An objective id or number: that one in full.", "objectives",
                      required=False),),
            help="Pyongyang's objectives for the 2019 tests, with their evidence and claims.",
        ),
        Command(
            "claims", claims, (CLAIM_FILTERS, OUTPUT, CITE), CLAIM_FIELDS, CLAIM_DEFAULT,
            table=("by", "kind", "summary", "quote", "id"),
            help="Analytic claims, each with its verbatim quote and source.",
        ),
        Command(
            "show", show, (OUTPUT, CITE), one=_show_fields(),
            args=(Arg("record_id", "ID", "Any record's id (event, summit, claim, objective, source, actor).", "ids"),),
            help="Any record by id, with the records that link to it.",
        ),
        Command(
            "sources", sources, (SOURCE_FILTERS, OUTPUT), SOURCE_FIELDS, SOURCE_DEFAULT,
            table=("publisher_name", "publisher_kind", "date", "title", "cited_by", "id"),
            own=(Opt("strong", ("--strong", "--weak"), "switch",
                     "Only sources from strong publishers (or only the others)."),),
            help="The bibliography, most cited first: publisher, its kind, and how many records cite each source.",
        ),
        Command(
            "agreements", agreements, (OUTPUT, CITE), AGREEMENT_FIELDS, AGREEMENT_DEFAULT,
            table=("date", "name", "parties", "id"), one=AGREEMENT_FIELDS,
            compare=("name", "date", "parties", *DIMENSIONS, "fate"),
            args=(Arg("names", "NAME...", "Agreement ids or aliases (any case). None: a list of all.",
                      "agreements", True, False),),
            own=(ALL,),
            help="Agreements and joint statements: one in full, several side by side on common dimensions "
            "(denuclearization, verification, freeze, sanctions relief, security guarantees …), or a list of all "
            "(--all: all side by side).",
        ),
        Command(
            "coverage", coverage, (OUTPUT,), COVERAGE_FIELDS,
            help="What the dataset declares it covers: for which kinds and spans every event is meant to be "
            "there (complete), and where it holds a selection.",
        ),
        Command(
            "stats", stats, (FILTERS, OUTPUT), STATS_FIELDS,
            own=(
                Opt("by", ("--by",), "value", "kind, month, year, class or system (of missiles).", "groupings",
                    default="kind"),
                Opt("chart", ("--chart",), "value", "Write the counts as a bar chart to FILE.svg or FILE.png instead."),
            ),
            help="Counts of events (and missiles launched) by kind, month, year, missile class or system; a bar "
            "chart on a terminal, or in an image file with --chart. Takes the same filters as `timeline`.",
        ),
        Command(
            "export", export, (FILTERS,),
            args=(Arg("fmt_name", "FORMAT", "The file format (the list below).", "exports"),),
            own=(
                Opt("output_path", ("--output", "-o"), "value", "File to write (default: stdout; '-' is stdout)."),
                Opt("force", ("--force",), "flag", "Replace the file even if it is read-only."),
            ),
            help="Write the chosen events, and what they cite, as a file for other tools. Takes the same "
            "filters as `timeline`.",
            epilog="\b\nFormats:\n" + "\n".join(f"  {name:<11} {what}" for name, (_, _, what) in EXPORTS.items()),
        ),
        Command(
            "search", search, (OUTPUT,), SEARCH_FIELDS, table=("type", "title", "date", "snippet", "id"),
            args=(Arg("text", "TEXT...", "Words to find (quotes optional).", many=True),),
            own=(
                Opt("record_type", ("--type", "-T"), "many", "Only records of this type (repeatable): event, "
                    "summit, agreement, claim, source, actor, objective, publisher, tag."),
                Opt("limit", ("--limit", "-n"), "int", "At most this many records."),
            ),
            help="Every record (events, summits, agreements, claims with their quotes, sources, actors, "
            "objectives, publishers, tags) that holds the words, best first, with its type and where it "
            "matched. Case, hyphens, accents and British spellings do not matter; an actor's alias finds "
            "its other names; a word not in the data is replaced by the nearest one (said on stderr).",
        ),
        Command(
            "actors", actors, (FILTERS, OUTPUT), ACTOR_COUNT_FIELDS, table=("id", "name", "country", "events"),
            help="The actors, with how many events each takes part in (among the events the filters keep), "
            "most first: the names --actor and --country take.",
        ),
        Command(
            "tags", tags, (FILTERS, OUTPUT), TAG_COUNT_FIELDS,
            help="The tags, with how many events carry each (among the events the filters keep), most first.",
        ),
        Command(
            "kinds", kinds, (FILTERS, OUTPUT), KIND_COUNT_FIELDS,
            help="The event kinds, with how many events are of each (among the events the filters keep), most first.",
        ),
        Command(
            "follows", follows, (CAUSE, EFFECT, DATES, OUTPUT), PAIR_FIELDS, one=FOLLOWS_FIELDS,
            own=(
                Opt("window", ("--within",), "int", "The window, in days.", minimum=0, default=14),
                Opt("before", ("--before",), "flag", "Look for effects in the window before each cause instead."),
                Opt("from_end", ("--from-end",), "flag", "Measure from the end of a multi-day cause (default: its start)."),
                Opt("permutations", ("--permutations",), "int", "How many random shifts estimate the baseline.",
                    minimum=0, default=1000),
                Opt("seed", ("--seed",), "int", "The seed of the random shifts (the same seed, the same baseline).",
                    minimum=0, default=0),
                Opt("pairs", ("--pairs",), "flag", "Print each cause and what followed it as rows, not the summary."),
            ),
            help="How often events of one selection (the causes) were followed within a number of days by events "
            "of another (the effects), and how often that happens by chance (a baseline from shifted dates). "
            "Only events dated to the day take part.",
        ),
        Command(
            "pauses", pauses, (FILTERS, OUTPUT), PAUSE_FIELDS, PAUSE_DEFAULT,
            own=(
                Opt("longest", ("--limit", "-n"), "int", "How many of the longest pauses.", minimum=0, default=10),
                Opt("show", ("--show",), "flag", "List the events inside each pause."),
            ),
            help="The longest pauses between events of a selection (the timeline's filters: `--kind missile-test`), "
            "with what happened inside each.",
        ),
        Command(
            "validate", validate,
            args=(Arg("paths", "[PATH]...", "Dataset directories, the base first, each later one a layer over it "
                      "(default: --data).", many=True, required=False),),
            help="Check a dataset (with its layers): every record, field and reference. Lists every problem; "
            "exit 3 if any.",
        ),
        Command(
            "new", new, args=(Arg("kind", "KIND", "event, source or claim."),),
            help="Print a new record to fill in, as a file of one record: save it in a folder of your own "
            "(`nkus new event > mine/events.json`), edit it, and use it over the bundled data "
            "(`nkus --data bundled --data mine validate`). Which fields to fill goes to stderr.",
        ),
        Command("schema", schema, help="Print the JSON Schema of the dataset files."),
    )
}  # fmt: skip


def run(name: str, values: Mapping[str, Any], layers: list[str], env: Environment) -> int:
    """Run command `name`: its exit status. Errors in what was asked (a bad value, an invalid
    dataset, a name that names nothing) are one line on stderr (`nkus.exits`); a reader that
    closes the pipe early (`| head`, or quitting the pager) ends it quietly with success. On a
    terminal the output goes through the pager (`Environment.pager`)."""
    from nkus.env import discard_stdout
    from nkus.errors import NotFound
    from nkus.location import DatasetError

    command = COMMANDS[name]
    pager = _start_pager(env) if env.pager and env.is_tty and command.fields + command.one else None
    try:
        status = command.run(Request(command, values, layers, env if pager is None else env.writing_to(pager[1])))
        (env.stdout if pager is None else pager[1]).flush()
    except BrokenPipeError:
        if pager is None:
            discard_stdout()
        return exits.ExitStatus.OK
    except (DatasetError, UsageError, NotFound) as err:
        return exits.report(err)
    finally:
        if pager is not None:
            _end_pager(*pager)
    return status or exits.ExitStatus.OK


def _start_pager(env: Environment) -> tuple[Any, Any] | None:
    """The pager's process and a text stream into it, or None when it cannot be started."""
    import io
    import subprocess

    try:
        process = subprocess.Popen(env.pager, shell=True, stdin=subprocess.PIPE)
    except OSError:
        return None
    assert process.stdin is not None
    return process, io.TextIOWrapper(process.stdin, encoding="utf-8", errors="backslashreplace")


def _end_pager(process: Any, stream: Any) -> None:
    from contextlib import suppress

    with suppress(BrokenPipeError):  # the reader quit the pager early
        stream.close()
    process.wait()
