"""The loop of `run-jobs --loop`: a round that fails as a whole does not end the runner."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import OperationalError

from vendorwatch.jobs import runner
from vendorwatch.jobs.heartbeat import Heartbeat
from vendorwatch.jobs.models import RunnerHeartbeat


@pytest.mark.django_db(transaction=True)  # the loop closes connections between rounds
def test_a_round_that_fails_is_tried_again_after_a_pause(monkeypatch) -> None:
    monkeypatch.setattr(runner, "FAILED_ROUND_DELAYS", (0.01,))
    real_run_due_jobs = runner.run_due_jobs
    calls = []

    def database_away_once(**options):
        calls.append(options)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real_run_due_jobs(**options)

    monkeypatch.setattr(runner, "run_due_jobs", database_away_once)
    reports = []
    runner.run_loop(
        interval=0.01,
        heartbeat=Heartbeat(interval_seconds=1, name="web1"),
        should_stop=lambda: len(reports) >= 1 or len(calls) >= 5,
        report=reports.append,
    )
    assert len(calls) == 2
    assert RunnerHeartbeat.objects.filter(name="web1").exists()


def test_a_runner_started_by_serve_stops_when_serve_is_gone(installation, tmp_path) -> None:
    # A stand-in for `serve` that starts the runner like serve does and then dies at once.
    pid_file = tmp_path / "runner.pid"
    command = installation.command("run-jobs", "--loop", "--parent-pid")
    starter = (
        "import os, subprocess\n"
        f"runner = subprocess.Popen({command!r} + [str(os.getpid())])\n"
        f"open({str(pid_file)!r}, 'w').write(str(runner.pid))\n"
    )
    subprocess.run([sys.executable, "-c", starter], env=installation.env, check=True)
    runner_pid = int(pid_file.read_text())
    try:
        assert wait_until_gone(runner_pid, timeout=60), "the orphaned runner kept running"
    finally:
        if not wait_until_gone(runner_pid, timeout=0):
            os.kill(runner_pid, signal.SIGKILL)


def wait_until_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)
