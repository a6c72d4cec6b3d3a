"""Output formats. Each module writes the same rows; only `table` imports Rich."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence

    from nkus.env import Environment
    from nkus.rows import Row

FORMATS = ("table", "tsv", "csv", "json", "jsonl", "md")
_MODULES = {
    "table": "table",
    "tsv": "delimited",
    "csv": "delimited",
    "json": "jsonout",
    "jsonl": "jsonout",
    "md": "markdown",
}


def resolve_format(fmt: str | None, as_json: bool, env: Environment) -> str:
    """The format asked for (`--format`, `--json`), else table on a terminal and tsv elsewhere."""
    from nkus.errors import UsageError

    if as_json:
        if fmt not in (None, "json"):
            raise UsageError(f"--json conflicts with --format {fmt}")
        fmt = "json"
    fmt = (fmt or ("table" if env.is_tty else "tsv")).lower()
    if fmt not in FORMATS:
        from nkus.filters import suggest

        raise UsageError(f"unknown format '{fmt}'{suggest(fmt, FORMATS)} (formats: {', '.join(FORMATS)})")
    return fmt


def write(
    rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool = True, title: str = ""
) -> None:
    name = f"nkus.render.{_MODULES[fmt]}"
    __import__(name)  # importlib.import_module would import `importlib`, which costs start-up time
    sys.modules[name].write(rows, fields, fmt, env, header, title)


def write_one(
    row: Row,
    fields: Sequence[str],
    fmt: str,
    env: Environment,
    sections: Sequence[tuple[str, Sequence[Row], Sequence[str]]] = (),
    header: bool = True,
) -> None:
    """One record in full: a JSON object, or in a table a field/value view followed by sections."""
    if fmt == "table":
        from nkus.render.table import write_record

        write_record(row, fields, sections, env, header)
    elif fmt == "json":
        from nkus.render.jsonout import write_object

        write_object(row, fields, env.stdout)
    else:
        write([row], fields, fmt, env, header)
