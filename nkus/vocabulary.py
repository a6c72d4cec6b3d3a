"""The vocabulary a query can use: the dataset's actors, tags and event kinds, each with how many
events it has (among the events a filter keeps), most used first."""

from __future__ import annotations

from collections import Counter

from nkus.filters import EventFilter
from nkus.model import Dataset, Event
from nkus.query import timeline
from nkus.rows import Row, actor_row, tag_row
from nkus.vocab import EVENT_KINDS

ACTOR_COUNT_FIELDS = ("id", "name", "type", "country", "role", "aliases", "events")
TAG_COUNT_FIELDS = ("id", "description", "events")
KIND_COUNT_FIELDS = ("kind", "events")


def _counted(ds: Dataset, flt: EventFilter | None, keys: str) -> Counter[str]:
    events: list[Event] = ds.events if flt is None else timeline(ds, flt)
    return Counter(k for ev in events for k in getattr(ev, keys))


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
    events: list[Event] = ds.events if flt is None else timeline(ds, flt)
    n = Counter(ev.kind for ev in events)
    return [Row({"kind": k, "events": n[k]}) for k in sorted(EVENT_KINDS, key=lambda k: -n[k])]
