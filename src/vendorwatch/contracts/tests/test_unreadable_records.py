"""One bad record never takes a page down: values the forms once let through (or that are
written to the database directly) show as "cannot be computed – please check" for that
record, and every other contract as usual."""

import logging
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import Budget, CalendarFeedToken, Contract, ContractReview
from vendorwatch.contracts.tests.factory import make_contract, nrw

pytestmark = pytest.mark.django_db

UNREADABLE = "kann nicht berechnet werden – bitte prüfen"

ABSURD: dict[str, dict[str, Any]] = {
    "start in the year 9999": {"start_date": date(9999, 1, 1)},
    "minimum term of 32,767 years": {"minimum_term_amount": 32767, "minimum_term_unit": "years"},
    "notice period of 9,999 years": {"notice_amount": 9999, "notice_unit": "years"},
    "renewal term of 32,767 years": {
        "start_date": date(2000, 1, 1),
        "minimum_term_amount": 1,
        "renewal_term_amount": 32767,
        "renewal_term_unit": "years",
    },
}
if connection.vendor == "sqlite":  # PostgreSQL refuses it already: a smallint column
    ABSURD["minimum term of 99,999,999 months"] = {"minimum_term_amount": 99_999_999}


def broken(kind: str) -> Contract:
    contract = make_contract(title="Kaputt")
    # Written to the database directly, as an old form or an import could have done.
    Contract.objects.filter(pk=contract.pk).update(**ABSURD[kind])
    contract.refresh_from_db()
    return contract


@pytest.mark.parametrize("kind", sorted(ABSURD))
@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_contract_list_shows_the_record_as_unreadable_and_the_others_as_usual(
    client: Client, viewer, kind: str
) -> None:
    nrw()
    make_contract(title="Betreuung")
    broken(kind)
    client.force_login(viewer)
    response = client.get(reverse("contracts-list"))
    assert response.status_code == 200
    assert UNREADABLE in response.text
    assert "25.09.2026" in response.text  # the good contract: send by 25.09.2026


@pytest.mark.parametrize("kind", sorted(ABSURD))
@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_contract_page_says_cannot_be_computed(client: Client, viewer, kind: str) -> None:
    contract = broken(kind)
    client.force_login(viewer)
    response = client.get(reverse("contracts-detail", args=[contract.pk]))
    assert response.status_code == 200
    assert UNREADABLE in response.text


@pytest.mark.parametrize("kind", sorted(ABSURD))
@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_dashboard_shows_the_record_and_the_other_deadlines(
    client: Client, viewer, kind: str
) -> None:
    nrw()
    # 6 months to 31.12.2026: receipt by Tue 30.06., send by Thu 25.06.2026 (within 90 days)
    make_contract(title="Betreuung", notice_amount=6)
    broken(kind)
    client.force_login(viewer)
    response = client.get(reverse("web-dashboard"))
    assert response.status_code == 200
    assert UNREADABLE in response.text
    assert "Betreuung" in response.text and "25.06.2026" in response.text


@pytest.mark.parametrize("kind", sorted(ABSURD))
@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_calendar_feed_names_the_record_and_keeps_the_others(
    client: Client, viewer, kind: str
) -> None:
    nrw()
    make_contract(title="Betreuung")
    broken(kind)
    _feed, token = CalendarFeedToken.issue(user=viewer, language="de")
    response = client.get(reverse("contracts-calendar-feed", args=[token]))
    assert response.status_code == 200
    body = response.content.decode()
    assert UNREADABLE in body
    assert "DTSTART;VALUE=DATE:20260925" in body  # the good contract's send date


@pytest.mark.parametrize("kind", sorted(ABSURD))
@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_costs_and_reviews_still_answer(client: Client, editor, kind: str) -> None:
    contract = broken(kind)
    Budget.objects.create(year=2026, contract=contract, amount=Decimal("1000"))
    client.force_login(editor)
    assert client.get(reverse("contracts-costs")).status_code == 200
    url = reverse("contracts-review-add", args=[contract.pk])
    assert client.get(url).status_code == 200
    data = {
        "period_start": "01.01.2026",
        "period_end": "31.03.2026",
        "reviewed_on": "15.06.2026",
        "rating": "3",
        "outcome": "terminate",
    }
    response = client.post(url, data)
    review = ContractReview.objects.get()
    assert response["Location"] == reverse("contracts-review-detail", args=[review.pk])
    assert client.get(response["Location"]).status_code == 200


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_a_review_interval_no_calendar_has_shows_the_next_review_as_unreadable(
    client: Client, viewer
) -> None:
    contract = make_contract(start_date=date(9999, 6, 1))
    Contract.objects.filter(pk=contract.pk).update(review_interval_months=32767)
    client.force_login(viewer)
    response = client.get(reverse("contracts-detail", args=[contract.pk]))
    assert response.status_code == 200
    assert response.text.count(UNREADABLE) >= 2  # the deadline and the next review


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_unreadable_record_is_logged_with_its_id(
    client: Client, viewer, caplog: pytest.LogCaptureFixture
) -> None:
    contract = broken("start in the year 9999")
    client.force_login(viewer)
    with caplog.at_level(logging.ERROR, logger="vendorwatch.contracts.deadlines"):
        client.get(reverse("contracts-list"))
    assert f"contract {contract.pk} ('Kaputt')" in caplog.text
    assert "out of range" in caplog.text


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_reminder_job_skips_the_record_and_reminds_of_the_others(editor) -> None:
    from vendorwatch.contracts.reminders import contract_reminders_queue

    nrw()
    make_contract(title="Betreuung", reminder_days="90")  # send by 25.09.: 90 days before
    broken("notice period of 9,999 years")
    assert contract_reminders_queue(today=date(2026, 6, 27)) == 1


@pytest.mark.parametrize("kind", sorted(ABSURD))
def test_the_edit_form_of_the_record_opens(client: Client, editor, kind: str) -> None:
    contract = broken(kind)
    client.force_login(editor)
    assert client.get(reverse("contracts-edit", args=[contract.pk])).status_code == 200
