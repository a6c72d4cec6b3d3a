"""Try hard to break nkus: mutated datasets, random bytes and hostile arguments must give an
answer (rows, or a clear error and exit code), never a traceback."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkus import check, text
from nkus.cli import main
from tests.conftest import MINI, read_json, write_json

COMMANDS = [
    ["timeline"],
    ["timeline", "--format", "table"],
    ["timeline", "--json", "--fields", "id,date,claims,disputes"],
    ["summit", "--format", "table"],
    ["summit", "singapore", "--format", "table"],
    ["objectives", "--format", "table"],
    ["objectives", "1", "--json"],
    ["claims", "--format", "md"],
    ["show", "launch-2019-05-04", "--format", "table"],
    ["sources", "--format", "csv"],
    ["stats", "--by", "month", "--format", "table"],
    ["validate"],
]
HOSTILE = [
    "[bold red]x[/]",
    "[/]",
    "\x1b[31mred\x1b[0m",
    "\x00\x07\x08",
    "\u202eevil\u202c",
    "e\u0301\u0301",
    "",
    " ",
    "\ud7ff" * 3,
]
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.sampled_from(HOSTILE),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def invoke(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def paths(doc: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += paths(value, (*at, key))
    elif isinstance(doc, list):
        for n, value in enumerate(doc):
            found += paths(value, (*at, n))
    return found


@st.composite
def mutations(draw: st.DrawFn) -> tuple[str, tuple[Any, ...], str, Any]:
    stem = draw(st.sampled_from(["events", "summits", "claims", "objectives", "sources", "actors"]))
    doc = read_json(MINI / f"{stem}.json")
    where = draw(st.sampled_from(paths(doc)[1:]))
    action = draw(st.sampled_from(["replace", "delete", "add"]))
    return stem, where, action, draw(json_values)


def apply(root: Path, stem: str, where: tuple[Any, ...], action: str, value: Any) -> None:
    doc = read_json(root / f"{stem}.json")
    parent = doc
    try:
        for key in where[:-1]:
            parent = parent[key]
        parent[where[-1]]
    except (KeyError, IndexError, TypeError):
        return  # an earlier change removed this place
    if not isinstance(parent, dict | list):
        return  # an earlier change put a string here
    last = where[-1]
    if action == "replace":
        parent[last] = value
    elif action == "delete":
        del parent[last]
    elif isinstance(parent[last], dict):
        parent[last]["extra"] = value
    elif isinstance(parent[last], list):
        parent[last].append(value)
    else:
        parent[last] = [parent[last], value]
    write_json(root / f"{stem}.json", doc)


def assert_clean(code: int, out: str, err: str) -> None:
    assert code in (0, 2, 3, 4), (code, err)
    assert "Traceback" not in err
    if code:
        assert err.startswith("nkus: "), err


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations(), min_size=1, max_size=3), st.sampled_from(COMMANDS))
def test_mutated_datasets_never_crash(changes: list[tuple[str, tuple[Any, ...], str, Any]], command: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(MINI, root)
        for change in changes:
            apply(root, *change)
        problems = check(root)
        code, out, err = invoke(["--data", str(root), *command])
        assert_clean(code, out, err)
        if problems:
            assert code == 3 and out in ("", *(f"{p}\n" for p in problems), "".join(f"{p}\n" for p in problems))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["events", "claims", "summits", "actors"]))
def test_random_bytes_in_a_file_never_crash(content: bytes, stem: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(MINI, root)
        (root / f"{stem}.json").write_bytes(content)
        code, out, err = invoke(["--data", str(root), "timeline"])
        assert code == 3 and out == ""
        assert f"{stem}.json" in err


arg_text = st.text(max_size=12) | st.sampled_from(
    ["2019", "2019-02-30", "May 2019", "-1", "--", "[/]", "\x1b[2J", "9" * 30]
)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        [
            "--from",
            "--to",
            "--kind",
            "--actor",
            "--country",
            "--tag",
            "--search",
            "--limit",
            "--fields",
            "--format",
            "--summit",
        ]
    ),
    arg_text,
)
def test_any_argument_value_gets_rows_or_a_clear_error(flag: str, value: str) -> None:
    code, out, err = invoke(["--data", str(MINI), "timeline", flag, value])
    assert_clean(code, out, err)
    assert err.count("\n") <= 1


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(["summit", "show", "objectives", "claims --about"]), arg_text)
def test_any_name_gets_a_record_or_not_found(command: str, name: str) -> None:
    code, out, err = invoke(["--data", str(MINI), *command.split(), name])
    assert_clean(code, out, err)


def test_hostile_strings_print_safely_everywhere() -> None:
    hostile = "".join(HOSTILE) + "y" * 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(MINI, root)
        doc = read_json(root / "events.json")
        doc["events"][0]["title"] = hostile
        doc["events"][0]["summary"] = hostile
        write_json(root / "events.json", doc)
        base = ["--data", str(root), "timeline", "--search", "summit-2018", "--fields", "id,title"]
        _, table, _ = invoke([*base, "--format", "table"])
        assert "\x1b" not in table and "\x00" not in table and "\x07" not in table
        assert "[bold red]x[/]" in table and len(table) < 50_000
        for fmt in ("json", "jsonl"):
            _, out, _ = invoke([*base, "--format", fmt])
            first = json.loads(out.splitlines()[0].lstrip("[").rstrip(",]") if fmt == "jsonl" else out)
            row = first if isinstance(first, dict) else first[0]
            assert row["title"] == hostile
        _, tsv, _ = invoke([*base, "--format", "tsv", "--no-header"])
        # TSV writes control, bidirectional and zero-width characters as escapes (README: Output)
        assert tsv.count("\n") == 1 and not {"\x1b", "\x00", "\x07", "\u202e"} & set(tsv)
        assert tsv.split("\t")[1].rstrip("\n") == text.visible(hostile)


def split_off_a_layer(root: Path, layer: Path) -> None:
    """Move the last event, claim and source of the dataset in `root` into a layer of their own."""
    layer.mkdir()
    for stem in ("events", "claims", "sources"):
        doc = read_json(root / f"{stem}.json")
        moved = doc[stem][-1:]
        del doc[stem][-1:]
        write_json(root / f"{stem}.json", doc)
        write_json(layer / f"{stem}.json", {"schema_version": doc["schema_version"], stem: moved})


def _shared_event_id(root: Path, layer: Path) -> bool:
    """Whether an event id is still in both directories (a mutation may have deleted or renamed it)."""
    ids = []
    for folder in (root, layer):
        try:
            events = read_json(folder / "events.json")["events"]
        except (OSError, ValueError, KeyError, TypeError):
            return False
        ids.append(
            {e["id"] for e in events if isinstance(e, dict) and isinstance(e.get("id"), str)}
            if isinstance(events, list)
            else set()
        )
    return bool(ids[0] & ids[1])


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(mutations(), st.booleans()), min_size=1, max_size=3),
    st.booleans(),
    st.sampled_from(["one", "layers", "layers with a duplicate"]),
)
def test_the_fast_check_and_the_full_check_agree(
    changes: list[tuple[tuple[str, tuple[Any, ...], str, Any], bool]], compiled: bool, layout: str
) -> None:
    """Valid datasets are recognised by fast checks (generated code for large files, the
    declaration checks for small ones); the full checks, which say what is wrong, run only when
    those say no. They must agree, or an invalid dataset would be served — on one directory and
    on layers (a change lands in the layer when its boolean says so and the layer has that file)."""
    from nkus import loader

    threshold = loader._COMPILE_FROM
    loader._COMPILE_FROM = 0 if compiled else 10**9
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root, layer = Path(tmp) / "data", Path(tmp) / "mine"
            shutil.copytree(MINI, root)
            roots = [str(root)]
            if layout != "one":
                split_off_a_layer(root, layer)
                roots.append(str(layer))
            if layout == "layers with a duplicate":
                doc = read_json(root / "events.json")
                doc["events"].append(read_json(layer / "events.json")["events"][0])
                write_json(root / "events.json", doc)
            for change, in_layer in changes:
                target = layer if in_layer and (layer / f"{change[0]}.json").exists() else root
                apply(target, *change)
            duplicate_kept = layout == "layers with a duplicate" and _shared_event_id(root, layer)
            read: list[Any] = []
            docs = loader._read_layers(roots, read, [])
            assert docs is not None
            fast_says_valid = not read and loader._valid_records(roots, docs, []) is not None
            loader.forget_slugs()
            found: list[Any] = []
            loader._describe_problems(docs, found)
            full_says_valid = not read and not found
            loader.forget_slugs()
    finally:
        loader._COMPILE_FROM = threshold
    assert fast_says_valid == full_says_valid
    if layout == "layers with a duplicate" and duplicate_kept:
        assert not full_says_valid
