"""Partial, ranged and approximate dates: parsing, bounds, sort keys and display.

A stored date is `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; its length is its precision. Bounds are the first
and last calendar day the date may denote; filters and sorting work on bounds only.
"""

from __future__ import annotations

from datetime import date, timedelta

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs it (see nkus.tuples)
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from nkus.tuples import NamedTuple

QUALIFIERS = ("early", "mid", "late")
_MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
__all__ = ["DateError", "PartialDate", "When", "days_in_month", "parse_iso", "parse_user_date"]

_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


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


def span(parts: tuple[int, int | None, int | None]) -> tuple[int, int]:
    """The first and last day (ordinals) of a valid year, month or day."""
    partial = PartialDate(*parts)
    return partial.first().toordinal(), partial.last().toordinal()


class DateError(ValueError):
    """A date string that is malformed or names an impossible day."""


class PartialDate(NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last(self) -> date:
        if self.day is not None:
            return self.first()
        month = self.month or 12
        return date(self.year, month, days_in_month(self.year, month))

    def iso(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def human(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{_MONTH_ABBR[self.month]} {self.year}"
        return f"{self.day} {_MONTH_ABBR[self.month]} {self.year}"


# Stored dates repeat, so each is parsed once. Every key is a valid date: the generated record
# checks (`validate.compile_accept`) test membership here before calling anything.
PARSED: dict[str, PartialDate] = {}


def parse_iso(text: str) -> PartialDate:
    """Parse a stored date; raise DateError naming what is wrong."""
    parsed = PARSED.get(text)
    if parsed is not None:
        return parsed
    parts = iso_parts(text)
    problem = iso_problem(text, parts)
    if problem or parts is None:
        raise DateError(problem)
    parsed = PartialDate(*parts)
    if len(PARSED) < 100_000:
        PARSED[text] = parsed
    return parsed


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, days_in_month(year, month + 1)))


def _qualified(start: PartialDate, qualifier: str) -> tuple[date, date]:
    """The part of a month or year that early/mid/late denotes."""
    third = QUALIFIERS.index(qualifier)
    if start.precision == "month":
        lower = start.first() + timedelta(days=10 * third)
        upper = start.last() if third == 2 else lower + timedelta(days=9)
        return lower, upper
    lower = date(start.year, 1 + 4 * third, 1)
    return lower, _add_months(lower, 4) - timedelta(days=1)


class When(NamedTuple):
    """When an event happened: a start, an optional inclusive end, a qualifier, approximateness."""

    start: PartialDate
    end: PartialDate | None = None
    qualifier: str | None = None
    approximate: bool = False

    @property
    def precision(self) -> str:
        return self.start.precision

    def bounds(self) -> tuple[date, date]:
        if self.qualifier:
            lower, upper = _qualified(self.start, self.qualifier)
        else:
            lower = self.start.first()
            upper = lower if self.start.day is not None else self.start.last()
        if self.end is not None:
            upper = max(upper, self.end.last())
        if self.approximate:
            lower, upper = _widen(lower, upper, self.precision)
        return lower, upper

    def human(self) -> str:
        text = self.start.human()
        if self.qualifier:
            text = f"{self.qualifier} {text}"
        if self.end is not None:
            text = _span_words(self.start, self.end) if not self.qualifier else f"{text} – {self.end.human()}"
        return f"~{text}" if self.approximate else text


def _span_words(start: PartialDate, end: PartialDate) -> str:
    """A range as briefly as it reads unambiguously: 27–28 Feb 2019, 30 Jun – 1 Jul 2019,
    Jun–Jul 2019, Dec 2019 – Jan 2020."""
    if start.precision != end.precision or start.year != end.year or start.month is None:
        return f"{start.human()} – {end.human()}"
    if start.day is None:  # months of one year
        return f"{_MONTH_ABBR[start.month]}–{end.human()}"
    if start.month == end.month:
        return f"{start.day}–{end.human()}"
    return f"{start.day} {_MONTH_ABBR[start.month]} – {end.human()}"


def _widen(lower: date, upper: date, precision: str) -> tuple[date, date]:
    if precision == "day":
        return lower - timedelta(days=1), upper + timedelta(days=1)
    months = 1 if precision == "month" else 12
    return _add_months(lower, -months), _add_months(upper.replace(day=1), months + 1) - timedelta(days=1)


# Words that make a date relative to today: a query would change meaning from one day to the next.
RELATIVE_WORDS = frozenset(
    [
        "today",
        "tonight",
        "yesterday",
        "tomorrow",
        "now",
        "ago",
        "last",
        "next",
        "this",
        "coming",
        "past",
        "previous",
        "week",
        "weeks",
        "weekend",
        "fortnight",
        "days",
        "months",
        "years",
        "recently",
    ]
)
_MONTH_NAMES = (
    "", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
ACCEPTED = "2019, 2019-05, 2019-05-04, May 2019, 4 May 2019 or 2019/05/04"


def parse_user_date(text: str) -> PartialDate:
    """Parse a date a person typed: `2019`, `2019-05`, `May 2019`, `4 May 2019`, `2019/05/04`.

    The precision is what the person wrote: components they left out are not filled in. Nothing
    is guessed: a date that could be read two ways (`01/02/2019`), a two-digit year (`19-05-04`)
    and a relative date (`yesterday`, `last week`) are errors that say what to write instead.
    """
    text = text.strip()
    if not text:
        raise DateError("empty date")
    if iso_parts(text) is not None:
        return parse_iso(text)
    if text.isascii() and all(c.isdigit() or c in "/.- " for c in text):
        return _numeric(text)
    if not RELATIVE_WORDS.isdisjoint(text.lower().replace(",", " ").split()):
        raise DateError(f"'{text}' is relative to today: write the date itself, such as 2019-05-04")
    # dateutil costs tens of milliseconds to import: only free-form dates pay for it.
    from datetime import datetime

    from dateutil import parser

    try:
        one = parser.parse(text, default=datetime(2000, 1, 1))
        two = parser.parse(text, default=datetime(2004, 2, 2))
    except (ValueError, OverflowError) as exc:
        raise DateError(f"'{text}' is not a date I can read (write {ACCEPTED})") from exc
    if one.year != two.year:
        raise DateError(f"'{text}' has no year")
    if f"{one.year:04d}" not in text:
        raise DateError(f"'{text}' has a two-digit year: write the year in full, as in {ACCEPTED}")
    if one.month != two.month:
        return PartialDate(one.year)
    if one.day != two.day:
        return PartialDate(one.year, one.month)
    return PartialDate(one.year, one.month, one.day)


def _numeric(text: str) -> PartialDate:
    """A date written in numbers only: year first (2019/05/04, 2019.5), or last when the order of
    day and month is plain (13/02/2019, 02/2019)."""
    groups = text.replace("/", " ").replace(".", " ").replace("-", " ").split()
    unreadable = DateError(f"'{text}' is not a date I can read (write {ACCEPTED})")
    if len(groups) == 1 and len(text) == 8:  # 20190504
        groups = [text[:4], text[4:6], text[6:]]
    if len(groups) > 3 or any(len(g) not in (1, 2, 4) for g in groups):
        raise unreadable
    years = [i for i, g in enumerate(groups) if len(g) == 4]
    if not years:
        raise DateError(f"'{text}' has a two-digit year: write the year in full, as in {ACCEPTED}")
    if len(years) > 1 or len(groups) == 1 or years[0] not in (0, len(groups) - 1):
        raise unreadable
    numbers = [int(g) for g in groups]
    if years[0] == 0:
        parts = (numbers[0], numbers[1], numbers[2] if len(numbers) == 3 else None)
    elif len(numbers) == 2:
        parts = (numbers[1], numbers[0], None)
    else:
        first, second, year = numbers
        if first <= 12 and second <= 12 and first != second:
            raise DateError(
                f"'{text}' could be {first} {_MONTH_NAMES[second]} or {second} {_MONTH_NAMES[first]} {year}: "
                f"write {year:04d}-{second:02d}-{first:02d} or {year:04d}-{first:02d}-{second:02d}"
            )
        day, month = (second, first) if second > 12 else (first, second)
        parts = (year, month, day)
    problem = iso_problem(text, parts)
    if problem:
        raise DateError(problem)
    return PartialDate(*parts)
