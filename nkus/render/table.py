"""Tables for people at a terminal, drawn with Rich's text. Dataset text is printed literally: no
markup is parsed, control characters are made visible, and very long values are cut (machine formats
keep them whole). Words are never broken: text wraps at spaces, and ids are shown whole, in their
column or, where the terminal is too narrow for them beside the text, on a line under their row."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
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
# Columns of kinds, counts and other short values: kept whole on one line so they read at a glance.
SHORT = frozenset(
    {
        "precision", "kind", "key", "number", "type", "record_type", "cited_by", "missile_count", "lower", "upper",
        "events", "level", "strong", "publisher_kind", "published", "lag", "days", "score", "spectacle", "substance",
        "bearing", "dimension", "missiles", "unknown_counts", "time", "time_utc", "class", "of",
    }
)  # fmt: skip


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


# Columns of ids: shown whole or not at all. When the text would be left too little room, they
# move to a line of their own under each row, where a whole id can be copied into `nkus show`.
# A column listing ids, kinds or tags (words without spaces) is treated alike: never cut short.
IDS = frozenset({"id", "source", "from", "to", "cause", "effect", "claim", "summit", "event", "publisher", "site_id"})
# Dates in words: below COMPACT columns a range loses its spaces and may wrap, at most DATE_WIDTH wide.
DATES = frozenset({"date", "end", "date_utc", "from_date", "to_date", "cause_date", "effect_date"})
COMPACT = 80
DATE_WIDTH = 14
# A text cell (a title) in a listing is cut to MAX_LINES lines, so a row stays a glance.
MAX_LINES = 3
MIN_FLEX = 10
GAP = "  "  # between columns; a table has no edges, so its first column starts at the margin


def _word_width(word: str) -> int:
    """The columns a word needs on one line. Text in wide characters (Chinese, Japanese, Korean)
    may break between any two of them; only its runs of other characters need to stay whole."""
    if word.isascii() or all(cell_len(c) == 1 for c in word):
        return len(word)
    return max((len(run) for run in "".join(c if cell_len(c) == 1 else " " for c in word).split()), default=2)


def _longest_word(cells: Sequence[Text]) -> int:
    # Most text is ASCII, whose words are as wide as they are long: measured without looking at
    # each character, which a listing of ten thousand summaries would otherwise wait for.
    return max(
        (max(map(len, t.split()), default=0) if t.isascii() else max(map(_word_width, t.split()), default=0)
         for t in (c.plain for c in cells)),
        default=0,
    )  # fmt: skip


def _widest_line(text: Text) -> int:
    plain = text.plain
    return max(map(len if plain.isascii() else cell_len, plain.split("\n")))


class _Layout:
    """How a listing is drawn: its columns and their widths (`shown`), the fields that go on lines of
    their own under each row (`moved`), which columns may be cut short (`clip`), and where the moved
    fields start (`indent`: under the first text column)."""

    def __init__(self, rows: Sequence[Row], fields: Sequence[str], width: int, clip: bool) -> None:
        compact = width < COMPACT
        self.cells = {f: [cell(r, f) for r in rows] for f in fields}
        if compact:
            for f in DATES.intersection(fields):
                self.cells[f] = [Text(c.plain.replace(" – ", "–")) for c in self.cells[f]]
        listed = {
            f for f in fields if all(isinstance(r[f], list) and all(" " not in str(v) for v in r[f]) for r in rows)
        }
        whole = IDS | listed  # ids, and lists of them: whole, or moved out of the way
        text = [f for f in fields if f not in whole and f not in SHORT and f not in DATES]
        need, least = {}, {}
        for f, column in self.cells.items():
            need[f] = max([len(f), *map(_widest_line, column)])
            least[f] = need[f]
            if f in listed or f in text:
                least[f] = max(_longest_word(column), len(f), min(need[f], MIN_FLEX if f in text else 0))
            elif f in DATES and compact:
                least[f] = min(need[f], max(DATE_WIDTH, _longest_word(column), len(f)))
        fits = sum(need.values()) + len(GAP) * (len(fields) - 1) <= width
        fixed = {f: need[f] if fits else least[f] for f in fields if f not in text}
        shown, moved = list(fields), []

        def room() -> int:
            return width - len(GAP) * (len(shown) - 1) - sum(fixed[f] for f in shown if f not in text)

        # The text keeps at least half the width (or all it needs); ids give way first, then the
        # short columns from the last, dates last of all.
        want = max(sum(least[f] for f in text), min(sum(need[f] for f in text), width // 2))
        order = list(fields)
        for f in sorted(fixed, key=lambda f: (f not in whole, f in DATES, -order.index(f))):
            if room() >= want or len(shown) == 1:
                break
            shown.remove(f)
            moved.append(f)
        widths = {**fixed, **_shares(self.cells, text, need, least, room())}
        self.shown = {f: widths[f] for f in shown}
        self.moved = sorted(moved, key=lambda f: (f != "id", order.index(f)))
        self.clip = [clip and f in text for f in shown]
        first_text = next((n for n, f in enumerate(shown) if f in text), 0)
        self.indent = sum(w + len(GAP) for w in list(self.shown.values())[:first_text])


def _shares(
    cells: dict[str, list[Text]], text: list[str], need: dict[str, int], least: dict[str, int], room: int
) -> dict[str, int]:
    """The room for text columns: all of it for one; for several, in proportion to how much each
    has to say, none narrower than its longest word nor wider than it needs. Where even the longest
    words do not fit (a terminal narrower than a word), each gets its share and long words fold."""
    if not text:
        return {}
    if sum(least[f] for f in text) > room:
        total = sum(least[f] for f in text)
        return {f: max(1, room * least[f] // total) for f in text}
    if sum(need[f] for f in text) <= room:
        return {f: need[f] for f in text}
    said = {f: 1 + sum(len(c.plain) for c in cells[f]) for f in text}
    total = sum(said.values())
    out = {f: max(least[f], min(need[f], room * said[f] // total)) for f in text}
    while sum(out.values()) > room:  # the minimums pushed it over: take from the one with most to spare
        widest = max(out, key=lambda f: out[f] - least[f])
        out[widest] -= 1
    spare = room - sum(out.values())
    for f in sorted(text, key=lambda f: need[f] - out[f], reverse=True):  # give back what is left
        grow = min(spare, need[f] - out[f])
        out[f] += grow
        spare -= grow
    return out


def _wrap(text: Text, width: int, con: Console, clip: bool = False) -> list[Text]:
    """`text` wrapped at spaces to `width` (a word longer than that folds); with `clip`, at most
    MAX_LINES lines, the last ending in an ellipsis after its last whole word if cut."""
    lines = list(text.wrap(con, max(width, 1), overflow="fold"))
    for line in lines:
        line.rstrip()
    if not clip or len(lines) <= MAX_LINES:
        return lines
    last = lines[MAX_LINES - 1]
    words = last.plain.split(" ")
    while len(words) > 1 and cell_len(" ".join(words)) + 1 > width:
        words.pop()
    kept = len(" ".join(words))
    if cell_len(last.plain[:kept]) + 1 > width:  # one word fills the line: the ellipsis takes its place
        return [*lines[: MAX_LINES - 1], Text("…")]
    last.truncate(kept)
    last.append("…")
    return lines[:MAX_LINES]


def _row_lines(cells: Sequence[Text], layout: _Layout, con: Console, clip: Sequence[bool]) -> list[Text]:
    wrapped = [_wrap(c, w, con, cut) for w, c, cut in zip(layout.shown.values(), cells, clip, strict=True)]
    widths = list(layout.shown.values())
    lines = []
    for n in range(max(len(w) for w in wrapped)):
        line = Text()
        for i, (parts, w) in enumerate(zip(wrapped, widths, strict=True)):
            part = parts[n] if n < len(parts) else Text()
            line.append_text(part)
            if i < len(widths) - 1:
                line.append(" " * (w - part.cell_len) + GAP)
        line.rstrip()
        lines.append(line)
    return lines


def _moved(row: Row, moved: Sequence[str], width: int) -> list[str]:
    """The fields of a row that had no room in it: its id as it is, any other as `field: value`
    (an id that would not fit the line with its name goes without it)."""
    items = []
    for f in moved:
        value = cell(row, f).plain
        if value:
            named = f"{f}: {value}"
            items.append(value if f == "id" or (len(named) > width >= len(value)) else named)
    return items


def _moved_lines(items: Sequence[str], indent: int, con: Console, style: str) -> list[Text]:
    """`items` on as few lines as hold them, from `indent`; a list too long for one line wraps."""
    lines: list[str] = []
    for item in items:
        if lines and indent + len(lines[-1]) + len(GAP) + len(item) <= con.width:
            lines[-1] += GAP + item
        else:
            lines.append(item)
    return [
        Text(" " * indent, style=style) + part
        for line in lines
        for part in _wrap(Text(line, style=style), con.width - indent, con)
    ]


def write_rows(
    rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool, title: str
) -> None:
    _write_table(console(env), rows, fields, header, title, clip=True)


def _write_table(
    con: Console, rows: Sequence[Row], fields: Sequence[str], header: bool, title: str, clip: bool
) -> None:
    """A listing: a row of cells a record, their words whole; below a row, the ids (and any other
    fields) that had no room in it. `clip`: text is cut to a few lines a row."""
    width = con.width
    if not rows:
        con.print(Text(f"{title}: no rows" if title else "no rows"))
        return
    # Widths are decided over every row, so the columns stay put from one chunk to the next.
    layout = _Layout(rows, fields, width, clip)
    style = "dim" if con.color_system else ""
    head: list[Text] = []
    if title:
        head += [*_wrap(Text(title), width, con), Text()]
    if header:
        head += _row_lines([Text(f) for f in layout.shown], layout, con, [False] * len(layout.shown))
        head[-1].stylize("bold")
        head.append(Text("─" * min(width, sum(layout.shown.values()) + len(GAP) * (len(layout.shown) - 1))))
    columns = [layout.cells[f] for f in layout.shown]
    moved = [_moved(row, layout.moved, width) for row in rows]
    # The moved fields line up under the text, or further left where the longest would not fit there.
    indent = max(
        0, min([layout.indent, *(width - len(item) for items in moved for item in items if len(item) <= width)])
    )
    for start in range(0, len(rows), CHUNK):
        lines = head if start == 0 else []
        for n in range(start, min(start + CHUNK, len(rows))):
            lines += _row_lines([c[n] for c in columns], layout, con, layout.clip)
            lines += _moved_lines(moved[n], indent, con, style)
        con.print(Text("\n").join(lines), crop=False)
    con.print()


def _value_lines(name: str, value: Text, name_width: int, con: Console) -> list[Text]:
    """A field of a record in full: its value beside its name, or, where a word of it would not fit
    there (a long id, an address), on the lines under its name."""
    width = con.width
    room = width - name_width - len(GAP)
    label = Text(name, style="bold")
    if _longest_word([value]) <= room:
        lines = _wrap(value, room, con, clip=False) or [Text()]
        first = Text.assemble(label, " " * (name_width - len(name)) + GAP, lines[0])
        return [first, *(Text.assemble(" " * (name_width + len(GAP)), line) for line in lines[1:])]
    indent = 2 if _longest_word([value]) <= width - 2 else 0
    return [label, *(Text.assemble(" " * indent, line) for line in _wrap(value, width - indent, con, clip=False))]


def write_one(
    row: Row, fields: Sequence[str], fmt: str, env: Environment, sections: Sequence[Section], header: bool
) -> None:
    """A record in full: a field/value view, then its nested parts and `sections` as tables."""
    con = console(env)
    values = []
    nested = []  # lists of objects (disputes, evidence, provisions, verdicts) read better as tables
    for f in fields:
        value = row[f]
        if value in (None, [], {}, ""):
            continue
        if isinstance(value, list) and all(isinstance(v, dict) for v in value):
            nested.append((f, [Row(v) for v in value], list(dict.fromkeys(k for v in value for k in v))))
        elif isinstance(value, dict) and f not in row.human:
            values.append((f, Text(visible("\n".join(f"{k}: {flat(v, ', ')}" for k, v in value.items())))))
        else:
            values.append((f, cell(row, f)))
    name_width = max((len(f) for f, _ in values), default=0)
    con.print(Text("\n").join([line for f, v in values for line in _value_lines(f, v, name_width, con)]), crop=False)
    con.print()
    shown = {title.lower() for title, _, _ in sections}
    for title, rows, section_fields, clip in [
        *((*s, False) for s in nested if s[0] not in shown),  # parts of the record: in full
        *((*s, True) for s in sections),  # other records: a glance each
    ]:
        _write_table(con, rows, section_fields, header, title.capitalize() if title.islower() else title, clip)


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
