from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.tests.factory import make_calendar

pytestmark = pytest.mark.django_db


def test_it_deletes_an_exception_after_confirmation(client: Client, editor) -> None:
    day = make_calendar().days.create(date=date(2026, 12, 24))
    client.force_login(editor)
    url = reverse("sla-calendar-day-delete", args=[day.pk])
    assert client.get(url).status_code == 200
    client.post(url)
    assert not day.calendar.days.exists()
