"""`nkus export FORMAT`: each file is read back by an independent parser (icalendar, json,
bibtexparser, rispy, sqlite3, Datasette) and compared with the dataset."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from datetime import date, timedelta
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from nkus import Dataset, load
from nkus.cli import main
from nkus.dates import When
from tests.conftest import MINI

BUNDLED = None  # the dataset shipped with nkus
DATASETS = [pytest.param(MINI, id="mini"), pytest.param(BUNDLED, id="bundled")]


def export(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path | None, fmt: str, *args: str, suffix: str = ""
) -> Path:
    out = tmp_path / f"export.{suffix or fmt}"
    head = ["--data", str(data)] if data else []
    code = main([*head, "export", fmt, "-o", str(out), *args])
    _, err = capsys.readouterr()
    assert code == 0, err
    return out


def exported_json(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path | None, fmt: str, *args: str) -> Any:
    return json.loads(export(capsys, tmp_path, data, fmt, *args, suffix="json").read_text(encoding="utf-8"))


def dataset(data: Path | None) -> Dataset:
    return load(data) if data else load()


def expected_sources(ds: Dataset, events: list[Any]) -> set[str]:
    """What the bibliography of `events` should hold, worked out from the records: the events'
    own and their disputes' sources, and the sources of the claims about them."""
    ids = {e.id for e in events}
    out = {s for e in events for s in e.sources} | {s for e in events for d in e.disputes for s in d.sources}
    for c in ds.claims.values():
        if ids & ({*c.events} | {x.event for x in c.evidence}):
            out.add(c.source)
    return out


@pytest.mark.parametrize("data", DATASETS)
def test_ics_has_one_all_day_vevent_per_event_over_its_period(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path | None
) -> None:
    import icalendar

    ds = dataset(data)
    cal = icalendar.Calendar.from_ical(export(capsys, tmp_path, data, "ics").read_bytes())
    vevents = cal.walk("VEVENT")
    assert len(vevents) == len(ds.events)
    by_uid = {str(v["UID"]): v for v in vevents}
    for ev in ds.events:
        v = by_uid[f"{ev.id}@nkus.chronology"]
        first, last = When(ev.when.start, ev.when.end, ev.when.qualifier, False).bounds()
        assert v.decoded("DTSTART") == first and not isinstance(v.decoded("DTSTART"), type(None))
        assert v.decoded("DTEND") == last + timedelta(days=1)
        assert str(v["SUMMARY"]) == ev.title
        description = str(v["DESCRIPTION"])
        assert all(ds.sources[s].url in description for s in ev.sources)
    if data == MINI:  # partial dates: "early Oct 2019" is 1–10 October; a range's end is inclusive
        assert by_uid["talks-2019-10@nkus.chronology"].decoded("DTSTART") == date(2019, 10, 1)
        assert by_uid["talks-2019-10@nkus.chronology"].decoded("DTEND") == date(2019, 10, 11)
        assert by_uid["hanoi-2019@nkus.chronology"].decoded("DTEND") == date(2019, 3, 1)
        assert by_uid["year-2017@nkus.chronology"].decoded("DTEND") == date(2018, 1, 1)


def test_export_takes_the_timeline_filters(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import icalendar

    path = export(capsys, tmp_path, MINI, "ics", "--kind", "summit", "--from", "2019")
    assert [str(v["UID"]) for v in icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")] == [
        "hanoi-2019@nkus.chronology"
    ]


@pytest.mark.parametrize("data", DATASETS)
def test_timelinejs_dates_are_as_precise_as_the_events(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path | None
) -> None:
    doc, ds = exported_json(capsys, tmp_path, data, "timelinejs"), dataset(data)
    assert doc["title"]["text"]["headline"]
    slides = {s["unique_id"]: s for s in doc["events"]}
    assert len(doc["events"]) == len(slides) == len(ds.events)
    parts = {"year": ("year",), "month": ("year", "month"), "day": ("year", "month", "day")}
    groups = {s["group"] for s in slides.values()}
    assert len(groups) <= 4, groups  # each group is a row of TimelineJS's navigation
    for ev in ds.events:
        s = slides[ev.id]
        lower, upper = ev.when.bounds()
        exact = not (ev.when.qualifier or ev.when.approximate)
        assert tuple(s["start_date"]) == parts[ev.when.precision if exact else "day"]
        start = {"year": lower.year, "month": lower.month, "day": lower.day}
        assert {k: int(v) for k, v in s["start_date"].items()} == {k: start[k] for k in s["start_date"]}
        end = s.get("end_date", s["start_date"])
        assert date(int(end["year"]), int(end.get("month", 1)), int(end.get("day", 1))) == upper
        assert s["display_date"] == ev.when.human()
        assert unescape(s["text"]["headline"]) == ev.title
        assert all(ds.sources[x].url in unescape(s["text"]["text"]) for x in ev.sources)
    if data == MINI:
        assert slides["talks-2019-10"]["display_date"] == "early Oct 2019"
        assert slides["talks-2019-10"]["start_date"] == {"year": "2019", "month": "10", "day": "1"}
        assert slides["talks-2019-10"]["end_date"] == {"year": "2019", "month": "10", "day": "10"}
        assert slides["hanoi-2019"]["end_date"] == {"year": "2019", "month": "2", "day": "28"}


def test_timelinejs_escapes_dataset_text_that_timelinejs_would_read_as_html(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, copy_mini: Callable[..., Path]
) -> None:
    def hostile(doc: dict[str, Any]) -> None:
        doc["events"][0]["title"] = "<script>alert(1)</script>"
        doc["events"][0]["summary"] = '<img src=x onerror="alert(2)">'

    root = copy_mini(events=hostile)
    text = export(capsys, tmp_path, root, "timelinejs", suffix="json").read_text(encoding="utf-8")
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


@pytest.mark.parametrize("data", DATASETS)
def test_csl_json_is_the_bibliography_of_the_events_and_their_claims(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path | None
) -> None:
    items, ds = exported_json(capsys, tmp_path, data, "csl-json"), dataset(data)
    assert {i["id"] for i in items} == expected_sources(ds, ds.events)
    assert len(items) == len({i["id"] for i in items})
    for i in items:
        s = ds.sources[i["id"]]
        assert i["title"] == s.title and i["URL"] == s.url
        assert "-".join(f"{p:02d}" for p in i["issued"]["date-parts"][0]).lstrip("0") == s.date.lstrip("0")
        assert i["type"] in ("article-newspaper", "article-magazine", "report", "webpage")
        assert ds.publishers[s.publisher].name in (i.get("container-title"), i.get("publisher"))
        names = [(a.get("literal"), a.get("family"), a.get("given")) for a in i.get("author", [])]
        assert names == [(n.literal or None, n.family or None, n.given or None) for n in s.authors], s.id


def test_bibliography_follows_the_filters(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    items = exported_json(capsys, tmp_path, MINI, "csl-json", "--kind", "missile-test")
    assert [i["id"] for i in items] == ["src-b", "src-seed"]  # the launches' source, and the claim's about them


def latex_typography(text: str) -> str:
    """Text as LaTeX typesets it, for comparing what a BibTeX reader decodes with the original:
    LaTeX reads straight quotes as curly ones and `--` as an en dash."""
    return text.replace("--", "–").translate(str.maketrans("“”‘’", "\"\"''")).replace("''", '"')


@pytest.mark.parametrize("data", DATASETS)
def test_bibtex_reads_back_with_bibtexparser(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path | None
) -> None:
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    ds = dataset(data)
    text = export(capsys, tmp_path, data, "bibtex", suffix="bib").read_text(encoding="utf-8")
    lib = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert not lib.failed_blocks
    assert {e.key for e in lib.entries} == expected_sources(ds, ds.events)
    raw = bibtexparser.parse_string(text).entries_dict  # addresses are verbatim: read them undecoded
    for e in lib.entries:
        s = ds.sources[e.key]
        fields = e.fields_dict
        assert latex_typography(fields["title"].value) == latex_typography(s.title)
        assert raw[e.key].fields_dict["url"].value == s.url
        assert fields["date"].value == s.date
        assert e.entry_type in ("article", "report", "online")


def test_bibtex_escapes_latex_specials(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, copy_mini: Callable[..., Path]
) -> None:
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    title = "Kim & Moon: 50% {progress} on #1_item, $5 — Ri Yong-ho"

    def tricky(doc: dict[str, Any]) -> None:
        doc["sources"][0]["title"] = title
        doc["sources"][0]["authors"] = [
            {"family": "Jeong", "given": "Woo-sang", "family_first": True},
            {"literal": "Center for Strategic and International Studies"},
            {"family": "Doe", "given": "Jane"},
        ]

    root = copy_mini(sources=tricky)
    text = export(capsys, tmp_path, root, "bibtex", suffix="bib").read_text(encoding="utf-8")
    assert r"{Kim} \& {Moon:} {50\%}" in text  # escaped; capitals, and a word after a colon, braced
    assert "author = {Jeong, Woo-sang and {Center for Strategic and International Studies} and Doe, Jane}" in text
    entry = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()]).entries_dict["src-a"]
    assert entry.fields_dict["title"].value == title


@pytest.mark.parametrize("data", DATASETS)
def test_ris_reads_back_with_rispy(capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path | None) -> None:
    import rispy

    ds = dataset(data)
    records = rispy.loads(export(capsys, tmp_path, data, "ris").read_text(encoding="utf-8"))
    assert {r["id"] for r in records} == expected_sources(ds, ds.events)
    for r in records:
        s = ds.sources[r["id"]]
        assert r["title"] == " ".join(s.title.split())
        assert r["urls"] == [s.url]
        assert r["year"] == s.date[:4]
        assert r["type_of_reference"] in ("NEWS", "MGZN", "RPRT", "ELEC")


@pytest.mark.parametrize("data", DATASETS)
def test_sqlite_has_a_table_per_record_type_and_link_with_foreign_keys_and_search(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path | None
) -> None:
    ds = dataset(data)
    db = sqlite3.connect(export(capsys, tmp_path, data, "sqlite", suffix="db"))

    def count(table: str) -> int:
        n: int = db.execute(f'select count(*) from "{table}"').fetchone()[0]
        return n

    for table, records in [
        ("events", ds.events), ("sources", ds.sources), ("publishers", ds.publishers), ("actors", ds.actors),
        ("summits", ds.summits), ("agreements", ds.agreements), ("claims", ds.claims), ("objectives", ds.objectives),
        ("tags", ds.tags), ("coverage", ds.coverage),
    ]:  # fmt: skip
        assert count(table) == len(records), table
    assert count("event_actors") == sum(len(e.actors) for e in ds.events)
    assert count("event_sources") == sum(len(e.sources) for e in ds.events)
    assert count("event_tags") == sum(len(e.tags) for e in ds.events)
    assert count("claim_events") == sum(len(c.events) for c in ds.claims.values())
    assert count("provisions") == sum(len(a.provisions) for a in ds.agreements.values())
    assert db.execute("pragma foreign_key_check").fetchall() == []
    fks = {(r[2], r[3]) for r in db.execute("pragma foreign_key_list(event_sources)")}
    assert fks == {("events", "event_id"), ("sources", "source_id")}
    ev = ds.events[-1]
    assert db.execute("select title, kind, date from events where id = ?", (ev.id,)).fetchone() == (
        ev.title, ev.kind, ev.when.start.iso(),
    )  # fmt: skip
    word = max(ev.title.split(), key=len).strip(".,:;'\"()")
    hits = db.execute(
        "select events.id from events_fts join events on events.rowid = events_fts.rowid where events_fts match ?",
        (f'"{word}"',),
    ).fetchall()
    assert (ev.id,) in hits
    claim = next(iter(ds.claims.values()))
    quoted = max(claim.quote.split(), key=len).strip(".,:;'\"()“”")
    assert db.execute("select count(*) from claims_fts where claims_fts match ?", (f'"{quoted}"',)).fetchone()[0] >= 1


def test_sqlite_opens_in_datasette(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = export(capsys, tmp_path, BUNDLED, "sqlite", suffix="db")
    proc = subprocess.run(
        [sys.executable, "-m", "datasette", "inspect", str(path)], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    tables = json.loads(proc.stdout)["export"]["tables"]
    assert tables["events"]["count"] == len(load().events)
    assert "events_fts" in tables


def test_sqlite_needs_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for args in (["export", "sqlite"], ["export", "sqlite", "-o", "-"]):
        code = main(["--data", str(MINI), *args])
        out, err = capsys.readouterr()
        assert code == 2 and out == ""
        assert err == "nkus: error: sqlite writes a file: give one with -o FILE\n"


def test_an_unknown_export_format_suggests_a_known_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(MINI), "export", "icss"]) == 2
    assert "did you mean 'ics'?" in capsys.readouterr().err


def test_a_missing_library_names_the_extra_to_install(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "icalendar", None)  # as on an install without the extra
    out = tmp_path / "x.ics"
    assert main(["--data", str(MINI), "export", "ics", "-o", str(out)]) == 2
    assert capsys.readouterr().err == "nkus: error: ics needs the icalendar package: pip install icalendar\n"
    assert not list(tmp_path.iterdir())  # nothing half-written
