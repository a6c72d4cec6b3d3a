from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nkus.dates import DateError, PartialDate, When, parse_iso, parse_user_date

partials = st.builds(
    lambda d, p: PartialDate(d.year, d.month if p > 0 else None, d.day if p > 1 else None),
    st.dates(date(1950, 1, 1), date(2050, 12, 31)),
    st.integers(0, 2),
)
whens = st.builds(
    lambda start, q, approx: When(start, None, q if start.precision != "day" else None, approx),
    partials,
    st.sampled_from([None, "early", "mid", "late"]),
    st.booleans(),
)


@given(partials)
def test_partial_date_bounds_cover_its_period(p: PartialDate) -> None:
    assert p.first() <= p.last()
    assert parse_iso(p.iso()) == p
    assert p.first().year == p.year == p.last().year
    if p.month:
        assert p.first().month == p.month == p.last().month
    if p.day:
        assert p.first() == p.last() == date(p.year, p.month or 1, p.day)


@given(whens)
def test_qualifier_narrows_and_approximate_widens(w: When) -> None:
    lower, upper = w.bounds()
    assert lower <= upper
    plain_lower, plain_upper = When(w.start).bounds()
    if w.approximate:
        assert lower < plain_lower or upper > plain_upper
    else:
        assert plain_lower <= lower <= upper <= plain_upper


@given(partials, partials)
def test_sort_order_follows_lower_bound(a: PartialDate, b: PartialDate) -> None:
    if a.last() < b.first():
        assert When(a).bounds() < When(b).bounds()


def test_early_mid_late_of_a_month_and_a_year() -> None:
    oct19 = PartialDate(2019, 10)
    assert When(oct19, qualifier="early").bounds() == (date(2019, 10, 1), date(2019, 10, 10))
    assert When(oct19, qualifier="mid").bounds() == (date(2019, 10, 11), date(2019, 10, 20))
    assert When(oct19, qualifier="late").bounds() == (date(2019, 10, 21), date(2019, 10, 31))
    assert When(PartialDate(2018), qualifier="late").bounds() == (date(2018, 9, 1), date(2018, 12, 31))
    assert When(oct19, qualifier="early").human() == "early Oct 2019"


def test_range_and_approximate_bounds() -> None:
    hanoi = When(PartialDate(2019, 2, 27), PartialDate(2019, 2, 28))
    assert hanoi.bounds() == (date(2019, 2, 27), date(2019, 2, 28))
    assert hanoi.human() == "27–28 Feb 2019"  # compact in tables
    assert When(PartialDate(2018, 3, 31), approximate=True).bounds() == (date(2018, 3, 30), date(2018, 4, 1))
    assert When(PartialDate(2019, 2), approximate=True).bounds() == (date(2019, 1, 1), date(2019, 3, 31))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019", PartialDate(2019)),
        ("2019-05", PartialDate(2019, 5)),
        ("2019-05-04", PartialDate(2019, 5, 4)),
        ("May 2019", PartialDate(2019, 5)),
        ("4 May 2019", PartialDate(2019, 5, 4)),
        ("2019/05/04", PartialDate(2019, 5, 4)),
        (" 2019-02 ", PartialDate(2019, 2)),
        ("2019/5", PartialDate(2019, 5)),
        ("05/2019", PartialDate(2019, 5)),
        ("13/02/2019", PartialDate(2019, 2, 13)),
        ("02/13/2019", PartialDate(2019, 2, 13)),
        ("05.05.2019", PartialDate(2019, 5, 5)),
        ("20190504", PartialDate(2019, 5, 4)),
    ],
)
def test_user_dates_keep_the_precision_typed(text: str, expected: PartialDate) -> None:
    assert parse_user_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "", "   ", "2019-13-45", "2019-02-30", "May", "yesterday-ish", "2019-5-4x", "0000", "01/02/2019", "1.2.2019",
        "19-05-04", "190504", "4 May 19", "May '19", "yesterday", "today", "last week", "2 weeks ago", "next month",
        "05/2019/04", "2019/05/04/01", "123/05/2019",
    ],
)  # fmt: skip
def test_bad_user_dates_are_refused(text: str) -> None:
    with pytest.raises(DateError):
        parse_user_date(text)


@given(st.dates(date(1000, 1, 1), date(2999, 12, 31)))
def test_a_day_month_order_is_read_only_when_one_reading_exists(day: date) -> None:
    text = f"{day.day:02d}/{day.month:02d}/{day.year}"
    if day.day <= 12 and day.day != day.month:
        with pytest.raises(DateError, match="could be"):
            parse_user_date(text)
    else:
        assert parse_user_date(text) == PartialDate(day.year, day.month, day.day)
