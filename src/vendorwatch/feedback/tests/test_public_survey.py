"""Answering a pulse survey by the link from the e-mail: no account, the survey's language,
exactly the given answers stored, and a tampered, expired or used link changes nothing."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from vendorwatch.feedback.models import (
    TEXT_LIMIT,
    Answer,
    Question,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
)
from vendorwatch.feedback.tests.factory import (
    make_question,
    make_rating,
    make_round,
    make_survey,
)
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_provider

pytestmark = pytest.mark.django_db

INVALID = "Dieser Link ist ungültig – bitte nutzen Sie den Link aus der E-Mail vollständig"
USED = "Sie haben bereits geantwortet – vielen Dank!"
ENDED = "Diese Umfragerunde ist beendet"
ANONYMOUS = (
    "Ihre Antworten werden ohne Namen, E-Mail-Adresse und Uhrzeit gespeichert. Ergebnisse "
    "sieht man erst, wenn mindestens 5 Personen geantwortet haben."
)
MIA = "mia@example.com"


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to("2026-10-01 09:00+02:00", tick=False)


@pytest.fixture
def survey() -> Survey:
    """One question of each kind; only the rating must be answered."""
    survey = make_survey(
        questions=False,
        title="Wie zufrieden sind Sie mit der IT-Betreuung?",
        intro="Bitte nehmen Sie sich zwei Minuten Zeit.",
        provider=make_provider(name="IT-Haus Lech GmbH"),
    )
    make_question(survey, kind=QuestionKind.RATING, text="Wie kompetent?", required=True)
    make_question(survey, kind=QuestionKind.RECOMMEND, text="Weiterempfehlen?")
    make_question(
        survey, kind=QuestionKind.CHOICE, text="Wie erreichen Sie ihn?", choices="Telefon\nE-Mail"
    )
    make_question(survey, kind=QuestionKind.TEXT, text="Was sollte besser werden?")
    return survey


def link(survey: Survey) -> str:
    _round, links = make_round(survey, emails=[MIA, "tom@example.com"])
    return links[MIA]


def url(token: str) -> str:
    return f"/feedback/survey/{token}/"


def questions(survey: Survey) -> dict[QuestionKind, Question]:
    return {QuestionKind(q.kind): q for q in survey.questions.all()}


def answers_for(survey: Survey, **values: str) -> dict[str, str]:
    """Form data by kind of question (rating=…, recommend=…, choice=…, text=…)."""
    by_kind = questions(survey)
    return {f"q{by_kind[QuestionKind(kind)].pk}": value for kind, value in values.items()}


def stored() -> list[tuple[str, int | None, str, str]]:
    return sorted(
        (a.question.kind, a.number, a.choice, a.text)
        for a in Answer.objects.select_related("question")
    )


def page(response: Any) -> str:
    return response.content.decode()


def tampered(token: str) -> str:
    position = len(token) // 2
    return token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1 :]


def test_the_page_shows_title_intro_provider_last_day_and_the_anonymity_note(
    client, survey
) -> None:
    html = page(client.get(url(link(survey))))
    assert "<h1>Wie zufrieden sind Sie mit der IT-Betreuung?</h1>" in html
    assert "Bitte nehmen Sie sich zwei Minuten Zeit." in html
    assert "IT-Haus Lech GmbH" in html
    assert "15.10.2026" in html
    assert ANONYMOUS in html
    assert "Antworten senden" in html
    assert '<html lang="de">' in html


def test_the_questions_are_shown_in_their_order(client) -> None:
    survey = make_survey(questions=False)
    make_question(survey, text="Die zweite Frage", position=2)
    make_question(survey, text="Die erste Frage", position=1)
    make_question(survey, text="Die dritte Frage", position=3)
    html = page(client.get(url(link(survey))))
    assert html.index("Die erste") < html.index("Die zweite") < html.index("Die dritte")


def test_each_kind_of_question_gets_its_answers(client, survey) -> None:
    html = page(client.get(url(link(survey))))
    by_kind = questions(survey)
    assert html.count(f'name="q{by_kind[QuestionKind.RATING].pk}"') == 5
    assert html.count(f'name="q{by_kind[QuestionKind.RECOMMEND].pk}"') == 11
    assert "0 = sehr unwahrscheinlich" in html
    assert "10 = sehr wahrscheinlich" in html
    assert "1 = sehr schlecht" in html
    assert html.count(f'name="q{by_kind[QuestionKind.CHOICE].pk}"') == 2
    assert f'<textarea name="q{by_kind[QuestionKind.TEXT].pk}"' in html


def test_a_valid_answer_stores_exactly_the_given_answers(client, survey) -> None:
    token = link(survey)
    data = answers_for(survey, rating="4", recommend="9", choice="E-Mail", text="Schneller.")
    response = client.post(url(token), data)
    assert response.status_code == 303
    assert response["Location"] == "/feedback/thanks/?l=de&k=survey"
    assert stored() == [
        ("choice", None, "E-Mail", ""),
        ("rating", 4, "", ""),
        ("recommend", 9, "", ""),
        ("text", None, "", "Schneller."),
    ]
    assert SurveyInvitation.objects.get(email=MIA).answered


def test_questions_left_empty_are_not_stored(client, survey) -> None:
    client.post(url(link(survey)), answers_for(survey, rating="2", recommend="", text="  "))
    assert stored() == [("rating", 2, "", "")]
    assert SurveyResponse.objects.count() == 1


def test_the_thank_you_page_says_the_answers_are_stored_anonymously(client, survey) -> None:
    response = client.post(url(link(survey)), answers_for(survey, rating="5"), follow=True)
    assert "Danke! Ihre Antworten sind anonym gespeichert." in page(response)


def test_a_required_question_left_empty_is_refused_and_nothing_stored(client, survey) -> None:
    response = client.post(url(link(survey)), answers_for(survey, recommend="7"))
    assert response.status_code == 200
    assert "Bitte beantworten Sie diese Frage." in page(response)
    assert not SurveyResponse.objects.exists()
    assert not SurveyInvitation.objects.filter(answered=True).exists()


def test_a_refused_form_keeps_the_given_answers(client, survey) -> None:
    data = answers_for(survey, recommend="7", choice="Telefon", text="Mehr Zeit")
    html = page(client.post(url(link(survey)), data))
    by_kind = questions(survey)
    assert f'value="7" id="id_q{by_kind[QuestionKind.RECOMMEND].pk}_7" checked' in html
    assert f'value="Telefon" id="id_q{by_kind[QuestionKind.CHOICE].pk}_0" checked' in html
    assert ">\nMehr Zeit</textarea>" in html


@pytest.mark.parametrize(
    "values",
    [
        {"rating": "6"},
        {"rating": "0"},
        {"rating": "4", "recommend": "11"},
        {"rating": "4", "recommend": "-1"},
        {"rating": "4", "choice": "Fax"},
        {"rating": "4", "text": "x" * (TEXT_LIMIT + 1)},
    ],
)
def test_answers_outside_what_was_offered_are_refused(client, survey, values) -> None:
    response = client.post(url(link(survey)), answers_for(survey, **values))
    assert response.status_code == 200
    assert 'class="errorlist"' in page(response)
    assert not SurveyResponse.objects.exists()


def test_an_empty_form_is_refused(client) -> None:
    survey = make_survey(questions=False)
    make_question(survey, kind=QuestionKind.TEXT, text="Was noch?")
    response = client.post(url(link(survey)), {})
    assert "Bitte beantworten Sie mindestens eine Frage." in page(response)
    assert not SurveyResponse.objects.exists()


def test_a_tampered_link_is_invalid_and_stores_nothing(client, survey) -> None:
    token = link(survey)
    response = client.post(url(tampered(token)), answers_for(survey, rating="5"))
    assert response.status_code == 404
    assert INVALID in page(response)
    assert not SurveyResponse.objects.exists()


def test_a_rating_link_does_not_open_a_survey(client, survey) -> None:
    _rating, token = make_rating(make_problem())
    response = client.get(url(token))
    assert response.status_code == 404
    assert INVALID in page(response)


def test_a_closed_round_says_the_survey_ended_and_stores_nothing(
    client, survey, time_machine
) -> None:
    token = link(survey)
    time_machine.move_to(SurveyRound.objects.get().closes_at, tick=False)
    assert client.get(url(token)).status_code == 410
    response = client.post(url(token), answers_for(survey, rating="5"))
    assert response.status_code == 410
    assert ENDED in page(response)
    assert not SurveyResponse.objects.exists()


def test_an_ended_survey_takes_no_more_answers(client, survey) -> None:
    token = link(survey)
    Survey.objects.update(status=Survey.Status.ENDED)
    response = client.post(url(token), answers_for(survey, rating="5"))
    assert response.status_code == 410
    assert not SurveyResponse.objects.exists()


def test_a_used_link_says_already_answered_and_a_second_answer_stores_nothing(
    client, survey
) -> None:
    token = link(survey)
    client.post(url(token), answers_for(survey, rating="5"))
    response = client.post(url(token), answers_for(survey, rating="1"))
    assert response.status_code == 200
    assert USED in page(response)
    assert stored() == [("rating", 5, "", "")]


def test_an_english_survey_shows_an_english_page(client) -> None:
    survey = make_survey(language="en", title="How happy are you with your IT?")
    token = link(survey)
    client.cookies["vendorwatch_language"] = "de"
    html = page(client.get(url(token)))
    assert '<html lang="en">' in html
    assert "How likely is it that you would recommend the provider to a colleague?" in html
    assert "0 = very unlikely" in html
    assert "Your answers are stored without name, e-mail address and time." in html
    assert "Send answers" in html


def test_an_english_survey_thanks_and_refuses_in_english(client) -> None:
    survey = make_survey(language="en", questions=False)
    question = make_question(survey, text="How competent?", required=True)
    token = link(survey)
    assert "Please answer this question." in page(client.post(url(token), {}))
    response = client.post(url(token), {f"q{question.pk}": "4"}, follow=True)
    assert "Thank you! Your answers are stored anonymously." in page(response)
    assert "You have already answered – thank you!" in page(client.get(url(token)))


def test_an_invalid_link_is_shown_in_the_installations_language(client, settings) -> None:
    settings.LANGUAGE_CODE = "en"
    response = client.get(url("abc:def"))
    assert '<html lang="en">' in page(response)
    assert "Invalid link" in page(response)


@pytest.mark.parametrize(
    ("query", "language", "text"),
    [
        ("?l=en&k=survey", "en", "Thank you! Your answers are stored anonymously."),
        ("?l=xx&k=rating", "de", "Danke! Ihre Bewertung ist angekommen."),
        ("", "de", "Danke!"),
    ],
)
def test_the_thank_you_page_speaks_the_language_it_is_given(client, query, language, text):
    html = page(client.get(f"/feedback/thanks/{query}"))
    assert f'<html lang="{language}">' in html
    assert text in html


def test_neither_the_link_nor_an_answer_is_logged(client, survey, caplog) -> None:
    token = link(survey)
    caplog.set_level(logging.DEBUG)
    data = answers_for(survey, rating="5", text="Meine geheime Meinung")
    client.post(url(token), data)
    client.post(url(token), data)
    client.get(url(tampered(token)))
    assert token not in caplog.text
    assert "geheime Meinung" not in caplog.text


def test_the_link_does_not_leak_through_the_referrer(client, survey) -> None:
    assert client.get(url(link(survey)))["Referrer-Policy"] == "same-origin"


def test_a_logged_in_viewer_who_is_asked_may_answer(client, survey, viewer) -> None:
    client.force_login(viewer)
    response = client.post(url(link(survey)), answers_for(survey, rating="3"))
    assert response.status_code == 303
    assert SurveyResponse.objects.count() == 1


def test_the_page_needs_only_a_few_queries(client, django_assert_max_num_queries) -> None:
    survey = make_survey()
    token = link(survey)
    data = {f"q{q.pk}": "4" for q in survey.questions.exclude(kind=QuestionKind.TEXT)}
    with django_assert_max_num_queries(4):
        client.get(url(token))
    with django_assert_max_num_queries(10):
        client.post(url(token), data)
    assert Answer.objects.count() == len(data)
