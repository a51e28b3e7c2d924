import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.testing.factory import PASSWORD

pytestmark = pytest.mark.django_db


def login(client: Client, username: str, password: str):
    return client.post(reverse("accounts-login"), {"username": username, "password": password})


def test_it_logs_in_with_the_right_password(client: Client, editor) -> None:
    response = login(client, editor.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("web-dashboard")


def test_it_shows_an_error_in_german_for_a_wrong_password(client: Client, editor) -> None:
    response = login(client, editor.username, "wrong")
    assert response.status_code == 200
    assert "Beide Felder berücksichtigen die Groß-/Kleinschreibung" in response.text


def test_it_locks_after_five_failures(client: Client, editor) -> None:
    for _attempt in range(5):
        login(client, editor.username, "wrong")
    response = login(client, editor.username, PASSWORD)
    assert response.status_code == 429
    assert "Zu viele Fehlversuche" in response.text


def test_four_failures_do_not_lock(client: Client, editor) -> None:
    for _attempt in range(4):
        login(client, editor.username, "wrong")
    assert login(client, editor.username, PASSWORD).status_code == 302


def test_the_lock_ends_after_the_cool_off(client: Client, editor, time_machine) -> None:
    time_machine.move_to("2026-11-27 10:00Z")
    for _attempt in range(5):
        login(client, editor.username, "wrong")
    time_machine.move_to("2026-11-27 10:16Z")
    assert login(client, editor.username, PASSWORD).status_code == 302


def test_a_deactivated_user_cannot_log_in(client: Client, editor) -> None:
    editor.is_active = False
    editor.save()
    assert login(client, editor.username, PASSWORD).status_code == 200


def test_logout_ends_the_session(client: Client, editor) -> None:
    client.force_login(editor)
    client.post(reverse("accounts-logout"))
    assert client.get(reverse("web-dashboard")).status_code == 302
