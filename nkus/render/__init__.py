"""Output formats, declared once. Each is a module of this package with the same two functions,
fed the same rows:

    write_rows(rows, fields, fmt, env, header, title)   a listing
    write_one(row, fields, fmt, env, sections, header)  one record in full

A module may add `write_compare(rows, fields, fmt, env, header)` for records side by side; the
others show them as a listing. Only `table` imports Rich.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence
    from types import ModuleType

    from nkus.env import Environment
    from nkus.rows import Row, Section

# name: (module, what it is for). The order is the order --help lists them in.
REGISTRY = {
    "table": ("table", "a table for reading on a terminal (the default there)"),
    "tsv": ("delimited", "tab-separated, one record a line (the default in a pipe)"),
    "csv": ("delimited", "RFC 4180 comma-separated values, for spreadsheets"),
    "json": ("jsonout", "a JSON array of objects (one object for one record)"),
    "jsonl": ("jsonout", "JSON Lines: one object a line"),
    "md": ("markdown", "a Markdown table, for reports"),
}
FORMATS = tuple(REGISTRY)


def resolve_format(fmt: str | None, as_json: bool, env: Environment) -> str:
    """The format asked for (`--format`, `--json`), else table on a terminal and tsv elsewhere."""
    from nkus.errors import UsageError

    if as_json:
        if fmt not in (None, "json"):
            raise UsageError(f"{{as_json}} conflicts with {{fmt}} {fmt}", "as_json", "fmt")
        fmt = "json"
    fmt = (fmt or ("table" if env.is_tty else "tsv")).lower()
    if fmt not in FORMATS:
        from nkus.names import unknown

        raise UsageError(unknown("format", fmt, FORMATS))
    return fmt


def renderer(fmt: str) -> ModuleType:
    name = f"nkus.render.{REGISTRY[fmt][0]}"
    __import__(name)  # importlib.import_module would import `importlib`, which costs start-up time
    return sys.modules[name]


def write(
    rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool = True, title: str = ""
) -> None:
    renderer(fmt).write_rows(rows, fields, fmt, env, header, title)


def write_one(
    row: Row, fields: Sequence[str], fmt: str, env: Environment, sections: Sequence[Section] = (), header: bool = True
) -> None:
    renderer(fmt).write_one(row, fields, fmt, env, sections, header)


def can_compare(fmt: str) -> bool:
    """Whether the format shows records side by side (else as a listing)."""
    return hasattr(renderer(fmt), "write_compare")


def write_compare(rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool = True) -> None:
    renderer(fmt).write_compare(rows, fields, fmt, env, header)
