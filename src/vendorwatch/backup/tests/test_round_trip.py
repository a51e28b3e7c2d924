"""Backup here, restore into a new, empty installation (its own data folder and database, in a
process of its own): the same records and the same files come out."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from vendorwatch.accounts.roles import Role
from vendorwatch.backup.tests.helpers import (
    checksums,
    postgres_url,
    run_commands,
    run_vendorwatch,
)
from vendorwatch.contracts.tests.factory import make_contract, make_invoice
from vendorwatch.problems.services import attachment_add
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_contact, make_organisation, make_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def target_database() -> Iterator[str]:
    """The new installation's database: "" for SQLite (a file in its new data folder); on
    PostgreSQL a new database like one where `vendorwatch migrate` ran and nothing else."""
    if connection.vendor == "sqlite":
        yield ""
        return
    settings = connection.settings_dict
    name = f"{settings['NAME']}_restore"
    params = {
        "dbname": "postgres",
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "host": settings["HOST"],
        "port": settings["PORT"],
    }
    connection.close()  # a template database must have no other session
    with closing(psycopg.connect(autocommit=True, **{k: v for k, v in params.items() if v})) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        pg.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
        try:
            yield postgres_url(name)
        finally:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def fill(media_root: Path) -> None:
    make_organisation(name="Müller Metallbau GmbH")
    editor = make_user(Role.EDITOR, username="erik.editor")
    make_user(Role.ADMINISTRATOR, username="anna.admin")
    problem = make_problem(title="Drucker im Lager druckt nicht")
    make_contact(problem.provider, name="Frau Berger")
    make_invoice(make_contract(provider=problem.provider))
    attachment_add(
        problem=problem,
        upload=SimpleUploadedFile("fehler.png", b"\x89PNG\r\n\x1a\n..."),
        user=editor,
    )
    assert len(checksums(media_root)) == 1


def test_a_restored_installation_holds_the_same_records_and_files(
    media_root, target_database, tmp_path
) -> None:
    fill(media_root)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    new = tmp_path / "new-installation"

    restored = run_commands(
        ["restore", str(archive)],
        ["dumpdata", "--output", str(tmp_path / "after.json")],
        data_dir=new,
        database_url=target_database,
    )
    assert restored.returncode == 0, restored.stderr

    call_command("dumpdata", output=str(tmp_path / "before.json"))
    before = (tmp_path / "before.json").read_text()
    assert "Drucker im Lager druckt nicht" in before
    assert (tmp_path / "after.json").read_text() == before
    assert checksums(new / "media") == checksums(media_root)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the same on both: migrate runs")
def test_an_archive_of_an_older_schema_is_brought_up_to_date(media_root, tmp_path) -> None:
    fill(media_root)
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", str(archive))
    new = tmp_path / "later-version"

    restored = run_vendorwatch(
        "restore",
        str(archive),
        data_dir=new,
        settings_module="vendorwatch.backup.tests.later_settings",
    )

    assert restored.returncode == 0, restored.stderr
    assert "1 database change was applied" in restored.stdout
    with closing(sqlite3.connect(new / "vendorwatch.sqlite3")) as database:
        applied = database.execute(
            "SELECT name FROM django_migrations WHERE app = 'backup_later_version'"
        ).fetchall()
        users = database.execute("SELECT username FROM auth_user ORDER BY username").fetchall()
    assert applied == [("0001_add_novelty",)]
    assert users == [("anna.admin",), ("erik.editor",)]
