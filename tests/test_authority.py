"""Coverage, agreements, publishers and attributed voices, through the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from nkus.cli import main
from tests.conftest import MINI


def run(capsys: pytest.CaptureFixture[str], *args: str, data: Path = MINI) -> tuple[int, str, str]:
    code = main(["--data", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_coverage_lists_what_the_dataset_declares(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "coverage", "--json")
    assert code == 0
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows["launches"] == {
        "id": "launches", "kinds": ["missile-test"], "classes": ["SRBM"], "from": "2019-01", "to": "2019-12",
        "level": "complete", "note": "every launch day",
    }  # fmt: skip
    assert rows["early"]["kinds"] == [] and rows["early"]["level"] == "selected"


@pytest.mark.parametrize(
    ("args", "noted"),
    [
        (["--from", "2019-02", "--to", "2019-11", "-k", "missile-test"], False),  # inside complete coverage
        (["--from", "2018", "--to", "2019-06", "-k", "missile-test"], True),  # reaches before it
        (["--from", "2019-05"], True),  # open end: reaches past it
        (["-k", "missile-test"], False),  # no range asked for: no note
        (["--from", "2019-03", "--to", "2019-04", "-k", "talks"], True),  # talks are never complete here
    ],
)
def test_a_range_outside_complete_coverage_gets_one_note_on_stderr(
    capsys: pytest.CaptureFixture[str], args: list[str], noted: bool
) -> None:
    for command in ("timeline", "stats"):
        code, out, err = run(capsys, command, *args, "--format", "tsv")
        assert code == 0
        lines = err.splitlines()
        if noted:
            assert len(lines) == 1 and lines[0].startswith("nkus: note: the dataset is complete for "), lines
            assert "nkus coverage" in lines[0] and len(lines[0]) <= 100  # one line of a 100-column terminal
        else:
            assert lines == []
        assert "note" not in out  # stdout stays data


def test_agreements_side_by_side_and_in_full(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "agreements", "--json")
    assert code == 0
    [row] = json.loads(out)
    assert row["denuclearization"] == ["Both sides commit to work toward denuclearization."]
    assert row["verification"] is None  # no such commitment in the text: shown as absent, not invented
    code, out, _ = run(capsys, "agreements", "Singapore-Statement", "--json")
    one = json.loads(out)
    assert one["provisions"][0] == {
        "dimension": "denuclearization", "clause": "work toward complete denuclearization",
        "summary": "Both sides commit to work toward denuclearization.", "fate": "No steps followed.",
        "sources": ["src-b"],
    }  # fmt: skip
    code, out, _ = run(capsys, "agreements", "singapore-statement", "-f", "table")
    assert "Provisions" in out and '{"dimension"' not in out  # nested parts as a section, not JSON
    code, _, err = run(capsys, "agreements", "singapur")
    assert code == 4 and err.startswith("nkus: no agreement 'singapur'")


def test_sources_name_their_publisher_and_filter_by_kind_record_and_strength(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "sources", "--json")
    by_id = {s["id"]: s for s in json.loads(out)}
    assert by_id["src-a"]["publisher_name"] == "Example Wire" and by_id["src-a"]["publisher_kind"] == "wire"
    assert by_id["src-seed"]["strong"] is True  # a think tank
    _, out, _ = run(capsys, "sources", "--kind", "think-tank", "--json")
    assert [s["id"] for s in json.loads(out)] == ["src-seed"]
    _, out, _ = run(capsys, "sources", "--of", "launch-2019-05-04", "--json")
    assert sorted(s["id"] for s in json.loads(out)) == ["src-b"]
    _, out, _ = run(capsys, "sources", "--weak", "--json")
    assert json.loads(out) == []
    code, _, err = run(capsys, "sources", "--kind", "tabloid")
    assert code == 2 and "unknown publisher kind 'tabloid'" in err


def test_stats_by_missile_class_and_system(capsys: pytest.CaptureFixture[str], copy_mini: Callable[..., Path]) -> None:
    def add_ranges(doc: dict[str, object]) -> None:
        events = doc["events"]
        assert isinstance(events, list)
        events[1]["missile"].update(apogee_km=50.5, range_km=420, outcome="success", time="05:06", site="Wonsan")

    root = copy_mini(events=add_ranges)
    _, out, _ = run(capsys, "stats", "--by", "class", "--json", data=root)
    assert [(r["key"], r["events"], r["missiles"]) for r in json.loads(out)] == [("SRBM", 2, 2)]
    _, out, _ = run(capsys, "stats", "--by", "system", "--json", data=root)
    assert sorted((r["key"], r["events"]) for r in json.loads(out)) == [("KN-23", 1), ("unknown", 1)]
    _, out, _ = run(
        capsys, "timeline", "-k", "missile-test", "--fields", "id,missile_range_km,missile_time", "--json", data=root
    )
    assert json.loads(out)[0] == {"id": "launch-2019-05-04", "missile_range_km": 420, "missile_time": "05:06"}


def test_claims_and_verdicts_credit_whose_words_they_are(capsys: pytest.CaptureFixture[str]) -> None:
    """A source's own words are credited to their speaker alone; words a source reports, to the
    speaker and the publisher that reported them."""
    _, out, _ = run(capsys, "claims", "--json", "--fields", "id,by,speaker,voice,published")
    assert json.loads(out) == [
        {"id": "claim-one", "by": "Example Institute", "speaker": "Example Institute", "voice": "author",
         "published": "2019-12-03"},
        {"id": "claim-two", "by": "Jane Doe, visiting fellow (via Example Institute)",
         "speaker": "Jane Doe, visiting fellow", "voice": "quoted", "published": "2019-12-03"},
    ]  # fmt: skip
    _, out, _ = run(capsys, "summit", "singapore", "--json")
    summit = json.loads(out)
    assert summit["verdict_by"] == "Example Institute"
    assert summit["verdicts"] == [
        {"by": "Example Institute", "voice": "author", "source": "src-seed", "spectacle": "high", "substance": "low",
         "summary": "Show over substance.", "claim": None},
    ]  # fmt: skip


def test_claims_about_hanoi_are_grouped_by_whose_words_they_are() -> None:
    """`claims --about hanoi` gives the claims of one speaker together, in the order each speaker
    first speaks in claims.json, each credited to its speaker (and, for words a source reports,
    the publisher that reported them)."""
    import subprocess
    import sys

    from nkus.loader import bundled_path

    def records(name: str) -> list[dict[str, str]]:
        with open(Path(bundled_path()) / f"{name}.json", encoding="utf-8") as f:
            found: list[dict[str, str]] = json.load(f)[name]
        return found

    sources = {s["id"]: s for s in records("sources")}
    publishers = {p["id"]: p["name"] for p in records("publishers")}
    about = [c for c in records("claims") if "hanoi-2019" in c.get("summits", [])]
    speakers = list(dict.fromkeys(c["speaker"] for c in about))
    expected = []
    for speaker in speakers:
        for c in about:
            if c["speaker"] == speaker:
                s = sources[c["source"]]
                reporter = publishers[s.get("via") or s["publisher"]]
                by = f"{speaker} (via {reporter})" if c["voice"] == "quoted" else speaker
                expected.append({"id": c["id"], "speaker": speaker, "by": by})
    proc = subprocess.run(
        [sys.executable, "-m", "nkus", "--data", "bundled", "claims", "--about", "hanoi", "--json",
         "--fields", "id,speaker,by"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == expected
    assert len(speakers) >= 10 and any(s.startswith("Ri Yong Ho") for s in speakers)
    assert any(e["by"].startswith("Ri Yong Ho") and e["by"].endswith("(via TASS)") for e in expected)


def test_the_kim_xi_summits_are_summits() -> None:
    from nkus import load

    ds = load()
    china = sorted(s.id for s in ds.summits.values() if "xi-jinping" in s.principals and "kim-jong-un" in s.principals)
    assert len(china) >= 6, china
    for sid in china:
        assert all(
            ds.event_index[e].kind == "summit" and ds.event_index[e].summit == sid for e in ds.summits[sid].events
        )


def test_icbm_launch_days_by_year_are_what_the_records_say() -> None:
    """`stats --class ICBM` counts, year by year, the launch days whose missile class is ICBM."""
    import json
    import subprocess
    import sys

    from nkus import load

    args = ["stats", "--by", "year", "--kind", "missile-test", "--class", "ICBM", "--from", "2017", "--to", "2025"]
    proc = subprocess.run([sys.executable, "-m", "nkus", *args, "--json"], capture_output=True, text=True, timeout=120)
    counted = {r["key"]: r["events"] for r in json.loads(proc.stdout)}
    expected: dict[str, int] = {str(y): 0 for y in range(2017, 2026)}
    for e in load().events:
        if e.kind == "missile-test" and e.missile and e.missile.cls == "ICBM" and 2017 <= e.lower.year <= 2025:
            expected[str(e.lower.year)] += 1
    assert counted == expected
    assert counted["2017"] >= 3 and counted["2022"] >= 4  # Hwasong-14/15 in 2017; Hwasong-17 in 2022


def test_the_readme_says_how_many_events_have_a_strong_source() -> None:
    from pathlib import Path

    from nkus import load
    from nkus.query import strong_source

    ds = load()
    strong = sum(1 for e in ds.events if any(strong_source(ds, ds.sources[s]) for s in e.sources))
    readme = " ".join((Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8").split())
    assert f"{strong} of the {len(ds.events)} events have one" in readme


def test_a_query_past_the_last_event_says_when_the_dataset_ends(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "timeline", "--from", "2030", "--format", "tsv")
    assert code == 0 and out.count("\n") == 1  # the header only
    assert err.startswith("nkus: note: the dataset's last event is of ") and err.count("\n") == 1
