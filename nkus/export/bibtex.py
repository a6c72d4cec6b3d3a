"""BibTeX (biblatex-flavoured, as Zotero, Pandoc and JabRef read it), written by `bibtexparser`:
one entry per source the chosen events and their claims cite. Text fields are LaTeX-escaped by
bibtexparser's encoder; addresses are kept as they are (`url` is verbatim in biblatex)."""

from __future__ import annotations

from nkus.export.biblio import authors, date_parts, notes, publisher_name, work_type
from nkus.query import bibliography
from nkus.text import printable

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

    from nkus.model import Dataset, Event, Source

_ENTRY_TYPES = {"article": "article", "report": "report", "webpage": "online"}


def _text_fields(ds: Dataset, s: Source) -> dict[str, str]:
    """The fields that hold prose, to be LaTeX-escaped. Each author is a field of its own
    (`author0`, …) so that each name can be braced whole after escaping."""
    kind = work_type(ds, s)
    fields = {"title": s.title}
    fields["journal" if kind == "article" else "publisher" if kind == "report" else "organization"] = publisher_name(
        ds, s
    )
    fields.update((f"author{i}", name) for i, name in enumerate(authors(s)))
    found = notes(ds, s)
    if found:
        fields["note"] = ". ".join(found)
    return fields


def _url(url: str) -> str:
    """An address fit for a braced BibTeX value: braces and backslashes percent-encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def write(ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares import LatexEncodingMiddleware
    from bibtexparser.model import Entry, Field

    encoding = LatexEncodingMiddleware()
    for n, s in enumerate(bibliography(ds, events)):  # one entry at a time
        # BibTeX has no control characters: they are dropped, and a line break is a space.
        fields = [Field(k, printable(v).replace("\n", " ").replace("\t", " ")) for k, v in _text_fields(ds, s).items()]
        library = encoding.transform(Library([Entry(_ENTRY_TYPES[work_type(ds, s)], s.id, fields)]))
        entry = library.entries[0]
        names = [f.value for f in entry.fields if f.key.startswith("author")]
        for key in [f.key for f in entry.fields if f.key.startswith("author")]:
            entry.pop(key)
        if names:  # braced whole: "Jeong Woo-sang" is not split into given and family names
            entry.set_field(Field("author", " and ".join(f"{{{n}}}" for n in names)))
        entry.set_field(Field("date", s.date))  # biblatex: as precise as known
        entry.set_field(Field("year", str(date_parts(s)[0])))  # classic BibTeX styles
        entry.set_field(Field("url", _url(s.url)))
        out.write((("\n\n" if n else "") + write_string(library)).encode("utf-8"))
