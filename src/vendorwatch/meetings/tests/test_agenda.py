"""What a generated agenda holds, and what it leaves out.

It is Monday 30.11.2026 12:00 in Berlin. The meeting is on Tuesday 01.12.2026 10:00, the
previous one of the series was on Tuesday 03.11.2026 10:00: the agenda covers what happened
since then. Problems are P2 (response 1 business hour, Mo–Fr 08–17).
"""

from datetime import date, datetime

import pytest

from vendorwatch.contracts.models import ContractReview, FollowUp
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice, make_service
from vendorwatch.meetings.agenda import actions_to_review, agenda_items, agenda_refresh
from vendorwatch.meetings.models import ActionItem, AgendaItem
from vendorwatch.meetings.tests.factory import BERLIN, make_action, make_meeting, make_series
from vendorwatch.problems.models import EventKind, Problem
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import longest_text, make_organisation, make_provider

pytestmark = pytest.mark.django_db
NOW = "2026-11-30 12:00+01:00"
Kind = AgendaItem.Kind


@pytest.fixture
def provider(time_machine):
    time_machine.move_to(NOW, tick=False)
    return make_provider()


@pytest.fixture
def policy(provider):
    return make_policy(provider=provider)


@pytest.fixture
def meeting(provider):
    series = make_series(provider, first_date=date(2026, 11, 3))
    make_meeting(series=series, starts_at=datetime(2026, 11, 3, 10, 0, tzinfo=BERLIN))
    return make_meeting(series=series, starts_at=datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN))


def keys(meeting) -> list[str]:
    return [item.source_key for item in agenda_items(meeting)]


def item(meeting, key: str) -> AgendaItem:
    return meeting.agenda_items.get(source_key=key)


def test_a_problem_whose_deadline_was_missed_is_on_the_agenda(meeting, policy) -> None:
    problem = make_problem("2026-11-23 09:00+01:00", sla_policy=policy, title="Drucker")
    agenda_refresh(meeting)
    breach = item(meeting, f"problem:{problem.pk}:breach")
    assert breach.kind == Kind.BREACH
    assert "Drucker" in breach.title
    assert "23.11.2026" in breach.details


def test_a_problem_at_risk_is_on_the_agenda(meeting, policy) -> None:
    problem = make_problem("2026-11-30 11:00+01:00", sla_policy=policy)
    agenda_refresh(meeting)
    assert item(meeting, f"problem:{problem.pk}:at_risk").kind == Kind.AT_RISK


def test_a_new_problem_on_track_is_listed_as_new(meeting, policy) -> None:
    problem = make_problem("2026-11-30 11:30+01:00", sla_policy=policy)
    agenda_refresh(meeting)
    assert f"problem:{problem.pk}:opened" in keys(meeting)


def test_a_problem_resolved_since_the_previous_meeting_is_listed_as_resolved(
    meeting, policy
) -> None:
    problem = make_problem("2026-10-20 09:00+02:00", sla_policy=policy)
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-10-20 09:30+02:00")
    add_event(problem, EventKind.RESOLVED, "2026-11-10 11:00+01:00")
    add_event(problem, EventKind.CONFIRMED, "2026-11-10 12:00+01:00")
    agenda_refresh(meeting)
    assert f"problem:{problem.pk}:resolved" in keys(meeting)


def test_each_problem_is_listed_once_under_its_most_pressing_kind(meeting, policy) -> None:
    problem = make_problem("2026-11-23 09:00+01:00", sla_policy=policy)
    agenda_refresh(meeting)
    assert [k for k in keys(meeting) if k.startswith(f"problem:{problem.pk}:")] == [
        f"problem:{problem.pk}:breach"
    ]


def test_problems_of_another_provider_are_not_on_the_agenda(meeting) -> None:
    other = make_problem("2026-11-23 09:00+01:00")
    assert other.provider != meeting.provider
    agenda_refresh(meeting)
    assert not [k for k in keys(meeting) if k.startswith("problem:")]


def test_a_problem_resolved_before_the_previous_meeting_is_not_on_the_agenda(
    meeting, policy
) -> None:
    problem = make_problem("2026-10-05 09:00+02:00", sla_policy=policy)  # breached in October
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-10-06 09:00+02:00")
    add_event(problem, EventKind.RESOLVED, "2026-10-07 11:00+02:00")
    add_event(problem, EventKind.CONFIRMED, "2026-10-07 12:00+02:00")
    agenda_refresh(meeting)
    assert not [k for k in keys(meeting) if k.startswith(f"problem:{problem.pk}:")]


def test_an_overdue_action_item_comes_first_among_the_open_action_items(meeting) -> None:
    later = make_action(meeting.provider, title="Später", due_date=date(2026, 12, 20))
    overdue = make_action(meeting.provider, title="Überfällig", due_date=date(2026, 11, 20))
    agenda_refresh(meeting)
    actions = [i for i in agenda_items(meeting) if i.kind == Kind.ACTION]
    assert [i.action_id for i in actions] == [overdue.pk, later.pk]
    assert "20.11.2026" in actions[0].details


def test_action_items_of_both_sides_are_listed(meeting) -> None:
    ours = make_action(meeting.provider, side=ActionItem.Side.OURS)
    theirs = make_action(meeting.provider, side=ActionItem.Side.PROVIDER)
    agenda_refresh(meeting)
    assert {f"action:{ours.pk}", f"action:{theirs.pk}"} <= set(keys(meeting))


def test_an_open_question_is_on_the_agenda(meeting) -> None:
    question = make_action(meeting.provider, kind=ActionItem.Kind.QUESTION, title="Wer zahlt?")
    agenda_refresh(meeting)
    listed = item(meeting, f"action:{question.pk}")
    assert listed.kind == Kind.QUESTION
    assert "Wer zahlt?" in listed.title


def test_done_action_items_are_not_on_the_agenda(meeting) -> None:
    make_action(meeting.provider, status=ActionItem.Status.DONE)
    agenda_refresh(meeting)
    assert not [k for k in keys(meeting) if k.startswith("action")]


def test_action_items_of_another_provider_are_not_on_the_agenda(meeting) -> None:
    make_action()
    agenda_refresh(meeting)
    assert not [k for k in keys(meeting) if k.startswith("action")]


def test_open_action_items_of_the_previous_meeting_are_reviewed_first(meeting, provider) -> None:
    previous = provider.meetings.get(starts_at__lt=meeting.starts_at)
    raised = make_action(meeting=previous, title="Firewall-Angebot einholen")
    make_action(provider, title="Anderes")
    agenda_refresh(meeting)
    first = agenda_items(meeting)[0]
    assert (first.kind, first.source_key) == (Kind.ACTION_REVIEW, "actions-review")
    assert "Firewall-Angebot einholen" in first.details
    assert f"action:{raised.pk}" not in keys(meeting)  # reviewed, not listed twice
    assert list(actions_to_review(meeting)) == [raised]


def test_an_invoice_that_deviates_from_the_contract_is_on_the_agenda(meeting, provider) -> None:
    contract = make_contract(provider=provider)
    service = make_service(contract, "45.00")
    deviating = make_invoice(contract, number="RE-11", invoice_date=date(2026, 11, 10))
    add_line(deviating, service, "52.00")
    as_agreed = make_invoice(contract, number="RE-12", invoice_date=date(2026, 11, 12))
    add_line(as_agreed, service, "45.00")
    agenda_refresh(meeting)
    listed = item(meeting, f"invoice:{deviating.pk}")
    assert "RE-11" in listed.title
    assert "+7,00" in listed.details
    assert f"invoice:{as_agreed.pk}" not in keys(meeting)


def test_a_contract_deadline_within_90_days_is_on_the_agenda_but_not_one_in_120(
    meeting, provider
) -> None:
    # Minimum term 24 months, 3 months' notice to the end of the term.
    soon = make_contract(provider=provider, title="Bald", start_date=date(2025, 4, 1))
    later = make_contract(provider=provider, title="Später", start_date=date(2025, 7, 1))
    agenda_refresh(meeting)
    assert f"deadline:{soon.pk}:receipt:2026-12-31" in keys(meeting)
    assert not [k for k in keys(meeting) if k.startswith(f"deadline:{later.pk}:")]


def test_the_last_contract_review_is_on_the_agenda(meeting, provider) -> None:
    contract = make_contract(provider=provider)
    values = {"period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30), "rating": 3}
    ContractReview.objects.create(
        contract=contract, reviewed_on=date(2026, 4, 1), outcome="continue", **values
    )
    last = ContractReview.objects.create(
        contract=contract, reviewed_on=date(2026, 10, 15), outcome="renegotiate", **values
    )
    FollowUp.objects.create(contract=contract, review=last, text="Preise nachverhandeln")
    agenda_refresh(meeting)
    listed = item(meeting, f"review:{last.pk}")
    assert "15.10.2026" in listed.title
    assert "Preise nachverhandeln" in listed.details
    assert len([k for k in keys(meeting) if k.startswith("review:")]) == 1


def test_sla_figures_of_the_last_month_come_from_the_problem_log_without_imports(
    meeting, policy
) -> None:
    make_problem("2026-10-12 09:00+02:00", sla_policy=policy)  # missed in October
    make_organisation(document_language="en")
    agenda_refresh(meeting)
    figures = item(meeting, "sla:2026-10")  # November is not over yet
    assert "October 2026" in figures.title
    assert "kept for 0, missed for 1" in figures.details


def test_a_fresh_agenda_is_in_the_order_of_the_kinds(meeting, provider, policy) -> None:
    previous = provider.meetings.get(starts_at__lt=meeting.starts_at)
    make_action(meeting=previous)
    make_action(provider, kind=ActionItem.Kind.QUESTION)
    make_action(provider)
    make_problem("2026-11-30 11:30+01:00", sla_policy=policy)
    make_problem("2026-11-23 09:00+01:00", sla_policy=policy)
    make_problem("2026-10-12 09:00+02:00", sla_policy=policy)  # still open, missed in October
    make_contract(provider=provider, start_date=date(2025, 4, 1))
    agenda_refresh(meeting)
    assert [i.kind for i in agenda_items(meeting)] == [
        Kind.ACTION_REVIEW,
        Kind.BREACH,
        Kind.BREACH,
        Kind.PROBLEMS_OPENED,
        Kind.SLA_FIGURES,
        Kind.ACTION,
        Kind.QUESTION,
        Kind.DEADLINE,
    ]
    assert [i.position for i in agenda_items(meeting)] == list(range(1, 9))


def test_the_first_meeting_covers_the_31_days_before_it(provider, policy) -> None:
    first = make_meeting(provider, starts_at=datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN))
    inside = make_problem("2026-11-02 09:00+01:00", sla_policy=policy, title="Drinnen")
    before = make_problem("2026-10-29 09:00+01:00", sla_policy=policy, title="Davor")
    for problem in (inside, before):  # answered and fixed in time
        add_event(problem, EventKind.FIRST_RESPONSE, problem.reported_to_provider_at.isoformat())
        add_event(problem, EventKind.RESOLVED, problem.reported_to_provider_at.isoformat())
    agenda_refresh(first)
    assert f"problem:{inside.pk}:opened" in keys(first)
    assert not [k for k in keys(first) if k.startswith(f"problem:{before.pk}:")]


def test_extreme_stored_values_do_not_break_the_agenda(meeting, policy) -> None:
    make_action(
        meeting.provider, title=longest_text(ActionItem, "title"), due_date=date(9999, 12, 31)
    )
    make_action(meeting.provider, details="y" * 20_000, due_date=date(1, 1, 1))
    title = longest_text(Problem, "title")
    problem = make_problem("2026-11-23 09:00+01:00", sla_policy=policy, title=title)
    late = datetime.fromisoformat("9999-12-31 23:30+00:00")
    type(problem).objects.filter(pk=problem.pk).update(breached_at=late)
    assert agenda_refresh(meeting) >= 3
    assert all(len(i.title) <= 300 for i in agenda_items(meeting))
    assert "31.12.9999" in "".join(i.details for i in agenda_items(meeting))


def test_an_invoice_below_the_contracted_price_is_listed_with_the_difference(
    meeting, provider
) -> None:
    contract = make_contract(provider=provider)
    service = make_service(contract, "45.00")
    invoice = make_invoice(contract, number="RE-9", invoice_date=date(2026, 11, 10))
    add_line(invoice, service, "40.00", qty="2")
    agenda_refresh(meeting)
    assert "10,00" in item(meeting, f"invoice:{invoice.pk}").details
