"""What the bibliography exports (CSL-JSON, BibTeX, RIS) share: which sources, and each source's
bibliographic facts — its kind of work, container and date parts — in neutral terms. Authors are
data (`Source.authors`): each export writes them in its own form, never by parsing a string."""

from __future__ import annotations

from nkus.dates import parse_iso
from nkus.text import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from nkus.model import Dataset, Source

# Publisher kinds whose pages are articles in a periodical (the publisher is the container).
PERIODICAL_KINDS = ("wire", "newspaper", "broadcaster", "magazine")
# The kinds of work, and what each bibliography format calls it.
WORK_KINDS = ("newspaper", "magazine", "report", "webpage")


def one_line(text: str) -> str:
    """Text on one line without control characters, as BibTeX and RIS fields need it (a line
    break would end a RIS tag): controls dropped, every run of whitespace one space."""
    return " ".join(printable(text).split())


def work_type(ds: Dataset, s: Source) -> str:
    """`newspaper` or `magazine` (an article in a periodical: a news item by a wire, newspaper,
    broadcaster or magazine), `report` (an analysis) or `webpage` (anything else)."""
    kind = ds.publishers[s.publisher].kind
    if s.type == "news" and kind in PERIODICAL_KINDS:
        return "magazine" if kind == "magazine" else "newspaper"
    return "report" if s.type == "analysis" else "webpage"


def publisher_name(ds: Dataset, s: Source) -> str:
    return ds.publishers[s.publisher].name


def date_parts(s: Source) -> list[int]:
    """The publication date as far as it is known: [year], [year, month] or [year, month, day]."""
    d = parse_iso(s.date)
    return [x for x in (d.year, d.month, d.day) if x is not None]


def notes(ds: Dataset, s: Source) -> list[str]:
    """What a reader should know about a source: its note, and the original of a repost."""
    out = [s.note] if s.note else []
    if s.via:
        out.append(f"Reposted from {ds.publishers[s.via].name}.")
    return out


def note(ds: Dataset, s: Source) -> str:
    """The notes as one text, each sentence ending in one stop."""
    return " ".join(n if n.endswith((".", "!", "?")) else n + "." for n in notes(ds, s))
