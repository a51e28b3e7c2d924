"""The feedback panel of the dashboard: the latest shown results of each running survey with
their trend, how many answered an open round, and the ratings of the last 90 days; no panel
when there is nothing.

Hand-worked figures (surveys with a minimum of 3 answers):
- round 1: overall 4, 3, 4 → mean 11 / 3 = 3.67 → 3,7; recommendation 10, 8, 5 → one
  promoter, one detractor of three → NPS 0.
- round 2: overall 5, 4, 4 → 13 / 3 = 4.33 → 4,3; recommendation 10, 9, 7 → two promoters,
  no detractor of three → 66.7 → +67.
- ratings 5, 4 and 1 → 10 / 3 = 3.33 → 3,3; one low (1 ≤ 2 stars).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from vendorwatch.feedback.dashboard import feedback_panel
from vendorwatch.feedback.models import ProblemRating, QuestionKind, Survey
from vendorwatch.feedback.tests.factory import (
    make_question,
    make_rating,
    make_response,
    make_round,
    make_survey,
)
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 12, 10, 10, 0, tzinfo=BERLIN)
HEADING = "feedback-panel-heading"


def dashboard(user: Any) -> str:
    client = Client()
    client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        return client.get("/").content.decode()


def survey_with_questions(**fields: Any) -> tuple[Survey, Any, Any]:
    fields.setdefault("min_answers", 3)
    survey = make_survey(questions=False, **fields)
    overall = make_question(survey, kind=QuestionKind.RATING, topic="overall")
    recommend = make_question(survey, kind=QuestionKind.RECOMMEND, text="Empfehlen?")
    return survey, overall, recommend


def closed_round(survey: Survey, opened: datetime, answers: list[tuple[Any, ...]]) -> Any:
    emails = [f"p{i}@example.com" for i in range(1, 9)]
    survey_round, _links = make_round(survey, emails=emails, opens_at=opened, days=14)
    questions = list(survey.questions.order_by("position"))
    for values in answers:
        make_response(survey_round, dict(zip(questions, values, strict=True)))
    return survey_round


def two_rounds(**fields: Any) -> Survey:
    survey, _overall, _recommend = survey_with_questions(**fields)
    closed_round(survey, datetime(2026, 7, 1, tzinfo=BERLIN), [(4, 10), (3, 8), (4, 5)])
    closed_round(survey, datetime(2026, 10, 1, tzinfo=BERLIN), [(5, 10), (4, 9), (4, 7)])
    return survey


def rate(stars: int, days_ago: int, **fields: Any) -> ProblemRating:
    problem = make_problem(**fields)
    rating, _token = make_rating(problem)
    rating.stars = stars
    rating.answered_at = NOW - timedelta(days=days_ago)
    rating.save(update_fields=["stars", "answered_at"])
    return rating


def test_it_shows_no_panel_when_there_is_no_feedback(viewer: Any) -> None:
    assert HEADING not in dashboard(viewer)


def test_it_shows_no_panel_for_a_running_survey_without_results_or_open_round(
    viewer: Any,
) -> None:
    survey_with_questions()
    assert HEADING not in dashboard(viewer)


def test_it_shows_the_latest_results_with_the_trend(viewer: Any) -> None:
    two_rounds(provider=make_provider(name="Brandl IT GmbH"))
    text = dashboard(viewer)
    assert "Feedback der Mitarbeitenden" in text and "Brandl IT GmbH" in text
    assert "Runde 2: Zufriedenheit 4,3 von 5 (besser; Runde 1: 3,7 von 5)" in text
    assert "Weiterempfehlung (NPS) +67 (besser; Runde 1: 0)" in text


def test_it_links_the_survey_to_its_results(viewer: Any) -> None:
    survey = two_rounds()
    assert f'href="/feedback/surveys/{survey.pk}/results/"' in dashboard(viewer)


def test_it_says_unchanged_when_the_figure_stayed_the_same(viewer: Any) -> None:
    survey, _overall, _recommend = survey_with_questions()
    closed_round(survey, datetime(2026, 7, 1, tzinfo=BERLIN), [(4, 10), (4, 10), (4, 10)])
    closed_round(survey, datetime(2026, 10, 1, tzinfo=BERLIN), [(4, 9), (4, 9), (4, 9)])
    text = dashboard(viewer)
    assert "Zufriedenheit 4,0 von 5 (gleich; Runde 1: 4,0 von 5)" in text
    assert "Weiterempfehlung (NPS) +100 (gleich; Runde 1: +100)" in text


def test_it_shows_how_many_answered_an_open_round(viewer: Any) -> None:
    survey = two_rounds()
    emails = [f"p{i}@example.com" for i in range(1, 13)]
    opened = datetime(2026, 12, 6, tzinfo=BERLIN)  # open for 14 days: last day 19.12.2026
    survey_round, _links = make_round(survey, emails=emails, opens_at=opened, days=14)
    questions = list(survey.questions.order_by("position"))
    for _number in range(2):  # fewer than the minimum of 3: no figures yet
        make_response(survey_round, {questions[0]: 1, questions[1]: 0})
    text = dashboard(viewer)
    assert "Runde 3 läuft bis 19.12.2026: 2 von 12 haben geantwortet" in text
    assert "Runde 2: Zufriedenheit 4,3 von 5" in text and "1,0" not in text


def test_a_round_below_the_minimum_shows_no_figures(viewer: Any) -> None:
    survey, _overall, _recommend = survey_with_questions()
    closed_round(survey, datetime(2026, 7, 1, tzinfo=BERLIN), [(2, 3), (2, 3), (2, 3)])
    closed_round(survey, datetime(2026, 10, 1, tzinfo=BERLIN), [(5, 10), (5, 10)])
    text = dashboard(viewer)
    assert "Runde 1: Zufriedenheit 2,0 von 5" in text
    assert "5,0" not in text and "Runde 2" not in text and "+100" not in text


def test_a_survey_with_only_a_hidden_closed_round_shows_no_panel(viewer: Any) -> None:
    survey, _overall, _recommend = survey_with_questions()
    closed_round(survey, datetime(2026, 10, 1, tzinfo=BERLIN), [(5, 10), (5, 10)])
    assert HEADING not in dashboard(viewer)


def test_it_counts_the_ratings_of_the_last_90_days(viewer: Any) -> None:
    rate(5, 1)
    rate(4, 30)
    rate(1, 89)
    rate(1, 91)  # too old
    text = dashboard(viewer)
    assert "3 Bewertungen gelöster Störungen in den letzten 90 Tagen, im Schnitt 3,3 von 5." in text
    assert '<strong><a href="/feedback/ratings/?low=1">1 niedrige Bewertung' in text


def test_without_low_ratings_nothing_is_emphasised(viewer: Any) -> None:
    rate(4, 1)
    text = dashboard(viewer)
    section = text.split(HEADING, 1)[1].split("</section>", 1)[0]
    assert "im Schnitt 4,0 von 5" in section and "<strong>" not in section


def test_a_rating_stored_in_year_9999_does_not_break_the_dashboard(viewer: Any) -> None:
    rating = rate(2, 0)
    rating.answered_at = datetime(9999, 12, 31, 23, 59, tzinfo=ZoneInfo("UTC"))
    rating.save(update_fields=["answered_at"])
    survey, _overall, _recommend = survey_with_questions(title="T" * 200)
    survey_round, _links = make_round(survey, opens_at=NOW - timedelta(days=1))
    survey_round.closes_at = datetime(9999, 12, 31, 23, 59, tzinfo=ZoneInfo("UTC"))
    survey_round.save(update_fields=["closes_at"])
    text = dashboard(viewer)
    assert "1 Bewertung einer gelösten Störung" in text and "läuft bis 31.12.9999" in text
    assert "T" * 61 not in text  # a long word gets break points to fit a phone's width


def panel_queries(viewer: Any) -> int:
    request = RequestFactory().get("/")
    request.user = viewer
    viewer.has_perm("feedback.view_survey")  # the permissions are read once per user
    with time_machine.travel(NOW, tick=False), CaptureQueriesContext(connection) as queries:
        assert feedback_panel(request) is not None
    return len(queries)


def test_the_panel_asks_the_database_the_same_number_of_times_for_more_surveys(
    viewer: Any,
) -> None:
    def survey_with_open_round() -> None:
        survey = two_rounds()
        make_round(survey, opens_at=NOW - timedelta(days=1))

    survey_with_open_round()
    rate(1, 3)
    one = panel_queries(viewer)
    for _number in range(4):
        survey_with_open_round()
    assert panel_queries(viewer) == one
