"""The overview, one-off meetings, moving and cancelling, and the agenda draft."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.meetings.models import AgendaItem, Meeting, MeetingSeries
from vendorwatch.meetings.tests.factory import BERLIN, make_meeting, make_series
from vendorwatch.meetings.tests.test_series_views import record_calls
from vendorwatch.testing.factory import make_contact, make_provider

pytestmark = pytest.mark.django_db

LATER = datetime(2099, 3, 3, 10, 0, tzinfo=BERLIN)


@pytest.fixture
def calls(monkeypatch: Any) -> list[tuple[str, int]]:
    return record_calls(monkeypatch)


@pytest.fixture
def editor_client(client: Client, editor: Any) -> Client:
    client.force_login(editor)
    return client


def meeting_data(**changes: Any) -> dict[str, Any]:
    data = {
        "title": "Sondertermin Umzug",
        "starts_at": "03.03.2099 10:00",
        "ends_at": "03.03.2099 11:30",
        "location": "",
        "video_link": "",
    }
    data.update(changes)
    return data


def item(meeting: Meeting, title: str, position: int, **fields: Any) -> AgendaItem:
    return AgendaItem.objects.create(meeting=meeting, title=title, position=position, **fields)


def titles(meeting: Meeting) -> list[str]:
    visible = meeting.agenda_items.filter(removed=False).order_by("position", "pk")
    return [i.title for i in visible]


# --- the overview ------------------------------------------------------------------------------


def test_the_overview_without_meetings_invites_to_create_the_first_series(
    editor_client: Client,
) -> None:
    response = editor_client.get(reverse("meetings-index"))
    assert "Erste Besprechungsreihe anlegen" in response.text


def test_the_overview_leads_with_the_next_meeting(client: Client, viewer) -> None:
    make_series(
        provider=make_provider(name="Brandl IT"), title="Jour fixe", first_date=date(2099, 1, 6)
    )
    make_meeting(provider=make_provider(name="Huber EDV"), starts_at=LATER, title="Umzug")
    client.force_login(viewer)
    response = client.get(reverse("meetings-index"))
    assert "Nächste Besprechung: Di 06.01.2099 10:00–11:00 mit Brandl IT" in response.text
    assert "Umzug" in response.text
    assert reverse("meetings-series-add") not in response.text


def test_the_overview_skips_a_cancelled_meeting_as_the_next_one(editor_client: Client) -> None:
    series = make_series(provider=make_provider(name="Brandl IT"), first_date=date(2099, 1, 6))
    make_meeting(
        series=series,
        starts_at=datetime(2099, 1, 6, 10, tzinfo=BERLIN),
        status=Meeting.Status.CANCELLED,
    )
    response = editor_client.get(reverse("meetings-index"))
    assert "Nächste Besprechung: Di 03.02.2099" in response.text
    assert "abgesagt" in response.text


def test_the_overview_lists_past_meetings_with_their_minutes(editor_client: Client) -> None:
    make_meeting(
        starts_at=datetime(2026, 1, 6, 10, tzinfo=BERLIN),
        title="Rückblick",
        minutes_status=Meeting.Minutes.APPROVED,
    )
    response = editor_client.get(reverse("meetings-index"))
    assert "Vergangene Besprechungen" in response.text
    assert "Rückblick" in response.text


@pytest.mark.parametrize(
    "changes",
    [
        {"first_date": date(9999, 12, 31), "start_time": "23:30"},
        {"rule": "FREQ=NEVER"},
        {"time_zone": "Mars/Olympus_Mons"},
        {"rule": "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"},
    ],
    ids=["year-9999", "bad-rule", "bad-zone", "impossible-rule"],
)
def test_a_series_with_absurd_stored_values_still_shows_the_pages(
    editor_client: Client, changes: dict[str, Any]
) -> None:
    series = make_series(title="Kaputt")
    make_series(title="Heil", first_date=date(2099, 1, 6))
    MeetingSeries.objects.filter(pk=series.pk).update(**changes)
    response = editor_client.get(reverse("meetings-index"))
    assert response.status_code == 200
    assert "kann nicht berechnet werden" in response.text
    assert "Heil" in response.text
    detail = editor_client.get(reverse("meetings-series-detail", args=[series.pk]))
    assert detail.status_code == 200
    assert "Die Termine dieser Reihe lassen sich nicht berechnen" in detail.text
    edit = editor_client.get(reverse("meetings-series-edit", args=[series.pk]))
    assert edit.status_code == 200


def test_a_meeting_stored_in_the_year_9999_still_shows_the_pages(editor_client: Client) -> None:
    meeting = make_meeting(title="Fernzukunft")
    end = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=end - timedelta(minutes=29), ends_at=end)
    assert "Fernzukunft" in editor_client.get(reverse("meetings-index")).text
    response = editor_client.get(reverse("meetings-detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert "31.12.9999 23:30" in response.text
    assert editor_client.get(reverse("meetings-edit", args=[meeting.pk])).status_code == 200


# --- one-off meetings, moving, cancelling ----------------------------------------------------


def test_an_editor_creates_a_one_off_meeting(editor_client: Client, calls) -> None:
    provider = make_provider()
    response = editor_client.post(reverse("meetings-add"), meeting_data(provider=provider.pk))
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("meetings-detail", args=[meeting.pk])
    assert meeting.series is None
    assert meeting.starts_at == LATER
    assert meeting.ends_at == LATER + timedelta(minutes=90)
    assert calls == [("agenda_refresh", meeting.pk)]


def test_an_end_before_the_start_is_refused(editor_client: Client) -> None:
    data = meeting_data(provider=make_provider().pk, ends_at="03.03.2099 09:00")
    response = editor_client.post(reverse("meetings-add"), data)
    assert "Das Ende muss nach dem Beginn liegen." in response.text
    assert not Meeting.objects.exists()


def test_a_meeting_text_of_10000_characters_is_refused(editor_client: Client) -> None:
    data = meeting_data(provider=make_provider().pk, location="x" * 10_000)
    response = editor_client.post(reverse("meetings-add"), data)
    assert "höchstens 300 Zeichen" in response.text
    assert not Meeting.objects.exists()


def test_moving_an_occurrence_tells_the_participants(editor_client: Client, calls) -> None:
    series = make_series(first_date=date(2099, 1, 6))
    meeting = make_meeting(series=series, starts_at=datetime(2099, 2, 3, 10, tzinfo=BERLIN))
    data = meeting_data(starts_at="04.02.2099 14:00", ends_at="04.02.2099 15:00", send_update="on")
    response = editor_client.post(reverse("meetings-edit", args=[meeting.pk]), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime(2099, 2, 4, 14, tzinfo=BERLIN)
    assert meeting.recurrence_id == datetime(2099, 2, 3, 10, tzinfo=BERLIN)
    assert meeting.title == series.title  # the series names its meetings
    assert calls == [("meeting_changed", meeting.pk)]


def test_moving_a_meeting_refuses_an_end_before_the_start(editor_client: Client) -> None:
    meeting = make_meeting(starts_at=LATER)
    data = meeting_data(ends_at="03.03.2099 09:00")
    response = editor_client.post(reverse("meetings-edit", args=[meeting.pk]), data)
    assert "Das Ende muss nach dem Beginn liegen." in response.text


def test_a_meeting_refuses_contacts_of_another_provider(editor_client: Client) -> None:
    meeting = make_meeting(starts_at=LATER)
    other = make_contact(make_provider(name="Huber EDV"))
    data = meeting_data(contacts=[other.pk])
    response = editor_client.post(reverse("meetings-edit", args=[meeting.pk]), data)
    assert response.status_code == 200
    assert not meeting.contacts.exists()


def test_cancelling_a_meeting_needs_a_reason(editor_client: Client, calls) -> None:
    meeting = make_meeting(starts_at=LATER)
    response = editor_client.post(reverse("meetings-cancel", args=[meeting.pk]), {"reason": ""})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_cancelling_a_meeting_keeps_it_as_cancelled_and_tells_the_participants(
    editor_client: Client, calls
) -> None:
    meeting = make_meeting(starts_at=LATER)
    data = {"reason": "Urlaub", "send_update": "on"}
    editor_client.post(reverse("meetings-cancel", args=[meeting.pk]), data)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancel_reason) == ("cancelled", "Urlaub")
    assert calls == [("meeting_cancelled", meeting.pk)]
    page = editor_client.get(reverse("meetings-detail", args=[meeting.pk]))
    assert "Diese Besprechung wurde abgesagt." in page.text
    assert "Urlaub" in page.text
    assert reverse("meetings-edit", args=[meeting.pk]) not in page.text


def test_a_one_off_meeting_can_be_sent_as_an_invitation(editor_client: Client, calls) -> None:
    meeting = make_meeting(starts_at=LATER)
    editor_client.post(reverse("meetings-invite", args=[meeting.pk]))
    assert calls == [("meeting_invite", meeting.pk)]


# --- the agenda ----------------------------------------------------------------------------------


def test_the_meeting_page_shows_the_agenda_in_order(editor_client: Client) -> None:
    meeting = make_meeting(starts_at=LATER)
    item(meeting, "Zweitens", 20)
    item(meeting, "Erstens", 10)
    item(meeting, "Weg", 5, source_key="x", removed=True)
    response = editor_client.get(reverse("meetings-detail", args=[meeting.pk]))
    assert response.text.index("Erstens") < response.text.index("Zweitens")
    assert "Weg" not in response.text
    assert reverse("meetings-minutes", args=[meeting.pk]) in response.text


def test_a_free_topic_is_added_at_the_end(editor_client: Client) -> None:
    meeting = make_meeting(starts_at=LATER)
    item(meeting, "Erstens", 10)
    data = {"title": "Druckerumzug", "details": "Wer trägt die Kosten?"}
    response = editor_client.post(reverse("meetings-agenda-add", args=[meeting.pk]), data)
    assert response["Location"].endswith("#agenda")
    added = meeting.agenda_items.get(title="Druckerumzug")
    assert (added.kind, added.source_key, added.edited) == ("free", "", False)
    assert titles(meeting) == ["Erstens", "Druckerumzug"]


def test_editing_a_generated_topic_marks_it_edited(editor_client: Client) -> None:
    meeting = make_meeting(starts_at=LATER)
    generated = item(meeting, "Frist verpasst", 10, source_key="breach:1", kind="breach")
    url = reverse("meetings-agenda-edit", args=[meeting.pk, generated.pk])
    editor_client.post(url, {"title": "Frist verpasst: Drucker", "details": ""})
    generated.refresh_from_db()
    assert (generated.title, generated.edited) == ("Frist verpasst: Drucker", True)


def test_a_topic_of_10000_characters_is_refused(editor_client: Client) -> None:
    meeting = make_meeting(starts_at=LATER)
    data = {"title": "Thema", "details": "x" * 10_000}
    response = editor_client.post(reverse("meetings-agenda-add", args=[meeting.pk]), data)
    assert "höchstens 5000 Zeichen" in response.text
    assert not meeting.agenda_items.exists()


def test_removing_a_generated_topic_keeps_it_marked_removed(editor_client: Client) -> None:
    meeting = make_meeting(starts_at=LATER)
    generated = item(meeting, "Frist verpasst", 10, source_key="breach:1", kind="breach")
    editor_client.post(reverse("meetings-agenda-remove", args=[meeting.pk, generated.pk]))
    generated.refresh_from_db()
    assert generated.removed
    assert titles(meeting) == []


def test_removing_a_free_topic_deletes_it(editor_client: Client) -> None:
    meeting = make_meeting(starts_at=LATER)
    free = item(meeting, "Sonstiges", 10)
    editor_client.post(reverse("meetings-agenda-remove", args=[meeting.pk, free.pk]))
    assert not AgendaItem.objects.exists()


def test_moving_a_topic_up_and_down(editor_client: Client) -> None:
    meeting = make_meeting(starts_at=LATER)
    first, _second, third = (item(meeting, title, 0) for title in ("A", "B", "C"))
    move = "meetings-agenda-move"
    editor_client.post(reverse(move, args=[meeting.pk, third.pk]), {"direction": "up"})
    assert titles(meeting) == ["A", "C", "B"]
    editor_client.post(reverse(move, args=[meeting.pk, first.pk]), {"direction": "down"})
    assert titles(meeting) == ["C", "A", "B"]
    editor_client.post(reverse(move, args=[meeting.pk, third.pk]), {"direction": "up"})
    assert titles(meeting) == ["C", "A", "B"]  # the first stays first


def test_a_topic_of_another_meeting_is_not_found(editor_client: Client) -> None:
    meeting, other = make_meeting(starts_at=LATER), make_meeting(starts_at=LATER)
    foreign = item(other, "Fremd", 10)
    url = reverse("meetings-agenda-remove", args=[meeting.pk, foreign.pk])
    assert editor_client.post(url).status_code == 404
    assert AgendaItem.objects.filter(pk=foreign.pk).exists()


def test_refreshing_the_agenda_says_how_many_items_are_new(
    editor_client: Client, monkeypatch
) -> None:
    import vendorwatch.meetings.tests.test_series_views as helpers

    helpers._module("agenda", monkeypatch)
    from vendorwatch.meetings import agenda

    monkeypatch.setattr(agenda, "agenda_refresh", lambda meeting: 3, raising=False)
    meeting = make_meeting(starts_at=LATER)
    response = editor_client.post(
        reverse("meetings-agenda-refresh", args=[meeting.pk]), follow=True
    )
    assert "3 neue Punkte auf der Tagesordnung." in response.text


def test_sending_the_agenda(editor_client: Client, calls) -> None:
    meeting = make_meeting(starts_at=LATER)
    editor_client.post(reverse("meetings-agenda-send", args=[meeting.pk]))
    assert calls == [("agenda_send", meeting.pk)]


def test_a_cancelled_meeting_sends_no_agenda(editor_client: Client, calls) -> None:
    meeting = make_meeting(starts_at=LATER, status=Meeting.Status.CANCELLED)
    editor_client.post(reverse("meetings-agenda-send", args=[meeting.pk]))
    editor_client.post(reverse("meetings-agenda-refresh", args=[meeting.pk]))
    assert calls == []


# --- a viewer ------------------------------------------------------------------------------------

MEETING_POSTS = [
    "meetings-add",
    "meetings-edit",
    "meetings-cancel",
    "meetings-invite",
    "meetings-agenda-add",
    "meetings-agenda-refresh",
    "meetings-agenda-send",
    "meetings-agenda-edit",
    "meetings-agenda-remove",
    "meetings-agenda-move",
]


@pytest.mark.parametrize("name", MEETING_POSTS)
def test_a_viewer_cannot_change_a_meeting(client: Client, viewer, calls, name: str) -> None:
    meeting = make_meeting(starts_at=LATER, title="Alt")
    topic = item(meeting, "Thema", 10)
    args = {
        "meetings-add": [],
        "meetings-agenda-edit": [meeting.pk, topic.pk],
        "meetings-agenda-remove": [meeting.pk, topic.pk],
        "meetings-agenda-move": [meeting.pk, topic.pk],
    }.get(name, [meeting.pk])
    client.force_login(viewer)
    data = {**meeting_data(title="Neu"), "reason": "x", "direction": "up"}
    response = client.post(reverse(name, args=args), data)
    assert response.status_code == 403
    meeting.refresh_from_db()
    assert (meeting.title, meeting.status) == ("Alt", "planned")
    assert titles(meeting) == ["Thema"]
    assert calls == []


def test_a_viewer_sees_the_meeting_without_change_buttons(client: Client, viewer) -> None:
    meeting = make_meeting(starts_at=LATER)
    topic = item(meeting, "Thema", 10)
    client.force_login(viewer)
    response = client.get(reverse("meetings-detail", args=[meeting.pk]))
    assert response.status_code == 200
    assert "Thema" in response.text
    for name, args in [
        ("meetings-edit", [meeting.pk]),
        ("meetings-agenda-send", [meeting.pk]),
        ("meetings-agenda-remove", [meeting.pk, topic.pk]),
    ]:
        assert reverse(name, args=args) not in response.text
