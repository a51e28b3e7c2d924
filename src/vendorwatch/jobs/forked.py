"""A long job's work shared out over the processor cores: one share in the job's own process,
the others in processes forked from it for the duration of the work.

Python computes on one core per process. The clock job's first pass over 100,000 open
problems is pure computation between short reads and writes, so on two cores it takes about
half the time when each core computes every other batch. Each process opens a database
connection of its own and commits its own writes, so a share is as safe to fail as the job
itself: what it did not write is computed again at the next run.

Fork only from a process whose other threads are idle (the job runner between its jobs): a
lock another thread holds at the moment of the fork stays held in the forked process for ever.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Sequence
from typing import TypeVar

from django.conf import settings
from django.db import connection, connections

logger = logging.getLogger(__name__)

T = TypeVar("T")
Figures = dict[str, int]

# More processes than this gain little on the small servers Vendorwatch runs on, and each
# holds a batch in memory.
MOST = 4


class ShareFailed(RuntimeError):
    """A share of the work in a forked process ended with an error (it is in the log)."""


def usable_cores() -> int:
    """The processor cores this process may run on (a container may allow fewer than the
    machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def processes_for(parts: int) -> int:
    """How many processes may share ``parts`` parts of work now: one per core, and only one
    where a forked process would not see what this one sees (inside a transaction, or a
    database that lives in this process's memory)."""
    if not hasattr(os, "fork") or connection.in_atomic_block:
        return 1
    name = str(settings.DATABASES["default"].get("NAME", ""))
    if connection.vendor == "sqlite" and (":memory:" in name or "mode=memory" in name):
        return 1
    return max(1, min(parts, usable_cores(), MOST))


def run_shared(
    parts: Sequence[T], run: Callable[[list[T]], Figures], *, processes: int
) -> list[Figures]:
    """``run`` over ``processes`` shares of ``parts`` (every n-th part each); the first share
    runs in this process, and its figures come first. Every share runs to its end; then the
    first error is raised (:class:`ShareFailed` for a forked share)."""
    processes = max(1, processes)
    shares = [list(parts[k::processes]) for k in range(processes)]
    if len(shares) == 1:
        return [run(shares[0])]
    # A forked process must not use a connection of this one (both would talk on one socket):
    # this one's are closed, and each process opens its own when it first needs it.
    connections.close_all()
    children: list[tuple[int, int]] = []
    figures: list[Figures] = []
    failure: BaseException | None = None
    try:
        for share in shares[1:]:
            children.append(_fork(share, run))
        figures.append(run(shares[0]))
    except BaseException as error:  # a fork that failed too: the started shares end first
        failure = error
    for pid, pipe in children:
        with os.fdopen(pipe, "rb") as reader:
            report = reader.read()
        _pid, status = os.waitpid(pid, 0)
        try:
            answer = json.loads(report) if report else {}
        except ValueError:
            answer = {}
        if os.waitstatus_to_exitcode(status) != 0 or "figures" not in answer:
            failure = failure or ShareFailed(answer.get("error") or f"process {pid} ended early")
        else:
            figures.append(answer["figures"])
    if failure is not None:
        raise failure
    return figures


def _fork(share: list[T], run: Callable[[list[T]], Figures]) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid:
        os.close(writer)
        return pid, reader
    # The forked process: run the share, report, and end without running anything of the
    # parent's (its exit handlers, its test runner).
    os.close(reader)
    code = 1
    answer: dict[str, object] = {"error": "not run"}
    try:
        answer = {"figures": run(share)}
        code = 0
    except BaseException as error:
        logger.exception("a share of %d parts of the work failed", len(share))
        answer = {"error": f"{type(error).__name__}: {error}"}
    finally:
        try:
            os.write(writer, json.dumps(answer).encode())
            connections.close_all()
        finally:
            os._exit(code)
