from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.costs import monthly_costs
from vendorwatch.contracts.demo import invoiced_months, last_quarter
from vendorwatch.contracts.models import Certificate, Contract, ContractReview, HoursQuota, Invoice
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.demo import load_demo

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-09-28 10:00 +0200", tick=False)
def test_the_dashboard_warns_too_late_for_the_post(client: Client, viewer) -> None:
    nrw()
    make_contract(title="Betreuung")
    client.force_login(viewer)
    client.cookies["vendorwatch_language"] = "en"
    text = client.get(reverse("web-dashboard")).text
    assert "Too late for the post" in text
    assert "Betreuung" in text


def test_the_demo_loads_twice_without_duplicates() -> None:
    load_demo()
    load_demo()
    managed = Contract.objects.get(number="BR-2023-0815")
    assert managed.start_date.isoformat() == "2024-01-01"
    assert Invoice.objects.filter(contract=managed).count() == 12
    assert Contract.objects.filter(kind=Contract.Kind.TELEPHONY).count() == 1


@pytest.mark.parametrize("today", ["2026-12-06", "2027-01-02", "2027-03-31"])
def test_the_demo_looks_like_a_company_in_use_on_the_day_it_is_loaded(today: str) -> None:
    with time_machine.travel(f"{today} 10:00 +0100", tick=False):
        load_demo()
    day = date.fromisoformat(today)
    costs = monthly_costs(day.year)
    invoiced = [month for month, amount in enumerate(costs, start=1) if amount]
    # This year's months have their invoices, up to the latest one whose date has come.
    assert invoiced == [m.month for m in invoiced_months(day) if m.year == day.year]
    assert len(invoiced_months(day)) == 12 and invoiced_months(day)[-1] <= day
    quota = HoursQuota.objects.get()
    assert quota.bought_on <= day < quota.expires_on
    review = ContractReview.objects.get()
    assert review.period_end < day and review.reviewed_on <= day
    assert Certificate.objects.get().valid_until > day


def test_the_last_quarter_is_the_last_full_one_before_the_day() -> None:
    assert last_quarter(date(2026, 12, 6)) == (date(2026, 7, 1), date(2026, 9, 30))
    assert last_quarter(date(2026, 10, 1)) == (date(2026, 7, 1), date(2026, 9, 30))
    assert last_quarter(date(2027, 1, 2)) == (date(2026, 10, 1), date(2026, 12, 31))


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_dashboard_lists_certificates_expiring_soon_or_expired_lately(
    client: Client, viewer
) -> None:
    contract = make_contract(title="Betreuung")
    for name, until in [
        ("Bald", date(2026, 7, 10)),
        ("Kürzlich", date(2026, 4, 1)),
        ("Längst", date(2025, 12, 1)),
        ("Später", date(2026, 10, 1)),
    ]:
        Certificate.objects.create(contract=contract, name=name, valid_until=until)
    client.force_login(viewer)
    text = client.get(reverse("web-dashboard")).text
    assert "Bald" in text and "Kürzlich" in text
    assert "Längst" not in text and "Später" not in text
    assert "in den letzten 90 Tagen abgelaufen" in text
