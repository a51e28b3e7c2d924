"""The monthly SLA report by e-mail, on the first business day of the month.

On that day (Monday to Friday, not a public holiday of the organisation's federal state),
from 07:00 local time, the hourly job queues one e-mail per chosen recipient and provider
with the previous month's answer and links to the report page and its PDF. Each is queued
under a key naming provider, month and user, so it is queued once however often the job
runs; the outbox sends it and retries while the mail server is down.

When the job runner was not running that morning, the job catches up on its next run on
any later day of the same month. Once that month is over, the previous month's e-mail is
no longer sent (its report is old news; the next month's e-mail follows instead).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from vendorwatch.contracts.models.contract import organisation_subdivision
from vendorwatch.core.deadlines.days import Days
from vendorwatch.feedback.report_section import report_section
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.jobs.outbox import outbox_enqueue
from vendorwatch.jobs.registry import periodic
from vendorwatch.monitoring import report as figures
from vendorwatch.monitoring.models import ImportJob, ReportRecipient
from vendorwatch.providers.models import Provider
from vendorwatch.sla.models import organisation_zone

logger = logging.getLogger(__name__)

JOB = "monitoring-monthly-sla-reports"
COUNT_JOB = "monitoring-sla-report-months"
SEND_FROM = time(7, 0)


def first_business_day(year: int, month: int) -> date:
    days = Days(organisation_subdivision())
    day = date(year, month, 1)
    while not days.is_business_day(day):
        day += timedelta(days=1)
    return day


def mail_key(provider: Provider, month: date, user: User) -> str:
    return f"sla-report:{provider.pk}:{month:%Y-%m}:{user.pk}"


def mail_language() -> str:
    from vendorwatch.organisation.models import Organisation

    organisation = Organisation.load()
    return organisation.document_language if organisation else settings.LANGUAGE_CODE


def report_links(provider: Provider, start: date, end: date) -> dict[str, str]:
    query = f"?from={start:%d.%m.%Y}&to={end:%d.%m.%Y}"
    return {
        "url": settings.SITE_URL + reverse("monitoring-report", args=[provider.pk]) + query,
        "pdf_url": settings.SITE_URL + reverse("monitoring-report-pdf", args=[provider.pk]) + query,
        "recipients_url": settings.SITE_URL + reverse("monitoring-recipients", args=[provider.pk]),
    }


def report_email(provider: Provider, start: date, end: date) -> tuple[str, str]:
    """Subject and text of the report e-mail (call with the mail's language active)."""
    report = figures.sla_report(provider, start, end)
    context: dict[str, Any] = {
        "report": report,
        "feedback_section": report_section(provider, report.start, report.end),
        **report_links(provider, start, end),
    }
    subject = render_to_string("monitoring/report_email_subject.txt", context).strip()
    return subject, render_to_string("monitoring/report_email.txt", context)


def sending_started(local: datetime) -> bool:
    """Whether the previous month's e-mails are due: from 07:00 on the first business day of
    this month, and on every later day of it (to catch up on a missed morning)."""
    today = local.date()
    first = first_business_day(today.year, today.month)
    return today > first or (today == first and local.time() >= SEND_FROM)


def monthly_reports_queue(*, now: datetime) -> int:
    """Queue the previous month's reports not queued yet once they are due; returns how many
    were new."""
    local = now.astimezone(organisation_zone())
    today = local.date()
    if not sending_started(local):
        return 0
    start, end = figures.last_full_month(today)
    queued = 0
    recipients = ReportRecipient.objects.filter(user__is_active=True).exclude(user__email="")
    by_provider: dict[int, list[User]] = {}
    for entry in recipients.select_related("user").order_by("provider", "user"):
        by_provider.setdefault(entry.provider_id, []).append(entry.user)
    for provider in Provider.objects.filter(pk__in=by_provider).order_by("name"):
        waiting = [
            user
            for user in by_provider[provider.pk]
            if not OutboxMessage.objects.filter(key=mail_key(provider, start, user)).exists()
        ]
        if not waiting:
            continue
        try:
            with translation.override(mail_language()):
                subject, body = report_email(provider, start, end)
        except Exception:  # one provider's broken records must not keep the others' reports
            logger.exception("SLA report e-mail of provider %s could not be made", provider.pk)
            continue
        for user in waiting:
            outbox_enqueue(
                to=[user.email],
                subject=subject,
                body=body,
                key=mail_key(provider, start, user),
                related=provider,
            )
            queued += 1
    return queued


@periodic(JOB, every=timedelta(hours=1))
def queue_monthly_reports(now: datetime) -> int:
    return monthly_reports_queue(now=now)


def report_months_count(*, today: date) -> int:
    """Count the months the report pages open with (the 12 up to the last full month, and
    this one) for every provider whose kept counts an import made stale; returns how many
    providers were counted. So the first visitor after an import waits for nothing."""
    _start, end = figures.last_full_month(today)
    months = [*figures.trend_months(end), figures.month_start(today.year, today.month)]
    counted = 0
    providers = Provider.objects.filter(ticket_imports__state=ImportJob.State.DONE).distinct()
    for provider in providers:
        version = figures.data_version(provider)
        if figures.months_kept(provider, months, version):
            continue
        figures.month_groups(provider, months, version)
        counted += 1
    return counted


@periodic(COUNT_JOB, every=timedelta(minutes=1))
def count_report_months(now: datetime) -> int:
    return report_months_count(today=now.astimezone(organisation_zone()).date())
