"""CSL-JSON (the Citation Style Language's data format, read by Zotero, Pandoc and citeproc): an
array of items, one per source the chosen events and their claims cite."""

from __future__ import annotations

import json

from nkus.export.biblio import date_parts, note, publisher_name, work_type
from nkus.query import bibliography
from nkus.render.encode import UNSEEN

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, BinaryIO

    from nkus.model import Dataset, Event, Name, Source

_CSL_TYPES = {
    "newspaper": "article-newspaper",
    "magazine": "article-magazine",
    "report": "report",
    "webpage": "webpage",
}


def name(n: Name) -> dict[str, Any]:
    """An organisation is a `literal` name; a person has `family` and `given`, and a name written
    family name first keeps that order (`static-ordering`, which citeproc-js and pandoc honour)."""
    if n.literal:
        return {"literal": n.literal}
    out: dict[str, Any] = {"family": n.family}
    if n.given:
        out["given"] = n.given
    if n.family_first:
        out["static-ordering"] = True
    return out


def item(ds: Dataset, s: Source) -> dict[str, Any]:
    kind = work_type(ds, s)
    out: dict[str, Any] = {"id": s.id, "type": _CSL_TYPES[kind], "title": s.title}
    if s.authors:
        out["author"] = [name(n) for n in s.authors]
    # A periodical is the container of its articles; anything else is published by it.
    out["container-title" if kind in ("newspaper", "magazine") else "publisher"] = publisher_name(ds, s)
    out["issued"] = {"date-parts": [date_parts(s)]}
    out["URL"] = s.url
    text = note(ds, s)
    if text:
        out["note"] = text
    return out


def write(ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    """The items, written one at a time, with control, bidirectional and zero-width characters as
    \\u escapes (`UNSEEN`): the same text."""
    out.write(b"[")
    for n, s in enumerate(bibliography(ds, events)):
        text = json.dumps([item(ds, s)], ensure_ascii=False, indent=2)[2:-2].translate(UNSEEN)  # as in the list
        out.write(((",\n" if n else "\n") + text).encode("utf-8"))
    out.write(b"\n]\n")
