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
    # A plain class: typing.NamedTuple would import `typing`, a large share of start-up time.
    __slots__ = ("color", "is_tty", "stdout", "width")

    def __init__(self, stdout: TextIO, is_tty: bool, color: bool, width: int) -> None:
        self.stdout, self.is_tty, self.color, self.width = stdout, is_tty, color, width

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
        import shutil

        width = shutil.get_terminal_size((100, 24)).columns if tty else 100
        return cls(out, tty, color, width)
