import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.testing.factory import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_viewer_can_change_their_own_password(client: Client, viewer) -> None:
    client.force_login(viewer)
    new = "mein neues Passwort 42"
    response = client.post(
        reverse("accounts-password-change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == reverse("accounts-password-change-done")
    viewer.refresh_from_db()
    assert viewer.check_password(new)


def test_a_too_short_password_is_refused_in_german(client: Client, viewer) -> None:
    client.force_login(viewer)
    response = client.post(
        reverse("accounts-password-change"),
        {"old_password": PASSWORD, "new_password1": "kurz", "new_password2": "kurz"},
    )
    assert "Dieses Passwort ist zu kurz" in response.text
