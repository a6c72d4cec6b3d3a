"""What followed what, and the longest pauses: held to plain references written here, and to the
properties a careful analyst would check."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nkus import load
from nkus.dates import PartialDate, When
from nkus.loader import bundled_path
from nkus.model import Event
from nkus.sequence import follows, pauses

BUNDLED = load(bundled_path())
EXERCISES = {"kinds": ["exercise"], "tags": ["joint-exercise"]}
LAUNCHES = {"kinds": ["missile-test"]}


def reference(
    causes: list[Event], effects: list[Event], within: int, before: bool = False
) -> list[tuple[str, int | None]]:
    """For each cause dated to the day, the lag to the nearest effect on its side within the
    window (not itself), found by looking at every effect."""
    out = []
    for c in causes:
        if c.when.precision != "day" or c.when.approximate:
            continue
        lags = [
            (c.lower - e.lower).days if before else (e.lower - c.lower).days
            for e in effects
            if e.id != c.id and e.when.precision == "day" and not e.when.approximate
        ]
        near = [lag for lag in lags if 0 <= lag <= within]
        out.append((c.id, min(near) if near else None))
    return out


@pytest.mark.parametrize("within", [0, 3, 14, 60])
@pytest.mark.parametrize("before", [False, True])
@pytest.mark.parametrize(
    ("cause", "effect"),
    [(EXERCISES, LAUNCHES), (LAUNCHES, EXERCISES), ({"kinds": ["sanctions"]}, LAUNCHES), (LAUNCHES, LAUNCHES)],
)
def test_pairs_are_what_a_plain_scan_finds(
    cause: dict[str, list[str]], effect: dict[str, list[str]], within: int, before: bool
) -> None:
    causes, effects = BUNDLED.timeline(**cause), BUNDLED.timeline(**effect)
    found = BUNDLED.follows(cause, effect, within, before=before, permutations=0)
    assert [(p.cause.id, p.lag) for p in found.pairs] == reference(causes, effects, within, before)
    assert found.followed == sum(p.lag is not None for p in found.pairs)


def test_the_exercise_question_of_the_page() -> None:
    found = BUNDLED.follows(EXERCISES, LAUNCHES, 14, start="2017", end="2025")
    assert found.causes >= 30 and 0 < found.followed < found.causes
    assert 0 <= found.baseline <= 1 and 0 < found.p_value <= 1
    assert found.period == (date(2017, 1, 1).toordinal(), date(2025, 12, 31).toordinal())
    again = BUNDLED.follows(EXERCISES, LAUNCHES, 14, start="2017", end="2025")
    assert (again.baseline, again.p_value) == (found.baseline, found.p_value)  # the seed makes it reproducible
    other = BUNDLED.follows(EXERCISES, LAUNCHES, 14, start="2017", end="2025", seed=1)
    assert other.followed == found.followed and other.baseline != found.baseline


def _day_event(n: int, day: date, precision: str = "day") -> Event:
    start = PartialDate(day.year, day.month if precision != "year" else None, day.day if precision == "day" else None)
    when = When(start, None, None, False)
    lower, upper = when.bounds()
    return Event(f"e{n}", when, lower, upper, "other", f"Event {n}", "", ("usa",), ("s",))


days = st.lists(st.dates(date(2000, 1, 1), date(2002, 12, 31)), min_size=1, max_size=25)


@settings(max_examples=60, deadline=None)
@given(days, days, st.integers(0, 40), st.booleans())
def test_lags_lie_within_the_window(cause_days: list[date], effect_days: list[date], within: int, before: bool) -> None:
    causes = [_day_event(n, d) for n, d in enumerate(cause_days)]
    effects = [_day_event(1000 + n, d) for n, d in enumerate(effect_days)]
    found = follows(causes, effects, within, before=before, permutations=20)
    for p in found.pairs:
        assert p.lag is None or 0 <= p.lag <= within
        if p.effect is not None:
            gap = (p.cause.lower - p.effect.lower).days if before else (p.effect.lower - p.cause.lower).days
            assert gap == p.lag


@settings(max_examples=40, deadline=None)
@given(days, days, st.integers(0, 40), st.integers(-3000, 3000))
def test_shifting_every_date_by_the_same_days_changes_nothing(
    cause_days: list[date], effect_days: list[date], within: int, shift: int
) -> None:
    def run(offset: int) -> tuple[object, ...]:
        causes = [_day_event(n, d + timedelta(days=offset)) for n, d in enumerate(cause_days)]
        effects = [_day_event(1000 + n, d + timedelta(days=offset)) for n, d in enumerate(effect_days)]
        f = follows(causes, effects, within, permutations=50, seed=7)
        return tuple(p.lag for p in f.pairs), f.followed, f.share, f.baseline, f.p_value

    assert run(0) == run(shift)


@settings(max_examples=40, deadline=None)
@given(days, st.integers(1, 30))
def test_effects_that_are_the_causes_k_days_later_follow_each_at_k(cause_days: list[date], k: int) -> None:
    causes = [_day_event(n, d) for n, d in enumerate(sorted(set(cause_days)))]
    effects = [_day_event(1000 + n, e.lower + timedelta(days=k)) for n, e in enumerate(causes)]
    found = follows(causes, effects, k, permutations=0)
    assert found.share == 1.0
    assert all(p.lag is not None and p.lag <= k for p in found.pairs)
    spread = [b.lower - a.lower for a, b in itertools.pairwise(causes)]
    if all(gap.days > k for gap in spread):  # no other cause's effect comes sooner
        assert {p.lag for p in found.pairs} == {k}


def test_only_events_dated_to_the_day_take_part() -> None:
    causes = [_day_event(1, date(2019, 5, 1)), _day_event(2, date(2019, 6, 1), "month")]
    effects = [
        _day_event(3, date(2019, 5, 3)),
        _day_event(4, date(2019, 6, 1), "month"),
        _day_event(5, date(2019, 1, 1), "year"),
    ]
    found = follows(causes, effects, 40, permutations=0)
    assert [p.cause.id for p in found.pairs] == ["e1"]
    assert [p.effect.id for p in found.pairs if p.effect] == ["e3"]
    assert found.left_out == {"month": 2, "year": 1}


def pause_reference(events: list[Event]) -> list[tuple[str, str, int]]:
    dated = sorted(
        (e for e in events if e.when.precision == "day" and not e.when.approximate), key=lambda e: (e.lower, e.id)
    )
    gaps = [(a.id, b.id, (b.lower - a.upper).days) for a, b in itertools.pairwise(dated)]
    return sorted((g for g in gaps if g[2] > 0), key=lambda g: -g[2])


def test_pauses_are_the_longest_gaps_a_plain_scan_finds() -> None:
    launches = BUNDLED.timeline(kinds=["missile-test"], start="2017", end="2025")
    found, _ = pauses(BUNDLED, launches, 5)
    assert [(p.first.id, p.last.id, p.days) for p in found] == pause_reference(launches)[:5]
    longest = found[0]
    assert longest.first.lower.year == 2017 and longest.last.lower.year == 2019  # the pause of the 2018 diplomacy
    assert {"summit", "letter", "talks"} <= {e.kind for e in longest.inside}
    assert all(longest.first.upper < e.lower and e.upper < longest.last.lower for e in longest.inside)


def test_the_readme_example_is_what_the_commands_print(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The console blocks of the README's "What followed what" are the commands' own output, and
    the numbers its prose quotes are theirs."""
    import re
    import shlex
    from pathlib import Path

    from nkus.entry import main

    monkeypatch.delenv("NKUS_DATA", raising=False)
    text = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## What followed what") : text.index("## Output")]
    blocks = re.findall(r"```console\n\$ nkus (.*?)\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    for command, shown in blocks:
        assert main(shlex.split(command)) == 0
        out, err = capsys.readouterr()
        assert out + err == shown, command
    found = BUNDLED.follows(EXERCISES, LAUNCHES, 14, start="2017", end="2025")
    prose = " ".join(section.split())
    assert f"Of {found.causes} US–South Korean" in prose
    assert f"{found.followed} ({found.share:.0%}) were followed" in prose
    assert f"median of {found.median_lag:g} days" in prose
    assert f"{found.baseline:.0%} of the exercises would still" in prose
    assert f"{found.p_value:.0%} of the shifts" in prose
