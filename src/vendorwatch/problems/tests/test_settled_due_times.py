"""A met response keeps its due time, wherever the problem is shown.

Service hours Mo–Fr 08–17 (Bavaria). A P3 problem (impact and urgency medium) has 4 business
hours to respond and 3 business days (27 business hours) to resolve. Reported Wednesday
25.11.2026 09:00, answered at 10:00, "waiting on us" from 11:00: the response was due at
13:00 and was met, however long we wait afterwards. A week later (Wednesday 02.12.2026 10:00)
the resolution clock is paused with 2 h used and 25 h left: if work resumed now it would be
due Wed 7 h + Thu 9 h + Fri 9 h, i.e. Friday 04.12.2026 17:00.
"""

import csv
import io
from datetime import datetime

import pytest

from vendorwatch.problems.models import EventKind, Problem
from vendorwatch.problems.services import problems_refresh_open
from vendorwatch.problems.tests.factory import add_event, make_problem

pytestmark = pytest.mark.django_db
RESPONSE_DUE = "25.11.2026 13:00"
A_WEEK_LATER = "2026-12-02 10:00+01:00"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def problem(time_machine) -> Problem:
    time_machine.move_to("2026-11-25 09:00+01:00", tick=False)
    problem = make_problem("2026-11-25 09:00+01:00", impact="medium", urgency="medium")
    time_machine.move_to("2026-11-25 11:00+01:00", tick=False)
    add_event(problem, EventKind.FIRST_RESPONSE, "2026-11-25 10:00+01:00")
    add_event(problem, EventKind.WAITING_ON_US, "2026-11-25 11:00+01:00")
    time_machine.move_to(A_WEEK_LATER, tick=False)
    problems_refresh_open(now=at(A_WEEK_LATER))
    problem.refresh_from_db()
    return problem


def test_response_due_unchanged_by_pause_after_met(problem) -> None:
    assert problem.priority.code == "P3"
    assert problem.response_due == at("2026-11-25 13:00+01:00")
    assert problem.response_state == "met"


def test_the_paused_resolution_is_due_as_if_work_resumed_now(problem) -> None:
    assert problem.resolution_due == at("2026-12-04 17:00+01:00")
    assert (problem.state, problem.resolution_state) == ("paused", "paused")


def test_the_list_shows_the_met_response_due_time(client, viewer, problem) -> None:
    client.force_login(viewer)
    page = client.get("/problems/").content.decode()
    row = page[page.index(f"#{problem.pk} ") :]
    response_cell = row[row.index('data-clock="response"') : row.index('data-clock="resolution"')]
    assert RESPONSE_DUE in response_cell and "eingehalten" in response_cell


def test_the_detail_page_shows_the_met_response_due_time(client, viewer, problem) -> None:
    client.force_login(viewer)
    page = client.get(f"/problems/{problem.pk}/").content.decode()
    assert f'<td data-due="response">{RESPONSE_DUE}' in page
    assert 'data-clock="response" data-state="met"' in page


def test_the_csv_export_shows_the_met_response_due_time(client, viewer, problem) -> None:
    client.force_login(viewer)
    response = client.get("/problems/export.csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert dict(zip(header, row, strict=True))["Reaktion fällig"] == RESPONSE_DUE


def test_the_explanation_shows_the_met_response_due_time(client, viewer, problem) -> None:
    client.force_login(viewer)
    response = client.get(f"/problems/{problem.pk}/explain/")
    sections = {s["kind"]: s["lines"] for s in response.context["sections"]}
    summary = sections["first_response"][1]
    assert f"fällig {RESPONSE_DUE}" in summary and "eingehalten" in summary
