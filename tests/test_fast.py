"""The Typer-free timeline path answers exactly as the full CLI does, or hands over to it."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkus import fast
from nkus.cli import app
from nkus.cli import main as full_main
from nkus.entry import main
from tests.conftest import MINI


def capture(fn: object, args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = fn(args)  # type: ignore[operator]
    return code, out.getvalue(), err.getvalue()


def test_the_option_table_matches_the_typer_command() -> None:
    import typer.main

    command = typer.main.get_command(app)
    timeline = command.commands["timeline"]  # type: ignore[attr-defined]
    typer_flags = {opt for p in timeline.params for opt in (*p.opts, *p.secondary_opts) if opt.startswith("-")}
    assert typer_flags == set(fast.TIMELINE_OPTIONS)
    global_flags = {opt for p in command.params for opt in p.opts if opt != "--version"}
    assert global_flags == set(fast.GLOBAL_OPTIONS)


TOKENS = [
    ["--from", "2019-05"], ["--to", "2019-10"], ["--from", "May 2019"], ["--to=2019"], ["--kind", "missile-test"],
    ["-k", "talks"], ["--actor", "trump"], ["--country", "prk"], ["--tag", "srbm"], ["--search", "launch"],
    ["--summit", "singapore"], ["--within"], ["--limit", "2"], ["-n", "0"], ["--reverse"], ["--json"],
    ["--format", "csv"], ["-f", "jsonl"], ["--format", "md"], ["--fields", "id,claims,disputes"], ["--no-header"],
    ["--from", "2019-13"], ["--kind", "party"], ["--limit", "-1"], ["--limit", "x"], ["--fields", "nope"],
    ["--format", "table"], ["--bogus"], ["--help"], ["extra"], ["--summit", "hanio"],
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=4), st.booleans())
def test_fast_and_full_paths_agree(chosen: list[list[str]], with_data: bool) -> None:
    args = (["--data", str(MINI)] if with_data else []) + ["timeline"] + [t for group in chosen for t in group]
    assert capture(main, args) == capture(full_main, args)


@pytest.mark.parametrize(
    "args",
    [["timeline", "--format", "table"], ["timeline", "--help"], ["summit"], ["timeline", "--bogus"], ["timeline", "x"]],
)
def test_anything_else_is_handed_over(args: list[str]) -> None:
    assert fast.run(args) is None


def test_an_unexpected_failure_is_one_line_and_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(argv: object) -> int:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(fast, "run", boom)
    monkeypatch.delenv("NKUS_DEBUG", raising=False)
    code, out, err = capture(main, ["timeline"])
    assert (code, out) == (1, "")
    assert err == "nkus: unexpected error: RuntimeError: disk on fire (NKUS_DEBUG=1 shows the traceback)\n"
    monkeypatch.setenv("NKUS_DEBUG", "1")
    with pytest.raises(RuntimeError):
        main(["timeline"])
