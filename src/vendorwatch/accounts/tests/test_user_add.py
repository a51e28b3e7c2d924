from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vendorwatch.accounts.roles import Role, role_of
from vendorwatch.jobs.outbox import outbox_send_due

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
    outbox_send_due()
    assert mail.outbox[0].to == ["nina@example.com"]
    assert "nina.neu" in mail.outbox[0].body


def test_with_smtp_down_the_user_is_created_and_invited_once_it_is_back(
    client: Client, admin_user, smtp_server
) -> None:
    smtp_server.stop()
    client.force_login(admin_user)
    response = client.post(URL, form())
    assert response.status_code == 302
    assert User.objects.filter(username="nina.neu").exists()
    assert outbox_send_due() == 0  # the runner tries while the server is still down
    smtp_server.start()
    assert outbox_send_due(now=timezone.now() + timedelta(minutes=2)) == 1
    assert [str(m["To"]) for m in smtp_server.inbox.messages] == ["nina@example.com"]
    assert "nina.neu" in smtp_server.inbox.messages[0].get_content()


def test_the_invitation_link_lets_the_new_user_choose_a_password(
    client: Client, admin_user
) -> None:
    client.force_login(admin_user)
    client.post(URL, form())
    outbox_send_due()
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password-reset/" in line)
    newcomer = Client()
    form_page = newcomer.get(link, follow=True)
    secret = "Werkstatt-Halle-2026"
    choose = {"new_password1": secret, "new_password2": secret}
    newcomer.post(form_page.redirect_chain[-1][0], choose)
    assert User.objects.get(username="nina.neu").check_password(secret)


def test_with_password_the_user_can_log_in(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    secret = "Werkstatt-Halle-2026"
    client.post(URL, form(password1=secret, password2=secret))
    assert User.objects.get(username="nina.neu").check_password(secret)


def test_with_password_no_invitation_is_sent(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    secret = "Werkstatt-Halle-2026"
    client.post(URL, form(password1=secret, password2=secret))
    outbox_send_due()
    assert mail.outbox == []


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


def test_the_roles_are_described_in_the_language_of_the_page(client, admin_user) -> None:
    client.force_login(admin_user)
    client.cookies["vendorwatch_language"] = "en"
    response = client.get(reverse("accounts-users-add"))
    assert "Everything, including users and company settings." in response.text
