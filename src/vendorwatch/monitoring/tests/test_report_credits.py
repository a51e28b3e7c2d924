"""Service credits per calendar month: only the contracts running then, and the fee of a month
the period covers only in part prorated by the days it covers. Worked out by hand.

SLA "SLA Brandl": 5 % credit per ticket with a missed time, cap 20 %. Three tickets missed
their response time on 02., 03. and 04.11.2026, so November earns 3 × 5 % = 15 %.

- whole November, fee 1.200,00 €: 15 % of 1.200,00 € = 180,00 €
- 01.–10.11. (10 of 30 days): 15 % of 1.200,00 € × 10/30 = 60,00 €
- 15.10.–10.11. with one more miss on 15.10.: October 17 of 31 days, 5 % of 1.200,00 € ×
  17/31 = 32,903… → 32,90 €; November 60,00 €; together 92,90 €
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from vendorwatch.contracts.models import Contract
from vendorwatch.monitoring import report as figures
from vendorwatch.monitoring.tests.report_factory import make_setup, make_ticket

pytestmark = pytest.mark.django_db

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
FIRST_TEN_DAYS = (date(2026, 11, 1), date(2026, 11, 10))


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def setup() -> tuple[Any, Any, Any]:
    provider, policy, job = make_setup()
    for day in (2, 3, 4):
        make_ticket(job, f"2026-11-{day:02d} 09:00", response_met=False)
    return provider, policy, job


def contract(provider: Any, policy: Any, fee: str, start: date, **fields: Any) -> Contract:
    return Contract.objects.create(
        provider=provider,
        title=f"Vertrag ab {start:%d.%m.%Y}",
        start_date=start,
        fee=Decimal(fee),
        sla_policy=policy,
        **fields,
    )


def fixed_term(months: int) -> dict[str, Any]:
    return {
        "minimum_term_amount": months,
        "minimum_term_unit": "months",
        "after_minimum_term": Contract.AfterMinimum.ENDS,
    }


def test_a_part_of_a_month_prorates_the_fee_by_the_days_covered(setup: Any) -> None:
    provider, policy, _job = setup
    contract(provider, policy, "1200.00", date(2026, 1, 1))
    credits = figures.sla_report(provider, *FIRST_TEN_DAYS).credits
    [line] = credits.lines
    assert line.text == (
        "3 breaches × 5\xa0% = 15\xa0% (cap 20\xa0%) → 15\xa0% of 1,200.00\xa0€ × 10/30 days "
        "= 60.00\xa0€"
    )
    assert credits.total == Decimal("60.00")


def test_a_part_of_a_month_says_which_days_it_covers(setup: Any) -> None:
    provider, policy, _job = setup
    contract(provider, policy, "1200.00", date(2026, 1, 1))
    [line] = figures.sla_report(provider, *FIRST_TEN_DAYS).credits.lines
    assert line.heading == (
        "November 2026 (only 01.11.2026 – 10.11.2026: 10 of 30 days), SLA Brandl version 1"
    )


def test_the_prorated_computation_reads_in_german(setup: Any) -> None:
    provider, policy, _job = setup
    contract(provider, policy, "1200.00", date(2026, 1, 1))
    with translation.override("de"):
        [line] = figures.sla_report(provider, *FIRST_TEN_DAYS).credits.lines
        assert (line.heading, line.text) == (
            "November 2026 (nur 01.11.2026 – 10.11.2026: 10 von 30 Tagen), SLA Brandl Fassung 1",
            "3 Verstöße × 5\xa0% = 15\xa0% (Obergrenze 20\xa0%) → 15\xa0% von 1.200,00\xa0€ "
            "× 10/30 Tage = 60,00\xa0€",
        )


def test_a_whole_month_takes_the_whole_fee_and_says_nothing_of_days(setup: Any) -> None:
    provider, policy, _job = setup
    contract(provider, policy, "1200.00", date(2026, 1, 1))
    [line] = figures.sla_report(provider, *NOVEMBER).credits.lines
    assert (line.partial, line.amount) == (False, Decimal("180.00"))
    assert "days" not in line.text and "days" not in line.heading


def test_both_ends_of_a_longer_period_are_prorated(setup: Any) -> None:
    provider, policy, job = setup
    contract(provider, policy, "1200.00", date(2026, 1, 1))
    make_ticket(job, "2026-10-15 09:00", response_met=False)
    credits = figures.sla_report(provider, date(2026, 10, 15), date(2026, 11, 10)).credits
    assert [(line.month, line.days, line.month_days, line.amount) for line in credits.lines] == [
        (date(2026, 10, 1), 17, 31, Decimal("32.90")),
        (date(2026, 11, 1), 10, 30, Decimal("60.00")),
    ]
    assert credits.total == Decimal("92.90")


def test_without_a_fee_a_part_of_a_month_still_says_its_days(setup: Any) -> None:
    provider, _policy, _job = setup
    [line] = figures.sla_report(provider, *FIRST_TEN_DAYS).credits.lines
    assert line.text == (
        "3 breaches × 5\xa0% = 15\xa0% (cap 20\xa0%) of the monthly fee × 10/30 days; no fee "
        "is entered for the provider's contracts"
    )


def test_a_contract_that_ended_before_the_month_is_left_out(setup: Any) -> None:
    """The old contract ran 01.01.–31.12.2025 at 1.200,00 €; the new one from 01.01.2026 at
    900,00 €: November 2026 owes 15 % of 900,00 € = 135,00 €."""
    provider, policy, _job = setup
    contract(provider, policy, "1200.00", date(2025, 1, 1), **fixed_term(12))
    contract(provider, policy, "900.00", date(2026, 1, 1))
    [line] = figures.sla_report(provider, *NOVEMBER).credits.lines
    assert (line.fee, line.amount) == (Decimal("900.00"), Decimal("135.00"))


def test_a_contract_that_ends_during_the_month_still_counts(setup: Any) -> None:
    """Twelve months from 16.11.2025 end on 15.11.2026: it ran in half of November."""
    provider, policy, _job = setup
    contract(provider, policy, "1200.00", date(2025, 11, 16), **fixed_term(12))
    [line] = figures.sla_report(provider, *NOVEMBER).credits.lines
    assert line.amount == Decimal("180.00")


def test_a_contract_starting_after_the_days_covered_is_left_out(setup: Any) -> None:
    """01.–10.11.: the contract from 20.11. does not run yet; only 1.200,00 € count."""
    provider, policy, _job = setup
    contract(provider, policy, "1200.00", date(2026, 1, 1))
    contract(provider, policy, "600.00", date(2026, 11, 20))
    [line] = figures.sla_report(provider, *FIRST_TEN_DAYS).credits.lines
    assert (line.fee, line.amount) == (Decimal("1200.00"), Decimal("60.00"))


def test_contracts_naming_no_sla_count_only_while_they_run(setup: Any) -> None:
    """No contract names the SLA: the fees of all contracts running in November count,
    189,00 €, not the 500,00 € of the one that ended in 2025; 15 % = 28,35 €."""
    provider, _policy, _job = setup
    contract(provider, None, "500.00", date(2025, 1, 1), **fixed_term(12))
    contract(provider, None, "189.00", date(2026, 1, 1))
    [line] = figures.sla_report(provider, *NOVEMBER).credits.lines
    assert (line.fee, line.all_contracts, line.amount) == (
        Decimal("189.00"),
        True,
        Decimal("28.35"),
    )
