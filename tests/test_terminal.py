"""Every table and record on a real terminal, 60 to 200 columns wide, on the bundled dataset (its
long ids and words are what a narrow table has to hold): no line wider than the terminal, no word
cut in two, every id whole (in its column, or on a line of its own under its row)."""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from nkus.commands import COMMANDS
from tests.terminal import in_terminal
from tests.test_cli import ARGS, ONE_ARGS, PRINTING

WIDTHS = (60, 80, 120, 200)
DATA = Path(__file__).parent.parent / "data"
# Every listing with the arguments tests/test_cli.py gives it, and every record in full: the
# records of the mini dataset that test_cli shows have other ids in the bundled one.
LISTINGS = [[name, *ARGS[name]] for name in PRINTING]
RECORDS = {
    "summit": ["hanoi"], "agreements": ["singapore"], "objectives": ["obj-resume-talks"], "show": ["hanoi-2019"],
    "follows": ONE_ARGS["follows"],
}  # fmt: skip
CASES = [*LISTINGS, *([name, *args] for name, args in RECORDS.items()), ["claims", "--about", "hanoi"],
         ["search", "Yongbyon"]]  # fmt: skip
# Words a table writes itself: dates and counts in words, and its placeholders.
WRITTEN = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "early", "mid", "late",
    "events", "claims", "every", "kind", "nothing", "by", "chance", "of", "days", "none", "dated", "to", "the",
}  # fmt: skip
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
EDGES = "|,.;:()[]{}'\"«»…•~—“”‘’!?█"
NUMBER = re.compile(r"[\d.,%/+-]+")


def test_the_cases_cover_every_command_that_prints_a_table_or_a_record() -> None:
    assert {c[0] for c in CASES} == {n for n, c in COMMANDS.items() if c.all_fields()}
    assert sorted(RECORDS) == sorted(n for n, c in COMMANDS.items() if c.one)


def on_terminal(args: list[str], columns: int) -> str:
    """What `nkus ARGS` shows on a terminal `columns` wide, escapes stripped. COLUMNS is unset:
    nkus asks the terminal for its size."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "NKUS_DATA")}
    shown = in_terminal([sys.executable, "-m", "nkus", "--no-pager", *args], {**env, "TERM": "xterm"}, columns, False)
    return ESCAPE.sub("", shown).replace("\r", "")


@functools.cache
def _json(args: tuple[str, ...]) -> str:
    proc = subprocess.run([sys.executable, "-m", "nkus", *args, "--json"], capture_output=True, text=True, check=True)
    return proc.stdout


def as_json(args: list[str]) -> object:
    return json.loads(_json(tuple(args)))


def words(text: str) -> list[str]:
    """The words of `text` as a reader sees them: split at spaces and dashes of ranges, without the
    punctuation around them; numbers left out."""
    found = (w.strip(EDGES) for w in text.replace("–", " ").replace("«", "").replace("»", "").split())
    return [w for w in found if w and not NUMBER.fullmatch(w)]


def wide(word: str) -> bool:
    """Whether a word is in wide characters (Chinese, Japanese, Korean), which may break anywhere."""
    return any(unicodedata.east_asian_width(c) in "WF" for c in word)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@functools.cache
def vocabulary() -> tuple[frozenset[str], str]:
    """Every word of every value (and key) of the dataset's files and the words tables write; and
    the dataset's text, where a run of wide characters is looked for."""
    found, texts = set(WRITTEN), []
    for path in DATA.glob("*.json"):
        texts += _strings(json.loads(path.read_text(encoding="utf-8")))
    for text in texts:
        found.update(words(text))
    for command in COMMANDS.values():
        found.update(w for f in (*command.all_fields(), "record_type", "linked_from") for w in words(f))
    return frozenset(found), "\n".join(texts)


def width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def body(screen: str, record: bool) -> list[str]:
    """The lines of the cells: a record's fields (`record`: before its first blank line) and the
    rows under each header's rule, not the titles above them."""
    lines, out, inside = screen.splitlines(), [], record
    for line in lines:
        if set(line) == {"─"}:
            inside = True
        elif not line.strip():
            inside = False
        elif inside:
            out.append(line)
    return out


def row_ids(args: list[str]) -> list[str]:
    """The ids of the rows a listing prints (each row's `id`, or the events a pause or pair joins)."""
    doc = as_json(args)
    rows = doc if isinstance(doc, list) else []
    return [r[k] for r in rows for k in ("id", "from", "to", "cause", "effect") if isinstance(r.get(k), str)]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_a_table_fits_the_terminal_with_every_word_and_id_whole(args: list[str], columns: int) -> None:
    screen = on_terminal(args, columns)
    assert screen.strip(), args
    lines = screen.splitlines()
    assert max(width(line) for line in lines) <= columns, max(lines, key=width)
    known, text = vocabulary()
    known |= {w for value in _strings(as_json(args)) for w in words(value)}  # as made (a search's snippets)
    for line in body(screen, record=args[0] in RECORDS and args[1:] == RECORDS[args[0]]):
        cut = [w for w in words(line) if w not in known and not (wide(w) and w in text)]
        assert not cut, (cut, line)
    shown = {w.strip(EDGES) for line in lines for w in line.split()}
    missing = [i for i in row_ids(args) if i not in shown]
    assert not missing, missing


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_timeline_gives_the_title_room_and_each_event_its_id(columns: int) -> None:
    screen = on_terminal(["timeline"], columns)
    header = next(line for line in screen.splitlines() if line.startswith("date"))
    assert header.index("title") <= columns - 30  # at least 30 columns for the title, at every width
    assert len(body(screen, record=False)) <= 5 * len(row_ids(["timeline"]))


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("command", ["summit", "agreements"])
def test_summits_and_agreements_are_listed_a_few_lines_each(command: str, columns: int) -> None:
    rows = body(on_terminal([command], columns), record=False)
    ids = row_ids([command])
    at = [next(n for n, line in enumerate(rows) if i in line.split()) for i in ids]
    starts = [0, *(n + 1 for n in at[:-1])] if at[0] > 0 else at  # ids under their rows, or in them
    heights = [b - a for a, b in zip(starts, [*starts[1:], len(rows)], strict=True)]
    assert max(heights) <= 4, (heights, columns)
