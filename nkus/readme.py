"""The README's table of every command's arguments and options, made from the command line itself
(the Typer commands, built from `nkus.commands.COMMANDS`), so the two cannot drift apart.

    python -m nkus.readme            print the section
    python -m nkus.readme README.md  rewrite it in place, between the markers
    python -m nkus.readme --check README.md   exit 1 when it is out of date (CI runs this)
"""

from __future__ import annotations

import sys
from typing import Any

import typer

from nkus.cli import app

BEGIN = "<!-- options: made by `python -m nkus.readme README.md`; do not edit by hand -->"
END = "<!-- end of options -->"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _flags(param: Any) -> str:
    if param.param_type_name == "argument":
        return f"`{param.human_readable_name}`"
    names = [*param.opts, *param.secondary_opts]
    return ", ".join(f"`{n}`" for n in names)


def _table(params: Any) -> list[str]:
    rows = [f"| {_flags(p)} | {_cell(getattr(p, 'help', None) or '')} |" for p in params]
    return ["| argument or option | what it does |", "| --- | --- |", *rows, ""] if rows else []


def section() -> str:
    """Markdown: for each command, its usage and a row per argument and option."""
    group: Any = typer.main.get_command(app)
    ctx = typer.Context(group, info_name="nkus")
    out = [BEGIN, "", "**`nkus [OPTIONS] COMMAND`** — options for every command, before its name:", ""]
    out += _table(p for p in group.get_params(ctx) if p.name not in ("help", "install_completion", "show_completion"))
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        if cmd is None or cmd.hidden:
            continue
        sub = typer.Context(cmd, info_name=name, parent=ctx)
        usage = " ".join(["nkus", name, *cmd.collect_usage_pieces(sub)])
        out += [f"**`{usage}`** — {_cell(cmd.get_short_help_str(limit=200))}", ""]
        out += _table(p for p in cmd.get_params(sub) if p.name != "help")
    out.append(END)
    return "\n".join(out) + "\n"


def rewritten(text: str) -> str:
    """`text` with the section between the markers made anew."""
    start, end = text.index(BEGIN), text.index(END) + len(END) + 1
    return text[:start] + section() + text[end:]


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    if not paths:
        sys.stdout.write(section())
        return 0
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        new = rewritten(text)
        if check and new != text:
            sys.stderr.write(f"{path}: the options section is out of date: run 'python -m nkus.readme {path}'\n")
            return 1
        if not check and new != text:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(new)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
