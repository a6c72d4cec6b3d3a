"""`nkus export html`: the page is read back with an independent HTML parser, and opened in a real
browser (the system's Chromium, driven by Playwright) to check what a reader sees and that nothing
in the dataset runs as code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from nkus import fold, load
from nkus.cli import main
from nkus.model import Event
from tests.conftest import MINI, required

CHROMIUM = next((p for p in (shutil.which("chromium"), "/usr/bin/chromium") if p and Path(p).exists()), None)
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def export(tmp_path: Path, *args: str, data: Path | None = None) -> Path:
    out = tmp_path / "chronology.html"
    argv = (["--data", str(data)] if data else []) + ["export", "html", "-o", str(out), *args]
    assert main(argv) == 0
    return out


class Reader(HTMLParser):
    """What the page holds, as an HTML parser sees it: its data block, its scripts and elements."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict[str, str | None]] = []
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.data_block = ""
        self.csp = ""
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag == "meta" and a.get("http-equiv") == "Content-Security-Policy":
            self.csp = str(a["content"])
        if tag == "script":
            self.scripts.append(a)
            self._in_data = a.get("type") == "application/json"

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data_block += data


def read(path: Path) -> Reader:
    reader = Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return reader


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    chromium = required(CHROMIUM, "Chromium is missing: install the Debian package 'chromium' (.ci/run does)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield b
        b.close()


class Visit:
    """A page opened from file://, with what it logged, asked for and tried to pop up."""

    def __init__(self, browser: Browser, path: Path, address: str = "", **context: Any) -> None:
        self.context = browser.new_context(**context)
        self.page: Page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri() + address  # `address`: a query and a fragment
        self.page.goto(self.url)
        self.page.wait_for_selector("body[data-ready='1']", timeout=30_000)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def visible_cards(self) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(
            "#event-list li.ev", "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.id.slice(3))"
        )
        return ids

    def marks(self) -> list[str]:
        ids: list[str] = self.page.eval_on_selector_all(
            "#tl [data-id]", "els => els.filter(e => e.getAttribute('display') !== 'none').map(e => e.dataset.id)"
        )
        return ids

    def clean(self) -> None:
        assert self.errors == []
        assert self.requests == [self.url.split("#")[0]]  # nothing but the file itself: no network at all
        assert self.dialogs == []

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser: Browser) -> Iterator[Callable[..., Visit]]:
    opened: list[Visit] = []

    def open_page(path: Path, address: str = "", **context: Any) -> Visit:
        v = Visit(browser, path, address, **context)
        opened.append(v)
        return v

    yield open_page
    for v in opened:
        v.close()


def test_the_page_holds_the_exported_events_as_json(tmp_path: Path) -> None:
    page = read(export(tmp_path, "--kind", "missile-test", data=MINI))
    data = json.loads(page.data_block)
    expected = [e.id for e in load(MINI).timeline(kinds={"missile-test"})]
    assert [e["id"] for e in data["events"]] == expected and expected
    assert {f"ev-{i}" for i in expected}.isdisjoint(page.ids)  # cards are made by the page's script
    assert {"summits", "agreements", "objectives", "claims", "sources"} <= page.ids
    # one data block and one script of ours, and the script is allowed by hash alone
    assert [s.get("type") for s in page.scripts] == ["application/json", None]
    assert "script-src 'sha256-" in page.csp and "default-src 'none'" in page.csp  # no network, no other script


def test_export_to_stdout_and_unknown_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(MINI), "export", "html"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("<!DOCTYPE html>") and out.rstrip().endswith("</html>")
    assert main(["--data", str(MINI), "export", "htm"]) == 2
    assert "did you mean 'html'" in capsys.readouterr().err


def test_without_jinja2_the_export_says_what_to_install(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)  # as if the `export` extra were not installed
    out = tmp_path / "page.html"
    assert main(["--data", str(MINI), "export", "html", "-o", str(out)]) == 2
    assert capsys.readouterr().err == "nkus: error: the html export needs Jinja2: pip install jinja2\n"
    assert list(tmp_path.iterdir()) == []  # nothing half-written


@pytest.mark.parametrize("data", [MINI, None], ids=["mini", "bundled"])
def test_every_event_is_on_the_page_and_nothing_is_fetched(
    tmp_path: Path, visit: Callable[..., Visit], data: Path | None
) -> None:
    ds = load(data) if data else load()
    v = visit(export(tmp_path, data=data))
    v.clean()
    ids = [e.id for e in ds.events]
    assert v.visible_cards() == ids
    assert sorted(v.marks()) == sorted(ids)
    for ev in ds.events:
        assert v.page.text_content(f"#ev-{ev.id} h3") == ev.title
    assert v.page.inner_text("#status").startswith(f"Showing {len(ids)} of {len(ids)} events")
    # the static sections: every summit side by side, every cited source linked
    for s in ds.summits.values():
        assert v.page.text_content(f"#summit-{s.id}") == s.name
    links = v.page.eval_on_selector_all("#sources a", "els => els.map(a => a.getAttribute('href'))")
    assert all(link.startswith(("http://", "https://")) for link in links)
    assert {s.url for e in ds.events for s in (ds.sources[x] for x in e.sources)} <= set(links)
    # the chart counts the launches it was given
    launches = [e for e in ds.events if e.kind == "missile-test"]
    bars = v.page.eval_on_selector_all("#chart rect title", "els => els.map(t => t.textContent)")
    assert sum(int(t.split(": ")[1].split()[0]) for t in bars) == len(launches)
    v.clean()


def test_filters_change_what_is_shown(tmp_path: Path, visit: Callable[..., Visit]) -> None:
    ds = load(MINI)
    v = visit(export(tmp_path, data=MINI))
    everything = v.visible_cards()
    kinds = {e.kind for e in ds.events}
    for kind in kinds - {"missile-test"}:
        v.page.uncheck(f"input[name=kind][value='{kind}']")
    launches = [e.id for e in ds.events if e.kind == "missile-test"]
    assert v.visible_cards() == launches and launches != everything
    assert sorted(v.marks()) == sorted(launches)
    assert v.page.inner_text("#status").startswith(f"Showing {len(launches)} of {len(everything)}")
    v.page.click("button[type=reset]")
    v.page.wait_for_selector(f"body[data-shown='{len(everything)}']")  # the page's CSP forbids wait_for_function
    assert v.visible_cards() == everything
    target = ds.events[-1]
    v.page.fill("#f-text", target.title.upper())
    assert v.visible_cards() == [target.id]
    v.page.fill("#f-text", "no event says this")
    assert v.visible_cards() == [] and v.marks() == []
    v.page.fill("#f-text", "")
    v.page.select_option("#f-actor", "trump")
    assert v.visible_cards() == [e.id for e in ds.events if "trump" in e.actors]
    v.page.select_option("#f-actor", "")
    v.page.select_option("#f-from", "2019")
    assert v.visible_cards() == [e.id for e in ds.events if e.upper.year >= 2019]
    v.clean()


def test_theme_print_and_keyboard(tmp_path: Path, visit: Callable[..., Visit]) -> None:
    v = visit(export(tmp_path, data=MINI), color_scheme="light")
    page = v.page
    # keyboard: Tab goes through the skip link, the theme button, the sections and the filters, and
    # whatever has focus is outlined
    seen = []
    for _ in range(14):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("(e => e.id || e.name || e.textContent)(document.activeElement)"))
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    assert seen[:3] == ["Skip to the chronology", "theme", "Timeline"] and seen[-1] == "kind"
    page.keyboard.press("Space")  # a kind filter, from the keyboard
    assert page.inner_text("#status") != "" and page.get_attribute("body", "data-shown") != str(len(load(MINI).events))
    background = "getComputedStyle(document.body).backgroundColor"
    light = page.evaluate(background)
    page.click("#theme")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert page.evaluate(background) != light
    assert page.get_attribute("#theme", "aria-pressed") == "true"
    page.focus("#tl-scroll")
    before = page.eval_on_selector("#tl", "e => +e.getAttribute('width')")
    page.keyboard.press("+")
    assert page.eval_on_selector("#tl", "e => +e.getAttribute('width')") > before
    # print: no controls, the sources show their addresses
    page.emulate_media(media="print")
    assert not page.is_visible("#filters") and not page.is_visible("#theme")
    assert page.is_visible("#sources .url")
    v.clean()


def test_dataset_text_is_shown_literally_and_runs_nothing(
    tmp_path: Path, visit: Callable[..., Visit], copy_mini: Callable[..., Path]
) -> None:
    def events(doc: dict[str, Any]) -> None:
        for n, ev in enumerate(doc["events"]):
            ev["title"] = f"{SCRIPT} {n}" if n % 2 else f"{IMG} {n}"
            ev["summary"] = f"{IMG} </script><script>alert(2)</script>"
            ev["location"] = "<b onmouseover=alert(3)>x</b>"

    def summits(doc: dict[str, Any]) -> None:
        doc["summits"][0]["name"] = f"{SCRIPT} summit"
        doc["summits"][0]["verdicts"][0]["summary"] = IMG

    def sources(doc: dict[str, Any]) -> None:
        doc["sources"][0]["title"] = f"{SCRIPT}{IMG}"
        # A javascript: address is refused by the loader (tests/test_faults.py); the page's own
        # guard, that only http(s) addresses become links, is checked on `linkable` below.

    def claims(doc: dict[str, Any]) -> None:
        doc["claims"][0]["summary"] = f"{IMG} claim"

    def actors(doc: dict[str, Any]) -> None:
        doc["actors"][0]["name"] = f"{SCRIPT} actor"

    root = copy_mini(events=events, summits=summits, sources=sources, claims=claims, actors=actors)
    ds = load(root)
    path = export(tmp_path, data=root)
    parsed = read(path)
    assert "img" not in parsed.tags and "b" not in parsed.tags
    assert len(parsed.scripts) == 2
    v = visit(path)
    page = v.page
    page.hover("#event-list li.ev")
    for ev in ds.events:
        assert page.text_content(f"#ev-{ev.id} h3") == ev.title
    assert page.text_content(f"#summit-{next(iter(ds.summits))}") == f"{SCRIPT} summit"
    text = page.text_content("main") or ""  # main holds every section, not the data block
    for literal in (SCRIPT, IMG, "</script><script>alert(2)</script>", f"{SCRIPT} actor", f"{IMG} claim"):
        assert literal in text
    assert page.evaluate("document.querySelectorAll('img, b, script:not([id=nkus-data])').length") == 1  # ours
    assert page.eval_on_selector_all("a[href^='javascript']", "els => els.length") == 0
    v.clean()  # no dialog, no error, no request
    from nkus.export.html import linkable

    assert not any(map(linkable, ("javascript:alert(4)", "data:text/html,x", "vbscript:x", " javascript:x")))
    assert linkable("https://example.org/")


# The bundled dataset's page, at a phone's size and a laptop's (and the narrowest phone's).
PHONE, LAPTOP, NARROW = {"width": 390, "height": 844}, {"width": 1280, "height": 800}, {"width": 320, "height": 640}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export(tmp_path_factory.mktemp("page"))


def hanoi() -> Event:
    return next(e for e in load().events if e.summit == "hanoi-2019" and e.kind == "summit")


def in_view_below_the_bar(page: Page, event_id: str) -> bool:
    """Whether the event's card is the chosen one and its title is on screen, below the filter bar
    when that bar stays at the top of the window."""
    box = page.evaluate(
        """id => {
            const bar = document.getElementById('filters'), title = document.querySelector('#ev-' + id + ' h3');
            const sticky = getComputedStyle(bar).position === 'sticky';
            return {bar: sticky ? bar.getBoundingClientRect().bottom : 0, top: title.getBoundingClientRect().top,
                    bottom: title.getBoundingClientRect().bottom, height: innerHeight,
                    chosen: document.getElementById('ev-' + id).classList.contains('sel')};
        }""",
        event_id,
    )
    return bool(box["chosen"] and box["bar"] <= box["top"] and box["bottom"] <= box["height"])


@pytest.mark.parametrize("size", [PHONE, LAPTOP, NARROW], ids=["390", "1280", "320"])
def test_the_page_is_no_wider_than_the_screen(bundled: Path, visit: Callable[..., Visit], size: dict[str, int]) -> None:
    v = visit(bundled, viewport=size)
    assert v.page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    # the timeline is wider than the screen, and scrolls inside its own box
    assert v.page.eval_on_selector("#tl-scroll", "e => e.scrollWidth > e.clientWidth")
    v.page.select_option("#chart-by", "year")  # and so does whatever else changes
    v.page.fill("#f-text", "Kim Jong Un")
    assert v.page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    v.clean()


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390", "1280"])
def test_a_chosen_event_lands_with_its_title_below_the_filter_bar(
    bundled: Path, visit: Callable[..., Visit], size: dict[str, int]
) -> None:
    target = hanoi()
    v = visit(bundled, viewport=size)
    v.page.click(f"#tl [data-id='{target.id}']")  # a mark
    assert in_view_below_the_bar(v.page, target.id)
    assert v.page.evaluate("location.hash") == f"#ev-{target.id}"
    v.page.evaluate("scrollTo(0, 0)")
    v.page.click(f"#summits a.evlink[href='#ev-{target.id}']")  # a link from another record
    assert in_view_below_the_bar(v.page, target.id)
    v.clean()
    deep = visit(bundled, f"#ev-{target.id}", viewport=size)  # a link into the page
    deep.page.wait_for_selector(f"#ev-{target.id}.sel")
    assert in_view_below_the_bar(deep.page, target.id)
    deep.clean()


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390", "1280"])
def test_the_address_holds_a_filtered_view(bundled: Path, visit: Callable[..., Visit], size: dict[str, int]) -> None:
    ds = load()
    v = visit(bundled, viewport=size)
    kinds = ["missile-test", "statement", "summit"]
    for box in v.page.query_selector_all("input[name=kind]"):
        if box.get_attribute("value") not in kinds:
            box.uncheck()
    v.page.select_option("#f-actor", "kim-jong-un")
    v.page.select_option("#f-from", "2018")
    v.page.select_option("#f-to", "2022")
    v.page.fill("#f-text", "Kim Jong-un")
    shown = v.visible_cards()
    expected = ds.timeline(kinds=kinds, actors=["kim-jong-un"], start="2018", end="2022", text="Kim Jong-un")
    assert shown == [e.id for e in expected] and shown
    address = v.page.url
    v.clean()
    again = visit(bundled, "?" + address.split("?", 1)[1], viewport=size)  # a fresh page at that address
    checked = again.page.eval_on_selector_all("input[name=kind]:checked", "els => els.map(e => e.value)")
    assert sorted(checked) == sorted(kinds)
    values = [again.page.input_value(f) for f in ("#f-actor", "#f-from", "#f-to", "#f-text")]
    assert values == ["kim-jong-un", "2018", "2022", "Kim Jong-un"]
    assert again.visible_cards() == shown
    again.page.click("button[type=reset]")  # the whole page again, and an address to match
    again.page.wait_for_selector(f"body[data-shown='{len(ds.events)}']")
    assert "?" not in again.page.url
    again.clean()


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390", "1280"])
def test_the_launch_chart_names_months_at_every_range(
    bundled: Path, visit: Callable[..., Visit], size: dict[str, int]
) -> None:
    launches = [e for e in load().events if e.kind == "missile-test" and e.lower.year == 2022]
    months = {e.lower.month for e in launches}
    v = visit(bundled, viewport=size)

    def month_labels() -> list[str]:
        labels: list[str] = v.page.eval_on_selector_all("#chart text.month", "els => els.map(e => e.textContent)")
        return labels

    everything = month_labels()  # many years: months by initial, spaced
    assert everything and set(everything) <= {m[0] for m in MONTHS}
    v.page.select_option("#f-from", "2022")
    v.page.select_option("#f-to", "2022")
    one_year = month_labels()  # one year: every month from the first launch to the last, in full
    assert one_year == MONTHS[min(months) - 1 : max(months)]
    v.clean()


def test_timeline_marks_are_buttons_for_the_keyboard(bundled: Path, visit: Callable[..., Visit]) -> None:
    ds = load()
    v = visit(bundled, viewport=LAPTOP)
    page = v.page
    page.focus("#tl-scroll")
    page.keyboard.press("Tab")  # one stop for the marks: the latest event's
    focused = "(e => [e.getAttribute('role'), e.dataset.id, e.getAttribute('aria-label')])(document.activeElement)"
    last = ds.events[-1]
    assert page.evaluate(focused) == ["button", last.id, f"{last.when.human()}: {last.title}"]
    page.keyboard.press("ArrowLeft")  # the event before it
    before = ds.events[-2]
    assert page.evaluate(focused)[1] == before.id
    page.keyboard.press("Enter")
    assert in_view_below_the_bar(page, before.id)
    assert page.evaluate("document.activeElement.id") == f"ev-{before.id}"
    assert page.eval_on_selector_all("#tl [tabindex='0']", "els => els.map(e => e.dataset.id)") == [before.id]
    v.clean()


def test_an_event_card_shows_its_sources_and_counts_its_claims(bundled: Path, visit: Callable[..., Visit]) -> None:
    ds = load()
    target = hanoi()
    claims = ds.claims_about(target.id)
    assert len(claims) > 1
    v = visit(bundled, viewport=LAPTOP)
    card = f"#ev-{target.id}"
    parts = v.page.eval_on_selector_all(f"{card} > *", "els => els.map(e => e.tagName + ' ' + e.className)")
    assert parts[:5] == ["DIV meta", "H3 ", "P ", "DIV label", "UL "]  # the sources right after the summary
    sources = v.page.eval_on_selector_all(f"{card} > ul:nth-of-type(1) li", "els => els.length")
    assert sources == len(target.sources)
    assert v.page.text_content(f"{card} details.claims summary") == f"{len(claims)} claims about it"
    assert not v.page.is_visible(f"{card} details.claims ul")  # collapsed until asked for
    v.page.click(f"{card} details.claims summary")
    assert v.page.eval_on_selector_all(f"{card} details.claims li", "els => els.length") == len(claims)
    v.clean()


# Queries the page and `nkus timeline --search` must answer alike: the issue's, an alias, a
# diacritic spelling, a British one, odd spaces and hyphens, full-width letters, one word, whole
# words ("ri" is never the ri of "during"), the start of a word ("denuc"), nothing.
QUERIES = [
    "Kim Yo Jong", "Kim Yo-jong", "denuclearisation", "Ri Yong Ho", "Chairman Kim", "Kim Jŏng-ŭn", "Yongbyon",
    "DEFENCE", "kim\u00a0jong\u2011un", "ＫＩＭ ＹＯ ＪＯＮＧ", "Pyongyang's", "ri", "un", "denuc", "no event says this",
]  # fmt: skip


def test_the_page_finds_what_the_command_line_finds(bundled: Path, visit: Callable[..., Visit]) -> None:
    v = visit(bundled, viewport=LAPTOP)
    env = {k: val for k, val in os.environ.items() if k not in ("NKUS_DATA", "NO_COLOR", "FORCE_COLOR")}
    found = {}
    for query in QUERIES:
        cli = subprocess.run(
            [sys.executable, "-m", "nkus", "timeline", "--search", query, "--format", "json"],
            capture_output=True, text=True, env={**env, "NKUS_PAGER": ""}, timeout=60, check=True,
        )  # fmt: skip
        v.page.fill("#f-text", query)
        found[query] = {r["id"] for r in json.loads(cli.stdout)}
        assert set(v.visible_cards()) == found[query], query
    assert found["Kim Yo Jong"] == found["Kim Yo-jong"] == found["ＫＩＭ ＹＯ ＪＯＮＧ"] != set()
    assert found["no event says this"] == set() and all(found[q] for q in QUERIES[:-1])
    v.clean()


def test_the_page_folds_each_character_as_the_command_line_does() -> None:
    """The page's table of characters against `nkus.fold.fold` itself: each character in it folds
    as the table says, and every other one folds to something outside the texts' alphabet."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    table = fold.tables(alphabet)["chars"]
    assert set(table["k"]) >= set("kK") and set(table["o"]) >= set("oOŏŎöÖ")
    assert set(table[" "]) >= set(" -\u2011\u00a0\t") and set(table[""]) >= {"\u0306"}  # a breve alone: nothing
    for to, chars in table.items():
        for c in chars:
            assert fold.fold(f"ab{c}cd") == fold.fold(f"ab{to}cd"), hex(ord(c))
    listed = {c for chars in table.values() for c in chars}
    for code in range(1, 0x10000):
        c = chr(code)
        if c not in listed and not 0xD800 <= code < 0xE000:
            assert not set(fold.fold(c)) <= set(alphabet), hex(code)
