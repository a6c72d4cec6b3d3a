"""A cached index of a dataset's events, so that a repeated timeline query skips parsing and
validating the JSON.

The index is one file per dataset in the cache directory: every event's full row, marshalled, in
timeline order, then a marshalled header with the columns the filters need (bounds as day
ordinals, kind, actor, country and tag sets, summit) and the fingerprint of the dataset files it was
built from. It is used only when every file's size and content digest still match, so an edited
dataset is never answered from a stale index. It is written to a temporary file and renamed into
place, so an interrupted write leaves no index rather than a broken one.
"""

from __future__ import annotations

import contextlib
import marshal
import mmap
import os
import struct
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence

from nkus.vocab import DATA_FILES

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from typing import Any, Literal

    from nkus.model import Dataset

    Code = Literal["i", "H", "I", "Q"]

FORMAT = 2
MAGIC = b"NKUSIDX1"
_FOOTER = struct.Struct("<Q")
Fingerprint = list[tuple[str, int, int, int]]
_CHUNK = 1 << 20


def cache_dir() -> str:
    explicit = os.environ.get("NKUS_CACHE_DIR")
    if explicit:
        return explicit
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nkus")


def cache_file(root: str) -> str:
    key = zlib.crc32(os.path.realpath(root).encode("utf-8", "surrogateescape"))
    return os.path.join(cache_dir(), f"{os.path.basename(os.path.realpath(root))[:40]}-{key:08x}.idx")


def fingerprint(root: str) -> Fingerprint | None:
    """Size, modification time and CRC-32 of every dataset file; None when one cannot be read.

    The checksum catches an edit that keeps the size and the time stamp."""
    out = []
    try:
        for name in DATA_FILES:
            with open(os.path.join(root, name), "rb") as fh:
                crc = 0
                while chunk := fh.read(_CHUNK):
                    crc = zlib.crc32(chunk, crc)
                st = os.fstat(fh.fileno())
                out.append((name, st.st_size, st.st_mtime_ns, crc))
    except OSError:
        return None
    return out


class Index:
    """An opened index: its header, the columns (views into the header's bytes) and the rows."""

    def __init__(self, rows: mmap.mmap | bytes, header: dict[str, Any]) -> None:
        self.rows = rows
        self.header = header
        self.lower, self.upper, self.kind, self.actor_set, self.country_set, self.tag_set, self.summit, self.offsets = (
            memoryview(header[name]).cast(code) for name, code in _CODES.items()
        )

    def __len__(self) -> int:
        return len(self.lower)

    def row(self, i: int) -> dict[str, Any]:
        row: dict[str, Any] = marshal.loads(self.rows[self.offsets[i] : self.offsets[i + 1]])
        return row


def open_index(root: str, expected: Fingerprint) -> Index | None:
    """The cached index of `root`, or None if there is none or it does not match `expected`."""
    try:
        with open(cache_file(root), "rb") as fh:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        (start,) = _FOOTER.unpack(mapped[-_FOOTER.size :])
        header = marshal.loads(mapped[start : -_FOOTER.size])
    except (ValueError, EOFError, TypeError, struct.error):
        return None
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("fingerprint") != expected:
        return None
    return Index(mapped, header)


_CODES: dict[str, Code] = {
    "lower": "i", "upper": "i", "kind": "H", "actor_set": "I", "country_set": "I", "tag_set": "I",
    "summit": "I", "offsets": "Q",
}  # fmt: skip


class _Interner:
    """Numbers each distinct value (a kind, a set of actors …) in order of first appearance."""

    def __init__(self) -> None:
        self.codes: dict[Any, int] = {}

    def __call__(self, value: Any) -> int:
        return self.codes.setdefault(value, len(self.codes))

    def values(self) -> list[Any]:
        return list(self.codes)


def build(root: str, expected: Fingerprint) -> Index:
    """Load and validate the dataset, write its index (when the cache is writable) and return it."""
    from nkus.loader import gc_paused, load

    with gc_paused():
        return _build(root, expected, load(root))


def _build(root: str, expected: Fingerprint, ds: Dataset) -> Index:
    from nkus.query import claims_by_record, summit_names
    from nkus.rows import event_row

    claims = claims_by_record(ds)
    cols = {name: array(code) for name, code in _CODES.items()}
    kinds, actor_sets, country_sets, tag_sets, summits = (_Interner() for _ in range(5))
    target = cache_file(root)
    tmp = _temporary(target)
    out = tmp if tmp is not None else _Memory()
    offset = len(MAGIC)
    out.write(MAGIC)
    offsets, lower, upper, kind = (cols[n].append for n in ("offsets", "lower", "upper", "kind"))
    actor, country, tag, summit = (cols[n].append for n in ("actor_set", "country_set", "tag_set", "summit"))
    for ev in ds.events:
        row = event_row(ds, ev, claims.get(ev.id, ()))
        row["_human"] = row.human
        line = marshal.dumps(dict(row))
        out.write(line)
        offsets(offset)
        offset += len(line)
        lower(ev.lower.toordinal())
        upper(ev.upper.toordinal())
        kind(kinds(ev.kind))
        actor(actor_sets(ev.actors))
        country(country_sets(tuple(row["countries"])))
        tag(tag_sets(ev.tags))
        summit(summits(ev.summit or ""))
    cols["offsets"].append(offset)
    header = {
        "format": FORMAT,
        "fingerprint": expected,
        **{name: col.tobytes() for name, col in cols.items()},
        "kinds": kinds.values(),
        "actor_sets": actor_sets.values(),
        "country_sets": country_sets.values(),
        "tag_sets": tag_sets.values(),
        "summits": summits.values(),
        "actors": [(a.id, a.name, a.country) for a in ds.actors.values()],
        "all_tags": sorted({t for e in ds.events for t in e.tags}),
        "summit_names": summit_names(ds),
    }
    blob = marshal.dumps(header)
    out.write(blob)
    out.write(_FOOTER.pack(offset))
    if isinstance(out, _Memory):
        return Index(out.getvalue(), header)
    _commit(out, target)
    opened = open_index(root, expected)
    assert opened is not None
    return opened


class _Memory:
    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> None:
        self.parts.append(data)

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def _temporary(target: str) -> Any:
    """A temporary file beside `target`, or None when the cache directory cannot be written."""
    import tempfile

    folder = os.path.dirname(target)
    try:
        os.makedirs(folder, exist_ok=True)
        _remove_abandoned(folder, os.path.basename(target) + ".")
        return tempfile.NamedTemporaryFile(
            dir=folder, prefix=os.path.basename(target) + ".", suffix=".tmp", delete=False
        )
    except OSError:
        return None


ABANDONED_AFTER = 3600  # seconds: no index takes this long to write


def _remove_abandoned(folder: str, prefix: str) -> None:
    """Temporary files left by a build that was killed mid-write (a live build is much younger)."""
    import time

    for name in os.listdir(folder):
        if name.startswith(prefix) and name.endswith(".tmp"):
            path = os.path.join(folder, name)
            with contextlib.suppress(OSError):
                if time.time() - os.stat(path).st_mtime > ABANDONED_AFTER:
                    os.unlink(path)


def _commit(tmp: Any, target: str) -> None:
    try:
        tmp.flush()
        os.fsync(tmp.fileno())
        tmp.close()
        os.replace(tmp.name, target)
    except OSError:
        tmp.close()
        with contextlib.suppress(OSError):
            os.unlink(tmp.name)


def get(root: str) -> Index:
    """The index for `root`: the cached one when it matches the files, else a fresh one."""
    expected = fingerprint(root)
    if expected is not None:
        cached = open_index(root, expected)
        if cached is not None:
            return cached
    # Missing files, unreadable files and invalid data are all reported by the loader.
    return build(root, expected or [])


def matching(index: Index, flt: Any, limit: int | None, reverse: bool) -> Iterator[int]:
    """Positions of the events `flt` (an `EventFilter`) keeps, in timeline order."""
    from nkus.query import overlaps

    h = index.header
    kind_ok = [flt.kind_ok(k) for k in h["kinds"]]
    actor_ok = [flt.actors_ok(s) for s in h["actor_sets"]]
    country_ok = [flt.countries_ok(s) for s in h["country_sets"]]
    tag_ok = [flt.tags_ok(s) for s in h["tag_sets"]]
    summit_ok = [flt.summit_ok(s or None) for s in h["summits"]]
    start, end = flt.first_day(), flt.last_day()
    lower, upper, kind = index.lower, index.upper, index.kind
    actor, country, tag, summit = index.actor_set, index.country_set, index.tag_set, index.summit
    found = 0
    order = range(len(index) - 1, -1, -1) if reverse else range(len(index))
    for i in order:
        if limit is not None and found >= limit:
            return
        if (
            kind_ok[kind[i]]
            and overlaps(lower[i], upper[i], start, end, flt.within)
            and actor_ok[actor[i]]
            and country_ok[country[i]]
            and tag_ok[tag[i]]
            and summit_ok[summit[i]]
            and (not flt.text or _text_ok(index, i, flt.text_ok))
        ):
            found += 1
            yield i


def _text_ok(index: Index, i: int, test: Callable[[str], bool]) -> bool:
    from nkus.query import haystack

    row = index.row(i)
    return test(haystack(row["id"], row["title"], row["summary"], row["location"], row["tags"]))


def resolve(index: Index, flt: Any) -> Any:
    from nkus.query import resolve

    h = index.header
    return resolve(flt, h["actors"], h["all_tags"], h["summit_names"])


def rows(index: Index, positions: Sequence[int] | Iterator[int]) -> list[Any]:
    from nkus.rows import Row

    out = []
    for i in positions:
        data = index.row(i)
        human = data.pop("_human")
        out.append(Row(data, human))
    return out


def timeline_rows(root: str, flt: Any, limit: int | None = None, reverse: bool = False) -> list[Any]:
    """The rows `nkus timeline` prints: as `query.timeline`, answered from the index."""
    from nkus.query import check_limit

    check_limit(limit)
    idx = get(root)
    return rows(idx, matching(idx, resolve(idx, flt), limit, reverse))
