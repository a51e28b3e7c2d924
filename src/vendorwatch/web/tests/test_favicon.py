import pytest
from django.contrib.staticfiles import finders
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_log_in_page_names_its_icon(client: Client) -> None:
    text = client.get("/login/").text
    assert 'rel="icon"' in text and "favicon.svg" in text


def test_favicon_ico_leads_to_the_icon_without_a_log_in(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("vendorwatch/favicon.svg")


def test_the_icon_is_a_static_file() -> None:
    assert finders.find("vendorwatch/favicon.svg")
