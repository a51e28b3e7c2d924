import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.accounts.roles import Role, role_of

pytestmark = pytest.mark.django_db


def edit(client: Client, user, **overrides: str):
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": role_of(user).value,
    }
    data.update(overrides)
    return client.post(reverse("accounts-users-edit", args=[user.pk]), data)


def test_it_changes_the_role(client: Client, admin_user, editor) -> None:
    client.force_login(admin_user)
    edit(client, editor, role="Viewer")
    assert role_of(editor) == Role.VIEWER


def test_the_last_administrator_cannot_be_demoted(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    response = edit(client, admin_user, role="Editor")
    assert "Mindestens ein aktiver Administrator muss bleiben." in response.text
    assert role_of(admin_user) == Role.ADMINISTRATOR


def test_an_unknown_user_is_404(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    assert client.get(reverse("accounts-users-edit", args=[999999])).status_code == 404
