"""Calendar arithmetic with no imports: reading `YYYY[-MM[-DD]]` and numbering days.

The repeated-query path (`nkus timeline` answered from the index) uses only this: importing `re`
and `datetime` would cost more than the rest of that path's work. Day numbers are the proleptic
Gregorian ordinals of `datetime.date.toordinal()`, so the two can be mixed.
"""

from __future__ import annotations

_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_BEFORE = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)  # days in the months before


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    return _DAYS[month] + (month == 2 and is_leap(year))


def iso_parts(text: str) -> tuple[int, int | None, int | None] | None:
    """Year, month and day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (numbers not yet range-checked),
    or None when `text` does not have that form."""
    n = len(text)
    # isascii(): isdigit() alone would accept other scripts' digits, such as '٣'.
    if n not in (4, 7, 10) or not text.isascii():
        return None
    if n > 4 and (text[4] != "-" or (n == 10 and text[7] != "-")):
        return None
    year, month, day = text[:4], text[5:7], text[8:]
    if not year.isdigit() or (n > 4 and not month.isdigit()) or (n == 10 and not day.isdigit()):
        return None
    return int(year), int(month) if n > 4 else None, int(day) if n == 10 else None


def iso_problem(text: str, parts: tuple[int, int | None, int | None] | None) -> str:
    """Why `text` (read by `iso_parts`) is not a real date, or "" when it is."""
    if parts is None:
        return f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
    year, month, day = parts
    if year < 1:
        return f"'{text}' has year 0"
    if month is not None and not 1 <= month <= 12:
        return f"'{text}' has no month {month}"
    if month is not None and day is not None and not 1 <= day <= days_in_month(year, month):
        return f"'{text}' is not a day of that month"
    return ""


def ordinal(year: int, month: int, day: int) -> int:
    """`date(year, month, day).toordinal()`."""
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400 + _BEFORE[month] + (month > 2 and is_leap(year)) + day


def span(parts: tuple[int, int | None, int | None]) -> tuple[int, int]:
    """The first and last day (ordinals) of a valid year, month or day."""
    year, month, day = parts
    if day is not None and month is not None:
        first = ordinal(year, month, day)
        return first, first
    if month is not None:
        return ordinal(year, month, 1), ordinal(year, month, days_in_month(year, month))
    return ordinal(year, 1, 1), ordinal(year, 12, 31)
