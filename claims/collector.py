"""Pausing Python's cyclic garbage collector around bulk record building."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many records that hold no cycles.

    Every container allocated while parsing would otherwise count towards a collection that
    walks all live objects again and again, finding nothing to free.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
