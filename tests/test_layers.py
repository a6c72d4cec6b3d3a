"""Your events over ours: a folder of a few files laid over the bundled dataset works in every
command, its records may refer to the bundled ones, and an id defined twice names both files."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nkus import load
from nkus.cache import cache_file
from nkus.cli import main as full_main
from nkus.entry import main
from nkus.loader import bundled_path
from tests.conftest import MINI, read_json, write_json

BUNDLED = load(bundled_path())
HANOI = BUNDLED.event_index["hanoi-summit-2019"]
MY_EVENT = {
    "id": "my-note-on-hanoi-2019-02-28",
    "date": "2019-02-28",
    "kind": "statement",
    "title": "My note on the walk-out in Hanoi",
    "summary": "What I make of the early end of the talks.",
    "actors": list(HANOI.actors[:2]),  # bundled actors
    "sources": [HANOI.sources[0]],  # a bundled source
    "summit": "hanoi-2019",
}
MY_CLAIM = {
    "id": "my-claim-hanoi-overreach",
    "kind": "assessment",
    "summary": "Both sides asked for more than the other could give.",
    "quote": "Both sides overreached",
    "source": HANOI.sources[0],
    "speaker": "A. Reader, my own note",
    "voice": "author",
    "location": "paragraph 1",
    "events": [MY_EVENT["id"]],
    "summits": ["hanoi-2019"],  # the bundled Hanoi summit
}


def run(entry: Callable[[list[str]], int], args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = entry(args)
    return code, out.getvalue(), err.getvalue()


def as_json(args: list[str], entry: Callable[[list[str]], int] = full_main) -> Any:
    code, out, err = run(entry, args)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def mine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A layer of two files, `mine/`, with the working directory beside it."""
    layer = tmp_path / "mine"
    layer.mkdir()
    write_json(layer / "events.json", {"schema_version": 2, "events": [MY_EVENT]})
    write_json(layer / "claims.json", {"schema_version": 2, "claims": [MY_CLAIM]})
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NKUS_DATA", raising=False)
    return layer


OVER = ["--data", "bundled", "--data", "mine"]


@pytest.mark.parametrize("entry", [main, full_main], ids=["fast", "full"])
def test_the_timeline_has_your_event_among_ours(mine: Path, entry: Callable[[list[str]], int]) -> None:
    fields = ["--fields", "id,sources,claims,countries"]
    rows = as_json([*OVER, "timeline", "--from", "2019-02-28", "--to", "2019-02-28", *fields, "--json"], entry)
    ids = [r["id"] for r in rows]
    assert MY_EVENT["id"] in ids and "hanoi-summit-2019" in ids
    mine_row = rows[ids.index(MY_EVENT["id"])]
    assert mine_row["sources"] == MY_EVENT["sources"] and mine_row["claims"] == [MY_CLAIM["id"]]
    assert mine_row["countries"]  # from the bundled actors
    summit = as_json([*OVER, "timeline", "--summit", "hanoi", "--fields", "id", "--json"], entry)
    assert {"id": MY_EVENT["id"]} in summit


def test_every_command_reads_the_layer(mine: Path) -> None:
    ours = as_json(["stats", "--by", "kind", "--json"])
    both = as_json([*OVER, "stats", "--by", "kind", "--json"])
    count = {r["key"]: r["events"] for r in both}
    assert count["statement"] == {r["key"]: r["events"] for r in ours}["statement"] + 1

    hanoi = as_json([*OVER, "summit", "hanoi", "--json"])
    assert MY_CLAIM["id"] in hanoi["claims"]
    about = as_json([*OVER, "claims", "--about", "hanoi-2019", "--fields", "id,by", "--json"])
    assert MY_CLAIM["id"] in [c["id"] for c in about]
    assert len(about) == len(as_json(["claims", "--about", "hanoi-2019", "--json"])) + 1

    shown = as_json([*OVER, "show", MY_EVENT["id"], "--json"])
    assert shown["record_type"] == "event" and shown["linked_from"] == [MY_CLAIM["id"]]
    cited = as_json([*OVER, "sources", "--of", MY_EVENT["id"], "--fields", "id,cited_by", "--json"])
    assert [s["id"] for s in cited] == MY_EVENT["sources"]
    assert (
        cited[0]["cited_by"]
        == next(
            s["cited_by"]
            for s in as_json(["sources", "--fields", "id,cited_by", "--json"])
            if s["id"] == cited[0]["id"]
        )
        + 2
    )  # by the event and by the claim

    for command in (["agreements", "--json"], ["coverage", "--json"], ["objectives", "--json"]):
        assert as_json([*OVER, *command]) == as_json(command)  # nothing of these in the layer
    code, out, _ = run(full_main, [*OVER, "validate"])
    assert code == 0 and out.startswith("<bundled> + mine: valid — ")
    assert f"{len(BUNDLED.events) + 1} events" in out


def test_nkus_data_holds_a_list_of_layers(mine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NKUS_DATA", f"bundled{os.pathsep}mine")
    for entry in (main, full_main):
        assert MY_EVENT["id"] in [r["id"] for r in as_json(["timeline", "--json", "--fields", "id"], entry)]
    assert MY_CLAIM["id"] in [c["id"] for c in as_json(["claims", "--json"])]
    assert load().layers == (os.path.normpath(bundled_path()), "mine")


def test_the_library_loads_layers(mine: Path) -> None:
    ds = load(["bundled", mine])
    assert MY_EVENT["id"] in ds.event_index and ds.claims[MY_CLAIM["id"]].summits == ("hanoi-2019",)
    assert [e.id for e in ds.timeline(summit="hanoi") if e.id == MY_EVENT["id"]] == [MY_EVENT["id"]]


@pytest.mark.parametrize(
    "command", [["timeline", "--json"], ["timeline"], ["summit", "hanoi"], ["claims"], ["show", "hanoi"], ["validate"]]
)
def test_an_id_defined_in_two_layers_names_both_files(mine: Path, command: list[str]) -> None:
    doc = read_json(mine / "events.json")
    bundled = read_json(Path(bundled_path()) / "events.json")["events"]
    doc["events"].append(next(e for e in bundled if e["id"] == "hanoi-summit-2019"))
    write_json(mine / "events.json", doc)
    code, out, err = run(main, [*OVER, *command])
    assert code == 3
    problem = f"{os.path.join('mine', 'events.json')}: hanoi-summit-2019: id: also defined in "
    problem += os.path.join("<bundled>", "events.json")
    assert problem in (out if command == ["validate"] else err)
    if command != ["validate"]:
        assert out == ""
        assert "run 'nkus --data bundled --data mine validate' for the full list" in err


def test_a_layer_refers_only_to_what_exists(mine: Path) -> None:
    write_json(mine / "claims.json", {"schema_version": 2, "claims": [{**MY_CLAIM, "summits": ["hanio-2019"]}]})
    code, out, _ = run(full_main, [*OVER, "validate"])
    assert code == 3
    assert f"{os.path.join('mine', 'claims.json')}: {MY_CLAIM['id']}: summits[0]: no summit 'hanio-2019'" in out


@pytest.mark.parametrize("entry", [main, full_main], ids=["fast", "full"])
@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda c: c.pop("speaker"), "speaker: missing required field"),
        (lambda c: c.pop("voice"), "voice: missing required field"),
        (lambda c: c.update(speaker=" "), "speaker: must not be empty"),
        (lambda c: c.update(voice="reported"), "voice: 'reported' is not one of"),
    ],
    ids=["no-speaker", "no-voice", "blank-speaker", "unknown-voice"],
)
def test_a_claim_must_say_whose_words_it_quotes(
    mine: Path, entry: Callable[[list[str]], int], change: Callable[[dict[str, Any]], object], problem: str
) -> None:
    """Every claim declares its speaker and whether the quote is the source's own words or words
    it reports: a layer's claim without them is refused with one line naming file, record and field."""
    claim = dict(MY_CLAIM)
    change(claim)
    write_json(mine / "claims.json", {"schema_version": 2, "claims": [claim]})
    code, out, err = run(entry, [*OVER, "claims", "--about", "hanoi", "--json"])
    assert code == 3 and out == ""
    assert "is invalid (1 problem(s))" in err
    [line] = [x.strip() for x in err.splitlines() if "claims.json" in x]
    assert line.startswith(f"{os.path.join('mine', 'claims.json')}: {MY_CLAIM['id']}: {problem}"), err
    code, out, _ = run(full_main, [*OVER, "validate"])
    assert code == 3
    assert [x.strip() for x in out.splitlines() if "claims.json" in x] == [line], out


def test_the_first_layer_must_be_a_full_dataset(mine: Path) -> None:
    code, out, err = run(main, ["--data", "mine", "timeline", "--json"])
    assert code == 3 and out == ""
    assert "the first layer must be a full dataset (to add yours: --data bundled --data mine)" in err
    code, out, _ = run(full_main, ["--data", "mine", "--data", "bundled", "validate"])
    assert code == 3 and "mine/publishers.json: missing (expected in mine)" in out


def test_the_same_layer_twice_is_said_once(mine: Path) -> None:
    code, out, _ = run(full_main, ["--data", "bundled", "--data", "mine", "--data", "./mine", "validate"])
    assert code == 3 and out == "mine: given twice as a layer\n"


def test_a_layered_query_is_cached_for_the_whole_list_and_renewed_with_any_file(mine: Path) -> None:
    roots = [bundled_path(), "mine"]
    assert cache_file(roots) not in (cache_file(bundled_path()), cache_file("mine"), cache_file(roots[::-1]))
    query = [*OVER, "timeline", "--summit", "hanoi", "--fields", "id,title,claims", "--json"]
    first = as_json(query, main)
    assert os.path.exists(cache_file(roots))
    assert as_json(query, main) == first
    # An edit that keeps the size and the time stamp.
    before = (mine / "events.json").stat()
    text = (mine / "events.json").read_text(encoding="utf-8")
    (mine / "events.json").write_text(text.replace("My note", "My view"), encoding="utf-8")
    os.utime(mine / "events.json", ns=(before.st_atime_ns, before.st_mtime_ns))
    titles = [r["title"] for r in as_json(query, main)]
    assert "My view on the walk-out in Hanoi" in titles
    # A file the layer did not have.
    (mine / "claims.json").rename(mine / "claims.off")
    assert all(MY_CLAIM["id"] not in r["claims"] for r in as_json(query, main))
    (mine / "claims.off").rename(mine / "claims.json")
    assert any(MY_CLAIM["id"] in r["claims"] for r in as_json(query, main))


def test_a_repeated_layered_query_is_answered_from_the_index(mine: Path) -> None:
    heavy = ("rich", "typer", "nkus.loader", "nkus.cli")
    code = (
        "import sys; from nkus.entry import main; "
        f"rc = main({[*OVER, 'timeline', '--format', 'json']!r}); "
        "sys.stdout.flush(); "
        f"loaded = sorted(m for m in sys.modules if m in {heavy!r} or m.split('.')[0] in {heavy!r}); "
        "print(loaded, file=sys.stderr); sys.exit(rc or bool(loaded))"
    )
    env = {k: v for k, v in os.environ.items() if k != "NKUS_DATA"}
    root = str(Path(__file__).parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH", "")]))
    subprocess.run([sys.executable, "-m", "nkus", *OVER, "timeline"], capture_output=True, env=env, check=True)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.splitlines()[-1] == "[]"
    assert MY_EVENT["id"] in proc.stdout


@pytest.mark.parametrize("kind", ["event", "source", "claim"])
def test_a_new_record_is_a_skeleton_to_fill_in(mine: Path, kind: str) -> None:
    code, out, err = run(full_main, [*OVER, "new", kind])
    assert code == 0
    doc = json.loads(out)
    (record,) = doc[f"{kind}s"]
    assert record["id"] not in {r.id for r in BUNDLED.records()}
    assert f"a new {kind} for {kind}s.json: replace the example values of id, " in err
    assert "nkus --data bundled --data FOLDER validate" in err
    # Saved as it is in a new layer, it is valid over the data it was made from.
    fresh = mine.parent / f"new-{kind}"
    fresh.mkdir()
    (fresh / f"{kind}s.json").write_text(out, encoding="utf-8")
    code, out, _ = run(full_main, [*OVER, "--data", fresh.name, "validate"])
    assert code == 0, out


def test_new_records_of_every_kind_fit_together_and_an_unknown_kind_is_a_usage_error(tmp_path: Path) -> None:
    layer = tmp_path / "new"
    layer.mkdir()
    for kind in ("event", "source", "claim"):
        _, out, _ = run(full_main, ["--data", str(MINI), "new", kind])
        (layer / f"{kind}s.json").write_text(out, encoding="utf-8")
    assert run(full_main, ["--data", str(MINI), "--data", str(layer), "validate"])[0] == 0
    code, _, err = run(full_main, ["new", "evnt"])
    assert (
        code == 2
        and err == "nkus: error: cannot make a new 'evnt' — did you mean 'event'? (kinds: event, source, claim)\n"
    )
