"""`nkus export FORMAT`: the chosen events (and what they cite) written as a file other tools
read. Each format is a module here with `write(ds, events, out)`; each imports its library only
when called, so exports add nothing to the start-up of other commands."""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

    from nkus.model import Dataset, Event

# format name: (module, file suffix). A module's `write(ds, events, out)` writes to `out`.
EXPORTS: dict[str, tuple[str, str]] = {
    "ics": ("ics", ".ics"),
    "timelinejs": ("timelinejs", ".json"),
    "csl-json": ("csl", ".json"),
    "bibtex": ("bibtex", ".bib"),
    "ris": ("ris", ".ris"),
    "sqlite": ("sqlite", ".db"),
    "html": ("html", ".html"),
}
# Formats that cannot go to stdout (a database is a file): `-o FILE` is required.
FILE_ONLY = frozenset({"sqlite"})


def names() -> list[str]:
    return sorted(EXPORTS)


def write(fmt: str, ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    module_name, _ = EXPORTS[fmt]
    name = f"nkus.export.{module_name}"
    __import__(name)
    import sys

    try:
        sys.modules[name].write(ds, events, out)
    except ModuleNotFoundError as err:  # a broken install: the libraries are nkus's dependencies
        from nkus.errors import UsageError

        raise UsageError(f"{fmt} needs the {err.name} package: pip install {err.name}") from None
