"""Rating a resolution by the link from the e-mail: no account, the rating's language, and a
tampered, expired or used link gets a calm page and changes nothing."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from vendorwatch.feedback.models import TEXT_LIMIT, ProblemRating
from vendorwatch.feedback.tests.factory import make_rating, make_round, make_survey
from vendorwatch.problems.models import EventKind
from vendorwatch.problems.tests.factory import add_event, make_problem
from vendorwatch.testing.factory import make_organisation, make_provider

pytestmark = pytest.mark.django_db

STAR_LABELS = [
    "1 Stern – sehr schlecht",
    "2 Sterne – schlecht",
    "3 Sterne – mittel",
    "4 Sterne – gut",
    "5 Sterne – sehr gut",
]
INVALID = "Dieser Link ist ungültig – bitte nutzen Sie den Link aus der E-Mail vollständig"
USED = "Sie haben bereits geantwortet – vielen Dank!"


@pytest.fixture(autouse=True)
def _today(time_machine: Any) -> None:
    time_machine.move_to("2026-11-24 10:00+01:00", tick=False)


def rating_link(**fields: Any) -> tuple[ProblemRating, str]:
    problem = make_problem(
        title="Drucker im Büro druckt nicht", provider=make_provider(name="IT-Haus Lech GmbH")
    )
    event = add_event(problem, EventKind.RESOLVED, "2026-11-23 15:30+01:00")
    return make_rating(problem, resolved_event=event, **fields)


def url(token: str) -> str:
    return f"/feedback/rate/{token}/"


def tampered(token: str) -> str:
    position = len(token) // 2
    return token[:position] + ("A" if token[position] != "A" else "B") + token[position + 1 :]


def page(response: Any) -> str:
    return response.content.decode()


def stored(rating: ProblemRating) -> ProblemRating:
    return ProblemRating.objects.get(pk=rating.pk)


def test_the_page_names_the_problem_the_provider_and_the_day_it_was_resolved(client) -> None:
    _rating, token = rating_link()
    html = page(client.get(url(token)))
    assert "Drucker im Büro druckt nicht" in html
    assert "IT-Haus Lech GmbH" in html
    assert "23.11.2026" in html
    assert '<html lang="de">' in html


def test_the_five_stars_are_radios_labelled_in_words(client) -> None:
    _rating, token = rating_link()
    html = page(client.get(url(token)))
    assert html.count('type="radio" name="stars"') == 5
    for label in STAR_LABELS:
        assert label in html
    assert "<legend>" in html
    assert "Bewertung senden" in html


def test_the_page_shows_the_name_of_the_organisation_and_no_navigation(client) -> None:
    make_organisation(name="Kanzlei Huber & Partner")
    _rating, token = rating_link()
    html = page(client.get(url(token)))
    assert "Kanzlei Huber &amp; Partner" in html
    assert 'class="sidebar"' not in html


def test_a_rating_is_stored_and_the_visitor_thanked(client) -> None:
    rating, token = rating_link()
    response = client.post(url(token), {"stars": "4", "comment": "Schnell und freundlich."})
    assert response.status_code == 303
    assert response["Location"] == "/feedback/thanks/?l=de&k=rating"
    rating = stored(rating)
    assert (rating.stars, rating.comment) == (4, "Schnell und freundlich.")
    assert rating.answered_at is not None


def test_the_thank_you_page_says_the_rating_has_arrived(client) -> None:
    _rating, token = rating_link()
    response = client.post(url(token), {"stars": "5", "comment": ""}, follow=True)
    assert "Danke! Ihre Bewertung ist angekommen." in page(response)


def test_a_tampered_link_is_invalid_and_stores_nothing(client) -> None:
    rating, token = rating_link()
    response = client.post(url(tampered(token)), {"stars": "1", "comment": "x"})
    assert response.status_code == 404
    assert INVALID in page(response)
    assert stored(rating).answered_at is None


def test_a_survey_link_does_not_open_a_rating(client) -> None:
    _round, links = make_round(make_survey(), emails=["mia@example.com"])
    response = client.get(url(links["mia@example.com"]))
    assert response.status_code == 404
    assert INVALID in page(response)


def test_an_expired_link_shows_that_it_expired_and_stores_nothing(client, time_machine) -> None:
    rating, token = rating_link()
    time_machine.move_to(rating.expires_at + timedelta(minutes=1), tick=False)
    assert client.get(url(token)).status_code == 410
    response = client.post(url(token), {"stars": "2", "comment": ""})
    assert response.status_code == 410
    assert "Dieser Link ist abgelaufen" in page(response)
    assert stored(rating).stars is None


def test_a_used_link_says_already_answered_and_a_second_rating_changes_nothing(client) -> None:
    rating, token = rating_link()
    client.post(url(token), {"stars": "4", "comment": "Gut."})
    response = client.post(url(token), {"stars": "1", "comment": "Doch nicht."})
    assert response.status_code == 200
    assert USED in page(response)
    assert (stored(rating).stars, stored(rating).comment) == (4, "Gut.")


@pytest.mark.parametrize("stars", ["0", "6", "drei", ""])
def test_stars_outside_one_to_five_are_refused_next_to_the_field(client, stars) -> None:
    rating, token = rating_link()
    response = client.post(url(token), {"stars": stars, "comment": ""})
    assert response.status_code == 200
    assert "Bitte wählen Sie 1 bis 5 Sterne." in page(response)
    assert stored(rating).answered_at is None


def test_a_comment_over_the_limit_is_refused_and_the_stars_kept(client) -> None:
    rating, token = rating_link()
    response = client.post(url(token), {"stars": "3", "comment": "x" * (TEXT_LIMIT + 1)})
    html = page(response)
    assert f"höchstens {TEXT_LIMIT} Zeichen" in html
    assert 'value="3" id="id_stars_2" required checked' in html
    assert stored(rating).answered_at is None


def test_an_english_rating_shows_an_english_page(client) -> None:
    _rating, token = rating_link(language="en")
    client.cookies["vendorwatch_language"] = "de"
    html = page(client.get(url(token)))
    assert '<html lang="en">' in html
    assert "1 star – very poor" in html
    assert "Send rating" in html


def test_an_english_rating_refuses_in_english_and_thanks_in_english(client) -> None:
    _rating, token = rating_link(language="en")
    assert "Please choose from 1 to 5 stars." in page(client.post(url(token), {"stars": "9"}))
    response = client.post(url(token), {"stars": "5"}, follow=True)
    assert "Thank you! Your rating has arrived." in page(response)
    assert "You have already answered" in page(client.get(url(token)))


def test_an_invalid_link_is_shown_in_the_installations_language(client, settings) -> None:
    settings.LANGUAGE_CODE = "en"
    response = client.get(url("kaputt"))
    assert response.status_code == 404
    assert '<html lang="en">' in page(response)
    assert "please use the complete link from the e-mail" in page(response)


def test_the_link_does_not_leak_through_the_referrer_or_a_cache(client) -> None:
    _rating, token = rating_link()
    response = client.get(url(token))
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_neither_the_link_nor_the_comment_is_logged(client, caplog, time_machine) -> None:
    rating, token = rating_link()
    caplog.set_level(logging.DEBUG)
    client.post(url(token), {"stars": "1", "comment": "Geheime Meinung"})
    client.post(url(token), {"stars": "1", "comment": "Geheime Meinung"})
    client.get(url(tampered(token)))
    time_machine.move_to(rating.expires_at + timedelta(days=1), tick=False)
    client.get(url(token))
    assert token not in caplog.text
    assert "Geheime Meinung" not in caplog.text


def test_the_form_is_protected_against_forged_requests(client) -> None:
    rating, token = rating_link()
    guarded = Client(enforce_csrf_checks=True)
    assert guarded.post(url(token), {"stars": "5"}).status_code == 403
    guarded.get(url(token))
    csrf = guarded.cookies["csrftoken"].value
    response = guarded.post(url(token), {"stars": "5", "csrfmiddlewaretoken": csrf})
    assert response.status_code == 303
    assert stored(rating).stars == 5


def test_a_logged_in_viewer_may_rate(client, viewer) -> None:
    rating, token = rating_link()
    client.force_login(viewer)
    assert client.post(url(token), {"stars": "5"}).status_code == 303
    assert stored(rating).stars == 5


def test_the_page_needs_only_a_few_queries(client, django_assert_max_num_queries) -> None:
    _rating, token = rating_link()
    with django_assert_max_num_queries(4):
        client.get(url(token))
    with django_assert_max_num_queries(8):
        client.post(url(token), {"stars": "5", "comment": ""})
