"""JSON (an array, one object per line so it streams and greps) and JSON Lines.

Valid JSON whatever the output's encoding: a stream that cannot hold every character (an ASCII
locale, `PYTHONIOENCODING=ascii`) gets `\\u` escapes, never the stream's own replacement."""

from __future__ import annotations

from nkus.render.encode import UNSEEN, dumps

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence

    from nkus.env import Environment
    from nkus.rows import Row, Section


def write_rows(
    rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool, title: str
) -> None:
    out, ascii = env.stdout, not env.unicode
    if fmt == "jsonl":
        for row in rows:
            out.write(dumps({f: row[f] for f in fields}, ascii=ascii) + "\n")
        return
    if not rows:
        out.write("[]\n")
        return
    for n, row in enumerate(rows):
        out.write(("[" if n == 0 else ",\n ") + dumps({f: row[f] for f in fields}, ascii=ascii))
    out.write("]\n")


def write_one(
    row: Row, fields: Sequence[str], fmt: str, env: Environment, sections: Sequence[Section], header: bool
) -> None:
    """One record: an indented object in JSON, one line in JSON Lines."""
    if fmt == "jsonl":
        write_rows([row], fields, fmt, env, header, "")
        return
    import json  # one record, for a person: start-up matters less than in a script's loop

    text = json.dumps({f: row[f] for f in fields}, ensure_ascii=not env.unicode, indent=2).translate(UNSEEN)
    env.stdout.write(text + "\n")
