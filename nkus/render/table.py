"""Rich tables for people at a terminal. Dataset text is printed literally: no markup is parsed,
control characters are made visible, and very long values are cut (machine formats keep them whole)."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from nkus.env import Environment
from nkus.render.cells import flat, visible
from nkus.rows import Row

MAX_CELL = 2000
# Rows are drawn in chunks so the first screenful appears at once however long the listing is.
CHUNK = 200
# Columns that hold ids, dates, kinds and counts: kept on one line so they read at a glance.
SHORT = frozenset(
    {
        "id",
        "date",
        "end",
        "precision",
        "kind",
        "key",
        "number",
        "type",
        "cited_by",
        "missile_count",
        "lower",
        "upper",
        "source",
        "events",
    }
)


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Hand the closed pipe to the CLI, which ends quietly with success like every other format.
        self.quiet = True
        raise BrokenPipeError


def console(env: Environment) -> Console:
    return _Console(
        file=env.stdout,
        width=env.width,
        color_system="standard" if env.color else None,
        force_terminal=env.color,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
    )


def cell(row: Row, field: str) -> Text:
    text = row.human.get(field) or flat(row[field], ", ")
    if len(text) > MAX_CELL:
        text = text[: MAX_CELL - 1] + "…"
    return Text(visible(text))


def _table(fields: Sequence[str], title: str, show_header: bool) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        title=title or None,
        show_header=show_header,
        header_style="bold",
        title_justify="left",
        expand=False,
    )
    for f in fields:
        short = f in SHORT
        table.add_column(f, overflow="fold", no_wrap=short, ratio=None if short else 1)
    return table


def write(rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool, title: str) -> None:
    con = console(env)
    if not rows:
        con.print(Text(f"{title}: no rows" if title else "no rows"))
        return
    for start in range(0, len(rows), CHUNK):
        table = _table(fields, title if start == 0 else "", header and start == 0)
        for row in rows[start : start + CHUNK]:
            table.add_row(*(cell(row, f) for f in fields))
        con.print(table)


def write_record(
    row: Row, fields: Sequence[str], sections: Sequence[tuple[str, Sequence[Row], Sequence[str]]], env: Environment
) -> None:
    con = console(env)
    table = Table(box=box.SIMPLE, show_header=False)
    table.add_column("field", style="bold", no_wrap=True)
    table.add_column("value", overflow="fold")
    nested = []  # lists of objects (disputes, evidence, provisions, verdicts) read better as tables
    for f in fields:
        value = row[f]
        if value in (None, [], {}, ""):
            continue
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            nested.append((f, [Row(v) for v in value], list(dict.fromkeys(k for v in value for k in v))))
        elif isinstance(value, dict) and f not in row.human:
            table.add_row(f, Text(visible("\n".join(f"{k}: {flat(v, ', ')}" for k, v in value.items()))))
        else:
            table.add_row(f, cell(row, f))
    con.print(table)
    shown = {title.lower() for title, _, _ in sections}
    for title, rows, section_fields in [*(s for s in nested if s[0] not in shown), *sections]:
        write(rows, section_fields, "table", env, True, title.capitalize() if title.islower() else title)


def write_side_by_side(rows: Sequence[Row], fields: Sequence[str], names: Sequence[str], env: Environment) -> None:
    """Records as columns and fields as rows: how summits are compared."""
    table = Table(box=box.SIMPLE_HEAD, show_lines=True)
    table.add_column("", style="bold", no_wrap=True)
    for name in names:
        table.add_column(name, overflow="fold", ratio=1)
    for f in fields:
        table.add_row(f, *(cell(r, f) for r in rows))
    console(env).print(table)
