import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse

from vendorwatch.accounts.roles import Role, role_of

pytestmark = pytest.mark.django_db
URL = reverse("accounts-users-add")


def form(**overrides: str) -> dict[str, str]:
    data = {
        "username": "nina.neu",
        "first_name": "Nina",
        "last_name": "Neu",
        "email": "nina@example.com",
        "role": "Editor",
        "password1": "",
        "password2": "",
    }
    data.update(overrides)
    return data


def test_it_creates_a_user_with_the_chosen_role(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    client.post(URL, form(role="Viewer"))
    assert role_of(User.objects.get(username="nina.neu")) == Role.VIEWER


def test_without_password_it_emails_a_link(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    client.post(URL, form())
    assert mail.outbox[0].to == ["nina@example.com"]
    assert "nina.neu" in mail.outbox[0].body


def test_with_password_the_user_can_log_in(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    secret = "Werkstatt-Halle-2026"
    client.post(URL, form(password1=secret, password2=secret))
    assert User.objects.get(username="nina.neu").check_password(secret)


def test_different_passwords_are_refused_next_to_the_field(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    response = client.post(URL, form(password1="Werkstatt-Halle-2026", password2="anders"))
    assert "Die beiden Passwörter stimmen nicht überein." in response.text
    assert not User.objects.filter(username="nina.neu").exists()


def test_a_taken_email_is_refused(client: Client, admin_user, editor) -> None:
    client.force_login(admin_user)
    response = client.post(URL, form(email=editor.email.upper()))
    assert "Diese E-Mail-Adresse hat bereits ein anderer Benutzer." in response.text


def test_an_editor_may_not_add_users(client: Client, editor) -> None:
    client.force_login(editor)
    assert client.post(URL, form()).status_code == 403
