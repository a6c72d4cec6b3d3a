"""JSON text for row values, without importing `json`.

`import json` pulls in `re` and `enum`: about a third of the start-up of a repeated timeline query.
Rows hold only strings, integers, booleans, null, lists and string-keyed objects, which this writes
as `json.dumps(value, ensure_ascii=...)` would (a test holds it to that), but for the characters
in `UNSEEN`, which it writes as escapes; any other value is handed to `json` itself.
"""

from __future__ import annotations

try:
    from _json import encode_basestring as _string  # the C functions `json` itself uses
    from _json import encode_basestring_ascii as _ascii_string
except ImportError:  # pragma: no cover - CPython always has _json
    from json.encoder import py_encode_basestring as _string
    from json.encoder import py_encode_basestring_ascii as _ascii_string

from nkus.text import INVISIBLE

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from typing import Any

# Beyond what JSON itself escapes: DEL, the C1 controls, bidirectional and zero-width characters,
# as `\\u` escapes, so a JSON reader gets the same text and a terminal shown the JSON acts on none.
UNSEEN = {c: f"\\u{c:04x}" for c in (0x7F, *range(0x80, 0xA0), *INVISIBLE)}


def _safe(text: str) -> str:
    quoted: str = _string(text)
    return quoted if text.isascii() and "\x7f" not in text else quoted.translate(UNSEEN)


def _safe_ascii(text: str) -> str:
    quoted: str = _ascii_string(text)
    return quoted.replace("\x7f", "\\u007f") if "\x7f" in text else quoted


def dumps(value: Any, item_sep: str = ", ", key_sep: str = ": ", ascii: bool = False) -> str:
    """`ascii`: every character past ASCII as a `\\u` escape, for a stream that cannot encode it."""
    return _dumps(value, item_sep, key_sep, _safe_ascii if ascii else _safe)


def _dumps(value: Any, item_sep: str, key_sep: str, string: Any) -> str:
    kind = type(value)
    if kind is str:
        text: str = string(value)
        return text
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is list:
        return "[" + item_sep.join([_dumps(v, item_sep, key_sep, string) for v in value]) + "]"
    if kind is dict and all(type(k) is str for k in value):
        parts = [string(k) + key_sep + _dumps(v, item_sep, key_sep, string) for k, v in value.items()]
        return "{" + item_sep.join(parts) + "}"
    import json

    return json.dumps(value, ensure_ascii=string is _safe_ascii, separators=(item_sep, key_sep)).translate(UNSEEN)
