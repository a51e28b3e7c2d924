import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_sends_a_reset_link_by_email(client: Client, editor) -> None:
    client.post(reverse("accounts-password-reset"), {"email": editor.email})
    assert len(mail.outbox) == 1
    assert "/password-reset/" in mail.outbox[0].body


def test_it_does_not_reveal_unknown_addresses(client: Client) -> None:
    response = client.post(reverse("accounts-password-reset"), {"email": "nobody@example.com"})
    assert response["Location"] == reverse("accounts-password-reset-sent")
    assert mail.outbox == []


def test_the_link_sets_a_new_password(client: Client, editor) -> None:
    client.post(reverse("accounts-password-reset"), {"email": editor.email})
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    form_page = client.get(link, follow=True)
    new = "ein ganz neues Passwort 2026"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    editor.refresh_from_db()
    assert editor.check_password(new)
