"""A GitHub-flavoured Markdown table: pipes and line breaks inside values are escaped."""

from __future__ import annotations

from nkus.render.cells import flat, visible

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence

    from nkus.env import Environment
    from nkus.rows import Row, Section


def _cell(text: str) -> str:
    """A table cell: HTML written as text (entities), pipes and backslashes escaped, line breaks `<br>`."""
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return visible(safe.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>"))


_MARKDOWN_SPECIALS = str.maketrans({c: f"\\{c}" for c in "\\`*_{}[]<>#|~"})


def _literal(text: str) -> str:
    """Dataset text inside a list item, shown as written: every character Markdown could read as
    markup there (emphasis, code, links, HTML, tables) is backslash-escaped."""
    return visible(" ".join(text.split()).translate(_MARKDOWN_SPECIALS))


def _address(url: str) -> str:
    """An address as a Markdown autolink; characters that would end it are percent-encoded."""
    return "<" + visible(url).replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"


def write_rows(
    rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool, title: str
) -> None:
    """With citations (`--cite`), a cell holds their numbers, `[1], [2]`, and a numbered list
    under the table gives each source once: publisher, title, date, address."""
    out = env.stdout
    notes: dict[str, dict[str, str]] = {}  # source id -> citation, in order of first mention

    def text(row: Row, field: str) -> str:
        if field == "citations" and isinstance(row[field], list):
            for c in row[field]:
                notes.setdefault(c["source"], c)
            return ", ".join(f"[{list(notes).index(c['source']) + 1}]" for c in row[field])
        return _cell(flat(row[field], ", "))

    out.write("| " + " | ".join(fields) + " |\n")
    out.write("|" + "|".join(" --- " for _ in fields) + "|\n")
    for row in rows:
        out.write("| " + " | ".join(text(row, f) for f in fields) + " |\n")
    if notes:
        out.write("\n")
        for n, c in enumerate(notes.values(), 1):
            out.write(
                f"{n}. {_literal(c['publisher'])}, “{_literal(c['title'])}”, {_literal(c['date'])}, {_address(c['url'])}\n"
            )


def write_one(
    row: Row, fields: Sequence[str], fmt: str, env: Environment, sections: Sequence[Section], header: bool
) -> None:
    write_rows([row], fields, fmt, env, header, "")
