from datetime import date

import pytest

from vendorwatch.problems.evidence import sla_summary
from vendorwatch.problems.models import ClockState, Problem
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


def test_it_counts_problems_and_breaches_in_the_period(time_machine) -> None:
    time_machine.move_to("2026-11-27 12:00Z")
    provider = make_provider()
    make_problem("2026-11-23 09:00+01:00", provider=provider)
    breached = make_problem("2026-11-24 09:00+01:00", provider=provider)
    Problem.objects.filter(pk=breached.pk).update(breached=True)
    make_problem("2026-10-01 09:00+02:00", provider=provider)
    Problem.objects.exclude(pk=breached.pk).update(breached=False, state=ClockState.MET)
    summary = sla_summary(provider=provider, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert summary == {"problems": 2, "breaches": 1, "compliance_percent": 50.0}


def test_without_problems_there_is_no_compliance_figure() -> None:
    summary = sla_summary(provider=make_provider(), start=date(2026, 1, 1), end=date(2026, 3, 31))
    assert summary == {"problems": 0, "breaches": 0, "compliance_percent": None}


def test_problems_without_an_sla_verdict_are_not_counted_as_kept(time_machine) -> None:
    time_machine.move_to("2026-11-27 12:00Z")
    provider = make_provider()
    judged = make_problem("2026-11-23 09:00+01:00", provider=provider)
    unjudged = make_problem("2026-11-24 09:00+01:00", provider=provider)
    Problem.objects.filter(pk=judged.pk).update(breached=True)
    Problem.objects.filter(pk=unjudged.pk).update(sla_policy=None, state=ClockState.NO_SLA)
    summary = sla_summary(provider=provider, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert summary == {"problems": 1, "breaches": 1, "compliance_percent": 0.0}


def test_problems_whose_clock_cannot_be_computed_are_not_counted(time_machine) -> None:
    time_machine.move_to("2026-11-27 12:00Z")
    provider = make_provider()
    make_problem("2026-11-23 09:00+01:00", provider=provider)
    broken = make_problem("2026-11-24 09:00+01:00", provider=provider)
    Problem.objects.filter(pk=broken.pk).update(state=ClockState.INVALID, breached=False)
    Problem.objects.exclude(pk=broken.pk).update(breached=False, state=ClockState.MET)
    summary = sla_summary(provider=provider, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert summary == {"problems": 1, "breaches": 0, "compliance_percent": 100.0}


def test_open_problems_whose_clock_still_runs_are_not_counted_as_kept(time_machine) -> None:
    time_machine.move_to("2026-11-23 10:00+01:00")
    provider = make_provider()
    make_problem("2026-11-23 09:00+01:00", provider=provider)  # open, response clock running
    summary = sla_summary(provider=provider, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert summary == {"problems": 0, "breaches": 0, "compliance_percent": None}


def test_an_open_problem_already_past_its_deadline_counts_as_missed(time_machine) -> None:
    time_machine.move_to("2026-11-27 12:00+01:00")
    provider = make_provider()
    make_problem("2026-11-23 09:00+01:00", provider=provider)  # never answered
    summary = sla_summary(provider=provider, start=date(2026, 11, 1), end=date(2026, 11, 30))
    assert summary == {"problems": 1, "breaches": 1, "compliance_percent": 0.0}
