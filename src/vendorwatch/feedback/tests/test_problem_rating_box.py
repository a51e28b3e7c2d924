"""The rating box on a problem's page: asked and waiting, rated, or expired; a low rating's
note; nothing when nobody was asked. The report for the provider leaves the rating out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from vendorwatch.feedback.models import ProblemRating
from vendorwatch.feedback.tests.factory import make_rating
from vendorwatch.problems.models import EventKind, Problem
from vendorwatch.problems.report import report_context, report_text
from vendorwatch.problems.tests.factory import add_event, make_problem

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def clock(time_machine: Any) -> None:
    time_machine.move_to(NOW, tick=False)


def page(user: Any, problem: Problem) -> str:
    client = Client()
    client.force_login(user)
    response = client.get(reverse("problems-detail", args=[problem.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_nothing_is_shown_when_no_rating_was_requested(viewer: Any) -> None:
    assert "Bewertung der Lösung" not in page(viewer, make_problem())


def test_a_waiting_request_names_whom_when_and_until_when(viewer: Any) -> None:
    problem = make_problem()
    make_rating(problem, name="Mia Müller")
    text = page(viewer, problem)
    assert "Bewertung der Lösung" in text
    assert (
        "Bewertung angefragt bei Mia Müller am 27.11.2026 – noch offen "
        "(Link gültig bis 11.12.2026)."
    ) in text


def test_a_given_rating_shows_stars_as_words_and_the_comment(viewer: Any) -> None:
    problem = make_problem()
    make_rating(problem, stars=4, comment="Schnell und freundlich", answered_at=NOW)
    text = page(viewer, problem)
    assert (
        "Bewertet mit 4 von 5 Sternen am 27.11.2026 von mia.mueller@example.com: "
        "„Schnell und freundlich“"
    ) in text
    assert '<span aria-hidden="true">★★★★☆</span>' in text


def test_an_expired_request_says_so(viewer: Any) -> None:
    problem = make_problem()
    make_rating(problem, requested_at=NOW - timedelta(days=20), expires_at=NOW - timedelta(days=6))
    text = page(viewer, problem)
    assert "Bewertung angefragt bei mia.mueller@example.com am 07.11.2026" in text
    assert "Link abgelaufen ohne Bewertung" in text


def test_a_low_rating_shows_a_note_that_links_to_the_timeline(viewer: Any) -> None:
    problem = make_problem()
    note = add_event(problem, EventKind.COMMENT, "2026-11-27 10:00+00:00", "Bewertung: 1 von 5")
    make_rating(problem, stars=1, answered_at=NOW, note=note)
    text = page(viewer, problem)
    assert "Niedrige Bewertung." in text
    assert f'href="#event-{note.pk}"' in text and "Zum Hinweis im Verlauf" in text


def test_a_good_rating_shows_no_note(viewer: Any) -> None:
    problem = make_problem()
    make_rating(problem, stars=3, answered_at=NOW)
    assert "Niedrige Bewertung" not in page(viewer, problem)


def test_each_resolution_asked_about_is_listed_the_latest_first(viewer: Any) -> None:
    problem = make_problem()
    make_rating(problem, stars=2, answered_at=NOW - timedelta(days=3), requested_at=NOW)
    make_rating(problem, requested_at=NOW + timedelta(minutes=1))
    text = page(viewer, problem)
    assert text.index("noch offen") < text.index("Bewertet mit 2 von 5")


def test_the_box_asks_the_database_once() -> None:
    problem = make_problem()
    make_rating(problem, stars=5, answered_at=NOW)
    make_rating(problem)
    template = Template("{% load feedback_tags %}{% problem_rating problem %}")
    with CaptureQueriesContext(connection) as captured:
        html = template.render(Context({"problem": problem}))
    assert len(captured) == 1 and "Bewertet mit 5 von 5" in html


def test_extreme_values_render(viewer: Any) -> None:
    problem = make_problem()
    rating, _token = make_rating(
        problem,
        name="M" * 200,
        stars=2,
        comment="Ä" * 5000,
        answered_at=NOW,
    )
    far = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)
    ProblemRating.objects.filter(pk=rating.pk).update(requested_at=far, expires_at=far)
    make_rating(problem, requested_at=far, expires_at=far, email=f"{'a' * 64}@example.com")
    text = page(viewer, problem)
    assert "31.12.9999" in text
    assert text.count("Ä") >= 5000
    assert "M" * 200 not in text  # long words get break points so they wrap on a phone


def test_the_box_speaks_english(viewer: Any) -> None:
    problem = make_problem()
    make_rating(problem, stars=4, answered_at=NOW, name="Mia Müller")
    client = Client()
    client.force_login(viewer)
    client.post(reverse("web-language"), {"language": "en", "next": "/"})
    text = client.get(reverse("problems-detail", args=[problem.pk])).content.decode()
    assert "Rated 4 of 5 stars on 27.11.2026 by Mia Müller." in text


def test_the_problem_report_for_the_provider_keeps_the_rating_to_ourselves() -> None:
    """The report goes to the provider: who rated and what they said stays internal."""
    problem = make_problem()
    make_rating(problem, stars=2, comment="Nur halb gelöst", answered_at=NOW, name="Mia Müller")
    text = report_text(problem)
    with translation.override("de"):
        html = render_to_string(
            "problems/report_pdf.html", {**report_context(problem), "sections": []}
        )
    for document in (text, html):
        assert "Mia Müller" not in document and "Nur halb gelöst" not in document
