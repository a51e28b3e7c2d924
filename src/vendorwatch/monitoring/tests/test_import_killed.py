"""An import killed half way (kill -9 of the job runner) leaves the data as it was before, and
the next runner starts it again and finishes it cleanly.

The runner is a real process on the test's own database (SQLite file or PostgreSQL), so the
test commits what it writes (``transaction=True``).
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from vendorwatch.monitoring import pipeline
from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.tests.pipeline_factory import (
    make_monitoring,
    options,
    run_import,
    snapshot,
    ticket,
    write_csv,
)

pytestmark = pytest.mark.django_db(transaction=True)

ROWS = 200_000
MAIN = "from vendorwatch.cli import main; main()"


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def runner_env(data_dir) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VENDORWATCH_")}
    env |= {
        "VENDORWATCH_DATA_DIR": str(data_dir),
        "VENDORWATCH_EMAIL_URL": "console://",
        "DATABASE_URL": database_url(),
    }
    return env


def large_export(path) -> None:
    """ROWS tickets; the first ones are the tickets imported before, changed."""
    start = datetime(2026, 3, 2, 9, 0)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Ticket", "Created", "First response", "Resolved", "Priority", "Title"])
        for number in range(ROWS):
            created = start + timedelta(minutes=number // 10)
            writer.writerow([number, f"{created:%Y-%m-%d %H:%M}", "", "", "P3", "neue Fassung"])


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_killed_import_changes_nothing_and_is_finished_by_the_next_runner(
    settings, tmp_path
) -> None:
    data_dir = tmp_path / "var"
    settings.MEDIA_ROOT = data_dir / "media"
    provider, policy = make_monitoring()
    earlier = [ticket(str(n), "2026-03-02 09:00", title="alte Fassung") for n in range(3)]
    run_import(write_csv(tmp_path, earlier, name="alt.csv"), provider, policy)
    before = snapshot(provider)
    export = tmp_path / "gross.csv"
    large_export(export)
    job = pipeline.job_create(
        provider=provider,
        sla_policy=policy,
        file=str(export),
        file_name="gross.csv",
        options=options(columns={"resolved": "", "updated": ""}),
    )
    runner = start_runner(data_dir)
    try:
        started = wait_for(
            lambda: ImportJob.objects.get(pk=job.pk).progress_done > 0 or runner.poll() is not None,
            seconds=120,
        )
        assert started and runner.poll() is None, runner.stderr.read().decode()[-3000:]
    finally:
        os.kill(runner.pid, signal.SIGKILL)
        runner.wait(timeout=30)
        runner.stderr.close()

    job.refresh_from_db()
    assert job.state == ImportJob.State.ANALYSING
    assert 0 < ExternalTicket.objects.filter(job=job).count() < ROWS  # killed half way
    assert snapshot(provider) == before

    # The claim of the killed run runs out; the next runner starts the import again.
    ImportJob.objects.filter(pk=job.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    runner = start_runner(data_dir)
    try:
        finished = wait_for(
            lambda: ImportJob.objects.get(pk=job.pk).state != ImportJob.State.ANALYSING,
            seconds=300,
        )
    finally:
        runner.terminate()
        runner.wait(timeout=60)
        runner.stderr.close()
    job.refresh_from_db()
    assert finished
    assert (job.state, job.attempts) == (ImportJob.State.PREVIEW, 2), job.message
    assert (job.rows_read, job.imported, job.updated) == (ROWS, ROWS - 3, 3)
    assert ExternalTicket.objects.filter(job=job).count() == ROWS
    assert snapshot(provider) == before


def start_runner(data_dir) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", MAIN, "run-jobs", "--loop", "--interval", "0.5"]
    return subprocess.Popen(
        command, env=runner_env(data_dir), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
