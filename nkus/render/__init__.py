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


def default_format(env: Environment) -> str:
    return "table" if env.is_tty else "tsv"


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
) -> None:
    """One record in full: a JSON object, or in a table a field/value view followed by sections."""
    if fmt == "table":
        from nkus.render.table import write_record

        write_record(row, fields, sections, env)
    elif fmt == "json":
        from nkus.render.jsonout import write_object

        write_object(row, fields, env.stdout)
    else:
        write([row], fields, fmt, env)
