"""How a name that names nothing is answered: the nearest choice, and the list to choose from."""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Iterable


def suggest(word: str, choices: Iterable[str]) -> str:
    """`" — did you mean 'x'?"` for the closest choice (in any case), or "" when none is close."""
    import difflib

    by_lower = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return f" — did you mean '{by_lower[close[0]]}'?" if close else ""


def unknown(what: str, value: str, choices: Iterable[str], listed: str = "") -> str:
    """`unknown kind 'x' — did you mean 'y'? (kinds: a, b)`. `listed` names the list when adding
    an `s` to `what` does not; the list is left out when `listed` is "-"."""
    choices = list(choices)
    text = f"unknown {what} '{value}'{suggest(value, choices)}"
    if listed == "-":
        return text
    return f"{text} ({listed or what.split()[-1] + 's'}: {', '.join(choices)})"


def missing(what: str, value: str, choices: Iterable[str]) -> str:
    """`no summit 'x' — did you mean 'y'?`: for a name among many (records, actors)."""
    return f"no {what} '{value}'{suggest(value, choices)}"
