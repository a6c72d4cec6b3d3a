"""The command-line options, and how an option or argument is declared.

The Typer commands (`nkus.cli`) and the Typer-free parser (`nkus.fast`) are both built from these
declarations (with each command's own, in `nkus.commands.COMMANDS`), so a flag cannot mean one
thing on one path and another on the other. The filter options' names are `EventFilter.build`'s
keywords.
"""

from __future__ import annotations

from os import pathsep

from nkus.filters import EventFilter
from nkus.location import BUNDLED, ENV_VAR
from nkus.render import FORMATS


class Opt:
    """One option: its parameter name, its flags, what it takes (`value`, `many` — repeatable —,
    `int`, `flag`, or `switch`: a pair of flags, on and off, unset when neither is given), its help
    text, the function of `nkus.complete` that completes it, and for an `int` its least value and
    default."""

    __slots__ = ("complete", "default", "flags", "help", "kind", "minimum", "name")

    def __init__(
        self,
        name: str,
        flags: tuple[str, ...],
        kind: str,
        help: str,
        complete: str = "",
        minimum: int | None = None,
        default: object = None,
    ) -> None:
        self.name, self.flags, self.kind, self.help, self.complete = name, flags, kind, help, complete
        self.minimum, self.default = minimum, default


class Arg:
    """One positional argument: its parameter name, how it is shown (`metavar`), its help text,
    whether it takes several values (`many`) and whether it must be given."""

    __slots__ = ("complete", "help", "many", "metavar", "name", "required")

    def __init__(
        self, name: str, metavar: str, help: str, complete: str = "", many: bool = False, required: bool = True
    ) -> None:
        self.name, self.metavar, self.help, self.complete = name, metavar, help, complete
        self.many, self.required = many, required


FILTERS = (
    Opt("start", ("--from",), "value", "Earliest date: 2019, 2019-05, 2019-05-04, 'May 2019', '4 May 2019' or 2019/05/04. Not accepted: dates that read two ways (01/02/2019), two-digit years (19-05-04), relative dates (yesterday)."),
    Opt("end", ("--to",), "value", "Latest date, written as for --from; a partial date covers its whole period (--to 2019-10 includes 31 Oct)."),
    Opt("kinds", ("--kind", "-k"), "many", "Event kind (repeatable): summit, talks, visit, statement, letter, missile-test, …", "kinds"),
    Opt("actors", ("--actor", "-a"), "many", "Actor id, name or alias, or a part of one that names only one actor (repeatable).", "actors"),
    Opt("countries", ("--country", "-c"), "many", "Country of an actor: a code (USA, PRK, KOR …) or a name (US, DPRK, North Korea, ROK …) (repeatable)."),
    Opt("tags", ("--tag", "-t"), "many", "Tag (repeatable).", "tags"),
    Opt("text", ("--search", "-s"), "value", "Text to find in id, title, summary, place, tags or actors' names; case, hyphens, accents and British spellings do not matter."),
    Opt("summit", ("--summit",), "value", "Only the events of this summit (id or alias).", "summits"),
    Opt("classes", ("--class",), "many", "Missile class of a launch (repeatable): SRBM, MRBM, IRBM, ICBM, SLBM, hypersonic, cruise, MRL, space-launch, unknown.", "classes"),
    Opt("systems", ("--system",), "many", "Missile system of a launch, or a part of its name: Hwasong-17, KN-23, Pukguksong … (repeatable; case, hyphens and spaces do not matter)."),
    Opt("within", ("--within",), "flag", "Keep only events lying entirely inside --from/--to (default: any overlap)."),
)  # fmt: skip
PAGING = (
    Opt("limit", ("--limit", "-n"), "int", "At most this many events."),
    Opt("reverse", ("--reverse", "-r"), "flag", "Newest first."),
)
OUTPUT = (
    Opt("fmt", ("--format", "-f"), "value", f"{', '.join(FORMATS)} (default: table on a terminal, tsv otherwise).", "formats"),
    Opt("as_json", ("--json",), "flag", "Short for --format json."),
    Opt("fields", ("--fields",), "value", "Comma-separated fields to keep, in that order.", "fields"),
    Opt("no_header", ("--no-header",), "flag", "Omit the header row."),
)  # fmt: skip
GLOBAL = (
    Opt(
        "data",
        ("--data",),
        "many",
        (
            f"Dataset directory; repeat it to lay your own files over it, the base first: --data {BUNDLED} --data ./mine "
            f"('{BUNDLED}' is the shipped dataset). Default: ${ENV_VAR} (a list separated by '{pathsep}'), else {BUNDLED}."
        ),
    ),
    Opt("no_color", ("--no-color",), "flag", "No colour or styles, even on a terminal (also NO_COLOR)."),
    Opt(
        "no_pager",
        ("--no-pager",),
        "flag",
        "Never page the output on a terminal (else $NKUS_PAGER, $PAGER or less -FRX).",
    ),
)
CITE = (
    Opt("cite", ("--cite",), "flag", "Add each source's publisher, title, date and address to the rows (field 'citations')."),
)  # fmt: skip
TIMELINE = (*FILTERS, *PAGING, *OUTPUT, *CITE)
CLAIM_FILTERS = (
    Opt("kinds", ("--kind", "-k"), "many", "cause, objective, assessment or result (repeatable).", "claim_kinds"),
    Opt("about", ("--about",), "value", "Only claims about this event, summit (id or alias) or objective.", "ids"),
)
SOURCE_FILTERS = (
    Opt(
        "kinds",
        ("--kind", "-k"),
        "many",
        "Publisher kind (repeatable): wire, government, think-tank, …",
        "publisher_kinds",
    ),
    Opt("of", ("--of",), "value", "Only the sources of this record (event, summit, claim, agreement …).", "ids"),
)


def flag_table(options: tuple[Opt, ...]) -> dict[str, Opt]:
    """Every flag of `options`, to its declaration."""
    return {flag: o for o in options for flag in o.flags}


def empty(options: tuple[Opt, ...], args: tuple[Arg, ...] = ()) -> dict[str, object]:
    """Each option's and argument's value when it is not given."""
    values: dict[str, object] = {a.name: [] if a.many else None for a in args}
    for o in options:
        values[o.name] = [] if o.kind == "many" else False if o.kind == "flag" else o.default
    return values


def flag_names() -> dict[str, str]:
    """Each shared option's name to its flag, to word the library's errors (`start` is `--from`)."""
    return {o.name: o.flags[0] for group in (GLOBAL, TIMELINE, CLAIM_FILTERS, SOURCE_FILTERS) for o in group}


def event_filter(values: dict[str, object]) -> EventFilter:
    """The filter the shared filter options (`FILTERS`) ask for; missing ones are unset."""
    given = {o.name: values[o.name] for o in FILTERS if values.get(o.name) is not None}
    return EventFilter.build(**given)  # type: ignore[arg-type]


def selector(role: str) -> tuple[Opt, ...]:
    """The timeline's event filters, but for dates, as one side of a comparison (`--cause-kind`,
    `--effect-tag` …), and the ids of events (`--cause-id`)."""
    picked = [o for o in FILTERS if o.name not in ("start", "end", "within")]
    return (
        *(Opt(f"{role}_{o.name}", (f"--{role}-{o.flags[0][2:]}",), o.kind, f"{o.help} (for the {role}s)", o.complete)
          for o in picked),
        Opt(f"{role}_ids", (f"--{role}-id",), "many", f"An event id (for the {role}s; repeatable).", "ids"),
    )  # fmt: skip


def selected(values: dict[str, object], role: str) -> dict[str, object]:
    """The filters one side of a comparison asks for (see `selector`), by `EventFilter.build`'s keywords."""
    prefix = f"{role}_"
    return {k[len(prefix) :]: v for k, v in values.items() if k.startswith(prefix) and v not in (None, [], False)}


DATES = tuple(o for o in FILTERS if o.name in ("start", "end"))
CAUSE, EFFECT = selector("cause"), selector("effect")
