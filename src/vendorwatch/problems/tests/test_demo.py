from datetime import datetime

import pytest

from vendorwatch.accounts.demo import load_users
from vendorwatch.demo import DemoContext
from vendorwatch.expectations.demo import load_expectations
from vendorwatch.problems.demo import PROBLEMS, load_problems
from vendorwatch.problems.models import EscalationRule, EventKind, Problem
from vendorwatch.problems.services import problems_refresh_open
from vendorwatch.providers.demo import load_providers
from vendorwatch.sla.demo import load_sla, load_sla_policy

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path, time_machine):
    settings.DATA_DIR = tmp_path
    time_machine.move_to("2026-11-25 11:00+01:00", tick=False)
    for _run in range(2):
        context = DemoContext()
        for load in (load_users, load_providers, load_sla, load_expectations, load_sla_policy):
            load(context)
        load_problems(context)


def test_loading_twice_changes_nothing(demo) -> None:
    assert Problem.objects.count() == len(PROBLEMS)
    assert EscalationRule.objects.count() == 3


def test_the_demo_shows_every_kind_of_history(demo) -> None:
    closed = Problem.objects.filter(is_open=False)
    assert closed.filter(breached=False).count() >= 5
    assert closed.filter(breached=True).count() >= 2
    assert Problem.objects.filter(is_open=True, state="paused").count() == 1
    assert Problem.objects.filter(is_open=True, state__in=["on_track", "at_risk"]).count() == 2
    assert Problem.objects.filter(events__kind=EventKind.REOPENED).count() == 1


def test_every_demo_problem_has_a_clock_and_the_owner(demo) -> None:
    assert not Problem.objects.filter(priority__isnull=True).exists()
    assert set(Problem.objects.values_list("owner__username", flat=True)) == {"s.keller"}


def test_the_demo_problem_waiting_on_us_keeps_its_met_response_due(demo) -> None:
    # "Scanner …" was reported Friday 20.11.2026 11:00 (P3: 4 business hours to respond),
    # answered at 13:00 and waits on us since 13:20: the response stays due at 15:00, met.
    problem = Problem.objects.get(title__startswith="Scanner speichert nicht")
    assert problem.reported_to_provider_at == datetime.fromisoformat("2026-11-20 11:00+01:00")
    assert problem.response_due == datetime.fromisoformat("2026-11-20 15:00+01:00")
    assert (problem.response_state, problem.state) == ("met", "paused")


def test_the_demo_problem_keeps_its_due_time_when_the_job_runs_a_week_later(
    demo, time_machine
) -> None:
    later = datetime.fromisoformat("2026-12-02 11:00+01:00")
    time_machine.move_to(later, tick=False)
    problems_refresh_open(now=later)
    problem = Problem.objects.get(title__startswith="Scanner speichert nicht")
    assert problem.response_due == datetime.fromisoformat("2026-11-20 15:00+01:00")
