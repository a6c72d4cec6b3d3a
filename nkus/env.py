"""Terminal facts in one place: whether stdout is a terminal, colour, width.

Nothing else in nkus asks the OS about the terminal; tests build an `Environment` directly.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TextIO


def discard_stdout() -> None:
    """After the reader closed the pipe (`| head`): send what is left, and the flush at exit, nowhere."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


class Environment:
    """`unicode`: whether stdout can take any character; where it cannot (an ASCII locale,
    PYTHONIOENCODING=ascii), formats with escapes of their own use them."""

    # A plain class: typing.NamedTuple would import `typing`, a large share of start-up time.
    __slots__ = ("color", "is_tty", "pager", "stdout", "unicode", "width")

    def __init__(
        self, stdout: TextIO, is_tty: bool, color: bool, width: int, unicode: bool | None = None, pager: str = ""
    ) -> None:
        self.stdout, self.is_tty, self.color, self.width = stdout, is_tty, color, width
        self.unicode = _unicode(stdout) if unicode is None else unicode
        self.pager = pager  # the command output goes through on a terminal ("": none)

    def without_color(self) -> Environment:
        return Environment(self.stdout, self.is_tty, False, self.width, self.unicode, self.pager)

    def without_pager(self) -> Environment:
        return Environment(self.stdout, self.is_tty, self.color, self.width, self.unicode)

    def writing_to(self, stdout: TextIO) -> Environment:
        """The same terminal, written through `stdout` (a pager's input)."""
        return Environment(stdout, self.is_tty, self.color, self.width, self.unicode)

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
        width, pager = 100, ""
        if tty:  # (shutil imports `re`: a machine-format query, never on a terminal, skips it)
            import shutil

            width = shutil.get_terminal_size((100, 24)).columns
            pager = _pager(shutil.which)
        return cls(out, tty, color, width, pager=pager)


def _unicode(stream: TextIO) -> bool:
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    return encoding.startswith("utf")


def _pager(which: Callable[[str], str | None]) -> str:
    """The pager, as git and gh choose it: $NKUS_PAGER, else $PAGER, else `less -FRX` (which shows
    output that fits the screen and quits, keeps colours and does not clear the screen); "" for
    none ($NKUS_PAGER or $PAGER set empty or to `cat`, or no less)."""
    for name in ("NKUS_PAGER", "PAGER"):
        chosen = os.environ.get(name)
        if chosen is not None:
            return "" if chosen.strip() in ("", "cat") else chosen
    return "less -FRX" if which("less") else ""
