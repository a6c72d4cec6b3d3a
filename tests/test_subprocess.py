"""Real processes: pipes, terminals, colour and import cost, as a user's shell sees them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate
from tests.conftest import MINI
from tests.terminal import in_terminal

NKUS = [sys.executable, "-m", "nkus"]


def env(**extra: str) -> dict[str, str]:
    """The environment of a run: no pager unless a test asks for one (a pager on a pseudo-terminal
    would wait for a key)."""
    base = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "NKUS_DATA", "COLUMNS")}
    return {**base, "NKUS_PAGER": "", **extra}


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(3000, tmp_path_factory.mktemp("big") / "data")


@pytest.mark.parametrize("fmt", ["tsv", "json", "jsonl", "csv", "md", "table"])
def test_piping_into_head_ends_quietly(big: Path, fmt: str) -> None:
    shell = f"{' '.join(NKUS)} --data {big} timeline --format {fmt} | head -1"
    proc = subprocess.run(
        ["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, env=env(), timeout=60
    )
    assert proc.stderr == ""
    assert proc.returncode == 0
    assert len(proc.stdout.splitlines()) == 1


def test_piped_output_is_plain_tsv_without_escape_codes() -> None:
    proc = subprocess.run([*NKUS, "timeline"], capture_output=True, text=True, env=env(FORCE_COLOR=""), timeout=60)
    assert proc.returncode == 0 and proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("id\tdate\tend\tprecision\tkind")
    assert all(line.count("\t") == 8 for line in lines)
    assert "\x1b" not in proc.stdout


def run_in_terminal(args: list[str], **extra: str) -> str:
    return in_terminal(args, env(**{"COLUMNS": "120", "TERM": "xterm", **extra}))


def test_a_terminal_gets_a_table_and_no_color_is_honoured() -> None:
    args = [*NKUS, "--data", str(MINI), "timeline"]
    table = run_in_terminal(args)
    assert "─" in table and "12 Jun 2018" in table
    assert "\x1b[" in table  # styled header on a real terminal
    assert "\x1b[" not in run_in_terminal(args, NO_COLOR="1")
    assert "\x1b[" not in run_in_terminal([*args[:-1], "--no-color", "timeline"])


# Libraries of exports and charts: only the command that needs one imports it.
FORMAT_LIBS = ("icalendar", "bibtexparser", "rispy", "sqlite_utils", "vl_convert", "matplotlib")


@pytest.mark.parametrize(
    ("command", "heavy"),
    [
        (
            "['timeline', '--format', 'json']",
            ("rich", "typer", "rapidfuzz", "sqlite3", "unicodedata", *FORMAT_LIBS, "jinja2", "markupsafe"),
        ),
        (
            "['timeline', '--search', 'Kim Jong-un', '--format', 'json']",
            ("rich", "typer", "rapidfuzz", "sqlite3", "jinja2"),
        ),
        ("['timeline', '--kind', 'missile-test']", ("rich", "typer", *FORMAT_LIBS, "jinja2", "markupsafe")),
        ("['claims', '--format', 'csv']", ("rich", *FORMAT_LIBS, "jinja2", "markupsafe")),
        ("['summit', '--json']", ("rich", *FORMAT_LIBS, "jinja2", "markupsafe")),
        ("['stats', '--by', 'month', '--format', 'json']", ("rich", *FORMAT_LIBS, "jinja2", "markupsafe")),
        ("['timeline', '--cite', '--format', 'md', '-n', '3']", ("rich", *FORMAT_LIBS, "jinja2", "markupsafe")),
        ("['export', 'csl-json']", ("rich", *FORMAT_LIBS, "jinja2", "markupsafe")),
    ],
)
def test_machine_formats_do_not_import_rich(command: str, heavy: tuple[str, ...]) -> None:
    code = (
        "import sys; from nkus.entry import main; "
        f"rc = main({command}); "
        "sys.stdout.flush(); "
        f"loaded = sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}); "
        "print(loaded, file=sys.stderr); sys.exit(rc or bool(loaded))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "[]"


@pytest.mark.parametrize(
    "query",
    [
        "['timeline', '--from', '2019-05', '--kind', 'missile-test', '--format', 'jsonl']",
        "['timeline', '--from', '2019-05', '--search', 'Kim Jong-un', '--format', 'jsonl']",
    ],
)
def test_a_repeated_timeline_query_is_answered_from_the_index(query: str) -> None:
    """Scripts call `nkus timeline` in loops: a repeated query reads the index, neither the
    dataset's files (the loader) nor Typer, Rich or the search engine. (How long it takes is the
    bench's to measure: `python -m bench.run`.)"""
    heavy = ("rich", "typer", "rapidfuzz", "sqlite3", "nkus.loader", "nkus.cli", "nkus.validate")
    code = (
        "import sys; from nkus.entry import main; "
        f"rc = main({query}); "
        "sys.stdout.flush(); "
        f"loaded = sorted(m for m in sys.modules if m in {heavy!r} or m.split('.')[0] in {heavy!r}); "
        "print(loaded, file=sys.stderr); sys.exit(rc or bool(loaded))"
    )
    subprocess.run([*NKUS, "timeline"], capture_output=True, env=env(), timeout=60, check=True)  # builds the index
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env(), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[-1] == "[]"  # before it, the note on what the dataset covers
    assert proc.stdout.count("\n") >= 10


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["timeline", "-n", "1", "--format", "json"], ["summit", "hanoi", "--json"]])
def test_output_that_cannot_be_written_is_an_error(args: list[str]) -> None:
    with open("/dev/full", "w") as full:
        proc = subprocess.run([*NKUS, *args], stdout=full, stderr=subprocess.PIPE, text=True, env=env(), timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "No space left on device" in proc.stderr, proc.stderr


def test_bad_input_never_shows_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "events.json").write_text("{not json", encoding="utf-8")
    for args in (["--data", str(tmp_path), "timeline"], ["timeline", "--from", "2019-13-45"], ["summit", "hanio"]):
        proc = subprocess.run([*NKUS, *args], capture_output=True, text=True, env=env(), timeout=60)
        assert proc.returncode in (2, 3, 4)
        assert "Traceback" not in proc.stderr and proc.stderr.startswith("nkus: ")
        assert proc.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--format", "json"],
        ["timeline", "--format", "jsonl"],
        ["summit", "hanoi", "--json"],
        ["search", "Yongbyon", "--json"],
    ],
)
def test_json_is_valid_whatever_the_output_encoding(args: list[str]) -> None:
    """A stream that cannot hold every character gets JSON's own escapes, never the stream's
    (`Liding\\xf6` would not be JSON)."""
    proc = subprocess.run([*NKUS, *args], capture_output=True, env=env(PYTHONIOENCODING="ascii"), timeout=60)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("ascii")
    docs = [json.loads(line) for line in text.splitlines()] if "jsonl" in args else [json.loads(text)]
    assert docs
    assert "\\u" in text or args[0] != "timeline"  # the timeline has accents and dashes
    utf8 = subprocess.run([*NKUS, *args], capture_output=True, env=env(PYTHONIOENCODING="utf-8"), timeout=60)
    expected = (
        [json.loads(line) for line in utf8.stdout.decode().splitlines()]
        if "jsonl" in args
        else [json.loads(utf8.stdout)]
    )
    assert docs == expected


def test_timeline_and_stats_say_the_same_about_coverage() -> None:
    args = ["--from", "1990", "--to", "2024", "-k", "missile-test"]
    notes = [
        subprocess.run([*NKUS, command, *args], capture_output=True, text=True, env=env(), timeout=60).stderr
        for command in ("timeline", "stats")
    ]
    assert notes[0] == notes[1] and "missile-test 2017-01–2026-03 only" in notes[0], notes


def test_a_repeated_search_reads_its_kept_database(tmp_path: Path) -> None:
    """`nkus search` is answered from the database kept beside the index, not made again."""
    fresh = env(NKUS_CACHE_DIR=str(tmp_path / "cache"))
    code = (
        "import sys; from nkus.entry import main; rc = main(['search', 'Yongbyon', '--json']); sys.stdout.flush(); "
        "print(sorted(m for m in sys.modules if m in ('nkus.loader', 'nkus.validate')), file=sys.stderr); sys.exit(rc)"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=fresh, timeout=60)
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=fresh, timeout=60)
    assert first.returncode == again.returncode == 0, again.stderr
    assert first.stderr.splitlines()[-1] != "[]"  # the first one loaded the dataset
    assert again.stderr.splitlines()[-1] == "[]"
    assert json.loads(first.stdout) == json.loads(again.stdout)


def test_a_terminal_pages_through_the_chosen_pager_and_only_there() -> None:
    """On a terminal the output goes through $NKUS_PAGER (else $PAGER, else less -FRX); never
    with --no-pager, and never when piped."""
    args = [*NKUS, "--data", str(MINI), "timeline"]
    paged = run_in_terminal(args, NKUS_PAGER="sed s/^/PAGED:/")
    lines = [line for line in paged.splitlines() if line.strip()]
    assert lines and all(line.startswith("PAGED:") for line in lines), lines
    assert "12 Jun 2018" in paged
    unpaged = run_in_terminal([*NKUS, "--data", str(MINI), "--no-pager", "timeline"], NKUS_PAGER="sed s/^/PAGED:/")
    assert "PAGED:" not in unpaged and "12 Jun 2018" in unpaged
    piped = subprocess.run(args, capture_output=True, text=True, env=env(NKUS_PAGER="sed s/^/PAGED:/"), timeout=60)
    assert piped.returncode == 0 and "PAGED:" not in piped.stdout
