import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.models import BusinessCalendar
from vendorwatch.sla.tests.factory import calendar_post_data

pytestmark = pytest.mark.django_db
URL = reverse("sla-calendar-add")


def test_it_creates_a_calendar(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(URL, calendar_post_data())
    assert response.status_code == 302
    calendar = BusinessCalendar.objects.get()
    assert calendar.weekly == [["08:00-17:00"]] * 5 + [[], []]


def test_bad_input_keeps_the_form_with_the_message(client: Client, editor) -> None:
    client.force_login(editor)
    response = client.post(URL, calendar_post_data(day_0="8 Uhr"))
    assert response.status_code == 200
    assert "ist kein Zeitfenster" in response.text
    assert not BusinessCalendar.objects.exists()


def test_a_viewer_may_not_add(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert client.get(URL).status_code == 403
