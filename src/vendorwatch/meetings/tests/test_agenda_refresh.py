"""A refresh adds what became due since and keeps what the user did to the agenda.

It is Monday 30.11.2026 12:00 in Berlin; the meeting is on Tuesday 01.12.2026 10:00.
"""

from datetime import datetime

import pytest
from django.utils import timezone

from vendorwatch.meetings.agenda import agenda_items, agenda_refresh, agenda_text
from vendorwatch.meetings.models import AgendaItem, Meeting
from vendorwatch.meetings.tests.factory import BERLIN, make_action, make_meeting, make_series
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db
NOW = "2026-11-30 12:00+01:00"


@pytest.fixture
def policy(time_machine):
    time_machine.move_to(NOW, tick=False)
    return make_policy(provider=make_provider(name="Brandl IT"))


@pytest.fixture
def meeting(policy):
    return make_meeting(
        policy.provider,
        title="Jour fixe",
        starts_at=datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN),
        location="Besprechungsraum 1",
        video_link="https://meet.example/jf",
    )


def test_a_second_refresh_adds_nothing_when_nothing_changed(meeting, policy) -> None:
    make_problem("2026-11-23 09:00+01:00", sla_policy=policy)
    assert agenda_refresh(meeting) > 0
    assert agenda_refresh(meeting) == 0


def test_a_new_problem_is_added_on_refresh(meeting, policy, time_machine) -> None:
    agenda_refresh(meeting)
    problem = make_problem("2026-11-30 11:30+01:00", sla_policy=policy, title="Neu")
    assert agenda_refresh(meeting) == 1
    assert f"problem:{problem.pk}:opened" in [i.source_key for i in agenda_items(meeting)]


def test_a_problem_whose_deadline_is_missed_since_comes_again_as_missed(
    meeting, policy, time_machine
) -> None:
    problem = make_problem("2026-11-30 11:30+01:00", sla_policy=policy)
    agenda_refresh(meeting)
    time_machine.move_to("2026-11-30 13:00+01:00", tick=False)
    from vendorwatch.problems.services import problem_refresh

    problem_refresh(problem=problem)
    agenda_refresh(meeting)
    keys = [i.source_key for i in agenda_items(meeting)]
    assert f"problem:{problem.pk}:breach" in keys


def test_edits_are_kept_on_refresh(meeting) -> None:
    action = make_action(meeting.provider, title="Alt")
    agenda_refresh(meeting)
    AgendaItem.objects.filter(source_key=f"action:{action.pk}").update(
        title="Mein Text", edited=True
    )
    action.title = "Neu"
    action.save()
    agenda_refresh(meeting)
    assert meeting.agenda_items.get(source_key=f"action:{action.pk}").title == "Mein Text"


def test_unedited_items_get_the_new_text_on_refresh(meeting) -> None:
    action = make_action(meeting.provider, title="Alt")
    agenda_refresh(meeting)
    action.title = "Neu"
    action.save()
    agenda_refresh(meeting)
    assert "Neu" in meeting.agenda_items.get(source_key=f"action:{action.pk}").title


def test_a_removed_item_is_not_added_again(meeting) -> None:
    action = make_action(meeting.provider)
    agenda_refresh(meeting)
    AgendaItem.objects.filter(source_key=f"action:{action.pk}").update(removed=True)
    assert agenda_refresh(meeting) == 0
    assert not [i for i in agenda_items(meeting) if i.action_id == action.pk]


def test_free_items_stay_where_the_user_put_them(meeting) -> None:
    AgendaItem.objects.create(meeting=meeting, position=1, title="Verschiedenes")
    first = make_action(meeting.provider)
    agenda_refresh(meeting)
    second = make_action(meeting.provider)
    agenda_refresh(meeting)
    titles = [(i.kind, i.action_id) for i in agenda_items(meeting)]
    assert titles == [("action", first.pk), ("action", second.pk), ("free", None)]
    assert meeting.agenda_items.get(kind="free").title == "Verschiedenes"


def test_approved_minutes_lock_the_agenda(meeting) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(minutes_status=Meeting.Minutes.APPROVED)
    meeting.refresh_from_db()
    make_action(meeting.provider)
    assert agenda_refresh(meeting) == 0
    assert not meeting.agenda_items.exists()
    assert meeting.agenda_refreshed_at is None


def test_the_refresh_time_is_kept(meeting) -> None:
    agenda_refresh(meeting)
    meeting.refresh_from_db()
    assert meeting.agenda_refreshed_at == timezone.now()


def test_the_agenda_as_text_has_time_place_link_and_numbered_items(meeting) -> None:
    make_action(meeting.provider, title="Firewall prüfen")
    agenda_refresh(meeting)
    AgendaItem.objects.create(meeting=meeting, position=99, title="Verschiedenes")
    text = agenda_text(meeting)
    assert "01.12.2026 10:00" in text
    assert "Besprechungsraum 1" in text
    assert "https://meet.example/jf" in text
    assert "1. " in text and "Firewall prüfen" in text
    assert "2. Verschiedenes" in text


def test_the_agenda_text_is_not_html_escaped(meeting) -> None:
    AgendaItem.objects.create(meeting=meeting, position=1, title="Preise & Leistungen")
    assert "Preise & Leistungen" in agenda_text(meeting)


def test_the_agenda_text_is_in_the_series_time_zone(policy) -> None:
    series = make_series(policy.provider, time_zone="America/New_York")
    meeting = make_meeting(series=series, starts_at=datetime(2026, 12, 1, 16, 0, tzinfo=BERLIN))
    assert "01.12.2026 10:00" in agenda_text(meeting)
