"""Backup and restore of the SQLite database as the README describes them, on real processes
and a real SMTP server: a restored database never sends an e-mail again that went out before
the backup, and a -wal file left by a crash cannot corrupt the restore."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

# The README's steps, word for word apart from the fixed date and stopping, starting and chown
# of the service; run in the folder that holds var/.
SETTINGS = """
DATA=var
stamp=2026-11-27-0900
"""
BACKUP_DATABASE = """
mkdir -p backup "$DATA/media"
sqlite3 "$DATA/vendorwatch.sqlite3" "VACUUM INTO 'backup/vendorwatch-$stamp.sqlite3'"
"""
BACKUP_FILES = """
tar -czf "backup/vendorwatch-files-$stamp.tar.gz" -C "$DATA" secret_key media
"""
BACKUP = SETTINGS + BACKUP_DATABASE + BACKUP_FILES
RESTORE = (
    SETTINGS
    + """
aside="$DATA/before-restore-$(date +%F-%H%M%S)"
mkdir -p "$aside"
mv "$DATA"/vendorwatch.sqlite3* "$aside"/
cp "backup/vendorwatch-$stamp.sqlite3" "$DATA/vendorwatch.sqlite3"
sqlite3 "$DATA/vendorwatch.sqlite3" "PRAGMA integrity_check"
tar -xzf "backup/vendorwatch-files-$stamp.tar.gz" -C "$DATA"
"""
)
# Where the sqlite3 command-line tool is missing, the same statements through Python's sqlite3.
SQLITE3_STAND_IN = """
import sqlite3, sys
with sqlite3.connect(sys.argv[1], isolation_level=None) as db:
    for row in db.execute(sys.argv[2]).fetchall():
        print("|".join(str(value) for value in row))
"""


@pytest.fixture
def shell(installation, tmp_path):
    tools = tmp_path / "tools"
    tools.mkdir()
    env = dict(installation.env)
    if subprocess.run(["sh", "-c", "command -v sqlite3"], capture_output=True).returncode:
        stand_in = tools / "sqlite3"
        stand_in.write_text(f"#!{sys.executable}\n{SQLITE3_STAND_IN}")
        stand_in.chmod(0o755)
        env["PATH"] = f"{tools}:{env.get('PATH', '')}"

    def run(script: str) -> str:
        return subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script],
            cwd=installation.data_dir.parent,
            env=env,
            check=True,
            timeout=60,
            capture_output=True,
            text=True,
        ).stdout

    return run


def sent_in(database: Path) -> int:
    with closing(sqlite3.connect(database)) as db:
        (count,) = db.execute(
            "SELECT count(*) FROM jobs_outboxmessage WHERE sent_at IS NOT NULL"
        ).fetchone()
    return count


def crash_leaving_a_wal_file(installation) -> None:
    """A process that writes and dies without closing the database, as in a power cut."""
    installation.python(
        "import os\n"
        "from vendorwatch.jobs.outbox import outbox_enqueue\n"
        "from django.db import connection\n"
        "connection.cursor().execute('PRAGMA wal_autocheckpoint = 0')\n"
        "for n in range(50):\n"
        "    outbox_enqueue(to=['office@example.com'], subject=f'Nach dem Absturz {n}', body='x')\n"
        "os._exit(0)\n"
    )
    assert Path(f"{installation.database}-wal").stat().st_size > 0


def test_a_restore_following_the_readme_sends_nothing_again(
    installation, smtp_server, shell
) -> None:
    installation.enqueue("Erinnerung 1", "Erinnerung 2", "Erinnerung 3")
    installation.run("run-jobs")
    assert smtp_server.wait_for(3) == ["Erinnerung 1", "Erinnerung 2", "Erinnerung 3"]
    shell(BACKUP)
    installation.enqueue("Nach der Sicherung")
    installation.run("run-jobs")
    smtp_server.wait_for(4)
    crash_leaving_a_wal_file(installation)

    assert shell(RESTORE) == "ok\n"  # the integrity check
    installation.run("run-jobs")

    time.sleep(0.5)  # anything sent again would have arrived by now
    assert sorted(smtp_server.inbox.subjects) == [
        "Erinnerung 1",
        "Erinnerung 2",
        "Erinnerung 3",
        "Nach der Sicherung",
    ]
    assert sent_in(installation.database) == 3


def test_a_file_copy_made_while_the_runner_waits_knows_what_was_sent(
    installation, smtp_server, shell, tmp_path
) -> None:
    # A file-level backup of the data folder (copying the .sqlite3 file alone) between rounds.
    installation.enqueue("Erinnerung 1", "Erinnerung 2", "Erinnerung 3")
    runner = installation.start(
        "run-jobs", "--loop", "--interval", "600", stdout=subprocess.DEVNULL
    )
    try:
        assert len(smtp_server.wait_for(3)) == 3
        copy = tmp_path / "backup" / "vendorwatch-2026-11-27-0900.sqlite3"
        copy.parent.mkdir()
        deadline = time.monotonic() + 10
        while True:
            copy.write_bytes(installation.database.read_bytes())
            if sent_in(copy) == 3 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    finally:
        os.kill(runner.pid, signal.SIGTERM)
        runner.wait(timeout=60)
    shell(SETTINGS + "mkdir -p var/media" + BACKUP_FILES)

    assert shell(RESTORE) == "ok\n"
    installation.run("run-jobs")

    time.sleep(0.5)
    assert smtp_server.inbox.duplicates() == {}
    assert len(smtp_server.inbox.messages) == 3
