"""Benchmark `nkus timeline` against jq on synthetic datasets of growing size.

    python -m bench.run [--sizes 1000,10000,100000,1000000] [--repeat 3]

For each size it writes a deterministic dataset (bench/out/N, reused when present), then runs, in
turn, --repeat times each:
  jq     — jq applying the same filter to events.json;
  first  — nkus on a dataset it has no index for (a new, empty cache directory each time: the
           index is built: parse, validate, index);
  repeat — nkus again on the unchanged dataset.
Times are medians of wall-clock time around each process; memory is the largest peak resident set
size GNU time reports. It prints a Markdown table; ratios below 1 mean nkus was faster or leaner.
Start-up is measured too: `nkus timeline --format json` on the bundled dataset against
`python -c pass`, median of paired runs; and a table of 10,000 events drawn on a pseudo-terminal:
how long until the first lines appear and until the last.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate

HERE = Path(__file__).parent
QUERY = ["timeline", "--from", "2019-05", "--to", "2019-10", "--kind", "missile-test", "--format", "jsonl"]
# The same filter for jq. The synthetic data has only day and month dates without qualifiers, so
# comparing ISO strings gives the same overlap test nkus makes on date bounds.
JQ = '.events[] | select(.kind == "missile-test") | select((.end // .date) >= "2019-05" and .date[0:7] <= "2019-10")'


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak memory in MB, and output lines of one run."""
    with tempfile.NamedTemporaryFile("r") as report:
        start = time.perf_counter()
        proc = subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", report.name, *cmd], capture_output=True, env=env, check=True
        )
        seconds = time.perf_counter() - start
        kb = report.read().split()[-1]
    return seconds, int(kb) / 1024, proc.stdout.count(b"\n")


Run = tuple[float, float, int]


def summary(runs: list[Run]) -> Run:
    """Median time, largest memory, and the output lines (which every run must agree on)."""
    if len({r[2] for r in runs}) != 1:
        sys.exit(f"bench: runs printed different row counts: {[r[2] for r in runs]}")
    return statistics.median(r[0] for r in runs), max(r[1] for r in runs), runs[0][2]


def startup(nkus: str, runs: int = 21, args: tuple[str, ...] = ("timeline", "--format", "json")) -> tuple[float, float]:
    """Median seconds of `python -c pass` and of `nkus ARGS`, run in turn `runs` times."""
    base, ours = [], []
    for _ in range(runs):
        for target, cmd in ((base, [sys.executable, "-c", "pass"]), (ours, [nkus, *args])):
            start = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            target.append(time.perf_counter() - start)
    return statistics.median(base), statistics.median(ours)


# The commands people run on the bundled data, each against a bare interpreter (the targets:
# a machine-format timeline at most 2x, every other command at most 8x).
COMMANDS = (
    ("timeline", "--format", "json", "--limit", "10"),
    ("summit", "hanoi", "--format", "tsv"),
    ("claims", "--about", "hanoi", "--format", "tsv"),
    ("agreements", "singapore", "agreed-framework", "--format", "tsv"),
    ("search", "Yongbyon", "--format", "tsv"),
    ("objectives", "--format", "tsv"),
    ("follows", "--cause-kind", "exercise", "--cause-tag", "joint-exercise", "--effect-kind", "missile-test",
     "--within", "14", "--from", "2017", "--to", "2025", "--format", "tsv"),
)  # fmt: skip
# `nkus follows` on the synthetic datasets: its cost should grow with the events, no faster.
FOLLOWS = ["follows", "--cause-kind", "exercise", "--effect-kind", "missile-test", "--within", "14", "--format", "tsv"]


def follows_scaling(nkus: str, sizes: list[int], env: dict[str, str], repeat: int) -> None:
    print("| events | causes × effects | follows s (cache made) | µs/event |")
    print("| ---: | ---: | ---: | ---: |")
    for size in sizes:
        root = HERE / "out" / str(size)
        if not (root / "events.json").exists():
            generate(size, root)
        cmd = [nkus, "--data", str(root), *FOLLOWS, "--fields", "causes,effects"]
        first = subprocess.run(cmd, capture_output=True, env=env, check=True, text=True).stdout.split()
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, env=env, check=True)
            runs.append(time.perf_counter() - start)
        took = statistics.median(runs)
        print(f"| {size:,} | {first[-2]} × {first[-1]} | {took:.3f} | {took / size * 1e6:.0f} |", flush=True)
    print()


def commands(nkus: str, runs: int) -> None:
    print("| command (bundled data, cache warm) | python -c pass ms | nkus ms | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for args in COMMANDS:
        subprocess.run([nkus, *args], capture_output=True, check=True)  # caches made
        base, ours = startup(nkus, runs, args)
        print(f"| `nkus {' '.join(args)}` | {base * 1000:.1f} | {ours * 1000:.1f} | {ours / base:.2f} |", flush=True)
    print()


def table_on_terminal(nkus: str, root: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Seconds to the first and the last byte of `nkus timeline` drawn as a table on a
    pseudo-terminal (the index already built), and the lines drawn."""
    import pty

    leader, follower = pty.openpty()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [nkus, "--data", str(root), "timeline"],
        stdout=follower,
        stderr=follower,
        env={**env, "COLUMNS": "120", "NKUS_PAGER": ""},
    )
    os.close(follower)
    first, lines = 0.0, 0
    while True:
        try:
            data = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process ended
            break
        if not data:
            break
        first = first or time.perf_counter() - start
        lines += data.count(b"\n")
    proc.wait()
    os.close(leader)
    return first, time.perf_counter() - start, lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only-commands", action="store_true", help="only the bundled-data commands")
    args = parser.parse_args()
    jq = shutil.which("jq")
    nkus = shutil.which("nkus")
    if not jq or not nkus or not Path("/usr/bin/time").exists():
        sys.exit("bench: needs jq, GNU time (/usr/bin/time) and an installed nkus on PATH")
    cache = tempfile.mkdtemp(prefix="nkus-bench-cache-")
    env = {**os.environ, "NKUS_CACHE_DIR": cache}
    commands(nkus, max(args.repeat, 11))
    if args.only_commands:
        return 0
    follows_scaling(nkus, [int(n) for n in args.sizes.split(",")], env, args.repeat)
    base, ours = startup(nkus)
    print(
        f"start-up: python -c pass {base * 1000:.1f} ms, nkus timeline --format json {ours * 1000:.1f} ms, ratio {ours / base:.2f}\n"
    )
    print(
        "| events | jq s | jq MB | first s | first MB | repeat s | repeat MB | first/jq | repeat/jq "
        "| mem first/jq | mem repeat/jq | first µs/event |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        root = HERE / "out" / str(size)
        if not (root / "events.json").exists():
            generate(size, root)
        jq_runs, first_runs, repeat_runs = [], [], []
        for n in range(args.repeat):
            jq_runs.append(timed([jq, "-c", JQ, str(root / "events.json")], env))
            fresh = {**env, "NKUS_CACHE_DIR": os.path.join(cache, f"{size}-{n}")}
            first_runs.append(timed([nkus, "--data", str(root), *QUERY], fresh))
            repeat_runs.append(timed([nkus, "--data", str(root), *QUERY], fresh))
            shutil.rmtree(fresh["NKUS_CACHE_DIR"], ignore_errors=True)
        (jq_s, jq_mb, jq_lines), (first_s, first_mb, lines), (rep_s, rep_mb, rep_lines) = (
            summary(runs) for runs in (jq_runs, first_runs, repeat_runs)
        )
        if not lines == rep_lines == jq_lines:
            sys.exit(f"bench: row counts differ at {size}: jq {jq_lines}, nkus {lines}/{rep_lines}")
        print(
            f"| {size:,} | {jq_s:.3f} | {jq_mb:.0f} | {first_s:.3f} | {first_mb:.0f} | {rep_s:.3f} | {rep_mb:.0f} "
            f"| {first_s / jq_s:.2f} | {rep_s / jq_s:.2f} | {first_mb / jq_mb:.2f} | {rep_mb / jq_mb:.2f} "
            f"| {first_s / size * 1e6:.0f} |",
            flush=True,
        )
    size = 10_000
    root = HERE / "out" / str(size)
    if not (root / "events.json").exists():
        generate(size, root)
    subprocess.run([nkus, "--data", str(root), *QUERY], env=env, capture_output=True, check=True)  # the index
    first, last, lines = table_on_terminal(nkus, root, env)
    print(f"\ntable of {size:,} events on a terminal: first output {first:.2f} s, all {lines:,} lines {last:.2f} s")
    shutil.rmtree(cache, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
