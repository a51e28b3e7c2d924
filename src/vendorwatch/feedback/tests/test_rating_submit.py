"""A rating is stored once while its link is valid; a low one puts a note on the problem's
timeline and tells the problem's owner."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from vendorwatch.accounts.roles import Role
from vendorwatch.feedback import services
from vendorwatch.feedback.models import TEXT_LIMIT, ProblemRating
from vendorwatch.feedback.tests.factory import make_rating
from vendorwatch.feedback.tokens import LinkRefused, Refusal
from vendorwatch.jobs.models import OutboxMessage
from vendorwatch.problems.models import EventKind, Problem
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.testing.factory import make_organisation, make_provider, make_user

pytestmark = pytest.mark.django_db
TITLE = "Drucker im Büro druckt nicht"


@pytest.fixture
def owner():
    return make_user(Role.EDITOR, username="olga.owner", email="olga@example.com")


@pytest.fixture
def problem(owner) -> Problem:
    return make_problem(owner=owner, provider=make_provider(name="Systemhaus Huber GmbH"))


def rate(rating: ProblemRating, stars: int, comment: str = "") -> None:
    services.rating_submit(rating=rating, stars=stars, comment=comment, now=timezone.now())


def notices() -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(key__endswith="-low"))


def test_the_rating_is_stored(problem: Problem) -> None:
    rating, _token = make_rating(problem)
    rate(rating, 4, "  Schnell und freundlich.  ")
    rating.refresh_from_db()
    assert (rating.stars, rating.comment) == (4, "Schnell und freundlich.")
    assert rating.answered_at is not None


def test_a_second_rating_by_the_same_link_is_refused(problem: Problem) -> None:
    rating, _token = make_rating(problem)
    rate(rating, 4)
    with pytest.raises(LinkRefused) as refused:
        rate(rating, 1, "Doch nicht.")
    assert refused.value.reason is Refusal.USED
    rating.refresh_from_db()
    assert (rating.stars, rating.comment) == (4, "")
    assert not notices()


def test_a_rating_after_the_link_expired_is_refused(problem: Problem) -> None:
    rating, _token = make_rating(problem)
    with pytest.raises(LinkRefused) as refused:
        services.rating_submit(rating=rating, stars=5, comment="", now=rating.expires_at)
    assert refused.value.reason is Refusal.EXPIRED
    rating.refresh_from_db()
    assert rating.stars is None and rating.answered_at is None


@pytest.mark.parametrize("stars", [0, 6, -1])
def test_stars_outside_one_to_five_are_refused(problem: Problem, stars: int) -> None:
    rating, _token = make_rating(problem)
    with pytest.raises(ValueError):
        rate(rating, stars)
    rating.refresh_from_db()
    assert rating.answered_at is None


def test_a_long_comment_is_cut_to_the_limit(problem: Problem) -> None:
    rating, _token = make_rating(problem)
    rate(rating, 3, "x" * (TEXT_LIMIT + 10))
    rating.refresh_from_db()
    assert len(rating.comment) == TEXT_LIMIT


def test_a_good_rating_leaves_the_timeline_alone(problem: Problem) -> None:
    rating, _token = make_rating(problem)
    rate(rating, 3)
    assert not problem.events.filter(kind=EventKind.COMMENT).exists()
    assert not notices()


def test_a_low_rating_puts_a_note_on_the_timeline(problem: Problem) -> None:
    rating, _token = make_rating(problem, name="Mia Müller")
    rate(rating, 2, "Drucker geht schon wieder nicht.")
    note = problem.events.get(kind=EventKind.COMMENT)
    assert note.text == (
        "Bewertung der Lösung durch Mia Müller: 2 von 5 Sternen. Das Gespräch mit dem "
        "Dienstleister sollte wieder aufgenommen werden.\n"
        "Kommentar: Drucker geht schon wieder nicht."
    )
    rating.refresh_from_db()
    assert rating.note == note


def test_a_low_rating_without_a_name_names_the_address(problem: Problem) -> None:
    rating, _token = make_rating(problem, email="mia@example.com")
    rate(rating, 1)
    assert "durch mia@example.com: 1 von 5 Sternen" in problem.events.get(kind="comment").text


def test_a_low_rating_tells_the_owner_once(problem: Problem) -> None:
    rating, _token = make_rating(problem, name="Mia Müller")
    rate(rating, 1, "Nichts geht.")
    [notice] = notices()
    assert notice.to == ["olga@example.com"]
    assert notice.subject == f"Schlechte Bewertung einer Lösung: {TITLE}"
    assert notice.body.startswith(
        f"Mia Müller hat die Lösung von „{TITLE}“ (Systemhaus Huber GmbH) mit 1 von 5 Sternen "
        "bewertet."
    )
    assert "Kommentar:\nNichts geht." in notice.body
    assert "Sprechen Sie den Dienstleister darauf an" in notice.body
    assert notice.body.rstrip().endswith(f"/problems/{problem.pk}/")


def test_the_notice_is_in_english_when_the_documents_are(problem: Problem) -> None:
    make_organisation(document_language="en")
    rating, _token = make_rating(problem, name="Mia Müller")
    rate(rating, 2)
    [notice] = notices()
    assert notice.subject == f"Low rating of a resolution: {TITLE}"
    assert "Mia Müller rated the resolution of “" in notice.body
    assert problem.events.get(kind="comment").text.startswith("Rating of the resolution by")


def test_without_an_owner_the_editors_hear_of_a_low_rating(editor) -> None:
    problem = make_problem()
    rating, _token = make_rating(problem)
    rate(rating, 1)
    assert notices()[0].to == [editor.email]


def test_an_owner_who_left_is_replaced_by_the_editors(editor) -> None:
    gone = make_user(Role.EDITOR, username="gone", email="gone@example.com", is_active=False)
    problem = make_problem(owner=gone)
    rating, _token = make_rating(problem)
    rate(rating, 1)
    assert notices()[0].to == [editor.email]


def test_a_link_valid_to_its_last_moment_still_rates(problem: Problem) -> None:
    rating, _token = make_rating(problem)
    services.rating_submit(
        rating=rating, stars=5, comment="", now=rating.expires_at - timedelta(seconds=1)
    )
    rating.refresh_from_db()
    assert rating.stars == 5
