"""Property tests: the computed deadline is exactly the last day that still works."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from vendorwatch.core.deadlines import (
    AfterMinimumTerm,
    ContractTerms,
    Days,
    NoticeAnchor,
    PayPeriod,
    Period,
    Status,
    Unit,
    WorkingDayClause,
    compute_deadline,
    contract_end_for_notice,
)

from .test_deadlines_i18n import german

ONE = timedelta(days=1)
STATES = ["NW", "BY", "BE", "SN", None]
CALENDAR_ANCHORS = [
    NoticeAnchor.MONTH_END,
    NoticeAnchor.QUARTER_END,
    NoticeAnchor.YEAR_END,
    NoticeAnchor.ANY_DAY,
]


# --- an independent oracle: §§ 187 I, 188 BGB forwards, searched backwards day by day ---


def oracle_add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def oracle_forward(received: date, period: Period) -> date:
    factor = {Unit.MONTHS: 1, Unit.QUARTERS: 3, Unit.HALF_YEARS: 6, Unit.YEARS: 12}
    if period.unit in factor:
        return oracle_add_months(received, period.amount * factor[period.unit])
    return received + timedelta(days=period.amount * (7 if period.unit is Unit.WEEKS else 1))


def oracle_latest_receipt(end: date, period: Period) -> date:
    day = end
    while oracle_forward(day, period) > end:
        day -= ONE
    return day


def oracle_term_end(start: date, months: int) -> date:
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    last = calendar.monthrange(year, month + 1)[1]
    if start.day > last:
        return date(year, month + 1, last)
    return date(year, month + 1, start.day) - ONE


def oracle_term_ends(start: date, minimum: int, renewal: int, until: date) -> list[date]:
    ends = [oracle_term_end(start, minimum)]
    while ends[-1] <= until:
        ends.append(oracle_term_end(ends[-1] + ONE, renewal))
    return ends


def is_anchor_end(day: date, anchor: NoticeAnchor) -> bool:
    month_end = (day + ONE).day == 1
    if anchor is NoticeAnchor.MONTH_END:
        return month_end
    if anchor is NoticeAnchor.QUARTER_END:
        return month_end and day.month % 3 == 0
    if anchor is NoticeAnchor.YEAR_END:
        return (day.month, day.day) == (12, 31)
    return True


# --- strategies --------------------------------------------------------------------------


@st.composite
def days_(draw: st.DrawFn) -> date:
    """Any day, often the end of a month or a 29th of February."""
    year = draw(st.integers(2020, 2034))
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    day = draw(st.one_of(st.integers(1, last), st.sampled_from([1, last, min(29, last)])))
    return date(year, month, day)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    unit = draw(st.sampled_from(list(Unit)))
    top = {Unit.DAYS: 120, Unit.WEEKS: 13, Unit.MONTHS: 12, Unit.QUARTERS: 4}.get(unit, 2)
    return Period(draw(st.integers(1, top)), unit)


@st.composite
def term_lengths(draw: st.DrawFn) -> Period:
    unit = draw(st.sampled_from([Unit.MONTHS, Unit.QUARTERS, Unit.YEARS]))
    top = {Unit.MONTHS: 36, Unit.QUARTERS: 8, Unit.YEARS: 3}[unit]
    return Period(draw(st.integers(1, top)), unit)


@dataclass(frozen=True)
class Case:
    """Terms with a single period-based notice rule, and what an end must look like."""

    terms: ContractTerms
    period: Period
    anchor: NoticeAnchor  # TERM_END: one of the chained terms


@st.composite
def single_rule_cases(draw: st.DrawFn) -> Case:
    start = draw(days_())
    notice = draw(periods())
    kind = draw(st.sampled_from(["renews", "open", "after_minimum"]))
    if kind == "renews":
        terms = ContractTerms(
            start=start,
            minimum_term=draw(term_lengths()),
            after_minimum_term=AfterMinimumTerm.RENEWS,
            renewal_term=draw(term_lengths()),
            notice_period=notice,
        )
        return Case(terms, notice, NoticeAnchor.TERM_END)
    anchor = draw(st.sampled_from(CALENDAR_ANCHORS))
    minimum = draw(term_lengths()) if kind == "after_minimum" else None
    terms = ContractTerms(
        start=start, minimum_term=minimum, notice_period=notice, notice_anchor=anchor
    )
    return Case(terms, notice, anchor)


@st.composite
def any_terms(draw: st.DrawFn) -> ContractTerms:
    """Every kind of terms the engine supports (except the fixed term)."""
    choice = draw(st.sampled_from(["single", "initial", "clause", "statutory"]))
    if choice == "single":
        return draw(single_rule_cases()).terms
    start = draw(days_())
    minimum = draw(st.one_of(st.none(), term_lengths()))
    if choice == "initial":
        return ContractTerms(
            start=start,
            minimum_term=draw(term_lengths()),
            notice_period=draw(periods()),
            notice_anchor=NoticeAnchor.TERM_END,
            continuation_notice_period=draw(periods()),
            continuation_notice_anchor=draw(st.sampled_from(CALENDAR_ANCHORS)),
        )
    if choice == "clause":
        clause = WorkingDayClause(draw(st.integers(1, 20)), draw(st.integers(0, 6)))
        renews = minimum is not None and draw(st.booleans())
        return ContractTerms(
            start=start,
            minimum_term=minimum,
            after_minimum_term=AfterMinimumTerm.RENEWS if renews else AfterMinimumTerm.OPEN_ENDED,
            renewal_term=draw(term_lengths()) if renews else None,
            working_day_clause=clause,
        )
    return ContractTerms(
        start=start,
        minimum_term=minimum,
        service_contract=True,
        pay_period=draw(st.sampled_from(list(PayPeriod))),
    )


def todays_for(terms: ContractTerms) -> st.SearchStrategy[date]:
    return st.integers(-400, 3000).map(lambda offset: terms.start + timedelta(days=offset))


# --- properties ----------------------------------------------------------------------------


@settings(deadline=None, max_examples=300)
@given(st.data())
def test_receipt_on_deadline_ends_on_end_and_one_day_later_does_not(data: st.DataObject) -> None:
    terms = data.draw(any_terms())
    today = data.draw(todays_for(terms))
    state = data.draw(st.sampled_from(STATES))
    result = compute_deadline(terms, today, subdivision=state)
    end, deadline = result.next_possible_end, result.receipt_deadline
    assert end is not None and deadline is not None
    assert today <= deadline <= end
    assert contract_end_for_notice(terms, deadline, subdivision=state) == end
    later = contract_end_for_notice(terms, deadline + ONE, subdivision=state)
    assert later is not None and later > end


@settings(deadline=None, max_examples=300)
@given(st.data())
def test_deadline_leaves_exactly_the_full_notice_period(data: st.DataObject) -> None:
    case = data.draw(single_rule_cases())
    today = data.draw(todays_for(case.terms))
    result = compute_deadline(case.terms, today)
    end, deadline = result.next_possible_end, result.receipt_deadline
    assert end is not None and deadline is not None
    assert end > today
    assert oracle_forward(deadline, case.period) <= end
    assert oracle_forward(deadline + ONE, case.period) > end
    assert deadline == oracle_latest_receipt(end, case.period)


@settings(deadline=None)
@given(st.data())
def test_next_possible_end_is_a_valid_end_per_the_terms(data: st.DataObject) -> None:
    case = data.draw(single_rule_cases())
    terms = case.terms
    today = data.draw(todays_for(terms))
    end = compute_deadline(terms, today).next_possible_end
    assert end is not None
    if case.anchor is NoticeAnchor.TERM_END:
        assert terms.minimum_term is not None and terms.renewal_term is not None
        minimum, renewal = months_of(terms.minimum_term), months_of(terms.renewal_term)
        assert end in oracle_term_ends(terms.start, minimum, renewal, end)
        return
    assert is_anchor_end(end, case.anchor)
    if terms.minimum_term is not None:
        assert end >= oracle_term_end(terms.start, months_of(terms.minimum_term))
    else:
        assert end >= terms.start


def valid_ends_before(case: Case, end: date) -> list[date]:
    """The oracle's possible ends in the 120 days before ``end``."""
    terms = case.terms
    if case.anchor is NoticeAnchor.TERM_END:
        assert terms.minimum_term is not None and terms.renewal_term is not None
        ends = oracle_term_ends(
            terms.start, months_of(terms.minimum_term), months_of(terms.renewal_term), end
        )
        return [e for e in ends if e < end]
    lower = terms.start
    if terms.minimum_term is not None:
        lower = oracle_term_end(terms.start, months_of(terms.minimum_term))
    window = (end - timedelta(days=n) for n in range(1, 121))
    return [e for e in window if e >= lower and is_anchor_end(e, case.anchor)]


def months_of(period: Period) -> int:
    return period.amount * {Unit.MONTHS: 1, Unit.QUARTERS: 3, Unit.YEARS: 12}[period.unit]


@settings(deadline=None)
@given(st.data())
def test_no_earlier_end_is_reachable_from_today(data: st.DataObject) -> None:
    case = data.draw(single_rule_cases())
    today = data.draw(todays_for(case.terms))
    end = compute_deadline(case.terms, today).next_possible_end
    assert end is not None
    for earlier in valid_ends_before(case, end):
        # notice received today would leave less than the full period before ``earlier``
        assert oracle_forward(today, case.period) > earlier


@settings(deadline=None)
@given(st.data())
def test_rolling_over_is_consistent(data: st.DataObject) -> None:
    terms = data.draw(any_terms())
    today = data.draw(todays_for(terms))
    result = compute_deadline(terms, today, subdivision="NW")
    assert result.next_possible_end is not None and result.receipt_deadline is not None
    if result.missed_end is not None:
        assert result.missed_deadline is not None
        assert result.missed_deadline < today <= result.missed_end < result.next_possible_end
        # On its deadline the missed end was still reachable (an even earlier end may have
        # been, when the notice to the minimum term's end is shorter than the continuation's).
        back_then = contract_end_for_notice(terms, result.missed_deadline, subdivision="NW")
        assert back_then is not None and back_then <= result.missed_end
    day_after = compute_deadline(terms, result.receipt_deadline + ONE, subdivision="NW")
    assert day_after.next_possible_end is not None
    assert day_after.next_possible_end > result.next_possible_end


@settings(deadline=None)
@given(st.data())
def test_later_today_never_gives_an_earlier_end(data: st.DataObject) -> None:
    terms = data.draw(any_terms())
    first = data.draw(todays_for(terms))
    second = first + timedelta(days=data.draw(st.integers(0, 400)))
    one = compute_deadline(terms, first).next_possible_end
    two = compute_deadline(terms, second).next_possible_end
    assert one is not None and two is not None and one <= two


@settings(deadline=None)
@given(st.data())
def test_business_day_and_send_date_fit_the_deadline(data: st.DataObject) -> None:
    terms = data.draw(any_terms())
    today = data.draw(todays_for(terms))
    state = data.draw(st.sampled_from(STATES))
    postal = data.draw(st.integers(0, 6))
    result = compute_deadline(terms, today, subdivision=state, postal_days=postal)
    deadline, last = result.receipt_deadline, result.last_business_day_for_receipt
    arrival, send = result.recommended_arrival_date, result.recommended_send_date
    assert deadline is not None and last is not None and send is not None
    assert arrival is not None
    days = Days(state)
    assert days.is_business_day(last) and last <= deadline
    assert not any(
        days.is_business_day(last + timedelta(n)) for n in range(1, (deadline - last).days + 1)
    )
    # The advice aims one business day early only when the last day is 24.12. or 31.12.
    if (last.month, last.day) in ((12, 24), (12, 31)):
        assert days.is_business_day(arrival) and arrival < last
        assert not any(
            days.is_business_day(arrival + timedelta(n)) for n in range(1, (last - arrival).days)
        )
    else:
        assert arrival == last
    between = [send + timedelta(n) for n in range(1, (arrival - send).days + 1)]
    assert days.is_business_day(send)
    assert sum(days.is_business_day(d) for d in between) == postal
    assert (result.status is Status.TOO_LATE_FOR_POST) == (send < today)
    assert result.days_until_receipt_deadline == (deadline - today).days


@settings(deadline=None)
@given(st.data())
def test_explanation_renders_in_both_languages(data: st.DataObject) -> None:
    terms = data.draw(any_terms())
    today = data.draw(todays_for(terms))
    explanation = compute_deadline(terms, today, subdivision="NW").explanation
    english = explanation.render()
    in_german = explanation.render(german)
    assert len(english) == len(in_german) == len(explanation.steps)
    assert all("{" not in line for line in english + in_german)
