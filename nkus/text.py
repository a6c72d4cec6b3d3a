"""Making untrusted text safe to show: on a terminal, in a file other programs read.

Dataset text may hold characters that act rather than show: C0 and C1 controls (escape sequences
that move the cursor, retitle the window or clear the screen), DEL, bidirectional overrides that
reorder what is shown, and zero-width characters that hide in it.
"""

from __future__ import annotations

CONTROLS = (*range(0x20), *range(0x7F, 0xA0))
# Bidirectional formatting characters and zero-width characters.
INVISIBLE = (
    0x061C,
    0x200B,
    0x200C,
    0x200D,
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    0x2060,
    *range(0x2066, 0x206A),
    0xFEFF,
)
# Every control character as `\xNN`, every invisible one as `\uNNNN`.
_ESCAPES = {c: f"\\x{c:02x}" for c in CONTROLS} | {c: f"\\u{c:04x}" for c in INVISIBLE}
_TABLES: dict[str, dict[int, str]] = {"": _ESCAPES}
# For formats with rules of their own (calendars, bibliographies): the characters they forbid,
# deleted; a tab or a line break stays.
_FORBIDDEN = dict.fromkeys(c for c in (*CONTROLS, *INVISIBLE) if c not in (0x09, 0x0A))


def visible(text: str, keep: str = "") -> str:
    """Control characters (escape sequences and line breaks included) as `\\xNN`, except those in `keep`."""
    table = _TABLES.get(keep)
    if table is None:
        table = _TABLES[keep] = {c: e for c, e in _ESCAPES.items() if chr(c) not in keep}
    return text.translate(table)


def printable(text: str) -> str:
    """`text` without control, bidirectional or zero-width characters (tabs and line breaks stay)."""
    return text.translate(_FORBIDDEN)
