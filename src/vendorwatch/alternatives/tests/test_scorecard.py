"""The provider scorecard from real records: each part against a hand-worked example, parts
without data left out of the total, the trend and the next step.

Today is Friday 04.12.2026: problems, costs and action items count from 01.01.2026 to today;
the SLA counts the complete months December 2025 to November 2026.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
import time_machine

from vendorwatch.alternatives.scorecard import (
    SLA_FROM_PROBLEMS,
    SLA_FROM_TICKETS,
    component_text,
    provider_scorecard,
    scorecard_light,
    scorecard_trend,
)
from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice
from vendorwatch.core.scoring.scorecard import STEP_EXPECTATIONS, STEP_TALK
from vendorwatch.meetings.models import ActionItem
from vendorwatch.monitoring.tests.report_factory import make_setup, make_ticket
from vendorwatch.problems.models import ClockState, Problem
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 4)
MET = {"response_met": True, "resolved": "2026-11-20 10:00", "resolution_met": True}


@pytest.fixture(autouse=True)
def now() -> Any:
    make_organisation(federal_state="DE-BY")
    with time_machine.travel(datetime(2026, 12, 4, 10, 0, tzinfo=UTC), tick=False):
        yield


def card(provider: Provider) -> Any:
    return provider_scorecard(provider, today=TODAY)


def add_problems(provider: Provider, reported: str, count: int, **columns: Any) -> None:
    """``count`` problems reported on ``reported``, their stored clock columns set (the
    clocks computed on entry would see them as long overdue)."""
    columns.setdefault("breached", False)
    columns.setdefault("state", ClockState.BREACHED if columns["breached"] else ClockState.ON_TRACK)
    for _ in range(count):
        problem = make_problem(reported, provider=provider)
        Problem.objects.filter(pk=problem.pk).update(**columns)


def add_action(provider: Provider, due: date, **fields: Any) -> ActionItem:
    fields.setdefault("side", ActionItem.Side.PROVIDER)
    return ActionItem.objects.create(
        provider=provider, title="Bericht liefern", due_date=due, **fields
    )


def test_sla_from_imported_tickets_40_times_38_kept_is_95_percent_and_75_points() -> None:
    provider, _policy, job = make_setup()
    for number in range(20):  # 20 closed tickets: 40 judged times
        late = number < 2
        make_ticket(job, "2026-11-02 09:00", 2, **(MET | {"response_met": not late}))
    sla = card(provider).component("sla")
    assert sla.score == Decimal("75.0")
    assert (sla.numbers["met"], sla.numbers["judged"]) == (38, 40)
    assert card(provider).sla_source == SLA_FROM_TICKETS


def test_a_ticket_still_open_past_its_time_counts_as_a_missed_time() -> None:
    provider, _policy, job = make_setup()
    for _ in range(9):
        make_ticket(job, "2026-11-02 09:00", 2, response_met=True)  # resolution still open
    make_ticket(job, "2026-11-02 09:00", 2, response_met=True, resolution_met=False)
    sla = card(provider).component("sla")
    assert (sla.numbers["met"], sla.numbers["judged"]) == (10, 11)


def test_tickets_of_the_current_month_wait_for_the_month_to_end() -> None:
    provider, _policy, job = make_setup()
    make_ticket(job, "2026-12-01 09:00", 2, response_met=False)
    assert card(provider).component("sla").score is None


def test_without_tickets_the_sla_comes_from_the_problem_log() -> None:
    provider = make_provider()
    add_problems(provider, "2026-10-05 09:00+02:00", 9, state=ClockState.MET, breached=False)
    add_problems(provider, "2026-10-06 09:00+02:00", 1, breached=True)
    add_problems(provider, "2026-10-07 09:00+02:00", 3)  # no verdict yet
    scorecard = card(provider)
    sla = scorecard.component("sla")
    assert (sla.numbers["met"], sla.numbers["judged"], sla.score) == (9, 10, Decimal("50.0"))
    assert scorecard.sla_source == SLA_FROM_PROBLEMS


def test_breached_problems_of_the_last_12_months_8_with_2_breached_give_75_points() -> None:
    provider = make_provider()
    add_problems(provider, "2026-03-10 09:00+01:00", 6, state=ClockState.MET)
    add_problems(provider, "2026-11-10 09:00+01:00", 2, breached=True)
    add_problems(provider, "2025-11-10 09:00+01:00", 5, breached=True)  # more than 12 months ago
    problems = card(provider).component("problems")
    assert (problems.numbers["problems"], problems.numbers["breached"]) == (8, 2)
    assert problems.score == Decimal("75.0")


def test_cost_10_percent_over_the_contract_gives_50_points() -> None:
    contract = make_contract(fee=Decimal("1000.00"), fee_period=Contract.FeePeriod.MONTH)
    for month in range(1, 13):  # invoices of 1.100 € against 1.000 € a month
        invoice = make_invoice(contract, number=f"RE-{month}", invoice_date=date(2026, month, 3))
        add_line(invoice, None, "1100.00")
    cost = card(contract.provider).component("cost")
    # December is still running on 04.12.: January to November count, 11 × 1.100 € against
    # 11 × 1.000 €.
    assert (cost.numbers["invoiced"], cost.numbers["contracted"]) == (
        Decimal("12100.00"),
        Decimal("11000.00"),
    )
    assert cost.score == Decimal("50.0")


def test_a_yearly_fee_counts_a_twelfth_per_month_from_the_first_invoice() -> None:
    contract = make_contract(fee=Decimal("12000.00"), fee_period=Contract.FeePeriod.YEAR)
    invoice = make_invoice(contract, number="RE-9", invoice_date=date(2026, 9, 1))
    add_line(invoice, None, "3000.00")  # September to November: 3 × 1.000 € contracted
    cost = card(contract.provider).component("cost")
    assert cost.numbers["contracted"] == Decimal("3000.00")
    assert cost.score == Decimal("100.0")


def test_a_yearly_invoice_paid_in_advance_counts_a_twelfth_in_each_month_it_covers() -> None:
    contract = make_contract(fee=Decimal("12000.00"), fee_period=Contract.FeePeriod.YEAR)
    invoice = make_invoice(
        contract,
        number="RE-10",
        invoice_date=date(2026, 10, 1),
        period_start=date(2026, 10, 1),
        period_end=date(2027, 9, 30),
    )
    add_line(invoice, None, "12000.00")
    cost = card(contract.provider).component("cost")
    # October and November are complete: 2 × 1.000 € invoiced against 2 × 1.000 € contracted.
    assert (cost.numbers["invoiced"], cost.numbers["contracted"]) == (
        Decimal("2000.00"),
        Decimal("2000.00"),
    )
    assert cost.score == Decimal("100.0")


def test_a_contract_without_invoices_has_no_cost_score() -> None:
    contract = make_contract(fee=Decimal("1000.00"))
    assert card(contract.provider).component("cost").score is None


def test_action_items_4_open_1_overdue_give_75_points_and_our_own_items_do_not_count() -> None:
    provider = make_provider()
    add_action(provider, date(2026, 12, 3))  # overdue
    for _ in range(3):
        add_action(provider, date(2026, 12, 20))
    add_action(provider, date(2026, 11, 1), status=ActionItem.Status.DONE)
    add_action(provider, date(2026, 11, 1), side=ActionItem.Side.OURS)  # ours, overdue
    actions = card(provider).component("actions")
    assert (actions.numbers["open_items"], actions.numbers["overdue"]) == (4, 1)
    assert actions.score == Decimal("75.0")


def test_parts_without_data_are_left_out_of_the_total_not_counted_as_zero() -> None:
    provider, _policy, job = make_setup()
    for number in range(20):
        make_ticket(job, "2026-11-02 09:00", 2, **(MET | {"response_met": number >= 2}))
    add_action(provider, date(2026, 12, 20))  # one open, none overdue: 100
    scorecard = card(provider)
    # (35 × 75 + 15 × 100) / (35 + 15); satisfaction, cost and problems have no data.
    assert scorecard.total == Decimal("82.5")
    assert scorecard.light == "green"
    assert [c.key for c in scorecard.components if c.score is None] == [
        "satisfaction",
        "cost",
        "problems",
    ]


def test_satisfaction_is_no_data_without_ratings_or_survey_answers() -> None:
    provider = make_provider()
    add_action(provider, date(2026, 12, 20))
    assert card(provider).component("satisfaction").score is None


def test_a_provider_with_nothing_recorded_is_grey_with_no_data_everywhere() -> None:
    scorecard = card(make_provider())
    assert scorecard.total is None
    assert scorecard.light == "grey"
    assert all(component.score is None for component in scorecard.components)
    assert scorecard.next_step.step == STEP_EXPECTATIONS


def test_the_next_step_for_a_green_provider_is_to_keep_talking() -> None:
    provider = make_provider()
    add_action(provider, date(2026, 12, 20))
    assert card(provider).next_step.step == STEP_TALK


def test_the_trend_has_12_months_ending_with_the_current_one() -> None:
    provider = make_provider()
    add_problems(provider, "2026-06-10 09:00+02:00", 4)  # still running, no verdict
    add_problems(provider, "2026-09-10 09:00+02:00", 4, breached=True)
    trend = scorecard_trend(provider, today=TODAY)
    assert [month for month, _total in trend] == [date(2026, m, 1) for m in range(1, 13)]
    totals = [total for _month, total in trend]
    assert totals[:5] == [None] * 5  # nothing before June
    assert totals[5:8] == [Decimal("100.0")] * 3  # 4 problems, none breached
    assert totals[8] == Decimal("50.0")  # 4 of 8 breached
    # From October the SLA (complete months) counts September: 0 of 4 kept, 0 points.
    # (35 × 0 + 15 × 50) / 50 = 15.
    assert totals[9:] == [Decimal("15.0")] * 3
    assert totals[-1] == card(provider).total


def test_the_trend_counts_action_items_as_they_stood_at_each_month_end() -> None:
    provider = make_provider()
    item = add_action(provider, date(2026, 10, 15))
    ActionItem.objects.filter(pk=item.pk).update(
        created_at=datetime(2026, 10, 1, 8, tzinfo=UTC),
        status=ActionItem.Status.DONE,
        closed_at=datetime(2026, 11, 20, 8, tzinfo=UTC),
    )
    totals = dict(scorecard_trend(provider, today=TODAY))
    assert totals[date(2026, 9, 1)] is None  # not recorded yet
    assert totals[date(2026, 10, 1)] == Decimal("0.0")  # open and overdue at 31.10.
    assert totals[date(2026, 11, 1)] == Decimal("100.0")  # done: nothing open


def test_the_computation_is_written_in_german() -> None:
    provider, _policy, job = make_setup()
    for number in range(20):
        make_ticket(job, "2026-11-02 09:00", 2, **(MET | {"response_met": number >= 2}))
    text = component_text(card(provider).component("sla"))
    assert "38" in text and "40" in text and "95" in text and "75" in text


def test_the_light_for_lists_names_colour_and_total() -> None:
    provider = make_provider()
    add_action(provider, date(2026, 12, 20))
    assert scorecard_light(provider, today=TODAY) == "grün, 100 von 100"
    assert scorecard_light(make_provider(), today=TODAY) == "keine Daten"
