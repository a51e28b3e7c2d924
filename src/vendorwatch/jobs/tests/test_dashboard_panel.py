from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vendorwatch.jobs.models import OutboxMessage, RunnerHeartbeat
from vendorwatch.jobs.outbox import outbox_enqueue

pytestmark = pytest.mark.django_db
URL = reverse("web-dashboard")
FAILED_URL = reverse("jobs-failed-emails")


def fail_one() -> None:
    message = outbox_enqueue(to=["a@example.com"], subject="Erinnerung", body="Text")
    OutboxMessage.objects.filter(pk=message.pk).update(failed_at=timezone.now(), attempts=10)


def test_an_administrator_is_told_how_many_emails_failed(client: Client, admin_user) -> None:
    fail_one()
    fail_one()
    client.force_login(admin_user)
    text = client.get(URL).text
    assert "2 E-Mails konnten auch nach mehreren Versuchen nicht gesendet werden" in text
    assert FAILED_URL in text


def test_a_viewer_is_not_told_about_failed_emails(client: Client, viewer) -> None:
    fail_one()
    client.force_login(viewer)
    assert FAILED_URL not in client.get(URL).text


def test_nothing_is_shown_while_all_is_well(client: Client, admin_user) -> None:
    RunnerHeartbeat.objects.create(
        name="web1", started_at=timezone.now(), last_seen_at=timezone.now()
    )
    client.force_login(admin_user)
    assert 'id="jobs-panel-heading"' not in client.get(URL).text


def test_an_administrator_is_told_when_the_background_service_stopped(
    client: Client, admin_user
) -> None:
    seen = timezone.now() - timedelta(minutes=20)
    RunnerHeartbeat.objects.create(name="web1", started_at=seen, last_seen_at=seen)
    client.force_login(admin_user)
    text = client.get(URL).text
    assert "Erinnerungen, Eskalationen und E-Mails ruhen" in text
