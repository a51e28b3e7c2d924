"""Numbers are written with their words in the right number, in German: "1 Monat zum
Monatsende", "2 Monate", "1 Jahr", "1 Geschäftstag"."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vendorwatch.contracts.templatetags.contracts_tags import hours, period
from vendorwatch.contracts.terms_text import terms_facts, working_day_text
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.core.deadlines import compute_deadline

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _german() -> object:
    with translation.override("de"):
        yield


@pytest.mark.parametrize(
    ("unit", "one", "two"),
    [
        ("days", "1 Tag", "2 Tage"),
        ("weeks", "1 Woche", "2 Wochen"),
        ("months", "1 Monat", "2 Monate"),
        ("quarters", "1 Quartal", "2 Quartale"),
        ("years", "1 Jahr", "2 Jahre"),
    ],
)
def test_a_period_is_written_in_the_right_number(unit: str, one: str, two: str) -> None:
    assert (period(1, unit), period(2, unit)) == (one, two)


def test_one_month_to_the_end_of_a_month() -> None:
    contract = make_contract(
        minimum_term_amount=None,
        after_minimum_term="open_ended",
        notice_amount=1,
        notice_anchor="month_end",
    )
    assert ("Kündigungsfrist", "1 Monat zum Monatsende") in terms_facts(contract)


def test_a_renewing_contract_reads_in_the_right_number() -> None:
    contract = make_contract(
        minimum_term_amount=1,
        minimum_term_unit="years",
        renewal_term_amount=2,
        renewal_term_unit="years",
        notice_amount=1,
        notice_unit="months",
    )
    facts = dict(terms_facts(contract))
    assert facts["Mindestlaufzeit"] == "1 Jahr"
    assert facts["Verlängert sich jeweils um"] == "2 Jahre"
    assert facts["Kündigungsfrist"] == "1 Monat zum Ende der Laufzeit"


def test_a_minimum_term_then_open_ended_names_both_periods() -> None:
    contract = make_contract(
        after_minimum_term="open_ended",
        notice_amount=3,
        continuation_notice_amount=1,
        continuation_notice_anchor="month_end",
    )
    facts = dict(terms_facts(contract))
    assert facts["Kündigungsfrist zum Ende der Mindestlaufzeit"] == "3 Monate"
    assert facts["Kündigungsfrist nach der Mindestlaufzeit"] == "1 Monat zum Monatsende"


def test_the_working_day_clause_reads_in_the_right_number() -> None:
    assert working_day_text(3, 0).endswith("zum Ende dieses Monats")
    assert working_day_text(3, 1).endswith("1 Monat später")
    assert working_day_text(3, 2).endswith("2 Monate später")


def test_hours_are_written_as_germans_write_them() -> None:
    assert (hours(Decimal("1")), hours(Decimal("7.5")), hours(Decimal("1234"))) == (
        "1 Std.",
        "7,50 Std.",
        "1.234 Std.",
    )


def test_one_business_day_for_the_post_is_singular() -> None:
    contract = make_contract(postal_days=1)
    terms = contract.to_terms()
    one = compute_deadline(terms, date(2026, 6, 15), postal_days=1).explanation.render("de")
    three = compute_deadline(terms, date(2026, 6, 15), postal_days=3).explanation.render("de")
    assert any(line.startswith("Bei 1 Geschäftstag Postlaufzeit") for line in one)
    assert any(line.startswith("Bei 3 Geschäftstagen Postlaufzeit") for line in three)


def test_the_contract_page_writes_terms_in_the_right_number(client: Client, viewer) -> None:
    contract = make_contract(
        minimum_term_amount=1,
        minimum_term_unit="years",
        renewal_term_amount=1,
        renewal_term_unit="years",
        notice_amount=1,
        notice_unit="months",
    )
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "<dd>1 Jahr</dd>" in text
    assert "<dd>1 Monat zum Ende der Laufzeit</dd>" in text
    assert "1 Jahre" not in text and "1 Monate" not in text
