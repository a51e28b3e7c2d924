"""The terminations panel: each termination in progress with the next thing to act on;
nothing at all when there is none.

The factory contract ends on 31.12.2026 if the notice is received by 30.09.2026 (state NW).
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from vendorwatch.contracts.models import Contract
from vendorwatch.contracts.tests.factory import make_contract, nrw
from vendorwatch.termination.dashboard import SHOWN, termination_panel
from vendorwatch.termination.models import Letter, Termination
from vendorwatch.termination.tests.factory import (
    make_dispatch,
    make_letter,
    make_task,
    make_termination,
)
from vendorwatch.testing.factory import longest_text, make_provider

pytestmark = pytest.mark.django_db
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def termination() -> Termination:
    nrw()
    with time_machine.travel(datetime(2026, 9, 1, 9, 0, tzinfo=BERLIN), tick=False):
        return make_termination(make_contract())


def panel(user):
    request = RequestFactory().get("/")
    request.user = user
    with translation.override("en"):
        return termination_panel(request)


def lines(user) -> list[str]:
    found = panel(user)
    return ["; ".join(text for text, _pressing in row.items) for row in found["rows"]]


def html(user, language: str = "en") -> str:
    with translation.override(language):
        return render_to_string("termination/_dashboard_panel.html", {"panel": panel(user)})


def test_without_a_termination_in_progress_there_is_no_panel(viewer) -> None:
    make_termination(status=Termination.Status.WITHDRAWN)
    assert panel(viewer) is None


def test_the_dashboard_shows_no_terminations_heading_without_one(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert "termination-panel-heading" not in client.get(reverse("web-dashboard")).text


@time_machine.travel("2026-09-01 10:00 +0200", tick=False)
def test_it_names_the_day_to_post_the_notice(viewer, termination) -> None:
    assert lines(viewer) == [
        "post the notice by 26.09.2026 (must be received by 30.09.2026, contract end 31.12.2026)"
    ]
    assert not panel(viewer)["rows"][0].pressing


@time_machine.travel("2026-09-21 10:00 +0200", tick=False)
def test_a_day_to_post_within_a_week_is_pressing(viewer, termination) -> None:
    assert panel(viewer)["rows"][0].pressing
    assert "<strong>post the notice by 26.09.2026" in html(viewer)


@time_machine.travel("2026-09-28 10:00 +0200", tick=False)
def test_too_late_for_the_post_says_courier_or_in_person(viewer, termination) -> None:
    assert lines(viewer) == [
        "too late for the post – deliver by courier or in person today (must be received by"
        " 30.09.2026)"
    ]


@time_machine.travel("2026-09-25 10:00 +0200", tick=False)
def test_a_notice_sent_counts_the_days_to_prove_receipt(viewer, termination) -> None:
    make_dispatch(make_letter(termination), sent_on=date(2026, 9, 24))
    assert lines(viewer) == [
        "sent on 24.09.2026, receipt not yet proven – 5 days left until 30.09.2026"
    ]


@time_machine.travel("2026-10-02 10:00 +0200", tick=False)
def test_after_the_deadline_without_proof_it_says_what_a_notice_today_reaches(
    viewer, termination
) -> None:
    make_dispatch(make_letter(termination), sent_on=date(2026, 9, 28))
    assert lines(viewer) == [
        "deadline 30.09.2026 passed without proven receipt – a notice received today ends the"
        " contract on 31.12.2027"
    ]


@time_machine.travel("2026-12-20 10:00 +0100", tick=False)
def test_once_received_overdue_exit_tasks_are_the_next_thing(viewer, termination) -> None:
    make_dispatch(
        make_letter(termination), sent_on=date(2026, 9, 24), received_on=date(2026, 9, 28)
    )
    make_task(termination, days_from_end=-30)
    make_task(termination, days_from_end=-20)
    assert lines(viewer) == ["2 exit tasks overdue"]
    assert panel(viewer)["rows"][0].pressing


@time_machine.travel("2026-12-20 10:00 +0100", tick=False)
def test_once_received_the_next_exit_task_is_named_calmly(viewer, termination) -> None:
    make_dispatch(
        make_letter(termination), sent_on=date(2026, 9, 24), received_on=date(2026, 9, 28)
    )
    make_task(termination, days_from_end=0)
    assert lines(viewer) == ["next exit task due on 31.12.2026"]
    assert "<strong>" not in html(viewer)


@time_machine.travel("2027-01-10 10:00 +0100", tick=False)
def test_a_finished_termination_leaves_the_panel(viewer, termination) -> None:
    make_dispatch(
        make_letter(termination), sent_on=date(2026, 9, 24), received_on=date(2026, 9, 28)
    )
    make_task(termination, days_from_end=0, done_on=date(2026, 12, 30))
    assert panel(viewer) is None


@time_machine.travel("2026-11-10 10:00 +0100", tick=False)
def test_for_cause_the_deadline_to_remedy_comes_first(viewer) -> None:
    termination = make_termination(
        kind=Termination.Kind.FOR_CAUSE,
        learned_on=date(2026, 11, 2),
        remedy_deadline=date(2026, 11, 17),
    )
    make_dispatch(make_letter(termination, kind=Letter.Kind.WARNING), sent_on=date(2026, 11, 3))
    assert lines(viewer) == [
        "deadline to remedy runs until 17.11.2026 – then the notice must be received by 01.12.2026"
    ]


@time_machine.travel("2026-11-20 10:00 +0100", tick=False)
def test_for_cause_past_the_safe_two_weeks_is_pressing(viewer) -> None:
    make_termination(
        kind=Termination.Kind.FOR_CAUSE,
        learned_on=date(2026, 11, 2),
        warning_dispensable=True,
        dispensable_reason="Verweigert.",
    )
    assert lines(viewer) == ["the notice must be received by 16.11.2026"]
    assert panel(viewer)["rows"][0].pressing


def test_for_cause_without_a_warning_asks_for_one(viewer) -> None:
    make_termination(kind=Termination.Kind.FOR_CAUSE, learned_on=date(2026, 11, 2))
    assert lines(viewer) == ["send a warning letter with a deadline to remedy first"]


def test_pressing_terminations_come_first_and_the_rest_is_one_link_away(viewer) -> None:
    provider = make_provider()
    for number in range(SHOWN + 1):
        make_termination(make_contract(provider=provider, title=f"Vertrag {number}"))
    make_termination(make_contract(start_date=date(9999, 1, 1), title="Unberechenbar"))
    found = panel(viewer)
    assert found["rows"][0].termination.contract.title == "Unberechenbar"
    assert found["more"] == 2
    assert "2 more terminations in progress" in html(viewer)


def test_the_panel_in_german(viewer, termination) -> None:
    assert "Laufende Kündigungen" in html(viewer, "de")


def test_a_viewer_without_the_permission_sees_no_panel(db) -> None:
    from vendorwatch.testing.factory import make_user

    make_termination()
    assert panel(make_user(role=None)) is None


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_year_9999_and_the_longest_texts_do_not_break_the_dashboard(
    client: Client, viewer, language: str
) -> None:
    title = longest_text(Contract, "title")
    make_termination(
        make_contract(start_date=date(9999, 1, 1), title=title),
        kind=Termination.Kind.FOR_CAUSE,
        reason="x" * 5_000,
        learned_on=date(9999, 12, 31),
        warning_dispensable=True,
    )
    make_termination(make_contract(title="Zweiter"), notes="x" * 5_000)
    client.force_login(viewer)
    client.cookies["vendorwatch_language"] = language
    text = client.get(reverse("web-dashboard")).text
    assert "termination-panel-heading" in text
    assert 'class="message message-warning" role="status"' not in text


def test_the_panel_asks_the_database_as_often_for_ten_terminations_as_for_one(viewer) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from vendorwatch.organisation.models import read_once

    nrw()
    provider = make_provider()

    def grow() -> None:
        termination = make_termination(make_contract(provider=provider))
        make_dispatch(make_letter(termination), sent_on=date(2026, 9, 2))
        make_task(termination)

    def queries() -> int:
        with read_once(), CaptureQueriesContext(connection) as captured:
            assert panel(viewer) is not None
        return len(captured)

    grow()
    panel(viewer)  # the permissions, read once
    few = queries()
    for _ in range(9):
        grow()
    assert queries() == few
