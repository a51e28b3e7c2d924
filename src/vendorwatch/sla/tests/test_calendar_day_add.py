from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.tests.factory import make_calendar

pytestmark = pytest.mark.django_db


def test_it_adds_a_half_day(client: Client, editor) -> None:
    calendar = make_calendar()
    client.force_login(editor)
    data = {"date": "24.12.2026", "hours": "08:00-12:00", "note": "Heiligabend"}
    client.post(reverse("sla-calendar-day-add", args=[calendar.pk]), data)
    day = calendar.days.get()
    assert (day.date, day.windows) == (date(2026, 12, 24), ["08:00-12:00"])


def test_empty_hours_mean_closed(client: Client, editor) -> None:
    calendar = make_calendar()
    client.force_login(editor)
    data = {"date": "28.12.2026", "hours": "", "note": "Betriebsferien"}
    client.post(reverse("sla-calendar-day-add", args=[calendar.pk]), data)
    assert calendar.days.get().windows == []


def test_one_exception_per_date(client: Client, editor) -> None:
    calendar = make_calendar()
    calendar.days.create(date=date(2026, 12, 24))
    client.force_login(editor)
    data = {"date": "24.12.2026", "hours": ""}
    response = client.post(reverse("sla-calendar-day-add", args=[calendar.pk]), data)
    assert "Für den 24.12.2026 gibt es schon eine Ausnahme" in response.text


@pytest.mark.parametrize("typed", ["31.12.9999", "01.01.0001"])
def test_an_absurd_date_is_refused_next_to_the_field(client: Client, editor, typed: str) -> None:
    calendar = make_calendar()
    client.force_login(editor)
    data = {"date": typed, "hours": ""}
    response = client.post(reverse("sla-calendar-day-add", args=[calendar.pk]), data)
    assert response.status_code == 200
    assert "Bitte ein Datum zwischen 01.01.2000 und 31.12.2099 eingeben." in response.text
    assert not calendar.days.exists()
