"""JSON text for row values, without importing `json`.

`import json` pulls in `re` and `enum`: about a third of the start-up of a repeated timeline query.
Rows hold only strings, integers, booleans, null, lists and string-keyed objects, which this writes
exactly as `json.dumps(value, ensure_ascii=False)` would (a test holds it to that); any other value
is handed to `json` itself.
"""

from __future__ import annotations

try:
    from _json import encode_basestring as _string  # the C function `json` itself uses
except ImportError:  # pragma: no cover - CPython always has _json
    from json.encoder import py_encode_basestring as _string

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from typing import Any


def dumps(value: Any, item_sep: str = ", ", key_sep: str = ": ") -> str:
    kind = type(value)
    if kind is str:
        text: str = _string(value)
        return text
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    if kind is int:
        return int.__repr__(value)
    if kind is list:
        return "[" + item_sep.join([dumps(v, item_sep, key_sep) for v in value]) + "]"
    if kind is dict and all(type(k) is str for k in value):
        return "{" + item_sep.join([_string(k) + key_sep + dumps(v, item_sep, key_sep) for k, v in value.items()]) + "}"
    import json

    return json.dumps(value, ensure_ascii=False, separators=(item_sep, key_sep))
