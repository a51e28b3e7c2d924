"""An answer is stored once, in the column of its question's kind, together with the flip of
the invitation's flag — both or neither."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from vendorwatch.feedback import services
from vendorwatch.feedback.models import (
    TEXT_LIMIT,
    Answer,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyResponse,
)
from vendorwatch.feedback.tests.factory import make_question, make_round, make_survey
from vendorwatch.feedback.tokens import LinkRefused, Refusal

pytestmark = pytest.mark.django_db
MIA = "mia@example.com"


@pytest.fixture
def survey() -> Survey:
    survey = make_survey(questions=False)
    make_question(survey, kind=QuestionKind.RATING, text="Wie zufrieden sind Sie?")
    make_question(survey, kind=QuestionKind.RECOMMEND, text="Würden Sie ihn empfehlen?")
    make_question(survey, kind=QuestionKind.CHOICE, text="Wie?", choices="Telefon\nE-Mail")
    make_question(survey, kind=QuestionKind.TEXT, text="Was besser?")
    return survey


def questions(survey: Survey) -> dict[str, int]:
    return {q.kind: q.pk for q in survey.questions.all()}


def invitation_of(survey: Survey, email: str = MIA) -> SurveyInvitation:
    _round, links = make_round(survey, emails=[email, "other@example.com"])
    return services.survey_invitation_open(links[email], now=timezone.now())


def submit(invitation: SurveyInvitation, answers: dict[int, int | str]) -> SurveyResponse:
    return services.survey_answer_submit(invitation=invitation, answers=answers, now=timezone.now())


def test_the_answers_are_stored_once_with_the_flag(survey: Survey) -> None:
    invitation = invitation_of(survey)
    response = submit(invitation, {questions(survey)[QuestionKind.RATING]: 4})
    assert SurveyResponse.objects.get() == response
    assert Answer.objects.get().number == 4
    invitation.refresh_from_db()
    assert invitation.answered
    assert SurveyInvitation.objects.filter(answered=True).count() == 1


def test_each_kind_is_stored_in_its_column(survey: Survey) -> None:
    ids = questions(survey)
    submit(
        invitation_of(survey),
        {
            ids[QuestionKind.RATING]: 5,
            ids[QuestionKind.RECOMMEND]: 0,
            ids[QuestionKind.CHOICE]: "E-Mail",
            ids[QuestionKind.TEXT]: "  Schneller zurückrufen.  ",
        },
    )
    stored = {a.question.kind: (a.number, a.choice, a.text) for a in Answer.objects.all()}
    assert stored == {
        QuestionKind.RATING: (5, "", ""),
        QuestionKind.RECOMMEND: (0, "", ""),
        QuestionKind.CHOICE: (None, "E-Mail", ""),
        QuestionKind.TEXT: (None, "", "Schneller zurückrufen."),
    }


def test_numbers_given_as_text_are_stored_as_numbers(survey: Survey) -> None:
    submit(invitation_of(survey), {questions(survey)[QuestionKind.RECOMMEND]: "9"})
    assert Answer.objects.get().number == 9


def test_unknown_questions_are_ignored(survey: Survey) -> None:
    other = make_question(make_survey(questions=False), kind=QuestionKind.RATING)
    submit(invitation_of(survey), {999_999: 3, other.pk: 3, questions(survey)["rating"]: 2})
    assert [a.question.survey_id for a in Answer.objects.all()] == [survey.pk]


def test_empty_answers_are_left_out_but_the_response_counts(survey: Survey) -> None:
    ids = questions(survey)
    submit(invitation_of(survey), {ids[QuestionKind.TEXT]: "   ", ids[QuestionKind.CHOICE]: ""})
    assert SurveyResponse.objects.count() == 1
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        (QuestionKind.RATING, 0),
        (QuestionKind.RATING, 6),
        (QuestionKind.RECOMMEND, 11),
        (QuestionKind.RECOMMEND, -1),
        (QuestionKind.RATING, "viel"),
        (QuestionKind.RATING, True),
        (QuestionKind.CHOICE, "Brieftaube"),
    ],
)
def test_a_value_the_question_cannot_take_is_left_out(
    survey: Survey, kind: str, value: int | str
) -> None:
    submit(invitation_of(survey), {questions(survey)[kind]: value})
    assert SurveyResponse.objects.count() == 1
    assert not Answer.objects.exists()


def test_a_long_text_is_cut_to_the_limit(survey: Survey) -> None:
    submit(invitation_of(survey), {questions(survey)[QuestionKind.TEXT]: "x" * (TEXT_LIMIT + 50)})
    assert len(Answer.objects.get().text) == TEXT_LIMIT


def test_a_second_submit_of_the_same_link_is_refused(survey: Survey) -> None:
    invitation = invitation_of(survey)
    submit(invitation, {questions(survey)[QuestionKind.RATING]: 4})
    with pytest.raises(LinkRefused) as refused:
        submit(invitation, {questions(survey)[QuestionKind.RATING]: 1})
    assert refused.value.reason is Refusal.USED
    assert SurveyResponse.objects.count() == 1
    assert list(Answer.objects.values_list("number", flat=True)) == [4]


@pytest.mark.django_db(transaction=True)
def test_two_submits_at_the_same_moment_store_one_response(survey: Survey) -> None:
    invitation = invitation_of(survey)
    rating = questions(survey)[QuestionKind.RATING]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def send(value: int) -> None:
        try:
            barrier.wait()
            submit(invitation, {rating: value})
            outcomes.append("stored")
        except LinkRefused as refused:
            outcomes.append(refused.reason.value)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(value,)) for value in (2, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["stored", "used"]
    assert SurveyResponse.objects.count() == 1
    assert Answer.objects.count() == 1


def test_an_answer_after_the_round_closed_is_refused_and_nothing_is_kept(survey: Survey) -> None:
    invitation = invitation_of(survey)
    closes = invitation.round.closes_at
    with pytest.raises(LinkRefused) as refused:
        services.survey_answer_submit(
            invitation=invitation, answers={questions(survey)["rating"]: 4}, now=closes
        )
    assert refused.value.reason is Refusal.EXPIRED
    assert not SurveyResponse.objects.exists()
    assert not Answer.objects.exists()
    invitation.refresh_from_db()
    assert not invitation.answered  # the flag was rolled back


def test_an_answer_after_the_survey_ended_is_refused_and_nothing_is_kept(survey: Survey) -> None:
    invitation = invitation_of(survey)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.ENDED)
    with pytest.raises(LinkRefused) as refused:
        submit(invitation, {questions(survey)["rating"]: 4})
    assert refused.value.reason is Refusal.EXPIRED
    assert not SurveyResponse.objects.exists()
    invitation.refresh_from_db()
    assert not invitation.answered


def test_an_answer_before_the_round_opened_is_refused(survey: Survey) -> None:
    invitation = invitation_of(survey)
    with pytest.raises(LinkRefused):
        services.survey_answer_submit(
            invitation=invitation,
            answers={},
            now=invitation.round.opens_at - timedelta(seconds=1),
        )
    assert not SurveyResponse.objects.exists()


def test_the_others_link_still_answers(survey: Survey) -> None:
    survey_round, links = make_round(survey, emails=[MIA, "other@example.com"])
    for email in (MIA, "other@example.com"):
        invitation = services.survey_invitation_open(links[email], now=timezone.now())
        submit(invitation, {questions(survey)["rating"]: 3})
    assert survey_round.responses.count() == 2
    assert services.survey_participation(survey_round) == {
        "invited": 2,
        "answered": 2,
        "enough": False,
        "missing": 3,
    }
