import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.tests.factory import make_calendar

pytestmark = pytest.mark.django_db
URL = reverse("sla-calendar-list")


def test_it_lists_calendars(client: Client, viewer) -> None:
    make_calendar(name="Büro Augsburg")
    client.force_login(viewer)
    assert "Büro Augsburg" in client.get(URL).text


def test_a_viewer_sees_no_button_to_add(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert reverse("sla-calendar-add") not in client.get(URL).text


def test_it_pages_long_lists(client: Client, editor) -> None:
    for _n in range(30):
        make_calendar()
    client.force_login(editor)
    assert "Seite 1 von 2" in client.get(URL).text


def test_it_names_the_holidays_in_words(client: Client, viewer) -> None:
    make_calendar(holiday_region="DE-BY", holiday_categories="public,catholic")
    client.force_login(viewer)
    text = client.get(URL).text
    assert (
        "Bayern — gesetzliche Feiertage, dazu die örtlichen Feiertage: Mariä Himmelfahrt "
        "(15. August)" in text
    )
    assert "DE-BY" not in text and "(public)" not in text
