"""The meetings panel: counts of open action items and questions, the next meeting.

It is Monday 30.11.2026 12:00 in Berlin.
"""

from datetime import date, datetime

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from vendorwatch.meetings.dashboard import meetings_panel
from vendorwatch.meetings.models import ActionItem, Meeting
from vendorwatch.meetings.tests.factory import BERLIN, make_action, make_meeting, make_series
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import longest_text, make_provider

pytestmark = pytest.mark.django_db
NOW = "2026-11-30 12:00+01:00"


@pytest.fixture(autouse=True)
def _now(time_machine) -> None:
    time_machine.move_to(NOW, tick=False)


def panel(user):
    request = RequestFactory().get("/")
    request.user = user
    return meetings_panel(request)


def html(user) -> str:
    return render_to_string("meetings/_dashboard_panel.html", {"panel": panel(user)})


def test_without_meetings_the_panel_shows_its_empty_state(editor) -> None:
    assert panel(editor) == {"empty": True}
    assert 'class="empty-state"' in html(editor)


def test_it_counts_open_action_items_overdue_and_mine(editor) -> None:
    provider = make_provider()
    make_action(provider, due_date=date(2026, 11, 20))
    make_action(provider, due_date=date(2026, 12, 20), owner=editor)
    make_action(provider, due_date=date(2026, 11, 1), status=ActionItem.Status.DONE)
    make_action(provider, kind=ActionItem.Kind.QUESTION, due_date=date(2026, 12, 20))
    counts = panel(editor)["counts"]
    assert counts == {
        "actions": 2,
        "actions_overdue": 1,
        "actions_mine": 1,
        "questions": 1,
        "questions_overdue": 0,
    }


def test_overdue_items_are_highlighted(editor) -> None:
    make_action(make_provider(), due_date=date(2026, 11, 20))
    assert 'data-count="actions-overdue"' in html(editor)


def test_nothing_is_highlighted_when_nothing_is_overdue(editor) -> None:
    make_action(make_provider(), due_date=date(2026, 12, 20))
    make_action(make_provider(), kind=ActionItem.Kind.QUESTION, due_date=date(2026, 12, 20))
    assert "<strong" not in html(editor)


def test_the_next_meeting_is_the_next_date_of_a_series(editor) -> None:
    series = make_series(make_provider(), title="Jour fixe", rule="FREQ=MONTHLY;BYDAY=1TU")
    found = panel(editor)["next"]
    assert (found.title, found.when) == ("Jour fixe", "01.12.2026 10:00 – 11:00")
    assert found.starts_at == datetime(2026, 12, 1, 10, 0, tzinfo=BERLIN)
    assert series.meetings.count() == 0  # nothing is prepared by looking


def test_a_prepared_meeting_earlier_than_the_series_is_the_next_one(editor) -> None:
    make_series(make_provider(), rule="FREQ=MONTHLY;BYDAY=1TU")
    make_meeting(title="Sondertermin", starts_at=datetime(2026, 11, 30, 15, 0, tzinfo=BERLIN))
    assert panel(editor)["next"].title == "Sondertermin"


def test_cancelled_and_past_meetings_are_not_the_next_one(editor) -> None:
    make_meeting(starts_at=datetime(2026, 11, 30, 9, 0, tzinfo=BERLIN))
    make_meeting(
        starts_at=datetime(2026, 12, 2, 9, 0, tzinfo=BERLIN), status=Meeting.Status.CANCELLED
    )
    assert panel(editor)["next"] is None
    assert "empty-state" in html(editor)


def test_a_viewer_sees_the_panel(viewer) -> None:
    make_action(make_provider())
    assert panel(viewer)["counts"]["actions"] == 1


def test_extreme_stored_values_do_not_break_the_panel(editor) -> None:
    provider = make_provider(name=longest_text(Provider, "name", 5000))
    make_action(provider, title=longest_text(ActionItem, "title"), due_date=date(9999, 12, 31))
    make_meeting(
        provider,
        title="t" * 200,
        starts_at=datetime.fromisoformat("9999-12-31 20:00+00:00"),
        ends_at=datetime.fromisoformat("9999-12-31 21:00+00:00"),
    )
    text = html(editor)
    assert "31.12.9999" in text
    assert 'data-count="actions-overdue"' not in text
