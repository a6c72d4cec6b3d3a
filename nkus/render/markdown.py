"""A GitHub-flavoured Markdown table: pipes and line breaks inside values are escaped."""

from __future__ import annotations

from collections.abc import Sequence

from nkus.env import Environment
from nkus.render.cells import flat, visible
from nkus.rows import Row


def _cell(text: str) -> str:
    return visible(text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>"))


def write(rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool, title: str) -> None:
    out = env.stdout
    out.write("| " + " | ".join(fields) + " |\n")
    out.write("|" + "|".join(" --- " for _ in fields) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(_cell(flat(row[f], ", ")) for f in fields) + " |\n")
