"""Where a dataset is, and the error that reports what is wrong with one. Light to import: the
fast timeline path needs these without the validator."""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from nkus.loader import Problem

ENV_VAR = "NKUS_DATA"
FileStamp = tuple[str, int, int, int]  # name, size, modification time (ns), CRC-32


def file_stamp(name: str, fd: int, crc: int) -> FileStamp:
    """What the cached index records of a dataset file it was built from, to notice later changes.
    The loader makes it from the bytes it parsed, the index from the file as it is now."""
    st = os.fstat(fd)
    return (name, st.st_size, st.st_mtime_ns, crc)


class DatasetError(Exception):
    def __init__(self, path: str, problems: list[Problem]) -> None:
        super().__init__(f"dataset {path} has {len(problems)} problem(s)")
        self.path = path
        self.problems = problems


def bundled_path() -> str:
    """The dataset inside the installed package, or `data/` beside it in a source checkout."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "data")
    return packaged if os.path.isdir(packaged) else os.path.join(os.path.dirname(here), "data")


def resolve_path(path: str | os.PathLike[str] | None = None) -> str:
    """An explicit path wins, then $NKUS_DATA, then the bundled dataset."""
    if path is not None and str(path) != "":
        return os.fspath(path)
    return os.environ.get(ENV_VAR, "") or bundled_path()
