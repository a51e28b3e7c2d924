"""Test set-up shared by every part: database, users in each role, the browser."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from vendorwatch.testing.browser import CHROMIUM_ARGS, CheckedPage, PageWatch, chromium_path

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Property tests check results, not speed: the suite runs in several processes next to a
# browser, where one example may take longer than Hypothesis' default 200 ms deadline.
# Speed is measured by the benchmark scripts (make bench-*), never by a unit test.
hypothesis_settings.register_profile(
    "vendorwatch", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("vendorwatch")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="leave out the tests of the pure engines (src/vendorwatch/core), which import no "
        "Django and cannot differ between databases: `make test` runs them in the SQLite run",
    )


ENGINE_TESTS = os.path.join("src", "vendorwatch", "core", "")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Browser tests first (in their order): they are the longest, and started early they do
    not leave one process running alone at the end of a parallel run."""
    if config.getoption("--database-tests-only"):
        engine = [item for item in items if ENGINE_TESTS in str(item.path)]
        if engine:
            config.hook.pytest_deselected(items=engine)
            items[:] = [item for item in items if ENGINE_TESTS not in str(item.path)]
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


def pytest_report_header(config: pytest.Config) -> list[str]:
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    browser = chromium_path() or "none found"
    return [f"vendorwatch: database={engine}, chromium={browser}, CI={IN_CI}"]


@pytest.fixture(autouse=True)
def _data_dir_of_this_worker(settings: Any, worker_id: str) -> None:
    """Each pytest-xdist worker keeps its files (the SLA report's counted months, the PDF
    slots) in a data directory of its own, and every test starts without counted months:
    the test databases of two workers hold the same ids, so a kept count would be wrong."""
    from pathlib import Path

    from vendorwatch.monitoring.report import forget_counted_months

    settings.DATA_DIR = Path(settings.DATA_DIR) / "workers" / worker_id
    forget_counted_months()


@pytest.fixture(autouse=True)
def _no_daily_backup(settings: Any) -> None:
    """A test that runs the due jobs does not write a real backup into the shared test folder;
    the backup's own tests switch it on."""
    settings.BACKUP_KEEP = 0


@pytest.fixture(autouse=True)
def _no_kept_permissions() -> None:
    """Roles' permissions are kept per process; a test that changed them was rolled back."""
    from vendorwatch.accounts.backends import forget

    forget()


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def admin_user(db: None) -> Any:
    from vendorwatch.accounts.roles import Role
    from vendorwatch.testing.factory import make_user

    return make_user(Role.ADMINISTRATOR, username="anna.admin")


@pytest.fixture
def editor(db: None) -> Any:
    from vendorwatch.accounts.roles import Role
    from vendorwatch.testing.factory import make_user

    return make_user(Role.EDITOR, username="erik.editor")


@pytest.fixture
def viewer(db: None) -> Any:
    from vendorwatch.accounts.roles import Role
    from vendorwatch.testing.factory import make_user

    return make_user(Role.VIEWER, username="vera.viewer")


# --- browser tests ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found (apt-get install chromium): browser tests cannot run"
        if IN_CI:
            pytest.fail(message)
        print(f"\n!!! SKIPPING BROWSER TESTS: {message} !!!\n", file=sys.stderr)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM in the test body is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[CheckedPage]:
    # An English-speaking browser: Vendorwatch must still start in German.
    context = browser.new_context(locale="en-US", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    raw = context.new_page()
    watch = PageWatch()
    watch.attach(raw)
    checked = CheckedPage(raw, live_server.url, watch)
    yield checked
    context.close()
    assert not watch.problems, "\n".join(watch.problems)
    unchecked = [url for url in watch.visited if url not in watch.checked]
    assert not unchecked, f"pages visited without the accessibility check: {unchecked}"


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[Any]:
    """A real SMTP server on localhost; Django sends to it through its SMTP backend."""
    from vendorwatch.testing.smtp import LocalSmtp

    server = LocalSmtp()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()
