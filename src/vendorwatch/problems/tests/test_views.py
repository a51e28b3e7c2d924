import pytest

from vendorwatch.problems.models import EventKind, Problem
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.sla.tests.factory import make_policy
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def now(time_machine):
    time_machine.move_to("2026-11-23 12:00+01:00", tick=False)


def problem_data(policy, **overrides):
    data = {
        "title": "Server down",
        "what_happened": "Kein Zugriff auf Laufwerk S:",
        "since": "2026-11-23T08:30",
        "impact": "high",
        "urgency": "high",
        "provider": policy.provider_id or make_provider().pk,
        "sla_policy": policy.pk,
        "reported_to_provider_at": "2026-11-23T09:00",
        "channel": "phone",
    }
    data.update(overrides)
    return data


def test_reporting_a_problem_starts_the_clock(client, editor, now) -> None:
    client.force_login(editor)
    policy = make_policy(provider=make_provider())
    response = client.post("/problems/new/", problem_data(policy))
    problem = Problem.objects.get()
    assert response.status_code == 302
    assert problem.priority.code == "P1" and problem.reporter == editor
    assert problem.events.get().kind == EventKind.REPORTED


def test_a_future_report_time_is_refused_next_to_the_field(client, editor, now) -> None:
    client.force_login(editor)
    policy = make_policy(provider=make_provider())
    response = client.post(
        "/problems/new/", problem_data(policy, reported_to_provider_at="2026-11-24T09:00")
    )
    assert "reported_to_provider_at" in response.context["form"].errors
    assert Problem.objects.count() == 0


def test_an_event_before_the_report_is_refused(client, editor, now) -> None:
    client.force_login(editor)
    problem = make_problem()
    response = client.post(
        f"/problems/{problem.pk}/events/new/",
        {"kind": "first_response", "occurred_at": "2026-11-23T08:00"},
    )
    assert response.status_code == 200 and problem.events.count() == 1


def test_resolved_before_the_first_response_is_refused(client, editor, now) -> None:
    client.force_login(editor)
    problem = make_problem()
    client.post(
        f"/problems/{problem.pk}/events/new/",
        {"kind": "first_response", "occurred_at": "2026-11-23T10:00"},
    )
    response = client.post(
        f"/problems/{problem.pk}/events/new/",
        {"kind": "resolved", "occurred_at": "2026-11-23T09:30"},
    )
    assert response.status_code == 200 and problem.events.count() == 2


def test_adding_an_event_by_htmx_answers_with_the_clock(client, editor, now) -> None:
    client.force_login(editor)
    problem = make_problem()
    response = client.post(
        f"/problems/{problem.pk}/events/new/",
        {"kind": "waiting_on_us", "occurred_at": "2026-11-23T09:10"},
        HTTP_HX_REQUEST="true",
    )
    assert 'id="clock"' in response.content.decode()
    problem.refresh_from_db()
    assert problem.state == "paused"


def test_changing_an_event_time_needs_a_reason_and_keeps_it(client, editor, now) -> None:
    client.force_login(editor)
    problem = make_problem()
    client.post(
        f"/problems/{problem.pk}/events/new/",
        {"kind": "first_response", "occurred_at": "2026-11-23T10:00"},
    )
    event = problem.events.get(kind="first_response")
    url = f"/problems/{problem.pk}/events/{event.pk}/edit/"
    client.post(url, {"occurred_at": "2026-11-23T09:40", "text": ""})
    assert event.edits.count() == 0
    response = client.post(
        url, {"occurred_at": "2026-11-23T09:40", "text": "", "reason": "Anrufliste geprüft"}
    )
    assert response.status_code == 302, response.context["form"].errors
    assert event.edits.get().reason == "Anrufliste geprüft"


def test_detail_clock_explain_and_report_pages_answer(client, viewer, now) -> None:
    problem = make_problem()
    client.force_login(viewer)
    for suffix in ("", "clock/", "explain/", "report/"):
        assert client.get(f"/problems/{problem.pk}/{suffix}").status_code == 200


def test_the_report_pdf_is_a_pdf(client, viewer, now) -> None:
    problem = make_problem()
    client.force_login(viewer)
    response = client.get(f"/problems/{problem.pk}/report.pdf")
    assert response.content.startswith(b"%PDF")


def test_a_viewer_cannot_add_events(client, viewer, now) -> None:
    problem = make_problem()
    client.force_login(viewer)
    response = client.post(
        f"/problems/{problem.pk}/events/new/",
        {"kind": "comment", "occurred_at": "2026-11-23T10:00"},
    )
    assert response.status_code == 403 and problem.events.count() == 1
