"""What followed what: how often events of one selection (the causes) were followed, within a
number of days, by events of another (the effects) — and whether that is more than chance — and
the longest pauses between events of a selection.

Only events dated to the day take part: a date known only to the month or the year, or only
roughly, cannot say whether something came two days or twenty after. They are counted, so the
reader is told how many were left out.

The baseline asks how often an effect falls within the same window after a random day of the same
period. It is estimated by shifting every effect date circularly over the period by the same random
number of days (which keeps how effects cluster and how often they come, and breaks only their
timing relative to the causes), many times, with a seeded random generator so that a result can be
reproduced. The p-value is the share of shifts that did at least as well as the real dates (with
the real dates counted among them): a small value says the pattern would rarely arise by chance.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import pairwise

from nkus.errors import UsageError

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import NamedTuple

    from nkus.model import Dataset, Event
else:
    from nkus.tuples import NamedTuple

PERMUTATIONS = 1000
SEED = 0


class Pair(NamedTuple):
    """A cause, and the first effect within the window after it (or the last before it, with
    `before`), `lag` days away; no effect: None."""

    cause: Event
    effect: Event | None
    lag: int | None


class Follows(NamedTuple):
    pairs: tuple[Pair, ...]
    within: int  # days
    before: bool  # effects before each cause rather than after
    from_end: bool  # measured from the end of a multi-day cause
    period: tuple[int, int]  # first and last day (ordinals) of the period the baseline shifts over
    followed: int  # causes with an effect in their window
    share: float  # followed / causes (0 when there are no causes)
    median_lag: float | None
    baseline: float  # mean share over the shifted effect dates
    p_value: float
    permutations: int
    seed: int
    effects: int  # effects that took part
    left_out: dict[str, int]  # events not dated to the day, by what they are dated to

    @property
    def causes(self) -> int:
        return len(self.pairs)


class Pause(NamedTuple):
    """A gap between two consecutive events of a selection, and what happened inside it."""

    first: Event
    last: Event
    days: int  # from the last day of the first to the first day of the last
    inside: tuple[Event, ...]  # every other event of the dataset that lies within the gap


def day_dated(events: Iterable[Event], left_out: dict[str, int]) -> list[Event]:
    """The events dated to the day; the others are counted in `left_out` by their precision."""
    kept = []
    for ev in events:
        if ev.when.precision == "day" and not ev.when.approximate:
            kept.append(ev)
        else:
            what = "approximate day" if ev.when.precision == "day" else ev.when.precision
            left_out[what] = left_out.get(what, 0) + 1
    return kept


def left_out_note(left_out: dict[str, int]) -> str:
    """`note: 3 events dated only to the month were left out`, or "" when none were."""
    if not left_out:
        return ""
    parts = [
        f"{n} event{'s' if n != 1 else ''} " + ("with only an approximate day" if what == "approximate day" else f"dated only to the {what}")
        for what, n in sorted(left_out.items())
    ]  # fmt: skip
    return f"note: {' and '.join(parts)} {'were' if sum(left_out.values()) != 1 else 'was'} left out (lags need a day)"


def follows(
    causes: Sequence[Event],
    effects: Sequence[Event],
    within: int,
    *,
    before: bool = False,
    from_end: bool = False,
    period: tuple[int, int] | None = None,
    permutations: int = PERMUTATIONS,
    seed: int = SEED,
) -> Follows:
    """For each cause (dated to the day), the first effect (dated to the day) within `within` days
    after its start (its end with `from_end`), or the last before it with `before`; and the
    baseline over `period` (default: from the first to the last day of the causes and effects)."""
    if within < 0:
        raise UsageError(f"{{within}} must be 0 or more days, not {within}", "within")
    if permutations < 0:
        raise UsageError(f"{{permutations}} must be 0 or more, not {permutations}", "permutations")
    left_out: dict[str, int] = {}
    kept_causes = day_dated(causes, left_out)
    kept_effects = day_dated(effects, left_out)
    anchor = [(ev.upper if from_end else ev.lower).toordinal() for ev in kept_causes]
    effect_days = sorted((ev.lower.toordinal(), ev.id) for ev in kept_effects)
    days = [d for d, _ in effect_days]
    ids = [rid for _, rid in effect_days]
    by_id = {ev.id: ev for ev in kept_effects}
    pairs = []
    for ev, day in zip(kept_causes, anchor, strict=True):
        found = _nearest(days, day, within, before, ids, ev.id)
        if found is None:
            pairs.append(Pair(ev, None, None))
        else:
            effect_day, rid = effect_days[found]
            pairs.append(Pair(ev, by_id[rid], abs(effect_day - day)))
    lags = sorted(p.lag for p in pairs if p.lag is not None)
    followed = len(lags)
    share = followed / len(pairs) if pairs else 0.0
    first_day = min([*anchor, *days], default=0)
    last_day = max([*anchor, *days], default=0)
    span = period or (first_day, last_day)
    baseline, p_value = _baseline(anchor, days, within, before, span, followed, permutations, seed)
    return Follows(
        tuple(pairs), within, before, from_end, span, followed, share, _median(lags), baseline, p_value,
        permutations, seed, len(kept_effects), left_out,
    )  # fmt: skip


def _nearest(days: list[int], day: int, within: int, before: bool, ids: list[str], own: str) -> int | None:
    """The index in `days` (sorted) of the first effect day in [day, day + within] — or the last in
    [day - within, day] with `before` — that is not the cause itself."""
    if before:
        lo, hi = bisect_left(days, day - within), bisect_right(days, day)
        candidates: Iterable[int] = range(hi - 1, lo - 1, -1)
    else:
        lo, hi = bisect_left(days, day), bisect_right(days, day + within)
        candidates = range(lo, hi)
    return next((i for i in candidates if ids[i] != own), None)


def _baseline(
    anchor: list[int], days: list[int], within: int, before: bool, period: tuple[int, int], followed: int,
    permutations: int, seed: int,
) -> tuple[float, float]:  # fmt: skip
    """The mean share of causes followed when every effect date is shifted circularly over the
    period by one random number of days, and the p-value of the real share among those shifts."""
    start, end = period
    length = end - start + 1
    if not anchor or not days or length < 2 or permutations == 0:
        return 0.0, 1.0
    import random

    rng = random.Random(seed)
    inside = sorted(d - start for d in days if start <= d <= end)
    total, as_good = 0, 0
    for _ in range(permutations):
        shift = rng.randrange(1, length)
        # Shifted circularly, the sorted days stay sorted in two runs: those that wrap come first.
        cut = bisect_left(inside, length - shift)
        shifted = [d + shift - length + start for d in inside[cut:]] + [d + shift + start for d in inside[:cut]]
        hits = _hits(anchor, shifted, within, before)
        total += hits
        as_good += hits >= followed
    return total / (permutations * len(anchor)), (1 + as_good) / (1 + permutations)


def _hits(anchor: list[int], days: list[int], within: int, before: bool) -> int:
    """How many anchors have a day of `days` (sorted) within their window."""
    if before:
        return sum(bisect_right(days, a) > bisect_left(days, a - within) for a in anchor)
    return sum(bisect_right(days, a + within) > bisect_left(days, a) for a in anchor)


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    mid = len(values) // 2
    return float(values[mid]) if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def pauses(ds: Dataset, chosen: Sequence[Event], longest: int | None = 10) -> tuple[list[Pause], dict[str, int]]:
    """The `longest` gaps between consecutive events of `chosen` (dated to the day), longest
    first, each with the events of the dataset that lie inside it; and the events left out."""
    left_out: dict[str, int] = {}
    kept = sorted(day_dated(chosen, left_out), key=lambda e: (e.lower, e.id))
    gaps = []
    for first, last in pairwise(kept):
        days = (last.lower - first.upper).days
        if days > 0:
            gaps.append((days, first, last))
    gaps.sort(key=lambda g: (-g[0], g[1].lower))
    out = []
    for days, first, last in gaps[:longest] if longest is not None else gaps:
        inside = tuple(e for e in ds.events if e.lower > first.upper and e.upper < last.lower)
        out.append(Pause(first, last, days, inside))
    return out, left_out
