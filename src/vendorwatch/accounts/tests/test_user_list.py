import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.testing.factory import make_user

pytestmark = pytest.mark.django_db
URL = reverse("accounts-users")


def test_it_lists_users_with_their_roles(client: Client, admin_user, viewer) -> None:
    client.force_login(admin_user)
    response = client.get(URL)
    assert viewer.username in response.text
    assert "Leser" in response.text


def test_an_editor_may_not_see_it(client: Client, editor) -> None:
    client.force_login(editor)
    assert client.get(URL).status_code == 403


def test_it_pages_long_lists(client: Client, admin_user) -> None:
    for _n in range(30):
        make_user()
    client.force_login(admin_user)
    response = client.get(URL)
    assert "Seite 1 von 2" in response.text
