"""SQLite files: a copy made while others write is one consistent moment, and a restored file
never meets the journal of the database it replaces."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from pathlib import Path

import pytest
from django.db import connection

from vendorwatch.backup import database

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's files; PostgreSQL is copied by pg_dump"
)
ACCOUNTS = 50


def make_bank(path: Path) -> None:
    """Accounts of 100 each and a filler, so that copying takes a moment."""
    with closing(sqlite3.connect(path, isolation_level=None)) as bank:
        bank.execute("PRAGMA journal_mode=WAL")
        bank.execute("BEGIN")
        bank.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, balance INTEGER)")
        bank.executemany("INSERT INTO account VALUES (?, 100)", [(n,) for n in range(ACCOUNTS)])
        # Between the accounts and the transfers in the file: one moment apart when read.
        bank.execute("CREATE TABLE filler (data BLOB)")
        bank.execute("INSERT INTO filler SELECT randomblob(4096) FROM account, account LIMIT 1000")
        bank.execute("CREATE TABLE transfer (id INTEGER PRIMARY KEY)")
        bank.execute("COMMIT")


class Writer(threading.Thread):
    """A second connection that keeps moving 1 from account k to k+1 in transfer k."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.committed = 0
        self.started = threading.Event()
        self.stop = threading.Event()

    def run(self) -> None:
        with closing(sqlite3.connect(self.path, isolation_level=None, timeout=20)) as bank:
            bank.execute("PRAGMA synchronous=OFF")  # the test is about consistency, not disks
            # Fold every commit into the main file at once: the file itself keeps changing.
            bank.execute("PRAGMA wal_autocheckpoint=1")
            while not self.stop.is_set():
                k = self.committed
                bank.execute("BEGIN IMMEDIATE")
                bank.execute(
                    "UPDATE account SET balance = balance - 1 WHERE id = ?", (k % ACCOUNTS,)
                )
                bank.execute(
                    "UPDATE account SET balance = balance + 1 WHERE id = ?", ((k + 1) % ACCOUNTS,)
                )
                bank.execute("INSERT INTO transfer VALUES (?)", (k,))
                bank.execute("COMMIT")
                self.committed += 1
                self.started.set()


def balances_after(transfers: int) -> list[tuple[int]]:
    balance = [100] * ACCOUNTS
    for k in range(transfers):
        balance[k % ACCOUNTS] -= 1
        balance[(k + 1) % ACCOUNTS] += 1
    return [(value,) for value in balance]


def test_a_copy_made_while_another_connection_writes_is_one_consistent_moment(tmp_path) -> None:
    source = tmp_path / "live.sqlite3"
    make_bank(source)
    writer = Writer(source)
    writer.start()
    writer.started.wait()
    try:
        for attempt in range(50):
            copy = tmp_path / f"copy-{attempt}.sqlite3"
            before = writer.committed
            database.sqlite_copy(source, copy)
            if writer.committed > before:
                break  # the writer committed while the copy was being made
    finally:
        writer.stop.set()
        writer.join()
    assert writer.committed > before

    with closing(sqlite3.connect(copy)) as copied:
        assert copied.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        (transfers,) = copied.execute("SELECT COUNT(*) FROM transfer").fetchone()
        balances = copied.execute("SELECT balance FROM account ORDER BY id").fetchall()
    assert before <= transfers
    assert balances == balances_after(transfers)


def crash_leaving_a_journal(path: Path) -> None:
    """A process that writes and dies without closing the database, as in a power cut."""
    code = (
        "import os, sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "db.execute('PRAGMA journal_mode=WAL'); db.execute('PRAGMA wal_autocheckpoint=0')\n"
        "db.execute('CREATE TABLE old (n)')\n"
        "for n in range(50): db.execute('INSERT INTO old VALUES (?)', (n,))\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
    assert Path(f"{path}-wal").stat().st_size > 0


def restored_copy(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as restored:
        restored.execute("CREATE TABLE restored (n)")
        restored.execute("INSERT INTO restored VALUES (1)")
        restored.commit()
    return path


def test_a_journal_left_beside_the_old_database_does_not_reach_the_restored_one(tmp_path) -> None:
    target = tmp_path / "vendorwatch.sqlite3"
    crash_leaving_a_journal(target)
    database.sqlite_replace(target, restored_copy(tmp_path / ".restore-1.part"))

    with closing(sqlite3.connect(target)) as result:
        assert result.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = result.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    assert tables == [("restored",)]


def test_a_database_another_program_has_open_is_not_replaced(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(database, "RELEASE_TIMEOUT", 0.1)
    target = tmp_path / "vendorwatch.sqlite3"
    staged = restored_copy(tmp_path / ".restore-1.part")
    with closing(sqlite3.connect(target, isolation_level=None)) as server:
        server.execute("PRAGMA journal_mode=WAL")
        server.execute("CREATE TABLE old (n)")
        with pytest.raises(database.DatabaseInUse):
            database.sqlite_replace(target, staged)
        assert server.execute("SELECT name FROM sqlite_master").fetchall() == [("old",)]
    assert staged.exists()
