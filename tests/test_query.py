from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkus import Dataset
from nkus.dates import PartialDate, When
from nkus.errors import NotFound
from nkus.errors import UsageError as QueryError
from nkus.filters import EventFilter
from nkus.model import Actor, Event
from nkus.query import claims, find_objective, find_summit, timeline

ACTORS = {
    "dprk": Actor("dprk", "North Korea", "state", "PRK"),
    "usa": Actor("usa", "United States", "state", "USA"),
    "kim": Actor("kim", "Kim Jong Un", "person", "PRK"),
}
KINDS = ["summit", "missile-test", "talks", "statement"]


def make_event(n: int, when: When, kind: str, actors: tuple[str, ...], tags: tuple[str, ...]) -> Event:
    lower, upper = when.bounds()
    return Event(f"e{n}", when, lower, upper, kind, f"Event {n}", f"summary {n}", actors, ("s",), "", tags)


partials = st.builds(
    lambda d, p: PartialDate(d.year, d.month if p > 0 else None, d.day if p > 1 else None),
    st.dates(date(2016, 1, 1), date(2021, 12, 31)),
    st.integers(0, 2),
)


@st.composite
def whens(draw: st.DrawFn) -> When:
    start = draw(partials)
    end = None
    if start.precision == "day" and draw(st.booleans()):
        end = PartialDate(start.year, start.month, min(28, (start.day or 1) + draw(st.integers(0, 3))))
        end = end if end.first() >= start.first() else None
    qualifier = (
        draw(st.sampled_from([None, "early", "mid", "late"])) if start.precision != "day" and end is None else None
    )
    return When(start, end, qualifier, draw(st.booleans()))


@st.composite
def datasets(draw: st.DrawFn) -> Dataset:
    events = [
        make_event(
            n,
            draw(whens()),
            draw(st.sampled_from(KINDS)),
            tuple(draw(st.lists(st.sampled_from(sorted(ACTORS)), min_size=1, max_size=2, unique=True))),
            tuple(draw(st.lists(st.sampled_from(["a", "b"]), max_size=2, unique=True))),
        )
        for n in range(draw(st.integers(1, 25)))
    ]
    return Dataset(events, {}, dict(ACTORS), {}, {}, {})


@settings(max_examples=150, deadline=None)
@given(datasets(), partials, partials, st.sets(st.sampled_from(KINDS)), st.booleans())
def test_a_date_filter_keeps_exactly_the_overlapping_events(
    ds: Dataset, a: PartialDate, b: PartialDate, kinds: set[str], within: bool
) -> None:
    lo, hi = sorted([a, b], key=lambda p: p.first())
    if lo.first() > hi.last():
        return
    flt = EventFilter.build(start=lo.iso(), end=hi.iso(), kinds=kinds, within=within)
    kept = timeline(ds, flt).events
    start, end = lo.first(), hi.last()
    for ev in ds.events:
        inside = start <= ev.lower and ev.upper <= end if within else ev.lower <= end and ev.upper >= start
        wanted = inside and (not kinds or ev.kind in kinds)
        assert (ev in kept) == wanted, (ev.id, ev.lower, ev.upper, start, end)
    assert kept == sorted(kept, key=lambda e: e.sort_key)


@settings(max_examples=100, deadline=None)
@given(datasets(), st.sampled_from(["PRK", "USA"]), st.sampled_from(["a", "b"]), st.integers(0, 5), st.booleans())
def test_country_tag_limit_and_reverse(ds: Dataset, country: str, tag: str, limit: int, reverse: bool) -> None:
    all_with_tag = [e for e in ds.events if tag in e.tags]
    if not all_with_tag:
        with pytest.raises(QueryError):
            timeline(ds, EventFilter.build(tags=[tag]))
        return
    kept = timeline(ds, EventFilter.build(countries=[country.lower()], tags=[tag]), limit, reverse).events
    expected = [e for e in all_with_tag if country in {ACTORS[a].country for a in e.actors}]
    expected = (expected[::-1] if reverse else expected)[:limit]
    assert kept == expected


def test_mini_filters(mini: Dataset) -> None:
    ids = lambda **kw: [e.id for e in mini.timeline(**kw)]  # noqa: E731
    assert ids(start="2019-05", end="2019-10", kinds={"missile-test"}) == ["launch-2019-05-04", "launch-2019-05-09"]
    assert ids(end="2019-10") == [e.id for e in mini.events]  # --to a month includes its last day
    assert ids(start="2019-10-05", end="2019-10-05") == ["talks-2019-10"]  # early October overlaps the 5th
    assert ids(start="2019-10-15") == []  # ... but not the 15th
    assert ids(actors=["kim jong"]) == ["summit-2018", "hanoi-2019"]
    assert ids(countries=["usa"], kinds=["talks"]) == ["talks-2019-10"]
    assert ids(text="COLLAPSED") == ["hanoi-2019"]
    assert ids(summit="singapore") == ["summit-2018"]
    assert ids(start="2016-06", end="2016-06") == ["year-2017"]  # approximate year widens by a year


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kinds": ["missle-test"]}, "unknown kind 'missle-test' — did you mean 'missile-test'?"),
        ({"start": "2019-13"}, "bad date for start: '2019-13' has no month 13"),
        ({"start": "2019-10", "end": "2019-05"}, "start 2019-10 is after end 2019-05"),
        ({"actors": ["nobody"]}, "no actor 'nobody'"),
        ({"countries": ["XXX"]}, "no country 'XXX'"),
        ({"tags": ["nope"]}, "no tag 'nope'"),
    ],
)
def test_bad_filters_are_usage_errors(mini: Dataset, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match="^" + message.replace("?", r"\?").replace("(", r"\(")):
        mini.timeline(**kwargs)


def test_negative_limit(mini: Dataset) -> None:
    with pytest.raises(QueryError, match=r"^limit must"):
        timeline(mini, EventFilter(), limit=-1)


def test_summit_lookup_by_id_or_alias_any_case(mini: Dataset) -> None:
    assert find_summit(mini, "SINGAPORE").id == "sing-2018"
    assert find_summit(mini, "Vietnam").id == "hanoi"
    with pytest.raises(NotFound, match="no summit 'hanio' — did you mean 'hanoi'\\?"):
        find_summit(mini, "hanio")


def test_claims_and_objectives(mini: Dataset) -> None:
    assert [c.id for c in claims(mini, kinds=["assessment"])] == ["claim-two"]
    assert [c.id for c in claims(mini, about="singapore")] == ["claim-two"]
    assert [c.id for c in claims(mini, about="launch-2019-05-09")] == ["claim-one"]  # through its evidence
    assert find_objective(mini, "1").id == "obj-talks"
    with pytest.raises(QueryError):
        claims(mini, kinds=["opinion"])
    with pytest.raises(QueryError, match="no record 'nothing'"):  # a filter value that names nothing
        claims(mini, about="nothing")
