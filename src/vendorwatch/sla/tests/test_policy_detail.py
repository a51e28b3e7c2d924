from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from vendorwatch.sla.models import SlaVersion
from vendorwatch.sla.tests.factory import add_version, make_policy

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 8, 1, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))


@time_machine.travel(NOW, tick=False)
def test_it_shows_the_version_that_applies_today(client: Client, viewer) -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    add_version(policy, date(2026, 7, 1), p1_response_minutes=15)
    client.force_login(viewer)
    text = client.get(reverse("sla-policy-detail", args=[policy.pk])).text
    assert "Gilt heute: Version 2" in text
    assert "15 Min. Servicezeit" in text
    assert "01.07.2026" in text and "01.01.2026" in text


@time_machine.travel(NOW, tick=False)
def test_an_older_version_can_be_viewed(client: Client, viewer) -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    add_version(policy, date(2026, 7, 1), p1_response_minutes=15)
    client.force_login(viewer)
    text = client.get(reverse("sla-policy-detail", args=[policy.pk]) + "?version=1").text
    assert "30 Min. Servicezeit" in text
    assert "Dies ist nicht die Version, die heute gilt." in text


def test_a_viewer_sees_no_change_button(client: Client, viewer) -> None:
    policy = make_policy()
    client.force_login(viewer)
    text = client.get(reverse("sla-policy-detail", args=[policy.pk])).text
    assert reverse("sla-policy-new-version", args=[policy.pk]) not in text


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("requested", ["²", "7", "-1", "1e3"])
def test_an_unknown_version_number_shows_the_current_version_with_a_message(
    client: Client, viewer, requested: str
) -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    client.force_login(viewer)
    url = reverse("sla-policy-detail", args=[policy.pk])
    response = client.get(url, {"version": requested})
    assert response.status_code == 200
    assert f"Eine Version „{requested}“ gibt es bei dieser Vereinbarung nicht" in response.text
    assert "Gilt heute: Version 1" in response.text


@time_machine.travel(NOW, tick=False)
def test_a_version_stored_as_valid_from_9999_is_shown_as_not_computable(
    client: Client, viewer
) -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    broken = add_version(policy, date(2026, 9, 1))
    SlaVersion.objects.filter(pk=broken.pk).update(valid_from=date(9999, 12, 31))
    client.force_login(viewer)
    response = client.get(reverse("sla-policy-detail", args=[policy.pk]))
    assert response.status_code == 200
    assert (
        "Version 2 gilt ab 31.12.9999: Mit diesem Datum kann nicht gerechnet werden – bitte prüfen."
        in response.text
    )
    assert "kann nicht berechnet werden – bitte prüfen" in response.text
    assert "Gilt heute: Version 1" in response.text
    assert policy.version_at(NOW).number == 1
