import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("web-settings")


def test_administrators_see_the_user_management_link(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    assert reverse("accounts-users") in client.get(URL).text


def test_others_are_told_who_manages_users(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.get(URL)
    assert reverse("accounts-users") not in response.text
    assert "Nur Administratoren verwalten Benutzer." in response.text
