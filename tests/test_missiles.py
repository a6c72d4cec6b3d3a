"""`nkus missiles`: one row per missile, its time in Korean time and UTC, its site's place; and the
loader's checks of launch sites and salvos."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.conftest import MINI, write_json

SITE = {
    "id": "test-airfield",
    "name": "Test airfield",
    "aliases": ["the airfield"],
    "province": "South Pyongan",
    "lat": 39.2,
    "lon": 125.67,
    "sources": ["src-b"],
}
# Two salvos a day: the first before 09:00 KST falls on the previous UTC day.
SALVOS = {
    "id": "launch-2022-11-03-test",
    "date": "2022-11-03",
    "kind": "missile-test",
    "title": "A day of salvos",
    "summary": "Launches at two times from two places.",
    "actors": ["dprk"],
    "sources": ["src-b"],
    "missile": {
        "count": 3,
        "system": "Short-range missiles",
        "class": "SRBM",
        "time": "07:40",
        "site_id": "test-airfield",
        "salvos": [
            {"count": 1, "time": "07:40", "class": "ICBM", "system": "An ICBM"},
            {"count": 2, "time": "23:50", "site": "Off the coast"},
        ],
    },
}
UNTIMED = {
    "id": "launch-2019-07-31-test",
    "date": "2019-07-31",
    "kind": "missile-test",
    "title": "An untimed launch",
    "summary": "Two missiles at an hour not given.",
    "actors": ["dprk"],
    "sources": ["src-b"],
    "missile": {"count": 2, "system": "KN-25", "class": "SRBM"},
}


def layer(tmp_path: Path, events: list[dict[str, Any]], sites: list[dict[str, Any]]) -> Path:
    root = tmp_path / f"mine{len(list(tmp_path.iterdir()))}"
    root.mkdir()
    write_json(root / "events.json", {"schema_version": 2, "events": events})
    write_json(root / "sites.json", {"schema_version": 2, "sites": sites})
    return root


def nkus(*args: str, data: list[Path]) -> subprocess.CompletedProcess[str]:
    env = {"NKUS_DATA": ":".join(map(str, data)), "PATH": "/usr/bin:/bin", "NKUS_PAGER": ""}
    return subprocess.run(
        [sys.executable, "-m", "nkus", *args], capture_output=True, text=True, env=env, check=False,
        cwd=Path(__file__).parent.parent,
    )  # fmt: skip


def rows(*args: str, data: list[Path]) -> list[dict[str, Any]]:
    done = nkus("missiles", "--format", "json", *args, data=data)
    assert done.returncode == 0, done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


def test_a_row_per_missile_with_its_salvos_time_in_utc_and_its_site(tmp_path: Path) -> None:
    data = [MINI, layer(tmp_path, [SALVOS], [SITE])]
    got = rows("--from", "2022-11-03", "--to", "2022-11-03", data=data)
    assert [(r["number"], r["of"], r["class"], r["system"]) for r in got] == [
        (1, 3, "ICBM", "An ICBM"),
        (2, 3, "SRBM", "Short-range missiles"),
        (3, 3, "SRBM", "Short-range missiles"),
    ]
    # 07:40 KST on 3 Nov is 22:40 UTC on 2 Nov; 23:50 KST is 14:50 UTC the same day.
    assert [(r["date"], r["time"], r["date_utc"], r["time_utc"]) for r in got] == [
        ("2022-11-03", "07:40", "2022-11-02", "22:40"),
        ("2022-11-03", "23:50", "2022-11-03", "14:50"),
        ("2022-11-03", "23:50", "2022-11-03", "14:50"),
    ]
    # The site the day names, with its coordinates; a salvo's own reported site as it was reported.
    assert [(r["site"], r["site_id"], r["lat"], r["lon"]) for r in got] == [
        ("Test airfield", "test-airfield", 39.2, 125.67),
        ("Off the coast", "test-airfield", 39.2, 125.67),
        ("Off the coast", "test-airfield", 39.2, 125.67),
    ]
    assert {r["event"] for r in got} == {"launch-2022-11-03-test"}


def test_without_a_time_the_utc_date_is_either_day_and_an_unknown_count_is_one_row(tmp_path: Path) -> None:
    data = [MINI, layer(tmp_path, [UNTIMED], [])]
    got = rows("--from", "2019-05", "--to", "2019-07", data=data)
    assert [(r["event"], r["number"], r["of"], r["date_utc"], r["time_utc"]) for r in got] == [
        ("launch-2019-05-04", 1, 2, "2019-05-03/2019-05-04", None),
        ("launch-2019-05-04", 2, 2, "2019-05-03/2019-05-04", None),
        ("launch-2019-05-09", None, None, "2019-05-08/2019-05-09", None),  # its count is not known
        ("launch-2019-07-31-test", 1, 2, "2019-07-30/2019-07-31", None),
        ("launch-2019-07-31-test", 2, 2, "2019-07-30/2019-07-31", None),
    ]
    table = nkus("missiles", "--format", "table", "--from", "2019-05-09", "--to", "2019-05-09", data=data).stdout
    assert "count unknown" in table and "2019-05-08/09" in table


def test_the_class_and_system_filters_choose_the_launch_days(tmp_path: Path) -> None:
    data = [MINI, layer(tmp_path, [SALVOS, UNTIMED], [SITE])]
    assert {r["event"] for r in rows("--system", "kn 25", data=data)} == {"launch-2019-07-31-test"}
    assert {r["event"] for r in rows("--class", "srbm", "--from", "2022", data=data)} == {"launch-2022-11-03-test"}


def problems(tmp_path: Path, events: list[dict[str, Any]], sites: list[dict[str, Any]]) -> str:
    done = nkus("validate", data=[MINI, layer(tmp_path, events, sites)])
    assert done.returncode == 3, done.stdout
    return done.stdout


def changed(record: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(record))
    change(copy)
    return copy


def test_salvos_must_add_up_to_the_days_count(tmp_path: Path) -> None:
    wrong = changed(SALVOS, lambda e: e["missile"].update(count=4))
    assert "missile.salvos: count 3 in all, but the day's missile.count is 4" in problems(tmp_path, [wrong], [SITE])


def test_a_site_id_must_name_a_site(tmp_path: Path) -> None:
    assert "missile.site_id: no site 'test-airfield'" in problems(tmp_path, [SALVOS], [])


def test_coordinates_are_in_range_together_and_sourced(tmp_path: Path) -> None:
    far = changed(SITE, lambda s: s.update(lat=91))
    assert "lat: must be at most 90, not 91" in problems(tmp_path, [], [far])
    alone = changed(SITE, lambda s: s.pop("lon"))
    assert "lon: a site's coordinates are lat and lon together" in problems(tmp_path, [], [alone])
    unsourced = changed(SITE, lambda s: s.pop("sources"))
    assert "sources: coordinates need a source that gives them" in problems(tmp_path, [], [unsourced])


def test_a_site_is_a_record_show_finds(tmp_path: Path) -> None:
    done = nkus("show", "test-airfield", "--format", "json", data=[MINI, layer(tmp_path, [], [SITE])])
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert (shown["record_type"], shown["lat"], shown["lon"], shown["sources"]) == ("site", 39.2, 125.67, ["src-b"])
