"""The chain of terms skips ahead by arithmetic: same terms as walking term by term, without
walking 46,000 daily renewals since 1900."""

import calendar
import time
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from vendorwatch.core.deadlines import (
    AfterMinimumTerm,
    ContractTerms,
    Period,
    Unit,
    compute_deadline,
    term_end,
)
from vendorwatch.core.deadlines.rules import TermChain

ONE = timedelta(days=1)


def walked(start: date, minimum: Period, renewal: Period, day: date) -> tuple[date, date]:
    """The oracle: walk term by term until one ends on or after ``day``."""
    begin, end = start, term_end(start, minimum)
    while end < day:
        begin = end + ONE
        end = term_end(begin, renewal)
    return begin, end


@st.composite
def starts(draw: st.DrawFn) -> date:
    year = draw(st.integers(1950, 2030))
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    day = draw(st.one_of(st.integers(1, last), st.sampled_from([min(29, last), last])))
    return date(year, month, day)


@st.composite
def lengths(draw: st.DrawFn) -> Period:
    unit = draw(st.sampled_from(list(Unit)))
    top = {Unit.DAYS: 400, Unit.WEEKS: 60, Unit.MONTHS: 40}.get(unit, 5)
    return Period(draw(st.integers(1, top)), unit)


@settings(deadline=None, max_examples=400)
@given(starts(), lengths(), lengths(), st.integers(-500, 30_000))
def test_the_term_containing_a_day_is_the_one_found_by_walking(
    start: date, minimum: Period, renewal: Period, offset: int
) -> None:
    day = start + timedelta(days=offset)
    chain = TermChain(start, minimum, renewal)
    assert chain.term_containing_end(day) == walked(start, minimum, renewal, day)


def test_a_contract_renewing_daily_since_1900_is_computed_at_once() -> None:
    terms = ContractTerms(
        start=date(1900, 1, 1),
        minimum_term=Period(1, Unit.DAYS),
        after_minimum_term=AfterMinimumTerm.RENEWS,
        renewal_term=Period(1, Unit.DAYS),
        notice_period=Period(1, Unit.DAYS),
    )
    compute_deadline(terms, date(1900, 6, 1))  # loads the holiday tables, not timed
    began = time.perf_counter()
    result = compute_deadline(terms, date(2026, 6, 15))
    assert time.perf_counter() - began < 0.1
    # notice received on 15.06. (not counted) leaves 16.06. as the one day before the end
    assert (result.next_possible_end, result.receipt_deadline) == (
        date(2026, 6, 16),
        date(2026, 6, 15),
    )


def test_a_monthly_renewal_from_the_31st_follows_the_cap_to_the_1st() -> None:
    # 31.01.2025 + 1 month ends 28.02.2025 (§ 188 Abs. 3 BGB); from 01.03. on, whole months.
    chain = TermChain(date(2025, 1, 31), Period(1, Unit.MONTHS), Period(1, Unit.MONTHS))
    assert chain.term_containing_end(date(2025, 2, 10)) == (date(2025, 1, 31), date(2025, 2, 28))
    assert chain.term_containing_end(date(2030, 7, 10)) == (date(2030, 7, 1), date(2030, 7, 31))
