"""The errors the library raises for what it was asked. They name the library's parameters
(`start`, `kinds`, `limit`); the command line words them as its flags (`nkus.exits`)."""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; only the type checker needs these names
if TYPE_CHECKING:
    from collections.abc import Mapping


class UsageError(ValueError):
    """A value that cannot be answered as asked: a bad date, an unknown kind, a name that names
    nothing. `params` are the parameters the message names, each written `{name}` in it."""

    def __init__(self, message: str, *params: str) -> None:
        super().__init__(message)
        self.template, self.params = message, params

    def worded(self, names: Mapping[str, str] | None = None) -> str:
        """The message with each parameter called by its name in `names` (else its own)."""
        text = self.template
        for p in self.params:
            text = text.replace("{" + p + "}", (names or {}).get(p, p))
        return text

    def __str__(self) -> str:
        return self.worded()


class NotFound(LookupError):
    """No record has the id or name asked for."""
