"""The bundled dataset is the product: these checks keep it whole, sourced and traceable."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from nkus import Dataset, check, load
from nkus.loader import bundled_path
from nkus.query import claims_about, find_summit
from nkus.spec import COLLECTIONS, EVENT_KINDS, MAX_QUOTE_WORDS

DATA = Path(bundled_path())


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return load(bundled_path())


def test_bundled_dataset_validates() -> None:
    assert check(bundled_path()) == []


def test_ids_are_unique_across_files() -> None:
    ids = Counter()
    for coll in COLLECTIONS:
        doc = json.loads((DATA / coll.file).read_text(encoding="utf-8"))
        ids.update(r["id"] for r in doc[coll.name])
    assert [i for i, n in ids.items() if n > 1] == []


def test_files_are_sorted_for_review() -> None:
    events = json.loads((DATA / "events.json").read_text(encoding="utf-8"))["events"]
    keys = [(e["date"], e.get("end", ""), e["id"]) for e in events]
    assert keys == sorted(keys)
    for coll in ("sources", "actors", "publishers", "tags", "claims"):
        ids = [r["id"] for r in json.loads((DATA / f"{coll}.json").read_text(encoding="utf-8"))[coll]]
        assert ids == sorted(ids), coll


def test_every_event_is_sourced_with_a_public_address(ds: Dataset) -> None:
    for ev in ds.events:
        assert ev.sources, ev.id
    for src in ds.sources.values():
        assert src.url.startswith(("https://", "http://")), src.id
        assert src.publisher.strip() and src.title.strip(), src.id


def test_every_event_lies_in_the_coverage_the_dataset_declares(ds: Dataset) -> None:
    assert ds.coverage, "coverage.json declares what the dataset covers"
    spans = [(set(c.kinds), c.start.bounds()[0], c.end.bounds()[1]) for c in ds.coverage.values()]
    outside = [
        e.id
        for e in ds.events
        if not any((not k or e.kind in k) and a <= e.lower and e.upper <= b for k, a, b in spans)
    ]
    assert outside == []
    kinds = {e.kind for e in ds.events}
    assert {"summit", "talks", "visit", "statement", "letter", "missile-test", "exercise", "personnel"} <= kinds
    assert kinds <= set(EVENT_KINDS)


def test_one_event_per_launch_day(ds: Dataset) -> None:
    days = Counter(e.when.start.iso() for e in ds.events if e.kind == "missile-test")
    assert [d for d, n in days.items() if n > 1] == []
    launches_2019 = [e for e in ds.events if e.kind == "missile-test" and e.lower.year == 2019]
    assert len(launches_2019) >= 12
    assert all(e.when.precision == "day" and e.missile is not None for e in launches_2019)


def test_three_trump_kim_meetings_and_inter_korean_summits(ds: Dataset) -> None:
    for name in ("singapore", "hanoi", "dmz", "panmunjom-2019"):
        summit = find_summit(ds, name)
        assert summit.type == "us-dprk" and summit.verdicts, name
        assert all(v.by.strip() and v.source in ds.sources for v in summit.verdicts), name
        assert claims_about(ds, summit.id), name
    assert sum(s.type == "inter-korean" for s in ds.summits.values()) >= 3
    for s in ds.summits.values():
        for eid in s.events:
            assert ds.event_index[eid].summit in (None, s.id)


def test_claims_quote_briefly_and_say_where(ds: Dataset) -> None:
    assert {c.kind for c in ds.claims.values()} == {"cause", "objective", "assessment", "result"}
    for c in ds.claims.values():
        assert 0 < len(c.quote.split()) <= MAX_QUOTE_WORDS, c.id
        assert c.location.strip() and c.source in ds.sources, c.id
        assert c.summary.strip() != c.quote.strip(), c.id
        assert c.events or c.summits or c.objectives or c.evidence, c.id


def test_five_objectives_each_with_claims_and_evidence(ds: Dataset) -> None:
    assert sorted(o.number for o in ds.objectives.values()) == [1, 2, 3, 4, 5]
    for o in ds.objectives.values():
        assert o.events, o.id
        assert claims_about(ds, o.id), o.id


def test_disputes_cite_known_sources(ds: Dataset) -> None:
    disputed = [e for e in ds.events if e.disputes]
    assert disputed, "source disagreements must be recorded"
    for ev in disputed:
        for d in ev.disputes:
            assert d.note.strip() and set(d.sources) <= set(ds.sources), ev.id


def test_several_attributed_voices_on_hanoi_and_agreements_compared(ds: Dataset) -> None:
    from nkus.query import claims, find_agreement

    about = claims(ds, about="hanoi")
    voices = {ds.sources[c.source].byline or ds.sources[c.source].publisher for c in about}
    assert len(voices) >= 4, voices
    hanoi = find_summit(ds, "hanoi")
    assert len({v.source for v in hanoi.verdicts}) >= 3 and all(v.by.strip() for v in hanoi.verdicts)
    sources_of_claims = {c.source for c in ds.claims.values()}
    assert len(sources_of_claims) >= 7  # the seed and at least six more analyses
    for name in ("singapore", "agreed-framework", "panmunjom", "leap-day", "pyongyang-declaration"):
        agreement = find_agreement(ds, name)
        assert agreement.provisions and agreement.text_source in ds.sources, name
        assert all(len(p.clause.split()) <= MAX_QUOTE_WORDS for p in agreement.provisions), name


def test_every_launch_day_once_with_vocabulary_checked_fields(ds: Dataset) -> None:
    launches = [e for e in ds.events if e.kind == "missile-test"]
    assert len(launches) >= 150
    for ev in launches:
        assert ev.missile is not None, ev.id
        for km in (ev.missile.apogee_km, ev.missile.range_km):
            assert km is None or km >= 0, ev.id
