import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_asks_before_deactivating(client: Client, admin_user, editor) -> None:
    client.force_login(admin_user)
    response = client.get(reverse("accounts-users-deactivate", args=[editor.pk]))
    editor.refresh_from_db()
    assert "kann sich dann nicht mehr anmelden" in response.text
    assert editor.is_active


def test_it_deactivates_on_confirmation(client: Client, admin_user, editor) -> None:
    client.force_login(admin_user)
    client.post(reverse("accounts-users-deactivate", args=[editor.pk]))
    editor.refresh_from_db()
    assert not editor.is_active


def test_it_reactivates(client: Client, admin_user, editor) -> None:
    editor.is_active = False
    editor.save()
    client.force_login(admin_user)
    client.post(reverse("accounts-users-activate", args=[editor.pk]))
    editor.refresh_from_db()
    assert editor.is_active


def test_the_last_administrator_cannot_be_deactivated(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    client.post(reverse("accounts-users-deactivate", args=[admin_user.pk]))
    admin_user.refresh_from_db()
    assert admin_user.is_active
