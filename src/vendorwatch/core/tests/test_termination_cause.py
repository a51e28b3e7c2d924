"""The two conditions of a termination for cause (§ 314 BGB): the warning with its deadline
to remedy, and the notice within a reasonable time. Worked by hand; the arithmetic is in the
comments (§ 187 (1) BGB: the day the period starts is not counted)."""

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from vendorwatch.core.termination import (
    REASONABLE_TIME_OUTER,
    REASONABLE_TIME_SAFE,
    CauseFacts,
    ConditionState,
    timeliness_condition,
    warning_condition,
)

ONE = timedelta(days=1)
LEARNED = date(2026, 11, 2)  # Monday
WARNED = date(2026, 11, 6)  # Friday
DEADLINE = date(2026, 11, 20)  # Friday

DISPENSABLE = CauseFacts(
    learned_on=LEARNED,
    warning_dispensable=True,
    warning_sent_on=None,
    remedy_deadline=None,
    remedied_on=None,
    service_contract=False,
)
WARNING = CauseFacts(
    learned_on=LEARNED,
    warning_dispensable=False,
    warning_sent_on=WARNED,
    remedy_deadline=DEADLINE,
    remedied_on=None,
    service_contract=False,
)
NO_WARNING = replace(WARNING, warning_sent_on=None, remedy_deadline=None)


def test_the_limits_are_two_weeks_and_about_two_months() -> None:
    assert REASONABLE_TIME_SAFE.days == 14
    assert REASONABLE_TIME_OUTER.days == 61


# --- warning first ------------------------------------------------------------------------


def test_a_dispensable_warning_counts_as_met() -> None:
    condition = warning_condition(DISPENSABLE, LEARNED)
    assert condition.state is ConditionState.MET
    assert condition.met


def test_a_dispensable_warning_is_met_even_if_a_deadline_runs_and_nothing_was_sent() -> None:
    facts = replace(DISPENSABLE, remedy_deadline=DEADLINE)
    assert warning_condition(facts, LEARNED).met


def test_on_the_remedy_deadline_itself_the_warning_is_still_pending() -> None:
    # The provider may remedy until the end of Fri 20.11.2026; termination from Sat 21.11.
    condition = warning_condition(WARNING, DEADLINE)
    assert condition.state is ConditionState.PENDING
    assert condition.day == date(2026, 11, 21)
    assert not condition.met


def test_before_the_remedy_deadline_the_warning_is_pending() -> None:
    condition = warning_condition(WARNING, WARNED)
    assert condition.state is ConditionState.PENDING
    assert condition.day == date(2026, 11, 21)


def test_the_day_after_the_remedy_deadline_the_warning_is_met() -> None:
    condition = warning_condition(WARNING, date(2026, 11, 21))
    assert condition.state is ConditionState.MET
    assert condition.day == date(2026, 11, 21)


def test_the_warning_stays_met_long_after_the_deadline() -> None:
    assert warning_condition(WARNING, date(2027, 6, 1)).met


def test_a_breach_remedied_within_the_deadline_gives_no_right_to_terminate() -> None:
    facts = replace(WARNING, remedied_on=date(2026, 11, 18))
    condition = warning_condition(facts, date(2026, 11, 25))
    assert condition.state is ConditionState.REMEDIED
    assert condition.day == date(2026, 11, 18)


def test_a_breach_remedied_on_the_deadline_itself_is_remedied_in_time() -> None:
    facts = replace(WARNING, remedied_on=DEADLINE)
    assert warning_condition(facts, date(2026, 11, 25)).state is ConditionState.REMEDIED


def test_a_remedy_after_the_deadline_does_not_undo_the_right_to_terminate() -> None:
    facts = replace(WARNING, remedied_on=date(2026, 11, 23))
    assert warning_condition(facts, date(2026, 11, 25)).state is ConditionState.MET


def test_a_remedy_without_any_deadline_counts_as_remedied() -> None:
    facts = replace(NO_WARNING, remedied_on=date(2026, 11, 4))
    assert warning_condition(facts, date(2026, 11, 25)).state is ConditionState.REMEDIED


def test_without_a_warning_the_condition_is_not_met() -> None:
    condition = warning_condition(NO_WARNING, date(2026, 11, 25))
    assert condition.state is ConditionState.NOT_MET
    assert condition.day is None
    assert not condition.met


def test_a_deadline_without_a_warning_sent_is_not_met() -> None:
    facts = replace(WARNING, warning_sent_on=None)
    condition = warning_condition(facts, date(2026, 11, 25))
    assert condition.state is ConditionState.NOT_MET
    assert condition.day == DEADLINE


def test_a_warning_sent_without_a_deadline_is_not_met() -> None:
    facts = replace(WARNING, remedy_deadline=None)
    assert warning_condition(facts, date(2026, 11, 25)).state is ConditionState.NOT_MET


# --- in reasonable time: a service contract (§ 626 (2) BGB) --------------------------------


def test_a_warning_sent_after_its_own_remedy_deadline_is_not_met() -> None:
    # Deadline 20.11.2026, warning only sent on 25.11.: the provider never had time to remedy.
    facts = replace(WARNING, warning_sent_on=date(2026, 11, 25))
    assert warning_condition(facts, date(2026, 11, 30)).state is ConditionState.NOT_MET


def test_a_warning_sent_after_its_deadline_starts_no_reasonable_time() -> None:
    facts = replace(WARNING, warning_sent_on=date(2026, 11, 25))
    assert timeliness_condition(facts, date(2026, 11, 30)).starts_on is None


def test_after_a_remedy_in_time_the_reasonable_time_does_not_run() -> None:
    facts = replace(WARNING, remedied_on=date(2026, 11, 18))
    assert timeliness_condition(facts, date(2027, 3, 1)).state is ConditionState.REMEDIED


SERVICE = replace(DISPENSABLE, service_contract=True)


def test_a_service_contract_allows_two_weeks_from_learning_of_the_reason() -> None:
    # Learned Mon 02.11.2026; the period starts on 03.11. (§ 187 (1)); two weeks end on
    # Mon 16.11.2026 (§ 188 (2)): the notice must be received by then.
    condition = timeliness_condition(SERVICE, LEARNED)
    assert condition.state is ConditionState.PENDING
    assert condition.day == date(2026, 11, 16)
    assert condition.starts_on == LEARNED
    assert condition.outer_day is None


def test_a_service_contract_notice_on_day_14_is_in_time() -> None:
    assert timeliness_condition(SERVICE, date(2026, 11, 16)).state is ConditionState.PENDING


def test_a_service_contract_notice_on_day_15_is_late_with_no_grace() -> None:
    condition = timeliness_condition(SERVICE, date(2026, 11, 17))
    assert condition.state is ConditionState.LATE
    assert condition.day == date(2026, 11, 16)
    assert condition.outer_day is None


def test_a_service_contract_is_never_at_risk_only_in_time_or_late() -> None:
    states = {
        timeliness_condition(SERVICE, LEARNED + timedelta(days=n)).state for n in range(0, 120)
    }
    assert states == {ConditionState.PENDING, ConditionState.LATE}


def test_the_limit_is_not_moved_off_a_weekend() -> None:
    # Learned Sat 07.11.2026 → two weeks end Sat 21.11.2026 (safe reading: not the Monday).
    facts = replace(SERVICE, learned_on=date(2026, 11, 7))
    assert timeliness_condition(facts, date(2026, 11, 21)).day == date(2026, 11, 21)
    assert timeliness_condition(facts, date(2026, 11, 23)).state is ConditionState.LATE


# --- in reasonable time: other contracts -----------------------------------------------------


def test_another_contract_is_safe_for_two_weeks_then_at_risk() -> None:
    # Safe until Mon 16.11.2026; outer limit 02.11. + 61 days = Sat 02.01.2027
    # (28 days to 30.11., 31 more to 31.12., 2 more).
    on_day_14 = timeliness_condition(DISPENSABLE, date(2026, 11, 16))
    assert on_day_14.state is ConditionState.PENDING
    assert on_day_14.day == date(2026, 11, 16)
    assert on_day_14.outer_day == date(2027, 1, 2)
    assert timeliness_condition(DISPENSABLE, date(2026, 11, 17)).state is ConditionState.AT_RISK


def test_another_contract_is_at_risk_up_to_the_outer_limit() -> None:
    condition = timeliness_condition(DISPENSABLE, date(2027, 1, 2))
    assert condition.state is ConditionState.AT_RISK
    assert condition.day == date(2026, 11, 16)
    assert condition.outer_day == date(2027, 1, 2)


def test_another_contract_is_late_after_the_outer_limit() -> None:
    condition = timeliness_condition(DISPENSABLE, date(2027, 1, 3))
    assert condition.state is ConditionState.LATE
    assert condition.outer_day == date(2027, 1, 2)


def test_after_a_warning_the_reasonable_time_counts_from_the_remedy_deadline() -> None:
    # The reason is complete when Fri 20.11.2026 passed without remedy: safe until
    # Fri 04.12.2026, outer limit 20.11. + 61 days = Wed 20.01.2027.
    condition = timeliness_condition(WARNING, date(2026, 11, 25))
    assert condition.state is ConditionState.PENDING
    assert condition.starts_on == DEADLINE
    assert condition.day == date(2026, 12, 4)
    assert condition.outer_day == date(2027, 1, 20)
    assert timeliness_condition(WARNING, date(2026, 12, 5)).state is ConditionState.AT_RISK
    assert timeliness_condition(WARNING, date(2027, 1, 21)).state is ConditionState.LATE


def test_learning_of_the_reason_does_not_start_the_clock_when_a_warning_is_needed() -> None:
    # Learned 02.11.; 16.11. would be late if counted from learning — not after a warning.
    assert timeliness_condition(WARNING, date(2026, 11, 30)).state is ConditionState.PENDING


# --- nothing to count from ---------------------------------------------------------------------


def test_without_a_date_learned_and_without_a_warning_timeliness_is_not_met() -> None:
    facts = replace(NO_WARNING, learned_on=None)
    condition = timeliness_condition(facts, LEARNED)
    assert condition.state is ConditionState.NOT_MET
    assert condition.day is None
    assert condition.starts_on is None


def test_a_dispensable_warning_without_a_date_learned_is_not_met() -> None:
    facts = replace(DISPENSABLE, learned_on=None)
    assert timeliness_condition(facts, LEARNED).state is ConditionState.NOT_MET


def test_learned_but_no_warning_yet_waits_for_the_warning() -> None:
    condition = timeliness_condition(NO_WARNING, date(2027, 6, 1))
    assert condition.state is ConditionState.PENDING
    assert condition.day is None


# --- properties --------------------------------------------------------------------------------

RANK = {ConditionState.PENDING: 0, ConditionState.AT_RISK: 1, ConditionState.LATE: 2}
day_strategy = st.dates(date(2020, 1, 1), date(2035, 12, 31))


@st.composite
def any_facts(draw: st.DrawFn) -> CauseFacts:
    maybe_day = st.one_of(st.none(), day_strategy)
    return CauseFacts(
        learned_on=draw(maybe_day),
        warning_dispensable=draw(st.booleans()),
        warning_sent_on=draw(maybe_day),
        remedy_deadline=draw(maybe_day),
        remedied_on=draw(maybe_day),
        service_contract=draw(st.booleans()),
    )


@given(any_facts(), day_strategy, st.integers(0, 400))
def test_timeliness_only_moves_forward_from_in_time_to_at_risk_to_late(
    facts: CauseFacts, on: date, later_by: int
) -> None:
    first = timeliness_condition(facts, on).state
    later = timeliness_condition(facts, on + timedelta(days=later_by)).state
    if first not in RANK:
        assert later is first  # nothing to count from: the day does not matter
    else:
        assert RANK[first] <= RANK[later]


@given(any_facts(), day_strategy, st.integers(0, 400))
def test_once_late_every_later_day_is_late(facts: CauseFacts, on: date, later_by: int) -> None:
    if timeliness_condition(facts, on).state is ConditionState.LATE:
        later = timeliness_condition(facts, on + timedelta(days=later_by))
        assert later.state is ConditionState.LATE


@given(any_facts(), day_strategy)
def test_a_service_contract_is_never_at_risk(facts: CauseFacts, on: date) -> None:
    facts = replace(facts, service_contract=True)
    condition = timeliness_condition(facts, on)
    assert condition.state is not ConditionState.AT_RISK
    assert condition.outer_day is None


@given(any_facts(), day_strategy)
def test_the_safe_limit_is_two_weeks_after_the_start(facts: CauseFacts, on: date) -> None:
    condition = timeliness_condition(facts, on)
    if condition.starts_on is not None:
        assert condition.day == condition.starts_on + timedelta(days=14)
        assert condition.starts_on == (
            facts.learned_on if facts.warning_dispensable else facts.remedy_deadline
        )


@given(any_facts(), day_strategy, st.integers(0, 400))
def test_the_warning_only_moves_forward_from_pending_to_met(
    facts: CauseFacts, today: date, later_by: int
) -> None:
    first = warning_condition(facts, today).state
    later = warning_condition(facts, today + timedelta(days=later_by)).state
    if first is ConditionState.PENDING:
        assert later in (ConditionState.PENDING, ConditionState.MET)
    else:
        assert later is first
