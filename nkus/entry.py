"""The `nkus` command's entry point: the Typer-free parser for timelines, else the full CLI; both
run the same command functions (`nkus.commands`) with the one `Environment` made here.

Bad input is reported by the commands themselves; what reaches this level is a bug or an
environment failure, shown as one line (set NKUS_DEBUG=1 for the traceback)."""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from typing import NoReturn


def main(argv: list[str] | None = None) -> int:
    _tolerant_stdout()
    try:
        return _run(argv)
    except (KeyboardInterrupt, Exception) as exc:
        from nkus.exits import report

        return report(exc)


def _tolerant_stdout() -> None:
    """Text the output encoding cannot hold (a non-UTF-8 locale, PYTHONIOENCODING=ascii) is
    written as escapes such as `\\u2013` instead of failing half-way through the output."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None and getattr(sys.stdout, "errors", "") == "strict":
        reconfigure(errors="backslashreplace")


def run_and_exit() -> NoReturn:
    """`main` as the `nkus` command: the process ends as soon as the output is flushed, without
    the interpreter's teardown, which frees every object one by one and takes longer than a
    repeated query's own work."""
    code = main()
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        pass  # the reader went away (`| head`), or stdout was closed: nothing left to say
    except OSError as exc:  # a full disk, say: the output is incomplete
        from nkus.exits import report

        code = code or report(exc)
    try:
        sys.stderr.flush()
    finally:
        os._exit(code)


def _run(argv: list[str] | None) -> int:
    from nkus import fast
    from nkus.env import Environment

    env = Environment.detect()
    answered = fast.answer(sys.argv[1:] if argv is None else argv, env)
    if answered is not None:
        return answered
    from nkus.cli import main as full

    return full(argv, env)
