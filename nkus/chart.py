"""`nkus stats --chart FILE.svg|png`: the counts of `nkus stats` as a bar chart, drawn from a
Vega-Lite specification by vl-convert (imported only here, only when a chart is asked for).

Bars are stacked by missile class when every counted event is a launch (`--kind missile-test`),
otherwise by event kind; by month, empty months keep their place on the axis."""

from __future__ import annotations

from collections import Counter

from nkus.errors import UsageError
from nkus.query import timeline
from nkus.stats import counts, group_key

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from nkus.filters import EventFilter
    from nkus.model import Dataset

CHART_SUFFIXES = (".svg", ".png")


def spec(ds: Dataset, flt: EventFilter, by: str) -> dict[str, Any]:
    """The Vega-Lite specification of the chart: one bar per group, stacked by series."""
    keys = [r["key"] for r in counts(ds, flt, by)]
    events = [e for e in timeline(ds, flt).events if group_key(e, by) is not None]
    by_class = bool(events) and all(e.missile is not None for e in events) and by not in ("class", "system")
    series_name = "missile class" if by_class else "kind"
    n: Counter[tuple[str, str]] = Counter()
    for e in events:
        series = e.missile.cls if by_class and e.missile is not None else e.kind
        n[(str(group_key(e, by)), series)] += 1
    values = [{"key": k, "series": s, "events": c} for (k, s), c in sorted(n.items())]
    what = "launch days" if by_class else "events"
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "title": f"{what.capitalize()} by {by}" + (", by missile class" if by_class else ""),
        "width": max(320, min(16 * len(keys), 1200)),
        "height": 260,
        "background": "white",
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {
                "field": "key", "type": "ordinal", "title": by, "sort": keys, "scale": {"domain": keys},
                "axis": {"labelAngle": -60 if by == "month" else 0, "labelOverlap": True},
            },
            "y": {
                "aggregate": "sum", "field": "events", "type": "quantitative", "title": what,
                "axis": {"tickMinStep": 1, "format": "d"},
            },
            "color": {"field": "series", "type": "nominal", "title": series_name, "scale": {"scheme": "tableau20"}},
        },
    }  # fmt: skip


def render(chart: dict[str, Any], path: str) -> bytes:
    """The chart as SVG or PNG, chosen by `path`'s suffix."""
    suffix = path[path.rfind(".") :].lower() if "." in path else ""
    if suffix not in CHART_SUFFIXES:
        raise UsageError(f"--chart writes .svg or .png files, not '{path}'")
    try:
        import vl_convert
    except ModuleNotFoundError:
        raise UsageError("--chart needs the vl-convert-python package: pip install 'nkus[chart]'") from None
    if suffix == ".svg":
        return vl_convert.vegalite_to_svg(chart).encode("utf-8")
    return bytes(vl_convert.vegalite_to_png(chart, scale=2))
