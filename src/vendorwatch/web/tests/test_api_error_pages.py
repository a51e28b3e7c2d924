"""Django's own error answers (no such address, refused, unreadable, too large, failed) are
JSON in the API's shape under /api/, and pages everywhere else."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, RequestFactory

from vendorwatch.web import errors

pytestmark = pytest.mark.django_db


def test_an_unknown_api_address_gets_json_404(client: Client) -> None:
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json() == {"status": 404, "code": "not_found", "detail": "Nicht gefunden."}


def test_the_json_error_speaks_the_chosen_language(client: Client) -> None:
    client.cookies["vendorwatch_language"] = "en"
    response = client.get("/api/v1/no-such-thing/")
    assert response.json()["detail"] == "Not found."


def test_an_unknown_page_still_gets_the_html_404(client: Client, admin_user: Any) -> None:
    client.force_login(admin_user)
    response = client.get("/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_bad_host_header_under_the_api_gets_json_400(client: Client) -> None:
    response = client.get("/api/v1/schema/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_a_refused_change_under_the_api_gets_json_403(client: Client, viewer: Any) -> None:
    client.force_login(viewer)
    response = client.post("/api/v1/schema/", {"name": "x"})
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_a_body_far_over_the_limit_under_the_api_gets_json_413(client: Client) -> None:
    response = client.generic(
        "POST", "/api/v1/schema/", b"{}", "application/json", CONTENT_LENGTH=str(10**10)
    )
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"


def test_a_failure_under_the_api_gets_json_500() -> None:
    request = RequestFactory().get("/api/v1/providers/")
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = errors.server_error(request)
    assert response.status_code == 500
    assert json.loads(response.content) == {
        "status": 500,
        "code": "error",
        "detail": "Ein Serverfehler ist aufgetreten.",
    }
