"""Contract details never contradict the user: overdrawn hours are flagged, a new contract's
first review lies ahead, expiring certificates are marked, and a viewer is offered nothing
that would answer 403."""

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import (
    Budget,
    CalendarFeedToken,
    Certificate,
    ContractReview,
    FollowUp,
    HoursQuota,
)
from vendorwatch.contracts.services import contract_next_review
from vendorwatch.contracts.tests.factory import add_line, make_contract, make_invoice, make_service

pytestmark = pytest.mark.django_db


def quota(contract, bought: str, used: str) -> HoursQuota:  # type: ignore[no-untyped-def]
    return HoursQuota.objects.create(
        contract=contract,
        name="Kontingent 2026",
        hours_bought=Decimal(bought),
        hours_used=Decimal(used),
        bought_on=date(2026, 1, 1),
    )


def test_hours_used_beyond_what_was_bought_are_flagged(client: Client, viewer) -> None:
    contract = make_contract()
    quota(contract, "20", "26")
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert '<span class="flag">6 Std. mehr verbraucht als gekauft</span>' in text
    assert "-6 h" not in text


def test_hours_within_the_quota_show_what_remains(client: Client, viewer) -> None:
    contract = make_contract()
    quota(contract, "20", "12.5")
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "<td>7,50 Std.</td>" in text
    assert "mehr verbraucht" not in text


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_a_new_contract_running_since_2020_is_first_reviewed_in_three_months() -> None:
    contract = make_contract(start_date=date(2020, 1, 1))  # entered today, 15.06.2026
    assert contract_next_review(contract) == date(2026, 9, 15)


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_a_contract_starting_later_is_first_reviewed_after_its_start() -> None:
    contract = make_contract(start_date=date(2026, 10, 1))
    assert contract_next_review(contract) == date(2027, 1, 1)


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_after_a_review_the_next_one_counts_from_it() -> None:
    contract = make_contract(start_date=date(2020, 1, 1))
    ContractReview.objects.create(
        contract=contract,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        reviewed_on=date(2026, 4, 2),
        rating=3,
        outcome="continue",
    )
    assert contract_next_review(contract) == date(2026, 7, 2)


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_a_certificate_expiring_within_60_days_is_marked(client: Client, viewer) -> None:
    contract = make_contract()
    Certificate.objects.create(contract=contract, name="ISO 27001", valid_until=date(2026, 8, 1))
    Certificate.objects.create(contract=contract, name="Versicherung", valid_until=date(2027, 1, 1))
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    iso = text[text.index("ISO 27001") : text.index("Versicherung")]
    assert "läuft bald ab" in iso
    assert text.count("läuft bald ab") == 1


# --- a viewer is offered nothing that answers 403 ---------------------------------------


class Offers(HTMLParser):
    """The links and the forms (with their method) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.post_forms: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and (found.get("href") or "").startswith("/"):
            self.links.append(found["href"] or "")
        if tag == "form" and (found.get("method") or "get").lower() == "post":
            self.post_forms.append(found.get("action") or "")


def offers(text: str) -> Offers:
    parser = Offers()
    parser.feed(text)
    return parser


@pytest.fixture
def full_contract():  # type: ignore[no-untyped-def]
    contract = make_contract()
    service = make_service(contract)
    invoice = make_invoice(contract)
    add_line(invoice, service, "50.00")
    quota(contract, "20", "5")
    Certificate.objects.create(contract=contract, name="ISO 27001", valid_until=date(2027, 1, 1))
    Budget.objects.create(year=date.today().year, contract=contract, amount=Decimal("100"))
    review = ContractReview.objects.create(
        contract=contract,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        reviewed_on=date(2026, 4, 2),
        rating=3,
        outcome="continue",
    )
    FollowUp.objects.create(contract=contract, review=review, text="Termin")
    return contract, invoice, review


def contract_pages(contract, invoice, review) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        reverse("contracts-list"),
        reverse("contracts-detail", args=[contract.pk]),
        reverse("contracts-invoice-list"),
        reverse("contracts-invoice-detail", args=[invoice.pk]),
        reverse("contracts-costs"),
        reverse("contracts-review-detail", args=[review.pk]),
        reverse("contracts-calendar"),
    ]


def test_a_viewer_gets_no_link_on_contract_pages_that_answers_403(
    client: Client, viewer, full_contract
) -> None:  # type: ignore[no-untyped-def]
    client.force_login(viewer)
    for url in contract_pages(*full_contract):
        page = client.get(url)
        assert page.status_code == 200, url
        for link in offers(page.text).links:
            if link.startswith("/contracts/") and not re.search(r"/(download|pdf)/$", link):
                assert client.get(link).status_code != 403, f"{link} on {url}"


def test_a_viewer_gets_no_form_on_contract_pages_that_would_change_data(
    client: Client, viewer, full_contract
) -> None:  # type: ignore[no-untyped-def]
    CalendarFeedToken.issue(user=viewer, language="de")
    client.force_login(viewer)
    for url in contract_pages(*full_contract):
        forms = [a for a in offers(client.get(url).text).post_forms if a.startswith("/contracts")]
        assert forms == [], url


def test_an_editor_still_gets_the_change_buttons(client: Client, editor, full_contract) -> None:  # type: ignore[no-untyped-def]
    contract, _invoice, _review = full_contract
    client.force_login(editor)
    detail = offers(client.get(reverse("contracts-detail", args=[contract.pk])).text)
    assert reverse("contracts-edit", args=[contract.pk]) in detail.links
    calendar = offers(client.get(reverse("contracts-calendar")).text)
    assert reverse("contracts-calendar-create") in calendar.post_forms


def test_terms_are_written_in_the_right_number(client: Client, viewer) -> None:
    contract = make_contract(
        minimum_term_amount=1,
        minimum_term_unit="years",
        after_minimum_term="renews",
        renewal_term_amount=1,
        renewal_term_unit="years",
        notice_amount=3,
        notice_unit="months",
    )
    client.force_login(viewer)
    text = client.get(reverse("contracts-detail", args=[contract.pk])).text
    assert "1 Jahr" in text and "1 Jahre" not in text
    assert "3 Monate" in text
