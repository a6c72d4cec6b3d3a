"""Where a dataset is — one directory, or layers of them — and the error that reports what is
wrong with one. Light to import: the fast timeline path needs these without the validator."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import NamedTuple

    Where = str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None
else:
    from nkus.tuples import NamedTuple

ENV_VAR = "NKUS_DATA"
BUNDLED = "bundled"  # the name that stands for the shipped dataset among the layers

FileStamp = tuple[str, int, int, int]  # name, size, modification time (ns), CRC-32


def file_stamp(name: str, fd: int, crc: int) -> FileStamp:
    """What the cached index records of a dataset file it was built from, to notice later changes.
    The loader makes it from the bytes it parsed, the index from the file as it is now."""
    st = os.fstat(fd)
    return (name, st.st_size, st.st_mtime_ns, crc)


def absent_stamp(name: str) -> FileStamp:
    """The stamp of a file a layer does not have: adding it later changes the fingerprint."""
    return (name, -1, 0, 0)


class Problem(NamedTuple):
    """What is wrong in a dataset, and where."""

    file: str
    record: str  # the record's id, or #N (1-based) where it has none
    path: str  # field path inside the record, or "" for the file itself
    message: str

    def __str__(self) -> str:
        from nkus.text import visible

        where = ": ".join(p for p in (self.file, self.record, self.path) if p)
        return visible(f"{where}: {self.message}")


class DatasetError(Exception):
    def __init__(self, path: str, problems: list[Problem], command: str = "") -> None:
        super().__init__(f"dataset {path} has {len(problems)} problem(s)")
        self.path = path
        self.problems = problems
        self.command = command or f"nkus validate {path}"  # what lists every problem


def bundled_path() -> str:
    """The dataset inside the installed package, or `data/` beside it in a source checkout."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "data")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "data")


def resolve_layers(where: Where = None) -> list[str]:
    """The directories of a dataset, the base (a full dataset) first and each later layer over the
    ones before: the paths given, else the list in $NKUS_DATA (separated by `os.pathsep`, as PATH),
    else the bundled dataset. The name `bundled` stands for the bundled dataset."""
    given = [where] if isinstance(where, str | os.PathLike) else list(where or ())
    paths = [p for p in (os.fspath(g) for g in given) if p]
    if not paths:
        paths = [p for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p]
    return [bundled_path() if p == BUNDLED else p for p in paths] or [bundled_path()]


def is_bundled(root: str) -> bool:
    return os.path.realpath(root) == os.path.realpath(bundled_path())


def layer_label(root: str) -> str:
    """How problems name a layer: `<bundled>` for the shipped dataset, else its path."""
    return "<bundled>" if is_bundled(root) else os.path.normpath(root)


def describe(roots: Sequence[str]) -> tuple[str, str]:
    """What to call a dataset in a message, and the command that validates it."""
    if len(roots) == 1:
        return roots[0], ""
    import shlex

    names = [BUNDLED if is_bundled(r) else r for r in roots]
    return " + ".join(map(layer_label, roots)), " ".join(
        ["nkus", *(f"--data {shlex.quote(n)}" for n in names), "validate"]
    )
