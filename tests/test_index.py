"""The index answers every event query as a plain reference does, and the cached one never from
stale or broken files."""

from __future__ import annotations

import calendar
import io
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkus import load
from nkus.cache import cache_file
from nkus.filters import EventFilter
from nkus.fold import fold
from nkus.index import timeline as index_timeline
from nkus.loader import bundled_path
from nkus.model import Dataset, Event
from nkus.query import timeline
from nkus.rows import event_row
from tests.conftest import read_json, write_json

BUNDLED = load(bundled_path())
KINDS = sorted({e.kind for e in BUNDLED.events})
TAGS = sorted({t for e in BUNDLED.events for t in e.tags})
MONTHS = [f"{y}-{m:02d}" for y in (2017, 2018, 2019) for m in range(1, 13)]
ACTOR_IDS = ["trump", "kim-jong-un", "moon-jae-in", "xi-jinping"]


def reference(
    ds: Dataset, start: str | None = None, end: str | None = None, kinds: set[str] = frozenset(),  # type: ignore[assignment]
    actors: set[str] = frozenset(), countries: set[str] = frozenset(), tags: set[str] = frozenset(),  # type: ignore[assignment]
    text: str = "", within: bool = False, limit: int | None = None, reverse: bool = False,
    classes: set[str] = frozenset(),  # type: ignore[assignment]
    systems: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[str]:  # fmt: skip
    """What a timeline query keeps, written plainly: every event checked field by field, in date
    order. Dates are months here (YYYY-MM); actors are ids."""
    lo = date(int(start[:4]), int(start[5:]), 1) if start else None
    hi = date(int(end[:4]), int(end[5:]), calendar.monthrange(int(end[:4]), int(end[5:]))[1]) if end else None
    kept = []
    for e in ds.events:
        if lo is not None and (e.lower if within else e.upper) < lo:
            continue
        if hi is not None and (e.upper if within else e.lower) > hi:
            continue
        if kinds and e.kind not in kinds:
            continue
        if actors and not actors & set(e.actors):
            continue
        if countries and not countries & {ds.actors[a].country for a in e.actors}:
            continue
        if tags and not tags & set(e.tags):
            continue
        if text and not _has_words(fold(_searched_text(ds, e)).split(), fold(text).split()):
            continue
        if classes and (e.missile is None or e.missile.cls not in classes):
            continue
        squeezed = "".join(c for c in ((e.missile.system or "") if e.missile else "").lower() if c.isalnum())
        if systems and not any("".join(c for c in s.lower() if c.isalnum()) in squeezed for s in systems):
            continue
        kept.append(e.id)
    if reverse:
        kept.reverse()
    return kept if limit is None else kept[:limit]


def _has_words(words: list[str], query: list[str]) -> bool:
    """The query's words in a row among `words`, whole, the last one also as the start of a word
    when it has four letters or more."""
    *first, last = query
    for i in range(len(words) - len(query) + 1):
        here = words[i : i + len(query)]
        if here[:-1] == first and (here[-1] == last or (len(last) >= 4 and here[-1].startswith(last))):
            return True
    return False


def _searched_text(ds: Dataset, e: Event) -> str:
    names = [n for a in e.actors for n in (ds.actors[a].name, *ds.actors[a].aliases)]
    return " | ".join([e.id, e.title, e.summary, e.location, " ".join(e.tags), *names])


def from_dataset(
    root: Path | str | list[str], flt: EventFilter, limit: int | None = None, reverse: bool = False
) -> list[dict[str, object]]:
    ds = load(root)
    return [dict(event_row(ds, e)) for e in timeline(ds, flt, limit, reverse).events]


def from_index(
    root: Path | str | list[str], flt: EventFilter, limit: int | None = None, reverse: bool = False
) -> list[dict[str, object]]:
    found = index_timeline(root, flt, limit, reverse)
    return [dict(event_row(found.context, e)) for e in found.events]


@settings(max_examples=80, deadline=None)
@given(
    st.sampled_from([None, *MONTHS]),
    st.sampled_from([None, *MONTHS]),
    st.sets(st.sampled_from(KINDS), max_size=2),
    st.sets(st.sampled_from(ACTOR_IDS), max_size=2),
    st.sets(st.sampled_from(["USA", "PRK", "KOR", "CHN"]), max_size=2),
    st.sets(st.sampled_from(TAGS), max_size=2),
    st.sampled_from(
        [
            "",
            "summit",
            "missile",
            "letter",
            "Kim Jong-un",
            "denuclearisation",
            "Yongbyon",
            "ri",
            "Ri Yong Ho",
            "denuc",
            "un",
        ]
    ),
    st.booleans(),
    st.sampled_from([None, 0, 3]),
    st.booleans(),
    st.sets(st.sampled_from(["ICBM", "SRBM", "cruise"]), max_size=1),
    st.sets(st.sampled_from(["Hwasong-17", "kn 23", "KN-25", "pukguksong"]), max_size=1),
)
def test_every_query_keeps_what_the_plain_reference_keeps(
    start: str | None, end: str | None, kinds: set[str], actors: set[str], countries: set[str], tags: set[str],
    text: str, within: bool, limit: int | None, reverse: bool, classes: set[str], systems: set[str],
) -> None:  # fmt: skip
    if start and end and start > end:
        start, end = end, start
    flt = EventFilter.build(
        start=start,
        end=end,
        kinds=kinds,
        actors=actors,
        countries=countries,
        tags=tags,
        text=text,
        within=within,
        classes=classes,
    )
    expected = reference(BUNDLED, start, end, kinds, actors, countries, tags, text, within, limit, reverse, classes)
    assert [e.id for e in timeline(BUNDLED, flt, limit, reverse).events] == expected
    # The cached index on disk answers the same, with the same rows.
    root = bundled_path()
    assert [r["id"] for r in from_index(root, flt, limit, reverse)] == expected
    assert from_index(root, flt, limit, reverse) == from_dataset(root, flt, limit, reverse)


def test_the_reference_is_not_trivially_agreeable() -> None:
    """Each filter of the reference drops events on the bundled data, so a filter that let
    everything through would be caught by the property test above."""
    every = reference(BUNDLED)
    for kwargs in (
        {"start": "2019-01"}, {"end": "2018-12"}, {"kinds": {"letter"}}, {"actors": {"trump"}},
        {"countries": {"CHN"}}, {"tags": {TAGS[0]}}, {"text": "Yongbyon"}, {"classes": {"ICBM"}},
        {"systems": {"KN-23"}},
    ):  # fmt: skip
        assert 0 < len(reference(BUNDLED, **kwargs)) < len(every), kwargs  # type: ignore[arg-type]


def test_a_hand_built_event_is_found_and_renders() -> None:
    """Typed records are the one form: an Event made by hand, with no stored JSON behind it,
    goes through the index and into a row."""
    from nkus.query import Dataset as Library

    made = BUNDLED.events[0]._replace(id="hand-made", title="Made by hand", tags=("hand",))
    ds = Library([made, *BUNDLED.events], BUNDLED.sources, BUNDLED.actors, BUNDLED.summits, BUNDLED.claims, {})
    found = ds.timeline(text="made by hand")
    assert [e.id for e in found] == ["hand-made"]
    assert event_row(ds, found[0])["title"] == "Made by hand"


def test_the_dataset_does_not_reorder_the_list_it_is_given() -> None:
    from nkus.query import Dataset as Library

    given_order = list(reversed(BUNDLED.events[:5]))
    kept = list(given_order)
    ds = Library(given_order, BUNDLED.sources, BUNDLED.actors, {}, {}, {})
    assert given_order == kept
    assert [e.id for e in ds.events] == [e.id for e in BUNDLED.events[:5]]


def test_summit_filter_and_human_dates_survive_the_index() -> None:
    found = index_timeline(bundled_path(), EventFilter.build(summit="hanoi"))
    rows = [event_row(found.context, e) for e in found.events]
    assert rows and all(r["summit"] == "hanoi-2019" for r in rows)
    assert rows[0].human["date"].endswith("Feb 2019")


def test_a_changed_dataset_is_never_answered_from_a_stale_index(copy_mini: Callable[..., Path]) -> None:
    root = copy_mini()
    everything = EventFilter.build()
    assert len(from_index(root, everything)) == 6
    assert os.path.exists(cache_file(str(root)))
    events = (root / "events.json").read_text(encoding="utf-8")
    # Same size, same modification time: only the content differs.
    stat = (root / "events.json").stat()
    (root / "events.json").write_text(events.replace("The summit", "The Summit"), encoding="utf-8")
    os.utime(root / "events.json", ns=(stat.st_atime_ns, stat.st_mtime_ns))
    titles = [r["title"] for r in from_index(root, everything)]
    assert "The Summit" in titles and "The summit" not in titles


def test_a_broken_or_interrupted_index_is_ignored(copy_mini: Callable[..., Path]) -> None:
    root = copy_mini()
    expected = from_index(root, EventFilter.build())
    target = Path(cache_file(str(root)))
    whole = target.read_bytes()
    records_scrambled = whole[:8] + b"\xff" * 64 + whole[72:]  # the header still checks out
    for damage in (b"", b"NKUSIDX2 half written", whole[:-5], os.urandom(200), records_scrambled):
        target.write_bytes(damage)
        assert from_index(root, EventFilter.build()) == expected


def test_no_writable_cache_still_answers(
    copy_mini: Callable[..., Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("NKUS_CACHE_DIR", str(blocker / "cache"))
    root = copy_mini()
    assert [r["id"] for r in from_index(root, EventFilter.build(kinds=["missile-test"]))] == [
        "launch-2019-05-04",
        "launch-2019-05-09",
    ]


def test_an_invalid_dataset_is_reported_not_indexed(copy_mini: Callable[..., Path]) -> None:
    from nkus import DatasetError

    root = copy_mini(events=lambda d: d["events"][0].update(kind="bad"))
    with pytest.raises(DatasetError):
        index_timeline(root, EventFilter.build())
    assert not os.path.exists(cache_file(str(root)))


def test_temporary_files_of_an_interrupted_build_are_cleaned_up(copy_mini: Callable[..., Path]) -> None:
    root = copy_mini()
    target = Path(cache_file(str(root)))
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.parent / f".{target.name}.abc123.tmp"
    fresh = target.parent / f".{target.name}.def456.tmp"
    for leftover in (old, fresh):
        leftover.write_bytes(b"NKUSIDX1 half")
    os.utime(old, (0, 0))
    assert len(from_index(root, EventFilter.build())) == 6
    assert not old.exists()
    assert fresh.exists()  # it may belong to a build still running


def test_a_full_disk_while_writing_the_index_still_answers(
    copy_mini: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from nkus import index

    def full_disk(out: io.BufferedWriter, *args: object) -> None:
        out.write(b"NKUSIDX2 the start of an index")
        out.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(index, "_write", full_disk)
    root = copy_mini()
    assert [r["id"] for r in from_index(root, EventFilter.build(kinds=["missile-test"]))] == [
        "launch-2019-05-04",
        "launch-2019-05-09",
    ]
    cache = Path(cache_file(str(root)))
    assert not cache.exists()
    assert [p.name for p in cache.parent.iterdir() if p.name.startswith("." + cache.name)] == []


@pytest.mark.parametrize("reverse", [False, True])
def test_a_date_filter_finds_long_events_that_began_long_before(copy_mini: Callable[..., Path], reverse: bool) -> None:
    """The index skips events by their first day: one that began years before the range but runs
    into it must still be found, in timeline order either way."""
    long = {
        "id": "long-talks", "date": "2017-01", "end": "2019-12", "kind": "talks", "title": "Long",
        "summary": "Years of talks.", "actors": ["usa"], "sources": ["src-b"],
    }  # fmt: skip
    root = copy_mini(events=lambda d: d["events"].append(long))
    for start, end in (("2019-06", None), ("2019-06", "2019-06"), (None, "2017-01"), ("2020", None)):
        flt = EventFilter.build(start=start, end=end)
        found = [r["id"] for r in from_index(root, flt, reverse=reverse)]
        assert found == [r["id"] for r in from_dataset(root, flt, reverse=reverse)]
        assert ("long-talks" in found) == (start != "2020")


@pytest.mark.parametrize(
    "flt",
    [
        EventFilter.build(),
        EventFilter.build(kinds=["missile-test"], start="2019-05", end="2019-07"),
        EventFilter.build(summit="hanoi"),
        EventFilter.build(actors=["kim"], text="own"),
    ],
)
def test_a_layered_index_answers_as_the_layered_dataset_does(flt: EventFilter) -> None:
    from tests.conftest import MINI

    layers = [str(MINI), str(MINI.parent / "mini-layer")]
    ds = load(layers)
    expected = [dict(event_row(ds, e)) for e in timeline(ds, flt).events]
    assert from_index(layers, flt) == expected
    assert any(r["id"].startswith("layer-") for r in expected)


def test_search_texts_are_made_by_the_first_search_and_kept_beside_the_index(copy_mini: Callable[..., Path]) -> None:
    """Folding every event's text costs more than the rest of a build: a first query that does
    not search does not pay for it; the first search makes the texts and saves them; a damaged
    or stale file of texts is made again."""
    root = copy_mini()
    saved_file = Path(cache_file(str(root)) + ".search")
    from_index(str(root), EventFilter.build())
    assert not saved_file.exists()
    found = [r["id"] for r in from_index(str(root), EventFilter.build(text="COLLAPSED"))]
    assert found == ["hanoi-2019"]
    assert saved_file.exists()
    saved_file.write_bytes(b"not marshal")
    assert [r["id"] for r in from_index(str(root), EventFilter.build(text="collapsed"))] == found
    doc = read_json(root / "events.json")
    doc["events"][0]["title"] = "Collapsed talks, renamed"
    write_json(root / "events.json", doc)
    again = [r["id"] for r in from_index(str(root), EventFilter.build(text="collapsed"))]
    assert sorted(again) == sorted([doc["events"][0]["id"], "hanoi-2019"])


@pytest.mark.parametrize("text", ["ri", "un", "Ri Yong Ho", "denuc", "Kim Yo Jong", "denuclearisation", "nk"])
def test_a_search_finds_whole_words_as_the_plain_reference_does(text: str) -> None:
    """`ri` is the word Ri (Ri Yong Ho, Tongchang-ri), never the ri of "during"; a word of four
    letters or more also starts a longer one (`denuc`)."""
    expected = reference(BUNDLED, None, None, set(), set(), set(), set(), text, False, None, False, set())
    assert [e.id for e in timeline(BUNDLED, EventFilter.build(text=text), None, False).events] == expected
    assert expected or text == "nk"
