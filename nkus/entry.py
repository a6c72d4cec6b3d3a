"""The `nkus` command's entry point: the Typer-free path for machine-format timelines, else the full CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from nkus import fast

    answered = fast.run(sys.argv[1:] if argv is None else argv)
    if answered is not None:
        return answered
    from nkus.cli import main as full

    return full(argv)
