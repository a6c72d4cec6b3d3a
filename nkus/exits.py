"""What can go wrong, its exit status and its one-line message: decided here once, for both the
fast timeline path and the full CLI. The library's errors name its parameters (`start`); here they
are worded as the flags that set them (`--from`).

Kept free of heavy imports: the fast path reports its errors through `report` too.
"""

from __future__ import annotations

import os
import sys

from nkus.errors import NotFound, UsageError
from nkus.location import DatasetError
from nkus.options import flag_names
from nkus.text import visible


class ExitStatus:
    # A plain class rather than an IntEnum: `enum` is not otherwise imported on the fast path.
    OK = 0
    ERROR = 1  # unexpected, or the output could not be written
    USAGE = 2  # a bad flag, date, kind, field, format, limit, or a filter value that names nothing
    INVALID_DATASET = 3
    NOT_FOUND = 4  # a record named as an argument (`nkus summit X`, `nkus show ID`) does not exist
    INTERRUPTED = 130


EXIT_HELP = """\b
Exit codes:
  0  success, also when no rows match or a reader such as `head` closes the pipe early
  1  unexpected error, or the output cannot be written
  2  usage error: bad flag, date, kind, field, format, limit, or a filter value that names nothing
  3  invalid dataset (`nkus validate` lists every problem)
  4  no such id or name (given as an argument)
  130  interrupted
"""


def dataset_summary(err: DatasetError, limit: int = 3) -> str:
    lines = [f"dataset {visible(err.path)} is invalid ({len(err.problems)} problem(s)):"]
    lines += [f"  {p}" for p in err.problems[:limit]]
    if len(err.problems) > limit:
        lines.append(f"  … and {len(err.problems) - limit} more")
    lines.append(f"  run '{visible(err.command)}' for the full list")
    return "\n".join(lines)


def message(exc: BaseException) -> tuple[int, str]:
    """The exit status and the message (without the `nkus: ` prefix) for an error."""
    if isinstance(exc, DatasetError):
        return ExitStatus.INVALID_DATASET, dataset_summary(exc)
    if isinstance(exc, UsageError):
        return ExitStatus.USAGE, f"error: {visible(exc.worded(flag_names()))}"
    if isinstance(exc, NotFound):
        return ExitStatus.NOT_FOUND, visible(str(exc.args[0]) if exc.args else "not found")
    if isinstance(exc, KeyboardInterrupt):
        return ExitStatus.INTERRUPTED, "interrupted"
    if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
        what = exc.filename if isinstance(exc.filename, str) else "the output"
        return ExitStatus.ERROR, f"cannot write {what}: {exc.strerror or exc}"
    return ExitStatus.ERROR, f"unexpected error: {type(exc).__name__}: {exc} (NKUS_DEBUG=1 shows the traceback)"


def report(exc: BaseException) -> int:
    """Say what went wrong on stderr, in one line (an invalid dataset: a short summary), and
    return the exit status. Anything unexpected is re-raised when NKUS_DEBUG is set."""
    known = (DatasetError, UsageError, NotFound, KeyboardInterrupt, OSError)
    if not isinstance(exc, known) and os.environ.get("NKUS_DEBUG"):
        raise exc
    status, text = message(exc)
    sys.stderr.write(f"nkus: {text}\n")
    return status


def write_notes(notes: list[str]) -> None:
    """Notes about an answer (what the dataset covers) go to stderr, after it: stdout stays data."""
    for text in notes:
        sys.stderr.write(f"nkus: {text}\n")
