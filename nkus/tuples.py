"""`typing.NamedTuple`, without importing `typing` at run time, and quick to define.

`typing` takes several milliseconds to import, about a tenth of a first query on a small dataset,
and `collections.namedtuple` compiles code for every class it makes (about 80 µs each; the record
types of a repeated timeline query would cost it a millisecond). Modules write

    if TYPE_CHECKING:
        from typing import NamedTuple
    else:
        from nkus.tuples import NamedTuple

so the type checker sees the real thing, and at run time a class statement like
`class When(NamedTuple): ...` builds a tuple subclass with the same behaviour (fields and defaults
from the annotations, `_make`, `_replace`, `_asdict`, `_fields`, `_field_defaults`, a repr, pickling)
and the methods and properties of the body. `tests/test_tuples.py` holds it to `typing.NamedTuple`.
"""

from __future__ import annotations

from itertools import pairwise

try:
    from _collections import _tuplegetter  # type: ignore[import-not-found,unused-ignore]  # namedtuple's own C getter
except ImportError:  # pragma: no cover - CPython has it
    from operator import itemgetter

    def _tuplegetter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)


TYPE_CHECKING = False  # only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

_new = tuple.__new__


def _methods(name: str, fields: tuple[str, ...], defaults: dict[str, Any]) -> dict[str, Any]:
    n = len(fields)

    def __new__(cls: type, *args: Any, **kwargs: Any) -> Any:
        if not kwargs and len(args) == n:
            return _new(cls, args)
        if len(args) > n:
            raise TypeError(f"{name}() takes {n} positional arguments but {len(args)} were given")
        values = list(args)
        for f in fields[len(args) :]:
            if f in kwargs:
                values.append(kwargs.pop(f))
            elif f in defaults:
                values.append(defaults[f])
            else:
                raise TypeError(f"{name}() missing required argument: '{f}'")
        if kwargs:
            raise TypeError(f"{name}() got an unexpected keyword argument '{next(iter(kwargs))}'")
        return _new(cls, values)

    def _make(cls: type, iterable: Iterable[Any]) -> Any:
        made: tuple[Any, ...] = _new(cls, iterable)
        if len(made) != n:
            raise TypeError(f"Expected {n} arguments, got {len(made)}")
        return made

    def _replace(self: Any, **changes: Any) -> Any:
        made = self._make([changes.pop(f, v) for f, v in zip(fields, self, strict=True)])
        if changes:
            raise ValueError(f"Got unexpected field names: {list(changes)!r}")
        return made

    def __repr__(self: Any) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={v!r}' for f, v in zip(fields, self, strict=True))})"

    def _asdict(self: Any) -> dict[str, Any]:
        return dict(zip(fields, self, strict=True))

    def __getnewargs__(self: Any) -> tuple[Any, ...]:
        return tuple(self)

    return {
        "__new__": __new__, "_make": classmethod(_make), "_replace": _replace, "__repr__": __repr__,
        "_asdict": _asdict, "__getnewargs__": __getnewargs__, "_fields": fields, "_field_defaults": defaults,
        "__match_args__": fields, "__slots__": (),
        **{f: _tuplegetter(i, f"Alias for field number {i}") for i, f in enumerate(fields)},
    }  # fmt: skip


class _NamedTupleMaker(type):
    def __new__(mcs, name: str, bases: tuple[type, ...], body: dict[str, Any]) -> Any:
        if not bases:  # NamedTuple itself
            return super().__new__(mcs, name, bases, body)
        fields = tuple(body.get("__annotations__", {}))
        for before, after in pairwise(fields):
            if before in body and after not in body:  # as typing.NamedTuple says it
                raise TypeError(f"Non-default namedtuple field {after} cannot follow default field {before}")
        defaults = {f: body[f] for f in fields if f in body}
        rest = {key: value for key, value in body.items() if key not in fields and key != "__annotations__"}
        return type(name, (tuple,), {**_methods(name, fields, defaults), **rest})


class NamedTuple(metaclass=_NamedTupleMaker):
    """Subclass with annotated fields, as with `typing.NamedTuple`."""
