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

TYPE_CHECKING = False
if TYPE_CHECKING:
    from nkus.rows import Section

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
        "from",
        "to",
        "level",
        "strong",
        "publisher_kind",
        "time",
        "time_utc",
        "date_utc",
        "class",
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


# On a narrow terminal ids give way to text: cut to this share of the width, with an ellipsis.
ID_SHARE = 6
WRAPPED_DATES = frozenset({"date", "end"})
# Below this width a flexible cell (a title) is cut to MAX_LINES lines, so a row stays a glance.
NARROW = 100
MAX_LINES = 3
MIN_FLEX = 10
_PADDING = 2  # each column's padding in a SIMPLE_HEAD table, and one blank between columns
_EDGE = 2  # and the table's own edges


def _widths(rows: Sequence[Row], fields: Sequence[str], width: int) -> dict[str, int]:
    """Widths for the short columns (their widest cell, ids capped on a narrow terminal); the
    flexible columns share what is left."""
    out = {}
    for f in fields:
        if f in SHORT:
            widest = max([len(f), *(len(cell(r, f).plain) for r in rows)])
            if f in ("id", "source"):
                widest = min(widest, max(8, width // (ID_SHARE if width < NARROW else 4)))
            elif f in WRAPPED_DATES and width < NARROW:
                widest = min(widest, 15)  # a long range wraps onto a second line
            out[f] = widest
    return out


def _table(fields: Sequence[str], title: str, show_header: bool, widths: dict[str, int]) -> Table:
    table = Table(
        box=box.SIMPLE_HEAD,
        title=title or None,
        show_header=show_header,
        header_style="bold",
        title_justify="left",
        expand=False,
    )
    for f in fields:
        if f in SHORT:
            wraps = f in WRAPPED_DATES
            table.add_column(f, overflow="fold" if wraps else "ellipsis", no_wrap=not wraps, width=widths[f])
        else:
            table.add_column(f, overflow="fold", width=widths.get(f))
    return table


def _shares(rows: Sequence[Row], flexible: list[str], room: int) -> dict[str, int]:
    """The room for text columns: all of it for one; for several, in proportion to how much each
    has to say (at least MIN_FLEX each), none wider than it needs."""
    if not flexible or room < MIN_FLEX * len(flexible):
        return {}
    need = {f: max([len(f), *(len(cell(r, f).plain) for r in rows)]) for f in flexible}
    if sum(need.values()) <= room:
        return need
    said = {f: 1 + sum(len(cell(r, f).plain) for r in rows) for f in flexible}
    total = sum(said.values())
    out = {f: max(MIN_FLEX, min(need[f], room * said[f] // total)) for f in flexible}
    while sum(out.values()) > room:  # the minimums pushed it over: take from the widest
        widest = max(out, key=out.__getitem__)
        out[widest] -= 1
    spare = room - sum(out.values())
    for f in sorted(flexible, key=lambda f: need[f] - out[f], reverse=True):  # give back what is left
        grow = min(spare, need[f] - out[f])
        out[f] += grow
        spare -= grow
    return out


def _clip(text: Text, width: int, con: Console) -> Text:
    """At most MAX_LINES lines of `text` wrapped to `width`, the last ending in an ellipsis if cut."""
    lines = text.wrap(con, max(width, 1))
    if len(lines) <= MAX_LINES:
        return text
    kept = list(lines[:MAX_LINES])
    for line in kept:
        line.rstrip()
    kept[-1].truncate(max(width - 1, 0))
    kept[-1].rstrip()
    kept[-1].append("…")
    return Text("\n").join(kept)


def write_rows(
    rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool, title: str
) -> None:
    con = console(env)
    if not rows:
        con.print(Text(f"{title}: no rows" if title else "no rows"))
        return
    # Widths are decided over every row, so the columns stay put from one chunk to the next.
    widths = _widths(rows, fields, env.width)
    flexible = [f for f in fields if f not in widths]
    room = env.width - sum(widths.values()) - (_PADDING + 1) * len(fields) - _EDGE + 1
    shares = _shares(rows, flexible, room)
    for start in range(0, len(rows), CHUNK):
        table = _table(fields, title if start == 0 else "", header and start == 0, {**widths, **shares})
        for row in rows[start : start + CHUNK]:
            cells = [cell(row, f) for f in fields]
            if env.width < NARROW and shares:
                cells = [_clip(c, shares[f], con) if f in shares else c for f, c in zip(fields, cells, strict=True)]
            table.add_row(*cells)
        con.print(table)


def write_one(
    row: Row, fields: Sequence[str], fmt: str, env: Environment, sections: Sequence[Section], header: bool
) -> None:
    """A record in full: a field/value view, then its nested parts and `sections` as tables."""
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
        write_rows(rows, section_fields, "table", env, header, title.capitalize() if title.islower() else title)


def write_compare(rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool) -> None:
    """Records as columns and fields as rows: how summits and agreements are compared."""
    names = [str(r["id"]) for r in rows]
    table = Table(box=box.SIMPLE_HEAD, show_lines=True, show_header=header)
    table.add_column("", style="bold", no_wrap=True)
    for name in names:
        table.add_column(name, overflow="fold", ratio=1)
    for f in fields:
        table.add_row(f, *(cell(r, f) for r in rows))
    console(env).print(table)
