from datetime import date, datetime

import pytest

from vendorwatch.problems.models import ClockState, EventKind, Problem, Status
from vendorwatch.problems.services import problem_clock, problem_refresh, problems_refresh_open
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.sla.tests.factory import add_version, make_policy

pytestmark = pytest.mark.django_db
MONDAY_9 = "2026-11-23 09:00+01:00"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def state_at(problem, when: str) -> str:
    return problem_refresh(problem=problem, now=at(when)).state


def test_on_track_just_after_the_report(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9)
    assert state_at(problem, "2026-11-23 09:10+01:00") == ClockState.ON_TRACK


def test_at_risk_at_75_percent_of_the_response_time(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9)
    assert state_at(problem, "2026-11-23 09:45+01:00") == ClockState.AT_RISK


def test_breached_when_no_response_after_the_due_time(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9)
    assert state_at(problem, "2026-11-23 10:01+01:00") == ClockState.BREACHED
    problem.refresh_from_db()
    assert problem.breached and problem.breached_at == at("2026-11-23 10:00+01:00")


def test_not_breached_exactly_at_the_due_time(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9)
    assert state_at(problem, "2026-11-23 10:00+01:00") == ClockState.AT_RISK


def test_response_due_counts_business_hours_only(time_machine) -> None:
    time_machine.move_to("2026-11-23 16:30+01:00", tick=False)
    problem = make_problem("2026-11-23 16:30+01:00")
    assert problem.response_due == at("2026-11-24 08:30+01:00")


def test_met_when_responded_and_resolved_in_time(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9)
    time_machine.move_to("2026-11-23 13:00+01:00", tick=False)
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-23 09:30+01:00")
    add_event(problem, EventKind.RESOLVED, "2026-11-23 12:00+01:00")
    problem.refresh_from_db()
    assert (problem.state, problem.status) == (ClockState.MET, Status.RESOLVED)


def test_waiting_on_us_pauses_the_clock(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9)
    add_event(problem, EventKind.FIRST_RESPONSE, MONDAY_9)
    add_event(problem, EventKind.WAITING_ON_US, MONDAY_9)
    assert state_at(problem, "2026-11-24 16:00+01:00") == ClockState.PAUSED
    problem.refresh_from_db()
    assert problem.status == Status.WAITING_ON_US


def test_resumed_continues_with_the_time_left(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9)
    add_event(problem, EventKind.FIRST_RESPONSE, MONDAY_9)
    time_machine.move_to("2026-11-23 11:00+01:00", tick=False)
    add_event(problem, EventKind.WAITING_ON_US, "2026-11-23 11:00+01:00")
    time_machine.move_to("2026-11-24 08:00+01:00", tick=False)
    add_event(problem, EventKind.RESUMED, "2026-11-24 08:00+01:00")
    problem.refresh_from_db()
    # 2 h used before the pause, 6 h left from Tuesday 08:00.
    assert problem.resolution_due == at("2026-11-24 14:00+01:00")


def test_reopen_continues_the_resolution_clock_where_it_stopped(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9)
    add_event(problem, EventKind.FIRST_RESPONSE, MONDAY_9)
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)
    add_event(problem, EventKind.RESOLVED, "2026-11-23 12:00+01:00")
    time_machine.move_to("2026-11-24 09:00+01:00", tick=False)
    add_event(problem, EventKind.REOPENED, "2026-11-24 09:00+01:00")
    problem.refresh_from_db()
    assert problem.status == Status.IN_PROGRESS and problem.is_open
    # 3 h used before the fix, 5 h left after reopening on Tuesday 09:00.
    assert problem.resolution_due == at("2026-11-24 14:00+01:00")
    assert state_at(problem, "2026-11-24 14:01+01:00") == ClockState.BREACHED


def test_confirmed_closes_the_problem(time_machine) -> None:
    time_machine.move_to("2026-11-23 13:00+01:00", tick=False)
    problem = make_problem(MONDAY_9)
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-23 09:20+01:00")
    add_event(problem, EventKind.RESOLVED, "2026-11-23 11:00+01:00")
    add_event(problem, EventKind.CONFIRMED, "2026-11-23 12:00+01:00")
    problem.refresh_from_db()
    assert (problem.is_open, problem.status, problem.next_due) == (False, Status.CLOSED, None)


def test_a_problem_keeps_the_targets_of_the_version_valid_when_reported(time_machine) -> None:
    time_machine.move_to("2026-11-23 09:00+01:00", tick=False)
    policy = make_policy(valid_from=date(2026, 1, 1))  # P1 response 30 min
    old = make_problem("2026-11-02 09:00+01:00", sla_policy=policy, impact="high", urgency="high")
    add_version(policy, date(2026, 11, 10), p1_response_minutes=15)
    new = make_problem(MONDAY_9, sla_policy=policy, impact="high", urgency="high")
    old.refresh_from_db()
    from vendorwatch.problems.services import problem_refresh as refresh

    refresh(problem=old)
    assert old.response_due == at("2026-11-02 09:30+01:00")
    assert new.response_due == at("2026-11-23 09:15+01:00")
    assert old.sla_version.number == 1 and new.sla_version.number == 2


def test_the_priority_follows_impact_and_urgency(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9, impact="low", urgency="low")
    assert problem.priority.code == "P4"


def test_live_clock_and_stored_columns_agree(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9)
    summary, *_ = problem_clock(problem=problem)
    assert summary.state == problem.state


def test_reopening_does_not_move_the_met_response_due(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9)  # P2: response due 10:00
    time_machine.move_to("2026-11-24 09:00+01:00", tick=False)
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-23 09:30+01:00")
    add_event(problem, EventKind.RESOLVED, "2026-11-23 09:45+01:00")
    add_event(problem, EventKind.REOPENED, "2026-11-24 09:00+01:00")
    problem.refresh_from_db()
    assert (problem.response_due, problem.response_state) == (at("2026-11-23 10:00+01:00"), "met")


def test_the_job_recomputes_closed_problems_marked_for_it(time_machine) -> None:
    time_machine.move_to("2026-11-23 13:00+01:00", tick=False)
    problem = make_problem(MONDAY_9)
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-23 09:30+01:00")
    add_event(problem, EventKind.RESOLVED, "2026-11-23 11:00+01:00")
    add_event(problem, EventKind.CONFIRMED, "2026-11-23 12:00+01:00")
    # As stored before the fix of the clock rules, and marked by the data migration.
    Problem.objects.filter(pk=problem.pk).update(
        response_due=at("2026-11-30 10:00+01:00"), clock_refreshed_at=None
    )
    problems_refresh_open(now=at("2026-11-23 13:00+01:00"))
    problem.refresh_from_db()
    assert problem.response_due == at("2026-11-23 10:00+01:00")
    assert problem.clock_refreshed_at == at("2026-11-23 13:00+01:00")
