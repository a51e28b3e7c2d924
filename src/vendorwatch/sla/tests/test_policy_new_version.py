from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from vendorwatch.expectations.models import Service
from vendorwatch.sla.models import SlaVersion
from vendorwatch.sla.tests.factory import add_version, make_policy, policy_post_data

pytestmark = pytest.mark.django_db


def test_the_form_is_prefilled_from_the_latest_version(client: Client, editor) -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    client.force_login(editor)
    text = client.get(reverse("sla-policy-new-version", args=[policy.pk])).text
    assert 'name="p1-response_amount" value="30"' in text
    assert f'value="{policy.name}"' in text


def test_saving_adds_a_version_and_keeps_the_old_one(client: Client, editor, time_machine) -> None:
    time_machine.move_to("2026-06-15 10:00Z")
    policy = make_policy(valid_from=date(2026, 1, 1))
    calendar = policy.versions.get().calendar
    client.force_login(editor)
    data = policy_post_data(
        calendar,
        **{
            "policy-name": policy.name,
            "version-valid_from": "01.07.2026",
            "p1-response_amount": "15",
        },
    )
    client.post(reverse("sla-policy-new-version", args=[policy.pk]), data)
    old, new = policy.versions.order_by("number")
    assert old.priorities.get(code="P1").response_amount == 30
    assert (new.valid_from, new.priorities.get(code="P1").response_amount) == (date(2026, 7, 1), 15)


def test_a_new_version_must_start_after_the_latest(client: Client, editor, time_machine) -> None:
    time_machine.move_to("2025-12-01 10:00Z")
    policy = make_policy(valid_from=date(2026, 1, 1))
    client.force_login(editor)
    data = policy_post_data(policy.versions.get().calendar, **{"policy-name": policy.name})
    response = client.post(reverse("sla-policy-new-version", args=[policy.pk]), data)
    assert "Eine neue Version muss nach der letzten beginnen (01.01.2026)." in response.text
    assert policy.versions.count() == 1


def test_a_new_version_cannot_start_in_the_past(client: Client, editor, time_machine) -> None:
    time_machine.move_to("2026-11-28 10:00Z")
    policy = make_policy(valid_from=date(2026, 1, 1))
    client.force_login(editor)
    data = policy_post_data(
        policy.versions.get().calendar,
        **{"policy-name": policy.name, "version-valid_from": "01.08.2026"},
    )
    response = client.post(reverse("sla-policy-new-version", args=[policy.pk]), data)
    assert "frühestens heute" in response.text
    assert policy.versions.count() == 1


def test_a_version_keeps_the_service_hours_it_was_made_with(time_machine) -> None:
    policy = make_policy(valid_from=date(2026, 1, 1))
    calendar = policy.versions.get().calendar
    calendar.weekly = [["00:00-24:00"]] * 7
    calendar.save()
    engine_calendar = policy.versions.get().to_engine().calendar
    assert engine_calendar.weekly[6] == ()


def _break_latest(policy) -> None:
    """A version dated 31.12.9999, as if written straight to the database."""
    latest = add_version(policy, date(2026, 9, 1))
    SlaVersion.objects.filter(pk=latest.pk).update(valid_from=date(9999, 12, 31))


def test_the_page_still_opens_after_a_version_valid_from_9999(
    client: Client, editor, time_machine
) -> None:
    time_machine.move_to("2026-06-15 10:00Z")
    policy = make_policy(valid_from=date(2026, 1, 1))
    _break_latest(policy)
    client.force_login(editor)
    response = client.get(reverse("sla-policy-new-version", args=[policy.pk]))
    assert response.status_code == 200
    assert "Version 2 gilt ab 31.12.9999" in response.text
    assert 'name="version-valid_from" value="15.06.2026"' in response.text


def test_a_new_version_can_be_saved_after_a_version_valid_from_9999(
    client: Client, editor, time_machine
) -> None:
    time_machine.move_to("2026-06-15 10:00Z")
    policy = make_policy(valid_from=date(2026, 1, 1))
    _break_latest(policy)
    client.force_login(editor)
    data = policy_post_data(
        policy.versions.get(number=1).calendar,
        **{"policy-name": policy.name, "version-valid_from": "01.07.2026"},
    )
    response = client.post(reverse("sla-policy-new-version", args=[policy.pk]), data)
    assert response.status_code == 302
    assert policy.version_at(date(2026, 7, 1)).number == 3


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("version-valid_from", "31.12.9999", "zwischen 01.01.2000 und 31.12.2099"),
        ("version-at_risk_percent", "²", "Bitte eine ganze Zahl eingeben."),
        ("version-credit_cap_percent", "sNaN", "Geben Sie eine Zahl ein."),
        ("p1-response_amount", "²", "Geben Sie eine Zahl ein."),
    ],
)
def test_an_absurd_value_is_refused_with_a_message(
    client: Client, editor, time_machine, field: str, typed: str, message: str
) -> None:
    time_machine.move_to("2026-06-15 10:00Z")
    policy = make_policy(valid_from=date(2026, 1, 1))
    client.force_login(editor)
    data = policy_post_data(
        policy.versions.get().calendar,
        **{"policy-name": policy.name, "version-valid_from": "01.07.2026", field: typed},
    )
    response = client.post(reverse("sla-policy-new-version", args=[policy.pk]), data)
    assert response.status_code == 200
    assert message in response.text
    assert policy.versions.count() == 1


def test_an_availability_target_of_nan_is_refused(client: Client, editor, time_machine) -> None:
    time_machine.move_to("2026-06-15 10:00Z")
    service = Service.objects.create(name="Server", needed=True)
    policy = make_policy(valid_from=date(2026, 1, 1))
    client.force_login(editor)
    data = policy_post_data(
        policy.versions.get().calendar,
        **{
            "policy-name": policy.name,
            "version-valid_from": "01.07.2026",
            f"availability-service_{service.pk}": "NaN",
        },
    )
    response = client.post(reverse("sla-policy-new-version", args=[policy.pk]), data)
    assert response.status_code == 200
    assert "Geben Sie eine Zahl ein." in response.text
    assert policy.versions.count() == 1
