"""Explanations: every result says step by step, in German and English, which rule applied."""

from datetime import date

from vendorwatch.core.deadlines import (
    AfterMinimumTerm,
    ContractTerms,
    NoticeAnchor,
    PayPeriod,
    Period,
    Rule,
    StepCode,
    Unit,
    WorkingDayClause,
    compute_deadline,
    format_period,
)
from vendorwatch.core.deadlines.explain import MESSAGES

from .test_deadlines_i18n import german


def renewing(start: date, minimum: int = 24) -> ContractTerms:
    return ContractTerms(
        start=start,
        minimum_term=Period(minimum, Unit.MONTHS),
        after_minimum_term=AfterMinimumTerm.RENEWS,
        renewal_term=Period(12, Unit.MONTHS),
        notice_period=Period(3, Unit.MONTHS),
    )


def rules_of(result_steps: object) -> set[Rule]:
    return {rule for step in result_steps for rule in step.rules}  # type: ignore[attr-defined]


def test_every_step_code_has_a_message() -> None:
    assert set(MESSAGES) == set(StepCode)


def test_english_explanation_of_the_first_public_example() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 6, 15), subdivision="NW")
    lines = result.explanation.render()
    assert "The minimum term (24 months) ends on 31.12.2026. (§ 188(2) BGB)" in lines
    assert any("received on 30.09.2026 at the latest" in line for line in lines)
    assert any("send the letter by 25.09.2026" in line for line in lines)


def test_german_explanation_uses_legal_terms_and_german_citations() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 6, 15), subdivision="NW")
    text = "\n".join(result.explanation.render(german))
    assert "Die Mindestlaufzeit (24 Monate) endet am 31.12.2026. (§ 188 Abs. 2 BGB)" in text
    assert "spätestens am 30.09.2026 zugehen" in text
    assert "§ 187 Abs. 1 BGB" in text
    assert "Zugang der Kündigung beim Empfänger" in text


def test_render_accepts_a_language_code() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 6, 15))
    assert len(result.explanation.render("en")) == len(result.explanation.steps)


def test_month_end_cap_is_explained_with_188_iii() -> None:
    result = compute_deadline(renewing(date(2025, 3, 1)), date(2026, 6, 1))
    assert StepCode.CAPPED in result.explanation.codes
    assert Rule.BGB_188_3 in rules_of(result.explanation.steps)


def test_weekend_deadline_explains_that_193_does_not_apply() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1), 60), date(2029, 6, 1), subdivision="NW")
    lines = result.explanation.render()
    assert any(
        "30.09.2029 is a Sunday; the deadline is not moved" in line
        and "BGH, 17.02.2005, III ZR 172/04" in line
        for line in lines
    )
    assert any("arrives by 28.09.2029" in line for line in lines)


def test_business_day_deadline_names_the_state() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 6, 15), subdivision="NW")
    lines = result.explanation.render()
    assert any("no public holiday in North Rhine-Westphalia" in line for line in lines)


def test_receipt_not_sending_is_explained_with_130() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 6, 15))
    assert StepCode.RECEIPT in result.explanation.codes
    assert Rule.BGB_130 in rules_of(result.explanation.steps)


def test_missed_deadline_and_renewal_are_explained() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 10, 1))
    codes = result.explanation.codes
    assert StepCode.MISSED in codes and StepCode.RENEWAL in codes
    assert Rule.BGB_190 in rules_of(result.explanation.steps)


def test_too_late_for_post_says_deliver_by_hand() -> None:
    result = compute_deadline(renewing(date(2025, 1, 1)), date(2026, 9, 29), subdivision="NW")
    assert "deliver by hand or courier today" in result.explanation.render()[-1]
    assert "heute per Boten oder Kurier" in result.explanation.render(german)[-1]


def test_working_day_clause_cites_saturday_as_werktag() -> None:
    terms = ContractTerms(start=date(2020, 1, 1), working_day_clause=WorkingDayClause(3, 2))
    result = compute_deadline(terms, date(2026, 7, 20), subdivision="NW")
    assert Rule.SATURDAY_WERKTAG in rules_of(result.explanation.steps)
    text = "\n".join(result.explanation.render(german))
    assert "spätestens am 3. Werktag des Monats 08.2026 zugehen, also am 04.08.2026" in text


def test_saturday_werktag_deadline_is_flagged_as_not_moved() -> None:
    terms = ContractTerms(start=date(2020, 1, 1), working_day_clause=WorkingDayClause(6, 0))
    result = compute_deadline(terms, date(2028, 1, 2), subdivision="NW")
    assert StepCode.SATURDAY_DEADLINE in result.explanation.codes


def test_statutory_notice_names_621_number() -> None:
    terms = ContractTerms(
        start=date(2020, 1, 1), service_contract=True, pay_period=PayPeriod.MONTHLY
    )
    result = compute_deadline(terms, date(2026, 11, 2))
    assert {Rule.BGB_621_3, Rule.BGB_620_2} <= rules_of(result.explanation.steps)
    text = "\n".join(result.explanation.render(german))
    assert "Vergütung, die nach Monaten bemessen ist" in text


def test_quarter_end_anchor_cites_192() -> None:
    terms = ContractTerms(
        start=date(2020, 1, 1),
        notice_period=Period(6, Unit.WEEKS),
        notice_anchor=NoticeAnchor.QUARTER_END,
    )
    result = compute_deadline(terms, date(2027, 2, 1))
    assert Rule.BGB_192 in rules_of(result.explanation.steps)


def test_fixed_term_explains_no_notice_needed() -> None:
    terms = ContractTerms(
        start=date(2025, 1, 1),
        minimum_term=Period(2, Unit.YEARS),
        after_minimum_term=AfterMinimumTerm.ENDS,
    )
    result = compute_deadline(terms, date(2026, 1, 1))
    assert result.explanation.codes[-1] is StepCode.FIXED_TERM


def test_periods_are_written_with_singular_and_plural() -> None:
    assert format_period(Period(1, Unit.MONTHS)) == "1 month"
    assert format_period(Period(6, Unit.WEEKS), german) == "6 Wochen"
