"""The monthly report e-mail: queued once, on the first business day of the month, from 07:00,
or later that month when the job runner missed the day.

01.01.2027 is a Friday and New Year's Day; the weekend follows: the first business day of
January 2027 is Monday 04.01.2027, that of February Monday 01.02.2027. 01.11.2027 is a Monday
and All Saints' Day, a public holiday in Bavaria but not in Berlin.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.registry import run_due_jobs
from vendorwatch.monitoring import report_mail
from vendorwatch.monitoring.models import ReportRecipient
from vendorwatch.monitoring.report import (
    data_version,
    forget_counted_months,
    months_kept,
    trend_months,
)
from vendorwatch.monitoring.report_mail import (
    first_business_day,
    monthly_reports_queue,
    report_months_count,
)
from vendorwatch.monitoring.tests.report_factory import make_setup, make_ticket
from vendorwatch.testing.factory import make_organisation, make_user

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
MET = {"response_met": True, "resolved": "2026-12-20 10:00", "resolution_met": True}


def at(text: str) -> datetime:
    return datetime.strptime(text, "%d.%m.%Y %H:%M").replace(tzinfo=BERLIN)


@pytest.fixture
def provider() -> Any:
    provider, _policy, job = make_setup()
    make_ticket(job, "2026-12-01 09:00", 1, ticket_id="D-1", **MET)
    make_ticket(job, "2026-12-02 09:00", 2, ticket_id="D-2", **(MET | {"response_met": False}))
    return provider


@pytest.fixture
def recipient(provider: Any) -> Any:
    user = make_user(email="chefin@example.com", first_name="Maria")
    ReportRecipient.objects.create(provider=provider, user=user)
    return user


def queue(when: str) -> int:
    with time_machine.travel(at(when), tick=False):
        return monthly_reports_queue(now=at(when))


def test_the_first_business_day_skips_a_holiday_and_the_weekend(provider: Any) -> None:
    assert first_business_day(2027, 1) == date(2027, 1, 4)


def test_the_first_business_day_follows_the_federal_state(provider: Any) -> None:
    bavaria = first_business_day(2027, 11)
    make_organisation(federal_state="DE-BE")
    assert (bavaria, first_business_day(2027, 11)) == (date(2027, 11, 2), date(2027, 11, 1))


def test_the_report_is_queued_on_the_first_business_day(recipient: Any) -> None:
    assert queue("04.01.2027 08:00") == 1
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == [["chefin@example.com"]]


def test_not_before_seven_in_the_morning(recipient: Any) -> None:
    assert queue("04.01.2027 06:59") == 0


@pytest.mark.parametrize("day", ["01.01.2027 09:00", "02.01.2027 09:00", "03.01.2027 23:59"])
def test_not_before_the_first_business_day(recipient: Any, day: str) -> None:
    assert queue(day) == 0


@pytest.mark.parametrize("day", ["05.01.2027 00:30", "16.01.2027 09:00", "31.01.2027 23:59"])
def test_a_missed_first_business_day_is_caught_up_later_that_month(
    provider: Any, recipient: Any, day: str
) -> None:
    assert queue(day) == 1
    key = OutboxMessage.objects.get().key
    assert key == f"sla-report:{provider.pk}:2026-12:{recipient.pk}"


def test_catching_up_does_not_send_it_twice(recipient: Any) -> None:
    queue("04.01.2027 08:00")
    assert (queue("05.01.2027 09:00"), queue("20.01.2027 09:00")) == (0, 0)
    assert OutboxMessage.objects.count() == 1


def test_the_job_runner_catches_up_after_a_missed_day(recipient: Any) -> None:
    with time_machine.travel(at("07.01.2027 10:00"), tick=False):
        run_due_jobs(now=at("07.01.2027 10:00"))
    assert OutboxMessage.objects.filter(key__startswith="sla-report:").count() == 1


def test_a_month_that_is_over_is_not_caught_up(provider: Any, recipient: Any) -> None:
    """The job runner was down all of January: December's e-mail is not sent in February;
    January's follows on February's first business day."""
    assert queue("01.02.2027 06:59") == 0
    assert queue("01.02.2027 07:00") == 1
    key = OutboxMessage.objects.get().key
    assert key == f"sla-report:{provider.pk}:2027-01:{recipient.pk}"


def test_queued_once_however_often_the_job_runs(recipient: Any) -> None:
    queue("04.01.2027 08:00")
    queue("04.01.2027 09:00")
    assert OutboxMessage.objects.count() == 1


def test_the_key_names_provider_month_and_user(provider: Any, recipient: Any) -> None:
    queue("04.01.2027 08:00")
    message = OutboxMessage.objects.get()
    assert message.key == f"sla-report:{provider.pk}:2026-12:{recipient.pk}"


def test_the_email_gives_the_previous_months_answer_per_priority(recipient: Any) -> None:
    queue("04.01.2027 08:00")
    message = OutboxMessage.objects.get()
    assert message.subject.startswith("SLA-Bericht Dezember 2026, Brandl IT GmbH")
    assert "50,00 %" in message.body  # response: 1 of 2
    assert "P1 Kritisch" in message.body and "P2 Hoch" in message.body


def test_the_email_links_to_the_report_and_its_pdf(
    provider: Any, recipient: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://vw.example.com"
    queue("04.01.2027 08:00")
    body = OutboxMessage.objects.get().body
    query = "?from=01.12.2026&to=31.12.2026"
    assert f"https://vw.example.com/reports/{provider.pk}/{query}" in body
    assert f"https://vw.example.com/reports/{provider.pk}/pdf/{query}" in body


def test_each_recipient_gets_an_email_of_their_own(provider: Any, recipient: Any) -> None:
    other = make_user(email="buero@example.com")
    ReportRecipient.objects.create(provider=provider, user=other)
    assert queue("04.01.2027 08:00") == 2


def test_a_switched_off_account_gets_none(provider: Any, recipient: Any) -> None:
    recipient.is_active = False
    recipient.save()
    assert queue("04.01.2027 08:00") == 0


def test_the_job_runner_queues_it(recipient: Any) -> None:
    with time_machine.travel(at("04.01.2027 08:00"), tick=False):
        assert "monitoring-monthly-sla-reports" in run_due_jobs(now=at("04.01.2027 08:00"))
    assert OutboxMessage.objects.filter(key__startswith="sla-report:").count() == 1


def test_the_months_of_the_report_are_counted_ahead_once_per_import(provider: Any) -> None:
    forget_counted_months()
    assert (
        report_months_count(today=date(2027, 1, 4)),
        report_months_count(today=date(2027, 1, 4)),
    ) == (1, 0)


def test_counted_ahead_months_are_what_the_report_shows(provider: Any) -> None:
    forget_counted_months()
    report_months_count(today=date(2027, 1, 4))
    months = trend_months(date(2026, 12, 31))
    assert months_kept(provider, months, data_version(provider))


def test_one_providers_failure_keeps_the_others_reports(
    provider: Any, recipient: Any, monkeypatch: Any
) -> None:
    other, _policy, _job = make_setup("Andere GmbH", name="SLA Andere")
    ReportRecipient.objects.create(provider=other, user=recipient)
    real = report_mail.report_email

    def failing(target: Any, start: date, end: date) -> tuple[str, str]:
        if target.pk == provider.pk:
            raise ValueError("broken record")
        return real(target, start, end)

    monkeypatch.setattr(report_mail, "report_email", failing)
    assert queue("04.01.2027 08:00") == 1
