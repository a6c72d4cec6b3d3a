"""The run-time stand-in for typing.NamedTuple behaves as typing's does for what nkus uses."""

from __future__ import annotations

import typing

import pytest

from nkus.tuples import NamedTuple


class Ours(NamedTuple):
    """A day."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precise(self) -> bool:
        return self.day is not None

    def label(self) -> str:
        return f"{self.year}-{self.month}"


class Theirs(typing.NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None


def test_fields_defaults_and_tuple_behaviour_match_typing() -> None:
    ours, theirs = Ours(2019, 5), Theirs(2019, 5)
    assert Ours._fields == Theirs._fields
    assert tuple(ours) == tuple(theirs) and ours == theirs and hash(ours) == hash(theirs)
    assert repr(ours) == "Ours(year=2019, month=5, day=None)"
    assert ours._replace(day=4) == Ours(2019, 5, 4) and type(ours._replace(day=4)) is Ours
    assert ours._asdict() == theirs._asdict()
    assert not hasattr(ours, "__dict__")  # as small as a tuple


def test_methods_properties_and_docstring_are_kept() -> None:
    assert Ours(2019, 5).label() == "2019-5" and not Ours(2019, 5).precise and Ours(2019, 5, 4).precise
    assert Ours.__doc__ == "A day."


def test_required_fields_are_required() -> None:
    with pytest.raises(TypeError):
        Ours()  # type: ignore[call-arg]
