"""The database side of a backup: a consistent copy of the live database, its schema, and
putting a copy in place of an empty database.

SQLite is copied with its online backup API (one step, so one read transaction: a snapshot
even while others write) and replaced by renaming a checked file over it; PostgreSQL with
``pg_dump --format=custom`` and ``pg_restore`` (password through PGPASSWORD, never on the
command line).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

from django.apps import apps
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils.translation import gettext

ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# The job runner's own records (due times, heartbeats, the e-mail outbox) exist in a new
# installation that was started once; they do not make it "not empty".
BOOKKEEPING_APPS = {"jobs"}
SQLITE_TIMEOUT = 20
RELEASE_TIMEOUT = 2  # a restore waits this long for others to let go of the old database


class DatabaseProblem(Exception):
    """The database could not be copied or restored; the message says why."""


def engine_of(connection: BaseDatabaseWrapper) -> str:
    if connection.vendor not in ENGINE_NAMES:
        raise DatabaseProblem(
            gettext("Backups work with SQLite and PostgreSQL, not with %(engine)s.")
            % {"engine": connection.vendor}
        )
    return str(connection.vendor)


def applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    schema: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        schema.setdefault(app, []).append(name)
    return schema


def unknown_migrations(schema: dict[str, list[str]]) -> list[str]:
    """Migrations in ``schema`` that this code does not have: the schema is newer."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.disk_migrations.values():
        known.update(migration.replaces)
    return [
        f"{app}.{name}"
        for app, names in schema.items()
        for name in names
        if (app, name) not in known
    ]


def domain_models() -> Iterator[type[Model]]:
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.label == "auth.User" or (
            meta.app_config.name.startswith("vendorwatch.")
            and meta.app_label not in BOOKKEEPING_APPS
        ):
            yield model


def record_counts(connection: BaseDatabaseWrapper) -> list[tuple[type[Model], int]]:
    """Rows of every user account and Vendorwatch record, per model (tables that exist)."""
    tables = set(connection.introspection.table_names())
    if MigrationRecorder.Migration._meta.db_table not in tables:
        return []
    counts = []
    with connection.cursor() as cursor:
        for model in domain_models():
            table = model._meta.db_table
            if table in tables:
                cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
                counts.append((model, int(cursor.fetchone()[0])))
    return counts


# --- copy ---------------------------------------------------------------------------------


def database_copy(connection: BaseDatabaseWrapper, destination: Path) -> None:
    if engine_of(connection) == "sqlite":
        sqlite_copy(Path(connection.settings_dict["NAME"]), destination)
    else:
        _postgres(connection, "pg_dump", "--format=custom", "--compress=0", f"--file={destination}")


def sqlite_copy(source: Path, destination: Path) -> None:
    """A consistent copy of a live SQLite database, as one self-contained file."""
    if not source.is_file():
        raise DatabaseProblem(
            gettext("The database file “%(path)s” does not exist.") % {"path": source}
        )
    try:
        with (
            closing(
                sqlite3.connect(f"{source.as_uri()}?mode=rw", uri=True, timeout=SQLITE_TIMEOUT)
            ) as live,
            closing(sqlite3.connect(destination)) as copy,
        ):
            # All pages in one step: one read transaction, so writers (WAL) go on, and the copy
            # is the database as it was at one moment. Step by step, each write would restart it.
            live.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as error:
        raise DatabaseProblem(
            gettext("The database could not be copied: %(error)s") % {"error": error}
        ) from error
    sqlite_check(destination)


def sqlite_check(path: Path) -> None:
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True)) as database:
            result = database.execute("PRAGMA integrity_check").fetchall()
            database.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.DatabaseError as error:
        result = [(str(error),)]
    if result != [("ok",)]:
        raise DatabaseProblem(
            gettext("The database copy is damaged: %(result)s")
            % {"result": "; ".join(str(row[0]) for row in result[:3])}
        )


# --- restore ------------------------------------------------------------------------------


def database_replace(connection: BaseDatabaseWrapper, staged: Path) -> None:
    """Put the staged copy in place of the (empty) database."""
    if engine_of(connection) == "sqlite":
        connection.close()
        sqlite_replace(Path(connection.settings_dict["NAME"]), staged)
    else:
        _postgres_clear(connection)
        connection.close()
        _postgres_restore(connection, staged)


def sqlite_replace(target: Path, staged: Path) -> None:
    _sqlite_release(target)
    os.replace(staged, target)
    _sync_folder(target.parent)


def _sqlite_release(target: Path) -> None:
    """Fold a journal left beside the old database into it and remove it: a -wal file left
    beside the new file would be applied to it and corrupt it. Switching the journal mode
    fails while another program has the database open, so this also finds a running server."""
    if not target.exists():
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        return
    try:
        with closing(sqlite3.connect(target, timeout=RELEASE_TIMEOUT)) as old:
            old.execute("PRAGMA journal_mode=DELETE").fetchall()
    except sqlite3.OperationalError as error:
        raise DatabaseInUse(str(error)) from error
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)


class DatabaseInUse(DatabaseProblem):
    """Another program has the database open."""


def _sync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# Everything in the schema except what belongs to an extension (pg_trgm): a new installation
# where `vendorwatch migrate` already ran has these, and pg_restore would collide with them.
_POSTGRES_OBJECTS = """
SELECT CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
       WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
       c.oid::regclass::text
  FROM pg_class c
 WHERE c.relnamespace = current_schema()::regnamespace
   AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
   -- not an extension's, nor a sequence of a table's column (it goes with the table)
   AND NOT EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
       p.oid::regprocedure::text
  FROM pg_proc p
 WHERE p.pronamespace = current_schema()::regnamespace
   AND NOT EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                      AND d.deptype = 'e')
"""


def _postgres_clear(connection: BaseDatabaseWrapper) -> None:
    """Drop the empty tables (and functions) of a new installation; the caller checked that
    they hold no user account and no record."""
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(_POSTGRES_OBJECTS)
        for kind, name in cursor.fetchall():
            cursor.execute(f"DROP {kind} IF EXISTS {name} CASCADE")


def _postgres_restore(connection: BaseDatabaseWrapper, dump: Path) -> None:
    # COMMENT ON EXTENSION needs the extension's owner, which the restoring role may not be.
    listing = _postgres(connection, "pg_restore", "--list", str(dump), connect=False)
    wanted = [line for line in listing.splitlines() if " COMMENT - EXTENSION " not in line]
    list_file = dump.with_name(f"{dump.name}.list")
    list_file.write_text("\n".join(wanted) + "\n", encoding="utf-8")
    try:
        _postgres(
            connection,
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--use-list={list_file}",
            str(dump),
        )
    finally:
        list_file.unlink(missing_ok=True)


def _postgres(
    connection: BaseDatabaseWrapper, program: str, *arguments: str, connect: bool = True
) -> str:
    """Run a PostgreSQL client program with the connection of the settings (unless
    ``connect`` is false); the password goes through the environment, never the command line."""
    executable = shutil.which(program)
    if executable is None:
        raise DatabaseProblem(
            gettext(
                "The program %(program)s is missing. Install the PostgreSQL client programs "
                "(Debian and Ubuntu: sudo apt-get install postgresql-client)."
            )
            % {"program": program}
        )
    command = [executable]
    environment = dict(os.environ)
    if connect:
        settings = connection.settings_dict
        # Django's own mapping for psql: PGPASSWORD, PGSSLMODE, PGSERVICE, ... from the settings.
        _args, client_env = DatabaseClient.settings_to_cmd_args_env(settings, [])
        environment.update(client_env or {})
        for flag, key in (("--username", "USER"), ("--host", "HOST"), ("--port", "PORT")):
            if settings.get(key):
                command.append(f"{flag}={settings[key]}")
        if settings.get("NAME"):
            command.append(f"--dbname={settings['NAME']}")
    command.extend(arguments)
    result = subprocess.run(command, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
        raise DatabaseProblem(
            gettext("%(program)s failed: %(error)s")
            % {"program": program, "error": " ".join(lines[-3:]) or result.returncode}
        )
    return result.stdout
