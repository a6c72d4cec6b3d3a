"""Pausing the cycle collector while nkus makes many objects at once."""

from __future__ import annotations

import gc


class gc_paused:  # lowercase: used like a function, `with gc_paused():`
    """Loading a dataset, or making the rows of a large answer, creates many objects and no
    reference cycles: the cycle collector would only rescan the growing heap again and again,
    making large datasets cost more than linear time. (A class rather than
    `contextlib.contextmanager`, whose import costs start-up time.)"""

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was_enabled:
            gc.enable()
