"""`vendorwatch backup FILE`: what goes into the archive, and that a failed write leaves none."""

from __future__ import annotations

import errno
import hashlib
import os
from pathlib import Path
from typing import IO, Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import translation

from vendorwatch.backup import archive
from vendorwatch.backup.database import applied_migrations
from vendorwatch.backup.tests.helpers import read_tar

pytestmark = pytest.mark.django_db

PICTURE = b"\x89PNG\r\n\x1a\n a screenshot"


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "problems" / "1").mkdir(parents=True)
    (settings.MEDIA_ROOT / "problems" / "1" / "3f2a.png").write_bytes(PICTURE)
    # Incompressible, so the archive grows past the full disk's limit below.
    (settings.MEDIA_ROOT / "problems" / "1" / "9c1e.pdf").write_bytes(os.urandom(300_000))
    return settings.MEDIA_ROOT


class FullDisk:
    """The temporary archive on a disk that is full after ``room`` bytes."""

    def __init__(self, real: IO[bytes], room: int) -> None:
        self.real = real
        self.room = room
        self.name = real.name

    def write(self, data: Any) -> int:
        if self.room < len(data):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.room -= len(data)
        return self.real.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def __enter__(self) -> FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()


@pytest.fixture
def full_disk(monkeypatch) -> None:
    real = archive._temporary_output
    monkeypatch.setattr(
        archive, "_temporary_output", lambda folder, name: FullDisk(real(folder, name), 100_000)
    )


def test_the_archive_holds_the_database_and_the_files_with_their_checksums(
    media_root, tmp_path
) -> None:
    call_command("backup", str(tmp_path / "backup.tar.gz"))
    manifest, entries = read_tar(tmp_path / "backup.tar.gz")
    assert [entry.name for entry in entries] == [
        archive.DATABASE_MEMBERS[connection.vendor],
        "media/problems/1/3f2a.png",
        "media/problems/1/9c1e.pdf",
    ]
    assert manifest["members"] == {
        entry.name: {"size": len(entry.data), "sha256": hashlib.sha256(entry.data).hexdigest()}
        for entry in entries
    }
    assert manifest["schema"] == applied_migrations(connection)
    assert manifest["database"]["engine"] == connection.vendor
    assert manifest["files"] == {"count": 2, "bytes": len(PICTURE) + 300_000}


def test_a_write_that_fails_midway_leaves_no_file_and_says_why(
    media_root, tmp_path, full_disk
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    with translation.override("en"), pytest.raises(CommandError) as failed:
        call_command("backup", str(folder / "backup.tar.gz"))
    assert failed.value.returncode == 1
    assert str(failed.value) == (
        f"The backup could not be written to “{folder / 'backup.tar.gz'}”: the disk is full. "
        "No backup was saved."
    )
    assert list(folder.iterdir()) == []


def test_a_failed_backup_leaves_the_previous_archive_as_it_was(
    media_root, tmp_path, full_disk
) -> None:
    previous = tmp_path / "backup.tar.gz"
    previous.write_bytes(b"yesterday's archive")
    with pytest.raises(CommandError):
        call_command("backup", str(previous))
    assert previous.read_bytes() == b"yesterday's archive"
