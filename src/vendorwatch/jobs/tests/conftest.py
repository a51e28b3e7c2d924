from pathlib import Path

import pytest

from vendorwatch.jobs.tests.processes import Installation, copy_template


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory) -> Path:
    """A migrated SQLite data directory, made once and copied for each test that needs one."""
    data_dir = tmp_path_factory.mktemp("vendorwatch-template")
    Installation(data_dir).run("migrate", "--no-input")
    return data_dir


@pytest.fixture
def installation(migrated_template, tmp_path, smtp_server) -> Installation:
    """Vendorwatch in processes of its own, on SQLite, sending to the test's SMTP server."""
    data_dir = tmp_path / "var"
    copy_template(migrated_template, data_dir)
    return Installation(data_dir, smtp_port=smtp_server.port)
