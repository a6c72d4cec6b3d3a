"""`--cite`: each row carries its sources' publisher, title, date and address, in every format."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nkus import fast
from nkus.cli import main
from tests.conftest import MINI

SRC_A = {
    "source": "src-a", "publisher": "Example Wire", "title": "Summit held", "date": "2018-06-12",
    "url": "https://example.org/a",
}  # fmt: skip
SRC_B_TEXT = "Example Wire, “Launches”, 2019-05, https://example.org/b"


def run(capsys: pytest.CaptureFixture[str], *args: str, data: Path = MINI) -> str:
    code = main(["--data", str(data), *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.mark.parametrize(
    ("args", "row_id"),
    [
        (["timeline"], "summit-2018"),
        (["claims"], "claim-one"),
        (["summit"], "sing-2018"),
        (["agreements"], None),
    ],
)
def test_json_rows_carry_citations_as_objects(
    capsys: pytest.CaptureFixture[str], args: list[str], row_id: str | None
) -> None:
    rows = json.loads(run(capsys, *args, "--cite", "--json"))
    assert all("citations" in r for r in rows)
    for r in rows:
        for c in r["citations"]:
            assert set(c) == {"source", "publisher", "title", "date", "url"}
    if row_id:
        row = next(r for r in rows if r["id"] == row_id)
        assert row["citations"]


def test_timeline_citations_are_the_events_sources(capsys: pytest.CaptureFixture[str]) -> None:
    rows = json.loads(run(capsys, "timeline", "--cite", "--json", "--fields", "id,sources"))
    assert list(rows[1]) == ["id", "sources", "citations"]  # added after the fields asked for
    assert rows[1]["citations"] == [SRC_A]
    for r in rows:
        assert [c["source"] for c in r["citations"]] == r["sources"]


def test_show_and_one_summit_cite_their_sources(capsys: pytest.CaptureFixture[str]) -> None:
    shown = json.loads(run(capsys, "show", "claim-one", "--cite", "--json"))
    assert [c["source"] for c in shown["citations"]] == ["src-seed"]
    summit = json.loads(run(capsys, "summit", "hanoi", "--cite", "--json"))
    assert summit["citations"] and summit["citations"][0]["url"].startswith("https://")


def test_csv_and_tsv_carry_the_compact_form(capsys: pytest.CaptureFixture[str]) -> None:
    rows = list(csv.DictReader(io.StringIO(run(capsys, "timeline", "--cite", "--format", "csv"))))
    assert rows[3]["citations"] == SRC_B_TEXT
    tsv = run(capsys, "timeline", "--cite", "--format", "tsv", "--fields", "id").splitlines()
    assert tsv[0] == "id\tcitations" and tsv[4] == f"launch-2019-05-04\t{SRC_B_TEXT}"


def test_markdown_numbers_the_sources_under_the_table(capsys: pytest.CaptureFixture[str]) -> None:
    out = run(capsys, "timeline", "--cite", "--format", "md", "--fields", "date,title")
    table, notes = out.split("\n\n")
    assert table.splitlines()[0] == "| date | title | citations |"
    assert table.splitlines()[2] == "| 2017 | Sometime in 2017 | [1] |"
    assert table.splitlines()[-1] == "| 2019-10 | Talks in early October | [2] |"
    assert notes.splitlines() == [
        "1. Example Wire, “Summit held”, 2018-06-12, <https://example.org/a>",
        "2. Example Wire, “Launches”, 2019-05, <https://example.org/b>",
    ]


def test_markdown_citations_show_dataset_text_as_written(
    capsys: pytest.CaptureFixture[str], copy_mini: Callable[..., Path]
) -> None:
    def tricky(doc: dict[str, Any]) -> None:
        doc["sources"][0]["title"] = "*Not bold* [a link](https://evil.example) <b>x</b>"
        doc["sources"][0]["url"] = "https://example.org/a>b<c"  # (a space is refused by the loader)

    out = run(capsys, "timeline", "--cite", "--format", "md", "-n", "1", data=copy_mini(sources=tricky))
    note = out.split("\n\n")[1].strip()
    assert note == (
        r"1. Example Wire, “\*Not bold\* \[a link\](https://evil.example) \<b\>x\</b\>”, 2018-06-12, "
        "<https://example.org/a%3Eb%3Cc>"
    )


def test_the_fast_path_parses_cite_for_the_same_command() -> None:
    assert fast.plan(["timeline", "--cite", "--format", "json"])[2]["cite"] is True


def test_cite_through_the_command_entry(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from nkus.entry import main as entry_main

    monkeypatch.setenv("NKUS_DATA", str(MINI))
    assert entry_main(["timeline", "--cite", "--format", "jsonl", "-n", "1"]) == 0
    assert json.loads(capsys.readouterr().out)["citations"][0]["source"] == "src-a"
