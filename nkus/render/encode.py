"""JSON text for row values, without importing `json`.

`import json` pulls in `re` and `enum`: about a third of the start-up of a repeated timeline query.
Rows hold only strings, integers, booleans, null, lists and string-keyed objects, which this writes
exactly as `json.dumps(value, ensure_ascii=...)` would (a test holds it to that); any other value
is handed to `json` itself.
"""

from __future__ import annotations

try:
    from _json import encode_basestring as _string  # the C functions `json` itself uses
    from _json import encode_basestring_ascii as _ascii_string
except ImportError:  # pragma: no cover - CPython always has _json
    from json.encoder import py_encode_basestring as _string
    from json.encoder import py_encode_basestring_ascii as _ascii_string

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from typing import Any


def dumps(value: Any, item_sep: str = ", ", key_sep: str = ": ", ascii: bool = False) -> str:
    """`ascii`: every character past ASCII as a `\\u` escape, for a stream that cannot encode it."""
    return _dumps(value, item_sep, key_sep, _ascii_string if ascii else _string)


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

    return json.dumps(value, ensure_ascii=string is _ascii_string, separators=(item_sep, key_sep))
