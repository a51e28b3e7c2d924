"""A survey's questions: written, chosen from templates, changed, deleted, put in order — and
fixed once a round went out."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.feedback.models import Question, QuestionKind, QuestionTemplate, Survey
from vendorwatch.feedback.tests.factory import make_question, make_round, make_survey

pytestmark = pytest.mark.django_db

LOCKED = (
    "The questions are fixed since the first round was sent. For other questions, create a "
    "new survey."
)


def url(name: str, *args: object) -> str:
    return reverse(name, args=args)


def text_of(response) -> str:
    return " ".join(response.content.decode().split())


def post(client: Client, user, address: str, data: dict | None = None, language: str = "en"):
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    return client.post(address, data or {}, follow=True)


def get(client: Client, user, address: str, language: str = "en") -> str:
    client.force_login(user)
    client.cookies["vendorwatch_language"] = language
    response = client.get(address)
    assert response.status_code == 200
    return text_of(response)


def draft(**fields: object) -> Survey:
    return make_survey(questions=False, status=Survey.Status.DRAFT, **fields)


def question_data(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {"text": "Wie klar sind die Rechnungen?", "kind": "rating"}
    data.update(changes)
    return data


# --- add -------------------------------------------------------------------------------------


def test_a_question_is_added_at_the_end(client: Client, editor) -> None:
    survey = draft()
    make_question(survey, position=4)
    response = post(client, editor, url("feedback-question-add", survey.pk), question_data())
    added = survey.questions.get(text="Wie klar sind die Rechnungen?")
    assert added.position == 5 and added.kind == QuestionKind.RATING
    assert response.redirect_chain[-1][0].startswith(url("feedback-survey-detail", survey.pk))


def test_a_choice_keeps_its_options_one_per_line(client: Client, editor) -> None:
    survey = draft()
    data = question_data(kind="choice", choices="  Telefon \n\nE-Mail\n")
    post(client, editor, url("feedback-question-add", survey.pk), data)
    assert survey.questions.get().options == ["Telefon", "E-Mail"]


def test_a_choice_needs_two_options(client: Client, editor) -> None:
    survey = draft()
    data = question_data(kind="choice", choices="Telefon")
    text = text_of(post(client, editor, url("feedback-question-add", survey.pk), data))
    assert "A choice needs at least 2 options, one per line." in text
    assert not survey.questions.exists()


def test_a_choice_takes_at_most_twenty_options(client: Client, editor) -> None:
    survey = draft()
    data = question_data(kind="choice", choices="\n".join(f"Option {i}" for i in range(21)))
    text = text_of(post(client, editor, url("feedback-question-add", survey.pk), data))
    assert "At most 20 options, please (now 21)." in text


def test_an_option_longer_than_200_characters_is_refused(client: Client, editor) -> None:
    survey = draft()
    data = question_data(kind="choice", choices="kurz\n" + "x" * 201)
    text = text_of(post(client, editor, url("feedback-question-add", survey.pk), data))
    assert "Option 2 is longer than 200 characters." in text


def test_an_option_listed_twice_is_refused(client: Client, editor) -> None:
    survey = draft()
    data = question_data(kind="choice", choices="Telefon\ntelefon")
    text = text_of(post(client, editor, url("feedback-question-add", survey.pk), data))
    assert "“telefon” is listed twice" in text


def test_options_of_another_kind_are_dropped(client: Client, editor) -> None:
    survey = draft()
    data = question_data(kind="text", choices="Telefon\nE-Mail")
    post(client, editor, url("feedback-question-add", survey.pk), data)
    assert survey.questions.get().choices == ""


def test_a_viewer_cannot_add_a_question(client: Client, viewer) -> None:
    survey = draft()
    client.force_login(viewer)
    response = client.post(url("feedback-question-add", survey.pk), question_data())
    assert response.status_code == 403
    assert not survey.questions.exists()


# --- from templates --------------------------------------------------------------------------


def test_the_templates_are_offered_in_the_surveys_language(client: Client, editor) -> None:
    survey = draft(language="en")
    QuestionTemplate.objects.create(text="Own English question?", kind="text", language="en")
    QuestionTemplate.objects.create(text="Eigene deutsche Frage?", kind="text", language="de")
    text = get(client, editor, url("feedback-questions-from-templates", survey.pk), "de")
    assert "How quickly does the provider react when you need help?" in text
    assert "Own English question?" in text
    assert "Eigene deutsche Frage?" not in text


def test_templates_the_survey_asks_already_are_not_offered(client: Client, editor) -> None:
    survey = make_survey(status=Survey.Status.DRAFT, language="en")
    text = get(client, editor, url("feedback-questions-from-templates", survey.pk))
    assert "How quickly does the provider react" not in text
    assert "How do you usually reach the provider?" in text


def test_chosen_templates_are_added_in_order(client: Client, editor) -> None:
    survey = draft(language="de")
    own = QuestionTemplate.objects.create(
        text="Welcher Kanal?", kind="choice", choices="A\nB", language="de"
    )
    data = {"chosen": ["built-in:contact", f"own:{own.pk}"]}
    text = text_of(post(client, editor, url("feedback-questions-from-templates", survey.pk), data))
    questions = list(survey.questions.all())
    assert [q.topic for q in questions] == ["contact", ""]
    assert questions[1].text == "Welcher Kanal?"
    assert [q.position for q in questions] == [1, 2]
    assert questions[1].options == ["A", "B"]
    assert "2 questions were added." in text


def test_choosing_nothing_is_explained(client: Client, editor) -> None:
    survey = draft()
    text = text_of(post(client, editor, url("feedback-questions-from-templates", survey.pk), {}))
    assert "Choose at least one question." in text


# --- change, delete, order -------------------------------------------------------------------


def test_a_question_is_changed(client: Client, editor) -> None:
    survey = draft()
    question = make_question(survey)
    data = question_data(text="Neu?", kind="recommend", required="on")
    post(client, editor, url("feedback-question-edit", question.pk), data)
    question.refresh_from_db()
    assert (question.text, question.kind, question.required) == ("Neu?", "recommend", True)


def test_a_question_is_deleted_after_asking(client: Client, editor) -> None:
    question = make_question(draft())
    assert "This cannot be undone." in get(
        client, editor, url("feedback-question-delete", question.pk)
    )
    post(client, editor, url("feedback-question-delete", question.pk))
    assert not Question.objects.exists()


def test_a_question_moves_up_and_down(client: Client, editor) -> None:
    survey = draft()
    first, _second, third = (make_question(survey, text=t) for t in ("A", "B", "C"))
    post(client, editor, url("feedback-question-move", third.pk, "up"))
    assert list(survey.questions.values_list("text", flat=True)) == ["A", "C", "B"]
    post(client, editor, url("feedback-question-move", first.pk, "down"))
    assert list(survey.questions.values_list("text", flat=True)) == ["C", "A", "B"]


def test_the_first_question_stays_first_when_moved_up(client: Client, editor) -> None:
    survey = draft()
    first, _second = make_question(survey, text="A"), make_question(survey, text="B")
    post(client, editor, url("feedback-question-move", first.pk, "up"))
    assert list(survey.questions.values_list("text", flat=True)) == ["A", "B"]


def test_questions_with_the_same_position_get_an_order(client: Client, editor) -> None:
    survey = draft()
    make_question(survey, text="A", position=0)
    second = make_question(survey, text="B", position=0)
    post(client, editor, url("feedback-question-move", second.pk, "up"))
    assert list(survey.questions.values_list("text", "position")) == [("B", 1), ("A", 2)]


def test_an_unknown_direction_is_not_found(client: Client, editor) -> None:
    question = make_question(draft())
    client.force_login(editor)
    assert client.post(url("feedback-question-move", question.pk, "left")).status_code == 404


def test_a_viewer_cannot_move_edit_or_delete(client: Client, viewer) -> None:
    question = make_question(draft())
    client.force_login(viewer)
    assert client.post(url("feedback-question-move", question.pk, "up")).status_code == 403
    assert client.post(url("feedback-question-edit", question.pk), question_data()).status_code == (
        403
    )
    assert client.post(url("feedback-question-delete", question.pk)).status_code == 403
    assert Question.objects.exists()


# --- locked ----------------------------------------------------------------------------------


@pytest.fixture
def locked() -> Question:
    survey = make_survey(questions=False)
    question = make_question(survey, text="Fest?")
    make_round(survey)
    return question


def test_no_question_is_added_once_a_round_went_out(client: Client, editor, locked) -> None:
    survey = locked.survey
    text = text_of(post(client, editor, url("feedback-question-add", survey.pk), question_data()))
    assert LOCKED in text
    assert survey.questions.count() == 1


def test_no_template_is_added_once_a_round_went_out(client: Client, editor, locked) -> None:
    survey = locked.survey
    data = {"chosen": ["built-in:contact"]}
    text = text_of(post(client, editor, url("feedback-questions-from-templates", survey.pk), data))
    assert LOCKED in text
    assert survey.questions.count() == 1


def test_no_question_is_changed_once_a_round_went_out(client: Client, editor, locked) -> None:
    text = text_of(
        post(client, editor, url("feedback-question-edit", locked.pk), question_data(text="X"))
    )
    assert LOCKED in text
    locked.refresh_from_db()
    assert locked.text == "Fest?"


def test_no_question_is_deleted_once_a_round_went_out(client: Client, editor, locked) -> None:
    text = text_of(post(client, editor, url("feedback-question-delete", locked.pk)))
    assert LOCKED in text
    assert Question.objects.filter(pk=locked.pk).exists()


def test_no_question_moves_once_a_round_went_out(client: Client, editor, locked) -> None:
    text = text_of(post(client, editor, url("feedback-question-move", locked.pk, "down")))
    assert LOCKED in text


def test_the_detail_offers_no_question_changes_once_locked(client: Client, editor, locked) -> None:
    text = get(client, editor, url("feedback-survey-detail", locked.survey.pk))
    assert LOCKED in text
    assert url("feedback-question-edit", locked.pk) not in text
    assert url("feedback-question-add", locked.survey.pk) not in text
