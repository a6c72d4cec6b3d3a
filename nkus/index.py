"""A cached index of a dataset's events, so that a repeated timeline query skips parsing and
validating the JSON.

The index is one file per dataset in the cache directory: every event's record, marshalled, in
file order, then a marshalled header with the columns the filters need (per event a date, kind,
set of actors, set of tags and summit code, each pointing into a table of the distinct values),
the events' timeline order, and the fingerprint of the dataset files it was built from. Rows are
made only for the events a query returns. The index is used only when every file's size, time
stamp and content digest still match, so an edited dataset is never answered from a stale index.
It is written to a temporary file and renamed into place, so an interrupted write leaves no index
rather than a broken one.

This module is on the path of every repeated query, so it imports only what that path needs.
"""

from __future__ import annotations

import marshal
import mmap
import os
import zlib
from bisect import bisect_left

from nkus.filters import actor_names, check_limit, haystack, resolve
from nkus.gcpause import gc_paused
from nkus.location import FileStamp, absent_stamp, file_stamp, resolve_layers
from nkus.rows import stored_event_row
from nkus.vocab import DATA_FILES

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from array import array
    from collections.abc import Iterable, Iterator, Sequence
    from datetime import date
    from typing import Any, Literal

    from nkus.coverage import Span
    from nkus.dates import When
    from nkus.filters import EventFilter
    from nkus.loader import Records
    from nkus.location import Where
    from nkus.model import Dataset, Event
    from nkus.rows import Row

    Code = Literal["H", "I", "i", "Q"]

# The modules whose code decides what an index holds: an index written by other code (another
# version, or an edited checkout) is not read, so no layout number has to be bumped by hand.
_LAYOUT_MODULES = (
    "index.py", "rows.py", "query.py", "dates.py", "days.py", "loader.py", "filters.py", "location.py", "fold.py",
)  # fmt: skip
_layout: list[str] = []


def layout_key() -> str:
    """The package version, and the size and time stamp of each module of code that writes and
    reads an index (a stat costs far less than reading the sources; an installed package's files
    change only with an install, an edited checkout's with the edit)."""
    if not _layout:
        from nkus import __version__

        here = os.path.dirname(os.path.abspath(__file__))
        stamps = []
        for name in _LAYOUT_MODULES:
            try:
                st = os.stat(os.path.join(here, name))
            except OSError:  # installed without sources: the version alone must do
                continue
            stamps.append(f"{st.st_size}.{st.st_mtime_ns}")
        crc = zlib.crc32(",".join(stamps).encode())
        _layout.append(f"{__version__}:{MAGIC.decode()}:{crc:08x}")
    return _layout[0]


MAGIC = b"NKUSIDX1"
_FOOTER = 8  # bytes: where the header starts, little-endian
Fingerprint = list[FileStamp]
_CHUNK = 1 << 20
_BATCH = 4096  # records marshalled and written at a time


def cache_dir() -> str:
    explicit = os.environ.get("NKUS_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nkus")


def cache_file(roots: Where) -> str:
    """Where the index of a dataset — one directory, or a list of layers — is kept."""
    real = [os.path.realpath(r) for r in _layers(roots)]
    key = zlib.crc32("\0".join(real).encode("utf-8", "surrogateescape"))
    return os.path.join(cache_dir(), f"{'+'.join(map(os.path.basename, real))[:40]}-{key:08x}.idx")


def _layers(roots: Where) -> list[str]:
    return [os.fspath(roots)] if isinstance(roots, str | os.PathLike) else [os.fspath(r) for r in roots or ()]


def fingerprint(roots: Where) -> Fingerprint | None:
    """Size, modification time and CRC-32 of every file of every layer (a later layer's missing
    file too: adding it changes the fingerprint); None when a file the index needs cannot be read.

    The checksum catches an edit that keeps the size and the time stamp."""
    out = []
    try:
        for n, root in enumerate(_layers(roots)):
            for name in DATA_FILES:
                try:
                    fh = open(os.path.join(root, name), "rb")  # noqa: SIM115 (closed below)
                except FileNotFoundError:
                    if n == 0 or not os.path.isdir(root):
                        return None
                    out.append(absent_stamp(name))
                    continue
                with fh:
                    crc = 0
                    while chunk := fh.read(_CHUNK):
                        crc = zlib.crc32(chunk, crc)
                    out.append(file_stamp(name, fh.fileno(), crc))
    except OSError:
        return None
    return out


class Index:
    """An opened index: its header, the columns (views into the header's bytes) and the records."""

    def __init__(self, records: mmap.mmap | bytes, header: dict[str, Any], path: str = "") -> None:
        self.records = records
        self.header = header
        self.path = path  # the index file, or "" for an index kept in memory
        self._haystacks: list[str] | None = None
        self.when, self.kind, self.actor_set, self.tag_set, self.summit, self.order, self.first_day, self.offsets = (
            memoryview(header[name]).cast(code) for name, code in _CODES.items()
        )

    def __len__(self) -> int:
        return len(self.order)

    def haystacks(self) -> list[str]:
        """Each event's folded search text (`filters.haystack`), in file order. Folding every event
        costs more than the rest of an index build, so it is done by the first query that searches,
        and kept beside the index file (`<index>.search`) for the next."""
        if self._haystacks is None:
            self._haystacks = self._saved_haystacks()
            if self._haystacks is None:
                self._haystacks = _haystacks(map(self.record, range(len(self))), self.header["actors"])
                self._save_haystacks(self._haystacks)
        return self._haystacks

    def _search_key(self) -> Any:
        return (self.header.get("fingerprint"), self.header["format"], len(self))

    def _saved_haystacks(self) -> list[str] | None:
        if not self.path:
            return None
        try:
            with open(self.path + ".search", "rb") as fh:
                key, texts = marshal.load(fh)
        except (OSError, ValueError, EOFError, TypeError):
            return None  # none yet, or damaged: made again
        if key != self._search_key() or type(texts) is not list or len(texts) != len(self):
            return None
        return texts

    def _save_haystacks(self, texts: list[str]) -> None:
        if not self.path:
            return
        tmp = f"{self.path}.search.{os.getpid()}.tmp"
        try:
            with open(tmp, "wb") as fh:
                marshal.dump((self._search_key(), texts), fh)
            os.replace(tmp, self.path + ".search")
        except (OSError, ValueError):  # only a cache: the next search makes them again
            _unlink(tmp)

    def record(self, n: int) -> dict[str, Any]:
        """The record of event number `n` (in file order)."""
        try:
            record: dict[str, Any] = marshal.loads(self.records[self.offsets[n] : self.offsets[n + 1]])
        except (ValueError, EOFError, TypeError):
            raise DamagedIndex from None
        if type(record) is not dict:
            raise DamagedIndex
        return record


class DamagedIndex(Exception):
    """The index file was changed after it was written (its header is checked when opened, each
    record only when read)."""


def open_index(path: str, expected: Fingerprint) -> Index | None:
    """The index in `path`, or None if there is none or it does not match `expected`."""
    try:
        with open(path, "rb") as fh:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        start = int.from_bytes(mapped[-_FOOTER:], "little")
        header = marshal.loads(mapped[start:-_FOOTER])
    except (ValueError, EOFError, TypeError):
        return None
    if not isinstance(header, dict) or header.get("format") != layout_key() or header.get("fingerprint") != expected:
        return None
    return Index(mapped, header, path)


# The columns: per event in file order, a code into the header's table of that name and where its
# record starts (`offsets`); and in timeline order, the events' numbers (`order`) and first days
# (`first_day`, which a date filter searches to skip the events that cannot match).
_CODES: dict[str, Code] = {
    "when": "I", "kind": "H", "actor_set": "I", "tag_set": "I", "summit": "I", "order": "I", "first_day": "i",
    "offsets": "Q",
}  # fmt: skip


def build(roots: Where) -> Index:
    """Validate the dataset, write its index (when the cache is writable) and return it."""
    from nkus.loader import validate

    with gc_paused():
        records = validate(roots)
        # The fingerprint of the bytes the loader read, so the index always matches what it holds.
        return _build(roots, records.stamps, records)


def _build(roots: Where, expected: Fingerprint, records: Records) -> Index:
    from nkus.query import alias_table

    # What the filters and rows need of the other files, made from their records (building the
    # model for them would cost more start-up time than the rest of a small dataset's index).
    actors, summits, claims = (records.by_collection[n] for n in ("actors", "summits", "claims"))
    events = records.by_collection["events"]
    from nkus.coverage import span

    covered = [
        span(c["kinds"], first.toordinal(), last.toordinal(), c["level"], c["from"], c["to"], c.get("classes", ()))
        for c, (first, last) in ((c, _span_days(c)) for c in records.by_collection["coverage"])
    ]
    header = _header(
        events,
        records.event_date,
        [records.whens[key] for key in records.event_dates],
        [(a["id"], a["name"], a.get("country", ""), tuple(a.get("aliases", ())), a["type"]) for a in actors],
        alias_table((s["id"], s["aliases"]) for s in summits),
        ((c["id"], _claim_targets(c)) for c in claims),
    )
    header["coverage"] = covered
    header["fingerprint"] = expected
    target = cache_file(roots)
    tmp = _temporary(target)
    if tmp is not None:
        try:
            _write(tmp, events, header)
            _commit(tmp, target)
            with open(target, "rb") as fh:
                return Index(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ), header, target)
        except (OSError, ValueError):  # a full disk, say: the index is only a cache
            tmp.close()
            _unlink(tmp.name)
    return _in_memory(events, header)


def _span_days(c: dict[str, Any]) -> tuple[date, date]:
    from nkus.dates import parse_iso

    return parse_iso(c["from"]).first(), parse_iso(c["to"]).last()


def of_dataset(ds: Dataset) -> Index:
    """An index of a loaded dataset, kept in memory: the library's queries go through the same
    `matching` as the command's. Its events are numbered as in `ds.events`."""
    from nkus.loader import numbered
    from nkus.query import claim_targets, summit_names

    dates = numbered(ev.when for ev in ds.events)
    events = [dict(ev.record) or _record_of(ev) for ev in ds.events]
    header = _header(
        events,
        [dates[ev.when] for ev in ds.events],
        list(dates),
        [(a.id, a.name, a.country, a.aliases, a.type) for a in ds.actors.values()],
        summit_names(ds),
        ((c.id, claim_targets(c)) for c in ds.claims.values()),
    )
    header["coverage"] = coverage_spans(ds)
    return _in_memory(events, header)


def coverage_spans(ds: Dataset) -> list[Span]:
    from nkus.coverage import span

    return [
        span(
            c.kinds,
            c.start.bounds()[0].toordinal(),
            c.end.bounds()[1].toordinal(),
            c.level,
            c.start.start.iso(),
            c.end.start.iso(),
        )
        for c in ds.coverage.values()
    ]


def _record_of(ev: Event) -> dict[str, Any]:
    """What the filters read of an event built by hand rather than loaded (it has no record)."""
    record = {"id": ev.id, "kind": ev.kind, "title": ev.title, "summary": ev.summary, "actors": list(ev.actors)}
    record.update(location=ev.location, tags=list(ev.tags), **({"summit": ev.summit} if ev.summit else {}))
    return record


def _in_memory(events: list[dict[str, Any]], header: dict[str, Any]) -> Index:
    memory = _Memory()
    _write(memory, events, header)
    return Index(memory.getvalue(), header)


ActorKey = tuple[str, str, str, tuple[str, ...], str]


def _header(
    events: list[dict[str, Any]],
    event_date: Sequence[int],
    whens: list[When],
    actors: list[ActorKey],
    summit_names: dict[str, str],
    claims: Iterable[tuple[str, Iterable[str]]],
) -> dict[str, Any]:
    """The header of an index: its columns and the tables they point into. `event_date` is each
    event's number in `whens`, the distinct dates."""
    from nkus.query import claims_by_target

    # Every step runs once per event, so each is a map or a comprehension, not a loop body.
    # Records and columns stay in file order (in timeline order the records would be visited all
    # over memory, several times slower); the `order` column lists them in timeline order.
    when_table = _when_table(whens)
    cols, tables = _columns(events)
    cols["when"] = _array("when", event_date)
    cols["order"], cols["first_day"] = _timeline_order(events, event_date, when_table)
    countries = {a[0]: a[2] for a in actors}
    return {
        "format": layout_key(),
        **{name: col.tobytes() for name, col in cols.items()},
        "whens": when_table,
        "widest": max((last - first for first, last, _, _ in when_table), default=0),  # in days
        "kinds": tables["kind"],
        "actor_sets": [(ids, sorted({countries[a] for a in ids} - {""})) for ids in tables["actor_set"]],
        "tag_sets": tables["tag_set"],
        "summits": tables["summit"],
        "actors": actors,
        "all_tags": sorted({t for tags in tables["tag_set"] for t in tags}),
        "summit_names": summit_names,
        "claims": claims_by_target(claims),
    }


def _array(name: str, values: Iterable[int]) -> array[int]:
    from array import array

    return array(_CODES[name], values)


def _write(out: Any, events: list[dict[str, Any]], header: dict[str, Any]) -> None:
    """The index file: the records, then the header (given all but where the records start), then
    where the header starts."""
    offsets = _write_records(events, out)
    header["offsets"] = offsets.tobytes()
    out.write(marshal.dumps(header))
    out.write(offsets[-1].to_bytes(_FOOTER, "little"))


def _haystacks(events: Iterable[dict[str, Any]], actors: list[ActorKey]) -> list[str]:
    """Each event's folded search text: folded once here, so that a search only compares."""
    names = {a[0]: actor_names(a) for a in actors}
    return [
        haystack(
            r["id"], r["title"], r["summary"], r.get("location"), r.get("tags", ()),
            [n for a in r["actors"] for n in names.get(a, ())],
        )
        for r in events
    ]  # fmt: skip


def _claim_targets(c: dict[str, Any]) -> dict[str, None]:
    from nkus.query import targets

    evidence = (e["event"] for e in c.get("evidence", ()))
    return targets(c.get("events", ()), c.get("summits", ()), c.get("objectives", ()), evidence)


def _when_table(whens: Iterable[When]) -> list[tuple[int, int, dict[str, Any], dict[str, str]]]:
    """For each distinct date of the events: its first and last day, and its row fields."""
    from nkus.rows import when_fields

    table = []
    for when in whens:
        bounds = when.bounds()
        table.append((bounds[0].toordinal(), bounds[1].toordinal(), *when_fields(when, bounds)))
    return table


def _timeline_order(
    events: list[dict[str, Any]], dates: Sequence[int], whens: list[Any]
) -> tuple[array[int], array[int]]:
    """The events' numbers by first and last day, then id (sorting is stable), and their first days."""
    from array import array
    from operator import itemgetter

    spans = {span: n for n, span in enumerate(sorted({w[:2] for w in whens}))}
    rank = [spans[w[:2]] for w in whens]  # dates with the same bounds share a rank
    by_id = sorted(range(len(events)), key=list(map(itemgetter("id"), events)).__getitem__)
    order = sorted(by_id, key=list(map(rank.__getitem__, dates)).__getitem__)
    firsts = [w[0] for w in whens]
    return array(_CODES["order"], order), array(
        _CODES["first_day"], map(firsts.__getitem__, map(dates.__getitem__, order))
    )


def _columns(events: list[dict[str, Any]]) -> tuple[dict[str, array[int]], dict[str, list[Any]]]:
    """The kind, actors, tags and summit columns, and the table of distinct values of each."""
    from array import array
    from operator import itemgetter, methodcaller

    from nkus.loader import numbered

    cols, tables = {}, {}
    # One column at a time, so that only one list of values per event is held at once.
    for name, values in (
        ("kind", map(itemgetter("kind"), events)),
        ("actor_set", map(tuple, map(itemgetter("actors"), events))),
        ("tag_set", map(tuple, map(methodcaller("get", "tags", ()), events))),
        ("summit", map(methodcaller("get", "summit", ""), events)),
    ):
        column = list(values)
        codes = numbered(column)
        cols[name] = array(_CODES[name], map(codes.__getitem__, column))
        tables[name] = list(codes)
    return cols, tables


def _write_records(events: list[dict[str, Any]], out: Any) -> array[int]:
    """Write the records after the magic bytes; return where each starts, and where the last ends."""
    from array import array
    from itertools import accumulate

    out.write(MAGIC)
    offsets = array(_CODES["offsets"], [len(MAGIC)])
    for start in range(0, len(events), _BATCH):
        blobs = list(map(marshal.dumps, events[start : start + _BATCH]))
        out.write(b"".join(blobs))
        offsets.extend(accumulate(map(len, blobs), initial=offsets.pop()))
    return offsets


class _Memory:
    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.parts.append(data)

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def _temporary(target: str) -> Any:
    """A new file beside `target` to write the index into, or None when the cache directory cannot
    be written. (`tempfile` would do this too, at several milliseconds of imports.)"""
    folder = os.path.dirname(target)
    try:
        os.makedirs(folder, exist_ok=True)
        _remove_abandoned(folder, os.path.basename(target) + ".")
        for attempt in range(100):
            try:
                return open(f"{target}.{os.getpid()}-{attempt}.tmp", "xb")  # x: only a new file
            except FileExistsError:
                continue
    except OSError:
        pass
    return None


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


def _commit(tmp: Any, target: str) -> None:
    tmp.flush()
    os.fsync(tmp.fileno())
    tmp.close()
    os.replace(tmp.name, target)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        return  # the index is only a cache: a file left behind is removed by a later build


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


def matching(index: Index, flt: EventFilter, limit: int | None, reverse: bool) -> Iterator[int]:
    """The numbers of the events `flt` keeps, in timeline order."""
    h = index.header
    # Each filter is decided once per distinct value; the loop below only looks the answers up.
    when_ok = [flt.days_ok(lower, upper) for lower, upper, _, _ in h["whens"]]
    kind_ok = [flt.kind_ok(k) for k in h["kinds"]]
    actor_ok = [flt.actors_ok(ids) and flt.countries_ok(countries) for ids, countries in h["actor_sets"]]
    tag_ok = [flt.tags_ok(s) for s in h["tag_sets"]]
    summit_ok = [flt.summit_ok(s or None) for s in h["summits"]]
    when, kind, actor, tag, summit = index.when, index.kind, index.actor_set, index.tag_set, index.summit
    # Events are in order of first day: those starting after `end`, or so long before `start` that
    # even the longest event would end before it, cannot match, and are not looked at.
    lo = 0 if flt.start is None else bisect_left(index.first_day, flt.start - h["widest"])
    hi = len(index) if flt.end is None else bisect_left(index.first_day, flt.end + 1)
    order = index.order
    texts = index.haystacks() if flt.texts else None
    found = 0
    for p in range(hi - 1, lo - 1, -1) if reverse else range(lo, hi):
        if limit is not None and found >= limit:
            return
        i = order[p]
        if (
            when_ok[when[i]]
            and kind_ok[kind[i]]
            and actor_ok[actor[i]]
            and tag_ok[tag[i]]
            and summit_ok[summit[i]]
            and (texts is None or flt.text_ok(texts[i]))
        ):
            found += 1
            yield i


def rows(index: Index, numbers: Sequence[int] | Iterator[int]) -> list[Row]:
    h = index.header
    whens, actor_sets, claims = h["whens"], h["actor_sets"], h["claims"]
    out = []
    for n in numbers:
        r = index.record(n)
        _, _, fields, human = whens[index.when[n]]
        countries = actor_sets[index.actor_set[n]][1]
        out.append(stored_event_row(r, fields, human, list(countries), list(claims.get(r["id"], ()))))
    return out


def timeline_rows(
    roots: Where, flt: EventFilter, limit: int | None = None, reverse: bool = False, notes: list[str] | None = None
) -> list[Row]:
    """The rows `nkus timeline` prints: as `query.timeline`, answered from the index. `notes`
    gets the coverage note for the query's range, if it has one (`nkus.coverage.note`). `roots`
    is the dataset, as `resolve_layers` reads it."""
    check_limit(limit)
    layers = resolve_layers(roots)
    with gc_paused():
        try:
            return _answer(get(layers), flt, limit, reverse, notes)
        except DamagedIndex:
            return _answer(build(layers), flt, limit, reverse, notes)


def _answer(idx: Index, flt: EventFilter, limit: int | None, reverse: bool, notes: list[str] | None) -> list[Row]:
    h = idx.header
    resolved = resolve(flt, h["actors"], h["all_tags"], h["summit_names"])
    found = rows(idx, matching(idx, resolved, limit, reverse))
    coverage_note(idx, resolved, notes)
    return found


def coverage_note(idx: Index, flt: EventFilter, notes: list[str] | None) -> None:
    """Add to `notes` what the dataset covers, when `flt`'s date range reaches outside it. A query
    without a range never needs it, so never imports it."""
    if notes is not None and (flt.start is not None or flt.end is not None):
        from nkus.coverage import note

        text = note(idx.header["coverage"], flt)
        if text:
            notes.append(text)
