"""The list of ratings: the mean of the last 90 days first, every request with its state,
filters by provider and low ratings, pages, the empty state and extreme values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from vendorwatch.feedback.models import ProblemRating
from vendorwatch.feedback.tests.factory import make_rating
from vendorwatch.problems.tests.factory import make_problem
from vendorwatch.providers.models import Provider
from vendorwatch.testing.factory import make_provider, make_user

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
URL = "/feedback/ratings/"


@pytest.fixture(autouse=True)
def clock(time_machine: Any) -> None:
    time_machine.move_to(NOW, tick=False)


def page(user: Any, query: str = "") -> str:
    client = Client()
    client.force_login(user)
    response = client.get(URL + query)
    assert response.status_code == 200
    return response.content.decode()


def rated(provider: Provider, stars: int, days_ago: int = 1, **fields: Any) -> ProblemRating:
    answered = NOW - timedelta(days=days_ago)
    fields.setdefault("requested_at", answered - timedelta(hours=2))
    rating, _token = make_rating(
        make_problem(provider=provider), stars=stars, answered_at=answered, **fields
    )
    return rating


def test_the_list_is_at_its_address() -> None:
    assert reverse("feedback-ratings") == URL


def test_someone_without_a_role_may_not_see_it(client: Client) -> None:
    client.force_login(make_user(role=None))
    assert client.get(URL).status_code == 403


def test_it_leads_with_the_mean_of_the_last_90_days(viewer: Any) -> None:
    provider = make_provider()
    for stars in (5, 4, 2):
        rated(provider, stars)
    rated(provider, 1, days_ago=91)
    text = page(viewer)
    # (5 + 4 + 2) / 3 = 3.67
    lead = "in den letzten 90 Tagen im Durchschnitt mit 3,7 von 5 Sternen bewertet (3 Bewertungen)"
    assert lead in text
    assert "Davon ist 1 niedrig (2 Sterne oder weniger)." in text
    assert text.index(lead) < text.index("<table")


def test_without_recent_ratings_the_lead_says_so(viewer: Any) -> None:
    rated(make_provider(), 4, days_ago=100)
    assert "In den letzten 90 Tagen wurde keine Lösung bewertet." in page(viewer)


def test_a_row_shows_the_rating_as_words_and_hidden_stars(viewer: Any) -> None:
    rating = rated(make_provider(name="IT-Service Huber"), 4, comment="Gut gelöst")
    text = page(viewer)
    assert f'href="/problems/{rating.problem.pk}/"' in text
    assert "IT-Service Huber" in text and "mia.mueller@example.com" in text
    assert '<span aria-hidden="true">★★★★☆</span> 4 von 5' in text
    assert "Gut gelöst" in text and "bewertet am 03.12.2026" in text


def test_a_low_rating_is_marked_with_a_word(viewer: Any) -> None:
    rated(make_provider(), 2)
    assert '<strong class="warning-text">niedrig</strong>' in page(viewer)


def test_waiting_and_expired_requests_say_so(viewer: Any) -> None:
    provider = make_provider()
    make_rating(make_problem(provider=provider))
    make_rating(
        make_problem(provider=provider),
        requested_at=NOW - timedelta(days=20),
        expires_at=NOW - timedelta(days=6),
    )
    text = page(viewer)
    assert "wartet auf Antwort (Link gültig bis 18.12.2026)" in text
    assert "Link abgelaufen ohne Bewertung" in text


def test_the_provider_filter_shows_its_ratings_and_its_mean(viewer: Any) -> None:
    huber, other = make_provider(name="IT-Service Huber"), make_provider(name="Andere GmbH")
    rated(huber, 5, comment="Huber war schnell")
    rated(other, 1, comment="Andere waren langsam")
    text = page(viewer, f"?provider={huber.pk}")
    assert "Huber war schnell" in text and "Andere waren langsam" not in text
    assert "IT-Service Huber: in den letzten 90 Tagen im Durchschnitt mit 5,0" in text


def test_only_low_ratings_can_be_shown(viewer: Any) -> None:
    provider = make_provider()
    rated(provider, 5, comment="Alles bestens")
    rated(provider, 1, comment="Nicht gelöst")
    text = page(viewer, "?low=on")
    assert "Nicht gelöst" in text and "Alles bestens" not in text


def test_an_unknown_filter_value_shows_all(viewer: Any) -> None:
    rated(make_provider(), 5, comment="Alles bestens")
    assert "Alles bestens" in page(viewer, "?provider=x")
    assert "Alles bestens" in page(viewer, "?provider=999999")


def test_the_list_has_pages(viewer: Any, settings: Any) -> None:
    settings.PAGE_SIZE = 2
    provider = make_provider()
    for days in (1, 2, 3):
        rated(provider, 4, days_ago=days)
    text = page(viewer, f"?provider={provider.pk}")
    assert "Seite 1 von 2" in text and f"?provider={provider.pk}&amp;page=2" in text


def test_the_empty_state_explains_where_ratings_come_from(viewer: Any) -> None:
    text = page(viewer)
    assert (
        "Noch keine Bewertungen. Sobald eine Störung gelöst ist, wird die betroffene Person "
        "per E-Mail gebeten, die Lösung zu bewerten."
    ) in text
    assert "<table" not in text


def test_a_filter_without_matches_offers_all(viewer: Any) -> None:
    rated(make_provider(), 5)
    text = page(viewer, "?low=on")
    assert "Keine Bewertung passt zu diesen Filtern." in text


def test_a_long_comment_is_shortened_with_the_full_text_at_hand(viewer: Any) -> None:
    rated(make_provider(), 3, comment="Anfang " + "x" * 4990)
    text = page(viewer)
    assert "<summary>Ganzen Kommentar lesen</summary>" in text
    assert text.count("x") >= 4990


def test_extreme_values_render(viewer: Any) -> None:
    provider = make_provider(name="P" * 200)
    rating = rated(provider, 1, name="N" * 200, comment="Ü" * 5000)
    rating.problem.title = "T" * 200
    rating.problem.save(update_fields=["title"])
    far = datetime(9999, 12, 31, 23, 30, tzinfo=UTC)
    ProblemRating.objects.filter(pk=rating.pk).update(
        requested_at=far, expires_at=far, answered_at=far
    )
    table = page(viewer).split("<table", 1)[1]
    assert "31.12.9999" in table
    assert "N" * 200 not in table and "P" * 200 not in table  # break points to wrap


def test_the_page_asks_as_often_with_more_ratings(viewer: Any) -> None:
    client = Client()
    client.force_login(viewer)

    def queries() -> int:
        client.get(URL)  # the first request of a session looks up more
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    rated(make_provider(), 4)
    few = queries()
    for stars in (1, 2, 3, 5):
        rated(make_provider(), stars)
    assert queries() == few


def test_the_page_speaks_english(viewer: Any) -> None:
    rated(make_provider(), 4)
    client = Client()
    client.force_login(viewer)
    client.post(reverse("web-language"), {"language": "en", "next": "/"})
    text = client.get(URL).content.decode()
    assert "Solutions were rated 4.0 of 5 stars on average in the last 90 days" in text
    assert "4 of 5" in text
