"""The command-line options that several commands share, declared once.

The Typer commands (`nkus.cli`) and the Typer-free timeline path (`nkus.fast`) are both built
from these declarations, so a flag cannot mean one thing on one path and another on the other.
The filter options' names are `EventFilter.build`'s keywords.
"""

from __future__ import annotations

from os import pathsep

from nkus.filters import EventFilter
from nkus.location import BUNDLED, ENV_VAR
from nkus.render import FORMATS


class Opt:
    """One option: its parameter name, its flags, what it takes (`value`, `many` — repeatable —,
    `int` or `flag`), its help text and the function of `nkus.complete` that completes it."""

    __slots__ = ("complete", "flags", "help", "kind", "name")

    def __init__(self, name: str, flags: tuple[str, ...], kind: str, help: str, complete: str = "") -> None:
        self.name, self.flags, self.kind, self.help, self.complete = name, flags, kind, help, complete


FILTERS = (
    Opt("start", ("--from",), "value", "Earliest date: 2019, 2019-05, 2019-05-04, 'May 2019', '4 May 2019' or 2019/05/04. Not accepted: dates that read two ways (01/02/2019), two-digit years (19-05-04), relative dates (yesterday)."),
    Opt("end", ("--to",), "value", "Latest date, written as for --from; a partial date covers its whole period (--to 2019-10 includes 31 Oct)."),
    Opt("kinds", ("--kind", "-k"), "many", "Event kind (repeatable): summit, talks, visit, statement, letter, missile-test, …", "kinds"),
    Opt("actors", ("--actor", "-a"), "many", "Actor id, name or alias, or a part of one that names only one actor (repeatable).", "actors"),
    Opt("countries", ("--country", "-c"), "many", "Country of an actor: a code (USA, PRK, KOR …) or a name (US, DPRK, North Korea, ROK …) (repeatable)."),
    Opt("tags", ("--tag", "-t"), "many", "Tag (repeatable).", "tags"),
    Opt("text", ("--search", "-s"), "value", "Text to find in id, title, summary, place, tags or actors' names; case, hyphens, accents and British spellings do not matter."),
    Opt("summit", ("--summit",), "value", "Only the events of this summit (id or alias).", "summits"),
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


def empty(options: tuple[Opt, ...]) -> dict[str, object]:
    """Each option's value when it is not given."""
    return {o.name: [] if o.kind == "many" else False if o.kind == "flag" else None for o in options}


def flag_names() -> dict[str, str]:
    """Each option's name to its flag, to word the library's errors (`start` is `--from`)."""
    return {o.name: o.flags[0] for group in _ALL for o in group}


_ALL = (GLOBAL, TIMELINE, CLAIM_FILTERS, SOURCE_FILTERS)


def event_filter(values: dict[str, object]) -> EventFilter:
    """The filter the shared filter options (`FILTERS`) ask for; missing ones are unset."""
    given = {o.name: values[o.name] for o in FILTERS if values.get(o.name) is not None}
    return EventFilter.build(**given)  # type: ignore[arg-type]
