"""A user adds a contract as the office manager would: only the fields of the clause type
chosen are shown, a date typed as 03.12.2026 and a fee typed as 1.234,50 come back the same
way — at 1280 px and on a phone, every page checked by axe-core."""

import pytest

from vendorwatch.contracts.models import Contract
from vendorwatch.testing.browser import login_in_browser
from vendorwatch.testing.factory import PASSWORD, make_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shown(page, name: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(page.locator(f"[name={name}]").is_visible())


def add_contract(page, provider_id: int) -> Contract:  # type: ignore[no-untyped-def]
    page.goto("/contracts/new/")
    page.select_option("select[name=provider]", str(provider_id))
    page.fill("input[name=title]", "IT-Betreuung")
    page.fill("input[name=start_date]", "03.12.2026")
    page.fill("input[name=fee]", "1.234,50")

    # Open-ended: its notice runs to a month's end; no minimum term, no renewal.
    page.select_option("select[name=clause_type]", "open_ended")
    assert shown(page, "notice_anchor")
    assert not shown(page, "renewal_term_amount")
    assert not shown(page, "minimum_term_amount")
    assert not shown(page, "pay_period")
    page.fill("input[name=notice_amount]", "6")

    # Renewing: the renewal term appears, what only open-ended contracts have goes.
    page.select_option("select[name=clause_type]", "renews")
    assert shown(page, "renewal_term_amount") and shown(page, "minimum_term_amount")
    assert not shown(page, "notice_anchor")
    assert not shown(page, "continuation_notice_amount")
    assert not shown(page, "working_day_nth")
    page.fill("input[name=minimum_term_amount]", "24")
    page.fill("input[name=renewal_term_amount]", "12")
    page.fill("input[name=notice_amount]", "3")
    page.check()
    page.submit(page.get_by_role("button", name="Speichern"))
    return Contract.objects.get()


def sees_it_back(page, contract: Contract) -> None:  # type: ignore[no-untyped-def]
    assert page.url.endswith(f"/contracts/{contract.pk}/")
    terms = page.locator("section[aria-labelledby=terms-heading]").inner_text()
    terms = terms.replace("\u00a0", " ")  # "1.234,50 €" keeps its sign on the same line
    assert "03.12.2026" in terms
    assert "1.234,50 € pro Monat, insgesamt" in terms
    assert "3 Monate zum Ende der Laufzeit" in terms

    page.goto(f"/contracts/{contract.pk}/edit/")
    assert page.input_value("input[name=start_date]") == "03.12.2026"
    assert page.input_value("input[name=fee]") == "1.234,50"
    assert page.input_value("select[name=clause_type]") == "renews"
    assert shown(page, "renewal_term_amount") and not shown(page, "notice_anchor")


def test_a_contract_is_added_with_only_its_clause_fields(page, editor) -> None:  # type: ignore[no-untyped-def]
    provider = make_provider(name="Brandl IT-Systemhaus GmbH")
    login_in_browser(page, editor.username, PASSWORD)
    contract = add_contract(page, provider.pk)
    # What was typed into the open-ended fields, then hidden, is not kept.
    assert (contract.notice_amount, contract.notice_anchor) == (3, "term_end")
    assert contract.after_minimum_term == "renews"
    assert str(contract.fee) == "1234.50"
    sees_it_back(page, contract)


def test_a_contract_is_added_on_a_phone(page, editor) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": 375, "height": 740})
    provider = make_provider(name="Brandl IT-Systemhaus GmbH")
    login_in_browser(page, editor.username, PASSWORD)
    contract = add_contract(page, provider.pk)
    sees_it_back(page, contract)
    # On the edit page: an amount and its unit stack instead of squeezing side by side.
    amount = page.locator("input[name=minimum_term_amount]").bounding_box()
    unit = page.locator("select[name=minimum_term_unit]").bounding_box()
    assert amount is not None and unit is not None
    assert unit["y"] > amount["y"] + amount["height"] - 1
    assert amount["width"] > 250
