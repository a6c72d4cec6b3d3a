"""CSV (RFC 4180: quoted as needed, CRLF line ends) and TSV (one record per line: tabs and line
breaks inside values become spaces, so `cut -f` always works).

In both, dataset text cannot act: control characters are written as `\\xNN` and bidirectional
and zero-width characters as `\\uNNNN` (`nkus.text.visible`; a CSV cell keeps its line breaks),
and a CSV text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab
or a carriage return) starts with an apostrophe, as OWASP advises."""

from __future__ import annotations

from nkus.render.cells import field_text
from nkus.text import visible

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Sequence

    from nkus.env import Environment
    from nkus.rows import Row, Section

_BREAKS = str.maketrans("\t\r\n", "   ")


def write_rows(
    rows: Sequence[Row], fields: Sequence[str], fmt: str, env: Environment, header: bool, title: str
) -> None:
    out = env.stdout
    if fmt == "csv":
        import csv

        writer = csv.writer(out, lineterminator="\r\n")
        if header:
            writer.writerow(fields)
        for row in rows:
            writer.writerow([_csv_cell(row, f) for f in fields])
        return
    if header:
        out.write("\t".join(fields) + "\n")
    for row in rows:
        out.write("\t".join(visible(field_text(row, f).translate(_BREAKS)) for f in fields) + "\n")


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(row: Row, field: str) -> str:
    text = visible(field_text(row, field), keep="\n")
    return "'" + text if isinstance(row[field], str) and text.startswith(_FORMULA) else text


def write_one(
    row: Row, fields: Sequence[str], fmt: str, env: Environment, sections: Sequence[Section], header: bool
) -> None:
    write_rows([row], fields, fmt, env, header, "")
