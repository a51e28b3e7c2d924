"""Year-end receipt risk: a letter delivered to a business on the afternoon of 24.12. or
31.12. is often only treated as received on the next business day (BGH, 05.12.2007,
XII ZR 148/05). The advice aims one business day earlier; the legal deadline stays."""

import re
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from vendorwatch.core.deadlines import (
    AfterMinimumTerm,
    ContractTerms,
    Period,
    Rule,
    Status,
    StepCode,
    Unit,
    compute_deadline,
)

from .test_deadlines_i18n import german
from .test_deadlines_properties import STATES, any_terms, todays_for

DATE = re.compile(r"\d\d\.\d\d\.\d{4}")


def renewing(start: date, notice: Period) -> ContractTerms:
    return ContractTerms(
        start=start,
        minimum_term=Period(24, Unit.MONTHS),
        after_minimum_term=AfterMinimumTerm.RENEWS,
        renewal_term=Period(12, Unit.MONTHS),
        notice_period=notice,
    )


# 1 week to 31.12.2026: receipt by Thursday 24.12.2026.
CHRISTMAS = renewing(date(2025, 1, 1), Period(1, Unit.WEEKS))
# 3 months to 31.03.2027: receipt by Thursday 31.12.2026.
NEW_YEAR = renewing(date(2025, 4, 1), Period(3, Unit.MONTHS))


def test_a_deadline_on_christmas_eve_stays_but_the_advice_aims_for_the_23rd() -> None:
    result = compute_deadline(CHRISTMAS, date(2026, 12, 1), subdivision="NW")
    assert result.receipt_deadline == date(2026, 12, 24)
    assert result.last_business_day_for_receipt == date(2026, 12, 24)
    assert result.recommended_arrival_date == date(2026, 12, 23)
    # three business days before Wednesday 23.12.: 22., 21., Friday 18.12.
    assert result.recommended_send_date == date(2026, 12, 18)


def test_a_deadline_on_new_years_eve_aims_for_the_30th_and_sends_before_christmas() -> None:
    result = compute_deadline(NEW_YEAR, date(2026, 12, 1), subdivision="NW")
    assert result.receipt_deadline == date(2026, 12, 31)
    assert result.recommended_arrival_date == date(2026, 12, 30)
    # 29., 28., then 25. and 26. are holidays: Thursday 24.12.
    assert result.recommended_send_date == date(2026, 12, 24)


def test_a_sunday_deadline_whose_last_business_day_is_christmas_eve_aims_for_the_23rd() -> None:
    # 4 days to 31.12.2026: receipt by Sunday 27.12.; last business day Thursday 24.12.
    terms = renewing(date(2025, 1, 1), Period(4, Unit.DAYS))
    result = compute_deadline(terms, date(2026, 12, 1), subdivision="NW")
    assert result.receipt_deadline == date(2026, 12, 27)
    assert result.last_business_day_for_receipt == date(2026, 12, 24)
    assert result.recommended_arrival_date == date(2026, 12, 23)


def test_a_year_end_deadline_on_a_weekend_changes_nothing() -> None:
    # 3 months to 31.03.2029: receipt by Sunday 31.12.2028; last business day Fri 29.12.
    terms = renewing(date(2027, 4, 1), Period(3, Unit.MONTHS))
    result = compute_deadline(terms, date(2028, 12, 1), subdivision="NW")
    assert result.receipt_deadline == date(2028, 12, 31)
    assert result.recommended_arrival_date == date(2028, 12, 29)
    assert StepCode.YEAR_END_RECEIPT not in result.explanation.codes


def test_the_derivation_says_why_and_cites_the_bgh() -> None:
    result = compute_deadline(CHRISTMAS, date(2026, 12, 1), subdivision="NW")
    step = next(s for s in result.explanation.steps if s.code is StepCode.YEAR_END_RECEIPT)
    assert step.rules == (Rule.BGH_YEAR_END,)
    assert (
        "24.12.2026 is Christmas Eve: a letter delivered to a business on that afternoon is"
        " often only treated as received on the next business day. To be safe, make sure it"
        " arrives by 23.12.2026, the business day before; the legal deadline stays 24.12.2026."
        " (BGH, 05.12.2007, XII ZR 148/05)"
    ) in result.explanation.render()


def test_the_summary_says_why_in_german() -> None:
    result = compute_deadline(NEW_YEAR, date(2026, 12, 1), subdivision="NW")
    arrive = result.explanation.render_summary(german)[1]
    assert arrive.startswith("Die Kündigung muss ankommen bis: 30.12.2026 – nicht erst an")
    assert "Silvester (31.12.2026)" in arrive
    assert "(gesetzliche Frist: 31.12.2026)" in arrive


def test_on_christmas_eve_itself_it_is_too_late_for_the_post_but_not_missed() -> None:
    result = compute_deadline(CHRISTMAS, date(2026, 12, 24), subdivision="NW")
    assert result.status is Status.TOO_LATE_FOR_POST
    assert result.next_possible_end == date(2026, 12, 31)


# --- the advice as seen on the last days: never a day that has passed ------------------------

# 4 days to 31.12.2026: receipt by Sunday 27.12.; last business day Thursday 24.12.
CHRISTMAS_SUNDAY = renewing(date(2025, 1, 1), Period(4, Unit.DAYS))


def test_on_the_advised_day_itself_the_summary_still_names_it() -> None:
    result = compute_deadline(NEW_YEAR, date(2026, 12, 30), subdivision="NW")
    assert result.arrive_by == date(2026, 12, 30)
    assert result.days_until_arrive_by == 0
    arrive = result.explanation.render_summary(german)[1]
    assert arrive.startswith("Die Kündigung muss ankommen bis: 30.12.2026 – nicht erst an")


def test_well_before_the_year_end_the_days_left_count_to_the_advised_day() -> None:
    result = compute_deadline(NEW_YEAR, date(2026, 12, 1), subdivision="NW")
    assert result.arrive_by == date(2026, 12, 30)
    assert result.days_until_arrive_by == 29  # 01.12. to 30.12.
    assert result.days_until_receipt_deadline == 30  # the legal count is unchanged


def test_on_new_years_eve_the_summary_says_the_legal_deadline_is_today() -> None:
    result = compute_deadline(NEW_YEAR, date(2026, 12, 31), subdivision="NW")
    assert result.arrive_by == date(2026, 12, 31)
    assert result.days_until_arrive_by == 0
    summary = result.explanation.render_summary(german)
    assert summary[1] == (
        "Die Kündigung muss heute ankommen, am 31.12.2026 (Silvester): Die gesetzliche Frist"
        " endet heute. Stellen Sie sie vormittags per Boten oder Kurier zu – ein Schreiben, das"
        " einem Unternehmen am Nachmittag zugestellt wird, gilt oft erst am nächsten"
        " Geschäftstag als zugegangen"
    )
    assert "30.12.2026" not in " ".join(summary)


def test_on_christmas_eve_as_the_deadline_the_summary_says_today() -> None:
    result = compute_deadline(CHRISTMAS, date(2026, 12, 24), subdivision="NW")
    assert result.arrive_by == date(2026, 12, 24)
    assert result.explanation.render_summary()[1] == (
        "Notice must arrive today, 24.12.2026 (Christmas Eve): the legal deadline ends today."
        " Deliver it by hand or courier in the morning – a letter delivered to a business that"
        " afternoon often only counts as received on the next business day"
    )


def test_on_christmas_eve_before_a_sunday_deadline_the_morning_is_left() -> None:
    result = compute_deadline(CHRISTMAS_SUNDAY, date(2026, 12, 24), subdivision="NW")
    assert result.arrive_by == date(2026, 12, 24)
    assert result.explanation.render_summary()[1] == (
        "Notice must arrive by: 24.12.2026 (Christmas Eve), in the morning – deliver it by hand"
        " or courier: a letter delivered to a business that afternoon often only counts as"
        " received on the next business day (legal deadline: 27.12.2026)"
    )


def test_after_the_last_business_day_only_the_legal_deadline_is_named() -> None:
    result = compute_deadline(CHRISTMAS_SUNDAY, date(2026, 12, 25), subdivision="NW")
    assert result.status is Status.TOO_LATE_FOR_POST
    assert result.arrive_by == date(2026, 12, 27)
    assert result.explanation.render_summary()[1] == (
        "Notice must arrive by: 27.12.2026, the legal deadline – the last business day before"
        " it has passed, so deliver it by hand or courier today, with proof of delivery"
    )


def year_end_days(terms: ContractTerms) -> st.SearchStrategy[date]:
    """Days from 15 to 31 December, where the advice moves, in the first years of a contract."""
    years = st.integers(max(terms.start.year, 1901), terms.start.year + 8)
    return st.builds(date, years, st.just(12), st.integers(15, 31))


@settings(deadline=None, max_examples=150)
@given(st.data())
def test_the_advice_never_names_a_day_that_has_passed(data: st.DataObject) -> None:
    terms = data.draw(any_terms())
    first = data.draw(st.one_of(todays_for(terms), year_end_days(terms)))
    state = data.draw(st.sampled_from(STATES))
    deadline = compute_deadline(terms, first, subdivision=state).receipt_deadline
    assert deadline is not None
    # Brute force over every day up to the deadline (its last ten days at most).
    for offset in range(min((deadline - first).days, 10) + 1):
        today = deadline - timedelta(days=offset)
        result = compute_deadline(terms, today, subdivision=state)
        arrive_by, advised = result.arrive_by, result.recommended_arrival_date
        assert arrive_by is not None and advised is not None
        assert today <= arrive_by <= deadline
        assert result.days_until_arrive_by == (arrive_by - today).days
        if advised >= today:
            assert arrive_by == advised  # the plan holds while it can
        # Every date in the "arrive by" line is today or later, in both languages.
        summary = result.explanation
        for line in (summary.render_summary()[1], summary.render_summary(german)[1]):
            named = [datetime.strptime(m, "%d.%m.%Y").date() for m in DATE.findall(line)]
            assert named and all(day >= today for day in named)
