from datetime import date

import icalendar
import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.contracts.models import CalendarFeedToken
from vendorwatch.contracts.tests.factory import make_contract, nrw

pytestmark = pytest.mark.django_db


def feed_url(token: str) -> str:
    return reverse("contracts-calendar-feed", args=[token])


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_feed_is_valid_icalendar_with_the_deadlines(client: Client, viewer) -> None:
    nrw()
    contract = make_contract(title="Betreuung")
    _feed, token = CalendarFeedToken.issue(user=viewer, language="de")
    response = client.get(feed_url(token))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert b"\r\n" in raw
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    send = events[f"contract-{contract.pk}-send-20260925@vendorwatch"]
    assert send.decoded("DTSTART") == date(2026, 9, 25)
    assert "DTSTAMP" in send
    assert "Betreuung" in str(send["SUMMARY"])
    assert f"contract-{contract.pk}-receipt-20260930@vendorwatch" in events
    assert f"contract-{contract.pk}-end-20261231@vendorwatch" in events


def test_the_summary_is_in_the_language_of_the_feed(client: Client, viewer) -> None:
    make_contract(title="Betreuung")
    _feed, token = CalendarFeedToken.issue(user=viewer, language="en")
    calendar = icalendar.Calendar.from_ical(client.get(feed_url(token)).content)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert any(s.startswith("Contract end") for s in summaries)


def test_a_wrong_token_gives_404(client: Client, viewer) -> None:
    CalendarFeedToken.issue(user=viewer, language="de")
    assert client.get(feed_url("not-the-token")).status_code == 404


def test_a_revoked_token_gives_404(client: Client, viewer) -> None:
    feed, token = CalendarFeedToken.issue(user=viewer, language="de")
    feed.revoke()
    assert client.get(feed_url(token)).status_code == 404


def test_the_token_of_a_deactivated_user_gives_404(client: Client, viewer) -> None:
    _feed, token = CalendarFeedToken.issue(user=viewer, language="de")
    viewer.is_active = False
    viewer.save()
    assert client.get(feed_url(token)).status_code == 404


def test_only_the_hash_of_the_token_is_stored(viewer) -> None:
    feed, token = CalendarFeedToken.issue(user=viewer, language="de")
    assert token not in feed.token_hash


def test_creating_a_feed_shows_its_absolute_address_once(client: Client, editor) -> None:
    client.force_login(editor)
    page = client.post(reverse("contracts-calendar-create")).text
    assert "http://testserver/contracts/calendar/" in page
    assert (
        "http://testserver/contracts/calendar/"
        not in client.get(reverse("contracts-calendar")).text
    )


def test_the_owner_can_revoke_the_feed(client: Client, editor) -> None:
    feed, token = CalendarFeedToken.issue(user=editor, language="de")
    client.force_login(editor)
    client.post(reverse("contracts-calendar-revoke", args=[feed.pk]))
    assert client.get(feed_url(token)).status_code == 404


def test_nobody_else_can_revoke_it(client: Client, editor, admin_user) -> None:
    feed, _token = CalendarFeedToken.issue(user=admin_user, language="de")
    client.force_login(editor)
    assert client.post(reverse("contracts-calendar-revoke", args=[feed.pk])).status_code == 404
