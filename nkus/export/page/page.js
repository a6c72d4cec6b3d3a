// nkus export html: the page's own script (no library). Dataset text is put on screen with
// textContent and setAttribute only, never parsed as markup.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("nkus-data").textContent);
  var SVGNS = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  var KIND_COLORS = {
    summit: "#d9480f", talks: "#2f9e44", visit: "#1c7ed6", statement: "#7950f2", letter: "#e64980",
    "missile-test": "#c92a2a", "nuclear-test": "#862e9c", "engine-test": "#e67700", exercise: "#0c8599",
    personnel: "#5c940d", agreement: "#364fc7", sanctions: "#495057", other: "#868e96"
  };
  var CLASS_COLORS = {
    SRBM: "#e8590c", MRBM: "#f08c00", IRBM: "#c2255c", ICBM: "#862e9c", SLBM: "#1971c2",
    hypersonic: "#0ca678", cruise: "#5c940d", MRL: "#a61e4d", "space-launch": "#3b5bdb", unknown: "#868e96"
  };

  function $(id) { return document.getElementById(id); }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }
  function svgText(x, y, text, anchor) {
    var t = svgEl("text", { x: x, y: y });
    if (anchor) t.setAttribute("text-anchor", anchor);
    t.textContent = text;
    return t;
  }
  function webLink(url) { return /^https?:\/\//i.test(url || ""); }
  function dayNum(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY; }
  function yearStart(y) { return Date.UTC(y, 0, 1) / DAY; }
  function kindColor(k) { return KIND_COLORS[k] || "#868e96"; }

  var SOURCES = {};
  DATA.sources.forEach(function (s) { SOURCES[s.id] = s; });
  var ACTORS = DATA.actors;
  var EVENTS = DATA.events.map(function (e, i) {
    return {
      row: e, i: i, lo: dayNum(e.lower), hi: dayNum(e.upper), y0: +e.lower.slice(0, 4), y1: +e.upper.slice(0, 4),
      names: e.actors.map(function (a) { return ACTORS[a] || a; }), node: null, mark: null, shown: true
    };
  });
  var BY_ID = Object.create(null);
  EVENTS.forEach(function (e) { BY_ID[e.row.id] = e; });

  // ---------- search ----------
  // The search is `nkus timeline --search`: each event's text as it folds it (row.folded), and the
  // tables by which it folds a query (nkus.fold.tables), made by the export. Here they are only
  // looked up: a character folds as `chars` says (one outside folds to NOWHERE, which no event's
  // text holds), then each word as `words` or `endings` say; an actor's name also finds the
  // actor's other names; an event matches when its text holds one of them.
  var SEARCH = DATA.search, own = Object.prototype.hasOwnProperty;
  var NOWHERE = "\u0000";
  var FOLDS = Object.create(null);
  Object.keys(SEARCH.chars).forEach(function (to) {
    Array.from(SEARCH.chars[to]).forEach(function (c) { FOLDS[c] = to; });
  });
  function foldWord(w) {
    if (own.call(SEARCH.words, w)) return SEARCH.words[w];
    if (w.length >= SEARCH.shortest) {
      for (var i = 0; i < SEARCH.endings.length; i++) {
        var from = SEARCH.endings[i][0];
        if (w.slice(-from.length) === from) return w.slice(0, -from.length) + SEARCH.endings[i][1];
      }
    }
    return w;
  }
  // As nkus.fold.needle: the words whole and in a row, the last also as the start of a longer word.
  function needle(t) {
    var last = t.slice(t.lastIndexOf(" ") + 1);
    return " " + t + (last.length < SEARCH.prefix ? " " : "");
  }
  function searchTexts(query) {
    var out = "";
    Array.from(query).forEach(function (c) { out += c in FOLDS ? FOLDS[c] : NOWHERE; });
    var folded = out.split(" ").filter(Boolean).map(foldWord).join(" ");
    if (!folded) return [];
    return own.call(SEARCH.names, folded) ? SEARCH.names[folded] : [folded];
  }
  var minYear = EVENTS.length ? Math.min.apply(null, EVENTS.map(function (e) { return e.y0; })) : new Date().getFullYear();
  var maxYear = EVENTS.length ? Math.max.apply(null, EVENTS.map(function (e) { return e.y1; })) : minYear;
  var DOMAIN0 = yearStart(minYear), DOMAIN1 = yearStart(maxYear + 1);

  // ---------- theme ----------
  var root = document.documentElement;
  var themeBtn = $("theme");
  var media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function storedTheme() { try { return window.localStorage.getItem("nkus-theme"); } catch (err) { return null; } }
  function isDark() { var t = root.getAttribute("data-theme"); return t ? t === "dark" : !!(media && media.matches); }
  function showTheme() {
    var dark = isDark();
    themeBtn.textContent = dark ? "Light theme" : "Dark theme";
    themeBtn.setAttribute("aria-pressed", dark ? "true" : "false");
  }
  var saved = storedTheme();
  if (saved === "dark" || saved === "light") root.setAttribute("data-theme", saved);
  showTheme();
  themeBtn.addEventListener("click", function () {
    var next = isDark() ? "light" : "dark";
    root.setAttribute("data-theme", next);
    try { window.localStorage.setItem("nkus-theme", next); } catch (err) { /* file:// may forbid storage */ }
    showTheme();
  });
  if (media && media.addEventListener) media.addEventListener("change", showTheme);

  // ---------- filters ----------
  var form = $("filters"), fActor = $("f-actor"), fFrom = $("f-from"), fTo = $("f-to"), fText = $("f-text");
  Array.prototype.forEach.call(document.querySelectorAll(".swatch[data-kind]"), function (s) {
    s.style.background = kindColor(s.getAttribute("data-kind"));
  });
  var actorIds = {};
  EVENTS.forEach(function (e) { e.row.actors.forEach(function (a) { actorIds[a] = true; }); });
  Object.keys(actorIds).sort(function (a, b) {
    return (ACTORS[a] || a).localeCompare(ACTORS[b] || b);
  }).forEach(function (a) {
    var o = el("option", null, ACTORS[a] || a);
    o.value = a;
    fActor.appendChild(o);
  });
  for (var y = minYear; y <= maxYear; y++) {
    var a = el("option", null, y), b = el("option", null, y), z = el("option", null, y);
    a.value = b.value = z.value = String(y);
    if (y === minYear) a.defaultSelected = a.selected = true;
    if (y === maxYear) b.defaultSelected = b.selected = true;
    fFrom.appendChild(a);
    fTo.appendChild(b);
    $("zoom-year").appendChild(z);
  }

  // ---------- the filters in the address ----------
  // The query string holds what differs from the whole page, so that a view can be shared and
  // survives a reload; the fragment stays the event or section looked at.
  var kindBoxes = Array.prototype.slice.call(form.querySelectorAll("input[name=kind]"));
  function filterParams() {
    var p = new URLSearchParams();
    var kinds = kindBoxes.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
    if (kinds.length !== kindBoxes.length) p.set("kind", kinds.join(","));
    if (fActor.value) p.set("actor", fActor.value);
    if (fFrom.value !== String(minYear)) p.set("from", fFrom.value);
    if (fTo.value !== String(maxYear)) p.set("to", fTo.value);
    if (fText.value) p.set("q", fText.value);
    return p;
  }
  function writeAddress() {
    var query = filterParams().toString();
    var address = location.pathname + (query ? "?" + query : "") + location.hash;
    if (address === location.pathname + location.search + location.hash) return;
    try { history.replaceState(history.state, "", address); } catch (err) { /* a browser may refuse it for file:// */ }
  }
  function setOption(select, value) {
    if (value === null) return;
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) select.value = value;
  }
  function readAddress() {
    var p = new URLSearchParams(location.search);
    if (p.has("kind")) {
      var kinds = p.get("kind").split(",");
      kindBoxes.forEach(function (c) { c.checked = kinds.indexOf(c.value) >= 0; });
    }
    setOption(fActor, p.get("actor"));
    setOption(fFrom, p.get("from"));
    setOption(fTo, p.get("to"));
    if (p.has("q")) fText.value = p.get("q");
  }

  function currentFilter() {
    var kinds = {};
    kindBoxes.forEach(function (c) { if (c.checked) kinds[c.value] = true; });
    var from = +fFrom.value, to = +fTo.value;
    if (from > to) { var t = from; from = to; to = t; }
    var texts = searchTexts(fText.value);
    return { kinds: kinds, actor: fActor.value, from: from, to: to, texts: texts, needles: texts.map(needle) };
  }
  function matches(e, f) {
    if (!f.kinds[e.row.kind]) return false;
    if (f.actor && e.row.actors.indexOf(f.actor) < 0) return false;
    if (e.y1 < f.from || e.y0 > f.to) return false;
    if (!f.texts.length) return true;
    for (var i = 0; i < f.needles.length; i++) if (e.row.folded.indexOf(f.needles[i]) >= 0) return true;
    return false;
  }

  // ---------- event list ----------
  var list = $("event-list");
  var yearHeads = {};
  var built = 0;
  function sourceItem(sid) {
    var li = el("li");
    var s = SOURCES[sid];
    if (!s) { li.textContent = sid; return li; }
    var t;
    if (webLink(s.url)) {
      t = el("a", null, s.title);
      t.setAttribute("href", s.url);
      t.setAttribute("rel", "noopener noreferrer");
      t.setAttribute("target", "_blank");
    } else {
      t = el("span", null, s.title);
    }
    li.appendChild(t);
    li.appendChild(el("span", "muted", " — " + s.publisher_name + ", " + s.date));
    return li;
  }
  function card(e) {
    var r = e.row;
    var li = el("li", "ev");
    li.id = "ev-" + r.id;
    li.setAttribute("tabindex", "-1");
    li.style.setProperty("--k", kindColor(r.kind));
    var meta = el("div", "meta");
    var time = el("time", null, r.when);
    time.setAttribute("datetime", r.date);
    meta.appendChild(time);
    meta.appendChild(el("span", "kind", r.kind));
    if (r.location) meta.appendChild(el("span", null, r.location));
    if (e.names.length) meta.appendChild(el("span", null, e.names.join(", ")));
    li.appendChild(meta);
    li.appendChild(el("h3", null, r.title));
    li.appendChild(el("p", null, r.summary));
    li.appendChild(el("div", "label", r.sources.length === 1 ? "Source" : "Sources"));
    var us = el("ul");
    r.sources.forEach(function (sid) { us.appendChild(sourceItem(sid)); });
    li.appendChild(us);
    if (r.missile_class || r.missile_count || r.missile_system) {
      var bits = [];
      bits.push((r.missile_count === null || r.missile_count === undefined ? "number unknown" : r.missile_count + " missile" + (r.missile_count === 1 ? "" : "s")));
      if (r.missile_system) bits.push(r.missile_system);
      if (r.missile_class) bits.push(r.missile_class);
      if (r.missile_outcome) bits.push(r.missile_outcome);
      if (r.missile_site) bits.push("from " + r.missile_site);
      if (r.missile_apogee_km) bits.push("apogee " + r.missile_apogee_km + " km");
      if (r.missile_range_km) bits.push("range " + r.missile_range_km + " km");
      li.appendChild(el("p", "muted", "Launch: " + bits.join(" · ")));
    }
    if (r.disputes && r.disputes.length) {
      li.appendChild(el("div", "label", "Disputed"));
      var ud = el("ul");
      r.disputes.forEach(function (d) { ud.appendChild(el("li", null, d.field + ": " + d.note)); });
      li.appendChild(ud);
    }
    if (r.claims && r.claims.length) {
      // Claims are many on some events: behind their count, so the card stays short.
      var more = el("details", "claims");
      more.appendChild(el("summary", "label", r.claims.length + (r.claims.length === 1 ? " claim" : " claims") + " about it"));
      var uc = el("ul");
      r.claims.forEach(function (cid) {
        var c = DATA.claims[cid], item = el("li");
        var link = el("a", null, c ? c.summary : cid);
        link.setAttribute("href", "#claim-" + cid);
        item.appendChild(link);
        if (c) item.appendChild(el("span", "muted", " — " + c.by));
        uc.appendChild(item);
      });
      more.appendChild(uc);
      li.appendChild(more);
    }
    return li;
  }
  function buildSome(count) {
    var frag = document.createDocumentFragment();
    var f = currentFilter();
    var end = Math.min(EVENTS.length, built + count);
    for (; built < end; built++) {
      var e = EVENTS[built];
      if (!yearHeads[e.y0]) {
        var h = el("li", "year", e.y0);
        h.setAttribute("aria-hidden", "true");
        yearHeads[e.y0] = { node: h, shown: 0 };
        frag.appendChild(h);
      }
      e.node = card(e);
      e.shown = matches(e, f);
      e.node.hidden = !e.shown;
      frag.appendChild(e.node);
    }
    list.appendChild(frag);
  }
  function buildAll() { if (built < EVENTS.length) { buildSome(EVENTS.length); applyFilters(); } }

  // ---------- timeline ----------
  var tlScroll = $("tl-scroll"), tl = $("tl"), lanesBox = $("tl-lanes");
  var LEFT = 96, RIGHT = 24, AXIS = 30, ROW = 13;
  var zoom = null; // pixels per day; null: fit the width
  // Widths are read once and on resize: reading them after the list changed would make the
  // browser lay out thousands of cards in the middle of a filter.
  var tlWidth = tlScroll.clientWidth, chartWidth = $("launches").clientWidth;
  var START_PX_YEAR = 90; // the first view: at least this many pixels a year, at the latest years
  var selected = null;
  function ppd() {
    if (zoom) return zoom;
    var w = Math.max(tlWidth, 300) - LEFT - RIGHT;
    return w / Math.max(DOMAIN1 - DOMAIN0, 1);
  }
  // Every event has its mark, laid out once per zoom level; a filter only shows or hides the marks
  // whose events it changed, so a page of many thousands of events filters at once.
  var laneLabels = {};
  function renderTimeline() {
    var k = ppd();
    var width = Math.ceil(LEFT + RIGHT + (DOMAIN1 - DOMAIN0) * k);
    var x = function (d) { return LEFT + (d - DOMAIN0) * k; };
    while (tl.firstChild) tl.removeChild(tl.firstChild);
    while (lanesBox.firstChild) lanesBox.removeChild(lanesBox.firstChild);
    var marks = document.createDocumentFragment(), lanes = [], top = AXIS, byKind = {};
    DATA.kinds.forEach(function (kind) { byKind[kind] = []; });
    EVENTS.forEach(function (e) { if (byKind[e.row.kind]) byKind[e.row.kind].push(e); });
    DATA.kinds.forEach(function (kind) {
      var rowsEnd = [], items = [];
      byKind[kind].forEach(function (e) {
        var x0 = x(e.lo), x1 = Math.max(x(e.hi + 1), x0 + 8);
        var r = 0;
        while (r < rowsEnd.length && rowsEnd[r] > x0 && r < 3) r++;
        if (r === rowsEnd.length) rowsEnd.push(0);
        rowsEnd[r] = Math.max(rowsEnd[r], x1 + 2);
        items.push([e, x0, x1, r]);
      });
      var height = Math.max(1, rowsEnd.length) * ROW + 10;
      lanes.push({ kind: kind, top: top, height: height });
      var color = kindColor(kind);
      items.forEach(function (it) {
        var e = it[0], cy = top + 5 + it[3] * ROW + ROW / 2, mark;
        if (it[2] - it[1] <= 8.5) {
          mark = svgEl("circle", { cx: (it[1] + it[2]) / 2, cy: cy, r: 5 });
        } else {
          mark = svgEl("rect", { x: it[1], y: cy - 5, width: it[2] - it[1], height: 10, rx: 4 });
        }
        mark.setAttribute("class", "mark" + (selected === e.row.id ? " sel" : ""));
        mark.setAttribute("fill", color);
        mark.setAttribute("data-id", e.row.id);
        mark.setAttribute("role", "button");
        mark.setAttribute("tabindex", e === roving ? "0" : "-1");
        mark.setAttribute("aria-label", e.row.when + ": " + e.row.title);
        if (!e.shown) mark.setAttribute("display", "none");
        var title = svgEl("title", {});
        title.textContent = e.row.when + " · " + e.row.title;
        mark.appendChild(title);
        e.mark = mark;
        marks.appendChild(mark);
      });
      top += height;
    });
    var height = top + 6;
    tl.setAttribute("width", width);
    tl.setAttribute("height", height);
    tl.setAttribute("viewBox", "0 0 " + width + " " + height);
    var grid = document.createDocumentFragment();
    lanes.forEach(function (l, n) {
      if (n % 2 === 0) grid.appendChild(svgEl("rect", { "class": "lane", x: 0, y: l.top, width: width, height: l.height }));
      var label = el("span");
      label.style.top = (l.top + l.height / 2 - 9) + "px";
      laneLabels[l.kind] = label;
      lanesBox.appendChild(label);
    });
    countLanes();
    var pxYear = 365.25 * k;
    var step = pxYear >= 44 ? 1 : pxYear >= 18 ? 2 : pxYear >= 8 ? 5 : 10;
    for (var yy = minYear; yy <= maxYear + 1; yy++) {
      var gx = x(yearStart(yy));
      grid.appendChild(svgEl("line", { "class": "grid", x1: gx, x2: gx, y1: AXIS - 8, y2: height }));
      if (yy % step === 0 && yy <= maxYear) grid.appendChild(svgText(gx + 3, AXIS - 12, String(yy)));
      if (pxYear >= 300 && yy <= maxYear) {
        for (var m = 1; m < 12; m++) {
          var mx = x(Date.UTC(yy, m, 1) / DAY);
          grid.appendChild(svgEl("line", { "class": "grid", x1: mx, x2: mx, y1: AXIS - 4, y2: AXIS, opacity: 0.8 }));
          if (pxYear >= 600) grid.appendChild(svgText(mx + 2, AXIS - 2, "JFMAMJJASOND".charAt(m)));
        }
      }
    }
    tl.appendChild(grid);
    tl.appendChild(marks);
    keepRoving();
    tlScroll.style.height = (height + 18) + "px";
  }
  function countLanes() {
    var counts = {};
    EVENTS.forEach(function (e) { if (e.shown) counts[e.row.kind] = (counts[e.row.kind] || 0) + 1; });
    for (var kind in laneLabels) laneLabels[kind].textContent = kind + " (" + (counts[kind] || 0) + ")";
  }
  // The scroll position as last reported: reading scrollLeft after a filter would force a layout.
  var tlLeft = 0;
  tlScroll.addEventListener("scroll", function () { tlLeft = tlScroll.scrollLeft; }, { passive: true });
  function viewDays() {
    var k = ppd();
    return [DOMAIN0 + (tlLeft - LEFT) / k, DOMAIN0 + (tlLeft + tlWidth - LEFT) / k];
  }
  function shownCentre() {
    // Where to look when the view holds none of the events shown: the latest of them.
    var view = viewDays(), last = null;
    for (var i = 0; i < EVENTS.length; i++) {
      var e = EVENTS[i];
      if (!e.shown) continue;
      if (e.hi >= view[0] && e.lo <= view[1]) return null;
      last = e;
    }
    return last ? (last.lo + last.hi) / 2 : null;
  }
  function scrollToDay(day) {
    tlLeft = Math.max(0, LEFT + (day - DOMAIN0) * ppd() - tlWidth / 2);
    tlScroll.scrollLeft = tlLeft;
  }
  function zoomTo(newPpd, centerDay) {
    var view = viewDays();
    var center = centerDay !== undefined ? centerDay : shownCentre();
    if (center === null) center = (view[0] + view[1]) / 2;
    var fit = (Math.max(tlWidth, 300) - LEFT - RIGHT) / Math.max(DOMAIN1 - DOMAIN0, 1);
    zoom = newPpd <= fit * 1.001 ? null : Math.min(newPpd, 40);
    renderTimeline();
    scrollToDay(center);
  }
  $("zoom-in").addEventListener("click", function () { zoomTo(ppd() * 2); });
  $("zoom-out").addEventListener("click", function () { zoomTo(ppd() / 2); });
  $("zoom-fit").addEventListener("click", function () { zoomTo(0); $("zoom-year").value = ""; });
  $("zoom-year").addEventListener("change", function () {
    var yv = +this.value;
    if (!yv) { zoomTo(0); return; }
    var w = Math.max(tlWidth, 300) - LEFT - RIGHT;
    zoomTo(w / 366, yearStart(yv) + 182.6);
  });
  tlScroll.addEventListener("keydown", function (ev) {
    if (ev.key === "+" || ev.key === "=") { zoomTo(ppd() * 2); ev.preventDefault(); }
    else if (ev.key === "-" || ev.key === "_") { zoomTo(ppd() / 2); ev.preventDefault(); }
    else if (ev.key === "0") { zoomTo(0); ev.preventDefault(); }
  });
  tl.addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target.closest("[data-id]") : null;
    if (target) chooseEvent(target.getAttribute("data-id"));
  });
  // The marks are buttons reached by one stop of Tab (the one whose tabindex is 0); the arrow keys
  // go to the event shown before or after, Home and End to the first and last; Enter or Space
  // chooses it.
  var roving = null;
  function rove(e) {
    if (roving && roving.mark) roving.mark.setAttribute("tabindex", "-1");
    roving = e;
    if (e && e.mark) e.mark.setAttribute("tabindex", "0");
  }
  function keepRoving() {
    if (roving && roving.shown) { rove(roving); return; }
    var chosen = selected && BY_ID[selected];
    if (chosen && chosen.shown) { rove(chosen); return; }
    for (var i = EVENTS.length - 1; i >= 0; i--) if (EVENTS[i].shown) { rove(EVENTS[i]); return; }
    rove(null);
  }
  function shownFrom(i, step) {
    for (; i >= 0 && i < EVENTS.length; i += step) if (EVENTS[i].shown) return EVENTS[i];
    return null;
  }
  tl.addEventListener("keydown", function (ev) {
    var target = ev.target.closest ? ev.target.closest("[data-id]") : null;
    var e = target && BY_ID[target.getAttribute("data-id")];
    if (!e) return;
    var next = null;
    if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); chooseEvent(e.row.id); return; }
    if (ev.key === "ArrowRight" || ev.key === "ArrowDown") next = shownFrom(e.i + 1, 1);
    else if (ev.key === "ArrowLeft" || ev.key === "ArrowUp") next = shownFrom(e.i - 1, -1);
    else if (ev.key === "Home") next = shownFrom(0, 1);
    else if (ev.key === "End") next = shownFrom(EVENTS.length - 1, -1);
    else return;
    ev.preventDefault();
    if (next && next.mark) { rove(next); next.mark.focus(); }
  });
  // Choosing an event (a mark, or a link to it): its card, shown, with the address pointing at it.
  function chooseEvent(id) {
    try { history.pushState(null, "", "#ev-" + id); } catch (err) { /* file:// may refuse it */ }
    selectEvent(id);
  }
  function selectEvent(id) {
    var e = BY_ID[id];
    if (!e) return;
    if (!e.shown) { form.reset(); applyFilters(); } // a link to an event the filters hide shows every event
    buildAll();
    var prev = selected && $("ev-" + selected);
    if (prev) prev.classList.remove("sel");
    Array.prototype.forEach.call(tl.querySelectorAll(".mark.sel"), function (m) { m.classList.remove("sel"); });
    selected = id;
    if (e.mark) { e.mark.classList.add("sel"); rove(e); }
    if (e.node) {
      e.node.classList.add("sel");
      reveal(e.node);
      e.node.focus({ preventScroll: true });
    }
  }
  // A card's top just below the filter bar. Cards off screen are laid out only when near it
  // (content-visibility), so their sizes change as the page scrolls to one: it is scrolled again
  // until it stays put.
  function reveal(node) {
    var tries = 0, last = null;
    function step() {
      node.scrollIntoView({ block: "start" });
      var top = node.getBoundingClientRect().top;
      if (top !== last && tries++ < 8) { last = top; requestAnimationFrame(step); }
    }
    step();
  }
  function padForFilters() {
    // The filter bar stays at the top of the window: a link to a section lands below it.
    var sticky = getComputedStyle(form).position === "sticky";
    root.style.scrollPaddingTop = (sticky ? form.offsetHeight + 24 : 12) + "px";
  }
  padForFilters();
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      tlWidth = tlScroll.clientWidth;
      chartWidth = $("launches").clientWidth;
      padForFilters(); if (!zoom) renderTimeline(); renderChart(); }, 120);
  });

  // ---------- chart of launches ----------
  var chart = $("chart"), axis = $("chart-axis"), legend = $("chart-legend"), chartBy = $("chart-by"), chartMeasure = $("chart-measure");
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  function renderChart() {
    var byMonth = chartBy.value === "month", missiles = chartMeasure.value === "missiles";
    var buckets = {}, classes = {}, first = null, last = null, unknown = 0;
    EVENTS.forEach(function (e) {
      if (!e.shown || e.row.kind !== "missile-test") return;
      var key = byMonth ? e.y0 * 12 + (+e.row.lower.slice(5, 7)) - 1 : e.y0;
      var cls = e.row.missile_class || "unknown";
      var n = 1;
      if (missiles) {
        if (e.row.missile_count === null || e.row.missile_count === undefined) { unknown++; n = 0; }
        else n = e.row.missile_count;
      }
      var b = buckets[key] || (buckets[key] = {});
      b[cls] = (b[cls] || 0) + n;
      classes[cls] = (classes[cls] || 0) + n;
      if (first === null || key < first) first = key;
      if (last === null || key > last) last = key;
    });
    while (chart.firstChild) chart.removeChild(chart.firstChild);
    while (axis.firstChild) axis.removeChild(axis.firstChild);
    axis.setAttribute("width", 0);
    while (legend.firstChild) legend.removeChild(legend.firstChild);
    var note = "Missile tests among the events shown, stacked by missile class" +
      (missiles && unknown ? "; " + unknown + " launch event" + (unknown === 1 ? " has" : "s have") + " no published count" : "") + ".";
    $("chart-note").textContent = note;
    if (first === null) {
      chart.setAttribute("width", 320); chart.setAttribute("height", 40);
      chart.appendChild(svgText(12, 24, "No launches among the events shown."));
      return;
    }
    var keys = [];
    for (var key = first; key <= last; key++) keys.push(key);
    var order = DATA.classes.filter(function (c) { return classes[c] !== undefined; });
    var max = 1;
    keys.forEach(function (kk) {
      var t = 0, b = buckets[kk] || {};
      for (var c in b) t += b[c];
      if (t > max) max = t;
    });
    var step = max <= 5 ? 1 : max <= 10 ? 2 : max <= 25 ? 5 : max <= 50 ? 10 : Math.pow(10, Math.floor(Math.log10(max))) / 2;
    var top = Math.ceil(max / step) * step;
    var avail = Math.max(chartWidth - 50, 280);
    var bw = Math.max(byMonth ? 7 : 16, Math.min(44, Math.floor(avail / keys.length)));
    var L = 4, T = 10, H = 200, B = byMonth ? 40 : 36;
    // Months are named at every width: in full where there is room, else by initial, every
    // month or every second, third or sixth; years below them.
    var spelled = bw >= 26, every = [1, 2, 3, 6, 12].filter(function (n) { return n * bw >= (spelled ? 26 : 10); })[0];
    var width = L + keys.length * bw + 10, height = T + H + B;
    chart.setAttribute("width", width);
    chart.setAttribute("height", height);
    chart.setAttribute("viewBox", "0 0 " + width + " " + height);
    axis.setAttribute("width", 34);
    axis.setAttribute("height", height);
    var yv = function (v) { return T + H - (v / top) * H; };
    for (var v = 0; v <= top; v += step) {
      chart.appendChild(svgEl("line", { "class": "grid", x1: L, x2: width - 6, y1: yv(v), y2: yv(v) }));
      axis.appendChild(svgText(28, yv(v) + 4, String(v), "end"));
    }
    keys.forEach(function (kk, n) {
      var b = buckets[kk] || {}, acc = 0, x0 = L + n * bw;
      var label = byMonth ? MONTHS[kk % 12] + " " + Math.floor(kk / 12) : String(kk);
      order.forEach(function (c) {
        var val = b[c];
        if (!val) return;
        var r = svgEl("rect", { x: x0 + 1, y: yv(acc + val), width: Math.max(bw - 2, 1), height: yv(acc) - yv(acc + val), fill: CLASS_COLORS[c] || "#868e96" });
        var t = svgEl("title", {});
        t.textContent = label + ": " + val + " " + c;
        r.appendChild(t);
        chart.appendChild(r);
        acc += val;
      });
      if (byMonth) {
        if (kk % 12 % every === 0) {
          var name = svgText(x0 + 1, T + H + 14, spelled ? MONTHS[kk % 12] : MONTHS[kk % 12].charAt(0));
          name.setAttribute("class", "month");
          chart.appendChild(name);
        }
        if ((kk % 12 === 0 || n === 0) && (bw * 12 >= 34 || Math.floor(kk / 12) % 2 === 0)) {
          chart.appendChild(svgEl("line", { "class": "grid", x1: x0, x2: x0, y1: T + H, y2: T + H + 20 }));
          chart.appendChild(svgText(x0 + 1, T + H + 30, String(Math.floor(kk / 12))));
        }
      } else if (bw >= 30 || n % 2 === 0) {
        chart.appendChild(svgEl("line", { "class": "grid", x1: x0, x2: x0, y1: T + H, y2: T + H + 5 }));
        chart.appendChild(svgText(x0 + 1, T + H + 17, String(kk)));
      }
    });
    if (chartToEnd) { chart.parentNode.scrollLeft = width; chartToEnd = false; } // the latest launches first
    order.forEach(function (c) {
      var li = el("li");
      var sw = el("span", "swatch");
      sw.style.background = CLASS_COLORS[c] || "#868e96";
      li.appendChild(sw);
      li.appendChild(document.createTextNode(c + " (" + classes[c] + ")"));
      legend.appendChild(li);
    });
  }
  var chartToEnd = true;
  chartBy.addEventListener("change", function () { chartToEnd = true; renderChart(); });
  chartMeasure.addEventListener("change", renderChart);

  // ---------- applying the filters ----------
  var status = $("status");
  function applyFilters() {
    var f = currentFilter(), shown = 0, launches = 0, y;
    for (y in yearHeads) yearHeads[y].shown = 0;
    for (var i = 0; i < EVENTS.length; i++) {
      var e = EVENTS[i];
      var was = e.shown;
      e.shown = matches(e, f);
      if (e.node && e.node.hidden === e.shown) e.node.hidden = !e.shown;
      if (e.mark && was !== e.shown) {
        if (e.shown) e.mark.removeAttribute("display"); else e.mark.setAttribute("display", "none");
      }
      if (e.shown) {
        shown++;
        if (e.row.kind === "missile-test") launches++;
        if (yearHeads[e.y0]) yearHeads[e.y0].shown++;
      }
    }
    for (y in yearHeads) if (yearHeads[y].node.hidden === !!yearHeads[y].shown) yearHeads[y].node.hidden = !yearHeads[y].shown;
    status.textContent = "Showing " + shown + " of " + EVENTS.length + " events (" + launches + " launch" + (launches === 1 ? "" : "es") + ").";
    document.body.setAttribute("data-shown", String(shown));
    countLanes();
    keepRoving();
    writeAddress();
    var centre = tl.firstChild ? shownCentre() : null; // keep some of the events shown in view
    if (centre !== null) scrollToDay(centre);
    renderChart();
  }
  form.addEventListener("input", applyFilters);
  form.addEventListener("change", applyFilters);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); });
  form.addEventListener("reset", function () { setTimeout(applyFilters, 0); });
  function followAddress() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("ev-") === 0) selectEvent(id.slice(3));
  }
  window.addEventListener("hashchange", followAddress);
  window.addEventListener("popstate", followAddress);
  document.addEventListener("click", function (ev) {
    // A link to an event: the event chosen, as a mark would (its card may not be made yet).
    var a = ev.target.closest ? ev.target.closest("a[href^='#ev-']") : null;
    if (!a || ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
    ev.preventDefault();
    chooseEvent(a.getAttribute("href").slice(4));
  });

  // First paint: the timeline, the chart and the first events at once; the rest of the list in
  // chunks, so that a page of many thousands of events never stops responding.
  var t0 = performance.now();
  var fitPpd = (Math.max(tlWidth, 300) - LEFT - RIGHT) / Math.max(DOMAIN1 - DOMAIN0, 1);
  if (fitPpd * 365.25 < START_PX_YEAR) zoom = START_PX_YEAR / 365.25;
  readAddress();
  applyFilters();
  renderTimeline();
  tlScroll.scrollLeft = tlScroll.scrollWidth;
  tlLeft = tlScroll.scrollLeft;
  buildSome(200);
  document.body.setAttribute("data-first-ms", String(Math.round(performance.now() - t0)));
  function more() {
    if (built < EVENTS.length) {
      buildSome(400);
      setTimeout(more, 0);
      return;
    }
    document.body.setAttribute("data-ready", "1");
    document.body.setAttribute("data-build-ms", String(Math.round(performance.now() - t0)));
    var hash = decodeURIComponent(location.hash.slice(1));
    if (hash.indexOf("ev-") === 0) followAddress();
    else if (hash && $(hash)) reveal($(hash));
  }
  more();
})();
