"""Making untrusted text safe to show on a terminal."""

from __future__ import annotations

# Every C0 and C1 control character, and DEL, as `\xNN`.
_ESCAPES = {c: f"\\x{c:02x}" for c in (*range(0x20), *range(0x7F, 0xA0))}
_TABLES: dict[str, dict[int, str]] = {"": _ESCAPES}


def visible(text: str, keep: str = "") -> str:
    """Control characters (escape sequences and line breaks included) as `\\xNN`, except those in `keep`."""
    table = _TABLES.get(keep)
    if table is None:
        table = _TABLES[keep] = {c: e for c, e in _ESCAPES.items() if chr(c) not in keep}
    return text.translate(table)
