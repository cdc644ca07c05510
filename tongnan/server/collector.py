"""Python's cyclic garbage collector in a serving process.

What start-up built and keeps for the process's life (modules, the schema and the workbench's
compiled plans, the ORM's models, the settings: about 290,000 objects) is frozen out of the
collector while the app runs, and the youngest generation is collected after more allocations
than Python's default 700. A full collection then walks only what was made since start-up:
before, each one walked the whole heap, 120–180 ms with the event loop stopped, every second or
two under load, and every request in flight waited for it. The garbage start-up left is
collected first, so nothing unreachable is frozen; when the app stops, the frozen objects are
handed back to the collector (in-process tests start many apps in one interpreter).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen_start_up(young_threshold: int) -> Iterator[None]:
    """Freeze what is reachable now and collect generation 0 after ``young_threshold``
    allocations until the block ends (0: Python's collector left as it is)."""
    if young_threshold <= 0:
        yield
        return
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(young_threshold, *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
