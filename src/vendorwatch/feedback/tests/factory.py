"""Test records for employee feedback."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from vendorwatch.feedback import tokens
from vendorwatch.feedback.models import (
    Answer,
    Employee,
    ProblemRating,
    Question,
    QuestionKind,
    Survey,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
)
from vendorwatch.feedback.templates_builtin import BUILT_IN, question_from_built_in
from vendorwatch.problems.models import Problem
from vendorwatch.testing.factory import make_provider


def make_employee(**fields: Any) -> Employee:
    fields.setdefault("email", f"person{Employee.objects.count() + 1}@example.com")
    return Employee.objects.create(**fields)


def make_employees(count: int) -> list[Employee]:
    return [
        make_employee(name=f"Person {i}", email=f"person{i}@example.com")
        for i in range(1, count + 1)
    ]


def make_survey(*, questions: bool = True, **fields: Any) -> Survey:
    """A running quarterly survey with the preselected built-in questions (German)."""
    if "provider" not in fields:
        fields["provider"] = make_provider()
    fields.setdefault("title", "Wie zufrieden sind Sie mit der IT-Betreuung?")
    fields.setdefault("language", "de")
    fields.setdefault("first_round_on", date(2026, 10, 1))
    fields.setdefault("status", Survey.Status.ACTIVE)
    survey = Survey.objects.create(**fields)
    if questions:
        chosen = [item for item in BUILT_IN if item.preselected]
        Question.objects.bulk_create(
            question_from_built_in(survey, item, position)
            for position, item in enumerate(chosen, start=1)
        )
    return survey


def make_question(survey: Survey, **fields: Any) -> Question:
    fields.setdefault("kind", QuestionKind.RATING)
    fields.setdefault("text", "Wie zufrieden sind Sie?")
    fields.setdefault("position", survey.questions.count() + 1)
    return Question.objects.create(survey=survey, **fields)


def make_round(
    survey: Survey,
    *,
    emails: list[str] | None = None,
    opens_at: datetime | None = None,
    days: int = 14,
) -> tuple[SurveyRound, dict[str, str]]:
    """A round open from ``opens_at`` (now) for ``days``, with an invitation per address;
    returns the round and each address's link token."""
    opens_at = opens_at or timezone.now()
    emails = emails if emails is not None else [f"person{i}@example.com" for i in range(1, 7)]
    number = (survey.rounds.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    survey_round = SurveyRound.objects.create(
        survey=survey,
        number=number,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=days),
        invited=len(emails),
    )
    links = {}
    for email in emails:
        invitation = SurveyInvitation.objects.create(round=survey_round, email=email, nonce_hash="")
        token, invitation.nonce_hash = tokens.new_link("survey", invitation.pk)
        invitation.save(update_fields=["nonce_hash"])
        links[email] = token
    return survey_round, links


def make_response(survey_round: SurveyRound, answers: dict[Question, int | str]) -> SurveyResponse:
    """A stored response (bypassing the invitation), values by question."""
    response = SurveyResponse.objects.create(round=survey_round)
    for question, value in answers.items():
        answer = Answer(response=response, question=question)
        if isinstance(value, int):
            answer.number = value
        elif question.kind == QuestionKind.CHOICE:
            answer.choice = value
        else:
            answer.text = value
        answer.save()
    return response


def make_rating(problem: Problem, **fields: Any) -> tuple[ProblemRating, str]:
    """A rating request for ``problem`` (valid 14 days from now); returns it and its token."""
    now = timezone.now()
    fields.setdefault("email", "mia.mueller@example.com")
    fields.setdefault("language", "de")
    fields.setdefault("requested_at", now)
    fields.setdefault("expires_at", now + timedelta(days=14))
    rating = ProblemRating.objects.create(problem=problem, nonce_hash="", **fields)
    token, rating.nonce_hash = tokens.new_link("rating", rating.pk)
    rating.save(update_fields=["nonce_hash"])
    return rating, token
