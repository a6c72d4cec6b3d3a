"""How quickly `nkus export html` writes a page, and how a large page behaves in a browser.

python -m bench.page [N ...]   (default: the bundled dataset, then 10000 generated events)

Needs the `test` extra (Jinja2, Playwright) and the system's Chromium (`/usr/bin/chromium`). Times
in the browser are taken with `performance.now()`: how long the page's script takes to show the
timeline, the chart and the first events; how long until every event's card is in the page (made
in chunks, so the page answers meanwhile); the longest task that blocked the page while loading;
and how long a filter by kind and a text search take to update the view. Never part of the tests.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LONG_TASKS = """
window.__long = [];
new PerformanceObserver(l => l.getEntries().forEach(e => window.__long.push(e.duration)))
  .observe({type: "longtask", buffered: true});
"""
FILTER = """(([selector, value]) => {
  const el = document.querySelector(selector);
  const t = performance.now();
  if (el.type === "checkbox") { el.checked = !el.checked; } else { el.value = value; }
  el.dispatchEvent(new Event("input", {bubbles: true}));
  return [performance.now() - t, +document.body.dataset.shown];
})"""


def export(data: Path | None, out: Path, repeat: int = 5) -> float:
    cmd = [sys.executable, "-m", "nkus", *(["--data", str(data)] if data else []), "export", "html", "-o", str(out)]
    subprocess.run(cmd, check=True, capture_output=True)  # the first run builds the index
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def browse(page_path: Path) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.add_init_script(LONG_TASKS)
        t = time.perf_counter()
        page.goto(page_path.resolve().as_uri())
        page.wait_for_selector("body[data-ready='1']", timeout=120_000)
        wall = time.perf_counter() - t
        figures = {
            "load_wall_s": wall,
            "dom_content_loaded_ms": page.evaluate(
                "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
            ),
            "first_view_ms": float(page.get_attribute("body", "data-first-ms") or "nan"),
            "all_cards_ms": float(page.get_attribute("body", "data-build-ms") or "nan"),
            "longest_task_ms": page.evaluate("Math.max(0, ...window.__long)"),
        }
        kind, shown = page.evaluate(FILTER, ["input[name=kind][value='statement']", ""])
        figures["filter_kind_ms"], figures["shown_after_kind"] = kind, shown
        text, shown = page.evaluate(FILTER, ["#f-text", "event 42"])
        figures["filter_text_ms"], figures["shown_after_text"] = text, shown
        clear, shown = page.evaluate(FILTER, ["#f-text", ""])
        figures["filter_clear_ms"], figures["shown_after_clear"] = clear, shown
        browser.close()
    return figures


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [0, 10_000]
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            data = generate(n, Path(tmp) / f"data-{n}") if n else None
            out = Path(tmp) / f"page-{n}.html"
            seconds = export(data, out)
            label = f"{n:,} generated events" if n else "bundled dataset"
            print(f"{label}: export {seconds:.3f} s, page {out.stat().st_size / 1e6:.1f} MB")
            for key, value in browse(out).items():
                print(f"  {key}: {value:.1f}" if isinstance(value, float) else f"  {key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
