import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.tests.factory import calendar_post_data, make_calendar

pytestmark = pytest.mark.django_db


def test_it_changes_the_hours(client: Client, editor) -> None:
    calendar = make_calendar()
    client.force_login(editor)
    data = calendar_post_data(name=calendar.name, day_4="08:00-12:00")
    response = client.post(reverse("sla-calendar-edit", args=[calendar.pk]), data)
    assert response.status_code == 302
    calendar.refresh_from_db()
    assert calendar.weekly[4] == ["08:00-12:00"]


def test_the_form_shows_the_saved_hours(client: Client, editor) -> None:
    calendar = make_calendar(weekly=[["07:30-16:00"]] * 5 + [[], []])
    client.force_login(editor)
    assert "07:30-16:00" in client.get(reverse("sla-calendar-edit", args=[calendar.pk])).text


def test_names_are_unique(client: Client, editor) -> None:
    make_calendar(name="Büro")
    calendar = make_calendar()
    client.force_login(editor)
    data = calendar_post_data(name="Büro")
    response = client.post(reverse("sla-calendar-edit", args=[calendar.pk]), data)
    assert response.status_code == 200
