"""JSON (an array, one object per line so it streams and greps) and JSON Lines."""

from __future__ import annotations

from nkus.render.encode import dumps

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO

    from nkus.env import Environment
    from nkus.rows import Row


def _dump(row: Row, fields: Sequence[str]) -> str:
    return dumps({f: row[f] for f in fields})


def write(rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool, title: str) -> None:
    out = env.stdout
    if fmt == "jsonl":
        for row in rows:
            out.write(_dump(row, fields) + "\n")
        return
    if not rows:
        out.write("[]\n")
        return
    for n, row in enumerate(rows):
        out.write(("[" if n == 0 else ",\n ") + _dump(row, fields))
    out.write("]\n")


def write_object(row: Row, fields: Sequence[str], out: TextIO) -> None:
    import json  # one record, for a person: start-up matters less than in a script's loop

    out.write(json.dumps({f: row[f] for f in fields}, ensure_ascii=False, indent=2) + "\n")
