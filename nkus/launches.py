"""The missiles of launch events, one by one: each salvo's missiles numbered through the day, their
time also in UTC, and their launch site's place (`nkus missiles`).

North Korean launches are dated and timed in Korean time: Seoul's (KST, UTC+9), as the South
Korean and Japanese reports give it; the CNS/NTI database and others use UTC. Without a launch time a Korean day straddles two UTC days,
so its UTC date is given as both (`2019-07-24/2019-07-25`), never guessed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from nkus.model import Salvo

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs it (see nkus.tuples)
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import NamedTuple

    from nkus.model import Dataset, Event, Missile
else:
    from nkus.tuples import NamedTuple

KST_OFFSET = timedelta(hours=9)


class Launch(NamedTuple):
    """One missile, or one line for a launch whose count is not known (`number` None)."""

    event: str  # the event's id
    number: int | None  # its place among the day's missiles, from 1; None when the count is not known
    of: int | None  # the day's count; None when not known
    date: str  # the Korean date, as the event gives it
    time: str  # HH:MM KST, or ""
    utc_date: str  # YYYY-MM-DD; both possible days joined by "/" without a time; "" without a Korean day
    utc_time: str  # HH:MM UTC, or ""
    system: str | None
    cls: str
    site: str
    site_id: str
    lat: float | None
    lon: float | None
    range_km: float | None
    apogee_km: float | None
    outcome: str


def to_utc(day: date, time: str) -> tuple[str, str]:
    """The UTC date and time of a Korean day and time of day (HH:MM, or "": the date then holds
    both UTC days it may be)."""
    if not time:
        return f"{(day - timedelta(days=1)).isoformat()}/{day.isoformat()}", ""
    hours, minutes = time.split(":")
    moment = datetime(day.year, day.month, day.day, int(hours), int(minutes)) - KST_OFFSET
    return moment.date().isoformat(), moment.strftime("%H:%M")


def _salvos(m: Missile) -> tuple[Salvo, ...]:
    return m.salvos or (Salvo(m.number),)


def launches(ds: Dataset, events: Iterable[Event]) -> list[Launch]:
    """The missiles of `events` (those with missile data), in order: a salvo's fields where it gives
    them, else the day's."""
    out: list[Launch] = []
    for ev in events:
        m = ev.missile
        if m is None:
            continue
        day = ev.lower if ev.when.precision == "day" and ev.lower == ev.upper else None
        numbered = 0
        for salvo in _salvos(m):
            time = salvo.time or m.time
            utc_date, utc_time = to_utc(day, time) if day is not None else ("", "")
            site_id = salvo.site_id or m.site_id
            site = ds.sites.get(site_id)
            one = Launch(
                ev.id, None, m.number, ev.when.start.iso(), time, utc_date, utc_time, salvo.system or m.system,
                salvo.cls or m.cls, salvo.site or m.site or (site.name if site else ""), site_id,
                site.lat if site else None, site.lon if site else None,
                salvo.range_km if salvo.range_km is not None else m.range_km,
                salvo.apogee_km if salvo.apogee_km is not None else m.apogee_km, salvo.outcome or m.outcome,
            )  # fmt: skip
            if salvo.number is None:
                out.append(one)
                continue
            for _ in range(salvo.number):
                numbered += 1
                out.append(one._replace(number=numbered))
    return out
