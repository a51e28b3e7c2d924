"""The demo: the provider's own export of the last 13 months, imported and checked by the
engine, fills the report of the last full month and its trend."""

from __future__ import annotations

from typing import Any

import pytest

from vendorwatch.accounts.demo import load_users
from vendorwatch.contracts.demo import load_contracts
from vendorwatch.demo import DemoContext
from vendorwatch.expectations.demo import load_expectations
from vendorwatch.monitoring import report as figures
from vendorwatch.monitoring.demo import FILE_NAME, load_ticket_export
from vendorwatch.monitoring.models import ExternalTicket, ImportJob, ReportRecipient
from vendorwatch.organisation.demo import load_organisation
from vendorwatch.providers.demo import load_providers
from vendorwatch.sla.demo import load_sla, load_sla_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings: Any, tmp_path: Any, time_machine: Any) -> Any:
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    time_machine.move_to("2026-12-04 11:00+01:00", tick=False)
    loaders = (
        load_users,
        load_organisation,
        load_providers,
        load_sla,
        load_expectations,
        load_sla_policy,
        load_contracts,
        load_ticket_export,
    )
    for _run in range(2):
        context = DemoContext()
        for load in loaders:
            load(context)
    return ImportJob.objects.get(file_name=FILE_NAME)


def test_the_export_is_imported_once_as_a_finished_import(demo: Any) -> None:
    assert demo.state == ImportJob.State.DONE
    assert ExternalTicket.objects.in_force().count() == demo.imported > 300


def test_every_ticket_was_checked_by_the_engine(demo: Any) -> None:
    tickets = ExternalTicket.objects.in_force()
    assert not tickets.filter(sla_version__isnull=True).exists()
    assert not tickets.filter(response_due__isnull=True).exists()


def test_the_last_full_month_has_a_report(demo: Any) -> None:
    report = figures.sla_report(demo.provider, *figures.last_full_month())
    assert report.total.tickets > 20
    assert report.total.response_percent is not None
    assert report.total.resolution_percent is not None


def test_the_trend_covers_the_year_the_sla_holds(demo: Any) -> None:
    trend = figures.monthly_trend(demo.provider, figures.last_full_month()[1])
    assert all(point.response_percent is not None for point in trend[1:])


def test_one_month_went_badly(demo: Any) -> None:
    trend = figures.monthly_trend(demo.provider, figures.last_full_month()[1])
    worst = min(trend[1:], key=lambda p: p.resolution_percent or 100)
    assert worst.month.month == 9 and worst.resolution_percent is not None
    assert worst.resolution_percent < figures.RED_BELOW


def test_the_provider_claims_some_late_tickets_as_kept(demo: Any) -> None:
    wrong = ExternalTicket.objects.in_force().filter(disagrees=True)
    assert wrong.exists()
    assert wrong.filter(provider_met=True).exists()


def test_the_demo_administrator_gets_the_monthly_email(demo: Any) -> None:
    assert ReportRecipient.objects.filter(user__username="admin").count() == 1
