"""Make a backup archive of this installation, and restore one into a new, empty installation.

A restore changes nothing until everything is checked: the archive's format, its database
engine, its schema (a migration this code does not know means a newer Vendorwatch made it),
that this installation is empty, and every member's checksum while it is unpacked into
temporary places beside the database and the folder of uploaded files. Only then are the
database and the folder renamed into place.
"""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext

from vendorwatch.backup import archive, database
from vendorwatch.backup.archive import ArchiveRefused, Manifest
from vendorwatch.sla.policy_json import file_problem

# Exit statuses of `vendorwatch restore`: the archive was refused, or this installation was.
ARCHIVE_REFUSED = 2
INSTALLATION_REFUSED = 3


class BackupFailed(Exception):
    """No backup was written; the message says why, in the user's language."""


class RestoreRefused(Exception):
    """Nothing was changed; the message says why. ``returncode`` tells archive or target."""

    def __init__(self, message: str, returncode: int) -> None:
        super().__init__(message)
        self.returncode = returncode


class RestoreFailed(Exception):
    """Something went wrong while the database was being put in place."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    files: int
    file_bytes: int


@dataclass
class RestoreResult:
    manifest: Manifest
    counts: list[tuple[type[Model], int]]
    migrated: int = 0
    media_aside: Path | None = None
    notes: list[str] = field(default_factory=list)


def _connection() -> BaseDatabaseWrapper:
    return connections[DEFAULT_DB_ALIAS]


def _version() -> str:
    try:
        return importlib.metadata.version("vendorwatch")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


# --- backup -------------------------------------------------------------------------------


def backup_create(*, target: Path, now: datetime | None = None) -> BackupResult:
    """Write one archive of the database and the uploaded files to ``target``."""
    connection = _connection()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    target = target.absolute()
    if target.resolve().is_relative_to(media_root):
        raise BackupFailed(
            gettext("The backup cannot be saved inside the folder of uploaded files (%(path)s).")
            % {"path": media_root}
        )
    if not target.parent.is_dir():
        raise BackupFailed(
            gettext("The folder “%(path)s” does not exist.") % {"path": target.parent}
        )
    try:
        engine = database.engine_of(connection)
        schema = database.applied_migrations(connection)
        if not schema:
            raise BackupFailed(
                gettext(
                    "There is nothing to back up: the database is not set up yet "
                    "(vendorwatch migrate)."
                )
            )
        work_folder = tempfile.TemporaryDirectory(
            dir=target.parent, prefix=f".{target.name}.", suffix=".work"
        )
        with work_folder as work:
            copy = Path(work, archive.DATABASE_MEMBERS[engine])
            database.database_copy(connection, copy)
            database_member = archive.file_member(copy.name, copy)
            # After the database copy: a file uploaded meanwhile is in the archive without a
            # record (harmless), rather than a record without its file.
            media = archive.media_members(media_root) if media_root.is_dir() else []
            manifest = archive.manifest_create(
                engine=engine,
                schema=schema,
                database=database_member,
                media=media,
                created_at=now or timezone.now(),
                version=_version(),
            )
            size = archive.archive_write(target, manifest, [database_member, *media])
    except database.DatabaseProblem as error:
        raise BackupFailed(str(error)) from error
    except archive.FileChanged as error:
        raise BackupFailed(
            gettext(
                "The uploaded file “%(name)s” was changed or deleted while the backup was "
                "being made. Please start the backup again."
            )
            % {"name": error.name}
        ) from error
    except OSError as error:
        if error.filename and Path(error.filename).is_relative_to(media_root):
            raise BackupFailed(
                gettext("The uploaded file “%(path)s” cannot be read: %(reason)s.")
                % {"path": error.filename, "reason": file_problem(error)}
            ) from error
        raise BackupFailed(
            gettext("The backup could not be written to “%(path)s”: %(reason)s.")
            % {"path": target, "reason": file_problem(error)}
        ) from error
    return BackupResult(
        target, size, files=len(media), file_bytes=sum(member.size for member in media)
    )


# --- restore ------------------------------------------------------------------------------


def backup_restore(*, source: Path) -> RestoreResult:
    """Restore the archive ``source`` into this installation, which must be empty."""
    connection = _connection()
    try:
        with archive.archive_read(source) as reader:
            manifest = reader.manifest
            _check_engine(connection, manifest)
            _check_schema(manifest)
            _check_empty(connection)
            media_aside = _unpack_and_replace(connection, reader)
    except ArchiveRefused as error:
        raise RestoreRefused(str(error), ARCHIVE_REFUSED) from error
    except database.DatabaseInUse as error:
        raise RestoreRefused(
            gettext(
                "The database is in use by another program (%(error)s). Stop Vendorwatch and "
                "its job runner, then restore again. Nothing was changed."
            )
            % {"error": error},
            INSTALLATION_REFUSED,
        ) from error
    result = RestoreResult(manifest, [], media_aside=media_aside)
    try:
        result.migrated = _migrate()
    except Exception as error:
        raise RestoreFailed(
            gettext(
                "The backup was restored, but bringing its database up to this version failed: "
                "%(error)s. Fix the cause and run vendorwatch migrate."
            )
            % {"error": error}
        ) from error
    result.counts = database.record_counts(connection)
    return result


def _check_engine(connection: BaseDatabaseWrapper, manifest: Manifest) -> None:
    engine = database.engine_of(connection)
    if manifest.engine != engine:
        raise RestoreRefused(
            gettext(
                "The backup holds a %(archive)s database, but this installation uses "
                "%(installation)s. A backup can only be restored into the same kind of "
                "database: set DATABASE_URL accordingly."
            )
            % {
                "archive": database.ENGINE_NAMES.get(manifest.engine, manifest.engine),
                "installation": database.ENGINE_NAMES[engine],
            },
            INSTALLATION_REFUSED,
        )


def _check_schema(manifest: Manifest) -> None:
    unknown = database.unknown_migrations(manifest.schema)
    if unknown:
        raise RestoreRefused(
            gettext(
                "The backup was made by a newer version of Vendorwatch (%(version)s): this "
                "version does not know %(count)s of its database changes, for example "
                "“%(example)s”. Update Vendorwatch first, then restore."
            )
            % {"version": manifest.version, "count": len(unknown), "example": unknown[0]},
            ARCHIVE_REFUSED,
        )


def _check_empty(connection: BaseDatabaseWrapper) -> None:
    held = [(model, count) for model, count in database.record_counts(connection) if count]
    if held:
        listing = ", ".join(
            f"{model._meta.verbose_name_plural}: {count}" for model, count in held[:5]
        )
        raise RestoreRefused(
            gettext(
                "This installation is not empty (%(listing)s). A backup is only restored into "
                "a new, empty installation, one without user accounts and records, so that "
                "nothing is overwritten. Use a new data folder (VENDORWATCH_DATA_DIR) and, "
                "with PostgreSQL, a new empty database (DATABASE_URL). Nothing was changed."
            )
            % {"listing": listing + (", …" if len(held) > 5 else "")},
            INSTALLATION_REFUSED,
        )


@contextmanager
def _staging(connection: BaseDatabaseWrapper, media_root: Path) -> Iterator[tuple[Path, Path]]:
    """A temporary file beside the database (SQLite) or in the data folder (PostgreSQL's dump)
    and a temporary folder beside the uploaded files' folder; removed unless used."""
    if database.engine_of(connection) == "sqlite":
        database_folder = Path(connection.settings_dict["NAME"]).parent
    else:
        database_folder = Path(settings.DATA_DIR)
    database_folder.mkdir(parents=True, exist_ok=True)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=database_folder, prefix=".restore-", suffix=".part")
    os.close(handle)
    staged_database = Path(name)
    staged_media = Path(tempfile.mkdtemp(dir=media_root.parent, prefix=f".{media_root.name}-"))
    try:
        yield staged_database, staged_media
    finally:
        staged_database.unlink(missing_ok=True)
        shutil.rmtree(staged_media, ignore_errors=True)


def _unpack_and_replace(connection: BaseDatabaseWrapper, reader: archive.Reader) -> Path | None:
    media_root = Path(settings.MEDIA_ROOT)
    with _staging(connection, media_root) as (staged_database, staged_media):
        try:
            reader.unpack(database_to=staged_database, media_to=staged_media)
        except OSError as error:
            raise RestoreFailed(
                gettext("The backup could not be unpacked: %(reason)s. Nothing was changed.")
                % {"reason": file_problem(error)}
            ) from error
        if reader.manifest.engine == "sqlite":
            try:
                database.sqlite_check(staged_database)
            except database.DatabaseProblem as error:
                raise ArchiveRefused(str(error)) from error
        try:
            database.database_replace(connection, staged_database)
        except database.DatabaseInUse:
            raise
        except (database.DatabaseProblem, OSError) as error:
            reason = file_problem(error) if isinstance(error, OSError) else str(error)
            raise RestoreFailed(
                gettext(
                    "The database could not be restored: %(error)s. The uploaded files were "
                    "not touched. Restore again once the cause is fixed (a PostgreSQL "
                    "database may be left without tables; it is still empty)."
                )
                % {"error": reason}
            ) from error
        return _media_replace(staged_media, media_root)


def _media_replace(staged: Path, media_root: Path) -> Path | None:
    """Rename the unpacked files into place; files already there (with no record pointing at
    them: the installation is empty) are kept aside, never deleted."""
    aside = None
    if media_root.exists():
        if any(path.is_file() for path in media_root.rglob("*")):
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            aside = media_root.with_name(f"{media_root.name}-before-restore-{stamp}")
            media_root.rename(aside)
        else:
            shutil.rmtree(media_root)
    staged.rename(media_root)
    return aside


def _migrate() -> int:
    """After an archive of an older schema: bring the database up to this version."""
    connection = _connection()
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        call_command("migrate", interactive=False, verbosity=0)
    return len(plan)
