import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from vendorwatch.accounts.models import PasswordResetRequest
from vendorwatch.accounts.password_reset import (
    LIMIT_PER_ADDRESS,
    LIMIT_PER_EMAIL,
    password_reset_requests_process,
)
from vendorwatch.jobs.outbox import outbox_send_due

pytestmark = pytest.mark.django_db
URL = reverse("accounts-password-reset")
CALM = "Bitte versuchen Sie es in einer Stunde noch einmal."


def ask(email: str, address: str = "198.51.100.7"):
    return Client(REMOTE_ADDR=address).post(URL, {"email": email})


def without_tokens(html: bytes) -> str:
    """The page without its CSRF tokens, which differ on every response."""
    return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", html.decode())


def test_three_requests_for_one_address_in_an_hour_are_answered(editor) -> None:
    responses = [ask(editor.email, f"198.51.100.{n}") for n in range(LIMIT_PER_EMAIL)]
    assert [r.status_code for r in responses] == [302, 302, 302]


def test_the_fourth_request_for_one_account_is_refused_calmly(editor) -> None:
    for n in range(LIMIT_PER_EMAIL):
        ask(editor.email, f"198.51.100.{n}")
    response = ask(editor.email, "203.0.113.50")
    assert response.status_code == 429
    assert CALM in response.text


def test_an_unknown_address_is_limited_exactly_like_a_known_one(editor) -> None:
    for n in range(LIMIT_PER_EMAIL):
        ask(editor.email, f"198.51.100.{n}")
        ask("nobody@example.com", f"192.0.2.{n}")
    known = ask(editor.email, "203.0.113.50")
    unknown = ask("nobody@example.com", "203.0.113.51")
    assert known.status_code == unknown.status_code == 429
    known_page = without_tokens(known.content).replace(editor.email, "ADDRESS")
    assert known_page == without_tokens(unknown.content).replace("nobody@example.com", "ADDRESS")


def test_a_refused_request_sends_nothing(editor) -> None:
    for n in range(LIMIT_PER_EMAIL + 2):
        ask(editor.email, f"198.51.100.{n}")
    password_reset_requests_process()
    outbox_send_due()
    assert len(mail.outbox) == LIMIT_PER_EMAIL
    assert PasswordResetRequest.objects.count() == LIMIT_PER_EMAIL


def test_one_client_address_is_limited_across_accounts() -> None:
    for n in range(LIMIT_PER_ADDRESS):
        assert ask(f"person{n}@example.com").status_code == 302
    assert ask("someone.else@example.com").status_code == 429


def test_another_client_address_is_not_held_back_by_the_first() -> None:
    for n in range(LIMIT_PER_ADDRESS):
        ask(f"person{n}@example.com", "198.51.100.7")
    assert ask("someone.else@example.com", "198.51.100.8").status_code == 302


def test_behind_a_proxy_the_limit_is_per_client_not_per_proxy(settings) -> None:
    settings.PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    for n in range(LIMIT_PER_ADDRESS):
        proxy.post(URL, {"email": f"p{n}@example.com"}, HTTP_X_FORWARDED_FOR="203.0.113.9")
    other = proxy.post(URL, {"email": "x@example.com"}, HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert other.status_code == 302


def test_the_limit_ends_after_an_hour(editor, time_machine) -> None:
    time_machine.move_to("2026-11-27 10:00Z")
    for n in range(LIMIT_PER_EMAIL):
        ask(editor.email, f"198.51.100.{n}")
    time_machine.move_to("2026-11-27 11:01Z")
    assert ask(editor.email).status_code == 302


def test_the_refusal_is_shown_in_english_on_request(editor) -> None:
    client = Client(REMOTE_ADDR="198.51.100.7")
    client.post(reverse("web-language"), {"language": "en", "next": "/"})
    for _n in range(LIMIT_PER_EMAIL):
        client.post(URL, {"email": editor.email})
    response = client.post(URL, {"email": editor.email})
    assert "Please try again in an hour." in response.text
