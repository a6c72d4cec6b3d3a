"""The exports read by the programs people use, none of them ours: pandoc's citeproc over the
bibliographies, biber's data-model check, TimelineJS3 in Chromium, a second calendar reader and
Datasette. `.ci/run` installs each from the registries; on a developer's machine a missing one is
skipped with how to install it, and under CI it fails."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import nkus
from nkus.model import Dataset, Source
from tests.conftest import required

ROOT = Path(__file__).resolve().parent.parent
# Where `.ci/run` installs TimelineJS3 (npm install @knight-lab/timelinejs): its package folder.
TIMELINEJS = os.environ.get("NKUS_TIMELINEJS", "/work/tljs/node_modules/@knight-lab/timelinejs")


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return nkus.load()


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every export of the whole bundled dataset, made by the CLI as a user would, with what each
    wrote on stderr (nothing, for each)."""
    folder = tmp_path_factory.mktemp("exports")
    out = {}
    for fmt, name in [("bibtex", "all.bib"), ("csl-json", "all.json"), ("ris", "all.ris"), ("ics", "all.ics"),
                      ("timelinejs", "timeline.json"), ("sqlite", "all.db")]:  # fmt: skip
        path = folder / name
        proc = subprocess.run(
            [sys.executable, "-m", "nkus", "export", fmt, "-o", str(path)], capture_output=True, text=True, cwd=folder
        )
        assert proc.returncode == 0 and proc.stderr == "", (fmt, proc.stderr)
        out[fmt] = path
    return out


def pandoc() -> str:
    try:
        import pypandoc
    except ImportError:
        pypandoc = None
    found = required(pypandoc, "pandoc is missing: pip install pypandoc-binary (the test extra has it)")
    path: str = found.get_pandoc_path()
    return path


PANDOC_READERS = {"bibtex": "biblatex", "csl-json": "csljson", "ris": "ris"}


def straight(text: str) -> str:
    """Text with typographic quotes as straight ones and spaces collapsed: pandoc makes quotes curly,
    and reads TeX's `--` as the en dash it typesets."""
    return " ".join(text.translate(str.maketrans("“”‘’'", '"""""')).replace("--", "–").split())


@pytest.mark.parametrize("fmt", list(PANDOC_READERS))
def test_pandoc_reads_every_source_with_its_title_and_names(exports: dict[str, Path], ds: Dataset, fmt: str) -> None:
    proc = subprocess.run(
        [pandoc(), str(exports[fmt]), "-f", PANDOC_READERS[fmt], "-t", "csljson"], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    items = {i["id"]: i for i in json.loads(proc.stdout)}
    cited = {s.id for s in nkus.query.bibliography(ds, ds.events)}
    assert set(items) == cited
    for sid in cited:
        s, item = ds.sources[sid], items[sid]
        assert straight(item["title"]) == straight(s.title), sid  # as published, case and all
        names = [(n.get("literal"), n.get("family"), n.get("given")) for n in item.get("author", [])]
        if fmt == "ris":  # RIS has no mark for an organisation: its name is read as a person's
            expected = [(None, a.family, a.given or None) for a in s.authors if not a.literal]
            names = [n for n, a in zip(names, s.authors, strict=True) if not a.literal]
        else:
            expected = [(a.literal or None, a.family or None, a.given or None) for a in s.authors]
        assert names == expected, sid


def cite(tmp_path: Path, bibliography: Path, keys: list[str]) -> str:
    doc = tmp_path / "doc.md"
    doc.write_text("---\nnocite: '" + ", ".join(f"@{k}" for k in keys) + "'\n---\n", encoding="utf-8")
    proc = subprocess.run(
        [pandoc(), str(doc), "--citeproc", f"--bibliography={bibliography}", "-t", "plain", "--wrap=none"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout


def sample(ds: Dataset) -> list[Source]:
    """Sources that show what can go wrong: an acronym in the title, a Korean name written family
    name first, an organisation as author, a report."""
    cited = list(nkus.query.bibliography(ds, ds.events))
    return [
        next(s for s in cited if "U.S." in s.title and s.authors and s.authors[0].family_first),
        next(s for s in cited if any(a.literal for a in s.authors)),
        next(s for s in cited if s.type == "analysis" and s.authors),
    ]


@pytest.mark.parametrize("fmt", list(PANDOC_READERS))
def test_pandoc_citeproc_prints_titles_as_published_and_names_in_order(
    exports: dict[str, Path], ds: Dataset, tmp_path: Path, fmt: str
) -> None:
    chosen = sample(ds)
    printed = cite(tmp_path, exports[fmt], [s.id for s in chosen])
    # pandoc's RIS reader cites every entry of its file: the entries asked for are found by address
    entries = [straight(e) for s in chosen for e in printed.split("\n\n") if s.url in e]
    assert len(entries) == 3, printed
    korean, organisation, report = entries
    assert "U.S." in korean and "U.s." not in korean  # the acronym is kept, not case-changed
    first = chosen[0].authors[0]
    assert korean.startswith(f"{first.family}, {first.given}"), korean
    if fmt != "ris":
        literal = next(a.literal for a in chosen[1].authors if a.literal)
        assert literal in organisation  # whole, never split in two authors
    assert ds.publishers[chosen[2].publisher].name in report  # the institution of a report is printed


def test_bibtex_validates_against_biblatex_data_model_with_biber(exports: dict[str, Path], tmp_path: Path) -> None:
    biber = required(shutil.which("biber"), "biber is missing: apt-get install biber (.ci/run does)")
    bib = tmp_path / "all.bib"
    shutil.copy(exports["bibtex"], bib)
    proc = subprocess.run(
        [biber, "--tool", "--validate-datamodel", bib.name],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    problems = [line for line in proc.stdout.splitlines() if line.startswith(("WARN", "ERROR"))]
    assert problems == []
    written = (tmp_path / "all_bibertool.bib").read_text(encoding="utf-8")
    assert len(re.findall(r"^@", written, re.M)) == len(re.findall(r"^@", bib.read_text(encoding="utf-8"), re.M))


def test_a_second_calendar_reader_sees_every_event_over_its_period(exports: dict[str, Path], ds: Dataset) -> None:
    import vobject

    cal = vobject.readOne(exports["ics"].read_text(encoding="utf-8"))
    vevents = {v.uid.value: v for v in cal.vevent_list}
    assert len(vevents) == len(ds.events)
    for ev in ds.events:
        v = vevents[f"{ev.id}@nkus.chronology"]
        first, last = ev.when.bounds() if not ev.when.approximate else (v.dtstart.value, v.dtend.value - timedelta(1))
        assert v.dtstart.value == first
        assert v.dtend.value == last + timedelta(days=1)  # all-day: the end is exclusive
        assert v.summary.value == ev.title


def test_sqlite_opens_in_datasette_with_facets_and_search(exports: dict[str, Path], ds: Dataset) -> None:
    import asyncio

    from datasette.app import Datasette

    async def ask() -> tuple[dict[str, Any], dict[str, Any]]:
        app = Datasette([str(exports["sqlite"])])
        faceted = await app.client.get("/all/events.json?_facet=kind&_facet=missile_class&_size=0")
        searched = await app.client.get("/all/claims.json?_search=Hanoi&_shape=objects")
        return faceted.json(), searched.json()

    faceted, searched = asyncio.run(ask())
    facets = faceted["facet_results"]
    facets = facets.get("results", facets)  # Datasette 1.0 nests the facets one level deeper than 0.6x
    kinds = {r["value"]: r["count"] for r in facets["kind"]["results"]}
    assert kinds == {k: sum(1 for e in ds.events if e.kind == k) for k in {e.kind for e in ds.events}}
    found = {r["id"] for r in searched["rows"]}
    assert found and all("hanoi" in json.dumps(r).lower() for r in searched["rows"])


def cells(db: Any) -> set[Any]:
    out = set()
    for (name,) in db.execute("select name from sqlite_master where type = 'table' and name not like '%fts%'"):
        for row in db.execute(f'select * from "{name}"'):
            out.update(v for v in row if v is not None)
    return out


def test_sqlite_holds_every_fact_of_the_dataset(exports: dict[str, Path]) -> None:
    """Every value of every record in the data files is somewhere in the database."""
    import sqlite3

    held = cells(sqlite3.connect(exports["sqlite"]))
    missing: list[str] = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{where}.{k}")
        elif isinstance(value, list):
            for v in value:
                walk(v, where)
        elif value is not None and not isinstance(value, bool) and value not in held:
            missing.append(f"{where}: {value!r}")

    for path in sorted((ROOT / "data").glob("*.json")):
        if path.name != "schema.json":
            doc = json.loads(path.read_text(encoding="utf-8"))
            for name, records in doc.items():
                if name != "schema_version":
                    for r in records:
                        walk(r, f"{name}[{r['id']}]")
    assert missing == []


def test_sqlite_ties_each_dispute_to_its_sources(exports: dict[str, Path], ds: Dataset) -> None:
    import sqlite3

    db = sqlite3.connect(exports["sqlite"])
    rows = set(db.execute("select event_id, n, source_id from dispute_sources"))
    assert rows == {(e.id, n, s) for e in ds.events for n, d in enumerate(e.disputes) for s in d.sources}
    assert db.execute("select typeof(missile_apogee_km) from events where missile_apogee_km is not null").fetchall()
    assert {t for (t,) in db.execute("select distinct typeof(missile_apogee_km) from events")} <= {"real", "null"}


def test_timelinejs3_draws_a_slide_per_event_without_errors(
    exports: dict[str, Path], ds: Dataset, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    dist = Path(TIMELINEJS) / "dist"
    required((dist / "js" / "timeline.js").is_file(), "TimelineJS3 is missing: npm install @knight-lab/timelinejs"
             " and set NKUS_TIMELINEJS to its folder (.ci/run does)")  # fmt: skip
    chromium = required(shutil.which("chromium"), "Chromium is missing: apt-get install chromium (.ci/run does)")
    data = exports["timelinejs"].read_text(encoding="utf-8")
    page_file = tmp_path / "timeline.html"
    page_file.write_text(
        f"""<!doctype html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{(dist / "css" / "timeline.css").as_uri()}">
<script src="{(dist / "js" / "timeline.js").as_uri()}"></script></head>
<body><div id="tl" style="width: 1200px; height: 650px"></div>
<script>window.tl = new TL.Timeline("tl", {data});</script></body></html>""",
        encoding="utf-8",
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        page.wait_for_function("document.querySelectorAll('.tl-slide').length > 1", timeout=60_000)
        slides = page.eval_on_selector_all(".tl-slide", "els => els.length")
        nav = page.eval_on_selector(".tl-timenav", "e => e.getBoundingClientRect().height")
        dates = page.eval_on_selector_all(".tl-slide .tl-headline-date", "els => els.map(e => e.textContent)")
        browser.close()
    assert errors == []
    assert slides == len(ds.events) + 1  # and the title slide
    assert nav <= 650 * 0.4, nav  # the navigation leaves the slides most of the height
    assert set(dates) - {""} <= {
        ev.when.human() for ev in ds.events
    }  # the title slide has no date  # the dataset's date words, one style


def test_bibliography_notes_read_as_sentences(exports: dict[str, Path]) -> None:
    """Each note is sentences, each ending in one stop: never "…News.. Reposted from AP"."""
    notes = [i["note"] for i in json.loads(exports["csl-json"].read_text(encoding="utf-8")) if "note" in i]
    assert notes and all(re.search(r"[^.]\.\.(\s|$)", n) is None and n.endswith((".", "!", "?")) for n in notes)
    bib = exports["bibtex"].read_text(encoding="utf-8")
    assert re.search(r"note = \{[^\n]*[^.]\.\.\s", bib) is None
