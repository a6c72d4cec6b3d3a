"""What the bibliography exports (CSL-JSON, BibTeX, RIS) share: which sources, and each source's
bibliographic facts — its kind of work, authors, container and date parts — in neutral terms."""

from __future__ import annotations

import re

from nkus.dates import parse_iso

TYPE_CHECKING = False
if TYPE_CHECKING:
    from nkus.model import Dataset, Source

# Publisher kinds whose pages are articles in a periodical (the publisher is the container).
PERIODICAL_KINDS = ("wire", "newspaper", "broadcaster", "magazine")
_AUTHOR_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*")


def authors(s: Source) -> list[str]:
    """The names in a source's `author` ("A, B and C"), each as written: names are not split
    into given and family parts, since many (Korean, Chinese) put the family name first."""
    return [a for a in _AUTHOR_SPLIT.split(s.author) if a] if s.author else []


def work_type(ds: Dataset, s: Source) -> str:
    """`article` (a news item in a periodical), `report` (analysis) or `webpage`."""
    if s.type == "news" and ds.publishers[s.publisher].kind in PERIODICAL_KINDS:
        return "article"
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
        out.append(f"Reposted from {ds.publishers[s.via].name}")
    return out
