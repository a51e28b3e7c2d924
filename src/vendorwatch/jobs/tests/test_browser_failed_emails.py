"""An administrator finds a failed e-mail from the dashboard and sends it again."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from vendorwatch.jobs.models import OutboxMessage, RunnerHeartbeat
from vendorwatch.jobs.outbox import MAX_ATTEMPTS, outbox_enqueue, outbox_send_due
from vendorwatch.testing.browser import CheckedPage, login_in_browser
from vendorwatch.testing.factory import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_sends_a_failed_email_again(
    page: CheckedPage, admin_user, smtp_server
) -> None:
    now = timezone.now()
    RunnerHeartbeat.objects.create(name="web1", started_at=now, last_seen_at=now)
    message = outbox_enqueue(
        to=["buchhaltung@example.com"], subject="Kündigungsfrist in 30 Tagen", body="Text"
    )
    OutboxMessage.objects.filter(pk=message.pk).update(
        failed_at=now, attempts=MAX_ATTEMPTS, last_error="451 4.3.0 Mailbox busy"
    )
    login_in_browser(page, admin_user.username, PASSWORD)
    page.get_by_role("link", name="Ansehen und erneut senden").click()
    page.check()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "E-Mails, die nicht gesendet werden konnten"
    )
    expect(page.get_by_text("4.3.0 Mailbox busy")).to_be_visible()
    page.get_by_role("button", name="„Kündigungsfrist in 30 Tagen“ erneut senden").click()
    page.check()
    expect(page.get_by_text("wird gleich noch einmal gesendet")).to_be_visible()
    expect(page.get_by_text("Keine E-Mail ist gescheitert.")).to_be_visible()
    assert outbox_send_due() == 1
    assert smtp_server.inbox.subjects == ["Kündigungsfrist in 30 Tagen"]
