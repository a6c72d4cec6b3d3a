"""`nkus export FORMAT`: the chosen events (and what they cite) written as a file other tools
read. Each format is a module here with `write(ds, events, out)`; each imports its library only
when called, so exports add nothing to the start-up of other commands."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

    from nkus.model import Dataset, Event

# format name: (module, file suffix, what reads it). A module's `write(ds, events, out)` writes to `out`.
EXPORTS: dict[str, tuple[str, str, str]] = {
    "html": ("html", ".html", "a page to read, share and print, in any browser, with no network"),
    "ics": ("ics", ".ics", "an iCalendar file for calendar programs (one all-day event per event)"),
    "timelinejs": ("timelinejs", ".json", "TimelineJS3's JSON, for an interactive timeline"),
    "csl-json": ("csl", ".json", "the cited sources as CSL-JSON, for pandoc, Zotero and citeproc"),
    "bibtex": ("bibtex", ".bib", "the cited sources for BibTeX and biblatex"),
    "ris": ("ris", ".ris", "the cited sources as RIS, for reference managers"),
    "sqlite": ("sqlite", ".db", "a SQLite database of every record (-o FILE), for sqlite3 and Datasette"),
}
# Formats that cannot go to stdout (a database is a file): `-o FILE` is required.
FILE_ONLY = frozenset({"sqlite"})


def names() -> list[str]:
    return sorted(EXPORTS)


def write(fmt: str, ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    module_name = EXPORTS[fmt][0]
    name = f"nkus.export.{module_name}"
    __import__(name)
    import sys

    try:
        sys.modules[name].write(ds, events, out)
    except ModuleNotFoundError as err:  # a broken install: the libraries are nkus's dependencies
        from nkus.errors import UsageError

        raise UsageError(f"{fmt} needs the {err.name} package: pip install {err.name}") from None
