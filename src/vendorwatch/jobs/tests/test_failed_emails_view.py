from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import MAX_ATTEMPTS, outbox_enqueue

pytestmark = pytest.mark.django_db
URL = reverse("jobs-failed-emails")


def failed(subject: str = "Einladung zu Vendorwatch", **fields) -> OutboxMessage:
    message = outbox_enqueue(
        to=["nina@example.com"], subject=subject, body=fields.pop("body", "Text")
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        failed_at=timezone.now(),
        attempts=MAX_ATTEMPTS,
        last_error="451 4.3.0 Please try again later",
        **fields,
    )
    return message


def test_an_administrator_sees_a_failed_email_with_its_last_error(client: Client, admin_user):
    failed()
    client.force_login(admin_user)
    text = client.get(URL).text
    assert "Einladung zu Vendorwatch" in text
    assert "nina@example.com" in text
    assert "4.3.0 Please try again later" in text


def test_the_text_of_a_failed_email_is_not_shown(client: Client, admin_user) -> None:
    failed(body="https://vw.example.de/reset/MQ/secret-token/")
    client.force_login(admin_user)
    assert "secret-token" not in client.get(URL).text


def test_sent_and_waiting_emails_are_not_listed(client: Client, admin_user) -> None:
    outbox_enqueue(to=["a@example.com"], subject="Wartet noch", body="Text")
    sent = outbox_enqueue(to=["a@example.com"], subject="Ist raus", body="Text")
    OutboxMessage.objects.filter(pk=sent.pk).update(sent_at=timezone.now())
    client.force_login(admin_user)
    text = client.get(URL).text
    assert "Wartet noch" not in text
    assert "Ist raus" not in text


def test_without_failed_emails_it_says_so(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    assert "Keine E-Mail ist gescheitert." in client.get(URL).text


def test_a_viewer_may_not_see_failed_emails(client: Client, viewer) -> None:
    failed()
    client.force_login(viewer)
    response = client.get(URL)
    assert response.status_code == 403
    assert "nina@example.com" not in response.text


def test_an_editor_may_not_see_failed_emails(client: Client, editor) -> None:
    client.force_login(editor)
    assert client.get(URL).status_code == 403


def test_send_again_puts_the_email_back_in_the_queue(client: Client, admin_user) -> None:
    message = failed()
    client.force_login(admin_user)
    response = client.post(reverse("jobs-email-retry", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.failed_at, message.attempts) == (None, 0)
    assert message.send_after <= timezone.now()


def test_send_again_says_so(client: Client, admin_user) -> None:
    message = failed()
    client.force_login(admin_user)
    response = client.post(reverse("jobs-email-retry", args=[message.pk]), follow=True)
    assert "wird gleich noch einmal gesendet" in response.text


def test_send_again_ignores_an_email_that_did_not_fail(client: Client, admin_user) -> None:
    message = outbox_enqueue(to=["a@example.com"], subject="Wartet", body="Text")
    client.force_login(admin_user)
    assert client.post(reverse("jobs-email-retry", args=[message.pk])).status_code == 404


def test_send_all_again_puts_every_failed_email_back(client: Client, admin_user) -> None:
    failed("Erste")
    failed("Zweite", created_at=timezone.now() - timedelta(days=1))
    client.force_login(admin_user)
    client.post(reverse("jobs-email-retry-all"))
    assert not OutboxMessage.objects.filter(failed_at__isnull=False).exists()


def test_an_editor_cannot_send_again(client: Client, editor) -> None:
    message = failed()
    client.force_login(editor)
    assert client.post(reverse("jobs-email-retry", args=[message.pk])).status_code == 403
    message.refresh_from_db()
    assert message.failed_at is not None


def test_the_settings_page_links_administrators_to_it(client: Client, admin_user) -> None:
    client.force_login(admin_user)
    assert URL in client.get(reverse("web-settings")).text


def test_the_settings_page_does_not_link_viewers_to_it(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert URL not in client.get(reverse("web-settings")).text
