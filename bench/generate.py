"""Write a deterministic synthetic nkus dataset of N events (for benchmarks and pipe tests).

python -m bench.generate 100000 /tmp/nkus-100k
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from nkus.vocab import SCHEMA_VERSION

KINDS = ["statement", "missile-test", "visit", "talks", "letter", "exercise", "summit", "personnel"]
ACTORS = [("dprk", "North Korea", "PRK"), ("usa", "United States", "USA"), ("rok", "South Korea", "KOR")]


def _dump(root: Path, name: str, key: str, records: list[dict[str, object]]) -> None:
    with (root / name).open("w", encoding="utf-8") as fh:
        fh.write(f'{{"schema_version": {SCHEMA_VERSION}, "{key}": [\n')
        for n, rec in enumerate(records):
            fh.write((",\n" if n else "") + json.dumps(rec, ensure_ascii=False))
        fh.write("\n]}\n")


def generate(n: int, root: Path, seed: int = 1) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    first = date(2017, 1, 1)
    events = []
    for i in range(n):
        day = first + timedelta(days=rng.randrange(365 * 4))
        precision = rng.random()
        when = day.isoformat() if precision < 0.85 else day.isoformat()[:7]
        kind = rng.choice(KINDS)
        rec: dict[str, object] = {
            "id": f"ev-{i:07d}",
            "date": when,
            "kind": kind,
            "title": f"Synthetic event {i}",
            "summary": f"A generated {kind} event number {i} for benchmarking.",
            "actors": [rng.choice(ACTORS)[0]],
            "sources": ["src-synthetic"],
            "tags": [rng.choice(["alpha", "beta", "gamma"])],
        }
        if kind == "missile-test":
            rec["missile"] = {"count": rng.randrange(1, 4), "system": "KN-23", "class": "SRBM"}
        if kind == "summit":
            rec["summit"] = "bench-summit"
        events.append(rec)
    _dump(root, "events.json", "events", events)
    source = {
        "id": "src-synthetic",
        "publisher": "nkus-bench",
        "title": "Synthetic data",
        "date": "2026",
        "url": "https://example.org/synthetic",
        "type": "reference",
    }
    _dump(root, "sources.json", "sources", [source])
    _dump(
        root, "actors.json", "actors", [{"id": a, "name": name, "type": "state", "country": c} for a, name, c in ACTORS]
    )
    _dump(root, "publishers.json", "publishers", [{"id": "nkus-bench", "name": "nkus bench", "kind": "academic"}])
    _dump(
        root, "tags.json", "tags", [{"id": t, "description": f"Synthetic tag {t}."} for t in ("alpha", "beta", "gamma")]
    )
    summit = {
        "id": "bench-summit", "aliases": [], "name": "Synthetic summit", "type": "us-dprk", "date": "2018",
        "place": "Nowhere", "principals": ["usa"], "outcome": "None.", "events": [events[0]["id"]],
        "sources": ["src-synthetic"],
    }  # fmt: skip
    _dump(root, "summits.json", "summits", [summit])
    for name in ("agreements", "claims", "objectives", "coverage", "sites"):
        _dump(root, f"{name}.json", name, [])
    return root


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
