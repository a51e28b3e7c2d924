import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_every_page_forbids_inline_scripts_and_styles(client: Client) -> None:
    policy = client.get("/login/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_pages_may_not_be_framed(client: Client) -> None:
    assert client.get("/login/")["X-Frame-Options"] == "DENY"


def test_templates_have_no_inline_script_or_style(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    for path in ("/", "/settings/", "/settings/users/", "/login/"):
        text = client.get(path).text
        assert "<style" not in text
        assert " style=" not in text
        assert "<script>" not in text
