"""Pausing Python's cycle collector while a store builds many small objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cycle collector for the block, then restore it as it was.

    Rows, attribute dicts and models hold no cycles, yet each burst of
    allocations triggers a collection that walks every object still alive:
    building 400,000 projected edges took 6.1 s with it and 3.4 s without, and
    200,000 rows for a load 4.5 s and 2.5 s. Reference counting still frees
    everything as usual.

    >>> with no_cyclic_gc():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
