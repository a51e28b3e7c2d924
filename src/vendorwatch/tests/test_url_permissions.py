"""Every URL of the application, enumerated: anonymous visitors are sent to the login page
(the API answers 401 instead), a viewer cannot change anything anywhere, and neither can a
read-only token or a viewer's read-and-write token in the API."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from vendorwatch.api.models import ApiToken

# Pages that must work without an account.
PUBLIC = {
    "accounts-login",
    "accounts-password-reset",
    "accounts-password-reset-sent",
    "accounts-password-reset-confirm",
    "accounts-password-reset-done",
    "web-healthz",
    "web-favicon",
    "web-language",
    # Calendar programs cannot log in: the secret token in the address is the permission.
    "contracts-calendar-feed",
    # Employees answer feedback by a signed one-time link: the link is the permission.
    "feedback-rate",
    "feedback-answer",
    "feedback-thanks",
}
# A viewer may post here: these change only the viewer's own session or password.
VIEWER_MAY_POST = {
    "accounts-logout",
    "accounts-password-change",
    "accounts-password-reset",
    "accounts-password-reset-confirm",
    "web-language",
    # A viewer who is also an employee answers by the link in their e-mail.
    "feedback-rate",
    "feedback-answer",
    # Each user's own API tokens (a viewer's token can only read).
    "api-tokens-add",
    "api-tokens-revoke",
}
SAMPLE = {"int": "1", "str": "x", "slug": "x", "uuid": "00000000-0000-0000-0000-000000000001"}


def all_patterns(
    patterns: list[Any] | None = None, prefix: str = ""
) -> Iterator[tuple[str, str | None]]:
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from all_patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route, entry.name


def sample_path(route: str) -> str:
    path = re.sub(r"<(?:(\w+):)?\w+>", lambda match: SAMPLE[match.group(1) or "str"], route)
    return "/" + path.lstrip("^").rstrip("$")


PATTERNS = sorted(set(all_patterns()))
# The API answers programs: 401 as JSON instead of the login page. Its documentation is a
# page like the others.
API = {name for route, name in PATTERNS if route.startswith("api/")} - {"api-docs"}
API_PATTERNS = [p for p in PATTERNS if p[1] in API]
WRITES = ("post", "put", "patch", "delete")


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "axes."))
    }


def test_every_url_has_a_name() -> None:
    assert [route for route, name in PATTERNS if not name] == []


def test_the_exemptions_name_real_urls() -> None:
    names = {name for _route, name in PATTERNS}
    assert (PUBLIC | VIEWER_MAY_POST) - names == set()


@pytest.mark.parametrize(("route", "name"), PATTERNS)
@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page(route: str, name: str) -> None:
    response = Client().get(sample_path(route))
    if name in API:
        assert_api_refusal(response, 401)
    elif name in PUBLIC:
        assert response.status_code != 403
        assert "/login/" not in response.get("Location", "")
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize(("route", "name"), [p for p in PATTERNS if p[1] not in PUBLIC])
@pytest.mark.django_db
def test_anonymous_visitors_cannot_post(route: str, name: str) -> None:
    response = Client().post(sample_path(route), {"name": "x"})
    if name in API:
        assert_api_refusal(response, 401)
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")


def assert_api_refusal(response: Any, *statuses: int) -> None:
    """An answer of the API that refuses: JSON in its error shape, never the login page."""
    assert response.status_code in statuses, response.status_code
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == response.status_code
    assert "Location" not in response


@pytest.mark.parametrize(("route", "name"), API_PATTERNS)
@pytest.mark.django_db
def test_the_api_asks_for_a_token_whatever_the_method(route: str, name: str) -> None:
    client = APIClient()
    for method in WRITES:
        assert_api_refusal(getattr(client, method)(sample_path(route), {}, format="json"), 401)


def token_client(user: Any, scope: str) -> APIClient:
    _row, token = ApiToken.issue(user, "test", scope)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.mark.parametrize(("route", "name"), API_PATTERNS)
@pytest.mark.django_db
def test_a_read_token_cannot_change_anything(route: str, name: str, admin_user: Any) -> None:
    client = token_client(admin_user, "read")
    before = counts()
    for method in WRITES:
        response = getattr(client, method)(sample_path(route), {"name": "x"}, format="json")
        assert_api_refusal(response, 403, 405)
    assert counts() == before


@pytest.mark.parametrize(("route", "name"), API_PATTERNS)
@pytest.mark.django_db
def test_a_viewers_write_token_cannot_change_anything(route: str, name: str, viewer: Any) -> None:
    client = token_client(viewer, "write")
    before = counts()
    for method in WRITES:
        response = getattr(client, method)(sample_path(route), {"name": "x"}, format="json")
        assert_api_refusal(response, 403, 405)
    assert counts() == before


@pytest.mark.parametrize(("route", "name"), [p for p in PATTERNS if p[1] not in VIEWER_MAY_POST])
@pytest.mark.django_db
def test_a_viewer_cannot_change_anything(route: str, name: str, viewer: Any) -> None:
    client = Client()
    client.force_login(viewer)
    before = counts()
    for method in (client.post, client.put, client.patch, client.delete):
        response = method(sample_path(route), {"name": "x", "pk": "1"})
        assert response.status_code in (403, 405), (method.__name__, response.status_code)
    assert counts() == before


@pytest.mark.parametrize(("route", "name"), PATTERNS)
@pytest.mark.django_db
def test_no_page_fails_for_an_administrator(route: str, name: str, admin_user: Any) -> None:
    client = Client()
    client.force_login(admin_user)
    response = client.get(sample_path(route))
    assert response.status_code < 500
