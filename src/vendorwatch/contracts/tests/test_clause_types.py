"""The contract form shows only the fields of the clause type chosen, and the deadline is
computed from exactly those: a field of another type, hidden on the page, neither makes the
form invalid nor changes what is saved."""

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from vendorwatch.contracts.clause_types import ClauseType, clause_type_of, shown_terms
from vendorwatch.contracts.contract_form import ContractForm
from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract
from vendorwatch.contracts.tests.test_terms import form_data

pytestmark = pytest.mark.django_db

# Values typed into every clause type's fields, as a user who tried several types leaves them.
STALE = {
    "minimum_term_amount": "36",
    "renewal_term_amount": "6",
    "notice_amount": "6",
    "notice_anchor": "quarter_end",
    "working_day_nth": "3",
    "working_day_months_after": "2",
    "continuation_notice_amount": "2",
    "continuation_notice_unit": "weeks",
    "continuation_notice_anchor": "year_end",
    "pay_period": "weekly",
}

# For each type, only its own fields, as a careful user fills them in.
OWN: dict[str, dict[str, str]] = {
    "renews": {"minimum_term_amount": "24", "renewal_term_amount": "12", "notice_amount": "3"},
    "minimum_then_open": {
        "minimum_term_amount": "24",
        "notice_amount": "",
        "continuation_notice_amount": "1",
        "continuation_notice_unit": "months",
        "continuation_notice_anchor": "month_end",
    },
    "open_ended": {"notice_amount": "1", "notice_anchor": "month_end"},
    "statutory": {"minimum_term_amount": "", "notice_amount": "", "pay_period": "monthly"},
    "working_day": {
        "minimum_term_amount": "",
        "working_day_nth": "3",
        "working_day_months_after": "2",
    },
    "fixed": {"minimum_term_amount": "24"},
}
BLANK = {name: "" for name in STALE if not name.endswith(("_unit", "_anchor", "pay_period"))}


def saved(clause: str, fields: dict[str, Any]) -> Contract:
    form = ContractForm(form_data(clause_type=clause, **fields))
    assert form.is_valid(), form.errors
    return form.save()


def deadlines(contract: Contract) -> list[tuple[date | None, date | None]]:
    found = []
    for today in (date(2025, 6, 1), date(2026, 6, 15), date(2027, 2, 10)):
        result = contract.deadline(today, "NW")
        assert result is not None
        found.append((result.next_possible_end, result.receipt_deadline))
    return found


@pytest.mark.parametrize("clause", [c.value for c in ClauseType])
def test_hidden_fields_of_other_types_change_nothing(clause: str) -> None:
    careful = saved(clause, {**BLANK, **OWN[clause]})
    hasty = saved(clause, {**STALE, **OWN[clause]})
    assert deadlines(hasty) == deadlines(careful)
    assert hasty.to_terms() == careful.to_terms()
    assert clause_type_of(hasty) == clause


@pytest.mark.parametrize("clause", [c.value for c in ClauseType])
def test_unreadable_values_in_hidden_fields_do_not_invalidate(clause: str) -> None:
    garbage = {name: "²x" for name in STALE}
    form = ContractForm(form_data(clause_type=clause, **{**garbage, **OWN[clause]}))
    assert form.is_valid(), form.errors


def test_an_open_ended_contract_keeps_no_continuation_period() -> None:
    contract = saved("open_ended", {**STALE, **OWN["open_ended"]})
    assert contract.continuation_notice_amount is None
    assert contract.minimum_term_amount is None
    assert (contract.notice_amount, contract.notice_anchor) == (1, "month_end")


def test_a_stale_continuation_would_have_changed_the_deadline() -> None:
    # Why the form clears it: the engine reads a continuation period on any open-ended
    # contract, so keeping the hidden value would give another deadline.
    visible = make_contract(
        minimum_term_amount=None,
        after_minimum_term="open_ended",
        notice_amount=1,
        notice_anchor="month_end",
    )
    stale = make_contract(
        minimum_term_amount=None,
        after_minimum_term="open_ended",
        notice_amount=1,
        notice_anchor="month_end",
        continuation_notice_amount=2,
        continuation_notice_unit="weeks",
        continuation_notice_anchor="year_end",
    )
    assert deadlines(visible) != deadlines(stale)


def test_the_statutory_type_marks_a_service_contract() -> None:
    contract = saved("statutory", {**STALE, **OWN["statutory"]})
    assert contract.service_contract
    assert contract.notice_amount is None
    assert contract.to_terms().uses_statutory_notice


def test_a_renewing_contract_is_no_service_contract_left_from_before() -> None:
    contract = make_contract(service_contract=True, pay_period="monthly")
    form = ContractForm(form_data(clause_type="renews"), instance=contract)
    assert form.is_valid(), form.errors
    contract = form.save()
    assert (contract.service_contract, contract.pay_period) == (False, "")


def test_minimum_term_then_open_ended_needs_the_minimum_term() -> None:
    fields = {**OWN["minimum_then_open"], "minimum_term_amount": ""}
    form = ContractForm(form_data(clause_type="minimum_then_open", **fields))
    with translation.override("de"):
        assert not form.is_valid()
        assert form.errors["minimum_term_amount"] == ["Bitte die Mindestlaufzeit angeben."]


def test_a_required_field_of_the_type_says_what_is_missing() -> None:
    form = ContractForm(form_data(clause_type="working_day", working_day_nth=""))
    with translation.override("de"):
        assert form.errors["working_day_nth"] == ["Bitte den Werktag angeben, z. B. 3."]


def test_the_clause_type_is_required() -> None:
    assert "clause_type" in ContractForm(form_data(clause_type="")).errors


# --- editing: the stored terms come back as their type, and saving them changes nothing --


def posted(form: ContractForm) -> dict[str, Any]:
    """What the browser sends for an unchanged form."""
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        if value is None or value is False:
            continue
        if isinstance(value, list):
            data[bound.html_name] = [str(v) for v in value]
        elif isinstance(value, date):
            data[bound.html_name] = value.strftime("%d.%m.%Y")
        else:
            data[bound.html_name] = str(bound.field.prepare_value(value))
    return data


STORED = {
    "renews": {},
    "fixed": {"after_minimum_term": "ends"},
    "minimum_then_open": {
        "after_minimum_term": "open_ended",
        "notice_amount": 3,
        "continuation_notice_amount": 1,
        "continuation_notice_anchor": "month_end",
    },
    # entered before the form asked for a type: the notice rule stored as the notice period
    "minimum_then_open_old": {
        "after_minimum_term": "open_ended",
        "notice_amount": 1,
        "notice_anchor": "month_end",
    },
    "open_ended_old": {
        "minimum_term_amount": None,
        "after_minimum_term": "open_ended",
        "notice_amount": None,
        "continuation_notice_amount": 6,
        "continuation_notice_unit": "weeks",
        "continuation_notice_anchor": "quarter_end",
    },
    "statutory": {
        "minimum_term_amount": 12,
        "after_minimum_term": "open_ended",
        "notice_amount": None,
        "service_contract": True,
        "pay_period": "monthly",
    },
    "working_day": {
        "minimum_term_amount": None,
        "after_minimum_term": "open_ended",
        "notice_amount": None,
        "notice_anchor": "working_day",
        "working_day_nth": 3,
        "working_day_months_after": 2,
    },
    # § 621 BGB after a minimum term, with a notice of its own to the end of that term
    "statutory_with_notice": {
        "minimum_term_amount": 12,
        "after_minimum_term": "open_ended",
        "notice_amount": 3,
        "notice_anchor": "term_end",
        "service_contract": True,
        "pay_period": "monthly",
    },
}
# Stored terms no clause type's fields can say.
UNREPRESENTED = {
    "renews_by_working_day": {
        "minimum_term_amount": 12,
        "after_minimum_term": "renews",
        "renewal_term_amount": 12,
        "notice_amount": 3,
        "notice_anchor": "working_day",
        "working_day_nth": 3,
        "working_day_months_after": 0,
    },
}


@pytest.mark.parametrize("stored", sorted(STORED))
def test_saving_a_stored_contract_unchanged_keeps_its_deadlines(stored: str) -> None:
    contract = make_contract(**STORED[stored])
    before = deadlines(contract)
    data = posted(ContractForm(instance=contract))
    assert data["clause_type"] == stored.removesuffix("_old").removesuffix("_with_notice")
    form = ContractForm(data, instance=contract)
    assert form.is_valid(), form.errors
    assert deadlines(form.save()) == before


@pytest.mark.parametrize("stored", sorted(UNREPRESENTED))
def test_terms_no_type_can_show_are_kept_when_other_fields_change(stored: str) -> None:
    contract = make_contract(**UNREPRESENTED[stored])
    before = deadlines(contract)
    form = ContractForm(instance=contract)
    assert form.keeps_stored_terms
    data = {**posted(form), "title": "Renamed"}
    form = ContractForm(data, instance=contract)
    assert form.is_valid(), form.errors
    saved_contract = form.save()
    assert saved_contract.title == "Renamed"
    assert deadlines(saved_contract) == before


def test_a_contract_the_fields_show_exactly_keeps_nothing_apart() -> None:
    assert not ContractForm(instance=make_contract(**STORED["renews"])).keeps_stored_terms


def test_an_old_open_ended_contract_shows_its_rule_as_the_notice_period() -> None:
    contract = make_contract(**STORED["open_ended_old"])
    shown = shown_terms(contract)
    assert shown["clause_type"] == "open_ended"
    assert (shown["notice_amount"], shown["notice_unit"], shown["notice_anchor"]) == (
        6,
        "weeks",
        "quarter_end",
    )


# --- the page -----------------------------------------------------------------------


def test_the_clause_select_drives_the_sections(client: Client, editor) -> None:
    client.force_login(editor)
    text = client.get(reverse("contracts-add")).text
    assert '<select name="clause_type"' in text and "data-sections" in text
    assert 'data-shown-for="renews"' in text  # the renewal term
    assert 'data-shown-for="working_day"' in text
    assert 'data-shown-for="statutory"' in text


def test_the_rarer_things_are_folded(client: Client, editor) -> None:
    client.force_login(editor)
    text = client.get(reverse("contracts-add")).text
    folded = text[text.index('<details class="form-section"') :]
    for name in ("avv_present", "reminder_days", "notes", "sla_policy"):
        assert f'name="{name}"' in folded
    essentials = text[: text.index('<details class="form-section"')]
    for name in ("provider", "title", "clause_type", "start_date", "fee"):
        assert f'name="{name}"' in essentials


def test_a_form_error_in_a_folded_section_opens_it(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(reverse("contracts-add"), form_data(reminder_days="soon"))
    assert '<details class="form-section" open>' in response.text


def test_a_field_needed_by_some_types_is_marked_for_those(client: Client, editor) -> None:
    client.force_login(editor)
    text = client.get(reverse("contracts-add")).text
    assert 'data-required-for="renews minimum_then_open fixed"' in text
