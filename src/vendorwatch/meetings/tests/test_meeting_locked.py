"""A meeting whose minutes are approved, or that is cancelled, is not changed any more."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.meetings.models import AgendaItem, Meeting
from vendorwatch.meetings.tests.factory import BERLIN, make_meeting
from vendorwatch.meetings.tests.test_series_views import german, record_calls

pytestmark = pytest.mark.django_db

LOCKED = (
    "The minutes of this meeting are approved, so the meeting and its agenda can no longer be "
    "changed."
)
STARTS = datetime(2026, 3, 3, 10, 0, tzinfo=BERLIN)


@pytest.fixture
def calls(monkeypatch: Any) -> list[tuple[str, int]]:
    return record_calls(monkeypatch)


@pytest.fixture
def editor_client(client: Client, editor: Any) -> Client:
    client.force_login(editor)
    return client


@pytest.fixture
def approved(time_machine: Any) -> Meeting:
    time_machine.move_to("2026-03-10 12:00+01:00", tick=False)
    meeting = make_meeting(starts_at=STARTS, minutes_status=Meeting.Minutes.APPROVED)
    AgendaItem.objects.create(meeting=meeting, title="Erster Punkt", position=10)
    AgendaItem.objects.create(meeting=meeting, title="Zweiter Punkt", position=20)
    return meeting


def agenda_posts(meeting: Meeting) -> list[tuple[str, dict[str, str]]]:
    first = meeting.agenda_items.order_by("position").first()
    assert first is not None
    return [
        (reverse("meetings-agenda-add", args=[meeting.pk]), {"title": "Neu", "details": ""}),
        (
            reverse("meetings-agenda-edit", args=[meeting.pk, first.pk]),
            {"title": "Anders", "details": ""},
        ),
        (reverse("meetings-agenda-remove", args=[meeting.pk, first.pk]), {}),
        (reverse("meetings-agenda-move", args=[meeting.pk, first.pk]), {"direction": "down"}),
        (reverse("meetings-agenda-refresh", args=[meeting.pk]), {}),
        (reverse("meetings-agenda-send", args=[meeting.pk]), {}),
    ]


def snapshot(meeting: Meeting) -> list[tuple[Any, ...]]:
    return list(
        meeting.agenda_items.order_by("pk").values_list("title", "position", "removed", "edited")
    )


@pytest.mark.parametrize(
    "index", range(6), ids=["add", "edit", "remove", "move", "refresh", "send"]
)
def test_no_agenda_change_is_made_once_the_minutes_are_approved(
    editor_client: Client, approved: Meeting, calls, index: int
) -> None:
    before = snapshot(approved)
    url, data = agenda_posts(approved)[index]
    response = editor_client.post(url, data, follow=True)
    assert german(LOCKED) in response.text
    assert snapshot(approved) == before
    assert calls == []


def test_a_meeting_with_approved_minutes_cannot_be_moved(
    editor_client: Client, approved: Meeting, calls
) -> None:
    url = reverse("meetings-edit", args=[approved.pk])
    data = {"title": "x", "starts_at": "04.03.2026 10:00", "ends_at": "04.03.2026 11:00"}
    response = editor_client.post(url, {**data, "send_update": "on"}, follow=True)
    assert german(LOCKED) in response.text
    approved.refresh_from_db()
    assert approved.starts_at == STARTS
    assert calls == []


def test_the_move_form_of_a_meeting_with_approved_minutes_is_not_shown(
    editor_client: Client, approved: Meeting
) -> None:
    response = editor_client.get(reverse("meetings-edit", args=[approved.pk]))
    assert response["Location"] == reverse("meetings-detail", args=[approved.pk])


def test_a_cancelled_meeting_cannot_be_changed_and_nothing_is_sent(
    editor_client: Client, calls
) -> None:
    meeting = make_meeting(starts_at=datetime(2099, 3, 3, 10, 0, tzinfo=BERLIN))
    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    data = {"title": "x", "starts_at": "04.03.2099 10:00", "ends_at": "04.03.2099 11:00"}
    response = editor_client.post(
        reverse("meetings-edit", args=[meeting.pk]), {**data, "send_update": "on"}, follow=True
    )
    assert german("This meeting is cancelled.") in response.text
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime(2099, 3, 3, 10, 0, tzinfo=BERLIN)
    assert calls == []


def test_a_meeting_with_approved_minutes_shows_no_change_buttons(
    editor_client: Client, approved: Meeting
) -> None:
    response = editor_client.get(reverse("meetings-detail", args=[approved.pk]))
    for name in ("meetings-edit", "meetings-cancel", "meetings-agenda-add"):
        assert reverse(name, args=[approved.pk]) not in response.text
    item = approved.agenda_items.first()
    assert item is not None
    assert reverse("meetings-agenda-edit", args=[approved.pk, item.pk]) not in response.text
    assert reverse("meetings-minutes", args=[approved.pk]) in response.text
