"""The series pages: create, change, delete, invite; one date of a series and preparing it."""

from __future__ import annotations

import importlib
import sys
import types
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

import vendorwatch.meetings
from vendorwatch.meetings.models import Meeting, MeetingSeries
from vendorwatch.meetings.services import occurrence_key
from vendorwatch.meetings.tests.factory import BERLIN, make_series
from vendorwatch.testing.factory import make_contact, make_provider, make_user

pytestmark = pytest.mark.django_db

MAIL = (
    "series_invite",
    "series_changed",
    "series_cancelled",
    "meeting_invite",
    "meeting_changed",
    "meeting_cancelled",
    "agenda_send",
)


def _module(name: str, monkeypatch: Any) -> Any:
    try:
        return importlib.import_module(f"vendorwatch.meetings.{name}")
    except ImportError:
        module = types.ModuleType(f"vendorwatch.meetings.{name}")
        monkeypatch.setitem(sys.modules, module.__name__, module)
        monkeypatch.setattr(vendorwatch.meetings, name, module, raising=False)
        return module


@pytest.fixture
def calls(monkeypatch: Any) -> list[tuple[str, int]]:
    return record_calls(monkeypatch)


def record_calls(monkeypatch: Any) -> list[tuple[str, int]]:
    """The e-mails and agenda refreshes the pages asked for (recorded, not done)."""
    recorded: list[tuple[str, int]] = []

    def recorder(name: str) -> Any:
        def record(obj: Any, *, by: Any, **options: Any) -> int:
            recorded.append((name, obj.pk))
            return 1

        return record

    mail = _module("mail", monkeypatch)
    for name in MAIL:
        monkeypatch.setattr(mail, name, recorder(name), raising=False)

    def refresh(meeting: Meeting) -> int:
        recorded.append(("agenda_refresh", meeting.pk))
        return 0

    agenda = _module("agenda", monkeypatch)
    monkeypatch.setattr(agenda, "agenda_refresh", refresh, raising=False)
    return recorded


def german(text: str) -> str:
    """A message as the page shows it in German (escaped as in HTML)."""
    with translation.override("de"):
        return escape(gettext(text))


def series_data(provider: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "provider": provider.pk,
        "title": "Jour fixe",
        "kind": "jour_fixe",
        "first_date": "06.01.2026",
        "start_time": "10:00",
        "duration_minutes": "60",
        "preset": "monthly_weekday",
        "rule": "",
        "time_zone": "Europe/Berlin",
        "location": "Besprechungsraum 1",
        "video_link": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def editor_client(client: Client, editor: Any) -> Client:
    client.force_login(editor)
    return client


def test_an_editor_creates_a_series_with_participants(editor_client: Client, editor) -> None:
    provider = make_provider(name="Brandl IT")
    contact = make_contact(provider, name="Herr Brandl", email="brandl@example.com")
    data = series_data(provider, participants=[editor.pk], contacts=[contact.pk])
    response = editor_client.post(reverse("meetings-series-add"), data)
    series = MeetingSeries.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings-series-detail", args=[series.pk])
    assert series.rule == "FREQ=MONTHLY;BYDAY=1TU"
    assert series.start_time == time(10, 0)
    assert list(series.participants.all()) == [editor]
    assert list(series.contacts.all()) == [contact]
    assert series.created_by == editor


def test_a_custom_rule_is_stored_in_its_normal_form(editor_client: Client) -> None:
    data = series_data(make_provider(), preset="custom", rule="rrule:freq=monthly;byday=-1fr")
    editor_client.post(reverse("meetings-series-add"), data)
    assert MeetingSeries.objects.get().rule == "FREQ=MONTHLY;BYDAY=-1FR"


def test_an_unreadable_rule_is_refused_next_to_the_field(editor_client: Client) -> None:
    data = series_data(make_provider(), preset="custom", rule="FREQ=SOMETIMES")
    response = editor_client.post(reverse("meetings-series-add"), data)
    assert response.status_code == 200
    assert (
        german("The rule must repeat daily, weekly, monthly or yearly (FREQ=…).") in response.text
    )
    assert not MeetingSeries.objects.exists()


def test_a_rule_that_never_occurs_is_refused(editor_client: Client) -> None:
    data = series_data(make_provider(), preset="custom", rule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    response = editor_client.post(reverse("meetings-series-add"), data)
    assert german("This rule never gives a meeting date. Please check it.") in response.text
    assert not MeetingSeries.objects.exists()


def test_a_custom_rule_must_be_given(editor_client: Client) -> None:
    response = editor_client.post(
        reverse("meetings-series-add"), series_data(make_provider(), preset="custom")
    )
    assert "Geben Sie die Regel ein" in response.text


def test_a_text_of_10000_characters_is_refused_with_a_message(editor_client: Client) -> None:
    data = series_data(make_provider(), title="x" * 10_000, location="y" * 10_000)
    response = editor_client.post(reverse("meetings-series-add"), data)
    assert response.status_code == 200
    assert "höchstens 200 Zeichen" in response.text
    assert "höchstens 300 Zeichen" in response.text
    assert not MeetingSeries.objects.exists()


def test_a_first_date_outside_the_plausible_range_is_refused(editor_client: Client) -> None:
    response = editor_client.post(
        reverse("meetings-series-add"), series_data(make_provider(), first_date="31.12.9999")
    )
    assert "Bitte ein Datum zwischen 01.01.1900 und 31.12.2199" in response.text


def test_contacts_of_another_provider_are_refused(editor_client: Client) -> None:
    other = make_contact(make_provider(name="Huber EDV"), name="Frau Huber")
    data = series_data(make_provider(name="Brandl IT"), contacts=[other.pk])
    response = editor_client.post(reverse("meetings-series-add"), data)
    assert "Wählen Sie nur Ansprechpersonen von Brandl IT" in response.text
    assert not MeetingSeries.objects.exists()


def test_the_form_starts_with_the_company_time_zone(editor_client: Client) -> None:
    from vendorwatch.testing.factory import make_organisation

    make_organisation(time_zone="Europe/Vienna")
    response = editor_client.get(reverse("meetings-series-add"))
    assert '<option value="Europe/Vienna" selected>' in response.text


def test_changing_the_time_tells_the_participants(editor_client: Client, calls) -> None:
    series = make_series()
    data = series_data(series.provider, start_time="11:30", send_update="on")
    response = editor_client.post(reverse("meetings-series-edit", args=[series.pk]), data)
    assert response.status_code == 302
    series.refresh_from_db()
    assert series.start_time == time(11, 30)
    assert calls == [("series_changed", series.pk)]


def test_a_change_without_send_update_tells_nobody(editor_client: Client, calls) -> None:
    series = make_series()
    editor_client.post(
        reverse("meetings-series-edit", args=[series.pk]), series_data(series.provider)
    )
    assert calls == []


def test_the_edit_form_shows_the_preset_of_the_stored_rule(editor_client: Client) -> None:
    series = make_series(rule="FREQ=WEEKLY;INTERVAL=2;BYDAY=TU")
    response = editor_client.get(reverse("meetings-series-edit", args=[series.pk]))
    assert '<option value="biweekly" selected>' in response.text


def test_deleting_a_series_asks_first_and_then_deletes(editor_client: Client, calls) -> None:
    series = make_series()
    url = reverse("meetings-series-delete", args=[series.pk])
    assert editor_client.get(url).status_code == 200
    assert MeetingSeries.objects.exists()
    response = editor_client.post(url)
    assert response["Location"] == reverse("meetings-index")
    assert not MeetingSeries.objects.exists()


def test_the_invitation_of_a_series_is_sent(editor_client: Client, calls) -> None:
    series = make_series()
    editor_client.post(reverse("meetings-series-invite", args=[series.pk]))
    assert calls == [("series_invite", series.pk)]


def test_the_series_page_lists_its_next_dates_in_words(client: Client, viewer) -> None:
    series = make_series(first_date=date(2099, 1, 6))
    client.force_login(viewer)
    response = client.get(reverse("meetings-series-detail", args=[series.pk]))
    assert "jeden ersten Dienstag im Monat" in response.text
    assert "Di 06.01.2099 10:00–11:00" in response.text
    assert reverse("meetings-series-edit", args=[series.pk]) not in response.text


def occurrence_url(series: MeetingSeries, moment: datetime) -> str:
    return reverse("meetings-occurrence", args=[series.pk, occurrence_key(moment)])


def test_the_page_of_an_occurrence_offers_to_prepare_it(editor_client: Client) -> None:
    series = make_series(first_date=date(2099, 1, 6))
    response = editor_client.get(occurrence_url(series, datetime(2099, 2, 3, 10, tzinfo=BERLIN)))
    assert response.status_code == 200
    assert "Diese Besprechung vorbereiten" in response.text


@pytest.mark.parametrize(
    "key",
    ["20990204T090000Z", "20990203T090100Z", "garbage", "99991231T235959Z", "20000101T000000Z"],
)
def test_a_key_that_is_no_occurrence_of_the_series_is_not_found(
    editor_client: Client, key: str
) -> None:
    series = make_series(first_date=date(2099, 1, 6))
    url = reverse("meetings-occurrence", args=[series.pk, key])
    assert editor_client.get(url).status_code == 404
    assert editor_client.post(url).status_code == 404
    assert not Meeting.objects.exists()


def test_preparing_an_occurrence_twice_gives_one_meeting(editor_client: Client, calls) -> None:
    series = make_series(first_date=date(2099, 1, 6))
    moment = datetime(2099, 2, 3, 10, tzinfo=BERLIN)
    first = editor_client.post(occurrence_url(series, moment))
    second = editor_client.post(occurrence_url(series, moment))
    meeting = Meeting.objects.get()
    assert meeting.recurrence_id == moment.astimezone(UTC)
    assert first["Location"] == second["Location"] == reverse("meetings-detail", args=[meeting.pk])
    assert calls == [("agenda_refresh", meeting.pk)]


def test_an_occurrence_can_be_cancelled_from_its_page(editor_client: Client, calls) -> None:
    series = make_series(first_date=date(2099, 1, 6))
    response = editor_client.post(
        occurrence_url(series, datetime(2099, 2, 3, 10, tzinfo=BERLIN)), {"then": "cancel"}
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings-cancel", args=[meeting.pk])


def test_an_occurrence_already_prepared_opens_its_meeting(editor_client: Client) -> None:
    from vendorwatch.meetings.tests.factory import make_meeting

    series = make_series(first_date=date(2099, 1, 6))
    moment = datetime(2099, 2, 3, 10, tzinfo=BERLIN)
    meeting = make_meeting(series=series, starts_at=moment)
    response = editor_client.get(occurrence_url(series, moment))
    assert response["Location"] == reverse("meetings-detail", args=[meeting.pk])


SERIES_POSTS = [
    ("meetings-series-add", False),
    ("meetings-series-edit", True),
    ("meetings-series-delete", True),
    ("meetings-series-invite", True),
]


@pytest.mark.parametrize(("name", "with_pk"), SERIES_POSTS)
def test_a_viewer_cannot_change_a_series(client: Client, viewer, calls, name, with_pk) -> None:
    series = make_series()
    client.force_login(viewer)
    url = reverse(name, args=[series.pk] if with_pk else [])
    response = client.post(url, series_data(series.provider, title="Neu"))
    assert response.status_code == 403
    assert list(MeetingSeries.objects.values_list("title", flat=True)) == [series.title]
    assert calls == []


def test_a_viewer_cannot_prepare_an_occurrence(client: Client, viewer, calls) -> None:
    series = make_series(first_date=date(2099, 1, 6))
    client.force_login(viewer)
    url = occurrence_url(series, datetime(2099, 2, 3, 10, tzinfo=BERLIN))
    page = client.get(url)
    assert page.status_code == 200
    assert "Diese Besprechung vorbereiten" not in page.text
    assert client.post(url).status_code == 403
    assert not Meeting.objects.exists()


def test_a_viewer_sees_no_change_buttons_on_the_series_page(client: Client, viewer) -> None:
    series = make_series()
    client.force_login(viewer)
    response = client.get(reverse("meetings-series-detail", args=[series.pk]))
    assert reverse("meetings-series-invite", args=[series.pk]) not in response.text
    assert reverse("meetings-series-delete", args=[series.pk]) not in response.text


def test_the_participant_list_offers_active_users_with_an_e_mail(editor_client: Client) -> None:
    make_user(email="", first_name="Ohne")
    make_user(first_name="Inaktiv", is_active=False)
    make_user(first_name="Petra", email="petra@example.com")
    response = editor_client.get(reverse("meetings-series-add"))
    assert "petra@example.com" in response.text
    assert "Ohne" not in response.text
    assert "Inaktiv" not in response.text
