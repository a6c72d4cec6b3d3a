"""What the dataset declares it covers (coverage.json), and the note a query gets when its date
range reaches outside what is complete. Import-light: the fast timeline path uses it."""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Iterable

    from nkus.filters import EventFilter

    # kinds (empty: every kind), first day, last day (ordinals), level, from and to as written,
    # and for launches the missile classes the level is about (empty: all)
    Span = tuple[tuple[str, ...], int, int, str, str, str, tuple[str, ...]]


def note(spans: Iterable[Span], flt: EventFilter) -> str:
    """One line saying what is complete, when the query has a date range that reaches outside the
    complete coverage of the kinds it asks for; "" otherwise (or when no range is given)."""
    if flt.start is None and flt.end is None:
        return ""
    complete = [s for s in spans if s[3] == "complete"]
    if not complete:
        return ""
    declared = sorted({k for s in complete for k in s[0]})
    wanted = sorted(flt.kinds) if flt.kinds else declared
    lo = flt.start if flt.start is not None else -(1 << 40)
    hi = flt.end if flt.end is not None else 1 << 40
    short = [k for k in wanted if not _covers([s for s in complete if not s[0] or k in s[0]], lo, hi)]
    if not short:
        return ""
    by_range: dict[str, list[str]] = {}  # kinds complete over the same spans are named together
    for k in short:
        mine = sorted((s for s in complete if not s[0] or k in s[0]), key=lambda s: s[1])
        by_range.setdefault(" and ".join(f"{s[4]}–{s[5]}" for s in mine), []).append(k)
    never = by_range.pop("", [])
    pieces = ["; ".join(f"{', '.join(kinds)} {span}" for span, kinds in by_range.items()) + " only"] if by_range else []
    pieces += [f"{', '.join(never)} never"] if never else []
    text = f"note: the dataset is complete for {', '.join(pieces)}; see 'nkus coverage'"
    if len(text) > NOTE_WIDTH:
        text = "note: the dataset is complete for only part of this range; see 'nkus coverage'"
    return text


# A note fits one line of a 100-column terminal, after "nkus: ".
NOTE_WIDTH = 94


def _covers(spans: list[Span], lo: int, hi: int) -> bool:
    """Whether the union of the spans covers every day from lo to hi."""
    reach = lo
    for _, first, last, *_ in sorted(spans, key=lambda s: s[1]):
        if first > reach:
            return False
        reach = max(reach, last + 1)
        if reach > hi:
            return True
    return reach > hi


def span(
    kinds: Iterable[str], first: int, last: int, level: str, start: str, end: str, classes: Iterable[str] = ()
) -> Span:
    return (tuple(kinds), first, last, level, start, end, tuple(classes))
