"""The report's figures against values worked out by hand.

November 2026, SLA "SLA Brandl" (P1–P4, 5 % credit per breach, cap 20 %), seven tickets:

    ticket  prio  created            response   resolved   resolution  missed
    G       P3    01.11. 00:00       missed     yes        missed      yes (counts once)
    A       P1    02.11. 09:00       met        yes        met
    B       P1    03.11. 10:00       met        yes        missed      yes
    C       P2    04.11. 11:00       missed     yes        met         yes
    D       P2    05.11. 12:00       met        open       –
    E       P2    06.11. 13:00       no verdict open       –
    F       P3    30.11. 23:59       met        yes        met

    P1: 2 tickets, response 2 of 2 = 100.00 %, closed 2, resolution 1 of 2 = 50.00 %
    P2: 3 tickets, response 1 of 2 = 50.00 %, closed 1, resolution 1 of 1 = 100.00 %
    P3: 2 tickets, response 1 of 2 = 50.00 %, closed 2, resolution 1 of 2 = 50.00 %
    P4: 0 tickets, – and –
    all: 7 tickets, response 4 of 6 = 66.67 %, closed 5, resolution 3 of 5 = 60.00 %,
         3 tickets with a missed time

Left out: 31.10. 23:59 and 01.12. 00:00 (outside, Berlin time), an earlier version of a
ticket (not current) and another provider's ticket.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from vendorwatch.contracts.models import Contract
from vendorwatch.monitoring import report as figures
from vendorwatch.monitoring.models import ExternalTicket, ImportJob
from vendorwatch.monitoring.tests.report_factory import local, make_job, make_setup, make_ticket
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db

NOVEMBER = (date(2026, 11, 1), date(2026, 11, 30))
MET = {"response_met": True, "resolved": "2026-11-20 10:00", "resolution_met": True}


@pytest.fixture(autouse=True)
def english() -> Any:
    with translation.override("en"):
        yield


@pytest.fixture
def november() -> Any:
    provider, policy, job = make_setup()
    missed_both = {"response_met": False, "resolved": "2026-11-20 10:00", "resolution_met": False}
    make_ticket(job, "2026-11-01 00:00", 3, ticket_id="G", **missed_both)
    make_ticket(job, "2026-11-02 09:00", 1, ticket_id="A", **MET)
    make_ticket(job, "2026-11-03 10:00", 1, ticket_id="B", **(MET | {"resolution_met": False}))
    make_ticket(job, "2026-11-04 11:00", 2, ticket_id="C", **(MET | {"response_met": False}))
    make_ticket(job, "2026-11-05 12:00", 2, ticket_id="D", response_met=True)
    make_ticket(job, "2026-11-06 13:00", 2, ticket_id="E")
    make_ticket(job, "2026-11-30 23:59", 3, ticket_id="F", **MET)
    make_ticket(job, "2026-10-31 23:59", 1, ticket_id="before", **missed_both)
    make_ticket(job, "2026-12-01 00:00", 1, ticket_id="after", **missed_both)
    make_ticket(job, "2026-11-10 09:00", 1, ticket_id="old version", current=False, **missed_both)
    other = make_provider(name="Andere GmbH")
    make_ticket(make_job(other, policy), "2026-11-10 09:00", 1, ticket_id="X", **missed_both)
    return provider


def counts(row: figures.Figures) -> tuple[Any, ...]:
    return (
        row.tickets,
        row.response_met,
        row.response_decided,
        row.response_percent,
        row.closed,
        row.resolution_met,
        row.resolution_decided,
        row.resolution_percent,
        row.breached,
    )


def test_each_priority_is_counted_as_worked_out_by_hand(november: Any) -> None:
    report = figures.sla_report(november, *NOVEMBER)
    assert [counts(row) for row in report.priorities] == [
        (2, 2, 2, Decimal("100.00"), 2, 1, 2, Decimal("50.00"), 1),
        (3, 1, 2, Decimal("50.00"), 1, 1, 1, Decimal("100.00"), 1),
        (2, 1, 2, Decimal("50.00"), 2, 1, 2, Decimal("50.00"), 1),
        (0, 0, 0, None, 0, 0, 0, None, 0),
    ]


def test_the_total_is_counted_as_worked_out_by_hand(november: Any) -> None:
    report = figures.sla_report(november, *NOVEMBER)
    assert counts(report.total) == (7, 4, 6, Decimal("66.67"), 5, 3, 5, Decimal("60.00"), 3)


def test_priorities_are_named_by_the_sla(november: Any) -> None:
    report = figures.sla_report(november, *NOVEMBER)
    assert [row.label for row in report.priorities] == [
        "P1 Kritisch",
        "P2 Hoch",
        "P3 Mittel",
        "P4 Niedrig",
    ]


def test_tickets_on_the_first_and_last_minute_of_the_period_count(november: Any) -> None:
    ids = set(figures.sla_report(november, *NOVEMBER).tickets.values_list("ticket_id", flat=True))
    assert ids == {"A", "B", "C", "D", "E", "F", "G"}


def test_a_one_day_period_counts_that_day_only(november: Any) -> None:
    report = figures.sla_report(november, date(2026, 11, 30), date(2026, 11, 30))
    assert report.total.tickets == 1


def test_an_empty_period_has_no_percentages_and_no_alarm() -> None:
    provider, _policy, _job = make_setup()
    report = figures.sla_report(provider, *NOVEMBER)
    assert (report.total.tickets, report.total.response_percent, report.state) == (0, None, "empty")


def test_tickets_without_any_verdict_yet_are_not_an_alarm() -> None:
    provider, _policy, job = make_setup()
    make_ticket(job, "2026-11-02 09:00")
    assert figures.sla_report(provider, *NOVEMBER).state == "open"


def test_every_time_kept_is_green() -> None:
    provider, _policy, job = make_setup()
    make_ticket(job, "2026-11-02 09:00", **MET)
    assert figures.sla_report(provider, *NOVEMBER).state == "green"


def test_below_95_percent_is_red(november: Any) -> None:
    assert figures.sla_report(november, *NOVEMBER).state == "red"


def test_one_miss_in_twenty_is_amber() -> None:
    provider, _policy, job = make_setup()
    for day in range(2, 22):
        make_ticket(job, f"2026-11-{day:02d} 09:00", **MET)
    make_ticket(job, "2026-11-23 09:00", **(MET | {"resolution_met": False}))
    report = figures.sla_report(provider, *NOVEMBER)
    assert (report.total.resolution_percent, report.state) == (Decimal("95.24"), "amber")


def test_percentages_round_half_up() -> None:
    assert figures.percent(1, 32) == Decimal("3.13")  # 3.125
    assert figures.percent(2, 3) == Decimal("66.67")


def test_the_trend_shows_twelve_months_up_to_the_periods_last(november: Any) -> None:
    trend = figures.sla_report(november, *NOVEMBER).trend
    assert [(p.month, p.tickets) for p in trend[-2:]] == [
        (date(2026, 10, 1), 1),
        (date(2026, 11, 1), 7),
    ]
    assert (len(trend), trend[0].month) == (12, date(2025, 12, 1))


def test_the_trend_has_each_months_percentages(november: Any) -> None:
    trend = figures.sla_report(november, *NOVEMBER).trend
    assert [(p.response_percent, p.resolution_percent) for p in trend[-2:]] == [
        (Decimal("0.00"), Decimal("0.00")),
        (Decimal("66.67"), Decimal("60.00")),
    ]
    assert trend[0].response_percent is None


def test_volumes_per_category_most_first() -> None:
    provider, _policy, job = make_setup()
    make_ticket(job, "2026-11-02 09:00", category="Drucker")
    make_ticket(job, "2026-11-03 09:00", category="E-Mail", response_met=False)
    make_ticket(job, "2026-11-04 09:00", category="E-Mail")
    make_ticket(job, "2026-11-05 09:00")
    rows = figures.sla_report(provider, *NOVEMBER).categories
    assert [(r.name, r.tickets, r.breached) for r in rows] == [
        ("E-Mail", 2, 1),
        ("(no category)", 1, 0),
        ("Drucker", 1, 0),
    ]


def test_the_breached_tickets_are_listed_in_order_of_creation(november: Any) -> None:
    report = figures.sla_report(november, *NOVEMBER)
    assert [t.ticket_id for t in report.breaches()[:10]] == ["G", "B", "C"]


def test_a_breach_of_both_times_is_named_as_such(november: Any) -> None:
    report = figures.sla_report(november, *NOVEMBER)
    rows = figures.ticket_rows(report.breaches(), report.row_priorities(), explain=False)
    assert [(r.ticket.ticket_id, r.missed) for r in rows] == [
        ("G", "response and resolution"),
        ("B", "resolution"),
        ("C", "response"),
    ]


def fee_contract(provider: Any, policy: Any, fee: str = "1200.00", **fields: Any) -> Contract:
    return Contract.objects.create(
        provider=provider,
        title="IT-Betreuung",
        start_date=date(2026, 1, 1),
        fee=Decimal(fee),
        sla_policy=policy,
        **fields,
    )


def three_breaches(job: Any) -> None:
    for day in (2, 3, 4):
        make_ticket(job, f"2026-11-{day:02d} 09:00", response_met=False)


def test_credits_are_breaches_times_the_rate_of_the_monthly_fee() -> None:
    provider, policy, job = make_setup()
    fee_contract(provider, policy)
    three_breaches(job)
    credits = figures.sla_report(provider, *NOVEMBER).credits
    assert [line.text for line in credits.lines] == [
        "3 breaches × 5\xa0% = 15\xa0% (cap 20\xa0%) → 15\xa0% of 1,200.00\xa0€ = 180.00\xa0€"
    ]
    assert credits.total == Decimal("180.00")


def test_credits_stop_at_the_cap() -> None:
    provider, policy, job = make_setup()
    version = policy.latest_version
    version.credit_cap_percent = Decimal("10")
    version.save()
    fee_contract(provider, policy)
    three_breaches(job)
    credits = figures.sla_report(provider, *NOVEMBER).credits
    assert [line.text for line in credits.lines] == [
        "3 breaches × 5\xa0% = 15\xa0%, cap 10\xa0% → 10\xa0% of 1,200.00\xa0€ = 120.00\xa0€"
    ]
    assert credits.total == Decimal("120.00")


def test_the_credit_computation_reads_in_german() -> None:
    provider, policy, job = make_setup()
    policy.versions.update(credit_cap_percent=Decimal("10"))
    fee_contract(provider, policy)
    three_breaches(job)
    with translation.override("de"):
        line = figures.sla_report(provider, *NOVEMBER).credits.lines[0]
        assert (line.heading, line.text) == (
            "November 2026, SLA Brandl Fassung 1",
            "3 Verstöße × 5\xa0% = 15\xa0%, Obergrenze 10\xa0% → 10\xa0% von 1.200,00\xa0€ "
            "= 120,00\xa0€",
        )


def test_a_yearly_fee_counts_by_the_month() -> None:
    provider, policy, job = make_setup()
    fee_contract(provider, policy, fee="14400.00", fee_period=Contract.FeePeriod.YEAR)
    three_breaches(job)
    assert figures.sla_report(provider, *NOVEMBER).credits.total == Decimal("180.00")


def test_credits_are_worked_out_per_month_of_a_longer_period() -> None:
    provider, policy, job = make_setup()
    fee_contract(provider, policy)
    three_breaches(job)
    make_ticket(job, "2026-10-15 09:00", response_met=False)
    credits = figures.sla_report(provider, date(2026, 10, 1), date(2026, 11, 30)).credits
    assert [(line.month, line.breaches, line.amount) for line in credits.lines] == [
        (date(2026, 10, 1), 1, Decimal("60.00")),
        (date(2026, 11, 1), 3, Decimal("180.00")),
    ]
    assert credits.total == Decimal("240.00")


def test_without_a_fee_the_credit_is_a_share_only() -> None:
    provider, _policy, job = make_setup()
    three_breaches(job)
    credits = figures.sla_report(provider, *NOVEMBER).credits
    assert (credits.total, credits.fee_missing) == (None, True)
    assert "no fee is entered" in credits.lines[0].text


def test_an_sla_without_a_credit_rule_owes_nothing() -> None:
    provider, policy, job = make_setup()
    policy.versions.update(credit_percent_per_breach=0, credit_cap_percent=0)
    three_breaches(job)
    credits = figures.sla_report(provider, *NOVEMBER).credits
    assert (credits.lines, credits.without_rule) == ([], ["SLA Brandl v1"])


def test_the_fee_of_the_contract_naming_the_sla_is_used() -> None:
    provider, policy, job = make_setup()
    fee_contract(provider, policy)
    fee_contract(provider, None, fee="189.00")
    three_breaches(job)
    assert figures.sla_report(provider, *NOVEMBER).credits.total == Decimal("180.00")


def test_the_summary_says_what_was_kept(november: Any) -> None:
    assert figures.sla_report(november, *NOVEMBER).summary == (
        "Response times kept: 66.67\xa0% (4 of 6). "
        "Resolution times kept: 60.00\xa0% (3 of 5 closed tickets)."
    )


def test_a_disagreement_is_explained_with_the_due_time_and_the_verdicts() -> None:
    provider, _policy, job = make_setup()
    make_ticket(
        job,
        "2026-10-23 16:00",
        2,
        ticket_id="4711",
        first_response="2026-10-23 16:30",
        response_due="2026-10-26 08:00",
        response_seconds=1800,
        response_met=True,
        resolved="2026-10-26 10:00",
        resolution_due="2026-10-26 15:00",
        resolution_seconds=3 * 3600,
        resolution_met=True,
        provider_resolution_met=False,
        provider_verdict="SLA verletzt",
        disagrees=True,
    )
    report = figures.sla_report(provider, date(2026, 10, 1), date(2026, 10, 31))
    rows = figures.ticket_rows(report.disagreements(), report.row_priorities(), explain=True)
    assert rows[0].lines == [
        "P2 resolution: 8 h business time → due 26.10.2026 15:00, resolved "
        "26.10.2026 10:00 (3:00 h business time): met"
    ]
    assert (rows[0].provider_says, rows[0].we_say) == ("missed", "met")


def test_a_ticket_still_open_past_its_resolution_time_missed_it() -> None:
    provider, _policy, job = make_setup()
    make_ticket(job, "2026-11-02 09:00", ticket_id="late", response_met=True, resolution_met=False)
    report = figures.sla_report(provider, *NOVEMBER)
    assert (report.total.breached, report.total.open_overdue) == (1, 1)
    assert report.total.resolution_percent is None  # open: not in the percentage
    assert report.state == "amber"


def test_an_open_ticket_past_its_time_earns_a_credit() -> None:
    provider, policy, job = make_setup()
    fee_contract(provider, policy)
    make_ticket(job, "2026-11-02 09:00", response_met=True, resolution_met=False)
    assert figures.sla_report(provider, *NOVEMBER).credits.total == Decimal("60.00")


def test_a_period_of_parts_of_two_months_counts_only_its_days(november: Any) -> None:
    report = figures.sla_report(november, date(2026, 10, 31), date(2026, 11, 2))
    ids = {t.ticket_id for t in report.tickets}
    assert (report.total.tickets, ids) == (3, {"before", "G", "A"})


def write_directly(job: Any, created: str) -> None:
    """A ticket written without an import (and without telling the report)."""
    ExternalTicket.objects.create(
        provider=job.provider,
        job=job,
        current=True,
        row=1,
        ticket_id="direct",
        created=local(created),
        priority_rank=1,
    )


def test_a_counted_month_is_kept_until_the_next_import() -> None:
    provider, _policy, job = make_setup()
    make_ticket(job, "2026-11-02 09:00", **MET)
    figures.sla_report(provider, *NOVEMBER)
    write_directly(job, "2026-11-03 09:00")
    assert figures.sla_report(provider, *NOVEMBER).total.tickets == 1


def test_a_new_import_counts_the_month_again() -> None:
    provider, policy, job = make_setup()
    make_ticket(job, "2026-11-02 09:00", **MET)
    figures.sla_report(provider, *NOVEMBER)
    write_directly(make_job(provider, policy), "2026-11-03 09:00")
    assert figures.sla_report(provider, *NOVEMBER).total.tickets == 2


def test_an_undone_import_counts_the_month_again() -> None:
    provider, _policy, job = make_setup()
    make_ticket(job, "2026-11-02 09:00", **MET)
    figures.sla_report(provider, *NOVEMBER)
    ExternalTicket.objects.filter(job=job).update(current=False)
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.UNDONE)
    assert figures.sla_report(provider, *NOVEMBER).total.tickets == 0


def test_a_period_of_centuries_counts_only_the_months_with_tickets(november: Any) -> None:
    report = figures.sla_report(november, date(1900, 1, 1), date(2199, 12, 31))
    assert report.total.tickets == 9  # every current ticket of the provider
    assert [(line.month, line.breaches) for line in report.credits.lines] == [
        (date(2026, 10, 1), 1),
        (date(2026, 11, 1), 3),
        (date(2026, 12, 1), 1),
    ]


def test_a_long_period_is_counted_a_year_at_a_time(november: Any) -> None:
    job = november.ticket_imports.get()
    make_ticket(job, "2024-03-05 09:00", 1, ticket_id="early", **MET)
    report = figures.sla_report(november, date(2024, 1, 1), date(2026, 12, 31))
    assert report.total.tickets == 10


def test_a_resolution_without_a_first_response_is_explained_as_the_response() -> None:
    provider, _policy, job = make_setup()
    make_ticket(
        job,
        "2026-11-02 09:00",
        2,
        response_due="2026-11-02 10:00",
        response_seconds=2 * 3600,
        response_met=False,
        resolved="2026-11-02 11:00",
        provider_response_met=True,
        disagrees=True,
    )
    report = figures.sla_report(provider, *NOVEMBER)
    rows = figures.ticket_rows(report.disagreements()[:1], report.row_priorities(), explain=True)
    assert rows[0].lines == [
        "P2 response: 1 h business time → due 02.11.2026 10:00, no first response recorded, "
        "the resolution 02.11.2026 11:00 counts as one (2:00 h business time): missed"
    ]
