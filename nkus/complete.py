"""Shell completion (`nkus --install-completion`): what each argument and option can be — kinds,
summit and agreement names, record ids, actors, tags, field names — read from the dataset that
`--data` (or $NKUS_DATA, or the bundled one) names. Each function is a Typer `autocompletion`
callback; it imports the dataset only when the shell asks, and answers nothing rather than fail."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import typer

TYPE_CHECKING = False
if TYPE_CHECKING:
    from nkus.model import Dataset

Completer = Callable[[typer.Context, str], list[str]]


def _dataset(ctx: typer.Context) -> Dataset | None:
    from nkus.query import load

    try:
        return load(ctx.find_root().params.get("data"))
    except Exception:  # a completion never prints an error into the command line being typed
        return None


def _starting(values: Iterable[str], incomplete: str) -> list[str]:
    return sorted({v for v in values if v.lower().startswith(incomplete.lower())})


def kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    from nkus.vocab import EVENT_KINDS

    return _starting(EVENT_KINDS, incomplete)


def classes(ctx: typer.Context, incomplete: str) -> list[str]:
    from nkus.vocab import MISSILE_CLASSES

    return _starting(MISSILE_CLASSES, incomplete)


def claim_kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    from nkus.vocab import CLAIM_KINDS

    return _starting(CLAIM_KINDS, incomplete)


def publisher_kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    from nkus.vocab import PUBLISHER_KINDS

    return _starting(PUBLISHER_KINDS, incomplete)


def formats(ctx: typer.Context, incomplete: str) -> list[str]:
    from nkus.render import FORMATS

    return _starting(FORMATS, incomplete)


def exports(ctx: typer.Context, incomplete: str) -> list[str]:
    from nkus.export import names

    return _starting(names(), incomplete)


def groupings(ctx: typer.Context, incomplete: str) -> list[str]:
    from nkus.stats import GROUPINGS

    return _starting(GROUPINGS, incomplete)


def summits(ctx: typer.Context, incomplete: str) -> list[str]:
    """Summit ids and aliases."""
    ds = _dataset(ctx)
    return _starting((n for s in ds.summits.values() for n in (s.id, *s.aliases)), incomplete) if ds else []


def agreements(ctx: typer.Context, incomplete: str) -> list[str]:
    ds = _dataset(ctx)
    return _starting((n for a in ds.agreements.values() for n in (a.id, *a.aliases)), incomplete) if ds else []


def actors(ctx: typer.Context, incomplete: str) -> list[str]:
    ds = _dataset(ctx)
    return _starting(ds.actors, incomplete) if ds else []


def tags(ctx: typer.Context, incomplete: str) -> list[str]:
    ds = _dataset(ctx)
    return _starting(ds.tags, incomplete) if ds else []


def objectives(ctx: typer.Context, incomplete: str) -> list[str]:
    ds = _dataset(ctx)
    return _starting(ds.objectives, incomplete) if ds else []


def ids(ctx: typer.Context, incomplete: str) -> list[str]:
    """Any record's id, and summit and agreement aliases."""
    ds = _dataset(ctx)
    if ds is None:
        return []
    aliases = [n for table in (ds.summits, ds.agreements) for r in table.values() for n in r.aliases]
    return _starting([*(r.id for r in ds.records()), *aliases], incomplete)


def fields(ctx: typer.Context, incomplete: str) -> list[str]:
    """The command's field names; after `a,b,` the next one, keeping what is typed before it."""
    done, _, last = incomplete.rpartition(",")
    prefix = f"{done}," if done else ""
    typed = set(done.split(","))
    from nkus.commands import COMMANDS

    command = COMMANDS.get(ctx.info_name or "")
    known = command.all_fields() if command is not None else ()
    return [prefix + f for f in _starting(known, last) if f not in typed]
