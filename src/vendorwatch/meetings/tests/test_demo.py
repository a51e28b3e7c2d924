"""The demo meetings: a monthly series with three past meetings and the next one prepared."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from vendorwatch.meetings.demo import SERIES
from vendorwatch.meetings.models import (
    ActionItem,
    ActionReview,
    AgendaItem,
    Decision,
    Meeting,
    MeetingSeries,
    MinutesRevision,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("demo")
    return MeetingSeries.objects.get(title=SERIES)


def counts() -> tuple[int, ...]:
    models = [MeetingSeries, Meeting, AgendaItem, Decision, ActionItem, ActionReview]
    return tuple(model.objects.count() for model in [*models, MinutesRevision])


def test_three_past_meetings_have_approved_minutes(loaded) -> None:
    past = loaded.meetings.filter(starts_at__lt=timezone.now())
    assert past.count() == 3
    assert all(m.minutes_locked and m.revisions.count() == 1 for m in past)
    assert all(m.decisions.exists() for m in past)


def test_some_action_items_are_done_and_some_overdue(loaded) -> None:
    today = timezone.localdate()
    actions = ActionItem.objects.filter(meeting__series=loaded)
    assert actions.filter(status=ActionItem.Status.DONE).exists()
    assert actions.filter(status=ActionItem.Status.OPEN, due_date__lt=today).exists()
    assert ActionReview.objects.filter(meeting__series=loaded).exists()


def test_the_next_meeting_has_a_generated_agenda(loaded) -> None:
    upcoming = loaded.meetings.get(starts_at__gte=timezone.now())
    kinds = set(upcoming.agenda_items.values_list("kind", flat=True))
    assert AgendaItem.Kind.ACTION_REVIEW in kinds
    assert AgendaItem.Kind.FREE in kinds
    assert upcoming.agenda_refreshed_at is not None


def test_loading_twice_changes_nothing(loaded) -> None:
    before = counts()
    call_command("demo")
    call_command("demo", "--if-empty")
    assert counts() == before
