from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.models import BusinessCalendar
from vendorwatch.sla.tests.factory import make_calendar

pytestmark = pytest.mark.django_db


@time_machine.travel("2026-12-22 09:00 +01:00", tick=False)
def test_the_preview_shows_holidays_and_exceptions(client: Client, viewer) -> None:
    calendar = make_calendar(holiday_region="DE-BY")
    calendar.days.create(date=date(2026, 12, 24), windows=["08:00-12:00"], note="halber Tag")
    calendar.days.create(date=date(2026, 12, 28), windows=[], note="Betriebsferien")
    client.force_login(viewer)
    text = client.get(reverse("sla-calendar-detail", args=[calendar.pk])).text
    assert "Dienstag, 22.12.2026" in text
    assert "Feiertag: Erster Weihnachtstag" in text
    assert "08:00–12:00 (halber Tag)" in text
    assert "geschlossen: Betriebsferien" in text
    assert "04.01.2027" in text and "05.01.2027" not in text


def test_an_unknown_calendar_is_not_found(client: Client, viewer) -> None:
    client.force_login(viewer)
    assert client.get(reverse("sla-calendar-detail", args=[999])).status_code == 404


@time_machine.travel("2025-08-04 09:00 +02:00", tick=False)
def test_the_preview_shows_the_peace_festival_as_a_closed_local_holiday(
    client: Client, viewer
) -> None:
    calendar = make_calendar(holiday_region="DE-Augsburg")
    client.force_login(viewer)
    text = client.get(reverse("sla-calendar-detail", args=[calendar.pk])).text
    row = text.split("Freitag, 08.08.2025</th>")[1].split("</tr>")[0]
    assert "Örtlicher Feiertag: Augsburger Hohes Friedensfest – geschlossen" in row


def test_the_holiday_list_of_a_year_marks_the_local_holidays_closed(client: Client, viewer) -> None:
    calendar = make_calendar(holiday_region="DE-BY", holiday_categories="public,catholic")
    client.force_login(viewer)
    text = client.get(reverse("sla-calendar-detail", args=[calendar.pk]) + "?year=2026").text
    assert "Feiertage 2026" in text
    row = text.split("Samstag, 15.08.2026")[1].split("</tr>")[0]
    assert "Mariä Himmelfahrt" in row and "örtlicher Feiertag" in row
    assert "geschlossen" in row and "abgeschlossen" not in row


def test_the_holiday_list_shows_hours_an_exception_gives_a_holiday(client: Client, viewer) -> None:
    calendar = make_calendar(holiday_region="DE-Augsburg")
    calendar.days.create(date=date(2025, 8, 8), windows=["08:00-12:00"], note="Notdienst")
    client.force_login(viewer)
    text = client.get(reverse("sla-calendar-detail", args=[calendar.pk]) + "?year=2025").text
    row = text.split("Freitag, 08.08.2025")[-1].split("</tr>")[0]
    assert "geöffnet 08:00–12:00 (Ausnahme)" in row


def test_without_the_option_augsburg_holidays_are_not_listed(client: Client, viewer) -> None:
    calendar = make_calendar(holiday_region="DE-BY")
    client.force_login(viewer)
    text = client.get(reverse("sla-calendar-detail", args=[calendar.pk]) + "?year=2025").text
    assert "Friedensfest" not in text and "Mariä Himmelfahrt" not in text


@time_machine.travel("2026-12-22 09:00 +01:00", tick=False)
@pytest.mark.parametrize("year", ["²", "9999", "-1", "2026.5"])
def test_an_absurd_year_shows_the_current_one_with_a_message(
    client: Client, viewer, year: str
) -> None:
    calendar = make_calendar()
    client.force_login(viewer)
    response = client.get(reverse("sla-calendar-detail", args=[calendar.pk]), {"year": year})
    assert response.status_code == 200
    assert "Bitte ein Jahr zwischen 1900 und 2199 eingeben" in response.text
    assert "Feiertage 2026" in response.text


def test_service_hours_that_cannot_be_computed_are_shown_with_a_message(
    client: Client, viewer
) -> None:
    calendar = make_calendar()
    BusinessCalendar.objects.filter(pk=calendar.pk).update(time_zone="Mars/Olympus_Mons")
    client.force_login(viewer)
    response = client.get(reverse("sla-calendar-detail", args=[calendar.pk]))
    assert response.status_code == 200
    assert "Mit diesen Servicezeiten kann nicht gerechnet werden – bitte prüfen" in response.text
