"""One devstack command at a time per var folder (two `up`s would race)."""

from __future__ import annotations

import contextlib
import fcntl
import logging
from collections.abc import Iterator
from pathlib import Path

logger = logging.getLogger(__name__)


LOCK_FILE = ".lock"


@contextlib.contextmanager
def exclusive(var: Path) -> Iterator[None]:
    """Hold an flock on var/.lock; children never inherit it (close_fds)."""
    var.mkdir(parents=True, exist_ok=True)
    with (var / LOCK_FILE).open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            logger.info("waiting for another facturo_devstack command to finish")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield
