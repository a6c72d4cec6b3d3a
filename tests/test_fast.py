"""The Typer-free timeline path answers exactly as the full CLI does, answers every case it
claims without the full CLI, and hands over only before it has written anything."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkus import fast
from nkus.cli import main as full_main
from nkus.entry import main
from nkus.env import Environment
from tests.conftest import MINI


def capture(fn: object, args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = fn(args)  # type: ignore[operator]
    return code, out.getvalue(), err.getvalue()


TOKENS = [
    ["--from", "2019-05"], ["--to", "2019-10"], ["--from", "May 2019"], ["--to=2019"], ["--kind", "missile-test"],
    ["-k", "talks"], ["--actor", "trump"], ["--country", "prk"], ["--tag", "srbm"], ["--search", "launch"],
    ["--summit", "singapore"], ["--within"], ["--limit", "2"], ["-n", "0"], ["--reverse"], ["--json"],
    ["--format", "csv"], ["-f", "jsonl"], ["--format", "md"], ["--fields", "id,claims,disputes"], ["--no-header"],
    ["--from", "2019-13"], ["--kind", "party"], ["--limit", "-1"], ["--limit", "x"], ["--fields", "nope"],
    ["--format", "table"], ["--bogus"], ["--help"], ["extra"], ["--summit", "hanio"], ["--actor", "nobody"],
]  # fmt: skip


LAYER = MINI.parent / "mini-layer"
DATA = [[], ["--data", str(MINI)], ["--data", str(MINI), "--data", str(LAYER)], ["--data", str(LAYER)]]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=4), st.sampled_from(DATA))
def test_fast_and_full_paths_agree(chosen: list[list[str]], data: list[str]) -> None:
    args = [*data, "timeline", *(t for group in chosen for t in group)]
    assert capture(main, args) == capture(full_main, args)


# Every other command, as the Typer-free parser and the full CLI run it: the same output and status.
OTHERS = [
    ["summit", "--json"], ["summit", "hanoi", "--context", "1", "-f", "csv"], ["summit", "hanio"],
    ["agreements", "sing-statement", "--json"], ["agreements", "-f", "md"], ["show", "hanoi", "--json"],
    ["show", "nothing"], ["claims", "--about", "hanoi", "--kind", "cause"], ["claims", "--kind", "nope"],
    ["sources", "--strong"], ["sources", "--weak", "--json"], ["sources", "--of", "hanoi-2019"],
    ["stats", "--by", "year", "--json"], ["stats", "--by", "decade"], ["objectives", "obj-talks", "--json"],
    ["search", "collapsed", "--type", "summit"], ["search", "hanio", "-n", "1"], ["coverage", "--json"],
    ["actors", "-k", "summit"], ["tags", "--json"], ["kinds"],
    ["export", "nope"], ["new", "event"], ["validate"], ["timeline", "--cite", "-n", "1", "--json"],
]  # fmt: skip


@pytest.mark.parametrize("args", OTHERS)
def test_every_command_answers_alike_on_both_paths(args: list[str]) -> None:
    data = ["--data", str(MINI)]
    fast_answer = capture(main, [*data, *args])
    assert fast_answer == capture(full_main, [*data, *args])
    assert fast.answer([*data, *args], Environment(io.StringIO(), False, False, 100)) is not None or args[0] == "new"


# What the fast path claims to answer itself: machine formats, every filter, and its errors.
ANSWERED = [
    ["timeline", "--format", "json"],
    ["timeline", "--from", "2019-05", "--to", "2019-10", "-k", "missile-test", "-f", "csv"],
    ["timeline", "--actor", "kim", "--country", "usa", "--tag", "srbm", "--search", "x", "--json"],
    ["timeline", "--summit", "hanoi", "--within", "-n", "1", "-r", "--fields", "id", "--no-header"],
    ["timeline", "--from", "2019-13", "--json"],  # a bad date: reported by the fast path itself
    ["timeline", "--summit", "hanio", "--json"],
    ["--data", str(MINI), "timeline", "-f", "jsonl"],
    ["--data", str(MINI), "--data", str(MINI.parent / "mini-layer"), "timeline", "-f", "jsonl"],
    ["--data", "bundled", "--data", str(MINI.parent / "mini-layer"), "timeline", "--json"],  # exit 3: no src-b
    ["--data", "/nonexistent", "timeline", "-f", "md"],
]


@pytest.mark.parametrize("args", ANSWERED)
def test_the_fast_path_answers_what_it_claims_without_the_full_cli(args: list[str]) -> None:
    script = (
        "import sys; from nkus.entry import main; code = main(sys.argv[1:]); "
        "assert 'typer' not in sys.modules and 'nkus.cli' not in sys.modules, 'handed over'; sys.exit(code)"
    )
    proc = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True)
    assert "handed over" not in proc.stderr
    assert proc.returncode in (0, 2, 3), proc.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["timeline", "--help"],
        ["timeline", "--bogus"],
        ["timeline", "x"],
        ["--bogus", "timeline"],
        ["show"],
        ["summit", "--context", "-1", "hanoi"],
        ["--help"],
        [],
        ["-V"],
        ["search"],
    ],
)
def test_anything_else_is_handed_over(args: list[str]) -> None:
    assert fast.answer(args, Environment(io.StringIO(), False, False, 100)) is None


def test_output_the_encoding_cannot_hold_is_written_once_with_escapes() -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    script = "import sys; from nkus.entry import main; sys.exit(main(sys.argv[1:]))"
    proc = subprocess.run(
        [sys.executable, "-c", script, "timeline", "--fields", "id,title"], capture_output=True, env=env
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.decode("ascii").splitlines()
    assert lines.count("id\ttitle") == 1
    assert any("\\u" in line for line in lines)  # the dataset's dashes and accents, escaped


def test_an_unexpected_failure_is_one_line_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(argv: object, env: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(fast, "answer", boom)
    monkeypatch.delenv("NKUS_DEBUG", raising=False)
    code, out, err = capture(main, ["timeline"])
    assert (code, out) == (1, "")
    assert err == "nkus: unexpected error: RuntimeError: disk on fire (NKUS_DEBUG=1 shows the traceback)\n"
    monkeypatch.setenv("NKUS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["timeline"])
