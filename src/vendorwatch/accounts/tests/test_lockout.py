"""Failed log-ins lock a user name from one address only, also behind a reverse proxy."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from vendorwatch.accounts.password_reset import password_reset_requests_process
from vendorwatch.jobs.outbox import outbox_send_due
from vendorwatch.testing.factory import PASSWORD

pytestmark = pytest.mark.django_db
ATTACKER = "203.0.113.9"
USER = "198.51.100.7"


@pytest.fixture
def behind_proxy(settings) -> None:
    settings.PROXY_COUNT = 1


def via_proxy(client_address: str) -> Client:
    """A browser at client_address whose requests reach the app through nginx on 127.0.0.1."""
    return Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=client_address)


def login(client: Client, username: str, password: str):
    return client.post(reverse("accounts-login"), {"username": username, "password": password})


def fail_five_times(client: Client, username: str) -> None:
    for _attempt in range(5):
        login(client, username, "wrong")


def test_behind_a_proxy_an_attacker_cannot_lock_the_user_out(behind_proxy, admin_user) -> None:
    fail_five_times(via_proxy(ATTACKER), admin_user.username)
    assert login(via_proxy(USER), admin_user.username, PASSWORD).status_code == 302


def test_behind_a_proxy_the_attacker_is_locked_out(behind_proxy, admin_user) -> None:
    attacker = via_proxy(ATTACKER)
    fail_five_times(attacker, admin_user.username)
    assert login(attacker, admin_user.username, PASSWORD).status_code == 429


def test_a_forged_header_does_not_get_around_the_lock(behind_proxy, admin_user) -> None:
    # nginx appends the real address; what the attacker wrote before it is not believed.
    for forged in ("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"):
        login(via_proxy(f"{forged}, {ATTACKER}"), admin_user.username, "wrong")
    response = login(via_proxy(f"192.0.2.6, {ATTACKER}"), admin_user.username, PASSWORD)
    assert response.status_code == 429


def test_the_lock_is_for_user_name_and_address_together(editor, viewer) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    fail_five_times(attacker, editor.username)
    assert login(attacker, editor.username, PASSWORD).status_code == 429
    assert login(Client(REMOTE_ADDR=ATTACKER), viewer.username, PASSWORD).status_code == 302
    assert login(Client(REMOTE_ADDR=USER), editor.username, PASSWORD).status_code == 302


def test_the_locked_page_offers_a_password_reset(editor) -> None:
    client = Client(REMOTE_ADDR=USER)
    fail_five_times(client, editor.username)
    response = login(client, editor.username, PASSWORD)
    assert reverse("accounts-password-reset") in response.text


def test_a_locked_user_can_reset_the_password_and_log_in_again(editor) -> None:
    client = Client(REMOTE_ADDR=USER)
    fail_five_times(client, editor.username)
    response = client.post(reverse("accounts-password-reset"), {"email": editor.email})
    assert response.status_code == 302
    password_reset_requests_process()
    outbox_send_due()
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    new = "ein ganz neues Passwort 2026"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert login(client, editor.username, new).status_code == 302


def test_the_locked_page_names_the_configured_wait(settings, editor) -> None:
    settings.AXES_COOLOFF_TIME = timedelta(minutes=30)
    client = Client(REMOTE_ADDR=USER)
    fail_five_times(client, editor.username)
    assert "Bitte warten Sie 30 Minuten" in login(client, editor.username, PASSWORD).text
