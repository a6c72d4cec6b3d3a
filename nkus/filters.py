"""Which events a timeline keeps: building a filter from what the user typed, resolving names to
ids, and the tests it applies. Both the dataset (`nkus.query`) and the cached index
(`nkus.index`) apply these same rules.

Date filters are overlap-aware: an event lies in [start, end] when its bounds overlap that range
(a partial date covers its whole period: `end="2019-10"` means up to 31 October). With
`within=True` an event must lie entirely inside the range. Days are ordinals
(`date.toordinal()`).

Imports only what the repeated-query path needs.
"""

from __future__ import annotations

from nkus.dates import iso_parts, iso_problem, span
from nkus.errors import UsageError
from nkus.names import missing, unknown
from nkus.vocab import COUNTRY_NAMES, EVENT_KINDS, MISSILE_CLASSES

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Iterable
    from datetime import date
    from typing import Any

    from nkus.dates import PartialDate

    # What filters need to know of an actor: id, name, country, aliases, type.
    ActorKey = tuple[str, str, str, tuple[str, ...], str]


# A filter value the dataset cannot answer as asked (a bad date, an unknown kind, a name that
# names nothing) is a usage error, whatever the filter; its message names the filter's parameter.
QueryError = UsageError


def _day(value: str | date | PartialDate | None, upper: bool, param: str) -> int | None:
    """The first (or, for an upper bound, last) day a filter date denotes."""
    if value is None:
        return None
    if isinstance(value, tuple):  # a PartialDate
        return (value.last() if upper else value.first()).toordinal()
    if not isinstance(value, str):  # a datetime.date
        return value.toordinal()
    text = value.strip()
    parts = iso_parts(text)
    problem = iso_problem(text, parts) if parts is not None else ""
    if parts is not None and not problem:
        first, last = span(parts)
        return last if upper else first
    if not problem:  # not ISO: a free-form date, which needs the full parser
        from nkus.dates import DateError, parse_user_date

        try:
            partial = parse_user_date(text)
        except DateError as exc:
            problem = str(exc)
        else:
            return (partial.last() if upper else partial.first()).toordinal()
    raise QueryError(f"bad date for {{{param}}}: {problem}", param)


class EventFilter:
    """What `nkus timeline` filters on; an empty filter keeps every event. `start` and `end` are
    day ordinals; build one from user input with `EventFilter.build`."""

    __slots__ = (
        "actors", "classes", "countries", "end", "kinds", "start", "summit", "systems", "tags", "text", "texts", "within",
    )  # fmt: skip

    def __init__(
        self,
        *,
        start: int | None = None,
        end: int | None = None,
        kinds: frozenset[str] = frozenset(),
        actors: frozenset[str] = frozenset(),
        countries: frozenset[str] = frozenset(),
        tags: frozenset[str] = frozenset(),
        text: str = "",
        within: bool = False,
        summit: str = "",
        texts: tuple[str, ...] | None = None,
        classes: frozenset[str] = frozenset(),
        systems: frozenset[str] = frozenset(),
    ) -> None:
        """`text` is folded (`nkus.fold`); `texts` are the folded texts any of which an event may
        hold (the text, and the other names of the actor it names: see `resolve`)."""
        self.start, self.end, self.within = start, end, within
        self.kinds, self.actors, self.countries, self.tags = kinds, actors, countries, tags
        self.text, self.summit, self.classes, self.systems = text, summit, classes, systems
        self.texts = (text,) if texts is None and text else texts or ()

    def __repr__(self) -> str:
        return f"EventFilter({', '.join(f'{n}={getattr(self, n)!r}' for n in self.__slots__)})"

    def replace(self, **changes: Any) -> EventFilter:
        return EventFilter(**{n: changes.get(n, getattr(self, n)) for n in self.__slots__})

    @classmethod
    def build(
        cls,
        *,
        start: str | date | PartialDate | None = None,
        end: str | date | PartialDate | None = None,
        kinds: Iterable[str] = (),
        actors: Iterable[str] = (),
        countries: Iterable[str] = (),
        tags: Iterable[str] = (),
        text: str | None = "",
        within: bool = False,
        summit: str | None = "",
        classes: Iterable[str] = (),
        systems: Iterable[str] = (),
    ) -> EventFilter:
        lo, hi = _day(start, False, "start"), _day(end, True, "end")
        if lo is not None and hi is not None and lo > hi:
            raise QueryError(f"{{start}} {start} is after {{end}} {end}", "start", "end")
        kinds = frozenset(k.lower() for k in kinds)
        for kind in sorted(kinds - set(EVENT_KINDS)):
            raise QueryError(unknown("kind", kind, EVENT_KINDS))
        by_lower = {c.lower(): c for c in MISSILE_CLASSES}
        for wanted in sorted({c.lower() for c in classes} - set(by_lower)):
            raise QueryError(unknown("missile class", wanted, MISSILE_CLASSES, "classes"))
        return cls(
            start=lo, end=hi, kinds=kinds, actors=frozenset(a.lower() for a in actors),
            countries=frozenset(c.strip() for c in countries), tags=frozenset(t.lower() for t in tags),
            text=fold(text) if text else "", within=within, summit=(summit or "").lower(),
            classes=frozenset(by_lower[c.lower()] for c in classes),
            systems=frozenset(_compact(s) for s in systems if _compact(s)),
        )  # fmt: skip

    # Each part of the filter is its own test so that the cached index can apply the same rules to
    # its columns without building Event objects.
    def kind_ok(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds

    def days_ok(self, lower: int, upper: int) -> bool:
        """Whether days [lower, upper] overlap [start, end] (open ends allowed), or lie within it."""
        start, end = self.start, self.end
        if self.within:
            return (start is None or lower >= start) and (end is None or upper <= end)
        return (start is None or upper >= start) and (end is None or lower <= end)

    def actors_ok(self, actor_ids: Collection[str]) -> bool:
        return not self.actors or not self.actors.isdisjoint(actor_ids)

    def countries_ok(self, countries: Collection[str]) -> bool:
        return not self.countries or not self.countries.isdisjoint(countries)

    def tags_ok(self, tags: Collection[str]) -> bool:
        return not self.tags or not self.tags.isdisjoint(tags)

    def class_ok(self, cls: str) -> bool:
        return not self.classes or cls in self.classes

    def system_ok(self, system: str) -> bool:
        """Whether a launch's system (as reported) names one of the systems asked for."""
        return not self.systems or any(s in _compact(system) for s in self.systems)

    def summit_ok(self, summit: str | None) -> bool:
        return not self.summit or summit == self.summit

    def text_test(self) -> Callable[[str], bool]:
        """Whether a `haystack` holds the text (or another name of the actor it names) as words
        (`nkus.fold.needle`): "ri" is the word Ri, never the ri of "during"."""
        from nkus.fold import needle

        needles = tuple(map(needle, self.texts))
        return lambda haystack: any(n in haystack for n in needles)


def _compact(name: str) -> str:
    """A system's name without case, spaces or hyphens: `Hwasong-17` = `hwasong 17` = `HWASONG17`."""
    return "".join(c for c in name.lower() if c.isalnum())


def fold(text: str) -> str:
    """`nkus.fold.fold`, imported when first needed: a query without --search or --actor never is."""
    from nkus.fold import fold as folded

    return folded(text)


def haystack(
    rid: str, title: str, summary: str, location: str | None, tags: Iterable[str], names: Iterable[str] = ()
) -> str:
    """The text `--search` looks in, folded: id, title, summary, place, tags, and the names and
    aliases of the event's actors (`names`), with a space at each end, so that a whole word or
    phrase is found as " word "."""
    return f" {fold(' | '.join((rid, title, summary, location or '', ' '.join(tags), ' | '.join(names))))} "


def actor_names(actor: ActorKey) -> tuple[str, ...]:
    """An actor's name and aliases."""
    return (actor[1], *actor[3])


def name_table(actors: Iterable[ActorKey]) -> dict[str, tuple[str, ...]]:
    """Every actor's folded name and aliases, to all of that actor's folded names: a search for
    one of them finds the others ("Chairman Kim" finds "Kim Jong Un")."""
    table: dict[str, tuple[str, ...]] = {}
    for actor in actors:
        names = tuple(dict.fromkeys(map(fold, actor_names(actor))))
        for name in names:
            table[name] = tuple(dict.fromkeys((*table.get(name, ()), *names)))
    return table


def check_limit(limit: int | None) -> None:
    if limit is not None and limit < 0:
        raise QueryError(f"{{limit}} must be 0 or more, not {limit}", "limit")


def resolve(flt: EventFilter, actors: Iterable[ActorKey], tags: Iterable[str], summits: dict[str, str]) -> EventFilter:
    """The filter with actor names, country names and summit aliases turned into ids, and the
    search text into the names it may be written as; unknown values are errors."""
    actors = list(actors)
    changes: dict[str, Any] = {"actors": frozenset(_actor_id(actors, a) for a in sorted(flt.actors))}
    if flt.countries:
        changes["countries"] = frozenset(_country_code(actors, c) for c in sorted(flt.countries))
    if flt.tags:
        _check_known(flt.tags, set(tags), "tag")
    if flt.summit:
        if flt.summit not in summits:
            raise QueryError(missing("summit", flt.summit, summits))
        changes["summit"] = summits[flt.summit]
    if flt.text:
        changes["texts"] = name_table(actors).get(flt.text, (flt.text,))
    return flt.replace(**changes)


def _actor_id(actors: list[ActorKey], value: str) -> str:
    """The one actor an `--actor` value names: its id, its name or an alias (written any way
    `nkus.fold` forgives), or a part of one of them that no other actor shares."""
    key = fold(value)
    names = [(a, [fold(n) for n in (a[0], *actor_names(a))]) for a in actors]
    exact = [a for a, folded in names if a[0] == value or key in folded]
    hits = exact or [a for a, folded in names if key and any(key in n for n in folded)]
    if len(hits) == 1:
        return hits[0][0]
    if not hits:
        raise QueryError(missing("actor", value, [a[0] for a in actors]))
    listed = ", ".join(f"{a[0]} ({a[1]})" for a in sorted(hits))
    raise QueryError(f"{{actors}} '{value}' matches {len(hits)} actors: {listed}; give one of these ids", "actors")


def _country_code(actors: list[ActorKey], value: str) -> str:
    """The ISO code a `--country` value names: a code of the dataset's actors, or a usual name
    (DPRK, North Korea, ROK, US …), or the name of a state actor."""
    codes = {a[2] for a in actors} - {""}
    code = value.upper()
    if code not in codes:
        key = fold(value)
        states = {fold(n): a[2] for a in actors if a[4] == "state" and a[2] for n in (a[0], *actor_names(a))}
        code = states.get(key) or COUNTRY_NAMES.get(key, "")
    if code in codes:
        return code
    named = {a[2]: a[1] for a in sorted(actors) if a[4] == "state" and a[2]}
    known = ", ".join(f"{c} ({named[c]})" if c in named else c for c in sorted(codes))
    what = f"no actor of country {code} ('{value}')" if code else f"no country '{value}'"
    raise QueryError(f"{what}; use one of the codes: {known}")


def _check_known(values: frozenset[str], known: set[str], what: str) -> None:
    for value in sorted(values - known):
        raise QueryError(missing(what, value, known))
