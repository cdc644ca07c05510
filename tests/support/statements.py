"""The SQL statements Tortoise sends while a block runs (it logs each one at DEBUG): what the
round-trip tests count."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager


class _Collect(logging.Handler):
    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(record.getMessage())


@contextmanager
def statements_sent() -> Iterator[list[str]]:
    """The statements sent inside the ``with`` block, in order (the list fills as they go)."""
    logger = logging.getLogger("tortoise.db_client")
    sent: list[str] = []
    handler = _Collect(sent)
    old_level = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    try:
        yield sent
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
