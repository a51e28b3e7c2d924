"""The results page of a survey: the answer first, nothing below the minimum, the trend, the
free texts, German numbers, flat query counts and extreme values.

The survey asks the preselected built-in questions (six ratings, "overall" the sixth, the
recommendation and a free text) of six people.
Round 1: overall 4, 4, 4, 3, 4 → 19 / 5 = 3,8.
Round 2: overall 4, 4, 4, 5, 4 → 21 / 5 = 4,2; recommendation 10, 9, 8, 6, 10 → 3 promoters,
1 detractor of 5: 100 × 2 / 5 = +40.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from vendorwatch.feedback.models import Question, QuestionKind, Survey, SurveyRound
from vendorwatch.feedback.tests.factory import (
    make_question,
    make_response,
    make_round,
    make_survey,
)

pytestmark = pytest.mark.django_db


def by_topic(survey: Survey, topic: str) -> Question:
    return survey.questions.get(topic=topic)


def answer(survey_round: SurveyRound, overall: int, recommend: int = 8, text: str = "") -> None:
    survey = survey_round.survey
    answers: dict[Question, int | str] = {
        by_topic(survey, "overall"): overall,
        by_topic(survey, "recommend"): recommend,
    }
    if text:
        answers[by_topic(survey, "improve")] = text
    make_response(survey_round, answers)


def new_round(survey: Survey, days_ago: int = 0) -> SurveyRound:
    survey_round, _links = make_round(
        survey, opens_at=timezone.now() - timedelta(days=days_ago), days=14
    )
    return survey_round


@pytest.fixture
def survey() -> Survey:
    survey = make_survey(min_answers=5)
    first = new_round(survey, days_ago=100)
    for overall in (4, 4, 4, 3, 4):
        answer(first, overall)
    second = new_round(survey)
    for overall, recommend in zip((4, 4, 4, 5, 4), (10, 9, 8, 6, 10), strict=True):
        answer(second, overall, recommend, text="Schneller zurückrufen")
    return survey


def page(user: Any, survey: Survey, query: str = "", language: str = "") -> str:
    client = Client()
    client.force_login(user)
    if language:
        client.cookies["vendorwatch_language"] = language
    response = client.get(f"/feedback/surveys/{survey.pk}/results/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_a_viewer_sees_how_many_answered(viewer: Any, survey: Survey) -> None:
    assert "5 von 6 haben geantwortet" in page(viewer, survey)


def test_the_overall_satisfaction_leads_in_german_numbers(viewer: Any, survey: Survey) -> None:
    html = page(viewer, survey)
    assert "4,2 von 5" in html
    assert "besser als in Runde 1: 3,8" in html


def test_the_nps_leads_with_its_sign_and_an_explanation(viewer: Any, survey: Survey) -> None:
    html = page(viewer, survey)
    assert "+40" in html
    assert "Anteil der Begeisterten (9–10) minus Anteil der Kritiker (0–6)" in html
    assert "Begeisterte (9–10): 3 · Unentschlossene (7–8): 1 · Kritiker (0–6): 1" in html


def test_english_numbers_in_the_english_interface(viewer: Any, survey: Survey) -> None:
    html = page(viewer, survey, language="en")
    assert "4.2 of 5" in html
    assert "better than in round 1: 3.8" in html


def test_each_question_has_its_chart_and_a_table_of_counts(viewer: Any, survey: Survey) -> None:
    html = page(viewer, survey)
    question = by_topic(survey, "overall")
    number = survey.rounds.get(number=2).number
    src = f"/feedback/surveys/{survey.pk}/rounds/{number}/questions/{question.pk}/chart.svg"
    assert f'src="{src}"' in html
    assert 'alt="Balkendiagramm: wie oft jeder Wert gegeben wurde.' in html
    assert '<tr><th scope="row">4</th><td>4</td><td>80 %</td></tr>' in html


def test_the_trend_table_and_chart_show_both_rounds(viewer: Any, survey: Survey) -> None:
    html = page(viewer, survey)
    question = by_topic(survey, "overall")
    assert f"/feedback/surveys/{survey.pk}/questions/{question.pk}/trend.svg?round=2" in html
    assert "<td>3,8</td>" in html and "<td>4,2</td>" in html


def test_an_earlier_round_is_shown_by_its_number(viewer: Any, survey: Survey) -> None:
    html = page(viewer, survey, "?round=1")
    assert "3,8 von 5" in html
    assert 'aria-current="page">Runde 1' in html


def test_an_unknown_round_is_not_found(viewer: Any, survey: Survey) -> None:
    client = Client()
    client.force_login(viewer)
    assert client.get(f"/feedback/surveys/{survey.pk}/results/?round=9").status_code == 404


def test_free_texts_are_listed_and_escaped(viewer: Any, survey: Survey) -> None:
    third = new_round(survey)
    for _ in range(5):
        answer(third, 5, text="<script>alert(1)</script>")
    html = page(viewer, survey)
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 5
    assert "<script>alert(1)" not in html


def test_below_the_minimum_the_page_shows_no_figures(viewer: Any, survey: Survey) -> None:
    third = new_round(survey)
    for _ in range(3):
        answer(third, 1, recommend=0, text="Geheimer Hinweis")
    html = page(viewer, survey)
    assert "Noch 2 Antworten bis zur Auswertung – Ergebnisse erscheinen ab 5 Antworten" in html
    assert "3 von 6 haben geantwortet" in html
    assert "Geheimer Hinweis" not in html
    assert "chart.svg" not in html and "trend.svg" not in html and ".csv" not in html
    assert "von 5" not in html.replace("ab 5 Antworten", "")
    assert "message-error" not in html and "message-warning" not in html


def test_a_closed_round_below_the_minimum_says_it_ended(viewer: Any, survey: Survey) -> None:
    third = new_round(survey, days_ago=30)
    answer(third, 1)
    html = page(viewer, survey)
    assert "Diese Runde endete mit 1 Antwort. Ergebnisse erscheinen ab 5 Antworten" in html


def test_the_round_links_mark_a_hidden_round(viewer: Any, survey: Survey) -> None:
    new_round(survey)
    html = page(viewer, survey, "?round=2")
    assert 'Runde 3 <span class="hint">(zu wenige Antworten)</span>' in html


def test_a_survey_without_rounds_says_results_come_later(viewer: Any) -> None:
    html = page(viewer, make_survey())
    assert "Diese Umfrage wurde noch nicht verschickt." in html


def test_someone_without_a_role_may_not_look(survey: Survey) -> None:
    from vendorwatch.testing.factory import make_user

    client = Client()
    client.force_login(make_user(None))
    assert client.get(f"/feedback/surveys/{survey.pk}/results/").status_code == 403


# --- query counts ----------------------------------------------------------------------------


def queries(user: Any, survey: Survey) -> int:
    client = Client()
    client.force_login(user)
    client.get(f"/feedback/surveys/{survey.pk}/results/")  # session and permissions warm
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/feedback/surveys/{survey.pk}/results/").status_code == 200
    return len(captured)


def survey_with(questions: int, rounds: int) -> Survey:
    survey = make_survey(questions=False, min_answers=3)
    kinds = [QuestionKind.RATING, QuestionKind.RECOMMEND, QuestionKind.CHOICE, QuestionKind.TEXT]
    made = [
        make_question(survey, kind=kinds[n % 4], text=f"Frage {n}", choices="A\nB")
        for n in range(questions)
    ]
    values = {QuestionKind.RATING: 4, QuestionKind.RECOMMEND: 9, QuestionKind.CHOICE: "A"}
    for number in range(rounds):
        survey_round = new_round(survey, days_ago=(rounds - number) * 30)
        for _ in range(3):
            make_response(survey_round, {q: values.get(q.kind, "Text") for q in made})
    return survey


def test_more_questions_cost_no_more_queries(viewer: Any) -> None:
    assert queries(viewer, survey_with(10, 2)) == queries(viewer, survey_with(1, 2))


def test_more_rounds_cost_no_more_queries(viewer: Any) -> None:
    assert queries(viewer, survey_with(4, 6)) == queries(viewer, survey_with(4, 1))


# --- extreme values --------------------------------------------------------------------------


def test_long_texts_long_options_and_the_end_of_the_calendar(viewer: Any) -> None:
    survey = make_survey(questions=False, min_answers=3, title="T" * 200)
    long_question = make_question(survey, kind=QuestionKind.RATING, text="Frage " + "x" * 494)
    options = "\n".join(f"{n}" + "o" * 199 for n in range(3))
    choice = make_question(survey, kind=QuestionKind.CHOICE, text="Wahl", choices=options)
    text = make_question(survey, kind=QuestionKind.TEXT, text="Text")
    survey_round = new_round(survey)
    for n in range(3):
        make_response(
            survey_round, {long_question: 5, choice: f"{n}" + "o" * 199, text: "w" * 5000}
        )
    end = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)
    SurveyRound.objects.filter(pk=survey_round.pk).update(opens_at=end, closes_at=end)
    html = page(viewer, survey)
    assert "31.12.9999" in html
    assert "w" * 5000 in html and "x" * 494 in html
