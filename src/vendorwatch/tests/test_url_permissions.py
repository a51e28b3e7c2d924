"""Every URL of the application, enumerated: anonymous visitors are sent to the login page,
and a viewer cannot change anything anywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

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
    if name in PUBLIC:
        assert response.status_code != 403
        assert "/login/" not in response.get("Location", "")
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize(("route", "name"), [p for p in PATTERNS if p[1] not in PUBLIC])
@pytest.mark.django_db
def test_anonymous_visitors_cannot_post(route: str, name: str) -> None:
    response = Client().post(sample_path(route), {"name": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


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
