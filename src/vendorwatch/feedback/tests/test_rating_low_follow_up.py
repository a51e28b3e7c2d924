"""A low rating (2 stars or fewer) puts a note on the problem's timeline and tells the owner
(or, without one, the administrators and editors); a better one does neither."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from vendorwatch.accounts.roles import Role
from vendorwatch.feedback import services
from vendorwatch.feedback.models import ProblemRating
from vendorwatch.feedback.tests.factory import make_rating
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.problems.models import EventKind, Problem
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_organisation, make_user

pytestmark = pytest.mark.django_db

COMMENT = "Der Drucker druckt wieder, aber nur schwarz-weiß."


def rate(problem: Problem, stars: int, comment: str = COMMENT, **fields: Any) -> ProblemRating:
    rating, _token = make_rating(problem, **fields)
    services.rating_submit(rating=rating, stars=stars, comment=comment, now=timezone.now())
    return ProblemRating.objects.get(pk=rating.pk)


def low_mails() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(key__endswith="-low"))


def test_a_two_star_rating_puts_a_comment_with_stars_and_comment_on_the_timeline() -> None:
    problem = make_problem()
    rating = rate(problem, 2, name="Mia Müller")
    note = problem.events.get(kind=EventKind.COMMENT)
    assert rating.note == note
    assert "Mia Müller" in note.text and "2 von 5 Sternen" in note.text
    assert COMMENT in note.text


def test_a_low_rating_tells_the_owner_once() -> None:
    owner = make_user(Role.EDITOR, email="olga.owner@example.com")
    make_user(Role.ADMINISTRATOR, email="anna.admin@example.com")
    rate(make_problem(owner=owner), 1)
    [mail] = low_mails()
    assert mail.to == ["olga.owner@example.com"]
    assert COMMENT in mail.body


def test_without_an_owner_the_administrators_and_editors_are_told() -> None:
    make_user(Role.ADMINISTRATOR, email="anna.admin@example.com")
    make_user(Role.EDITOR, email="erik.editor@example.com")
    make_user(Role.VIEWER, email="vera.viewer@example.com")
    rate(make_problem(), 2)
    [mail] = low_mails()
    assert mail.to == ["anna.admin@example.com", "erik.editor@example.com"]


def test_a_three_star_rating_puts_no_note_and_tells_nobody() -> None:
    make_user(Role.ADMINISTRATOR, email="anna.admin@example.com")
    problem = make_problem()
    rating = rate(problem, 3)
    assert rating.note is None
    assert not problem.events.filter(kind=EventKind.COMMENT).exists()
    assert low_mails() == []


def test_the_note_is_written_in_the_document_language() -> None:
    make_organisation(document_language="en")
    problem = make_problem()
    rate(problem, 2, name="Mia Müller", comment="")
    note = problem.events.get(kind=EventKind.COMMENT)
    assert "2 of 5 stars" in note.text
    assert "Sternen" not in note.text and "Comment" not in note.text


def test_the_note_is_german_by_default() -> None:
    make_organisation(document_language="de")
    problem = make_problem()
    rate(problem, 1)
    text = problem.events.get(kind=EventKind.COMMENT).text
    assert "1 von 5 Sternen" in text and "Kommentar" in text
