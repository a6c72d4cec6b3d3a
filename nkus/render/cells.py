"""Turning row values into cell text for the flat formats (CSV, TSV, Markdown, tables)."""

from __future__ import annotations

from nkus import text
from nkus.render.encode import dumps

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from nkus.rows import Row, Value


def flat(value: Value, sep: str = ";") -> str:
    """Lists of plain values are joined with `sep`; objects become compact JSON; null is empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return sep.join(str(v) for v in value)
    if isinstance(value, list | dict):
        return dumps(value, ",", ":")
    return str(value)


def field_text(row: Row, field: str, sep: str = ";") -> str:
    """A field's cell text: `flat`, except that citations (`--cite`) take their compact form,
    `Publisher, “Title”, date, address`, joined with `sep`."""
    value = row[field]
    if field == "citations" and isinstance(value, list):
        from nkus.rows import citation_text

        return sep.join(citation_text(c) for c in value)
    return flat(value, sep)


def visible(value: str) -> str:
    """Cell text with no control character left to reach a terminal; line breaks stay breaks."""
    return text.visible(value.replace("\t", " "), keep="\n")
