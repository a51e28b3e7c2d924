import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.models import BusinessCalendar
from vendorwatch.sla.tests.factory import make_calendar, make_policy

pytestmark = pytest.mark.django_db


def test_it_asks_first(client: Client, editor) -> None:
    calendar = make_calendar(name="Büro")
    client.force_login(editor)
    response = client.get(reverse("sla-calendar-delete", args=[calendar.pk]))
    assert "„Büro“ löschen?" in response.text


def test_it_deletes_after_confirmation(client: Client, editor) -> None:
    calendar = make_calendar()
    client.force_login(editor)
    client.post(reverse("sla-calendar-delete", args=[calendar.pk]))
    assert not BusinessCalendar.objects.exists()


def test_a_calendar_used_by_a_policy_is_kept_with_a_calm_message(client: Client, editor) -> None:
    calendar = make_policy().versions.get().calendar
    client.force_login(editor)
    response = client.post(reverse("sla-calendar-delete", args=[calendar.pk]), follow=True)
    assert BusinessCalendar.objects.filter(pk=calendar.pk).exists()
    assert "nicht gelöscht" in response.text
