"""Retrying work that SQLite refused with "database is locked".

SQLite lets one writer in at a time; others wait up to the busy timeout (20 s) and then get
``OperationalError: database is locked``. That happens when something else writes for longer
(a large import, ``demo --reset``, a migration). For the job runner that is a reason to wait and
try again, never to skip a reminder until its next interval or to lose the record that an
e-mail went out. PostgreSQL waits for row locks instead, so there this never fires.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Pauses between tries, on top of the busy timeout each try already waited.
LOCKED_RETRY_DELAYS: tuple[float, ...] = (1.0, 2.0, 5.0, 10.0)


def is_locked(error: BaseException) -> bool:
    return isinstance(error, OperationalError) and "locked" in str(error).lower()


def retry_when_locked(function: Callable[[], T], *, what: str) -> T:
    """Call ``function``; while the database is locked, wait and call it again.

    Only for work that is safe to repeat and runs outside a transaction (a failed statement
    inside ``atomic`` must roll back the whole block first). After the last pause the error is
    raised, so the caller decides what a still-locked database means.
    """
    for delay in (*LOCKED_RETRY_DELAYS, None):
        try:
            return function()
        except OperationalError as error:
            if delay is None or not is_locked(error):
                raise
            logger.warning("%s: database is locked, trying again in %.0f s", what, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")  # pragma: no cover
