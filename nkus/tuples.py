"""`typing.NamedTuple`, without importing `typing` at run time.

`typing` takes several milliseconds to import, about a tenth of a first query on a small dataset,
and nkus needs nothing else from it at run time. Modules write

    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from nkus.tuples import NamedTuple

so the type checker sees the real thing, and at run time a class statement like
`class When(NamedTuple): ...` builds the same named tuple from `collections.namedtuple`: fields
and defaults from the annotations, methods and properties from the body.
"""

from __future__ import annotations

from collections import namedtuple
from itertools import pairwise

TYPE_CHECKING = False  # only the type checker needs these names
if TYPE_CHECKING:
    from typing import Any


class _NamedTupleMaker(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], body: dict[str, Any]) -> Any:
        if not bases:  # NamedTuple itself
            return super().__new__(mcs, name, bases, body)
        fields = list(body.get("__annotations__", {}))
        defaults = [body[f] for f in fields if f in body]
        for before, after in pairwise(fields):
            if before in body and after not in body:  # as typing.NamedTuple says it
                raise TypeError(f"Non-default namedtuple field {after} cannot follow default field {before}")
        base = namedtuple(name, fields, defaults=defaults, module=body.get("__module__"))  # type: ignore[misc]
        rest = {key: value for key, value in body.items() if key not in fields and key != "__annotations__"}
        return type(name, (base,), {**rest, "__slots__": ()})


class NamedTuple(metaclass=_NamedTupleMaker):
    """Subclass with annotated fields, as with `typing.NamedTuple`."""
