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


def wait_for(get, timeout: float = 30.0, describe=lambda: ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = get()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"waited in vain\n{describe()}")


def process_state(pid: int) -> str:
    """What each thread of a process is doing, and its children: for a failure message."""
    lines = []
    for task in sorted(Path(f"/proc/{pid}/task").iterdir()):
        try:
            state = (task / "stat").read_text().rsplit(")", 1)[1].split()[0]
            lines.append(f"thread {task.name} {state} {(task / 'wchan').read_text()}")
        except OSError:
            continue
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        lines.append(f"children: {children.read_text()}")
    return "\n".join(lines)


def heartbeat_pid(database: Path) -> int | None:
    try:
        with sqlite3.connect(database) as db:
            row = db.execute("SELECT pid FROM jobs_runnerheartbeat").fetchone()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def test_serve_starts_a_killed_job_runner_again(installation, tmp_path) -> None:
    port = free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w")
    serve = installation.start(
        "serve", "--port", str(port), "--workers", "1", stdout=log, stderr=subprocess.STDOUT
    )
    try:
        first = wait_for(lambda: runner_pids(serve.pid))[0]
        wait_for(lambda: heartbeat_pid(installation.database) == first)
        os.kill(first, signal.SIGKILL)
        second = wait_for(
            lambda: [p for p in runner_pids(serve.pid) if p != first],
            describe=lambda: process_state(serve.pid) + "\n" + log_path.read_text()[-4000:],
        )[0]
        # The new runner works: it checks in, and /healthz says so.
        wait_for(lambda: heartbeat_pid(installation.database) == second)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            assert response.read() == b"ok\n"
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
        log.close()
    assert not Path(f"/proc/{second}").exists()
