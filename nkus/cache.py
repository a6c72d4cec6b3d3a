"""Where nkus keeps what it derives from a dataset, and when a kept copy may be used: the index of
its events (`nkus.index`), its search database (`nkus.search`) and the loaded dataset itself.

Each is kept in the cache directory (`$NKUS_CACHE_DIR`, else `$XDG_CACHE_HOME/nkus`, else
`~/.cache/nkus`), one set per list of layers, and used only while every dataset file has the size,
modification time and CRC-32 it was made from (`fingerprint`) and the code is the code that made it
(`layout_key`); anything else is made again. Deleting the folder at any time is safe.
"""

from __future__ import annotations

import os
import stat
import zlib

from nkus.location import FileStamp, absent_stamp, file_stamp
from nkus.vocab import DATA_FILES

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from typing import TypeVar

    from nkus.location import Where
    from nkus.model import Dataset

    D = TypeVar("D", bound=Dataset)

Fingerprint = list[FileStamp]
_CHUNK = 1 << 20
_layout: list[str] = []


def layout_key() -> str:
    """What the code that makes and reads the caches is: a kept copy made by other code — another
    version, or an edited checkout — is never read. For an installed package, its version and the
    checksum of its RECORD (which lists a hash of every file it installed); for a checkout, a stamp
    (size and time) of every module of the package."""
    if not _layout:
        from nkus import __version__

        here = os.path.dirname(os.path.abspath(__file__))
        try:
            record = os.path.join(os.path.dirname(here), f"nkus-{__version__}.dist-info", "RECORD")
            with open(record, "rb") as fh:
                stamp = f"record:{zlib.crc32(fh.read()):08x}"
        except OSError:  # a checkout, or an editable install
            stamp = f"modules:{_module_stamps(here):08x}"
        _layout.append(f"{__version__}:{stamp}")
    return _layout[0]


def _module_stamps(here: str) -> int:
    stamps = []
    for folder, _, names in sorted(os.walk(here)):
        for name in sorted(n for n in names if n.endswith(".py")):
            st = os.stat(os.path.join(folder, name))
            stamps.append(f"{folder[len(here) :]}/{name}:{st.st_size}.{st.st_mtime_ns}")
    return zlib.crc32("\n".join(stamps).encode("utf-8", "surrogateescape"))


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
                path = os.path.join(root, name)
                try:
                    if not stat.S_ISREG(os.stat(path).st_mode):
                        return None  # not a file to read (a FIFO would block): the loader says so
                    fh = open(path, "rb")  # noqa: SIM115 (closed below)
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


def dataset(layers: list[str], cls: type[D]) -> D:
    """The loaded dataset at `layers`, a `cls`: from its kept copy when that was made from the same
    files by the same code, else loaded (and kept for the next command). Reading the kept copy
    takes a tenth of the time of parsing and validating the files."""
    import pickle

    from nkus.gcpause import gc_paused

    path = cache_file(layers)[: -len(".idx")] + ".dataset"
    expected = fingerprint(layers)
    with gc_paused():
        kept = _kept(path, expected, cls) if expected is not None else None
        if kept is not None:
            return kept
        from nkus.loader import from_records, validate  # (the validator is not imported for a kept copy)

        records = validate(layers)
        ds = from_records(records, cls)
    try:
        from nkus.atomic import replacing

        os.makedirs(os.path.dirname(path), exist_ok=True)
        key = pickle.dumps((layout_key(), records.stamps), protocol=5)
        body = key + pickle.dumps(ds, protocol=5)
        with replacing(path, durable=False, special=False) as fh:
            fh.write(_KEPT + zlib.crc32(body).to_bytes(4, "little") + len(key).to_bytes(8, "little") + body)
    except OSError:
        pass  # only a cache: loaded again next time
    return ds


def _kept(path: str, expected: Fingerprint, cls: type[D]) -> D | None:
    """The kept dataset in `path`, if it matches; only nkus's own record types are read from it."""
    import pickle

    class Records(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> object:
            if module.startswith("nkus.") or (module, name) == ("datetime", "date"):
                return super().find_class(module, name)
            raise pickle.UnpicklingError(f"{module}.{name} is not a record type")

    import io

    data = regular_file(path)
    head = len(_KEPT) + 12
    if data is None or len(data) < head or not data.startswith(_KEPT):
        return None
    body = data[head:]
    if zlib.crc32(body) != int.from_bytes(data[len(_KEPT) : len(_KEPT) + 4], "little"):
        return None  # damaged: made again (nothing of it is unpickled)
    size = int.from_bytes(data[len(_KEPT) + 4 : head], "little")
    try:
        # The key first: the dataset is read only when it was made from these files by this code.
        if Records(io.BytesIO(body[:size])).load() != (layout_key(), expected):
            return None
        ds = Records(io.BytesIO(body[size:])).load()
    except Exception:  # only a cache, and checked: anything odd in it is a reason to make it again
        return None
    return ds if isinstance(ds, cls) else None


_KEPT = b"NKUSDS2\n"  # what a kept dataset file starts with, before its checksum, key length and pickles


def regular_file(path: str) -> bytes | None:
    """The bytes of the file `path`, or None when there is none or it is not a regular file (a
    FIFO or a device planted among the caches is never opened: reading it could block)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None
