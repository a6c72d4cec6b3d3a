"""nkus: a sourced chronology of North Korea–United States diplomacy, as a library and a CLI.

>>> from nkus import load
>>> ds = load()
>>> [e.id for e in ds.timeline(start="2019-05", end="2019-05", kinds={"missile-test"})]
['launch-2019-05-04', 'launch-2019-05-09']
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from typing import Any

    from nkus.loader import check
    from nkus.location import DatasetError, Problem
    from nkus.query import Dataset, load

__all__ = ["Dataset", "DatasetError", "Problem", "check", "load"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Loaded on first use, so that `nkus timeline --format json` does not pay for the validator.
    if name in ("Dataset", "load"):
        from nkus import query

        return getattr(query, name)
    if name in __all__:
        from nkus import loader

        return getattr(loader, name)
    raise AttributeError(name)
