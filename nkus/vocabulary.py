"""The vocabulary a query can use: the dataset's actors, tags and event kinds, each with how many
events it has (among the events a filter keeps), most used first."""

from __future__ import annotations

from collections import Counter

from nkus.filters import EventFilter
from nkus.model import Dataset, Event
from nkus.query import timeline
from nkus.rows import Row, actor_row, tag_row
from nkus.vocab import EVENT_KINDS


def _counted(ds: Dataset, flt: EventFilter | None, keys: str) -> Counter[str]:
    """How many of the events `flt` keeps have each value of the field `keys` (a kind, or each
    of a list of actors or tags)."""
    events: list[Event] = ds.events if flt is None else timeline(ds, flt).events
    return Counter(k for ev in events for k in ((ev.kind,) if keys == "kind" else getattr(ev, keys)))


def actors(ds: Dataset, flt: EventFilter | None = None) -> list[Row]:
    """Every actor with the number of events it takes part in."""
    n = _counted(ds, flt, "actors")
    chosen = sorted(ds.actors.values(), key=lambda a: (-n[a.id], a.id))
    return [Row({**actor_row(a), "events": n[a.id]}) for a in chosen]


def tags(ds: Dataset, flt: EventFilter | None = None) -> list[Row]:
    """Every tag with the number of events that carry it."""
    n = _counted(ds, flt, "tags")
    chosen = sorted(ds.tags.values(), key=lambda t: (-n[t.id], t.id))
    return [Row({**tag_row(t), "events": n[t.id]}) for t in chosen]


def kinds(ds: Dataset, flt: EventFilter | None = None) -> list[Row]:
    """Every event kind with the number of events of that kind (none for some)."""
    n = _counted(ds, flt, "kind")
    return [Row({"kind": k, "events": n[k]}) for k in sorted(EVENT_KINDS, key=lambda k: -n[k])]
