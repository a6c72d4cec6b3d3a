"""CSL-JSON (the Citation Style Language's data format, read by Zotero, Pandoc and citeproc): an
array of items, one per source the chosen events and their claims cite."""

from __future__ import annotations

import json

from nkus.export.biblio import authors, date_parts, notes, publisher_name, work_type
from nkus.query import bibliography
from nkus.render.encode import UNSEEN

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, BinaryIO

    from nkus.model import Dataset, Event, Source

_CSL_TYPES = {"article": "article-newspaper", "report": "report", "webpage": "webpage"}


def item(ds: Dataset, s: Source) -> dict[str, Any]:
    kind = work_type(ds, s)
    csl_type = _CSL_TYPES[kind]
    if kind == "article" and ds.publishers[s.publisher].kind == "magazine":
        csl_type = "article-magazine"
    out: dict[str, Any] = {"id": s.id, "type": csl_type, "title": s.title}
    names = authors(s)
    if names:
        out["author"] = [{"literal": n} for n in names]
    # A periodical is the container of its articles; anything else is published by it.
    out["container-title" if kind == "article" else "publisher"] = publisher_name(ds, s)
    out["issued"] = {"date-parts": [date_parts(s)]}
    out["URL"] = s.url
    found = notes(ds, s)
    if found:
        out["note"] = ". ".join(found)
    return out


def write(ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    """The items, written one at a time, with control, bidirectional and zero-width characters as
    \\u escapes (`UNSEEN`): the same text."""
    out.write(b"[")
    for n, s in enumerate(bibliography(ds, events)):
        text = json.dumps([item(ds, s)], ensure_ascii=False, indent=2)[2:-2].translate(UNSEEN)  # as in the list
        out.write(((",\n" if n else "\n") + text).encode("utf-8"))
    out.write(b"\n]\n")
