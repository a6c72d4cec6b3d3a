from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nkus import Dataset, load

MINI = Path(__file__).parent / "fixtures" / "mini"

Mutator = Callable[[dict[str, Any]], None]


def write_json(path: Path, doc: Any) -> None:
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def required(found: Any, missing: str) -> Any:
    """`found`, a program a test reads its output with; when it is missing, the test is skipped on
    a developer's machine (saying how to install it) and fails under CI, which always installs it."""
    if not found:
        if os.environ.get("CI", "").lower() in ("true", "1"):
            pytest.fail(missing)
        pytest.skip(missing)
    return found


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's own index cache."""
    os.environ["NKUS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture
def mini() -> Dataset:
    return load(MINI)


@pytest.fixture
def copy_mini(tmp_path: Path) -> Callable[..., Path]:
    """A writable copy of the mini dataset, with `file=mutator` changes applied to its JSON."""

    def make(**mutators: Mutator) -> Path:
        root = tmp_path / "data"
        shutil.copytree(MINI, root)
        for stem, mutate in mutators.items():
            doc = read_json(root / f"{stem}.json")
            mutate(doc)
            write_json(root / f"{stem}.json", doc)
        return root

    return make
