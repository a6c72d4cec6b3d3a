"""Finding things (issue 14): search that forgives how a name or word is written, `nkus search`
over every record, the vocabulary commands, unambiguous filter values and dates. Each example of
the issue's "Why" is run through the CLI on the bundled data."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from nkus import load
from nkus.cli import app
from nkus.exits import ExitStatus as Exit
from nkus.fold import fold
from nkus.location import bundled_path
from tests.conftest import MINI

runner = CliRunner()
BUNDLED = {"NKUS_DATA": bundled_path(), "COLUMNS": "100", "NO_COLOR": ""}
MINI_ENV = {**BUNDLED, "NKUS_DATA": str(MINI)}


def invoke(*args: str, env: dict[str, str] = BUNDLED, code: int = 0) -> tuple[str, str]:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == code, (result.output, result.exception)
    return result.stdout, result.stderr


def ids(*args: str, env: dict[str, str] = BUNDLED) -> list[str]:
    out, _ = invoke(*args, "--json", env=env)
    return [r["id"] for r in json.loads(out)]


def error(*args: str, env: dict[str, str] = BUNDLED) -> str:
    out, err = invoke(*args, env=env, code=Exit.USAGE)
    assert out == "" and err.count("\n") == 1 and err.startswith("nkus: error: ")
    return err


# The "Why", one example at a time.


def test_a_hyphenated_name_finds_what_the_spaced_one_does() -> None:
    spaced = ids("timeline", "--search", "Kim Jong Un")
    assert len(spaced) > 20
    assert ids("timeline", "--search", "Kim Jong-un") == spaced
    assert ids("timeline", "--search", "kim jong-UN") == spaced


def test_ri_yong_ho_is_found_however_written() -> None:
    found = ids("timeline", "--search", "Ri Yong-ho")
    assert "ri-yong-ho-press-conference-2019-03-01" in found
    assert ids("timeline", "--search", "Ri Yong Ho") == found


def test_british_and_american_spellings_find_the_same_events() -> None:
    american = ids("timeline", "--search", "denuclearization")
    assert len(american) >= 16
    assert ids("timeline", "--search", "denuclearisation") == american
    assert ids("timeline", "--search", "defence") == ids("timeline", "--search", "defense")


@pytest.mark.parametrize(
    ("words", "record_type", "record_id"),
    [
        ("Hanoi summit", "summit", "hanoi-2019"),
        ("Rocket Man", "source", "cnbc-2017-09-19-rocket-man"),
        ("Ri Yong-ho", "actor", "ri-yong-ho"),
        ("Singapore Joint Statement", "agreement", "singapore-joint-statement-2018"),
    ],
)
def test_search_finds_records_of_every_type(words: str, record_type: str, record_id: str) -> None:
    out, _ = invoke("search", words, "--type", record_type, "--json")
    rows = json.loads(out)
    assert rows and rows[0]["id"] == record_id and {r["type"] for r in rows} == {record_type}


def test_search_looks_in_claims_quotes_and_objectives() -> None:
    ds = load(bundled_path())
    claim = next(iter(ds.claims.values()))
    quoted = " ".join(claim.quote.split()[:6])
    out, _ = invoke("search", quoted, "--type", "claim", "--json")
    rows = json.loads(out)
    assert claim.id in [r["id"] for r in rows] and "quote" in rows[0]["matched"]
    objective = next(iter(ds.objectives.values()))
    assert objective.id in [r["id"] for r in json.loads(invoke("search", objective.title, "--json")[0])]


def test_search_lists_every_type_it_finds_ranked() -> None:
    rows = json.loads(invoke("search", "Kim Jong-un", "--json")[0])
    assert {"actor", "event", "source", "summit"} <= {r["type"] for r in rows}
    assert rows[0]["id"] == "kim-jong-un"
    assert list(rows[0]) == ["id", "type", "title", "date", "score", "matched", "snippet"]


def test_a_misspelt_word_is_searched_as_the_nearest_one_with_a_note() -> None:
    out, err = invoke("search", "hanio", "--type", "summit", "--json")
    assert [r["id"] for r in json.loads(out)][:1] == ["hanoi-2019"]
    assert err == "nkus: no 'hanio' in the data; searched for 'hanoi'\n"


def test_an_actor_filter_that_names_several_actors_lists_them() -> None:
    message = error("timeline", "--actor", "kim")
    assert "--actor 'kim' matches" in message and "kim-jong-un (Kim Jong Un)" in message
    assert "kim-yo-jong (Kim Yo Jong)" in message
    one = ids("timeline", "--actor", "kim-jong-un")
    assert one and ids("timeline", "--actor", "Kim Jong-un") == one == ids("timeline", "--actor", "jong un")


@pytest.mark.parametrize("name", ["DPRK", "North Korea", "north-korea", "PRK", "prk"])
def test_usual_country_names_are_accepted(name: str) -> None:
    assert ids("timeline", "--country", name) == ids("timeline", "--country", "PRK")


@pytest.mark.parametrize(
    ("names", "code"), [(("ROK", "South Korea"), "KOR"), (("US", "USA", "United States", "U.S."), "USA")]
)
def test_other_country_names(names: tuple[str, ...], code: str) -> None:
    expected = ids("timeline", "--country", code)
    assert expected
    for name in names:
        assert ids("timeline", "--country", name) == expected, name


def test_a_country_name_it_cannot_place_says_which_codes_to_use() -> None:
    message = error("timeline", "--country", "Korea")
    assert "no country 'Korea'" in message and "KOR (South Korea)" in message and "PRK (North Korea)" in message


def test_a_date_that_reads_two_ways_is_an_error_suggesting_iso() -> None:
    message = error("timeline", "--from", "01/02/2019")
    assert "could be 1 February or 2 January 2019: write 2019-02-01 or 2019-01-02" in message


@pytest.mark.parametrize("text", ["19-05-04", "04/05/19", "4 May 19"])
def test_two_digit_years_are_errors(text: str) -> None:
    assert "two-digit year" in error("timeline", "--from", text)


@pytest.mark.parametrize("text", ["yesterday", "last week", "3 days ago", "this month"])
def test_relative_dates_are_errors(text: str) -> None:
    assert "relative to today" in error("timeline", "--to", text)


@pytest.mark.parametrize(
    ("text", "same_as"), [("13/02/2019", "2019-02-13"), ("2019/05/04", "2019-05-04"), ("05/2019", "2019-05")]
)
def test_numeric_dates_with_one_reading_are_accepted(text: str, same_as: str) -> None:
    assert ids("timeline", "--from", text, "--to", text) == ids("timeline", "--from", same_as, "--to", same_as)


def test_help_says_which_dates_are_accepted() -> None:
    out, _ = invoke("timeline", "--help")
    flat = " ".join(out.split())
    assert "01/02/2019" in flat and "two-digit years" in flat and "yesterday" in flat


@pytest.mark.parametrize("command", ["actors", "tags", "kinds"])
def test_vocabulary_commands_count_events_in_every_format(command: str) -> None:
    rows = json.loads(invoke(command, "--json")[0])
    key = "kind" if command == "kinds" else "id"
    assert rows and all(isinstance(r["events"], int) for r in rows)
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)
    for fmt in ("csv", "tsv", "md", "jsonl"):
        assert invoke(command, "--format", fmt)[0].count("\n") >= len(rows), fmt
    tsv = invoke(command, "--format", "tsv")[0].splitlines()
    assert tsv[0].split("\t")[0] == key and [line.split("\t")[0] for line in tsv[1:]] == [r[key] for r in rows]


def test_vocabulary_counts_agree_with_the_timeline() -> None:
    actors = {r["id"]: r["events"] for r in json.loads(invoke("actors", "--json")[0])}
    assert actors["trump"] == len(ids("timeline", "--actor", "trump"))
    tags = {r["id"]: r["events"] for r in json.loads(invoke("tags", "--json")[0])}
    assert tags["denuclearization"] == len(ids("timeline", "--tag", "denuclearization"))
    kinds = {r["kind"]: r["events"] for r in json.loads(invoke("kinds", "--from", "2019", "--to", "2019", "--json")[0])}
    assert kinds["missile-test"] == len(ids("timeline", "--kind", "missile-test", "--from", "2019", "--to", "2019"))


# Aliases (in the mini fixture: the bundled actors have none yet).


@pytest.mark.parametrize("alias", ["Chairman Kim", "Kim Jong-eun", "kim jong eun"])
def test_an_alias_finds_the_actor_and_its_events(alias: str) -> None:
    assert ids("timeline", "--search", alias, env=MINI_ENV) == ids("timeline", "--actor", "kim-jong-un", env=MINI_ENV)
    assert ids("timeline", "--actor", alias, env=MINI_ENV) == ids("timeline", "--actor", "kim-jong-un", env=MINI_ENV)
    found = json.loads(invoke("search", alias, "--json", env=MINI_ENV)[0])
    assert found[0]["id"] == "kim-jong-un" and {"event", "summit"} <= {r["type"] for r in found}


def test_search_rows_are_the_same_in_every_format() -> None:
    rows = json.loads(invoke("search", "summit", "--json", env=MINI_ENV)[0])
    assert len(rows) >= 4
    tsv = invoke("search", "summit", "--format", "tsv", env=MINI_ENV)[0].splitlines()
    assert [line.split("\t")[:2] for line in tsv[1:]] == [[r["id"], r["type"]] for r in rows]
    lines = invoke("search", "summit", "--format", "jsonl", env=MINI_ENV)[0].splitlines()
    assert [json.loads(line) for line in lines] == rows


def test_search_errors() -> None:
    assert "unknown record type 'evnt'" in error("search", "x", "--type", "evnt", env=MINI_ENV)
    assert "nothing to search for" in error("search", "--", "-", env=MINI_ENV)


def test_dataset_text_in_a_snippet_is_not_markup(copy_mini) -> None:  # type: ignore[no-untyped-def]
    def mark(doc: dict[str, list[dict[str, str]]]) -> None:
        doc["events"][0]["summary"] = "[bold]Leaders[/bold] met \x1b[31m."

    root = copy_mini(events=mark)
    out, _ = invoke("search", "leaders", "--format", "table", env={**MINI_ENV, "NKUS_DATA": str(root)})
    assert "[bold]" in out and "\x1b[31m" not in out


# Properties: however a name is written, the same events.

NAMES = sorted({a.name for a in load(bundled_path()).actors.values() if a.type == "person"})


@st.composite
def rewritten(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(NAMES))
    parts = name.split()
    seps = [draw(st.sampled_from([" ", "-", "  ", " - ", "\u2013"])) for _ in parts[1:]]
    joined = parts[0] + "".join(s + p for s, p in zip(seps, parts[1:], strict=True))
    cased = "".join(c.upper() if draw(st.booleans()) else c.lower() for c in joined)
    accented = "".join(c + "\u0301" if c in "aeiou" and draw(st.booleans()) else c for c in cased)
    return name, accented


@settings(max_examples=60, deadline=None)
@given(rewritten())
def test_a_name_written_with_hyphens_spaces_case_or_accents_finds_the_same_events(pair: tuple[str, str]) -> None:
    name, written = pair
    ds = load(bundled_path())
    assert fold(written) == fold(name)
    assert [e.id for e in ds.timeline(text=written)] == [e.id for e in ds.timeline(text=name)]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(NAMES), st.sampled_from([str.upper, str.lower, lambda s: s.replace(" ", "-")]))
def test_the_cached_index_and_search_agree_on_rewritten_names(name: str, rewrite: object) -> None:
    from nkus.filters import EventFilter
    from nkus.index import timeline
    from nkus.search import search

    written = rewrite(name)  # type: ignore[operator]
    found = timeline(bundled_path(), EventFilter.build(text=written)).events
    assert [e.id for e in found] == [e.id for e in timeline(bundled_path(), EventFilter.build(text=name)).events]
    ds = load(bundled_path())
    assert [h.id for h in search(ds, written)] == [h.id for h in search(ds, name)]


def test_the_readme_date_errors_are_what_the_command_prints(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import shlex
    from pathlib import Path

    from nkus.cli import main

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Dates you type", 1)[1].split("```console\n", 1)[1].split("```", 1)[0]
    lines = section.splitlines()
    monkeypatch.setenv("NKUS_DATA", bundled_path())
    commands = [(shlex.split(line[2:])[1:], lines[i + 1]) for i, line in enumerate(lines) if line.startswith("$ ")]
    assert len(commands) == 3
    for args, expected in commands:
        assert main(args) == Exit.USAGE
        assert capsys.readouterr().err == expected + "\n"
