"""Nothing a logged-in user sees may stay in a browser's or proxy's cache (no-store)."""

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.problems.tests.factory import make_problem

pytestmark = pytest.mark.django_db


def test_a_logged_in_page_is_not_stored(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert client.get("/")["Cache-Control"] == "no-store"


def test_the_csv_export_is_not_stored(client: Client, viewer) -> None:
    make_problem()
    client.force_login(viewer)
    response = client.get(reverse("problems-export-csv"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_the_xlsx_export_is_not_stored(client: Client, viewer) -> None:
    make_problem()
    client.force_login(viewer)
    response = client.get(reverse("problems-export-xlsx"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_a_pdf_is_not_stored(client: Client, viewer) -> None:
    problem = make_problem()
    client.force_login(viewer)
    response = client.get(reverse("problems-report-pdf", args=[problem.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"


def test_an_anonymous_page_without_a_policy_is_not_stored(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"


def test_the_health_check_keeps_never_cache(client: Client) -> None:
    policy = client.get(reverse("web-healthz"))["Cache-Control"]
    assert "no-store" in policy and "max-age=0" in policy


def test_static_files_stay_cacheable(client: Client) -> None:
    response = client.get("/static/vendor/pico/pico.min.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_calendar_feed_keeps_its_own_policy_for_calendar_programs(client: Client, viewer):
    from vendorwatch.contracts.models import CalendarFeedToken

    _feed, token = CalendarFeedToken.issue(user=viewer, language="de")
    response = client.get(reverse("contracts-calendar-feed", args=[token]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, max-age=900"
