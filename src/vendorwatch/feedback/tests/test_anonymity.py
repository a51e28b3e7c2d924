"""Issue 14's acceptance: nothing stored and no log line joins an answer to an employee.

Five employees answer a round — three through the service, two through the public page — and
then everything the installation keeps is read back: every table's rows, the shape of the
models, and every log record written while they answered. Who was asked (the invitations and
their e-mails) and what was answered (responses and answers) never meet in one row, one
relation or one log line, and an answer carries no time that could be matched with a
mail server's or a web server's log.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from vendorwatch.feedback import services, tokens
from vendorwatch.feedback.models import (
    Answer,
    Employee,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyResponse,
)
from vendorwatch.feedback.tests.factory import make_employees, make_question, make_survey
from vendorwatch.jobs.models import OutboxMessage

pytestmark = pytest.mark.django_db
ANSWERED_BY_SERVICE = 3
ANSWERED_ON_THE_PAGE = 2
PEOPLE = ANSWERED_BY_SERVICE + ANSWERED_ON_THE_PAGE + 1  # one does not answer
IDENTIFYING_MODELS = (Employee, SurveyInvitation, get_user_model())
ANSWER_MODELS = (SurveyResponse, Answer)
CANARY = "log capture is on"


@dataclass
class Answered:
    """What the test knows about who answered and what was stored."""

    emails: list[str]
    links: list[str]
    nonce_hashes: list[str]
    invitation_keys: list[str]
    response_ids: list[uuid.UUID]
    answer_ids: list[uuid.UUID]
    texts: list[str]
    records: list[logging.LogRecord]
    through_page: int

    def identifying(self) -> set[str]:
        """Strings that name a person or their invitation."""
        return {
            *(e.lower() for e in self.emails),
            *self.links,
            *self.nonce_hashes,
            *self.invitation_keys,
        }

    def answer_markers(self) -> set[str]:
        """Strings that name a response or an answer, as the database may write them."""
        ids = [*self.response_ids, *self.answer_ids]
        return {str(i) for i in ids} | {i.hex for i in ids}


def link_of(message: OutboxMessage) -> str:
    found = re.search(r"/feedback/survey/([^/\s]+)/", message.body)
    assert found, message.body
    return found.group(1)


def page_form(survey: Survey, rating: int, text: str) -> dict[str, str]:
    data = {}
    for question in survey.questions.all():
        if question.kind == QuestionKind.RATING:
            data[f"q{question.pk}"] = str(rating)
        elif question.kind == QuestionKind.RECOMMEND:
            data[f"q{question.pk}"] = "9"
        elif question.kind == QuestionKind.CHOICE:
            data[f"q{question.pk}"] = "Telefon"
        else:
            data[f"q{question.pk}"] = text
    return data


def page_works(client: Client, token: str) -> bool:
    """Whether the public answer page is in place (it may still be a placeholder)."""
    return client.get(reverse("feedback-answer", args=[token])).status_code == 200


@pytest.fixture
def answered(caplog: pytest.LogCaptureFixture, client: Client) -> Answered:
    survey = make_survey(questions=False, min_answers=3)
    make_question(survey, kind=QuestionKind.RATING, text="Wie zufrieden sind Sie?")
    make_question(survey, kind=QuestionKind.RECOMMEND, text="Würden Sie ihn empfehlen?")
    make_question(survey, kind=QuestionKind.CHOICE, text="Wie?", choices="Telefon\nE-Mail")
    make_question(survey, kind=QuestionKind.TEXT, text="Was sollte besser werden?")
    survey.recipients.set(make_employees(PEOPLE))
    survey_round = services.survey_open_round(survey=survey, now=timezone.now())
    assert survey_round is not None
    mails = list(OutboxMessage.objects.filter(key__startswith="feedback-survey-invite"))
    mails.sort(key=lambda m: m.to[0])
    answering = mails[: ANSWERED_BY_SERVICE + ANSWERED_ON_THE_PAGE]
    by_kind = {q.kind: q.pk for q in survey.questions.all()}
    texts = [f"Antwort von Person {n}: bitte schneller" for n in range(len(answering))]

    on_the_page = page_works(client, link_of(answering[-1]))
    caplog.set_level(logging.DEBUG)  # the root logger: every logger of the project
    for logger in ("vendorwatch", "django", "django.request", "django.db.backends"):
        caplog.set_level(logging.DEBUG, logger=logger)
    caplog.clear()
    for number, message in enumerate(answering):
        token = link_of(message)
        if number >= ANSWERED_BY_SERVICE and on_the_page:
            url = reverse("feedback-answer", args=[token])
            response = client.post(url, page_form(survey, 1 + number % 5, texts[number]))
            assert response.status_code == 303, response.content[:500]
            continue
        invitation = services.survey_invitation_open(token, now=timezone.now())
        services.survey_answer_submit(
            invitation=invitation,
            answers={
                by_kind[QuestionKind.RATING]: 1 + number % 5,
                by_kind[QuestionKind.RECOMMEND]: 9,
                by_kind[QuestionKind.CHOICE]: "Telefon",
                by_kind[QuestionKind.TEXT]: texts[number],
            },
            now=timezone.now(),
        )
    # Shows the capture was on for the app's loggers at DEBUG (answering itself logs nothing).
    logging.getLogger(services.__name__).debug(CANARY)
    records = list(caplog.records)

    invitations = SurveyInvitation.objects.filter(email__in=[m.to[0] for m in answering])
    assert invitations.filter(answered=True).count() == len(answering)
    assert survey_round.responses.count() == len(answering)
    return Answered(
        emails=[m.to[0] for m in answering],
        links=[link_of(m) for m in answering],
        nonce_hashes=[i.nonce_hash for i in invitations],
        invitation_keys=[f"feedback-survey-invite-{i.pk}" for i in invitations],
        response_ids=list(SurveyResponse.objects.values_list("id", flat=True)),
        answer_ids=list(Answer.objects.values_list("id", flat=True)),
        texts=texts,
        records=records,
        through_page=ANSWERED_ON_THE_PAGE if on_the_page else 0,
    )


def test_some_answered_on_the_public_page(answered: Answered) -> None:
    if not answered.through_page:
        pytest.skip("the public answer page is still a placeholder: all answered by the service")
    assert SurveyResponse.objects.count() == ANSWERED_BY_SERVICE + answered.through_page


# --- the shape of the models -------------------------------------------------------------------


def concrete_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [f for f in model._meta.get_fields() if f.concrete]


TIME_FIELDS = (models.DateTimeField, models.DateField, models.TimeField, models.DurationField)


@pytest.mark.parametrize("model", ANSWER_MODELS)
def test_a_response_and_an_answer_keep_no_time(model: type[models.Model]) -> None:
    assert not [f.name for f in concrete_fields(model) if isinstance(f, TIME_FIELDS)]


@pytest.mark.parametrize("model", ANSWER_MODELS)
def test_a_response_and_an_answer_point_to_no_person_and_no_invitation(
    model: type[models.Model],
) -> None:
    targets = {f.related_model for f in model._meta.get_fields() if f.is_relation}
    assert not targets & {*IDENTIFYING_MODELS}
    assert {f.name for f in concrete_fields(model)} <= {
        "id",
        "round",
        "response",
        "question",
        "number",
        "choice",
        "text",
    }


@pytest.mark.parametrize("model", ANSWER_MODELS)
def test_a_response_and_an_answer_have_random_keys(model: type[models.Model]) -> None:
    key = model._meta.pk
    assert isinstance(key, models.UUIDField)
    assert key.default is uuid.uuid4


def test_an_invitation_points_to_no_response_and_keeps_no_time() -> None:
    fields = SurveyInvitation._meta.get_fields()
    assert not {f.related_model for f in fields if f.is_relation} & {*ANSWER_MODELS}
    assert not [f.name for f in concrete_fields(SurveyInvitation) if isinstance(f, TIME_FIELDS)]
    assert {f.name for f in concrete_fields(SurveyInvitation)} == {
        "id",
        "round",
        "email",
        "nonce_hash",
        "reminder_nonce_hash",
        "answered",
    }


def forward_targets(model: type[models.Model]) -> set[Any]:
    """The models this one points to by its own columns and many-to-many fields (a round is
    pointed to by invitations and responses alike: that joins nothing to a person)."""
    return {
        f.related_model
        for f in model._meta.get_fields()
        if f.is_relation and (f.concrete or f.many_to_many) and not f.auto_created
    }


def test_no_model_anywhere_points_to_both_a_person_and_an_answer() -> None:
    joining = []
    for model in apps.get_models(include_auto_created=True):
        targets = forward_targets(model) | {model}
        if targets & {*IDENTIFYING_MODELS} and targets & {*ANSWER_MODELS}:
            joining.append(model._meta.label)
    assert joining == []


# --- what is stored ----------------------------------------------------------------------------


def every_row() -> list[tuple[str, dict[str, Any]]]:
    """Every row of every table of the database, with its column names."""
    rows = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            columns = [column[0] for column in cursor.description]
            rows += [(table, dict(zip(columns, row, strict=True))) for row in cursor.fetchall()]
    return rows


def as_text(value: Any) -> str:
    if isinstance(value, bytes | memoryview):
        return bytes(value).decode("utf-8", "replace").lower()
    if isinstance(value, uuid.UUID):
        return f"{value} {value.hex}"
    return str(value).lower()


def test_no_row_of_any_table_holds_both_a_person_and_an_answer(answered: Answered) -> None:
    identifying, markers = answered.identifying(), answered.answer_markers()
    texts = {t.lower() for t in answered.texts}
    found = []
    for table, row in every_row():
        text = " ".join(as_text(value) for value in row.values())
        person = any(marker.lower() in text for marker in identifying)
        answer = any(m in text for m in markers) or any(t in text for t in texts)
        if person and answer:
            found.append((table, row))
    assert found == []


def test_the_answers_were_stored_where_the_test_looks(answered: Answered) -> None:
    rows = every_row()
    stored = " ".join(" ".join(as_text(v) for v in row.values()) for _table, row in rows)
    assert all(t.lower() in stored for t in answered.texts)
    assert all(str(i) in stored or i.hex in stored for i in answered.response_ids)
    assert all(e.lower() in stored for e in answered.emails)


def test_rows_of_responses_and_answers_hold_nothing_of_a_person_or_a_time(
    answered: Answered,
) -> None:
    tables = {SurveyResponse._meta.db_table, Answer._meta.db_table}
    identifying = answered.identifying()
    iso_time = re.compile(r"\d{4}-\d{2}-\d{2}[ t]\d{2}:\d{2}")
    for table, row in every_row():
        if table not in tables:
            continue
        assert set(row) <= {
            "id",
            "round_id",
            "response_id",
            "question_id",
            "number",
            "choice",
            "text",
        }
        for value in row.values():
            text = as_text(value)
            assert not isinstance(value, dt.date | dt.datetime | dt.time)
            assert not iso_time.search(text)
            assert not any(marker.lower() in text for marker in identifying)
            assert "@" not in text


def test_the_response_ids_are_random_uuids(answered: Answered) -> None:
    ids = answered.response_ids + answered.answer_ids
    assert len(set(ids)) == len(ids)
    assert all(isinstance(i, uuid.UUID) and i.version == 4 for i in ids)
    numbers = sorted(i.int for i in answered.response_ids)
    gaps = {b - a for a, b in itertools.pairwise(numbers)}
    assert not gaps & {1}  # not counted up


def test_an_invitation_row_says_only_whether_it_was_used(answered: Answered) -> None:
    table = SurveyInvitation._meta.db_table
    for name, row in every_row():
        if name == table:
            assert set(row) == {
                "id",
                "round_id",
                "email",
                "nonce_hash",
                "reminder_nonce_hash",
                "answered",
            }


def test_the_database_keeps_no_link_only_hashes_of_their_random_part(answered: Answered) -> None:
    outbox = OutboxMessage._meta.db_table
    for table, row in every_row():
        if table == outbox:
            continue  # the e-mail itself must carry the link (see the report)
        text = " ".join(as_text(value) for value in row.values())
        assert not any(link.lower() in text for link in answered.links), table
    for link in answered.links:
        _pk, nonce = tokens.read_link("survey", link)
        assert tokens.digest(nonce) in answered.nonce_hashes


# --- what is logged ----------------------------------------------------------------------------


def test_answering_logs_no_address_link_or_response(answered: Answered) -> None:
    forbidden = (
        answered.identifying() | answered.answer_markers() | {t.lower() for t in answered.texts}
    )
    assert [r.getMessage() for r in answered.records][-1] == CANARY
    for record in answered.records:
        line = f"{record.name} {record.getMessage()} {record.exc_text or ''}".lower()
        assert not [marker for marker in forbidden if marker.lower() in line], line


def test_even_the_sql_log_never_names_a_person_or_a_link_beside_an_answer(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """With DEBUG on, Django logs every statement: the invitation's flag and the new response
    are written by separate statements, neither naming an address or a link."""
    survey = make_survey()
    survey.recipients.set(make_employees(2))
    survey_round = services.survey_open_round(survey=survey, now=timezone.now())
    assert survey_round is not None
    message = OutboxMessage.objects.filter(key__startswith="feedback-survey-invite").first()
    assert message is not None
    token, email = link_of(message), message.to[0]
    invitation_table = SurveyInvitation._meta.db_table
    answer_tables = (SurveyResponse._meta.db_table, Answer._meta.db_table)
    caplog.set_level(logging.DEBUG, logger="django.db.backends")
    connection.force_debug_cursor = True
    try:
        invitation = services.survey_invitation_open(token, now=timezone.now())
        nonce_hash = invitation.nonce_hash
        rating = survey.questions.filter(kind=QuestionKind.RATING).first()
        assert rating is not None
        services.survey_answer_submit(
            invitation=invitation, answers={rating.pk: 4}, now=timezone.now()
        )
    finally:
        connection.force_debug_cursor = False
    lines = [r.getMessage() for r in caplog.records if r.name == "django.db.backends"]
    assert any("feedback_surveyresponse" in line for line in lines)  # the log was on
    response_id = SurveyResponse.objects.get().pk
    for line in lines:
        lowered = line.lower()
        assert email.lower() not in lowered
        assert token.lower() not in lowered
        assert nonce_hash not in lowered
        if invitation_table in lowered:
            assert not any(table in lowered for table in answer_tables)
            assert response_id.hex not in lowered and str(response_id) not in lowered
