"""The last day to post a notice: postal days (Monday to Saturday, no Sundays, no public
holidays of the federal state) before the day the letter should arrive, and the dates of an
ordinary termination as the wizard shows them. Worked by hand; the arithmetic is in the
comments (weekday names checked against the calendar)."""

from datetime import date, timedelta
from functools import cache

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorwatch.core.deadlines import (
    AfterMinimumTerm,
    ContractTerms,
    Days,
    NoticeAnchor,
    Period,
    Unit,
)
from vendorwatch.core.termination import PlanState, last_posting_day, ordinary_plan

from .test_deadlines_properties import any_terms, todays_for

ONE = timedelta(days=1)
MONTHS = Unit.MONTHS
NW = Days("NW")


THREE_MONTHS = Period(3, MONTHS)


def renewing(start: date, notice: Period = THREE_MONTHS) -> ContractTerms:
    """Like contracts/tests/factory.make_contract: 24 months, renews by 12, notice to term end."""
    return ContractTerms(
        start=start,
        minimum_term=Period(24, MONTHS),
        after_minimum_term=AfterMinimumTerm.RENEWS,
        renewal_term=Period(12, MONTHS),
        notice_period=notice,
        notice_anchor=NoticeAnchor.TERM_END,
    )


FACTORY = renewing(date(2025, 1, 1))
# 1 week to the term end 31.12.2026: receipt by Thursday 24.12.2026.
CHRISTMAS = renewing(date(2025, 1, 1), Period(1, Unit.WEEKS))
# 3 months to the term end 31.03.2027: receipt by Thursday 31.12.2026.
NEW_YEAR = renewing(date(2025, 4, 1))


# --- last_posting_day: worked examples ----------------------------------------------------


def test_a_saturday_counts_as_a_postal_day() -> None:
    # Arrival Tue 22.09.2026, 3 postal days: Mon 21. (1), Sun 20. skipped, Sat 19. (2),
    # Fri 18. (3). Counting business days only would give Thu 17.09.
    assert last_posting_day(date(2026, 9, 22), 3, NW) == date(2026, 9, 18)


def test_a_sunday_does_not_count_as_a_postal_day() -> None:
    # Arrival Mon 21.09.2026, 2 postal days: Sun 20. skipped, Sat 19. (1), Fri 18. (2).
    assert last_posting_day(date(2026, 9, 21), 2, NW) == date(2026, 9, 18)


def test_an_arrival_on_monday_with_one_postal_day_is_posted_the_saturday_before() -> None:
    # Arrival Mon 28.09.2026: Sun 27. skipped, Sat 26. (1).
    assert last_posting_day(date(2026, 9, 28), 1, NW) == date(2026, 9, 26)


def test_two_postal_days_before_a_monday_reach_back_to_friday() -> None:
    # The module's own example: Mon 28.09.2026 with 2 → Sat 26. (1), Fri 25. (2).
    assert last_posting_day(date(2026, 9, 28), 2, NW) == date(2026, 9, 25)


def test_zero_postal_days_is_the_arrival_day_itself() -> None:
    assert last_posting_day(date(2026, 9, 30), 0, NW) == date(2026, 9, 30)


def test_negative_postal_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        last_posting_day(date(2026, 9, 30), -1, NW)


def test_all_saints_is_no_postal_day_in_north_rhine_westphalia() -> None:
    # Arrival Tue 02.11.2027, 1 postal day: Mon 01.11. All Saints (NW) skipped,
    # Sun 31.10. skipped (Reformation Day is no holiday in NW anyway), Sat 30.10. (1).
    assert last_posting_day(date(2027, 11, 2), 1, Days("NW")) == date(2027, 10, 30)


def test_all_saints_is_a_postal_day_in_berlin() -> None:
    # Same arrival in Berlin: Mon 01.11.2027 is an ordinary day there.
    assert last_posting_day(date(2027, 11, 2), 1, Days("BE")) == date(2027, 11, 1)


def test_all_saints_on_a_saturday_takes_that_saturday_away_in_north_rhine_westphalia() -> None:
    # Arrival Mon 03.11.2025, 1 postal day: Sun 02.11. skipped, Sat 01.11. All Saints
    # skipped in NW → Fri 31.10.; in Berlin the Saturday counts.
    assert last_posting_day(date(2025, 11, 3), 1, Days("NW")) == date(2025, 10, 31)
    assert last_posting_day(date(2025, 11, 3), 1, Days("BE")) == date(2025, 11, 1)


def test_corpus_christi_is_no_postal_day_in_bavaria() -> None:
    # Arrival Fri 05.06.2026, 1 postal day: Thu 04.06. Corpus Christi (BY) skipped → Wed 03.06.
    assert last_posting_day(date(2026, 6, 5), 1, Days("BY")) == date(2026, 6, 3)


def test_corpus_christi_is_a_postal_day_in_berlin() -> None:
    assert last_posting_day(date(2026, 6, 5), 1, Days("BE")) == date(2026, 6, 4)


def test_german_unity_day_on_a_saturday_is_no_postal_day_anywhere() -> None:
    # Arrival Mon 05.10.2026, 1 postal day: Sun 04.10. skipped, Sat 03.10. (German Unity
    # Day, nationwide) skipped → Fri 02.10.
    assert last_posting_day(date(2026, 10, 5), 1, Days(None)) == date(2026, 10, 2)
    assert last_posting_day(date(2026, 10, 5), 1, Days("BE")) == date(2026, 10, 2)


def test_a_run_over_easter_skips_good_friday_easter_sunday_and_easter_monday() -> None:
    # Arrival Tue 07.04.2026, 3 postal days: Mon 06.04. Easter Monday skipped, Sun 05.04.
    # skipped, Sat 04.04. (1), Fri 03.04. Good Friday skipped, Thu 02.04. (2), Wed 01.04. (3).
    assert last_posting_day(date(2026, 4, 7), 3, NW) == date(2026, 4, 1)


def test_an_arrival_on_a_sunday_is_posted_the_postal_day_before() -> None:
    # Sun 27.09.2026 with 1 postal day: the latest postal day before it, Sat 26.09.
    assert last_posting_day(date(2026, 9, 27), 1, NW) == date(2026, 9, 26)


def test_a_state_code_with_country_prefix_gives_the_same_days() -> None:
    assert last_posting_day(date(2027, 11, 2), 1, Days("DE-NW")) == date(2027, 10, 30)


# --- last_posting_day: against a brute-force oracle -------------------------------------

STATES = [None, *sorted(holidays.list_supported_countries()["DE"])]


@cache
def holiday_table(state: str | None, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DE", subdiv=state, years=year))


def oracle_postal(day: date, state: str | None) -> bool:
    """Straight from the definition: not a Sunday, not a public holiday of the state."""
    return day.weekday() != 6 and day not in holiday_table(state, day.year)


def oracle_posting(arrival: date, postal_days: int, state: str | None) -> date:
    """The latest postal day d ≤ arrival with exactly ``postal_days`` postal days in
    [d, arrival); 0 postal days: the arrival day itself (the docstring's "0: the arrival day
    itself", which holds even when the arrival is not a postal day)."""
    if postal_days == 0:
        return arrival
    day = arrival - ONE
    while True:
        if oracle_postal(day, state):
            between = sum(
                oracle_postal(day + timedelta(days=i), state) for i in range((arrival - day).days)
            )
            if between == postal_days:
                return day
            assert between < postal_days
        day -= ONE


arrivals = st.dates(date(2020, 1, 1), date(2035, 12, 31))
states = st.sampled_from(STATES)


@settings(max_examples=400)
@given(arrivals, st.integers(0, 10), states)
def test_last_posting_day_matches_the_oracle(arrival: date, postal_days: int, state: str) -> None:
    assert last_posting_day(arrival, postal_days, Days(state)) == oracle_posting(
        arrival, postal_days, state
    )


@settings(max_examples=300)
@given(arrivals, st.integers(1, 10), states)
def test_the_posting_day_is_never_a_sunday_or_holiday(
    arrival: date, postal_days: int, state: str
) -> None:
    day = last_posting_day(arrival, postal_days, Days(state))
    assert day.weekday() != 6
    assert day not in holiday_table(state, day.year)


@settings(max_examples=300)
@given(arrivals, st.integers(0, 10), states)
def test_the_posting_day_is_never_after_the_arrival(
    arrival: date, postal_days: int, state: str
) -> None:
    assert last_posting_day(arrival, postal_days, Days(state)) <= arrival


@settings(max_examples=300)
@given(arrivals, st.integers(0, 9), states)
def test_one_more_postal_day_means_posting_strictly_earlier(
    arrival: date, postal_days: int, state: str
) -> None:
    days = Days(state)
    assert last_posting_day(arrival, postal_days + 1, days) < last_posting_day(
        arrival, postal_days, days
    )


# --- ordinary_plan: the factory contract (24 months from 01.01.2025, renews by 12,
# 3 months to the term end), NW, 3 postal days ------------------------------------------


def test_on_first_september_the_notice_is_on_time_for_the_end_of_2026() -> None:
    # Term end 31.12.2026; 3 months back: received by Wed 30.09.2026 (a business day, the
    # arrival). 3 postal days: Tue 29. (1), Mon 28. (2), Sun 27. skipped, Sat 26. (3).
    result = ordinary_plan(FACTORY, date(2026, 9, 1), subdivision="NW", postal_days=3)
    assert result.state is PlanState.ON_TIME
    assert result.contract_end == date(2026, 12, 31)
    assert result.receipt_deadline == date(2026, 9, 30)
    assert result.arrival == date(2026, 9, 30)
    assert result.last_posting_day == date(2026, 9, 26)
    assert result.missed_end is None
    assert not result.too_late_for_post


def test_the_plan_counts_the_days_left_until_posting_and_receipt() -> None:
    result = ordinary_plan(FACTORY, date(2026, 9, 1), subdivision="NW", postal_days=3)
    assert result.days_until_posting == 25  # 01.09. → 26.09.
    assert result.days_until_receipt_deadline == 29  # 01.09. → 30.09.
    assert result.postal_days == 3


def test_on_the_last_posting_day_itself_the_plan_says_post_it_now() -> None:
    # The engine's recommended send date (3 business days before Wed 30.09.) was Fri 25.09.;
    # posted on Sat 26.09. the letter may still arrive in time.
    result = ordinary_plan(FACTORY, date(2026, 9, 26), subdivision="NW", postal_days=3)
    assert result.recommended_send_date == date(2026, 9, 25)
    assert result.state is PlanState.POST_NOW
    assert result.days_until_posting == 0


def test_the_day_after_the_last_posting_day_is_too_late_for_the_post() -> None:
    # Sun 27.09.2026: the Saturday has passed, the deadline 30.09. has not.
    result = ordinary_plan(FACTORY, date(2026, 9, 27), subdivision="NW", postal_days=3)
    assert result.state is PlanState.TOO_LATE_FOR_POST


def test_on_28_september_it_is_too_late_for_the_post_or_runs_until_end_of_2027() -> None:
    # Posting day Sat 26.09. has passed, receipt by 30.09. is still possible (courier, by
    # hand). Received on 01.10.2026 the notice reaches only the next term end, 31.12.2027.
    result = ordinary_plan(FACTORY, date(2026, 9, 28), subdivision="NW", postal_days=3)
    assert result.state is PlanState.TOO_LATE_FOR_POST
    assert result.too_late_for_post
    assert result.contract_end == date(2026, 12, 31)
    assert result.receipt_deadline == date(2026, 9, 30)
    assert result.last_posting_day == date(2026, 9, 26)
    assert result.end_if_late == date(2027, 12, 31)
    assert result.days_until_posting == -2


def test_on_first_october_the_end_of_2026_is_missed_and_the_plan_rolls_over() -> None:
    # Deadline 30.09.2026 passed → next term end 31.12.2027, received by Thu 30.09.2027.
    # 3 postal days: Wed 29. (1), Tue 28. (2), Mon 27.09.2027 (3).
    result = ordinary_plan(FACTORY, date(2026, 10, 1), subdivision="NW", postal_days=3)
    assert result.state is PlanState.ROLLED_OVER
    assert result.missed_end == date(2026, 12, 31)
    assert result.contract_end == date(2027, 12, 31)
    assert result.receipt_deadline == date(2027, 9, 30)
    assert result.last_posting_day == date(2027, 9, 27)
    assert result.end_if_late == date(2028, 12, 31)


def test_the_quick_start_example_of_the_package() -> None:
    result = ordinary_plan(FACTORY, date(2026, 9, 24), subdivision="NW", postal_days=3)
    assert result.contract_end == date(2026, 12, 31)
    assert result.receipt_deadline == date(2026, 9, 30)
    assert result.last_posting_day == date(2026, 9, 26)
    assert not result.too_late_for_post


def test_more_postal_days_move_the_posting_day_earlier_in_the_plan() -> None:
    # Arrival Wed 30.09.2026, 5 postal days: 29., 28., (27. Sunday), 26., 25., 24.09.
    result = ordinary_plan(FACTORY, date(2026, 9, 1), subdivision="NW", postal_days=5)
    assert result.last_posting_day == date(2026, 9, 24)


def test_zero_postal_days_post_on_the_arrival_day() -> None:
    result = ordinary_plan(FACTORY, date(2026, 9, 1), subdivision="NW", postal_days=0)
    assert result.last_posting_day == date(2026, 9, 30)


def test_negative_postal_days_are_refused_by_the_plan() -> None:
    with pytest.raises(ValueError, match="negative"):
        ordinary_plan(FACTORY, date(2026, 9, 1), subdivision="NW", postal_days=-1)


# --- ordinary_plan around 24.12. and 31.12. -------------------------------------------------


def test_a_deadline_on_christmas_eve_aims_for_the_23rd_and_posts_from_there() -> None:
    # Receipt by Thu 24.12.2026 → arrival aimed at Wed 23.12.; 3 postal days: Tue 22. (1),
    # Mon 21. (2), Sun 20. skipped, Sat 19.12. (3).
    result = ordinary_plan(CHRISTMAS, date(2026, 12, 1), subdivision="NW", postal_days=3)
    assert result.state is PlanState.ON_TIME
    assert result.receipt_deadline == date(2026, 12, 24)
    assert result.arrival == date(2026, 12, 23)
    assert result.last_posting_day == date(2026, 12, 19)


def test_on_the_posting_day_for_the_23rd_the_plan_still_aims_for_the_23rd() -> None:
    # Recommended: 3 business days before Wed 23.12. → Fri 18.12.; Sat 19.12. is past it.
    result = ordinary_plan(CHRISTMAS, date(2026, 12, 19), subdivision="NW", postal_days=3)
    assert result.state is PlanState.POST_NOW
    assert result.arrival == date(2026, 12, 23)
    assert result.last_posting_day == date(2026, 12, 19)


def test_once_the_christmas_posting_day_passed_the_plan_aims_for_the_24th_itself() -> None:
    # Sun 20.12.2026: Sat 19. has passed; aim at Thu 24.12.: Wed 23. (1), Tue 22. (2), Mon 21. (3).
    result = ordinary_plan(CHRISTMAS, date(2026, 12, 20), subdivision="NW", postal_days=3)
    assert result.state is PlanState.POST_NOW
    assert result.arrival == date(2026, 12, 24)
    assert result.last_posting_day == date(2026, 12, 21)


def test_after_the_last_christmas_posting_day_it_is_too_late_for_the_post() -> None:
    # Tue 22.12.2026: Mon 21. has passed. Received on Fri 25.12. it ends only 31.12.2027.
    result = ordinary_plan(CHRISTMAS, date(2026, 12, 22), subdivision="NW", postal_days=3)
    assert result.state is PlanState.TOO_LATE_FOR_POST
    assert result.arrival == date(2026, 12, 24)
    assert result.last_posting_day == date(2026, 12, 21)
    assert result.end_if_late == date(2027, 12, 31)


def test_a_deadline_on_new_years_eve_aims_for_the_30th_and_posts_before_christmas() -> None:
    # Receipt by Thu 31.12.2026 → arrival aimed at Wed 30.12.; 3 postal days: Tue 29. (1),
    # Mon 28. (2), Sun 27., Sat 26. (2nd Christmas day), Fri 25. (Christmas) skipped,
    # Thu 24.12. (3) — Christmas Eve is no public holiday.
    result = ordinary_plan(NEW_YEAR, date(2026, 12, 1), subdivision="NW", postal_days=3)
    assert result.state is PlanState.ON_TIME
    assert result.contract_end == date(2027, 3, 31)
    assert result.receipt_deadline == date(2026, 12, 31)
    assert result.arrival == date(2026, 12, 30)
    assert result.last_posting_day == date(2026, 12, 24)


def test_after_christmas_the_plan_aims_for_new_years_eve_itself() -> None:
    # Sun 27.12.2026: Thu 24. has passed; aim at Thu 31.12.: 30. (1), 29. (2), Mon 28.12. (3).
    result = ordinary_plan(NEW_YEAR, date(2026, 12, 27), subdivision="NW", postal_days=3)
    assert result.state is PlanState.POST_NOW
    assert result.arrival == date(2026, 12, 31)
    assert result.last_posting_day == date(2026, 12, 28)


# --- ordinary_plan: a fixed term --------------------------------------------------------------

FIXED = ContractTerms(
    start=date(2025, 1, 1),
    minimum_term=Period(24, MONTHS),
    after_minimum_term=AfterMinimumTerm.ENDS,
)


def test_a_fixed_term_needs_no_notice() -> None:
    result = ordinary_plan(FIXED, date(2026, 6, 1), subdivision="NW")
    assert result.state is PlanState.NO_NOTICE_NEEDED
    assert result.contract_end == date(2026, 12, 31)
    assert result.receipt_deadline is None
    assert result.arrival is None
    assert result.last_posting_day is None
    assert result.end_if_late is None
    assert result.days_until_posting is None
    assert result.days_until_receipt_deadline is None
    assert not result.too_late_for_post


def test_a_fixed_term_that_is_over_has_ended() -> None:
    result = ordinary_plan(FIXED, date(2027, 1, 1), subdivision="NW")
    assert result.state is PlanState.ENDED
    assert result.contract_end is None
    assert result.last_posting_day is None


def test_a_fixed_term_on_its_last_day_still_needs_no_notice() -> None:
    result = ordinary_plan(FIXED, date(2026, 12, 31), subdivision="NW")
    assert result.state is PlanState.NO_NOTICE_NEEDED


# --- ordinary_plan: properties over every kind of terms --------------------------------------


@settings(max_examples=300)
@given(st.data())
def test_the_plan_is_consistent_for_every_kind_of_terms(data: st.DataObject) -> None:
    terms = data.draw(any_terms())
    today = data.draw(todays_for(terms))
    state = data.draw(st.sampled_from(STATES))
    postal_days = data.draw(st.integers(0, 10))
    result = ordinary_plan(terms, today, subdivision=state, postal_days=postal_days)
    days = Days(state)
    posting, arrival, deadline = result.last_posting_day, result.arrival, result.receipt_deadline
    assert posting is not None and arrival is not None and deadline is not None
    assert result.contract_end is not None and result.end_if_late is not None
    assert posting <= arrival <= deadline <= result.contract_end
    assert days.is_business_day(arrival)
    assert oracle_postal(posting, days.subdivision)
    assert posting == oracle_posting(arrival, postal_days, days.subdivision)
    assert result.end_if_late > result.contract_end
    assert deadline >= today
    assert (result.state is PlanState.TOO_LATE_FOR_POST) == (posting < today)
    if result.state is not PlanState.TOO_LATE_FOR_POST:
        assert arrival >= today
        recommended = result.recommended_send_date
        assert recommended is not None and recommended <= posting
        if recommended < today:
            assert result.state is PlanState.POST_NOW
        else:
            assert result.state is (
                PlanState.ROLLED_OVER if result.missed_end is not None else PlanState.ON_TIME
            )
