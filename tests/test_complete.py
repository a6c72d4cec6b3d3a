"""Shell completion, as a shell asks for it (`_NKUS_COMPLETE`), and the scripts Typer installs."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import MINI


def complete(words: str, **extra: str) -> list[str]:
    """What bash is offered for the last word of `words` (a trailing space: a new word)."""
    cword = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("_NKUS")},
        "NKUS_DATA": str(MINI), "_NKUS_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword),
        **extra,
    }  # fmt: skip
    proc = subprocess.run([sys.executable, "-m", "nkus"], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("nkus time", ["timeline"]),
        ("nkus timeline --kind mis", ["missile-test"]),
        ("nkus stats --kind nuc", ["nuclear-test"]),
        ("nkus summit sing", ["sing-2018", "singapore"]),
        ("nkus timeline --summit han", ["hanoi"]),
        ("nkus agreements sing", ["sing-statement", "singapore-statement"]),
        ("nkus show launch-2019-05", ["launch-2019-05-04", "launch-2019-05-09"]),
        ("nkus sources --of claim-", ["claim-one", "claim-two"]),
        ("nkus timeline --fields id,da", ["id,date"]),
        ("nkus claims --fields sum", ["summary", "summits"]),
        ("nkus export bib", ["bibtex"]),
        ("nkus timeline --format js", ["json", "jsonl"]),
        ("nkus stats --by mo", ["month"]),
        ("nkus claims --kind ca", ["cause"]),
    ],
)
def test_completes_commands_names_ids_and_fields(words: str, offered: list[str]) -> None:
    assert complete(words) == offered


def test_completion_reads_the_dataset_named_by_data() -> None:
    assert complete(f"nkus --data {MINI} summit han", NKUS_DATA="/nonexistent") == ["hanoi"]
    assert complete("nkus summit han", NKUS_DATA="/nonexistent") == []  # no dataset: nothing, and no error


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script(shell: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "nkus", "--show-completion", shell], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert "_NKUS_COMPLETE" in proc.stdout


def test_version_short_and_long() -> None:
    from nkus import __version__

    for flag in ("-V", "--version"):
        proc = subprocess.run([sys.executable, "-m", "nkus", flag], capture_output=True, text=True, timeout=60)
        assert proc.stdout == f"nkus {__version__}\n"
