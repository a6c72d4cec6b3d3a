from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nkus import DatasetError, check, load
from nkus.loader import ENV_VAR, bundled_path

Doc = dict[str, Any]


def problems_of(root: Path) -> list[str]:
    return [str(p) for p in check(root)]


def first(doc: Doc, key: str = "events") -> dict[str, Any]:
    record: dict[str, Any] = doc[key][0]
    return record


def test_mini_is_valid(copy_mini: Callable[..., Path]) -> None:
    assert check(copy_mini()) == []


@pytest.mark.parametrize(
    ("stem", "mutate", "expected"),
    [
        ("events", lambda d: first(d).pop("title"), "events.json: summit-2018: title: missing required field"),
        (
            "events",
            lambda d: first(d).update(title=7),
            "events.json: summit-2018: title: must be a string, not a number",
        ),
        ("events", lambda d: first(d).update(colour="red"), "events.json: summit-2018: colour: unknown field"),
        (
            "events",
            lambda d: first(d).update(date="2019-13-45"),
            "events.json: summit-2018: date: '2019-13-45' has no month 13",
        ),
        (
            "events",
            lambda d: first(d).update(date="12 June 2018"),
            "events.json: summit-2018: date: '12 June 2018' is not a date",
        ),
        (
            "events",
            lambda d: first(d).update(end="2018-06-01"),
            "events.json: summit-2018: end: '2018-06-01' is before the date '2018-06-12'",
        ),
        (
            "events",
            lambda d: first(d).update(qualifier="early"),
            "events.json: summit-2018: qualifier: only a month or year",
        ),
        ("events", lambda d: first(d).update(kind="party"), "events.json: summit-2018: kind: 'party' is not one of"),
        (
            "events",
            lambda d: first(d).update(sources=[]),
            "events.json: summit-2018: sources: needs at least 1 item(s)",
        ),
        (
            "events",
            lambda d: first(d).update(sources=["nope"]),
            "events.json: summit-2018: sources[0]: no source 'nope'",
        ),
        (
            "events",
            lambda d: first(d).update(actors=["trump", "kim"]),
            "events.json: summit-2018: actors[1]: no actor 'kim'",
        ),
        (
            "events",
            lambda d: first(d).update(summit="nowhere"),
            "events.json: summit-2018: summit: no summit 'nowhere'",
        ),
        (
            "events",
            lambda d: first(d).update(approximate="yes"),
            "events.json: summit-2018: approximate: must be a boolean, not a string",
        ),
        (
            "events",
            lambda d: d["events"][1]["missile"].update(count="two"),
            "events.json: launch-2019-05-04: missile.count: must be a whole number",
        ),
        (
            "events",
            lambda d: d["events"][1]["missile"].update(count=True),
            "events.json: launch-2019-05-04: missile.count: must be a whole number, not a boolean",
        ),
        (
            "events",
            lambda d: d["events"][1]["disputes"][0].pop("note"),
            "events.json: launch-2019-05-04: disputes[0].note: missing required field",
        ),
        ("events", lambda d: first(d).update(id="Bad Id"), "events.json: #1: id: 'Bad Id' is not a slug"),
        (
            "events",
            lambda d: first(d).update(id="src-a"),
            "events.json: src-a: id: duplicate id (also a record in sources.json)",
        ),
        ("events", lambda d: d["events"].append(None), "events.json: #7: must be an object, not null"),
        ("events", lambda d: d.update(schema_version=1), "events.json: schema_version: must be 2, not 1"),
        (
            "events",
            lambda d: d["events"][1]["missile"].update(count=-1),
            "events.json: launch-2019-05-04: missile.count: must be at least 0, not -1",
        ),
        (
            "events",
            lambda d: d["events"][1]["missile"].update(range_km=-5.5),
            "events.json: launch-2019-05-04: missile.range_km: must be at least 0, not -5.5",
        ),
        (
            "events",
            lambda d: d["events"][1]["missile"].update(apogee_km="60"),
            "events.json: launch-2019-05-04: missile.apogee_km: must be a number, not a string",
        ),
        (
            "events",
            lambda d: d["events"][1]["missile"].update(time="25:00"),
            "events.json: launch-2019-05-04: missile.time: '25:00' is not a time of day as HH:MM",
        ),
        (
            "events",
            lambda d: d["events"][1]["missile"].update({"class": "SRBN"}),
            "events.json: launch-2019-05-04: missile.class: 'SRBN' is not one of: SRBM, MRBM",
        ),
        (
            "events",
            lambda d: d["events"][1]["missile"].update(outcome="partial"),
            "events.json: launch-2019-05-04: missile.outcome: 'partial' is not one of: success, failure, unknown",
        ),
        (
            "events",
            lambda d: first(d).update(tags=["letters"]),
            "events.json: summit-2018: tags[0]: no tag 'letters'",
        ),
        (
            "events",
            lambda d: first(d).pop("summit"),
            "events.json: summit-2018: summit: a summit event must name its summit",
        ),
        (
            "sources",
            lambda d: first(d, "sources").pop("publisher"),
            "sources.json: src-a: publisher: missing required field",
        ),
        (
            "sources",
            lambda d: first(d, "sources").update(publisher="Example Wire"),
            "sources.json: src-a: publisher: 'Example Wire' is not a slug",
        ),
        (
            "sources",
            lambda d: first(d, "sources").update(via="nobody"),
            "sources.json: src-a: via: no publisher 'nobody'",
        ),
        (
            "publishers",
            lambda d: first(d, "publishers").update(kind="tabloid"),
            "publishers.json: example-institute: kind: 'tabloid' is not one of",
        ),
        (
            "coverage",
            lambda d: first(d, "coverage").update(to="2018-12"),
            "coverage.json: launches: to: '2018-12' is before from '2019-01'",
        ),
        (
            "coverage",
            lambda d: first(d, "coverage").update(kinds=["launch"]),
            "coverage.json: launches: kinds[0]: 'launch' is not one of",
        ),
        (
            "agreements",
            lambda d: first(d, "agreements")["provisions"][0].update(clause="word " * 26),
            "agreements.json: sing-statement: provisions[0].clause: has 26 words",
        ),
        (
            "agreements",
            lambda d: first(d, "agreements")["provisions"][0].update(dimension="vibes"),
            "agreements.json: sing-statement: provisions[0].dimension: 'vibes' is not one of",
        ),
        ("events", lambda d: d.update(events={}), "events.json: events: must be a list of records, not an object"),
        (
            "claims",
            lambda d: first(d, "claims").update(quote="word " * 26),
            "claims.json: claim-one: quote: has 26 words",
        ),
        (
            "claims",
            lambda d: first(d, "claims").update(objectives=["obj-x"]),
            "claims.json: claim-one: objectives[0]: no objective 'obj-x'",
        ),
        (
            "claims",
            lambda d: first(d, "claims")["evidence"][0].update(event="gone"),
            "claims.json: claim-one: evidence[0].event: no event 'gone'",
        ),
        (
            "claims",
            lambda d: first(d, "claims").update(kind="opinion"),
            "claims.json: claim-one: kind: 'opinion' is not one of",
        ),
        (
            "claims",
            lambda d: first(d, "claims").pop("speaker"),
            "claims.json: claim-one: speaker: missing required field",
        ),
        (
            "summits",
            lambda d: first(d, "summits")["verdicts"][0].pop("voice"),
            "summits.json: sing-2018: verdicts[0].voice: missing required field",
        ),
        (
            "summits",
            lambda d: d["summits"][1]["aliases"].append("singapore"),
            "summits.json: hanoi: aliases[1]: 'singapore' already names summit 'sing-2018'",
        ),
        (
            "summits",
            lambda d: first(d, "summits")["verdicts"][0].update(spectacle="huge"),
            "summits.json: sing-2018: verdicts[0].spectacle: 'huge' is not one of",
        ),
        (
            "summits",
            lambda d: first(d, "summits").update(delegations={"USA": "Pompeo"}),
            "summits.json: sing-2018: delegations.USA: must be a list",
        ),
        ("sources", lambda d: first(d, "sources").update(title="  "), "sources.json: src-a: title: must not be empty"),
    ],
)
def test_each_kind_of_bad_record_is_named(
    copy_mini: Callable[..., Path], stem: str, mutate: Callable[[Doc], Any], expected: str
) -> None:
    found = problems_of(copy_mini(**{stem: mutate}))
    assert any(p.startswith(expected) for p in found), found


def test_every_problem_is_reported_not_just_the_first(copy_mini: Callable[..., Path]) -> None:
    def spoil(doc: Doc) -> None:
        for ev in doc["events"]:
            ev["kind"] = "nonsense"

    found = problems_of(copy_mini(events=spoil))
    assert len([p for p in found if ": kind: " in p]) == 6


def test_load_raises_with_all_problems(copy_mini: Callable[..., Path]) -> None:
    root = copy_mini(events=lambda d: [e.update(sources=["x"]) for e in d["events"]])
    with pytest.raises(DatasetError) as info:
        load(root)
    assert len(info.value.problems) == 6
    assert info.value.path == str(root)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            b'{"schema_version": 1, "events": [\n  {"id": "x",}\n]}',
            "events.json:2:14: invalid JSON: Expecting property name",
        ),
        (b'{"schema_version": 1, "events": [', "events.json:1:34: invalid JSON"),
        (b"", "events.json:1:1: invalid JSON: Expecting value"),
        (b'{"schema_version": 1,\n "events": ["caf\xe9"]}', "events.json:2:17: not UTF-8 text"),
        (b"[]", "events.json: must be an object with 'events', not a list"),
        (b"null", "events.json: must be an object with 'events', not null"),
        (b'{"schema_version": true, "events": []}', "events.json: schema_version: must be 2, not True"),
        (b"[" * 100000, "events.json: invalid JSON: nested too deeply"),
    ],
)
def test_broken_files_name_file_line_and_column(copy_mini: Callable[..., Path], content: bytes, expected: str) -> None:
    root = copy_mini()
    (root / "events.json").write_bytes(content)
    found = problems_of(root)
    assert any(p.startswith(expected) for p in found), found


def test_missing_directory_and_file(tmp_path: Path, copy_mini: Callable[..., Path]) -> None:
    assert problems_of(tmp_path / "nope") == [f"{tmp_path / 'nope'}: no such dataset directory"]
    (tmp_path / "file").write_text("x")
    assert problems_of(tmp_path / "file") == [f"{tmp_path / 'file'}: not a directory"]
    root = copy_mini()
    (root / "claims.json").unlink()
    found = problems_of(root)
    assert found[0].startswith("claims.json: missing")


def test_unreadable_file(copy_mini: Callable[..., Path]) -> None:
    root = copy_mini()
    (root / "actors.json").unlink()
    (root / "actors.json").mkdir()
    assert any(p.startswith("actors.json: not a regular file") for p in problems_of(root))


def test_dataset_location_order(monkeypatch: pytest.MonkeyPatch, copy_mini: Callable[..., Path]) -> None:
    root = copy_mini()
    monkeypatch.setenv(ENV_VAR, str(root))
    assert load().path == str(root)
    monkeypatch.delenv(ENV_VAR)
    assert load().path == str(bundled_path())


def test_hostile_text_survives_loading(copy_mini: Callable[..., Path]) -> None:
    hostile = "[bold red]x[/] \x1b[31mred\x1b[0m \u202eevil\u202c e\u0301 " + "y" * 1_000_000
    root = copy_mini(events=lambda d: first(d).update(title=hostile))
    ds = load(root)
    assert ds.event_index["summit-2018"].title == hostile


def test_an_unreadable_file_does_not_cascade_into_reference_errors(copy_mini: Callable[..., Path]) -> None:
    root = copy_mini()
    (root / "actors.json").write_text('{"schema_version": 1, "actors": [\n  {"id": "usa",}\n]}\n', encoding="utf-8")
    assert problems_of(root) == ["actors.json:2:16: invalid JSON: Expecting property name enclosed in double quotes"]


def test_ids_are_checked_as_slugs_in_bulk_as_one_by_one() -> None:
    from nkus.validate import all_slugs, is_slug

    for ids in (["a-b", "c1"], ["a-b", "C1"], ["a\nb"], ["a-"], [""], ["x"] * 5000 + ["x y"], ["-x"], []):
        assert all_slugs(ids) == all(is_slug(i) for i in ids), ids


def test_the_full_checks_decide_when_the_fast_ones_say_no(
    copy_mini: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from nkus import loader

    root = copy_mini()
    expected = [e.id for e in load(root).events]
    monkeypatch.setattr(loader, "_valid_records", lambda *_: None)
    assert [e.id for e in load(root).events] == expected
    assert check(root) == []
