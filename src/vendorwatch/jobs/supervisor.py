"""Keeps the job runner alive beside the web server (`vendorwatch serve`).

If the runner dies (killed, out of memory, a bug), reminders and escalations would silently
stop while the web pages still work. The supervisor starts it again: at once-ish after a runner
that ran for a while, with growing pauses when it keeps dying right after the start, so a
runner that cannot start (database gone) does not spin the CPU.
"""

from __future__ import annotations

import logging
import os
import subprocess
import threading
import time
from collections.abc import Sequence

logger = logging.getLogger(__name__)

# Pauses before the 1st, 2nd, ... restart in a row of quick deaths; the last one repeats.
RESTART_DELAYS: tuple[float, ...] = (1.0, 5.0, 15.0, 30.0, 60.0)
# A runner that lived this long was fine: its death starts the pauses from the beginning.
STABLE_AFTER_SECONDS = 60.0

# Until a new runner has started its program, a pipe of this process reports whether it could.
# A process forked at that moment (a gunicorn worker) would inherit the pipe and hold it open
# for its whole life, and the start would wait for ever: the runner, once killed, was never
# started again. So starting a runner and forking this process exclude each other.
_starting = threading.Lock()
os.register_at_fork(
    before=_starting.acquire,
    after_in_parent=_starting.release,
    after_in_child=_starting.release,
)


class RunnerSupervisor:
    def __init__(
        self,
        command: Sequence[str],
        *,
        delays: Sequence[float] = RESTART_DELAYS,
        stable_after: float = STABLE_AFTER_SECONDS,
    ) -> None:
        self.command = list(command)
        self.delays = tuple(delays)
        self.stable_after = stable_after
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.exit_codes: list[int] = []
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._owner = os.getpid()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._watch, name="job-runner-supervisor")
        self._thread.daemon = True
        self._thread.start()

    def next_delay(self, quick_deaths: int) -> float:
        return self.delays[min(max(quick_deaths, 1), len(self.delays)) - 1]

    def _spawn(self) -> subprocess.Popen[bytes] | None:
        with self._lock:  # so that stop() either sees this process or prevents it
            if self._stopping.is_set():
                return None
            # A session of its own: Ctrl+C in the terminal stops the web server, and the runner
            # is stopped by stop() instead of dying on the same signal and being "restarted".
            with _starting:
                self.process = subprocess.Popen(self.command, start_new_session=True)
            self.starts += 1
            return self.process

    def _watch(self) -> None:
        quick_deaths = 0
        while True:
            code: int | str = "-"
            lived = 0.0
            try:
                process = self._spawn()
            except OSError:
                logger.exception("job runner could not be started")
            else:
                if process is None:
                    return
                started = time.monotonic()
                # Under gunicorn the arbiter may reap the child first; then this reads 0.
                code = process.wait()
                lived = time.monotonic() - started
                if self._stopping.is_set():
                    return
                self.exit_codes.append(code)
            quick_deaths = quick_deaths + 1 if lived < self.stable_after else 1
            delay = self.next_delay(quick_deaths)
            logger.error(
                "job runner stopped (exit code %s after %.0f s); starting it again in %.0f s",
                code,
                lived,
                delay,
            )
            if self._stopping.wait(delay):
                return

    def stop(self, timeout: float = 30.0) -> None:
        """Stop watching and end the runner (SIGTERM: it finishes its message first)."""
        if os.getpid() != self._owner:
            # A gunicorn worker is a fork of the process that started the runner, and leaves
            # through the same `finally`: it must not take the runner down with it.
            return
        with self._lock:
            self._stopping.set()
            process = self.process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._thread is not None:
            self._thread.join(timeout=timeout)
