"""Every error under /api/ that DRF answers is JSON of one shape, in the client's language."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from vendorwatch.api.models import ApiToken
from vendorwatch.testing.factory import make_provider


def shape_of(response: Any) -> tuple[int, str]:
    body = response.json()
    assert response["Content-Type"] == "application/json"
    assert set(body) >= {"status", "code", "detail"} and body["detail"]
    assert body["status"] == response.status_code
    return response.status_code, body["code"]


def test_without_a_token_the_api_asks_for_one(db: None) -> None:
    response = APIClient().get("/api/v1/providers/")
    assert shape_of(response) == (401, "not_authenticated")
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_a_revoked_token_is_refused(editor) -> None:
    row, token = ApiToken.issue(editor, "alt", "write")
    ApiToken.objects.filter(pk=row.pk).update(revoked_at="2026-01-01T00:00:00Z")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert shape_of(client.get("/api/v1/providers/")) == (401, "authentication_failed")


def test_a_session_is_not_enough_for_the_api(client, editor) -> None:
    client.force_login(editor)
    response = client.get("/api/v1/providers/")
    assert shape_of(response) == (401, "not_authenticated")


def test_invalid_values_are_named_per_field(writer) -> None:
    response = writer.post("/api/v1/providers/", {"status": "bankrupt"}, format="json")
    assert shape_of(response) == (400, "invalid")
    assert set(response.json()["fields"]) == {"name", "status"}


def test_a_body_that_is_not_json_is_a_parse_error(writer) -> None:
    response = writer.post("/api/v1/providers/", "{name", content_type="application/json")
    assert shape_of(response) == (400, "parse_error")


def test_a_read_token_is_told_why_it_may_not_write(reader) -> None:
    response = reader.post("/api/v1/providers/", {"name": "x"}, format="json")
    assert shape_of(response) == (403, "permission_denied")
    assert "nur lesen" in response.json()["detail"]


def test_a_viewer_is_told_that_the_role_only_reads(viewer_writer) -> None:
    response = viewer_writer.post("/api/v1/providers/", {"name": "x"}, format="json")
    assert shape_of(response) == (403, "permission_denied")
    assert "Rolle" in response.json()["detail"]


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/api/v1/providers/999999/", (404, "not_found")),
        ("get", "/api/v1/problems/999999/events/", (404, "not_found")),
        ("delete", "/api/v1/problems/1/", (405, "method_not_allowed")),
        ("post", "/api/v1/tickets/", (405, "method_not_allowed")),
    ],
)
def test_errors_of_addresses_and_methods_are_json(writer, method, path, expected) -> None:
    assert shape_of(getattr(writer, method)(path)) == expected


def test_a_form_encoded_body_is_an_unsupported_media_type(writer) -> None:
    response = writer.post(
        "/api/v1/providers/", "name=x", content_type="application/x-www-form-urlencoded"
    )
    assert shape_of(response) == (415, "unsupported_media_type")


def test_an_unknown_filter_value_is_a_field_error(writer) -> None:
    response = writer.get("/api/v1/problems/?provider=999999&reported_after=gestern")
    assert shape_of(response) == (400, "invalid")
    assert set(response.json()["fields"]) == {"provider", "reported_after"}


@pytest.mark.parametrize("value", ["99999999999999999999999", "\x00", "²"])
def test_odd_filter_values_never_fail(writer, value) -> None:
    for query in ("provider", "priority_rank", "ticket_id", "created_after"):
        response = writer.get("/api/v1/tickets/", {query: value})
        assert response.status_code in (200, 400)


def test_messages_follow_accept_language(writer) -> None:
    response = writer.get("/api/v1/providers/999999/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["detail"] == "Not found."
    assert response["Content-Language"] == "en"


def test_messages_are_german_by_default(writer) -> None:
    response = writer.get("/api/v1/providers/999999/")
    assert response.json()["detail"] == "Nicht gefunden."
    assert response["Content-Language"] == "de"


def test_field_messages_follow_accept_language(writer) -> None:
    make_provider(name="Brandl IT GmbH")
    response = writer.post(
        "/api/v1/providers/", {"name": "Brandl IT GmbH"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.json()["fields"]["name"] == ["Provider with this Name already exists."]
