"""Every page reachable from the dashboard of the demo company, in a real browser: as an
administrator at 1280 px, as a viewer, on a phone, and every form sent empty to show its
errors. Each page passes axe-core, is no wider than the window and cuts off no table
without a hint (CheckedPage.check)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command

from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.crawl import crawl

# What a page shows does not depend on the database: one run, on SQLite, is enough.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("postgresql"),
        reason="pages are checked once, on SQLite",
    ),
]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def demo(settings: Any, tmp_path: Any) -> str:
    settings.DATA_DIR = tmp_path
    call_command("demo")
    return (tmp_path / "demo-credentials.txt").read_text(encoding="utf-8").strip()


def visit_all(page: CheckedPage) -> list[str]:
    def fetch(path: str) -> str | None:
        response = page.goto(path)
        if response is None or "text/html" not in response.headers.get("content-type", ""):
            return None
        return str(page.content())

    return [path for path, _html in crawl(fetch, per_name=1)]


def test_every_page_for_an_administrator(page: CheckedPage, demo: str) -> None:
    login_in_browser(page, "admin", demo)
    assert len(visit_all(page)) > 60


def test_every_page_for_a_viewer(page: CheckedPage, demo: str) -> None:
    login_in_browser(page, "t.berger", demo)
    assert len(visit_all(page)) > 30


def test_every_page_on_a_phone(page: CheckedPage, demo: str) -> None:
    """No page is wider than a phone and no table is cut off without a hint (axe-core has
    checked these pages at 1280 px already)."""
    page.set_viewport_size(PHONE)
    page.with_axe = False
    login_in_browser(page, "s.keller", demo)
    assert len(visit_all(page)) > 60


def test_every_new_record_form_sent_empty_shows_its_errors(page: CheckedPage, demo: str) -> None:
    login_in_browser(page, "admin", demo)
    forms = [path for path in visit_all(page) if path.split("?")[0].endswith("/new/")]
    assert len(forms) > 10
    for path in forms:
        page.goto(path)
        form = page.locator("main form[method=post]").last
        for field in form.locator("input[type=text], input[type=number], textarea").all():
            if field.is_visible():
                field.fill("")
        page.submit(form.locator("button[type=submit]").last)
        assert page.locator(".errorlist, .message-error").count() > 0, path
