"""RIS (the tagged format Zotero, EndNote and Mendeley import), written by `rispy`: one record
per source the chosen events and their claims cite."""

from __future__ import annotations

from nkus.export.biblio import date_parts, notes, one_line, publisher_name, work_type
from nkus.query import bibliography

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, BinaryIO

    from nkus.model import Dataset, Event, Name, Source

_RIS_TYPES = {"newspaper": "NEWS", "magazine": "MGZN", "report": "RPRT", "webpage": "ELEC"}


def name(n: Name) -> str:
    """RIS's form: "Family, Given" for a person (so that readers never reverse "Jeong Woo-sang"),
    an organisation's name as written."""
    if n.literal:
        return n.literal
    return f"{n.family}, {n.given}" if n.given else n.family


def record(ds: Dataset, s: Source) -> dict[str, Any]:
    kind = work_type(ds, s)
    parts = date_parts(s)
    out: dict[str, Any] = {"type_of_reference": _RIS_TYPES[kind], "id": s.id, "title": s.title}
    if s.authors:
        out["authors"] = [name(n) for n in s.authors]
    if kind in ("newspaper", "magazine"):
        out["secondary_title"] = publisher_name(ds, s)  # T2: the newspaper or wire
    else:
        out["publisher"] = publisher_name(ds, s)
    out["year"] = str(parts[0])
    # DA: YYYY/MM/DD/ with the parts that are not known left empty
    out["date"] = "/".join([f"{parts[0]:04d}", *(f"{p:02d}" for p in parts[1:])] + [""] * (4 - len(parts)))
    out["urls"] = [s.url]
    found = notes(ds, s)
    if found:
        out["notes"] = found
    return out


def _one_line(value: Any) -> Any:
    """A tag's value, or each of a list of them, on one line (`biblio.one_line`)."""
    return [one_line(v) for v in value] if isinstance(value, list) else one_line(value)


def write(ds: Dataset, events: list[Event], out: BinaryIO) -> None:
    import rispy
    from rispy.writer import RisWriter

    class Writer(RisWriter):  # type: ignore[misc]
        def set_header(self, count: int) -> str:
            return ""  # no "1." line before each record: not part of RIS

    for n, s in enumerate(bibliography(ds, events)):  # one record at a time
        text = rispy.dumps([{k: _one_line(v) for k, v in record(ds, s).items()}], implementation=Writer)
        out.write((("\n" if n else "") + text).encode("utf-8"))
