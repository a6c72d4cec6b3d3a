"""Turning row values into cell text for the flat formats (CSV, TSV, Markdown, tables)."""

from __future__ import annotations

import json
import re

from nkus.rows import Value

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def flat(value: Value, sep: str = ";") -> str:
    """Lists of plain values are joined with `sep`; objects become compact JSON; null is empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(isinstance(v, str | int) for v in value):
        return sep.join(str(v) for v in value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def visible(text: str) -> str:
    """Control characters (escape sequences included) shown as `\\xNN` so none reach a terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text.replace("\t", " "))
