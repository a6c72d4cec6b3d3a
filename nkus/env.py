"""Terminal facts in one place: whether stdout is a terminal, colour, width.

Nothing else in nkus asks the OS about the terminal; tests build an `Environment` directly.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # only the type checker needs these names
if TYPE_CHECKING:
    from typing import TextIO


def discard_stdout() -> None:
    """After the reader closed the pipe (`| head`): send what is left, and the flush at exit, nowhere."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class Environment:
    """`unicode`: whether stdout can take any character; where it cannot (an ASCII locale,
    PYTHONIOENCODING=ascii), formats with escapes of their own use them."""

    # A plain class: typing.NamedTuple would import `typing`, a large share of start-up time.
    __slots__ = ("color", "is_tty", "stdout", "unicode", "width")

    def __init__(self, stdout: TextIO, is_tty: bool, color: bool, width: int, unicode: bool | None = None) -> None:
        self.stdout, self.is_tty, self.color, self.width = stdout, is_tty, color, width
        self.unicode = _unicode(stdout) if unicode is None else unicode

    def without_color(self) -> Environment:
        return Environment(self.stdout, self.is_tty, False, self.width, self.unicode)

    @classmethod
    def detect(cls, no_color: bool = False, stdout: TextIO | None = None) -> Environment:
        out = stdout or sys.stdout
        try:
            tty = out.isatty()
        except (AttributeError, ValueError):
            tty = False
        dumb = os.environ.get("TERM", "") in ("dumb", "unknown")
        force = bool(os.environ.get("FORCE_COLOR"))
        color = (tty or force) and not no_color and not os.environ.get("NO_COLOR") and not dumb
        width = 100
        if tty:  # (shutil imports `re`: a machine-format query, never on a terminal, skips it)
            import shutil

            width = shutil.get_terminal_size((100, 24)).columns
        return cls(out, tty, color, width)


def _unicode(stream: TextIO) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    return encoding.startswith("utf")
