"""`nkus stats --chart FILE.svg|png`: the counts drawn as an image, read back as SVG (XML) and PNG."""

from __future__ import annotations

import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from nkus.cli import main
from tests.conftest import MINI


def chart(capsys: pytest.CaptureFixture[str], path: Path, *args: str, data: Path | None = None) -> str:
    head = ["--data", str(data)] if data else []
    code = main([*head, "stats", *args, "--chart", str(path)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == "" and err == f"nkus: chart written to {path}\n"
    return path.read_text(encoding="utf-8") if path.suffix == ".svg" else ""


def texts(svg: str) -> list[str]:
    return [t.text or "" for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")]


def test_launches_by_month_are_stacked_by_missile_class(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    svg = chart(
        capsys, tmp_path / "launches.svg", "--by", "month", "--kind", "missile-test", "--from", "2019", "--to", "2019"
    )
    labels = texts(svg)
    assert "Launch days by month, by missile class" in labels
    assert {"SRBM", "MRL", "SLBM"} <= set(labels)  # the legend
    assert "missile class" in labels
    assert len(ET.fromstring(svg).findall(".//{http://www.w3.org/2000/svg}path")) > 10  # bars and axes


def test_other_events_are_stacked_by_kind(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    labels = texts(chart(capsys, tmp_path / "kinds.svg", "--by", "year", data=MINI))
    assert "Events by year" in labels
    assert {"summit", "missile-test", "statement", "talks"} <= set(labels)


def test_png(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "chart.png"
    chart(capsys, path, "--by", "month", "--kind", "missile-test", data=MINI)
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", head[16:24])
    assert width > 400 and height > 300


def test_an_unknown_image_type_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["--data", str(MINI), "stats", "--chart", str(tmp_path / "chart.gif")]) == 2
    assert "--chart writes .svg or .png files" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_a_missing_library_names_the_extra_to_install(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "vl_convert", None)
    assert main(["--data", str(MINI), "stats", "--chart", str(tmp_path / "c.svg")]) == 2
    assert "pip install 'nkus[chart]'" in capsys.readouterr().err
