"""`vendorwatch serve` as a real process: its job runner is killed and comes back."""

import os
import signal
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

from vendorwatch.testing.smtp import free_port


def runner_pids(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        state = stat.rsplit(")", 1)[1].split()[0]
        if ppid == parent and state != "Z" and b"run-jobs" in cmdline:
            found.append(int(entry.name))
    return found


def wait_for(get, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = get()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("waited in vain")


def heartbeat_pid(database: Path) -> int | None:
    try:
        with sqlite3.connect(database) as db:
            row = db.execute("SELECT pid FROM jobs_runnerheartbeat").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def test_serve_starts_a_killed_job_runner_again(installation, tmp_path) -> None:
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    serve = installation.start(
        "serve", "--port", str(port), "--workers", "1", stdout=log, stderr=subprocess.STDOUT
    )
    try:
        first = wait_for(lambda: runner_pids(serve.pid))[0]
        wait_for(lambda: heartbeat_pid(installation.database) == first)
        os.kill(first, signal.SIGKILL)
        second = wait_for(lambda: [p for p in runner_pids(serve.pid) if p != first])[0]
        # The new runner works: it checks in, and /healthz says so.
        wait_for(lambda: heartbeat_pid(installation.database) == second)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            assert response.read() == b"ok\n"
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
        log.close()
    assert not Path(f"/proc/{second}").exists()
