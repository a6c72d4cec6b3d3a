"""The JSON writer writes exactly what `json.dumps` writes, and only real ISO dates are read."""

from __future__ import annotations

import json
import re
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from nkus.dates import DateError, iso_parts, iso_problem, parse_iso, span
from nkus.render.encode import UNSEEN, dumps

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@given(values)
def test_json_text_is_what_json_dumps_writes(value: object) -> None:
    """The same text, but for the characters a terminal would act on or hide, written as escapes."""
    assert dumps(value) == json.dumps(value, ensure_ascii=False).translate(UNSEEN)
    assert dumps(value, ",", ":") == json.dumps(value, ensure_ascii=False, separators=(",", ":")).translate(UNSEEN)
    assert dumps(value, ascii=True) == json.dumps(value).translate(UNSEEN)
    assert json.loads(dumps(value)) == value


def test_values_json_has_no_shortcut_for_are_handed_to_json() -> None:
    assert dumps({"x": 1.5, 2: (1, 2)}) == json.dumps({"x": 1.5, 2: (1, 2)}, ensure_ascii=False)


@given(st.dates(min_value=date(1, 1, 1)))
def test_a_span_is_a_period_of_whole_days(day: date) -> None:
    assert span((day.year, day.month, day.day)) == (day.toordinal(), day.toordinal())
    month = span((day.year, day.month, None))
    assert date.fromordinal(month[0]) == day.replace(day=1)
    assert date.fromordinal(month[1] + 1).day == 1
    assert span((day.year, None, None)) == (date(day.year, 1, 1).toordinal(), date(day.year, 12, 31).toordinal())


@given(st.text(alphabet="0123456789-²٣x ", max_size=11) | st.from_regex(r"\A\d{4}(-\d{2}(-\d{2})?)?\Z"))
def test_only_real_iso_dates_are_read(text: str) -> None:
    parts = iso_parts(text)
    assert (parts is not None) == bool(re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text, re.ASCII))
    if parts is None or iso_problem(text, parts):
        try:
            parse_iso(text)
        except DateError:
            return
        raise AssertionError(f"{text!r} was accepted")
    assert parse_iso(text).iso() == text
    year, month, day = parts
    date(year, month or 1, day or 1)  # a real day
