"""BibTeX for biblatex/biber and for classic BibTeX styles, written by `bibtexparser`: one entry per
source the chosen events and their claims cite, typed and filled as biblatex's data model has it.

Text is LaTeX-escaped by `pylatexenc` (bibtexparser's own encoder) with a rule for each character
TeX reads as markup (`SPECIALS`); every other character is written as it is, in UTF-8, which biber,
pandoc and LaTeX's inputenc read (a macro for each accent or dash would be lost on readers that don't
know it). Every word of a title that holds a
capital is braced (`_title`), so that styles which change a title's case ("U.S.-North Korea Talks" to
"U.s.-north korea talks") leave the words as published. Organisations are braced whole as authors,
so "Center for Strategic and International Studies" stays one name."""

from __future__ import annotations

from nkus.export.biblio import date_parts, note, one_line, publisher_name, work_type
from nkus.query import bibliography

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO

    from pylatexenc.latexencode import UnicodeToLatexEncoder

    from nkus.model import Dataset, Event, Name, Source

# biblatex requires an author of an @article and a @report: work with no byline is @online,
# with its publisher as the organization.
_TYPES = {"newspaper": "article", "magazine": "article", "report": "report", "webpage": "online"}
_CONTAINER = {"article": "journal", "report": "institution", "online": "organization"}
REPORT_TYPE = "Analysis"
SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip


def _title(encode: UnicodeToLatexEncoder, text: str) -> str:
    """Each word braced that holds a capital, or follows a stop or colon (where pandoc would start a
    sentence with a capital: "U.S. takes" is not "U.S. Takes")."""
    words = one_line(text).split(" ")
    return " ".join(
        f"{{{encode.unicode_to_latex(w)}}}"
        if any(c.isupper() for c in w) or before.endswith((".", ":", "?", "!"))
        else encode.unicode_to_latex(w)
        for before, w in zip(["", *words], words, strict=False)
    )


def _name(encode: UnicodeToLatexEncoder, n: Name) -> str:
    """biblatex's forms: "Family, Given" for a person, "{Name}" for an organisation."""
    if n.literal:
        return f"{{{encode.unicode_to_latex(one_line(n.literal))}}}"
    family = encode.unicode_to_latex(one_line(n.family))
    return f"{family}, {encode.unicode_to_latex(one_line(n.given))}" if n.given else family


def _url(url: str) -> str:
    """An address fit for a braced BibTeX value: braces and backslashes percent-encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def entry_type(ds: Dataset, s: Source) -> str:
    kind = _TYPES[work_type(ds, s)]
    return kind if s.authors or kind == "online" else "online"


def fields(ds: Dataset, s: Source, encode: UnicodeToLatexEncoder) -> dict[str, str]:
    kind = entry_type(ds, s)
    out = {"title": _title(encode, s.title)}
    if s.authors:
        out["author"] = " and ".join(_name(encode, n) for n in s.authors)
    out[_CONTAINER[kind]] = encode.unicode_to_latex(one_line(publisher_name(ds, s)))
    if kind == "report":
        out["type"] = REPORT_TYPE
    out["date"] = s.date  # biblatex: as precise as known
    out["year"] = str(date_parts(s)[0])  # classic BibTeX styles
    out["url"] = _url(s.url)
    text = note(ds, s)
    if text:
        out["note"] = encode.unicode_to_latex(one_line(text))
    return out


def write(ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.model import Entry, Field
    from pylatexenc.latexencode import RULE_DICT, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

    rule = UnicodeToLatexConversionRule(RULE_DICT, {ord(c): latex for c, latex in SPECIALS.items()})
    encode = UnicodeToLatexEncoder(
        conversion_rules=[rule], non_ascii_only=False, unknown_char_policy="keep", unknown_char_warning=False
    )
    for n, s in enumerate(bibliography(ds, events)):  # one entry at a time
        entry = Entry(entry_type(ds, s), s.id, [Field(k, v) for k, v in fields(ds, s, encode).items()])
        out.write((("\n\n" if n else "") + write_string(Library([entry]))).encode("utf-8"))
