"""The clock job computes in batches what the per-problem clocks give, and only what can change.

The per-problem path (:func:`per_problem_job`) is the job as it was: every open problem with
an SLA refreshed and its ladder applied, one at a time. The batch job must leave the same
stored clocks, escalations, drafts and e-mails behind at every run.
"""

from __future__ import annotations

import threading
from datetime import datetime, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vendorwatch.jobs.forked import run_shared
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.problems import services
from vendorwatch.problems.escalation import (
    escalation_apply_rules,
    escalations_run,
    reopen_count,
    rules_due,
)
from vendorwatch.problems.models import ClockState, Escalation, EscalationRule, EventKind, Problem
from vendorwatch.problems.services import (
    CLOCK_FIELDS,
    clock_values,
    problem_clock,
    problem_refresh,
)
from vendorwatch.problems.tests.factory import add_event, make_problem, make_rule
from vendorwatch.sla.models import SlaVersion
from vendorwatch.sla.services import PrioritySpec
from vendorwatch.sla.tests.factory import make_policy, terms
from vendorwatch.testing.factory import make_contact, make_provider, make_user

MONDAY_9 = "2026-11-23 09:00+01:00"
Target, Action = EscalationRule.Target, EscalationRule.Action
COMPARED = ["id", *(field for field in CLOCK_FIELDS if not field.startswith("clock_"))]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def per_problem_job(now: datetime) -> None:
    """The job as it was: every open problem with an SLA, one at a time."""
    rules: dict[int, list[EscalationRule]] = {}
    for rule in EscalationRule.objects.all():
        rules.setdefault(rule.policy_id, []).append(rule)
    related = ("sla_version", "priority", "provider", "owner", "reporter", "sla_policy")
    problems = (
        Problem.objects.filter(is_open=True)
        .exclude(state=ClockState.NO_SLA)
        .select_related(*related)
        .prefetch_related("events")
    )
    for problem in problems:
        summary = problem_refresh(problem=problem, now=now)
        if problem.sla_policy_id in rules:
            escalation_apply_rules(
                problem=problem, summary=summary, rules=rules[problem.sla_policy_id]
            )


def snapshot() -> tuple[list[dict], list[tuple], list[tuple]]:
    problems = list(Problem.objects.order_by("id").values(*COMPARED))
    escalations = sorted(
        Escalation.objects.values_list(
            "problem_id",
            "rule_id",
            "reopen_count",
            "kind",
            "recipient",
            "subject",
            "body",
            "status",
        )
    )
    mails = sorted((str(m.to), m.subject, m.body, m.key) for m in OutboxMessage.objects.all())
    return problems, escalations, mails


def per_problem_snapshot(now: datetime) -> tuple[list[dict], list[tuple], list[tuple]]:
    """What the per-problem job leaves behind at ``now`` (rolled back afterwards)."""
    with transaction.atomic():
        per_problem_job(now)
        expected = snapshot()
        transaction.set_rollback(True)
    return expected


def assert_same_as_per_problem(now: datetime, time_machine) -> None:
    time_machine.move_to(now, tick=False)
    expected = per_problem_snapshot(now)
    escalations_run(now=now)
    assert snapshot() == expected
    assert_nothing_changes_before_the_check(now)


def assert_nothing_changes_before_the_check(now: datetime) -> None:
    """Until its ``clock_check_at`` a problem's clocks and ladder stay as the job left them."""
    related = ("sla_version", "priority", "sla_policy")
    problems = Problem.objects.filter(is_open=True).exclude(state=ClockState.NO_SLA)
    for problem in problems.select_related(*related).prefetch_related("events", "escalations"):
        check = problem.clock_check_at
        before = check - timedelta(seconds=1) if check else now + timedelta(days=60)
        if before < now:
            continue  # looked at every run (paused)
        summary, _sla, _policy, _ticket = problem_clock(problem=problem, now=before)
        stored = {field: getattr(problem, field) for field in COMPARED[1:]}
        computed = clock_values(summary, before)
        assert {field: computed[field] for field in stored} == stored, problem.title
        rules = list(EscalationRule.objects.filter(policy_id=problem.sla_policy_id))
        done = {
            e.rule_id for e in problem.escalations.all() if e.reopen_count == reopen_count(problem)
        }
        due = [rule for rule, _result in rules_due(summary=summary, rules=rules)]
        assert not [rule for rule in due if rule.pk not in done], problem.title


@pytest.fixture
def ladder_policy(db):
    provider = make_provider(name="Brandl IT-Systemhaus GmbH")
    make_contact(provider, name="Support", email="support@brandl.example", escalation_level=1)
    make_contact(provider, name="Chefin", email="chefin@brandl.example", escalation_level=2)
    policy = make_policy(provider=provider)
    make_rule(policy, percent=75)
    make_rule(policy, target=Target.RESOLUTION, percent=50)
    make_rule(policy, action=Action.DRAFT_PROVIDER)
    make_rule(
        policy,
        target=Target.RESOLUTION,
        action=Action.DRAFT_PROVIDER,
        hours_after_breach=2,
        contact_level=2,
    )
    return policy


def calendar_day_policy():
    """Resolution in working days (same time n days later) and a 24-hour calendar clock."""
    specs = [
        PrioritySpec("P1", "Kritisch", (2, "hours", "calendar"), (1, "days", "business")),
        PrioritySpec("P2", "Hoch", (1, "hours", "business"), (2, "days", "business")),
        PrioritySpec("P3", "Mittel", (4, "hours", "business"), (3, "days", "business")),
        PrioritySpec("P4", "Niedrig", (8, "hours", "business"), (5, "days", "business")),
    ]
    version_terms = terms(
        business_day_convention="same_time_n_working_days_later",
        pausing_states=("waiting_on_us", "workaround_accepted"),
    )
    return make_policy(terms=version_terms, priorities=specs)


@pytest.fixture
def varied(ladder_policy, time_machine):
    """Problems in every state the clocks know, reported over two days."""
    time_machine.move_to("2026-11-24 12:00+01:00", tick=False)
    owner = make_user(email="owner@example.com")
    other = calendar_day_policy()
    make_rule(other, target=Target.RESOLUTION, percent=80)

    def problem(reported: str, policy=ladder_policy, **fields) -> Problem:
        return make_problem(reported, sla_policy=policy, owner=owner, **fields)

    problem(MONDAY_9, title="läuft")
    problem("2026-11-24 08:30+01:00", impact="high", urgency="high", title="kritisch")
    paused = problem(MONDAY_9, title="wartet auf uns")
    add_event(paused, EventKind.WAITING_ON_US, "2026-11-23 09:20+01:00")
    resumed = problem(MONDAY_9, title="weiter")
    add_event(resumed, EventKind.FIRST_RESPONSE, "2026-11-23 09:30+01:00")
    add_event(resumed, EventKind.WAITING_ON_US, "2026-11-23 10:00+01:00")
    add_event(resumed, EventKind.RESUMED, "2026-11-23 15:00+01:00")
    met = problem(MONDAY_9, title="erledigt")
    add_event(met, EventKind.FIRST_RESPONSE, "2026-11-23 09:10+01:00")
    add_event(met, EventKind.RESOLVED, "2026-11-23 11:00+01:00")
    reopened = problem(MONDAY_9, title="wieder offen")
    add_event(reopened, EventKind.FIRST_RESPONSE, "2026-11-23 09:10+01:00")
    add_event(reopened, EventKind.RESOLVED, "2026-11-23 16:00+01:00")
    add_event(reopened, EventKind.REOPENED, "2026-11-24 09:00+01:00")
    closed = problem(MONDAY_9, title="geschlossen")
    add_event(closed, EventKind.RESOLVED, "2026-11-23 12:00+01:00")
    add_event(closed, EventKind.CONFIRMED, "2026-11-23 13:00+01:00")
    later = problem(MONDAY_9, title="Antwort eingetragen für später")
    add_event(later, EventKind.FIRST_RESPONSE, "2026-11-25 09:00+01:00")
    problem(MONDAY_9, policy=other, impact="high", urgency="high", title="Kalenderuhr")
    workaround = problem(MONDAY_9, policy=other, title="Umgehung")
    add_event(workaround, EventKind.WORKAROUND, "2026-11-23 11:00+01:00")
    problem(MONDAY_9, title="ohne SLA", impact="low", urgency="low")
    Problem.objects.filter(title="ohne SLA").update(sla_policy=None, sla_version=None)
    broken = problem(MONDAY_9, title="kaputt")
    broken_version = SlaVersion.objects.get(pk=broken.sla_version_id)
    snapshot = {**broken_version.calendar_snapshot, "time_zone": "Mars/Olympus_Mons"}
    copy = make_policy(provider=ladder_policy.provider)
    spoiled = problem(MONDAY_9, policy=copy, title="Zeitzone unbekannt")
    SlaVersion.objects.filter(pk=spoiled.sla_version_id).update(calendar_snapshot=snapshot)
    Problem.objects.filter(pk=broken.pk).update(reported_to_provider_at=at("9999-12-31 12:00Z"))
    return ladder_policy


RUNS = [
    "2026-11-24 12:00+01:00",
    "2026-11-24 12:01+01:00",
    "2026-11-24 16:30+01:00",
    "2026-11-25 09:00:30+01:00",
    "2026-11-25 11:15+01:00",
    "2026-11-27 18:00+01:00",
    "2026-11-30 08:00:01+01:00",
]


@pytest.mark.django_db
def test_every_run_leaves_what_the_per_problem_job_leaves(varied, time_machine) -> None:
    for run in RUNS:
        assert_same_as_per_problem(at(run), time_machine)
    assert Escalation.objects.count() > 5  # the ladder really fired along the way


@pytest.mark.django_db
def test_a_problem_far_from_any_due_instant_is_not_rewritten(ladder_policy, time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9, sla_policy=ladder_policy, title="fern")
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-23 09:05+01:00")
    escalations_run(now=at("2026-11-23 09:06+01:00"))
    # The resolution (8 h) reaches its 50 % rule at 13:00: nothing changes before.
    with CaptureQueriesContext(connection) as queries:
        escalations_run(now=at("2026-11-23 12:59+01:00"))
    assert not [q for q in queries if q["sql"].lstrip().upper().startswith(("UPDATE", "WITH"))]
    problem.refresh_from_db()
    assert problem.clock_refreshed_at == at("2026-11-23 09:06+01:00")
    assert problem.clock_check_at == at("2026-11-23 13:00+01:00")


@pytest.mark.django_db
def test_a_problem_whose_threshold_has_come_is_refreshed(ladder_policy, time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9, sla_policy=ladder_policy)
    escalations_run(now=at("2026-11-23 09:01+01:00"))
    assert escalations_run(now=at("2026-11-23 09:45+01:00")) == 1  # 75 % of the hour
    problem.refresh_from_db()
    assert (problem.state, problem.clock_refreshed_at) == ("at_risk", at("2026-11-23 09:45+01:00"))


@pytest.mark.django_db
def test_a_problem_with_a_new_event_is_refreshed_at_the_next_run(
    ladder_policy, time_machine
) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9, sla_policy=ladder_policy)
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-23 09:10+01:00")
    escalations_run(now=at("2026-11-23 16:00+01:00"))
    add_event(problem, EventKind.RESOLVED, "2026-11-23 16:30+01:00")
    escalations_run(now=at("2026-11-23 16:31+01:00"))
    time_machine.move_to("2026-11-24 09:00+01:00", tick=False)
    add_event(problem, EventKind.REOPENED, "2026-11-24 09:00+01:00")
    assert escalations_run(now=at("2026-11-24 09:01+01:00")) == 1  # 50 % again, new round
    problem.refresh_from_db()
    assert problem.clock_refreshed_at == at("2026-11-24 09:01+01:00")


@pytest.mark.django_db
def test_a_new_rule_is_applied_at_the_next_run(ladder_policy, time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9, sla_policy=ladder_policy)
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-23 09:05+01:00")
    escalations_run(now=at("2026-11-23 10:00+01:00"))
    time_machine.move_to("2026-11-23 10:30+01:00", tick=False)
    make_rule(ladder_policy, target=Target.RESOLUTION, percent=10)
    assert escalations_run(now=at("2026-11-23 10:31+01:00")) == 1


@pytest.mark.django_db
def test_the_job_needs_the_same_queries_for_ten_times_the_problems(
    ladder_policy, time_machine
) -> None:
    def queries_for(count: int) -> int:
        Problem.objects.all().delete()
        time_machine.move_to(MONDAY_9, tick=False)
        for _ in range(count):
            problem = make_problem(MONDAY_9, sla_policy=ladder_policy)
            add_event(problem, EventKind.WAITING_ON_US, "2026-11-23 09:01+01:00")
        escalations_run(now=at("2026-11-23 09:02+01:00"))
        with CaptureQueriesContext(connection) as queries:
            escalations_run(now=at("2026-11-23 09:03+01:00"))  # paused: all looked at
        return len(queries)

    assert queries_for(3) == queries_for(30)


@pytest.mark.django_db(transaction=True)
def test_two_jobs_at_once_escalate_each_problem_once(time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    policy = make_policy(provider=make_provider())
    owner = make_user(email="owner@example.com")
    for number in range(6):
        make_problem(MONDAY_9, sla_policy=policy, owner=owner, title=f"Störung {number}")
    make_rule(policy, percent=75)
    make_rule(policy, action=Action.DRAFT_PROVIDER)
    time_machine.move_to("2026-11-23 10:05+01:00", tick=False)
    barrier = threading.Barrier(2)

    def runner() -> None:
        barrier.wait()
        try:
            escalations_run(now=at("2026-11-23 10:05+01:00"))
        finally:
            connection.close()

    threads = [threading.Thread(target=runner) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Escalation.objects.count() == 12
    assert OutboxMessage.objects.count() == 6


def test_a_paused_problem_is_looked_at_every_run(ladder_policy, time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9, sla_policy=ladder_policy)
    add_event(problem, EventKind.WAITING_ON_US, "2026-11-23 09:10+01:00")
    escalations_run(now=at("2026-11-23 11:00+01:00"))
    problem.refresh_from_db()
    assert problem.clock_check_at == at("2026-11-23 11:00+01:00")
    assert problem.response_due == at("2026-11-23 11:50+01:00")


def test_a_closed_problem_is_not_looked_at_again(ladder_policy, time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9, sla_policy=ladder_policy)
    time_machine.move_to("2026-11-23 09:30+01:00", tick=False)
    add_event(problem, EventKind.RESOLVED, "2026-11-23 09:10+01:00")
    add_event(problem, EventKind.CONFIRMED, "2026-11-23 09:20+01:00")
    problem.refresh_from_db()
    assert problem.clock_check_at is None


def test_a_due_time_a_week_ahead_is_looked_at_only_then(ladder_policy, time_machine) -> None:
    time_machine.move_to(MONDAY_9, tick=False)
    problem = make_problem(MONDAY_9, sla_policy=ladder_policy, impact="low", urgency="low")
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-23 09:05+01:00")
    escalations_run(now=at("2026-11-23 09:06+01:00"))
    problem.refresh_from_db()
    assert problem.clock_check_at is not None
    assert problem.clock_check_at - at("2026-11-23 09:06+01:00") > timedelta(days=1)


START = at("2026-11-23 08:30+01:00")
KINDS = [
    EventKind.FIRST_RESPONSE,
    EventKind.STATUS_UPDATE,
    EventKind.WAITING_ON_US,
    EventKind.RESUMED,
    EventKind.WORKAROUND,
    EventKind.RESOLVED,
    EventKind.REOPENED,
    EventKind.CONFIRMED,
]
LEVELS = st.sampled_from(["high", "medium", "low"])
STORY = st.lists(st.tuples(st.sampled_from(KINDS), st.integers(-600, 5 * 24 * 60)), max_size=5)
PROBLEMS = st.lists(st.tuples(LEVELS, LEVELS, st.integers(0, 3 * 24 * 60), STORY), max_size=4)
RUN_TIMES = st.lists(st.integers(0, 7 * 24 * 60), min_size=1, max_size=4).map(sorted)


@pytest.mark.django_db
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(problems=PROBLEMS, runs=RUN_TIMES)
def test_any_problems_at_any_runs_end_as_the_per_problem_job_leaves_them(
    ladder_policy, time_machine, problems, runs
) -> None:
    with transaction.atomic():
        time_machine.move_to(START, tick=False)
        for impact, urgency, minutes_before, story in problems:
            reported = START - timedelta(minutes=minutes_before)
            problem = make_problem(
                reported, sla_policy=ladder_policy, impact=impact, urgency=urgency
            )
            for kind, minutes in story:
                add_event(problem, kind, (START + timedelta(minutes=minutes)).isoformat())
        for minutes in runs:
            assert_same_as_per_problem(START + timedelta(minutes=minutes, seconds=7), time_machine)
        transaction.set_rollback(True)


# A pass over more than one batch writes each batch in a thread while the next is computed.


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(services, "BATCH", 3)


@pytest.fixture
def writing_threads(monkeypatch) -> list[str]:
    names: list[str] = []
    run = services.run_statements

    def spy(statements):
        names.append(threading.current_thread().name)
        run(statements)

    monkeypatch.setattr(services, "run_statements", spy)
    return names


@pytest.mark.django_db(transaction=True)
def test_batches_written_by_a_thread_leave_what_the_per_problem_job_leaves(
    varied, small_batches, time_machine
) -> None:
    assert Problem.objects.count() > 3 * services.BATCH
    for now in RUNS:
        assert_same_as_per_problem(at(now), time_machine)


@pytest.fixture
def two_processes(monkeypatch):
    """Batches shared by two processes, whatever the number of cores of this machine."""
    monkeypatch.setattr(services, "processes_for", lambda parts: min(parts, 2))


@pytest.mark.django_db(transaction=True)
def test_batches_shared_by_two_processes_leave_what_the_per_problem_job_leaves(
    varied, small_batches, two_processes, time_machine
) -> None:
    for now in RUNS:
        assert_same_as_per_problem(at(now), time_machine)


@pytest.mark.django_db(transaction=True)
def test_a_pass_shared_by_two_processes_counts_the_rules_both_applied(
    varied, small_batches, two_processes, time_machine
) -> None:
    time_machine.move_to(RUNS[-1], tick=False)
    applied = escalations_run(now=at(RUNS[-1]))
    assert applied == Escalation.objects.count() > services.BATCH


@pytest.mark.django_db(transaction=True)
def test_two_job_runners_sharing_their_passes_escalate_each_problem_once(
    varied, small_batches, two_processes, time_machine
) -> None:
    # Two runners are two processes (each forks a helper of its own): this one and a fork.
    now = at(RUNS[-1])
    time_machine.move_to(now, tick=False)
    expected = per_problem_snapshot(now)
    run_shared([1, 2], lambda _runner: {"applied": escalations_run(now=now)}, processes=2)
    assert snapshot() == expected


def threads_that_wrote(names: list[str], time_machine) -> set[str]:
    time_machine.move_to(RUNS[0], tick=False)
    escalations_run(now=at(RUNS[0]))
    assert names
    return set(names)


@pytest.mark.django_db(transaction=True)
def test_a_pass_over_several_batches_writes_them_in_a_thread(
    varied, small_batches, writing_threads, time_machine
) -> None:
    assert threads_that_wrote(writing_threads, time_machine) == {"clock-writer"}


@pytest.mark.django_db
def test_a_pass_inside_a_transaction_writes_in_its_own_thread(
    varied, small_batches, writing_threads, time_machine
) -> None:
    # Another connection would not see the transaction's rows.
    expected = {threading.current_thread().name}
    assert threads_that_wrote(writing_threads, time_machine) == expected


@pytest.mark.django_db(transaction=True)
def test_a_failed_write_ends_the_pass_with_the_error(
    varied, small_batches, monkeypatch, time_machine
) -> None:
    def fail(statements):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "run_statements", fail)
    time_machine.move_to(RUNS[0], tick=False)
    with pytest.raises(RuntimeError, match="disk full"):
        escalations_run(now=at(RUNS[0]))
