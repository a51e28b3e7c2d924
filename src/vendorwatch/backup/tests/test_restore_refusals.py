"""`vendorwatch restore` refuses what it must not restore, says why, and changes nothing."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone, translation

from vendorwatch.backup import archive, services
from vendorwatch.backup.database import applied_migrations
from vendorwatch.backup.tests.helpers import Entry, write_tar
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db

DATABASE = b"stands in for the database copy"
PICTURE = b"\x89PNG\r\n\x1a\n a screenshot"


@pytest.fixture(autouse=True)
def _nothing_is_replaced(monkeypatch, settings, tmp_path) -> None:
    """Every refusal here comes before the database or the files are put in place; if one
    did not, this fails the test instead of overwriting the test database."""

    def touched(*args: object, **kwargs: object) -> None:
        pytest.fail("the installation was changed")

    monkeypatch.setattr(services.database, "database_replace", touched)
    monkeypatch.setattr(services, "_media_replace", touched)
    settings.MEDIA_ROOT = tmp_path / "data" / "media"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def member(name: str, data: bytes) -> archive.Member:
    return archive.Member(name, Path("-"), len(data), hashlib.sha256(data).hexdigest())


def manifest_of(entries: list[Entry], **changes: object) -> dict[str, object]:
    manifest = archive.manifest_create(
        engine=connection.vendor,
        schema=applied_migrations(connection),
        database=member(archive.DATABASE_MEMBERS[connection.vendor], entries[0].data),
        media=[member(entry.name, entry.data) for entry in entries[1:]],
        created_at=timezone.now(),
        version="0.1.0",
    )
    manifest.update(changes)
    return manifest


def good_entries() -> list[Entry]:
    return [
        Entry(archive.DATABASE_MEMBERS[connection.vendor], DATABASE),
        Entry("media/problems/1/3f2a.png", PICTURE),
    ]


def refusal(path: Path) -> CommandError:
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(path))
    return refused.value


def leftovers(tmp_path: Path) -> list[str]:
    """Temporary files of the restore beside the database or the uploaded files' folder."""
    folders = [tmp_path / "data", Path(settings.DATA_DIR)]
    if connection.vendor == "sqlite":
        folders.append(Path(connection.settings_dict["NAME"]).parent)
    return [
        str(path)
        for folder in folders
        if folder.is_dir()
        for path in folder.iterdir()
        if path.name.startswith((".restore-", ".media-"))
    ]


def test_a_changed_byte_in_a_member_is_a_wrong_checksum(tmp_path) -> None:
    entries = good_entries()
    manifest = manifest_of(entries)
    entries[1].data = PICTURE.replace(b"screenshot", b"screensh0t")
    error = refusal(write_tar(tmp_path / "backup.tar.gz", manifest, entries))
    assert error.returncode == services.ARCHIVE_REFUSED
    assert "checksum of “media/problems/1/3f2a.png” does not match" in str(error)
    assert leftovers(tmp_path) == []


def test_a_missing_member_is_refused(tmp_path) -> None:
    entries = good_entries()
    error = refusal(write_tar(tmp_path / "backup.tar.gz", manifest_of(entries), entries[:1]))
    assert error.returncode == services.ARCHIVE_REFUSED
    assert "incomplete: “media/problems/1/3f2a.png” is missing" in str(error)


def test_a_truncated_archive_is_refused_as_damaged(tmp_path) -> None:
    entries = [*good_entries(), Entry("media/problems/1/scan.pdf", os.urandom(64_000))]
    path = write_tar(tmp_path / "backup.tar.gz", manifest_of(entries), entries)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    error = refusal(path)
    assert error.returncode == services.ARCHIVE_REFUSED
    assert "The file is damaged" in str(error)
    assert leftovers(tmp_path) == []


def test_a_file_of_another_kind_is_not_a_backup(tmp_path) -> None:
    path = write_tar(tmp_path / "photos.tar.gz", None, [Entry("holiday.jpg", b"jpeg")])
    error = refusal(path)
    assert error.returncode == services.ARCHIVE_REFUSED
    assert "not a Vendorwatch backup" in str(error)


def test_an_unknown_archive_format_is_refused(tmp_path) -> None:
    entries = good_entries()
    manifest = manifest_of(entries, format_version=2, vendorwatch_version="3.0.0")
    error = refusal(write_tar(tmp_path / "backup.tar.gz", manifest, entries))
    assert error.returncode == services.ARCHIVE_REFUSED
    assert "archive format 2" in str(error) and "(3.0.0)" in str(error)


def test_a_migration_this_code_does_not_know_is_a_newer_schema(tmp_path) -> None:
    entries = good_entries()
    manifest = manifest_of(entries)
    manifest["schema"]["providers"].append("0099_from_a_later_version")  # type: ignore[index]
    error = refusal(write_tar(tmp_path / "backup.tar.gz", manifest, entries))
    assert error.returncode == services.ARCHIVE_REFUSED
    assert "newer version of Vendorwatch" in str(error)
    assert "providers.0099_from_a_later_version" in str(error)


def test_an_archive_of_another_database_engine_is_refused(tmp_path) -> None:
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    entries = good_entries()
    entries[0].name = archive.DATABASE_MEMBERS[other]
    manifest = manifest_of(entries, database={"engine": other, "member": entries[0].name})
    manifest["members"] = {  # type: ignore[index]
        entry.name: {"size": len(entry.data), "sha256": hashlib.sha256(entry.data).hexdigest()}
        for entry in entries
    }
    error = refusal(write_tar(tmp_path / "backup.tar.gz", manifest, entries))
    assert error.returncode == services.INSTALLATION_REFUSED
    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    assert f"holds a {names[other]} database" in str(error)
    assert f"this installation uses {names[connection.vendor]}" in str(error)


def test_an_installation_with_records_is_not_empty(tmp_path) -> None:
    make_provider(name="Systemhaus Nord GmbH")
    entries = good_entries()
    error = refusal(write_tar(tmp_path / "backup.tar.gz", manifest_of(entries), entries))
    assert error.returncode == services.INSTALLATION_REFUSED
    assert "This installation is not empty (providers: 1" in str(error)
    assert "without user accounts and records" in str(error)


@pytest.mark.parametrize(
    "name", ["media/../../escaped.txt", "/tmp/escaped.txt", "media/problems/../../../escaped.txt"]
)
def test_a_member_outside_its_folder_is_refused(tmp_path, name) -> None:
    entries = [*good_entries(), Entry(name, b"escaped")]
    error = refusal(write_tar(tmp_path / "backup.tar.gz", manifest_of(entries), entries))
    assert error.returncode == services.ARCHIVE_REFUSED
    assert f"named “{name}” that would be written outside" in str(error)
    assert not list(tmp_path.rglob("escaped.txt"))
    assert not Path("/tmp/escaped.txt").exists()


def test_a_link_member_is_refused(tmp_path) -> None:
    entries = [*good_entries(), Entry("media/problems/1/passwd", link_to="/etc/passwd")]
    manifest = manifest_of([*entries[:2], Entry("media/problems/1/passwd", b"")])
    error = refusal(write_tar(tmp_path / "backup.tar.gz", manifest, entries))
    assert error.returncode == services.ARCHIVE_REFUSED
    assert "“media/problems/1/passwd” as a link" in str(error)
    assert leftovers(tmp_path) == []


def test_a_member_the_manifest_does_not_list_is_refused(tmp_path) -> None:
    entries = good_entries()
    manifest = manifest_of(entries)
    error = refusal(
        write_tar(tmp_path / "backup.tar.gz", manifest, [*entries, Entry("media/extra", b"x")])
    )
    assert error.returncode == services.ARCHIVE_REFUSED
    assert "“media/extra”, which its manifest does not list" in str(error)
