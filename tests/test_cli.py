"""The commands in-process: every format carries the same rows; errors are one line with an exit code."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from nkus.cli import app, main
from nkus.commands import COMMANDS
from nkus.exits import ExitStatus as Exit
from nkus.render import FORMATS
from tests.conftest import MINI

runner = CliRunner()
ENV = {"NKUS_DATA": str(MINI), "COLUMNS": "100", "NO_COLOR": ""}


def run(*args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env=ENV)
    assert result.exit_code == code, (result.output, result.exception)
    return result.stdout


def run_main(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.setenv("NKUS_DATA", str(MINI))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _json(text: str) -> list[dict[str, str]]:
    doc = json.loads(text)
    return [{k: _flat(v) for k, v in row.items()} for row in (doc if isinstance(doc, list) else [doc])]


def _markdown(text: str) -> list[dict[str, str]]:
    lines = [line.strip().strip("|").split(" | ") for line in text.splitlines()]
    header = [h.strip() for h in lines[0]]
    return [dict(zip(header, [c.strip() for c in cells], strict=True)) for cells in lines[2:]]


# A reader for every format but the table, each independent of nkus: a format added to
# render.REGISTRY without a reader here fails test_every_format_carries_the_same_rows.
READERS: dict[str, Callable[[str], list[dict[str, str]]]] = {
    "json": _json,
    "jsonl": lambda text: [{k: _flat(v) for k, v in json.loads(line).items()} for line in text.splitlines()],
    "csv": lambda text: list(csv.DictReader(io.StringIO(text, newline=""))),
    "tsv": lambda text: list(csv.DictReader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE)),
    "md": _markdown,
}


def parse(fmt: str, text: str) -> list[dict[str, str]]:
    return READERS[fmt](text)


def _flat(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(map(str, value))
    return str(value)


# Arguments that make each command print its rows on the mini dataset. Every command that
# declares fields must be here (test_every_command_that_prints_rows_is_exercised).
ARGS: dict[str, list[str]] = {
    "timeline": [], "claims": [], "objectives": [], "sources": [], "summit": [], "stats": [], "agreements": [],
    "coverage": [], "search": ["summit"], "actors": [], "tags": [], "kinds": [], "show": ["hanoi"],
    "follows": ["--cause-kind", "summit", "--effect-kind", "missile-test", "--within", "120", "--pairs"],
    "pauses": ["--kind", "missile-test", "--kind", "summit"], "missiles": [],
}  # fmt: skip
PRINTING = sorted(name for name, c in COMMANDS.items() if c.all_fields())
# And for each command that shows one record in full, a record to show.
ONE_ARGS: dict[str, list[str]] = {
    "summit": ["hanoi"], "agreements": ["sing-statement"], "objectives": ["obj-talks"], "show": ["hanoi"],
    "follows": ["--cause-kind", "summit", "--effect-kind", "missile-test", "--within", "120"],
}  # fmt: skip


def test_every_command_that_prints_rows_is_exercised() -> None:
    assert sorted(ARGS) == PRINTING
    assert sorted(ONE_ARGS) == sorted(name for name, c in COMMANDS.items() if c.one)


def test_every_registered_command_is_a_command_of_the_cli() -> None:
    typer_names = {c.name for c in app.registered_commands}
    assert typer_names == set(COMMANDS)
    for name in COMMANDS:
        assert f"\n  {name} " in run("--help") or f"│ {name} " in run("--help"), name


@pytest.mark.parametrize("name", PRINTING)
def test_every_format_carries_the_same_rows(name: str) -> None:
    command = [name, *ARGS[name]]
    parsed = {fmt: parse(fmt, run(*command, "--format", fmt)) for fmt in FORMATS if fmt not in ("table", "md")}
    assert parsed["json"], command
    for fmt, rows in parsed.items():
        assert rows == parsed["json"], fmt
    md = parse("md", run(*command, "--format", "md"))
    key = next(k for k in ("id", "key", "kind", "cause", "from", "event") if k in parsed["json"][0])
    assert [r[key] for r in md] == [r[key] for r in parsed["json"]]
    assert run(*command, "--format", "table").strip()


@pytest.mark.parametrize("name", [n for n in PRINTING if n != "show"])  # show's fields are its record type's
def test_every_field_a_command_declares_can_be_asked_for(name: str) -> None:
    """--fields takes each field the command declares (what completion offers), and no other."""
    command = COMMANDS[name]
    for field in command.all_fields():
        if field == "citations":  # added by --cite, which has tests of its own
            continue
        args = ARGS[name] if field in command.fields else ONE_ARGS[name]
        assert field in json.dumps(_json(run(name, *args, "--json", "--fields", field))[0]), field
    runner_result = runner.invoke(app, [name, *ARGS[name], "--fields", "nope"], env=ENV)
    assert runner_result.exit_code == Exit.USAGE


def test_event_rows_have_the_documented_fields() -> None:
    rows = json.loads(run("timeline", "--json"))
    assert list(rows[0]) == ["id", "date", "end", "precision", "kind", "title", "summary", "actors", "sources"]
    talks = next(r for r in rows if r["id"] == "talks-2019-10")
    assert (talks["date"], talks["precision"], talks["end"]) == ("2019-10", "month", None)


def test_timeline_filters_and_fields() -> None:
    args = [
        "timeline",
        "--from",
        "2019-05",
        "--to",
        "2019-10",
        "--kind",
        "missile-test",
        "--fields",
        "id,missile_count",
    ]
    raw = runner.invoke(app, [*args, "-f", "csv"], env=ENV).stdout_bytes  # RFC 4180: CRLF line ends
    assert raw == b"id,missile_count\r\nlaunch-2019-05-04,2\r\nlaunch-2019-05-09,\r\n"
    assert (
        run("timeline", "--from", "May 2019", "--limit", "1", "--reverse", "--fields", "id", "--no-header")
        == "talks-2019-10\n"
    )
    assert run("timeline", "--search", "nothing-like-this", "--json") == "[]\n"


def test_tsv_is_the_default_when_piped_and_keeps_one_record_per_line() -> None:
    out = run("timeline")
    assert out.splitlines()[0].split("\t")[:3] == ["id", "date", "end"]
    assert len(out.splitlines()) == 7


def test_summit_detail_and_comparison() -> None:
    detail = json.loads(run("summit", "Singapore", "--json"))
    assert isinstance(detail, dict)
    assert detail["id"] == "sing-2018" and detail["claims"] == ["claim-two"]
    assert detail["after"] == ["hanoi-2019", "launch-2019-05-04", "launch-2019-05-09"]
    table = run("summit", "singapore", "hanoi", "-f", "table")
    assert "sing-2018" in table and "hanoi" in table and "Show over substance." in table
    both = json.loads(run("summit", "sentosa", "vietnam", "--json"))
    assert [s["id"] for s in both] == ["sing-2018", "hanoi"]
    assert [s["id"] for s in json.loads(run("summit", "--json"))] == ["sing-2018", "hanoi"]


def test_objectives_claims_show_sources_stats() -> None:
    assert json.loads(run("objectives", "obj-talks", "--json"))["claims"] == ["claim-one"]
    assert [c["id"] for c in json.loads(run("claims", "--about", "obj-talks", "--json"))] == ["claim-one"]
    shown = json.loads(run("show", "launch-2019-05-04", "--json"))
    assert shown["record_type"] == "event" and shown["linked_from"] == ["claim-one", "obj-talks"]
    assert json.loads(run("show", "singapore", "--json"))["id"] == "sing-2018"
    sources = json.loads(run("sources", "--json"))
    assert {s["id"]: s["cited_by"] for s in sources} == {
        "src-a": 6,
        "src-b": 4,
        "src-seed": 3,
    }  # agreements and verdicts cite too
    stats = json.loads(run("stats", "--by", "month", "--kind", "missile-test", "--json"))
    assert stats == [{"key": "2019-05", "events": 2, "missiles": 2, "unknown_counts": 1}]
    assert "██" in run("stats", "--by", "month", "-f", "table")


def test_table_prints_markup_and_escapes_literally(copy_mini: Callable[..., Path]) -> None:
    hostile = "[bold red]x[/] \x1b[31mred\x1b[0m [/]"
    root = copy_mini(events=lambda d: d["events"][0].update(title=hostile))
    args = ["--data", str(root), "timeline", "--search", "leaders met", "--fields", "id,title"]
    result = runner.invoke(app, [*args, "-f", "table"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert "[bold red]x[/]" in result.stdout
    assert "\x1b" not in result.stdout and "\\x1b[31mred" in result.stdout
    as_json = runner.invoke(app, [*args, "--json"]).stdout
    assert json.loads(as_json)[0]["title"] == hostile


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["timeline", "--from", "2019-13-45"],
            Exit.USAGE,
            "nkus: error: bad date for --from: '2019-13-45' has no month 13\n",
        ),
        (["timeline", "--from", ""], Exit.USAGE, "nkus: error: bad date for --from: empty date\n"),
        (
            ["timeline", "--from", "2019-10", "--to", "2019-05"],
            Exit.USAGE,
            "nkus: error: --from 2019-10 is after --to 2019-05\n",
        ),
        (["timeline", "--limit", "-1"], Exit.USAGE, "nkus: error: --limit must be 0 or more, not -1\n"),
        (["timeline", "--kind", "party"], Exit.USAGE, "nkus: error: unknown kind 'party'"),
        (
            ["timeline", "--fields", "id,titel"],
            Exit.USAGE,
            "nkus: error: unknown field 'titel' — did you mean 'title'? (valid fields: id, date,",
        ),
        (["timeline", "--format", "xml"], Exit.USAGE, "nkus: error: unknown format 'xml'"),
        (["timeline", "--bogus"], Exit.USAGE, "nkus: error: No such option: --bogus (see 'nkus timeline --help')\n"),
        (["timeline", "--summit", "hanio"], Exit.USAGE, "nkus: error: no summit 'hanio' — did you mean 'hanoi'?\n"),
        (["claims", "--about", "nothing"], Exit.USAGE, "nkus: error: no record 'nothing'"),
        (["summit", "hanio"], Exit.NOT_FOUND, "nkus: no summit 'hanio' — did you mean 'hanoi'?\n"),
        (["show", "no-such-id"], Exit.NOT_FOUND, "nkus: no record 'no-such-id'"),
        (["objectives", "9"], Exit.NOT_FOUND, "nkus: no objective '9'"),
        (["stats", "--by", "week"], Exit.USAGE, "nkus: error: unknown grouping 'week'"),
        (["frobnicate"], Exit.USAGE, "nkus: error: No such command 'frobnicate'."),
    ],
)
def test_errors_are_one_line_with_a_documented_code(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, args: list[str], code: int, message: str
) -> None:
    got, out, err = run_main(capsys, monkeypatch, *args)
    assert (got, out) == (code, "")
    assert err.startswith(message), err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_invalid_dataset_gives_a_short_summary(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, copy_mini: Callable[..., Path]
) -> None:
    root = copy_mini(events=lambda d: [e.update(kind="bad") for e in d["events"]])
    code, out, err = run_main(capsys, monkeypatch, "--data", str(root), "timeline")
    assert code == Exit.INVALID_DATASET and out == ""
    assert err.splitlines()[0] == f"nkus: dataset {root} is invalid (6 problem(s)):"
    assert len(err.splitlines()) == 6 and f"run 'nkus validate {root}'" in err


def test_validate_lists_every_problem(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, copy_mini: Callable[..., Path]
) -> None:
    root = copy_mini(events=lambda d: [e.update(kind="bad") for e in d["events"]])
    code, out, err = run_main(capsys, monkeypatch, "validate", str(root))
    assert code == Exit.INVALID_DATASET
    assert len(out.splitlines()) == 6 and all(": kind: 'bad' is not one of" in line for line in out.splitlines())
    assert err == f"nkus: 6 problem(s) in {root}\n"
    code, out, _ = run_main(capsys, monkeypatch, "validate", str(MINI))
    assert code == 0 and "valid — 6 events" in out


def test_schema_is_checked_in_and_in_sync() -> None:
    checked_in = Path(__file__).parent.parent / "data" / "schema.json"
    assert json.loads(run("schema")) == json.loads(checked_in.read_text(encoding="utf-8"))


def test_help_documents_exit_codes() -> None:
    out = run("--help")
    assert "Exit codes:" in out
    assert "  3  invalid dataset" in out and "  4  no such id or name" in out


@pytest.mark.parametrize(
    "command", [[name, *ARGS.get(name, [])] for name in PRINTING if name != "show"] + [["summit", "singapore", "hanoi"]]
)
def test_no_header_is_honoured_by_every_command(command: list[str]) -> None:
    for fmt in ("tsv", "csv"):  # a Markdown table cannot be without its header row
        with_header = run(*command, "--format", fmt).splitlines()
        without = run(*command, "--format", fmt, "--no-header").splitlines()
        assert without == with_header[1:], (command, fmt)
    table = run(*command, "--format", "table", "--no-header")
    assert "───" not in table  # the rule under a header row


def test_the_readme_lists_every_option_as_the_cli_has_it() -> None:
    from nkus import readme

    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert readme.rewritten(text) == text, "run: python -m nkus.readme README.md"
    for name, command in COMMANDS.items():
        assert f"**`nkus {name} " in text, name
        for option in command.options:
            assert f"`{option.flags[0]}`" in text


def test_table_columns_stay_put_across_chunks() -> None:
    """Widths are decided over every row: a long id after the first chunk of rows does not move
    the columns of the rows drawn after it."""
    from nkus import render
    from nkus.env import Environment
    from nkus.rows import Row

    rows = [
        Row({"date": "2019-05-04", "title": f"Event {n}", "id": f"e{n}" if n < 300 else f"a-much-longer-id-{n}"})
        for n in range(450)
    ]
    out = io.StringIO()
    render.write(rows, ["date", "title", "id"], "table", Environment(out, True, False, 120))
    starts = {line.index(" e") if " e" in line[12:30] else line.index(" a-") for line in out.getvalue().splitlines()
              if line.strip().startswith("2019-05-04")}  # fmt: skip
    assert len(starts) == 1, starts


def test_help_reads_whole() -> None:
    """`nkus --help` gives each command's first sentence whole; `nkus export --help` lists every
    format with what reads it."""
    from nkus.export import EXPORTS

    text = " ".join(run("--help").split()[5:])  # after "Usage: nkus [OPTIONS] COMMAND [ARGS]..."
    assert "..." not in text
    for command in COMMANDS.values():
        assert " ".join(command.summary.split()) in text, command.name
    export_help = run("export", "--help")
    for name, (_, _, what) in EXPORTS.items():
        assert f"{name}" in export_help and what in " ".join(export_help.split()), name


@pytest.mark.parametrize("command", ["summit", "agreements"])
def test_all_records_come_as_a_list_before_any_wall(command: str) -> None:
    """With no names, a table lists the records, a few lines each; side by side with --all."""
    listed = run(command, "--format", "table")
    records = len(json.loads(run(command, "--json")))
    assert records > 0 and len(listed.splitlines()) <= 4 * records + 5
    side_by_side = run(command, "--all", "--format", "table")
    ids = [r["id"] for r in json.loads(run(command, "--json"))]
    header = next(line for line in side_by_side.splitlines() if ids[0] in line)
    assert all(i[:8] in header for i in ids)  # the records are the columns
