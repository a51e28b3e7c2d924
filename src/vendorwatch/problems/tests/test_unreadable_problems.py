"""One bad record never takes a page down.

Values no form lets through are written to the database directly: a report in the year 9999
or 0001, an event in the year 9999, an SLA version valid from 31.12.9999, service hours in a
time zone that does not exist. Every problems page still answers; the bad problem is shown as
"cannot be computed — please check", the good one as usual.
"""

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from vendorwatch.problems.models import ClockState, EventKind, Problem, ProblemEvent
from vendorwatch.problems.services import problem_refresh, problems_refresh_open
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.sla.models import SlaVersion

pytestmark = pytest.mark.django_db
NOW = "2026-11-25 12:00+01:00"
LABEL = "kann nicht berechnet werden – bitte prüfen"
END_OF_TIME = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
BEGINNING = datetime(1, 1, 1, 0, 0, tzinfo=UTC)


def report_at(value: datetime):
    def spoil(problem: Problem) -> None:
        Problem.objects.filter(pk=problem.pk).update(reported_to_provider_at=value, since=value)
        problem.events.filter(kind=EventKind.REPORTED).update(occurred_at=value)

    return spoil


def event_at_end_of_time(problem: Problem) -> None:
    problem.events.exclude(kind=EventKind.REPORTED).update(occurred_at=END_OF_TIME)


def version_from_9999(problem: Problem) -> None:
    SlaVersion.objects.filter(pk=problem.sla_version_id).update(valid_from=date(9999, 12, 31))


def unknown_time_zone(problem: Problem) -> None:
    version = SlaVersion.objects.get(pk=problem.sla_version_id)
    snapshot = {**version.calendar_snapshot, "time_zone": "Mars/Olympus_Mons"}
    SlaVersion.objects.filter(pk=version.pk).update(calendar_snapshot=snapshot)


SPOILERS = {
    "report in 9999": report_at(END_OF_TIME),
    "report in 0001": report_at(BEGINNING),
    "event in 9999": event_at_end_of_time,
    "version valid from 31.12.9999": version_from_9999,
    "unknown time zone": unknown_time_zone,
}


@pytest.fixture(params=list(SPOILERS))
def spoiled(request, time_machine) -> tuple[Problem, Problem]:
    """A good problem and a bad one (each with its own SLA, so that one bad version does not
    spoil both)."""
    time_machine.move_to(NOW, tick=False)
    good = make_problem("2026-11-25 09:00+01:00", title="Gute Störung")
    bad = make_problem("2026-11-25 09:30+01:00", title="Kaputte Störung")
    add_event(bad, EventKind.FIRST_RESPONSE, "2026-11-25 10:00+01:00")
    SPOILERS[request.param](bad)
    bad.refresh_from_db()
    return good, bad


def pages(problem: Problem) -> list[str]:
    event = problem.events.order_by("-pk").first()
    assert event is not None
    base = f"/problems/{problem.pk}/"
    return [
        "/",
        "/problems/",
        "/problems/?sort=due",
        "/problems/?sort=oldest",
        "/problems/?state=invalid",
        base,
        f"{base}clock/",
        f"{base}explain/",
        f"{base}edit/",
        f"{base}events/new/",
        f"{base}events/{event.pk}/edit/",
        "/problems/export.csv",
        "/problems/export.xlsx",
    ]


def get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    if path.endswith(".xlsx"):
        return ""
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def test_every_problems_page_answers_before_the_job_ran(client, admin_user, spoiled) -> None:
    _good, bad = spoiled
    client.force_login(admin_user)
    for path in pages(bad):
        get(client, path)


def test_every_problems_page_answers_after_the_job_ran(client, admin_user, spoiled) -> None:
    _good, bad = spoiled
    problems_refresh_open(now=datetime.fromisoformat(NOW))
    client.force_login(admin_user)
    for path in pages(bad):
        get(client, path)


def test_the_job_marks_the_bad_record_and_refreshes_the_good_one(spoiled) -> None:
    good, bad = spoiled
    problems_refresh_open(now=datetime.fromisoformat(NOW))
    good.refresh_from_db()
    bad.refresh_from_db()
    assert (bad.state, bad.response_due, bad.next_due) == (ClockState.INVALID, None, None)
    assert good.state == ClockState.BREACHED  # no answer in the hour the P2 allows
    assert good.response_due == datetime.fromisoformat("2026-11-25 10:00+01:00")


def test_the_list_shows_the_bad_record_as_cannot_be_computed(client, editor, spoiled) -> None:
    _good, bad = spoiled
    problem_refresh(problem=bad)
    client.force_login(editor)
    page = get(client, "/problems/")
    bad_row = page[page.index("Kaputte Störung") :]
    bad_row = bad_row[: bad_row.index("</tr>")]
    good_row = page[page.index("Gute Störung") :]
    good_row = good_row[: good_row.index("</tr>")]
    assert LABEL in bad_row
    assert LABEL not in good_row and "25.11.2026 10:00" in good_row


def test_the_detail_page_says_the_clock_cannot_be_computed(client, editor, spoiled) -> None:
    _good, bad = spoiled
    client.force_login(editor)
    page = get(client, f"/problems/{bad.pk}/")
    assert f'data-state="invalid">{LABEL}</span>' in page
    assert "können nicht berechnet werden" in page


def test_the_export_shows_the_bad_record_as_cannot_be_computed(client, editor, spoiled) -> None:
    _good, bad = spoiled
    problem_refresh(problem=bad)
    client.force_login(editor)
    body = get(client, "/problems/export.csv")
    header, *rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    states = {row[1]: dict(zip(header, row, strict=True))["SLA-Status"] for row in rows}
    assert states == {"Kaputte Störung": LABEL, "Gute Störung": "Frist verletzt"}


def test_the_excel_export_shows_the_bad_record_as_cannot_be_computed(
    client, editor, spoiled
) -> None:
    _good, bad = spoiled
    problem_refresh(problem=bad)
    client.force_login(editor)
    response = client.get("/problems/export.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [row[6] for row in values if row[1] == "Kaputte Störung"] == [LABEL]


def test_the_dashboard_counts_the_bad_record_to_be_checked(client, editor, spoiled) -> None:
    problems_refresh_open(now=datetime.fromisoformat(NOW))
    client.force_login(editor)
    page = get(client, "/")
    assert f"{LABEL}: 1" in page and "Gute Störung" in page


def test_a_report_time_in_9999_is_shown_in_utc_rather_than_breaking_the_page(
    client, editor, time_machine
) -> None:
    time_machine.move_to(NOW, tick=False)
    problem = make_problem("2026-11-25 09:00+01:00")
    report_at(END_OF_TIME)(problem)
    client.force_login(editor)
    assert "31.12.9999 23:59 UTC" in get(client, f"/problems/{problem.pk}/")


def test_an_event_in_9999_leaves_the_edit_form_empty_to_be_corrected(
    client, editor, time_machine
) -> None:
    time_machine.move_to(NOW, tick=False)
    problem = make_problem("2026-11-25 09:00+01:00")
    event = add_event(problem, EventKind.COMMENT, "2026-11-25 10:00+01:00")
    ProblemEvent.objects.filter(pk=event.pk).update(occurred_at=END_OF_TIME)
    client.force_login(editor)
    page = get(client, f"/problems/{problem.pk}/events/{event.pk}/edit/")
    field = page[page.index('name="occurred_at"') :]
    assert "value=" not in field[: field.index(">")]
