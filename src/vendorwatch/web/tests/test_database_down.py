"""While the database cannot be reached, every request gets a calm 503 page (JSON under
/api/) that asks to try again; once the database is back, the next request works."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client, RequestFactory
from django.urls import reverse

from vendorwatch.web import errors

pytestmark = pytest.mark.django_db


@contextmanager
def database_down(error: type[Exception] = OperationalError) -> Iterator[None]:
    """Every query fails as it does when the server is restarted or the connection is lost."""

    def fail(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        raise error("server closed the connection unexpectedly")

    with connection.execute_wrapper(fail):
        yield


@pytest.fixture
def browser(admin_user: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    return client


def test_a_page_gets_503_while_the_database_is_down(browser: Client) -> None:
    with database_down():
        response = browser.get(reverse("web-dashboard"))
    assert response.status_code == 503
    assert "<h1>Vendorwatch ist gerade kurz nicht erreichbar</h1>" in response.text


def test_the_503_page_shows_no_traceback(browser: Client) -> None:
    with database_down():
        response = browser.get(reverse("web-dashboard"))
    assert "Traceback" not in response.text
    assert "OperationalError" not in response.text


def test_the_503_page_asks_to_retry_after_30_seconds(browser: Client) -> None:
    with database_down():
        response = browser.get(reverse("web-dashboard"))
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"


def test_the_503_page_speaks_the_chosen_language(browser: Client) -> None:
    browser.cookies["vendorwatch_language"] = "en"
    with database_down():
        response = browser.get(reverse("web-dashboard"))
    assert "<h1>Vendorwatch is unavailable for a moment</h1>" in response.text
    assert '<html lang="en">' in response.text


def test_a_lost_connection_gets_503_too(browser: Client) -> None:
    with database_down(InterfaceError):
        response = browser.get(reverse("web-dashboard"))
    assert response.status_code == 503


def test_a_form_sent_while_the_database_is_down_gets_503(browser: Client) -> None:
    with database_down():
        response = browser.post(reverse("providers-add"), {"name": "Neu GmbH"})
    assert response.status_code == 503


def test_the_api_answers_json_503_while_the_database_is_down(browser: Client) -> None:
    with database_down():
        response = browser.get("/api/v1/schema/")
    assert response.status_code == 503
    assert response.json()["code"] == "service_unavailable"
    assert response["Retry-After"] == "30"


def test_the_next_request_works_once_the_database_is_back(browser: Client) -> None:
    with database_down():
        browser.get(reverse("web-dashboard"))
    response = browser.get(reverse("web-dashboard"))
    assert response.status_code == 200


def test_other_errors_still_get_the_500_page() -> None:
    request = RequestFactory().get("/")
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = errors.server_error(request)
    assert response.status_code == 500
