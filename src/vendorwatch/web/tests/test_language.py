import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_switching_to_english_sticks(client: Client, viewer) -> None:
    client.force_login(viewer)
    client.post(reverse("web-language"), {"language": "en", "next": "/"})
    assert "<h1>Dashboard</h1>" in client.get("/").text


def test_the_switch_returns_to_the_same_page(client: Client, viewer) -> None:
    client.force_login(viewer)
    response = client.post(reverse("web-language"), {"language": "en", "next": "/settings/"})
    assert response["Location"] == "/settings/"


def test_an_unknown_language_falls_back_to_german(client: Client, viewer) -> None:
    client.cookies["vendorwatch_language"] = "fr"
    client.force_login(viewer)
    assert "<h1>Übersicht</h1>" in client.get("/").text


def test_the_login_page_can_switch_too(client: Client) -> None:
    client.post(reverse("web-language"), {"language": "en", "next": "/login/"})
    assert "<h1>Log in</h1>" in client.get(reverse("accounts-login")).text


def test_english_dates_look_like_german_ones(settings) -> None:
    from datetime import date

    from django.utils import formats, translation

    with translation.override("en"):
        assert formats.date_format(date(2026, 11, 27), "SHORT_DATE_FORMAT") == "27.11.2026"


def test_an_english_request_leaves_the_language_as_it_was(client: Client, viewer) -> None:
    from django.utils import translation

    client.cookies["vendorwatch_language"] = "en"
    client.force_login(viewer)
    with translation.override("de"):
        client.get("/")
        assert translation.get_language() == "de"


def test_a_streamed_answer_is_written_in_the_users_language(rf, viewer) -> None:
    from django.http import StreamingHttpResponse
    from django.utils.translation import gettext

    from vendorwatch.web.middleware import LanguageMiddleware

    def view(request):
        return StreamingHttpResponse(gettext(word).encode() for word in ["Dashboard"])

    request = rf.get("/")
    request.user = viewer
    request.COOKIES["vendorwatch_language"] = "en"
    response = LanguageMiddleware(view)(request)
    assert b"".join(response.streaming_content) == b"Dashboard"
