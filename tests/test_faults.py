"""Nothing lost, hijacked or served wrong: output files, damaged caches, hostile text in every
format, values the loader refuses, and input of any size. Every test aims at files and folders of
its own (a FIFO, a symlink, a read-only file in its temporary folder), never at a device."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINI, read_json, write_json

NKUS = [sys.executable, "-m", "nkus"]


def nkus(*args: str, cache: Path | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NKUS_DATA", "COLUMNS")}
    if cache is not None:
        env["NKUS_CACHE_DIR"] = str(cache)
    return subprocess.run([*NKUS, *args], capture_output=True, text=True, env=env, timeout=120, **kwargs)  # type: ignore[call-overload,no-any-return]


# --- output files -------------------------------------------------------------------------


def test_output_onto_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "out.ics"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    proc = nkus("--data", str(MINI), "export", "ics", "-o", str(fifo))
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)  # still a FIFO, not replaced by a file
    assert b"BEGIN:VCALENDAR" in got[0]


def test_a_symlink_is_followed_and_kept(tmp_path: Path) -> None:
    target, link = tmp_path / "real.ics", tmp_path / "link.ics"
    target.write_text("old")
    link.symlink_to(target)
    proc = nkus("--data", str(MINI), "export", "ics", "-o", str(link))
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and "BEGIN:VCALENDAR" in target.read_text()


def test_a_read_only_file_is_refused_unless_forced_and_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "out.ics"
    out.write_text("mine")
    out.chmod(0o444)
    proc = nkus("--data", str(MINI), "export", "ics", "-o", str(out))
    assert proc.returncode == 1 and out.read_text() == "mine"
    assert proc.stderr == f"nkus: cannot write {out}: read-only (give --force to replace it)\n"
    forced = nkus("--data", str(MINI), "export", "ics", "-o", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert "BEGIN:VCALENDAR" in out.read_text() and stat.S_IMODE(out.stat().st_mode) == 0o444


def test_a_planted_temporary_name_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("secret")
    for pid in range(os.getpid(), os.getpid() + 200):  # the names a predictable scheme would use
        (tmp_path / f"out.ics.tmp-{pid}").symlink_to(victim)
    proc = nkus("--data", str(MINI), "export", "ics", "-o", str(tmp_path / "out.ics"))
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "secret"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.ics")]  # no temporary left


def test_a_failed_write_leaves_the_target_as_it_was(tmp_path: Path) -> None:
    from nkus.atomic import replacing

    out = tmp_path / "out.txt"
    out.write_text("before")
    with pytest.raises(KeyboardInterrupt), replacing(str(out)) as fh:
        fh.write(b"half")
        raise KeyboardInterrupt
    assert out.read_text() == "before" and [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_sigterm_while_writing_is_an_interruption(tmp_path: Path) -> None:
    fifo = tmp_path / "nobody-reads"
    os.mkfifo(fifo)  # opening it for writing waits for a reader that never comes
    env = {k: v for k, v in os.environ.items() if k != "NKUS_DATA"}
    proc = subprocess.Popen(
        [*NKUS, "--data", str(MINI), "export", "ics", "-o", str(fifo)], stderr=subprocess.PIPE, text=True, env=env
    )
    time.sleep(2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130 and err == "nkus: interrupted\n"


# --- the caches check themselves ----------------------------------------------------------


def _reference(args: list[str], data: Path) -> str:
    return nkus("--data", str(data), *args, cache=data.parent / "fresh-cache-reference").stdout


def test_an_edited_index_is_never_answered_from(copy_mini: Callable[..., Path], tmp_path: Path) -> None:
    root = copy_mini()
    cache = tmp_path / "cache"
    args = ["timeline", "--json"]
    expected = nkus("--data", str(root), *args, cache=cache).stdout
    index = next(cache.glob("*.idx"))
    data = index.read_bytes()
    title = b"Talks in early October"  # a title stored in the index's records
    assert title in data
    index.write_bytes(data.replace(title, b"Xalks in early October"))
    again = nkus("--data", str(root), *args, cache=cache)
    assert again.returncode == 0 and again.stdout == expected


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.integers(0, 10**9), min_size=1, max_size=3))
def test_random_bit_flips_in_the_caches_never_give_wrong_answers(tmp_path: Path, flips: list[int]) -> None:
    cache = tmp_path / "flips"
    commands = [["timeline", "--json"], ["summit", "hanoi", "--json"], ["search", "Hanoi", "--json", "-n", "3"]]
    expected = [nkus("--data", str(MINI), *c, cache=cache).stdout for c in commands]
    for path in [p for p in cache.iterdir() if p.is_file()]:
        data = bytearray(path.read_bytes())
        for f in flips:
            bit = f % (len(data) * 8)
            data[bit // 8] ^= 1 << (bit % 8)
        path.write_bytes(bytes(data))
    for command, want in zip(commands, expected, strict=True):
        got = nkus("--data", str(MINI), *command, cache=cache)
        assert (got.returncode, got.stdout) == (0, want), (command, got.stderr)


def test_a_fifo_among_the_caches_or_the_layers_is_never_opened(copy_mini: Callable[..., Path], tmp_path: Path) -> None:
    root = copy_mini()
    cache = tmp_path / "cache"
    nkus("--data", str(root), "summit", "hanoi", cache=cache)
    for path in list(cache.iterdir()):
        path.unlink()
        os.mkfifo(path)
    proc = nkus("--data", str(root), "summit", "hanoi", "--json", cache=cache)  # would hang on a FIFO
    assert proc.returncode == 0 and json.loads(proc.stdout)["id"] == "hanoi"
    layer = tmp_path / "layer"
    layer.mkdir()
    os.mkfifo(layer / "events.json")
    bad = nkus("--data", str(root), "--data", str(layer), "timeline", cache=cache)
    assert bad.returncode == 3 and "events.json: not a regular file" in bad.stderr


# --- hostile text is inert in every format ------------------------------------------------

HOSTILE = "\x1b]0;owned\x07\x1b[2J\u009b31m\u202eevil\u200b=cmd|' /C calc'!A0 <script>alert(1)</script>"
ACTIVE = ("\x1b", "\x07", "\u009b", "\u202e", "\u200b")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    root = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(MINI, root)
    doc = read_json(root / "events.json")
    for ev in doc["events"]:
        ev["title"] = HOSTILE
        ev["summary"] = HOSTILE
    write_json(root / "events.json", doc)
    doc = read_json(root / "sources.json")
    for src in doc["sources"]:
        src["title"] = HOSTILE
    write_json(root / "sources.json", doc)
    return root


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl", "md"])
def test_every_format_keeps_hostile_text_inert(hostile: Path, fmt: str) -> None:
    proc = nkus("--data", str(hostile), "timeline", "--format", fmt, "--fields", "id,title", "--cite")
    assert proc.returncode == 0, proc.stderr
    assert not any(c in proc.stdout for c in ACTIVE), fmt
    if fmt == "md":
        assert "<script>" not in proc.stdout
    if fmt in ("json", "jsonl"):
        rows = [json.loads(line) for line in proc.stdout.splitlines()] if fmt == "jsonl" else json.loads(proc.stdout)
        assert rows[0]["title"] == HOSTILE  # the same text, escaped


def test_a_csv_cell_a_spreadsheet_would_run_is_defused(copy_mini: Callable[..., Path]) -> None:
    root = copy_mini(events=lambda d: d["events"][0].update(title='=HYPERLINK("http://x")'))
    proc = nkus("--data", str(root), "timeline", "--format", "csv", "--fields", "id,title")
    assert "'=HYPERLINK" in proc.stdout


@pytest.mark.parametrize("fmt", ["ics", "bibtex", "ris", "csl-json", "timelinejs", "html"])
def test_every_export_keeps_hostile_text_inert(hostile: Path, fmt: str) -> None:
    proc = subprocess.run([*NKUS, "--data", str(hostile), "export", fmt], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("utf-8")
    assert not any(c in text for c in ACTIVE), fmt


def test_only_web_addresses_become_links_in_timelinejs() -> None:
    from nkus.export.timelinejs import _link

    assert _link("javascript:alert(1)", "x") == "x" and _link("data:text/html,x", "y") == "y"
    assert _link("https://example.org/?a=1&b=2", "t") == '<a href="https://example.org/?a=1&amp;b=2">t</a>'


# --- the loader refuses what no output could write ----------------------------------------

BASE_EVENT = '"id": "x-1", "date": "2019-01-01", "kind": "missile-test", "title": "t", "summary": "s", "actors": ["usa"], "sources": ["src-a"]'


@pytest.mark.parametrize(
    ("events", "problem"),
    [
        ('[{' + BASE_EVENT.replace('"t"', '"\\ud800"') + '}]', "x-1: title: holds a lone surrogate (not text)"),
        ('[{' + BASE_EVENT + ', "missile": {"count": 1, "system": null, "class": "SRBM", "apogee_km": NaN}}]',
         "x-1: missile.apogee_km: must be a number, not NaN, an infinity or a number out of range"),
        ('[{' + BASE_EVENT + ', "missile": {"count": 1, "system": null, "class": "SRBM", "range_km": 1e999}}]',
         "x-1: missile.range_km: must be a number, not NaN"),
        ('[{' + BASE_EVENT + ', "missile": {"count": 9223372036854775808, "system": null, "class": "SRBM"}}]',
         "x-1: missile.count: must be a whole number, not NaN"),
        ('[{' + BASE_EVENT + ', "missile": {"count": ' + "9" * 5000 + ', "system": null, "class": "SRBM"}}]',
         "x-1: missile.count: must be a whole number, not NaN"),
        ('[{' + BASE_EVENT.replace('"2019-01-01"', '"9999", "approximate": true') + '}]',
         "x-1: date: '9999' reaches beyond the years 1 to 9999"),
        ('[{"id": "x-0", ' + BASE_EVENT + '}]', "x-1: key given twice: 'id'"),
    ],
)  # fmt: skip
def test_refused_values_are_one_problem_line_each(tmp_path: Path, events: str, problem: str) -> None:
    layer = tmp_path / "layer"
    layer.mkdir()
    (layer / "events.json").write_text('{"schema_version": 2, "events": ' + events + "}", encoding="utf-8")
    proc = nkus("--data", str(MINI), "--data", str(layer), "validate")
    assert proc.returncode == 3
    assert f"events.json: {problem}" in proc.stdout
    again = nkus("--data", str(MINI), "--data", str(layer), "timeline", "--json")
    assert again.returncode == 3 and again.stdout == "" and "Traceback" not in again.stderr


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "https://example.org/a b", "https://x\n.org"]
)
def test_an_address_that_is_not_a_web_address_is_refused(copy_mini: Callable[..., Path], url: str) -> None:
    root = copy_mini(sources=lambda d: d["sources"][0].update(url=url))
    proc = nkus("validate", str(root))
    assert proc.returncode == 3 and "src-a: url: an address is http:// or https://" in proc.stdout


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.dictionaries(
        st.sampled_from(["id", "date", "kind", "title", "summary", "actors", "sources", "missile", "end", "tags"]),
        st.one_of(
            st.text(max_size=8), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.none(),
            st.lists(st.text(max_size=4), max_size=3), st.booleans(),
        ),
    )
)  # fmt: skip
def test_a_hostile_layer_never_crashes_the_loader(tmp_path: Path, record: dict[str, object]) -> None:
    layer = tmp_path / "fuzz"
    layer.mkdir(exist_ok=True)
    text = json.dumps({"schema_version": 2, "events": [record]}, allow_nan=True)
    (layer / "events.json").write_text(text, encoding="utf-8")
    proc = nkus("--data", str(MINI), "--data", str(layer), "timeline", "--json", cache=tmp_path / "c")
    assert proc.returncode in (0, 3) and "Traceback" not in proc.stderr and "unexpected" not in proc.stderr


# --- input of any size, commands that can be run again ------------------------------------


def test_a_search_of_any_length_is_the_search_of_its_words() -> None:
    long = " ".join(["the", "summit", "of", "Hanoi"] * 5000)
    short = nkus("--data", str(MINI), "search", "summit Hanoi", "--json")
    assert nkus("--data", str(MINI), "search", long, "--json").stdout == short.stdout != ""


def test_nkus_new_can_be_run_again_over_the_file_it_writes(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    for _ in range(2):  # the second time, the shell has emptied mine/events.json before nkus runs
        with open(mine / "events.json", "w") as out:
            proc = subprocess.run([*NKUS, "--data", "bundled", "--data", str(mine), "new", "event"], stdout=out,
                                  stderr=subprocess.PIPE, text=True, timeout=120)  # fmt: skip
        assert proc.returncode == 0, proc.stderr
    assert nkus("--data", "bundled", "--data", str(mine), "validate").returncode == 0


@pytest.mark.parametrize(
    "name",
    [{"given": "Jane"}, {"literal": "CSIS", "family": "Doe"}, {"literal": "CSIS", "family_first": True}, {}],
)
def test_a_name_is_a_person_or_an_organisation(copy_mini: Callable[..., Path], name: dict[str, object]) -> None:
    root = copy_mini(sources=lambda d: d["sources"][0].update(authors=[{"family": "Doe", "given": "Jane"}, name]))
    proc = nkus("validate", str(root))
    assert proc.returncode == 3, proc.stdout
    assert "src-a: authors[1]: a name is a person's family (and given) name, or an organisation's literal name" in (
        proc.stdout
    )


def test_an_author_written_as_one_string_is_refused(copy_mini: Callable[..., Path]) -> None:
    root = copy_mini(sources=lambda d: d["sources"][0].update(author="Jane Doe and John Roe"))
    proc = nkus("validate", str(root))
    assert proc.returncode == 3 and "src-a: author: unknown field — did you mean 'authors'?" in proc.stdout
