"""The index of a dataset's events, through which every event query is answered, kept in memory
for a loaded dataset and in a cache file for the command line, so that a repeated query skips
parsing and validating the JSON.

One function (`_header`) makes the index of a loaded `Dataset`, for the in-memory view (which holds
the dataset's events) and for the cached file (which holds each event's record as stored, made an
`Event` again by the loader's own builder, `model.event`, only for the events a query returns).
The header has a column per filter (`COLUMNS`: per event, in timeline order, a code into a table
of the distinct values, so a filter is decided once per value), the names, aliases, claims and
coverage the queries need, and the fingerprint of the dataset files the file was built from. The
file is used only while every dataset file's size, time stamp and checksum still match, and only by
the code that wrote it (`cache.layout_key`); it is written to a temporary file and renamed into
place.

This module is on the path of every repeated query, so it imports only what that path needs.
"""

from __future__ import annotations

import marshal
import mmap
import os
import zlib
from bisect import bisect_left
from operator import attrgetter

from nkus.cache import cache_file, fingerprint, layout_key
from nkus.filters import actor_names, check_limit, haystack, name_table, resolve
from nkus.gcpause import gc_paused
from nkus.location import resolve_layers

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from array import array
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any, Literal

    from nkus.coverage import Span
    from nkus.dates import When
    from nkus.filters import EventFilter
    from nkus.location import Where
    from nkus.model import Dataset, Event

    Code = Literal["H", "I", "i", "Q"]
    Header = dict[str, Any]

MAGIC = b"NKUSIDX3"
# The footer: where the header starts (8 bytes) and the CRC-32 of the header (4), little-endian.
# Each record's CRC-32 is in the header's `crcs` column: a read checks the bytes it reads, so a
# damaged file is rebuilt, never answered from.
_FOOTER = 12
_BATCH = 4096  # events marshalled and written at a time


# The filter columns: name, array code, the value of an event it holds, and the test of
# `filters.EventFilter` that decides a value (given the index's header). A filter on another field
# of an event is a line here and a test in `filters.EventFilter`.
class Column:
    __slots__ = ("code", "name", "test", "value")

    def __init__(
        self, name: str, code: Code, value: Callable[[Event], Any], test: Callable[[EventFilter, Any, Header], bool]
    ) -> None:
        self.name, self.code, self.value, self.test = name, code, value, test


def _actors_ok(flt: EventFilter, actors: tuple[str, ...], h: Header) -> bool:
    countries = h["countries"]
    return flt.actors_ok(actors) and flt.countries_ok({countries.get(a, "") for a in actors})


COLUMNS = (
    Column("kind", "H", attrgetter("kind"), lambda flt, v, h: flt.kind_ok(v)),
    Column("actors", "I", attrgetter("actors"), _actors_ok),
    Column("tags", "I", attrgetter("tags"), lambda flt, v, h: flt.tags_ok(v)),
    Column("summit", "I", lambda ev: ev.summit or "", lambda flt, v, h: flt.summit_ok(v or None)),
    Column("class", "H", lambda ev: ev.missile.cls if ev.missile else "", lambda flt, v, h: flt.class_ok(v)),
    Column(
        "system", "I", lambda ev: (ev.missile.system or "") if ev.missile else "", lambda flt, v, h: flt.system_ok(v)
    ),
)
# Columns every index has besides, per event in timeline order: its date's number in the header's
# `whens`, where its record is in the file (`order`: the file keeps records in the order of the
# dataset's files, so that writing them reads memory in order) and its first day (`first_day`)
# and first days (`first_day`, which a date filter searches to skip the events that cannot match).
_CODES: dict[str, Code] = {"when": "I", "order": "I", "first_day": "i", "offsets": "Q", "crcs": "I"}


class Index:
    """An opened index: its header, the columns (views into the header's bytes) and the events."""

    def __init__(
        self, events: mmap.mmap | bytes, header: dict[str, Any], path: str = "", typed: list[Event] | None = None
    ) -> None:
        self.events = events  # the file: its events' records, then the header
        self.typed = typed  # or the events themselves, for the index of a loaded dataset
        self.header = header
        self.path = path  # the index file, or "" for an index kept in memory
        self._haystacks: list[str] | None = None
        self._whens: dict[int, tuple[When, Any, Any]] = {}
        codes = {c.name: c.code for c in COLUMNS} | _CODES
        self.columns = {name: memoryview(data).cast(codes[name]) for name, data in header["columns"].items()}
        self.order, self.first_day = self.columns["order"], self.columns["first_day"]

    def __len__(self) -> int:
        return len(self.order)

    def event(self, n: int) -> Event:
        """Event number `n` (in timeline order), as the model has it: the loaded dataset's own, or
        made from the record the file keeps by the loader's builder (`model.event`)."""
        if self.typed is not None:
            return self.typed[n]
        from nkus.model import event

        try:
            at, offsets = self.order[n], self.columns["offsets"]
            data = self.events[offsets[at] : offsets[at + 1]]
            if zlib.crc32(data) != self.columns["crcs"][at]:
                raise DamagedIndex
            return event(self._when(self.columns["when"][n]), marshal.loads(data))
        except (ValueError, EOFError, TypeError, IndexError, KeyError):
            raise DamagedIndex from None

    def _when(self, number: int) -> tuple[When, Any, Any]:
        made = self._whens.get(number)
        if made is None:
            from datetime import date

            from nkus.dates import PartialDate, When

            first, last, (start, end, qualifier, approximate) = self.header["whens"][number]
            when = When(PartialDate(*start), PartialDate(*end) if end else None, qualifier, approximate)
            made = self._whens[number] = (when, date.fromordinal(first), date.fromordinal(last))
        return made

    # What an event's row needs of the rest of the dataset: the same as `model.Dataset` offers.
    def countries(self, ev: Event) -> list[str]:
        countries = self.header["countries"]
        return sorted({countries.get(a, "") for a in ev.actors} - {""})

    def claims_about(self, record_id: str) -> list[str]:
        return list(self.header["claims"].get(record_id, ()))

    def haystacks(self) -> list[str]:
        """Each event's folded search text (`filters.haystack`), in timeline order. Folding every
        event costs more than the rest of an index build, so it is done by the first query that
        searches, and kept beside the index file (`<index>.search`) for the next."""
        if self._haystacks is None:
            self._haystacks = self._saved_haystacks()
            if self._haystacks is None:
                self._haystacks = list(_haystacks(map(self.event, range(len(self))), self.header["actors"]))
                self._save_haystacks(self._haystacks)
        return self._haystacks

    def _search_key(self) -> Any:
        return (self.header.get("fingerprint"), self.header["format"], len(self))

    def _saved_haystacks(self) -> list[str] | None:
        if not self.path:
            return None
        from nkus.cache import regular_file

        data = regular_file(self.path + ".search")
        try:
            key, crc, blob = marshal.loads(data) if data is not None else (None, None, b"")
            if key != self._search_key() or crc != zlib.crc32(blob):
                return None  # none yet, made for other files, or damaged: made again
            texts = marshal.loads(blob)
        except Exception:  # only a cache: anything odd in it (a damaged length, say) is a reason to make it again
            return None
        return texts if type(texts) is list and len(texts) == len(self) else None

    def _save_haystacks(self, texts: list[str]) -> None:
        if not self.path:
            return
        from nkus.atomic import replacing

        try:
            blob = marshal.dumps(texts)
            with replacing(self.path + ".search", durable=False, special=False) as fh:
                marshal.dump((self._search_key(), zlib.crc32(blob), blob), fh)
        except (OSError, ValueError):  # only a cache: the next search makes them again
            return


class DamagedIndex(Exception):
    """The index file was changed after it was written (its header is checked when opened, each
    event only when read)."""


def build(roots: Where) -> Index:
    """Load the dataset, write its index (when the cache is writable) and return it."""
    from array import array

    from nkus.loader import from_records, validate
    from nkus.model import Dataset

    with gc_paused():
        records = validate(roots)
        ds = from_records(records, Dataset)
        header = _header(ds)
        # The file keeps each event's record as stored, to be made an Event again by the loader's
        # builder when a query returns it.
        stored = records.by_collection["events"]
        at = {r["id"]: n for n, r in enumerate(stored)}
        header["columns"]["order"] = array(_CODES["order"], (at[ev.id] for ev in ds.events)).tobytes()
        # The fingerprint of the bytes the loader read, so the index always matches what it holds.
        header["fingerprint"] = records.stamps
        from nkus.atomic import replacing  # (writing is a first query's work: a repeated one skips the import)

        target = cache_file(roots)
        try:
            _prepare(target)
            with replacing(target, special=False) as fh:
                _write(fh, stored, header)
            with open(target, "rb") as fh:
                return Index(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ), header, target)
        except (OSError, ValueError):  # a full disk, say: the index is only a cache
            return Index(b"", header, typed=ds.events)


def of_dataset(ds: Dataset) -> Index:
    """The index of a loaded dataset, kept in memory with it (made on first use): the library's
    queries go through the same `matching` as the command's. Its events are numbered as in
    `ds.events`."""
    made = ds.cache.get("index")
    if made is None:
        made = ds.cache["index"] = Index(b"", _header(ds), typed=ds.events)
    assert isinstance(made, Index)
    return made


ActorKey = tuple[str, str, str, tuple[str, ...], str]


def _header(ds: Dataset) -> dict[str, Any]:
    """The header of the index of `ds`: its columns and the tables they point into, and what the
    queries need of the other records. The events are in timeline order (`model.Dataset` keeps
    them so), which is the order of the columns; `order` is made by `build` for the file."""
    from array import array

    events = ds.events
    columns: dict[str, bytes] = {}
    header: dict[str, Any] = {"format": layout_key(), "columns": columns, "values": {}}
    for col in COLUMNS:
        codes, header["values"][col.name] = _coded(map(col.value, events))
        columns[col.name] = array(col.code, codes).tobytes()
    codes, whens = _coded(map(attrgetter("when"), events))
    table = [(*(d.toordinal() for d in w.bounds()), _pack_when(w)) for w in whens]
    columns["when"] = array(_CODES["when"], codes).tobytes()
    header["whens"] = table
    header["widest"] = max((last - first for first, last, _ in table), default=0)  # in days
    columns["order"] = array(_CODES["order"], range(len(events))).tobytes()  # replaced for a file
    columns["first_day"] = array(_CODES["first_day"], (ev.lower.toordinal() for ev in events)).tobytes()
    header["actors"] = [(a.id, a.name, a.country, a.aliases, a.type) for a in ds.actors.values()]
    header["countries"] = {a.id: a.country for a in ds.actors.values() if a.country}
    header["all_tags"] = sorted({t for tags in header["values"]["tags"] for t in tags})
    header["summit_names"] = ds.summit_names()
    header["claims"] = {rid: ids for rid, ids in ds.claims_map().items() if rid in ds.event_index}
    header["coverage"] = coverage_spans(ds)
    last = max(events, key=lambda ev: ev.upper, default=None)
    header["last"] = (last.upper.toordinal(), last.when.human()) if last else None
    return header


def _coded(values: Iterable[Any]) -> tuple[list[int], list[Any]]:
    """Each value's number among the distinct values, and the distinct values in order of first
    appearance (each value is hashed once: at a million events this is much of a build)."""
    codes: dict[Any, int] = {}
    number = codes.setdefault
    return [number(v, len(codes)) for v in values], list(codes)


def _pack_when(w: When) -> tuple[Any, ...]:
    return (tuple(w.start), tuple(w.end) if w.end else None, w.qualifier, w.approximate)


def coverage_spans(ds: Dataset) -> list[Span]:
    """What the dataset declares it covers, as `nkus.coverage.note` reads it."""
    from nkus.coverage import span

    return [
        span(
            c.kinds,
            c.start.bounds()[0].toordinal(),
            c.end.bounds()[1].toordinal(),
            c.level,
            c.start.start.iso(),
            c.end.start.iso(),
            c.classes,
        )
        for c in ds.coverage.values()
    ]


def _write(out: Any, records: list[dict[str, Any]], header: dict[str, Any]) -> None:
    """The index file: the events' records, then the header (given all but where the records
    start), then where the header starts."""
    offsets, crcs = _write_records(records, out)
    header["columns"]["offsets"] = offsets.tobytes()
    header["columns"]["crcs"] = crcs.tobytes()
    data = marshal.dumps(header)
    out.write(data)
    out.write(offsets[-1].to_bytes(8, "little") + zlib.crc32(data).to_bytes(4, "little"))


def _write_records(records: list[dict[str, Any]], out: Any) -> tuple[array[int], array[int]]:
    """Write the records after the magic bytes; return where each starts (and where the last
    ends) and the CRC-32 of each."""
    from array import array
    from itertools import accumulate

    out.write(MAGIC)
    offsets = array(_CODES["offsets"], [len(MAGIC)])
    crcs = array(_CODES["crcs"])
    for start in range(0, len(records), _BATCH):
        blobs = list(map(marshal.dumps, records[start : start + _BATCH]))
        out.write(b"".join(blobs))
        offsets.extend(accumulate(map(len, blobs), initial=offsets.pop()))
        crcs.extend(map(zlib.crc32, blobs))
    return offsets, crcs


def search_texts(ds: Dataset, events: Iterable[Event]) -> Iterator[str]:
    """What `--search` looks in for each of `events` of `ds`, folded, made one at a time: for a
    reader that searches as the command line does (the page)."""
    return _haystacks(events, of_dataset(ds).header["actors"])


def search_names(ds: Dataset) -> dict[str, tuple[str, ...]]:
    """Each folded name of an actor of `ds`, to all the names a `--search` for it finds (`resolve`)."""
    return name_table(of_dataset(ds).header["actors"])


def _haystacks(events: Iterable[Event], actors: list[ActorKey]) -> Iterator[str]:
    """Each event's folded search text: folded once here, so that a search only compares."""
    names = {a[0]: actor_names(a) for a in actors}
    for ev in events:
        yield haystack(
            ev.id, ev.title, ev.summary, ev.location, ev.tags, [n for a in ev.actors for n in names.get(a, ())]
        )


def open_index(path: str, expected: list[Any]) -> Index | None:
    """The index in `path`, or None if there is none, it is not a regular file, or it does not
    match `expected` or its own checksum."""
    import stat

    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None  # a FIFO or a device planted in the cache is never opened
    except OSError:
        return None
    try:
        with open(path, "rb") as fh:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        footer = mapped[-_FOOTER:]
        start = int.from_bytes(footer[:8], "little")
        data = mapped[start:-_FOOTER]
        if len(footer) != _FOOTER or zlib.crc32(data) != int.from_bytes(footer[8:], "little"):
            return None  # damaged, or cut short: made again
        header = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(header, dict) or header.get("format") != layout_key() or header.get("fingerprint") != expected:
        return None
    return Index(mapped, header, path)


def _prepare(target: str) -> None:
    """The cache folder, made if missing, without the temporary files of builds killed mid-write."""
    folder = os.path.dirname(target)
    os.makedirs(folder, exist_ok=True)
    _remove_abandoned(folder, "." + os.path.basename(target) + ".")


ABANDONED_AFTER = 3600  # seconds: no index takes this long to write


def _remove_abandoned(folder: str, prefix: str) -> None:
    """Temporary files left by a build that was killed mid-write (a live build is much younger)."""
    import time

    for name in os.listdir(folder):
        if name.startswith(prefix) and name.endswith(".tmp"):
            path = os.path.join(folder, name)
            try:
                if time.time() - os.stat(path).st_mtime > ABANDONED_AFTER:
                    os.unlink(path)
            except OSError:
                continue  # removed meanwhile by another nkus


def get(roots: Where) -> Index:
    """The index of a dataset (its layers): the cached one when it matches the files, else a fresh one."""
    path = cache_file(roots)
    if os.path.exists(path):  # else there is nothing to compare the files with
        expected = fingerprint(roots)
        if expected is not None:
            cached = open_index(path, expected)
            if cached is not None:
                return cached
    # Missing files, unreadable files and invalid data are all reported by the loader.
    return build(roots)


def matching(index: Index, flt: EventFilter, limit: int | None = None, reverse: bool = False) -> Iterator[int]:
    """The numbers (timeline positions) of the events `flt` keeps, in timeline order."""
    h = index.header
    # Each filter is decided once per distinct value; the loop below only looks the answers up,
    # and only for the filters that can drop an event.
    tests = []
    for col in COLUMNS:
        ok = [col.test(flt, v, h) for v in h["values"][col.name]]
        if not all(ok):
            tests.append((ok, index.columns[col.name]))
    when_ok = [flt.days_ok(lower, upper) for lower, upper, _ in h["whens"]]
    if not all(when_ok):
        tests.append((when_ok, index.columns["when"]))
    # Events are in order of first day: those starting after `end`, or so long before `start` that
    # even the longest event would end before it, cannot match, and are not looked at.
    lo = 0 if flt.start is None else bisect_left(index.first_day, flt.start - h["widest"])
    hi = len(index) if flt.end is None else bisect_left(index.first_day, flt.end + 1)
    texts = index.haystacks() if flt.texts else None
    text_ok = flt.text_test()
    found = 0
    for p in range(hi - 1, lo - 1, -1) if reverse else range(lo, hi):
        if limit is not None and found >= limit:
            return
        if all(ok[col[p]] for ok, col in tests) and (texts is None or text_ok(texts[p])):
            found += 1
            yield p


class Answer:
    """The events a query found, what their rows need of the dataset (`countries`,
    `claims_about`: an `Index` or a `model.Dataset`), and notes for the reader."""

    __slots__ = ("context", "events", "notes")

    def __init__(self, events: list[Event], context: Index | Dataset, notes: list[str]) -> None:
        self.events, self.context, self.notes = events, context, notes


def answer(idx: Index, flt: EventFilter, limit: int | None, reverse: bool, events: Callable[[int], Event]) -> Answer:
    """The events of `idx` that `flt` keeps, with the coverage note for the query's range when it
    reaches outside what the dataset declares complete (`nkus.coverage.note`)."""
    check_limit(limit)
    h = idx.header
    resolved = resolve(flt, h["actors"], h["all_tags"], h["summit_names"])
    found = [events(n) for n in matching(idx, resolved, limit, reverse)]
    return Answer(found, idx, notes(idx, resolved))


def notes(idx: Index, flt: EventFilter) -> list[str]:
    """What a reader of the answer to `flt` should know: that its range starts after the last
    event, or that it reaches outside what the dataset declares complete (`nkus.coverage.note`)."""
    h = idx.header
    if flt.start is not None and h["last"] is not None and flt.start > h["last"][0]:
        return [f"note: the dataset's last event is of {h['last'][1]}"]
    if flt.start is None and flt.end is None:  # a query without a range never needs it
        return []
    from nkus.coverage import note

    text = note(h["coverage"], flt)
    return [text] if text else []


def timeline(roots: Where, flt: EventFilter, limit: int | None = None, reverse: bool = False) -> Answer:
    """What `nkus timeline` prints, answered from the cached index of the dataset at `roots` (as
    `resolve_layers` reads it)."""
    layers = resolve_layers(roots)
    with gc_paused():
        try:
            idx = get(layers)
            return answer(idx, flt, limit, reverse, idx.event)
        except DamagedIndex:
            idx = build(layers)
            return answer(idx, flt, limit, reverse, idx.event)
