from datetime import date
from typing import Any

import icalendar
import pytest
import time_machine
from django.test import Client, override_settings
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


def new_feed(user: Any) -> str:
    _feed, token = CalendarFeedToken.issue(user=user, language="de")
    return feed_url(token)


def events_of(response: Any) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_an_event_says_little_and_links_to_the_explanation(client: Client, viewer) -> None:
    nrw()
    contract = make_contract(title="Betreuung")
    url = new_feed(viewer)
    events = events_of(client.get(url))
    send = events[f"contract-{contract.pk}-send-20260925@vendorwatch"]
    description = str(send["DESCRIPTION"])
    link = f"http://testserver/contracts/{contract.pk}/#deadline-heading"
    assert description.endswith(link)
    assert str(send["URL"]) == link
    assert len(description.splitlines()) <= 5
    assert "§" not in description  # the derivation is on the page, not in every event


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_the_link_uses_the_address_the_proxy_forwards(client: Client, viewer) -> None:
    contract = make_contract(title="Betreuung")
    url = new_feed(viewer)
    response = client.get(url, HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="localhost")
    urls = {str(e["URL"]) for e in events_of(response).values()}
    assert urls == {f"https://localhost/contracts/{contract.pk}/#deadline-heading"}


@pytest.mark.parametrize(
    ("validator", "condition"),
    [("ETag", "HTTP_IF_NONE_MATCH"), ("Last-Modified", "HTTP_IF_MODIFIED_SINCE")],
)
@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_an_unchanged_feed_is_not_sent_again(
    client: Client, viewer, validator: str, condition: str
) -> None:
    make_contract()
    url = new_feed(viewer)
    first = client.get(url)
    response = client.get(url, **{condition: first[validator]})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == first["ETag"]


def test_the_feed_changes_on_the_next_day(client: Client, viewer) -> None:
    make_contract()
    url = new_feed(viewer)
    with time_machine.travel("2026-06-15 23:50 +0200", tick=False):
        first = client.get(url)
    with time_machine.travel("2026-06-16 00:10 +0200", tick=False):
        etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert etag.status_code == since.status_code == 200
    assert etag["ETag"] != first["ETag"]


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_feed_changes_when_a_contract_changes(client: Client, viewer) -> None:
    contract = make_contract()
    url = new_feed(viewer)
    etag = client.get(url)["ETag"]
    contract.title = "Neuer Titel"
    with time_machine.travel("2026-06-15 10:05 +0200", tick=False):
        contract.save()
        response = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert b"Neuer Titel" in response.content


@time_machine.travel("2026-06-15 10:00 +0200", tick=False)
def test_the_feed_changes_when_a_contract_is_deleted(client: Client, viewer) -> None:
    make_contract()
    second = make_contract(title="Telefonie")
    url = new_feed(viewer)
    etag = client.get(url)["ETag"]
    second.delete()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200
