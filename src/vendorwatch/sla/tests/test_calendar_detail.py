from datetime import date

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

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
